"""The run worker: wraps the engine's step generator in a QObject living in its own QThread.

The GUI talks to it only through queued signals (so every slot here runs in the
worker's thread) and it answers with :class:`RunUpdate` messages. Between two
chunks the worker returns to its event loop, so a learning-rate change, a pause
or a new step budget takes effect at the next step.
"""

from __future__ import annotations

import atexit
import threading
import time
import traceback
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ..engine.run.recipe import build_run
from ..engine.run.single import Run, RunSettings

CHUNK_SECONDS = 0.016  # at "max" speed: about 60 chunks a second
GIL_SWITCH_SECONDS = 0.0002  # the GUI thread waits at most this long for the GIL (default 5 ms)


@dataclass
class RunUpdate:
    """New rows for the window. ``reset`` marks the first message of a new run."""

    start: int
    rows: np.ndarray  # (n, width)
    status: str  # the engine's status, or "paused"
    k: int
    steps: int
    settings: dict
    columns: tuple[str, ...]
    reset: bool = False
    rate: float = 0.0  # measured steps per second while running
    serial: int = 0  # which run: the serial the window gave its reset request
    params: list | None = None  # a model's current parameter arrays (copies)
    snapshots: list = field(default_factory=list)  # new (step, params) of a many-parameter model


TERMINAL = ("finished", "converged", "diverged")  # a run that stopped by itself
SNAPSHOTS = 300  # parameter snapshots over a many-parameter model's budget (for the projection)


