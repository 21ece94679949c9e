"""Understanding: an utterance and the conversation state in, an intent with slots out.

Rules, not templates, for requests whose slots need code (times, durations, names): each rule is a
small function that looks for the words that carry an intent and pulls the slots out of what is
left. Fixed-phrase intents are matched from the template sentences in the intent registry
(`dialogue/intents.py`). Rules are tried in a fixed order: the dialogue's state first (an answer
to the OS's question, a correction, a continuation, "next"), then the skills, then small talk; the
first that answers wins. Pure: `understand(text, state, now)` and `next_state(state, parse)`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Callable

from ..intents import REGISTRY

# The rules match with well over 512 distinct patterns, more than `re` keeps compiled (its `_MAXCACHE`), so
# every utterance compiled most of them again: three quarters of `earpiece phrases` (54 s) was spent in
# re's compiler. Keeping them all compiled is the one-line alternative to precompiling each pattern.
if getattr(re, "_MAXCACHE", 0) < 4096:
    re._MAXCACHE = 4096  # type: ignore[attr-defined]
from ..normalize import CONTRACTIONS, normalise
from ..out_of_reach import asked_before_the_rules
from .alarms import rule_alarm, rule_alarm_ringing
from .asides import without_aside
from .calc import rule_calc, rule_calc_more
from ..intents import INTENTS
from .common import ConversationState, Ctx, Parse, Result
from .context import (resolve_references, rule_cancel_it, rule_continuation, rule_correction,
                      rule_followup, rule_pause_resume_it, rule_pending, rule_sentences)
from .email import rule_email, rule_email_compose, rule_email_context
from .lists import rule_list, rule_list_clear, rule_list_it, rule_list_remove
from .calendar import (rule_calendar_add, rule_calendar_cancel, rule_calendar_confirm, rule_calendar_headsup, rule_calendar_move,
                       rule_calendar_query)
from .clock import rule_time_date
from .device import rule_device
from .letters import rule_dictation, rule_letter_commands, rule_letter_edit, rule_letter_start, spoken_punctuation
from .memory import rule_memory_forget, rule_memory_recall, rule_memory_remember, rule_yearly_reminder_answer
from .notes import rule_note
from .persona import rule_help_topic, rule_kindness_among_other_words, rule_persona, rule_smalltalk
from .reminders import rule_reminder, rule_reminder_again
from .timers import rule_timer

__all__ = ["INTENTS", "ConversationState", "Parse", "next_state", "spoken_punctuation", "understand"]

# Intents that keep the conversation where it was (the question still stands, the topic stays).
_TRANSPARENT = ("conversation.repeat", "conversation.next", "conversation.previous")


def next_state(state: ConversationState, parse: Parse) -> ConversationState:
    """The state after an utterance was understood (before any skill ran).

    A request that lacks a required slot whose registry entry has a question leaves that intent
    pending: the OS asks the question, and the next utterance is read as its answer first.
    """
    intent, slots = parse.intent, parse.slots
    dictating = state.dictating
    if intent == "letter.start":
        dictating = bool(slots.get("recipient"))
    elif intent in ("letter.end", "conversation.end") or (intent == "conversation.cancel" and state.dictating):
        dictating = False
    pending = None
    pending_slots: tuple = ()
    declared = REGISTRY.get(intent)
    missing = declared.missing(slots) if declared is not None else None
    if missing is not None and missing.question:
        pending, pending_slots = intent, tuple(slots.items())
    elif intent == "smalltalk" and slots.get("topic") in ("greeting", "how_are_you", "affection"):
        pending, pending_slots = state.pending, state.pending_slots  # "how are you?" between a question and its answer
    if intent in _TRANSPARENT:
        return state  # the topic stays what was listed, so "the dentist one" still means a reminder
    if intent == "fallback":  # a turn not understood keeps the topic ("next" after a misheard turn is the next email),
        return replace(state, pending=None, pending_slots=())  # but not a question: the OS said it didn't follow
    if intent == "conversation.end":
        return ConversationState(persona_names=state.persona_names, dictating=dictating)
    person = state.person
    subject = str(slots.get("subject") or "")
    if intent.startswith("memory.") and subject not in ("", "me", "my name") and not (
            intent == "memory.recall" and person and dict(person[1]).get("subject") == subject):  # asked about: what was told stays
        person = (intent, tuple(slots.items()))
    return replace(state, last_intent=intent, last_slots=tuple(slots.items()), dictating=dictating,
                   pending=pending, pending_slots=pending_slots, person=person)


_EXPLICIT_MEMORY = re.compile(r"^(?:remember|please remember|do not forget|keep in mind|bear in mind|make a mental note|memori[sz]e|"
                              r"my name is|call me|i am called|people call me|you can call me|you should know)\b")
_LONG_WORDS = 14
_WORDY = {"letter.dictate", "note.add", "reminder.set", "memory.remember", "email.reply", "email.compose", "calendar.add", "list.add", "calc"}
# Rules whose guesses are loose: a language model, when one is configured, may overrule them.
_LOOSE_RULES: set[str] = set()

_ASIDE_WHILE_DICTATING = re.compile(r"^(?:hang on|hold on|wait|one sec(?:ond)?|one moment|just a sec(?:ond)?|sorry)\b[,.]?"
                                    r"(?: (?:pet|love|hun|hon|a sec(?:ond)?|a minute|a moment|a wee minute)\b[,.]?)? (?P<r>[a-z].+)$")
"""Words to the OS said in the middle of a letter: a request the OS understands for certain, after "hang on"."""


def understand(text: str, state: ConversationState, now: datetime) -> Parse:
    """The intent and slots of one utterance (without a reason said before or after it: asides.py)."""
    t = normalise(text, state.persona_names)
    if not t:
        return Parse("fallback", {}, t, confident=False)
    if not state.dictating:
        t = resolve_references(t, state.last_intent)
    parse = _by_rules(text, t, state, now)
    if state.dictating:
        if parse.intent == "letter.dictate" and parse.slots.get("text") and _ASIDE_WHILE_DICTATING.match(text.strip().lower()):
            asked = _by_rules(text, t, replace(state, dictating=False), now)  # "hang on pet, what time is it": to the OS, not the letter
            if asked.confident and not asked.intent.startswith(("letter.", "memory.remember", "note.", "email.")):
                return asked
        return parse
    def by_rules(part: str) -> Parse:  # a part of the words, its slots with the capitals they were said with
        found = _by_rules(part, part, state, now)
        return replace(found, slots={k: _recase_value(v, text) if k in _FREE_TEXT_SLOTS else v for k, v in found.slots.items()})
    return without_aside(t, parse, by_rules)


def _by_rules(text: str, t: str, state: ConversationState, now: datetime) -> Parse:
    """What the first rule that matches normalised `t` makes of it (`text`: as said, for its capitals)."""
    ctx = Ctx(raw=text.strip(), t=t, state=state, now=now)
    if not state.dictating and state.pending is None and asked_before_the_rules(t):
        return Parse("fallback", {}, t, confident=False)  # "book us a table for eight": out of reach, not an event to add
    rules = _DICTATION_RULES if state.dictating else _RULES
    for rule in rules:
        found = rule(ctx)
        if found is not None:
            slots = {k: _recase_value(_hedges_kept(v, ctx.raw) if k in _SAID_WORDS else v, ctx.raw) if k in _FREE_TEXT_SLOTS else v
                     for k, v in found[1].items()}
            confident = rule.__name__ not in _LOOSE_RULES and found[0] not in ("fallback", "smalltalk")
            if rule is rule_memory_remember and _EXPLICIT_MEMORY.match(t):
                confident = True  # "remember that ...", "my name is ...": no guess involved
            if found[0] == "smalltalk" and slots.get("topic") not in (None, "smalltalk"):
                confident = True
            if len(t.split()) > _LONG_WORDS and found[0] not in _WORDY:
                confident = False  # a long sentence that a short rule matched may well mean something else
            return Parse(found[0], slots, t, confident=confident)
    return Parse("fallback", {}, t, confident=False)


# Slots holding the user's own words, whose capitals (when typed) are worth keeping for replies.
_FREE_TEXT_SLOTS = {"text", "item", "items", "summary", "value", "recipient", "name", "sender", "query", "old", "new", "link_value",
                    "about"}


# Slots that keep the user's words as said: a hedge the normaliser drops before a number ("about
# fifteen years old") belongs in them.
_SAID_WORDS = {"text", "value", "summary"}
_HEDGE_WORDS = {"about", "around", "roughly", "approximately", "like", "say", "ish"}


def _hedges_kept(value: object, raw: str) -> object:
    """The slot's words with the hedges said among them put back ("the boiler's fifteen years old" ->
    "the boiler's about fifteen years old"); the value itself when it is not found so in the raw words."""
    if not isinstance(value, str) or not value:
        return value
    said, words = re.findall(r"[\w']+", raw.lower()), value.lower().split()
    for start in (i for i, w in enumerate(said) if w == words[0]):
        j, k, kept = start, 0, False
        while j < len(said) and k < len(words):
            if said[j] == words[k]:
                k += 1
            elif said[j] in _HEDGE_WORDS:
                kept = True
            else:
                break
            j += 1
        if k == len(words):
            return " ".join(said[start:j]) if kept else value
    return value


def _recase_value(value: object, raw: str) -> object:
    if isinstance(value, str):
        return recase(value, raw)
    if isinstance(value, list):
        return [recase(v, raw) if isinstance(v, str) else v for v in value]
    return value


def recase(value: str, raw: str) -> str:
    """Slot words with the capitals they had in the raw utterance ("call amy" -> "call Amy")."""
    cased: dict[str, str] = {}
    for word in re.findall(r"[\w']+", raw):
        if any(ch.isupper() for ch in word):
            cased.setdefault(word.lower(), word)
    out = []
    for word in value.split(" "):
        out.append("I" if word == "i" else cased.get(word, word))
    said = " ".join(out)
    for short in dict.fromkeys(w.lower() for w in re.findall(r"\b\w+'\w+\b", raw)):  # "I'm" as said, not "I am" as read
        long = CONTRACTIONS.get(short)
        if long and "'" in short:
            said = re.sub(rf"\b{re.escape(long)}\b", lambda m: ("I" + short[1:]) if m.group(0).startswith("I ") else short, said,
                          count=1, flags=re.IGNORECASE)
    return said


def rule_match_other(c: Ctx) -> Result:
    """What the skill rules make of the words, ignoring the dialogue's state rules."""
    for rule in _SKILL_RULES:
        found = rule(c)
        if found is not None and found[0] not in ("fallback",):
            return found
    return None


