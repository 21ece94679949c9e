"""Rules for email: the summary, reading (the latest, the one from someone, the one about
something, the second one), next and previous, delete, archive, undo, mark read or unread, reply,
new mail, and send with its confirmation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import wraps

from ..normalize import ENDEARMENTS
from .common import SAYING, YES_FIRST, Ctx, Result, title, yes_doing
from .memory import RELATIONS


def _fold(text: str) -> str:
    """Without accents, so the ASCII rules read "José" as "jose"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _accents_aside(rule):
    """Run a rule on the words without accents, and give names back the accents the user typed."""
    @wraps(rule)
    def run(c: Ctx) -> Result:
        folded = _fold(c.t)
        if folded == c.t:
            return rule(c)
        found = rule(replace(c, t=folded))
        if found is None:
            return None
        intent, slots = found
        spoken = {_fold(w).lower(): w for w in re.findall(r"[\w']+", c.raw)}
        for key in ("sender", "recipient", "subject"):
            if isinstance(slots.get(key), str):
                slots[key] = " ".join(spoken.get(w.lower(), w) for w in slots[key].split(" "))
        return intent, slots
    return run

_EMAIL_TOPIC = ("email.unread", "email.read", "email.next", "email.previous", "email.delete", "email.reply", "email.send",
                "email.undo", "email.archive", "email.mark", "email.compose")
_ORDINAL = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "number two": 2, "number three": 3, "number four": 4,
            "number 2": 2, "number 3": 3, "number 4": 4}
_YES = re.compile(rf"^{YES_FIRST}(?:yes|yeah|yep|yup|aye|sure|ok|okay|go ahead|go on|please do|do it|of course|"
                  r"definitely|correct|right|that is right|go for it)(?: please| thanks| then| do| go ahead)?$")
_SEND = re.compile(r"^(?:(?:yes|yeah|yep|yup|aye|ok|okay|sure|go ahead|please|fine|right|alright|go on|then|cheers|chur|sweet as|sweet|ta|wakha)\s*)*"
                   r"(?:send|post) (?:it|that|the reply|the email|it off|it now)"
                   r"(?: please| then| now)?$|^send$")
_THAT_IS_IT = re.compile(r"^(?:(?:yes|yeah|yep|aye) )?(?:that is it|that is right|that is fine|that is perfect|that is good|that will do|perfect|lovely)$")


def _approved(c: Ctx) -> bool:
    """A yes with a word of approval to "Shall I send it?": "yes, that's it" (never "that's it" alone)."""
    return bool(_THAT_IS_IT.match(c.t)) and bool(re.match(r"^\W*(?:yes|yeah|yep|aye)\b", c.raw.strip().lower()))
_NO = re.compile(r"^(?:(?:no|nope|not yet|no thanks|no thank you|not now|wait|hang on|hold on|do not|do not send it|"
                 r"leave it|keep it|save it|keep it as a draft|save it as a draft|maybe later|later)(?: for now| please| then)? ?)+$")
_MAIL_WORD = r"(?:e ?mail|mail|message|one)"
_REPLY = r"(?:reply|respond|answer|write back|write (?:him|her|them) back)"
"""The words that answer the mail just read: "reply", "write back", "write her back"."""


