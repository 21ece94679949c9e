"""Rules for memory: facts the user tells ("my sister's name is Rachel"), asks back, or wants forgotten."""

from __future__ import annotations

import re
from dataclasses import replace

from ..normalize import KIN_TITLES
from ..numbers import NUMBER_WORDS_RE, parse_number
from ..timeparse import DAY_OF_MONTH_RE, MONTH_RE
from ..phrasing import join_words
from .asides import before_own_clause, starts_a_reason
from .common import Ctx, Result


def _me_subject(s: str) -> str:
    s = s.strip()
    s = re.sub(r"^(?:the|a) ", "", s)
    return re.sub(rf"^(my|our) ({RELATIONS}) name$", r"\1 \2's name", s)  # "what's my sister name": the "'s" not heard


def rule_memory_forget(c: Ctx) -> Result:
    t = c.t
    if re.match(r"^(?:forget|delete|erase|remove|scrap|drop) (?:that|this|what i (?:just )?(?:said|told you)|the last thing i (?:said|told you))$", t) \
            or re.match(r"^(?:do not|you do not need to|no need to) remember that$", t):
        last = dict(c.state.last_slots)
        if c.state.last_intent in ("memory.remember", "memory.recall") and last.get("subject") not in (None, "me"):
            return "memory.forget", {"subject": last["subject"]}
        return "memory.forget", {}
    m = re.match(r"^(?:you can |please |just )?(?:forget|delete|erase|remove|wipe|clear)(?: about| everything (?:you know |you remember )?about| what i (?:told you|said|mentioned) about| what you know about|"
                 r"(?: the)? (?:memory|fact|thing) (?:about|of)| that)? (?P<s>.+)$", t)
    if m and not re.search(r"\b(?:reminder|note|notes|list|timer|it|email|letter|event|meeting)\b", t):
        s = " ".join(before_own_clause(m.group("s").split()))  # "forget my trailer number, I change trailer tomorrow"
        if s in ("it", "about it", "everything"):
            return ("memory.forget", {"all": True}) if s == "everything" else None
        s = _me_subject(re.sub(r" (?:thing|stuff|business|sure|like|so)$", "", s))  # "forget the key worker thing", Irish "forget Nora, sure ..."
        talked_of = [str(dict(items).get("subject") or "") for _, items in filter(None, (c.state.person,))]
        talked_of.append(str(dict(c.state.last_slots).get("subject") or "") if (c.state.last_intent or "").startswith("memory.") else "")
        s = next((x for x in talked_of if x.endswith(f"'s {s}")), s)  # of Oisin, just talked of: Oisin's key worker
        return "memory.forget", {"subject": s}
    m = re.match(r"^(?:do not|please do not|no need to) remember (?P<s>.+)$", t)
    if m:
        return "memory.forget", {"subject": _me_subject(m.group("s"))}
    return None


# Relations between people (and their pets, dates, numbers) that make "X's RELATION is Y" a fact worth keeping.
VEHICLES = r"(?:car|van|ute|truck|bike|motorbike|motor|cab|taxi|lorry|camper|campervan|caravan|jeep|pickup|scooter|motorhome|rig|wagon|vehicle)"
"""What is parked: "where did I leave the ute"."""
RELATIONS = (r"(?:(?:brother|sister|mother|father|son|daughter) in law|great (?:grand(?:daughter|son|child|mother|father|ma|pa)|aunt|uncle|niece|nephew)|wife|husband|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|son|daughter|sister|brother|mother|mum|mom|"
             r"father|dad|mam|mammy|mummy|mommy|daddy|birthday|anniversary|dog|cat|pet|horse|child|kid|baby|best friend|friend|boss|doctor|dentist|vet|"
             r"phone number|number|address|email address|favou?rite [a-z]+|middle name|surname|last name|maiden name|job|"
             r"cousin|auntie|aunty|aunt|uncle|niece|nephew|grandson|granddaughter|grandbaby|grandmother|grandfather|granny|grandma|grandpa|"
             r"grandad|granddad|nana|nanna|nain|taid|nan|gran|supervisor|line manager|manager|mentor|tutor|childminder|carer|"
             r"neighbou?r|landlord|teacher|shoe size|best mate|mate|pal|buddy|roommate|flatmate|housemate|colleague|goddaughter|godson|godmother|"
             r"housekeeper|cleaner|gardener|nanny|babysitter|lodger|priest|vicar|client|patient|customer|resident|"
             r"neurologist|consultant|surgeon|physio|physiotherapist|social worker|key worker|health visitor|midwife|"
             r"godfather|stepson|stepdaughter|stepmum|stepdad|coach|trainer|instructor|head teacher|headteacher|tita|tito|lola|lolo|"
             r"abuela|abuelita|abuelo|abuelito|nonna|nonno|oma|opa|conductor|apprentice|foreman|"
             r"mokopuna|moko|principal|headmaster|headmistress|landlady|caretaker|pastor|minister|name)")  # "moko": a grandchild, in New Zealand English
_TITLE = r"(?:mr|mrs|ms|miss|dr|pastor|reverend|rev|father|imam|rabbi|professor|prof|coach|bishop|deacon|elder|sister|brother|mama|papa|nonna|nonno)"
PERSON_TITLES = rf"(?:{_TITLE}|auntie|aunty|uncle|nana|grandad|tita|tito|lola|lolo)"  # Filipino "tita Rosa": aunt Rosa
"""Words said before a name that make it a person's ("Mrs Adamu", "Uncle Emeka")."""
_NAME = rf"(?:{_TITLE} )?[a-z][a-z'-]*"
KEPT_THINGS = ("key", "keys", "remote", "passport", "wallet", "charger", "torch", "ladder", "toolbox", "tools", "documents", "deeds",
               "stopcock", "meter", "boat", "dinghy", "caravan", "trailer")
"""Things the user keeps somewhere and asks after: "the spare key's under the blue pot", "the boat's on mooring forty one"."""
_AILING = frozenset({"hurts", "aches", "stings", "itches", "throbs", "burns"})
_NOT_A_PERSON = frozenset({"you", "it", "that", "this", "there", "here", "he", "she", "they", "we", "me", "i", "calling",
                           "speaking", "next", "everyone", "everybody", "somebody", "someone", "talking", "coming", "playing",
                           "winning", "on", "in", "up", "out", "first", "last", "online", "home", "available"})
_NOT_A_NAME = frozenset({"and", "always", "never", "still", "just", "also", "really", "usually", "often", "sometimes", "only", "is",
                         "was", "has", "had", "who", "which", "lives", "works", "says", "said", "thinks", "will", "can", "does",
                         "did", "name", "called", "named", "and", "or", "but", "too", "again", "now", "where", "what", "when", "how",
                         "why"})
_NOT_ASKED_OF = _NOT_A_PERSON | _NOT_A_NAME | frozenset({"i", "we", "you", "the", "my", "your", "our"})
"""Words a question's "whose" slot can catch that name nobody: "what subject does the ...", "which standard is my in"."""
# The second word of a name said in two ("my grandson Jean Luc is ..."): never a verb, an adverb or a word a name cannot be.
_SECOND_NAME = (rf"(?: (?!(?:{'|'.join(sorted(_NOT_A_NAME | _NOT_A_PERSON))}|not|at|to|from|of|for|with|by|as|his|her|their|a|an|the|my|our|law)\b)"
                r"(?![a-z]+ly\b)(?![a-z]+(?:s|ed|ing)\b)[a-z][a-z'-]*)?")
_FILLER_START = r"^(?:remember (?:that |say )?|please remember (?:that |say )?|do not forget (?:that )?|you should know (?:that )?|no |actually )?"


# What people do, said of them in the third person: "my brother Tom works at the hospital" is a fact
# about Tom, and "works at the hospital" is said back after his name, never with "is" before it.
# One list for the rules (here) and the replies (skills/memory_words.py).
DEEDS = (r"(?:lives|works|has|owns|loves|likes|hates|enjoys|plays|drives|teaches|studies|speaks|goes|runs|stays|knows|"
         r"wants|supports|prefers|collects|rides|swims|walks|sings|keeps|grows|makes|builds|coaches|adores|waters|feeds|looks after|"
         r"minds|cleans|fixes|cuts|picks up|drops off|does|comes|visits|helps|brings|takes|wears|needs|uses|drinks|eats|started|starts|"
         r"moved|joined|attends|sells|buys|manages|trades|delivers|repairs|paints|bakes|sews|serves|breeds|trains|hunts|fishes|"
         r"[a-z]{3,}(?<![su])s(?= (?:for|at|on|in|with|every|twice|once|part|full|as|the|a|an|about|around|roughly|nearly|almost|over|some|"
         rf"{NUMBER_WORDS_RE}|\d+)\b| (?:out|up|down|over) (?:past|near|by|beyond|behind|at|in|on)\b|"
         r" [a-z]+ (?:out |up |down |over )?(?:at|in|on)\b))")  # "Hamish milks about six hundred cows", "Sammy farms out past Derrylin"
# "crews for me on Saturdays", "skippers the dinghy", "hunts deer out at his brother's place"

_VERBS_3RD = (rf"(?:{DEEDS}|is|was|does not|never|always|still|also|used to|cannot stand|can not stand|can't stand|"
              r"cannot (?:eat|have|drink)|can not (?:eat|have|drink)|can't (?:eat|have|drink)|"
              r"(?:worked|lived|served|taught|farmed|fished|nursed|drove|mined|preached)(?= .* for (?:over |nearly |about |almost )?[a-z0-9 ]+ "
              r"(?:years|decades)$))")  # "my grandad Stan worked at Rothwell pit for forty years": a life's work

# What someone is, not what they are called: "my sister is allergic to cats" is never her name.
_STATE = re.compile(r"^(?:(?:also|too) )?(?:allergic|intolerant|afraid|scared|terrified|vegan|vegetarian|married|retired|pregnant|engaged|"
                    r"divorced|diabetic|coeliac|celiac|left handed|right handed|away|ill|sick|better|fine)\b")


# "where does Oksana live these days": when, said of what is true now, adds nothing
_NOWADAYS = r"(?:these days|nowadays|at the moment)"
_GRANDBABIES = re.compile(r"\bgrand ?bab(?:ies|ys)\b")
"""Grandchildren as some call them ("three grandbabies"), kept and asked about as grandkids."""

# Where a code belongs: "at the cottage", "for my mum's house", "at mum's"
# or "at the job in Ealing"
_AT_PLACE = (r"(?: (?:at|for|of|to|on|in|down|up|over|round) (?:the |my |our )?[a-z']+(?: (?!is\b|are\b|was\b)[a-z']+){0,2}"
             r"(?: (?:in|on|at) [a-z']+)?)?")


def _kin(t: str) -> str:
    """ "our boy Tucker", "what's my lad's name": a son or a daughter said the way families say it."""
    t = re.sub(rf"\b(my|our) (?:new|current) (?={RELATIONS}\b)", r"\1 ", t)  # "my new boss is called Fiona": my boss
    t = re.sub(r"\b(my|our) (?:little|big|older|younger|baby|kid|twin|eldest|oldest|youngest|wee|first|second|third|middle) (?=(?:brother|sister|son|daughter|cousin|"
               r"nephew|niece|grandson|granddaughter)\b)", r"\1 ", t)  # "my little brother Euan": my brother
    t = re.sub(r"\b(my|our|the) (?:gp|g p|family doctor)\b", r"\1 doctor", t)  # "who's my GP?"
    t = re.sub(r"\b(my|our) (?:camp|farm|working|sheep|guard|rescue|yard) (?=(?:dog|cat|horse|pony)\b)", r"\1 ", t)  # "my camp dog": my dog
    t = re.sub(r"\btamariki\b", "kids", t)  # te reo Māori, as said in New Zealand English: "how many tamariki have I got"
    return re.sub(r"\b(?:my|our) (?:little |eldest |oldest |youngest |big )?(?:(?P<boy>boy|lad)|girl|lass)\b(?! (?:friend|scout|guide)\b)",
                  lambda m: "my son" if m.group("boy") else "my daughter", t)


def _parents_said_bare(t: str) -> str:
    """ "mam and dad's golden wedding" -> "my mam and dad's anniversary", as the memory keeps it."""
    t = re.sub(r"(?<!\bmy )(?<!\bour )(?<!\bthe )\b((?:mam|mum|mom|ma|dad|da|nan|nana|gran|grandad|granda) and (?:mam|mum|mom|ma|dad|da|nan|nana|"
               r"gran|grandad|granda)'s)", r"my \1", t)
    return re.sub(r"\b((?:my|our) [a-z' ]+?'s?) (?:golden|silver|ruby|diamond|pearl|wedding) (?:wedding )?anniversary\b|"
                  r"\b((?:my|our) [a-z' ]+?'s?) (?:golden|silver|ruby|diamond|pearl) wedding\b",
                  lambda m: f"{m.group(1) or m.group(2)} anniversary", t)


def _plainly(t: str) -> str:
    """A statement's words without the fillers before it, and with "'s" said out where it stands for
    "is" or "has": "oh and her husband's called Rhys" -> "her husband is called rhys", "she's moved to
    Glasgow" -> "she lives in glasgow" (where someone moved to is where they live now)."""
    t = re.sub(r"^(?:(?:and|oh|so|also|right|um|uh|well|okay|ok|hey|heads up|by the way|fyi|actually|no|wait|sorry)\b,? )+", "", t)
    t = re.sub(r"^(?:(?:oh|sorry|no|wait|actually)\b,? )*(?:i got that wrong|i made a mistake|my mistake|i was wrong|i said that wrong|"
               r"i meant to say|correction|small correction|quick correction)\b,? ", "", t)  # "sorry, I got that wrong: Claire lives in York"
    t = re.sub(r"(?: now)?,? not (?:the |at the |in )?[a-z' ]+$", "", t) if re.match(r"^(?:he|she|they|[a-z]+)(?:'s moving| (?:works|lives|is))\b", t) else t
    t = re.sub(r"\b((?:is )?(?:called|named) [a-z'-]+),? not [a-z'-]+$", r"\1", t)  # "my neighbour's called Dennis, not Derek"
    t = re.sub(r"^(?:i should (?:say|mention|tell you)|i forgot to (?:say|mention)|just so you know|for the record),? ", "", t)
    t = re.sub(r"^(?P<x>i am|(?:my|our) [a-z]+(?: [a-z]+)? is|(?:he|she) is|(?:we|they) are) (?:also|too) (?=(?:allergic|intolerant) )", r"\g<x> ", t)
    # "I am also allergic to shellfish": one allergy more, kept beside the others (skills/memory)
    t = re.sub(r"\b(?:young'uns|younguns|young ones|little ones|kiddies|kiddos|bairns|weans|nippers)\b", "kids", t)  # "three young'uns"
    t = _GRANDBABIES.sub("grandkids", t)
    t = re.sub(r"\bmarried to (?:a|this|some) (?:lad|fella|fellow|feller|man|guy|bloke|chap|woman|girl|lass|lady) (?:called|named|by the name of) ",
               "married to ", t)  # "my sister Siobhan is married to a lad called Declan": to Declan
    t = re.sub(rf"^(?P<who>.+?) (?P<has>has|have) (?P<n>{_COUNT}) years(?P<why> (?:he|she|they|i|we) [a-z' ]+)?$",
               lambda m: f"{m.group('who')} {'am' if m.group('who') == 'i' else 'is'} {m.group('n')} years old{m.group('why') or ''}"
               if m.group("has") == "has" or m.group("who") == "i" else m.group(0), t)  # "my son Tiago has thirty two years": his age
    t = re.sub(r"^((?:my|our) [a-z]+ [a-z]+|[a-z]+)'s after moving to ", r"\1 has moved to ", t)  # Irish "Ciaran's after moving to Calgary"
    t = re.sub(r"^(?:my|our) [a-z]+'s (?:lad|lass|boy|girl|little one|wee one|young one) (?=[a-z]+ has (?:his|her|their) birthday\b)", "", t)
    t = re.sub(r"^(?P<n>[a-z]+) has (?:his|her|their) birthday (?:on )?(?P<v>.+)$", r"\g<n>'s birthday is \g<v>", t)
    # "our Brian's lad Callum has his birthday on the third of August": Callum's birthday
    t = re.sub(rf"^our (?!{RELATIONS}\b)([a-z]+)'s ", r"\1's ", t)  # northern "our Alfie's birthday": Alfie's
    t = re.sub(r"^(?:(?:no|wait|sorry|oh) )*[a-z' ]+? so (?=(?:he|she)(?: is|'s) [a-z]+(?: years old)?(?: now)?$)", "", t)  # "him turn ten last week so he's ten now"
    t = re.sub(rf"^the (?:new |old )?({RELATIONS})(?:'s name is| is called| is named) ", r"our \1 is called ", t)  # "the new neighbour's name is Siobhan"
    t = re.sub(rf"^(?P<r>remember (?:that )?)?(?P<k>{KIN_TITLES}) (?P<n>[a-z]+)'s "
               r"(?=birthday|anniversary|address|number)", r"\g<r>my \g<k> \g<n>'s ", t)  # "auntie Claudette's birthday is the ninth of June": my auntie
    t = re.sub(r"^the (?:new )?(?P<p>dog|cat|puppy|kitten|pup|horse|pony|rabbit|budgie|parrot)(?P<s>s)?(?:'s| is| are) (?:called|named) ",
               lambda m: f"our {m.group('p')}s are called " if m.group("s") else f"our {m.group('p')} is called ", t)
    # "the cat's called Smudge", "the dogs are called Duke and Sadie"
    t = re.sub(rf"^i am (?P<n>{_COUNT})(?: years of age)? (?:this year|now|next birthday)$", r"i am \g<n> years old", t)  # "I'm sixty seven this year"
    t = re.sub(r"^(?P<x>(?:my|our) [a-z]+)(?:'s| is) (?P<v>[a-z]+(?: [a-z]+)?),? (?:always has been|always have been|always was|since i was (?:a )?[a-z]+)$",
               r"\g<x> is \g<v>", t)
    # "my team's Kilmarnock, always has been"
    t = _parents_said_bare(t)
    t = re.sub(rf"^((?:my|our) {RELATIONS})(?:'s)? name(?: is)? (?P<n>(?!(?:is|was|and)\b)[a-z][a-z'-]*),? and (?:he|she) (?=[a-z]+ )", r"\1 \g<n> ", t)
    # Trinidadian "my son name Kevon and he does play tenor pan": my son Kevon plays ...
    t = re.sub(rf"^((?:remember (?:that )?)?(?:my|our) (?:[a-z]+ )?(?:{RELATIONS}|boy|lad|girl|lass) (?!(?:is|was|has|who|and|he|she|they)\b)[a-z][a-z'-]*) (?:he|she|they) (?=[a-z]+ )", r"\1 ", t)
    # "my nephew Luca, he hates mushrooms": the name said, then "he" for it
    t = re.sub(rf"^((?:my|our) (?:[a-z]+ )?{RELATIONS} (?!(?:is|was|has|who|and)\b)[a-z][a-z'-]*|he|she) "
               r"(hate|like|love|work|live|play|support|drive|teach|study|need|want|own|go|do)(?= )",
               lambda m: f"{m.group(1)} {m.group(2)}{'es' if m.group(2) in ('go', 'do') else 's'}", t)  # "he hate mushrooms", as some say it
    t = re.sub(r"^not (?:the |a |an )?[a-z']+(?: [a-z']+)?,? (?=(?:he|she|they|it) (?:is|are|was|works|lives|has)\b)", "", t)  # "not cats, she's allergic to dogs"
    t = re.sub(r"^(my [a-z]+|[a-z]+)'s (?:moving|going|off|heading|relocating) (?:up |down |over |out )?to ", r"\1 is moving to ", t)  # "my son's moving to Leeds"
    t = re.sub(r"^i have (?:got )?(?:an? |a bad |a severe |a serious |a mild )?(?P<x>[a-z]+(?: [a-z]+)?) allergy$", r"i am allergic to \g<x>", t)
    # "I've got a penicillin allergy": allergic to penicillin
    t = re.sub(r"^(?:i|we) (?:have )?changed it(?: yesterday| today| last night| this morning)?,? (?=it is )", "", t)  # "I changed it yesterday, it's foxglove nine now"
    t = re.sub(r",? (?:so )?(?:keep that in mind|bear that in mind|remember that|just so you know|for future reference|for the record|"
               r"in case it comes up|so you know|by the way|(?:in case|if) (?:anyone|anybody|someone|somebody) asks|(?:in case|if) you need it|"
               r"bless (?:them|him|her|em)|god love (?:them|him|her|em)|so watch (?:that|out)|"
               r"(?:in case|if) it (?:comes up|helps))$", "", t)  # "my daughter Niamh is allergic to peanuts, so keep that in mind"
    t = re.sub(r"(?<=[a-z]),? (?:now|because|since|as) (?:doctor |dr |mr |mrs |ms )?[a-z]+ (?:has |is |just )?(?:retired|left|moved away|quit|"
               r"died|passed away|stopped working)$", "", t)  # Turkish "no sorry, it's doctor Kaya now, Yilmaz retired": why, not what
    t = re.sub(r"^i (?:have |have just |just )?(?:left|quit|stopped|given up) [a-z]+(?: [a-z]+)?,? (?:and )?(?=i am )", "", t)  # a new job
    t = re.sub(r"^i (?:have |have just |just )?(?:moved on|changed jobs|got a new job|left there),? (?:and )?(?=i (?:work|am working) )", "", t)
    t = re.sub(r"^(?:i|we) (?:have |have just |just )?(?:moved|moved house|moved away|moved out),? (?:and )?(?=(?:i|we) (?:live|are living|am living) )",
               "", t)  # "I've moved, I live in Formby now"
    t = re.sub(r"\bmy other (?=[a-z])", "my ", t)  # "my other mate Sam is an electrician"
    t = re.sub(r"^(?:that|it) (?:was|is) my (?:old|last|first|previous) [a-z]+,? (?=my )", "", t)  # "that was my old dog, my dog now is Duke"
    t = re.sub(r"^(my [a-z]+) now is (?=called |named )", r"\1 is ", t)
    t = _kin(t)
    t = re.sub(r"(?<!^i)(?<!\bi) (?:absolutely|really|totally|simply|honestly|properly) (?=(?:loves|likes|hates|adores|enjoys|cannot stand|can not stand|"
               r"does not like)\b)", " ", t)  # "my wife Kate absolutely loves lilies"
    t = re.sub(rf"^((?:my|our) {RELATIONS}|(?!i\b|we\b|you\b|they\b)[a-z]+) (?:cannot|can not) stand ", r"\1 hates ", t)  # "my husband can't stand olives"
    t = re.sub(r"^i (?:have |had )?(?:just |now )?(?:started|begun) (?:work |working |a job |a new job )?(?:at|with|for) ", "i work at ", t)
    t = re.sub(r"^(my [a-z]+|[a-z]+)(?:'s| has)? (?:moved|moved house|moved away|changed jobs?|left)(?: actually)?,? (?:he|she) (?=(?:lives|works|is)\b)",
               r"\1 ", t)  # "my sister moved, she lives in York now", "my mum's moved, she lives in Nairn now"
    t = re.sub(r"^(?:he|she|they)(?: has| have| is|'s)? moved(?: house| away)?,? (?:actually,? |now,? )?(?=my |[a-z]+ lives )", "", t)  # "she's moved, my mum lives in Whitby"
    t = re.sub(r"^(?:(?:actually|now|no|wait) )*since (?:january|february|march|april|may|june|july|august|september|october|november|december|"
               r"last [a-z]+|this year|then) (?=(?:i|we) (?:work|live)\b)", "", t)  # "actually since January I work in the shipyard": now
    t = re.sub(r"\b([a-z]+)'s (?=(?:moved|been|got|gone|left|started|changed)\b)", r"\1 has ", t)
    t = re.sub(r"\b(birthday|anniversary|wedding|party|funeral)'s (?=on\b)", r"\1 is ", t)  # "her birthday's on the ninth of June"
    t = re.sub(r"(?<!\bat )(?<!\bat the )(?<!\bto the )(?<!\bfrom )(?<!\bfrom the )(?<!\bnear the )(?<!\bfor the )\b([a-z]+)'s (?=(?:allergic|intolerant|called|named|a|an|the|"
               r"from|married|vegan|vegetarian|in|at|not|also|still|always|never|into|scared|afraid|terrified|retired|pregnant|engaged|divorced|"
               r"single|tied|moored|docked|berthed|parked|kept|stored|locked)\b)", r"\1 is ", t)  # "works at the Sainsbury's in Leeds": a shop's name
    t = re.sub(r"\b(he|she)'s\b", r"\1 is", t)  # "he's eight now"
    t = re.sub(r"\b([a-z]+)'s (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
               r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|\d+)(?: [a-z]+)?(?: years? old| months? old)?$)",
               r"\1 is ", t)  # "and my daughter Ella's ten"
    t = re.sub(r"\b(?!(?:i|we|they|you|have|had|just)\b)([a-z]+) (?:has |just )*moved (?:up |down |over |out |across |back |away )?to ",
               r"\1 lives in ", t)
    t = re.sub(r"\blives (?:up|down|over|out|round|across) (?=(?:in|near|by) )", "lives ", t)  # "lives up in Inverness"
    t = re.sub(r"\b(?!(?:i|we|they|you|it|that|this|there)\b)([a-z]+) is in ([a-z' ]+?)(?: now)?,? (?:he|she|they) (?:has |have )?moved\b.*$",
               r"\1 lives in \2", t)  # "Aidan's in Galway now, he moved last year"
    t = re.sub(r"\b(?!(?:i|we|they|you|it|that|this|there)\b)([a-z]+) is (?=at number )", r"\1 lives ", t)  # "Ken's at number fourteen"
    t = re.sub(r"(\blives in [a-z' ]+?),? not (?:in )?[a-z']+(?: any ?more| now)?$", r"\1", t)  # "she moved to Mokopane last year, not Tzaneen anymore"
    t = re.sub(r"(\blives in [a-z' ]+?) (?:last (?:year|month|week|summer|spring|autumn|winter)|a (?:while|year|few (?:weeks|months|years)) "
               r"(?:ago|back)|recently|this year|in (?:january|february|march|april|may|june|july|august|september|october|november|december))$",
               r"\1", t)  # "she moved to Adelaide last year": where she lives
    t = re.sub(r"^(?P<who>he|she|they) (?:has |have )?moved(?: house| away)?(?: last [a-z]+| recently| a while ago)?,? (?P=who)(?: is|'s| are) "
               r"(?:in|living in|now in) ", r"\g<who> lives in ", t)  # "she moved last year, she's in Aberdeen now"
    t = re.sub(r"(?: now)?,? (?:he|she|they|we) (?:moved|has moved|have moved|changed jobs?|started|left|had (?:his|her|their) birthday)\b.*$", "",
               t)  # "..., she moved last month"
    t = re.sub(r" so (?:do |please )?(?:watch out|be careful|bear (?:that|it) in mind|keep an eye out|no [a-z ]+|mind (?:that|it|out)|"
               r"watch that|remember that)(?: for (?:that|it|them))?$",
               "", t)  # "my daughter Esme is allergic to sesame, so do watch out for that"
    t = re.sub(r"^(?:he|she|they|i) (?:has |have )?changed (?:stations|jobs?|schools?|teams?|offices?|firms?|companies)\b,? ", "", t)
    if re.match(r"^(?:my|our|[a-z]+'s) ", t):  # "my daughter Tania's birthday is on the twenty second of March, please remember"
        t = re.sub(r"(?<!\bto)(?<!\bnot) (?:remember|do not forget)(?: (?:that|it|this))?(?: for me)?$", "", t)
    t = re.sub(rf" (?:{_NOWADAYS}|now|now actually|actually)$", "", t)
    return re.sub(r"^(i|we) (?:have |had |just )*moved (?:up |down |over |out |across |back |away )?to ", lambda m: f"{m.group(1)} live in ", t)


