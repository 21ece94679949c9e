"""A misheard name of the user's own things, found by sound: the calendar's events and the facts
the user told the OS, with the misreadings Whisper made of the spoken benchmark's requests.
Real .ics files and a real SQLite store; the CMU dictionary of the pocketsphinx wheel."""

from __future__ import annotations

from pathlib import Path

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.by_sound import nearest_by_sound
from earpiece_host.dialogue.calendar import IcsCalendar

from test_dialogue_calendar_changes import START, at, engine_with, on_disk, said, write_calendar


def test_the_nearest_sounding_name_within_reach_and_clearly_nearest() -> None:
    titles = ["standup", "dentist", "lunch with amy"]
    assert nearest_by_sound("den test", titles) == "dentist"
    assert nearest_by_sound("dentists", titles) == "dentist"
    assert nearest_by_sound("standard", titles) == "standup"
    assert nearest_by_sound("lunch with them", titles) == "lunch with amy"
    assert nearest_by_sound("local number", ["sister", "locker number"]) == "locker number"
    assert nearest_by_sound("dinner", titles) is None  # nothing sounds like it: no guess
    assert nearest_by_sound("meeting", titles) is None
    assert nearest_by_sound("pin number", ["bin number", "tin number"]) is None  # two alike: ask, don't guess
    assert nearest_by_sound("pin number", ["bin number", "Bin number"]) == "bin number"  # one name twice is one thing
    assert nearest_by_sound("", titles) is None


def test_a_misheard_event_is_found_moved_and_cancelled_by_its_sound(tmp_path: Path) -> None:
    ics = write_calendar(tmp_path / "cal.ics", ("1", "Dentist", at(6, 14), {}), ("2", "Standup", at(4, 15), {}))
    engine = engine_with(tmp_path, IcsCalendar(ics))
    when, moved = said(engine, "when is the den test", "move the dentists to thursday")
    assert when.text == "Dentist on Friday at 2 PM."
    assert moved.text == "Okay, I've moved Dentist to tomorrow at 2 PM."  # the reply names what was found
    asked, done = said(engine, "cancel the standard", "yes")
    assert asked.text == "Shall I cancel Standup at 3 PM?" and done.intent == "calendar.cancel"
    assert [e[0] for e in on_disk(ics)] == ["Dentist"]

    far = engine.handle("move dinner to 8 pm")
    assert far.text == "I can't find dinner on your calendar in the next two months."  # no guess
    assert on_disk(ics) == [("Dentist", at(5, 14), at(5, 14, 45))]


def test_a_misheard_fact_is_answered_as_what_it_sounds_like_and_never_forgotten_on_a_guess(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: START, seed=1, morning_briefing=False)
    for line in ("remember that my locker number is 12", "my sister is called Laura"):
        engine.handle(line)
    replies = [engine.handle(line).text for line in (
        "what is my local number", "what's my sisters name", "forget my lock and umber", "what is my locker number")]
    assert replies[0] == "Your locker number is 12, if that's what you meant."
    assert replies[1] == "Your sister is Laura."  # "sisters name": the apostrophe the recogniser dropped
    assert replies[2] == ("I don't have anything about your lock and umber to forget. Did you mean your locker number? "
                          "Say \"forget my locker number\", and I will.")
    assert replies[3] == "Your locker number is 12."  # still there
    assert engine.handle("what is my passport number").text.startswith(("I don't know", "You haven't told me"))
