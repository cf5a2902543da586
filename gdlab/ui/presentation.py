"""View ▸ Presentation (F11) and View ▸ Zoom In / Zoom Out (Ctrl+plus / Ctrl+minus): the
whole window readable from the back of a classroom.

Presentation is full screen with larger text, thicker lines and black axis text; the zoom
scales text and lines everywhere (remembered in the user's settings). Both act through one
scale: the application's font, the point and pixel sizes of the labels' style sheets, the
plots' tick and label fonts, and the plots' line widths (:meth:`PathPlot.set_line_scale`).
"""

from __future__ import annotations

import math
import re

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QSplitter, QWidget

from .i18n import translate
from .views.plots import AXIS_COLOR, TICK_POINTS
from .window_state import settings_store

PRESENT_TEXT = 1.4  # text size in presentation mode, × the zoom
PRESENT_LINES = 1.8  # line widths in presentation mode
ZOOM_STEP = 1.15
ZOOM_RANGE = (0.6, 2.5)
PRESENT_AXIS = "#000000"
#: a screen narrower than this presents without the settings (View ▸ Settings shows them):
#: at 800 × 600 they left the map ~200 px
PRESENT_SETTINGS_MIN_WIDTH = 1100
ZOOM_KEY = "view/zoom"
_PX = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)(px|pt)")
#: the greys of secondary text, black in presentation mode (contrast for a projector)
_GREYS = re.compile(r"color:\s*#(555|555555|666|666666|777|777777|888|888888)\b")
_BASE_STYLE = "gdlabBaseStyle"


class Presentation(QObject):
    """The actions ``presentAction`` (checkable, F11), ``zoomInAction``, ``zoomOutAction``,
    ``zoomResetAction``, in the window's View menu."""

    def __init__(self, window: QMainWindow, view_menu, redraw) -> None:
        super().__init__(window)
        self.window, self._redraw = window, redraw
        self.presenting = False
        self._sizes_before: list[int] | None = None
        self._settings_before = True  # the settings were shown when presenting began
        self._state_before = window.windowState()
        self._base_font = QFont(QApplication.font())
        try:
            zoom = float(settings_store().value(ZOOM_KEY, 1.0))
        except (TypeError, ValueError):
            zoom = 1.0
        self.zoom = min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]) if math.isfinite(zoom) else 1.0

        def action(text: str, keys, slot) -> QAction:
            a = QAction(text, window)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            view_menu.addAction(a)
            return a

        view_menu.addSeparator()
        self.presentAction = action(translate("Presentation", "&Presentation"), [Qt.Key.Key_F11],
                                    self.set_presenting)
        self.presentAction.setCheckable(True)
        self.presentAction.setToolTip(translate("Presentation", "Full screen, large text, thick "
                                                               "lines, high contrast"))
        self.zoomInAction = action(translate("Presentation", "Zoom &In"),
                                   [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
                                   lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.zoomOutAction = action(translate("Presentation", "Zoom &Out"),
                                    [QKeySequence.StandardKey.ZoomOut],
                                    lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.zoomResetAction = action(translate("Presentation", "&Actual Size"), [],
                                      lambda: self.set_zoom(1.0))
        self.settingsDock = window.findChild(QDockWidget, "settingsDock")
        if self.settingsDock is not None:  # (not closable: its own toggle is disabled)
            self.settingsAction = action(
                translate("Presentation", "Se&ttings"), [],
                lambda: self.settingsDock.setVisible(self.settingsAction.isChecked()))
            self.settingsAction.setCheckable(True)
            self.settingsAction.setChecked(True)
            self.settingsAction.setToolTip(translate("Presentation", "Show or hide the settings "
                                                                     "(a narrow screen presents "
                                                                     "without them)"))
            self.settingsDock.visibilityChanged.connect(self._sync_settings)
        if self.zoom != 1.0:
            self.apply()

    @property
    def text_scale(self) -> float:
        return self.zoom * (PRESENT_TEXT if self.presenting else 1.0)

    @property
    def line_scale(self) -> float:
        return self.zoom * (PRESENT_LINES if self.presenting else 1.0)

    @Slot(bool)
    def set_presenting(self, on: bool) -> None:
        """Presentation mode on (full screen) or off (the window as it was)."""
        on = bool(on)
        if on == self.presenting:
            return
        self.presenting = on
        self.presentAction.setChecked(on)
        split = self._race_splitter()
        dock, narrow = self.settingsDock, False
        if on:
            self._state_before = self.window.windowState()
            self._sizes_before = split.sizes() if split is not None else None
            self._settings_before = dock is not None and dock.isVisible()
            screen = self.window.screen()
            narrow = screen is not None and screen.geometry().width() < PRESENT_SETTINGS_MIN_WIDTH
            if narrow and dock is not None:
                dock.hide()  # the map, the loss and the race get the width
            self.window.showFullScreen()
        else:
            self.window.setWindowState(self._state_before)
            if dock is not None and self._settings_before:
                dock.show()
            self.window.show()
        self.apply()
        if split is not None and self._sizes_before is not None:
            if on:  # the race's rows grew with the text: its pane grows, the side views give
                loss, race, side = self._sizes_before
                more = int(race * (PRESENT_TEXT - 1))
                rest = max(side - more, 0)
                # a narrow screen: the side views fold away (drag their handle up to see
                # them), the loss curve the class watches gets their room
                split.setSizes([loss + rest, race + more, 0] if narrow else
                               [loss, race + more, rest])
            else:
                split.setSizes(self._sizes_before)

    @Slot()
    def _sync_settings(self) -> None:
        self.settingsAction.setChecked(not self.settingsDock.isHidden())

    def _race_splitter(self) -> QSplitter | None:
        """The splitter of the loss plot, the race and the side views (3 panes), if any."""
        race = getattr(self.window, "raceView", None)
        split = race.parentWidget() if race is not None else None
        return split if isinstance(split, QSplitter) and split.count() == 3 else None

    def set_zoom(self, zoom: float) -> None:
        """Text and lines ``zoom``× (within ZOOM_RANGE; remembered for the next start)."""
        self.zoom = round(min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]), 4)
        settings_store().setValue(ZOOM_KEY, self.zoom)
        self.apply()

    def apply(self) -> None:
        """Every part of the window at the current scales."""
        k, lines = self.text_scale, self.line_scale
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * k)
        QApplication.setFont(font)
        for w in [self.window, *self.window.findChildren(QWidget)]:
            _scale_style(w, k, self.presenting, self._base_font.pointSizeF())
        axis_color = PRESENT_AXIS if self.presenting else AXIS_COLOR
        tick = QFont(self._base_font)
        tick.setPointSizeF(TICK_POINTS * k)
        for plot in self.window.findChildren(pg.PlotWidget):
            for item in plot.scene().items():
                if isinstance(item, pg.AxisItem):
                    _scale_axis(item, tick, k, axis_color, lines)
            if hasattr(plot, "set_line_scale"):
                plot.set_line_scale(lines)
        self._redraw()


