"""The benchmark's baselines do the work of what they are compared with (no timing here)."""

import numpy as np
import pytest

from gdlab.bench.runs import (ROSEN_START, batch_starts, engine_run, floor_line, numpy_batch_adam,
                         numpy_loop_adam, numpy_loop_gd)
from gdlab.bench.models import mlp_run, numpy_loop_mlp
from gdlab.engine.run.batch import BatchRun


def test_single_run_baselines_record_the_engines_rows():
    for optimizer, baseline in (("sgd", numpy_loop_gd), ("adam", numpy_loop_adam)):
        rows = baseline(300)
        engine = engine_run(optimizer, 1e-3)(300).trajectory.rows()
        assert rows.shape == engine.shape == (301, 7)
        np.testing.assert_allclose(rows[0, :2], ROSEN_START)
        np.testing.assert_allclose(rows, engine, rtol=1e-9, atol=1e-12)


def test_batch_baseline_steps_the_same_runs():
    starts = batch_starts(50)
    engine = BatchRun("rosenbrock", "adam", starts, lr=np.full(50, 1e-3))
    engine.advance(200)
    np.testing.assert_allclose(numpy_batch_adam(starts, 200), engine.P, rtol=1e-9)


def test_batch_baseline_stops_runs_as_the_engine_does():
    # at lr 0.2 some runs' loss passes 1e3 (diverged, some at their start), some get within
    # tol 0.5 (converged)
    starts = batch_starts(200)
    engine = BatchRun("rosenbrock", "adam", starts, lr=np.full(200, 0.2), tol=0.5, max_loss=1e3)
    engine.advance(300)
    assert engine.diverged.any() and engine.converged.any() and (engine.steps_taken == 0).any()
    np.testing.assert_allclose(numpy_batch_adam(starts, 300, lr=0.2, bound=1e3, tol=0.5),
                               engine.P, rtol=1e-9, atol=1e-12)


def test_mlp_baseline_records_the_engines_rows():
    rows = numpy_loop_mlp(40)()
    engine = mlp_run("analytic", 40)().trajectory.rows()
    assert rows.shape == engine.shape == (41, 4)
    np.testing.assert_allclose(rows, engine, rtol=1e-9, atol=1e-12)


def test_floor_line_judges_the_ratio():
    assert floor_line("x", "y", 3.1, 3) == "  x >= 3x y: PASS (3.10x)"
    assert floor_line("x", "y", 2.9, 3) == "  x >= 3x y: FAIL (2.90x)"
    assert floor_line("x", "y", 1.04, 1.15, at_most=True) == "  x <= 1.15x y: PASS (1.04x)"
    assert floor_line("x", "y", 1.2, 1.15, at_most=True) == "  x <= 1.15x y: FAIL (1.20x)"


def test_lbfgs_bench_compares_identical_iterates():
    pytest = __import__("pytest")
    pytest.importorskip("torch")
    from gdlab.bench.lbfgs import engine_lbfgs, torch_lbfgs

    for ls in ("none", "strong_wolfe"):
        ours = engine_lbfgs(120, ls).trajectory.rows()[:, :2]
        np.testing.assert_array_equal(ours, torch_lbfgs(120, ls, fed=True))
        np.testing.assert_allclose(ours[:21], torch_lbfgs(20, ls), rtol=1e-9)  # autograd's


def test_formula_bench_compares_the_same_work():
    """The formula bench times a typed Rosenbrock against the catalogue's: the same gradient;
    its limit-sized inputs are valid formulas but for the four it names as refused."""
    from gdlab.bench.formula import LIMIT_INPUTS
    from gdlab.engine import FormulaError, parse_formula
    from gdlab.engine.problems.objectives import OBJECTIVES
    X, Y = np.meshgrid(np.linspace(-2, 2, 30), np.linspace(-1, 3, 30))
    typed = parse_formula("(1 - x)^2 + 100(y - x^2)^2").grad(X, Y)
    np.testing.assert_allclose(typed, OBJECTIVES["rosenbrock"].grad(X, Y), rtol=1e-12, atol=1e-9)
    refused = set()
    for label, text in LIMIT_INPUTS.items():
        try:
            parse_formula(text)
        except FormulaError:
            refused.add(label)
    assert refused == {"10,000 characters", "deep nesting", "huge power chain", "dunder escape"}


def test_window_bench_ratios_pair_each_round_with_its_own_baseline():
    """A round's window run and headless run are timed back to back: the floor is the median
    of the rounds' ratios, not the best of one kind over the best of the other (taken at
    different speeds of the machine)."""
    from gdlab.bench.window import paired

    gui, headless, ratio = paired([2.4, 1.3, 2.5], [2.0, 1.0, 2.0])
    assert (gui, headless) == (2.4, 2.0)
    assert ratio == pytest.approx(1.25)  # the rounds' 1.2, 1.3, 1.25 (best over best: 1.3)
