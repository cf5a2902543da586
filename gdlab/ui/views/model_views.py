"""The tabs under the loss curve: the step inspector, the last steps, the data with the
fit, the ADALINE computation graph and the gradient check.

Only the tabs the problem lists in its ``views`` are shown; the first of them opens. While a run goes on, the visible
tab follows it at most 10 times a second; a tab that becomes visible shows the run's
latest state at once (and draws a new problem's data or graph only then). A new problem's
open tab is drawn two turns of the event loop later, once the rest of the window has been
painted for it: a problem change is then two shorter stops of the GUI thread instead of one
long one (the tab's old picture shows meanwhile, as it did while the GUI thread was busy). Slow work (a network's decision regions, a gradient check) runs
on a pool thread and is drawn when it arrives, unless something newer superseded it.
"""

from __future__ import annotations

import time
from typing import Any, Sequence

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QProxyStyle, QStyle, QTabWidget

from ...engine.problems.models import is_model
from ..i18n import error_text, translate
from .dataview import DataView
from .gradcheck import GradCheckPanel
from .formula_graph import FormulaGraphView
from .graphview import GraphView
from .inspector import StepInspector
from ..jobs import Jobs
from .stepsview import SHOWN_STEPS, StepsView, param_names

LIVE_INTERVAL = 0.1  # seconds between two live updates of the visible tab (≤ 10 Hz)
TAB_SPACE = 12  # px around a tab's label (Fusion's 24 put ADALINE's five tabs out of sight)


