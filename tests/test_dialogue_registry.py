"""The intent registry is the one declaration: every intent has a skill (or the engine's own
handling), a tool schema when the model may call it, template sentences that compile, and
examples that parse to it with their slots."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.intents import REGISTRY, SLOT_TYPES, SlotError, compile_template, tool_name, tool_schema, validate
from earpiece_host.dialogue.nlu import ConversationState, next_state, understand

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)
ENGINE_INTENTS = {"conversation.repeat", "conversation.cancel", "conversation.end", "conversation.next",
                  "conversation.previous", "fallback"}


def test_every_intent_has_a_skill_or_is_the_engines_own(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, morning_briefing=False)
    routed = set(engine.skill_intents)
    engine.close()
    assert set(REGISTRY) - ENGINE_INTENTS == routed


def test_slots_are_declared_with_known_types_and_required_ones_ask() -> None:
    for intent in REGISTRY.values():
        assert intent.description, intent.name
        for slot in intent.slots:
            assert slot.type in SLOT_TYPES, (intent.name, slot.name)
        for slot in intent.required:
            if intent.tool and intent.name not in ("memory.remember", "memory.recall", "letter.edit"):
                assert slot.question and slot.question.endswith("?"), (intent.name, slot.name)


@pytest.mark.parametrize("name", sorted(n for n, i in REGISTRY.items() if i.tool))
def test_tool_schema_mirrors_the_slots(name: str) -> None:
    schema = tool_schema(REGISTRY[name])["function"]
    assert schema["name"] == tool_name(name) and "." not in schema["name"]
    assert set(schema["parameters"]["properties"]) == {s.name for s in REGISTRY[name].slots}
    assert schema["parameters"]["required"] == [s.name for s in REGISTRY[name].required]


@pytest.mark.parametrize("name", sorted(n for n, i in REGISTRY.items() if i.examples))
def test_examples_parse_to_their_intent_and_slots(name: str) -> None:
    intent = REGISTRY[name]
    for text, slots in intent.examples:
        state = ConversationState()
        for earlier in intent.context:
            state = next_state(state, understand(earlier, state, NOW))
        parse = understand(text, state, NOW)
        assert (parse.intent, parse.slots) == (name, slots), text


def test_templates_compile_with_choices_and_optional_words() -> None:
    pattern = compile_template("(cancel|stop) [the] alarm [please]")
    assert all(pattern.match(" " + t) for t in ("cancel the alarm", "stop alarm", "cancel alarm please"))
    assert not pattern.match(" cancel the alarms")
    with pytest.raises(ValueError):
        compile_template("cancel {alarm}")


def test_validate_converts_and_refuses() -> None:
    assert validate("timer.set", {"duration_s": "90", "name": "eggs"}, NOW) == {"duration_s": 90, "name": "eggs"}
    assert validate("reminder.set", {"text": "x", "due": "2026-03-04T12:00:00"}, NOW)["due"] == "2026-03-04T12:00:00+00:00"
    assert validate("list.add", {"items": "milk"}, NOW) == {"items": ["milk"]}
    for intent, args, why in [("timer.set", {}, "needs duration_s"), ("timer.set", {"duration_s": "soon"}, "must be integer"),
                              ("alarm.set", {"time": "25:00"}, "must be time"), ("calc", {"expression": 3}, "must be string"),
                              ("timer.set", {"duration_s": 5, "colour": "red"}, "no argument 'colour'"),
                              ("conversation.end", {}, "no tool"), ("timer.explode", {}, "no tool")]:
        with pytest.raises(SlotError, match=why):
            validate(intent, args, NOW)