_NUMBER_WORDS = {"one": 1, "two": 2, "to": 2, "too": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a couple of": 2}
_PLURAL_PEOPLE = r"(?:kids|children|sons|daughters|sisters|brothers|grandchildren|grandkids|dogs|cats|pets)"
_STOCK = r"(?:ewes|sheep|lambs|cows|cattle|calves|hens|chickens|goats|pigs|horses|ponies|hives|alpacas)"
_COUNT = rf"(?:\d+|(?:{NUMBER_WORDS_RE}) thousand(?: and)?(?: (?:{NUMBER_WORDS_RE}))?|{NUMBER_WORDS_RE})"
"""How many, up to thousands: "two thousand one hundred" (ewes on a station)."""


_SOLD_SOME = (rf"^(?:no )?(?:we|i) (?:have )?(?:sold|lost|bought|bought in|gave away|added) (?:one|two|three|four|five|a few|some|another|{_COUNT})"
              rf"(?: of them| (?:{_STOCK}|cow|goat|sheep|pig|hen|calf|horse))?,?")
"""Stock sold or bought, said before how many there are now: "we sold one (cow), so ..."."""


def _count(said: str) -> int | None:
    n = parse_number(said)
    return int(n) if n is not None and n == int(n) else None


JOBS = (r"(?:nurse|teacher|doctor|engineer|developer|programmer|lawyer|solicitor|accountant|student|chef|cook|builder|plumber|"
         r"electrician|designer|writer|artist|musician|pharmacist|paramedic|firefighter|police officer|carpenter|farmer|vet|"
         r"plasterer|joiner|roofer|bricklayer|decorator|mechanic|hairdresser|barber|taxi driver|bus driver|fisherman|crofter|"
         r"lecturer|professor|nanny|care worker|social worker|"
         r"dentist|scientist|architect|journalist|midwife|carer|cleaner|driver|pilot|postman|shop assistant|waiter|waitress|"
         r"barista|librarian|software engineer|civil servant|social worker|photographer|mechanic|gardener|translator|"
         r"hairdresser|receptionist|cashier|manager|consultant|analyst|therapist|physiotherapist|physio|optician|surveyor|"
         r"estate agent|baker|butcher|painter|decorator|joiner|roofer|welder|courier|porter|security guard|lorry driver|"
         r"taxi driver|bus driver|childminder|nanny|tutor|lecturer|professor|researcher|banker|surgeon|radiographer|"
         r"retired|pensioner)")
# Objects that make "I love it", "I like that", "I hate it when..." a remark rather than a preference worth keeping.
_NOT_A_LIKING = re.compile(r"\b(?:it|that|this|these|those|you|your|him|her|them|when|how|what|the way|being|here|there|idea|sound|"
                           r"song|today|tonight|now|so much|too|one|ones)\b")
# Times and idioms that make "I work at 9 tomorrow", "I live in hope" something other than where one works or lives.
_NOT_A_PLACE = re.compile(r"\b(?:today|tomorrow|tonight|yesterday|o'clock|am|pm|morning|afternoon|evening|weekend|hope|fear|denial|"
                          r"edge|moment|past|present|future|minute|shift|shifts)\b|^(?:at |in |on |for )?(?:\d|one|two|three|four|five|"
                          r"six|seven|eight|nine|ten|eleven|twelve|noon|midday|midnight)\b")


def _first_person(t: str) -> str:
    """The user's own words as they would write them: "i am from leeds" -> "I'm from leeds"."""
    t = re.sub(r"^i am\b", "I'm", t)
    t = re.sub(r"^i do not\b", "I don't", t)
    t = re.sub(r"^i cannot\b", "I can't", t)
    t = re.sub(r"^i have got\b", "I've got", t)
    return re.sub(r"^i\b", "I", t)


def _names(words: str, count: int | None = None) -> list[str] | None:
    """ "ben sam and ruth" -> ["ben", "sam", "ruth"]; None when the words are not a list of names. "An" is a name
    when as many names as were counted are said with it ("three kids, Linh, An and Khoa")."""
    words = re.sub(r"\b(?:little|baby|wee|big|young|our|the little|the baby) (?=[a-z])", "", words)  # "and little Tyson": Tyson
    names = [w for w in re.split(r"\s+(?:and\s+)?|,\s*", words.strip()) if w and w != "and"]
    named = {"an"} if count is not None and len(names) == count else set()
    if not names or any((n in _NOT_A_PERSON or n in _NOT_IN_NAMES) and n not in named for n in names):
        return None  # "three kids at school each day": where they are, not who
    return names


_NOT_IN_NAMES = frozenset({"the", "a", "an", "my", "who", "that", "called", "named", "at", "in", "on", "to", "for", "from", "with", "by",
                           "each", "every", "all", "both", "are", "is", "was", "were", "which", "still", "now", "already", "school",
                           "home", "work", "uni", "college", "university", "grown", "up", "living", "working", "going", "under", "over"})


def rule_memory_me(c: Ctx) -> Result:
    """ "I live in Bristol and work as a nurse": two facts, the second carried as the link."""
    m = re.match(r"^(?P<a>.+?) and (?:i )?(?P<b>(?:also )?(?:work|live|am|was|drive|love|like|hate|have|come|grew|parked)\b.*)$", c.t)
    if m:
        first = _memory_me(Ctx(raw=c.raw, t=m.group("a"), state=c.state, now=c.now))
        second = _memory_me(Ctx(raw=c.raw, t=f"i {m.group('b')}", state=c.state, now=c.now))
        if first is not None and second is not None and first[1].get("subject") == second[1].get("subject") == "me":
            return "memory.remember", {**first[1], "link_subject": "me", "link_value": second[1]["value"]}
    return _memory_me(c)


def _memory_me(c: Ctx) -> Result:
    """What the user says of themselves that is worth keeping without "remember": where they live,
    their work, where they parked, what they love or cannot stand, their children and pets.
    Anything else said in the first person ("I just got back from a run", "I'm tired", "I need
    milk") is left to the rules that answer it today."""
    t = re.sub(r"^(?:remember (?:that )?|please remember (?:that )?|do not forget (?:that )?|you should know (?:that )?)", "", c.t)
    t = re.sub(rf"{_SOLD_SOME} (?:so )?(?:now )?(?=(?:we|i) (?:have|got|have got|keep|run) )", "", t)  # "we sold one so now we have two cows"
    t = re.sub(rf"{_SOLD_SOME} so (?:now )?(?:it is|there are|we are down to|we are up to) (?P<n>{_COUNT}) (?P<s>{_STOCK})(?: now)?$",
               r"we have \g<n> \g<s>", t)  # "no, we sold one cow, so it's two cows now"
    t = re.sub(r"^(?P<x>i (?:cannot|can not|must not|should not) (?:eat|have|drink|touch|take) [a-z' ]+?),? (?:it|they|that) (?:brings?|gives?|makes?|sets?) "
               r"(?:me|my) [a-z' ]+$", r"\g<x>", t)  # "I cannae take penicillin, it brings me oot in a rash"
    place = re.sub(r"^(?:i|we) (?:live|am living|are living|work|am working|am from|come from) ", "", t)
    if _NOT_A_PLACE.search(place) and re.match(r"^(?:i|we) (?:live|am living|are living|work|am working|am from|come from) ", t):
        return None
    if re.match(r"^(?:i (?:live|am living)|we (?:live|are living)) (?:in|at|on|near|with|by|just outside|outside|next to|opposite) (?!the moment\b).+$", t) \
            or re.match(r"^i (?:am|come) (?:originally )?from (?!work\b|home\b|the (?:shop|gym|office)\b).+$", t) \
            or re.match(r"^i was (?:born|raised|brought up) in .+$|^i grew up in .+$", t) \
            or re.match(r"^i (?:work|am working) (?:as|for|at|in) (?!the (?:morning|afternoon|evening)\b|(?:the )?(?:moment|minute|weekend)\b).+$", t) \
            or re.match(rf"^i am (?:an? )?{JOBS}(?: by (?:trade|profession))?(?: (?:at|in|for|with) (?!the (?:moment|minute)\b)[a-z' ]+)?(?: now)?$", t) \
            or re.match(r"^i (?:teach|lecture|study|am studying) (?!for\b)[a-z ]+$", t) \
            or re.match(rf"^i (?:have |am )?(?:parked|left)(?: up)?(?: (?:the|my) {VEHICLES})?(?: (?:down|up|over|out|round|back))? (?:on|in|at|near|by|"
                        r"outside|behind|next to|opposite|round|around) .+$", t) and re.match(rf"^i (?:have |am )?(?:parked|left (?:the|my) {VEHICLES})\b", t) \
            or re.match(r"^i (?:drive|ride) (?:a|an) .+$", t) \
            or re.match(rf"^i am (?:{_COUNT}) years old$", t) \
            or re.match(rf"^(?:the|our) {VEHICLES}(?: is|'s) parked(?: up)? (?:at|in|on|by|outside|behind|near|round|down) .+$", t) \
            or re.match(r"^i am (?:on (?:a |my )?(?:placement|rotation|secondment|attachment) (?:on|at|in|with) |on ward |"
                        r"(?:stationed|posted) (?:on|at|in|with) ).+$", t) \
            or re.match(r"^i (?:worked|served|was|lived|taught|drove|nursed|farmed|fished|mined|played|sang|preached) [a-z' ]+ "
                        r"for (?:over |nearly |about |almost )?[a-z ]+ (?:years|year|decades)$", t):  # "I worked the mines at Lynch for thirty one years"
        said = " ".join(before_own_clause(t.split(), first=3))  # "we've moved to Tauranga now, I keep forgetting": where, not why
        return "memory.remember", {"subject": "me", "value": _first_person(re.sub(r" now$", "", said))}
    m = re.match(r"^i (?:really |absolutely |just |also )?(?:love|like|adore|enjoy|hate|dislike|do not like|cannot stand|"
                 r"can not stand|do not eat|do not drink|prefer) (?P<o>[a-z][a-z' ]*)$", t)
    if m and len(m.group("o").split()) <= 6 and not _NOT_A_LIKING.search(m.group("o")) \
            and not re.match(r"^(?:to (?:be|go|get|have|do|see|say|know|ask|tell|talk|think)|my |our )", m.group("o")):
        return "memory.remember", {"subject": "me", "value": _first_person(t)}
    two = re.match(rf"^(?:i|we) (?:have|have got|got|keep) (?P<n>{_COUNT}) (?P<rel>{_PLURAL_PEOPLE}|{_STOCK}) and "
                   rf"(?P<n2>{_COUNT}) (?P<rel2>{_PLURAL_PEOPLE}|{_STOCK})"
                   r"(?: (?:at|on|in) (?:the|our|my) [a-z]+(?: [a-z]+)?(?: (?:in|at|near) [a-z]+(?: [a-z]+)?)?)?$", t)  # "... and two goats at the plot in Penhalonga"
    if two and _count(two.group("n")) is not None and _count(two.group("n2")) is not None:  # "we've got three young'uns and two dogs": both counts
        return "memory.remember", {"subject": f"my {two.group('rel')}", "value": str(_count(two.group("n"))),
                                   "link_subject": f"my {two.group('rel2')}", "link_value": str(_count(two.group("n2")))}
    m = re.match(rf"^(?:remember (?:that )?)?(?:i|we) (?:have|have got|got) (?P<n>one|two|to|too|three|four|five|six|seven|eight|nine|ten|a couple of|\d+) "
                 rf"(?:(?:working|sheep|farm|grown up|little|young|rescue) )?(?P<rel>{_PLURAL_PEOPLE})(?: (?:called|named))?(?: (?P<names>.+))?$", t)
    if m:
        part = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|a) (?:boys?|girls?|sons?|daughters?|lads?|lasses?|of each)"
        split_up = m.group("names") and re.fullmatch(rf"{part}(?:(?:,? and |, | ){part})*", m.group("names"))
        names = _names(m.group("names"), _count(m.group("n"))) if m.group("names") and not split_up else None
        if m.group("names") and names is None and not split_up:
            return None  # "four children, two boys and two girls": how many, not who
        n = m.group("n")
        value = join_words(names) if names else str(_NUMBER_WORDS.get(n, n))
        return "memory.remember", {"subject": f"my {m.group('rel')}", "value": value}
    t = re.sub(rf"^((?:i|we) (?:have|have got|got|keep|run)) (?:to|too) (?=(?:[a-z]+ )?{_STOCK}\b)", r"\1 two ", t)  # "we have to cows": two
    m = re.match(rf"^(?:i|we) (?:have|have got|got|run|keep|are running|are keeping|are milking|milk) (?:about |around )?(?P<n>{_COUNT}) "
                 rf"(?:(?:dairy|beef|milking|milk|laying|breeding|jersey|friesian|holstein|merino|texel) )?(?P<rel>{_STOCK})"
                 r"(?: milking| in milk| grazing| laying)?(?: (?:on|at) (?:the|our|my) [a-z]+)?(?: now| at the moment| this year| this season)?$", t)
    if m and _count(m.group("n")) is not None:  # "we've got two thousand one hundred ewes on the station"
        return "memory.remember", {"subject": f"my {m.group('rel')}", "value": str(_count(m.group("n")))}
    if re.match(r"^i (?:always |usually |normally |tend to )?(?:have )?(?:left|leave|put|kept|hid|hidden|hide|stored|store|keep|stashed|stash) (?:my|our|the|[a-z]+'s) [a-z' ]+? "
                r"(?:in|on|at|under|behind|inside|next to|with|by|in between) .+$", t):  # "I've left my passport in the drawer"
        return "memory.remember", {"subject": "me", "value": _first_person(t)}
    t = re.sub(r"^(we|i) (?=an? (?:mare|stallion|gelding|filly|colt|pony|horse|dog|cat)\b)", r"\1 have ", t)  # Irish "we've a mare"
    t = re.sub(r"^((?:i|we) (?:have|have got|got) an? (?:[a-z]+)) (?:out|in|down|up|round) (?:the |our )?[a-z]+(?= (?:called|named) )", r"\1", t)
    t = re.sub(r"^((?:i|we) (?:have|have got|got) an?) (?:mare|stallion|gelding|filly|colt)\b", r"\1 horse", t)  # "a mare out the back called Bonnie"
    m = re.match(rf"^(?:i|we) (?:have|have got|got|also have|just got) (?:a|an) (?:new )?(?P<rel>{RELATIONS}|[a-z]+(?: [a-z]+)?) (?:called|named) "
                 rf"(?P<v>{_NAME}(?: {_NAME})?)(?: and (?:she|he|it) is (?P<x>[a-z0-9 ]+))?$", t)
    if m and m.group("x"):  # "we've got a cat called Pickle and she's fourteen": two facts
        return "memory.remember", {"subject": m.group("v"), "value": f"is {m.group('x')}", "link_subject": f"my {m.group('rel')}",
                                   "link_value": m.group("v")}
    if m:
        return "memory.remember", {"subject": f"my {m.group('rel')}", "value": m.group("v")}
    m = re.match(r"^i (?:cannot|can not|must not|should not|am not allowed to) (?:eat|have|drink|touch|take) (?P<o>[a-z][a-z' ]*?)"
                 r"(?: (?:because |as |cos )?i am (?P<a>allergic|intolerant)(?: to (?:it|them|that))?)?$", t)
    if m and len(m.group("o").split()) <= 4:  # "I can't eat shellfish, I'm allergic"
        said = f"I'm {m.group('a')} to {m.group('o')}" if m.group("a") else _first_person(t)
        return "memory.remember", {"subject": "me", "value": said}
    return None


