"""Understanding: an utterance and the conversation state in, an intent with slots out.

Rules, not templates: each rule is a small function that looks for the words that carry an intent
and pulls the slots out of what is left, so that word order, missing articles and fillers matter
little. Rules are tried in a fixed order (context first, then the skills, then small talk), and the
first that answers wins. Pure: `understand(text, state, now)` and `next_state(state, parse)`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Callable

from ..normalize import normalise
from ..timeparse import blank, find_duration, find_when
from .common import INTENTS, ConversationState, Ctx, Parse, Result, iso, title
from .context import (rule_cancel_it, rule_conversation, rule_email_context, rule_followup, rule_help,
                      rule_pause_resume_it)
from .personal import (rule_device, rule_memory_forget, rule_memory_recall, rule_memory_remember, rule_persona,
                       rule_smalltalk, rule_time_date)
from .secretary import (rule_calendar_add, rule_calendar_query, rule_dictation, rule_email, rule_letter_commands,
                        rule_letter_start, rule_list, rule_note, rule_reminder, rule_timer, spoken_punctuation)

__all__ = ["INTENTS", "ConversationState", "Parse", "next_state", "spoken_punctuation", "understand"]


def next_state(state: ConversationState, parse: Parse) -> ConversationState:
    """The state after an utterance was understood (before any skill ran)."""
    intent, slots = parse.intent, parse.slots
    dictating = state.dictating
    pending = None
    pending_slots: tuple = ()
    if intent == "letter.start":
        dictating = bool(slots.get("recipient"))
        if not dictating:
            pending = "letter.start"
    elif intent in ("letter.end",) or (intent == "conversation.cancel" and state.dictating):
        dictating = False
    if intent == "timer.set" and not slots.get("duration_s"):
        pending, pending_slots = "timer.set", tuple(slots.items())
    if intent == "reminder.set" and not slots.get("due"):
        pending, pending_slots = "reminder.set", tuple(slots.items())
    if intent == "persona.rename" and not slots.get("name"):
        pending = "persona.rename"
    if intent in ("conversation.repeat",):
        return replace(state, pending=state.pending, pending_slots=state.pending_slots)
    return replace(state, last_intent=intent, last_slots=tuple(slots.items()), dictating=dictating,
                   pending=pending, pending_slots=pending_slots)


def understand(text: str, state: ConversationState, now: datetime) -> Parse:
    """The intent and slots of one utterance."""
    t = normalise(text, state.persona_names)
    ctx = Ctx(raw=text.strip(), t=t, state=state, now=now)
    if not t:
        return Parse("fallback", {}, t)
    rules = _DICTATION_RULES if state.dictating else _RULES
    for rule in rules:
        found = rule(ctx)
        if found is not None:
            slots = {k: (recase(v, ctx.raw) if k in _FREE_TEXT_SLOTS and isinstance(v, str) else v) for k, v in found[1].items()}
            return Parse(found[0], slots, t)
    return Parse("fallback", {}, t)


# Slots holding the user's own words, whose capitals (when typed) are worth keeping for replies.
_FREE_TEXT_SLOTS = {"text", "item", "summary", "value", "recipient", "name", "sender"}


def recase(value: str, raw: str) -> str:
    """Slot words with the capitals they had in the raw utterance ("call amy" -> "call Amy")."""
    cased: dict[str, str] = {}
    for word in re.findall(r"[\w']+", raw):
        if any(ch.isupper() for ch in word):
            cased.setdefault(word.lower(), word)
    out = []
    for word in value.split(" "):
        out.append("I" if word == "i" else cased.get(word, word))
    return " ".join(out)



def rule_pending(c: Ctx) -> Result:
    s = c.state
    if s.pending is None:
        return None
    t = c.t
    if re.match(r"^(?:never mind|cancel|forget it|stop|nothing|no|nevermind)$", t):
        return None
    if s.pending in ("timer.cancel", "timer.pause", "timer.resume", "timer.status"):
        m = re.match(r"^(?:the |my )?(?P<n>[a-z]+)(?: one| timer)?$|^(?P<all>all(?: of them)?|both(?: of them)?|every one)$", t)
        if m and m.group("n") not in ("no", "none", "neither", "nothing"):
            return s.pending, ({"all": True} if m.group("all") else {"name": m.group("n")})
    if s.pending == "timer.set":
        d = find_duration(t)
        if d:
            slots = dict(s.pending_slots)
            slots["duration_s"] = int(d[0])
            return "timer.set", slots
    if s.pending == "reminder.set":
        w = find_when(t, c.now)
        if w is not None and len(blank(t, w.spans).split()) <= 3:
            slots = dict(s.pending_slots)
            slots["due"] = iso(w.at)
            if w.repeat:
                slots["repeat"] = w.repeat
            return "reminder.set", slots
    if s.pending == "letter.start":
        m = re.match(r"^(?:to |it is to |it is for |for |the letter is to |write to )?(?P<r>[a-z' ]{2,40})$", t)
        if m and len(m.group("r").split()) <= 4 and _rule_match_other(c) is None:
            return "letter.start", {"recipient": title(m.group("r"))}
    if s.pending == "persona.rename":
        m = re.match(r"^(?:call you |how about |you can be |maybe |let us go with |i will call you )?(?P<n>[a-z]+)$", t)
        if m:
            return "persona.rename", {"name": title(m.group("n"))}
    return None


def _rule_match_other(c: Ctx) -> Result:
    for rule in _RULES:
        if rule is rule_pending:
            continue
        found = rule(c)
        if found is not None and found[0] not in ("fallback", "smalltalk"):
            return found
    return None



_RULES: tuple[Callable[[Ctx], Result], ...] = (
    rule_pending, rule_cancel_it, rule_email_context, rule_followup, rule_pause_resume_it, rule_conversation, rule_help,
    rule_letter_start, rule_letter_commands, rule_timer, rule_reminder, rule_calendar_add, rule_calendar_query, rule_email,
    rule_list, rule_note, rule_device, rule_time_date, rule_memory_forget, rule_persona, rule_memory_remember,
    rule_memory_recall, rule_smalltalk,
)
_DICTATION_RULES: tuple[Callable[[Ctx], Result], ...] = (rule_letter_commands, rule_dictation)
