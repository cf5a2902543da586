import math

import numpy as np
import pytest

from gdlab.engine.gradients.methods import numerical_gradient
from gdlab.engine.problems.objectives import OBJECTIVES, get_objective

NAMES = sorted(OBJECTIVES)


def test_catalogue_has_the_required_functions():
    required = {"bowl", "ellipse", "rosenbrock", "himmelblau", "beale", "booth", "matyas",
                "three-hump-camel", "six-hump-camel", "rastrigin", "ackley", "saddle",
                "goldstein-price", "styblinski-tang"}
    assert required <= set(OBJECTIVES)
    assert len(OBJECTIVES) >= 14


@pytest.mark.parametrize("name", NAMES)
def test_analytic_gradient_matches_numerical(name):
    obj = get_objective(name)
    rng = np.random.default_rng(1)
    x0, x1, y0, y1 = obj.box
    for _ in range(20):
        p = np.array([rng.uniform(x0, x1), rng.uniform(y0, y1)])
        num = numerical_gradient(lambda q: obj.f(q[0], q[1]), p.copy(), h=1e-5)
        ana = np.array(obj.grad(float(p[0]), float(p[1])))
        err = np.max(np.abs(ana - num)) / max(np.max(np.abs(num)), 1.0)
        assert err < 1e-6, (name, p, ana, num)


@pytest.mark.parametrize("name", NAMES)
def test_floats_arrays_and_grids_agree(name):
    obj = get_objective(name)
    xs, ys, Z = obj.grid(30)
    assert Z.shape == (30, 30) and np.isfinite(Z).all()
    i, j = 7, 19
    assert Z[i, j] == pytest.approx(obj.f(float(xs[j]), float(ys[i])), rel=1e-12, abs=1e-12)
    K = np.stack([xs, ys], axis=-1)  # K points, shape (30, 2)
    vals = obj.f_points(K)
    gx, gy = obj.grad(xs, ys)
    for k in (0, 13, 29):
        assert vals[k] == pytest.approx(obj.f(float(xs[k]), float(ys[k])), rel=1e-12, abs=1e-12)
        fx, fy = obj.grad(float(xs[k]), float(ys[k]))
        assert gx[k] == pytest.approx(fx, rel=1e-12, abs=1e-9)
        assert gy[k] == pytest.approx(fy, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_known_minima_are_stationary_and_lowest(name):
    obj = get_objective(name)
    x0, x1, y0, y1 = obj.box
    assert x0 < obj.start[0] < x1 and y0 < obj.start[1] < y1
    assert obj.formula.startswith("f(x, y) =")
    if not obj.minima:
        assert name == "saddle"
        return
    _, _, Z = obj.grid(200)
    for mx, my in obj.minima:
        gx, gy = obj.grad(mx, my)
        assert math.hypot(gx, gy) < 1e-5, (name, gx, gy)
        assert obj.f(mx, my) <= Z.min() + 1e-9


def test_unknown_objective_lists_the_names():
    with pytest.raises(ValueError, match="rosenbrock"):
        get_objective("rosenbrok")
