"""lr(t) on the loss plot: the rate of each update (the trajectory's ``lr`` column) on a
second, right-hand axis that shares the loss curve's steps.

It shows when the rate varies along a run (a schedule, or a rate changed during it) and hides
when it is constant, so a plain run's loss plot stays as it was.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..i18n import translate
from .plots import LABEL_CSS, MAX_CURVE_POINTS, LossPlot, decimate, style_axes

LR_COLOR = "#2a8c3c"  # green: apart from the loss's blue and the gradient norm's orange


def lr_curves(session) -> list[tuple[np.ndarray, str, bool]]:
    """``(lr (n,), colour, varies)`` of each lane of the session's race, or of its single run
    in :data:`LR_COLOR`; ``varies``: the rate is not the same all along (from the history's
    running range, not a scan of the rows at every frame)."""
    lanes = session.lanes if session.racing else [session.lane]
    return [(lane.history.data[:, lane.history.columns.index("lr")],
             lane.color if session.racing else LR_COLOR,
             lane.history.lr_min < lane.history.lr_max)
            for lane in lanes if "lr" in lane.history.columns]


class LrAxis:
    """The lr curves of a :class:`~gdlab.ui.views.plots.LossPlot` on its right axis
    (from 0, linear, whatever the loss's scale)."""

    def __init__(self, plot: LossPlot) -> None:
        self.plot = plot
        self.pi = pi = plot.getPlotItem()
        self.view = pg.ViewBox(enableMouse=False)
        pi.scene().addItem(self.view)
        axis = pi.getAxis("right")
        axis.linkToView(self.view)
        axis.enableAutoSIPrefix(False)
        style_axes(axis)
        pi.setLabel("right", translate("LossPlot", "learning rate"),
                    **{**LABEL_CSS, "color": LR_COLOR})
        self.view.setXLink(pi.getViewBox())
        pi.getViewBox().sigResized.connect(self._follow)
        self.curves: list[pg.PlotDataItem] = []
        self.shown = True
        self.show(False)

    def _follow(self, *_args) -> None:
        self.view.setGeometry(self.pi.getViewBox().sceneBoundingRect())
        self.view.linkedViewChanged(self.pi.getViewBox(), self.view.XAxis)

    def show(self, on: bool) -> None:
        if on != self.shown:
            self.shown = on
            self.pi.showAxis("right", on)
            self.view.setVisible(on)
        # short, and none in a race: the legend is one line above the plot and sets its
        # least width (the right axis' green title names the dashed curves)
        self.plot.set_legend_extra([f'<span style="color:{LR_COLOR}">╌╌ lr</span>']
                                   if on and not self.plot.racing else [])

    def set_curves(self, curves: list[tuple[np.ndarray, str, bool]]) -> None:
        """Draw each ``(lr (n,), colour, varies)``; shown only when some rate varies."""
        varies = any(v for _, _, v in curves)
        self.show(varies)
        if not varies:
            return
        axis = self.pi.getAxis("right")
        if axis.logMode:  # the loss's log scale is set on every axis: this one stays linear
            axis.setLogMode(False, False)
        while len(self.curves) < len(curves):
            item = pg.PlotDataItem(skipFiniteCheck=True)
            self.view.addItem(item)
            self.curves.append(item)
        top = 0.0
        for j, item in enumerate(self.curves):
            item.setVisible(j < len(curves))
            if j < len(curves):
                lr, color, _ = curves[j]
                s, v = decimate(lr, MAX_CURVE_POINTS)
                item.setPen(pg.mkPen(color, width=1.6, style=Qt.PenStyle.DashLine))
                item.setData(s, v, connect="finite")
                top = max(top, float(np.nanmax(v)) if len(v) else 0.0)
        self.view.setYRange(0.0, top * 1.08 or 1.0, padding=0)
