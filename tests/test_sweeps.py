"""The batched engine's per-run bookkeeping and the three maps (lr sweep, basins, hyperparameters)."""

import numpy as np
import pytest

from gdlab.engine.run.batch import BatchRun
from gdlab.engine.optim.optimizers import make_optimizer
from gdlab.engine.run.single import Run


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


# -- the maps -------------------------------------------------------------------------------
from gdlab.engine.analysis import sweeps  # noqa: E402
from gdlab.engine.run.recipe import resolve  # noqa: E402


def test_bowl_sweep_diverges_exactly_above_lr_1():
    sweep = sweeps.lr_sweep(resolve("bowl", steps=3000))
    assert len(sweep.lr) == 200 and sweep.lr[0] == pytest.approx(1e-5) and sweep.lr[-1] == 10
    np.testing.assert_array_equal(sweep.status == "diverged", sweep.lr > 1)
    assert np.isinf(sweep.loss[sweep.lr > 1]).all() and np.isfinite(sweep.loss[sweep.lr <= 1]).all()
    # right at the edge: lr 1 bounces between (−3, 4) and (3, −4) for ever, lr 0.5 lands at once
    edge = sweeps.lr_sweep(resolve("bowl", steps=10_000), lrs=[0.5, 0.999, 1.0, 1.001])
    assert list(edge.status) == ["converged", "converged", "finished", "diverged"]
    assert edge.loss[0] == 0.0 and edge.steps[0] == 1
    assert edge.loss[2] == 25.0 and edge.steps[2] == 10_000
    assert (edge.fastest_lr, edge.edge_lr) == (0.5, 1.0)
    assert edge.best_lr == 0.5 and edge.first_diverged == 1.001
    assert list(edge.steps_to_tol) == [1, edge.steps[1], -1, -1]


def test_quadratic_rates_from_the_hessian_at_the_minimum():
    fastest, edge = sweeps.quadratic_rates(sweeps.get_objective("ellipse"))
    assert fastest == pytest.approx(2 / 2.1) and round(fastest, 3) == 0.952
    assert edge == pytest.approx(1.0)
    # matyas: H = [[0.52, −0.48], [−0.48, 0.52]], λ = 0.04 and 1
    assert sweeps.quadratic_rates(sweeps.get_objective("matyas")) == pytest.approx((2 / 1.04, 2.0))
    assert sweeps.quadratic_rates(sweeps.get_objective("booth")) == pytest.approx((0.1, 1 / 9))
    for name in ("rosenbrock", "himmelblau", "saddle", "rastrigin"):  # not quadratic / no minimum
        assert sweeps.quadratic_rates(sweeps.get_objective(name)) is None, name


def test_himmelblau_basins_find_the_four_minima():
    b = sweeps.basins(resolve("himmelblau"), n=100)
    assert b.known == 4 and len(b.minima) == 4
    shares = b.shares()
    assert (shares > 0.15).all() and shares.sum() > 0.95, shares
    for i, m in enumerate(b.minima):  # each cell labelled i ended near minimum i
        ends = b.end[b.minimum == i]
        assert np.linalg.norm(ends - m, axis=1).max() <= 0.01 * np.hypot(10, 10)
    # the corner (−5, −5) runs downhill to (−3.78, −3.28), (5, 5) to (3, 2)
    assert b.minimum[0, 0] == 2 and b.minimum[-1, -1] == 0
    assert b.xs[0] == -5 and b.ys[-1] == 5 and b.end.shape == (100, 100, 2)


def test_basins_with_the_numerical_gradient_and_float32():
    analytic = sweeps.basins(resolve("himmelblau"), n=20)
    numerical = sweeps.basins(resolve("himmelblau", gradient="numerical"), n=20)
    single = sweeps.basins(resolve("himmelblau", dtype="float32"), n=20)
    np.testing.assert_array_equal(numerical.minimum, analytic.minimum)
    np.testing.assert_allclose(numerical.end, analytic.end, atol=1e-6)
    assert single.end.dtype == np.float32
    assert (single.minimum == analytic.minimum).mean() > 0.95


