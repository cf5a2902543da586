"""The ADALINE computation graph, loss = |label − (w·x + b)|, with each node's value and gradient.

``GraphView.set_state(w, b, x, label)`` builds the expression with the
engine's own graph (:mod:`gdlab.engine.graph`: Variables w and b, Constants
x and label), runs ``backward()`` and writes every node's forward value and
its gradient ∂L/∂node into the node's labels, in place. Data nodes (x, label)
are Constants: the graph gives them no gradient, and the view says so.

With an ADALINE problem set (``set_problem``), ``show_step(k, w, b)`` shows the
sample the run used at step k: a :class:`~gdlab.engine.run.Run` draws one batch
per trajectory row from a fresh ``problem.batches()`` iterator (row 0 included),
so row k's loss and gradient are those of batch k. With ``w, b`` from row k the
graph's loss, ∂L/∂w and ∂L/∂b equal that row's ``loss``, ``grad_w`` and
``grad_b``. A batch of several samples shows its first one; a full-batch problem
(batches of ``None``) shows sample 0.

Convention (the teaching text's, as in the engine): d|u|/du = sign(u), −1 at u = 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPathItem, QGraphicsPolygonItem,
                               QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView)

from ..engine import graph

NODE_W, NODE_H = 172.0, 74.0
VALUE_COLOR = "#1a1a1a"
GRAD_COLOR = "#c0392b"
EDGE_COLOR = "#6b7280"
STYLES = {  # kind -> (fill, border)
    "data": ("#eef2f7", "#7f8fa6"),
    "param": ("#fff1e0", "#ff7f0e"),
    "op": ("#ffffff", "#555555"),
    "loss": ("#fdecea", "#d62728"),
}


@dataclass(frozen=True)
class NodeSpec:
    name: str  # key in GraphView.nodes
    title: str
    kind: str
    col: float
    row: float


#: the nodes, laid out left to right (col, row in node units)
NODES = (
    NodeSpec("x", "x  · data", "data", 0, 0.0),
    NodeSpec("w", "w  · parameter", "param", 0, 1.35),
    NodeSpec("mul", "mul  w·x", "op", 1, 0.68),
    NodeSpec("b", "b  · parameter", "param", 1, 2.05),
    NodeSpec("add", "add  ŷ = w·x + b", "op", 2, 1.36),
    NodeSpec("label", "label  · data", "data", 2, -0.05),
    NodeSpec("sub", "sub  u = label − ŷ", "op", 3, 0.66),
    NodeSpec("abs", "abs  |u|", "op", 4, 0.66),
    NodeSpec("loss", "loss  L", "loss", 5, 0.66),
)
#: (source, target, tag shown at the target's input)
EDGES = (("x", "mul", ""), ("w", "mul", ""), ("mul", "add", ""), ("b", "add", ""),
         ("label", "sub", "+"), ("add", "sub", "−"), ("sub", "abs", ""), ("abs", "loss", ""))
COL_STEP, ROW_STEP = 222.0, 88.0


def fmt(v: float | None) -> str:
    """A compact number with a real minus sign (``−1``, ``3``, ``0.0125``, ``1.5e+06``)."""
    if v is None:
        return "—"
    s = f"{float(v):.6g}"
    return s.replace("-", "−")


def adaline_graph(w: float, b: float, x: float, label: float) -> dict[str, graph.Node]:
    """The engine's graph of |label − (w·x + b)| after ``backward()``: name -> Node."""
    xn, ln = graph.Constant(x, name="x"), graph.Constant(label, name="label")
    wn, bn = graph.Variable(w, name="w"), graph.Variable(b, name="b")
    mul = wn * xn
    add = mul + bn
    sub = ln - add
    ab = graph.abs(sub)
    ab.backward()
    return {"x": xn, "w": wn, "mul": mul, "b": bn, "add": add, "label": ln, "sub": sub,
            "abs": ab, "loss": ab}


