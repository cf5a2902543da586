"""The Maps area: a learning-rate sweep, a basin map and a hyperparameter map of the current
2-D problem (:mod:`gdlab.engine.analysis.sweeps`), each computed on the maps thread with a
progress bar and Cancel, cached per settings, exportable as CSV and clickable.

The window gives the views its settings (:meth:`MapsView.set_settings`, cheap: nothing is
computed until Compute is pressed; a map whose settings changed is greyed and said stale) and
binds ``applySettings(dict)`` — ``{"lr": v}``, ``{"start": (x, y)}`` or
``{"hyper": {name: v, …}}``: a clicked cell's settings — to its panel.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from typing import Any, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout,
                               QGraphicsOpacityEffect, QHBoxLayout, QLabel, QMessageBox,
                               QProgressBar, QPushButton, QSizePolicy, QSlider, QTabWidget, QVBoxLayout,
                               QWidget)

from ...engine.analysis import sweeps
from ...engine.run.single import RunSettings
from ..map_jobs import MapJob
from ..widgets.numbers import IntBox, NumberBox, compact, format_number
from .map_plots import (MapPlot, basin_rgba, hyper_values, loss_floor, minimum_color,
                        nearest)
from .plots import LABEL_CSS, style_axes

CACHE_SIZE = 6  # maps kept per view
INPUT_MIN_WIDTH = 64
STALE_OPACITY = 0.35
DIVERGED_BRUSH = (214, 39, 40, 45)
MARK_PEN = pg.mkPen("#111111", width=2, style=Qt.PenStyle.DashLine)
RATE_PENS = (pg.mkPen("#2ca02c", width=2), pg.mkPen("#d62728", width=2))
LINE_LABEL = {"color": "#111111", "fill": (255, 255, 255, 210)}
MAX_STEPS = 100_000  # a map's step budget in the window (the CLI takes more)


def _settings_key(s: RunSettings, *swept: str) -> str:
    """The settings a map depends on, as a key: the swept ones left out (an lr sweep does
    not go stale when the lr changes; only its marker moves)."""
    d = s.to_dict()
    d["hyper"] = {k: v for k, v in d["hyper"].items() if k not in swept}
    if "start" in swept:
        d["start"] = None
    return json.dumps(d, sort_keys=True, default=str)


class MapPage(QWidget):
    """One map: its inputs, Compute / Cancel / Export CSV, progress, a status line and the
    plot. Subclasses give ``inputs()``, ``swept``, ``compute_fn`` and ``draw``."""

    applySettings = Signal(dict)
    swept: tuple[str, ...] = ()
    name = "map"

    def __init__(self) -> None:
        super().__init__()
        self.job = MapJob(self)
        self.job.progress.connect(lambda f: self.progressBar.setValue(round(1000 * f)))
        self.job.done.connect(self._on_done)
        self.job.failed.connect(self._on_failed)
        self.job.cancelled.connect(self._on_cancelled)
        self.settings: RunSettings | None = None
        self.result: Any = None
        self.result_key: tuple | None = None
        self.stale = False
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._pending: tuple | None = None

        self.form = compact(QFormLayout())
        self.computeButton = QPushButton("Compute", objectName=f"{self.name}Compute")
        self.computeButton.clicked.connect(self.compute)
        self.cancelButton = QPushButton("Cancel", objectName=f"{self.name}Cancel")
        self.cancelButton.clicked.connect(self.job.cancel)
        self.cancelButton.setEnabled(False)
        self.exportButton = QPushButton("Export CSV…", objectName=f"{self.name}Export")
        self.exportButton.clicked.connect(self.export_dialog)
        self.exportButton.setEnabled(False)
        self.progressBar = QProgressBar(objectName=f"{self.name}Progress")
        self.progressBar.setRange(0, 1000)
        self.progressBar.setTextVisible(False)
        self.progressBar.setMaximumHeight(10)
        self.statusLabel = QLabel(objectName=f"{self.name}Status", wordWrap=True)
        self.statusLabel.setStyleSheet("color:#333;")
        buttons = QHBoxLayout()
        for b in (self.computeButton, self.cancelButton, self.exportButton):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.plotArea = QWidget()
        self.plotLayout = QVBoxLayout(self.plotArea)
        self.plotLayout.setContentsMargins(0, 0, 0, 0)
        self._fade = QGraphicsOpacityEffect(self.plotArea)
        self._fade.setOpacity(1.0)
        self.plotArea.setGraphicsEffect(self._fade)
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 4, 4, 4)
        v.addLayout(self.form)
        v.addLayout(buttons)
        v.addWidget(self.progressBar)
        v.addWidget(self.statusLabel)
        v.addWidget(self.plotArea, 1)

    # -- to be given by each map ------------------------------------------------------
    def inputs(self) -> tuple:
        """The map's own inputs (hashable); a bad one raises ``ValueError``."""
        raise NotImplementedError

    def compute_fn(self, s: RunSettings, inputs: tuple) -> Callable:
        """``fn(progress, cancel) -> result`` for settings ``s`` and ``inputs``."""
        raise NotImplementedError

    def draw(self, result: Any) -> None:
        raise NotImplementedError

    def settings_changed(self, s: RunSettings) -> None:
        """Follow new main settings in the inputs (e.g. the hyperparameter names)."""

    def show_marks(self) -> None:
        """Draw what follows the main settings without a new map (the current lr…)."""

    # -- shared behaviour ---------------------------------------------------------------
    def key(self) -> tuple | None:
        """What the map would be computed from now, or None (no settings)."""
        if self.settings is None:
            return None
        return (_settings_key(self.settings, *self.swept), self.inputs())

    def set_settings(self, s: RunSettings | None) -> None:
        """The main run's settings: a cached map for them shows at once; the shown map goes
        stale if they differ from its own. Nothing is computed."""
        self.settings = s
        if s is not None:
            self.settings_changed(s)
        self.refresh()

    def refresh(self) -> None:
        """Show the cached map for the current key, else mark the shown one stale."""
        try:
            key = self.key()
        except ValueError:
            key = None
        if key is not None and key in self._cache and key != self.result_key:
            self._show(key, self._cache[key])
        elif self.result is not None:
            self._set_stale(key != self.result_key)
        if self.result is not None and not self.stale:
            self.show_marks()

    def _set_stale(self, stale: bool) -> None:
        self.stale = stale
        self._fade.setOpacity(STALE_OPACITY if stale else 1.0)
        if stale and not self.job.running:
            self.statusLabel.setText("<b>Stale:</b> the settings changed since this map was "
                                     "computed. Press Compute to compute it again.")
        elif not self.job.running:
            self.statusLabel.setText(self.summary(self.result))

    def summary(self, result: Any) -> str:
        """One line under the buttons about a computed map."""
        return ""

    def compute(self) -> None:
        """Show the cached map for the current settings, or start computing it."""
        if self.settings is None:
            return
        try:
            key = self.key()
            s = dataclasses.replace(self.settings, steps=self.stepsBox.value())
            fn = self.compute_fn(s, key[1])
            sweeps.map_objective(s)
        except ValueError as exc:
            self.statusLabel.setText(str(exc))
            return
        if key in self._cache:
            self._show(key, self._cache[key])
            return
        self._pending = key
        self.progressBar.setValue(0)
        self.computeButton.setEnabled(False)
        self.cancelButton.setEnabled(True)
        self.statusLabel.setText("Computing…")
        self.job.start(fn)

    def _end_job(self) -> None:
        self._pending = None
        self.computeButton.setEnabled(True)
        self.cancelButton.setEnabled(False)

    def _on_done(self, result: Any) -> None:
        key = self._pending
        self._end_job()
        self._cache[key] = result
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        self._show(key, result)

    def _on_failed(self, message: str) -> None:
        self._end_job()
        self.progressBar.setValue(0)
        self.statusLabel.setText(f"<b>Could not compute the map:</b> {message}")

    def _on_cancelled(self) -> None:
        self._end_job()
        self.progressBar.setValue(0)
        self.statusLabel.setText("Cancelled: nothing was changed.")

    def _show(self, key: tuple, result: Any) -> None:
        self.result, self.result_key = result, key
        self.exportButton.setEnabled(True)
        self.progressBar.setValue(1000)
        self.draw(result)
        self._set_stale(False)
        self.show_marks()

    def export_csv(self, path: str) -> None:
        """Write the shown map's CSV (``sweeps.write_map_csv``); ``OSError`` on failure."""
        sweeps.write_map_csv(path, self.result)

    def export_dialog(self) -> None:
        if self.result is None:
            return
        store = QSettings("gdlab", "gdlab")
        folder = store.value("export/folder", "")
        s = self.result.settings
        name = f"{s.problem}-{s.optimizer}-{self.name}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export the map", f"{folder}/{name}"
                                              if folder else name, "CSV files (*.csv)")
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            self.export_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}: "
                                f"{exc.strerror or exc}")
            return
        self.statusLabel.setText(f"Wrote {path}.")

    def shutdown(self, wait_ms: int) -> bool:
        return self.job.shutdown(wait_ms)

    def _steps_box(self, default: int) -> IntBox:
        self.stepsBox = _narrow(IntBox(1, MAX_STEPS, default, object_name=f"{self.name}Steps"))
        self.stepsBox.setToolTip(f"Steps of each run in the map (1 … {MAX_STEPS:,})")
        self.stepsBox.valueChanged.connect(self.refresh)
        return self.stepsBox

    def _n_box(self, lo: int, hi: int, default: int, tip: str) -> IntBox:
        self.nBox = _narrow(IntBox(lo, hi, default, object_name=f"{self.name}N"))
        self.nBox.setToolTip(tip)
        self.nBox.valueChanged.connect(self.refresh)
        return self.nBox


