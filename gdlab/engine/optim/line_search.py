"""Line searches along a descent direction d: how far to go, α, so that θ + α·d is good enough.

Both work on the one-variable function φ(α) = f(θ + α·d), with φ(0) = ``f0`` and its slope
φ'(0) = ∇f(θ)·d = ``slope0`` < 0. Each call of ``phi`` is one evaluation the caller counts;
the result lists every α tried, in order (the trial points the map draws).

- :func:`backtrack` (Armijo): α₀, ρα₀, ρ²α₀, … until sufficient decrease
  φ(α) ≤ φ(0) + c·α·φ'(0); values only.
- :func:`strong_wolfe` (Nocedal & Wright, algorithms 3.5 and 3.6): sufficient decrease and
  the curvature condition |φ'(α)| ≤ c₂·|φ'(0)|; each trial a value and a gradient.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Search:
    """The outcome: ``alpha`` accepted (0.0 when ``ok`` is False: nothing acceptable found),
    ``f`` = φ(alpha), ``payload`` what ``phi`` returned with it (e.g. the gradient there),
    ``trials`` every α evaluated in order, ``values`` φ there and ``slopes`` φ' there (the
    strong-Wolfe search's; the step inspector shows them)."""

    alpha: float
    f: float
    payload: Any = None
    trials: list[float] = field(default_factory=list)
    ok: bool = True
    values: list[float] = field(default_factory=list)
    slopes: list[float] = field(default_factory=list)


def armijo_holds(f: float, f0: float, alpha: float, slope0: float, c: float) -> bool:
    """The sufficient-decrease (Armijo) condition φ(α) ≤ φ(0) + c·α·φ'(0) (False for nan)."""
    return f <= f0 + c * alpha * slope0


def backtrack(phi: Callable[[float], float], f0: float, slope0: float, alpha0: float,
              c: float, rho: float, max_evals: int = 50) -> Search:
    """Backtracking: the first α in α₀, ρα₀, ρ²α₀, … (at most ``max_evals``) that satisfies
    :func:`armijo_holds`; ``phi(α)`` returns φ(α)."""
    trials: list[float] = []
    values: list[float] = []
    alpha = alpha0
    for _ in range(max_evals):
        f = phi(alpha)
        trials.append(alpha)
        values.append(f)
        if armijo_holds(f, f0, alpha, slope0, c):
            return Search(alpha, f, None, trials, values=values)
        alpha *= rho
    return Search(0.0, f0, None, trials, ok=False, values=values)


def strong_wolfe(phi: Callable[[float], tuple[float, float, Any]], f0: float, slope0: float,
                 alpha1: float, c1: float = 1e-4, c2: float = 0.9,
                 max_evals: int = 25) -> Search:
    """A step satisfying the strong Wolfe conditions: ``phi(α)`` returns ``(φ(α), φ'(α),
    payload)``. α grows ×2 until the minimum is bracketed, then the bracket is zoomed with
    a safeguarded cubic. Within ``max_evals`` evaluations; if none satisfies both
    conditions, the best point with sufficient decrease (``ok`` True) or nothing."""
    trials: list[float] = []
    values: list[float] = []
    slopes: list[float] = []

    def probe(a: float) -> tuple[float, float, Any]:
        trials.append(a)
        f, d, pay = phi(a)
        if not (math.isfinite(f) and math.isfinite(d)):
            f, d = math.inf, math.nan
        values.append(f)
        slopes.append(d)
        return f, d, pay

    s = _bracket(probe, f0, slope0, alpha1, c1, c2, max_evals, trials)
    s.values, s.slopes = values, slopes
    return s


def _bracket(probe, f0, slope0, alpha1, c1, c2, max_evals, trials) -> Search:
    """Algorithm 3.5: α grows until the minimum is bracketed (then :func:`_zoom`)."""
    lo = (0.0, f0, slope0, None)  # (α, φ, φ', payload)
    a = alpha1
    while len(trials) < max_evals:
        f, d, pay = probe(a)
        if not armijo_holds(f, f0, a, slope0, c1) or (len(trials) > 1 and f >= lo[1]):
            return _zoom(probe, lo, (a, f, d, pay), f0, slope0, c1, c2, max_evals, trials)
        if abs(d) <= -c2 * slope0:
            return Search(a, f, pay, trials)
        if d >= 0:
            return _zoom(probe, (a, f, d, pay), lo, f0, slope0, c1, c2, max_evals, trials)
        lo = (a, f, d, pay)
        a *= 2.0
    return _best(lo, f0, trials)


def _zoom(probe, lo, hi, f0, slope0, c1, c2, max_evals, trials) -> Search:
    """Shrink the bracket [lo, hi] (``lo`` the end with sufficient decrease and the lower
    value) until a trial satisfies both conditions."""
    while len(trials) < max_evals and _room(lo, hi):
        a = _cubic_min(lo, hi)
        f, d, pay = probe(a)
        if not armijo_holds(f, f0, a, slope0, c1) or f >= lo[1]:
            hi = (a, f, d, pay)
        else:
            if abs(d) <= -c2 * slope0:
                return Search(a, f, pay, trials)
            if d * (hi[0] - lo[0]) >= 0:
                hi = lo
            lo = (a, f, d, pay)
    return _best(lo, f0, trials)


def _room(lo, hi) -> bool:
    """Is an α left strictly between the bracket's ends? (Not when they are neighbouring
    floats: a zoom then would only evaluate them again.)"""
    return min(lo[0], hi[0]) < 0.5 * (lo[0] + hi[0]) < max(lo[0], hi[0])


def _best(lo, f0: float, trials: list[float]) -> Search:
    if lo[0] > 0:  # sufficient decrease without the curvature condition: still progress
        return Search(lo[0], lo[1], lo[3], trials)
    return Search(0.0, f0, None, trials, ok=False)


def _cubic_min(lo, hi) -> float:
    """The minimiser of the cubic through both ends' values and slopes, kept in the middle
    80 % of the bracket (bisection when the cubic has none or a value is not finite)."""
    a, fa, da = lo[:3]
    b, fb, db = hi[:3]
    mid = 0.5 * (a + b)
    if not all(math.isfinite(v) for v in (fa, da, fb, db)):
        return mid
    d1 = da + db - 3.0 * (fa - fb) / (a - b)
    disc = d1 * d1 - da * db
    if disc < 0:
        return mid
    d2 = math.copysign(math.sqrt(disc), b - a)
    denom = db - da + 2.0 * d2
    if denom == 0:
        return mid
    t = b - (b - a) * (db + d2 - d1) / denom
    left, right = min(a, b), max(a, b)
    margin = 0.1 * (right - left)
    # near the floats' resolution the margin rounds away: never an end (mid is none either
    # while the zoom has room)
    return t if left + margin <= t <= right - margin and left < t < right else mid
