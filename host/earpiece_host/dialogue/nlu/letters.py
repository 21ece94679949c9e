"""Rules for letters: starting one, dictation (with spoken punctuation), edits, read-back, proofreading, the end."""

from __future__ import annotations

import re

from .common import Ctx, Result, title


def rule_letter_start(c: Ctx) -> Result:
    t = c.t
    m = re.search(r"\b(?:write|take|start|begin|dictate|compose|draft|do|new|create|make)(?: up)? (?:a |an |another |the )?(?:new )?"
                  r"(?:letter|a letter)(?: for me)?(?: (?:to|for|addressed to) (?P<r>[a-z' ]+))?$", t)
    if m is None:
        m = re.search(r"^(?:i (?:want|would like|need) to |let us |let me |i am going to |time to )?(?:write|dictate) "
                      r"(?:a (?:letter|few lines|note) )?to (?P<r>[a-z' ]+)$", t)
        if m and re.search(r"\b(?:note|email|message)\b", t):
            m = None
    if m is None:
        m = re.search(r"^(?:new|start a|begin a) letter(?: to (?P<r>[a-z' ]+))?$", t)
    if m is None:
        return None
    r = (m.group("r") or "").strip()
    r = re.sub(r"\b(?:please|now|for me)$", "", r).strip()
    sender = None
    if " from " in r:
        r, sender = (x.strip() for x in r.split(" from ", 1))
    slots = {"recipient": title(r)} if r else {}
    if sender and r:
        slots["sender"] = sender
    return "letter.start", slots


_READBACK = (r"^(?:read (?:it|that|the letter|my letter|the whole thing|it all|what i have|what we have|back what i have|"
             r"me what i have|me the letter|me my letter|what i have written|everything)(?: so far)?(?: back| out| again| aloud| out loud)?(?: to me)?(?: so far)?|"
             r"read back(?: the letter| my letter| what i have)?|what have i (?:got|written|said|dictated)(?: so far)?|"
             r"how does (?:it|that|the letter) (?:sound|read)(?: so far)?|(?:can i )?hear (?:it|the letter)(?: back)?|"
             r"play (?:it|the letter) back|let me hear (?:it|the letter|what i have)(?: back)?|read me what i have(?: so far| written)?|"
             r"read the letter back|where (?:was i|were we|are we))$")


_PROOFREAD = (r"^(?:proof ?read(?: it| that| the letter| my letter| this)?|check (?:it|that|the letter|my letter|the spelling|my spelling|my grammar|the grammar|for (?:mistakes|errors|typos))"
              r"(?: for (?:mistakes|errors|typos))?|(?:are there )?any (?:mistakes|errors|typos)|look (?:it |the letter )?over|"
              r"correct (?:it|the letter)|spell ?check(?: it)?|is (?:it|the letter|that|everything) (?:ok|okay|correct|right|alright)|"
              r"did i make any mistakes|give it a (?:proof ?read|check)|go over (?:it|the letter)|check it over)$")


def rule_letter_commands(c: Ctx) -> Result:
    t = c.t
    if re.match(_READBACK, t):
        return "letter.readback", {}
    if re.match(_PROOFREAD, t):
        return "letter.proofread", {}
    if (c.state.dictating or c.state.last_intent == "letter.proofread") and re.match(
            r"^(?:fix it|fix (?:them|that|those|the mistakes|it up|everything|those mistakes)|apply (?:the |those )?(?:fixes|corrections|changes)|"
            r"make (?:the|those) changes|correct (?:them|those)|yes fix (?:it|them))$", t):
        return "letter.proofread", {"apply": True}
    if c.state.dictating and re.match(
            r"^(?:that is (?:all|it|everything)(?: for now| for today)?|that will be all|end (?:of )?(?:the )?letter|finish(?:ed)?(?: the letter)?|"
            r"save (?:it|the letter|that)|done|i am (?:done|finished)|we are done|sign (?:it )?off|stop dictation|end dictation|"
            r"close the letter|that is the end|the end|all done|that is it save it|i think that is it|finish it|wrap it up|"
            r"(?:yours )?sincerely(?: me)?|end of dictation|that is the lot)$", t):
        return "letter.end", {}
    if not c.state.dictating and re.search(r"\b(?:letter)\b", t):
        if re.search(r"\b(?:read|hear)\b", t):
            return "letter.readback", {}
        if re.search(r"\b(?:proof|check|mistakes|errors)\b", t):
            return "letter.proofread", {}
        if re.search(r"\b(?:finish|save|end|done)\b", t):
            return "letter.end", {}
    return None


def rule_letter_edit(c: Ctx) -> Result:
    """ "change lovely to wonderful", "replace week with fortnight" while a letter is open."""
    m = re.match(r"^(?:change|replace|swap|correct|make) (?:the word )?(?P<o>[a-z0-9' ]+?) (?:to|with|for|into|by) (?:the word )?(?P<n>[a-z0-9' ]+)$", c.t)
    if m and len(m.group("o").split()) <= 6:
        return "letter.edit", {"old": m.group("o"), "new": m.group("n")}
    return None


def rule_dictation(c: Ctx) -> Result:
    t = c.t
    if re.match(r"^(?:cancel (?:the|this) letter|discard (?:it|the letter|this letter)|throw (?:it|the letter) away|"
                r"delete (?:the|this) letter|forget the letter|never mind the letter|scrap (?:it|the letter)|cancel)$", t):
        return "conversation.cancel", {}
    if re.match(r"^(?:new paragraph|next paragraph|paragraph|start a new paragraph|new para)$", t):
        return "letter.dictate", {"edit": "new_paragraph"}
    if re.match(r"^(?:scratch that|scratch it|delete that|delete the last (?:sentence|bit|line|part)|undo(?: that)?|"
                r"strike that|take that back|remove (?:that|the last sentence|the last bit)|no scratch that|"
                r"erase that|cut that|cross that out)$", t):
        return "letter.dictate", {"edit": "scratch"}
    if re.match(r"^(?:say that again|repeat that|what did you say)$", t):
        return "conversation.repeat", {}
    return "letter.dictate", {"text": spoken_punctuation(c.raw)}


def spoken_punctuation(raw: str) -> str:
    """Dictated text with spoken punctuation ("comma", "full stop") turned into marks."""
    t = re.sub(r"\b(?:u+m+|u+h+|e+r+m+)\b[,]?", "", raw)
    marks = [
        (r"\s*\b(?:full stop|period|dot)\b", "."), (r"\s*\bcomma\b", ","), (r"\s*\bquestion mark\b", "?"),
        (r"\s*\bexclamation (?:mark|point)\b", "!"), (r"\s*\bcolon\b", ":"), (r"\s*\bsemi ?colon\b", ";"),
        (r"\s*\bnew line\b", "\n"),
    ]
    for pattern, mark in marks:
        t = re.sub(pattern, mark, t, flags=re.IGNORECASE)
    return re.sub(r"[ \t]+", " ", t).strip()
