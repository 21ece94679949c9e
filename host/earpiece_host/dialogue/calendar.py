"""Calendar adapters: an .ics file or a CalDAV server, both read as a list of expanded events.

The dialogue skills only see `Event` values and the `CalendarSource` protocol; which backend is
used is decided once, at start-up, from the configuration.

Calendars hold other people's events (invitations, subscribed feeds), so reading one is bounded:
each event is expanded on its own, and one that cannot be read, whose rule would cost more than
`MAX_SERIES_STEPS` iterations ("every second, for ever"), that names a day no month has, or that
takes more than `MAX_SERIES_CPU_S` of CPU (another rule no date satisfies) is skipped and counted in the result (`Events.unreadable`)
instead of failing or stalling the whole query; a query stops after `MAX_QUERY_OCCURRENCES`
occurrences or `MAX_QUERY_CPU_S` of CPU (`Events.truncated`). The user's
own file is never re-serialised: an added event is inserted as text, every other byte kept.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
import threading
import time as time_module
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Iterable, Protocol
from urllib.parse import urlsplit, urlunsplit

import icalendar
import recurring_ical_events

from .phrasing import first_upper
from .types import SEE_THE_LOG, SourceUnavailableError

__all__ = [
    "CalDavCalendar",
    "CalendarSource",
    "CalendarUnavailableError",
    "Event",
    "Events",
    "IcsCalendar",
    "unreadable_note",
]

log = logging.getLogger(__name__)

MAX_SERIES_STEPS = 50_000  # rule iterations one repeating event may cost in one query
MAX_QUERY_OCCURRENCES = 2_000  # occurrences one query returns at most
MAX_SERIES_CPU_S = 1.0  # CPU one event may cost to expand; past it, the event is skipped as unreadable
MAX_QUERY_CPU_S = 3.0  # CPU one query may spend expanding events; past it, the rest is left out
MAX_ICS_BYTES = 32 * 1024 * 1024  # a larger .ics file is refused rather than parsed

_PRODID = "-//earpiece//OS calendar//EN"


@dataclass(frozen=True)
class Event:
    """One occurrence of a calendar event, in local time (a recurring event gives one per occurrence)."""

    uid: str
    summary: str
    start: datetime
    end: datetime
    all_day: bool = False
    location: str | None = None
    repeats: bool = False  # one occurrence of a series: moving or cancelling it is left to the calendar app


class Events(list):
    """Events of one query, in order, with what had to be left out.

    unreadable: events skipped because they could not be read or repeat too often to expand.
    truncated: the query stopped at its occurrence or CPU limit; later events are missing.
    """

    def __init__(self, events: Iterable[Event] = (), unreadable: int = 0, truncated: bool = False) -> None:
        super().__init__(events)
        self.unreadable = unreadable
        self.truncated = truncated


def unreadable_note(events: object) -> str:
    """What the OS adds to an answer read from `events` ("1 event in your calendar could not be read.")."""
    count = getattr(events, "unreadable", 0)
    parts = []
    if count:
        parts.append(f"{count} event{'s' if count != 1 else ''} in your calendar could not be read.")
    if getattr(events, "truncated", False):
        parts.append("Your calendar has more events there than I can read at once, so I may have missed some.")
    return " ".join(parts)


class CalendarSource(Protocol):
    def events_between(self, start: datetime, end: datetime) -> Events: ...

    def add_event(self, summary: str, start: datetime, end: datetime) -> Event: ...

    def move_event(self, uid: str, start: datetime | date, end: datetime | date) -> bool:
        """Give the event `uid` new times (dates for an all-day event); False when it is not here."""
        ...

    def cancel_event(self, uid: str) -> bool:
        """Remove the event `uid`; False when it is not here."""
        ...

    def can_change(self, event: Event) -> bool:
        """Whether the OS may move or cancel this event (False: the user's calendar is read-only for it)."""
        ...

class CalendarUnavailableError(SourceUnavailableError):
    """The calendar cannot be read or written; the message says what went wrong and what to do."""


_SPOKEN_NOT_A_CALENDAR = "The calendar file isn't one I can read. Export the calendar again from your calendar app."
_SPOKEN_REPEATS = "That event repeats, so I left it as it is. Change it in your calendar app."
_SPOKEN_LEFT_AS_IT_IS = ("The calendar file isn't laid out in a way I can add to safely, so I left it as it is. "
                         "Add the event in your calendar app.")


def _to_local(value: datetime | date) -> datetime:
    """A timezone-aware local datetime; naive values ("floating" times, plain dates) are taken as local."""
    if isinstance(value, datetime):
        return value.astimezone()
    return datetime.combine(value, time()).astimezone()


def _event_from_component(component: icalendar.Component) -> Event:
    raw_start = component.decoded("DTSTART")
    all_day = not isinstance(raw_start, datetime)
    if "DTEND" in component:
        raw_end = component.decoded("DTEND")
    elif "DURATION" in component:
        raw_end = raw_start + component.decoded("DURATION")
    else:
        # RFC 5545: without DTEND or DURATION a date lasts one day and a date-time is an instant.
        raw_end = raw_start + timedelta(days=1) if all_day else raw_start
    location = str(component.get("LOCATION", "")).strip() or None
    return Event(
        uid=str(component.get("UID", "")),
        summary=str(component.get("SUMMARY", "")).strip(),
        start=_to_local(raw_start),
        end=_to_local(raw_end),
        all_day=all_day,
        location=location,
    )


class _TooCostly(ValueError):
    """A repeating event refused before expansion: too many iterations, or no date satisfies its rule."""


class _OverBudget(BaseException):
    """Raised inside an expansion that ran out of CPU; a BaseException so no library swallows it."""


_PERIOD_S = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400,
             "MONTHLY": 28 * 86400, "YEARLY": 365 * 86400}  # shortest length of each period
