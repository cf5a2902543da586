"""The race: lanes of recipe-built runs in lock-step, the leaderboard, auto-tune, noisy
sample paths, the long CSV and ``gdlab race``."""

import dataclasses
import json
import math

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.analysis import sweeps
from gdlab.engine.analysis.tune import TUNE_N, auto_tune, auto_tune_lanes, candidates, tune_rates
from gdlab.engine.files.export import (export_race, export_run, read_csv, read_race_csv,
                                       sidecar_path)
from gdlab.engine.optim.hyperparams import STEPS_MAX
from gdlab.engine.run.race import ROWS_MAX, Race, default_labels, loss_band, noisy_lanes
from gdlab.engine.run.recipe import build_run, resolve, settings_from_dict

STEPS = 3000
# rosenbrock, default start: finished, finished, converged at 2022, diverged at 4
MIXED = [("sgd", 1e-3), ("momentum", 1e-3), ("adam", 0.05), ("sgd", 3e-3)]


def mixed(steps=STEPS, **kw):
    return [resolve("rosenbrock", o, hyper={"lr": lr}, steps=steps, **kw) for o, lr in MIXED]


def single_rows(settings):
    run = build_run(settings)
    run.advance()
    return run.trajectory.rows()


def test_each_lane_is_bit_identical_to_its_single_run_and_lanes_stop_alone():
    settings = mixed()
    race = Race(settings)
    got = [[] for _ in settings]
    for chunk in race.chunks(seconds=0.0, max_updates=97):
        running = [p.step for p in chunk.lanes if p.status not in ("converged", "diverged")]
        assert len(set(running)) <= 1  # lock-step: the lanes still going share a step
        for rows, part in zip(got, chunk.lanes):
            rows.append(part.rows)
    assert [ln.status for ln in race.lanes] == ["finished", "finished", "converged", "diverged"]
    assert race.lanes[3].run.k < race.lanes[2].run.k < race.lanes[0].run.k == STEPS
    for s, ln, parts in zip(settings, race.lanes, got):
        expected = single_rows(s)
        assert np.array_equal(ln.run.trajectory.rows(), expected)
        assert np.array_equal(np.concatenate(parts), expected)


def test_advance_all_at_once_stop_resume_and_reset():
    race = Race(mixed(steps=500))
    race.advance(max_updates=100)
    assert {ln.run.k for ln in race.lanes if ln.status != "diverged"} == {100}
    race.stop()
    assert race.advance() == "stopped" and race.k == 100
    race.resume()
    assert race.advance() == "finished"
    first = [ln.run.trajectory.rows() for ln in race.lanes]
    race.reset()
    assert race.k == 0 and race.status == "ready"
    race.advance()
    assert all(np.array_equal(a, ln.run.trajectory.rows()) for a, ln in zip(first, race.lanes))


def test_the_checkpoint_comes_every_few_dozen_steps_of_a_lane_however_long_a_round(monkeypatch):
    """A GUI worker's gate is seen within 32 steps of any lane (as in a single run), not only
    between lock-step rounds: rounds may then be long (each restarts every lane's loop), and
    the run thread still stops at once when the window paints."""
    from gdlab.engine.run import race as race_module
    monkeypatch.setattr(race_module, "ROUND_SECONDS", 10.0)  # rounds of 32, 128, 512… steps
    race = Race(mixed(steps=2000)[:2])
    seen = []
    # (a lane's rows: its loop keeps its step in a local until the loop returns)
    race.checkpoint = lambda: seen.append(tuple(len(ln.run.trajectory) for ln in race.lanes))
    race.advance(max_updates=2000)
    assert race.lanes[0].run.k == race.lanes[1].run.k == 2000
    moved = [sum(b - a for a, b in zip(k0, k1)) for k0, k1 in zip(seen, seen[1:])]
    assert len(seen) >= 2 * 2000 // 32 and max(moved) <= 32
    # lanes made later (a race reset with new lanes) get it too
    race.set_lanes(mixed(steps=100)[:3])
    assert all(ln.run.checkpoint is race.checkpoint for ln in race.lanes)