def test_basins_over_a_given_box_cluster_unknown_minima():
    # rastrigin's egg box: plain descent stops in the local minimum nearest each start
    b = sweeps.basins(resolve("rastrigin", steps=500), n=21, box=(-2.2, 2.2, -2.2, 2.2))
    assert b.known == 1 and len(b.minima) > 9
    conv = b.status == "converged"
    assert (b.minimum[conv] >= 0).all()
    centres = b.minima[b.known:]
    assert np.abs(centres - np.round(centres)).max() < 0.1  # near the integer points
    assert b.minimum[10, 10] == 0  # the centre start stays at the global minimum


def test_label_minima_known_then_clusters_then_none():
    end = np.array([[0.0, 0.0], [0.05, 0.0], [5.0, 5.0], [5.02, 5.0], [9.0, 9.0], [1e3, 1e3]])
    ok = np.array([True, True, True, True, True, False])
    converged = np.array([True, False, True, True, False, False])
    labels, minima = sweeps.label_minima(end, ok, converged, np.array([[0.0, 0.0]]), 0.1)
    assert list(labels) == [0, 0, 1, 1, -1, -1]
    np.testing.assert_allclose(minima, [[0.0, 0.0], [5.01, 5.0]])


def test_hyper_map_cells_are_single_runs():
    s = resolve("rosenbrock", "momentum", steps=300, tol=1e-6)
    m = sweeps.hyper_map(s, n=12)
    assert (m.x_name, m.y_name, m.x_log, m.y_log) == ("lr", "momentum", True, False)
    assert m.xs[0] == pytest.approx(1e-5) and m.xs[-1] == pytest.approx(0.1)
    assert m.ys[0] == 0.0 and m.ys[-1] == 0.999 and m.loss.shape == (12, 12)
    assert {"diverged", "finished"} <= set(m.status.ravel())
    for i, j in ((0, 0), (5, 7), (11, 3), (11, 11)):
        run = _single("rosenbrock", "momentum", s.start, 300, 1e-6, lr=m.xs[j], momentum=m.ys[i])
        assert (m.status[i, j], m.steps[i, j]) == (run.status, run.k)
        if run.status != "diverged":
            assert m.loss[i, j] == pytest.approx(run.trajectory.last()[2], rel=1e-12)
    assert sweeps.default_axes("adam") == ("lr", "beta1")
    assert sweeps.default_axes("nesterov") == ("lr", "momentum")
    a = sweeps.hyper_map(resolve("ellipse", "adam"), "beta2", "eps", (0.9, 0.999), (1e-8, 1e-2), n=3)
    assert (a.x_log, a.y_log) == (False, True) and a.columns[:2] == ("beta2", "eps")
    np.testing.assert_allclose(a.ys, [1e-8, 1e-5, 1e-2])


