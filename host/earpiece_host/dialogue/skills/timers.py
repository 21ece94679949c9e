"""Timers: several at once, named, with status, pause, resume and cancel.

A timer is a row with an absolute end time, so one that runs out while the host is stopped is
still announced when it starts again; paused timers keep their remaining seconds instead.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..phrasing import join_words, say_duration, say_time
from ..store import Store
from ..types import Announcement, SkillReply
from .base import Turn


def _label(name: str | None, duration_s: float) -> str:
    if name:
        return f"{name} timer"
    return re.sub(r"(second|minute|hour|day)s\b", r"\1", say_duration(duration_s)) + " timer"


class TimersSkill:
    intents = ("timer.set", "timer.modify", "timer.add", "timer.cancel", "timer.status", "timer.pause", "timer.resume")

    def __init__(self, store: Store) -> None:
        self._store = store

    def _active(self) -> list:
        return self._store.read("SELECT * FROM timers WHERE state IN ('running', 'paused') ORDER BY created_at, id")

    def names(self) -> tuple[str, ...]:
        """The names of the timers running or paused, lower case."""
        return tuple(r["name"].lower() for r in self._active() if r["name"])

    def _targets(self, slots: dict, states: tuple[str, ...]) -> tuple[list, str | None]:
        """Timers the user means, or a question back when it is unclear."""
        active = [r for r in self._active() if r["state"] in states]
        name = (slots.get("name") or "").strip().lower()
        if slots.get("all"):
            return active, None
        if name:
            chosen = [r for r in active if r["name"] and (name in r["name"].lower() or r["name"].lower() in name)]
            if not chosen:
                other = next((r for r in self._active() if r["name"] and (name in r["name"].lower() or r["name"].lower() in name)), None)
                if other is not None:  # "start the beans again" of a timer that never stopped
                    return [], f"Your {other['name']} timer is already {other['state']}."
                if states == ("paused",) and len(active) == 1:
                    return active, None  # "carry on with the fish" of the one paused timer, the haddock: said another way
                return [], f"I can't find a {name} timer."
            return chosen, None
        if len(active) <= 1:
            return active, None
        labels = [_label(r["name"], r["duration_s"]) for r in active]
        return [], f"You have {len(active)} timers: {join_words(labels)}. Which one?"

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        now_s = turn.now.timestamp()
        if intent == "timer.set":
            duration_s = slots.get("duration_s")
            if not duration_s:
                return SkillReply("For how long?")
            name = (slots.get("name") or None)
            self._store.write(
                "INSERT INTO timers (name, duration_s, ends_at, state, device_id, created_at) VALUES (?, ?, ?, 'running', ?, ?)",
                (name, float(duration_s), now_s + float(duration_s), turn.device.device_id, now_s))
            what = f"Your {name} timer is set for {say_duration(duration_s)}." if name else \
                turn.say.choice((f"Timer set for {say_duration(duration_s)}.", f"Okay, {say_duration(duration_s)}, starting now.",
                                 f"{say_duration(duration_s).capitalize()}, counting down."))
            return SkillReply(what)
        if intent in ("timer.modify", "timer.add"):
            return self._modify(slots, turn)
        if intent == "timer.status":
            active = self._active()
            name = (slots.get("name") or "").strip().lower()
            if name:
                active = [r for r in active if r["name"] and name in r["name"].lower()]
            if not active:
                return SkillReply(f"There's no {name} timer running." if name else "You have no timers running.")
            parts = []
            for r in active:
                left = r["remaining_s"] if r["state"] == "paused" else max(0.0, r["ends_at"] - now_s)
                paused = " (paused)" if r["state"] == "paused" else ""
                parts.append(f"{say_duration(left)} left on your {_label(r['name'], r['duration_s'])}{paused}")
            text = "; ".join(parts)
            return SkillReply(text[0].upper() + text[1:] + ".")
        if intent == "timer.pause":
            targets, question = self._targets(slots, ("running",))
            if question:
                return SkillReply(question, awaiting=intent)
            if not targets:
                return SkillReply("There's no running timer to pause.")
            for r in targets:
                self._store.write("UPDATE timers SET state = 'paused', remaining_s = ?, ends_at = NULL WHERE id = ? AND state = 'running'",
                                  (max(0.0, r["ends_at"] - now_s), r["id"]))
            return SkillReply(f"Paused your {join_words([_label(r['name'], r['duration_s']) for r in targets])}.")
        if intent == "timer.resume":
            targets, question = self._targets(slots, ("paused",))
            if question:
                return SkillReply(question, awaiting=intent)
            if not targets:
                return SkillReply("There's no paused timer to resume.")
            for r in targets:
                self._store.write("UPDATE timers SET state = 'running', ends_at = ?, remaining_s = NULL WHERE id = ? AND state = 'paused'",
                                  (now_s + r["remaining_s"], r["id"]))
            if len(targets) == 1:
                said = (slots.get("name") or "").strip().lower()
                named = targets[0]["name"] and said and said not in targets[0]["name"].lower()
                which = f"Resumed your {_label(targets[0]['name'], targets[0]['duration_s'])}." if named else "Resumed."
                return SkillReply(f"{which} {say_duration(targets[0]['remaining_s'])} to go.")  # named when asked for by another word
            left = [f"{say_duration(r['remaining_s'])} on your {_label(r['name'], r['duration_s'])}" for r in targets]
            return SkillReply(f"Resumed them all: {join_words(left)}.")
        targets, question = self._targets(slots, ("running", "paused"))
        if question:
            return SkillReply(question, awaiting=intent)
        if not targets:
            return SkillReply("There's no timer to cancel.")
        for r in targets:
            self._store.write("UPDATE timers SET state = 'cancelled' WHERE id = ?", (r["id"],))
        labels = [_label(r["name"], r["duration_s"]) for r in targets]
        if len(targets) == 2 and labels[0] == labels[1]:  # two pasta timers, named alike
            return SkillReply(f"Cancelled both of your {labels[0]}s.")
        return SkillReply(f"Cancelled your {join_words(labels)}." if len(targets) < 3 else f"Cancelled all {len(targets)} timers.")

    def _modify(self, slots: dict, turn: Turn) -> SkillReply:
        """A new length for the timer just set (or the named one), counted from when it started; or,
        with `add_s`, the time added to (or taken off) it."""
        duration_s = float(slots.get("duration_s") or 0)
        if duration_s <= 0 and not slots.get("add_s"):
            return SkillReply("How long should it be?", awaiting="timer.modify")
        active = self._active()
        name = (slots.get("name") or "").strip().lower()
        if name:
            active = [r for r in active if r["name"] and name in r["name"].lower()]
        if not active:
            return SkillReply(f"There's no {name} timer to change." if name else "There's no timer to change.")
        r = max(active, key=lambda row: (row["created_at"], row["id"]))
        now_s = turn.now.timestamp()
        if slots.get("add_s"):
            duration_s = float(r["duration_s"]) + float(slots["add_s"])
            if duration_s <= 0 or (r["state"] == "running" and r["ends_at"] + float(slots["add_s"]) <= now_s):
                return SkillReply(f"That's more than is left on {'your ' + r['name'] + ' timer' if r['name'] else 'the timer'}, "
                                  "so I've left it as it is. Say \"cancel the timer\" to stop it.")
        if r["state"] == "paused":
            remaining = max(0.0, r["remaining_s"] + duration_s - r["duration_s"])
            self._store.write("UPDATE timers SET duration_s = ?, remaining_s = ? WHERE id = ?", (duration_s, remaining, r["id"]))
        else:
            ends_at = r["ends_at"] + duration_s - r["duration_s"]
            self._store.write("UPDATE timers SET duration_s = ?, ends_at = ? WHERE id = ?", (duration_s, ends_at, r["id"]))
            remaining = max(0.0, ends_at - now_s)
        label = f"your {r['name']} timer" if r["name"] else "the timer"
        return SkillReply(f"Okay, {label} is now {say_duration(duration_s)}; {say_duration(remaining)} to go.")

    def due(self, now: datetime, late_after_s: float) -> list[Announcement]:
        rows = self._store.read("SELECT * FROM timers WHERE state = 'running' AND ends_at <= ? ORDER BY ends_at, id",
                                (now.timestamp(),))
        out = []
        for r in rows:
            label = _label(r["name"], r["duration_s"])
            if now.timestamp() - r["ends_at"] > late_after_s:
                ended = datetime.fromtimestamp(r["ends_at"], now.tzinfo)
                text = f"While you were away, your {label} finished at {say_time(ended)}."
            else:
                text = f"Time's up! Your {label} is done."
            out.append(Announcement(id=f"timer:{r['id']}", text=text, kind="timer", device_id=r["device_id"]))
        return out

    def mark_delivered(self, timer_id: int) -> None:
        self._store.write("UPDATE timers SET state = 'done' WHERE id = ? AND state = 'running'", (timer_id,))
