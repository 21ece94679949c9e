"""Regional and other-language words and grammar, put in the words the intent rules read.

Each rewrite is commented with where it is said: Scots "thon" is "that", Jamaican "mi" is "my" or "I", Pidgin
"am" is "it", Yorkshire "I were" is "I was", Spanish "the twenty two of April" is the twenty second. Words for
family are in kin, tags and words of respect said around a request in fillers, whole requests said in another
order in word_order.
"""

from __future__ import annotations

import re

from ..numbers import NUMBER_WORDS_RE, ORDINAL_RE, ORDINAL_WORDS, parse_number
from .words import CALLS_SAID, DAYS, ENDEARMENTS, GREETINGS_SAID, HOURS, KIN, THANKS_SAID

# "remind us at six", "set us a timer": "us" for "me", after a verb asking something for the speaker.
_US_FOR_ME = re.compile(r"\b(remind|wake|set|read|give|tell|show|get|find|play|pass|help|bring|ring|text|buzz|ping|warn|nudge) us\b")
# "me mam's birthday", "me sister's just messaged": "me" said for "my" before a relation, not after a verb ("tell me mum's here").
_ME_FOR_MY = re.compile(r"(?P<verb>\b(?:remind|tell|give|send|call|ask|text|show|let|get|buy|bring|wake|help|meet|ring|pass|email|message|"
                        r"phone|take|make|put|pay|lend|owe|teach|find|leave|book|order|set|play|read|write|wish|cost|keep|save) )?"
                        r"\b(?:me|(?<!\bmy )(?<!\bour )(?<!\byour )ma) (?=(?:mam|mum|ma|mammy|dad|da|sister|brother|nan|nana|gran|granny|grandad|missus|husband|wife|fella|"
                        r"boyfriend|girlfriend|kids|lad|daughter|son|mate|bairn|auntie|uncle|cousin|neighbour|best|old|new|own|"
                        r"favourite|shift|van|car|dog|cat|cow|horse|phone|keys|wallet|bag|house|flat|boss|dentist|doctor|appointment|"
                        r"alarm|diary|calendar|inbox|emails|notes|reminders|(?:shopping |to do )?list|hearing|glasses|specs|pills|tablets|"
                        r"inhaler|medication|boat|truck|rig|bus pass|supplier|boy|girl|granddaughter|grandson|children|grandkids|"
                        r"pin|locker|room|appraisal|interview|meeting|review|exam|scan|operation|physio|haircut|hair|nails|lesson|class|"
                        r"tea|dinner|breakfast|lunch|bike|bins|rent|bills?|wages|tyres)(?:'s|s)?\b)")  # "ma" (Glasgow): my


def _ordinal(said: str) -> str:
    """ "twenty two" -> "twenty second", "four" -> "fourth": a day of the month said as a count."""
    *head, last = said.split()
    return " ".join([*head, ORDINAL_WORDS[int(parse_number(last))]])


def ah_for_i(t: str) -> str:
    """Scots "ah" for I, read before "ah" said as a sound is dropped: "ah'm allergic tae peanuts", "where dae ah work"."""
    t = re.sub(r"\bah'(m|ve|ll|d)\b", lambda m: {"m": "i am", "ve": "i have", "ll": "i will", "d": "i would"}[m.group(1)], t)
    t = re.sub(r"\b(am|dae|do|did|have|hiv|can|could|will|should|was|wis|would|shall) ah (?=[a-z])", r"\1 i ", t)  # "whit am ah allergic tae"
    t = re.sub(r"(?:^|(?<=\bremember )|(?<=\bthat )|(?<=\bmind )|(?<=\band )|(?<=\bbut )|(?<=\bsorry )|(?<=\bwhere )|(?<=\bwhen )|(?<=\bwhat )|"
               r"(?<=\bwhit )|(?<=\bif ))ah (?=(?:work|live|stay|got|have|had|hiv|was|wis|need|want|think|ken|dinnae|cannae|put|left|parked|"
               r"keep|kept|support|drive|play|bought|telt|told|said|forgot)\b)", "i ", t)  # "remember ah work at the distillery"
    return re.sub(r"\bdae i\b", "do i", t)


def greeting_first(t: str) -> str:
    """Hello in another language, said alone ("bonjou", "hola", "mbote my friend"), or before a request, which is read as if
    said alone; and a word said to open a request ("klk", "asere"), before any rewrite anchored at the start reads it."""
    t = re.sub(rf"^(?:(?:hello|hi) )?{GREETINGS_SAID}(?: (?:my )?(?:friend|brother|sister|{ENDEARMENTS}))?$", "hello", t)  # "mbote my friend", "buenos dias parce"
    t = re.sub(rf"^(?:(?:hello|hi|no|ah|ay) )?(?:{GREETINGS_SAID}|{CALLS_SAID}) (?=[a-z])(?!(?:pues|then|for now|bye|bye bye|thanks|thank you)$)",
               lambda m: "no " if m.group(0).startswith("no ") else "", t)  # "bula, remember my dog's name is Rocky": the request, as if said alone; never "chao pues", leaving
    return t


def me_mam_ja_and_thon(t: str) -> str:
    """ "me mam" for my mam, "ja" and "oui" for yes; Scots "the messages", "hoose", "thon", "hunner", "gaffer"."""
    t = _ME_FOR_MY.sub(lambda m: m.group(0) if m.group("verb") and re.match(r"[a-z]+'s\b", t[m.end():]) else f"{m.group('verb') or ''}my ", t)
    # "tell me mum's here" keeps its "me"; "phone me ma", "ask me dad" are my ma, my dad
    t = re.sub(r"^(?:ja|jah|yah|ae|haan ji|haan|han ji|ha ji|oui|si|sim)\b", "yes", t)  # "ja, send it"; te reo Māori "ae", Hindi "haan ji", French "oui"
    t = re.sub(r"^((?:put|add|stick|pop) .+ (?:on|to|tae)) the messages(?: while i mind)?$", r"\1 the shopping list", t)  # Scots "the messages": the shopping
    t = re.sub(r"^((?:put|add|stick|pop|chuck) .+ (?:on|to|onto)) (the|my|our) shopping (?=(?:we|i|they|it|he|she)(?:'|\b))", r"\1 \2 shopping list ", t)
    # "add eggs and mushrooms to the shopping, we're nearly out"
    t = re.sub(r"\bhoose\b", "house", t)
    t = re.sub(r"\bthon\b", "that", t)  # Scots and Ulster "find thon note"
    t = re.sub(r"\bhunner\b", "hundred", t)  # Scots "two hunner and forty boxes"
    t = re.sub(r"^chuck (?=.+ (?:on|to|onto) (?:the|my|our) [a-z ]*list$)", "put ", t)  # "chuck ring the plumber on the to do list": a verb, not "love"
    t = re.sub(r"\bget rid$", "get rid of it", t)  # northern "yeah, get rid"
    t = re.sub(r"\bgaffer\b", "boss", t)  # "what's the gaffer's name"
    return t


