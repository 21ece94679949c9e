"""``earpiece serve``: the host service with the voice loop (or the echo, for link checks)."""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from .pairing import PairingError, PairingStore
from .link_audio import CODEC_NAMES
from .protocol import HostCapability
from .server import Server, ServerConfig
from .session import SessionConfig
from .settings import LINK_CODECS, VOICE_ENGINES, SettingsError, load_settings, voice_engine_arg
from .speech.recogniser_process import DEFAULT_PROCESSES
from .speech.wake import WAKE_WORDS
from .transport import DEFAULT_TCP_PORT, EndpointError, parse_endpoint

log = logging.getLogger("earpiece")


@dataclass(frozen=True)
class EngineChoice:
    """Which speech engines and OS data to use; the same for serve, demo and bench."""

    asr: str = "auto"  # one of settings.VOICE_ENGINES["asr"]: a name in speech.choose.RECOGNISERS, or wyoming://HOST:PORT
    vosk_model: Path | None = None
    voice: Path | None = None  # a Piper .onnx voice; None: the bundled en_US-joe-medium
    data_dir: Path | None = None  # the OS's SQLite database, letters...
    allow_download: bool = True
    tts: str = "piper"  # one of settings.VOICE_ENGINES["tts"]
    dialogue: tuple[tuple[str, object], ...] = ()  # the OS's settings (DialogueConfig fields) from earpiece.toml


def load_voice_services(choice: EngineChoice, asr_processes: int = DEFAULT_PROCESSES, **voice_kw):
    """Load the engines once (slow: seconds), for every session to share.

    A recogniser that holds the GIL runs in up to `asr_processes` worker processes, and the
    sessions' endpointers in one more (0: all in the host's own; speech/recogniser_process.py,
    turn_taking_process.py)."""
    from .dialogue import open_engine
    from .dialogue.store import StoreError
    from .dialogue.unavailable import UnavailableOS
    from .speech.choose import choose_engine, load_recogniser_factory, snapped_to_os
    from .speech.piper_engine import load_synthesiser
    from .speech.recogniser_process import RecogniserProcesses, worker_processes
    from .speech.tts import VoiceUnavailableError
    from .turn_taking_process import TurnTakerProcesses
    from .voice import VoiceServices
    from .wyoming.remote import is_wyoming_uri, with_remote_stages

    if choice.tts != "piper" and not is_wyoming_uri(choice.tts):
        raise VoiceUnavailableError(f"the speech synthesiser {choice.tts!r} cannot be loaded by this host")
    try:
        brain = open_engine(choice.data_dir, **dict(choice.dialogue))
    except StoreError as err:
        # Keep serving: every request gets a spoken apology until the database is fixed.
        log.error("%s", err)
        log.error("serving without the OS's memory: every request is answered with an apology until then")
        brain = UnavailableOS(str(err))
    # A remote (Wyoming) stage keeps the local engine loaded: it takes over when the remote is down.
    recognisers = processes = None
    try:
        names = brain.user_names()  # the grammar and Whisper's prompt
        asr = "auto" if is_wyoming_uri(choice.asr) else choice.asr
        # Which engine, and so where it runs, is known before its model loads: it loads once.
        engine = choose_engine(asr, vosk_model=choice.vosk_model, allow_download=choice.allow_download)
        load = functools.partial(load_recogniser_factory, vosk_model=choice.vosk_model, user_names=names,
                                 note=engine.note, auto_choice=engine.auto)
        if asr_processes > 0 and engine.in_worker_processes:
            # Whisper's n-best choice asks the OS, so it stays here, around the worker process.
            choice_in_host = engine.name == "whisper"
            processes = RecogniserProcesses(functools.partial(load, engine.name, allow_download=False,
                                                              bias=not choice_in_host),
                                            engine.name, processes=worker_processes(engine.name, asr_processes))
            recognisers = snapped_to_os(processes, names, brain.looks_complete) if choice_in_host else processes
        else:  # `auto` that found Vosk loads as `auto`: a cached model that fails falls back to Whisper
            recognisers = load(asr if engine.name == "vosk" else engine.name, allow_download=choice.allow_download,
                               understands=brain.looks_complete)  # Whisper's n-best choice
        synthesiser = load_synthesiser(choice.voice)
    except BaseException:
        if processes is not None:
            processes.close()
        brain.close()
        raise
    recognisers, synthesiser = with_remote_stages(
        recognisers, synthesiser, asr_uri=choice.asr if is_wyoming_uri(choice.asr) else None,
        tts_uri=choice.tts if is_wyoming_uri(choice.tts) else None)
    services = VoiceServices(recognisers, synthesiser, brain, **voice_kw)
    if processes is not None:
        services.recogniser_processes = processes
        services.closing.append(processes.close)
    if asr_processes > 0:  # the endpointers too (Silero holds the GIL): turn_taking_process.py
        services.turn_takers = TurnTakerProcesses(services.config.endpoint, services.config.turn_taking)
        services.closing.append(services.turn_takers.close)
    return services


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("engines")
    group.add_argument("--asr", type=voice_engine_arg("asr"), default=None, metavar="|".join(VOICE_ENGINES["asr"]),
                       help="speech recogniser (default: [voice] asr in the settings, else auto: Vosk English "
                            "if its model is available, else Whisper, else pocketsphinx; whisper: Whisper "
                            "tiny.en, decoded at each pause; wyoming://HOST:PORT: a remote Wyoming recogniser, "
                            "with the local one as fallback)")
    group.add_argument("--tts", type=voice_engine_arg("tts"), default=None, metavar="|".join(VOICE_ENGINES["tts"]),
                       help="speech synthesiser (default: [voice] tts in the settings, else piper; "
                            "wyoming://HOST:PORT: a remote Wyoming synthesiser, with the local Piper voice as fallback)")
    group.add_argument("--vosk-model", type=Path, metavar="DIR", help="use this Vosk model folder")
    group.add_argument("--no-download", action="store_true",
                       help="never try to download the Vosk English model")
    group.add_argument("--voice", type=Path, metavar="VOICE.onnx",
                       help="a Piper voice (default: the bundled en_US-joe-medium)")
    group.add_argument("--data-dir", type=Path, metavar="DIR",
                       help="where the OS keeps its database and letters (default: the user's "
                            "data folder)")
    group.add_argument("--config", type=Path, metavar="FILE",
                       help="the settings file (default: $EARPIECE_CONFIG, else earpiece.toml in the data folder)")


