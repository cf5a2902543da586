"""The local derivative rules of the tree's operations, written once, and the computation
graph (:mod:`gdlab.engine.gradients.graph`) built from them.

``GRAPH[name](*nodes)`` is a :class:`~gdlab.engine.gradients.graph.Node` whose backward pass
gives the gradient; evaluating a tree with these ops over Variables of any shape builds the
formula's computation graph (the gradient over arrays, the graph tab). The same rules drive
:mod:`.tape`, the graph replayed on a single point's floats without building nodes.
"""

from __future__ import annotations

import numpy as np

from ...gradients import graph
from ...gradients.graph import _binary, _unary

_LN10, _LN2 = np.log(10.0), np.log(2.0)

#: one-argument operations: name -> (f(u), d f/d u as a function of (u, y = f(u)))
UNARY = {
    "neg": (np.negative, lambda u, y: -1.0),
    "sin": (np.sin, lambda u, y: np.cos(u)),
    "cos": (np.cos, lambda u, y: -np.sin(u)),
    "tan": (np.tan, lambda u, y: 1.0 + y * y),
    "exp": (np.exp, lambda u, y: y),
    "log": (np.log, lambda u, y: 1.0 / u),
    "log10": (np.log10, lambda u, y: 1.0 / (u * _LN10)),
    "log2": (np.log2, lambda u, y: 1.0 / (u * _LN2)),
    "sqrt": (np.sqrt, lambda u, y: 0.5 / y),
    "abs": (np.abs, lambda u, y: np.where(u > 0, 1.0, -1.0)),  # abs'(0) = -1, as graph.abs
    "tanh": (np.tanh, lambda u, y: 1.0 - y * y),
    "sinh": (np.sinh, lambda u, y: np.cosh(u)),
    "cosh": (np.cosh, lambda u, y: np.sinh(u)),
    "arcsin": (np.arcsin, lambda u, y: 1.0 / np.sqrt(1.0 - u * u)),
    "arccos": (np.arccos, lambda u, y: -1.0 / np.sqrt(1.0 - u * u)),
    "arctan": (np.arctan, lambda u, y: 1.0 / (1.0 + u * u)),
}
#: two-argument operations: name -> (f(u, v), (g·∂f/∂u, g·∂f/∂v) as functions of (g, u, v, y))
BINARY = {
    "+": (np.add, (lambda g, u, v, y: g, lambda g, u, v, y: g)),
    "-": (np.subtract, (lambda g, u, v, y: g, lambda g, u, v, y: -g)),
    "*": (np.multiply, (lambda g, u, v, y: g * v, lambda g, u, v, y: g * u)),
    "/": (np.divide, (lambda g, u, v, y: g / v, lambda g, u, v, y: -g * y / v)),
    "^": (np.power, (lambda g, u, v, y: g * v * np.power(u, v - 1.0),
                     lambda g, u, v, y: g * y * np.log(u))),
    # min / max: the gradient goes to the argument taken (a tie: min takes a, max takes b)
    "min": (np.minimum, (lambda g, u, v, y: g * (u <= v), lambda g, u, v, y: g * ~(u <= v))),
    "max": (np.maximum, (lambda g, u, v, y: g * (u > v), lambda g, u, v, y: g * ~(u > v))),
}
_GRAPH_NAMES = {"+": "add", "-": "sub", "*": "mul", "/": "div", "^": "pow"}


def power_rule(k: float):
    """d u^k / d u for a constant exponent k (no log of a negative base)."""
    return lambda u, y: k * np.power(u, k - 1.0) if k != 0 else np.zeros_like(u)


def _power(a, b):
    """``a ^ b``; a constant exponent takes the one-argument rule."""
    if isinstance(b, graph.Constant) and b.size == 1:
        k = float(b.value)
        return _unary(a, "pow", lambda u: np.power(u, k), power_rule(k))
    f, (ga, gb) = BINARY["^"]
    return _binary(a, b, "pow", f, ga, gb)


def _graph_op(name: str):
    if name in UNARY:
        f, df = UNARY[name]
        return lambda a: _unary(a, name, f, df)
    f, (ga, gb) = BINARY[name]
    return lambda a, b: _binary(a, b, _GRAPH_NAMES.get(name, name), f, ga, gb)


GRAPH = {name: _graph_op(name) for name in (*UNARY, *BINARY)}
GRAPH["^"] = _power
