"""Rules for reminders: set (the moment before or after the words), list and cancel."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from ..normalize.words import SAME_TIME
from ..timeparse import DURATION_RE, duration_of, find_when, half_of_day_unsaid
from .asides import before_own_clause, starts_a_reason
from .common import Ctx, Result, clean, iso

_ASK_TO_REMIND = (r"^(?:can you |could you |would you |please )?(?:remind me|warn me|nudge me|give me a (?:reminder|nudge|shout|holler|heads? ?up)|"
                  r"set (?:a |me a |up a )?reminder)")
_BEFORE_EVENT = (rf"(?P<dur>{DURATION_RE}) before (?:my |the |our |your )?(?:next )?"
                 r"(?P<event>[a-z0-9'][a-z0-9' ]*?)(?: please| starts| begins)?")
_NOT_WHAT_TO_DO = r"(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|\d)\b)"  # "my one to one with Karen" is an event
_EVENT_REMINDER = (re.compile(rf"{_ASK_TO_REMIND} {_BEFORE_EVENT} (?:to|so (?:that )?i can|so i have time to) {_NOT_WHAT_TO_DO}(?P<text>.+)$"),
                   re.compile(rf"{_ASK_TO_REMIND}(?: to (?P<text>.+?))? {_BEFORE_EVENT}$"),
                   re.compile(rf"^{_BEFORE_EVENT},? (?:can you |could you |please )?remind me to (?P<text>.+)$"))


_MOVE = re.compile(r"^(?:can you |could you |please )?(?:move|change|push|shift|reschedule|put|bring|make) (?:my |the |that )?"
                   r"(?:(?P<x1>[a-z' ]+?) reminder|reminder(?: (?:about|to|for|of) (?P<x2>[a-z' ]+?))?)(?: back| forward| on)? "
                   r"(?:to|till|until|for) (?P<w>.+)$")


def rule_reminder_again(c: Ctx) -> Result:
    """Right after a reminder was said: "remind me again in 10 minutes", "snooze it", "ask me again
    at 5" set it again (10 minutes on when no time is said)."""
    if c.state.last_intent != "reminder.said":
        return None
    t = c.t
    if not re.match(r"^(?:(?:ok|okay|yes|not now|later)[, ]+)?(?:remind me(?: again| later| of (?:it|that) again)?|snooze(?: it| that| the reminder)?|"
                    r"ask me again|tell me again(?: later)?|again later|later)\b", t):
        return None
    w = find_when(t, c.now)
    due = w.at if w is not None else c.now + timedelta(minutes=10)
    return "reminder.set", {"due": iso(due), "text": str(dict(c.state.last_slots).get("text") or "")}


_TRIGGER = re.compile(r"\b(?:remind me|reminder|remember|do not let me forget|make sure i)\b")


def _without_reason(t: str, spans) -> str:
    """The request without a reason said after its moment, when what to do came before the moment:
    "remind me to call mum at six, she'll be home by then" (but "remind me at six to tell Tom I'm
    late" keeps every word)."""
    start, end = min(a for a, _ in spans), min(b for a, b in spans if a == min(x for x, _ in spans))
    trigger = _TRIGGER.search(t)
    if trigger is None or not re.sub(r"\b(?:in|for|at|on|me|up)\b", "", t[trigger.end():start]).strip(" ,"):
        return t  # "put a reminder in for Friday at eight, the vet's coming": nothing to do said before the moment
    last = max(b for _, b in spans)  # "tonight at nine, cos they come dead early": the moment said in two parts
    return next((t[:e].strip() for e in dict.fromkeys((end, last)) if starts_a_reason(t[e:].strip())), t)


def rule_event_reminder(t: str) -> Result:
    """"remind me an hour before the dentist", "remind me to leave 15 minutes before my meeting with
    Tom": a reminder set against a calendar event, which the skill looks up."""
    t = re.sub(r"\bremind me (?:to|too) (?=(?:minutes|hours|days|weeks) before\b)", "remind me 2 ", t)  # "two", heard as "to"
    t = re.sub(r"\bremind me the (?:day|evening|night) before\b", "remind me a day before", t)  # "the day before the scan"
    for pattern in _EVENT_REMINDER:
        m = pattern.match(t)
        if m is not None and re.match(r"^(?:each|every|all|any)(?: |thing\b)", m.group("event").strip()):
            return None  # "ten minutes before each meeting", "before everything": a heads-up before every event
        if m is not None:
            event = re.sub(r"^(?:that|this) (?=[a-z])", "", m.group("event").strip())  # "before that call": the call
            slots: dict = {"minutes_before": round(duration_of(m.group("dur")) / 60), "event": event}
            if m.group("text"):
                slots["text"] = clean(m.group("text"))
            return "reminder.before_event", slots
    return None


