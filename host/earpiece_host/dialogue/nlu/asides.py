"""Reasons and asides said in the same breath as a request.

People explain themselves: "pause the pasta, the hob's just gone off", "cancel pilates tomorrow,
I've hurt my back", "Sarah's poorly, so cancel coffee with Sarah", "since the plumber's coming at
nine, could you move yoga to eleven". The recogniser writes no commas, so the rules either see no
request at all or take the reason into a slot ("pilates I have hurt my back"). Here a reason is
found by how clauses start (a subject and a verb: "it is", "I have", "the hob's"; "so you can",
"could you" after one) and the request is understood without it.

Three things are changed: an utterance understood as nothing at all; one understood only loosely,
when a reason said first is followed by a request ("my car has broken down so cancel lunch" is no
fact to keep); and one whose words without a trailing clause are a request that can never hold one
(a timer, an event to move or cancel, a fact to forget). A note, a reminder or a letter keeps every
word ("remind me to tell Tom I'm running late").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from ..normalize import ASKED_KINDLY, CALLED_MAN
from .common import Parse

CLAUSE_START = re.compile(
    r"^(?:i (?:am|have|had|will|would|did|do not|cannot|could not|got|just|think|need|was|was not|picked|forgot|forget|want to|would rather|must|should|still|"
    r"slept|overslept|woke|left|went|came|ran|fell|broke|lost|[a-z]{3,}ed (?:late|early|in|up|out|off|it|them|the|my|already))\b|"  # "I slept late", "I finished early"
    r"(?:just )?(?:rang|called|did|done|got|bought|paid|sorted|fixed|booked|sent|had|finished|texted|emailed) (?:him|her|them|it|that|one|some)\b|"
    # "... (just) rang him": done, said without "I" ("just" is gone by now, as politeness)
    r"(?:it|that|this|there|he|she) (?:is|has|was|will|looks|seems|sounds|needs|takes|wants)|(?:that|this) one (?:is|was) |(?:the|my|our) [a-z]+ (?:too |real |so |very )?(?:hot|cold|full|dead|slow|fast) (?:bad|too|now|already)\b|(?:we|they|you) (?:are|have|had|will|were)|"
    r"(?:got|done|finished|sorted|found|bought|fixed|mended|paid) (?:it|them|that|those) (?:now|already|myself|ourselves)|got (?:some|plenty|heaps|loads|one|two|a few)\b|"
    r"(?:(?:the|my|our) [a-z]+|them|dem|they) (?:still|too|so|real|very|not|getting)(?: so| too| very)? (?:hard|soft|raw|cold|hot|wet|dry|ready|done|full|empty|runny|tough|watery|pale|bland|"
    r"pink|frozen|thick|thin|salty|burnt|crispy|lumpy|soggy|undercooked|gooey)\b|"  # "the peas still hard", "the pot too full": the verb "to be" not said
    r"(?:it|they|he|she) [a-z]{3,}ing (?:fast|slow|quick|too|so|already|now|nicely|well|over|up|down)\b|"  # "it rising fast in this heat"
    r"(?!(?:what|which|who|where|how|when|that|this|it|there)\b)[a-z]+ (?:is|are) (?:done|ready|cooked|finished|burnt|burned)\b|"  # "scones are done, cancel that one"
    r"(?:my|our|his|her) [a-z]+ (?:he|she|they) (?!(?:is|are|was|were)\b)[a-z]+\b|"  # "remove the date paste, my brother he bring it"
    r"i [a-z]{3,}ing (?:them|it|the|now)\b|"  # "I fishing them out now"
    r"(?:i|we|he|she|they) (?:start|starts|finish|finishes|leave|leaves|clock on|clock in|clock off|begin|begins|open|opens) "
    r"(?:at|work|the|my|our|his|her|early|late)\b|"  # "wake me at quarter to five, I start at the elevator at six"
    r"(?:the|my|our) [a-z]+ [a-z]{3,}ing (?:early|late|in|over|round|back|now|today|tomorrow|it|them|some|one)\b|"  # "the lorry coming early"
    r"(?:the|my|our) [a-z]+(?: (?!(?:it|he|she|they|we|i|you|that|this)\b)[a-z]+)? (?:is|are|was|were) (?!going to\b)[a-z]{3,}ing\b|"
    # "the German family is asking to come late"
    r"(?:that|this|the|my|our) [a-z]+ (?:is|are|was|were) not (?:[a-z]+ )?(?:ready|done|dark|brown|cooked|enough|right|soft|thick|set|hot)\b|"  # "that roux ain't dark enough yet"
    r"(?:the|my|our) [a-z]+(?: [a-z]+)? (?:is|are) (?:in |on )?(?:there|in it|on it|in that one)\b|"  # "search my notes for Ceneco, the account number is there"
    r"(?:my|our) [a-z]+ (?:drinks|eats|likes|loves|wants|needs|takes|uses) (?:nowt|nothing|owt|no|none|only|just)\b|"  # "our lass drinks nowt else"
    r"(?:the|my|our|his|her) [a-z]+ (?:gave|got|brought|sent|bought|left|took|made|found) (?:me|us|him|her|them|it|some|one|a)\b|"
    # "my cousin gave me a bucket"
    r"(?:i|we|they|you|he|she)'(?:m|ve|re|ll|d|s) |(?:he|she|they|we|you) (?:cannot|can not|could not|will not|does not|do not) |"
    r"(?:he|she|they|we) (?:does|do|did) (?:still |always |usually |never |really )?(?:be|have|work|go|get|need|want|come)\b|"  # "she does still be at work"
    r"(?:he|she|they|it) (?:does|do) (?!not\b)[a-z]+ (?:the|a|my|our|his|her|them|it)\b|"  # Caribbean "she does guard the drying house"
    r"(?:i|we|they|he|she) (?:only |just |already |never |only just )?"
    r"(?:[a-z]{2,}ed|bought|got|did|done|went|made|found|ran|rang|rung|sent|spoke|wrote|left|took|saw|said|told|gave|forgot|came|put|grew|ate|"
    r"drank|had|threw|broke|lost|sold|won|paid|already) |"
    r"(?:the|my|our) [a-z]+ (?:shuts|closes|opens|starts|finishes|ends|leaves|arrives|runs|goes|needs|does not|doesn't|do not|don't|will not|won't|"
    r"is not|isn't|cannot|can't|can|will|should|must) |"
    r"(?:can not|cannot|could not|will not|did not|do not) (?:get|make|find|go|be|see|come|park|afford|face|manage|stand|want to be)\b|"
    r"(?!(?:the|a|an|some|my|our|and|or|to)\b)[a-z]+ (?:used|ate|finished|drank|says|said|took) (?:the|up|all|it|that|there|some|we|they|he|she) |"
    r"(?!(?:the|a|an|some|my|our|and|or|to|please|just)\b)[a-z]+ (?:already |just )?(?:gave|brought|sent|bought|got) (?:(?:us|me|him|her|them) )?"
    r"(?:a|an|some|loads|plenty|heaps|the)\b|just (?:done|been|had|finished|picked|bought|got back)\b|(?:done|did|finished) (?:the|my|our) [a-z]+|"
    # "nan gave us a whole bag"
    r"(?:the|my|me|our) [a-z]+'s [a-z]{2,}ing?\b|"  # "the light's bidin' later now", "me head's banging"
    r"(?:the|my|me|our) [a-z]+(?:'s| is) (?:red |piping |white |roasting |boiling |far too |way too |too |so |very |really )?"
    r"(?:hot|cold|full|ready|done|smoking|spitting|burning|boiling)\b|"  # "knock ten minutes off that, the oven's red hot"
    r"that is (?:the|my|our) [a-z]+ (?:ready|done|finished|cooked|sorted|in|on|out)\b|that is me (?:back|here|home|in|out|done|finished|off)\b|"
    # Scots "that's the soup ready, ye can cancel that one", "right, that's me back, start it again"
    r"(?:he|she|they) (?:pay|paid|give|gave|bring|brought|send|sent|fix|fixed|do|did) (?:me|us|it|them)\b|"  # "delete that note, he pay me already"
    r"(?:the|my|our) [a-z]+'s (?:a bit|a little|a wee bit|quite|really|very|too|so|still|always|never) [a-z]+|"  # "the oven's a bit slow"
    r"(?!(?:the|a|an|some|my|our|and|or|to|it|that|this|what|who|which)\b)[a-z]+ (?:needs|wants|has got|is having) (?:the|a|an|to|some|his|her|them|it|him|us|me) |"
    r"(?:(?:the|half the|my|our|his|her|mr|mrs|miss|ms|dr|auntie|uncle) (?:[a-z]*[^s\W] (?!(?:she|he|it|that|there|this|who|what)'s))?)?[a-z]+'s (?:been|just|gone|off|back|poorly|ill|sick|coming|not|on|in|out|away|shut|open|"
    r"late|early|broken|cancelled|canceled|finished|done|working|got|had|asked|rung|rang|said|called|booked|closed|still|going|fine|better|sorted|"
    r"meant|supposed|due|fixin|fixing|fell|woke|crying|greetin|"
    r"fixed|healed|mended|okay|ok|alright|"
    r"running|stuck|moved|changed|over|busy|free|here|kept|got|taken|lost|broken|left|run|come|done|made|thrown|sold|fallen|after|about|"
    r"shot|terrible|awful|useless|rubbish|hopeless|wrong|no|"
    r"[a-z]{2,}[^e\W]ed|[a-z]{2,}ing)\b|"
    r"(?:[a-z]+ )?(?:van|bus|train|boat|ferry|taxi|lift|car|flight|coach) (?:is )?(?:coming|running|going|arriving) (?:late|early|slow)\b|"  # "school van is coming late"
    r"(?:(?:the |my |our )?(?:[a-z]+ )?(?!(?:it|he|she|they|we)\b)[a-z]+|it|he|she|they|we) (?:got|was|has been|have been|is being) (?:moved|cancelled|canceled|changed|pushed back|"
    r"put back|brought forward|rescheduled|called off)\b|"
    r"(?:the|my|our|his|her|your) (?:wee |little |big |baby |old |young )?[a-z]+ (?:is|has|are|have|was|were|asked|said|says|wants|want|called|rang|broke|needs|need|thinks|think|"
    r"cannot|can not|will not|could not|"
    r"keep|keeps|always|never|had|got|just|already)\b|i (?:always|never|keep|can never|could never) |"
    r"(?:they|we) (?:always |usually |only |never |often |normally )?(?!are\b|have\b|had\b|will\b|were\b)[a-z]{3,} (?:early|late|on|at|in|every|the|our|my|it|them)\b|"
    r"(?:we|they|you) (?:still|already|just) (?:have|got|need|are)\b|"  # "we still have half bag"
    r"(?:the|my|our|his|her) (?:[a-z]+ )?[a-z]+'s (?:at|outside|downstairs|upstairs) (?:the|my|our|his|her|your|a)\b|"  # "the delivery guy's at the back door"
    r"wrong (?:patient|person|one|number|day|date|time|address|name|bed|room|house|client|customer|job|file|list) ?$|"  # "delete that note, wrong patient"
    r"(?:the|my|our) [a-z]+ (?:finish|finished|done|gone|dead|run out)\b|"  # St Lucian "the gas finish"
    r"i (?:read|do|check|look at|deal with|sort|answer) (?:it |them )?later\b|"  # "I read later with ma'am"
    r"so (?:that )?(?:i|we) (?:can|could) [a-z]+\b|"  # "so I can cover the night shift"
    r"(?:the|my|our) [a-z]+ (?!(?:we|they|you|i|he|she|it)\b)[a-z]+ (?:is|are|was|were) (?:paid|done|sorted|fixed|finished|gone|here|in|out|"
    r"already|all)\b|"  # "the harbour fees are paid"
    r"(?:he|she) (?:always |usually |only |never |often |normally )?[a-z]{2,}s (?:early|late|on|at|in|every|the|our|my|it|them)\b|"
    r"(?:the|my|our|his|her|this|that) (?:old |new |little )?[a-z]+ (?:always |usually |only |never |often |normally )?[a-z]{2,}s (?:early|late|hot|cold|fast|slow)\b|"
    r"(?:a|an|the|some|my|our) [a-z]+ (?:went|came|drove|flew|roared|rumbled|passed|goes|comes|is going|was going) (?:past|by|over)\b|"
    r"(?!(?:the|a|an|my|our|and|or|to|it|that|this|what)\b)[a-z]+ (?:runs|goes|finishes|starts|ends|closes|opens|shuts|overruns) "
    r"(?:late|early|over|on|till|until|at)\b|"
    r"(?!(?:the|a|an|my|our|and|or|to|it|that|this|what|please|just)\b)[a-z]+ (?:already|just) (?:[a-z]{2,}ed|done|did|got|had|"
    r"bought|fixed|sorted|gone|been|left|sent|paid|rung|rang) |"
    r"i (?:want|need|have|am going|would like|am trying) to (?:ring|call|phone|text|see|catch|get|speak)\b|"
    r"i go (?:look|check|do|call|read|see|reply|answer|sort|buy|deal|fix|handle|pay)\b|"
    r"i (?:get|buy|find|pick up) (?:some|it|them|one|a few)\b|"  # Bajan "I get some from me cousin": got
    r"(?:it|that|this|them|dem|mommy|mummy|mom|mum|mama|granny|daddy) (?:done|finish|finished|buy|bought|ready|cooked|gone) "
    r"(?:already|now|everything|it|them|all)\b|"  # "it done already", "mommy buy everything": the verb "to be" or the past not said
    r"(?:me|mi) (?:done|did|already|just|nuh|nah|a go|gone|finish|finished|order|ordered|buy|bought|get|got|have|tell|call|pay|paid|"
    r"almost|nearly|need|run|ran|out) |"
    r"(?:it|dem|them|they|he|she) (?:not|nuh|no|nah) (?:ready|done|cooked|finish|finished|come|here)\b|"
    r"(?:everything|all|it|dem|them)(?: there| on it)? (?:don|done) (?:finish|finished|do|buy|pay|sort)\b|"  # Pidgin "everything there don finish"
    r"(?:the|my) [a-z]+ (?:confirm|sure|definitely|very|damn|so) (?:bad|jam|late|slow|full|busy|packed)\b|"
    r"(?:the|my|our) [a-z]+ (?:busy|sick|away|off sick|closed|full|booked) ?$|"  # Grenadian "move that to Thursday, the mechanic busy"  # Singlish "the jam confirm bad"  # "it nuh ready yet"
    r"(?:somebody|someone|some one|nobody|there)'s (?:at|here|outside|coming|on)\b|must (?:go|be|get|leave|catch|see|take|pick)\b|"
    r"sure (?:i|we|you|it|he|she|they|that|there)(?:'ll|'m|'s|'re| will| am| is| was| do| did| have| can)? |(?:i|we|they|he|she|it) (?:ain't|aint|ent) |"
    r"(?:my|the|our) [a-z]+ (?:is )?(?:calling|ringing|phoning|waiting|crying|here) ?$|"  # "my son calling"
    r"(?:the|my|our) [a-z]+ (?:ain't|aint|isn't|aren't|won't|wasn't|weren't) |"  # "the boats ain't going out"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow)(?:'s| is| was) (?:my|our|the|no|not|a|bad|busy|full)\b|"
    # "Tuesday is my cash and carry day", "Thursday's no good"  # Jamaican "me" for I: "me done it already"
    r"(?!(?:the|a|an|my|our|and|or|to|it|that|this|what|i|you|we|they|he|she)\b)[a-z]+ (?:will not|does not|cannot|can not|did not|never) "
    r"(?:touch|eat|like|drink|want|need|be|come|go|have|wear|fit)\b|"
    r"(?:the|my|our|his|her) [a-z]+ [a-z]{3,}ed (?:the|it|them|a|my|our|his|her)\b|"
    r"(?:the|my|our) [a-z]+ (?:shut|cut|went|turned|switched|broke|conked|packed) (?:off|out|down|up|in)\b|"  # "the oven shut off on me"
    r"(?!(?:the|a|an|my|our|and|or|to|it|that|this|what|i|you|we|they|he|she|about)\b)(?:(?:peerie|wee|little|young|old|big) )?[a-z]+ "
    r"(?:fixed|mended|sorted|repaired|cleared|emptied|replaced) (?:it|them|that|those) |"  # "peerie Magnus fixed it"
    r"the (?:boat|bus|train|ferry|flight|plane|tide|van|lorry|truck|coach) (?:is )?(?:leaving|going|coming|getting in|arriving|due)\b|"
    r"(?:table|room|bed|bay|ward|gate|platform|flat|car|class|year) (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+) "
    r"(?:is|are|has|have|want|wants|need|needs|is not|are not|just) |"
    r"so (?:that )?(?:i|we) (?:remember|do not forget|can find it|know|see it|can see it)\b|"
    r"(?:nobody|no one|everyone|everybody|somebody|someone) |(?:somebody|someone|there|everyone|everybody)'s |"
    r"the (?:traffic|roads?|weather|trains?|buses|bus|rain|snow|queue|queues) |because |cos |since |as i |while (?:i|we) |(?:till|until) (?:i|we) )")
"""A new clause: a subject and its verb ("it is", "the hob's gone", "I have"), or "because"."""

_EXCLAIMED = re.compile(r"^(?:(?:no|nah|naw|yes|yeah|aye|och|ach|oh|well|right|shoot|damn|dang|blimey|crikey|gosh|ugh|argh) )+")
"""Words said before a reason, not part of it."""
_GOES_ON = re.compile(r"^(?:my|the|our|a|an|his|her|their|your|some|any)\b")
_UNFINISHED = re.compile(r"\b(?:not|do|did|does|will|would|can|could|have|had|am|is|are|was|were|my|the|a|an|our|his|her|their|your|"
                         r"to|of|for|in|on|at|with)$")
"""How the words before a request begin (_GOES_ON) or end (_UNFINISHED) when they are no whole clause yet."""

_JOIN = re.compile(r"^(?:no )?(?:and )?(?:so )?(?:please )?(?:(?:can|could|would|will) you |you can |you could |can we |could we )?(?:please )?")
"""What joins a reason said first to the request after it: "..., so you can call off the kickoff", "..., no, move it to ten"."""

ASIDE_FREE = frozenset({
    "timer.set", "timer.add", "timer.modify", "timer.cancel", "timer.pause", "timer.resume", "timer.status",
    "alarm.set", "alarm.modify", "alarm.cancel", "alarm.list", "calendar.move", "calendar.cancel",
    "list.remove", "list.clear", "email.archive", "email.delete", "email.mark", "email.next", "email.previous",
    "note.delete", "note.find", "memory.forget", "memory.recall", "reminder.cancel", "reminder.modify", "time.now", "date.until",
    "email.read", "email.undo"})
"""Requests whose slots name a thing or a time and never hold a clause of the user's own words."""

