"""The ADALINE computation graph, loss = |label − (w·x + b)|, with each node's value and gradient.

``GraphView.set_state(w, b, x, label)`` builds the expression with the
engine's own graph (:mod:`gdlab.engine.gradients.graph`: Variables w and b, Constants
x and label), runs ``backward()`` and writes every node's forward value and
its gradient ∂L/∂node into the node's labels, in place. Data nodes (x, label)
are Constants: the graph gives them no gradient, and the view says so.

With an ADALINE problem set (``set_problem``), ``show_step(k, w, b)`` shows the
sample the run used at step k: a :class:`~gdlab.engine.run.single.Run` draws one batch
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
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen,
                           QPolygonF, QTransform)
from PySide6.QtWidgets import (QFrame, QGraphicsItem, QGraphicsLineItem, QGraphicsPathItem,
                               QGraphicsPolygonItem, QGraphicsRectItem, QGraphicsScene,
                               QGraphicsSimpleTextItem, QGraphicsView)

from ...engine.gradients import graph
from ..i18n import translate

VALUE_COLOR = "#1f4e9c"  # forward values: blue
GRAD_COLOR = "#c0392b"  # gradients ∂L/∂node: red
NO_GRAD_COLOR = "#8a8f98"
EDGE_COLOR = "#6b7280"
TITLE_COLOR = "#1a1a1a"
DESC_COLOR = "#555555"
STYLES = {  # kind -> (fill, border)
    "data": ("#eef2f7", "#7f8fa6"),
    "param": ("#fff1e0", "#ff7f0e"),
    "op": ("#ffffff", "#6b6b6b"),
    "loss": ("#fdecea", "#d62728"),
}

# Sizes in scene units (pixels at scale 1). The compact layout is about 410 × 290 scene units,
# so in a 420 × 330 view the fit scale is ≈ 1 and the 9 pt text stays 9 pt on screen.
BODY_PT = 9.0  # node lines, caption, legend
HEAD_PT = 10.5  # the formula
TAG_PT = 11.0  # the + / − at sub's inputs
DIGITS = 4  # significant digits of the numbers shown
PAD_X, PAD_Y = 6.0, 3.0  # inside a box
GAP_X, GAP_Y = 24.0, 22.0  # between boxes: room for an arrow
SECTION_GAP = 7.0  # header / graph / legend
MARGIN = 4.0
ARROW_LEN, ARROW_HALF = 7.0, 3.6
MAX_SCALE = 1.6  # never blow the text up more than this
MIN_SCALE = 0.8  # nor shrink it below this (7 pt): a smaller view scrolls instead
WIDE_MIN_SCALE = 0.95  # the one-chain-row layout whenever it fits at this scale or more
TEMPLATE_NUMBER = "−0.1235"  # boxes are at least wide enough for "value = −0.1235"


@dataclass(frozen=True)
class NodeSpec:
    name: str  # key in GraphView.nodes
    title: str  # bold (a word is translated, an operation's name is not)
    desc: str  # grey, after the title (translated)
    kind: str


NODES = (
    NodeSpec("x", "x", QT_TRANSLATE_NOOP("Graph", "data"), "data"),
    NodeSpec("w", "w", QT_TRANSLATE_NOOP("Graph", "parameter"), "param"),
    NodeSpec("mul", "mul", "w·x", "op"),
    NodeSpec("b", "b", QT_TRANSLATE_NOOP("Graph", "parameter"), "param"),
    NodeSpec("add", "add", "ŷ = w·x + b", "op"),
    NodeSpec("label", QT_TRANSLATE_NOOP("Graph", "label"), QT_TRANSLATE_NOOP("Graph", "data"),
             "data"),
    NodeSpec("sub", "sub", QT_TRANSLATE_NOOP("Graph", "u = label − ŷ"), "op"),
    NodeSpec("abs", "abs", "|u|", "op"),
    NodeSpec("loss", QT_TRANSLATE_NOOP("Graph", "loss"), "L", "loss"),
)
#: (source, target, tag shown at the target's input)
EDGES = (("x", "mul", ""), ("w", "mul", ""), ("mul", "add", ""), ("b", "add", ""),
         ("label", "sub", "+"), ("add", "sub", "−"), ("sub", "abs", ""), ("abs", "loss", ""))
#: node -> (column, row). Every edge joins two grid neighbours, so every arrow is a short straight
#: line between facing box sides and never crosses a box.
LAYOUTS = {
    # the chain mul → add → sub → abs → loss in the middle row, x, b, label above it, w below
    "wide": {"x": (0, 0), "b": (1, 0), "label": (2, 0),
             "mul": (0, 1), "add": (1, 1), "sub": (2, 1), "abs": (3, 1), "loss": (4, 1),
             "w": (0, 2)},
    # three columns, a snake: the chain turns down at sub and runs back left to loss
    "compact": {"x": (0, 0), "b": (1, 0), "label": (2, 0),
                "mul": (0, 1), "add": (1, 1), "sub": (2, 1),
                "w": (0, 2), "loss": (1, 2), "abs": (2, 2)},
}


def fmt(v: float | None, digits: int = 6) -> str:
    """A compact number with a real minus sign (``−1``, ``3``, ``0.0125``, ``1.5e+06``)."""
    if v is None:
        return "—"
    s = f"{float(v) + 0.0:.{digits}g}"  # + 0.0: −0 (0 times a negative) reads as 0
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


def _font(pt: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


def _text(parent: QGraphicsItem | None, scene: QGraphicsScene | None, s: str, font: QFont,
          color: str) -> QGraphicsSimpleTextItem:
    t = QGraphicsSimpleTextItem(s, parent)
    t.setFont(font)
    t.setBrush(QColor(color))
    if parent is None and scene is not None:
        scene.addItem(t)
    return t


def _width(t: QGraphicsSimpleTextItem) -> float:
    return t.boundingRect().width()


class _NodeItem:
    """A rounded box: a title line (bold name, grey description), then the forward value (blue)
    and the gradient ∂L/∂node (red), texts updated in place."""

    def __init__(self, scene: QGraphicsScene, spec: NodeSpec) -> None:
        fill, border = STYLES[spec.kind]
        self.spec = spec
        self.box = QGraphicsPathItem()
        self.box.setBrush(QBrush(QColor(fill)))
        self.box.setPen(QPen(QColor(border), 1.2 if spec.kind == "op" else 1.8))
        scene.addItem(self.box)
        body, bold = _font(BODY_PT), _font(BODY_PT, True)
        self.title = _text(self.box, None, translate("Graph", spec.title), bold, TITLE_COLOR)
        self.desc = _text(self.box, None, translate("Graph", spec.desc), body, DESC_COLOR)
        self.rule = QGraphicsLineItem(self.box)
        self.rule.setPen(QPen(QColor(border if spec.kind != "op" else "#c8c8c8"), 0.8))
        self.value = _text(self.box, None, "", body, VALUE_COLOR)
        self.grad = _text(self.box, None, "", body, GRAD_COLOR)
        m = QFontMetricsF(body)
        self.line_h = m.height()
        self.template = m.horizontalAdvance(translate("Graph", "value = {value}")
                                            .format(value=TEMPLATE_NUMBER))
        self.rect = QRectF()

    def set(self, value_text: str, grad_text: str, has_grad: bool = True) -> None:
        self.value.setText(value_text)
        self.grad.setText(grad_text)
        self.grad.setBrush(QColor(GRAD_COLOR if has_grad else NO_GRAD_COLOR))

    def text(self) -> str:
        """Everything the node shows, one line each (title, value, gradient)."""
        return "\n".join((f"{self.title.text()}  {self.desc.text()}", self.value.text(),
                          self.grad.text()))

    def _gap(self) -> float:
        return QFontMetricsF(self.desc.font()).horizontalAdvance("  ")

    def natural_width(self) -> float:
        """The box width its text needs (at least the width of ``value = −0.1235``)."""
        head = _width(self.title) + self._gap() + _width(self.desc)
        return 2 * PAD_X + max(head, _width(self.value), _width(self.grad), self.template)

    def height(self) -> float:
        return 2 * PAD_Y + 3 * self.line_h + 5

    def place(self, rect: QRectF) -> None:
        self.rect = QRectF(rect)
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, rect.width(), rect.height()), 7, 7)
        self.box.setPath(path)
        self.box.setPos(rect.topLeft())
        h = self.line_h
        self.title.setPos(PAD_X, PAD_Y)
        self.desc.setPos(PAD_X + _width(self.title) + self._gap(), PAD_Y)
        self.rule.setLine(PAD_X - 2, PAD_Y + h + 2, rect.width() - PAD_X + 2, PAD_Y + h + 2)
        self.value.setPos(PAD_X, PAD_Y + h + 5)
        self.grad.setPos(PAD_X, PAD_Y + 2 * h + 5)


@dataclass
class _Plan:
    layout: str
    nodes: dict[str, QRectF]
    caption: QPointF
    caption_text: str
    legend: list[QPointF]
    rect: QRectF

    def key(self) -> tuple:
        r = self.rect
        return (self.layout, tuple((n, q.x(), q.y(), q.width()) for n, q in self.nodes.items()),
                self.caption.x(), self.caption.y(), (r.x(), r.y(), r.width(), r.height()))


class GraphView(QGraphicsView):
    """The ADALINE loss as a computation graph; see the module docstring.

    API: :meth:`set_state` (w, b, x, label), :meth:`set_problem`, :meth:`sample_index`,
    :meth:`show_step` (k, w, b), :meth:`node_text`. After an update ``values`` and
    ``grads`` map node names to floats (``grads`` holds ``None`` for the data nodes).

    Layout: a 3-column "snake" (x b label / mul → add → sub / w loss ← abs) when the view is
    small, e.g. 420 × 330 in the main window, and the chain in one row when the view is wide
    enough for it at about scale 1. The scene is fitted into the view (×0.8 … ×1.6); boxes are
    sized for their text and only grow during a run (a new problem or a run restarting at
    step 0 lets them shrink), so the picture does not jump from step to step. Numbers show 4
    significant digits; ``values`` and ``grads`` hold the full floats.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QColor("white"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # scaled to fit, down to MIN_SCALE (scroll bars below that): the side tabs fit a
        # 1024 × 700 window instead of scrolling sideways out of sight
        self.setMinimumSize(200, 150)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.nodes: dict[str, _NodeItem] = {s.name: _NodeItem(self._scene, s) for s in NODES}
        self._widths: dict[str, float] = {}  # grow-only box widths
        self._edges: list[QGraphicsItem] = []
        body = _font(BODY_PT)
        self.formula = _text(None, self._scene, translate("Graph", "L = |label − (w·x + b)|"),
                             _font(HEAD_PT, True), TITLE_COLOR)
        self.caption = _text(None, self._scene, "", body, "#333333")
        self._legend: list[QGraphicsItem] = []
        for color, label in ((VALUE_COLOR, translate("Graph", "value: forward pass")),
                             (GRAD_COLOR, translate("Graph", "∂L/∂node: gradient from "
                                                    "backward()"))):
            sw = QGraphicsRectItem(0, 0, 9, 9)
            sw.setBrush(QColor(color))
            sw.setPen(QPen(Qt.PenStyle.NoPen))
            self._scene.addItem(sw)
            t = _text(None, self._scene, label, body, color)
            self._legend += [sw, t]
        note = translate("Graph", "data: constants, no gradient · d|u|/du = sign(u), −1 at "
                                  "u = 0")
        self._legend.append(_text(None, self._scene, note, body, DESC_COLOR))
        self.legend = self._legend[-1]
        self._plan: _Plan | None = None
        self._laid_out: tuple | None = None  # the inputs of the last layout
        self._caption_text = ""
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

    # -- layout ------------------------------------------------------------------------------
    def _make_plan(self, layout: str) -> _Plan:
        """Where everything goes in ``layout`` (scene coordinates)."""
        cells = LAYOUTS[layout]
        ncols = 1 + max(c for c, _ in cells.values())
        nrows = 1 + max(r for _, r in cells.values())
        colw = [0.0] * ncols
        for name, (c, _) in cells.items():
            colw[c] = max(colw[c], self._widths.get(name, 0.0), self.nodes[name].natural_width())
        node_h = max(n.height() for n in self.nodes.values())
        grid_w = sum(colw) + GAP_X * (ncols - 1)
        # header: the formula, the caption beside it if it fits, else below it (on two lines,
        # broken before "x = ", if one is too long)
        fw, fh = _width(self.formula), self.formula.boundingRect().height()
        m = QFontMetricsF(self.caption.font())
        text = self._caption_text
        cw, ch = m.horizontalAdvance(text), m.height()
        if fw + 18 + cw <= grid_w:
            caption = QPointF(fw + 18, (fh - ch) / 2 + 1)
            head_h = fh
        else:
            if cw > grid_w and ", x = " in text:
                text = text.replace(", x = ", ",\nx = ", 1)
                cw = max(m.horizontalAdvance(line) for line in text.split("\n"))
                ch *= 2
            caption = QPointF(0, fh)
            head_h = fh + ch
        top = head_h + SECTION_GAP
        xs = [sum(colw[:c]) + GAP_X * c for c in range(ncols)]
        nodes = {name: QRectF(xs[c], top + r * (node_h + GAP_Y), colw[c], node_h)
                 for name, (c, r) in cells.items()}
        # legend: swatch + text pairs and the note, flowing left to right, wrapped at grid_w
        y = top + nrows * node_h + (nrows - 1) * GAP_Y + SECTION_GAP
        width = max(grid_w, fw)
        x, line_h, legend = 0.0, 0.0, []
        items = self._legend
        chunks = [(items[0], items[1]), (items[2], items[3]), (None, items[4])]
        for sw, t in chunks:
            tr = t.boundingRect()
            cw = tr.width() + (13 if sw is not None else 0)
            if x > 0 and x + cw > width:
                x, y = 0.0, y + line_h
            if sw is not None:
                legend.append(QPointF(x, y + (tr.height() - 9) / 2))
                legend.append(QPointF(x + 13, y))
            else:
                legend.append(QPointF(x, y))
            x += cw + 16
            line_h = tr.height()
        bottom = y + line_h
        right = max(width, caption.x() + cw)
        rect = QRectF(0, 0, right, bottom).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        return _Plan(layout, nodes, caption, text, legend, rect)

    def _apply(self, plan: _Plan) -> None:
        for name, r in plan.nodes.items():
            self.nodes[name].place(r)
        self.formula.setPos(0, 0)
        self.caption.setPos(plan.caption)
        for item, p in zip(self._legend, plan.legend):
            item.setPos(p)
        for item in self._edges:
            self._scene.removeItem(item)
        self._edges = []
        for src, dst, tag in EDGES:
            self._edge(plan.nodes[src], plan.nodes[dst], tag)
        self._scene.setSceneRect(plan.rect)
        self._plan = plan

    def _scale(self, plan: _Plan) -> float:
        vp = self.viewport().size()
        r = plan.rect
        return min(vp.width() / r.width(), vp.height() / r.height(), MAX_SCALE)

    def _relayout(self) -> None:
        """Choose the layout for the view's size, place everything and fit it into the view."""
        self._laid_out = self._layout_inputs()
        wide, compact = self._make_plan("wide"), self._make_plan("compact")
        sw, sc = self._scale(wide), self._scale(compact)
        plan = wide if sw >= WIDE_MIN_SCALE or sw >= sc else compact
        if self._plan is None or plan.key() != self._plan.key():
            self._apply(plan)
        self.caption.setText(plan.caption_text)
        s = max(self._scale(plan), MIN_SCALE)
        if s > 0:
            self.setTransform(QTransform.fromScale(s, s))
            self.centerOn(plan.rect.center())
            for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
                bar.setValue(bar.minimum())  # too small a view: the formula first, then scroll

    def _edge(self, a: QRectF, b: QRectF, tag: str) -> None:
        """A straight arrow from box ``a``'s side to the facing side of box ``b``."""
        ca, cb = a.center(), b.center()
        dx, dy = cb.x() - ca.x(), cb.y() - ca.y()
        if abs(dx) >= abs(dy):  # side by side
            sgn = 1 if dx > 0 else -1
            y = (max(a.top(), b.top()) + min(a.bottom(), b.bottom())) / 2
            p = QPointF(a.right() if sgn > 0 else a.left(), y)
            tip = QPointF(b.left() if sgn > 0 else b.right(), y)
            ux, uy = sgn, 0
        else:  # one above the other
            sgn = 1 if dy > 0 else -1
            x = (max(a.left(), b.left()) + min(a.right(), b.right())) / 2
            p = QPointF(x, a.bottom() if sgn > 0 else a.top())
            tip = QPointF(x, b.top() if sgn > 0 else b.bottom())
            ux, uy = 0, sgn
        tip = QPointF(tip.x() - ux * 1.0, tip.y() - uy * 1.0)
        base = QPointF(tip.x() - ux * ARROW_LEN, tip.y() - uy * ARROW_LEN)
        pen = QPen(QColor(EDGE_COLOR), 1.5)
        line = QGraphicsLineItem(p.x() + ux, p.y() + uy, base.x(), base.y())
        line.setPen(pen)
        line.setZValue(-1)
        self._scene.addItem(line)
        nx, ny = -uy, ux  # normal
        head = QGraphicsPolygonItem(QPolygonF([
            tip, QPointF(base.x() + nx * ARROW_HALF, base.y() + ny * ARROW_HALF),
            QPointF(base.x() - nx * ARROW_HALF, base.y() - ny * ARROW_HALF)]))
        head.setBrush(QColor(EDGE_COLOR))
        head.setPen(QPen(Qt.PenStyle.NoPen))
        self._scene.addItem(head)
        self._edges += [line, head]
        if tag:
            t = _text(None, self._scene, tag, _font(TAG_PT, True), "#333333")
            r = t.boundingRect()
            mid = QPointF((p.x() + tip.x()) / 2, (p.y() + tip.y()) / 2)
            if uy == 0:  # horizontal arrow: the sign above it
                t.setPos(mid.x() - r.width() / 2, mid.y() - r.height() - 1)
            else:  # vertical arrow: the sign to its right
                t.setPos(mid.x() + 4, mid.y() - r.height() / 2)
            self._edges.append(t)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        # laid out again only if it changed while hidden (a tab shown again, as it was, is not)
        if self._laid_out != self._layout_inputs():
            self._relayout()

    def _layout_inputs(self) -> tuple:
        """What a layout depends on: the texts, the boxes' widths and the view's size."""
        return (self._caption_text, tuple(n.text() for n in self.nodes.values()),
                tuple(sorted(self._widths.items())), self.viewport().size().toTuple())

    # -- state -------------------------------------------------------------------------------
    def set_state(self, w: float, b: float, x: float, label: float) -> None:
        """Evaluate the graph at ``(w, b)`` on the sample ``(x, label)`` and show every node's
        value and gradient."""
        self._evaluate(w, b, x, label)
        self.step = self.sample = None
        self._set_caption(translate("Graph", "sample: x = {x}, label = {label}")
                          .format(x=fmt(x, DIGITS), label=fmt(label, DIGITS)))

    def _evaluate(self, w: float, b: float, x: float, label: float) -> None:
        """Every node's value and gradient at ``(w, b)`` on ``(x, label)``, written into its
        box (laid out by the caller, once)."""
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
                gtext = translate("Graph", "no gradient")
            else:
                gtext = f"∂L/∂{gname} = {fmt(g, DIGITS)}"
            item.set(translate("Graph", "value = {value}").format(value=fmt(v, DIGITS)), gtext,
                     g is not None)

    def _set_caption(self, text: str) -> None:
        """Set the caption, let the boxes grow to fit their new text, and lay out again."""
        self._caption_text = text
        for name, item in self.nodes.items():
            self._widths[name] = max(self._widths.get(name, 0.0), item.natural_width())
        self._relayout()

    def node_text(self, name: str) -> str:
        """The text node ``name`` shows (title, value and gradient lines)."""
        return self.nodes[name].text()

    # -- samples of a problem ----------------------------------------------------------------
    def set_problem(self, problem: Any, at: tuple[int, float, float] | None = None) -> None:
        """Use ``problem``'s samples (ADALINE, or any model with 1-D inputs and parameters
        w, b) for :meth:`show_step`; shows step 0 at the problem's start point, or the step
        ``at`` = (k, w, b) (laid out once)."""
        X, _ = problem.data
        if np.ndim(X) != 1 or tuple(problem.param_names) != ("w", "b"):
            raise ValueError(f"the graph view needs a problem with 1-D inputs and parameters w, b "
                             f"(ADALINE), not {getattr(problem, 'name', problem)!r}")
        self.problem = problem
        self._widths = {}  # a new problem: the boxes may shrink back
        self._batches = problem.batches()
        self._sample_first = []
        self._full_batch = False
        self._batch_size = 1
        self.show_step(*(at or (0, *(problem.start or (0.0, 0.0)))))

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
        if k == 0 or (self.step is not None and k < self.step):  # a new run: boxes may shrink
            self._widths = {}
        X, y = self.problem.data if self.problem is not None else (np.zeros(1), np.zeros(1))
        self._evaluate(w, b, X[i], y[i])
        self.step, self.sample = k, i
        caption = (translate("Graph", "step {k}: sample #{i} (first of a batch of {n}), x = {x}, "
                             "label = {label}") if self._batch_size > 1 else
                   translate("Graph", "step {k}: sample #{i}, x = {x}, label = {label}"))
        self._set_caption(caption.format(k=k, i=i, n=self._batch_size, x=fmt(X[i], DIGITS),
                                         label=fmt(y[i], DIGITS)))
