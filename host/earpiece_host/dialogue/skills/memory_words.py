"""How remembered facts are said back and found again by the words of a question.

Pure helpers for `skills/memory.py`: whether a value is something a person does ("lives in
Leeds") rather than who they are ("Rachel"), which kind of fact about the user a new one replaces
("I live in Bath" replaces "I live in Bristol", "I love olives" replaces "I hate olives"), and
whether a stored fact answers a question's word ("where do I live" -> live) without ever answering
with an unrelated fact.
"""

from __future__ import annotations

import re

from ..nlu.memory import DEEDS, HE, JOBS, KEPT_THINGS, PERSON_TITLES, PET_ANIMALS, SHE, VEHICLES
from ..phrasing import join_words, second_person

# A value that starts with one of these says what someone does or has: kept beside the person, not as their name.
PREDICATE = re.compile(
    r"^(?:(?:does not|doesn't|never|always|still|also|usually|often|really|can|can't|cannot|will|used to|just) )?"
    rf"(?:{DEEDS}|lived|worked|had|lands|leaves|arrives|ends|opens|closes|finishes|expires|costs|belongs|gets|says|reads|writes|"
    r"is|was|are|were|retired|stand|turned|turns|has started|take|need|cost|use|last)\b"  # "take": of things said in the plural (my tyres take 35 psi)
    r"|^(?:does not|doesn't|cannot|can't|can not|never|will not|won't|did not|didn't) (?:like|eat|have|drink|drive|live|work)\b",
    re.IGNORECASE)  # "does not like mushrooms", "cannot eat nuts"; what people do (DEEDS) is listed with the rules

# Relations that hold several people at once ("my kids" = "Max and Lily"), with their singular.
STOCK = {"ewes": "ewe", "sheep": "sheep", "lambs": "lamb", "cows": "cow", "cattle": "head of cattle", "calves": "calf", "hens": "hen",
         "chickens": "chicken", "goats": "goat", "pigs": "pig", "horses": "horse", "ponies": "pony", "hives": "hive", "alpacas": "alpaca"}
"""Animals kept and counted: "we've got two thousand one hundred ewes on the station"."""
KINDS = {"sheep": ("ewes", "lambs", "rams", "tups", "hoggets"), "cattle": ("cows", "calves", "bulls", "heifers", "steers", "bullocks"),
         "cows": ("cattle",), "chickens": ("hens", "chooks", "layers", "broilers"), "hens": ("chickens", "chooks", "layers"),
         "birds": ("hens", "chickens", "chooks", "ducks", "geese", "turkeys"), "animals": ("sheep", "ewes", "cattle", "cows", "goats", "pigs")}
"""What a count asked by the kind may have been told by ("how many sheep" of "a hundred and forty ewes")."""
PLURAL = {"kids": "kid", "children": "child", "sons": "son", "daughters": "daughter", "sisters": "sister",
          "brothers": "brother", "grandchildren": "grandchild", "grandkids": "grandkid", "dogs": "dog", "cats": "cat",
          "pets": "pet", "twins": "twin", "triplets": "triplet", **STOCK}
FAMILY = {"wife", "husband", "partner", "spouse", "boyfriend", "girlfriend", "fiance", "fiancee", "fiancé", "fiancée",
          "son", "daughter", "sister", "brother", "mother", "mum", "mom", "father", "dad", "child", "kid", "baby",
          "cousin", "aunt", "auntie", "aunty", "uncle", "niece", "nephew", "grandson", "granddaughter", "grandmother", "grandfather",
          "granny", "grandma", "grandpa", "grandad", "granddad", "nan", "nana", "nanna", "gran", "tita", "tito", "lola", "lolo",
          *PLURAL} - {"dogs", "cats", "pets", *STOCK}
GREAT = {r for r in HE | SHE if r.startswith("great ")} | {"great grandchild"}
"""A generation further: "my great granddaughter Poppy" is a granddaughter's daughter, and as much family."""
FAMILY |= GREAT

_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}

