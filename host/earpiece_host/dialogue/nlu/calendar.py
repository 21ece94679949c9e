"""Rules for the calendar: what is on (a day, an instant, the next thing, a named event), adding,
moving and cancelling events."""

from __future__ import annotations

import re

from datetime import date, datetime, timedelta

from ..normalize import ENDEARMENTS
from ..normalize.words import SAME_TIME
from ..numbers import NUMBER_WORDS_RE
from ..timeparse import DURATION_RE, POD_HOURS, WEEKDAY_RE, blank, clock_of, clock_pattern, duration_of, find_duration, find_when, half_of_day_unsaid
from .asides import starts_a_reason
from .clock import holiday_asked
from .common import Ctx, Result, clean, iso, yes_doing
from .context import NO, YES, day_span


_CAL_NOUN = r"\b(?:calendar|calender|schedule|agenda|diary|appointments?|meetings?|events?|plans|engagements)\b"


_RANGE = re.compile(rf"\b(?:from|between) {clock_pattern('a_')} (?:to|till|until|while|and|-) {clock_pattern('b_')}(?! (?:minutes?|hours?)\b)")
"""Hours said as a range: "from nine till five"; "from eight while eight", as Yorkshire says "until"."""
_HALF_OF_DAY = re.compile(rf"\b(?P<t>{clock_pattern()})(?: o'clock)? (?:(?P<pm>at night|in the evening|in the afternoon)|in the morning)\b")
_DAY_THEN_RANGE = re.compile(rf"(?:(?<=day )|(?<=tomorrow )|(?<=today )|(?<=tonight ))"
                             rf"(?=(?:one|two|three|four|six|seven|eight|nine|eleven|twelve|[1-46-9]|1[1-9])\b)"
                             rf"{clock_pattern('a_')} (?:to|till|until|-) {clock_pattern('b_')}(?! (?:minutes?|hours?)\b)")
"""A range said straight after its day, "Saturday nine to eleven" (never "ten to eleven", ten minutes to)."""


_HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_HALF_PAST = re.compile(rf"\b(?P<q>half|quarter) past (?P<h>{'|'.join(_HOURS)}|\d{{1,2}})\b")


def _clock_hours(m: re.Match, name: str) -> tuple[float, str | None] | None:
    """ "2" -> (2, None), "10:30 am" -> (10.5, "am"), "four pm" -> (4, "pm")."""
    said = clock_of(m, name)
    return (said[0] + said[1] / 60, said[2]) if said is not None else None


def _time_range(rest: str) -> tuple[str, float] | None:
    """ "from 2 to 4": the text with the range said as its start ("at 2 pm") and the length in
    seconds. Read as "2 minutes to 4" it made a 2-hour meeting start at 3:58."""
    if re.search(r"\b(?:from|between)\b", rest):  # "from nine till half past ten": till 10:30
        rest = _HALF_PAST.sub(lambda h: f"{_HOURS.index(h.group('h')) + 1 if h.group('h') in _HOURS else h.group('h')}:"
                                         f"{'30' if h.group('q') == 'half' else '15'}", rest)
        rest = _HALF_OF_DAY.sub(lambda h: h.group("t") if h.group("ap") else f"{h.group('t')} {'pm' if h.group('pm') else 'am'}", rest)
        # "from eight at night until eight in the morning": 8 pm to 8 am
    m = _RANGE.search(rest) or _DAY_THEN_RANGE.search(rest)
    if m is None:
        return None
    a, b = _clock_hours(m, "a_"), _clock_hours(m, "b_")
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


def _length(said: str) -> int | None:
    """Seconds of an event's length said before its name ("half hour", "two hour", "hour"), or None."""
    said = re.sub(r"^half hour$", "half an hour", said)
    said = re.sub(r"^(hour|minute)$", r"an \1", said)
    said = re.sub(r"\b(hour|minute)$", r"\1s", said) if not said.startswith(("an ", "half an")) else said
    found = find_duration(said)
    return int(found[0]) if found else None


_A_MESSAGE = re.compile(r"^(?:now |and )?(?:write|e ?mail|text|message|reply|tell (?!me\b|us\b))")
"""A message being said, whose words may name a day or a move: "write to Deacon Brown and tell him the
elders meeting is moved to Thursday evening" is neither a calendar question nor a move."""


_DAY_WORDS = rf"(?:today|tonight|tomorrow|next|this|on|{WEEKDAY_RE})"


