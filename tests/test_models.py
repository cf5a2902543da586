"""The model problems (seeds sections 3–5) and the autodiff gradient method."""

import json

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.problems.datasets import DATASETS, make_classification
from gdlab.engine.files.export import export_run, read_csv
from gdlab.engine.problems.registry import MODELS, get_problem, problem_names
from gdlab.engine.problems.objectives import GRAPH_MATH, OBJECTIVES
from gdlab.engine.run.single import Run
from gdlab.engine.optim.schedules import Schedule

SEEDS_TABLE = [  # epoch, w after the update, loss before it (seeds section 3)
    (1, 0.300, 30.000000), (3, 0.772, 15.660187), (5, 1.113, 8.174716), (7, 1.359, 4.267253),
    (9, 1.537, 2.227533), (11, 1.665, 1.162786), (13, 1.758, 0.606982), (15, 1.825, 0.316848),
    (17, 1.874, 0.165397), (19, 1.909, 0.086338),
]


def _run(problem, optimizer="sgd", lr=None, steps=None, **kw):
    p = get_problem(problem) if isinstance(problem, str) else problem
    run = Run(p, optimizer, steps=steps if steps is not None else p.default_steps, **kw)
    run.optimizer.lr = p.suggested_lr if lr is None else lr
    run.reset()
    run.advance()
    return run


# -- section 3 --------------------------------------------------------------------------
@pytest.mark.parametrize("gradient", ["analytic", "autodiff", "numerical"])
def test_seeds_section_3_table(gradient):
    run = _run("linreg-w", lr=0.01, steps=20, gradient=gradient)
    assert run.trajectory.columns == ("w", "loss", "grad_w", "grad_norm", "lr")
    rows = run.trajectory.rows()
    assert len(rows) == 21 and run.status == "finished"
    for epoch, w, loss in SEEDS_TABLE:
        assert f"{rows[epoch, 0]:.3f}" == f"{w:.3f}"  # printed as the seeds print them
        assert f"{rows[epoch - 1, 1]:.6f}" == f"{loss:.6f}"
    assert round(5 * rows[0, 0], 3) == 0.0
    assert round(float(run.objective.predict(run.params, 5.0)), 3) == 9.612


def test_seeds_section_3_float32_agrees():
    r64 = _run("linreg-w", lr=0.01, steps=20).trajectory.rows()
    run32 = _run("linreg-w", lr=0.01, steps=20, dtype="float32")
    assert isinstance(run32.params[0].dtype, np.dtype) and run32.params[0].dtype == np.float32
    np.testing.assert_allclose(run32.trajectory.rows()[:, :2], r64[:, :2], rtol=2e-6, atol=1e-6)


def test_seeds_worked_step():
    run = _run("linreg-w", lr=0.01, steps=2)
    rows = run.trajectory.rows()
    p = run.objective
    assert rows[1, 0] == pytest.approx(0.3)
    np.testing.assert_allclose(p.predict([rows[1, 0]], p.X), [0.3, 0.6, 0.9, 1.2])
    assert rows[1, 1] == pytest.approx(21.675, abs=1e-12)
    assert rows[1, 2] == pytest.approx(-25.5, abs=1e-12)
    assert rows[2, 0] == pytest.approx(0.555, abs=1e-12)
    assert rows[2, 0] == pytest.approx(0.3 - 0.01 * -25.5, abs=1e-15)


# -- linreg and adaline ------------------------------------------------------------------
def test_linreg_reaches_least_squares_and_methods_agree():
    runs = {g: _run("linreg", gradient=g, steps=300) for g in ("analytic", "autodiff", "numerical")}
    w, b = runs["analytic"].objective.least_squares()
    for g, run in runs.items():
        assert run.trajectory.columns == ("w", "b", "loss", "grad_w", "grad_b", "grad_norm", "lr")
        np.testing.assert_allclose(run.point, (w, b), atol=1e-6)
    np.testing.assert_allclose(runs["analytic"].point, runs["autodiff"].point, rtol=1e-14)


def test_adaline_learns_2x_plus_1():
    run = _run("adaline", gradient="autodiff")
    p = run.objective
    rows = run.trajectory.rows()
    last_epoch = rows[-len(p.y):, :2].mean(axis=0)
    assert np.all(np.abs(last_epoch - (2.0, 1.0)) < 0.05)
    lr = rows[:, run.trajectory.column("lr")]
    assert lr[0] == pytest.approx(0.1) and lr[-1] < lr[0] / 5 and np.all(np.diff(lr) <= 0)
    same = _run("adaline", gradient="analytic").trajectory.rows()
    np.testing.assert_array_equal(rows, same)


