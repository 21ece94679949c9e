"""Words said around a request that are no part of it, dropped.

Fillers ("um", "like"), a word said twice in a stumble, politeness ("please", "could you"), hedges ("or so",
"just so you know"), words said first ("so", "right", "oh"), words of endearment and respect said to the OS
("thanks love", "sir"), tags said last ("eh", "lah"), thanks and goodbyes said around a request, and the
persona's own name.
"""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE
from .words import CALLS_SAID, ENDEARMENTS, SAME_TIME, THANKS_SAID, THANKS_SAID_LAST

_FILLERS = re.compile(
    r"\b(?:u+m+|u+h+|e+r+m*|h+m+|ah+|uhm|mhm|u+g+h+|argh+|yallah?|i mean|like i said|actually|basically|kindly|haha+|(?:ha )+ha|hehe+|lol)\b"
)
_POLITE = re.compile(
    r"\b(?:please|pretty please|would you ever|i want you to|i would like you to|i need you to|go ahead and|be a dear and|just|quickly|for me|abeg)\b"
    r"|^(?:and )?(?:would you mind|could you|can you|would you|will you|would ya|could ya|can ya|will ya|beg yuh|beg you)\b(?! (?:do|help)\b)"
)
# "just so you know, ...", "sorry, what's the date": a hedge said before the request.
_HEDGE_FIRST = re.compile(r"^(?:just so you know|just to let you know|for your information|fyi|by the way|btw|quick question|"
                          r"excuse me|sorry)\b,? (?=\w)")
# "would ya", "can ya": a request's last words asking it kindly (also cut before a reason: nlu/asides.py).
ASKED_KINDLY = r"would ya|would you|will ya|will you|could ya|can ya"
# Hedges and asides that never change what is asked: "like 9", "an hour or so", "would ya",
# "just so you know ...", "sorry, what's the date"; each leaves at least that many words.
_HEDGES = (
    (re.compile(r"\b(?:or so|or thereabouts|give or take|more or less|ish)\b"), 1),
    (re.compile(rf"\b(?:like|about|around|roughly|approximately|say) (?=(?:{NUMBER_RE}|an?|half)\b(?! lot))"), 1),
    (re.compile(rf"(?:,? )\b(?:{ASKED_KINDLY}|will yer|would yer|can yer|could yer|"
                r"if you (?:would|could|can|do not mind)|"
                r"if that is ok|thanks|thank you|cheers|ta|sorry)$"), 2),
    (_HEDGE_FIRST, 1),
    (re.compile(r" (?:just )?(?:so you know|to let you know|for your information|fyi)$"), 2),
    (re.compile(r" anyway$"), 2),
    (re.compile(r"(?:(?<=\bone)|(?<=\bit)|(?<=\bthat)) (?:for )?a (?:sec|second|tick|mo)$"), 2),  # "go back to that first one a second"
)
# "thanks love", "bye mate", "yes ma'am": a word of endearment after thanks, a greeting or an answer.
_VOCATIVE = re.compile(rf"(\b(?:thanks|thank you|cheers|bye|goodbye|night|goodnight|morning|hello|hi|hey|hey there|hi there|evening|ta|ta ra|tara|"
                       rf"appreciate it|g'day|khuda hafiz|allah hafiz)|"
                       rf"(?<!\bwith )(?<!\band )(?<!\bor )(?<!\bof )(?<!\bhas )(?<!\bhave )(?<!\btakes )(?<!\btake )(?<!\bwants )(?<!\bis )"
                       rf"\b(?:yes|yeah|no|sorry|okay|ok|aye|right|alright)) "  # "with no sugar now" is how she takes her tea
                       rf"(?:{ENDEARMENTS}|man|my man|my son|me son|my boy|me boy|my girl|me girl|partner|chale|charley|bey|bredda|mira|oye)(?=$| )")
# "yes man, cancel it", "thanks partner", Ghanaian "thank you chale"
# A word of endearment said last, to the OS: never one a request could end in ("add honey", "ring my love").
_CALLED_AFTER = re.compile(r"(?<!\bmy)(?<!\bour)(?<!\bthe)(?<!\ba)(?<!\band)(?<!\bor)(?<!\bwith)(?<!\bfor)(?<!\bto)(?<!\bof)(?<!\bhis)"
                           r"(?<!\bher)(?<!\byour)(?<!'s)(?<!\blittle)(?<!\bold)(?<!\bnew)(?<!\bwee)(?<!\bfamily)(?<!\bbig)(?<!\btwin)"
                           r" (?:love|darling|dear|mate|pal|hun|sweetie|sweetheart|babe|bab|chuck|petal|pet|(?:me |mi |my )?duck|my lover|my love|"
                           r"yaar|bro|bruv|fam|hen|cuz|mucker|buddy|dude|bach|cariad|walaal|cher|brother|sister|sis|bor|boy|again bor|beta|"
                           r"beti|ji|pala|abeg|dawlin|darlin|marra|marrer|meu|mano|tche|querida|querido)$")