def _before_the_event_talked_of(found: Result, c: Ctx) -> Result:
    """ "remind me half an hour before it" after an event was added or asked about: before that event."""
    if found is None or found[1].get("event") not in ("it", "that", "this", "that one", "then"):
        return found
    last = dict(c.state.last_slots) if (c.state.last_intent or "").startswith("calendar.") else {}
    event = last.get("summary") or last.get("query")
    return (found[0], {**found[1], "event": str(event)}) if event else found


def rule_reminder(c: Ctx) -> Result:
    due = dict(c.state.last_slots).get("due") if c.state.last_intent in ("reminder.set", "reminder.modify") else None
    if due and re.match(rf"^(?:and )?remind me .+,? {SAME_TIME}$", c.t):  # "and remind me to pay the phone bill Tuesday, same time"
        c = replace(c, t=re.sub(rf",? {SAME_TIME}$", f" at {datetime.fromisoformat(str(due)):%H:%M}", c.t))
    if (c.state.last_intent or "").startswith("calendar.") and re.match(r"^(?:(?:and|also|ok|okay|oh) )*(?:remind me|warn me|give me a reminder)"
                                                                      r" [a-z ]+ before$", c.t):
        c = replace(c, t=f"{c.t} it")  # "put the dentist on Friday at eleven" ... "and remind me one hour before": before it
    return _the_day_before(c) or _before_the_event_talked_of(_reminder(c), c)


def _the_day_before(c: Ctx) -> Result:
    """ "remind me the night before at eight to shut the feeders off" right after an event was put in:
    the evening (or the day) before it, at the time said."""
    m = re.match(r"^(?:and )?remind me (?:on )?the (?P<d>night|evening|day|morning) before(?: at (?P<t>[a-z0-9: ]+?))? to (?P<x>.+)$", c.t)
    start = dict(c.state.last_slots).get("start") if c.state.last_intent == "calendar.add" else None
    if m is None or not start:
        return None
    day = datetime.fromisoformat(str(start)) - timedelta(days=1)
    hour = 20 if m.group("d") in ("night", "evening") else 9
    said = find_when(f"at {m.group('t')}", c.now) if m.group("t") else None
    at = said.at if said is not None and said.has_time else day.replace(hour=hour, minute=0)
    if m.group("d") in ("night", "evening") and at.hour < 12:
        at = at.replace(hour=at.hour + 12)  # "the night before at eight": eight in the evening
    due = day.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return "reminder.set", {"text": m.group("x"), "due": iso(due)}