def rule_memory_pronoun(c: Ctx) -> Result:
    """ "he works at the hospital" right after "my brother is called Tom": a fact about Tom."""
    told = dict(c.state.person[1]) if c.state.person and c.state.person[0] == "memory.remember" else {}
    name = str(told.get("subject") or "")
    if re.fullmatch(_NAME, name) and name not in ("me", *_NOT_A_PERSON) and re.match(rf"^{re.escape(name)} {_VERBS_3RD} ", c.t) \
            and re.search(r"\b(?:no|sorry|wait|actually|mistake|wrong)\b", c.raw.lower()):
        kin = str(told.get("link_subject") or "").split()[-1:]
        said = f"{'she' if kin and kin[0] in SHE else 'he'}{c.t[len(name):]}"  # "sorry, I made a mistake, Akosua stays in Techiman": she, as said of her
        c = Ctx(raw=f"sorry {said}", t=said, state=c.state, now=c.now)
    last_intent, last = c.state.last_intent, dict(c.state.last_slots)
    subject = str(last.get("subject") or "")
    if last_intent in ("memory.remember", "memory.recall") and subject in ("me", "my name") and c.state.person:
        last_intent, last = c.state.person[0], dict(c.state.person[1])  # "he" after a word about the user: the person before
        subject = str(last.get("subject") or "")
    elif not (last_intent or "").startswith("memory.") and c.state.person and c.state.person[0] == "memory.remember" \
            and (re.match(r"^(?:(?:actually|no|sorry|oh|wait|correction)\b,? )+(?:he|she)\b", c.raw.lower())
                 or re.match(r"^(?:he|she)(?:'s| is| has)? (?:just )?(?:moved|shifted|relocated|after moving)\b", c.raw.lower())) \
            and re.match(r"^(?:he|she)\b", c.t):  # "she's after moving to Cashel", a question about the calendar after her
        last_intent, last = c.state.person[0], dict(c.state.person[1])  # "actually she moved over to Ballina", a timer after her
        subject = str(last.get("subject") or "")
    elif not (last_intent or "").startswith("memory.") and c.state.person and c.state.person[0] == "memory.remember" \
            and re.match(r"^(?:(?:no|wait|actually|sorry|oh)\b,? )+", c.raw.lower()) \
            and (m := re.match(r"^(?:the|my|our) (?P<n>[a-z]+)(?:'s name is|'s called| is called) ", c.t)) \
            and str(dict(c.state.person[1]).get("subject") or "").split()[-1:] == [m.group("n")]:
        last_intent, last = c.state.person[0], dict(c.state.person[1])  # "no wait, the mare's name is Dolly", a timer after her
        subject = str(last.get("subject") or "")
    if last_intent not in ("memory.remember", "memory.recall", "memory.remind_yearly", "date.until") or subject in ("", "me", "my name"):
        return None
    t = re.sub(r"^(?:(?:no|nah|naw|oh|and|actually|wait|so|well|sorry|hang on)\b,? )+", "", c.t)
    t = re.sub(r"^(?:i got that wrong|i made a mistake|my mistake|i was wrong|i said that wrong)\b,? ", "", t)
    whose = re.sub(r"'s (?:birthday|anniversary|address|number|phone number|job)$", "", subject)
    name_is = re.match(rf"^(?:his|her) name is (?P<v>{_NAME})$", t)
    if name_is and whose != subject and re.fullmatch(rf"(?:my|our) {RELATIONS}", whose) and name_is.group("v") not in _NOT_A_NAME:
        return "memory.remember", {"subject": f"{whose}'s name", "value": name_is.group("v")}  # "and her name's Akosua", of my mum
    named = re.match(rf"^(?:the|my|our|that|his|her) (?P<n>[a-z]+)(?:(?: is|'s) (?:called|named)|'s name is| name is) (?P<v>{_NAME})"
                     r"(?: not [a-z]+| [a-z]+ (?:was|is) the (?:old|other|last|previous|first) one)?$", t) \
        or re.match(rf"^(?:the|my|our) (?P<n>[a-z]+) is (?P<v>{_NAME})(?: not [a-z]+| [a-z]+(?:'s| is) the [a-z]+)$", t)
    # "no, the dog's called Angus, Hamish was the old one"; "nah sorry, the horse is Dusty, Biscuit's the cat"
    if named and subject.split()[-1] == named.group("n") and named.group("v") not in _NOT_A_NAME:
        return "memory.remember", {"subject": subject, "value": named.group("v")}  # "no, the dog's called Bramble" of "our neighbour's dog"
    t = re.sub(r"^(?:he|she|[a-z]+) (?:has |had )?(?:moved|changed jobs?|left)(?: house| away| on)?,? (?=(?:he|she) )", "", t)  # "she moved, she lives in Leeds now"
    t = re.sub(r"^(?:he|she)(?: is|'s) (?:(?:not|no longer) (?:there|working there|at [a-z' ]+?)|(?:off|done with|finished with|finished at|"
               r"away from|out of) (?:the )?[a-z' ]+?)(?: any ?more| any longer| now)?,? "
               r"(?=(?:he|she) )", "", t)  # "he's not there any more, he works at the hardware store now", "he's off the ferry now, he ..."
    t = re.sub(r"\blives (?:up|down|over|out|round|across) (?=(?:in|near|by) )", "lives ", t)  # "she lives over in Perth now"
    told_deed = re.match(r"(?:works|lives)\b", str(last.get("value") or ""))
    if told_deed:  # "no no, she shifted to Wipro last month", of where she works: where she works now
        t = re.sub(r"^(he|she) (?:has |just |has just )?(?:moved|shifted|switched|changed|gone|went)(?: jobs?| companies| house| over| across)?"
                   r" (?:over )?to (?P<x>[a-z][a-z' ]*?)(?: (?:last|this) (?:week|month|year)| recently| now)?$",
                   lambda w: f"{w.group(1)} {'works at' if told_deed.group(0) == 'works' else 'lives in'} {w.group('x')}", t)
    t = re.sub(r"(?: now| these days| nowadays)? (?:he|she|they) (?:had|has had|just had|turned|has turned|moved|changed)\b.*$", "", t)
    if re.search(r"\bmoved\b", c.raw.lower()) or str(last.get("value") or "").startswith("lives "):
        t = re.sub(r"^(he|she) is (?:up |down |over |out )?in ", r"\1 lives in ", t)  # "Aidan's moved, he's in Galway now"; "no, he's in Gweru", of where he lives
    if re.match(r"^(?:no|sorry|wait|actually|nah)\b", c.raw.strip().lower()):
        t = re.sub(r" not (?:in |at )?[a-z]+$", "", t)  # "no sorry, he's in Gweru not Bulawayo"
    if str(last.get("value") or "").startswith("works ") and re.match(r"^(?:he|she) is (?:at|with|for) (?!home\b)", t):
        t = re.sub(r"^(he|she) is (at|with|for) ", r"\1 works \2 ", t)  # "actually no, he's at the distillery now", of where he works
    if str(last.get("value") or "").startswith("works") and re.search(r"\bmoved to\b", c.raw.lower()):
        t = re.sub(r"^(he|she) lives in ", r"\1 works at ", t)  # "she's moved to the Pak n Save now", of a job
    with_whom = re.match(r"^(?P<v>(?:plays|sings|volunteers|coaches|rides|races|dances|rows|trains)\b.*? (?:with|for|in|at)) [a-z' ]+$",
                         str(last.get("value") or "").lower())
    if with_whom and re.search(r"\bmoved to\b", c.raw.lower()):  # "no wait, he moved to Desperadoes", of the band he plays pan with
        t = re.sub(r"^(he|she) lives in ", rf"\1 {with_whom.group('v')} ", t)
    couple = re.fullmatch(r"(?P<n>[a-z][a-z'-]*)'s (?:wife|husband|partner|spouse)", str(last.get("link_subject") or "")) or \
        re.fullmatch(r"(?P<n>[a-z][a-z'-]*)'s (?:wife|husband|partner|spouse)", subject)
    they = re.match(r"^they (?:have|have got|got) (?P<v>.+)$", t)
    if couple and they and c.state.last_intent == "memory.remember":  # "his wife Meera is a doctor" - "and they have two children"
        return "memory.remember", {"subject": couple.group("n"), "value": f"has {they.group('v')}"}
    turned = re.match(rf"^(?:he|she) (?:has |just |has just )?turned (?P<n>{_COUNT})(?: (?:last|this) (?:month|week|year)| recently| on [a-z]+| in [a-z]+|"
                      r" yesterday| today)?$", t)
    if turned and _count(turned.group("n")) is not None:  # "no sorry, she turned eight last month", of "is seven years old"
        said = turned.group("n")
        return "memory.remember", {"subject": subject, "value": f"is {said} years old" if "years old" in str(last.get("value") or "") else f"is {said}"}
    aged = re.fullmatch(rf"is (?:{_COUNT})(?P<old> years old)?", str(last.get("value") or ""))
    recounted = re.fullmatch(rf"(?:(?:he|she) is )?(?P<n>{_COUNT})(?: years old)?(?: now| already)?"
                             r"(?: (?:his|her) birthday (?:was )?(?:last|this) [a-z]+| (?:he|she) had (?:his|her|a) birthday.*)?", t)
    if aged and recounted and c.state.last_intent == "memory.remember" and re.match(r"^(?:no|sorry|wait|actually|nah|oh)\b", c.raw.strip().lower()):
        return "memory.remember", {"subject": subject, "value": f"is {recounted.group('n')}{aged.group('old') or ''}"}
        # "sorry, thirty three, he had his birthday last week", of "is thirty two years old"
    t = re.sub(r"^(?:now|these days|nowadays) (?=(?:he|she) )", "", t)  # "no sorry, now she works at the clinic in Wanchaq"
    m = re.match(rf"^(?:he|she) (?:also |now )?(?P<v>{_VERBS_3RD} .+?)(?: now| these days| nowadays| instead)?$", t)
    if m is None:  # "he's eight now, he had a birthday in January": the fact, without why it changed
        return None
    subject = re.sub(r"'s (?:name|birthday|anniversary)$", "", subject)  # "she" after "Kylie's birthday is ...": Kylie
    kin_named = re.fullmatch(rf"(?:{_NAME}|(?:my|our) [a-z]+)'s (?P<r>{RELATIONS})", subject)
    if kin_named and kin_named.group("r") in HE | SHE | {"partner", "spouse"} and last_intent == "memory.remember" \
            and re.fullmatch(_NAME, str(last.get("value") or "").lower()) and not re.match(r"^(?:he|she) is (?:called|named)\b", t) \
            and str(last.get("value")).lower() not in _NOT_A_NAME | _NOT_A_PERSON:  # "her husband's called Ciaran" - "and he works at the hospital": Ciaran
        subject = str(last["value"]).lower()
        last = {"subject": subject, "link_subject": kin_named.group("r")}
    pet = re.fullmatch(r"(?:my|our) (?:(?:wee|little|big|old|young|new) )?(?P<a>[a-z]+)", subject)
    breed = re.match(r"^(?:he|she|it) is (?P<v>(?:a|an) [a-z]+(?: [a-z]+)?)$", t)
    if pet and pet.group("a") in _PETS and breed and last_intent == "memory.remember":  # "we've a wee dog called Scamp" - "he's a border terrier"
        name = str(last.get("value") or "").lower()
        return "memory.remember", {"subject": name if re.fullmatch(_NAME, name) and name not in _NOT_A_NAME else subject,
                                   "value": f"is {breed.group('v')}"}
    if not re.fullmatch(rf"(?:my|our) {RELATIONS}|{_NAME}", subject):
        return None  # "he" is a person, not "my sister's flight"
    told = dict(c.state.person[1]) if c.state.person else {}
    link = last.get("link_subject") or (told.get("link_subject") if told.get("subject") == subject else None)  # asked of Brian, told as my son
    relation = re.sub(r"^(?:my|our) ", "", str(link or subject))
    said_he = t.split()[0] == "he"
    pet_name = re.match(rf"^(?:he|she|it) is (?:called|named) (?P<n>{_NAME})\b", t)
    if relation in ("dog", "cat", "pet", "horse", "pony", "puppy", "kitten", "rabbit") and pet_name:
        # "our dog's called Rolo" - "sorry, he's called Murphy" ("..., Biscuit was the old one": the name, not what follows)
        return "memory.remember", {"subject": subject, "value": pet_name.group("n")}
    if relation not in (HE if said_he else SHE):
        corrects = re.search(r"\b(?:correction|i got that wrong|my mistake|i was wrong)\b", c.raw.lower())
        if relation in (SHE if said_he else HE) or (last_intent == "memory.recall" and not (corrects and re.fullmatch(_NAME, relation))):
            return None  # "she" after talk of a brother, or of someone only asked about: not sure who (unless it corrects them)
    value = _before_news(m.group("v")) if re.match(r"^(?:no|sorry|wait|oh|actually)\b", c.raw.strip().lower()) else m.group("v")
    return "memory.remember", {"subject": subject, "value": value or m.group("v")}  # "no wait, she's at Baylor now, she transferred"


def rule_memory_theirs(c: Ctx) -> Result:
    """ "his wife is called Sue" right after Graham was talked about: Graham's wife is Sue."""
    last = dict(c.state.last_slots)
    if c.state.last_intent not in ("memory.remember", "memory.recall", "memory.remind_yearly"):
        return None
    day = re.match(r"^(?:his|her) (?P<d>birthday|anniversary) is (?:on )?(?P<v>.+)$", c.t)
    named = str(last.get("subject") or "").endswith("'s name") or (re.match(rf"^(?:my |{_NAME}'s (?:wife|husband|partner|son|daughter|brother|sister|"
                                                                           r"mother|father|mum|dad|boyfriend|girlfriend|fiancee?)$)", str(last.get("subject") or ""))
                                                                     and re.fullmatch(_NAME, str(last.get("value") or "").lower()))
    # "his wife is called Atieno" - "her birthday is on the twentieth of April": Atieno's
    person = str(last.get("value") if named else last.get("link_value") or last.get("subject") or "").lower()
    # "my wife's name is Aoife" or "my best mate is called Priya" - "her birthday's ..."
    told_name = person == str(last.get("link_value") or "").lower() and re.fullmatch(rf"{_NAME} [a-z][a-z'-]*", person)  # "Jean Luc"
    if day and (re.fullmatch(_NAME, person) or told_name or re.fullmatch(rf"(?:my|our) {RELATIONS}", person)) \
            and person not in ("me", *_NOT_A_PERSON):  # "her birthday's the nineteenth of June", of Thandi or of "my wife"
        return "memory.remember", {"subject": f"{person}'s {day.group('d')}", "value": day.group("v")}
    code = re.match(r"^(?:and |oh and )?(?:his|her) (?P<s>(?:[a-z]+ )?(?:code|password|pin|combination|number|postcode|address|gate code|"
                    r"door code|key safe code|wifi password))(?: is|'s) (?P<v>[a-z0-9][a-z0-9' -]*)$", c.t)
    owner = re.sub(r"'s (?:[a-z]+)$", "", person) if "'s " in person else person
    if code and re.fullmatch(rf"{_NAME}|(?:my|our) {RELATIONS}", owner) and owner not in ("me", *_NOT_A_PERSON):
        return "memory.remember", {"subject": f"{owner}'s {code.group('s')}", "value": code.group("v")}  # "and her gate code is 4719", of Doreen
    m = re.match(rf"^(?:his|her) (?P<rel>{RELATIONS}) is (?:called |named )?(?P<v>{_NAME}(?: {_NAME})?)$", c.t)
    and_does = re.match(rf"^(?:and )?(?:his|her) (?P<rel>{RELATIONS}) is (?:called |named )?(?P<v>{_NAME}),?(?: and)? (?:she|he) (?P<verb>{_VERBS_3RD} .+)$", c.t)
    does = re.match(rf"^(?:his|her) (?P<rel>{RELATIONS}) (?P<v>{_NAME}) (?P<verb>{_VERBS_3RD} .+)$", c.t)
    theirs = re.match(rf"^(?:and )?(?:his|her|their) (?:little |wee |baby |eldest |youngest |oldest |new )?(?P<rel>{RELATIONS}|boy|girl|lad|lass) "
                      rf"(?P<v>{_NAME})'s (?P<d>birthday|anniversary) is (?:on )?(?P<when>.+)$", c.t)  # "their little boy Jaylen's birthday is ..."
    if m is None and does is None and theirs is None and and_does is None:
        return None
    m = m or does
    named = str(last.get("link_value") or "")
    subject = str(last.get("subject") or "")
    whose = subject.split("'s ")[0] if "'s " in subject else subject  # "dad's doctor is Dr Flett" - "his carer ...": dad's
    owner = named if re.fullmatch(_NAME, named) else whose if re.fullmatch(rf"{_NAME}|(?:my|our) {RELATIONS}", whose) else \
        (subject.split()[-1] if re.fullmatch(rf"my {RELATIONS} {_NAME}", subject) else None)  # "his carer Isla ..." of Tom or of my dad
    if not owner:
        return None
    if and_does is not None and and_does.group("v") not in _NOT_A_NAME:  # "his wife is called Funmi, she sells fabric in Gbagi market"
        return "memory.remember", {"subject": and_does.group("v"), "value": and_does.group("verb"),
                                   "link_subject": f"{owner}'s {and_does.group('rel')}", "link_value": and_does.group("v")}
    if theirs is not None and theirs.group("v") not in _NOT_A_NAME:  # "and her brother Archie's is the second of June", after Matilda's
        rel = {"boy": "son", "lad": "son", "girl": "daughter", "lass": "daughter"}.get(theirs.group("rel"), theirs.group("rel"))
        return "memory.remember", {"subject": f"{theirs.group('v')}'s {theirs.group('d')}", "value": theirs.group("when"),
                                   "link_subject": f"{owner}'s {rel}", "link_value": theirs.group("v")}
    if m is None and does is None:
        return None
    if does is not None and does.group("v") not in _NOT_A_NAME:  # "his wife Noor works at the library"
        return "memory.remember", {"subject": does.group("v"), "value": does.group("verb"),
                                   "link_subject": f"{owner}'s {does.group('rel')}", "link_value": does.group("v")}
    return "memory.remember", {"subject": f"{owner}'s {m.group('rel')}", "value": m.group("v")}


HE = frozenset({"husband", "boyfriend", "fiance", "son", "brother", "father", "dad", "uncle", "nephew", "grandson", "grandfather", "grandpa",
                "grandad", "granddad", "tito", "lolo", "great grandson", "great grandfather", "great grandpa", "great uncle", "great nephew"})
SHE = frozenset({"wife", "girlfriend", "fiancee", "daughter", "sister", "mother", "mum", "mom", "aunt", "auntie", "aunty", "niece", "granddaughter",
                 "grandmother", "grandma", "granny", "nan", "nana", "nanna", "gran", "tita", "lola", "great granddaughter", "great grandmother",
                 "great grandma", "great aunt", "great niece"})
"""Relations said "he" of and "she" of: the rules read a pronoun by them, the replies say one by them."""


def _swapped_in_a_fact_told(c: Ctx) -> Result:
    """ "no wait, it's cashews, not peanuts" a turn or two after "he's allergic to peanuts" (a question
    between them): the fact told of that person, with the one thing said instead of the other."""
    fillers = r"^(?:(?:no|naw|nah|wait|hold on|hang on|sorry|oh|actually|b'y|love|mate|hun|pet|bud)(?!\w),? )*"
    m = re.match(rf"{fillers}(?:it is|it was|it is actually) (?P<new>[a-z][a-z' ]*?),? not (?:the )?(?P<old>[a-z][a-z' ]*?)(?: actually| sorry)?$",
                 c.t) or (re.match(rf"{fillers}i am (?:actually )?(?:an? )?(?P<new>[a-z][a-z']*(?: [a-z][a-z']*)?),? not (?:an? )?(?P<old>[a-z][a-z']*(?: [a-z][a-z']*)?)$",
                                   c.t) if dict(c.state.last_slots).get("subject") == "me" else None) or re.match(rf"{fillers}not (?:in |at )?(?P<old>[a-z][a-z' ]*?),? (?:he|she|they|it)(?:'s|'re| is| are| works| lives|"
                                  r"(?: has| have)? (?:moved|shifted|gone|went|transferred|relocated)) "
                                  r"(?:up |down |over |out )?(?:at|in|on|to) (?P<new>[a-z][a-z' ]*?)"
                                  r"(?: now| these days| actually| (?:last|this) (?:week|month|year)| recently)?$", c.t) \
        or re.match(rf"{fillers}(?:it )?not (?:the )?(?P<old>[a-z][a-z' ]*?),? (?:it is|it was|it is actually|is) (?P<new>[a-z][a-z' ]*?)(?: actually| now)?$",
                    re.sub(r" i (?:always|keep|am always) [a-z' ]+$", "", c.t))
    # "ah sorry, not peanuts, it is sesame"; Trinidadian "no wait, it not silver, is grey, I always mixing that up"
    # "sorry, not Jwaneng, he's at Orapa now" of "works at the diamond mine in Jwaneng"
    if m is None or not (c.state.last_intent or "").startswith("memory."):
        return None
    new = re.sub(r" (?:he|she|they|i|we)(?:'s| is| are| am)? (?:allergic|intolerant) to$", "", m.group("new"))  # "it's peanuts he's allergic to"
    new = re.sub(r" (?:who|that) (?:has|keeps|got) (?:it|them|the [a-z]+(?: [a-z]+)?)$", "", new)  # "it is Halyna from flat five who has the key"
    told_last = ("memory.remember", c.state.last_slots) if c.state.last_intent == "memory.remember" else None
    for intent, items in [x for x in (told_last, c.state.person) if x]:  # the fact just told (a thing, the user), else the person
        told = dict(items)
        value = str(told.get("value") or "")
        if intent == "memory.recall" and told.get("query") in ("allergic", "intolerant"):  # asked by another name: "what's Ciaran allergic to"
            value = f"is {told['query']} to {m.group('old')}"
        elif intent != "memory.remember":
            continue
        new_words, old_words = new.split(), m.group("old").split()
        led = " ".join(new_words[:len(new_words) - len(old_words)]) if len(new_words) > len(old_words) else ""
        said_before = re.compile(rf"\b(?:{re.escape(led)} )?{re.escape(m.group('old'))}\b" if led else rf"\b{re.escape(m.group('old'))}\b",
                                 re.IGNORECASE)  # "it's B negative, not positive" of "B positive": B negative, once
        if intent == "memory.remember" and str(told.get("subject") or "").lower() == m.group("old") \
                and re.match(r"^has (?:my|our|the) ", value):  # "Tom has our spare key" ... "no, not Tom, it's Mary": Mary has it
            holder = re.sub(r" (?:from |in )?(?:next door|upstairs|downstairs|(?:from |in )?flat [a-z]+)$", "", new)  # "Halyna from flat five": Halyna
            return "memory.remember", {"subject": holder, "value": value}
        if not told.get("subject") or not said_before.search(value):
            continue
        swapped = said_before.sub(new, value)
        if str(told["subject"]).lower() == "me" or re.search(r"\b(?:allergic|intolerant) to\b", value):  # one of several things the user is: the one said instead goes (skills/memory)
            swapped = f"{swapped}, not {m.group('old')}"
        return "memory.remember", {"subject": str(told["subject"]).lower(), "value": swapped}
    return None


def _moved_myself(c: Ctx) -> Result:
    """ "no hang on, I moved, I'm at the Royal Glamorgan now" right after "I work at Prince Charles
    Hospital": where the user works (or lives) now."""
    last = dict(c.state.last_slots)
    if c.state.last_intent != "memory.remember" or last.get("subject") != "me":
        return None
    told = re.match(r"^i (?P<v>work|live) (?P<p>at|in|for) (?:(?P<k>the [a-z' ]+?) (?:in|at|on) )?", str(last.get("value") or ""), re.IGNORECASE)
    t = re.sub(r"^(?:(?:no|nah|sorry|wait|actually|oh)\b,? )+", "", c.t)
    now = re.match(r"^(?:i (?:have )?(?:moved|changed jobs?|left|switched)(?: jobs?| house)?,? )?i am (?:at|in|with) (?P<x>[a-z][a-z' ]*?)"
                   r"(?: now| these days| instead)?$", t) \
        or re.match(r"^i (?:have )?(?:moved|switched|transferred|changed)(?: jobs?| over)? to (?P<x>[a-z][a-z' ]*?)(?: now| these days| instead)?$", t)
    if told is None or now is None:
        return None
    where = now.group("x")
    same = re.match(r"^the one (?P<p>in|at|on) (?P<y>.+)$", where)
    if same and told.group("k"):  # "I've moved to the one in Dundee", of "the hospital in Arbroath": the hospital in Dundee
        where = f"{told.group('k').lower()} {same.group('p')} {same.group('y')}"
    return "memory.remember", {"subject": "me", "value": f"I {told.group('v').lower()} {told.group('p').lower()} {where}"}


