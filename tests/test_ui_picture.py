"""What the window shows and how its controls take input (issue 7: the picture, the controls)."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication  # noqa: E402

from gdlab.engine.problems.objectives import OBJECTIVES  # noqa: E402
from gdlab.engine.problems.registry import MODELS  # noqa: E402
from gdlab.ui.widgets.numbers import IntBox, NumberBox, format_number  # noqa: E402
from gdlab.ui.views.plots import AXIS_COLOR, padded_box, small_change_note  # noqa: E402
from gdlab.ui.status_line import rate_text  # noqa: E402
from gdlab.ui.window import ENDED  # noqa: E402
from test_ui import choose, finished, setup_run  # noqa: E402
from ui_helpers import redraw_now  # noqa: E402

def type_into(qtbot, box, text):
    """Select all, type ``text``, press Enter: what a user does."""
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)

def view_of(w):
    return w.pathPlot.getPlotItem().getViewBox()

def settle(w, qtbot):
    """Wait until the map's view and grid settled after a resize or a new problem."""
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not w.pathPlot._refit.isActive(), timeout=3000)
    qtbot.waitUntil(lambda: not w.pathPlot.jobs.pending("map"), timeout=5000)  # its pool thread

# -- 1. aspect ratio --------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bowl", "ellipse"])
def test_maps_in_one_unit_are_drawn_1_to_1_and_fill_the_view(window, qtbot, name):
    w = window
    choose(w.panel.problemCombo, name)
    settle(w, qtbot)
    vb = view_of(w)
    px, py = vb.viewPixelSize()  # data units per pixel, x and y
    assert px == pytest.approx(py, rel=0.01)
    (x0, x1), (y0, y1) = vb.viewRange()
    bx0, bx1, by0, by1 = OBJECTIVES[name].box
    assert x0 <= bx0 and x1 >= bx1 and y0 <= by0 and y1 >= by1  # the whole box is shown
    r = w.pathPlot.image.mapRectToView(w.pathPlot.image.boundingRect())
    # the map covers the whole view: no blank band beside it
    assert r.left() <= x0 + 1e-9 and r.right() >= x1 - 1e-9
    assert r.top() <= y0 + 1e-9 and r.bottom() >= y1 - 1e-9
    assert w.controls.aspectAction.isChecked()

def test_a_new_problem_draws_its_map_once(window, qtbot, monkeypatch):
    w = window
    settle(w, qtbot)
    drawn = []
    draw = w.pathPlot._draw_map
    monkeypatch.setattr(w.pathPlot, "_draw_map", lambda make: (drawn.append(make), draw(make)))
    for name in ("rastrigin", "ellipse", "bowl"):
        drawn.clear()
        choose(w.panel.problemCombo, name)  # the map fitted to the view at once, drawn once
        assert len(drawn) == 1 and w.pathPlot.box == OBJECTIVES[name].box
        settle(w, qtbot)
        vb = view_of(w)
        (x0, x1), (y0, y1) = vb.viewRange()
        r = w.pathPlot.image.mapRectToView(w.pathPlot.image.boundingRect())
        assert r.left() <= x0 + 1e-9 and r.right() >= x1 - 1e-9
        assert r.top() <= y0 + 1e-9 and r.bottom() >= y1 - 1e-9


def test_a_new_problems_view_holds_its_own_start_not_the_last_problems(window, qtbot):
    """Ellipse starts at (−7, 2): after a switch to Rosenbrock the view is Rosenbrock's box
    and start, not stretched to where the ellipse's run began."""
    w = window
    vb = view_of(w)
    for name, other in (("ellipse", "rosenbrock"), ("bowl", "himmelblau")):
        choose(w.panel.problemCombo, name)
        settle(w, qtbot)
        choose(w.panel.problemCombo, other)
        settle(w, qtbot)
        qtbot.waitUntil(lambda: w.pathPlot.start == tuple(w.run_settings["start"]), timeout=3000)
        home = padded_box(OBJECTIVES[other].box, vb.width() / vb.height())
        (x0, x1), (y0, y1) = vb.viewRange()
        assert (x0, x1, y0, y1) == pytest.approx(home, abs=1e-6), (name, other)


