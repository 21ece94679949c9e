"""Calendar: what is on a day, the next event, "am I free at 3?", and adding, moving and cancelling
events, through an adapter (an .ics file or CalDAV) passed in by the engine."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from time import monotonic

from ..by_sound import nearest_by_sound
from ..phrasing import first_upper, join_words, say_date, say_duration, say_on_date, say_time, say_when, second_person
from ..store import Store
from ..timeparse import nearer_half
from ..types import Announcement, SkillReply
from .base import Turn, spoken_setup, spoken_trouble
from .notes import NotesSkill

_READ_AHEAD_FRESH_S = 30.0  # a span read ahead serves the turn that follows, never a later one
_UPCOMING_FRESH_S = 60.0  # the events heads-ups are taken from are read again at most this often
_UPCOMING_SPAN = timedelta(hours=6)
HEADSUP_SETTING = "calendar_headsup_min"
# Heads-ups owed for events that started while nobody heard them (the host was down, or no earpiece
# was connected): one that started up to _JUST_STARTED ago and is still on gets "started N minutes
# ago"; the rest of the last _MISSED_LOOKBACK are told once, together, "while you were away". Only
# events that started after the OS began watching (WATCHING_SINCE_SETTING) are owed, so a new
# install or heads-ups just turned on never recite the past.
_JUST_STARTED = timedelta(minutes=15)
_MISSED_LOOKBACK = timedelta(hours=12)
WATCHING_SINCE_SETTING = "calendar_headsups_since"
NO_CALENDAR_SETTING = ("no calendar is connected: set [calendar] ics to a calendar file, or caldav_url to a CalDAV "
                       "server, in earpiece.toml (`earpiece config path` shows where it is; `earpiece config check` tries it)")


# Words that say which event without being in its title: "my dentist appointment" is "Dentist".
_NOT_TITLE_WORDS = frozenset({"the", "my", "a", "an", "our", "your", "next", "appointment", "event", "thing", "one", "class", "session"})


def _title_words(text: str) -> set[str]:
    return {re.sub(r"'s$", "", w) for w in re.findall(r"[a-z0-9']+", text.lower())}


def _titles_match(said: str, title: str) -> bool:
    """Whether every word the user named the event by (but "my", "appointment" ...) is in its title."""
    wanted = _title_words(said) - _NOT_TITLE_WORDS
    return bool(wanted) and wanted <= _title_words(title)


def _title_said(title: str, said: str) -> bool:
    """Whether the whole title is among the words said, with more around it ("coffee with Jo
    tomorrow, she's off sick" names "Coffee with Jo")."""
    words = _title_words(title) - _NOT_TITLE_WORDS
    return bool(words) and words <= _title_words(said)


def _sounds_like(said: str, events: list) -> list:
    """The soonest event whose title sounds like what was said, when no title holds its words ("move
    the den test": Dentist; by_sound.py); [] when none is near enough."""
    plain = lambda text: " ".join(w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in _NOT_TITLE_WORDS)  # noqa: E731
    found = nearest_by_sound(plain(said), events, name=lambda e: plain(e.summary))
    return [found] if found is not None else []


def _as_datetime(value: date | datetime, tz) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(0, 0), tz)


def _event_words(e, now: datetime, *, with_day: bool = False) -> str:
    if e.all_day:
        return f"{e.summary} (all day)" + (f" {say_date(e.start.date(), now.date())}" if with_day else "")
    where = f" at {e.location}" if e.location else ""
    when = say_when(e.start.astimezone(now.tzinfo), now) if with_day else f"at {say_time(e.start.astimezone(now.tzinfo))}"
    return f"{e.summary} {when}{where}"