def _recounted(c: Ctx) -> Result:
    """ "my neighbour Magnus has forty two ewes" - "no sorry, it's fifty two, he bought more at the mart": his ewes, counted again."""
    last = dict(c.state.last_slots)
    deed_count = re.match(rf"^(?P<pre>(?:has|have|keeps|runs|milks|owns)(?: got)? (?:about |around )?)(?P<n>{_COUNT}) (?P<rest>[a-z' ]+)$",
                          str(last.get("value") or ""))
    recounted = re.match(rf"^(?:(?:no|nah|sorry|wait|oh|actually|make (?:that|it))\b,? )+(?:it is |it's |that is |he has |she has )?(?P<n>{_COUNT})\b", c.t)
    if c.state.last_intent == "memory.remember" and deed_count and recounted and _count(recounted.group("n")) is not None:
        return "memory.remember", {"subject": str(last.get("subject")), "value": f"{deed_count.group('pre')}{recounted.group('n')} {deed_count.group('rest')}"}
    herd = re.fullmatch(r"(?:my|our) (?P<w>[a-z]+s)", str(last.get("subject") or ""))
    again = re.match(rf"^(?:(?:no|nah|sorry|wait|oh|actually|eh)\b,? )*(?:it is |we have |i have )?(?P<n>{_COUNT})(?: (?P<w>[a-z]+))?\b", c.t)
    counted = _count(again.group("n")) if again else None
    if c.state.last_intent == "memory.remember" and herd and str(last.get("value") or "").isdigit() and counted is not None \
            and re.search(r"\b(?:no|nah|sorry|wait|actually|oops)\b", c.raw.lower()) and again.group("w") in (None, herd.group("w")):
        return "memory.remember", {"subject": str(last["subject"]), "value": str(counted)}  # "eh sorry, five cows, I bought one yesterday"
    return None


_PLACE_WORD = r"(?:at|in|on|near|by|under|behind|inside)"


def _kept_elsewhere(c: Ctx) -> Result:
    """ "my uncle Dermot keeps his caravan at the site in Tramore" | "no, it's at the site in Bunmahon now, he
    moved it in May": where he keeps it, said anew (not where he is, and whoever he was told to be)."""
    last = dict(c.state.last_slots)
    told = str(last.get("value") or "")
    if c.state.last_intent != "memory.remember" or str(last.get("subject") or "") in ("", "me", "my name") \
            or not re.match(rf"(?!(?:is|was|lives|works|stays)\b){_VERBS_3RD} [a-z' ]+? {_PLACE_WORD} ", told):
        return None
    m = re.match(rf"^(?P<no>(?:(?:no|oops|wait|oh|sorry|hang on|hold on|actually|correction)\b,? )*)(?P<it>(?:it is|they are|it is actually) )?"
                 rf"(?P<v>{_PLACE_WORD} [a-z0-9' ]+?)(?: now| these days| instead)?"
                 r"(?:,? (?:he|she|they|i|we) (?:moved|took|shifted|brought|put) (?:it|them)\b.*)?$", c.t)
    if m is None or not (m.group("no") or m.group("it")):
        return None
    new = m.group("v")
    at = re.search(rf" {new.split()[0]} ", told) or re.search(rf" {_PLACE_WORD} ", told)
    return "memory.remember", {"subject": str(last["subject"]), "value": f"{told[:at.start()]} {new}"}


_WHERE_IT_IS = r"(?:in|on|under|at|by|behind|inside)"
"""The words a thing's place starts with ("in the kitchen drawer", "under the old tyre"), as a correction says it."""
_A_PLACE = rf"(?:{_WHERE_IT_IS}|next to|beside|on top of) "
"""A fact that is where something is kept: "in the top drawer", "under the sink"."""
_SURFACES = r"\b(?:shelf|shelves|table|counter|worktop|windowsill|sill|dresser|mantelpiece|desk|sideboard|top|rack|hook|bench|ledge|floor)$"


def _place_word(said: str, where: str) -> str:
    """How a thing moved "to" a place is there: on a shelf, in a drawer; as said otherwise ("onto" is "on")."""
    if said == "to":
        return "on" if re.search(_SURFACES, where) else "in"
    return {"into": "in", "onto": "on"}.get(said, said)


def _as_just_told(c: Ctx, slots: tuple) -> Ctx:
    """`c` as if the fact in `slots` had been told the turn before, so that a correction corrects it."""
    return Ctx(raw=c.raw, t=c.t, state=replace(c.state, last_intent="memory.remember", last_slots=tuple(slots)), now=c.now)


def _allergy_corrected(c: Ctx) -> Result:
    """ "my son Bayu is allergic to shrimp" | "no wait, it's crab": crab instead of shrimp, as "no sorry, he's allergic
    to crab" says it."""
    last = dict(c.state.last_slots)
    told = re.match(r"^(?P<h>.*\b(?:allergic|intolerant) to) (?P<x>[a-z' ]+?)(?:, not [a-z' ]+)?$", str(last.get("value") or ""), re.IGNORECASE)
    said = re.match(r"^(?:(?:no|nope|wait|oh|sorry|oops|actually|hang on|hold on)\b,? )*(?:it is|it was|it is actually|i meant|i mean|make that|make it) "
                    r"(?P<v>[a-z' ]+?)(?: not [a-z' ]+)?(?: actually| instead| sorry)?$", c.t)
    if c.state.last_intent != "memory.remember" or not (told and said) or said.group("v") == told.group("x").lower() \
            or not re.match(r"^\W*(?:(?:oh|ah|um|er),? )?(?:no|nope|nah|sorry|actually|wait|oops|hang on|hold on)\b", c.raw.lower()):
        return None
    return "memory.remember", {"subject": str(last["subject"]), "value": f"{told.group('h')} {said.group('v')}, not {told.group('x')}"}


def rule_memory_correction(c: Ctx) -> Result:
    """ "actually it's blue" / "no, I meant Thursday" right after a fact was told: the fact, corrected."""
    allergy = _allergy_corrected(c)
    if allergy is not None:
        return allergy
    sold = re.match(r"^(?:(?:no|wait|oh|sorry|actually)\b,? )*(?:i|we) (?:have )?(?:sold|traded in|traded|got rid of|scrapped) (?:the|my|our|it|that) ?[a-z ]*?,? "
                    r"(?:and )?(?:now )?(?:i|we) (?:drive|have|have got|got|ride) (?P<v>an? [a-z0-9 ]+?)(?: now)?$", c.t)
    told_of = dict(c.state.last_slots) if c.state.last_intent == "memory.remember" else dict(c.state.person[1]) if c.state.person else {}
    if sold and re.fullmatch(rf"(?:my|our) {VEHICLES}", str(told_of.get("subject") or "")):  # "I've sold the Corolla, now I drive a black Honda Civic"
        return "memory.remember", {"subject": str(told_of["subject"]), "value": sold.group("v")}
    traded = re.match(r"^(?:(?:no|wait|oh|sorry|actually)\b,? )*(?:i|we) (?:have )?(?:traded|sold|swapped|part exchanged|got rid of|replaced|moved|"
                      r"shifted) (?:it|her|him|that)\b", c.t)
    yearly = dict(c.state.last_slots).get("subject") if c.state.last_intent == "memory.remind_yearly" else None
    if yearly and re.match(r"^(?:(?:no|nah|sorry|oops|wait|actually|oh)\b,? )*(?:it is|it was|i meant|make (?:that|it))\b", c.t):
        # "nah" to a yearly reminder, then "sorry, it's the tenth of July, not the ninth": the date just told, corrected
        c = _as_just_told(c, (("subject", yearly),))
    if traded and c.state.last_intent != "memory.remember" and c.state.person and c.state.person[0] == "memory.remember":
        # "my truck is a silver F-150" ... "I traded it in yesterday, it's a red Ram now": the thing told, a few turns on
        c = _as_just_told(c, c.state.person[1])
    last = dict(c.state.last_slots)
    subject = str(last.get("subject") or "")
    kept = _kept_elsewhere(c)
    if kept is not None:
        return kept
    shifted = re.match(r"^(?:(?:no|sorry|actually|oh|wait)\b,? )*(?:his|her|their|the|its) (?P<thing>[a-z]+) (?:(?:has )?(?:shifted|moved|relocated) "
                       r"(?:over )?to|lives in|is now in) (?P<x>[a-z][a-z' ]*?)(?: this year| last [a-z]+| recently| now)?$", c.t)
    # (where a thing moved to is read as where it "lives" before this rule sees it)
    if shifted and c.state.last_intent == "memory.remember" and subject.endswith(f"'s {shifted.group('thing')}"):
        return "memory.remember", {"subject": subject, "value": f"is in {shifted.group('x')}"}  # "no sorry, her school shifted to Sitabuldi"
    if c.state.last_intent == "memory.remember" and subject == "my name":  # "no, you misheard me, it's Tara with a T"
        m = re.match(r"^(?:(?:no|sorry|oops|wait|actually|you misheard(?: me)?|you got it wrong|not quite)\b,? )*"
                     r"(?:it is|it's|i said|my name is|i am|call me) (?P<v>[a-z]+)(?: with an? [a-z])?(?: not [a-z]+)?$", c.t)
        return ("memory.remember", {"subject": "my name", "value": m.group("v")}) if m and m.group("v") not in _NOT_A_NAME else None
    asked_of = c.state.last_intent == "memory.recall" and (re.search(r"\b(?:code|password|passcode|pin|combination|number)$", subject) or (
        re.match(rf"(?:(?:my|our) [a-z]+|{_NAME}'s (?!birthday|anniversary)[a-z]+)(?: [a-z]+)?$", subject) and not re.fullmatch(rf"(?:my|our) {RELATIONS}", subject)
        and not last.get("query")))  # "what's my blood group" - "no wait, it's B negative, not positive"; "who was his key worker" - "it's Mr Devlin"
    if not (c.state.last_intent == "memory.remember" or asked_of) or subject in ("", "my name") or (
            last.get("link_subject") and "'s " not in subject):  # "my nephew Jaylen's birthday is ...": the birthday may be corrected
        return None  # right after a fact was told, or a code was asked for ("what's the number for the top gate" - "it's 4716")
    count = re.match(rf"^(?:(?:no|sorry|wait|oh|actually|make (?:that|it))\b,? )*(?P<n>{_COUNT}|[a-z0-9]+)(?: now)?\b", c.t)
    # "actually make that three hundred and forty, we bought in some heifers": the whole number
    corrects = re.match(r"^(?:no|nope|sorry|wait|oh|actually|make (?:that|it))\b", c.raw.strip().lower())
    counted = _count(count.group("n")) if count else None
    counted = counted if counted is not None else (parse_number(count.group("n")) if count else None)
    if str(last.get("value") or "").isdigit() and count and corrects and counted is not None:
        return "memory.remember", {"subject": subject, "value": str(int(counted))}  # "no sorry, four now"
    said = re.sub(r",? (?:i had it wrong|i got it wrong|i was wrong|my mistake|my bad|silly me|i misremembered)$", "", c.t)
    said = re.sub(r"^(?:(?:no|oops|wait|oh|sorry|hang on|actually)\b,? )*(?:(?:i|we|he|she|they) (?:have )?(?:changed|reset|updated)|change) "
                  r"(?:it|the code|the password)\b,? ", "", said)  # "they changed it, it's 8551 now", "change it, it's Saturday now"
    said = re.sub(r"^(?:(?:no|wait|oh|sorry|hang on|actually)\b,? )*(?:i|we|he|she|they) (?:have )?(?:moved|move|shifted|shift|put|hid) (?:it|them)\b"
                  rf"(?: already| just now| earlier| since)?(?: and)?,? (?:now )?(?=it is |it's |they are |it {_WHERE_IT_IS} |(?:the|my|our) [a-z ]+ (?:is|are) )",
                  "", said)  # "no wait, I moved it, it's under the old tyre now", "actually I moved it already, now it's at level five"
    said = re.sub(rf"^(?:the |my |our )?{re.escape(re.sub(r'^(?:my|our|the) ', '', subject))} (?:is|are) (?=(?:{_WHERE_IT_IS}|next to)\b)",
                  "it is ", said)  # "I moved it, the spare key is in the kitchen drawer now": the thing said again
    said = re.sub(rf"^it (?={_WHERE_IT_IS} )", "it is ", said)  # Caribbean "I move it, it in the kitchen drawer now"
    moved = re.match(r"^(?:(?:no|wait|oh|sorry|actually|hang on)\b,? )*(?:i|we) (?:have )?(?:just )?(?:moved|shifted|took|put) (?:it|her|him|them|the [a-z]+|my [a-z]+) "
                     r"(?:over |up |down |round |across |back )?(?P<p>to|into|in|onto|on|under|behind|inside) (?P<x>(?:the |a |an )?[a-z0-9' ]+?)(?: now| instead)?$", said)
    if moved and re.match(r"(?:parked|left|kept|moored|tied up)\b", str(last.get("value") or "")):  # "actually I moved it over to the Market Square garage"
        verb = str(last.get("value")).split()[0]
        return "memory.remember", {"subject": subject, "value": f"{verb} at {moved.group('x')}"}
    mine = re.match(r"(?P<did>I (?:parked|left|put|hid|keep|kept|stored)(?: (?:the|my|our) [a-z' ]+?)?) (?P<p>at|in|on|under|behind|by) ",
                    str(last.get("value") or "")) if subject == "me" else None
    if moved and mine:  # "I parked the car at level three" ... "actually I moved it to level five"
        place = "at" if mine.group("p") == "at" and moved.group("p") == "to" else _place_word(moved.group("p"), moved.group("x"))
        return "memory.remember", {"subject": "me", "value": f"{mine.group('did')} {place} {moved.group('x')}"}
    if moved and re.match(_A_PLACE, str(last.get("value") or "")):  # "my tablets are in the top drawer" ... "I moved them to the kitchen shelf"
        return "memory.remember", {"subject": subject, "value": f"{_place_word(moved.group('p'), moved.group('x'))} {moved.group('x')}"}
    said = re.sub(r"^(?:(?:no|wait|oh|sorry|actually)\b,? )*(?:i|we) (?:have )?(?:traded|sold|swapped|part exchanged|got rid of|replaced) (?:it|her|him|that)"
                  r"(?: in)?(?: (?:yesterday|today|last [a-z]+|this [a-z]+|recently))?,? (?=it is )", "no ", said)  # "I traded it in yesterday, it's a red Ram now"
    said = re.sub(r",? (?:i|we|he|she|they) (?:moved|changed|switched|swapped|got) (?:it|the car|them|house|jobs?|us|me)\b.*$", "", said)
    said = re.sub(r",? (?:i|we) (?:went|drove|had to go|ended up|came) [a-z' ]+$", "", said)  # "it's level four, I went up another floor"
    said = re.sub(r"^(?:(?:no|oops|wait|oh|sorry|hang on|hold on|actually)\b,? )*(?:that|it|this) (?:is|was) the (?:old|last|other|previous|first) one,? "
                  r"(?:she|he|it|they) (?:is|are)(?: called| named)? ", "it is ", said)  # "no wait, that's the old one, she's the Sea Breeze now"
    renamed = re.match(rf"^(?:(?:no|oops|wait|oh|sorry|hang on|actually)\b,? )*(?:her|his|its|their|she|he) name is (?P<v>{_NAME})"
                       rf"(?: now| actually)?(?:,? (?:my|our|the|he|she|they|we|i)\b.*|,? [a-z]+ (?:was|is) the (?:old|other|last|first) one"
                       rf"|,? [a-z]+ is (?:my|our) [a-z]+(?: in law)?)?$", said)
    # Guyanese "she name is Dusty, Rusty was the old one"; Kenyan "her name is Moraa, Kemunto is my sister"
    if renamed and subject != "me" and not re.search(r"'s (?:birthday|anniversary|address|number|job)$", subject) \
            and renamed.group("v") not in _NOT_A_NAME:  # "her name's Juniper, my daughter changed it"
        return "memory.remember", {"subject": subject, "value": renamed.group("v")}
    said = re.sub(r" (?:the|my|our|his|her) [a-z]+ is (?:called|named) [a-z'-]+$", "", said)  # "I meant Smudge, the cat's called Smudge"
    if corrects and re.search(r"\b(?:birthday|anniversary)$", subject):  # "our anniversary is the second of November" | "no sorry, the third of November"
        said = re.sub(rf"^(?:(?:no|nope|wait|oh|sorry|oops|actually)\b,? )*(?=(?:on )?(?:the )?(?:{DAY_OF_MONTH_RE}) of (?:{MONTH_RE})$|"
                      rf"(?:on )?(?:{MONTH_RE}) (?:the )?(?:{DAY_OF_MONTH_RE})$)", "no it is ", said)
    renumbered = _renumbered(str(last.get("value") or ""), said) if corrects else None
    if renumbered:  # "I parked on level three at Atwater" | "no wait, level four"
        return "memory.remember", {"subject": subject, "value": renumbered}
    m = re.match(r"^(?:(?:no|oops|wait|oh|sorry|hang on|hold on|actually|i am wrong|i was wrong|i got (?:it|that) wrong|my mistake|my bad)\b,? )*"
                 r"(?:it is|it was|it is actually|they are(?= (?:in|on|at|under|behind|inside|by|next to)\b)|i meant|i mean|make that|make it|(?P<bare>is)(?= (?!(?:it|that|this|he|she|there|they|you|i|we|the|a|an|my|your)\b))|"
                 r"change it to|it should be|that should be|that is wrong it is|sorry it is) (?P<v>[a-z0-9][a-z0-9' ]*?)"
                 r"(?: not [a-z0-9 ]+)?(?: actually| instead| sorry| now)?$", said)
    if m is None or m.group("v") in ("fine", "okay", "ok", "good", "wrong", "right", "that", "it", "not", "nothing"):
        return None
    if m.group("bare") and not re.match(r"^(?:(?:ah|oh|och|aw|aye) )?(?:no|nope|wait|hold on|hang on|sorry|oops)\b", c.raw.strip().lower()):
        return None  # "no hold on, is Pebbles" corrects; "is Claire allergic to anything" asks
    value = _before_news(m.group("v"))
    month = re.search(rf"\b(?:the )?(?:{DAY_OF_MONTH_RE}) of (?P<m>{MONTH_RE})$", str(last.get("value") or ""), re.IGNORECASE)
    if month and re.fullmatch(rf"(?:the )?(?:{DAY_OF_MONTH_RE})", value):
        value = f"{value} of {month.group('m')}"  # "the twentieth of April" - "no wait, it's the twenty first": of April still
    lead = re.match(rf"{_COUNT}\b", value) if str(last.get("value") or "").isdigit() else None
    if lead and _count(lead.group(0)) is not None:  # "I've got three grandkids" (kept as 3) | "make that four": a count, as the first was
        value = str(_count(lead.group(0)))  # "it's two thousand four hundred after the lambing count": the count alone
    placed = re.match(r"^(?:[a-z]+ed|tied up|kept|left|put|lives|works|stays|is (?:allergic|intolerant|based|staying|living)|is) "
                      r"(?:in|on|at|near|by|under|behind|inside|to|for)\b", str(last.get("value") or ""))
    if subject == "me" or placed:  # "I parked in the blue zone" | "no, it's the green zone": the place said anew
        value = re.sub(r"^(?:in|on|at) (?=(?:level|floor|deck|bay|row|zone|aisle|space|spot|locker|room|ward|gate|platform) )", "", value)
        # "it's at level five" of "at level three": the numbered place
        renumbered = _renumbered(str(last.get("value") or ""), value)
        if renumbered:  # "on placement on ward thirty two at the RVI" | "it's ward thirty four": that number, the rest as told
            return "memory.remember", {"subject": subject, "value": renumbered}
        told = re.match(r"^(?P<head>.+? (?:in|on|at|near|by|as|from|to|for|under|behind|inside))(?P<tail>(?: the| a| an| my)? [a-z0-9' ]+)$",
                        str(last.get("value") or ""), re.IGNORECASE)
        if told is None:
            return None
        tail, new = told.group("tail").split(), value.split()
        if len(new) == 2 and tail and tail[0].lower() == new[0] and len(tail) > 2:  # "level three of the multistorey" | "it's level four"
            new = new + tail[len(new):]
        head = told.group("head")
        if new and new[0] in ("in", "on", "at", "near", "by", "under", "behind", "inside") and re.search(rf" {_WHERE_IT_IS}$|\bnear$", head):
            head = head.rsplit(" ", 1)[0]  # "I parked the car at Albrook mall" | "now it is at Multiplaza": its own place word
        said_instead = f"{head} {' '.join(new)}"
        if subject == "me" and " ".join(new).lower() != told.group("tail").strip().lower() and re.search(
                r"\b(?:allergic|intolerant|sensitive|afraid|scared|stand|hate|like|love)\b", told.group("head"), re.IGNORECASE):
            said_instead += f", not {told.group('tail').strip()}"  # one of several things the user is allergic to: the one corrected goes (skills/memory)
        return "memory.remember", {"subject": subject, "value": said_instead}
    return "memory.remember", {"subject": subject, "value": value}


def _renumbered(before: str, said: str) -> str | None:
    """A fact told with a numbered thing in it ("on level three at Atwater"), that number said anew
    ("level four"): the fact with the new number, the rest as told; None when it holds no such thing."""
    numbered = re.fullmatch(rf"(?P<k>[a-z]+) (?:{_COUNT})", said)
    at = re.search(rf"\b{numbered.group('k')} (?:{_COUNT})\b", before, re.IGNORECASE) if numbered else None
    return f"{before[:at.start()]}{said}{before[at.end():]}" if at else None


def _before_news(value: str) -> str:
    """The value of a correction without the news said after it: "diesel, Duke was the old dog" is
    Diesel; "four now, little Ruby arrived last week" is four."""
    words = value.split()
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        if words[i] not in ("not", "and", "or", "the", "of") and (starts_a_reason(rest) or re.match(
                r"(?:little |baby |wee |our |my )?[a-z]+ (?:was|is|arrived|came|was born|passed|died|got|has|had)\b", rest)):
            words = words[:i]
            break
    return re.sub(r" now$", "", " ".join(words))


