"""The two live plots: the descent path over a contour map, and the loss curve.

Both update their items in place (``setData``/``setImage``); the surface of an
objective is computed once when the objective changes, never per frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import contourpy
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from ...engine.analysis.surfaces import Surface
from ..i18n import localized, translate
from ..jobs import Jobs
from .settled import SettledViewBox
from .thinning import GrowingThinning, finer, pixel_thin, thin_lines

MAX_PATH_POINTS = 1500  # the drawn path is thinned beyond this
MAX_SYMBOL_POINTS = 300  # dots on every step only while there are few
BAND_FILL, BAND_EDGE, BAND_MEAN = (90, 140, 200, 70), "#8fb3d9", "#1b3a5c"  # noisy paths' band
TITLE_CORNER = 30  # px kept free at each end of the loss plot's legend line (its "?" button)
TITLE_HEIGHT = 30  # px: the legend line's height (pyqtgraph's title row) when it fits one line
MAX_CURVE_POINTS = 1600  # the loss curve is min/max-decimated beyond this
# a race lane's dark halo on the map: opaque and 4 px wide, so that it is stroked on Qt's
# fast path for lines (pyqtgraph draws an opaque pen as line segments; Qt's raster engine
# strokes segments wider than 4 px, or a translucent pen's one path, through its general
# stroker): the 8 halos of a race took ~10 of the 14 ms of painting the map at 4.5 px
LANE_HALO = (45, 45, 45)
LANE_HALO_WIDTH = 4.0
PATH_COLOR = "#ffffff"
PATH_EDGE = "#d62728"
AXIS_COLOR = "#222222"  # dark on white: readable on a projector (pyqtgraph's grey is ~3:1)
TICK_POINTS = 10
LABEL_CSS = {"color": AXIS_COLOR, "font-size": "11pt"}
REGRID_DELAY_MS = 120  # a resize settles this long before the map is fitted again
HOLD_MS = 400  # a new surface's axes wait at most this long for its map (a slow or failed job)
OVERLAY_OPACITY = 0.55  # a basin map over the main map
END_MARK_PX = (56, 16)  # two lanes' end marks closer than this (x, y pixels) are stacked
#: the map beyond the problem's box (a 1:1 view padded to its shape, a zoom out): neutral
#: grey instead of colours that saturate there, so only the box shows the colour scale
OUTSIDE_TINT = (234, 234, 234, 255)
SMALL_CHANGE = 0.01  # a loss that moved by less than this share is drawn against 0
UNDEFINED_RGBA, UNDEFINED_STRIPE = (214, 214, 214, 255), (150, 150, 150, 255)
LOG_LABEL = QT_TRANSLATE_NOOP("Plots", "log₁₀(f − min f)")  # the colour bar's label
LOSS_LABEL = QT_TRANSLATE_NOOP("Plots", "loss")
#: the loss plot's words
TEXT = {
    "hint": QT_TRANSLATE_NOOP("Plots", "Press Run (Space), or Step (→) for one update"),
    "step": QT_TRANSLATE_NOOP("Plots", "step"),
    "unchanged_1": QT_TRANSLATE_NOOP("Plots", "loss unchanged in 1 step"),
    "unchanged": QT_TRANSLATE_NOOP("Plots", "loss unchanged in {n} steps"),
    "fell_1": QT_TRANSLATE_NOOP("Plots", "loss fell by {rel}% in 1 step"),
    "fell": QT_TRANSLATE_NOOP("Plots", "loss fell by {rel}% in {n} steps"),
    "rose_1": QT_TRANSLATE_NOOP("Plots", "loss rose by {rel}% in 1 step"),
    "rose": QT_TRANSLATE_NOOP("Plots", "loss rose by {rel}% in {n} steps"),
    "loss": QT_TRANSLATE_NOOP("Plots", "━━ loss f(θ)"),
    "lanes": QT_TRANSLATE_NOOP("Plots", "━━ each lane's loss (map colours)"),
    "mean": QT_TRANSLATE_NOOP("Plots", "━━ mean loss"),
    "band": QT_TRANSLATE_NOOP("Plots", "▮ min–max of the sample paths"),
}


def _t(key: str) -> str:
    return translate("Plots", TEXT[key])


def color_data(Z: np.ndarray, log: bool, ref: np.ndarray | None = None
               ) -> tuple[np.ndarray, tuple[float, float], np.ndarray, str]:
    """What the colour map shows for values Z (ny, nx): ``(D, (lo, hi), isoline levels,
    label)``; with ``log``, log₁₀(f − min f) so that surfaces spanning decades stay readable.
    The scale is set by the cells where ``ref`` (ny, nx) is true (the problem's box), so a map
    computed over a larger extent keeps the same colours."""
    finite = np.isfinite(Z)
    if not finite.any():
        Z, finite = np.zeros_like(Z), np.ones_like(finite)
    sel = finite if ref is None or not (ref & finite).any() else ref & finite
    zmin, zmax = float(np.min(Z[sel])), float(np.max(Z[sel]))
    Z = np.where(finite, Z, np.max(Z[finite]))
    if log:
        eps = max(zmax - zmin, 1e-12) * 1e-6  # keeps log10 finite at the minimum
        D, label = np.log10(np.maximum(Z - zmin, 0.0) + eps), LOG_LABEL
        lo, hi = float(np.log10(eps)), float(np.log10(zmax - zmin + eps))
    else:
        D, label, lo, hi = Z, LOSS_LABEL, zmin, zmax
    # isolines inside the scale only: beyond the box (a map padded to the view's shape) the
    # colour saturates, and lines at the same spacing would crowd into a white blur there
    return D, (lo, hi), np.linspace(lo, hi, 16)[1:-1], label


def hatched(mask: np.ndarray, period: int = 7) -> np.ndarray:
    """RGBA (ny, nx, 4) uint8: light grey with darker diagonal stripes where ``mask`` (ny, nx)
    is true, transparent elsewhere (the regions where f is undefined)."""
    ny, nx = mask.shape
    stripe = (np.add.outer(np.arange(ny), np.arange(nx)) % period) < 2
    out = np.zeros((ny, nx, 4), dtype=np.uint8)
    out[mask] = UNDEFINED_RGBA
    out[mask & stripe] = UNDEFINED_STRIPE
    return out


@dataclass
class MapLayers:
    """A contour surface as the map draws it: colour values D (ny, nx) over ``rect`` (x, y,
    width, height), the colour scale (lo, hi) and its label, the isolines as one path."""

    surface: Surface
    D: np.ndarray
    rect: tuple[float, float, float, float]
    scale: tuple[float, float]
    label: str
    undefined: np.ndarray | None  # RGBA (ny, nx, 4) hatching where f is undefined
    isolines: QPainterPath  # built with the rest (a plain value: any thread may)


def map_layers(surf: Surface) -> MapLayers:
    """What :class:`PathPlot` draws for a contour surface (its grid may exceed its box): pure
    numpy and contourpy, ~10 ms for a 220² grid, so computed on a pool thread."""
    xs, ys = surf.xs, surf.ys
    bx0, bx1, by0, by1 = surf.box
    ref = (((xs >= bx0) & (xs <= bx1))[None, :] & ((ys >= by0) & (ys <= by1))[:, None])
    D, scale, levels, label = color_data(surf.Z, surf.log_color, ref)
    x0, x1, y0, y1 = float(xs[0]), float(xs[-1]), float(ys[0]), float(ys[-1])
    gen = contourpy.contour_generator(xs, ys, D)
    lines = [line for level in levels for line in gen.lines(level)]
    undefined = None if surf.undefined is None else hatched(surf.undefined)
    # one path from one array, each line's last point connected to nothing (pyqtgraph's
    # connect="finite" over NaN-separated lines makes it a line at a time, in Python)
    points = np.concatenate(lines) if lines else np.empty((0, 2))
    connect = np.ones(len(points), dtype=bool)
    connect[np.cumsum([len(line) for line in lines], dtype=int) - 1] = False
    isolines = pg.arrayToQPath(points[:, 0], points[:, 1], connect=connect, finiteCheck=False)
    return MapLayers(surf, D, (x0, y0, x1 - x0, y1 - y0), scale, label, undefined, isolines)


def style_axes(*axes: pg.AxisItem, fine_ticks: bool = True, steady: bool = False) -> None:
    """Dark, slightly larger tick text and labels. Without ``fine_ticks``, ticks where there
    is text only (a log axis keeps its 2…9 between decades): the finest ticks cost 40% of
    an axis's drawing, paid again at each new range (each problem's map). ``steady``: an axis
    keeps the room it grew to for its tick labels (shorter ones, another problem's, would lay
    the plot out again after its paint and paint it all a second time)."""
    font = QFont()
    font.setPointSize(TICK_POINTS)
    for ax in axes:
        ax.setPen(pg.mkPen(AXIS_COLOR))
        ax.setTextPen(pg.mkPen(AXIS_COLOR))
        ax.setStyle(tickFont=font, maxTickLevel=2 if fine_ticks else 1,
                    autoReduceTextSpace=not steady)


def wrap_centered(item: pg.TextItem | pg.LabelItem, width: float) -> None:
    """Wrap a text item's lines to ``width`` pixels, centred: a message is never cut."""
    if isinstance(item, pg.TextItem):
        item.setTextWidth(max(width, 50.0))
        text = item.textItem
    else:  # a LabelItem: a plot's title
        text = item.item
        text.setTextWidth(max(width, 50.0))
    text.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))