def reply_text(raw: str) -> str:
    """What a reply says, in the user's own words and capitals ("reply saying Thanks, Tom" -> "Thanks, Tom")."""
    t = raw.strip()
    t = re.sub(r"^(?:(?:um+|uh+|er+m?|oh|ok|okay|yes|yeah|so|well|right|grand|sound|lovely|great|perfect|brilliant|cool|alright|fine)"
               r"\b[,.]?\s*)+(?=(?:please |just |can you |could you )?(?:reply|respond|answer|write back|say|tell)\b)|"
               r"^(?:(?:um+|uh+|er+m?|oh|ok|okay|yes|yeah|so|well)\b[,.]?\s*)+", "", t, flags=re.IGNORECASE)
    t = re.sub(r"^(?:[\w']+[,.]?\s+){1,3}?(?=(?:please |just |can you |could you )?(?:reply|respond|write back)\b)", "", t,
               flags=re.IGNORECASE)  # South African "shame, okay, reply and say ...": what comes before the reply is no part of it
    t = re.sub(rf"^(?:(?:please |just |can you |could you )?{_REPLY}(?: to (?:that one|this one|it|that|him|her|them|this|the email|the message)| (?:him|her|them|am))?"
               r"(?:,? (?:and|an))?\s*)?(?:(?:say|saying|seh|tell (?:him|her|them|she|he|dem|am|'em)|with|that says|to say|let (?:him|her|them) know)(?: that(?!'))?(?=\s|$)[,:]?\s*)?",
               "", t, flags=re.IGNORECASE)  # Belizean "reply seh ...": saying
    t = re.sub(r"^that (?!(?:is|was|sounds|would|will|works|should|could|might|one|'s)\b)", "", t, flags=re.IGNORECASE) \
        if re.match(rf"^\s*{_REPLY}(?: (?:to )?(?:him|her|them))? that\b", raw.strip(), re.IGNORECASE) else t
    return t.strip(" .,")  # "reply (him) that the choir practice will hold": what to tell him


