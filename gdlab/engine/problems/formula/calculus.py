"""Symbolic partial derivatives of a tree, their simplification, and readable text.

:func:`derivative` applies the chain rule node by node, :func:`simplify` folds constants and
drops ×1, +0, ^1 …, :func:`to_text` prints a tree with the fewest parentheses (Unicode for
people: ``2x − 3y²``; ``unicode=False`` gives text the parser reads back).
"""

from __future__ import annotations

import math

from .tree import Call, Expr, Num, Op, Var, constant_value, variables

ZERO, ONE, TWO = Num(0.0), Num(1.0), Num(2.0)


def _add(a, b): return Op("+", a, b)
def _sub(a, b): return Op("-", a, b)
def _mul(a, b): return Op("*", a, b)
def _div(a, b): return Op("/", a, b)
def _pow(a, b): return Op("^", a, b)
def _neg(a): return Op("neg", a)


def _outer(fn: str, u: Expr) -> Expr:
    """d fn(u) / du for a one-argument function."""
    return {
        "sin": lambda: Call("cos", (u,)),
        "cos": lambda: _neg(Call("sin", (u,))),
        "tan": lambda: _div(ONE, _pow(Call("cos", (u,)), TWO)),
        "exp": lambda: Call("exp", (u,)),
        "log": lambda: _div(ONE, u),
        "log10": lambda: _div(ONE, _mul(u, Call("log", (Num(10.0),)))),
        "log2": lambda: _div(ONE, _mul(u, Call("log", (TWO,)))),
        "sqrt": lambda: _div(ONE, _mul(TWO, Call("sqrt", (u,)))),
        "abs": lambda: _div(u, Call("abs", (u,))),
        "tanh": lambda: _sub(ONE, _pow(Call("tanh", (u,)), TWO)),
        "sinh": lambda: Call("cosh", (u,)),
        "cosh": lambda: Call("sinh", (u,)),
        "arcsin": lambda: _div(ONE, Call("sqrt", (_sub(ONE, _pow(u, TWO)),))),
        "arccos": lambda: _neg(_div(ONE, Call("sqrt", (_sub(ONE, _pow(u, TWO)),)))),
        "arctan": lambda: _div(ONE, _add(ONE, _pow(u, TWO))),
    }[fn]()


def derivative(e: Expr, v: str) -> Expr:
    """∂e/∂v (unsimplified)."""
    if isinstance(e, Num):
        return ZERO
    if isinstance(e, Var):
        return ONE if e.name == v else ZERO
    if isinstance(e, Call):
        if e.fn in ("le", "gt"):  # an indicator [a ≤ b]: flat on both sides of its jump
            return ZERO
        if len(e.args) == 2:  # min / max: the derivative of the argument that is taken
            a, b = e.args
            pick_a = Call("le" if e.fn == "min" else "gt", (a, b))
            pick_b = Call("gt" if e.fn == "min" else "le", (a, b))
            return _add(_mul(pick_a, derivative(a, v)), _mul(pick_b, derivative(b, v)))
        u = e.args[0]
        return _mul(_outer(e.fn, u), derivative(u, v))
    a, b = e.a, e.b
    da = derivative(a, v)
    if e.op == "neg":
        return _neg(da)
    db = derivative(b, v)
    if e.op in "+-":
        return Op(e.op, da, db)
    if e.op == "*":
        return _add(_mul(da, b), _mul(a, db))
    if e.op == "/":
        return _sub(_div(da, b), _div(_mul(a, db), _pow(b, TWO)))
    if v not in variables(b):  # a^c: c·a^(c−1)·a'
        return _mul(_mul(b, _pow(a, _sub(b, ONE))), da)
    if v not in variables(a):  # c^b: c^b·ln c·b'
        return _mul(_mul(e, Call("log", (a,))), db)
    return _mul(e, _add(_mul(db, Call("log", (a,))), _div(_mul(b, da), a)))