def fae_tek_wha_arvo(t: str) -> str:
    """ "a dog name Pepper", Scots "fae", "the day", "the nicht", "afore", "mind and" and "the motor", Caribbean "tek" and "wha"
    and its questions' order ("how I could ...", "what you could do", "what I allergic to", "I calling you"), "see ye",
    Australian "arvo"."""
    t = re.sub(r"\b(a|an|our|my) (dog|cat|pup|puppy|kitten|horse|pony|parrot|goat) name (?=[a-z])", lambda m: f"{m.group(1)} {m.group(2)}'s name "
               if re.match(r"(?:is|was)\b", m.string[m.end():]) and m.group(1) in ("our", "my") else f"{m.group(1)} {m.group(2)} named ", t)
    # "a dog name Pepper"; "my cat name is Mimi", its name
    t = re.sub(r"\b(one|email|mail|letter|message|anything|something|word|back|home) fae\b", r"\1 from", t)  # Scots "the one fae the union"
    t = re.sub(r"^(what is the date|what day is it|what date is it) the day$", r"\1 today", t)  # Scots "the day": today
    t = re.sub(r"\btek\b", "take", re.sub(r"\bmek\b", "make", t))  # Caribbean and Black Country "tek", "mek"
    t = re.sub(r"^wha(?:'s| is)? (?=me |my |the |is |was )", "what is ", t)  # Guyanese and Bajan "wha me dog name", "wha's the name"
    t = re.sub(r"^wha (?=time |day )", "what ", t)  # "wha time it is in Toronto"
    t = re.sub(r"^how (?:i|me) (?:could|can|does|do|would|should|go) (?=[a-z])", "how do i ", t)  # Caribbean "how I could set a reminder"
    t = re.sub(r"^(?P<h>hey |so |and )?what (?P<w>you|i) (?:could|can) do\b", r"\g<h>what can \g<w> do", t)  # Bahamian "what you could do"
    t = re.sub(r"^(?P<q>what|where|who) i (?=(?:allergic|married|supposed|meant|called)\b)", r"\g<q> am i ", t)  # "what I allergic to again"
    t = re.sub(r"\bi calling you\b", "i will call you", t)  # Kittitian "from now on I calling you Sugar"
    t = re.sub(r"\barvo\b", "afternoon", t)  # Australian "Thursday arvo"
    t = re.sub(r"\bthe nicht\b", "the night", re.sub(r"\b(?P<d>minutes?|hours?|hour|days?|weeks?) afore\b", r"\g<d> before", t))
    # Scots "the nicht", "half an hour afore the golf"
    t = re.sub(r"\bsee ye\b", "see you", t)  # "cheers, see ye"
    t = re.sub(r"^mind and (?=(?:remind|wake|tell|put|add|set)\b)", "", t)  # Scots "mind and remind me": be sure to
    t = re.sub(r"\b(?P<w>the|my|our) motor\b(?! ?(?:bike|cycle|home|way|boat|racing|mower|neurone|skills))", r"\g<w> car", t)  # Scots "the motor"
    t = re.sub(r"\btwelve (noon|midnight)\b", r"\1", t)  # "every Friday at twelve noon"
    t = re.sub(r"\b(on|off|onto|to|for|from) they (?=[a-z]+s$)", r"\1 the ", t)  # Cornish "stick two more minutes on they pasties"
    return t


def mih_prepone_whit_wor(t: str) -> str:
    """Irish "at all", Indian English "itself" and "prepone", Trinidad "mih", Scots "whit" and "aboot", Geordie "wor"."""
    t = re.sub(r"(?<=[a-z]) at all(?= (?:i|we|he|she|they)\b|$)", "", t)  # Irish "what's the date today at all", "where is Padraig working at all"
    t = re.sub(r"\b(minutes|hours|o'clock|morning|afternoon|evening|am|pm) (?:itself|only)\b(?= [a-z]|$)", r"\1", t)
    # Indian English "twenty five minutes itself", "nine o'clock morning only"
    t = re.sub(r"(?<=o'clock) (?=morning|afternoon|evening|night)", " in the ", t)  # "three o'clock afternoon"
    t = re.sub(r"\bmih\b(?! (?:to|about|a|an|the|that|what|when|how|if|at|in|on|up|know|off)\b|$)", "my",
               re.sub(r"\bmih\b(?= (?:to|about|a|an|the|that|what|when|how|if|at|in|on|up|know|off)\b|$)", "me", t))
    # Trinidad "mih": "remind mih to call mih mother" is remind me to call my mother
    t = re.sub(r"\bprepone (?P<x>it|that|(?:the|my|our) [a-z' ]+?) by (?=(?:an?|half|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|forty five|\d+)\b)",
               r"bring \g<x> forward by ", t)  # Indian English "prepone the review on the twelfth by one hour"
    t = re.sub(r"\bprepone\b", "move", t)  # Indian English "prepone the review to nine thirty": move it earlier
    t = re.sub(r"\bprepone(?P<e>d|s)\b", r"move\g<e>", t)  # "the meeting, they have preponed it to ten thirty"
    t = re.sub(r"^whit's\b", "what is", re.sub(r"^whit(?= (?:is|time|day|date|does|do|did|are|am)\b)", "what", t))  # Scots "whit's the date the day"
    t = re.sub(r"\b(date|time|on|doing|happening|plans?|weather) the day$", r"\1 today", t)  # Scots "the day": today
    t = re.sub(r"\baboot\b", "about", re.sub(r"^how mony\b", "how many", t))  # Scots "forget aboot the reminder", "how mony"
    t = re.sub(r"^i park (?=(?:the|my|de|di|mi|down|up|over|out|round|in|on|at|by|near|outside|behind)\b)", "i parked ", t)  # Caribbean "i park de van ..."
    t = re.sub(r"\bwor (?=[a-z])", "our ", t)  # Geordie "wor kev", "wor lass"
    return t


def ye_hev_wan_owt(t: str) -> str:
    """ "cancel me chiropody", Irish "ye", "wan" and "after moving", Norfolk "hev", Jamaican "wat di date", "us" for me, "owt",
    "next door's cat"."""
    t = re.sub(r"^((?:(?:and|so|oh|no) )?(?:cancel|move|shift|push|delete|when is|what time is|where is)) me (?!(?:a|an|the|up|in|on|at|to|for|some|that|this|it|"
               r"back|forward|off|out|down|now|again|know|there|and)\b)(?=[a-z])", r"\1 my ", t)  # "cancel me chiropody on Thursday"
    t = re.sub(r"\bye\b(?= called| doing| up to| there)|(?<=^can )ye\b|(?<=^could )ye\b|(?<=^would )ye\b|(?<=^will )ye\b|(?<=^did )ye\b", "you", t)  # Irish "what are ye called", "can ye shift it"
    t = re.sub(r"\bhev\b", "have", re.sub(r"\btha's\b", "that is", re.sub(r"\baff\b", "off", t)))  # Norfolk "hev", "tha's"; Scots "aff"
    t = re.sub(r"\b(?:the )?(?:second|third|other|next|last|first) wan\b", lambda m: m.group(0)[:-3] + "one", t)  # Irish "the second wan"
    t = re.sub(r"\b(he|she|they|we|i)(?: is| are| am|'s|'re|'m) (?:just )?after moving\b", r"\1 moved", t)  # Irish "she's after moving to Cashel"
    t = re.sub(r"^(?:remember )?next door's (?=[a-z]+ is\b)", "my neighbour's ", t)  # northern "next door's cat is called Sooty"
    t = re.sub(r"^wat (?:di|de|the) (?P<w>date|day|time) (?:fi|for) ", r"what is the \g<w> on ", t)  # Jamaican "wat di date fi Sunday"
    t = _US_FOR_ME.sub(r"\1 me", t)  # "wake us up", "read us the list": "us" said for "me"
    t = re.sub(r"\bowt\b", "anything", re.sub(r"\bnowt\b", "nothing", t))  # "have I got owt on this weekend"
    return t


