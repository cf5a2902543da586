"""Where a formula is undefined: the domain errors (log of a non-positive number, the square
root of a negative one …) that turn its value into NaN or ±inf at finite points, and the
points where the value is finite but a slope is not (√ at 0, arcsin at ±1), which make the
gradient NaN or infinite."""

from __future__ import annotations

from typing import Any

import numpy as np

from ...text import Message
from .tree import NUMPY, Expr, Num, Op, Var

_LOG = Message("log of a non-positive number")


def _trouble(fn: str, args: list) -> tuple[Any, str] | None:
    """``(mask, reason)`` for the arguments of ``fn`` that are out of its domain."""
    u = args[0]
    if fn in ("log", "log10", "log2"):
        return u <= 0, _LOG
    if fn == "sqrt":
        return u < 0, Message("square root of a negative number")
    if fn in ("arcsin", "arccos"):
        return np.abs(u) > 1, Message("{fn} of a number outside [−1, 1]", fn=fn)
    if fn == "/":
        return args[1] == 0, Message("division by zero")
    if fn == "^":
        a, b = args
        frac = (a < 0) & (np.floor(b) != b) & np.isfinite(b)
        return frac | ((a == 0) & (b < 0)), Message(
            "a negative number to a fractional power, or 0 to a negative one")
    return None


def _steep(fn: str, args: list) -> tuple[Any, str] | None:
    """``(mask, reason)`` for the arguments where ``fn`` is defined but its slope is not."""
    u = args[0]
    if fn == "sqrt":
        return u == 0, Message("the square root has no finite slope at 0")
    if fn in ("arcsin", "arccos"):
        return np.abs(u) == 1, Message("{fn} has no finite slope at ±1", fn=fn)
    if fn == "^":
        a, b = args
        return (a == 0) & (b < 1) & (np.floor(b) != b), \
            Message("0 to a power below 1 has no finite slope")
    return None


def domain_errors(e: Expr, x: Any, y: Any, slopes: bool = False
                  ) -> tuple[Any, list[tuple[Any, str]]]:
    """``(value, troubles)``: the value of ``e`` at ``x, y`` (float64 arrays) and, innermost
    first, ``(mask, reason)`` for each operation whose finite arguments are out of its domain
    — or, with ``slopes``, where its value is defined but its slope is not (call under
    ``np.errstate(all="ignore")``)."""
    if isinstance(e, Num):
        return np.float64(e.value), []
    if isinstance(e, Var):
        return (x if e.name == "x" else y), []
    kids = (e.a,) if isinstance(e, Op) and e.b is None else (
        (e.a, e.b) if isinstance(e, Op) else e.args)
    values, troubles = [], []
    for k in kids:
        v, t = domain_errors(k, x, y, slopes)
        values.append(v)
        troubles += t
    name = e.op if isinstance(e, Op) else e.fn
    found = (_steep if slopes else _trouble)(name, values)
    if found is not None:
        mask = found[0]
        for v in values:
            mask = mask & np.isfinite(v)
        troubles.append((mask, found[1]))
    return NUMPY[name](*values), troubles
