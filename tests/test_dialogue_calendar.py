"""Calendar adapters against real .ics files and a real CalDAV server (Radicale on loopback)."""

from __future__ import annotations

import os
import socket
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from earpiece_host.dialogue.calendar import (
    CalDavCalendar,
    CalendarUnavailableError,
    Event,
    IcsCalendar,
)
from servers import free_port, radicale_server  # noqa: F401  (radicale_server is a fixture)

LONDON = ZoneInfo("Europe/London")


def write_ics(path: Path, *events: icalendar.Event) -> None:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//earpiece tests//EN")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(event)
    path.write_bytes(calendar.to_ical())


def vevent(uid: str, summary: str, start, end=None, *, rrule: dict | None = None, location: str | None = None, **extra) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime(2026, 1, 1, tzinfo=timezone.utc))
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    if rrule:
        event.add("rrule", rrule)
    if location:
        event.add("location", location)
    for key, value in extra.items():
        event.add(key, value)
    return event


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute).astimezone()


@pytest.fixture()
def weekly_ics(tmp_path: Path) -> Path:
    path = tmp_path / "personal.ics"
    write_ics(
        path,
        # Every Monday 09:00-09:30 London time, four times, from Monday 2 March 2026.
        vevent("standup@test", "Team standup", datetime(2026, 3, 2, 9, 0, tzinfo=LONDON), datetime(2026, 3, 2, 9, 30, tzinfo=LONDON), rrule={"freq": "weekly", "count": 4}),
        vevent("dentist@test", "Dentist", datetime(2026, 3, 4, 15, 0, tzinfo=timezone.utc), datetime(2026, 3, 4, 16, 0, tzinfo=timezone.utc), location="High Street Clinic"),
        vevent("amy@test", "Amy's birthday", date(2026, 3, 3), date(2026, 3, 4)),
        vevent("gone@test", "Cancelled lunch", datetime(2026, 3, 5, 12, 0, tzinfo=timezone.utc), datetime(2026, 3, 5, 13, 0, tzinfo=timezone.utc), status="CANCELLED"),
    )
    return path


def test_ics_week_lists_each_occurrence_sorted_in_local_time(weekly_ics: Path) -> None:
    events = IcsCalendar(weekly_ics).events_between(local(2026, 3, 1), local(2026, 3, 8))
    assert [e.summary for e in events] == ["Team standup", "Amy's birthday", "Dentist"]
    standup, birthday, dentist = events
    assert standup.start == datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)
    assert standup.end - standup.start == timedelta(minutes=30)
    assert birthday.all_day and birthday.start == local(2026, 3, 3) and birthday.end == local(2026, 3, 4)
    assert dentist.location == "High Street Clinic"
    for event in events:
        assert event.start.tzinfo is not None
        assert event.start.utcoffset() == event.start.astimezone().utcoffset()  # already in local time


def test_ics_recurring_event_expanded_over_a_month(weekly_ics: Path) -> None:
    events = IcsCalendar(weekly_ics).events_between(local(2026, 3, 1), local(2026, 4, 30))
    standups = [e for e in events if e.summary == "Team standup"]
    assert [e.start.astimezone(LONDON).date() for e in standups] == [
        date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23)
    ]
    # Across the clocks going forward (29 March) the meeting stays at 09:00 London time.
    assert {e.start.astimezone(LONDON).hour for e in standups} == {9}
    assert [e.start for e in events] == sorted(e.start for e in events)


def test_ics_cancelled_event_is_not_listed(weekly_ics: Path) -> None:
    events = IcsCalendar(weekly_ics).events_between(local(2026, 3, 5), local(2026, 3, 6))
    assert events == []


def test_ics_naive_query_bounds_are_local_time(weekly_ics: Path) -> None:
    aware = IcsCalendar(weekly_ics).events_between(local(2026, 3, 4), local(2026, 3, 5))
    naive = IcsCalendar(weekly_ics).events_between(datetime(2026, 3, 4), datetime(2026, 3, 5))
    assert naive == aware and [e.summary for e in naive] == ["Dentist"]


def test_ics_add_event_keeps_existing_events_and_reads_back(weekly_ics: Path) -> None:
    calendar = IcsCalendar(weekly_ics)
    start = local(2026, 3, 6, 18, 0)
    added = calendar.add_event("Dinner with Amy", start, start + timedelta(hours=2))
    assert isinstance(added, Event) and added.summary == "Dinner with Amy" and added.start == start

    reread = IcsCalendar(weekly_ics).events_between(local(2026, 3, 1), local(2026, 3, 8))
    assert [e.summary for e in reread] == ["Team standup", "Amy's birthday", "Dentist", "Dinner with Amy"]
    dinner = reread[-1]
    assert (dinner.uid, dinner.start, dinner.end) == (added.uid, start, start + timedelta(hours=2))
    # The file is still a valid calendar that other programs can read, with the recurrence intact.
    parsed = icalendar.Calendar.from_ical(weekly_ics.read_bytes())
    assert len([c for c in parsed.walk("VEVENT")]) == 5
    assert not [p for p in weekly_ics.parent.iterdir() if p.name.endswith(".tmp")]


