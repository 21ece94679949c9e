"""Rules for letters: starting one, dictation (with spoken punctuation), edits, read-back, proofreading, the end."""

from __future__ import annotations

import re

from ..normalize import ENDEARMENTS
from .asides import before_own_clause
from .common import SAYING, Ctx, Result, title


def rule_letter_start(c: Ctx) -> Result:
    t = c.t
    if c.state.dictating and re.match(r"^(?:to|dear) ", t):
        return None  # "to whomsoever it may concern, I have known Karthik ...": the letter's own first words
    m = re.match(r"^(?:let us |let me |i (?:want|need) to |can you |please )?(?:write|do|start|draft|take|get) (?:the|that) letter "
                 r"(?:that )?(?P<b>[a-z]+(?: [a-z]+)?) (?:asked (?:me )?for|asked me to write|wanted|requested|asked about|mentioned)"
                 r"(?: done| written| sorted| out of the way| started)?(?: please| now| then)?$", t)
    m = m or re.match(r"^(?P<b>[a-z]+(?: [a-z]+)?) (?:asked|wanted|wants) (?:me )?(?:to (?:do|write|draft|type up) )?(?:a|the|that) letter"
                      r"(?: (?:for|from) (?:her|him|them))?(?: (?:so |now )?(?:can|could|will) you (?:start|do|write|begin) (?:that one|it|that|one)"
                      r"(?: for me)?(?: please| now)?)?$", t)  # "Gwen asked me to do a letter for her, can you start that one"
    if m and m.group("b") not in ("i", "you", "we", "they", "he", "she", "someone", "somebody"):
        return "letter.from_brief", {"brief": title(m.group("b"))}
    m = re.search(r"\b(?:write|take|start|begin|dictate|compose|draft|do|new|create|make)(?: up)? (?:a |an |another |the |one )?"
                  r"(?:new |proper |nice |formal |quick |short |little |long |handwritten |real )?"
                  r"(?:letter|a letter)(?: for me)?(?: (?:to|for|addressed to) (?P<r>[a-z' ]+))?$", t)
    if m is None:
        m = re.search(r"^(?:i (?:want|would like|need) to |let us |let me |i am going to |time to )?(?:write|dictate) "
                      r"(?:a (?:letter|few lines|note) )?to (?P<r>[a-z' ]+)$", t)
        if m and re.search(r"\b(?:note|email|message)\b", t):
            m = None
        if m and re.search(rf" (?:{SAYING}|that) ", f" {m.group('r')} "):
            m = None  # "write to Tony saying I can cover Saturday nights": a message with its words, not a letter to dictate
    if m is None:
        m = re.search(r"^(?:new|start a|begin a) letter(?: to (?P<r>[a-z' ]+))?$", t)
    letters_talked_of = (c.state.last_intent or "").startswith("letter.") or (
        c.state.last_intent == "help" and dict(c.state.last_slots).get("topic") == "letters")
    if m is None and letters_talked_of:  # "how do I write a letter" - "right, I'd like to write one to Callum"
        m = re.search(r"^(?:(?:right|okay|ok|so|well|then) )*(?:i (?:want|would like|need|am going) to |let us |let me )?"
                      r"(?:write|do|start|dictate) (?:one|another one|another) (?:to|for) (?P<r>[a-z' ]+)$", t)
    if m is None:
        return None
    r = (m.group("r") or "").strip()
    r = re.sub(r"\b(?:please|now|for me)$", "", r).strip()
    r = re.sub(r"^(?P<who>(?:mr|mrs|ms|miss|mister|missus|dr|doctor) [a-z']+) (?:the|my|our) [a-z]+(?: (?:of|at|for|in) [a-z ]+)?$", r"\g<who>", r)
    # "Mr Patel the landlord", "Mr Okafor the head of year nine"
    r = re.sub(r"^(?:my|our) [a-z]+ (?=(?:mr|mrs|ms|miss|dr|doctor|auntie|uncle) [a-z])", "", r)  # "my landlord Mr Hargreaves"
    r = re.sub(r"^our (?=[a-z'-]+$)", "", r)  # "a letter to our Rhys": Rhys, as the north and Wales say it
    r = re.sub(r"^(?:my|our) (?:old |former |dear |lovely |favourite )?[a-z]+ (?=[a-z'-]+ [a-z'-]+$)", "", r)  # "my old pupil Jenny Penrose"
    r = re.sub(r"^(?P<n>[a-z'-]+(?: [a-z'-]+)?) in (?!(?:the|a|my|our)\b)[a-z]+$", r"\g<n>", r)  # "a letter to Farooq in Karachi"
    r = re.sub(r"^(?P<n>[a-z'-]+),? (?:my|our) (?:grandson|granddaughter|son|daughter|nephew|niece|cousin|sister|brother|friend|godson|goddaughter|"
               r"grandchild|landlord|boss|neighbour|teacher|doctor)$", r"\g<n>", r)  # "a letter to Oisin my grandson"
    r = re.sub(r"^(?:my|our) (?:grandson|granddaughter|son|daughter|nephew|niece|cousin|sister|brother|friend|godson|goddaughter|grandchild) "
               r"(?P<n>[a-z'-]+) (?:over |up |down |out |away )?(?:in|at) [a-z' ]+$", r"\g<n>", r)  # "my grandson Cian over in Boston"
    sender = about = None
    if " about " in r or " regarding " in r:  # "to the council about the potholes": the topic is not the addressee
        r, about = (x.strip() for x in re.split(r" (?:about|regarding) ", r, maxsplit=1))
    if " from " in r:
        r, sender = (x.strip() for x in r.split(" from ", 1))
        r = re.sub(r" (?:it is|it's|and it is|it will be)$", "", r)  # "a letter to the council, it's from Gareth Pryce"
    r = " ".join(before_own_clause(r.split()))  # "to Joan, she doesn't do emails", "for Rami, he asked me for one"
    slots = {"recipient": title(r)} if r else {}
    if about and r:
        slots["about"] = about
    if sender and r:
        slots["sender"] = sender
    return "letter.start", slots


