"""Durations, dates and times in spoken English, resolved against a given "now".

Pure functions over normalised text (lower case, no punctuation): the NLU finds the spans, the
skills get absolute, timezone-aware datetimes. "now" is always passed in so that tests and the
phrasing benchmark are reproducible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .numbers import NUMBER_RE, NUMBER_WORDS_RE, ORDINAL_RE, QUANTITY_RE, parse_number, parse_ordinal

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_RE = "|".join(WEEKDAYS)
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_UNIT_SECONDS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600,
                 "day": 86400, "week": 604800}
UNIT_RE = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)"
_FRACTIONS = {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75}
_PART_RE = (
    rf"(?P<q>{QUANTITY_RE}|a)(?: and (?P<f1>a half|a quarter|three quarters))?[ -]?(?P<u>{UNIT_RE})"
    rf"(?: and (?P<f2>a half|a quarter))?"
)
_HALF_RE = (
    r"(?P<half>half an? hour|half hour|half a minute|half a day|three quarters of an hour"
    r"|(?:a )?quarter (?:of )?an? hour|(?:a )?quarter hour)"
)
_HALF_SECONDS = {"half an hour": 1800, "half a hour": 1800, "half hour": 1800, "half a minute": 30,
                 "half a day": 43200, "three quarters of an hour": 2700}
_ONE_PART = rf"(?:{_PART_RE}|{_HALF_RE})"
_ONE_PART_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", _ONE_PART)
DURATION_RE = rf"\b{_ONE_PART_PLAIN}(?:(?:,? and |, | ){_ONE_PART_PLAIN})*\b"
_PART_CRE = re.compile(rf"\b{_ONE_PART}\b")
_DURATION_CRE = re.compile(DURATION_RE)

POD_HOURS = {"morning": 9, "afternoon": 15, "evening": 19, "night": 20, "tonight": 20}
_AMPM_RE = r"(?P<ampm>a\.?m\.?|p\.?m\.?|a m|p m|in (?:the )?morning|in (?:the )?afternoon|in (?:the )?evening|at night|o'?clock(?: in (?:the )?(?:morning|afternoon|evening)| at night)?)"


@dataclass(frozen=True)
class When:
    """A moment found in an utterance, plus the character spans it was said in."""

    at: datetime
    has_date: bool
    has_time: bool
    repeat: str | None
    spans: tuple[tuple[int, int], ...]


def duration_of(phrase: str) -> float:
    """Seconds in a duration phrase already matched by DURATION_RE."""
    total = 0.0
    for m in _PART_CRE.finditer(phrase):
        if m.group("half"):
            h = m.group("half")
            total += _HALF_SECONDS.get(h, 900)
            continue
        q = parse_number(m.group("q")) or 1.0
        unit = m.group("u").rstrip("s")
        seconds = _UNIT_SECONDS[unit]
        frac = _FRACTIONS.get(m.group("f1") or m.group("f2") or "", 0.0)
        total += (q + frac) * seconds
    return total


def find_duration(text: str) -> tuple[float, tuple[int, int]] | None:
    """The first duration in the text and its span, or None."""
    for m in _DURATION_CRE.finditer(text.lower()):
        seconds = duration_of(m.group(0))
        if seconds > 0:
            return seconds, m.span()
    return None


def blank(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """The text with the spans blanked out and the spaces squeezed."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def _hour_minute(h_text: str, m_text: str | None) -> tuple[int, int] | None:
    h = parse_number(h_text)
    if h is None or h != int(h) or not 0 <= h <= 24:
        return None
    minute = 0
    if m_text:
        mt = m_text.replace("oh ", "").strip()
        if mt in ("hundred", "o'clock", "oclock"):
            minute = 0
        else:
            v = parse_number(mt)
            if v is None or v != int(v) or not 0 <= v < 60:
                return None
            minute = int(v)
    return int(h) % 24, minute


# A day of the month said with "the": "the 12th", "the twelfth", "the twenty first".
DAY_OF_MONTH_RE = (r"\d{1,2}(?:st|nd|rd|th)|(?:twenty |thirty )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                 r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")


