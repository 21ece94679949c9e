"""Rules for the persona: its name, renaming it, questions about it, and small talk."""

from __future__ import annotations

import functools
import re

from ..normalize.words import ENDEARMENTS, HELLO_OR_GOODBYE, THANKS_SAID
from ..out_of_reach import REQUEST_WORDS
from .common import Ctx, Result, title


def rule_persona(c: Ctx) -> Result:
    t = re.sub(r"^(?:(?:a )?bit (?:boring|dull|plain|posh|odd|long|much) (?:that|this)|not keen on (?:that|this)|not sure about (?:that|this)) ",
               "", c.t)  # "bit boring that, can I call you Dolly instead"
    again = re.match(r"^(?P<first>.*\b(?:call|name) you [a-z]+\b.*?) (?:actually no|actually|no wait|no sorry|no|wait|sorry|or rather) "
                     r"(?:(?:call|name) you )?(?P<n>[a-z]+)(?: (?:call|name) you (?P=n))?(?: instead)?$", t)
    if again and re.match(r"^(?:[a-z]+ )*?(?:call|name) you [a-z]+(?: from now on)?$", again.group("first")):
        t = f"call you {again.group('n')}"  # "call you Pixel from now on, actually no, Nova, call you Nova": the name said last
    m = re.match(r"^(?:from now(?: on)? |right |okay |ok )?(?:(?:i will|i am going to|i think i will|i would like to|i want to|let me|can i|could i|may i|let us|i shall|"
                 r"i have decided to|i will just|is it ok if i|do you mind if i|how about i|from now on i will|i am gonna|"
                 r"i think i would rather|i would rather|i would prefer to|i think i would like to|i think i will just) )?"
                 r"(?:call|name) you (?P<n>[a-z]+(?: (?!(?:from|instead|now|for|after|if|it|that|back|later|tomorrow|tonight|soon|again|"
                 r"then|please|today|when|on|at|in)\b)[a-z]+)?)(?: from now on| instead| now| for short)?"  # Mandarin "I will call you Xiao Bai"
                 r"(?: after (?:my|our|his|her|their|the|a) [a-z']+(?: [a-z']+)?(?: from now on)?)?"  # "..., after me mam"
                 r"(?: if that is (?:ok|okay|alright|all right|fine)| if you do not mind| if you like"
                 r"| (?:it|that) (?:suits you|is (?:nicer|prettier|better|easier|shorter))(?: better| more)?)?$", t)
    if m is None:
        m = re.match(r"^(?:from now on |now )?(?:your (?:new )?name is(?: now)?|your name will be|change your name to|rename yourself(?: to)?|"
                     r"you are now(?: called)?|you will be called|call yourself|i name you|i dub you|you shall be called|"
                     r"from now on you are|you are going to be called|be called|i am renaming you(?: to)?|let your name be)"
                     r"(?: now)? (?P<n>[a-z]+)(?: from now on| now)?$", t)
    if m is None:
        m = re.match(r"^you are (?:now )?(?P<n>[a-z]+) (?:from now on|now|from today)$", t)
    if m is not None and m.group("n") not in ("me", "back", "later", "it", "that", "right", "wrong", "welcome", "here", "there",
                                              "muted", "unmuted", "connected", "disconnected", "done", "finished", "ready",
                                              "awake", "asleep", "online", "offline", "on", "off", "free", "busy", "live", "tomorrow",
                                              "tonight", "soon", "again", "today"):
        return "persona.rename", {"name": title(m.group("n"))}
    if re.match(r"^(?:i want to|can i|let me|i would like to|i would like to give you|i want to give you) (?:rename you|change your name|give you a (?:new )?name)$", t):
        return "persona.rename", {}

    if re.match(r"^what is your (?:favourite|favorite) \w+$", t):
        return "persona.about", {}
    return None


