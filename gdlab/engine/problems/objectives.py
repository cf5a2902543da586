"""The catalogue of classic 2-D test functions.

Each function is written once as ``f(x, y, m)`` where ``m`` supplies sin, cos,
exp, sqrt (``FLOAT_MATH`` for plain Python floats, ``ARRAY_MATH`` for numpy
arrays of any shape), so a single call can evaluate one point, a whole grid of
shape (ny, nx) or K runs of shape (K,). The analytic gradient ``grad(x, y, m)``
returns ``(df/dx, df/dy)`` of the same shapes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Callable, ClassVar, Mapping

import numpy as np

from ..gradients import graph
from . import hessians
from .hessians import fd_hessian
from ..text import N_, Message

FLOAT_MATH = SimpleNamespace(sin=math.sin, cos=math.cos, exp=math.exp, sqrt=math.sqrt, pi=math.pi)
ARRAY_MATH = SimpleNamespace(sin=np.sin, cos=np.cos, exp=np.exp, sqrt=np.sqrt, pi=np.pi)
#: Graph-capable: ``value(x, y, GRAPH_MATH)`` with x, y :class:`graph.Variable` builds a
#: computation graph (``backward()`` then fills ``x.grad``, ``y.grad``); floats and arrays
#: still get numpy. The autodiff gradient of every objective comes from this one definition.
#: Its sqrt takes sqrt'(0) as 0.5/1e-300 (finite, like the offset in the analytic Ackley
#: gradient), so that sqrt'(u)·du is 0, not nan, where u and du vanish (Ackley's origin).
def _graph_sqrt(x):
    if not isinstance(x, graph.Node):
        return np.sqrt(x)
    return graph._unary(x, "sqrt", np.sqrt, lambda u, y: 0.5 / (y + 1e-300))


GRAPH_MATH = SimpleNamespace(sin=graph.fn.sin, cos=graph.fn.cos, exp=graph.fn.exp,
                             sqrt=_graph_sqrt, pi=math.pi)

Fn = Callable[..., object]


@dataclass(frozen=True)
class Objective:
    """A 2-D test function with everything needed to run and draw it."""

    name: str
    title: str
    formula: str
    value: Fn  # (x, y, m) -> f
    gradient: Fn  # (x, y, m) -> (fx, fy)
    box: tuple[float, float, float, float]  # xmin, xmax, ymin, ymax
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...] = ()
    log_color: bool = False
    suggested_lr: float = 0.01
    #: a rate per optimizer where the one suggested rate does not suit it (an adaptive
    #: method's step is about lr whatever the gradient's size); the others take suggested_lr
    optimizer_lr: Mapping[str, float] = field(default_factory=dict, hash=False)
    note: str = ""
    param_names: tuple[str, ...] = field(default=("x", "y"))
    equal_axes: bool = True  # x and y share units: the map is drawn 1:1 (steps ⟂ level sets)
    hessian: Fn | None = None  # (x, y, m) -> (f_xx, f_xy, f_yy); None: differences of grad
    # what the CLI and the window read, as a model declares it (see ModelProblem)
    kind: ClassVar[str] = "function"
    option_defaults: ClassVar[dict[str, Any]] = {}  # no options
    views: ClassVar[tuple[str, ...]] = ("inspector", "steps", "check")
    path_plot: ClassVar[str] = "contour"

    #: the text of a typed formula (the recipe records it); None for the catalogue's
    source: ClassVar[str | None] = None

    @property
    def dim(self) -> int:
        return 2

    def undefined_at(self, x, y) -> np.ndarray:
        """Boolean (shape of x, y): where a domain error makes f undefined (nowhere here)."""
        return np.zeros(np.broadcast_shapes(np.shape(x), np.shape(y)), dtype=bool)

    def undefined_reason(self, x: float, y: float) -> str | None:
        """Why f is undefined at the finite point (x, y), or None where it is defined: here
        only the gradient can be (NaN or infinite where the value is finite: a cusp)."""
        if not (math.isfinite(x) and math.isfinite(y)):
            return None
        try:
            with np.errstate(all="ignore"):
                value, grads = self.f(float(x), float(y)), self.grad(float(x), float(y))
        except (OverflowError, ZeroDivisionError, ValueError):
            return None
        if math.isfinite(value) and not all(math.isfinite(float(g)) for g in grads):
            return Message("the gradient is undefined here")
        return None

    def f(self, x, y):
        """Value at points of any (matching) shape; floats stay floats."""
        return self.value(x, y, FLOAT_MATH if isinstance(x, float) else ARRAY_MATH)

    def grad(self, x, y):
        """Analytic gradient ``(df/dx, df/dy)`` at points of any shape."""
        return self.gradient(x, y, FLOAT_MATH if isinstance(x, float) else ARRAY_MATH)

    def hess(self, x: float, y: float) -> tuple[float, float, float]:
        """``(f_xx, f_xy, f_yy)`` at one point: analytic, or central differences of the
        analytic gradient when the function has no analytic Hessian."""
        if self.hessian is not None:
            return self.hessian(x, y, FLOAT_MATH if isinstance(x, float) else ARRAY_MATH)
        return fd_hessian(self.grad, x, y)

    def f_points(self, P: np.ndarray) -> np.ndarray:
        """Value at points ``P`` of shape (..., 2) -> shape (...)."""
        return self.value(P[..., 0], P[..., 1], ARRAY_MATH)

    def grid(self, n: int = 200, box: tuple[float, float, float, float] | None = None):
        """``(xs (n,), ys (n,), Z (n, n))`` with ``Z[i, j] = f(xs[j], ys[i])``."""
        x0, x1, y0, y1 = box or self.box
        xs = np.linspace(x0, x1, n)
        ys = np.linspace(y0, y1, n)
        X, Y = np.meshgrid(xs, ys)
        with np.errstate(all="ignore"):
            Z = np.asarray(self.value(X, Y, ARRAY_MATH), dtype=float)
        return xs, ys, Z


# -- the functions ---------------------------------------------------------------
def _bowl(x, y, m):
    return x * x + y * y


def _bowl_g(x, y, m):
    return 2.0 * x, 2.0 * y


def _ellipse(x, y, m):
    return x * x / 20.0 + y * y


def _ellipse_g(x, y, m):
    return x / 10.0, 2.0 * y


def _rosenbrock(x, y, m):
    a = 1.0 - x
    b = y - x * x
    return a * a + 100.0 * b * b


def _rosenbrock_g(x, y, m):
    b = y - x * x
    return -2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b


def _himmelblau(x, y, m):
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return a * a + b * b


def _himmelblau_g(x, y, m):
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b


def _beale(x, y, m):
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y * y
    c = 2.625 - x + x * y * y * y
    return a * a + b * b + c * c


def _beale_g(x, y, m):
    y2 = y * y
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y2
    c = 2.625 - x + x * y2 * y
    gx = 2.0 * a * (y - 1.0) + 2.0 * b * (y2 - 1.0) + 2.0 * c * (y2 * y - 1.0)
    gy = 2.0 * a * x + 4.0 * b * x * y + 6.0 * c * x * y2
    return gx, gy


def _booth(x, y, m):
    a = x + 2.0 * y - 7.0
    b = 2.0 * x + y - 5.0
    return a * a + b * b


def _booth_g(x, y, m):
    a = x + 2.0 * y - 7.0
    b = 2.0 * x + y - 5.0
    return 2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b


def _matyas(x, y, m):
    return 0.26 * (x * x + y * y) - 0.48 * x * y


def _matyas_g(x, y, m):
    return 0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x


def _three_hump(x, y, m):
    x2 = x * x
    return 2.0 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6.0 + x * y + y * y


def _three_hump_g(x, y, m):
    x2 = x * x
    return 4.0 * x - 4.2 * x2 * x + x2 * x2 * x + y, x + 2.0 * y


def _six_hump(x, y, m):
    x2 = x * x
    y2 = y * y
    return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2


def _six_hump_g(x, y, m):
    x2 = x * x
    return 8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y, x - 8.0 * y + 16.0 * y * y * y


def _rastrigin(x, y, m):
    w = 2.0 * m.pi
    return 20.0 + x * x - 10.0 * m.cos(w * x) + y * y - 10.0 * m.cos(w * y)


def _rastrigin_g(x, y, m):
    w = 2.0 * m.pi
    return 2.0 * x + 10.0 * w * m.sin(w * x), 2.0 * y + 10.0 * w * m.sin(w * y)


def _ackley(x, y, m):
    w = 2.0 * m.pi
    r = m.sqrt(0.5 * (x * x + y * y))
    return (-20.0 * m.exp(-0.2 * r) - m.exp(0.5 * (m.cos(w * x) + m.cos(w * y)))
            + math.e + 20.0)


def _ackley_g(x, y, m):
    w = 2.0 * m.pi
    r = m.sqrt(0.5 * (x * x + y * y))
    # d/dx of -20 exp(-0.2 r) is 2x exp(-0.2 r) / r; it has no limit at the origin:
    # the tiny offset makes it 0 there instead of 0/0.
    radial = 2.0 * m.exp(-0.2 * r) / (r + 1e-300)
    wave = 0.5 * w * m.exp(0.5 * (m.cos(w * x) + m.cos(w * y)))
    return radial * x + wave * m.sin(w * x), radial * y + wave * m.sin(w * y)


def _saddle(x, y, m):
    return x * x - y * y


def _saddle_g(x, y, m):
    return 2.0 * x, -2.0 * y


def _goldstein_price_parts(x, y):
    a = x + y + 1.0
    B = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y
    c = 2.0 * x - 3.0 * y
    D = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y
    return a, B, c, D


def _goldstein_price(x, y, m):
    a, B, c, D = _goldstein_price_parts(x, y)
    return (1.0 + a * a * B) * (30.0 + c * c * D)


def _goldstein_price_g(x, y, m):
    a, B, c, D = _goldstein_price_parts(x, y)
    A = 1.0 + a * a * B
    C = 30.0 + c * c * D
    dB = -14.0 + 6.0 * x + 6.0 * y  # dB/dx == dB/dy
    dA = 2.0 * a * B + a * a * dB  # dA/dx == dA/dy
    dCx = 4.0 * c * D + c * c * (-32.0 + 24.0 * x - 36.0 * y)
    dCy = -6.0 * c * D + c * c * (48.0 - 36.0 * x + 54.0 * y)
    return dA * C + A * dCx, dA * C + A * dCy


def _styblinski_tang(x, y, m):
    x2 = x * x
    y2 = y * y
    return 0.5 * (x2 * x2 - 16.0 * x2 + 5.0 * x + y2 * y2 - 16.0 * y2 + 5.0 * y)


def _styblinski_tang_g(x, y, m):
    return 2.0 * x * x * x - 16.0 * x + 2.5, 2.0 * y * y * y - 16.0 * y + 2.5


def _mccormick(x, y, m):
    d = x - y
    return m.sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1.0


def _mccormick_g(x, y, m):
    c = m.cos(x + y)
    d = 2.0 * (x - y)
    return c + d - 1.5, c - d + 2.5


_ST = -2.903534027771178
# Rates per optimizer below (but the ellipse's, the book's): from gdlab's auto-tune at the
# problem's defaults (``gdlab race --auto-tune``: the best of a log sweep over the default
# 100 steps from the start), rounded down, and checked not to diverge in 1,000 or 10,000
# steps either; every optimizer of the race's preset at least halves the loss in the default
# steps or converges (tests/test_recipe.py). The methods not listed take suggested_lr.
_CATALOGUE = (
    Objective("bowl", N_("Bowl"), "f(x, y) = x² + y²", _bowl, _bowl_g,
              (-5.0, 5.0, -5.0, 5.0), (-3.0, 4.0), ((0.0, 0.0),), suggested_lr=0.1,
              note=N_("The seeds' function: each SGD step multiplies θ by (1 − 2·lr)."),
              hessian=hessians.bowl),
    Objective("ellipse", N_("Ellipse (x²/20 + y²)"), "f(x, y) = x²/20 + y²", _ellipse, _ellipse_g,
              (-10.0, 10.0, -5.0, 5.0), (-7.0, 2.0), ((0.0, 0.0),), suggested_lr=0.95,
              # the book's chapter 6 rates (Nesterov as Momentum, AdamW as Adam; RMSprop ours)
              optimizer_lr={"momentum": 0.1, "nesterov": 0.1, "adagrad": 1.5, "rmsprop": 0.1,
                            "adam": 0.3, "adamw": 0.3,
                            "adadelta": 3.0},  # not in the book: auto-tune's, as below
              note=N_("The book's optimizer-comparison surface: steep in y, flat in x."),
              hessian=hessians.ellipse),
    Objective("rosenbrock", "Rosenbrock", "f(x, y) = (1 − x)² + 100·(y − x²)²",
              _rosenbrock, _rosenbrock_g, (-2.0, 2.0, -1.0, 3.0), (-1.5, 2.0), ((1.0, 1.0),),
              log_color=True, suggested_lr=0.001,
              # AdaGrad's first step is about lr along each axis: at the book's 1.5 it leaves
              # the map and zig-zags across the valley; 0.1 follows it like Adam and still
              # halves the loss in the default steps
              optimizer_lr={"adagrad": 0.1, "rmsprop": 0.01, "adam": 0.1, "adamw": 0.1,
                            "nadam": 0.05, "radam": 0.002, "lion": 0.01},
              note=N_("A long curved valley: easy to reach, slow to follow to (1, 1)."),
              hessian=hessians.rosenbrock),
    Objective("himmelblau", "Himmelblau", "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
              _himmelblau, _himmelblau_g, (-5.0, 5.0, -5.0, 5.0), (0.0, 0.0),
              ((3.0, 2.0), (-2.805118086952745, 3.131312518250573),
               (-3.779310253377747, -3.283185991286170), (3.584428340330492, -1.848126526964404)),
              log_color=True, suggested_lr=0.01,
              optimizer_lr={"adagrad": 2.0, "rmsprop": 0.1, "adadelta": 10.0, "adam": 0.5,
                            "adamw": 0.5, "nadam": 0.5, "radam": 0.05, "lion": 0.05},
              note=N_("Four equal minima: the start point decides which one you reach."),
              hessian=hessians.himmelblau),
    Objective("beale", "Beale",
              "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
              _beale, _beale_g, (-4.5, 4.5, -4.5, 4.5), (1.0, 1.0), ((3.0, 0.5),),
              log_color=True, suggested_lr=0.01,
              optimizer_lr={"adagrad": 1.0, "rmsprop": 0.1, "adadelta": 3.0, "adam": 0.3,
                            "adamw": 0.3, "nadam": 0.3, "radam": 0.02, "lion": 0.03},
              note=N_("Flat plateaus and sharp ridges spanning many decades."),
              hessian=hessians.beale),
    Objective("booth", "Booth", "f(x, y) = (x + 2y − 7)² + (2x + y − 5)²", _booth, _booth_g,
              (-10.0, 10.0, -10.0, 10.0), (-8.0, -6.0), ((1.0, 3.0),), suggested_lr=0.05,
              note=N_("A tilted quadratic bowl."),
              hessian=hessians.booth),
    Objective("matyas", "Matyas", "f(x, y) = 0.26·(x² + y²) − 0.48·xy", _matyas, _matyas_g,
              (-10.0, 10.0, -10.0, 10.0), (-8.0, 6.0), ((0.0, 0.0),), suggested_lr=0.5,
              note=N_("A narrow diagonal valley: badly conditioned."),
              hessian=hessians.matyas),
    Objective("three-hump-camel", N_("Three-hump camel"), "f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + xy + y²",
              _three_hump, _three_hump_g, (-2.5, 2.5, -2.5, 2.5), (1.8, -1.5), ((0.0, 0.0),),
              suggested_lr=0.05, note=N_("Three valleys: plain descent can stop in a side one."),
              hessian=hessians.three_hump),
    Objective("six-hump-camel", N_("Six-hump camel"),
              "f(x, y) = (4 − 2.1x² + x⁴/3)·x² + xy + (4y² − 4)·y²",
              _six_hump, _six_hump_g, (-2.0, 2.0, -1.2, 1.2), (-1.5, 1.0),
              ((0.08984201368301331, -0.7126564032704135),
               (-0.08984201368301331, 0.7126564032704135)),
              suggested_lr=0.02, note=N_("Six local minima, two of them global."),
              hessian=hessians.six_hump),
    Objective("rastrigin", "Rastrigin", "f(x, y) = 20 + x² − 10cos(2πx) + y² − 10cos(2πy)",
              _rastrigin, _rastrigin_g, (-5.12, 5.12, -5.12, 5.12), (3.2, -2.7), ((0.0, 0.0),),
              suggested_lr=0.002, note=N_("An egg box of local minima: gradient descent gets trapped."),
              hessian=hessians.rastrigin),
    Objective("ackley", "Ackley",
              "f(x, y) = −20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20",
              _ackley, _ackley_g, (-5.0, 5.0, -5.0, 5.0), (2.7, -3.3), ((0.0, 0.0),),
              suggested_lr=0.01, note=N_("A deep funnel under a bumpy surface."),
              hessian=hessians.ackley),
    Objective("saddle", N_("Saddle (x² − y²)"), "f(x, y) = x² − y²", _saddle, _saddle_g,
              (-3.0, 3.0, -3.0, 3.0), (-2.5, 0.05), (), suggested_lr=0.05,
              note=N_("No minimum: near the y = 0 line descent slows down, then escapes."),
              hessian=hessians.saddle),
    Objective("goldstein-price", "Goldstein–Price",
              "f(x, y) = [1 + (x+y+1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]·"
              "[30 + (2x−3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)]",
              _goldstein_price, _goldstein_price_g, (-2.0, 2.0, -2.0, 2.0), (-0.6, 1.2),
              ((0.0, -1.0),), log_color=True, suggested_lr=1e-5,
              # momentum's and RAdam's first steps are lr × a gradient of ~10⁶ here
              optimizer_lr={"momentum": 1e-6, "nesterov": 1e-6, "adagrad": 2.0, "rmsprop": 0.2,
                            "adadelta": 10.0, "adam": 1.0, "adamw": 1.0, "nadam": 1.0,
                            "radam": 2e-6, "lion": 0.05},
              note=N_("Values from 3 to a million: the colour scale is logarithmic."),
              hessian=hessians.goldstein_price),
    Objective("styblinski-tang", "Styblinski–Tang",
              "f(x, y) = ½·(x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)",
              _styblinski_tang, _styblinski_tang_g, (-5.0, 5.0, -5.0, 5.0), (4.0, 4.5),
              ((_ST, _ST),), suggested_lr=0.01,
              note=N_("Four basins; only one holds the global minimum."),
              hessian=hessians.styblinski_tang),
    Objective("mccormick", "McCormick", "f(x, y) = sin(x + y) + (x − y)² − 1.5x + 2.5y + 1",
              _mccormick, _mccormick_g, (-1.5, 4.0, -3.0, 4.0), (3.0, 3.5),
              ((-0.5471975602214493, -1.5471975602214493),), suggested_lr=0.05,
              note=N_("A smooth, gently tilted valley."),
              hessian=hessians.mccormick),
)

OBJECTIVES: dict[str, Objective] = {o.name: o for o in _CATALOGUE}


def get_objective(name: str) -> Objective:
    """Look up an objective by canonical name; unknown names raise ``ValueError`` listing all."""
    try:
        return OBJECTIVES[name]
    except KeyError:
        raise ValueError(Message("unknown problem {name!r}; choose one of: {choices}",
                                 name=name, choices=", ".join(OBJECTIVES))) from None
