"""Two requests in one sentence: "set a timer for 5 minutes and remind me to call mum at 6".

A sentence is split at a joining word ("and", "and then", "then", "and also", "also", "plus")
only when both halves are, by the rules alone, confident and complete requests (nothing missing
that the OS would have to ask for), and the second half starts the way a request starts: a verb
or a question word. So an "and" inside what is asked for stays there: "remind me to buy salt and
pepper" ("pepper" is no request), "add bread and butter to the list" ("butter to the list" does
not start like one), "rock and roll". A letter being dictated is never split; an answer to the
OS's question may come with a new request ("tomorrow at 9, and set a timer for 5 minutes").
Pure, like the rest of `nlu`.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..intents import REGISTRY
from .common import ConversationState, Parse

__all__ = ["split_requests"]

_JOIN = re.compile(r"\s*,?\s+(?:and then|and also|and|then|also|plus)\s+", re.IGNORECASE)
# How a spoken request begins, after a polite opener: an imperative or a question.
_REQUEST_START = re.compile(
    r"^(?:(?:oh|um|please|and|also|then|now|can you|could you|would you|will you|can i|could i)\s+)*"
    r"(?:set|start|remind|add|put|take|what|what's|whats|what're|when|when's|where|who|who's|how|how's|is|are|am|"
    r"do|does|did|have|has|any|tell|read|turn|make|cancel|stop|delete|remove|note|jot|write|send|reply|wake|"
    r"clear|check|give|pause|resume|snooze|remember|forget|mark|archive|show|list|schedule|book|change|move|"
    r"mute|warn|calculate|convert|increase|decrease|lower|raise|which|will|let|i'd|i want|i need)\b",
    re.IGNORECASE)
# A second half that leaves out the first half's verb: "set a pasta timer for 8 minutes and a tea timer
# for 3", "remind me to call Amy at 5 and to buy milk at 6". It is read with that verb put back.
_LEFT_VERB = re.compile(r"^(?P<v>(?:please |can you |could you )?(?:set|start|make|put on|remind me|wake me(?: up)?))\s+", re.IGNORECASE)
_ELLIPTICAL = re.compile(r"^(?:a|an|another|one|to|at)\b", re.IGNORECASE)
_TWO_TIMERS = re.compile(
    r"^(?:please |can you |could you )?(?:set|start)(?: me)?(?: (?:two|2))? timers (?:for )?(?P<a>\d+|[a-z]+(?:[ -][a-z]+)?)"
    r"(?: (?P<unit_a>seconds?|minutes?|mins?|hours?))?,? and (?P<b>\d+|[a-z]+(?:[ -][a-z]+)?) (?P<unit>seconds?|minutes?|mins?|hours?)$",
    re.IGNORECASE)
# A second fact told in the same breath as a first: "..., and his wife Noor works at the library",
# "my mum's birthday is in October and my dad's is in June" (its thing left out, taken from the first).
_MORE_FACT = re.compile(r"^(?:(?:his|her|their|my|our|me|mi) [a-z]+|(?:my |our )?[a-z]+'s(?: [a-z]+)?) (?:is|are|was|works|lives|[a-z]+ (?:is|works|lives))\b",
                        re.IGNORECASE)
_THING_LEFT_OUT = re.compile(r"^(?P<o>(?:my |our )?[a-z]+)'s (?=is\b)", re.IGNORECASE)
# Not requests of their own, or meaningful only against the turn before: never one half of two.
_NOT_A_REQUEST = {"fallback", "smalltalk", "letter.dictate"}


def split_requests(text: str, state: ConversationState, now: datetime) -> tuple[str, str] | None:
    """The two requests in `text` (its own words, in order), or None when it is one request."""
    from . import next_state, understand  # the package imports this module

    if state.dictating:
        return None
    two = _TWO_TIMERS.match(text.strip(" .!"))
    if two:  # "set timers for 5 and 10 minutes": two timers, the first borrowing the second's unit
        unit = two.group("unit")
        return (f"set a timer for {two.group('a')} {two.group('unit_a') or unit}",
                f"set a timer for {two.group('b')} {unit}")
    for join in _JOIN.finditer(text):
        left, right = text[:join.start()].strip(" ,"), text[join.end():].strip(" ,.")
        verb = _LEFT_VERB.match(left)
        if right and verb and _ELLIPTICAL.match(right) and not _REQUEST_START.match(right):
            right = f"{verb.group('v')} {right}"
        if not left or not right:
            continue
        fact = _MORE_FACT.match(right) is not None
        if not _REQUEST_START.match(right) and not fact:
            continue
        first = understand(left, state, now)
        if fact and not _REQUEST_START.match(right):  # two facts: each a fact the rules keep, told plainly
            thing = re.search(r"'s (?P<t>[a-z]+)$", str(first.slots.get("subject") or ""))
            if thing and _THING_LEFT_OUT.match(right):
                right = _THING_LEFT_OUT.sub(lambda m: f"{m.group('o')}'s {thing.group('t')} ", right, count=1)
            if _told(first) and _told(understand(right, next_state(state, first), now)):
                return left, right
            continue
        if not _complete(first):
            continue
        second = understand(right, next_state(state, first), now)
        if _complete(second) or (_another_timer(first, second) and _complete(Parse(second.intent, second.slots, second.text))):
            return left, right
    return None


def _another_timer(first: Parse, second: Parse) -> bool:
    """ "cancel the timer and set a new one for 15 minutes": "one" is a timer because the first half
    named one (read by the continuation rule, which is never sure on its own)."""
    return first.intent.startswith("timer.") and second.intent == "timer.set" and "duration_s" in second.slots


def _told(parse: Parse) -> bool:
    """A fact the memory keeps as it was told (the rules keep such facts without being sure: `_LOOSE_RULES`)."""
    return parse.intent == "memory.remember" and bool(parse.slots.get("subject")) and bool(parse.slots.get("value"))


def _complete(parse: Parse) -> bool:
    """A request the rules are sure of, with everything the OS needs to act on it."""
    if not parse.confident or parse.intent in _NOT_A_REQUEST or parse.intent.startswith("conversation."):
        return False
    declared = REGISTRY.get(parse.intent)
    return declared is not None and declared.missing(parse.slots) is None