_SMALLTALK = (
    ("greeting", r"^(?:(?:oh|well|why) )?(?:hi|hello|hey|g'day|gday|hiya|howdy|good morning|good afternoon|good evening|morning|afternoon|evening|yo|greetings|"
                 r"hello there|hey there|hi there|hey you|hello you|hi you|hello again|i am back|i am home|hey there you|rise and shine|(?:good )?morning there|"
                 r"(?:hello |hi )?(?:is this (?:thing |it )?(?:on|working)|can you hear me|are you there|are you on))$"),
    ("how_are_you", r"^(?:how are you(?: doing| today| feeling)?(?: today| this morning| this afternoon| this evening)?(?: anyway)?|how (?:are )?you doing(?: anyway| this morning| today| this evening| tonight)?|how is it going|"
                    r"how are things|how have you been|"
                    r"are you (?:ok|okay|alright|well)|how do you feel|what is up|how is your day(?: going)?|what is new|sup|"
                    r"how are you getting on|how was your day|you ok|how is life|how are you keeping|what are you (?:doing|up to)(?: now| today)?|"
                    r"how is she cutting|what is the craic|how (?:are )?you going(?: today| mate)?|how are you getting on yourself)$"),  # Australian "how you going"  # Irish "how's she cutting"
    ("thanks", rf"^{ENDEARMENTS} (?:thank you|thanks)(?: so much| very much)?$|" r"^(?:no problem|no worries)$|^good on (?:ya|you)(?: mate)?$|^(?:good (?:man|woman|lad|girl)|grand so|sound so|lovely so)$|^that is (?:grand|great|lovely|brilliant|perfect|champion)$|^(?:thanks|thank you|cheers) hey$|^(?:good on (?:ya|you) )?(?:(?:great|perfect|brilliant|lovely|nice|cool|awesome|wonderful|fantastic|excellent|super|good|ok|okay|right|that is great|"
               r"grand|ace|sound|cracking|smashing|champion|sweet|lekker|brill|class|magic|wicked|mint|top|legend|chur) )?"
               r"(?:thank you(?: so much| very much)?|thanks(?: a lot| so much| very much| a million| a bunch| loads| a ton| much)?|"
               r"cheers|chur|(?:ah |oh )?there is lovely|that is (?:proper |really |very |so )?(?:handy|useful|helpful)|"
               r"much appreciated|(?:i )?(?:really )?appreciate (?:it|that|you|ya)(?: a lot)?|ta|ta very much|ta muchly|proper job|sweet as|" + THANKS_SAID + r"|go raibh maith agat|go raibh mile maith agat|that is (?:great|perfect|lovely|brilliant|helpful)|"
               r"that is (?:very |so |really )?(?:kind|good|sweet|thoughtful) of you|"
               r"perfect|brilliant|awesome|great|great job|grand job|well done|good job|nice one|lovely|nice|cool|thank you kindly|many thanks|appreciate it|"
               r"that (?:was|is) (?:some|wicked|right|dead) good)"  # Newfoundland "that was some good"
               r"(?: for (?:that|this|the help|your help|everything|all that|all your help|doing that|sorting that))?"
               r"(?:(?: eh)? (?:that is|you are|you) (?:too good|so good|brilliant|great|a star|the best|amazing|a legend|a lifesaver|perfect|lovely|fab|fabulous|"
               r"grand|champion|smashing|magic|spot on|ace|sound|cracking|super|awesome|a gem|a blessing|a diamond|"
               r"a weight off(?: my mind)?|a relief|a big help|a help))?$"),
    ("feeling", r"^i (?:am|feel|am feeling|have been|was)(?: so| really| very| a bit| kind of| pretty| quite| a little| rather)? "
                r"(?:sad|tired|happy|lonely|bored|stressed|anxious|great|good|fine|down|excited|sleepy|ok|okay|awful|exhausted|upset|"
                r"worried|nervous|angry|frustrated|overwhelmed|sick|ill|cold|hungry|low|blue|miserable|depressed|fantastic|wonderful|"
                r"alone|scared|lost)(?: today| right now| tonight| again)?(?: (?:headache|a headache|fever|a fever|a cold|flu|cough|stomach ache|back pain))?$|^(?:i had a (?:bad|good|long|rough|great|hard|terrible) day|"
                r"today was (?:rough|hard|great|long|awful|good|a good day|a bad day)|i can not sleep|i cannot sleep)$|"
                r"^i (?:got|passed|won|finished|have got) (?:the|my|a) (?:job|exam|exams|test|interview|promotion|visa|place|contract|scholarship|loan)"
                r"(?: today| finally| at last)?$|"
                r"^i had an? (?:bad|good|long|rough|great|hard|terrible|lovely|awful|busy|nice|tough|wonderful|strange) day"
                r"(?: today| at work| at school)?$|^i (?:really |still )?miss (?:my |our |you|him|her|them|[a-z]+$)|"
                r"^my [a-z ]{2,20} (?:hurts|aches|is (?:sore|aching|hurting|killing me))(?: a bit| a lot| again| today| so much)?$"),
    ("joke", r"\b(?:tell (?:me|us) (?:a|one|another|some)(?: funny| good| small| little| short| quick)? joke|make (?:me|us) laugh|(?:something|anything) to make [a-z ]+ laugh|say something funny|know any (?:good )?jokes|got any jokes|tell me something funny|"
             r"another joke|a joke|cheer me up)\b"),
    ("affection", r"^(?:i love you|i like you|you are (?:great|amazing|funny|sweet|the best|wonderful|smart|clever|lovely|kind|cute|beautiful|"
                  r"brilliant|so helpful|helpful)|i missed you|do you love me|do you like me|you make me happy|i am glad you are here|"
                  r"you are my friend|will you marry me|do you miss me|are we friends)$"),
)


