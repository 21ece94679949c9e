"""``python -m earpiece_tools.tts_concurrency``: how soon each reply's first piece is ready when
several earpieces' replies are synthesised at once, as JSON.

Each of `--devices` threads speaks `--rounds` multi-sentence replies with the real Piper voice, a
random pause (seeded) before each, as earpieces answered by one host do. Every arrangement of the
synthesis gate (speech/tts.py `SynthesisGate`) is run in turn within each repeat, the order
rotating, so that a shared machine's load drifts alike for all. The cache of pieces is bypassed:
these are Piper's own times. This is what chose `PiperTuning.concurrent_pieces`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import threading
import time

from earpiece_tools.harness import quantile

REPLIES = (
    "It's ten past three. You have a meeting at four with the design team. Shall I remind you?",
    "Your shopping list has milk, eggs, bread and coffee. That is four things.",
    "There are three new emails. The first is from Amy about dinner on Friday. The second is from Tom.",
    "The weather today is sunny with a high of twenty degrees. Tomorrow brings rain in the afternoon.",
)
UNGATED = 0
"""An arrangement with no gate: every piece synthesised as soon as it is asked for."""


def run(synthesiser, slots: int, devices: int, rounds: int, seed: int) -> tuple[list[float], list[float]]:
    """First-piece and whole-reply times (ms) of every reply, with `slots` at once (UNGATED: no gate)."""
    from earpiece_host.speech.tts import FIRST_PIECE, LATER_PIECE, SynthesisGate, plan_pieces

    gate = SynthesisGate(slots) if slots != UNGATED else None
    firsts: list[float] = []
    wholes: list[float] = []

    def piece_pcm(priority: int, piece: str) -> list[bytes]:
        if gate is None:
            return list(synthesiser.synthesise_piece(piece))
        return gate.run(priority, lambda: list(synthesiser.synthesise_piece(piece)))

    def device(index: int) -> None:
        rng = random.Random(seed * 100 + index)
        for turn in range(rounds):
            time.sleep(rng.uniform(0.0, 0.6))
            started = time.perf_counter()
            for number, piece in enumerate(plan_pieces(REPLIES[(index + turn) % len(REPLIES)], 8)):
                piece_pcm(FIRST_PIECE if number == 0 else LATER_PIECE, piece)
                if number == 0:
                    firsts.append((time.perf_counter() - started) * 1000.0)
            wholes.append((time.perf_counter() - started) * 1000.0)

    threads = [threading.Thread(target=device, args=(i,)) for i in range(devices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return firsts, wholes


def _percentiles(values: list[float]) -> dict:
    return {"p50": round(statistics.median(values), 1), "p90": quantile(values, 0.9), "n": len(values)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.tts_concurrency", description=__doc__)
    parser.add_argument("--devices", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="replies per device in each repeat")
    parser.add_argument("--repeats", type=int, default=6)
    parser.add_argument("--slots", default="0,1,2", help="arrangements: pieces at once, 0 for no gate")
    parser.add_argument("--json", action="store_true", help="JSON only")
    args = parser.parse_args(argv)
    from earpiece_host.speech.piper_engine import load_synthesiser

    synthesiser = load_synthesiser()
    arrangements = [int(s) for s in args.slots.split(",")]
    firsts: dict[int, list[float]] = {a: [] for a in arrangements}
    wholes: dict[int, list[float]] = {a: [] for a in arrangements}
    load_before = os.getloadavg()[0]
    for repeat in range(args.repeats):
        shift = repeat % len(arrangements)
        for slots in arrangements[shift:] + arrangements[:shift]:
            first, whole = run(synthesiser, slots, args.devices, args.rounds, seed=repeat)
            firsts[slots] += first
            wholes[slots] += whole
    result = {
        "devices": args.devices, "replies_per_arrangement": args.devices * args.rounds * args.repeats,
        "load_average_before": round(load_before, 2), "load_average_after": round(os.getloadavg()[0], 2),
        "arrangements": [{"pieces_at_once": slots or "all (no gate)",
                          "first_piece_ms": _percentiles(firsts[slots]),
                          "whole_reply_ms": _percentiles(wholes[slots])} for slots in arrangements],
    }
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
