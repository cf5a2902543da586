"""The tabs under the loss curve: the data with the fit, the ADALINE computation graph, and
the gradient check. Updated live at most 10 times a second."""

from __future__ import annotations

import time
from typing import Any, Sequence

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ..engine.models import is_model
from .dataview import DataView
from .gradcheck import GradCheckPanel
from .graphview import GraphView

LIVE_INTERVAL = 0.1  # seconds between two live updates of the data and graph views


class ModelViews(QTabWidget):
    """Tabs "Data", "Graph" and "Gradient check" for the current problem."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("modelTabs")
        self.dataView = DataView()
        self.graphView = GraphView()
        graph_page = QWidget()
        gl = QVBoxLayout(graph_page)
        gl.setContentsMargins(0, 0, 0, 0)
        self.graphNote = QLabel("The computation graph is drawn for ADALINE, the model built on it.")
        self.graphNote.setStyleSheet("color:#555; padding:4px;")
        gl.addWidget(self.graphNote)
        gl.addWidget(self.graphView, 1)
        self.gradCheck = GradCheckPanel()
        self.dataIndex = self.addTab(self.dataView, "Data")
        self.graphIndex = self.addTab(graph_page, "Graph")
        self.checkIndex = self.addTab(self.gradCheck, "Gradient check")
        self.problem: Any = None
        self.params: Sequence | None = None
        self._check_stale = False  # the gradient check shows other parameters than the run's
        self._last_live = 0.0
        self.currentChanged.connect(lambda _i: self._refresh_check())

    def set_problem(self, problem: Any) -> None:
        """A new problem (or new options): draw its data once, show its graph, check its gradient."""
        self.problem, self.params, self._check_stale = problem, None, True
        self.dataView.set_problem(problem)
        is_graph = is_model(problem) and problem.name == "adaline"
        self.setTabEnabled(self.graphIndex, is_graph)
        self.graphView.setVisible(is_graph)
        self.graphNote.setVisible(not is_graph)
        if is_graph:
            self.graphView.set_problem(problem)
        if is_model(problem):
            if self.currentIndex() == self.checkIndex or not self.isTabEnabled(self.currentIndex()):
                self.setCurrentIndex(self.graphIndex if is_graph else self.dataIndex)
        else:
            self.setCurrentIndex(self.checkIndex)
        self.setTabEnabled(self.dataIndex, is_model(problem))
        self._refresh_check()

    def show_params(self, params: Sequence | None, k: int, force: bool = False) -> None:
        """The run's current parameters at step k (throttled to LIVE_INTERVAL unless forced)."""
        if params is None or self.problem is None or not is_model(self.problem):
            return
        self.params = params
        self._check_stale = True
        now = time.perf_counter()
        if not force and now - self._last_live < LIVE_INTERVAL:
            return
        self._last_live = now
        if self.currentIndex() == self.dataIndex:
            self.dataView.set_params(params)
        elif self.currentIndex() == self.graphIndex and self.graphView.isVisible():
            self.graphView.show_step(k, float(params[0]), float(params[1]))

    def run_stopped(self) -> None:
        """The run paused or ended: bring every view up to date."""
        if self.params is not None:
            self._last_live = 0.0
            self.dataView.set_params(self.params)
        self._refresh_check()

    def _refresh_check(self) -> None:
        """Check the gradients where the run stands, when the tab is shown."""
        if self.problem is None or self.currentIndex() != self.checkIndex or not self._check_stale:
            return
        self._check_stale = False
        self.gradCheck.check(self.problem, self.params)
