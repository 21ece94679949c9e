"""The calculator: arithmetic read from an expression tree, never `eval`, with bounded sizes."""

from __future__ import annotations

import ast
import math
import operator
import re

from ..phrasing import first_upper
from ..units import say_unit
from ..types import SkillReply
from .base import Turn

_MAX_EXPRESSION_CHARS = 200
_MAX_EXPONENT = 1000
_MAX_MAGNITUDE = 1e100

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Mod: operator.mod, ast.Pow: operator.pow, ast.FloorDiv: operator.floordiv}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}
_FUNCTIONS = {"sqrt": math.sqrt}


class CalcError(ValueError):
    """An expression the calculator will not work out; the message says why in words for the user."""


def evaluate(expression: str) -> float:
    """The value of an arithmetic expression: numbers, + - * / // % **, parentheses and sqrt()."""
    if len(expression) > _MAX_EXPRESSION_CHARS:
        raise CalcError("That sum is too long for me.")
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise CalcError("I couldn't make sense of that sum.") from exc
    return _value(tree.body)


def _value(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Pow) and (abs(right) > _MAX_EXPONENT or (abs(left) > 1 and abs(right) * math.log10(abs(left)) > 100)):
            raise CalcError("That number is too big to say.")
        try:
            result = _BINARY[type(node.op)](left, right)
        except ZeroDivisionError as exc:
            raise CalcError("You can't divide by zero.") from exc
        if isinstance(result, complex):
            raise CalcError("That has no ordinary answer.")
        if abs(result) > _MAX_MAGNITUDE:
            raise CalcError("That number is too big to say.")
        return result
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_value(node.operand))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS \
            and len(node.args) == 1 and not node.keywords:
        arg = _value(node.args[0])
        if arg < 0:
            raise CalcError("A negative number has no square root I can say.")
        return _FUNCTIONS[node.func.id](arg)
    raise CalcError("I can only do arithmetic: adding, subtracting, multiplying, dividing, powers and square roots.")


def say_number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:.6g}"
    return text if "e" not in text else f"{value:.3e}"


def _spoken(expression: str) -> str:
    expression = re.sub(r"\b([\d.]+) / 100 \* ", r"\1 percent of ", expression)
    expression = re.sub(r"\* \(1 ([+-]) ([\d.]+) / 100\)", lambda m: f"{'plus' if m.group(1) == '+' else 'minus'} {m.group(2)} percent",
                        expression)
    words = {"**": "to the power of", "*": "times", "/": "divided by", "+": "plus", "-": "minus", "%": "modulo"}
    return " ".join(words.get(tok, tok) for tok in expression.split())


class CalcSkill:
    intents = ("calc",)

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        expression = str(slots.get("expression") or "").strip()
        if not expression:
            return SkillReply("What should I work out?", awaiting="calc")
        try:
            value = evaluate(expression)
        except CalcError as exc:
            return SkillReply(str(exc))
        if slots.get("from_unit") and slots.get("to_unit"):
            amount = float(slots.get("amount") or 0)
            shown = round(value, 2) if abs(value) >= 1 else float(f"{value:.3g}")
            return SkillReply(f"{say_number(amount)} {say_unit(slots['from_unit'], amount)} is "
                              f"{say_number(shown)} {say_unit(slots['to_unit'], shown)}.")
        return SkillReply(turn.say.choice((f"{first_upper(_spoken(expression))} is {say_number(value)}.",
                                           f"That's {say_number(value)}.")))
