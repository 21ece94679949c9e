"""Lists (shopping, to-do, or any named list): add items, take one off, read a list back."""

from __future__ import annotations

import difflib
import re

from ..nlu.common import list_name
from ..numbers import parse_number, parse_ordinal
from ..phrasing import join_words
from ..store import Store
from ..types import SkillReply
from .base import Turn


_MAX_ITEMS_AT_ONCE = 50


def _at_position(item: str, rows: list) -> object | None:
    """The item named by its place on the list as read: "first one", "the last item", "number two"."""
    m = re.fullmatch(r"(?:the )?(?:item )?number (?P<n>[a-z0-9]+)|"
                     r"(?:the )?(?:(?P<last>last|final|bottom)|(?P<o>[a-z0-9 ]+?)) (?:one|item|thing)(?: on (?:the|my|that) list)?", item.strip().lower())
    if m is None:
        return None
    if m.group("last"):
        return rows[-1]
    place = parse_ordinal(m.group("o")) if m.group("o") else parse_number(m.group("n"))
    return rows[int(place) - 1] if place and 0 < place <= len(rows) else None


def list_title(name: str) -> str:
    return "to-do list" if name == "to-do" else f"{name} list"


class ListsSkill:
    intents = ("list.add", "list.remove", "list.read", "list.clear", "list.which")

    def __init__(self, store: Store) -> None:
        self._store = store

    def _items(self, name: str) -> list:
        return self._store.read("SELECT id, item FROM list_items WHERE list_name = ? AND done = 0 ORDER BY id", (name,))

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "list.which":
            return self._which()
        name = (slots.get("list") or "shopping").strip().lower()
        if intent == "list.add":
            return self._add([str(i).strip() for i in slots.get("items") or [] if str(i).strip()], name, turn)
        if intent == "list.remove":
            item = str(slots.get("item") or "").strip()
            return self._remove(item, self._holding(item, name) or name)
        if intent == "list.clear":
            name = self._called(name)
            n = self._store.write("UPDATE list_items SET done = 1 WHERE list_name = ? AND done = 0", (name,))
            if not n:
                return SkillReply(f"Your {list_title(name)} is already empty.")
            return SkillReply(f"Cleared your {list_title(name)}: {n} item{'s' if n != 1 else ''} taken off.")
        rows = self._items(name)
        if not rows:
            return SkillReply(f"Your {list_title(name)} is empty.")
        items = [r["item"] for r in rows]
        return SkillReply(f"On your {list_title(name)}: {join_words(items)}.", items=tuple(items))

    def _called(self, said: str) -> str:
        """The list a word names: its own, else the one list whose first word it is ("shop" of "shop supplies"),
        else the list the word usually means ("shop" is the shopping)."""
        names = [r["list_name"] for r in self._store.read("SELECT DISTINCT list_name FROM list_items WHERE done = 0")]
        if said in names:
            return said
        first = [n for n in names if n.split()[0] == said]
        return first[0] if len(first) == 1 else list_name(said)

    def _which(self) -> SkillReply:
        rows = self._store.read("SELECT list_name, COUNT(*) AS n FROM list_items WHERE done = 0 GROUP BY list_name "
                                "ORDER BY MAX(id) DESC")
        if not rows:
            return SkillReply("Your lists are all empty. Say \"add eggs to my shopping list\" to start one.")
        named = [f"your {list_title(r['list_name'])} ({r['n']} item{'s' if r['n'] != 1 else ''})" for r in rows]
        count = "one list" if len(rows) == 1 else f"{len(rows)} lists"
        return SkillReply(f"You have {count} with things on: {join_words(named)}.")

    def _add(self, items: list[str], name: str, turn: Turn) -> SkillReply:
        if not items:
            return SkillReply(f"What should I add to your {list_title(name)}?", awaiting="list.add")
        if len(items) > _MAX_ITEMS_AT_ONCE:
            return SkillReply(f"That's {len(items)} things at once; I take up to {_MAX_ITEMS_AT_ONCE}. Could you give me fewer?")
        existing = {r["item"].lower() for r in self._items(name)}
        added = []
        for i in items:
            if i.lower() not in existing:
                existing.add(i.lower())
                added.append(i)
        for i in added:
            self._store.write("INSERT INTO list_items (list_name, item, created_at) VALUES (?, ?, ?)",
                              (name, i, turn.now.timestamp()))
        if not added:
            return SkillReply(f"{join_words(items)[:1].upper()}{join_words(items)[1:]} {'is' if len(items) == 1 else 'are'} "
                              f"already on your {list_title(name)}.")
        return SkillReply(turn.say.choice((f"Added {join_words(added)} to your {list_title(name)}.",
                                           f"{join_words(added)[:1].upper()}{join_words(added)[1:]}, on your {list_title(name)}.",
                                           f"Okay, {join_words(added)} {'is' if len(added) == 1 else 'are'} on the {list_title(name)}.")))

    def _remove(self, item: str, name: str) -> SkillReply:
        """Take one item off, or several said together ("milk and bread") when no one item is called that."""
        if not item:
            return SkillReply(f"What should I take off your {list_title(name)}?", awaiting="list.remove")
        rows = self._items(name)
        if not rows:
            return SkillReply(f"Your {list_title(name)} is empty, so there's nothing to take off.")
        exact = any(r["item"].lower() == item.lower() for r in rows)  # "salt and pepper" as one item
        placed = None if exact else _at_position(item, rows)
        if placed is not None:  # "take the first one off", after the list was read in this order
            self._store.write("UPDATE list_items SET done = 1 WHERE id = ?", (placed["id"],))
            return SkillReply(f"Took {placed['item']} off your {list_title(name)}.")
        wanted = [item] if exact else [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", item) if p.strip()]
        taken, missing = [], []
        for want in wanted:
            found = self._best(want, [r for r in rows if r["id"] not in {t["id"] for t in taken}])
            if found is None or found[0] < 0.75:
                missing.append(want)
            else:
                taken.append(found[1])
        for row in taken:
            self._store.write("UPDATE list_items SET done = 1 WHERE id = ?", (row["id"],))
        said = []
        if taken:
            said.append(f"Took {join_words([r['item'] for r in taken])} off your {list_title(name)}.")
        if missing:
            m = join_words(missing)
            said.append(f"{m[:1].upper()}{m[1:]} {'isn' if len(missing) == 1 else 'aren'}'t on your {list_title(name)}.")
        return SkillReply(" ".join(said))

    def _holding(self, item: str, name: str) -> str | None:
        """The one other list an item is on when it is not on `name`: "take bin bags off" said just after
        the to-do list was added to means the shopping list that holds them."""
        found = self._best(item, self._items(name)) if item else None
        if not item or (found is not None and found[0] >= 0.75):
            return None
        others = [r["list_name"] for r in self._store.read("SELECT DISTINCT list_name FROM list_items WHERE done = 0 AND list_name != ?",
                                                           (name,))]
        holding = [other for other in others if (self._best(item, self._items(other)) or (0.0,))[0] >= 0.9]
        return holding[0] if len(holding) == 1 else None

    @staticmethod
    def _best(item: str, rows: list):
        want = item.lower().strip()
        want = re.sub(r"^(?:the|some|a|an) ", "", want)
        scored = [(1.0 if r["item"].lower() == want else
                   0.9 if want in r["item"].lower() or r["item"].lower() in want else
                   difflib.SequenceMatcher(None, want, r["item"].lower()).ratio(), r) for r in rows]
        return max(scored, key=lambda x: x[0]) if scored else None
