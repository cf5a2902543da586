"""Sessions in the window: save, open (replayed to the same rows), malformed files refused
with nothing changed, Undo of Remove Lane and Reset, QSettings, Restore Defaults, autosave
(pytest-qt, offscreen; every test has its own throw-away settings store: conftest)."""

import json
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.files.session_file import read_session  # noqa: E402
from gdlab.engine.run.recipe import DEFAULT_PROBLEM  # noqa: E402
from gdlab.engine.run.replay import versions  # noqa: E402
from gdlab.engine.run.single import ChangeEvent  # noqa: E402
from gdlab.ui.window_state import settings_store  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QSplitter  # noqa: E402

ENDED = ("finished", "converged", "diverged")
from ui_helpers import choose  # noqa: E402


def step_to(w, qtbot, k):
    while w.k < k:
        target = w.k + 1
        w.step_once()
        qtbot.waitUntil(lambda: w.k == target, timeout=5000)


def ended(w):
    return lambda: all(lane.status in ENDED for lane in w.session.lanes)


def rows_of(w):
    return [lane.history.data.copy() for lane in w.session.lanes]


def changed_run(w, qtbot, k=12, lr=0.0005, steps=80):
    """rosenbrock/momentum: k Steps, then the learning rate changed, then run to the end."""
    p = w.panel
    choose(p.problemCombo, "rosenbrock")
    choose(p.optimizerCombo, "momentum")
    p.tolSpin.setValue(0.0)
    p.stepsSpin.setValue(steps)
    qtbot.waitUntil(lambda: w.run_settings.get("optimizer") == "momentum"
                    and w.run_settings.get("steps") == steps and w.k == 0, timeout=5000)
    step_to(w, qtbot, k)
    p.lrSpin.setValue(lr)
    # (the budget and tolerance set above are changes at step 0)
    qtbot.waitUntil(lambda: w.session.lane.events[-1:] == [ChangeEvent(k, "lr", lr)],
                    timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(ended(w), timeout=10000)


def drawn_range(plot) -> tuple[float, float, float, float]:
    """The path plot's view range once drawn: a paint lets the axes measure their new tick
    labels, the layout pass that follows may narrow the view box, and with 1:1 axes that
    widens y again (an offscreen window paints when its event loop gets to it, so a range
    read before then depends on the machine's load)."""
    vb = plot.getPlotItem().getViewBox()
    last = None
    for _ in range(10):
        plot.grab()  # paints now: the axes ask for the width their labels need
        QCoreApplication.sendPostedEvents()  # the layout request: the view box resized
        (x0, x1), (y0, y1) = vb.viewRange()
        if (x0, x1, y0, y1) == last:
            break
        last = (x0, x1, y0, y1)
    return last


def wait_restored(w, qtbot, rows):
    qtbot.waitUntil(lambda: len(w.session.lanes) == len(rows) and all(
        lane.history.n == len(r) for lane, r in zip(w.session.lanes, rows)), timeout=10000)


def test_round_trip_replays_a_mid_run_lr_change_bit_for_bit(window, qtbot, tmp_path):
    w = window
    changed_run(w, qtbot)
    before = rows_of(w)
    events = list(w.session.lane.events)
    # the lr column shows the change: the update from step 12 on used the new rate
    lr = before[0][:, w.history.columns.index("lr")]
    assert lr[11] != 0.0005 and np.all(lr[12:] == 0.0005)
    box = w.pathPlot.getPlotItem().getViewBox()
    w.pathPlot.show_box((-1.5, 1.25, -0.5, 2.0))  # a view of the user's (not the home view)
    w.modelViews.setCurrentIndex(w.modelViews.stepsIndex)
    shown = drawn_range(w.pathPlot)  # what the user sees when saving
    path = tmp_path / "lesson.gdlab"
    w.save_session(path)
    saved = read_session(path)
    assert saved.lanes[0].events[-1] == ChangeEvent(12, "lr", 0.0005)
    assert saved.lanes[0].origin.optimizer == "momentum"
    assert saved.lanes[0].origin.hyper["lr"] != 0.0005
    assert saved.versions == versions()
    assert saved.box == shown

    w.files.restore_defaults()  # something else entirely
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == DEFAULT_PROBLEM, timeout=5000)
    box.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)

    assert w.open_session(path)
    wait_restored(w, qtbot, before)
    for got, want in zip(rows_of(w), before):
        np.testing.assert_array_equal(got, want)
    assert w.session.lane.events == events
    assert w.panel.problem.name == "rosenbrock" and w.panel.lrSpin.value() == 0.0005
    assert drawn_range(w.pathPlot) == pytest.approx(saved.box, abs=1e-9)
    assert saved.box[:2] == pytest.approx((-1.5, 1.25), abs=1e-9)  # (1:1 may widen y)
    assert w.modelViews.currentIndex() == w.modelViews.stepsIndex
    # the replayed run goes on as the recorded one would: its budget raised, it continues
    assert w.status == "finished"


