"""Context rules, the dialogue's memory of what was just said: answers to the OS's own questions,
corrections ("no, make that 7"), continuations ("oh and coffee beans"), references ("the dentist
one", "it"), follow-ups ("and tomorrow?"), "next" / "previous", conversation control and help."""

from __future__ import annotations

import re
from dataclasses import replace

from datetime import date, datetime, timedelta

from ..intents import REGISTRY, sentence_intent
from ..normalize.words import SAME_TIME
from ..numbers import NUMBER_WORDS_RE, parse_number
from ..timeparse import DURATION_RE, When, blank, find_duration, find_when
from .alarms import LATER_IN_THE_DAY
from .asides import CLAUSE_START, before_own_clause
from .common import ARTICLE, LIST_NAMES, NOT_NAMES, YES_FIRST, Ctx, Result, iso, list_name, title
from .timers import rule_timer_add, without_purpose

# Topics that "and tomorrow?" or "what about Friday?" can follow up with another day.
DATE_FOLLOW = {"calendar.query", "date.today", "reminder.list"}


def rule_followup(c: Ctx) -> Result:
    s = c.state
    t = c.t
    m = re.match(r"^(?:and what about|and how about|what about|how about|what is about|and for|and on|and also|and|also)"
                 r"(?: for| on)? (?P<rest>.+?)$", t)
    bare = m is None
    rest = t if bare else m.group("rest")
    last = s.last_intent
    last_slots = dict(s.last_slots)
    if last == "calendar.query":
        from .calendar import named_span  # "and the weekend?": a range in words
        span = named_span(rest, c.now) if re.fullmatch(r"(?:the |this |next )?(?:[a-z]+ )?(?:week|weekend|morning|afternoon|evening|tonight)", rest) else None
        if span is not None:
            return "calendar.query", {"start": iso(span[0]), "end": iso(span[1]), "period": span[2]}
    if last in DATE_FOLLOW and re.fullmatch(r"(?:the )?(?:day after(?: that)?|next day|following day|day before(?: that)?)", rest):
        said = last_slots.get("date") or last_slots.get("start")  # "and the day after": after the day just asked about
        if said:
            day = datetime.fromisoformat(said) if "T" in said else datetime.combine(date.fromisoformat(said), datetime.min.time(), c.now.tzinfo)
            day += timedelta(days=-1 if "before" in rest else 1)
            return (last, {"date": day.date().isoformat()}) if last != "calendar.query" else ("calendar.query", day_span(day))
    if last in DATE_FOLLOW | {"time.now"}:
        w = find_when(rest, c.now)
        if w is not None and not blank(rest, w.spans).replace("the", "").strip():
            if last == "calendar.query":
                if w.has_time or (last_slots.get("start") and last_slots.get("start") == last_slots.get("end")):
                    return "calendar.query", {"start": iso(w.at), "end": iso(w.at)}
                return "calendar.query", day_span(w.at)
            intent = "date.today" if last == "time.now" else last
            return intent, {"date": w.at.date().isoformat()}
    if bare:
        return None
    if last in ("list.read", "list.add"):
        lm = re.match(rf"^{ARTICLE}(?P<l>[a-z ]+?)(?: list)?$", rest)
        named = lm is not None and len(lm.group("l").split()) <= 3 and not re.search(r"\b(?:off|on|to|from|take|put|add|empty|clear|delete|remove|read|scrap|wipe|cross)\b", lm.group("l"))
        if named and (lm.group("l") in LIST_NAMES or rest.endswith("list")):  # "and the to do list"; not "and take milk off the list"
            return "list.read", {"list": list_name(lm.group("l"))}
    if last in ("email.read", "email.unread"):
        fm = re.match(r"^(?:from |anything from |any from |emails? from )(?P<s>[a-z' ]+)$", rest)
        if fm:
            return "email.read", {"sender": fm.group("s").strip()}
    if last and last.startswith("timer."):
        nm = re.match(rf"^{ARTICLE}(?P<n>[a-z]+) timer$", rest)
        if nm and nm.group("n") not in NOT_NAMES:  # "and the pasta timer?"; "and another timer" is a new one
            return "timer.status", {"name": nm.group("n")}
    if last == "memory.recall":
        pm = re.match(r"^(?P<s>[a-z]+'s|my \w+)$", rest)
        if pm and last_slots.get("subject"):
            tail = " ".join(str(last_slots["subject"]).split()[1:])
            return "memory.recall", {"subject": f"{pm.group('s')} {tail}".strip()}
    return None


def rule_cancel_it(c: Ctx) -> Result:
    """ "cancel that" right after a timer, reminder, alarm or event was set: that one goes; otherwise
    drop what is going on. "stop it", said to the voice, is left to the sentences."""
    last = c.state.last_intent or ""
    if last.startswith(("timer.", "alarm.")) and re.match(
            r"^(?:cancel|delete|remove|stop|kill|turn off|switch off|clear|get rid of) (?:all of them|them all|both(?: of them)?|all|everything)$", c.t):
        return ("timer.cancel", {"all": True}) if last.startswith("timer.") else ("alarm.cancel", {"all": True})
    if c.t == "stop it" or not re.match(
            r"^(?:cancel|delete|remove|stop|kill|turn off|switch off|get rid of|scrap|bin|undo) (?:it|that|that one|this|this one|him|her|them)$", c.t):
        return None
    slots = dict(c.state.last_slots)
    if last == "calendar.query" and slots.get("query"):  # "when's the stock agent coming" - "cancel him": that visit
        return "calendar.cancel", {"query": slots["query"]}
    if re.search(r" (?:him|her|them)$", c.t) and last not in ("calendar.add", "calendar.move"):
        return None  # "cancel her" is said of a visit or a meeting
    if last.startswith("timer.") and last != "timer.cancel":
        return "timer.cancel", ({"name": slots["name"]} if slots.get("name") else {})
    if last == "reminder.set":
        return "reminder.cancel", ({"text": slots["text"]} if slots.get("text") else {})
    if last.startswith("reminder."):
        return "reminder.cancel", {}
    if last.startswith("alarm."):
        return "alarm.cancel", {}
    if last.startswith("email."):
        return None if c.t.startswith("undo") else ("email.delete", {})  # "undo that" brings mail back
    if last in ("calendar.add", "calendar.move"):
        return "calendar.cancel", {}
    if last.startswith("note.") and c.t.startswith(("delete", "remove", "scrap", "get rid of", "bin")):
        return "note.delete", {"last": True}  # "delete that one" of the note just taken or read
    return "conversation.cancel", {}


