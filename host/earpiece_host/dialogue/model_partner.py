"""The language model as a partner: it gets the turns the rules are not confident about, with one
tool per skill intent from the registry, and its tool calls run the same skills once the registry
has checked them. Its answer is streamed, and prose is handed on at its first sentence so that
speech can start while the model writes the rest. Every failure (down, slow, garbage, a bad call)
ends in None or a refusal the model is told about, and one in the middle of an answer in a short
apology after what was said, never in something odd said to the user."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import NamedTuple

from .intents import REGISTRY, SlotError, tool_name, validate
from .nlu import Parse
from .nlu.common import list_name
from .skills.base import Skill, Turn
from .store import Store
from .streamed_reply import TailItem
from .types import SkillReply

log = logging.getLogger(__name__)

_MAX_LLM_REPLY_CHARS = 600
_LLM_HISTORY_TURNS = 6


# Said after the words a model got out before it failed in the middle of its answer.
SORRY_CUT_SHORT = "Sorry, I lost my thread there."
_TIMINGS_KEPT = 1000


@dataclass
class ModelTiming:
    """One turn the model took, in milliseconds from the request: its first piece (text or tool
    call), the first sentence the OS could say, and the end of the answer."""

    first_token_ms: float | None = None
    first_sentence_ms: float | None = None
    total_ms: float | None = None
    tool_calls: int = 0
    failed: bool = False


class ModelTurn(NamedTuple):
    """What the model made of a turn: the reading, the reply (a prose answer's first sentence),
    and for prose the rest of the answer, read on as it is spoken."""

    parse: Parse
    reply: SkillReply
    tail: Generator[TailItem, None, None] | None = None
    stop: Callable[[], None] | None = None  # ends the tail's wait for the model at once, from any thread


class ModelPartner:
    """One chat model and the skills it may call (by intent)."""

    def __init__(self, model, routes: dict[str, Skill], memory, store: Store, lock: threading.RLock | None = None) -> None:
        self._model = model
        self._routes = routes
        self._memory = memory
        self._store = store
        self._lock = lock or threading.RLock()  # the OS's lock: a skill run from a reply's tail takes it
        self.timings: deque[ModelTiming] = deque(maxlen=_TIMINGS_KEPT)  # the latest turns, for `earpiece bench`

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

    def take_turn(self, text: str, turn: Turn, rules: Parse) -> ModelTurn | None:
        """The model's turn: its tool call run by the skills, or its own words as they are written.

        The answer is streamed. A tool call (which comes whole, at the end of the stream) is run
        and answered in full, as before; prose is returned as soon as its first sentence is in,
        with the rest as a tail that reads on (`ModelTurn.tail`). None when the model is
        unavailable or says nothing usable; then the rules' reading stands. Words without a tool
        call overrule the rules only when they had no skill to offer.
        """
        from .llm import AnswerReader, Hangup, LlmUnavailableError

        messages = [{"role": "system", "content": self._system_prompt(turn)}, *self._history(), {"role": "user", "content": text}]
        tools = self._tools()
        timing = ModelTiming()
        self.timings.append(timing)
        started = time.monotonic()
        hangup = Hangup()
        reader = AnswerReader(self._model.stream(messages, tools=tools, hangup=hangup))
        handed_on = False
        try:
            first = self._first_sentence(reader)
            if reader.first_piece_at is not None:
                timing.first_token_ms = round((reader.first_piece_at - started) * 1000.0, 1)
            if reader.calls:
                handled = self._tool_turn(messages, tools, reader.calls, turn, rules)
                timing.tool_calls = len(reader.calls)
                timing.first_sentence_ms = timing.total_ms = _ms_since(started)
                return handled
            if first is None or rules.intent not in ("fallback", "smalltalk"):
                timing.total_ms = _ms_since(started)
                return None
            timing.first_sentence_ms = _ms_since(started)
            handed_on = True
            return ModelTurn(Parse(rules.intent, rules.slots, rules.text), SkillReply(first),
                             self._tail(reader, turn, timing, started, len(first)), hangup)
        except LlmUnavailableError as exc:
            timing.failed = True
            log.info("language model unavailable, answering without it: %s", exc)
            return None
        except (TypeError, AttributeError, KeyError, ValueError):
            timing.failed = True
            log.warning("language model answer could not be used", exc_info=True)
            return None
        finally:
            if not handed_on:
                reader.close()
                if timing.total_ms is None:
                    timing.total_ms = _ms_since(started)

    def _first_sentence(self, reader) -> str | None:
        """The first sentence worth saying, or None when the answer ends without one."""
        while True:
            sentence = reader.next_sentence()
            if sentence is None:
                return None
            if reader.calls:
                return None  # the words before a tool call are not said: the call's outcome is
            cleaned = _clean_sentence(sentence)
            if cleaned is not None and (len(re.findall(r"[A-Za-z]", cleaned)) >= 2 or not reader.ended):
                return cleaned

    def _tail(self, reader, turn: Turn, timing: "ModelTiming", started: float,
              said_chars: int) -> Generator[TailItem, None, None]:
        """The sentences after the first, each as soon as it is written; a failure midway ends
        with what was being said and a short apology, never with an error."""
        from .llm import LlmUnavailableError

        try:
            while True:
                sentence = reader.next_sentence()
                if sentence is None:
                    break
                cleaned = _clean_sentence(sentence)
                if cleaned is None:
                    continue
                said_chars += len(cleaned) + 1
                if said_chars > _MAX_LLM_REPLY_CHARS:
                    break  # a spoken answer is a few sentences; the rest is not waited for
                yield cleaned
            for call in reader.calls[:3]:  # words first, then a tool call: it still runs, once
                with self._lock:
                    outcome = self._run_tool(call, turn)
                if isinstance(outcome, str):
                    log.info("a tool call after the model's words was not run: %s", outcome)
                else:
                    timing.tool_calls += 1
                    yield outcome
        except LlmUnavailableError as exc:
            timing.failed = True
            log.info("the language model failed in the middle of its answer: %s", exc)
            fragment = _clean_sentence(reader.pending)
            if fragment is not None and len(fragment.split()) >= 3:
                yield fragment.rstrip(",;:- ") + "..."
            yield SORRY_CUT_SHORT
        except (TypeError, AttributeError, KeyError, ValueError):
            timing.failed = True
            log.warning("language model answer could not be used", exc_info=True)
            yield SORRY_CUT_SHORT
        finally:
            reader.close()
            timing.total_ms = _ms_since(started)

    def _tool_turn(self, messages: list[dict], tools: list[dict], calls: tuple[dict, ...], turn: Turn,
                   rules: Parse) -> ModelTurn | None:
        """Run the model's tool calls (at most three) through the skills, then ask it for its words."""
        from .llm import LlmUnavailableError

        model = self._model
        messages.append({"role": "assistant", "content": None, "tool_calls": [
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
            return ModelTurn(parse, dataclasses.replace(reply, text=words))
        if content is not None:
            return ModelTurn(Parse("fallback", {}, rules.text), SkillReply(content))
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


def _clean_sentence(sentence: str) -> str | None:
    """One sentence of a streamed answer, speakable: no markup, one space between words; None when
    nothing in it can be said."""
    text = re.sub(r"[*_#`>|]+", "", sentence)
    text = re.sub(r"\s+", " ", text).strip()
    return text if re.search(r"[A-Za-z]", text) else None


def _ms_since(started: float) -> float:
    """Milliseconds from `started` (time.monotonic()) to now."""
    return round((time.monotonic() - started) * 1000.0, 1)
