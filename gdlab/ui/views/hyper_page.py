"""The Maps dock's hyperparameter map: two of the optimizer's hyperparameters on the axes, the
final loss (log) or the steps to tolerance in colour, the current setting and the best cell."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel

from ...engine.analysis import sweeps
from ...engine.run.single import RunSettings
from ..i18n import localized, optimizer_name, translate
from .map_page import MapPage, range_box, input_row
from .map_plots import MapPlot, hyper_values, nearest
from .plots import LABEL_CSS, style_axes


class HyperPage(MapPage):
    """Two hyperparameters on the axes, the final loss or the steps to tolerance in colour."""

    name = "hyper"

    def __init__(self) -> None:
        super().__init__()
        self._optimizer: str | None = None
        self.xCombo = QComboBox(objectName="hyperX")
        self.yCombo = QComboBox(objectName="hyperY")
        self.xFrom, self.xTo, self.yFrom, self.yTo = (
            range_box(-1e6, 1e6, 0.0, name, self.refresh)
            for name in ("hyperXFrom", "hyperXTo", "hyperYFrom", "hyperYTo"))
        self.form.addRow(translate("Maps", "x axis"),
                         input_row(self.xCombo, self.xFrom, QLabel(translate("Maps", "to")),
                                   self.xTo))
        self.form.addRow(translate("Maps", "y axis"),
                         input_row(self.yCombo, self.yFrom, QLabel(translate("Maps", "to")),
                                   self.yTo))
        self.whatCombo = QComboBox(objectName="hyperWhat")
        self.whatCombo.addItem(translate("Maps", "final loss (log)"), "loss")
        self.whatCombo.addItem(translate("Maps", "steps to tolerance"), "steps")
        self.whatCombo.currentIndexChanged.connect(self._redraw)
        self.form.addRow(translate("Maps", "Grid n×n"),
                         input_row(self._n_box(2, 1000, 60, translate("Maps", "Cells per side")),
                                   QLabel(translate("Maps", "Steps")), self._steps_box(500)))
        self.form.addRow(translate("Maps", "Colour"), self.whatCombo)
        self.xCombo.currentIndexChanged.connect(lambda: self._axis_changed(self.xCombo))
        self.yCombo.currentIndexChanged.connect(lambda: self._axis_changed(self.yCombo))
        self.plot = MapPlot()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.plot.getPlotItem().getViewBox().setBackgroundColor("#3a3a3a")  # diverged: dark
        self.colorbar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), interactive=False,
                                        width=14)
        self.colorbar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        style_axes(self.colorbar.getAxis("right"))
        # log₁₀ losses of 0.3 … 0.8 are the values, not "(x0.001)" thousandths of them
        self.colorbar.getAxis("right").enableAutoSIPrefix(False)
        self.mark = pg.PlotDataItem(pen=None, symbol="+", symbolSize=18,
                                    symbolPen=pg.mkPen("#ff3b30", width=3))
        self.best = pg.PlotDataItem(pen=None, symbol="o", symbolSize=11, symbolBrush=None,
                                    symbolPen=pg.mkPen("#ffffff", width=2))
        self.plot.addItem(self.mark)
        self.plot.addItem(self.best)
        self.plot.clicked.connect(self._on_click)
        self.plotLayout.addWidget(self.plot)

    def _specs(self) -> dict:
        return sweeps.numeric_hyperparameters(self.settings.optimizer)


    def settings_changed(self, s: RunSettings) -> None:
        if s.optimizer == self._optimizer:
            return
        self._optimizer = s.optimizer
        specs = sweeps.numeric_hyperparameters(s.optimizer)
        x, y = sweeps.default_axes(s.optimizer)
        for combo, pick in ((self.xCombo, x), (self.yCombo, y)):
            combo.blockSignals(True)
            combo.clear()
            for name, spec in specs.items():
                combo.addItem(localized(spec.label), name)
            combo.setCurrentIndex(combo.findData(pick))
            combo.blockSignals(False)
        self._default_range(self.xCombo)
        self._default_range(self.yCombo)

    def _default_range(self, combo: QComboBox) -> None:
        spec = self._specs()[combo.currentData()]
        lo, hi = sweeps.axis_range(spec, self.settings.hyper[spec.name])
        for box, v in zip((self.xFrom, self.xTo) if combo is self.xCombo
                          else (self.yFrom, self.yTo), (lo, hi)):
            box.blockSignals(True)
            box.setValue(v)
            box.blockSignals(False)

    def _axis_changed(self, combo: QComboBox) -> None:
        other = self.yCombo if combo is self.xCombo else self.xCombo
        if combo.currentData() == other.currentData():  # two different ones: swap
            other.blockSignals(True)
            other.setCurrentIndex(other.findData(next(n for n in self._specs()
                                                      if n != combo.currentData())))
            other.blockSignals(False)
            self._default_range(other)
        self._default_range(combo)
        self.refresh()

    @property
    def swept(self) -> tuple[str, ...]:
        return (self.xCombo.currentData(), self.yCombo.currentData())

    def inputs(self) -> tuple:
        return (self.xCombo.currentData(), self.yCombo.currentData(),
                self.xFrom.value(), self.xTo.value(), self.yFrom.value(), self.yTo.value(),
                self.nBox.value(), self.stepsBox.value())

    def compute_fn(self, s: RunSettings, inputs: tuple) -> Callable:
        x, y, x0, x1, y0, y1, n, _ = inputs
        specs = self._specs()
        sweeps.axis_values(specs[x], x0, x1, 2)  # a bad range is said now, not on the thread
        sweeps.axis_values(specs[y], y0, y1, 2)
        return lambda progress, cancel: sweeps.hyper_map(s, x, y, (x0, x1), (y0, y1), n,
                                                         progress, cancel)

    @staticmethod
    def _axis(values: np.ndarray, log: bool) -> tuple[float, float]:
        """(first edge, width) of the cells centred on ``values`` (log₁₀ units if ``log``)."""
        v = np.log10(values) if log else values
        d = (v[-1] - v[0]) / max(len(v) - 1, 1)
        return v[0] - d / 2, v[-1] - v[0] + d

    def draw(self, m: sweeps.HyperMap) -> None:
        pi = self.plot.getPlotItem()
        pi.setLogMode(x=m.x_log, y=m.y_log)
        specs = sweeps.numeric_hyperparameters(m.settings.optimizer)
        self.plot.set_labels(*(translate("Maps", "{label} ({name})").format(
            label=localized(specs[n].label), name=n) for n in (m.x_name, m.y_name)))
        (x0, w), (y0, h) = self._axis(m.xs, m.x_log), self._axis(m.ys, m.y_log)
        self._redraw()
        self.image.setRect(x0, y0, w, h)
        best = m.best
        self.best.setData(*([[m.xs[best[1]]], [m.ys[best[0]]]] if best else [[], []]))
        pi.getViewBox().setRange(xRange=(x0, x0 + w), yRange=(y0, y0 + h), padding=0)

    def _redraw(self, *_args) -> None:
        if self.result is None:
            return
        what = self.whatCombo.currentData()
        values, label = hyper_values(self.result, what)
        label = translate("Maps", label)
        ok = np.isfinite(values)
        lo, hi = (float(values[ok].min()), float(values[ok].max())) if ok.any() else (0.0, 1.0)
        self.image.setImage(values, autoLevels=False)  # NaN (diverged / not reached): clear
        self.colorbar.setLevels((lo, hi if hi > lo else lo + 1.0))
        if not ok.any():  # e.g. no run reached the tolerance: an empty scale says so
            label = (translate("Maps", "{label} (diverged everywhere)") if what == "loss"
                     else translate("Maps", "{label} (none reached it)")).format(label=label)
        self.colorbar.getAxis("right").setLabel(label, **LABEL_CSS)

    def show_marks(self) -> None:
        m = self.result
        if m is None or self.settings is None:
            return
        hx, hy = self.settings.hyper.get(m.x_name), self.settings.hyper.get(m.y_name)
        self.mark.setData(*([[hx], [hy]] if hx is not None and hy is not None else [[], []]))

    def summary(self, m: sweeps.HyperMap) -> str:
        return translate("Maps", "{nx}×{ny} runs × {steps} steps of {optimizer}: + the current "
                         "setting, ○ the best; dark = diverged (or, for steps, tolerance not "
                         "reached). Click to use a cell.").format(
            nx=len(m.xs), ny=len(m.ys), steps=f"{m.settings.steps:,}",
            optimizer=optimizer_name(m.settings.optimizer))

    def _on_click(self, x: float, y: float) -> None:
        m = self.result
        if m is not None:
            self.applySettings.emit({"hyper": {
                m.x_name: float(m.xs[nearest(m.xs, x, m.x_log)]),
                m.y_name: float(m.ys[nearest(m.ys, y, m.y_log)])}})
