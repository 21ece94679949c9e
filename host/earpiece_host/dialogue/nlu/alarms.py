"""Rules for alarms: a clock time to be woken or called at ("set an alarm for 6:30 tomorrow")."""

from __future__ import annotations

import re
from datetime import timedelta

from ..normalize.words import ENDEARMENTS
from ..numbers import NUMBER_WORDS_RE, parse_number
from ..timeparse import blank, clock_of, clock_pattern, find_duration, find_when
from .asides import starts_a_reason
from .common import Ctx, Result


def rule_alarm_ringing(c: Ctx) -> Result:
    """While an alarm rings: "I'm up", "stop", "snooze for 5 minutes"."""
    t = c.t
    ringing = c.state.last_intent in ("alarm.ring", "alarm.snooze")
    t = re.sub(r"^(?:(?:ugh|urgh|oh|ok|okay|alright|all right|aight|yes|yeah|aye|fine|right|ya|ay) )+", "", t)  # "okay okay, I'm up", "aye aye"
    told = re.match(r"^(?:the |my )?alarm is (?:ringing|going off|going)(?: now)?,? (?=give|snooze|just|another|five|ten)", t)
    if told:  # Russian "alarm is ringing, give me five minutes more": it rings, whatever the OS saw last
        t, ringing = t[told.end():], True
    t = re.sub(rf"^(?:(?:just|give me) )?(?P<n>\d+|{NUMBER_WORDS_RE}) minutes more$", r"\g<n> more minutes", t)  # Spanish "cinco minutos más"
    t = re.sub(rf"^(i am (?:already )?(?:up|awake)) (?:{ENDEARMENTS}) ", r"\1 ", t)  # "ya, I'm up, che, turn it off"
    t = re.sub(r"^(?:ah |oh )?go away(?: would you| will you)? (?=give )", "", t)  # Irish "ah go away would you, give me ten more minutes"
    t = re.sub(r"^(i am (?:up|awake))(?: i am (?:up|awake))+$", r"\1", t)  # "aight I'm up, I'm up"
    t = re.sub(r"^(snooze .+?) (?:pa|na|po|lah|muna)$", r"\1", t)  # Filipino "snooze five minutes pa"
    t = re.sub(rf"^(?:just |another )?(?P<n>\d+|{NUMBER_WORDS_RE}) more minutes (?:(?:eh|then|so|just|please) )*snooze(?: it| that| the alarm)?$",
               r"snooze for \g<n> minutes", t)  # "ugh, ten more minutes, eh, snooze it": how long, said first
    m = re.match(rf"^(?:snooze(?: it| that| the alarm)?|give (?:me|us)(?: another)?|(?:just )?(?:five|ten|a few) more minutes)"
                 rf"(?: for)?(?: (?:another )?(?P<n>\d+|{NUMBER_WORDS_RE}) (?:more )?minutes?)?(?: more)?(?: please)?$", t)
    if m and not (c.state.last_intent or "").startswith("timer.") and (
            ringing or t.startswith("snooze") or re.search(r"\bmore minutes?\b|\banother\b", t)):  # "give me ten more minutes": the alarm's
        n = m.group("n") or (re.search(rf"\b(\d+|{NUMBER_WORDS_RE}) more minutes\b", t) or [None, None])[1]
        minutes = int(parse_number(n)) if n else None
        return "alarm.snooze", ({"minutes": minutes} if minutes else {})
    stop = r"(?:stop|stop it|stop now|stop ringing|turn it off|switch it off|turn that off|turn that thing off|switch that thing off|be quiet|shut up|quiet|shush|hush|hush up)"
    if re.match(rf"^i am (?:already )?(?:up|awake|getting up)(?: now| already)?(?: thanks| thank you)?(?: (?:you can |please )?{stop}(?: now)?)?(?: thanks| thank you)?$",
                t) or (ringing and re.match(r"^(?:stop|turn off|switch off|dismiss|silence|shut off)(?: the| my| that)? alarm(?: please)?$", t)):
        return "alarm.stop", {}
    if ringing and re.match(rf"^(?:{stop}|ok|okay|off|enough|thanks|thank you|quiet|alright|i am up|good morning|morning|"
                            rf"you can {stop}(?: now)?)$", t):
        return "alarm.stop", {}
    return None


