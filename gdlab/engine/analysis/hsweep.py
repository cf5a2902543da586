"""The h-sweep: how far the numerical gradient is from the exact one as its step h goes from
1e-12 to 1, in float64 and in float32.

Central differences (f(θ + h) − f(θ − h)) / 2h err in two ways: *truncation* (the difference
quotient is not the slope; ∝ h², it grows to the right) and *rounding* (f(θ ± h) agree in
most of their digits and the subtraction cancels them; ∝ ε/h, ε the precision, it grows to
the left). Together they make a V whose bottom is the best h: near 1e-5 in float64 (ε ≈ 2e-16)
and near 1e-2 in float32 (ε ≈ 1e-7). On a quadratic the truncation error is 0 — the central
difference is exact for x² — and only rounding is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..problems.models import is_model
from ..problems.objectives import FLOAT_MATH
from .checkgrad import check_batch

H_FROM, H_TO = 1e-12, 1.0
PER_DECADE = 6
MODEL_PER_DECADE = 2  # a model's numerical gradient costs two losses per parameter and h
PRECISIONS = ("float64", "float32")
#: the truncation error counts as absent when the error at h = 1 is below this (× max |g|)
NO_TRUNCATION = 1e-6


@dataclass(frozen=True)
class HSweep:
    """``h`` (m,) and ``error[precision]`` (m,): max |n(h) − g| over every parameter, ``n``
    the numerical gradient in that precision, ``g`` the exact (analytic) one in float64;
    nan where a value overflowed. ``truncation_free``: no truncation error (a quadratic)."""

    h: np.ndarray
    error: dict[str, np.ndarray]
    grad_scale: float  # max |g|
    truncation_free: bool

    def best(self, precision: str = "float64") -> float | None:
        """The h of the smallest positive error (``None``: every error is 0 or nan)."""
        e = self.error[precision]
        ok = np.isfinite(e) & (e > 0)
        return float(self.h[ok][np.argmin(e[ok])]) if ok.any() else None

    def at(self, h: float, precision: str = "float64") -> float:
        """The error at the grid's h nearest ``h`` (on a log scale)."""
        return float(self.error[precision][np.argmin(np.abs(np.log10(self.h / h)))])


def h_grid(lo: float = H_FROM, hi: float = H_TO, per_decade: int = PER_DECADE) -> np.ndarray:
    """Log-spaced h from ``lo`` to ``hi``, ``per_decade`` a decade (powers of 10 included)."""
    n = int(round(np.log10(hi / lo) * per_decade)) + 1
    return 10.0 ** np.linspace(np.log10(lo), np.log10(hi), n)


def h_sweep(problem: Any, params: Sequence | None = None, hs: np.ndarray | None = None,
            idx: Any = "first") -> HSweep:
    """The sweep at ``params`` (default: the problem's start, or a model's initial weights;
    a model on batch ``idx``, by default the gradient check's) over ``hs`` (default
    :func:`h_grid`, coarser for a model)."""
    if hs is None:
        hs = h_grid(per_decade=MODEL_PER_DECADE if is_model(problem) else PER_DECADE)
    hs = np.asarray(hs, dtype=float)
    with np.errstate(all="ignore"):
        if is_model(problem):
            exact, errors = _model_errors(problem, params, hs, idx)
        else:
            exact, errors = _objective_errors(problem, params, hs)
    scale = float(np.max(np.abs(exact), initial=0.0))
    last = errors["float64"][np.argmax(hs)]
    free = bool(np.isfinite(last) and last <= NO_TRUNCATION * max(scale, 1.0))
    return HSweep(hs, errors, scale, free)


def _objective_errors(obj: Any, params: Sequence | None, hs: np.ndarray
                      ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """A 2-D objective's central differences for every h at once (each coordinate an (m,)
    array in the precision)."""
    p = [float(v) for v in (obj.start if params is None else params)]
    exact = np.array(obj.gradient(*p, FLOAT_MATH), dtype=float)
    errors = {}
    for precision in PRECISIONS:
        dt = np.dtype(precision).type
        H = hs.astype(dt)
        err = np.zeros(len(hs))
        for j in range(len(p)):
            Q = [np.full(len(hs), dt(v)) for v in p]
            Q[j] = dt(p[j]) + H
            f1 = obj.f(*Q)
            Q[j] = dt(p[j]) - H
            f2 = obj.f(*Q)
            n = ((f1 - f2) / (2 * H)).astype(float)
            err = np.fmax(err, np.abs(n - exact[j])) if j else np.abs(n - exact[j])
        errors[precision] = err
    return exact, errors


def _model_errors(problem: Any, params: Sequence | None, hs: np.ndarray, idx: Any
                  ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """A model's numerical gradient (its own, element by element) for each h."""
    if params is None:
        params = problem.init_params(problem.start)
    if isinstance(idx, str):
        idx = check_batch(problem)
    leaves = [np.asarray(p, dtype=float) for p in params]
    exact = np.concatenate([np.ravel(g) for g in problem.evaluate(leaves, idx, "analytic")[1]])
    errors = {}
    for precision in PRECISIONS:
        dt = np.dtype(precision).type
        typed = [leaf.astype(dt) if leaf.ndim else dt(leaf) for leaf in leaves]
        err = np.empty(len(hs))
        for i, h in enumerate(hs):
            grads = problem.evaluate(typed, idx, "numerical", float(h))[1]
            n = np.concatenate([np.ravel(np.asarray(g, dtype=float)) for g in grads])
            err[i] = np.max(np.abs(n - exact), initial=0.0)
        errors[precision] = err
    return exact, errors