_DAYS_PER_PERIOD = {"WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}  # days a BY-rule may expand a period into
_TIME_PARTS = {"SECONDLY": (), "MINUTELY": ("BYSECOND",), "HOURLY": ("BYMINUTE", "BYSECOND")}
_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYSETPOS",
            "BYHOUR", "BYMINUTE", "BYSECOND")


def _rule_steps(rule: icalendar.vRecur, dtstart: datetime, horizon: datetime) -> float:
    """An upper bound on the candidates dateutil generates for `rule` from dtstart up to horizon."""
    freq = str(rule["FREQ"][0]).upper()
    interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
    periods = max(0.0, (horizon - dtstart).total_seconds()) / (_PERIOD_S[freq] * interval) + 1
    per_period = _DAYS_PER_PERIOD.get(freq, 1)
    for part in _TIME_PARTS.get(freq, ("BYHOUR", "BYMINUTE", "BYSECOND")):
        per_period *= max(1, len(rule.get(part) or ()))
    steps = periods * per_period
    if rule.get("COUNT") and not any(rule.get(part) for part in _FILTERS):
        steps = min(steps, int(rule["COUNT"][0]))  # without filters every candidate counts
    return steps


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _no_such_day(rule: icalendar.vRecur) -> bool:
    """BYMONTHDAY beyond every allowed month (31 February): no date satisfies the rule."""
    days = [abs(int(d)) for d in rule.get("BYMONTHDAY") or ()]
    if not days:
        return False
    months = [int(m) for m in rule.get("BYMONTH") or range(1, 13)]
    longest = max((_MONTH_DAYS[m - 1] for m in months if 1 <= m <= 12), default=0)
    return min(days) > longest


def _check_cost(component: icalendar.Component, end: datetime) -> None:
    """Refuse, before expanding it, an event whose rules would iterate too often up to `end`."""
    rules = component.get("RRULE")
    if not rules:
        return
    start = _to_local(component.decoded("DTSTART"))
    for rule in rules if isinstance(rules, list) else [rules]:
        if _no_such_day(rule):
            raise _TooCostly("no date satisfies its rule")
        horizon = end
        if rule.get("UNTIL"):
            horizon = min(horizon, _to_local(rule["UNTIL"][0]))
        steps = _rule_steps(rule, start, horizon)
        if steps > MAX_SERIES_STEPS:
            raise _TooCostly(f"it repeats {str(rule['FREQ'][0]).lower()}, about {steps:.3g} times up to this query")


_DAY_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYSETPOS")


