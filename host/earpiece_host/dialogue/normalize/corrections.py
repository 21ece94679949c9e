"""Corrections said again at once, kept to what was meant last.

"at four, no sorry, five" is at five; "six tomorrow, no wait, half six" keeps the day; "on the jobs list, no,
not jobs, the shopping" is the shopping list; "no, not four, make it half past three" is a correction.
"""

from __future__ import annotations

import re

from ..numbers import NUMBER_WORDS_RE
from .words import DAYS, HOURS

# The parts of a clock time said again at once ("ten to six", "half six", "6:30").
_PAST_OR_TO = r"(?:(?:half|quarter|five|ten|twenty|twenty five) (?:past|to) |half )?"
_SAID_AGAIN_WORD = (rf"(?:{_PAST_OR_TO}(?:{HOURS}|{DAYS}|today|tomorrow|tonight))"
                    r"(?: (?:thirty|fifteen|forty five|twenty|forty|ten|five|o'clock|am|pm))?")
# A time or day said again at once: "at four, no sorry, five" is at five; "for six, no make that six thirty" is for six thirty
# ("thirty five, make that one thirty five" is minutes, not a time said again).
_SAID_AGAIN = re.compile(rf"\b(?<!twenty )(?<!thirty )(?<!forty )(?<!fifty ){_SAID_AGAIN_WORD} (?:no sorry|no wait|sorry no|no no|sorry|no i mean|i mean|no make that|make that|no make it|"
                         rf"or rather|no) (?P<b>{_SAID_AGAIN_WORD})\b")
# The time corrected at the end, after what the reminder is for: "remind me at one fifteen for prayer, no sorry, one o'clock".
_SAID_AGAIN_LAST = re.compile(rf"^(?P<head>(?:remind me|set (?:a |an )?(?:reminder|alarm)|wake me(?: up)?) (?:at|for) ){_SAID_AGAIN_WORD}"
                              rf"(?P<mid>(?: [a-z']+){{1,8}}?) (?:no sorry|no wait|sorry no|sorry|no i mean|i mean|no make that|make that|"
                              rf"or rather|actually|no) (?:at |make it )?(?P<b>{_SAID_AGAIN_WORD})$")
# "six tomorrow, no wait, half six": the time said again, the day kept.
_SAID_AGAIN_AFTER_DAY = re.compile(
    rf"\b(?:half past |quarter past |quarter to |half )?{HOURS}(?: (?:am|pm|o'clock|thirty|fifteen|forty five))? "
    rf"(?P<day>tomorrow|today|tonight|{DAYS}|every weekday|every day|on weekdays) (?:no wait|no sorry|sorry no|no make that|make that|no) "
    rf"(?P<b>{_PAST_OR_TO}{HOURS}(?: (?:am|pm|o'clock|thirty|fifteen|forty five))?)\b")
_NO_THEN_ASK = re.compile(r"^(?:(?:no|nope|nah) )*(?:no|nope|nah)(?: sorry| wait| hang on| hold on)? (?=(?:move|change|cancel|delete|remove|push|bring|shift|put|set|add|"
                          r"take|make)\b|the (?:first|second|third|fourth|fifth|other|next|previous) one\b)")


def in_forty_no_fifty(t: str) -> str:
    """ "in forty, no, fifty minutes"."""
    t = re.sub(r"\bin (?P<a>[a-z]+(?: [a-z]+)?) (?:no|no sorry|sorry|no wait|i mean|or rather) (?P<b>[a-z]+(?: [a-z]+)?) "
               r"(?P<u>minutes|hours|mins|seconds)\b", r"in \g<b> \g<u>", t)  # "in forty, no, fifty minutes"
    return t


