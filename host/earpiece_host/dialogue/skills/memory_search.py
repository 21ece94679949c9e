"""Finding a remembered fact by the words of a question asked another way than it was told.

The memory's rules answer the questions they know the shape of ("where does Tom work"). People
also ask "who waters the plants when we're away", "what did we name the bunny", "what's the
internet password at mum's house". Here a question and each fact are reduced to the words that
carry meaning, with a few words that mean the same thing to the memory made one ("bunny" and
"rabbit", "wife" and "married", "internet" and "wifi") and the kinds a fact's words belong to added
(a hamster is a pet, a paramedic has a job). A fact answers when it holds every such word
of the question; a name in the question must be in the fact, so Aidan's job never answers a
question about Shona's. Words that carry little (name, called, put, got) help choose between facts
but are never needed. Pure functions: `skills/memory.py` reads the rows and says the answer.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from ..nlu.memory import JOBS, PET_ANIMALS
from .memory_words import FAMILY, NAME_WORDS, NAMED

# Words the memory takes to mean the same thing, each group read as its first word.
_SAME = (
    ("spouse", "wife", "husband", "married", "spouse", "partner"),
    ("job", "job", "jobs", "work", "works", "worked", "working", "occupation", "profession", "teach", "teaches"),
    ("live", "live", "lives", "lived", "living", "moved", "address", "based"),
    ("allergic", "allergic", "allergy", "allergies", "shouldn't eat", "can't eat", "mustn't eat", "cannot eat", "can not eat", "react",
     "reacts", "reaction", "should not eat", "can't have", "cannot have", "can not have", "not supposed to eat", "not meant to eat",
     "not allowed to eat", "not allowed to have", "stay away from", "keep away from", "must not eat", "must not have", "avoid"),
    ("like", "like", "likes", "liked", "love", "loves", "favourite", "favorite", "fond", "adore", "adores", "enjoy", "enjoys"),
    ("dislike", "dislike", "dislikes", "hate", "hates", "refuse", "refuses", "won't eat", "will not eat"),
    ("rabbit", "rabbit", "rabbits", "bunny", "bunnies"),
    ("dog", "dog", "dogs", "puppy", "pup", "doggy"),
    ("cat", "cat", "cats", "kitten", "kitty"),
    ("horse", "horse", "horses", "mare", "mares", "stallion", "gelding", "filly", "foal", "colt"),
    ("wifi", "wifi", "internet", "broadband", "network", "router", "online"),
    ("home", "home", "house", "place", "flat"),
    ("farm", "farm", "farms", "shamba", "smallholding", "croft", "ranch"),  # Swahili "my shamba is in Nyeri"
    ("code", "code", "codes", "pin", "password", "passcode", "combination", "number", "numbers", "digits"),
    ("safe", "safe", "box", "lockbox"),
    ("level", "level", "floor", "storey", "deck"),
    ("car", "car", "park", "parked", "parking"),
    ("mum", "mum", "mom", "mother", "mam", "mummy"),
    ("dad", "dad", "father", "daddy"),
    ("kids", "kids", "children", "child", "little ones"),
    ("birthday", "birthday", "born"),
    ("school", "school", "schools", "nursery", "preschool", "playgroup", "college", "university", "uni", "academy", "primary"),
    ("plant", "plant", "plants"),
    ("water", "water", "waters", "watering"),
    ("mind", "minds", "minding", "looks after", "look after", "looking after", "looked after", "takes care of", "take care of",
     "babysits", "sits for"),
    ("key", "key", "keys"),
    ("study", "study", "studies", "studying", "studied", "course", "courses"),
    ("football", "football", "footy", "footie", "soccer", "gaelic"),  # "plays Gaelic for St Eunan's": Gaelic football
    ("bike", "bike", "bikes", "bicycle", "bicycles", "cycle", "pushbike"),
    ("glasses", "glasses", "spectacles", "specs", "reading glasses"),
    ("pills", "pill", "pills", "tablet", "tablets"),
    ("age", "age", "aged", "old", "turned", "turns"),
    ("support", "support", "supports", "follow", "follows", "supporter", "fan"),
    ("pet", "pet", "pets", "animal", "animals", "creature"),
    ("venue", "venue", "held", "taking place", "being held"),
    ("blood", "blood type", "blood group"),
    ("pressure", "pressure", "psi", "bar"),
    ("collect", "collect", "collected", "collects", "collection", "goes out", "go out", "emptied", "picked up", "pick up"),
)
_CANON = {word: group[0] for group in _SAME for word in group[1:] if " " not in word}
_CANON_PHRASES = [(phrase, group[0]) for group in _SAME for phrase in group[1:] if " " in phrase]
# Kinds a fact's words belong to: "a hamster called Nibbles" answers "Freya's little pet".
_KINDS = {"support": {"team", "club"},  # "my favourite football team is Wrexham" answers "which team do I support"
          "football": {"team", "club"},  # "my favourite team is Wrexham" answers "what footie team do I support"
          "live": {"home"},  # "our kid's new flat is in Wavertree" answers where our kid lives
          "restaurant": {"taverna", "cafe", "bistro", "pub", "diner", "takeaway", "trattoria", "brasserie", "chippy", "pizzeria",
                         "steakhouse", "canteen", "eatery"},  # "where is Yiannis's restaurant" of the taverna he runs
          "pet": {animal.split()[0] for animal in PET_ANIMALS},  # "guinea" of "guinea pig": words are matched one by one
          "medicine": {"penicillin", "amoxicillin", "aspirin", "ibuprofen", "paracetamol", "codeine", "morphine", "antibiotics",
                       "sulfa", "tramadol", "naproxen", "statins", "insulin", "warfarin"},
          "dog": {"terrier", "spaniel", "labrador", "retriever", "collie", "poodle", "dachshund", "greyhound", "whippet", "pug",
                  "beagle", "husky", "lurcher", "schnauzer", "sheepdog", "alsatian", "shepherd", "bulldog", "doodle", "cockapoo",
                  "coonhound", "hound", "bloodhound", "foxhound", "staffie", "staffy", "rottweiler", "corgi", "dalmatian", "chihuahua",
                  "westie", "mastiff", "doberman", "pomeranian", "cavapoo", "bichon", "setter", "pointer", "weimaraner", "akita",
                  "kelpie", "heeler", "cattledog", "russell", "maltese", "shihtzu", "sprocker", "springer", "vizsla", "samoyed", "malamute"},
          "position": {"shortstop", "pitcher", "catcher", "quarterback", "linebacker", "goalkeeper", "keeper", "goalie", "striker",
                       "winger", "defender", "midfielder", "fullback", "halfback", "centre", "center", "forward", "wicketkeeper",
                       "bowler", "batsman", "batter", "opener", "hooker", "prop", "flanker", "scrumhalf", "flyhalf", "setter",
                       "libero", "guard", "sweeper", "wing"},  # "what position is Tucker on the team" of him playing shortstop
          "job": set(re.findall(r"[a-z]+", JOBS)) - {"by", "police", "shop", "civil", "social", "software", "estate", "security",
                                                      "lorry", "taxi", "bus", "retired", "pensioner"},
          "study": {"degree"}}
_KINDS["career"] = {"job", "study"}  # "what career is Diego doing": in Latin America a degree course, elsewhere a job
BREEDS = frozenset(_KINDS["dog"])
"""Dogs named by their breed ("a kelpie called Ruby"), found again when asked of as a dog or a pup."""

# Words that say little about which fact is meant: they may choose between facts, never decide one.
_LIGHT = frozenset({"name", "named", "called", "call", "put", "left", "leave", "stash", "stashed", "hid", "hide", "kept", "keep",
                    "stick", "stuck", "pop", "popped", "shove", "shoved",
                    "store", "stored", "got", "get", "have", "has", "had", "thing", "one", "again", "now", "whereabouts",
                    "said", "say", "told", "tell", "know", "remember", "remind", "mine", "own", "usual", "kind", "sort", "type",
                    "find", "go", "went", "gone", "veg", "vegetable", "vegetables", "food", "fruit", "drink", "eat", "exactly",
                    "team", "club", "side", "town", "city", "place", "flavour", "flavor", "brand", "colour", "color",
                    "punch", "type", "enter", "tap", "press", "dial", "use", "need", "open", "unlock", "drive", "driving", "drove", "take", "takes",
                    "week", "weekend", "today", "tonight", "doing", "dish", "dishes", "meal", "meals", "best", "most", "celebrate",
                    "celebrates", "moor", "moored", "moors", "berth", "berthed", "dock", "docked"})
_STOP = frozenset({"i", "i'm", "i've", "me", "my", "we", "we're", "we've", "us", "our", "you", "your", "he", "he's", "she", "she's",
                   "they", "their", "them", "his", "her", "it", "it's", "its", "who", "who's", "whom", "whose", "what", "what's",
                   "which", "where", "where's", "when", "when's", "how", "why", "is", "are", "was", "were", "am", "be", "been", "do",
                   "does", "did", "doesn't", "don't", "can", "can't", "cannot", "could", "would", "will", "the", "a", "an", "of", "to", "in",
                   "on", "at", "for", "with", "from", "by", "about", "and", "or", "that", "this", "these", "those", "any",
                   "anything", "something", "some", "um", "er", "uh", "right", "so", "oh", "okay", "ok", "well", "sorry", "please",
                   "just", "again", "days", "day", "still", "also", "there", "here", "if", "not", "no", "yes", "all", "up",
                   "away", "off", "out", "into", "as", "like", "little", "big", "old", "new", "should", "would", "will", "shall",
                   "might", "must", "may"})
_NEGATED = re.compile(r"\b(?:don't|do not|doesn't|does not|didn't|did not|never|can't|cannot|can not|won't"
                      r"|(?:don't|do not|doesn't|does not|didn't|did not) (?P<who>[a-z']+)|(?:does|do|did) (?P<who2>[a-z']+) not)"
                      r" (?:really )?(?:like|likes|stand|eat|drink|enjoy|love)\b")
"""Not liking a thing, however said: "doesn't like", "what doesn't Gerry like", "what does Gerry not like"."""
_QUESTION = re.compile(r"^(?:(?:um|er|uh|so|oh|and|right|okay|ok|sorry|hey|wait)\b,? )*"
                       r"(?:who|whom|whose|what|which|where|whereabouts|when|how|is|are|was|were|does|do|did|has|have|had|can|could|"
                       r"remind me|tell me)\b")


class Fact(NamedTuple):
    """One remembered fact: the words it was kept with, the sentence that says it back, the
    lower-case names of who it is about, and whether it is the user's own (where they parked, their
    job, their locker) rather than about someone in their life."""

    words: str
    said: str
    about: frozenset
    mine: bool


# A question about the user themselves: "what am I allergic to", "where did I stash my passport".
_USING = r"(?:type|press|punch|tap|dial|enter|put|need|use|say|get|open|unlock)"  # "what do I type to get in": using a thing, not about me
_OF_ME = re.compile(rf"\b(?:i'm|i've|i am|am i|have i|was i|did i|i (?!{_USING}|find|want)[a-z]+|do i (?!{_USING})[a-z]+)\b")

# "what's my job": a thing of the user's (not "my sister's job"), so never answered by a fact about
# someone else in their life, though it may be by a fact kept under the thing ("the wifi password").
_RELATIONS = "|".join(sorted((NAMED | FAMILY) - NAME_WORDS, key=len, reverse=True))
_OF_MY = re.compile(rf"\bmy (?!(?:(?:best|old|little|big|eldest|youngest|oldest|younger|older|step|god|great) ?)*(?:{_RELATIONS})s?\b)"
                    rf"[a-z]+\b(?!')")

_ASKED_AFTER = re.compile(r"\b(?:where|what|who|when|which|how) (?:did|is|are|was|were|do|does|has|have) (?:it|they|that|those|i|we)\b"
                         r"[a-z' ]*$")


def is_question(text: str) -> bool:
    """A question, said first or after what led to it ("I can't find the spare key, where did it go?")."""
    return bool(_QUESTION.match(text.lower()) or _ASKED_AFTER.search(text.lower()))


def _tokens(text: str) -> list[str]:
    text = re.sub(r"'s (?:house|place|flat|home)\b", "'s", text.lower())  # "the wifi code at auntie's house": at auntie's
    text = re.sub(r"\b(keys?) (?:of|for|to) (?:the|my|our) (?:house|home|flat|front door)\b|\b(?:house|home|front door) (keys?)\b",
                  lambda m: m.group(1) or m.group(2), text)  # "the extra key of the house": the spare key
    for phrase, canon in _CANON_PHRASES:  # "shouldn't eat" before "don't eat" is read as not liking
        text = text.replace(phrase, f" {canon} ")
    text = re.sub(r"\b(?:can't|cannot|can not) ([a-z']+) stand\b", r" \1 dislike ", text)  # "what can't Margaret stand"
    text = _NEGATED.sub(lambda m: f" {m.group('who') or m.group('who2') or ''} dislike ", re.sub(r"'s\b", " ", text))
    text = text.replace("little ones", "kids")
    return re.findall(r"[a-z0-9']+", text)


def _stem(word: str) -> str:
    word = _CANON.get(word, word)
    for end in ("ies", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 3 and not word.endswith("ss"):
            return word[: -len(end)] + ("y" if end == "ies" else "")
    return word


_CANNOT_EAT = re.compile(r"\b(?:can't|cannot|can not|shouldn't|should not|mustn't|must not|(?:can|should|must) [a-z']+ not)\b.*\b(?:eat|have|drink|take)(?: again| then| now)?\??$")


def meaning(text: str) -> set[str]:
    """The words of a text that carry meaning, each in the one form the memory compares, and the
    kinds they belong to ("hamster": a pet; a terrier: a dog, so a pet)."""
    return _with_kinds(_words(text))


def _words(text: str) -> set[str]:
    """The words of a text that carry meaning, each in the one form the memory compares."""
    words = {_stem(w) for w in _tokens(text) if w not in _STOP}
    if re.search(r"\b(?:do|does|did|would)\s+(?!not\b)[a-z']+\s+(?:really\s+)?like\b", text.lower()):
        words.add("like")  # "what kind of food do I like": the verb, not the filler
    if _CANNOT_EAT.search(text.lower()) and "dislike" not in words:  # "what can't Tamsin eat?": what she is allergic to ("can't stand to eat": not)
        words = (words - {"eat", "have", "drink", "take"}) | {"allergic"}
    return words


def _with_kinds(words: set[str]) -> set[str]:
    """The words with the kinds they belong to, and the kinds of those ("terrier": a dog, a pet)."""
    for _ in range(2):
        words = words | {kind for kind, members in _KINDS.items() if words & members}
    return words


_LIGHT_STEMS = frozenset(_stem(w) for w in _LIGHT)


_WHILE_AWAY = re.compile(r",? \b(?:when|while|whenever) (?:i'm|i am|we're|we are|i go|we go|i'm gone|i've gone) "
                         r"(?:away|gone|out|off|travelling|traveling|on holiday|abroad|not here|not around|at work|working|in hospital)\b")
"""When a thing is done, said after the question: the question is still about whoever does it."""


def answering(question: str, facts: Iterable[Fact], names: set[str]) -> list[Fact]:
    """The facts that answer a question: every weighty word of it is in them, and so is every name
    it says; a question about the user only by the user's own facts. The ones that also hold most of its light words, the latest last; [] when none does."""
    asked = meaning(question)
    question = _WHILE_AWAY.sub("", question.lower())  # "who minds Pumpkin when I'm gone": asks after Pumpkin's minder, not after me
    weighty = _with_kinds({w for w in _words(question) if w not in _LIGHT_STEMS and w not in names}) - names
    # the kinds of its weighty words only: "team" is light, so "what position is Imani on her team" needs no team supported
    named = {w for w in asked if w in names}
    if not weighty:
        return []
    of_me = bool(_OF_ME.search(question.lower()))
    of_my = bool(_OF_MY.search(question.lower())) and not re.match(r"^(?:so |and )?who(?:'s| is| has| have)?\b", question.lower())
    # "who has my ladder" asks for someone else: "Kevin has your ladder" answers it
    scored = []
    for fact in facts:
        if (of_me and not fact.mine) or (of_my and not fact.mine and fact.about - {"me"}):
            continue  # "what am I allergic to" is never answered by what my sister is allergic to
        held = meaning(fact.words) | {_stem(n) for n in fact.about}
        if weighty <= held and named <= held:
            scored.append((len(asked & held), fact))
    best = max((s for s, _ in scored), default=0)
    return [f for s, f in scored if s == best]
