"""An 800-px window: the race's buttons wrap instead of widening the right column, the map
keeps a usable width, and the loss plot's legend line wraps above the curves (pytest-qt)."""

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtWidgets import QToolButton  # noqa: E402

from gdlab.ui.window import SIDE_MIN_WIDTH  # noqa: E402
from ui_helpers import choose, redraw_now  # noqa: E402


def in_window(w, widget) -> QRect:
    return QRect(widget.mapTo(w, widget.rect().topLeft()), widget.size())


def _race_at_800(w, qtbot, problem: str, preset: str, lanes: int) -> None:
    """``preset``'s lanes on ``problem``, ready, in an 800 × 700 window."""
    choose(w.panel.problemCombo, problem)
    w.race.apply_preset(preset)
    qtbot.waitUntil(lambda: len(w.session.lanes) == lanes
                    and all(lane.history.n == 1 for lane in w.session.lanes), timeout=5000)
    w.resize(800, 700)
    qtbot.waitUntil(lambda: w.width() == 800, timeout=2000)
    qtbot.wait(300)


def test_an_800_px_window_keeps_the_map_wide_and_every_race_button_in_sight(window, qtbot):
    w = window
    _race_at_800(w, qtbot, "rosenbrock", "optimizers", 12)
    view = w.raceView
    assert view.minimumSizeHint().width() <= SIDE_MIN_WIDTH  # the buttons wrap instead
    assert w.pathPane.width() >= 220  # was ~140 (the buttons' row set the column's width)
    box = view.rect()
    for button in (view.addButton, view.removeButton, view.presetButton, view.autoTuneButton):
        assert button.isVisible() and box.contains(button.geometry()), button.objectName()
    wide = [b.geometry().top() for b in (view.addButton, view.autoTuneButton)]
    assert wide[1] > wide[0]  # Auto-tune on a second line
    w.resize(1320, 860)
    qtbot.waitUntil(lambda: w.width() == 1320, timeout=2000)
    qtbot.wait(300)
    tops = {b.geometry().top() for b in (view.addButton, view.removeButton, view.presetButton,
                                         view.autoTuneButton)}
    assert len(tops) == 1  # one line when there is room


