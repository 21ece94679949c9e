"""The user's calendar read together with a calendar of the OS's own, which is where events said
aloud are added unless the settings mark the user's calendar writable (`calendar_writable`).

The user's .ics file is often an export or a subscription: writing into it would be lost at the
next export, or worse, change a file the user never meant the OS to touch. So by default the OS
keeps what it adds in its own .ics file in its data folder and reads both.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .calendar import CalendarSource, Event, Events


class WithOwnCalendar:
    """Reads `theirs` and `own` as one calendar; adds only to `own`."""

    added_note = "I've put it in my own calendar, because yours is set as read-only for me."

    def __init__(self, theirs: CalendarSource, own: CalendarSource) -> None:
        self.theirs = theirs
        self.own = own

    def events_between(self, start: datetime, end: datetime) -> Events:
        first, second = self.theirs.events_between(start, end), self.own.events_between(start, end)
        merged = Events(sorted([*first, *second], key=lambda e: (e.start, e.summary)),
                        unreadable=getattr(first, "unreadable", 0) + getattr(second, "unreadable", 0),
                        truncated=getattr(first, "truncated", False) or getattr(second, "truncated", False))
        return merged

    def add_event(self, summary: str, start: datetime, end: datetime) -> Event:
        return self.own.add_event(summary, start, end)

    def move_event(self, uid: str, start: datetime | date, end: datetime | date) -> bool:
        """Only the OS's own events move; False for one in the user's calendar."""
        return self.own.move_event(uid, start, end)

    def cancel_event(self, uid: str) -> bool:
        return self.own.cancel_event(uid)

    def can_change(self, event: Event) -> bool:
        """The OS changes only what it added itself, in its own calendar."""
        around = self.own.events_between(event.start - timedelta(seconds=1), event.end + timedelta(seconds=1))
        return any(e.uid == event.uid for e in around)