_READBACK = (r"^(?:read (?:it|that|the letter|my letter|the whole thing|it all|what i have|what we have|back what i have|"
             r"me what i have|me the letter|me my letter|what i have written|everything)(?: so far)?(?: back| out| again| aloud| out loud)?(?: to (?:me|us))?(?: so far)?|"
             r"read back(?: the letter| my letter| what i have)?|what have i (?:got|written|said|dictated)(?: so far)?|"
             r"how does (?:it|that|the letter) (?:sound|read)(?: so far)?|(?:can i )?hear (?:it|the letter)(?: back)?|"
             r"play (?:it|the letter) back|what did i (?:write|say|dictate|put)(?: so far)?|let me hear (?:it|the letter|what i have)(?: back)?|read me what i have(?: so far| written)?|"
             r"read the letter back|where (?:was i|were we|are we))(?: there)?(?: (?:till|until|so|so that) i (?:can )?hear (?:it|how it sounds))?$")
# "read it back there till I hear it": Irish "there", and why


_PROOFREAD = (r"^(?:proof ?read(?: it| that| the letter| my letter| this)?|check (?:it|that|the letter|my letter|the spelling|my spelling|my grammar|the grammar|for (?:mistakes|errors|typos))"
              r"(?: for (?:mistakes|errors|typos))?|(?:are there )?any (?:mistakes|errors|typos)|look (?:it |the letter )?over|"
              r"correct (?:it|the letter)|spell ?check(?: it)?|is (?:it|the letter|that|everything) (?:ok|okay|correct|right|alright)|"
              r"did i make any mistakes|give it a (?:proof ?read|check)|go over (?:it|the letter)|check (?:it|the letter) over(?: for (?:mistakes|errors|typos))?)"
              r"(?: before (?:it goes|i send it|you send it|it is sent|it goes off|i post it|you post it))?$")


_CLOSINGS = (r"(?:with lots of love|with all my love|with love|with kind regards|with best regards|with warm regards|with regards|"
             r"with blessings|with every blessing|blessings|all the best|"
             r"with best wishes|with warm wishes|yours in christ|"
             r"god bless|every blessing|all my love|lots of love|much love|love|best wishes|warm wishes|best regards|kind regards|warm regards|"
             r"warmest regards|regards|yours sincerely|yours truly|yours ever|yours aye|yours faithfully|respectfully yours|yours respectfully|yours|sincerely|"
             r"respectfully|warmly|fondly|cheers|"
             r"with thanks|thanks|many thanks|affectionately|as ever|best|"
             r"your (?:loving |dear |affectionate |devoted |humble )?(?:nephew|niece|son|daughter|brother|sister|grandson|granddaughter|"
             r"friend|cousin|servant|mother|father|mum|dad))")  # Nigerian "your loving nephew, Obinna"
