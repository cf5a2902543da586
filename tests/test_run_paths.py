"""The run loop's paths: the fast loop over Python floats against the generic loop, the
edges of divergence and convergence, gradients by each method, and a model's rate schedule."""

import math
import time
import warnings

import numpy as np
import pytest

import gdlab.engine.run.single as run_module
from gdlab.engine.problems.registry import get_problem
from gdlab.engine.problems.objectives import Objective
from gdlab.engine.optim.optimizers import OPTIMIZERS, make_optimizer
from gdlab.engine.run.single import Run
from gdlab.engine.optim.schedules import Schedule


def generic_only(monkeypatch):
    """Make float64 2-D runs take the generic loop (the one float32, autodiff and models use)."""
    def loop(self, n_max, deadline):
        with np.errstate(all="ignore"):
            self._loop_generic(n_max, deadline)
    monkeypatch.setattr(Run, "_loop_fast", loop)


def rows_of(problem, opt, start, steps=60, lr_change=None, **kw):
    run = Run(problem, make_optimizer(opt, lr=0.01 if opt != "adagrad" else 0.1), start,
              steps=steps, **kw)
    run.advance(max_updates=steps // 2)
    if lr_change:
        run.optimizer.lr = lr_change
    status = run.advance()
    return status, run.k, run.trajectory.rows()


CASES = [("rosenbrock", (-1.5, 2.0), {}), ("rastrigin", (2.3, -1.7), {"gradient": "numerical"}),
         ("ackley", (1.5, 1.0), {"gradient": "numerical", "h": 0.05}),
         ("bowl", (-3.0, 4.0), {"tol": 0.5}), ("himmelblau", (0.0, 0.0), {"max_loss": 150.0}),
         ("rastrigin", (2.3, -1.7), {"grad_noise": 0.3, "noise_seed": 5})]


@pytest.mark.parametrize("opt", sorted(n for n, c in OPTIMIZERS.items() if not c.oracle))
@pytest.mark.parametrize("problem, start, kw", CASES)
def test_the_fast_loop_gives_the_generic_loops_rows(monkeypatch, opt, problem, start, kw):
    fast = rows_of(problem, opt, start, lr_change=0.03, **kw)
    generic_only(monkeypatch)
    generic = rows_of(problem, opt, start, lr_change=0.03, **kw)
    assert fast[:2] == generic[:2]
    np.testing.assert_array_equal(fast[2], generic[2])


@pytest.mark.parametrize("kw", [{"schedule": Schedule("cosine", {"t_max": 2000.0})},
                                {"grad_noise": 0.5, "noise_seed": 3},
                                {"gradient": "numerical", "h": 0.01},
                                {"gradient": "numerical", "h": 0.01, "grad_noise": 0.5,
                                 "noise_seed": 3}])
def test_a_long_fast_run_keeps_the_generic_loops_rows_counts_and_checkpoints(monkeypatch, kw):
    """Past several checkpoints (one every 1,024 steps), with a schedule, gradient noise or
    the numerical gradient: the same rows, evaluation counts and replayed states."""
    def run():
        r = Run("rosenbrock", make_optimizer("adam", lr=0.002), (-1.5, 2.0), steps=2600,
                tol=0.0, **kw)
        r.advance(max_updates=1300)
        r.advance()
        return r

    fast = run()
    generic_only(monkeypatch)
    generic = run()
    rows = fast.trajectory.rows()
    np.testing.assert_array_equal(rows, generic.trajectory.rows())
    assert (fast.f_evals, fast.grad_evals) == (generic.f_evals, generic.grad_evals)
    assert fast.grad_evals >= 2600
    for k in (1030, 2050, 2599):
        np.testing.assert_array_equal(fast.state_at(k).trajectory.last(), rows[k])


@pytest.mark.parametrize("loop", ["fast", "generic"])
def test_a_lost_nudge_is_judged_with_the_runs_own_h(monkeypatch, loop):
    """The seeds' lr 10 on the numerical gradient with h = 1e-6: θ + h == θ − h from
    |θ| = 2³⁴ ≈ 1.7e10 on (1e-4's nudge holds up to 2⁴⁰ ≈ 1.1e12): the gradient reads 0
    there and the run diverged, in either loop."""
    if loop == "generic":
        generic_only(monkeypatch)
    run = Run("bowl", make_optimizer("sgd", lr=10.0), (-3.0, 4.0), steps=100,
              gradient="numerical", h=1e-6, max_loss=math.inf)
    assert run.advance() == "diverged" and "h = 1e-06" in str(run.reason)
    assert 2.0 ** 34 / 19 < max(map(abs, run.point)) < 2.0 ** 40


@pytest.mark.parametrize("loop", ["fast", "generic"])
@pytest.mark.parametrize("how", ["stop", "deadline"])
def test_a_run_stopped_between_blocks_keeps_its_point_and_step(monkeypatch, loop, how):
    """Stopped (or out of time) after some blocks of steps, between two checkpoints: the run's
    step, point and rows agree, and it goes on from there."""
    if loop == "generic":
        generic_only(monkeypatch)
    run = Run("bowl", make_optimizer("sgd", lr=0.001), (-3.0, 4.0), steps=1000, tol=0.0)
    calls, clock = [], [0.0]
    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])  # time passes when told

    def hook():  # the third block (of 32 steps in the fast loop, 1 in the generic one)
        calls.append(1)
        if len(calls) == 3:
            if how == "stop":
                run.stop()
            else:
                clock[0] = 2.0  # the deadline passes meanwhile
    run.checkpoint = hook
    run.advance(deadline=None if how == "stop" else 1.0)
    assert run.k == (96 if loop == "fast" else 3) and len(run.trajectory) == run.k + 1
    assert run.point == tuple(run.trajectory.last()[:2])
    run.checkpoint = None
    run.resume()
    run.advance()
    whole = Run("bowl", make_optimizer("sgd", lr=0.001), (-3.0, 4.0), steps=1000, tol=0.0)
    whole.advance()
    np.testing.assert_array_equal(run.trajectory.rows(), whole.trajectory.rows())


