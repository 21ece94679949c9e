"""``earpiece wyoming``: this host's recogniser, synthesiser and OS as one Wyoming server."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from .server import DEFAULT_URI, ServerConfig, WyomingServer, exposure_warning, parse_tcp_uri
from .stages import StageNames, Stages

log = logging.getLogger("earpiece.wyoming")


def build_stages(args: argparse.Namespace) -> Stages:
    """The same engine choice and model handling as ``earpiece serve``, loaded lazily."""
    from ..dialogue import open_engine
    from ..speech.choose import load_recogniser_factory
    from ..speech.piper_engine import load_synthesiser

    vosk_language = args.language.lower().replace("_", "-")
    short = vosk_language.split("-")[0]
    names = StageNames(asr_engine=args.asr, asr_languages=(short,),
                       tts_voice=(args.voice.stem if args.voice else "en_US-joe-medium"))
    return Stages(
        lambda: load_recogniser_factory(args.asr, vosk_model=args.vosk_model, language=vosk_language,
                                        allow_download=not args.no_download),
        lambda: load_synthesiser(args.voice),
        lambda: open_engine(args.data_dir),
        names)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="earpiece wyoming", description=__doc__)
    parser.add_argument("--uri", default=DEFAULT_URI, metavar="tcp://HOST:PORT",
                        help=f"where to listen (default {DEFAULT_URI}: this machine only; port 0 picks a free one)")
    parser.add_argument("--zeroconf", nargs="?", const="earpiece", metavar="NAME",
                        help="advertise the server on the LAN as _wyoming._tcp (Home Assistant finds it)")
    parser.add_argument("--language", default="en-us",
                        help="the recogniser's language (a Vosk model's language with --vosk-model)")
    from ..speech.choose import RECOGNISERS

    parser.add_argument("--asr", choices=tuple(RECOGNISERS), default="auto",
                        help="speech recogniser (auto: Vosk English if its model is available, else Whisper, else "
                             "pocketsphinx; "
                             "whisper: Whisper tiny.en)")
    parser.add_argument("--vosk-model", type=Path, metavar="DIR", help="use this Vosk model folder")
    parser.add_argument("--no-download", action="store_true", help="never try to download the Vosk English model")
    parser.add_argument("--voice", type=Path, metavar="VOICE.onnx",
                        help="a Piper voice (default: the bundled en_US-joe-medium)")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="where the OS keeps its database and letters (default: the user's data folder)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        host, _ = parse_tcp_uri(args.uri)
    except ValueError as err:
        print(f"earpiece wyoming: {err}", file=sys.stderr)
        return 2
    warning = exposure_warning(host)
    if warning:
        print(f"earpiece wyoming: WARNING: {warning}", file=sys.stderr)
    from ..speech.asr import ModelUnavailableError

    stages = build_stages(args)
    try:
        asyncio.run(_serve(stages, ServerConfig(uri=args.uri), args.zeroconf))
    except ModelUnavailableError as err:
        print(f"earpiece wyoming: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"earpiece wyoming: cannot listen on {args.uri}: {err}; is another server on that port? "
              "Pick another with --uri tcp://127.0.0.1:PORT", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        stages.close()
    return 0


async def _serve(stages: Stages, config: ServerConfig, zeroconf_name: str | None) -> None:
    server = WyomingServer(stages, config)
    stages.start_loading()
    # The recogniser loads before the server listens: pocketsphinx holds Python's GIL for seconds
    # while it reads its model, which would stall a `describe` past Home Assistant's 1 s timeout.
    # The voice (Piper's load leaves the GIL free) goes on loading in the background.
    await stages.recognisers()
    await server.start()
    print(f"earpiece wyoming: listening on {server.uri}", flush=True)
    advertiser = None
    if zeroconf_name:
        from .advertise import advertise

        advertiser = await advertise(zeroconf_name, *server.address)
    stop = asyncio.Event()
    # SIGTERM (a service manager stopping us) ends as cleanly as Ctrl-C: the advertisement is withdrawn.
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        await stop.wait()
    finally:
        if advertiser is not None:
            await advertiser.close()
        await server.stop()
