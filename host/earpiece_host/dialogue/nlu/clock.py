"""Rules for the time and the date, of today or of another day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..timeparse import WEEKDAY_RE, find_when
from .common import Ctx, Result


_NOW = r"(?: now| right now| at the moment)?"
_TIME_IN = re.compile(
    rf"^(?:(?:what|which) time is it{_NOW}|what is the (?:current |local )?time{_NOW}|(?:the |current |local )?time|"
    rf"(?:tell me|give me|do you know|what is) the (?:current |local )?time) (?:in|over in|out in|back home in|back in|over there in) (?P<p>[a-z' ]+?)"
    rf"(?: right now)?{_NOW}$")


# Days everyone counts down to: their name, and the ways it is said.
_HOLIDAYS = (("Christmas", (12, 25), ("christmas", "christmas day", "xmas")), ("Christmas Eve", (12, 24), ("christmas eve",)),
             ("Boxing Day", (12, 26), ("boxing day",)), ("New Year's Day", (1, 1), ("new year", "new year's day", "new years day")),
             ("New Year's Eve", (12, 31), ("new year's eve", "new years eve")),
             ("Valentine's Day", (2, 14), ("valentine's day", "valentines day", "valentines")), ("Halloween", (10, 31), ("halloween",)),
             ("Bonfire Night", (11, 5), ("bonfire night",)), ("St Patrick's Day", (3, 17), ("st patrick's day", "saint patrick's day", "paddy's day", "st paddy's day", "patrick's day")),
             ("the Fourth of July", (7, 4), ("the fourth of july", "fourth of july", "independence day")),
             ("Canada Day", (7, 1), ("canada day",)), ("Australia Day", (1, 26), ("australia day",)), ("Anzac Day", (4, 25), ("anzac day",)),
             ("Waitangi Day", (2, 6), ("waitangi day",)), ("Burns Night", (1, 25), ("burns night", "burns supper")),
             ("St Andrew's Day", (11, 30), ("st andrew's day", "saint andrew's day")), ("St David's Day", (3, 1), ("st david's day", "saint david's day")),
             ("Settlement Day", (11, 19), ("settlement day", "garifuna settlement day")))
# A country's independence day, asked by the country: (the country, as said, and how its people are called, the day).
_INDEPENDENCE = (("india", "indian", (8, 15)), ("pakistan", "pakistani", (8, 14)), ("bangladesh", "bangladeshi", (3, 26)),
                 ("sri lanka", "sri lankan", (2, 4)), ("ghana", "ghanaian", (3, 6)), ("nigeria", "nigerian", (10, 1)),
                 ("kenya", "kenyan", (12, 12)), ("uganda", "ugandan", (10, 9)), ("tanzania", "tanzanian", (12, 9)),
                 ("zambia", "zambian", (10, 24)), ("zimbabwe", "zimbabwean", (4, 18)), ("malawi", "malawian", (7, 6)),
                 ("botswana", "botswanan", (9, 30)), ("namibia", "namibian", (3, 21)), ("sierra leone", "sierra leonean", (4, 27)),
                 ("gambia", "gambian", (2, 18)), ("liberia", "liberian", (7, 26)), ("mauritius", "mauritian", (3, 12)),
                 ("mozambique", "mozambican", (6, 25)), ("jamaica", "jamaican", (8, 6)), ("trinidad", "trinidadian", (8, 31)),
                 ("trinidad and tobago", "trini", (8, 31)), ("barbados", "bajan", (11, 30)), ("guyana", "guyanese", (5, 26)),
                 ("belize", "belizean", (9, 21)), ("bahamas", "bahamian", (7, 10)), ("grenada", "grenadian", (2, 7)),
                 ("st lucia", "st lucian", (2, 22)), ("philippines", "philippine", (6, 12)), ("malaysia", "malaysian", (8, 31)),
                 ("singapore", "singaporean", (8, 9)), ("indonesia", "indonesian", (8, 17)), ("mexico", "mexican", (9, 16)),
                 ("brazil", "brazilian", (9, 7)), ("argentina", "argentinian", (7, 9)), ("chile", "chilean", (9, 18)),
                 ("colombia", "colombian", (7, 20)), ("peru", "peruvian", (7, 28)), ("fiji", "fijian", (10, 10)),
                 ("papua new guinea", "png", (9, 16)), ("solomon islands", "solomon", (7, 7)), ("vanuatu", "vanuatuan", (7, 30)),
                 ("samoa", "samoan", (6, 1)), ("kiribati", "i kiribati", (7, 12)), ("tuvalu", "tuvaluan", (10, 1)),
                 ("malta", "maltese", (9, 21)), ("cyprus", "cypriot", (10, 1)), ("ukraine", "ukrainian", (8, 24)),
                 ("poland", "polish", (11, 11)), ("finland", "finnish", (12, 6)), ("vietnam", "vietnamese", (9, 2)),
                 ("the united states", "american", (7, 4)), ("america", "us", (7, 4)))
HOLIDAYS = {said: month_day for _name, month_day, ways in _HOLIDAYS for said in ways} | {
    said: month_day for country, people, month_day in _INDEPENDENCE
    for said in (f"{country} independence day", f"{country}'s independence day", f"independence day in {country}",
                 f"independence day for {country}", f"{people} independence day")}
"""Each holiday as it is said, and its (month, day); a country's independence day is asked by the country."""


