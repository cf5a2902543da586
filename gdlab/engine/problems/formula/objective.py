"""A typed formula as an :class:`~gdlab.engine.problems.objectives.Objective`.

The value is the tree evaluated with numpy (float64 semantics on Python floats too: overflow
gives ±inf and a domain error NaN, never an exception); the gradient is the tree's
computation graph (:mod:`gdlab.engine.gradients.graph`) run backwards over points of any
shape, and on a single point's floats the same graph replayed from a tape (:mod:`.tape`);
∂f/∂x and ∂f/∂y are also kept as simplified trees to be read, and differentiated once more
give the Hessian (the second-order methods' and the curvature view's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from ...gradients import graph
from ..objectives import Objective
from ...text import N_, Message
from .calculus import derivative, simplify, to_text
from .domain import domain_errors
from .graphops import GRAPH
from .parser import parse
from .tape import Tape
from .tree import Expr, evaluate

DEFAULT_BOX = (-5.0, 5.0, -5.0, 5.0)
_STARTS = ((-3.0, 4.0), (3.0, 4.0), (3.0, -4.0), (-3.0, -4.0), (1.0, 1.0), (2.0, 0.5))


def _value(tree: Expr):
    def value(x, y, m=None):
        if isinstance(x, graph.Node) or isinstance(y, graph.Node):
            return evaluate(tree, x, y, GRAPH, graph.Constant)
        with np.errstate(all="ignore"):
            if isinstance(x, float) and isinstance(y, float):
                return float(evaluate(tree, np.float64(x), np.float64(y), const=float))
            shape = np.broadcast_shapes(np.shape(x), np.shape(y))
            out = evaluate(tree, np.asarray(x), np.asarray(y), const=float)
            return np.array(np.broadcast_to(out, shape)) if np.shape(out) != shape else out
    return value


def _gradient(tree: Expr):
    tape = Tape(tree)

    def gradient(x, y, m=None):
        if isinstance(x, float) and isinstance(y, float):  # one run's step: the graph replayed
            return tape.grad(x, y)
        shape = np.broadcast_shapes(np.shape(x), np.shape(y))
        vx, vy = graph.Variable(np.broadcast_to(x, shape)), graph.Variable(np.broadcast_to(y, shape))
        with np.errstate(all="ignore"):
            out = evaluate(tree, vx, vy, GRAPH, graph.Constant)
            out.backward(np.ones_like(out.value))
        return vx.grad, vy.grad
    return gradient


def _hessian(partials: tuple):
    """``(x, y, m) -> (f_xx, f_xy, f_yy)``: the partials' trees differentiated once more,
    simplified and evaluated as the value is (floats or arrays). The second derivatives are
    built at the first call, not when the formula is parsed: for a deep nesting they take
    seconds, and most formulas never need them."""
    fx, fy = partials
    parts: list = []

    def hessian(x, y, m=None):
        if not parts:  # (built whole, then stored: two threads at once build it twice)
            parts[:] = [_value(simplify(derivative(d, v)))
                        for d, v in ((fx, "x"), (fx, "y"), (fy, "y"))]
        return tuple(part(x, y) for part in parts)
    return hessian


def _wants_log(value, box) -> bool:
    """A logarithmic colour scale when f ≥ 0 over the box and most of it lies in the bottom
    sixth of its range (a narrow valley or wells under steep walls)."""
    x0, x1, y0, y1 = box
    X, Y = np.meshgrid(np.linspace(x0, x1, 41), np.linspace(y0, y1, 41))
    Z = value(X, Y)
    Z = Z[np.isfinite(Z)]
    if not len(Z) or Z.min() < 0 or Z.max() <= Z.min():
        return False
    lo, hi = Z.min(), Z.max()
    return bool(np.median(Z) - lo < 0.15 * (hi - lo))


def _start(value, gradient) -> tuple[float, float]:
    """The first of a few start points where the value and the gradient are finite."""
    for p in _STARTS:
        if math.isfinite(value(*p)) and all(map(math.isfinite, gradient(*p))):
            return p
    return _STARTS[0]


@dataclass(frozen=True)
class FormulaObjective(Objective):
    """An objective typed as text; ``source`` is the text as typed, ``tree`` its tree,
    ``partials`` the simplified trees of ∂f/∂x and ∂f/∂y."""

    source: str = ""
    tree: Any = None
    partials: tuple = field(default=(), repr=False)
    #: the window's tabs: the steps, the formula's computation graph, the gradient check
    views: ClassVar[tuple[str, ...]] = ("inspector", "steps", "tree", "check")

    @property
    def derivative_texts(self) -> tuple[str, str]:
        """∂f/∂x and ∂f/∂y as readable text."""
        return tuple(to_text(p) for p in self.partials)

    def undefined_at(self, x, y):
        """Boolean (shape of x, y): where a domain error makes f undefined."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        shape = np.broadcast_shapes(x.shape, y.shape)
        with np.errstate(all="ignore"):
            _, troubles = domain_errors(self.tree, x, y)
        mask = np.zeros(shape, dtype=bool)
        for m, _ in troubles:
            mask |= np.broadcast_to(m, shape)
        return mask

    def undefined_reason(self, x: float, y: float) -> str | None:
        """Why f (or, where f is finite, its gradient) is undefined at the finite point
        (x, y), or None where both are defined."""
        if not (math.isfinite(x) and math.isfinite(y)):
            return None
        with np.errstate(all="ignore"):
            _, troubles = domain_errors(self.tree, np.float64(x), np.float64(y))
        for m, reason in troubles:
            if bool(m):
                return reason
        slope = super().undefined_reason(x, y)
        if slope:
            with np.errstate(all="ignore"):
                _, steep = domain_errors(self.tree, np.float64(x), np.float64(y), slopes=True)
            for m, reason in steep:
                if bool(m):
                    return Message("{slope} ({reason})", slope=slope, reason=reason)
        return slope


def parse_formula(text: str, box: tuple[float, float, float, float] = DEFAULT_BOX,
                  start: tuple[float, float] | None = None) -> FormulaObjective:
    """The objective of ``text`` (a formula in x and y); raises
    :class:`~gdlab.engine.problems.formula.errors.FormulaError` (a ``ValueError``)."""
    tree = parse(text)
    value, gradient = _value(tree), _gradient(tree)
    shown = to_text(tree)
    partials = (simplify(derivative(tree, "x")), simplify(derivative(tree, "y")))
    dx, dy = (to_text(p) for p in partials)
    return FormulaObjective(
        "formula", N_("Your formula"), f"f(x, y) = {shown}", value, gradient,
        tuple(float(v) for v in box), start or _start(value, gradient), (),
        log_color=_wants_log(value, box), suggested_lr=0.05,
        note=f"∂f/∂x = {dx}      ∂f/∂y = {dy}",
        source=text, tree=tree, partials=partials, hessian=_hessian(partials))
