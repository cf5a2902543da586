"""The local curvature of a 2-D function: the Hessian's eigenvalues and directions, the
condition number, gradient descent's stability limit and the local quadratic model's ellipse.

At θ the quadratic model is q(θ + d) = f + g·d + ½ dᵀHd. Where H is positive definite its
level sets are ellipses with axes along H's eigenvectors and semi-axes ∝ 1/√λ (their ratio
is √κ), centred at its minimum θ − H⁻¹g, where a Newton step goes; :func:`ellipse` draws
that shape around θ at a size the map can show.
Plain gradient descent is stable along an eigen-direction iff lr < 2/λ: the limit is 2/λmax.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..problems.hessians import eigen
from ..text import Message


@dataclass(frozen=True)
class Curvature:
    """At ``point`` (x, y) with gradient ``grad``: eigenvalues ``lo`` ≤ ``hi`` of the Hessian,
    ``v_hi`` the unit eigenvector of ``hi`` (``v_lo`` ⟂ it)."""

    point: tuple[float, float]
    grad: tuple[float, float]
    lo: float
    hi: float
    v_hi: tuple[float, float]

    @property
    def v_lo(self) -> tuple[float, float]:
        return -self.v_hi[1], self.v_hi[0]

    @property
    def definite(self) -> bool:
        """Positive definite: the quadratic model has a minimum (and an ellipse)."""
        return self.lo > 0

    @property
    def kappa(self) -> float:
        """The condition number λmax/λmin (positive definite only; else nan)."""
        return self.hi / self.lo if self.definite else math.nan

    @property
    def limit(self) -> float:
        """Gradient descent's local stability limit 2/λmax (inf where λmax ≤ 0)."""
        return 2.0 / self.hi if self.hi > 0 else math.inf

    @property
    def centre(self) -> tuple[float, float] | None:
        """The quadratic model's minimum θ − H⁻¹g (positive definite only)."""
        if not self.definite:
            return None
        d = self._inverse_times(self.grad)
        return self.point[0] - d[0], self.point[1] - d[1]

    def _inverse_times(self, g: tuple[float, float]) -> tuple[float, float]:
        """H⁻¹g through the eigen-decomposition."""
        (a, b), (c, e) = self.v_hi, self.v_lo
        u = (a * g[0] + b * g[1]) / self.hi
        w = (c * g[0] + e * g[1]) / self.lo
        return a * u + c * w, b * u + e * w

    def text(self) -> str:
        """"λ = 9.75 and 2093 · κ = 215", or what an indefinite Hessian means."""
        lam = dict(lo=self.lo, hi=self.hi)
        if self.definite:
            return Message("λ = {lo:.3g} and {hi:.3g}  ·  κ = {kappa:.3g}", kappa=self.kappa,
                           **lam)
        if self.lo < 0 < self.hi:
            return Message("λ = {lo:.3g} and {hi:.3g}  ·  saddle-shaped here (one negative "
                           "eigenvalue)", **lam)
        if self.hi < 0:
            return Message("λ = {lo:.3g} and {hi:.3g}  ·  curving down both ways (a maximum's "
                           "shape)", **lam)
        return Message("λ = {lo:.3g} and {hi:.3g}  ·  flat along one direction (H singular)",
                       **lam)


def curvature_at(objective, x: float, y: float) -> Curvature:
    """The curvature of ``objective`` (anything with ``grad`` and ``hess``) at (x, y)."""
    x, y = float(x), float(y)
    hxx, hxy, hyy = objective.hess(x, y)
    lo, hi, c, s = eigen(float(hxx), float(hxy), float(hyy))
    gx, gy = objective.grad(x, y)
    return Curvature((x, y), (float(gx), float(gy)), lo, hi, (c, s))


def ellipse(c: Curvature, size: float, n: int = 160) -> np.ndarray:
    """The local quadratic model's shape at θ: the ellipse {θ + d : dᵀHd = const} with axes
    along the eigenvectors, semi-axes ∝ 1/√λ, the longer one ``size``; (n, 2), closed.
    Empty (0, 2) where H is not positive definite (its level sets are no ellipses)."""
    if not c.definite:
        return np.empty((0, 2))
    t = np.linspace(0.0, 2.0 * np.pi, n)
    a, b = size * math.sqrt(c.lo / c.hi), size  # along v_hi (steep), along v_lo (flat)
    u, w = a * np.cos(t), b * np.sin(t)
    x, y = c.point
    return np.column_stack((x + u * c.v_hi[0] + w * c.v_lo[0], y + u * c.v_hi[1] + w * c.v_lo[1]))


def axes(c: Curvature, size: float) -> tuple[np.ndarray, np.ndarray]:
    """The two eigen-directions as segments through θ, each (2, 2), λmax's then λmin's: the
    ellipse's axes where H is positive definite, else ``size`` each way."""
    segments = []
    for lam, v in ((c.hi, c.v_hi), (c.lo, c.v_lo)):
        half = size * math.sqrt(c.lo / lam) if c.definite else size
        segments.append(np.array([[c.point[0] - half * v[0], c.point[1] - half * v[1]],
                                  [c.point[0] + half * v[0], c.point[1] + half * v[1]]]))
    return segments[0], segments[1]
