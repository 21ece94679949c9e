"""Lists (shopping, to-do, or any named list): add items, read a list back."""

from __future__ import annotations

import re

from ..phrasing import join_words
from ..store import Store
from ..types import SkillReply
from .base import Turn


def split_items(item: str) -> list[str]:
    """ "milk, eggs and bread" -> three items."""
    parts = re.split(r",\s*|\s+and\s+(?=\w)", item)
    return [p.strip() for p in parts if p.strip()]


def list_title(name: str) -> str:
    return "to-do list" if name == "to-do" else f"{name} list"


class ListsSkill:
    intents = ("list.add", "list.read")

    def __init__(self, store: Store) -> None:
        self._store = store

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        name = (slots.get("list") or "shopping").strip().lower()
        if intent == "list.add":
            items = split_items(slots.get("item") or "")
            if not items:
                return SkillReply(f"What should I add to your {list_title(name)}?")
            existing = {r["item"].lower() for r in self._store.read(
                "SELECT item FROM list_items WHERE list_name = ? AND done = 0", (name,))}
            added = [i for i in items if i.lower() not in existing]
            for i in added:
                self._store.write("INSERT INTO list_items (list_name, item, created_at) VALUES (?, ?, ?)",
                                  (name, i, turn.now.timestamp()))
            if not added:
                return SkillReply(f"{join_words(items).capitalize()} {'is' if len(items) == 1 else 'are'} already on your {list_title(name)}.")
            return SkillReply(turn.say.choice((f"Added {join_words(added)} to your {list_title(name)}.",
                                               f"{join_words(added).capitalize()}, on your {list_title(name)}.",
                                               f"Okay, {join_words(added)} is on the {list_title(name)}.")))
        rows = self._store.read("SELECT item FROM list_items WHERE list_name = ? AND done = 0 ORDER BY id", (name,))
        if not rows:
            return SkillReply(f"Your {list_title(name)} is empty.")
        items = [r["item"] for r in rows]
        return SkillReply(f"On your {list_title(name)}: {join_words(items)}.")
