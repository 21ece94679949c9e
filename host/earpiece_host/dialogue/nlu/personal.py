"""Rules for the personal side: memory, the persona, the earpiece itself, time and date, small talk."""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE, parse_number
from ..timeparse import WEEKDAY_RE, find_when
from ..intents import matches_sentences
from .common import Ctx, Result, title

def _me_subject(s: str) -> str:
    s = s.strip()
    s = re.sub(r"^(?:the|a) ", "", s)
    return s


def rule_memory_forget(c: Ctx) -> Result:
    t = c.t
    if re.match(r"^(?:forget|delete|erase|remove|scrap|drop) (?:that|this|what i (?:just )?(?:said|told you)|the last thing i (?:said|told you))$", t) \
            or re.match(r"^(?:do not|you do not need to|no need to) remember that$", t):
        last = dict(c.state.last_slots)
        if c.state.last_intent in ("memory.remember", "memory.recall") and last.get("subject") not in (None, "me"):
            return "memory.forget", {"subject": last["subject"]}
        return "memory.forget", {}
    m = re.match(r"^(?:you can |please |just )?(?:forget|delete|erase|remove|wipe|clear)(?: about| everything (?:you know |you remember )?about| what i told you about| what you know about|"
                 r"(?: the)? (?:memory|fact|thing) (?:about|of)| that)? (?P<s>.+)$", t)
    if m and not re.search(r"\b(?:reminder|note|notes|list|timer|it|email|letter|event|meeting)\b", t):
        s = m.group("s")
        if s in ("it", "about it", "everything"):
            return ("memory.forget", {"all": True}) if s == "everything" else None
        return "memory.forget", {"subject": _me_subject(s)}
    m = re.match(r"^(?:do not|please do not|no need to) remember (?P<s>.+)$", t)
    if m:
        return "memory.forget", {"subject": _me_subject(m.group("s"))}
    return None


_VERB_ME = r"(?:like|love|hate|prefer|work|live|have|am|was|drink|eat|play|speak|enjoy|own|go|do not|cannot|can|need|take|support|vote|study)"


def rule_memory_remember(c: Ctx) -> Result:
    t = c.t
    m = re.match(r"^(?:my name is|call me|i am called|people call me|you can call me|my friends call me|everyone calls me|"
                 r"the name is|please call me|my name has changed to|i go by)(?: just)? (?P<n>[a-z]+(?: [a-z]+)?)$", t)
    if m and m.group("n") not in ("back", "later", "tomorrow"):
        return "memory.remember", {"subject": "my name", "value": m.group("n")}
    m = re.match(r"^(?:remember|please remember|do not forget|dont forget|keep in mind|bear in mind|make a mental note|"
                 r"note for your memory|memorise|memorize|store|save this|you should know)(?: that|:)? (?P<x>.+)$", t)
    explicit = m is not None
    x = m.group("x") if m else t
    if explicit and re.match(r"^to ", x):
        return None
    m2 = re.match(r"^(?P<s>(?:my|our|the|[a-z]+'s) [a-z' ]+?|[a-z]+'s [a-z ]+?|[a-z]+) (?P<verb>is|are|was|were|will be|has|have|"
                  r"lives in|is in|works at|works as|[a-z]+(?<!'s)(?<!ss)(?<!us)s)(?P<v> .+)$", x)
    if m2 and (explicit or re.match(r"^(?:my|our) ", x)) and not re.match(r"^(?:what|when|where|who|how|which|why|is|are|do|does)\b", x):
        s = _me_subject(m2.group("s"))
        verb = m2.group("verb")
        v = m2.group("v").strip()
        if verb not in ("is", "are", "was", "were", "will be"):
            v = f"{verb} {v}"
        if s in ("i", "we"):
            return "memory.remember", {"subject": "me", "value": x}
        return "memory.remember", {"subject": s, "value": v}
    m3 = re.match(rf"^(?:i|we) (?:really |also |usually |always |never )?{_VERB_ME}\b.*$", x)
    if m3 and explicit:
        return "memory.remember", {"subject": "me", "value": x}
    if explicit and len(x.split()) >= 2:
        return "memory.remember", {"subject": "me" if re.match(r"^(?:i|my|we)\b", x) else x, "value": x}
    return None


