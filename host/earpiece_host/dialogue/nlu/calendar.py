"""Rules for the calendar: what is on (a day, an instant, the next thing, a named event) and adding events."""

from __future__ import annotations

import re

from ..timeparse import DURATION_RE, POD_HOURS, blank, duration_of, find_when
from .common import Ctx, Result, clean, iso
from .context import day_span


_CAL_NOUN = r"\b(?:calendar|calender|schedule|agenda|diary|appointments?|meetings?|events?|plans|engagements)\b"


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
        slots_dur = None
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
        r"do i have anything|have i got anything|what is next|what is coming up|where am i supposed to be|am i doing anything)\b", t)
    if not (free or about):
        return None
    if re.search(r"\bnext (?:meeting|appointment|event|thing)\b|\bwhat is next\b|\bcoming up\b|\bwhen is my next\b|\bwhat is my next\b", t) \
            and not re.search(r"\bnext (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", t):
        return "calendar.query", {"start": iso(c.now)}
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
