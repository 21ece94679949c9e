"""Time and date, here or in another place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..phrasing import first_upper, say_date, say_full_date, say_on_date, say_time, second_person
from ..nlu.clock import holiday_name
from ..places import zone_of
from ..types import SkillReply
from .base import Turn
from .memory_words import speak_subject


def _place_name(place: str) -> str:
    """A place as it is written: "rio de janeiro" -> "Rio de Janeiro"."""
    return " ".join(w if w in ("de", "la", "of") else w.capitalize() for w in place.split())


class ClockSkill:
    intents = ("time.now", "date.today", "date.until")

    def __init__(self, date_of: Callable[[str, Turn], date | None] | None = None,
                 whereabouts: Callable[[str], tuple[str, str] | None] | None = None) -> None:
        self._date_of = date_of  # MemorySkill.date_of: "how many days until my birthday"
        self._whereabouts = whereabouts  # MemorySkill.whereabouts: "what's the time down there" of someone abroad

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "date.until":
            return self._until(slots, turn)
        if intent == "time.now" and slots.get("place"):
            return self._time_in(str(slots["place"]), turn)
        if intent == "time.now":
            return SkillReply(turn.say.choice((f"It's {say_time(turn.now)}.", f"It's {say_time(turn.now)} now.",
                                               f"{say_time(turn.now)}.")))
        today = turn.now.date()
        asked = date.fromisoformat(slots["date"]) if slots.get("date") else today
        if asked == today:
            return SkillReply(f"Today is {say_full_date(today)}, {today.year}.")
        relative = say_date(asked, today)
        verb = "was" if asked < today else "is"
        if relative in ("tomorrow", "yesterday"):
            return SkillReply(f"{relative.capitalize()} {verb} {say_full_date(asked)}.")
        return SkillReply(f"That {verb} {say_full_date(asked)}, {asked.year}.")

    def _time_in(self, place: str, turn: Turn) -> SkillReply:
        named = _place_name(place)
        zone, where = zone_of(place), ""
        found = self._whereabouts(place) if zone is None and self._whereabouts is not None else None
        if found is not None:  # a person: the time where they live, or work
            home, verb = found
            who = second_person(place) if place.startswith(("my ", "our ")) else named
            zone, where, named = zone_of(home), f", where {who} {verb}", _place_name(home)
        if zone is None:
            return SkillReply(f"I don't know which time zone {named} is in. Try its biggest city.")
        there = turn.now.astimezone(zone)
        on = "" if there.date() == turn.now.date() else f" {say_on_date(there.date(), turn.now.date())}"
        return SkillReply(f"It's {say_time(there)}{on} in {named}{where}.")

    def _until(self, slots: dict, turn: Turn) -> SkillReply:
        today = turn.now.date()
        subject = str(slots.get("subject") or "").strip()
        if slots.get("date"):
            day = date.fromisoformat(slots["date"])
            named = holiday_name(day)
        else:
            day = self._date_of(subject, turn) if self._date_of is not None and subject else None
            named = speak_subject(subject)  # "your birthday", "Jean Luc's birthday"
            if day is None:
                return SkillReply(f"I don't know when {named} is. Tell me, and I'll remember.")
        days = (day - today).days
        what = f"{first_upper(named)} is" if named else "It's"
        if days == 0:
            return SkillReply(f"{what} today!")
        if days < 0:
            return SkillReply(f"That was {-days} day{'s' if days != -1 else ''} ago, on {say_full_date(day)}.")
        when = "tomorrow" if days == 1 else f"in {days} days"
        return SkillReply(f"{what} {when}, on {say_full_date(day)}.")