WORDY = frozenset({"reminder.set", "note.add", "memory.remember", "letter.dictate", "letter.start", "email.compose", "email.reply",
                   "calendar.add", "list.add"})
"""Requests whose slots hold the user's own words, any clause among them."""

_MIN_WORDS = 2
_JOINS_A_CLAUSE = frozenset({"what", "where", "when", "who", "which", "how", "why", "if", "whether"})


def starts_a_reason(words: str) -> bool:
    """Whether words said after a request's moment are a reason, not more of what to do: "... at two,
    they only pick up in the afternoon", "... at eight, the pony's lost a shoe"."""
    return bool(CLAUSE_START.match(words + " ") or re.match(
        r"^(?:(?:because|cos|as|since) )?(?:they|he|she|it|we|i|you|there)(?:'[a-z]+)? [a-z]+ [a-z]", words))


def before_own_clause(words: list[str], first: int = 1) -> list[str]:
    """The words before a clause with a subject of its own, from word `first` on: "change daffodils to
    tulips | it's the tulips that are up", "we live in Tauranga | I keep forgetting"."""
    cut = next((i for i in range(first, len(words)) if re.match(r"(?:i|we|you|he|she|they|it|there)\b", words[i])
                and words[i - 1] not in _JOINS_A_CLAUSE and starts_a_reason(" ".join(words[i:]))), len(words))  # "where I parked" stays
    return words[:cut]


