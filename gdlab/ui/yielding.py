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

A woken GUI thread must hold the GIL before it can say it is busy, and CPython may never
hand it over: a waiting thread asks the holder to let go only when no thread took the GIL
in a whole switch interval of its wait, and a thread that lets it go for a microsecond now
and then (numpy does, e.g. in ``Generator.permutation``: ADALINE's minibatches, every other
step) and takes it back before the woken thread reaches a core, keeps it as long as it likes
(the GUI thread waited 40–250 ms for it, seen with ``perf sched`` in the stress script). So
a background thread also *rests* (:meth:`GuiYield.rest`): when the GUI thread has not held
the GIL for a slice of its work, it sleeps a fraction of a millisecond without it, long
enough for a waiting GUI thread to take it (or, now and then, another background thread: the
rests are not coordinated between them).
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject, Qt, Slot

YIELD_SECONDS = 0.05  # the longest a background thread waits in one busy spell of the GUI thread
# a background thread rests (sleeps without the GIL) once in a slice of its work in which
# the GUI thread did not hold the GIL: a pool job's slice, the run thread's (longer: a rest
# costs the run up to 0.3 / 10.3 ≈ 3% of its speed while the GUI thread stays silent), a rest
SLICE_SECONDS = 0.004
RUN_SLICE_SECONDS = 0.010
REST_SECONDS = 0.0003
BACKGROUND_NICE = 5  # a background thread's nice (Linux): the GUI thread, at 0, comes first


class GuiYield(QObject):
    """Whether the GUI thread is handling events; :meth:`wait` waits while it is."""

    def __init__(self, app: QCoreApplication, limit: float = YIELD_SECONDS) -> None:
        super().__init__()
        self.app, self.limit = app, limit
        self._idle = threading.Event()
        self._idle.set()
        self._since = 0.0  # when the current busy spell began (perf_counter)
        self._seen = 0.0  # when the GUI thread last held the GIL: a spell began or ended
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
            self._since = self._seen = time.perf_counter()
            self._idle.clear()
        self._filter(False)
        return False

    def _filter(self, on: bool) -> None:
        if on != self._filtering:
            (self.app.installEventFilter if on else self.app.removeEventFilter)(self)
            self._filtering = on

    @Slot()
    def _blocking(self) -> None:
        self._seen = time.perf_counter()
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

    def rest(self, slice_seconds: float = SLICE_SECONDS) -> None:
        """In a background thread: when neither this thread rested nor the GUI thread held
        the GIL in the last ``slice_seconds``, sleep ``REST_SECONDS`` without the GIL. A woken
        GUI thread can't say it is busy before it holds the GIL, and a busy one takes it back
        after each call into Qt: either may wait for it behind a thread looping in Python (see
        the module's docstring); the rest hands it over. A GUI thread that held it meanwhile
        (it began or ended a busy spell) costs no rest."""
        now = time.perf_counter()
        if now - self._seen <= slice_seconds:
            return
        me = threading.get_ident()
        if me == self._gui or now - self._rested.get(me, 0.0) <= slice_seconds:
            return
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


def give_way(slice_seconds: float = RUN_SLICE_SECONDS) -> None:
    """In the run thread, at its checkpoints (every 32 steps, or every step of the generic
    loop) and the engine's pauses (:func:`~gdlab.engine.cooperate.between`), and as a pool job
    starts: :meth:`GuiYield.wait`, then :meth:`GuiYield.rest` on ``slice_seconds`` (nothing
    before the application's GuiYield exists; mostly a flag and a clock read: no lock taken)."""
    gy = _INSTANCE
    if gy is not None:
        if not gy._idle.is_set():
            gy.wait()
        gy.rest(slice_seconds)


def give_way_resting() -> None:
    """In a pool thread, between blocks of work: :func:`give_way` on a pool job's shorter
    slice (its speed matters less than the window's)."""
    give_way(SLICE_SECONDS)