def _row(*widgets: QWidget) -> QWidget:
    w = QWidget()
    h = QHBoxLayout(w)
    h.setContentsMargins(0, 0, 0, 0)
    for x in widgets:
        h.addWidget(x, 1)
    return w


def _range_box(lo: float, hi: float, value: float, name: str, on_change) -> NumberBox:
    box = _narrow(NumberBox(lo, hi, value, object_name=name))
    box.valueChanged.connect(on_change)
    return box


def _narrow(w: QWidget) -> QWidget:
    """A box that shares a row without asking for its 15 decimals' width."""
    w.setMinimumWidth(INPUT_MIN_WIDTH)
    w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return w


# -- the learning-rate sweep -------------------------------------------------------------
class LrSweepPage(MapPage):
    """Final loss and steps to tolerance against the learning rate (log axes)."""

    swept = ("lr",)
    name = "lrSweep"

    def __init__(self) -> None:
        super().__init__()
        self.fromBox = _range_box(1e-12, 1e6, sweeps.LR_FROM, "lrFrom", self.refresh)
        self.toBox = _range_box(1e-12, 1e6, sweeps.LR_TO, "lrTo", self.refresh)
        self.form.addRow("Rates", _row(self.fromBox, QLabel("to"), self.toBox))
        self.form.addRow("Number", _row(self._n_box(2, 5000, sweeps.LR_N, "Rates in the sweep"),
                                        QLabel("Steps"), self._steps_box(1000)))
        self.lossPlot = MapPlot("", "final loss")
        self.stepsPlot = MapPlot("learning rate", "steps to tolerance")
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
        self.current = [pg.InfiniteLine(angle=90, pen=MARK_PEN, label="current lr",
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
        parts = [f"{len(r.lr)} rates × {r.settings.steps:,} steps of {r.settings.optimizer} "
                 f"on {r.settings.problem}."]
        if r.best_lr is not None:
            parts.append(f"Best: lr {format_number(r.best_lr, 3)}.")
        if r.first_diverged is not None:
            parts.append(f"Shaded: diverged (from lr {format_number(r.first_diverged, 3)}).")
        return " ".join(parts) + " Click to use a rate."

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
        self.boxes = [_range_box(-1e6, 1e6, v, f"basinBox{i}", self.refresh)
                      for i, v in enumerate((-1.0, 1.0, -1.0, 1.0))]
        self.form.addRow("x from", _row(self.boxes[0], QLabel("to"), self.boxes[1]))
        self.form.addRow("y from", _row(self.boxes[2], QLabel("to"), self.boxes[3]))
        self.form.addRow("Grid n×n", _row(self._n_box(1, 1000, sweeps.BASIN_N,
                                                      "Start points per side"),
                                          QLabel("Steps"), self._steps_box(500)))
        self.overlayCheck = QCheckBox("over the main map", objectName="basinOverlayCheck")
        self.overlayCheck.setChecked(True)
        self.overlayCheck.toggled.connect(self._emit_overlay)
        self.opacitySlider = QSlider(Qt.Orientation.Horizontal, objectName="basinOpacity")
        self.opacitySlider.setRange(0, 100)
        self.opacitySlider.setValue(55)
        self.opacitySlider.setToolTip("Opacity of the basins over the main map")
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
        box = sweeps._check_box([b.value() for b in self.boxes])
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
        none = 1.0 - shares.sum() - diverged
        items = [(minimum_color(i), f"({x:.3g}, {y:.3g}){'' if i < b.known else ' found'}",
                  shares[i]) for i, (x, y) in enumerate(b.minima)]
        items += [("#a0a0a0", "no minimum", none), ("#1e1e1e", "diverged", diverged)]
        self.legend.setText("&nbsp;&nbsp; ".join(  # an entry never breaks across lines
            f"<span style='color:{c}; font-size:15px'>■</span>&nbsp;"
            + f"{text} {share:.0%}".replace(" ", "&nbsp;")
            for c, text, share in items if share > 0 or text.startswith("(")))
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
        return (f"{len(b.xs)}×{len(b.ys)} starts × {b.settings.steps:,} steps of "
                f"{b.settings.optimizer}: {b.known} known minima (★), darker = more steps. "
                "Click to start there.")

    def _on_click(self, x: float, y: float) -> None:
        b = self.result
        if b is not None:
            self.applySettings.emit({"start": (float(b.xs[nearest(b.xs, x, False)]),
                                               float(b.ys[nearest(b.ys, y, False)]))})


# -- the hyperparameter map --------------------------------------------------------------
class HyperPage(MapPage):
    """Two hyperparameters on the axes, the final loss or the steps to tolerance in colour."""

    name = "hyper"

    def __init__(self) -> None:
        super().__init__()
        self._optimizer: str | None = None
        self.xCombo = QComboBox(objectName="hyperX")
        self.yCombo = QComboBox(objectName="hyperY")
        self.xFrom, self.xTo, self.yFrom, self.yTo = (
            _range_box(-1e6, 1e6, 0.0, name, self.refresh)
            for name in ("hyperXFrom", "hyperXTo", "hyperYFrom", "hyperYTo"))
        self.form.addRow("x axis", _row(self.xCombo, self.xFrom, QLabel("to"), self.xTo))
        self.form.addRow("y axis", _row(self.yCombo, self.yFrom, QLabel("to"), self.yTo))
        self.whatCombo = QComboBox(objectName="hyperWhat")
        self.whatCombo.addItem("final loss (log)", "loss")
        self.whatCombo.addItem("steps to tolerance", "steps")
        self.whatCombo.currentIndexChanged.connect(self._redraw)
        self.form.addRow("Grid n×n", _row(self._n_box(2, 1000, 60, "Cells per side"),
                                          QLabel("Steps"), self._steps_box(500)))
        self.form.addRow("Colour", self.whatCombo)
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
        names = list(sweeps.numeric_hyperparameters(s.optimizer))
        x, y = sweeps.default_axes(s.optimizer)
        for combo, pick in ((self.xCombo, x), (self.yCombo, y)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            combo.setCurrentText(pick)
            combo.blockSignals(False)
        self._default_range(self.xCombo)
        self._default_range(self.yCombo)

    def _default_range(self, combo: QComboBox) -> None:
        spec = self._specs()[combo.currentText()]
        lo, hi = sweeps.axis_range(spec, self.settings.hyper[spec.name])
        for box, v in zip((self.xFrom, self.xTo) if combo is self.xCombo
                          else (self.yFrom, self.yTo), (lo, hi)):
            box.blockSignals(True)
            box.setValue(v)
            box.blockSignals(False)

    def _axis_changed(self, combo: QComboBox) -> None:
        other = self.yCombo if combo is self.xCombo else self.xCombo
        if combo.currentText() == other.currentText():  # two different ones: swap
            other.blockSignals(True)
            other.setCurrentText(next(n for n in self._specs() if n != combo.currentText()))
            other.blockSignals(False)
            self._default_range(other)
        self._default_range(combo)
        self.refresh()

    @property
    def swept(self) -> tuple[str, ...]:
        return (self.xCombo.currentText(), self.yCombo.currentText())

    def inputs(self) -> tuple:
        return (self.xCombo.currentText(), self.yCombo.currentText(),
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
        self.plot.set_labels(m.x_name, m.y_name)
        (x0, w), (y0, h) = self._axis(m.xs, m.x_log), self._axis(m.ys, m.y_log)
        self._redraw()
        self.image.setRect(x0, y0, w, h)
        best = m.best
        self.best.setData(*([[m.xs[best[1]]], [m.ys[best[0]]]] if best else [[], []]))
        pi.getViewBox().setRange(xRange=(x0, x0 + w), yRange=(y0, y0 + h), padding=0)

    def _redraw(self, *_args) -> None:
        if self.result is None:
            return
        values, label = hyper_values(self.result, self.whatCombo.currentData())
        ok = np.isfinite(values)
        lo, hi = (float(values[ok].min()), float(values[ok].max())) if ok.any() else (0.0, 1.0)
        self.image.setImage(values, autoLevels=False)  # NaN (diverged / not reached): clear
        self.colorbar.setLevels((lo, hi if hi > lo else lo + 1.0))
        if not ok.any():  # e.g. no run reached the tolerance: an empty scale says so
            label += " (diverged everywhere)" if label.endswith("loss") else " (none reached it)"
        self.colorbar.getAxis("right").setLabel(label, **LABEL_CSS)

    def show_marks(self) -> None:
        m = self.result
        if m is None or self.settings is None:
            return
        hx, hy = self.settings.hyper.get(m.x_name), self.settings.hyper.get(m.y_name)
        self.mark.setData(*([[hx], [hy]] if hx is not None and hy is not None else [[], []]))

    def summary(self, m: sweeps.HyperMap) -> str:
        return (f"{len(m.xs)}×{len(m.ys)} runs × {m.settings.steps:,} steps of "
                f"{m.settings.optimizer}: + the current setting, ○ the best; dark = diverged "
                "(or, for steps, tolerance not reached). Click to use a cell.")

    def _on_click(self, x: float, y: float) -> None:
        m = self.result
        if m is not None:
            self.applySettings.emit({"hyper": {
                m.x_name: float(m.xs[nearest(m.xs, x, m.x_log)]),
                m.y_name: float(m.ys[nearest(m.ys, y, m.y_log)])}})


class MapsView(QTabWidget):
    """The three maps as tabs; ``applySettings`` from any of them."""

    applySettings = Signal(dict)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mapsView")
        self.lrPage, self.basinsPage, self.hyperPage = LrSweepPage(), BasinsPage(), HyperPage()
        for page, title in ((self.lrPage, "Learning rate"), (self.basinsPage, "Basins"),
                            (self.hyperPage, "Hyperparameters")):
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
