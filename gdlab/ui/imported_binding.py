"""File ▸ Open Trajectory…: paths computed elsewhere (:mod:`gdlab.engine.files.imported`)
drawn over the map and the loss plot for comparison — dashed, labelled "imported", until
File ▸ Remove Imported Trajectories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ..engine.files.imported import ImportedPath, read_trajectory
from .i18n import error_text, translate
from .views.plots import LossPlot, PathPlot, decimate, MAX_CURVE_POINTS
from .window_state import settings_store

#: dark, saturated colours unlike the lanes' (a dashed line over a white halo reads on the
#: map's dark and light parts alike, and on the loss plot's white)
IMPORT_COLORS = ("#1a1a1a", "#6a1b9a", "#8c510a", "#01665e")
MAX_IMPORTED = 8
DASH = Qt.PenStyle.DashLine


@dataclass
class _Drawn:
    path: ImportedPath
    items: tuple  # the map's halo, line, start mark, label; the loss curve, its label


def _label(name: str, color: str) -> pg.TextItem:
    label = pg.TextItem(f"imported: {name}", color=color, fill=pg.mkBrush(255, 255, 255, 225),
                        border=pg.mkPen(color))
    font = QFont()
    font.setPointSize(9)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def _place(label: pg.TextItem, x: float, y: float, box: tuple) -> None:
    """At the path's end, on the side of it that faces the middle of the map (not clipped)."""
    x0, x1, y0, y1 = box
    label.setAnchor((1 if x > (x0 + x1) / 2 else 0, 0 if y > (y0 + y1) / 2 else 1))
    label.setPos(x, y)


class ImportedPaths(QObject):
    """The imported paths and their menu actions (``openAction``, ``removeAction``)."""

    def __init__(self, window: QMainWindow, path_plot: PathPlot, loss_plot: LossPlot,
                 file_menu, before, say) -> None:
        super().__init__(window)
        self.window, self.pathPlot, self.lossPlot, self._say = window, path_plot, loss_plot, say
        self.drawn: list[_Drawn] = []
        self.openAction = QAction(translate("Imported", "Open &Trajectory…"), window)
        self.openAction.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.openAction.setToolTip(translate("Imported", "Draw a CSV with x, y (and loss, step) "
                                                        "columns over the map and the loss plot"))
        self.openAction.triggered.connect(self.dialog)
        self.removeAction = QAction(translate("Imported", "Re&move Imported Trajectories"), window)
        self.removeAction.triggered.connect(self.remove_all)
        self.removeAction.setEnabled(False)
        file_menu.insertActions(before, [self.openAction, self.removeAction])
        file_menu.insertSeparator(before)
        path_plot.aspectChanged.connect(self._follow_surface)  # another problem's map
        loss_plot.getPlotItem().getViewBox().sigResized.connect(self._place_tags)

    def open_trajectory(self, path: str | Path) -> bool:
        """Draw the paths of the CSV at ``path``; on a bad file say why (a message box) and
        change nothing. Returns whether it was drawn."""
        try:
            paths = read_trajectory(path)
            if len(self.drawn) + len(paths) > MAX_IMPORTED:
                raise ValueError(translate("Imported", "{name} has {n} paths and {drawn} are "
                                                       "drawn; at most {most} imported paths are "
                                                       "drawn at once (remove some first)").format(
                    name=Path(path).name, n=len(paths), drawn=len(self.drawn), most=MAX_IMPORTED))
        except ValueError as exc:
            QMessageBox.warning(self.window, translate("Imported", "Cannot open the trajectory"),
                                error_text(exc))
            return False
        for p in paths:
            self._draw(p, IMPORT_COLORS[len(self.drawn) % len(IMPORT_COLORS)])
        self.removeAction.setEnabled(True)
        self._follow_surface()
        what = ", ".join(translate("Imported", "{name} ({n} points)").format(
            name=p.name, n=len(p.xy)) for p in paths)
        self._say(translate("Imported", "Imported {what}: dashed on the map and the loss plot "
                                        "(File ▸ Remove Imported Trajectories).").format(
            what=what), 8000)
        return True

    def _draw(self, p: ImportedPath, color: str) -> None:
        plot, loss = self.pathPlot, self.lossPlot
        halo = pg.PlotCurveItem(pen=pg.mkPen((255, 255, 255, 200), width=5), skipFiniteCheck=True)
        line = pg.PlotCurveItem(pen=pg.mkPen(color, width=2.5, style=DASH), skipFiniteCheck=True)
        start = pg.ScatterPlotItem(symbol="t", size=11, brush=pg.mkBrush(color),
                                   pen=pg.mkPen("#ffffff", width=1.2))
        label = _label(p.name, color)
        px, py, last = plot._drawable(p.xy)
        for item in (halo, line):
            item.setData(px, py)
        first = int(np.flatnonzero(np.isfinite(px) & np.isfinite(py))[0])
        start.setData([px[first]], [py[first]])
        _place(label, px[last], py[last], plot.box)
        for z, item in enumerate((halo, line, start, label)):
            item.setZValue(4 + 0.1 * z)  # over the map, under the race's lanes
            plot.addItem(item)
        curve = pg.PlotDataItem(pen=pg.mkPen(color, width=2, style=DASH), skipFiniteCheck=True)
        tag = _label(p.name, color)
        if p.loss is not None:
            s, y = decimate(p.loss, MAX_CURVE_POINTS)
            with np.errstate(invalid="ignore"):
                shown = np.where(y > 0, y, np.nan) if loss.log else y
            curve.setData(p.step[s.astype(np.int64)], shown, connect="finite")
            tag.setParentItem(loss.getPlotItem().getViewBox())  # in view pixels, top right
            tag.setAnchor((1, 0))
            loss.getPlotItem().addItem(curve)
        self.drawn.append(_Drawn(p, (halo, line, start, label, curve, tag)))
        self._place_tags()

    @Slot()
    def _place_tags(self) -> None:
        """The loss curves' labels stacked in the plot's top right corner (where a falling
        loss rarely is)."""
        width = self.lossPlot.getPlotItem().getViewBox().boundingRect().width()
        for i, d in enumerate(self.drawn):
            d.items[5].setPos(width - 6, 6 + 24 * i)

    @Slot()
    def _follow_surface(self) -> None:
        """x, y are the map's coordinates only on a 2-D function's contour map."""
        surf = self.pathPlot.surface
        on_map = surf is not None and surf.kind == "contour"
        for d in self.drawn:
            for item in d.items[:4]:
                item.setVisible(on_map)

    @Slot()
    def remove_all(self) -> None:
        for d in self.drawn:
            for item in d.items[:4]:
                self.pathPlot.removeItem(item)
            self.lossPlot.getPlotItem().removeItem(d.items[4])
            if d.items[5].scene() is not None:
                d.items[5].scene().removeItem(d.items[5])
        self.drawn.clear()
        self.removeAction.setEnabled(False)

    @Slot()
    def dialog(self) -> None:
        store = settings_store()
        folder = store.value("export/folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            self.window, translate("Imported", "Open trajectory"), str(folder),
            translate("Imported", "CSV files (*.csv);;All files (*)"))
        if path:
            self.open_trajectory(path)