def test_race_round_trip_and_undo_of_remove_lane(window, qtbot, tmp_path):
    w = window
    p = w.panel
    choose(p.problemCombo, "himmelblau")
    p.tolSpin.setValue(0.0)
    p.stepsSpin.setValue(60)
    w.raceView.addButton.click()
    choose(p.optimizerCombo, "adam")
    qtbot.waitUntil(lambda: len(w.session.lanes) == 2
                    and w.run_settings.get("optimizer") == "adam", timeout=5000)
    step_to(w, qtbot, 7)
    w.session.select(0)
    p.lrSpin.setValue(0.002)
    qtbot.waitUntil(lambda: w.session.lanes[0].events[-1:] == [ChangeEvent(7, "lr", 0.002)],
                    timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(ended(w), timeout=10000)
    before = rows_of(w)
    w.save_session(tmp_path / "race.gdlab")

    w.raceView.removeButton.click()  # removes the selected lane; the race starts again
    qtbot.waitUntil(lambda: len(w.session.lanes) == 1 and w.k == 0, timeout=5000)
    assert w.files.undoAction.isEnabled() and w.files.undoAction.text() == "&Undo Remove Lane"
    w.files.undoAction.trigger()
    wait_restored(w, qtbot, before)
    for got, want in zip(rows_of(w), before):
        np.testing.assert_array_equal(got, want)
    assert [lane.settings.optimizer for lane in w.session.lanes] == ["sgd", "adam"]

    w.files.restore_defaults()
    qtbot.waitUntil(lambda: len(w.session.lanes) == 1, timeout=5000)
    assert w.open_session(tmp_path / "race.gdlab")
    wait_restored(w, qtbot, before)
    for got, want in zip(rows_of(w), before):
        np.testing.assert_array_equal(got, want)


def test_undo_reset(window, qtbot):
    w = window
    changed_run(w, qtbot, steps=40)
    before = rows_of(w)
    assert not w.files.undoAction.isEnabled()
    w.controls.resetAction.trigger()
    qtbot.waitUntil(lambda: w.k == 0 and w.history.n == 1, timeout=5000)
    assert w.files.undoAction.text() == "&Undo Reset"
    w.files.undo()
    wait_restored(w, qtbot, before)
    np.testing.assert_array_equal(rows_of(w)[0], before[0])
    assert not w.files.undoAction.isEnabled()


def test_undo_is_ctrl_z(window):
    from PySide6.QtGui import QKeySequence
    assert window.files.undoAction.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.files.undoAction in window.controls.editMenu.actions()


@pytest.mark.parametrize("edit, field", [
    (lambda d: d.pop("lanes"), "lanes"),
    (lambda d: d["lanes"][0]["recipe"].update(optimizer="sgdd"), "lanes[0].recipe.optimizer"),
    (lambda d: d.update(schema=99), "schema"),
    (lambda d: d["lanes"][0]["recipe"]["hyper"].update(lr=float("nan")),
     "lanes[0].recipe.hyper.lr"),
    (lambda d: d.update(lanes=d["lanes"] * 13), "lanes"),  # the engine races 64, the window 12
])
def test_a_bad_session_changes_nothing(window, qtbot, tmp_path, edit, field):
    w = window
    changed_run(w, qtbot, steps=30)
    path = w.files.save(tmp_path / "good.gdlab")
    d = json.loads(path.read_text())
    edit(d)
    bad = tmp_path / "bad.gdlab"
    bad.write_text(json.dumps(d))
    before, records = rows_of(w), w.session.records()
    settings, serial = w.panel.settings(), w.session.serial
    assert not w.open_session(bad)
    assert f"{field}:" in w.files.last_message and "Nothing was changed" in w.files.last_message
    assert w.files.box.isVisible() and field in w.files.box.text()
    w.files.box.close()
    assert w.session.serial == serial and w.panel.settings() == settings
    assert w.session.records() == records
    for got, want in zip(rows_of(w), before):
        np.testing.assert_array_equal(got, want)


def test_other_versions_are_said(window, qtbot, tmp_path):
    w = window
    changed_run(w, qtbot, steps=20)
    path = w.files.save(tmp_path / "s.gdlab")
    d = json.loads(path.read_text())
    d["versions"]["numpy"] = "1.0.0"
    path.write_text(json.dumps(d))
    assert w.open_session(path)
    assert "numpy 1.0.0" in w.files.last_message and "bit-identical" in w.files.last_message
    assert "numpy 1.0.0" in w.statusBar().currentMessage()


def test_window_sidecar_records_the_change(window, qtbot, tmp_path):
    w = window
    changed_run(w, qtbot, steps=30)
    w.exporter.export_csv(tmp_path / "run.csv")
    meta = json.loads((tmp_path / "run.json").read_text())
    assert meta["events"][-1] == {"step": 12, "name": "lr", "value": 0.0005}
    assert meta["initial_settings"]["hyper"]["lr"] != 0.0005
    assert meta["versions"] == versions()


def test_restore_defaults_is_the_clis_defaults(window, qtbot, tmp_path):
    w = window
    changed_run(w, qtbot, steps=30)
    w.files.restore_defaults()
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == DEFAULT_PROBLEM, timeout=5000)
    subprocess.run([sys.executable, "-m", "gdlab", "run", "--csv", str(tmp_path / "cli.csv")],
                   check=True, capture_output=True)
    cli = json.loads((tmp_path / "cli.json").read_text())["settings"]
    assert w.panel.settings().to_dict() == cli
    assert w.run_settings == cli and len(w.session.lanes) == 1
    assert w.files.undoAction.text() == "&Undo Restore Defaults"


