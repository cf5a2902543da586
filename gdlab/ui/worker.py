"""The run worker: wraps the engine's step generator in a QObject living in its own QThread.

The session (``session.py``) talks to it only through queued signals (so every slot here
runs in the worker's thread) and it answers with lists of :class:`RunUpdate` messages, one
per lane: a race's tick is one signal, so the GUI thread wakes once for all its lanes.
A race's lanes are ordinary runs built by the recipe and advanced in lock-step
(the same number of updates each, in turn), so each lane's rows are those of ``gdlab run``.
Between two chunks the worker returns to its event loop, so a learning-rate change, a pause
or a new step budget takes effect at the next step.
"""

from __future__ import annotations

import atexit
import threading
import time
import traceback
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ..engine.cooperate import install
from ..engine.run.checkpoints import Checkpoints
from ..engine.run.race import Race
from ..engine.run.recipe import build_run
from ..engine.run.replay import LaneRecord, replay
from ..engine.run.single import Run, RunSettings
from .history import History, Written
from .i18n import error_text
from .release import release
from .yielding import background_priority, give_way, gui_yield

CHUNK_SECONDS = 0.016  # at "max" speed: about 60 chunks a second
# a race's frames cost several single-run frames and come every 200–250 ms (window.py's
# frame pacing): its lanes' rows come 10 times a second, two or three messages a frame (the
# window takes in each while the run competes with it for the GIL: 20 a second cost the GUI
# thread ~0.05 s more of an 8 × 100,000-step race). A pause still stops it between two rounds.
RACE_CHUNK_SECONDS = 0.1
GIL_SWITCH_SECONDS = 0.0002  # the GUI thread waits at most this long for the GIL (default 5 ms)


@dataclass
class RunUpdate:
    """New rows for the window. ``reset`` marks the first message of a new run."""

    start: int
    rows: np.ndarray  # (n, width)
    status: str  # the engine's status, or "paused"
    k: int
    steps: int
    settings: dict | None  # the run's settings; None: as in the lane's last message
    columns: tuple[str, ...]
    reset: bool = False
    rate: float = 0.0  # measured steps per second while running
    serial: int = 0  # which run: the serial the window gave its reset request
    params: list | None = None  # a model's current parameter arrays (copies)
    snapshots: list = field(default_factory=list)  # new (step, params) of a many-parameter model
    lane: int = 0  # which lane of the race
    trials: np.ndarray | None = None  # new line-search trial points, rows (step, x, y)
    notes: dict = field(default_factory=dict)  # new {step: text} (Newton's warnings)
    origin: dict | None = None  # the settings the run started from (None: as last sent)
    events: list | None = None  # its ChangeEvents since, copies (None: as last sent)
    # the run's checkpoints as they are now (a snapshot), when they changed (None: as last sent)
    checkpoints: Checkpoints | None = None
    # the lane's History, which the run thread writes ``rows`` into (sent with a reset; the
    # session shows it), and where this message's rows are in it (the session commits them)
    history: History | None = None
    written: Written | None = None


TERMINAL = ("finished", "converged", "diverged", "undefined")  # a run that stopped by itself
SNAPSHOTS = 300  # parameter snapshots over a many-parameter model's budget (for the projection)


