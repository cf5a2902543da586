"""The window driven as a user would (pytest-qt, offscreen)."""

import subprocess
import sys
import warnings

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import QPointF, Qt  # noqa: E402

from gdlab.cli import main as cli_main  # noqa: E402
from ui_helpers import choose  # noqa: E402


def setup_run(w, qtbot, problem="bowl", optimizer="sgd", lr=0.1, steps=20, start=(-3.0, 4.0),
              speed=0):
    p = w.panel
    choose(p.problemCombo, problem)
    choose(p.optimizerCombo, optimizer)
    p.startXSpin.setValue(start[0])
    p.startYSpin.setValue(start[1])
    p.lrSpin.setValue(lr)
    p.stepsSpin.setValue(steps)
    p.tolSpin.setValue(0.0)  # no early "converged": the budget decides, as in the CLI
    choose(p.speedCombo, speed)
    qtbot.waitUntil(lambda: w.status == "ready" and w.run_settings.get("hyper", {}).get("lr") == lr
                    and w.run_settings.get("start") == list(start), timeout=5000)


def finished(w, word="finished"):
    return lambda: word in w.statusLabel.text() and w.status not in ("running",)


def test_automation_contract(window):
    w = window
    names = ["problemCombo", "optimizerCombo", "lrSpin", "startXSpin", "startYSpin", "tolSpin",
             "stepsSpin", "speedCombo", "gradientCombo", "runButton", "stepButton", "resetButton",
             "pathPlot", "lossPlot", "statusLabel"]
    from PySide6.QtWidgets import QWidget
    for name in names:
        assert w.findChild(QWidget, name) is not None, name
    p = w.panel
    assert {p.problemCombo.itemData(i) for i in range(p.problemCombo.count())} >= {"bowl", "rosenbrock"}
    assert {p.speedCombo.itemData(i) for i in range(p.speedCombo.count())} >= {2, 10, 50, 250, 0}
    assert [p.gradientCombo.itemData(i) for i in range(2)] == ["analytic", "numerical"]
    assert "ready" in w.statusLabel.text()


def test_only_the_optimizers_own_hyperparameters_are_shown(window):
    p = window.panel
    choose(p.optimizerCombo, "sgd")
    assert set(p.hyperSpins) == {"weight_decay", "maximize"}
    choose(p.optimizerCombo, "adam")
    assert set(p.hyperSpins) == {"beta1", "beta2", "eps", "weight_decay", "amsgrad", "maximize"}
    assert p.hyperSpins["beta2"].value() == 0.999
    assert p.hyperSpins["beta1"].maximum() < 1.0


