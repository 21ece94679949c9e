"""Rules for notes: taking one, reading them back, finding one by its words and deleting it."""

from __future__ import annotations

import re

from .asides import before_own_clause
from .common import Ctx, Result, clean


_FIND = re.compile(r"^(?:(?:search|look through|check|look in|go through|search in|look) (?:in |through )?(?:my |the )?notes (?:for|about) (?P<q>.+)|"
                   r"(?:find|find me|look up|read me|read|what is in|what was in|what does|what did) (?:the |my |that |me )?notes? (?:about|on|with|for) "
                   r"(?P<q2>.+?)(?: say)?|what (?:did i|have i) (?:note|noted|note down|noted down|write|written|write down|written down|jot down|jotted down|"
                   r"got noted|got written down|make a note of|made a note of) about (?P<q3>.+)|"
                   r"(?:have i got|do i have|are there|is there) (?:any|a) notes? (?:about|on|mentioning|for|with) (?P<q4>.+)|"
                   r"(?:what|which) notes? (?:have i got|do i have|did i (?:make|take|write)|are there|is there) (?:about|on|mentioning|for|with) (?P<q5>.+)|"
                   r"what (?:was|is|did) the note (?:about|on|say about) (?P<q6>.+?)(?: say)?)$")
_DELETE = re.compile(r"^(?:delete|remove|erase|scrap|get rid of|bin|throw away|cross out) (?:the |my |that )?note "
                     r"(?:about|on|with|saying|that says|for) (?P<q>.+)$")


def rule_note(c: Ctx) -> Result:
    t = c.t
    m = _DELETE.match(t)
    if m:
        return "note.delete", {"query": clean(m.group("q"))}
    if re.match(r"^(?:delete|remove|erase|scrap|get rid of|bin|throw away|cross out) (?:that|the|this|my) (?:last |latest )?note$", t):
        return "note.delete", {"last": True}  # the note just taken or read
    one = re.match(r"^(?:delete|remove|erase|scrap|get rid of|bin|cross out) (?:the|that) (?P<q>[a-z]+(?: [a-z]+)?) (?:one|note)$",
                   " ".join(before_own_clause(t.split())))
    if one and (c.state.last_intent or "").startswith("note."):  # "get rid of the flour one, I sorted it" after the notes were read
        return "note.delete", {"query": one.group("q")}
    m = _FIND.match(t)
    if m:
        said = m.group("q") or m.group("q2") or m.group("q3") or m.group("q4") or m.group("q5") or m.group("q6")
        said = re.sub(r" (?:in it|in them|on it|in there|in)$", "", clean(said))  # "the note with the plumber in it", "the one with Immingham in"
        return "note.find", {"query": re.sub(r"^(?:the|my|a|an) (?=\w)", "", said)}
    if (c.state.last_intent or "").startswith("note.") and re.match(r"^(?:read me|read|tell me|what is) (?:what is left|what remains|the rest)$", t):
        return "note.read", {}  # "read me what's left" after a note was deleted
    if (c.state.last_intent or "").startswith("note.") and re.match(
            r"^(?:(?:now|then|and|okay|ok|right) )*(?:read|say|tell|give) (?:me |us )?(?:them|those|the lot|them all|all of them|both|the two)"
            r"(?: back| out| over)?(?: to (?:me|us))?(?: now| then)?$", t):
        return "note.read", {}  # "read them back to us" after notes were taken
    m = re.match(r"^(?:and )?(?:take |make |add )?(?:another|one more|a new|new) note (?P<text>(?!about\b|on\b|for\b).{3,})$", t)
    if m is None and c.state.last_intent == "note.add":  # "and another one: Jenny's shoe size is a twelve", right after a note
        m = re.match(r"^(?:and )?(?:(?:take|make|add) )?(?:another(?: one)?|one more) (?P<text>(?!about\b|on\b|for\b).{3,})$", t)
    if m:  # "and another note: the wifi password is on the router"
        return "note.add", {"text": clean(m.group("text"))}
    if re.match(r"^(?:(?:can you |could you |please )?(?:take|make|write|jot down|start|add) (?:a |me a )?(?:quick |new )?note|new note|"
                r"note (?:this|that) down|write (?:this|that) down|take this down)(?: for me| please)?$", t):
        return "note.add", {}  # the OS asks what it should say
    m = re.match(r"^(?:take|make|add|write|jot|create|save|leave|start|put|stick|pop)(?: down)?(?: me| myself)? (?:a |an )?(?:quick |new |short )?"
                 r"note(?: down)?(?: to self| for (?:me|myself|later))?(?: that| saying| says| to say| which says|:| about)? ?(?P<x>.+)$", t)
    if m is None:
        m = re.match(r"^(?:note to self|memo to self|note down|(?:write|jot|note|take|put) (?:this|that|it) down|write down|jot down|make a note of|take note of|take down|new note|"
                     r"put (?:this|it) in my notes|add to my notes|for my notes|memo|note)(?: that)?:? (?P<x>.+)$", t)
    if m is not None and not re.search(r"\b(?:list)\b$", t):
        x = clean(m.group("x"))
        if x and not re.match(r"^(?:of )?(?:this|that|it)$", x):
            return "note.add", {"text": x}
    if re.match(r"^what (?:have i|did i) (?:written|write|jotted|noted|put) down(?: so far| today)?$", t):
        return "note.read", {}  # "what have I written down so far"
    if re.search(r"\bnotes\b|\bmy (?:last |latest )?note\b|\bnote i (?:made|took)\b|\bwhat did i (?:note|jot|write down)\b", t) and \
            re.search(r"\b(?:read|what|show|tell|list|any|go through|check|hear|do i have|repeat|recap)\b", t):
        return "note.read", {}
    return None