def _may_never_yield(component: icalendar.Component) -> bool:
    """Whether a rule's date filters could reject every candidate ("31 February", "week 60"):
    dateutil then iterates until the year 9999. Plain rules and weekdays yield every period."""
    rules = component.get("RRULE")
    for rule in (rules if isinstance(rules, list) else [rules]) if rules else []:
        if any(rule.get(part) for part in _DAY_FILTERS):
            return True
        if any(not str(day).isalpha() for day in rule.get("BYDAY") or ()):  # "5FR": a fifth Friday
            return True
    return False


@contextmanager
def _cpu_limit(seconds: float) -> Iterator[None]:
    """Raise _OverBudget inside the block once this thread has spent `seconds` of CPU in it.

    dateutil cannot be stopped otherwise: a rule no date satisfies (31 February) searches until
    the year 9999 without yielding once, and a cost estimate cannot foresee every such rule. The
    check rides on the profiler hook, once every 1,024 calls.
    """
    deadline = time_module.thread_time() + seconds
    previous = sys.getprofile()
    calls = 0

    def hook(frame, event, arg) -> None:
        nonlocal calls
        calls += 1
        if not calls & 1023 and time_module.thread_time() > deadline:
            raise _OverBudget(f"it took more than {seconds:.2g} s of CPU to expand")

    sys.setprofile(hook)
    try:
        yield
    finally:
        sys.setprofile(previous)


def _series_by_uid(calendar: icalendar.Calendar) -> dict[str, list[icalendar.Component]]:
    """VEVENTs grouped as recurring_ical_events groups them: by UID (each UID-less event alone)."""
    groups: dict[str, list[icalendar.Component]] = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID") or f"no-uid-{id(component)}")
        groups.setdefault(uid, []).append(component)
    return groups


def _repeats(components: list[icalendar.Component]) -> bool:
    """Whether the VEVENTs of one UID are a series (a rule, extra dates, or overridden occurrences)."""
    return len(components) > 1 or any(name in c for c in components for name in ("RRULE", "RDATE", "RECURRENCE-ID"))


def _occurrences(components: list[icalendar.Component], timezones: list, start: datetime, end: datetime,
                 room: int) -> tuple[list[Event], bool]:
    """One event's occurrences between start and end, at most `room` of them (and whether it was cut)."""
    for component in components:
        _check_cost(component, end)
    single = icalendar.Calendar()
    single.subcomponents = [*timezones, *components]
    found: list[Event] = []
    repeats = _repeats(components)
    for series in recurring_ical_events.of(single).series:
        for occurrence in series.between(start, end):
            component = occurrence.as_component(False)
            if str(component.get("STATUS", "")).upper() == "CANCELLED":
                continue
            if len(found) >= room:
                return found, True
            event = _event_from_component(component)
            found.append(replace(event, repeats=True) if repeats else event)
    return found, False


def _query_deadline() -> float:
    return time_module.thread_time() + MAX_QUERY_CPU_S


def _expand(calendar: icalendar.Calendar, start: datetime, end: datetime, into: Events | None = None,
            deadline: float | None = None) -> Events:
    """Occurrences between start and end, each event on its own so one bad or costly event is skipped.

    into, deadline: to gather one query from several calendars (CalDAV resources) in one budget.
    """
    result = into if into is not None else Events()
    deadline = deadline if deadline is not None else _query_deadline()
    timezones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    for uid, components in _series_by_uid(calendar).items():
        remaining_s = deadline - time_module.thread_time()
        if result.truncated or remaining_s <= 0:
            result.truncated = True
            break
        try:
            room = MAX_QUERY_OCCURRENCES - len(result)
            if any(_may_never_yield(c) for c in components):
                with _cpu_limit(min(MAX_SERIES_CPU_S, remaining_s)):
                    found, cut = _occurrences(components, timezones, start, end, room)
            else:  # bounded by _check_cost and `room`; the CPU watch would only slow it down
                found, cut = _occurrences(components, timezones, start, end, room)
        except (_OverBudget, _TooCostly, ValueError, TypeError, KeyError, AttributeError, OverflowError,
                IndexError, RecursionError, recurring_ical_events.InvalidCalendar) as exc:
            # Untrusted input: any of these means "this event cannot be read", not a bug of ours.
            log.warning("skipped calendar event %.60s: %s", uid, exc)
            result.unreadable += 1
            continue
        result.extend(found)
        result.truncated = cut
    return result


