"""Calendar adapters: an .ics file or a CalDAV server, both read as a list of expanded events.

The dialogue skills only see `Event` values and the `CalendarSource` protocol; which backend is
used is decided once, at start-up, from the configuration.
"""

from __future__ import annotations

import os
import threading
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import icalendar
import recurring_ical_events

__all__ = [
    "CalDavCalendar",
    "CalendarSource",
    "CalendarUnavailableError",
    "Event",
    "IcsCalendar",
]

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


class CalendarSource(Protocol):
    def events_between(self, start: datetime, end: datetime) -> list[Event]: ...

    def add_event(self, summary: str, start: datetime, end: datetime) -> Event: ...


class CalendarUnavailableError(RuntimeError):
    """The calendar cannot be read or written; the message says what went wrong and what to do."""


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


def _expand(calendar: icalendar.Calendar, start: datetime, end: datetime) -> list[Event]:
    occurrences = recurring_ical_events.of(calendar).between(start, end)
    return [
        _event_from_component(component)
        for component in occurrences
        if component.name == "VEVENT" and str(component.get("STATUS", "")).upper() != "CANCELLED"
    ]


def _sorted(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda event: (event.start, event.end, event.summary))


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


def _new_calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    return calendar


def _parse_ics(data: bytes) -> icalendar.Calendar | None:
    """Parse iCalendar text (UTF-8 by RFC 5545); None when it is some other component."""
    parsed = icalendar.Calendar.from_ical(data.decode("utf-8", errors="replace"))
    return parsed if isinstance(parsed, icalendar.Calendar) else None


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


class IcsCalendar:
    """A calendar kept in one .ics file, which is created on the first added event."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._write_lock = threading.Lock()

    def _load(self) -> icalendar.Calendar:
        if not self._path.exists():
            return _new_calendar()
        try:
            parsed = _parse_ics(self._path.read_bytes())
        except OSError as exc:
            raise CalendarUnavailableError(
                f"Could not read the calendar file {self._path}: {exc.strerror or exc}. "
                "Check that the file exists and is readable, or point [calendar] ics in earpiece.toml at another file."
            ) from exc
        except ValueError as exc:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} is not a valid iCalendar (.ics) file: {exc}. "
                "Export the calendar again from your calendar app, or point [calendar] ics in earpiece.toml at another file."
            ) from exc
        if parsed is None:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} holds no VCALENDAR. "
                "Export the calendar again from your calendar app, or point [calendar] ics in earpiece.toml at another file."
            )
        return parsed

    def events_between(self, start: datetime, end: datetime) -> list[Event]:
        calendar = self._load()
        try:
            return _sorted(_expand(calendar, _to_local(start), _to_local(end)))
        except (ValueError, TypeError, KeyError) as exc:
            raise CalendarUnavailableError(
                f"The calendar file {self._path} has an event that cannot be read ({exc}). "
                "Fix or remove that event in your calendar app and export the file again."
            ) from exc

    def add_event(self, summary: str, start: datetime, end: datetime) -> Event:
        vevent, event = _new_vevent(summary, start, end)
        with self._write_lock:
            calendar = self._load()
            calendar.add_component(vevent)
            self._write_atomically(calendar.to_ical())
        return event

    def _write_atomically(self, data: bytes) -> None:
        """Write beside the file then rename, so a crash never leaves a half-written calendar."""
        tmp = self._path.with_name(f".{self._path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise CalendarUnavailableError(
                f"Could not save the calendar file {self._path}: {exc.strerror or exc}. "
                "Check that its folder exists and is writable."
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
        elif isinstance(exc, dav_error.NotFoundError):
            message = f"{where} has no calendar at that address. Check the calendar URL."
        elif any(isinstance(e, TimeoutError) for e in chain) or "timed out" in text or "timeout" in text:
            message = (
                f"{where} did not answer within {self._timeout_s:g} s. "
                "Check the network connection and that the server is up, then try again."
            )
        elif any(isinstance(e, ConnectionRefusedError) for e in chain) or "connection refused" in text:
            message = f"Nothing answered at {self._shown_url} (connection refused). Check that the calendar server is running and the URL is right."
        else:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            detail = detail.replace(self._url, self._shown_url)
            if self._password:
                detail = detail.replace(self._password, "***")
            message = f"Could not reach {where} ({detail}). Check that the server is running and the URL is right, then try again."
        return CalendarUnavailableError(message[0].upper() + message[1:])

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
                f"(found: {found}). Fix [calendar] name in earpiece.toml."
            )
        if not calendars:
            raise CalendarUnavailableError(
                f"The CalDAV server at {self._shown_url} has no calendar for this user. "
                "Create one in your calendar app, or set the calendar URL to an existing calendar."
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

        def search(calendar) -> list[Event]:
            events: list[Event] = []
            for resource in calendar.search(start=start_local, end=end_local, event=True, expand=False):
                calendar_data = resource.data
                parsed = _parse_ics(calendar_data.encode("utf-8") if isinstance(calendar_data, str) else calendar_data)
                if parsed is not None:
                    events.extend(_expand(parsed, start_local, end_local))
            return events

        # The server may return an event once per matching resource; keep one of each occurrence.
        unique = {(e.uid, e.start, e.end, e.summary): e for e in self._with_calendar(search)}
        return _sorted(list(unique.values()))

    def add_event(self, summary: str, start: datetime, end: datetime) -> Event:
        vevent, event = _new_vevent(summary, start, end)
        wrapper = _new_calendar()
        wrapper.add_component(vevent)
        ical = wrapper.to_ical().decode("utf-8")
        self._with_calendar(lambda calendar: calendar.add_event(ical=ical))
        return event