class _NodeItem:
    """A rounded box with a title, a value line and a gradient line (texts updated in place)."""

    def __init__(self, scene: QGraphicsScene, spec: NodeSpec, pos: QPointF) -> None:
        fill, border = STYLES[spec.kind]
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, NODE_W, NODE_H), 10, 10)
        self.box = QGraphicsPathItem(path)
        self.box.setBrush(QBrush(QColor(fill)))
        self.box.setPen(QPen(QColor(border), 2.0 if spec.kind != "op" else 1.3))
        self.box.setPos(pos)
        scene.addItem(self.box)
        bold = QFont()
        bold.setPointSizeF(10.5)
        bold.setBold(True)
        body = QFont()
        body.setPointSizeF(10.0)
        self.title = QGraphicsSimpleTextItem(spec.title, self.box)
        self.title.setFont(bold)
        self.title.setBrush(QColor("#222"))
        self.value = QGraphicsSimpleTextItem("", self.box)
        self.value.setFont(body)
        self.value.setBrush(QColor(VALUE_COLOR))
        self.grad = QGraphicsSimpleTextItem("", self.box)
        self.grad.setFont(body)
        self.grad.setBrush(QColor(GRAD_COLOR))
        self.title.setPos(10, 6)
        self.value.setPos(10, 29)
        self.grad.setPos(10, 49)
        self.spec = spec

    def set(self, value_text: str, grad_text: str) -> None:
        self.value.setText(value_text)
        self.grad.setText(grad_text)

    def text(self) -> str:
        """Everything the node shows, one line each (title, value, gradient)."""
        return "\n".join(t.text() for t in (self.title, self.value, self.grad))

    def anchor(self, side: str, slot: int = 0, slots: int = 1) -> QPointF:
        """The output (``right``) or input ``slot`` of ``slots`` (``left``) point."""
        p = self.box.pos()
        if side == "right":
            return QPointF(p.x() + NODE_W, p.y() + NODE_H / 2)
        return QPointF(p.x(), p.y() + NODE_H * (slot + 1) / (slots + 1))