# The words a question stands for, and the facts that answer it ("what do I do for a living" -> work).
_ANSWERS = {
    "live": r"\b(?:live|lives|living|moved to|moving to|stays in|stays at|staying in|staying at)\b",  # Scots "stays in Dunfermline"
    "from": r"\b(?:from|born|grew up|raised|brought up)\b",
    "subject": r"\b(?:teach(?:es|ing)?|stud(?:y|ies|ying)|majors? in|majoring in|lectures? in)\b",  # "what subject does Okello take"
    "allergic": r"\b(?:allergic|allergy|allergies|intolerant|coeliac|celiac|(?:can't|cannot|can not|mustn't|must not|shouldn't|should not) "
                r"(?:eat|have|drink|take))\b",  # "can my wife have cheese" of "she cannot have dairy"
    "work": rf"\b(?:work|works|working|job|employed|retired|teaches|teach|lectures|lecture|manages|runs|{JOBS[3:-1]})\b"
            r"|\b(?:drives|drive|crews|sails|flies|nurses|cooks|cleans|volunteers|serves)(?: (?:the |a )?[a-z]+)? for\b"  # "drives the harvester for ..."
            r"|\b(?:sells|trades|deals in|skippers|farms|fishes)\b"  # "sells cattle in the Zaria market": a living
            r"|\bdrives (?:a |the )?(?:[a-z]+ )?(?:tram|bus|taxi|cab|lorry|truck|train|forklift|ambulance|tractor|crane|digger|matatu|minibus|"
            r"coach|tuk tuk|rickshaw|boda)s?\b"  # "drives the cane train", "drives a matatu"
            r"|\bis an? [a-z]+ (?:up |down |out |over )?(?:at|for|in|on|with)\b"  # "is a ghillie up at Inverlochy"
            r"|\bis an? (?!(?:widow|member|smoker|supporter|believer|fan|gamer|runner|twin|lodger|foster|brother|sister|mother|father|"
            r"grandmother|grandfather|daughter|leader|lover)\b)[a-z]*(?:man|woman|er|or|ist|ian|smith|wright|monger|maker|keeper|hand)$",
            # "is a lobsterman", "is a welder", "is a chiropodist": a trade, said without a place
    "age": r"\b(?:is|are|turns?|turned|was) (?:\d+|[a-z]+(?: [a-z]+)? years? old|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
           r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
           r"(?: [a-z]+)?$)|\b(?:years? old|aged?)\b",
    "drive": r"\b(?:drive|drives|ride|rides|car)\b",
    "study": r"\b(?:study|studies|studying|studied|student|university|uni|college|school|academy|degree|course)\b",
    "how long": r"\bfor (?:over |nearly |about |almost |the last |the past )?[a-z0-9 ]+ (?:years?|months?|weeks?|decades?)\b|\bsince\b",
    "school": r"\b(?:school|schools|nursery|preschool|playgroup|college|university|uni|academy|primary|high|secondary|grammar|"
              r"form (?:one|two|three|four|five|six|\d)|year (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|\d+)|"
              r"grade [a-z0-9]+|p[1-7]|s[1-6]|class [a-z0-9]+|standard [a-z0-9]+|attends|attending|(?:studies|studying|studied|study) (?:at|in))\b",
    # "is at Kenya High", "is in form three at Alliance", Indian "is studying in class seven", "attends Mfantsipim", "studies at Burn Hall"
    "breed": r"\b(?:is|was) an? (?!(?:good|bad|big|little|small|lovely|nice)\b)[a-z]+(?: [a-z]+)?$|\bbreed\b",  # "Mabel is a lurcher"
    "park": rf"\b(?:park|parked|parking|(?:left|leave) (?:the|my|your) {VEHICLES})\b",  # Caribbean "I leave the pickup by ...": left
    "like": r"\b(?:like|likes|love|loves|adore|adores|enjoy|enjoys|prefer|prefers|favou?rite|into)\b",
    "eat": r"\b(?:eat|eats|eating|is on|are on|fed on|feeds on|diet)\b",
    "birds": r"\b(?:birds|hens|chickens|chooks|ducks|geese|turkeys|layers|broilers)\b",  # "how many birds I got in the north house"  # "what's Duke eating": "Duke is on fish and rice"
    "hate": r"\b(?:hate|hates|dislike|dislikes|can't stand|cannot stand|don't like|do not like|doesn't like|don't eat|"
            r"don't drink)\b",
}
_SAID_FOR = {"stay": "live", "reside": "live", "trade": "work", "business": "work", "sell": "work"}
"""Question words said for another: "where does Tendai stay" asks where Tendai lives (Scots, southern African English)."""
QUESTION_WORDS = frozenset(_ANSWERS)  # the question words `answers` knows the facts for
_NEGATIVE = r"\b(?:don't|do not|doesn't|not|never|hate|hates|dislike|can't|cannot)\b"
_STOP = {"i", "me", "my", "you", "your", "that", "where", "what", "who", "when", "the", "a", "an", "about", "to", "is", "are",
         "was", "were", "am", "i'm", "of", "in", "on", "at", "it", "do", "does", "did", "have", "has", "thing", "fact"}


