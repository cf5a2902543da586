"""The step inspector for the methods that evaluate f themselves (Newton, BFGS, CG, GD with
Armijo): each step in its own equations with the run's numbers, ending on the run's next row."""

from __future__ import annotations

import numpy as np
import pytest

from gdlab.engine.analysis.explain import Matrix, explain, show
from gdlab.engine.optim.second_order import Newton
from gdlab.engine.problems.objectives import Objective
from gdlab.engine.run.oracle import OracleRun
from gdlab.engine.run.recipe import build_run
from gdlab.engine.run.single import RunSettings


def _run(problem, optimizer, steps=40, **kw):
    run = build_run(RunSettings(problem=problem, optimizer=optimizer, steps=steps, tol=0.0, **kw))
    run.advance()
    return run


def _line(ex, lhs):
    """The line whose left-hand side is ``lhs`` (exactly one)."""
    found = [ln for ln in ex.lines if ln.lhs == lhs]
    assert len(found) == 1, (lhs, ex.text())
    return found[0]


FINAL = {"newton": "θ{k1} = θ{k} + lr·Δθ{k} = ", "bfgs": "θ{k1} = θ{k} + α{k}·d{k} = ",
         "cg": "θ{k1} = θ{k} + α{k}·d{k} = ", "gd-armijo": "θ{k1} = θ{k} − α{k}·g{k} = "}


def _sub(n):
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


@pytest.mark.parametrize("problem", ["rosenbrock", "himmelblau", "ellipse"])
@pytest.mark.parametrize("method", sorted(FINAL))
def test_each_method_ends_on_its_own_update_and_the_runs_next_row(method, problem):
    run = _run(problem, method)
    rows = run.trajectory.rows()
    ks = [k for k in (0, 1, 2, 5, 11, 17, 30) if k < len(rows) - 1]
    assert len(ks) >= 3
    for k in ks:
        ex = explain(run, k)
        if ex.result is None or not np.isfinite(rows[k + 1, :2]).all():
            continue
        final = ex.lines[-2]
        still = "no trial decreased f enough" in ex.text() or "stationary point" in ex.text()
        own = "θ{k1} = θ{k} = " if still else FINAL[method]  # (no step: a search that finds
        # nothing, or g = 0 exactly: these runs reach their minimum to the last bit)
        assert final.text().startswith(own.format(k=_sub(k), k1=_sub(k + 1))), ex.text()
        assert [float(v) for v in ex.result] == list(rows[k + 1, :2]), k  # bit for bit
        assert final.value == show(rows[k + 1, :2])
        assert "not written out" not in ex.text()


def test_newton_shows_the_hessian_its_inverse_and_the_solve():
    run = _run("rosenbrock", "newton", steps=5)
    rows = run.trajectory.rows()
    ex = explain(run, 1)
    x, y = rows[1, :2]
    hxx, hxy, hyy = 1200 * x * x - 400 * y + 2, -400 * x, 200.0  # Rosenbrock's by hand
    assert _line(ex, "H₁").value == str(Matrix([[hxx, hxy], [hxy, hyy]]))
    inv = np.linalg.inv([[hxx, hxy], [hxy, hyy]])
    assert _line(ex, "H₁⁻¹").value == str(Matrix(inv))
    delta = -inv @ rows[1, 3:5]
    assert _line(ex, "Δθ₁").value == show(delta)
    assert np.allclose(rows[2, :2], rows[1, :2] + delta, rtol=1e-12)


def test_newtons_damping_its_warning_and_its_fallback_are_shown():
    damped = explain(_run("saddle", "newton", steps=2, hyper={"damping": 3.0}), 0)
    assert _line(damped, "H₀ + λI").text() == \
        "H₀ + λI = [[2, 0], [0, −2]] + 3·I = [[5, 0], [0, 1]]"
    assert _line(damped, "Δθ₀").formula == "−(H₀ + λI)⁻¹·g₀"
    saddle = explain(_run("saddle", "newton", steps=2), 0)
    assert any("negative eigenvalue" in ln.note for ln in saddle.lines)
    quartic = Objective("quartic", "x² + y⁴", "", lambda x, y, m: x * x + y ** 4,
                        lambda x, y, m: (2.0 * x, 4.0 * y ** 3), (-2, 2, -2, 2), (1.0, 0.0),
                        hessian=lambda x, y, m: (2.0, 0.0, 12.0 * y * y))
    run = OracleRun(quartic, Newton(lr=0.25), steps=2)
    run.advance()
    lines = explain(run, 0).text().splitlines()
    assert any("singular" in s for s in lines)
    assert "θ₁ = θ₀ − lr·g₀ = (1, 0) − 0.25·(2, 0) = (0.5, 0)" in lines