@pytest.mark.parametrize("gnorm", [False, True])
def test_the_loss_plots_legend_wraps_above_the_curves_and_clear_of_its_help_button(
        window, qtbot, gnorm):
    w = window
    w.lossPane.gnormCheck.setChecked(gnorm)
    # the longest legend: mean, min–max band (and ‖∇f‖)
    _race_at_800(w, qtbot, "himmelblau", "noisy", 8)
    plot = w.lossPlot
    pi = plot.getPlotItem()
    title = pi.titleLabel
    text = plot.mapFromScene(title.mapToScene(title.itemRect()).boundingRect()).boundingRect()
    view = plot.mapFromScene(pi.getViewBox().sceneBoundingRect()).boundingRect()
    assert plot.rect().contains(text)  # nothing cut off at the sides
    assert text.bottom() <= view.top() + 1  # above the curves, not over them
    help_button = plot.findChild(QToolButton, "lossHelpButton")
    assert not text.intersects(help_button.geometry())
    assert title.item.toPlainText().count("mean loss") == 1


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_loss_axis_label_fits_a_races_short_plot_at_1024_by_700(qtbot, qapp, language):
    from gdlab.ui.i18n import install
    from gdlab.ui.window import MainWindow
    install(qapp, language)
    try:
        w = MainWindow()
        qtbot.addWidget(w)
        w.resize(1024, 700)
        w.show()
        choose(w.panel.problemCombo, "rosenbrock")
        w.race.apply_preset("optimizers")
        qtbot.waitUntil(lambda: len(w.session.lanes) == 12, timeout=5000)
        w.lossPane.logCheck.setChecked(True)
        qtbot.wait(300)
        pi = w.lossPlot.getPlotItem()
        label = pi.getAxis("left").label  # drawn turned a quarter: its width runs along y
        assert label.boundingRect().width() <= pi.getViewBox().height()
        w.shutdown()
    finally:
        install(qapp, "en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [(1320, 860), (1280, 720), (1024, 700)])
def test_a_finished_races_leaderboard_is_in_sight_whole_and_the_loss_plot_keeps_its_room(
        qapp, qtbot, size, language):
    """Its head and three places, not cut off at the bottom of the race's part; the room
    comes from the side tabs below (they scroll), then (Chinese at 1024 × 700: the lines
    wrap more) from the loss plot, which keeps LOSS_KEEP px."""
    from gdlab.ui.i18n import install
    from gdlab.ui.window import LOSS_KEEP, MainWindow
    install(qapp, language)
    try:
        w = MainWindow()
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        qtbot.waitUntil(lambda: w.history.n >= 1, timeout=5000)
        _leaderboard_in_sight(w, qtbot, language, LOSS_KEEP)
        w.shutdown()
    finally:
        install(qapp, "en")


def _leaderboard_in_sight(w, qtbot, language, loss_keep):
    choose(w.panel.problemCombo, "rosenbrock")
    choose(w.panel.speedCombo, 0)
    w.panel.stepsSpin.setValue(30)
    w.race.apply_preset("optimizers")
    qtbot.waitUntil(lambda: len(w.session.lanes) == 12, timeout=5000)
    qtbot.wait(300)
    loss_height = w.lossPane.height()
    w.toggle_run()
    board = w.raceView.leaderboard
    qtbot.waitUntil(board.isVisible, timeout=30000)
    qtbot.wait(300)
    assert board.height() >= board.heightForWidth(board.width())
    assert w.raceView.rect().contains(QRect(board.geometry()))
    if language == "en":
        assert w.lossPane.height() == loss_height  # the side tabs had the room
    assert w.lossPane.height() >= min(loss_height, loss_keep)


def test_a_finished_races_rows_are_all_in_sight_beside_its_leaderboard(window, qtbot):
    """Four lanes at the design size: the side tabs below give the room for every row."""
    from gdlab.engine.run.recipe import resolve
    w = window
    choose(w.panel.problemCombo, "ellipse")
    choose(w.panel.speedCombo, 0)
    w.session.set_lanes([resolve("ellipse", name, hyper={"lr": lr}, steps=300) for name, lr in
                         (("sgd", 0.95), ("momentum", 0.1), ("adagrad", 1.5), ("adam", 0.3))])
    qtbot.waitUntil(lambda: len(w.session.lanes) == 4, timeout=5000)
    loss_height = w.lossPane.height()
    w.toggle_run()
    qtbot.waitUntil(w.raceView.leaderboard.isVisible, timeout=30000)
    qtbot.wait(300)
    table = w.raceView.table
    last = table.visualItemRect(table.item(3, 0))
    assert table.viewport().rect().contains(last)  # the fourth row whole, not under a scroll
    assert w.lossPane.height() == loss_height


def test_a_12_lane_legend_under_a_narrow_map_shows_numbers_and_keeps_the_map_tall(window,
                                                                                  qtbot):
    """At the default size each lane's name fits in three lines; at 800 px it would take a
    line per lane (the map squeezed to ~180 px): the lanes' numbers instead, their names in
    the tooltip (and the lanes table), and back to names when the window widens."""
    from PySide6.QtGui import QFontMetrics
    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    w.race.apply_preset("optimizers")
    qtbot.waitUntil(lambda: len(w.session.lanes) == 12, timeout=5000)
    redraw_now(w, qtbot)
    legend = w.pathPane.legend
    lanes = w.session.lanes
    qtbot.waitUntil(legend.isVisible, timeout=3000)
    assert all(lane.label in legend.text() for lane in lanes) and legend.toolTip() == ""
    _race_at_800(w, qtbot, "rosenbrock", "optimizers", 12)
    redraw_now(w, qtbot)
    qtbot.waitUntil(lambda: lanes[0].label not in legend.text(), timeout=3000)
    assert all(lane.color in legend.text() for lane in lanes)
    assert legend.toolTip().splitlines() == [f"{lane.number} {lane.label}" for lane in lanes]
    assert legend.height() <= 3 * QFontMetrics(legend.font()).lineSpacing() + 8
    assert w.pathPlot.height() >= 250
    w.resize(1320, 860)
    qtbot.waitUntil(lambda: all(lane.label in legend.text() for lane in lanes), timeout=3000)