def rule_memory_people(c: Ctx) -> Result:
    """Facts about people and their relations, kept as subject / relation / value:
    "my sister Rachel has a dog called Biscuit", "Paul's wife is Tatiana", "Amy's birthday is June 3rd"."""
    t = c.t
    if re.match(r"^(?:what|when|where|who|whom|whose|how|which|why|is|are|do|does|did|can|could|will|would)\b", t):
        return None  # a question, never a fact
    m = re.match(rf"{_FILLER_START}my (?P<rel>{RELATIONS}) (?P<name>{_NAME}) (?:has|owns|has got|got) (?:a|an) (?P<what>[a-z]+) "
                 rf"(?:called|named|by the name of) (?P<v>{_NAME}(?: {_NAME})?)$", t)
    if m:
        return "memory.remember", {"subject": f"{m.group('name')}'s {m.group('what')}", "value": m.group("v"),
                                   "link_subject": f"my {m.group('rel')}", "link_value": m.group("name")}
    m = re.match(rf"{_FILLER_START}my (?P<rel>{RELATIONS}) (?P<name>{_NAME})'s (?P<what>{RELATIONS}) is (?:(?:called|named) )?(?P<v>.+)$", t)
    if m and m.group("name") not in _NOT_A_PERSON | _NOT_A_NAME:  # "my goddaughter Maisie's birthday is the thirtieth of April"
        # "my mate Bazza's dog is called Nugget": the dog's name, as "no, the dog's called Chook" corrects it
        return "memory.remember", {"subject": f"{m.group('name')}'s {m.group('what')}", "value": m.group("v"),
                                   "link_subject": f"my {m.group('rel')}", "link_value": m.group("name")}
    m = re.match(rf"{_FILLER_START}(?P<o>{_NAME}) (?:has|has got|owns|got) (?:a|an) (?P<what>[a-z]+) (?:called|named) (?P<v>{_NAME})$", t)
    if m and m.group("o") not in _NOT_A_PERSON | _NOT_A_NAME | {"who", "what"}:  # "Callum's got a dog called Rolo"
        return "memory.remember", {"subject": f"{m.group('o')}'s {m.group('what')}", "value": m.group("v")}
    m = re.match(rf"{_FILLER_START}my (?P<rel>{RELATIONS}) (?P<name>{_NAME}),? (?:his|her) (?P<what>{RELATIONS}) is (?P<v>.+)$", t)
    if m and m.group("name") not in _NOT_A_PERSON | _NOT_A_NAME:  # "my colleague Marcus, his birthday's the third of June"
        return "memory.remember", {"subject": f"{m.group('name')}'s {m.group('what')}", "value": m.group("v"),
                                   "link_subject": f"my {m.group('rel')}", "link_value": m.group("name")}
    m = re.match(rf"{_FILLER_START}(?:(?P<my>my|our) (?P<rel>{RELATIONS}) )?(?P<name>{_NAME}) (?:turns|is turning|will be|will turn) (?:{_COUNT})"
                 rf"(?: years old)? on (?P<d>(?:the )?(?:{DAY_OF_MONTH_RE}) of (?:{MONTH_RE})|(?:{MONTH_RE}) (?:the )?(?:{DAY_OF_MONTH_RE}))$", t)
    if m and m.group("name") not in _NOT_A_PERSON | _NOT_A_NAME | {"it", "that", "this"}:  # "my moko Tama turns five on the twentieth of April"
        link = {"link_subject": f"{m.group('my')} {m.group('rel')}", "link_value": m.group("name")} if m.group("rel") else {}
        return "memory.remember", {"subject": f"{m.group('name')}'s birthday", "value": m.group("d"), **link}
    m = re.match(rf"{_FILLER_START}(?P<my>my|our) (?P<rel>{RELATIONS}) (?P<name>{_NAME}{_SECOND_NAME}) (?P<verb>{_VERBS_3RD}) (?P<rest>.+)$", t)
    if m and m.group("name").split()[0] not in _NOT_A_PERSON | _NOT_A_NAME:
        verb = m.group("verb")  # "our dog Mabel is a lurcher" as "my sister Jane is a nurse"
        whose = re.match(r"(?P<n>[a-z-]+)'s [a-z]", m.group("name"))  # "my daughter Priya's school is in Dharampeth": Priya's school
        return "memory.remember", {"subject": m.group("name"), "value": f"{verb} {m.group('rest')}",
                                   "link_subject": f"{m.group('my')} {m.group('rel')}",
                                   "link_value": whose.group("n") if whose else m.group("name")}
    m = re.match(rf"{_FILLER_START}my (?P<rel>{RELATIONS})(?:'s name| name)? is (?:called |named )?(?P<name>{_NAME}),? "
                 rf"(?:he|she)(?: is|'s) (?P<rest>.+)$", t)
    if m and m.group("name") not in _NOT_A_PERSON | _NOT_A_NAME:  # "my daughter is called Isla, she's six"
        return "memory.remember", {"subject": m.group("name"), "value": f"is {m.group('rest')}",
                                   "link_subject": f"my {m.group('rel')}", "link_value": m.group("name")}
    m = re.match(rf"{_FILLER_START}my (?P<rel>{RELATIONS})(?P<n>'s name| name)? is (?:called |named )?(?P<v>{_NAME}(?: {_NAME})?)$", t) \
        or re.match(rf"{_FILLER_START}my (?P<rel>{RELATIONS})(?P<n>) is called (?P<v>{_NAME}(?: {_NAME})?)$", t)
    if m and not m.group("n") and _count(m.group("v")) is not None and re.fullmatch(
            r"(?:wife|husband|partner|son|daughter|sister|brother|mother|mum|mom|mam|father|dad|nan|nana|nanna|gran|granny|grandma|grandad|"
            r"grandpa|grandson|granddaughter|niece|nephew|cousin|aunt|auntie|aunty|uncle|dog|cat|horse|child|kid|baby|friend|best friend)",
            m.group("rel")):
        return "memory.remember", {"subject": f"my {m.group('rel')}", "value": f"is {m.group('v')}"}  # "me nan's ninety one": her age, no name
    if m and m.group("rel") not in ("name", "birthday", "anniversary", "number", "phone number", "address", "job") \
            and m.group("v") not in ("here", "there", "home", "away", "ill", "sick", "fine", "good", "late", "coming", "busy"):
        # "my sister's name is Rachel" keeps its words as the subject; the skill stores my sister = Rachel
        return "memory.remember", {"subject": f"my {m.group('rel')}'s name" if m.group("n") else f"my {m.group('rel')}",
                                   "value": m.group("v")}
    m = re.match(rf"{_FILLER_START}(?P<o>{_NAME}|my {RELATIONS})'s (?P<rel>{RELATIONS}) (?:is|was|is called|is on|falls on) "
                 rf"(?:called |named |on )?(?P<v>.+)$", t)
    if m and m.group("o") not in ("it", "that", "there", "what", "who", "today", "tomorrow", "everyone", "nobody", "somebody"):
        return "memory.remember", {"subject": f"{m.group('o')}'s {m.group('rel')}", "value": m.group("v")}
    m = re.match(rf"{_FILLER_START}(?P<v>{_NAME}) is (?P<o>{_NAME}|my {RELATIONS})'s (?P<rel>{RELATIONS})$", t)
    if m and m.group("v") not in ("it", "that", "this", "he", "she", "there", "what", "who"):
        return "memory.remember", {"subject": f"{m.group('o')}'s {m.group('rel')}", "value": m.group("v")}
    m = re.match(rf"{_FILLER_START}(?P<v>{_NAME}) is my (?P<rel>{RELATIONS})$", t)
    if m and m.group("v") not in ("it", "that", "this", "he", "she", "there", "what", "who", "today", "tomorrow"):
        return "memory.remember", {"subject": f"my {m.group('rel')}", "value": m.group("v")}
    m = re.match(r"^remember (?:that )?(?P<n>[a-z]+ [a-z]+) (?P<v>is (?:allergic|intolerant) to [a-z ]+)$", t)
    if m and m.group("n").split()[0] not in _NOT_A_PERSON | _NOT_A_NAME | {"my", "our", "the", "your", "his", "her", "their"}:
        return "memory.remember", {"subject": m.group("n"), "value": m.group("v")}  # "remember Dixie Belle is allergic to penicillin": a two-word name
    m = re.match(rf"{_FILLER_START}(?P<n>{_TITLE} [a-z][a-z'-]*)(?: (?:at|from) (?:number )?[a-z0-9]+| next door| across the road)? "
                 rf"(?P<v>(?:{_VERBS_3RD}) .+)$", t)
    if m and m.group("n").split()[1] not in _NOT_A_NAME:  # "Mrs Goodwin at number twelve wants the hallway in Elephant's Breath"
        return "memory.remember", {"subject": m.group("n"), "value": m.group("v")}
    m = re.match(rf"{_FILLER_START}(?:our |my (?={RELATIONS} (?:turned|turns|is turning)\b))?(?P<n>{_NAME})(?: (?:in|at) (?:kennel|stall|pen|box|bed|room|flat|number) [a-z0-9]+)? "
                 rf"(?P<v>(?:lives|works|is living|is working) (?:in|at|for|as|near|with|on) .+|"
                 rf"is (?:an? )?(?:[a-z]+ )?{JOBS}(?: (?:at|in|for|with|on) [a-z' ]+)?|"  # "Imran is a heart doctor at the Royal Infirmary"
                 rf"is married to {_NAME}(?: {_NAME})?|is (?:allergic|intolerant) to [a-z ]+|(?:turned|turns|is turning) [a-z]+(?: [a-z]+)*|"
                 r"has (?:got )?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:kids?|children|child|sons?|daughters?|boys?|"
                 r"girls?|grandchildren|grandkids|dogs?|cats?|horses?)\b.*|"
                 r"is on (?!(?:(?:his|her|their|the|my) )?(?:way|phone|call|it|fire|time|line)\b)[a-z ]+)$", t)
    # "Duke in kennel six is on chicken and rice": his diet, as "my mum is on warfarin"
    if m and m.group("n") not in _NOT_A_PERSON and m.group("n") not in _NOT_A_NAME | {"he", "she", "everyone", "nobody", "who", "what"}:
        n = m.group("n")
        v = re.sub(r"^is (living|working)", lambda w: "lives" if w.group(1) == "living" else "works", m.group("v"))
        v = re.sub(r"^(turned [a-z]+(?: [a-z]+)?) (?:last|this) (?:week|month|year)$|^(turned [a-z]+(?: [a-z]+)?) (?:yesterday|recently)$",
                   lambda w: w.group(1) or w.group(2), v)  # "our Jack turned fourteen last week": how old he is
        return "memory.remember", {"subject": f"my {n}" if re.fullmatch(RELATIONS, n) else n, "value": v}
    m = re.match(r"^(?:remember (?:that )?)?i am (?P<v>(?:allergic|intolerant|sensitive) to .+|(?:a )?(?:vegetarian|vegan|diabetic|coeliac|"
                 r"celiac|left handed|right handed)|afraid of .+|scared of .+)$", t)
    if m:
        return "memory.remember", {"subject": "me", "value": f"I'm {m.group('v')}"}
    return None


_HOLDER = (rf"(?:(?P<rel>(?:my|our) {RELATIONS}) )?(?P<n>(?:{PERSON_TITLES} )?[a-z][a-z'-]*)"
           r"(?P<at> (?:at|from|next door|across the road|over the road|upstairs|downstairs)(?: (?:number )?[a-z0-9]+)*?)?")
_THING_HELD = r"(?:my|our) [a-z]+(?: [a-z]+)?|the (?:spare )?(?:key|keys|car key|house key|front door key)"


def _held_by(c: Ctx) -> Result:
    """Who has a thing of the user's: "my neighbour Mrs Adamu has my spare key", "the spare key is with
    Kevin", and "actually no, Mr Okafor at number nine has it now" after one of those. The holder is
    the subject ("Mr Okafor at number nine": who has it, as said); the memory keeps one holder a thing."""
    t = re.sub(r"^(?:(?:actually|no|wait|sorry|oh|hang on|scratch that) )+", "", c.t)
    last = dict(c.state.last_slots)
    before = re.match(r"^has (?P<t>(?:my|our) .+)$", str(last.get("value") or "")) if c.state.last_intent == "memory.remember" else None
    m = re.match(rf"^{_HOLDER} (?:has|has got|is keeping|is holding|is minding|keeps) (?P<t>{_THING_HELD}|it|them)(?: now| for me| at the moment| these days)?$", t) \
        or re.match(rf"^(?P<t>{_THING_HELD}) (?:is|are) (?:with|at) {_HOLDER}(?: now| at the moment)?$", t)
    if m is None or m.group("n") in _NOT_A_PERSON | _NOT_A_NAME | {"everyone", "nobody", "who", "what", "which", "someone"}:
        return None
    thing = m.group("t")
    if thing in ("it", "them"):
        if before is None:
            return None  # "Kevin has it": nothing of the user's was just talked about
        thing = before.group("t")
    thing = re.sub(r"^(?:the|our) ", "my ", thing)
    holder = f"{m.group('n')}{m.group('at') or ''}"
    link = {"link_subject": m.group("rel"), "link_value": m.group("n")} if m.group("rel") else {}
    return "memory.remember", {"subject": holder, "value": f"has {thing}", **link}


