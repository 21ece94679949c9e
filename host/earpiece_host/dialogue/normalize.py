"""Turns a transcript into the plain form the intent rules read.

Recognisers drop articles, hear "for" as "four", and people say "um" and "please"; all of that is
smoothed here, once, so that the rules stay short. The raw text is kept separately for dictation.
"""

from __future__ import annotations

import re

from .numbers import NUMBER_RE, NUMBER_WORDS_RE, ORDINAL_RE, ORDINAL_WORDS, parse_number
from .timeparse import UNIT_RE, WEEKDAY_RE

CONTRACTIONS = {
    "what's": "what is", "whats": "what is", "where's": "where is", "when's": "when is",
    "who's": "who is", "how's": "how is", "there's": "there is", "that's": "that is", "thats": "that is",
    "it's": "it is", "i'm": "i am", "im": "i am", "i've": "i have", "i'll": "i will", "i'd": "i would",
    "you're": "you are", "you'll": "you will", "we're": "we are", "we've": "we have", "don't": "do not",
    "dont": "do not", "doesn't": "does not", "didn't": "did not", "can't": "cannot", "cant": "cannot",
    "won't": "will not", "isn't": "is not", "aren't": "are not", "let's": "let us", "lets": "let us",
    "haven't": "have not", "wasn't": "was not", "shouldn't": "should not", "couldn't": "could not",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "gimme": "give me", "lemme": "let me",
    "what're": "what are", "long's": "long is", "time's": "time is", "one's": "one is", "timer's": "timer is",
    "alarm's": "alarm is", "name's": "name is", "what've": "what have", "where've": "where have", "everything's": "everything is", "nothing's": "nothing is", "something's": "something is", "how're": "how are", "todo": "to do", "to-do": "to do",
    "that'll": "that will", "it'll": "it will", "old's": "old is", "date's": "date is", "day's": "day is", "where'd": "where did", "what'd": "what did", "how'd": "how did",
}
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
# Words of endearment people call each other (and their earpiece) by, said to the OS, never to be kept.
ENDEARMENTS = (r"(?:love|mate|dear|darling|buddy|pal|hun|honey|sweetie|my friend|my dear|my darling|me duck|mi duck|my duck|duck|pet|bab|babe|chuck|flower|petal|my lovely|"
               r"yaar|bro|bruv|fam|hen|cuz|mucker|sweetheart|hon|darlin|"
               r"my ansum|ansum|my love|mi love|me love|mi dear|me dear|my lover|ma'am|sir|boss|chief|hinny|lass|lad|bud|dude|sugar|shug|walaal|habibi|habibti|bhai|didi|bach|cariad|boy|b'y|cher|butt|butty|"
               r"po|beta|beti|nyabo|sebo|ssebo|pala|machan|palya|min|bor|ace boy|dawlin|darlin|marra|marrer)")  # "po": the Filipino word of respect ("hi po", "thank you po"); Hindi "beta",
# Luganda "nyabo" (madam) and "sebo" (sir), Filipino "pala"
# "thanks love", "bye mate", "yes ma'am": a word of endearment after thanks, a greeting or an answer.
_VOCATIVE = re.compile(rf"\b(thanks|thank you|cheers|bye|goodbye|night|goodnight|morning|hello|hi|hey|evening|ta|ta ra|tara|yes|yeah|no|sorry|okay|ok|aye|right) "
                       rf"(?:{ENDEARMENTS}|man|my son|me son|my boy|me boy|my girl|me girl)(?=$| )")  # "yes man, cancel it"
# A word of endearment said last, to the OS: never one a request could end in ("add honey", "ring my love").
_CALLED_AFTER = re.compile(r"(?<!\bmy)(?<!\bour)(?<!\bthe)(?<!\ba)(?<!\band)(?<!\bor)(?<!\bwith)(?<!\bfor)(?<!\bto)(?<!\bof)(?<!\bhis)"
                           r"(?<!\bher)(?<!\byour)(?<!'s)(?<!\blittle)(?<!\bold)(?<!\bnew)(?<!\bwee)(?<!\bfamily)(?<!\bbig)(?<!\btwin)"
                           r" (?:love|darling|dear|mate|pal|hun|sweetie|sweetheart|babe|bab|chuck|petal|pet|(?:me |mi |my )?duck|my lover|my love|"
                           r"yaar|bro|bruv|fam|hen|cuz|mucker|buddy|dude|bach|cariad|walaal|cher|brother|sister|sis|bor|boy|again bor|beta|"
                           r"beti|ji|pala|abeg|dawlin|darlin|marra|marrer)$")
# "take the neck strips off, man", "yes send it, lovely": said to the OS, only after a word no request's thing ends in ("the gas man" stays).
CALLED_MAN = re.compile(r"(?:(?<=\boff)|(?<=\bon)|(?<=\bup)|(?<=\bdown)|(?<=\bout)|(?<=\baway)|(?<=\bnow)|(?<=\bagain)|(?<=\bit)|"
                        r"(?<=\bthem)|(?<=\bthen)|(?<=\bplease)|(?<=\bthanks)|(?<=\bcheers)|(?<=\bminutes)|(?<=\bminute)|(?<=\bthat)) "
                        r"(?:man|lovely|hon|honey|mush)$")  # Scouse "put another five minutes on that, mush"
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
# "remind us at six", "set us a timer": "us" for "me", after a verb asking something for the speaker.
_US_FOR_ME = re.compile(r"\b(remind|wake|set|read|give|tell|show|get|find|play|pass|help|bring|ring|text|buzz|ping|warn|nudge) us\b")
# "me mam's birthday", "me sister's just messaged": "me" said for "my" before a relation, not after a verb ("tell me mum's here").
_ME_FOR_MY = re.compile(r"(?P<verb>\b(?:remind|tell|give|send|call|ask|text|show|let|get|buy|bring|wake|help|meet|ring|pass|email|message|"
                        r"phone|take|make|put|pay|lend|owe|teach|find|leave|book|order|set|play|read|write|wish|cost|keep|save) )?"
                        r"\b(?:me|ma) (?=(?:mam|mum|ma|mammy|dad|da|sister|brother|nan|nana|gran|granny|grandad|missus|husband|wife|fella|"
                        r"boyfriend|girlfriend|kids|lad|daughter|son|mate|bairn|auntie|uncle|cousin|neighbour|best|old|new|own|"
                        r"favourite|shift|van|car|dog|cat|cow|horse|phone|keys|wallet|bag|house|flat|boss|dentist|doctor|appointment|"
                        r"alarm|diary|calendar|inbox|emails|notes|reminders|(?:shopping |to do )?list|hearing|glasses|specs|pills|tablets|"
                        r"inhaler|medication|boat|truck|rig|bus pass|supplier|boy|girl|granddaughter|grandson|children|grandkids|"
                        r"pin|locker|room|appraisal|interview|meeting|review|exam|scan|operation|physio|haircut|hair|nails|lesson|class|"
                        r"tea|dinner|breakfast|lunch|bike|bins|rent|bills?|wages|tyres)(?:'s|s)?\b)")  # "ma" (Glasgow): my
_LEADING = re.compile(r"^(?:(?:so|well|okay|ok|alright|all right|right|oh|hey there|hello there|hey|hi there|now|listen|yeah|yes|you know what|go on|hang on|hold up|hold on(?! (?:the|my|that|this|them|all|both|everything) (?:[a-z]+ )?(?:timers?|one)\b)|"
                      r"oops|oops no|ope|eh|eish|kia ora(?: e hoa| koutou| e te whanau)?|mela|duw|ay|aii|aai|k|kk|arre|lord|gan on|ey up|eh up|ay up|mais|yaar|(?:as a )?matter of fact|yerra|chale|ei|jirre|aiyo|aiyoh|aney|uwa|safe|"
                      r"bwoy|ssebo|sebo|nyabo|"
                      r"ag shame|shame(?= (?:mark|delete|read|move|cancel|put|add)\b)|sweet(?= (?:chuck|put|add|book|set|move|cancel|pop|stick)\b)|"
                      r"ar(?= no\b)|aye(?= (?:how|what|when|where|who|can|could|set|add|remind|put|tell|read|next|delete|archive|skip|mark|cancel|pause|stop|play|alreet|alright|i)\b)|(?:sorry )?wrong one|no wait|wait|then|brilliant|great|perfect|lovely|cool|nice one|morning|good morning|hi|hello|yo|silly me|my mistake|my bad|"
                      r"sweet as|shoot|oh shoot|aw shoot|aw man|aww|aw|dang it|darn it|dang|darn|shucks|blimey|crikey|gosh|bugger(?: me)?|bloody hell|damn(?: it)?|"
                      r"heck|blast|drat|tipo|aight|ack|aiee|aiyee|alreet|on ye go|on you go|kurcze|kurczę|cholera|lord have mercy|have mercy|mercy me|hold yew hard|go ahead(?: and)?(?= (?:start|stop|pause|cancel|delete|send|read|set|add|put|move)\b)|"
                      r"grand(?= (?:reply|send|read|add|set|put|cancel|delete|so|then|thanks|cheers|that is|next|previous|archive|mark|go|skip)\b)|"
                      r"righto|right oh|dead on|good(?= (?:put|add|book|pop|stick|set|send|read|cancel|move|delete|make)\b)|"
                      r"wicked(?= (?:sorry|good|thanks|cheers|send|delete|read|put|add)\b)|dadgum it|dagnabbit|ehn|ehen|(?:and )?abeg|khalas|wakha|acha|achha|accha|theek hai|oh for pete's sake|for pete's sake|for goodness sake|"
                      r"for heaven's sake|for crying out loud|good grief|jeez|geez|"
                      r"whoops|oh dear|och|och aye|ach|ag|ah|naw|ooh|hiya|sorry " + ENDEARMENTS + r"|"
                      + ENDEARMENTS + r"(?= (?:what|where|when|who|how|which|can|could|would|will|did|do|set|add|remind|put|tell|read|take|give|"
                      r"cancel|delete|remove|move|make|stop|pause|start|clear|go|change|remember|wake|stick|chuck|bung|pop|turn|snooze|find|book|"
                      r"ring|call|text|email|play|show)\b)|"
                      r"quick one|quick question|quick(?= (?:how|what|when|where|who|set|add|remind|put|is|are)\b)|no hang on|no hold on|before that|"
                      r"(?:do you know what|i will tell you what|tell you what)(?= (?:cancel|move|add|set|put|remind|delete|scrap|forget|make|book|"
                      r"take|send|read|just|let us|i will|actually|get rid of)\b))\b[ ,]*)+")
_KIDS = (r"(?:little ones|young ones|young'uns|younguns|youngsters|kiddies|kiddos|bairns|weans|nippers|childer|chiller|pickneys?|pikins?)")
"""Children, as people say it: "how many little ones", "four childer", "bairns"."""
# The parts of a clock time said again at once ("ten to six", "half six", "6:30"), for the corrections below.
_PAST_OR_TO = r"(?:(?:half|quarter|five|ten|twenty|twenty five) (?:past|to) |half )?"
_HOURS = r"(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SAID_AGAIN_WORD = (rf"(?:{_PAST_OR_TO}(?:{_HOURS}|{_DAYS}|today|tomorrow|tonight))"
                    r"(?: (?:thirty|fifteen|forty five|twenty|forty|ten|five|o'clock|am|pm))?")
# A time or day said again at once: "at four, no sorry, five" is at five; "for six, no make that six thirty" is for six thirty.
_SAID_AGAIN = re.compile(rf"\b{_SAID_AGAIN_WORD} (?:no sorry|no wait|sorry no|no no|sorry|no i mean|i mean|no make that|make that|no make it|"
                         rf"or rather|no) (?P<b>{_SAID_AGAIN_WORD})\b")
# The time corrected at the end, after what the reminder is for: "remind me at one fifteen for prayer, no sorry, one o'clock".
_SAID_AGAIN_LAST = re.compile(rf"^(?P<head>(?:remind me|set (?:a |an )?(?:reminder|alarm)|wake me(?: up)?) (?:at|for) ){_SAID_AGAIN_WORD}"
                              rf"(?P<mid>(?: [a-z']+){{1,8}}?) (?:no sorry|no wait|sorry no|sorry|no i mean|i mean|no make that|make that|"
                              rf"or rather|actually|no) (?:at |make it )?(?P<b>{_SAID_AGAIN_WORD})$")
_SERVICE_NOUN = {"serviced": "service", "repaired": "repair", "fixed": "repair", "mot'd": "mot", "motd": "mot"}
# Words said in passing at the end, which no request holds: "my name's Gareth by the way", "delete the
# ones from Groupon while you're at it", "a second alarm for quarter to six just in case".
_SAID_IN_PASSING = re.compile(r" (?:by the way|btw|while you are at it|while you are there|just in case|if you do not mind|"
                              r"if you would not mind|if you can|if you could|when you get a (?:chance|sec|second|minute))$")
# "remind me what my job is": a question, not a reminder, when no time for one follows.
_REMIND_ME_ASKS = re.compile(r"^(?:can you |could you )?remind me (?=(?:what|where|who|whose|which|how many|how old|how much)\b)"
                             r"(?!.*\b(?:tomorrow|tonight|later|every|at|in (?:an?|half|\d+|[a-z]+ (?:minutes?|hours?|days?))|on (?:the )?[a-z]+day)\b)")
# Other words a question uses for a job: "what's Anjali's line of work" asks for her job.
_JOB_WORDS = re.compile(r"^(?=(?:what|tell me|do you know|do you remember)\b).*\b(?:line of work|occupation|profession)\b")
# "six tomorrow, no wait, half six": the time said again, the day kept.
_SAID_AGAIN_AFTER_DAY = re.compile(
    rf"\b(?:half past |quarter past |quarter to |half )?{_HOURS}(?: (?:am|pm|o'clock|thirty|fifteen|forty five))? "
    rf"(?P<day>tomorrow|today|tonight|{_DAYS}|every weekday|every day|on weekdays) (?:no wait|no sorry|sorry no|no make that|make that|no) "
    rf"(?P<b>{_PAST_OR_TO}{_HOURS}(?: (?:am|pm|o'clock|thirty|fifteen|forty five))?)\b")
_NO_THEN_ASK = re.compile(r"^(?:(?:no|nope|nah) )*(?:no|nope|nah)(?: sorry| wait| hang on| hold on)? (?=(?:move|change|cancel|delete|remove|push|bring|shift|put|set|add|"
                          r"take|make)\b|the (?:first|second|third|fourth|fifth|other|next|previous) one\b)")


