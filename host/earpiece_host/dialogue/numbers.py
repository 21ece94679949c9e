"""Numbers as people say them ("twenty five", "a couple of", "1.5"), turned into values.

Recognisers write numbers in words or digits depending on the engine, so every pattern that
needs a number accepts both; the regex fragments here are shared by the time parser and the NLU.
"""

from __future__ import annotations

import re

_ONES = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

ORDINAL_WORDS = {n: word for word, n in _ORDINALS.items()}
"""The ordinal word of a number up to twenty, and thirty: 2 -> "second" ("the twenty two of April": twenty second)."""

_SCALES = {"thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "million": 1_000_000, "crore": 10_000_000, "crores": 10_000_000}
"""Words that count thousands, each smaller than the one before it: Indian English counts in lakhs and crores."""
SCALE_RE = "|".join(_SCALES)

_ONES_RE = "|".join(k for k in _ONES if k != "oh")
_TEENS_RE = "|".join(_TEENS)
_TENS_RE = "|".join(_TENS)
_ORD_UNITS_RE = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"

# A cardinal number in words (0..999) or digits.
NUMBER_WORDS_RE = (
    rf"(?:(?:a|{_ONES_RE}) hundred(?: and)?(?: (?:{_TENS_RE})(?:[ -](?:{_ONES_RE}))?| (?:{_TEENS_RE})| (?:{_ONES_RE}))?"
    rf"|(?:{_TENS_RE})(?:[ -](?:{_ONES_RE}))?|{_TEENS_RE}|{_ONES_RE})"
)
# "one point two", "ninety two point four": digits after the point are said one by one.
_DECIMAL_WORDS_RE = rf"(?:{NUMBER_WORDS_RE}|nought|zero)? ?point(?: (?:{_ONES_RE}|oh|nought))+"
NUMBER_RE = rf"(?:\d+(?:\.\d+)?|{_DECIMAL_WORDS_RE}|{NUMBER_WORDS_RE})"
# Hundreds said as two numbers, as prices are: "one eighty five" (185), "two fifty" (250). Only
# where a sum is expected: elsewhere "one fifty" is a time.
SAID_HUNDREDS_RE = rf"(?:{_ONES_RE}) (?:{_TENS_RE})(?:[ -](?:{_ONES_RE}))?"


def said_hundreds(text: str) -> float | None:
    """Value of "one eighty five" (185), or None when the words are not that shape."""
    head, _, rest = text.strip().lower().partition(" ")
    tens = parse_number(rest)
    return None if head not in _ONES or tens is None else float(_ONES[head] * 100 + tens)


# Quantities that may stand for a number in a duration ("an hour", "a couple of minutes").
QUANTITY_RE = rf"(?:{NUMBER_RE}|an|a couple of|a couple|couple of|a few|few)"
# Day of month: "3", "3rd", "third", "twenty first", "twenty-first".
ORDINAL_RE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:twenty|thirty)[ -](?:{_ORD_UNITS_RE})"
    rf"|{'|'.join(_ORDINALS)})"
)


def parse_number(text: str) -> float | None:
    """Value of a number said in words or digits, or None when it is not one."""
    s = text.strip().lower().replace("-", " ")
    if not s:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    special = {"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3,
               "half": 0.5, "a half": 0.5, "a dozen": 12, "dozen": 12}
    if s in special:
        return float(special[s])
    whole, point, fraction = s.partition("point")
    if point:
        digits = [_ONES.get(w, 0 if w == "nought" else None) for w in fraction.split()]
        if not digits or None in digits:
            return None
        before = parse_number(whole) if whole.strip() not in ("", "nought") else 0.0
        return None if before is None else float(f"{int(before)}.{''.join(map(str, digits))}")
    total = 0
    current = 0
    scale = 0
    seen = False
    for word in s.split():
        if word == "and":
            continue
        if word in _ONES:
            current += _ONES[word]
        elif word in _TEENS:
            current += _TEENS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES and (total == 0 or _SCALES[word] < scale):  # "twelve thousand four hundred", "one lakh twenty thousand"
            total, current, scale = total + (current or 1) * _SCALES[word], 0, _SCALES[word]
        elif word == "a" and not seen:
            current = 0
        else:
            return None
        seen = True
    total += current
    return float(total) if seen else None


def parse_ordinal(text: str) -> int | None:
    """Day number from "3", "3rd", "third" or "twenty first"; None when not an ordinal."""
    s = text.strip().lower().replace("-", " ")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", s)
    if m:
        return int(m.group(1))
    if s in _ORDINALS:
        return _ORDINALS[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINALS:
        return _TENS[parts[0]] + _ORDINALS[parts[1]]
    return None


def say_number(n: int) -> str:
    """Digits are fine for a synthesiser; kept as a hook so replies stay consistent."""
    return str(n)
