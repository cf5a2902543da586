"""A run's statuses, budget, tolerance, stop/resume and chunks: the contract the window's
worker and the CLI rely on (each status change at its exact boundary)."""

import itertools
import json
import math
import time

import pytest

from gdlab.engine.gradients.methods import lost_nudge_reason
from gdlab.engine.optim.hyperparams import STEPS_MAX
from gdlab.engine.problems.registry import get_problem
from gdlab.engine.optim.optimizers import make_optimizer
from gdlab.engine.optim.schedules import Schedule
from gdlab.engine.run.single import Run, RunSettings


def bowl(steps=100, dtype="float64", **kw):
    """SGD lr 0.1 on the bowl from (−3, 4): ‖∇f‖ = 10·0.8ᵏ at step k (10 exactly at the start)."""
    return Run("bowl", make_optimizer("sgd", lr=0.1), (-3.0, 4.0), steps=steps, dtype=dtype,
               **{"tol": 0.0, **kw})  # the budget decides


# -- budget -------------------------------------------------------------------------------
@pytest.mark.parametrize("steps", [True, 1.5, -1, STEPS_MAX + 1, "10"])
def test_a_budget_that_is_not_a_whole_number_in_range_is_refused(steps):
    with pytest.raises(ValueError, match="steps"):
        Run("bowl", "sgd", steps=steps)


def test_the_budget_range_includes_both_ends():
    assert Run("bowl", "sgd", steps=STEPS_MAX).steps == STEPS_MAX
    run = Run("bowl", "sgd", steps=0)
    assert run.status == "ready" and run.advance() == "finished" and run.k == 0


def test_no_more_updates_than_the_budget_whatever_max_updates_asks():
    run = bowl(steps=10)
    assert run.advance(max_updates=4) == "running" and run.k == 4
    assert run.advance(max_updates=100) == "finished" and run.k == 10
    assert len(run.trajectory) == 11


def test_zero_updates_asked_change_nothing():
    run = bowl(steps=10)
    assert run.advance(max_updates=0) == "ready" and run.k == 0
    run.advance(max_updates=3)
    assert run.advance(max_updates=0) == "running" and run.k == 3


def test_setting_the_budget_to_the_current_step():
    run = bowl(steps=10)
    run.advance()
    run.set_steps(10)  # unchanged: still finished
    assert run.status == "finished"
    run = bowl(steps=100)
    run.advance(max_updates=30)
    run.set_steps(30)  # a running run ends exactly at its budget
    assert run.status == "finished" and run.done


def test_lowering_the_budget_of_a_stopped_run_finishes_it():
    run = bowl(steps=100)
    run.advance(max_updates=30)
    run.stop()
    assert run.advance() == "stopped" and run.k == 30
    run.set_steps(10)
    assert run.status == "finished"


def test_the_defaults_of_a_run_are_the_recorded_settings_defaults():
    # (not tol: a bare Run never stops early, the recipe's RunSettings stops at 1e-6)
    run = Run("bowl", "sgd")
    d, s = RunSettings(), run.settings()
    assert (s.steps, s.gradient, s.h, s.max_loss, s.dtype) == (
        d.steps, d.gradient, d.h, d.max_loss, d.dtype)


# -- terminal states ----------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_terminal_run_does_not_step_again(dtype):
    run = Run("bowl", make_optimizer("sgd", lr=10.0), (-3.0, 4.0), steps=100, dtype=dtype)
    assert run.advance() == "diverged"
    k, n = run.k, len(run.trajectory)
    assert run.advance() == "diverged" and (run.k, len(run.trajectory)) == (k, n)
    run = bowl(tol=1.0, dtype=dtype)
    assert run.advance() == "converged"
    k = run.k
    assert run.advance() == "converged" and run.k == k


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_diverged_run_keeps_its_point_and_step_in_step_with_its_rows(dtype):
    run = Run("bowl", make_optimizer("sgd", lr=10.0), (-3.0, 4.0), steps=100, dtype=dtype)
    assert run.advance() == "diverged"
    assert len(run.trajectory) == run.k + 1 and 0 < run.k < 100
    assert run.point == pytest.approx(run.trajectory.last()[:2], rel=1e-7)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_lowering_the_budget_of_a_converged_or_diverged_run_keeps_its_status(dtype):
    """Only a running or stopped run ends at a budget lowered below its step: a converged or
    diverged one has already ended, and says how."""
    converged = bowl(steps=100, dtype=dtype, tol=0.5)
    assert converged.advance() == "converged" and converged.k > 5
    diverged = Run("bowl", make_optimizer("sgd", lr=10.0), (-3.0, 4.0), steps=100, dtype=dtype)
    assert diverged.advance() == "diverged"
    for run, status in ((converged, "converged"), (diverged, "diverged")):
        run.set_steps(2)
        assert run.status == status