def _sorted(events: Events) -> Events:
    return Events(sorted(events, key=lambda event: (event.start, event.end, event.summary)),
                  unreadable=events.unreadable, truncated=events.truncated)


def _new_vevent(summary: str, start: datetime, end: datetime) -> tuple[icalendar.Event, Event]:
    """A VEVENT stored in UTC (unambiguous for every reader) and the local `Event` it stands for."""
    start_local, end_local = _to_local(start), _to_local(end)
    if end_local < start_local:
        raise ValueError(f"an event cannot end ({end_local}) before it starts ({start_local})")
    uid = f"{uuid.uuid4()}@earpiece"
    vevent = icalendar.Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", datetime.now(timezone.utc))
    vevent.add("dtstart", start_local.astimezone(timezone.utc))
    vevent.add("dtend", end_local.astimezone(timezone.utc))
    vevent.add("summary", summary)
    return vevent, Event(uid=uid, summary=summary, start=start_local, end=end_local)


def _moved(vevent: icalendar.Component, start: datetime | date, end: datetime | date) -> None:
    """Give a VEVENT new times, in UTC (or as dates), and mark it changed for other readers."""
    for name in ("DTSTART", "DTEND", "DURATION", "DTSTAMP"):
        vevent.pop(name, None)
    utc = [value.astimezone(timezone.utc) if isinstance(value, datetime) else value for value in (start, end)]
    vevent.add("dtstart", utc[0])
    vevent.add("dtend", utc[1])
    vevent.add("dtstamp", datetime.now(timezone.utc))
    sequence = int(vevent.get("SEQUENCE", 0) or 0)
    vevent.pop("SEQUENCE", None)
    vevent.add("sequence", sequence + 1)


def _new_calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    return calendar


def _parse_ics(data: bytes) -> icalendar.Calendar | None:
    """Parse iCalendar text (UTF-8 by RFC 5545); None when it is some other component."""
    parsed = icalendar.Calendar.from_ical(data.decode("utf-8", errors="replace"))
    return parsed if isinstance(parsed, icalendar.Calendar) else None


def _parse_resource(data: str | bytes) -> icalendar.Calendar | None:
    """A CalDAV resource's iCalendar text, which the library gives as str or bytes."""
    return _parse_ics(data.encode("utf-8") if isinstance(data, str) else data)


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def _exception_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


_VEVENT_BLOCK = re.compile(rb"^BEGIN:VEVENT[ \t]*\r?\n.*?^END:VEVENT[ \t]*(?:\r?\n|\Z)", re.IGNORECASE | re.MULTILINE | re.DOTALL)
_UID_LINE = re.compile(rb"^UID(?:;[^:\r\n]*)?:(?P<uid>[^\r\n]*)", re.IGNORECASE | re.MULTILINE)


def _unfolded(text: bytes) -> bytes:
    return re.sub(rb"\r?\n[ \t]", b"", text)


def _block_uid(block: bytes) -> str | None:
    m = _UID_LINE.search(_unfolded(block))
    return m.group("uid").decode("utf-8", errors="replace").strip() if m else None


