"""Helpers shared by the pytest-qt tests (imported as ``from ui_helpers import choose``)."""

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject


@contextmanager
def opened_window(qtbot):
    """The main window, shown at its design size, its first run ready; its thread is stopped
    afterwards. (The offscreen screen is 800×800: the window fits it.)"""
    from gdlab.ui import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1320, 860)
    w.show()
    qtbot.waitUntil(lambda: w.history.n >= 1, timeout=5000)
    try:
        yield w
    finally:
        w.shutdown()
        # shutdown waits 100 ms, then leaves a step in progress to end on its own (a loaded
        # machine may take longer): the thread must end, however long its step takes
        qtbot.waitUntil(lambda: not w._thread.isRunning(), timeout=10000)


def choose(combo, data) -> None:
    """Select the entry of ``combo`` whose data is ``data`` (it must exist)."""
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()  # as after a user's choice: what it set off on the next turn


class PaintCount(QObject):
    """An event filter counting the paint events of the widgets it is installed on (``n``)."""

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.n += 1
        return False


def redraw_now(w, qtbot) -> None:
    """The window's redraw, once its last frame is painted (the pacer starts no frame before:
    the paint comes at a later turn of the event loop, :mod:`gdlab.ui.one_paint`)."""
    qtbot.waitUntil(lambda: w.pacer.ready(throttle=False), timeout=5000)
    w.redraw()


def bowl_at_max(w, qtbot, steps: int) -> None:
    """The window set for a run of ``steps`` steps on ``bowl`` at "max" with no tolerance,
    and ready to run."""
    choose(w.panel.problemCombo, "bowl")
    choose(w.panel.speedCombo, 0)
    w.panel.tolSpin.setValue(0.0)
    w.panel.stepsSpin.setValue(steps)
    qtbot.waitUntil(lambda: w.run_settings.get("steps") == steps and w.status == "ready",
                    timeout=5000)
