"""The language model as a partner: it gets the turns the rules are not confident about, with one
tool per skill intent from the registry, and its tool calls run the same skills once the registry
has checked them. Every failure (down, slow, garbage, a bad call) ends in None or a refusal the
model is told about, never in something odd said to the user."""

from __future__ import annotations

import dataclasses
import json
import logging
import re

from .intents import REGISTRY, SlotError, tool_name, validate
from .nlu import Parse
from .nlu.common import list_name
from .skills.base import Skill, Turn
from .store import Store
from .types import SkillReply

log = logging.getLogger(__name__)

_MAX_LLM_REPLY_CHARS = 600
_LLM_HISTORY_TURNS = 6


class ModelPartner:
    """One chat model and the skills it may call (by intent)."""

    def __init__(self, model, routes: dict[str, Skill], memory, store: Store) -> None:
        self._model = model
        self._routes = routes
        self._memory = memory
        self._store = store

    def _system_prompt(self, turn: Turn) -> str:
        facts = [f"{s}: {v}" for s, v in self._memory.facts()][-30:]
        about = ("The user's name is " + turn.user_name + ". ") if turn.user_name else ""
        known = ("What you remember about the user and their people: " + "; ".join(facts) + ". ") if facts else ""
        return (f"You are {turn.persona_name}, a warm, curious companion who lives in the user's earpiece. "
                f"Speak naturally in one to three short sentences; your words are read aloud, so no lists or markdown. "
                f"{about}{known}It is {turn.now.strftime('%A %d %B %Y, %H:%M')} (UTC offset {turn.now.strftime('%z')}). "
                f"When the user asks for something one of your tools does, call that tool; otherwise just talk.")

    def _history(self) -> list[dict]:
        rows = self._store.read("SELECT speaker, text FROM conversation_log ORDER BY id DESC LIMIT ?", (_LLM_HISTORY_TURNS * 2,))
        return [{"role": "user" if r["speaker"] == "user" else "assistant", "content": r["text"]} for r in reversed(rows) if r["text"]]

    def _tools(self) -> list[dict]:
        from .llm import tools_for

        return tools_for([i for i in REGISTRY.values() if i.tool and i.name in self._routes])

    def take_turn(self, text: str, turn: Turn, rules: Parse) -> tuple[Parse, SkillReply] | None:
        """The model's turn: its tool call run by the skills, or its own words.

        None when it is unavailable or says nothing usable; then the rules' reading stands. Words
        without a tool call overrule the rules only when they had no skill to offer.
        """
        from .llm import LlmUnavailableError

        model = self._model
        messages = [{"role": "system", "content": self._system_prompt(turn)}, *self._history(), {"role": "user", "content": text}]
        tools = self._tools()
        try:
            message = model.chat(messages, tools=tools)
            calls = message.get("tool_calls") or []
            if not calls:
                content = _clean_model_text(message.get("content"))
                if content is None or rules.intent not in ("fallback", "smalltalk"):
                    return None
                return Parse(rules.intent, rules.slots, rules.text), SkillReply(content)
            messages.append({"role": "assistant", "content": message.get("content"), "tool_calls": [
                {"id": c.get("id") or f"call_{i}", "type": "function",
                 "function": {"name": c.get("name"), "arguments": json.dumps(c.get("arguments") or {})}}
                for i, c in enumerate(calls)]})
            done: list[tuple[Parse, SkillReply]] = []
            for i, call in enumerate(calls[:3]):
                outcome = self._run_tool(call, turn)
                if isinstance(outcome, str):
                    result_text = outcome
                else:
                    done.append(outcome)
                    result_text = outcome[1].text
                messages.append({"role": "tool", "tool_call_id": call.get("id") or f"call_{i}", "content": result_text})
            try:
                final = model.chat(messages, tools=tools)
                content = None if final.get("tool_calls") else _clean_model_text(final.get("content"))
            except LlmUnavailableError:
                log.info("language model failed after a tool call; answering with the skill's own words")
                content = None
            if done:
                parse, reply = done[-1]
                words = content or " ".join(r.text for _, r in done)
                return parse, dataclasses.replace(reply, text=words)
            if content is not None:
                return Parse("fallback", {}, rules.text), SkillReply(content)
            return None
        except LlmUnavailableError as exc:
            log.info("language model unavailable, answering without it: %s", exc)
            return None
        except (TypeError, AttributeError, KeyError, ValueError):
            log.warning("language model answer could not be used", exc_info=True)
            return None

    def _run_tool(self, call: dict, turn: Turn) -> tuple[Parse, SkillReply] | str:
        """Run one tool call through its skill, or say why it was refused (nothing is run then)."""
        name = str(call.get("name"))
        intent = next((i for i in self._routes if tool_name(i) == name and REGISTRY.get(i) and REGISTRY[i].tool), None)
        if intent is None:
            return f"Refused: there is no tool called {name}."
        try:
            slots = validate(intent, call.get("arguments") or {}, turn.now)
        except SlotError as exc:
            log.info("refused the model's call of %s: %s", name, exc)
            return f"Refused: {exc}. Nothing was done."
        if "list" in slots:
            slots["list"] = list_name(str(slots["list"]).lower())
        return Parse(intent, slots, ""), self._routes[intent].handle(intent, slots, turn)


def _clean_model_text(content: object) -> str | None:
    """Speakable text from a model answer, or None when there is nothing sensible to say."""
    if not isinstance(content, str):
        return None
    text = re.sub(r"[*_#`>|]+", "", content)
    text = re.sub(r"\s+", " ", text).strip()
    if len(re.findall(r"[A-Za-z]", text)) < 2:
        return None
    if len(text) > _MAX_LLM_REPLY_CHARS:
        cut = text[:_MAX_LLM_REPLY_CHARS]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
        text = cut[: end + 1] if end > 100 else cut.rsplit(" ", 1)[0] + "..."
    return text