def normalise(text: str, persona_names: tuple[str, ...] = ("samantha",)) -> str:
    """Lower case, no punctuation, contractions expanded, fillers and politeness dropped."""
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"(\d)\.(\d)", r"\1<dot>\2", t)
    t = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", t)
    t = re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\1<dash>\2<dash>\3", t)
    t = re.sub(r"[^\w\s':%<>]", " ", t)
    t = re.sub(r"(?<!\d):|:(?!\d)", " ", t)
    t = t.replace("<dot>", ".").replace("<dash>", "-")
    t = re.sub(r"\b([a-z]{2,}in)'(?=\s|$)", r"\1g", t)  # "the pit's runnin' cool", "i ain't gettin' up": the g written as an apostrophe
    t = re.sub(r"(?<![\w'])'(is|er|im|ere|ave|ad|ead|ome|ouse)\b", r"h\1", t)  # "what's 'is wife called", "go 'ead": the h dropped
    t = re.sub(r"(?<![\w])'|'(?![\w])", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    words = [CONTRACTIONS.get(w, re.sub(r"^(?!(?:he|she|they|we|you|there|who|what)'ll$)([a-z]+)'ll$", r"\1 will", w)) for w in t.split()]  # "our Alan'll be up": Alan will
    if words and words[0] in ("ill", "id", "ive"):  # apostrophes lost by the recogniser, only where unambiguous
        words[0] = {"ill": "i will", "id": "i would", "ive": "i have"}[words[0]]
    t = " ".join(words)
    t = re.sub(r"\s+", " ", _FILLERS.sub(" ", t)).strip()
    t = _VOCATIVE.sub(r"\1", t)
    t = _ME_FOR_MY.sub(lambda m: m.group(0) if m.group("verb") and re.match(r"[a-z]+'s\b", t[m.end():]) else f"{m.group('verb') or ''}my ", t)
    # "tell me mum's here" keeps its "me"; "phone me ma", "ask me dad" are my ma, my dad
    t = re.sub(r"^(?:ja|jah|yah|ae|haan ji|haan|han ji|ha ji|oui|si|sim)\b", "yes", t)  # "ja, send it"; te reo Māori "ae", Hindi "haan ji", French "oui"
    t = re.sub(r"^((?:put|add|stick|pop) .+ (?:on|to)) the messages$", r"\1 the shopping list", t)  # Scots "the messages": the shopping
    t = re.sub(r"\bhoose\b", "house", t)
    t = re.sub(r"\bthon\b", "that", t)  # Scots and Ulster "find thon note"
    t = re.sub(r"\bhunner\b", "hundred", t)  # Scots "two hunner and forty boxes"
    t = re.sub(r"\bget rid$", "get rid of it", t)  # northern "yeah, get rid"
    t = re.sub(r"\bgaffer\b", "boss", t)  # "what's the gaffer's name"
    t = re.sub(r" (?:masha allah|mashallah|inshallah|insha allah|alhamdulillah|god willing|god bless (?:him|her|them))\b", "", t)
    # "I have six grandchildren, mashallah": a blessing, not two more names
    t = re.sub(r"\b(a|an|our|my) (dog|cat|pup|puppy|kitten|horse|pony|parrot|goat) name (?=[a-z])", r"\1 \2 named ", t)  # "a dog name Pepper"
    t = re.sub(r" (?:last (?:week|month|year)|yesterday|recently|this week) (?=(?:named|called)\b)", " ", t)  # "a husky pup last week named Nanook"
    t = re.sub(r"^what (?:my|me) (?P<x>[a-z]+) name(?: again)?$", r"what is my \g<x>'s name", t)  # "what my dog name again"
    t = re.sub(r"\b(one|email|mail|letter|message|anything|something|word|back|home) fae\b", r"\1 from", t)  # Scots "the one fae the union"
    t = re.sub(r"^(what is the date|what day is it|what date is it) the day$", r"\1 today", t)  # Scots "the day": today
    t = re.sub(r"^how (?:long|much time) (?P<x>the|my) (?P<n>[a-z]+(?: [a-z]+)?) (?:have|has|got)(?: left)?(?: again)?$", r"how long is left on \g<x> \g<n>", t)
    # Caribbean "how long the bouyon have left"
    t = re.sub(r"^where (?P<x>the|my) (?P<v>[a-z]+) parked\b", r"where is \g<x> \g<v> parked", t)  # "where the truck parked again"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:i|we) (?:got|have got|have)(?= (?:in|at|on) )", r"how many \g<x> have i got", t)
    t = re.sub(r"\btek\b", "take", re.sub(r"\bmek\b", "make", t))  # Caribbean and Black Country "tek", "mek"
    t = re.sub(r"^wha(?:'s| is)? (?=me |my |the |is |was |time |day )", "what is ", t)  # Guyanese and Bajan "wha me dog name", "wha's the name"
    t = re.sub(r"\barvo\b", "afternoon", t)  # Australian "Thursday arvo"
    t = re.sub(r"^what is (?P<n>[a-z]+) do(?= for (?:a living|work)$| again$|$)", r"what does \g<n> do", t)  # "what's Dave do again"
    t = re.sub(r"^how much (?=days|weeks|hours|minutes|sleeps)", "how many ", t)  # "how much days left till Christmas"
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
    t = re.sub(r"(?<=\bfrom )(?:ma'am|maam|madam|sir) (?=[a-z])", "", t)  # "the one from ma'am Khadija"
    t = re.sub(r"^(?:our |my |the )?[a-z]+ (?:wants|needs|says we need) (?P<i>.+) on the (?P<l>shopping|[a-z]+ list)$", r"put \g<i> on the \g<l>", t)
    # "my wife wants hobz and gbejniet on the shopping": on the list, no fact about her
    t = re.sub(r"^(?:our |my |the )?[a-z]+ (?:says|said|say) also (?=[a-z])", "and add ", t)  # "my wife says also tomatoes and tatashe"
    t = re.sub(r"^(?:(?:no|oh|and) )?(?:he|she|they|[a-z]+) (?:says|said) (?=(?:clear|add|put|take|cancel|move|delete|empty)\b)", "", t)
    # "no, she says take off the green chillies"
    t = re.sub(r"^whit's\b", "what is", re.sub(r"^whit(?= (?:is|time|day|date|does|do|did|are|am)\b)", "what", t))  # Scots "whit's the date the day"
    t = re.sub(r"\b(date|time|on|doing|happening|plans?|weather) the day$", r"\1 today", t)  # Scots "the day": today
    t = re.sub(r"\baboot\b", "about", re.sub(r"^how mony\b", "how many", t))  # Scots "forget aboot the reminder", "how mony"
    t = re.sub(r"^i park (?=(?:the|my|de|di|mi|down|up|over|out|round|in|on|at|by|near|outside|behind)\b)", "i parked ", t)  # Caribbean "i park de van ..."
    t = re.sub(r"^where (i|we) (leave|park|put) ", r"where did \1 \2 ", t)  # "where i leave de van"
    t = re.sub(r"\bwor (?=[a-z])", "our ", t)  # Geordie "wor kev", "wor lass"
    t = re.sub(r"^((?:(?:and|so|oh|no) )?(?:cancel|move|shift|push|delete|when is|what time is|where is)) me (?!(?:a|an|the|up|in|on|at|to|for|some|that|this|it|"
               r"back|forward|off|out|down|now|again|know|there|and)\b)(?=[a-z])", r"\1 my ", t)  # "cancel me chiropody on Thursday"
    t = re.sub(r"\bye\b(?= called| doing| up to| there)|(?<=^can )ye\b|(?<=^could )ye\b|(?<=^would )ye\b|(?<=^will )ye\b|(?<=^did )ye\b", "you", t)  # Irish "what are ye called", "can ye shift it"
    t = re.sub(r"^((?:oh )?and )?(?:our |my |the )?[a-z]+ (?:says|said) (?:we|i) (?:need|want|are out of|have run out of|could do with) (?=[a-z])",
               lambda m: m.group(1) or "and ", t)
    # "oh and Shona says we need bin bags": the bin bags
    t = re.sub(r"\bhev\b", "have", re.sub(r"\btha's\b", "that is", re.sub(r"\baff\b", "off", t)))  # Norfolk "hev", "tha's"; Scots "aff"
    t = re.sub(r"\b(?:the )?(?:second|third|other|next|last|first) wan\b", lambda m: m.group(0)[:-3] + "one", t)  # Irish "the second wan"
    t = re.sub(r"^wat (?:di|de|the) (?P<w>date|day|time) (?:fi|for) ", r"what is the \g<w> on ", t)  # Jamaican "wat di date fi Sunday"
    t = re.sub(r"^(?P<lead>(?:wait |so |and |oh )*)(?P<q>where|what|when) (?P<s>my [a-z]+|[a-z]+) (?P<v>does|do) (?P<rest>live|work|stay)\b",
               r"\g<lead>\g<q> \g<v> \g<s> \g<rest>", t)
    # "where mih cousin does live": where does my cousin live
    t = _SAID_TWICE.sub(r"\1", t)  # "is is this thing on", "what what can you do": a stumble, said once
    t = _US_FOR_ME.sub(r"\1 me", t)  # "wake us up", "read us the list": "us" said for "me"
    t = re.sub(r"\bowt\b", "anything", re.sub(r"\bnowt\b", "nothing", t))  # "have I got owt on this weekend"
    t = re.sub(r"\bouta\b|\boutta\b", "out of", t)
    t = re.sub(r"\by'all\b|\byall\b", "you", t)  # "just so y'all know"
    t = re.sub(r"^((?:and |so )?(?:what|who)) all\b", r"\1", t)  # Southern US "what all have I got on"
    t = re.sub(r"^((?:and |so )?)(?:on )?(today|tomorrow|tonight|next week|this week|this weekend|next weekend|[a-z]+day) (?:got )?anything (?:is )?there$",
               r"\1is there anything on \2", t)  # Indian English "and next week anything is there"
    t = re.sub(r"^((?:and |so )?(?:is there )?anything) (?=(?:today|tomorrow|tonight|next|this)\b)", r"\1 on ", t)  # "is there anything next week"
    t = re.sub(r"^((?:and |so )?)what (?:do )?(?:i|we) (?:got|have)\b(?! to\b)", lambda m: m.group(1) + "what have " + m.group(0).split()[-2] + " got", t)
    # "what do I got going on Thursday", "and what I got on this weekend"
    t = re.sub(r"\bmi (?=(?:have|got|did|do|does|need|want|bought|buy|found|find|already|just|nuh|cannot|will|would)\b)", "i ", t)  # Jamaican "mi"
    t = re.sub(r"\bmi (?=(?:son|daughter|boy|girl|sister|brother|mother|father|mum|mom|dad|wife|husband|cousin|friend|grandson|granddaughter|"
               r"car|truck|boat|house|phone|keys|kids|children)\b)", "my ", t)  # Belizean and Jamaican "mi son": my son
    t = re.sub(r"^how old (?P<x>my [a-z]+) (?:deh|de|is)(?: now)?$", r"how old is \g<x>", t)  # Kriol "how old mi boy deh now"
    t = re.sub(r"\binna\b", "in the", t)  # Jamaican "inna": in the
    t = re.sub(r"\b(fi|pon|for|on|in|to|at|off|wid|with|about|is|till|park|parked|by|leave|left|near|from|under|behind|pause|stop|start|cancel|check|tek|take|put|add|read|delete|make|mek|how long|time) (?:di|de)\b", r"\1 the", t)
    t = re.sub(r"\bdat\b", "that", re.sub(r"\bdoin\b", "doing", re.sub(r"\bdoh (?=[a-z])", "don't ", t)))  # Caribbean "dat", "doin", "doh"
    t = re.sub(r"^an (?=(?:she|he|they|we|i|my|her|his|also|another|one|what|where|when|who|how)\b)", "and ", t)  # "an she birthday is ...": and
    t = re.sub(r"^((?:and |oh |so )?(?:(?:pastor|reverend|father|sister|brother|auntie|aunty|uncle|imam|coach|dr|doctor|mr|mrs|miss|ms) )?)"
               r"(?!(?:my|her|his|our|their|your|the|a|an|its|when|what|is|whose|next|last|this|happy|and|so|oh|she|he|it|they|we|i|you)\b)([a-z]+) "
               r"(?=birthday (?:is|was|falls|be)\b)", r"\1\2's ", t)  # "Elsie birthday is the twenty second of April": Elsie's
    t = re.sub(r"^where (?!(?:is|are|was|were|do|does|did|will|can|should)\b)(?P<x>[a-z' ]+?) (?P<v>stay|live|work|go|park|sleep|eat) at$",
               r"where does \g<x> \g<v>", t)  # "where Remy stay at"
    t = re.sub(r"^(when|where) (?!(?:is|are|was|were|do|does|did|will|can|should)\b)(?P<x>[a-z' ]+?) at$", r"\1 is \g<x>", t)  # "when Pastor Williams birthday at"
    t = re.sub(rf"^how many {_KIDS}\b", "how many kids", t)  # "how many little ones do I have", "how many young'uns has our Dean got"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:have|do) (?P<p>i|we)(?: have)?(?: now)?$", r"how many \g<x> have \g<p> got", t)  # Irish "how many youngsters have I"
    t = re.sub(r"^(?:me and (?:our |my )?[a-z]+|(?:our |my )?[a-z]+ and (?:me|i)|we) got married (?:on )?(?P<d>.+)$",
               r"our wedding anniversary is \g<d>", t)  # "me and our Len got married on the twelfth of September"
    t = re.sub(r"^((?:and |so )?(?:when is|when|how long (?:till|until|to)|how many days (?:till|until|to|before)) "
               r"(?:(?:pastor|reverend|father|sister|brother|auntie|aunty|uncle|imam|coach|dr|doctor|mr|mrs|miss|ms) )?)"
               r"(?!(?:my|her|his|our|their|your|the|a|an|its|next|this|she|he|it|they|we|i|you)\b)([a-z]+) (?=birthday$)", r"\1\2's ", t)  # "when is Elsie birthday"
    t = re.sub(r"\b(?:she|he) (?=birthday|anniversary|number|address|job)", lambda m: {"she": "her ", "he": "his "}[m.group(0).strip()], t)
    t = re.sub(r"^wha (?=(?!you\b|yuh\b)[a-z])", "what ", t)  # "wha shanice doin now"
    t = re.sub(r"^((?:and |so )?(?:what|where|when|who)) is (?!(?:it|that|this|there|he|she|they|you|i|the|my|your|his|her|our)\b)([a-z]+) (?=do\b)",
               r"\1 does \2 ", t)  # "what's Tomasi do for work": what does
    t = re.sub(r"^((?:and |so )?where) (does|do) ([a-z]+(?: [a-z]+)?) do (?:his|her|their|my|your) (?:business|trade|trading|selling|work|job)(?: again| now)?$",
               r"\1 \2 \3 work", t)  # "where does Sani do his business"
    t = re.sub(r"^((?:and |so )?what)(?: is)? (?!(?:it|that|this|there|he|she|they|you|i|the|my|your|his|her|our)\b)([a-z]+) (?:doing|up to)(?: now| these days| nowadays)?$",
               r"\1 does \2 do", t)  # "wha Shanice doin now": what she does
    t = re.sub(r"^((?:and |remember )?my [a-z]+ [a-z]+ (?:she|he)) (?=(?:in|at|from|living|working|studying|doing|allergic|a|an)\b)", r"\1 is ", t)
    t = re.sub(r"^(?:and )?what (?:is )?(?P<x>my [a-z]+|(?!is\b|it\b|that\b|this\b|there\b|you\b|he\b|she\b)[a-z]+) (?P<v>studying|doing|working on|teaching|selling|reading)"
               r"(?: again| now| these days)?$",
               lambda m: f"what does {m.group('x')} {_BARE_VERB.get(m.group('v'), m.group('v'))}", t)  # Caribbean "what my grandson studying again"
    t = re.sub(r"^(?P<x>.*\bbirthday(?:'s| is) .+?) (?:and )?(?:he|she|they)(?: will|'ll) be [a-z]+(?: [a-z]+)?$", r"\g<x>", t)  # "... the ninth of March, he'll be seventeen"
    t = re.sub(r"^how (?:many days|long) while\b", "how many days until", t)  # Yorkshire "while": until
    t = re.sub(r"\b(on|to|in|at|off|from|for|onto) t (?=[a-z]{3,})", r"\1 the ", t)  # Yorkshire "on t' shopping list"  # "mi daughter Shanice she in nursing school"
    # Jamaican "fi di plantain": for the plantain
    t = re.sub(r"\bfi (?=the |my |a |an |\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sunday|"
               r"monday|tuesday|wednesday|thursday|friday|saturday)", "for ", t)
    t = re.sub(r"\bwid\b", "with", re.sub(r"\byuh\b", "you", re.sub(r"\blef\b", "left", re.sub(r"\b(?:mi )?haffi\b", "i have to", t))))
    t = re.sub(r"^wha(?:t)? you can do with ", "what can you do with ", t)  # "wha yuh can do wid reminders"
    t = re.sub(r"\b(?:me|my wife|my husband) and (?:the|my|me) (?:missus|missis|wife|husband|hubby|fella|partner|other half)'s\b", "our", t)
    # "when's me and the missus's anniversary": ours
    t = re.sub(r"^fit (?=time|alarms?|day|date|is|are|like|have)\b", "what ", t)  # Doric (Aberdeen): "fit time is it noo"
    t = re.sub(r"\b(?:cannae|canna|cannie)\b", "cannot", re.sub(r"\bonything\b", "anything", re.sub(r"\banither\b", "another", t)))
    t = re.sub(r"\bane\b", "one", re.sub(r"\b(i|we|you|they) hiv\b|\bhiv (?=i|we|you|they\b)", lambda m: (m.group(1) + " have") if m.group(1) else "have ",
                                        re.sub(r"\bmak\b", "make", re.sub(r"(?<=allergic )tae\b|\btae (?=the |my |a |an |go |see |get |be |do |work |bed |phone |call |ring |text |pick |take |buy |fetch |feed |pay |book |put |run |check |collect |meet |mend |fix |clean |walk |drive |send "
                                                                        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)",
                                                                        lambda m: "to" + m.group(0)[3:], t))))
    # Doric "hiv" and "tae", only where they stand for "have" and "to" (HIV and Tae, the name, are left alone)
    t = re.sub(r"(?<=[a-z]) noo\b", " now", t)
    t = re.sub(r"^where mi (?=(?:leave|left|park|parked|put|keep|hide|hid) )", "where did i ", t)  # Jamaican "where mi leave the van"
    t = re.sub(r"(?:^|(?<=^remember )|(?<=number ))mi (?=[a-z]+ (?:is|are|was|in the|at|deh|de)\b)|\bmi (?=[a-z]+ (?:deh|de)\b)", "my ", t)  # "mi stall inna Coronation Market is ..."
    t = re.sub(r"^(?P<q>which|what) (?P<k>[a-z]+) (?P<x>my [a-z]+) (?:deh|de)(?: again| now)?$", r"\g<q> \g<k> is \g<x>", t)  # "which number mi stall deh"
    t = re.sub(r"\bthe (?:missus|missis|misses|wife)\b(?!'s)", "my wife", t)  # "what flowers should I get the missus"
    t = re.sub(r"\bthe (?:hubby|husband)\b(?!'s)", "my husband", t)
    t = re.sub(r"\b([a-z]+'s) (?:missus|missis)\b", r"\1 wife", t)  # "what's Darren's missus called"
    t = re.sub(r"\b(?:my|me|mi) (?:missus|missis)\b", "my wife", t)  # "my missus Aroha's birthday"
    t = re.sub(r"\b(my|our) (?:malli|aiya|ayya|thambi|bhaiya|bhaiyya)\b", r"\1 brother", t)  # Sinhala, Tamil and Hindi words for a brother
    t = re.sub(r"\b(my|our) (?:nangi|akka|akki|thangachi|behen|behan)\b", r"\1 sister", t)  # ... and for a sister
    t = re.sub(r"^where is (?P<x>(?:the|my|our) [a-z]+) (?:getting|being|going to be|booked in for)(?: a| its| her| his)? (?P<v>serviced|service|repaired|fixed|mot'?d|mot)"
               r"(?: again)?$", lambda m: f"where is {m.group('x')} {_SERVICE_NOUN.get(m.group('v'), m.group('v'))}", t)  # "where's the ute getting serviced"
    t = re.sub(r"^(what does|how does|how is|what is) my (week|weekend)(?= look)", r"\1 this \2", t)  # "what does my week look like"
    t = re.sub(r"^(?:(?:right|okay|ok|oh|so|and) )*where (?:is|does) (?P<x>(?!(?:the|it|that|this|there)\b).+?) (?P<v>live|stay|work)(?: at)?(?: again| now)?$", r"where does \g<x> \g<v>", t)
    # "where's my boy live at again", "and where's Dale work"
    t = re.sub(r"\bafter (?:church|mass|work|school|lunch|dinner|prayers|the service|the match|the game) (?=at )", "", t)  # "Sunday after church at one"
    t = re.sub(r"^(?:wait |but |no )?first (?=(?:read|open|play|check|put|add|set|remind|book)\b)", "", t)  # "wait, first read the one about ..."
    t = re.sub(r"^((?:take|make|add) a note) there (?=[a-z])", r"\1 ", t)
    t = re.sub(r"\b(from|to|reply to|email|mail) (?P<n>[a-z]+) (?:sir|madam|ma'am|ji|sahib|saab)\b", r"\1 \g<n>", t)  # "the mail from Rohit sir"
    t = re.sub(r"^(start|make|create|open) a (?:new )?list for (?:the |my |our )?[a-z]+(?: [a-z]+)? (?:and )?(?:call|name) it (?=[a-z])", r"\1 a list called ", t)
    # "start a list for the shop, call it stock, and ..."  # Irish "take a note there, the pots ..."
    t = re.sub(r"\bgrandweans\b", "grandchildren", t)  # Scots
    t = re.sub(r"\bweans\b", "kids", t)
    t = re.sub(r"\b(two|three|four|five|six|my|our|the) hounds\b", r"\1 dogs", t)  # "we got two hounds named Blue and Duke"
    t = re.sub(r"^mi (?=(?:sister|brother|mother|mudda|father|fadda|son|daughter|wife|husband|cousin|aunt|auntie|uncle|granny|grandmother|"
               r"friend|bredren|boss|neighbour|pickney|baby mother|baby father)\b)", "my ", t)  # Jamaican "mi sister Claudette ..."
    t = re.sub(r"\bextra (key|keys|door key|house key|car key)\b", r"spare \1", t)  # "where did I put the extra key"
    t = re.sub(r"^(?:what|which) (?:school|college|uni|university|academy) (?:is|does) (?P<n>[a-z]+(?: [a-z]+)?) "
               r"(?:at|in|go to|attend|going to)(?: now| again| these days)?$", r"where does \g<n> go to school", t)  # "which school is Njeri at"
    t = re.sub(r"^(?:what|which) (?:band|steel band|group|orchestra|team|side|club) (?:is|does) (?P<n>[a-z]+(?: [a-z]+)?) "
               r"(?:with|in|on|play with|play for|play in|playing with|playing for|playing in)(?: now| again| these days)?$",
               r"who does \g<n> play with", t)  # "which band is Jelani with now"
    t = re.sub(r"(?<=[a-z]) the now\b", " now", t)  # Scots "what time is it in Sydney the now"
    t = re.sub(r"^(?:and )?what time (?:now )?in (?P<p>(?!the (?:morning|afternoon|evening|night)\b)[a-z]+(?: [a-z]+){0,2}?)(?: now)?"
               r"(?= (?:my|our|his|her|i|we|he|she|they)\b|$)",
               r"what time is it in \g<p>", t)  # "what time in Seoul now, my brother working there"
    if len(t.split()) > 2:
        placed = re.search(r"\b(?:at|in|from|near|to)(?: (?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b)[a-z]+)? "
                           r"(?:hey|na|la)$", t)  # "works at Alder Hey": a place's name, no tag; "to Friday na" is a tag
        t = t if placed else re.sub(r" (?:eh|ay|yeah|lah|la|leh|lor|mah|hor|po|na|abeg|b'y|hey|nah|nuh|sha|sef|o|bah|ka|kha|krub|khrap|ka kite(?: ano)?|so it is|so i am|so it was|so i do|so i did|so we did|"
                   r"so (?:i|he|she|they|we) (?:is|are|was|were|does|do|did|has|have)|nalang|na lang|gyud|jud)$", "", t)  # Thai "ka", Ulster "so he is"  # Nigerian "sha", Ulster "so it is"  # "oh and marshmallows, eh", "move it to Friday lah": a tag, not a word of the request
        if not re.search(r"\b(?:think|hope|guess|suppose|believe|expect|reckon|imagine|said|told you|is that|is it|why|not|do|did|"
                         r"be|am|is|are|was|were|and|or|so|quite|even|just|more|less|very|much|only|like) so$", t):
            t = re.sub(r" so$", "", t)  # Irish: "grand, read it back to me so", "go on so"
        t = re.sub(r"\b(?P<w>tomorrow|today|tonight|now|then|again|though|anyway|please|list|week|weekend|morning|afternoon|evening|"
                   r"(?:on|off|with|to) (?:that|it|them|this)) like$",
                   r"\g<w>", t)  # Irish and Geordie "... tomorrow like": a tag
        t = re.sub(r"(?P<x>\bthe one about(?: [a-z]+){1,3}) like$", r"\g<x>", t)
    t = re.sub(r"^can (?P<x>(?!you\b|i\b|we\b|u\b).+) or not$", r"can you \g<x>", t)  # Singlish "can push it back or not": a request
    t = re.sub(r"^(?:(?:my|the|our) )?[a-z]+ (?:reckons|thinks|says|said|wants)(?: that)? (?:we|i) (?:should|could|ought to|need to|had better) "
               r"(?=(?:move|change|cancel|push|bring|shift|put|book|add|make|set)\b)", "", t)  # "Bev reckons we should move it to Friday"
    t = re.sub(r"\bin (?P<a>[a-z]+(?: [a-z]+)?) (?:no|no sorry|sorry|no wait|i mean|or rather) (?P<b>[a-z]+(?: [a-z]+)?) "
               r"(?P<u>minutes|hours|mins|seconds)\b", r"in \g<b> \g<u>", t)  # "in forty, no, fifty minutes"
    t = re.sub(r"^(?:and |so |oh )?got (?=(?:anything|owt|much|something|any plans|a lot)\b)", "have i got ", t)  # "got anything at three on Friday"
    t = re.sub(r"\b(quarter|five|ten|twenty|twenty five) of (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\b)",
               r"\1 to ", t)  # American "quarter of seven": a quarter to seven
    t = re.sub(r"\bonly (?=(?:delete|send|read|cancel|archive|reply|add|set|remind|call|ring|stop|pause|bin)\b)", "just ", t)  # "only delete it": just
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:i|we) (?:got|have got|have)$", r"how many \g<x> have i got", t)  # "how many kids I got"
    t = re.sub(r"\bneuro\b", "neurologist", t)  # "who's Dave's neuro again"
    t = re.sub(r"\bpon\b", "on", t)  # Jamaican "how much time left pon the dye"
    t = re.sub(r"\b(?:that|this|the) jawn\b", "the one", t)  # Philadelphia "read me that jawn Dom sent"
    t = re.sub(r"\bdivided (?:for|with|in|among|between)\b(?= [a-z0-9]+(?: [a-z0-9]+)? (?:persons|people|ways|parts)\b)|\bdivided (?:for|with)\b|"
               r"\bdivide (?:on|for|by)\b", "divided by", t)  # "two hundred and thirty euros divided for three", as Portuguese says it
    t = re.sub(r"(?<=divided by )(?P<n>[a-z0-9]+(?: [a-z0-9]+)?) (?:persons|people|ways|parts)$", r"\g<n>", t)  # "... divided in four persons"
    t = re.sub(r"^(?:how much is )?(?P<x>[a-z0-9 ]+? (?:times|multiplied by|divided by|plus|minus) [a-z0-9 ]+?)(?<! is)(?: (?:trips?|people|persons|days|nights|hours|items|pieces))?"
               r" how much(?: is it| is that| total| in total| altogether| each| for each| per person)?$", r"what is \g<x>", t)
    # "fifteen dollar times six trip, how much", "three hundred fifty dinar divide on seven people, how much each"
    t = re.sub(r"^(?P<n>[a-z0-9]+(?: [a-z0-9]+)?) (?:people|persons|of us|guests) each (?:paying|pay|pays|giving|putting in|chipping in) (?P<x>[a-z0-9 ]+?)"
               r",? how much(?: is it| is that)?(?: total| in total| altogether| all together)$", r"what is \g<n> times \g<x>", t)
    # "eight people each paying three thousand five hundred rupees, how much total"
    t = re.sub(r"\b(?P<v>send|delete|archive|bring|read|open|check|cancel|move|pause|stop|mark|forward|keep|remove|clear|fix|leave|play|bin|"
               r"trash|answer) am\b", r"\g<v> it", t)  # Nigerian Pidgin "this one na spam abeg delete am", "bring am back"
    t = re.sub(r"\breply am\b(?: say)?", "reply him say", t)  # "reply am say the goods go land on Friday"
    t = re.sub(r"\bwetin\b", "what", t)  # Pidgin "read wetin I write"
    t = re.sub(r"\b(?P<w>that|it|i|he|she) were\b", r"\g<w> was", t)  # Cumbria and Yorkshire "that were from the rugby club"
    t = re.sub(r"^snooze (?:it|that|the alarm)(?: and)? (?=give (?:me|us) )", "", t)  # "snooze it, give us ten more minutes"
    t = re.sub(r"\b(?P<w>another|the|that|this|a) yin\b", r"\g<w> one", t)  # Scots "and another yin for the stovies"
    t = re.sub(rf"^timer (?P<n>(?!for\b|on\b|of\b){_WORD}(?: (?!{NUMBER_RE}\b){_WORD})?) (?P<d>{NUMBER_RE}(?: {NUMBER_RE})* {UNIT_RE})$",
               r"set a timer for \g<d> for the \g<n>", t)  # Thai English "timer sticky rice thirty minute na"
    t = re.sub(rf"^(?P<n>(?!add\b|put\b|give\b|and\b|oh\b){_WORD}(?: {_WORD})?) add (?P<d>{NUMBER_RE}(?: {NUMBER_RE})* {UNIT_RE})(?: more)?$",
               r"add \g<d> to the \g<n>", t)  # "pork add two minute more"
    t = re.sub(r"^(?P<v>(?:i (?:want|need|would like) to )?(?:write|take|make|start|send|set|put|add)) one "
               r"(?=(?:note|letter|reminder|e ?mail|message|timer|alarm|event)\b)", r"\g<v> a ", t)  # "write one note", "I want to write one letter"
    t = re.sub(r"^have i (?:a|an|any) (?=(?:note|reminder|alarm|timer|e ?mail|message|meeting|appointment)s?\b)", "have i got a ", t)  # Irish "have I a note about ..."
    t = re.sub(r"^(?P<q>have i got a (?:note|reminder)s? (?:about|on|for) [a-z ]+?) at all$", r"\g<q>", t)
    t = re.sub(r"\bwhat all\b", "what", t)  # Southern and Midwest US "what all do I have going on"
    t = re.sub(r"^then (?=what|when|where|how|who|which|is|are|do|does|can)\b", "", t)  # "then what I have on Friday"
    t = re.sub(r"^what (?P<w>i|we) have (?=on|for|going on|tomorrow|today|tonight|this|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
               r"what do \g<w> have ", t)  # "what I have on Friday", as it is asked
    t = re.sub(r"\ba wee (?=minute|second|sec|moment|while|bit)\b", "a ", t)  # "pause the soup a wee minute"
    t = re.sub(r"\b(?:you|ye|yous) can (?=(?:cancel|stop|delete|pause|bin|scrap|get rid of|turn off|switch off|kill) (?:it|that|that one|the|them|my|our)\b)",
               "", t)  # "that's the soup ready, ye can cancel that one"
    t = re.sub(r"^(?:that is the (?P<n>[a-z]+(?: [a-z]+)?) (?:ready|done|finished|cooked)|the (?P<n2>[a-z]+(?: [a-z]+)?) is (?:ready|done|finished|cooked)) +"
               r"(?P<v>cancel|stop|turn off|switch off|kill) (?:that one|that|it)$",
               lambda m: f"{m.group('v')} the {m.group('n') or m.group('n2')}", t)  # ... that one: the soup's, said just before, not the timer talked of last
    t = re.sub(r"^what does (?P<x>[a-z]+(?: [a-z]+)?) do for (?:his|her|their|a) (?:money|crust|job|work|bread|wage)$", r"what does \g<x> do for a living",
               t)  # "what does Gary do for his money"
    t = re.sub(r"^(?P<q>(?:and )?(?:which|what) (?:city|town|village|country|place|part of [a-z]+|area|suburb|street) (?:is|does) [a-z]+(?: [a-z]+)? "
               r"(?:staying|living|live|stay|working|work|based))$", r"\g<q> in", t)  # "which city is my mother staying"
    t = re.sub(r"^(?P<w>(?:our|my) [a-z]+(?: [a-z]+)?)(?:'s| has| is)? (?:just )?(?:started|begun) (?:at|in) (?P<p>[a-z' ]+?) (?:doing|studying) (?P<x>[a-z ]+)$",
               r"\g<w> studies \g<x> at \g<p>", t)  # "our Chloe's started at Furness College doing hairdressing"
    t = re.sub(r"\bthe (?P<t>birthday|anniversary|address|phone number|wedding) of (?P<x>(?:my |our )?[a-z]+(?: (?!is\b|was\b)[a-z]+)?)\b",
               r"\g<x>'s \g<t>", t)  # Spanish order: "the birthday of my daughter Valeria is ...", "how many days are left for the birthday of Valeria"
    t = re.sub(r"^what is the (?:thing|food|stuff)s? (?:that )?(?P<x>(?:my |our )?[a-z]+(?: [a-z]+)?) (?:cannot|can not|must not|should not) (?:eat|have)$",
               r"what is \g<x> allergic to", t)  # "what is the thing that Mateo cannot eat"
    t = re.sub(r"^(?P<a>(?:and )?(?:in )?(?:where|which (?:city|town|country|village|place)))(?: does)? (?P<v>works|lives|studies) (?P<x>(?:my |our )?[a-z]+)$",
               lambda m: f"{m.group('a').replace('in which', 'which')} does {m.group('x')} {m.group('v')[:-1] if m.group('v') != 'studies' else 'study'}"
               f"{' in' if 'which' in m.group('a') else ''}", t)  # "and where works my husband", "in which city lives my sister"
    t = re.sub(r"\bthat is tidy\b", "that is lovely", t)  # Welsh "ta love, that's tidy"
    t = re.sub(r"^(?:haud|hud) on\b", "hold on", t)  # Scots "haud on, pause the stovies"
    t = re.sub(r"^(?:the|my|that) reminder (?P<p>about|for|to) (?P<x>[a-z' ]+?),? (?P<v>cancel|delete|remove|scrap|bin) (?:it|that)\b(?: c'est bon)?",
               r"\g<v> the reminder \g<p> \g<x>", t)  # "the reminder about the delivery, cancel it, c'est bon, the man he came already"
    t = re.sub(r"\b(?P<q>what time is it|what is the time) na (?=in )", r"\g<q> ", t)  # Tagalog "what time is it na in California"
    t = re.sub(r"(?<=[a-z]),? it is only (?:the|an|one) hour$", " for an hour", t)  # "stick five a side in for Friday at eight, it's only the hour"
    t = re.sub(r"\bthe (?P<k>wife|missus|missis|husband|hubby|kids|boss|wean|weans|bairn|bairns)'s\b", r"my \g<k>'s", t)  # "when's the wife's birthday"
    t = re.sub(r"(?<=[a-z0-9]) of the (?P<p>morning|afternoon|evening|night)\b", r" in the \g<p>", t)  # "at four of the afternoon", as Spanish says it
    t = re.sub(r"\b(?:the )?(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday) of (?:the )?(?P<w>next|this|coming) week\b",
               lambda m: f"this {m.group('d')}" if m.group("w") == "this" else f"{m.group('d')} {m.group('w')} week",
               t)  # "the Thursday of the next week", as Spanish says it
    t = re.sub(r"^(?P<no>no|nah|sorry|no sorry),? not (?:at )?[a-z0-9]+(?: [a-z0-9]+)?,? (?=(?:make|change|move|put) (?:it|that)\b)", r"\g<no> ",
               t)  # "no, not four, make it half past three"
    t = re.sub(r"\b(?:thank you |thanks )?nakhvamdis$", "bye", t)  # Georgian goodbye
    t = re.sub(r"^gie (?:us|me) ", "give me ", t)  # Scots "gie us a shout half an hour before the dentist"
    t = re.sub(r"^bang (?=(?:another|an extra|a few|five|ten|two|three)\b)", "put ", t)  # "bang another five minutes on that"
    t = re.sub(r"\b(?P<v>snooze|stop|pause|cancel|delete) ça\b", r"\g<v> it", t)  # Chiac "snooze ça for ten minutes là"
    t = re.sub(r"(?<=[a-z]) là(?= |$)", "", t)
    t = re.sub(r"\bj'?suis\b", "i am", t)  # Chiac "j'suis so tired"
    t = re.sub(r"\b(?P<w>stuff|things|everything|please|then|them) right$", r"\g<w>", t)  # "fifteen minutes before all my stuff, right"
    t = re.sub(r"^what is (?:wee )?(?P<x>(?:our |my )?[a-z]+(?: [a-z]+)?) (?:training|studying) to be(?: again)?$", r"what does \g<x> study",
               t)  # "what's wee Kirsty training to be"
    t = re.sub(r"\bthe (?P<n>(?:twenty |thirty )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
               r"seventeen|eighteen|nineteen)|twenty|thirty) of (?=january|february|march|april|may|june|july|august|september|october|november|december)",
               lambda m: f"the {_ordinal(m.group('n'))} of ", t)  # "the twenty two of April", as Spanish says the day
    t = re.sub(r"\b(?P<n>[a-z]+) (?P<u>year|month|week) old\b", lambda m: f"{m.group('n')} {m.group('u')}{'' if m.group('n') in ('one', 'a') else 's'} old",
               t)  # "my son Ton is nine year old"
    t = re.sub(r"^(?P<q>(?:and )?what is (?:my|our|[a-z]+'s) [a-z]+|(?:and )?what is [a-z]+) allergic(?P<a> again)?(?: i (?:forget|forgot))?$",
               r"\g<q> allergic to\g<a>",
               t)  # "what is my daughter allergic"
    t = re.sub(r"^(?P<a>(?:and )?where is) (?P<v>working|living|staying) (?P<x>(?:my |our )?[a-z]+)$", r"\g<a> \g<x> \g<v>",
               t)  # "and where is working Tiago", as Portuguese says it
    t = re.sub(r"^where (?P<d>does|do|did) (?P<x>[a-z' ]+?) go (?P<v>hunting|fishing|shooting|walking|swimming|running|camping|climbing|sailing|"
               r"surfing|riding|skating|skiing|dancing|bowling|golfing)(?: again| these days| now)?$",
               lambda m: f"where {m.group('d')} {m.group('x')} {_BARE_VERB.get(m.group('v'), m.group('v')[:-3])}", t)  # "where does Earl go hunting"
    t = re.sub(r"\b(?P<n>(?!(?:it|that|what|who|there|he|she)')[a-z]+)'s "
               r"(?:fella|fellow|feller|bloke|other half|better half|missus|missis|old man|old lady)\b",
               r"\g<n>'s spouse", t)  # "what's Siobhan's fella called again"
    t = re.sub(r"\bremind me (?:make|mek) (?:i|a|me) ", "remind me to ", t)  # Pidgin "remind me make I call Tunde"
    t = re.sub(r"^(?:you )?(?:note|write|jot)(?: down)? for me (?!to\b)", "note down ", t)  # "you note for me landlord phone number ..."
    t = re.sub(r"\b(?:this|that) one na (?=[a-z]+\b)|^na (?=(?:spam|junk|scam|a scam|rubbish)\b)", "this one is ",
               t)  # "this one na spam", "na spam, delete am"
    t = re.sub(r"^fit's\b", "what is", t)
    t = re.sub(r"^fit(?= is\b| (?:alarms|time|day|date|reminders|notes|timers|lists|have|hae|do|did|does)\b)", "what", t)  # Doric "fit": what
    t = re.sub(r"\b(date|day|weather) the day$", r"\1 today", t)  # Scots "fit's the date the day"
    t = re.sub(r"^(?P<w>(?:my|our) [a-z]+(?: [a-z]+)?) were (?=(?:a|an|the|at|in|on)\b)", r"\g<w> was ", t)  # Yorkshire "me grandad Stan were a miner"
    t = re.sub(r"^when is (?P<x>(?:my |our )?[a-z]+) (?:supposed|meant) to (?=[a-z]+)", r"when does \g<x> ", t)  # "when's Earl supposed to take his pills"
    t = re.sub(r"^where is (?P<x>(?:the|my|our) [a-z]+(?: [a-z]+)?) (?:hidden|kept|stashed|stored|hiding)(?: again| now)?$", r"where is \g<x>", t)
    # "where's the spare key hidden"
    t = re.sub(r"^what is the (?:password|code|pin) (?:for|to|of|on) the (?:wifi|wi fi|internet)\b", "what is the wifi password", t)
    t = re.sub(r"^(?:which|what) (?:nuts?|foods?|fruits?|things?|stuff|medicines?|drugs?) (?:should |must |do |can )?i (?:should |must |need to |have to )?"
               r"(?:keep away from|not give(?: to)?|never give(?: to)?|avoid (?:giving|feeding)(?: to)?|not feed|never feed) (?P<x>(?:my|our) [a-z ]+|[a-z]+)$",
               r"what is \g<x> allergic to", t)  # "which nut I should keep away from my mother in law"
    # "what's the password for the internet at the bothy"
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
    t = re.sub(r"\bi ain't\b", "i am not", re.sub(r"\b(we|they|you) ain't\b", r"\1 are not", t))
    t = re.sub(r"\b(he|she|it|that|[a-z]+) ain't\b", r"\1 is not", t)  # "that roux ain't dark enough yet"
    t = re.sub(r"\bgo head\b", "go ahead", t)  # "yeah go 'head send it"
    t = re.sub(r"\bhang you on\b", "hang on", t)  # Norfolk
    t = re.sub(r"(?<=[a-z]) po\b(?! box)", "", t) if len(t.split()) > 2 else t  # Filipino "po", a word of respect: "start a letter po to Cristina"
    t = re.sub(r"\bbout (?=(?:the|my|a|an|it|that|this)\b)", "about ", t)  # "cancel the reminder bout the water bill"
    t = re.sub(r"\bfor me (?=(?!(?:to|and|please|now|then|too|later|again|tomorrow|today|tonight|at|in|on|as|so|if|when|while|i|it|that|this)\b)[a-z]+)",
               "for my ", t) if re.match(r"^(?:set|start|put)\b.*\btimer\b", t) else t  # "a timer for twenty minutes for me pie, love"
    t = re.sub(r"^(?P<x>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our) (?:shopping|[a-z]+) list) (?=[a-z]+ (?:wants|needs|says|said|is|has)\b).*$",
               r"\g<x>", t)  # "... to the shopping list, Ba wants to make thepla"
    t = re.sub(r"\bgrocer(?:y|ies) list\b", "shopping list", t)
    t = re.sub(r"\bmawnin\b", "morning", t)  # Jamaican
    t = re.sub(rf"\b(?P<t>{_HOURS}(?: thirty| fifteen| forty five| o'clock)) (?P<p>morning|evening|afternoon)\b",
               r"\g<t> in the \g<p>", t)  # Malaysian English "on Saturday seven fifteen evening"
    t = re.sub(r"^me and (?:my |our )?[a-z]+ (?=(?:have|have got|got|are|were) )", "we ", t)  # "me and Shazza have got three kids and two dogs"
    t = re.sub(r"^(?P<y>yes|yeah|yep|yup|ok|okay|sure) (?P<v>cancel|delete|send|archive)(?: lah| please)?$", r"\g<y> \g<v> it", t)  # "yes cancel lah": that one
    t = re.sub(r"^(?:delete|bin|remove|trash|get rid of) (?:everything|all|all the (?:mail|emails|mails|messages)) from (?P<s>[a-z' ]+)$", r"delete all the emails from \g<s>", t)
    # "delete everything from Papa John's": their mail, never a fact
    t = re.sub(r"^(?P<x>(?:proof ?read|check|read|send|look at|see|correct) .+?) once$", r"\g<x>", t)  # Indian English "kindly proofread it once"
    t = re.sub(r"^(?:which|what) (?P<x>locker|room|desk|bay|seat|cabin|parking space) (?:am i|do i|have i) (?:using|use|in|got|have)(?: now| again)?$",
               r"what is my \g<x> number", t)  # "which locker am I using"
    t = re.sub(r"^where is (?P<x>[a-z]+)'s (?P<k>boat|dinghy|yacht|caravan) (?:moored|tied up|kept|docked|berthed)(?: at| up)?(?: again| now)?$",
               r"where does \g<x> keep his \g<k>", t)  # "where's Tama's boat moored"
    t = re.sub(r"(?<=[a-z])(?<!\byou)(?<!\bi)(?<!\bwe)(?<!\bthey)(?<!\bwould)(?<!\bdo)(?<!\bmy)(?<!\bd) love (?=(?:it's|it is|the|i|we|he|she|they|it)\b)",
               " ", t) if re.match(r"^(?:set|start|put|add|remind|cancel|pause|stop)\b", t) else t  # "a timer for me pie love, it's just gone in"
    t = re.sub(r"^di (?=[a-z])", "the ", t)  # Jamaican "di chicken need more time"
    t = re.sub(r"\btanks(?: (?:mi|me|my) (?:dear|love|darling))?\b(?= (?:you|yuh|so|a lot)\b|$)", "thanks", t)  # Jamaican "tanks mi dear"
    t = re.sub(r"^have (?P<p>i|we) (?=(?:anything|much|something|owt|aught)\b)", r"have \g<p> got ", t)  # Irish "have I anything on tomorrow"
    t = re.sub(r"^(?!(?:where|what|when|who|how|which|why|does|do)\b)(?P<s>.*?\b[a-z]+) does (?P<v>work|live|stay|sell|drive|teach|run|play)\b",
               lambda m: f"{m.group('s')} {m.group('v')}s", t)  # Guyanese "me son Devon does work at the bauxite company": works
    t = re.sub(r"^how many (?P<x>[a-z]+) (?P<n>(?!i\b|we\b|you\b|they\b|he\b|she\b)[a-z]+) (?:got|have|has)$", r"how many \g<x> has \g<n> got", t)
    # "how many children Devon got"
    t = re.sub(r"^at which (?:hospital|school|office|shop|company|factory|bank|clinic|store) (?:is|does) (?P<x>[a-z]+(?: [a-z]+)?) (?:working|work|based)$|"
               r"^where (?:is|does) (?P<y>(?:my |our )?[a-z]+) (?:doing|do) (?:his|her|their) job(?: now| again)?$",
               lambda m: f"where does {m.group('x') or m.group('y')} work", t)  # "at which hospital is Sana working", "where is my malli doing his job"
    t = re.sub(r"^(?:(?:and|oh and|also) )?(?:chuck|stick|bung|pop|whack|throw) on (?=[a-z])", "and add ", t)  # "and chuck on tomato sauce and onions"
    t = re.sub(r"\btidy (?=(?:put|give|add|set|start|stick|chuck)\b)", "", t)  # Welsh "tidy" said before the request
    t = re.sub(r"^(?P<and>and |oh and )?(?:chuck|stick|bung|whack|pop|put) (?P<o>one|another(?: one)?) on (?=for\b)", r"\g<and>set \g<o> ", t)
    # "and chuck one on for four in the morning every weekday", after an alarm: another
    t = re.sub(r"^(?:chuck|stick|bung|whack|pop) (?P<d>[a-z]+(?: [a-z]+)?) minutes on for (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)?)$",
               r"set a timer for \g<d> minutes for the \g<x>", t)  # "chuck ten minutes on for the snags mate"
    t = re.sub(r"^turn (?:her|him|she) (?P<d>up|down)\b", r"turn it \g<d>", t)  # "turn her down a bit eh, she's some loud"
    t = re.sub(r"^where y'?at\b.*$", "hello how are you", t)  # New Orleans "where y'at, baby"
    t = re.sub(r"\b(i am|we are) (?:bout|about) to head (out|off|home)\b", r"\1 going to head \2", t)  # "aight I'm bout to head out"
    t = re.sub(r"\bthe morra\b", "tomorrow", t)  # Scots
    t = re.sub(r"^what is on (?:me|for me) (?=(?:today|tomorrow|tonight|this|next|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
               "what is on ", t)  # Scots "what's on me the morra"
    t = re.sub(r"^(?:and )?where (?:was it|is it|did you say)(?: that)? (?P<x>(?:our |my )?[a-z]+(?: [a-z]+){0,2}?) (?:(?:is|are|was) )?"
               r"(?P<v>works?|lives?|stays?|working|living|staying)\b.*$",
               lambda m: f"where does {m.group('x')} {_BARE_VERB.get(m.group('v'), m.group('v').removesuffix('s'))}", t)
    # "where was it our Kevin works, I've gone blank", "where is it that my brother is working now", "where is it Euan works again"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+){0,3}?),? (?:can you |could you )?(?:make|push|move) it (?P<d>(?:[a-z]+ )?[a-z]+ (?:hours?|minutes?) "
               r"(?:later|earlier))$", r"move \g<x> \g<d>", t)  # "the supervisor meeting, can you make it one hour later"
    t = re.sub(r"\b(on|off) em$", r"\1 them", t)  # "put another twenty minutes on em"
    t = re.sub(r"^(?:go on )?(?:carry on|continue) with (?P<x>the [a-z]+(?: [a-z]+)?) now$", r"resume \g<x>", t)  # "go on, carry on with the spuds now"
    t = re.sub(r"^(?:(?:lovely|great|thanks|right|ok|okay) )*(?:diolch|thanks|ta|cheers)? ?(?:i will|i'll) (?:leave you (?:be|alone)|let you go|love you and leave you)"
               r"(?: now| then| for now)?$", "thanks bye", t)  # Welsh "lovely, diolch, I'll leave you be now"
    t = re.sub(r"^scrub (?=(?:the|my) [a-z]+(?: [a-z]+)? off\b)", "take ", t)  # "scrub the bacon off, our mam's bringing some round"
    t = re.sub(r"^what notes (?:i have|i got|have i got|do i have) (?:about|on|for) (?=[a-z])", "find my notes about ", t)  # "what notes I have about Kerwin"
    t = re.sub(r"^iya\b", "yes", t)  # Indonesian "iya, yes, cancel it"
    t = re.sub(r"^terima kasih\b", "thanks", t)
    t = re.sub(r"^(?:ah |oh )?(?:sorry )?(?:the )?(?P<e>[a-z]+(?: [a-z]+)?) (?:pak|bu|ibu|mr|mrs|dr|doctor|ms|miss|sir|madam) [a-z]+ (?:changed|moved|shifted|put) it "
               r"(?P<w>to|till) (?P<d>.+)$", r"move the \g<e> \g<w> \g<d>", t)  # "ah sorry, the consultation, pak Budi changed it to Wednesday"
    t = re.sub(r"^who is (?:having|holding) (?=(?:my|the|our) )", "who has ", t)  # "who is having my spare key"
    t = re.sub(r"^(?P<x>how many [a-z]+ (?:have i got|do i have|have we got|do we have)) (?:altogether|in all|all together|in total)$", r"\g<x>", t)
    t = re.sub(r"^(?P<x>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our) (?:shopping(?: list)?|[a-z]+ list)) for (?:the |my |our |a |sunday |saturday )?"
               r"[a-z' ]+$", r"\g<x>", t)  # "... to the shopping for Sunday lunch after church": what it is for is no list's name and no event
    t = re.sub(r"^(?P<x>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our)) (?P<a>[a-z]+(?: [a-z]+)?)(?: list)?,? no(?: sorry)?,? (?:not (?:the )?(?P=a),? )?"
               r"(?:the |my )(?P<b>[a-z]+)(?: list| one)?$|^(?P<x2>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our)) (?P<a2>[a-z]+)(?: list)?,? no(?: sorry)?,? "
               r"not (?P=a2),? (?:the |my )?(?P<b2>[a-z]+)(?: list| one)?$", lambda m: f"{m.group('x') or m.group('x2')} {m.group('b') or m.group('b2')} list", t)
    # "on the jobs list, no, not jobs, the shopping", "on the to do list, no, the shopping list"
    t = re.sub(r"\b(?P<at>o'clock|thirty|am|pm|fifteen|forty five) (?P<d>(?:one|two|three|four|five|six|an|a|half an) hours?|(?:[a-z]+ )?[a-z]+ minutes)$",
               r"\g<at> for \g<d>", t) if re.match(r"^(?:add|put|book|pencil|schedule|stick|pop) ", t) else t  # "add church Sunday eleven o'clock two hours"
    t = re.sub(r"\b(?P<v>(?:an? )?(?:email|e mail|mail|message|letter|text)|write|reply|send (?:it|this|that)) tae\b", r"\g<v> to", t)  # Scots "an email tae Morag"
    t = re.sub(r"\b(?P<h>an|a|one|two|three|four|five) hours? and (?P<m>five|ten|fifteen|twenty|twenty five|thirty|thirty five|forty|forty five|fifty|fifty five)\b"
               r"(?! (?:minutes?|mins?|seconds?|hours?)\b)", lambda m: f"{m.group(0)} minutes", t)  # "an hour and ten for the beef": seventy minutes
    t = re.sub(r"^how is the form(?: today| this morning)?$", "how are you", t)  # Irish "how's the form"
    t = re.sub(r"^(?:ah |aw )?you are (?:some|wicked|right|real|dead) (?:good|great|smart|clever|helpful)(?: thanks| thank you)?$", "thanks", t)
    # Newfoundland "ah you're some good, thanks"
    t = re.sub(r"^when am i (?:seeing|meeting|at|with) (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)??)(?: next| again)?$", r"when is my next \g<x>", t)  # "when am I seeing the physio next"
    t = re.sub(r"^(?:no )?(?:wait )?(?:it )?is at (?P<t>[a-z0-9' ]+?) not [a-z0-9' ]+$", r"no make it \g<t>", t)  # Spanish English "no wait, is at four in the afternoon, not three"
    t = re.sub(r"\b(?:hooroo|ta ra|tara)$", "bye", t) if len(t.split()) > 2 else t  # Australian "hooroo"
    t = re.sub(r"^(?P<x>(?:we|i) have(?: got)? (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) [a-z]+) and (?:one|another)(?: more)? "
               r"(?:on the way|due|coming)(?: [a-z ]+)?$", r"\g<x>", t)  # "we've got three grandkids and one more on the way"
    t = re.sub(r"^what (?:are|is) the names? of (?P<x>(?:my|our) [a-z]+)$", r"what are \g<x> called", t)  # "what are the names of my cats"

    t = re.sub(r"^(?:(?:right|ok|okay|well) )?(?:b'y |by )?i am (?:gone|off|heading|going) (?:down |out |over |up |back )?to (?:the )?[a-z]+(?: [a-z]+)? "
               r"(?=(?:talk|speak) to you (?:after|later|soon)$|see you (?:after|later|soon)$|bye$)", "", t)  # Newfoundland "I'm gone down to the wharf, talk to you after"
    t = re.sub(r"^clear off (?=(?:the|my)\b)", "clear ", t)  # "clear off the to do list, I'm done all of it"
    t = re.sub(r"(?<=[a-z]) (?:bye|bye now|cheers bye|ta ra)$", "", t) if re.match(r"^(?:scrap|cancel|delete|remove|move|set|add|put|remind)\b", t) else t
    # "scrap the reminder about the dinghy, bye": the request, then the goodbye
    t = re.sub(r"^my (?P<r>[a-z]+)'s name is (?P<n>[a-z]+) and (?:she|he) (?:is )?(?P<v>living|lives|working|works|staying|stays) ",
               lambda m: f"my {m.group('r')} {m.group('n')} {_THIRD_PERSON.get(m.group('v'), m.group('v'))} ", t)
    # "my mother's name is Sreedevi and she is living in Thrissur": her name and where she lives, not a name of eight words
    t = re.sub(r"^(?P<x>my [a-z]+|[a-z]+) (?:go|goes|going) to which (?:school|college|university|uni)$", r"where does \g<x> go to school", t)
    # Vietnamese English "my boy go to which school"
    t = re.sub(r"^what is the (?:number|code|pin|combination) (?:to open|for opening|that opens) the (?P<x>gate|door|lock|safe|shutter)\b.*$",
               r"what is the \g<x> code", t)  # "what is the number to open the gate at work"
    t = re.sub(r"^(?:no )?i meant (?P<d>[a-z]+(?: [a-z]+)?) for the (?P<n>[a-z]+(?: [a-z]+)?)$", r"change the \g<n> timer to \g<d> minutes", t)
    # "naw I meant thirty five for the cornbread"
    t = re.sub(r"^ar (?=(?:go on|yes|please|ok|okay|do it|go for it|that would be)\b)", "yes ", t)  # Black Country "ar go on then": yes
    t = re.sub(r"\b(his|her|their|[a-z]+'s) (?:missus|missis)\b", r"\1 wife", t)  # "his missus is called Jackie"
    t = re.sub(r"\b(?P<v>write|send) one (?=(?:mail|email|e mail|message)\b)", r"\g<v> an ", t)  # Indian English "write one mail to Priya"
    t = re.sub(r"\b(he|she|they) got (?=(?:two|three|four|five|six|seven|eight|a|an|one)\b)", r"\1 has got ", t)  # "and she got two little ones"
    t = re.sub(rf"\b(two|three|four|five|six|seven|eight|nine|ten) {_KIDS}\b", r"\1 kids", t)  # "I have four childer"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?P<p>he|she|they) (?:got|have|has|have got|has got)$", r"how many \g<x> has \g<p> got", t)  # "how many kids she got"
    t = re.sub(r"^(?:(?:alright|aright|right|righto|ok|okay) )?(?:ace boy |bye )?that is me(?: done| finished| then)?(?: for now| for today)?(?: bye| cheers)?$",
               "that is me done bye", t)  # Bermudian "aright, that's me"
    t = re.sub(r"^tak (?=(?:a|an|the|it|that|off|aff|note)\b)", "take ", t)  # Shetland and Scots "tak a note"
    t = re.sub(r"^write (?:also|too|down also|also down) (?=[a-z])", "take a note ", t)  # East African "write also mama Rehema owes me ..."
    t = re.sub(r"^(?:i am|we are|i'm|we're) (?:plumb |clean |completely |totally |all |right )?(?:out of|run out of|out) (?P<x>[a-z]+(?: [a-z]+)?),? "
               r"(?:so )?(?:put|add|stick|pop) (?:that|it|some|them) (?:on|to) (?P<l>(?:my|the) (?:shopping )?list)$", r"add \g<x> to \g<l>", t)
    # Southern US "I'm plumb out of buttermilk, put that on my list": the buttermilk
    t = re.sub(r"^(?:please |can you |could you |kindly )?(?P<v>add|put) (?:to|in|on|into) (?:the |my )?(?:calendar|diary) (?P<x>(?!(?:for|on|at)\b)[a-z]+(?: [a-z]+){0,3}?) "
               r"(?=(?:on|at|for|this|next|tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
               r"\g<v> \g<x> to my calendar ", t)  # "please add to calendar anatomy exam on Thursday twelfth at nine"
    t = re.sub(rf"\b(?P<d>{_DAYS}) (?=(?:{ORDINAL_RE})\b(?! (?:of )?(?:january|february|march|april|may|june|july|august|september|october|"
               r"november|december)\b))", r"\g<d> the ", t)  # "Thursday twelfth": the twelfth, a Thursday ("Wednesday twenty second July" is read as said)
    t = re.sub(r"^(?:and |also |oh and )?(?:i have got|i have|i've got|i got|we have got|we have|we've got) (?P<x>(?:an?|my) [a-z]+(?: [a-z]+){0,3}?) "
               rf"(?=(?:on (?:{_DAYS}|the [a-z]+)|tomorrow|today|tonight|next [a-z]+|this [a-z]+)(?: [a-z]+)? at )", r"add \g<x> ", t)
    # "and I've got a lab on Thursday at nine for three hours": an event to add, not an event called "I've got a lab"
    t = re.sub(r"^(?:(?:he|she|they|[a-z]+) )?(?:paid|gave|spent|sent)(?: me)?(?: only| just)? (?P<x>[a-z0-9 ]+?) out of (?:the )?(?P<y>[a-z0-9 ]+?) "
               r"how much (?:remain|remains|is left|left|is remaining|is still owed|still)(?: [a-z ]+)?$", _out_of, t)
    # "she paid only one hundred twenty thousand out of the one hundred sixty, how much remain"
    t = re.sub(r"^(?:bonjou|bonjour|bonju|hola|ola|namaste|namaskar|salaam|salam|jambo|habari|ciao|shalom)\b", "hello", t)  # "bonjou, good morning"
    t = re.sub(r"^(?:(?:alright|all right|ok|okay|well) )?(?:baby|babe|sugar|honey|darling|love) (?=i am\b)", "", re.sub(
        r"\b(i am|we are) fixing to\b", r"\1 going to", t))  # Southern US "alright baby, I'm fixin' to head out"
    t = re.sub(r"^(?P<x>(?:and )?my [a-z]+ [a-z]+(?: (?!is\b)[a-z]+)?)(?: is)? (?P<v>living|working|staying) (?=(?:in|at|on|by|near|with|for|down|up|over|out)\b)",
               lambda m: f"{m.group('x')} {_THIRD_PERSON[m.group('v')]} ", t)  # "my daughter Marie Claire living in Roseau now", "... is working at"
    t = re.sub(r"^(?:find|get|read)(?: me)? the note (?:where|that|in which|with) i (?:wrote|put|noted|jotted|saved|kept)(?: down)? (?P<q>.+)$",
               r"find the note about \g<q>", t)  # "find the note where I wrote the loom number"
    t = re.sub(r"\bda (?=[a-z]+'s\b)", "the ", t)  # Shetland "da light's bidin later"
    t = re.sub(rf"\b(?:half|quarter|five|ten|twenty|twenty five) (?P<r>past|to) (?P<h>{_HOURS}) (?:no sorry|no wait|sorry no|sorry|no) "
               r"(?P<b>(?:quarter|five|ten|twenty|twenty five)) (?P=r)$", r"\g<b> \g<r> \g<h>", t)  # "quarter to five, no sorry, twenty to"
    t = re.sub(r"^parked (?=(?:the|my|on|at|in|by|near|outside|up|down|round)\b)", "i parked ", t)  # "parked the ute on level two"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+){0,4}?) (?:i have|i|i've) (?:kept|put|left|hidden|stored|placed) "
               r"(?P<w>(?:in|on|under|behind|inside|at|with|in the|on top of) .+)$", r"i put \g<x> \g<w>", t)
    # "the spare key of the shop I have kept in the blue almirah": where I put it
    t = re.sub(r"^where does (?P<x>(?:my |our )?[a-z]+) (?:tie up|moor|dock|berth) (?P<o>his|her|their) (?P<k>boat|dinghy|canoe|yacht)$",
               r"where does \g<x> keep \g<o> \g<k>", t)  # "where does my husband tie up his boat"
    t = re.sub(r"\bthe morrow\b", "tomorrow", t)  # Scots and Ulster "the morrow"
    t = re.sub(r"\bone and half\b", "one and a half", t)  # "for one and half hours"
    t = re.sub(r"(?<=[a-z])(?<!\bme)(?<!\bmy)(?<!\bmi) (?:pet|hinny|cher|mate|bab|lah|hon|duck) (?=(?:the|my|me|our|somebody|someone|nobody|he|she|it|they|we|there|i|just)(?:'s)?\b)",
               " ", t) \
        if not re.match(r"^(?:my|our|the|a|his|her)$", t.split()[0] if t else "") else t  # "pause the taties pet, the bairn's fell ower"
    t = re.sub(r"\bdivvent\b", "do not", t)  # Geordie
    t = re.sub(r"^(?:eh |oh |ah )?not yet (?=(?:give me|let me have|just) (?:another )?[a-z]+(?: [a-z]+)? (?:more )?minutes?\b)", "", t)  # "eh not yet, give me ten more minutes"
    t = re.sub(r"^(?:do not|don't) bother with (?P<x>the [a-z]+(?: (?!they|it|he|she|we|those|them)[a-z]+)?)\b.*\b(?:cancel|scrap|stop|bin) (?:that one|that|it)$", r"cancel \g<x>", t)
    # "divvent bother with the yorkshires, they've burnt, cancel that one"
    t = re.sub(r"\b(?P<a>(?!and\b|for\b|a\b|an\b)[a-z]+(?: [a-z]+)?) (?P<u>minutes|hours) (?P<mid>for (?:the |my )?[a-z]+ )?(?:no hang on|no wait|no sorry|sorry|no) "
               rf"(?:make (?:that|it) )?(?P<b>(?:{NUMBER_WORDS_RE})(?: (?:{NUMBER_WORDS_RE}))?)$", r"\g<b> \g<u> \g<mid>", t).strip()
    # "twenty minutes for the yorkshires no hang on make that twenty five", "forty five minutes for the roux no wait thirty five"
    t = re.sub(r"^wha (?=[a-z])", "what ", t)  # Trinidadian "wha mail I have this morning"
    t = re.sub(r"^what (?:mail|mails|emails?|messages?) (?:i|me) (?:have|got|get)\b", "what emails do i have", t)
    t = re.sub(rf"\b(?P<d>{_DAYS}) (?P<p>morning|afternoon|evening|night) (?P<t>(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
               r"(?: thirty| fifteen| forty five)?) o'clock\b", r"\g<d> at \g<t> in the \g<p>", t)  # "Tuesday evening six o'clock"
    t = re.sub(r"^(?:then |and |also )?put (?P<x>[a-z]+(?: [a-z]+)?) there (?=(?:at )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)",
               r"put \g<x> at ", t)  # "then put dentist there four pm Thursday"
    t = re.sub(r"^(?P<e>every day|every weekday|every morning|every night) (?P<a>wake me(?: up)?|set (?:an|my) alarm)(?: at| for)? ", r"\g<a> \g<e> at ", t)
    # "every day wake me up five o'clock lah"
    t = re.sub(r"\b(?P<a>[a-z]+(?: [a-z]+)?) (?:no sorry|no wait|sorry|no) not (?P=a) ", "", t)  # "split peas no sorry not split peas chick peas"
    t = re.sub(r"^how long more (?:for|on) ", "how long left on ", t)  # Singlish "how long more for the soup ah"
    t = re.sub(r"(?<=\bback) (?:it )?is (?:the|my|our|from|for) [a-z]+(?: [a-z]+){0,3}$", "", t)  # Trinidadian "bring it back, is the carnival band fees"
    t = re.sub(r"^the (?P<x>[a-z]+(?: [a-z]+)?) (?:one|timer) (?:change|make|set|put) (?:it )?to (?=[a-z]+(?: [a-z]+)? (?:minutes?|hours?)$)",
               r"change the \g<x> timer to ", t)  # Singlish "the eggs one change to ten minutes"
    t = re.sub(r"^where (?:is |does )?(?P<x>my [a-z]+|[a-z]+) (?P<v>work|live|stay) at(?: again| now)?$", r"where does \g<x> \g<v>", t)  # "where my wife work at again"
    t = re.sub(r"\b(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today) (?P<t>(?:one|two|three|four|five|six|seven|eight|nine|"
               r"ten|eleven|twelve)(?: thirty| fifteen| forty five)?) o'clock\b", r"\g<d> at \g<t> o'clock", t)  # "Saturday three o'clock"
    t = re.sub(r"^put (?P<x>the [a-z]+(?: [a-z]+)?) in (?=(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b)",
               r"put \g<x> on ", t)  # "put the Argyle game in Saturday three o'clock"
    t = re.sub(r"\bfor a (?:crust|living|job)\b", "for work", t)  # Australian "what does Dave do for a crust"
    t = re.sub(r"\bwatoto\b", "children", t)  # Swahili
    t = re.sub(r"\bgie\b", "give", t)  # Scots "gie it another two minutes"
    t = re.sub(r"(?<=[a-z]) duck (?=(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|half)\b)", " ", t)
    # Potteries "the oatcakes duck, twelve minutes"
    t = re.sub(r"\b(?P<a>[a-z]+(?: [a-z]+)?) (?P<u>minutes|hours) (?:no sorry|no wait|sorry|no) (?P<b>[a-z]+(?: [a-z]+)?)$", r"\g<b> \g<u>", t) \
        if re.match(r"^(?:erm |um )?(?:set|start|put) ", t) else t  # "set a timer for the bread twenty five minutes no sorry thirty five"
    t = re.sub(r"^(?:the |my )?(?P<x>[a-z]+) also needs (?P<d>[a-z]+(?: [a-z]+)? (?:minutes|hours))(?: put one for (?:that|it)| set one for (?:that|it))?$",
               r"set a timer for the \g<x> for \g<d>", t)  # "the payasam also needs forty minutes, put one for that"
    t = re.sub(r"^(?:abeg |so |and )?how (?:much time|long) (?:remain|remains|remaining|e remain|dey remain) (?:for|on) (?=(?:the|my) )", "how much time left on ", t)
    # Nigerian "how much time remain for the jollof rice"
    t = re.sub(r"^how much (?:time )?(?:left|more) for (?=(?:the|my) )", "how much time left on ", t)  # "how much left for the rice"
    t = re.sub(r"^(?:abeg )?snooze am\b", "snooze it", t)  # Pidgin "abeg snooze am ten minutes"
    t = re.sub(r"\bsnooze it (?P<n>(?!for\b)[a-z]+(?: [a-z]+)?) minutes\b", r"snooze it for \g<n> minutes", t)
    t = re.sub(r"\b(?:i )?never (?:sleep|finish|done) (?:finish|reach|well)?$", "", t).strip()  # "i never sleep finish"
    t = re.sub(r" (?:na|it was|is|it is) (?:from )?(?:my|the) [a-z]+$", "", t) if re.search(r"\bbring (?:it|am) back\b", t) else t
    # "bring am back, na from my cousin", "bring am back, na my bank"
    t = re.sub(r"\bget shut(?: of (?:it|that|them))?$", "get rid of it", t)  # Yorkshire "yeah go on, get shut"
    t = re.sub(r"^(?:yes|yeah|ok) (?:iwe|ji|bhai|boss|yaar) ", r"yes ", t)  # Zambian "yes iwe, send it"; "ji"
    t = re.sub(r"^(?:wait )+o (?=[a-z])", "wait ", t)  # Nigerian "wait o, bring am back"
    t = re.sub(r"^(?:ji|jee) (?=change|yes|ok|okay|no|leave|keep|fix)", "", t)  # Urdu "ji change it": yes, change it
    t = re.sub(r"(?<=[a-z]) eh(?= (?:the|they|he|she|it|we|i)\b)", "", t)  # New Zealand "scrap the reminder about the vet eh, the dog's come right"
    t = re.sub(r"^(?:right |ok |okay )?clear (?:the|my) to do(?: one| list)?\b", "clear the to do list", t)  # "right clear the to do, I've rung them"
    t = re.sub(r"^what is on the (?P<l>shopping|to do|to-do)(?: now| then)?$", r"what is on the \g<l> list", t)  # "what's on the shopping now"
    t = re.sub(r"^(?:which|what) lists have i got (?:owt|anything) on$", "which lists have i got anything on", t)  # Yorkshire "owt"
    t = re.sub(r"\b(?P<w>at (?:[a-z]+ )?(?:ten|eleven|twelve|one|two|three|four|five|six|seven|eight|nine)(?: thirty| o'clock)?) instead$", r"\g<w>", t) \
        if re.match(r"^(?:put|add|book|pop|stick) ", t) else t  # "put the vet in the diary for Thursday week at ten instead"
    t = re.sub(r"^take out (?P<x>the [a-z]+(?: (?!(?:my|our|his|her|the|it|we|i|they|he|she)\b)[a-z]+)?)(?= |$)", r"take \g<x> off", t)  # Caribbean "take out the diesel, my cousin bringing it"
    t = re.sub(r"^(?:how much )(?P<n>[a-z]+(?: [a-z]+)?) (?P<u>pounds?|kilos?|kilo|kg|pound) of [a-z]+ come to at (?P<p>[a-z]+(?: [a-z]+)?) (?:dollars?|pounds?|bucks) "
               r"(?:a|per) (?:pound|kilo)$", r"what is \g<n> at \g<p> dollars a pound", t)  # "how much sixty pound of snapper come to at twelve dollar a pound"
    t = re.sub(r"^(?:the )?[a-z]+ (?:too|so|is too|is so) (?:rough|bad|wet|windy|busy|late) (?=(?:move|push|shift|change|cancel)\b)", "", t)  # "the sea too rough, move ..."
    t = re.sub(r"^chur(?: bro| cuz| mate)?\b", "thanks", t)
    t = re.sub(r"^(?:oh )?for (?:god's|goodness|pete's|heaven's) sake ", "", t)  # "oh for god's sake cancel the lot"
    t = re.sub(r"^(?P<v>cancel|scrap|stop|bin) the lot,? (?:the smoke alarm(?:'s| is| has) (?:gone off|going off|going)|it is burning|everything is burning)$",
               r"\g<v> all the timers", t)  # "cancel the lot, the smoke alarm's gone off": the timers, not the alarm
    t = re.sub(r"^(?:right |ok |okay |now )?(?P<v>start|get|put) (?:them|the|my) (?P<x>[a-z]+(?: [a-z]+)?) going again$", r"start the \g<x> again", t)  # "start them hash browns going again"
    t = re.sub(r"^how much (?:longer|more time|time is there still|time still) (?:on|for) (?:them|the|my) ", "how much time left on the ", t)
    # "how much longer on them soup beans", "how much time is there still for the sambar"
    t = re.sub(r"^(?P<x>[a-z]+(?: [a-z]+)?)(?:'s| is) done,? (?:you can )?(?:quit|stop|cancel|kill) (?:that one|it|that)$", r"cancel the \g<x> timer", t)
    # Appalachian "cornbread's done, you can quit that one"
    t = re.sub(r"^put (?P<d>[a-z]+(?: [a-z]+)?) minutes on for (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)?)$", r"set a timer for \g<d> minutes for the \g<x>", t)
    # "put twenty minutes on for the sausages love"
    t = re.sub(r"\bfor the (?P<a>[a-z]+) no (?:the )?(?P<b>[a-z]+) (?=[a-z]+ (?:minutes|hours)$)", r"for the \g<b> ", t)  # "a timer for the fish no the bakes twelve minutes"
    t = re.sub(r" that (?:go|will|gonna|going to) take (?P<d>[a-z]+ (?:hours?|minutes?))$", r" for \g<d>", t)  # Grenadian "that go take three hours"
    t = re.sub(r"^so when (?:it is|is it) now$", "when is it now", t)  # "so when it is now"
    t = re.sub(r"^(?:this|that|it) (?:one )?is (?:only |just )?(?:one of (?:these|those|them) |some |a )?(?:bank |spam |junk |fake |scam )?"
               r"(?:offer|advert|ad|promotion|newsletter|spam)s?(?: mail| something| thing| things| rubbish)? (?P<v>delete|bin|archive)(?: it)?$",
               r"\g<v> it", t)  # "this is only some bank offer, delete it", "this one is one of these fake promotion something delete it"
    t = re.sub(r"^(?:that|this|it) is (?:a )?(?:load of )?(?:old )?(?:squit|rubbish|nonsense|tosh|twaddle|codswallop|junk|guff|shite|crap|drivel|spam) "
               r"(?P<v>archive|delete|bin|trash|throw|chuck)(?: (?:it|that|this)(?: one)?)?(?: out| away)?(?: bor)?$",
               lambda m: "archive it" if m.group("v") == "archive" else "delete it", t)  # Norfolk "that's a load of old squit, archive that"
    t = re.sub(r"^(?:ya|yah|yeah|yup) send it$", "yes send it", t)  # Malaysian "ya send it"
    t = re.sub(r"^(?P<v>archive|delete|read) this one first$", r"\g<v> this one", t)
    t = re.sub(r"\b(?P<x>shoppin|thinkin|somethin|nothin|goin|comin|mornin|evenin|livin|workin|stayin)'?(?= |$)", lambda m: m.group("x") + "g", t)  # "my shoppin' list"
    t = re.sub(r" while (?:i am|i'm) (?:thinking|thinkin) (?:of|about) it$", "", t)
    t = re.sub(r"\b(?P<x>on my (?:to do|to-do|shopping|jobs) list) before (?:the )?[a-z]+$", r"\g<x>", t)  # "... on my to do list before the lambing"
    t = re.sub(r"^(?P<x>and )?(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday) after (?:jumma|jummah|friday prayers|church|mass) "
               r"(?:around|about) (?P<t>[a-z]+) remind me (?P<r>.+)$", r"remind me on \g<d> at \g<t> \g<r>", t)  # "Friday after jumma around two remind me ..."
    t = re.sub(r" for (?:fajr|zuhr|dhuhr|asr|maghrib|isha)$", "", t) if re.match(r"^(?:no )?make it ", t) else t  # "no make it quarter to five for fajr"
    t = re.sub(r"\bi were\b", "i was", t)  # Yorkshire "I were up till three"
    t = re.sub(r"\b(?P<o>her|his) fella\b", r"\g<o> boyfriend", t)  # "what's her fella called again"
    t = re.sub(r"\b(he|she)'s (?=an? [a-z]+)", r"\1 is ", t)  # "he's a chippy": is, not has
    t = re.sub(r"^(?:and )?(?P<o>his|her) (?P<r>boyfriend|girlfriend|husband|wife|partner|fiance|fiancee)'s (?=[a-z]+ (?:he|she)(?:'s| is| has)? )",
               r"\g<o> \g<r> is ", t)
    # "and her boyfriend's Liam, he's a chippy"
    t = re.sub(r"^clear (?:the|my) (?P<x>[a-z]+(?: [a-z]+)?) one(?: out)?\b", r"clear the \g<x> one list", t)  # "clear the shop one out": the list named so
    t = re.sub(r"^(?P<q>(?:where|what|when|who|how|which)(?: [a-z]+){1,3}?)(?<!\bmy)(?<!\bour)(?<!\byour)(?<!\bhis)(?<!\bher)(?<!\bthe) "
               r"(?:uncle|auntie|aunty|aunt) (?P<n>(?!(?:do|does|did|work|works|live|lives|is|was|go|goes)\b)[a-z]+)\b", r"\g<q> \g<n>", t)
    # "where does uncle Garba do his business": Garba, as told
    t = re.sub(r"^how many (?P<x>[a-z]+) is (?P<n>[a-z]+(?: [a-z]+)?) dozen$", r"what is \g<n> times twelve", t)  # "how many oysters is seventy two dozen"
    t = re.sub(r"\b(?P<n>[a-z]+) sahib\b", r"\g<n>", t)  # "a letter to Farooq sahib"
    t = re.sub(r"^read me the email from my (?:lecturer|boss|teacher|tutor|doctor|manager) (?=(?:doctor|dr|mr|mrs|ms|miss|professor) )", "read me the email from ", t)
    t = re.sub(r"^(?P<x>(?:and |add |put )(?:a |an |some |two |three )?[a-z]+(?: [a-z]+){0,3}?) for (?:the |my |our )?(?!(?:the|my|our|a)\b)[a-z']+(?: [a-z']+)? "
               r"(?:tea|dinner|lunch|breakfast|supper|party|barbecue|bbq|packed lunch|picnic)$", r"\g<x>", t)  # "and a pack of sausages for the lads' tea"
    t = re.sub(r"\b(?P<w>(?:my|our) [a-z]+ [a-z]+|[a-z]+(?:'s)?) birthday na (?=(?:the )?[a-z]+)", r"\g<w> birthday is ", t)  # Pidgin "my wife Ngozi birthday na ..."
    t = re.sub(r"^(?P<w>(?:my|our) (?:wife|husband|son|daughter|sister|brother|mother|father|mum|dad|friend|cousin|aunt|uncle|niece|nephew|grandson|"
               r"granddaughter) [a-z]+) birthday is\b", r"\g<w>'s birthday is", t)  # "my wife Ngozi birthday is ...": hers  # New Zealand "chur bro, you're a legend"
    t = re.sub(r"^(?:aight|alright|ok|okay) that is it for now i am out$", "that is it for now bye", t)
    t = re.sub(r"^where (?P<x>my [a-z]+|[a-z]+) (?P<v>work|live|stay|go to work)(?: again| every day| now)?(?: ah| lah)?$",
               lambda m: f"where does {m.group('x')} {'work' if m.group('v') == 'go to work' else m.group('v')}", t)  # "where my brother work again ah"
    t = re.sub(r"^where (?P<x>[a-z]+) does (?:tie up|moor|keep|park) (?:his|her|their) (?P<k>boat|car|van|truck|bike)$", r"where does \g<x> keep his \g<k>", t)
    # Saint Lucian "where Vincent does tie up his boat"
    t = re.sub(r"^what (?:i|should i) (?:should )?not give (?P<x>[a-z]+) to eat$", r"what is \g<x> allergic to", t)  # "what I should not give Arjun to eat"
    t = re.sub(r"^when (?P<x>[a-z]+) (?:go|will) celebrate (?:her|his) birthday$", r"when is \g<x>'s birthday", t)  # Pidgin "when Ngozi go celebrate her birthday"
    t = re.sub(r"\bin calendar\b", "in the calendar", t)  # "put airport pickup for Klaus in calendar Friday ..."
    t = re.sub(r"^(?P<w>(?:my|our) [a-z]+ [a-z]+) is coming (?:over|round|to stay|tomorrow|today|for tea|for dinner)\b.*? (?:he|she) (?:can't|cannot|can not) "
               r"(?:have|eat) (?:no |any )?(?P<f>[a-z]+(?: [a-z]+)?) (?:he|she)(?:'s| is) allergic$", r"\g<w> is allergic to \g<f>", t)
    # Southern "my grandbaby Jaylen is coming over, he can't have no pecans, he's allergic"
    t = re.sub(r"^(?P<v>add|put) (?P<a>[a-z]+(?: [a-z]+)?)(?P<to> (?:to|on) (?:the|my) (?:[a-z]+ )?list)? (?:no wait|no sorry|sorry|no) not (?P=a),? (?:add |put )?(?P<b>[a-z ]+)$",
               lambda m: f"{m.group('v')} {m.group('b')}{m.group('to') or ''}", t)  # "add pecans to the list no wait not pecans add peaches"
    t = re.sub(r"\btake (?P<d>[a-z]+(?: [a-z]+)?) (?P<u>minutes?|hours?) off that (?=(?!(?:the|a|an|my|our|his|her|their|it|i|he|she|we|they)\b)[a-z])", r"take \g<d> \g<u> off the ", t)  # "take five minutes off that pot roast"
    t = re.sub(r"\b(?:rra|mma)\b ?", "", t).strip()  # Setswana "no rra, move it to Friday": sir, madam
    t = re.sub(r"\b(?P<p>[a-z]+(?: [a-z]+)?) (?:percent|per cent) (?:gst|vat|tax|tip|service|discount|interest|commission|deposit) on (?=[a-z0-9])",
               r"\g<p> percent of ", t)  # "eighteen percent GST on four thousand two hundred"
    t = re.sub(r" my bad$", "", t)  # "actually make that twenty five, my bad"
    t = re.sub(r"\b(?P<x>left on (?:the|my) [a-z]+) one\b", r"\g<x>", t)  # "how long's left on the oven one"
    t = re.sub(r"\b(fifteen|thirty|o'clock|forty five) only\b", r"\1", t)  # Indian English "make it six fifteen only"
    t = re.sub(r"(?: eh| ok| okay)?(?: so)? (?:do not|don't) (?:you )?(?:let me )?forget(?: that| it)?$", "", t)  # "... allergic to peanuts so don't let me forget that"
    t = re.sub(r"^(?:and )?(?P<x>his|her) (?P<r>wife|husband|son|daughter|brother|sister|mother|father) na (?=[a-z]+$)", r"\g<x> \g<r> is called ", t)  # Pidgin "his wife na Adaeze"
    t = re.sub(r"\bmake i (?:check|turn|stir|see|watch) (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)?)$", r"for the \g<x>", t)  # Pidgin "make I check the beans"
    t = re.sub(r"\b(?P<o>his|her|my|our|[a-z]+'s) (?P<r>wife|husband|son|daughter|brother|sister|mother|father|mum|dad|boss|dog|cat) name\b", r"\g<o> \g<r>'s name", t)
    # "what is his wife name"
    t = re.sub(r"^(?:and )?(?P<n>[a-z]+) where (?:she|he) (?:dey )?(?:stay|stays|live|lives)$", r"where does \g<n> live", t)  # Pidgin "and Ngozi, where she dey stay"
    t = re.sub(r"\ban(?:')? all (?=(?:we|i|they|she|he|it)\b)|\ban(?:')? all$", "", t).strip()  # Northern "an' all": as well
    t = re.sub(r"^turn (?:dee|thee) (?P<d>up|down)(?: a peerie bit| a bit| a peedie bit)?", r"turn it \g<d> a bit", t)  # Shetland "turn dee up a peerie bit"
    t = re.sub(r"^(?P<x>take (?:a )?note|note down|note|make a note) bah\b", r"\g<x>", t)  # Sabah "take note bah ..."
    t = re.sub(r"\b(?P<n>\d+|[a-z]+(?: [a-z]+)?) (?:dollars?|pounds?|quid|bucks|euros?|rand) (?:an|a|per) (?:hour|day|week)(?= times\b)", r"\g<n>", t)
    t = re.sub(r"(?<= times )(?P<x>[a-z]+(?: [a-z]+)?) (?:hours|days|weeks|shifts)$", r"\g<x>", t)  # "twenty two dollars an hour times forty eight hours"
    t = re.sub(r"\b(bill|rent|total|fare|price|cost|tab|invoice|quote)'s\b", r"\1 is", t)  # "the power bill's two hundred and thirty eight bucks"
    t = re.sub(r"^what is the (?:number|code|pin) to get in (?:at|to|into) (?P<x>[a-z' ]+?)(?: yard| house| place| flat| gate)?$", r"what is the code for \g<x>", t)
    # Caribbean "what's the number to get in at Auntie Merle yard"
    t = re.sub(r"\bgot (?:him|her|them|me|us|hisself|herself) (?=an? )", "has got ", t)  # Southern "my son Marcus got him a dog named Biscuit"
    t = re.sub(r"^where (?P<v>is|are) (?P<x>.+?)(?<!\boff)(?<!\bup)(?<!\bon)(?<!\bout)(?<!\bback)(?<!\bdown)(?<!\bover)(?<!\bgoing)(?<!\bheaded)"
               r"(?<!\bmoving)(?<!\bmoved)(?<!\bgone)(?<!\bbeen) to$", r"where \g<v> \g<x>", t)  # Cornish "where are mum's pills to", not "off to"
    t = re.sub(r"^what is that (?P<k>dog|cat|horse|pony|boat|car) of (?P<o>[a-z]+)'s called$", r"what is \g<o>'s \g<k> called", t)  # "what's that dog of Marcus's called"
    t = re.sub(r"^how (?:you )?dey\b.*$", "how are you", t)  # Nigerian Pidgin "how you dey this morning"
    t = re.sub(r"^(?:ke a leboga|ke itumetse)(?: mma| rra)?\b", "thanks", t)  # Setswana thanks
    t = re.sub(r"^(?:and )?(?:the |my |our )(?P<x>[a-z]+(?: [a-z]+){0,2}?)(?P<d> on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
               r"tomorrow))? (?P<v>push|bring|move|shift) it (?P<r>back|forward|later|earlier|to)\b", r"\g<v> the \g<x>\g<d> \g<r>", t)
    # "and my netball practice on Saturday, push it back an hour"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+){0,4}?) (?:move|moved|moving) (?P<w>to|till) (?P<y>.+?)(?: bah| lah)?(?: (?:the |my |our )?[a-z]+ (?:say|says|said))?$",
               r"move \g<x> \g<w> \g<y>", t)  # Sabah "the quiz move to ten o'clock bah, lecturer say"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:are we|am i) (?:milking|running|keeping|grazing|farming)(?: now| this season| this year)?$", r"how many \g<x> have we got", t)
    t = re.sub(r"^(?P<x>(?:(?:then|and|so) )?(?:set|start|put|add|remind|cancel|move|book|pause|stop|change|make|the alarm|my alarm) .+?)(?<!watering)(?<!tin)(?<!oil)(?<!petrol)(?<!beer)(?<!bin)"
               r"(?<!paint)(?<!spray) can$", r"\g<x>", t)  # Singlish "set timer twelve minute for the kaya can": a tag
    t = re.sub(r"\b(?P<x>for (?:the |my )?[a-z]+) there (?=(?:for )?[a-z]+(?: [a-z]+)? (?:minutes?|hours?)\b)", r"\g<x> ", t)  # "the potatoes there, twenty minutes"
    t = re.sub(r"(?<=minutes) just$|(?<=minute) just$|(?<=hours) just$", "", t)  # Scots "twenty minutes just"
    t = re.sub(r"(?<=[a-z]) in the night\b", " at night", t)  # "at nine in the night"
    t = re.sub(r"\blah (?=and\b)", "", t)  # "add soy sauce lah and also the ikan bilis"
    t = re.sub(r"^(?P<x>(?:set (?:an? |my )?alarm|wake me(?: up)?) .+?) lah [a-z].*$", r"\g<x>", t)  # "set alarm four thirty tomorrow lah, helicopter check in at six"
    t = re.sub(r"\band also the (?=[a-z]+(?: [a-z]+)? (?:to|on|onto) (?:my|the|our)\b)", "and ", t)
    t = re.sub(r"^put down (?=[a-z]+(?: [a-z]+)? (?:on |at |for |tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday))", "put ", t)
    t = re.sub(r"(?: so)? (?:keep that|keep it|save that|save it|store that) (?:somewhere|safe|in mind|for me)$", "", t)  # "my blood group is O positive, keep that somewhere"
    t = re.sub(r"^(?P<q>what is (?:my|the) [a-z]+ (?:code|number|password|pin)) again (?=(?:at|for|on|in) )", r"\g<q> ", t)  # "what's me locker code again at the hospital"
    t = re.sub(r"^(?:(?:aiyo|aiya|alamak|eh|oh|ah|no|sorry) )*(?:the )?(?P<x>[a-z]+(?: [a-z]+)?) one should be (?P<d>[a-z]+(?: (?!lah\b)[a-z]+)?)(?: lah)? not [a-z]+(?: [a-z]+)?$",
               r"make the \g<x> timer \g<d> minutes", t)  # Malaysian "the rice one should be ten lah not eight"
    t = re.sub(r"^(?:(?:oh|no|sorry|ah|wait) )*the (?P<x>[a-z]+(?: [a-z]+)?) (?:wanted|should have had)"
               r" (?P<d>(?!minutes\b)[a-z]+(?: (?!minutes\b)[a-z]+)?) not [a-z]+(?: [a-z]+)?(?: (?:change|fix|make) it| sorry)?$",
               r"make the \g<x> timer \g<d> minutes", t)  # "oh no, the scones wanted thirty, not twenty five, change it"
    t = re.sub(r"^(?P<v>pause|stop|hold|cancel) (?P<x>the [a-z]+(?: [a-z]+)?) first\b", r"\g<v> \g<x>", t)  # "pause the rendang first, my son calling"
    t = re.sub(r"^(?:ok |okay )?can (?:continue|carry on|start again|resume)(?: already| now| lah)?$", "resume", t)  # Singlish "ok can continue already"
    t = re.sub(r" itself$", "", t)  # Indian English emphasis: "tomorrow at eleven itself"
    t = re.sub(r"^(?:hush|shush|sh+)(?: now| you)? (?=(?:give|snooze|stop|five|ten|another|just)\b)", "", t)  # "hush now, give me ten more minutes"
    t = re.sub(r"^(?:put|stick|pop) (?P<x>[a-z ]+?) on instead$", r"add \g<x>", t)  # "put Quorn sausages on instead"
    t = re.sub(r"^(?:(?:acha|achha|accha|okay|ok|oh|perfect|great|lovely) )?(?:asante(?: sana)?|shukriya|shukran|dhanyavaad|dhanyavad|salamat(?: po)?|"
               r"gracias|merci|danke(?: schön| schoen)?|obrigad[oa]|grazie|teşekkürler|tesekkurler|kamsahamnida|gamsahamnida)\b", "thanks", t)  # "asante, that's all for now"
    t = re.sub(r"(?<=\bis all )(?:gracias|merci|danke|obrigad[oa]|grazie|asante|shukran|shukriya)(?= bye\b| goodbye\b|$)", "thanks", t)  # "that's all, obrigada, bye"
    t = re.sub(r"^(?:fa'?afetai(?: lava)?|vinaka(?: vakalevu)?|mahalo(?: nui(?: loa)?)?|kh?o[bp] ?khun(?: (?:krub|khrap|ka|kha))?|terima kasih|"
               r"arigato(?: gozaimasu)?|xie xie|spasibo|efharisto|dhanyabad|dhonnobad|ngiyabonga|siyabonga|ke a leboha)\b", "thanks", t)  # "fa'afetai lava, ..."
    t = _VOCATIVE.sub(r"\1", t) if t.startswith("thanks ") else t  # "merci habibi, you're the best": thanks in any tongue, then who to
    t = re.sub(r"^(thanks|thank you)(?: (?:ha|lah|na|naman|eh|noh))+$", r"\1", t)  # Filipino "thank you ha", Singlish "thanks lah"
    t = re.sub(r"^which (?=(?:date|day) is it\b)", "what ", t)  # "which date is it this Sunday"
    t = re.sub(r"^what time would it be (?=in |over in |out in )", "what time is it ", t)  # "what time would it be in Toronto"
    t = re.sub(r"^remember (?:that )?the new (?=(?:code|number|password|pin|combination) )", "remember the ", t)
    t = re.sub(r"^what (?:was|is) that (?P<n>code|number|password|pin|combination) for (?P<x>the [a-z]+(?: [a-z]+)?)(?: again)?$", r"what is the \g<n> for \g<x>", t)
    t = re.sub(r"^how many days (?:are|is) (?:left|remaining|there) (?:for|till|until|to|before) ", "how many days until ", t)  # "how many days are left for Hamza's birthday"
    t = re.sub(r"^(?:(?:eish|ag|oh|ah|eh|ugh) )?(?:that is|this is|it is) (?:spam|junk|rubbish|a scam)(?: mail)? (?P<v>delete|bin|trash|archive)(?: it)?$", r"\g<v> it",
               t)  # "eish that's spam, delete"
    t = re.sub(r"\b(?:my|our) (?:elder|older|younger|big|little|baby|eldest|youngest|first|second|oldest) (?P<r>brother|sister|son|daughter|boy|girl)\b",
               r"my \g<r>", t)  # "my elder brother Tunde works at ...": my brother
    t = re.sub(r"^when (?:do|should|must|will) i (?:need to |have to )?(?:get|buy|make|bake|order|send) (?:a |the )?(?:birthday )?(?:cake|card|present|gift|presents) "
               r"for (?P<x>(?:my |our )?[a-z]+)$", r"when is \g<x>'s birthday", t)  # "when do I need to get a cake for Aoife"
    t = re.sub(r"^where is (?P<x>(?:the|my|our) [a-z]+) (?:tied up|moored|docked|berthed|kept|parked)(?: at| up at)?(?: again| now)?$", r"where is \g<x>", t)
    # "where's my boat tied up at"
    t = re.sub(r"^(?:which|what) subject (?:is|does) (?P<x>(?:my |our )?[a-z]+) (?:teaching|teach)(?: now| again)?$", r"what does \g<x> teach", t)
    t = re.sub(r"^how much (?:do|did|will) (?:i|we) pay for (?P<x>(?:my|our) [a-z]+'s) (?:schooling|school|school fees|fees|tuition)$", r"what are \g<x> school fees", t)
    t = re.sub(r"^how much (?:is|are) (?P<x>(?:my|our) (?:[a-z]+'s )?(?:[a-z]+ )?(?:fees|rent|bill|mortgage|wages?|salary|pay|pension|allowance|insurance|"
               r"premium|subscription|council tax|tuition))$", r"what are \g<x>", t)  # "how much are my son's school fees"
    t = re.sub(r"^who (?:can|could|will|would) let me in(?: if .*)?$", "who has my spare key", t)  # "who can let me in if I lock meself out"
    t = re.sub(r"^(thank you|thanks|cheers|ta)(?: ah| eh| lah| la| ya| yaar)? (?:very|so|really|super) [a-z]+(?: one)?$", r"\1", t)  # "thank you ah, very helpful one"
    t = re.sub(r"^(?P<w>(?:and )?(?:her|his|my|our) [a-z]+ [a-z]+)'s is (?=(?:the |on )?(?:[a-z]+ )?(?:of )?(?:january|february|march|april|may|june|july|"
               r"august|september|october|november|december|\d|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
               r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty|thirtieth|thirty)\b)",
               r"\g<w>'s birthday is ", t)  # "and her brother Archie's is the second of June", after a birthday
    t = re.sub(r"^(?:the |my )(?P<x>[a-z]+(?: [a-z]+){0,3}?)(?P<d> (?:on|at|for) [a-z ]+?)? (?:cancel|delete|scrap) it$", r"cancel the \g<x>\g<d>", t)
    # "the team lunch on Friday, cancel it"
    t = re.sub(r"^(?:the |my )?(?P<n>[a-z]+(?: (?!is\b)[a-z]+)?) (?:is not|isn't|is still not|still not|not|nuh|no) (?:done|ready|cooked)(?: yet)?(?: only| so| just)? "
               r"(?:give it|add|put) ", r"give the \g<n> ", t)  # "rice is not done, only give it five more minutes"
    t = re.sub(r"\b(put|give|add) (?P<d>[a-z]+(?: [a-z]+)?) more minute on\b", r"\1 \g<d> more minutes on", t)  # "put ten more minute pon the chicken"
    t = re.sub(r"^(?P<v>carry on with|continue|restart|resume|start) (?:the |my )(?P<n>[a-z]+(?: [a-z]+)?) now(?= |$)", r"\g<v> the \g<n>", t)
    # "carry on with the lamb now, it's back on"
    t = re.sub(r"^(?P<r>cancel|stop|scrap|clear) (?:them|those|these) all(?: now)?(?: tidy)?(?= |$)", r"\g<r> all the timers", t) \
        if re.search(r"\b(?:eating|done|ready|cooked|served)\b", t) else t  # Welsh "cancel them all now tidy, we're eating"
    t = re.sub(r"^put in (?=[a-z]+(?: [a-z]+)? (?:on|at|for|tomorrow|today|next)\b)", "put ", t)
    t = re.sub(r"\bfrom (?P<t>(?:half past |quarter past |quarter to )?[a-z0-9:]+(?: (?:thirty|fifteen|forty five|am|pm|o'clock))?) "
               r"(?=for (?:an?|one|two|three|four|five|half an?|[a-z]+ and a half) (?:hours?|minutes?)\b)", r"at \g<t> ", t)  # "from nine for two hours"  # "put in sheep dipping on Monday from nine"
    t = re.sub(r"^(?P<w>(?:tomorrow|today|tonight|on [a-z]+day|[a-z]+day)(?: (?:at )?[a-z]+(?: o'clock| thirty| fifteen| am| pm)?)?) (?:i|am i) (?:free|busy) or not$",
               r"am i free \g<w>", t)  # "tomorrow three o'clock I free or not"
    t = re.sub(r"\blef\b", "left", t)  # "how much time lef pon the chicken"
    t = re.sub(r"^(?:wah gwaan|wha gwaan|wagwan|whappen)\b ?", "hello ", t).strip()  # Jamaican "wah gwaan, how yuh doing": a greeting, not "no"
    t = re.sub(r"^(?:aiya|aiyah|alamak|aduh|wah)(?: no)?(?: lah)? (?=[a-z])|^aiyo no(?: lah)? (?=[a-z])", "no ", t)  # Malaysian "aiya no lah make it half two"
    if re.match(r"^(?:add|put|stick|pop|get)\b.* (?:to|on|onto) (?:the|my|our) (?:[a-z]+ )?list\b", t):  # "add allspice an scotch bonnet to the list"
        t = re.sub(r"(?<=[a-z]) an (?=[bcdfgjklmnpqrstvwxyz][a-z]{3,}\b)(?!(?:hour|honest|honour|heir)\b)", " and ", t)
    t = re.sub(r"\bower in\b", "over in", re.sub(r"\bthe (?:noo|now)\b", "now", t))  # Scots "what time is it ower in Calgary the noo"
    t = re.sub(r"\b(?P<v>start|stop|pause|hold|cancel|restart|resume|scrap|bin|delete|read|get) em\b", r"\g<v> them", t)  # "start em back up"
    t = re.sub(r"\b(?P<a>all )?them (?=(?:timers|alarms|reminders|notes|emails|mails)\b)", r"\g<a>the ", t)  # "hold all them timers"
    t = re.sub(r"\b(on|off|for|with|about) them (?=[a-z]{3,}s\b)", r"\1 the ", t)  # "how long's left on them biscuits"
    t = re.sub(r"^diolch(?: yn fawr)?\b", "thanks", t)  # Welsh thanks
    t = re.sub(r"^((?:and |so )?what have (?:i|we)) on\b", r"\1 got on", t)  # Irish "what have I on this weekend"
    t = re.sub(r"\bfor me (?=(?:tea|dinner|lunch|breakfast|supper|tea break|lunch break|break|coffee)$)", "for my ", t)  # "a timer for me tea break"
    t = re.sub(r"^(?:sasa|haya|sawa) (?=[a-z])", "", t)  # Swahili "sasa" (now), said first
    t = re.sub(r"(?<=[a-z]) (?:at )?(?:the )?same time$", "", t) if re.search(r"\b(?:move|push|put|change|make)\b", t) else t  # "push it to Friday instead, same time"
    t = re.sub(r"^((?:and |so )?(?:what|which) time) it is\b", r"\1 is it", t)  # "what time it is in Monrovia now"
    t = re.sub(r"^((?:and |so )?(?:what|which) time) (?=now (?:in|over in|out in|down in|up in|there)\b)", r"\1 is it ", t)  # "what time now in Kathmandu"
    t = re.sub(r"\btank (?:yuh|you|u)(?: (?:mi|me|my)(?: love)?$)?\b", "thank you", t)  # Jamaican "tank yuh mi love"
    t = re.sub(r"^big up (?:yuhself|yourself|yuself|you)\b", "thanks", t)  # "big up yuhself, you're a star"
    t = re.sub(r"^(thank you|thanks|cheers|ta)(?: baby| love| darling| sugar| honey)?(?: so much| very much)?(?: eh)? (?:you (?:are|were|have been|real|really|so|such|a|an)|"
               r"you've been) [a-z' ]+$", r"\1", t)  # "thank you eh, you real helpful this morning"
    t = re.sub(r" an all$", " as well", t)  # Northern "stick cones on the van list an all"
    t = re.sub(r"^whereabouts (?=(?:is|are|does|do|did|was|were)\b)", "where ", t)  # "whereabouts is my sister living"
    t = re.sub(r"^(?:while|as) i am (?:driving|cooking|walking|out|in the car|on the road|on the bus|at work|on shift|working|busy|"
               r"thinking of it|on my break|in the shop|at the shop|out and about)\b ", "", t)  # "while I'm driving, make a note ..."
    t = re.sub(r"^((?:(?:no|ah|oh|sorry|actually|wait) )*(?:make|change) (?:it|that) .+?) only$", r"\1", t)  # "make it fifteen minutes only"
    t = re.sub(r"^who is (?:keeping|holding|minding|looking after) (?=(?:my|the|our) )", "who has ", t)  # "who is keeping my spare key"
    t = re.sub(r"\bthe morn(?:'s| is)? morn\b", "tomorrow morning", t)  # Scots: "the morn" is tomorrow
    t = re.sub(r"\bthe morn\b(?!ing)", "tomorrow", t)
    if len(t.split()) > 3:  # "how many more days till Easter Sunday, darling": said to the OS, not part of the request
        t = re.sub(r"(?<=[a-z])(?<!\bwater)(?<!\brain)(?<!\bcigarette)(?<!\bfag)(?<!\bgun)(?<!\brifle)(?<!\bthe)(?<!\ba) butty?$", "",
                   _CALLED_AFTER.sub("", t))  # Welsh "am I free on Saturday, butt", not a water butt
        t = re.sub(r" (?:my |me )?(?:ansum|babber|handsome)$", "", t)  # Cornish and Bristolian: "what's that wifi code, my 'ansum"
        t = re.sub(r" my (?:ansum|handsome|lover|bird)(?= (?:i|we|it|he|she|they|there)\b)", "", t)  # "say that again my handsome, I was on the radio"
        t = CALLED_MAN.sub("", t)
        t = re.sub(r"(?:(?<=\bnow)|(?<=\bthen)|(?<=\bplease)|(?<=\bthanks)|(?<=\bcheers)) (?:my|me) (?:son|love)$", "", t)
        # Newfoundland "how long is left on that now, me son" ("me" is "my" by now)
    t = _LIKE_FIRST.sub(r"\1", t)
    words = t.split()
    if len(words) > 4 and words[-1] == "like" and words[-2] not in _LIKED_BY and not _LIKED_BY.intersection(words[:-2]) \
            and not re.search(r"\b(?:what|how|which|does|did|would|looking|sort|kind)\b", t):
        t = " ".join(words[:-1])  # Irish and northern "... ten minutes before everything, like": said last, as "like" is said first
    led = _LEADING.sub("", t).strip()
    if led and _HEDGE_FIRST.match(led):  # "so um, just so you know, ...": the hedge after a leading word
        t = led
    for pattern, min_words in _HEDGES:
        hedged = re.sub(r"\s+", " ", pattern.sub(" ", t)).strip()
        if len(hedged.split()) >= min_words:
            t = hedged
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
    bare = _NO_THEN_ASK.sub("", bare)  # "no, move the bins one to nine": a correction said as a request
    bare = _said_shortly(bare)
    bare = _SAID_AGAIN_AFTER_DAY.sub(r"\g<b> \g<day>", bare)
    bare = _SAID_AGAIN.sub(r"\g<b>", bare)
    bare = _SAID_AGAIN_LAST.sub(r"\g<head>\g<b>\g<mid>", bare)
    bare = re.sub(rf"\b(?P<p>morning|afternoon|evening|night|tonight|tomorrow|today|{_DAYS}) (?P<t>{_HOURS}(?: thirty| fifteen| forty five| o'clock)?) "
                  rf"(?=to (?!(?:{_HOURS}|half|quarter|noon|midnight)\b)[a-z]|for |about )", r"\g<p> at \g<t> ", bare)  # "tomorrow evening six o'clock, no, make that seven to pick up the tyre"
    bare = _SAID_IN_PASSING.sub("", bare) or bare
    asked = _REMIND_ME_ASKS.sub("", bare)
    if asked != bare:  # "what my job is", "where i work": asked as questions are
        asked = re.sub(r"^(what(?: date| day| time)?|where|who|whose|which|how many|how old|how much) (.+?) (is|are|was|were)$", r"\1 \3 \2", asked)
        bare = re.sub(r"^(what|where|who|which) (i|we) (?=[a-z]+(?<!ed)\b)", r"\1 do \2 ", asked)
    if _JOB_WORDS.match(bare):
        bare = re.sub(r"\b(?:line of work|occupation|profession)\b", "job", bare)
    return fix_slips(bare)