_CLOCK = clock_pattern()
_WHICH_ALARM = re.compile(rf"\b(?:my |the |that )?(?:(?:{_CLOCK}(?: o'clock| oclock)?|(?P<rep>week ?day|weekend|daily|every day|morning|"
                          r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)) )?alarms?(?: (?:at|for) (?P<at>[^ ]+(?: [ap] ?m)?))?\b")
_REPEATS = {"weekday": "weekdays", "week day": "weekdays", "weekend": "weekends", "daily": "daily", "every day": "daily",
            **{d: f"weekly:{d[:3]}" for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}}


LATER_IN_THE_DAY = re.compile(r"\b(?:pm|p m|afternoon|evening|tonight|(?:at|every|each) night)\b")
"""Words that put an alarm's hour after noon; without them an hour said for an alarm is in the morning."""


def _alarm_hour(hour: int, t: str) -> int:
    """The hour of an alarm said as `hour` (0-23) in words `t`: "half five" is 5:30 in the morning, as
    alarms are, and 17:30 "in the afternoon" or "tonight"."""
    return hour % 12 + (12 if LATER_IN_THE_DAY.search(t) else 0)


def _hh_mm(m: re.Match) -> str | None:
    """ "HH:MM" of a clock said in `m` (a `clock_pattern` match): "6:30" is 06:30, "6:30 pm" 18:30."""
    said = clock_of(m)
    if said is None:
        return None
    hour, minute, ampm = said
    hour = hour % 12 + (12 if ampm == "pm" else 0) if hour <= 12 else hour
    return f"{hour:02d}:{minute:02d}"


def _which_alarm(t: str) -> dict:
    """The alarm a request names: "my 6:30 alarm", "the alarm at 7", "the weekday alarm"."""
    said = re.search(rf"\b(?:the|my|that) (?P<a>half|quarter|{NUMBER_WORDS_RE}) (?P<rel>past|to) (?P<h>{NUMBER_WORDS_RE}|\d{{1,2}}) alarm\b", t)
    if said:  # "the quarter to six alarm": the time as said (5:45), as "the 6:30 alarm" is
        hour, minutes = parse_number(said.group("h")), {"half": 30, "quarter": 15}.get(said.group("a")) or parse_number(said.group("a"))
        if hour is not None and minutes is not None and 0 < minutes < 60:
            at = (int(hour) * 60 + (int(minutes) if said.group("rel") == "past" else -int(minutes))) % (12 * 60)
            return {"time": f"{at // 60:02d}:{at % 60:02d}"}
    m = _WHICH_ALARM.search(t)
    if m is None:
        return {}
    if m.group("rep"):
        return {"repeat": _REPEATS.get(m.group("rep"), "daily")} if m.group("rep") != "morning" else {}
    if m.group("h"):
        when = _hh_mm(m)
        return {"time": when} if when else {}
    if m.group("at"):
        words = t[m.start("at"):].split()
        said = next((" ".join(words[:n]) for n in (4, 3, 2, 1) if re.match(rf"^{_CLOCK}$", " ".join(words[:n]))), m.group("at"))
        at = re.match(rf"^{_CLOCK}$", said)  # "the alarm for six fifteen on Saturday": all the words of the time
        when = _hh_mm(at) if at else None
        after = t[m.start("at") + len(said):]
        if when and re.match(rf" (?:in the |this |at )?{LATER_IN_THE_DAY.pattern}", after):
            when = f"{_alarm_hour(int(when[:2]), after):02d}{when[2:]}"  # "the alarm for nine tonight", said right after the time
        return {"time": when} if when else {}
    return {}


_PART_OF_DAY = r"(?P<part> (?:in the |this |at )?(?:morning|afternoon|evening|night)| tonight)?"
"""The part of the day said after an alarm's new time: "to half five in the evening"."""
_MOVE_ALARM = re.compile(rf"^(?:change|move|make|set|push|put|shift) (?P<which>.*?\balarm\b.*?) (?:to|for|till|until) {_CLOCK}(?: o'clock| oclock)?"
                         rf"{_PART_OF_DAY}$")