def _weekday_the(today: date, weekday: int, d: int, month: int | None) -> date | None:
    """ "Friday the 21st": the next 21st (of the month said) that falls on a Friday, within a year;
    else the next 21st, as though the day's name was not said."""
    first = _month_day(today, month, d)
    at = first
    for _ in range(12):
        if at is None or at.weekday() == weekday:
            return at or first
        at = _month_day(at + timedelta(days=1), month, d)
    return first


def clock_pattern(name: str = "") -> str:
    """A clock time as said ("6:30", "6 30", "four pm", "10:30 am"), its parts in the groups `name`h,
    `name`m and `name`ap (a name apiece lets one pattern hold two times: "from 2 to 4")."""
    return (rf"(?P<{name}h>\d{{1,2}}|{NUMBER_WORDS_RE})(?:[: ](?P<{name}m>\d\d|fifteen|thirty|forty five|forty|twenty|ten|fifty|oh five))?"
            rf"(?: ?(?P<{name}ap>am|pm|a m|p m))?")


def clock_of(m: re.Match, name: str = "") -> tuple[int, int, str | None] | None:
    """The hour as said (0-23), the minute and "am" / "pm" (or None) of a `clock_pattern` match."""
    hm = _hour_minute(m.group(f"{name}h"), m.group(f"{name}m"))
    if hm is None:
        return None
    marker = m.group(f"{name}ap")
    return hm[0], hm[1], marker.replace(" ", "") if marker else None


class _Scan:
    """Accumulates what has been recognised while the spans are blanked one pattern at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.work = text
        self.spans: list[tuple[int, int]] = []

    def take(self, pattern: str) -> re.Match[str] | None:
        m = re.search(pattern, self.work)
        if m is None:
            return None
        self.spans.append(m.span())
        self.work = self.work[: m.start()] + " " * (m.end() - m.start()) + self.work[m.end():]
        return m


def _months_on(today: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter (31 January -> 28 February)."""
    year, month = divmod(today.month - 1 + months, 12)
    year, month = today.year + year, month + 1
    for day in range(today.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(today.day, 28))


def _next_weekday(today: date, weekday: int, *, allow_today: bool) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not allow_today:
        ahead = 7
    return today + timedelta(days=ahead)


def _bare_hour_before_a_day(m: re.Match, text: str) -> bool:
    """An hour said alone just before the day or part of it ("six this evening", "five thirty tomorrow
    evening"), or right after one ("tomorrow evening five thirty", "Saturday morning eight" at the
    end of what was said): a clock time."""
    if (parse_number(m.group("h")) or 0) not in range(1, 13):
        return False
    after = text[m.end():]
    if re.match(rf"\s+(?:tonight|this (?:morning|afternoon|evening)|tomorrow|in the (?:morning|afternoon|evening)|(?:on )?{WEEKDAY_RE}|"
                r"(?:every|each) (?:morning|day|evening|night|weekday))\b", after):
        return True
    return re.search(rf"\b(?:tonight|tomorrow|today|morning|afternoon|evening|{WEEKDAY_RE})$", text[:m.start()].rstrip()) is not None \
        and (m.group("m") is not None or not after.strip())


