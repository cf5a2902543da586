"""The gradient-field overlay: −∇f arrows on a coarse grid over the map ("the gradient points
uphill, descent goes the other way"), for any 2-D objective, typed formulas included."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer

from .plots import PathPlot

GRID = 17  # arrows per side
FIELD_COLOR = (255, 255, 255, 200)
HEAD = 0.35  # arrowhead length, as a share of the arrow
FOLLOW_MS = 120  # a zoom or pan settles this long before the arrows follow


def arrow_segments(objective, box: tuple[float, float, float, float],
                   n: int = GRID) -> np.ndarray:
    """Line segments (M, 2), NaN rows between pieces, of −∇f arrows at the centres of an
    ``n``×``n`` grid over ``box`` (a shaft and two barbs each). Lengths grow with |∇f| (the
    square root of its share of the largest, so weak slopes still show) up to 0.85 of a
    cell; where f or ∇f is undefined, or ∇f is zero, there is no arrow."""
    x0, x1, y0, y1 = box
    cx, cy = (x1 - x0) / n, (y1 - y0) / n
    X, Y = np.meshgrid(x0 + cx * (np.arange(n) + 0.5), y0 + cy * (np.arange(n) + 0.5))
    with np.errstate(all="ignore"):
        gx, gy = (np.asarray(g, dtype=float) * np.ones_like(X) for g in objective.grad(X, Y))
        norm = np.hypot(gx, gy)
        ok = (np.isfinite(norm) & (norm > 0) & np.isfinite(objective.f(X, Y))
              & ~objective.undefined_at(X, Y))
        if not ok.any():
            return np.empty((0, 2))
        size = 0.85 * min(cx, cy) * np.sqrt(norm[ok] / np.max(norm[ok]))
        ux, uy = -gx[ok] / norm[ok], -gy[ok] / norm[ok]  # −∇f, a unit vector
    X, Y = X[ok], Y[ok]
    tail = np.column_stack([X - 0.5 * size * ux, Y - 0.5 * size * uy])
    tip = np.column_stack([X + 0.5 * size * ux, Y + 0.5 * size * uy])
    nan = np.full_like(tip, np.nan)
    rows = [tail, tip, nan]
    for angle in (2.6, -2.6):  # the two barbs, about 30° off the shaft, pointing back
        c, s = np.cos(angle), np.sin(angle)
        barb = np.column_stack([ux * c - uy * s, ux * s + uy * c]) * (HEAD * size)[:, None]
        rows += [tip, tip + barb, nan]
    return np.stack(rows, axis=1).reshape(-1, 2)


class GradientField:
    """The arrows on ``plot``, over the visible part of its surface's box, for the objective
    given (None: a model or nothing to draw)."""

    def __init__(self, plot: PathPlot) -> None:
        self.plot = plot
        self.item = pg.PlotCurveItem(pen=pg.mkPen(FIELD_COLOR, width=1.4), connect="finite",
                                     skipFiniteCheck=True)
        self.item.setZValue(1.5)  # over the map (and a basin overlay), under the path
        self.item.setVisible(False)
        plot.addItem(self.item)
        self.objective = None
        self.on = False
        self._follow = QTimer(plot, singleShot=True, interval=FOLLOW_MS)  # dies with the plot
        self._follow.timeout.connect(self.redraw)
        plot.getPlotItem().getViewBox().sigRangeChanged.connect(self._follow.start)

    def set_objective(self, objective) -> None:
        self.objective = objective
        self.redraw()

    def set_on(self, on: bool) -> None:
        self.on = on
        self.redraw()

    def redraw(self) -> None:
        show = self.on and self.objective is not None
        self.item.setVisible(show)
        if not show:
            return
        (x0, x1), (y0, y1) = self.plot.getPlotItem().getViewBox().viewRange()
        surf = self.plot.surface
        if surf is not None:  # within the problem's box: outside it the map is tinted grey
            bx0, bx1, by0, by1 = surf.box
            x0, x1, y0, y1 = max(x0, bx0), min(x1, bx1), max(y0, by0), min(y1, by1)
        if not (x0 < x1 and y0 < y1):
            self.item.setData([], [])
            return
        segs = arrow_segments(self.objective, (x0, x1, y0, y1))
        self.item.setData(segs[:, 0], segs[:, 1]) if len(segs) else self.item.setData([], [])
