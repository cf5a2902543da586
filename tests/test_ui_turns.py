"""A problem change sets values instead of building widgets, plots settle in one paint, and
background results reach the window one per turn of the event loop."""

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from ui_helpers import choose  # noqa: E402

from gdlab.engine.optim.optimizers import OPTIMIZERS  # noqa: E402
from gdlab.engine.problems.registry import MODELS  # noqa: E402


def test_a_models_option_widgets_are_built_once_and_show_its_defaults_again(window):
    p = window.panel
    choose(p.problemCombo, "mlp")
    hidden = p.modelBox.widgets["hidden"]
    hidden.setValue(hidden.value() + 3)
    choose(p.problemCombo, "linreg")
    assert "hidden" not in p.modelBox.widgets and not hidden.isVisibleTo(p)
    choose(p.problemCombo, "mlp")
    assert p.modelBox.widgets["hidden"] is hidden and hidden.isVisibleTo(p)
    assert hidden.value() == MODELS["mlp"].option_defaults["hidden"]
    assert p.settings().problem_options["hidden"] == hidden.value()


def test_a_methods_rows_are_built_once_hidden_with_it_and_start_from_their_defaults(window):
    p = window.panel
    choose(p.optimizerCombo, "adam")
    beta1 = p.hyperSpins["beta1"]
    beta1.setValue(0.8)
    choose(p.optimizerCombo, "sgd")
    assert not beta1.isVisibleTo(p)
    assert all(box.isVisibleTo(p) for box in p.hyperSpins.values())
    assert p.optForm.labelForField(beta1).isVisibleTo(p) is False
    choose(p.optimizerCombo, "adam")
    assert p.hyperSpins["beta1"] is beta1 and beta1.isVisibleTo(p)
    default = next(s.default for s in OPTIMIZERS["adam"].specs if s.name == "beta1")
    assert beta1.value() == default and p.settings().hyper["beta1"] == default


def test_a_range_change_maps_the_items_before_the_paint(qtbot):
    import pyqtgraph as pg

    from gdlab.ui.views.settled import SettledViewBox

    def corner_after_set(vb):
        plot = pg.PlotWidget(viewBox=vb)
        qtbot.addWidget(plot)
        plot.resize(300, 200)
        plot.show()
        qtbot.waitExposed(plot)
        QApplication.processEvents()
        vb.setRange(xRange=(10, 20), yRange=(-5, 5), padding=0)
        # no event handled since: where does the view's corner (10, 5) sit in the box?
        return vb.childGroup.mapToParent(QPointF(10, 5)), vb.rect()

    corner, rect = corner_after_set(SettledViewBox())
    assert abs(corner.x() - rect.left()) < 1 and abs(corner.y() - rect.top()) < 1
    stale, rect = corner_after_set(pg.ViewBox())  # pyqtgraph's own waits for the paint
    assert abs(stale.x() - rect.left()) > 1 or abs(stale.y() - rect.top()) > 1


def test_results_that_arrive_together_are_applied_on_separate_turns(qtbot):
    from gdlab.ui.jobs import Jobs, wait_all

    jobs = Jobs()
    applied = []
    for key in ("a", "b", "c"):
        jobs.submit(key, lambda key=key: key, applied.append)
    assert wait_all(5000)  # all three results are queued for the GUI thread now
    QApplication.processEvents()
    assert len(applied) <= 1  # a timer or a click may come between two results
    qtbot.waitUntil(lambda: len(applied) == 3, timeout=2000)
    assert sorted(applied) == ["a", "b", "c"]