def outta_yall_what_all(t: str) -> str:
    """ "outta", "y'all", Southern US "what all"."""
    t = re.sub(r"\bouta\b|\boutta\b", "out of", t)
    t = re.sub(r"\by'all\b|\byall\b", "you", t)  # "just so y'all know"
    t = re.sub(r"^((?:and |so )?(?:what|who|which)) all\b", r"\1", t)  # Southern US "what all have I got on", Indian "which all lists"
    return t


def mi_inna_di_dat(t: str) -> str:
    """Jamaican "mi", "inna", "di", "dat", "doh", "deh", "my wife name Marcia", "live a Mandeville", a count said with the
    singular ("two dog"); "an" for and, "she birthday", "wha"; Belizean "sista", "memba dat", "reply seh"."""
    t = re.sub(r"\b(mi|my|your|his|her|our) (?:sista|bredda)\b", lambda m: f"{m.group(1)} {'sister' if 'sista' in m.group(0) else 'brother'}", t)
    t = re.sub(r"^(?:memba|rememba)(?: dat)? (?=[a-z])", "remember that ", t)  # Belizean "memba dat mi sista Marlene live in Dangriga"
    t = re.sub(r"^(?P<k>remember (?:that )?(?:mi|my) (?:sister|brother|mother|father|son|daughter|cousin|aunt|uncle|friend|wife|husband) [a-z]+) "
               r"(?P<v>live|work|stay)(?= (?:in|at|for|with)\b)", r"\g<k> \g<v>s", t)  # "... mi sista Marlene live in Dangriga": she lives
    t = re.sub(r"^(?P<v>reply|answer|write back)(?: to (?:him|her|them))? (?:seh|se) (?=[a-z])", r"\g<v> saying ", t)  # "reply seh yes ..."
    t = re.sub(r"\bmi (?=(?:have|got|did|do|does|need|want|bought|buy|found|find|already|just|nuh|cannot|will|would|keep|kept|put|hide|hid|own|"
               r"park|parked|forget|forgot|married|support)\b)", "i ", t)  # Jamaican "mi": I
    t = re.sub(r"^how much (?P<x>[a-z]+) (?:mi|i) (?:own|have|got)$", r"how many \g<x> do i have", t)  # "how much dog mi own": how many dogs
    t = re.sub(r"\b(?P<n>how many|two|three|four|five|six|seven|eight|nine|ten) (?P<x>dog|cat|goat|cow|horse|pig|son|daughter|brother|sister|car|"
               r"bike|boat|grandson|granddaughter|cousin|kid)\b(?!s)", r"\g<n> \g<x>s", t)  # "mi have two dog": a count says the plural
    t = re.sub(r"^who (?:mi|i) (?=(?:married|engaged) to\b)", "who am i ", t)  # Bajan "who I married to again"
    t = re.sub(r"\bmi (?=(?:son|daughter|boy|girl|sister|brother|mother|father|mum|mom|dad|wife|husband|cousin|friend|grandson|granddaughter|"
               r"car|truck|boat|house|phone|keys|kids|children)\b)", "my ", t)  # Belizean and Jamaican "mi son": my son
    t = re.sub(r"^(?P<w>my|our) (?P<x>[a-z]+) name (?=[a-z]+(?: an | and |$))", r"\g<w> \g<x>'s name is ", t)  # "my wife name Marcia"
    t = re.sub(r"\b(?P<v>live|lives|living|stay|stays|work|works) a (?=[a-z]+$)", r"\g<v> in ", t)  # "she live a Mandeville": in
    t = re.sub(r"(?<=[a-z]) deh (?=(?:live|lives|living|work|works|working|stay|stays|staying)\b)", " ", t)  # "weh Tanisha deh live": where she lives
    t = re.sub(r"(?<=\blive )inna\b|(?<=\blives )inna\b|(?<=\bliving )inna\b|(?<=\bstay )inna\b|(?<=\bstays )inna\b|(?<=\bwork )inna\b|"
               r"(?<=\bworks )inna\b", "in", t)  # "mi daughter live inna Brooklyn": a place's name has no "the"
    t = re.sub(r"\binna(?: di| de)?\b", "in the", t)  # Jamaican "inna": in the
    t = re.sub(r"\bmi (?:di|de)\b", "me the", t)  # "read mi di market list"
    t = re.sub(r"^(?P<v>remind|wake|tell|show|give|call|ring|help) mi\b", r"\g<v> me", t)  # "wake mi up tomorrow at five"
    t = re.sub(r"^(?:(?:alright|aright|okay|ok|right) )?mi (?=(?:gone|going|a go|off|soon come)\b)", "i ", t)  # "aright mi gone": I'm off
    t = re.sub(r"\baright\b", "alright", t)
    t = re.sub(r"^(?:mek|make|tek|take) (?:a )?note (?:seh|sey|say) ", "make a note ", t)  # "mek a note seh the bus need new tyre"
    t = re.sub(r"(?<=[a-z]) an (?=(?:she|he|him|her|they) [a-z])", " and ", t)  # "mi son name Andre an him live a Kingston": and
    t = re.sub(r"(?:^|(?<=\band ))(?:him|her) (?=(?:move|moved|live|living|work|working|gone|go|went|get|got|deh|marry|married)\b)",
               lambda m: "he " if "him" in m.group(0) else "she ", t)  # Jamaican "him move to Montreal last month": he
    t = re.sub(r"^(?P<s>he|she|they) move to (?=[a-z])", r"\g<s> moved to ", t)  # ... the past said as "move"
    t = re.sub(rf"\b(?P<s>he|she) turn (?=(?:{NUMBER_WORDS_RE})\b)", r"\g<s> turned ", t)  # "she turn eight last week": turned
    t = re.sub(r"\b(?P<v>move|read|add|to|on|onto|from|for|in|at|off|cancel|delete|check|with|back|forward) mi (?=[a-z]{3,})", r"\g<v> my ", t)
    # "move mi dentist appointment to Friday", "add thyme to mi list", "push back mi next meeting"
    t = re.sub(r"^weh (?=time\b)", "what ", re.sub(r"^weh (?!time\b)(?=[a-z])", "where ", t))  # "weh Keisha live again"
    t = re.sub(r"^where i did (?=[a-z])", "where did i ", t)  # "weh mi did put di spare key": where did I put
    t = re.sub(r"\b(fi|pon|for|on|in|to|at|off|wid|with|about|is|till|park|parked|by|leave|left|near|from|under|behind|pause|stop|start|cancel|check|tek|take|put|add|read|delete|make|mek|how long|time|keep|kept|hide|hid|own|found|find|lost|lose|need|want) (?:di|de)\b", r"\1 the", t)
    t = re.sub(r"\bdat\b", "that", re.sub(r"\bdoin\b", "doing", re.sub(r"\bdoh (?=[a-z])", "don't ", t)))  # Caribbean "dat", "doin", "doh"
    t = re.sub(r"^an (?=(?:she|he|they|we|i|my|her|his|also|another|one|what|where|when|who|how)\b|[bcdfgjklmnpqrstvwxyz])", "and ", t)
    # "an she birthday is ...", "an divide dat by two": and (no article stands before a consonant)
    t = re.sub(r"\b(?:she|he) (?=birthday|anniversary|number|address|job)", lambda m: {"she": "her ", "he": "his "}[m.group(0).strip()], t)
    t = re.sub(r"^wha (?=(?!you\b|yuh\b)[a-z])", "what ", t)  # "wha shanice doin now"
    return t


