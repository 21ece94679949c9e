"""Two requests in one sentence: both are done, in order, and one reply says both; an "and" that
belongs inside a request (salt and pepper, bread and butter, a dictated letter) never splits it."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.cli import ask_main, phrases_main
from earpiece_host.dialogue.nlu import ConversationState
from earpiece_host.dialogue.nlu.compound import split_requests

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def engine(tmp_path: Path):
    with open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False) as engine:
        yield engine


def count(engine, table: str) -> int:
    return engine.store.read(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


def test_a_timer_and_a_reminder_in_one_sentence_are_both_set_and_both_said(engine) -> None:
    reply = engine.handle("set a timer for 5 minutes and remind me to call mum at 6")
    assert (reply.intent, reply.slots) == ("timer.set", {"duration_s": 300})
    (second,) = reply.also
    assert (second.intent, second.slots["text"]) == ("reminder.set", "call mum")
    assert second.slots["due"] == "2026-03-04T18:00:00+00:00"
    assert count(engine, "timers") == 1 and count(engine, "reminders") == 1
    timer_words, reminder_words = reply.text.index("5 minutes"), reply.text.index("call mum")
    assert timer_words < reminder_words  # said in the order asked
    # Each part is a turn of the conversation: a correction reaches the last thing done.
    assert engine.handle("actually make it 7").intent == "reminder.modify"


def test_a_list_item_and_a_question_in_one_sentence(engine) -> None:
    reply = engine.handle("add eggs to the shopping list and what's the time")
    assert [reply.intent, *(r.intent for r in reply.also)] == ["list.add", "time.now"]
    assert "10 AM" in reply.text and "ggs" in reply.text
    assert engine.handle("what's on my shopping list").text.count("eggs") == 1


@pytest.mark.parametrize("text", [
    "remind me to buy salt and pepper",
    "remind me to buy salt and pepper at 6",
    "add bread and butter to the list",
    "add eggs, milk and a baguette to the shopping list",
    "rock and roll",
    "set a timer for 5 minutes and 30 seconds",
    "take a note that fish and chips are on Friday",
    "add salt and vinegar crisps to the shopping list",
])
def test_an_and_inside_one_request_does_not_split_it(text: str) -> None:
    assert split_requests(text, ConversationState(), NOW) is None


def test_a_new_timer_after_cancelling_one_is_set(engine) -> None:
    engine.handle("set a pasta timer for 10 minutes")
    reply = engine.handle("cancel the timer and set a new one for 15 minutes")
    assert [reply.intent, *(r.intent for r in reply.also)] == ["timer.cancel", "timer.set"]
    assert reply.also[0].slots["duration_s"] == 900
    assert engine.store.read("SELECT duration_s FROM timers WHERE state = 'running'")[0]["duration_s"] == 900


def test_a_dictated_letter_is_never_split(engine) -> None:
    engine.handle("write a letter to Loretta")
    reply = engine.handle("we set a timer for ten minutes and what a night it was")
    assert reply.intent == "letter.dictate" and reply.also == ()
    assert count(engine, "timers") == 0


def test_an_answer_to_the_os_question_may_come_with_a_new_request(engine) -> None:
    assert engine.handle("remind me to call Amy").text == "When should I remind you?"
    reply = engine.handle("tomorrow at 9 and set a timer for 5 minutes")
    assert (reply.intent, reply.slots["text"], reply.slots["due"]) == ("reminder.set", "call Amy", "2026-03-05T09:00:00+00:00")
    assert [r.intent for r in reply.also] == ["timer.set"]
    assert count(engine, "timers") == 1 and count(engine, "reminders") == 1


def test_ask_json_names_the_second_request(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("EARPIECE_CONFIG", raising=False)
    assert ask_main(["--json", "--no-briefing", "--data-dir", str(tmp_path), "set a timer for 3 minutes and what's the time"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["intent"] == "timer.set" and [a["intent"] for a in out["also"]] == ["time.now"]
    assert ask_main(["--json", "--no-briefing", "--data-dir", str(tmp_path), "add bread and butter to the list"]) == 0
    assert "also" not in json.loads(capsys.readouterr().out)  # the contract's three keys when there is one request


def test_phrases_reports_the_compound_sets_tuned_and_held_out(tmp_path: Path, capsys) -> None:
    phrasings = Path(__file__).parent / "phrasings"  # the compound sets alone: the whole benchmark runs once, in test_dialogue_cli
    shutil.copytree(phrasings / "compound", tmp_path / "compound")
    shutil.copy(phrasings / "meta.json", tmp_path / "meta.json")
    (tmp_path / "one.jsonl").write_text('{"text": "set a timer for ten minutes", "intent": "timer.set", "slots": {"duration_s": 600}}\n')
    # (a folder is scored only with a set of single requests in it)
    assert phrases_main(["--path", str(tmp_path), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    tuned, held = scores["compound"], scores["compound_heldout"]
    assert tuned["sentences"] >= 25 and held["sentences"] >= 20
    assert tuned["accuracy"] >= 0.95 and held["split_accuracy"] >= 0.8


def test_timers_for_two_lengths_are_two_timers(engine) -> None:
    engine.handle("set timers for 5 and 10 minutes")
    assert engine.handle("what timers do I have").text == \
        "5 minutes left on your 5 minute timer; 10 minutes left on your 10 minute timer."
