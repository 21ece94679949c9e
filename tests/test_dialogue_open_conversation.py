"""The optional language model for open conversation, against the real loopback chat server:
persona and memory in the prompt, skills as tools, and a gentle own answer when it is down,
slow or answers garbage."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.llm import ChatModel
from earpiece_host.dialogue.phrasing import _VARIANTS
from llm_server import serve_llm

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=timezone.utc)
GENTLE = set(_VARIANTS["gentle"])


def engine_with(tmp_path: Path, base_url: str, timeout_s: float = 3.0):
    return open_engine(tmp_path, clock=lambda: NOW, seed=4, morning_briefing=False,
                       chat_model=ChatModel(base_url, "test-model", timeout_s=timeout_s))


def test_open_conversation_goes_to_the_model_with_persona_and_memory(tmp_path: Path) -> None:
    with serve_llm(reply="It's a lovely question. I'd say spring.") as url:
        engine = engine_with(tmp_path, url)
        engine.handle("remember that Amy's birthday is June 3rd")
        engine.handle("my name is Tom")
        assert url.server.requests == []  # understood by the rules: the model was not asked
        reply = engine.handle("what's the best season of the year")
        assert (reply.intent, reply.text) == ("fallback", "It's a lovely question. I'd say spring.")
        (request,) = url.server.requests
        system = request["messages"][0]["content"]
        assert "Samantha" in system and "Tom" in system and "amy's birthday: June 3rd" in system
        assert request["messages"][-1] == {"role": "user", "content": "what's the best season of the year"}
        assert {t["function"]["name"] for t in request["tools"]} >= {"memory_remember", "timer_set", "reminder_set", "alarm_set", "calc"}
        engine.close()


def test_a_tool_call_runs_the_skill(tmp_path: Path) -> None:
    call = {"name": "memory_remember", "arguments": {"subject": "favourite band", "value": "the beatles"}}
    with serve_llm(reply="Good taste! I'll keep that in mind.", tool_call=call) as url:
        engine = engine_with(tmp_path, url)
        reply = engine.handle("you know, nothing beats the beatles for me")
        assert reply.text == "Good taste! I'll keep that in mind."
        tool_result = url.server.requests[-1]["messages"][-1]
        assert tool_result["role"] == "tool" and "favourite band" in tool_result["content"]
        engine.close()
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=4, morning_briefing=False)
    assert "the beatles" in engine.handle("what do you remember about favourite band").text
    engine.close()


@pytest.mark.parametrize("mode, options", [
    ("down", {}),
    ("garbage", {}),
    ("garbage", {"garbage": b'{"choices": []}'}),
    ("slow", {"slow_s": 5.0}),
])
def test_a_failing_model_gets_a_gentle_own_answer(tmp_path: Path, mode: str, options: dict) -> None:
    with serve_llm(mode=mode, **options) as url:
        engine = engine_with(tmp_path, url, timeout_s=0.5)
        reply = engine.handle("what's the meaning of life")
        assert reply.intent == "fallback"
        assert reply.text in GENTLE
        # Small talk still gets the persona's own warm words.
        assert engine.handle("how are you").text in set(_VARIANTS["how_are_you"])
        engine.close()


def test_open_engine_configures_the_model_from_settings(tmp_path: Path) -> None:
    with serve_llm(reply="Configured and answering.") as url:
        engine = open_engine(tmp_path, clock=lambda: NOW, seed=4, morning_briefing=False,
                             llm_base_url=str(url), llm_model="tiny", llm_timeout_s=2.0)
        assert engine.handle("sing me something").text == "Configured and answering."
        assert url.server.requests[0]["model"] == "tiny"
        engine.close()