# "take the neck strips off, man", "yes send it, lovely": said to the OS, only after a word no request's thing ends in ("the gas man" stays).
CALLED_MAN = re.compile(r"(?:(?<=\boff)|(?<=\bon)|(?<=\bup)|(?<=\bdown)|(?<=\bout)|(?<=\baway)|(?<=\bnow)|(?<=\bagain)|(?<=\bit)|"
                        r"(?<=\bthem)|(?<=\bthen)|(?<=\bplease)|(?<=\bthanks)|(?<=\bcheers)|(?<=\bminutes)|(?<=\bminute)|(?<=\bthat)|"
                        r"(?<=\btoday)|(?<=\btomorrow)|(?<=\btonight)) "
                        r"(?:man|lovely|hon|honey|mush|my friend|my brother|my sister)$")
# Scouse "put another five minutes on that, mush", Moroccan "what is the date today, my friend"
# "and like, note down ...": "like" said before a request, as "um" is.
_LIKED_BY = {"i", "you", "we", "they", "he", "she", "it", "would", "i'd", "you'd", "we'd", "do", "does", "did", "not", "don't", "doesn't",
             "didn't", "feel", "feels", "look", "looks", "sound", "sounds", "seem", "seems", "taste", "tastes", "smell", "smells",
             "is", "what", "just", "really", "also", "might", "may", "to", "kids", "people", "dogs", "cats", "mum", "dad", "still", "all"}
"""Words "like" follows as a verb or a comparison ("things I like", "what it looks like"), where it is never a filler."""
_LIKE_FIRST = re.compile(r"^((?:and |so |oh |ok |okay |right )?)like (?=(?:note|add|set|remind|put|make|cancel|delete|take|read|tell|"
                         r"write|start|stop|turn|what|how|when|where|who|can|could|will|would)\b)")
# A small word said twice in a stumble ("is is this thing on"); never a number ("four four seven one") or
# a word said twice on purpose ("bye bye", "that that", "thank you, you're a star").
_SAID_TWICE = re.compile(r"\b(is|what|the|a|an|i|and|can|we|my|of|for|how|where|when|who|will|would|could|"
                         r"this|set|add|remind|are|am|if|but|um) \1\b")
_REQUEST_WORD = (r"what|where|when|who|how|which|can|could|would|will|did|do|set|add|remind|put|tell|read|take|give|cancel|delete|"
                 r"remove|move|make|stop|pause|start|resume|continue|clear|go|change|remember|wake|stick|chuck|bung|pop|turn|snooze|"
                 r"find|book|ring|call|text|email|play|show|scrap|undo")
