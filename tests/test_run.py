import math
import warnings

import numpy as np
import pytest

from gdlab.engine.run.batch import BatchRun
from gdlab.engine.optim.optimizers import make_optimizer
from gdlab.engine.run.single import Run


def bowl_sgd(lr, steps, **kw):
    run = Run("bowl", make_optimizer("sgd", lr=lr), (-3.0, 4.0), steps=steps,
              **{"tol": 0.0, **kw})  # the budget decides, as in the seeds
    run.advance()
    return run


def test_seeds_lr_0_1_twenty_steps():
    run = bowl_sgd(0.1, 20)
    assert run.status == "finished" and run.k == 20
    np.testing.assert_allclose(run.point, (-0.03458765, 0.04611686), atol=5e-9)
    xs = run.trajectory.rows()[:, 0]
    np.testing.assert_allclose(xs[1:] / xs[:-1], 0.8, rtol=1e-12)


def test_seeds_lr_10_numerical_gradient_without_divergence_stop():
    run = bowl_sgd(10.0, 100, gradient="numerical", h=1e-4, max_loss=math.inf)
    assert run.k == 100
    np.testing.assert_allclose(run.point, (-2.58983747e13, -1.29524862e12), rtol=1e-8)


@pytest.mark.parametrize("dtype", ["float64", "float32"])  # the fast loop, the generic one
def test_a_numerical_gradient_lost_in_rounding_is_no_convergence(dtype):
    """The seeds' lr 10 run with a tolerance: its numerical gradient is 0 far out only because
    θ ± h == θ there; the run diverged (as the seeds say), it did not converge."""
    run = bowl_sgd(10.0, 100, gradient="numerical", h=1e-4, max_loss=math.inf, tol=1e-6,
                   dtype=dtype)
    assert run.status == "diverged" and run.k < 100
    assert "h = 0.0001 is lost in rounding" in run.reason and f"step {run.k}:" in run.reason
    last = run.trajectory.last()
    assert last[run.trajectory.column("grad_norm")] == 0.0
    x = float(last[0])
    assert np.float64(x) + 1e-4 == np.float64(x) - 1e-4 if dtype == "float64" else \
        np.float32(x) + np.float32(1e-4) == np.float32(x) - np.float32(1e-4)
    if dtype == "float64":  # the seeds' point, reached at step 10
        np.testing.assert_allclose(run.point, (-2.58983747e13, -1.29524862e12), rtol=1e-8)
    exact = bowl_sgd(0.5, 100, tol=1e-6)  # a true zero gradient still converges
    assert exact.status == "converged" and exact.reason == ""
    # one coordinate's nudge lost is enough: y stays 0 (its gradient a true 0), x runs away
    run = Run("bowl", make_optimizer("sgd", lr=10.0), (-3.0, 0.0), steps=100, tol=1e-6,
              gradient="numerical", max_loss=math.inf, dtype=dtype)
    run.advance()
    assert run.status == "diverged" and run.point[1] == 0.0 and abs(run.point[0]) > 1e3


def test_a_batch_of_runs_tells_a_lost_nudge_from_convergence():
    lrs = np.array([0.5, 10.0])
    batch = BatchRun("bowl", make_optimizer("sgd", lr=0.1), np.tile([-3.0, 4.0], (2, 1)),
                     hyper={"lr": lrs}, steps=100, gradient="numerical", tol=1e-6,
                     max_loss=math.inf)
    batch.advance()
    assert list(batch.status) == ["converged", "diverged"]
    assert batch.steps_taken[1] == 10


def test_seeds_lr_10_exact_gradient_multiplies_by_minus_19():
    run = bowl_sgd(10.0, 100, max_loss=math.inf)
    assert run.status == "finished"
    rows = run.trajectory.rows()
    np.testing.assert_allclose(rows[1:, 0] / rows[:-1, 0], -19.0, rtol=1e-12)
    assert 1e127 < abs(run.point[1]) < 1e129


def test_seeds_lr_tiny_stalls():
    run = bowl_sgd(1e-8, 100)
    np.testing.assert_allclose(run.point, (-2.999994, 3.999992), atol=5e-7)


def test_divergence_is_a_status_and_leaks_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = bowl_sgd(10.0, 100)
        assert run.status == "diverged" and run.k < 100
        for dtype in ("float32", "float64"):
            r = Run("rosenbrock", make_optimizer("sgd", lr=1.0), steps=1000, dtype=dtype,
                    max_loss=math.inf)
            r.advance()
            assert r.status == "diverged"
            assert not np.isfinite(r.trajectory.last()[2:]).all()


