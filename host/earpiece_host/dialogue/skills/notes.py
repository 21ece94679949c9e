"""Notes: things said to be written down, read back newest first."""

from __future__ import annotations

from datetime import datetime

from ..phrasing import say_date
from ..store import Store
from ..types import SkillReply
from .base import Turn

_READ_AT_MOST = 5


class NotesSkill:
    intents = ("note.add", "note.read")

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
        rows = self._store.read("SELECT text, created_at FROM notes ORDER BY created_at DESC, id DESC LIMIT ?",
                                (_READ_AT_MOST + 1,))
        if not rows:
            return SkillReply("You don't have any notes yet. Say \"take a note\" and what it should say.")
        count = self._store.read("SELECT COUNT(*) AS n FROM notes")[0]["n"]
        parts = []
        for row in rows[:_READ_AT_MOST]:
            when = say_date(datetime.fromtimestamp(row["created_at"], turn.now.tzinfo).date(), turn.now.date())
            parts.append(f"{when[0].upper()}{when[1:]}: {row['text']}")
        head = f"You have {count} note{'s' if count != 1 else ''}." if count > 1 else "You have one note."
        more = f" And {count - _READ_AT_MOST} older ones." if count > _READ_AT_MOST else ""
        return SkillReply(f"{head} " + ". ".join(parts) + "." + more, items=tuple(f"{p}." for p in parts))
