"""The batched engine's per-run bookkeeping and the three maps (lr sweep, basins, hyperparameters)."""

import numpy as np
import pytest

from gdlab.engine.batch import BatchRun
from gdlab.engine.optimizers import make_optimizer
from gdlab.engine.run import Run


def _single(problem, optimizer, start, steps, tol, **hyper):
    run = Run(problem, make_optimizer(optimizer, **hyper), start, steps=steps, tol=tol)
    run.advance()
    return run


def test_batch_status_steps_and_loss_equal_single_runs():
    # bowl with lr 0.5 lands in one step, 0.1 converges, 1.0 bounces forever, 1.5 and 10 diverge
    lrs = np.array([0.5, 0.1, 1.0, 1.5, 10.0, 0.001])
    starts = np.tile([-3.0, 4.0], (len(lrs), 1))
    batch = BatchRun("bowl", "sgd", starts, lr=lrs, steps=200, tol=1e-6)
    batch.advance()
    for k, lr in enumerate(lrs):
        run = _single("bowl", "sgd", (-3.0, 4.0), 200, 1e-6, lr=float(lr))
        assert batch.status[k] == run.status, lr
        assert batch.steps_taken[k] == run.k, lr
        if run.status != "diverged":
            assert batch.loss[k] == run.trajectory.last()[2]
            np.testing.assert_array_equal(batch.P[k], run.point)
    assert list(batch.status) == ["converged", "converged", "finished", "diverged", "diverged",
                                  "finished"]
    assert batch.steps_taken[0] == 1 and batch.loss[0] == 0.0


def test_batch_stops_at_the_start_and_compacts_without_changing_results():
    # many runs stop early (compaction) while others go on; one starts at the minimum
    rng = np.random.default_rng(1)
    starts = rng.uniform(-4, 4, size=(300, 2))
    starts[7] = (0.0, 0.0)
    lrs = rng.uniform(0.01, 0.6, size=300)
    batch = BatchRun("bowl", "momentum", starts, lr=lrs, steps=300, tol=1e-6)
    assert batch.status[7] == "converged" and batch.steps_taken[7] == 0
    batch.advance(40)
    batch.advance()
    assert batch.running == 0
    for k in (0, 7, 50, 123, 299):
        run = _single("bowl", "momentum", tuple(starts[k]), 300, 1e-6, lr=float(lrs[k]))
        assert (batch.status[k], batch.steps_taken[k]) == (run.status, run.k)
        np.testing.assert_allclose(batch.P[k], run.point, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("optimizer,hyper", [
    ("momentum", {"momentum": [0.0, 0.5, 0.9, 0.99]}),
    ("nesterov", {"momentum": [0.0, 0.5, 0.9, 0.99], "weight_decay": [0.0, 0.0, 0.1, 1.0]}),
    ("adam", {"beta1": [0.0, 0.5, 0.9, 0.99], "beta2": [0.9, 0.99, 0.999, 0.9999]}),
    ("adamw", {"weight_decay": [0.0, 0.01, 0.1, 0.0]}),
    ("rmsprop", {"momentum": [0.0, 0.0, 0.9, 0.5], "alpha": [0.9, 0.99, 0.5, 0.0]}),
    ("adagrad", {"lr_decay": [0.0, 0.1, 1.0, 0.0], "eps": [1e-10, 1e-3, 1.0, 1e-8]}),
    ("sgd", {"weight_decay": [0.0, 0.1, 1.0, 2.0]}),
])
def test_per_run_hyperparameters_equal_single_runs(optimizer, hyper):
    start = (-1.5, 2.0)
    lrs = [1e-3, 2e-3, 5e-4, 1e-3]
    batch = BatchRun("rosenbrock", optimizer, np.tile(start, (4, 1)), lr=lrs, hyper=hyper,
                     steps=150)
    batch.advance()
    for k in range(4):
        values = {name: v[k] for name, v in hyper.items()}
        run = _single("rosenbrock", optimizer, start, 150, 0.0, lr=lrs[k], **values)
        assert (batch.status[k], batch.steps_taken[k]) == (run.status, run.k)
        if run.status != "diverged":  # a diverged run is held at its last point before
            np.testing.assert_allclose(batch.P[k], run.point, rtol=1e-11)


def test_batch_refuses_bad_per_run_values():
    with pytest.raises(ValueError, match="momentum"):
        BatchRun("bowl", "momentum", np.zeros((3, 2)), hyper={"momentum": [0.1, 0.2]})
    with pytest.raises(ValueError, match="momentum"):
        BatchRun("bowl", "momentum", np.zeros((2, 2)), hyper={"momentum": [0.1, 1.0]})
