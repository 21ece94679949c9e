"""The memory of people and facts: relations kept as subject / relation / value, recalled by
indirect questions, corrected, forgotten one at a time, and birthdays as yearly reminders."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.store import MIGRATIONS, Store

from settable_clock import Clock

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)  # a Wednesday


def facts(engine) -> list[tuple]:
    return [tuple(r) for r in engine.store.read("SELECT subject, relation, said_subject, value FROM memory ORDER BY id")]


def test_people_and_relations_are_stored_and_recalled_by_indirect_questions(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("I'm allergic to shellfish, just so you know")
    engine.handle("my sister Rachel has a dog called Biscuit")
    engine.handle("Paul's wife is Tatiana")
    assert facts(engine) == [("me", None, None, "I'm allergic to shellfish"), ("me", "sister", None, "Rachel"),
                             ("rachel", "dog", "Rachel", "Biscuit"), ("paul", "wife", "Paul", "Tatiana")]
    assert engine.handle("what's my sister's dog called?").text == "Rachel's dog is called Biscuit."
    assert engine.handle("who's Paul married to?").text == "Paul's wife is Tatiana."
    assert engine.handle("who is Tatiana married to").text == "Tatiana is married to Paul."
    assert engine.handle("what am I allergic to?").text == "You're allergic to shellfish."
    assert engine.handle("what do you know about Rachel?").text == \
        "About Rachel: Rachel is your sister and Rachel's dog is called Biscuit."
    assert engine.handle("what's my brother's dog called").text == "I don't know who your brother is yet. You can tell me."
    engine.close()


def test_a_fact_is_corrected_and_forgotten_alone(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("Amy's birthday is June 3rd")
    engine.handle("no")  # no yearly reminder
    engine.handle("Amy is my sister")
    assert engine.handle("actually, Amy's birthday is June 4th").text.startswith(
        "Updated: Amy's birthday is June 4th, not June 3rd.")
    assert engine.handle("when is Amy's birthday?").text == "Amy's birthday is June 4th."
    assert engine.handle("what do you know about Amy").text == "About Amy: Amy is your sister and Amy's birthday is June 4th."
    assert engine.handle("forget Amy's birthday").text == "Okay, I've forgotten that Amy's birthday is June 4th."
    assert facts(engine) == [("me", "sister", None, "Amy")]
    gone = engine.handle("when is Amy's birthday").text
    assert "Amy's birthday" in gone and "June" not in gone
    assert engine.store.read("SELECT COUNT(*) FROM reminders")[0][0] == 0
    engine.close()


def test_a_birthday_becomes_a_yearly_reminder_when_the_user_agrees(tmp_path: Path) -> None:
    clock = Clock(NOW)
    engine = open_engine(tmp_path, clock=clock, seed=1, morning_briefing=False)
    offer = engine.handle("Amy's birthday is June 3rd")
    assert offer.text.endswith("Shall I remind you every year?")
    agreed = engine.handle("yes please")
    assert agreed.intent == "memory.remind_yearly"
    assert "wish Amy a happy birthday every year on June 3 at 9 AM" in agreed.text
    engine.close()
    engine = open_engine(tmp_path, clock=clock, seed=1, morning_briefing=False)  # through a restart
    clock.now = datetime(2026, 6, 3, 9, 0, tzinfo=timezone.utc)
    (due,) = engine.due_announcements()
    assert due.text == "Here's your reminder: wish Amy a happy birthday."
    engine.mark_delivered(due.id)
    assert engine.due_announcements() == []
    (row,) = engine.store.read("SELECT due_iso, repeat FROM reminders")
    assert tuple(row) == ("2027-06-03T09:00:00+00:00", "yearly:06-03")
    engine.close()


def test_dictated_letter_lines_never_become_facts(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Loretta")
    for line in ("my sister Rachel has a dog called Biscuit", "remember that I love you", "Paul's wife is Tatiana"):
        assert engine.handle(line).intent == "letter.dictate"
    assert facts(engine) == []
    engine.close()


def test_the_relation_migration_keeps_old_facts(tmp_path: Path) -> None:
    path = tmp_path / "os.sqlite3"
    db = sqlite3.connect(path)  # a database as the OS left it before facts had relations (schema 4)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version (version) VALUES (4)")
    for script in MIGRATIONS[:4]:
        db.executescript(script)
    db.execute("INSERT INTO memory (subject, value, created_at) VALUES ('my locker number', '42', 0)")
    db.commit()
    db.close()
    store = Store(path)
    assert store.schema_version == len(MIGRATIONS)
    assert [tuple(r) for r in store.read("SELECT subject, relation, value FROM memory")] == [("my locker number", None, "42")]
    store.close()
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("what is my locker number").text == "Your locker number is 42."
    engine.close()


def test_correcting_a_birthday_moves_its_yearly_reminder(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("Amy's birthday is June 3rd")
    engine.handle("yes")
    moved = engine.handle("actually Amy's birthday is June 4th").text
    assert moved.startswith("Updated: Amy's birthday is June 4th, not June 3rd. ")
    assert "every year on June 4" in moved
    rows = engine.store.read("SELECT due_iso, repeat FROM reminders WHERE state = 'pending'")
    assert [tuple(r) for r in rows] == [("2026-06-04T09:00:00+00:00", "yearly:06-04")]
    engine.close()
