"""Rules for timers: set, named, status, pause, resume and cancel."""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE, NUMBER_WORDS_RE, parse_number
from ..timeparse import DURATION_RE, find_duration
from ..normalize import ENDEARMENTS
from .common import NOT_NAMES, Ctx, Result


_TIMER_WORD = r"\b(?:timer|timers|(?<!smoke )(?<!fire )(?<!burglar )(?<!car )(?<!house )alarms?|countdown|count down|time her)\b"
"""Words that make a request one about timers; a smoke alarm is a thing to buy batteries for."""


def without_purpose(words: str) -> str:
    """A timer's thing without what it waits for or where it is: "the bara dough to rise" is the bara
    dough's timer, "the chicken in the oven" the chicken's."""
    words = re.sub(r" to (?:rise|prove|proof|rest|cool|cool down|set|soak|defrost|thaw|marinate|settle|steep|brew|chill)(?: [a-z ]+)?$", "", words)
    return re.sub(r" (?:in|on|under) the (?:oven|hob|stove|grill|pot|pan|slow cooker|air fryer|fridge|freezer)\b", "", words)


def _timer_name(t: str) -> str | None:
    t = without_purpose(t)
    t = re.sub(rf"\b(?:for |of )?{DURATION_RE}", " ", t)
    t = re.sub(r"\s+", " ", t).strip()  # "set timer for the light soup twenty five minutes": the light soup
    t = re.sub(r"\b(timer|alarm) on for\b", r"\1 for", t)  # "put a timer on for the red beans"
    for pattern in (r"\b(?:called|named|labelled|labeled|marked) (?:the )?(?P<n>[a-z]+(?: [a-z]+)?)",
                    r"\b(?:the|my|that|this|a|an) (?P<n>[a-z]+ [a-z]+) (?:timer|alarm)s?\b",
                    r"\b(?P<n>[a-z]+) (?:timer|alarm)s?\b",
                    r"\b(?:timer|alarm) (?:for|on) (?:the |my |a |his |her |their |our )?(?!(?:his|her|their|our)\b)(?P<n>[a-z']+ [a-z]+)$",
                    r"\b(?:timer|alarm) (?:for|on) (?:the |my |a |his |her |their |our )?(?P<n>[a-z]+)\b(?! timer)",
                    r"\b(?:for|on) (?:the |my |a |his |her |their |our )?(?!(?:his|her|their|our)\b)(?P<n>[a-z']+(?: [a-z]+)?)$"):
        m = re.search(pattern, t)
        if m:
            name = m.group("n")
            first = name.split()[0]
            if first not in NOT_NAMES and not re.fullmatch(NUMBER_RE, first) and first not in ("minute", "hour", "second"):
                if name.split()[-1] in ("timer", "alarm", "for", "there"):
                    name = " ".join(name.split()[:-1])  # Trinidadian, Irish "for the roti there"
                return name or None
    return None


_ADD_TIME = re.compile(rf"^(?:please )?(?P<verb>add|put|give (?:it|me|the timer|the (?P<n3>[a-z]+(?: (?!another\b|an\b|extra\b)[a-z]+)?))|stick|chuck|bung|whack|pop|throw|take|knock)(?: an? extra| another)? (?P<d>{DURATION_RE})"
                       r"(?: more| extra)?(?: (?:to|on|onto|off|from|in|into) (?:the |my )?(?:(?P<n>[a-z]+(?: [a-z]+)?) )?timer"
                       r"| (?:to|on|onto|off) (?:the |my |them |those )?(?!it\b|that\b|them\b|this\b)(?P<n2>[a-z]+(?: [a-z]+)?)| (?:on|onto|to|off) (?:it|that|that one|this one|them|those)"
                       r"| off| on)?(?: please)?$")
_NO_TIMER = frozenset({"volume", "sound", "brightness", "alarm", "reminder", "meeting"})
"""What "set the volume to fifty" sets, right after a timer was: never a timer of that name."""
# A timer named by what it times, right after timers were talked about: "pause the pasta", "how much is left for the rice"
_BY_NAME = re.compile(r"^(?P<v>pause|hold|freeze|unpause|un pause|resume|restart|continue|cancel|stop|start) (?:the |my )?"
                      r"(?!(?:it|that|this|them|again|now|please|up|music|the)\b)"
                      r"(?P<n>[a-z]+(?: (?!again\b|going\b|back\b|for\b|a\b|one\b|there\b)[a-z]+)?)(?: one)?(?: there)?"
                      r"(?:(?: for)? a (?:sec|second|minute|moment|bit|tick)| again| going again| back up)?$"
                      r"|^(?:what is|how much is|how long is|how much time is|how much|how long) left (?:on|for) (?:the |my )?(?P<s>[a-z]+(?: [a-z]+)?)$")


