"""What every rule module shares: the Parse and state values, the rule context, and small helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Parse:
    """What an utterance means: an intent name and its slots (JSON-ready values)."""

    intent: str
    slots: dict = field(default_factory=dict)
    text: str = ""
    confident: bool = True  # False: a loose rule's guess, which the language model may overrule


@dataclass(frozen=True)
class ConversationState:
    """The little the NLU needs to remember between utterances."""

    last_intent: str | None = None
    last_slots: tuple[tuple[str, object], ...] = ()
    dictating: bool = False
    pending: str | None = None
    pending_slots: tuple[tuple[str, object], ...] = ()
    persona_names: tuple[str, ...] = ("samantha",)
    # The last memory turn about someone other than the user (intent, slots): "he" a few turns on
    # ("my neighbour Hamish works on the ferry" ... "he's off the ferry now, he works at the fish farm").
    person: tuple[str, tuple[tuple[str, object], ...]] | None = None
    # The names of the timers running or paused now (the engine fills them in before each turn): "cancel the rice one"
    # is the rice timer, even when the talk has moved on to the shopping list.
    timers: tuple[str, ...] = ()



@dataclass(frozen=True)
class Ctx:
    raw: str
    t: str
    state: ConversationState
    now: datetime


Result = tuple[str, dict] | None

ARTICLE = r"(?:(?:a|an|the|my|me|this|that|our|some) )?"
YES_FIRST = r"(?:(?:yes|yeah|yep|aye|ok|okay|sure|right) )?"

# The words that hand over a message's text: "email Jo saying ...", "write to Tony and tell him ...".
# One pattern for mail (compose, and the text taken from the words as said) and for letters, which
# leave "write to Tony saying ..." to mail.
SAYING = (r"(?:saying|to say|that says|and say|(?:and )?tell (?:him|her|them)|telling (?:him|her|them)|"
          r"(?:and|to) let (?:him|her|them) know)")
"""A yes before the yes: "yeah go on", "yes go ahead"."""


def yes_doing(t: str, verbs: str) -> bool:
    """A yes that says the deed it agrees to, the yes itself often left out: "yeah cancel it", "delete them all", "go on, bin it"."""
    return re.match(rf"^(?:(?:yes|yeah|yep|yup|aye|ok|okay|sure|right|go on|go ahead|please|just) )*(?:{verbs}) "
                    r"(?:it|that|them|that one|the lot|all of them)(?: all)?(?: then| please| now)?$", t) is not None


NOT_NAMES = {
    "a", "an", "the", "my", "me", "this", "that", "new", "another", "all", "every", "each", "one", "it", "your",
    "set", "start", "cancel", "stop", "minute", "minutes", "hour", "hours", "second", "seconds", "min", "mins",
    "sec", "secs", "hr", "hrs", "day", "days", "and", "half", "quarter", "for", "of", "current", "first", "last",
    "running", "other", "is", "how", "long", "much", "many", "on", "pause", "resume", "check",
    "delete", "remove", "timer", "alarm", "to", "up", "off", "in", "at", "any", "these", "those", "active",
    "countdown", "make", "create", "begin", "put", "what", "which", "both", "two", "three", "clear", "kill",
    "end", "restart", "continue", "unpause", "hold", "freeze", "status", "left", "remaining",
    "wee", "quick", "little",  # "set a wee timer ... for the tatties": how big, not what for
}


def iso(dt: datetime) -> str:
    """ISO 8601 to the second, the form every date and time slot takes."""
    return dt.replace(microsecond=0).isoformat()


def clean(text: str) -> str:
    """A slot's words without the joining words left at either end ("to call Amy for" -> "call Amy")."""
    t = re.sub(r"\s+", " ", text).strip(" ,")
    t = re.sub(r"^(?:to|that|about|of|for|and|then|saying|says|called|named)\b ", "", t)
    phrasal = re.search(r"\b(?:switch|turn|put|leave|keep|try|get|carry|pop|stick|throw|have|set) (?:[a-z']+ ){1,3}on$", t)
    t = re.sub(rf"\b(?:to|and|then|for|at|{'' if phrasal else 'on|'}by|please|ok|too|as well|also)$", "", t).strip()
    # "switch the ovens on" keeps its "on"; "call Amy on" (a day taken out) does not
    t = re.sub(r"^(?:to|that|about|of|for|and|then)\b ", "", t)
    return t.strip()


def title(name: str) -> str:
    """A name capitalised for replies, unless it is a description ("my mother")."""
    name = name.strip()
    if re.match(r"^(?:my|the|our|his|her|their) ", name):
        return name
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


# Spoken list names and the list they mean.
LIST_NAMES = {
    "shopping": "shopping", "grocery": "shopping", "groceries": "shopping", "shop": "shopping",
    "supermarket": "shopping", "food shopping": "shopping", "shopping list": "shopping", "to do": "to-do",
    "to-do": "to-do", "todo": "to-do", "task": "to-do", "tasks": "to-do", "jobs": "to-do", "chores": "to-do",
    "things to do": "to-do", "do": "to-do",
}


LIST_NOISE = {"on", "in", "is", "what", "the", "my", "our", "your", "a", "me", "read", "show", "at", "of", "check", "anything",
              "whole", "all", "out", "entire", "current", "list", "from", "back", "again", "through", "over"}


def list_name(raw: str) -> str:
    """The list meant by the words before "list" ("my grocery" -> "shopping"); shopping by default."""
    words = re.sub(r"^(?:(?:my|the|our) )?list (?:for|called|named) (?:the |my |our )?(?=[a-z])", "", raw.strip()).split()  # "my list for the party"
    while words and words[0] in LIST_NOISE and " ".join(words) not in LIST_NAMES:
        words.pop(0)
    name = " ".join(words)
    name = re.sub(r" list(?: (?:mi|me|i|we|they|he|she|it|cos|because|as|since|so)\b.*)?$", "", name)  # "the shopping list, mi almost out"
    return LIST_NAMES.get(name, name) or "shopping"

