"""The window paints in a turn of the event loop of its own, once, however many plots changed.

Qt paints a window when its UpdateRequest arrives: a posted event, handled in the same batch
as the work that made widgets dirty, and also sent there and then by each QGraphicsScene that
has processed its changed items (``QGraphicsScenePrivate::_q_processDirtyItems``). With the
map, the loss plot and a model's data view changed in one turn, the window was painted once
per scene, each time with every widget dirty at that moment (a problem change painted the
data view three times), and all of it in one stretch with the work before it.

``OnePaintPerTurn`` holds every UpdateRequest of the window and sends one from a zero-time
timer: the window paints once, after every scene has processed its items, and between the
turn that changed things and the one that paints them the event loop answers input and
timers. ``repaint()`` of a widget in the window becomes a paint at the next turn.

The timer is started once the turn that held the request has ended (from a queued call): Qt
fires due timers in the order of their due times, and one started when a scene sent its
request, early in a long turn, came due before a timer that fell due later in that turn, and
the paint ran on from the turn's work with no timer answered between (a model's problem
change: 22 ms of work, then 27 ms of paint, in one stretch).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget


class OnePaintPerTurn(QObject):
    """Defers and coalesces the paints of ``window``.

    ``sent`` counts the paints sent; ``waiting()`` says whether one is still to come, and
    ``flush()`` sends it now (a benchmark timing a redraw and its paint).
    """

    _held = Signal()  # queued to this object: the turn that held a request has ended

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.sent = 0
        self._sending = False
        self._waiting = False
        self._turn = QTimer(self, singleShot=True, interval=0)
        self._turn.timeout.connect(self._paint)
        self._held.connect(self._arm, Qt.ConnectionType.QueuedConnection)
        window.installEventFilter(self)

    def waiting(self) -> bool:
        return self._waiting

    def flush(self) -> None:
        if self._waiting:
            self._turn.stop()
            self._paint()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.UpdateRequest and obj is self.window
                and not self._sending):
            if not self._waiting:
                self._waiting = True
                self._held.emit()
            return True
        return False

    def _arm(self) -> None:
        if self._waiting:  # (not flushed meanwhile)
            self._turn.start()

    def _paint(self) -> None:
        self._waiting = False
        self.sent += 1
        self._sending = True
        try:
            QCoreApplication.sendEvent(self.window, QEvent(QEvent.Type.UpdateRequest))
        finally:
            self._sending = False
