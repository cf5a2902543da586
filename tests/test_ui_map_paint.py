"""A new problem's map reaches the screen in one paint: no empty view with the new axes first,
no second layout for its tick labels, isolines whose path and bounds cost no Python loop."""

import threading

import contourpy
import numpy as np
import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtGui import QPainterPath  # noqa: E402

from gdlab.engine.analysis.surfaces import surface_for  # noqa: E402
from gdlab.engine.problems.registry import get_problem  # noqa: E402
from gdlab.ui.pacing import FramePacer  # noqa: E402
from gdlab.ui.views.plots import color_data, map_layers  # noqa: E402
from ui_helpers import PaintCount, choose  # noqa: E402


class PaintLog(QObject):
    """What the map showed at each paint of the path plot."""

    def __init__(self, plot) -> None:
        super().__init__()
        self.plot, self.paints = plot, []
        plot.viewport().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            drawn = self.plot.drawn
            self.paints.append((self.plot.image.isVisible(),
                                None if drawn is None else drawn.surface.box))
        return False


def map_shown(w, name):
    """``name``'s map is on screen (each problem has its own box and minima)."""
    problem, drawn = get_problem(name), w.pathPlot.drawn
    return (not w.pathPlot.jobs.pending("map") and drawn is not None
            and (drawn.surface.box, drawn.surface.minima) == (problem.box, tuple(problem.minima))
            and w.pathPlot.updatesEnabled())


def test_a_new_problems_map_is_painted_once_with_its_axes(window, qtbot):
    """Until its map arrives the plot keeps the last picture: it never paints the new axes over
    an empty view (a whole-plot paint more per problem change, in the same turn as the
    rest of the window's)."""
    w = window
    choose(w.panel.problemCombo, "bowl")
    qtbot.waitUntil(lambda: map_shown(w, "bowl"), timeout=5000)
    log = PaintLog(w.pathPlot)
    for name in ("rastrigin", "himmelblau", "ellipse"):
        log.paints.clear()
        choose(w.panel.problemCombo, name)
        qtbot.waitUntil(lambda: map_shown(w, name), timeout=5000)
        qtbot.wait(50)
        assert log.paints, name  # the new map was painted …
        # … and every paint showed a whole map, the old one or the new
        assert all(visible for visible, _ in log.paints), (name, log.paints)
        assert log.paints[-1] == (True, get_problem(name).box)


def test_the_held_map_is_painted_anyway_when_its_job_never_returns(window, qtbot, monkeypatch):
    """A map that fails to arrive holds the plot HOLD_MS at most: then the axes show."""
    import gdlab.ui.views.plots as plots
    w = window
    qtbot.waitUntil(lambda: map_shown(w, w.run_settings["problem"]), timeout=5000)
    gate = threading.Event()
    real = plots.map_layers
    monkeypatch.setattr(plots, "map_layers", lambda surf: (gate.wait(10), real(surf))[1])
    try:
        choose(w.panel.problemCombo, "beale")
        w.settle()
        assert not w.pathPlot.updatesEnabled()
        qtbot.waitUntil(w.pathPlot.updatesEnabled, timeout=plots.HOLD_MS + 2000)
        assert w.pathPlot.jobs.pending("map")  # still computing: the axes came first
    finally:
        gate.set()
    qtbot.waitUntil(lambda: map_shown(w, "beale"), timeout=5000)


def test_a_held_plot_does_not_hold_the_run(qtbot):
    """The frame pacer waits for each plot's paint; a plot holding its paints is not waited
    for (the run would wait for the pacer's fallback instead)."""
    from PySide6.QtWidgets import QWidget

    gate = threading.Event()
    gate.set()
    held, live = QWidget(), QWidget()
    for widget in (held, live):
        qtbot.addWidget(widget)
    held.setUpdatesEnabled(False)
    pacer = FramePacer(gate, [held])
    pacer.begin()
    assert gate.is_set() and pacer.ready(throttle=False)
    both = FramePacer(gate, [held, live])
    both.begin()
    assert not gate.is_set() and not both.ready(throttle=False)  # waits for the live one


def test_switching_to_shorter_tick_labels_lays_nothing_out_again(window, qtbot):
    """The map's axes keep the width they grew to: a problem with narrower tick labels
    (rastrigin's integers after rosenbrock's decimals) does not resize the view and paint
    the whole plot a second time."""
    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    qtbot.waitUntil(lambda: map_shown(w, "rosenbrock"), timeout=5000)
    qtbot.wait(300)  # its tick labels painted, the layout settled
    resized = []
    w.pathPlot.getPlotItem().getViewBox().sigResized.connect(lambda *_: resized.append(1))
    choose(w.panel.problemCombo, "rastrigin")
    qtbot.waitUntil(lambda: map_shown(w, "rastrigin"), timeout=5000)
    qtbot.wait(300)
    assert resized == []


def _subpaths(path: QPainterPath) -> list[np.ndarray]:
    lines, current = [], []
    for i in range(path.elementCount()):
        e = path.elementAt(i)
        if e.isMoveTo() and current:
            lines.append(np.array(current))
            current = []
        current.append((e.x, e.y))
    return lines + ([np.array(current)] if current else [])


