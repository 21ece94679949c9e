"""The engine with its real SQLite file: persistence across a restart, migrations, the due-queue
with exactly-once delivery, and calls from several threads."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import AnnouncementError, DeviceContext, open_engine
from earpiece_host.dialogue.store import MIGRATIONS, Store, StoreError
from settable_clock import Clock

TZ = timezone(timedelta(hours=2))




@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 5, 11, 8, 0, tzinfo=TZ))  # a Monday morning


def engine_at(data_dir: Path, clock: Clock, **kw):
    return open_engine(data_dir, clock=clock, seed=7, morning_briefing=False, **kw)


def test_everything_survives_a_restart(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    engine.handle("remind me to call the plumber at 4 pm")
    engine.handle("take a note the spare tyre is in the garage")
    engine.handle("add cherries to the shopping list")
    engine.handle("remember that Amy's birthday is June 3rd")
    engine.handle("my name is Tom")
    engine.handle("I'll call you Sam")
    engine.handle("start a pasta timer for 10 minutes")
    engine.close()

    again = engine_at(tmp_path, clock)
    assert "plumber" in again.handle("what are my reminders").text
    assert "spare tyre" in again.handle("read my notes").text
    assert "cherries" in again.handle("what's on my shopping list").text
    assert "June 3rd".lower() in again.handle("when is Amy's birthday").text.lower()
    assert "Tom" in again.handle("what's my name").text
    assert "Sam" in again.handle("what's your name").text
    assert again.persona_name == "Sam"
    assert "pasta timer" in again.handle("how long is left on the pasta timer").text
    rows = again.store.read("SELECT speaker, text FROM conversation_log WHERE speaker = 'user' ORDER BY id")
    assert [r["text"] for r in rows][:2] == ["remind me to call the plumber at 4 pm", "take a note the spare tyre is in the garage"]
    again.close()


def test_the_database_is_one_versioned_file(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    engine.close()
    files = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite3")
    assert files == ["os.sqlite3"]
    db = sqlite3.connect(tmp_path / "os.sqlite3")
    assert db.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"reminders", "timers", "notes", "list_items", "memory", "letters", "settings", "conversation_log"} <= tables
    db.close()


def test_an_older_database_is_migrated_in_order(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);" + MIGRATIONS[0])
    db.execute("INSERT INTO notes (text, created_at) VALUES ('kept from version 1', 0)")
    db.commit()
    db.close()
    store = Store(path)
    assert store.schema_version == len(MIGRATIONS)
    assert store.read("SELECT text FROM notes")[0]["text"] == "kept from version 1"
    assert store.read("SELECT COUNT(*) AS n FROM conversation_log")[0]["n"] == 0
    store.close()


def test_a_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(f"CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES ({len(MIGRATIONS) + 1});")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_a_reminder_due_while_the_host_was_stopped_is_spoken_once_after_restart(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    engine.handle("remind me in 30 minutes to take the bread out", DeviceContext(device_id="ear-1"))
    assert engine.due_announcements() == []
    engine.close()

    clock.advance(hours=2)  # the host was down while it fell due
    engine = engine_at(tmp_path, clock)
    (announcement,) = engine.due_announcements(device_id="ear-1")
    assert announcement.kind == "reminder"
    assert "while you were away" in announcement.text.lower() and "take the bread out" in announcement.text
    # Not played yet (say the earpiece dropped): still offered, also after another restart.
    engine.close()
    engine = engine_at(tmp_path, clock)
    assert [a.id for a in engine.due_announcements(device_id="ear-1")] == [announcement.id]
    engine.mark_delivered(announcement.id)
    assert engine.due_announcements() == []
    engine.mark_delivered(announcement.id)  # a repeated confirmation is harmless
    engine.close()
    engine = engine_at(tmp_path, clock)
    assert engine.due_announcements() == []
    engine.close()


def test_announcements_go_to_the_device_that_asked_or_to_any(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    engine.handle("remind me in 5 minutes to stir the soup", DeviceContext(device_id="ear-1"))
    engine.handle("remind me in 5 minutes to feed the cat")  # typed at the console: any device
    clock.advance(minutes=6)
    assert len(engine.due_announcements(device_id="ear-1")) == 2
    other = engine.due_announcements(device_id="ear-2")
    assert [("feed the cat" in a.text) for a in other] == [True]
    assert len(engine.due_announcements()) == 2
    engine.close()


def test_a_recurring_reminder_comes_back_next_week_and_not_twice_today(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    engine.handle("remind me every Monday at 9 to put the bins out")
    clock.advance(hours=1, minutes=1)  # Monday 9:01
    (a,) = engine.due_announcements()
    assert "put the bins out" in a.text and "while you were away" not in a.text.lower()
    engine.mark_delivered(a.id)
    engine.mark_delivered(a.id)  # must not skip next week's occurrence
    assert engine.due_announcements() == []
    clock.advance(days=6, hours=23)
    assert engine.due_announcements() == []
    clock.advance(hours=1)  # the next Monday, 9:01
    (b,) = engine.due_announcements()
    assert b.id != a.id and "put the bins out" in b.text
    engine.close()


def test_unknown_announcement_ids_are_refused(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    with pytest.raises(AnnouncementError):
        engine.mark_delivered("weather:1")
    with pytest.raises(AnnouncementError):
        engine.mark_delivered("timer:x")
    engine.close()


def test_calls_from_several_threads_are_all_kept(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(10):
                engine.handle(f"take a note thread {n} item {i}")
                engine.due_announcements()
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert engine.store.read("SELECT COUNT(*) AS n FROM notes")[0]["n"] == 40
    engine.close()


def test_the_first_conversation_of_the_day_starts_with_a_briefing(tmp_path: Path, clock: Clock) -> None:
    engine = open_engine(tmp_path, clock=clock, seed=3)
    engine.handle("remind me tomorrow at 5 pm to buy flowers")  # the first words today also got a briefing
    clock.advance(days=1)
    first = engine.handle("hello")
    assert first.text.startswith("Good morning")
    assert "buy flowers" in first.text  # reminders due today are part of it
    second = engine.handle("hello")
    assert not second.text.startswith("Good morning")
    clock.advance(days=1, hours=8)  # the next day's first words, in the afternoon, are a question
    reply = engine.handle("what time is it").text
    assert reply.startswith("Good afternoon") and reply.endswith(("4 PM.", "4 PM now."))
    engine.close()


def test_no_briefing_when_switched_off(tmp_path: Path, clock: Clock) -> None:
    engine = engine_at(tmp_path, clock)
    assert not engine.handle("hello").text.startswith("Good morning")
    engine.close()


class _BrokenCalendar:
    """A calendar adapter with a bug in it (not a mock of the engine, which is what is tested)."""

    def events_between(self, start: datetime, end: datetime) -> list:
        raise ZeroDivisionError("a bug in an adapter")

    def add_event(self, summary: str, start: datetime, end: datetime):
        raise ZeroDivisionError("a bug in an adapter")


def test_a_failing_skill_is_answered_and_the_engine_lives_on(tmp_path: Path, clock: Clock, caplog) -> None:
    engine = engine_at(tmp_path, clock, calendar=_BrokenCalendar())
    reply = engine.handle("what's on my calendar today")
    assert reply.intent == "calendar.query" and "went wrong on my side" in reply.text
    assert "ZeroDivisionError" in caplog.text
    assert engine.handle("what time is it").intent == "time.now"
    engine.close()
