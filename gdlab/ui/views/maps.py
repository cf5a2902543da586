"""The Maps area: a learning-rate sweep, a basin map and a hyperparameter map of the current
2-D problem (:mod:`gdlab.engine.analysis.sweeps`), each computed on the maps thread with a
progress bar and Cancel, cached per settings, exportable as CSV and clickable.

The window gives the views its settings (:meth:`MapsView.set_settings`, cheap: nothing is
computed until Compute is pressed; a map whose settings changed is greyed and said stale) and
binds ``applySettings(dict)`` — ``{"lr": v}``, ``{"start": (x, y)}`` or
``{"hyper": {name: v, …}}``: a clicked cell's settings — to its panel.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QSlider, QTabWidget

from ...engine.analysis import sweeps
from ...engine.run.single import RunSettings
from ..i18n import optimizer_name, translate
from ..widgets.numbers import format_number
from .hyper_page import HyperPage
from .map_page import MapPage, range_box, input_row, sentences
from .map_plots import UNDEFINED_RGB, MapPlot, basin_rgba, loss_floor, minimum_color, nearest

DIVERGED_BRUSH = (214, 39, 40, 45)
MARK_PEN = pg.mkPen("#111111", width=2, style=Qt.PenStyle.DashLine)
RATE_PENS = (pg.mkPen("#2ca02c", width=2), pg.mkPen("#d62728", width=2))
LINE_LABEL = {"color": "#111111", "fill": (255, 255, 255, 210)}


class LrSweepPage(MapPage):
    """Final loss and steps to tolerance against the learning rate (log axes)."""

    swept = ("lr",)
    name = "lrSweep"

    def __init__(self) -> None:
        super().__init__()
        self.fromBox = range_box(1e-12, 1e6, sweeps.LR_FROM, "lrFrom", self.refresh)
        self.toBox = range_box(1e-12, 1e6, sweeps.LR_TO, "lrTo", self.refresh)
        self.form.addRow(translate("Maps", "Rates"),
                         input_row(self.fromBox, QLabel(translate("Maps", "to")), self.toBox))
        self.form.addRow(translate("Maps", "Number"),
                         input_row(self._n_box(2, 5000, sweeps.LR_N,
                                               translate("Maps", "Rates in the sweep")),
                                   QLabel(translate("Maps", "Steps")), self._steps_box(1000)))
        self.lossPlot = MapPlot("", translate("Maps", "final loss"))
        self.stepsPlot = MapPlot(translate("Maps", "learning rate"),
                                 translate("Maps", "steps to tolerance"))
        self.stepsPlot.setXLink(self.lossPlot)
        for plot in (self.lossPlot, self.stepsPlot):
            plot.setLogMode(x=True, y=plot is self.lossPlot)
            plot.clicked.connect(self._on_click)
            self.plotLayout.addWidget(plot)
        self.lossCurve = pg.PlotDataItem(pen=pg.mkPen("#1f77b4", width=2), symbol="o",
                                         symbolSize=4, symbolBrush="#1f77b4", symbolPen=None)
        self.stepsCurve = pg.PlotDataItem(pen=pg.mkPen("#9467bd", width=2), symbol="o",
                                          symbolSize=4, symbolBrush="#9467bd", symbolPen=None)
        self.lossPlot.addItem(self.lossCurve)
        self.stepsPlot.addItem(self.stepsCurve)
        self.regions: list[pg.LinearRegionItem] = []
        current = translate("Maps", "current lr")
        self.current = [pg.InfiniteLine(angle=90, pen=MARK_PEN, label=current,
                                        labelOpts={**LINE_LABEL, "position": 0.92})
                        for _ in range(2)]
        self.rateLines = [pg.InfiniteLine(angle=90, pen=pen, label=text,
                                          labelOpts={**LINE_LABEL, "position": pos})
                          for pen, text, pos in zip(RATE_PENS, ("2/(λmin+λmax) = {value}",
                                                                "2/λmax = {value}"), (0.75, 0.55))]
        for line in self.current[:1] + self.rateLines:
            self.lossPlot.addItem(line)
        self.stepsPlot.addItem(self.current[1])
        for line in self.current + self.rateLines:
            line.setVisible(False)

    def inputs(self) -> tuple:
        return (self.fromBox.value(), self.toBox.value(), self.nBox.value(),
                self.stepsBox.value())

    def compute_fn(self, s: RunSettings, inputs: tuple) -> Callable:
        lrs = sweeps.lr_grid(*inputs[:3])
        return lambda progress, cancel: sweeps.lr_sweep(s, lrs, progress, cancel)

    def draw(self, r: sweeps.LrSweep) -> None:
        loss = np.where(np.isfinite(r.loss), np.maximum(r.loss, loss_floor(r.loss)), np.nan)
        self.lossCurve.setData(r.lr, loss, connect="finite")
        steps = r.steps_to_tol.astype(float)
        self.stepsCurve.setData(r.lr, np.where(steps >= 0, steps, np.nan), connect="finite")
        for plot, region in [(p, g) for g in self.regions for p in (self.lossPlot, self.stepsPlot)]:
            if region in plot.items():
                plot.removeItem(region)
        self.regions = []
        for lo, hi in _runs(np.log10(r.lr), r.status == "diverged"):
            for plot in (self.lossPlot, self.stepsPlot):
                region = pg.LinearRegionItem((lo, hi), movable=False, brush=DIVERGED_BRUSH,
                                             pen=pg.mkPen(None))
                region.setZValue(-10)
                plot.addItem(region)
                self.regions.append(region)
        gd = r.settings.optimizer == "sgd" and r.fastest_lr is not None
        for line, value in zip(self.rateLines, (r.fastest_lr, r.edge_lr)):
            line.setVisible(gd)
            if gd:
                line.setValue(np.log10(value))
                line.label.setFormat(line.label.format.split("=")[0] + f"= {value:.3g}")
        for plot in (self.lossPlot, self.stepsPlot):
            plot.getPlotItem().enableAutoRange()

    def show_marks(self) -> None:
        lr = self.settings.hyper.get("lr") if self.settings else None
        for line in self.current:
            line.setVisible(lr is not None and lr > 0)
            if lr:
                line.setValue(np.log10(lr))

    def summary(self, r: sweeps.LrSweep) -> str:
        parts = [translate("Maps", "{rates} rates × {steps} steps of {optimizer} on {problem}.")
                 .format(rates=len(r.lr), steps=f"{r.settings.steps:,}",
                         optimizer=optimizer_name(r.settings.optimizer),
                         problem=r.settings.problem)]
        if r.best_lr is not None:
            parts.append(translate("Maps", "Best: lr {lr}.").format(lr=format_number(r.best_lr, 3)))
        if r.first_diverged is not None:
            parts.append(translate("Maps", "Shaded: diverged (from lr {lr}).")
                         .format(lr=format_number(r.first_diverged, 3)))
        parts.append(translate("Maps", "Click to use a rate."))
        return sentences(parts)

    def _on_click(self, x: float, _y: float) -> None:
        if self.result is not None:
            self.applySettings.emit({"lr": float(self.result.lr[nearest(self.result.lr, x, True)])})


def _runs(x: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """Spans ``(lo, hi)`` of ``x`` (sorted, n) covering the runs of true ``mask``, halfway to
    the neighbours."""
    edges = np.concatenate([[x[0]], (x[1:] + x[:-1]) / 2, [x[-1]]])
    out, i, n = [], 0, len(x)
    while i < n:
        if mask[i]:
            j = i
            while j + 1 < n and mask[j + 1]:
                j += 1
            out.append((float(edges[i]), float(edges[j + 1])))
            i = j
        i += 1
    return out


# -- basins ------------------------------------------------------------------------------
class BasinsPage(MapPage):
    """Which minimum each start point of a grid reaches; also drawn over the main map.
    ``overlayChanged((rgba, rect) or None)``, ``opacityChanged(float)``."""

    swept = ("start",)
    name = "basins"
    overlayChanged = Signal(object)
    opacityChanged = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self._problem: str | None = None
        self.boxes = [range_box(-1e6, 1e6, v, f"basinBox{i}", self.refresh)
                      for i, v in enumerate((-1.0, 1.0, -1.0, 1.0))]
        self.form.addRow(translate("Maps", "x from"),
                         input_row(self.boxes[0], QLabel(translate("Maps", "to")), self.boxes[1]))
        self.form.addRow(translate("Maps", "y from"),
                         input_row(self.boxes[2], QLabel(translate("Maps", "to")), self.boxes[3]))
        self.form.addRow(translate("Maps", "Grid n×n"),
                         input_row(self._n_box(1, 1000, sweeps.BASIN_N,
                                               translate("Maps", "Start points per side")),
                                   QLabel(translate("Maps", "Steps")), self._steps_box(500)))
        self.overlayCheck = QCheckBox(translate("Maps", "over the main map"),
                                      objectName="basinOverlayCheck")
        self.overlayCheck.setChecked(True)
        self.overlayCheck.toggled.connect(self._emit_overlay)
        self.opacitySlider = QSlider(Qt.Orientation.Horizontal, objectName="basinOpacity")
        self.opacitySlider.setRange(0, 100)
        self.opacitySlider.setValue(55)
        self.opacitySlider.setToolTip(translate("Maps", "Opacity of the basins over the main map"))
        self.opacitySlider.valueChanged.connect(lambda v: self.opacityChanged.emit(v / 100))
        self.form.addRow(self.overlayCheck, self.opacitySlider)
        self.plot = MapPlot("x", "y")
        self.plot.getPlotItem().getViewBox().setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.minimaMarks = pg.ScatterPlotItem(symbol="star", size=16, brush=pg.mkBrush("#ffd400"),
                                              pen=pg.mkPen("#111", width=1))
        self.startMark = pg.ScatterPlotItem(symbol="s", size=10, brush=pg.mkBrush("#ffffff"),
                                            pen=pg.mkPen("#111", width=1.5))
        for item in (self.image, self.minimaMarks, self.startMark):
            self.plot.addItem(item)
        self.plot.clicked.connect(self._on_click)
        self.legend = QLabel(objectName="basinLegend", wordWrap=True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.plotLayout.addWidget(self.plot, 1)
        self.plotLayout.addWidget(self.legend)

    @property
    def opacity(self) -> float:
        return self.opacitySlider.value() / 100

    def settings_changed(self, s: RunSettings) -> None:
        if s.problem == self._problem:
            return
        self._problem = s.problem
        try:
            box = sweeps.map_objective(s).box
        except ValueError:
            return
        for b, v in zip(self.boxes, box):
            b.blockSignals(True)
            b.setValue(v)
            b.blockSignals(False)

    def inputs(self) -> tuple:
        box = sweeps.check_box([b.value() for b in self.boxes])
        return (*box, self.nBox.value(), self.stepsBox.value())

    def compute_fn(self, s: RunSettings, inputs: tuple) -> Callable:
        box, n = inputs[:4], inputs[4]
        return lambda progress, cancel: sweeps.basins(s, n, box, progress=progress,
                                                      cancel=cancel)

    def rect(self, b: sweeps.Basins) -> tuple[float, float, float, float]:
        """The image's rectangle ``(x, y, w, h)``: each cell centred on its start point."""
        dx = (b.xs[-1] - b.xs[0]) / max(len(b.xs) - 1, 1)
        dy = (b.ys[-1] - b.ys[0]) / max(len(b.ys) - 1, 1)
        dx, dy = dx or 1e-3, dy or 1e-3
        return (b.xs[0] - dx / 2, b.ys[0] - dy / 2, b.xs[-1] - b.xs[0] + dx,
                b.ys[-1] - b.ys[0] + dy)

    def draw(self, b: sweeps.Basins) -> None:
        self.image.setImage(basin_rgba(b))
        self.image.setRect(*self.rect(b))
        known = b.minima[:b.known]
        self.minimaMarks.setData(known[:, 0], known[:, 1])
        shares = b.shares()
        diverged = float(np.mean(b.status == "diverged"))
        undefined = float(np.mean(b.minimum == sweeps.UNDEFINED))
        none = 1.0 - shares.sum() - diverged - undefined
        found = translate("Maps", "{point} found")
        items = [(minimum_color(i), True, f"({x:.3g}, {y:.3g})" if i < b.known
                  else found.format(point=f"({x:.3g}, {y:.3g})"), shares[i])
                 for i, (x, y) in enumerate(b.minima)]
        items += [("#a0a0a0", False, translate("Maps", "no minimum"), none),
                  ("#1e1e1e", False, translate("Maps", "diverged"), diverged),
                  ("#%02x%02x%02x" % UNDEFINED_RGB, False, translate("Maps", "undefined"),
                   undefined)]
        self.legend.setText("&nbsp;&nbsp; ".join(  # an entry never breaks across lines
            f"<span style='color:{c}; font-size:15px'>■</span>&nbsp;"
            + f"{text} {share:.0%}".replace(" ", "&nbsp;")
            for c, minimum, text, share in items if share > 0 or minimum))
        self.plot.getPlotItem().getViewBox().autoRange(padding=0)
        self._emit_overlay()

    def _set_stale(self, stale: bool) -> None:
        super()._set_stale(stale)
        self._emit_overlay()

    def _emit_overlay(self, *_args) -> None:
        """The basins over the main map: shown while the map is current and asked for."""
        show = self.result is not None and not self.stale and self.overlayCheck.isChecked()
        self.overlayChanged.emit((basin_rgba(self.result), self.rect(self.result))
                                 if show else None)

    def show_marks(self) -> None:
        start = self.settings.start if self.settings else None
        self.startMark.setData(*([[start[0]], [start[1]]] if start and len(start) == 2
                                 else [[], []]))

    def summary(self, b: sweeps.Basins) -> str:
        if b.settings.formula:
            what = (translate("Maps", "1 minimum found for the formula") if b.known == 1 else
                    translate("Maps", "{n} minima found for the formula").format(n=b.known))
        else:
            what = (translate("Maps", "1 known minimum") if b.known == 1 else
                    translate("Maps", "{n} known minima").format(n=b.known))
        return translate("Maps", "{nx}×{ny} starts × {steps} steps of {optimizer}: {minima} (★), "
                         "darker = more steps. Click to start there.").format(
            nx=len(b.xs), ny=len(b.ys), steps=f"{b.settings.steps:,}",
            optimizer=optimizer_name(b.settings.optimizer), minima=what)

    def _on_click(self, x: float, y: float) -> None:
        b = self.result
        if b is not None:
            self.applySettings.emit({"start": (float(b.xs[nearest(b.xs, x, False)]),
                                               float(b.ys[nearest(b.ys, y, False)]))})


# -- the three maps as tabs ------------------------------------------------------------
class MapsView(QTabWidget):
    """The three maps as tabs; ``applySettings`` from any of them."""

    applySettings = Signal(dict)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mapsView")
        self.lrPage, self.basinsPage, self.hyperPage = LrSweepPage(), BasinsPage(), HyperPage()
        for page, title in ((self.lrPage, translate("Maps", "Learning rate")),
                            (self.basinsPage, translate("Maps", "Basins")),
                            (self.hyperPage, translate("Maps", "Hyperparameters"))):
            self.addTab(page, title)
            page.applySettings.connect(self.applySettings)

    @property
    def pages(self) -> tuple[MapPage, ...]:
        return self.lrPage, self.basinsPage, self.hyperPage

    def set_settings(self, s: RunSettings | None) -> None:
        """The main run's settings (None: a model, or settings that don't resolve)."""
        for page in self.pages:
            page.set_settings(s)

    def shutdown(self, wait_ms: int) -> bool:
        """Cancel every map and wait for the maps thread: True if it is idle."""
        return all([page.shutdown(wait_ms) for page in self.pages])