def test_memory_bound_all_lanes_within_one_runs_limit():
    assert ROWS_MAX == STEPS_MAX + 1
    per_lane = ROWS_MAX // 3 - 1
    Race([resolve("bowl", steps=per_lane)] * 3)  # fits: building runs stores one row each
    with pytest.raises(ValueError, match="at most 10,000,001 rows"):
        Race([resolve("bowl", steps=per_lane + 1)] * 3)
    race = Race([resolve("bowl", steps=10)] * 3)
    with pytest.raises(ValueError, match="rows"):
        race.set_steps(per_lane + 1)
    assert [ln.run.steps for ln in race.lanes] == [10] * 3  # unchanged
    race.set_steps(per_lane)
    assert {ln.run.steps for ln in race.lanes} == {per_lane}


def test_lanes_add_remove_and_refuse_mixed_columns():
    race = Race([resolve("bowl")])
    race.add(resolve("bowl", "adam"), "mine")
    assert [ln.label for ln in race.lanes] == ["SGD", "mine"]
    race.advance()
    race.set_lane(0, resolve("bowl", "momentum"))
    assert race.k == 0 and race.lanes[0].run.optimizer.name == "momentum"
    assert [ln.label for ln in race.lanes] == ["SGD", "mine"]
    with pytest.raises(ValueError, match="rows"):
        race.set_lane(1, resolve("bowl", steps=STEPS_MAX))
    assert race.lanes[1].run.optimizer.name == "adam"  # unchanged
    race.remove(0)
    assert [ln.label for ln in race.lanes] == ["mine"]
    with pytest.raises(ValueError, match="at least one"):
        race.remove(0)
    with pytest.raises(ValueError, match="same columns"):
        Race([resolve("bowl"), resolve("mlp")])
    assert Race([resolve("bowl", hyper={"lr": lr}) for lr in (0.1, 0.01)]).lanes[1].label \
        == "SGD lr 0.01"


def test_leaderboard_steps_to_tolerance_then_loss_diverged_last():
    settings = mixed() + [resolve("rosenbrock", "adam", hyper={"lr": 0.02}, steps=STEPS)]
    race = Race(settings)
    race.advance()
    board = race.leaderboard()
    assert [st.rank for st in board] == list(range(1, len(settings) + 1))
    conv = [st for st in board if st.status == "converged"]
    fin = [st for st in board if st.status == "finished"]
    div = [st for st in board if st.status == "diverged"]
    assert board == conv + fin + div and len(conv) >= 1 and len(div) == 1
    assert [st.steps_to_tol for st in conv] == sorted(st.steps_to_tol for st in conv)
    assert all(st.steps_to_tol == race.lanes[st.lane].run.k for st in conv)
    gn = race.lanes[conv[0].lane].run.trajectory
    assert gn.last()[gn.column("grad_norm")] <= settings[0].tol
    assert [st.loss for st in fin] == sorted(st.loss for st in fin)
    assert all(st.steps_to_tol is None for st in fin + div)


def test_auto_tune_bowl_sgd_lands_in_one_step():
    tuned = auto_tune(resolve("bowl", "sgd"), [0.1, 0.3, 0.5, 0.9, 1.5])
    assert tuned.lr == 0.5 and tuned.steps_to_tol == 1 and tuned.status == "converged"
    assert tuned.settings.hyper["lr"] == 0.5


def test_auto_tune_tries_the_rates_the_curvature_gives_where_the_hessian_is_known():
    # bowl: λ = 2, so 1/λmax = 2/(λmin + λmax) = 0.5, which no log-spaced grid point is
    tuned = auto_tune(resolve("bowl", "sgd"))
    assert tuned.lr == 0.5 and tuned.steps_to_tol == 1 and tuned.status == "converged"
    grid = {float(f"{lr:.3g}") for lr in sweeps.lr_grid(n=TUNE_N)}
    assert 0.5 not in grid
    # ellipse: λ = 0.1 and 2, 1/λmax = 0.5 and 2/2.1 = 0.952 (3 digits, as rates are typed)
    assert set(tune_rates(resolve("ellipse"))) == grid | {0.5, 0.952}
    assert set(tune_rates(resolve("rosenbrock"))) == grid  # no constant Hessian: the grid