def test_a_weight_and_a_bias_fill_the_view_and_the_view_menu_locks_them(window, qtbot):
    w = window
    choose(w.panel.problemCombo, "linreg")
    settle(w, qtbot)
    assert not MODELS["linreg"].equal_axes and not w.controls.aspectAction.isChecked()
    w.controls.aspectAction.trigger()
    settle(w, qtbot)
    px, py = view_of(w).viewPixelSize()
    assert px == pytest.approx(py, rel=0.01)
    (x0, x1), (y0, y1) = view_of(w).viewRange()
    r = w.pathPlot.image.mapRectToView(w.pathPlot.image.boundingRect())
    assert r.left() <= x0 + 1e-9 and r.right() >= x1 - 1e-9
    assert r.top() <= y0 + 1e-9 and r.bottom() >= y1 - 1e-9

def test_padded_box_grows_the_short_side_only():
    assert padded_box((-10, 10, -5, 5), 1.0) == (-10, 10, -10, 10)
    assert padded_box((-5, 5, -5, 5), 2.0) == (-10, 10, -5, 5)

# -- 2. readable axes ---------------------------------------------------------------------------
def test_axis_text_is_dark_and_not_small(window):
    w = window
    pi, li = w.pathPlot.getPlotItem(), w.lossPlot.getPlotItem()
    axes = [pi.getAxis("left"), pi.getAxis("bottom"), w.pathPlot.colorbar.getAxis("right"),
            li.getAxis("left"), li.getAxis("bottom")]
    for ax in axes:
        c = ax.textPen().color()
        assert c.name() == QColor(AXIS_COLOR).name()
        assert max(c.red(), c.green(), c.blue()) < 0x40
        assert ax.style["tickFont"] is not None and ax.style["tickFont"].pointSizeF() >= 10

# -- 3. a loss that barely moves ------------------------------------------------------------------
def test_a_tiny_loss_change_is_drawn_against_zero_and_said(window, qtbot):
    w = window
    setup_run(w, qtbot, lr=1e-6, steps=100)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: w.lossPlot.note.isVisible(), timeout=3000)
    (_, _), (y0, y1) = w.lossPlot.getPlotItem().getViewBox().viewRange()
    assert y0 <= 0 and y1 >= 25  # not 24.990 … 25.000
    assert "loss fell by 0.04% in 100 steps" in w.lossPlot.note.toPlainText()

def test_a_visible_change_gets_no_note():
    assert small_change_note(np.array([25.0, 10.0, 1.0]), 2) == ""
    assert small_change_note(np.array([25.0, 25.0]), 1) == "loss unchanged in 1 step"
    assert small_change_note(np.array([25.0, 25.0, 25.0]), 2) == "loss unchanged in 2 steps"
    assert small_change_note(np.array([25.0, 25.0, 25.0]), 0) == ""  # before any update
    assert small_change_note(np.array([25.0, 24.99, np.inf]), 2) == ""  # diverged: no note

# -- 4. learning rate 1e-10 … 100 -----------------------------------------------------------------
def test_the_seeds_lr_1e_minus_8_runs_in_the_window(window, qtbot):
    w = window
    p = w.panel
    assert p.lrSpin.minimum() == 1e-10 and p.lrSpin.maximum() == 100
    assert "∞" not in p.lrSpin.toolTip() and "1e-10" in p.lrSpin.toolTip()
    setup_run(w, qtbot, lr=0.1, steps=100)
    type_into(qtbot, p.lrSpin, "1e-8")
    assert p.lrSpin.value() == 1e-8 and p.lrSpin.text() == "1e-8"
    assert p.lrSlider.to_float(p.lrSlider.value()) == pytest.approx(1e-8, rel=0.05)
    qtbot.waitUntil(lambda: w.run_settings["hyper"]["lr"] == 1e-8, timeout=3000)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    assert "θ = (-2.999994, 3.999992)" in w.statusLabel.text()

def test_the_slider_reaches_both_ends(window):
    s = window.panel.lrSlider
    assert s.to_float(s.minimum()) == pytest.approx(1e-10)
    assert s.to_float(s.maximum()) == pytest.approx(100)