def test_a_numerical_gradient_lost_in_rounding_says_the_run_diverged_and_why():
    """The seeds' lr 10 on the numerical gradient: θ ± h rounds to θ, the gradient reads 0,
    and the run must not look converged."""
    run = Run("bowl", make_optimizer("sgd", lr=10.0), (-3.0, 4.0), steps=100,
              gradient="numerical", max_loss=math.inf)
    assert run.advance() == "diverged"
    assert str(run.reason) == f"diverged at step {run.k}: {lost_nudge_reason(run.h)}"


@pytest.mark.parametrize("dtype", ["float64", "float32"])  # the fast loop, the generic one
@pytest.mark.parametrize("evals", [1, 2, 10])
def test_a_budget_of_gradient_evaluations_ends_at_its_last_one(dtype, evals):
    """One evaluation a step, the start's included: N evaluations are N − 1 steps."""
    run = bowl(steps=100, dtype=dtype)
    run.max_grad_evals = evals
    assert run.advance() == "finished"
    assert (run.k, run.grad_evals) == (evals - 1, evals)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_checkpoints_are_taken_every_so_many_steps_not_every_step(dtype):
    from gdlab.engine.run.checkpoints import EVERY
    run = bowl(steps=3 * EVERY + 5, dtype=dtype)
    run.advance()
    assert [run.checkpoints.nearest(k).k for k in (EVERY - 1, EVERY + 7, 3 * EVERY + 5)] == [
        0, EVERY, 3 * EVERY]


def test_a_schedule_set_between_steps_rates_the_next_update_and_pins_a_checkpoint():
    """The window's schedule change: the last row's rate becomes the new schedule's (it is the
    next update's), every later update takes it, and a pinned checkpoint there lets a replay
    start from the change."""
    run = bowl(steps=40)
    run.advance(max_updates=10)
    step = Schedule("step", {"step_size": 4.0, "gamma": 0.5})
    run.set_schedule(step)
    assert run.schedule is step
    lr = run.trajectory.column("lr")
    assert run.trajectory.last()[lr] == step.lr(10, 0.1, 40) == 0.1 * 0.5 ** 2
    ck = run.checkpoints.nearest(10)
    assert (ck.k, ck.pinned, ck.schedule) == (10, True, step)
    run.advance()
    rows = run.trajectory.rows()
    assert list(rows[10:40, lr]) == [step.lr(k, 0.1, 40) for k in range(10, 40)]
    for k in range(10, 40):  # SGD on the bowl: θ_{k+1} = θ_k·(1 − 2·lr_k)
        assert rows[k + 1, :2] == pytest.approx(rows[k, :2] * (1 - 2 * rows[k, lr]), rel=1e-12)
    assert list(run.state_at(25).trajectory.last()) == list(rows[25])


# -- tolerance ----------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_convergence_at_a_gradient_norm_equal_to_the_tolerance(dtype):
    assert bowl(tol=10.0, dtype=dtype).status == "converged"  # ‖∇f‖ = 10 at the start
    ref = bowl(steps=3, dtype=dtype)
    ref.advance()
    gn3 = ref.trajectory.last()[-2]
    run = bowl(tol=gn3, dtype=dtype)
    assert run.advance() == "converged" and run.k == 3


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_tolerance_below_one_converges(dtype):
    run = bowl(steps=1000, tol=1e-3, dtype=dtype)
    assert run.advance() == "converged" and run.trajectory.last()[-2] <= 1e-3


def test_a_run_converged_at_its_last_step_finishes_when_the_tolerance_drops():
    run = bowl(steps=5, tol=3.5)  # ‖∇f‖: 4.096 at step 4, 3.2768 at step 5
    assert run.advance() == "converged" and run.k == 5
    run.set_tol(0.0)
    assert run.status == "finished" and run.done


@pytest.mark.parametrize("stopped", [False, True])
def test_a_running_or_stopped_run_is_judged_again_when_the_tolerance_rises(stopped):
    run = bowl()
    run.advance(max_updates=5)
    if stopped:
        run.stop()
        assert run.advance() == "stopped"
    run.set_tol(1000.0)
    assert run.status == "converged"


def test_a_negative_tolerance_is_refused_naming_it():
    with pytest.raises(ValueError, match="tol"):
        bowl().set_tol(-1.0)


# -- stop and resume ----------------------------------------------------------------------
@pytest.mark.parametrize("updates, after", [(0, "ready"), (5, "running")])
def test_resume_after_stop(updates, after):
    run = bowl()
    run.advance(max_updates=updates)
    run.stop()
    assert run.advance() == "stopped" and run.k == updates
    run.resume()
    assert run.status == after
    assert run.advance() == "finished" and run.k == 100


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_deadline_already_past_makes_no_update(dtype):
    run = bowl(dtype=dtype)
    assert run.advance(deadline=time.perf_counter() - 1.0) == "running" and run.k == 0
    assert run.advance(deadline=time.perf_counter() + 60.0) == "finished" and run.k == 100


