"""Rules for alarms: a clock time to be woken or called at ("set an alarm for 6:30 tomorrow")."""

from __future__ import annotations

import re
from datetime import timedelta

from ..numbers import NUMBER_WORDS_RE, parse_number
from ..timeparse import find_duration, find_when
from .common import Ctx, Result


def rule_alarm(c: Ctx) -> Result:
    t = c.t
    if not re.search(r"\balarms?\b|^wake me(?: up)?\b|^get me up\b", t) or re.search(r"\b(?:remind|reminder)\b", t):
        return None
    if re.search(r"\b(?:cancel|delete|remove|turn off|switch off|stop|scrap|get rid of|dismiss)\b", t) and "alarm" in t:
        return "alarm.cancel", {"all": True} if re.search(r"\b(?:all|every)\b|\balarms\b", t) else {}
    if find_duration(t) is not None and not re.search(r"\d:\d|\b(?:am|pm|o'?clock)\b", t):
        return None  # "an alarm for 20 minutes" is a timer
    when = find_when(t, c.now)
    clock = re.search(rf"\b(?:at|for) (?P<h>\d{{1,2}}|{NUMBER_WORDS_RE})(?:[: ](?P<m>\d\d))?(?: ?(?P<ap>am|pm|a m|p m))?\b(?! (?:minutes?|hours?|seconds?))", t)
    if (clock is None and (when is None or not when.has_time)) or (when is not None and when.repeat):
        if re.match(r"^(?:set|make|create|new|add|start)(?: me)? (?:an |a |my )?alarm$", t):
            return "alarm.set", {}
        return None
    at = when.at if when is not None else c.now
    has_date = when is not None and when.has_date
    hour = int(parse_number(clock.group("h")) or 0) if clock else -1
    if clock and 1 <= hour <= 12:
        evening = clock.group("ap") in ("pm", "p m") or (not clock.group("ap") and re.search(r"\b(?:evening|tonight|afternoon|night)\b", t))
        at = at.replace(hour=hour % 12 + (12 if evening else 0), minute=int(clock.group("m") or 0), second=0, microsecond=0)
    elif at.hour >= 13 and not re.search(r"\b(?:pm|p m|afternoon|evening|tonight|night)\b", t):
        at -= timedelta(hours=12)  # an alarm is for the morning unless said otherwise
    if not has_date and at <= c.now:
        at += timedelta(days=1)
    return "alarm.set", {"time": at.strftime("%H:%M"), "date": at.date().isoformat()}
