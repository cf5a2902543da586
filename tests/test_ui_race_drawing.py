"""What a race draws: each lane's path and loss curve thinned to the pixels they cover
(exact to a pixel), thinned again when a zoom makes the pixels smaller (pytest-qt)."""

import numpy as np
import pyqtgraph as pg
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.run.recipe import resolve  # noqa: E402
from gdlab.ui.views.thinning import pixel_thin  # noqa: E402
from ui_helpers import choose  # noqa: E402


def raced(w, qtbot, steps=4_000):
    choose(w.panel.speedCombo, 0)
    s = w.session
    s.set_lanes([resolve("rosenbrock", opt, start=(-1.5, 2.0), steps=steps, tol=0.0)
                 for opt in ("sgd", "momentum", "adam")])
    qtbot.waitUntil(lambda: len(s.lanes) == 3 and all(x.history.n == 1 for x in s.lanes),
                    timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and not w._dirty, timeout=30000)
    return s.lanes


def path(lane):
    h = lane.history
    return h.data[:, h.columns.index("x")], h.data[:, h.columns.index("y")]


def drawn_path(w, j):
    return w.pathPlot._lanes[j][0].getData()


def assert_exact_to_a_pixel(w, lanes):
    cell = w.pathPlot._pixel()
    assert cell[0] > 0 and cell[1] > 0
    for j, lane in enumerate(lanes):
        x, y = path(lane)
        keep = pixel_thin(x, y, *cell)
        dx, dy = drawn_path(w, j)
        assert np.array_equal(dx, x[keep]) and np.array_equal(dy, y[keep])
        assert dx[0] == x[0] and dx[-1] == x[-1] and dy[-1] == y[-1]


def test_a_races_paths_are_drawn_to_the_pixel_with_their_first_steps(window, qtbot):
    w = window
    lanes = raced(w, qtbot)
    assert_exact_to_a_pixel(w, lanes)
    x, y = path(lanes[1])  # momentum: its first steps overshoot far across the valley
    dx, _ = drawn_path(w, 1)
    assert set(x[:20]) <= set(dx)
    assert len(dx) < len(x) / 4  # most of the 4,000 steps share a pixel with the next


def test_a_zoom_thins_the_paths_again_to_the_smaller_pixels(window, qtbot):
    w = window
    lanes = raced(w, qtbot)
    before = len(drawn_path(w, 0)[0])
    w.pathPlot.show_box((-1.8, 0.2, 0.5, 2.5))  # zoomed in about 2×, as a user would
    qtbot.waitUntil(lambda: len(drawn_path(w, 0)[0]) > before, timeout=5000)
    assert_exact_to_a_pixel(w, lanes)


def test_a_races_loss_curves_end_at_the_last_loss_and_follow_the_log_scale(window, qtbot):
    w = window
    lanes = raced(w, qtbot)
    plot = w.lossPlot

    def check():
        for j, lane in enumerate(lanes):
            steps, loss = lane.history.peaks("loss", 1600)
            y = np.where(loss > 0, loss, np.nan) if plot.log else loss
            shown = np.log10(y) if plot.log else y
            keep = pixel_thin(steps, shown, *plot._lanes_cell)
            xs, ys = plot._lanes[j].xData, plot._lanes[j].yData
            assert np.array_equal(xs, steps[keep])
            assert np.array_equal(ys, y[keep], equal_nan=True)  # log10 taken by the plot
            assert xs[-1] == lane.k

    check()
    on = plot.log
    w.lossPane.logCheck.setChecked(not on)
    qtbot.waitUntil(lambda: plot.log != on, timeout=5000)
    check()