def no_not_four_make_it(t: str) -> str:
    """ "no, not four, make it half past three"; Spanish "mejor": "no, better at five"; "let it be at five"; "no, is Sunday"."""
    t = re.sub(rf"^(?:(?:ay|ah|oh|eh|ai) )?(?P<no>no|nah|sorry|no sorry),? (?:ve |mira |oye |pues )?better (?:make it |put it )?(?:at )?"
               rf"(?=(?:at|on|for) [a-z]|(?:tomorrow|today|tonight|{DAYS})\b|(?:half past |quarter past |quarter to |half )?{HOURS}\b)",
               r"\g<no> make it ", t)  # "ay no, better at nine", Honduran "no maje, better five thirty in the morning"
    t = re.sub(rf"^(?P<x>(?:no|nah|sorry|no sorry) make it (?:on )?(?:tomorrow|today|tonight|{DAYS})) (?:move it|put it there|do it|change it)$", r"\g<x>",
               t)  # "no, better Friday, move it"
    t = re.sub(rf"^(?:(?:ay|ah|oh|eh|ai) )?(?P<no>no|nah|sorry|no sorry),? not (?:today|tomorrow|tonight|(?:on )?{DAYS}),? (?:on |for )?"
               rf"(?P<d>today|tomorrow|tonight|(?:this |next )?{DAYS})$", r"\g<no> make it \g<d>", t)  # "ah no, not tomorrow, on Saturday"
    t = re.sub(rf"^(?P<no>no|nah|sorry|no sorry),? (?:a bit |a little )?(?:earlier|later),? (?:at )?(?=(?:half|quarter|{HOURS})\b)",
               r"\g<no> make it ", t)  # "no, earlier, half past six in the morning"
    t = re.sub(rf"^(?P<no>no|nah|sorry|no sorry),? (?:it )?is (?:on |for )?(?=(?:tomorrow|today|tonight|(?:this |next )?{DAYS})\b(?!.* not\b))",
               r"\g<no> make it ", t)  # Cape Verdean "no, is Sunday at eight in the morning": the day said right
    t = re.sub(rf"^(?P<no>(?:(?:no|nah|okay|ok|sorry) )*)let it be (?=(?:at|on|for) [a-z]|(?:tomorrow|today|tonight|{DAYS}|{HOURS}|half|quarter)\b)",
               r"\g<no>make it ", t)  # Ugandan "let it be at five"
    t = re.sub(r"^(?P<no>no|nah|sorry|no sorry),? not (?:at )?[a-z0-9]+(?: [a-z0-9]+)?,? (?=(?:make|change|move|put) (?:it|that)\b)", r"\g<no> ",
               t)  # "no, not four, make it half past three"
    return t


def wrong_list_and_not_three(t: str) -> str:
    """ "on the jobs list, no, not jobs, the shopping", "is at four in the afternoon, not three"."""
    t = re.sub(r"^(?P<x>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our)) (?P<a>[a-z]+(?: [a-z]+)?)(?: list)?,? no(?: sorry)?,? (?:not (?:the )?(?P=a),? )?"
               r"(?:the |my )(?P<b>[a-z]+)(?: list| one)?$|^(?P<x2>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our)) (?P<a2>[a-z]+)(?: list)?,? no(?: sorry)?,? "
               r"not (?P=a2),? (?:the |my )?(?P<b2>[a-z]+)(?: list| one)?$", lambda m: f"{m.group('x') or m.group('x2')} {m.group('b') or m.group('b2')} list", t)
    # "on the jobs list, no, not jobs, the shopping", "on the to do list, no, the shopping list"
    t = re.sub(r"^(?:no )?(?:wait )?(?:it )?is at (?P<t>[a-z0-9' ]+?) not [a-z0-9' ]+$", r"no make it \g<t>", t)  # Spanish English "no wait, is at four in the afternoon, not three"
    return t


def i_meant_and_twenty_to(t: str) -> str:
    """ "I meant thirty five for the cornbread", "quarter to five, no sorry, twenty to"."""
    t = re.sub(r"^(?:no )?i meant (?P<d>[a-z]+(?: [a-z]+)?) for the (?P<n>[a-z]+(?: [a-z]+)?)$", r"change the \g<n> timer to \g<d> minutes", t)
    # "naw I meant thirty five for the cornbread"
    t = re.sub(rf"\b(?:half|quarter|five|ten|twenty|twenty five) (?P<r>past|to) (?P<h>{HOURS}) (?:no sorry|no wait|sorry no|sorry|no) "
               r"(?P<b>(?:quarter|five|ten|twenty|twenty five)) (?P=r)$", r"\g<b> \g<r> \g<h>", t)  # "quarter to five, no sorry, twenty to"
    return t


