"""The chosen step: the timeline, the step inspector and what follows them.

The timeline chooses a step (or follows the run); the map marks every lane's point at
that step with the selected lane's update as arrows, the loss curve shows a cursor there,
the inspector works that update out and the model views show the parameters of that step.
The state at a past step is replayed from the nearest of the checkpoints the worker sends
(at most a checkpoint interval of steps; see :mod:`~gdlab.engine.run.checkpoints`), on a
scratch run built from the lane's settings: in the GUI thread for a 2-D objective (steps
over floats), on a pool thread for a model (building its run evaluates the loss and the
gradient, and its steps may each take milliseconds: a second or more for a large network
with the numerical gradient).
"""

from __future__ import annotations

import json
import time
from typing import Any, Callable

import numpy as np

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Slot

from ..engine.analysis.explain import Explanation, explain_replayed
from ..engine.problems.models import is_model
from ..engine.run.checkpoints import replay
from ..engine.run.recipe import build_run, settings_from_dict
from .i18n import error_text, localized, translate
from .session import Lane, Session
from .worker import TERMINAL
from .views.inspector import inspector_text
from .views.step_marks import CHOSEN_COLOR, StepMarks
from .views.timeline import Timeline

LIVE_INTERVAL = 0.1  # seconds between two inspector updates while a run goes on
#: a 2-D objective's step replayed in the GUI thread from at most this many steps past its
#: checkpoint (~3 ms); farther (a long run's checkpoints are up to thousands of steps apart:
#: 25 ms and more at every frame), on a pool thread as a model's
INLINE_STEPS = 1024
# … while a race goes on: its frames cost several single-run frames and come 4-5 times a
# second; the inspector shows the selected lane's latest update at 2 Hz (it still reads as
# live, and every other frame skips working it out)
RACE_LIVE_INTERVAL = 0.5
TEXT = {
    "caption": QT_TRANSLATE_NOOP("StepBinding", "lane {number} · {label}"),
}