@pytest.mark.parametrize("opt", ["lbfgs"])
def test_a_whole_update_method_takes_its_scheduled_rate(opt):
    """A method that updates the whole run at once (not a rule per leaf) takes the scheduled
    lr: the same rows as the rate set by hand at each step the schedule changes it."""
    scheduled = Run("rosenbrock", make_optimizer(opt, lr=1.0), (-1.5, 2.0), steps=12, tol=0.0,
                    schedule=Schedule("step", {"step_size": 4.0, "gamma": 0.5}))
    scheduled.advance()
    by_hand = Run("rosenbrock", make_optimizer(opt, lr=1.0), (-1.5, 2.0), steps=4, tol=0.0)
    by_hand.advance()
    for k, lr in ((8, 0.5), (12, 0.25)):
        by_hand.set_hyper(lr=lr)
        by_hand.set_steps(k)
        by_hand.advance()
    constant = Run("rosenbrock", make_optimizer(opt, lr=1.0), (-1.5, 2.0), steps=12, tol=0.0)
    constant.advance()
    path = scheduled.trajectory.rows()[:, :6]  # x, y, loss and the gradient (not the rates)
    assert not np.array_equal(path, constant.trajectory.rows()[:, :6])
    np.testing.assert_array_equal(path, by_hand.trajectory.rows()[:, :6])


def test_float64_2d_runs_take_the_fast_loop_and_the_others_the_generic_one(monkeypatch):
    taken = []
    monkeypatch.setattr(Run, "_loop_fast", lambda self, n, d: taken.append("fast"))
    monkeypatch.setattr(Run, "_loop_generic", lambda self, n, d: taken.append("generic"))
    for problem, kw in [("bowl", {}), ("bowl", {"gradient": "numerical"}),
                        ("bowl", {"dtype": "float32"}), ("bowl", {"gradient": "autodiff"}),
                        (get_problem("linreg"), {})]:
        Run(problem, "sgd", **kw).advance(max_updates=1)
    assert taken == ["fast", "fast", "generic", "generic", "generic"]


