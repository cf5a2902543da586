"""The graph tab of a typed formula: its computation graph, inputs on the left and f on the
right, each node with its value and its gradient ∂f/∂node at the run's current point (as
ADALINE's graph shows its own)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from ...engine.problems.formula.trace import TraceNode, trace
from ..i18n import translate

BOX_W, BOX_H, GAP_X, GAP_Y = 118.0, 58.0, 40.0, 14.0
MAX_SCALE = 1.4  # a small graph is drawn larger, but not huge
FILL = {"input": "#dbe9f6", "const": "#eeeeee", "op": "#ffffff", "out": "#fff2cc"}


def fmt(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:.5g}"


def layout(nodes: list[TraceNode]) -> list[tuple[float, float]]:
    """Grid places (level, row) of each node: its level is its longest path from an input
    (inputs at 0), its row the mean of its children's, spread apart per level."""
    col = []
    for n in nodes:
        col.append(1 + max((col[c] for c in n.children), default=-1))
    row: list[float] = []
    leaves = 0
    for n in nodes:
        if n.children:
            row.append(sum(row[c] for c in n.children) / len(n.children))
        else:
            row.append(float(leaves))
            leaves += 1
    by_col: dict[int, list[int]] = {}
    for i, c in enumerate(col):
        by_col.setdefault(c, []).append(i)
    pos = [(0.0, 0.0)] * len(nodes)
    for c, members in by_col.items():
        members.sort(key=lambda i: row[i])
        last = -1e9
        for i in members:  # keep the order, push apart where boxes would overlap
            r = max(row[i], last + 1.0)
            last = r
            pos[i] = (float(c), r)
    return pos


def placed(grid: list[tuple[float, float]], across: bool) -> list[tuple[float, float]]:
    """Top-left corners of the boxes: levels left to right (``across``), else bottom to
    top (inputs at the bottom, f at the top)."""
    if across:
        return [(c * (BOX_W + GAP_X), r * (BOX_H + GAP_Y)) for c, r in grid]
    top = max((c for c, _ in grid), default=0.0)
    return [(r * (BOX_W + GAP_X / 2), (top - c) * (BOX_H + GAP_X / 2)) for c, r in grid]


class FormulaGraphView(QGraphicsView):
    """``set_objective(objective)`` then ``show_point(k, x, y)``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("formulaGraph")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.objective = None
        self.nodes: list[TraceNode] = []
        self.caption = ""

    def set_objective(self, objective) -> None:
        self.objective = objective
        self.scene().clear()
        self.nodes = []

    def show_point(self, k: int, x: float, y: float) -> None:
        """The graph's values and gradients at (x, y), the point of step k."""
        if self.objective is None:
            return
        self.nodes = trace(self.objective.tree, x, y)
        self.caption = translate("FormulaGraph", "step {k}:  x = {x},  y = {y}").format(
            k=k, x=f"{x:.5g}", y=f"{y:.5g}")
        self.setToolTip(translate("FormulaGraph", "The formula's computation graph: each node "
                                  "shows its value and ∂f/∂node, the gradient the backward pass "
                                  "gives it"))
        self._draw()

    def node_text(self, i: int) -> str:
        n = self.nodes[i]
        return f"{n.label}\n{fmt(n.value)}\n∂f = {fmt(n.grad)}"

    def _draw(self) -> None:
        scene = self.scene()
        scene.clear()
        grid = layout(self.nodes)
        pos = max((placed(grid, a) for a in (True, False)), key=self._scale_for)
        across = pos == placed(grid, True)
        bold, small = QFont(), QFont()
        bold.setPointSizeF(11)
        bold.setBold(True)
        small.setPointSizeF(9)
        edge = QPen(QColor("#7a7a7a"), 1.4)
        last = len(self.nodes) - 1
        for i, n in enumerate(self.nodes):
            x, y = pos[i]
            for c in n.children:
                cx, cy = pos[c]
                if across:
                    scene.addLine(cx + BOX_W, cy + BOX_H / 2, x, y + BOX_H / 2, edge)
                else:
                    scene.addLine(cx + BOX_W / 2, cy, x + BOX_W / 2, y + BOX_H, edge)
        for i, n in enumerate(self.nodes):
            x, y = pos[i]
            kind = ("out" if i == last else "input" if n.label in ("x", "y")
                    else "const" if n.grad is None else "op")
            rect = scene.addRect(QRectF(x, y, BOX_W, BOX_H), QPen(QColor("#333333"), 1.2),
                                 QBrush(QColor(FILL[kind])))
            rect.setToolTip(n.text)
            head = scene.addSimpleText(n.label, bold)
            head.setPos(x + 6, y + 2)
            for j, line in enumerate((f"= {fmt(n.value)}", f"∂f = {fmt(n.grad)}")):
                t = scene.addSimpleText(line, small)
                t.setPos(x + 6, y + 22 + 16 * j)
        caption = scene.addSimpleText(self.caption, small)
        caption.setPos(0, -24)
        self._fit()

    def _scale_for(self, pos: list[tuple[float, float]]) -> float:
        """How large boxes at ``pos`` can be drawn in the view."""
        w = max(x for x, _ in pos) + BOX_W + 16
        h = max(y for _, y in pos) + BOX_H + 40
        return min(self.viewport().width() / w, self.viewport().height() / h)

    def _fit(self) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-8, -8, 8, 8)
        self.setSceneRect(rect)
        self.resetTransform()
        scale = min(self.viewport().width() / rect.width(),
                    self.viewport().height() / rect.height(), MAX_SCALE)
        self.scale(scale, scale)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.nodes:
            self._fit()