@_accents_aside
def rule_email_context(c: Ctx) -> Result:
    """Words that mean something only after mail was mentioned: read it (again), reply."""
    last = c.state.last_intent
    topic = last in _EMAIL_TOPIC
    t = re.sub(rf" {ENDEARMENTS}$", "", c.t) if topic else c.t  # "read it again, honey": said to the OS
    last_slots = dict(c.state.last_slots)
    one = re.match(r"^(?P<v>delete|archive|bin|file|trash) (?:the|that) (?P<x>(?!(?:first|last|next|other|same|new|latest)\b)[a-z0-9' ]+?) (?:one|e ?mail)$", t) \
        if topic else None
    if one:  # "archive the audit schedule one" after it was read: the one about (or from) what was said
        x, said = one.group("x"), {k: str(v).lower() for k, v in last_slots.items() if k in ("sender", "subject")}
        key = "sender" if x in said.get("sender", "") and x not in said.get("subject", "") else "subject"
        return ("email.archive" if one.group("v") in ("archive", "file") else "email.delete"), {key: x}
    if last in ("email.delete", "email.archive") and (last_slots.get("sender") or last_slots.get("subject")) \
            and not last_slots.get("confirmed"):
        # The answer to "Shall I delete the email from Bank about ...?": only this turn can confirm it.
        if _YES.match(t) or yes_doing(t, r"delete|remove|bin|get rid of|archive|file|file away|put away|clear") or (
                last_slots.get("all") and re.match(r"^(?:(?:yes|yeah|yep|aye|ok|okay|sure) )*(?:all of them|all|every one|the lot|them all)(?: please)?$", t)):
            return last, {**last_slots, "confirmed": True}  # "yes, all of them", to "Shall I archive all 3 emails from ...?"
        if _NO.match(t):
            return "conversation.cancel", {}
    if last == "email.send" and not dict(c.state.last_slots).get("confirmed"):
        # The answer to "Shall I send it to Amy?": only this turn can confirm a send.
        if _YES.match(t) or _SEND.match(t) or _approved(c):
            return "email.send", {"confirmed": True}
        if _NO.match(t):
            return "conversation.cancel", {}
        # The answer to "Which should I send: the email to Amy or the one to Tom?"
        m = re.match(r"^(?:(?:send |i mean |i meant )?the (?:one|email|mail|reply|message) )?(?P<to>(?:to|for) )?"
                     r"(?P<r>[a-z]+(?: [a-z]+)?)(?: please)?$", t)
        # a bare name only right after "which should I send?" (asked when "send it" came out of the blue)
        named = m and (m.group("to") or dict(c.state.last_slots).get("resumed"))
        if named and not re.match(r"^(?:it|that|this|both|neither|none|nothing|all|either|the other|other|thanks|next|previous|another|"
                                  r"thank you|cancel|stop|never ?mind|wait|sorry|what|hmm+|um+|uh+)\b", m.group("r")):
            return "email.send", {"recipient": m.group("r").title()}  # matched to drafts accents and case aside
    writing = last in ("email.reply", "email.compose", "email.send") or \
        (last == "email.read" and dict(c.state.last_slots).get("which") == "draft")
    if writing and last != "email.send" and (_YES.match(t) or _SEND.match(t) or _approved(c)):
        return "email.send", {}  # "yes" to the draft read back ("Say send it when it's right"): the OS asks to whom, once
    if writing:
        if re.match(r"^(?:read (?:me )?(?:back )?(?:again )?what (?:i|you) (?:have )?(?:written|wrote|write|said|put)(?: so far)?(?: back| again)?(?: to me)?|"
                    r"what have (?:i|you) (?:written|said|put)(?: so far)?)$", t):
            return "email.read", {"which": "draft"}  # "read me what I've written" of the reply being written
        if re.match(r"^(?:read (?:it|that|the reply|the email|my reply|what i said)(?: to me)? (?:back|again|out|to me first|first|before|before sending)"
                    r"(?: to me)?(?: first| before)?|read (?:it|that) to me|"  # "read it to me before", as Spanish says "antes"
                    r"read (?:me )?(?:the|my|that) (?:reply|draft)"
                    r"(?: back)?(?: before (?:it goes|you send it|i send it|sending it|it goes off))?|"
                    r"what does (?:it|the reply|my reply) say|how does it (?:read|sound))$", t):
            return "email.read", {"which": "draft"}
        # The whole text said again: "no, say I'll be there at nine instead", "change it to say ...".
        m = re.match(r"^(?:no |actually |wait |sorry |oh )*(?:change it to say|make it say|instead say|it should say|"
                     r"say instead|let us say|say) (?:that )?(?P<x>.+?)(?: instead)?$", t)
        if m and not re.match(r"^(?:it|that|again|it again|that again)$", m.group("x")):
            said = re.search(r"(?:change it to say|make it say|instead say|it should say|say instead|let us say|say)[,:]?\s+"
                             r"(?:that\s+)?(.+?)(?:\s+instead)?[.!]?$", c.raw, re.IGNORECASE)
            text = said.group(1) if said else m.group("x")
            if last == "email.compose" or dict(c.state.last_slots).get("recipient"):
                slots = dict(c.state.last_slots)
                return "email.compose", {**({"recipient": slots["recipient"]} if slots.get("recipient") else {}), "text": text}
            return "email.reply", {"text": text}
    m = re.match(r"^(?:please )?(?:mark|flag|set|keep|leave) (?:it|that|this|that one|this one|the email|that email)?\s*"
                 r"(?:as )?(?P<s>unread|not read|new|read|seen)(?: then| please| now)?$", t)
    if m and (topic or re.match(r"^(?:mark|flag)", t)):
        return "email.mark", {"state": "read" if m.group("s") in ("read", "seen") else "unread"}
    m = re.match(rf"^(?:(?:read|open|play|and|what about|what does|what is in)(?: me| out)? )?(?:the |that )?"
                 rf"(?P<o>{'|'.join(_ORDINAL)}) {_MAIL_WORD}(?: say| says)?$", t)  # "read second one": the article not said
    m = m or (re.match(rf"^(?:read|open|play)(?: me| out)? the (?P<o>{'|'.join(_ORDINAL)})$", t) if topic else None)  # "read me the second", after mail
    if m and (topic or re.match(r"^(?:read|open|play)", t)):
        return "email.read", {"position": _ORDINAL[m.group("o")]}
    m = re.match(rf"^(?:(?:read|open|play|what does|what about)(?: me| out)? )?(?:the |that )?(?:e ?mail|message|mail)s? "
                 rf"(?:about|on|regarding|re) (?P<s>.+?)(?: say| says)?$", t)
    if m:
        return "email.read", {"subject": m.group("s")}
    lead, tail = r"^(?:(?:right|ok|okay|so|and|yes|yeah|go on|now|oh) )*(?:please )?", r"(?: now| off| please| then| for me)*$"
    if re.match(rf"{lead}(?:send|post) (?:the|my) (?:reply|email|answer|letter){tail}", t):
        return "email.send", {}
    if re.match(rf"{lead}(?:send|post) (?:that|this) (?:reply|e ?mail|mail|answer|message)(?: to [a-z]+(?: [a-z]+)?)?{tail}", t) or \
            re.match(rf"{lead}(?:send|post) (?:the|my) (?:reply|e ?mail|answer|message) (?:for|about|to) [a-z]+(?: [a-z]+)?{tail}", t):  # "send the reply for Ngorongoro"
        return "email.send", ({} if topic and last != "email.send" and last in ("email.reply", "email.compose") else {"resumed": True})
    if last == "letter.end" and dict(c.state.last_slots).get("mail") and _SEND.match(t):
        return "email.send", {}  # a letter signed "and mail it" waits as a mail draft: this asks, a yes sends
    if _SEND.match(t) and not topic and last != "letter.end":
        # "send it" after something else ("what time is it"): the skill finds the draft, or asks which
        return "email.send", {"resumed": True}
    other = re.match(r"^(?:no )?(?:the )?other (?:one|email|message) from (?P<s>[a-z' ]+?)$", t)
    if topic and other:  # "no, the other one from Dale"
        return "email.read", {"sender": other.group("s")}
    if topic and (re.match(r"^(?:and )?(?:read|open)(?: me)? the (?:last|final|bottom) (?:one|email|message)(?: on the list| in the list)?$", t)
                  or re.match(r"^(?:no |nope )?not (?:that|this) one (?:i want |i meant |read )?the (?:last|final|bottom) (?:one|email|message)$", t)):
        return "email.read", {"position": -1}  # "read the last one" of the emails just listed: the last of them, not the one before
    if re.match(r"^(?:read (?:it|that|that one|the email|the message)(?: to me| me)? (?:again|once more)|read it one more time|repeat the email|"
                r"read that email again)(?: (?:more )?slowly| please| for me)?$", t) or (topic and re.match(r"^(?:read (?:it|that|that one) again|again)(?: (?:more )?slowly| please)?"
                                                                                           r"(?: (?:i|we) (?:did not|could not|missed|did not catch) [a-z ]+)?$", t)):
        return "email.read", {"which": "again"}
    if last == "email.read" and re.match(r"^(?:what (?:does|did) (?:it|that|that one|the email) say|read (?:it|that|that one)(?: out| to me| back)?(?: to me)?|"
                                         r"read (?:it|that|the email) (?:again )?from the (?:start|top|beginning))$", t):
        return "email.read", {"which": "again"}  # of the email just read, not the next one
    if topic and re.match(r"^(?:(?:yes |aye |go on |go ahead )*read (?:it|that|that one|this one|them)(?: out| to me| out to me)?|go ahead|yes read it|"
                          r"what does it say)$", t):  # "aye, go on, read them"
        return "email.read", {}
    if topic and re.match(r"^(?:who (?:are|is) (?:they|it|those|that|these|them) from|who (?:sent|wrote) (?:them|those|it)|who from)$", t):
        return "email.unread", {}
    told = re.match(r"^(?:tell|let) (?:him|her|them|em|'em)(?: know)?(?: that)? (?P<x>.+)$", t)
    if told and last in ("email.read", "email.next", "email.previous"):  # "tell her I'm in for Saturday ...", of the email just read
        said = re.search(r"\b(?:tell|let) (?:him|her|them|em|'em)(?: know)?(?: that)?[,:]?\s+(.+)$", c.raw, re.IGNORECASE)
        return "email.reply", {"text": said.group(1).strip(" .") if said else told.group("x")}
    if re.match(rf"^{_REPLY}\b", t) and not re.search(r"\b(?:letter)\b", t):
        text = reply_text(c.raw)
        return "email.reply", ({"text": text} if text and not re.match(rf"^{_REPLY}\W*$", text, re.I) else {})
    return None


