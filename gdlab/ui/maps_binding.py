"""The Maps dock bound to the window: it follows the panel, its clicks set the panel, and the
basin map lies over the main map."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from .i18n import translate
from .controls import Controls
from .session import Session
from .views.maps import MapsView
from .views.plots import PathPlot
from .widgets.panels import ParamsPanel

MAPS_WIDTH = 420  # the Maps dock's width when it opens


class MapsBinding(QObject):
    """The Maps dock (View ▸ Maps, Ctrl+M, or the toolbar). Its view is built when first
    wanted (four plots cost ~0.1 s at start-up): see :attr:`view`."""

    def __init__(self, window: QMainWindow, controls: Controls, panel: ParamsPanel,
                 session: Session, path_plot: PathPlot, say) -> None:
        super().__init__(window)
        self.window, self.panel, self.pathPlot, self._say = window, panel, path_plot, say
        self._view: MapsView | None = None
        self.dock = dock = QDockWidget(translate("Maps", "Maps"), window, objectName="mapsDock")
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(self._on_shown)
        self.action = dock.toggleViewAction()
        self.action.setText(translate("Maps", "&Maps"))
        self.action.setToolTip(translate("Maps", "Maps: sweep the learning rate, map basins and "
                                                 "hyperparameters"))
        self.action.setShortcut(QKeySequence("Ctrl+M"))
        controls.add_view_action(self.action)
        for signal in (panel.settingsChanged, panel.hyperChanged, panel.stepsChanged,
                       panel.tolChanged, session.selectedChanged, session.lanesChanged):
            signal.connect(self._follow)  # the panel shows the selected lane

    @property
    def view(self) -> MapsView:
        """The maps: they follow the panel's settings, their clicks set the panel, the basin
        map lies over the main map."""
        if self._view is None:
            self._view = maps = MapsView()
            self.dock.setWidget(maps)
            maps.applySettings.connect(self._apply)
            basins = maps.basinsPage
            basins.overlayChanged.connect(self.pathPlot.set_overlay)
            basins.opacityChanged.connect(self.pathPlot.set_overlay_opacity)
            self.pathPlot.set_overlay_opacity(basins.opacity)
            self._follow()
        return self._view

    def shutdown(self, wait_ms: int) -> None:
        if self._view is not None:
            self._view.shutdown(wait_ms)

    def _on_shown(self, shown: bool) -> None:
        if shown:
            self.view  # noqa: B018 (built now)
            self.window.resizeDocks([self.dock], [MAPS_WIDTH], Qt.Orientation.Horizontal)

    def _follow(self, *_args) -> None:
        if self._view is None:
            return
        try:
            self._view.set_settings(self.panel.settings())
        except ValueError:
            self._view.set_settings(None)

    def _apply(self, change: dict) -> None:
        """A clicked map cell's settings into the panel (the run follows the panel)."""
        panel = self.panel
        hyper = dict(change.get("hyper", {}))
        if "lr" in change:
            hyper["lr"] = change["lr"]
        for name, value in hyper.items():
            (panel.lrSpin if name == "lr" else panel.hyperSpins[name]).setValue(value)
        said = [f"{n} = {v:.4g}" for n, v in hyper.items()]
        if "start" in change:
            panel.set_start(*change["start"])
            said.append(translate("Maps", "start = ({x}, {y})").format(
                x=f"{change['start'][0]:.4g}", y=f"{change['start'][1]:.4g}"))
        self._say(translate("Maps", "From the map: {settings}").format(settings=", ".join(said)),
                  6000)
