"""Change events and replay (engine): a run with changes made mid-run runs again to the same
rows, bit for bit; sidecars record the changes."""

import json

import numpy as np
import pytest

from gdlab.engine.files.export import export_race, export_run
from gdlab.engine.optim.optimizers import OPTIMIZERS
from gdlab.engine.run.race import Race
from gdlab.engine.run.recipe import build_run, resolve
from gdlab.engine.run.replay import (LaneRecord, check_events, record_of, replay, version_note,
                                     versions)
from gdlab.engine.run.single import ChangeEvent


def _rows(run):
    return run.trajectory.rows(0, len(run.trajectory))


def _changed_run(settings, k=40, lr=0.05, then=30):
    run = build_run(settings)
    run.advance(max_updates=k)
    run.set_hyper(lr=lr)
    run.advance(max_updates=then)
    return run


def test_a_change_is_recorded_at_its_step():
    run = _changed_run(resolve("rosenbrock", "momentum", steps=200))
    assert run.events == [ChangeEvent(40, "lr", 0.05)]
    assert run.origin.hyper["lr"] != 0.05 and run.settings().hyper["lr"] == 0.05


def test_a_reset_run_starts_with_no_changes_from_where_they_led():
    run = _changed_run(resolve("rosenbrock", "momentum", steps=200))
    run.reset()
    assert run.events == [] and run.origin.hyper["lr"] == 0.05


def test_a_dragged_slider_is_one_change_per_step():
    run = build_run(resolve("bowl"))
    for lr in (0.1, 0.2, 0.3):
        run.set_hyper(lr=lr)
    run.advance(max_updates=3)
    run.set_hyper(lr=0.4)
    assert run.events == [ChangeEvent(0, "lr", 0.3), ChangeEvent(3, "lr", 0.4)]


@pytest.mark.parametrize("problem, optimizer, extra", [
    ("rosenbrock", "momentum", {}),
    ("himmelblau", "adam", {"grad_noise": 0.5, "noise_seed": 7}),
    ("bowl", "sgd", {"gradient": "numerical"}),
    ("linreg", None, {}),
])
def test_replay_is_bit_identical_with_a_mid_run_lr_change(problem, optimizer, extra):
    settings = resolve(problem, optimizer, steps=120, **extra)
    run = build_run(settings)
    run.advance(max_updates=17)
    run.set_hyper(lr=run.optimizer.lr * 0.5)
    run.advance(max_updates=20)
    run.set_steps(150)
    run.advance(max_updates=30)
    again = replay(record_of(run))
    assert again.k == run.k and again.status == run.status
    np.testing.assert_array_equal(_rows(again), _rows(run))  # NaN-free, exact
    # without the change the rows differ: the event is what makes them equal
    plain = build_run(settings)
    plain.advance(max_updates=run.k)
    assert not np.array_equal(_rows(plain), _rows(run))


def test_replay_stops_where_a_diverged_run_stopped():
    run = build_run(resolve("rosenbrock", "sgd", steps=500))
    run.advance(max_updates=10)
    run.set_hyper(lr=0.05)
    run.advance()
    assert run.status == "diverged"
    again = replay(record_of(run))
    assert again.status == "diverged" and again.k == run.k
    np.testing.assert_array_equal(_rows(again), _rows(run))


def test_check_events_names_a_bad_event():
    settings = resolve("bowl", "sgd")
    with pytest.raises(ValueError, match=r"events\[1\] \(lr at step 5\).*lr"):
        check_events(build_run(settings), [ChangeEvent(0, "lr", 0.1), ChangeEvent(5, "lr", -1.0)])
    with pytest.raises(ValueError, match=r"events\[0\].*no setting 'beta1'"):
        check_events(build_run(settings), [ChangeEvent(0, "beta1", 0.5)])
    with pytest.raises(ValueError, match="step order"):
        check_events(build_run(settings), [ChangeEvent(5, "lr", 0.1), ChangeEvent(2, "lr", 0.2)])


def test_sidecar_records_the_change_events(tmp_path):
    run = _changed_run(resolve("rosenbrock", "momentum", steps=200))
    export_run(run, tmp_path / "run.csv")
    meta = json.loads((tmp_path / "run.json").read_text())
    assert meta["events"] == [{"step": 40, "name": "lr", "value": 0.05}]
    assert meta["initial_settings"]["hyper"]["lr"] == run.origin.hyper["lr"]
    assert meta["settings"]["hyper"]["lr"] == 0.05
    assert meta["versions"] == versions()
    # the sidecar alone runs it again
    from gdlab.engine.run.recipe import settings_from_dict
    record = LaneRecord(settings_from_dict(meta["initial_settings"]),
                        [ChangeEvent(**e) for e in meta["events"]], meta["steps_done"])
    np.testing.assert_array_equal(_rows(replay(record)), _rows(run))


def test_race_sidecar_records_each_lanes_events(tmp_path):
    race = Race([resolve("bowl", "sgd", steps=50), resolve("bowl", "momentum", steps=50)])
    race.advance(max_updates=5)
    race.lanes[1].run.set_hyper(momentum=0.5)
    race.advance()
    export_race(race, tmp_path / "race.csv")
    meta = json.loads((tmp_path / "race.json").read_text())
    assert meta["lanes"][0]["events"] == []
    assert meta["lanes"][1]["events"] == [{"step": 5, "name": "momentum", "value": 0.5}]


def test_version_note():
    assert version_note(versions()) == ""
    note = version_note({**versions(), "numpy": "1.0.0"})
    assert "numpy 1.0.0" in note and "bit-identical" in note
    assert version_note(None)


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
def test_every_optimizer_replays_an_lr_change(optimizer):
    run = build_run(resolve("rosenbrock", optimizer, steps=100))
    run.advance(max_updates=13)
    run.set_hyper(lr=run.optimizer.lr * 0.5)
    run.advance(max_updates=40)
    np.testing.assert_array_equal(_rows(replay(record_of(run))), _rows(run))