_DONE = (r"(?:(?:that is (?:it|all|everything|the lot|lovely|great|perfect|good|fine|grand|tidy|lush|champion|mint|spot on|smashing)|grand|sound|brilliant|fab|smashing|tidy|lush|sweet as|that will be all|that will do|that'll do|i am (?:done|finished)|we are done|ok|okay|done|good|great|perfect|"
         r"lovely|right|all done|finished|aye|yes|yeah)\s+)*")  # "aye that'll do, finish it yours sincerely ..."
_FINISHED = r"(?:that is (?:it|all|everything)|that will be all|i am (?:done|finished)|we are done|all done|done|finished)"
_END = re.compile(rf"^{_DONE}(?:and |now |please |then )*(?:sign (?:it|it off|off|the letter|off the letter)|close (?:it|the letter)|"
                  rf"finish(?: it| the letter)?(?: there| here)?(?= with| and| off| from| (?:{_CLOSINGS})\b)|end (?:it|the letter)(?: there| here)?(?= with| and| off| from| (?:{_CLOSINGS})\b))"
                  rf"(?: off)?(?: as| from| by| with(?= (?:yours|sincerely|faithfully|respectfully|god|every)\b))?(?: (?P<closing>{_CLOSINGS}))?(?:(?: and)? sign (?:it|off)(?: as| from)?)?(?: from| as)?"
                  rf"(?: (?P<sig>(?!and\b|with\b)[a-z' ]+?))?(?:(?: and (?:put|write|say|use|end (?:it )?with|finish (?:it )?with))? (?P<closing_after>(?:with )?{_CLOSINGS}))?"
                  rf"(?: and (?:(?P<mail>mail|send|email|post) it(?: off)?(?: to (?:him|her|them))?(?: by (?:email|e mail|post))?|pop it in the post))?(?: please)?$")


def _answer(t: str) -> str | None:
    """A reply to the proofreader's "Shall I change it?"."""
    if re.match(r"^(?:(?:no )?(?:that is (?:fine|ok|okay|enough) |thanks |that will do |that'll do |ok |okay )?stop (?:there|here|now)|(?:that will do |that'll do |ok |okay )?leave the rest|"
                r"skip the rest|stop|that is enough|no more|stop (?:proofreading|checking)|forget the rest|"
                r"never mind the rest|skip (?:the )?others|no skip the rest|that will do|enough)$", t):
        return "stop"
    if re.match(r"^(?:fix (?:them all|all of them|everything|the lot|all)|yes to all|change (?:them all|all of them|everything)|"
                r"all of them|do them all|yes all of them|accept all|accept them all)$", t):
        return "all"
    if re.match(r"^(?:(?:yes|yeah|yep|yup|aye|sure|ok|okay|go on|go ahead|please|right|fine|do it) )*(?:yes|yeah|yep|yup|aye|sure|ok|okay|please|"
                r"yes please|do it|go ahead|go on|change it|fix it|fix that|correct it|right|good|fine|accept|accept it|yes change it|yes fix it|"
                r"that is right|make the change|yes do|go for it)(?: please)?$", t):  # "yeah go ahead, change it"
        return "yes"
    if re.match(r"^(?:no |nah |nope )?leave (?:it|that|that one|this one)(?: as it is| alone| be)?$", t):
        return "no"
    if re.match(r"^(?:no|nope|nah|no thanks|no thank you|leave it|keep it|skip|skip it|skip that|next|next one|it is fine|"
                r"that is fine|leave it as it is|keep it as it is|no leave it|no keep it|ignore it|ignore that|it is a name|"
                r"that is a name|that is correct|it is correct|it is right)$", t):
        return "no"
    return None