def is_predicate(value: str) -> bool:
    return bool(PREDICATE.match(value.strip()))


_NOT_NAMES = re.compile(r"^(?:a|an|the|very|really|so|quite|not|still|in|at|on|off|with|from|by|away|out|back|home|here|there|"
                        r"ill|sick|unwell|poorly|better|worse|fine|well|busy|late|early|tired|upset|angry|happy|sad|pregnant|retired|"
                        r"married|single|divorced|dead|alive|coming|going|\d+)\b|\w+(?:ing|ed)\b", re.IGNORECASE)


def looks_like_names(value: str) -> bool:
    """ "Rachel", "Dr Patel", "Max and Lily" rather than "ill", "at school", "a nurse", "coming tomorrow"."""
    words = [w for w in re.split(r"\s*,\s*|\s+", value.strip()) if w and w.lower() != "and"]
    return 0 < len(words) <= 4 and not _NOT_NAMES.match(value.strip())


def number_word(n: int) -> str:
    return _NUMBERS.get(n, str(n))


def names_in(value: str) -> list[str]:
    """ "Max and Lily" -> ["Max", "Lily"]; "Ben, Sam and Ruth" -> three names, and so is "Ben Sam and
    Ruth" as a recogniser writes it (one word after the "and": the words before it are names too)."""
    names = [n for n in re.split(r"\s*,\s*|\s+and\s+", value.strip()) if n]
    if len(names) > 1 and " " not in names[-1]:
        names = [word for name in names for word in name.split()]
    return names


def _stem(word: str) -> str:
    word = word.lower().strip("'")
    for end in ("ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9']+", text.lower())}


def answers(query: str, sentence: str) -> bool:
    """Whether a fact, said as a sentence, answers the question's word: by meaning for the usual
    questions (live, work, park, like...), else by the word itself ("do I like olives": olives)."""
    query = _SAID_FOR.get(query.lower().strip(), query.lower().strip())
    pattern = _ANSWERS.get(query)
    if pattern is not None:
        if not re.search(pattern, sentence, re.IGNORECASE):
            return False
        return not (query == "like" and re.search(_NEGATIVE, sentence, re.IGNORECASE))
    if query in sentence.lower():  # "allergic", "afraid", "allerg"
        return True
    return said_words_match(query, sentence)


_TOPICS = (("work", r"my (?:job|work|occupation)|where i work|what i do(?: for a living)?"),
           ("live", r"my (?:address|home)|where i live"),
           ("from", r"where i (?:am|come) from"),
           ("park", r"my (?:car|parking (?:space|spot))|where i (?:parked|park)|(?:the place )?where i left (?:the|my) car"),
           ("allergic", r"my allergies|what i am allergic to"))


def asked_topic(said: str) -> str | None:
    """The question a phrase about the user stands for: "my job" -> work, "where I live" -> live."""
    return next((topic for topic, pattern in _TOPICS if re.fullmatch(pattern, said.strip())), None)


def said_words_match(said: str, sentence: str) -> bool:
    """Whether a fact named by the user's own words ("my sister lives in Leeds", "where I parked")
    is this one: every word that carries meaning is in it."""
    words = _stems(said) - _STOP
    return bool(words) and words <= _stems(sentence)


def not_told(query: str, who: str) -> str:
    """What the user has not told, for "You haven't told me ...": "where you live", "where Tom works"."""
    you = who == "you"
    templates = {"live": "where {w} live" if you else "where {w} lives", "from": "where {w}'re from" if you else "where {w} is from",
                 "work": "what {w} do for a living" if you else "what {w} does for a living",
                 "park": "where {w} parked", "study": "where {w} study" if you else "where {w} studies",
                 "school": "where {w} go to school" if you else "where {w} goes to school", "age": "how old you are" if you else "how old {w} is", "drive": "what {w} drive" if you else "what {w} drives",
                 "like": "what {w} like" if you else "what {w} likes",
                 "hate": "what {w} can't stand", "eat": "what {w} eat" if you else "what {w} eats"}
    template = templates.get(query.lower())
    if template:
        return template.format(w=who)
    return f"anything about {query}" if you else f"that about {who}"