_MAIL = r"\b(?:e ?mails?|e-mails?|mails?|inbox|messages?|letters? from)\b"


@_accents_aside
def rule_email_compose(c: Ctx) -> Result:
    """New mail by voice: "send an email to Amy saying I'll be late", "email Tom", "write an email to Jose"."""
    t = c.t
    if (c.state.last_intent or "").startswith("email."):  # "now write one to Darlene, say ...", while going through mail
        t = re.sub(r"^(?:now |and |so )?(?:write|send|do) (?:one|another one|another) to ", "write an email to ", t)
    m = re.match(r"^(?:(?:now|and|so|then) )?(?:(?:can you|could you|please|i want to|i would like to|i need to|let us) )?"
                 r"(?:(?:send|write|compose|draft|start|do)(?: an?| a new)? (?:e ?mail|mail|message)s? to|"
                 rf"(?:now |and )?write(?: to)?(?! (?:him|her|them) back\b| (?:down|up|out|it|that|this|me|back|a|an|the)\b)(?= [a-z' ]+? (?:{SAYING}|that)\b)|"  # "write Pastor James and tell him ..."
                 r"(?:send|write|drop) (?P<r2>[a-z']+(?: (?!an?\b|quick\b)[a-z']+)?) (?:an? )?(?:e ?mail|quick e ?mail|note by e ?mail)|e ?mail(?: to\b)?) "
                 rf"?(?:(?:my|our) {RELATIONS} (?=[a-z']+ {SAYING}\b))?"  # "email my cousin Vero and tell her ...": Vero
                 r"(?P<r>(?:(?:mr|mrs|ms|miss|dr|auntie|aunt|uncle|nan|grandma|grandad) )?[a-z']+"
                 r"(?: (?!saying\b|say\b|to say\b|to let\b|that\b|and\b|telling\b|about\b|regarding\b|subject\b|with\b|at\b|from\b)[a-z']+)?)?"
                 r"(?: (?:at|from|in) (?:the )?[a-z]+(?: (?!saying\b|say\b)[a-z]+)?(?= saying\b| to say\b| say\b| and tell\b))?"  # "to Darren at the depot saying ..."
                 rf"(?: (?:about|regarding|(?:with )?(?:the )?subject(?: line)?(?: of)?) (?P<subj>[a-z0-9' ]+?))?(?P<say>(?:,? (?:{SAYING}|say|that)"
                 r"(?: that)?)(?: (?P<x>.+))?)?$", t)
    if not m:
        return None
    recipient = m.group("r2") or m.group("r")
    if recipient in (None, "me", "myself", "someone", "back") or re.match(r"^(?:that|this|it|the|off|now)\b", recipient):
        return None  # "send that email" is the draft, not a new mail to someone called That
    slots: dict = {"recipient": title(recipient)}
    if m.group("subj"):
        slots["subject"] = m.group("subj")
        words = m.group("subj").split()
        cut = next((i for i in range(1, len(words)) if words[i] in ("i", "we", "please", "hi", "hello", "dear", "just", "can", "could")), None)
        if cut is not None and not m.group("say"):  # "subject shift change I can take your Thursday night shift": the text after the subject
            slots["subject"] = " ".join(words[:cut])
            said = re.search(rf"\b{re.escape(words[cut])}\b.*$", _fold(c.raw), re.IGNORECASE)
            slots["text"] = reply_text(said.group(0)) if said else " ".join(words[cut:])
    if m.group("say"):  # the words from the raw utterance: normalising drops a closing "thanks"
        text = reply_text(_after_saying(c.raw))
        titled = re.match(r"^(?P<x>.+?),? (?:the )?(?:subject|subject line|title)(?: is| should be)?:? (?P<s>[a-z0-9' ]{2,40})$", text or "",
                          re.IGNORECASE)
        if titled and "subject" not in slots:  # "... is on Moodle now, subject reading list"
            text, slots["subject"] = titled.group("x"), titled.group("s")
        if text:
            slots["text"] = text
    return "email.compose", slots


