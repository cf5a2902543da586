"""The gradient check: numerical vs analytic/backprop vs autodiff, per parameter array."""

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.analysis.checkgrad import check_gradients, format_table, gradients_by_method
from gdlab.engine.problems.registry import MODELS, get_problem
from gdlab.engine.problems.objectives import OBJECTIVES


@pytest.mark.parametrize("options", [{}, {"hidden": 50, "batch": 100},
                                     {"dataset": "spiral", "classes": 3, "hidden": 10}])
def test_mlp_gradient_check(options):
    rows = check_gradients(get_problem("mlp", **options), h=1e-4)
    assert [r.param for r in rows] == ["W1", "b1", "W2", "b2"]
    H = options.get("hidden", 32)
    assert rows[0].shape == (2, H) and rows[1].shape == (H,)
    _, g = gradients_by_method(get_problem("mlp", **options))
    for r, a in zip(rows, g["analytic"]):
        assert r.analytic_rel < 1e-5 and r.autodiff_rel < 1e-5
        assert r.analytic_abs < 1e-9
        # backprop and autodiff: the same arithmetic up to rounding
        assert r.analytic_autodiff_abs <= 1e-13 * max(np.max(np.abs(a)), 1e-3)


@pytest.mark.parametrize("name", [n for n in MODELS if n != "mlp"])
def test_scalar_models_gradient_check(name):
    for r in check_gradients(name):
        assert r.shape == () and r.analytic_rel < 1e-8 and r.autodiff_rel < 1e-8
        assert r.analytic_autodiff_abs <= 1e-12


@pytest.mark.parametrize("name", list(OBJECTIVES))
def test_objectives_gradient_check(name):
    rows = check_gradients(name)
    assert [r.param for r in rows] == ["x", "y"]
    for r in rows:
        assert r.analytic_rel < 1e-5
        assert r.autodiff_rel == pytest.approx(r.analytic_rel, rel=1e-3, abs=1e-12)


def test_table_and_cli(capsys):
    text = format_table(check_gradients("mlp"))
    assert len(text.splitlines()) == 5 and "e-" in text
    assert main(["check-grad", "--problem", "mlp", "--hidden", "50", "--batch", "100"]) == 0
    out = capsys.readouterr().out
    for name in ("W1", "b1", "W2", "b2", "relative"):
        assert name in out
    assert main(["check-grad", "--problem", "rosenbrock"]) == 0
    assert main(["check-grad", "--problem", "mlp", "--h", "0"]) == 2