def rule_memory_recall(c: Ctx) -> Result:
    t = c.t
    if re.match(r"^(?:what do you (?:know|remember) about me|what have i told you(?: about me| about myself)?|what do you know about myself|"
                r"tell me what you know about me|what do you remember|what do you know|what have you learned about me|"
                r"how well do you know me|what things do you remember|what have you remembered|what do you know of me)$", t):
        return "memory.recall", {"subject": "me"}
    if re.match(r"^do you (?:know|remember) (?:what|how|where|when|which|who) (?:i|i am|i have)\b", t):
        return "memory.recall", {"subject": "me"}
    if re.match(r"^(?:who am i|what is my name|do you know (?:my name|who i am)|what am i called|do you remember my name|"
                r"say my name|what do you call me|remind me of my name|what did i say my name was)$", t):
        return "memory.recall", {"subject": "my name"}
    m = re.match(r"^(?:what|when|where|who|which|how old|how) (?:is|are|was|were|will be)(?: the)? (?P<s>(?:my|our|[a-z]+'s) [a-z' ]+?)"
                 r"(?: called| named| again| now)?$", t)
    if m:
        return "memory.recall", {"subject": _me_subject(m.group("s"))}
    m = re.match(r"^(?:where|when|what|who|how|which|what time) (?:does|did|do|will) (?P<s>(?:my|our|[a-z]+'s) [a-z' ]+?) [a-z]+(?: again| at| in| on)?$", t)
    if m and not re.search(r"\b(?:calendar|schedule|timer|reminder)\b", t):
        return "memory.recall", {"subject": _me_subject(m.group("s"))}
    m = re.match(r"^where (?:is|are|was|were) (?P<s>(?:the|my|our) [a-z' ]+?)(?: again| now)?$|"
                 r"^where did i (?:park|put|leave|hide|store) (?P<s2>[a-z' ]+?)(?: again| last)?$", t)
    if m:
        return "memory.recall", {"subject": _me_subject(m.group("s") or m.group("s2"))}
    m = re.match(r"^(?:do you (?:remember|know|recall)|what do you (?:know|remember) about|what did i (?:tell|say to) you about|"
                 r"tell me (?:about|what you know about)|what did i say about|remind me (?:of|what))(?: when| what| where| who)? "
                 r"(?P<s>[a-z' ]+?)(?: is| are| was| were)?$", t)
    if m:
        s = _me_subject(m.group("s"))
        return "memory.recall", {"subject": "me" if s in ("me", "myself") else s}
    return None


# ---------------------------------------------------------------------------------------------
# persona

