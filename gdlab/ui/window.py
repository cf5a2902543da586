"""The main window: lays out the panel, the map, the loss curve, the race and the side views,
and binds them to the session (the parts bind themselves: ``controls``, ``banner``, ``race``,
``maps``, ``exporter``)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDockWidget, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea,
                               QSizePolicy, QSplitter, QVBoxLayout, QWidget)

from ..engine.problems.models import is_model
from .banner import AdviceBanner
from .controls import Controls
from .curvature import CurvatureView
from .copy_binding import CopyBinding
from .export_binding import Exporter
from .formula_binding import FormulaBinding
from .gc_guard import collect_in_gui_thread
from .help_binding import HelpBinding
from .imported_binding import ImportedPaths
from .i18n import error_text, translate
from .jobs import Jobs
from .language_menu import LanguageMenu
from .lessons import Lessons
from .maps_binding import MapsBinding
from .one_paint import OnePaintPerTurn
from .pacing import FramePacer
from .pictures_binding import PicturesBinding
from .presentation import Presentation
from .race_binding import RaceBinding
from .views.lr_axis import lr_curves
from .session import SHUTDOWN_WAIT_MS, Session
from .session_files import SessionFiles
from .status_line import STATES, status_text
from .step_binding import StepBinding
from .surface_binding import SurfaceBinding
from .views.lanes import RaceView
from .views.loss_pane import LossPane
from .views.model_views import ModelViews
from .views.path_pane import PathPane
from .window_state import WindowState
from .views.timeline import Timeline
from .widgets.keys import InputKeysFirst
from .widgets.panels import ParamsPanel
from .worker import RunUpdate

# antialiasing a 1,600-point loss curve costs ~30x the frame budget: leave it off
pg.setConfigOptions(antialias=False)

REDRAW_MS = 16  # ≤ 60 Hz
PREFERRED_SIZE = (1320, 860)
SIDE_MIN_WIDTH = 260
SIDE_TABS_MAX = 360  # the side views widen up to this for their tabs' labels (then elide them)
LOSS_KEEP = 150  # px of the loss plot a finished race's leaderboard leaves it
SETTINGS_WIDTH = 280  # the settings dock's width (and least width)
FRAME_ALLOWANCE = (16, 48)  # room for the window manager's frame and title bar
# at "max" speed, a frame that kept the run waiting for T seconds is followed by one no
# sooner than 8·T after it started: painting takes at most about an eighth of the time.
# Paced runs leave the worker idle most of the time, so their frames are only capped at 60 Hz.
FRAME_BUDGET_FACTOR = 8.0
# a race's frame (8 paths and curves, the table, the inspector) costs ~15-20 ms: at 12·T its
# frames still come about every 0.2-0.25 s (MAX_FRAME_GAP), 4-5 a second as before frames got
# cheaper, and painting takes a thirteenth of the race's time instead of a ninth
RACE_FRAME_BUDGET_FACTOR = 12.0
#: what Step says on a run that has ended (Run starts it again)
ENDED = {
    "finished": QT_TRANSLATE_NOOP("Window", "The step budget is spent: raise Steps to go on, or "
                                            "press Run to start again."),
    "converged": QT_TRANSLATE_NOOP("Window", "The run converged (‖∇f‖ ≤ tolerance): lower "
                                             "Tolerance to go on, or press Run to start again."),
    "diverged": QT_TRANSLATE_NOOP("Window", "The run diverged: lower the learning rate and press "
                                            "Run to start again."),
    "undefined": QT_TRANSLATE_NOOP("Window", "The run left the function's domain (f is undefined "
                                             "there): choose another start or a smaller learning "
                                             "rate and press Run."),
}


class MainWindow(QMainWindow):
    """gdlab's window. Can be created with no arguments (tests and scripts drive it)."""

    def __init__(self) -> None:
        super().__init__()
        collect_in_gui_thread()
        self.setWindowTitle(translate("Window", "gdlab — gradient descent lab"))
        self.resize(*self._fitting_size())
        self.session = Session(self)
        self._dirty = False
        self.jobs = Jobs(self)  # heavy work off the GUI thread
        self._closing = False

        self.panel = ParamsPanel()
        self._build_layout()
        say = self.statusBar().showMessage
        self.exporter = Exporter(self, self.session, self.jobs, say)
        self.controls = Controls(self, self.pathPlot, run=self.toggle_run, step=self.step_once,
                                 reset=self.reset_run, export=self.exporter.dialog)
        self.controls.add_speed(self.panel.speedCombo)
        self._keys = InputKeysFirst(self)
        self._bind()
        self.surfaces = SurfaceBinding(self, self.pathPane, self.session, self.jobs, self.panel)
        self.race = RaceBinding(self, self.session, self.panel, self.raceView, self.pathPane, say)
        for part in (self.surfaces, self.race):
            part.changed.connect(self._touch)
            part.failed.connect(self._on_failed)
        self.surfaces.crashed.connect(self._on_crashed)
        self.maps = MapsBinding(self, self.controls, self.panel, self.session, self.pathPlot, say)
        self.formulas = FormulaBinding(self, self.pathPane, self.panel, self.jobs, self.controls)
        self.formulas.failed.connect(self._on_failed)
        self.curvature = CurvatureView(self, self.controls, self.panel, self.session, self.pathPane,
                                       self.modelViews.stepsView)
        self.files = SessionFiles(self, self.show_problem, say)
        self.controls.resetAction.triggered.disconnect(self.reset_run)
        self.controls.resetAction.triggered.connect(self.files.guarded(
            QT_TRANSLATE_NOOP("Undo", "Reset"), self.reset_run))
        self.remembered = WindowState(self)
        menus = self.controls.fileMenu, self.controls.editMenu
        self.copier = CopyBinding(self, self.session, menus[1], say)
        export = self.controls.exportAction
        self.imported = ImportedPaths(self, self.pathPlot, self.lossPlot, menus[0], export, say)
        self.pictures = PicturesBinding(self, *menus, export, self.jobs, say)
        self.presentation = Presentation(self, self.controls.viewMenu, self._touch)
        self.inspection = StepBinding(self, self.session, self.timeline)
        self.lessons = Lessons(self)
        self.languages = LanguageMenu(self)
        self.help = HelpBinding(self)  # last: it gives every control built above a tooltip

        self.painting = OnePaintPerTurn(self)
        self.pacer = FramePacer(self.worker.gate, (self.pathPlot, self.lossPlot),
                                FRAME_BUDGET_FACTOR, self)
        self._views_for: tuple | None = None  # a problem whose views are still to be made
        self._show_soon = QTimer(self, singleShot=True, interval=0)
        self._show_soon.timeout.connect(self.settle)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_MS)
        self._redraw_timer.timeout.connect(self.redraw)
        self._redraw_timer.start()
        self.session.set_speed(self.panel.speed)
        self._pace()
        last = self.remembered.restore()
        if last is not None:
            self.panel.show_recipe(last)
        self.reset_run()
        self.settle()  # the first views before the window is shown
        self.files.started()

    def _bind(self) -> None:
        """The panel and the views to the session: commands one way, signals the other."""
        s, panel = self.session, self.panel
        panel.settingsChanged.connect(self.reset_run)
        panel.hyperChanged.connect(s.set_hyper)
        panel.stepsChanged.connect(s.set_steps)
        panel.speedChanged.connect(s.set_speed)
        panel.speedChanged.connect(self._pace)
        s.lanesChanged.connect(self._pace)
        panel.tolChanged.connect(s.set_tol)
        self.lossPane.changed.connect(self._touch)
        s.update.connect(self._on_update)
        s.failed.connect(self._on_failed)
        s.crashed.connect(self._on_run_crashed)
        s.statusChanged.connect(self._on_status)

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
        dock = QDockWidget(translate("Window", "Settings"), self)
        dock.setObjectName("settingsDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setMinimumWidth(SETTINGS_WIDTH)
        dock.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        # the settings keep their width in a narrow window (the map gets the rest; left to
        # the layout, the dock took ~50 px more at 800 px wide)
        self.resizeDocks([dock], [SETTINGS_WIDTH], Qt.Orientation.Horizontal)

        self.pathPane = PathPane()
        self.pathPlot = self.pathPane.plot
        self.lossPane = LossPane()
        self.lossPlot = self.lossPane.plot
        self.modelViews = ModelViews()
        # the tabs want ~420 px: in a narrow window they scroll sideways, the map comes first
        side = QScrollArea(objectName="sideScroll")
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setWidget(self.modelViews)
        side.setMinimumWidth(SIDE_MIN_WIDTH)
        self._side = side
        self.raceView = RaceView(self.session)
        right = QSplitter(Qt.Orientation.Vertical, objectName="rightSplitter")
        for i, part in enumerate((self.lossPane, self.raceView, side)):
            right.addWidget(part)
            right.setStretchFactor(i, 3)
        right.setSizes([330, 170, 370])  # a single run needs one lane row; drag for a race
        self.raceView.heightWanted.connect(self._give_race_room)
        split = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        split.addWidget(self.pathPane)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3000, 2000])  # 3:2 from the start too, whatever the minimum sizes say
        central = QWidget()
        cv = QVBoxLayout(central)
        cv.setContentsMargins(8, 8, 8, 4)
        cv.addWidget(split, 1)
        self.timeline = Timeline()
        cv.addWidget(self.timeline)
        self.setCentralWidget(central)
        self.banner = AdviceBanner(self.session, self.jobs, central)

        self.statusLabel = QLabel(objectName="statusLabel")
        self.statusLabel.setTextFormat(Qt.TextFormat.PlainText)
        # a long line (a race, presentation's large text) is cut at the window's edge
        # rather than making the window wider than an 800-px screen
        self.statusLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.statusLabel, 1)

    # -- commands -----------------------------------------------------------------
    @Slot(int, int)
    def _give_race_room(self, need: int, rows: int = 0) -> None:
        """The race's part ``need`` px tall (its leaderboard whole), taken from the side
        tabs below (they scroll), then, in a small window, from the loss plot down to
        LOSS_KEEP px; and ``rows`` px more for the lanes' rows, from the side tabs only."""
        right = self.raceView.parentWidget()
        loss, race, side = right.sizes()
        spare = side - right.widget(2).minimumSizeHint().height()
        take = max(min(need - race, spare), 0)
        more = max(min(need - race - take, loss - max(LOSS_KEEP, self.lossPane.minimumSizeHint()
                                                        .height())), 0)
        take += max(min(need + rows - race - take - more, spare - take), 0)
        if take or more:
            right.setSizes([loss - more, race + take + more, side - take])

    def toggle_run(self) -> None:
        """Run or pause; Run on an ended run starts it again with the current settings."""
        if self.session.want_run:
            self.session.pause()
        elif self.status in ENDED:
            ended = self.status
            self.reset_run()
            self.session.run()
            self.statusBar().showMessage(
                (translate("Window", "The last race had {ended}: started again from the start "
                                     "point with the current settings.") if self.session.racing
                 else translate("Window", "The last run had {ended}: started again from the start "
                                          "point with the current settings.")).format(
                    ended=translate("Status", STATES[ended])), 8000)
        else:
            self.session.run()

    @Slot()
    def step_once(self) -> None:
        """One update; on an ended run, say what to do instead of stretching its budget."""
        if self.status in ENDED:
            self.statusBar().showMessage(translate("Window", ENDED[self.status]), 8000)
            return
        self.session.step()

    @Slot()
    def reset_run(self) -> None:
        """Every lane back to its start, the selected one with the panel's settings."""
        try:
            settings = self.panel.settings()
            problem = self.panel.problem
        except ValueError as exc:
            self._on_failed(error_text(exc))
            return
        if self.surfaces.is_new(problem, settings):
            # another problem: its views are made on the next turn of the event loop and
            # painted on the one after, so that the panel's change, the views' and their
            # paint each take a turn (together they held the window ~20 ms)
            self._views_for = (problem, settings)
            self._show_soon.start()
        else:
            self.show_problem(problem, settings)
        self.session.set_lane(settings)

    @Slot()
    def settle(self) -> None:
        """The views made for the problem chosen last, now if they are still to come (before
        anything reads them: the run's messages, a frame, a test)."""
        if self._views_for is not None:
            self.show_problem(*self._views_for)

    def show_problem(self, problem, settings) -> None:
        """The views made ready for new runs of ``problem`` (the session's lanes follow)."""
        self._views_for = None
        self._show_soon.stop()
        if self.surfaces.show(problem, settings):
            self.modelViews.set_problem(problem)
            # every tab's label in sight (ADALINE's five in Chinese at 1024 × 700)
            self._side.setMinimumWidth(max(SIDE_MIN_WIDTH, min(self.modelViews.tabs_width(),
                                                               SIDE_TABS_MAX)))
        self.jobs.drop("advice")
        self.lossPane.new_run()
        self.raceView.addButton.setEnabled(not is_model(problem))

    @Slot()
    def _pace(self, *_args) -> None:
        """The frames' share of a run's time, for its speed and its number of lanes."""
        factor = RACE_FRAME_BUDGET_FACTOR if self.session.racing else FRAME_BUDGET_FACTOR
        self.pacer.budget_factor = factor if self.panel.speed == 0 else 1.0

    # -- messages from the session ---------------------------------------------------
    @Slot()
    def _on_status(self) -> None:
        """Run/Pause as the user asked, at once (the worker's answer follows)."""
        if self.status == "running":
            self.pacer.restart()
        self.controls.show_running(self.status == "running")
        self._update_status()

    @Slot(object)
    def _on_update(self, u: RunUpdate) -> None:
        """The selected lane's message (its rows are in ``self.history`` already)."""
        self.settle()
        if u.reset:
            self.banner.hide()
            self.modelViews.set_start(u.settings.get("start"))
        if u.steps != self.lossPlot.budget or u.reset:
            self.lossPlot.set_budget(u.steps)
            self.panel.show_steps(u.steps)  # e.g. Step past a finished budget
        running = self.status == "running"
        self.surfaces.follow(u, running)
        self.controls.show_running(running)
        self.banner.follow()
        if not running:
            self.modelViews.run_stopped(*self.inspection.model_step(self.params, self.k), self.history)
            self._redraw_soon()  # a stopped run's last frame does not wait a throttled turn
        self._dirty = True

    def _redraw_soon(self) -> None:
        """The redraw timer back at REDRAW_MS (after a wait for a throttled frame's turn)."""
        if self._redraw_timer.isActive() and self._redraw_timer.interval() != REDRAW_MS:
            self._redraw_timer.start(REDRAW_MS)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    @Slot(str)
    def _on_crashed(self, details: str) -> None:
        """An internal error (a bug) in work for a view: said in a dialog, with its details."""
        self._say_bug(translate("Window", "Internal error (a bug in gdlab):"), details)

    @Slot(str)
    def _on_run_crashed(self, details: str) -> None:
        """An engine bug stopped the run (``details``: its traceback)."""
        self.session.set_wanted(False)
        self._say_bug(translate("Window", "Internal error in the run (a bug in gdlab); the run "
                                          "stopped:"), details)

    def _say_bug(self, heading: str, details: str) -> None:
        message = heading + "\n" + details
        self.statusBar().showMessage(message, 8000)
        QMessageBox.warning(self, "gdlab", message)

    @Slot()
    def _touch(self) -> None:
        """What is drawn is stale: the next frame redraws it."""
        self._dirty = True

    # -- drawing --------------------------------------------------------------------
    @Slot()
    def redraw(self) -> None:
        """Called by the 60 Hz timer; does nothing unless new rows arrived."""
        self.settle()
        if not self._dirty or not self.history.n:
            self._update_status()
            return
        if not self.pacer.ready(throttle=self.status == "running"):
            # while it runs, painting keeps to a bounded share of the time: the timer wakes
            # when the next frame may start, not every REDRAW_MS (each wake is the GUI
            # thread busy for nothing, and the run thread waits on it at its checkpoints)
            if self._redraw_timer.isActive():
                self._redraw_timer.start(max(REDRAW_MS, self.pacer.ms_to_next_frame()))
            return
        self._redraw_soon()
        self._dirty = False
        self.pacer.begin()
        try:
            self._draw()
        except BaseException:
            self.pacer.abort()
            raise

    def _draw(self) -> None:
        path_xy = self.inspection.up_to_step(self.surfaces.path_xy)
        self.race.draw(path_xy, self.history.columns, self.lossPlot)
        self.pathPlot.set_path(np.empty((0, 2)) if self.session.racing
                               else path_xy(self.history.data))
        self.modelViews.show_params(*self.inspection.model_step(self.params, self.k), self.history)
        self.lossPane.show_history(self.history, lr_curves(self.session),
                                   [lane.history for lane in self.session.lanes]
                                   if self.session.racing else None)
        self.curvature.draw()
        self.inspection.draw(self.surfaces.path_xy)
        self.raceView.follow()
        for plot in (self.pathPlot, self.lossPlot):
            # the ranges the new data ask for, now: pyqtgraph would find them while painting
            # and paint the plot again with them (a second paint after the run goes on)
            plot.getPlotItem().getViewBox().prepareForPaint()
        self._update_status()

    def _update_status(self) -> None:
        text = status_text(self.session, self.inspection.k)
        if self.statusLabel.text() != text:
            self.statusLabel.setText(text)

    # -- shutdown -------------------------------------------------------------------
    def shutdown(self, wait_ms: int | None = None) -> None:
        """Stop the run thread (idempotent): see :meth:`Session.shutdown`."""
        if self._closing:
            return
        self._closing = True
        self._redraw_timer.stop()
        self.surfaces.project_soon.stop()
        self.jobs.drop()
        self.modelViews.jobs.drop()
        wait = SHUTDOWN_WAIT_MS if wait_ms is None else wait_ms
        self.race.tuner.shutdown(wait)
        self.maps.shutdown(wait)
        self.exporter.cancel()  # the pool thread stops at its next block, nothing written
        self.pictures.animator.cancel()
        self.session.shutdown(*(() if wait_ms is None else (wait_ms,)))

    def save_session(self, path) -> None:
        """Write every lane, its changes, the view box and the open tab to ``path``."""
        self.files.save(path)

    def open_session(self, path) -> bool:
        """Open a session saved by :meth:`save_session` (False, and a message, if it can't)."""
        return self.files.open(path)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self._closing:
            self.remembered.save()
            self.files.closing()
        self.hide()
        self.shutdown()
        super().closeEvent(event)