def test_trajectory_rows_hold_point_loss_gradient_norm_and_lr():
    run = bowl_sgd(0.1, 5)
    rows = run.trajectory.rows()
    assert run.trajectory.columns == ("x", "y", "loss", "grad_x", "grad_y", "grad_norm", "lr")
    assert rows.shape == (6, 7)
    x, y, loss, gx, gy, gn, lr = rows.T
    np.testing.assert_allclose(loss, x * x + y * y)
    np.testing.assert_allclose(gx, 2 * x)
    np.testing.assert_allclose(gn, np.hypot(gx, gy))
    np.testing.assert_allclose(x[1:], x[:-1] - lr[:-1] * gx[:-1])


def test_learning_rate_change_between_steps_is_recorded():
    run = Run("bowl", make_optimizer("sgd", lr=0.1), (-3.0, 4.0), steps=10)
    run.advance(max_updates=4)
    run.optimizer.lr = 0.2
    run.advance()
    rows = run.trajectory.rows()
    assert list(rows[:4, -1]) == [0.1] * 4
    assert list(rows[4:, -1]) == [0.2] * 7
    np.testing.assert_allclose(rows[5, 0], rows[4, 0] * (1 - 2 * 0.2))


def adam_by_hand(objective, start, lrs, dtype):
    """Points of Adam on a 2-D objective, one update per rate in ``lrs``: (len(lrs) + 1, 2).
    One optimizer per rate, the state handed from one to the next (no rate is ever changed)."""
    opts = {lr: make_optimizer("adam", lr=lr) for lr in set(lrs)}
    p = [dtype(v) for v in start]
    state = opts[lrs[0]].init(p)
    points = [p]
    for lr in lrs:
        p, state = opts[lr].update(list(objective.grad(*p)), state, p)
        points.append(p)
    return np.array(points, dtype=np.float64)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("how", ["set_hyper", "attribute"])
def test_a_learning_rate_change_mid_run_keeps_the_optimizer_state(dtype, how):
    run = Run("rosenbrock", make_optimizer("adam", lr=1e-3), (-1.5, 2.0), steps=20, dtype=dtype)
    run.advance(max_updates=10)
    if how == "set_hyper":
        run.set_hyper(lr=0.02)
    else:
        run.optimizer.lr = 0.02
    assert run.advance() == "finished"
    rows = run.trajectory.rows()
    lrs = [1e-3] * 10 + [0.02] * 10
    expected = adam_by_hand(run.objective, (-1.5, 2.0), lrs, np.dtype(dtype).type)
    np.testing.assert_allclose(rows[:, :2], expected, rtol=1e-12)
    np.testing.assert_allclose(rows[:-1, -1], lrs, rtol=1e-7)


def test_convergence_and_continuing_a_finished_run():
    run = Run("bowl", make_optimizer("sgd", lr=0.1), steps=10, tol=1e-3)
    run.advance()
    assert run.status == "finished" and run.k == 10
    run.set_steps(1000)
    assert run.status == "running"
    run.advance()
    assert run.status == "converged" and run.trajectory.last()[-2] <= 1e-3
    assert len(run.trajectory) == run.k + 1


def test_stop_and_chunks():
    run = Run("rosenbrock", make_optimizer("adam", lr=1e-3), steps=50_000)
    chunks = run.chunks(seconds=0.001)
    first = next(chunks)
    assert first.start == 0 and len(first.rows) >= 1
    run.stop()
    rest = list(chunks)
    assert run.status == "stopped"
    total = len(first.rows) + sum(len(c.rows) for c in rest)
    assert total == len(run.trajectory) == run.k + 1


def test_paced_chunks_deliver_one_update_each():
    run = Run("bowl", make_optimizer("sgd", lr=0.1), steps=5)
    sizes = [len(c.rows) for c in run.chunks(seconds=0, max_updates=1)]
    assert sizes == [2, 1, 1, 1, 1] and run.status == "finished"


def test_float32_run():
    run = Run("bowl", make_optimizer("sgd", lr=0.1), (-3.0, 4.0), steps=20, dtype="float32")
    run.advance()
    assert isinstance(run._p[0], np.float32)
    np.testing.assert_allclose(run.point, (-0.03458765, 0.04611686), rtol=1e-6)


