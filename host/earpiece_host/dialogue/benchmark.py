"""The phrasing benchmark: utterances written as people say them, with the intent and slots they
mean, scored against the NLU. Data lives in tests/phrasings/ as JSONL, one object a line:
{"text": ..., "intent": ..., "slots": {...}, "context": [earlier utterances, optional]}.
Dates are resolved against the fixed reference time in meta.json, so the scores are reproducible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .nlu import ConversationState, next_state, understand

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
        items.append(item)
    return items


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