def while_t_fi_fit_cannae(t: str) -> str:
    """Yorkshire "while" and "t'", Jamaican "fi", "wid" and "haffi", Doric "fit", Scots "cannae"."""
    t = re.sub(r"^how (?:many days|long)(?: is it| is there| have we got| have i got)? while\b", "how many days until", t)  # Yorkshire "while": until
    t = re.sub(r"\b(on|to|in|at|off|from|for|onto) t (?=[a-z]{3,})", r"\1 the ", t)  # Yorkshire "on t' shopping list"
    # Jamaican "fi di plantain": for the plantain
    t = re.sub(r"\bfi (?=the |my |a |an |\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sunday|"
               r"monday|tuesday|wednesday|thursday|friday|saturday)", "for ", t)
    t = re.sub(r"\blist fi (?=[a-z]{3,})", "list for ", t)  # "mi list fi market"
    t = re.sub(r"\bfi (?=(?:carry|take|tek|buy|call|get|pick|pay|go|collect|bring|fetch|check|see|meet|send|ring|book|put|wash|clean|feed|water|"
               r"sweep|cook|pack|fix|mend|move|drop|give|tell|ask|phone|text|email|write|post|renew|top|turn|switch|lock|charge|sign|start|"
               r"finish|do|make|mek|read|visit|wish|tidy|iron|empty|hang|fold|boil|soak|defrost|season)\b)", "to ", t)  # "fi carry the bus", "fi put out di garbage"
    t = re.sub(r"\bwid\b", "with", re.sub(r"\byuh\b", "you", re.sub(r"\blef\b", "left", re.sub(r"\b(?:mi )?haffi\b", "i have to", t))))
    t = re.sub(r"^fit (?=time|alarms?|day|date|is|are|like|have)\b", "what ", t)  # Doric (Aberdeen): "fit time is it noo"
    t = re.sub(r"\banither (?:een|ane)\b", "another one", re.sub(r"^an (?=anither\b)", "and ", re.sub(r"^gie (?=the|it|that|him|her|them|me)\b", "give ", t)))  # Doric "an anither een for the mince"
    t = re.sub(r"(?<=[a-z]) mair (?=minutes?|hours?|seconds?)\b", " more ", t)  # "gie the mince five mair minutes"
    t = re.sub(r"^far(?:'s| (?P<v>is|are|did|do|does|was|were)) ", lambda m: f"where {m.group('v') or 'is'} ", t)
    # Doric "far's the boat berthed": where
    t = re.sub(r"\b(?:cannae|canna|cannie)\b", "cannot", re.sub(r"\bonything\b", "anything", re.sub(r"\banither\b", "another", t)))
    return t


def hiv_tae_noo_mi(t: str) -> str:
    """Doric "hiv", "tae", "ane", "fit team is it" and "steer clear o", Scots "noo", Shetland "whit ... dee", Jamaican "mi" and
    "wah", "hounds", "the extra key", "if I lock myself out"."""
    t = re.sub(r"\bane\b", "one", re.sub(r"\b(i|we|you|they) hiv\b|\bhiv (?=i|we|you|they\b)", lambda m: (m.group(1) + " have") if m.group(1) else "have ",
                                        re.sub(r"\bmak\b", "make", re.sub(r"(?<=allergic )tae\b|(?<=^remind me )tae\b|(?<=^mind me )tae\b|\btae (?=the |my |a |an |go |see |get |be |do |work |bed |phone |call |ring |text |pick |take |buy |fetch |feed |pay |book |put |run |check |collect |meet |mend |fix |clean |walk |drive |send "
                                                                        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)",
                                                                        lambda m: "to" + m.group(0)[3:], t))))
    # Doric "hiv" and "tae", only where they stand for "have" and "to" (HIV and Tae, the name, are left alone)
    t = re.sub(r"(?<=[a-z]) noo\b", " now", t)
    t = re.sub(r"\b(that will|that'll|that would|it will|it'll) dae\b", r"\1 do", t)  # Doric "that'll dae": that'll do
    t = re.sub(r"(?<=\bback )tae (?=me\b)", "to ", t)  # "read it back tae me"
    t = re.sub(r"^where mi (?=(?:leave|left|park|parked|put|keep|hide|hid) )", "where did i ", t)  # Jamaican "where mi leave the van"
    t = re.sub(r"^wah mi call mi (?=[a-z]+$)", "what is my ", t)  # Jamaican "wah mi call mi dog": what is my dog called
    t = re.sub(r"^wah mi do fi a living\b", "what do i do for a living", t)  # "wah mi do fi a living again"
    t = re.sub(r"^wah course (?P<x>[a-z]+) a do$", r"what course is \g<x> doing", t)  # "wah course Shanice a do"
    t = re.sub(r"^whit did i tell dee (?P<x>.+) wis$", r"what did i tell you \g<x> was", t)  # Shetland "whit did I tell dee my boat's name wis"
    t = re.sub(r"^is there (?:onything|anything) (?P<x>[a-z]+) (?:has|needs) (?:tae|to) (?:steer clear|keep away|stay away)(?: o| of| from)?$",
               r"what is \g<x> allergic to", t)  # Doric "onything Sheena has tae steer clear o"
    t = re.sub(r"^fit team is it (?P<x>[a-z]+) plays for$", r"what team does \g<x> play for", t)  # Doric "fit team is it Jamie plays for"
    t = re.sub(r"(?:^|(?<=^remember )|(?<=number ))mi (?=[a-z]+ (?:is|are|was|in the|at|deh|de)\b)|\bmi (?=[a-z]+ (?:deh|de)\b)", "my ", t)  # "mi stall inna Coronation Market is ..."
    t = re.sub(r"\b(two|three|four|five|six|my|our|the) hounds\b", r"\1 dogs", t)  # "we got two hounds named Blue and Duke"
    t = re.sub(r"^mi (?=(?:sister|brother|mother|mudda|father|fadda|son|daughter|wife|husband|cousin|aunt|auntie|uncle|granny|grandmother|"
               r"friend|bredren|boss|neighbour|pickney|baby mother|baby father)\b)", "my ", t)  # Jamaican "mi sister Claudette ..."
    t = re.sub(r"\b(?:extra|other|second|backup) (key|keys|door key|house key|car key)\b", r"spare \1", t)  # "where did I put the extra key"
    t = re.sub(r"^if (?:i|we) (?:(?:lock|locked) (?:myself|ourselves) out|(?:get|got|am|are) locked out),? (?=where|what|who|how)", "", t)
    # "if I lock myself out, where will I find the other key": the question
    return t


def the_now_quarter_of_pon(t: str) -> str:
    """Scots "the now", American "quarter of seven", "only delete it", "neuro", Jamaican "pon", "jawn"."""
    t = re.sub(r"(?<=[a-z]) the now\b", " now", t)  # Scots "what time is it in Sydney the now"
    t = re.sub(r"\b(quarter|five|ten|twenty|twenty five) of (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\b)",
               r"\1 to ", t)  # American "quarter of seven": a quarter to seven
    t = re.sub(r"\bonly (?=(?:delete|send|read|cancel|archive|reply|add|set|remind|call|ring|stop|pause|bin)\b)", "just ", t)  # "only delete it": just
    t = re.sub(r"^((?:remove|delete|take off|cancel|strike off) [a-z]+(?: [a-z]+)?) only\b", r"\1", t)  # Indian "remove curd only, amma bought it"
    t = re.sub(r"\bneuro\b", "neurologist", t)  # "who's Dave's neuro again"
    t = re.sub(r"\bpon\b", "on", t)  # Jamaican "how much time left pon the dye"
    t = re.sub(r"\b(?:that|this|the) jawn\b", "the one", t)  # Philadelphia "read me that jawn Dom sent"
    return t


