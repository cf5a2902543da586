"""View ▸ Presentation (F11) and Ctrl+plus / Ctrl+minus (pytest-qt, offscreen)."""

import pyqtgraph as pg
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdlab.ui.window_state import settings_store  # noqa: E402
from gdlab.ui.presentation import PRESENT_LINES, PRESENT_TEXT, ZOOM_RANGE, ZOOM_STEP  # noqa: E402
from ui_helpers import redraw_now  # noqa: E402


def looks(w):
    """What presentation mode changes: text sizes, line widths, axis text colour."""
    axis = w.pathPlot.getPlotItem().getAxis("bottom")
    return {"font": QApplication.font().pointSizeF(),
            "title": w.pathPane.titleLabel.styleSheet(),
            "tick": axis.style["tickFont"].pointSizeF() if axis.style["tickFont"] else None,
            "label": axis.labelStyle.get("font-size"),
            "axis": axis.textPen().color().name(),
            "path": w.pathPlot.path.opts["pen"].widthF(),
            "loss": w.lossPlot.loss.opts["pen"].widthF()}


@pytest.fixture
def reset_font():
    font = QApplication.font()
    yield
    QApplication.setFont(font)


def test_presentation_is_full_screen_larger_thicker_darker_and_undone(window, qtbot,
                                                                       reset_font):
    w = window
    before = looks(w)
    qtbot.keyClick(w, Qt.Key.Key_F11)
    assert w.presentation.presenting and w.presentation.presentAction.isChecked()
    assert w.windowState() & Qt.WindowState.WindowFullScreen
    on = looks(w)
    assert on["font"] == pytest.approx(before["font"] * PRESENT_TEXT)
    assert on["tick"] == pytest.approx(10 * PRESENT_TEXT)
    assert on["label"] == f"{11 * PRESENT_TEXT:.3g}pt"
    assert "font-size: 21px" in on["title"]  # 15px × 1.4
    assert on["axis"] == "#000000"
    assert on["path"] == pytest.approx(before["path"] * PRESENT_LINES)
    assert on["loss"] == pytest.approx(before["loss"] * PRESENT_LINES)
    qtbot.keyClick(w, Qt.Key.Key_F11)
    assert not w.windowState() & Qt.WindowState.WindowFullScreen
    assert looks(w) == before


def test_a_race_is_drawn_with_thicker_lanes_while_presenting(window, qtbot, reset_font):
    w = window
    w.raceView.addButton.click()
    qtbot.waitUntil(lambda: len(w.session.lanes) == 2, timeout=5000)
    w.presentation.set_presenting(True)
    redraw_now(w, qtbot)
    qtbot.waitUntil(lambda: bool(w.pathPlot._lanes) and w.pathPlot._lanes[0][0].opts[
        "pen"].widthF() >= 2.0 * PRESENT_LINES, timeout=3000)
    w.presentation.set_presenting(False)


def test_ctrl_plus_and_minus_zoom_everything_and_are_remembered(window, qtbot, reset_font):
    w = window
    base = QApplication.font().pointSizeF()
    qtbot.keyClick(w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.presentation.zoom == pytest.approx(ZOOM_STEP ** 2, abs=1e-3)
    assert QApplication.font().pointSizeF() == pytest.approx(base * ZOOM_STEP ** 2, rel=1e-3)
    assert w.pathPlot.path.opts["pen"].widthF() == pytest.approx(2 * ZOOM_STEP ** 2, rel=1e-3)
    assert float(settings_store().value("view/zoom")) == w.presentation.zoom
    for _ in range(30):
        qtbot.keyClick(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert w.presentation.zoom == ZOOM_RANGE[0]
    w.presentation.zoomResetAction.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base)
    assert isinstance(w.pathPlot, pg.PlotWidget)


def test_a_new_window_starts_at_the_remembered_zoom(qtbot, reset_font):
    from gdlab.ui import MainWindow

    base = QApplication.font().pointSizeF()
    settings_store().setValue("view/zoom", 1.3)
    w = MainWindow()
    qtbot.addWidget(w)
    try:
        assert w.presentation.zoom == 1.3
        assert QApplication.font().pointSizeF() == pytest.approx(base * 1.3)
        settings_store().setValue("view/zoom", "nonsense")
    finally:
        w.shutdown()



@pytest.mark.parametrize("optimizer", ["bfgs", "lbfgs", "adam"])
def test_presenting_keeps_every_line_of_the_optimizers_equations(window, qtbot, reset_font,
                                                                  optimizer):
    """Full screen on the 800 px offscreen screen squeezes the settings below their boxes'
    minimum width: the equations' label wraps into more lines than a box layout gives it."""
    from ui_helpers import choose

    w = window
    choose(w.panel.optimizerCombo, optimizer)
    label = w.panel.equationLabel

    def whole():
        return label.height() >= label.heightForWidth(label.width()) > 0

    qtbot.waitUntil(whole, timeout=3000)
    w.presentation.set_presenting(True)
    qtbot.waitUntil(lambda: label.width() < 300, timeout=3000)  # squeezed (see above)
    qtbot.waitUntil(whole, timeout=3000)
    w.presentation.set_presenting(False)
    qtbot.waitUntil(whole, timeout=3000)