class CalendarSkill:
    intents = ("calendar.query", "calendar.add", "calendar.move", "calendar.cancel", "calendar.headsup", "reminder.before_event")

    def __init__(self, source, store: Store | None = None, default_headsup_min: int = 10, *,
                 add_reminder: Callable[[str, datetime, Turn], None] | None = None,
                 told_of_event: Callable[[str], str | None] | None = None) -> None:
        self.source = source
        self._add_reminder = add_reminder  # RemindersSkill.add: "remind me an hour before the dentist"
        self._told_of_event = told_of_event  # MemorySkill.told_of_event: "when's the wedding" told as a fact
        self._store = store
        self._default_headsup_min = default_headsup_min
        self._ahead: dict[tuple[datetime, datetime], tuple[float, object]] = {}  # spans read before the OS lock
        self._upcoming: tuple[float, datetime, datetime, list] | None = None  # (read at, from, to, events)
        self._upcoming_failed_at = float("-inf")
        self._notes = NotesSkill(store) if store is not None else None  # a date asked for may be in a note
        self._last_event = None  # the event just added, moved or named: "make it 2", "cancel it", "when is it now?"
        self._to_cancel = None  # the event "Shall I cancel ...?" asked about

    # -- heads-ups before events ---------------------------------------------------------------------

    def headsup_min(self) -> int:
        saved = self._store.get_setting(HEADSUP_SETTING) if self._store is not None else None
        return int(saved) if saved is not None else self._default_headsup_min

    def refresh_upcoming(self, now: datetime) -> None:
        """Read the next hours of the calendar (outside the OS lock) when what was read is stale."""
        if self.source is None or self.headsup_min() <= 0:
            return
        lead = timedelta(minutes=self.headsup_min())
        cached = self._upcoming
        if cached is not None and monotonic() - cached[0] < _UPCOMING_FRESH_S and cached[1] <= now and now + lead <= cached[2]:
            return
        if monotonic() - self._upcoming_failed_at < _UPCOMING_FRESH_S:
            return  # a calendar that just failed is not asked again on every poll
        start, end = now - _MISSED_LOOKBACK, now + max(_UPCOMING_SPAN, 2 * lead)
        try:
            self._upcoming = (monotonic(), start, end, list(self.source.events_between(start, end)))
        except Exception:
            self._upcoming_failed_at = monotonic()
            raise

    @staticmethod
    def _headsup_key(uid: str, start: datetime) -> str:
        return hashlib.sha256(f"{uid}|{start.isoformat()}".encode()).hexdigest()[:24]

    def _watching_since(self, now: datetime) -> float:
        """When the OS began watching the calendar for heads-ups (set on the first look)."""
        saved = self._store.get_setting(WATCHING_SINCE_SETTING)
        if saved is None:
            self._store.set_setting(WATCHING_SINCE_SETTING, repr(now.timestamp()))
            return now.timestamp()
        return float(saved)

    def heads_ups(self, now: datetime) -> list[Announcement]:
        """Events starting within the user's lead time whose heads-up has not been spoken yet, and
        the heads-ups owed for events that started since while nobody heard them."""
        minutes = self.headsup_min()
        if self._upcoming is None or minutes <= 0 or self._store is None:
            return []
        _, start, end, events = self._upcoming
        lead = timedelta(minutes=minutes)
        since = self._watching_since(now)
        out = []
        missed = []
        for e in events:
            if e.all_day or not (now - _MISSED_LOOKBACK <= e.start <= now + lead):
                continue
            if e.start <= now and e.start.timestamp() <= since:
                continue  # it started before the OS was watching: nothing was owed
            key = self._headsup_key(e.uid, e.start)
            if self._store.read("SELECT 1 FROM calendar_headsups WHERE key = ?", (key,)):
                continue
            where = f" at {e.location}" if e.location else ""
            at = say_time(e.start.astimezone(now.tzinfo))
            if e.start > now:
                left = max(1, round((e.start - now).total_seconds() / 60))
                text = f"Heads-up: {e.summary}{where} at {at}, in {left} minute{'s' if left != 1 else ''}."
            elif now - e.start <= _JUST_STARTED and e.end > now:
                ago = round((now - e.start).total_seconds() / 60)
                text = (f"Heads-up: {e.summary}{where} started {ago} minute{'s' if ago != 1 else ''} ago, at {at}."
                        if ago else f"Heads-up: {e.summary}{where} is starting now, at {at}.")
            else:
                missed.append((key, e))
                continue
            out.append(Announcement(id=f"headsup:{key}", text=text, kind="heads_up"))
        if missed:  # one sentence for all of them, delivered (and never said again) together
            said = [f"{e.summary} at {say_time(e.start.astimezone(now.tzinfo))}"
                    + (f", still on until {say_time(e.end.astimezone(now.tzinfo))}" if e.end > now else "")
                    for _, e in missed]
            out.insert(0, Announcement(id="headsup:" + "+".join(k for k, _ in missed),
                                       text=f"While you were away: {join_words(said)}.", kind="heads_up"))
        return out

    def mark_headsup_delivered(self, keys: str, now: datetime) -> None:
        """Heads-ups played: one key, or several joined by "+" (the "while you were away" sentence)."""
        if self._store is None or not keys:
            return
        starts = {self._headsup_key(e.uid, e.start): e.start.timestamp()
                  for e in (self._upcoming[3] if self._upcoming else [])}
        with self._store.transaction() as db:
            for key in keys.split("+"):
                db.execute("INSERT OR IGNORE INTO calendar_headsups (key, event_start, delivered_at) VALUES (?, ?, ?)",
                           (key, starts.get(key, now.timestamp()), now.timestamp()))
            db.execute("DELETE FROM calendar_headsups WHERE event_start < ?", (now.timestamp() - 7 * 86400,))

    def _set_headsup(self, slots: dict, turn: Turn) -> SkillReply:
        minutes = int(slots.get("minutes") if slots.get("minutes") is not None else self._default_headsup_min)
        if self._store is not None:
            if minutes > 0 and self.headsup_min() <= 0:  # back on: nothing from the quiet time is owed
                self._store.set_setting(WATCHING_SINCE_SETTING, repr(turn.now.timestamp()))
            self._store.set_setting(HEADSUP_SETTING, str(max(0, minutes)))
        if minutes <= 0:
            return SkillReply("Okay, no more heads-ups before your events.")
        return SkillReply(f"Okay, I'll give you a heads-up {minutes} minute{'s' if minutes != 1 else ''} before each event.")

    def read_ahead(self, spans: list[tuple[datetime, datetime]]) -> None:
        """Read these spans now, outside the OS lock; the turn that follows takes them from here."""
        from ..calendar import CalendarUnavailableError

        self._ahead.clear()  # one turn's worth at most
        for span in spans:
            try:
                self._ahead[span] = (monotonic(), self.source.events_between(*span))
            except CalendarUnavailableError:
                return  # the turn itself reads again and says what went wrong

    def query_spans(self, slots: dict, now: datetime) -> list[tuple[datetime, datetime]]:
        """The spans a calendar.query with these slots reads."""
        start = datetime.fromisoformat(slots["start"]) if slots.get("start") else None
        end = datetime.fromisoformat(slots["end"]) if slots.get("end") else None
        query = str(slots.get("query") or "").strip()
        if query or (start is not None and end is None):
            since = start or now
            return [(since, since + timedelta(days=60))]
        if start is not None and end is not None and start == end:
            return [(start - timedelta(days=1), start + timedelta(days=1))]
        if start is not None and end is not None:
            return [(start, end)]
        return [self.day_span(now.date(), now.tzinfo)]

    @staticmethod
    def day_span(day: date, tz) -> tuple[datetime, datetime]:
        start = datetime.combine(day, time(0, 0), tz)
        return start, start + timedelta(days=1)

    def _events(self, start: datetime, end: datetime):
        read_at, events = self._ahead.pop((start, end), (0.0, None))
        if events is not None and monotonic() - read_at < _READ_AHEAD_FRESH_S:
            return events
        return self.source.events_between(start, end)

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "calendar.headsup":
            return self._set_headsup(slots, turn)
        if self.source is None:
            noted = self._in_notes(str(slots.get("query") or ""), turn) if intent == "calendar.query" else None
            return SkillReply(noted or spoken_setup("No calendar is connected yet.", NO_CALENDAR_SETTING))
        from ..calendar import CalendarUnavailableError  # imported late: icalendar is slow to load

        try:
            if intent == "calendar.add":
                return self._add(slots, turn)
            if intent == "reminder.before_event":
                return self._remind_before(slots, turn)
            if intent == "calendar.move":
                return self._move(slots, turn)
            if intent == "calendar.cancel":
                return self._cancel(slots, turn)
            return self._query(slots, turn)
        except CalendarUnavailableError as exc:
            doing = {"calendar.add": "add that to", "calendar.move": "change", "calendar.cancel": "change"}.get(intent, "read")
            return SkillReply(spoken_trouble(f"I couldn't {doing} your calendar.", exc))

    def _in_notes(self, query: str, turn: Turn) -> str | None:
        """The notes holding the words of an event asked for ("when is the car due for its MOT?"),
        taken down as a note rather than an event, else the fact told of it ("my cousin's wedding is
        on the twenty-third"); None when neither is."""
        if not query:
            return None
        noted = self._notes.answer(query, turn) if self._notes is not None else None
        return noted or (self._told_of_event(query) if self._told_of_event is not None else None)

    def _named(self, slots: dict, turn: Turn) -> tuple[list, str]:
        """The events from today on that the slots name (title words, day, time), soonest first, and
        how to say what was asked for; with none of those, the event just talked about."""
        query = str(slots.get("query") or "").strip()
        day = date.fromisoformat(slots["date"]) if slots.get("date") else None
        at = time.fromisoformat(slots["time"]) if slots.get("time") else None
        if slots.get("next") and not (query or day or at):
            coming = [e for e in self._events(turn.now, turn.now + timedelta(days=60)) if e.start > turn.now and not e.all_day]
            return coming[:1], "your next event"
        if not (query or day or at):
            return ([self._last_event] if self._last_event is not None else []), "that"
        since = datetime.combine(turn.now.date(), time(0, 0), turn.now.tzinfo)
        when = [e for e in self._events(since, since + timedelta(days=60))
                if (day is None or e.start.astimezone(turn.now.tzinfo).date() == day)
                and (at is None or e.start.astimezone(turn.now.tzinfo).time().replace(second=0, microsecond=0) == at)
                and (e.end > turn.now or e.all_day)]
        found = [e for e in when if not query or _titles_match(query, e.summary) or _title_said(e.summary, query)]
        if query and not found:
            found = _sounds_like(query, when)
        asked = " ".join(filter(None, (query, say_on_date(day, turn.now.date()) if day else "",
                                       f"at {say_time(datetime.combine(turn.now.date(), at))}" if at else "")))
        return found, asked

    def _changeable(self, slots: dict, turn: Turn, doing: str) -> tuple[list, SkillReply | None]:
        """The events the slots name, the first of which may be changed; or what to say instead."""
        found, asked = self._named(slots, turn)
        if not found:
            return found, SkillReply(f"I can't find {asked} on your calendar in the next two months." if asked != "that"
                                     else f"Which event should I {doing}?")
        return found, self._unchangeable(found[0], turn)

    def _unchangeable(self, event, turn: Turn) -> SkillReply | None:
        """Why this event is left to the user's calendar app, if it is."""
        if event.repeats:
            return SkillReply(f"{event.summary} repeats, so I'll leave it to your calendar app. Change it there.")
        if not self.source.can_change(event):
            return SkillReply(f"{event.summary} is in your own calendar, which is set as read-only for me, so I left it. "
                              "Change it in your calendar app.")
        return None

    def _move(self, slots: dict, turn: Turn) -> SkillReply:
        """Move an event; the part of its time not said is kept, and so is its length."""
        found, refused = self._changeable(slots, turn, "move")
        if refused is not None:
            return refused
        event = found[0]
        tz = turn.now.tzinfo
        before = event.start.astimezone(tz)
        if slots.get("shift_s"):
            start = before + timedelta(seconds=int(slots["shift_s"]))
        elif slots.get("start"):
            start = datetime.fromisoformat(slots["start"]).astimezone(tz)
            if slots.get("keep") == "day":  # "move it to 9": the same day, another time
                start = start.replace(year=before.year, month=before.month, day=before.day)
                if slots.get("nearest"):  # said without am or pm: the half of the day nearer its old time
                    start = nearer_half(start, before)
            elif slots.get("keep") == "time":  # "move it to Friday": the same time, another day
                start = start.replace(hour=before.hour, minute=before.minute, second=0, microsecond=0)
        else:
            return SkillReply(f"When should {event.summary} be instead?", awaiting="calendar.move")
        length = event.end - event.start
        if event.all_day:
            days = max(1, (event.end.date() - event.start.date()).days)
            new_start, new_end = start.date(), start.date() + timedelta(days=days)
            when = say_date(start.date(), turn.now.date())
        else:
            if start <= turn.now:
                return SkillReply(f"{first_upper(say_when(start, turn.now))} has already passed. When should it be instead?",
                                  awaiting="calendar.move", refused_slot="start")
            new_start, new_end = start, start + length
            when = say_when(start, turn.now)
        if not self.source.move_event(event.uid, new_start, new_end):
            self._last_event = None
            return SkillReply(f"{event.summary} isn't on your calendar any more.")
        self._last_event = replace(event, start=_as_datetime(new_start, tz), end=_as_datetime(new_end, tz))
        clash = [] if event.all_day else [
            e for e in self._events(start - timedelta(days=1), start + timedelta(days=1))
            if e.uid != event.uid and not e.all_day and e.start < start + length and e.end > start]
        also = f" That overlaps {join_words([_event_words(e, turn.now) for e in clash])}." if clash else ""
        return SkillReply(f"Okay, I've moved {event.summary} to {when.removeprefix('on ').removeprefix('at ')}.{also}")

    def _cancel(self, slots: dict, turn: Turn) -> SkillReply:
        """Cancel an event, only after "Shall I cancel ...?" was answered yes."""
        if slots.get("confirmed"):
            event, self._to_cancel = self._to_cancel, None
            if event is None:
                return SkillReply("There's nothing waiting to be cancelled.")
            if not self.source.cancel_event(event.uid):
                return SkillReply(f"{event.summary} isn't on your calendar any more.")
            self._last_event = None
            return SkillReply(f"Okay, I've cancelled {_event_words(event, turn.now, with_day=True)}.")
        found, refused = self._changeable(slots, turn, "cancel")
        if refused is not None:
            return refused
        event = found[0]
        self._to_cancel = self._last_event = event
        said = _event_words(event, turn.now, with_day=True)
        if len(found) > 1:
            return SkillReply(f"You have {len(found)} of those. Shall I cancel the first, {said}?")
        return SkillReply(f"Shall I cancel {said}?")

    def _remind_before(self, slots: dict, turn: Turn) -> SkillReply:
        """A reminder `minutes_before` the next event whose title holds the words said ("the dentist",
        "my meeting with Tom"), kept with the other reminders, so it is said once, on its own."""
        words = str(slots.get("event") or "").strip()
        before = timedelta(minutes=int(slots.get("minutes_before") or 0))
        read = self._events(turn.now, turn.now + timedelta(days=60))
        ahead = [e for e in read if e.start > turn.now]
        if words in ("", "it", "that", "this", "that one", "then") and self._last_event is not None:
            words = self._last_event.summary  # "and remind me an hour before it", of the event just added or moved
        event = next((e for e in ahead if _titles_match(words, e.summary)), None) or next(iter(_sounds_like(words, ahead)), None)
        if event is None:
            return SkillReply(f"I can't find {words} on your calendar in the next two months.")
        start = event.start.astimezone(turn.now.tzinfo)
        due = start - before
        at = f"{event.summary} at {say_time(start)}"
        if due <= turn.now:
            return SkillReply(f"{at} is less than {say_duration(before.total_seconds())} from now, so there's no time "
                              "left for that reminder.")
        text = str(slots.get("text") or "").strip()
        assert self._add_reminder is not None, "the engine gives the calendar skill the reminders' store"
        ahead = say_duration(before.total_seconds())
        self._add_reminder(f"{text}, for {at}" if text else f"{at}, in {ahead}", due, turn)  # said when it is due
        what = f" to {second_person(text)}" if text else ""
        return SkillReply(f"Okay, I'll remind you{what} {ahead} before {event.summary}: {say_when(due, turn.now)}.")

    def events_on(self, day: date, tz) -> list:
        return self._events(*self.day_span(day, tz))

    def _query(self, slots: dict, turn: Turn) -> SkillReply:
        from ..calendar import unreadable_note

        (span,) = self.query_spans(slots, turn.now)
        read = self._events(*span)
        reply = self._answer(slots, turn, read)
        # Events skipped as unreadable (or too costly to expand) are said, never silently dropped.
        note = unreadable_note(read)
        return SkillReply(f"{reply.text} {note}".strip(), items=reply.items) if note else reply

    def _answer(self, slots: dict, turn: Turn, read: list) -> SkillReply:
        now = turn.now
        start = datetime.fromisoformat(slots["start"]) if slots.get("start") else None
        end = datetime.fromisoformat(slots["end"]) if slots.get("end") else None
        query = str(slots.get("query") or "").strip().lower()
        if slots.get("last"):
            if self._last_event is None:
                return SkillReply("Which event do you mean?")
            return SkillReply(f"{_event_words(self._last_event, now, with_day=True)}.")
        if query or (start is not None and end is None):
            since = start or now
            coming = [e for e in read if e.start >= since]
            events = [e for e in coming if not query or query in e.summary.lower()]
            noted = None if events else self._in_notes(query, turn)
            if noted:
                return SkillReply(f"It's not on your calendar. {noted}")
            if query and not events:
                events = _sounds_like(query, coming)
            if not events:
                return SkillReply(f"I can't find {query} on your calendar in the next two months." if query
                                  else "Nothing coming up in the next two months.")
            head = "" if query else "Next up: "
            self._last_event = events[0]
            return SkillReply(f"{head}{_event_words(events[0], now, with_day=True)}.", items=tuple(
                f"{_event_words(e, now, with_day=True)}." for e in events[:10]))
        if slots.get("period") and start is not None and end is not None:
            return self._over_period(str(slots["period"]), bool(slots.get("free")), start, end, read, now)
        if start is not None and end is not None and start == end:
            busy = [e for e in read if e.start <= start < e.end and not e.all_day]
            if not busy:
                return SkillReply(f"Yes, you're free {say_when(start, now)}.")
            return SkillReply(f"No, you have {join_words([_event_words(e, now) for e in busy])}.")
        day = (start or now).date()
        events = read
        when_text = say_on_date(day, now.date())
        if slots.get("free") and start is not None and end is not None:  # "am I free on Thursday": yes or no, and what is on
            return self._over_period(when_text, True, start, end, read, now)
        if not events:
            return SkillReply(turn.say.choice((f"Nothing on your calendar {when_text}.", f"Your calendar is clear {when_text}.")))
        items = [_event_words(e, now) for e in events]
        if len(events) == 1:
            self._last_event = events[0]  # "cancel it", "move the appointment to 4"
        count = "one thing" if len(events) == 1 else f"{len(events)} things"
        return SkillReply(f"{when_text[:1].upper()}{when_text[1:]} you have {count}: {join_words(items)}.",
                          items=tuple(f"{i[:1].upper()}{i[1:]}." for i in items))

    @staticmethod
    def _over_period(period: str, free: bool, start: datetime, end: datetime, read: list, now: datetime) -> SkillReply:
        """A range said in words: what is on over it, or whether it is free."""
        events = [e for e in read if e.start < end and e.end > start]
        several_days = end - start > timedelta(days=1)
        words = [_event_words(e, now, with_day=several_days) for e in events]
        if free:
            busy = [w for e, w in zip(events, words) if not e.all_day]
            if not busy:
                return SkillReply(f"Yes, you're free {period}.")
            return SkillReply(f"No, {period} you have {join_words(busy)}.", items=tuple(f"{w[:1].upper()}{w[1:]}." for w in busy))
        if not events:
            return SkillReply(f"Nothing on your calendar {period}.")
        count = "one thing" if len(events) == 1 else f"{len(events)} things"
        return SkillReply(f"{period[:1].upper()}{period[1:]} you have {count}: {join_words(words)}.",
                          items=tuple(f"{w[:1].upper()}{w[1:]}." for w in words))

    def _add(self, slots: dict, turn: Turn) -> SkillReply:
        summary = (slots.get("summary") or "").strip()
        if not summary:
            return SkillReply("What should I call the event?", awaiting="calendar.add")
        if not slots.get("start"):
            return SkillReply("When is it?", awaiting="calendar.add")
        start = datetime.fromisoformat(slots["start"])
        end = start + timedelta(seconds=int(slots.get("duration_s") or 3600))
        event = self.source.add_event(summary[0].upper() + summary[1:], start, end)
        self._last_event = event
        from ..calendar_sources import WithOwnCalendar
        if isinstance(self.source, WithOwnCalendar):
            return SkillReply(f"Added {event.summary} {say_when(start, turn.now)}. {WithOwnCalendar.added_note}")
        return SkillReply(turn.say.choice((f"Added {event.summary} {say_when(start, turn.now)}.",
                                           f"Okay, {event.summary} is on your calendar {say_when(start, turn.now)}.")))
