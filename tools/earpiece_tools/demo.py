"""``earpiece demo``: a short spoken exchange with the virtual earpiece.

Requests are spoken by a synthetic voice into the virtual microphone of the real firmware (running
in MicroPython); the host hears them, answers, and the answers come out of the virtual speaker into
a WAV file. It prints what was heard, what was answered, the engines and the latency.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import sys
import tempfile
import time
from pathlib import Path

from earpiece_tools import sim

DEFAULT_REQUESTS = ("What's your name?", "What time is it?", "Set a timer for ten minutes.")


def main(argv: list[str]) -> int:
    from earpiece_host.service import add_engine_arguments, engine_choice
    from earpiece_host.settings import SettingsError

    parser = argparse.ArgumentParser(prog="earpiece demo", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/demo"),
                        help="where the microphone and speaker WAVs and timelines go (default out/demo)")
    parser.add_argument("--say", action="append", metavar="TEXT",
                        help="a request to speak (repeatable; default: three everyday requests)")
    parser.add_argument("--heap", default=sim.DEFAULT_HEAP,
                        help=f"the firmware's MicroPython heap (default {sim.DEFAULT_HEAP})")
    parser.add_argument("-v", "--verbose", action="store_true")
    add_engine_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        # The demo prints which recogniser it uses and why; the log need not say it again.
        logging.getLogger("earpiece_host.speech.choose").setLevel(logging.ERROR)
    try:
        choice = engine_choice(args)  # the user's settings file (voice, persona, model) and flags
    except SettingsError as err:
        print(f"earpiece demo: {err}", file=sys.stderr)
        return 2
    if choice.data_dir is None:
        # A fresh OS for the demo, so it never touches the user's reminders and notes.
        choice = dataclasses.replace(choice, data_dir=Path(tempfile.mkdtemp(prefix="earpiece-demo-")))
    return asyncio.run(_demo(args, choice))


async def _demo(args, choice) -> int:
    from earpiece_host.service import load_voice_services
    from earpiece_host.speech.asr import ModelUnavailableError
    from earpiece_host.speech.tts import VoiceUnavailableError

    from . import harness
    from .sim import SimError

    say = print
    say("Loading the speech engines (a few seconds)...")
    started = time.monotonic()
    try:
        services = load_voice_services(choice)
    except (ModelUnavailableError, VoiceUnavailableError) as err:
        print(f"earpiece demo: {err}", file=sys.stderr)
        return 1
    say(f"  recognition: {services.recognisers.description}")
    say(f"  synthesis:   {services.synthesiser.description}")
    say(f"  loaded in {time.monotonic() - started:.1f} s")
    texts = args.say or list(DEFAULT_REQUESTS)
    out: Path = args.out
    requests = harness.synthesise_requests(services, texts, out / "requests")
    script = harness.build_script(requests)
    say(f"Running the real firmware in MicroPython (heap {args.heap}) as a virtual earpiece; "
        f"{len(texts)} spoken requests, each after a button tap...")
    try:
        (run,) = await harness.run_devices(services, [script], out, heap=args.heap)
    except SimError as err:
        print(f"earpiece demo: {err}", file=sys.stderr)
        return 1
    finally:
        services.close()
    say("")
    for i, turn in enumerate(run.turns, 1):
        say(f"{i}. said:     {turn.request}")
        say(f"   heard:    {turn.heard or '(nothing)'}")
        say(f"   answered: {turn.reply or '(no answer)'}  [{turn.intent or '-'}]")
        if turn.response_latency_ms is not None:
            host_ms = turn.host.host_processing_ms if turn.host else None
            say(f"   latency:  {turn.response_latency_ms:.0f} ms from the end of speech to the first "
                f"reply sample at the speaker" + (f" ({host_ms:.0f} ms of it in the host)" if host_ms else ""))
    say("")
    say(f"Speaker output: {run.speaker_wav}   microphone input: {out / 'virtual-1-mic.wav'}")
    say(f"Firmware peak heap: {run.peak_heap_bytes} bytes; playback underruns: {run.underruns}")
    if run.returncode not in (0, None) or not run.turns or not any(t.reply for t in run.turns):
        print("earpiece demo: the exchange did not complete; the firmware said:\n" + run.stderr[-2000:],
              file=sys.stderr)
        return 1
    return 0