def padded_box(box: tuple[float, float, float, float], aspect: float
               ) -> tuple[float, float, float, float]:
    """``box`` grown in its shorter direction so that width/height (data units) = ``aspect``
    (the view's width/height in pixels): a 1:1 map that fills the view."""
    x0, x1, y0, y1 = box
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:
        grow = (h * aspect - w) / 2
        return x0 - grow, x1 + grow, y0, y1
    grow = (w / aspect - h) / 2
    return x0, x1, y0 - grow, y1 + grow


def box_with(box: tuple[float, float, float, float], x: float, y: float,
             margin: float = 0.1) -> tuple[float, float, float, float]:
    """``box`` extended to hold the point (x, y) with ``margin`` of the new span around it."""
    x0, x1, y0, y1 = box
    if x0 <= x <= x1 and y0 <= y <= y1:
        return box
    nx0, nx1, ny0, ny1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
    mx, my = margin * (nx1 - nx0), margin * (ny1 - ny0)
    return (nx0 - mx if x < x0 else nx0, nx1 + mx if x > x1 else nx1,
            ny0 - my if y < y0 else ny0, ny1 + my if y > y1 else ny1)


def outside_path(box: tuple[float, float, float, float], reach: float = 1000.0) -> QPainterPath:
    """The plane around ``box`` (x0, x1, y0, y1) out to ``reach`` times its size: a frame
    with the box as its hole (odd-even fill)."""
    x0, x1, y0, y1 = box
    w, h = x1 - x0, y1 - y0
    path = QPainterPath()
    path.addRect(QRectF(x0 - reach * w, y0 - reach * h, (2 * reach + 1) * w, (2 * reach + 1) * h))
    path.addRect(QRectF(x0, y0, w, h))
    path.setFillRule(Qt.FillRule.OddEvenFill)
    return path


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


def device_pixel(vb: pg.ViewBox, width: float, height: float, ratio: float
                 ) -> tuple[float, float]:
    """``width`` × ``height`` (data units) spread over view box ``vb``'s device pixels: one
    pixel's size ((0, 0) before the view is laid out). From the range and the size, not
    the view's transform, which pyqtgraph updates only when it paints next."""
    w, h = vb.width() * ratio, vb.height() * ratio
    return (width / w, height / h) if w >= 1 and h >= 1 else (0.0, 0.0)


class _NotifyingPlot(pg.PlotWidget):
    """A PlotWidget that calls ``on_painted`` after each paint (the window's GIL gate)."""

    on_painted = None

    def __init__(self) -> None:
        super().__init__(viewBox=SettledViewBox())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self.on_painted is not None:
            self.on_painted(self)


Box = tuple[float, float, float, float]  # x0, x1, y0, y1