def rule_timer_add(t: str, after_a_timer: bool = False) -> Result:
    """ "add 2 minutes to the pasta timer", "give it another 5 minutes", "take a minute off the timer";
    "add 2 minutes" alone only right after a timer was set or asked about."""
    t = re.sub(rf"^(?P<v>take|knock) off (?P<d>{DURATION_RE})$", r"\g<v> \g<d> off", t)  # "take off ten minutes"
    t = re.sub(r"( (?:on|to|off) (?:the|my) [a-z]+) there$", r"\1", t)  # Irish "throw a couple more minutes on the spuds there"
    t = re.sub(r" on to (?=(?:the|my|it|that)\b)", " onto ", t)  # "add another ten minutes on to the stew"
    t = re.sub(rf"^(?:reduce|cut|decrease|remove|minus) (?P<d>{DURATION_RE}) (?:from|off) ", r"take \g<d> off ", t)  # "reduce two minutes from it"
    t = re.sub(rf"^(?:reduce|cut|shorten|decrease) (?P<x>it|that|that one|the [a-z]+(?: [a-z]+)?) by (?P<d>{DURATION_RE})$", r"take \g<d> off \g<x>", t)
    t = re.sub(rf"^(?P<v>add|put|give it|stick|chuck|bung|whack|pop|throw) (?P<a>another|an extra) (?P<n>{NUMBER_WORDS_RE}|\d+)(?= (?:on|to|onto) |$)",
               r"\g<v> \g<a> \g<n> minutes", t)  # "chuck another ten on it": minutes, as more cooking time is
    t = re.sub(rf"^give (?P<x>(?:the|my) [a-z]+(?: [a-z]+)?) (?P<a>another|an extra) (?P<n>{NUMBER_WORDS_RE}|\d+)$", r"give \g<x> \g<a> \g<n> minutes", t)
    # "give the tatties another five"
    m = _ADD_TIME.match(re.sub(r"\b(?P<q>\w+) more (?P<u>seconds?|minutes?|hours?)\b", r"\g<q> \g<u>", t))
    only_a_timer = m is not None and ((m.group("verb") in ("take", "knock") and " off " in t)  # "take two minutes off the rice"
                                      or re.search(r"\b(?:another|an extra|more|extra)\b", t) is not None)  # "stick another ten minutes on the chicken"
    if m is None or (m.group("verb") in ("add", "put", "stick", "chuck", "bung", "whack", "pop", "throw", "take", "knock")
                     and " timer" not in t and not after_a_timer
                     and not only_a_timer):
        return None
    found = find_duration(m.group("d"))
    if found is None:
        return None
    seconds = int(found[0]) * (-1 if m.group("verb") in ("take", "knock") else 1)
    name = re.sub(r" timer$", "", m.group("n") or m.group("n2") or m.group("n3") or "") or None  # "give the crab timer another five minutes"
    if (m.group("n2") or m.group("n3")) and not after_a_timer and not only_a_timer:
        return None  # "put 2 minutes on the pasta" is a timer only when timers were being talked about
    return "timer.add", {"add_s": seconds, **({"name": name} if name and name not in NOT_NAMES else {})}


