"""The curvature view's geometry: eigenvalues, κ, 2/λmax, the local quadratic model's ellipse."""

import math

import numpy as np
import pytest

from gdlab.engine.analysis.curvature import axes, curvature_at, ellipse
from gdlab.engine.problems.objectives import OBJECTIVES
from gdlab.engine.run.recipe import build_run, resolve


def test_on_the_bowl_the_model_is_a_circle_centred_at_the_minimum():
    c = curvature_at(OBJECTIVES["bowl"], -3.0, 4.0)
    assert (c.lo, c.hi, c.kappa, c.limit) == (2.0, 2.0, 1.0, 1.0)
    assert c.centre == pytest.approx((0.0, 0.0))
    E = ellipse(c, 0.5)
    assert np.hypot(E[:, 0] + 3.0, E[:, 1] - 4.0) == pytest.approx(np.full(len(E), 0.5))
    assert E[0] == pytest.approx(E[-1])


def test_the_ellipse_centre_is_where_newton_goes_and_the_point_lies_on_it():
    rosen = OBJECTIVES["rosenbrock"]
    c = curvature_at(rosen, -1.5, 2.0)
    run = build_run(resolve("rosenbrock", "newton", steps=1))
    run.advance()
    assert c.centre == pytest.approx(run.point, rel=1e-12)
    H = np.array([[1902.0, 600.0], [600.0, 200.0]])  # by hand: 2 − 400y + 1200x², −400x, 200
    w = np.linalg.eigvalsh(H)
    assert (c.lo, c.hi) == pytest.approx(tuple(w))
    assert c.kappa == pytest.approx(w[1] / w[0])
    assert c.limit == pytest.approx(2.0 / w[1])
    E = ellipse(c, 0.3, 2000)
    # a level set of ½dᵀHd around θ: dᵀHd equal all round, the longer semi-axis 0.3 (flat
    # direction), the shorter 0.3/√κ
    d = E - np.array([-1.5, 2.0])
    q = np.einsum("ni,ij,nj->n", d, H, d)
    assert q == pytest.approx(np.full(len(E), q[0]), rel=1e-9)
    assert np.max(np.hypot(d[:, 0], d[:, 1])) == pytest.approx(0.3, rel=1e-5)
    assert np.min(np.hypot(d[:, 0], d[:, 1])) == pytest.approx(0.3 / math.sqrt(c.kappa), rel=1e-3)
    big, small = axes(c, 0.3)
    assert (big[1] - big[0]) @ np.array(c.v_lo) == pytest.approx(0.0, abs=1e-12)
    assert np.linalg.norm(small[1] - small[0]) == pytest.approx(0.6)


def test_an_indefinite_hessian_has_no_ellipse_and_says_why():
    c = curvature_at(OBJECTIVES["saddle"], 1.0, 0.5)
    assert not c.definite and math.isnan(c.kappa) and c.centre is None
    assert ellipse(c, 1.0).shape == (0, 2)
    assert "saddle-shaped here" in c.text()
    big, small = axes(c, 0.5)
    assert np.linalg.norm(big[1] - big[0]) == pytest.approx(1.0)