class RunWorker(QObject):
    """Owns the lanes' runs; every slot runs in the worker thread."""

    update = Signal(object)  # list[RunUpdate]: news of one or more lanes, in lane order
    failed = Signal(str)  # a message for the user
    crashed = Signal(str)  # an engine bug stopped the run: its traceback

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[Run] = []
        self.race: Race | None = None  # the engine's lock-step loop over the runs (2+ lanes)
        self.speed = 0.0  # steps per second; 0 = as fast as possible
        self._running = False
        self._gen = None
        self._sent: list[int] = []
        self._ck_sent: list[tuple | None] = []  # per lane: (the run's Checkpoints, serial, length) sent
        # per lane: the settings, origin and events sent are still the run's (sent once, not
        # with every chunk: a command that changes them clears the flag)
        self._described: list[bool] = []
        self._timer: QTimer | None = None
        self._rate_t0 = 0.0
        self._rate_k0 = 0
        self._rate = 0.0
        self._snapshots: list | None = None
        self._snapshot_k = -1
        self.serial = 0
        self.by_evals = False  # a race (2+ lanes) budgeted by gradient evaluations
        # cleared by the window while it paints: the run loop waits at its next checkpoint
        # (a few dozen steps) instead of competing for the GIL with the painting
        self.gate = threading.Event()
        self.gate.set()
        gui_yield()  # made here, in the GUI thread (the run thread gives way to it)

    def cooperate(self) -> None:
        """In the run thread, as it starts: the engine's long loops give way to the GUI, and
        the thread gives it the CPU."""
        install(give_way)
        background_priority()

    def stop_cooperating(self) -> None:
        """In the run thread, as it ends (its id may serve another thread later)."""
        install(None)

    @property
    def run(self) -> Run | None:
        """The first lane's run (the only one outside a race)."""
        return self.runs[0] if self.runs else None

    @property
    def k(self) -> int:
        return max((r.k for r in self.runs), default=0)

    def _ensure_timer(self) -> QTimer:
        if self._timer is None:  # created here so that it lives in the worker's thread
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._tick)
        return self._timer

    # -- commands from the session ----------------------------------------------------
    @Slot(object, int)
    def reset(self, settings: RunSettings | list, serial: int) -> None:
        """New runs, one per lane (``settings``: one or a list), known to the session as
        ``serial``: every later message carries it."""
        self.serial = serial
        listed = settings if isinstance(settings, list) else [settings]
        try:
            # by evaluations: as many as plain GD spends on the step budget (the start's included)
            evals = max(s.steps for s in listed) + 1 if self.by_evals else None
            race = Race(listed, grad_evals=evals) if len(listed) > 1 else None
            runs = [ln.run for ln in race.lanes] if race else [build_run(listed[0])]
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            if self.runs:  # the session waits for new runs: show the old ones again
                paused = not self._running and 0 < self.k
                for i in range(len(self.runs)):
                    self._sent[i] = 0
                    self._extras_sent[i] = (0, 0)
                    self._ck_sent[i] = None
                self.update.emit([self._message(i, reset=True, paused=paused)
                                  for i in range(len(self.runs))])
            return
        self._install(runs, race)
        self.update.emit([self._message(i, reset=True) for i in range(len(runs))])

    @Slot(object, int)
    def restore(self, records: list[LaneRecord], serial: int) -> None:
        """Lanes run again from ``records`` (a session opened, an undo), each to its recorded
        step with its changes (:func:`~gdlab.engine.run.replay.replay`), paused there."""
        self.serial = serial
        try:
            runs = [replay(r) for r in records]
            race = Race.of_runs(runs, [r.label for r in records]) if len(runs) > 1 else None
        except ValueError as exc:  # checked when the session was read: not expected
            self.failed.emit(error_text(exc))
            return
        self._install(runs, race)
        self.update.emit([self._message(i, reset=True, paused=run.k > 0 and not run.done)
                          for i, run in enumerate(runs)])

    def _install(self, runs: list[Run], race: Race | None) -> None:
        self._halt()
        for run in self.runs:  # the runs replaced (always new ones): rows let go of aside
            release(run.trajectory.drop())
        if race is None:
            runs[0].checkpoint = self._checkpoint
        else:
            race.checkpoint = self._checkpoint  # in each lane's loop, every few dozen steps
        self.runs, self.race = runs, race
        self._sent = [0] * len(runs)
        self._extras_sent = [(0, 0)] * len(runs)
        self._ck_sent = [None] * len(runs)
        self._described = [False] * len(runs)
        self._histories: list[History | None] = [None] * len(runs)  # made by each reset message
        one = runs[0]
        # a path projected on its principal plane needs the parameters the rows don't hold
        self._snapshots = [] if len(runs) == 1 and one.objective.path_plot == "projection" else None
        self._snapshot_k = -1
        self._snapshot()

    def _checkpoint(self) -> None:
        """Between a few dozen steps: wait while the window paints a frame, then while the
        GUI thread handles events (a bounded time: :mod:`yielding`). Mostly neither: then
        two flags read (an Event's ``wait`` takes its lock: ~1% of a run's time)."""
        if not self.gate.is_set():
            self.gate.wait()
        give_way()

    @Slot()
    def start(self) -> None:
        if self._running:
            return  # Run pressed twice: one run
        if not self._can_continue():
            self._emit_all()
            return
        for run in self.runs:
            run.resume()
        if self.race is not None:
            self.race.resume()
        self._running = True
        self._gen = None
        self._rate_t0, self._rate_k0 = time.perf_counter(), self.k
        self._ensure_timer().start(0)

    @Slot()
    def pause(self) -> None:
        was = self._running
        self._halt()
        if was:
            self._emit_all(paused=True)

    @Slot()
    def step(self) -> None:
        """Exactly one update of every lane still going (pauses a running race first)."""
        self._halt()
        if not self.runs:
            return
        for run in self.runs:
            run.resume()
        if self.race is not None:
            self.race.resume()
            self._safely(lambda: self.race.advance(max_updates=1))
        elif self.run.status not in TERMINAL:
            self._safely(lambda: self.run.advance(max_updates=1))
        self._snapshot()
        self._emit_all(paused=True)  # an ended run says so; the session says what to do

    @Slot(int, str, object)
    def set_hyper(self, lane: int, name: str, value: object) -> None:
        if not 0 <= lane < len(self.runs):
            return
        run = self.runs[lane]
        try:
            run.set_hyper(**{name: value})
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            return
        self._described[lane] = False
        if name == "lr":
            # the last row's lr changed: send it again so the window's copy matches
            self._sent[lane] = max(0, min(self._sent[lane], len(run.trajectory) - 1))
            if not self._running:
                self._emit(lane, paused=run.status == "stopped" or (run.k > 0 and not run.done))

    @Slot(int)
    def rewind(self, k: int) -> None:
        """Continue from step ``k``: every lane drops its rows after it (a lane that ended
        sooner keeps its last step) and waits there with the current settings."""
        self._halt()
        for i, run in enumerate(self.runs):
            if not self._safely(lambda: run.rewind(min(k, len(run.trajectory) - 1))):
                return
            self._sent[i] = run.k
            self._extras_sent[i] = (len(run.trials), len(run.notes))  # kept up to the step
            self._described[i] = False
        if self.race is not None:
            self.race.resume()
        self._emit_all(paused=True)

    @Slot(float)
    def set_tol(self, tol: float) -> None:
        self._described = [False] * len(self.runs)
        try:
            for run in self.runs:
                run.set_tol(tol)
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            return
        if not self._running:
            self._emit_started()

    @Slot(int)
    def set_steps(self, steps: int) -> None:
        if not self.runs:
            return
        was_finished = [run.status == "finished" for run in self.runs]
        self._described = [False] * len(self.runs)
        try:  # a budget below the current step ends the run there
            if self.race is not None and self.race.grad_evals is not None:
                self.race.set_grad_evals(max(steps, self.race.k) + 1)
            elif self.race is not None:
                self.race.set_steps(max(steps, self.race.k))
            else:
                self.run.set_steps(max(steps, self.run.k))
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            return
        if any(f and run.status == "running" for f, run in zip(was_finished, self.runs)):
            self._running = False
            self.start()  # raising the budget of a finished run continues it
        elif not self._running:
            self._emit_started()
        else:
            self._emit_all()

    @Slot(bool)
    def set_by_evals(self, on: bool) -> None:
        """Budget the next race by gradient evaluations (the session resets it next)."""
        self.by_evals = on

    @Slot(float)
    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self._gen = None  # the next tick starts a generator with the new pacing
        if self._running:
            self._rate_t0, self._rate_k0 = time.perf_counter(), self.k
            self._ensure_timer().start(0)

    @Slot()
    def shutdown(self) -> None:
        self._halt()
        if self._timer is not None:
            self._timer.stop()

    # -- the loop -------------------------------------------------------------------
    def _can_continue(self) -> bool:
        return any(run.status in ("running", "ready", "stopped") for run in self.runs)

    def _halt(self) -> None:
        self._running = False
        self._gen = None
        if self._timer is not None:
            self._timer.stop()

    def _tick(self) -> None:
        if not self._running or not self.runs:
            return
        ok = self._tick_one() if len(self.runs) == 1 else self._tick_race()
        elapsed = time.perf_counter() - self._rate_t0
        if elapsed > 0.05:
            self._rate = (self.k - self._rate_k0) / elapsed
        if not ok or all(run.done for run in self.runs):
            self._running = False
            self._gen = None
        if len(self.runs) > 1:
            self._emit_all()
        if self._running:
            self._timer.start(int(round(1000 / self.speed)) if self.speed > 0 else 0)

    def _tick_one(self) -> bool:
        """A single run: the engine's generator for about CHUNK_SECONDS (or one paced step)."""
        run = self.runs[0]
        paced = self.speed > 0
        if self._gen is None:
            # a many-parameter model yields every `stride` updates for the snapshots
            stride = max(1, run.steps // SNAPSHOTS) if self._snapshots is not None else None
            self._gen = run.chunks(seconds=0 if paced else CHUNK_SECONDS,
                                   max_updates=1 if paced else stride, since=self._sent[0])
        t_end = time.perf_counter() + CHUNK_SECONDS
        chunks: list = []
        while True:
            ok = self._safely(lambda: chunks.append(next(self._gen, None)))
            self._snapshot()
            if not ok or paced or run.done or time.perf_counter() >= t_end:
                break
        chunks = [c for c in chunks if c is not None and len(c.rows)]
        if chunks and chunks[0].start == self._sent[0]:  # the generator's rows, no second copy
            self._emit(0, rows=chunks[0].rows if len(chunks) == 1
                       else np.concatenate([c.rows for c in chunks]))
        else:  # nothing new, or the last row was re-sent after an lr change
            self._emit(0)
        return ok

    def _tick_race(self) -> bool:
        """A race: the engine's lock-step rounds for about RACE_CHUNK_SECONDS (one update of
        every lane when paced)."""
        if self.speed > 0:
            return self._safely(lambda: self.race.advance(max_updates=1))
        return self._safely(lambda: self.race.advance(
            deadline=time.perf_counter() + RACE_CHUNK_SECONDS))

    def _safely(self, fn) -> bool:
        try:
            fn()
            return True
        except Exception:  # an engine bug must not kill the thread or reach the user raw
            self.crashed.emit(traceback.format_exc(limit=3))
            self._halt()
            return False

    def _snapshot(self) -> None:
        """Keep a many-parameter model's parameters at this step (once per step)."""
        if self._snapshots is not None and self.run.k != self._snapshot_k:
            self._snapshots.append((self.run.k, self.run.params))
            self._snapshot_k = self.run.k

    def _emit_started(self) -> None:
        """Every lane, "paused" if it has started and not ended (a stopped race)."""
        self.update.emit([self._message(i, paused=run.k > 0 and not run.done)
                          for i, run in enumerate(self.runs)])

    def _emit_all(self, paused: bool = False) -> None:
        """Every lane's news in one message."""
        self.update.emit([self._message(i, paused=paused) for i in range(len(self.runs))])

    def _emit(self, lane: int, paused: bool = False, rows: np.ndarray | None = None) -> None:
        """One lane's news."""
        self.update.emit([self._message(lane, paused=paused, rows=rows)])

    def _message(self, lane: int, reset: bool = False, paused: bool = False,
                 rows: np.ndarray | None = None) -> RunUpdate:
        """Lane ``lane``'s rows and state not sent yet (``rows``: those rows, already at
        hand), counted as sent."""
        run = self.runs[lane]
        sent = self._sent[lane]
        if rows is None:
            rows = run.trajectory.rows(sent, len(run.trajectory))
        status = "paused" if paused and not run.done else run.status
        snaps = self._snapshots or []
        if self._snapshots is not None:
            self._snapshots = []
        trials, notes = self._extras(lane)
        store = run.checkpoints
        seen = (store, store.serial, len(store))
        checkpoints = store.snapshot() if reset or self._ck_sent[lane] != seen else None
        self._ck_sent[lane] = seen
        describe = reset or not self._described[lane]
        self._described[lane] = True
        self._sent[lane] = sent + len(rows)
        if reset:  # the session shows a new History from here on
            self._histories[lane] = History(run.trajectory.columns)
        history = self._histories[lane]
        history.reserve(run.steps + 1)  # the budget's rows: never copied within it
        written = history.write(sent, rows)
        return RunUpdate(sent, rows, status, run.k, run.steps,
                         run.settings().to_dict() if describe else None, run.trajectory.columns,
                         reset=reset, rate=self._rate if self._running or not reset else 0.0,
                         serial=self.serial, params=run.params if run.is_model else None,
                         snapshots=snaps, lane=lane, trials=trials, notes=notes,
                         origin=run.origin.to_dict() if describe else None,
                         events=list(run.events) if describe else None,
                         checkpoints=checkpoints, history=history if reset else None,
                         written=written)

    def _extras(self, lane: int) -> tuple[np.ndarray | None, dict]:
        """A run's line-search trial points and notes not sent yet (none but for L-BFGS, the
        second-order and line-search methods)."""
        run = self.runs[lane]
        t0, n0 = self._extras_sent[lane]
        trials = run.trials.rows(t0, len(run.trials))
        notes = dict(islice(run.notes.items(), n0, None))
        self._extras_sent[lane] = (t0 + len(trials), n0 + len(notes))
        return trials, notes


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