# -- 5. typed numbers ---------------------------------------------------------------------------
def test_scientific_notation_is_read_everywhere(window, qtbot):
    w = window
    p = w.panel
    choose(p.problemCombo, "bowl")
    type_into(qtbot, p.startXSpin, "1e3")
    assert p.startXSpin.value() == 1000.0  # not 13
    type_into(qtbot, p.stepsSpin, "2e3")
    assert p.stepsSpin.value() == 2000
    type_into(qtbot, p.tolSpin, "1E-9")
    assert p.tolSpin.value() == 1e-9
    type_into(qtbot, p.hyperSpins["weight_decay"], "5e-4")
    assert p.hyperSpins["weight_decay"].value() == 5e-4
    choose(p.problemCombo, "mlp")
    hidden = p.modelBox.widgets["hidden"]
    type_into(qtbot, hidden, "1.6e1")
    assert hidden.value() == 16

def test_out_of_range_input_stays_red_and_the_old_value_holds(window, qtbot):
    w = window
    p = w.panel
    setup_run(w, qtbot, steps=100)
    type_into(qtbot, p.stepsSpin, "20,000,000")
    assert p.stepsSpin.text() == "20,000,000"  # not rewritten to 2,000,000
    assert p.stepsSpin.value() == 100 and p.stepsSpin.invalid
    assert "10,000,000" in p.stepsSpin.toolTip() or "1e7" in p.stepsSpin.toolTip()
    qtbot.wait(200)
    assert w.steps == 100  # the run kept its budget
    type_into(qtbot, p.stepsSpin, "300")
    assert p.stepsSpin.value() == 300 and not p.stepsSpin.invalid
    qtbot.waitUntil(lambda: w.steps == 300, timeout=3000)
    type_into(qtbot, p.lrSpin, "1e3")
    assert p.lrSpin.value() == 0.1 and p.lrSpin.invalid and p.lrSpin.text() == "1e3"
    type_into(qtbot, p.lrSpin, "abc")
    assert p.lrSpin.value() == 0.1 and p.lrSpin.invalid

def test_number_boxes_show_short_numbers():
    assert [format_number(v) for v in (0.0, -0.0, 0.999, 200.0, 1e-8, 0.0001, 2.5)] == \
        ["0", "0", "0.999", "200", "1e-8", "0.0001", "2.5"]

def test_a_box_outside_its_range_never_rewrites_what_was_typed(qtbot):
    box = IntBox(1, 10, 5)
    qtbot.addWidget(box)
    type_into(qtbot, box, "1.5")
    assert box.value() == 5 and box.invalid and box.text() == "1.5"
    box.stepBy(1)  # an arrow step starts from the value in effect
    assert box.value() == 6 and not box.invalid
    f = NumberBox(0.0, 1.0, 0.5)
    qtbot.addWidget(f)
    type_into(qtbot, f, "-0")
    assert f.value() == 0.0 and f.text() in ("-0", "0")

# -- 6. Run and Step on an ended run ------------------------------------------------------------------
def test_run_on_a_finished_run_starts_it_again(window, qtbot):
    w = window
    setup_run(w, qtbot, lr=0.1, steps=20)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and w.k == 20 and w.history.n == 21
                    and "started again" in w.statusBar().currentMessage(), timeout=10000)
    assert np.allclose(w.history.data[0, :2], [-3.0, 4.0])

def test_after_a_divergence_a_lower_rate_and_run_starts_again(window, qtbot):
    w = window
    setup_run(w, qtbot, lr=5.0, steps=100)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "diverged", timeout=10000)
    w.panel.lrSpin.setValue(0.1)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and w.run_settings["hyper"]["lr"] == 0.1,
                    timeout=10000)
    assert w.k == 100 and np.all(np.abs(w.history.data[-1, :2]) < 1e-6)

def test_step_on_a_finished_run_says_so_and_keeps_the_budget(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=5)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    w.step_once()
    qtbot.wait(200)
    assert w.k == 5 and w.steps == 5 and w.panel.stepsSpin.value() == 5
    assert w.statusBar().currentMessage() == ENDED["finished"]