class _CompactTabs(QProxyStyle):
    """The application's style with narrower tabs."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802 (Qt's name)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return TAB_SPACE
        return super().pixelMetric(metric, option, widget)


class ModelViews(QTabWidget):
    """Tabs "Inspector", "Steps", "Data", "Graph" and "Gradient check" for the current
    problem (the inspector is filled by :mod:`~gdlab.ui.step_binding`)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("modelTabs")
        self._tab_style = _CompactTabs()  # a widget does not own the style it is given
        self.tabBar().setStyle(self._tab_style)
        # where the tabs can't fit (an 800-px window, zoomed text) they are elided (the full
        # label in the tooltip), then scroll
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.jobs = Jobs(self)
        self.stepsView = StepsView()
        self.dataView = DataView()
        self.graphView = GraphView()
        self.gradCheck = GradCheckPanel()
        self.gradCheck.jobs = self.jobs
        self.inspector = StepInspector()
        self.inspectorIndex = self.addTab(self.inspector, translate("ModelViews", "Inspector"))
        self.stepsIndex = self.addTab(self.stepsView, translate("ModelViews", "Steps"))
        self.dataIndex = self.addTab(self.dataView, translate("ModelViews", "Data"))
        self.graphIndex = self.addTab(self.graphView, translate("ModelViews", "Graph"))
        self.checkIndex = self.addTab(self.gradCheck, translate("ModelViews", "Gradient check"))
        self.formulaGraph = FormulaGraphView()  # a typed formula's graph ("tree")
        self.treeIndex = self.addTab(self.formulaGraph, translate("ModelViews", "Graph"))
        for i in range(self.count()):
            self.setTabToolTip(i, self.tabText(i))
        #: a problem's ``views`` names -> tab index
        self.viewIndex = {"inspector": self.inspectorIndex, "steps": self.stepsIndex,
                          "data": self.dataIndex, "graph": self.graphIndex,
                          "check": self.checkIndex, "tree": self.treeIndex}
        # a hidden tab's page must not widen the others (the graph wants 360 px)
        self._min_sizes = {i: self.widget(i).minimumSize() for i in range(self.count())}
        self.problem: Any = None
        self.start: Sequence[float] | None = None  # a 2-D objective's start point
        self.params: Sequence | None = None  # a model's parameters at step k
        self.k = 0
        self.history: Any = None  # the window's History (columns, data)
        self._stale: set[int] = set()  # tabs that have not drawn the latest state
        self._unset: set[int] = set()  # the data or graph tab, not yet given the problem
        self._last_live = 0.0
        # a new problem's open tab draws two turns of the event loop later (see the module):
        # a zero-delay timer fires before the repaints that the change posted (Qt handles
        # them after timers), a second one after them
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self._then)
        self._deferring = False
        self._turns_pending = False  # a new problem's open tab waits for its two turns
        self.currentChanged.connect(self._refresh)

    def set_problem(self, problem: Any) -> None:
        """A new problem (or new options): show the tabs that apply and draw its data."""
        self.jobs.drop()
        self._deferring = True  # the open tab draws two turns later (see the module)
        try:
            self._show_tabs(problem)
        finally:
            self._deferring = False
        self._later.start()
        self._turns_pending = True

    def _then(self) -> None:
        """The first turn after a problem change: the second draws the open tab."""
        QTimer.singleShot(0, self, self._turns_done)

    def _turns_done(self) -> None:
        self._turns_pending = False
        self._refresh()

    def _show_tabs(self, problem: Any) -> None:
        """The tabs ``problem`` lists, its first one open (the open one for another problem
        of the same kind), every one of them stale."""
        # another problem of the same kind (the next typed formula): its tab stays open
        same_kind = type(self.problem) is type(problem) and self.problem.views == problem.views
        self.problem, self.params, self.start = problem, None, None
        if "tree" in problem.views:
            self.formulaGraph.set_objective(problem)
        shown = {i: name in problem.views for name, i in self.viewIndex.items()}
        # the data and the graph are drawn for the new problem when their tab is first shown:
        # a hidden tab costs the GUI thread nothing (~10 ms each on a problem change)
        self._unset = {i for i in (self.dataIndex, self.graphIndex) if shown[i]}
        for i, on in shown.items():
            if self.isTabVisible(i) != on:  # (set again, the whole widget is painted again)
                self.setTabVisible(i, on)
            self.widget(i).setMinimumSize(self._min_sizes[i] if on else QSize(0, 0))
        first = self.currentIndex() if same_kind else self.viewIndex[problem.views[0]]
        self._stale = set(shown)
        self.setCurrentIndex(first)  # a new problem opens on its most telling tab

    def tabs_width(self) -> int:
        """The width (px) that shows every visible tab's label whole, the corner button
        included."""
        bar = self.tabBar()
        corner = self.cornerWidget()
        return (sum(bar.tabSizeHint(i).width() for i in range(self.count())
                    if self.isTabVisible(i))
                + (corner.sizeHint().width() if corner is not None else 0) + 4)

    def set_start(self, start: Sequence[float] | None) -> None:
        """The run's start point: a 2-D objective's gradient is checked there until it moves."""
        if self.problem is not None and not is_model(self.problem) and start is not None:
            self.start = [float(v) for v in start]
            self._stale.add(self.checkIndex)
            self._refresh()

    def show_params(self, params: Sequence | None, k: int, history: Any = None,
                    force: bool = False) -> None:
        """The run at step k: a model's parameters and the window's History (throttled to
        LIVE_INTERVAL unless forced; only the visible tab draws)."""
        if self.problem is None:
            return
        self.params, self.k = params, k
        if history is not None:
            self.history = history
        self._stale |= {self.stepsIndex, self.dataIndex, self.graphIndex, self.treeIndex,
                        self.checkIndex}
        if self._turns_pending and self.currentIndex() in self._unset:
            return  # a new problem's open tab is drawn two turns later, not in a message's
        now = time.perf_counter()
        if force or now - self._last_live >= LIVE_INTERVAL:
            self._last_live = now
            self._refresh(live=not force)

    def run_stopped(self, params: Sequence | None, k: int, history: Any) -> None:
        """The run paused, ended or was reset: the visible tab shows it now (a gradient
        check included)."""
        self.show_params(params, k, history, force=True)

    def _refresh(self, *_args: Any, live: bool = False) -> None:
        """Draw the latest state in the visible tab if it has not drawn it yet. A gradient
        check waits for the run to stop (``live``): it costs many loss evaluations."""
        i = self.currentIndex()
        if (self._deferring or self.problem is None or i not in self._stale
                or (live and i == self.checkIndex)):
            return
        self._stale.discard(i)
        if i in self._unset:
            self._unset.discard(i)
            if i == self.dataIndex:
                self.dataView.set_problem(self.problem)
            elif self.params is None:
                self.graphView.set_problem(self.problem)
            else:  # the step to show at once: one layout of the graph, not two
                self.graphView.set_problem(self.problem, self._graph_step())
                return
        if i == self.stepsIndex:
            self._show_steps()
        elif i == self.dataIndex and self.params is not None:
            job = self.dataView.regions_job(self.params)
            if job is None:
                self.dataView.set_params(self.params)
            else:
                self.jobs.submit("data", job, self.dataView.show_regions, self._view_failed)
        elif i == self.graphIndex and self.params is not None:
            self.graphView.show_step(*self._graph_step())
        elif i == self.treeIndex and self.history is not None and self.history.n:
            x, y = self.history.data[-1, :2]
            self.formulaGraph.show_point(self.k, float(x), float(y))
        elif i == self.checkIndex:
            params, where = self._check_point()
            self.gradCheck.check_later(self.problem, params, where)

    def _graph_step(self) -> tuple[int, float, float]:
        """The step the graph shows: (k, w, b)."""
        return self.k, float(self.params[0]), float(self.params[1])

    def _check_point(self) -> tuple[Sequence | None, str | None]:
        """Where the check runs: a model's current parameters; a 2-D objective's current
        point (its start before the first step)."""
        if is_model(self.problem):
            return self.params, None
        h, d = self.history, len(self.problem.param_names)
        if h is not None and h.n > 1 and h.columns[:d] == tuple(self.problem.param_names):
            k = min(self.k, h.n - 1)
            return ([float(v) for v in h.data[k, :d]],
                    translate("GradCheck", "current point (step {k})").format(k=k))
        return self.start, None if self.start is None else translate("GradCheck", "start point")

    def _show_steps(self) -> None:
        h = self.history
        if h is None or not h.n or not param_names(h.columns):
            self.stepsView.set_steps((), np.empty((0, 0)), 0)
            return
        end = min(h.n, self.k + 1)  # the timeline's chosen step, or the latest
        first = max(0, end - SHOWN_STEPS)
        self.stepsView.set_steps(h.columns, h.data[first:end], first)

    def _view_failed(self, exc: BaseException) -> None:
        self.dataView._set_title(translate("ModelViews", "could not draw the regions: {error}")
                                 .format(error=error_text(exc)))
