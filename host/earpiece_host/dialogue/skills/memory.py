"""Memory: facts the user tells the OS ("Amy's birthday is June 3rd"), recalled and forgotten on request."""

from __future__ import annotations

import difflib
import re

from ..phrasing import join_words, second_person
from ..store import Store
from ..types import SkillReply
from .base import Turn

USER_NAME = "my name"


def _speak_subject(subject: str) -> str:
    return second_person(subject)


def _fact_sentence(subject: str, value: str) -> str:
    if subject == "me":
        return second_person(value)
    verb = "are" if re.search(r"s$", subject.split()[-1]) and "'s" not in subject.split()[-1] and subject.split()[-1] not in ("address", "glasses") else "is"
    if re.match(r"^(?:has|lives in|is in|works at) ", value):
        return f"{_speak_subject(subject)} {value}"
    return f"{_speak_subject(subject)} {verb} {second_person(value) if subject.startswith('my ') else value}"


class MemorySkill:
    intents = ("memory.remember", "memory.recall", "memory.forget")

    def __init__(self, store: Store) -> None:
        self._store = store

    def user_name(self) -> str | None:
        rows = self._store.read("SELECT value FROM memory WHERE subject = ? ORDER BY id DESC LIMIT 1", (USER_NAME,))
        return rows[0]["value"] if rows else None

    def names(self) -> set[str]:
        """Words the user said with a capital in what they told (people's names, places): for letters."""
        return {w for _, v in self.facts() for w in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", v)} - {"I"}

    def facts(self) -> list[tuple[str, str]]:
        return [(r["subject"], r["value"]) for r in self._store.read("SELECT subject, value FROM memory ORDER BY id")]

    def _match(self, subject: str) -> list:
        rows = self._store.read("SELECT * FROM memory ORDER BY id DESC")
        want = subject.lower().strip()
        exact = [r for r in rows if r["subject"] == want]
        if exact:
            return exact
        scored = []
        for r in rows:
            s = r["subject"]
            if want in s or s in want or (want.split("'")[0] == s.split("'")[0] and len(want) > 2 and "'" in s):
                scored.append((1.0, r))
                continue
            ratio = difflib.SequenceMatcher(None, want, s).ratio()
            if ratio >= 0.72:
                scored.append((ratio, r))
        best = max((x[0] for x in scored), default=0.0)
        return [r for score, r in scored if score == best]

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "memory.remember":
            subject = (slots.get("subject") or "").strip().lower()
            value = (slots.get("value") or "").strip()
            if not subject or not value:
                return SkillReply("What should I remember?")
            if subject == USER_NAME:
                value = " ".join(w.capitalize() for w in value.split())
            with self._store.transaction() as db:
                if subject == "me":
                    db.execute("DELETE FROM memory WHERE subject = ? AND value = ?", (subject, value))
                else:
                    db.execute("DELETE FROM memory WHERE subject = ?", (subject,))
                db.execute("INSERT INTO memory (subject, value, created_at) VALUES (?, ?, ?)",
                           (subject, value, turn.now.timestamp()))
            if subject == USER_NAME:
                return SkillReply(turn.say.choice((f"Nice to meet you, {value}.", f"{value}. I'll remember that.",
                                                   f"Lovely name, {value}. I won't forget it.")))
            sentence = _fact_sentence(subject, value)
            return SkillReply(turn.say.choice((f"Got it: {sentence}.", f"I'll remember that {sentence}.",
                                               f"Okay, I've made a note in my memory: {sentence}.")))
        if intent == "memory.recall":
            subject = (slots.get("subject") or "me").strip().lower()
            if subject in ("me", "myself"):
                facts = [(s, v) for s, v in self.facts() if s == "me" or s.startswith("my ")]
                if not facts:
                    return SkillReply("I don't know much about you yet. Tell me something, like \"remember that I love jazz\".")
                parts = [f"your name is {v}" if s == USER_NAME else _fact_sentence(s, v) for s, v in facts]
                return SkillReply(f"Here's what I know{turn.to_user}: {join_words(parts)}.")
            if subject == USER_NAME:
                name = self.user_name()
                return SkillReply(f"You're {name}." if name else "You haven't told me your name yet. What should I call you?")
            rows = self._match(subject)
            if not rows:
                return SkillReply(turn.say.choice((f"I don't know {_speak_subject(subject)} yet. You can tell me, and I'll remember.",
                                                   f"You haven't told me about {_speak_subject(subject)}.")))
            text = join_words([_fact_sentence(r["subject"], r["value"]) for r in rows[:4]])
            return SkillReply(text[0].upper() + text[1:] + ".")
        if slots.get("all"):
            n = self._store.write("DELETE FROM memory WHERE subject != ?", (USER_NAME,))
            return SkillReply(f"Done, I've forgotten {n} thing{'s' if n != 1 else ''}.")
        subject = (slots.get("subject") or "").strip().lower()
        if subject:
            rows = self._match(subject)
        else:
            rows = self._store.read("SELECT * FROM memory ORDER BY id DESC LIMIT 1")
        if not rows:
            return SkillReply(f"I don't have anything about {_speak_subject(subject)} to forget." if subject else "There's nothing to forget.")
        for r in rows:
            self._store.write("DELETE FROM memory WHERE id = ?", (r["id"],))
        return SkillReply(turn.say.choice(("Okay, it's forgotten.", f"Forgotten: {_speak_subject(rows[0]['subject'])}.",
                                           "Done. I won't remember that.")))