def me_kind(value: str) -> tuple[str, str] | None:
    """Which earlier fact about the user a new one replaces: one home, one job, one parking place;
    one feeling per thing ("I love olives" replaces "I hate olives")."""
    v = value.lower().replace("i'm", "i am").replace("i've", "i have").replace("don't", "do not").replace("can't", "cannot")
    for kind, pattern in (("live", r"^(?:i|we) (?:live|am living|are living) "), ("job", rf"^i (?:work|am working) as |^i am (?:an? )?{JOBS}\b|^i (?:teach|lecture)\b"),
                          ("workplace", r"^i (?:work|am working) (?:at|for|in) "),
                          ("park", rf"^i (?:have )?parked |^i left (?:the|my) {VEHICLES} |^(?:the|my|our) {VEHICLES} is parked "), ("from", r"^i (?:am|come) (?:originally )?from "),
                          ("drive", r"^i (?:drive|ride) "),
                          ("placement", r"^i am (?:on (?:a |my )?(?:placement|rotation|secondment|attachment)|on ward|stationed|posted) ")):
        if re.match(pattern, v):
            return kind, ""
    m = re.match(r"^i (?:have )?(?:left|put|kept|hid|hidden|stored|keep|stashed) (?:my|our|the) (?P<thing>[a-z' ]+?) "
                 r"(?:in|on|at|under|behind|inside|next to|with|by|in between) ", v)
    if m:  # one place for each thing: "I've left my passport in the desk" replaces where it was before
        return "left", m.group("thing")
    m = re.match(r"^i (?:really |absolutely |just |also )?(?:love|like|adore|enjoy|hate|dislike|do not like|cannot stand|"
                 r"can not stand|do not eat|do not drink|prefer) (?P<o>.+)$", v)
    if m:
        return "feeling", m.group("o").strip()
    return None


_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}


def replaced(new: str, old: str) -> str:
    """What a new fact about the user says instead of the old one, for "Okay, you live in Bath now, not
    Bristol."; "" when the two share too little to say it shortly."""
    a, b = new.split(), old.split()
    k = 0
    while k < min(len(a), len(b)) and a[k].lower() == b[k].lower():
        k += 1
    if k and b[k - 1].lower() in ("the", "a", "an", "my", "his", "her", "their", "our"):
        k -= 1  # "not the fire station in Croydon": the old place with its article
    same = 0  # and without a place both end with: "level four of the car park" | "level three of the car park"
    while same < min(len(a), len(b)) - k and a[len(a) - 1 - same].lower() == b[len(b) - 1 - same].lower():
        same += 1
    end = next((n for n in range(same, 0, -1) if b[len(b) - n].lower() in ("of", "in", "at", "on", "near", "by")), 0)
    verb_only = k == 1 and re.fullmatch(r"(?:works|lives|plays|goes|is|are|was)", b[0].lower()) is not None
    rest = b[k:len(b) - end]  # "works at the fish farm, not on the ferry over to Raasay": the same verb, then somewhere new
    if (k < 2 and not verb_only) or not rest or len(rest) > 6:
        return ""
    if len(rest) == 1 and (rest[0].isdigit() or rest[0].lower() in _NUMBER_WORDS):  # "on level 5 now, not level 3"
        rest = b[k - 1:len(b) - end]
    return " ".join(rest)


# -- saying facts --------------------------------------------------------------------------------

SPOUSE = {"wife", "husband", "partner", "spouse"}
_GRANDFATHER = {"grandfather", "grandad", "granddad", "grandpa", "granda", "gramps", "grandpop", "lolo", "abuelo", "abuelito", "nonno", "opa", "taid"}
_GRANDMOTHER = {"grandmother", "grandma", "granny", "gran", "nan", "nana", "nanna", "lola", "abuela", "abuelita", "nonna", "oma", "nain"}
_MUM = {"mum", "mother", "mom", "mam", "mammy", "mummy", "mommy", "ma"}
_DAD = {"dad", "father", "da", "daddy", "pop", "pa"}
ALIASES = {"spouse": SPOUSE, **{word: _MUM for word in _MUM}, **{word: _DAD for word in _DAD}, "number": {"number", "phone number"},
            "phone number": {"number", "phone number"},
            "kids": {"kids", "children"}, "children": {"kids", "children"}, "surname": {"surname", "last name"}, "last name": {"surname", "last name"},
            "grandkids": {"grandkids", "grandchildren"}, "grandchildren": {"grandkids", "grandchildren"},
            **{word: _GRANDFATHER for word in _GRANDFATHER}, **{word: _GRANDMOTHER for word in _GRANDMOTHER}}
