"""The window's actions, their toolbar and its menus (File, Run, View, Help)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStyle, QToolBar, QWidget

from .. import __version__
from .help_binding import set_action_tip
from .i18n import plain_text, translate
from .views.plots import PathPlot


class Controls(QObject):
    """Run / Step / Reset / Export as actions with shortcuts, on the toolbar and in the menus;
    ``viewMenu`` and ``toolbar`` take more (the Maps dock's action)."""

    def __init__(self, window: QMainWindow, path_plot: PathPlot, *, run: Callable, step: Callable,
                 reset: Callable, export: Callable) -> None:
        super().__init__(window)
        self.window = window
        self.pathPlot = path_plot

        def action(text: str, key, slot, tip: str) -> QAction:
            a = QAction(text, window)
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            set_action_tip(a, tip)
            a.triggered.connect(slot)
            return a

        self.runAction = action(translate("Controls", "&Run"), Qt.Key.Key_Space, run,
                                translate("Controls", "Run or pause"))
        self.stepAction = action(translate("Controls", "&Step"), Qt.Key.Key_Right, step,
                                 translate("Controls", "One update"))
        self.resetAction = action(translate("Controls", "R&eset"), Qt.Key.Key_R, reset,
                                  translate("Controls", "Back to the start point"))
        self.exportAction = action(translate("Controls", "&Export CSV…"), "Ctrl+E", export,
                                   translate("Controls", "Export the trajectory as CSV"))
        self.resetViewAction = action(translate("Controls", "Reset &View"), "Ctrl+0",
                                      path_plot.reset_view,
                                      translate("Controls", "Back to the default view box"))
        self.aspectAction = action(translate("Controls", "&Same Scale on Both Axes"), "Ctrl+1",
                                   path_plot.set_aspect_locked,
                                   translate("Controls", "Draw x and y to the same scale (1:1), so "
                                                         "that steps look perpendicular to the "
                                                         "level sets"))
        self.aspectAction.setObjectName("aspectAction")
        self.aspectAction.setCheckable(True)
        path_plot.aspectChanged.connect(self.sync_aspect)
        self.sync_aspect()
        self.quitAction = quit_action = action(translate("Controls", "&Quit"),
                                               QKeySequence.StandardKey.Quit, window.close,
                                               translate("Controls", "Quit gdlab"))

        style = window.style()
        for a, icon in ((self.runAction, QStyle.StandardPixmap.SP_MediaPlay),
                        (self.stepAction, QStyle.StandardPixmap.SP_MediaSeekForward),
                        (self.resetAction, QStyle.StandardPixmap.SP_BrowserReload),
                        (self.exportAction, QStyle.StandardPixmap.SP_DialogSaveButton)):
            a.setIcon(style.standardIcon(icon))
        self.toolbar = bar = QToolBar(translate("Controls", "Controls"),
                                      objectName="controlsToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.runAction, self.stepAction, self.resetAction):
            self._on_toolbar(a)
        self._after_run_actions = bar.addSeparator()
        self._on_toolbar(self.exportAction)
        window.addToolBar(bar)
        self.runButton = bar.widgetForAction(self.runAction)
        self.runButton.setObjectName("runButton")
        self.runButton.setMinimumWidth(70)
        self.stepButton = bar.widgetForAction(self.stepAction)
        self.stepButton.setObjectName("stepButton")
        self.resetButton = bar.widgetForAction(self.resetAction)
        self.resetButton.setObjectName("resetButton")
        self.exportButton = bar.widgetForAction(self.exportAction)
        self.exportButton.setObjectName("exportButton")

        menu = window.menuBar()
        self.fileMenu = file_menu = menu.addMenu(translate("Controls", "&File"))
        file_menu.addAction(self.exportAction)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.editMenu = menu.addMenu(translate("Controls", "&Edit"))
        run_menu = menu.addMenu(translate("Controls", "&Run"))
        for a in (self.runAction, self.stepAction, self.resetAction):
            run_menu.addAction(a)
        self.viewMenu = menu.addMenu(translate("Controls", "&View"))
        self.viewMenu.addAction(self.resetViewAction)
        self.viewMenu.addAction(self.aspectAction)
        self.helpMenu = help_menu = menu.addMenu(translate("Controls", "&Help"))
        about = QAction(translate("Controls", "&About gdlab"), window)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def add_speed(self, combo: QWidget) -> None:
        """The run's speed beside Run / Step / Reset: a playback control, always in sight
        (at the foot of a network's settings it scrolled out of view)."""
        label = QLabel(translate("Controls", "Speed"), objectName="speedLabel")
        label.setBuddy(combo)
        label.setContentsMargins(10, 0, 4, 0)
        for widget in (label, combo):
            self.toolbar.insertWidget(self._after_run_actions, widget)

    def add_view_action(self, action: QAction) -> None:
        """An action on the toolbar and in the View menu (a dock's toggle)."""
        self._on_toolbar(action)
        self.viewMenu.addAction(action)

    def _on_toolbar(self, action: QAction) -> None:
        """``action`` on the toolbar, its button's text without the menu's access key."""
        action.setIconText(plain_text(action.text()))
        self.toolbar.addAction(action)

    def show_running(self, running: bool) -> None:
        """Run or Pause on the run action, as the run is."""
        text = translate("Controls", "&Pause") if running else translate("Controls", "&Run")
        if self.runAction.text() != text:
            self.runAction.setText(text)
            self.runAction.setIconText(plain_text(text))
            self.runAction.setIcon(self.window.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaPause if running else QStyle.StandardPixmap.SP_MediaPlay))

    def sync_aspect(self) -> None:
        """The View menu's 1:1 check follows the problem's default (the plot decides it)."""
        plot = self.pathPlot
        self.aspectAction.blockSignals(True)
        self.aspectAction.setChecked(plot.aspect_locked)
        self.aspectAction.setEnabled(plot.surface is not None and plot.surface.kind == "contour")
        self.aspectAction.blockSignals(False)

    def _about(self) -> None:
        QMessageBox.about(self.window, translate("Controls", "About gdlab"),
                          f"gdlab {__version__}\n"
                          + translate("Controls", "A desktop learning lab for gradient descent."))
