"""A map computed off the GUI thread, with progress and Cancel.

``MapJob.start(fn)`` runs ``fn(progress, cancel)`` (one of :mod:`gdlab.engine.analysis.sweeps`'
maps) on the "maps" pool thread. The GUI thread hears ``progress(fraction)`` after each chunk of
work, then exactly one of ``done(result)``, ``failed(message)`` or ``cancelled()``. A cancel
is read by the engine between chunks of about 20 ms; a newer ``start`` cancels the older job.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Signal, Slot

from ..engine.analysis.sweeps import Cancelled
from .i18n import error_text
from .jobs import pool

LANE = "maps"
MapFn = Callable[[Callable[[float], object], Callable[[], bool]], Any]


class _Relay(QObject):
    """Lives in the GUI thread: the pool thread emits on it, its slots run queued there."""

    progress = Signal(int, float)  # serial, fraction done
    ended = Signal(int, str, object)  # serial, "done" | "failed" | "cancelled", result or message


class _Task(QRunnable):
    def __init__(self, fn: MapFn, serial: int, stop: threading.Event, relay: _Relay) -> None:
        super().__init__()
        self.fn, self.serial, self.stop, self.relay = fn, serial, stop, relay

    def run(self) -> None:
        try:
            if self.stop.is_set():
                raise Cancelled("cancelled before it started")
            kind, out = "done", self.fn(lambda f: self._emit_progress(f), self.stop.is_set)
        except Cancelled:
            kind, out = "cancelled", None
        except ValueError as exc:  # bad settings or inputs: a message, never a traceback
            kind, out = "failed", error_text(exc)
        except BaseException as exc:  # noqa: BLE001 (delivered to the GUI thread, not lost)
            kind, out = "failed", f"internal error: {exc!r}"
        try:
            self.relay.ended.emit(self.serial, kind, out)
        except RuntimeError:  # its view was closed and deleted meanwhile
            pass

    def _emit_progress(self, fraction: float) -> None:
        try:
            self.relay.progress.emit(self.serial, fraction)
        except RuntimeError:
            self.stop.set()


class MapJob(QObject):
    """One map at a time for one view: start, cancel, and its outcome in the GUI thread."""

    progress = Signal(float)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.ended.connect(self._on_ended)
        self._serials = itertools.count(1)
        self._serial = 0
        self._stop: threading.Event | None = None

    @property
    def running(self) -> bool:
        """A job was started and has not reported its end yet."""
        return self._stop is not None

    def start(self, fn: MapFn) -> None:
        """Run ``fn(progress, cancel)`` on the maps thread (cancelling a job still running)."""
        self.cancel()
        self._serial = next(self._serials)
        self._stop = threading.Event()
        pool(LANE).start(_Task(fn, self._serial, self._stop, self._relay))

    def cancel(self) -> None:
        """Ask the running job to stop at its next chunk; ``cancelled`` follows."""
        if self._stop is not None:
            self._stop.set()

    def shutdown(self, wait_ms: int) -> bool:
        """Cancel and wait (at most ``wait_ms``) for the maps thread: True if it is idle."""
        self.cancel()
        self._serial = -1  # whatever still arrives is dropped
        self._stop = None
        return pool(LANE).waitForDone(wait_ms)

    @Slot(int, float)
    def _on_progress(self, serial: int, fraction: float) -> None:
        if serial == self._serial:
            self.progress.emit(fraction)

    @Slot(int, str, object)
    def _on_ended(self, serial: int, kind: str, out: Any) -> None:
        if serial != self._serial:
            return  # a cancelled job superseded by a newer one
        self._stop = None
        if kind == "done":
            self.done.emit(out)
        elif kind == "failed":
            self.failed.emit(out)
        else:
            self.cancelled.emit()
