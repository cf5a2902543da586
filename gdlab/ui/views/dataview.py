"""The data view: a model's training data with what the current parameters make of it.

``DataView.set_problem(problem)`` draws the data once, as the model declares
(``data_plot``); ``set_params(params)`` updates, in place, the fitted line and its
residuals (``data_plot`` "line": ``linreg-w``, ``linreg``, ``adaline``) or the decision
regions and boundary ("classes": ``mlp``; class probabilities on a 120 × 120 grid over
the data's box, one ``predict`` call, about 7 ms with its boundary for a 2-32-2 network:
fine at ≤ 10 Hz, not meant to run on every frame of a 60 Hz redraw).

Window use::

    view = DataView()
    view.set_problem(problem)          # when the problem changes
    view.set_params(run_params)        # throttled, e.g. every 100 ms while running
"""

from __future__ import annotations

import html
import re
from typing import Any, Sequence

import contourpy
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from ..i18n import localized, translate
from .settled import SettledViewBox

#: qualitative class palette (Tableau 10), class c gets PALETTE[c % 10]
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
REGION_GRID = 120
TINT = 0.30  # the regions' colours: this much of the class colour over white
POINT_COLOR = "#1f77b4"
LINE_COLOR = "#d62728"


#: the errors a line's title can show (a model lists its own in ``fit_measures``): r = f(x) − y
FIT_MEASURES = {"MSE": lambda r: float(np.mean(r * r)),
                QT_TRANSLATE_NOOP("DataView", "mean |error|"): lambda r: float(np.mean(np.abs(r)))}
#: a character of a script written without spaces (CJK): a line may break around it
UNSPACED = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
WORDS = re.compile(rf"[{UNSPACED}]|[^\s{UNSPACED}]+")

TEXT_COLOR = "#222"
TITLE_PT = 10


def _rgb(hex_color: str) -> np.ndarray:
    h = hex_color.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


def region_colors(probs: np.ndarray, classes: int) -> np.ndarray:
    """RGB uint8 (…, 3) for class probabilities (…, C): the light class tints mixed by
    probability, so confident regions show the class colour and uncertain ones fade."""
    tints = np.array([255.0 - TINT * (255.0 - _rgb(PALETTE[c % len(PALETTE)]))
                      for c in range(classes)])
    # sharpen a little so the argmax reads clearly, while the 50/50 band stays pale
    w = probs ** 2
    w /= w.sum(axis=-1, keepdims=True)
    return np.clip(w @ tints, 0, 255).astype(np.uint8)


def compute_regions(p: Any, params: Sequence[Any], grid: np.ndarray, xs: np.ndarray,
                    ys: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray], float | None]:
    """A classifier's class probabilities on the grid (len(ys), len(xs), C), its decision
    boundary (x, y with nan breaks) and its training accuracy (None when not finite)."""
    with np.errstate(all="ignore"):
        probs = np.asarray(p.predict(params, grid), dtype=float)
    probs = probs.reshape(len(ys), len(xs), probs.shape[1])
    if not np.all(np.isfinite(probs)):
        return probs, (np.empty(0), np.empty(0)), None
    return probs, boundary_lines(xs, ys, probs), float(p.accuracy(params))