def rule_calendar_add(c: Ctx) -> Result:
    t = re.sub(rf"^(?:(?:and|oh and|also) )?(?:i|we) (?:have|have got|got) (?=(?:the|a|an|my|our) [a-z ]+? {_DAY_WORDS}\b.* (?:at|from) )", "put ", c.t)
    # "and I've got the accountant Thursday at two for an hour and a half", told while planning the week
    m = re.match(r"^(?:add|put|pop|stick|whack|bung|chuck|schedule|book|create|set up|make|enter|pencil in|pencil|arrange|organise|organize|plan|new|block out|block)"
                 r"(?P<in> in| me in| (?:me|us) down for| me)? (?P<rest>.+)$", t)
    if m is None:
        return None
    rest = re.sub(r"^(?:my |the )?(?:calendar|calender|diary) (?:for )?", "", m.group("rest"))  # "put in my calendar Monday eleven o'clock MOT"
    # "pop lunch with dad in for friday at one": the event, then "in" and when
    rest = re.sub(r"^(?P<x>.+?) in (?=(?:for |on |at )?(?:today|tonight|tomorrow|next|this|monday|tuesday|wednesday|thursday|friday|"
                  r"saturday|sunday|the \w+(?:st|nd|rd|th))\b)", r"\g<x> ", rest)
    rest = re.sub(r" (?:as well|too|also)\b", "", rest)  # "put parents evening in on the twelfth as well"
    asked = dict(c.state.last_slots).get("start") if c.state.last_intent == "calendar.query" else None
    if asked and re.search(r" there (?=at |for |from )", rest) and not re.search(rf"\b{_DAY_WORDS}\b", rest):
        day = datetime.fromisoformat(str(asked))
        rest = re.sub(r" there (?=at |for |from )", f" on {day.day} {day.strftime('%B').lower()} ", rest, count=1)
        # "okay, put lunch with my sister-in-law there at one", of the Sunday just asked about
    if asked and re.search(r" (?:on )?(?:that|the same) day\b", rest) and not re.search(rf"\b{_DAY_WORDS}\b", rest):
        day = datetime.fromisoformat(str(asked))  # "put a meeting with the engineer at two in the afternoon that day"
        rest = re.sub(r" (?:on )?(?:that|the same) day\b", f" on {day.day} {day.strftime('%B').lower()}", rest, count=1)
    rest = re.sub(r"^(?P<x>.+?) down (?=for\b)", r"\g<x> ", rest)  # "put the window cleaner down for then"
    rest = re.sub(rf"^(?P<x>.+?) in (?:for|at) (?=(?:{NUMBER_WORDS_RE}|\d{{1,2}}|half|quarter)\b)", r"\g<x> at ", rest)  # "physio in for two"
    rest = re.sub(r" then$", "", rest)  # "book physio in for two on Thursday then"
    address = re.search(rf"\b(?:{NUMBER_WORDS_RE}|\d+)(?: (?:{NUMBER_WORDS_RE}))? (?:[a-z]+ ){{1,2}}(?:lane|road|street|avenue|close|drive|"
                        rf"crescent|court|gardens|terrace|grove|mews|square|way)\b", rest)
    if address:  # "a viewing at twelve Oak Lane on Friday at eleven": a house, not twelve o'clock
        rest = rest.replace(address.group(0), "addressplace")
    named = re.search(r"\b(?:parents'?|open|quiz|date|games|movie|film|curry|pub|bingo|karaoke|poker|ladies|lads|girls|boys|fun|race|"
                      r"awards|presentation) (?:evening|night|morning|afternoon)\b", rest)
    if named:  # "put parents evening in the calendar": the event's name, not this evening
        rest = rest.replace(named.group(0), named.group(0).replace(" ", "namedpart"))
    has_cal = re.search(r"\b(?:calendar|calender|diary|agenda|schedule)\b", t) or re.match(
        r"^(?:an? |the )?(?:new )?(?:meeting|appointment|event|call|lunch|dinner|breakfast|coffee|session)\b", rest) or \
        re.search(r"\b(?:meeting|appointment|event|lunch|dinner|breakfast|session|party|interview|class|lesson|check ?up|follow ?up|"
                  r"viewing|valuation|inspection|consultation|fitting|survey)\b", rest) or \
        t.startswith(("schedule", "book", "pencil", "arrange")) or (
            c.state.last_intent == "calendar.query" and re.search(r" in(?: for)?(?: then| there)?$| then$", t)) or (  # "put the walkthrough in then"
            (c.state.last_intent or "").startswith("calendar.") and re.match(r"^(?:put|pop|stick) ", t) and not re.search(r"\blist\b", t))
    # "then put dentist there four pm Thursday", while planning the week
    if not has_cal and re.match(r"^(?:add|book|pencil|pop|put|stick|whack|bung|chuck)\b", t) and (t.startswith(("add", "book", "pencil")) or m.group("in") in (" in", " me in", " me down for", " us down for")
                                                                            or re.search(r" in (?:for |on |at )", m.group("rest"))
                                                                            or re.search(r"\b(?:today|tomorrow|monday|tuesday|wednesday|thursday|"
                                                                                         r"friday|saturday|sunday)(?: the [a-z]+(?: [a-z]+)?| next week| this week)? (?:at |[a-z0-9:]+(?: [a-z]+)? (?:[ap]m|at night|"
                                                                                         r"in the (?:morning|afternoon|evening))\b)",
                                                                                         m.group("rest"))):  # "put team retro Thursday four pm"
        # "put airport pickup for Mister James Friday at six in the morning": a day and a time
        when = find_when(rest, c.now)  # "add physio on Thursday at half two": a day and a clock time make it an event
        has_cal = when is not None and when.has_date and when.has_time and when.repeat is None
    if not has_cal and t.startswith(("add", "put", "pop", "stick")) and (spanned := _time_range(rest)) is not None:
        when = find_when(spanned[0], c.now)  # "add the VAT training on Wednesday the eleventh from two till five": a day and its hours
        has_cal = when is not None and when.has_date and when.has_time and when.repeat is None
    if not has_cal or re.search(r"\b(?:list|timer|reminder|alarm)\b|\b(?:a|my|the|that) note\b|\bnote (?:down|that|it)\b", t):  # "at the Blue Note" is a club
        return None
    lasting = re.search(rf"(?: {ENDEARMENTS})?,? (?:it will|it'll|it should|that will|that'll|it goes on|it lasts|it runs|goes on|goes|lasts|runs|"
                        rf"she will|she'll|he will|he'll|"
                        rf"they will|they'll|we will|we'll|it is|it takes|that is|that takes)"
                        rf"(?: on)? (?:be |take |last |run |go on |need )?(?:for |to )?(?:a good |a solid |at least )?"
                        rf"(?:about |around |roughly )?(?P<d>{DURATION_RE})$", rest)
    if lasting:  # "book in lunch with Priya on Thursday at one, it'll be about an hour and a half"
        rest = f"{rest[:lasting.start()]} for {lasting.group('d')}"
    rest = re.sub(r",? (?:it is|it's|it will be|that is) (?:at|in|with|round at|over at) [a-z' ]+?(?: this time| again)?$", "", rest)  # "it's at Hilary's this time"
    ranged = _time_range(rest)
    if ranged is not None:
        rest = ranged[0]
    w = find_when(rest, c.now, default_hour=9)
    if w is None and re.search(r"\b(?:in|on|to|into) (?:the|my) (?:calendar|calender|diary)$", rest):
        said = re.sub(r"(?:^(?:an? |the |my ))|(?: (?:in|on|to|into) (?:the|my) (?:calendar|calender|diary)$)", "", rest).replace("namedpart", " ")
        return ("calendar.add", {"summary": said.strip()}) if said.strip() else None  # "put parents evening in the calendar": when is asked
    if w is None:
        asked = _at_the_time_asked_about(rest, c)
        if asked is None and t.startswith(("add", "schedule", "set up", "create", "new")) and re.match(
                r"^(?:an? |the |my )?(?:new )?(?:meeting|appointment|event|call|session|interview|class|lesson|check ?up|viewing)\b", rest) \
                and not re.search(r" (?:to|on|onto) (?:the |my |our )?[a-z]+$", rest):
            return "calendar.add", {"summary": re.sub(r"^(?:an? |the |my )", "", rest).replace("namedpart", " ").strip()}
            # "add an appointment with the dentist": the OS asks when it is
        return asked
    end = max(b for _, b in w.spans)
    tail = rest[end:].strip()
    if tail and rest[:min(a for a, _ in w.spans)].strip() and starts_a_reason(tail):
        rest = rest[:end].strip()  # "book in the farrier for Tuesday at eight, the pony's lost a shoe"
        w = find_when(rest, c.now, default_hour=9)
    slots: dict = {}
    rest2 = blank(rest, w.spans)
    dm = re.search(rf"\b(?:for|lasting) (?P<d>{DURATION_RE})\b", rest2)
    if dm:
        slots_dur = int(duration_of(dm.group("d")))
        rest2 = (rest2[: dm.start()] + rest2[dm.end():]).strip()
    else:
        slots_dur = int(ranged[1]) if ranged is not None else None
    summary = re.sub(r"\b(?:to|on|in|into|onto) (?:(?:my|the) )?(?:calendar|calender|diary|agenda|schedule)\b", " ", rest2)
    summary = re.sub(r"^(?:an? |the )?(?:new )?(?:event|appointment|entry) (?:called|named|for|titled|about) ", "", summary.strip())
    summary = re.sub(r"^(?:a|an|the|my) ", "", summary.strip())
    long_as = re.match(r"^(?:an? )?(?P<d>(?:half|an|one|two|three|\d+|[a-z]+ (?:and a half|minute)) ?(?:hour|minute|min)s?|half an hour|"
                       r"[a-z]+ (?:hour|minute)s?|hour)(?: long)? (?P<s>.+)$", summary)
    length = _length(long_as.group("d")) if long_as and slots_dur is None else None
    if length is not None:
        slots_dur, summary = length, long_as.group("s")  # "a half hour call with the accountant", "an hour long meeting"
    summary = clean(re.sub(r"\s+", " ", summary))
    if address:
        summary = summary.replace("addressplace", address.group(0))
    summary = summary.replace("namedpart", " ")
    summary = re.sub(r"\b(?:on|for|at|from)$", "", summary).strip()
    if re.fullmatch(r"it|that|this|them|one|that one|it again", summary):
        return None  # "make it half past two" changes what was just set: no event called "it"
    slots["summary"] = summary
    at = w.at
    if w.has_time and at.hour < 12 and not re.search(r"\b(?:am|a m|morning|breakfast|brunch)\b", rest) and re.search(
            r"\b(?:dinner|supper|drinks|party|date night|theatre|cinema|gig|concert|pub quiz|quiz|darts|bingo|karaoke|poker|snooker|ceilidh|"
            r"disco|pub|curry|takeaway|fireworks|bonfire|five a side|5 a side)\b", summary):
        at += timedelta(hours=12)  # "dinner with Gran on Friday at seven" is in the evening
    slots["start"] = iso(at)
    if slots_dur:
        slots["duration_s"] = slots_dur
    return "calendar.add", slots


