"""Measure the thresholds of recognition biased to the OS (speech/biased.py) on the spoken benchmark.

The espeak-ng voices are split in two: thresholds are chosen on the tuning voices only, and the
held-out voices show what that choice is worth on voices it never saw. Each request is heard once
through the voice loop's recognition path (listening.hear); the decision is then replayed for every
threshold on the transcripts heard, so a sweep costs one recognition pass.

    python -m earpiece_tools.bias_sweep --engine whisper --snr clean,10 --json
    python -m earpiece_tools.bias_sweep --engine pocketsphinx --snr clean --json
    python -m earpiece_tools.bias_sweep --engine whisper --rows FILE --out DIR --second-pass tempo1.1 --json

--second-pass speaks again only the turns that `earpiece serve` would hear a second time (none of
the first pass's readings is a request of the OS's) and scores the second pass each way listed.

whisper: the threshold is the largest distance to a grammar sentence at which the transcript is
snapped to it; then, as `earpiece serve` does (biased.choose_reading), the n-best reading the OS
takes for a complete request, and a final near miss rescued within `--rescue` (in phones, as
`earpiece serve`; `--rescue-by chars` in letters as before) (`--no-nlu-choice`
and `--rescue -1` replay the steps without them). pocketsphinx: 1 - the distance of the language-model-biased
transcript to the nearest grammar sentence, above which that sentence is believed over the open
recogniser's transcript.
"""

from __future__ import annotations

import argparse
import dataclasses
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
    parser.add_argument("--margin", type=float, metavar="S",
                        help="whisper: seconds of silence the encoder sees after the utterance "
                             "(default WhisperTuning.context_margin_s, as `earpiece serve`)")
    parser.add_argument("--out", type=Path, help="keep WAVs and the heard transcripts here")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--no-nlu-choice", action="store_true",
                        help="whisper: snap only, without preferring the n-best reading the OS understands")
    parser.add_argument("--rescue", type=float, metavar="D",
                        help="whisper: the wider snap distance for turns the OS understands no reading of "
                             "(default biased.RESCUE_MAX_DISTANCE; negative: none)")
    parser.add_argument("--rescue-by", choices=("phones", "chars"), default="phones",
                        help="whisper: measure the rescue's distance in phones (phones.PhoneSnapper, as "
                             "`earpiece serve`; default distance biased.RESCUE_BY_SOUND_MAX_DISTANCE) or in "
                             "letters (default biased.RESCUE_MAX_DISTANCE)")
    parser.add_argument("--rows", type=Path, metavar="FILE",
                        help="replay the sweep on transcripts heard before (a bias-sweep-ENGINE.json)")
    parser.add_argument("--second-pass", default="", metavar="WAYS",
                        help="whisper: hear again, each of these ways (comma-separated: "
                             f"{', '.join(SECOND_PASS_WAYS)}), the turns the OS understands no reading "
                             "of; the turns are spoken again from the WAVs in --out/voices; "
                             f"the first way listed is the one scored (serve: {DEFAULT_WAY})")
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
        rows = hear_all(args.engine, voices, snrs, args.spoken, out, args.beam, args.margin)
        (out / f"bias-sweep-{args.engine}.json").write_text(json.dumps(rows, indent=1))
    ways = [w.strip() for w in args.second_pass.split(",") if w.strip()]
    unknown = [w for w in ways if w not in SECOND_PASS_WAYS]
    if unknown or (ways and args.engine != "whisper"):
        parser.error(f"--second-pass: unknown ways {unknown} (known: {', '.join(SECOND_PASS_WAYS)}); whisper only")
    if ways:
        hear_again_all(rows, ways, out, args.beam)
        (out / f"bias-sweep-{args.engine}-second-pass.json").write_text(json.dumps(rows, indent=1))
    result = sweep(args.engine, rows, no_nlu_choice=args.no_nlu_choice, rescue=args.rescue, rescue_by=args.rescue_by)
    if args.engine == "whisper":
        result["as_served"] = score_as_served(rows)
    if any("second" in r for r in rows):
        result["second_pass"] = score_second_pass(rows, ways or None, args.rescue)
    result["out"] = str(out)
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def hear_all(engine: str, voices: list, snrs: list, spoken: int, out: Path, beam: int = 5,
             margin: float | None = None) -> list[dict]:
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
        if margin is not None:
            tuning = dataclasses.replace(tuning, context_margin_s=margin)
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
                                   confidence=heard.confidence,
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


