"""Letters dictated across utterances, proofread aloud, and saved as a file in the data folder."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.proofread import apply_fixes, proofread

NOW = datetime(2026, 2, 14, 18, 30, tzinfo=timezone.utc)


def test_dictation_new_paragraph_scratch_readback_and_save(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("write a letter to Catherine").slots == {"recipient": "Catherine"}
    engine.handle("Thank you for the flowers comma they made my week full stop")
    engine.handle("The cat ate one of them.")
    engine.handle("scratch that")
    engine.handle("new paragraph")
    engine.handle("I'll visit in the spring.")
    back = engine.handle("read it back").text
    assert "Thank you for the flowers, they made my week." in back
    assert "cat" not in back and "New paragraph. I'll visit in the spring." in back
    saved = engine.handle("that's all")
    assert saved.intent == "letter.end"
    path = Path(saved.slots["path"])
    assert path.parent == tmp_path / "letters" and path.name.startswith("2026-02-14-183000-to-catherine")
    assert path.read_text(encoding="utf-8") == (
        "Dear Catherine,\n\nThank you for the flowers, they made my week.\n\nI'll visit in the spring.\n")
    # Dictation is over: the same words are understood as a question again.
    assert engine.handle("what time is it").intent == "time.now"
    engine.close()


def test_a_letter_survives_a_restart_mid_dictation(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("take a letter to my landlord")
    engine.handle("The heating has stopped working.")
    engine.close()
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("Please send someone this week.").intent == "letter.dictate"
    text = Path(engine.handle("that's all").slots["path"]).read_text(encoding="utf-8")
    assert "The heating has stopped working. Please send someone this week." in text
    engine.close()


def test_proofreading_is_read_out_with_fixes_and_can_be_applied(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Bob")
    engine.handle("thanks for the the tickets")
    report = engine.handle("proofread it").text
    assert '"thanks for the the tickets" has a word twice; I\'d say "thanks for the tickets"' in report
    assert 'should start with a capital: "Thanks for the' in report
    assert "needs a full stop" in report
    engine.handle("fix it")
    assert "Thanks for the tickets." in engine.handle("read it back").text
    assert "didn't find anything" in engine.handle("proofread it").text
    engine.close()


def test_cancelling_a_letter_puts_it_aside_without_a_file(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to the council")
    engine.handle("I am writing to complain about the bins")
    assert "put the letter aside" in engine.handle("cancel the letter").text
    assert not (tmp_path / "letters").exists()
    assert engine.handle("what time is it").intent == "time.now"
    engine.close()


def test_proofread_findings() -> None:
    kinds = [f.kind for f in proofread(["i went to the the shop"])]
    assert kinds.count("repeated_word") == 1 and "capital" in kinds and "end_punctuation" in kinds
    assert proofread(["All good here."]) == []
    assert proofread(["I had had enough."]) == []  # a legitimate repeat
    run_on = ("we went to the market and bought apples and then we walked to the river and sat for a while "
              "and talked about the old days and then it started to rain and we ran home laughing all the way")
    (finding,) = [f for f in proofread([run_on.capitalize() + "."]) if f.kind == "run_on"]
    assert ". " in finding.suggestion
    lower_i = [f for f in proofread(["Yesterday i saw them."]) if f.kind == "capital"]
    assert lower_i and "I saw" in lower_i[0].suggestion


def test_apply_fixes() -> None:
    assert apply_fixes("i went to the the shop") == "I went to the shop."
    assert apply_fixes("Done already!") == "Done already!"
