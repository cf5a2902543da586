"""The h-sweep under the gradient check's table: the numerical gradient's error against h
(log-log, float64 and float32), the check's h marked, and a sentence on what the V means.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...engine.analysis.hsweep import HSweep
from ..i18n import translate
from ..widgets.numbers import format_factor
from .plots import LABEL_CSS, style_axes

COLORS = {"float64": "#1f77b4", "float32": "#e66100"}
TINY_H = 1e-10  # the h a learner is tempted by: its error is shown beside the check's


def _sci(v: float) -> str:
    m, e = f"{v:.1e}".split("e")
    return f"{m}e{int(e)}"


def _h(v: float) -> str:
    """``1e-4``, ``3.2e-6``."""
    m, e = f"{v:.1e}".split("e")
    return f"{m.rstrip('0').rstrip('.')}e{int(e)}"


def explain(sweep: HSweep, h: float) -> str:
    """A few plain sentences on the sweep, with its numbers."""
    e, tiny = sweep.at(h), sweep.at(TINY_H)
    values = dict(h=_h(h), error=_sci(e), tiny=_h(TINY_H), tiny_error=_sci(tiny))
    if sweep.grad_scale > 0 and sweep.at(TINY_H, "float32") >= 0.99 * sweep.grad_scale:
        # θ ± h == θ in float32: both losses equal, the estimate is 0, the error all of g
        at = translate("HSweep", "At h = {h} the error is {error}; at {tiny} it is {tiny_error}, "
                       "and in float32 θ ± {tiny} rounds to θ itself: the estimate is 0")
    else:
        at = translate("HSweep", "At h = {h} the error is {error}; at {tiny} it is {tiny_error}")
    at = at.format(**values)
    if sweep.truncation_free:
        return translate("HSweep", "No truncation error here: the central difference is exact "
                         "for a quadratic, so only rounding is left (∝ ε/h), and it shrinks as h "
                         "grows. {at}.").format(at=at)
    best = {p: sweep.best(p) for p in sweep.error}
    near = translate("HSweep", "{precision} near {h}")
    comma = translate("HSweep", ", ", "between the items of a list")
    where = comma.join(near.format(precision=p, h=_h(b)) for p, b in best.items() if b is not None)
    if e > 0 and tiny > e:
        at = translate("HSweep", "{at} ({factor}× larger)").format(at=at, factor=format_factor(tiny / e))
    return translate("HSweep", "The error is smallest for {where}. Right of the dip, truncation "
                     "(∝ h²): the difference is not the slope. Left of it, rounding (∝ ε/h): "
                     "f(θ+h) and f(θ−h) share most of their digits and subtracting them loses "
                     "them. {at}.").format(where=where, at=at)


def _powers(lo: float, hi: float) -> list[list[tuple[float, str]]]:
    """Ticks at the powers of ten from ``lo`` to ``hi`` (log10 units), at most about 7."""
    first, last = int(np.floor(lo)), int(np.ceil(hi))
    step = max(1, int(np.ceil((last - first) / 7)))
    return [[(float(p), f"1e{p}" if p else "1") for p in range(first, last + 1, step)]]


class HSweepView(QWidget):
    """``hSweepPlot`` and ``hSweepNote``; :meth:`show_sweep` draws a sweep."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("hSweepView")
        self.plot = pg.PlotWidget(objectName="hSweepPlot")
        self.plot.setBackground("w")
        self.plot.setMinimumHeight(180)
        pi = self.plot.getPlotItem()
        # drawn in log10 coordinates with power-of-ten ticks, not in pyqtgraph's log mode:
        # an auto-ranging log-mode plot in the window upset the map's aspect lock
        pi.disableAutoRange()
        pi.setLabel("bottom", translate("HSweep", "step h"), **LABEL_CSS)
        pi.setLabel("left", translate("HSweep", "error"), **LABEL_CSS)
        style_axes(pi.getAxis("left"), pi.getAxis("bottom"))
        pi.setMouseEnabled(x=False, y=False)
        pi.hideButtons()
        self.curves = {p: pi.plot(pen=pg.mkPen(c, width=2)) for p, c in COLORS.items()}
        self.hLine = pg.InfiniteLine(angle=90, pen=pg.mkPen("#444", width=1,
                                                            style=Qt.PenStyle.DashLine))
        pi.addItem(self.hLine)
        # the check's h and TINY_H on the float64 curve
        self.marks = pi.plot(pen=None, symbol="o", symbolSize=8, symbolPen=pg.mkPen("#222"),
                             symbolBrush=pg.mkBrush("#fff"))
        pi.setTitle("&nbsp;&nbsp;".join(f'<span style="color:{c}">━━ {p}</span>'
                                         for p, c in COLORS.items())
                    + "&nbsp;&nbsp;" + translate("HSweep", "╌ the check's h"), size="9pt")
        self.note = QLabel(wordWrap=True, objectName="hSweepNote")
        self.note.setStyleSheet("color: #333;")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(translate("HSweep", "The numerical gradient's error against h "
                                       "(log-log):")))
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.note)
        self.sweep: HSweep | None = None

    def show_sweep(self, sweep: HSweep, h: float) -> None:
        """Draw ``sweep`` with the check's ``h`` marked (errors of 0 are not drawn: log)."""
        self.sweep = sweep
        with np.errstate(divide="ignore", invalid="ignore"):
            for p, curve in self.curves.items():
                e = sweep.error[p]
                curve.setData(np.log10(sweep.h), np.log10(np.where(e > 0, e, np.nan)),
                              connect="finite")
        pi = self.plot.getPlotItem()
        self.hLine.setValue(np.log10(h))
        x = np.log10(sweep.h)
        pi.setXRange(x.min() - 0.2, x.max() + 0.2, padding=0)
        pi.getAxis("bottom").setTicks(_powers(x.min(), x.max()))
        e = np.concatenate([sweep.error[p] for p in self.curves])
        e = np.log10(e[np.isfinite(e) & (e > 0)])
        if len(e):
            pi.setYRange(e.min() - 0.3, e.max() + 0.3, padding=0)
            pi.getAxis("left").setTicks(_powers(e.min(), e.max()))
        points = [(x, sweep.at(x)) for x in (h, TINY_H) if sweep.at(x) > 0]
        self.marks.setData([np.log10(x) for x, _ in points], [np.log10(e) for _, e in points])
        self.note.setText(explain(sweep, h))

    def clear(self) -> None:
        self.sweep = None
        for curve in self.curves.values():
            curve.setData([], [])
        self.marks.setData([], [])
        self.note.setText("")
