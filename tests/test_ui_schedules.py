"""The learning-rate schedule in the window: the panel's group, the run, lr(t) on the loss plot."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import Qt  # noqa: E402

from gdlab.cli import main as cli_main  # noqa: E402
from gdlab.engine.optim.schedules import Schedule  # noqa: E402

from test_ui import choose, finished, setup_run  # noqa: E402


def schedule(w, qtbot, name, **params):
    box = w.panel.scheduleBox
    choose(box.combo, name)
    for n, v in params.items():
        box.boxes[n].setValue(v)
    qtbot.waitUntil(lambda: w.status == "ready" and w.run_settings.get("schedule") == name
                    and all(w.run_settings["schedule_params"][n] == v for n, v in params.items()),
                    timeout=5000)


def test_the_panel_offers_each_schedule_with_its_own_parameters(window):
    box = window.panel.scheduleBox
    assert box.name == "constant" and not box.boxes
    choose(box.combo, "warmup-cosine")
    assert list(box.boxes) == ["warmup", "t_max", "eta_min"]
    assert box.boxes["t_max"].text() == "budget" and box.boxes["warmup"].value() == 10
    choose(box.combo, "onecycle")
    assert list(box.boxes) == ["max_lr", "pct_start"] and box.boxes["max_lr"].text() == "= lr"
    assert "OneCycleLR" in box.combo.toolTip()
    choose(window.panel.problemCombo, "rosenbrock")  # one 2-D function to another: it stays
    assert box.name == "onecycle"
    choose(window.panel.problemCombo, "adaline")  # a model's own recipe: ADALINE's decay
    assert box.name == "inverse-time" and box.boxes["decay_steps"].value() == 200


def test_a_scheduled_run_in_the_window_equals_the_cli(window, qtbot, tmp_path):
    w = window
    setup_run(w, qtbot, steps=40)
    schedule(w, qtbot, "step", step_size=10, gamma=0.5)
    qtbot.mouseClick(w.controls.runButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(finished(w), timeout=10000)
    s = Schedule("step", {"step_size": 10, "gamma": 0.5})
    assert list(w.history.data[:, -1]) == [s.lr(k, 0.1, 40) for k in range(41)]
    ui_csv = w.exporter.export_csv(tmp_path / "ui.csv")
    assert cli_main(["run", "--lr", "0.1", "--steps", "40", "--start=-3,4", "--tol", "0",
                     "--schedule", "step", "--step-size", "10", "--gamma", "0.5",
                     "--csv", str(tmp_path / "cli.csv"), "--quiet"]) == 0
    assert ui_csv.read_text() == (tmp_path / "cli.csv").read_text()


def test_lr_of_t_shows_on_the_loss_plot_when_the_rate_varies(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=30)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: not w._dirty, timeout=5000)
    assert not w.lossPane.lrAxis.shown  # a constant rate: the loss plot as before
    schedule(w, qtbot, "cosine", t_max=0)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: w.lossPane.lrAxis.shown, timeout=5000)
    assert w.lossPlot.getPlotItem().getAxis("right").isVisible()
    x, y = w.lossPane.lrAxis.curves[0].getData()
    s = Schedule("cosine")
    np.testing.assert_array_equal(y, [s.lr(k, 0.1, 30) for k in range(31)])
    assert "╌╌ lr" in w.lossPlot.getPlotItem().titleLabel.item.toPlainText()  # as shown
    w.lossPane.logCheck.setChecked(True)  # the loss on a log scale, the rate still linear
    qtbot.waitUntil(lambda: not w._dirty, timeout=5000)
    assert not w.lossPlot.getPlotItem().getAxis("right").logMode


def test_a_live_rate_change_rebases_the_schedule(window, qtbot):
    w = window
    setup_run(w, qtbot, lr=0.01, steps=400, speed=250)
    schedule(w, qtbot, "exponential", gamma=0.999)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.k >= 10, timeout=10000)
    w.panel.lrSpin.setValue(0.02)
    choose(w.panel.speedCombo, 0)
    qtbot.waitUntil(finished(w), timeout=10000)
    lr = w.history.data[:, -1]
    s = Schedule("exponential", {"gamma": 0.999})
    before = np.array([s.lr(k, 0.01, 400) for k in range(401)])
    after = np.array([s.lr(k, 0.02, 400) for k in range(401)])
    change = int(np.argmax(lr != before))
    assert 10 <= change < 400
    np.testing.assert_array_equal(lr[:change], before[:change])
    np.testing.assert_array_equal(lr[change:], after[change:])
