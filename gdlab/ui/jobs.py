"""Heavy work off the GUI thread: projections, gradient checks, exports.

``Jobs.submit(key, fn, on_done)`` runs ``fn()`` on a pool thread and calls
``on_done(result)`` (or ``on_error(exc)``) in the GUI thread. A newer job under the
same key supersedes the older one: its result is dropped when it arrives, so a view
never shows a stale answer, and the older job stops at the next point where the engine's
loops give way (:func:`gdlab.engine.cooperate.between`): a superseded gradient check of a
large network went on for seconds, taking a core and the GIL from the window for nothing.
A job whose work is a file (an export) is submitted with ``finish=True``: it is never cut.

Results arrive as queued signals (Qt's posted events), which Qt handles back to back with
the repaints they cause before it turns to timers or input; so each result is applied on
a zero-delay timer of its own, one per turn of the event loop, and a click (or any timer)
is answered between one result's repaint and the next instead of after all of them.
"""

from __future__ import annotations

import atexit
import itertools
import sys
import threading
from typing import Any, Callable

from collections import deque

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from ..engine.cooperate import yielding_to
from .yielding import background_priority, give_way, give_way_resting


class Cancelled(Exception):
    """Raised inside a job that noticed its :class:`CancelToken` was set."""


class CancelToken:
    """A flag a job checks between blocks of work (``check()`` raises :class:`Cancelled`,
    and gives way to the GUI thread while it handles events)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()
        give_way_resting()


class _Relay(QObject):
    """Lives in the GUI thread; pool threads emit on it, so its slot is queued there."""

    done = Signal(str, int, bool, object)  # key, serial, ok, result or exception


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], key: str, serial: int, relay: _Relay,
                 wanted: Callable[[], bool], finish: bool = False) -> None:
        super().__init__()
        self.fn, self.key, self.serial, self.relay, self.wanted = fn, key, serial, relay, wanted
        self.finish = finish

    def _between(self) -> None:
        """Where the engine's loops give way: to the GUI thread, and up if superseded."""
        if not self.finish and not self.wanted():
            raise Cancelled()
        give_way_resting()

    def run(self) -> None:
        background_priority()
        give_way()  # a job starts once the GUI thread has handled what asked for it
        if not self.wanted():
            return  # superseded while it waited in the queue: not worth computing
        try:
            with yielding_to(self._between):  # the engine's long loops give way to the GUI
                result, ok = self.fn(), True
        except BaseException as exc:  # delivered to the GUI thread, never lost in a pool thread
            result, ok = exc, False
        try:
            self.relay.done.emit(self.key, self.serial, ok, result)
        except RuntimeError:  # its window was closed and deleted meanwhile
            pass


# one thread per lane: an export does not hold up a projection, two projections don't race
_POOLS: dict[str, QThreadPool] = {}


def pool(lane: str) -> QThreadPool:
    if not _POOLS:  # a pool thread must not run Python code while the interpreter ends
        atexit.register(wait_all, -1)
    if lane not in _POOLS:
        p = QThreadPool()
        p.setMaxThreadCount(1)
        p.setExpiryTimeout(2000)
        _POOLS[lane] = p
    return _POOLS[lane]


def wait_all(msecs: int) -> bool:
    """Wait (at most ``msecs`` per lane) for every pool thread to finish: True if all did."""
    return all(p.waitForDone(msecs) for p in _POOLS.values())


class Jobs(QObject):
    """Keyed background jobs whose results reach the GUI thread (the newest per key only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._serials = itertools.count(1)
        self._current: dict[str, tuple[int, Callable, Callable | None]] = {}
        self._arrived: deque[tuple[str, int, bool, Any]] = deque()  # results not applied yet
        self._apply = QTimer(self, singleShot=True, interval=0)
        self._apply.timeout.connect(self._apply_one)

    def submit(self, key: str, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None] | None = None, lane: str = "compute",
               finish: bool = False) -> int:
        """Run ``fn`` on ``lane``'s thread; the result goes to ``on_done`` unless superseded
        (or dropped), and then the job stops early unless ``finish``."""
        serial = next(self._serials)
        self._current[key] = (serial, on_done, on_error)
        pool(lane).start(_Task(fn, key, serial, self._relay,
                               lambda: self._current.get(key, (0,))[0] == serial, finish))
        return serial

    def drop(self, key: str | None = None) -> None:
        """Forget the pending job ``key`` (every job if None): its result will be dropped."""
        if key is None:
            self._current.clear()
        else:
            self._current.pop(key, None)

    def pending(self, key: str) -> bool:
        return key in self._current

    def busy(self) -> bool:
        """Is any job's result still to come?"""
        return bool(self._current)

    @Slot(str, int, bool, object)
    def _deliver(self, key: str, serial: int, ok: bool, result: Any) -> None:
        self._arrived.append((key, serial, ok, result))
        self._apply.start()

    def _apply_one(self) -> None:
        key, serial, ok, result = self._arrived.popleft()
        if self._arrived:
            self._apply.start()  # the next one on the next turn
        current = self._current.get(key)
        if current is None or current[0] != serial:
            return  # superseded or dropped
        del self._current[key]
        _, on_done, on_error = current
        if ok:
            on_done(result)
        elif on_error is not None:
            on_error(result)
        elif not isinstance(result, Cancelled):
            sys.excepthook(type(result), result, result.__traceback__)