def rule_pause_resume_it(c: Ctx) -> Result:
    m = re.match(r"^(?P<v>pause|hold|freeze|resume|unpause|continue|carry on|restart|keep going) (?:with )?(?:it|that)"
                 r"(?:(?: for)? a (?:sec|second|minute|moment|bit|tick))?$|^(?P<b>pause|resume|unpause)$", c.t)
    again = c.state.last_intent == "timer.pause" and re.match(r"^(?:start|get) (?:it|that) (?:going )?again$|^start it back(?: up)?$", c.t)
    if not (m or again):
        return None
    v = "resume" if again else m.group("v") or m.group("b")  # "okay, start it again" after a pause
    slots = dict(c.state.last_slots)
    name = {"name": slots["name"]} if (c.state.last_intent or "").startswith("timer.") and slots.get("name") else {}
    return ("timer.pause" if v in ("pause", "hold", "freeze") else "timer.resume"), name


# ---------------------------------------------------------------------------------------------
# conversation, help

def rule_sentences(c: Ctx) -> Result:
    """Fixed-phrase intents, from the template sentences declared in the registry."""
    found = sentence_intent(c.t, c.state.last_intent)
    if found == "conversation.cancel" and _DONE_FOR_NOW.match(c.t) and not (c.state.pending or c.state.dictating) \
            and not (c.state.last_intent or "").startswith(("email.", "letter.")):
        return "conversation.end", {}  # "okay, that's all" with nothing under way: the user is done, not dropping anything
    return (found, {}) if found else None


_DONE_FOR_NOW = re.compile(r"^(?:(?:no|ok|okay|right|alright|just) )*(?:that is all|that is it|that will be all)(?: thanks| thank you| then)?$")



def day_span(at: datetime) -> dict:
    """calendar.query slots for the whole day of `at`."""
    start = at.replace(hour=0, minute=0, second=0, microsecond=0)
    return {"start": iso(start), "end": iso(start + timedelta(days=1))}


# ---------------------------------------------------------------------------------------------
# answers to the OS's own questions

class _When:
    """A bare clock time said as an answer ("7"), shaped like timeparse.When."""

    def __init__(self, at: datetime) -> None:
        self.at, self.has_date, self.has_time, self.repeat = at, False, True, None


def fill_slot(kind: str, c: Ctx) -> object | None:
    """A bare answer read as the kind of value a slot takes, or None when it is not one."""
    t = c.t
    if kind == "duration":
        d = find_duration(t)
        if d and len(blank(t, [d[1]]).split()) <= 2:
            return int(d[0])
        n = parse_number(t) if re.fullmatch(r"[a-z0-9. -]+", t) else None
        return int(n * 60) if n else None  # "15" for "for how long?" means minutes
    if kind == "when":
        t = re.sub(r"^(?:at |by |after )?(?:the )?(?:end|start) of (?:my|the|his|her|our) (?:[a-z]+ )?(?:shift|day|work|lunch|break|class|"
                   r"meeting|round|run)(?: so| at| about| around)? ", "", t)  # "end of me shift, half three": the time said with why
        w = find_when(t, c.now)
        clock = re.fullmatch(r"(?P<c>(?:(?:quarter|half|five|ten|twenty|twenty five) (?:past|to) )?[a-z0-9]+(?: (?:oh )?[a-z0-9]+)?)"
                             r"(?: (?:am|pm|tonight|this afternoon|this evening|tomorrow|today|on [a-z]+|[a-z]+day))?", t)
        if clock and parse_number(clock.group("c").split()[-1]) is not None:
            at = find_when(f"at {t}", c.now)  # "one thirty" when asked when: a clock time said without "at"
            if at is not None and at.has_time and (w is None or not w.has_time or at.at != w.at):  # "three thirty this afternoon"
                t, w = f"at {t}", at
        if w is not None and len(blank(t, w.spans).split()) <= 3:
            return w
        return None
    if kind == "time":
        bare = re.fullmatch(r"(?:at |for )?(?P<h>[a-z0-9]+)(?:[: ](?P<m>\d\d|(?:twenty|thirty|forty|fifty) (?:one|two|three|four|five|six|"
                            r"seven|eight|nine)|ten|fifteen|twenty|thirty|forty|fifty|oh five))?"
                            r"(?: (?P<ap>am|pm|in the morning|in the evening|tonight))?", t)
        hour = parse_number(bare.group("h")) if bare else None
        if bare and hour is not None and 0 <= hour <= 23 and hour == int(hour):
            said = (bare.group("m") or "").replace("oh ", "")  # "five twenty", "six forty five", "seven oh five"
            minute = int(parse_number(said) or 0) if said else 0
            h = int(hour) % 12 + (12 if bare.group("ap") in ("pm", "in the evening", "tonight") else 0) if hour <= 12 else int(hour)
            at = c.now.replace(hour=h, minute=minute, second=0, microsecond=0)
            return _When(at)
        w = find_when(t, c.now)
        if w is not None and w.has_time and len(blank(t, w.spans).split()) <= 3:
            if w.at.hour >= 13 and not LATER_IN_THE_DAY.search(t):  # "half six": in the morning, as alarms are
                return replace(w, at=w.at.replace(hour=w.at.hour - 12))
            return w
        return None
    if kind == "name":
        m = re.match(r"^(?:to |it is to |it is for |it is going to |for |the letter is (?:to|for) |write to |address it to |"
                     r"call you |how about |you can be |maybe |let us go with |i will call you |make it )?"
                     r"(?P<r>[a-z' ]{2,40}?)(?:,? from (?P<f>[a-z' ]{2,40}))?$", t)
        if m and len(m.group("r").split()) <= 4:
            return m
        return None
    return t or None


YES = re.compile(rf"^{YES_FIRST}(?:yes|yeah|yep|yup|aye|sure|ok|okay|go ahead|please do|do it|why not|go on|"
                 r"of course|definitely|yes please|that would be great|please|that is right|correct|that is correct|yes do|do|sweet as|"
                 r"go for it|for sure|absolutely)(?: please| thanks| then)?$")  # Canadian "yeah, for sure"
NO = re.compile(r"^(?:no|nope|no thanks|no thank you|not now|maybe later|later|do not|leave it)$")