def test_settings_geometry_and_recent_sessions_are_remembered(qtbot, tmp_path):
    from gdlab.ui import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.history.n >= 1, timeout=5000)
    choose(w.panel.problemCombo, "himmelblau")
    choose(w.panel.optimizerCombo, "adam")
    w.panel.lrSpin.setValue(0.03)
    qtbot.waitUntil(lambda: w.run_settings.get("optimizer") == "adam", timeout=5000)
    w.resize(w.width(), 640)  # (the offscreen screen is 800×800: the default is taller)
    size = w.size()
    split = w.findChild(QSplitter, "rightSplitter")
    split.setSizes([150, 300, 100])
    sizes = split.sizes()
    w.save_session(tmp_path / "a.gdlab")
    w.close()
    store = settings_store()
    assert store.fileName().startswith(str(tmp_path.parent))  # the test's throw-away store
    assert w.files.recent() == [str((tmp_path / "a.gdlab").resolve())]

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.history.n >= 1, timeout=5000)
    s = again.panel.settings()
    assert (s.problem, s.optimizer, s.hyper["lr"]) == ("himmelblau", "adam", 0.03)
    assert again.size() == size and size.height() == 640
    assert again.findChild(QSplitter, "rightSplitter").sizes() == sizes
    assert again.files.recent() == [str((tmp_path / "a.gdlab").resolve())]
    again.close()