def boundary_lines(xs: np.ndarray, ys: np.ndarray, probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The decision boundary: the zero lines of p_c − max_{j≠c} p_j."""
    C = probs.shape[-1]
    parts = []
    for c in range(C if C > 2 else 1):
        others = np.delete(probs, c, axis=-1).max(axis=-1)
        gen = contourpy.contour_generator(xs, ys, probs[..., c] - others)
        for line in gen.lines(0.0):
            parts.append(line)
            parts.append(np.array([[np.nan, np.nan]]))
    if not parts:
        return np.empty(0), np.empty(0)
    pts = np.concatenate(parts)
    return pts[:, 0], pts[:, 1]


class DataView(pg.PlotWidget):
    """Scatter of a model's data with the fitted line or the decision regions.

    API: :meth:`set_problem`, :meth:`set_params`, :meth:`clear_problem`. After
    ``set_params`` the public attributes hold what is drawn: ``summary`` (the title
    text), ``probs`` (REGION_GRID, REGION_GRID, C) for ``mlp``, ``line_y`` for a line.
    ``legend`` lists (colour, symbol, label): it is drawn as a line of the title, above the
    plot, so that it never covers the data.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent, viewBox=SettledViewBox())
        self.setObjectName("dataView")
        self.setBackground("w")
        self.setMenuEnabled(False)
        self.setMinimumSize(220, 160)  # fits the side tabs of a 1024 × 700 window
        pi = self.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.2)
        for ax in ("left", "bottom"):
            axis = pi.getAxis(ax)
            axis.enableAutoSIPrefix(False)
            axis.setTextPen("#333")
            axis.setPen("#999")
            # an axis and its grid change only with the data's ranges: painted from a cached
            # pixmap, not by playing their picture again (~4 ms each per paint of a running model)
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        pi.hideButtons()
        # labels from the start: showing one later changes the axis size after layout
        pi.setLabel("bottom", "x", color="#333")
        pi.setLabel("left", "y", color="#333")
        self.legend: list[tuple[str, str, str]] = []
        self.regions = pg.ImageItem(axisOrder="row-major")
        self.regions.setZValue(-10)
        self.boundary = pg.PlotCurveItem(pen=pg.mkPen("#333", width=1.5,
                                                      style=Qt.PenStyle.DashLine),
                                         connect="finite", skipFiniteCheck=True)
        self.residuals = pg.PlotCurveItem(pen=pg.mkPen((120, 120, 120, 150), width=1),
                                          connect="pairs", skipFiniteCheck=True)
        self.line = pg.PlotCurveItem(pen=pg.mkPen(LINE_COLOR, width=2.5))
        for item in (self.regions, self.boundary, self.residuals, self.line):
            pi.addItem(item)
        self.scatters: list[pg.ScatterPlotItem] = []  # the shown ones, one per group of points
        self._items: list[pg.ScatterPlotItem] = []  # every scatter item made, shown or hidden
        self._drawn: list[tuple | None] = []  # per item: the (x, y, colour) it shows
        self.problem: Any = None
        self.params: list | None = None
        self.summary = ""
        self.probs: np.ndarray | None = None
        self.line_y: np.ndarray | None = None
        self._grid: np.ndarray | None = None
        self._grid_xy: tuple[np.ndarray, np.ndarray] | None = None
        self._line_x = np.empty(0)
        self._measured: tuple | None = None  # the view's range and box when the axes measured
        self._title: list[str] = []
        self._set_title()

    # -- problem ---------------------------------------------------------------------------
    def clear_problem(self, message: str = "") -> None:
        """Remove the data and every fitted item; optionally show ``message`` as the title."""
        self._show_points([])
        self._clear_fit()
        self.problem, self._grid, self.legend = None, None, []
        self._set_title(message)

    def _clear_fit(self) -> None:
        """Remove what parameters made of the data (the regions, the line and its residuals)."""
        self.regions.clear()
        self.regions.setVisible(False)
        for item in (self.boundary, self.residuals, self.line):
            item.setData([], [])
            item.setVisible(False)
        self.params, self.probs, self.line_y = None, None, None

    def set_problem(self, problem: Any) -> None:
        """Draw ``problem``'s data; its points are updated in place, and stay untouched when
        only the model changed (another number of hidden units: the same 2,000 points). A
        2-D objective has no data: the view is cleared with a note."""
        if getattr(problem, "kind", None) != "model":
            self.clear_problem(translate("DataView", "no data: a 2-D test function has only its "
                                         "two parameters"))
            return
        self._clear_fit()
        if self._same_data(problem):  # another model of the same data (hidden units, batch…):
            self.problem = problem  # its points, ranges, region grid and legend are kept
            self._show_fit_items()
            self._set_title(localized(problem.title))
            return
        self.problem, self._grid, self._grid_xy = problem, None, None  # a classifier sets its own
        X, y = problem.data
        pi = self.getPlotItem()
        if problem.data_plot == "classes":
            self._setup_classification(problem, X, y)
            pi.setLabel("bottom", "x₁", color="#333")
            pi.setLabel("left", "x₂", color="#333")
            pi.getViewBox().setAspectLocked(False)  # the regions fill the view
        else:
            self._setup_regression(problem, X, y)
            pi.setLabel("bottom", "x", color="#333")
            pi.setLabel("left", "y", color="#333")
            pi.getViewBox().setAspectLocked(False)
        self._set_title(localized(problem.title))

    def _show_fit_items(self) -> None:
        """The items parameters draw, shown (empty): a classifier's regions (white, the size
        of its grid) and boundary, or a line and its residuals."""
        if self.problem.data_plot == "classes":
            self.regions.setImage(np.full((REGION_GRID, REGION_GRID, 3), 255, np.uint8),
                                  autoLevels=False, levels=(0, 255))
            fit = (self.regions, self.boundary)
        else:
            fit = (self.line, self.residuals)
        for item in fit:
            item.setVisible(True)

    def _same_data(self, problem: Any) -> bool:
        """Does ``problem`` show what the view shows: the same data, drawn the same way (its
        points, ranges, region grid and legend are then kept)?"""
        old = self.problem
        if old is None:
            return False

        def drawn(p: Any) -> tuple:
            return (p.data_plot, localized(p.title), getattr(p, "classes", None),
                    getattr(p, "fit_through_origin", None), getattr(p, "fit_label", None))

        return drawn(old) == drawn(problem) and all(np.array_equal(a, b)
                                                    for a, b in zip(old.data, problem.data))

    def _show_points(self, groups: list[tuple[np.ndarray, np.ndarray, str]]) -> None:
        """One scatter per group (x, y, colour), on the view's own items: an item is given
        new points only when they differ from its own; the items left over are hidden."""
        pi = self.getPlotItem()
        while len(self._items) < len(groups):
            item = pg.ScatterPlotItem(size=7, symbol="o", pen=pg.mkPen("w", width=0.8))
            pi.addItem(item)
            self._items.append(item)
            self._drawn.append(None)
        for i, item in enumerate(self._items):
            if i >= len(groups):
                if self._drawn[i] is not None:
                    item.setData([], [])
                    item.setVisible(False)
                    self._drawn[i] = None
                continue
            x, y, color = groups[i]
            had = self._drawn[i]
            if had is None or had[2] != color or not (np.array_equal(had[0], x)
                                                       and np.array_equal(had[1], y)):
                item.setData(x, y, brush=pg.mkBrush(color))
                self._drawn[i] = (x, y, color)
            item.setVisible(True)
        self.scatters = self._items[:len(groups)]

    def _setup_classification(self, problem: Any, X: np.ndarray, y: np.ndarray) -> None:
        classes = int(getattr(problem, "classes", int(y.max()) + 1))
        groups = []
        self.legend = []
        for c in range(classes):
            pts = X[y == c]
            groups.append((pts[:, 0], pts[:, 1], PALETTE[c % len(PALETTE)]))
            self.legend.append((PALETTE[c % len(PALETTE)], "●",
                                translate("DataView", "class {c}").format(c=c)))
        self._show_points(groups)
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = 0.12 * (hi - lo) + 1e-9
        x0, y0 = lo - pad
        x1, y1 = hi + pad
        xs = np.linspace(x0, x1, REGION_GRID)
        ys = np.linspace(y0, y1, REGION_GRID)
        gx, gy = np.meshgrid(xs, ys)  # rows are y
        self._grid = np.column_stack([gx.ravel(), gy.ravel()])
        self._grid_xy = (xs, ys)
        # pixel centres on the grid points; setRect needs an image of the final size first
        self._show_fit_items()
        dx, dy = xs[1] - xs[0], ys[1] - ys[0]
        self.regions.setRect(x0 - dx / 2, y0 - dy / 2, dx * REGION_GRID, dy * REGION_GRID)
        self.getPlotItem().getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _setup_regression(self, problem: Any, X: np.ndarray, y: np.ndarray) -> None:
        pi = self.getPlotItem()
        self._show_points([(np.asarray(X, dtype=float).ravel(), np.asarray(y, dtype=float),
                            POINT_COLOR)])
        lo, hi = float(X.min()), float(X.max())
        if problem.fit_through_origin:
            lo = min(lo, 0.0)
        pad = 0.08 * (hi - lo) + 1e-9
        self._line_x = np.array([lo - pad, hi + pad])
        self._show_fit_items()
        self.legend = [(POINT_COLOR, "●", translate("DataView", "data")),
                       (LINE_COLOR, "━━", localized(problem.fit_label))]
        ylo, yhi = float(y.min()), float(y.max())
        ypad = 0.12 * (yhi - ylo) + 1e-9
        pi.getViewBox().setRange(xRange=tuple(self._line_x),
                                 yRange=(min(ylo, 0.0) - ypad, yhi + ypad), padding=0)

    # -- parameters --------------------------------------------------------------------------
    def set_params(self, params: Sequence[Any]) -> None:
        """Show what ``params`` (the problem's parameter leaves) make of the data."""
        job = self.regions_job(params)
        if job is not None:
            self.show_regions(job())
        elif self.problem is not None:
            self.params = [np.array(q) for q in params]
            self._update_line(self.problem, params)

    def regions_job(self, params: Sequence[Any]):
        """For a classifier, a function computing its regions at ``params`` in any thread (its
        result goes to :meth:`show_regions`); None for a line, quick to draw."""
        if self.problem is None or self._grid is None:
            return None
        p, grid, (xs, ys) = self.problem, self._grid, self._grid_xy
        params = [np.array(q) for q in params]
        return lambda: (params, *compute_regions(p, params, grid, xs, ys))

    def show_regions(self, result: tuple) -> None:
        """Draw what :meth:`regions_job`'s function returned."""
        self.params, probs, lines, acc = result
        self.probs = probs
        if acc is None:
            self.regions.clear()
            self.boundary.setData([], [])
            self._set_title(translate("DataView", "the weights are not finite (diverged)"))
            return
        self.regions.setImage(region_colors(probs, probs.shape[-1]), autoLevels=False,
                              levels=(0, 255))
        self.boundary.setData(*lines)
        self.summary = translate("DataView", "training accuracy {percent}%").format(
            percent=f"{100 * acc:.1f}")
        self._set_title(self.summary)

    def _update_line(self, p: Any, params: Sequence[Any]) -> None:
        X, y = p.data
        with np.errstate(all="ignore"):
            self.line_y = np.asarray(p.predict(params, self._line_x), dtype=float)
            pred = np.asarray(p.predict(params, X), dtype=float)
            errors = [f"{translate('DataView', m)} {FIT_MEASURES[m](pred - y):.4g}"
                      for m in p.fit_measures]
        self.line.setData(self._line_x, self.line_y)
        seg_x = np.repeat(X, 2)
        seg_y = np.column_stack([y, pred]).ravel()
        self.residuals.setData(seg_x, seg_y)
        names = p.param_names
        vals = ", ".join(f"{n} = {float(v):.4g}" for n, v in zip(names, params))
        self.summary = f"{'   ·   '.join(errors)}   ({vals})"
        self._set_title(*errors, f"({vals})")

    # -- helpers -----------------------------------------------------------------------------
    def _set_title(self, *chunks: str) -> None:
        """The title: ``chunks`` (plain text, e.g. one per measure) on a line, then the
        legend's entries, above the plot: wrapped to its width between chunks, so that neither
        covers the data nor widens the plot."""
        self._title = [c for c in chunks if c]
        self._layout_title()

    def resizeEvent(self, ev: Any) -> None:
        super().resizeEvent(ev)
        # pyqtgraph resizes before __init__ is through, and after close() dropped the plot
        if hasattr(self, "_title") and self.plotItem is not None:
            self._layout_title()

    def _layout_title(self) -> None:
        pi = self.getPlotItem()
        font = QFont(self.font())
        font.setPointSizeF(TITLE_PT)
        fm = QFontMetrics(font)
        width = self.width() - pi.getAxis("left").width() - 12
        entries = [(f"{symbol} {label}",
                    f'<span style="color:{color}">{symbol}</span>&nbsp;{html.escape(label)}')
                   for color, symbol, label in self.legend]
        lines = (wrap_chunks([(c, html.escape(c)) for c in self._title], width, fm)
                 + wrap_chunks(entries, width, fm))
        pi.setTitle("<br>".join(lines), color=TEXT_COLOR, size=f"{TITLE_PT}pt")
        height = max(len(lines), 1) * fm.lineSpacing() + 12
        pi.titleLabel.setMinimumWidth(0)  # a line longer than the plot is clipped, not widening it
        pi.titleLabel.setMaximumHeight(height)  # setTitle leaves room for one line only
        pi.layout.setRowFixedHeight(0, height)
        self._settle_layout()

    def _settle_layout(self) -> None:
        """The plot's geometry for what it shows now, before it is painted: the left axis
        measures its tick labels (pyqtgraph does it while painting, then widens the axis and
        paints the view again) and the layout takes the title's and the axis' sizes at once
        (Qt posts that for after the paint)."""
        pi = self.getPlotItem()
        pi.layout.activate()
        vb = pi.getViewBox()
        box = (tuple(map(tuple, vb.viewRange())), vb.geometry().getRect())
        if self.isVisible() and box != self._measured:  # the tick labels may have changed
            self._measured = box
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            painter = QPainter(image)
            try:  # the bottom axis's height does not depend on its labels' text
                pi.getAxis("left").generateDrawSpecs(painter)
            finally:
                painter.end()
        pi.layout.activate()


