"""Context rules: follow-ups ("and tomorrow?"), "cancel it", "next", conversation control and help."""

from __future__ import annotations

import re

from ..timeparse import blank, find_when
from .common import ARTICLE, LIST_NAMES, Ctx, Result, iso, list_name

# Topics that "and tomorrow?" or "what about Friday?" can follow up with another day.
DATE_FOLLOW = {"calendar.query", "date.today", "reminder.list"}


def rule_followup(c: Ctx) -> Result:
    s = c.state
    t = c.t
    m = re.match(r"^(?:and|what about|how about|and what about|and how about|what is about|and for|and on|and also|also)"
                 r"(?: for| on)? (?P<rest>.+?)$", t)
    bare = m is None
    rest = t if bare else m.group("rest")
    last = s.last_intent
    last_slots = dict(s.last_slots)
    if last in DATE_FOLLOW | {"time.now"}:
        w = find_when(rest, c.now)
        if w is not None and not blank(rest, w.spans).replace("the", "").strip():
            if last == "calendar.query" and "free_at" in last_slots:
                return "calendar.query", {"free_at": iso(w.at)}
            intent = "date.today" if last == "time.now" else last
            return intent, {"date": w.at.date().isoformat()}
    if bare:
        return None
    if last in ("list.read", "list.add"):
        lm = re.match(rf"^{ARTICLE}(?P<l>[a-z ]+?)(?: list)?$", rest)
        if lm and lm.group("l") in LIST_NAMES or (lm and rest.endswith("list")):
            return "list.read", {"list": list_name(lm.group("l"))}
    if last in ("email.read", "email.unread"):
        fm = re.match(r"^(?:from |anything from |any from |emails? from )(?P<s>[a-z' ]+)$", rest)
        if fm:
            return "email.read", {"sender": fm.group("s").strip()}
    if last and last.startswith("timer."):
        nm = re.match(rf"^{ARTICLE}(?P<n>[a-z]+) timer$", rest)
        if nm:
            return "timer.status", {"name": nm.group("n")}
    if last == "memory.recall":
        pm = re.match(r"^(?P<s>[a-z]+'s|my \w+)$", rest)
        if pm and last_slots.get("subject"):
            tail = " ".join(str(last_slots["subject"]).split()[1:])
            return "memory.recall", {"subject": f"{pm.group('s')} {tail}".strip()}
    return None


def rule_cancel_it(c: Ctx) -> Result:
    if not re.match(r"^(?:cancel|delete|remove|stop|kill|turn off|switch off|get rid of|scrap|undo) (?:it|that|that one|this)$", c.t):
        return None
    last = c.state.last_intent or ""
    slots = dict(c.state.last_slots)
    if last.startswith("timer.") and last != "timer.cancel":
        return "timer.cancel", ({"name": slots["name"]} if slots.get("name") else {})
    if last == "reminder.set":
        return "reminder.cancel", ({"text": slots["text"]} if slots.get("text") else {})
    return "conversation.cancel", {}


def rule_pause_resume_it(c: Ctx) -> Result:
    m = re.match(r"^(?P<v>pause|hold|freeze|resume|unpause|continue|carry on|restart|keep going) (?:it|that)$|^(?P<b>pause|resume|unpause)$", c.t)
    if not m:
        return None
    v = m.group("v") or m.group("b")
    slots = dict(c.state.last_slots)
    name = {"name": slots["name"]} if (c.state.last_intent or "").startswith("timer.") and slots.get("name") else {}
    return ("timer.pause" if v in ("pause", "hold", "freeze") else "timer.resume"), name


def rule_email_context(c: Ctx) -> Result:
    last = c.state.last_intent
    t = c.t
    if re.match(r"^(?:next|next one|the next one|next email|next message|read the next (?:one|email|message)|read next|and the next one|what is next|and next|go on)$", t):
        if last in ("email.read", "email.unread") or "email" in t or "message" in t:
            return "email.read", {"which": "next"}
    if re.match(r"^(?:read (?:it|that|that one|the email|the message) (?:again|once more)|again|read it one more time|repeat the email|read that email again)$", t):
        if last in ("email.read",) or "email" in t:
            return "email.read", {"which": "again"}
    return None


# ---------------------------------------------------------------------------------------------
# conversation, help

def rule_conversation(c: Ctx) -> Result:
    t = c.t
    if re.match(r"^(?:no |no no |ok |oh |just |please )?(?:never ?mind|cancel|cancel that|stop|stop it|stop talking|be quiet|quiet|shush|shut up|hush|"
                r"forget it|forget about it|nothing|no thanks|no thank you|nope|nothing thanks|that is all|that is it|"
                r"that will be all|ignore that|ignore me|abort|i changed my mind|not now|leave it|skip it|"
                r"cancel everything|silence|enough|okay stop|never mind that)(?: thanks| thank you| then| please| anyway)?$", t):
        return "conversation.cancel", {}
    if re.match(r"^(?:sorry |excuse me |pardon )?(?:say (?:that|it) again|repeat(?: that| it)?(?: again)?|(?:could|can) you repeat(?: that)?|what did you say|"
                r"what was that|come again|pardon(?: me)?|sorry|sorry what|what|huh|i did not (?:catch|hear|get) (?:that|it|you)|"
                r"one more time|say again|repeat what you (?:just )?said|what did you just say|i missed that|"
                r"read (?:that|it) again|say what|excuse me)$", t):
        return "conversation.repeat", {}
    return None


def rule_help(c: Ctx) -> Result:
    if re.search(r"^(?:help|help me|i need help|what can you do|what can i (?:say|ask(?: you)?)|what are you able to do|what else can you do|"
                 r"how do i use (?:you|this)|what do you do|what (?:are|is) your (?:skills|features|abilities|commands)|"
                 r"what commands (?:do you know|are there)|how does this work|what can you help (?:me )?with|"
                 r"what sort of things can you do|what are you good at|what are you for|what do you know how to do|what things can you do|show me what you can do|tell me what you can do)$", c.t):
        return "help", {}
    return None