def test_auto_tune_choice_is_checked_by_single_runs():
    lrs = np.geomspace(1e-4, 3.0, 24)
    settings = [resolve("rosenbrock", o, steps=800) for o in ("sgd", "momentum", "adam")]
    for tuned in auto_tune_lanes(settings, lrs):
        singles = []
        for lr in lrs:
            run = build_run(dataclasses.replace(tuned.settings,
                                                hyper={**tuned.settings.hyper, "lr": lr}))
            run.advance()
            if run.status != "diverged":
                stt = run.k if run.status == "converged" else math.inf
                singles.append((stt, run.trajectory.last()[2], lr))
        best = min(singles)
        assert tuned.lr == best[2], (tuned.settings.optimizer, tuned.lr, best)
        assert (tuned.steps_to_tol or math.inf, tuned.loss) == best[:2]


def test_auto_tune_never_picks_a_diverging_rate_and_reports_when_all_do():
    tuned = auto_tune(resolve("rosenbrock", "sgd", steps=200), [1e-3, 0.5, 5.0])
    assert tuned.lr == 1e-3
    assert list(candidates(tuned.sweep)) == [0]
    with pytest.raises(ValueError, match="diverged"):
        auto_tune(resolve("rosenbrock", "sgd", steps=200), [0.5, 5.0])
    with pytest.raises(ValueError, match="model"):
        auto_tune(resolve("mlp"))


def test_noisy_sample_paths_and_their_band():
    base = resolve("ellipse", "sgd", steps=200, grad_noise=0.5, noise_seed=10)
    lanes = noisy_lanes(base)
    assert [s.noise_seed for s in lanes] == list(range(10, 18))
    race = Race(lanes)
    race.advance()
    losses = np.array([ln.run.trajectory.rows()[:, 2] for ln in race.lanes])
    assert len({row.tobytes() for row in losses}) == 8  # different seeds, different paths
    band = loss_band([ln.run for ln in race.lanes])
    assert np.array_equal(band.step, np.arange(201)) and set(band.count) == {8}
    assert np.allclose(band.mean, losses.mean(axis=0), rtol=1e-15, atol=0)
    assert np.array_equal(band.lo, losses.min(axis=0))
    assert np.array_equal(band.hi, losses.max(axis=0))
    thin = loss_band([ln.run for ln in race.lanes], every=10)
    assert np.array_equal(thin.hi, band.hi[::10])
    with pytest.raises(ValueError, match="σ > 0"):
        noisy_lanes(resolve("ellipse"))


def test_band_counts_only_lanes_still_there():
    race = Race(mixed(steps=300))
    race.advance()
    band = loss_band([ln.run for ln in race.lanes])
    assert band.count[0] == 4 and band.count[10] == 3  # the diverged lane ended at step 4
    assert np.isfinite(band.mean).all()


# -- export -------------------------------------------------------------------------------
def test_one_lane_exports_exactly_as_a_run(tmp_path):
    race = Race([resolve("rosenbrock", "adam", steps=50)])
    race.advance()
    export_race(race, tmp_path / "race.csv")
    export_run(race.lanes[0].run, tmp_path / "run.csv")
    assert (tmp_path / "race.csv").read_bytes() == (tmp_path / "run.csv").read_bytes()
    assert (tmp_path / "race.json").read_bytes() == (tmp_path / "run.json").read_bytes()


def test_long_csv_lanes_equal_gdlab_run_and_round_trip(tmp_path, capsys):
    settings = mixed(steps=300)
    race = Race(settings, labels=["a, b", 'q"uote', "100%", "d"])
    race.advance()
    path = export_race(race, tmp_path / "race.csv")
    assert path.read_text().splitlines()[0] == \
        "lane,label,step,x,y,loss,grad_x,grad_y,grad_norm,lr"
    table = read_race_csv(path)
    assert table.labels == {1: "a, b", 2: 'q"uote', 3: "100%", 4: "d"}
    meta = json.loads(sidecar_path(path).read_text())
    assert meta["rows"] == len(table.rows) == sum(len(ln.run.trajectory) for ln in race.lanes)
    for i, (s, ln) in enumerate(zip(settings, race.lanes), 1):
        single = tmp_path / f"single{i}.csv"
        lr = f"--lr={s.hyper['lr']!r}"
        assert main(["run", "--problem", "rosenbrock", "--optimizer", s.optimizer, lr,
                     "--steps", "300", "--csv", str(single), "--quiet"]) == 0
        assert np.array_equal(table.lane_rows(i), read_csv(single)[1])
        assert np.array_equal(table.step[table.lane == i], np.arange(len(ln.run.trajectory)))
        lane_meta = meta["lanes"][i - 1]
        assert lane_meta["lane"] == i and lane_meta["status"] == ln.status
        again = build_run(settings_from_dict(lane_meta["settings"]))
        again.advance()
        assert np.array_equal(again.trajectory.rows(), table.lane_rows(i))
    columns, rows = read_csv(path)
    assert columns[:2] == ("lane", "step") and np.array_equal(rows[:, 0], table.lane)