"""The first word of a request, which a word said only before a request ("mira", "love") is followed by."""
_LEADING = re.compile(r"^(?:(?:so|well|okay|ok|alright|all right|right|oh|hey there|hello there|hey|hi there|now|listen|yeah|yes|you know what|go on|hang on|hold up|hold on(?! (?:the|my|that|this|them|all|both|everything) (?:[a-z]+ )?(?:timers?|one)\b)|"
                      r"oops|oops no|ope|eh|eish|kia ora(?: e hoa| koutou| e te whanau)?|mela|duw|ay|aii|aai|k|kk|arre|lord|gan on|ey up|eh up|ay up|mais|yaar|(?:as a )?matter of fact|yerra|chale|ei|jirre|aiyo|aiyoh|aney|uwa|safe|"
                      r"bwoy|ssebo|sebo|nyabo|yoh|haibo|jislaaik|c'mere|c mere|come here(?= (?:move|cancel|add|set|put|change|make|take|remind|read)\b)|"
                      r"ag shame|shame(?= (?:mark|delete|read|move|cancel|put|add|ok|okay|reply|send)\b)|sweet(?= (?:chuck|put|add|book|set|move|cancel|pop|stick)\b)|"
                      r"grand(?= (?:start|stop|pause|cancel|set|add|put|remind|move|book|read|take|resume|carry)\b)|"  # Irish "right, grand, start them again"
                      r"ar(?= no\b)|aye(?= (?:how|what|when|where|who|can|could|set|add|remind|put|tell|read|next|delete|archive|skip|mark|cancel|pause|stop|play|alreet|alright|i)\b)|(?:sorry )?wrong one|no wait|wait|then|brilliant|great|perfect|lovely|cool|nice one|morning|good morning|hi|hello|yo|silly me|my mistake|my bad|(?:aye )?fair enough|(?:please )?help me (?:to )?(?=calculate\b|work out\b)|i am wrong|i was wrong|i (?:got|had) (?:it|that) wrong|i made a mistake|"
                      r"sweet as|shoot|oh shoot|aw shoot|aw man|aww|aw|dang it|darn it|dang|darn|shucks|blimey|crikey|gosh|bugger(?: me)?|bloody hell|damn(?: it)?|"
                      r"heck|blast|drat|tipo|aight|ack|aiee|aiyee|alreet|on ye go|on you go|kurcze|kurczę|cholera|lord have mercy|have mercy|mercy me|hold yew hard|go ahead(?: and)?(?= (?:start|stop|pause|cancel|delete|send|read|set|add|put|move)\b)|"
                      r"grand(?= (?:reply|send|read|add|set|put|cancel|delete|so|then|thanks|cheers|that is|next|previous|archive|mark|go|skip)\b)|"
                      r"sure(?= (?:my|our|his|her|the|we|they|i) [a-z])|"  # Irish "sure my brother lives over in Boston"
                      r"d'accord|d accord|bon(?= (?:read|send|delete|add|put|set|remind|reply|move|cancel)\b)|ya ya|"  # French, Spanish
                      r"aja|eche|chuta|ois|oiga|oye|ya pues|pues|de ley|bueno|ja|" + CALLS_SAID + r"|cabal|ta bien|ay que bueno|que bueno|ve(?= (?:better|no|make|put|set)\b)|"  # Latin American Spanish
                      r"(?:dale|mira|wrong|ta)(?= (?:" + _REQUEST_WORD + r"|gracias|thanks|thank you|muchas|mil)\b)|"  # never Dale or Mira; "oh wrong, delete that note", Uruguayan "ta, resume it"
                      r"righto|right oh|dead on|good(?= (?:put|add|book|pop|stick|set|send|read|cancel|move|delete|make)\b)|"
                      r"wicked(?= (?:sorry|good|thanks|cheers|send|delete|read|put|add)\b)|dadgum it|dagnabbit|ehn|ehen|(?:and )?abeg|khalas|wakha|tamam|perfetto|perfekt|passt|allee|prima|genau|super|okej|beleza|tranquilo|top(?= (?:thanks|thank you|danke|merci|dank|bye))|acha|achha|accha|theek hai|listo|yalla|fine(?= (?:thanks|thank you|cheers)\b)|(?:bahut |bohot )?badhiya|hajur|huzoor|better(?= (?:move|make|put|change|set|cancel|at|on|for)\b)|oh for pete's sake|for pete's sake|for goodness sake|"
                      r"for heaven's sake|for crying out loud|good grief|jeez|geez|"
                      r"whoops|oh dear|och|och aye|ach|ag|ah|naw|ooh|hiya|sorry " + ENDEARMENTS + r"|"
                      + ENDEARMENTS + r"(?= (?:" + _REQUEST_WORD + r")\b)|"
                      r"quick one|quick question|quick(?= (?:how|what|when|where|who|set|add|remind|put|is|are)\b)|no hang on|no hold on|before that|"
                      r"(?:do you know what|i will tell you what|tell you what)(?= (?:cancel|move|add|set|put|remind|delete|scrap|forget|make|book|"
                      r"take|send|read|just|let us|i will|actually|get rid of)\b))\b[ ,]*)+")
# Words said in passing at the end, which no request holds: "my name's Gareth by the way", "delete the
# ones from Groupon while you're at it", "a second alarm for quarter to six just in case".
_SAID_IN_PASSING = re.compile(r" (?:by the way|btw|while you are at it|while you are there|just in case|if you do not mind|"
                              r"if you would not mind|if you can|if you could|when you get a (?:chance|sec|second|minute))$")


def fillers_and_vocatives(t: str) -> str:
    """ "um", "erm", "I mean", and a word of endearment after thanks or a greeting ("thanks love", "yes ma'am")."""
    t = re.sub(r"\s+", " ", _FILLERS.sub(" ", t)).strip()
    t = re.sub(r"\bthank ya\b", "thank you", re.sub(r"^(?:i )?(?:really )?'?preciate (?=it|that|you)\b", "appreciate ", t))  # "preciate it buddy"
    t = _VOCATIVE.sub(r"\1", t)
    t = re.sub(r"\b(thanks|thank you|cheers|bye|goodbye)(?: so much| very much| a lot)? (?:my )?(?:brother|sister)$", r"\1", t)  # "tamam, thanks brother"
    t = re.sub(rf"^{ENDEARMENTS} (?=(?:yes|yeah|ok|okay|sure)\b|no$)", "", t)  # Nepali "hajur, yes", "boss, no": said to the OS first
    return t