def minutes_said_again(t: str) -> str:
    """ "twenty minutes for the yorkshires no hang on make that twenty five"."""
    t = re.sub(r"\b(?P<a>(?!and\b|for\b|a\b|an\b)[a-z]+(?: [a-z]+)?) (?P<u>minutes|hours) (?P<mid>for (?:the |my )?[a-z]+ )?(?:no hang on|no wait|no sorry|sorry|no) "
               rf"(?:make (?:that|it) )?(?P<b>(?:{NUMBER_WORDS_RE})(?: (?:{NUMBER_WORDS_RE}))?)$", r"\g<b> \g<u> \g<mid>", t).strip()
    # "twenty minutes for the yorkshires no hang on make that twenty five", "forty five minutes for the roux no wait thirty five"
    return t


def thing_said_again(t: str) -> str:
    """ "split peas no sorry not split peas chick peas"."""
    t = re.sub(r"\b(?P<a>[a-z]+(?: [a-z]+)?) (?:no sorry|no wait|sorry|no) not (?P=a) ", "", t)  # "split peas no sorry not split peas chick peas"
    return t


def timer_minutes_said_again(t: str) -> str:
    """ "set a timer for the bread twenty five minutes no sorry thirty five"."""
    t = re.sub(r"\b(?P<a>[a-z]+(?: [a-z]+)?) (?P<u>minutes|hours) (?:no sorry|no wait|sorry|no) (?P<b>[a-z]+(?: [a-z]+)?)$", r"\g<b> \g<u>", t) \
        if re.match(r"^(?:erm |um )?(?:set|start|put) ", t) else t  # "set a timer for the bread twenty five minutes no sorry thirty five"
    return t


def timer_thing_said_again(t: str) -> str:
    """ "a timer for the fish no the bakes twelve minutes"."""
    t = re.sub(r"\bfor the (?P<a>[a-z]+) no (?:the )?(?P<b>[a-z]+) (?=[a-z]+ (?:minutes|hours)$)", r"for the \g<b> ", t)  # "a timer for the fish no the bakes twelve minutes"
    return t


def added_thing_said_again(t: str) -> str:
    """ "add pecans to the list no wait not pecans add peaches"."""
    t = re.sub(r"^(?P<v>add|put) (?P<a>[a-z]+(?: [a-z]+)?)(?P<to> (?:to|on) (?:the|my) (?:[a-z]+ )?list)? (?:no wait|no sorry|sorry|no) not (?P=a),? (?:add |put )?(?P<b>[a-z ]+)$",
               lambda m: f"{m.group('v')} {m.group('b')}{m.group('to') or ''}", t)  # "add pecans to the list no wait not pecans add peaches"
    return t


def should_be_not(t: str) -> str:
    """ "the rice one should be ten lah not eight", "the scones wanted thirty, not twenty five"."""
    t = re.sub(r"^(?:(?:aiyo|aiya|alamak|eh|oh|ah|no|sorry) )*(?:the )?(?P<x>[a-z]+(?: [a-z]+)?) one should be (?P<d>[a-z]+(?: (?!lah\b)[a-z]+)?)(?: lah)? not [a-z]+(?: [a-z]+)?$",
               r"make the \g<x> timer \g<d> minutes", t)  # Malaysian "the rice one should be ten lah not eight"
    t = re.sub(r"^(?:(?:oh|no|sorry|ah|wait) )*the (?P<x>[a-z]+(?: [a-z]+)?) (?:wanted|should have had)"
               r" (?P<d>(?!minutes\b)[a-z]+(?: (?!minutes\b)[a-z]+)?) not [a-z]+(?: [a-z]+)?(?: (?:change|fix|make) it| sorry)?$",
               r"make the \g<x> timer \g<d> minutes", t)  # "oh no, the scones wanted thirty, not twenty five, change it"
    return t


