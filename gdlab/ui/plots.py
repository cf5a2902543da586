"""The two live plots: the descent path over a contour map, and the loss curve.

Both update their items in place (``setData``/``setImage``); the surface of an
objective is computed once when the objective changes, never per frame.
"""

from __future__ import annotations

import contourpy
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

from ..engine.surfaces import Surface

MAX_PATH_POINTS = 1500  # the drawn path is thinned beyond this
MAX_SYMBOL_POINTS = 300  # dots on every step only while there are few
MAX_CURVE_POINTS = 1600  # the loss curve is min/max-decimated beyond this
PATH_COLOR = "#ffffff"
PATH_EDGE = "#d62728"


def color_data(Z: np.ndarray, log: bool) -> tuple[np.ndarray, np.ndarray, str]:
    """What the colour map shows for values Z (ny, nx): ``(D, isoline levels, label)``;
    with ``log``, log₁₀(f − min f) so that surfaces spanning decades stay readable."""
    finite = np.isfinite(Z)
    if not finite.any():
        Z = np.zeros_like(Z)
    else:
        Z = np.where(finite, Z, np.max(Z[finite]))
    if log:
        eps = max(float(np.ptp(Z)), 1e-12) * 1e-6  # keeps log10 finite at the minimum
        D, label = np.log10(Z - Z.min() + eps), "log₁₀(f − min f)"
    else:
        D, label = Z, "loss"
    lo, hi = float(np.min(D)), float(np.max(D))
    return D, np.linspace(lo, hi, 16)[1:-1], label