def blessings(t: str) -> str:
    """A blessing said in passing: "I have six grandchildren, mashallah", "god willing"."""
    t = re.sub(r" (?:masha allah|mashallah|inshallah|insha allah|alhamdulillah|god willing|god bless (?:him|her|them)|allah (?:y|yi|i)barek fik(?:i|um|oum)?)\b", "", t)
    # "I have six grandchildren, mashallah": a blessing, not two more names
    return t


def madam_and_stumbles(t: str) -> str:
    """ "the one from ma'am Khadija"; a small word said twice in a stumble ("is is this thing on")."""
    t = re.sub(r"(?<=\bfrom )(?:ma'am|maam|madam|sir) (?=[a-z])", "", t)  # "the one from ma'am Khadija"
    t = _SAID_TWICE.sub(r"\1", t)  # "is is this thing on", "what what can you do": a stumble, said once
    return t


def sir_after_a_name(t: str) -> str:
    """ "the mail from Rohit sir", "reply to Anil ji"."""
    t = re.sub(r"\b(from|to|reply to|email|mail) (?P<n>[a-z]+) (?:sir|madam|ma'am|ji|sahib|saab)\b", r"\1 \g<n>", t)  # "the mail from Rohit sir"
    return t


def tags_said_last(t: str) -> str:
    """A tag said last: "eh", "lah", "na", "so it is", "so", "like" ("grand, read it back to me so")."""
    t = re.sub(r"^(?:akpe|yauwa|na gode|medaase) (?=thanks?\b|thank you\b)", "", t)  # Ewe "akpe", Hausa "yauwa", Twi "medaase"
    t = re.sub(r"^(ok|okay) o (?=thanks?\b|thank you\b)", r"\1 ", t)  # Nigerian "okay o, thanks"
    t = re.sub(r"\bthank you jare\b", "thank you", t)  # Yoruba "thank you jare"
    if len(t.split()) > 2:
        placed = re.search(r"\b(?:at|in|from|near|(?<!allergic )(?<!intolerant )to)(?: (?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b)[a-z]+)? "
                           r"(?:hey|na|la)$", t)  # "works at Alder Hey": a place's name, no tag; "to Friday na", "allergic to chicken hey" have a tag
        t = t if placed else re.sub(r" (?:eh|ay|yeah|lah|la|leh|lor|mah|hor|po|na|abeg|b'y|hey|nah|nuh|sha|sef|o|oo|bah|ka|kha|krub|khrap|ka kite(?: ano)?|so it is|so i am|so it was|so i do|so i did|so we did|"
                   r"so (?:i|he|she|they|we) (?:is|are|was|were|does|do|did|has|have)|nalang|na lang|gyud|jud)$", "", t)  # Thai "ka", Ulster "so he is"  # Nigerian "sha", Ulster "so it is"  # "oh and marshmallows, eh", "move it to Friday lah": a tag, not a word of the request
        if not re.search(r"\b(?:think|hope|guess|suppose|believe|expect|reckon|imagine|said|told you|is that|is it|why|not|do|did|"
                         r"be|am|is|are|was|were|and|or|so|quite|even|just|more|less|very|much|only|like) so$", t):
            t = re.sub(r" so$", "", t)  # Irish: "grand, read it back to me so", "go on so"
        t = re.sub(r"\b(?P<w>tomorrow|today|tonight|now|then|again|though|anyway|please|list|week|weekend|morning|afternoon|evening|"
                   r"(?:on|off|with|to) (?:that|it|them|this)) like$",
                   r"\g<w>", t)  # Irish and Geordie "... tomorrow like": a tag
        t = re.sub(r"(?P<x>\bthe one about(?: [a-z]+){1,3}) like$", r"\g<x>", t)
    return t


def then_said_first(t: str) -> str:
    """ "then what I have on Friday"."""
    t = re.sub(r"^then (?=what|when|where|how|who|which|is|are|do|does|can)\b", "", t)  # "then what I have on Friday"
    return t


def right_said_last(t: str) -> str:
    """ "fifteen minutes before all my stuff, right"."""
    t = re.sub(r"\b(?P<w>stuff|things|everything|please|then|them) right$", r"\g<w>", t)  # "fifteen minutes before all my stuff, right"
    return t