def test_ics_missing_file_is_empty_then_created_on_first_add(tmp_path: Path) -> None:
    path = tmp_path / "new" / "calendar.ics"
    calendar = IcsCalendar(path)
    assert calendar.events_between(local(2026, 1, 1), local(2027, 1, 1)) == []
    assert not path.exists()
    calendar.add_event("Haircut", local(2026, 5, 1, 10), local(2026, 5, 1, 11))
    assert path.exists()
    assert [e.summary for e in IcsCalendar(path).events_between(local(2026, 5, 1), local(2026, 5, 2))] == ["Haircut"]


def test_ics_floating_time_is_local_and_missing_end_is_handled(tmp_path: Path) -> None:
    path = tmp_path / "floating.ics"
    write_ics(
        path,
        vevent("call@test", "Call Mum", datetime(2026, 6, 1, 19, 0)),  # floating, no DTEND: an instant
        vevent("trip@test", "Trip", date(2026, 6, 2)),  # a date with no DTEND lasts one day
    )
    call, trip = IcsCalendar(path).events_between(local(2026, 6, 1), local(2026, 6, 3))
    assert call.start == local(2026, 6, 1, 19) and call.end == call.start and not call.all_day
    assert trip.all_day and trip.end - trip.start == timedelta(days=1)


def test_ics_unreadable_file_raises_named_error_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "broken.ics"
    path.write_text("this is not a calendar\n")
    with pytest.raises(CalendarUnavailableError, match=r"broken\.ics.*(valid|read)"):
        IcsCalendar(path).events_between(local(2026, 1, 1), local(2026, 2, 1))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file, so permissions cannot make it unreadable")
def test_ics_permission_denied_raises_named_error(tmp_path: Path) -> None:
    path = tmp_path / "private.ics"
    write_ics(path)
    path.chmod(0)
    with pytest.raises(CalendarUnavailableError, match="readable"):
        IcsCalendar(path).events_between(local(2026, 1, 1), local(2026, 2, 1))