def decimate(y: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """``(steps, values)`` of ``y`` with at most about ``limit`` points: each bin keeps its
    min and max, so spikes survive (peak decimation)."""
    n = len(y)
    if n <= limit:
        return np.arange(n, dtype=float), y
    bins = limit // 2
    per = n // bins
    m = bins * per
    # a contiguous copy first: argmin/argmax over a strided column (a view of the history's
    # rows) are several times slower than the copy
    yb = np.ascontiguousarray(y[:m]).reshape(bins, per)
    base = np.arange(bins) * per
    idx = np.concatenate([yb.argmin(axis=1) + base, yb.argmax(axis=1) + base, np.arange(m, n)])
    idx.sort()
    return idx.astype(float), y[idx]


class _NotifyingPlot(pg.PlotWidget):
    """A PlotWidget that calls ``on_painted`` after each paint (the window's GIL gate)."""

    on_painted = None

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self.on_painted is not None:
            self.on_painted(self)


class PathPlot(_NotifyingPlot):
    """The descent path over what lies under it: a filled contour map with isolines, the
    curve J(w) of a one-parameter model, or a many-parameter model's projected plane."""

    clicked = Signal(float, float)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pathPlot")
        self.setBackground("w")
        self.setMenuEnabled(False)
        pi = self.getPlotItem()
        pi.showGrid(x=False, y=False)
        pi.setLabel("bottom", "x")
        pi.setLabel("left", "y")
        pi.getViewBox().setAspectLocked(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.addItem(self.image)
        self.isolines = pg.PlotCurveItem(pen=pg.mkPen((255, 255, 255, 110), width=1),
                                         connect="finite", skipFiniteCheck=True)
        self.addItem(self.isolines)
        cmap = pg.colormap.get("viridis")
        self.colorbar = pg.ColorBarItem(colorMap=cmap, interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=pi)
        self.minima = pg.ScatterPlotItem(symbol="star", size=17, brush=pg.mkBrush("#ffd400"),
                                         pen=pg.mkPen("#333", width=1), name="minimum")
        self.start_marker = pg.ScatterPlotItem(symbol="s", size=11, brush=pg.mkBrush("#ffffff"),
                                               pen=pg.mkPen("#111", width=1.5))
        self.path = pg.PlotDataItem(pen=pg.mkPen(PATH_COLOR, width=2), symbol="o", symbolSize=5,
                                    symbolBrush=pg.mkBrush(PATH_EDGE), symbolPen=pg.mkPen("#fff", width=0.8),
                                    skipFiniteCheck=True)
        self.current = pg.ScatterPlotItem(symbol="o", size=14, brush=pg.mkBrush("#ff3b30"),
                                          pen=pg.mkPen("#ffffff", width=2))
        self.curve = pg.PlotCurveItem(pen=pg.mkPen("#1f77b4", width=2.5))
        self.curve.setVisible(False)
        self.message = pg.TextItem(color="#444", anchor=(0.5, 0.5))
        self.message.setPos(0, 0)
        self.message.setVisible(False)
        for item in (self.curve, self.minima, self.path, self.start_marker, self.current,
                     self.message):
            self.addItem(item)
        # the map, its isolines and the axes only change with the objective or the view:
        # paint them from a cached pixmap instead of redrawing thousands of segments per frame
        cache = QGraphicsItem.CacheMode.DeviceCoordinateCache
        for item in (self.image, self.isolines, self.colorbar, pi.getAxis("left"),
                     pi.getAxis("bottom"), self.minima):
            item.setCacheMode(cache)
        self.surface: Surface | None = None
        self.box = (-1.0, 1.0, -1.0, 1.0)
        self.scene().sigMouseClicked.connect(self._on_click)

    def set_surface(self, surf: Surface | None, message: str = "") -> None:
        """Draw what lies under the path (once per problem, or per projection): a contour
        map, the curve J(w), or nothing but ``message``."""
        self.surface = surf
        contour = surf is not None and surf.kind == "contour"
        for item in (self.image, self.isolines, self.colorbar):
            item.setVisible(contour)
        self.curve.setVisible(surf is not None and surf.kind == "curve")
        self.message.setVisible(surf is None)
        self.message.setText(message)
        if surf is None:
            x0, x1, y0, y1 = self.box
            self.message.setPos((x0 + x1) / 2, (y0 + y1) / 2)
            self.minima.setData([], [])
            self.path.setData([], [])
            self.current.setData([], [])
            self.start_marker.setData([], [])
            return
        self.box = surf.box
        pi = self.getPlotItem()
        pi.setLabel("bottom", surf.labels[0])
        pi.setLabel("left", surf.labels[1])
        if contour:
            D, levels, label = color_data(surf.Z, surf.log_color)
            x0, x1, y0, y1 = surf.xs[0], surf.xs[-1], surf.ys[0], surf.ys[-1]
            self.image.setImage(D, autoLevels=False)
            self.image.setRect(x0, y0, x1 - x0, y1 - y0)
            self.colorbar.setLevels((float(D.min()), float(D.max())))
            self.colorbar.getAxis("right").setLabel(label)
            gen = contourpy.contour_generator(surf.xs, surf.ys, D)
            parts = []
            for level in levels:
                for line in gen.lines(level):
                    parts += [line, np.array([[np.nan, np.nan]])]
            lines = np.concatenate(parts) if parts else np.empty((0, 2))
            self.isolines.setData(lines[:, 0], lines[:, 1])
        else:
            self.curve.setData(surf.xs, surf.ys)
        # white reads best over the colour map, dark red over the white of a curve plot
        self.path.setPen(pg.mkPen(PATH_COLOR if contour else PATH_EDGE, width=2))
        self.minima.setData([m[0] for m in surf.minima], [m[1] for m in surf.minima])
        self.reset_view()

    def reset_view(self) -> None:
        x0, x1, y0, y1 = self.box
        self.getPlotItem().getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def set_start(self, x: float | None, y: float | None) -> None:
        """Mark the start point (None: no marker)."""
        self.start_marker.setData([] if x is None else [x], [] if y is None else [y])

    def set_path(self, xy: np.ndarray) -> None:
        """Draw the path (n, 2); huge (diverging) coordinates are clipped near the view."""
        x0, x1, y0, y1 = self.box
        w, h = x1 - x0, y1 - y0
        n = len(xy)
        if n == 0:
            self.path.setData([], [])
            self.current.setData([], [])
            return
        if n > MAX_PATH_POINTS:
            idx = np.unique(np.linspace(0, n - 1, MAX_PATH_POINTS).astype(int))
            xy = xy[idx]
        with np.errstate(invalid="ignore"):
            px = np.clip(xy[:, 0], x0 - 3 * w, x1 + 3 * w)
            py = np.clip(xy[:, 1], y0 - 3 * h, y1 + 3 * h)
        self.path.setSymbol("o" if len(px) <= MAX_SYMBOL_POINTS else None)
        self.path.setData(px, py)
        last = np.isfinite(px) & np.isfinite(py)
        if last.any():
            i = np.flatnonzero(last)[-1]
            self.current.setData([px[i]], [py[i]])

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        vb = self.getPlotItem().getViewBox()
        pos = event.scenePos()
        if not vb.sceneBoundingRect().contains(pos):
            return
        p: QPointF = vb.mapSceneToView(pos)
        self.clicked.emit(float(p.x()), float(p.y()))


class LossPlot(_NotifyingPlot):
    """Loss against step, with an optional gradient-norm curve."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lossPlot")
        self.setBackground("w")
        pi = self.getPlotItem()
        pi.showGrid(x=False, y=False)
        pi.setLabel("bottom", "step")
        pi.setLabel("left", "loss")
        pi.getAxis("left").enableAutoSIPrefix(False)
        self.legend = pi.addLegend(offset=(-10, 10))
        self.loss = pi.plot(pen=pg.mkPen("#1f77b4", width=2), name="loss f(θ)")
        self.gnorm = pg.PlotDataItem(pen=pg.mkPen("#ff7f0e", width=1.5, style=Qt.PenStyle.DashLine),
                                     name="‖∇f(θ)‖")
        pi.addItem(self.gnorm)
        self.legend.removeItem(self.gnorm)  # listed only while it is shown
        self.hint = pg.TextItem("Press Run (Space), or Step (→) for one update",
                                color="#777", anchor=(0.5, 0.5))
        self.hint.setParentItem(pi.getViewBox())  # placed in view pixels, not data
        pi.getViewBox().sigResized.connect(self._place_hint)
        self.show_gnorm = False
        self.gnorm.setVisible(False)
        self.log = False

    def set_budget(self, steps: int) -> None:
        """Show the whole step budget on the x axis (progress at a glance, and the axis
        does not have to be redrawn at every frame)."""
        pi = self.getPlotItem()
        pi.enableAutoRange(x=False)
        pi.setXRange(0, max(int(steps), 1), padding=0.02)

    def set_log(self, on: bool) -> None:
        self.log = on
        self.getPlotItem().setLogMode(y=on)
        self.getPlotItem().setLabel("left", "loss (log scale)" if on else "loss")

    def set_gnorm_visible(self, on: bool) -> None:
        self.show_gnorm = on
        self.gnorm.setVisible(on)
        if on:
            self.legend.addItem(self.gnorm, "‖∇f(θ)‖")
        else:
            self.legend.removeItem(self.gnorm)

    def _place_hint(self, *_args) -> None:
        rect = self.getPlotItem().getViewBox().boundingRect()
        self.hint.setPos(rect.center())

    def set_data(self, loss: np.ndarray, gnorm: np.ndarray) -> None:
        """Loss and gradient norm (n,) against the step number; decimated before drawing."""
        self.hint.setVisible(len(loss) <= 1)
        s, l_ = decimate(loss, MAX_CURVE_POINTS)
        self.loss.setData(s, self._positive(l_), connect="finite")
        if self.show_gnorm:
            s, g = decimate(gnorm, MAX_CURVE_POINTS)
            self.gnorm.setData(s, self._positive(g), connect="finite")

    def _positive(self, y: np.ndarray) -> np.ndarray:
        if not self.log:
            return y
        with np.errstate(invalid="ignore"):
            return np.where(y > 0, y, np.nan)  # log scale: non-positive values are not drawn