def rule_alarm(c: Ctx) -> Result:
    t = re.sub(r"\b(cancel|delete|stop|scrap|move|change|turn off|switch off|get rid of|kill) me\b", r"\1 my", c.t)  # "cancel me half six alarm"
    t = re.sub(r"^(?:shove|bung|stick|put|bring|knock|pull) (?=(?:that|the|my) (?:[a-z]+ )?alarm (?:back|forward|on|earlier|later) )", "move ", t)
    t = re.sub(r"^((?:move|push|change|shift) (?:that|the|my) (?:[a-z]+ )?alarm) (?:back|forward) (?=to )", r"\1 ", t)
    # Cumbrian "shove that alarm back to half six": move it, to half six
    if (c.state.last_intent or "").startswith("alarm.") and re.search(r"\b(?:the|my|that) [a-z0-9: ]+ ones?(?= to | for |$| (?:i|we)\b)", t):
        t = re.sub(r"\b(?P<w>(?:the|my|that) [a-z0-9: ]+?) one(?P<s>s?)(?= to | for |$| (?:i|we)\b)",
                   lambda m: f"{m.group('w')} alarm{m.group('s')}", t, count=1)  # "... the weekday ones, I'm off work this week": those alarms
        # "get rid of the weekday one", "change the quarter past five one to five o'clock" right after the alarms were talked about
    if not re.search(r"\balarms?\b|^wake me(?: up)?\b|^get me up\b", t) or re.search(r"\b(?:remind|reminder)\b", t):
        return None
    if re.match(r"^how (?:long|much time|many hours)(?: is it| is there| do i have| have i got| left)? (?:until|till|til|before) "
                r"(?:my |the )?(?:next )?alarm\b", t):
        return "alarm.list", {}
    if re.match(r"^(?:(?:what|which|how many)(?: are)?(?: my| the)? alarms? (?:have i got|do i have|have i|are there|are|is|i have|i got|i have got)"
                r"(?: set(?: up)?| on| going| on the go| in)?(?: now| at the moment| at the minute| right now)?(?: then)?|(?:any|list|read|tell me|show me|go through)(?: all)?(?: my| the)? alarms?(?: set)?)$", t):
        return "alarm.list", {}
    if re.search(r"\b(?:cancel|delete|remove|turn off|switch off|stop|scrap|get rid of|dismiss|kill|knock off|bin)\b", t) and "alarm" in t:
        if re.search(r"\b(?:all|every)\b(?! ?day)|\balarms\b", t):
            return "alarm.cancel", {"all": True, **_which_alarm(t)}  # "turn off my weekday alarms": all of those, not every alarm
        which = _which_alarm(t)
        half = re.search(r"\balarm (?:for|at) (?P<c>(?:half|quarter) (?:past |to )?[a-z]+)\b", t) if not which else None
        clock = find_when(f"at {half.group('c')}", c.now) if half else None
        if clock is not None and clock.has_time:  # "cancel the alarm for half five tomorrow": 5:30, in the morning as alarms are
            hour = _alarm_hour(clock.at.hour, t)
            which = {"time": f"{hour:02d}:{clock.at.minute:02d}"}
        when = find_when(t, c.now) if not which else None
        if when is not None and when.has_date and not when.has_time and not when.repeat:
            which = {"date": when.at.date().isoformat()}  # "cancel my alarm for tomorrow, I've got the day off"
        elif when is not None and when.has_time and not when.repeat and re.search(r"\balarm (?:for |at )?(?:[a-z]+ )*?(?:o'?clock|am|pm|\d)|\balarm (?:for|at) (?:half |quarter )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", t):
            hour = _alarm_hour(when.at.hour, t)
            which = {"time": f"{hour:02d}:{when.at.minute:02d}", **({"date": when.at.date().isoformat()} if when.has_date else {})}
            # "cancel the alarm five o'clock tomorrow morning, my tuk tuk is in the garage": that one
        day = re.search(r"\b(?:today|tomorrow|tonight|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", t)
        said_day = find_when(day.group(0), c.now) if day and not which else None
        if said_day is not None and said_day.has_date:  # "cancel de alarm for Saturday morning": that day's
            which = {"date": said_day.at.date().isoformat()}
        on = find_when(day.group(0), c.now) if which.get("time") and "date" not in which and day else None
        if on is not None and on.has_date:  # "cancel my six thirty alarm tomorrow, I'm off": that day's
            which = {**which, "date": on.at.date().isoformat()}
        return "alarm.cancel", which
    if re.match(r"^(?:change|move|push|shift|make)\b", t):  # "move the ten to five one to twenty past four, the boat's coming in early"
        words = t.split()
        cut = next((i for i in range(4, len(words)) if starts_a_reason(" ".join(words[i:]))), len(words))
        t = " ".join(words[:cut])
    said = re.match(r"^(?:change|move|push|shift|make|set) (?P<which>.*?\balarm\b.*?) (?:to|for|till|until) "
                    rf"(?P<when>(?:half|quarter|{NUMBER_WORDS_RE}) (?:past|to) (?:{NUMBER_WORDS_RE}|\d{{1,2}})|half (?:{NUMBER_WORDS_RE})){_PART_OF_DAY}$",
                    t)  # "to twenty past four", "to half five in the evening"
    m = _MOVE_ALARM.match(t) if said is None else None  # not "my alarm to quarter | to | seven"
    if said and re.match(r"^(?:me )?(?:a|an|another|new|one more) ", said.group("which")):
        said = None  # "set me a weekday alarm for half six" is a new one
    at = find_when(f"at {said.group('when')}", c.now) if said and (_which_alarm(said.group("which")) or not t.startswith("set ") and re.fullmatch(
        r"(?:my|the|that) (?:[a-z]+ )?alarm", said.group("which"))) else None  # "change my (evening) alarm to half six": the one set last
    if at is not None and at.has_time:  # "... to twenty past four": in the morning, as alarms are, unless said otherwise
        hour = _alarm_hour(at.at.hour, said.group("part") or said.group("which"))  # "my evening alarm to quarter past seven"
        return "alarm.modify", {"time": f"{hour:02d}:{at.at.minute:02d}", **{f"from_{k}" if k == "time" else k: v
                                                                              for k, v in _which_alarm(said.group("which")).items()}}
    if m and re.match(r"^(?:me )?(?:a|an|another|new|one more) ", m.group("which")):
        m = None  # "set a weekday alarm for 7" is a new one
    # "change my 6:30 alarm to 6:45", "move the weekday alarm to 7:30"; "move my alarm to 7:30" moves the
    # one set last (but "set my alarm for 7" sets one)
    if m and (_which_alarm(m.group("which")) or re.match(r"^(?:change|move|push|shift) (?:my|the|that) (?:[a-z]+ )?alarm$", f"{t.split()[0]} {m.group('which')}")):
        new = _hh_mm(m)
        if new is not None and m.group("part") and int(new[:2]) < 12:
            new = f"{_alarm_hour(int(new[:2]), m.group('part')):02d}{new[2:]}"  # "... to six in the evening"
        if new is not None:
            return "alarm.modify", {"time": new, **{f"from_{k}" if k == "time" else k: v
                                                    for k, v in _which_alarm(m.group("which")).items()}}
    if find_duration(t) is not None and not re.search(r"\d:\d|\b(?:am|pm|o'?clock)\b", t):
        return None  # "an alarm for 20 minutes" is a timer
    when = find_when(t, c.now)
    clock = re.search(rf"\b(?:at|for) {_CLOCK}\b(?! (?:minutes?|hours?|seconds?|to|past|till)\b)", t)
    repeat = when.repeat if when is not None else None
    named = re.search(r"\b(week ?day|weekend) alarm\b", t)
    if repeat is None and named:  # "set the weekday alarm for seven": an alarm's name says how it repeats
        repeat = _REPEATS[named.group(1)]
    if clock is None and (when is None or not when.has_time):
        bare = blank(t, when.spans).strip() if when is not None and repeat else t  # "set an alarm every weekday": asked what time
        if re.match(r"^(?:set|make|create|new|add|start)(?: me)? (?:an |a |my )?alarm$", re.sub(r"\s+", " ", bare)):
            return "alarm.set", {"repeat": repeat} if repeat else {}
        return None
    at = when.at if when is not None else c.now
    has_date = when is not None and when.has_date
    said = clock_of(clock) if clock else None
    hour = said[0] if said else -1
    if said and 1 <= hour <= 12:
        evening = clock.group("ap") in ("pm", "p m") or (not clock.group("ap") and LATER_IN_THE_DAY.search(t))
        at = at.replace(hour=hour % 12 + (12 if evening else 0), minute=said[1], second=0, microsecond=0)
    elif said and 13 <= hour <= 23:  # "seventeen fifteen", as a twenty-four hour clock says it
        at = at.replace(hour=hour, minute=said[1], second=0, microsecond=0)
    elif at.hour >= 13 and not LATER_IN_THE_DAY.search(t):
        at -= timedelta(hours=12)  # an alarm is for the morning unless said otherwise
    if not has_date and at <= c.now:
        at += timedelta(days=1)
    if repeat:
        return "alarm.set", {"time": at.strftime("%H:%M"), "repeat": repeat}
    return "alarm.set", {"time": at.strftime("%H:%M"), "date": at.date().isoformat()}
