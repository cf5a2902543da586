"""Analytic Hessians of the catalogue's 2-D functions, and the finite-difference fallback.

Each ``hessian(x, y, m)`` returns ``(f_xx, f_xy, f_yy)`` (the symmetric 2×2 matrix's three
entries) with the shapes of ``x`` and ``y``, written with the same ``m`` math namespace as
the values and gradients in :mod:`~gdlab.engine.problems.objectives`, so one call serves a
point, a grid or K runs. :func:`fd_hessian` differentiates a gradient by central differences
for functions without an analytic Hessian.
"""

from __future__ import annotations

import math
from typing import Callable

Triple = tuple  # (f_xx, f_xy, f_yy), floats or arrays of one shape


def bowl(x, y, m) -> Triple:
    return 2.0 + 0.0 * x, 0.0 * x, 2.0 + 0.0 * y


def ellipse(x, y, m) -> Triple:
    return 0.1 + 0.0 * x, 0.0 * x, 2.0 + 0.0 * y


def rosenbrock(x, y, m) -> Triple:
    return 2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x, 200.0 + 0.0 * y


def himmelblau(x, y, m) -> Triple:
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * a + 8.0 * x * x + 2.0, 4.0 * (x + y), 4.0 * b + 8.0 * y * y + 2.0


def beale(x, y, m) -> Triple:
    y2 = y * y
    y3 = y2 * y
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y2
    c = 2.625 - x + x * y3
    u1, u2, u3 = y - 1.0, y2 - 1.0, y3 - 1.0
    fxx = 2.0 * (u1 * u1 + u2 * u2 + u3 * u3)
    fxy = (2.0 * (x * u1 + a) + 2.0 * (2.0 * x * y * u2 + 2.0 * y * b)
           + 2.0 * (3.0 * x * y2 * u3 + 3.0 * y2 * c))
    fyy = (2.0 * x * x + 8.0 * x * x * y2 + 4.0 * x * b + 18.0 * x * x * y2 * y2
           + 12.0 * x * y * c)
    return fxx, fxy, fyy


def booth(x, y, m) -> Triple:
    return 10.0 + 0.0 * x, 8.0 + 0.0 * x, 10.0 + 0.0 * y


def matyas(x, y, m) -> Triple:
    return 0.52 + 0.0 * x, -0.48 + 0.0 * x, 0.52 + 0.0 * y


def three_hump(x, y, m) -> Triple:
    x2 = x * x
    return 4.0 - 12.6 * x2 + 5.0 * x2 * x2, 1.0 + 0.0 * x, 2.0 + 0.0 * y


def six_hump(x, y, m) -> Triple:
    x2 = x * x
    return 8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0 + 0.0 * x, -8.0 + 48.0 * y * y


def rastrigin(x, y, m) -> Triple:
    w = 2.0 * m.pi
    return 2.0 + 10.0 * w * w * m.cos(w * x), 0.0 * x, 2.0 + 10.0 * w * w * m.cos(w * y)


def ackley(x, y, m) -> Triple:
    w = 2.0 * m.pi
    r = m.sqrt(0.5 * (x * x + y * y))
    s = 1.0 / (r + 1e-300)  # as the gradient: the cone's tip (the origin) has no Hessian
    e1 = m.exp(-0.2 * r)
    radial = 2.0 * e1 * s
    bend = e1 * (0.2 * r + 1.0) * s * s * s  # −(d/dr of radial/2x) / (r/2x)
    E = m.exp(0.5 * (m.cos(w * x) + m.cos(w * y)))
    hw = 0.5 * w
    sx, sy = m.sin(w * x), m.sin(w * y)
    fxx = radial - x * x * bend - E * (hw * sx) ** 2 + hw * w * E * m.cos(w * x)
    fyy = radial - y * y * bend - E * (hw * sy) ** 2 + hw * w * E * m.cos(w * y)
    fxy = -x * y * bend - E * hw * hw * sx * sy
    return fxx, fxy, fyy


def saddle(x, y, m) -> Triple:
    return 2.0 + 0.0 * x, 0.0 * x, -2.0 + 0.0 * y


def goldstein_price(x, y, m) -> Triple:
    a = x + y + 1.0
    B = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y
    c = 2.0 * x - 3.0 * y
    D = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y
    A = 1.0 + a * a * B
    C = 30.0 + c * c * D
    dB = -14.0 + 6.0 * x + 6.0 * y  # B_x == B_y
    dA = 2.0 * a * B + a * a * dB  # A_x == A_y
    d2A = 2.0 * B + 4.0 * a * dB + 6.0 * a * a  # A_xx == A_xy == A_yy
    Dx = -32.0 + 24.0 * x - 36.0 * y
    Dy = 48.0 - 36.0 * x + 54.0 * y
    Cx = 4.0 * c * D + c * c * Dx
    Cy = -6.0 * c * D + c * c * Dy
    Cxx = 8.0 * D + 8.0 * c * Dx + 24.0 * c * c
    Cxy = -12.0 * D + 4.0 * c * Dy - 6.0 * c * Dx - 36.0 * c * c
    Cyy = 18.0 * D - 12.0 * c * Dy + 54.0 * c * c
    return (d2A * C + 2.0 * dA * Cx + A * Cxx,
            d2A * C + dA * Cy + dA * Cx + A * Cxy,
            d2A * C + 2.0 * dA * Cy + A * Cyy)


def styblinski_tang(x, y, m) -> Triple:
    return 6.0 * x * x - 16.0, 0.0 * x, 6.0 * y * y - 16.0


def mccormick(x, y, m) -> Triple:
    s = m.sin(x + y)
    return 2.0 - s, -2.0 - s, 2.0 - s


def fd_hessian(grad: Callable[[float, float], tuple], x: float, y: float,
               h: float = 1e-5) -> Triple:
    """``(f_xx, f_xy, f_yy)`` at one point by central differences of ``grad(x, y)`` (the
    analytic or any other gradient); the two estimates of f_xy are averaged (symmetric)."""
    gx1, gy1 = grad(x + h, y)
    gx0, gy0 = grad(x - h, y)
    hx1, hy1 = grad(x, y + h)
    hx0, hy0 = grad(x, y - h)
    d = 2.0 * h
    return (gx1 - gx0) / d, 0.5 * ((gy1 - gy0) + (hx1 - hx0)) / d, (hy1 - hy0) / d


def eigen(hxx: float, hxy: float, hyy: float) -> tuple[float, float, float, float]:
    """Eigenvalues and the first eigenvector of the symmetric 2×2 matrix, in closed form:
    ``(λ_min, λ_max, cos θ, sin θ)`` with (cos θ, sin θ) the unit direction of λ_max."""
    mean = 0.5 * (hxx + hyy)
    half = math.hypot(0.5 * (hxx - hyy), hxy)
    theta = 0.5 * math.atan2(2.0 * hxy, hxx - hyy)
    return mean - half, mean + half, math.cos(theta), math.sin(theta)
