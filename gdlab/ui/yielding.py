"""Background threads give way to the GUI thread while it handles events.

The run thread and the pool threads share one interpreter with the GUI thread. Each time the
GUI thread calls into Qt it lets the GIL go and must take it back: while another thread runs
Python, every such call waits up to the switch interval, so a redraw or a problem change of a
few hundred calls took several times its own CPU time. An application-wide event filter marks
the GUI thread busy when it starts handling an event (a timer, a queued signal, a paint, a
key…; the filter then stays off until the thread rests: it would run Python for every event)
and its event dispatcher's ``aboutToBlock`` marks it idle when it is about to wait for
the next one (``awake`` can't serve as the start: the Glib dispatcher emits it only after the
events were handled). In between, a background thread that reaches :meth:`GuiYield.wait`
(between a few dozen steps, or blocks of work) waits until the GUI thread is done, at most
``limit`` seconds per busy spell, so a GUI thread that never rests cannot stall the run.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject, Qt, Slot

YIELD_SECONDS = 0.05  # the longest a background thread waits in one busy spell of the GUI thread
SLICE_SECONDS = 0.004  # a pool job works at most this long without a rest…
REST_SECONDS = 0.0003  # …of this long, without the GIL (about 7% of its speed)
BACKGROUND_NICE = 5  # a background thread's nice (Linux): the GUI thread, at 0, comes first


class GuiYield(QObject):
    """Whether the GUI thread is handling events; :meth:`wait` waits while it is."""

    def __init__(self, app: QCoreApplication, limit: float = YIELD_SECONDS) -> None:
        super().__init__()
        self.app, self.limit = app, limit
        self._idle = threading.Event()
        self._idle.set()
        self._since = 0.0  # when the current busy spell began (perf_counter)
        self._gui = threading.get_ident()
        self._rested: dict[int, float] = {}  # per background thread: when it last rested
        self._filtering = False
        self._filter(True)
        dispatcher = QAbstractEventDispatcher.instance(app.thread())
        dispatcher.aboutToBlock.connect(self._blocking, Qt.ConnectionType.DirectConnection)

    @property
    def busy(self) -> bool:
        """Is the GUI thread handling events (not waiting for them)?"""
        return not self._idle.is_set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """The first event of a busy spell, before it is handled: the thread is busy. The
        filter is then off until the thread rests: each event it saw was a call into Python
        (a wait for the GIL while another thread runs Python), a thousand in a problem change."""
        if self._idle.is_set():  # a new spell
            self._since = time.perf_counter()
            self._idle.clear()
        self._filter(False)
        return False

    def _filter(self, on: bool) -> None:
        if on != self._filtering:
            (self.app.installEventFilter if on else self.app.removeEventFilter)(self)
            self._filtering = on

    @Slot()
    def _blocking(self) -> None:
        self._idle.set()
        self._filter(True)

    def wait(self) -> None:
        """In a background thread: return when the GUI thread rests, or once its busy spell
        is ``limit`` old. In the GUI thread itself: at once."""
        if self._idle.is_set() or threading.get_ident() == self._gui:
            return
        left = self._since + self.limit - time.perf_counter()
        if left > 0:
            self._idle.wait(left)

    def rest(self) -> None:
        """In a background thread, while the GUI thread looks idle: once every
        ``SLICE_SECONDS`` of work, sleep ``REST_SECONDS`` without the GIL. The GUI thread can't
        say it is busy before it holds the GIL (a woken GUI thread's first call into Python
        waits for it), and behind a pool thread looping in Python it waited up to 50 ms for it
        while that thread, seeing it idle, went on; the rest hands it over."""
        if not self._idle.is_set() or threading.get_ident() == self._gui:
            return
        me, now = threading.get_ident(), time.perf_counter()
        last = self._rested.setdefault(me, now)
        if now - last > SLICE_SECONDS:
            time.sleep(REST_SECONDS)
            self._rested[me] = time.perf_counter()


_INSTANCE: GuiYield | None = None


def gui_yield() -> GuiYield:
    """The application's :class:`GuiYield` (made on first use, in the GUI thread)."""
    global _INSTANCE
    app = QCoreApplication.instance()
    if _INSTANCE is None or _INSTANCE.app is not app:
        _INSTANCE = GuiYield(app)
    return _INSTANCE


def background_priority() -> None:
    """The calling (background) thread gives the CPU to the GUI thread: on Linux, a nice of
    :data:`BACKGROUND_NICE` for this thread alone, so that the GUI thread, woken by a timer or
    input while the run and a pool job take both cores, gets one at once instead of queueing
    for it (55 ms once in the stress script). Elsewhere nothing: ``setpriority`` would name
    a process there, not a thread."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):  # a nice already higher stays (raising it back fails)
            tid = threading.get_native_id()
            if os.getpriority(os.PRIO_PROCESS, tid) < BACKGROUND_NICE:
                os.setpriority(os.PRIO_PROCESS, tid, BACKGROUND_NICE)


def give_way() -> None:
    """In a background thread, between blocks of work: :meth:`GuiYield.wait` (nothing before
    the application's GuiYield exists, nor while the GUI thread rests: a flag read)."""
    if _INSTANCE is not None and not _INSTANCE._idle.is_set():
        _INSTANCE.wait()


def give_way_resting() -> None:
    """In a pool thread, between blocks of work: :func:`give_way`, then
    :meth:`GuiYield.rest`. (The run thread only gives way: its rests would cost the run's
    speed, and it already waits while the window paints.)"""
    if _INSTANCE is not None:
        _INSTANCE.wait()
        _INSTANCE.rest()