def test_end_marks_of_lanes_ending_at_one_point_are_stacked_not_overlaid(window, qtbot):
    """Lanes that converge to the same minimum put their "✓ k" at one point: each one is
    stacked above the last instead of hiding it; a mark elsewhere stays at its point."""
    w = window
    choose(w.panel.problemCombo, "himmelblau")
    qtbot.waitUntil(lambda: w.pathPlot.drawn is not None and not w.pathPlot.jobs.pending("map"),
                    timeout=5000)
    plot = w.pathPlot
    at_min = np.array([[0.0, 0.0], [2.0, 1.5], [3.0, 2.0]])
    elsewhere = np.array([[0.0, 0.0], [-2.0, 2.5], [-2.8, 3.1]])
    plot.set_lanes([(at_min, "#d55e00", "✓ 62"), (at_min, "#009e73", "✓ 83"),
                    (elsewhere, "#0072b2", "✓ 90"), (at_min, "#cc79a7", "✓ 202")])
    ends = [end for _, end in plot._lanes[:4]]
    assert all(end.isVisible() for end in ends)
    rects = [end.sceneBoundingRect() for end in ends]
    stacked = [rects[0], rects[1], rects[3]]
    for a in range(3):
        for b in range(a + 1, 3):
            assert not stacked[a].intersects(stacked[b]), (a, b)
    assert stacked[0].bottom() > stacked[1].bottom() > stacked[2].bottom()  # upwards, in order
    vb = plot.getPlotItem().getViewBox()
    for j, point in ((0, (3.0, 2.0)), (2, (-2.8, 3.1))):
        corner = vb.mapViewToScene(pg.Point(*point))  # the mark's bottom-left at its point
        assert abs(rects[j].left() - corner.x()) < 2 and abs(rects[j].bottom() - corner.y()) < 2


def test_end_marks_at_the_views_edges_stay_inside_the_view(window, qtbot):
    """A lane that diverged off the right or the top of the map has its "✗ k" at the map's
    edge: its mark turns to the left of and below its point instead of leaving the view."""
    w = window
    plot = w.pathPlot
    qtbot.waitUntil(lambda: plot.drawn is not None and not plot.jobs.pending("map"),
                    timeout=5000)
    x0, x1, y0, y1 = plot.box
    far = [np.array([[0.0, 0.0], [1e6, 0.0]]), np.array([[0.0, 0.0], [0.0, 1e6]]),
           np.array([[0.0, 0.0], [1e6, 1e6]]), np.array([[0.0, 0.0], [x0, y0]])]
    plot.set_lanes([(xy, "#d55e00", f"✗ {k}") for k, xy in enumerate(far, start=11)])
    vb = plot.getPlotItem().getViewBox()
    view = vb.sceneBoundingRect().adjusted(-1, -1, 1, 1)
    for j in range(4):
        end = plot._lanes[j][1]
        assert end.isVisible()
        assert view.contains(end.sceneBoundingRect()), j
    corner = vb.mapViewToScene(pg.Point(x0, y0))  # an inner corner: right of and above it
    rect = plot._lanes[3][1].sceneBoundingRect()
    assert abs(rect.left() - corner.x()) < 2 and abs(rect.bottom() - corner.y()) < 2


def test_a_lanes_path_and_its_halo_are_stroked_on_qts_fast_path_for_lines(window, qtbot,
                                                                          monkeypatch):
    """Both pens of a lane's curve are opaque and at most 4 px wide, so pyqtgraph strokes
    each as line segments and Qt's raster engine draws them on its fast path: a translucent
    halo went through Qt's path stroker, and segments 4.5 px wide through its general
    stroker, which took most of the time of painting a race's map."""
    from PySide6.QtGui import QImage, QPainter

    lanes = raced(window, qtbot, steps=2_000)
    strokes = []
    for name in ("drawPath", "drawLines"):
        monkeypatch.setattr(QPainter, name, lambda self, *a, _n=name: strokes.append(
            (_n, self.pen().color().alpha(), self.pen().widthF())))
    image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        for line, _end in window.pathPlot._lanes[:len(lanes)]:
            assert line.opts["shadowPen"] is not None  # the halo is there
            line.paint(painter, None, None)
    finally:
        painter.end()
    assert len(strokes) == 2 * len(lanes)
    assert all(kind == "drawLines" and alpha == 255 and width <= 4
               for kind, alpha, width in strokes)
