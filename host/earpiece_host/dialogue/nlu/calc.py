"""Rules for the calculator: "what's 12 times 7", "and divided by 4" (on the last result)."""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE, NUMBER_WORDS_RE, SAID_HUNDREDS_RE, SCALE_RE, parse_number, said_hundreds
from ..units import UNIT_RE, conversion, unit
from .common import Ctx, Result

_OPERATORS = (
    (r"plus|added to|add|and", "+"), (r"minus|take away|less|subtract", "-"),
    (r"times|multiplied by|multiply by|multiplied with|x|into|by|per(?! ?cent)", "*"), (r"divided by|over|divide by|divided with|between", "/"),
    # "by": "what's twelve by twenty two"; Spanish "por" and "entre": "one hundred twenty kilos per eighteen soles", "two thousand between three"
    (r"to the power of|to the power|raised to", "**"), (r"percent of|per cent of|% of|percent from|per cent from|% from", "/ 100 *"),
    (r"mod|modulo", "%"),
)
_VERB_FIRST = {"divide": "divided by", "multiply": "times"}
"""A sum said verb first ("divide three sixty by eight", "multiply that by two"): the operator each verb stands for."""
CURRENCIES = (r"(?:quid|pounds?|dollars?|euros?|bucks|rand|cedis?|shillings?|ringgit|rupees?|naira|reais|pesos?|yen|dong|birr|lira|taka|"
              r"kwacha|dinars?|dirhams?|riels?|baht|soles|kyats?|lari|tugriks?|rupiah)")
"""The money people count in, said after a number: one list for prices, sums and splits."""
_TOKEN = re.compile(
    r"\s*(?:(?P<sqrt>(?:the )?square root of)|(?P<sq>squared)|(?P<cube>cubed)"
    r"|(?P<big>(?:" + NUMBER_WORDS_RE + r") (?:hundred|" + SCALE_RE + r")(?: (?:" + NUMBER_WORDS_RE + r") (?:hundred|" + SCALE_RE + r"))*"
    r"(?: (?:and )?(?:" + NUMBER_WORDS_RE + r"))?)\b"  # "twelve thousand four hundred", "one lakh twenty thousand"
    r"|(?P<hundreds>" + SAID_HUNDREDS_RE + r")\b|(?P<money>" + NUMBER_RE + r") (?:pounds?|quid|dollars?|euros?) (?P<pence>" + NUMBER_WORDS_RE + r")\b"
    r"|(?P<num>" + NUMBER_RE + r")(?P<half> and a half)?(?P<pct> ?(?:%|percent|per cent)(?! of| from))?"
    r"(?: (?:" + CURRENCIES + r"|pence|cents?|grand|kilos?|kilograms?|grams?|kg|litres?|liters?|millilitres?|ml|"
    r"metres?|meters?|miles?|kilometres?|km|portions?|servings?|covers?|cups?|ounces?|oz|pieces?|trays?|boxes?|bottles?)\b)?"
    r"|(?P<op>" + "|".join(p for p, _ in _OPERATORS) + r")\b)")


