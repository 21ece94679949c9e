"""Rules for email: unread count, reading (the latest, or the one from someone), next and previous,
delete, reply and send."""

from __future__ import annotations

import re

from .common import Ctx, Result

_EMAIL_TOPIC = ("email.unread", "email.read", "email.next", "email.previous", "email.delete", "email.reply", "email.send")


def reply_text(raw: str) -> str:
    """What a reply says, in the user's own words and capitals ("reply saying Thanks, Tom" -> "Thanks, Tom")."""
    t = raw.strip()
    t = re.sub(r"^(?:(?:um+|uh+|er+m?|oh|ok|okay|yes|yeah|so|well)\b[,.]?\s*)+", "", t, flags=re.IGNORECASE)
    t = re.sub(r"^(?:(?:please |just |can you |could you )?(?:reply|respond|answer|write back)(?: to (?:it|that|him|her|them|that one|this|the email|the message))?"
               r"(?:,? and)?\s*)?(?:(?:say|saying|tell (?:him|her|them)|with|that says|to say|let (?:him|her|them) know)(?: that)?\b[,:]?\s*)?", "", t, flags=re.IGNORECASE)
    return t.strip(" .,")


def rule_email_context(c: Ctx) -> Result:
    """Words that mean something only after mail was mentioned: read it (again), reply."""
    last = c.state.last_intent
    t = c.t
    topic = last in _EMAIL_TOPIC
    if re.match(r"^(?:send|post) (?:the|my) (?:reply|email|answer)(?: now| off| please)?$", t):
        return "email.send", {}
    if re.match(r"^(?:read (?:it|that|that one|the email|the message) (?:again|once more)|read it one more time|repeat the email|"
                r"read that email again)$", t) or (topic and re.match(r"^(?:read (?:it|that|that one) again|again)$", t)):
        return "email.read", {"which": "again"}
    if topic and re.match(r"^(?:read (?:it|that|that one|this one|them)(?: out| to me| out to me)?|go ahead|yes read it|what does it say)$", t):
        return "email.read", {}
    if topic and re.match(r"^(?:who (?:are|is) (?:they|it|those|that|these|them) from|who (?:sent|wrote) (?:them|those|it)|who from)$", t):
        return "email.unread", {}
    if re.match(r"^(?:reply|respond|answer|write back)\b", t) and not re.search(r"\b(?:letter)\b", t):
        text = reply_text(c.raw)
        return "email.reply", ({"text": text} if text and not re.match(r"^(?:reply|respond|answer|write back)\W*$", text, re.I) else {})
    return None


_MAIL = r"\b(?:e ?mails?|e-mails?|mails?|inbox|messages?|letters? from)\b"


def rule_email(c: Ctx) -> Result:
    t = c.t
    m = re.match(r"^(?:is there |have i got |did i get |do i have )?(?:anything|any(?: news| word| mail| emails?| messages?)?|something|"
                 r"did i get anything|have i heard|did i hear|have i had anything)"
                 r"(?: new)? (?:back )?from (?P<s>[a-z' ]+?)(?: today| yet| lately| recently)?$", t)
    if m:
        return "email.read", {"sender": m.group("s")}
    if re.match(r"^(?:has|did|have) (?:anyone|anybody|someone|somebody|any one) (?:written|emailed|mailed|messaged|sent|write|email|send)\b", t):
        return "email.unread", {}
    m = re.match(r"^(?:did|has) (?P<s>[a-z]+(?: [a-z]+)?) (?:write|written|email|emailed|mail|mailed|message|messaged|reply|replied|"
                 r"get back to me|send me anything|sent me anything|write back|send anything)\b", t)
    if m and m.group("s") not in ("i", "you"):
        return "email.read", {"sender": m.group("s")}
    m = re.match(r"^what did (?P<s>[a-z]+(?: [a-z]+)?) (?:write|say|send|email|want|have to say|need)\b", t)
    if m and m.group("s") not in ("i", "you"):
        return "email.read", {"sender": m.group("s")}
    m = re.match(r"^(?:read|open|play)(?: me)? (?:the|that) one from (?P<s>[a-z' ]+?)$", t)
    if m:  # "the one from Amy" with nothing else to read it as: a message
        return "email.read", {"sender": m.group("s")}
    if not re.search(_MAIL, t):
        return None
    if re.search(r"\b(?:note|list|remind|reminder|letter to)\b", t):
        return None
    sender = None
    sm = re.search(r"\bfrom (?P<s>[a-z' ]+?)(?: today| yesterday| this morning| please)?$", t)
    if sm and sm.group("s") not in ("today", "yesterday"):
        sender = sm.group("s")
    pm = re.search(r"\b(?P<s>[a-z]+)'s (?:latest |last |new |most recent )?(?:email|mail|message)\b", t)
    if sender is None and pm and pm.group("s") not in ("today",):
        sender = pm.group("s")
    if re.search(r"\b(?:read|open|play|tell me what|what does|what did|go through|read out|latest|last|newest|most recent|first|next|recent)\b", t) \
            and not re.search(r"\bhow many\b", t):
        if re.search(r"\bnext\b", t) and not sender:
            return "email.next", {}
        if re.search(r"\b(?:previous|one before)\b", t) and not sender:
            return "email.previous", {}
        slots: dict = {}
        if sender:
            slots["sender"] = sender
        if re.search(r"\bagain\b", t):
            slots["which"] = "again"
        return "email.read", slots
    if sender:
        return "email.read", {"sender": sender}
    if re.search(r"\b(?:any|how many|do i have|have i got|got any|did i get|is there|are there|check|new|unread|anything|waiting|count)\b", t) \
            or re.match(r"^(?:e ?mails?|mail|inbox|messages?)$", t):
        return "email.unread", {}
    return None
