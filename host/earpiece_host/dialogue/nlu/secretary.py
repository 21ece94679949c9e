"""Rules for the secretarial skills: letters, timers, reminders, calendar and notes."""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE
from ..timeparse import DURATION_RE, POD_HOURS, blank, duration_of, find_duration, find_when
from .common import NOT_NAMES, Ctx, Result, clean, iso, title
from .context import day_span

def rule_letter_start(c: Ctx) -> Result:
    t = c.t
    m = re.search(r"\b(?:write|take|start|begin|dictate|compose|draft|do|new|create|make)(?: up)? (?:a |an |another |the )?(?:new )?"
                  r"(?:letter|a letter)(?: for me)?(?: (?:to|for|addressed to) (?P<r>[a-z' ]+))?$", t)
    if m is None:
        m = re.search(r"^(?:i (?:want|would like|need) to |let us |let me |i am going to |time to )?(?:write|dictate) "
                      r"(?:a (?:letter|few lines|note) )?to (?P<r>[a-z' ]+)$", t)
        if m and re.search(r"\b(?:note|email|message)\b", t):
            m = None
    if m is None:
        m = re.search(r"^(?:new|start a|begin a) letter(?: to (?P<r>[a-z' ]+))?$", t)
    if m is None:
        return None
    r = (m.group("r") or "").strip()
    r = re.sub(r"\b(?:please|now|for me)$", "", r).strip()
    sender = None
    if " from " in r:
        r, sender = (x.strip() for x in r.split(" from ", 1))
    slots = {"recipient": title(r)} if r else {}
    if sender and r:
        slots["sender"] = sender
    return "letter.start", slots


_READBACK = (r"^(?:read (?:it|that|the letter|my letter|the whole thing|it all|what i have|what we have|back what i have|"
             r"me what i have|me the letter|me my letter|what i have written|everything)(?: so far)?(?: back| out| again| aloud| out loud)?(?: to me)?(?: so far)?|"
             r"read back(?: the letter| my letter| what i have)?|what have i (?:got|written|said|dictated)(?: so far)?|"
             r"how does (?:it|that|the letter) (?:sound|read)(?: so far)?|(?:can i )?hear (?:it|the letter)(?: back)?|"
             r"play (?:it|the letter) back|let me hear (?:it|the letter|what i have)(?: back)?|read me what i have(?: so far| written)?|"
             r"read the letter back|where (?:was i|were we|are we))$")
_PROOFREAD = (r"^(?:proof ?read(?: it| that| the letter| my letter| this)?|check (?:it|that|the letter|my letter|the spelling|my spelling|my grammar|the grammar|for (?:mistakes|errors|typos))"
              r"(?: for (?:mistakes|errors|typos))?|(?:are there )?any (?:mistakes|errors|typos)|look (?:it |the letter )?over|"
              r"correct (?:it|the letter)|spell ?check(?: it)?|is (?:it|the letter|that|everything) (?:ok|okay|correct|right|alright)|"
              r"did i make any mistakes|give it a (?:proof ?read|check)|go over (?:it|the letter)|check it over)$")


def rule_letter_commands(c: Ctx) -> Result:
    t = c.t
    if re.match(_READBACK, t):
        return "letter.readback", {}
    if re.match(_PROOFREAD, t):
        return "letter.proofread", {}
    if (c.state.dictating or c.state.last_intent == "letter.proofread") and re.match(
            r"^(?:fix it|fix (?:them|that|those|the mistakes|it up|everything|those mistakes)|apply (?:the |those )?(?:fixes|corrections|changes)|"
            r"make (?:the|those) changes|correct (?:them|those)|yes fix (?:it|them))$", t):
        return "letter.proofread", {"apply": True}
    if c.state.dictating and re.match(
            r"^(?:that is (?:all|it|everything)|that will be all|end (?:of )?(?:the )?letter|finish(?:ed)?(?: the letter)?|"
            r"save (?:it|the letter|that)|done|i am (?:done|finished)|we are done|sign (?:it )?off|stop dictation|end dictation|"
            r"close the letter|that is the end|the end|all done|that is it save it|i think that is it|finish it|wrap it up|"
            r"(?:yours )?sincerely(?: me)?|end of dictation|that is the lot)$", t):
        return "letter.end", {}
    if not c.state.dictating and re.search(r"\b(?:letter)\b", t):
        if re.search(r"\b(?:read|hear)\b", t):
            return "letter.readback", {}
        if re.search(r"\b(?:proof|check|mistakes|errors)\b", t):
            return "letter.proofread", {}
        if re.search(r"\b(?:finish|save|end|done)\b", t):
            return "letter.end", {}
    return None


def rule_letter_edit(c: Ctx) -> Result:
    """ "change lovely to wonderful", "replace week with fortnight" while a letter is open."""
    m = re.match(r"^(?:change|replace|swap|correct|make) (?:the word )?(?P<o>[a-z0-9' ]+?) (?:to|with|for|into|by) (?:the word )?(?P<n>[a-z0-9' ]+)$", c.t)
    if m and len(m.group("o").split()) <= 6:
        return "letter.edit", {"old": m.group("o"), "new": m.group("n")}
    return None


