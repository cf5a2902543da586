"""The main window: parameter panel, descent-path plot, loss curve, controls and status."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QDockWidget, QFileDialog, QFrame, QHBoxLayout, QLabel,
                               QMainWindow, QMessageBox, QPushButton, QScrollArea, QSizePolicy, QSplitter, QStyle,
                               QToolBar, QVBoxLayout, QWidget)

from .. import __version__
from ..engine.analysis.advice import advise_lr, stall
from ..engine.files.export import SidecarConflict, check_sidecar, sidecar_path
from ..engine.optim.hyperparams import DEFAULT_MAX_LOSS, STEPS_MAX
from ..engine.problems.models import is_model
from ..engine.run.race import LossBand, band_of
from ..engine.run.recipe import settings_from_dict
from ..engine.analysis.surfaces import plane_surface, surface_for
from .export_job import ExportJob, ExportLane, write_export
from .gc_guard import collect_in_gui_thread
from .auto_tune import AutoTuner
from .jobs import Jobs
from .widgets.keys import InputKeysFirst
from .views.model_views import ModelViews
from .pacing import FramePacer
from .widgets.panels import ParamsPanel
from .views.maps import MapsView
from .views.plots import MAX_CURVE_POINTS, LossPlot, PathPlot
from .session import SHUTDOWN_WAIT_MS, Session
from .views.lanes import RaceView, end_text, preset_settings, sample_paths
from .worker import TERMINAL, RunUpdate

# antialiasing a 1,600-point loss curve costs ~30x the frame budget: leave it off
pg.setConfigOptions(antialias=False)

REDRAW_MS = 16  # ≤ 60 Hz
DEFAULT_PATHS_NOISE = 0.5  # σ the noisy-sample-paths preset sets when the panel has none
PREFERRED_SIZE = (1320, 860)
SIDE_MIN_WIDTH = 260
MAPS_WIDTH = 420  # the Maps dock's width when it opens
FRAME_ALLOWANCE = (16, 48)  # room for the window manager's frame and title bar
# at "max" speed, a frame that kept the run waiting for T seconds is followed by one no
# sooner than 8·T after it started: painting takes at most about an eighth of the time.
# Paced runs leave the worker idle most of the time, so their frames are only capped at 60 Hz.
FRAME_BUDGET_FACTOR = 8.0
PROJECT_DELAY_MS = 400  # a stopped many-parameter run is projected this long after its last step
#: what Step says on a run that has ended (Run starts it again)
ENDED = {
    "finished": "The step budget is spent: raise Steps to go on, or press Run to start again.",
    "converged": "The run converged (‖∇f‖ ≤ tolerance): lower Tolerance to go on, or press Run "
                 "to start again.",
    "diverged": "The run diverged: lower the learning rate and press Run to start again.",
}
PROJECTION_HINT = ("A network has too many parameters to draw its loss surface directly. "
                   "Press Run: when the run stops, its path is projected on its two "
                   "principal directions and the loss is drawn on that plane.")  # wrapped to fit


def loss_band_of(losses: list[np.ndarray]) -> LossBand:
    """The lanes' loss band (each loss (n_i,)), at most about MAX_CURVE_POINTS steps drawn."""
    every = max(1, -(-max(len(x) for x in losses) // MAX_CURVE_POINTS))
    return band_of([x[::every] for x in losses], every)


def rate_text(rate: float) -> str:
    """A measured run speed: "1.2 s/step" for slow steps, "3.5 steps/s", "12,345 steps/s";
    "" until measured."""
    if not rate > 0:
        return ""
    if rate < 1:
        return f"{1 / rate:.2g} s/step"
    return f"{rate:.2g} steps/s" if rate < 10 else f"{rate:,.0f} steps/s"


class MainWindow(QMainWindow):
    """gdlab's window. Can be created with no arguments (tests and scripts drive it)."""

    def __init__(self) -> None:
        super().__init__()
        collect_in_gui_thread()
        self.setWindowTitle("gdlab — gradient descent lab")
        self.resize(*self._fitting_size())
        self.session = Session(self)
        self._dirty = False
        self._surface_key: tuple | None = None
        self.problem = None  # the problem of the current run
        self._projected_at = -1  # the step of the last projection
        self.jobs = Jobs(self)  # heavy work off the GUI thread
        self._export: ExportJob | None = None  # the export being written
        self._log_user_set = False
        self._closing = False

        self.panel = ParamsPanel()
        self._build_layout()
        self._build_actions()
        self._keys = InputKeysFirst(self)
        self._panel_lane = self.session.lane  # the lane whose settings the panel shows
        self._bind()
        self._bind_maps()

        self._project_soon = QTimer(self, singleShot=True, interval=PROJECT_DELAY_MS)
        self._project_soon.timeout.connect(self.project_path)
        self.pacer = FramePacer(self.worker.gate, (self.pathPlot, self.lossPlot),
                                FRAME_BUDGET_FACTOR, self)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_MS)
        self._redraw_timer.timeout.connect(self.redraw)
        self._redraw_timer.start()
        self.session.set_speed(self.panel.speed)
        self._on_speed(self.panel.speed)
        self.reset_run()

    def _bind(self) -> None:
        """Views and panel to the session: commands one way, signals the other."""
        s, panel = self.session, self.panel
        panel.settingsChanged.connect(self.reset_run)
        panel.hyperChanged.connect(s.set_hyper)
        panel.hyperChanged.connect(self.raceView.refresh)
        panel.stepsChanged.connect(s.set_steps)
        panel.speedChanged.connect(s.set_speed)
        panel.speedChanged.connect(self._on_speed)
        panel.tolChanged.connect(s.set_tol)
        self.pathPlot.clicked.connect(self._on_map_click)
        s.update.connect(self._on_update)
        s.failed.connect(self._on_failed)
        s.statusChanged.connect(self._on_status)
        s.laneUpdated.connect(self._on_lane)
        s.lanesChanged.connect(self._on_lanes)
        s.selectedChanged.connect(self._on_lanes)
        s.raceEnded.connect(self.raceView.show_leaderboard)
        self.raceView.addRequested.connect(self.add_lane)
        self.raceView.presetRequested.connect(self._on_preset)
        self.tuner = AutoTuner(s, self)
        self.raceView.autoTuneRequested.connect(self.tuner.start)
        self.tuner.busy.connect(lambda on: self.raceView.autoTuneButton.setEnabled(not on))
        self.tuner.message.connect(self.statusBar().showMessage)
        self.tuner.tuned.connect(lambda: panel.show_settings(s.lane.settings))

    # -- the selected lane (a single run is a race of one) ----------------------------
    @property
    def history(self):
        return self.session.lane.history

    @property
    def status(self) -> str:
        return self.session.status

    @property
    def k(self) -> int:
        return self.session.lane.k

    @property
    def steps(self) -> int:
        return self.session.lane.steps

    @property
    def rate(self) -> float:
        return self.session.lane.rate

    @property
    def run_settings(self) -> dict:
        return self.session.lane.run_settings

    @property
    def params(self):
        return self.session.lane.params

    @property
    def snapshots(self) -> list:
        return self.session.lane.snapshots

    @property
    def worker(self):
        return self.session.worker

    @property
    def _thread(self):
        return self.session.thread

    # -- construction ---------------------------------------------------------------
    def _fitting_size(self) -> tuple[int, int]:
        """The preferred size, cut to the screen's free area (minus its frame): the status
        bar stays on screen at 1280×720 or 1024×700."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return PREFERRED_SIZE
        free = screen.availableGeometry()
        return (min(PREFERRED_SIZE[0], free.width() - FRAME_ALLOWANCE[0]),
                min(PREFERRED_SIZE[1], free.height() - FRAME_ALLOWANCE[1]))

    def _build_layout(self) -> None:
        dock = QDockWidget("Settings", self)
        dock.setObjectName("settingsDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setMinimumWidth(280)
        dock.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

        self.pathPlot = PathPlot()
        self.lossPlot = LossPlot()
        self.banner = QLabel(objectName="divergedBanner", wordWrap=True)
        self.banner.setStyleSheet("background:#fdecea; color:#611a15; border:1px solid #f5c2c0;"
                                  "border-radius:4px; padding:8px; font-size:13px;")
        self.banner.hide()
        self.titleLabel = QLabel(objectName="titleLabel", wordWrap=True)  # 2 lines when narrow
        self.titleLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.titleLabel.setStyleSheet("font-size:15px; font-weight:600; color:#222;")
        # the formula on its own full-width line: a network's is long and must wrap, not clip
        self.formulaLabel = QLabel(objectName="formulaLabel", wordWrap=True)
        self.formulaLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.formulaLabel.setStyleSheet("font-size:14px; color:#222;")
        self.formulaLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.noteLabel = QLabel(objectName="noteLabel", wordWrap=True)
        self.noteLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.noteLabel.setStyleSheet("color:#555;")

        self.logCheck = QCheckBox("log scale", objectName="logCheck")
        self.logCheck.toggled.connect(self._on_log_toggled)
        self.gnormCheck = QCheckBox("show ‖∇f‖", objectName="gnormCheck")
        self.gnormCheck.toggled.connect(self._on_gnorm_toggled)
        loss_bar = QHBoxLayout()
        loss_title = QLabel("Loss curve")
        loss_title.setStyleSheet("font-weight:600;")
        loss_bar.addWidget(loss_title)
        loss_bar.addStretch(1)
        loss_bar.addWidget(self.logCheck)
        loss_bar.addWidget(self.gnormCheck)
        loss_box = QWidget()
        lv = QVBoxLayout(loss_box)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(loss_bar)
        lv.addWidget(self.lossPlot)

        path_box = QWidget()
        pv = QVBoxLayout(path_box)
        pv.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.titleLabel, 1)
        self.projectButton = QPushButton("Project path", objectName="projectButton")
        self.projectButton.setToolTip("Project the parameters' path on its two principal "
                                      "directions and draw the loss on that plane")
        self.projectButton.clicked.connect(self.project_path)
        head.addWidget(self.projectButton)
        self.resetViewButton = QPushButton("Reset view", objectName="resetViewButton")
        self.resetViewButton.clicked.connect(self.pathPlot.reset_view)
        head.addWidget(self.resetViewButton)
        pv.addLayout(head)
        pv.addWidget(self.formulaLabel)
        pv.addWidget(self.noteLabel)
        pv.addWidget(self.pathPlot, 1)

        self.modelViews = ModelViews()
        # the tabs want ~420 px: in a narrow window they scroll sideways, the map comes first
        side = QScrollArea(objectName="sideScroll")
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setWidget(self.modelViews)
        side.setMinimumWidth(SIDE_MIN_WIDTH)
        self.raceView = RaceView(self.session)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(loss_box)
        right.addWidget(self.raceView)
        right.addWidget(side)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 3)
        right.setStretchFactor(2, 3)
        right.setSizes([330, 170, 370])  # a single run needs one lane row; drag for a race
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(path_box)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3000, 2000])  # 3:2 from the start too, whatever the minimum sizes say
        central = QWidget()
        cv = QVBoxLayout(central)
        cv.setContentsMargins(8, 8, 8, 4)
        cv.addWidget(self.banner)
        cv.addWidget(split, 1)
        self.setCentralWidget(central)

        self.statusLabel = QLabel(objectName="statusLabel")
        self.statusLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.statusLabel, 1)

    def _build_actions(self) -> None:
        def action(text: str, key, slot, tip: str) -> QAction:
            a = QAction(text, self)
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.setToolTip(f"{tip} ({QKeySequence(key).toString()})")
            a.triggered.connect(slot)
            return a

        self.runAction = action("Run", Qt.Key.Key_Space, self.toggle_run, "Run or pause")
        self.stepAction = action("Step", Qt.Key.Key_Right, self.step_once, "One update")
        self.resetAction = action("Reset", Qt.Key.Key_R, self.reset_run, "Back to the start point")
        self.exportAction = action("Export CSV…", "Ctrl+E", self.export_dialog,
                                   "Export the trajectory as CSV")
        self.resetViewAction = action("Reset View", "Ctrl+0", self.pathPlot.reset_view,
                                      "Back to the default view box")
        self.aspectAction = action("Same Scale on Both Axes", "Ctrl+1",
                                   self.pathPlot.set_aspect_locked,
                                   "Draw x and y to the same scale (1:1), so that steps look "
                                   "perpendicular to the level sets")
        self.aspectAction.setObjectName("aspectAction")
        self.aspectAction.setCheckable(True)
        self.pathPlot.aspectChanged.connect(self._sync_aspect_action)
        self._sync_aspect_action()
        quit_action = action("Quit", QKeySequence.StandardKey.Quit, self.close, "Quit gdlab")

        style = self.style()
        for a, icon in ((self.runAction, QStyle.StandardPixmap.SP_MediaPlay),
                        (self.stepAction, QStyle.StandardPixmap.SP_MediaSeekForward),
                        (self.resetAction, QStyle.StandardPixmap.SP_BrowserReload),
                        (self.exportAction, QStyle.StandardPixmap.SP_DialogSaveButton)):
            a.setIcon(style.standardIcon(icon))
        bar = QToolBar("Controls", objectName="controlsToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.runAction, self.stepAction, self.resetAction):
            bar.addAction(a)
        bar.addSeparator()
        bar.addAction(self.exportAction)
        self.addToolBar(bar)
        self.runButton = bar.widgetForAction(self.runAction)
        self.runButton.setObjectName("runButton")
        self.runButton.setMinimumWidth(70)
        self.stepButton = bar.widgetForAction(self.stepAction)
        self.stepButton.setObjectName("stepButton")
        self.resetButton = bar.widgetForAction(self.resetAction)
        self.resetButton.setObjectName("resetButton")
        self.exportButton = bar.widgetForAction(self.exportAction)
        self.exportButton.setObjectName("exportButton")

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.exportAction)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        run_menu = menu.addMenu("&Run")
        for a in (self.runAction, self.stepAction, self.resetAction):
            run_menu.addAction(a)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.resetViewAction)
        view_menu.addAction(self.aspectAction)
        help_menu = menu.addMenu("&Help")
        about = QAction("About gdlab", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _sync_aspect_action(self) -> None:
        """The View menu's 1:1 check follows the problem's default (the plot decides it)."""
        self.aspectAction.blockSignals(True)
        self.aspectAction.setChecked(self.pathPlot.aspect_locked)
        self.aspectAction.setEnabled(self.pathPlot.surface is not None
                                     and self.pathPlot.surface.kind == "contour")
        self.aspectAction.blockSignals(False)

    # -- maps -----------------------------------------------------------------------
    def _bind_maps(self) -> None:
        """The Maps dock (View ▸ Maps, Ctrl+M, or the toolbar). Its view is built when first
        wanted (four plots cost ~0.1 s at start-up): see :attr:`mapsView`."""
        self._maps_view: MapsView | None = None
        self.mapsDock = dock = QDockWidget("Maps", self, objectName="mapsDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(self._on_maps_shown)
        self.mapsAction = dock.toggleViewAction()
        self.mapsAction.setToolTip("Maps: sweep the learning rate, map basins and "
                                   "hyperparameters (Ctrl+M)")
        self.mapsAction.setShortcut(QKeySequence("Ctrl+M"))
        self.findChild(QToolBar, "controlsToolbar").addAction(self.mapsAction)
        view = next(a.menu() for a in self.menuBar().actions() if a.text() == "&View")
        view.addAction(self.mapsAction)
        for signal in (self.panel.settingsChanged, self.panel.hyperChanged,
                       self.panel.stepsChanged, self.panel.tolChanged,
                       self.session.selectedChanged, self.session.lanesChanged):
            signal.connect(self._maps_follow)  # the panel shows the selected lane

    @property
    def mapsView(self) -> MapsView:
        """The maps: they follow the panel's settings, their clicks set the panel, the basin
        map lies over the main map."""
        if self._maps_view is None:
            self._maps_view = maps = MapsView()
            self.mapsDock.setWidget(maps)
            maps.applySettings.connect(self._apply_map_settings)
            basins = maps.basinsPage
            basins.overlayChanged.connect(self.pathPlot.set_overlay)
            basins.opacityChanged.connect(self.pathPlot.set_overlay_opacity)
            self.pathPlot.set_overlay_opacity(basins.opacity)
            self._maps_follow()
        return self._maps_view

    def _on_maps_shown(self, shown: bool) -> None:
        if shown:
            self.mapsView  # noqa: B018 (built now)
            self.resizeDocks([self.mapsDock], [MAPS_WIDTH], Qt.Orientation.Horizontal)

    def _maps_follow(self, *_args) -> None:
        if self._maps_view is None:
            return
        try:
            self._maps_view.set_settings(self.panel.settings())
        except ValueError:
            self._maps_view.set_settings(None)

    def _apply_map_settings(self, change: dict) -> None:
        """A clicked map cell's settings into the panel (the run follows the panel)."""
        hyper = dict(change.get("hyper", {}))
        if "lr" in change:
            hyper["lr"] = change["lr"]
        for name, value in hyper.items():
            (self.panel.lrSpin if name == "lr" else self.panel.hyperSpins[name]).setValue(value)
        said = [f"{n} = {v:.4g}" for n, v in hyper.items()]
        if "start" in change:
            self.panel.set_start(*change["start"])
            said.append("start = ({:.4g}, {:.4g})".format(*change["start"]))
        self.statusBar().showMessage("From the map: " + ", ".join(said), 6000)

    # -- commands -----------------------------------------------------------------
    @Slot()
    def toggle_run(self) -> None:
        """Run or pause; Run on an ended run starts it again with the current settings."""
        if self.session.want_run:
            self.session.pause()
        elif self.status in ENDED:
            ended = self.status
            self.reset_run()
            self.session.run()
            what = "race" if self.session.racing else "run"
            self.statusBar().showMessage(
                f"The last {what} had {ended}: started again from the start point with the "
                "current settings.", 8000)
        else:
            self.session.run()

    @Slot()
    def step_once(self) -> None:
        """One update; on an ended run, say what to do instead of stretching its budget."""
        if self.status in ENDED:
            self.statusBar().showMessage(ENDED[self.status], 8000)
            return
        self.session.step()

    @Slot()
    def reset_run(self) -> None:
        """Every lane back to its start, the selected one with the panel's settings."""
        try:
            settings = self.panel.settings()
            problem = self.panel.problem
        except ValueError as exc:
            self._on_failed(str(exc))
            return
        model = is_model(problem)
        key = (problem.name, tuple(sorted(settings.problem_options.items())),
               settings.start if model else None)
        if self._surface_key != key:
            if self._surface_key is None or self._surface_key[:2] != key[:2]:
                self.modelViews.set_problem(problem)
            self._surface_key = key
            start = settings.start
            regrid = lambda extent, p=problem, s=start: surface_for(p, s, extent)  # noqa: E731
            if model and not problem.summary:  # a loss map over (w, b): a few thousand losses
                self.pathPlot.set_surface(None, "Drawing the loss surface…")
                self.jobs.submit("surface", lambda: surface_for(problem, start),
                                 lambda surf: self._on_surface(surf, regrid), self._on_failed_job)
            else:
                self.jobs.drop("surface")
                self._on_surface(surface_for(problem, start), regrid)
            self.titleLabel.setText(problem.title)
            self.formulaLabel.setText(problem.formula)
            self.noteLabel.setText(problem.note)
        self.problem = problem
        self.projectButton.setVisible(model and problem.summary)
        self.projectButton.setEnabled(False)
        self._project_soon.stop()
        self._projected_at = -1
        if self.pathPlot.surface is not None and self.pathPlot.surface.path is not None:
            self.pathPlot.set_surface(None, PROJECTION_HINT)  # the old projection is gone
        self.jobs.drop("project")
        self.jobs.drop("advice")
        self._log_user_set = False
        self.raceView.addButton.setEnabled(not model)
        self.session.set_lane(settings)

    def _on_surface(self, surf, regrid=None) -> None:
        """Draw a problem's loss surface (``regrid(extent)``: the same over another extent)."""
        self.pathPlot.set_surface(surf, PROJECTION_HINT if surf is None else "", regrid=regrid)
        if surf is not None and self.history.n:
            self.pathPlot.set_start(*self.path_xy(self.history.data[:1])[0])
        self._dirty = True

    def _on_failed_job(self, exc: BaseException) -> None:
        self._on_failed(str(exc) if isinstance(exc, ValueError) else f"internal error: {exc!r}")

    def _on_speed(self, speed: float) -> None:
        self.pacer.budget_factor = FRAME_BUDGET_FACTOR if speed == 0 else 1.0

    def _on_map_click(self, x: float, y: float) -> None:
        surf = self.pathPlot.surface
        if surf is None or surf.path is not None or self.problem.start is None:
            return  # a projected plane: its points are not start points one could type
        self.panel.set_start(round(x, 4), round(y, 4) if surf.kind == "contour" else 0.0)

    def path_xy(self, data: np.ndarray) -> np.ndarray:
        """The points (n, 2) the path plot draws for trajectory rows ``data``."""
        surf = self.pathPlot.surface
        if surf is None:
            return np.empty((0, 2))
        if surf.path is not None:  # a projection: the snapshots' plane coordinates
            return surf.path
        if surf.kind == "curve":  # J(w): the parameter and the loss
            return data[:, [0, self.history.columns.index("loss")]]
        return data[:, 0:2]

    @Slot()
    def project_path(self) -> None:
        """Project a many-parameter model's path on its principal plane (at a stop, or asked):
        computed on a pool thread, drawn when it arrives unless the run changed since."""
        if self.problem is None or len(self.snapshots) < 2 or self._projected_at == self.k:
            return
        problem, snapshots, k = self.problem, [p for _, p in self.snapshots], self.k
        self._projected_at = k
        self.projectButton.setEnabled(False)
        self.noteLabel.setText("Projecting the path on its principal plane…")
        self.jobs.submit("project", lambda: plane_surface(problem, snapshots),
                         self._on_projected, self._on_project_failed)

    def _on_projected(self, surf) -> None:
        self.pathPlot.set_surface(surf)
        self.noteLabel.setText(surf.note)
        self.projectButton.setEnabled(True)
        self._dirty = True

    def _on_project_failed(self, exc: BaseException) -> None:
        self._projected_at = -1
        self.projectButton.setEnabled(True)
        self.noteLabel.setText(self.problem.note if self.problem is not None else "")
        self._on_failed_job(exc)

    @Slot()
    def _on_status(self) -> None:
        """Run/Pause as the user asked, at once (the worker's answer follows)."""
        self._show_run_button()
        self._update_status()

    def _show_run_button(self) -> None:
        running = self.status == "running"
        if self.runAction.text() != ("Pause" if running else "Run"):
            self.runAction.setText("Pause" if running else "Run")
            self.runAction.setIcon(self.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaPause if running else QStyle.StandardPixmap.SP_MediaPlay))

    # -- messages from the worker --------------------------------------------------
    @Slot(object)
    def _on_update(self, u: RunUpdate) -> None:
        """The selected lane's message (its rows are in ``self.history`` already)."""
        if u.reset:
            self.banner.hide()
            self.modelViews.set_start(u.settings.get("start"))
        if u.reset and self.pathPlot.surface is not None and self.pathPlot.surface.path is None:
            first = self.path_xy(self.history.data[:1])
            self.pathPlot.set_start(*first[0]) if len(first) else self.pathPlot.set_start(None, None)
        self.projectButton.setEnabled(len(self.snapshots) >= 2)
        if u.steps != self.lossPlot.budget or u.reset:
            self.lossPlot.set_budget(u.steps)
            self._show_steps(u.steps)  # e.g. Step past a finished budget
        running = self.status == "running"
        self._show_run_button()
        self._show_divergence()
        if not running:
            self.modelViews.run_stopped(self.params, self.k, self.history)
        if not running and not u.reset:
            if self.projectButton.isVisible():
                self._project_soon.start()  # once after a burst of Steps, not after each
        elif running:
            self._project_soon.stop()
        self._dirty = True

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if "internal error" in message:
            if "in the run" in message:  # the worker stopped
                self.session.set_wanted(False)
            QMessageBox.warning(self, "gdlab", message)

    def _show_divergence(self) -> None:
        """The banner after a divergence, or after a run that ended without progress: what
        happened and a learning rate that worked in a quick trial (engine/advice.py)."""
        status = self.session.lane.status
        if status not in ("diverged", "finished"):
            if status == "running":
                self.banner.hide()  # a finished run goes on (a raised budget): said no more
            return
        key = (self.session.serial, self.session.selected, self.k, status)
        if getattr(self, "_advised", None) == key:
            return  # the same run's end again (e.g. after an lr change): already said
        self._advised = key
        if status == "diverged":
            max_loss = self.run_settings.get("max_loss", DEFAULT_MAX_LOSS)
            last = self.history.data[-1] if self.history.n else None
            loss = last[self.history.columns.index("loss")] if last is not None else math.nan
            what = ("the loss became infinite or not a number" if not math.isfinite(loss)
                    else f"the loss fell below {-float(max_loss):.0e}" if loss < 0
                    else f"the loss grew past {float(max_loss):.0e}")
            head = f"<b>Diverged at step {self.k}:</b> {what}." + (
                "" if loss < 0 else " Each update overshot the minimum by more than it "
                                    "corrected, so the steps grew instead of shrinking.")
        else:
            note = stall(self.history.data, self.history.columns) if self.history.n else None
            if note is None:
                return
            head = f"<b>No progress:</b> {note.removeprefix('no progress: ')}."
        try:
            settings = settings_from_dict(self.run_settings)
            last_loss = self.history.data[-1][self.history.columns.index("loss")]
        except (ValueError, TypeError, KeyError):
            self._show_advice(head, None)
            return
        # the trial runs a model for up to a few tenths of a second: on a pool thread
        self.banner.setText(f"{head} Trying smaller learning rates…")
        self.banner.show()
        self.jobs.submit("advice", lambda: advise_lr(settings, last_loss),
                         lambda advice: self._show_advice(head, advice),
                         lambda _exc: self._show_advice(head, None))

    def _show_advice(self, head: str, advice) -> None:
        """The banner's tip: the rate a trial found (``advice``), or a general hint (None)."""
        if advice is None:
            tip = "Try a smaller learning rate and press Run (Space) to start again."
        elif advice.lr:
            tip = (f"Try lr = {advice.lr:g} and press Run (Space) to start again: it was "
                   f"{advice.reason}.")
        else:
            tip = advice.reason[0].upper() + advice.reason[1:] + "."
        self.banner.setText(f"{head} {tip}")
        self.banner.show()

    # -- drawing --------------------------------------------------------------------
    @Slot()
    def redraw(self) -> None:
        """Called by the 60 Hz timer; does nothing unless new rows arrived."""
        if not self._dirty or not self.history.n:
            self._update_status()
            return
        if not self.pacer.ready(throttle=self.status == "running"):
            return  # while it runs, painting keeps to a bounded share of the time
        self._dirty = False
        self.pacer.begin()
        try:
            self._draw()
        except BaseException:
            self.pacer.abort()
            raise

    def _draw(self) -> None:
        data = self.history.data
        cols = self.history.columns
        lanes = self.session.lanes if self.session.racing else []
        self.pathPlot.set_lanes([(self.path_xy(lane.history.data), lane.color,
                                  f"{lane.number}  {lane.label}", end_text(lane))
                                 for lane in lanes], self.session.selected)
        losses = [lane.history.data[:, cols.index("loss")]
                  for lane in lanes if lane.history.columns == cols]
        paths = len(losses) == len(lanes) and sample_paths([lane.settings for lane in lanes])
        self.lossPlot.set_band(loss_band_of(losses) if paths else None)
        self.lossPlot.set_lanes([(loss, lane.color) for loss, lane in zip(losses, lanes)])
        self.pathPlot.set_path(np.empty((0, 2)) if lanes else self.path_xy(data))
        self.modelViews.show_params(self.params, self.k, self.history)
        loss = data[:, cols.index("loss")]
        gnorm = data[:, cols.index("grad_norm")]
        if not self._log_user_set:
            lo, hi = self.history.loss_min, self.history.loss_max
            want = bool(lo > 0 and hi / lo > 100)
            if want != self.logCheck.isChecked():
                self.logCheck.blockSignals(True)
                self.logCheck.setChecked(want)
                self.logCheck.blockSignals(False)
                self.lossPlot.set_log(want)
        self.lossPlot.set_data(loss, gnorm)
        self._update_status()

    def _update_status(self) -> None:
        state = self.session.lane.status if self.session.racing else self.status
        if state in ("converged", "diverged"):
            state = f"{state} at step {self.k}"
        elif state == "stopped":
            state = "paused"
        if self.history.n:
            last = self.history.data[-1]
            cols = self.history.columns
            loss, gn = last[cols.index("loss")], last[cols.index("grad_norm")]
            # 7 digits: the seeds' lr 1e-8 lesson, (-2.999994, 3.999992), must be readable
            point = ", ".join(f"{last[i]:.7g}" for i in range(cols.index("loss")))
            extra = (f"batch accuracy {last[cols.index('accuracy')]:.0%}"
                     if "accuracy" in cols else "")
        else:
            loss = gn = math.nan
            point = extra = ""
        rate = rate_text(self.rate) if self.status == "running" else ""
        parts = [f"Step {self.k:,} of {self.steps:,}",
                 *([f"lane {self.session.lane.number} of {len(self.session.lanes)}"]
                   if self.session.racing else []), f"θ = ({point})" if point else extra,
                 f"loss {loss:.6g}", f"‖∇f‖ {gn:.4g}", state]
        if rate:
            parts.append(rate)
        text = "   ·   ".join(parts)
        if self.statusLabel.text() != text:
            self.statusLabel.setText(text)

    def _on_log_toggled(self, on: bool) -> None:
        self._log_user_set = True
        self.lossPlot.set_log(on)
        self._dirty = True

    def _on_gnorm_toggled(self, on: bool) -> None:
        self.lossPlot.set_gnorm_visible(on)
        self._dirty = True

    # -- the race -------------------------------------------------------------------
    @Slot()
    def add_lane(self) -> bool:
        """A copy of the panel's settings as a new lane, selected: the panel now edits it."""
        try:
            settings = self.panel.settings()
        except ValueError as exc:
            self._on_failed(str(exc))
            return False
        added = self.session.add_lane(settings)
        if added and self.session.lane.settings.steps < settings.steps:
            self._say_budget()
        return added

    @Slot(str)
    def _on_preset(self, kind: str) -> None:
        if kind == "noisy":
            self._noise_for_paths()
        try:
            lanes = preset_settings(kind, self.panel.settings(), self.pathPlot.home_box())
        except ValueError as exc:
            self._on_failed(str(exc))
            return
        self.session.set_lanes(lanes)
        if self.session.lane.settings.steps < lanes[0].steps:
            self._say_budget()

    def _noise_for_paths(self) -> None:
        """Noisy sample paths need σ > 0: with none set, the panel gets a visible default."""
        if self.panel.noiseSpin.value() == 0:
            self.panel.set_noise(DEFAULT_PATHS_NOISE)
            self.statusBar().showMessage(
                f"Noisy sample paths need gradient noise: σ set to {DEFAULT_PATHS_NOISE:g} "
                "(change it in the Run group).", 8000)

    def _say_budget(self) -> None:
        steps = self.session.lane.settings.steps
        self._show_steps(steps)
        self.statusBar().showMessage(
            f"{len(self.session.lanes)} lanes share {STEPS_MAX:,} stored rows: the step budget "
            f"is now {steps:,}.", 8000)

    def _show_steps(self, steps: int) -> None:
        spin = self.panel.stepsSpin
        if steps != spin.value():
            spin.blockSignals(True)
            spin.setValue(steps)
            spin.blockSignals(False)

    @Slot()
    def _on_lanes(self, *_args) -> None:
        """Lanes added, removed, selected or reset: the panel shows the selected lane."""
        if self.session.lane is not self._panel_lane:
            self._panel_lane = self.session.lane
            self.panel.show_settings(self._panel_lane.settings)
        self._dirty = True

    @Slot(int)
    def _on_lane(self, _index: int) -> None:
        if self.session.racing:
            self._dirty = True

    # -- export ---------------------------------------------------------------------
    def _export_lanes(self) -> list[ExportLane]:
        """Every lane (one: a single run) as the export writes it; rows never rewritten."""
        return [ExportLane(lane.label, lane.run_settings,
                           "stopped" if lane.status == "paused" else lane.status, lane.k,
                           lane.history.share()) for lane in self.session.lanes]

    def export_csv(self, path: str | Path) -> Path:
        """Write the trajectory CSV (a race's: the long one) and the JSON beside it, as
        ``gdlab run --csv`` / ``gdlab race --csv`` do, in this thread (scripts; the window
        uses :meth:`start_export`)."""
        return write_export(path, self.history.columns, self._export_lanes())

    def start_export(self, path: str | Path, overwrite: bool = False) -> ExportJob | None:
        """Export on a pool thread with a progress dialog and Cancel; the result is shown in
        the status bar (or a message box). One export at a time. ``overwrite``: replace a
        JSON beside the CSV that gdlab did not write (the dialog asks first)."""
        if self._export is not None and not self._export.done:
            self.statusBar().showMessage("An export is still being written.", 6000)
            return None
        job = ExportJob(self, self.jobs, path, self.history.columns, self._export_lanes(), overwrite)
        job.finished.connect(self._on_exported)
        self._export = job
        job.start()
        return job

    @Slot(str, bool)
    def _on_exported(self, message: str, ok: bool) -> None:
        job, self._export = self._export, None
        if ok or "cancelled" in message:
            self.statusBar().showMessage(message, 6000)
        else:
            QMessageBox.warning(self, "Export failed", message)
        job.deleteLater()

    @Slot()
    def export_dialog(self) -> None:
        store = QSettings("gdlab", "gdlab")
        folder = store.value("export/folder", str(Path.home()))
        name = f"{self.run_settings.get('problem', 'run')}-{self.run_settings.get('optimizer', '')}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export trajectory", str(Path(folder) / name),
                                              "CSV files (*.csv)")
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            check_sidecar(path)
        except SidecarConflict:
            answer = QMessageBox.question(
                self, "Replace a file?",
                f"{sidecar_path(path).name} exists beside the CSV and gdlab did not write it.\n"
                "Replace it with this run's settings?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.start_export(path, overwrite=True)
            return
        self.start_export(path)

    def _about(self) -> None:
        QMessageBox.about(self, "About gdlab",
                          f"gdlab {__version__}\nA desktop learning lab for gradient descent.")

    # -- shutdown -------------------------------------------------------------------
    def shutdown(self, wait_ms: int | None = None) -> None:
        """Stop the run thread (idempotent): see :meth:`Session.shutdown`."""
        if self._closing:
            return
        self._closing = True
        self._redraw_timer.stop()
        self._project_soon.stop()
        self.jobs.drop()
        self.modelViews.jobs.drop()
        self.tuner.shutdown(SHUTDOWN_WAIT_MS if wait_ms is None else wait_ms)
        if self._maps_view is not None:
            self._maps_view.shutdown(SHUTDOWN_WAIT_MS if wait_ms is None else wait_ms)
        if self._export is not None:
            self._export.cancel()  # the pool thread stops at its next block, nothing written
        self.session.shutdown(*(() if wait_ms is None else (wait_ms,)))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.hide()
        self.shutdown()
        super().closeEvent(event)