def am_wetin_were_yin(t: str) -> str:
    """Pidgin "am", "I di go", "wetin I get" and "by four", Yorkshire "that were", Scots "yin"."""
    t = re.sub(r"\b(?P<v>send|delete|archive|bring|read|open|check|cancel|move|pause|stop|mark|forward|keep|remove|clear|fix|leave|play|bin|"
               r"trash|answer|make|change|push|shift|put|set|extend|reduce) am\b", r"\g<v> it", t)
    # Nigerian Pidgin "this one na spam abeg delete am", "bring am back", "make am twenty five minutes"
    t = re.sub(r"^(?P<x>(?:ok|okay|alright|so) )?(?:i|mi|a) di go\b", r"\g<x>i am going", t)  # Cameroonian Pidgin "okay, I di go, bye"
    t = re.sub(r"\breply am\b(?: say)?", "reply him say", t)  # "reply am say the goods go land on Friday"
    t = re.sub(r"\bwetin\b", "what", t)  # Pidgin "read wetin I write"
    t = re.sub(r"^what (?:i|we) get (?=(?:on|for|today|tomorrow|tonight|this|next)\b)", "what have i got ", t)  # Pidgin "wetin I get on Sunday"
    t = re.sub(rf"\b(on (?:{DAYS})|today|tomorrow|tonight) by (?=(?:one|two|three|four|five|six|seven|"
               r"eight|nine|ten|eleven|twelve|half|quarter|\d)\b)", r"\1 at ", t)  # Nigerian "on Saturday by four": at four
    t = re.sub(r"\b(?P<w>that|it|i|he|she) were\b", r"\g<w> was", t)  # Cumbria and Yorkshire "that were from the rugby club"
    t = re.sub(r"\b(?P<w>another|the|that|this|a) yin\b", r"\g<w> one", t)  # Scots "and another yin for the stovies"
    return t


def one_note_have_i_a_wee(t: str) -> str:
    """ "write one note", Irish "have I a note", "what all", "a wee minute"."""
    t = re.sub(r"^(?P<v>(?:i (?:want|need|would like) to )?(?:write|take|make|start|send|set|put|add)) one "
               r"(?=(?:note|letter|reminder|e ?mail|message|timer|alarm|event)\b)", r"\g<v> a ", t)  # "write one note", "I want to write one letter"
    t = re.sub(r"^have i (?:a|an|any) (?=(?:note|reminder|alarm|timer|e ?mail|message|meeting|appointment)s?\b)", "have i got a ", t)  # Irish "have I a note about ..."
    t = re.sub(r"^(?P<q>have i got a (?:note|reminder)s? (?:about|on|for) [a-z ]+?) at all$", r"\g<q>", t)
    t = re.sub(r"\bwhat all\b", "what", t)  # Southern and Midwest US "what all do I have going on"
    t = re.sub(r"\ba wee (?=minute|second|sec|moment|while|bit)\b", "a ", t)  # "pause the soup a wee minute"
    return t


def tidy_haud_spanish_times(t: str) -> str:
    """Welsh "tidy", Scots "haud on", Tagalog "na", and times as Spanish says them ("four of the afternoon")."""
    t = re.sub(r"\bthat is tidy\b", "that is lovely", t)  # Welsh "ta love, that's tidy"
    t = re.sub(r"^(?:haud|hud) on\b", "hold on", t)  # Scots "haud on, pause the stovies"
    t = re.sub(r"\b(?P<q>what time is it|what is the time) na (?=in )", r"\g<q> ", t)  # Tagalog "what time is it na in California"
    t = re.sub(r"(?<=[a-z0-9]) of the (?P<p>morning|afternoon|evening|night)\b", r" in the \g<p>", t)  # "at four of the afternoon", as Spanish says it
    t = re.sub(r"\b(?:the )?(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday) of (?:the )?(?P<w>next|this|coming) week\b",
               lambda m: f"this {m.group('d')}" if m.group("w") == "this" else f"{m.group('d')} {m.group('w')} week",
               t)  # "the Thursday of the next week", as Spanish says it
    return t


def chiac_doric_and_shetland(t: str) -> str:
    """Chiac "ça" and "là", Scots "gie us", "na na" and "mind that", Doric "fit", "een" and "foo mony", Shetland "anidder" and
    "da morn", Luganda "webale", Spanish dates."""
    t = re.sub(r"\b(?:thank you |thanks )?nakhvamdis$", "bye", t)  # Georgian goodbye
    t = re.sub(r"^gie (?:us|me) ", "give me ", t)  # Scots "gie us a shout half an hour before the dentist"
    t = re.sub(r"^(?:(?:ach|och) )?gie's (?:anither|another) ", "give me another ", t)  # "ach, gie's anither ten minutes"
    t = re.sub(r"^foo mony ", "how many ", t)  # Doric "foo mony days till the twenty fifth o March"
    t = re.sub(r"\bo (?=january|february|march|april|may|june|july|august|september|october|november|december)", "of ", t)
    t = re.sub(r"^(?:an )?een (?=for |at )", "and another one ", t)  # Doric "an een for seven on Saturday"
    t = re.sub(r"^na na ", "no ", t)  # Scots "na na, make it half six"
    t = re.sub(r"^(?:you )?mind that (?=(?:my|our|i|we) )", "remember that ", t)  # Scots "mind that my brother Calum works on the ferries"
    t = re.sub(r"^(?:ok|okay)? ?(?:no problem )?(?:webale(?: kale| nnyo)?|wasingya) (?=let me go|bye|see you)", "", t).strip()  # Luganda "webale"
    t = re.sub(r"\bawa (?:tae|to)\b", "away to", t)  # "that's me awa tae work"
    t = re.sub(r"^bang (?=(?:another|an extra|a few|five|ten|two|three)\b)", "put ", t)  # "bang another five minutes on that"
    t = re.sub(r"\b(?P<v>snooze|stop|pause|cancel|delete) ça\b", r"\g<v> it", t)  # Chiac "snooze ça for ten minutes là"
    t = re.sub(r"(?<=[a-z]) là(?= |$)", "", t)
    t = re.sub(r"\bj'?suis\b", "i am", t)  # Chiac "j'suis so tired"
    t = re.sub(r"\bthe (?P<n>(?:twenty |thirty )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
               r"seventeen|eighteen|nineteen)|twenty|thirty) of (?=january|february|march|april|may|june|july|august|september|october|november|december)",
               lambda m: f"the {_ordinal(m.group('n'))} of ", t)  # "the twenty two of April", as Spanish says the day
    t = re.sub(r"\b(?P<n>[a-z]+) (?P<u>year|month|week) old\b", lambda m: f"{m.group('n')} {m.group('u')}{'' if m.group('n') in ('one', 'a') else 's'} old",
               t)  # "my son Ton is nine year old"
    t = re.sub(r"\bremind me (?:make|mek) (?:i|a|me) ", "remind me to ", t)  # Pidgin "remind me make I call Tunde"
    t = re.sub(r"\b(?:this|that) one na (?=[a-z]+\b)|^na (?=(?:spam|junk|scam|a scam|rubbish)\b)", "this one is ",
               t)  # "this one na spam", "na spam, delete am"
    t = re.sub(r"^fit's\b", "what is", t)
    t = re.sub(r"^fit(?= is\b| (?:alarms|time|day|date|reminders|notes|timers|lists|have|hae|do|did|does)\b)", "what", t)  # Doric "fit": what
    t = re.sub(r"\b(date|day|weather) the day$", r"\1 today", t)  # Scots "fit's the date the day"
    t = re.sub(r"^(?P<w>(?:my|our) [a-z]+(?: [a-z]+)?) were (?=(?:a|an|the|at|in|on)\b)", r"\g<w> was ", t)  # Yorkshire "me grandad Stan were a miner"
    t = re.sub(r"\bhae\b", "have", t)  # Doric, Scots
    t = re.sub(r"\b(set|add|make|start|and) een\b", r"\1 one", t)  # Doric "set een for half nine"
    t = re.sub(r"\banidder\b", "another", re.sub(r"^an anidder\b", "and another", t))  # Shetland "an anidder een"
    t = re.sub(r"\b(?P<w>(?:the|that|this|another|other|next|last|first) (?:[a-z]+ )?)(?:een|un)\b", r"\g<w>one", t)  # Shetland "the boat een", Yorkshire "that un"
    t = re.sub(r"^mind (?:me|my) (?=(?:to|about|at|on|in|tomorrow|the morn|da morn|tonight|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
               r"next|this|every)\b)", "remind me ", t)  # Scots and Irish "mind me the morn at eight to phone the boat"
    t = re.sub(r"\bda morn\b", "the morn", t)  # Shetland "da morn": tomorrow
    t = re.sub(r"^(?:na|nah|naw|nope) (?=(?:wait|sorry|make|mak|change|move|not|no|hang on|hold on|actually|it is|it was|it should be|i meant|i mean)\b)", "no ",
               t)  # Scots and Shetland "na wait", "nah it's the twenty first": a correction
    t = re.sub(r"^how auld\b", "how old", t)  # Scots
    return t