# -- 7. single-key shortcuts ----------------------------------------------------------------------
def _focus(w, qtbot, widget):
    w.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=3000)

def test_r_in_the_problem_list_chooses_a_problem_not_reset(window, qtbot):
    w = window
    p = w.panel
    setup_run(w, qtbot, steps=5)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    _focus(w, qtbot, p.problemCombo)
    qtbot.keyClick(p.problemCombo, Qt.Key.Key_R)
    assert p.problemCombo.currentText().startswith("R")

def test_space_on_a_focused_combo_does_not_start_a_run(window, qtbot):
    w = window
    p = w.panel
    setup_run(w, qtbot, steps=50, speed=2)
    _focus(w, qtbot, p.optimizerCombo)
    qtbot.keyClick(p.optimizerCombo, Qt.Key.Key_Space)
    p.optimizerCombo.hidePopup()
    qtbot.wait(200)
    assert w.status == "ready" and w.k == 0
    _focus(w, qtbot, p.stepsSpin)
    qtbot.keyClick(p.stepsSpin.lineEdit(), Qt.Key.Key_Space)
    qtbot.wait(200)
    assert w.status == "ready"
    _focus(w, qtbot, w.pathPlot)  # elsewhere, Space still runs
    qtbot.keyClick(w.pathPlot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.k > 0, timeout=5000)

# -- 8. a start outside the box ---------------------------------------------------------------
def test_a_start_outside_the_box_is_in_view(window, qtbot):
    w = window
    setup_run(w, qtbot, start=(20.0, -3.0))
    settle(w, qtbot)
    (x0, x1), (y0, y1) = view_of(w).viewRange()
    assert x0 < 20.0 < x1 and y0 < -3.0 < y1
    r = w.pathPlot.image.mapRectToView(w.pathPlot.image.boundingRect())
    assert r.right() > 20.0
    # the start back inside the box: the view (not zoomed by hand) returns to the box
    setup_run(w, qtbot, start=(1.0, 1.0))
    settle(w, qtbot)
    vb = view_of(w)
    home = padded_box(w.pathPlot.box, vb.width() / vb.height())
    (x0, x1), (y0, y1) = vb.viewRange()
    assert (x0, x1, y0, y1) == pytest.approx(home, abs=1e-6)

# -- 9. window size --------------------------------------------------------------------------
def test_the_window_opens_inside_the_screen(qtbot):
    from gdlab.ui import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    try:
        free = (w.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        assert free.width() < 1320 or free.height() < 860  # the offscreen screen is smaller
        assert w.width() <= free.width() and w.height() <= free.height()
    finally:
        w.shutdown()

# -- 10. stale axes and cosmetics --------------------------------------------------------------
def test_a_network_before_its_first_run_shows_no_stale_axes(window, qtbot):
    w = window
    choose(w.panel.problemCombo, "adaline")
    # (switching before ADALINE's first message arrives hits the stale-message race of issue 7,
    # which the worker's serials fix elsewhere)
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "adaline", timeout=5000)
    choose(w.panel.problemCombo, "mlp")
    qtbot.waitUntil(lambda: w.status == "ready" and w.run_settings.get("problem") == "mlp",
                    timeout=5000)
    pi = w.pathPlot.getPlotItem()
    assert not pi.getAxis("left").isVisible() and not pi.getAxis("bottom").isVisible()
    (x0, _), _ = w.lossPlot.getPlotItem().getViewBox().viewRange()
    assert x0 >= 0  # no negative steps
    # before the first update the loss axis runs from 0 to the start's loss, no negative loss
    loss0 = float(w.history.data[0][w.history.columns.index("loss")])

    def y_range():
        return w.lossPlot.getPlotItem().getViewBox().viewRange()[1]

    qtbot.waitUntil(lambda: y_range()[0] == 0.0 and loss0 < y_range()[1] <= 1.1 * loss0,
                    timeout=3000)

