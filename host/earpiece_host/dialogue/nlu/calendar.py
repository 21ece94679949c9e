"""Rules for the calendar: what is on (a day, an instant, the next thing, a named event) and adding events."""

from __future__ import annotations

import re

from datetime import datetime, timedelta

from ..numbers import NUMBER_WORDS_RE, parse_number
from ..timeparse import DURATION_RE, POD_HOURS, blank, duration_of, find_when
from .common import Ctx, Result, clean, iso
from .context import day_span


_CAL_NOUN = r"\b(?:calendar|calender|schedule|agenda|diary|appointments?|meetings?|events?|plans|engagements)\b"


_CLOCK = rf"(?:\d{{1,2}}(?::\d\d)?|{NUMBER_WORDS_RE})(?: ?(?:am|pm|a m|p m))?"
_RANGE = re.compile(rf"\b(?:from|between) (?P<a>{_CLOCK}) (?:to|till|until|and|-) (?P<b>{_CLOCK})(?! (?:minutes?|hours?)\b)")


def _clock_hours(said: str) -> tuple[float, str | None] | None:
    """ "2" -> (2, None), "10:30 am" -> (10.5, "am"), "four pm" -> (4, "pm")."""
    m = re.match(r"^(?P<n>[^: ]+?)(?::(?P<m>\d\d))?(?: ?(?P<ap>am|pm|a m|p m))?$", said.strip())
    hour = parse_number(m.group("n")) if m else None
    if m is None or hour is None or not 0 <= hour <= 24:
        return None
    return hour + int(m.group("m") or 0) / 60, (m.group("ap") or "").replace(" ", "") or None


def _time_range(rest: str) -> tuple[str, float] | None:
    """ "from 2 to 4": the text with the range said as its start ("at 2 pm") and the length in
    seconds. Read as "2 minutes to 4" it made a 2-hour meeting start at 3:58."""
    m = _RANGE.search(rest)
    if m is None:
        return None
    a, b = _clock_hours(m.group("a")), _clock_hours(m.group("b"))
    if a is None or b is None:
        return None
    (start, start_marker), (end, end_marker) = a, b
    if start_marker is None:  # "7 to 9 pm" is in the evening; a bare "2 to 4" in working hours
        if end_marker is not None and start % 12 <= end % 12:
            start_marker = end_marker
        else:
            start_marker = "am" if 7 <= start < 12 else "pm"
    start_24 = start % 12 + (12 if start_marker == "pm" else 0)
    if end_marker is not None:
        end_24 = end % 12 + (12 if end_marker == "pm" else 0)
        end_24 += 24 if end_24 <= start_24 else 0  # "8 pm to 1 am": past midnight
    else:  # the first time of day after the start
        end_24 = next(h for h in (end % 12, end % 12 + 12, end % 12 + 24) if h > start_24)
    hour, minute = int(start_24), round((start_24 % 1) * 60)
    said = f"at {hour}:{minute:02d}"
    return rest[:m.start()] + said + rest[m.end():], (end_24 - start_24) * 3600


def rule_calendar_add(c: Ctx) -> Result:
    t = c.t
    m = re.match(r"^(?:add|put|schedule|book|create|set up|make|enter|pencil in|pencil|arrange|organise|organize|plan|new|block out|block)"
                 r"(?: in| me)? (?P<rest>.+)$", t)
    if m is None:
        return None
    rest = m.group("rest")
    has_cal = re.search(r"\b(?:calendar|calender|diary|agenda|schedule)\b", t) or re.match(
        r"^(?:an? |the )?(?:new )?(?:meeting|appointment|event|call|lunch|dinner|breakfast|coffee|session)\b", rest) or \
        re.search(r"\b(?:meeting|appointment|event|lunch|dinner|breakfast|session|party|interview|class|lesson|check ?up)\b", rest) or \
        t.startswith(("schedule", "book", "pencil", "arrange"))
    if not has_cal or re.search(r"\b(?:list|note|timer|reminder)\b", t):
        return None
    ranged = _time_range(rest)
    if ranged is not None:
        rest = ranged[0]
    w = find_when(rest, c.now, default_hour=9)
    if w is None:
        return None
    slots: dict = {}
    rest2 = blank(rest, w.spans)
    dm = re.search(rf"\b(?:for|lasting) (?P<d>{DURATION_RE})\b", rest2)
    if dm:
        slots_dur = int(duration_of(dm.group("d")))
        rest2 = (rest2[: dm.start()] + rest2[dm.end():]).strip()
    else:
        slots_dur = int(ranged[1]) if ranged is not None else None
    summary = re.sub(r"\b(?:to|on|in|into|onto) (?:my|the) (?:calendar|calender|diary|agenda|schedule)\b", " ", rest2)
    summary = re.sub(r"^(?:an? |the )?(?:new )?(?:event|appointment|entry) (?:called|named|for|titled|about) ", "", summary.strip())
    summary = re.sub(r"^(?:a|an|the|my) ", "", summary.strip())
    summary = clean(re.sub(r"\s+", " ", summary))
    summary = re.sub(r"\b(?:on|for|at|from)$", "", summary).strip()
    slots["summary"] = summary
    slots["start"] = iso(w.at)
    if slots_dur:
        slots["duration_s"] = slots_dur
    return "calendar.add", slots