class StepBinding(QObject):
    """Binds the timeline and the inspector to the session and the views."""

    def __init__(self, window: Any, session: Session, timeline: Timeline) -> None:
        super().__init__(window)
        self.window, self.session, self.timeline = window, session, timeline
        self.views = window.modelViews
        self.inspector = self.views.inspector
        self.marks = StepMarks(window.pathPlot)
        self.cursor = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen("#d62728", width=1.5, style=Qt.PenStyle.DashLine))
        self.cursor.setVisible(False)
        window.lossPlot.addItem(self.cursor)
        self._runs: dict[int, tuple[str, Any]] = {}  # id(lane) -> (its settings, a scratch run)
        self._shown: tuple | None = None  # what the inspector shows: (lane, serial, k, rows)
        self._pending: tuple | None = None  # what a model's pool job is working out
        self._last_live = 0.0
        # a frame's inspector text is set on the next turn: laying out its rich text costs
        # as much as the rest of the frame, and both in one turn keep the window from
        # answering twice as long
        self._to_show: tuple[Explanation, str] | None = None
        self._showing = QTimer(self, singleShot=True, interval=0)
        self._showing.timeout.connect(self._show_now)
        self.explanation: Explanation | None = None
        self.params_at: tuple[int, list] | None = None  # a model's (k, params) at the chosen step
        timeline.chosen.connect(self._on_chosen)
        timeline.continueFrom.connect(self._continue)
        session.lanesChanged.connect(self._on_lanes)
        self.views.currentChanged.connect(lambda *_: self.refresh(force=True))

    # -- the chosen step ---------------------------------------------------------------
    @property
    def k(self) -> int | None:
        """The chosen step, or None while the views follow the run."""
        return self.timeline.k

    def step_of(self, lane: Lane) -> int:
        """The step a lane shows: the chosen one (within its rows) or its latest."""
        last = lane.history.n - 1
        return last if self.k is None else min(self.k, last)

    def update_of(self, lane: Lane, k: int) -> int:
        """The update the inspector works out at step ``k``: k → k+1 (the next one), but
        following a run that has ended, the last it took (k−1 → k, the one its path ends
        with), not one it never takes."""
        if self.k is None and lane.status in TERMINAL and k > 0:
            return k - 1
        return k

    def model_step(self, params: Any, k: int) -> tuple[Any, int]:
        """What the model views show: the chosen step (a model's parameters there, once
        worked out), or ``params`` at ``k`` while following the run."""
        if self.k is None:
            return params, k
        if self.params_at is not None:
            return self.params_at[1], self.params_at[0]
        return None, self.step_of(self.session.lane)  # until a model's step is worked out

    def up_to_step(self, path_xy: Callable[[np.ndarray], np.ndarray]
                   ) -> Callable[[np.ndarray], np.ndarray]:
        """The map's ``path_xy(rows)`` for the paths up to the chosen step (all rows while
        following the run)."""
        k = self.k
        return path_xy if k is None else (lambda data: path_xy(data[:k + 1]))

    @Slot(int)
    def _on_chosen(self, _k: int) -> None:
        self.refresh(force=True)
        lane = self.session.lane
        self.views.show_params(*self.model_step(lane.params, lane.k), lane.history, force=True)
        self.window._touch()

    @Slot(int)
    def _continue(self, k: int) -> None:
        self.timeline.follow()
        self.session.continue_from(k)

    @Slot()
    def _on_lanes(self) -> None:
        self._runs.clear()
        self._pending = None
        self.window.jobs.drop("inspect")
        self.timeline.follow()

    # -- drawing ---------------------------------------------------------------------
    def draw(self, path_xy) -> None:
        """Each frame: the timeline's range, the marks, the cursor; the inspector at most
        every LIVE_INTERVAL while the run goes on (RACE_LIVE_INTERVAL while a race does)."""
        lanes = self.session.lanes if self.session.racing else [self.session.lane]
        self.timeline.set_last(max(lane.history.n for lane in lanes) - 1)
        self._path_xy = path_xy
        self.refresh()

    def refresh(self, force: bool = False) -> None:
        now = time.perf_counter()
        running = self.session.status == "running"
        interval = RACE_LIVE_INTERVAL if self.session.racing else LIVE_INTERVAL
        if not force and running and now - self._last_live < interval:
            return
        self._last_live = now
        lane = self.session.lane
        if not lane.history.n:
            return
        k = self.step_of(lane)
        past = self.k is not None
        self.cursor.setVisible(past)
        if past:
            self.cursor.setValue(k)
        self._mark_points(past)
        model = self.views.problem is not None and is_model(self.views.problem)
        # a model's replay costs up to a checkpoint interval of its steps: while it runs,
        # its inspector waits for a pause (as the gradient check does)
        live = self._inspector_visible() and not (running and model)
        ex = self._explain(lane, self.update_of(lane, k)) if live or (past and model) else None
        self._draw_arrows(ex)
        if past and model and ex is not None:
            self.params_at = (k, ex.params)
            self.views.show_params(ex.params, k, lane.history, force=True)
        elif not past:
            self.params_at = None
        if force:  # a step chosen, a tab opened: its text now (a frame's waits a turn)
            self._show_now()

    def _inspector_visible(self) -> bool:
        return self.views.currentIndex() == self.views.inspectorIndex

    def _mark_points(self, past: bool) -> None:
        path_xy = getattr(self, "_path_xy", None)
        if path_xy is None or not past:
            self.marks.set_points([])
            return
        lanes = self.session.lanes if self.session.racing else [self.session.lane]
        spots = []
        for lane in lanes:
            if not lane.history.n:
                continue
            k = self.step_of(lane)
            xy = path_xy(lane.history.data[k:k + 1])
            if len(xy):
                spots.append((float(xy[0, 0]), float(xy[0, 1]),
                              lane.color if self.session.racing else CHOSEN_COLOR))
        self.marks.set_points(spots)

    def _draw_arrows(self, ex: Explanation | None) -> None:
        """The chosen update as arrows: on a map from θ_k (−lr·g and the step taken); on a
        curve J(w) the step taken from (w_k, J(w_k)) to (w_{k+1}, J(w_{k+1})), its ends on
        the curve (never magnified)."""
        surf = self.window.pathPlot.surface
        size = 1 if surf is not None and surf.kind == "curve" else 2
        if (ex is None or ex.step is None or ex.step.size != size or surf is None
                or surf.path is not None):
            self.marks.set_steps(None, None, None)
        elif size == 1:
            w = float(np.ravel(ex.params[0])[0])
            self.marks.set_steps((w, ex.loss), None,
                                 np.array([ex.step[0], ex.loss_next - ex.loss]), magnify=False)
        else:
            origin = (float(ex.params[0]), float(ex.params[1]))
            self.marks.set_steps(origin, ex.plain_step, ex.step)

    # -- the state at a step -------------------------------------------------------------
    def _explain(self, lane: Lane, k: int) -> Explanation | None:
        """The update from step ``k`` of ``lane``: worked out here for a 2-D objective up to
        :data:`INLINE_STEPS` past its checkpoint; farther, or for a model, None until its pool
        job has answered (:meth:`_arrived` then refreshes)."""
        settings = json.dumps(lane.run_settings, sort_keys=True, default=str)
        key = (id(lane), lane.checkpoints.serial, k, lane.history.n, settings)
        if key == self._shown:
            return self.explanation
        try:
            ck = lane.checkpoints.nearest(k)
        except Exception as exc:
            self._explained(key, lane, k, exc)
            return None
        have = self._runs.get(id(lane))
        scratch = have[1] if have is not None and have[0] == settings else None
        raw = lane.run_settings

        def work() -> tuple[Any, Explanation]:
            run = scratch or build_run(settings_from_dict(raw))
            return run, explain_replayed(replay(run, ck, k))

        model = is_model(self.views.problem)
        if not model and k - ck.k <= INLINE_STEPS:
            try:
                result: Any = work()
            except Exception as exc:  # a message in the panel, never a traceback
                result = exc
            return self._explained(key, lane, k, result)
        # a running 2-D objective's inspector keeps its last update (text and arrows) until
        # the next arrives, instead of saying "working" ten times a second
        keep = self.session.status == "running" and not model and self.explanation is not None
        if key != self._pending or not self.window.jobs.pending("inspect"):
            self._pending = key
            if not keep:
                self._say(inspector_text("working").format(k=k))
            self.window.jobs.submit("inspect", work, lambda r: self._arrived(key, lane, k, r),
                                    lambda exc: self._arrived(key, lane, k, exc), lane="inspect")
        return self.explanation if keep else None

    def _arrived(self, key: tuple, lane: Lane, k: int, result: Any) -> None:
        """A model's explanation from its pool job: shown, and the views follow it."""
        self._pending = None
        if self._explained(key, lane, k, result) is not None:
            self.refresh(force=True)
            self.window._touch()

    def _explained(self, key: tuple, lane: Lane, k: int, result: Any) -> Explanation | None:
        """Show ``result``, (a scratch run, the explanation) or the exception raised."""
        if isinstance(result, Exception):  # a message in the panel, never a traceback
            self.explanation = None
            self._shown = None
            self._say(inspector_text("failed").format(k=k, error=error_text(result)))
            return None
        run, ex = result
        self._runs[id(lane)] = (key[-1], run)  # built once per lane and settings
        self._shown, self.explanation = key, ex
        caption = (translate("StepBinding", TEXT["caption"]).format(number=lane.number,
                                                                    label=localized(lane.label))
                   if self.session.racing else "")
        self._to_show = (ex, caption)
        self._showing.start()
        return ex

    def _say(self, message: str) -> None:
        self._to_show = None  # (an explanation still to show is older)
        self.inspector.show_message(message)

    def _show_now(self) -> None:
        if self._to_show is not None:
            self.inspector.show_explanation(*self._to_show)
            self._to_show = None
