"""Our expression tree: numbers, the variables x and y, operators and the listed functions.

A tree is made of immutable nodes; nothing in it refers to Python objects a user could reach.
:func:`evaluate` computes it with a math namespace (numpy ufuncs on float64 arrays, or the
computation graph's ops on :class:`~gdlab.engine.gradients.graph.Node`), so one tree gives
values on floats, arrays of any shape and graph nodes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Union

import numpy as np


@dataclass(frozen=True)
class Num:
    """A float64 constant; ``name`` is ``"pi"`` or ``"e"`` for the named ones."""

    value: float
    name: str = ""


@dataclass(frozen=True)
class Var:
    """``x`` or ``y``."""

    name: str


@dataclass(frozen=True)
class Op:
    """``op`` one of ``+ - * / ^`` on two operands, or ``neg`` on one (``b`` None)."""

    op: str
    a: "Expr"
    b: "Expr | None" = None


@dataclass(frozen=True)
class Call:
    """A listed function (canonical name, see :data:`FUNCTIONS`) of its arguments."""

    fn: str
    args: tuple["Expr", ...]


Expr = Union[Num, Var, Op, Call]

#: canonical function name -> number of arguments
FUNCTIONS = {"sin": 1, "cos": 1, "tan": 1, "exp": 1, "log": 1, "log10": 1, "log2": 1,
             "sqrt": 1, "abs": 1, "tanh": 1, "sinh": 1, "cosh": 1, "arcsin": 1, "arccos": 1,
             "arctan": 1, "min": 2, "max": 2}
ALIASES = {"ln": "log", "lg": "log10", "asin": "arcsin", "acos": "arccos", "atan": "arctan"}
CONSTANTS = {"pi": math.pi, "e": math.e}

#: numpy's version of every function (float64 semantics: overflow ±inf, domain errors nan)
NUMPY = {"sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log,
         "log10": np.log10, "log2": np.log2, "sqrt": np.sqrt, "abs": np.abs, "tanh": np.tanh,
         "sinh": np.sinh, "cosh": np.cosh, "arcsin": np.arcsin, "arccos": np.arccos,
         "arctan": np.arctan, "min": np.minimum, "max": np.maximum,
         "+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power,
         "neg": np.negative,
         # only in derivatives, never typed: [a ≤ b] and [a > b] (1 where true, else 0)
         "le": lambda a, b: np.where(a <= b, 1.0, 0.0),
         "gt": lambda a, b: np.where(a > b, 1.0, 0.0)}


def children(e: Expr) -> tuple[Expr, ...]:
    if isinstance(e, Op):
        return (e.a,) if e.b is None else (e.a, e.b)
    if isinstance(e, Call):
        return e.args
    return ()


def size(e: Expr) -> int:
    """Number of nodes."""
    return 1 + sum(size(c) for c in children(e))


def _sum(e: Expr) -> bool:
    return isinstance(e, Op) and e.op in ("+", "-") and e.b is not None


def depth(e: Expr) -> int:
    """Longest path from the root to a leaf, in nodes; a sum read left to right
    (``a + b − c + …``, which the parser chains to the left) counts once, however long."""
    return 1 + max((depth(c) - (i == 0 and _sum(e) and _sum(c))
                    for i, c in enumerate(children(e))), default=0)


def variables(e: Expr) -> set[str]:
    if isinstance(e, Var):
        return {e.name}
    return set().union(*(variables(c) for c in children(e))) if children(e) else set()


def evaluate(e: Expr, x: Any, y: Any, ops: dict[str, Callable] = NUMPY,
             const: Callable[[float], Any] = np.float64) -> Any:
    """The value of ``e`` at ``x, y`` with the functions ``ops`` (``NUMPY`` by default;
    call under ``np.errstate(all="ignore")``); ``const`` wraps each number."""
    if isinstance(e, Num):
        return const(e.value)
    if isinstance(e, Var):
        return x if e.name == "x" else y
    if isinstance(e, Op):
        a = evaluate(e.a, x, y, ops, const)
        if e.b is None:
            return ops["neg"](a)
        return ops[e.op](a, evaluate(e.b, x, y, ops, const))
    return ops[e.fn](*(evaluate(a, x, y, ops, const) for a in e.args))


def constant_value(e: Expr) -> float:
    """The float64 value of a tree without variables."""
    with np.errstate(all="ignore"):
        return float(evaluate(e, None, None))