def rule_persona(c: Ctx) -> Result:
    t = c.t
    m = re.match(r"^(?:(?:i will|i am going to|i think i will|i would like to|i want to|let me|can i|could i|may i|let us|i shall|"
                 r"i have decided to|i will just|is it ok if i|do you mind if i|how about i|from now on i will|i am gonna) )?"
                 r"(?:call|name) you (?P<n>[a-z]+)(?: from now on| instead| now| if that is ok| for short)?$", t)
    if m is None:
        m = re.match(r"^(?:from now on |now )?(?:your (?:new )?name is(?: now)?|your name will be|change your name to|rename yourself(?: to)?|"
                     r"you are now(?: called)?|you will be called|call yourself|i name you|i dub you|you shall be called|"
                     r"from now on you are|you are going to be called|be called|i am renaming you(?: to)?|let your name be)"
                     r"(?: now)? (?P<n>[a-z]+)(?: from now on| now)?$", t)
    if m is None:
        m = re.match(r"^you are (?:now )?(?P<n>[a-z]+) (?:from now on|now|from today)$", t)
    if m is not None and m.group("n") not in ("me", "back", "later", "it", "that", "right", "wrong", "welcome", "here", "there"):
        return "persona.rename", {"name": title(m.group("n"))}
    if re.match(r"^(?:i want to|can i|let me|i would like to|i would like to give you|i want to give you) (?:rename you|change your name|give you a (?:new )?name)$", t):
        return "persona.rename", {}
    if matches_sentences("persona.name", t):
        return "persona.name", {}
    if re.match(r"^(?:tell me (?:about|something about) yourself|what are you|are you (?:a robot|human|a human|real|an ai|an a i|alive|"
                r"a person|a computer|conscious|a machine|a program|sentient|married|happy|single|smart)|who (?:made|built|created|designed|programmed) you|"
                r"how old are you|where are you from|where do you live|what do you like(?: to do)?|what are you like|do you have feelings|"
                r"describe yourself|introduce yourself|what is your (?:story|favourite \w+|favorite \w+|purpose)|do you dream|"
                r"what do you think about|are you there|do you sleep|what do you do all day|where are you|what is your job|"
                r"do you have (?:a body|friends|a family)|when is your birthday|what makes you happy|are you listening|"
                r"what kind of (?:ai|assistant|thing) are you)$", t):
        return "persona.about", {}
    return None


# ---------------------------------------------------------------------------------------------
# device

def rule_device(c: Ctx) -> Result:
    t = c.t
    if re.search(r"\b(?:volume|turn (?:the )?(?:sound|audio) (?:up|down)|louder|quieter|softer|speak up|speak louder|speak softer|speak more quietly|turn (?:it|yourself|you|that|this) (?:up|down)|"
                 r"turn up|turn down|too loud|too quiet|too soft|cannot hear you|can not hear you|hard to hear|mute|unmute|"
                 r"lower your voice|raise your voice|keep it down|quiet down|so loud|really loud|very loud)\b", t) \
            and not re.search(r"\b(?:timer|reminder|note|list)\b", t):
        level = re.search(rf"\b(?P<n>{NUMBER_RE}) ?(?:percent|%|per cent)", t) or \
            re.search(rf"\b(?:volume|it)(?: to| at)? (?:level )?(?P<n>{NUMBER_RE})$", t)
        if level:
            n = parse_number(level.group("n"))
            if n is not None:
                return "device.volume", {"level_pct": int(max(0, min(100, n)))}
        if re.search(r"\b(?:max|maximum|full|all the way up|highest|loudest)\b", t):
            return "device.volume", {"level_pct": 100}
        if re.search(r"\b(?:unmute)\b", t):
            return "device.volume", {"direction": "up"}
        if re.search(r"\b(?:mute|silent|off|zero|minimum|lowest)\b", t):
            return "device.volume", {"level_pct": 0}
        if re.search(r"\b(?:half|middle|medium|normal)\b", t):
            return "device.volume", {"level_pct": 50}
        if re.search(r"\b(?:down|quieter|softer|lower|decrease|reduce|too loud|turn it down|less|keep it down|quiet down|so loud|really loud|very loud)\b", t):
            return "device.volume", {"direction": "down"}
        if re.search(r"\b(?:up|louder|raise|increase|higher|more|cannot hear|can not hear|too quiet|too soft|hard to hear|boost)\b", t):
            return "device.volume", {"direction": "up"}
        return "device.volume", {}
    if re.search(r"\b(?:battery|batteries|charge|charged|charging|power level|juice|recharge|run out of power|running out of power|"
                 r"low on power|power left|how much power)\b", t) and not re.search(r"\b(?:remind|reminder|list|note|buy)\b", t):
        return "device.battery", {}
    return None


# ---------------------------------------------------------------------------------------------
# time and date