# -- chunks -------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_chunks_cover_every_row_once_and_report_the_state_at_each_item(dtype):
    run = bowl(steps=200, dtype=dtype)
    chunks = list(itertools.islice(run.chunks(seconds=0.5), 1000))
    assert run.status == "finished"
    assert all(len(c.rows) > 0 for c in chunks)  # every item made progress
    assert [c.start for c in chunks] == list(itertools.accumulate(
        [0] + [len(c.rows) for c in chunks[:-1]]))
    assert sum(len(c.rows) for c in chunks) == len(run.trajectory) == 201
    assert chunks[-1].status == "finished" and chunks[-1].step == 200


def test_paced_chunks_report_each_step_and_status():
    run = bowl(steps=3)
    items = [(c.step, c.status) for c in run.chunks(seconds=0, max_updates=1)]
    assert items == [(1, "running"), (2, "running"), (3, "finished")]


# -- validation ---------------------------------------------------------------------------
@pytest.mark.parametrize("kw, needle", [
    (dict(gradient="magic"), "analytic, numerical, autodiff"),
    (dict(dtype="float16"), "float64, float32"),
    (dict(h=0.0), "invalid h"),
    (dict(h=math.inf), "invalid h"),
    (dict(h=math.nan), "invalid h"),
    (dict(tol=-1e-9), "invalid tol"),
    (dict(tol=math.nan), "invalid tol"),
    (dict(max_loss=0.0), "invalid max_loss"),
    (dict(start=(1.0, 2.0, 3.0)), r"needs 2 values \(x, y\), got 3"),
])
def test_bad_settings_raise_naming_the_setting_and_the_choices(kw, needle):
    with pytest.raises(ValueError, match=needle):
        Run("bowl", "sgd", **kw)


def test_a_positive_max_loss_below_one_is_valid():
    run = Run("bowl", make_optimizer("sgd", lr=0.1), (0.3, 0.4), max_loss=0.5)
    assert run.status == "ready" and run.max_loss == 0.5


def test_a_model_with_a_start_point_starts_there():
    run = Run(get_problem("linreg"), make_optimizer("sgd", lr=0.05), (1.5, -0.5), steps=3)
    assert run.start == (1.5, -0.5) and run.point == (1.5, -0.5)
    run.advance()
    run.reset()
    assert run.point == (1.5, -0.5)


def test_the_learning_rate_of_the_next_update():
    run = bowl()
    assert run.lr_now() == 0.1 and type(run.lr_now()) is float
    run.set_hyper(lr=0.05)
    assert run.lr_now() == 0.05 and run.trajectory.last()[-1] == 0.05


# -- settings -----------------------------------------------------------------------------
def test_settings_record_every_choice_as_json():
    run = Run("rosenbrock", make_optimizer("adam", lr=0.02, beta1=0.8), (-1.5, 2.0), steps=7,
              gradient="numerical", h=1e-3, tol=1e-5, max_loss=math.inf, dtype="float32",
              grad_noise=0.25, noise_seed=7, schedule=Schedule("step", {"step_size": 3}))
    d = run.settings().to_dict()
    assert d == {"problem": "rosenbrock", "optimizer": "adam",
                 "hyper": {"lr": 0.02, "beta1": 0.8, "beta2": 0.999, "eps": 1e-8,
                           "weight_decay": 0.0, "amsgrad": False, "maximize": False},
                 "start": [-1.5, 2.0], "steps": 7, "gradient": "numerical", "h": 1e-3,
                 "tol": 1e-5, "max_loss": "inf", "dtype": "float32", "problem_options": {},
                 "grad_noise": 0.25, "noise_seed": 7, "formula": None, "schedule": "step",
                 "schedule_params": {"step_size": 3, "gamma": 0.1}}
    assert json.loads(json.dumps(d, allow_nan=False)) == d
    assert bowl(max_loss=1e6).settings().to_dict()["max_loss"] == 1e6


def test_settings_of_a_model_record_its_options_and_no_start():
    problem = get_problem("mlp", hidden=4)
    d = Run(problem, "adam").settings().to_dict()
    assert d["start"] is None and d["problem"] == "mlp"
    assert d["problem_options"] == problem.options and d["problem_options"]["hidden"] == 4


def test_a_run_with_no_budget_finishes_when_run():
    run = bowl(steps=0)
    assert run.status == "ready"
    assert [c.status for c in run.chunks()] == [] and run.status == "finished" and run.k == 0