_HELLO_OR_GOODBYE = re.compile(rf"^(?:(?:ok|okay|right|bueno|dale|ya) )*{HELLO_OR_GOODBYE}$")
"""Words that say both hello and goodbye: goodbye once the conversation is under way, hello before."""
_TALK_LATER = re.compile(r"^(?:(?:ok|okay|right|thanks|thank you) )*we (?:will|shall|can) (?:talk|speak)(?: again)? (?:later|soon|tomorrow|another time)"
                         r"(?: then)?(?: (?:bye|ciao|tchau))?$")
"""Leaving said as "we will talk later": a rule, not a sentence of the registry, whose sentences the recognisers' grammar is
made of ("we will" there pulled "read my notes" to it)."""


def rule_smalltalk(c: Ctx) -> Result:
    said = " ".join(re.findall(r"[a-z']+", c.raw.lower()))
    if _HELLO_OR_GOODBYE.match(said):  # "ciao" after the thanks: leaving
        return ("conversation.end", {}) if c.state.last_intent is not None else ("smalltalk", {"topic": "greeting"})
    if re.match(rf"^(?:thanks|thank you|cheers|{THANKS_SAID})(?: so much| very much| a lot)?(?: {ENDEARMENTS})? {HELLO_OR_GOODBYE}$", said) or (
            c.state.last_intent is not None and re.match(rf"^{HELLO_OR_GOODBYE} (?:thanks|thank you|cheers|{THANKS_SAID})(?: so much| very much| a lot)?$", said)):
        return "conversation.end", {}  # "merci, salut": thanks, then goodbye; "chao, thank you" once the conversation is under way
    if _TALK_LATER.match(c.t):
        return "conversation.end", {}
    found = _smalltalk(c.t, str(dict(c.state.last_slots).get("topic") or ""))
    return (found[0], dict(found[1])) if found is not None else None


@functools.lru_cache(maxsize=1024)
def _smalltalk(t: str, last_topic: str) -> tuple[str, dict] | None:
    """Small talk in `t`, `last_topic` the topic just talked about. A sentence of two pieces ("hello
    there, how are you") is answered by its last; each piece is looked up once (the cache), so the
    pieces of a long sentence cost no more than its two-part splits."""
    if last_topic == "joke" and re.match(
            r"^(?:and |ok |okay |ha |haha )?(?:(?:tell me|give me|say|do|got|have you got|you got) )?(?:another(?: one| joke)?|one more|"
            r"again|more)(?: please)?$", t):
        return "smalltalk", {"topic": "joke"}
    if last_topic == "joke" and re.match(
            r"^(?:oh dear |oh no |oh god |dear |ugh )?(?:that is |that was |it is |it was |thats |that one (?:is|was) |this one (?:is|was) )?(?:not (?:very |that |so |really )?funny(?: at all)?|(?:terrible|awful|bad|lame|rubbish|so bad)(?: joke)?|boo|i do not get it)$", t):
        return "smalltalk", {"topic": "joke", "mood": "flop"}
    for topic, pattern in _SMALLTALK:
        if re.search(pattern, t):
            if topic == "feeling":  # how it is said back: glad, sorry, or listening
                if re.search(r"\b(?:hurts|aches|sore|aching|hurting|killing me|sick|ill|cold)\b", t):
                    return "smalltalk", {"topic": topic, "mood": "unwell"}
                if re.search(r"\b(?:happy|great|good|fine|excited|fantastic|wonderful|lovely|nice|ok|okay)\b|^i (?:got|passed|won|finished|have got) ", t) \
                        and not re.search(r"\b(?:not|never)\b", t):
                    return "smalltalk", {"topic": topic, "mood": "good"}
            if topic == "affection" and re.match(r"^(?:do|will|are) ", t):  # "do you love me?" asks
                return "smalltalk", {"topic": topic, "mood": "asked"}
            if topic == "how_are_you" and t.startswith("what are you"):
                return "smalltalk", {"topic": topic, "mood": "doing"}
            return "smalltalk", {"topic": topic}
    words = t.split()
    for i in range(1, len(words)):  # "hello there, how are you": two things said, the last one answered
        if _smalltalk(" ".join(words[:i]), last_topic) is not None:
            last = _smalltalk(" ".join(words[i:]), last_topic)
            if last is not None:
                return last
    return None