def _head(words: list[str], i: int) -> str:
    """The words before a clause, without a first "and", a last "actually" ("scratch bananas actually, mum's bringing some")
    or a last "would ya" or "man" ("read that again would ya, I was pulling out of the rank")."""
    head = re.sub(rf"^(?:(?:and|oh|also|so) )+| (?:actually|then|anyway|though|already|eh|{ASKED_KINDLY})$", "", " ".join(words[:i]))
    return CALLED_MAN.sub("", head)


_NEVER_LAST = frozenset({"the", "a", "an", "my", "our", "your", "his", "her", "their"})
"""Words a request never ends on, so a reason never starts right after them ("delete the one about the | pump, sorted it myself");
a preposition may end one ("who is Imran married to, I always forget", "the one about the walk in, it's sorted")."""


_TAKES_AN_OBJECT = frozenset({"on", "onto", "to", "for", "from", "into", "at", "with", "about"})


def _starts(words: list[str]) -> Iterator[int]:
    """Word positions where a clause starts, left to right, leaving `_MIN_WORDS` before it."""
    for i in range(_MIN_WORDS, len(words)):
        if words[i - 1] in _JOINS_A_CLAUSE or words[i - 1] in _NEVER_LAST:
            continue  # "forget where I parked", "what I told you": the clause belongs to the request; "the one about the | pump"
        if words[i - 1] in _TAKES_AN_OBJECT and words[i] in _NEVER_LAST:
            continue  # "stick another two minutes on | the black pudding, it's still cold": "the black pudding" is what it goes on
        if CLAUSE_START.match(" ".join(words[i:i + 5]) + " "):
            yield i