def _scale_style(w: QWidget, k: float, presenting: bool, points: float) -> None:
    """A widget's style sheet with its font sizes × k (and black for grey text while
    presenting), from the style sheet it had first. A widget with a style sheet keeps the
    font it had when the sheet was applied: one without a size gets ``points`` × k."""
    base = w.property(_BASE_STYLE)
    if base is None:
        base = w.styleSheet()
        if not base.strip():
            return
        w.setProperty(_BASE_STYLE, base)
    if k == 1:
        style = base
    elif _PX.search(base):
        style = _PX.sub(lambda m: f"font-size: {float(m.group(1)) * k:.3g}{m.group(2)}", base)
    elif "{" not in base:  # declarations only: one more
        style = f"{base.strip().rstrip(';')}; font-size: {points * k:.3g}pt;"
    else:
        style = base
    if presenting:
        style = _GREYS.sub("color: #111111", style)
    if style != w.styleSheet():
        w.setStyleSheet(style)


def _scale_axis(axis: pg.AxisItem, tick: QFont, k: float, color: str, lines: float) -> None:
    base = getattr(axis, "_gdlab_label_pt", None)
    if base is None:
        size = str(axis.labelStyle.get("font-size", "11pt"))
        base = axis._gdlab_label_pt = float(re.sub(r"[^\d.]", "", size) or 11)
    axis.setStyle(tickFont=tick)
    axis.setPen(pg.mkPen(color, width=max(1.0, lines * 0.8)))
    axis.setTextPen(pg.mkPen(color))
    if axis.labelText:
        axis.labelStyle = {**axis.labelStyle, "color": color, "font-size": f"{base * k:.3g}pt"}
        axis._updateLabel()