_SKILL_RULES: tuple[Callable[[Ctx], Result], ...] = (
    rule_sentences, rule_help_topic, rule_letter_start, rule_letter_commands, rule_calendar_headsup, rule_alarm, rule_timer, rule_reminder,
    rule_calendar_move, rule_calendar_cancel, rule_calendar_add, rule_calendar_query, rule_email_compose, rule_email, rule_list_clear, rule_list_remove, rule_list, rule_note,
    rule_calc, rule_device,
    rule_time_date, rule_memory_forget, rule_persona, rule_memory_remember, rule_memory_recall, rule_smalltalk,
    rule_kindness_among_other_words,
)
_RULES: tuple[Callable[[Ctx], Result], ...] = (
    rule_pending, rule_reminder_again, rule_alarm_ringing, rule_yearly_reminder_answer, rule_correction, rule_email_context, rule_calendar_confirm, rule_cancel_it, rule_sentences,
    rule_calc_more, rule_list_clear, rule_list_it, rule_followup,
    rule_continuation, rule_pause_resume_it, *_SKILL_RULES[1:],
)
_DICTATION_RULES: tuple[Callable[[Ctx], Result], ...] = (rule_letter_commands, rule_letter_edit, rule_dictation)
_LOOSE_RULES.update({"rule_memory_remember", "rule_continuation"})