def test_the_loss_legend_is_set_again_only_when_it_changes(qtbot):
    import numpy as np

    from gdlab.engine.run.race import LossBand
    from gdlab.ui.views.plots import LossPlot

    plot = LossPlot()
    qtbot.addWidget(plot)
    pi = plot.getPlotItem()
    titles = []
    set_title = pi.setTitle
    pi.setTitle = lambda *a, **k: (titles.append(a[0]), set_title(*a, **k))
    for _ in range(3):  # every frame of a run without noisy sample paths
        plot.set_band(None)
    assert titles == []  # a new title lays the plot out again: not once per frame
    steps = np.arange(5.0)
    band = LossBand(steps, steps + 1, steps, steps + 2, np.full(5, 8.0))
    plot.set_lanes([(steps, steps + 1, "#123456")])
    plot.set_band(band)
    plot.set_band(band)
    plot.set_band(None)
    assert len(titles) == 3 and "min" in titles[1] and titles[2] == titles[0]


@pytest.mark.parametrize("problem", ["adaline", "linreg", "bowl"])
def test_the_start_hint_is_never_cut_in_a_small_window(window, qtbot, problem):
    w = window
    w.resize(1024, 700)
    choose(w.panel.problemCombo, problem)
    qtbot.wait(50)
    for label in (w.panel.startHint, w.panel.startLabel):
        if label.isVisible():
            assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_pool_jobs_and_the_run_thread_give_way_inside_the_engines_loops(window, qtbot,
                                                                       monkeypatch):
    import threading

    import numpy as np

    from gdlab.engine import cooperate
    from gdlab.engine.gradients.methods import numerical_gradient
    from gdlab.ui import jobs as jobs_module
    from gdlab.ui.jobs import Jobs, wait_all
    from gdlab.ui.yielding import give_way

    ways = []
    monkeypatch.setattr(jobs_module, "give_way", lambda: ways.append(1))
    monkeypatch.setattr(jobs_module, "give_way_resting", lambda: ways.append(1))
    done, jobs = [], Jobs()
    jobs.submit("grad", lambda: numerical_gradient(lambda v: float(v @ v), np.ones(40)),
                  done.append)
    assert wait_all(5000)
    qtbot.waitUntil(lambda: bool(done), timeout=2000)
    assert len(ways) >= 40  # after each element (and once as the job starts)
    hooks = []
    # a lambda on the worker's signal runs in the thread that emits it: the run thread
    window.session.worker.update.connect(
        lambda _news: hooks.append((threading.get_ident(), cooperate.current_hook())))
    window.step_once()
    qtbot.waitUntil(lambda: bool(hooks), timeout=5000)
    thread, hook = hooks[0]
    assert thread != threading.main_thread().ident and hook is give_way


def test_labels_are_laid_out_again_only_when_their_text_changes(window, qtbot):
    """A new HTML label costs a layout (0.5 ms each): a problem change with the same axis
    names, or a frame with the same arrows, sets none."""
    axes = [window.pathPlot.getPlotItem().getAxis(name) for name in ("bottom", "left")]
    key = window.inspection.marks.key
    laid_out = []
    for item in [axis.label for axis in axes] + [key]:
        set_html = item.setHtml
        item.setHtml = lambda html, set_html=set_html, item=item: (laid_out.append(item),
                                                                   set_html(html))
    choose(window.panel.problemCombo, "bowl")
    window.step_once()
    qtbot.waitUntil(lambda: window.k == 1 and key.isVisible(), timeout=5000)
    laid_out.clear()
    choose(window.panel.problemCombo, "ellipse")  # x and y again
    assert [item for item in laid_out if item is not key] == []
    window.step_once()
    qtbot.waitUntil(lambda: window.k == 1 and key.isVisible(), timeout=5000)
    laid_out.clear()
    window.inspection.marks._place()  # a frame: the same arrows, the same key
    assert laid_out == []
    assert "x" in axes[0].labelString() and "y" in axes[1].labelString()


