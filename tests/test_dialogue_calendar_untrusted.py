"""Calendars hold other people's events, so reading one stays harmless: an event repeating every
second for ever, a rule no date satisfies, and a byte that is not UTF-8 each cost bounded CPU and
memory, are skipped and reported ("1 event in your calendar could not be read") while the rest is
read, and never make "add event" rewrite the user's file."""

from __future__ import annotations

import stat
import threading
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.calendar import (MAX_QUERY_OCCURRENCES, MAX_SERIES_CPU_S, CalendarUnavailableError,
                                             IcsCalendar, unreadable_note)
from hostile_files import calendar, every_second_event, never_matching_event, never_matching_subtly_event, vevent
from settable_clock import Clock

UTC = timezone.utc
NOW = datetime(2026, 9, 9, 10, 0, tzinfo=UTC)  # a Wednesday
TOMORROW = datetime(2026, 9, 10, 0, 0, tzinfo=UTC)
DENTIST = vevent("dentist@example.org", "Dentist", datetime(2026, 9, 10, 14, 0, tzinfo=UTC))
# The per-event CPU limit plus room for parsing, far below the 40 s and 853 MB a hostile event cost
# before expansion was bounded.
CPU_BUDGET_S = MAX_SERIES_CPU_S + 0.5
MEMORY_BUDGET_BYTES = 32 * 1024 * 1024


def measured(action):
    tracemalloc.start()
    started = time.thread_time()
    try:
        result = action()
        cpu_s = time.thread_time() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, cpu_s, peak


HOSTILE = {
    "every-second-for-years": every_second_event(datetime(2020, 1, 1, tzinfo=UTC)),
    "every-second-from-today": every_second_event(TOMORROW),
    "31-february": never_matching_event(datetime(2020, 3, 1, tzinfo=UTC)),
    "new-year-in-february": never_matching_subtly_event(datetime(2020, 3, 1, tzinfo=UTC)),
}


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_event_is_skipped_and_counted_in_bounded_cpu_and_memory(tmp_path: Path, hostile: str) -> None:
    path = tmp_path / "invited.ics"
    path.write_bytes(calendar(hostile, DENTIST))
    events, cpu_s, peak = measured(lambda: IcsCalendar(path).events_between(TOMORROW, TOMORROW + timedelta(days=1)))
    assert [e.summary for e in events] == ["Dentist"]
    assert events.unreadable == 1 and not events.truncated
    # Refused up front (its cost, or 31 February), or stopped at the per-event CPU limit.
    assert cpu_s < CPU_BUDGET_S and peak < MEMORY_BUDGET_BYTES, (cpu_s, peak)
    assert unreadable_note(events) == "1 event in your calendar could not be read."


def test_a_query_stops_at_its_occurrence_limit_and_says_so(tmp_path: Path) -> None:
    busy = [vevent(f"busy{n}@example.org", f"Busy {n}", TOMORROW, minutes=1, extra="RRULE:FREQ=MINUTELY;COUNT=1100\r\n")
            for n in range(2)]  # 2 x 1,100 occurrences in one day
    path = tmp_path / "busy.ics"
    path.write_bytes(calendar(*busy))
    events = IcsCalendar(path).events_between(TOMORROW, TOMORROW + timedelta(days=1))
    assert len(events) == MAX_QUERY_OCCURRENCES and events.truncated
    assert "more events there than I can read" in unreadable_note(events)


def test_the_os_answers_with_the_readable_events_and_reports_the_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "invited.ics"
    path.write_bytes(calendar(every_second_event(datetime(2020, 1, 1, tzinfo=UTC)), DENTIST))
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, calendar_ics=path)
    reply = engine.handle("what's on my calendar tomorrow").text
    assert "Dentist" in reply and reply.endswith("1 event in your calendar could not be read."), reply
    engine.close()


def test_a_calendar_with_an_invalid_byte_is_read_but_never_rewritten(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "mine.ics"
    broken = calendar(DENTIST, vevent("caf@example.org", "Caf\xe9", datetime(2026, 9, 10, 9, 0, tzinfo=UTC)))
    broken = broken.replace("Caf\xe9".encode("utf-8"), b"Caf\xe9")  # Latin-1: one byte that is not UTF-8
    path.write_bytes(broken)
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, calendar_ics=path,
                         calendar_writable=True)  # marked writable: the adapter itself must refuse
    assert "Dentist" in engine.handle("what's on my calendar tomorrow").text  # the rest stays readable
    reply = engine.handle("add dinner with Amy tomorrow at 7 pm").text
    assert reply == ("I couldn't add that to your calendar. The calendar file has letters I can't read properly, "
                     "so I left it as it is. Add the event in your calendar app.")
    assert f"The calendar file {path} has bytes that are not UTF-8 (at byte" in caplog.text
    assert path.read_bytes() == broken
    engine.close()


def test_adding_an_event_keeps_every_byte_of_the_users_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.ics"
    # Written the way another app might: LF line endings, its own properties, a folded line.
    original = (b"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Another app//EN\nX-WR-CALNAME:Mine\n"
                b"BEGIN:VEVENT\nUID:walk@example.org\nDTSTAMP:20260901T000000Z\nDTSTART:20260911T070000Z\n"
                b"DTEND:20260911T080000Z\nSUMMARY:Walk\nDESCRIPTION:A long description that another app\n"
                b"  folded its own way\nX-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\nEND:VEVENT\nEND:VCALENDAR\n")
    path.write_bytes(original)
    path.chmod(0o640)
    source = IcsCalendar(path)
    added = source.add_event("Dinner", datetime(2026, 9, 10, 19, 0, tzinfo=UTC), datetime(2026, 9, 10, 21, 0, tzinfo=UTC))
    changed = path.read_bytes()
    end = original.rindex(b"END:VCALENDAR")
    assert changed.startswith(original[:end]) and changed.endswith(original[end:])
    inserted = changed[end:len(changed) - len(original[end:])]
    assert inserted.startswith(b"BEGIN:VEVENT\n") and b"SUMMARY:Dinner" in inserted and b"\r" not in inserted
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # the user's mode, kept
    summaries = [e.summary for e in source.events_between(TOMORROW, TOMORROW + timedelta(days=2))]
    assert summaries == ["Dinner", "Walk"] and added.summary == "Dinner"


def test_a_read_only_calendar_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "subscribed.ics"
    path.write_bytes(calendar(DENTIST))
    path.chmod(0o444)
    with pytest.raises(CalendarUnavailableError, match="read-only"):
        IcsCalendar(path).add_event("Dinner", NOW, NOW + timedelta(hours=1))
    assert path.read_bytes() == calendar(DENTIST)


class ProbeCalendar(IcsCalendar):
    """The real .ics adapter; while it reads, another earpiece asks the OS something."""

    engine = None
    other_answer: list = []

    def events_between(self, start, end):
        other = threading.Thread(target=lambda: self.other_answer.append(self.engine.handle("what time is it").intent))
        other.start()
        other.join(timeout=20)  # a deadline, not a measurement: it is answered at once unless blocked
        return super().events_between(start, end)


def test_the_calendar_is_read_outside_the_os_lock(tmp_path: Path) -> None:
    path = tmp_path / "invited.ics"
    path.write_bytes(calendar(DENTIST))
    probe = ProbeCalendar(path)
    engine = probe.engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False,
                                        calendar=probe)
    probe.other_answer = []
    assert "Dentist" in engine.handle("what's on my calendar tomorrow").text
    assert probe.other_answer == ["time.now"]  # answered while the calendar was being read
    engine.close()
