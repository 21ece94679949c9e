"""The Vosk threshold sweep (earpiece_tools.vosk_threshold) scores saved rows with the recogniser's own
decision and chooses on the tuning voices only; the decoding itself is covered by the Korean-model
test in test_speech_grammar.py."""

from __future__ import annotations

from earpiece_tools.vosk_threshold import sweep

SENTENCES = frozenset({"내일 비 와", "새 메일 있어"})


def _row(side: str, kind: str, said: str, heard: str, confidence: float) -> dict:
    return {"side": side, "kind": kind, "said": said, "grammar": heard,
            "grammar_words": [[w, confidence] for w in heard.split()], "confidence": confidence,
            "whole_sentence": heard in SENTENCES}


def test_a_tie_keeps_the_shipped_threshold_and_evidence_moves_it_on_tuning_only():
    rows = [_row("tuning", "request", "내일 비 와", "내일 비 와", 1.0),
            _row("tuning", "dictation", "오늘 너무 피곤해", "내일 비 와 줘", 1.0),  # no whole sentence
            _row("held_out", "request", "새 메일 있어", "새 메일 있어", 0.5)]
    result = sweep(rows, SENTENCES, shipped=0.8)
    assert result["tied_on_tuning"] == [round(0.05 * i, 2) for i in range(21)]
    assert result["chosen"]["threshold"] == 0.8
    assert result["chosen"]["tuning"] == {"right": 1, "wrong": 0, "false_accepts": 0, "net": 1}
    assert result["chosen"]["held_out"]["right"] == 0  # 0.5 is below it: held-out is reported, not tuned on
    no_check = {line["threshold"]: line["tuning"] for line in result["without_whole_sentence_check"]}
    assert no_check[0.8]["false_accepts"] == 1

    # Dictation heard as a whole sentence with confidence 0.9 on tuning: only above 0.9 is it kept out.
    rows.append(_row("tuning", "dictation", "내일 뭐 하지", "내일 비 와", 0.9))
    rows.append(_row("tuning", "request", "새 메일 있어", "내일 비 와", 0.85))  # another sentence: wrong
    result = sweep(rows, SENTENCES, shipped=0.8)
    assert result["tied_on_tuning"] == [0.95, 1.0]
    assert result["chosen"]["threshold"] == 0.95
    assert result["sweep"][16]["tuning"] == {"right": 1, "wrong": 1, "false_accepts": 1, "net": -1}  # 0.8
