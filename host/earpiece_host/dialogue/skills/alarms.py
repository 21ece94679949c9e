"""Alarms: a clock time on a day, kept in the database and announced like reminders (exactly once,
even when it fell due while the host was stopped)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..phrasing import first_upper, say_time, say_when
from ..timeparse import describe_repeat, next_occurrence
from ..store import Store
from ..types import Announcement, SkillReply
from .base import Turn


RING_AGAIN_S = 30.0  # a ringing alarm is offered again this long after it last played
SNOOZE_DEFAULT_MIN = 9


class AlarmsSkill:
    intents = ("alarm.set", "alarm.modify", "alarm.cancel", "alarm.list", "alarm.stop", "alarm.snooze")

    def __init__(self, store: Store, late_after_s: float = 600.0) -> None:
        self._store = store
        self.late_after_s = late_after_s

    def _pending(self) -> list:
        return self._store.read("SELECT * FROM alarms WHERE state = 'pending' ORDER BY at, id")

    def _ringing(self) -> list:
        return self._store.read("SELECT * FROM alarms WHERE state = 'ringing' ORDER BY at, id")

    def _finish(self, row, now: datetime) -> datetime | None:
        """An alarm acknowledged: done, or (recurring) set for its next day. Returns that next time."""
        if row["repeat"]:
            at = next_occurrence(row["repeat"], datetime.fromtimestamp(row["at"], now.tzinfo), now)
            self._store.write("UPDATE alarms SET state = 'pending', at = ?, rang_at = NULL WHERE id = ?", (at.timestamp(), row["id"]))
            return at
        self._store.write("UPDATE alarms SET state = 'done' WHERE id = ?", (row["id"],))
        return None

    def stop(self, now: datetime) -> SkillReply:
        # A ring cut short by a tap before it was played out is still 'pending': it is stopped too.
        rows = self._ringing() or [r for r in self._pending() if r["at"] <= now.timestamp()]
        if not rows:
            return SkillReply("No alarm is ringing.")
        nexts = [self._finish(r, now) for r in rows]
        following = [n for n in nexts if n is not None]
        tail = f" It will ring again {say_when(min(following), now)}." if following else ""
        return SkillReply("Alarm off. Good morning." + tail)

    def snooze(self, minutes: int, now: datetime) -> SkillReply:
        rows = self._ringing() or [r for r in self._pending() if r["at"] <= now.timestamp()]
        if not rows:
            return SkillReply("No alarm is ringing.")
        at = now + timedelta(minutes=minutes)
        for r in rows:
            if r["repeat"]:  # the recurring alarm goes on to its next day; this morning's ring becomes a one-off
                self._finish(r, now)
                self._store.write("INSERT INTO alarms (at, state, device_id, created_at) VALUES (?, 'pending', ?, ?)",
                                  (at.timestamp(), r["device_id"], now.timestamp()))
            else:
                self._store.write("UPDATE alarms SET state = 'pending', at = ?, rang_at = NULL WHERE id = ?", (at.timestamp(), r["id"]))
        return SkillReply(f"Snoozing for {minutes} minute{'s' if minutes != 1 else ''}. I'll ring again at {say_time(at)}.")

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "alarm.set":
            return self._set(slots, turn)
        if intent == "alarm.modify":
            return self._modify(slots, turn)
        if intent == "alarm.stop":
            return self.stop(turn.now)
        if intent == "alarm.snooze":
            return self.snooze(int(slots.get("minutes") or SNOOZE_DEFAULT_MIN), turn.now)
        if intent == "alarm.list":
            rows = self._pending()
            if not rows:
                return SkillReply("You have no alarms set.")
            times = [say_when(datetime.fromtimestamp(r["at"], turn.now.tzinfo), turn.now)
                     + (f", and then {describe_repeat(r['repeat'])}" if r["repeat"] else "") for r in rows]
            head = "You have one alarm, " if len(rows) == 1 else f"You have {len(rows)} alarms: "
            return SkillReply(head + "; ".join(times) + ".", items=tuple(f"{t[:1].upper()}{t[1:]}." for t in times))
        return self._cancel(slots, turn)

    def _set(self, slots: dict, turn: Turn) -> SkillReply:
        if not slots.get("time"):
            return SkillReply("What time should I wake you?", awaiting="alarm.set")
        clock = time.fromisoformat(slots["time"])
        day = date.fromisoformat(slots["date"]) if slots.get("date") else turn.now.date()
        at = datetime.combine(day, clock, turn.now.tzinfo)
        repeat = slots.get("repeat")
        if repeat:  # the first matching day at that time, from today
            at = next_occurrence(repeat, at - timedelta(days=1), turn.now)
        if not slots.get("date") and at <= turn.now:
            at += timedelta(days=1)
        if at <= turn.now:
            return SkillReply(f"{first_upper(say_when(at, turn.now))} has already passed. What time should I wake you?",
                              awaiting="alarm.set", refused_slot="time")
        self._store.write("INSERT INTO alarms (at, state, device_id, created_at, repeat) VALUES (?, 'pending', ?, ?, ?)",
                          (at.timestamp(), turn.device.device_id, turn.now.timestamp(), repeat))
        if repeat:
            return SkillReply(f"Okay, I'll wake you {describe_repeat(repeat)} at {say_time(at)}, starting {say_when(at, turn.now)}.")
        return SkillReply(turn.say.choice((f"Alarm set {say_when(at, turn.now)}.", f"Okay, I'll wake you {say_when(at, turn.now)}.")))

    def _modify(self, slots: dict, turn: Turn) -> SkillReply:
        """Move the alarm set last to a new time (on its own day unless another is given)."""
        which = {k: slots[k] for k in ("from_time", "repeat") if slots.get(k)}  # "date" here is the new day
        rows = self._named(self._pending(), turn, time_key="from_time", slots=which)
        if not rows:
            return SkillReply("I can't find that alarm." if slots.get("from_time") or slots.get("repeat")
                              else "You have no alarm to change.")
        r = max(rows, key=lambda row: (row["created_at"], row["id"]))
        old = datetime.fromtimestamp(r["at"], turn.now.tzinfo)
        day = date.fromisoformat(slots["date"]) if slots.get("date") else old.date()
        at = datetime.combine(day, time.fromisoformat(slots["time"]), turn.now.tzinfo)
        if slots.get("nearest") and at.hour < 12 and abs((at + timedelta(hours=12) - old).total_seconds()) < abs((at - old).total_seconds()):
            at += timedelta(hours=12)  # "make the alarm six" of one at half five in the afternoon: six in the evening
        if at <= turn.now:
            at += timedelta(days=1)
        self._store.write("UPDATE alarms SET at = ? WHERE id = ?", (at.timestamp(), r["id"]))
        return SkillReply(f"Okay, I've moved your alarm to {say_when(at, turn.now).removeprefix('at ').removeprefix('on ')}.")  # "to Saturday at 6:30 AM"

    @staticmethod
    def _named(rows: list, turn: Turn, *, time_key: str, slots: dict) -> list:
        """The alarms a request names by day, time or repeat ("the weekday alarm"); all when none is named."""
        if slots.get("date"):
            rows = [r for r in rows if datetime.fromtimestamp(r["at"], turn.now.tzinfo).date().isoformat() == slots["date"]]
        if slots.get(time_key):
            rows = [r for r in rows if datetime.fromtimestamp(r["at"], turn.now.tzinfo).strftime("%H:%M") == slots[time_key]]
        if slots.get("repeat"):
            repeating = [r for r in rows if r["repeat"] == slots["repeat"]]
            day = slots["repeat"].removeprefix("weekly:")
            # "the Saturday one" may be a one-off alarm on Saturday, when no alarm repeats on Saturdays
            rows = repeating or [r for r in rows if not r["repeat"] and slots["repeat"].startswith("weekly:")
                                 and datetime.fromtimestamp(r["at"], turn.now.tzinfo).strftime("%a").lower() == day]
        return rows

    def _cancel(self, slots: dict, turn: Turn) -> SkillReply:
        rows = self._pending()
        if not rows:
            return SkillReply("You have no alarms set.")
        chosen = self._named(rows, turn, time_key="time", slots=slots)  # all of them when none is named
        if not chosen:
            return SkillReply("I can't find an alarm at that time.")
        if not slots.get("all"):
            chosen = [max(chosen, key=lambda r: (r["created_at"], r["id"]))]
        for r in chosen:
            self._store.write("UPDATE alarms SET state = 'cancelled' WHERE id = ?", (r["id"],))
        if len(chosen) > 1:
            return SkillReply(f"Cancelled all {len(chosen)} alarms.")
        at = datetime.fromtimestamp(chosen[0]["at"], turn.now.tzinfo)
        if chosen[0]["repeat"]:  # "the weekday alarm" is gone for good, not only tomorrow's ring
            return SkillReply(f"Cancelled your alarm {describe_repeat(chosen[0]['repeat'])} at {say_time(at)}.")
        return SkillReply(f"Cancelled your alarm {say_when(at, turn.now)}.")

    def due(self, now: datetime, late_after_s: float) -> list[Announcement]:
        """Alarms that fell due, and ringing ones whose last ring is RING_AGAIN_S old (they ring until acknowledged)."""
        rows = self._store.read("SELECT * FROM alarms WHERE (state = 'pending' AND at <= ?) OR "
                                "(state = 'ringing' AND rang_at <= ?) ORDER BY at, id",
                                (now.timestamp(), now.timestamp() - RING_AGAIN_S))
        out = []
        for r in rows:
            at = datetime.fromtimestamp(r["at"], now.tzinfo)
            if r["state"] == "pending" and now.timestamp() - r["at"] > late_after_s:
                text = f"While you were away, your alarm went off {say_when(at, now)}."
                out.append(Announcement(id=f"alarm:{r['id']}", text=text, kind="alarm", device_id=r["device_id"]))
                continue
            text = f"It's {say_time(now if r['state'] == 'ringing' else at)}. This is your alarm."
            out.append(Announcement(id=f"alarm:{r['id']}", text=text, kind="alarm", device_id=r["device_id"],
                                    repeat_until_acknowledged=True, repeat_every_s=RING_AGAIN_S))
        return out

    def mark_delivered(self, alarm_id: int, now: datetime) -> None:
        """The alarm has played: it keeps ringing until acknowledged; one that went off while the
        earpiece was away is only told about, once."""
        rows = self._store.read("SELECT * FROM alarms WHERE id = ? AND state IN ('pending', 'ringing')", (alarm_id,))
        if not rows:
            return
        r = rows[0]
        if r["state"] == "pending" and now.timestamp() - r["at"] > self.late_after_s:
            self._finish(r, now)
            return
        self._store.write("UPDATE alarms SET state = 'ringing', rang_at = ? WHERE id = ?", (now.timestamp(), alarm_id))