def _reminder(c: Ctx) -> Result:
    t = c.t
    if re.search(r"\bso (?:that )?(?:i|we) (?:remember|do not forget)\b", t) and not re.match(r"^(?:remind|set a reminder)", t):
        return None  # "mark that one unread so I remember to sort the van": why, not a reminder
    if not re.search(r"\b(?:remind|reminding|reminder|reminders|remember to|do not let me forget|dont let me forget|make sure i)\b", t):
        return rule_event_reminder(t)  # "warn me ten minutes before my meeting"
    if re.search(r"\b(?:cancel|delete|remove|clear|drop|get rid of|turn off|take off|scrap|scratch|bin|ditch|forget|erase|undo|stop|do not need|"
                 r"no longer need|do not want|no longer want)\b.*\breminders?\b", t) \
            or re.search(r"^(?:(?:no|nah|nope|naw|oh|ta|thanks) )*(?:do not|no need to|you do not need to|you can stop|stop|quit|no more) remind(?:ing)? me\b", t):
        if re.search(r"\bremind(?:ing)? me(?: about it| about that)? (?:every year|each year|yearly|every time|again|any more|anymore)$", t):
            return "conversation.cancel", {}  # "nah, don't remind me every year" with no birthday just told: nothing to set or cancel
        if re.search(r"\ball\b|\bevery\b|\breminders\b", t) and not re.search(r"\b(?:about|to|for|that)\b", t):
            return "reminder.cancel", {"all": True}
        m = re.search(r"\breminders? (?:about|to|for|that|of|called) (?P<x>.+)$", t) or \
            re.search(r"\bremind(?:ing)? me (?:about|to|of)? ?(?P<x>.+)$", t)
        if m is None:
            m = re.search(r"\b(?:the|my|that) (?P<x>[a-z ]+?) reminders?\b", t)
        text = clean(m.group("x")) if m else ""
        text = " ".join(before_own_clause(text.split()))  # "scratch the one about my grandson, I'll just text him": which one
        text = re.sub(r"\b(?:any ?more|now|please|for me|then)$", "", text).strip()
        text = re.sub(r"^(?:the|my) reminder\b ?", "", text)
        text = re.sub(r"^(?:the|my|a) ", "", text)
        return "reminder.cancel", ({"text": text} if text else {})
    if re.search(r"\b(?:what|which|list|read|tell me|show|any|do i have|have i got|are there|check|go through|my)\b.*\breminders\b", t) \
            or re.search(r"^(?:what|when) (?:is|was) my (?:next|last|latest|previous) reminder|^(?:what|which) reminders?\b", t) \
            or re.search(r"^(?:what (?:did|have) i (?:ask|asked|told|tell) you to remind me(?: about| of)?|what am i supposed to remember|"
                         r"what are you reminding me (?:about|of)|any reminders|reminders|is there a reminder|do i have a reminder)", t):
        w = find_when(t, c.now)
        return "reminder.list", ({"date": w.at.date().isoformat()} if w and w.has_date else {})
    m = re.match(r"^(?:when|what time) (?:is|was) (?:my|the) (?:reminder (?:about|to|for) (?P<a>[a-z0-9' ]+?)|(?P<b>[a-z0-9' ]+?) reminder)$", t)
    if m:  # "when's my MOT reminder": that one, not a new one
        return "reminder.list", {"text": re.sub(r"^(?:the|my) ", "", m.group("a") or m.group("b"))}
    event_reminder = rule_event_reminder(t)
    if event_reminder is not None:
        return event_reminder
    m = _MOVE.match(t)
    if m:  # "move my pills reminder to 9", "push the reminder about the bins back to 8 pm"
        said = m.group("w")
        w = find_when(said, c.now) or find_when(f"at {said}", c.now)
        if w is not None:
            about = (m.group("x1") or m.group("x2") or "").strip()
            keep = {} if w.has_date and w.has_time else {"keep": "day" if w.has_time else "time"}
            if keep.get("keep") == "day" and half_of_day_unsaid(said):
                keep["nearest"] = True  # "move it to 9": 9 AM for a reminder at 8 AM
            return "reminder.modify", {"due": iso(w.at), **keep, **({"text": about} if about not in ("", "my", "the") else {})}
    if re.match(r"^remind me (?:who|what|where|which|whose|how|why)\b", t) and find_when(t, c.now) is None:
        return None  # "remind me who Tatiana is", "remind me what I'm allergic to": a question to the memory
    m = re.search(r"\b(?:remind me|set (?:a |me a |up a )?reminder|create (?:a )?reminder|add (?:a )?reminder|make (?:a )?reminder|"
                  r"new reminder|reminder|do not let me forget|dont let me forget|remember to|make sure i)\b(?P<rest>.*)$", t)
    if m is None:
        return None
    slots: dict = {}
    w = find_when(t, c.now)
    if w is not None:
        said = _without_reason(t, w.spans)
        if said != t:  # "remind me to ring the dentist at two, they only pick up in the afternoon"
            t, w = said, find_when(said, c.now)
    if w is not None:
        # the moment may be said before or after the trigger words; blank it and look again
        blanked = list(t)
        for a, b in w.spans:
            for i in range(a, b):
                blanked[i] = " "
        t2 = "".join(blanked)
        m = re.search(r"\b(?:remind me|set (?:a |me a |up a )?reminder|create (?:a )?reminder|add (?:a )?reminder|make (?:a )?reminder|"
                      r"new reminder|reminder|do not let me forget|dont let me forget|remember to|make sure i)\b(?P<rest>.*)$", t2)
        if m is None:
            return None
        slots["due"] = iso(w.at)
        if w.repeat:
            slots["repeat"] = w.repeat
    rest = re.sub(r"\s+", " ", m.group("rest")).strip()
    if t.startswith("remember to") or " remember to" in t:
        rest = "to " + rest
    rest = re.sub(r"^(?:me |for me )", "", rest.strip())
    rest = re.sub(r"^(?:for|at|on|in) ", "", rest)
    text = clean(rest)
    text = re.sub(r"^(?:to|about|that|of) ", "", text)
    if text:
        slots["text"] = text
    return "reminder.set", slots