_END_CALENDAR = re.compile(rb"^END:VCALENDAR[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


class IcsCalendar:
    """A calendar kept in one .ics file, which is created on the first added event.

    Adding an event inserts its text before the file's last END:VCALENDAR line; everything else
    in the file keeps its bytes. A file that is read-only, not valid UTF-8 or not a valid calendar
    is refused rather than rewritten.
    """

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._write_lock = threading.Lock()

    def _read_bytes(self) -> bytes:
        try:
            size = self._path.stat().st_size
            if size > MAX_ICS_BYTES:
                raise CalendarUnavailableError(
                    f"The calendar file {self._path} is {size // (1024 * 1024)} MB, more than the "
                    f"{MAX_ICS_BYTES // (1024 * 1024)} MB I read. Export a shorter span of it, or use CalDAV.",
                    spoken=f"The calendar file is too large for me to read. {SEE_THE_LOG}",
                )
            return self._path.read_bytes()
        except OSError as exc:
            raise CalendarUnavailableError(
                f"Could not read the calendar file {self._path}: {exc.strerror or exc}. "
                "Check that the file exists and is readable, or point [calendar] ics in earpiece.toml at another file.",
                spoken=f"I can't open the calendar file. {SEE_THE_LOG}",
            ) from exc

    def _parse(self, data: bytes) -> icalendar.Calendar:
        try:
            parsed = _parse_ics(data)
        except ValueError as exc:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} is not a valid iCalendar (.ics) file: {exc}. "
                "Export the calendar again from your calendar app, or point [calendar] ics in earpiece.toml at another file.",
                spoken=_SPOKEN_NOT_A_CALENDAR,
            ) from exc
        if parsed is None:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} holds no VCALENDAR. "
                "Export the calendar again from your calendar app, or point [calendar] ics in earpiece.toml at another file.",
                spoken=_SPOKEN_NOT_A_CALENDAR,
            )
        return parsed

    def events_between(self, start: datetime, end: datetime) -> Events:
        if not self._path.exists():
            return Events()
        calendar = self._parse(self._read_bytes())
        return _sorted(_expand(calendar, _to_local(start), _to_local(end)))

    def add_event(self, summary: str, start: datetime, end: datetime) -> Event:
        vevent, event = _new_vevent(summary, start, end)
        with self._write_lock:
            if not self._path.exists():
                calendar = _new_calendar()
                calendar.add_component(vevent)
                self._write_atomically(calendar.to_ical(), mode=0o600)
                return event
            self._write_atomically(self._with_inserted(self._read_bytes(), vevent), mode=self._writable_mode("add the event"))
        return event

    def _writable_mode(self, instead: str) -> int:
        """The file's permission bits, after checking that it may be changed at all."""
        mode = stat.S_IMODE(self._path.stat().st_mode)
        if not mode & 0o222 or not os.access(self._path, os.W_OK):
            raise CalendarUnavailableError(
                f"The calendar file {self._path} is read-only, so I won't change it. "
                f"{first_upper(instead)} in your calendar app, or give me a calendar of my own to write to.",
                spoken=f"The calendar file is read-only, so I won't change it. {first_upper(instead)} in your calendar app.",
            )
        return mode

    def _with_inserted(self, data: bytes, vevent: icalendar.Event) -> bytes:
        """The file's bytes with the event's text before the last END:VCALENDAR, nothing else changed."""
        self._check_utf8(data, "add the event")
        before = self._parse(data)
        ends = list(_END_CALENDAR.finditer(data))
        if not ends:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} has no END:VCALENDAR line, so I left it as it is. "
                "Export the calendar again from your calendar app.",
                spoken=_SPOKEN_LEFT_AS_IT_IS,
            )
        text = vevent.to_ical()
        if b"\r\n" not in data:
            text = text.replace(b"\r\n", b"\n")  # keep the file's own line endings
        at = ends[-1].start()
        changed = data[:at] + text + data[at:]
        if len(self._parse(changed).walk("VEVENT")) != len(before.walk("VEVENT")) + 1:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} is laid out in a way I cannot add to safely, so I left it "
                "as it is. Add the event in your calendar app.",
                spoken=_SPOKEN_LEFT_AS_IT_IS,
            )
        return changed

    def _check_utf8(self, data: bytes, instead: str) -> None:
        """Refuse to change a file that is not UTF-8; `instead` is what the user should do ("add the event")."""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} has bytes that are not UTF-8 (at byte {exc.start}), so "
                f"changing it could damage events I cannot read properly. I left it as it is; {instead} "
                "in your calendar app, or export the calendar again.",
                spoken="The calendar file has letters I can't read properly, so I left it as it is. "
                       f"{first_upper(instead)} in your calendar app.",
            ) from exc

    def move_event(self, uid: str, start: datetime | date, end: datetime | date) -> bool:
        def moved(block: bytes) -> bytes:
            vevent = icalendar.Event.from_ical(block.decode("utf-8"))
            _moved(vevent, start, end)
            text = vevent.to_ical()
            return text if b"\r\n" in block else text.replace(b"\r\n", b"\n")

        return self._rewrite_event(uid, moved, events_removed=0)

    def cancel_event(self, uid: str) -> bool:
        return self._rewrite_event(uid, lambda block: b"", events_removed=1)

    def can_change(self, event: Event) -> bool:
        return True  # a read-only file is refused when it would be written, with the reason

    def _rewrite_event(self, uid: str, rewrite, events_removed: int) -> bool:
        """Replace the text of the one VEVENT with this UID by `rewrite(its text)`, every other byte kept."""
        with self._write_lock:
            if not self._path.exists():
                return False
            data = self._read_bytes()
            self._check_utf8(data, "change it")
            before = self._parse(data)
            blocks = [m for m in _VEVENT_BLOCK.finditer(data) if _block_uid(m.group()) == uid]
            if not blocks:
                return False
            if len(blocks) > 1 or _repeats([c for c in before.walk("VEVENT") if str(c.get("UID", "")).strip() == uid]):
                raise CalendarUnavailableError(
                    f"The event {uid} in {self._path} repeats; I change single events only. "
                    "Change it in your calendar app.", spoken=_SPOKEN_REPEATS)
            block = blocks[0]
            changed = data[:block.start()] + rewrite(block.group()) + data[block.end():]
            if len(self._parse(changed).walk("VEVENT")) != len(before.walk("VEVENT")) - events_removed:
                raise CalendarUnavailableError(
                    f"The calendar file {self._path} is laid out in a way I cannot change safely, so I left it "
                    "as it is. Change the event in your calendar app.",
                    spoken="The calendar file isn't laid out in a way I can change safely, so I left it as it is. "
                           "Change the event in your calendar app.",
                )
            self._write_atomically(changed, mode=self._writable_mode("change it"))
        return True

    def _write_atomically(self, data: bytes, mode: int) -> None:
        """Write beside the file then rename, so a crash never leaves a half-written calendar."""
        tmp = self._path.with_name(f".{self._path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(descriptor, "wb") as handle:
                os.fchmod(handle.fileno(), mode)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise CalendarUnavailableError(
                f"Could not save the calendar file {self._path}: {exc.strerror or exc}. "
                "Check that its folder exists and is writable.",
                spoken=f"I couldn't save the calendar file. {SEE_THE_LOG}",
            ) from exc


class CalDavCalendar:
    """A calendar on a CalDAV server (Radicale, Nextcloud, Fastmail...), reached with the `caldav` library."""

    def __init__(
        self,
        url: str,
        username: str | None = None,
        password: str | None = None,
        calendar_name: str | None = None,
        timeout_s: float = 10.0,
    ) -> None:
        self._url = url
        self._shown_url = _without_credentials(url)  # what error messages and logs may show
        self._username = username
        self._password = password
        self._calendar_name = calendar_name
        self._timeout_s = timeout_s
        self._calendar = None  # the caldav.Calendar, found on first use and reused
        self._lock = threading.Lock()

    def _unavailable(self, exc: BaseException) -> CalendarUnavailableError:
        import caldav.lib.error as dav_error

        where = f"the CalDAV server at {self._shown_url}"
        chain = _exception_chain(exc)
        text = " ".join(str(e) for e in chain).lower()
        if isinstance(exc, dav_error.AuthorizationError):
            reason = getattr(exc, "reason", "") or "unauthorized"
            message = f"{where} refused access ({reason}). Check the calendar user name and password."
            spoken = "The calendar server turned down my login."
        elif isinstance(exc, dav_error.NotFoundError):
            message = f"{where} has no calendar at that address. Check the calendar URL."
            spoken = "The calendar server has no calendar at the address in your settings."
        elif any(isinstance(e, TimeoutError) for e in chain) or "timed out" in text or "timeout" in text:
            message = (
                f"{where} did not answer within {self._timeout_s:g} s. "
                "Check the network connection and that the server is up, then try again."
            )
            spoken = "The calendar server didn't answer in time."
        elif any(isinstance(e, ConnectionRefusedError) for e in chain) or "connection refused" in text:
            message = f"Nothing answered at {self._shown_url} (connection refused). Check that the calendar server is running and the URL is right."
            spoken = "Nothing answered at the calendar server's address."
        else:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            detail = detail.replace(self._url, self._shown_url)
            if self._password:
                detail = detail.replace(self._password, "***")
            message = f"Could not reach {where} ({detail}). Check that the server is running and the URL is right, then try again."
            spoken = "I couldn't reach the calendar server."
        return CalendarUnavailableError(message[0].upper() + message[1:], spoken=f"{spoken} {SEE_THE_LOG}")

    def _find_calendar(self):
        import caldav

        client = caldav.DAVClient(
            url=self._url,
            username=self._username,
            password=self._password,
            timeout=self._timeout_s,  # type: ignore[arg-type]  # niquests accepts float seconds
        )
        calendars = client.principal().calendars()
        if self._calendar_name is not None:
            wanted = self._calendar_name.casefold()
            for calendar in calendars:
                names = {str(calendar.get_display_name() or "").casefold(), str(calendar.url).rstrip("/").rsplit("/", 1)[-1].casefold()}
                if wanted in names:
                    return calendar
            found = ", ".join(str(c.get_display_name() or c.url) for c in calendars) or "none"
            raise CalendarUnavailableError(
                f"The CalDAV server at {self._shown_url} has no calendar called {self._calendar_name!r} "
                f"(found: {found}). Fix [calendar] name in earpiece.toml.",
                spoken=f"The calendar server has no calendar by the name in your settings. {SEE_THE_LOG}",
            )
        if not calendars:
            raise CalendarUnavailableError(
                f"The CalDAV server at {self._shown_url} has no calendar for this user. "
                "Create one in your calendar app, or set the calendar URL to an existing calendar.",
                spoken="The calendar server has no calendar for you yet. Create one in your calendar app.",
            )
        return calendars[0]

    def _with_calendar(self, action):
        """Run `action(calendar)`, turning every network or server failure into one named error."""
        with self._lock:
            try:
                if self._calendar is None:
                    self._calendar = self._find_calendar()
                return action(self._calendar)
            except CalendarUnavailableError:
                raise
            except Exception as exc:  # caldav surfaces niquests, lxml and its own errors; all mean "unavailable"
                self._calendar = None
                raise self._unavailable(exc) from exc

    def events_between(self, start: datetime, end: datetime) -> list[Event]:
        start_local, end_local = _to_local(start), _to_local(end)

        def search(calendar) -> Events:
            events = Events()
            deadline = _query_deadline()
            for resource in calendar.search(start=start_local, end=end_local, event=True, expand=False):
                if events.truncated:
                    break
                try:
                    parsed = _parse_resource(resource.data)
                except ValueError as exc:
                    log.warning("skipped a calendar resource that is not valid iCalendar: %s", exc)
                    events.unreadable += 1
                    continue
                if parsed is not None:
                    _expand(parsed, start_local, end_local, into=events, deadline=deadline)
            return events

        # The server may return an event once per matching resource; keep one of each occurrence.
        found = self._with_calendar(search)
        unique = {(e.uid, e.start, e.end, e.summary): e for e in found}
        return _sorted(Events(unique.values(), unreadable=found.unreadable, truncated=found.truncated))

    def add_event(self, summary: str, start: datetime, end: datetime) -> Event:
        vevent, event = _new_vevent(summary, start, end)
        wrapper = _new_calendar()
        wrapper.add_component(vevent)
        ical = wrapper.to_ical().decode("utf-8")
        self._with_calendar(lambda calendar: calendar.add_event(ical=ical))
        return event

    def move_event(self, uid: str, start: datetime | date, end: datetime | date) -> bool:
        def move(resource) -> None:
            parsed = _parse_resource(resource.data)
            vevent = self._single_event(parsed, uid)
            _moved(vevent, start, end)
            resource.data = parsed.to_ical().decode("utf-8")
            resource.save()

        return self._with_event(uid, move)

    def cancel_event(self, uid: str) -> bool:
        def cancel(resource) -> None:
            self._single_event(_parse_resource(resource.data), uid)
            resource.delete()

        return self._with_event(uid, cancel)

    def can_change(self, event: Event) -> bool:
        return True

    def _single_event(self, parsed: icalendar.Calendar | None, uid: str) -> icalendar.Component:
        events = parsed.walk("VEVENT") if parsed is not None else []
        if len(events) != 1 or _repeats(events):
            raise CalendarUnavailableError(
                f"The event {uid} on the CalDAV server at {self._shown_url} repeats; I change single events only. "
                "Change it in your calendar app.", spoken=_SPOKEN_REPEATS)
        return events[0]

    def _with_event(self, uid: str, action) -> bool:
        """Run `action(resource)` on the server's resource for `uid`; False when there is none."""
        import caldav.lib.error as dav_error

        def act(calendar) -> bool:
            try:
                resource = calendar.get_event_by_uid(uid)
            except dav_error.NotFoundError:
                return False
            action(resource)
            return True

        return self._with_calendar(act)