# Relations whose value is someone's or something's name (capitalised even when heard in lower case).
NAMED = {"wife", "husband", "partner", "spouse", "boyfriend", "girlfriend", "son", "daughter", "sister", "brother", "mother", "mum",
          "mom", "father", "dad", "dog", "cat", "pet", "horse", "child", "kid", "baby", "friend", "best friend", "boss", "doctor",
          "dentist", "vet", "cousin", "aunt", "auntie", "aunty", "uncle", "niece", "nephew", "grandson", "granddaughter", "grandmother",
          "grandfather", "grandad", "granddad", "nan", "nana", "nanna", "gran", "granny", "grandma", "grandpa", "tita", "tito", "lola", "lolo", "neighbour", "neighbor", "landlord", "teacher", "colleague", "mate", "best mate",
          "roommate", "flatmate", "housemate", "client", "patient", "customer", "resident", "middle name", "surname", "last name",
          "maiden name", "name", *PLURAL, *GREAT}
PETS = {"dog", "cat", "pet", "horse"}
NAME_WORDS = {"name", "middle name", "surname", "last name", "maiden name"}
MONTHS = "january february march april may june july august september october november december".split()


THINGS = frozenset(KEPT_THINGS) | {f"{t}s" for t in KEPT_THINGS if not t.endswith("s")} | {"car", "van", "ute", "truck", "bike"}
"""Things the memory keeps where they are, said back with "the" rather than as a name."""


def speak_subject(subject: str) -> str:
    """ "paul's wife" -> "Paul's wife", "my car" -> "your car", "door code" -> "the door code", "tom" -> "Tom"."""
    owner, _, rest = subject.partition("'s ")
    if rest and " " not in owner and owner not in ("my", "your"):
        return f"{owner.capitalize()}'s {rest}"
    if rest and re.fullmatch(r"[a-z'-]+ [a-z'-]+", owner) and not re.match(r"^(?:my|our|your|the|a|an|his|her|their|next)\b", owner):
        return f"{' '.join(w.capitalize() for w in owner.split())}'s {rest}"  # "jean luc's birthday": a name in two words
    if re.match(r"^(?:my|our|your|the|a|an|i|where|what|when|who|how|which|why|that|this)\b", subject):
        return second_person(subject)
    if subject in THINGS:
        return f"the {subject}"  # "the boat's on mooring forty one": a thing, not a name
    if " " not in subject:
        return subject[:1].upper() + subject[1:]  # a name, mostly ("remember that Tom is a plumber")
    titled = re.match(rf"^(?P<n>{PERSON_TITLES} [a-z'-]+)(?P<rest>.*)$", subject)
    if titled:  # "mrs adamu", "mr okafor at number nine": a person named with a title
        return f"{' '.join(w[:1].upper() + w[1:] for w in titled.group('n').split())}{titled.group('rest')}"
    return f"the {second_person(subject)}"  # "remember that the door code is 4 4 1 9": the subject was kept without its article


def said_otherwise(phrase: str) -> list[str]:
    """The phrase with each word of kin said the other ways people say it ("my mum's birthday" ->
    "my mammy's birthday", ...), the phrase itself first."""
    out = [phrase]
    for word in re.findall(r"[a-z]+", phrase):
        for other in sorted(ALIASES.get(word, ())):
            if other != word and " " not in other:
                out += [re.sub(rf"\b{word}\b", other, said) for said in list(out)]
    return list(dict.fromkeys(out))