class RunWorker(QObject):
    """Owns the :class:`Run`; every slot runs in the worker thread."""

    update = Signal(object)  # RunUpdate
    failed = Signal(str)  # a message for the user

    def __init__(self) -> None:
        super().__init__()
        self.run: Run | None = None
        self.speed = 0.0  # steps per second; 0 = as fast as possible
        self._running = False
        self._gen = None
        self._sent = 0
        self._timer: QTimer | None = None
        self._rate_t0 = 0.0
        self._rate_k0 = 0
        self._rate = 0.0
        self._snapshots: list | None = None
        self._snapshot_k = -1
        self.serial = 0
        # cleared by the window while it paints: the run loop waits at its next checkpoint
        # (a few dozen steps) instead of competing for the GIL with the painting
        self.gate = threading.Event()
        self.gate.set()

    def _ensure_timer(self) -> QTimer:
        if self._timer is None:  # created here so that it lives in the worker's thread
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._tick)
        return self._timer

    # -- commands from the window -------------------------------------------------
    @Slot(object, int)
    def reset(self, settings: RunSettings, serial: int) -> None:
        """A new run, known to the window as ``serial``: every later message carries it."""
        self.serial = serial
        try:
            run = build_run(settings)
        except ValueError as exc:
            self.failed.emit(str(exc))
            if self.run is not None:  # the window waits for a new run: show the old one again
                self._sent = 0
                self._emit(reset=True, paused=not self._running and 0 < self.run.k)
            return
        self._halt()
        run.checkpoint = self.gate.wait
        self.run = run
        self._sent = 0
        self._snapshots = [] if run.is_model and run.objective.summary else None
        self._snapshot_k = -1
        self._snapshot()
        self._emit(reset=True)

    @Slot()
    def start(self) -> None:
        if self._running:
            return  # Run pressed twice: one run
        if self.run is None or self.run.done and not self._can_continue():
            self._emit()
            return
        self._running = True
        self._gen = None
        self._rate_t0, self._rate_k0 = time.perf_counter(), self.run.k
        self._ensure_timer().start(0)

    @Slot()
    def pause(self) -> None:
        was = self._running
        self._halt()
        if was and self.run is not None:
            self._emit(paused=True)

    @Slot()
    def step(self) -> None:
        """Exactly one update (pauses a running run first)."""
        self._halt()
        if self.run is None:
            return
        if self.run.status in ("finished", "converged", "diverged"):
            self._emit()  # an ended run: the window says what to do (Run starts it again)
            return
        self.run.resume()
        self._safely(lambda: self.run.advance(max_updates=1))
        self._snapshot()
        self._emit(paused=not self.run.done)

    @Slot(str, float)
    def set_hyper(self, name: str, value: float) -> None:
        if self.run is None:
            return
        try:
            self.run.set_hyper(**{name: value})
        except ValueError as exc:
            self.failed.emit(str(exc))
            return
        if name == "lr":
            # the last row's lr changed: send it again so the window's copy matches
            self._sent = max(0, min(self._sent, len(self.run.trajectory) - 1))
            if not self._running:
                self._emit(paused=self.run.status == "stopped" or (self.run.k > 0 and not self.run.done))

    @Slot(float)
    def set_tol(self, tol: float) -> None:
        if self.run is None:
            return
        try:
            self.run.set_tol(tol)
        except ValueError as exc:
            self.failed.emit(str(exc))
            return
        if not self._running:
            self._emit(paused=self.run.k > 0 and not self.run.done)

    @Slot(int)
    def set_steps(self, steps: int) -> None:
        if self.run is None:
            return
        was_finished = self.run.status == "finished"
        steps = max(steps, self.run.k)  # a budget below the current step ends the run there
        try:
            self.run.set_steps(steps)
        except ValueError as exc:
            self.failed.emit(str(exc))
            return
        if was_finished and self.run.status == "running":
            self.start()  # raising the budget of a finished run continues it
        else:
            self._emit(paused=not self._running and self.run.k > 0 and not self.run.done)

    @Slot(float)
    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self._gen = None  # the next tick starts a generator with the new pacing
        if self._running:
            self._rate_t0, self._rate_k0 = time.perf_counter(), self.run.k
            self._ensure_timer().start(0)

    @Slot()
    def shutdown(self) -> None:
        self._halt()
        if self._timer is not None:
            self._timer.stop()

    # -- the loop -------------------------------------------------------------------
    def _can_continue(self) -> bool:
        return self.run is not None and self.run.status in ("running", "ready", "stopped")

    def _halt(self) -> None:
        self._running = False
        self._gen = None
        if self._timer is not None:
            self._timer.stop()

    def _tick(self) -> None:
        run = self.run
        if not self._running or run is None:
            return
        paced = self.speed > 0
        if self._gen is None:
            # a many-parameter model yields every `stride` updates for the snapshots
            stride = max(1, run.steps // SNAPSHOTS) if self._snapshots is not None else None
            self._gen = run.chunks(seconds=0 if paced else CHUNK_SECONDS,
                                   max_updates=1 if paced else stride, since=self._sent)
        t_end = time.perf_counter() + CHUNK_SECONDS
        chunks: list = []
        while True:
            ok = self._safely(lambda: chunks.append(next(self._gen, None)))
            self._snapshot()
            if not ok or paced or run.done or time.perf_counter() >= t_end:
                break
        elapsed = time.perf_counter() - self._rate_t0
        if elapsed > 0.05:
            self._rate = (run.k - self._rate_k0) / elapsed
        if not ok or run.done:
            self._running = False
            self._gen = None
        chunks = [c for c in chunks if c is not None and len(c.rows)]
        if chunks and chunks[0].start == self._sent:  # the generator's rows, no second copy
            self._emit(rows=chunks[0].rows if len(chunks) == 1
                       else np.concatenate([c.rows for c in chunks]))
        else:  # nothing new, or the last row was re-sent after an lr change
            self._emit()
        if self._running:
            self._timer.start(int(round(1000 / self.speed)) if self.speed > 0 else 0)

    def _safely(self, fn) -> bool:
        try:
            fn()
            return True
        except Exception:  # an engine bug must not kill the thread or reach the user raw
            self.failed.emit("internal error in the run:\n" + traceback.format_exc(limit=3))
            self._halt()
            return False

    def _snapshot(self) -> None:
        """Keep a many-parameter model's parameters at this step (once per step)."""
        if self._snapshots is not None and self.run.k != self._snapshot_k:
            self._snapshots.append((self.run.k, self.run.params))
            self._snapshot_k = self.run.k

    def _emit(self, reset: bool = False, paused: bool = False,
              rows: np.ndarray | None = None) -> None:
        run = self.run
        if rows is None:
            rows = run.trajectory.rows(self._sent, len(run.trajectory))
        n = self._sent + len(rows)
        status = "paused" if paused and not run.done else run.status
        snaps = self._snapshots or []
        if self._snapshots is not None:
            self._snapshots = []
        self.update.emit(RunUpdate(self._sent, rows, status, run.k, run.steps,
                                   run.settings().to_dict(), run.trajectory.columns,
                                   reset=reset, rate=self._rate if self._running or not reset else 0.0,
                                   serial=self.serial, params=run.params if run.is_model else None, snapshots=snaps))
        self._sent = n


def shown_status(reported: str, want_run: bool) -> tuple[str, bool]:
    """The status to show for a worker's message, and whether a run is still wanted.

    Messages lag behind the buttons: a "running" sent before a Pause arrived shows as
    "paused", a "paused" sent before a Run as "running"; a run that ended by itself
    (finished, converged, diverged) is no longer wanted.
    """
    if reported in TERMINAL:
        return reported, False
    if want_run:
        return "running", True
    return ("paused" if reported == "running" else reported), False


_DETACHED: list = []  # (thread, worker) still finishing a step after their window closed


def detach(thread: QThread, worker: RunWorker) -> None:
    """Let ``thread`` finish its step without its window (which may be deleted now)."""
    if not _DETACHED:
        atexit.register(_join_detached)
    thread.setParent(None)
    _DETACHED.append((thread, worker))


def _join_detached() -> None:
    """At exit: a QThread destroyed while running aborts the process, so wait for it (a
    step is bounded by the model limits)."""
    for thread, _worker in _DETACHED:
        thread.wait()

