"""Spoken heads-ups before calendar events, exactly once through restarts, from a real .ics file and
a real CalDAV server (Radicale); and events said aloud never written into a calendar not marked
writable."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine

from servers import radicale_server  # noqa: F401  (a fixture)
from settable_clock import Clock

NOW = datetime(2026, 3, 4, 14, 0, tzinfo=timezone.utc)  # a Wednesday
UTC = timezone.utc


def vcalendar(*events: tuple[str, str, datetime]) -> bytes:
    body = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nSUMMARY:{summary}\r\nDTSTAMP:20260301T000000Z\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nDTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}\r\n"
        "END:VEVENT\r\n" for uid, summary, start in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def headsups(engine) -> list:
    return [a for a in engine.due_announcements() if a.kind == "heads_up"]


def a_heads_up_is_spoken_once_through_restarts(data: Path, clock: Clock, **settings) -> None:
    engine = open_engine(data, clock=clock, seed=1, morning_briefing=False, **settings)
    assert headsups(engine) == []  # 14:00, the dentist is at 14:30
    clock.advance(minutes=19)
    assert headsups(engine) == []  # 14:19: 11 minutes to go, the default heads-up is 10
    clock.advance(minutes=1)
    (first,) = headsups(engine)
    assert first.text == "Heads-up: Dentist at 2:30 PM, in 10 minutes."
    engine.close()  # the host stops before the heads-up was played

    engine = open_engine(data, clock=clock, seed=1, morning_briefing=False, **settings)
    clock.advance(minutes=2)
    (again,) = headsups(engine)  # still owed, exactly one
    assert again.id == first.id and again.text == "Heads-up: Dentist at 2:30 PM, in 8 minutes."
    engine.mark_delivered(again.id)
    assert headsups(engine) == []
    engine.close()

    engine = open_engine(data, clock=clock, seed=1, morning_briefing=False, **settings)
    clock.advance(minutes=3)
    assert headsups(engine) == []  # spoken: never again, even after a restart
    engine.close()


def test_a_heads_up_from_an_ics_file_is_spoken_once_through_restarts(tmp_path: Path) -> None:
    ics = tmp_path / "mine.ics"
    ics.write_bytes(vcalendar(("dentist-1", "Dentist", NOW + timedelta(minutes=30)),
                              ("gym-1", "Gym", NOW + timedelta(hours=5))))
    a_heads_up_is_spoken_once_through_restarts(tmp_path / "data", Clock(NOW), calendar_ics=ics)


@pytest.mark.slow
def test_a_heads_up_from_caldav_is_spoken_once_through_restarts(tmp_path: Path, radicale_server) -> None:  # noqa: F811
    url = radicale_server.make_calendar("headsups")
    radicale_server.put_event(url, "dentist.ics", vcalendar(("dentist-2", "Dentist", NOW + timedelta(minutes=30))))
    a_heads_up_is_spoken_once_through_restarts(
        tmp_path / "data", Clock(NOW), caldav_url=radicale_server.url, caldav_username="user", caldav_password="pw",
        caldav_calendar="headsups")


def test_the_heads_up_time_is_set_by_voice_and_can_be_turned_off(tmp_path: Path) -> None:
    ics = tmp_path / "mine.ics"
    ics.write_bytes(vcalendar(("dentist-1", "Dentist", NOW + timedelta(minutes=30)),
                              ("call-1", "Call with Amy", NOW + timedelta(minutes=90))))
    clock = Clock(NOW)
    engine = open_engine(tmp_path / "data", clock=clock, seed=1, morning_briefing=False, calendar_ics=ics)
    set_ = engine.handle("warn me 30 minutes before my meetings")
    assert (set_.intent, set_.slots) == ("calendar.headsup", {"minutes": 30})
    (dentist,) = headsups(engine)
    assert dentist.text == "Heads-up: Dentist at 2:30 PM, in 30 minutes."
    engine.mark_delivered(dentist.id)
    assert engine.handle("no more heads-ups").slots == {"minutes": 0}
    clock.advance(minutes=60)
    assert headsups(engine) == []
    engine.close()


@pytest.mark.parametrize("read_only", [True, False])
def test_adding_an_event_never_writes_the_users_ics_unless_marked_writable(tmp_path: Path, read_only: bool) -> None:
    ics = tmp_path / "exported.ics"
    ics.write_bytes(vcalendar(("dentist-1", "Dentist", NOW + timedelta(days=1))))
    if read_only:
        os.chmod(ics, 0o444)
    before = ics.read_bytes()
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, calendar_ics=ics)
    added = engine.handle("add dinner on Friday at 7 pm")
    assert added.intent == "calendar.add"
    assert added.text == ("Added Dinner on Friday at 7 PM. "
                          "I've put it in my own calendar, because yours is set as read-only for me.")
    assert ics.read_bytes() == before
    assert "Dinner" in (tmp_path / "data" / "own-calendar.ics").read_text()
    friday = engine.handle("what's on my calendar on Friday").text
    assert "Dinner at 7 PM" in friday
    assert "Dentist" in engine.handle("what's on tomorrow").text  # the user's own events are still read
    engine.close()


def test_a_calendar_marked_writable_gets_the_event(tmp_path: Path) -> None:
    ics = tmp_path / "mine.ics"
    ics.write_bytes(vcalendar(("dentist-1", "Dentist", NOW + timedelta(days=1))))
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, calendar_ics=ics,
                         calendar_writable=True)
    engine.handle("add dinner on Friday at 7 pm")
    assert "SUMMARY:Dinner" in ics.read_text()
    assert not (tmp_path / "data" / "own-calendar.ics").exists()
    engine.close()


def test_ranges_one_event_and_free_time(tmp_path: Path) -> None:
    ics = tmp_path / "mine.ics"
    ics.write_bytes(vcalendar(("dentist-1", "Dentist", datetime(2026, 3, 5, 14, 0, tzinfo=UTC)),  # Thursday 2 PM
                              ("brunch-1", "Brunch", datetime(2026, 3, 8, 11, 0, tzinfo=UTC)),  # Sunday
                              ("standup-1", "Standup", datetime(2026, 3, 10, 9, 0, tzinfo=UTC))))  # next Tuesday
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, calendar_ics=ics)
    assert engine.handle("what's on my calendar this week").text == \
        "This week you have 2 things: Dentist tomorrow at 2 PM and Brunch on Sunday at 11 AM."
    assert engine.handle("and the weekend?").text == "This weekend you have one thing: Brunch on Sunday at 11 AM."
    assert engine.handle("when's my dentist appointment?").text == "Dentist tomorrow at 2 PM."
    assert engine.handle("am I free Thursday afternoon?").text == "No, tomorrow afternoon you have Dentist at 2 PM."
    assert engine.handle("am I free Thursday morning?").text == "Yes, you're free tomorrow morning."
    assert engine.handle("what do I have next Tuesday morning").text == "Tuesday morning you have one thing: Standup at 9 AM."
    engine.close()


def test_a_calendar_that_cannot_be_read_gives_no_heads_ups_and_is_not_asked_on_every_poll(tmp_path: Path) -> None:
    ics = tmp_path / "mine.ics"
    ics.write_bytes(b"not a calendar at all")
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, calendar_ics=ics)
    assert engine.due_announcements() == []
    ics.write_bytes(vcalendar(("dentist-1", "Dentist", NOW + timedelta(minutes=5))))
    assert engine.due_announcements() == []  # within a minute of the failure it is not read again
    assert "Dentist" in engine.handle("what's on today").text  # a turn reads it afresh
    engine.close()


def test_a_heads_up_owed_while_the_host_was_down_is_still_given(tmp_path: Path) -> None:
    """The host is down through the heads-up window of three events. Back up, the one that started
    minutes ago and is still on gets "started N minutes ago"; the others are told once, together,
    "while you were away"; nothing is said twice through another restart, and the past before the
    OS began watching is never recited."""
    ics = tmp_path / "mine.ics"
    ics.write_bytes(vcalendar(("before-1", "Breakfast meeting", NOW - timedelta(minutes=30)),  # before the OS watched
                              ("standup-1", "Standup", NOW + timedelta(minutes=20)),  # 14:20 to 15:20
                              ("call-1", "Call with Amy", NOW + timedelta(minutes=40)),  # 14:40 to 15:40
                              ("dentist-1", "Dentist", NOW + timedelta(minutes=90))))  # 15:30 to 16:30
    data = tmp_path / "data"
    clock = Clock(NOW)
    engine = open_engine(data, clock=clock, seed=1, morning_briefing=False, calendar_ics=ics)
    assert headsups(engine) == []  # 14:00: the OS starts watching; the breakfast meeting is not owed
    engine.close()  # the host stops for almost two hours

    clock.advance(minutes=95)  # 15:35: the standup is over, the call is on, the dentist began 5 minutes ago
    engine = open_engine(data, clock=clock, seed=1, morning_briefing=False, calendar_ics=ics)
    owed = headsups(engine)
    assert [a.text for a in owed] == [
        "While you were away: Standup at 2:20 PM and Call with Amy at 2:40 PM, still on until 3:40 PM.",
        "Heads-up: Dentist started 5 minutes ago, at 3:30 PM.",
    ]
    assert headsups(engine) == owed  # offered again, unchanged, until played
    engine.close()  # ... and the host stops again before either was played

    clock.advance(minutes=2)
    engine = open_engine(data, clock=clock, seed=1, morning_briefing=False, calendar_ics=ics)
    away, dentist = headsups(engine)
    assert (away.id, dentist.id) == (owed[0].id, owed[1].id)
    assert dentist.text == "Heads-up: Dentist started 7 minutes ago, at 3:30 PM."
    for announcement in (away, dentist):
        engine.mark_delivered(announcement.id)
    assert headsups(engine) == []
    engine.close()

    clock.advance(minutes=30)
    engine = open_engine(data, clock=clock, seed=1, morning_briefing=False, calendar_ics=ics)
    assert headsups(engine) == []  # played: never again
    engine.close()


def test_an_event_long_under_way_is_told_as_missed_not_as_just_started(tmp_path: Path) -> None:
    ics = tmp_path / "mine.ics"
    ics.write_bytes(vcalendar(("talk-1", "Talk", NOW + timedelta(minutes=5))))  # 14:05 to 15:05
    clock = Clock(NOW)
    engine = open_engine(tmp_path / "data", clock=clock, seed=1, morning_briefing=False, calendar_ics=ics)
    assert [a.text for a in headsups(engine)] == ["Heads-up: Talk at 2:05 PM, in 5 minutes."]
    clock.advance(minutes=25)  # nobody heard it; 20 minutes into the talk
    (missed,) = headsups(engine)
    assert missed.text == "While you were away: Talk at 2:05 PM, still on until 3:05 PM."
    engine.mark_delivered(missed.id)
    assert headsups(engine) == []
    engine.close()