class PathPlot(_NotifyingPlot):
    """The descent path over what lies under it: a filled contour map with isolines, the
    curve J(w) of a one-parameter model, or a many-parameter model's projected plane.

    The home view is the surface's box, extended to show the start point; with the aspect
    locked (axes in the same units) it is padded in its shorter direction to the view's shape,
    and the map is computed again over the padded box (``regrid``), so no blank band shows."""

    clicked = Signal(float, float)
    aspectChanged = Signal()  # the surface changed, or the 1:1 lock was switched

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pathPlot")
        self.setBackground("w")
        self.setMenuEnabled(False)
        pi = self.getPlotItem()
        pi.showGrid(x=False, y=False)
        self._label("bottom", "x")
        self._label("left", "y")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.addItem(self.image)
        self.isolines = QGraphicsPathItem()
        # width 0: one pixel at any zoom, and the bounds are the path's (any other width has
        # Qt stroke the whole path to find them, ~20 ms for rastrigin's isolines)
        self.isolines.setPen(pg.mkPen((255, 255, 255, 110), width=0))
        self.addItem(self.isolines)
        self.outside = QGraphicsPathItem()
        self.outside.setBrush(QBrush(QColor(*OUTSIDE_TINT)))
        self.outside.setPen(pg.mkPen(None))
        self.outside.setZValue(0.5)  # over the map and isolines, under the paths and markers
        self.addItem(self.outside)
        self.undefined = pg.ImageItem(axisOrder="row-major")  # where f is undefined: hatched
        self.undefined.setVisible(False)
        self.addItem(self.undefined)
        cmap = pg.colormap.get("viridis")
        self.colorbar = pg.ColorBarItem(colorMap=cmap, interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=pi)
        style_axes(pi.getAxis("left"), pi.getAxis("bottom"), self.colorbar.getAxis("right"),
                   fine_ticks=False, steady=True)
        for name in ("left", "bottom"):
            pi.getAxis(name).enableAutoSIPrefix(False)  # no "(×1e-18)" beside a label
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
        self.message = pg.TextItem(color="#333", anchor=(0.5, 0.5))
        self.message.setPos(0, 0)
        self.message.setVisible(False)
        for item in (self.curve, self.minima, self.path, self.start_marker, self.current,
                     self.message):
            item.setZValue(2)
            self.addItem(item)
        # the map, its isolines and the axes only change with the objective or the view:
        # paint them from a cached pixmap instead of redrawing thousands of segments per frame
        cache = QGraphicsItem.CacheMode.DeviceCoordinateCache
        for item in (self.image, self.isolines, self.colorbar, pi.getAxis("left"),
                     pi.getAxis("bottom"), self.minima):
            item.setCacheMode(cache)
        # a race's (line, end mark) per lane: one curve item strokes the lane's path twice,
        # its dark halo (the item's shadow pen) under its colour
        self._lanes: list[tuple] = []
        self._lane_pens: list[tuple | None] = []  # what each lane's pens were made for
        self._lane_brushes: list = []  # … and its current point's brush
        self._end_marks: list[tuple | None] = []  # each lane's end mark as set: (text, colour,
        # at, its level in a stack of marks at one point)
        self._growing: list[GrowingThinning] = []  # each lane's path thinned so far
        self._n_lanes = 0  # lanes drawn
        # what set_lanes drew last, and the pixel its paths were thinned to: a zoom or a larger
        # view thins them again (the race may have ended: no new frame would)
        self._lanes_args: tuple | None = None
        self._lanes_cell: tuple[float, float] | None = None
        self._rethin = QTimer(self, singleShot=True, interval=0)
        self._rethin.timeout.connect(self._thin_again)
        self.line_scale = 1.0  # every line's and mark's width × this (presentation mode)
        self.lane_points = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen("#ffffff", width=1.5))
        self.lane_points.setZValue(6)
        self.addItem(self.lane_points)
        self.surface: Surface | None = None
        self.box: Box = (-1.0, 1.0, -1.0, 1.0)
        self.start: tuple[float, float] | None = None
        self.aspect_locked = False
        self._regrid: Callable[[Box], Surface | None] | None = None
        self._grid_box: Box | None = None  # what the drawn map covers
        self._undrawn: Surface | None = None  # a new map, drawn unless a regrid replaces it
        self.jobs = Jobs(self)  # the map is computed on a pool thread
        self.drawn: MapLayers | None = None  # the map on screen
        self._at_home = True  # the view is the home view (not zoomed or panned by hand)
        vb = pi.getViewBox()
        vb.sigRangeChangedManually.connect(self._left_home)
        vb.sigResized.connect(self._on_resized)
        for changed in (vb.sigRangeChanged, vb.sigResized):
            changed.connect(self._pixels_changed)
        self._refit = QTimer(self, singleShot=True, interval=REGRID_DELAY_MS)
        self._refit.timeout.connect(self._refit_home)
        # a new surface is painted once, with its map: until the map arrives the plot keeps
        # the last picture on screen instead of painting the new axes over an empty view
        self._hold = QTimer(self, singleShot=True, interval=HOLD_MS)
        self._hold.timeout.connect(self._release)
        self.scene().sigMouseClicked.connect(self._on_click)

    def _label(self, axis: str, text: str) -> None:
        if self.getPlotItem().getAxis(axis).labelText != text:  # its HTML is laid out again
            self.getPlotItem().setLabel(axis, text, **LABEL_CSS)

    def set_surface(self, surf: Surface | None, message: str = "",
                    regrid: Callable[[Box], Surface | None] | None = None) -> None:
        """Draw what lies under the path (once per problem, or per projection): a contour
        map, the curve J(w), or nothing but ``message``. ``regrid(extent)`` computes the same
        surface over another extent (None: the map is never recomputed)."""
        self.surface = surf
        self._regrid = regrid
        self._grid_box = self._undrawn = None
        # the last surface's start is not this one's (its caller marks the new one): kept, it
        # stretched the new home view to where the last problem's run began
        self.start = None
        self.start_marker.setData([], [])
        if surf is not None and surf.kind == "contour":
            self._hold_paints()
        else:
            self._release()
        self.jobs.drop("map")  # the last surface's map, if still coming, is not drawn
        contour = surf is not None and surf.kind == "contour"
        for item in (self.colorbar, self.outside):
            item.setVisible(contour)
        for item in (self.image, self.isolines, self.undefined):  # shown with the new map
            item.setVisible(False)
        self.curve.setVisible(surf is not None and surf.kind == "curve")
        self.message.setVisible(surf is None)
        self.message.setText(localized(message))
        pi = self.getPlotItem()
        for name in ("left", "bottom"):  # no axes of another problem beside a message
            pi.showAxis(name, surf is not None)
        if surf is None:
            self.box = (-1.0, 1.0, -1.0, 1.0)
            self.message.setPos(0, 0)
            self.minima.setData([], [])
            self.path.setData([], [])
            self.current.setData([], [])
            self.set_aspect_locked(False)
            return
        self.box = surf.box
        if contour:
            self.outside.setPath(outside_path(surf.box))
        self._label("bottom", localized(surf.labels[0]))
        self._label("left", localized(surf.labels[1]))
        if contour:  # drawn once: as it is, or over the home view when that needs a new grid
            self._grid_box = (float(surf.xs[0]), float(surf.xs[-1]),
                              float(surf.ys[0]), float(surf.ys[-1]))
            self._undrawn = surf
        else:
            self.curve.setData(surf.xs, surf.ys)
        # white reads best over the colour map, dark red over the white of a curve plot
        self.path.setPen(pg.mkPen(PATH_COLOR if contour else PATH_EDGE, width=2 * self.line_scale))
        self.minima.setData([m[0] for m in surf.minima], [m[1] for m in surf.minima])
        self.set_aspect_locked(surf.equal_axes)
        if self._undrawn is not None:  # (values not computed yet: computed with the map)
            grid = self._grid_box
            self._draw_map(lambda: surf if surf.Z is not None else regrid(grid))

    def full_surface(self) -> Surface | None:
        """:attr:`surface` with its values (a 2-D objective's are computed with its map, on
        the map's thread: if they are asked for first, they are computed here)."""
        surf = self.surface
        if surf is None or surf.Z is not None or self._regrid is None:
            return surf
        return self._regrid((float(surf.xs[0]), float(surf.xs[-1]),
                             float(surf.ys[0]), float(surf.ys[-1])))

    def _draw_map(self, make: Callable[[], Surface | None]) -> None:
        """Draw the map of the contour surface ``make()`` returns (e.g. the surface computed
        over the home view): computed on a pool thread, drawn when it arrives unless a newer
        map was asked for meanwhile."""
        self._undrawn = None
        self.jobs.submit("map", lambda: _layers_of(make()), self._show_map, lane="map")

    def _show_map(self, layers: MapLayers | None) -> None:
        if layers is None or self.surface is None or self.surface.kind != "contour":
            return
        x0, y0, w, h = layers.rect
        self._grid_box = (x0, x0 + w, y0, y0 + h)
        self.image.setImage(layers.D, autoLevels=False)
        self.image.setRect(*layers.rect)
        if layers.undefined is not None:
            self.undefined.setImage(layers.undefined)
            self.undefined.setRect(*layers.rect)
        self.undefined.setVisible(layers.undefined is not None)
        self.colorbar.setLevels(layers.scale)
        self.colorbar.getAxis("right").setLabel(translate("Plots", layers.label), **LABEL_CSS)
        self.isolines.setPath(layers.isolines)
        for item in (self.image, self.isolines):
            item.setVisible(True)
        self.drawn = layers
        self._release()

    def _hold_paints(self) -> None:
        """Paint nothing until the map arrives (or HOLD_MS pass: never restarted, so a
        burst of problem changes still shows each step of the way); the first map is not
        waited for (there is no picture to keep yet)."""
        if self.drawn is not None and self.updatesEnabled():
            self.setUpdatesEnabled(False)
            self._hold.start()

    def _release(self) -> None:
        self._hold.stop()
        if not self.updatesEnabled():
            self.setUpdatesEnabled(True)  # and the whole plot is painted again

    def set_overlay(self, overlay: tuple[np.ndarray, tuple] | None) -> None:
        """An image over the map, under the path (a basin map): ``(rgba (n, m, 4) uint8,
        rect (x, y, w, h))``, or None to remove it."""
        item = getattr(self, "overlay", None)
        if item is None:
            if overlay is None:
                return
            self.overlay = item = pg.ImageItem(axisOrder="row-major")
            item.setOpacity(getattr(self, "overlay_opacity", OVERLAY_OPACITY))
            item.setZValue(1)  # above the map and its isolines, under the path and markers
            self.addItem(item)
            for top in (self.curve, self.minima, self.path, self.start_marker, self.current,
                        self.message):
                top.setZValue(max(top.zValue(), 2))
        item.setVisible(overlay is not None)
        if overlay is not None:
            item.setImage(overlay[0])
            item.setRect(*overlay[1])

    def set_overlay_opacity(self, opacity: float) -> None:
        """The overlay's opacity, 0 (hidden) … 1."""
        self.overlay_opacity = opacity
        if getattr(self, "overlay", None) is not None:
            self.overlay.setOpacity(opacity)

    def set_aspect_locked(self, on: bool) -> None:
        """Draw both axes to the same scale (1:1) or let each fill the view; back home."""
        self.aspect_locked = on
        self.getPlotItem().getViewBox().setAspectLocked(on, ratio=1.0)
        self.reset_view()
        self.aspectChanged.emit()

    def home_box(self) -> Box:
        """The view a reset returns to: the box, the start point, and (locked) the view's shape."""
        box = self.box
        if self.start is not None and self.surface is not None:
            box = box_with(box, *self.start)
        vb = self.getPlotItem().getViewBox()
        w, h = vb.width(), vb.height()
        if self.aspect_locked and w > 1 and h > 1:
            box = padded_box(box, w / h)
        return box

    def reset_view(self) -> None:
        """Back to the home view; the map is computed again if it does not cover it."""
        self._go_home(regrid=True)

    def _go_home(self, regrid: bool) -> None:
        home = self.home_box()
        x0, x1, y0, y1 = home
        if self._needs_regrid(home):
            if regrid:
                make, surf = self._regrid, self.surface
                self._grid_box = home  # being computed: asked for once
                self._draw_map(lambda: make(home) or surf)
            else:
                self._refit.start()  # once a resize settles
        vb = self.getPlotItem().getViewBox()
        vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self._at_home = True

    def _needs_regrid(self, home: Box) -> bool:
        """Whether the map's grid misses part of ``home`` or is much larger than it."""
        grid = self._grid_box
        if self._regrid is None or grid is None or self.surface.kind != "contour":
            return False
        x0, x1, y0, y1 = home
        return (x0 < grid[0] or x1 > grid[1] or y0 < grid[2] or y1 > grid[3]
                or (x1 - x0) < 0.5 * (grid[1] - grid[0]) or (y1 - y0) < 0.5 * (grid[3] - grid[2]))

    def show_box(self, box: Box) -> None:
        """Show the view ``box`` (a session's); it stays until Reset View, as a view the user
        panned to."""
        x0, x1, y0, y1 = box
        self._refit.stop()
        self.getPlotItem().getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self._at_home = False

    def _left_home(self, *_args) -> None:
        self._at_home = False

    def _on_resized(self, *_args) -> None:
        vb = self.getPlotItem().getViewBox()
        wrap_centered(self.message, vb.width() * 0.9)
        if self._at_home:
            self._go_home(regrid=False)  # the view at once, the map when the resize settles

    def _refit_home(self) -> None:
        if self._at_home:
            self.reset_view()

    def _pixels_changed(self, *_args) -> None:
        if finer(self._pixel(), self._lanes_cell):
            self._rethin.start()

    def _thin_again(self) -> None:
        if self._lanes_args is not None:
            self.set_lanes(*self._lanes_args)

    def set_line_scale(self, k: float) -> None:
        """Every line and mark ``k``× as wide (the lanes' at their next drawing)."""
        self.line_scale = k
        contour = self.surface is not None and self.surface.kind == "contour"
        self.path.setPen(pg.mkPen(PATH_COLOR if contour else PATH_EDGE, width=2 * k))
        self.path.setSymbolSize(5 * k)
        self.curve.setPen(pg.mkPen("#1f77b4", width=2.5 * k))
        self.current.setSize(14 * k)
        self.start_marker.setSize(11 * k)
        self.minima.setSize(17 * k)
        self.lane_points.setSize(12 * k)

    def set_start(self, x: float | None, y: float | None) -> None:
        """Mark the start point (None: no marker); the view grows to show it, and a home
        view follows it back."""
        home = self.home_box()
        self.start_marker.setData([] if x is None else [x], [] if y is None else [y])
        self.start = None if x is None or y is None else (float(x), float(y))
        if self.start is None:
            return
        vx, vy = self.getPlotItem().getViewBox().viewRange()
        if (not (vx[0] <= x <= vx[1] and vy[0] <= y <= vy[1])
                or (self._at_home and self.home_box() != home)):
            self.reset_view()

    def _drawable(self, xy: np.ndarray, keep: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray, int | None]:
        """``(x, y, last)`` of path ``xy`` (n, 2) as drawn: its points ``keep`` (thinned to the
        screen's pixels: :func:`thin_lines`), else thinned to MAX_PATH_POINTS; huge (diverging)
        coordinates clipped near the view; ``last``: the last finite point."""
        x0, x1, y0, y1 = box_with(self.box, *self.start) if self.start else self.box
        w, h = x1 - x0, y1 - y0
        n = len(xy)
        if keep is not None:
            xy = xy[keep]
        elif n > MAX_PATH_POINTS:  # steps of over 1: the indices are distinct (no np.unique)
            xy = xy[np.linspace(0, n - 1, MAX_PATH_POINTS).astype(int)]
        with np.errstate(invalid="ignore"):
            px = np.clip(xy[:, 0], x0 - 3 * w, x1 + 3 * w)
            py = np.clip(xy[:, 1], y0 - 3 * h, y1 + 3 * h)
        finite = np.flatnonzero(np.isfinite(px) & np.isfinite(py))
        return px, py, (int(finite[-1]) if len(finite) else None)

    def _pixel(self) -> tuple[float, float]:
        """A device pixel's width and height in the map's units."""
        vb = self.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        return device_pixel(vb, x1 - x0, y1 - y0, self.devicePixelRatioF())

    def set_path(self, xy: np.ndarray) -> None:
        """Draw the path (n, 2); huge (diverging) coordinates are clipped near the view."""
        if len(xy) == 0:
            self.path.setData([], [])
            self.current.setData([], [])
            return
        px, py, i = self._drawable(xy)
        self.path.setSymbol("o" if len(px) <= MAX_SYMBOL_POINTS else None)
        self.path.setData(px, py)
        if i is not None:
            self.current.setData([px[i]], [py[i]])

    def set_lanes(self, lanes: list[tuple], selected: int = -1) -> None:
        """A race: each lane's ``(path, colour, end)`` or ``(path, colour, end, key)``: its
        path (n, 2) in its colour over a dark halo, its current point and its end ("✓ 42",
        "✗ 17" or ""); ``selected`` drawn wider. A ``key`` says which rows the path is (the
        same key: the same rows, maybe more at the end), so each frame thins only the new
        points to the pixels. (Its legend is the pane's, under the map:
        :class:`~gdlab.ui.views.path_pane.PathPane`.)"""
        if not lanes and not self._n_lanes:
            return  # a single run: nothing to draw or clear
        self._n_lanes = len(lanes)
        self._lanes_args = (lanes, selected) if lanes else None
        self._lanes_cell = self._pixel() if lanes else None
        while len(self._lanes) < len(lanes):
            line = pg.PlotCurveItem(skipFiniteCheck=True)
            end = pg.TextItem(anchor=(0, 1), fill=pg.mkBrush(255, 255, 255, 215))
            end.setFont(QFont("", 9, QFont.Weight.DemiBold))
            line.setZValue(5)
            end.setZValue(6.5)  # over every lane's line and point, under the step's arrows
            for item in (line, end):
                self.addItem(item)
            self._lanes.append((line, end))
            self._lane_pens.append(None)
            self._lane_brushes.append(None)
            self._end_marks.append(None)
            self._growing.append(GrowingThinning())
        xs, ys, brushes = [], [], []
        ends: list[tuple[float, float]] = []  # the end marks placed so far, in pixels
        pw, ph = self._pixel()
        (_, view_x1), (_, view_y1) = self.getPlotItem().getViewBox().viewRange()
        long = [j for j, lane in enumerate(lanes) if len(lane[0]) > 2]  # the others: as they are
        kept = dict(zip(long, thin_lines(
            [(lanes[j][0][:, 0], lanes[j][0][:, 1], self._growing[j],
              lanes[j][3] if len(lanes[j]) > 3 else None) for j in long],
            (pw, ph), MAX_PATH_POINTS)))
        for j, (line, end) in enumerate(self._lanes):
            if j >= len(lanes):
                for item in (line, end):
                    item.setVisible(False)
                continue
            xy, color, end_text = lanes[j][:3]
            px, py, i = (self._drawable(xy, kept.get(j)) if len(xy)
                         else (np.empty(0), np.empty(0), None))
            k = self.line_scale
            pens = (k, color, j == selected)
            if self._lane_pens[j] != pens:  # set when they change, not at every frame
                self._lane_pens[j] = pens
                line.setShadowPen(pg.mkPen(LANE_HALO, width=LANE_HALO_WIDTH * k))
                line.setPen(pg.mkPen(color, width=(3.2 if j == selected else 2.0) * k))
                self._lane_brushes[j] = pg.mkBrush(color)
            line.setData(px, py)
            line.setVisible(True)
            end.setVisible(bool(end_text) and i is not None)
            if i is not None:
                # a diverged lane's last point is far away: its marks stay at the map's edge
                x0, x1, y0, y1 = self.box
                at = (min(max(px[i], x0), x1), min(max(py[i], y0), y1))
                xs.append(at[0])
                ys.append(at[1])
                brushes.append(self._lane_brushes[j])
                if not end_text:
                    continue
                # lanes ending at one point (a shared minimum): their marks stacked upwards
                here = (at[0] / pw, at[1] / ph) if pw and ph else at
                level = sum(abs(here[0] - x) < END_MARK_PX[0] and abs(here[1] - y) < END_MARK_PX[1]
                            for x, y in ends)
                ends.append(here)
                if self._end_marks[j] != (end_text, color, at, level):  # laid out once
                    self._end_marks[j] = (end_text, color, at, level)
                    end.setText(end_text, color=color)
                    # right of and above the point, or left of / below it where the view
                    # ends (a lane that diverged off the right or top edge)
                    size = end.textItem.boundingRect()
                    left = bool(pw) and (view_x1 - at[0]) / pw < size.width() + 4
                    below = bool(ph) and (view_y1 - at[1]) / ph < (1 + level) * size.height() + 4
                    end.setAnchor((1 if left else 0, -level if below else 1 + level))
                    end.setPos(*at)
        self.lane_points.setData(xs, ys, brush=brushes)

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        vb = self.getPlotItem().getViewBox()
        pos = event.scenePos()
        if not vb.sceneBoundingRect().contains(pos):
            return
        p: QPointF = vb.mapSceneToView(pos)
        self.clicked.emit(float(p.x()), float(p.y()))


