"""The tree's functions on the computation graph (:mod:`gdlab.engine.gradients.graph`).

``GRAPH[name](*nodes)`` is a :class:`~gdlab.engine.gradients.graph.Node` whose backward pass
gives the gradient; evaluating a tree with these ops over Variables of any shape builds the
formula's computation graph (what the gradient and the graph tab come from).
"""

from __future__ import annotations

import numpy as np

from ...gradients import graph
from ...gradients.graph import _binary, _unary

_LN10, _LN2 = np.log(10.0), np.log(2.0)


def _power(a, b):
    """``a ^ b``; a constant exponent takes the one-argument rule (no log of a negative base)."""
    if isinstance(b, graph.Constant) and b.size == 1:
        k = float(b.value)
        return _unary(a, "pow", lambda u: np.power(u, k),
                      lambda u, y: k * np.power(u, k - 1.0) if k != 0 else np.zeros_like(u))
    return _binary(a, b, "pow", np.power,
                   lambda g, u, v, y: g * v * np.power(u, v - 1.0),
                   lambda g, u, v, y: g * y * np.log(u))


def _pick(name: str, f, take_a):
    """min / max: the gradient goes to the argument taken (``take_a(u, v)``)."""
    return lambda a, b: _binary(a, b, name, f,
                                lambda g, u, v, y: g * take_a(u, v),
                                lambda g, u, v, y: g * ~take_a(u, v))


def _fn(name, f, df):
    return lambda a: _unary(a, name, f, df)


GRAPH = {
    "+": graph.add, "-": graph.sub, "*": graph.mul, "/": graph.div, "^": _power,
    "neg": graph.neg,
    "sin": graph.sin, "cos": graph.cos, "exp": graph.exp, "log": graph.log,
    "sqrt": graph.sqrt, "abs": graph.abs, "tanh": graph.tanh,
    "tan": _fn("tan", np.tan, lambda u, y: 1.0 + y * y),
    "log10": _fn("log10", np.log10, lambda u, y: 1.0 / (u * _LN10)),
    "log2": _fn("log2", np.log2, lambda u, y: 1.0 / (u * _LN2)),
    "sinh": _fn("sinh", np.sinh, lambda u, y: np.cosh(u)),
    "cosh": _fn("cosh", np.cosh, lambda u, y: np.sinh(u)),
    "arcsin": _fn("arcsin", np.arcsin, lambda u, y: 1.0 / np.sqrt(1.0 - u * u)),
    "arccos": _fn("arccos", np.arccos, lambda u, y: -1.0 / np.sqrt(1.0 - u * u)),
    "arctan": _fn("arctan", np.arctan, lambda u, y: 1.0 / (1.0 + u * u)),
    "min": _pick("min", np.minimum, lambda u, v: u <= v),
    "max": _pick("max", np.maximum, lambda u, v: u > v),
}
