"""A tiny, safe expression language for indicator cells and audit rules.

Definitions are data a county may edit, so they are never ``eval``'d: the
expression is parsed with :mod:`ast` and only arithmetic, comparisons, ``and``/
``or``/``not``, numbers and a few named functions are allowed.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b if b else 0.0,
}
_CMPOPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: abs(a - b) < 1e-6,
    ast.NotEq: lambda a, b: abs(a - b) >= 1e-6,
    ast.Lt: operator.lt,
    ast.LtE: lambda a, b: a <= b + 1e-9,
    ast.Gt: operator.gt,
    ast.GtE: lambda a, b: a + 1e-9 >= b,
}


class ExpressionError(ValueError):
    """The expression uses something the language does not allow."""


def _ratio(a: float, b: float) -> float:
    """Division that is 0 when the denominator is 0: empty communities give 0, not errors."""
    return a / b if b else 0.0


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "ratio": _ratio,
    "min": min,
    "max": max,
    "abs": abs,
    "round": round,
}
_INTERNAL = {"_cell", "_profile", "division_code_ok"}


@lru_cache(maxsize=512)
def parse(source: str) -> ast.Expression:
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"syntax error at column {exc.offset}") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise ExpressionError("only plain function calls are allowed")
            if node.func.id not in FUNCTIONS and node.func.id not in _INTERNAL:
                raise ExpressionError(f"unknown function “{node.func.id}”")
            if node.keywords:
                raise ExpressionError("keyword arguments are not allowed")
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, int | float | str) or isinstance(node.value, bool):
                raise ExpressionError("only numbers are allowed")
        elif not isinstance(
            node,
            ast.Expression
            | ast.BinOp
            | ast.UnaryOp
            | ast.Compare
            | ast.BoolOp
            | ast.Name
            | ast.Load
            | ast.operator
            | ast.unaryop
            | ast.cmpop
            | ast.boolop,
        ):
            raise ExpressionError(f"“{type(node).__name__}” is not allowed")
        if isinstance(node, ast.BinOp) and type(node.op) not in _BINOPS:
            raise ExpressionError("only + - * / are allowed")
        if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.USub | ast.Not):
            raise ExpressionError("only unary minus and not are allowed")
        if isinstance(node, ast.Compare) and any(type(o) not in _CMPOPS for o in node.ops):
            raise ExpressionError("unsupported comparison")
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS and node.id not in _INTERNAL:
            raise ExpressionError(f"unknown name “{node.id}”")
    return tree


def evaluate(source: str, names: Mapping[str, Callable[..., Any]]) -> float:
    """Evaluate a parsed expression; comparisons give 1.0 / 0.0."""
    tree = parse(source)
    return float(_eval(tree.body, names))


def _eval(node: ast.AST, names: Mapping[str, Callable[..., Any]]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp):
        return _BINOPS[type(node.op)](_num(_eval(node.left, names)), _num(_eval(node.right, names)))
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, names)
        return -_num(value) if isinstance(node.op, ast.USub) else (0.0 if _num(value) else 1.0)
    if isinstance(node, ast.BoolOp):
        values = [bool(_num(_eval(v, names))) for v in node.values]
        ok = all(values) if isinstance(node.op, ast.And) else any(values)
        return 1.0 if ok else 0.0
    if isinstance(node, ast.Compare):
        left = _num(_eval(node.left, names))
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _num(_eval(comparator, names))
            if not _CMPOPS[type(op)](left, right):
                return 0.0
            left = right
        return 1.0
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        func = names.get(node.func.id) or FUNCTIONS[node.func.id]
        args = [_eval(a, names) for a in node.args]
        if node.func.id in FUNCTIONS:
            args = [_num(a) for a in args]
        return func(*args)
    raise ExpressionError(f"cannot evaluate {type(node).__name__}")


def _num(value: Any) -> float:
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    return float(value)
