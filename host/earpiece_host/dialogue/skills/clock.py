"""Time and date."""

from __future__ import annotations

from datetime import date

from ..phrasing import say_date, say_full_date, say_time
from ..types import SkillReply
from .base import Turn


class ClockSkill:
    intents = ("time.now", "date.today")

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
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