def rule_dictation(c: Ctx) -> Result:
    t = c.t
    if re.match(r"^(?:cancel (?:the|this) letter|discard (?:it|the letter|this letter)|throw (?:it|the letter) away|"
                r"delete (?:the|this) letter|forget the letter|never mind the letter|scrap (?:it|the letter)|cancel)$", t):
        return "conversation.cancel", {}
    if re.match(r"^(?:new paragraph|next paragraph|paragraph|start a new paragraph|new para)$", t):
        return "letter.dictate", {"edit": "new_paragraph"}
    if re.match(r"^(?:scratch that|scratch it|delete that|delete the last (?:sentence|bit|line|part)|undo(?: that)?|"
                r"strike that|take that back|remove (?:that|the last sentence|the last bit)|no scratch that|"
                r"erase that|cut that|cross that out)$", t):
        return "letter.dictate", {"edit": "scratch"}
    if re.match(r"^(?:say that again|repeat that|what did you say)$", t):
        return "conversation.repeat", {}
    return "letter.dictate", {"text": spoken_punctuation(c.raw)}


def spoken_punctuation(raw: str) -> str:
    """Dictated text with spoken punctuation ("comma", "full stop") turned into marks."""
    t = re.sub(r"\b(?:u+m+|u+h+|e+r+m+)\b[,]?", "", raw)
    marks = [
        (r"\s*\b(?:full stop|period|dot)\b", "."), (r"\s*\bcomma\b", ","), (r"\s*\bquestion mark\b", "?"),
        (r"\s*\bexclamation (?:mark|point)\b", "!"), (r"\s*\bcolon\b", ":"), (r"\s*\bsemi ?colon\b", ";"),
        (r"\s*\bnew line\b", "\n"),
    ]
    for pattern, mark in marks:
        t = re.sub(pattern, mark, t, flags=re.IGNORECASE)
    return re.sub(r"[ \t]+", " ", t).strip()


# ---------------------------------------------------------------------------------------------
# timers

_TIMER_WORD = r"\b(?:timer|timers|alarm|alarms|countdown|count down|time her)\b"


def _timer_name(t: str) -> str | None:
    t = re.sub(rf"\b(?:for |of )?{DURATION_RE}", " ", t)
    t = re.sub(r"\s+", " ", t)
    for pattern in (r"\b(?:called|named|labelled|labeled|marked) (?:the )?(?P<n>[a-z]+(?: [a-z]+)?)",
                    r"\b(?P<n>[a-z]+) (?:timer|alarm)s?\b",
                    r"\b(?:timer|alarm) (?:for|on) (?:the |my |a )?(?P<n>[a-z]+)\b(?! timer)",
                    r"\b(?:for|on) (?:the |my |a )?(?P<n>[a-z]+)$"):
        m = re.search(pattern, t)
        if m:
            name = m.group("n")
            first = name.split()[0]
            if first not in NOT_NAMES and not re.fullmatch(NUMBER_RE, first) and first not in ("minute", "hour", "second"):
                if name.split()[-1] in ("timer", "alarm", "for"):
                    name = " ".join(name.split()[:-1])
                return name or None
    return None


def rule_timer(c: Ctx) -> Result:
    t = c.t
    has_word = re.search(_TIMER_WORD, t) is not None
    dur = find_duration(t)
    if has_word:
        if re.search(r"\b(?:reminder|remind)\b", t):
            return None
        if re.search(r"\b(?:cancel|stop|delete|remove|kill|turn off|switch off|clear|end|dismiss|get rid of|abort|scrap|shut off|silence)\b", t) \
                and not re.search(r"\b(?:restart|start again)\b", t):
            slots: dict = {}
            if re.search(r"\ball\b|\bevery\b|\btimers\b", t):
                slots["all"] = True
            else:
                name = _timer_name(t)
                if name:
                    slots["name"] = name
            return "timer.cancel", slots
        if re.search(r"\b(?:pause|hold|freeze|halt|suspend|stop for a (?:second|moment|bit))\b", t):
            name = _timer_name(t)
            return "timer.pause", ({"name": name} if name else {})
        if re.search(r"\b(?:resume|unpause|un pause|continue|restart|carry on|keep going|start (?:it |the timer )?again|unfreeze|go again)\b", t):
            name = _timer_name(t)
            return "timer.resume", ({"name": name} if name else {})
        if dur is None and re.search(r"\b(?:how (?:much|long)|left|remaining|status|check|what timers|which timers|any timers|"
                                     r"is (?:my|the) \w* ?timer|how is|how are|where is|when will|when does|still running|"
                                     r"going|running|what is on|time on|list)\b", t):
            name = _timer_name(t)
            return "timer.status", ({"name": name} if name else {})
        if dur is not None or re.search(r"\b(?:set|start|make|create|begin|put|new|add|give me|run)\b", t):
            slots = {"duration_s": int(dur[0])} if dur else {}
            name = _timer_name(t)
            if name:
                slots["name"] = name
            return "timer.set", slots
        return None
    if dur is not None and re.search(
            r"^(?:wake me(?: up)?|get me up|count(?: me)? down|let me know|tell me|ping me|buzz me|alert me|shout|give me a shout|"
            rf"time me(?: for)?|give me|remind me|nudge me|call me back)(?: in| after| when)? (?:{DURATION_RE})(?: (?:is|are|have) (?:up|passed|gone))?(?: from now)?$", t):
        if t.startswith("remind me"):
            return None
        return "timer.set", {"duration_s": int(dur[0])}
    m = re.match(r"^how (?:long|much longer|much time) (?:till|until|before) (?:the |my )?(?P<n>[a-z]+) "
                 r"(?:is |will be |are )?(?:done|ready|finished|cooked)$|"
                 r"^how (?:long|much time|much longer) (?:is )?(?:left|remaining|to go) (?:on|for) (?:the |my )?(?P<n2>[a-z]+)$", t)
    if m:
        return "timer.status", {"name": m.group("n") or m.group("n2")}
    if re.match(r"^(?:how (?:much|long)(?: time)? (?:is )?(?:left|remaining|to go)|how much longer|how long (?:now|until it is done|to go)|"
                r"how much time do i have left|time left|how long is left|is it done yet|how long until it goes off)$", t):
        return "timer.status", {}
    return None