def rule_letter_commands(c: Ctx) -> Result:
    t = re.sub(r"^(?:(?:hmm|um|er|oh|right|okay|ok)\b,? )+(?=(?:delete|scratch|undo|new paragraph|read|change|replace|proof|check|sign|finish)\b)",
               "", c.t)  # "hmm, delete that last sentence"
    t = re.sub(rf"^((?:read|proof ?read|check) .+?|new paragraph|new line) (?:{ENDEARMENTS}|there|now)$", r"\1", t)  # "read it back to me, love": said to the OS
    if c.state.dictating and re.match(rf"^(?:sorry )?(?:say that again|can you say that again|repeat that|what did you say)(?: {ENDEARMENTS})?"
                                      r"(?: please)?(?: i (?:did not|didn't) (?:catch|hear) (?:it|that|you))?$", t):
        return "conversation.repeat", {}  # "say that again love, I didn't catch it": what the OS said, not words of the letter
    if c.state.dictating and re.match(r"^(?:(?:right|ok|okay|now|so|and) )*(?:back to|on with|carry on with|continue with|resume) (?:the|my) letter$", t):
        return "letter.resume", {}  # "right, back to the letter", after something else was asked in the middle of it
    if c.state.dictating and c.state.last_intent == "letter.proofread":
        answer = _answer(t)
        if answer is not None:
            return "letter.proofread", {"answer": answer, "text": spoken_punctuation(c.raw)}
    part = re.match(r"^(?:read|say|repeat|what is|what was|read me|read back|can you read|let me hear|how does)(?: me)?(?: back)?(?: me)? "
                    r"(?:the |my |that |this )?(?P<which>last|first|previous|latest) (?P<unit>paragraph|sentence|line|bit)(?: again| back| to me| please)*"
                    r"(?: sound| read)?$", t)
    if part:
        unit = "paragraph" if part.group("unit") == "paragraph" else "sentence"
        which = "first" if part.group("which") == "first" else "last"
        return "letter.readback", {"part": f"{which}_{unit}"}
    of_mail = not c.state.dictating and (c.state.last_intent or "").startswith("email.")  # "read it again, honey" of the email just read
    if not of_mail and (re.match(_READBACK, t) or re.match(r"^(?:read (?:it|the letter) (?:back |out )?(?:from the (?:start|top|beginning))|"
                                           r"(?:can|could) you read (?:it|the letter|that)(?: back)?(?: to me)?)$", t)) \
            or re.match(r"^(?:read (?:me )?(?:the whole letter|the letter (?:back |out )?from the (?:start|top|beginning)))$", t) \
            or (c.state.dictating and re.match(r"^read (?:me |us )?(?:the whole thing|it all|the lot|everything|all of it)(?: back| out)?(?: to me)?$", t)):
        return "letter.readback", {}  # "read me the whole thing back" while dictating
    if re.match(_PROOFREAD, t) or (c.state.dictating and (re.match(r"^(?:check|go through|look over) (?:the letter|it|the whole thing) for (?:any )?"
                                                                    r"(?:mistakes|errors|typos|spelling mistakes)$", t) or re.match(
            r"^(?:check|go through|look over|correct) (?:the |my |its |all the )?(?:spellings?|spelling and grammar|grammar|spelling mistakes)"
            r"(?: and all| and everything| and that| please| for me)?$", t))):  # "check the spellings and all"
        return "letter.proofread", {}  # "check the letter for any mistakes"
    if c.state.dictating:
        m = re.match(rf"^{_DONE}(?:finish|end|close)(?: it| the letter)?(?: off)?(?: with)? (?P<closing>(?!(?:it|that|this|off|up|now)\b)[a-z']+(?: [a-z']+){{0,3}}) and sign (?:it|off)"
                     r"(?: as| from)? (?P<sig>[a-z']+(?: [a-z']+)?)$", t)
        if m and not re.fullmatch(_CLOSINGS, m.group("closing")):  # "end it with alofa atu and sign it Tavita": a closing in their own words
            return "letter.end", {"closing": m.group("closing"), "sender": m.group("sig")}
        m = _END.match(t)
        sig = re.sub(r"^(?:from|as|by) ", "", (m.group("sig") or "").strip()) if m else ""
        family = bool(re.search(rf"\bfrom the [a-z']+s$", f"from {sig}")) and f"from {sig}" in t  # "from the Pereiras"
        if m and (len(sig.split()) > 4 or (re.match(r"^(?:and|for|to|please|the|it|this|that|when|if|back|here|there)\b", sig)
                                           and not family)):
            m = None  # "please sign it and send it back" is a sentence of the letter
        if m:
            slots: dict = {}
            if sig and sig not in ("off", "the letter"):
                slots["sender"] = sig
            if m.group("closing") or m.group("closing_after"):  # "sign it Margaret Thompson, yours faithfully"
                slots["closing"] = m.group("closing") or m.group("closing_after")
                if m.group("closing") and len(m.group("closing").split()) > 2 and re.search(
                        r"\b(?:finish|end|close)(?: it| the letter)?(?: off)? with ", t):
                    # "finish it with lots of love": the verb's "with" ("finish it with love" keeps "With love")
                    slots["closing"] = slots["closing"].removeprefix("with ")
            if m.group("mail") or t.endswith("in the post"):
                slots["mail"] = True
            return "letter.end", slots
        if re.match(rf"^{_DONE}(?:and )?(?:mail|send|email|post) it(?: (?:off|to (?:him|her|them)))?(?: please)?$", t):
            return "letter.end", {"mail": True}
        m = re.match(rf"^{_DONE}(?:finish|end|close)(?: it| the letter| up)? and (?:mail|send|email|post) it(?: off)? (?:from|as|signed) "
                     r"(?P<sig>[a-z']+(?: [a-z']+)?)$", t)
        if m:  # "okay, finish and mail it from Tomasz"
            return "letter.end", {"sender": m.group("sig"), "mail": True}
        m = re.match(rf"^(?:(?:ok|okay|right|lovely|great|good) )*{_FINISHED}\s+{_DONE}(?P<closing>{_CLOSINGS}) (?:from )?(?P<sig>[a-z']+(?: [a-z']+)?)"
                     r"(?P<mail> and (?:mail|send|email|post) it(?: off)?)?$", t)
        if m:  # "that's all, love Roberto", "ok that's it, yours faithfully Thandi Nkosi, and post it"
            return "letter.end", {"closing": m.group("closing"), "sender": m.group("sig"), **({"mail": True} if m.group("mail") else {})}
        if re.match(rf"^{_DONE}{_FINISHED}(?:\s+(?:thanks|thank you|now|for now|for today))?$", t):  # "that's it, I'm done"
            return "letter.end", {}
    if (c.state.dictating or c.state.last_intent == "letter.proofread") and re.match(
            r"^(?:fix (?:them|those|the mistakes|it up|everything|those mistakes)|apply (?:the |those )?(?:fixes|corrections|changes)|"
            r"make (?:the|those) changes|correct (?:them|those)|yes fix them)$", t):
        return "letter.proofread", {"answer": "all"}
    if c.state.dictating and re.match(
            r"^(?:that is (?:all|it|everything)(?: for now| for today)?|that will be all|end (?:of )?(?:the )?letter|finish(?:ed)?(?: the letter)?|"
            r"save (?:it|the letter|that)|done|i am (?:done|finished)|we are done|stop dictation|end dictation|"
            r"close the letter|that is the end|the end|all done|that is it save it|i think that is it|finish it|wrap it up|"
            r"end of dictation|that is the lot|that is it thanks|that is all thanks|that is it thank you)$", t):
        return "letter.end", {}
    if not c.state.dictating and re.match(r"^(?:(?:what|which) letters (?:have i|did i|i have|i) (?:written|write|wrote|done|dictated|sent)|"
                                          r"(?:list|read|tell me|what are|go through) (?:me )?(?:all )?my (?:saved )?letters|"
                                          r"how many letters (?:have i|did i) (?:written|write))(?: so far| lately| recently)?$", t):
        return "letter.list", {}
    m = re.match(r"^(?:let us |can we |i want to |i would like to )?(?:continue|resume|go back to|get back to|carry on with|pick up|finish|back to) (?:my|the|that) "
                 r"(?:unfinished |last )?letter(?: (?:i was|i am|we were) (?:writing|doing|dictating))?(?: (?:to|for) (?P<r>[a-z' ]+?))?(?: please)?$", t)
    if m and not c.state.dictating:
        said = " ".join(before_own_clause(m.group("r").split())) if m.group("r") else ""  # "... to Mr Brennan, I never finished it"
        return "letter.resume", ({"recipient": title(said)} if said else {})
    m = re.match(r"^(?:read|read me|read back|can you read|could you read|let me hear) (?:me )?(?:my|the) (?:last |latest )?letter "
                 r"(?:to|for) (?P<r>[a-z' ]+?)(?: again| back| to me| please)*$", t)
    if m and not c.state.dictating:
        return "letter.readback", {"recipient": title(m.group("r"))}
    if not c.state.dictating and re.search(r"\b(?:letter)\b", t):
        if re.search(r"\b(?:read|hear)\b", t):
            return "letter.readback", {}
        if re.search(r"\b(?:proof|check|mistakes|errors)\b", t):
            return "letter.proofread", {}
        if re.search(r"\b(?:finish|save|end|done)\b", t):
            return "letter.end", {}
    return None