def aint_bout_mawnin_di(t: str) -> str:
    """ "ain't", "go head", "bout", "for me pie", "grocery list", Jamaican "mawnin" and "di", "seven fifteen evening"."""
    t = re.sub(r"\bi ain't\b", "i am not", re.sub(r"\b(we|they|you) ain't\b", r"\1 are not", t))
    t = re.sub(r"\b(he|she|it|that|[a-z]+) ain't\b", r"\1 is not", t)  # "that roux ain't dark enough yet"
    t = re.sub(r"\bgo head\b", "go ahead", t)  # "yeah go 'head send it"
    t = re.sub(r"\bhang you on\b", "hang on", t)  # Norfolk
    t = re.sub(r"\bbout (?=(?:the|my|a|an|it|that|this)\b)", "about ", t)  # "cancel the reminder bout the water bill"
    t = re.sub(r"\bfor me (?=(?!(?:to|and|please|now|then|too|later|again|tomorrow|today|tonight|at|in|on|as|so|if|when|while|i|it|that|this)\b)[a-z]+)",
               "for my ", t) if re.match(r"^(?:set|start|put)\b.*\btimer\b", t) else t  # "a timer for twenty minutes for me pie, love"
    t = re.sub(r"\bgrocer(?:y|ies) list\b", "shopping list", t)
    t = re.sub(r"\bmawnin\b", "morning", t)  # Jamaican
    t = re.sub(rf"\b(?P<t>{HOURS}(?: thirty| fifteen| forty five| o'clock)) (?P<p>morning|evening|afternoon)\b",
               r"\g<t> in the \g<p>", t)  # Malaysian English "on Saturday seven fifteen evening"
    t = re.sub(r"^(?P<x>(?:proof ?read|check|read|send|look at|see|correct) .+?) once$", r"\g<x>", t)  # Indian English "kindly proofread it once"
    t = re.sub(r"^di (?=[a-z])", "the ", t)  # Jamaican "di chicken need more time"
    return t


def tanks_does_the_morra_iya(t: str) -> str:
    """Jamaican "tanks", Guyanese "does work", Welsh "tidy", Scots "the morra", "em", Indonesian "iya"."""
    t = re.sub(r"\btanks(?: (?:mi|me|my) (?:dear|love|darling))?\b(?= (?:you|yuh|so|a lot)\b|$)", "thanks", t)  # Jamaican "tanks mi dear"
    t = re.sub(r"^have (?P<p>i|we) (?=(?:anything|much|something|owt|aught)\b)", r"have \g<p> got ", t)  # Irish "have I anything on tomorrow"
    t = re.sub(r"^(?!(?:where|what|when|who|how|which|why|does|do)\b)(?P<s>.*?\b[a-z]+) does (?P<v>work|live|stay|sell|drive|teach|run|play)\b",
               lambda m: f"{m.group('s')} {m.group('v')}s", t)  # Guyanese "me son Devon does work at the bauxite company": works
    t = re.sub(r"\btidy (?=(?:put|give|add|set|start|stick|chuck)\b)", "", t)  # Welsh "tidy" said before the request
    t = re.sub(r"^turn (?:her|him|she) (?P<d>up|down)\b", r"turn it \g<d>", t)  # "turn her down a bit eh, she's some loud"
    t = re.sub(r"^where y'?at\b.*$", "hello how are you", t)  # New Orleans "where y'at, baby"
    t = re.sub(r"\b(i am|we are) (?:bout|about) to head (out|off|home)\b", r"\1 going to head \2", t)  # "aight I'm bout to head out"
    t = re.sub(r"\bthe morra\b", "tomorrow", t)  # Scots
    t = re.sub(r"^what is on (?:me|for me) (?=(?:today|tomorrow|tonight|this|next|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
               "what is on ", t)  # Scots "what's on me the morra"
    t = re.sub(r"\b(on|off) em$", r"\1 them", t)  # "put another twenty minutes on em"
    t = re.sub(r"^scrub (?=(?:the|my) [a-z]+(?: [a-z]+)? off\b)", "take ", t)  # "scrub the bacon off, our mam's bringing some round"
    t = re.sub(r"^iya\b", "yes", t)  # Indonesian "iya, yes, cancel it"
    t = re.sub(r"^terima kasih\b", "thanks", t)
    t = re.sub(r"\b(?P<at>o'clock|thirty|am|pm|fifteen|forty five) (?P<d>(?:one|two|three|four|five|six|an|a|half an) hours?|(?:[a-z]+ )?[a-z]+ minutes)$",
               r"\g<at> for \g<d>", t) if re.match(r"^(?:add|put|book|pencil|schedule|stick|pop) ", t) else t  # "add church Sunday eleven o'clock two hours"
    return t


def tae_form_hooroo_tak(t: str) -> str:
    """Scots "tae" and "tak", "an hour and ten", Irish "how's the form", Australian "hooroo", "ar", "she got two"."""
    t = re.sub(r"\b(?P<v>(?:an? )?(?:email|e mail|mail|message|letter|text)|write|reply|send (?:it|this|that)) tae\b", r"\g<v> to", t)  # Scots "an email tae Morag"
    t = re.sub(r"\b(?P<h>an|a|one|two|three|four|five) hours? and (?P<m>five|ten|fifteen|twenty|twenty five|thirty|thirty five|forty|forty five|fifty|fifty five)\b"
               r"(?! (?:minutes?|mins?|seconds?|hours?)\b)", lambda m: f"{m.group(0)} minutes", t)  # "an hour and ten for the beef": seventy minutes
    t = re.sub(r"^how is the form(?: today| this morning)?$", "how are you", t)  # Irish "how's the form"
    t = re.sub(r"\b(?:hooroo|ta ra|tara)$", "bye", t) if len(t.split()) > 2 else t  # Australian "hooroo"
    t = re.sub(r"^ar (?=(?:go on|yes|please|ok|okay|do it|go for it|that would be)\b)", "yes ", t)  # Black Country "ar go on then": yes
    t = re.sub(r"\b(?P<v>write|send) one (?=(?:mail|email|e mail|message)\b)", r"\g<v> an ", t)  # Indian English "write one mail to Priya"
    t = re.sub(r"\b(he|she|they) got (?=(?:two|three|four|five|six|seven|eight|a|an|one)\b)", r"\1 has got ", t)  # "and she got two little ones"
    t = re.sub(r"^tak (?=(?:a|an|the|it|that|off|aff|note)\b)", "take ", t)  # Shetland and Scots "tak a note"
    return t


