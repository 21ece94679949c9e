"""Spoken times, dates and durations resolved against a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from earpiece_host.dialogue.timeparse import blank, find_duration, find_when, next_occurrence

TZ = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 27, 14, 10, tzinfo=TZ)  # Friday, 2:10 PM


@pytest.mark.parametrize("text, seconds", [
    ("ten minutes", 600), ("10 min", 600), ("an hour and a half", 5400), ("one and a half hours", 5400),
    ("1 hour 30 minutes", 5400), ("an hour and 20 minutes", 4800), ("half an hour", 1800),
    ("a quarter of an hour", 900), ("twenty-five seconds", 25), ("a couple of minutes", 120),
    ("2 hrs", 7200), ("ninety seconds", 90), ("a minute and a half", 90), ("three days", 259200),
])
def test_durations_in_words_and_digits(text: str, seconds: int) -> None:
    found = find_duration(f"set it for {text} please")
    assert found is not None and found[0] == seconds


def test_no_duration_in_plain_words() -> None:
    assert find_duration("call the bank about the mortgage") is None


@pytest.mark.parametrize("text, expected", [
    ("in 20 minutes", datetime(2026, 11, 27, 14, 30, tzinfo=TZ)),
    ("in an hour and a half", datetime(2026, 11, 27, 15, 40, tzinfo=TZ)),
    ("tomorrow at five", datetime(2026, 11, 28, 17, 0, tzinfo=TZ)),
    ("tomorrow at 7", datetime(2026, 11, 28, 7, 0, tzinfo=TZ)),
    ("next Monday at noon", datetime(2026, 11, 30, 12, 0, tzinfo=TZ)),
    ("on June 3rd", datetime(2027, 6, 3, 9, 0, tzinfo=TZ)),
    ("on the 3rd of December at 8 30 pm", datetime(2026, 12, 3, 20, 30, tzinfo=TZ)),
    ("at 3", datetime(2026, 11, 27, 15, 0, tzinfo=TZ)),
    ("at 2", datetime(2026, 11, 28, 14, 0, tzinfo=TZ)),  # 2 PM has just passed: tomorrow
    ("at 11", datetime(2026, 11, 27, 23, 0, tzinfo=TZ)),
    ("at 9 in the morning", datetime(2026, 11, 28, 9, 0, tzinfo=TZ)),
    ("at quarter past seven tonight", datetime(2026, 11, 27, 19, 15, tzinfo=TZ)),
    ("at 16:45", datetime(2026, 11, 27, 16, 45, tzinfo=TZ)),
    ("at midnight", datetime(2026, 11, 28, 0, 0, tzinfo=TZ)),
    ("this evening", datetime(2026, 11, 27, 19, 0, tzinfo=TZ)),
    ("on Friday", datetime(2026, 12, 4, 9, 0, tzinfo=TZ)),  # today is Friday: the next one
    ("this Friday at 6 pm", datetime(2026, 11, 27, 18, 0, tzinfo=TZ)),
    ("the day after tomorrow at ten am", datetime(2026, 11, 29, 10, 0, tzinfo=TZ)),
    ("in 2 days at 8 am", datetime(2026, 11, 29, 8, 0, tzinfo=TZ)),
    ("next month", datetime(2026, 12, 27, 9, 0, tzinfo=TZ)),
    ("in 3 months at 5 pm", datetime(2027, 2, 27, 17, 0, tzinfo=TZ)),
    ("next year", datetime(2027, 11, 27, 9, 0, tzinfo=TZ)),
    ("at the end of the month", datetime(2026, 11, 30, 9, 0, tzinfo=TZ)),
])
def test_moments(text: str, expected: datetime) -> None:
    when = find_when(text, NOW)
    assert when is not None and when.at == expected and when.repeat is None


def test_recurring_moments_start_at_the_next_occurrence() -> None:
    when = find_when("every Monday at 9", NOW)
    assert when is not None and when.repeat == "weekly:mon" and when.at == datetime(2026, 11, 30, 9, 0, tzinfo=TZ)
    when = find_when("every day at 8 am", NOW)
    assert when is not None and when.repeat == "daily" and when.at == datetime(2026, 11, 28, 8, 0, tzinfo=TZ)
    when = find_when("every weekday at 7 30 am", NOW)
    assert when is not None and when.repeat == "weekdays" and when.at == datetime(2026, 11, 30, 7, 30, tzinfo=TZ)
    for said in ("monday to friday at 7 30 am", "on working days at 7 30 am", "weekdays at 7 30 am"):
        when = find_when(said, NOW)  # said on a Friday: the first one is on Monday
        assert when is not None and when.repeat == "weekdays" and when.at == datetime(2026, 11, 30, 7, 30, tzinfo=TZ), said


def test_a_repeat_without_a_time_starts_at_nine_and_says_no_time_was_said() -> None:
    untimed = find_when("every Tuesday", NOW)
    assert untimed is not None and untimed.repeat == "weekly:tue" and not untimed.has_time
    assert untimed.at == datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
    for said in ("every Tuesday evening", "every Tuesday at six", "on weekdays in the afternoon"):
        timed = find_when(said, NOW)
        assert timed is not None and timed.repeat and timed.has_time, said


def test_every_weekend_is_saturday_and_sunday_and_this_weekend_is_once() -> None:
    when = find_when("every weekend at 9", NOW)  # said on a Friday
    assert when is not None and when.repeat == "weekends" and when.at == datetime(2026, 11, 28, 9, 0, tzinfo=TZ)
    saturday = when.at
    sunday = next_occurrence("weekends", saturday, saturday + timedelta(minutes=1))
    assert sunday == datetime(2026, 11, 29, 9, 0, tzinfo=TZ)
    assert next_occurrence("weekends", sunday, sunday + timedelta(minutes=1)) == datetime(2026, 12, 5, 9, 0, tzinfo=TZ)
    once = find_when("this weekend at 9", NOW)
    assert once is not None and once.repeat is None


def test_next_occurrence_skips_past_ones() -> None:
    first = datetime(2026, 11, 2, 9, 0, tzinfo=TZ)  # a Monday, weeks ago
    assert next_occurrence("weekly:mon", first, NOW) == datetime(2026, 11, 30, 9, 0, tzinfo=TZ)


def test_the_words_left_after_the_moment_is_taken_out() -> None:
    text = "call the vet tomorrow at half past nine"
    when = find_when(text, NOW)
    assert when is not None and blank(text, when.spans) == "call the vet"
    assert find_when("call the vet about the cat", NOW) is None
