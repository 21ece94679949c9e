"""Measure the thresholds of recognition biased to the OS (speech/biased.py) on the spoken benchmark.

The espeak-ng voices are split in two: thresholds are chosen on the tuning voices only, and the
held-out voices show what that choice is worth on voices it never saw. Each request is heard once
through the voice loop's recognition path (listening.hear); the decision is then replayed for every
threshold on the transcripts heard, so a sweep costs one recognition pass.

    python -m earpiece_tools.bias_sweep --engine whisper --snr clean,10 --json
    python -m earpiece_tools.bias_sweep --engine pocketsphinx --snr clean --json

whisper: the threshold is the largest distance to a grammar sentence at which the transcript is
snapped to it; then, as `earpiece serve` does (biased.choose_reading), the n-best reading the OS
takes for a complete request, and a final near miss rescued within `--rescue` (`--no-nlu-choice`
and `--rescue -1` replay the steps without them). pocketsphinx: 1 - the distance of the language-model-biased
transcript to the nearest grammar sentence, above which that sentence is believed over the open
recogniser's transcript.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

TUNING_VOICES = ("us-male", "rp-female", "caribbean-female")
HELD_OUT_VOICES = ("us-female", "gb-male", "scottish-male")
"""Three and three, each side with both sexes and more than one accent."""

SNAP_GRID = tuple(round(0.05 * i, 2) for i in range(0, 11))  # 0 .. 0.5
CONFIDENCE_GRID = tuple(round(0.1 * i, 1) for i in range(0, 11))  # 0 .. 1 (1.01: never the grammar)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.bias_sweep", description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("whisper", "pocketsphinx"), default="whisper")
    parser.add_argument("--snr", default="clean", help="'clean' and/or SNRs in dB, comma-separated")
    parser.add_argument("--spoken", type=int, default=64, help="requests per voice (the first N; default 64)")
    parser.add_argument("--voices", default=",".join(TUNING_VOICES + HELD_OUT_VOICES))
    parser.add_argument("--beam", type=int, default=5, metavar="N",
                        help="whisper: beam size, and keep the N best readings for snapping (default 5, "
                             "as `earpiece serve`)")
    parser.add_argument("--out", type=Path, help="keep WAVs and the heard transcripts here")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--no-nlu-choice", action="store_true",
                        help="whisper: snap only, without preferring the n-best reading the OS understands")
    parser.add_argument("--rescue", type=float, metavar="D",
                        help="whisper: the wider snap distance for turns the OS understands no reading of "
                             "(default biased.RESCUE_MAX_DISTANCE; negative: none)")
    parser.add_argument("--rows", type=Path, metavar="FILE",
                        help="replay the sweep on transcripts heard before (a bias-sweep-ENGINE.json)")
    args = parser.parse_args(argv)
    from .bench import _parse_snrs, _pick_voices

    try:
        voices = _pick_voices(args.voices)
        snrs = _parse_snrs(args.snr)
    except ValueError as err:
        parser.error(str(err))
    out = args.out or Path(tempfile.mkdtemp(prefix="earpiece-bias-sweep-"))
    if args.rows is not None:
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        rows = hear_all(args.engine, voices, snrs, args.spoken, out, args.beam)
        (out / f"bias-sweep-{args.engine}.json").write_text(json.dumps(rows, indent=1))
    result = sweep(args.engine, rows, no_nlu_choice=args.no_nlu_choice, rescue=args.rescue)
    result["out"] = str(out)
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def hear_all(engine: str, voices: list, snrs: list, spoken: int, out: Path, beam: int = 5) -> list[dict]:
    """Every request in every voice and noise level heard once; what each candidate transcript was."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.biased import GrammarFirstRecogniser
    from earpiece_host.speech.choose import load_recogniser_factory
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.turn_taking import TurnTaker, TurnTaking

    from .bench import SPOKEN_REQUESTS
    from .listening import hear
    from .voices import babble, mix_at_snr, speak

    cache = out / "voices"
    cache.mkdir(parents=True, exist_ok=True)
    noise = babble(cache)
    the_os = open_engine(out / "os", morning_briefing=False)
    turn_taker = TurnTaker(EndpointConfig(), TurnTaking(), the_os.looks_complete)
    if engine == "whisper":
        from earpiece_host.speech.whisper_engine import WhisperTuning

        tuning = WhisperTuning(beam_size=beam, alternatives=beam)
        # Whisper's prompt with the OS's names, as `earpiece serve` has it; the n-best is kept raw
        # (bias=False) and the choice among it replayed in `sweep`.
        recogniser = load_recogniser_factory("whisper", allow_download=False, whisper_tuning=tuning,
                                             names=the_os.user_names().all(), bias=False).create()
        grammar_side = None
    else:
        from earpiece_host.speech.grammar import UserNames, arpa_bigram, registry_sentences
        from earpiece_host.speech.pocketsphinx_engine import PocketsphinxFactory

        sentences = registry_sentences(UserNames())
        grammar_side = PocketsphinxFactory(language_model=lambda known: arpa_bigram(sentences, known)).create()
        # min_confidence 2: the open transcript is what `hear` returns; both are kept in `candidates`
        recogniser = GrammarFirstRecogniser(grammar_side, load_recogniser_factory("pocketsphinx").create(),
                                            min_confidence=2.0)
    lead, tail = bytes(2 * 16000 * 3 // 10), bytes(2 * 16000 * 15 // 10)
    rows = []
    started = time.monotonic()
    try:
        for voice in voices:
            for i, (intent, said) in enumerate(SPOKEN_REQUESTS[:spoken]):
                clip = lead + speak(voice, said, cache) + tail
                for snr in snrs:
                    audio = clip if snr is None else mix_at_snr(clip, noise, snr, offset_samples=i * 7919)
                    row = {"voice": voice.name, "snr": snr, "intent": intent, "said": said}
                    if grammar_side is None:
                        passes, decode_s = recogniser.passes, recogniser.decode_s
                        heard = hear(audio, recogniser, turn_taker)
                        row.update(heard=heard.text, voiced=heard.voiced, end_reason=heard.end_reason,
                                   alternatives=list(heard.alternatives), from_partial=heard.from_partial,
                                   passes=recogniser.passes - passes,
                                   decode_ms=round(1000 * (recogniser.decode_s - decode_s)))
                    else:
                        recogniser.candidates = None
                        heard = hear(audio, recogniser, turn_taker)
                        if heard.from_partial:
                            recogniser.finish()  # the audio of the turn is in both: finalise them
                        g, o = recogniser.candidates
                        row.update(heard=o.text, voiced=heard.voiced, end_reason=heard.end_reason, grammar=g.text)
                    rows.append(row)
                print(f"{voice.name} {i + 1}/{spoken} {time.monotonic() - started:.0f}s", file=sys.stderr)
    finally:
        the_os.close()
    return rows


def sweep(engine: str, rows: list[dict], no_nlu_choice: bool = False, rescue: float | None = None) -> dict:
    """Requests understood at each threshold, tuning and held-out voices apart, per noise level; the
    threshold chosen on the tuning voices (most understood, the stricter one on a tie)."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.biased import RESCUE_MAX_DISTANCE, choose_reading
    from earpiece_host.speech.asr import Transcript
    from earpiece_host.speech.grammar import Snapper, UserNames, registry_sentences

    from .bench import SPOKEN_NOW
    from .listening import Understanding

    with tempfile.TemporaryDirectory() as tmp:
        the_os = open_engine(Path(tmp) / "os", morning_briefing=False)
        try:
            understanding = Understanding(the_os.understand, SPOKEN_NOW)
            if engine == "whisper":
                snapper = Snapper(registry_sentences(the_os.user_names()))
                grid = SNAP_GRID
                understands = None if no_nlu_choice else the_os.looks_complete
                rescue = RESCUE_MAX_DISTANCE if rescue is None else (None if rescue < 0 else rescue)

                def decide(row: dict, threshold: float) -> str:
                    heard = Transcript(text=row["heard"], is_final=True, alternatives=tuple(row.get("alternatives", ())))
                    if threshold < 0:
                        return row["heard"]
                    return choose_reading(snapper, heard, threshold, understands, rescue)
                baseline = -1.0  # the top reading as heard
            else:
                grid = CONFIDENCE_GRID
                snapper = Snapper(registry_sentences(UserNames()))
                nearest = {r["grammar"]: snapper.nearest(r["grammar"]) for r in rows}

                def decide(row: dict, threshold: float) -> str:
                    found = nearest[row["grammar"]]
                    believed = found is not None and 1.0 - found.distance >= threshold
                    return found.sentence if believed else row["heard"]
                baseline = 2.0  # never the grammar
            scored = {}
            for threshold in (baseline, *grid):
                scored[threshold] = [understanding.understood(r["said"], decide(r, threshold), r["voiced"])
                                     for r in rows]
        finally:
            the_os.close()

    def rate(threshold: float, voices: tuple[str, ...], snr) -> dict:
        picked = [ok for r, ok in zip(rows, scored[threshold]) if r["voice"] in voices and r["snr"] == snr]
        return {"understood": sum(picked), "requests": len(picked),
                "rate": round(sum(picked) / len(picked), 3) if picked else None}

    snrs = sorted({r["snr"] for r in rows}, key=lambda s: -1e9 if s is None else -s)
    table = []
    for threshold in (baseline, *grid):
        for snr in snrs:
            table.append({"threshold": threshold, "snr": snr, "tuning": rate(threshold, TUNING_VOICES, snr),
                          "held_out": rate(threshold, HELD_OUT_VOICES, snr)})
    tuning_total = {t: sum(ok for r, ok in zip(rows, scored[t]) if r["voice"] in TUNING_VOICES) for t in grid}
    best = max(tuning_total.values())
    strict = min if engine == "whisper" else max  # the smaller snap distance, the higher confidence
    chosen = strict(t for t, v in tuning_total.items() if v == best)
    def per_voice(threshold: float) -> dict:
        out: dict = {}
        for r, ok in zip(rows, scored[threshold]):
            cell = out.setdefault(r["voice"], {}).setdefault("clean" if r["snr"] is None else f"{r['snr']:g} dB", [0, 0])
            cell[0] += ok
            cell[1] += 1
        return {v: {c: f"{a}/{n}" for c, (a, n) in cells.items()} for v, cells in out.items()}

    decode = {}
    if any("decode_ms" in r for r in rows):
        import statistics

        timed = [r for r in rows if r.get("passes")]
        decode = {"decode_ms_per_pass_p50": round(statistics.median(r["decode_ms"] / r["passes"] for r in timed)),
                  "decode_ms_per_turn_p50": round(statistics.median(r["decode_ms"] for r in timed)),
                  "passes_per_turn_mean": round(sum(r["passes"] for r in timed) / len(timed), 2)}
    ended = {}
    for r in rows:
        cell = ended.setdefault("clean" if r["snr"] is None else f"{r['snr']:g} dB", [0, 0])
        cell[0] += r["end_reason"] == "voice"
        cell[1] += 1
    return {"engine": engine, "rescue_distance": rescue if engine == "whisper" else None, "tuning_voices": list(TUNING_VOICES), "held_out_voices": list(HELD_OUT_VOICES),
            "turns_ended_by_voice": {c: f"{a}/{n}" for c, (a, n) in ended.items()}, **decode,
            "per_voice_before": per_voice(baseline), "per_voice_after": per_voice(chosen),
            "baseline_threshold": baseline, "chosen_threshold": chosen,
            "before": [e for e in table if e["threshold"] == baseline],
            "after": [e for e in table if e["threshold"] == chosen], "sweep": table}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
