"""View ▸ Curvature, and what second-order and line-search runs show on the map.

- With the view on (2-D functions): at the selected lane's current point, the local quadratic
  model's ellipse (centred where a Newton step would go) with the Hessian's eigen-directions
  (a negative one dashed red: no ellipse then), the eigenvalues and κ over the map, and for
  plain gradient descent the stability limit 2/λmax under the learning rate — in red, with a
  warning, while the run has not started and its lr is above the limit at the start.
- Always: the last step's trial points listed under the Steps table, and of the last :data:`TRIAL_STEPS` steps as small dots
  in the lane's colour, fading with age; a Newton run's note for the step that led here
  ("H has a negative eigenvalue here…") over the map.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from ..engine.analysis.curvature import Curvature, axes, curvature_at, ellipse
from ..engine.optim.optimizers import OPTIMIZERS
from ..engine.problems.registry import MODELS, get_problem
from .controls import Controls
from .i18n import localized, optimizer_name, translate
from .session import Lane, Session
from .views.path_pane import PathPane
from .views.stepsview import StepsView
from .widgets.panels import ParamsPanel
from .widgets.wrapped_label import WrappedLabel

TRIAL_STEPS = 8  # steps whose trial points stay on the map, fading
TRIAL_COLOR = "#ff9f1c"  # a single run's trial points (a race's are in each lane's colour)
WARN = "#c0392b"
LABEL_CSS = "color:#222; background:#eef3fb; border-radius:4px; padding:3px 6px;"
NOTE_CSS = "color:#7a1a10; background:#fdecea; border-radius:4px; padding:3px 6px;"
CONTEXT = "Curvature"
TEXT = {
    "action": QT_TRANSLATE_NOOP("Curvature", "&Curvature"),
    "action_tip": QT_TRANSLATE_NOOP("Curvature", "The Hessian at the current point: the local "
                                    "quadratic model's ellipse, its eigenvalues and κ, and "
                                    "2/λmax beside the learning rate"),
    "curvature": QT_TRANSLATE_NOOP("Curvature", "Curvature at θ: {curvature}"),
    "newton": QT_TRANSLATE_NOOP("Curvature", "  ·  + the model's minimum (Newton's next point)"),
    "note": QT_TRANSLATE_NOOP("Curvature", "Step {k}: {note}"),
    "limit": QT_TRANSLATE_NOOP("Curvature", "stability limit here: 2/λmax = {limit}"),
    "unstable": QT_TRANSLATE_NOOP("Curvature", "⚠ lr {lr} > 2/λmax = {limit} at the start: steps "
                                  "overshoot along the steepest direction (zig-zags); where the "
                                  "curvature stays this high, gradient descent diverges."),
    "not_lr_g": QT_TRANSLATE_NOOP("Curvature", "{optimizer} does not step by lr·g: θ next − θ is "
                                  "its step (the lr·g column is gradient descent's, for "
                                  "comparison)."),
    "trial": QT_TRANSLATE_NOOP("Curvature", "Line search at step {k}: 1 trial point: {points} — "
                               "the last accepted."),
    "trials": QT_TRANSLATE_NOOP("Curvature", "Line search at step {k}: {count} trial points: "
                                "{points} — the last accepted."),
    "more": QT_TRANSLATE_NOOP("Curvature", "{count} more, then {points}"),
}


def _t(key: str) -> str:
    return translate(CONTEXT, TEXT[key])


class CurvatureView(QObject):
    """Binds View ▸ Curvature and the trial points to the session; :meth:`draw` each frame."""

    def __init__(self, window: QMainWindow, controls: Controls, panel: ParamsPanel,
                 session: Session, pane: PathPane, steps_view: StepsView) -> None:
        super().__init__(window)
        self.session, self.panel, self.stepsView = session, panel, steps_view
        self.action = QAction(_t("action"), window, objectName="curvatureAction", checkable=True)
        self.action.setShortcut(QKeySequence("Ctrl+2"))
        self.action.setToolTip(_t("action_tip"))
        controls.viewMenu.addAction(self.action)
        self.action.toggled.connect(self.draw)

        plot = self.plot = pane.plot
        self.halo = pg.PlotCurveItem(pen=pg.mkPen((0, 0, 0, 120), width=4.5))
        self.ellipse = pg.PlotCurveItem(pen=pg.mkPen("#ffffff", width=2))
        self.axes = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen((255, 255, 255, 200), width=1.2,
                                                                  style=Qt.PenStyle.DashLine))
        self.negative = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(WARN, width=2.4,
                                                                      style=Qt.PenStyle.DashLine))
        self.centre = pg.ScatterPlotItem(symbol="+", size=13, pen=pg.mkPen("#ffffff", width=2),
                                         brush=pg.mkBrush("#ffffff"))
        self.trials = pg.ScatterPlotItem(size=7)
        # over the paths (a race's lines are at 5), under the points (6)
        for z, item in ((5.5, self.halo), (5.6, self.ellipse), (5.6, self.axes),
                        (5.7, self.negative), (5.8, self.centre), (6.5, self.trials)):
            item.setZValue(z)
            plot.addItem(item)
        self.label = QLabel(objectName="curvatureLabel", wordWrap=True)
        self.label.setStyleSheet(LABEL_CSS)
        self.label.setVisible(False)
        pane.layout().insertWidget(pane.layout().indexOf(pane.noteLabel) + 1, self.label)
        self.limitLabel = WrappedLabel(objectName="stabilityLabel")
        self.limitLabel.setVisible(False)
        row, _ = panel.optForm.getWidgetPosition(panel.lrSlider)
        panel.optForm.insertRow(row + 1, self.limitLabel)

    # -- drawing ----------------------------------------------------------------------
    def draw(self, *_args) -> None:
        """Everything for the selected lane's current point (and every lane's trials)."""
        self._draw_trials()
        lane = self.session.lane
        point = _last_point(lane)
        problem = _objective(lane) if point is not None else None
        c = None
        if problem is not None and self.action.isChecked():
            with np.errstate(all="ignore"):
                c = curvature_at(problem, *point)
            if not all(map(math.isfinite, (c.lo, c.hi, *c.grad))):
                c = None
        self._draw_model(c)
        note = _note(lane)
        model = _t("newton") if c and c.definite else ""
        parts = ([_t("curvature").format(curvature=localized(c.text())) + model]
                 if c is not None else []) + (
            [_t("note").format(k=note[0], note=localized(note[1]))] if note else [])
        self.label.setText("\n".join(parts))
        css = NOTE_CSS if note else LABEL_CSS
        if self.label.styleSheet() != css:  # a style sheet is parsed and applied anew
            self.label.setStyleSheet(css)
        self.label.setVisible(bool(parts))
        self._draw_limit(lane, c)
        self.stepsView.set_search(_search_text(lane))

    def _draw_model(self, c: Curvature | None) -> None:
        items = (self.halo, self.ellipse, self.axes, self.negative, self.centre)
        if c is None:
            for item in items:
                item.setVisible(False)
            return
        x0, x1, y0, y1 = self.plot.box
        reach = 0.1 * math.hypot(x1 - x0, y1 - y0)
        E = ellipse(c, reach)
        big, small = axes(c, reach)
        pos = [seg for seg, lam in ((big, c.hi), (small, c.lo)) if lam > 0]
        neg = [seg for seg, lam in ((big, c.hi), (small, c.lo)) if lam <= 0]
        self.halo.setData(E[:, 0], E[:, 1])
        self.ellipse.setData(E[:, 0], E[:, 1])
        both = np.concatenate(pos) if pos else np.empty((0, 2))
        self.axes.setData(both[:, 0], both[:, 1])
        worst = np.concatenate(neg) if neg else np.empty((0, 2))
        self.negative.setData(worst[:, 0], worst[:, 1])
        centre = c.centre
        self.centre.setData([centre[0]] if centre else [], [centre[1]] if centre else [])
        for item in items:
            item.setVisible(True)

    def _draw_trials(self) -> None:
        s = self.session
        spots = []
        for lane in (s.lanes if s.racing else [s.lane]):
            color = pg.mkColor(lane.color if s.racing else TRIAL_COLOR)
            for step, x, y in _recent_trials(lane):
                age = lane.k - 1 - step
                c = pg.mkColor(color)
                c.setAlpha(int(40 + 215 * (1 - age / TRIAL_STEPS)))
                spots.append({"pos": (x, y), "brush": pg.mkBrush(c),
                              "pen": pg.mkPen((255, 255, 255, c.alpha()), width=0.8)})
        self.trials.setData(spots)

    def _draw_limit(self, lane: Lane, c: Curvature | None) -> None:
        """2/λmax under the learning rate, for plain gradient descent; red with a warning
        before a run whose lr is above it at the start."""
        if c is None or lane.settings.optimizer != "sgd" or not math.isfinite(c.limit):
            self.limitLabel.setVisible(False)
            return
        lr = _last(lane, "lr")
        text = _t("limit").format(limit=f"{c.limit:.3g}")
        unstable = lane.k == 0 and lr > c.limit
        if unstable:
            text = _t("unstable").format(lr=f"{lr:.3g}", limit=f"{c.limit:.3g}")
        self.limitLabel.setText(text)
        css = f"color:{WARN}; font-weight:600;" if unstable else "color:#444; font-size:11px;"
        if self.limitLabel.styleSheet() != css:
            self.limitLabel.setStyleSheet(css)
        self.limitLabel.setVisible(True)


@lru_cache(maxsize=8)
def _function(problem: str, formula: str | None):
    """The 2-D function ``problem`` (a typed ``formula`` parsed once), else None."""
    try:
        f = get_problem(problem, formula)
    except ValueError:
        return None
    return f if getattr(f, "kind", "") == "function" and hasattr(f, "hess") else None


def _objective(lane: Lane):
    """The lane's 2-D function (the curvature view's subject), else None (a model is not
    built again for this: it is no 2-D function)."""
    s = lane.settings
    return None if s.problem in MODELS else _function(s.problem, s.formula)


def _last(lane: Lane, column: str) -> float:
    h = lane.history
    return float(h.data[-1, h.columns.index(column)]) if h.n and column in h.columns else math.nan


def _last_point(lane: Lane) -> tuple[float, float] | None:
    h = lane.history
    if not h.n or h.columns[:2] != ("x", "y"):
        return None
    x, y = map(float, h.data[-1, :2])
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def _recent_trials(lane: Lane) -> np.ndarray:
    """The lane's trial points (m, 3) of its last TRIAL_STEPS steps."""
    since = lane.k - TRIAL_STEPS
    parts = []
    for block in reversed(lane.trials):
        parts.append(block[block[:, 0] >= since])
        if len(block) and block[0, 0] < since:
            break
    return np.concatenate(parts[::-1]) if parts else np.empty((0, 3))


def _note(lane: Lane) -> tuple[int, str] | None:
    """The note of the update that led to the lane's current point, if it had one."""
    k = lane.k - 1
    return (k, lane.notes[k]) if k in lane.notes else None


def _search_text(lane: Lane) -> str:
    """The Steps tab's line about the last step of a second-order or line-search lane."""
    if OPTIMIZERS[lane.settings.optimizer].per_leaf or lane.k < 1:
        return ""
    k = lane.k - 1
    tried = [b[b[:, 0] == k][:, 1:] for b in lane.trials[-2:]]
    points = np.concatenate(tried) if tried else np.empty((0, 2))
    head = _t("not_lr_g").format(optimizer=optimizer_name(lane.settings.optimizer))
    if not len(points):
        return head
    shown = ", ".join(f"({x:.4g}, {y:.4g})" for x, y in points[-6:])
    if len(points) > 6:
        shown = _t("more").format(count=len(points) - 6, points=shown)
    line = (_t("trials").format(k=f"{k:,}", count=len(points), points=shown) if len(points) > 1
            else _t("trial").format(k=f"{k:,}", points=shown))
    return f"{head}\n{line}"
