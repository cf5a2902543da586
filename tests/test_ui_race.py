"""The race: lanes in lock-step, each equal to its single run (pytest-qt, offscreen)."""

import csv
import json

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.run.recipe import build_run, resolve  # noqa: E402
from gdlab.ui.session import LANE_COLORS, MAX_LANES  # noqa: E402
from gdlab.ui.views.lanes import (  # noqa: E402
    COLUMNS, RACE_OPTIMIZERS, RANK, TO_TOL, preset_settings, ranking)
from ui_helpers import choose, redraw_now  # noqa: E402


def headless_rows(settings, steps=None):
    """The rows of ``gdlab run`` for ``settings``: its Run advanced to the end, headless."""
    run = build_run(settings)
    run.advance()
    return run.trajectory.rows(0, len(run.trajectory))


def three_lanes(w, qtbot, problem="rosenbrock", steps=300):
    """Lane 1 as set up; Add to race (a copy, selected), then its optimizer: momentum, adam."""
    p = w.panel
    choose(p.problemCombo, problem)
    choose(p.speedCombo, 0)  # "max"
    p.tolSpin.setValue(0.0)  # no lane stops early: all at the same step index
    p.stepsSpin.setValue(steps)
    for optimizer in ("momentum", "adam"):
        w.raceView.addButton.click()
        choose(p.optimizerCombo, optimizer)
        qtbot.waitUntil(lambda o=optimizer: w.run_settings.get("optimizer") == o, timeout=5000)
    qtbot.waitUntil(lambda: len(w.session.lanes) == 3
                    and all(lane.history.n == 1 for lane in w.session.lanes), timeout=5000)


def ended(w):
    return lambda: all(lane.status in ("finished", "converged", "diverged") for lane in w.session.lanes)


def test_each_lane_equals_its_single_run(window, qtbot):
    w = window
    three_lanes(w, qtbot)
    assert [lane.settings.optimizer for lane in w.session.lanes] == ["sgd", "momentum", "adam"]
    w.toggle_run()
    qtbot.waitUntil(ended(w), timeout=20000)
    for lane in w.session.lanes:
        assert lane.k == 300
        assert np.array_equal(lane.history.data, headless_rows(lane.settings), equal_nan=True)


def test_lanes_step_in_lock_step_and_run_pause_reset_remove_export(window, qtbot, tmp_path):
    w = window
    three_lanes(w, qtbot, steps=200_000)
    assert w.session.lanes[2].settings.steps == 200_000
    for _ in range(3):
        w.step_once()
    qtbot.waitUntil(lambda: all(lane.k == 3 for lane in w.session.lanes), timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.session.k > 1000, timeout=20000)
    w.toggle_run()  # pause
    qtbot.waitUntil(lambda: w.status == "paused"
                    and len({lane.k for lane in w.session.lanes}) == 1, timeout=5000)
    # a paused race: every lane at the same step index, its rows a prefix of its single run's
    k = w.session.lanes[0].k
    for lane in w.session.lanes:
        assert lane.history.n == k + 1
        assert np.array_equal(lane.history.data, headless_rows(lane.settings)[:k + 1])
    w.reset_run()
    qtbot.waitUntil(lambda: w.status == "ready"
                    and all(lane.k == 0 and lane.history.n == 1 for lane in w.session.lanes),
                    timeout=5000)
    w.session.select(1)
    assert w.panel.optimizerCombo.currentData() == "momentum"  # the panel shows lane 2
    w.raceView.removeButton.click()
    qtbot.waitUntil(lambda: len(w.session.lanes) == 2 and all(
        lane.history.n == 1 for lane in w.session.lanes), timeout=5000)
    assert [lane.number for lane in w.session.lanes] == [1, 2]  # numbered by place
    assert [lane.settings.optimizer for lane in w.session.lanes] == ["sgd", "adam"]
    assert w.raceView.table.rowCount() == 2
    p = w.panel
    p.stepsSpin.setValue(50)
    w.toggle_run()
    qtbot.waitUntil(ended(w), timeout=10000)
    out = w.exporter.export_csv(tmp_path / "race.csv")
    with open(out, newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:4] == ["lane", "label", "step", "x"]
    meta = json.loads((tmp_path / "race.json").read_text())
    assert [lane["lane"] for lane in meta["lanes"]] == [1, 2]
    for lane in w.session.lanes:
        mine = np.array([[float(v) for v in row[3:]] for row in table[1:] if row[0] == str(lane.number)])
        assert np.array_equal(mine, headless_rows(lane.settings))
        assert {row[1] for row in table[1:] if row[0] == str(lane.number)} == {lane.label}