def rule_calendar_query(c: Ctx) -> Result:
    t = c.t
    if re.search(r"\b(?:remind|reminder|note|list|timer|email|mail)\b", t) or re.search(r"\bto do\b", t):
        return None
    q = re.match(r"^when (?:is|are|was) (?:my |the |our )?(?P<q>[a-z' ]+?)(?: (?:appointment|meeting|event|booking)s?)?$", t)
    if q and not re.search(r"\bnext\b", t) and not re.search(r"\b(?:birthday|anniversary)\b", t):
        return "calendar.query", {"query": q.group("q")}
    free = re.search(r"\b(?:am i|are we|will i be|is my (?:afternoon|morning|evening|day)) (?:free|busy|available|booked|clear|open|doing anything)\b|"
                     r"\bdo i have (?:time|anything|something)\b.*\bat\b|\bhave i got (?:anything|something) at\b", t)
    about = re.search(_CAL_NOUN, t) or re.search(
        r"\bwhat does (?:my|the) .+ look like\b|\bhow (?:does|is) (?:my|the) .+ look(?:ing)?\b", t) or re.search(
        r"\b(?:what do i have|what have i got|what is happening|anything happening|what is on|what am i doing|where do i have to be|"
        r"do i have anything|have i got anything|anything on (?:the|this|next) (?:week|weekend)|what is next|what is coming up|where am i supposed to be|am i doing anything)\b", t)
    if not (free or about):
        return None
    if re.search(r"\bnext (?:meeting|appointment|event|thing)\b|\bwhat is next\b|\bcoming up\b|\bwhen is my next\b|\bwhat is my next\b", t) \
            and not re.search(r"\bnext (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", t):
        return "calendar.query", {"start": iso(c.now)}
    span = named_span(t, c.now)
    if span is not None:
        start, end, period = span
        slots = {"start": iso(start), "end": iso(end), "period": period}
        return "calendar.query", {**slots, "free": True} if free else slots
    w = find_when(t, c.now)
    if free or (w is not None and w.has_time and re.search(r"\bat\b", t) and re.search(r"\b(?:anything|something|free|busy)\b", t)):
        if w is not None and (w.has_time or not w.has_date):
            return "calendar.query", {"start": iso(w.at), "end": iso(w.at)}
        if w is not None:
            return "calendar.query", day_span(w.at)
        pod = re.search(r"\b(?:my|the) (?P<pod>morning|afternoon|evening)\b", t)
        if pod:
            at = c.now.replace(hour=POD_HOURS[pod.group("pod")], minute=0, second=0, microsecond=0)
            return "calendar.query", {"start": iso(at), "end": iso(at)}
        return "calendar.query", day_span(c.now)
    if w is not None:
        return "calendar.query", day_span(w.at)
    return "calendar.query", day_span(c.now)


def rule_calendar_headsup(c: Ctx) -> Result:
    """ "warn me 15 minutes before my meetings", "no more heads-ups"."""
    t = c.t
    if re.match(r"^(?:(?:turn|switch) off|stop|no more|disable|cancel) (?:the |my |all )?(?:heads? ?ups?|warnings)(?: before (?:my )?(?:events|meetings|appointments))?$|"
                r"^(?:do not|please do not) (?:warn me|give me (?:a )?heads? ?ups?) before (?:my )?(?:events|meetings|appointments)$", t):
        return "calendar.headsup", {"minutes": 0}
    m = re.match(rf"^(?:always )?(?:warn|tell|alert|remind|give) (?:me )?(?:a )?(?:heads? ?up |warning |nudge )?(?P<d>{DURATION_RE}) "
                 r"(?:before|ahead of|prior to) (?:my |each |every |all )?(?:events?|meetings?|appointments?|calendar events?|things on my calendar)$", t) \
        or re.match(rf"^(?:set )?(?:the |my )?heads? ?ups? (?:to )?(?P<d>{DURATION_RE})(?: before(?: events| meetings)?)?$", t)
    if m:
        return "calendar.headsup", {"minutes": int(duration_of(m.group("d")) // 60)}
    return None


_PARTS = {"morning": (6, 12), "afternoon": (12, 17), "evening": (17, 22), "tonight": (17, 24), "night": (17, 24)}


def named_span(t: str, now: datetime) -> tuple[datetime, datetime, str] | None:
    """A range said in words: "this week", "next week", "the weekend", "next Tuesday morning",
    "Thursday afternoon", "this evening" -> (start, end, the words for the reply)."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    monday = midnight - timedelta(days=now.weekday())
    if re.search(r"\bthis week\b|\bthe rest of the week\b", t):
        return midnight, monday + timedelta(days=7), "this week"
    if re.search(r"\bnext week\b", t):
        return monday + timedelta(days=7), monday + timedelta(days=14), "next week"
    m = re.search(r"\b(?P<next>next )?(?:this |the )?weekend\b", t)
    if m:
        saturday = monday + timedelta(days=5) + (timedelta(days=7) if m.group("next") else timedelta())
        return max(saturday, midnight), saturday + timedelta(days=2), "next weekend" if m.group("next") else "this weekend"
    part = re.search(r"\b(?:in the |this |tomorrow |on )?(?P<p>morning|afternoon|evening|tonight)\b", t)
    if part is None or re.search(r"\bat (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b|\d:\d|\d ?(?:am|pm)\b", t):
        return None
    w = find_when(t, now)
    day = w.at.date() if w is not None and w.has_date else now.date()
    if part.group("p") == "tonight" or re.search(r"\bthis (?:morning|afternoon|evening)\b", t):
        day = now.date()
    first, last = _PARTS[part.group("p")]
    start = datetime.combine(day, datetime.min.time(), now.tzinfo) + timedelta(hours=first)
    end = datetime.combine(day, datetime.min.time(), now.tzinfo) + timedelta(hours=last)
    if day == now.date():
        words = "tonight" if part.group("p") == "tonight" else f"this {part.group('p')}"
    elif day == now.date() + timedelta(days=1):
        words = f"tomorrow {part.group('p')}"
    else:
        words = f"{day:%A} {part.group('p')}"
    return start, end, words
