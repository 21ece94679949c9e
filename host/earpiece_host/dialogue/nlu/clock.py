"""Rules for the time and the date, of today or of another day."""

from __future__ import annotations

import re

from ..timeparse import WEEKDAY_RE, find_when
from .common import Ctx, Result


def rule_time_date(c: Ctx) -> Result:
    t = c.t
    if re.search(r"\b(?:timer|meeting|calendar|remind|appointment|event|free|busy|sunrise|sunset|in (?:london|paris|tokyo|new york))\b", t):
        return None
    if re.match(r"^(?:what|which) time (?:is it|do you (?:make it|have)|have you got)\b.*$|^(?:what|which) time\b.*\b(?:now|right now)$", t):
        return "time.now", {}
    if re.match(rf"^is (?:it|today) (?:a )?(?:{WEEKDAY_RE}|the \w+)(?: today)?$", t):
        return "date.today", {}
    m = re.match(r"^(?:what is the date|what date is it|what is today'?s date|what day is it|what day is today|what is the day|"
                 r"which day is it|what is today|today'?s date|date|the date|what date is today|what is the date today|"
                 r"(?:what|which) day of the week is it|which day is it today|what month is it|what year is it|tell me the date|what day are we|what is the date now|"
                 r"do you know (?:the date|what day it is)|(?:tell me )?what the date is(?: today)?|tell me what day it is|what day it is today|"
                 r"what day is it today|which date is it|what date is it today|"
                 r"what is the date (?:on |of |for )?(?P<w1>.+)|what (?:day|date) (?:is|will it be|is it) (?P<w2>.+)|"
                 r"what date is (?P<w3>.+)|what day (?:of the week )?(?:is|falls on|does) (?P<w4>.+?)(?: fall on| fall| land on)?)$", t)
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
