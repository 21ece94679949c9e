"""``python -m earpiece_tools.gil_probe``: which speech stages hold Python's GIL, as JSON.

A thread that wants to wake every millisecond runs beside each stage working in a loop; how late
it wakes says how long the stage keeps the GIL (a stage that releases it, as onnxruntime does,
leaves the ticker waking at once; one that does not makes it wait for the whole call or for the
interpreter's 5 ms switch interval). An idle row gives the machine's own scheduling noise. This is
what decided which stages run in worker processes (speech/recogniser_process.py,
turn_taking_process.py); docs/architecture.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable


def probe(name: str, work: Callable[[], object], seconds: float) -> dict:
    """Run `work` in a loop for `seconds` with the ticker beside it."""
    lates: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            before = time.perf_counter()
            time.sleep(0.001)
            lates.append((time.perf_counter() - before - 0.001) * 1000.0)

    thread = threading.Thread(target=ticker)
    thread.start()
    calls, busy_s = 0, 0.0
    end = time.perf_counter() + seconds
    try:
        while time.perf_counter() < end:
            before = time.perf_counter()
            work()
            busy_s += time.perf_counter() - before
            calls += 1
    finally:
        stop.set()
        thread.join()
    lates.sort()
    return {"stage": name, "calls": calls, "ms_per_call": round(busy_s / max(calls, 1) * 1000.0, 2),
            "ticker_late_ms": {"p50": round(lates[len(lates) // 2], 2),
                               "p99": round(lates[int(0.99 * (len(lates) - 1))], 2),
                               "max": round(lates[-1], 2)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.gil_probe", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="how long each stage runs (default 3)")
    parser.add_argument("--whisper", action="store_true", help="also Whisper tiny.en (loads its model)")
    args = parser.parse_args(argv)

    from earpiece_host.speech.piper_engine import load_synthesiser
    from earpiece_host.speech.vad import EndpointConfig, Endpointer
    from earpiece_host.speech.choose import load_recogniser_factory

    piper = load_synthesiser()
    speech = b"".join(piper.synthesise("Set a timer for five minutes, and remind me to call Amy tomorrow."))
    frames = [speech[i:i + 640] for i in range(0, len(speech) - 639, 640)]
    rows = [probe("idle (the machine's own noise)", lambda: time.sleep(0.005), args.seconds)]

    endpointer = Endpointer(EndpointConfig(trailing_silence_ms=10**6, max_utterance_ms=10**7))
    counter = iter(range(10**12))

    def endpoint_frame() -> None:
        i = next(counter) % len(frames)
        if i == 0:
            endpointer.reset()
        endpointer.push(frames[i])

    rows.append(probe("endpointer (Silero), one 20 ms frame", endpoint_frame, args.seconds))
    recogniser = load_recogniser_factory("pocketsphinx", allow_download=False).create()
    position = iter(range(10**12))

    def recognise_frame() -> None:
        i = next(position) % len(frames)
        if i == 0:
            recogniser.reset()
        recogniser.accept(frames[i])

    rows.append(probe("pocketsphinx, one 20 ms frame", recognise_frame, args.seconds))
    rows.append(probe("Piper, one sentence", lambda: list(piper.synthesise("The time is five past ten.")),
                      args.seconds))
    if args.whisper:
        whisper = load_recogniser_factory("whisper", allow_download=False).create()

        def utterance() -> None:
            whisper.reset()
            for frame in frames + [bytes(640)] * 20:
                whisper.accept(frame)
            whisper.finish()

        rows.append(probe("Whisper tiny.en, one utterance", utterance, args.seconds))
    import os

    print(json.dumps({"stages": rows, "load_average_1min": round(os.getloadavg()[0], 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