_QUOTES = "\"'\u201c\u201d\u2018\u2019"


def rule_letter_edit(c: Ctx) -> Result:
    """ "change dance hall to ballroom", "replace week with fortnight", "instead of X say Y" while a letter is open.

    The skill checks that the old words are in the letter; when the verb could also start a dictated
    sentence ("make"), words not found are taken as dictation (`text`)."""
    t = c.t
    m = (re.match(r"^(?:(?:can|could|would) you |please )?(?P<v>change|replace|swap|switch|correct|make|turn)(?: the word| the words| the phrase)? "
                  r"(?P<o>[a-z0-9' ]+?) (?:to|with|for|into|by) (?:the word |the words )?(?P<n>[a-z0-9' ]+?)(?: please| instead)?$", t)
         or re.match(r"^(?P<v>instead of) (?P<o>[a-z0-9' ]+?) (?:say|put|write|use|have) (?P<n>[a-z0-9' ]+?)(?: please)?$", t)
         or re.match(r"^(?P<v>not) (?P<o>[a-z0-9' ]+?) but (?P<n>[a-z0-9' ]+)$", t)
         or re.match(r"^(?:(?:no|sorry) )*(?P<v>not) (?P<o>the [a-z0-9']+(?: [a-z0-9']+)?),? (?:i mean |i meant )?(?P<n>the [a-z0-9']+(?: [a-z0-9']+)?)$",
                     t)  # "not the fourteenth, the fifteenth"
         or re.match(r"^(?:(?:no|sorry) )*(?P<v>not) (?P<o>[a-z0-9' ]+?),? (?:it is|it should be|it was|i mean|i meant|make it|but) (?P<n>[a-z0-9' ]+)$",
                     t))  # "no, not forty meters, it is forty five meters"
    if m and len(m.group("o").split()) <= 6:
        new = " ".join(before_own_clause(m.group("n").split()))  # "change daffodils to tulips, it's the tulips that are up"
        slots = {"old": _unquote(_from_raw(m.group("o"), c.raw)), "new": _unquote(_from_raw(new, c.raw))}
        if m.group("v") in ("make", "turn", "not", "correct", "switch"):
            slots["text"] = spoken_punctuation(c.raw)
        return "letter.edit", slots
    m = re.match(r"^(?:delete|remove|take out|cut|drop|strike|lose|get rid of) (?:the word|the words|the phrase) (?P<o>[a-z0-9' ]+?)(?: please)?$", t)
    if m:
        return "letter.edit", {"old": _unquote(_from_raw(m.group("o"), c.raw)), "new": ""}
    return None


