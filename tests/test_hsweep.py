"""The h-sweep: the numerical gradient's error against h, in float64 and float32."""

import numpy as np
import pytest

from gdlab.engine.analysis.checkgrad import check_gradients
from gdlab.engine.analysis.hsweep import h_grid, h_sweep
from gdlab.engine.problems.registry import get_problem


def test_the_grid_spans_1e_12_to_1_with_the_powers_of_ten():
    h = h_grid()
    assert h[0] == pytest.approx(1e-12) and h[-1] == pytest.approx(1.0)
    for p in range(-12, 1):
        assert np.min(np.abs(np.log10(h) - p)) < 1e-12


@pytest.mark.parametrize("name", ["rosenbrock", "beale", "six-hump-camel"])
def test_the_error_is_a_v_with_its_bottom_between_1e_7_and_1e_3_in_float64(name):
    s = h_sweep(get_problem(name))
    assert not s.truncation_free
    best64, best32 = s.best("float64"), s.best("float32")
    assert 1e-7 <= best64 <= 1e-3
    assert best32 > 10 * best64  # fewer digits: rounding wins up to a larger h
    low = s.error["float64"][np.argmin(np.abs(s.h - best64))]
    assert s.at(1e-12) > 100 * low and s.at(1.0) > 100 * low  # rounding left, truncation right


def test_the_sweeps_error_at_h_is_the_gradient_checks():
    obj = get_problem("rosenbrock")
    point = (0.3, -0.7)
    s = h_sweep(obj, point, hs=np.array([1e-6, 1e-4, 1e-2]))
    for h in (1e-6, 1e-4, 1e-2):
        rows = check_gradients(obj, h, params=point)
        assert s.at(h) == max(r.analytic_abs for r in rows)


def test_a_quadratic_has_no_truncation_error():
    for name in ("bowl", "ellipse", "linreg"):
        s = h_sweep(get_problem(name))
        assert s.truncation_free, name
        e = s.error["float64"]
        assert s.at(1.0) <= 1e-6 * max(s.grad_scale, 1.0)
        assert np.all(e[np.isfinite(e)] >= 0)


def test_a_networks_sweep_uses_its_own_numerical_gradient():
    s = h_sweep(get_problem("mlp", hidden=3, n=40))
    assert not s.truncation_free
    assert 1e-7 <= s.best("float64") <= 1e-3