def _easter(year: int) -> date:
    """Easter Sunday of a year (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


# Days that move from year to year: their name, the ways they are said, and their date in a year.
_MOVABLE = (("Easter Sunday", ("easter", "easter sunday", "easter day"), _easter),
            ("Good Friday", ("good friday",), lambda y: _easter(y) - timedelta(days=2)),
            ("Easter Monday", ("easter monday",), lambda y: _easter(y) + timedelta(days=1)),
            ("Mothering Sunday", ("mothering sunday", "mother's day", "mothers day"), lambda y: _easter(y) - timedelta(days=21)),
            ("Pancake Day", ("pancake day", "shrove tuesday"), lambda y: _easter(y) - timedelta(days=47)),
            ("Father's Day", ("father's day", "fathers day"), lambda y: _nth_weekday(y, 6, 6, 3)),
            ("Thanksgiving", ("thanksgiving",), lambda y: _nth_weekday(y, 11, 3, 4)))


def holiday_on(said: str, today: date) -> date | None:
    """The next date of a holiday said by name ("Christmas", "Easter Sunday"), today included; None for no holiday."""
    said = said.removeprefix("the ")
    if said in HOLIDAYS:
        month, day = HOLIDAYS[said]
        on = date(today.year, month, day)
        return on if on >= today else date(today.year + 1, month, day)
    found = next((when for _name, ways, when in _MOVABLE if said in ways), None)
    if found is None:
        return None
    this_year = found(today.year)
    return this_year if this_year >= today else found(today.year + 1)


_WHEN_IS = re.compile(r"^(?:when is|when does|when will|what date is|what day is|which day is|what date does|what day does|which day does) "
                      r"(?:it )?(?P<h>[a-z' ]+?)(?: (?:fall|falls|land|lands|be|come|comes|come round|fall on|land on|on|this year|next year|again))*$")


def holiday_asked(t: str, today: date) -> date | None:
    """The next date of a holiday asked after by its name: "when is Christmas", "what day is Easter this year"."""
    m = _WHEN_IS.match(t)
    return holiday_on(m.group("h"), today) if m else None


def holiday_name(day: date) -> str | None:
    """ "Christmas" for the 25th of December; None for a day that is no holiday here."""
    return next((name for name, month_day, _ways in _HOLIDAYS if month_day == (day.month, day.day)), None) or \
        next((name for name, _ways, when in _MOVABLE if when(day.year) == day), None)
_UNTIL = re.compile(r"^how (?:many (?:days|weeks|sleeps|more days)|long|much longer)(?: is it| is there| are there| are left| are there left| do i have| have i got| do we have|"
                    r" have we got| left)?(?: now| still| exactly| roughly)? "
                    r"(?:until|till|til|to|before) (?P<x>[a-z0-9' ]+?)(?: is| comes| comes round| arrives)?(?: now| then| again)?$")


def rule_date_until(c: Ctx) -> Result:
    """ "how many days until Christmas", "how long is it until my birthday" (a date the user told)."""
    m = _UNTIL.match(c.t)
    told = str(dict(c.state.last_slots).get("subject") or "")
    of_it = (m is not None and m.group("x") in ("it", "that", "then", "his birthday", "her birthday", "their birthday")) \
        or re.match(r"^how many (?:days|weeks) is (?:that|it)(?: from now| away)?$", c.t) is not None
    if of_it and c.state.last_intent in ("memory.remember", "memory.remind_yearly", "memory.recall") \
            and re.search(r"\b(?:birthday|anniversary)$", told):
        return "date.until", {"subject": told}  # "how many days till it?" of the birthday just told
    person = re.sub(r"'s [a-z ]+$", "", told)
    if m is not None and m.group("x") in ("his birthday", "her birthday") and (c.state.last_intent or "").startswith("memory.") \
            and person not in ("", "me", "my name"):  # "how many days till her birthday" after talk of my sister
        return "date.until", {"subject": f"{person}'s birthday"}
    that = re.search(r"\bhow (?:many days|many weeks|long) (?:away is that|is that(?: away)?|until then|till then|to go)$", c.t)
    holiday = holiday_asked(c.t, c.now.date())
    if holiday is not None:  # "when is Easter this year": the day, and how far off it is
        return "date.until", {"date": holiday.isoformat()}
    if m is None and that:  # "he's coming on the twenty first, how many days away is that?"
        w = find_when(c.t[:that.start()], c.now)
        return ("date.until", {"date": w.at.date().isoformat()}) if w is not None and w.has_date else None
    if m is None:
        return None
    x = re.sub(r"^our (?!(?:kid|son|daughter|boy|girl|lad|lass|mam|mum|dad|nan|gran|grandad|wedding|anniversary)'?s?\b)(?=[a-z]+'s )", "",
               m.group("x").strip())  # northern "our Jodie's birthday": Jodie's
    holiday = holiday_on(x, c.now.date())
    if holiday is not None:
        return "date.until", {"date": holiday.isoformat()}
    if re.match(r"^(?:my|our|[a-z]+'s) [a-z' ]+$", x) and re.search(r"\b(?:birthday|anniversary|wedding|day)$", x):
        return "date.until", {"subject": x}
    w = find_when(x, c.now)
    if w is not None and w.has_date:
        return "date.until", {"date": w.at.date().isoformat()}
    return None


_THERE = r"(?:what is the time|what time is it|what is the time difference|what time do they have) (?:down |over |out |up |back )?there(?: now| right now)?"
"""The time asked of a place said just before: "what's the time down there"."""


def rule_time_date(c: Ctx) -> Result:
    t = c.t
    m = _TIME_IN.match(t)
    if m:  # "what time now in Dubai ah, my brother there", "... in Sydney where our Ciara is": the place, without who is there
        place = re.split(r" (?:no wait|no sorry|sorry no|no i mean|i mean|no) (?:it is |in )?", m.group("p"))[-1]  # "in Winnipeg right now, no wait, Regina"
        place = re.sub(r" (?:right )?now$", "", re.split(r" (?:my|our|his|her|me|mi|because|cos|as|since|right now|where|for) ", place)[0])
        return "time.now", {"place": place}
    where = re.match(r"^(?:what is the time|what time is it|what time will it be) (?:for |where )(?P<p>(?:my |our )?[a-z]+)(?: (?:lives|is|is living|lives now))?(?: now)?$", t)
    if where and where.group("p") not in ("it", "me", "you", "we", "they", "there", "here", "now"):
        return "time.now", {"place": where.group("p")}  # "what time is it where my sister lives": the skill finds where
    there_said = re.match(rf"^(?:[a-z' ]+?(?:'s| is| are| lives| live| is living| is staying| is working) (?:down |over |out |up |away )?in (?P<p>[a-z' ]+?)),? "
                          rf"(?:so )?{_THERE}$", t)
    if there_said:  # "the missus is in Bali, what's the time there"
        return "time.now", {"place": there_said.group("p")}
    if re.match(rf"^{_THERE}$", t):
        last = dict(c.state.last_slots)  # "what's the time down there?" after "my granddaughter lives in Dunedin": where she lives
        who = re.sub(r"'s [a-z ]+$", "", str(last.get("subject") or ""))
        there = last.get("place") or (who if (c.state.last_intent or "").startswith("memory.") and who not in ("", "me", "my name") else None)
        if there:
            return "time.now", {"place": there}
    until = rule_date_until(c)
    if until is not None:
        return until
    if re.search(r"\b(?:timer|meeting|calendar|remind|appointment|event|free|busy|sunrise|sunset)\b", t):
        return None
    if re.match(r"^(?:what|which) time (?:is it|do you (?:make it|have)|have you got)\b.*$|^(?:what|which) time\b.*\b(?:now|right now)$|"
                r"^(?:let me |can i |i want to |i will )?(?:first |just )?check the time(?: first)?$", t):  # Ugandan "let me first check the time"
        return "time.now", {}
    if re.match(rf"^is (?:it|today) (?:a )?(?:{WEEKDAY_RE}|the \w+)(?: today)?$", t):
        return "date.today", {}
    t = re.sub(r"^(?:(?:can|could) you )?(?:tell me|let me know) (?=(?:what|which) (?:is the )?(?:date|day)\b)", "", t)  # "tell me what is the date on Friday"
    t = re.sub(r"^(?P<w>(?!what|which|when|who|where|how|it|that|this)[a-z][a-z ]*?) (?:is|falls on|will be) (?:which|what) day"
               r"(?: of the week)?$", r"what day is \g<w>", t)  # "fifteenth March is which day"
    t = re.sub(rf"^(?P<w>(?:(?:this|next|on) )?(?:{WEEKDAY_RE})) what (?:is the date|date is it|date is that|date)$",
               r"what date is \g<w>", t)  # "Saturday, what date is it?"
    m = re.match(r"^(?:what is the date|what date is it|what is today'?s date|what day is it|what day is today|what is the day|"
                 r"which day is it|what is today|today'?s date|date|the date|what date is today|what is the date today|"
                 r"(?:what|which) day of the week is it|which day is it today|what month is it|what year is it|tell me the date|what day are we|what is the date now|"
                 r"do you know (?:the date|what day it is)|(?:tell me )?what the date is(?: today)?|tell me what day it is|what day it is today|"
                 r"what day is it today|which date is it|what date is it today|"
                 r"what is the date (?:on |of |for )?(?P<w1>.+)|what (?:day|date) (?:is|will it be|is it) (?P<w2>.+)|"
                 r"what date is (?P<w3>.+)|(?:what|which) day (?:of the week )?(?:is|falls on|does) (?P<w4>.+?)(?: fall on| fall| land on)?)$", t)
    if m:
        rest = next((g for g in m.groups() if g), None)
        if rest:
            w = find_when(rest, c.now)
            if w is not None and w.has_date:
                return "date.today", {"date": w.at.date().isoformat()}
            if rest in ("today", "it", "it today", "it now", "today again"):
                return "date.today", {}
            return None
        return "date.today", {}
    return None