def rule_pending(c: Ctx) -> Result:
    """The answer to the question the OS just asked: fills the missing slot of the pending intent."""
    s = c.state
    if s.pending is None:
        return None
    t = c.t
    if re.match(r"^(?:never ?mind|cancel|forget it|stop|nothing)$", t) or (NO.match(t) and s.pending in ("timer.cancel", "timer.pause", "timer.resume", "timer.status")):
        return None
    if s.pending in ("timer.cancel", "timer.pause", "timer.resume", "timer.status"):
        m = re.match(r"^(?:the |my )?(?P<n>[a-z]+)(?: one| timer)?$|^(?P<all>all(?: of them)?|both(?: of them)?|every one)$", t)
        if m and m.group("n") not in ("no", "none", "neither", "nothing"):
            return s.pending, ({"all": True} if m.group("all") else {"name": m.group("n")})
        return None
    intent = REGISTRY.get(s.pending)
    if intent is None:
        return None
    slots = dict(s.pending_slots)
    missing = intent.missing(slots)
    if missing is None:  # a yes/no question: "Shall I read it?", "Shall I send it?"
        if YES.match(t):
            return intent.name, slots
        if NO.match(t):
            return "conversation.cancel", {}
        return None
    small_talk = _small_talk(c)
    if small_talk is not None:  # "how are you today" when asked when: not "today"
        return small_talk
    dear = re.match(r"^dear (?P<r>(?:(?:mr|mrs|ms|miss|dr|father|reverend|rev|professor|prof|auntie|aunty|uncle|nana|nan|grandma|grandad|granny|madame|madam|monsieur|mister|sister|pastor) (?!(?:i|we|it|its|thank|thanks|just|how|hope|this|the|a|you|my|our|so|sorry|happy|hello|hi|what|as)\b))?[a-z'-]+)(?P<more> .+)?$", t)
    if intent.name == "letter.start" and missing.name == "recipient" and dear and dear.group("r") not in ("sir", "madam", "all"):
        # "Who is the letter to?" - "Dear Fiona, I confirm that ...": to Fiona, and those are its first words
        from .letters import spoken_punctuation
        opening = {"opening": spoken_punctuation(c.raw)} if dear.group("more") else {}
        return intent.name, {**slots, "recipient": title(dear.group("r")), **opening}
    about = re.match(r"^(?:it is |its )?(?:to |for )?(?P<r>(?!(?:i|we|it|that|this)\b)[a-z][a-z' ]{0,40}?) (?:about|regarding|re) (?P<a>[a-z0-9' ]+)$", t)
    if intent.name == "letter.start" and missing.name == "recipient" and about and len(about.group("r").split()) <= 4:
        return intent.name, {**slots, "recipient": title(about.group("r")), "about": about.group("a")}  # "it's to DfI Roads about the crossing"
    # The answer may fill the slot asked for, or another missing one ("tomorrow at 8" when asked what about).
    for slot in [missing] + [x for x in intent.required if x is not missing and slots.get(x.name) in (None, "", [])]:
        if slot.answer == "text" and slot is not missing:
            continue
        value = fill_slot(slot.answer, c)
        said_after = re.match(r"^.+? so (?P<w>(?:about |around |at |by )?.+)$", t) if value is None and slot.answer in ("when", "time") else None
        if said_after:  # "at the end of my shift, so about seven tonight": the time after "so"
            value = fill_slot(slot.answer, Ctx(raw=said_after.group("w"), t=said_after.group("w"), state=c.state, now=c.now))
        if value is None:
            continue
        if slot.answer == "when":
            slots[slot.name] = iso(value.at)
            if value.repeat:
                slots["repeat"] = value.repeat
        elif slot.answer == "time":
            at = value.at if value.has_date or value.at > c.now else value.at + timedelta(days=1)
            slots["time"] = at.strftime("%H:%M")
            if not slots.get("repeat"):  # "set an alarm on Saturdays" ... "half six": every Saturday, not a day
                slots["date"] = at.date().isoformat()
        elif slot.answer == "name":
            if _other_request(c) is not None:
                return None  # "what time is it" is not a name
            slots[slot.name] = title(value.group("r"))
            if value.group("f"):
                slots["sender"] = value.group("f")
        elif slot.answer == "text":
            other = _other_request(c)
            if other is not None and not (intent.name == "note.add" and not _QUESTION.match(c.t)):
                return other  # asked what a note should say, "buy stamps before Friday" is the note
            about = re.match(r"^(?:it is |it's |its )?(?:about|regarding|re|on the subject of) (?P<s>[a-z0-9' ]{1,40})$", t)
            if intent.name == "email.compose" and about and not slots.get("subject"):
                slots["subject"] = about.group("s")  # "about dinner": its subject; what it says is asked next
                return intent.name, slots
            if intent.name in ("email.reply", "email.compose"):
                from .email import reply_text
                slots[slot.name] = re.sub(r"^that\s+", "", reply_text(c.raw), flags=re.IGNORECASE)  # "that I can't come"
            else:
                slots[slot.name] = re.sub(r"^(?:to|about|that|it is|it is about|say|saying|tell (?:him|her|them)(?: that)?) ", "", value)
        elif slot.answer == "items":
            from .lists import items
            other = _other_request(c)
            if other is not None:
                return other
            slots[slot.name] = items(value)
        elif slot.answer == "expression":
            from .calc import to_expression
            expression = to_expression(value)
            if expression is None:
                continue
            slots[slot.name] = expression
        else:
            slots[slot.name] = value
        return intent.name, slots
    return None


def _other_request(c: Ctx) -> Result:
    """A whole new request said instead of an answer ("what time is it" when asked what to note)."""
    from . import rule_match_other

    found = rule_match_other(c)
    return found if found is not None and found[0] not in ("fallback", "smalltalk", "memory.remember") else None


_QUESTION = re.compile(r"^(?:what|when|where|who|how|why|which|is|are|am|do|does|did|can|could|will|would|have|has)\b")
_NOT_AN_ANSWER = frozenset({"greeting", "how_are_you", "joke", "affection", "goodbye"})


def _small_talk(c: Ctx) -> Result:
    """Small talk that answers no question ("how are you today", "hello"), said while one is open."""
    from .persona import rule_smalltalk

    found = rule_smalltalk(c)
    if found is not None and dict(found[1]).get("topic") in _NOT_AN_ANSWER:
        return found
    said = rule_sentences(c)  # "brilliant, thanks, talk later": leaving, not the name asked for
    return said if said is not None and said[0] == "conversation.end" else None


