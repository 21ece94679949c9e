"""Reminders: absolute, relative and recurring, kept in a due-queue the voice loop polls.

Delivery is exactly once: a reminder stays due (and is offered again, say after the earpiece
reconnects) until the voice loop confirms it was played; the announcement id carries the due
time, so a late confirmation can never skip a recurring reminder's next occurrence.
"""

from __future__ import annotations

import re

import difflib
from datetime import datetime

from ..phrasing import first_upper, say_date, say_time, say_when, second_person
from ..store import Store
from ..timeparse import describe_repeat, nearer_half, next_occurrence
from ..types import Announcement, SkillReply
from .base import Turn


def _about(text: str) -> str:
    return second_person(text) if text else "what you asked"


def _linked(text: str) -> str:
    """ "to call Mum", but "about the delivery": a thing, not something to do, is reminded of."""
    said = _about(text)
    return f"about {said}" if re.match(r"(?:the|a|an|my|your|our|his|her|their|this|that)\b", said) else f"to {said}"


class RemindersSkill:
    intents = ("reminder.set", "reminder.modify", "reminder.list", "reminder.cancel")

    def __init__(self, store: Store) -> None:
        self._store = store

    def _pending(self) -> list:
        return self._store.read("SELECT * FROM reminders WHERE state = 'pending' ORDER BY due_at, id")

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "reminder.set":
            return self._set(slots, turn)
        if intent == "reminder.modify":
            return self._modify(slots, turn)
        if intent == "reminder.list":
            return self._list(slots, turn)
        return self._cancel(slots, turn)

    def _set(self, slots: dict, turn: Turn) -> SkillReply:
        text = (slots.get("text") or "").strip()
        if not slots.get("due"):
            return SkillReply("When should I remind you?", awaiting="reminder.set")
        due = datetime.fromisoformat(slots["due"])
        repeat = slots.get("repeat")
        if due <= turn.now and not repeat:
            return SkillReply(f"{first_upper(say_when(due, turn.now))} has already passed. When should I remind you?",
                              awaiting="reminder.set", refused_slot="due")
        self.add(text, due, turn, repeat)
        what = f" {_linked(text)}" if text and not text.startswith(("about ", "that ")) else (f" {text}" if text else "")
        when = say_when(due, turn.now)
        if repeat:
            when = f"{describe_repeat(repeat)} at {say_time(due)}, starting {say_date(due.date(), turn.now.date())}"
        return SkillReply(turn.say.choice((f"Okay, I'll remind you{what} {when}.", f"Sure. I'll remind you{what} {when}.",
                                           f"Alright{turn.to_user}, I'll remind you{what} {when}.")))

    def add(self, text: str, due: datetime, turn: Turn, repeat: str | None = None) -> None:
        """Keep a reminder, said `text` at `due` (a reminder set against a calendar event comes here too)."""
        self._store.write(
            "INSERT INTO reminders (text, due_at, due_iso, repeat, state, device_id, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
            (text, due.timestamp(), due.isoformat(), repeat, turn.device.device_id, turn.now.timestamp()))

    def _modify(self, slots: dict, turn: Turn) -> SkillReply:
        """Move the reminder just set (or the one about `text`) to a new time."""
        if not slots.get("due"):
            return SkillReply("When should it be instead?", awaiting="reminder.modify")
        rows = self._pending()
        if not rows:
            return SkillReply("You have no reminders to change.")
        if slots.get("text"):
            want = slots["text"].lower()
            rows = [r for r in rows if want in r["text"].lower()] or rows
        r = max(rows, key=lambda row: (row["created_at"], row["id"]))
        due = datetime.fromisoformat(slots["due"])
        before = datetime.fromtimestamp(r["due_at"], due.tzinfo)
        if slots.get("keep") == "day":  # "move it to 9": the same day, another time
            due = due.replace(year=before.year, month=before.month, day=before.day)
            if slots.get("nearest"):  # said without am or pm: the half of the day nearer its old time
                due = nearer_half(due, before)
        elif slots.get("keep") == "time":  # "move it to Friday": the same time, another day
            due = due.replace(hour=before.hour, minute=before.minute, second=0, microsecond=0)
        if due <= turn.now:
            return SkillReply(f"{first_upper(say_when(due, turn.now))} has already passed. When should it be instead?",
                              awaiting="reminder.modify", refused_slot="due")
        self._store.write("UPDATE reminders SET due_at = ?, due_iso = ? WHERE id = ?", (due.timestamp(), due.isoformat(), r["id"]))
        what = f" {_linked(r['text'])}" if r["text"] else ""
        return SkillReply(f"Okay, I've moved the reminder{what} to {say_when(due, turn.now).removeprefix('at ').removeprefix('on ')}.")

    def _list(self, slots: dict, turn: Turn) -> SkillReply:
        rows = self._pending()
        if slots.get("date"):
            rows = [r for r in rows if datetime.fromtimestamp(r["due_at"], turn.now.tzinfo).date().isoformat() == slots["date"]]
        if slots.get("text"):  # "when's my MOT reminder"
            words = set(str(slots["text"]).lower().split())
            rows = [r for r in rows if words <= set(re.findall(r"[a-z0-9']+", r["text"].lower()))]
            if not rows:
                return SkillReply(f"You have no reminder about {slots['text']}.")
        if not rows:
            return SkillReply("You have no reminders" + (" that day." if slots.get("date") else "."))
        parts = []
        for r in rows[:6]:
            due = datetime.fromtimestamp(r["due_at"], turn.now.tzinfo)
            repeat = f" ({describe_repeat(r['repeat'])})" if r["repeat"] else ""
            parts.append(f"{_about(r['text'])} {say_when(due, turn.now)}{repeat}")
        head = "You have one reminder: " if len(rows) == 1 else f"You have {len(rows)} reminders: "
        return SkillReply(head + "; ".join(parts) + ".", items=tuple(p[:1].upper() + p[1:] + "." for p in parts))

    def _cancel(self, slots: dict, turn: Turn) -> SkillReply:
        rows = self._pending()
        if not rows:
            return SkillReply("You have no reminders to cancel.")
        if slots.get("all"):
            chosen = rows
        elif slots.get("text"):
            want = slots["text"].lower()
            scored = [(difflib.SequenceMatcher(None, want, r["text"].lower()).ratio() + (0.5 if want in r["text"].lower() else 0), r)
                      for r in rows]
            best = max(scored, key=lambda x: x[0])
            if best[0] < 0.45:
                return SkillReply(f"I can't find a reminder about {want}.")
            chosen = [best[1]]
        elif len(rows) == 1:
            chosen = rows
        else:
            chosen = [max(rows, key=lambda r: (r["created_at"], r["id"]))]
        for r in chosen:
            self._store.write("UPDATE reminders SET state = 'cancelled' WHERE id = ?", (r["id"],))
        if len(chosen) > 1:
            return SkillReply(f"Cancelled all {len(chosen)} reminders.")
        return SkillReply(f"Cancelled the reminder {_linked(chosen[0]['text'])}." if chosen[0]["text"] else "Cancelled that reminder.")

    def due(self, now: datetime, late_after_s: float) -> list[Announcement]:
        rows = self._store.read("SELECT * FROM reminders WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id",
                                (now.timestamp(),))
        out = []
        for r in rows:
            about = _about(r["text"])
            due = datetime.fromtimestamp(r["due_at"], now.tzinfo)
            if now.timestamp() - r["due_at"] > late_after_s:
                text = f"While you were away, you had a reminder {say_when(due, now)}: {about}."
            else:
                text = f"Here's your reminder: {about}." if r["text"] else "Here's the reminder you asked for."
            out.append(Announcement(id=f"reminder:{r['id']}:{int(r['due_at'])}", text=text, kind="reminder",
                                    device_id=r["device_id"]))
        return out

    def mark_delivered(self, reminder_id: int, due_at_s: int, now: datetime) -> str | None:
        """Mark a reminder said; its text, for "remind me again in 10 minutes" (None when it was not due)."""
        with self._store.transaction() as db:
            row = db.execute("SELECT * FROM reminders WHERE id = ? AND state = 'pending'", (reminder_id,)).fetchone()
            if row is None or int(row["due_at"]) != due_at_s:
                return None
            if row["repeat"]:
                previous = datetime.fromtimestamp(row["due_at"], now.tzinfo)
                nxt = next_occurrence(row["repeat"], previous, now)
                db.execute("UPDATE reminders SET due_at = ?, due_iso = ? WHERE id = ?", (nxt.timestamp(), nxt.isoformat(), reminder_id))
            else:
                db.execute("UPDATE reminders SET state = 'done' WHERE id = ?", (reminder_id,))
            return str(row["text"] or "")

    def due_today(self, now: datetime) -> list[str]:
        """Reminder texts still to come today, for the morning briefing."""
        end = now.replace(hour=23, minute=59, second=59)
        rows = self._store.read("SELECT * FROM reminders WHERE state = 'pending' AND due_at <= ? ORDER BY due_at",
                                (end.timestamp(),))
        return [f"{_about(r['text'])} {say_when(datetime.fromtimestamp(r['due_at'], now.tzinfo), now)}" for r in rows]

