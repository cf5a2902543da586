"""Learning-rate schedules: torch's sequences (live and golden), the run loops, the recipe, the
CLI and the JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.files.export import read_csv
from gdlab.engine.optim.optimizers import make_optimizer
from gdlab.engine.optim.schedules import SCHEDULES, Schedule
from gdlab.engine.analysis import sweeps
from gdlab.engine.run.batch import BatchRun
from gdlab.engine.run.recipe import build_run, resolve, settings_from_dict
from gdlab.engine.run.single import Run

from torch_schedules import CASES, GOLDEN, torch_rates


def rates(name: str, params: dict, lr: float, budget: int) -> np.ndarray:
    s = Schedule(name, params)
    return np.array([s.lr(k, lr, budget) for k in range(budget + 1)])


def close(ours: np.ndarray, torch: np.ndarray, lr: float) -> None:
    np.testing.assert_allclose(ours, torch, rtol=1e-12, atol=1e-12 * lr)


# -- the same sequences as torch.optim.lr_scheduler ---------------------------------------
def test_every_schedule_has_golden_torch_sequences():
    data = json.loads(GOLDEN.read_text())
    stored = [(c["schedule"], c["params"], c["lr"], c["budget"]) for c in data["cases"]]
    assert stored == [tuple(c) for c in CASES]  # written by tests/torch_schedules.py
    assert {c[0] for c in CASES} == set(SCHEDULES)


@pytest.mark.parametrize("case", json.loads(GOLDEN.read_text())["cases"],
                         ids=lambda c: f"{c['schedule']}-{c['budget']}")
def test_schedules_match_torchs_stored_sequences(case):
    ours = rates(case["schedule"], case["params"], case["lr"], case["budget"])
    close(ours, np.array(case["rates"]), case["lr"])


@pytest.mark.parametrize("name, params, lr, budget", CASES, ids=lambda v: str(v))
def test_schedules_match_torch_live(name, params, lr, budget):
    pytest.importorskip("torch")
    close(rates(name, params, lr, budget), np.array(torch_rates(name, params, lr, budget)), lr)


def test_a_schedule_takes_K_base_rates_at_once():
    base = np.array([0.5, 0.1, 1e-3])
    for name, params, _, budget in CASES:
        s = Schedule(name, params)
        for k in (0, 1, budget // 3, budget):
            got = np.broadcast_to(s.lr(k, base, budget), base.shape)  # onecycle's max_lr: one
            assert np.array_equal(got, [s.lr(k, float(b), budget) for b in base]), name


def test_schedule_parameters_are_checked_with_the_flags_in_the_message():
    with pytest.raises(ValueError, match="unknown schedule 'cosin'; choose one of: constant"):
        Schedule("cosin")
    with pytest.raises(ValueError, match="the cosine schedule does not take --gamma: it takes "
                                         "--t-max, --eta-min"):
        Schedule("cosine", {"gamma": 0.5})
    with pytest.raises(ValueError, match="step size must be a whole number"):
        Schedule("step", {"step_size": 2.5})
    with pytest.raises(ValueError, match=r"invalid gamma 0: γ must be in \(0, 1\]"):
        Schedule("exponential", {"gamma": 0})
    assert Schedule("step", {"step_size": 4.0}).params == {"step_size": 4, "gamma": 0.1}


# -- the run loops use the scheduled rate and record it ---------------------------------
@pytest.mark.parametrize("name", [n for n in SCHEDULES if n != "constant"])
def test_a_2d_run_steps_at_the_scheduled_rate_and_records_it(name):
    s = Schedule(name)
    run = Run("bowl", make_optimizer("sgd", lr=0.1), (-3.0, 4.0), steps=40, tol=0.0, schedule=s)
    run.advance()
    rows = run.trajectory.rows()
    expected = [s.lr(k, 0.1, 40) for k in range(41)]
    assert list(rows[:, -1]) == expected  # the lr column: the scheduled rate, row by row
    x, y = -3.0, 4.0  # by hand: θ ← θ − lr_k·∇f(θ), ∇f = 2θ on the bowl
    for k in range(40):
        x, y = x - expected[k] * (2 * x), y - expected[k] * (2 * y)
        assert (rows[k + 1, 0], rows[k + 1, 1]) == (x, y)


def test_the_fast_and_the_generic_loop_agree_under_a_schedule():
    s = Schedule("warmup-cosine", {"warmup": 5})
    fast = Run("rosenbrock", make_optimizer("adam", lr=0.05), steps=60, schedule=s)
    slow = Run("rosenbrock", make_optimizer("adam", lr=0.05), steps=60, schedule=s,
               gradient="autodiff")  # the generic loop
    for run in (fast, slow):
        while not run.done:
            run.advance(max_updates=7)  # in pieces: each advance goes on where the last stopped
    a, b = fast.trajectory.rows(), slow.trajectory.rows()
    np.testing.assert_array_equal(a[:, -1], b[:, -1])
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_a_models_run_uses_the_schedule():
    s = Schedule("step", {"step_size": 3, "gamma": 0.5})
    run = Run("linreg", make_optimizer("sgd", lr=0.05), steps=10, schedule=s)
    run.advance()
    lr = run.trajectory.rows()[:, run.trajectory.column("lr")]
    assert list(lr) == [0.05 * 0.5 ** (k // 3) for k in range(11)]


def test_a_live_rate_change_rebases_the_schedule_at_the_same_step():
    s = Schedule("cosine", {"t_max": 20})
    run = Run("bowl", make_optimizer("sgd", lr=0.1), steps=20, tol=0.0, schedule=s)
    run.advance(max_updates=8)
    run.set_hyper(lr=0.4)
    assert run.trajectory.last()[-1] == s.lr(8, 0.4, 20)  # the next update's rate follows
    run.advance()
    lr = run.trajectory.rows()[:, -1]
    assert list(lr[:8]) == [s.lr(k, 0.1, 20) for k in range(8)]
    assert list(lr[8:]) == [s.lr(k, 0.4, 20) for k in range(8, 21)]


def test_a_schedule_that_follows_the_budget_follows_a_raised_budget():
    s = Schedule("onecycle")
    run = Run("bowl", make_optimizer("sgd", lr=0.1), steps=10, tol=0.0, schedule=s)
    run.advance()
    assert run.status == "finished" and run.trajectory.last()[-1] == s.lr(10, 0.1, 10)
    run.set_steps(30)
    assert run.trajectory.last()[-1] == s.lr(10, 0.1, 30)
    run.advance()
    assert list(run.trajectory.rows()[10:, -1]) == [s.lr(k, 0.1, 30) for k in range(10, 31)]


def test_a_batch_of_runs_follows_the_schedule_of_each_single_run():
    s = resolve("rosenbrock", "momentum", steps=50, schedule="exponential",
                schedule_params={"gamma": 0.95})
    lrs = np.array([1e-4, 3e-4, 1e-3])
    batch = BatchRun("rosenbrock", make_optimizer("momentum"), np.tile(s.start, (3, 1)),
                     lr=lrs, steps=50, schedule=Schedule("exponential", {"gamma": 0.95}))
    batch.advance()
    assert not batch.diverged.any()
    for i, lr in enumerate(lrs):
        run = build_run(resolve("rosenbrock", "momentum", hyper={"lr": lr}, steps=50,
                                schedule="exponential", schedule_params={"gamma": 0.95}))
        run.advance()
        np.testing.assert_allclose(batch.P[i], run.point, rtol=1e-12)
    sweep = sweeps.lr_sweep(s, lrs)
    constant = sweeps.lr_sweep(resolve("rosenbrock", "momentum", steps=50), lrs)
    np.testing.assert_allclose(sweep.loss, batch.loss, rtol=1e-12)
    assert not np.allclose(sweep.loss, constant.loss)


# -- the recipe, ADALINE, the JSON --------------------------------------------------------
def test_adalines_decay_is_its_default_schedule():
    s = resolve("adaline")
    assert (s.schedule, s.schedule_params) == ("inverse-time", {"decay_steps": 200.0})
    assert resolve("adaline", schedule_params={"decay_steps": 50}).schedule_params == {
        "decay_steps": 50.0}
    assert resolve("adaline", schedule="constant").schedule == "constant"
    assert resolve("bowl").schedule == "constant"
    run = build_run(s)
    run.advance()
    lr = run.trajectory.rows()[:, run.trajectory.column("lr")]
    assert list(lr) == [0.1 * (1.0 / (1.0 + k / 200.0)) for k in range(len(lr))]


def test_settings_round_trip_through_json_and_old_adaline_files_keep_their_decay():
    s = resolve("bowl", schedule="step", schedule_params={"gamma": 0.5})
    assert settings_from_dict(json.loads(json.dumps(s.to_dict()))) == s
    old = resolve("adaline").to_dict()
    del old["schedule"], old["schedule_params"]
    for decay, name, params in ((50.0, "inverse-time", {"decay_steps": 50.0}),
                                (0.0, "constant", {})):
        d = settings_from_dict({**old, "problem_options": {**old["problem_options"],
                                                          "decay": decay}})
        assert (d.schedule, d.schedule_params, "decay" in d.problem_options) == (
            name, params, False)
        assert build_run(d).settings().schedule == name


# -- the CLI ---------------------------------------------------------------------------------
def test_cli_schedule_flags_reach_the_csv_and_the_json(tmp_path, capsys):
    csv = tmp_path / "run.csv"
    assert main(["run", "--schedule", "warmup-cosine", "--warmup", "4", "--t-max", "20",
                 "--eta-min", "0.001", "--steps", "30", "--tol", "0", "--csv", str(csv)]) == 0
    out = capsys.readouterr().out
    assert "schedule warmup-cosine (warmup=4, t_max=20, eta_min=0.001)" in out
    columns, rows = read_csv(csv)
    s = Schedule("warmup-cosine", {"warmup": 4, "t_max": 20, "eta_min": 0.001})
    assert list(rows[:, columns.index("lr")]) == [s.lr(k, 0.1, 30) for k in range(31)]
    settings = json.loads(csv.with_suffix(".json").read_text())["settings"]
    assert settings["schedule"] == "warmup-cosine"
    assert settings["schedule_params"] == {"warmup": 4, "t_max": 20, "eta_min": 0.001}


@pytest.mark.parametrize("args, message", [
    (["--gamma", "0.5"], "the constant schedule does not take --gamma"),
    (["--schedule", "step", "--max-lr", "1"], "the step schedule does not take --max-lr: "
                                               "it takes --step-size, --gamma"),
    (["--schedule", "step", "--step-size", "0"], "step size must be in [1,"),
    (["--schedule", "cosine", "--t-max", "2.5"], "'2.5' is not a whole number"),
])
def test_cli_refuses_bad_schedule_flags_in_one_line(args, message, capsys):
    assert main(["run", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_cli_sweep_and_race_take_a_schedule(tmp_path, capsys):
    assert main(["sweep", "lr", "--schedule", "cosine", "--n", "5", "--steps", "20"]) == 0
    csv = tmp_path / "race.csv"
    assert main(["race", "--optimizer", "sgd,adam", "--schedule", "onecycle", "--steps",
                 "20", "--csv", str(csv)]) == 0
    lanes = json.loads(csv.with_suffix(".json").read_text())["lanes"]
    assert [ln["settings"]["schedule"] for ln in lanes] == ["onecycle", "onecycle"]
    columns, rows = read_csv(csv)
    first = rows[rows[:, 0] == 1]  # lane 1
    s = Schedule("onecycle")
    assert list(first[:, columns.index("lr")]) == [s.lr(k, 0.1, 20) for k in range(21)]


def test_cli_list_shows_the_schedules_with_their_flags(capsys):
    assert main(["list"]) == 0
    text = capsys.readouterr().out
    for name, kind in SCHEDULES.items():
        assert f"  {name:<13} {kind.formula}" in text
    assert "--step-size 30, --gamma 0.1" in text and "--decay-steps 200" in text