def _from_raw(words: str, raw: str) -> str:
    """The words as typed (with their capitals and apostrophes) when the raw text has them."""
    pattern = (r"[\s" + re.escape(_QUOTES) + r",.]+").join(re.escape(w) for w in words.split())
    m = re.search(pattern, raw, flags=re.IGNORECASE)
    return m.group(0) if m else words


def _unquote(words: str) -> str:
    return words.strip().strip(_QUOTES + ",.").strip()


def rule_dictation(c: Ctx) -> Result:
    t = c.t
    if re.match(r"^(?:cancel (?:the|this) letter|discard (?:it|the letter|this letter)|throw (?:it|the letter) away|"
                r"delete (?:the|this) letter|forget the letter|never mind the letter|scrap (?:it|the letter)|cancel)$", t):
        return "conversation.cancel", {}
    if re.match(r"^(?:(?:start |begin |make )?(?:a )?new paragraph(?: please| there| now)?|next paragraph|paragraph|paragraph break|new para|"
                r"start a paragraph|break the paragraph here)$", t):  # Irish "new paragraph there"
        return "letter.dictate", {"edit": "new_paragraph"}
    if re.match(r"^(?:(?:delete|remove|take out|cut|drop|strike|lose|get rid of|scratch|erase) (?:the )?(?:last|previous|final) sentence"
                r"(?: please)?|(?:delete|remove|take out|cut|drop|scratch) that (?:last )?sentence)$", t):
        return "letter.dictate", {"edit": "delete_sentence"}
    if re.match(r"^(?:undo(?: that| it| the last change| my last change| please)?|put it back(?: the way it was)?|change it back|"
                r"revert(?: that| it)?|go back to how it was|that was wrong undo it|oops undo(?: that)?)$", t):
        return "letter.dictate", {"edit": "undo"}
    if re.match(r"^(?:scratch that|scratch it|delete that|delete the last (?:bit|line|part)|"
                r"strike that|take that back|remove (?:that|the last bit)|no scratch that|"
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
