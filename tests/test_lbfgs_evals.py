"""L-BFGS as a method that evaluates more than once a step: its rows' evaluation counts (torch's),
its line-search trial points, its notes, and a race budgeted by gradient evaluations."""

import numpy as np
import pytest

from gdlab.engine.files.export import export_run, read_csv
from gdlab.engine.run.race import Race
from gdlab.engine.run.recipe import build_run, resolve
from gdlab.engine.run.single import EVAL_COLUMNS
from test_golden import ARRAYS, CASES

WOLFE = {"lr": 1.0, "line_search": "strong_wolfe"}


def _torch_counts(hyper: dict) -> np.ndarray:
    """torch's func_evals after each step (0 at the start) for L-BFGS on rosenbrock."""
    case = next(c for c in CASES if c["optimizer"] == "lbfgs" and c["problem"] == "rosenbrock"
                and c["hyper"] == hyper)
    return ARRAYS[case["key"] + "_evals"]


@pytest.mark.parametrize("hyper", [WOLFE, {"lr": 1.0}])
def test_an_lbfgs_csv_has_torchs_evaluation_counts_and_its_trials(tmp_path, hyper):
    steps = 80
    run = build_run(resolve("rosenbrock", "lbfgs", start=(-1.5, 2.0), steps=steps, tol=0.0,
                            hyper=hyper))
    run.advance()
    path = export_run(run, tmp_path / "lbfgs.csv")
    columns, data = read_csv(path)
    assert tuple(columns[-2:]) == EVAL_COLUMNS
    f_evals, grad_evals = data[:, -2], data[:, -1]
    # row k: torch's count after k steps, plus the evaluation at θ_k (torch's next step's first)
    assert np.array_equal(f_evals, _torch_counts(hyper)[:steps + 1] + 1)
    assert np.array_equal(grad_evals, f_evals)
    assert (run.f_evals, run.grad_evals) == (f_evals[-1], grad_evals[-1])
    # every evaluation that is not a row's is a line-search trial point, kept by its step
    trials = run.trials.rows()
    assert len(trials) == f_evals[-1] - (steps + 1)
    assert (len(trials) > 0) == (hyper == WOLFE)
    if len(trials):
        assert np.all(np.diff(trials[:, 0]) >= 0) and trials[-1, 0] < steps
        k = int(trials[0, 0])  # the first step's trials lie on the line from θ_k to θ_k+1
        rows = run.trajectory.rows()
        a, b = rows[k, :2], rows[k + 1, :2]
        for _, x, y in trials[trials[:, 0] == k]:
            cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])
            assert abs(cross) <= 1e-9 * (1 + np.hypot(*(b - a)) * np.hypot(x - a[0], y - a[1]))


def test_lbfgs_on_a_model_counts_one_evaluation_a_step_without_trials():
    run = build_run(resolve("linreg", "lbfgs", steps=5))
    run.advance()
    columns = run.trajectory.columns
    assert tuple(columns[-2:]) == EVAL_COLUMNS and columns[:-2] == build_run(
        resolve("linreg", "sgd", steps=5)).trajectory.columns
    rows = run.trajectory.rows()
    assert rows[:, -2].tolist() == rows[:, -1].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert len(run.trials) == 0


def test_lbfgs_says_why_it_takes_no_step():
    run = build_run(resolve("bowl", "lbfgs", steps=10, tol=0.0))
    run.advance()
    assert run.notes and min(run.notes) >= 1  # once at the minimum, every step
    k = min(run.notes)
    assert run.notes[k].endswith("≤ tolerance_grad 1e-07: L-BFGS takes no step here")
    rows = run.trajectory.rows()
    assert np.array_equal(rows[k, :2], rows[k + 1, :2])


def test_a_race_by_gradient_evaluations_budgets_an_lbfgs_lane():
    settings = [resolve("rosenbrock", "sgd", tol=0.0, steps=1000),
                resolve("rosenbrock", "lbfgs", tol=0.0, steps=1000, hyper=WOLFE)]
    race = Race(settings, grad_evals=40)
    race.advance()
    sgd, lbfgs = (ln.run for ln in race.lanes)
    assert sgd.k == 39 and sgd.status == "finished"
    assert lbfgs.status == "finished" and lbfgs.k < 39  # its line search spends more a step
    evals = lbfgs.trajectory.rows()[:, -1]
    assert evals[-1] == lbfgs.grad_evals >= 40 > evals[-2]  # ends at the first row reaching it
    board = race.leaderboard()
    assert {b.lane: b.grad_evals for b in board}[1] == lbfgs.grad_evals


def test_auto_tune_keeps_an_lbfgs_lanes_rate_and_tunes_the_others(capsys):
    """L-BFGS steps one run at a time (no batch sweeps it) and its lr scales its own step:
    auto-tune keeps it and tunes the other lanes; a race of L-BFGS alone is refused in words."""
    from gdlab.cli import main
    from gdlab.engine.analysis.tune import auto_tune, auto_tune_lanes

    sgd, lbfgs = resolve("rosenbrock", "sgd"), resolve("rosenbrock", "lbfgs", hyper=WOLFE)
    tuned = auto_tune_lanes([sgd, lbfgs, sgd], [1e-4, 1e-3])
    assert tuned[1] is None
    alone = auto_tune(sgd, [1e-4, 1e-3])
    for t in (tuned[0], tuned[2]):  # as if tuned alone
        assert (t.settings, t.lr, t.steps_to_tol, t.loss) == (alone.settings, alone.lr,
                                                              alone.steps_to_tol, alone.loss)
    assert alone.lr == 1e-3
    with pytest.raises(ValueError, match="L-BFGS steps one run at a time") as e:
        auto_tune_lanes([lbfgs], [1e-4, 1e-3])
    assert "race it without auto-tune, at its own lr (1" in str(e.value)
    assert main(["race", "--problem", "rosenbrock", "--optimizer", "lbfgs",
                 "--auto-tune"]) == 2
    err = capsys.readouterr().err
    assert "race it without auto-tune" in err and "map" not in err
    assert main(["race", "--problem", "rosenbrock", "--optimizer", "sgd,lbfgs", "--steps", "200",
                 "--auto-tune"]) == 0
    out = capsys.readouterr().out
    assert "lane 2 (L-BFGS) keeps lr 1: it steps one run at a time" in out
    assert "L-BFGS lr 1 " in out and "SGD lr 1 " not in out


def test_a_rewound_lbfgs_run_goes_on_with_the_same_counts_and_trials():
    run = build_run(resolve("rosenbrock", "lbfgs", steps=60, tol=0.0, hyper=WOLFE))
    run.advance()
    rows, trials = run.trajectory.rows(), run.trials.rows()
    assert run.state_at(37).f_evals == rows[37, -2]  # a replayed step counts as the run did
    run.rewind(20)
    assert run.f_evals == rows[20, -2] and run.trials.rows()[:, 0].max() < 20
    run.advance()
    assert np.array_equal(run.trajectory.rows(), rows)
    assert np.array_equal(run.trials.rows(), trials)