def test_one_lane_exports_exactly_a_single_run(window, qtbot, tmp_path):
    w = window
    w.panel.stepsSpin.setValue(30)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished", timeout=10000)
    out = w.exporter.export_csv(tmp_path / "one.csv")
    assert out.read_text().splitlines()[0].startswith("step,x,y,loss")


def test_presets_make_lanes_and_the_leaderboard_ranks_them(window, qtbot):
    w = window
    choose(w.panel.problemCombo, "ellipse")
    choose(w.panel.speedCombo, 0)  # max: some lanes (adadelta, lion) use the whole budget
    w.panel.tolSpin.setValue(1e-3)
    w.panel.stepsSpin.setValue(400)
    qtbot.waitUntil(lambda: w.run_settings.get("steps") == 400, timeout=5000)
    w.race.apply_preset("optimizers")
    qtbot.waitUntil(lambda: len(w.session.lanes) >= 4 and all(
        lane.history.n == 1 for lane in w.session.lanes), timeout=5000)
    # each optimizer at the rate the problem suggests for it (the book's on the ellipse)
    assert {lane.settings.optimizer: lane.settings.hyper["lr"] for lane in w.session.lanes} == {
        name: resolve("ellipse", name).hyper["lr"] for name in RACE_OPTIMIZERS}
    assert len({lane.settings.hyper["lr"] for lane in w.session.lanes}) > 1
    assert len({lane.color for lane in w.session.lanes}) == len(w.session.lanes)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.raceView.leaderboard.isVisible(), timeout=20000)
    order = ranking(w.session.lanes)
    lanes = w.session.lanes
    firsts = [lanes[i] for i in order]
    conv = [lane.k for lane in firsts if lane.status == "converged"]
    assert conv == sorted(conv)
    assert "Leaderboard" in w.raceView.leaderboard.text()
    assert f"lane {firsts[0].number} (" in w.raceView.leaderboard.text().split("<br>")[1]
    table = w.raceView.table
    assert not table.isColumnHidden(RANK)
    places = {int(table.item(r, 0).text()): int(table.item(r, RANK).text())
              for r in range(len(lanes))}
    assert [places[lane.number] for lane in firsts] == list(range(1, len(lanes) + 1))
    # the rank in sight at the window's size, 12 lanes: "to tol" would repeat a converged
    # lane's step (it stopped there) and pushed the rank out; by ∇f evaluations it says more
    assert len(lanes) == 12 and table.isColumnHidden(TO_TOL)
    hdr = table.horizontalHeader()
    qtbot.waitUntil(lambda: hdr.sectionViewportPosition(RANK) + hdr.sectionSize(RANK)
                    <= table.viewport().width(), timeout=3000)
    step = COLUMNS.index("step")
    assert all(table.item(r, TO_TOL).text() in ("—", table.item(r, step).text())
               for r in range(len(lanes)))
    w.raceView.byEvalsAction.setChecked(True)
    w.raceView.refresh()
    assert not table.isColumnHidden(TO_TOL)


