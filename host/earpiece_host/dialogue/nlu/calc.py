"""Rules for the calculator: "what's 12 times 7", "and divided by 4" (on the last result)."""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE, parse_number
from .common import Ctx, Result

_OPERATORS = (
    (r"plus|added to|add|and", "+"), (r"minus|take away|less|subtract", "-"),
    (r"times|multiplied by|x|into", "*"), (r"divided by|over|divide by", "/"),
    (r"to the power of|to the power|raised to", "**"), (r"percent of|per cent of|% of", "/ 100 *"),
    (r"mod|modulo", "%"),
)
_TOKEN = re.compile(
    r"\s*(?:(?P<sqrt>(?:the )?square root of)|(?P<sq>squared)|(?P<cube>cubed)|(?P<num>" + NUMBER_RE + r")(?P<pct> ?(?:%|percent|per cent)(?! of))?"
    r"(?: (?:quid|pounds?|dollars?|euros?|bucks|pence|cents?|grand)\b)?"
    r"|(?P<op>" + "|".join(p for p, _ in _OPERATORS) + r")\b)")


def to_expression(words: str) -> str | None:
    """Arithmetic spoken in words as an expression ("twelve times 7" -> "12 * 7"), or None."""
    out: list[str] = []
    pos, ops = 0, 0
    sqrt_pending = False
    words = words.strip()
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
        elif m.group("num"):
            if out and out[-1] not in _OP_SYMBOLS:
                return None
            value = parse_number(m.group("num"))
            if value is None:
                return None
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


def rule_calc(c: Ctx) -> Result:
    m = _ASK.match(c.t)
    if m is None and re.match(rf"^(?:the )?(?:square root|{NUMBER_RE}) ", c.t):
        m = re.match(r"^(?P<e>.+)$(?P<e2>)", c.t)  # a bare sum: "square root of 100", "two plus two"
    if m:
        expression = to_expression(m.group("e") or m.group("e2"))
        if expression:
            return "calc", {"expression": expression}
    if c.state.last_intent == "calc":
        m = re.match(r"^(?:and |then |now )*(?P<e>(?:" + "|".join(p for p, _ in _OPERATORS if p != r"plus|added to|add|and")
                     + r"|plus|add|squared|cubed)\b.*)$", c.t)
        last = dict(c.state.last_slots).get("expression")
        if m and last:
            tail = to_expression("1 " + m.group("e"))
            if tail:
                return "calc", {"expression": f"({last}) {tail[2:]}"}
    return None