# -- simplification -----------------------------------------------------------------------
def _is(e: Expr, value: float) -> bool:
    return isinstance(e, Num) and not e.name and e.value == value


def _plain(e: Expr) -> bool:
    """A number without a name (folded freely; π and e are kept for reading)."""
    return isinstance(e, Num) and not e.name


def simplify(e: Expr) -> Expr:
    """An equal tree with constants folded and the identities ×1, ×0, +0, −0, ^1, ^0, /1,
    −(−a) applied; a product's numbers gathered in front of it. Each node is visited once:
    the rules combine children that are already simplified."""
    if isinstance(e, (Num, Var)):
        return e
    if isinstance(e, Call):
        args = tuple(simplify(a) for a in e.args)
        if all(_plain(a) for a in args) and e.fn not in ("le", "gt"):
            v = constant_value(Call(e.fn, args))
            if math.isfinite(v) and v == round(v, 12):
                return Num(v)
        return Call(e.fn, args)
    a = simplify(e.a)
    if e.op == "neg":
        return _negate(a)
    return _combine(e.op, a, simplify(e.b))


def _negate(a: Expr) -> Expr:
    """−a for a simplified ``a``."""
    if _plain(a):
        return Num(-a.value)
    if isinstance(a, Op) and a.op == "neg":
        return a.a
    return _neg(a)


def _combine(op: str, a: Expr, b: Expr) -> Expr:
    """``a op b`` for simplified ``a`` and ``b``, simplified."""
    if _plain(a) and _plain(b):
        v = constant_value(Op(op, a, b))
        if op != "/" or v == float(f"{v:.6g}"):
            return Num(v)
        return Op("/", a, b)  # 1/3 reads better than 0.333333333333
    neg_a = isinstance(a, Op) and a.op == "neg"
    neg_b = isinstance(b, Op) and b.op == "neg"
    if op == "+":
        if _is(a, 0):
            return b
        if _is(b, 0):
            return a
        if neg_b:
            return _combine("-", a, b.a)
        if _plain(b) and b.value < 0:
            return _sub(a, Num(-b.value))
        if neg_a:
            return _combine("-", b, a.a)
    elif op == "-":
        if _is(b, 0):
            return a
        if _is(a, 0):
            return _negate(b)
        if neg_b:
            return _combine("+", a, b.a)
        if a == b:
            return ZERO
    elif op == "*":
        if _is(a, 0) or _is(b, 0):
            return ZERO
        if _is(a, 1):
            return b
        if _is(b, 1):
            return a
        if _is(a, -1):
            return _negate(b)
        if _is(b, -1):
            return _negate(a)
        if neg_a:
            return _negate(_combine("*", a.a, b))
        if neg_b:
            return _negate(_combine("*", a, b.a))
        if isinstance(a, Op) and a.op == "/" and _is(a.a, 1):
            return _combine("/", b, a.b)  # (1/u)·v = v/u
        if isinstance(b, Op) and b.op == "/" and _is(b.a, 1):
            return _combine("/", a, b.b)
        return _product(a, b)
    elif op == "/":
        if _is(a, 0):
            return ZERO
        if _is(b, 1):
            return a
        if neg_a:
            return _negate(_combine("/", a.a, b))
        if _plain(b) and b.value != 0:
            c, rest = _coefficient(a)
            q = c / b.value
            if q == float(f"{q:.6g}"):  # a short number: 2x/8 reads 0.25x
                return _product(Num(q), *rest) if rest else Num(q)
    elif op == "^":
        if _is(b, 1):
            return a
        if _is(b, 0):
            return ONE
    return Op(op, a, b)


def _factors(e: Expr) -> list[Expr]:
    """The factors of a product (nested products flattened)."""
    if isinstance(e, Op) and e.op == "*":
        return _factors(e.a) + _factors(e.b)
    return [e]


def _coefficient(e: Expr) -> tuple[float, list[Expr]]:
    """``(c, factors)``: the product of ``e``'s plain-number factors and the others."""
    c, rest = 1.0, []
    for f in _factors(e):
        if _plain(f):
            c *= f.value
        else:
            rest.append(f)
    return c, rest