def _ordinal(said: str) -> str:
    """ "twenty two" -> "twenty second", "four" -> "fourth": a day of the month said as a count."""
    *head, last = said.split()
    return " ".join([*head, ORDINAL_WORDS[int(parse_number(last))]])


def _out_of(m: re.Match) -> str:
    """ "X out of Y, how much remain": Y minus X, Y in X's thousands when only X said them ("120 thousand out of the 160")."""
    x, y = m.group("x"), m.group("y")
    for unit in ("thousand", "million", "hundred"):
        if x.endswith(unit) and not re.search(r"\b(?:thousand|million)\b", y) and not y.endswith(unit):
            y = f"{y} {unit}"
            break
    return f"what is {y} minus {x}"

_WORD = r"(?:(?!(?:the|a|an|my|it|that|this)\b)[a-z]+)"
_THIRD_PERSON = {"living": "lives", "working": "works", "staying": "stays"}
_BARE_VERB = {"studying": "study", "doing": "do", "working on": "work on", "teaching": "teach", "selling": "sell", "reading": "read",
              "living": "live", "staying": "stay", "working": "work", "swimming": "swim", "running": "run", "riding": "ride",
              "skating": "skate", "dancing": "dance", "shopping": "shop", "golfing": "golf"}
"""The bare verb of an "-ing" form whose stem is not the word less its "ing" ("swimming": swim, but "hunting": hunt)."""


