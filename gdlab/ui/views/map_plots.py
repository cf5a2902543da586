"""The maps' pictures: colours of a basin map and a hyperparameter map, and a styled plot
that reports clicks in data coordinates (a log axis: in log₁₀ units, as pyqtgraph draws it)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal

from ...engine.analysis.sweeps import UNDEFINED, Basins, HyperMap
from .plots import LABEL_CSS, style_axes
from .settled import SettledViewBox

#: Okabe–Ito, colour-blind safe, for the minima a basin map finds (cycled beyond 7)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
DIVERGED_RGB = (30, 30, 30)
NONE_RGB = (160, 160, 160)  # ended nowhere known: not converged and near no minimum
UNDEFINED_RGB = (205, 185, 155)  # stopped where f is undefined (sand: no palette colour)
SHADE = 0.6  # the slowest cell is this much darker than the fastest


def minimum_color(i: int) -> str:
    """The colour of minimum ``i`` on a basin map."""
    return PALETTE[i % len(PALETTE)]


def basin_rgba(b: Basins) -> np.ndarray:
    """(n, n, 4) uint8 colours, row i = ``b.ys[i]``: each cell the colour of the minimum it
    reached, darker the more steps it took (log scale); diverged cells dark, undefined ones
    sand."""
    rgb = np.array([pg.mkColor(minimum_color(i)).getRgb()[:3] for i in range(len(b.minima))]
                   + [NONE_RGB], dtype=float).reshape(-1, 3)
    idx = np.where(b.minimum >= 0, b.minimum, len(rgb) - 1)
    steps = np.log1p(b.steps.astype(float))
    top = steps.max()
    shade = 1.0 - SHADE * (steps / top if top > 0 else 0.0)
    out = rgb[idx] * shade[..., None]
    out[b.status == "diverged"] = DIVERGED_RGB
    out[b.minimum == UNDEFINED] = UNDEFINED_RGB
    alpha = np.full(b.minimum.shape + (1,), 255.0)
    return np.concatenate([out, alpha], axis=2).round().astype(np.uint8)


def hyper_values(m: HyperMap, what: str) -> tuple[np.ndarray, str]:
    """What a hyperparameter map's colours show, (n, n) with NaN where nothing can be drawn:
    ``"loss"`` → log₁₀ final loss (NaN: diverged), ``"steps"`` → steps to tolerance (NaN:
    not reached). Returns ``(values, label)``."""
    if what == "steps":
        s = m.steps_to_tol.astype(float)
        return np.where(s >= 0, s, np.nan), QT_TRANSLATE_NOOP("Maps", "steps to tolerance")
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.log10(np.maximum(m.loss, loss_floor(m.loss)))
    label = QT_TRANSLATE_NOOP("Maps", "log₁₀ final loss")
    return np.where(np.isfinite(m.loss), v, np.nan), label


def loss_floor(loss: np.ndarray) -> float:
    """The smallest loss drawn on a log scale: exact zeros sit a decade under the smallest
    positive loss (or at 1e-30)."""
    pos = loss[np.isfinite(loss) & (loss > 0)]
    return float(pos.min()) / 10 if len(pos) else 1e-30


class MapPlot(pg.PlotWidget):
    """A white plot with dark axis text; ``clicked(x, y)`` in view coordinates."""

    clicked = Signal(float, float)

    def __init__(self, x_label: str = "", y_label: str = "") -> None:
        super().__init__(viewBox=SettledViewBox())
        self.setBackground("w")
        self.setMenuEnabled(False)
        pi = self.getPlotItem()
        style_axes(pi.getAxis("left"), pi.getAxis("bottom"))
        for name in ("left", "bottom"):
            pi.getAxis(name).enableAutoSIPrefix(False)
        self.set_labels(x_label, y_label)
        self.scene().sigMouseClicked.connect(self._on_click)

    def set_labels(self, x: str, y: str) -> None:
        self.getPlotItem().setLabel("bottom", x, **LABEL_CSS)
        self.getPlotItem().setLabel("left", y, **LABEL_CSS)

    def _on_click(self, ev) -> None:
        vb = self.getPlotItem().getViewBox()
        if (ev.button() != Qt.MouseButton.LeftButton or ev.double()
                or not vb.sceneBoundingRect().contains(ev.scenePos())):
            return
        p = vb.mapSceneToView(ev.scenePos())
        self.clicked.emit(p.x(), p.y())


def nearest(values: np.ndarray, v: float, log: bool) -> int:
    """The index of the grid value nearest ``v`` (in log₁₀ units on a log axis, where ``v``
    already is)."""
    grid = np.log10(values) if log else values
    return int(np.argmin(np.abs(grid - v)))
