"""The calendar and email skills through the real adapters: an .ics file with a recurring event,
a real Maildir and a real mbox written with Python's mailbox module."""

from __future__ import annotations

import logging
import mailbox
import re
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import icalendar
import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.calendar import IcsCalendar
from earpiece_host.dialogue.mail import MaildirMailbox, MboxMailbox
from settable_clock import Clock

UTC = timezone.utc
NOW = datetime(2026, 9, 9, 10, 0, tzinfo=UTC)  # Wednesday


def write_ics(path: Path) -> None:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//earpiece tests//EN")
    cal.add("version", "2.0")
    standup = icalendar.Event()
    standup.add("uid", "standup@test")
    standup.add("summary", "Team standup")
    standup.add("dtstart", datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    standup.add("dtend", datetime(2026, 1, 5, 9, 45, tzinfo=UTC))
    standup.add("rrule", {"freq": "weekly", "byday": "MO"})
    cal.add_component(standup)
    dentist = icalendar.Event()
    dentist.add("uid", "dentist@test")
    dentist.add("summary", "Dentist")
    dentist.add("dtstart", datetime(2026, 9, 10, 14, 0, tzinfo=UTC))
    dentist.add("dtend", datetime(2026, 9, 10, 15, 0, tzinfo=UTC))
    cal.add_component(dentist)
    path.write_bytes(cal.to_ical())


def message(sender: str, subject: str, body: str, minutes_ago: int) -> EmailMessage:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "me@example.org"
    m["Subject"] = subject
    m["Date"] = format_datetime(NOW - timedelta(minutes=minutes_ago))
    m.set_content(body)
    return m


LUNCH = ("Are you free for lunch on Friday? The new place on the corner.\n\n"
         "On Tue, someone wrote:\n> an old quoted line\n> another\n\n-- \nCatherine Smith\nSent from my phone\n")


def fill(box: mailbox.Mailbox) -> None:
    box.add(message("Catherine Smith <cat@example.org>", "Lunch", LUNCH, 30))
    box.add(message("Bob Jones <bob@example.org>", "Invoice 42", "The invoice is attached.\n", 60))
    box.add(message("Newsletter <news@example.org>", "Weekly news", "Lots of news.\n", 90))
    box.flush()


@pytest.fixture
def ics(tmp_path: Path) -> Path:
    path = tmp_path / "calendar.ics"
    write_ics(path)
    return path


def test_calendar_days_next_free_and_recurring(tmp_path: Path, ics: Path) -> None:
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, calendar=IcsCalendar(ics))
    assert engine.handle("what's on my calendar on Monday").text == "On Monday you have one thing: Team standup at 9:30 AM."
    assert "Dentist at 2 PM" in engine.handle("what do I have tomorrow").text
    assert engine.handle("am I free tomorrow at 2:30 pm").text == "No, you have Dentist at 2 PM."
    assert engine.handle("am I free at 3").text.startswith("Yes")
    assert engine.handle("am I free at all on Monday or have I got work").text == "No, on Monday you have Team standup at 9:30 AM."
    assert engine.handle("am I free on Saturday").text == "Yes, you're free on Saturday."
    assert engine.handle("what's my next meeting").text == "Next up: Dentist tomorrow at 2 PM."
    assert engine.handle("what's on my calendar today").text in ("Nothing on your calendar today.", "Your calendar is clear today.")
    engine.close()


