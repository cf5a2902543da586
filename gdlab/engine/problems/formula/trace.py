"""A formula's computation graph at one point, node by node, for the graph tab: each node's
label, value and gradient (∂f/∂node, from the graph's backward pass)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...gradients import graph
from .calculus import to_text
from .graphops import GRAPH
from .tree import Expr, Num, Op, Var

_SIGNS = {"+": "+", "-": "−", "*": "×", "/": "÷", "^": "^", "neg": "−"}


@dataclass(frozen=True)
class TraceNode:
    """One node: ``label`` (``x``, ``2``, ``×``, ``sin`` …), ``text`` (its subformula),
    ``value`` f of the node, ``grad`` ∂f/∂node (None for a constant), ``children`` indices."""

    label: str
    text: str
    value: float
    grad: float | None
    children: tuple[int, ...]


def trace(tree: Expr, x: float, y: float) -> list[TraceNode]:
    """The nodes of ``tree`` at (x, y), children before parents (the last is f itself).
    The variables x and y are one node each, shared by every use; a number that is an
    operand of an operation is written in that operation's label (``^ 2``, ``2 ×``) rather
    than drawn as a node of its own."""
    vx, vy = graph.Variable(float(x), name="x"), graph.Variable(float(y), name="y")
    order: list[tuple[Expr, graph.Node, tuple[int, ...], str]] = []
    leaves: dict[str, int] = {}

    def visit(e: Expr) -> tuple[graph.Node, int]:
        if isinstance(e, Var):
            if e.name not in leaves:
                leaves[e.name] = len(order)
                order.append((e, vx if e.name == "x" else vy, (), e.name))
            i = leaves[e.name]
            return order[i][1], i
        if isinstance(e, Num):
            node = graph.Constant(e.value)
            order.append((e, node, (), to_text(e)))
            return node, len(order) - 1
        kids = (e.a,) if isinstance(e, Op) and e.b is None else (
            (e.a, e.b) if isinstance(e, Op) else e.args)
        name = e.op if isinstance(e, Op) else e.fn
        label = _SIGNS.get(name, name)
        if isinstance(e, Op) and e.b is not None and any(isinstance(k, Num) for k in kids) \
                and not all(isinstance(k, Num) for k in kids):
            a_num = isinstance(e.a, Num)
            const = to_text(e.a if a_num else e.b)
            label = f"{const} {label}" if a_num else f"{label} {const}"
            other = visit(e.b if a_num else e.a)
            args = (graph.Constant(e.a.value), other[0]) if a_num else (
                other[0], graph.Constant(e.b.value))
            node = GRAPH[name](*args)
            order.append((e, node, (other[1],), label))
            return node, len(order) - 1
        done = [visit(k) for k in kids]
        node = GRAPH[name](*(n for n, _ in done))
        order.append((e, node, tuple(i for _, i in done), label))
        return node, len(order) - 1

    with np.errstate(all="ignore"):
        out, _ = visit(tree)
        if out.requires_grad:
            out.backward()
    nodes = []
    for e, node, kids, label in order:
        grad = None if node.grad is None else float(np.sum(node.grad))
        nodes.append(TraceNode(label, to_text(e), float(node.value), grad, kids))
    return nodes