def find_when(text: str, now: datetime, *, default_hour: int = 9) -> When | None:
    """The moment said in the text (relative, absolute or recurring), or None if there is none."""
    text = text.lower()
    scan = _Scan(text)
    today = now.date()
    day: date | None = None
    pod: str | None = None
    repeat: str | None = None
    relative_s: float | None = None

    m = scan.take(rf"\b(?:in|within|after) (?P<d>{DURATION_RE})(?: from now| time)?\b")
    if m is None:
        m = scan.take(rf"\b(?P<d>{DURATION_RE}) (?:from now|later)\b")
    if m is not None:
        relative_s = duration_of(m.group("d"))

    m = scan.take(rf"\b(?:every|each) (?P<wd>{WEEKDAY_RE})(?: (?P<pod>morning|afternoon|evening|night))?\b|\b(?:on )?(?P<wd2>{WEEKDAY_RE})s\b")
    if m is not None:
        repeat = "weekly:" + (m.group("wd") or m.group("wd2"))[:3]
        pod = m.group("pod") or pod
    elif (m := scan.take(r"\b(?:every|each|on) (?:week ?day|work ?day|working day)s?\b|\bweekdays\b|"
                         r"\bmonday (?:to|through|till|until) friday\b|\b(?:every|each) day of the (?:work|working) week\b|"
                         r"\b(?:in|during|on|over) the (?:work|working) week\b")) is not None:
        repeat = "weekdays"
    elif scan.take(r"\b(?:every|each) weekend\b|\b(?:on|at|over|every|each) weekends\b") is not None:
        repeat = "weekends"
    elif (m := scan.take(r"\b(?:every|each) (?:single )?(?P<pod>day|morning|afternoon|evening|night)\b|\bdaily\b")) is not None:
        repeat = "daily"
        if m.group("pod") and m.group("pod") != "day":
            pod = m.group("pod")
    elif scan.take(r"\bevery week\b|\bweekly\b") is not None:
        repeat = "weekly:" + WEEKDAYS[today.weekday()][:3]

    if scan.take(r"\b(?:the )?day after tomorrow\b"):
        day = today + timedelta(days=2)
    elif (m := scan.take(r"\b(?:tomorrow|tomorow|tmrw)(?: (?P<pod>morning|afternoon|evening|night))?\b")) is not None:
        day = today + timedelta(days=1)
        pod = m.group("pod") or pod
    elif scan.take(r"\byesterday\b"):
        day = today - timedelta(days=1)
    elif (m := scan.take(rf"\b(?:on )?(?P<wd>{WEEKDAY_RE}) (?:the (?P<d>{DAY_OF_MONTH_RE})(?: of (?P<mon>{MONTH_RE}))?|"
                         rf"(?P<d2>{DAY_OF_MONTH_RE}) (?:of )?(?P<mon2>{MONTH_RE}))\b")) is not None:
        d = parse_ordinal(m.group("d") or m.group("d2"))  # "Thursday the twelfth": the next twelfth that is a Thursday
        mon = m.group("mon") or m.group("mon2")  # "Saturday twenty first March", as the date is often said
        day = _weekday_the(today, WEEKDAYS.index(m.group("wd")), d, _MONTHS[mon] if mon else None) if d is not None else None
    elif (m := scan.take(
        rf"\b(?:on )?(?P<aweek>a week (?:on |from |come )?)?(?:the )?(?:(?P<mod>this coming|this|next|coming|the coming) )?(?P<wd>{WEEKDAY_RE})"
        r"(?P<wk> week| after next| fortnight)?(?: (?P<pod>morning|afternoon|evening|night))?(?P<nw> next week)?\b")) is not None:
        wd = WEEKDAYS.index(m.group("wd"))
        day = _next_weekday(today, wd, allow_today=m.group("mod") in ("this",))
        if m.group("nw"):  # "Friday afternoon next week": that day of next week
            day = today + timedelta(days=7 - today.weekday() + wd)
        if m.group("wk") or m.group("aweek"):  # British "Saturday week", "a week on Saturday", "the Saturday after next"
            day += timedelta(days=14 if m.group("wk") == " fortnight" else 7)
        pod = m.group("pod") or pod
        if repeat and repeat.startswith("weekly"):
            repeat = "weekly:" + m.group("wd")[:3]
    elif (m := scan.take(
        rf"\b(?:on )?(?:the )?(?P<d>{ORDINAL_RE}) (?:of )?(?P<mon>{MONTH_RE})\b"
        rf"|\b(?:on )?(?P<mon2>{MONTH_RE}) (?:the )?(?P<d2>{ORDINAL_RE})\b")) is not None:
        d = parse_ordinal(m.group("d") or m.group("d2"))
        mon = _MONTHS[m.group("mon") or m.group("mon2")]
        if d is not None:
            day = _month_day(today, mon, d)
    elif (m := scan.take(r"\b(?:on )?(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b")) is not None:
        try:
            day = date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
        except ValueError:
            day = None
    elif (m := scan.take(
        rf"\b(?:on )?the (?P<d>{DAY_OF_MONTH_RE})\b(?! (?:email|message|one|note|timer|reminder|item))")) is not None:
        d = parse_ordinal(m.group("d"))
        if d is not None:
            day = _month_day(today, None, d)
    elif scan.take(r"\bnext week\b"):
        day = _next_weekday(today, 0, allow_today=False)
    elif (m := scan.take(r"\b(?:next month|in (?P<n>a|one|two|three|six|\d{1,2}) months?(?: time)?)\b")) is not None:
        day = _months_on(today, {"a": 1, "one": 1, "two": 2, "three": 3, "six": 6}.get(m.group("n") or "a")
                         or int(m.group("n")))
    elif scan.take(r"\b(?:next year|in a year(?: time)?)\b"):
        day = _months_on(today, 12)
    elif scan.take(r"\b(?:at |by )?the end of (?:the|this) month\b"):
        day = _months_on(today.replace(day=1), 1) - timedelta(days=1)
    elif scan.take(r"\b(?:at |by )?the end of (?:the|this) week\b"):
        day = _next_weekday(today, 4, allow_today=True)
    elif scan.take(r"\b(?:this|the|at the|on the|over the) weekend\b"):
        day = _next_weekday(today, 5, allow_today=True)
    elif scan.take(r"\btoday\b"):
        day = today

    if (m := scan.take(r"\btonight\b|\b(?:later )?this (?P<pod>morning|afternoon|evening)\b")) is not None:
        pod = m.group("pod") or "tonight"
        day = day or today
    elif (m := scan.take(r"\b(?:in the|at) (?P<pod>morning|afternoon|evening|night)\b(?! at)")) is not None and not re.search(
            rf"\b(?:at |by )?{NUMBER_RE}(?: o'?clock)?\s*$", scan.work[: m.start()]):
        pod = m.group("pod")
    elif m is not None:
        # "at 7 in the morning": give the span back to the time pattern.
        scan.spans.pop()
        scan.work = scan.work[: m.start()] + text[m.start(): m.end()] + scan.work[m.end():]

    hm: tuple[int, int] | None = None
    ampm: str | None = None
    if (m := scan.take(r"\b(?:at |by |around |about |for )?(?P<w>noon|midday|midnight|lunchtime|lunch time)\b")) is not None:
        hm = (0, 0) if m.group("w") == "midnight" else (12, 0)
        ampm = "fixed"
    elif (m := scan.take(
        rf"\b(?!(?:one|1) to (?:one|1)\b)(?:at |by |around |about |for )?"
        r"(?!(?:one|two|three|four|six|seven|eight|nine|eleven|twelve|[1-46-9]|1[1-9]|2[1-46-9]) (?:to|till) )"  # "nine to eleven": from, to
        rf"(?P<a>half|(?:a )?quarter|{NUMBER_RE})(?: minutes?)? "
        rf"(?P<rel>past|after|to|till|before) "  # "my one to one with Gareth" is a meeting, not 12:59
        rf"(?P<h>{NUMBER_RE})(?: {_AMPM_RE})?\b")) is not None:
        h = parse_number(m.group("h"))
        a = m.group("a").replace("a ", "")
        mins = 30 if a == "half" else 15 if a == "quarter" else parse_number(a)
        if h is not None and mins is not None and 0 < h <= 24 and 0 <= mins < 60:
            if m.group("rel") in ("past", "after"):
                hm = (int(h) % 24, int(mins))
            else:
                hm = ((int(h) - 1) % 24, 60 - int(mins)) if mins else (int(h) % 24, 0)
            ampm = m.group("ampm")
    elif (m := scan.take(rf"\b(?:at |by |around |about |for )?(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?: ?{_AMPM_RE})?\b")) is not None:
        hm = _hour_minute(m.group("h"), m.group("m"))
        ampm = m.group("ampm")
    else:
        time_re = (rf"\b(?P<at>at |by |around |about |for |from )?(?P<h>{NUMBER_RE})"
                   rf"(?: (?P<m>(?:oh )?{NUMBER_RE}|hundred))?(?: ?{_AMPM_RE})?\b")
        for m in re.finditer(time_re, scan.work):
            if not (m.group("at") or m.group("ampm") or _bare_hour_before_a_day(m, text)):  # "six this evening", "seven tonight"
                continue
            if m.group("at") in ("for ", "from ") and not m.group("ampm") and not _bare_hour_before_a_day(m, text):
                continue  # "for six" is how many or how long; "a reminder for six tonight" is a time
            found = _hour_minute(m.group("h"), m.group("m"))
            if found is None and m.group("m"):
                found = _hour_minute(m.group("h"), None)
                if found is not None:
                    end = m.start("m") - 1
                    scan.spans.append((m.start(), end))
                    scan.work = scan.work[: m.start()] + " " * (end - m.start()) + scan.work[end:]
                    hm = found
                    break
            if found is not None:
                hm, ampm = found, m.group("ampm")
                scan.spans.append(m.span())
                scan.work = scan.work[: m.start()] + " " * (m.end() - m.start()) + scan.work[m.end():]
                break

    if relative_s is None and repeat is None and day is None and hm is None and pod is None:
        return None

    tz = now.tzinfo
    if relative_s is not None:
        moment = now + timedelta(seconds=relative_s)
        if hm is None or relative_s % 86400:
            return When(moment.replace(microsecond=0), relative_s >= 86400, True, None, tuple(scan.spans))
        day = moment.date()

    hour_minute = None
    if hm is not None:
        hour_minute = _resolve_ampm(hm, ampm, pod, explicit_day=day is not None and day != today)
    explicit_time = hm is not None
    if hour_minute is None:
        hour_minute = [(POD_HOURS.get(pod or "", default_hour), 0)]

    if repeat is not None:
        start = _first_occurrence(repeat, now, hour_minute[0])  # at nine when no time is said: has_time says whether one was
        return When(start, True, explicit_time or pod is not None, repeat, tuple(scan.spans))

    if day is not None:
        h, mi = hour_minute[0]
        if day == today and len(hour_minute) > 1:
            for h2, m2 in hour_minute:
                if datetime.combine(day, time(h2, m2), tz) > now:
                    h, mi = h2, m2
                    break
        return When(datetime.combine(day, time(h, mi), tz), True, explicit_time or pod is not None, None,
                    tuple(scan.spans))
    for h, mi in hour_minute:
        candidate = datetime.combine(today, time(h, mi), tz)
        if candidate > now:
            return When(candidate, False, True, None, tuple(scan.spans))
    h, mi = hour_minute[0]
    return When(datetime.combine(today + timedelta(days=1), time(h, mi), tz), False, True, None, tuple(scan.spans))


