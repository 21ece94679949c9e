"""``earpiece bench``: response latency of the real host with virtual earpieces, as one JSON object.

Each virtual earpiece (the real firmware in MicroPython) hears a set of varied spoken requests, one
after a button tap each; latencies come from the device's own timeline (microphone capture and
speaker playback times), host-side figures from the host's turn records.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path

from earpiece_tools import sim

# Varied everyday requests with short answers, so that each answer ends before the next request.
REQUESTS = (
    "What time is it?",
    "What's the date today?",
    "What's your name?",
    "Set a timer for five minutes.",
    "How much time is left on my timer?",
    "Cancel the timer.",
    "Remind me to call Amy tomorrow at five.",
    "What are my reminders?",
    "Add milk to my shopping list.",
    "What's on my shopping list?",
    "Take a note: buy stamps.",
    "Read my notes.",
    "Remember that my locker number is twelve.",
    "What is my locker number?",
    "How is my battery?",
    "Turn the volume up.",
    "Say that again.",
    "What's on my calendar today?",
    "Do I have any new email?",
    "Thank you.",
    "Who are you?",
    "What day is it tomorrow?",
)


def main(argv: list[str]) -> int:
    from earpiece_host.service import add_engine_arguments, engine_choice
    from earpiece_host.settings import SettingsError

    parser = argparse.ArgumentParser(prog="earpiece bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--devices", type=int, default=1, metavar="K",
                        help="virtual earpieces at once (default 1)")
    parser.add_argument("--requests", type=int, default=len(REQUESTS), metavar="N",
                        help=f"spoken requests per device (default {len(REQUESTS)})")
    parser.add_argument("--heap", default=sim.DEFAULT_HEAP,
                        help=f"the firmware's MicroPython heap (default {sim.DEFAULT_HEAP})")
    parser.add_argument("--out", type=Path, help="keep WAVs and timelines here (default: a temp folder)")
    add_engine_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.devices < 1 or args.requests < 1:
        parser.error("--devices and --requests must be at least 1")
    try:
        choice = engine_choice(args)  # the user's settings file (voice, persona, model) and flags
    except SettingsError as err:
        print(f"earpiece bench: {err}", file=sys.stderr)
        return 2
    if choice.data_dir is None:
        choice = dataclasses.replace(choice, data_dir=Path(tempfile.mkdtemp(prefix="earpiece-bench-os-")))
    result = asyncio.run(_bench(args, choice))
    if result is None:
        return 1
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


async def _bench(args, choice) -> dict | None:
    from earpiece_host.service import load_voice_services
    from earpiece_host.speech.asr import ModelUnavailableError
    from earpiece_host.speech.tts import VoiceUnavailableError

    from . import harness

    try:
        services = load_voice_services(choice)
    except (ModelUnavailableError, VoiceUnavailableError) as err:
        print(f"earpiece bench: {err}", file=sys.stderr)
        return None
    out = args.out or Path(tempfile.mkdtemp(prefix="earpiece-bench-"))
    texts = [REQUESTS[i % len(REQUESTS)] for i in range(args.requests)]
    requests = harness.synthesise_requests(services, texts, out / "requests")
    scripts = []
    for d in range(args.devices):
        rotated = requests[d % len(requests):] + requests[:d % len(requests)]  # devices don't speak in unison
        scripts.append(harness.build_script(rotated))
    started = time.monotonic()
    try:
        runs = await harness.run_devices(services, scripts, out, heap=args.heap)
    finally:
        services.close()
    failed = [run for run in runs if run.returncode != 0]
    for run in failed:
        print(f"earpiece bench: virtual earpiece {run.device_id} exited with code {run.returncode}:\n"
              f"{run.stderr[-1500:]}", file=sys.stderr)
    if failed:
        return None
    turns = [t for run in runs for t in run.turns]
    hosts = [t.host for t in turns if t.host is not None]
    speech_s = sum(h.speech_ms for h in hosts) / 1000.0
    tts_audio_s = sum(h.tts_audio_ms for h in hosts) / 1000.0
    understood = sum(1 for t in turns if t.intent and t.intent != "fallback")
    return {
        "asr_backend": services.recognisers.description,
        "tts_backend": services.synthesiser.description,
        "utterances": len(turns),
        "answered": sum(1 for t in turns if t.response_latency_ms is not None),
        "understood": understood,
        "response_latency_ms": harness.percentiles([t.response_latency_ms for t in turns]),
        "endpoint_delay_ms": harness.percentiles([t.endpoint_delay_ms for t in turns]),
        "host_processing_ms": harness.percentiles([h.host_processing_ms for h in hosts]),
        "tts_first_audio_ms": harness.percentiles([h.tts_first_audio_ms for h in hosts]),
        "transcript_wait_ms": harness.percentiles([h.transcript_wait_ms for h in hosts]),
        "brain_ms": harness.percentiles([h.brain_ms for h in hosts]),
        "answered_from_partial": sum(1 for h in hosts if h.early_text),
        "asr_rtf": round(sum(h.asr_busy_s for h in hosts) / speech_s, 3) if speech_s else None,
        "tts_rtf": round(sum(h.tts_busy_s for h in hosts) / tts_audio_s, 3) if tts_audio_s else None,
        "concurrent_devices": args.devices,
        "underruns": sum(run.underruns for run in runs),
        "pause_fill_ms": {"total": round(sum(h.pause_fill_ms for h in hosts)),
                          "turns": sum(1 for h in hosts if h.pause_fill_ms)},
        "firmware_peak_heap_bytes": max((run.peak_heap_bytes or 0) for run in runs),
        "firmware_heap_limit": args.heap,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "wall_s": round(time.monotonic() - started, 1),
        "out": str(out),
    }