def day_ordinal_bonjou_fixing_to(t: str) -> str:
    """ "Thursday twelfth", Southern US "fixin' to", Shetland "da"."""
    t = re.sub(rf"\b(?P<d>{DAYS}) (?=(?:{ORDINAL_RE})\b(?! (?:of )?(?:january|february|march|april|may|june|july|august|september|october|"
               r"november|december)\b))", r"\g<d> the ", t)  # "Thursday twelfth": the twelfth, a Thursday ("Wednesday twenty second July" is read as said)
    t = re.sub(r"^(?:(?:alright|all right|ok|okay|well) )?(?:baby|babe|sugar|honey|darling|love) (?=i am\b)", "", re.sub(
        r"\b(i am|we are) fixing to\b", r"\1 going to", t))  # Southern US "alright baby, I'm fixin' to head out"
    t = re.sub(r"\bda (?=[a-z]+'s\b)", "the ", t)  # Shetland "da light's bidin later"
    return t


def the_morrow_divvent_wha(t: str) -> str:
    """ "the morrow", "one and half", Geordie "divvent", Trinidadian "wha"."""
    t = re.sub(r"\bthe morrow\b", "tomorrow", t)  # Scots and Ulster "the morrow"
    t = re.sub(r"\bone and half\b", "one and a half", t)  # "for one and half hours"
    t = re.sub(r"\bdivvent\b", "do not", t)  # Geordie
    t = re.sub(r"^wha (?=[a-z])", "what ", t)  # Trinidadian "wha mail I have this morning"
    return t


def evening_six_oclock(t: str) -> str:
    """ "Tuesday evening six o'clock", "at seven and half"."""
    t = re.sub(r"\b(?P<at>at|for|till|until|by|from) (?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) and (?:a )?half\b"
               r"(?! (?:hours?|minutes?|days?|weeks?)\b)", r"\g<at> half past \g<h>", t)  # Spanish and Italian "at seven and half": 7:30
    t = re.sub(r"\bevery (?:day|days) of work\b", "every weekday", t)  # "every day of work"
    t = re.sub(rf"\b(?P<d>{DAYS}) (?P<p>morning|afternoon|evening|night) (?P<t>(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
               r"(?: thirty| fifteen| forty five)?) o'clock\b", r"\g<d> at \g<t> in the \g<p>", t)  # "Tuesday evening six o'clock"
    return t


def how_long_more_crust_gie(t: str) -> str:
    """Singlish "how long more", "Saturday three o'clock", Australian "for a crust", Scots "gie", "snooze am"."""
    t = re.sub(r"^how long more (?:for|on) ", "how long left on ", t)  # Singlish "how long more for the soup ah"
    t = re.sub(r"\b(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today) (?P<t>(?:one|two|three|four|five|six|seven|eight|nine|"
               r"ten|eleven|twelve)(?: thirty| fifteen| forty five)?) o'clock\b", r"\g<d> at \g<t> o'clock", t)  # "Saturday three o'clock"
    t = re.sub(r"\bfor a (?:crust|living|job)\b", "for work", t)  # Australian "what does Dave do for a crust"
    t = re.sub(r"\bgie\b", "give", t)  # Scots "gie it another two minutes"
    t = re.sub(r"^(?:abeg )?snooze am\b", "snooze it", t)  # Pidgin "abeg snooze am ten minutes"
    return t


def get_shut_wait_o_chur(t: str) -> str:
    """Yorkshire "get shut", Nigerian "wait o", New Zealand "chur", Grenadian "that go take"."""
    t = re.sub(r"\bget shut(?: of (?:it|that|them))?$", "get rid of it", t)  # Yorkshire "yeah go on, get shut"
    t = re.sub(r"^(?:wait )+o (?=[a-z])", "wait ", t)  # Nigerian "wait o, bring am back"
    t = re.sub(r"^chur(?: bro| cuz| mate)?\b", "thanks", t)  # New Zealand "chur bro, you're a legend"
    t = re.sub(r" that (?:go|will|gonna|going to) take (?P<d>[a-z]+ (?:hours?|minutes?))$", r" for \g<d>", t)  # Grenadian "that go take three hours"
    return t


def ya_shoppin_i_were(t: str) -> str:
    """Malaysian "ya send it", "shoppin'", Yorkshire "I were", "he's a chippy"."""
    t = re.sub(r"^(?:ya|yah|yeah|yup) send it$", "yes send it", t)  # Malaysian "ya send it"
    t = re.sub(r"\b(?P<x>shoppin|thinkin|somethin|nothin|goin|comin|mornin|evenin|livin|workin|stayin)'?(?= |$)", lambda m: m.group("x") + "g", t)  # "my shoppin' list"
    t = re.sub(r"\bi were\b", "i was", t)  # Yorkshire "I were up till three"
    t = re.sub(r"\b(he|she)'s (?=an? [a-z]+)", r"\1 is ", t)  # "he's a chippy": is, not has
    return t


def birthday_na_in_calendar(t: str) -> str:
    """Pidgin "my wife Ngozi birthday na ...", "my wife Ngozi birthday is", "in calendar"."""
    t = re.sub(r"\b(?P<w>(?:my|our) [a-z]+ [a-z]+|[a-z]+(?:'s)?) birthday na (?=(?:the )?[a-z]+)", r"\g<w> birthday is ", t)  # Pidgin "my wife Ngozi birthday na ..."
    t = re.sub(rf"^(?P<w>(?:my|our) {KIN} [a-z]+) birthday is\b", r"\g<w>'s birthday is", t)  # "my wife Ngozi birthday is ...": hers
    t = re.sub(r"\bin calendar\b", "in the calendar", t)  # "put airport pickup for Klaus in calendar Friday ..."
    return t


def only_na_dey_leboga(t: str) -> str:
    """Indian English "only", Pidgin "na", "make I" and "dey", "his wife name", "an' all", Shetland "dee"."""
    t = re.sub(r"\b(fifteen|thirty|o'clock|forty five) only\b", r"\1", t)  # Indian English "make it six fifteen only"
    t = re.sub(r"^(?:and )?(?P<x>his|her) (?P<r>wife|husband|son|daughter|brother|sister|mother|father) na (?=[a-z]+$)", r"\g<x> \g<r> is called ", t)  # Pidgin "his wife na Adaeze"
    t = re.sub(r"\bmake i (?:check|turn|stir|see|watch) (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)?)$", r"for the \g<x>", t)  # Pidgin "make I check the beans"
    t = re.sub(r"\b(?P<o>his|her|my|our|[a-z]+'s) (?P<r>wife|husband|son|daughter|brother|sister|mother|father|mum|dad|boss|dog|cat) name\b", r"\g<o> \g<r>'s name", t)
    # "what is his wife name"
    t = re.sub(r"\ban(?:')? all (?=(?:we|i|they|she|he|it)\b)|\ban(?:')? all$", "", t).strip()  # Northern "an' all": as well
    t = re.sub(r"^turn (?:dee|thee) (?P<d>up|down)(?: a peerie bit| a bit| a peedie bit)?", r"turn it \g<d> a bit", t)  # Shetland "turn dee up a peerie bit"
    t = re.sub(r"\b(bill|rent|total|fare|price|cost|tab|invoice|quote)'s\b", r"\1 is", t)  # "the power bill's two hundred and thirty eight bucks"
    t = re.sub(r"\bgot (?:him|her|them|me|us|hisself|herself) (?=an? )", "has got ", t)  # Southern "my son Marcus got him a dog named Biscuit"
    t = re.sub(r"^how (?:you )?dey\b.*$", "how are you", t)  # Nigerian Pidgin "how you dey this morning"
    t = re.sub(r"^(?:ke a leboga|ke itumetse)(?: mma| rra)?\b", "thanks", t)  # Setswana thanks
    return t