def po_love_and_leaving(t: str) -> str:
    """Filipino "po", "love" in the middle of a request, and "I'll leave you be now" said as goodbye."""
    t = re.sub(r"(?<=[a-z]) po\b(?! box)", "", t) if len(t.split()) > 2 else t  # Filipino "po", a word of respect: "start a letter po to Cristina"
    t = re.sub(r"(?<=[a-z])(?<!\byou)(?<!\bi)(?<!\bwe)(?<!\bthey)(?<!\bwould)(?<!\bdo)(?<!\bmy)(?<!\bd) love (?=(?:it's|it is|the|i|we|he|she|they|it)\b)",
               " ", t) if re.match(r"^(?:set|start|put|add|remind|cancel|pause|stop|stick|pop|chuck|knock|take)\b", t) else t
    # "a timer for me pie love, it's just gone in", "stick another five minutes on that love, the top's not browned yet"
    t = re.sub(r"^(?:(?:lovely|great|thanks|right|ok|okay) )*(?:diolch|thanks|ta|cheers)? ?(?:i will|i'll) (?:leave you (?:be|alone)|let you go|love you and leave you)"
               r"(?: now| then| for now)?$", "thanks bye", t)  # Welsh "lovely, diolch, I'll leave you be now"
    return t


def praise_and_goodbyes(t: str) -> str:
    """ "you're some good, thanks", "I'm gone down to the wharf, talk to you after", "..., bye", "that's me done"."""
    t = re.sub(r"^(?:ah |aw )?you are (?:some|wicked|right|real|dead) (?:good|great|smart|clever|helpful)(?: thanks| thank you)?$", "thanks", t)
    # Newfoundland "ah you're some good, thanks"
    t = re.sub(rf"^(?:(?:right|ok|okay|well|alright|all right) )?(?:{ENDEARMENTS} )?(?:b'y |by )?i am (?:gone|off|heading|going|(?:going|fixing|about) to head) "
               r"(?:down |out |over |up |back )?to (?:the )?[a-z]+(?: [a-z]+)? "
               r"(?=(?:talk|speak) to you (?:after|later|soon)$|see you (?:after|later|soon)$|bye$)", "", t)  # Newfoundland "I'm gone down to the wharf, talk to you after"
    t = re.sub(r"(?<=[a-z]) (?:bye|bye now|cheers bye|ta ra)$", "", t) if re.match(r"^(?:scrap|cancel|delete|remove|move|set|add|put|remind)\b", t) else t
    # "scrap the reminder about the dinghy, bye": the request, then the goodbye
    t = re.sub(r"^(?:(?:ha|ah|och|aw|alright|right|ok|okay|well|never mind|nevermind|no bother|fair enough)(?: then)? )+"
               r"(?=(?:bye|goodbye|cheerio|ta ra|tara|see you|see ya|likkle more|walk good|i gone|that is me (?:away|off|done))\b)", "", t)
    # "ha right, that's me away", "never mind then, bye for now": the goodbye after what was said first
    t = re.sub(r"^(?:(?:alright|right|righto|ok|okay) )?(?:ace boy |bye )?that is me(?: done| finished| then)?(?: for now| for today)?(?: bye| cheers)?$",
               "that is me done bye", t)  # Bermudian "aright, that's me"
    return t


def endearments_mid_request(t: str) -> str:
    """ "pause the taties pet, the bairn's fell ower"."""
    t = re.sub(r"(?<=[a-z])(?<!\bme)(?<!\bmy)(?<!\bmi) (?:pet|hinny|cher|mate|bab|lah|hon|duck) (?=(?:the|my|me|our|somebody|someone|nobody|he|she|it|they|we|there|i|just)(?:'s)?\b)",
               " ", t) \
        if not re.match(r"^(?:my|our|the|a|his|her)$", t.split()[0] if t else "") else t  # "pause the taties pet, the bairn's fell ower"
    return t


def asides_mid_request(t: str) -> str:
    """ "bring it back, is the carnival band fees", "the oatcakes duck, twelve minutes"."""
    t = re.sub(r"(?<=\bback) (?:it )?is (?:the|my|our|from|for) [a-z]+(?: [a-z]+){0,3}$", "", t)  # Trinidadian "bring it back, is the carnival band fees"
    t = re.sub(r"(?<=[a-z]) duck (?=(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|half)\b)", " ", t)
    # Potteries "the oatcakes duck, twelve minutes"
    return t