def _after_saying(raw: str) -> str:
    raw = re.sub(r"\bsayin'(?=\s)", "saying", raw, flags=re.IGNORECASE)  # Cajun "sayin' the boudin's ready"
    found = re.search(rf"\b{SAYING}\b(?: that(?!'))?[,:]?\s*(.+)$", raw, re.IGNORECASE) or re.search(r"\bsay\b(?: that(?!'))?[,:]?\s*(.+)$", raw, re.IGNORECASE) \
        or re.search(r"\b(?:e ?mail|message|write) to [a-z']+(?: [a-z']+)? that[,:]?\s*(.+)$", raw, re.IGNORECASE)  # "write email to Zoltan say ...", "to Marek that I'll be late"
    return found.group(1) if found else raw


_MOVE_NAMED = re.compile(
    r"^(?:please |can you |could you )?(?P<v>delete|remove|bin|trash|get rid of|throw away|throw out|archive|file) "
    r"(?P<all>all (?:the |of the |of my |my )?|every |the |that |my )?(?:(?P<s2>[a-z]+) )?(?:e ?mails?|mails?|messages?)"
    r"(?: from (?P<s>[a-z' ]+?)| about (?P<subj>[a-z0-9' ]+?))?(?: please)?$")


def rule_email_move_named(t: str) -> Result:
    """ "delete the email from the bank", "archive the bank email", "delete all the emails about the
    sale": the skill asks before it acts on an email other than the one just read."""
    m = _MOVE_NAMED.match(t)
    if m is None:
        return None
    sender = m.group("s") or m.group("s2")
    if sender in ("that", "this", "the", "new", "last", "latest", "old", "next", "other"):
        sender = None
    if not (sender or m.group("subj")):
        return None  # "delete that email": the one just read, a registry sentence
    slots: dict = {"sender": re.sub(r"^(?:the|my|our) ", "", sender)} if sender else {}
    if m.group("subj"):
        slots["subject"] = m.group("subj")
    if (m.group("all") or "").startswith(("all", "every")) or re.search(r"\b(?:e ?mails|mails|messages)\b", t):
        slots["all"] = True
    return ("email.archive" if m.group("v") in ("archive", "file") else "email.delete"), slots