# ---------------------------------------------------------------------------------------------
# corrections: "no, make that 7", "actually half an hour", "make it 10 instead"

_DONE = ("timer.set", "timer.modify", "timer.status", "reminder.set", "reminder.modify", "alarm.set", "alarm.modify", "calendar.add",
         "calendar.move")
_CORRECTION = re.compile(
    r"^(?:(?:no|nope|sorry|wait|hang on|hold on|oops|shoot|damn|i mean|actually|oh|ah|and|can you|could you)\b ?)*"
    r"(?:(?:make|change|set|move|put|push|shift|bring) (?:(?:that|this)(?: one)?|it(?: one(?= (?:back|forward|on|to|till|until|be)\b))?)"
    r"(?: back| forward| on)?(?: to| till| until)?(?: be)? |"  # "make that one fifteen minutes", but "make it one o'clock" is at one
    r"let us (?:say|make it) |i meant |i said |(?:can|could) (?:it|that) be |"
    r"(?:they|he|she|we) (?:want|wants|would like|would prefer|prefer|prefers|need|needs|asked for|said) (?:it )?|"  # "no, they want Saturday"
    r"(?:better |rather )?make it )?(?:at |for )?(?P<v>.+?)(?: instead| then| rather| please| to be safe| just in case| to be sure|"
    r" while you are at it)?$")


def _unit_s(duration_s: int) -> int:
    if duration_s >= 3600 and duration_s % 3600 == 0:
        return 3600
    return 60 if duration_s % 60 == 0 else 1


def _one_named_again(c: Ctx) -> Result:
    """ "make the harbour one nine" after reminders were set, "make the alarm six", "and the reminder also six
    fifteen": the one named, moved to the time said with no "to" before it (a reason after it left out)."""
    last = c.state.last_intent or ""
    lead = r"^(?:(?:actually|no|sorry|wait|ay|oh|and|then)\b,? )*"
    one = re.match(rf"{lead}(?:make|put|set) the (?P<x>[a-z]+(?: [a-z]+)?) (?:reminder|one) (?P<w>(?!to\b|at\b|for\b|till\b|on\b).+)$", c.t) \
        if last.startswith("reminder.") else None
    alarm = re.search(r"\b(?:make|put|set) (?:the|my) alarm (?P<w>(?!to\b|for\b|at\b|also\b|too\b).+)$", c.t)
    again = re.match(rf"{lead}(?:the|that) reminder(?: also| too| as well)? (?:to |for |at )?(?P<w>.+)$", c.t)
    m = one or alarm or again
    if m is None:
        return None
    words = before_own_clause(m.group("w").split())  # "nine, I'll still be hauling at eight": nine
    said = " ".join(words[:next((i for i in range(1, len(words)) if CLAUSE_START.match(" ".join(words[i:]) + " ")), len(words))])
    w = find_when(f"at {said}", c.now)
    if w is None or not w.has_time or w.has_date or blank(f"at {said}", w.spans).replace("at", "").strip():
        return None
    clock = re.search(r"\b(?:am|pm|a m|p m|morning|afternoon|evening|tonight|night|noon|midnight)\b", said) is None
    if alarm:  # "ay wait, I need to sleep pa, make the alarm six nalang": the hour nearest the alarm's own
        hour = w.at.hour % 12 if clock else w.at.hour
        return "alarm.modify", {"time": f"{hour:02d}:{w.at.minute:02d}", **({"nearest": True} if clock else {})}
    which = {"text": one.group("x")} if one else {}
    return "reminder.modify", {"due": iso(w.at), **which, "keep": "day", **({"nearest": True} if clock else {})}


