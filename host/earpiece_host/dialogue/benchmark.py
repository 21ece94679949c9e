"""The phrasing benchmark: utterances written as people say them, with the intent and slots they
mean, scored against the NLU. Data lives in tests/phrasings/ as JSONL, one object a line:
{"text": ..., "intent": ..., "slots": {...}, "context": [earlier utterances, optional]}.
Conversations (tests/phrasings/conversations/) are whole exchanges, one a line:
{"id": ..., "turns": [{"text", "intent", "slots"}, ...]}, played through a real engine on a
scratch database, so that its questions, corrections and references carry from turn to turn.
Two requests in one sentence (tests/phrasings/compound/) are one sentence a line, with what it
asks for in order: {"text": ..., "requests": [{"intent", "slots"}, ...]} (one request when its
"and" must not split it). Answers (tests/phrasings/answers/) score what the OS says rather than
how it read the words: {"id": ..., "turns": [utterances], "expect": [phrases], "forbid": [words]},
played through a real engine; the reply to the last turn must hold every expected phrase (an item
may be a list of phrases, any of which will do) and none of the forbidden words. Dates are resolved against the fixed reference time in meta.json, so the
scores are reproducible.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .intents import REGISTRY
from .nlu import ConversationState, next_state, understand
from .nlu.compound import split_requests

DEFAULT_NOW = "2026-03-04T10:00:00+00:00"


class BenchmarkError(ValueError):
    """A benchmark file is missing or malformed."""


@dataclass
class IntentScore:
    total: int = 0
    intent_ok: int = 0
    slots_ok: int = 0


@dataclass
class Result:
    name: str
    per_intent: dict[str, IntentScore] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.per_intent.values())

    @property
    def intent_accuracy(self) -> float:
        return sum(s.intent_ok for s in self.per_intent.values()) / max(1, self.total)

    @property
    def slot_accuracy(self) -> float:
        return sum(s.slots_ok for s in self.per_intent.values()) / max(1, self.total)

    def as_dict(self) -> dict:
        return {
            "set": self.name, "utterances": self.total,
            "intent_accuracy": round(self.intent_accuracy, 4), "slot_accuracy": round(self.slot_accuracy, 4),
            "per_intent": {k: {"n": v.total, "intent_accuracy": round(v.intent_ok / v.total, 4),
                               "slot_accuracy": round(v.slots_ok / v.total, 4)} for k, v in sorted(self.per_intent.items())},
            "misses": self.misses,
        }


def find_phrasings_dir(start: Path | None = None) -> Path | None:
    """tests/phrasings in the source tree: from the working folder upwards, else next to the package."""
    candidates = []
    here = (start or Path.cwd()).resolve()
    candidates += [p / "tests" / "phrasings" for p in (here, *here.parents)]
    candidates.append(Path(__file__).resolve().parents[3] / "tests" / "phrasings")
    for c in candidates:
        if c.is_dir():
            return c
    return None


def _norm(value: object) -> object:
    if isinstance(value, str):
        v = value.strip().lower()
        try:
            if "t" in v and len(v) >= 16:
                return datetime.fromisoformat(v.upper()).isoformat()
        except ValueError:
            pass
        return " ".join(v.split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def slots_equal(expected: dict, got: dict) -> bool:
    if set(expected) != set(got):
        return False
    return all(_norm(expected[k]) == _norm(got[k]) for k in expected)


def load(path: Path) -> list[dict]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BenchmarkError(f"cannot read {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise BenchmarkError(f"{path}:{n}: not JSON ({exc})") from exc
        if not isinstance(item, dict) or "text" not in item or "intent" not in item:
            raise BenchmarkError(f"{path}:{n}: needs \"text\" and \"intent\"")
        check_against_registry(item, f"{path}:{n}")
        items.append(item)
    return items


def check_against_registry(item: dict, where: str) -> None:
    """An expected intent and its slots must be declared in the intent registry."""
    intent = REGISTRY.get(item["intent"])
    if intent is None:
        raise BenchmarkError(f"{where}: {item['intent']!r} is not an intent in the registry (dialogue/intents.py)")
    unknown = [k for k in item.get("slots", {}) if intent.slot(k) is None]
    if unknown:
        raise BenchmarkError(f"{where}: {item['intent']} has no slot {', '.join(map(repr, unknown))}; it declares "
                             f"{', '.join(s.name for s in intent.slots) or 'none'}")


def reference_now(folder: Path) -> datetime:
    meta = folder / "meta.json"
    raw = json.loads(meta.read_text(encoding="utf-8")).get("now", DEFAULT_NOW) if meta.exists() else DEFAULT_NOW
    return datetime.fromisoformat(raw)


def run(name: str, items: list[dict], now: datetime) -> Result:
    result = Result(name)
    for item in items:
        state = ConversationState()
        for earlier in item.get("context", []):
            state = next_state(state, understand(earlier, state, now))
        parse = understand(item["text"], state, now)
        expected_slots = item.get("slots", {})
        score = result.per_intent.setdefault(item["intent"], IntentScore())
        score.total += 1
        intent_ok = parse.intent == item["intent"]
        slots_ok = intent_ok and slots_equal(expected_slots, parse.slots)
        score.intent_ok += intent_ok
        score.slots_ok += slots_ok
        if not slots_ok:
            result.misses.append({"text": item["text"], "expected": [item["intent"], expected_slots],
                                  "got": [parse.intent, parse.slots]})
    return result


def run_folder(folder: Path) -> list[Result]:
    """One result per file: the tuned set(s) first, then the held-out set."""
    now = reference_now(folder)
    files = sorted(folder.glob("*.jsonl"), key=lambda p: (p.stem.startswith("heldout"), p.name))
    if not files:
        raise BenchmarkError(f"no .jsonl phrasing files in {folder}")
    results = []
    tuned = [p for p in files if not p.stem.startswith("heldout")]
    if tuned:
        results.append(run("benchmark", [i for p in tuned for i in load(p)], now))
    for p in files:
        if p.stem.startswith("heldout"):
            results.append(run(p.stem, load(p), now))
    return results


@dataclass
class ConversationResult:
    """Turn accuracy (intent and slots right) and whole-conversation accuracy (every turn right)."""

    name: str
    conversations: int = 0
    conversations_ok: int = 0
    turns: int = 0
    turns_ok: int = 0
    misses: list[dict] = field(default_factory=list)
    expected_turns: list[dict] = field(default_factory=list)

    @property
    def turn_accuracy(self) -> float:
        return self.turns_ok / max(1, self.turns)

    @property
    def conversation_accuracy(self) -> float:
        return self.conversations_ok / max(1, self.conversations)

    def as_dict(self) -> dict:
        return {"set": self.name, "conversations": self.conversations, "turns": self.turns,
                "turn_accuracy": round(self.turn_accuracy, 4), "conversation_accuracy": round(self.conversation_accuracy, 4),
                "misses": self.misses}


def load_conversations(path: Path) -> list[dict]:
    items = load_lines(path)
    for n, c in enumerate(items, 1):
        turns = c.get("turns")
        if not isinstance(turns, list) or not turns or not all(isinstance(t, dict) and "text" in t and "intent" in t for t in turns):
            raise BenchmarkError(f"{path}: conversation {n} needs \"turns\", each with \"text\" and \"intent\"")
        for i, turn in enumerate(turns, 1):
            check_against_registry(turn, f"{path}: conversation {c.get('id', n)} turn {i}")
    return items


def load_lines(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BenchmarkError(f"cannot read {path}: {exc}") from exc
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise BenchmarkError(f"{path}:{n}: not JSON ({exc})") from exc
        if not isinstance(item, dict):
            raise BenchmarkError(f"{path}:{n}: not an object")
        out.append(item)
    return out


@contextmanager
def _scratch_engine(now: datetime) -> Iterator:
    """An engine of its own at the reference time, on SQLite's in-memory database: the same schema
    and queries, without a disk sync per turn."""
    from .engine import open_engine

    with tempfile.TemporaryDirectory(prefix="earpiece-bench-") as scratch:
        engine = open_engine(Path(scratch), db_path=Path(":memory:"), clock=lambda: now, seed=0, morning_briefing=False,
                             calendar=None, mailbox=None, chat_model=None)
        try:
            yield engine
        finally:
            engine.close()


def run_conversations(name: str, conversations: list[dict], now: datetime) -> ConversationResult:
    """Play each conversation through a fresh engine (its own scratch database) at the reference time."""
    result = ConversationResult(name)
    for conv in conversations:
        with _scratch_engine(now) as engine:
            all_ok = True
            for i, turn in enumerate(conv["turns"]):
                result.expected_turns.append(turn)
                parse = engine.understand(turn["text"])
                engine.handle(turn["text"])
                ok = parse.intent == turn["intent"] and slots_equal(turn.get("slots", {}), parse.slots)
                result.turns += 1
                result.turns_ok += ok
                if not ok:
                    all_ok = False
                    result.misses.append({"conversation": conv.get("id", "?"), "turn": i + 1, "text": turn["text"],
                                          "expected": [turn["intent"], turn.get("slots", {})],
                                          "got": [parse.intent, parse.slots]})
            result.conversations += 1
            result.conversations_ok += all_ok
    return result


def run_conversation_folder(folder: Path) -> list[ConversationResult]:
    """The tuned conversations, then the held-out ones (files named heldout*), from folder/conversations."""
    return _sets_in(folder, "conversations", "conversations", load_conversations, run_conversations)


@dataclass
class CompoundResult:
    """Sentences split right (as many requests as expected) and read right (every intent and slot too)."""

    name: str
    sentences: int = 0
    split_ok: int = 0
    requests_ok: int = 0
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"set": self.name, "sentences": self.sentences,
                "split_accuracy": round(self.split_ok / max(1, self.sentences), 4),
                "accuracy": round(self.requests_ok / max(1, self.sentences), 4), "misses": self.misses}


def load_compound(path: Path) -> list[dict]:
    items = load_lines(path)
    for n, item in enumerate(items, 1):
        requests = item.get("requests")
        if not isinstance(item.get("text"), str) or not isinstance(requests, list) or not requests or \
                not all(isinstance(r, dict) and "intent" in r for r in requests):
            raise BenchmarkError(f"{path}: sentence {n} needs \"text\" and \"requests\", each with \"intent\"")
        for i, request in enumerate(requests, 1):
            check_against_registry(request, f"{path}: sentence {n} request {i}")
    return items


def run_compound(name: str, items: list[dict], now: datetime) -> CompoundResult:
    """Split each sentence as the OS does (`nlu.compound.split_requests`) and read each part in turn."""
    result = CompoundResult(name)
    for item in items:
        state = ConversationState()
        got = []
        for part in split_requests(item["text"], state, now) or (item["text"],):
            parse = understand(part, state, now)
            state = next_state(state, parse)
            got.append([parse.intent, parse.slots])
        expected = item["requests"]
        split_ok = len(got) == len(expected)
        read_ok = split_ok and all(g[0] == e["intent"] and slots_equal(e.get("slots", {}), g[1]) for g, e in zip(got, expected))
        result.sentences += 1
        result.split_ok += split_ok
        result.requests_ok += read_ok
        if not read_ok:
            result.misses.append({"text": item["text"], "expected": [[e["intent"], e.get("slots", {})] for e in expected],
                                  "got": got})
    return result


def run_compound_folder(folder: Path) -> list[CompoundResult]:
    """The tuned sentences, then the held-out ones (files named heldout*), from folder/compound."""
    return _sets_in(folder, "compound", "compound", load_compound, run_compound)


@dataclass
class AnswerResult:
    """Conversations whose last reply holds what it should (and nothing it must not)."""

    name: str
    conversations: int = 0
    right: int = 0
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"set": self.name, "conversations": self.conversations,
                "accuracy": round(self.right / max(1, self.conversations), 4), "misses": self.misses}


def load_answers(path: Path) -> list[dict]:
    items = load_lines(path)
    for n, item in enumerate(items, 1):
        turns, expect = item.get("turns"), item.get("expect")
        if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns) \
                or not isinstance(expect, list) or not all(isinstance(e, str) for e in item.get("forbid", [])) \
                or not all(isinstance(e, str) or (isinstance(e, list) and e and all(isinstance(x, str) for x in e)) for e in expect):
            raise BenchmarkError(f"{path}: conversation {item.get('id', n)} needs \"turns\" (utterances) and \"expect\" "
                                 "(phrases), and \"forbid\" (words) when given")
    return items


def run_answers(name: str, items: list[dict], now: datetime) -> AnswerResult:
    """Play each conversation through a fresh engine and check the words of its last reply."""
    result = AnswerResult(name)
    for item in items:
        with _scratch_engine(now) as engine:
            reply = ""
            for text in item["turns"]:
                reply = engine.handle(text).text
        said = reply.lower()
        missing = [e for e in item["expect"] if not any(x.lower() in said for x in ([e] if isinstance(e, str) else e))]
        forbidden = [f for f in item.get("forbid", []) if f.lower() in said]
        result.conversations += 1
        if missing or forbidden:
            result.misses.append({"conversation": item.get("id", "?"), "last": item["turns"][-1], "reply": reply,
                                  "missing": missing, "forbidden": forbidden})
        else:
            result.right += 1
    return result


def run_answers_folder(folder: Path) -> list[AnswerResult]:
    """The tuned answer sets, then the held-out ones (files named heldout*), from folder/answers."""
    return _sets_in(folder, "answers", "answers", load_answers, run_answers)


def _sets_in(folder: Path, sub: str, name: str, load: Callable[[Path], list[dict]],
             run: Callable[[str, list[dict], datetime], object]) -> list:
    """The items of folder/sub scored by `run`: the tuned files together, then the held-out ones
    (files named heldout*) as `name`_heldout."""
    where = folder / sub
    files = sorted(where.glob("*.jsonl")) if where.is_dir() else []
    if not files:
        return []
    now = reference_now(folder)
    tuned = [i for p in files if not p.stem.startswith("heldout") for i in load(p)]
    held = [i for p in files if p.stem.startswith("heldout") for i in load(p)]
    return ([run(name, tuned, now)] if tuned else []) + ([run(f"{name}_heldout", held, now)] if held else [])