class GraphView(QGraphicsView):
    """The ADALINE loss as a computation graph; see the module docstring.

    API: :meth:`set_state` (w, b, x, label), :meth:`set_problem`, :meth:`sample_index`,
    :meth:`show_step` (k, w, b), :meth:`node_text`. After an update ``values`` and
    ``grads`` map node names to floats (``grads`` holds ``None`` for the data nodes).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QColor("white"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(420, 220)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.nodes: dict[str, _NodeItem] = {}
        top = 60.0
        for spec in NODES:
            pos = QPointF(spec.col * COL_STEP, top + spec.row * ROW_STEP)
            self.nodes[spec.name] = _NodeItem(self._scene, spec, pos)
        inputs: dict[str, list[tuple[str, str]]] = {}
        for src, dst, tag in EDGES:
            inputs.setdefault(dst, []).append((src, tag))
        for dst, srcs in inputs.items():
            for slot, (src, tag) in enumerate(srcs):
                self._edge(self.nodes[src].anchor("right"),
                           self.nodes[dst].anchor("left", slot, len(srcs)), tag)
        head = QFont()
        head.setPointSizeF(12.0)
        head.setBold(True)
        self.formula = self._scene.addSimpleText("L = |label − (w·x + b)|", head)
        self.formula.setPos(0, 0)
        small = QFont()
        small.setPointSizeF(10.0)
        self.caption = self._scene.addSimpleText("", small)
        self.caption.setBrush(QColor("#333"))
        self.caption.setPos(0, 24)
        bottom = top + 2.05 * ROW_STEP + NODE_H + 16
        self.legend = self._scene.addSimpleText(
            "black: forward value   ·   red: gradient ∂L/∂node from backward()   ·   "
            "d|u|/du = sign(u), −1 at u = 0", small)
        self.legend.setBrush(QColor("#555"))
        self.legend.setPos(0, bottom)
        rect = self._scene.itemsBoundingRect().adjusted(-12, -10, 12, 10)
        self._scene.setSceneRect(rect)
        self.problem: Any = None
        self._sample_first: list[int] = []
        self._batches: Any = None
        self._batch_size = 1
        self._full_batch = False
        self.values: dict[str, float] = {}
        self.grads: dict[str, float | None] = {}
        self.state: tuple[float, float, float, float] | None = None
        self.sample: int | None = None
        self.step: int | None = None
        self.set_state(0.0, 0.0, 0.0, 0.0)

    # -- drawing -----------------------------------------------------------------------------
    def _edge(self, a: QPointF, b: QPointF, tag: str) -> None:
        pen = QPen(QColor(EDGE_COLOR), 1.6)
        path = QPainterPath(a)
        mid = (a.x() + b.x()) / 2
        tip = QPointF(b.x() - 2, b.y())
        path.cubicTo(QPointF(mid, a.y()), QPointF(mid, b.y()), QPointF(tip.x() - 8, tip.y()))
        line = QGraphicsPathItem(path)
        line.setPen(pen)
        line.setZValue(-1)
        self._scene.addItem(line)
        arrow = QGraphicsPolygonItem(QPolygonF([tip, QPointF(tip.x() - 10, tip.y() - 5),
                                                QPointF(tip.x() - 10, tip.y() + 5)]))
        arrow.setBrush(QColor(EDGE_COLOR))
        arrow.setPen(QPen(Qt.PenStyle.NoPen))
        self._scene.addItem(arrow)
        if tag:
            f = QFont()
            f.setPointSizeF(12.0)
            f.setBold(True)
            t = self._scene.addSimpleText(tag, f)
            t.setBrush(QColor("#333"))
            r = t.boundingRect()
            t.setPos(b.x() - 16 - r.width() / 2, b.y() - r.height() - 1)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # -- state -------------------------------------------------------------------------------
    def set_state(self, w: float, b: float, x: float, label: float) -> None:
        """Evaluate the graph at ``(w, b)`` on the sample ``(x, label)`` and show every node's
        value and gradient."""
        w, b, x, label = (float(v) for v in (w, b, x, label))
        with np.errstate(all="ignore"):
            nodes = adaline_graph(w, b, x, label)
        self.state = (w, b, x, label)
        self.values, self.grads = {}, {}
        for name, item in self.nodes.items():
            n = nodes[name]
            v = float(n.value)
            g = None if n.grad is None else float(n.grad)
            self.values[name], self.grads[name] = v, g
            gname = "L" if name == "loss" else name
            if g is None:
                gtext = "no gradient (data)"
            else:
                gtext = f"∂L/∂{gname} = {fmt(g)}"
            item.set(f"value = {fmt(v)}", gtext)
        self.step = self.sample = None
        self.caption.setText(f"sample: x = {fmt(x)}, label = {fmt(label)}")

    def node_text(self, name: str) -> str:
        """The text node ``name`` shows (title, value and gradient lines)."""
        return self.nodes[name].text()

    # -- samples of a problem ----------------------------------------------------------------
    def set_problem(self, problem: Any) -> None:
        """Use ``problem``'s samples (ADALINE, or any model with 1-D inputs and parameters
        w, b) for :meth:`show_step`; shows step 0 at the problem's start point."""
        X, _ = problem.data
        if np.ndim(X) != 1 or tuple(problem.param_names) != ("w", "b"):
            raise ValueError(f"the graph view needs a problem with 1-D inputs and parameters w, b "
                             f"(ADALINE), not {getattr(problem, 'name', problem)!r}")
        self.problem = problem
        self._batches = problem.batches()
        self._sample_first = []
        self._full_batch = False
        self._batch_size = 1
        start = problem.start or (0.0, 0.0)
        self.show_step(0, *start)

    def sample_index(self, k: int) -> int:
        """The index (into ``problem.data``) of the sample shown for step k: the first
        sample of batch k of the problem's seeded batch sequence (0 for full batches)."""
        if self.problem is None:
            return 0
        if k < 0:
            raise ValueError(f"step {k} < 0")
        while len(self._sample_first) <= k:
            if self._full_batch:
                return 0
            idx = next(self._batches)
            if idx is None:  # the whole data set, every step
                self._full_batch = True
                return 0
            self._batch_size = len(idx)
            self._sample_first.append(int(idx[0]))
        return self._sample_first[k]

    def show_step(self, k: int, w: float, b: float) -> None:
        """Show step k: the sample the run used at step k with the parameters (w, b) of
        trajectory row k."""
        i = self.sample_index(k)
        X, y = self.problem.data if self.problem is not None else (np.zeros(1), np.zeros(1))
        self.set_state(w, b, X[i], y[i])
        self.step, self.sample = k, i
        batch = f" (first of a batch of {self._batch_size})" if self._batch_size > 1 else ""
        self.caption.setText(f"step {k}: sample #{i}{batch}, x = {fmt(X[i])}, "
                             f"label = {fmt(y[i])}")