def test_a_run_alone_has_no_rank_column_and_its_row_fits_the_table(window, qtbot):
    """At the window's size, a finished run's row reads whole: no rank (nothing to rank) and
    a short exponent (2.171e-5, not 2.171e-05), no sideways scrolling."""
    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    choose(w.panel.optimizerCombo, "adam")
    choose(w.panel.speedCombo, 0)
    w.panel.lrSpin.setValue(0.02)
    w.panel.stepsSpin.setValue(2000)
    qtbot.waitUntil(lambda: w.run_settings.get("steps") == 2000, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished", timeout=20000)
    view = w.raceView
    view.refresh()
    table = view.table
    assert table.isColumnHidden(RANK)
    assert table.item(0, 6).text() == "2.171e-5"  # the loss at step 2,000 (cf. gdlab run)
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible(), timeout=3000)
    assert table.horizontalHeader().length() <= table.viewport().width()


def test_the_start_column_shows_when_the_lanes_starts_differ(window, qtbot):
    """One start for every lane is the panel's and the map's: the column would repeat it (and
    pushed "to tol" out of sight in a 12-lane race); the start-points preset shows it."""
    from gdlab.ui.views.lanes import START

    w = window
    table = w.raceView.table
    assert table.isColumnHidden(START)
    w.raceView.addButton.click()
    qtbot.waitUntil(lambda: len(w.session.lanes) == 2, timeout=5000)
    assert table.isColumnHidden(START)
    w.race.apply_preset("starts")
    qtbot.waitUntil(lambda: len(w.session.lanes) == 8, timeout=5000)
    w.raceView.refresh()
    assert not table.isColumnHidden(START)
    starts = [table.item(r, START).text() for r in range(8)]
    assert starts == [", ".join(f"{v:g}" for v in lane.settings.start)
                      for lane in w.session.lanes] and len(set(starts)) == 8


def test_preset_settings():
    s = resolve("ellipse", "sgd", hyper={"lr": 0.5}, start=(-7.0, 2.0), steps=100)
    rates = [x.hyper["lr"] for x in preset_settings("rates", s, (-10, 10, -5, 5))]
    assert rates == [0.05, 0.5, 5.0]
    starts = [x.start for x in preset_settings("starts", s, (-10, 10, -5, 5))]
    assert len(set(starts)) == 8 and all(-10 < x < 10 and -5 < y < 5 for x, y in starts)
    assert {(0.0, 4.0), (-8.0, 0.0), (0.0, -4.0)} <= set(starts)  # on the axes: 0, not 1e-16
    assert len(LANE_COLORS) >= 12 and MAX_LANES >= 12


def test_start_points_preset_lies_in_the_problems_box_whatever_the_windows_shape(window, qtbot):
    w = window
    w.resize(1000, 700)  # a tall map: the 1:1 view is padded far beyond himmelblau's box
    choose(w.panel.problemCombo, "himmelblau")
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "himmelblau", timeout=5000)
    x0, x1, y0, y1 = w.pathPlot.box
    assert w.pathPlot.home_box()[3] > y1 + 1
    w.race.apply_preset("starts")
    starts = [lane.settings.start for lane in w.session.lanes]
    assert len(starts) == 8 and all(x0 < x < x1 and y0 < y < y1 for x, y in starts)


def test_twelve_lanes_and_the_memory_bound(window, qtbot):
    from gdlab.engine.optim.hyperparams import STEPS_MAX
    w = window
    w.panel.stepsSpin.setValue(2_000_000)
    qtbot.waitUntil(lambda: w.run_settings.get("steps") == 2_000_000, timeout=5000)
    for _ in range(MAX_LANES - 1):
        w.race.add_lane()
    assert len(w.session.lanes) == MAX_LANES
    assert not w.race.add_lane() and len(w.session.lanes) == MAX_LANES  # said in the status bar
    assert [lane.number for lane in w.session.lanes] == list(range(1, MAX_LANES + 1))
    total = sum(lane.settings.steps + 1 for lane in w.session.lanes)
    assert total <= STEPS_MAX and w.panel.stepsSpin.value() == w.session.lanes[0].settings.steps


def test_closing_mid_race_leaves_no_thread_running(qtbot):
    from gdlab.ui import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.history.n >= 1, timeout=5000)
    choose(w.panel.problemCombo, "rosenbrock")
    w.panel.stepsSpin.setValue(1_000_000)
    for _ in range(3):
        w.race.add_lane()
    w.toggle_run()
    qtbot.waitUntil(lambda: w.session.k > 100, timeout=10000)
    thread = w._thread
    w.close()
    assert thread.wait(5000) and not thread.isRunning()


