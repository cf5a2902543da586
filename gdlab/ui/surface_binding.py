"""What the map draws under the path, bound to the run: the problem's loss surface (a model's
on a pool thread), a many-parameter model's path projected on its principal plane when the run
stops, and a click on the map as the new start point."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal, Slot

from ..engine.analysis.surfaces import plane_surface, surface_for
from ..engine.problems.models import is_model
from ..engine.run.single import RunSettings
from .i18n import error_text, localized, translate
from .jobs import Jobs
from .session import Session
from .views.path_pane import PathPane
from .widgets.panels import ParamsPanel
from .worker import RunUpdate

PROJECT_DELAY_MS = 400  # a stopped many-parameter run is projected this long after its last step
PROJECTION_HINT = QT_TRANSLATE_NOOP(
    "Surface", "A network has too many parameters to draw its loss surface directly. Press "
               "Run: when the run stops, its path is projected on its two principal directions "
               "and the loss is drawn on that plane.")  # wrapped to fit


class SurfaceBinding(QObject):
    """The path pane's surface for the selected lane's problem. ``changed()``: redraw the
    path; ``failed(str)``: a surface or projection could not be computed; ``crashed(str)``:
    an internal error (a bug) did that."""

    changed = Signal()
    failed = Signal(str)
    crashed = Signal(str)

    def __init__(self, parent: QObject, pane: PathPane, session: Session, jobs: Jobs,
                 panel: ParamsPanel) -> None:
        super().__init__(parent)
        self.pane, self.plot, self.session, self.jobs, self.panel = (
            pane, pane.plot, session, jobs, panel)
        self.problem = None  # the problem of the current run
        self._key: tuple | None = None  # what the drawn surface is of
        self._projected_at = -1  # the step of the last projection
        self.project_soon = QTimer(self, singleShot=True, interval=PROJECT_DELAY_MS)
        self.project_soon.timeout.connect(self.project)
        pane.projectButton.clicked.connect(self.project)
        self.plot.clicked.connect(self._on_click)

    @staticmethod
    def _key_of(problem, settings: RunSettings) -> tuple:
        """What a drawn surface is of: the problem, its options or formula, and the start
        (a model's) or the box (a function's)."""
        model = is_model(problem)
        return (problem.name, tuple(sorted(settings.problem_options.items())),
                None if model else problem.source, settings.start if model else problem.box)

    def is_new(self, problem, settings: RunSettings) -> bool:
        """Would :meth:`show` draw another surface?"""
        return self._key != self._key_of(problem, settings)

    def show(self, problem, settings: RunSettings) -> bool:
        """The surface of ``problem`` with ``settings`` (redrawn only when it changes; a
        projection is dropped). True when the problem or its options changed."""
        model = is_model(problem)
        projected = problem.path_plot == "projection"
        key = self._key_of(problem, settings)
        new_problem = self._key is None or self._key[:3] != key[:3]
        if self._key != key:
            self._key = key
            start = settings.start
            regrid = lambda extent, p=problem, s=start: surface_for(p, s, extent)  # noqa: E731
            if model and not projected:  # a loss map over (w, b): a few thousand losses
                self.plot.set_surface(None, translate("Surface", "Drawing the loss surface…"))
                self.jobs.submit("surface", lambda: surface_for(problem, start),
                                 lambda surf: self._on_surface(surf, regrid), self._on_failed_job)
            else:
                self.jobs.drop("surface")
                # its values are computed with its map, on the map's thread; its start is
                # the new settings' (the lane's rows are still the last run's)
                self._on_surface(surface_for(problem, start, values=False), regrid,
                                 start if start is not None else problem.start)
            self.pane.show_problem(problem)
        self.problem = problem
        self.pane.projectButton.setVisible(projected)
        self.pane.projectButton.setEnabled(False)
        self.project_soon.stop()
        self._projected_at = -1
        if self.plot.surface is not None and self.plot.surface.path is not None:
            # the old projection is gone
            self.plot.set_surface(None, translate("Surface", PROJECTION_HINT))
        self.jobs.drop("project")
        return new_problem

    def follow(self, u: RunUpdate, running: bool) -> None:
        """The selected lane's message: its start marked at a reset; projected once after a
        burst of Steps or at a pause, not while it runs."""
        history = self.session.lane.history
        if u.reset and self.plot.surface is not None and self.plot.surface.path is None:
            first = self.path_xy(history.data[:1])
            self.plot.set_start(*first[0]) if len(first) else self.plot.set_start(None, None)
        self.pane.projectButton.setEnabled(len(self.session.lane.snapshots) >= 2)
        if running:
            self.project_soon.stop()
        elif not u.reset and self.pane.projectButton.isVisible():
            self.project_soon.start()

    def path_xy(self, data: np.ndarray) -> np.ndarray:
        """The points (n, 2) the path plot draws for trajectory rows ``data``."""
        surf = self.plot.surface
        if surf is None:
            return np.empty((0, 2))
        if surf.path is not None:  # a projection: the snapshots' plane coordinates
            return surf.path
        if surf.kind == "curve":  # J(w): the parameter and the loss
            return data[:, [0, self.session.lane.history.columns.index("loss")]]
        return data[:, 0:2]

    @Slot()
    def project(self) -> None:
        """Project a many-parameter model's path on its principal plane (at a stop, or asked):
        computed on a pool thread, drawn when it arrives unless the run changed since."""
        lane = self.session.lane
        if self.problem is None or len(lane.snapshots) < 2 or self._projected_at == lane.k:
            return
        problem, snapshots = self.problem, [p for _, p in lane.snapshots]
        self._projected_at = lane.k
        self.pane.projectButton.setEnabled(False)
        self.pane.noteLabel.setText(translate("Surface", "Projecting the path on its principal "
                                                         "plane…"))
        self.jobs.submit("project", lambda: plane_surface(problem, snapshots),
                         self._on_projected, self._on_project_failed)

    def _on_surface(self, surf, regrid=None, start=None) -> None:
        """Draw a problem's loss surface (``regrid(extent)``: the same over another extent)
        and mark ``start``, or else the first row's point (a model's, when its map arrives)."""
        self.plot.set_surface(surf, translate("Surface", PROJECTION_HINT) if surf is None else "",
                              regrid=regrid)
        history = self.session.lane.history
        if surf is not None and start is not None:
            self.plot.set_start(*start[:2])
        elif surf is not None and history.n:
            self.plot.set_start(*self.path_xy(history.data[:1])[0])
        self.changed.emit()

    def _on_projected(self, surf) -> None:
        self.plot.set_surface(surf)
        self.pane.noteLabel.setText(localized(surf.note))
        self.pane.projectButton.setEnabled(True)
        self.changed.emit()

    def _on_project_failed(self, exc: BaseException) -> None:
        self._projected_at = -1
        self.pane.projectButton.setEnabled(True)
        self.pane.noteLabel.setText(localized(self.problem.note) if self.problem is not None
                                    else "")
        self._on_failed_job(exc)

    def _on_failed_job(self, exc: BaseException) -> None:
        if isinstance(exc, ValueError):
            self.failed.emit(error_text(exc))
        else:
            self.crashed.emit(repr(exc))

    def _on_click(self, x: float, y: float) -> None:
        surf = self.plot.surface
        if surf is None or surf.path is not None or self.problem.start is None:
            return  # a projected plane: its points are not start points one could type
        self.panel.set_start(round(x, 4), round(y, 4) if surf.kind == "contour" else 0.0)