def test_the_rate_of_slow_steps_reads_honestly():
    assert rate_text(0.0) == ""
    assert rate_text(1 / 1.2) == "1.2 s/step"
    assert rate_text(3.5) == "3.5 steps/s"
    assert rate_text(12345.0) == "12,345 steps/s"
    assert rate_text(float("nan")) == ""


def test_switching_the_log_scale_keeps_the_step_axis_at_0(window, qtbot):
    w = window
    setup_run(w, qtbot, problem="ellipse", lr=0.95, steps=100, start=(-7.0, 2.0))
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: w.lossPane.logCheck.isChecked(), timeout=3000)  # turned on by itself
    w.lossPane.logCheck.setChecked(False)
    qtbot.wait(100)
    (x0, x1), _ = w.lossPlot.getPlotItem().getViewBox().viewRange()
    assert x0 == 0 and x1 == 100


def test_a_one_step_projection_says_there_is_no_second_direction():
    from gdlab.engine.problems.registry import get_problem
    from gdlab.engine.analysis.surfaces import plane_surface

    problem = get_problem("mlp")
    p0 = problem.init_params(None)
    p1 = [p + 0.01 * np.ones_like(p) for p in p0]
    surf = plane_surface(problem, [p0, p1])
    assert "no second direction yet" in surf.note and "no second direction" in surf.labels[1]
    x0, x1, y0, y1 = surf.box
    assert (y1 - y0) > 0.1 * (x1 - x0)  # not a 1e-18-wide sliver


def test_after_a_click_on_a_button_space_still_runs(window, qtbot):
    w = window
    setup_run(w, qtbot, steps=50, speed=2)
    _focus(w, qtbot, w.pathPane.resetViewButton)
    qtbot.keyClick(w.pathPane.resetViewButton, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.k > 0, timeout=5000)


def test_a_long_runs_first_steps_fill_the_loss_plot_and_the_finished_run_shows_its_budget(
        window, qtbot):
    """3000 steps budgeted, 30 taken: the curve is not a sliver at the left of 0 … 3000."""
    w = window
    setup_run(w, qtbot, problem="ellipse", lr=0.05, steps=3000, start=(-7.0, 2.0))
    for _ in range(30):
        w.step_once()
        qtbot.waitUntil(lambda n=w.k: w.k >= n, timeout=3000)
    qtbot.waitUntil(lambda: w.k == 30 and w.status != "running", timeout=5000)
    redraw_now(w, qtbot)

    def x_range():
        return w.lossPlot.getPlotItem().getViewBox().viewRange()[0]

    qtbot.waitUntil(lambda: x_range()[1] < 3000, timeout=3000)
    x0, x1 = x_range()
    assert x0 == 0 and 30 <= x1 <= 2 * 30 + 1  # the curve spans half the width or more
    w.panel.stepsSpin.setValue(40)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: tuple(x_range()) == (0, 40), timeout=3000)


def test_a_reset_keeps_the_loss_scale_until_the_run_shows_its_span(window, qtbot, monkeypatch):
    """One row says nothing of a run's span: a reset keeps the scale the last run chose (it
    switched to linear, then the next run's second frame back to log: two relayouts of the
    loss plot per run); a run that spans less than 100× still turns it off."""
    w = window
    setup_run(w, qtbot, problem="ellipse", lr=0.95, steps=100, start=(-7.0, 2.0))
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: w.lossPane.logCheck.isChecked(), timeout=3000)
    switched = []
    real = w.lossPlot.set_log
    monkeypatch.setattr(w.lossPlot, "set_log", lambda on: (switched.append(on), real(on)))
    w.reset_run()
    qtbot.waitUntil(lambda: w.history.n == 1 and not w._dirty, timeout=5000)
    assert w.lossPane.logCheck.isChecked() and switched == []
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: not w._dirty, timeout=3000)
    assert w.lossPane.logCheck.isChecked() and switched == []
    w.panel.lrSpin.setValue(1e-4)  # a run whose loss hardly moves: linear again
    qtbot.waitUntil(lambda: w.run_settings["hyper"]["lr"] == 1e-4, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(finished(w), timeout=10000)
    qtbot.waitUntil(lambda: not w.lossPane.logCheck.isChecked(), timeout=3000)
    assert switched == [False]
