"""Moving and cancelling calendar events by voice, on real .ics files read back from disk."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.calendar import IcsCalendar
from earpiece_host.dialogue.calendar_sources import WithOwnCalendar

START = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)  # a Wednesday morning


def write_calendar(path: Path, *events: tuple[str, str, datetime, dict]) -> Path:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//earpiece tests//EN")
    cal.add("version", "2.0")
    for uid, summary, start, extra in events:
        event = icalendar.Event()
        for key, value in {"uid": uid, "dtstamp": START, "summary": summary, "dtstart": start,
                           "dtend": start + timedelta(minutes=45), **extra}.items():
            event.add(key, value)
        cal.add_component(event)
    path.write_bytes(cal.to_ical())
    return path


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=timezone.utc)


def on_disk(path: Path) -> list[tuple[str, datetime, datetime]]:
    events = IcsCalendar(path).events_between(at(1, 0), at(31, 0))
    return [(e.summary, e.start.astimezone(timezone.utc), e.end.astimezone(timezone.utc)) for e in events]


def engine_with(tmp_path: Path, calendar):
    return open_engine(tmp_path / "data", clock=lambda: START, seed=1, morning_briefing=False, calendar=calendar)


def said(engine, *texts: str):
    return [engine.handle(text) for text in texts]


def test_an_event_is_cancelled_only_after_yes(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Dentist", at(6, 14), {}), ("2", "Standup", at(4, 15), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    asked, declined = said(engine, "cancel the dentist", "no")
    assert asked.text == "Shall I cancel Dentist on Friday at 2 PM?"
    assert declined.intent == "conversation.cancel"
    assert [e[0] for e in on_disk(ics)] == ["Standup", "Dentist"]  # "no" kept it

    asked, done, friday = said(engine, "call off the dentist on friday", "yes", "what's on friday")
    assert done.text == "Okay, I've cancelled Dentist on Friday at 2 PM."
    assert [e[0] for e in on_disk(ics)] == ["Standup"]
    assert friday.text in ("Nothing on your calendar on Friday.", "Your calendar is clear on Friday.")

    missing, by_time, yes = said(engine, "cancel my haircut", "delete my 3 o'clock meeting", "yes")
    assert missing.text == "I can't find haircut on your calendar in the next two months."
    assert by_time.text == "Shall I cancel Standup at 3 PM?" and yes.text == "Okay, I've cancelled Standup at 3 PM."
    assert on_disk(ics) == []


def test_moving_keeps_what_was_not_said_and_says_a_clash(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Dentist", at(6, 14), {}), ("2", "Standup", at(4, 15), {}),
                         ("3", "Lunch with Amy", at(5, 12, 30), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    to_thursday, to_one, when, later = said(engine, "move the dentist to thursday", "reschedule lunch with amy to 1 pm",
                                            "when is it now", "push the standup back an hour")
    assert to_thursday.text == "Okay, I've moved Dentist to tomorrow at 2 PM."  # its time of day kept
    assert to_one.text == "Okay, I've moved Lunch with Amy to tomorrow at 1 PM."  # its day kept
    assert when.text == "Lunch with Amy tomorrow at 1 PM."
    assert later.text == "Okay, I've moved Standup to 4 PM."
    assert on_disk(ics) == [("Standup", at(4, 16), at(4, 16, 45)), ("Lunch with Amy", at(5, 13), at(5, 13, 45)),
                            ("Dentist", at(5, 14), at(5, 14, 45))]  # each keeps its 45 minutes

    clash = engine.handle("move the dentist to 1:30 pm")
    assert clash.text == "Okay, I've moved Dentist to tomorrow at 1:30 PM. That overlaps Lunch with Amy at 1 PM."
    passed = engine.handle("move the dentist to 9 am today")
    assert passed.text == "At 9 AM has already passed. When should it be instead?"


def test_an_event_just_added_is_corrected_and_cancelled_by_reference(tmp_path: Path) -> None:
    ics = tmp_path / "cal.ics"
    engine = engine_with(tmp_path, IcsCalendar(ics))
    added, corrected = said(engine, "put lunch with Tom on my calendar next Tuesday at 1", "actually make it 2")
    assert added.text.endswith("on Tuesday at 1 PM.")
    assert corrected.text == "Okay, I've moved Lunch with Tom to Tuesday at 2 PM."
    assert on_disk(ics) == [("Lunch with Tom", at(10, 14), at(10, 15))]
    asked, done = said(engine, "cancel that", "yes")
    assert asked.text == "Shall I cancel Lunch with Tom on Tuesday at 2 PM?"
    assert done.intent == "calendar.cancel" and on_disk(ics) == []


def test_the_users_read_only_calendar_and_repeating_events_are_left_to_their_app(tmp_path: Path) -> None:
    theirs = write_calendar(tmp_path / "theirs.ics", ("1", "Dentist", at(6, 14), {}),
                            ("2", "Standup", at(4, 15), {"rrule": {"freq": "daily", "count": 5}}))
    before = theirs.read_bytes()
    own = tmp_path / "data" / "own.ics"
    engine = engine_with(tmp_path, WithOwnCalendar(IcsCalendar(theirs), IcsCalendar(own)))
    dentist, standup = said(engine, "move the dentist to thursday", "cancel the standup")
    assert dentist.text == ("Dentist is in your own calendar, which is set as read-only for me, so I left it. "
                            "Change it in your calendar app.")
    assert standup.text == "Standup repeats, so I'll leave it to your calendar app. Change it there."
    assert theirs.read_bytes() == before

    said(engine, "book a haircut on friday at 4")
    moved = engine.handle("move the haircut to 5")
    assert moved.text == "Okay, I've moved Haircut to Friday at 5 PM."
    assert on_disk(own) == [("Haircut", at(6, 17), at(6, 18))]


def test_cancel_that_after_a_timer_cancels_the_timer_and_the_day_after_follows_a_day(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Dentist", at(6, 14), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    _, cancelled = said(engine, "set a timer for 5 minutes", "cancel that")
    assert cancelled.intent == "timer.cancel"
    assert engine.handle("what timers do I have").text != "You have one timer"
    tomorrow, after = said(engine, "what's on my calendar tomorrow", "and the day after")
    assert after.slots["start"].startswith(date(2026, 3, 6).isoformat()) and "Dentist at 2 PM" in after.text


def test_an_event_is_found_when_more_is_said_than_its_title(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Coffee with Jo", at(5, 11), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    asked = engine.handle("scrap coffee with Jo tomorrow she's off sick")
    assert asked.text == "Shall I cancel Coffee with Jo tomorrow at 11 AM?"


def test_an_event_named_first_and_a_reason_after_are_understood(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Piano lesson", at(5, 16), {}), ("2", "Vet", at(6, 11), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    earlier, later = said(engine, "um the piano lesson needs to be an hour earlier", "can the vet go half an hour later, the traffic's awful")
    assert earlier.text == "Okay, I've moved Piano lesson to tomorrow at 3 PM."
    assert later.text == "Okay, I've moved Vet to Friday at 11:30 AM."
    off = engine.handle("the piano lesson is off tomorrow, can you take it out")
    assert off.text == "Shall I cancel Piano lesson tomorrow at 3 PM?"


def test_a_date_asked_of_the_calendar_is_found_in_a_note(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Dentist", at(6, 14), {}))
    for calendar in (IcsCalendar(ics), None):  # with a calendar, and with none connected
        engine = engine_with(tmp_path / ("with" if calendar else "without"), calendar)
        engine.handle("note that the car is due for its MOT in April")
        answer = engine.handle("when is the car due for its MOT").text
        engine.close()
        assert answer.endswith("Your note from today: the car is due for its MOT in April.")


def test_an_occasion_asked_of_the_calendar_is_found_among_the_facts_told(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Dentist", at(6, 14), {}))
    for calendar in (IcsCalendar(ics), None):  # with a calendar that does not hold it, and with none connected
        engine = engine_with(tmp_path / ("with" if calendar else "without"), calendar)
        said(engine, "my cousin's wedding is on the twenty second of august", "sorry it's the twenty third")
        answer, other = said(engine, "when's the wedding", "when is the party")
        engine.close()
        assert answer.text.endswith("Your cousin's wedding is the twenty third of August.")  # the month kept; after "It's not on your calendar."
        assert "wedding" not in other.text  # nothing was told of a party


def test_an_event_named_by_its_noun_alone_is_the_one_talked_about_or_the_next(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Dentist", at(6, 14), {}), ("2", "Standup", at(4, 15), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    which, friday, asked, no = said(engine, "cancel the meeting", "what's on my calendar on friday",
                                    "cancel the appointment", "no")
    assert which.text == "Which event should I cancel?"  # it used to read out today's calendar
    assert asked.text == "Shall I cancel Dentist on Friday at 2 PM?"  # the one event just read out
    moved, asked, yes = said(engine, "push my next meeting back an hour", "cancel my next meeting", "yes")
    assert moved.text == "Okay, I've moved Standup to 4 PM."
    assert asked.text == "Shall I cancel Standup at 4 PM?" and yes.text == "Okay, I've cancelled Standup at 4 PM."
    assert [e[0] for e in on_disk(ics)] == ["Dentist"]


def test_an_hour_said_without_am_or_pm_is_the_one_nearer_the_old_time(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Kinabalu park tour", at(5, 7), {}), ("2", "Staff meeting", at(4, 15), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    tour, meeting, evening = said(engine, "the tour shift to eight already", "move the staff meeting to four", "move the tour to 8 pm")
    assert tour.text == "Okay, I've moved Kinabalu park tour to tomorrow at 8 AM."  # not 8 in the evening, thirteen hours out
    assert meeting.text == "Okay, I've moved Staff meeting to 4 PM."  # a 3 PM meeting moved to four: 4 PM
    assert evening.text == "Okay, I've moved Kinabalu park tour to tomorrow at 8 PM."  # said: kept as said
    assert [(e[0], e[1]) for e in on_disk(ics)] == [("Staff meeting", at(4, 16)), ("Kinabalu park tour", at(5, 20))]
