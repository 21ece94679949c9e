"""The language model as a partner: when the rules are not confident, the turn goes to the model
with the registry's tools, and its tool call is run by the same skills after the registry checked
it. Against the real loopback chat server: a call for each skill, and bad calls refused cleanly."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.llm import ChatModel
from llm_server import serve_llm

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)
UNCLEAR = "hmm so the thing with the stuff, you know"

# One call per skill, and what the skill must have done (a table and a row count, or words in the reply).
CALLS = [
    ("time_now", {}, "time.now", ("reply", "10 AM")),
    ("timer_set", {"duration_s": 300, "name": "eggs"}, "timer.set", ("timers", 1)),
    ("alarm_set", {"time": "07:15", "date": "2026-03-05"}, "alarm.set", ("alarms", 1)),
    ("reminder_set", {"text": "call Amy", "due": "2026-03-04T18:00:00+00:00"}, "reminder.set", ("reminders", 1)),
    ("note_add", {"text": "the key is under the pot"}, "note.add", ("notes", 1)),
    ("list_add", {"items": ["eggs", "milk"], "list": "shopping list"}, "list.add", ("list_items", 2)),
    ("memory_remember", {"subject": "favourite band", "value": "the beatles"}, "memory.remember", ("memory", 1)),
    ("calendar_query", {"query": "dentist"}, "calendar.query", ("reply", "No calendar")),
    ("email_unread", {}, "email.unread", ("reply", "No mailbox")),
    ("letter_start", {"recipient": "Loretta"}, "letter.start", ("letters", 1)),
    ("persona_rename", {"name": "Iris"}, "persona.rename", ("reply", "Iris")),
    ("device_battery", {}, "device.battery", ("reply", "battery")),
    ("calc", {"expression": "(12 * 7) / 4"}, "calc", ("reply", "21")),
]


def engine_with(tmp_path: Path, url: str):
    return open_engine(tmp_path, clock=lambda: NOW, seed=2, morning_briefing=False,
                       chat_model=ChatModel(url, "test-model", timeout_s=3.0))


def count(engine, table: str) -> int:
    return engine.store.read(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


@pytest.mark.parametrize("tool, args, intent, effect", CALLS, ids=[c[0] for c in CALLS])
def test_a_tool_call_for_each_skill_runs_that_skill(tmp_path: Path, tool: str, args: dict, intent: str, effect: tuple) -> None:
    with serve_llm(reply=lambda request: request["messages"][-1]["content"], tool_call={"name": tool, "arguments": args}) as url:
        engine = engine_with(tmp_path, url)
        reply = engine.handle(UNCLEAR)
        assert reply.intent == intent
        first = url.server.requests[0]
        assert tool in {t["function"]["name"] for t in first["tools"]}
        kind, expected = effect
        if kind == "reply":
            assert expected in reply.text
        else:
            assert count(engine, kind) == expected
        engine.close()


@pytest.mark.parametrize("args", [{"duration_s": "soon"}, {}, {"duration_s": 60, "colour": "red"}])
def test_a_bad_call_is_refused_and_nothing_is_done(tmp_path: Path, args: dict) -> None:
    with serve_llm(reply="Sorry, I couldn't set that.", tool_call={"name": "timer_set", "arguments": args}) as url:
        engine = engine_with(tmp_path, url)
        reply = engine.handle(UNCLEAR)
        assert (reply.intent, reply.text) == ("fallback", "Sorry, I couldn't set that.")
        assert count(engine, "timers") == 0
        tool_result = url.server.requests[-1]["messages"][-1]
        assert tool_result["role"] == "tool" and tool_result["content"].startswith("Refused:")
        engine.close()


def test_an_unknown_tool_is_refused(tmp_path: Path) -> None:
    with serve_llm(reply="I can't do that.", tool_call={"name": "launch_rocket", "arguments": {}}) as url:
        engine = engine_with(tmp_path, url)
        assert engine.handle(UNCLEAR).text == "I can't do that."
        assert "no tool called launch_rocket" in url.server.requests[-1]["messages"][-1]["content"]
        engine.close()


def test_confident_rules_do_not_ask_the_model_but_a_loose_guess_does(tmp_path: Path) -> None:
    call = {"name": "memory_remember", "arguments": {"subject": "my car", "value": "a red mini"}}
    with serve_llm(reply="Noted, a red mini.", tool_call=call) as url:
        engine = engine_with(tmp_path, url)
        assert engine.handle("set a timer for 5 minutes").intent == "timer.set"
        assert url.server.requests == []
        reply = engine.handle("my car is a red mini")  # a loose rule's guess: the model gets the turn
        assert (reply.intent, reply.text) == ("memory.remember", "Noted, a red mini.")
        assert len(url.server.requests) == 2
        engine.close()


def test_the_model_is_never_offered_deleting_or_sending_mail(tmp_path: Path) -> None:
    with serve_llm(reply="Hello.") as url:
        engine = engine_with(tmp_path, url)
        engine.handle(UNCLEAR)
        offered = {t["function"]["name"] for t in url.server.requests[0]["tools"]}
        assert {"email_read", "email_reply"} <= offered and not {"email_delete", "email_send"} & offered
        engine.close()