def test_a_bool_hyperparameter_is_a_check_box_applied_live(window, qtbot):
    from PySide6.QtWidgets import QCheckBox

    w = window
    setup_run(w, qtbot, problem="rosenbrock", optimizer="adam", lr=0.05, steps=40)
    box = w.panel.hyperSpins["amsgrad"]
    assert isinstance(box, QCheckBox) and box.text() == "AMSGrad" and not box.isChecked()
    with qtbot.waitSignal(w.panel.hyperChanged) as sig:
        box.setChecked(True)
    assert sig.args == ["amsgrad", True]
    assert w.panel.settings().hyper["amsgrad"] is True
    assert w.session.lane.settings.hyper["amsgrad"] is True
    qtbot.mouseClick(w.controls.runButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(finished(w), timeout=10000)
    from gdlab.engine.optim.optimizers import make_optimizer
    from gdlab.engine.run.single import Run

    run = Run("rosenbrock", make_optimizer("adam", lr=0.05, amsgrad=True), (-3.0, 4.0), steps=40,
              tol=0.0)
    run.advance()
    np.testing.assert_array_equal(w.session.lane.history.data[:, :2],
                                  run.trajectory.rows()[:, :2])


def test_seeds_run_from_the_window_and_export_equals_cli(window, qtbot, tmp_path):
    w = window
    setup_run(w, qtbot)
    qtbot.mouseClick(w.controls.runButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(finished(w), timeout=10000)
    assert w.k == 20
    np.testing.assert_allclose(w.history.data[-1, :2], (-0.03458765, 0.04611686), atol=5e-9)
    ui_csv = w.exporter.export_csv(tmp_path / "ui.csv")
    assert cli_main(["run", "--problem", "bowl", "--optimizer", "sgd", "--lr", "0.1",
                     "--steps", "20", "--start=-3,4", "--csv", str(tmp_path / "cli.csv"),
                     "--quiet"]) == 0
    assert ui_csv.read_text() == (tmp_path / "cli.csv").read_text()
    assert (tmp_path / "ui.json").exists()


def test_learning_rate_change_mid_run_shows_in_lr_column(window, qtbot):
    w = window
    setup_run(w, qtbot, lr=0.01, steps=400, speed=250)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.k >= 10, timeout=10000)
    w.panel.lrSpin.setValue(0.02)
    choose(w.panel.speedCombo, 0)
    qtbot.waitUntil(finished(w), timeout=10000)
    lr = w.history.data[:, -1]
    assert lr[0] == 0.01 and lr[-1] == 0.02
    change = int(np.argmax(lr == 0.02))
    assert 10 <= change < 400
    x = w.history.data[:, 0]
    np.testing.assert_allclose(x[1:], x[:-1] * (1 - 2 * lr[:-1]), rtol=1e-12)


def test_step_advances_exactly_one_update(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=50)
    for expected in (1, 2, 3):
        qtbot.mouseClick(w.controls.stepButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.k == expected, timeout=5000)
        assert w.history.n == expected + 1
    qtbot.waitUntil(lambda: "paused" in w.statusLabel.text() and "Step 3 of" in w.statusLabel.text(),
                    timeout=5000)
    np.testing.assert_allclose(w.history.data[-1, :2], (-3 * 0.8 ** 3, 4 * 0.8 ** 3))


def test_large_learning_rate_diverges_cleanly(window, qtbot):
    w = window
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        setup_run(w, qtbot, lr=10.0, steps=100)
        w.toggle_run()
        qtbot.waitUntil(finished(w, "diverged"), timeout=10000)
        qtbot.waitUntil(lambda: "Try lr" in w.banner.text(), timeout=5000)  # the trial's answer
    assert w.banner.isVisible() and "Try lr = 0.5 " in w.banner.text()  # 1/λmax on bowl
    assert "diverged at step" in w.statusLabel.text()
    # the advice names the control that works: Run starts the ended run again
    assert "press Run (Space)" in w.banner.text() and "Reset" not in w.banner.text()
    w.panel.lrSpin.setValue(0.5)
    qtbot.waitUntil(lambda: w.run_settings.get("hyper", {}).get("lr") == 0.5, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    assert w.k == 100 and w.banner.isHidden()
    np.testing.assert_allclose(w.history.data[-1, :2], (0.0, 0.0), atol=1e-12)


def test_raising_the_budget_continues_a_finished_run(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=10)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    w.panel.stepsSpin.setValue(30)
    qtbot.waitUntil(lambda: w.k == 30 and w.status == "finished", timeout=10000)
    assert w.history.n == 31


def test_many_run_pause_reset_cycles(window, qtbot):
    w = window
    setup_run(w, qtbot, problem="rosenbrock", optimizer="adam", lr=0.001, steps=1_000_000,
              start=(-1.5, 2.0))
    for i in range(200):
        w.toggle_run()
        qtbot.wait(1)
        if i % 2:
            w.toggle_run()
        if i % 3 == 0:
            w.reset_run()
    qtbot.wait(200)
    assert w.status in ("ready", "running", "paused", "stopped"), (w.status, w.k, w.history.data[-1])
    w.shutdown()
    assert not w._thread.isRunning()


def test_clicking_the_map_sets_the_start_point(window, qtbot):
    w = window
    choose(w.panel.problemCombo, "bowl")
    vb = w.pathPlot.getPlotItem().getViewBox()
    scene_pt = vb.mapViewToScene(QPointF(1.5, -2.0))
    widget_pt = w.pathPlot.mapFromScene(scene_pt)
    qtbot.mouseClick(w.pathPlot.viewport(), Qt.MouseButton.LeftButton, pos=widget_pt)
    qtbot.waitUntil(lambda: abs(w.panel.startXSpin.value() - 1.5) < 0.05
                    and abs(w.panel.startYSpin.value() + 2.0) < 0.05, timeout=5000)
    qtbot.waitUntil(lambda: w.history.n == 1 and abs(w.history.data[0, 0] - 1.5) < 0.05, timeout=5000)


CLOSE_DURING_RUN = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gdlab.ui import MainWindow
w = MainWindow()
w.show()
p = w.panel
p.problemCombo.setCurrentIndex(p.problemCombo.findData("rosenbrock"))
p.stepsSpin.setValue(10_000_000)
p.tolSpin.setValue(0.0)
p.speedCombo.setCurrentIndex(p.speedCombo.findData(0))
QTimer.singleShot(300, w.toggle_run)
QTimer.singleShot(900, lambda: (print("status at close:", w.status, flush=True), w.close()))
app.exec()
"""


def test_closing_during_a_run_exits_cleanly():
    res = subprocess.run([sys.executable, "-c", CLOSE_DURING_RUN], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr
    assert "running" in res.stdout
    assert "QThread" not in res.stderr and "Traceback" not in res.stderr


def test_lowering_the_budget_below_the_current_step_finishes_the_run(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=1_000_000, lr=0.001)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.k > 50, timeout=10000)
    w.panel.stepsSpin.setValue(10)
    qtbot.waitUntil(lambda: w.status == "finished", timeout=10000)
    assert "finished" in w.statusLabel.text() or qtbot.waitUntil(
        lambda: "finished" in w.statusLabel.text(), timeout=5000) is None
    assert w.controls.runAction.text() == "&Run"


def test_messages_of_a_replaced_run_are_dropped(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=1_000_000, lr=0.001)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.k > 100, timeout=10000)
    w.reset_run()  # while it runs: the old run's queued chunks must not reach the new history
    qtbot.waitUntil(lambda: w.status == "ready" and w.history.n == 1, timeout=5000)
    qtbot.wait(100)
    assert w.history.n == 1 and w.k == 0
    np.testing.assert_array_equal(w.history.data[0, :2], (-3.0, 4.0))


CLOSE_WHILE_PACED = CLOSE_DURING_RUN.replace('findData(0)', 'findData(10)')


def test_closing_at_a_paced_speed_leaves_no_timer_warning():
    res = subprocess.run([sys.executable, "-c", CLOSE_WHILE_PACED], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "killTimer" not in res.stderr and "QThread" not in res.stderr


def test_lowering_the_tolerance_lets_a_converged_run_go_on(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=200)
    w.panel.tolSpin.setValue(1e-2)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "converged", timeout=10000)
    k = w.k
    w.panel.tolSpin.setValue(0.0)
    qtbot.waitUntil(lambda: w.status == "paused", timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and w.k == 200, timeout=10000)
    assert k < 200


def test_the_optimizer_combo_groups_the_methods_under_headers(window):
    from gdlab.engine.optim.optimizers import OPTIMIZERS, grouped

    combo = window.panel.optimizerCombo
    model = combo.model()
    texts = [combo.itemText(i) for i in range(combo.count())]
    for group, classes in grouped().items():
        h = texts.index(group[0].upper() + group[1:])
        assert not model.item(h).isEnabled() and combo.itemData(h) is None  # a header
        assert [combo.itemData(h + 1 + j) for j in range(len(classes))] == [c.name for c in
                                                                            classes]
    assert {combo.itemData(i) for i in range(combo.count())} - {None} == set(OPTIMIZERS)
    i = combo.findData("lbfgs")
    assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole) == OPTIMIZERS["lbfgs"].equations


def test_choosing_lbfgs_sets_its_own_rate_and_shows_its_typed_settings(window, qtbot):
    from PySide6.QtWidgets import QComboBox

    from gdlab.ui.widgets.numbers import IntBox

    p = window.panel
    choose(p.problemCombo, "rosenbrock")
    choose(p.optimizerCombo, "adam")
    p.lrSpin.setValue(0.02)
    choose(p.optimizerCombo, "lbfgs")
    assert p.lrSpin.value() == 1.0  # lr scales L-BFGS's own step: its default, as the recipe
    assert isinstance(p.hyperSpins["history_size"], IntBox)
    assert isinstance(p.hyperSpins["line_search"], QComboBox)
    p.hyperSpins["line_search"].setValue("strong_wolfe")
    p.hyperSpins["history_size"].setValue(7)
    s = p.settings()
    assert s.hyper["line_search"] == "strong_wolfe" and s.hyper["history_size"] == 7
    choose(p.optimizerCombo, "momentum")
    assert p.lrSpin.value() == p.problem.suggested_lr


def test_a_new_method_takes_its_suggested_rate_unless_the_rate_was_typed(window):
    """On the ellipse SGD's rate is 0.95 and Momentum's 0.1 (the book's): switching methods
    follows the recipe while the rate is the one it suggested; a rate typed stays."""
    p = window.panel
    choose(p.problemCombo, "ellipse")
    assert p.lrSpin.value() == 0.95
    choose(p.optimizerCombo, "momentum")
    assert p.lrSpin.value() == 0.1 and p.settings().hyper["lr"] == 0.1
    choose(p.optimizerCombo, "adam")
    assert p.lrSpin.value() == 0.3
    p.lrSpin.setValue(0.05)
    choose(p.optimizerCombo, "rmsprop")
    assert p.lrSpin.value() == 0.05 and p.settings().hyper["lr"] == 0.05