CHECK_BACK_BELOW = (0.4, 0.5, 0.55, 0.6)
"""Whisper confidences (exp of the mean token log-probability) below which a "did you say ...?" is weighed."""


def score_as_served(rows: list[dict]) -> dict:
    """Per noise level, tuning and held-out voices apart: requests understood and wrong requests (the
    OS acts on a request that was not the one said) with the reading `earpiece serve` gives the OS.
    Where the rows hold the recogniser's confidence, `check_back` says what a "did you say ...?" asked
    below each threshold of CHECK_BACK_BELOW would do: wrong requests it would stop, right ones it would
    question (only for the recogniser's own transcript; an n-best or a rescue has no confidence of its own)."""
    from earpiece_host.dialogue import open_engine

    from .bench import SPOKEN_NOW
    from .listening import Understanding

    cells: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        the_os = open_engine(Path(tmp) / "os", morning_briefing=False)
        try:
            understanding = Understanding(the_os.understand, SPOKEN_NOW)
            for r, text in zip(rows, _first_choice(rows, the_os)):
                snr = "clean" if r["snr"] is None else f"{r['snr']:g} dB"
                side = "tuning" if r["voice"] in TUNING_VOICES else "held_out"
                cell = cells.setdefault(snr, {}).setdefault(side, {"requests": 0, "understood": 0, "wrong": 0})
                ok = understanding.understood(r["said"], text, r["voiced"])
                cell["requests"] += 1
                cell["understood"] += ok
                wrong = the_os.looks_complete(text) and not ok
                cell["wrong"] += wrong
                if r.get("confidence") is not None and text == r["heard"]:
                    for below in CHECK_BACK_BELOW:
                        asked = cell.setdefault("check_back", {}).setdefault(f"{below:g}", {"wrong_stopped": 0, "right_asked": 0})
                        asked["wrong_stopped"] += wrong and r["confidence"] < below
                        asked["right_asked"] += ok and r["confidence"] < below
        finally:
            the_os.close()
    return cells


def _second_pass_ways() -> dict:
    from earpiece_host.speech.second_pass import SecondPass

    return {"tempo0.85": SecondPass(tempo=0.85), "tempo0.9": SecondPass(tempo=0.9),
            "tempo0.8": SecondPass(tempo=0.8), "tempo1.1": SecondPass(tempo=1.1),
            "noprompt": SecondPass(tempo=1.0, prompt=False),
            "tempo0.85-noprompt": SecondPass(tempo=0.85, prompt=False),
            "sample0.6": SecondPass(tempo=1.0, sampling_temperature=0.6),
            "tempo0.85-sample0.6": SecondPass(tempo=0.85, sampling_temperature=0.6),
            "denoise": SecondPass(tempo=1.0, denoise_db=15), "tempo1.1-denoise": SecondPass(tempo=1.1, denoise_db=15)}


SECOND_PASS_WAYS = ("tempo1.1", "tempo0.85", "tempo0.9", "tempo0.8", "noprompt", "tempo0.85-noprompt",
                    "sample0.6", "tempo0.85-sample0.6", "denoise", "tempo1.1-denoise")
DEFAULT_WAY = "tempo1.1"


def _rescue(sentences: list[str], by: str, distance: float | None):
    """The rescue's snapper and distance: by sound as `earpiece serve` (phones), or by letters."""
    from earpiece_host.speech.biased import RESCUE_BY_SOUND_MAX_DISTANCE, RESCUE_MAX_DISTANCE
    from earpiece_host.speech.grammar import Snapper
    from earpiece_host.speech.phones import PhoneSnapper

    if by == "phones":
        distance = RESCUE_BY_SOUND_MAX_DISTANCE if distance is None else distance
        return PhoneSnapper(sentences, within=max(distance, 0.0)), distance
    return Snapper(sentences), RESCUE_MAX_DISTANCE if distance is None else distance


def _first_choice(rows: list[dict], the_os) -> list[str]:
    """What `earpiece serve` gives the OS of each row's first pass (biased.choose_reading)."""
    from earpiece_host.speech.asr import Transcript
    from earpiece_host.speech.biased import SNAP_MAX_DISTANCE, choose_reading
    from earpiece_host.speech.grammar import Snapper, registry_sentences

    sentences = registry_sentences(the_os.user_names())
    snapper, (by_sound, rescue) = Snapper(sentences), _rescue(sentences, "phones", None)
    return [choose_reading(snapper, Transcript(text=r["heard"], is_final=True,
                                               alternatives=tuple(r.get("alternatives", ()))),
                           SNAP_MAX_DISTANCE, the_os.looks_complete, rescue, by_sound) for r in rows]