def test_a_reminder_before_a_calendar_event_is_said_once_when_it_falls_due(tmp_path: Path, ics: Path) -> None:
    clock = Clock(NOW)
    engine = open_engine(tmp_path / "data", clock=clock, seed=2, morning_briefing=False, calendar=IcsCalendar(ics))
    first = engine.handle("remind me an hour before the dentist")
    second = engine.handle("remind me to take my insurance card 15 minutes before my dentist appointment")
    assert (first.intent, first.slots) == ("reminder.before_event", {"minutes_before": 60, "event": "dentist"})
    assert first.text == "Okay, I'll remind you 1 hour before Dentist: tomorrow at 1 PM."
    assert second.text == "Okay, I'll remind you to take your insurance card 15 minutes before Dentist: tomorrow at 1:45 PM."
    assert engine.handle("remind me 10 minutes before the party").text == (
        "I can't find party on your calendar in the next two months.")
    assert "no time left" in engine.handle("remind me two days before the dentist").text  # nothing is kept
    clock.now = datetime(2026, 9, 10, 12, 59, tzinfo=UTC)
    assert engine.due_announcements() == []
    clock.now = datetime(2026, 9, 10, 13, 0, tzinfo=UTC)
    (due,) = engine.due_announcements()
    assert due.text == "Here's your reminder: Dentist at 2 PM, in 1 hour."
    engine.mark_delivered(due.id)
    clock.now = datetime(2026, 9, 10, 13, 45, tzinfo=UTC)
    (due,) = engine.due_announcements()
    assert due.text == "Here's your reminder: take your insurance card, for Dentist at 2 PM."
    engine.mark_delivered(due.id)
    assert engine.due_announcements() == []
    engine.close()


def test_a_reminder_before_it_is_set_before_the_event_just_added_and_moved(tmp_path: Path, ics: Path) -> None:
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, calendar=IcsCalendar(ics))
    engine.handle("put the physio in for Monday at eleven")
    engine.handle("no make it twelve")
    reply = engine.handle("and remind me half an hour before it")
    engine.close()
    assert reply.text == "Okay, I'll remind you 30 minutes before Physio: on Monday at 11:30 AM."


def test_adding_an_event_writes_the_ics_file(tmp_path: Path, ics: Path) -> None:
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, calendar=IcsCalendar(ics))
    reply = engine.handle("schedule lunch with Amy on Friday at noon for an hour and a half")
    assert reply.slots == {"summary": "lunch with Amy", "start": "2026-09-11T12:00:00+00:00", "duration_s": 5400}
    engine.close()
    events = IcsCalendar(ics).events_between(datetime(2026, 9, 11, tzinfo=UTC), datetime(2026, 9, 12, tzinfo=UTC))
    (lunch,) = events
    assert lunch.summary == "Lunch with Amy"
    assert lunch.end - lunch.start == timedelta(minutes=90)


def test_an_event_said_from_one_time_to_another_starts_and_ends_then(tmp_path: Path, ics: Path) -> None:
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, calendar=IcsCalendar(ics),
                         calendar_writable=True)
    engine.handle("put a meeting with Sarah in my calendar tomorrow from 2 to 4")  # not "2 minutes to 4"
    engine.handle("book dinner from 8 pm to 1 am on Friday")
    engine.close()
    events = IcsCalendar(ics).events_between(datetime(2026, 9, 10, tzinfo=UTC), datetime(2026, 9, 13, tzinfo=UTC))
    spans = {e.summary: (e.start.astimezone(UTC).strftime("%a %H:%M"), e.end.astimezone(UTC).strftime("%a %H:%M"))
             for e in events}
    assert spans["Meeting with Sarah"] == ("Thu 14:00", "Thu 16:00")
    assert spans["Dinner"] == ("Fri 20:00", "Sat 01:00")


def test_the_morning_briefing_reads_events_mail_and_reminders(tmp_path: Path, ics: Path) -> None:
    maildir = tmp_path / "Maildir"
    fill(mailbox.Maildir(maildir, create=True))
    clock = Clock(NOW)
    engine = open_engine(tmp_path / "data", clock=clock, seed=2, morning_briefing=False)
    engine.handle("remind me tomorrow at 11 to book the taxi")
    engine.close()
    clock.now = datetime(2026, 9, 10, 7, 0, tzinfo=UTC)
    engine = open_engine(tmp_path / "data", clock=clock, seed=2, calendar=IcsCalendar(ics), mailbox=MaildirMailbox(maildir))
    text = engine.handle("good morning").text
    assert text.startswith("Good morning.")
    assert "Today you have Dentist at 2 PM." in text
    assert "You have 3 unread emails." in text
    assert "book the taxi at 11 AM" in text
    engine.close()