def test_an_autodiff_run_takes_its_gradients_from_the_graph(monkeypatch):
    calls = []
    real = run_module.autodiff_gradient
    monkeypatch.setattr(run_module, "autodiff_gradient",
                        lambda f, p: calls.append(1) or real(f, p))
    run = Run("rosenbrock", make_optimizer("sgd", lr=1e-4), (-1.5, 2.0), steps=3,
              gradient="autodiff")
    run.advance()
    assert len(calls) == 4  # the start and each of 3 steps
    ref = Run("rosenbrock", make_optimizer("sgd", lr=1e-4), (-1.5, 2.0), steps=3)
    ref.advance()
    np.testing.assert_allclose(run.trajectory.rows(), ref.trajectory.rows(), rtol=1e-12)


# -- the difference step --------------------------------------------------------------------
def central(f, x, y, h):
    return (f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_numerical_gradients_use_the_runs_difference_step(dtype):
    run = Run("rastrigin", make_optimizer("sgd", lr=1e-3), (2.3, -1.7), steps=2,
              gradient="numerical", h=0.1, dtype=dtype)
    run.advance()
    f = run.objective.f
    t = np.dtype(dtype).type
    for row in run.trajectory.rows():
        x, y = t(row[0]), t(row[1])
        np.testing.assert_allclose(row[3:5], central(f, x, y, 0.1), rtol=1e-12)
    exact = run.objective.grad(2.3, -1.7)
    assert abs(run.trajectory.rows()[0, 3] - exact[0]) > 0.1  # h = 0.1 is far from exact here


def test_a_models_numerical_gradient_uses_the_runs_difference_step():
    def first_norm(h):
        run = Run(get_problem("mlp", hidden=3, n=20, batch=20), "sgd", gradient="numerical", h=h)
        return run.trajectory.last()[run.trajectory.column("grad_norm")]

    analytic = Run(get_problem("mlp", hidden=3, n=20, batch=20), "sgd").trajectory.last()
    exact = analytic[Run(get_problem("mlp", hidden=3, n=20, batch=20), "sgd")
                     .trajectory.column("grad_norm")]
    assert first_norm(1e-5) == pytest.approx(exact, rel=1e-7)
    assert abs(first_norm(0.5) - exact) > 1e-6 * exact


# -- the edges of divergence ------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_loss_equal_to_max_loss_is_not_a_divergence(dtype):
    ref = Run("saddle", make_optimizer("sgd", lr=0.1), (0.5, 1.0), steps=3, dtype=dtype,
              max_loss=math.inf)
    ref.advance()
    losses = ref.trajectory.rows()[:, 2]  # x² − y²: negative, growing in size
    assert (losses < 0).all() and (np.diff(np.abs(losses)) > 0).all()
    edge = float(abs(losses[2]))
    run = Run("saddle", make_optimizer("sgd", lr=0.1), (0.5, 1.0), steps=3, dtype=dtype,
              max_loss=edge)
    assert run.advance() == "diverged" and run.k == 3  # |loss| reaches the edge at 2, passes at 3
    assert Run("bowl", "sgd", (-3.0, 4.0), max_loss=25.0, dtype=dtype).status == "ready"
    ref = Run("bowl", make_optimizer("sgd", lr=1.5), (0.3, 0.4), steps=3, dtype=dtype)
    ref.advance()  # ×(−2) a step: the loss ×4
    edge = float(ref.trajectory.rows()[2, 2])
    run = Run("bowl", make_optimizer("sgd", lr=1.5), (0.3, 0.4), steps=3, dtype=dtype,
              max_loss=edge)
    assert run.advance() == "diverged" and run.k == 3


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_gradient_norm_above_max_loss_is_no_divergence(dtype):
    # the bug this caught: the fast loop compared ‖∇f‖ with max_loss, the generic loop did not
    run = Run("bowl", make_optimizer("sgd", lr=0.1), (0.6, 0.8), steps=5, max_loss=1.5,
              dtype=dtype)  # loss 1 → 0.64 … while ‖∇f‖ = 2 → 1.6 …
    assert run.advance() == "finished" and run.k == 5


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_loss_above_max_loss_with_a_small_gradient_diverges(dtype):
    run = Run("bowl", make_optimizer("sgd", lr=1.5), (1.2, 1.6), steps=5, max_loss=10.0,
              dtype=dtype)  # ×(−2) a step: loss 4 → 16 while ‖∇f‖ = 4 → 8
    assert run.advance() == "diverged" and run.k == 1


def test_an_infinite_gradient_at_a_finite_loss_is_a_divergence():
    # a cusp: f = √|x| + y² has a finite value and an infinite slope at x = 0
    cusp = Objective("cusp", "Cusp", "f(x, y) = √|x| + y²",
                     lambda x, y, m: m.sqrt(abs(x)) + y * y,
                     lambda x, y, m: (0.5 / m.sqrt(abs(x)), 2.0 * y),
                     box=(-1.0, 1.0, -1.0, 1.0), start=(0.0, 1.0))
    run = Run(cusp, make_optimizer("sgd", lr=0.1), dtype="float32", max_loss=math.inf)
    row = run.trajectory.last()
    assert math.isfinite(row[2]) and not math.isfinite(row[5])
    assert run.status == "diverged"


@pytest.mark.parametrize("kw", [{}, {"gradient": "numerical", "h": 1.0},
                                {"gradient": "autodiff"}])
def test_a_step_that_overflows_inside_math_gives_a_nan_row_not_an_exception(kw):
    # x becomes −inf after one step, and math.cos(inf) raises ValueError
    run = Run("rastrigin", make_optimizer("sgd", lr=1e300), (1e10, 0.0), steps=5,
              max_loss=math.inf, **kw)
    assert run.advance() == "diverged" and run.k == 1
    last = run.trajectory.last()
    assert math.isnan(last[2]) and all(math.isnan(v) for v in last[3:6])
    assert len(run.trajectory) == 2


def test_a_start_where_math_fails_is_diverged_at_once():
    run = Run("rastrigin", "sgd", (1e308, 0.0), max_loss=math.inf)
    assert run.status == "diverged" and math.isnan(run.trajectory.last()[2])


@pytest.mark.parametrize("problem, start", [("rosenbrock", (1e30, 1e30)),
                                            ("linreg", (1e200, 1e200))])
def test_an_overflowing_start_leaks_no_warning(problem, start):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        obj = get_problem(problem)
        run = Run(obj, "sgd", start, dtype="float32" if problem == "rosenbrock" else "float64")
        assert run.status == "diverged" and run.k == 0


def test_an_update_that_overflows_leaks_no_warning():
    # float32 at x = 1e6: the loss (1e26) is finite, Adam's g² (1.6e41) is not
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = Run("rosenbrock", "adam", (1e6, 0.0), steps=3, dtype="float32", max_loss=math.inf)
        assert math.isfinite(run.trajectory.last()[2])
        run.advance()
        assert run.k == 3


# -- a model's schedule and per-leaf rates ------------------------------------------------------
@pytest.mark.parametrize("opt", ["adam", "momentum", "adagrad"])
@pytest.mark.parametrize("scales", [(0.25, 1.0), None])
def test_a_models_update_applies_its_schedule_and_leaf_scales(opt, scales):
    problem = get_problem("adaline", w_scale=0.25)
    problem.lr_scales = scales  # None: a schedule without per-leaf rates
    run = Run(problem, make_optimizer(opt, lr=0.05), steps=6,
              schedule=Schedule("inverse-time", {"decay_steps": 3.0}))
    run.advance()
    # by hand: one optimizer per leaf, its rate set before each update
    ref = get_problem("adaline", w_scale=0.25)
    params = ref.init_params(None)
    batches = ref.batches()
    opts = [make_optimizer(opt, lr=0.05) for _ in params]
    states = [o.init([p]) for o, p in zip(opts, params)]
    _, grads, _ = ref.evaluate(params, next(batches))
    for k in range(6):
        for i, scale in enumerate(scales or (1.0, 1.0)):
            opts[i].lr = 0.05 / (1 + k / 3.0) * scale
            (params[i],), states[i] = opts[i].update([grads[i]], states[i], [params[i]])
        _, grads, _ = ref.evaluate(params, next(batches))
    np.testing.assert_allclose(run.point, [float(p) for p in params], rtol=1e-12)
    assert run.trajectory.rows()[3, -1] == pytest.approx(0.05 / (1 + 3 / 3.0))