def hear_again_all(rows: list[dict], ways: list[str], out: Path, beam: int = 5) -> None:
    """Each turn that ended on a final transcript none of whose readings the OS understands is
    spoken and heard again as in `hear_all`, then given to the second pass each of `ways`
    (WhisperRecogniser.second_opinion); the readings land in the row's "second"."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.biased import wants_second_opinion
    from earpiece_host.speech.choose import load_recogniser_factory
    from earpiece_host.speech.grammar import Snapper, registry_sentences
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.speech.whisper_engine import WhisperTuning
    from earpiece_host.turn_taking import TurnTaker, TurnTaking

    from .bench import SPOKEN_REQUESTS, VOICES
    from .listening import hear
    from .voices import babble, mix_at_snr, speak

    known = _second_pass_ways()
    cache = out / "voices"
    cache.mkdir(parents=True, exist_ok=True)
    noise = babble(cache)
    voices = {v.name: v for v in VOICES}
    index = {said: i for i, (_, said) in enumerate(SPOKEN_REQUESTS)}
    the_os = open_engine(out / "os-again", morning_briefing=False)
    try:
        turn_taker = TurnTaker(EndpointConfig(), TurnTaking(), the_os.looks_complete)
        recogniser = load_recogniser_factory("whisper", allow_download=False,
                                             whisper_tuning=WhisperTuning(beam_size=beam, alternatives=beam),
                                             names=the_os.user_names().all(), bias=False).create()
        lead, tail = bytes(2 * 16000 * 3 // 10), bytes(2 * 16000 * 15 // 10)
        chosen = _first_choice(rows, the_os)
        snapper = Snapper(registry_sentences(the_os.user_names()))
        todo = [(r, c) for r, c in zip(rows, chosen) if r["heard"] and not r.get("from_partial")
                and wants_second_opinion(snapper, c, the_os.looks_complete)]
        started = time.monotonic()
        for n, (row, _) in enumerate(todo):
            i = index[row["said"]]
            clip = lead + speak(voices[row["voice"]], row["said"], cache) + tail
            audio = clip if row["snr"] is None else mix_at_snr(clip, noise, row["snr"], offset_samples=i * 7919)
            again = hear(audio, recogniser, turn_taker)
            row["second"] = {}
            if again.from_partial or again.text != row["heard"]:
                row["second_mismatch"] = again.text  # heard otherwise than the first time: skipped
                continue
            for way in ways:
                seconds = recogniser.second_decode_s
                heard = recogniser.second_opinion(known[way])
                row["second"][way] = {"heard": heard.text if heard else "",
                                      "alternatives": list(heard.alternatives) if heard else [],
                                      "ms": round(1000 * (recogniser.second_decode_s - seconds))}
            print(f"second pass {n + 1}/{len(todo)} {time.monotonic() - started:.0f}s", file=sys.stderr)
    finally:
        the_os.close()


def score_second_pass(rows: list[dict], ways: list[str] | None, rescue: float | None = None) -> dict:
    """Per way and noise level, on the turns it ran for: mended (now the request said), wrong (now
    a request the OS acts on but not the one said: worse than "didn't catch that"), unchanged; and
    requests understood with it, tuning and held-out voices apart."""
    import statistics

    from earpiece_host.speech.asr import Transcript
    from earpiece_host.speech.biased import SNAP_MAX_DISTANCE, understood_reading
    from earpiece_host.speech.grammar import Snapper, registry_sentences

    from .bench import SPOKEN_NOW
    from .listening import Understanding

    ways = ways or sorted({w for r in rows for w in r.get("second", {})})
    with tempfile.TemporaryDirectory() as tmp:
        from earpiece_host.dialogue import open_engine

        the_os = open_engine(Path(tmp) / "os", morning_briefing=False)
        try:
            understanding = Understanding(the_os.understand, SPOKEN_NOW)
            snapper = Snapper(registry_sentences(the_os.user_names()))
            first = _first_choice(rows, the_os)
            result = {}
            for way in ways:
                cells: dict = {}
                for r, text in zip(rows, first):
                    snr = "clean" if r["snr"] is None else f"{r['snr']:g} dB"
                    side = "tuning" if r["voice"] in TUNING_VOICES else "held_out"
                    cell = cells.setdefault(snr, {}).setdefault(side, {
                        "requests": 0, "understood_before": 0, "understood_after": 0, "wrong_before": 0,
                        "wrong_after": 0, "ran": 0, "mended": 0, "wrong": 0, "unchanged": 0, "ms": []})
                    after = text
                    again = r.get("second", {}).get(way)
                    if again is not None:
                        cell["ran"] += 1
                        cell["ms"].append(again["ms"])
                        reading = understood_reading(snapper, Transcript(
                            text=again["heard"], is_final=True, alternatives=tuple(again["alternatives"])),
                            SNAP_MAX_DISTANCE, the_os.looks_complete)
                        if reading is not None:
                            after = reading
                    ok_before = understanding.understood(r["said"], text, r["voiced"])
                    ok_after = understanding.understood(r["said"], after, r["voiced"])
                    acted_before, acted_after = the_os.looks_complete(text), the_os.looks_complete(after)
                    cell["requests"] += 1
                    cell["understood_before"] += ok_before
                    cell["understood_after"] += ok_after
                    cell["wrong_before"] += acted_before and not ok_before
                    cell["wrong_after"] += acted_after and not ok_after
                    if again is not None:
                        cell["mended"] += ok_after and not ok_before
                        cell["wrong"] += acted_after and not ok_after and after != text
                        cell["unchanged"] += after == text
                for sides in cells.values():
                    for cell in sides.values():
                        ms = cell.pop("ms")
                        cell["ms_p50"] = round(statistics.median(ms)) if ms else None
                        cell["ms_max"] = max(ms) if ms else None
                result[way] = cells
        finally:
            the_os.close()
    return result


def sweep(engine: str, rows: list[dict], no_nlu_choice: bool = False, rescue: float | None = None,
          rescue_by: str = "phones") -> dict:
    """Requests understood at each threshold, and wrong ones (the OS acts on another request: worse
    than "I didn't catch that"), tuning and held-out voices apart, per noise level; the threshold
    chosen on the tuning voices (most understood, the stricter one on a tie)."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.biased import choose_reading
    from earpiece_host.speech.asr import Transcript
    from earpiece_host.speech.grammar import Snapper, UserNames, registry_sentences

    from .bench import SPOKEN_NOW
    from .listening import Understanding

    with tempfile.TemporaryDirectory() as tmp:
        the_os = open_engine(Path(tmp) / "os", morning_briefing=False)
        try:
            understanding = Understanding(the_os.understand, SPOKEN_NOW)
            if engine == "whisper":
                sentences = registry_sentences(the_os.user_names())
                snapper = Snapper(sentences)
                grid = SNAP_GRID
                understands = None if no_nlu_choice else the_os.looks_complete
                rescue_snapper, rescue = _rescue(sentences, rescue_by, rescue)
                rescue = None if rescue < 0 else rescue

                def decide(row: dict, threshold: float) -> str:
                    heard = Transcript(text=row["heard"], is_final=True, alternatives=tuple(row.get("alternatives", ())))
                    if threshold < 0:
                        return row["heard"]
                    return choose_reading(snapper, heard, threshold, understands, rescue, rescue_snapper)
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
            scored, wrong = {}, {}
            for threshold in (baseline, *grid):
                decided = [decide(r, threshold) for r in rows]
                scored[threshold] = [understanding.understood(r["said"], text, r["voiced"])
                                     for r, text in zip(rows, decided)]
                wrong[threshold] = [not ok and the_os.looks_complete(text) for ok, text in zip(scored[threshold], decided)]
        finally:
            the_os.close()

    def rate(threshold: float, voices: tuple[str, ...], snr) -> dict:
        picked = [ok for r, ok in zip(rows, scored[threshold]) if r["voice"] in voices and r["snr"] == snr]
        acted = [bad for r, bad in zip(rows, wrong[threshold]) if r["voice"] in voices and r["snr"] == snr]
        return {"understood": sum(picked), "wrong": sum(acted), "requests": len(picked),
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
    return {"engine": engine, "rescue_distance": rescue if engine == "whisper" else None,
            "rescue_by": rescue_by if engine == "whisper" else None, "tuning_voices": list(TUNING_VOICES), "held_out_voices": list(HELD_OUT_VOICES),
            "turns_ended_by_voice": {c: f"{a}/{n}" for c, (a, n) in ended.items()}, **decode,
            "per_voice_before": per_voice(baseline), "per_voice_after": per_voice(chosen),
            "baseline_threshold": baseline, "chosen_threshold": chosen,
            "before": [e for e in table if e["threshold"] == baseline],
            "after": [e for e in table if e["threshold"] == chosen], "sweep": table}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