# ---------------------------------------------------------------------------------------------
# reminders

def rule_reminder(c: Ctx) -> Result:
    t = c.t
    if not re.search(r"\b(?:remind|reminding|reminder|reminders|remember to|do not let me forget|dont let me forget|make sure i)\b", t):
        return None
    if re.search(r"\b(?:cancel|delete|remove|clear|drop|get rid of|turn off|scrap|forget|erase|undo|stop|do not need|"
                 r"no longer need|do not want|no longer want)\b.*\breminders?\b", t) \
            or re.search(r"^(?:do not|no need to|you do not need to|you can stop|stop|quit|no more) remind(?:ing)? me\b", t):
        if re.search(r"\ball\b|\bevery\b|\breminders\b", t) and not re.search(r"\b(?:about|to|for|that)\b", t):
            return "reminder.cancel", {"all": True}
        m = re.search(r"\breminders? (?:about|to|for|that|of|called) (?P<x>.+)$", t) or \
            re.search(r"\bremind(?:ing)? me (?:about|to|of)? ?(?P<x>.+)$", t)
        if m is None:
            m = re.search(r"\b(?:the|my|that) (?P<x>[a-z ]+?) reminders?\b", t)
        text = clean(m.group("x")) if m else ""
        text = re.sub(r"\b(?:any ?more|now|please|for me|then)$", "", text).strip()
        text = re.sub(r"^(?:the|my) reminder\b ?", "", text)
        text = re.sub(r"^(?:the|my|a) ", "", text)
        return "reminder.cancel", ({"text": text} if text else {})
    if re.search(r"\b(?:what|which|list|read|tell me|show|any|do i have|have i got|are there|check|go through|my)\b.*\breminders\b", t) \
            or re.search(r"^(?:what (?:did|have) i (?:ask|asked|told|tell) you to remind me(?: about| of)?|what am i supposed to remember|"
                         r"what are you reminding me (?:about|of)|any reminders|reminders|is there a reminder|do i have a reminder)", t):
        w = find_when(t, c.now)
        return "reminder.list", ({"date": w.at.date().isoformat()} if w and w.has_date else {})
    m = re.search(r"\b(?:remind me|set (?:a |me a |up a )?reminder|create (?:a )?reminder|add (?:a )?reminder|make (?:a )?reminder|"
                  r"new reminder|reminder|do not let me forget|dont let me forget|remember to|make sure i)\b(?P<rest>.*)$", t)
    if m is None:
        return None
    slots: dict = {}
    w = find_when(t, c.now)
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


# ---------------------------------------------------------------------------------------------
# calendar

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


def rule_note(c: Ctx) -> Result:
    t = c.t
    m = re.match(r"^(?:take|make|add|write|jot|create|save|leave|start|put)(?: down)?(?: me| myself)? (?:a |an )?(?:quick |new |short )?"
                 r"note(?: to self| for (?:me|myself|later))?(?: that| saying| says| to say| which says|:| about)? ?(?P<x>.+)$", t)
    if m is None:
        m = re.match(r"^(?:note to self|memo to self|note down|(?:write|jot|note|take|put) (?:this|that|it) down|write down|jot down|make a note of|take note of|take down|new note|"
                     r"put (?:this|it) in my notes|add to my notes|for my notes|memo|note)(?: that)?:? (?P<x>.+)$", t)
    if m is not None and not re.search(r"\b(?:list)\b$", t):
        x = clean(m.group("x"))
        if x and not re.match(r"^(?:of )?(?:this|that|it)$", x):
            return "note.add", {"text": x}
    if re.search(r"\bnotes\b|\bmy (?:last |latest )?note\b|\bnote i (?:made|took)\b|\bwhat did i (?:note|jot|write down)\b", t) and \
            re.search(r"\b(?:read|what|show|tell|list|any|go through|check|hear|do i have|repeat|recap)\b", t):
        return "note.read", {}
    return None

