"""Common recognition slips mended: words the recogniser hears in place of others.

"four"/"two" for "for"/"to", "time" for "timer", compounds split in two ("grand mother"), "and" for "add"
before a list or the calendar, "do not" for "do I", "a"/"that" for "the".
"""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE
from ..timeparse import UNIT_RE, WEEKDAY_RE

_UNIT_AHEAD = rf"(?=(?:an?|half|{NUMBER_RE})(?: and a half)? ?{UNIT_RE}\b|an? hour|half an hour)"
# "and milk to my shopping list": "add" heard as "and", where the words that follow are a thing and
# where it goes (no other verb, no subject, no question), which is how nothing but "add" goes on.
_ADDED_TO = (r"(?!(?:add|put|stick|pop|throw|write|jot|include|take|move|book|schedule|pencil|also|then|so|but|now|yes|no|oh|and|well|"
             r"i|you|he|she|it|we|they|that|this|there|these|those|me|him|her|them|us)\b)"
             r"(?!.*\b(?:what|which|how|when|where|why|who|is|are|was|were|be|been|am|(?<!to )do|does|did|has|had|have|will|would|"
             r"can|could|should|goes|went|go|came|come|sent|send|wrote|said|told|got|get|anything|any|else|read|tell|show|"
             r"check|from|off|out of|add|put)\b)"
             r".+ (?:to|onto|on to|on) (?:my|the|our) (?:[a-z]+ ){0,2}(?:list|calendar|diary)\b")

# Compounds that recognisers write as two words, where the two words mean nothing else.
_COMPOUNDS = re.compile(r"\b(grand) (?=(?:mother|father|parent|son|daughter|child|kid|ma|pa|mum|dad)s?\b|children\b)|"
                        r"\b(proof) (?=read(?:s|ing)?\b)|\b(to) (?=morrow\b)")


def fix_slips(t: str) -> str:
    """Common recognition slips: "four"/"two" for "for"/"to", "time" for "timer", compounds split in
    two ("grand mother"), "and" for "add" before a list or the calendar, "do not" for "do I", "a"/"that" for "the"."""
    t = re.sub(rf"\b(?:four|4) {_UNIT_AHEAD}", "for ", t)
    t = re.sub(rf"(?<!half )(?<!at )(?<!past )(?<!to )(?<!till )(?<!until )(?<!by )(?<!from )(?<!for )\b(?:four|4) "
               rf"(?=(?:tomorrow|tonight|today|next|this|noon|midnight|{WEEKDAY_RE})\b)", "for ", t)
    t = re.sub(r"\b(?:four|4) (?=(?:at )?\d{1,2} ?(?:am|pm|o'?clock)\b)", "for ", t)
    t = re.sub(rf"\b(remind me|reminder|remember|going|want|need|have|forget) (?:two|too|2) (?!{_UNIT_AHEAD[3:-1]})(?!(?:hundred|thousand|dozen|million)\b)"
               r"(?!(?:kids|children|sons|daughters|boys|girls|grandchildren|grandkids|brothers|sisters|dogs|cats|cars|jobs)\b)(?=[a-z])",
               r"\1 to ", t)  # "have two children" stays two
    t = re.sub(r"\b((?:set|start|make|begin)(?: me)?(?: a| an| the)?) time (?=for|of|called|named|\d)", r"\1 timer ", t)
    t = re.sub(r"\btimes\b(?= (?:for|left|remaining)\b)", "timer", t)
    t = re.sub(r"\bhalf (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])\b(?! (?:hours?|minutes?|seconds?|days?|weeks?)\b))",
               "half past ", t)  # British "half four" is 4:30
    t = re.sub(r"\bto do\b", "to do", t)
    t = _COMPOUNDS.sub(lambda m: next(g for g in m.groups() if g), t)
    t = re.sub(rf"^(?:and|an|ad) (?={_ADDED_TO})", "add ", t)
    t = re.sub(r"^an (?=add\b)", "and ", t)  # "an add thyme to that too"
    t = re.sub(r"^do not (?=(?:have|got) any\b)", "do i ", t)
    t = re.sub(r"^what is (?:a|at|that|to) (?=(?:date|time)\b)", "what is the ", t)  # "the" heard as another small word
    return re.sub(r"\s+", " ", t).strip()