@pytest.mark.parametrize("call,match", [
    (lambda: sweeps.lr_sweep(resolve("mlp")), "2-D functions; mlp is a model"),
    (lambda: sweeps.lr_grid(1.0, 0.1), "0 < from < to"),
    (lambda: sweeps.basins(resolve("bowl"), box=(1, 0, 0, 1)), "X0 < X1"),
    (lambda: sweeps.hyper_map(resolve("bowl", "adam"), "lr", "momentum"), "no hyperparameter"),
    (lambda: sweeps.hyper_map(resolve("bowl", "adam"), "lr", "lr"), "two different"),
    (lambda: sweeps.hyper_map(resolve("bowl", "adam"), "lr", "beta1", (0.0, 1.0)), "from > 0"),
    (lambda: sweeps.hyper_map(resolve("bowl", "adam"), "lr", "beta1", None, (0, 1.0)), "beta1"),
    (lambda: sweeps.basins(resolve("bowl", gradient="autodiff")), "analytic or numerical"),
    (lambda: sweeps.basins(resolve("bowl"), n=1001), "at most 1,000,000"),
    (lambda: sweeps.hyper_map(resolve("bowl", "adam"), n=5000), "at most 1,000,000"),
    (lambda: sweeps.lr_grid(n=10**7), "at most 1,000,000"),
    (lambda: sweeps.lr_sweep(resolve("bowl", steps=10**8)), "step budget"),
])
def test_maps_refuse_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_progress_and_cancel():
    seen = []
    sweeps.basins(resolve("rosenbrock", "adam", steps=400), n=60, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 2
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(sweeps.Cancelled):
        sweeps.hyper_map(resolve("rosenbrock", "adam", steps=100_000), n=50, cancel=cancel)
    assert len(calls) == 3


def test_map_csv_round_trip(tmp_path):
    sweep = sweeps.lr_sweep(resolve("bowl", steps=50), lrs=[0.1, 0.5, 2.0])
    path = sweeps.write_map_csv(tmp_path / "lr.csv", sweep)
    lines = path.read_text().splitlines()
    assert lines[0] == "lr,loss,steps,status"
    # lr 2 triples the point: the loss 25·9^k passes 1e10 at k = 10
    assert lines[2] == "0.5,0.0,1,converged" and lines[3] == "2.0,inf,10,diverged"
    assert float(lines[1].split(",")[1]) == sweep.loss[0]  # exact floats
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lr.csv"]
    with pytest.raises(OSError):
        sweeps.write_map_csv(tmp_path / "missing" / "lr.csv", sweep)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lr.csv"]


# -- gdlab sweep --------------------------------------------------------------------------
from gdlab.cli import main  # noqa: E402
from gdlab.engine.optim import hyperparams as hp  # noqa: E402


@pytest.mark.parametrize("argv,api", [
    (["lr", "--problem", "ellipse", "--from", "1e-3", "--to", "3", "--n", "25", "--steps", "300"],
     lambda: sweeps.lr_sweep(resolve("ellipse", steps=300), sweeps.lr_grid(1e-3, 3, 25))),
    (["basin", "--problem", "himmelblau", "--optimizer", "adam", "--lr", "0.05", "--n", "30",
      "--box", "-4,4,-4.5,4.5", "--tol", "1e-4"],
     lambda: sweeps.basins(resolve("himmelblau", "adam", hyper={"lr": 0.05}, tol=1e-4), 30,
                           (-4, 4, -4.5, 4.5))),
    (["hyper", "--problem", "rosenbrock", "--optimizer", "nesterov", "--start", "-1,-0.5",
      "--x", "lr", "--x-from", "1e-5", "--x-to", "0.01", "--y", "momentum", "--y-from", "0.5",
      "--y-to", "0.99", "--n", "15", "--steps", "200"],
     lambda: sweeps.hyper_map(resolve("rosenbrock", "nesterov", start=(-1, -0.5), steps=200),
                              "lr", "momentum", (1e-5, 0.01), (0.5, 0.99), 15)),
])
def test_cli_sweep_writes_the_engine_numbers(tmp_path, capsys, argv, api):
    path = tmp_path / "map.csv"
    assert main(["sweep", *argv, "--csv", str(path)]) == 0
    assert "status" in capsys.readouterr().out
    result = api()
    lines = path.read_text().splitlines()
    assert lines[0] == ",".join(result.columns)
    cells = [line.split(",") for line in lines[1:]]
    expected = list(result.rows())
    assert len(cells) == len(expected)
    for got, want in zip(cells, expected):
        assert got[-1 if result.columns[-1] == "status" else -2] in (
            "finished", "converged", "diverged")
        for g, w in zip(got, want):
            assert (g == w) if isinstance(w, str) else float(g) == float(w)


def test_cli_sweep_summaries(capsys):
    assert main(["sweep", "lr", "--steps", "3000"]) == 0
    out = capsys.readouterr().out
    assert "diverges   from lr 1.012" in out and "2/λmax = 1" in out
    assert "your lr" not in out  # none asked about
    assert main(["sweep", "lr", "--lr", "0.3"]) == 0  # the rate asked about: where it falls
    assert "your lr    0.3: the nearest rate swept, 0.2899, converged in 19 steps" in \
        capsys.readouterr().out
    assert main(["sweep", "lr", "--lr", "0"]) == 0
    assert "your lr" not in capsys.readouterr().out
    assert main(["sweep", "basin", "--problem", "himmelblau", "--n", "40"]) == 0
    out = capsys.readouterr().out
    assert out.count(" minimum (") == 4 and "(3, 2)" in out
    assert main(["sweep", "basin", "--problem", "rosenbrock", "--n", "20"]) == 0
    out = capsys.readouterr().out  # 100 SGD steps: most starts are still on their way
    assert "no minimum within the steps:  98.2%; diverged:   0.0%" in out
    assert main(["sweep", "hyper", "--problem", "ellipse", "--optimizer", "momentum",
                 "--n", "10"]) == 0
    lr = resolve("ellipse", "momentum").hyper["lr"]  # 0.1, the book's rate for momentum
    top = min(100 * lr, hp.LR.ui_high)  # ÷100 … ×100 around it, within the panel's range
    assert f"lr {lr / 100:g} … {top:g} (log) × momentum 0 … 0.999" in capsys.readouterr().out


@pytest.mark.parametrize("argv,message", [
    (["lr", "--problem", "mlp"], "mlp is a model"),
    (["lr", "--from", "1", "--to", "0.1"], "0 < from < to"),
    (["lr", "--start", "1"], "needs 2 values"),
    (["basin", "--box", "1,2"], "X0,X1,Y0,Y1"),
    (["basin", "--box", "-1,-2,0,1"], "X0 < X1"),
    (["basin", "--start=1,2"], "drop --start"),
    (["hyper", "--optimizer", "adam", "--y", "momentum"], "no hyperparameter 'momentum'"),
    (["hyper", "--x-to", "3"], "go together"),
    (["hyper", "--momentum", "1.5"], "momentum"),
    (["lr", "--csv", "missing/x.csv"], "does not exist"),
])
def test_cli_sweep_bad_input(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(["sweep", *argv, "--csv", "out.csv"] if "--csv" not in argv else
                ["sweep", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("gdlab sweep")
    assert list(tmp_path.iterdir()) == []


def test_benchmark_baselines_do_the_maps_work():
    """The numpy loops the maps are timed against compute the same runs (same stops)."""
    from gdlab.bench import maps as bm
    s = resolve("rosenbrock", "sgd", steps=300)
    lrs = sweeps.lr_grid(1e-4, 1e-2, 30)
    sweep = sweeps.lr_sweep(s, lrs)
    with np.errstate(all="ignore"):
        book = bm.numpy_lr_sweep_gd(lrs, 300)
    assert (sweep.status == "diverged").any() and (sweep.status == "finished").any()
    np.testing.assert_array_equal(book.stopped, np.where(sweep.status == "finished", -1,
                                                         sweep.steps))
    s = resolve("rosenbrock", "momentum", steps=200)
    m = sweeps.hyper_map(s, n=8)
    X, Y = np.meshgrid(m.xs, m.ys)
    with np.errstate(all="ignore"):
        book = bm.numpy_hyper_momentum(X.ravel(), Y.ravel(), 200)
    np.testing.assert_array_equal(book.stopped, np.where(m.status == "finished", -1,
                                                         m.steps).ravel())
    s = resolve("rosenbrock", "adam", hyper={"lr": 1e-3}, steps=300)
    b = sweeps.basins(s, n=7)
    X, Y = np.meshgrid(b.xs, b.ys)
    book = bm.numpy_basins_adam(np.column_stack([X.ravel(), Y.ravel()]), 300)
    assert (book.stopped == -1).all() and (b.status == "finished").all()
    np.testing.assert_allclose(book.end[:, :2], b.end.reshape(-1, 2), rtol=1e-12)
    np.testing.assert_allclose(book.end[:, 2], b.loss.ravel(), rtol=1e-10)


def test_every_numeric_hyperparameter_makes_an_axis_on_its_default_range():
    """Each map-able optimizer × each of its numeric hyperparameters against lr, over the
    default range: valid values only (Rprop's η− lives in the open (0, 1): its ends are
    left out)."""
    from gdlab.engine.optim.optimizers import OPTIMIZERS
    for name, cls in OPTIMIZERS.items():
        if not cls.per_leaf:
            continue
        s = resolve("himmelblau", name)
        for y in sweeps.numeric_hyperparameters(name):
            if y != "lr":
                m = sweeps.hyper_map(s, "lr", y, n=3)
                assert m.ys[0] < m.ys[-1], (name, y)
    lo, hi = sweeps.axis_range(sweeps.numeric_hyperparameters("rprop")["etaminus"], 0.5)
    assert 0 < lo < 0.02 and 0.98 < hi < 1