def asides_and_yes_words(t: str) -> str:
    """ "i never sleep finish", "na from my cousin", "yes iwe", "ji", "eh", "at ten instead"."""
    t = re.sub(r"\b(?:i )?never (?:sleep|finish|done) (?:finish|reach|well)?$", "", t).strip()  # "i never sleep finish"
    t = re.sub(r" (?:na|it was|is|it is) (?:from )?(?:my|the) [a-z]+$", "", t) if re.search(r"\bbring (?:it|am) back\b", t) else t
    # "bring am back, na from my cousin", "bring am back, na my bank"
    t = re.sub(r"^(?:yes|yeah|ok) (?:iwe|ji|bhai|boss|yaar) ", r"yes ", t)  # Zambian "yes iwe, send it"; "ji"
    t = re.sub(r"^(?:ji|jee) (?=change|yes|ok|okay|no|leave|keep|fix)", "", t)  # Urdu "ji change it": yes, change it
    t = re.sub(r"^(?:iva|ija|haan|haanji|ji haan|ndiyo|opo|ioe)(?: (?:yes|yeah|ok|okay))?(?= |$)", "yes", t)  # Maltese "iva, yes", Hindi "haan"
    t = re.sub(r"^(?:ela|yalla|haya|twende)(?= (?:make|set|add|put|cancel|read|take|move|start|stop|pause)\b) ", "", t)  # Greek "ela, make it an hour"
    t = re.sub(r"(?<=[a-z]) eh(?= (?:the|they|he|she|it|we|i)\b)", "", t)  # New Zealand "scrap the reminder about the vet eh, the dog's come right"
    t = re.sub(r"\b(?P<w>at (?:[a-z]+ )?(?:ten|eleven|twelve|one|two|three|four|five|six|seven|eight|nine)(?: thirty| o'clock)?) instead$", r"\g<w>", t) \
        if re.match(r"^(?:put|add|book|pop|stick) ", t) else t  # "put the vet in the diary for Thursday week at ten instead"
    return t


def for_goodness_sake(t: str) -> str:
    """ "oh for god's sake cancel the lot"."""
    t = re.sub(r"^(?:oh )?for (?:god's|goodness|pete's|heaven's) sake ", "", t)  # "oh for god's sake cancel the lot"
    return t


def asides_and_honorifics(t: str) -> str:
    """ "while I'm thinking of it", "before the lambing", "for fajr", "uncle Garba", "Farooq sahib", "I'm out"."""
    t = re.sub(r" while (?:i am|i'm) (?:thinking|thinkin) (?:of|about) it$", "", t)
    t = re.sub(r"\b(?P<x>on my (?:to do|to-do|shopping|jobs) list) before (?:the )?[a-z]+$", r"\g<x>", t)  # "... on my to do list before the lambing"
    t = re.sub(r" for (?:fajr|zuhr|dhuhr|asr|maghrib|isha)$", "", t) if re.match(r"^(?:no )?make it ", t) else t  # "no make it quarter to five for fajr"
    t = re.sub(r"^(?P<q>(?:where|what|when|who|how|which)(?: [a-z]+){1,3}?)(?<!\bmy)(?<!\bour)(?<!\byour)(?<!\bhis)(?<!\bher)(?<!\bthe) "
               r"(?:uncle|auntie|aunty|aunt) (?P<n>(?!(?:do|does|did|work|works|live|lives|is|was|go|goes)\b)[a-z]+)\b", r"\g<q> \g<n>", t)
    # "where does uncle Garba do his business": Garba, as told
    t = re.sub(r"\b(?P<n>[a-z]+) sahib\b", r"\g<n>", t)  # "a letter to Farooq sahib"
    t = re.sub(r"^(?:aight|alright|ok|okay) that is it for now i am out$", "that is it for now bye", t)
    return t


def rra_and_afterthoughts(t: str) -> str:
    """Setswana "rra" and "mma", "my bad", "don't let me forget that", "... I forgot", Sabah "bah"."""
    t = re.sub(r"\b(?:rra|mma)\b ?", "", t).strip()  # Setswana "no rra, move it to Friday": sir, madam
    if re.match(r"^(?:(?:in|at|for|from) )?(?:what|where|when|which|who|how)\b", t):  # "which company is Jahid working in, I forgot"
        t = re.sub(r"(?<=[a-z]) (?:i (?:forgot|forget|have forgotten|cannot remember|do not remember)|i forgot already)$", "", t)
    t = re.sub(r" my bad$", "", t)  # "actually make that twenty five, my bad"
    t = re.sub(r"(?: eh| ok| okay)?(?: so)? (?:do not|don't) (?:you )?(?:let me )?forget(?: that| it)?$", "", t)  # "... allergic to peanuts so don't let me forget that"
    t = re.sub(r"^(?P<x>take (?:a )?note|note down|note|make a note) bah\b", r"\g<x>", t)  # Sabah "take note bah ..."
    return t