def test_the_banner_lies_over_the_panes_and_moves_nothing(window, qtbot):
    """Shown, reworded or hidden, the advice banner lays nothing out again: the map stays
    where it was (a row of the layout pushed every view down and back, each time painted
    again at its new size)."""
    from PySide6.QtCore import Qt

    w = window
    choose(w.panel.problemCombo, "bowl")
    w.panel.lrSpin.setValue(10.0)
    qtbot.waitUntil(lambda: w.run_settings.get("hyper", {}).get("lr") == 10.0, timeout=5000)
    plot_at = w.pathPlot.mapTo(w, w.pathPlot.rect().topLeft()), w.pathPlot.size()
    w.toggle_run()
    qtbot.waitUntil(lambda: "Try lr" in w.banner.text(), timeout=10000)
    QApplication.processEvents()
    assert w.banner.isVisible()
    assert (w.pathPlot.mapTo(w, w.pathPlot.rect().topLeft()), w.pathPlot.size()) == plot_at
    central = w.centralWidget().rect()
    assert central.contains(w.banner.geometry())  # over the panes, its text whole
    assert w.banner.label.height() >= w.banner.label.heightForWidth(w.banner.label.width())
    w.resize(w.width() - 200, w.height())
    QApplication.processEvents()
    assert w.banner.width() == w.centralWidget().width() - 16  # it follows the window
    assert w.banner.label.height() >= w.banner.label.heightForWidth(w.banner.label.width())
    qtbot.mouseClick(w.banner.closeButton, Qt.MouseButton.LeftButton)
    assert w.banner.isHidden()


def test_a_frame_sets_no_style_sheet_that_is_already_set(window, qtbot):
    w = window
    choose(w.panel.problemCombo, "bowl")
    w.curvature.action.setChecked(True)
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 1, timeout=5000)
    w.curvature.draw()
    sheets = []
    for label in (w.curvature.label, w.curvature.limitLabel):
        set_sheet = label.setStyleSheet
        label.setStyleSheet = lambda css, set_sheet=set_sheet: (sheets.append(css),
                                                                set_sheet(css))
    for _ in range(3):  # frames of the same step: the same styles
        w.curvature.draw()
    assert sheets == []
    assert w.curvature.label.isVisible() and w.curvature.label.styleSheet()


def test_the_maps_axes_tick_only_where_they_write_and_a_log_loss_keeps_its_fine_ticks(window):
    from PySide6.QtGui import QImage, QPainter

    w = window
    choose(w.panel.problemCombo, "bowl")
    QApplication.processEvents()
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        def ticks_and_texts(axis):
            _axis, ticks, texts = axis.generateDrawSpecs(painter)
            return len(ticks), len(texts)

        pi = w.pathPlot.getPlotItem()
        for axis in (pi.getAxis("bottom"), pi.getAxis("left"), w.pathPlot.colorbar.getAxis("right"),
                     w.lossPlot.getPlotItem().getAxis("bottom")):
            ticks, texts = ticks_and_texts(axis)
            assert texts > 2 and ticks < 2 * texts  # no run of unlabelled ticks between texts
        loss = w.lossPlot.getPlotItem()
        loss.setLogMode(y=True)
        loss.setYRange(0, 3, padding=0)  # 1 … 1000: the 2…9 between decades are ticks
        ticks, texts = ticks_and_texts(loss.getAxis("left"))
        assert ticks > texts
    finally:
        painter.end()


def test_a_problem_change_makes_its_views_on_the_next_turn_and_run_follows_at_once(window,
                                                                                    qtbot):
    """The panel's change, the views' and their paint each take a turn of the event loop;
    the run (and Run pressed at once) has the new problem from the start."""
    w = window
    choose(w.panel.problemCombo, "bowl")
    bowl = w.pathPlot.surface
    combo = w.panel.problemCombo
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    assert w.session.lane.settings.problem == "rosenbrock"
    assert w.pathPlot.surface is bowl  # not yet: on the next turn
    w.toggle_run()
    qtbot.waitUntil(lambda: w.k >= 3, timeout=5000)
    assert w.pathPlot.surface is not bowl and w.pathPlot.surface.labels == ("x", "y")
    assert w.pathPlot.box == w.pathPlot.surface.box != bowl.box
    assert w.pathPane.titleLabel.text() == "Rosenbrock"