def fact_sentence(subject: str, value: str) -> str:
    value = re.sub(r"\b(?:(?<=of )(?:may|march)|(?:may|march)(?= (?:the|\d)\b)|(?!may\b|march\b)[a-z]+)\b",
                   lambda w: w.group(0).capitalize() if w.group(0) in MONTHS else w.group(0), value)  # "the twelfth of September", not "may go"
    if subject == "me":
        return second_person(value)
    if subject.lower() == value.lower():  # a whole sentence kept as said: said back once, not "the X is X"
        return second_person(value)
    if is_predicate(value):  # "my sister lives in Leeds", "my passport number ends in 471"
        return f"{speak_subject(subject)} {second_person(as_deed(value))}"
    head = re.split(r" (?:we|i|you|they|in|at|on|for|of|near|by|with|from)\b", subject)[0].split()[-1]  # "crab house we liked in annapolis"
    verb = "are" if re.search(r"s$", head) and "'s" not in head and head not in ("address", "glasses") else "is"
    mine = subject.startswith("my ") or value.lower().startswith("my ")  # "the godmother is my cousin Aoife": your cousin
    return f"{speak_subject(subject)} {verb} {second_person(value) if mine else value}"


def as_deed(value: str) -> str:
    """What someone does, to follow their name: "lives in Leeds". The memory before verbs were
    understood kept it capitalised as a name ("Lives In Leeds"): its small words are lowered."""
    if all(w[:1].isupper() for w in value.split()):
        value = re.sub(r"\b(?:In|At|On|The|A|An|For|With|Of|To|Near|By|From|As|And)\b", lambda w: w.group(0).lower(), value)
    return value[:1].lower() + value[1:]


def together(sentences: list[str]) -> list[str]:
    """ "your wife Sarah is a teacher", "your wife Sarah is a keen gardener" -> "your wife Sarah is a
    teacher and is a keen gardener": a person is named once for all they do."""
    out: list[tuple[str, list[str]]] = []
    for sentence in sentences:
        words = sentence.split()
        cut = next((i for i in range(1, len(words)) if is_predicate(" ".join(words[i:]))), None)
        if cut is None:
            out.append((sentence, []))
            continue
        who, deed = " ".join(words[:cut]), " ".join(words[cut:])
        if out and out[-1][0] == who and out[-1][1]:
            out[-1][1].append(deed)
        else:
            out.append((who, [deed]))
    return [f"{who} {join_words(deeds)}" if deeds else who for who, deeds in out]


def ours_as_mine(phrase: str) -> str:
    """ "our cat" and "our neighbour" are the user's, as "my cat" is; northern "our kid" (a brother or sister) and
    "our anniversary" stay as said."""
    said = re.match(r"^our (?P<a>[a-z ]+?)(?:'s |$)", phrase)
    return f"my {phrase[4:]}" if said and said.group("a") in PET_ANIMALS | {"pet"} | _OURS else phrase


_OURS = NAMED - {"kid", "name", "middle name", "surname", "last name", "maiden name"}
"""The people (and pets) said as "our" who are the user's own: "our neighbour is called Tere"."""


def split_phrase(phrase: str) -> tuple[str, list[str]] | None:
    """ "my sister's dog" -> ("me", ["sister", "dog"]); "paul's wife" -> ("paul", ["wife"]); None when not possessive."""
    phrase = phrase.strip().lower()
    # "my sisters name": the recogniser's "sister's" without its apostrophe, for a relation by name
    phrase = re.sub(r"^(my |\w+'s )(\w+)s (?=name$|birthday$)",
                    lambda m: f"{m.group(1)}{m.group(2)}'s " if m.group(2) in NAMED else m.group(0), phrase)
    parts = phrase.split("'s ")
    if len(parts) > 1 and parts[-1] in ("name", "first name", "names"):  # "my sister's name" is who my sister is
        parts = parts[:-1]
    parts[0] = ours_as_mine(parts[0])
    if parts[0].startswith("my "):
        return "me", [parts[0][3:]] + parts[1:]
    if len(parts) >= 2 and " " not in parts[0]:
        return parts[0], parts[1:]
    return None


def cased_value(relation: str, value: str) -> str:
    """The value with capitals for names and months, keeping any the user typed."""
    def word(m: re.Match) -> str:
        w = m.group(0)
        if w != w.lower():
            return w
        if w == "and":
            return w
        if relation in NAMED or w in MONTHS or w in ("i",):
            return w[:1].upper() + w[1:]
        return w
    value = re.sub(r"^(?:(?:are|is) )?(?:called|named) ", "", value.strip(), flags=re.IGNORECASE)
    return re.sub(r"[a-z][a-z'-]*|[A-Za-z][\w'-]*", word, value)