def test_gd_armijo_lists_its_backtracking_trials():
    run = _run("rosenbrock", "gd-armijo", steps=6)
    rows = run.trajectory.rows()
    opt, obj = run.optimizer, run.objective
    ex = explain(run, 3)
    p, g, f = rows[3, :2], rows[3, 3:5], rows[3, 2]
    trials = [ln for ln in ex.lines if ln.lhs.startswith("f(θ₃ − ")]
    assert len(trials) >= 2  # Rosenbrock's valley: lr 1 is far too long
    for i, ln in enumerate(trials):
        a = opt.lr * opt.rho ** i
        assert ln.lhs == f"f(θ₃ − {show(a)}·g₃)"
        assert ln.value == show(obj.f(*(p - a * g)))
        accepted = obj.f(*(p - a * g)) <= f - opt.c * a * float(g @ g)
        assert ("accepted" in ln.note) == accepted == (i == len(trials) - 1)
    alpha = opt.lr * opt.rho ** (len(trials) - 1)
    assert _line(ex, "α₃").value == show(alpha)
    assert list(rows[4, :2]) == list(p - alpha * g)


def test_bfgs_shows_its_direction_its_wolfe_test_and_the_update_of_its_estimate():
    run = _run("rosenbrock", "bfgs", steps=8)
    rows = run.trajectory.rows()
    for k in (0, 4):
        ex = explain(run, k)
        s_k, k1 = _sub(k), _sub(k + 1)
        B = np.eye(2) if k == 0 else run.state_at(k)._state
        assert _line(ex, f"B⁻¹{s_k}").value == str(Matrix(B))
        d = -B @ rows[k, 3:5]
        assert _line(ex, f"d{s_k}").value == show(d)
        accepted = [ln for ln in ex.lines if ln.lhs.startswith(f"f(θ{s_k} + ")][-1]
        assert accepted.note.startswith("≤ f(θ") and "both conditions hold" in accepted.note
        alpha = float(np.linalg.norm(rows[k + 1, :2] - rows[k, :2]) / np.linalg.norm(d))
        assert float(_line(ex, f"α{s_k}").value) == pytest.approx(alpha, rel=1e-5)
        # the estimate after the step is the run's own
        assert _line(ex, f"B⁻¹{k1}").value == str(Matrix(run.state_at(k + 1)._state))
        assert _line(ex, f"s{s_k}").value == show(rows[k + 1, :2] - rows[k, :2])
        assert _line(ex, f"y{s_k}").value == show(rows[k + 1, 3:5] - rows[k, 3:5])
    assert any(ln.lhs == "B⁻¹₀′" for ln in explain(run, 0).lines)  # the first pair's scaling


def test_cg_shows_beta_its_direction_and_the_first_trial():
    run = _run("rosenbrock", "cg", steps=8)
    rows = run.trajectory.rows()
    first = explain(run, 0)
    assert "first step: d = −g (steepest descent)" in first.text()
    assert _line(first, "d₀").value == show(-rows[0, 3:5])
    ex = explain(run, 3)
    g, g_prev = rows[3, 3:5], rows[2, 3:5]
    beta = max(0.0, float(g @ (g - g_prev)) / float(g_prev @ g_prev))  # PR+ by hand
    assert _line(ex, "β₃").value == show(beta)
    d_prev = run.state_at(3)._state[0]
    assert _line(ex, "d₃").value == show(-g + beta * d_prev)
    assert _line(ex, "α₃⁽⁰⁾").note.startswith("the first trial step")
    periodic = explain(run, 2)  # n = 2: every second step restarts
    assert "every 2 steps conjugate gradients restart: d = −g" in periodic.text()


@pytest.mark.parametrize("method", ["newton", "bfgs", "cg", "gd-armijo", "lbfgs"])
def test_methods_whose_lr_scales_their_own_step_have_no_minus_lr_g(method):
    ex = explain(_run("rosenbrock", method, steps=3), 1)
    assert ex.plain_step is None and ex.step is not None
    assert ex.lines[-1].text().startswith("‖Δθ‖ = ") and "−lr·g" not in ex.lines[-1].text()