def rule_memory_people_recall(c: Ctx) -> Result:
    t = c.t
    m = re.match(rf"^(?:who|whom) is (?P<o>{_NAME}|my {RELATIONS}) married to$|^who did (?P<o2>{_NAME}) marry$|"
                 rf"^who is (?P<o3>{_NAME})'s (?:wife|husband|partner|spouse)$", t)
    if m and (m.group("o") or m.group("o2") or m.group("o3")) not in ("he", "she", "they", "it", "him", "her"):  # "who's she married to": of whom, below
        return "memory.recall", {"subject": f"{m.group('o') or m.group('o2') or m.group('o3')}'s spouse"}
    if re.match(r"^(?:what date|what day|when) (?:did|were) (?:we|i) (?:get )?married(?: on)?(?: again)?$|^when did we marry$", t):
        return "memory.recall", {"subject": "our wedding anniversary"}  # "what date did we get married": the anniversary told
    if re.match(r"^who (?:am i|are we) married to(?: again)?$|^who did i marry$", t):
        return "memory.recall", {"subject": "my spouse"}  # "who am I married to?": the wife, husband or partner told
    m = re.match(rf"^(?:is there )?anything (?P<o>{_NAME}|my {RELATIONS}) (?:can not|cannot|can't|must not|should not) (?:eat|have|drink)$", t)
    if m and m.group("o") not in _NOT_A_PERSON | {"i", "we", "you"}:  # "is there anything Amina can't eat?"
        return "memory.recall", {"subject": m.group("o"), "query": "allergic"}
    m = re.match(rf"^(?:which|what) (?:sport|sports|instrument|game) (?:does|do) (?P<o>{_NAME}|my {RELATIONS}) (?:do|play)$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "which sport does Josh do?": what he plays
        return "memory.recall", {"subject": m.group("o"), "query": "plays"}
    m = re.match(r"^(?:am i|are we) (?P<q>allergic|intolerant|sensitive|afraid|scared) (?:to|of) .+$", t)
    if m:
        return "memory.recall", {"subject": "me", "query": m.group("q")}
    if re.match(r"^(?:is there |are there )?(?:(?:any|what) (?:food|foods|thing|things|stuff)|anything) (?:that )?(?:i|we) (?:should|must|have to|need to|ought to|can not|cannot|must not|should not) "
                r"(?:stay away from|keep away from|avoid|steer clear of|eat|be eating|have|be having|touch)(?: at all)?$|"
                r"^what (?:can i not|can not i|cannot i|should i not|must i not) (?:eat|have)$|^do i have any allergies$|^what am i allergic to$", t):
        return "memory.recall", {"subject": "me", "query": "allergic"}  # "is there any food I should stay away from?"
    m = re.match(rf"^(?:is (?P<o>{_NAME}|my {RELATIONS}) (?P<q>allergic|intolerant|afraid|scared) (?:to|of) (?:anything|any [a-z]+)|"
                 rf"(?:does (?P<o2>{_NAME}|my {RELATIONS}) have|has (?P<o3>{_NAME}|my {RELATIONS}) got) any (?P<q2>allerg)ies)$", t)
    if m and (m.group("o") or m.group("o2") or m.group("o3")) not in _NOT_A_PERSON:  # "is Isla allergic to anything?"
        return "memory.recall", {"subject": m.group("o") or m.group("o2") or m.group("o3"), "query": "allergic"}
    if re.match(r"^(?:how old|what age) am i(?: now| again)?$|^what is my age$", t):  # Scots "what age am I"
        return "memory.recall", {"subject": "me", "query": "age"}
    m = re.match(rf"^(?:which|what) (?:town|city|village|country|place|part of [a-z]+)(?: is| are|'s) (?P<s>{_NAME}|(?:my|our) [a-z]+) "
                 r"(?:in|living in|based in|at)(?: now| again| at the moment)?$", t)
    if m and m.group("s") not in _NOT_A_PERSON:  # "which town is my mum in these days?"
        said = re.sub(rf"^our (?!{RELATIONS}$)", "", m.group("s"))  # "which city's our Rachel in": Rachel
        return "memory.recall", {"subject": said, "query": "live"}
    m = re.match(r"^how old (?:is|are) (?P<s>(?:my|our) [a-z]+)(?: now| again)?$", t)
    if m:  # "how old is our dog?"
        return "memory.recall", {"subject": m.group("s"), "query": "age"}
    t = re.sub(r"^what age (?=is |was )", "how old ", t)  # Scots "what age is wee Isla"
    t = re.sub(r"^(how old (?:is|was)) (?:wee|little|young|baby|our) (?=[a-z])", r"\1 ", t)
    m = re.match(rf"^how old (?:is|was) (?P<n>{_NAME})(?: now| again)?$", t)
    if m and m.group("n") not in _NOT_A_PERSON and m.group("n") not in _NOT_A_NAME | {"the", "my", "your", "this", "he", "she"}:
        return "memory.recall", {"subject": m.group("n"), "query": "age"}
    if re.match(r"^where was i (?:born|raised|brought up)$|^where did i grow up$", t):
        return "memory.recall", {"subject": "me", "query": "from"}
    if re.match(r"^(?:what|which) (?:car|bike|motorbike|vehicle|motor) (?:do i (?:drive|ride|have)|am i (?:driving|riding))(?: now| these days)?$|"
                r"^what do i drive$", t):
        return "memory.recall", {"subject": "me", "query": "drive"}
    m = re.match(r"^(?:where|whereabouts|what town|what city|which town|which city) (?:do|did) (?:i|we) (?P<q>live|work|park|grow up|come from|study)(?: again| now)?$|"
                 rf"^where (?:have|am) i (?P<q2>park)ed(?: again)?$|^where (?:did i|have i) (?P<q3>park|leave (?:the|my) {VEHICLES}|left (?:the|my) {VEHICLES})"
                 rf"(?: the {VEHICLES})?(?: again| today| this morning| earlier| last night)?$|"
                 r"^where am i (?P<q4>from)(?: again)?$|^where am i (?P<q5>work)ing(?: again| now| at the moment)?$|"
                 r"^(?:which|what) (?:hospital|school|office|company|firm|shop|store|surgery|practice|branch|depot|site|station) "
                 r"(?:am i|do i work) (?:at|in|for|on)(?: again)?(?P<q7>)$|"
                 rf"^(?:which|what) (?:bay|level|floor|space|spot|row|car park|street)(?:'s | )(?:am i|am i parked|did i park|is the car|is my car|"
                 rf"did i leave (?:the|my) {VEHICLES}|(?:is )?(?:the|my) {VEHICLES})"  # "which bay's the van in"
                 r"(?: in| on| at)?(?: again)?(?P<q6>)$", t)
    if m:
        q = m.group("q") or m.group("q2") or m.group("q3") or m.group("q4") or m.group("q5") or ("park" if m.group("q6") is not None else None) \
            or ("work" if m.group("q7") is not None else None)
        q = "park" if q.startswith(("leave ", "left ")) else {"grow up": "from", "come from": "from"}.get(q, q)
        return "memory.recall", {"subject": "me", "query": q}
    if re.match(r"^(?:what do i do(?: for (?:a living|work))?|what is my (?:job|occupation|profession|line of work)|what do i work as|"
                r"what job do i do|do you (?:know|remember) (?:what i do for a living|what my job is|where i work))$", t):
        return "memory.recall", {"subject": "me", "query": "work"}
    m = re.match(rf"^(?:does|do) (?P<s>(?:my|our) {RELATIONS}|{_NAME}) (?:really )?(?:like|love|hate|enjoy|eat|drink) (?:the |a |an |any )?(?P<o>[a-z][a-z' ]*)$", t)
    if m and m.group("s") not in _NOT_A_PERSON | {"i", "we", "you"} and m.group("o") not in ("it", "that", "this", "them"):
        return "memory.recall", {"subject": m.group("s"), "query": m.group("o")}  # "does my husband like olives"
    m = re.match(r"^do (?:i|we) (?:really )?(?:like|love|hate|enjoy|eat|drink) (?:the |a |an |any )?(?P<o>[a-z][a-z' ]*)$", t)
    if m and m.group("o") not in ("it", "that", "this", "them"):
        return "memory.recall", {"subject": "me", "query": m.group("o")}
    m = re.match(r"^(?:what|which) (?:[a-z]+ )?(?:do|did) i (?:say i )?(?P<q>like|love|enjoy|hate|dislike)$|^what (?:[a-z]+ )?(?:am i|are we) into$", t)
    if m:
        return "memory.recall", {"subject": "me", "query": {"love": "like", "enjoy": "like", "dislike": "hate"}.get(m.group("q") or "like",
                                                                                                             m.group("q") or "like")}
    t = _GRANDBABIES.sub("grandkids", t)  # "how many grandbabies I got"
    m = re.match(rf"^how many (?P<rel>{_PLURAL_PEOPLE}) (?:does|did) (?P<n>{_NAME}|(?:my|our) {RELATIONS}) have(?: got)?$|"
                 rf"^how many (?P<rel3>{_PLURAL_PEOPLE}) (?:has|have) (?P<n3>{_NAME}|(?:my|our) {RELATIONS}) got$", t)
    if m and (m.group("n") or m.group("n3")) not in _NOT_A_PERSON | {"i", "we", "you", "they"}:  # "how many children does Juma have"
        return "memory.recall", {"subject": m.group("n") or m.group("n3"), "query": "how many"}
    m = re.match(rf"^how many (?P<rel>{_PLURAL_PEOPLE}|{_STOCK}) (?:do i have|have i got|do i have got|i have|i got|we got|i have got|did i say i have|do we have|have we got|"
                 rf"did i say we have|did i say we have got|are we running|do we run|are we keeping|do we keep|have we got on [a-z ]+|"
                 rf"are there(?: (?:at|on|in) (?:the|our|my) [a-z]+(?: [a-z]+)?)?|are we having|are you having|we are having|i am having)(?: now)?$|"
                 rf"^(?:do i have|have i got|did i tell you i have) any (?P<rel2>{_PLURAL_PEOPLE})$", t)
    if m and m.group("rel2"):
        return "memory.recall", {"subject": f"my {m.group('rel2')}", "query": "how many"}
    if m:
        return "memory.recall", {"subject": f"my {m.group('rel')}", "query": "how many"}
    m = re.match(rf"^what (?:are|were) my (?P<rel>{_PLURAL_PEOPLE})(?:s)? (?:names|called|named)(?: again)?$", t)
    if m:
        return "memory.recall", {"subject": f"my {m.group('rel')}"}
    m = re.match(rf"^(?:which|what) (?:standard|class|year|grade|form) is (?P<n>{_NAME}) (?:in|studying in|at)(?: now| again| this year)?$", t)
    if m and m.group("n") not in _NOT_ASKED_OF:
        return "memory.recall", {"subject": m.group("n"), "query": "school"}  # Indian "which standard is Rohan in"
    m = re.match(rf"^what subjects? (?:does|did) (?P<n>{_NAME}) (?:take|teach|do|have)(?: again| now)?$", t)
    if m and m.group("n") not in _NOT_ASKED_OF:
        return "memory.recall", {"subject": m.group("n"), "query": "subject"}  # "what subject does Okello take": what he teaches or studies
    if re.match(r"^what is (?:the )?(?:man|woman|lady|fella|guy|bloke|chap|family|couple) next door called(?: again)?$|^what is next door's name$", t):
        return "memory.recall", {"subject": "my neighbour"}  # "what's the man next door called"
    m = re.match(rf"^(?:on )?(?:which|what) (?:date|day) does (?P<n>{_NAME}) celebrate(?: (?:his|her|their) birthday)?(?: on)?$", t)
    if m and m.group("n") not in _NOT_ASKED_OF:
        return "memory.recall", {"subject": f"{m.group('n')}'s birthday"}  # "on which date does Enanga celebrate"
    m = re.match(rf"^what (?:number|shirt number|jersey number) (?:does|did) (?P<n>{_NAME}) (?:wear|have|play in|play as|play with)(?: again| now)?$", t)
    if m and m.group("n") not in _NOT_ASKED_OF:
        return "memory.recall", {"subject": f"{m.group('n')}'s number"}  # "what number does Tyler wear" of "his number's nineteen"
    m = re.match(rf"^(?:(?:in|at) )?(?:which|what) (?:city|town|village|place|country|area|part of (?:town|the city|[a-z]+)) (?:does|is|did) "
                 rf"(?:(?:{PERSON_TITLES}) )?(?P<n>{_NAME}|(?:my|our) {RELATIONS}) (?P<v>stay|live|staying|living|based|study|studying|go to school)(?: in| at)?"
                 r"(?: again| now| these days)?$", t)
    if m and m.group("n") not in _NOT_ASKED_OF:
        if m.group("v").startswith(("stud", "go")):  # "which area is Priya studying in": where her school is
            return "memory.recall", {"subject": f"{m.group('n')}'s school"}
        return "memory.recall", {"subject": m.group("n"), "query": "live"}  # "in which city does tita Rosa stay"
    m = re.match(rf"^what (?:kind of |kinda |sort of |type of )?(?:work|job) (?:does )?(?P<n>{_NAME}) (?:does|do|doing|is doing)(?: now| again| these days)?$", t)
    if m and m.group("n") not in _NOT_ASKED_OF:
        return "memory.recall", {"subject": m.group("n"), "query": "work"}  # Trinidadian "what kinda work Kerwin does"
    m = re.match(rf"^(?:(?:in|at|for) )?(?:which|what) (?:company|firm|hospital|school|office|shop|store|factory|site|business|bank|hotel|"
                 rf"restaurant|garage|depot) (?:(?:does|is|did) (?P<n>{_NAME}) (?:work|working)|(?P<n2>{_NAME}) (?:is working|works))"
                 r"(?: at| for| in)?(?: again| now| these days)?$", t)
    if m and (m.group("n") or m.group("n2")) not in _NOT_ASKED_OF:
        return "memory.recall", {"subject": m.group("n") or m.group("n2"), "query": "work"}  # "in which company Jahid is working"
    m = re.match(rf"^(?:where|what|how|when|who|which) (?:does|did) (?P<n>{_NAME}) (?P<q>[a-z]+)(?: for a living| for work| at| in| for| on| with)?(?: again| now)?$", t)
    if m and m.group("n") not in _NOT_A_PERSON and m.group("n") not in _NOT_A_NAME | {"the", "a", "my", "your", "our", "this"}:
        q = "work" if m.group("q") == "do" else m.group("q")
        return "memory.recall", {"subject": m.group("n"), "query": q}
    m = re.match(rf"^(?:where|what|when|which) (?:does|did) (?P<n>{_NAME} (?!(?:usually|still|now|really|actually|normally|mainly|often|always|even|also|just|"
                 r"not|never)\b)[a-z]+) (?P<q>work|live|stay|study|teach|sell|shop|play|park)(?: for a living| for work| at| in| for| on)?(?: again| now)?$", t)
    if m and m.group("n").split()[0] not in _NOT_A_PERSON | _NOT_ASKED_OF | {"his", "her", "their", "its"}:  # "where does Srey Mom work": a name of two words
        return "memory.recall", {"subject": m.group("n"), "query": m.group("q")}
    m = re.match(r"^(?:what is|what are|tell me|remind me of|do you (?:know|remember)) the (?P<s>(?:[a-z]+ )?(?:code|password|pin|pin number|"
                 r"passcode|combination|number|postcode|address|username|login|registration|reg|plate|wifi|key code|alarm code))"
                 r"(?: again| please| now)?$", t)
    if m and not re.search(r"\b(?:phone|battery|volume)\b", m.group("s")):
        return "memory.recall", {"subject": m.group("s")}
    m = re.match(r"^what am i (?P<q>allergic|intolerant|sensitive|afraid|scared)(?: to| of)?$|^(?:do i have|have i got) any (?P<q2>allerg)ies$", t)
    if m:
        return "memory.recall", {"subject": "me", "query": m.group("q") or m.group("q2")}
    m = re.match(rf"^what (?:is|was|are|were) (?P<n>{_NAME}) (?P<q>allergic|intolerant|afraid|scared)(?: to| of)?(?: again)?$", t)
    if m and m.group("n") not in _NOT_A_PERSON:  # "what was Mason allergic to again"
        return "memory.recall", {"subject": m.group("n"), "query": m.group("q")}
    return None


_VERB_ME = r"(?:like|love|hate|prefer|work|live|have|am|was|drink|eat|play|speak|enjoy|own|go|do not|cannot|can|need|take|support|vote|study)"


# Words said after "I'm" that are no name, for "I'm Darlene, by the way".
_NOT_MY_NAME = frozenset({"fine", "good", "great", "home", "back", "off", "out", "late", "sick", "ill", "done", "free", "here", "there",
                          "vegan", "pregnant", "single", "ok", "okay", "alright", "new", "old", "up", "in", "on", "away", "just", "not",
                          "so", "very", "really", "still", "also", "only", "sure", "right", "cold", "hot", "warm", "fed", "bored",
                          "awake", "asleep", "gay", "straight", "deaf", "blind", "lost", "sorry", "well", "fab", "grand", "sound",
                          "knackered", "shattered", "skint", "gutted", "chuffed", "stuffed", "full", "mum", "dad", "it"})


def rule_memory_remember(c: Ctx) -> Result:
    if re.match(r"^(?:my|our) [a-z]+(?: [a-z]+)? (?:where|what|when|how|who|which)(?: (?:she|he|they|it))? (?:is|are|was|were|does|do|did|has|old)\b", c.t):
        return None  # "my brother, where is he working", "my sister where she is living": a question about them, no fact
    told = re.sub(r"^(remember(?: that)?) (?:(?:ha|eh|oh|ah|o|yeah|now|okay|ok|right|like|so|this) )+(?=(?:i|my|our|we|[a-z]+'s)\b)", r"\1 ", c.t)
    c = Ctx(raw=c.raw, t=told, state=c.state, now=c.now) if told != c.t else c  # "remember ha, I'm allergic to shrimp"
    found = _recounted(c) or _swapped_in_a_fact_told(c) or _moved_myself(c) or _remembered(c)
    if found is None or found[0] != "memory.remember":
        return found
    found = found[0], _allergy_said_instead(found[1], c)
    if re.search(r"\b(?:where|what|when|who|which|why)$", str(found[1].get("subject") or "")):
        return None  # a question word is never the end of what a fact is about
    return found[0], _named_for_pronoun(found[1], c)


def _allergy_said_instead(slots: dict, c: Ctx) -> dict:
    """ "no sorry, he's allergic to milk" right after "my son is allergic to eggs": milk instead of eggs (an allergy
    said without "no" is one more, skills/memory)."""
    last = dict(c.state.last_slots)
    head = re.compile(r"^(?P<h>.*\b(?:allergic|intolerant) to) (?P<x>[a-z' ]+)$", re.IGNORECASE)
    new, old = head.match(str(slots.get("value") or "")), head.match(str(last.get("value") or ""))
    if c.state.last_intent != "memory.remember" or not (new and old) or slots.get("subject") != last.get("subject") \
            or new.group("h").lower() != old.group("h").lower() or new.group("x") == old.group("x") or " not " in f" {new.group('x')} " \
            or not re.match(r"^\W*(?:no|nah|sorry|actually|wait|oops|hang on|hold on)\b", c.raw.lower()):
        return slots
    return {**slots, "value": f"{slots['value']}, not {old.group('x')}"}


PET_ANIMALS = frozenset({"dog", "cat", "hamster", "rabbit", "bunny", "puppy", "kitten", "horse", "pony", "tortoise", "parrot", "budgie",
                         "guinea pig", "gerbil", "ferret", "snake", "lizard", "goldfish", "fish", "mouse", "rat", "chicken", "chickens"})
"""The animals people keep: "him" after one is its name; a fact about one answers a question about pets."""
_PETS = PET_ANIMALS | {"pet"}


def _named_for_pronoun(slots: dict, c: Ctx) -> dict:
    """ "my hamster's called Nugget" - "my best mate Priya looks after him when we go away": after Nugget,
    not "him", so that the fact answers "who minds Nugget"."""
    last = dict(c.state.last_slots)
    kind = re.fullmatch(r"(?:my|our) (?P<k>[a-z]+(?: pig)?)", str(last.get("subject") or ""))
    name = str(last.get("value") or "")
    value = str(slots.get("value") or "")
    if c.state.last_intent != "memory.remember" or kind is None or not re.fullmatch(_NAME, name.lower()) \
            or name.lower() in _NOT_A_NAME or slots.get("subject") == last.get("subject"):
        return slots
    k = kind.group("k")
    said = re.search(r"\b(?:him|her)\b", value)
    if said is None or not (k in _PETS or k in (HE if said.group(0) == "him" else SHE)):
        return slots
    return {**slots, "value": f"{value[:said.start()]}{name[:1].upper()}{name[1:]}{value[said.end():]}"}


def _remembered(c: Ctx) -> Result:
    c = Ctx(raw=c.raw, t=_plainly(c.t), state=c.state, now=c.now)
    bare_verb = re.match(rf"^(?P<who>(?:my|our) {RELATIONS} {_NAME}) (?P<v>run|work|live|sell|drive|teach|own|keep|cook|manage|stay) (?=[a-z])", c.t)
    if bare_verb:  # Caribbean "mi sister Claudette run a cook shop": runs
        c = Ctx(raw=c.raw, t=f"{bare_verb.group('who')} {bare_verb.group('v')}s {c.t[bare_verb.end():]}", state=c.state, now=c.now)
    favourite = re.match(rf"^(?:remember (?:that )?)?(?P<s>(?:my|our|(?:{_TITLE} )?[a-z]+'s)(?: [a-z]+'s)? (?:favourite|favorite) [a-z]+(?: [a-z]+)?) (?:is|are) "
                         r"(?P<v>[a-z0-9].*)$", c.t)
    if favourite:  # "my wife's favourite flowers are peonies" (not a wife who "flowers"), "my favourite football team is Wrexham"
        return "memory.remember", {"subject": favourite.group("s"), "value": favourite.group("v")}
    liked = re.match(r"^(?:remember (?:that )?)?(?:the|that) (?P<s>[a-z]+(?: [a-z]+)? (?:we|i) (?:liked|loved|went to|stayed at|stayed in|ate at|am [a-z]+ing|"
                     r"had [a-z]+ at|used)(?: (?:in|at|on|near|by|for) [a-z' ]+)?) (?:was|is) called (?P<v>[a-z0-9][a-z0-9' ]*)$", c.t)
    if liked:  # "the crab house we liked in Annapolis was called Cantler's": its name, kept under what it was
        return "memory.remember", {"subject": liked.group("s"), "value": liked.group("v")}
    serviced = re.match(r"^(?:remember (?:that )?)?(?:the|my|our) (?P<x>[a-z]+(?: [a-z]+)?)(?: is|'s| has been)(?: booked(?: in)?| going in| in) "
                        r"for (?:a|an|its|her|his|the) (?P<w>service|mot|repair|valet|inspection|tune up) (?:at|with|down at|over at) (?P<v>.+)$", c.t)
    if serviced:  # "the ute's booked in for a service at Tony's garage on Sydney Road": where, asked as "where's the ute getting serviced"
        return "memory.remember", {"subject": f"{serviced.group('x')} {serviced.group('w')}", "value": f"at {serviced.group('v')}"}
    booked = re.match(r"^(?:remember (?:that )?)?the (?:new |old |usual |regular )?(?P<s>(?:[a-z]+ )?(?:venue|florist|caterer|caterers|photographer|dj|band|cake maker|"
                      r"registrar|reception|plumber|electrician|mechanic|garage|hairdresser|solicitor|accountant|letting agent|"
                      r"babysitter|childminder|builder|locksmith|vet|dentist|doctor|gp|surgery|chemist|pharmacy|"
                      r"godmother|godfather|godparents?|best man|bridesmaid|chief bridesmaid|maid of honou?r|usher|celebrant|priest|vicar))"
                      r"(?: for (?:the |our |my )?[a-z]+)?(?: is called| is named| will be at| is at| is going to be| will be| is) (?P<v>[a-z0-9].+)$", c.t)
    if booked and not re.match(r"^(?:closed|shut|open|busy|late|ill|off|on|coming|here|there|away|not|so|very|too|running|always|never)\b",
                               booked.group("v")):
        s = booked.group("s") if " " in booked.group("s") else f"the {booked.group('s')}"  # a word alone would be taken for a name
        return "memory.remember", {"subject": s, "value": booked.group("v")}  # "the wedding venue is Hollybrook Manor"
    pet = re.match(r"^(?:we|i) (?:have got|have|got|just got) (?:a |an )?(?:new )?(?P<p>[a-z]+) (?:she|he|it|they) (?:is|are) (?:called|named) "
                   r"(?P<n>[a-z]+)$", c.t)
    if pet:  # "we've got a new kitten, she's called Saffron"
        return "memory.remember", {"subject": f"our {pet.group('p')}", "value": pet.group("n")}
    named = re.match(rf"^(?:my|our) (?P<rel>{RELATIONS}) is (?:(?:called|named) )?(?P<n>{_NAME}),?(?: and)? (?:she|he|it) (?P<v>{_VERBS_3RD}) "
                     r"(?P<x>[a-z0-9' ]+)$", c.t)
    if named:  # "my granddaughter's called Isla and she's seven", "my supervisor's called Fiona and she lives in Paisley"
        return "memory.remember", {"subject": named.group("n"), "value": f"{named.group('v')} {named.group('x')}",
                                   "link_subject": f"my {named.group('rel')}", "link_value": named.group("n")}
    last = dict(c.state.last_slots)
    one_of = re.match(rf"^(?P<n>{_NAME}) (?P<v>is|was|turned|turns) (?P<x>[a-z0-9 ]+)$", c.t)
    if one_of and c.state.last_intent == "memory.remember" and one_of.group("n") in re.findall(r"[a-z]+", str(last.get("value") or "").lower()):
        return "memory.remember", {"subject": one_of.group("n"), "value": f"{one_of.group('v')} {one_of.group('x')}"}  # "Kayla is nine"
    held = _held_by(c)
    if held is not None:
        return held
    corrected = rule_memory_correction(c) or rule_memory_pronoun(c) or rule_memory_theirs(c)
    if corrected is not None:
        return corrected
    if not re.match(r"^(?:what|when|where|who|whom|whose|how|which|why|is|are|do|does|did|can|could|will|would|am)\b", c.t):
        mine = rule_memory_me(c)
        if mine is not None:
            return mine
    people = rule_memory_people(c)
    if people is not None:
        return people
    t = c.t
    m = re.match(r"^(?:my name is|call me|i am called|people call me|you can call me|my friends call me|everyone calls me|"
                 r"the name is|please call me|my name has changed to|i go by)(?: just)? (?P<n>[a-z]+(?: [a-z]+)?)$", t)
    if m and m.group("n") not in ("back", "later", "tomorrow"):
        return "memory.remember", {"subject": "my name", "value": m.group("n")}
    m = re.match(r"^i am (?P<n>[a-z]+)$", t)
    if m and re.search(r"\bby the way\b|^(?:hi|hello|hiya|hey|howdy)\b", c.raw.lower()) and m.group("n") not in _NOT_MY_NAME \
            and not re.search(r"(?:ed|ing|y|ful|ous|ive|able|ible|less|al|ic|ish|ese|an|er|est)$", m.group("n")):
        return "memory.remember", {"subject": "my name", "value": m.group("n")}  # "I'm Darlene, by the way", "hi, I'm Nia"
    m = re.match(r"^(?:remember|please remember|do not forget|dont forget|keep in mind|bear in mind|make a mental note|"
                 r"note for your memory|memorise|memorize|store|save this|you should know)(?: that| say|:)? (?P<x>.+)$", t)  # Pidgin "remember say"
    explicit = m is not None
    x = m.group("x") if m else t
    if explicit and re.match(r"^to ", x):
        return None
    room = re.match(r"^i am (?:staying )?in room (?P<v>[a-z0-9][a-z0-9 ]*?)(?: tonight| this week| for the night| till [a-z]+| until [a-z]+)?$", x)
    if room:  # "I'm in room two hundred and fourteen tonight"
        return "memory.remember", {"subject": "my room number", "value": room.group("v")}
    numbered = re.match(r"^(?:the|my|our) (?:(?P<of>[a-z]+)'s )?(?P<s>(?:[a-z]+ )?(?:mooring|locker|membership|account|reference|customer|policy|"
                        r"registration|reg|bay|pitch|plot|allotment|seat|locker|loyalty card|library card|frequent flyer) number) "
                        r"is (?P<v>[a-z0-9][a-z0-9' -]*)$", x)
    if numbered:  # "the boat's mooring number is one one seven": the mooring number
        whose = f"{numbered.group('of')} " if numbered.group("of") else ("my " if x.startswith("my ") else "our " if x.startswith("our ") else "")
        return "memory.remember", {"subject": f"{whose}{numbered.group('s')}", "value": numbered.group("v")}
    code = re.match(rf"^(?:the|my|our) (?P<s>(?:[a-z]+ ){{0,2}}(?:password|passcode|passphrase|code|pin|pin number|combination)"
                    rf"{_AT_PLACE}) is (?P<v>[a-z0-9][a-z0-9' -]*)$", x)
    for_a = re.match(r"^(?:the|my|our) (?P<n>password|passcode|code|pin|combination) (?:for|to|of|on) (?:the |my |our )?"
                     r"(?P<p>[a-z']+(?: [a-z']+){0,5}?) is (?P<v>[a-z0-9][a-z0-9' -]*)$", x)
    kept = re.match(r"^(?:the|my|our) (?P<s>(?:spare |front door |back door |car |van |shed |garage )?"
                    rf"(?:{'|'.join(KEPT_THINGS)}|will|fuse box|spare key)s?"
                    r"(?: (?:for|of) (?:the |my |our )?(?P<of>[a-z]+))?)"
                    r"(?: is| are|'s) (?P<how>(?:hanging|sitting|kept|hidden|stashed|left|stored|tucked|tied up|moored|berthed|docked|chained|"
                    r"locked up|parked) )?(?P<v>(?:on|in|under|behind|inside|by|next to|at|"
                    r"in the|on the) .+)$", x)
    lent = re.match(rf"^i (?:have )?(?:lent|loaned|given) (?P<t>(?:my|our|the) [a-z]+(?: [a-z]+)?) to (?:(?P<rel>(?:my|our) {RELATIONS}) )?"
                    rf"(?P<n>{_NAME})(?: (?:for|until|till) .+)?$", x)
    if lent and lent.group("n") not in _NOT_A_PERSON | _NOT_A_NAME:  # "I lent my ladder to my neighbour Kevin": Kevin has it
        thing = re.sub(r"^(?:the|our) ", "my ", lent.group("t"))
        link = {"link_subject": lent.group("rel"), "link_value": lent.group("n")} if lent.group("rel") else {}
        return "memory.remember", {"subject": lent.group("n"), "value": f"has {thing}", **link}
    if kept:  # "the key for the byre is hanging on the nail behind the peat stack": where it is
        subject = f"{kept.group('of')} {re.split(' (?:for|of) ', kept.group('s'))[0]}" if kept.group("of") else kept.group("s")
        return "memory.remember", {"subject": subject, "value": f"{kept.group('how') or ''}{kept.group('v')}"}
    if for_a:  # "the code for the bike lock is 3826": the bike lock code
        if re.search(r" (?:at|in|on|of|by) ", for_a.group("p")):  # "the code for the back gate at the allotment": said so
            return "memory.remember", {"subject": f"{for_a.group('n')} for the {for_a.group('p')}", "value": for_a.group("v")}
        return "memory.remember", {"subject": f"{for_a.group('p')} {for_a.group('n')}", "value": for_a.group("v")}
    if code:  # kept as said, without "remember": nobody says a password aloud but to have it kept
        return "memory.remember", {"subject": code.group("s"), "value": code.group("v")}
    m2 = re.match(r"^(?P<s>(?:my|our|the|[a-z]+'s) [a-z' ]+?|[a-z]+'s [a-z ]+?|[a-z]+) (?P<verb>is|are|was|were|will be|has|have|"
                  r"lives in|is in|works at|works as|(?<=s )(?:take|need|cost|use|last)|(?:cannot|can not) (?:eat|have|drink|take)|[a-z]+(?<!'s)(?<!ss)(?<!us)s(?! (?:are|were|take|need|cost|run|use|last|go)\b))(?P<v> .+)$", x)  # "my reading glasses are ..."
    if m2 and (explicit or re.match(r"^(?:my|our) ", x)) and not re.match(r"^(?:what|when|where|who|how|which|why|is|are|do|does)\b", x) \
            and not (not explicit and (m2.group("verb") in _AILING or re.match(r"^(?:killing me|sore|aching|hurting|throbbing)\b",
                                                                               m2.group("v").strip()))):  # "my knee hurts": to be heard, not kept
        s = _me_subject(m2.group("s"))
        verb = m2.group("verb")
        v = m2.group("v").strip()
        if verb not in ("is", "are", "was", "were", "will be") or _STATE.match(v) or re.fullmatch(rf"(?:{_COUNT}) (?:years?|months?|weeks?) old", v):
            v = f"{verb} {v}"  # "my sister is allergic to cats" is what she is, never her name
        elif verb in ("is", "are"):
            v = re.sub(r"^(?:called|named) ", "", v)  # "my kids are called Freddie and Ava": who they are
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
    """A question about what was told; "what's he allergic to", "when did I say her birthday was"
    of the person a fact was last told or asked of."""
    if re.match(r"^(?:do|did) you (?:know|happen to know) (?:if|whether) ", c.t):
        return None  # "do you know if the cathedral is open": of the world, never told
    kept = re.match(rf"^how many (?:[a-z]+) (?:does|has|have|did) (?P<o>{_NAME}|(?:my|our) {RELATIONS}) (?:keep|have|run|own|milk|farm|got|breed|raise|rear|graze|shear)(?: got)?(?: now)?$", c.t) \
        or re.match(rf"^how (?:big|large) is (?P<o>{_NAME}|(?:my|our) {RELATIONS})'s (?:herd|flock|fleet|brood|stable|pack)(?: now)?$", c.t)  # "how big is Hamish's herd"
    if kept and kept.group("o") not in _NOT_A_PERSON | {"i", "you", "we", "it", "they", "he", "she"}:  # "how many sheep does Magnus keep"
        return "memory.recall", {"subject": kept.group("o"), "query": "how many"}
    long = re.match(rf"^how long (?:did|has|have|had|was|is) (?P<o>{_NAME}|(?:my|our) {RELATIONS}) (?:been )?(?:work|worked|working|live|lived|living|serve|"
                    r"served|teach|taught|farm|farmed|fish|fished|mine|mined|drive|driven|drove|play|played|nurse|nursed|an? [a-z]+)\b.*$", c.t)
    if long and long.group("o") not in _NOT_A_PERSON | {"i", "you", "we", "it", "that", "this", "they"}:  # "how long did grandad work down the pit"
        o = long.group("o")
        return "memory.recall", {"subject": f"my {o}" if re.fullmatch(RELATIONS, o) else o, "query": "how long"}
    asked = c.t if c.t.startswith(("can ", "could ", "should ", "is ")) or not re.match(r"^\s*(?:can|could|should)\b", c.raw.lower()) else f"can {c.t}"
    can_eat = re.match(rf"^(?:can|could|should|is)(?: you)? (?P<o>{_NAME}|(?:my|our) {RELATIONS}) (?:eat|have|drink|be given|allowed)(?: to eat| to have)? "
                       r"(?:the |any |some )?[a-z ]+?(?: or not)?$", asked)  # "can you" is dropped as politeness: "can Tyler eat ..." is said so
    if can_eat and can_eat.group("o") not in _NOT_A_PERSON | {"i", "you", "we", "it", "that", "this", "they", "he", "she"}:
        return "memory.recall", {"subject": can_eat.group("o"), "query": "allergic"}  # "can Tyler eat the shrimp or not": what he is allergic to
    they = re.match(r"^(?:and )?how many (?:kids|children|little ones|grandchildren|grandkids|dogs|cats|pets) (?:do|have|did) they (?:have|got)"
                    r"(?: now| again| then)?$", c.t)
    last = dict(c.state.last_slots)
    couple = next((m.group("o") for said in (str(last.get("subject") or ""), str(last.get("link_subject") or ""))
                   if (m := re.fullmatch(r"(?P<o>.+?)'s (?:wife|husband|partner|spouse)(?:'s name)?", said))), None)
    if they and couple and (c.state.last_intent or "").startswith("memory."):  # "how many kids do they have", of Juma and his wife
        return "memory.recall", {"subject": couple, "query": "how many"}
    found = _recalled(c)
    if found is not None or not re.search(r"\b(?:he|she|his|her|him)\b", c.t):
        return found
    said = re.search(r"\b(?:he|she|his|her|him)\b", c.t).group(0)
    who = next((p for p in _people_talked_of(c) if p[1] not in (SHE if said in ("he", "his", "him") else HE)), None) or _person_talked_of(c)
    # "what is his wife name" after talk of his sister: him, the one before her
    if who is None:
        return None
    name, relation = who
    of_whom = re.fullmatch(r"(?P<n>[a-z][a-z'-]*)'s (?P<r>[a-z]+)", str(dict(c.state.last_slots).get("link_subject") or ""))
    if of_whom and of_whom.group("r") in (SHE if said in ("he", "his", "him") else HE):
        name, relation = of_whom.group("n"), ""  # "what is his wife's name" right after "his wife Meera is a doctor": his is Arjun's
    if relation in (SHE if said in ("he", "his", "him") else HE):
        return None  # "he" after talk of a sister: not sure who
    asked = re.sub(r"\b(?:his|her)\b(?= (?:birthday|anniversary|address|number|phone number|job|name|wife|husband|partner|kids|dog|cat|"
                   r"favourite|favorite)\b)",
                   f"{name}'s", c.t)
    asked = re.sub(r"\b(?:he|she|him)\b", name, asked)
    found = _recalled(Ctx(raw=c.raw, t=asked, state=c.state, now=c.now)) if asked != c.t else None
    if found is None and re.match(r"^(?:and |so )?(?:who|what|where|when) (?:is|was) (?:his|her) [a-z]+(?: [a-z]+)?(?: again)?$", c.t):
        found = _recalled(Ctx(raw=c.raw, t=re.sub(r"\b(?:his|her)\b", f"{name}'s", c.t), state=c.state, now=c.now))
        # "and who was his key worker": whoever else of theirs was told ("his key worker's called Mrs Devlin")
    return found if found is not None and found[0] == "memory.recall" else None


def _person_talked_of(c: Ctx) -> tuple[str, str] | None:
    """The person the last memory turn about someone else was of, with their relation ("callum", "brother")."""
    people = _people_talked_of(c)
    return people[0] if people else None


def _people_talked_of(c: Ctx) -> list[tuple[str, str]]:
    """The people the last memory turns about someone else were of, latest first."""
    found = []
    for intent, items in ((c.state.last_intent, c.state.last_slots), c.state.person or (None, ())):
        slots = dict(items)
        subject = str(slots.get("subject") or "")
        kin = re.fullmatch(rf"(?:{_NAME}|(?:my|our) [a-z]+)'s (?P<r>[a-z]+)", subject)
        if kin and kin.group("r") in HE | SHE and (subject, kin.group("r")) not in found:
            found.append((subject, kin.group("r")))  # "Siobhan's husband": "he" may be him, "she" her (tried first, by the pronoun's gender)
        partner = (subject, kin.group("r")) if kin and kin.group("r") in ("spouse", "partner") else None
        subject = re.sub(r"'s [a-z]+(?: [a-z]+){0,2}$", "", subject)  # "my wife's favourite flowers": my wife
        if intent in ("memory.remember", "memory.recall", "memory.remind_yearly", "date.until") and subject not in ("", "me", "my name") \
                and re.fullmatch(rf"(?:my|our) {RELATIONS}|{_NAME}|{_NAME}'s {RELATIONS}", subject):
            relation = re.sub(r"^(?:my|our) |^[a-z'-]+'s ", "", str(slots.get("link_subject") or subject))  # "arjun's wife": a wife
            if (subject, relation) not in found:
                found.append((subject, relation))
        if partner and partner not in found:  # "who's she married to", of my sister - "where does he work": after her, whoever is not her
            found.append(partner)
    return found


def _recalled(c: Ctx) -> Result:
    t = re.sub(rf"^(what|where|when|how|who)( does| did| is) our (?!{RELATIONS}\b)(?=[a-z]+ (?:do|work|live|doing|working|living|based|married)\b)",
               r"\1\2 ", c.t)  # "what does our Kayleigh do": Kayleigh, as said in the north
    t = re.sub(rf"^(how many [a-z]+ (?:has|does|did)) our (?!{RELATIONS}\b)(?=[a-z]+ (?:got|have)\b)", r"\1 ", t)  # "how many kids has our Dean got"
    t = re.sub(rf"^(what is|where does|where is|when is|how old is|who is) our (?!(?:{RELATIONS}|kids|lad|lass|boy|girl|house|car|van|family)\b)"
               r"(?=[a-z]+ (?:allergic|live|work|is|birthday)\b)", r"\1 ", t)  # "what's our Shaz allergic to again"
    t = re.sub(r"^what (?:are|were) (?:the|my|our) (?P<p>[a-z]+)s'? names(?: again)?$", r"what are my \g<p>s called", t)  # "the cats' names"
    t = _parents_said_bare(t)
    t = re.sub(rf"^(where (?:did|do|have) i (?:leave|park|put|keep|left|parked) (?:the |my )?{VEHICLES}) at$", r"\1", t)
    t = re.sub(r"^(where (?:is|are) (?:the |my |our )?[a-z]+(?: [a-z]+)?) at$", r"\1", t)  # Southern US "where's my truck at"
    t = re.sub(r"\b(?:young|little|wee|baby|big) (?=[a-z]+'s (?:birthday|age)\b)", "", t)  # "when's young Callum's birthday"
    t = re.sub(r"(?<=[a-z]) the one (?:at|in|from|who|that|with|down in|up in) [a-z' ]+$", "", t)  # "my grandson's name, the one at Leicester"  # Texan "where'd I leave my truck at"
    t = re.sub(r"^(?P<who>(?:my|our) [a-z]+(?: [a-z]+)?) (?P<q>where|what|when|how old|who) (?P<v>is|was|does|did) (?:he|she|they) (?P<rest>.+)$",
               r"\g<q> \g<v> \g<who> \g<rest>", t)  # "my brother, where is he working": where is my brother working
    c = Ctx(raw=c.raw, t=_kin(re.sub(rf"^(?:(?:so|and|oh|um|right|hey|oi|eh|okay|ok|well)\b,? )+| (?:again|then|now|{_NOWADAYS})(?: exactly)?$| exactly$|"
                                     r" did i (?:ever )?(?:tell you|say)$", "", t).replace("my own ", "my ")),
            state=c.state, now=c.now)
    if re.match(rf"^where did i (?:say|tell you)(?: that)? i (?:had )?(?:parked|left (?:the|my) {VEHICLES})$", c.t):
        return "memory.recall", {"subject": "me", "query": "park"}  # "where did I say I parked"
    where = re.match(rf"^where is (?P<n>{_NAME})(?: to)?(?: these days| now| nowadays| at the moment)?$", c.t)
    if where and where.group("n") not in _NOT_A_PERSON | _NOT_A_NAME | {"it", "that", "this", "everyone", "everybody"} \
            and where.group("n") in {str(v).lower() for _, v in (c.state.person[1] if c.state.person else ())}:  # someone just told of
        return "memory.recall", {"subject": where.group("n"), "query": "live"}  # Newfoundland "where's Gerald to these days"
    about = re.match(rf"^what (?:did|have) i (?:tell|told|say to) you about (?P<s>{_NAME}|(?:my|our) {RELATIONS})$", c.t)
    if about and about.group("s") not in _NOT_A_PERSON | {"it", "that", "this", "them", "me", "myself"}:
        return "memory.recall", {"subject": about.group("s")}  # "what did I tell you about Noreen": what was told of her
    said = re.match(rf"^(?P<w>what|where|when|which|who) did i (?:say|tell you)(?: that)? (?!about\b)(?P<s>{_NAME}|(?:my|our) [a-z]+(?:'s [a-z]+)?) "
                    rf"(?:(?:was|is) (?=working|living|staying|studying)|)(?P<v>[a-z]+)(?: (?P<a>(?:allergic|intolerant|afraid|scared) (?:to|of)))?$", c.t)
    if said:  # "where did I say Dave lives": where does Dave live; "what did I say my daughter's name was": what is it;
        # "what did I tell you my daughter is allergic to": what is she allergic to
        v = said.group("v")
        v = {"working": "works", "living": "lives", "staying": "lives", "studying": "studies"}.get(v, v)  # "where did I say Padraig was working"
        q = f"{said.group('w')} is {said.group('s')} {said.group('a')}" if v in ("was", "is") and said.group("a") else \
            f"{said.group('w')} is {said.group('s')}" if v in ("was", "is") else \
            f"{said.group('w')} does {said.group('s')} {re.sub(r'(?<=[a-z]{2})s$', '', re.sub(r'ies$', 'y', v))}"
        c = Ctx(raw=c.raw, t=q, state=c.state, now=c.now)
    asked = re.match(r"^remind me (?P<q>(?:what|where|when|which|whose|how old) .+)$", c.t)
    if asked:  # "remind me what I'm allergic to" asks what the question asks
        c = Ctx(raw=c.raw, t=re.sub(r"^(?P<w>what|where|when|which|whose|how old) (?:am i|i am)\b", r"\g<w> am i", asked.group("q")),
                state=c.state, now=c.now)
    people = rule_memory_people_recall(c)
    if people is not None:
        return people
    m = re.match(rf"^when (?:was|is|were) (?P<s>{_NAME}|(?:my|our) [a-z]+(?:'s [a-z]+)?) born$", c.t)
    if m and m.group("s") not in _NOT_A_PERSON | {"i", "you", "he", "she", "they"}:  # "when was my dad born?": his birthday
        return "memory.recall", {"subject": f"{m.group('s')}'s birthday"}
    m = re.match(rf"^where (?:is|are) (?P<s>{_NAME}|(?:my|our) [a-z]+(?:'s [a-z]+)?) (?P<q>living|staying|working|based|studying)(?: at)?$", c.t)
    if m and m.group("s") not in _NOT_A_PERSON:  # "where's my sister living these days?"
        return "memory.recall", {"subject": m.group("s"),
                                 "query": {"living": "live", "staying": "live", "based": "live", "studying": "study"}.get(m.group("q"), "work")}
    theirs = re.match(rf"^what (?:was|is) it (?P<o>{_NAME}) does(?: for (?:work|a living))?$", c.t)
    if theirs and theirs.group("o") not in _NOT_A_PERSON | {"he", "she", "it", "that"}:  # "what was it Hamish does for work again?"
        return "memory.recall", {"subject": theirs.group("o"), "query": "work"}
    m = re.match(rf"^(?:which|what) (?:hospital|school|office|company|firm|shop|surgery|practice|branch|depot|site|station|ward|college|uni|bank|farm|"
                 rf"factory|hotel|restaurant|garage|mine|church|store) "
                 rf"(?:is|was|does) (?P<n>{_NAME}) (?P<q>working|work|based|studying|study|teaching|teach)(?: at| in| for)?$", c.t)
    if m and m.group("n") not in _NOT_A_PERSON | {"he", "she", "they", "it"}:  # "which hospital is Akosua working at"
        return "memory.recall", {"subject": m.group("n"), "query": "study" if m.group("q").startswith("stud") else "work"}
    m = re.match(rf"^who is (?:the|our) (?P<r>{RELATIONS})(?: (?:at|in|on|down at) (?:the )?[a-z]+)?$", c.t)
    if m and m.group("r") not in ("name", "birthday", "anniversary", "number", "phone number", "address", "job"):
        return "memory.recall", {"subject": f"my {m.group('r')}"}  # "who's the principal at school again": as "our principal" was told
    if re.match(r"^(?:which|what) days? (?:do|did) i (?:get|have) off(?: now| these days)?$", c.t):
        return "memory.recall", {"subject": "my day off"}  # "which day do I get off now"
    if re.match(r"^where (?:do|did) (?:i|we) (?:tie up|moor|berth|keep) (?:the|my|our) [a-z]+$", c.t):
        return "memory.recall", {"subject": "my mooring"}  # "where do I tie up the luzzu": my mooring, as told
    m = re.match(r"^(?:which|what) (?:number|bay|pitch|plot|stall|space|spot|locker|room|desk|seat|unit) (?:is|was) (?P<s>(?:my|our) [a-z]+(?: [a-z]+)?)$",
                 c.t)
    if m:  # "which number is my stall": my stall, as told
        return "memory.recall", {"subject": m.group("s")}
    m = re.match(r"^how many (?P<x>[a-z]+) (?:did i (?:say|tell you) )?(?:(?:have|do) )?(?:we|i) (?:had|have|have got|got|run|keep)"
                 r"(?: (?:in|at|on) (?:the )?[a-z]+(?: [a-z]+)?)?$", c.t)
    if m and not re.fullmatch(rf"{_PLURAL_PEOPLE}|{_STOCK}|days|weeks|hours|minutes|reminders|alarms|timers|notes|emails|lists", m.group("x")):
        return "memory.recall", {"subject": "me", "query": m.group("x")}  # "how many looms did I say we had": as told
    m = re.match(r"^who (?:does |do )?(?:sell|sells|supply|supplies|deliver|delivers|provide|provides|get|gets) (?:me|us) (?:the |my |our )?"
                 r"(?P<x>[a-z]+(?: [a-z]+)?)$", c.t)
    if m:  # "who does sell me the channa": my channa supplier
        return "memory.recall", {"subject": f"my {m.group('x')} supplier"}
    m = re.match(r"^(?:which|what) (?P<q>ward|bed|desk|team|shift|wing|unit|class|platform|gate|pitch|house|table|locker|hut|block) "
                 r"(?:am i|are we|was i) (?:on|in|at|with)(?: again| today| now| this week)?$", c.t)
    if m:  # "which ward am I on": the ward told, not the job
        return "memory.recall", {"subject": "me", "query": m.group("q")}
    m = re.match(r"^how long (?:was|were|did|have|had) (?:i|we) (?:been )?(?:down|in|at|on|with|(?:work|worked|working|serve|served|serving|"
                 r"live|lived|living|teach|taught|teaching|drive|drove|driving|play|played|playing|run|ran|running)(?: (?:in|at|on|down|for|with))?) "
                 r"(?:the |my |our |a |an )?(?P<q>[a-z]+)$", c.t)
    if m and m.group("q") not in ("it", "that", "there", "here", "phone", "hold"):  # "how long was I down the mines"
        return "memory.recall", {"subject": "me", "query": m.group("q")}
    if re.match(r"^(?:and )?is there anything (?:i am|i'm) allergic to$|^(?:and )?is there anything i (?:cannot|can not|must not) (?:eat|have|take|drink)$",
                c.t) or re.match(
            r"^(?:what|which) (?:(?:is|was|are|were) (?:that|the|those) )?(?:drug|drugs|medicine|medicines|medication|tablets?|pills?|antibiotics?|"
            r"food|foods|thing|things|material|materials|metal|fabric|plant|plants) (?:that )?(?:did i (?:tell you|say) )?(?:i|i am) (?:cannot|can not|must not|should not|am not allowed to|"
            r"react to|am allergic to|reacted to)(?: (?:take|have|eat|touch))?$", c.t):  # "what was that drug I can't take", "which medicine did I tell you I react to"
        return "memory.recall", {"subject": "me", "query": "allergic"}
    m = re.match(rf"^(?:which|what) (?:company|firm|office|hospital|school|shop|store|factory|bank|business|outfit) (?:is|does) "
                 rf"(?P<s>{_NAME}|(?:my|our) [a-z]+) (?:in|at|with|work (?:at|for|in)|working (?:at|for|in))(?: now| these days)?$", c.t)
    if m and m.group("s") not in _NOT_A_PERSON:  # "which company is Priya in now": where she works
        return "memory.recall", {"subject": m.group("s"), "query": "work"}
    t = c.t
    m = re.match(r"^what is (?:the|my|our) (?P<s>[a-z]+) (?P<q>allergic|intolerant|afraid|scared) (?:to|of)$", t)
    if m:  # "what's the cat allergic to?"
        return "memory.recall", {"subject": f"my {m.group('s')}", "query": m.group("q")}
    m = re.match(r"^(?:sorry )?what (?:is|was) (?:the|our) (?P<s>(?:[a-z]+ )?[a-z]+)(?: called|'s name| named)(?: again)?$", t)
    if m and m.group("s").split()[-1] not in ("time", "date", "day", "weather", "news", "film", "song", "book", "thing", "plan"):
        return "memory.recall", {"subject": f"my {m.group('s')}"}  # "what's the kitten called?"
    m = re.match(r"^what (?:is|was) (?:the )?(?P<n>code|password|passcode|pin|pin number|combination|combo|number) (?:for|to|of|on) (?:the |my |our |that )?"
                 r"(?P<p>[a-z]+(?: [a-z]+)?(?: at [a-z']+)?)(?: at (?:the |my )?(?:gym|work|pool|club|school|office|station|leisure centre))?$", t)
    if m and (m.group("n") != "number" or re.search(r"\b(?:gate|door|lock|safe|alarm|garage|shed|locker|padlock|keypad)$", m.group("p"))):
        # "what's the code for the key safe?": the key safe code; "the number for that top gate" is its code
        said = {"number": "code", "combo": "combination"}.get(m.group("n"), m.group("n"))
        return "memory.recall", {"subject": f"{m.group('p')} {said}"}
    m = re.match(r"^who (?:has|has got|is got|keeps|is keeping|holds|looks after) (?:the|my|our) (?P<x>[a-z]+(?: [a-z]+){0,2})$", t)
    if m and m.group("x").split()[-1] not in ("time", "date", "day", "weather"):  # "who's got the spare key again?"
        return "memory.recall", {"subject": m.group("x"), "query": m.group("x").split()[-1]}
    m = re.match(rf"^what (?P<q>breed|colou?r|kind|sort|type|size|age)(?: of (?P<a>dog|cat|horse|pony|pet|animal|bird|rabbit))? (?:is|are) "
                 rf"(?P<o>{_NAME}|(?:my|our) [a-z]+)(?: again)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON | {"it", "that", "this"}:  # "what breed is Monty?", "what kind of dog is Biscuit"
        return "memory.recall", {"subject": m.group("o"), "query": "breed" if m.group("a") else m.group("q")}
    m = re.match(rf"^what (?:colou?r|kind|sort|type|size|style|flavou?r|brand|make|shade)(?: of [a-z]+)? (?:did|does|do) "
                 rf"(?P<o>{_NAME}|my {RELATIONS}) (?P<q>want|need|like|prefer|order|choose|pick)(?: (?:for|in|on) [a-z' ]+)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON | {"i", "we", "you", "they", "he", "she", "it"}:
        return "memory.recall", {"subject": m.group("o"), "query": m.group("q")}  # "what colour did Mrs Goodwin want for her hall"
    m = re.match(rf"^what (?:is|are) (?P<o>{_NAME}|(?:my|our|the) [a-z]+) (?:eating|being fed|fed on)$|"
                 rf"^what (?:do|does) (?:i|we|you) feed (?P<o2>{_NAME}|(?:my|our|the) [a-z]+)(?: on)?$", t)
    if m and (m.group("o") or m.group("o2")) not in _NOT_A_PERSON | {"i", "we", "you", "they", "he", "she", "it"}:
        return "memory.recall", {"subject": _me_subject(re.sub(r"^the ", "my ", m.group("o") or m.group("o2"))), "query": "eat"}
        # "what's Duke eating": what he is on
    m = re.match(r"^what (?P<s>(?:[a-z]+ )?(?:blood group|blood type|star sign|shoe size|dress size|size|sign|type|group)) am i$", t) or re.match(
        r"^(?:which|what) (?P<s>doctor|gp|dentist|vet|optician|physio|surgery|practice|chemist|pharmacy|garage|mechanic|hairdresser|"
        r"barber|bank|gym|church|mosque|temple|chapel|parish|hospital|clinic|consultant|specialist|midwife|nurse|school|nursery) "
        r"(?:do|did) i (?:see|go to|use|attend|visit|bank with|belong to|go with|register with|usually see|normally see)$", t)
    if m:  # "what blood group am I", "which doctor do I see": the user's own, as "what's my blood group" asks
        return "memory.recall", {"subject": f"my {m.group('s')}"}
    m = re.match(rf"^(?:what|which) (?:subject|course|degree) (?:does|is) (?P<o>{_NAME}) (?:study|studying|do|doing|take|taking)(?: at [a-z ]+)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "what subject does Nusrat study"
        return "memory.recall", {"subject": m.group("o"), "query": "study"}
    m = re.match(rf"^(?:which|what) (?:town|city|village|country|place|area|part of [a-z]+) (?:does|is) (?P<o>{_NAME}|my {RELATIONS}) "
                 r"(?:come|originally come|hail|come originally) from$", t) or \
        re.match(rf"^where (?:is|was|does|did) (?P<o>{_NAME}|my {RELATIONS}) (?:originally )?(?:from|come from|grow up|hail from|grew up)(?: again)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "which village does my granny come from"
        return "memory.recall", {"subject": m.group("o"), "query": "from"}
    m = re.match(rf"^where (?:is|was) (?P<o>{_NAME}|my {RELATIONS}) (?:employed|working now|employed now)$", t)
    if m and m.group("o") not in _NOT_A_PERSON | {"it", "that", "he", "she"}:  # "where is Ebai employed"
        return "memory.recall", {"subject": m.group("o"), "query": "work"}
    m = re.match(rf"^where (?:is|are) (?:the|my|our) {VEHICLES}(?: parked)?$", t)
    if m:  # "where's the car then": where I parked it
        return "memory.recall", {"subject": "me", "query": "park"}
    m = re.match(rf"^(?:which|what) (?:town|city|village|country|place|area|part of [a-z]+) (?:does|is) (?P<o>{_NAME}|my {RELATIONS}) "
                 r"(?:live|stay|living|staying|based) (?:in|at)$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "which town does Nakato stay in"
        return "memory.recall", {"subject": m.group("o"), "query": "live"}
    m = re.match(rf"^(?:what time|when) (?:does|do) (?P<o>{_NAME}|my {RELATIONS}) (?:take|have|get) (?:her |his |their |the |my )?(?P<q>[a-z]+)$", t)
    if m and m.group("o") not in _NOT_A_PERSON | {"i", "we", "you", "they"}:  # "what time does she take the donepezil" (she: named above)
        return "memory.recall", {"subject": m.group("o"), "query": m.group("q")}
    m = re.match(rf"^what (?:is|are) (?P<o>{_NAME}(?: (?!(?:allergic|intolerant|afraid|scared)\b)[a-z]+)?) (?P<q>allergic|intolerant|afraid|scared) (?:to|of)$", t)
    if m and m.group("o") not in _NOT_A_PERSON | {"i", "you", "we", "they", "he", "she"}:  # "what's Marguerite allergic to?"
        return "memory.recall", {"subject": m.group("o"), "query": m.group("q")}
    if re.match(r"^(?:what do you (?:know|remember) about me|what have i told you(?: about me| about myself)?|what do you know about myself|"
                r"tell me what you know about me|what do you remember|what do you know|what have you learned about me|"
                r"how well do you know me|what things do you remember|what have you remembered|what do you know of me|"
                r"what (?:did|have) i (?:ask|asked|told|tell) you to remember|what did i tell you to remember)$", t):
        return "memory.recall", {"subject": "me"}
    m = re.match(rf"^(?:who is|who was|who are|remind me who|do you know who|do you remember who) (?P<o>{_NAME})(?: is| was)?(?: again)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON:
        return "memory.recall", {"subject": m.group("o")}
    if re.match(r"^do you (?:know|remember) (?:what|how|where|when|which|who) (?:i|i am|i have)\b(?!(?: am)? called$)", t):
        return "memory.recall", {"subject": "me"}
    if re.match(r"^(?:who am i|what is my name|do you know (?:my name|who i am)|what am i called|do you remember my name|"
                r"(?:do you )?(?:remember|know) what i am called|what did i say i am called|"
                r"say my name|what do you call me|remind me of my name|what did i say my name was|what do i call myself(?: again)?|"
                r"what did i (?:tell you|say) (?:i was|i am|my name was|my name is) (?:called|named)?|what did i tell you my name (?:was|is)|"
                r"what do i go by|what name do i go by|what do people call me)$", t):
        return "memory.recall", {"subject": "my name"}
    m = re.match(rf"^what (?:[a-z]+ )?(?:should|could|shall|can) i (?:get|buy|pick up|bring|order|cook|make|send) (?:for )?"
                 rf"(?P<s>{_NAME}|(?:my|our) {RELATIONS})(?: for (?:her|his|their) [a-z]+)?$", t)
    if m and m.group("s") not in _NOT_A_PERSON | {"me", "you", "it", "them", "him", "her"}:  # "what flowers should I pick up for Kate?"
        return "memory.recall", {"subject": m.group("s"), "query": "like"}
    m = re.match(r"^what is the (?P<w>wifi|wi fi|internet)(?: password| code)?(?: (?P<at>at|for) (?:the |my )?(?P<p>[a-z ]+))?$", t)
    if m:  # "what's the wifi at the shop?": its password
        return "memory.recall", {"subject": "wifi password" + (f" at the {m.group('p')}" if m.group("p") else "")}
    m = re.match(rf"^what (?:date|day) is (?P<s>(?:{_NAME}|my [a-z]+)'s (?:birthday|anniversary))(?: on)?$", t)
    if m:  # "what date is Siobhan's birthday on again?"
        return "memory.recall", {"subject": m.group("s")}
    if re.match(r"^(?:where is home(?: for me)?|where do i call home|where is my home)$", t):
        return "memory.recall", {"subject": "me", "query": "live"}
    if re.match(r"^(?:what|which) (?:subject|subjects) (?:do i|i) (?:teach|lecture in|lecture)$", t):
        return "memory.recall", {"subject": "me", "query": "work"}  # "remind me what subject I teach"
    m = re.match(rf"^where is (?P<o>{_NAME}|my {RELATIONS}) (?:off to|moving to|moving|going|headed|heading|relocating to)(?: again| now)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "where's my daughter off to": where she is moving
        return "memory.recall", {"subject": m.group("o"), "query": "live"}
    m = re.match(rf"^where does (?P<o>{_NAME}|my {RELATIONS}) go to (?P<q>school|college|uni|university|nursery|work)$", t) or re.match(
        rf"^where (?:is|are) (?P<o>{_NAME}|my {RELATIONS}) at (?P<q>school|college|uni|university|nursery|work)(?: now| these days)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "where does Tyler go to school?"
        return "memory.recall", {"subject": m.group("o"), "query": "work" if m.group("q") == "work" else "school"}
    m = re.match(r"^what (?:do|did) i (?:punch|put|key|type|tap) in (?:for|at|on|to open) (?:the |my )?(?P<p>[a-z' ]+?)$", t)
    m = m or re.match(r"^how do (?:i|we) (?:get|let (?:myself|ourselves)) (?:in|into|through|past) (?:the |my |our )?(?P<p>[a-z' ]+?)$", t)
    if m:  # "what do I punch in for Mrs Hughes's key safe?", "how do I get in the allotment gate?": its code
        return "memory.recall", {"subject": f"{m.group('p')} code"}
    m = re.match(r"^what (?:do|shall) i call (?P<s>(?:my|our) [a-z]+)$", t)
    if m:  # "what do I call my dog?": its name
        return "memory.recall", {"subject": m.group("s")}
    if re.match(r"^(?:who do i (?:work for|report to|answer to)|who is my (?:boss|manager|line manager|supervisor))$", t):
        return "memory.recall", {"subject": "my boss"}  # "who do I work for?": the person
    m = re.match(rf"^what (?:is|are) (?P<s>{_NAME}|(?:my|our) [a-z]+(?: {_NAME})?) (?:into|keen on|mad about|crazy about)(?: these days| at the moment)?$", t)
    if m and m.group("s") not in _NOT_A_PERSON:  # "what's Dave into"
        return "memory.recall", {"subject": _me_subject(m.group("s")), "query": "like"}
    m = re.match(rf"^(?:what|when|where|who|which|how old|how) (?:is|are|was|were|will be)(?: the)? (?P<s>(?:my|our|(?:{_TITLE} )?[a-z]+'s) [a-z' ]+?)"
                 r"(?: called| named)?(?: again| now)?$", t) or re.match(
        rf"^what (?:is|was) the (?P<s>(?:[a-z]+ ){{0,2}}(?:password|passcode|passphrase|code|pin|pin number|combination)"
        rf"{_AT_PLACE})(?: again)?$", t)
    if m:
        return "memory.recall", {"subject": _me_subject(m.group("s"))}
    m = re.match(r"^(?:which|what) (?P<k>slip|berth|bay|space|spot|pitch|level|floor|mooring|pontoon|row|stall|locker|shelf|drawer|cupboard) "
                 r"(?:is|are) (?:the|my|our) (?P<s>[a-z]+) (?:in|on|at|kept in|parked in|parked on|moored at|moored on|tied up at)$", t)
    if m:  # "which slip is the boat in", "what berth is the boat on": where it is
        return "memory.recall", {"subject": f"my {m.group('s')}'s {m.group('k')}"}
    m = re.match(r"^(?:which|what) (?P<k>slip|berth|mooring|pontoon) (?:am i|are we|is she|is it) (?:on|in|at|tied up at|moored at)$", t)
    if m:  # "which mooring am I on": where the boat is (a boat is "she"), as told
        return "memory.recall", {"subject": "me", "query": m.group("k")}
    m = re.match(r"^what (?:was|is) the name of (?:that|the) (?P<s>[a-z]+(?: [a-z]+)?(?: (?:we|i) [a-z]+)?(?: (?:in|at|on|near) [a-z' ]+)?)$", t)
    if m and not re.match(r"(?:song|tune|film|movie|book|show|programme|program|series|band|singer|actor|actress|game|app|thing)\b",
                          m.group("s")):  # "what was the name of that crab place in Annapolis": asked of the place, found by its words
        return "memory.recall", {"subject": m.group("s")}
    m = re.match(r"^what (?:date|day) (?:is|was|are|were) (?P<s>(?:my|our|[a-z]+'s) (?:[a-z']+ )?(?:birthday|anniversary|wedding|party|"
                 r"do|graduation|christening|funeral|due date))(?: again| this year)?$", t)
    if m:  # "what date's our anniversary"
        return "memory.recall", {"subject": m.group("s")}
    m = re.match(rf"^(?:which|what) (?P<k>[a-z]+) (?:does|do|did) (?P<s>(?:my|our) [a-z]+|{_NAME}) (?:go to|attend|go|use|support)$", t)
    if m and m.group("s") not in _NOT_A_PERSON | {"i", "we", "you"}:  # "which nursery does my daughter go to"
        return "memory.recall", {"subject": _me_subject(m.group("s")), "query": m.group("k")}
    if re.match(r"^(?:which|what) (?:medicine|medicines|medication|medications|drugs?|tablets|pills|antibiotics?|foods?|things?) "
                r"(?:must|should|can) (?:i|we) not (?:take|have|eat|be given)$", t):
        return "memory.recall", {"subject": "me", "query": "allergic"}  # "which medicine must I not take"
    m = re.match(r"^(?:which|what) (?P<k>locker|peg|desk|bay|room|pitch|plot|seat|bed) (?:am i|are we|have i got|do i have|do i use) "
                 r"(?:using |in |on |at )?(?:at|in) (?:the |my )?(?P<p>[a-z]+)$", t)
    m = m or re.match(r"^(?:which|what) (?P<k>locker|peg|desk|bay|room|pitch|plot|seat|bed)(?: is|'s) mine(?: (?:at|in) (?:the |my )?(?P<p>[a-z]+))?$", t) \
        or re.match(r"^(?:which|what) (?P<k>locker|peg|desk|bay|pitch|plot|seat|bed) (?:am i|are we|have i got|do i have|do i use)(?: using| in| on)?(?P<p>)$", t)
    if m:  # "which locker am I using at the gym": my locker at the gym; "which locker's mine at work"
        place = m.group("p")
        at = "" if not place else f" at {place}" if place in ("work", "school", "college", "uni", "church") else f" at the {place}"
        return "memory.recall", {"subject": f"my {m.group('k')}{at}"}
    m = re.match(r"^what (?:do|did) (?:i|we) (?:call|name|call our|call my) (?:the|my|our) (?P<s>[a-z]+)$", t)
    if m:  # "what do I call the dog again": its name
        return "memory.recall", {"subject": f"my {m.group('s')}"}
    m = re.match(r"^who (?:did|have) (?:we|i) (?:pick|picked|choose|chose|chosen|ask|asked|get|got) (?:for|as|to be) (?:the |our |my )?(?P<s>[a-z]+(?: [a-z]+)?)$", t)
    if m:  # "who did we pick for godmother": who the godmother is
        return "memory.recall", {"subject": m.group("s")}
    m = re.match(rf"^how (?:does|do) (?P<s>{_NAME}|(?:my|our) [a-z]+) (?:take|have|like|drink) (?:his|her|their) (?P<q>tea|coffee|eggs|steak|toast)$", t)
    if m and m.group("s") not in _NOT_A_PERSON:  # "how does Mr Adewale take his tea"
        return "memory.recall", {"subject": _me_subject(m.group("s")), "query": m.group("q")}
    m = re.match(rf"^how old did i (?:say|tell you) (?P<s>{_NAME}|(?:my|our) [a-z]+) (?:was|is)(?: again)?$", t)
    if m and m.group("s") not in _NOT_A_PERSON:  # "how old did I say Isla was"
        return "memory.recall", {"subject": _me_subject(m.group("s")), "query": "age"}
    m = re.match(r"^(?:what|who|where|when) did i (?:say|tell you) (?P<s>(?:my|our|the|[a-z]+'s) [a-z' ]+?) (?:was|is|were|are)"
                 r"(?: called| named)?(?: again)?$", t)
    if m:  # "what did I say my dog was called", "the twins were called", "the dog's name was", "my horses' names were"
        return "memory.recall", {"subject": re.sub(r"(?:'s name|(?<=s)'? names)$", "", re.sub(r"^the ", "my ", m.group("s")))}
    m = re.match(rf"^(?:where|when|what|who|how|which|what time|(?:which|what) [a-z]+) (?:does|did|do|will) (?P<s>(?:my|our|(?:{_TITLE} )?[a-z]+'s) [a-z' ]+?)"
                 r"(?: (?:make|makes|keep|keeps|grow|grows|sell|sells|brew|brews|park|parks|do|does) (?:his|her|their))? (?P<q>[a-z]+)"
                 r"(?: for a living| for work| again| at| in| on| for)?$", t)  # "where does my brother make his wine": of my brother
    if m and not re.search(r"\b(?:calendar|schedule|timer|reminder)\b", t):
        q = "work" if m.group("q") == "do" else m.group("q")  # "where does my sister live": what answers it is where she lives
        return "memory.recall", {"subject": _me_subject(m.group("s")), "query": q}
    m = re.match(rf"^(?:which|what) (?:house|flat|number|door|address) (?:is|was) (?P<s>{_NAME})'s(?: again)?$", t)
    if m and m.group("s") not in _NOT_A_PERSON:  # "which house is Ken's"
        return "memory.recall", {"subject": m.group("s"), "query": "live"}
    if re.match(r"^(?:which|what) [a-z]+(?: [a-z]+)? did (?:i|we) (?:park|leave the car)(?: on| in| at| near)?(?: again| today)?$", t):
        return "memory.recall", {"subject": "me", "query": "park"}  # "which level did I park on"
    m = re.match(r"^where (?:is|are|was|were) (?P<s>(?:the|my|our) [a-z' ]+?)(?: again| now)?$|"
                 r"^where (?:did|do) (?:i|we) (?:park|put|leave|hide|store|stick|pop|shove|stash|keep) (?P<s2>(?:the|my|our) [a-z' ]+?)(?: again| last)?$|"
                 r"^where (?:have) (?:i|we) (?:parked|put|left|hidden|stored|stuck|popped|shoved|stashed|kept) (?P<s4>(?:the|my|our) [a-z' ]+?)(?: again)?$|"
                 r"^where (?:have|did) (?:i|we) (?:got|get) (?P<s5>(?:the|my|our) [a-z]+) (?:tied up|moored|parked|kept|stored|docked)(?: again)?$|"
                 r"^where did (?:i|we) (?:park|put|leave|hide|store|stick|pop|shove|stash) (?P<s3>[a-z' ]+?)(?: again| last)?$", t)
    if m:
        return "memory.recall", {"subject": _me_subject(m.group("s") or m.group("s2") or m.group("s3") or m.group("s4") or m.group("s5"))}
    m = re.match(r"^what (?:do|did) i (?:like|love|enjoy) (?P<w>eating|to eat|drinking|to drink|watching|to watch|reading|to read|"
                 r"listening to|doing|to do)(?: (?:best|most|the most))?(?: again)?$", t)
    if m:  # "what do I like eating best": my favourite food
        kind = {"eating": "food", "to eat": "food", "drinking": "drink", "to drink": "drink", "watching": "film", "to watch": "film",
                "reading": "book", "to read": "book", "listening to": "music"}.get(m.group("w"))
        return "memory.recall", ({"subject": f"my favourite {kind}"} if kind else {"subject": "me", "query": "like"})
    m = re.match(rf"^what (?:size|shoe size)(?: of)?(?: shoes?| boots?| trainers?| clothes| dress| top)? (?:does|do) (?P<o>{_NAME}|my {RELATIONS}) "
                 rf"(?:take|wear|need|have)(?: now| again)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "what size shoes does Shanice take"
        return "memory.recall", {"subject": m.group("o")}
    m = re.match(rf"^(?:what|which) days? (?:does|do) (?P<o>{_NAME}|my {RELATIONS}) (?:come|visit|call|work|do [a-z]+)(?: round| over| in)?(?: again| now)?$", t)
    if m and m.group("o") not in _NOT_A_PERSON:  # "what day does Isla come"
        return "memory.recall", {"subject": m.group("o")}
    if re.match(r"^(?:what|which) (?:room|room number) am i (?:in|staying in)(?: tonight)?$", t):
        return "memory.recall", {"subject": "my room number"}  # "what room number am I in"
    if re.match(r"^when (?:did|were) (?:we|i) (?:get )?married(?: again)?$", t):
        return "memory.recall", {"subject": "our wedding anniversary"}  # "when did we get married": the day it is kept as
    m = re.match(r"^what (?:is|was) the name of (?P<s>(?:my|our|the) [a-z]+(?:'s [a-z]+)?|[a-z]+'s [a-z]+)(?: again)?$", t)
    if m and m.group("s").split()[-1] not in ("song", "film", "book", "place", "street", "road", "town", "shop", "thing", "game"):
        return "memory.recall", {"subject": _me_subject(m.group("s"))}  # "what's the name of my daughter's cat"
    m = re.match(r"^(?:do you (?:remember|know|recall)|what do you (?:know|remember) about|what did i (?:tell|say to) you about|"
                 r"tell me (?:about|what you know about)|what did i say about|remind me (?:of|what))(?: when| what| where| who)? "
                 r"(?P<s>[a-z' ]+?)(?: is| are| was| were)?$", t)
    if m:
        s = _me_subject(m.group("s"))
        return "memory.recall", {"subject": "me" if s in ("me", "myself") else s}
    return None


_YES = (r"^(?:(?:yes|yeah|yep|aye|ok|okay|oh|ooh) )*(?:yes|yeah|yep|aye|sure|please|yes please|ok|okay|go on|do|please do|yes do|sounds good|"
        r"good idea|why not|of course|definitely|go for it|go ahead|that would be (?:great|lovely|nice|good)|do that|yes do that|"
        r"every year|each year|yearly|remind(?: me)?(?: about it)?(?: every year| each year| yearly)?)"
        r"(?: then| please| do| do that| every year| each year| yearly)*$")
_NO = (r"^(?:(?:no|nope|nah|naw|oh|ta|thanks|thank you) )*(?:no|nope|nah|no thanks|no thank you|no ta|nah ta|no cheers|do not|not needed|no need(?: every year| for every year| each year)?|not now|maybe later|do not bother|"
       r"you are (?:all )?(?:grand|all right|alright|fine|okay|ok|good|sweet)|i am (?:all )?(?:grand|all right|alright|fine|good|sweet)|all good|"  # Irish "no, you're grand"
       r"(?:do not|don't|dont) remind me(?: about (?:it|that))?(?: every year| each year| yearly)?|"  # "no man, doh remind me every year"
       r"(?:do not|no need to) (?:worry|bother)(?: about (?:it|that|reminding me|the yearly one|a yearly one|the yearly reminder|that one)| reminding me|"
       r" with (?:that|a reminder|the yearly one))?"
       r"(?: for that one| for that| about that one| every year| each year| for (?:him|her|them))?(?: thanks| thank you| ta| cheers)?)$")


def rule_yearly_reminder_answer(c: Ctx) -> Result:
    """ "yes" to "Shall I remind you every year?" after a birthday or anniversary was remembered."""
    last = dict(c.state.last_slots)
    subject = str(last.get("subject") or "")
    if c.state.last_intent != "memory.remember" or not re.search(r"\b(?:birthday|anniversary)$", subject):
        return None
    said = [w for w in re.sub(r"[^a-z' ]+", " ", c.raw.lower()).split() if w not in ("oh", "ah", "aw")]
    if re.match(_YES, c.t) or (said[:1] in (["yes"], ["yeah"], ["yep"], ["sure"], ["ok"], ["okay"]) and re.match(
            r"^(?:(?:i|he|she|they|we|it|that|you)(?:'[a-z]+)? [a-z' ]+|because .+)$", c.t)):
        return "memory.remind_yearly", {"subject": subject}  # "yes please, he'd never forgive me if I forgot"
    if re.match(_NO, c.t):
        return "memory.remind_yearly", {"subject": subject, "decline": True}
    if re.match(r"^(?:(?:yeah|yes|ok|okay|sure|aye|go on) )?(?:every year|each year|yearly)(?: (?:please|that would be good|that would be great|would be good|"
                r"that'd be good|that'd be great|that is good|sounds good|would be great|would be lovely|that would be lovely|would be grand))?$", c.t):
        return "memory.remind_yearly", {"subject": subject}  # "yeah, every year, that'd be good"
    return None
