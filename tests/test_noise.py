"""Gradient noise: seeded N(0, σ²I) on each gradient a run uses (single runs, models,
batches, the CLI)."""

import dataclasses
import json
import math

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.analysis.sweeps import lr_sweep
from gdlab.engine.files.export import read_csv
from gdlab.engine.problems.objectives import get_objective
from gdlab.engine.run.batch import BatchRun
from gdlab.engine.run.noise import BLOCK, GradientNoise
from gdlab.engine.run.recipe import build_run, resolve


def rows_of(settings, chunk=None):
    run = build_run(settings)
    while not run.done:
        run.advance(chunk)
    return run.trajectory.rows()


@pytest.mark.parametrize("kw", [{}, {"dtype": "float32"}, {"gradient": "autodiff"},
                                {"gradient": "numerical"}])
def test_same_seed_same_run_different_seeds_differ(kw):
    s = resolve("rosenbrock", "adam", steps=300, grad_noise=0.5, noise_seed=3, **kw)
    a = rows_of(s)
    assert np.array_equal(a, rows_of(s))
    assert np.array_equal(a, rows_of(s, chunk=7))  # paused and resumed: the same noise
    other = rows_of(dataclasses.replace(s, noise_seed=4))
    assert not np.array_equal(a, other)
    assert not np.array_equal(a, rows_of(dataclasses.replace(s, grad_noise=0.0)))


def test_gradient_columns_hold_the_noisy_gradient_and_loss_the_true_loss():
    sigma, seed = 0.3, 11
    s = resolve("rosenbrock", "sgd", steps=2 * BLOCK + 10, grad_noise=sigma, noise_seed=seed)
    rows = rows_of(s, chunk=333)  # chunks across noise blocks
    f = get_objective("rosenbrock")
    noise = GradientNoise(sigma, seed, 2)
    x, y = rows[:, 0], rows[:, 1]
    true_g = np.array([f.grad(a, b) for a, b in zip(x, y)])
    expected = true_g + np.array([noise.at(k) for k in range(len(rows))])
    assert np.allclose(rows[:, 3:5], expected, rtol=0, atol=1e-12)
    assert np.array_equal(rows[:, 2], [f.f(a, b) for a, b in zip(x, y)])
    assert np.array_equal(rows[:, 5], [math.hypot(a, b) for a, b in rows[:, 3:5]])
    # each update used the gradient recorded in its row: x_{k+1} = x_k − lr·g_k
    lr = s.hyper["lr"]
    assert np.array_equal(rows[1:, 0], rows[:-1, 0] - lr * rows[:-1, 3])


def test_noise_is_normal_with_sigma():
    values = np.array([GradientNoise(2.0, 5, 3).at(k) for k in range(3 * BLOCK)])
    assert abs(values.mean()) < 0.05 and abs(values.std() - 2.0) < 0.05


def test_zero_noise_is_the_noiseless_run_bit_for_bit():
    s = resolve("himmelblau", "momentum", steps=500)
    assert np.array_equal(rows_of(s), rows_of(dataclasses.replace(s, grad_noise=0.0,
                                                                  noise_seed=99)))


def test_models_take_noise_seeded():
    s = resolve("mlp", steps=30, grad_noise=0.05, noise_seed=1)
    a = rows_of(s)
    assert np.array_equal(a, rows_of(s))
    assert not np.array_equal(a, rows_of(dataclasses.replace(s, noise_seed=2)))
    s = resolve("linreg", steps=30, grad_noise=0.05, noise_seed=1)
    assert not np.array_equal(rows_of(s), rows_of(dataclasses.replace(s, grad_noise=0.0)))


def test_a_models_noise_is_the_streams_values_in_leaf_order():
    """A network's step takes the seeded stream's values, leaf after leaf (W1, b1, W2, b2)
    in their shapes: one SGD step at lr 1 moves each weight by its gradient plus its own
    noise value."""
    def first_step(sigma):
        run = build_run(resolve("mlp", "sgd", hyper={"lr": 1.0}, steps=1, grad_noise=sigma,
                                noise_seed=4))
        before = [np.array(p, dtype=float) for p in run.params]
        run.advance()
        return before, run.params

    before, clean = first_step(0.0)
    _, noisy = first_step(0.3)
    moved = np.concatenate([np.ravel(c - n) for c, n in zip(clean, noisy)])  # = the noise
    assert len(before) == 4 and [np.shape(p) for p in noisy] == [np.shape(p) for p in before]
    np.testing.assert_allclose(moved, GradientNoise(0.3, 4, moved.size).at(0), rtol=1e-9,
                               atol=1e-12)


def test_a_batch_gets_the_single_runs_noise():
    s = resolve("rosenbrock", "adam", steps=400, grad_noise=0.4, noise_seed=8, tol=1e-3)
    sweep = lr_sweep(s, [1e-3, 1e-2, 5e-2])
    for lr, loss, steps in zip(sweep.lr, sweep.loss, sweep.steps):
        run = build_run(dataclasses.replace(s, hyper={**s.hyper, "lr": lr}))
        run.advance()
        assert run.k == steps and run.trajectory.last()[2] == loss
    quiet = BatchRun("rosenbrock", "adam", [(-1.5, 2.0)], lr=1e-2, steps=50)
    noisy = BatchRun("rosenbrock", "adam", [(-1.5, 2.0)], lr=1e-2, steps=50, grad_noise=0.4)
    quiet.advance()
    noisy.advance()
    assert not np.array_equal(quiet.P, noisy.P)


@pytest.mark.parametrize("kw, needle", [({"grad_noise": -1.0}, "σ"),
                                        ({"grad_noise": math.nan}, "σ"),
                                        ({"grad_noise": math.inf}, "σ"),
                                        ({"noise_seed": -1}, "seed"),
                                        ({"noise_seed": 1.5}, "seed")])
def test_bad_noise_settings_are_refused(kw, needle):
    with pytest.raises(ValueError, match=needle):
        resolve("bowl", **kw)


def test_cli_run_with_noise_records_it(tmp_path, capsys):
    def run(seed, name):
        path = tmp_path / name
        assert main(["run", "--problem", "rosenbrock", "--grad-noise", "0.2", "--noise-seed",
                     str(seed), "--steps", "50", "--csv", str(path), "--quiet"]) == 0
        return read_csv(path)[1], json.loads(path.with_suffix(".json").read_text())
    a, meta = run(5, "a.csv")
    b, _ = run(5, "b.csv")
    c, _ = run(6, "c.csv")
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert meta["settings"]["grad_noise"] == 0.2 and meta["settings"]["noise_seed"] == 5
    s = resolve("rosenbrock", steps=50, grad_noise=0.2, noise_seed=5)
    assert np.array_equal(a, rows_of(s))


def test_cli_refuses_negative_noise(tmp_path, capsys):
    assert main(["run", "--grad-noise", "-0.5", "--csv", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "σ" in err[0]
    assert list(tmp_path.iterdir()) == []