def to_expression(words: str) -> str | None:
    """Arithmetic spoken in words as an expression ("twelve times 7" -> "12 * 7"), or None."""
    out: list[str] = []
    pos, ops = 0, 0
    sqrt_pending = False
    words = re.sub(rf"(?<=[a-z0-9]) {CURRENCIES}(?= (?:times|plus|minus|divided|multiplied|x|over|take away|less)\b|$)", "", words.strip())  # "four thousand five hundred naira times twelve"
    while pos < len(words):
        m = _TOKEN.match(words, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        if m.group("sqrt"):
            sqrt_pending, ops = True, ops + 1
        elif m.group("sq") or m.group("cube"):
            if not out or out[-1] in _OP_SYMBOLS:
                return None
            out += ["**", "2" if m.group("sq") else "3"]
            ops += 1
        elif m.group("num") or m.group("hundreds") or m.group("money") or m.group("big"):
            if out and out[-1] not in _OP_SYMBOLS:
                cents = parse_number(m.group("num")) if m.group("num") and not (m.group("half") or m.group("pct")) else None
                if cents is not None and 10 <= cents < 100 and cents == int(cents) and re.fullmatch(r"\d{1,2}", out[-1]):
                    out[-1] = str(int(out[-1]) + cents / 100)  # a price said as "six eighty": 6.80
                    continue
                return None
            value = parse_number(m.group("num") or m.group("big")) if m.group("num") or m.group("big") else said_hundreds(m.group("hundreds")) if m.group("hundreds") else \
                _money(m.group("money"), m.group("pence"))
            if value is None:
                return None
            if m.group("half"):  # "one and a half"
                value += 0.5
            text = str(int(value)) if value == int(value) else str(value)
            if m.group("pct"):
                text = f"{text} / 100"
            out.append(f"sqrt({text})" if sqrt_pending else text)
            sqrt_pending = False
        else:
            op = next(sym for pat, sym in _OPERATORS if re.fullmatch(pat, m.group("op")))
            if not out or out[-1] in _OP_SYMBOLS:
                return None
            out.append(op)
            ops += 1
    if not out or out[-1] in _OP_SYMBOLS or sqrt_pending or ops == 0:
        return None
    return " ".join(out)


_OP_SYMBOLS = {"+", "-", "*", "/", "**", "/ 100 *", "%"}
_ASK = re.compile(r"^(?:what is|what are|how much is|how much are|calculate|work out|compute|what does|what do|"
                  r"can you (?:work out|calculate)|tell me|solve)(?: the answer to)? (?P<e>.+?)(?: equal| equals| make| come to|"
                  r" give you| give me)?$|^(?P<e2>.+?) (?:equals|is) what$")


_MONEY = rf"(?: {CURRENCIES})?"


def rule_convert(c: Ctx) -> Result:
    """Unit conversions ("5 miles in kilometres", "how many grams in a pound", "72 fahrenheit in celsius")
    and percentages said as money ("a 15 percent tip on 42 dollars", "42 plus 15 percent")."""
    t = c.t
    m = re.match(rf"^(?:convert |what is |what are |how much is |how many |how far is |how heavy is )?(?P<n>{NUMBER_RE}) ?(?:degrees )?"
                 rf"(?P<u>{UNIT_RE}) (?:in|to|into|as|in to) (?:degrees )?(?P<v>{UNIT_RE})$", t) \
        or re.match(rf"^how many (?P<v>{UNIT_RE}) (?:are there |is |are )?(?:in|to|make) (?:a |an |one |(?P<n>{NUMBER_RE}) )?"
                    rf"(?:degrees )?(?P<u>{UNIT_RE})$", t) \
        or re.match(rf"^how many (?P<v>{UNIT_RE}) (?:is|are|makes?|would be) (?:a |an |one |(?P<n>{NUMBER_RE}) )?(?P<u>{UNIT_RE})$", t)
    if m:
        amount = parse_number(m.group("n")) if m.group("n") else 1.0
        src, dst = unit(m.group("u")), unit(m.group("v"))
        expression = conversion(float(amount), src, dst) if amount is not None and src and dst else None
        if expression:
            return "calc", {"expression": expression, "amount": float(amount), "from_unit": src, "to_unit": dst}
    m = re.match(rf"^(?:what is |how much is )?(?:an? )?(?P<p>{NUMBER_RE}) ?(?:%|percent|per cent) (?:tip|discount|off|tax|vat|service)"
                 rf"(?: on| of| for)? (?P<n>{NUMBER_RE}){_MONEY}$", t)
    if m:
        return "calc", {"expression": f"{_num(m.group('p'))} / 100 * {_num(m.group('n'))}"}
    m = re.match(rf"^(?:what is |how much is )?(?P<n>{NUMBER_RE}){_MONEY} (?P<op>plus|minus|with|less|and|add|take off|off) "
                 rf"(?P<p>{NUMBER_RE}) ?(?:%|percent|per cent)(?: (?:tip|discount|off|tax|vat|service))?$", t)
    if m:
        sign = "-" if m.group("op") in ("minus", "less", "take off", "off") else "+"
        return "calc", {"expression": f"{_num(m.group('n'))} * (1 {sign} {_num(m.group('p'))} / 100)"}
    return None


def _money(pounds: str, pence: str) -> float | None:
    """ "three pound eighty": 3.80."""
    whole, part = parse_number(pounds), parse_number(pence)
    return None if whole is None or part is None or part >= 100 else whole + part / 100


def _num(words: str) -> str:
    value = parse_number(words)
    return "0" if value is None else (str(int(value)) if value == int(value) else str(value))


_SPLIT = re.compile(rf"^(?:what is |how much is )?(?P<n3>{NUMBER_RE})(?: (?!(?:hundred|thousand|million|and)\b)[a-z]+)? (?:split|shared) (?:between |among )?(?P<k3>{NUMBER_RE})"
                    rf"(?: ways| people| of us)?(?: each)?$|"
                    rf"^(?:if (?:we|you|i|they) (?P<v>split|divide|share) |(?:the |our )?[a-z ]+ (?:was|is|came to|cost) )(?P<n>{NUMBER_RE}){_MONEY}"
                    rf"(?: pound)? (?(v)|(?:split|divided|shared) )(?:(?:between|by|among|amongst) )?(?P<k>{NUMBER_RE})(?: ways| people| of us)?"
                    rf"(?: (?:what is|how much is) that(?: each| a head| per person)?| each)?$"
                    rf"|^(?:split|divide|share) (?P<n2>{NUMBER_RE}){_MONEY}(?: pound)? (?:(?:between|by|among|amongst) )?(?P<k2>{NUMBER_RE})"
                    rf"(?: ways| people| of us)?(?: (?:what is|how much is) that(?: each| a head| per person)?| each)?$")


_LEFT = re.compile(rf"^(?:if |so )?(?:i|we|you) (?:have |has |had )?(?:done|used|had|eaten|spent|read|driven|walked|finished|sold|marked|"
                   rf"delivered|seen|packed) (?P<a>{NUMBER_RE})(?: [a-z]+)? (?:out of|of|from) (?:the )?(?P<b>{NUMBER_RE})(?: [a-z]+)?,? "
                   rf"how many (?:are|is|have i got|do i have|have we got|do we have) (?:left|remaining|to go)$")


_PRICED = re.compile(rf"^(?:(?:so |and )?(?:what is|how much is|how much for|how much are) |(?:i|we|mi|me) (?:have|has|got|sold|bought|ordered|need) |"
                     rf"if (?:i|we) (?:sell|sold|buy|bought|order|ordered|need) )?(?P<n>{NUMBER_RE}) (?:[a-z]+ ){{0,3}}?(?:at|for) "
                     rf"(?P<p>(?:{NUMBER_WORDS_RE}) thousand(?: (?:and )?(?:{NUMBER_WORDS_RE}) hundred)?(?: (?:and )?(?:{NUMBER_WORDS_RE}))?|"
                     rf"(?:{NUMBER_WORDS_RE}) (?:pounds?|quid|dollars?|euros?) (?:{NUMBER_WORDS_RE})|{NUMBER_RE}|"  # "at three pound sixty a box"
                     rf"{NUMBER_WORDS_RE} {NUMBER_WORDS_RE})(?:(?: {CURRENCIES}| (?P<cents>cents?|pence|centavos|centimes|paise))(?P<half> and a half)?"
                     rf"(?: (?:a|an|per|each|the)(?: [a-z]+)?)?|(?: (?!(?:{NUMBER_WORDS_RE}|and)\b)[a-z]+)? (?:a|an|per|each)(?: [a-z]+)?)"
                     rf"(?:,? (?:so )?(?:how much|what)(?: (?:is|does|do|dat|that|will|would))?(?: that| it| dat| this| they| all| be)*"
                     rf"(?: come to| make| cost| be)?(?: altogether| in total| total| in all)?)?$")


_EACH = re.compile(rf"^(?:if |so )?(?:i|we|you) (?:have|have got|got|need|has) (?P<n>{NUMBER_RE}) [a-z]+(?: [a-z]+)? and (?:each|every) (?:one|of them|[a-z]+) "
                   rf"(?:needs|gets|has|takes|wants|costs|uses) (?P<k>{NUMBER_RE})(?: [a-z]+){{0,3}},? how many(?: [a-z]+)*$")
"""A product told as a story: "if I've got thirty six learners and each one needs three exercise books, how many books is that"."""


def _price(words: str) -> float | None:
    """A price said the way people say it: "thirty five" is 35, "eighteen fifty" is 18.50, "one sixty nine" is 1.69."""
    cents = re.fullmatch(r"(?P<w>one|two|three|four|five|six|seven|eight|nine) (?P<c>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                         r"(?: (?:one|two|three|four|five|six|seven|eight|nine))?)", words)
    if cents:  # "forty litres at one sixty nine a litre": 1.69 a litre
        return _money(cents.group("w"), cents.group("c"))
    if re.fullmatch(NUMBER_RE, words) or " thousand" in words:
        return parse_number(words)
    words = re.sub(r" (?:pounds?|quid|dollars?|euros?) ", " ", words)  # "three pound sixty": 3.60
    whole, _, part = words.rpartition(" ")
    return _money(whole, part)


# A number and what it counts, before "times" (or "per" a number) or last after it: "one hundred twenty bowl times forty five thousand",
# "forty eight pages times three copies".
_COUNTED = re.compile(rf"\b(?P<n>{NUMBER_RE}) (?P<what>[a-z]+) (?=(?:times|multiplied by) |per (?:{NUMBER_RE})\b)|(?<=times )(?P<n2>{NUMBER_RE}) (?P<what2>[a-z]+)$")


def _without_what_it_counts(m: re.Match) -> str:
    what = m.group("what") or m.group("what2")
    if parse_number(what) is not None or what in ("and", "point", "hundred", "thousand", "million", "percent"):
        return m.group(0)
    return f"{m.group('n')} " if m.group("n") else m.group("n2")


_AND_CENTS = re.compile(rf"\b(?P<d>{NUMBER_RE}) {CURRENCIES} and (?P<c>{NUMBER_RE}) (?:cents?|pence|p)\b")
"""A price in two units: "twenty two dollars and fifty cents" is 22.50, never 22 + 50."""


def _one_price(m: re.Match) -> str:
    whole, part = parse_number(m.group("d")), parse_number(m.group("c"))
    return m.group(0) if whole is None or part is None or part >= 100 else f"{whole + part / 100:g}"


_BIG_HUNDREDS = re.compile(r"\b(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|"
                           r"seventy|eighty|ninety)(?: (?:one|two|three|four|five|six|seven|eight|nine))?) hundred\b")
"""Hundreds said past nine, as counts are: "eighteen hundred litres" (1800); elsewhere "eighteen hundred" is a time."""


def rule_calc(c: Ctx) -> Result:
    big = _BIG_HUNDREDS.sub(lambda m: _num(m.group(0)), c.t)
    big = re.sub(rf"\b((?:{NUMBER_WORDS_RE}|\d+)) for (?:the|my|our) [a-z ]+$", r"\1", big)  # "... divided by three, for the power bill"
    c = Ctx(raw=c.raw, t=big, state=c.state, now=c.now) if big != c.t else c
    verb_first = re.sub(r"^(?:(?:what is|how much is|please) )?(?P<v>divide|multiply) (?P<a>.+?) by (?P<b>.+)$",
                        lambda m: f"{m.group('a')} {_VERB_FIRST[m.group('v')]} {m.group('b')}", c.t)  # "divide three sixty by eight"
    c = Ctx(raw=c.raw, t=verb_first, state=c.state, now=c.now) if verb_first != c.t else c
    counted = _AND_CENTS.sub(_one_price, _COUNTED.sub(_without_what_it_counts, c.t))
    c = Ctx(raw=c.raw, t=counted, state=c.state, now=c.now) if counted != c.t else c
    converted = rule_convert(c)
    if converted is not None:
        return converted
    each = _EACH.match(c.t)
    if each:
        return "calc", {"expression": f"{_num(each.group('n'))} * {_num(each.group('k'))}"}
    priced = _PRICED.match(c.t)
    if priced and _price(priced.group("p")) is not None:  # "what's forty two kilos of snapper at eighteen fifty a kilo"
        price = _price(priced.group("p")) + (0.5 if priced.group("half") else 0)  # "at eleven dinars and a half"
        price = round(price / 100, 4) if priced.group("cents") else price  # "at sixty eight cents a litre"
        return "calc", {"expression": f"{_num(priced.group('n'))} * {int(price) if price == int(price) else price}"}
    left = _LEFT.match(c.t)
    if left:  # "if I've done thirty eight stops out of a hundred and twelve, how many are left"
        return "calc", {"expression": f"{_num(left.group('b'))} - {_num(left.group('a'))}"}
    split = _SPLIT.match(c.t)
    if split:  # "if we split a hundred and twenty pound four ways, what's that each"
        n, k = split.group("n") or split.group("n2") or split.group("n3"), split.group("k") or split.group("k2") or split.group("k3")
        return "calc", {"expression": f"{_num(n)} / {_num(k)}"}
    bare = re.match(r"^(?:and |so )?what (?!is\b|are\b|about\b)(?P<e>.+)$", c.t)  # "and what about 2400 divided by 15", "about" dropped as a hedge
    if bare and to_expression(bare.group("e")):
        return "calc", {"expression": to_expression(bare.group("e"))}
    asked_after = re.match(r"^(?P<e>.+?) (?:how much|how many|is how much|equals how much|what is it|what does it come to)(?: ah| lah| is that| is it| then)?$", c.t)
    if asked_after and to_expression(asked_after.group("e")):  # "two hundred forty divide by six, how much"
        return "calc", {"expression": to_expression(asked_after.group("e"))}
    m = _ASK.match(c.t)
    if m is None and re.match(rf"^(?:the )?(?:square root|{NUMBER_RE}) ", c.t):
        m = re.match(r"^(?P<e>.+)$(?P<e2>)", c.t)  # a bare sum: "square root of 100", "two plus two"
    if m:
        expression = to_expression(m.group("e") or m.group("e2"))
        if expression:
            return "calc", {"expression": expression}
    return None


_ON_TOP = re.compile(rf"^(?:and |then |now |so )*(?P<v>add|put|stick|chuck|throw|take|knock)(?: on| off| away)? (?P<n>{NUMBER_RE})(?: {CURRENCIES}| more| extra)?"
                     r"(?: (?:to|on|onto|on to|off|from) (?:that|it|the total|the lot)| on top| off(?: it| that)?| more| extra)?(?: (?:for|of) [a-z' ]+)?$")
"""A sum taken further in everyday words: "and put thirty five on top for the cocoa sticks", "take ten off that"."""


_SHARE_OF = re.compile(r"(?P<p>[\d.]+) / 100 \* (?P<x>[\d.]+)")
"""A percentage of a number, as `rule_calc` writes it: "15 / 100 * 2400"."""
_SAID_AGAIN = r"^(?:(?:and|then|now|so|ok|okay|what|how|about|if it is|if it was|make it|make that) )*"
_ANOTHER_SHARE = re.compile(_SAID_AGAIN + r"(?P<q>[a-z0-9. ]+?) ?(?:%|percent|per cent)(?: then| instead)?$")
_ANOTHER_WHOLE = re.compile(_SAID_AGAIN + r"(?:of|on|for) (?P<y>[a-z0-9. ]+?)(?: then| instead)?$")


def rule_calc_more(c: Ctx) -> Result:
    """Right after a sum: "plus thirty five", "then minus the petrol, eighty five", "add twenty one to that":
    the last sum taken further (not "twenty one" on the shopping list)."""
    last_slots = dict(c.state.last_slots)
    last = last_slots.get("expression")
    if c.state.last_intent != "calc" or not last:
        return None
    again = re.fullmatch(rf"(?:(?:and|what about|how about|what|how|then) )*(?P<n>{NUMBER_RE})(?: (?P<u>[a-z]+(?: [a-z]+)?))?(?: then| please)?", c.t) \
        if last_slots.get("from_unit") else None
    if again and parse_number(again.group("n")) is not None and (again.group("u") is None or unit(again.group("u")) == last_slots["from_unit"]):
        amount = parse_number(again.group("n"))  # "how many kilograms is fifteen pounds" ... "and twenty pounds": the same conversion
        expression = conversion(amount, last_slots["from_unit"], last_slots["to_unit"])
        return ("calc", {"expression": expression, "amount": amount, "from_unit": last_slots["from_unit"],
                         "to_unit": last_slots["to_unit"]}) if expression else None
    share = _SHARE_OF.fullmatch(last)
    other = _ANOTHER_SHARE.match(c.t) if share else None
    if other and parse_number(other.group("q")) is not None:  # "fifteen percent of 2400" ... "and what about twenty percent"
        return "calc", {"expression": f"{_num(other.group('q'))} / 100 * {share.group('x')}"}
    other = _ANOTHER_WHOLE.match(c.t) if share else None
    if other and parse_number(other.group("y")) is not None:  # ... "and of three thousand"
        return "calc", {"expression": f"{share.group('p')} / 100 * {_num(other.group('y'))}"}
    t = _ON_TOP.sub(lambda m: f"{'minus' if m.group('v') in ('take', 'knock') else 'plus'} {m.group('n')}", c.t)
    t = re.sub(r"^((?:and |then |now )*)(divide|multiply) (?:that|it|the (?:total|answer|result|lot)) by ",
               lambda m: f"{m.group(1)}{_VERB_FIRST[m.group(2)]} ", t)  # "divide that by three"
    m = re.match(r"^(?:and |then |now )*(?P<e>(?:" + "|".join(p for p, _ in _OPERATORS if p != r"plus|added to|add|and")
                 + r"|plus|add|squared|cubed)\b.*)$", t)
    if m is None:
        return None
    # "then minus the petrol, eighty five": the number, without what it is for
    said = re.sub(r"^((?:[a-z]+ )?(?:" + "|".join(p for p, _ in _OPERATORS) + rf")) (?:the |my |for |for the )?(?!(?:{NUMBER_RE}|and)\b)[a-z]+ "
                  rf"(?=(?:{NUMBER_RE})\b)", r"\1 ", m.group("e"))
    tail = to_expression("1 " + said)
    return ("calc", {"expression": f"({last}) {tail[2:]}"}) if tail else None
