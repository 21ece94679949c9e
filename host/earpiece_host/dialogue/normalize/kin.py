"""Words for family put plainly: "the missus" is my wife, "weans" and "childer" are kids, "malli" a brother.

Said in many places: Scots, Irish and northern English words, Sinhala, Tamil, Hindi and Swahili ones.
"""

from __future__ import annotations

import re

from .words import KIDS, KIN


def how_many_little_ones(t: str) -> str:
    """ "how many little ones", "how many young'uns": kids."""
    t = re.sub(rf"^how many {KIDS}\b", "how many kids", t)  # "how many little ones do I have", "how many young'uns has our Dean got"
    return t


def the_missus_and_hubby(t: str) -> str:
    """ "me and the missus's": ours; "the missus", "the hubby", "Darren's missus"."""
    t = re.sub(r"\b(?:me|my wife|my husband) and (?:the|my|me) (?:missus|missis|wife|husband|hubby|fella|partner|other half)'s\b", "our", t)
    # "when's me and the missus's anniversary": ours
    t = re.sub(r"\bthe (?:missus|missis|misses|wife)\b(?!'s)", "my wife", t)  # "what flowers should I get the missus"
    t = re.sub(r"\bthe (?:hubby|husband)\b(?!'s)", "my husband", t)
    t = re.sub(r"\b([a-z]+'s) (?:missus|missis)\b", r"\1 wife", t)  # "what's Darren's missus called"
    return t


def missus_malli_weans(t: str) -> str:
    """ "my missus", words for a brother or sister ("malli", "akka"), Scots "weans" and "grandweans"."""
    t = re.sub(r"\b(?:my|me|mi) (?:missus|missis)\b", "my wife", t)  # "my missus Aroha's birthday"
    t = re.sub(r"\b(my|our) (?:malli|aiya|ayya|thambi|bhaiya|bhaiyya)\b", r"\1 brother", t)  # Sinhala, Tamil and Hindi words for a brother
    t = re.sub(r"\b(my|our) (?:nangi|akka|akki|thangachi|behen|behan|ate|manang)\b", r"\1 sister", t)  # ... and for a sister (Filipino "ate")
    t = re.sub(r"\b(my|our) (?:kuya|manong)\b", r"\1 brother", t)  # Filipino
    t = re.sub(r"\bgrandweans\b", "grandchildren", t)  # Scots
    t = re.sub(r"\b(?:maw maw|mawmaw|mee maw|meemaw)\b", "grandma", t)  # Cajun and Southern US "the gate code at maw maw's"
    t = re.sub(r"\bweans\b", "kids", t)
    return t


def the_wifes(t: str) -> str:
    """ "when's the wife's birthday": my wife's; "my wife birthday", the "'s" not said: my wife's."""
    t = re.sub(r"\bthe (?P<k>wife|missus|missis|husband|hubby|kids|boss|wean|weans|bairn|bairns)'s\b", r"my \g<k>'s", t)  # "when's the wife's birthday"
    t = re.sub(rf"\b(?P<m>my|our) (?P<k>{KIN}) "
               r"(?P<x>birthday|wedding anniversary|wedding day|wedding|anniversary|phone number|number|address|job|name|car|dog|cat|email address)\b", r"\g<m> \g<k>'s \g<x>", t)
    # Southeast Asian English "remember my wife birthday is July ninth"
    t = re.sub(rf"\b(?P<m>my|our) (?P<k>{KIN}) (?P<n>(?!(?:is|was|new|old|first|last|next|the|a|and|his|her|their|wedding|own|real|big|little|"
               r"baby|surprise|eldest|youngest|oldest)\b)[a-z]+) (?P<x>birthday|anniversary|phone number|email address)\b",
               r"\g<m> \g<k> \g<n>'s \g<x>", t)  # Libyan "remember that my daughter Amal birthday is fourteenth of April"
    return t


def fella_childer_watoto(t: str) -> str:
    """ "Siobhan's fella", "his missus", "four childer", Swahili "watoto"."""
    t = re.sub(r"\b(?P<n>(?!(?:it|that|what|who|there|he|she)')[a-z]+)'s "
               r"(?:fella|fellow|feller|bloke|other half|better half|missus|missis|old man|old lady)\b",
               r"\g<n>'s spouse", t)  # "what's Siobhan's fella called again"
    t = re.sub(r"\b(his|her|their|[a-z]+'s) (?:missus|missis)\b", r"\1 wife", t)  # "his missus is called Jackie"
    t = re.sub(rf"\b(two|three|four|five|six|seven|eight|nine|ten) {KIDS}\b", r"\1 kids", t)  # "I have four childer"
    t = re.sub(r"\bwatoto\b", "children", t)  # Swahili
    return t


def her_fella(t: str) -> str:
    """ "what's her fella called": her boyfriend."""
    t = re.sub(r"\b(?P<o>her|his) fella\b", r"\g<o> boyfriend", t)  # "what's her fella called again"
    return t


def elder_brother(t: str) -> str:
    """ "my elder brother Tunde": my brother."""
    t = re.sub(r"\b(?:my|our) (?:elder|older|younger|big|little|baby|eldest|youngest|first|second|oldest) (?P<r>brother|sister|son|daughter|boy|girl)\b",
               r"my \g<r>", t)  # "my elder brother Tunde works at ...": my brother
    return t