def rule_email(c: Ctx) -> Result:
    """Reading, listing and tidying mail; "the one from Mairead about the christening" is both whom from and what about."""
    found = _rule_email(c)
    if found is not None and found[0] == "email.read" and " about " in str(dict(found[1]).get("sender") or ""):
        sender, subject = str(dict(found[1])["sender"]).split(" about ", 1)
        return "email.read", {**dict(found[1]), "sender": sender, "subject": subject}
    kin = re.fullmatch(rf"(?:my|our) {RELATIONS} (?P<n>[a-z][a-z'-]*)", str(dict(found[1]).get("sender") or "")) if found else None
    if kin:  # "the email from my grandbaby Kayla": from Kayla
        return found[0], {**dict(found[1]), "sender": kin.group("n")}
    return found


@_accents_aside
def _rule_email(c: Ctx) -> Result:
    t = c.t
    if c.state.last_intent in _EMAIL_TOPIC:  # "delete all the ones from Groupon" while emails are talked about
        t = re.sub(r"\b(?:the )?ones (?=from |about )", "the emails ", t)
    t = re.sub(r"\b(?P<m>e ?mails?|messages?) of (?!(?:today|yesterday|this|last|the|that|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
               r"\g<m> from ", t)  # "read me the email of Camila", as Spanish and Portuguese say it
    named = rule_email_move_named(t)
    if named is not None:
        return named
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
    m = re.match(r"^what (?:is|has|have) (?P<s>[a-z]+(?: [a-z]+)?) (?:sent|written|emailed)(?: me)?(?: (?:read it(?: out| to me)?|then))?$", t) \
        or re.match(r"^what did (?P<s>[a-z]+(?: [a-z]+)?) (?:write|say|send|email|want|have to say|need)\b", t)
    if m and m.group("s") in ("he", "she", "they") and c.state.last_intent in _EMAIL_TOPIC:
        return "email.read", {"which": "again"}  # "what did she say?" of the email just read
    if m and m.group("s") not in ("i", "you", "he", "she", "they", "it", "we"):
        return "email.read", {"sender": m.group("s")}
    m = re.match(r"^(?:did i get|have i got|have i had|is there|are there|do i have|any|anything)(?: anything| any(?: new)? "
                 r"(?:e ?mails?|mail|messages?)| an? (?:e ?mail|message))?(?: new)?(?: in| come in)? (?:about|regarding) (?P<s>.+)$", t)
    if m:
        return "email.read", {"subject": m.group("s")}
    if re.match(r"^who(?: else)?(?: is| has)? (?:emailed|e mailed|written to|written|mailed|messaged|sent me)(?: me)?(?: today| lately)?$", t) \
            or re.match(r"^how many (?:unread|new)(?: ones| e ?mails| messages)? (?:have i|do i have|have i still|do i still have|are there)"
                        r"(?: still)?(?: got)?(?: left)?$", t) \
            or re.match(r"^how (?:much|many) (?:new |unread )?(?:e ?mails?|messages|mail) (?:have )?(?:i|we) (?:got|have|have got)(?: today| now)?$", t) \
            or re.match(r"^(?:what is|what has|has anything|is anything|did anything|anything|what) (?:new )?(?:come in|arrived|landed|turned up)"
                        r"(?: in my inbox| for me)?(?: today| this morning| this afternoon| overnight| last night| since yesterday| yet)?$", t):
        return "email.unread", {}  # "what's come in this morning"
    theirs = re.match(r"^(?:read|open|play)(?: me)? (?P<s>(?!(?:my|your|the|that|this|it)\b)[a-z]+(?: [a-z]+)?)'s (?P<w>one|e ?mail|message|mail|latest)$", t)
    if theirs and (c.state.last_intent in _EMAIL_TOPIC or theirs.group("w") != "one"):  # "read Hemi's one" while going through mail
        return "email.read", {"sender": theirs.group("s")}
    m = re.match(r"^(?:read|open|play)(?: me)? (?:the|that) (?:one|latest|last one|newest|most recent)(?: one)? from (?P<s>[a-z' ]+?)$", t) \
        or re.match(r"^(?:read|open|play)(?: me)? (?:the|that) (?:one|e ?mail|message|mail|thing) (?:that )?(?P<s>(?!i\b|you\b|we\b)[a-z']+(?: [a-z']+)?) "
                    r"(?:sent|sent me|wrote|emailed|emailed me|forwarded)(?: this morning| today| yesterday| last night)?$", t)
    if m:  # "the one from Amy", "read me the email Dom sent" with nothing else to read it as: a message
        return "email.read", {"sender": m.group("s")}
    if not re.search(_MAIL, t):
        return None
    if re.search(r"\b(?:note|list|remind|reminder|letter to)\b", t):
        return None
    sender = None
    sm = re.search(r"\bfrom (?P<s>[a-z' ]+?)(?: today| yesterday| this morning| please| first| then| again)?$", t)
    if sm and sm.group("s") not in ("today", "yesterday") \
            and not re.search(r"\b(?:phone number|number|extension|caller|unknown|nobody|no one)$", sm.group("s")):
        sender = sm.group("s")  # "message from phone number" is a telephone prompt, not a sender
    pm = re.search(r"\b(?P<s>[a-z]+)'s (?:latest |last |new |most recent )?(?:email|mail|message)\b", t)
    if sender is None and pm and pm.group("s") not in ("today",):
        sender = pm.group("s")
    if re.search(r"\b(?:read|open|play|tell me what|what does|what did|go through|read out|latest|last|newest|most recent|first|next|recent|"
                 r"go back to)\b", t) \
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
    if re.search(r"\b(?:any|how many|do i have|have i got|got any|did i get|is there|are there|check|new|unread|anything|waiting|count|"
                 r"what is in)\b", t) \
            or re.match(r"^(?:e ?mails?|mail|inbox|messages?)$", t):
        return "email.unread", {}
    return None