def rule_timer(c: Ctx) -> Result:
    t = re.sub(r"^((?:set|start|put on|make)(?: me)? (?:a|another) timer .+?) (?:and )?(?:call|name) it (?P<n>[a-z]+(?: [a-z]+)?)$",
               r"\1 for the \g<n>", c.t)  # "set us a timer for forty minutes, call it soot"
    t = re.sub(rf"^((?:set|start|put on|make)(?: me| us)? (?:a|another) timer (?:for )?{DURATION_RE})(?: {ENDEARMENTS})? the "
               r"(?P<n>[a-z]+(?: [a-z]+)?)(?:'s| is| are) (?:on|in|in the oven|on the go|cooking|going in)(?: now)?$",
               r"\1 for the \g<n>", t)  # "set a timer for three hours, b'y, the jiggs dinner's on": the jiggs dinner's timer
    t = re.sub(r"^start back(?: up)? (?=(?:the|my|that) )", "restart ", t)  # "start back the bleach one"
    t = re.sub(r"^start (?P<x>(?:the|my|that) [a-z]+(?: [a-z]+)?) back(?: up)?$", r"restart \g<x>", t)  # Southern US "start the ribs back"
    c = Ctx(raw=c.raw, t=t, state=c.state, now=c.now)
    if c.state.last_intent == "timer.pause" and re.match(r"^(?:(?:right|ok|okay|and|you can) )*(?:carry on|keep going|continue|"
                                                        r"go on|start again|go again|start it (?:up )?again|start it back(?: up)?|(?:resume|unpause|continue) (?:it|that)|resume|unpause|"
                                                        r"get it going again|set it going again)(?: now| then| please)?$", t):
        name = dict(c.state.last_slots).get("name")  # "right, carry on": the timer just paused
        return "timer.resume", ({"name": name} if name else {})
    after_timers = (c.state.last_intent or "").startswith("timer.") or any(
        re.search(rf"\b(?:the|my) {re.escape(name)}\b", t) for name in c.state.timers)  # "pause the tatties" after a list: a timer running
    another = re.match(rf"^(?:and |then )?(?:the )?(?P<n>[a-z]+(?: (?!(?:{NUMBER_WORDS_RE}|an?|half)\b)[a-z]+)?) (?P<d>{DURATION_RE})$", t) \
        if after_timers else None
    another = another or (re.match(rf"^(?:and |then )?(?P<d>{DURATION_RE}) for (?:the |my )?(?P<n>[a-z]+(?: [a-z]+)?)$", t) if after_timers else None)
    another = another or (re.match(rf"^(?:and )?(?:a wee|a little|another|one more) one for (?P<d>{DURATION_RE}) for (?:the |my )?(?P<n>[a-z]+(?: [a-z]+)?)$", t)
                          if after_timers else None)  # Scots "and a wee one for eight minutes for the eggs"
    another = another or (re.match(rf"^(?:and |then )?(?:put|set|start|make|give me) (?:another|one more|a second) (?:one )?for (?:the |my )?"
                                   rf"(?P<n>[a-z]+(?: (?!(?:{NUMBER_WORDS_RE}|an?|half)\b)[a-z]+)?),? (?:for )?(?P<d>{DURATION_RE})$", t)
                          if after_timers else None)
    # "eight minutes for the black pudding", "and put another one for the plantain, ten minutes", while timers are being set
    lasting = find_duration(another.group("d")) if another else None
    if lasting and another.group("n").split()[0] not in NOT_NAMES | {"another", "for", "more", "extra", "give", "add", "take", "knock", "plus", "minus"}:
        return "timer.set", {"duration_s": int(lasting[0]), "name": another.group("n")}  # "cornbread twenty five minutes", while timers are being set
    m = re.match(r"^(?:(?:right|ok|okay|and|you can) )*(?:carry on|keep going|continue|resume|restart|unpause) (?:with )?(?:the |my )?"
                 r"(?P<n>(?!(?:now|then|it|that|again|please)$)[a-z]+(?: (?!(?:one|timer)$)[a-z]+)?)(?: one| timer)?$", t)
    if m and after_timers and m.group("n").split()[0] not in NOT_NAMES | {"them", "both", "all", "everything"} and (
            " " not in m.group("n") or re.search(r"\b(?:with|the|my) " + re.escape(m.group("n")), t)):  # "okay, carry on with the bread"
        return "timer.resume", {"name": m.group("n")}
    m = re.match(r"^(?:(?:right|ok|okay|and) )*(?:the |my )?(?P<n>[a-z]+(?: [a-z]+)?) can (?:carry on|go again|start again|keep going|"
                 r"go back on)(?: now| again)?$", t)
    if m and after_timers and m.group("n").split()[0] not in NOT_NAMES:  # "okay, the bloomers can carry on now"
        return "timer.resume", {"name": m.group("n")}
    m = re.match(rf"^(?:(?:no|ah|oh|actually|sorry) )*(?:the |my )?(?P<n>[a-z]+)(?: one| timer)? (?:only |just )?(?:needs|should be|should have|wants|"
                 rf"has to have|needs to be|takes) (?P<d>{DURATION_RE}|(?:{NUMBER_WORDS_RE})(?: (?:{NUMBER_WORDS_RE}))?)"
                 r"(?: not .+| in total| altogether| make (?:that|it)(?: one)? [a-z ]+)?$", t)
    lasting = None
    if m:
        found, bare = find_duration(m.group("d")), parse_number(m.group("d"))
        lasting = found[0] if found else (bare * 60 if bare is not None else None)  # "the bread only wants thirty five": minutes
    if m and lasting and after_timers and m.group("n") not in NOT_NAMES:  # "the pizza needs fifteen minutes, not twelve"
        return "timer.modify", {"duration_s": int(lasting), "name": m.group("n")}
    both = re.match(r"^(?:(?:right|ok|okay|oh|ah) )*(?P<v>pause|hold|stop|resume|unpause|restart|start|carry on with|continue|cancel|scrap|"
                    r"get rid of|bin) (?:them both|both of them|both timers|both|them all|all of them|the lot of them|the whole lot|the lot|everything|them|all|"
                    r"all (?:the |my )?timers|every timer)(?: again| back up| (?:for )?a (?:sec|second|minute|moment|tick))?$", t)
    if both and after_timers:  # "pause them both", "start them both again", "cancel them both"
        if both.group("v") in ("cancel", "scrap", "get rid of", "bin"):
            return "timer.cancel", {"all": True}
        return ("timer.pause" if both.group("v") in ("pause", "hold", "stop") else "timer.resume"), {"all": True}
    named = re.match(r"^how (?:long|much time) (?:has|have|is left on) (?:the |my )(?P<n>[a-z]+(?: [a-z]+)?) (?:got|timer)(?: left)?$", t) \
        or re.match(r"^how long (?:till|until|before) (?:the |my )(?P<n>[a-z]+(?: [a-z]+)?)(?:'s| is| are) (?:ready|done|cooked)$", t) \
        or re.match(r"^how (?:are|is) (?:the |my )(?!(?:timers?|alarms?|things|everything)\b)(?P<n>[a-z]+(?: [a-z]+)?) (?:doing|getting on|coming along)$", t)  # "how are the spuds doing"
    if named and after_timers and named.group("n").split()[0] not in NOT_NAMES:  # "how long has the lemon drizzle got"
        return "timer.status", {"name": named.group("n")}
    if after_timers and re.match(
            r"^(?:how (?:long|much time|many minutes) (?:has it got|is left on it|has it got left|is there left|is left|have we got|left)|"
            r"(?:what|how much) is (?:left|remaining) on (?:it|that|that one))(?: left| now)?$", t):  # "what's left on it"
        name = dict(c.state.last_slots).get("name")  # "how long has it got?" of the timer just talked about
        return "timer.status", ({"name": name} if name else {})
    again = re.match(r"^(?:start|restart|get) (?:the |my )(?P<n>[a-z]+(?: [a-z]+)??)(?: one| timer)? (?:back up|again|going again)$", t) \
        or re.match(r"^(?:(?:go|carry|keep) on |start )?again with (?:the |my )(?P<n>[a-z]+(?: [a-z]+)?)(?: one| timer)?$", t)
    # "grand, go on again with the spuds"
    if again and after_timers and again.group("n").split()[0] not in NOT_NAMES:  # "start the cold brew one back up"
        return "timer.resume", {"name": again.group("n")}
    bare = re.match(rf"^(?P<v>take|knock|put|add|stick) (?P<n>{NUMBER_WORDS_RE}|\d+) (?:off|on)(?: it| the timer)?(?: actually| then)?$", t)
    if bare and after_timers and parse_number(bare.group("n")):  # "take five off, actually": minutes, of the timer just talked about
        sign = -1 if bare.group("v") in ("take", "knock") else 1
        return "timer.add", {"add_s": sign * int(parse_number(bare.group("n"))) * 60}
    added = rule_timer_add(t, after_a_timer=after_timers)
    asked_of = dict(c.state.last_slots).get("name") if c.state.last_intent == "timer.status" and len(c.state.timers) > 1 else None
    if added is not None and "name" not in added[1] and asked_of and re.search(r" (?:on|onto|to|off) (?:it|that|that one|this one)$", t):
        return "timer.add", {**added[1], "name": asked_of}  # "put another five minutes on that one", of the hodgepodge just asked about
    if added is not None:
        return added
    unnamed = re.match(rf"^(?:make|change|set|put|switch) (?:the|my|that) timer (?:to|for) (?P<d>{DURATION_RE})(?: instead)?$", t)
    if unnamed:
        return "timer.modify", {"duration_s": int(find_duration(unnamed.group("d"))[0])}
    m = re.match(rf"^(?:make|change|set|put) (?:the |my )?(?P<n>[a-z]+(?: [a-z]+)??) (?:timer|one) (?:to |for |at )?(?P<d>{DURATION_RE})"
                 r"(?: instead| altogether| in total| all together)?$", t)
    new = re.match(rf"^set (?!the |my |that )(?P<n>[a-z]+) timer for (?P<d>{DURATION_RE})$", t)
    if new and new.group("n") not in NOT_NAMES:  # "set paint timer for forty five minutes": a new one, said without "a"
        return "timer.set", {"duration_s": int(find_duration(new.group("d"))[0]), "name": new.group("n")}
    if m is None and after_timers:  # "make the potatoes fifteen minutes" of the potatoes timer
        m = re.match(rf"^(?:make|change|set) (?:the |my )?(?P<n>[a-z]+(?: [a-z]+)??) (?:to |for )?(?P<d>{DURATION_RE})(?: instead| altogether)?$", t)
        bare = None if m else re.match(r"^(?:make|change|set) (?:the |my )?(?P<n>[a-z]+)(?: timer| one)? (?:to |for )?(?P<d>[a-z]+(?: [a-z]+)??)(?: instead)?$", t)
        if bare and (bare.group("n") in c.state.timers if c.state.timers else bare.group("n") not in _NO_TIMER) and \
                bare.group("n") not in NOT_NAMES and find_duration(f"{bare.group('d')} minutes"):  # "make the potatoes fifteen", "the rice one eighteen"
            return "timer.modify", {"duration_s": int(find_duration(f"{bare.group('d')} minutes")[0]), "name": bare.group("n")}
    if m and m.group("n").split()[0] not in NOT_NAMES and (" " not in m.group("n") or re.match(r"^\w+ (?:the|my) ", t)):
        # a two-word name only after "the" or "my": "make the curry sauce one fifteen minutes", never "set me a timer"
        return "timer.modify", {"duration_s": int(find_duration(m.group("d"))[0]), "name": m.group("n")}
    m = re.match(rf"^time (?:me )?(?:for )?(?P<d>{DURATION_RE})(?: for (?:the |my |our )?(?P<n>[a-z]+(?: [a-z]+)?))?$", t)
    if m and find_duration(m.group("d")):  # "can you time forty five minutes for the cake"
        name = m.group("n")
        return "timer.set", {"duration_s": int(find_duration(m.group("d"))[0]),
                             **({"name": name} if name and name.split()[0] not in NOT_NAMES else {})}
    has_word = re.search(_TIMER_WORD, t) is not None
    dur = find_duration(t)
    if has_word:
        if re.search(r"\b(?:reminder|remind)\b", t):
            return None
        t = re.sub(r"\bstop (?P<x>(?:the |my |that )?(?:[a-z]+ )?timers?) (?:for )?(?:a|one) (?:moment|second|sec|minute|bit|tick)\b",
                   r"pause \g<x>", t)  # Spanish "stop the timer a moment": a pause, not the end of it
        if re.search(r"\b(?:cancel|stop|delete|remove|kill|turn off|switch off|clear|end|dismiss|get rid of|abort|scrap|shut off|silence)\b", t) \
                and not re.search(r"\b(?:restart|start again)\b", t):
            slots: dict = {}
            if re.search(r"\ball\b|\bevery\b|\btimers\b|\bthe lot\b|\beverything\b|\bboth\b", t):
                slots["all"] = True
            else:
                name = _timer_name(t)
                if name:
                    slots["name"] = name
            return "timer.cancel", slots
        every = re.search(r"\b(?:all|every|both)\b.*\btimers?\b|\btimers\b", t) is not None  # "hold all the timers"
        if re.search(r"\b(?:pause|hold|freeze|halt|suspend|stop for a (?:second|moment|bit))\b", t):
            name = None if every else _timer_name(t)
            return "timer.pause", ({"name": name} if name else {"all": True} if every else {})
        if re.search(r"\b(?:resume|unpause|un pause|continue|restart|carry on|keep going|start (?:it |the timer )?again|unfreeze|go again)\b"
                     r"|\bstart\b.*\b(?:going )?again\b", t):
            name = None if every else _timer_name(t)
            if every:
                return "timer.resume", {"all": True}
            return "timer.resume", ({"name": name} if name else {})
        if dur is None and re.search(r"\b(?:how (?:much|long)|left|remaining|status|check|what timers|which timers|any timers|how many timers|"
                                     r"is (?:my|the) \w* ?timer|how is|how are|where is|when will|when does|still running|"
                                     r"going|running|what is on|time on|list)\b", t):
            name = _timer_name(t)
            return "timer.status", ({"name": name} if name else {})
        more = re.search(r"\b(?:add|put|stick|give (?:it|the \w+)) (?:another|an extra|extra)\b.*$", t)
        if more and more.start() > 0 and (added := rule_timer_add(more.group(0), after_a_timer=after_timers)):
            return added  # "the rice is still hard, add another five minutes to the rice one"
        if dur is None and not re.search(r"\b(?:timers?|countdown|count down)\b", t):
            return None  # "set alarm tomorrow on six fifteen": an alarm whose time was not read, never a timer of no length
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
    m = re.match(r"^how (?:long|much longer|much time)(?: is| is there| have i got| do i have)?(?: left| to go)? on (?:the |my )?(?P<n>[a-z]+)(?: timer)?$", t) \
        or re.match(r"^how (?:long|much time) (?:is|has) (?:the |my )(?P<n>[a-z]+)(?: timer)? got(?: left| to go)?$", t)
    if m and m.group("n") in ("them", "those", "both", "everything", "all"):
        return "timer.status", {}  # "how long is left on them": every timer
    if m and m.group("n") not in NOT_NAMES | {"that", "it", "this"}:
        return "timer.status", {"name": m.group("n")}
    m = re.match(r"^how (?:long|much longer|much time) (?:till|until|before) (?:the |my )?(?P<n>[a-z]+) "
                 r"(?:is |will be |are )?(?:done|ready|finished|cooked)$|"
                 r"^how (?:long|much time|much longer) (?:is )?(?:left|remaining|to go)? ?(?:on|for) (?:the |my |that |this )?(?P<n2>(?!now\b|then\b)[a-z]+(?: (?!now\b|then\b)[a-z]+)?)"
                 r"(?: now| then)?$", t)  # "how long's left on the lash tint"
    if m and (m.group("n") or m.group("n2")) not in NOT_NAMES | {"that", "it", "this", "them"}:
        return "timer.status", {"name": m.group("n") or m.group("n2")}
    if m and after_timers:  # "how long's left on that"
        name = dict(c.state.last_slots).get("name")
        return "timer.status", ({"name": name} if name else {})
    named = _BY_NAME.match(t) if after_timers else None
    if named and named.group("s") and " left for " in t and named.group("s") not in c.state.timers:
        named = None  # "how much is left for the rent" asks of no timer
    if named and (named.group("n") or named.group("s")).split()[0] not in NOT_NAMES and not re.search(
            r"\b(?:meeting|appointment|event|reminder|alarm|note|e ?mail|mail|letter|list|call|lunch|dinner|music|radio|"
            r"recording|dictation|everything)s?$", named.group("n") or named.group("s")):  # "cancel the meeting" is no timer
        name = named.group("n") or named.group("s")
        if named.group("s"):
            return "timer.status", {"name": name}
        verb = named.group("v")
        if name in ("lot", "everything", "both", "all", "them", "whole lot"):
            return ("timer.cancel" if verb in ("cancel", "stop") else "timer.pause" if verb in ("pause", "hold", "freeze")
                    else "timer.resume"), {"all": True}  # "cancel the lot"
        if verb == "start" and not re.search(r" (?:again|going again|back up)$", t):
            return None  # "start the chicken" is no timer said again
        intent = {"cancel": "timer.cancel", "stop": "timer.cancel"}.get(verb, "timer.pause" if verb in ("pause", "hold", "freeze") else "timer.resume")
        return intent, {"name": name}
    if after_timers and re.match(r"^how (?:long|much time) (?:have i|have we|do i have|do we have) (?:got )?(?:left )?(?:on (?:everything|them|"
                                 r"them all|all of them|the lot|both|both of them|it)|left)$|"
                                 r"^how (?:am i|are we|are they|is it) (?:doing|getting on|looking) (?:on|with) (?:everything|them|them all|"
                                 r"all of them|the lot|both|both of them|it)$", t):
        return "timer.status", {}  # "how long have I got on everything"
    if re.match(r"^(?:how (?:much|long)(?: time)? (?:is )?(?:left|remaining|to go)|how much longer|how long (?:now|until it is done|to go)|"
                r"how much time do i have left|time left|how long is left|is it done yet|how long until it goes off)$", t):
        return "timer.status", {}
    return None