def test_adaline_separate_rates_and_one_sample_per_update():
    p = get_problem("adaline")
    run = Run(p, "sgd", steps=1, schedule=Schedule())
    run.optimizer.lr = 0.1
    run.reset()
    g = run.trajectory.rows()[0]
    i = next(p.batches())[0]
    x, label = p.X[i], p.y[i]
    s = 1.0 if label > 0 else -1.0  # d|u|/du at u = label − (0·x + 0)
    assert g[3] == pytest.approx(-s * x) and g[4] == -s
    run.advance()
    w, b = run.point
    assert w == pytest.approx(0.05 * s * x) and b == pytest.approx(0.1 * s)  # w at lr/2, b at lr


def test_reset_restarts_the_same_batches():
    run = _run("mlp", steps=50)
    first = run.trajectory.rows()
    run.reset()
    run.advance()
    np.testing.assert_array_equal(run.trajectory.rows(), first)


# -- the two-layer network ---------------------------------------------------------------
@pytest.mark.parametrize("dataset, floor", [("moons", 0.97), ("spiral", 0.90)])
def test_mlp_default_recipe_accuracy(dataset, floor):
    p = get_problem("mlp", dataset=dataset)
    run = _run(p, optimizer=p.default_optimizer)
    assert run.trajectory.columns == ("loss", "grad_norm", "lr", "accuracy")
    assert p.accuracy(run.params) >= floor
    assert run.trajectory.rows()[-1, 0] < run.trajectory.rows()[0, 0]


def test_mlp_shapes_data_predict():
    p = get_problem("mlp", dataset="blobs", classes=3, hidden=7, batch=16, seed=3)
    run = Run(p, "adam", steps=3)
    W1, b1, W2, b2 = run.params
    assert W1.shape == (2, 7) and b1.shape == (7,) and W2.shape == (7, 3) and b2.shape == (3,)
    assert np.all(b1 == 0) and abs(W1.std() - 0.01) < 0.01
    X, y = p.data
    assert X.shape == (200, 2) and y.shape == (200,) and set(y) == {0, 1, 2}
    probs = p.predict(run.params, X)
    assert probs.shape == (200, 3) and np.allclose(probs.sum(axis=1), 1)
    assert len(run.point) == 7 * 2 + 7 + 7 * 3 + 3
    with pytest.raises(ValueError, match="start"):
        Run(p, "adam", start=(0.0, 0.0))