def rule_correction(c: Ctx) -> Result:
    s = c.state
    if s.last_intent == "reminder.list" and re.match(r"^(?:change|move|make|push|shift|put) (?:it|that)\b", c.t):
        from .reminders import rule_reminder  # "change it to 9" of the reminder just listed: "move the reminder to 9"
        moved = rule_reminder(Ctx(raw=c.raw, t=re.sub(r"^(\w+) (?:it|that)\b", r"\1 the reminder", c.t), state=s, now=c.now))
        return moved if moved is not None and moved[0] == "reminder.modify" else None
    if s.last_intent == "calendar.query" and dict(s.last_slots).get("last"):
        m = re.match(r"^(?:(?:no|sorry|wait|actually|oh|and|um)\b ?)*(?:(?:make|change|move) (?:it|that) (?:to |till )?|(?:can|could) (?:it|that) be )"
                     r"(?P<v>.+?)(?: instead| then)?$", c.t)
        if m:  # "what time's that now?" ... "make it eleven": the event just asked about
            from .calendar import rule_calendar_move
            said = m.group("v")  # "make it half an hour later" shifts it; "make it eleven" moves it there
            return rule_calendar_move(Ctx(raw=c.raw, t=f"move it {said}" if re.search(r"\b(?:later|earlier)$", said) else f"move it to {said}",
                                          state=s, now=c.now))
    named = _one_named_again(c)
    if named is not None:
        return named
    last_day = str(dict(s.last_slots).get("date") or "")
    that_day = re.match(r"^(?P<no>(?:(?:no|wait|sorry|actually|oh)\b ?)*)(?:for|on) (?P<d>[a-z]+) (?=(?:make|change|put) it\b)", c.t)
    if that_day and s.last_intent in ("alarm.set", "alarm.modify") and last_day \
            and date.fromisoformat(last_day).strftime("%A").lower() == that_day.group("d"):
        c = Ctx(raw=c.raw, t=that_day.group("no") + c.t[that_day.end():], state=s, now=c.now)  # "no wait, for Friday make it seven thirty": the Friday one just set
    if s.last_intent not in _DONE:
        return None
    m = _CORRECTION.match(c.t)
    if m is None or (s.last_intent.startswith("alarm.") and re.match(r"^(?:and|also|plus) (?!(?:make|change|move|put|push|shift|set) (?:it|that|this)\b)", c.t)):
        return None  # "and this Saturday at nine" after an alarm was set: another one, not that one moved
    v = re.sub(r" not [a-z0-9' ]+$", "", m.group("v"))  # "I meant Thursday, not Friday"
    last = dict(s.last_slots)
    past = re.fullmatch(r"(?:a )?(?P<m>quarter|half|five|ten|twenty|twenty five) past", v)
    if past:  # "make it quarter past" of an alarm at ten past five: the same hour
        minute = {"quarter": 15, "half": 30, "five": 5, "ten": 10, "twenty": 20, "twenty five": 25}[past.group("m")]
        was = str(last.get("time") or "")
        if s.last_intent.startswith("alarm.") and re.fullmatch(r"\d\d:\d\d", was):
            return "alarm.modify", {"time": f"{was[:2]}:{minute:02d}"}
        key = "start" if s.last_intent.startswith("calendar.") else "due"
        if not s.last_intent.startswith(("timer.", "alarm.")) and last.get(key):
            at = datetime.fromisoformat(last[key]).replace(minute=minute, second=0)
            return ("calendar.move" if key == "start" else "reminder.modify"), {key: iso(at)}
        return None
    if s.last_intent.startswith("timer."):
        d = find_duration(v)
        if d and not blank(v, [d[1]]).strip():
            return "timer.modify", {"duration_s": int(d[0])}
        n = parse_number(v) if re.fullmatch(r"[a-z0-9. -]+", v) else None
        if n and (last.get("duration_s") or s.last_intent == "timer.status"):  # after "how long's left": minutes
            return "timer.modify", {"duration_s": int(n * _unit_s(int(last.get("duration_s") or 60)))}
        return None
    if s.last_intent.startswith("alarm."):
        day = find_when(v, c.now)
        if day is not None and day.has_date and not day.has_time and not blank(v, day.spans).replace("on", "").strip() \
                and re.fullmatch(r"\d\d:\d\d", str(last.get("time") or "")):
            return "alarm.modify", {"time": last["time"], "date": day.at.date().isoformat()}  # "no, make it Saturday": that alarm, on Saturday
        w = fill_slot("time", Ctx(raw=c.raw, t=v, state=s, now=c.now))
        if w is None or (isinstance(w, When) and blank(v, w.spans).replace(" at ", " ").strip() not in ("", "at")):
            return None  # "set an alarm for 6 tomorrow" is a new alarm, not a correction
        hour = w.at.hour
        was = str(last.get("time") or "")
        if hour >= 13 and not re.search(r"\b(?:pm|p m|afternoon|evening|tonight|night)\b", v):
            hour -= 12  # an alarm is for the morning unless said otherwise
            if re.fullmatch(r"\d\d:\d\d", was) and int(was[:2]) >= 12 and not re.search(r"\b(?:am|a m|morning)\b", v):
                hour += 12  # ... or as the alarm it corrects was: "make it half three" of a four o'clock in the afternoon
        elif hour < 12 and re.fullmatch(r"\d\d:\d\d", was) and int(was[:2]) >= 12 and not re.search(
                r"\b(?:am|a m|morning|pm|p m|afternoon|evening|tonight|night)\b", v):
            hour += 12  # "no, make it seven" of an alarm at half six in the evening
        return "alarm.modify", {"time": f"{hour:02d}:{w.at.minute:02d}", **({"date": w.at.date().isoformat()} if w.has_date else {})}
    intent, key = ("calendar.move", "start") if s.last_intent.startswith("calendar.") else ("reminder.modify", "due")
    before = datetime.fromisoformat(last[key]) if last.get(key) else None
    shifted = re.fullmatch(rf"(?P<d>{DURATION_RE}) (?P<way>later|earlier|back|forward)", v)
    if shifted and find_duration(shifted.group("d")):  # "make it an hour later"
        seconds = int(find_duration(shifted.group("d"))[0]) * (1 if shifted.group("way") in ("later", "back") else -1)
        if intent == "calendar.move":
            return "calendar.move", {"shift_s": seconds}
        if before is not None:
            return "reminder.modify", {"due": iso(before + timedelta(seconds=seconds))}
    pushed = re.fullmatch(rf"(?P<way>back|forward|on|out)? ?(?:by )?(?P<d>{DURATION_RE})(?: (?P<way2>later|earlier|back|forward))?", v)
    if pushed and find_duration(pushed.group("d")) and re.match(r"^(?:[a-z]+ )*?(?:push|shift|move|bring|put)\b", c.t):
        # "push it back half an hour", "push it by an hour", "bring it forward ten minutes": from when it was, not from now
        way = pushed.group("way") or pushed.group("way2") or ("forward" if re.search(r"\bbring\b", c.t) else "back")
        seconds = int(find_duration(pushed.group("d"))[0]) * (-1 if way in ("forward", "earlier") else 1)
        if intent == "calendar.move":
            return "calendar.move", {"shift_s": seconds}
        if before is not None:
            return "reminder.modify", {"due": iso(before + timedelta(seconds=seconds))}
    beside = re.fullmatch(r"(?:the )?(?:(?P<b>day before|night before)|day after|next day|following day)(?: that| it)?", v)
    if beside and before is not None:  # "move that to the day before": a day from when it was, at its own time
        day = before.date() + timedelta(days=-1 if beside.group("b") else 1)
        return intent, {key: iso(datetime(day.year, day.month, day.day, 9, tzinfo=before.tzinfo)), "keep": "time"}
    d = find_duration(v)
    if d and not blank(v, [d[1]]).strip():
        if intent == "calendar.move":
            return None  # "make it 2 hours": how long, or when? Not a correction to guess at
        return "reminder.modify", {"due": iso(c.now + timedelta(seconds=d[0]))}
    hm = re.fullmatch(r"(?P<h>[a-z0-9]+(?: [a-z]+)?)(?:[: ](?P<m>\d\d))?", v)
    if before is not None and hm:
        h = parse_number(hm.group("h"))
        if h is not None and 1 <= h <= 12 and h == int(h):
            minute = int(hm.group("m") or 0)
            candidates = [before.replace(hour=int(h) % 12, minute=minute, second=0), before.replace(hour=int(h) % 12 + 12, minute=minute, second=0)]
            best = min(candidates, key=lambda x: abs(x.hour - before.hour))
            return intent, {key: iso(best)}
    w = find_when(v, c.now)
    if (w is None or blank(v, w.spans).replace("at", "").strip()) and re.match(r"^(?:[a-z]+ (?:past|to) )?[a-z]+ [a-z]+", v):
        w = find_when(f"at {v}", c.now)  # "eight thirty tonight": a clock time said without "at"
        v = f"at {v}"
    if w is not None and not blank(v, w.spans).replace("at", "").strip():
        at = w.at
        if before is not None and not w.has_date:
            at = before.replace(hour=at.hour, minute=at.minute, second=0)
            if w.has_time and not re.search(r"\b(?:am|pm|a m|p m|morning|afternoon|evening|tonight|night|noon|midnight)\b", v):
                twelve = (at.replace(hour=at.hour % 12), at.replace(hour=at.hour % 12 + 12))  # "make that half ten" of ten at night
                at = min(twelve, key=lambda x: abs((x - before).total_seconds()))
        elif before is not None and not w.has_time:  # "make it tomorrow": the same time on another day
            at = at.replace(hour=before.hour, minute=before.minute, second=0)
        return intent, {key: iso(at)}
    return None