_A_PLACE_WORD = rf"(?!(?:{NUMBER_WORDS_RE}|{DAYS}|today|tomorrow|tonight|the|a|an|it|that|this|one)\b)[a-z]{{3,}}"
"""One word that can be a place or a name, not a number, a day or a pronoun: "not Dubai, Doha"."""


def not_this_but_that(t: str) -> str:
    """ "sorry, not Dubai, in Doha": the fact just told, said right (a number or a day is left to the time corrections);
    Spanish "no sorry, is not Friday, is Monday", the subject not said."""
    t = re.sub(r"^(?:(?:no|sorry|perdon) )*(?:it )?is not (?P<x>[a-z]+(?: [a-z]+)?) (?:it )?is (?P<y>[a-z]+(?: [a-z]+){0,2})$", r"no \g<y> not \g<x>", t)
    t = re.sub(r"^(?:(?:no|sorry|wait|oh) )*(?:his|her|its|their) name is (?P<y>[a-z]+(?: [a-z]+)?),? not (?P<x>[a-z]+(?: [a-z]+)?)$",
               r"no it is \g<y> not \g<x>", t)  # Moroccan "no sorry, her name is Mishmish, not Mimi"
    t = re.sub(r"^(?:(?:no|hang on|wait|sorry) )*it is not (?P<x>[a-z]+(?: [a-z]+)?) it is (?P<y>[a-z]+(?: [a-z]+)?) (?P<s>he|she|they)(?:'s|'re| is| are) "
               r"(?P<v>allergic|intolerant) to$", r"no \g<s> is \g<v> to \g<y> not \g<x>", t)  # "no hang on, it's not shellfish, it's peanuts he's allergic to"
    t = re.sub(r"^(?:(?:no|sorry|oh) )*not (?:at )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?: o'clock)? (?:it is|it's|make it) "
               r"(?=(?:half past |quarter past |quarter to |half )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)", "no make it ", t)
    # "sorry, not one, it is half past twelve": the time said right
    t = re.sub(r"^(?:no )?(?:wait |sorry )?(?:a|na) (?=the (?:[a-z]+th|first|second|third|[a-z]+ first|[a-z]+ second|[a-z]+ third) of\b)", "no it is ", t)
    # Jamaican "no wait, a the nineteenth of June", Nigerian "no sorry, na the fourteenth of August": it's
    said = re.match(rf"^(?:(?:ay|ah|oh|aye|sorry|no|wait) )*not (?P<x>{_A_PLACE_WORD}) (?:in |at |but |it is )?(?P<y>{_A_PLACE_WORD}(?: {_A_PLACE_WORD})?)$", t)
    if said is None or said.group("x") in said.group("y").split():
        return t  # "no, not rice, basmati rice" after a list: a thing swapped, not a fact said right
    return f"no it is {said.group('y')} not {said.group('x')}"


def no_then_request(t: str) -> str:
    """ "no, move the bins one to nine": a correction said as a request; "too long, make it six minutes"."""
    t = re.sub(r"^(?P<no>no |oh no |ah no )?(?:(?:that is|it is|is) )?(?:a bit |way |much )?too (?:long|short|much|little|late|early|soon),? (?=(?:make|change|put) it\b)",
               lambda m: m.group("no") or "", t)  # Mandarin "aiya, too long, make it six minutes": why, then what
    return _NO_THEN_ASK.sub("", t)


def said_again(t: str) -> str:
    """A time or day said again at once: "at four, no sorry, five" is at five."""
    t = _SAID_AGAIN_AFTER_DAY.sub(r"\g<b> \g<day>", t)
    t = _SAID_AGAIN.sub(r"\g<b>", t)
    t = _SAID_AGAIN_LAST.sub(r"\g<head>\g<b>\g<mid>", t)
    t = re.sub(rf"\b(?P<p>morning|afternoon|evening|night|tonight|tomorrow|today|{DAYS}) (?P<t>{HOURS}(?: thirty| fifteen| forty five| o'clock)?) "
               rf"(?=to (?!(?:{HOURS}|half|quarter|noon|midnight)\b)[a-z]|for |about )", r"\g<p> at \g<t> ", t)
    # "tomorrow evening six o'clock, no, make that seven to pick up the tyre"
    return t