def _at_the_time_asked_about(rest: str, c: Ctx) -> Result:
    """ "Am I free at three tomorrow?" then "book in coffee with Jono then": the event, at the moment
    just asked about (a moment, not a day or a range), or None."""
    last = dict(c.state.last_slots)
    if c.state.last_intent != "calendar.query" or not last.get("start") or last.get("start") != last.get("end"):
        return None
    said = clean(re.sub(r"^(?:an? |the |my )|\s+in(?: for| there)?$", "", rest.replace("namedpart", " ")))
    if not said or re.match(r"^(?:it|that|this|one|something|that one|them)$", said):
        return None
    return "calendar.add", {"summary": said, "start": last["start"]}


def rule_calendar_query(c: Ctx) -> Result:
    t = c.t
    if re.search(r"\b(?:remind|reminder|note|noted|lists?|timer|e ?mails?|mail|inbox|heads? ?ups?)\b", t) or re.search(r"\bto do\b", t) \
            or _A_MESSAGE.match(t) or holiday_asked(t, c.now.date()) is not None:
        return None  # "when is Christmas" is asked of the year, not of the calendar
    if re.match(r"^(?:so |and )?(?:when (?:is|was|will) (?:it|that|that one)(?: be)?(?: on)?|what time is (?:it|that) at|what time is that|"
                r"at what time is (?:it|that)|"
                r"what day is (?:it|that)(?: on)?|when (?:is|are) (?:he|she|they) coming|when does (?:it|that|he|she) (?:start|begin))"
                r"(?: now| again| then)?$", t) \
            and (c.state.last_intent or "").startswith(("calendar.", "reminder.before_event")):
        return "calendar.query", {"last": True}
    q = re.match(r"^when (?:is|are|was) (?:my |the |our )?(?P<q>[a-z' ]+?)(?: (?:appointment|meeting|event|booking)s?)?"
                 r"(?: (?:coming|coming round|coming over|coming out|coming in|arriving|due|here|getting here|turning up|calling)"
                 r"(?: (?:for|to see|to look at|to do|about) (?:the |my |our |a )?[a-z]+(?: [a-z]+)?)?)?(?: again| now)?$", t) \
        or _SEEING.match(t) or re.match(r"^what time (?:is|was) (?:my|our) (?!(?:alarm|alarms|reminder|timer|train|bus|flight)\b)(?P<q>[a-z' ]+?)"
                                        r"(?: (?:appointment|meeting|booking))?(?: again| today| tonight| tomorrow)?$", t)  # "what time's my gig at the Spotted Cat"
    if q and not re.search(r"\b(?:birthday|anniversary|born)\b", t) and not re.fullmatch(r"it|that|this|it now|that now", q.group("q")):
        named = re.sub(r"^next ", "", q.group("q"))
        if not re.search(r"\bnext\b", t):
            return "calendar.query", {"query": _event_query(named) or named}
        if named != q.group("q") and _event_query(named):  # "when's my next dentist appointment": the next of those
            return "calendar.query", {"query": _event_query(named)}
    free = re.search(r"\b(?:am i|are we|will i be|will we be|is (?:my|our) (?:afternoon|morning|evening|day|weekend|week|diary|calendar)) "
                     r"(?:free|busy|available|booked|clear|open|doing anything)\b|"
                     r"\b(?:do (?:i|we) have|have (?:i|we) got) (?:time|anything|something)\b.*\bat\b", t)
    about = re.search(_CAL_NOUN, t) or re.search(
        r"\bwhat does (?:my|the) .+ look like\b|\bhow (?:does|is) (?:my|the|this|next) .+ look(?:ing)?\b|"
        r"\bwhat (?:does|do) (?:(?:this|next) (?:week|weekend|month)|tomorrow|today|tonight|(?:this |next )?(?:monday|tuesday|wednesday|thursday|"
        r"friday|saturday|sunday)(?: (?:morning|afternoon|evening))?) look(?:ing)? like\b|"  # "what does next week look like"
        r"\bwhat is (?:my|the) (?:day|week|weekend|morning|afternoon|evening|today|tomorrow)(?: [a-z]+)? look(?:ing)? like\b|"
        r"^(?:is there |have i got |do i have )?anything (?:on )?(?:today|tomorrow|tonight|this (?:morning|afternoon|evening|week|weekend)|"
        r"tomorrow (?:morning|afternoon|evening)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: next week)?)$", t) or re.search(
        r"\b(?:what (?:do (?:i|we) have|have (?:i|we) got)|what is happening|anything happening|what is on|what (?:am i|are we) (?:doing|up to)|"
        r"where do i have to be|(?:do (?:i|we) have|have (?:i|we) got) (?:anything|any plans|plans)|(?:have (?:i|we) got|do (?:i|we) have) (?:much|a lot|lots) on|"
        r"anything on (?:the|this|next) (?:week|weekend)|what is next|what is coming up|where am i supposed to be|(?:am i|are we) doing anything|"
        r"what else (?:do (?:i|we) have|have (?:i|we) got|is there|is on)|what is my next (?:thing|appointment|meeting|event)|what is the next thing (?:i have got|i have|on))\b", t)
    if not (free or about) or re.match(r"^(?:make|book|add|schedule|arrange|set up|create|put in|organise|organize)(?: me| us)? (?:an?|one|another|new|my)\b", t):
        return None  # "make me an appointment with the doctor" asks for one, never what is on today
    if re.search(r"\bnext (?:meeting|appointment|event|thing)\b|\bwhat is next\b|\bcoming up\b|\bwhen is my next\b|\bwhat is (?:my|the) next\b|"
                 r"^what (?:have i got|do i have|is on|have we got) next(?: (?:in|on) (?:the |my )?(?:calendar|diary|schedule|agenda))?$", t) \
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
            return "calendar.query", {**day_span(w.at), **({"free": True} if free else {})}  # "am I free on Thursday, or have I got uni"
        pod = re.search(r"\b(?:my|the) (?P<pod>morning|afternoon|evening)\b", t)
        if pod:
            at = c.now.replace(hour=POD_HOURS[pod.group("pod")], minute=0, second=0, microsecond=0)
            return "calendar.query", {"start": iso(at), "end": iso(at)}
        return "calendar.query", day_span(c.now)
    if w is not None:
        return "calendar.query", day_span(w.at)
    return "calendar.query", day_span(c.now)