def wrap_chunks(chunks: Sequence[tuple[str, str]], width: float, fm: QFontMetrics) -> list[str]:
    """Greedy lines (HTML) of ``chunks`` (plain text, its HTML) at most ``width`` pixels wide
    where possible: chunks three spaces apart, a chunk wider than a line broken between words."""
    tokens: list[tuple[str, str, str, str]] = []  # plain, html, separator before it (plain, html)
    for plain, text in chunks:
        if fm.horizontalAdvance(plain) <= width or text != html.escape(plain):
            tokens.append((plain, text, "   ", "&nbsp;" * 3))
        else:
            # between words, or between the characters of a script without spaces
            for m in WORDS.finditer(plain):
                sep = " " if m.start() and plain[m.start() - 1].isspace() else ""
                tokens.append((m.group(), html.escape(m.group()), sep, sep))
    lines: list[str] = []
    plain_line, html_line = "", ""
    for plain, text, sep, sep_html in tokens:
        if plain_line and fm.horizontalAdvance(plain_line + sep + plain) > width:
            lines.append(html_line)
            plain_line, html_line = "", ""
        if plain_line:
            plain_line, html_line = plain_line + sep, html_line + sep_html
        plain_line, html_line = plain_line + plain, html_line + text
    if plain_line:
        lines.append(html_line)
    return lines
