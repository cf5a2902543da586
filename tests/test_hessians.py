"""The analytic Hessians against central differences of the analytic gradient."""

import math

import numpy as np
import pytest

from gdlab.engine.problems.hessians import eigen, fd_hessian
from gdlab.engine.problems.objectives import ARRAY_MATH, OBJECTIVES, Objective


def _points(o: Objective, n: int = 12) -> list[tuple[float, float]]:
    rng = np.random.default_rng(7)
    x0, x1, y0, y1 = o.box
    pts = [tuple(map(float, p)) for p in rng.uniform((x0, y0), (x1, y1), size=(n, 2))]
    return [*pts, tuple(map(float, o.start))]


@pytest.mark.parametrize("name", list(OBJECTIVES))
def test_every_catalogue_objective_has_an_analytic_hessian_matching_differences(name):
    o = OBJECTIVES[name]
    assert o.hessian is not None
    for x, y in _points(o):
        H = o.hess(x, y)
        D = fd_hessian(o.grad, x, y, h=1e-5)
        scale = max(1.0, *map(abs, D))
        for a, b in zip(H, D):
            assert abs(a - b) <= 2e-5 * scale, (name, x, y, H, D)


@pytest.mark.parametrize("name", list(OBJECTIVES))
def test_hessian_on_arrays_equals_the_pointwise_floats(name):
    o = OBJECTIVES[name]
    pts = np.array(_points(o, 5))
    H = o.hessian(pts[:, 0], pts[:, 1], ARRAY_MATH)
    for i, (x, y) in enumerate(pts):
        for j, v in enumerate(o.hess(float(x), float(y))):
            assert np.shape(H[j]) == (len(pts),)
            assert H[j][i] == pytest.approx(v, rel=1e-12, abs=1e-12)


def test_fd_fallback_when_a_function_has_no_hessian():
    o = OBJECTIVES["rosenbrock"]
    bare = Objective("bare", "Bare", "", o.value, o.gradient, o.box, o.start)
    assert bare.hessian is None
    assert bare.hess(0.3, -0.2) == pytest.approx(o.hess(0.3, -0.2), rel=1e-6)


def test_eigen_closed_form_matches_numpy():
    for H in ((2.0, 0.0, 2.0), (1202.0, -400.0, 200.0), (2.0, 0.7, -3.0), (0.5, -0.48, 0.52)):
        lo, hi, c, s = eigen(*H)
        M = np.array([[H[0], H[1]], [H[1], H[2]]])
        w = np.linalg.eigvalsh(M)
        assert (lo, hi) == pytest.approx(tuple(w), rel=1e-12, abs=1e-12)
        assert M @ np.array([c, s]) == pytest.approx(hi * np.array([c, s]), abs=1e-9 * abs(hi) + 1e-12)
        assert math.hypot(c, s) == pytest.approx(1.0)


def test_the_advice_and_the_maps_read_the_analytic_hessian():
    from gdlab.engine.analysis.advice import hessian, max_curvature

    H = hessian(OBJECTIVES["rosenbrock"], (-1.5, 2.0))  # 2 − 400y + 1200x², −400x, 200: exact
    assert H.tolist() == [[1902.0, 600.0], [600.0, 200.0]]
    assert max_curvature(OBJECTIVES["rosenbrock"], (-1.5, 2.0)) == float(np.linalg.eigvalsh(H)[-1])


@pytest.mark.parametrize("text", ["x^2*y + sin(x*y)", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                                  "exp(0.3*x) * cos(y) + x/(1 + y^2)", "sqrt(x^2 + y^2 + 1)",
                                  "max(x, y) + x^2", "min(x*y, 1) + y^2"])
def test_a_typed_formulas_hessian_comes_from_its_tree(text):
    from gdlab.engine.problems.formula.objective import parse_formula

    o = parse_formula(text)
    assert o.hessian is not None
    rng = np.random.default_rng(5)
    for x, y in rng.uniform(-2.0, 2.0, size=(8, 2)):
        if min(abs(x - y), abs(x * y - 1)) < 1e-3:
            continue  # on a kink of max or min: no second derivative
        H = o.hess(float(x), float(y))
        D = fd_hessian(o.grad, float(x), float(y), h=1e-5)
        scale = max(1.0, *map(abs, D))
        assert all(isinstance(v, float) for v in H)
        for a, b in zip(H, D):
            assert abs(a - b) <= 2e-5 * scale, (text, x, y, H, D)
    pts = rng.uniform(-2.0, 2.0, size=(5, 2))
    A = o.hessian(pts[:, 0], pts[:, 1], ARRAY_MATH)
    for i, (x, y) in enumerate(pts):
        assert [a[i] for a in A] == pytest.approx(o.hess(float(x), float(y)), rel=1e-12)


def test_the_derivative_of_an_indicator_is_zero():
    # d/dx of max(x, y)'s ∂f/∂x = [x > y] is 0 (it was [x > y] again: max(x, y) + x² had
    # f_xy = f_yy = 1 where y > x)
    from gdlab.engine.problems.formula.objective import parse_formula

    assert parse_formula("max(x, y) + x^2").hess(0.7, 1.3) == (2.0, 0.0, 0.0)