def half_of_day_unsaid(said: str) -> bool:
    """Whether a time was said without am or pm, or a part of the day ("move it to 9")."""
    return not re.search(r"\b(?:am|pm|a m|p m|morning|afternoon|evening|tonight|night|noon|midnight)\b|\d{3,4}\b", said)


def nearer_half(at: datetime, before: datetime) -> datetime:
    """`at` or twelve hours from it, whichever is nearer `before`: an hour said without am or pm,
    read as the half of the day nearer the old time (9 for an 8 AM reminder is 9 AM)."""
    return min((at.replace(hour=at.hour % 12), at.replace(hour=at.hour % 12 + 12)), key=lambda x: abs((x - before).total_seconds()))


def _resolve_ampm(hm: tuple[int, int], ampm: str | None, pod: str | None, *, explicit_day: bool) -> list[tuple[int, int]]:
    """Candidate (hour, minute) pairs, best first, for an hour said with or without am/pm."""
    h, mi = hm
    a = (ampm or "").replace(".", "").replace(" ", "")
    a = "am" if a.endswith("morning") else "pm" if a.endswith(("afternoon", "evening", "atnight")) else a  # "eight o'clock in the evening"
    if a == "fixed" or h == 0 or h > 12:
        return [(h, mi)]
    if a in ("am", "inthemorning", "inmorning"):
        return [(h % 12, mi)]
    if a in ("pm", "intheafternoon", "intheevening", "atnight", "inafternoon", "inevening"):
        return [(h % 12 + 12, mi)]
    if pod in ("afternoon", "evening", "night", "tonight"):
        return [(h % 12 + 12, mi)] if h != 12 else [(12, mi)]
    if pod == "morning":
        return [(h % 12, mi)]
    if h == 12:
        return [(12, mi)]
    if 1 <= h <= 6:
        return [(h + 12, mi)]
    if explicit_day:
        return [(h, mi)]
    return [(h, mi), (h + 12, mi)]