def _luminance(color) -> float:
    """WCAG relative luminance of a QColor or "#rrggbb"."""
    from PySide6.QtGui import QColor
    c = QColor(color)
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
           for v in (c.redF(), c.greenF(), c.blueF())]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def test_every_lane_colour_reads_on_white_and_on_the_darkest_of_the_map():
    import pyqtgraph as pg
    darkest = pg.colormap.get("viridis").map(0.0, mode="qcolor")
    assert len(set(LANE_COLORS)) == len(LANE_COLORS) >= 12
    for color in LANE_COLORS:
        assert _contrast(color, "#ffffff") >= 3.0, color  # the loss plot, legend and table
        assert _contrast(color, darkest) >= 2.4, color  # the map's minimum, where paths end


#: Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB
CVD = {"deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]],
       "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                      [-0.003882, -0.048116, 1.051998]]}


def _lab(color: str, seen: str | None = None) -> np.ndarray:
    """CIELAB (D65) of ``color`` as an eye with ``seen`` (a key of CVD, or None) sees it."""
    rgb = np.array([int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    if seen is not None:
        lin = np.clip(np.array(CVD[seen]) @ lin, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ lin / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_any_two_lane_colours_stay_apart_for_every_eye():
    """Lanes 2 and 11 (#0077BB, #4477AA) were ΔE 11 apart to any eye, 1 and 12 under 10 with
    deuteranopia: in a 12-lane race two optimizers looked the same."""
    from itertools import combinations
    for seen, least in ((None, 18), ("deuteranopia", 12), ("protanopia", 12)):
        for a, b in combinations(LANE_COLORS, 2):
            assert np.linalg.norm(_lab(a, seen) - _lab(b, seen)) >= least, (seen, a, b)


def test_the_lanes_legend_sits_under_the_map_and_hides_none_of_it(window, qtbot):
    import pyqtgraph as pg
    w = window
    choose(w.panel.problemCombo, "ellipse")
    w.race.apply_preset("optimizers")
    qtbot.waitUntil(lambda: len(w.session.lanes) == len(RACE_OPTIMIZERS), timeout=5000)
    redraw_now(w, qtbot)
    legend = w.pathPane.legend
    qtbot.waitUntil(legend.isVisible, timeout=3000)
    for lane in w.session.lanes:
        assert f"{lane.number} {lane.label}".replace(" ", "&nbsp;") in legend.text().replace(
            " ", "&nbsp;") and lane.color in legend.text()
    vb = w.pathPlot.getPlotItem().getViewBox()
    assert not [i for i in vb.allChildItems() if isinstance(i, pg.LegendItem)]
    assert legend.geometry().top() >= w.pathPlot.geometry().bottom()
    w.session.set_lanes([w.session.lane.settings])  # one lane again: no legend
    redraw_now(w, qtbot)
    qtbot.waitUntil(lambda: not legend.isVisible(), timeout=3000)


def test_a_narrow_lanes_table_scrolls_sideways_under_a_visible_thumb(window, qtbot):
    w = window
    w.race.apply_preset("optimizers")
    w.resize(900, 700)
    table = w.raceView.table
    bar = table.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() > 0, timeout=3000)
    assert table.horizontalHeader().length() > table.viewport().width()  # columns out of sight
    bar.setValue(bar.maximum())  # … every one of them can be scrolled into view
    last = table.horizontalHeader().sectionViewportPosition(
        max(c for c in range(table.columnCount()) if not table.isColumnHidden(c)))
    assert 0 <= last < table.viewport().width()
    # the thumb stands out of its groove: a spot at the left end under the thumb, then not
    x = 5
    bar.setValue(0)
    under = bar.grab().toImage().pixelColor(x, bar.height() // 2)
    bar.setValue(bar.maximum())
    bare = bar.grab().toImage().pixelColor(x, bar.height() // 2)
    assert _contrast(under, bare) >= 2.0


def test_a_narrow_race_view_keeps_its_table_whole_under_two_lines_of_buttons(window, qtbot):
    """At 1024 × 700 the race's buttons take two lines: the view is kept tall enough for
    them and the table's header, two rows and its scroll bar (the splitter keeps to a least
    height that counted one line of buttons, and cut the scroll bar off)."""
    w = window
    w.resize(1024, 700)
    w.race.apply_preset("starts")  # 8 lanes, each its start: the table wider than the view
    view, table = w.raceView, w.raceView.table
    qtbot.waitUntil(lambda: view.addButton.y() < view.autoTuneButton.y(), timeout=3000)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().isVisible(), timeout=3000)
    assert table.geometry().bottom() < view.height()  # nothing of it cut off
    bar = table.horizontalScrollBar()
    assert table.mapTo(view, bar.geometry().bottomLeft()).y() < view.height()


def test_the_map_beyond_the_problems_box_is_a_neutral_tint(window, qtbot):
    w = window
    choose(w.panel.problemCombo, "ellipse")  # a wide box drawn 1:1: padded above and below
    plot = w.pathPlot
    qtbot.waitUntil(lambda: plot.surface is not None and plot.surface.kind == "contour",
                    timeout=5000)
    plot.reset_view()
    qtbot.waitUntil(lambda: not plot.jobs.pending("map"), timeout=5000)  # its pool thread
    x0, x1, y0, y1 = plot.box
    vb = plot.getPlotItem().getViewBox()
    (vx0, vx1), (vy0, vy1) = vb.viewRange()
    assert vy1 > y1 + 1  # the padded band the tint covers
    image = plot.grab().toImage()

    def pixel(x, y):
        p = plot.mapFromScene(vb.mapViewToScene(pg_point(x, y)))
        return image.pixelColor(p.x(), p.y())

    outside = pixel((x0 + x1) / 2, (y1 + vy1) / 2)
    inside = pixel((x0 + x1) / 2, y1 - 0.1 * (y1 - y0))
    assert max(outside.red(), outside.green(), outside.blue()) - min(
        outside.red(), outside.green(), outside.blue()) <= 12  # grey, not a saturated colour
    assert _luminance(outside) > 0.6
    assert max(inside.red(), inside.green(), inside.blue()) - min(
        inside.red(), inside.green(), inside.blue()) > 40  # the map itself keeps its colours


def pg_point(x, y):
    from PySide6.QtCore import QPointF
    return QPointF(x, y)


def test_the_optimizers_preset_fills_a_race_with_every_group():
    from gdlab.engine.optim.optimizers import GROUPS, OPTIMIZERS
    from gdlab.engine.run.recipe import resolve
    from gdlab.ui.session import MAX_LANES

    lanes = preset_settings("optimizers", resolve("rosenbrock"), (-2, 2, -1, 3))
    names = [s.optimizer for s in lanes]
    assert len(set(names)) == len(names) <= MAX_LANES
    assert {OPTIMIZERS[n].group for n in names} == set(GROUPS) - {"line search"}


def test_the_loss_plot_of_a_race_chooses_its_log_scale_from_every_lane(window, qtbot):
    """Rosenbrock's lane 1 (SGD) spans under 100×, L-BFGS's lane over 10⁹×: on a linear
    scale the other curves would be flat lines at 0 under L-BFGS's trial spikes."""
    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    choose(w.panel.speedCombo, 0)
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "rosenbrock", timeout=5000)
    w.race.apply_preset("optimizers")
    qtbot.waitUntil(lambda: len(w.session.lanes) > 2, timeout=5000)
    w.session.select(0)
    w.toggle_run()
    qtbot.waitUntil(ended(w), timeout=30000)
    redraw_now(w, qtbot)
    lane = w.session.lane
    assert lane.settings.optimizer == "sgd" and lane.history.loss_max < 100 * lane.history.loss_min
    qtbot.waitUntil(w.lossPane.logCheck.isChecked, timeout=3000)