def rule_time_date(c: Ctx) -> Result:
    t = c.t
    if re.search(r"\b(?:timer|meeting|calendar|remind|appointment|event|free|busy|sunrise|sunset|in (?:london|paris|tokyo|new york))\b", t):
        return None
    if re.match(r"^(?:what time is it|what is the time|what time it is|time please|time|the time|tell me the time|do you have the time|"
                r"have you got the time|got the time|what is the time now|what time is it now|what is the current time|current time|"
                r"time check|check the time|give me the time|what time have we got|what time do you have|what hour is it|"
                r"how late is it|is it late|what time is it right now|the time please|what is the time right now|"
                r"do you know (?:the time|what time it is)|any idea what time it is|what o'?clock is it|what time|tell me what time it is|"
                r"(?:tell me|give me|say) the (?:current |exact )?time(?: now)?)$", t):
        return "time.now", {}
    if re.match(r"^(?:what|which) time (?:is it|do you (?:make it|have)|have you got)\b.*$|^(?:what|which) time\b.*\b(?:now|right now)$", t):
        return "time.now", {}
    if re.match(rf"^is (?:it|today) (?:a )?(?:{WEEKDAY_RE}|the \w+)(?: today)?$", t):
        return "date.today", {}
    m = re.match(r"^(?:what is the date|what date is it|what is today'?s date|what day is it|what day is today|what is the day|"
                 r"which day is it|what is today|today'?s date|date|the date|what date is today|what is the date today|"
                 r"(?:what|which) day of the week is it|which day is it today|what month is it|what year is it|tell me the date|what day are we|what is the date now|"
                 r"do you know (?:the date|what day it is)|what day is it today|which date is it|what date is it today|"
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


# ---------------------------------------------------------------------------------------------
# small talk

_SMALLTALK = (
    ("greeting", r"^(?:hi|hello|hey|hiya|howdy|good morning|good afternoon|good evening|morning|afternoon|evening|yo|greetings|"
                 r"hello there|hey there|hi there|hey you|hello again|i am back|i am home|hey there you|rise and shine)$"),
    ("how_are_you", r"^(?:how are you(?: doing| today| feeling)?(?: today)?|how is it going|how are things|how have you been|"
                    r"are you (?:ok|okay|alright|well)|how do you feel|what is up|how is your day(?: going)?|what is new|sup|"
                    r"how are you getting on|how was your day|you ok|how is life|how are you keeping)$"),
    ("thanks", r"^(?:thank you(?: so much| very much)?|thanks(?: a lot| so much)?|cheers|much appreciated|ta|that is (?:great|perfect|lovely|brilliant|helpful)|"
               r"perfect|brilliant|awesome|great|great job|well done|good job|nice one|lovely|nice|cool|thank you kindly|many thanks|appreciate it)$"),
    ("feeling", r"^i (?:am|feel|am feeling|have been|was)(?: so| really| very| a bit| kind of| pretty| quite| a little| rather)? "
                r"(?:sad|tired|happy|lonely|bored|stressed|anxious|great|good|fine|down|excited|sleepy|ok|okay|awful|exhausted|upset|"
                r"worried|nervous|angry|frustrated|overwhelmed|sick|ill|cold|hungry|low|blue|miserable|depressed|fantastic|wonderful|"
                r"alone|scared|lost)(?: today| right now| tonight| again)?$|^(?:i had a (?:bad|good|long|rough|great|hard|terrible) day|"
                r"today was (?:rough|hard|great|long|awful|good|a good day|a bad day)|i can not sleep|i cannot sleep)$"),
    ("joke", r"\b(?:tell me a joke|make me laugh|say something funny|know any (?:good )?jokes|got any jokes|tell me something funny|"
             r"another joke|a joke|cheer me up)\b"),
    ("affection", r"^(?:i love you|i like you|you are (?:great|amazing|funny|sweet|the best|wonderful|smart|clever|lovely|kind|cute|beautiful|"
                  r"brilliant|so helpful|helpful)|i missed you|do you love me|do you like me|you make me happy|i am glad you are here|"
                  r"you are my friend|will you marry me|do you miss me|are we friends)$"),
)


def rule_smalltalk(c: Ctx) -> Result:
    t = c.t
    for topic, pattern in _SMALLTALK:
        if re.search(pattern, t):
            return "smalltalk", {"topic": topic}
    return None