# Every event of the calendar, however it is said: "my meetings", "each job in the diary",
# "anything on the calendar", "things start".
_EVERY_EVENT = (r"(?:(?:each|every|any) (?:calendar )?(?:event|meeting|appointment|job|thing|booking|visit)|everything|anything|each one|"
                r"(?:all )?(?:my )?stuff|"
                r"(?:my |all |all my |any |any of my |each of my |every one of my |all of my |each of the |all of the |the )?(?:calendar )?"
                r"(?:events|meetings|appointments|jobs|things|bookings|visits))"
                r"(?: (?:in|on) (?:my |the )?(?:calendar|diary|schedule))?"
                r"(?: (?:start|starts|begin|begins))?(?: from now on)?")


def rule_calendar_headsup(c: Ctx) -> Result:
    """ "warn me 15 minutes before my meetings", "no more heads-ups"."""
    t = c.t
    if re.match(r"^(?:(?:turn|switch) off|stop|no more|disable|cancel) (?:the |my |all )?(?:heads? ?ups?|warnings)(?: before (?:my )?(?:events|meetings|appointments))?$|"
                r"^(?:do not|please do not) (?:warn me|give me (?:a )?heads? ?ups?) before (?:my )?(?:events|meetings|appointments)$", t):
        return "calendar.headsup", {"minutes": 0}
    t = re.sub(r"\b(?:give|warn|tell|alert|ping|buzz) us\b", lambda w: w.group(0)[:-2] + "me", t)  # "give us a heads up": me
    t = re.sub(r"\b(an?) (?:wee|quick|little|short|small) (?=heads? ?ups?|warning|nudge|shout)", r"\1 ", t)
    m = re.match(rf"^(?:from now on |always )?(?:warn|tell|alert|remind|give|nudge|ping|buzz|shout at) (?:me )?(?:with )?"
                 rf"(?:an? )?(?:(?:heads? ?up|warning|nudge|shout|buzz|ping|reminder|call|quick reminder) )?(?P<d>{DURATION_RE}) "
                 rf"(?:before|ahead of|prior to) {_EVERY_EVENT}$", t) \
        or re.match(rf"^(?:set |put |change |make )?(?:the |my )?heads? ?ups? (?:to |at |for )?(?P<d>{DURATION_RE})(?: before(?: {_EVERY_EVENT})?)?$", t) \
        or re.match(rf"^(?:and )?(?:from now on )?(?:give me|i want|i would like|i need) (?:an? )?(?P<d>{DURATION_RE})(?:'s)? (?:heads? ?up|warning|notice|"
                    rf"nudge|shout|reminder) before {_EVERY_EVENT}$", t) \
        or re.match(rf"^(?:from now on )?(?:give me|i want|i would like|i need) an? (?:heads? ?up|warning|nudge|shout|reminder) (?P<d>{DURATION_RE}) "
                    rf"before {_EVERY_EVENT}$", t)
    if m:
        return "calendar.headsup", {"minutes": int(duration_of(m.group("d")) // 60)}
    return None


_PARTS = {"morning": (6, 12), "afternoon": (12, 17), "evening": (17, 22), "tonight": (17, 24), "night": (17, 24)}


def named_span(t: str, now: datetime) -> tuple[datetime, datetime, str] | None:
    """A range said in words: "this week", "next week", "the weekend", "next Tuesday morning",
    "Thursday afternoon", "this evening" -> (start, end, the words for the reply)."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    monday = midnight - timedelta(days=now.weekday())
    if re.search(r"\bthis week\b|\bthe rest of the week\b|\bthe week\b(?! after)", t):
        return midnight, monday + timedelta(days=7), "this week"
    if re.search(r"\bnext week\b", t) and not re.search(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", t):
        return monday + timedelta(days=7), monday + timedelta(days=14), "next week"  # not "Friday afternoon next week"
    m = re.search(r"\b(?P<next>next )?(?:this |the )?weekend\b", t)
    if m:
        saturday = monday + timedelta(days=5) + (timedelta(days=7) if m.group("next") else timedelta())
        return max(saturday, midnight), saturday + timedelta(days=2), "next weekend" if m.group("next") else "this weekend"
    part = re.search(r"\b(?:in the |this |tomorrow |on )?(?P<p>morning|afternoon|evening|tonight)\b", t)
    if part is None or re.search(r"\bat (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b|\d:\d|\d ?(?:am|pm)\b|"
                                 r"\bo'?clock\b", t):  # "three o'clock in the afternoon" is a time in it
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


# A reason said after the request: "..., she's off sick", "... nobody can make the slot", "... the traffic's awful"
_BECAUSE = re.compile(r",? (?:i am|i'm|im|because|since|cause|as i am|as i'm|we are|we're|she is|she's|he is|he's|they are|"
                      r"they're|it is|it's|nobody|no one|everyone|the traffic|could you|can you|please|"
                      r"(?<!whatever )(?<!what )(?<!anything )(?<!everything )(?:i|we|they) (?:have|will|can|cannot|do not|did|need|got)|"
                      r"i've|i'll|we've|they've|[a-z]+ (?:have|has|had|is|are|was|were|did|do|does) not|"
                      r"the [a-z]+(?:'s)? (?:has|have|is|are|wants|said|says|rung|phoned|called in|cancelled|canceled|scrapped)|"
                      r"the [a-z]+'s (?:been|got|gone|not|double|off|closed|shut|broken|busy|full|flooded|stuck|ill|sick|away|out))\b.*$")
"""A reason said after the request ("... I've completely lost my voice", "the boss has scrapped
the whole thing"): never part of the event's name or its new time."""
# Nouns of the other skills: "cancel the pasta timer" is never an event.
_OTHER_SKILLS = re.compile(r"\b(?:timers?|alarms?|reminders?|lists?|notes?|emails?|mail|messages?|letters?|drafts?|heads? ?ups?)\b")
_EVENT_NOUNS = (r"\b(?:appointments?|meetings?|events?|lunch|dinner|breakfast|coffee|call|session|party|interview|class|"
                r"lesson|check ?up|booking|date|drinks|standup|stand up|one (?:to|on) one|review|sync|catch ?up|practice|rehearsal|"
                r"follow ?up|viewing|valuation|inspection|consultation|fitting|survey)\b")
_ON_CALENDAR = r"(?: (?:from|off|on|in|out of) (?:my |the )?(?:calendar|calender|diary|agenda|schedule))"
_PRONOUN = re.compile(r"^(?:it|that|this|that one|this one|them|those|everything|all|all of them|the lot|him|her)$")  # "push him back", of the plumber


def _event_query(words: str) -> str:
    """The words naming an event, without articles and the nouns every event shares
    ("my dentist appointment" -> "dentist", "the 3 o'clock meeting" -> "")."""
    words = re.sub(r"^(?:whatever|what|anything|everything)(?: (?:i have|i've|we have) got| i have| is on| i am doing)?$", "",
                   words.strip())  # "drop whatever I've got at half two": named by its time alone
    words = re.sub(r"^(?:the|my|our|a|an|that|this)\b ?", "", words)
    words = re.sub(r"'s$", "", words)  # "book club's moved to Friday"
    words = re.sub(r"^(?:meeting|appointment|event|booking|call) (?:with|for|about|at) (?:the |my |our )?", "", words)
    words = re.sub(r"\b(?:appointment|event|booking|entry|thing|one|class|session)s?$", "", words).strip()
    words = re.sub(r" (?:of|on|for|at|from)$", "", words)  # "the site visit of the Tuesday": its day gone, the word before it too
    return "" if re.fullmatch(r"(?:meeting|appointment|event)s?|", words) else clean(words)


_NEXT_EVENT = re.compile(r"^(?:(?:the|my|our) )?next (?:meeting|appointment|event|booking|thing|one)$")
_AN_EVENT = re.compile(r"^(?:(?:the|my|our|this|that) )?(?:meeting|appointment|event|booking)$")
"""An event named by its noun alone ("cancel the meeting"): the one just talked about."""


def _an_event(words: str, c: Ctx) -> dict:
    """Slots for an event named by its noun alone: the one just talked about, unless that one is no meeting and "the meeting"
    was said ("add the thesis viva" then "the meeting, move it to ten thirty" is the departmental meeting)."""
    noun = re.sub(r"^(?:the|my|our|this|that) ", "", words.strip())
    last = dict(c.state.last_slots)
    talked_of = str(last.get("summary") or last.get("query") or "").lower().split()
    return {"query": noun} if noun == "meeting" and talked_of and noun not in talked_of else {}


def _which_event(words: str, now) -> dict | None:
    """Slots naming an event by its title words and, when said, its day and time; "my next
    meeting" is the next event coming up."""
    if _NEXT_EVENT.match(words.strip()):
        return {"next": True}
    w = find_when(words, now)
    slots: dict = {}
    if w is not None:
        said = " ".join(words[a:b] for a, b in w.spans)
        words = re.sub(r"(?:^| )'s\b", " ", blank(words, w.spans))  # "thursday's team meeting"
        if w.has_date:
            slots["date"] = w.at.date().isoformat()
        if w.has_time and not (re.search(r"\b(?:morning|afternoon|evening|tonight|night)\b", said)
                               and not re.search(rf"\d|\b(?:o'clock|noon|midnight|half|quarter|{NUMBER_WORDS_RE})\b", said)):
            slots["time"] = w.at.strftime("%H:%M")  # "tomorrow evening" is a part of the day, not 7 PM
    words = re.sub(r"\b(?:o'clock|oclock)\b", "", words)
    query = _event_query(re.sub(r"\s+", " ", words).strip())
    query = re.sub(r"\b(?:on|at|for|from|in|off)$", "", query).strip()
    if query and "time" not in slots and re.fullmatch(rf"(?:\d{{1,2}}|{NUMBER_WORDS_RE})(?: (?:\d\d|thirty|fifteen|forty five|o'clock))?", query):
        clock = find_when(f"at {query}", now)  # "delete the four thirty on monday": named by its time alone
        if clock is not None and clock.has_time:
            slots["time"] = clock.at.strftime("%H:%M")
            query = ""
    if re.match(r"(?:move|push|pull|bring|change|cancel|put|make|reschedule)\b|shift(?: (?:the|my|it|that|this|our)\b|$)", query) \
            and not re.match(r"(?:my|our|the|his|her|their) shift\b", words.strip()):
        return None  # "shift, move the dentist to Tuesday": the end of a reason, then the request ("the shift handover", "my shift" are events)
    if query:
        slots["query"] = query
    return slots or None


def rule_calendar_cancel(c: Ctx) -> Result:
    """ "cancel the dentist", "call off lunch with Tom on Friday", "delete my 3 o'clock meeting".
    Cancelling needs no calendar word; deleting or removing does, as lists and notes delete too."""
    t = c.t
    if _OTHER_SKILLS.search(t):
        return None
    off = re.match(r"^(?:the |my |our )?(?P<x>[a-z' ]+?) (?:is|has been|was|got) (?:off|cancelled|canceled|called off|not happening)\b", t)
    if off and not re.match(r"^(?:it|that|this|he|she|they|the alarm|the timer)$", off.group("x")) \
            and not re.search(r"\b(?:i|we|you|he|she|they|it|me|us)\b", off.group("x")):  # "..., I just got off a double" is no event
        which = _which_event(off.group("x"), c.now)  # "parents evening on Tuesday is off, can you take it out"
        if which and which.get("query"):
            return "calendar.cancel", which
    unneeded = re.match(r"^(?:i |we )?(?:do not|no longer|will not) need (?:my |the |our |that )?(?P<x>[a-z0-9' ]+?)"
                        r"(?: (?:any ?more|after all|now))+(?: so\b.*)?$", t)
    if unneeded and re.search(_EVENT_NOUNS, unneeded.group("x")):  # "I don't need my osteopath appointment on Tuesday any more"
        which = _which_event(unneeded.group("x"), c.now)
        if which and which.get("query"):
            return "calendar.cancel", which
    t = _BECAUSE.sub("", t)  # "bin tomorrow's standup, I'm off sick"
    m = re.match(rf"^(?:can you |could you |please |i need to |i want to |i have to |we need to |let us )?"
                 rf"(?P<v>cancel|call off|delete|remove|scrap|scratch|drop|clear|get rid of|take|knock|erase|strike|bin|ditch|axe)"
                 rf" (?P<x>.+?)(?: altogether| completely| entirely| for good| after all)?(?: please| for me)?$", t)
    if m is None or _PRONOUN.match(m.group("x")) or re.match(r"^(?:the lot|the whole lot|all of them|them all|both)(?: of them)?\b", m.group("x")):
        return None  # "cancel the lot of them": of what was just talked about, not an event called "lot"
    on_calendar = re.search(_ON_CALENDAR, t)
    if m.group("v") in ("take", "knock") and not on_calendar:  # "take the bins out" is no event
        return None
    # "delete my eleven o'clock": an event named by its time alone
    by_time = re.fullmatch(rf"(?:my|the) (?:\d{{1,2}}(?::\d\d)?|{NUMBER_WORDS_RE})(?: thirty| fifteen| forty five)? ?(?:o'clock|oclock|am|pm)?(?: (?:meeting|appointment|call|event|one))?", m.group("x"))
    when = find_when(m.group("x"), c.now)  # a day or a time said: an event, never a fact, an item or a note
    # an event's noun; "call" only as one ("my call with Tom"), never as a verb ("call the bank", "to call me")
    noun = re.search(_EVENT_NOUNS, re.sub(r"\b(?:(?:my|the|our|a|that|this) )?call\b",
                                          lambda w: w.group(0) if " " in w.group(0) else "", m.group("x")))
    last = dict(c.state.last_slots)
    just_said = (c.state.last_intent or "").startswith("calendar.") and set(_event_query(m.group("x")).split()) & set(
        str(last.get("summary") or last.get("query") or "").lower().split())  # "get rid of the Flynn rewire" after it was added
    if m.group("v") not in ("cancel", "call off") and not on_calendar and not just_said:
        if (c.state.last_intent or "").startswith("list."):
            return None  # "remove call the bank" after the to-do list is an item
        if not (by_time or when is not None or noun):
            return None  # an event's noun, its day or its time
    if not (on_calendar or by_time or when is not None or noun) and (
            len(m.group("x").split()) > 5 or re.search(r"\b(?:remind\w*|me|that|it|this|what|to)\b", m.group("x"))):
        return None  # "cancel might remind that to call me" is a misheard reminder, not an event's name
    timer = re.sub(r"^(?:the|my|that) | (?:one|timer)$", "", m.group("x"))
    if timer in c.state.timers and not on_calendar and when is None:
        return "timer.cancel", {"name": timer}  # "cancel the rice one" while the rice cooks: its timer, whatever was said before
    slots = _which_event(re.sub(_ON_CALENDAR + r"|^(?:off|out) ", " ", m.group("x")), c.now)
    if not slots and _AN_EVENT.match(m.group("x")):
        return "calendar.cancel", _an_event(m.group("x"), c)  # "cancel the meeting": the one just talked about, else the OS asks which
    return ("calendar.cancel", slots) if slots else None


_MOVE_EVENT = re.compile(
    rf"^(?:can you |could you |please |i need to |i want to |let us |we need to |can we |could we |shall we )?"
    rf"(?P<v>move|reschedule|push|shove|shift|shunt|bring|postpone|put off|delay|change|rearrange|switch|make|do|have|bump|slide|put)"
    rf" (?P<x>(?:.+? )?(?:one to one|1 to 1|follow up|catch up|check up)(?: .+?)??|.+?)(?P<dir> back| forward| later| earlier| up)?"  # "my one to one with Karen"
    rf"(?: (?:over |back )?(?:to|till|until|for|by) (?P<w>.+?)| (?P<d>{DURATION_RE})(?P<dir2> later| earlier| back| forward)?"
    rf"| (?P<at>(?:at|on) .+?) instead)?(?: please| instead)?$")


# The event first, what happens to it after: "the piano lesson needs to be an hour earlier", "can the vet
# go half an hour later", "parents evening has been changed to Tuesday at six".
_TOLD_FIRST = re.compile(
    r"^(?:and )?(?:the |my |our )?(?P<x>[a-z0-9' ]+?),? (?:(?:can|could|shall) (?:we|you) (?:please )?)?(?:make|move|change|push|put|switch|shift) "
    r"(?:that|it|that one|it one)(?: to| till| until)? (?P<w>.+?)(?: instead)?(?: please)?$")
_EVENT_MOVED = re.compile(
    r"^(?:(?:can|could|shall) (?:we )?)?(?:the |my |our )?(?P<x>[a-z' ]+?) (?:needs to be|has to be|should be|will be|"
    r"is going to be|can go|could go|go|be|has been (?:moved|changed|pushed|put back|brought forward)|has moved|is moving|"
    r"is now|moved|needs to go|has to go|should go|will have to go|(?P<s>start|begin|kick off))(?P<dir> back| forward)?"
    r"(?: (?:to|till|until) (?P<w>.+?)| (?(s)at) (?P<at>.+?)| (?P<d>.+? (?:later|earlier)))(?: instead)?$")


def rule_calendar_move(c: Ctx) -> Result:
    """ "move the dentist to Thursday", "push my standup back an hour", "reschedule lunch with Amy to 1 pm"."""
    moved = _calendar_move(c)
    if moved is None or moved[0] != "calendar.move":
        return moved
    slots = dict(moved[1])
    if slots.get("date") and slots.get("start") and slots.get("keep") == "time":
        # "move the barber from Tuesday to Thursday": the Thursday nearest that Tuesday (that week's), never one before today
        start, was = datetime.fromisoformat(slots["start"]), date.fromisoformat(slots["date"])
        ahead = (start.weekday() - was.weekday()) % 7
        days = ahead if ahead <= 3 or was - timedelta(days=7 - ahead) < c.now.date() else ahead - 7
        slots["start"] = iso(start.replace(year=was.year, month=was.month, day=was.day) + timedelta(days=days))
    return "calendar.move", slots


def _calendar_move(c: Ctx) -> Result:
    t = _BECAUSE.sub("", c.t)
    t = re.sub(rf"^(?P<v>push|put|move|shift) (?P<d>back|forward|on) (?P<x>(?:my|the|our|this|that) [a-z' ]+?) (?=by |an? |half |(?:{NUMBER_WORDS_RE}) )",
               r"\g<v> \g<x> \g<d> ", t)  # "push back my next meeting by half an hour": the meeting pushed back
    if _OTHER_SKILLS.search(t) or _A_MESSAGE.match(t):
        return None
    said = _EVENT_MOVED.match(t)
    if said and not re.match(r"^(?:it|that|this|i|we|you|he|she|they)$", said.group("x")) \
            and not re.search(r"\b(?:push|move|make|change|shift|bring|put|can|could|we|you|i)\b", said.group("x")):
        which = _which_event(said.group("x"), c.now)
        if which:
            return _moved_by(said, t, c.now, which)
    now_at = re.match(r"^(?:no )?(?:it is|it will be|it starts|it begins|it is starting|it has to be|it needs to be|it should be|it must be|it has (?:been )?(?:moved|changed) to|it is (?:been )?(?:moved|changed) to|"
                      r"(?:they|she|he|someone)(?: have| has|'ve|'s)? (?:moved|changed|put|pushed|switched|shifted) (?:it|that) (?:to|till)|"
                      r"(?:they|she|he)(?: have| has)? (?:want|wants|wanted|need|needs|asked for|can do|can only do|can see|can fit) (?:me|us|it)?)"
                      r"(?: now)?(?: at| on| to)? (?P<w>.+?)(?: now| instead)?(?:,? not (?:at )?[a-z0-9: ]+)?$", c.t)  # before the reason is cut: "they've moved it"
    if now_at and (c.state.last_intent or "").startswith("calendar.") and c.state.last_intent != "calendar.cancel":
        moved = _moved_by(now_at, t, c.now, {})  # "it's at three now", of the event just talked about
        if moved is not None:
            return moved
    wants = re.match(r"^(?:so )?(?:the |my |our )?(?P<x>[a-z]+(?: [a-z]+)?) (?:wants|needs|has asked for|asked for|can (?:only )?(?:do|see|fit)) "
                     r"(?:me|us) (?:in )?(?:on |at )?(?P<w>.+?)(?: instead)?(?: so)? (?:can you |could you |please )?(?:change|move|update|rebook|"
                     r"sort|amend) (?:the|my|our) (?:booking|appointment|time|slot)$", c.t)
    if wants and not _PRONOUN.match(wants.group("x")):  # "the osteopath wants me in Thursday at eleven instead, can you change the booking"
        moved = _moved_by(wants, t, c.now, {"query": wants.group("x")})
        if moved is not None:
            return moved
    m = _TOLD_FIRST.match(t)
    if m and not re.search(r"\b(?:can|could|shall) (?:we|you)\b", t) and not re.match(r"(?:and )?(?:the|my|our) ", t):
        m = None  # "and the dentist on Tuesday, shift that to Friday" names the event; "ah no, he can't do Thursday, move it ..." does not
    if m and not _PRONOUN.match(m.group("x")) and not re.match(r"(?:i|we|you|he|she|they|it|do|does|did|can|cannot|will|would)\b", m.group("x")):
        # "parents evening on Monday, can we make that Tuesday at 6:30 instead" ("she can't do Friday, ..." is a reason)
        which = _which_event(m.group("x"), c.now)  # an event: said with its day or time, or by an event's noun
        named = which and which.get("query") and (set(which) - {"query"} or re.search(_EVENT_NOUNS, m.group("x")))
        moved = _moved_by(m, t, c.now, which) if named else None
        if moved is not None:
            return moved
    made = re.match(r"^(?:(?:sorry|no|actually|wait|oh)\b,? )*(?:make|have) (?:the |my |our )?(?P<x>[a-z]+(?: [a-z]+)??) (?:at |for )?"
                    r"(?P<w>(?:[a-z]+ )?(?:[a-z]+ )?(?:o'clock|am|pm)|(?:half|quarter) (?:past |to )?[a-z]+)(?:,? not (?:at )?[a-z0-9' ]+)?$", t)
    talked_of = " ".join(str(dict(c.state.last_slots).get(k) or "") for k in ("summary", "query", "event")).lower().split()
    if made and (c.state.last_intent or "").startswith(("calendar.", "reminder.before_event")) and (made.group("x").split()[-1] in talked_of
                                                                       or re.search(_EVENT_NOUNS, made.group("x"))):
        moved = _moved_by(made, t, c.now, {"query": made.group("x")})  # "sorry, make the briefing ten o'clock, not nine"
        if moved is not None:
            return moved
    m = _MOVE_EVENT.match(t)
    if m is None or not (m.group("w") or m.group("d") or m.group("at")):
        return None
    if m.group("v") == "put" and not (m.group("dir2") or m.group("dir")):
        return None  # "put the meeting an hour later" moves it; "put the dentist in for Friday" adds one
    if m.group("v") in ("make", "do", "have") and not (m.group("at") or m.group("dir2") or m.group("dir")):
        return None  # "make it 2" is a correction; "have lunch at 1" is no move without "instead" or "later"
    if _PRONOUN.match(m.group("x")):  # "move it to 5", "push it back an hour": the event just talked about
        if not (c.state.last_intent or "").startswith("calendar.") and c.state.last_intent != "reminder.before_event":
            return None
        return _moved_by(m, t, c.now, {})
    if m.group("v") in ("change", "switch", "bring", "shift", "make", "do", "have", "put") and not (
            re.search(_EVENT_NOUNS, m.group("x")) or re.search(_ON_CALENDAR, t)
            or (m.group("w") and m.group("v") in ("shift", "switch", "bring") and find_when(m.group("w"), c.now))
            or (m.group("v") in ("shift", "bring") and (m.group("dir") or m.group("dir2")))):  # "bring the dentist forward an hour"
        return None
    which = _which_event(re.sub(_ON_CALENDAR, "", m.group("x")), c.now) or {}
    if not which and _AN_EVENT.match(m.group("x")):
        return _moved_by(m, t, c.now, _an_event(m.group("x"), c))
    return _moved_by(m, t, c.now, which) if which else None


def _moved_by(m: re.Match, t: str, now, which: dict) -> Result:
    """calendar.move slots for the new time said in `m`: a shift ("back an hour") or a moment."""
    groups = m.groupdict()
    said = groups.get("w") or groups.get("d") or groups.get("at")
    said = re.sub(rf" {SAME_TIME}$", "", said)  # "to tuesday same time": its time kept
    direction = (groups.get("dir") or groups.get("dir2") or "").strip()
    d = find_duration(said)
    if d is not None and not blank(said, [d[1]]).replace("later", "").replace("earlier", "").strip() and \
            (groups.get("d") or groups.get("dir") or re.search(r"\bby\b", t)):
        sign = -1 if direction in ("forward", "earlier", "up") or said.endswith("earlier") else 1
        return "calendar.move", {**which, "shift_s": sign * int(d[0])}
    if find_when(said, now) is None:
        said = f"at {said}"  # "to 5"
    w = find_when(said, now)
    if w is None or blank(said, w.spans).replace("at", "").strip(" ,"):
        return None
    keep = {} if w.has_date and w.has_time else {"keep": "day" if w.has_time else "time"}
    if keep.get("keep") == "day" and half_of_day_unsaid(said):
        keep["nearest"] = True  # "move the tour to eight": 8 AM for a tour at 7 AM
    return "calendar.move", {**which, "start": iso(w.at), **keep}


_SEEING = re.compile(r"^when (?:am i|are we|will i be|do i|do we|shall i|will i) (?:seeing|meeting|see|meet|having|have|going to see|going to meet|catching up with|visiting|at|at the) (?P<q>[a-z' ]+?)(?: next| again)?$")


def rule_calendar_confirm(c: Ctx) -> Result:
    """The answer to "Shall I cancel Dentist on Friday at 2 PM?": only this turn can confirm it."""
    last_slots = dict(c.state.last_slots)
    if c.state.last_intent != "calendar.cancel" or last_slots.get("confirmed"):
        return None
    if YES.match(c.t) or yes_doing(c.t, r"cancel|delete|remove|scrap|bin|get rid of|take off|drop"):
        return "calendar.cancel", {**last_slots, "confirmed": True}
    if YES.match(re.sub(r"\b(?:that is (?:the (?:one|event)|it)|that one)\b ?", "", c.t).strip()) and \
            re.search(r"\b(?:that is (?:the (?:one|event)|it)|that one)\b", c.t):
        return "calendar.cancel", {**last_slots, "confirmed": True}  # "yep, that's the one, go ahead"
    other = re.match(r"^(?:(?:no|nope|not that one|sorry|wait)\b,? )*(?:(?:the )?other (?:one|event),? )?(?:the (?:one|event) )?(?:on|for|at) (?P<w>.+)$|"
                     r"^(?:(?:no|nope|sorry)\b,? )*(?:the )?(?P<w2>[a-z]+(?: [a-z]+)?) (?:one|event)$", c.t)
    said = other and (other.group("w") or other.group("w2"))
    w = find_when(said, c.now) if said and re.search(r"\b(?:no|nope|other|one|event)\b", c.t) else None
    if w is not None and not blank(said, w.spans).strip():  # "no, the other one, the one on Friday": that one instead
        which = {"date": w.at.date().isoformat()} if w.has_date else {}
        if w.has_time:
            which["time"] = f"{w.at.hour:02d}:{w.at.minute:02d}"
        return "calendar.cancel", {**{k: v for k, v in last_slots.items() if k == "query"}, **which}
    if NO.match(c.t):
        return "conversation.cancel", {}
    return None