def tags_and_keep_that(t: str) -> str:
    """Singlish "can" and "lah", Scots "just", "keep that somewhere"."""
    t = re.sub(r"^(?P<x>(?:(?:then|and|so) )?(?:set|start|put|add|remind|cancel|move|book|pause|stop|change|make|the alarm|my alarm) .+?)(?<!watering)(?<!tin)(?<!oil)(?<!petrol)(?<!beer)(?<!bin)"
               r"(?<!paint)(?<!spray) can$", r"\g<x>", t)  # Singlish "set timer twelve minute for the kaya can": a tag
    t = re.sub(r"(?<=minutes) just$|(?<=minute) just$|(?<=hours) just$", "", t)  # Scots "twenty minutes just"
    t = re.sub(r"\blah (?=and\b)", "", t)  # "add soy sauce lah and also the ikan bilis"
    t = re.sub(r"^(?P<x>(?:set (?:an? |my )?alarm|wake me(?: up)?) .+?) lah [a-z].*$", r"\g<x>", t)  # "set alarm four thirty tomorrow lah, helicopter check in at six"
    t = re.sub(r"(?: so)? (?:keep that|keep it|save that|save it|store that) (?:somewhere|safe|in mind|for me)$", "", t)  # "my blood group is O positive, keep that somewhere"
    return t


def itself_said_last(t: str) -> str:
    """Indian English emphasis: "tomorrow at eleven itself"; Dutch and Surinamese "hoor", Brazilian "visse" and "viu", said last."""
    t = re.sub(r" itself$| itself(?= (?:i|we|he|she|they|it) [a-z]+)", "", t)  # Indian English emphasis: "tomorrow at eleven itself"
    t = re.sub(r"(?<=[a-z]) (?:hoor|visse|viu)$", "", t)  # Brazilian "visse", "viu": said last
    return t


def hush_and_thanks(t: str) -> str:
    """ "hush now, ...", thanks in any tongue ("fa'afetai", "merci habibi"), "thank you ha", "very helpful one"."""
    t = re.sub(r"^(?:hush|shush|sh+)(?: now| you)? (?=(?:give|snooze|stop|five|ten|another|just)\b)", "", t)  # "hush now, give me ten more minutes"
    led = _LEADING.match(t)
    if led and re.match(rf"{THANKS_SAID}\b", t[led.end():]):
        t = t[led.end():]  # "bueno, mil gracias": the words before thanks are said only before a request
    t = re.sub(rf"^{THANKS_SAID}\b"
               r"(?!'| (?:is|was|has|lives|works|said|says|called|told|sent|emailed)\b)", "thanks", t)
    # "fa'afetai lava, ...", "asante, that's all for now"; never a name ("Rahmat's birthday is ...")
    t = re.sub(rf"^thanks (?=(?:{_REQUEST_WORD})(?: [a-z']+){{2}})", "", t)  # Papiamentu "danki, what am I allergic to": the question
    last = re.search(rf"(?<=[a-z]) {THANKS_SAID_LAST}$", t)
    if last:  # "take sugar off the shopping list, tagio": thanks, said last; "acha theek hai shukriya": only thanks
        t = "thanks" if not _LEADING.sub("", t[:last.start()] + " ").strip() else f"{t[:last.start()]} thanks"
    t = _VOCATIVE.sub(r"\1", t) if t.startswith("thanks ") else t  # "merci habibi, you're the best": thanks in any tongue, then who to
    t = re.sub(r"^(thanks|thank you)(?: so much| very much| a lot)?(?: (?:ha|lah|na|naman|eh|noh|hai|so))+$", r"\1", t)  # Filipino "thank you ha", Singlish "thanks lah", Nepali "thank you hai"
    t = re.sub(r"^(thank you|thanks|cheers|ta)(?: ah| eh| lah| la| ya| yaar)? (?:very|so|really|super) [a-z]+(?: one)?$", r"\1", t)  # "thank you ah, very helpful one"
    return t


def same_time_said_last(t: str) -> str:
    """ "push it to Friday instead, same time" (or "same hour")."""
    t = re.sub(r"\b(?:the )?same hour$", "same time", t)  # Spanish and Italian "at the same hour"
    t = re.sub(rf"(?<=[a-z]) {SAME_TIME}$", "", t) if re.search(r"\b(?:move|push|put|change|make)\b", t) else t  # "push it to Friday instead, same time"
    return t


def thanks_and_while_driving(t: str) -> str:
    """ "thank you eh, you real helpful", "while I'm driving, ...", "make it fifteen minutes only"."""
    t = re.sub(r"^(thank you|thanks|cheers|ta)(?: baby| love| darling| sugar| honey)?(?: so much| very much)?(?: eh)? (?:you (?:are|were|have been|real|really|so|such|a|an)|"
               r"you've been) [a-z' ]+$", r"\1", t)  # "thank you eh, you real helpful this morning"
    t = re.sub(r"^(?:while|as) i am (?:driving|cooking|walking|out|in the car|on the road|on the bus|at work|on shift|working|busy|"
               r"thinking of it|on my break|in the shop|at the shop|out and about)\b ", "", t)  # "while I'm driving, make a note ..."
    t = re.sub(r"^((?:(?:no|ah|oh|sorry|actually|wait) )*(?:make|change) (?:it|that) .+?) only$", r"\1", t)  # "make it fifteen minutes only"
    return t