def _said_shortly(t: str) -> str:
    """Requests said short, as Singapore and South Africa say them, once the words before them are gone."""
    t = re.sub(r"^(?P<x>(?:my|our) [a-z]+(?: [a-z]+)?),? where (?:(?:she|he|they) )?(?:is |are |does |do )?(?P<v>living|lives|live|staying|stays|stay|"
               r"working|works|work)\b.*$", lambda m: f"where does {m.group('x')} {_BARE_VERB.get(m.group('v'), m.group('v').rstrip('s'))}", t)
    # "my sister, where she is living again, I forget"
    t = re.sub(r"^(?:(?:oh|ok|okay|so|and|mais|aw|ah|well|aiyo|aiya|alamak|eish|ugh|no|nah|sorry) )*(?:(?:the|my|our) [a-z]+(?: [a-z]+)?(?: is| are| was| were| has| have|'s)|(?:she|he|it|they|we)(?:'s| is| are| has| have|'ve| needs| need| wants| want)|(?:(?:the|my|our|them|those) [a-z]+(?: [a-z]+)? (?:still|too|so|not|getting))|(?:i am|i'm|we are) on the (?:road|bus|train|phone|way)|(?:they|he|she) (?:sms |text |texted |messaged |emailed |called |rang )?(?:say|says|said))"
               r" [a-z' ]+? (?=(?:pause|stop|hold|cancel|move|push|shift|add|set|start|"
               r"delete|remind|put|give|chuck|stick|bung|mark|archive|forward|take (?:[a-z]+ )?(?:minutes?|hours?) off)(?: (?:the|my|it|that|all|me|another|an extra)\b)|"
               r"(?:make|change) (?:that|it) [a-z])", "", t)  # "the firebox is dying down, pause the ribs a minute": the reason said first
    t = re.sub(r"^(?:okay |ok |and )*(?P<v>send|delete|archive) (?P<x>that|it|this)(?: one)? (?:also|too|as well)$", r"\g<v> \g<x>", t)  # "okay send that also"
    t = re.sub(r"^what (?:have i got|do i have|do i got|i got|i have) (?:for|in|as) (?:e ?mails?|mails?)(?: today| now)?$", "what emails do i have", t)
    # "what do I got for emails"
    t = re.sub(r"^(?:so )?when (?:it is|is it) now$", "when is it now", t)  # "when it is now"
    t = re.sub(r"^(?:okay |ok |and )*(?P<x>(?:the|my) [a-z]+(?: [a-z]+){0,3}?(?: on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow))?) "
               r"(?P<v>cancel|delete)(?: it)?(?: please)?$", r"\g<v> \g<x>", t)  # Polish English "and the gym on Friday cancel please"
    t = re.sub(r"^(?:the )?(?P<n>[a-z]+(?: [a-z]+)?) how (?:long|much time) (?:still|more|left)$", r"how long left on the \g<n>", t)  # "the broth how long still"
    t = re.sub(r"^(?P<x>[a-z]+(?: [a-z]+)?) (?:i|we) (?:have|got|have got) (?:already|enough|plenty)(?: at home)? (?:remove|take off|delete|cross off|take out) (?:it|them)$",
               r"take the \g<x> off the list", t)  # Vietnamese English "ginger I have already, remove it"
    t = re.sub(r"^(?P<e>.+?) is how much$", r"how much is \g<e>", t)  # "one hundred twenty bowl times forty five thousand is how much"
    t = re.sub(r"^(?:sorry |no |oh )*not (?P<a>monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?P<b>monday|tuesday|wednesday|thursday|"
               r"friday|saturday|sunday)$", r"no make it \g<b>", t)  # "sorry not Saturday, Sunday"
    t = re.sub(r"^too (?:long|short|much|early|late) (?=change|make|move|set)", "", t)  # "aiyo, too long, change to three minute"
    t = re.sub(r"^change to (?=[a-z0-9])", "change it to ", t)
    t = re.sub(r"^(?P<d>today|tomorrow|tonight|(?:on |next |this )?[a-z]+day) (?:i |we )?(?:got|have|has) (?P<x>.+?),? (?:please )?"
               r"(?:put|add|save|stick|write)(?: it)? (?:in|on|into|to) (?:the |my )?(?:calendar|diary)(?: please)?$", r"add \g<x> \g<d> to my calendar", t)
    # Singlish "tomorrow got Kinabalu park tour at seven in the morning, put in calendar"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: (?!also\b|too\b)[a-z]+)?)(?: also| too)? (?:shift|shifted|kena shift|change|changed|postpone|postponed) (?P<w>to|till) (?P<y>.+?)(?: already| liao)?$",
               r"move \g<x> \g<w> \g<y>", t)  # Singlish "the tour shift to eight already"
    t = re.sub(r"^(?:so )?(?P<x>the|my) alarm (?:also |too )?(?:make(?: it)?|change to|set to) (?=[a-z0-9])", r"change \g<x> alarm to ", t)  # "so the alarm also make six"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+)?) (?P<v>move|push|shift|cancel|delete) it\b", r"\g<v> \g<x>", t)  # "the MOT, move it to Wednesday"
    t = re.sub(rf"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+)?) make it (?=(?:{NUMBER_WORDS_RE})(?: minutes| hours)?$)", r"make \g<x> ", t)
    # "the cornbread, make it thirty": a timer's new length
    t = re.sub(r"^(?P<n>[a-z]+(?: [a-z]+)?) one how long (?:more|left|still)$", r"how long left on the \g<n>", t)  # "chicken rice one how long more"
    t = re.sub(r"^(?:[a-z]+ ){1,2}one (?=(?:delete|bin|archive|trash|junk) it$)", "", t)  # "spam one, delete it"
    t = re.sub(r"^(?P<x>[a-z]+(?: [a-z]+)?) take (?:out|off)(?: lah)?(?= |$)", r"take off the \g<x>", t)  # "cockles take out lah"
    t = re.sub(r"^how many days remain(?:ing)? (?=till|until|to|before)", "how many days left ", t)
    t = re.sub(r"^(?:the |my |our )(?P<x>[a-z]+(?: [a-z]+){0,2}) what is the (?P<y>code|password|pin|number|address|name)(?: again| for it| then)?$",
               r"what is the \g<x> \g<y>", t)  # "the lodge wifi, what's the code again"
    t = re.sub(r"^what is the (?P<y>number|address) of (?P<w>my|our) (?P<x>[a-z]+(?: (?!then$|again$)[a-z]+)?)(?: then| again)?$",
               r"what is \g<w> \g<x> \g<y>", t)  # "what's the number of my locker then"
    t = re.sub(r"\b(your|his|her|my|their|[a-z]+'s) good name\b", r"\1 name", t)
    t = re.sub(r"\boor\b", "our", t)  # Scots "oor Jean's bringing a loaf"
    t = re.sub(r"^(?:the|my|our|that) (?P<n>[a-z]+(?: [a-z]+)?) (?:needs|need|wants|could do with|could use) (?:a bit |a little |a wee bit |a touch )?"
               r"(?:longer|more time|more) (?:so )?(?:give it|add|put) ", r"give the \g<n> ", t)  # "the chicken needs longer, give it ten more minutes"  # Indian English "what is his wife's good name"
    t = re.sub(r"\b(minutes|minute|hours|hour|seconds) (?:all told|in all|all in|total|in total)$", r"\1", t)  # "make the roux thirty minutes all told"
    t = re.sub(r"^how (long|much time) (?:that|the|my|them|those) (?P<x>[a-z]+(?: [a-z]+)?) (?:got|have got|has got|has) (?:left|to go)$",
               r"how \1 has the \g<x> got left", t)  # Cajun "how long that gumbo got left"  # "how many days remain till Easter"
    t = re.sub(r"^where (?P<s>my [a-z]+|[a-z]+) (?P<v>working|living|staying)\b", r"where is \g<s> \g<v>", t)  # "where my cousin working ah"
    return re.sub(r"^(?P<x>(?:no )?(?:(?:half|quarter|[a-z]+) (?:past|to) [a-z]+|[a-z]+ (?:thirty|fifteen|forty five|o'clock))) "
                  r"(?:is enough|will do|is fine|is better|is plenty)$", r"\g<x>", t)  # "ag no, half past five is enough"