def _month_day(today: date, month: int | None, day_of_month: int) -> date | None:
    """The next date (today or later) with that day of month, in the given month if any."""
    year = today.year
    if month is None:
        month = today.month
        for _ in range(13):
            try:
                candidate = date(year, month, day_of_month)
            except ValueError:
                candidate = None
            if candidate is not None and candidate >= today:
                return candidate
            month += 1
            if month > 12:
                month, year = 1, year + 1
        return None
    for y in (year, year + 1):
        try:
            candidate = date(y, month, day_of_month)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def _first_occurrence(repeat: str, after: datetime, hm: tuple[int, int]) -> datetime:
    """The first moment strictly after `after` matching a repeat rule at the given time of day."""
    if repeat.startswith("yearly:"):  # "yearly:06-03": that day every year (29 February: 28 February in other years)
        month, dom = (int(x) for x in repeat[7:].split("-"))
        for year in (after.year, after.year + 1, after.year + 2):
            try:
                day = date(year, month, dom)
            except ValueError:
                day = date(year, month, dom - 1)
            candidate = datetime.combine(day, time(*hm), after.tzinfo)
            if candidate > after:
                return candidate
    day = after.date()
    for _ in range(15):
        candidate = datetime.combine(day, time(*hm), after.tzinfo)
        if candidate > after and repeat_matches(repeat, day):
            return candidate
        day += timedelta(days=1)
    raise ValueError(f"repeat rule {repeat!r} never matches")