# ---------------------------------------------------------------------------------------------
# continuations: "oh and coffee beans" after a list, "and another one for the tea" after a timer

_SAME_TIME = rf"(?:,? {SAME_TIME})"
"""The time said again as "same time" after another day: "and one for Friday also, same time"."""


def _another_like_it(c: Ctx) -> Result:
    """ "and another one for Friday, same time" right after a reminder or an alarm was set: the same one on
    that day, at the time said or at the first one's time."""
    last = dict(c.state.last_slots)
    reminder = c.state.last_intent == "reminder.set" and last.get("text") and last.get("due")
    alarm = c.state.last_intent in ("alarm.set", "alarm.modify") and re.fullmatch(r"\d\d:\d\d", str(last.get("time") or ""))
    if not (reminder or alarm):
        return None
    m = re.match(r"^(?:(?:and|also|oh and|then) )?(?:(?:set|make|add|do|put) )?(?:another(?: one)?|one more|one|the same(?: one)?(?: again)?|same again)"
                 rf"(?: for| on)? (?P<w>(?!the\b|my\b|to\b)[a-z0-9' ]+?){_SAME_TIME}?(?: too| as well| again| also)?$", c.t) \
        or re.match(rf"^(?:and )?(?:set|make|add) an? (?:alarm|reminder) (?:for|on) (?P<w>[a-z0-9' ]+?){_SAME_TIME}(?: too| as well| again| also)?$", c.t) \
        or (re.match(rf"^(?:and|also|plus) (?:on |for )?(?P<w>(?!the\b|my\b|to\b|make\b|move\b|change\b)[a-z0-9' ]+?){_SAME_TIME}?(?: too| as well| also)?$", c.t)
            if alarm else None)
    # the second: "and set one for Friday, same time", which references rewrite to "set an alarm for Friday same time";
    # the third: "and this Saturday at nine" after an alarm, another alarm
    w = find_when(m.group("w"), c.now) if m else None
    if w is None or blank(m.group("w"), w.spans).replace("at", "").strip():
        return None
    own = {"repeat": w.repeat} if w.repeat else {}  # "and on Saturdays at seven": every Saturday
    repeat = own or ({"repeat": last["repeat"]} if last.get("repeat") and not w.has_date else {})  # "and one more at eight at night" of a daily one
    if alarm:  # "and set one for Friday, same time" after an alarm at 04:15
        hour, minute = (w.at.hour, w.at.minute) if w.has_time else map(int, str(last["time"]).split(":"))
        day = {"date": w.at.date().isoformat()} if w.has_date and not own else repeat
        return "alarm.set", {"time": f"{hour:02d}:{minute:02d}", **day}
    before = datetime.fromisoformat(last["due"])
    at = w.at if w.has_time else w.at.replace(hour=before.hour, minute=before.minute, second=0)
    if repeat and not own and repeat["repeat"] != "daily":  # "every Friday at one" ... "and one more at six": Fridays at six too
        at = before.replace(hour=at.hour, minute=at.minute, second=0)
    return "reminder.set", {"text": last["text"], "due": iso(at), **repeat}


def _one_more_allergy(c: Ctx) -> Result:
    """ "and also to shrimps" right after "I'm allergic to peanuts": one allergy more, of the same person."""
    last = dict(c.state.last_slots)
    told = re.match(r"^(?P<head>.*\b(?:allergic|intolerant) to) ", str(last.get("value") or ""))
    said = re.match(r"^(?:(?:and|also|oh|plus) )+to (?P<x>(?!(?:it|that|them|him|her)\b)[a-z' ]+?)(?: too| as well| also)?$", c.t)
    if not (told and said and last.get("subject")):
        return None
    return "memory.remember", {"subject": last["subject"], "value": f"{told.group('head')} {said.group('x')}"}