def test_the_isolines_path_is_made_with_the_map_one_subpath_per_line():
    surf = surface_for(get_problem("rastrigin"))
    layers = map_layers(surf)
    _, _, levels, _ = color_data(surf.Z, surf.log_color, np.ones_like(surf.Z, dtype=bool))
    gen = contourpy.contour_generator(surf.xs, surf.ys, layers.D)
    expected = [line for level in levels for line in gen.lines(level)]
    drawn = _subpaths(layers.isolines)
    assert len(drawn) == len(expected) > 100
    for got, want in zip(drawn, expected):
        np.testing.assert_array_equal(got, want)


def test_the_isolines_bounds_are_the_lines_extent(window, qtbot):
    """A zero-width (cosmetic, one pixel) pen: Qt takes the bounds from the path's points
    instead of stroking the whole path to find them."""
    w = window
    choose(w.panel.problemCombo, "rastrigin")
    qtbot.waitUntil(lambda: map_shown(w, "rastrigin"), timeout=5000)
    points = np.concatenate(_subpaths(w.pathPlot.drawn.isolines))
    rect = w.pathPlot.isolines.boundingRect()
    assert w.pathPlot.isolines.pen().widthF() == 0
    np.testing.assert_allclose([rect.left(), rect.right(), rect.top(), rect.bottom()],
                               [points[:, 0].min(), points[:, 0].max(),
                                points[:, 1].min(), points[:, 1].max()])


def test_a_2d_objectives_values_are_computed_only_on_the_maps_thread(window, qtbot, monkeypatch):
    """A problem change evaluates the objective on its grid once, with its map, off the GUI
    thread (it used to be evaluated in the GUI thread as well, then again over the view)."""
    from gdlab.engine.problems.objectives import Objective
    w = window
    qtbot.waitUntil(lambda: map_shown(w, w.run_settings["problem"]), timeout=5000)
    threads = []
    real = Objective.grid
    monkeypatch.setattr(Objective, "grid", lambda self, *a, **k: (
        threads.append(threading.current_thread()), real(self, *a, **k))[1])
    for name in ("himmelblau", "rosenbrock"):
        threads.clear()
        choose(w.panel.problemCombo, name)
        w.settle()
        qtbot.waitUntil(lambda: map_shown(w, name), timeout=5000)
        assert len(threads) == 1 and threads[0] is not threading.main_thread(), name
    surf = w.pathPlot.full_surface()  # asked for before its map: computed then
    assert surf.Z is not None and surf.Z.shape == (len(surf.ys), len(surf.xs))
    X, Y = np.meshgrid(surf.xs, surf.ys)
    np.testing.assert_allclose(surf.Z, get_problem("rosenbrock").f_points(np.stack([X, Y], -1)))


def test_another_2d_objective_does_not_paint_the_side_tabs_again(window, qtbot):
    """The side panel's tabs are the same for every 2-D objective: setting each tab's
    visibility again (unchanged) painted the whole tab widget at each problem change."""
    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    qtbot.waitUntil(lambda: map_shown(w, "rosenbrock"), timeout=5000)
    qtbot.wait(100)
    paints = PaintCount()
    w.modelViews.installEventFilter(paints)
    choose(w.panel.problemCombo, "rastrigin")
    qtbot.waitUntil(lambda: map_shown(w, "rastrigin"), timeout=5000)
    qtbot.wait(100)
    assert paints.n == 0


def test_a_plot_with_no_map_yet_does_not_wait_for_its_first(qtbot):
    """Holding keeps the last picture on screen: with none yet (a window opening), the axes
    are painted at once and the map when it arrives."""
    from gdlab.ui.views.plots import PathPlot
    plot = PathPlot()
    qtbot.addWidget(plot)
    problem = get_problem("bowl")
    plot.set_surface(surface_for(problem, values=False),
                     regrid=lambda extent: surface_for(problem, None, extent))
    assert plot.updatesEnabled() and plot.jobs.pending("map")
    qtbot.waitUntil(lambda: plot.drawn is not None, timeout=5000)
    plot.set_surface(surface_for(get_problem("beale"), values=False),
                     regrid=lambda extent: surface_for(get_problem("beale"), None, extent))
    assert not plot.updatesEnabled()  # now there is a picture to keep
    qtbot.waitUntil(plot.updatesEnabled, timeout=5000)


def test_the_loss_plot_is_not_laid_out_again_for_another_problems_shorter_labels(window, qtbot):
    """The loss axis keeps the width it grew to: himmelblau's loss labels are wider than
    ellipse's, and each change between them resized the loss plot's view (a relayout and a
    second paint of the whole plot, in the same turn as the new map's)."""
    w = window
    for name in ("himmelblau", "ellipse"):  # each one's labels measured once
        choose(w.panel.problemCombo, name)
        qtbot.waitUntil(lambda: map_shown(w, name), timeout=5000)
        qtbot.wait(200)
    resized = []
    w.lossPlot.getPlotItem().getViewBox().sigResized.connect(lambda *_: resized.append(1))
    for name in ("himmelblau", "ellipse", "himmelblau"):
        choose(w.panel.problemCombo, name)
        qtbot.waitUntil(lambda: map_shown(w, name), timeout=5000)
        qtbot.wait(200)
    assert resized == []