def in_the_night_can_continue(t: str) -> str:
    """ "in the night", Singlish "can continue already"."""
    t = re.sub(r"(?<=[a-z]) in the night\b", " at night", t)  # "at nine in the night"
    t = re.sub(r"^(?:ok |okay )?can (?:continue|carry on|start again|resume)(?: already| now| lah)?$", "resume", t)  # Singlish "ok can continue already"
    return t


def gwaan_aiya_em_diolch(t: str) -> str:
    """ "obrigada", "from nine", Jamaican "wah gwaan", Malaysian "aiya", "em" and "them", Welsh "diolch"."""
    t = re.sub(rf"(?<=\bis all ){THANKS_SAID}(?= bye\b| goodbye\b|$)", "thanks", t)  # "that's all, obrigada, bye"
    t = re.sub(r"\bfrom (?P<t>(?:half past |quarter past |quarter to )?[a-z0-9:]+(?: (?:thirty|fifteen|forty five|am|pm|o'clock))?) "
               r"(?=for (?:an?|one|two|three|four|five|half an?|[a-z]+ and a half) (?:hours?|minutes?)\b)", r"at \g<t> ", t)  # "from nine for two hours"
    t = re.sub(r"^(?:wah gwaan|wha gwaan|wagwan|whappen)\b ?", "hello ", t).strip()  # Jamaican "wah gwaan, how yuh doing": a greeting, not "no"
    t = re.sub(r"^(?:aiya|aiyah|alamak|aduh|wah)(?: no)?(?: lah)? (?=[a-z])|^aiyo no(?: lah)? (?=[a-z])", "no ", t)  # Malaysian "aiya no lah make it half two"
    if re.match(r"^(?:add|put|stick|pop|get)\b.* (?:to|on|onto) (?:the|my|our) (?:[a-z]+ )?list\b", t):  # "add allspice an scotch bonnet to the list"
        t = re.sub(r"(?<=[a-z]) an (?=[bcdfgjklmnpqrstvwxyz][a-z]{3,}\b)(?!(?:hour|honest|honour|heir)\b)", " and ", t)
    t = re.sub(r"\bower in\b", "over in", re.sub(r"\bthe (?:noo|now)\b", "now", t))  # Scots "what time is it ower in Calgary the noo"
    t = re.sub(r"\b(?P<v>start|stop|pause|hold|cancel|restart|resume|scrap|bin|delete|read|get) em\b", r"\g<v> them", t)  # "start em back up"
    t = re.sub(r"\b(?P<a>all )?them (?=(?:timers|alarms|reminders|notes|emails|mails)\b)", r"\g<a>the ", t)  # "hold all them timers"
    t = re.sub(r"\b(on|off|for|with|about) them (?=[a-z]{3,}s\b)", r"\1 the ", t)  # "how long's left on them biscuits"
    t = re.sub(r"^diolch(?: yn fawr)?\b", "thanks", t)  # Welsh thanks
    t = re.sub(r"^((?:(?:and|so|hold on|hang on|wait|right|okay|ok) )*what(?: else)? have (?:i|we)) on\b", r"\1 got on", t)
    # Irish "what have I on this weekend"
    t = re.sub(rf"^((?:is|are) there anything) on (?:me|for me) (?=(?:on |today|tomorrow|tonight|this|next|{DAYS})\b)", r"\1 on ", t)
    # Irish "is there anything on me on Thursday"
    t = re.sub(r"\bfor me (?=(?:tea|dinner|lunch|breakfast|supper|tea break|lunch break|break|coffee)$)", "for my ", t)  # "a timer for me tea break"
    t = re.sub(r"^(?:sasa|haya|sawa) (?=[a-z])", "", t)  # Swahili "sasa" (now), said first
    return t


def tank_yuh_big_up(t: str) -> str:
    """Jamaican "tank yuh" and "big up", Northern "an all", "whereabouts"."""
    t = re.sub(r"\btank (?:yuh|you|u)(?: (?:mi|me|my)(?: love)?$)?\b", "thank you", t)  # Jamaican "tank yuh mi love"
    t = re.sub(r"^big up (?:yuhself|yourself|yuself|you)\b", "thanks", t)  # "big up yuhself, you're a star"
    t = re.sub(r" an all$", " as well", t)  # Northern "stick cones on the van list an all"
    t = re.sub(r"^whereabouts (?=(?:is|are|does|do|did|was|were)\b)", "where ", t)  # "whereabouts is my sister living"
    return t


def the_morn_first_thing(t: str) -> str:
    """Scots "the morn" and "the night": tomorrow and tonight; "first thing": in the morning, or nothing more when a time is said."""
    t = re.sub(r"\bthe morn(?:'s| is)? morn\b", "tomorrow morning", t)  # Scots: "the morn" is tomorrow
    t = re.sub(r"^(?P<x>(?:(?:och|no) )*(?:it is|it's) [a-z]+),? no the morn$", r"\g<x> not tomorrow", t)  # "och no, it's Friday, no the morn"
    t = re.sub(r"\bthe morn\b(?!ing)", "tomorrow", t)
    if re.match(r"^(?:remind|set|wake|what|is|are|have|put|book|add)\b", t):  # Scots "put the bins oot the night at nine": tonight
        t = re.sub(r"(?<!\bfor )(?<!\ball )(?<!\bduring )(?<!\bof )(?<!\bthat )(?<!\bper )(?<!\bin )(?<!\bat )\bthe night\b(?= at |$)", "tonight", t)
    days = rf"(?:tomorrow|today|{DAYS})"
    if re.match(r"^(?:(?:hang on|hold on|wait|so|and|right|okay|ok|oh|um) )*(?:what|have|do|am|is|are|anything)\b", t):  # "what have I got first thing tomorrow": that day's things
        return re.sub(rf"\bfirst thing(?: in the morning)? (?=(?:on )?{days}\b)|(?<=[a-z]) first thing$", "", t)
    t = re.sub(r"\bfirst thing(?: in the morning)? (?=at )", "", t)  # "tomorrow first thing at half eight": at half eight
    t = re.sub(rf"\b(?P<d>{days}) first thing(?: in the morning)?\b|\bfirst thing(?: in the morning)? (?:on )?(?P<d2>{days})\b",
               lambda m: f"{m.group('d') or m.group('d2')} morning", t)  # "first thing tomorrow": tomorrow morning
    t = re.sub(r"\bfirst thing(?: in the morning)?\b(?! (?:i|we|you|he|she|they|on|at|in|is|was|to do)\b)", "in the morning", t)
    return t