def _rank(e: Expr) -> int:
    """Reading order of a product's factors: x, then x², then functions, then the rest."""
    if isinstance(e, Var):
        return 0
    if isinstance(e, Op) and e.op == "^" and isinstance(e.a, Var):
        return 1
    return 2 if isinstance(e, (Call, Num)) else 3


def _product(*parts: Expr) -> Expr:
    """The product of ``parts`` with its numbers multiplied into one leading coefficient and
    its other factors in reading order (a repeated factor becomes a square)."""
    c, rest = 1.0, []
    for p in parts:
        pc, pr = _coefficient(p)
        c *= pc
        rest += pr
    if c == 0:
        return ZERO
    rest.sort(key=_rank)
    merged: list[Expr] = []
    for f in rest:
        if merged and merged[-1] == f:
            merged[-1] = _pow(f, TWO)
        else:
            merged.append(f)
    if not merged:
        return Num(c)
    out = merged[0]
    for f in merged[1:]:
        out = _mul(out, f)
    if c == 1:
        return out
    if c == -1:
        return _neg(out)
    return _neg(_mul(Num(-c), out)) if c < 0 else _mul(Num(c), out)


# -- text -----------------------------------------------------------------------------------
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4}
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _prec(e: Expr) -> int:
    if isinstance(e, Op):
        return _PREC[e.op]
    if isinstance(e, Num) and e.value < 0:
        return 3
    return 5


def _number(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.12g}"


def to_text(e: Expr, unicode: bool = True) -> str:
    """``e`` as text with the fewest parentheses; Unicode signs unless ``unicode=False``
    (then the parser reads it back to an equal value)."""
    t = lambda s: to_text(s, unicode)  # noqa: E731
    paren = lambda s, cond: f"({t(s)})" if cond else t(s)  # noqa: E731
    minus, times = ("−", "·") if unicode else ("-", "*")
    if isinstance(e, Num):
        if e.name:
            return "π" if unicode and e.name == "pi" else e.name
        s = _number(abs(e.value)) if math.isfinite(e.value) else repr(abs(e.value))
        return (minus if e.value < 0 else "") + s
    if isinstance(e, Var):
        return e.name
    if isinstance(e, Call):
        if e.fn in ("le", "gt"):
            sign = {"le": "≤" if unicode else "<=", "gt": ">"}[e.fn]
            return f"[{t(e.args[0])} {sign} {t(e.args[1])}]"
        return f"{e.fn}({', '.join(t(a) for a in e.args)})"
    p = _PREC[e.op]
    if e.op == "neg":
        return minus + paren(e.a, _prec(e.a) in (1, 3))
    a, b = e.a, e.b
    if e.op == "+":
        return f"{t(a)} + {paren(b, _prec(b) < 1 or (isinstance(b, Num) and b.value < 0))}"
    if e.op == "-":
        return f"{t(a)} {minus} {paren(b, _prec(b) <= 1 or _prec(b) == 3)}"
    if e.op == "*":
        left = paren(a, _prec(a) < 2)
        right = paren(b, _prec(b) in (1, 3) or _prec(b) == 2 and not unicode)
        if unicode and _plain(a) and a.value >= 0 and not _plain(b) and right[0] not in "0123456789.":
            return left + right
        if unicode and _rank(_factors(a)[-1]) <= 1 and right.startswith("(") and _prec(b) != 3:
            return left + right  # x(x² − 1)
        return f"{left}{times}{right}"
    if e.op == "/":
        return f"{paren(a, _prec(a) < 2)}/{paren(b, _prec(b) <= 3)}"
    base = paren(a, _prec(a) <= p)
    if unicode and _plain(b) and b.value == int(b.value) and 0 <= b.value < 100:
        return base + _number(b.value).translate(_SUP)
    return f"{base}^{paren(b, _prec(b) < 5)}"
