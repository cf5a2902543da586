"""The session: the run thread and the N lanes of a race (one lane is a single run).

Views subscribe to the session's signals and send it commands; they never touch the worker
or each other. The worker (``worker.py``) steps every lane in lock-step, writes each lane's
rows into its :class:`History` and answers with :class:`RunUpdate` messages, which the
session files: the rows they bring are shown (committed), every other news kept in the lane.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QThread, Qt, Signal, Slot

from ..engine.optim.hyperparams import STEPS_MAX
from ..engine.run.checkpoints import Checkpoints
from ..engine.run.race import default_labels
from ..engine.run.recipe import settings_from_dict
from ..engine.run.replay import LaneRecord, settings_now
from ..engine.run.single import RunSettings
from .i18n import translate
from .history import History
from .worker import GIL_SWITCH_SECONDS, TERMINAL, RunUpdate, RunWorker, detach, shown_status

#: a colour-blind-safe qualitative palette of mid-light colours, the first eight from Okabe–Ito's
#: and Paul Tol's (https://personal.sron.nl/~pault/), the last four chosen to stand farthest
#: from them: each reads on white (contrast ≥ 3:1: the loss plot, the legend, the table) and on
#: the map's darkest viridis (≥ 2.4:1; on its light parts the lanes' dark halo outlines them),
#: and any two differ by ΔE ≥ 18 in CIELAB, ≥ 12 under simulated deuteranopia and protanopia
#: (no yellow or sky blue: they vanish on white). Twelve hues that far apart for every eye do
#: not exist at one lightness: the lane's number (legend, table, end marks) tells them apart.
LANE_COLORS = ("#D55E00", "#0077BB", "#009988", "#EE3377", "#117733", "#6699CC", "#999933",
               "#994455", "#4455CC", "#775588", "#BB2222", "#BB77EE")
MAX_LANES = len(LANE_COLORS)
SHUTDOWN_WAIT_MS = 100  # shutdown waits this long for the run thread, then leaves it to finish


@dataclass
class Lane:
    """One lane of the race: its settings and the session's copy of its rows."""

    settings: RunSettings
    color: str  # kept while the lane lives (a removed lane's colour goes to the next new one)
    number: int = 1  # its place in the race, from 1 (as the long CSV numbers lanes)
    label: str = ""  # what tells it apart from the other lanes (the engine's default labels)
    history: History = field(default_factory=History)
    status: str = "ready"
    k: int = 0
    steps: int = 0
    rate: float = 0.0
    run_settings: dict = field(default_factory=dict)  # as the engine reported them
    params: list | None = None  # a model's current parameters
    origin: dict = field(default_factory=dict)  # the settings the run started from (engine's)
    events: list = field(default_factory=list)  # the changes made since (ChangeEvent)
    snapshots: list = field(default_factory=list)  # (step, params) of a many-parameter model
    trials: list = field(default_factory=list)  # line-search trial points: arrays (m, 3) of step, x, y
    notes: dict = field(default_factory=dict)  # {step: text}: what the method said at that step
    checkpoints: Checkpoints = field(default_factory=Checkpoints)  # the run's, as sent


