"""Notes: things said to be written down, read back newest first, found by their words
("what was the wifi password?") and deleted one at a time."""

from __future__ import annotations

import re
from datetime import datetime

from ..phrasing import say_date
from ..store import Store
from ..types import SkillReply
from .base import Turn

_READ_AT_MOST = 5
_SMALL_WORDS = frozenset({"the", "a", "an", "my", "our", "about", "of", "for", "on", "is", "was", "what", "again"})


_ASKED = re.compile(r"^(?:what|where|when|who|which) (?:is|was|are|were) (?:the|my|our) (?P<q>[a-z0-9' ]+?)(?: again| now)?$")


def asked_thing(text: str) -> str | None:
    """ "the wifi password" in "what was the wifi password again" (normalised), or None."""
    m = _ASKED.match(text)
    return m.group("q") if m else None


_WHICH_NOTE = "Which note? Say \"delete the note about\" and a few of its words."
_JUST_TAKEN_S = 600  # "delete that note" is the one just taken; among older ones, the OS asks which


class NotesSkill:
    intents = ("note.add", "note.read", "note.find", "note.delete")

    def __init__(self, store: Store) -> None:
        self._store = store

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "note.add":
            text = (slots.get("text") or "").strip()
            if not text:
                return SkillReply("What should the note say?")
            self._store.write("INSERT INTO notes (text, created_at) VALUES (?, ?)", (text, turn.now.timestamp()))
            return SkillReply(turn.say.choice(("Noted.", "I've written that down.", "Got it, it's in your notes.")) +
                              f" \"{text}\".")
        if intent == "note.find":
            return SkillReply(self.answer(str(slots.get("query") or ""), turn)
                              or f"I don't have a note about {slots.get('query')}.")
        if intent == "note.delete":
            if slots.get("query"):
                return self._delete(str(slots["query"]))
            if not slots.get("last"):
                return SkillReply(_WHICH_NOTE)
            last = self._store.read("SELECT id, text, created_at FROM notes ORDER BY created_at DESC, id DESC LIMIT 2")
            if not last:
                return SkillReply("You don't have any notes.")
            if len(last) > 1 and turn.now.timestamp() - last[0]["created_at"] > _JUST_TAKEN_S:
                return SkillReply(_WHICH_NOTE)
            return self._deleted(last[0])
        rows = self._store.read("SELECT text, created_at FROM notes ORDER BY created_at DESC, id DESC LIMIT ?",
                                (_READ_AT_MOST + 1,))
        if not rows:
            return SkillReply("You don't have any notes yet. Say \"take a note\" and what it should say.")
        count = self._store.read("SELECT COUNT(*) AS n FROM notes")[0]["n"]
        parts, said_day = [], None
        for row in rows[:_READ_AT_MOST]:
            when = say_date(datetime.fromtimestamp(row["created_at"], turn.now.tzinfo).date(), turn.now.date())
            parts.append(f"{when[0].upper()}{when[1:]}: {row['text']}" if when != said_day
                         else f"{row['text'][:1].upper()}{row['text'][1:]}")
            said_day = when  # one day's notes are read under one "Today:"
        head = f"You have {count} note{'s' if count != 1 else ''}." if count > 1 else "You have one note."
        more = f" And {count - _READ_AT_MOST} older ones." if count > _READ_AT_MOST else ""
        return SkillReply(f"{head} " + ". ".join(parts) + "." + more, items=tuple(f"{p}." for p in parts))

    def _matching(self, query: str) -> list:
        """Notes holding every word of `query` but the small ones, newest first."""
        words = [w.rstrip("s") for w in re.findall(r"[a-z0-9']+", query.lower()) if w not in _SMALL_WORDS]
        if not words:
            return []
        rows = self._store.read("SELECT id, text, created_at FROM notes ORDER BY created_at DESC, id DESC")
        return [r for r in rows if all(w in r["text"].lower() for w in words)]

    def answer(self, query: str, turn: Turn) -> str | None:
        """The notes about `query`, said; None when no note holds its words (the engine also asks
        this of a question no rule took: "what was the wifi password?")."""
        rows = self._matching(query)
        if not rows:
            return None
        said = [f"from {say_date(datetime.fromtimestamp(r['created_at'], turn.now.tzinfo).date(), turn.now.date())}: "
                f"{r['text']}" for r in rows[:3]]
        head = "Your note " if len(rows) == 1 else f"{len(rows)} notes mention that. The newest, "
        return head + "; ".join(said) + "."

    def _delete(self, query: str) -> SkillReply:
        rows = self._matching(query)
        if not rows:
            return SkillReply(f"I don't have a note about {query}.")
        if len(rows) > 1:
            return SkillReply(f"{len(rows)} notes mention {query}: {'; '.join(r['text'] for r in rows[:3])}. "
                              "Say a few more words of the one to delete.")
        return self._deleted(rows[0])

    def _deleted(self, row) -> SkillReply:
        self._store.write("DELETE FROM notes WHERE id = ?", (row["id"],))
        return SkillReply(f"Deleted the note \"{row['text']}\".")
