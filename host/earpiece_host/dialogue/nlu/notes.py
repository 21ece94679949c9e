"""Rules for notes: taking one, reading them back."""

from __future__ import annotations

import re

from .common import Ctx, Result, clean


def rule_note(c: Ctx) -> Result:
    t = c.t
    m = re.match(r"^(?:take|make|add|write|jot|create|save|leave|start|put)(?: down)?(?: me| myself)? (?:a |an )?(?:quick |new |short )?"
                 r"note(?: to self| for (?:me|myself|later))?(?: that| saying| says| to say| which says|:| about)? ?(?P<x>.+)$", t)
    if m is None:
        m = re.match(r"^(?:note to self|memo to self|note down|(?:write|jot|note|take|put) (?:this|that|it) down|write down|jot down|make a note of|take note of|take down|new note|"
                     r"put (?:this|it) in my notes|add to my notes|for my notes|memo|note)(?: that)?:? (?P<x>.+)$", t)
    if m is not None and not re.search(r"\b(?:list)\b$", t):
        x = clean(m.group("x"))
        if x and not re.match(r"^(?:of )?(?:this|that|it)$", x):
            return "note.add", {"text": x}
    if re.search(r"\bnotes\b|\bmy (?:last |latest )?note\b|\bnote i (?:made|took)\b|\bwhat did i (?:note|jot|write down)\b", t) and \
            re.search(r"\b(?:read|what|show|tell|list|any|go through|check|hear|do i have|repeat|recap)\b", t):
        return "note.read", {}
    return None