def _layers_of(surf: Surface | None) -> MapLayers | None:
    return None if surf is None else map_layers(surf)


def small_change_note(values: np.ndarray, steps: int) -> str:
    """A sentence for a loss curve that barely moved (relative spread below SMALL_CHANGE), e.g.
    "loss fell by 0.04% in 100 steps"; "" when the change is visible. ``values`` (m,): the
    first loss, the drawn (decimated, min/max-keeping) ones, the last."""
    if steps < 1 or len(values) < 2 or not np.all(np.isfinite(values)):
        return ""  # before the first update there is no change to speak of
    lo, hi = float(values.min()), float(values.max())
    scale = max(abs(lo), abs(hi))
    if scale == 0 or hi - lo > SMALL_CHANGE * scale:
        return ""
    first, last = float(values[0]), float(values[-1])
    one = "_1" if steps == 1 else ""
    if first == last:
        return _t("unchanged" + one).format(n=f"{steps:,}")
    rel = abs(last - first) / max(abs(first), 1e-300) * 100
    verb = "fell" if last < first else "rose"
    return _t(verb + one).format(rel=f"{rel:.2g}", n=f"{steps:,}")


def step_axis_end(k: int, budget: int, least: int = 10) -> int:
    """Where the loss plot's step axis ends with ``k`` steps drawn of ``budget``: the budget
    once past half of it (progress at a glance), before that the budget halved until the
    next halving would not hold ``k`` (or ``least`` steps): the curve fills half the width
    or more, and a long run's first steps are not squeezed into a sliver at the left."""
    end = max(int(budget), 1)
    while end // 2 >= max(k, least):
        end //= 2
    return end


