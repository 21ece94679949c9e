"""Calendar: what is on a day, the next event, "am I free at 3?", and adding events, through an
adapter (an .ics file or CalDAV) passed in by the engine."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..phrasing import join_words, say_date, say_time, say_when
from ..types import SkillReply
from .base import Turn

_NO_CALENDAR = ("No calendar is connected yet. Set [calendar] ics to a calendar file, or caldav_url to a CalDAV "
                "server, in earpiece.toml (earpiece config path shows where it is), and I'll read it for you.")


def _event_words(e, now: datetime, *, with_day: bool = False) -> str:
    if e.all_day:
        return f"{e.summary} (all day)" + (f" {say_date(e.start.date(), now.date())}" if with_day else "")
    where = f" at {e.location}" if e.location else ""
    when = say_when(e.start.astimezone(now.tzinfo), now) if with_day else f"at {say_time(e.start.astimezone(now.tzinfo))}"
    return f"{e.summary} {when}{where}"


class CalendarSkill:
    intents = ("calendar.query", "calendar.add")

    def __init__(self, source) -> None:
        self.source = source

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if self.source is None:
            return SkillReply(_NO_CALENDAR)
        from ..calendar import CalendarUnavailableError  # imported late: icalendar is slow to load

        try:
            if intent == "calendar.add":
                return self._add(slots, turn)
            return self._query(slots, turn)
        except CalendarUnavailableError as exc:
            return SkillReply(f"I couldn't reach your calendar. {exc}")

    def events_on(self, day: date, tz) -> list:
        start = datetime.combine(day, time(0, 0), tz)
        return self.source.events_between(start, start + timedelta(days=1))

    def _query(self, slots: dict, turn: Turn) -> SkillReply:
        now = turn.now
        if slots.get("next"):
            events = [e for e in self.source.events_between(now, now + timedelta(days=60)) if e.start >= now]
            if not events:
                return SkillReply("Nothing coming up in the next two months.")
            return SkillReply(f"Next up: {_event_words(events[0], now, with_day=True)}.")
        if slots.get("free_at"):
            at = datetime.fromisoformat(slots["free_at"])
            busy = [e for e in self.source.events_between(at - timedelta(days=1), at + timedelta(days=1))
                    if e.start <= at < e.end and not e.all_day]
            if not busy:
                return SkillReply(f"Yes, you're free {say_when(at, now)}.")
            return SkillReply(f"No, you have {join_words([_event_words(e, now) for e in busy])}.")
        day = date.fromisoformat(slots["date"]) if slots.get("date") else now.date()
        events = self.events_on(day, now.tzinfo)
        when = say_date(day, now.date())
        when_text = when if when in ("today", "tomorrow", "yesterday") else f"on {when}"
        if not events:
            return SkillReply(turn.say.choice((f"Nothing on your calendar {when_text}.", f"Your calendar is clear {when_text}.")))
        items = [_event_words(e, now) for e in events]
        count = "one thing" if len(events) == 1 else f"{len(events)} things"
        return SkillReply(f"{when_text[:1].upper()}{when_text[1:]} you have {count}: {join_words(items)}.")

    def _add(self, slots: dict, turn: Turn) -> SkillReply:
        summary = (slots.get("summary") or "").strip()
        if not slots.get("start"):
            return SkillReply("When is it?")
        if not summary:
            return SkillReply("What should I call the event?")
        start = datetime.fromisoformat(slots["start"])
        end = start + timedelta(seconds=int(slots.get("duration_s") or 3600))
        event = self.source.add_event(summary[0].upper() + summary[1:], start, end)
        return SkillReply(turn.say.choice((f"Added {event.summary} {say_when(start, turn.now)}.",
                                           f"Okay, {event.summary} is on your calendar {say_when(start, turn.now)}.")))