def _drop_polite(t: str) -> str:
    for _ in range(2):  # "please could you ...": the second pass finds "could you" at the start
        t = re.sub(r"\s+", " ", _POLITE.sub(" ", t)).strip()
    return t


_UNIT_AHEAD = rf"(?=(?:an?|half|{NUMBER_RE})(?: and a half)? ?{UNIT_RE}\b|an? hour|half an hour)"


def fix_slips(t: str) -> str:
    """Common recognition slips: "four"/"two" for "for"/"to", "time" for "timer", compounds split in
    two ("grand mother"), "and" for "add" before a list or the calendar, "do not" for "do I", "a"/"that" for "the"."""
    t = re.sub(rf"\b(?:four|4) {_UNIT_AHEAD}", "for ", t)
    t = re.sub(rf"(?<!half )(?<!at )(?<!past )(?<!to )(?<!till )(?<!until )(?<!by )(?<!from )(?<!for )\b(?:four|4) "
               rf"(?=(?:tomorrow|tonight|today|next|this|noon|midnight|{WEEKDAY_RE})\b)", "for ", t)
    t = re.sub(r"\b(?:four|4) (?=(?:at )?\d{1,2} ?(?:am|pm|o'?clock)\b)", "for ", t)
    t = re.sub(rf"\b(remind me|reminder|remember|going|want|need|have|forget) (?:two|too|2) (?!{_UNIT_AHEAD[3:-1]})(?!(?:hundred|thousand|dozen|million)\b)"
               r"(?!(?:kids|children|sons|daughters|boys|girls|grandchildren|grandkids|brothers|sisters|dogs|cats|cars|jobs)\b)(?=[a-z])",
               r"\1 to ", t)  # "have two children" stays two
    t = re.sub(r"\b((?:set|start|make|begin)(?: me)?(?: a| an| the)?) time (?=for|of|called|named|\d)", r"\1 timer ", t)
    t = re.sub(r"\btimes\b(?= (?:for|left|remaining)\b)", "timer", t)
    t = re.sub(r"\bhalf (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])\b(?! (?:hours?|minutes?|seconds?|days?|weeks?)\b))",
               "half past ", t)  # British "half four" is 4:30
    t = re.sub(r"\bto do\b", "to do", t)
    t = re.sub(r"\barvo\b", "afternoon", t)  # "Friday arvo"
    t = _COMPOUNDS.sub(lambda m: next(g for g in m.groups() if g), t)
    t = re.sub(rf"^(?:and|an|ad) (?={_ADDED_TO})", "add ", t)
    t = re.sub(r"^an (?=add\b)", "and ", t)  # "an add thyme to that too"
    t = re.sub(r"^do not (?=(?:have|got) any\b)", "do i ", t)
    t = re.sub(r"^what is (?:a|at|that|to) (?=(?:date|time)\b)", "what is the ", t)  # "the" heard as another small word
    return re.sub(r"\s+", " ", t).strip()