class LossPlot(_NotifyingPlot):
    """Loss against step, with an optional gradient-norm curve.

    A loss that barely moves is drawn against 0 (with a note saying by how much it changed)
    instead of being stretched over the whole height."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lossPlot")
        self.setBackground("w")
        pi = self.getPlotItem()
        pi.showGrid(x=False, y=False)
        pi.setLabel("bottom", _t("step"), **LABEL_CSS)
        pi.setLabel("left", translate("Plots", LOSS_LABEL), **LABEL_CSS)
        style_axes(pi.getAxis("bottom"), fine_ticks=False)
        style_axes(pi.getAxis("left"), steady=True)  # a log scale; another problem's losses
        pi.getAxis("left").enableAutoSIPrefix(False)
        self.loss = pi.plot(pen=pg.mkPen("#1f77b4", width=2))
        self.gnorm = pg.PlotDataItem(pen=pg.mkPen("#ff7f0e", width=1.5, style=Qt.PenStyle.DashLine))
        pi.addItem(self.gnorm)
        self.hint = pg.TextItem(_t("hint"),
                                color="#555", anchor=(0.5, 0.5))
        self.hint.setParentItem(pi.getViewBox())  # placed in view pixels, not data
        self.note = pg.TextItem("", color=AXIS_COLOR, anchor=(0.5, 0.5))
        self.note.setParentItem(pi.getViewBox())
        self.note.setVisible(False)
        pi.getViewBox().sigResized.connect(self._place_hint)
        for changed in (pi.getViewBox().sigRangeChanged, pi.getViewBox().sigResized):
            changed.connect(self._pixels_changed)
        self.show_gnorm = False
        self.gnorm.setVisible(False)
        self.log = False
        self._fixed_y: tuple[float, float] | None = None  # the y range while a change is small
        self.budget = 1
        self._drawn_k = 0  # the last step drawn (a race: its longest lane's)
        self._x_end: int | None = None
        self._grow = True  # the x axis follows the steps drawn (see set_budget)
        self._lanes: list[pg.PlotDataItem] = []  # a race's loss curves
        self._lane_pens: list[tuple | None] = []  # what each curve's pen was made for
        # the curves set_lanes drew last, and the pixel they were thinned to: thinned again
        # on a zoom or a larger view (as the map's paths: PathPlot._lanes_args)
        self._lanes_args: list | None = None
        self._lanes_shown: list[tuple] = []  # … those curves in the plot's units
        self._lanes_cell: tuple[float, float] | None = None
        self._rethin = QTimer(self, singleShot=True, interval=0)
        self._rethin.timeout.connect(self._thin_again)
        self.racing = False
        self.line_scale = 1.0  # every curve's width × this (presentation mode)
        # noisy sample paths: their min–max band (a light tint) and mean loss
        self.bandLo = pg.PlotDataItem(pen=pg.mkPen(BAND_EDGE, width=1), skipFiniteCheck=True)
        self.bandHi = pg.PlotDataItem(pen=pg.mkPen(BAND_EDGE, width=1), skipFiniteCheck=True)
        self.bandFill = pg.FillBetweenItem(self.bandLo, self.bandHi, brush=pg.mkBrush(BAND_FILL))
        self.bandMean = pg.PlotDataItem(pen=pg.mkPen(BAND_MEAN, width=1.5), skipFiniteCheck=True)
        for item in (self.bandFill, self.bandLo, self.bandHi, self.bandMean):
            pi.addItem(item)
            item.setVisible(False)
        self.band = None  # the LossBand drawn, if any
        self.legend_extra: list[str] = []  # entries of curves drawn by others (lr on the right)
        self._title = ""  # the legend line shown
        self._legend()

    def set_band(self, band) -> None:
        """Draw a :class:`~gdlab.engine.run.race.LossBand` (mean and min–max over lanes) in
        place of the lanes' own curves (call before :meth:`set_lanes`); ``None``: none."""
        had, self.band = self.band is not None, band
        shown = band is not None
        for item in (self.bandFill, self.bandLo, self.bandHi, self.bandMean):
            item.setVisible(shown)
        if shown:
            for item, y in ((self.bandLo, band.lo), (self.bandHi, band.hi),
                            (self.bandMean, band.mean)):
                item.setData(band.step, self._positive(y), connect="finite")
        if shown != had:
            self._legend()

    def set_lanes(self, curves: list[tuple[np.ndarray, np.ndarray, str]]) -> None:
        """A race: each lane's ``(steps, loss, colour)`` as drawn (a decimated curve: see
        :func:`decimate`), in its colour (none: the single run's curve), thinned to the
        plot's pixels (:func:`pixel_thin`)."""
        if not curves and not self.racing:
            return
        while len(self._lanes) < len(curves):
            item = pg.PlotDataItem(skipFiniteCheck=True)
            self.getPlotItem().addItem(item)
            self._lanes.append(item)
            self._lane_pens.append(None)
        lines = [(s, self._positive(l_)) for s, l_, _color in curves]
        shown = self._shown(lines)
        cell = self._cell(shown) if curves else None
        self._lanes_args, self._lanes_shown, self._lanes_cell = (curves or None), shown, cell
        for j, item in enumerate(self._lanes):
            item.setVisible(j < len(curves) and self.band is None)
            if j < len(curves):
                (s, y), color = lines[j], curves[j][2]
                idx = pixel_thin(*shown[j], *cell)
                if self._lane_pens[j] != (color, self.line_scale):  # when it changes only
                    self._lane_pens[j] = (color, self.line_scale)
                    item.setPen(pg.mkPen(color, width=2 * self.line_scale))
                item.setData(s[idx], y[idx], connect="finite")
        if curves:
            self._follow(max(int(c[0][-1]) if len(c[0]) else 0 for c in curves))
        if bool(curves) != self.racing:
            self.racing = bool(curves)
            self.loss.setVisible(not self.racing)
            self._legend()

    def _shown(self, lines: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple]:
        """``lines`` ((steps, positive loss) each) in the plot's units (log10 on a log scale)."""
        if not self.log:
            return lines
        with np.errstate(invalid="ignore", divide="ignore"):
            return [(s, np.log10(y)) for s, y in lines]

    def _pixels_changed(self, *_args) -> None:
        # (after a switch of scale the curves drawn are in the other units: set_log thins
        # them again itself)
        if self._lanes_args is not None and finer(self._cell(self._lanes_shown), self._lanes_cell):
            self._rethin.start()

    def _thin_again(self) -> None:
        if self._lanes_args is not None:
            self.set_lanes(self._lanes_args)

    def _cell(self, lines: list[tuple[np.ndarray, np.ndarray]]) -> tuple[float, float]:
        """A device pixel's width and height in the units of ``lines`` ((x, y) as shown):
        the span of the view or, when smaller, of the lines' own values (the range the
        axes are about to take) over the view's size, so a cell is never wider than a
        pixel."""
        vb = self.getPlotItem().getViewBox()
        (vx0, vx1), (vy0, vy1) = vb.viewRange()
        spans = []
        for values, view in ((np.concatenate([x for x, _ in lines]), vx1 - vx0),
                             (np.concatenate([y for _, y in lines]), vy1 - vy0)):
            finite = values[np.isfinite(values)]
            span = float(finite.max() - finite.min()) if len(finite) else view
            spans.append(min(span, view) if span > 0 else view)
        return device_pixel(vb, *spans, self.devicePixelRatioF())

    def _legend(self) -> None:
        """The legend as a title line above the plot: it never covers the curves."""
        items = [f'<span style="color:#1f77b4">{_t("loss")}</span>' if not self.racing else
                 _t("lanes")]
        if self.racing and self.band is not None:
            items = [f'<span style="color:{BAND_MEAN}">{_t("mean")}</span>',
                     f'<span style="color:{BAND_EDGE}">{_t("band")}</span>']
        if self.show_gnorm:
            items.append('<span style="color:#ff7f0e">╍╍ ‖∇f(θ)‖</span>')
        items += self.legend_extra
        # lines break between entries or words, never between a swatch and its name
        title = re.sub(r"([━▮╍╌]) ", r"\1&nbsp;", "&nbsp;&nbsp; ".join(items))
        if title == self._title:
            return  # set again, it would lay the plot out again
        self._title = title
        self.getPlotItem().setTitle(title, size="10pt")
        self._fit_title()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # before the plot is laid out at the new size: the title's least width is part of it
        if event is not None and self.getPlotItem() is not None:  # None: pyqtgraph builds it
            self._fit_title(event.size().width())
        super().resizeEvent(event)

    def _fit_title(self, width: int | None = None) -> None:
        """The legend line (over the curves' column) wrapped to its width less the corners (a
        "?" sits in one): in a narrow window it takes two lines instead of running over the
        curves or under the button."""
        pi = self.getPlotItem()
        label = pi.titleLabel
        # the curves' column from the widget's width (not the view box's: the title's own
        # least width sets that one)
        axes = sum(pi.getAxis(side).width() for side in ("left", "right")
                   if pi.getAxis(side).isVisible())
        room = (self.width() if width is None else width) - axes - 2 * TITLE_CORNER
        wrap_centered(label, room - 2 * label.item.document().documentMargin())
        label.updateMin()
        height = max(TITLE_HEIGHT, int(label.itemRect().height()) + 2)
        label.setMaximumHeight(height)
        pi.layout.setRowFixedHeight(0, height)

    def set_legend_extra(self, items: list[str]) -> None:
        """Legend entries (HTML) for curves another item draws on this plot."""
        if items != self.legend_extra:
            self.legend_extra = items
            self._legend()

    def set_line_scale(self, k: float) -> None:
        """Every curve ``k``× as wide (a race's at their next drawing)."""
        self.line_scale = k
        self.loss.setPen(pg.mkPen("#1f77b4", width=2 * k))
        self.gnorm.setPen(pg.mkPen("#ff7f0e", width=1.5 * k, style=Qt.PenStyle.DashLine))
        self.bandMean.setPen(pg.mkPen(BAND_MEAN, width=1.5 * k))

    def set_budget(self, steps: int, grow: bool = True) -> None:
        """The step budget: the x axis ends there once the run is past half of it (before,
        at the half, quarter… that holds the steps drawn: see :func:`step_axis_end`); not
        ``grow``: there from the first step on (an animation's frames keep one axis)."""
        self.budget, self._grow = max(int(steps), 1), grow
        self._x_end = None
        self._follow(self._drawn_k)

    def _follow(self, k: int) -> None:
        """The x axis for ``k`` steps drawn: set only when its end changes (a few times a
        run), so the axis is not redrawn at every frame."""
        self._drawn_k = k
        end = step_axis_end(k, self.budget) if self._grow else self.budget
        if end != self._x_end:
            self._x_end = end
            pi = self.getPlotItem()
            pi.enableAutoRange(x=False)
            pi.setXRange(0, end, padding=0)

    def set_log(self, on: bool) -> None:
        self.log = on
        self._fixed_y = None
        self.getPlotItem().setLogMode(y=on)  # which turns autorange on for x too:
        self.bandFill.updatePath()  # its curves re-map without telling it: the fill follows
        self._x_end = None  # the x axis stays 0 … its end (no negative steps)
        self._follow(self._drawn_k)
        self._thin_again()  # the lanes' curves were thinned to the other scale's pixels
        # the axis still says "loss": the log-scale box beside it and the 10ⁿ ticks tell the
        # scale, and a longer label overran a race's short plot in a 1024 × 700 window

    def set_gnorm_visible(self, on: bool) -> None:
        self.show_gnorm = on
        self.gnorm.setVisible(on)
        self._fixed_y = None
        self._legend()

    def _place_hint(self, *_args) -> None:
        rect = self.getPlotItem().getViewBox().boundingRect()
        for item in (self.hint, self.note):
            wrap_centered(item, rect.width() * 0.9)
        self.hint.setPos(rect.center())
        self.note.setPos(rect.center().x(), rect.top() + rect.height() * 0.55)

    def set_data(self, loss: np.ndarray, drawn: Callable[[str], tuple[np.ndarray, np.ndarray]]
                 ) -> None:
        """The loss (n,) and gradient norm against the step number, as ``drawn(column)``
        gives them (``(steps, values)``, decimated: :func:`decimate`); a race's lanes draw
        their own (:meth:`set_lanes`): only the gradient norm is drawn then, if shown."""
        self.hint.setVisible(len(loss) <= 1)
        s, l_ = drawn("loss")
        if not self.racing:
            self.loss.setData(s, self._positive(l_), connect="finite")
            self._follow(len(loss) - 1)
        if self.show_gnorm:
            s, g = drawn("grad_norm")
            self.gnorm.setData(s, self._positive(g), connect="finite")
        if len(loss):  # the decimated values keep every bin's min and max: no pass over all
            self._fit_y(np.concatenate([loss[:1], l_, loss[-1:]]), len(loss) - 1)

    def _fit_y(self, values: np.ndarray, steps: int) -> None:
        """Autoscale, unless the loss barely moved or there is only the start's: then keep 0
        (log: a decade) in view."""
        note = small_change_note(values, steps) if not self.show_gnorm else ""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        pi = self.getPlotItem()
        start_only = steps == 0 and bool(np.all(np.isfinite(values)))
        if not (note or start_only):
            if self._fixed_y is not None:
                self._fixed_y = None
                pi.enableAutoRange(y=True)
            return
        lo, hi = float(values.min()), float(values.max())
        if self.log:
            top = np.log10(hi) if hi > 0 else 0.0
            want = (top - 1.0, top + 0.1)
        else:
            pad = 0.05 * max(abs(lo), abs(hi)) or 1.0
            want = (min(lo, 0.0) - (pad if lo < 0 else 0.0), max(hi, 0.0) + pad)
        if want != self._fixed_y:
            self._fixed_y = want
            pi.setYRange(*want, padding=0)

    def _positive(self, y: np.ndarray) -> np.ndarray:
        if not self.log:
            return y
        with np.errstate(invalid="ignore"):
            return np.where(y > 0, y, np.nan)  # log scale: non-positive values are not drawn