def test_maildir_unread_read_from_someone_again_and_next(tmp_path: Path) -> None:
    maildir = tmp_path / "Maildir"
    fill(mailbox.Maildir(maildir, create=True))
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, mailbox=MaildirMailbox(maildir))
    assert engine.handle("any new email?").text == ("3 new: Catherine Smith about Lunch, Bob Jones about Invoice 42 and "
                                                   "Newsletter about Weekly news.")
    read = engine.handle("anything from Catherine?").text
    assert read.startswith("From Catherine Smith, today, subject: Lunch. Are you free for lunch on Friday?")
    assert "quoted" not in read and "Sent from my phone" not in read
    assert engine.handle("read it again").text.startswith("From Catherine Smith")
    nxt = engine.handle("next").text
    assert nxt.startswith("From Bob Jones") and "Invoice 42" in nxt
    # Reading marked those two as read.
    assert engine.handle("how many unread emails do I have").text == ("One new email, from Newsletter about Weekly news. "
                                                                      "Shall I read it?")
    engine.close()


def test_mbox_read_latest(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    fill(mailbox.mbox(path, create=True))
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, mailbox=MboxMailbox(path))
    assert engine.handle("read my email").text.startswith("From Catherine Smith")
    assert engine.handle("read the latest email from Bob").text.startswith("From Bob Jones")
    assert engine.handle("anything from Zelda?").text == "Nothing from Zelda in your mail."
    engine.close()


# What a voice could only spell out ("bracket calendar bracket", "slash home slash ..."): paths,
# settings syntax and file names belong in the log, never in what the earpiece says.
SPELLED_OUT = re.compile(r"[\[\]/_]|\.toml|earpiece config")


def test_missing_adapters_and_broken_mailboxes_say_what_to_do(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False)
    calendar = engine.handle("what's on my calendar").text
    assert calendar == "No calendar is connected yet. The host's log says what is wrong and how to fix it."
    mail = engine.handle("check my email").text
    assert mail == "No mailbox is connected yet. The host's log says what is wrong and how to fix it."
    assert "set [calendar] ics" in caplog.text and "set [mail] maildir, mbox or imap_url in earpiece.toml" in caplog.text
    engine.close()
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False,
                         mailbox=MaildirMailbox(tmp_path / "nowhere"))
    reply = engine.handle("any new mail").text
    assert reply == ("I couldn't get to your mail. I can't read your mail folder. "
                     "The host's log says what is wrong and how to fix it.")
    assert f"{tmp_path / 'nowhere'} is not a Maildir folder" in caplog.text
    engine.close()
    assert not [text for text in (calendar, mail, reply) if SPELLED_OUT.search(text)]


def test_a_briefing_that_cannot_read_the_calendar_says_so_instead_of_a_clear_day(tmp_path: Path,
                                                                                  caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "calendar.ics"
    broken.write_text("this is not a calendar\n")
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, calendar_ics=broken)
    first = engine.handle("hello").text
    engine.close()
    assert first.endswith("I couldn't read your calendar just now.") and not SPELLED_OUT.search(first)
    assert f"The calendar file {broken} is not a valid iCalendar" in caplog.text


def test_who_is_someone_who_only_wrote_is_answered_from_the_mail(tmp_path: Path) -> None:
    box = tmp_path / "Maildir"
    fill(mailbox.Maildir(box, create=True))
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, mailbox=MaildirMailbox(box))
    catherine = engine.handle("who is Catherine").text
    nobody = engine.handle("who is Zorro").text
    engine.close()
    assert catherine == ("You haven't told me about Catherine yet, but Catherine Smith emailed you today about Lunch. "
                         "Tell me who they are, and I'll remember.")
    assert "Zorro" in nobody and "emailed" not in nobody


def test_open_engine_builds_adapters_from_settings(tmp_path: Path, ics: Path) -> None:
    path = tmp_path / "inbox.mbox"
    fill(mailbox.mbox(path, create=True))
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=2, morning_briefing=False, calendar_ics=ics, mbox=path)
    assert "Dentist" in engine.handle("what do I have tomorrow").text
    assert engine.handle("any new email").text.startswith("3 new: Catherine Smith about Lunch")
    engine.close()