def test_bad_settings():
    with pytest.raises(ValueError, match="start"):
        Run("bowl", "sgd", (1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="steps"):
        Run("bowl", "sgd", steps=-1)
    with pytest.raises(ValueError, match="gradient"):
        Run("bowl", "sgd", gradient="magic")


def test_batch_matches_single_runs():
    starts = np.array([[-1.5, 2.0], [0.5, -0.5], [1.2, 1.2]])
    lrs = np.array([1e-3, 1e-2, 2e-3])
    batch = BatchRun("rosenbrock", "adam", starts, lr=lrs)
    batch.advance(200)
    for k in range(3):
        run = Run("rosenbrock", make_optimizer("adam", lr=float(lrs[k])), tuple(starts[k]), steps=200)
        run.advance()
        np.testing.assert_allclose(batch.P[k], run.point, rtol=1e-12)


def test_batch_judges_divergence_as_single_runs_do():
    # from (0.6, 0.8) the loss is 1 but the gradient norm 2: past max_loss 1.5, the gradient
    # alone is no divergence; the loss passing it is
    lrs = [0.1, 0.5, 0.9, 1.05, 1.2]
    batch = BatchRun("bowl", "sgd", np.tile([0.6, 0.8], (len(lrs), 1)), lr=lrs, steps=100,
                     tol=1e-6, max_loss=1.5)
    batch.advance()
    statuses = []
    for i, lr in enumerate(lrs):
        run = Run("bowl", make_optimizer("sgd", lr=lr), (0.6, 0.8), steps=100, tol=1e-6,
                  max_loss=1.5)
        run.advance()
        statuses.append(run.status)
        assert batch.status[i] == run.status and batch.steps_taken[i] == run.k
        # a diverged batch run keeps its last point before the divergence
        kept = run.trajectory.rows()[run.k - (run.status == "diverged")]
        np.testing.assert_allclose(batch.P[i], kept[:2], rtol=1e-12, atol=1e-300)
    assert statuses == ["converged", "converged", "converged", "diverged", "diverged"]


def test_batch_freezes_diverged_runs():
    batch = BatchRun("bowl", "sgd", [[1.0, 1.0], [2.0, 2.0]], lr=[0.1, 10.0])
    batch.advance(20)
    assert list(batch.diverged) == [False, True]
    assert np.isfinite(batch.P).all()


def test_engine_imports_no_qt():
    import subprocess
    import sys
    code = ("import sys, gdlab.engine, gdlab.cli, gdlab.bench.runs; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_lowering_the_budget_below_the_step_finishes():
    run = Run("bowl", make_optimizer("sgd", lr=0.01), steps=100)
    run.advance(max_updates=30)
    assert run.status == "running"
    run.set_steps(10)
    assert run.status == "finished" and run.done


def test_non_finite_hyperparameters_are_refused():
    with pytest.raises(ValueError, match="lr"):
        make_optimizer("sgd", lr=float("inf"))


def test_a_models_lr_column_follows_a_change_with_its_schedule():
    from gdlab.engine.problems.registry import get_problem

    run = Run(get_problem("adaline"), make_optimizer("sgd", lr=0.1), steps=1000)
    run.advance(max_updates=200)
    run.set_hyper(lr=0.2)
    assert run.trajectory.last()[-1] == pytest.approx(run.lr_now())
    assert run.lr_now() == pytest.approx(0.2 / (1 + 200 / 200))


def test_changing_the_tolerance_judges_the_current_point_again():
    run = Run("bowl", make_optimizer("sgd", lr=0.1), steps=100)
    run.set_tol(1000.0)
    assert run.status == "converged" and run.k == 0  # the start already meets it
    run.set_tol(0.0)
    assert run.status == "ready"
    run.advance(max_updates=5)
    run.set_tol(1e-3)
    assert run.status == "running"
    run.advance()
    assert run.status == "converged" and run.k < 100
    run.set_tol(0.0)
    assert run.status == "running"
    run.advance()
    assert run.status == "finished" and run.k == 100


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
                                  "adamw"])
def test_float_loop_applies_the_optimizers_update_exactly(name):
    """The 2-D float loop inlines the optimizer's update: its rows are bit-identical to
    stepping ``Optimizer.update`` on plain floats, weight decay and an lr change included."""
    obj, start, lr, wd = "rosenbrock", (-1.5, 2.0), 1e-3, 0.01
    run = Run(obj, make_optimizer(name, lr=lr, weight_decay=wd), start, steps=300)
    run.advance(max_updates=120)
    run.set_hyper(lr=lr / 3)
    run.advance()

    opt = make_optimizer(name, lr=lr, weight_decay=wd)
    f = run.objective
    p = list(start)
    state = opt.init(p)
    rows = []
    for k in range(301):
        if k:
            p, state = opt.update(g, state, p)
        if k == 120:  # after update 120; row 120 holds the rate of the next update
            opt.lr = lr / 3
        g = list(f.grad(*p))
        rows.append((*p, f.f(*p), *g, math.hypot(*g), opt.lr))
    assert run.k == 300 and np.array_equal(run.trajectory.rows(), np.array(rows))
    assert run._state[0] == state[0] and np.array_equal(run._state[1], state[1])


def test_a_trajectory_drops_its_rows_a_block_at_a_time():
    from gdlab.engine.run.trajectory import BLOCK_ROWS, Trajectory
    t = Trajectory(("x", "loss"))
    rows = np.arange(2 * (2 * BLOCK_ROWS + 5), dtype=float).reshape(-1, 2)
    for row in rows:
        t.append(row)
    assert len(t) == len(rows)
    left = []
    for n in t.drop():  # from the end: what is left is always the first rows
        left.append(n)
        np.testing.assert_array_equal(t.rows(), rows[:n])
    assert left == [2 * BLOCK_ROWS, BLOCK_ROWS, 0] and len(t) == 0 and t.nbytes() == 0