def endearments_said_last(t: str) -> str:
    """A word of endearment said last, to the OS: "darling", Welsh "butt", Cornish "my 'ansum", "man", "me son"."""
    if len(t.split()) > 3:  # "how many more days till Easter Sunday, darling": said to the OS, not part of the request
        t = re.sub(r"(?<=[a-z])(?<!\bwater)(?<!\brain)(?<!\bcigarette)(?<!\bfag)(?<!\bgun)(?<!\brifle)(?<!\bthe)(?<!\ba) butty?$", "",
                   _CALLED_AFTER.sub("", t))  # Welsh "am I free on Saturday, butt", not a water butt
        t = re.sub(r" (?:my |me )?(?:ansum|babber|handsome)$", "", t)  # Cornish and Bristolian: "what's that wifi code, my 'ansum"
        t = re.sub(r" my (?:ansum|handsome|lover|bird)(?= (?:i|we|it|he|she|they|there)\b)", "", t)  # "say that again my handsome, I was on the radio"
        t = CALLED_MAN.sub("", t)
        t = re.sub(r"(?:(?<=\bnow)|(?<=\bthen)|(?<=\bplease)|(?<=\bthanks)|(?<=\bcheers)) (?:my|me) (?:son|love)$", "", t)
    if re.match(r"^(?:thank you|thanks|cheers|ta)\b", t):  # "thank you very much, my dear"
        t = re.sub(rf"\b(much|lot|you|thanks|cheers|ta) {ENDEARMENTS}$", r"\1", t)
    return t


def drop_like(t: str) -> str:
    """ "like" said first or last, as "um" is: "and like, note down ...", "... ten minutes before everything, like"."""
    t = _LIKE_FIRST.sub(r"\1", t)
    words = t.split()
    if len(words) > 4 and words[-1] == "like" and words[-2] not in _LIKED_BY and not _LIKED_BY.intersection(words[:-2]) \
            and not re.search(r"\b(?:what|how|which|does|did|would|looking|sort|kind)\b", t):
        t = " ".join(words[:-1])  # Irish and northern "... ten minutes before everything, like": said last, as "like" is said first
    return t


def drop_hedges(t: str) -> str:
    """Hedges and asides that never change what is asked ("about nine", "just so you know", "would ya")."""
    led = _LEADING.sub("", t).strip()
    if led and _HEDGE_FIRST.match(led):  # "so um, just so you know, ...": the hedge after a leading word
        t = led
    for pattern, min_words in _HEDGES:
        hedged = re.sub(r"\s+", " ", pattern.sub(" ", t)).strip()
        if hedged == t or len(hedged.split()) < min_words:
            continue
        rest = _LEADING.sub("", hedged).strip()
        if rest and not re.fullmatch(ENDEARMENTS, rest):
            t = hedged  # never down to words said only before a request: "oh right, thank you" is thanks
    return t


def drop_name_and_politeness(t: str, persona_names: tuple[str, ...]) -> str:
    """The persona's name said to her, politeness ("please", "could you") and words said first ("so", "hey")."""
    bare = t
    names = "|".join(re.escape(n.lower()) for n in persona_names if n)
    if names:
        stripped = re.sub(rf"^(?:(?:hey|hi|ok|okay|hello|yo|oh) )?(?:{names})\b ?|\b(?:{names})$", " ", bare).strip()
        stripped = re.sub(rf"\b(thanks|thank you|cheers|ta|bye|goodbye|night|morning|hello|hi|hey|yes|no|ok|okay|right) (?:{names}) ",
                          r"\1 ", stripped)  # "brilliant, thanks Wren, talk later": the name said to her
        if stripped:
            bare = stripped
        elif bare:
            bare = "hello"  # only the persona's name ("hey Samantha"): a call for attention
    polite = _drop_polite(bare)
    led = _LEADING.sub("", bare).strip()
    led_polite = _drop_polite(led) if led and led != bare else ""
    if led_polite not in ("", led):  # "hey could you ...": "could you" after "hey"
        polite = led_polite
    if polite:
        bare = polite
    lead = _LEADING.sub("", bare).strip()
    if lead and lead not in ("there", "again", "all", "everyone", "you", "then", "now"):  # "hello there" is a greeting
        bare = lead
    return bare


def said_in_passing(t: str) -> str:
    """Words said in passing at the end: "by the way", "while you're at it", "just in case"."""
    return _SAID_IN_PASSING.sub("", t) or t


def _drop_polite(t: str) -> str:
    for _ in range(2):  # "please could you ...": the second pass finds "could you" at the start
        t = re.sub(r"\s+", " ", _POLITE.sub(" ", t)).strip()
    return t