def _named_in_reason(request: Parse, reason: str) -> Parse:
    """The request, with the thing the reason named for its "that": "aunty's bringing the pumpkin, take that off"."""
    named = re.search(r"\b(?:the|my|our|some) (?P<y>[a-z]+(?: [a-z]+)?)$", reason)
    if request.intent == "list.remove" and request.slots.get("item") in ("that", "it", "them", "those", "that one") and named:
        return replace(request, slots={**request.slots, "item": named.group("y")})
    return request


def _before_a_reason(words: list[str], understand: Callable[[str], Parse]) -> Parse | None:
    """The request said before a reason: "pause the pasta | the hob's gone off"."""
    for i in _starts(words):
        for said in dict.fromkeys((" ".join(words[:i]), _head(words, i))):  # "oh and loo roll" after a list, else "loo roll"
            head = understand(said)
            if head.intent != "fallback":
                return head
    return None


def without_aside(t: str, parse: Parse, understand: Callable[[str], Parse]) -> Parse:
    """`parse` of normalised `t`, or the request understood without a reason said before or after it."""
    words = t.split()
    if len(words) <= _MIN_WORDS + 1:
        return parse
    taken_back = re.match(r"^(?:scrap|scratch|forget|strike|ignore|disregard) (?:that|it|what i (?:just )?said) (?P<rest>.+)$", t)
    if taken_back and parse.intent in ("fallback", "conversation.cancel"):  # "scrap that, I've just started at the council"
        rest = taken_back.group("rest")
        instead = without_aside(rest, understand(rest), understand)  # "forget it, cancel all of them, we're getting a takeaway"
        if instead.intent != "fallback":
            return instead
    if parse.intent == "fallback":
        head = _before_a_reason(words, understand)
        if head is not None:
            return head
    if parse.intent == "fallback" or not parse.confident:  # "my car has broken down so cancel lunch" is no fact to keep
        for i in range(1, len(words) - 1):  # "sarah's poorly so cancel coffee with sarah"
            said_first = " ".join(words[:i])
            rest = " ".join(words[i:])
            said_first = _EXCLAIMED.sub("", said_first)  # "no, it's a scam, just bin it", "oh shoot, she just texted, ..."
            conditional = said_first.startswith("if ")  # "if I do that run six times, what's thirty eight times six"
            if not CLAUSE_START.match(said_first + " ") and not re.match(r"^(?:since|because|as|cos|now that|if) ", said_first):
                continue
            joined = _JOIN.match(rest)
            if not joined.group(0).strip() and not conditional:
                if _GOES_ON.match(rest) or _UNFINISHED.search(said_first):
                    continue  # "I don't | need my osteopath appointment", "I don't need | my ...": the clause goes on
                said_by = re.search(r"\b(?:says|said|reckons|thinks)\b", said_first)  # "her mammy says Thursday's no good, move it ..."
                if not said_first.endswith(" so") and len(said_first.split()) > (8 if said_by else 5) and not re.match(
                        r"(?:what|where|when|who|which|how)\b|(?:make|move|change|push|shift) (?:it|that)\b|(?:add|put|stick|pop|chuck) (?!it\b|that\b)|"
                        r"(?:stick|put|pop|move) (?:it|that) (?:in|into|to) |(?:bring|fetch|get|put) (?:it|that) back\b|(?:delete|archive|bin|send) (?:it|that)\b|"
                        r"mark (?:it|that) (?:as )?(?:read|unread)\b",
                        rest):
                    # "I'll still be at school, make it ...", "I'm fixing to go to the store, add grits ...", "..., stick it in the archive"
                    continue  # a long reason said first is followed by "so", "could you", "you can" ...
            tail = understand(rest[joined.end():])
            if tail.intent == "fallback":  # "this one is from head office, mark it unread, I will check after lunch": a reason on each side
                tail = _before_a_reason(rest[joined.end():].split(), understand) or tail
            if tail.intent != "fallback" and tail.confident:
                if tail.intent == parse.intent and set(tail.slots) < set(parse.slots):
                    return parse  # "I don't need my osteopath appointment on Tuesday, so delete the booking": said twice, once in full
                return _named_in_reason(tail, said_first)
        if parse.intent == "fallback" or parse.intent in WORDY:
            return parse
    if parse.intent not in WORDY | ASIDE_FREE or parse.intent == "timer.set":
        # "I can't make that, cancel my dentist appointment": no question about the day; "the packet says ten, make the
        # pasta one ten minutes": no new timer
        for i in range(2, len(words) - 1):
            said_first, rest = " ".join(words[:i]), " ".join(words[i:])
            if not CLAUSE_START.match(said_first + " "):
                continue
            tail = understand(rest[_JOIN.match(rest).end():])
            if tail.intent in ASIDE_FREE and tail.confident and tail.intent != parse.intent:
                return _named_in_reason(tail, said_first)
    if parse.intent in ASIDE_FREE:  # "oh Hilary's just texted, book club's moved to Friday": the same request, without who said so
        for i in range(2, len(words) - 2):
            said_first, rest = " ".join(words[:i]), " ".join(words[i:])
            if CLAUSE_START.match(said_first + " ") and re.match(r"^[a-z]+'s (?:just )?(?:texted|rung|rang|called|emailed|messaged|said)$",
                                                                 said_first):
                tail = understand(rest)
                if tail.intent == parse.intent and tail.confident:
                    return tail
    if parse.intent not in WORDY:  # "cancel pilates tomorrow I've hurt my back": not the event's name
        for i in _starts(words):
            head = understand(_head(words, i))
            if parse.intent == "timer.set" == head.intent and parse.slots.get("name") and not head.slots.get("name") \
                    and parse.slots.get("duration_s") == head.slots.get("duration_s"):
                return parse  # "set a timer for ten minutes, the kettle's on": the kettle's timer, named by what is on
            if head.intent in ASIDE_FREE and head.confident and (head.intent == parse.intent or parse.intent not in ASIDE_FREE
                                                                 or parse.intent == "timer.set"
                                                                 or head.intent.split(".")[0] == parse.intent.split(".")[0]
                                                                 or (head.intent.startswith("timer.") and parse.intent.startswith("calendar."))
                                                                 or any(isinstance(v, str) and " ".join(words[i:]) in v for v in parse.slots.values())
                                                                 or any(v in ("one", "that", "it", "that one") for v in parse.slots.values())):
                return head  # "take eggs off the shopping list I picked some up" is no reading of the list; "delete that one, the
                #              flat inspection's done" is the note just taken, not an event called "one the flat inspection's done"
    return parse