# "and milk to my shopping list": "add" heard as "and", where the words that follow are a thing and
# where it goes (no other verb, no subject, no question), which is how nothing but "add" goes on.
_ADDED_TO = (r"(?!(?:add|put|stick|pop|throw|write|jot|include|take|move|book|schedule|pencil|also|then|so|but|now|yes|no|oh|and|well|"
             r"i|you|he|she|it|we|they|that|this|there|these|those|me|him|her|them|us)\b)"
             r"(?!.*\b(?:what|which|how|when|where|why|who|is|are|was|were|be|been|am|(?<!to )do|does|did|has|had|have|will|would|"
             r"can|could|should|goes|went|go|came|come|sent|send|wrote|said|told|got|get|anything|any|else|read|tell|show|"
             r"check|from|off|out of|add|put)\b)"
             r".+ (?:to|onto|on to|on) (?:my|the|our) (?:[a-z]+ ){0,2}(?:list|calendar|diary)\b")

# Compounds that recognisers write as two words, where the two words mean nothing else.
_COMPOUNDS = re.compile(r"\b(grand) (?=(?:mother|father|parent|son|daughter|child|kid|ma|pa|mum|dad)s?\b|children\b)|"
                        r"\b(proof) (?=read(?:s|ing)?\b)|\b(to) (?=morrow\b)")