def rule_continuation(c: Ctx) -> Result:
    s = c.state
    last = s.last_intent or ""
    another = _another_like_it(c)
    if another is not None:
        return another
    more = _one_more_allergy(c) if last == "memory.remember" else None
    if more:
        return more
    m = re.match(r"^(?:(?:and|also|plus|oh|then|and also|oh and) )+(?P<rest>.+?)(?: too| as well| also)?$", c.t) \
        or re.match(r"^(?P<rest>.+?) (?:too|as well)$", c.t)
    if m is None and last.startswith("timer.") and rule_timer_add(c.t, after_a_timer=True) is None:  # "add another five minutes to the rice timer": more time, not a timer
        m = re.match(r"^(?:(?:add|set|start|make|do|put on|i need)(?: me)? )?(?P<rest>(?:another|one more|a second|(?:a )?(?:new|fresh) one)\b.*)$", c.t) \
            or re.match(r"^(?:add|set|start|make|do|put on|i need)(?: me)? (?P<rest>one\b.*)$", c.t)  # "another one four minute for the char kway teow"
    if m is None:
        return None
    rest = m.group("rest")
    if last.startswith("list.") and not re.match(r"(?:that|it|this|she|he|they|we|i|put|add|stick|pop|chuck|throw|bung|whack|write|jot)\b", rest):
        rest = re.sub(r" on (?:that|there|it|that list)$", "", rest)  # "oh and washing up liquid on that too"
        rest = re.sub(r"^[a-z' ]+? (?:no sorry|no wait|sorry no|no no|no i mean) ", "", rest)  # "and diapers, no sorry, pull ups"
    if last in ("timer.set", "timer.modify", "timer.status", "timer.cancel", "timer.add"):  # "cancel the timer and set a new one for 15 minutes"
        if re.fullmatch(r"(?:(?:set|start|put on) (?:me |us )?)?(?:another|one more|a second|a new) timer(?: please)?", rest):
            return "timer.set", {}  # "and another timer": a new one, whose length the OS asks for ("and another one" is the same again)
        rest = re.sub(r"^(?:(?:start|set|add|make|do|put on|put)(?: me)? )?(?:a )?second (?=one\b|timer\b)", "another ", rest)
        # "and (a) second one for the cake forty minutes": another, never a timer of one second
        d = find_duration(rest)
        core = f"{re.sub(r' (?:for|of)$', '', rest[:d[1][0]].rstrip())} {rest[d[1][1]:]}".strip() if d else rest  # "another one for 40 minutes for the chicken"
        core = re.sub(r"^(?:start|set|add|make|do|put on|put)(?: me)? (?=(?:another|one more|a second|a new|a fresh|one)\b)", "", core)
        # "and start another one called nap", "and put another one of ten minutes for the onions"
        bare = re.match(rf"^(?:another|one more|a second|one)(?: one)? for (?P<n>{NUMBER_WORDS_RE}|\d+)(?P<rest> .+)?$", core)
        if d is None and bare and parse_number(bare.group("n")):  # "and another for twenty for the peas": minutes, like the last
            d = (parse_number(bare.group("n")) * _unit_s(int(dict(s.last_slots).get("duration_s") or 60)), (0, 0))
            core = f"another{bare.group('rest') or ''}"
        named = re.match(rf"^(?P<a>(?:another|one more|a second|one)(?: one)? for (?:the |my )?[a-z]+(?: [a-z]+)?) for (?P<n>{NUMBER_WORDS_RE}|\d+)$", core)
        if d is None and named and parse_number(named.group("n")):  # "and one for the sausages for eight": minutes, like the last
            d = (parse_number(named.group("n")) * _unit_s(int(dict(s.last_slots).get("duration_s") or 60)), (0, 0))
            core = named.group("a")
        tm = re.match(r"^(?:(?:another|one more|a second|one|an?)?(?: (?:separate|second|new|fresh|other|extra))?(?: one| timer)?)?"
                      r"(?: ?(?:for|called) (?:the |my )?(?P<n>[a-z ]+?))?(?: timer)?(?: now| please| too| as well)?$",
                      re.sub(r"\s+", " ", core).strip())
        duration = d[0] if d else dict(s.last_slots).get("duration_s")
        if tm and duration:
            return "timer.set", {"duration_s": int(duration), **({"name": without_purpose(tm.group("n"))} if tm.group("n") else {})}
    other = re.fullmatch(r"(?:the|my|our) (?P<l>[a-z]+(?: [a-z]+){0,2}?) (?:one|list)", rest)
    if last == "list.read" and other:  # "and the to do one" after a list was read: that list read too
        from .common import list_name
        return "list.read", {"list": list_name(other.group("l"))}
    inner = Ctx(raw=c.raw, t=rest, state=c.state, now=c.now)
    if last.startswith("list.") and re.search(r" (?:for|on|to|onto) (?:the |my |that )?[a-z ]*list$", rest) and not re.match(
            r"^(?:what|how|when|where|why|who|is|are|can|could|do|read|take|put|add|remove|clear)\b", rest):
        from .lists import rule_list  # "and school shoes for the shopping list as well": added, as "add ..." would be
        said = rest if re.match(r"(?:stick|pop|chuck|bung|whack|throw|jot|write)\b", rest) else f"add {rest}"  # "and stick cones on the van list"
        added = rule_list(Ctx(raw=c.raw, t=said, state=c.state, now=c.now))
        if added is not None and added[0] == "list.add":
            return added
    again = re.match(r"^(?:another|one more|a second)(?: one| alarm)? (?P<w>.+)$", rest)
    if last in ("alarm.set", "alarm.modify") and again:  # "and another one Saturday at six for the tournament": one more alarm
        from .alarms import rule_alarm
        found = rule_alarm(Ctx(raw=c.raw, t=f"set an alarm {again.group('w')}", state=c.state, now=c.now))
        if found is not None and found[0] == "alarm.set":
            return found
    if last == "calendar.add" or (last == "calendar.move" and re.match(r"^(?:an?|another) ", rest)):
        # "and lunch with Marcus on Saturday at one": another event ("and a valuation with Mr Price ..." after a move too)
        from .calendar import rule_calendar_add
        said = rest if re.match(r"^(?:add|put|pop|book|schedule|pencil|stick|(?:i|we) (?:have|have got|got))\b", rest) else f"add {rest}"
        # "and book in the farrier ...", "and I've got the accountant Thursday at two"
        another = rule_calendar_add(Ctx(raw=c.raw, t=said, state=c.state, now=c.now))
        if another is not None:
            return another
    from . import rule_match_other
    found = rule_match_other(inner)
    on_list = dict(s.last_slots).get("list") if last in ("list.add", "list.remove", "list.read") else None
    if found is not None and found[0] == "list.add" and on_list not in (None, "shopping") \
            and dict(found[1]).get("list") != on_list and not re.search(r"\b(?:list|shopping)\b", rest):
        from .lists import items  # "and pick up the dry cleaning" after the to-do list: on that list, as said
        return "list.add", {"items": items(re.sub(r"^(?:add|put|stick|get) ", "", rest), c.raw), "list": on_list}  # "and add sausage" too
    bare_thing = last in ("list.add", "list.remove", "list.read") and len(rest.split()) <= 3 and not re.match(
        r"^(?:what|how|when|where|why|who|is|are|can|could|do|set|start|cancel|stop|read|remind|turn|tell|call|ring|text|email|"
        r"pause|play|check|delete|take|put|add|make)\b", rest)  # "oh and batteries" after a list: an item, not the battery level
    if found is not None and found[0] not in ("fallback", "smalltalk", "memory.remember", "memory.recall") \
            and not (bare_thing and not found[0].startswith("list.")):
        return found
    # a shopping item is a few words; a to-do ("book the car in for its service") may be more
    longest = (8 if " and " in rest else 6) if (dict(s.last_slots).get("list") or "shopping") == "shopping" else 10  # "tattie scones and a packet of digestives"
    if last in ("list.add", "list.remove", "list.read") and len(rest.split()) <= longest and \
            not re.search(r"\b(?:what|how|when|where|why|who|is|are|remind|timer|alarm|note|email|calendar)\b", rest):
        from .lists import items
        name = dict(s.last_slots).get("list") or "shopping"
        rest = re.sub(rf" (?:on|to|onto) (?:the |my )?(?:{re.escape(name)}|list|{re.escape(name)} list)$", "", rest)  # "teabags on the shopping"
        rest = re.sub(r"^(?:put|add|stick|pop|chuck|bung) (?=[a-z])", "", rest) if last == "list.add" else rest  # "put crayfish too"
        found_items = items(rest, c.raw, groceries=name != "to-do")
        if last == "list.remove" and found_items and len(rest.split()) <= 4:  # "and the teabags" after taking something off
            return "list.remove", {"item": re.sub(r"^(?:the|my|some) ", "", " and ".join(found_items)), "list": name}
        if found_items:
            return "list.add", {"items": found_items, "list": name}
    return None