def repeat_matches(repeat: str, day: date) -> bool:
    """Whether a repeat rule ("daily", "weekdays", "weekends", "weekly:mon") falls on a day."""
    if repeat == "daily":
        return True
    if repeat == "weekdays":
        return day.weekday() < 5
    if repeat == "weekends":
        return day.weekday() >= 5
    if repeat.startswith("weekly:"):
        return WEEKDAYS[day.weekday()][:3] == repeat[7:]
    if repeat.startswith("yearly:"):
        return day.strftime("%m-%d") == repeat[7:]
    raise ValueError(f"unknown repeat rule {repeat!r}")


def next_occurrence(repeat: str, previous: datetime, now: datetime) -> datetime:
    """The next moment of a recurring reminder after both its last due time and now."""
    return _first_occurrence(repeat, max(previous, now), (previous.hour, previous.minute))


def describe_repeat(repeat: str) -> str:
    """Words for a repeat rule, for replies."""
    if repeat == "daily":
        return "every day"
    if repeat == "weekdays":
        return "every weekday"
    if repeat == "weekends":
        return "every weekend"
    if repeat.startswith("weekly:"):
        for name in WEEKDAYS:
            if name.startswith(repeat[7:]):
                return "every " + name.capitalize()
    if repeat.startswith("yearly:"):
        month, dom = (int(x) for x in repeat[7:].split("-"))
        return f"every year on {date(2000, month, dom):%B} {dom}"
    return repeat