def race_budget(steps: int, lanes: int) -> int:
    """The step budget that keeps every lane's rows together within ``STEPS_MAX`` rows."""
    return min(steps, STEPS_MAX // max(lanes, 1) - 1)


class Session(QObject):
    """Owns the worker thread and the lanes; every command goes through here.

    Signals: ``update(RunUpdate)`` for the selected lane (after its history is filled),
    ``laneUpdated(int)`` for any lane, ``lanesChanged()`` when lanes are added, removed or
    reset, ``selectedChanged(int)`` when another lane is selected (the panel shows it), ``statusChanged()`` when what Run/Pause shows changes,
    ``raceEnded()`` when every lane of a race of two or more has ended, ``failed(str)``,
    ``crashed(str)`` when an engine bug stopped the run (its traceback),
    ``discarding(str)`` just before Remove Lane discards a lane (Undo keeps what it was).
    """

    update = Signal(object)
    laneUpdated = Signal(int)
    lanesChanged = Signal()
    selectedChanged = Signal(int)
    statusChanged = Signal()
    raceEnded = Signal()
    failed = Signal(str)
    crashed = Signal(str)
    discarding = Signal(str)  # about to discard lanes' runs by a command that can be undone

    _reset_req = Signal(object, int)  # a list of settings, the serial of the new runs
    _restore_req = Signal(object, int)  # a list of LaneRecord, the serial of the new runs
    _start_req = Signal()
    _pause_req = Signal()
    _step_req = Signal()
    _hyper_req = Signal(int, str, object)  # a typed value: float, int, bool or str
    _steps_req = Signal(int)
    _speed_req = Signal(float)
    _tol_req = Signal(float)
    _evals_req = Signal(bool)
    _rewind_req = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lanes: list[Lane] = []
        self.by_evals = False  # a race budgeted and ranked by gradient evaluations
        self.selected = 0
        self.lanes.append(self._new_lane(RunSettings()))  # until the first reset says more
        self.serial = 0  # the runs asked for last: messages of older ones are dropped
        self.want_run = False  # Run or Pause as last pressed (the worker's messages lag)
        self._closing = False
        self._switch_interval = sys.getswitchinterval()  # restored at shutdown
        sys.setswitchinterval(GIL_SWITCH_SECONDS)
        self.thread = QThread(self)
        self.thread.setObjectName("gdlab-run")
        self.worker = RunWorker()
        self.worker.moveToThread(self.thread)
        for req, slot in ((self._reset_req, self.worker.reset),
                          (self._restore_req, self.worker.restore),
                          (self._start_req, self.worker.start),
                          (self._pause_req, self.worker.pause), (self._step_req, self.worker.step),
                          (self._hyper_req, self.worker.set_hyper),
                          (self._steps_req, self.worker.set_steps),
                          (self._speed_req, self.worker.set_speed), (self._tol_req, self.worker.set_tol),
                          (self._evals_req, self.worker.set_by_evals),
                          (self._rewind_req, self.worker.rewind)):
            req.connect(slot)
        # when the thread's loop ends, stop the worker's timer from inside that thread
        self.thread.finished.connect(self.worker.shutdown, Qt.ConnectionType.DirectConnection)
        # the engine's long loops (a model's numerical gradient) give way to the GUI thread
        self.thread.started.connect(self.worker.cooperate, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self.worker.stop_cooperating,
                                     Qt.ConnectionType.DirectConnection)
        self.worker.update.connect(self._on_update)  # queued: runs in the GUI thread
        self.worker.failed.connect(self.failed)
        self.worker.crashed.connect(self.crashed)
        self.thread.start()

    # -- state ----------------------------------------------------------------------
    @property
    def lane(self) -> Lane:
        """The selected lane (the one the panel shows)."""
        return self.lanes[self.selected]

    @property
    def racing(self) -> bool:
        return len(self.lanes) > 1

    @property
    def status(self) -> str:
        """The race's status: a single run's own; a race is "running", "paused", "ready", or
        "finished" once every lane has ended."""
        if not self.lanes:
            return "ready"
        if not self.racing:
            return self.lanes[0].status
        states = [lane.status for lane in self.lanes]
        if all(s in TERMINAL for s in states):
            return "finished"
        if "running" in states:
            return "running"
        return "paused" if any(lane.k for lane in self.lanes) else "ready"

    @property
    def k(self) -> int:
        return max((lane.k for lane in self.lanes), default=0)

    # -- commands -------------------------------------------------------------------
    def reset(self, settings: RunSettings | list[RunSettings] | None = None) -> None:
        """Every lane back to step 0 (``settings``: a single run's, or one per lane)."""
        if settings is not None:
            listed = settings if isinstance(settings, list) else [settings]
            if len(listed) != len(self.lanes):
                self.lanes = []
                for s in listed:
                    self.lanes.append(self._new_lane(s))
            else:
                for lane, s in zip(self.lanes, listed):
                    lane.settings = s
            self.selected = min(self.selected, len(self.lanes) - 1)
        self._restart(None)

    def restore(self, records: list[LaneRecord], selected: int = 0) -> None:
        """Lanes run again from ``records`` (their recipes, changes and steps) by the worker,
        paused where they were; ``settings`` of each lane are where its changes led."""
        if not 1 <= len(records) <= MAX_LANES:
            raise ValueError(f"the window races 1 to {MAX_LANES} lanes, not {len(records)}")
        self.lanes = []
        for r in records:
            self.lanes.append(self._new_lane(settings_now(r)))
        self.selected = min(max(selected, 0), len(self.lanes) - 1)
        self._restart(records)

    def _restart(self, records: list[LaneRecord] | None) -> None:
        """New runs for the lanes: from their settings, or replayed from ``records``."""
        self.stop_chunk()
        self.set_wanted(False)
        self.serial += 1  # from now on only the new runs' messages reach the views
        labels = default_labels([lane.settings for lane in self.lanes])
        for number, (lane, label) in enumerate(zip(self.lanes, labels), start=1):
            lane.number, lane.label = number, label
            lane.snapshots, lane.params = [], None
        if records is None:
            self._reset_req.emit([lane.settings for lane in self.lanes], self.serial)
        else:
            self._restore_req.emit(records, self.serial)
        self.lanesChanged.emit()

    def records(self) -> list[LaneRecord]:
        """Every lane as the worker last reported it: what replays it to where it is."""
        return [LaneRecord(settings_from_dict(lane.origin) if lane.origin else lane.settings,
                           list(lane.events), lane.k, lane.label) for lane in self.lanes]

    def set_lane(self, settings: RunSettings) -> None:
        """New settings for the selected lane (a changed problem ends the race: one lane)."""
        if self.racing and _problem(settings) != _problem(self.lanes[0].settings):
            self.reset([settings])
            return
        if self.racing:
            settings = replace(settings, steps=race_budget(settings.steps, len(self.lanes)))
        self.lane.settings = settings
        self.reset()

    def add_lane(self, settings: RunSettings) -> bool:
        """A new lane with ``settings``; the race starts again. False when full."""
        if len(self.lanes) >= MAX_LANES:
            self.failed.emit(translate("Race", "A race has at most {most} lanes: remove one "
                                               "first.").format(most=MAX_LANES))
            return False
        if _problem(settings) != _problem(self.lanes[0].settings):
            self.failed.emit(translate("Race", "Every lane of a race runs the same problem: choose "
                                               "the race's problem again, or remove the other "
                                               "lanes first."))
            return False
        self.lanes.append(self._new_lane(settings))
        self.selected = len(self.lanes) - 1
        self._share_budget()
        self.reset()
        return True

    def set_lanes(self, settings: list[RunSettings]) -> None:
        """Replace the race by lanes with ``settings`` (a preset)."""
        self.lanes = []
        for s in settings[:MAX_LANES]:
            self.lanes.append(self._new_lane(s))
        self.selected = 0
        self._share_budget()
        self.reset()

    def remove_lane(self, index: int) -> None:
        if not self.racing or not 0 <= index < len(self.lanes):
            return
        self.discarding.emit(QT_TRANSLATE_NOOP("Undo", "Remove Lane"))
        del self.lanes[index]
        self.selected = min(self.selected, len(self.lanes) - 1)
        self.reset()

    def select(self, index: int) -> None:
        if 0 <= index < len(self.lanes) and index != self.selected:
            self.selected = index
            self.selectedChanged.emit(index)
            lane = self.lane
            if lane.history.n:  # the single-run views show the selected lane now
                self.update.emit(RunUpdate(0, lane.history.data, lane.status, lane.k, lane.steps,
                                           lane.run_settings, lane.history.columns, reset=True,
                                           serial=self.serial, params=lane.params,
                                           lane=index, snapshots=list(lane.snapshots)))

    def run(self) -> None:
        self._start_req.emit()
        self.set_wanted(True)

    def pause(self) -> None:
        self.stop_chunk()
        self._pause_req.emit()
        self.set_wanted(False)

    def step(self) -> None:
        self.stop_chunk()
        self.set_wanted(False)
        self._step_req.emit()

    def continue_from(self, k: int) -> None:
        """Continue from here: every lane drops its steps after ``k`` and runs on from it
        with the current settings (its CSV then holds the branch taken)."""
        self.stop_chunk()
        self._rewind_req.emit(k)
        self.run()

    def set_hyper(self, name: str, value: object) -> None:
        """A hyperparameter of the selected lane, live."""
        lane = self.lane
        lane.settings = replace(lane.settings, hyper={**lane.settings.hyper, name: value})
        self._hyper_req.emit(self.selected, name, value)

    def set_steps(self, steps: int) -> None:
        """Every lane's step budget (shared), within the memory bound of a race."""
        steps = race_budget(steps, len(self.lanes)) if self.racing else steps
        for lane in self.lanes:
            lane.settings = replace(lane.settings, steps=steps)
        if self.status == "finished" and steps > self.k:
            self.set_wanted(True)  # the worker continues a finished run whose budget grew
        self._steps_req.emit(steps)

    def set_by_evals(self, on: bool) -> None:
        """Budget and rank a race by gradient evaluations instead of steps: each lane ends
        when it has evaluated ∇f as often as plain gradient descent does in the step budget
        (Steps + 1, the start's included), so a line search takes fewer steps. The race
        starts again."""
        self.by_evals = bool(on)
        self._evals_req.emit(self.by_evals)
        self.reset()

    def set_tol(self, tol: float) -> None:
        for lane in self.lanes:
            lane.settings = replace(lane.settings, tol=tol)
        self._tol_req.emit(tol)

    def set_speed(self, speed: float) -> None:
        self._speed_req.emit(speed)

    def set_wanted(self, run: bool) -> None:
        """Show at once what the user asked (Run or Pause); the worker's answer follows."""
        self.want_run = run
        for lane in self.lanes:
            if run and lane.status not in TERMINAL:
                lane.status = "running"
            elif not run and lane.status == "running":
                lane.status = "paused"
        self.statusChanged.emit()

    def stop_chunk(self) -> None:
        """End the current chunk early: a flag read between a run's steps, or between a
        race's rounds (every lane at the same step)."""
        race, run = self.worker.race, self.worker.run
        if self.want_run and (race is not None or run is not None):
            (race or run).stop()

    # -- messages from the worker --------------------------------------------------
    @Slot(object)
    def _on_update(self, updates: list[RunUpdate]) -> None:
        """The worker's news of one or more lanes (a race's tick: all of them, one message):
        each lane's rows filed, then the views told once the lanes are all current."""
        before = self.status
        filed = [u for u in updates if self._file(u)]
        for u in filed:
            self.laneUpdated.emit(u.lane)
            if u.lane == self.selected:
                self.update.emit(u)
        if self.racing and filed and self.status != before:
            self.statusChanged.emit()
            if self.status == "finished":
                self.raceEnded.emit()

    def _file(self, u: RunUpdate) -> bool:
        """One lane's message into its lane (False: from runs replaced since, dropped)."""
        if u.serial != self.serial or u.lane >= len(self.lanes):
            return False
        lane = self.lanes[u.lane]
        if u.reset:
            lane.history = u.history  # written by the run thread
            lane.snapshots, lane.trials, lane.notes = [], [], {}
        if u.start + 1 < lane.history.n:  # rewound (Continue from here): a branch's steps go
            lane.trials = [t[t[:, 0] < u.start] for t in lane.trials]
            lane.notes = {s: text for s, text in lane.notes.items() if s < u.start}
        lane.history.commit(u.written)  # its rows are in place: shown, not copied
        if u.trials is not None and len(u.trials):
            lane.trials.append(u.trials)
        lane.notes.update(u.notes)
        if u.checkpoints is not None:  # as the run has them now
            lane.checkpoints = u.checkpoints
        lane.params = u.params
        lane.snapshots += u.snapshots
        lane.status, want = shown_status(u.status, self.want_run)
        if not self.racing:
            self.want_run = want
        elif self.want_run and all(x.status in TERMINAL for x in self.lanes):
            self.want_run = False
        lane.k, lane.steps, lane.rate = u.k, u.steps, u.rate
        if u.settings is not None:  # sent when they change, not with every chunk
            lane.run_settings, lane.origin, lane.events = u.settings, u.origin, u.events
        return True

    # -- shutdown -------------------------------------------------------------------
    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> None:
        """Stop the worker thread (idempotent). A step in progress is not waited for beyond
        ``wait_ms``: the thread then ends in the background and is joined at exit."""
        if self._closing:
            return
        self._closing = True
        self.worker.update.disconnect(self._on_update)
        self.worker.failed.disconnect(self.failed)
        self.worker.crashed.disconnect(self.crashed)
        self.worker.gate.set()
        if self.worker.race is not None:
            self.worker.race.stop()
        for run in list(self.worker.runs):
            run.stop()
        self.thread.quit()
        if not self.thread.wait(wait_ms):
            detach(self.thread, self.worker)
        sys.setswitchinterval(self._switch_interval)

    def _new_lane(self, settings: RunSettings) -> Lane:
        """A lane in the first colour no other lane has."""
        used = {lane.color for lane in self.lanes}
        return Lane(settings, next(c for c in LANE_COLORS if c not in used))

    def _share_budget(self) -> None:
        steps = race_budget(self.lanes[0].settings.steps, len(self.lanes))
        for lane in self.lanes:
            lane.settings = replace(lane.settings, steps=steps)


def _problem(s: RunSettings) -> tuple:
    return s.problem, tuple(sorted(s.problem_options.items())), s.dtype