def engine_choice(args: argparse.Namespace) -> EngineChoice:
    """The engines and OS settings: command-line flags, else the settings file, else the defaults.

    Raises settings.SettingsError when the settings file is wrong (the message says where and why).
    """
    settings = load_settings(args.config, data_dir=args.data_dir)
    voice = settings.voice
    return EngineChoice(asr=args.asr or voice.asr, vosk_model=args.vosk_model or voice.vosk_model,
                        voice=args.voice or voice.piper_voice, data_dir=args.data_dir,
                        allow_download=not args.no_download and voice.download, tts=args.tts or voice.tts,
                        dialogue=tuple(settings.dialogue_options().items()))


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
    parser.add_argument("--turns", type=Path, metavar="FILE",
                        help="append one JSON line per turn (device, heard, intent, reply, latency) to "
                             "FILE, readable only by you; the log never holds what was said")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--codec", choices=list(LINK_CODECS),
                        help="the link's audio codec when the earpiece offers a choice (default: "
                             "[voice] codec in the settings, else adpcm: IMA ADPCM, which fits a "
                             "115200-baud USB console)")
    parser.add_argument("--wake-word", choices=WAKE_WORDS, metavar="NAME",
                        help="hands-free turns need this wake word instead of the persona's name "
                             f"({', '.join(WAKE_WORDS)})")
    parser.add_argument("--barge-in", action="store_true",
                        help="voice barge-in: the earpiece streams its microphone while a reply "
                             "plays; the host cancels the echo, and \"stop\" or a new request "
                             "stops the reply (needs libspeexdsp; [voice] barge_in = true in the "
                             "settings turns it on too)")
    add_engine_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    listen = args.listen or ([] if args.serial else [f"tcp://0.0.0.0:{DEFAULT_TCP_PORT}"])
    try:
        for uri in listen:
            if parse_endpoint(uri, "tcp").scheme != "tcp":
                raise EndpointError(f"{uri}: --listen takes tcp://HOST:PORT; a serial port goes "
                                    "to --serial")
        for uri in args.serial:
            parse_endpoint(uri, "serial")
    except EndpointError as err:  # checked before the engines load, in one line
        print(f"earpiece serve: {err}", file=sys.stderr)
        return 2
    except ValueError as err:  # what urllib says of a malformed address ("Invalid IPv6 URL")
        print(f"earpiece serve: {err}; use tcp://HOST:PORT or serial:///dev/PORT", file=sys.stderr)
        return 2
    try:
        voice_settings = load_settings(args.config, data_dir=args.data_dir).voice
    except SettingsError as err:
        print(f"earpiece serve: {err}", file=sys.stderr)
        return 1
    codec = args.codec or voice_settings.codec
    session = SessionConfig(codec=CODEC_NAMES[codec])
    barge_in = None
    # the setting turns it on for the voice loop; the echo link check has none
    if args.barge_in or (voice_settings.barge_in and not args.echo):
        if args.echo:
            parser.error("--barge-in is for the voice loop; it does not go with --echo")
        from .speech import echo_cancel
        from .speech.barge_in import BargeInConfig

        try:
            echo_cancel.SpeexEchoCanceller().close()  # before loading engines: fails at once
        except echo_cancel.EchoCancellerUnavailable as err:
            print(f"earpiece serve: {err}", file=sys.stderr)
            return 1
        barge_in = BargeInConfig()
        session = session.offering(HostCapability.VOICE_BARGE_IN
                                   | HostCapability.PLAYBACK_POSITION)
    config = ServerConfig(listen=tuple(listen), serial=tuple(args.serial), session=session)
    pairings = PairingStore.in_data_dir(args.data_dir)
    journal = None
    if args.turns is not None:
        if args.echo:
            parser.error("--turns records the voice loop's turns; it does not go with --echo")
        from .turn_journal import TurnJournal

        try:
            journal = TurnJournal(args.turns)  # before loading engines: a bad path fails at once
        except OSError as err:
            print(f"earpiece serve: cannot write the turns file {args.turns}: {err.strerror or err}; "
                  "check the path", file=sys.stderr)
            return 1
    if args.echo:
        from .echo import EchoHandler

        factory = lambda info: EchoHandler(info, record_dir=args.record)  # noqa: E731
        services = None
    else:
        from .speech.asr import ModelUnavailableError
        from .speech.tts import VoiceUnavailableError

        try:
            from .voice import VoiceConfig

            services = load_voice_services(engine_choice(args), on_turn=journal,
                                           config=VoiceConfig(wake_word=args.wake_word,
                                                              barge_in=barge_in))
        except (ModelUnavailableError, VoiceUnavailableError, SettingsError) as err:
            print(f"earpiece serve: {err}", file=sys.stderr)
            if journal is not None:
                journal.close()
            return 1
        log.info("speech recognition: %s", services.recognisers.description)
        log.info("speech synthesis: %s", services.synthesiser.description)
        factory = services.handler
    try:
        log.info("earpieces paired with this host: %d (%s); pair one with: earpiece devices "
                 "pair DEVICE_ID", len(pairings.all()), pairings.path)
        asyncio.run(Server(config, factory, pairings).serve_forever())
    except socket.gaierror as err:
        print(f"earpiece serve: cannot listen: the --listen host name does not resolve ({err}); "
              "use an address of this computer, e.g. --listen tcp://0.0.0.0:7700", file=sys.stderr)
        return 1
    except PairingError as err:
        print(f"earpiece serve: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"earpiece serve: cannot listen: {err}; is another host already running on that "
              "port? Pick another with --listen tcp://0.0.0.0:PORT", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        if services is not None:
            services.close()
        if journal is not None:
            journal.close()
    return 0
