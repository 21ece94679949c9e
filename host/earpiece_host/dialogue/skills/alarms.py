"""Alarms: a clock time on a day, kept in the database and announced like reminders (exactly once,
even when it fell due while the host was stopped)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..phrasing import first_upper, say_time, say_when
from ..store import Store
from ..types import Announcement, SkillReply
from .base import Turn


class AlarmsSkill:
    intents = ("alarm.set", "alarm.modify", "alarm.cancel", "alarm.list")

    def __init__(self, store: Store) -> None:
        self._store = store

    def _pending(self) -> list:
        return self._store.read("SELECT * FROM alarms WHERE state = 'pending' ORDER BY at, id")

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "alarm.set":
            return self._set(slots, turn)
        if intent == "alarm.modify":
            return self._modify(slots, turn)
        if intent == "alarm.list":
            rows = self._pending()
            if not rows:
                return SkillReply("You have no alarms set.")
            times = [say_when(datetime.fromtimestamp(r["at"], turn.now.tzinfo), turn.now) for r in rows]
            head = "You have one alarm, " if len(rows) == 1 else f"You have {len(rows)} alarms: "
            return SkillReply(head + "; ".join(times) + ".", items=tuple(f"{t[:1].upper()}{t[1:]}." for t in times))
        return self._cancel(slots, turn)

    def _set(self, slots: dict, turn: Turn) -> SkillReply:
        if not slots.get("time"):
            return SkillReply("What time should I wake you?", awaiting="alarm.set")
        clock = time.fromisoformat(slots["time"])
        day = date.fromisoformat(slots["date"]) if slots.get("date") else turn.now.date()
        at = datetime.combine(day, clock, turn.now.tzinfo)
        if not slots.get("date") and at <= turn.now:
            at += timedelta(days=1)
        if at <= turn.now:
            return SkillReply(f"{first_upper(say_when(at, turn.now))} has already passed. What time should I wake you?",
                              awaiting="alarm.set", refused_slot="time")
        self._store.write("INSERT INTO alarms (at, state, device_id, created_at) VALUES (?, 'pending', ?, ?)",
                          (at.timestamp(), turn.device.device_id, turn.now.timestamp()))
        return SkillReply(turn.say.choice((f"Alarm set for {say_when(at, turn.now)}.", f"Okay, I'll wake you {say_when(at, turn.now)}.")))

    def _modify(self, slots: dict, turn: Turn) -> SkillReply:
        """Move the alarm set last to a new time (on its own day unless another is given)."""
        rows = self._pending()
        if not rows:
            return SkillReply("You have no alarm to change.")
        r = max(rows, key=lambda row: (row["created_at"], row["id"]))
        old = datetime.fromtimestamp(r["at"], turn.now.tzinfo)
        day = date.fromisoformat(slots["date"]) if slots.get("date") else old.date()
        at = datetime.combine(day, time.fromisoformat(slots["time"]), turn.now.tzinfo)
        if at <= turn.now:
            at += timedelta(days=1)
        self._store.write("UPDATE alarms SET at = ? WHERE id = ?", (at.timestamp(), r["id"]))
        return SkillReply(f"Okay, I've moved your alarm to {say_when(at, turn.now).removeprefix('at ')}.")

    def _cancel(self, slots: dict, turn: Turn) -> SkillReply:
        rows = self._pending()
        if not rows:
            return SkillReply("You have no alarms set.")
        if slots.get("all"):
            chosen = rows
        else:
            chosen = rows
            if slots.get("date"):
                chosen = [r for r in chosen if datetime.fromtimestamp(r["at"], turn.now.tzinfo).date().isoformat() == slots["date"]]
            if slots.get("time"):
                chosen = [r for r in chosen if datetime.fromtimestamp(r["at"], turn.now.tzinfo).strftime("%H:%M") == slots["time"]]
            if not chosen:
                return SkillReply("I can't find an alarm at that time.")
            chosen = [max(chosen, key=lambda r: (r["created_at"], r["id"]))]
        for r in chosen:
            self._store.write("UPDATE alarms SET state = 'cancelled' WHERE id = ?", (r["id"],))
        if len(chosen) > 1:
            return SkillReply(f"Cancelled all {len(chosen)} alarms.")
        at = datetime.fromtimestamp(chosen[0]["at"], turn.now.tzinfo)
        return SkillReply(f"Cancelled your alarm {say_when(at, turn.now)}.")

    def due(self, now: datetime, late_after_s: float) -> list[Announcement]:
        rows = self._store.read("SELECT * FROM alarms WHERE state = 'pending' AND at <= ? ORDER BY at, id", (now.timestamp(),))
        out = []
        for r in rows:
            at = datetime.fromtimestamp(r["at"], now.tzinfo)
            if now.timestamp() - r["at"] > late_after_s:
                text = f"While you were away, your alarm went off {say_when(at, now)}."
            else:
                text = f"It's {say_time(at)}. This is your alarm."
            out.append(Announcement(id=f"alarm:{r['id']}", text=text, kind="alarm", device_id=r["device_id"]))
        return out

    def mark_delivered(self, alarm_id: int) -> None:
        self._store.write("UPDATE alarms SET state = 'done' WHERE id = ? AND state = 'pending'", (alarm_id,))