def test_autosave_and_the_offer_after_a_crash(qtbot, tmp_path):
    from gdlab.ui import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.history.n >= 1, timeout=5000)
    assert str(w.files.autosave_path).startswith(str(tmp_path.parent))  # the test's own
    assert not w.files.autosave()  # nothing run yet: nothing to keep
    changed_run(w, qtbot, steps=30)
    before = rows_of(w)
    assert w.files.autosave() and not w.files.autosave()  # again only once it changes
    assert read_session(w.files.autosave_path).lanes[0].steps_done == 30
    # a crash: the window is never closed, and the pid it left belongs to no process now
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    settings_store().setValue("sessions/running_pid", dead.pid)
    w.shutdown()

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    box = again.files.box
    assert box is not None and box.objectName() == "recoverMessage" and box.isVisible()
    box.button(box.StandardButton.Open).click()
    wait_restored(again, qtbot, before)
    np.testing.assert_array_equal(rows_of(again)[0], before[0])
    again.close()
    assert settings_store().value("sessions/running_pid") is None  # closed normally


def test_the_periodic_autosave_is_written_off_the_gui_thread(window, qtbot, monkeypatch):
    """Its fsync waited for the disk in the GUI thread: 0.1–0.6 s while an export wrote."""
    import threading

    import gdlab.ui.session_files as sf
    w = window
    writers = []
    real = sf.write_session

    def write(path, doc):
        writers.append(threading.current_thread())
        return real(path, doc)

    monkeypatch.setattr(sf, "write_session", write)
    changed_run(w, qtbot, steps=30)
    w.files._timer.timeout.emit()
    qtbot.waitUntil(lambda: not w.files._jobs.pending("autosave"), timeout=5000)
    assert writers and writers[0] is not threading.main_thread()
    assert read_session(w.files.autosave_path).lanes[0].steps_done == 30
    assert not w.files.autosave()  # written: nothing new to keep
    w.files._timer.timeout.emit()
    assert not w.files._jobs.pending("autosave") and len(writers) == 1


def test_a_models_options_come_back(window, qtbot, tmp_path):
    w = window
    p = w.panel
    choose(p.problemCombo, "mlp")
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "mlp", timeout=10000)
    choose(p.modelBox.widgets["dataset"], "spiral")
    p.modelBox.widgets["hidden"].setValue(8)
    p.modelBox.widgets["classes"].setValue(3)
    qtbot.waitUntil(lambda: w.run_settings.get("problem_options", {}).get("hidden") == 8
                    and w.run_settings["problem_options"].get("classes") == 3, timeout=10000)
    options = dict(w.run_settings["problem_options"])
    step_to(w, qtbot, 3)
    before = rows_of(w)
    w.save_session(tmp_path / "mlp.gdlab")
    w.files.restore_defaults()
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == DEFAULT_PROBLEM, timeout=10000)
    assert w.open_session(tmp_path / "mlp.gdlab")
    wait_restored(w, qtbot, before)
    np.testing.assert_array_equal(rows_of(w)[0], before[0])
    assert p.problem.name == "mlp" and p.modelBox.options() == options
    assert w.panel.settings().problem_options == options


def test_a_typed_formula_comes_back(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    w = window
    edit = w.formulas.bar.formulaEdit
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, "x^2 + 3y^2")
    qtbot.waitUntil(lambda: w.session.lane.settings.formula == "x^2 + 3y^2"
                    and w.run_settings.get("formula") == "x^2 + 3y^2", timeout=5000)
    step_to(w, qtbot, 4)
    before = rows_of(w)
    w.save_session(tmp_path / "f.gdlab")
    assert read_session(tmp_path / "f.gdlab").lanes[0].origin.formula == "x^2 + 3y^2"
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, "x^4 + y^2")  # another formula: the panel's own is replaced
    qtbot.waitUntil(lambda: w.run_settings.get("formula") == "x^4 + y^2", timeout=5000)
    w.files.restore_defaults()
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == DEFAULT_PROBLEM, timeout=5000)
    assert w.open_session(tmp_path / "f.gdlab")
    wait_restored(w, qtbot, before)
    np.testing.assert_array_equal(rows_of(w)[0], before[0])
    assert w.panel.problem.source == "x^2 + 3y^2" and edit.text() == "x^2 + 3y^2"
    assert w.pathPane.formulaLabel.text() == "f(x, y) = x² + 3y²"
