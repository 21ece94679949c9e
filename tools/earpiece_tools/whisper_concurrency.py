"""``python -m earpiece_tools.whisper_concurrency --json``: how Whisper's passes from several
earpieces at once are best spread over the machine's cores, as JSON.

Each arrangement is a way of running Whisper tiny.en: worker processes (as the host runs its
recognisers: speech/recogniser_process.py), CTranslate2 threads per decode (`cpu_threads`, its
`intra_threads`) and decodes at once per process (`concurrent_decodes`, its `inter_threads`: each
such worker has a thread pool of its own, so two decodes on two threads each run four threads),
or "lone N": a pass alone on N threads and, while another is decoding, on a second copy of the
model with one thread per decode. K streams (one pipe each, as K earpieces' sessions) ask for a
pass at the same instant, each on its own espeak-ng request; the figure is each pass's time from
its request to its transcript, as the session's recogniser thread waits for it. Arrangements are
interleaved in rounds (their order rotated each round) so that the shared machine's load drifts
alike for all; each round's p50 is kept to show the spread. Transcripts are compared with the
same clip decoded alone by the first arrangement run (today's, unless `--only` leaves it out).
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from earpiece_host.speech.recogniser_process import WorkerProcess, serve_calls
from earpiece_tools.harness import quantile


@dataclass(frozen=True)
class Arrangement:
    name: str
    processes: int
    cpu_threads: int
    concurrent_decodes: int
    lone_threads: int = 0  # 0: every pass on cpu_threads; N: a pass alone runs on N threads


ARRANGEMENTS = (
    Arrangement("1 process, 2 threads x 2 decodes (today)", 1, 2, 2),
    Arrangement("1 process, 1 thread x 2 decodes", 1, 1, 2),
    Arrangement("1 process, 1 thread x 4 decodes", 1, 1, 4),  # lost to 1 x 2 for four at once
    Arrangement("1 process, 2 threads x 1 decode", 1, 2, 1),
    Arrangement("2 processes, 1 thread x 1 decode", 2, 1, 1),
    Arrangement("2 processes, 2 threads x 1 decode", 2, 2, 1),
    Arrangement("1 process, lone 2 threads, else 1 thread x 2 decodes", 1, 1, 2, lone_threads=2),
)

REQUESTS = (
    "Set a timer for five minutes.",
    "What time is it?",
    "Remind me to call Amy tomorrow.",
    "Add eggs to my shopping list.",
    "Read my new mail.",
    "What's the weather like today?",
    "Cancel the pasta timer.",
    "Hello, can you hear me?",
)
VOICES = ("us-male", "rp-female", "scottish-male", "caribbean-female")
_LEAD_S, _TAIL_S = 0.3, 0.06  # a pass starts 60 ms into the quiet after the voice (pause_ms)


class _Passes:
    """What one worker process holds: Whisper loaded as the arrangement says."""

    def __init__(self, arrangement: Arrangement, prompt: str) -> None:
        from earpiece_host.speech.whisper_engine import (WhisperDecoder, WhisperTuning, load_whisper_model,
                                                         packaged_model_dir)

        def decoder(threads: int, decodes: int) -> WhisperDecoder:
            tuning = WhisperTuning(cpu_threads=threads, concurrent_decodes=decodes)
            return WhisperDecoder(load_whisper_model(packaged_model_dir(), tuning), tuning)

        self._prompt = prompt
        self._shared = decoder(arrangement.cpu_threads, arrangement.concurrent_decodes)
        self._lone = decoder(arrangement.lone_threads, 1) if arrangement.lone_threads else None
        self._lock = threading.Lock()
        self._running = 0

    def transcribe(self, pcm: bytes) -> str:
        with self._lock:
            decoder = self._lone if self._lone is not None and self._running == 0 else self._shared
            self._running += 1
        try:
            return decoder.transcribe(pcm, self._prompt).text
        finally:
            with self._lock:
                self._running -= 1


def _load(arrangement: Arrangement, prompt: str) -> _Passes:
    return _Passes(arrangement, prompt)


def _serve_stream(passes: _Passes, connection) -> None:
    serve_calls(connection, lambda op, pcm: passes.transcribe(pcm), "whisper stream")


class _Running:
    """An arrangement's worker processes and one pipe per stream (stream i in process i mod P)."""

    def __init__(self, arrangement: Arrangement, prompt: str, streams: int) -> None:
        context = multiprocessing.get_context("spawn")
        recipe = functools.partial(_load, arrangement, prompt)
        self.workers = [WorkerProcess(context, recipe, f"whisper-{i}", _serve_stream)
                        for i in range(arrangement.processes)]
        for worker in self.workers:
            worker.wait_ready()
        self.pipes = [self.workers[i % len(self.workers)].open()[0] for i in range(streams)]

    def passes(self, clips: list[bytes]) -> list[tuple[float, str]]:
        """One pass per stream, all asked at once: (ms from request to transcript, text) each."""
        results: list[tuple[float, str]] = [(0.0, "")] * len(clips)
        start = threading.Barrier(len(clips))

        def stream(i: int) -> None:
            start.wait()
            asked = time.perf_counter()
            self.pipes[i].send(("pass", clips[i]))
            status, text = self.pipes[i].recv()
            if status != "ok":
                raise RuntimeError(f"a pass failed in its process: {text}")
            results[i] = ((time.perf_counter() - asked) * 1000.0, text)

        threads = [threading.Thread(target=stream, args=(i,)) for i in range(len(clips))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results

    def cpu_s(self) -> float:
        """CPU time (user and system) the arrangement's processes have used so far."""
        ticks = 0
        for worker in self.workers:
            with open(f"/proc/{worker.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        total_kb = 0
        for worker in self.workers:
            with open(f"/proc/{worker.pid}/status") as f:
                total_kb += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        return round(total_kb / 1024.0, 1)

    def close(self) -> None:
        for pipe in self.pipes:
            pipe.close()
        for worker in self.workers:
            worker.stop()


def make_clips(cache_dir: Path) -> list[bytes]:
    """The requests in the espeak-ng voices, with the lead and the quiet a pass sees."""
    from earpiece_host.audio import SAMPLE_BYTES, SAMPLE_RATE_HZ
    from earpiece_tools.voices import VOICES as ALL_VOICES, speak

    voices = [v for v in ALL_VOICES if v.name in VOICES]
    lead = bytes(int(_LEAD_S * SAMPLE_RATE_HZ) * SAMPLE_BYTES)
    tail = bytes(int(_TAIL_S * SAMPLE_RATE_HZ) * SAMPLE_BYTES)
    return [lead + speak(voices[i % len(voices)], text, cache_dir) + tail for i, text in enumerate(REQUESTS)]


def host_prompt() -> str:
    """Whisper's prompt as `earpiece serve` gives it (no user names): its tokens cost decode time."""
    from earpiece_host.speech.bias import PROMPT_SENTENCES
    from earpiece_host.speech.choose import whisper_bias_prompt

    return whisper_bias_prompt([], PROMPT_SENTENCES)


def run(arrangements: list[Arrangement], streams: list[int], rounds: int, trials: int,
        cache_dir: Path) -> dict:
    clips = make_clips(cache_dir)
    prompt = host_prompt()
    most = max(streams)
    running = [_Running(a, prompt, most) for a in arrangements]
    try:
        # each clip alone first (warms every process up): the transcripts to compare with
        alone = [[r.passes([clip])[0][1] for clip in clips] for r in running]
        latencies = {(a, k): [] for a in range(len(arrangements)) for k in streams}
        round_p50 = {(a, k): [] for a in range(len(arrangements)) for k in streams}
        throughput = {(a, k): [] for a in range(len(arrangements)) for k in streams}
        differ = {(a, k): 0 for a in range(len(arrangements)) for k in streams}
        cpu_s = {(a, k): 0.0 for a in range(len(arrangements)) for k in streams}
        loads = []
        for rnd in range(rounds):
            load_before = os.getloadavg()[0]
            order = list(range(len(arrangements)))
            order = order[rnd % len(order):] + order[:rnd % len(order)]
            for a in order:
                for k in streams:
                    these = []
                    cpu_before = running[a].cpu_s()
                    for trial in range(trials):
                        # the same clips for every arrangement in a round
                        picked = [((rnd * trials + trial) * k + i) % len(clips) for i in range(k)]
                        began = time.perf_counter()
                        results = running[a].passes([clips[c] for c in picked])
                        wall_s = time.perf_counter() - began
                        these += [ms for ms, _ in results]
                        throughput[a, k].append(k / wall_s)
                        differ[a, k] += sum(text != alone[0][c] for (_, text), c in zip(results, picked))
                    cpu_s[a, k] += running[a].cpu_s() - cpu_before
                    latencies[a, k] += these
                    round_p50[a, k].append(round(statistics.median(these), 1))
            loads.append([round(load_before, 2), round(os.getloadavg()[0], 2)])
        rss_mb = [r.rss_mb() for r in running]
    finally:
        for r in running:
            r.close()
    rows = []
    for a, arrangement in enumerate(arrangements):
        for k in streams:
            got = latencies[a, k]
            rows.append({
                "arrangement": arrangement.name, "processes": arrangement.processes,
                "cpu_threads": arrangement.cpu_threads, "concurrent_decodes": arrangement.concurrent_decodes,
                "lone_threads": arrangement.lone_threads, "streams": k, "passes": len(got),
                "pass_ms": {"p50": round(statistics.median(got), 1), "p95": quantile(got, 0.95), "max": round(max(got), 1)},
                "round_p50_ms": round_p50[a, k],
                "passes_per_s": round(statistics.median(throughput[a, k]), 2),
                "cpu_ms_per_pass": round(1000.0 * cpu_s[a, k] / len(got)),
                "rss_mb": rss_mb[a],
                "transcripts_unlike_first_alone": differ[a, k],
                "alone_unlike_first_alone": sum(x != y for x, y in zip(alone[a], alone[0])),
            })
    return {"rounds": rounds, "trials_per_round": trials, "clips": len(clips), "cpus": os.cpu_count(),
            "load_average_per_round": loads, "rows": rows,
            "transcripts_first_alone": alone[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.whisper_concurrency",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (the only output)")
    parser.add_argument("--streams", default="1,4", help="comma-separated K: passes asked at once (default 1,4)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds over all arrangements (default 4)")
    parser.add_argument("--trials", type=int, default=2, help="passes of K at once per arrangement per round")
    parser.add_argument("--only", default="", help="comma-separated arrangement numbers (1-based; default all)")
    parser.add_argument("--cache", type=Path, default=None, help="where the espeak-ng clips are kept")
    args = parser.parse_args(argv)
    chosen = [ARRANGEMENTS[int(i) - 1] for i in args.only.split(",") if i] or list(ARRANGEMENTS)
    streams = [int(k) for k in args.streams.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        cache = args.cache or Path(scratch)
        result = run(chosen, streams, args.rounds, args.trials, cache)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