def test_a_race_export_says_what_it_is_and_reads_back_whole_numbers(tmp_path):
    """The long CSV's lines end in a newline alone, as a run's; its JSON (two-space indent)
    names gdlab's version, the libraries' and each lane's label and rows; lane and step read
    back as integers."""
    from gdlab import __version__
    race = Race(mixed(steps=40), labels=["a", "b", "c", "d"])
    race.advance()
    path = export_race(race, tmp_path / "race.csv")
    assert b"\r" not in path.read_bytes()
    text = sidecar_path(path).read_text()
    assert text.startswith('{\n  "gdlab_version": ')
    meta = json.loads(text)
    assert meta["gdlab_version"] == __version__ and "numpy" in meta["versions"]
    assert [(m["label"], m["rows"]) for m in meta["lanes"]] == [
        (ln.label, len(ln.run.trajectory)) for ln in race.lanes]
    table = read_race_csv(path)
    assert table.lane.dtype == table.step.dtype == np.int64


def test_a_runs_csv_reads_as_a_race_of_one_unlabelled_lane(tmp_path):
    run = build_run(resolve("rosenbrock", "adam", steps=30))
    run.advance()
    columns, rows = read_csv(export_run(run, tmp_path / "run.csv"))
    table = read_race_csv(tmp_path / "run.csv")
    assert table.columns == columns == tuple(run.trajectory.columns)
    assert table.lane.dtype == table.step.dtype == np.int64
    assert np.array_equal(table.lane, np.ones(31)) and np.array_equal(table.step, np.arange(31))
    assert np.array_equal(table.rows, rows) and table.labels == {1: ""}
    (tmp_path / "none.csv").write_text("step,x,y\n")  # no rows: no lane
    assert read_race_csv(tmp_path / "none.csv").labels == {}


@pytest.mark.parametrize("lanes", [1, 3])
def test_a_race_export_replaces_only_gdlabs_own_json(tmp_path, lanes):
    """An unrelated JSON where the sidecar goes is refused, one lane or several, unless
    ``overwrite`` (the window's "replace?" answered yes)."""
    from gdlab.engine.files.export import SidecarConflict
    race = Race(mixed(steps=20)[:lanes])
    race.advance()
    foreign = tmp_path / "race.json"
    foreign.write_text('{"name": "my-project"}\n')
    with pytest.raises(SidecarConflict):
        export_race(race, tmp_path / "race.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.json"]
    export_race(race, tmp_path / "race.csv", overwrite=True)
    assert "gdlab_version" in json.loads(foreign.read_text())


def test_long_csv_of_a_model_has_its_columns(tmp_path):
    race = Race([resolve("mlp", o, steps=20) for o in ("sgd", "adam")])
    race.advance()
    table = read_race_csv(export_race(race, tmp_path / "m.csv"))
    assert table.columns == race.columns and table.columns[0] == "loss"
    assert np.array_equal(table.lane_rows(2), race.lanes[1].run.trajectory.rows())


def test_an_interrupted_race_export_leaves_nothing(tmp_path, monkeypatch):
    race = Race(mixed(steps=100))
    race.advance()

    def interrupt(*a):
        raise KeyboardInterrupt
    monkeypatch.setattr(race.lanes[2].run.trajectory, "rows", interrupt)
    with pytest.raises(KeyboardInterrupt):
        export_race(race, tmp_path / "r.csv")
    assert list(tmp_path.iterdir()) == []


