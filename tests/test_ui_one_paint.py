"""The window paints once per turn of the event loop however many plots changed in it: each
QGraphicsScene used to paint the whole window when it had processed its changed items, so a
widget dirty in between was painted once per changed scene."""

import pytest

pytest.importorskip("pytestqt")
import numpy as np  # noqa: E402

from ui_helpers import PaintCount, choose  # noqa: E402


def settled(w, qtbot, name):
    choose(w.panel.problemCombo, name)
    qtbot.waitUntil(lambda: w.status == "ready" and w.run_settings.get("problem") == name,
                    timeout=5000)
    w.modelViews.setCurrentIndex(w.modelViews.dataIndex)
    qtbot.wait(400)  # the map, the data and their first paints


def test_three_scenes_changed_in_one_turn_paint_the_window_once(window, qtbot):
    w = window
    settled(w, qtbot, "linreg")
    data = w.modelViews.dataView
    count = PaintCount()
    data.viewport().installEventFilter(count)
    sent = w.painting.sent
    # in one turn: the map's path, the data view's line (and its viewport), the loss curve
    w.pathPlot.set_path(np.array([[0.0, 0.0], [0.5, 0.25]]))
    data.viewport().update()
    data.line.setData([0.0, 1.0], [0.0, 1.0])
    w.lossPlot.getPlotItem().listDataItems()[0].setData([0.0, 1.0], [1.0, 0.5])
    qtbot.waitUntil(lambda: count.n >= 1, timeout=2000)
    qtbot.wait(100)
    assert count.n == 1  # was 2: painted by the map's scene, then again by its own
    assert w.painting.sent == sent + 1


def test_the_paint_comes_at_the_next_turn_after_the_work(window, qtbot):
    """What a turn makes dirty is painted at the next one: between them, the event loop
    answers input and timers."""
    from PySide6.QtCore import QCoreApplication, QEventLoop
    w = window
    settled(w, qtbot, "linreg")
    count = PaintCount()
    w.panel.installEventFilter(count)
    w.panel.update()
    QCoreApplication.sendPostedEvents()  # the turn that made it dirty: its UpdateRequest held
    assert count.n == 0 and w.painting.waiting()
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    assert count.n == 1 and not w.painting.waiting()


def test_flush_paints_a_waiting_paint_now(window, qtbot):
    from PySide6.QtCore import QCoreApplication
    w = window
    settled(w, qtbot, "linreg")
    count = PaintCount()
    w.panel.installEventFilter(count)
    w.panel.update()
    QCoreApplication.sendPostedEvents()
    assert count.n == 0 and w.painting.waiting()
    w.painting.flush()
    assert count.n == 1 and not w.painting.waiting()
    w.painting.flush()  # nothing waits: nothing painted
    assert count.n == 1


def test_a_timer_due_before_the_turn_that_held_the_paint_ended_fires_before_the_paint(
        window, qtbot):
    """A scene sends its request early in a long turn; a timer falling due later in that turn
    is answered before the paint (the paint's timer starts once the turn has ended)."""
    import time

    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    w = window
    settled(w, qtbot, "linreg")
    count = PaintCount()
    w.panel.installEventFilter(count)
    order = []
    probe = QTimer(singleShot=True, interval=1)
    probe.timeout.connect(lambda: order.append(("timer", count.n)))

    def long_turn():
        w.panel.update()
        QCoreApplication.sendPostedEvents(w, QEvent.Type.UpdateRequest.value)  # held here
        probe.start()
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 0.01:  # the rest of the turn's work
            pass
    QTimer.singleShot(0, long_turn)
    qtbot.waitUntil(lambda: bool(order) and count.n >= 1, timeout=2000)
    assert order == [("timer", 0)]  # answered before the window was painted