def test_mlp_three_gradient_methods_train_alike():
    rows = {g: _run("mlp", optimizer="adam", steps=5, gradient=g).trajectory.rows()
            for g in ("analytic", "autodiff", "numerical")}
    np.testing.assert_allclose(rows["autodiff"], rows["analytic"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(rows["numerical"], rows["analytic"], rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_seeded(name):
    X, y = make_classification(name, 100, seed=5)
    X2, y2 = make_classification(name, 100, seed=5)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert X.shape == (100, 2) and abs(np.mean(y == 0) - 0.5) <= 0.01
    assert not np.array_equal(X, make_classification(name, 100, seed=6)[0])


# -- autodiff on the 2-D objectives ---------------------------------------------------------
@pytest.mark.parametrize("name", list(OBJECTIVES))
def test_autodiff_equals_analytic_on_every_objective(name):
    obj = OBJECTIVES[name]
    rng = np.random.default_rng(1)
    x0, x1, y0, y1 = obj.box
    from gdlab.engine.gradients.methods import autodiff_gradient
    for x, y in [obj.start, *rng.uniform((x0, y0), (x1, y1), size=(20, 2))]:
        value, (gx, gy) = autodiff_gradient(lambda a, b: obj.value(a, b, GRAPH_MATH), (x, y))
        ax, ay = obj.grad(float(x), float(y))
        scale = max(1.0, abs(ax), abs(ay))
        assert abs(gx - ax) <= 1e-12 * scale and abs(gy - ay) <= 1e-12 * scale
        assert value == pytest.approx(obj.f(float(x), float(y)), rel=1e-14)
    a = Run(obj, "adam", steps=30)
    d = Run(obj, "adam", steps=30, gradient="autodiff")
    a.advance(), d.advance()
    np.testing.assert_allclose(d.trajectory.rows(), a.trajectory.rows(), rtol=1e-9, atol=1e-12)


# -- registry, export, CLI ---------------------------------------------------------------------
def test_registry():
    names = problem_names()
    assert "bowl" in names and all(m in names for m in MODELS)
    with pytest.raises(ValueError, match="mlp"):
        get_problem("nope")
    with pytest.raises(ValueError, match="dataset"):
        get_problem("linreg-w", dataset="moons")
    assert Run("linreg", "sgd").settings().problem == "linreg"


def test_csv_export_of_a_model_run(tmp_path):
    run = _run(get_problem("mlp", dataset="xor", hidden=8), optimizer="adam", steps=40)
    export_run(run, tmp_path / "mlp.csv")
    columns, rows = read_csv(tmp_path / "mlp.csv")
    assert columns == ("loss", "grad_norm", "lr", "accuracy") and len(rows) == 41
    np.testing.assert_array_equal(rows, run.trajectory.rows())
    meta = json.loads((tmp_path / "mlp.json").read_text())
    assert meta["settings"]["problem"] == "mlp"
    assert meta["settings"]["problem_options"]["dataset"] == "xor"
    assert meta["settings"]["problem_options"]["hidden"] == 8


def test_cli_linreg_w_prints_the_seeds_table(capsys):
    assert main(["run", "--problem", "linreg-w", "--start", "0", "--lr", "0.01", "--steps", "20"]) == 0
    text = capsys.readouterr().out
    for epoch, w, loss in SEEDS_TABLE:
        assert f"epoch {epoch}: w = {w:.3f}, loss = {loss:.6f}" in text
    assert "prediction f(5) before training 0.000, after training 9.612" in text


@pytest.mark.parametrize("args, needle", [
    (["--problem", "linreg"], "least squares"),
    (["--problem", "adaline"], "last epoch (w, b)"),
    (["--problem", "adaline", "--w-scale", "0.5", "--schedule", "constant", "--steps", "10"],
     "adaline"),
    (["--problem", "mlp", "--dataset", "moons", "--hidden", "16", "--batch", "50", "--seed", "2",
      "--steps", "300"], "accuracy"),
    (["--problem", "mlp", "--dataset", "circles", "--gradient", "autodiff", "--steps", "20"],
     "autodiff gradient"),
    (["--problem", "rosenbrock", "--gradient", "autodiff", "--steps", "20"], "autodiff"),
])
def test_cli_runs_each_model(args, needle, capsys):
    assert main(["run", *args]) == 0
    assert needle in capsys.readouterr().out


def test_cli_model_csv_and_params(tmp_path, capsys):
    csv, npz = tmp_path / "m.csv", tmp_path / "m.npz"
    assert main(["run", "--problem", "mlp", "--steps", "30", "--csv", str(csv),
                 "--save-params", str(npz), "--quiet"]) == 0
    columns, rows = read_csv(csv)
    assert columns == ("loss", "grad_norm", "lr", "accuracy") and len(rows) == 31
    saved = np.load(npz)
    assert sorted(saved.files) == ["W1", "W2", "b1", "b2", "steps"]
    assert list(saved["steps"]) == [0, 30] and saved["W1"].shape == (2, 2, 32)


def test_cli_parameter_vectors_along_the_run(tmp_path, capsys):
    npz = tmp_path / "every.npz"
    assert main(["run", "--problem", "mlp", "--steps", "100", "--save-params", str(npz),
                 "--params-every", "25", "--quiet"]) == 0
    saved = np.load(npz)
    assert list(saved["steps"]) == [0, 25, 50, 75, 100]
    assert saved["b2"].shape == (5, 2) and np.all(saved["b2"][0] == 0)  # biases start at 0
    assert not np.allclose(saved["W1"][0], saved["W1"][-1])


@pytest.mark.parametrize("args, needle", [
    (["--problem", "linreg-w", "--dataset", "moons"], "dataset"),
    (["--problem", "bowl", "--hidden", "3"], "hidden"),
    (["--problem", "mlp", "--start", "0,0"], "start"),
    (["--problem", "linreg", "--w-scale", "0.1"], "w-scale"),
    (["--problem", "mlp", "--dataset", "nope"], "invalid data set 'nope'"),
])
def test_cli_bad_model_options(args, needle, capsys):
    assert main(["run", *args]) == 2
    assert needle in capsys.readouterr().err


def test_cli_list_shows_models(capsys):
    assert main(["list"]) == 0
    text = capsys.readouterr().out
    for name in ("linreg-w", "linreg", "adaline", "mlp", "spiral", "moons"):
        assert name in text


def test_autodiff_at_ackley_origin_is_finite():
    a = Run("ackley", "sgd", start=(0.0, 0.0), steps=3, tol=0.0)  # a zero gradient goes on
    d = Run("ackley", "sgd", start=(0.0, 0.0), steps=3, tol=0.0, gradient="autodiff")
    a.advance(), d.advance()
    assert d.status == "finished"
    np.testing.assert_array_equal(d.trajectory.rows(), a.trajectory.rows())


def test_a_diverging_network_leaks_no_warning(capsys):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert main(["run", "--problem", "mlp", "--lr", "10", "--steps", "300"]) == 0
    assert "accuracy" in capsys.readouterr().out


def test_the_data_sets_random_generator_comes_with_the_engine_not_with_the_first_model():
    """numpy imports numpy.random at its first use (~8 ms): that was the window's first change
    to a model, in the GUI thread."""
    import subprocess
    import sys
    code = ("import sys, gdlab.engine.problems.registry; "
            "print('numpy.random' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