def test_add_event_rejects_end_before_start(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        IcsCalendar(tmp_path / "c.ics").add_event("Backwards", local(2026, 1, 2), local(2026, 1, 1))


# --- CalDAV against a real Radicale server ------------------------------------------------------


def test_ics_move_and_cancel_change_only_that_event(weekly_ics: Path) -> None:
    calendar = IcsCalendar(weekly_ics)
    before = weekly_ics.read_bytes()
    start = local(2026, 3, 6, 10, 0)
    assert calendar.move_event("dentist@test", start, start + timedelta(hours=1)) is True
    moved = IcsCalendar(weekly_ics).events_between(local(2026, 3, 1), local(2026, 3, 8))
    assert [(e.summary, e.start) for e in moved if e.summary == "Dentist"] == [("Dentist", start)]
    assert next(e for e in moved if e.summary == "Dentist").location == "High Street Clinic"
    dentist = next(c for c in icalendar.Calendar.from_ical(weekly_ics.read_bytes()).walk("VEVENT") if c["UID"] == "dentist@test")
    assert dentist["SEQUENCE"] == 1  # other readers see that it changed
    # Every other event keeps its bytes: the text before the Dentist is untouched.
    at = before.index(b"UID:dentist@test")
    head = before[:before.rindex(b"BEGIN:VEVENT", 0, at)]
    assert weekly_ics.read_bytes().startswith(head)

    assert calendar.cancel_event("dentist@test") is True
    assert calendar.cancel_event("dentist@test") is False  # gone: nothing to cancel twice
    left = IcsCalendar(weekly_ics).events_between(local(2026, 3, 1), local(2026, 3, 8))
    assert [e.summary for e in left] == ["Team standup", "Amy's birthday"]
    assert calendar.move_event("no-such@test", start, start) is False


def test_ics_read_only_file_is_never_changed(weekly_ics: Path) -> None:
    weekly_ics.chmod(0o444)
    before = weekly_ics.read_bytes()
    with pytest.raises(CalendarUnavailableError, match="read-only") as refused:
        IcsCalendar(weekly_ics).cancel_event("dentist@test")
    assert refused.value.spoken.endswith("Change it in your calendar app.")
    assert weekly_ics.read_bytes() == before


def test_ics_repeating_event_is_refused_and_left_as_it_is(weekly_ics: Path) -> None:
    before = weekly_ics.read_bytes()
    standups = IcsCalendar(weekly_ics).events_between(local(2026, 3, 1), local(2026, 3, 8))
    assert [e.repeats for e in standups] == [True, False, False]
    with pytest.raises(CalendarUnavailableError, match="repeats") as refused:
        IcsCalendar(weekly_ics).cancel_event("standup@test")
    assert "calendar app" in refused.value.spoken
    assert weekly_ics.read_bytes() == before


def test_caldav_recurring_event_is_expanded(radicale_server) -> None:  # noqa: F811
    url = radicale_server.make_calendar("work")
    ical = icalendar.Calendar()
    ical.add("prodid", "-//earpiece tests//EN")
    ical.add("version", "2.0")
    ical.add_component(
        vevent("gym@test", "Gym", datetime(2026, 4, 6, 7, 0, tzinfo=timezone.utc), datetime(2026, 4, 6, 8, 0, tzinfo=timezone.utc), rrule={"freq": "daily", "count": 5})
    )
    radicale_server.put_event(url, "gym.ics", ical.to_ical())

    calendar = CalDavCalendar(radicale_server.url, username="user", password="pw", calendar_name="work")
    events = calendar.events_between(local(2026, 4, 7), local(2026, 4, 9, 23, 59))
    assert [e.start for e in events] == [
        datetime(2026, 4, d, 7, 0, tzinfo=timezone.utc) for d in (7, 8, 9)
    ]
    assert {e.summary for e in events} == {"Gym"} and all(e.start.tzinfo is not None for e in events)


def test_caldav_add_event_then_read_back(radicale_server) -> None:  # noqa: F811
    radicale_server.make_calendar("home")
    calendar = CalDavCalendar(radicale_server.url, username="user", password="pw", calendar_name="home")
    start = local(2026, 7, 1, 12, 30)
    added = calendar.add_event("Lunch with Catherine", start, start + timedelta(hours=1))

    fresh = CalDavCalendar(radicale_server.url, username="user", password="pw", calendar_name="home")
    events = fresh.events_between(local(2026, 7, 1), local(2026, 7, 2))
    assert [(e.uid, e.summary, e.start, e.end) for e in events] == [
        (added.uid, "Lunch with Catherine", start, start + timedelta(hours=1))
    ]


def test_caldav_move_and_cancel_an_event(radicale_server) -> None:  # noqa: F811
    radicale_server.make_calendar("plans")
    calendar = CalDavCalendar(radicale_server.url, username="user", password="pw", calendar_name="plans")
    start = local(2026, 7, 2, 12, 30)
    added = calendar.add_event("Lunch with Tom", start, start + timedelta(hours=1))
    later = start + timedelta(days=1, hours=1)
    assert calendar.move_event(added.uid, later, later + timedelta(hours=1)) is True

    fresh = CalDavCalendar(radicale_server.url, username="user", password="pw", calendar_name="plans")
    assert [(e.summary, e.start) for e in fresh.events_between(local(2026, 7, 1), local(2026, 7, 5))] == [("Lunch with Tom", later)]
    assert fresh.cancel_event(added.uid) is True
    assert fresh.events_between(local(2026, 7, 1), local(2026, 7, 5)) == []
    assert fresh.cancel_event(added.uid) is False


def test_caldav_unknown_calendar_name_lists_what_exists(radicale_server) -> None:  # noqa: F811
    radicale_server.make_calendar("holidays")
    calendar = CalDavCalendar(radicale_server.url, username="user", password="pw", calendar_name="no such calendar")
    with pytest.raises(CalendarUnavailableError, match="no calendar called"):
        calendar.events_between(local(2026, 1, 1), local(2026, 1, 2))


def test_caldav_dead_url_raises_named_error_with_advice() -> None:
    port = free_port()  # nothing listens here
    calendar = CalDavCalendar(f"http://127.0.0.1:{port}/", username="user", password="pw", timeout_s=3.0)
    with pytest.raises(CalendarUnavailableError, match=rf"127\.0\.0\.1:{port}.*(running|URL)"):
        calendar.events_between(local(2026, 1, 1), local(2026, 1, 2))


def test_caldav_wrong_password_says_so(radicale_server) -> None:  # noqa: F811
    calendar = CalDavCalendar(radicale_server.url, username="user", password="wrong")
    with pytest.raises(CalendarUnavailableError, match="refused access.*user name and password"):
        calendar.events_between(local(2026, 1, 1), local(2026, 1, 2))


def test_caldav_silent_server_times_out_with_advice() -> None:
    # A socket that accepts connections (the kernel's backlog does) but never answers a request.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        calendar = CalDavCalendar(f"http://127.0.0.1:{port}/", username="user", password="pw", timeout_s=1.0)
        started = time.monotonic()
        with pytest.raises(CalendarUnavailableError, match="did not answer within 1 s"):
            calendar.events_between(local(2026, 1, 1), local(2026, 1, 2))
        assert time.monotonic() - started < 10.0  # bounded, not hung (caldav may retry once)


def test_caldav_errors_never_show_a_password_from_the_url() -> None:
    port = free_port()
    calendar = CalDavCalendar(f"http://user:hunter2@127.0.0.1:{port}/dav/", timeout_s=3.0)
    with pytest.raises(CalendarUnavailableError) as caught:
        calendar.events_between(local(2026, 1, 1), local(2026, 1, 2))
    assert "hunter2" not in str(caught.value) and f"127.0.0.1:{port}" in str(caught.value)