# -- gdlab race ---------------------------------------------------------------------------
def test_cli_race_prints_the_leaderboard_and_writes_the_long_csv(tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["race", "--problem", "rosenbrock", "--optimizer", "sgd,momentum,adam,sgd",
                 "--lr", "0.001,0.001,0.05,0.003", "--steps", str(STEPS), "--csv",
                 str(out)]) == 0
    text = capsys.readouterr().out.splitlines()
    board = [line.split() for line in text if line.strip()[:1].isdigit()]
    assert [row[1] for row in board] == ["3", "2", "1", "4"]  # adam converged, sgd diverged
    assert "converged" in board[0] and "diverged" in board[-1]
    table = read_race_csv(out)
    for i, s in enumerate(mixed(), 1):
        assert np.array_equal(table.lane_rows(i), single_rows(s))


def test_cli_race_lists_of_one_apply_to_every_lane(tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["race", "--optimizer", "sgd,momentum,adam", "--lr", "0.05", "--momentum",
                 "0.8", "--start", "-3,4", "--start=1,2", "--start=2,-1", "--grad-noise",
                 "0.1", "--noise-seed", "1,2,3", "--steps", "40", "--csv", str(out)]) == 0
    lanes = json.loads(out.with_suffix(".json").read_text())["lanes"]
    assert [ln["settings"]["hyper"]["lr"] for ln in lanes] == [0.05] * 3
    assert lanes[1]["settings"]["hyper"]["momentum"] == 0.8
    assert "momentum" not in lanes[2]["settings"]["hyper"]  # adam has none
    assert [ln["settings"]["start"] for ln in lanes] == [[-3, 4], [1, 2], [2, -1]]
    assert [ln["settings"]["noise_seed"] for ln in lanes] == [1, 2, 3]
    assert {ln["settings"]["grad_noise"] for ln in lanes} == {0.1}


def test_cli_race_auto_tune_shows_the_tuned_rates(capsys):
    assert main(["race", "--problem", "bowl", "--optimizer", "sgd,adam", "--auto-tune",
                 "--steps", "50"]) == 0
    text = capsys.readouterr().out
    tuned = auto_tune_lanes([resolve("bowl", o, steps=50) for o in ("sgd", "adam")])
    assert "auto-tune" in text
    for t in tuned:
        assert f"{t.lr:.4g}" in text


@pytest.mark.parametrize("args, needle", [
    (["--optimizer", "sgd,adam", "--lr", "0.1,0.2,0.3"], "--optimizer 2, --lr 3 values"),
    (["--optimizer", "sgd,adam", "--start=1,2", "--start=1,2", "--start=3,3"], "--start 3 values"),
    (["--optimizer", "sgd,nope"], "unknown optimizer"),
    (["--lr", "0.1,x"], "not a number"),
    (["--optimizer", "sgd,adam", "--steps", "6000000"], "at most"),
    (["--auto-tune", "--lr", "0.1"], "drop --lr"),
    (["--optimizer", "sgd,adam", "--beta1", "0.9,0.9"], "lane 1: sgd has no hyperparameter"),
    (["--grad-noise", "-1"], "σ"),
    (["--csv", "/no/such/folder/x.csv"], "does not exist"),
])
def test_cli_race_bad_input_one_line_exit_2_nothing_written(tmp_path, capsys, args, needle):
    out = tmp_path / "r.csv"
    extra = [] if "--csv" in args else ["--csv", str(out)]
    assert main(["race", *args, *extra]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], captured.err
    assert captured.out == "" and list(tmp_path.iterdir()) == []


def test_a_lanes_label_names_its_optimizer_as_users_see_it():
    from gdlab.engine.optim.optimizers import OPTIMIZERS, optimizer_title
    assert optimizer_title("lbfgs") == "L-BFGS" and optimizer_title("nope") == "nope"
    labels = default_labels([resolve("bowl", name) for name in ("lbfgs", "cg")])
    assert labels == ["L-BFGS", OPTIMIZERS["cg"].title]
    assert labels[1].fields["optimizer"].template == OPTIMIZERS["cg"].title  # translatable
