"""``earpiece serve``: the host service with the voice loop (or the echo, for link checks)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from .server import Server, ServerConfig
from .speech.wake import WAKE_WORDS
from .transport import DEFAULT_TCP_PORT

log = logging.getLogger("earpiece")


@dataclass(frozen=True)
class EngineChoice:
    """Which speech engines and OS data to use; the same for serve, demo and bench."""

    asr: str = "auto"  # a name in speech.choose.RECOGNISERS: auto | vosk | pocketsphinx | whisper
    vosk_model: Path | None = None
    voice: Path | None = None  # a Piper .onnx voice; None: the bundled en_US-joe-medium
    data_dir: Path | None = None  # the OS's SQLite database, letters...
    allow_download: bool = True


def load_voice_services(choice: EngineChoice, **voice_kw):
    """Load the engines once (slow: seconds), for every session to share."""
    from .dialogue import open_engine
    from .speech.choose import load_recogniser_factory
    from .speech.piper_engine import load_synthesiser
    from .voice import VoiceServices

    brain = open_engine(choice.data_dir)
    recognisers = load_recogniser_factory(choice.asr, vosk_model=choice.vosk_model,
                                          allow_download=choice.allow_download, names=(brain.persona_name,))
    synthesiser = load_synthesiser(choice.voice)
    return VoiceServices(recognisers, synthesiser, brain, **voice_kw)


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("engines")
    from .speech.choose import RECOGNISERS

    group.add_argument("--asr", choices=tuple(RECOGNISERS), default="auto",
                       help="speech recogniser (auto: Vosk English if its model is available, "
                            "else pocketsphinx; whisper: Whisper tiny.en, decoded at each pause)")
    group.add_argument("--vosk-model", type=Path, metavar="DIR", help="use this Vosk model folder")
    group.add_argument("--no-download", action="store_true",
                       help="never try to download the Vosk English model")
    group.add_argument("--voice", type=Path, metavar="VOICE.onnx",
                       help="a Piper voice (default: the bundled en_US-joe-medium)")
    group.add_argument("--data-dir", type=Path, metavar="DIR",
                       help="where the OS keeps its database and letters (default: the user's "
                            "data folder)")


def engine_choice(args: argparse.Namespace) -> EngineChoice:
    return EngineChoice(asr=args.asr, vosk_model=args.vosk_model, voice=args.voice,
                        data_dir=args.data_dir, allow_download=not args.no_download)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="earpiece serve", description=__doc__)
    parser.add_argument("--listen", action="append", default=[], metavar="tcp://HOST:PORT",
                        help=f"accept earpieces on Wi-Fi here (default tcp://0.0.0.0:{DEFAULT_TCP_PORT} "
                             "when no --serial is given); repeatable")
    parser.add_argument("--serial", action="append", default=[], metavar="PORT",
                        help="serve an earpiece on this USB serial port (e.g. /dev/ttyACM0); repeatable")
    parser.add_argument("--echo", action="store_true",
                        help="play each heard turn straight back (checks the link; no speech engines)")
    parser.add_argument("--record", type=Path, metavar="DIR", help="with --echo: keep each turn as a WAV")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--wake-word", choices=WAKE_WORDS, metavar="NAME",
                        help="hands-free turns need this wake word instead of the persona's name "
                             f"({', '.join(WAKE_WORDS)})")
    add_engine_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    listen = args.listen or ([] if args.serial else [f"tcp://0.0.0.0:{DEFAULT_TCP_PORT}"])
    config = ServerConfig(listen=tuple(listen), serial=tuple(args.serial))
    if args.echo:
        from .echo import EchoHandler

        factory = lambda info: EchoHandler(info, record_dir=args.record)  # noqa: E731
        services = None
    else:
        from .speech.asr import ModelUnavailableError
        from .speech.tts import VoiceUnavailableError

        try:
            from .voice import VoiceConfig

            services = load_voice_services(engine_choice(args), config=VoiceConfig(wake_word=args.wake_word))
        except (ModelUnavailableError, VoiceUnavailableError) as err:
            print(f"earpiece serve: {err}", file=sys.stderr)
            return 1
        log.info("speech recognition: %s", services.recognisers.description)
        log.info("speech synthesis: %s", services.synthesiser.description)
        factory = services.handler
    try:
        asyncio.run(Server(config, factory).serve_forever())
    except OSError as err:
        print(f"earpiece serve: cannot listen: {err}; is another host already running on that "
              "port? Pick another with --listen tcp://0.0.0.0:PORT", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        if services is not None:
            services.close()
    return 0
