"""What the map draws for the chosen step: each lane's point at that step, and the update
from it as arrows — the plain gradient step −lr·g (dashed) and, where the optimizer's step
differs (momentum, Adam, …), the step actually taken (solid). Steps too short to see are
drawn magnified, with the factor written beside them."""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from ..i18n import translate
from ..widgets.numbers import format_factor

PLAIN_COLOR = "#ffffff"  # −lr·g: white, dashed, over the dark halo
TAKEN_COLOR = "#ff3b30"  # the step taken: the path's current-point red
CHOSEN_COLOR = "#ffb000"  # a single run's point at the chosen step (amber: not the current red)
HALO = (20, 20, 20, 170)
SAME = 1e-9  # relative difference under which the two steps are drawn as one
MIN_PX = 40.0  # a step drawn shorter than this on screen is magnified
TEXT = {"plain": QT_TRANSLATE_NOOP("StepMarks", "⇢ −lr·g"),
        "taken": QT_TRANSLATE_NOOP("StepMarks", "→ step taken"),
        "magnified": QT_TRANSLATE_NOOP("StepMarks", "(drawn ×{factor})")}


class StepMarks:
    """Items added to a :class:`~gdlab.ui.views.plots.PathPlot` (on top of the paths)."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        self.plot = plot
        self.points = pg.ScatterPlotItem(symbol="o", size=13, pen=pg.mkPen("#111111", width=2))
        self.points.setZValue(7)
        # the marks never widen the view: they are on the path, or an arrow off it
        plot.addItem(self.points, ignoreBounds=True)
        self._arrows = []
        # −lr·g over the step taken: often along it and shorter (Adam), it stays visible
        for color, style, z in ((PLAIN_COLOR, Qt.PenStyle.DashLine, 8.5),
                                (TAKEN_COLOR, Qt.PenStyle.SolidLine, 8)):
            halo = pg.PlotCurveItem(pen=pg.mkPen(HALO, width=5.5))
            shaft = pg.PlotCurveItem(pen=pg.mkPen(color, width=2.5, style=style))
            head = pg.ArrowItem(headLen=14, tipAngle=32, tailLen=0, brush=pg.mkBrush(color),
                                pen=pg.mkPen(HALO, width=1.2))
            for item in (halo, shaft, head):
                item.setZValue(z)  # over the chosen step's point
                item.setVisible(False)
                plot.addItem(item, ignoreBounds=True)
            self._arrows.append((halo, shaft, head))
        self._vectors: list[tuple[float, float, float, float] | None] = [None, None]
        self._magnify = True
        self._spots: list[tuple[float, float, str]] = []
        # the arrows' key, in the map's top left corner (view pixels, not data)
        self.key = pg.TextItem(anchor=(0, 0), fill=pg.mkBrush(30, 30, 30, 200))
        self.key.setParentItem(plot.getPlotItem().getViewBox())
        self.key.setPos(6, 6)
        self.key.setVisible(False)
        self._key_html = ""
        plot.getPlotItem().getViewBox().sigRangeChanged.connect(self._place)

    def set_points(self, spots: list[tuple[float, float, str]]) -> None:
        """The chosen step's point of each lane: ``(x, y, colour)`` (ringed in black, apart
        from the run's current point); none: hidden."""
        spots = [s for s in spots if math.isfinite(s[0]) and math.isfinite(s[1])]
        if spots == self._spots:
            return  # (a new set of points makes the view recompute its bounds)
        self._spots = spots
        self.points.setData([{"pos": (x, y), "brush": pg.mkBrush(c)} for x, y, c in spots])

    def set_steps(self, origin: tuple[float, float] | None, plain: np.ndarray | None,
                  taken: np.ndarray | None, magnify: bool = True) -> None:
        """Arrows from ``origin``: ``plain`` = −lr·g and ``taken`` = θ_{k+1} − θ_k, both (2,)
        (None: not drawn; the taken step only where it differs from the plain one); a short
        step is drawn magnified unless ``magnify`` is False (an arrow whose ends must stay
        where they are: on a curve)."""
        # θ_{k+1} − θ_k carries θ's rounding (a few ulps of |θ|): at lr 1e-8 that is ~1e-8 of
        # the step itself, and SGD's one step was drawn as two
        rounding = 4 * np.finfo(float).eps * (max(abs(v) for v in origin) if origin else 0.0)
        if taken is not None and plain is not None and np.allclose(
                taken, plain, rtol=SAME, atol=rounding):
            taken = None
        vectors = []
        for v in (plain, taken):
            ok = bool(origin is not None and v is not None and np.all(np.isfinite(v))
                      and np.all(np.isfinite(origin)) and np.any(v != 0))
            vectors.append((origin[0], origin[1], float(v[0]), float(v[1])) if ok else None)
        if vectors != self._vectors or magnify != self._magnify:
            self._vectors, self._magnify = vectors, magnify
            self._place()

    def clear(self) -> None:
        self.set_points([])
        self.set_steps(None, None, None)

    def _place(self, *_args) -> None:
        """Draw the arrows as they look on screen now: a step shorter than MIN_PX pixels is
        drawn magnified by a round factor (both arrows alike, labelled "×10"); a head points
        along its shaft as drawn (the axes' scales may differ)."""
        vb = self.plot.getPlotItem().getViewBox()
        screen = []
        for vec in self._vectors:
            if vec is not None:
                x, y, dx, dy = vec
                a = vb.mapViewToScene(pg.Point(x, y))
                b = vb.mapViewToScene(pg.Point(x + dx, y + dy))
                screen.append((b.x() - a.x(), b.y() - a.y()))
            else:
                screen.append(None)
        longest = max((math.hypot(*d) for d in screen if d is not None), default=0.0)
        factor = magnification(longest) if self._magnify else 1
        for vec, d, (halo, shaft, head) in zip(self._vectors, screen, self._arrows):
            for item in (halo, shaft, head):
                item.setVisible(vec is not None)
            if vec is None:
                continue
            x, y, dx, dy = vec
            xs, ys = [x, x + factor * dx], [y, y + factor * dy]
            halo.setData(xs, ys)
            shaft.setData(xs, ys)
            # ArrowItem's angle 0 points left (−x), turning clockwise on screen (y down)
            head.setStyle(angle=180 + math.degrees(math.atan2(d[1], d[0])))
            head.setPos(xs[1], ys[1])
        shown = [v is not None for v in self._vectors]
        self.key.setVisible(any(shown))
        if any(shown):
            parts = [f'<span style="color:{c}">{escape(translate("StepMarks", TEXT[name]))}</span>'
                     for on, c, name in zip(shown, (PLAIN_COLOR, "#ff6b60"), ("plain", "taken"))
                     if on]
            if factor > 1:
                magnified = translate("StepMarks", TEXT["magnified"]).format(
                    factor=format_factor(factor))
                parts.append(f'<span style="color:#dddddd">{escape(magnified)}</span>')
            html = '<span style="font-size:10pt">' + "&nbsp;&nbsp;".join(parts) + "</span>"
            if html != self._key_html:  # laying out HTML costs more than the rest of a frame
                self._key_html = html
                self.key.setHtml(html)


def magnification(pixels: float) -> int:
    """1, or the round factor (2, 5, 10, 20, …) that makes a step of ``pixels`` at least
    MIN_PX long on screen."""
    if pixels <= 0 or pixels >= MIN_PX:
        return 1
    for p in range(0, 12):
        for m in (1, 2, 5):
            f = m * 10 ** p
            if f > 1 and pixels * f >= MIN_PX:
                return f
    return 10 ** 12