_KINDNESSES = (("smalltalk", {"topic": "thanks"}, r"thanks|thank you|cheers"),
               ("conversation.end", {}, r"bye|goodbye|bye bye|see you|see ya|see you later"),
               ("smalltalk", {"topic": "greeting"}, r"hello|hi|good morning|good afternoon|good evening"))
_NOT_ONLY_KIND = re.compile(r"\b(?:no|not|but|take|put|remove|move|call|pause|remember|tell|find|check|make|translate|say|spell|mean|means|"
                            r"word|in|into|to|for|how|is|are)\b")
_FIRST_WORDS = re.compile(r"^(?:(?:ok|okay|right|alright|well|so|oh|and|yes|yeah) )+")


def rule_kindness_among_other_words(c: Ctx) -> Result:
    """ "olomwaay thank you", "ok bye iakwe": thanks, a goodbye or a greeting with a word or two around it that
    no rule knows (another language's, a name), when nothing else took the words: the kindness is what was said."""
    said = " ".join(re.findall(r"[a-z']+", c.raw.lower()))  # as said: normalising drops a "thank you" said after other words
    if len(said.split()) > 5 or REQUEST_WORDS.search(said) or _NOT_ONLY_KIND.search(said):
        return None
    for intent, slots, core in _KINDNESSES:
        m = re.fullmatch(rf"(?P<a>(?:[a-z']+ ){{0,2}})(?:{core})(?P<b>(?: [a-z']+){{0,2}})", _FIRST_WORDS.sub("", said))
        if m and bool(m.group("a").strip()) != bool(m.group("b").strip()):  # words on one side of it: "ok bye iakwe", "olomwaay thank you"
            return intent, dict(slots)
    return None


_HELP_TOPIC = (("reminders", r"reminders?|remind"), ("alarms", r"alarms?|wake (?:me )?up"), ("timers", r"timers?"),
               ("lists", r"lists?|shopping"), ("notes", r"notes?"), ("calendar", r"calendar|events?|appointments?|meetings?|diary"),
               ("email", r"e ?mails?|mail|messages?"), ("letters", r"letters?"), ("memory", r"remember|memory|facts?"),
               ("volume", r"volume|louder|quieter|loud|quiet"))


def rule_help_topic(c: Ctx) -> Result:
    """ "how do I set a reminder?", "can you set alarms?", "how does the timer work?": how to ask,
    never the request itself. A request in question form ("can you set an alarm for 7") is left
    to its skill: only a general ask (no time, plural things) is about how."""
    t = c.t
    how = re.match(r"^(?:so |and |um )?(?:how (?:do|can|would|should|could) (?:i|we|you)|how (?:i|we)(?= (?:set|put|make|add|start|use|do|get|write|read|move|change)\b)|how does (?:the |a |my )?|how to|remind me how|"
                   r"what is the (?:best )?way to|teach me (?:how )?to|explain how to|"
                   r"what (?:do|should|would) i (?:say|ask)(?: if| when| to)?(?: i (?:want|need) you to)?|"
                   r"what (?:can|could) (?:you|i) do (?:with|about) (?=[a-z]+s$))\b", t)  # "what can you do with reminders"  # "what do I say if I want you to set an alarm"
    asked = re.sub(r"[^a-z0-9' ]+", " ", c.raw.lower()).strip()  # normalising drops "can you"
    able = re.match(r"^(?:can|could|do|will) you (?:do |set |read |keep |take |write |handle |manage |remember )?|"
                    r"^are you able to |^do you (?:do|support|know how to) ", asked)
    if not (how or able):
        return None
    if able and not how and (re.search(r"\d|\b(?:at|for|to|in|on|about|tomorrow|today|tonight)\b", asked)
                             or re.search(r"\b(?:my|the|a|an|this|that|it|me|what|where|who|when|which|i|i'm)\b", asked)):
        return None  # "can you set an alarm for 7", "can you read my email": the request itself
    for topic, words in _HELP_TOPIC:
        if re.search(rf"\b(?:{words})\b", asked):
            return "help", {"topic": topic}
    return None