# ---------------------------------------------------------------------------------------------
# references: "the dentist one", "the one from Amy", "it"

_TOPIC_NOUNS = {"timer": "timer", "reminder": "reminder", "alarm": "alarm", "email": "email", "note": "note", "calendar": "event"}


def resolve_references(t: str, last_intent: str | None) -> str:
    """ "the X one" and "the one from X" said of whatever was just talked about, in its own noun."""
    if not last_intent:
        return t
    noun = _TOPIC_NOUNS.get(last_intent.split(".")[0])
    if noun is None or re.fullmatch(r"(?:and )?(?:the )?(?:next|previous|last|first) one(?: please)?", t):
        return t  # "and the next one": the next item of what was listed
    if re.match(r"^(?:(?:and|oh|also) )*(?:take |make |add |jot down |write down )?(?:a |another )?note\b|^(?:and |also )*remind me\b|"
                r"^(?:and |also )*(?:remember|dictate|type|write)\b", t):
        return t  # a note's or a reminder's own words: "note the vet's coming for the lame one" keeps "one"
    if noun == "event" and re.match(r"^(?:(?:now|and|ok|okay) )?(?:read|open)(?: me)? (?:the|that) one from ", t):
        noun = "email"  # "read me the one from the marine park mob": mail is read, and is from someone
    if noun in ("reminder", "note", "email", "event"):  # "cancel the one of the rent", as Spanish says it: the one about the rent
        t = re.sub(r"\b(?:the|that|this) one of (?=(?:the|my|our) [a-z]|(?!(?:today|tomorrow|tonight|this|next|[a-z]+day|ten|five|"
                   r"[a-z]+ (?:minutes?|hours?))\b)[a-z]+ [a-z]+$)", f"the {noun} about ", t)  # and "the one of Dona Lucia"
    t = re.sub(r"\b(?:the|that|this) one (?!(?:on|to) one\b)(?:of (?=(?:today|tomorrow|tonight|this|next|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b))?"
               r"(?=from|about|for|with|at|on|today|tomorrow|tonight|this|next|[a-z]+day\b)", f"the {noun} ", t)
    # "delete that one about the blades"; "remove the one of Friday", as said after French or Portuguese
    if noun == "timer":  # "the yorkshires one, make it thirty": that timer made thirty minutes
        t = re.sub(r"^(?P<x>(?:the|my|that) [a-z' ]+?) one,? (?:make it|make that|change it to|set it to|put it to) (?P<to>.+)$", r"make \g<x> one \g<to>", t)
    if noun in ("alarm", "reminder"):  # "the four thirty one, make it four fifteen", "the amma one make it Sunday": move that one
        t = re.sub(r"^(?P<x>(?:the|my|that) [a-z0-9: ]+?) one,? (?:make it|change it to|move it to|put it to|set it for) (?P<to>.+)$",
                   rf"move \g<x> {noun} to \g<to>", t)
        t = re.sub(r"^(?:make|change|move|set) (?P<x>(?:the|my|that) [a-z0-9:' ]+?) one (?!to |for |till |until )"
                   r"(?=(?:half|quarter|[a-z]+ (?:past|to|o'clock|thirty|fifteen|forty five)\b|\d))", rf"move \g<x> {noun} to ", t)
        # "make the four o'clock one quarter past four"
    t = re.sub(r"\b(the|that|my) (?!(?:first|last|next|previous|other|same|new|right|wrong)\b|one (?:on|to) one\b)((?:[a-z']+ ){0,2}[a-z']+)"
               r"(?<!\bfrom)(?<!\bat)(?<!\bto)(?<!\btill)(?<!\buntil)(?<!\bpast)(?<!\bby)(?<!\band)(?<!\bbetween)(?<!\bfor) one\b(?!'| is\b| (?:hours?|minutes?|days?|weeks?|and a half)\b)", rf"\1 \2 {noun}", t)  # "the wee one's greetin" is the baby
    if noun == "alarm":  # "and set one for seven": another alarm
        t = re.sub(r"^(?:and )?(?:also )?(set|make|add|put)( me)? (?:another one|another|one|a second one|a second|a backup one|one more) "
                   r"(?=(?:for|at|every|on|each|tomorrow|weekdays) )", r"\1\2 an alarm ", t)
        t = re.sub(r"^(?:and )?(?:also )?(?:another one|another|one|a second one|a second|a backup one|one more) "
                   r"(?=(?:for|at|every|on|each|tomorrow|weekdays) )", "set an alarm ", t)
        t = re.sub(r"^(?:and )?(?:i want|i would like|i would|i need|can i have|could i have|give me) (?:another one|another|one) (?=(?:for|at|every|on|each|tomorrow|weekdays) )",
                   "set an alarm ", t)  # "and I want one at seven every weekday"
        t = re.sub(r"^(?:and )?(?:also )?(?:an?|another) (?P<at>(?:(?:half|quarter|ten|five|twenty|twenty five) (?:past|to) )?[a-z0-9:']+(?: (?:o'clock|thirty|fifteen|forty five|am|pm))?) one "
                   r"(?=(?:every|on|each|tomorrow|for|at)\b)", r"set an alarm for \g<at> ", t)  # "and a six o'clock one every Saturday"
    if noun == "reminder":  # "and another one Friday at seven to run the traps", "and tomorrow at seven to grab the invoices": another reminder
        t = re.sub(r"^(?:and|also) (?!.*\bremind\b)(?=(?:tomorrow|today|tonight|on [a-z]+day|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at)\b"
                   r".* to [a-z])", "remind me ", t)
        t = re.sub(r"^(?:and )?(?:also )?(?:set |make |add )?(?:another one|another|one more|a second one) (?=(?:for|at|on|every|in|tomorrow|today|tonight|next|"
                   r"this|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.* to [a-z])", "remind me ", t)
    t = re.sub(r"\b(?:the|that) (first|last|latest|next|previous) one\b", rf"the \1 {noun}", t)  # "go back to that first one"
    t = re.sub(r"\bthe one before(?: that| this| it)?$", f"the previous {noun}", t)  # "go back to the one before"
    return t
