"""Reverse-mode automatic differentiation over numpy arrays (a computation graph).

micrograd-style, but every :class:`Node` holds an array. Building an expression
from :class:`Variable`/:class:`Constant` leaves evaluates it eagerly and records
the graph; ``loss.backward()`` then fills ``.grad`` of every node reachable from
``loss``. The graph is *define-by-run*: after changing a Variable's value,
evaluate the function again to get a new graph.

Gradient semantics:

* ``node.grad`` has the shape of ``node.value``. Leaves that need gradients
  (Variables) start with zeros; op nodes have ``None`` until a backward pass;
  Constants never get one (``requires_grad`` is False).
* ``backward()`` ADDS into the ``.grad`` of Variables: calling it twice without
  ``zero_grad()``/``clear_grads()`` in between doubles their gradients.
  Gradients of op nodes are recomputed from zero on every call.
* Broadcasting is undone by :func:`unbroadcast` (summing the gradient back down
  to the parent's shape).
* ``abs'(0)`` is taken as -1 (``sign`` with 0 mapped to -1, as in the teaching
  text); ``relu'(0)`` is 0; ``sqrt'(0)`` is inf.

``fn`` is a dispatching math namespace: ``fn.sin(x)`` is the Node op when ``x``
is a Node and ``np.sin(x)`` otherwise, so one function definition works on
floats, arrays and graph nodes. The module never imports Qt.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Callable, Iterable, Optional, Sequence

import numpy as np

ArrayLike = Any  # float | np.ndarray | Node


def _to_array(x: Any) -> np.ndarray:
    """``x`` as an array, keeping float dtypes and turning others into float64."""
    a = np.asarray(x)
    if not np.issubdtype(a.dtype, np.floating):
        a = a.astype(np.float64)
    return a


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` (broadcast shape) down to ``shape`` (the operand's shape)."""
    grad = np.asarray(grad)
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    return grad.reshape(shape)


class Node:
    """A value in the graph: ``value`` (array, any shape), ``grad`` (same shape).

    ``parents`` are the input nodes, ``op`` a label such as ``"add"`` (``""``
    for leaves), ``name`` an optional display name. ``_backward(g)`` receives
    this node's gradient ``g`` and adds the chain-rule terms into the parents'
    ``.grad`` (it does not capture the node itself, so graphs have no cycles).
    """

    __array_priority__ = 1000.0  # np.float64 * node -> Node.__rmul__
    __array_ufunc__ = None  # numpy defers binary operators to Node

    def __init__(self, value: Any, parents: Sequence["Node"] = (), op: str = "",
                 name: Optional[str] = None, requires_grad: Optional[bool] = None) -> None:
        self._value = _to_array(value)
        self.parents: tuple[Node, ...] = tuple(parents)
        self.op = op
        self.name = name
        if requires_grad is None:
            requires_grad = any(p.requires_grad for p in self.parents)
        self.requires_grad = requires_grad
        self.grad: Optional[np.ndarray] = None
        self._backward: Callable[[np.ndarray], None] = lambda g: None

    # -- value and gradient -----------------------------------------------------
    @property
    def value(self) -> np.ndarray:
        return self._value

    @value.setter
    def value(self, v: Any) -> None:
        self._value = _to_array(v)
        if self.grad is not None and self.grad.shape != self._value.shape:
            self.grad = np.zeros_like(self._value)

    shape = property(lambda self: self._value.shape)
    ndim = property(lambda self: self._value.ndim)
    size = property(lambda self: self._value.size)
    dtype = property(lambda self: self._value.dtype)

    def item(self) -> float:
        return self._value.item()

    def __float__(self) -> float:
        return float(self._value.item())

    def __repr__(self) -> str:
        kind = type(self).__name__ if not self.op else f"Node[{self.op}]"
        label = f" {self.name!r}" if self.name else ""
        return f"<{kind}{label} shape={self.shape} value={np.array2string(self._value, threshold=6)}>"

    def zero_grad(self) -> None:
        """Reset ``grad`` to zeros (``None`` stays for nodes without gradients)."""
        self.grad = np.zeros_like(self._value) if self.requires_grad else None

    # -- graph traversal ----------------------------------------------------------
    def topo_order(self) -> list["Node"]:
        """All nodes this one depends on (itself last), parents before children.

        Iterative depth-first search, so graphs of any depth work.
        """
        order: list[Node] = []
        visited: set[int] = set()
        stack: list[tuple[Node, bool]] = [(self, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents if id(p) not in visited)
        return order

    def variables(self) -> list["Variable"]:
        """The Variable leaves of this node's graph, in topological order."""
        return [n for n in self.topo_order() if isinstance(n, Variable)]

    def backward(self, grad: Optional[ArrayLike] = None) -> None:
        """Backpropagate from this node, seeding its gradient with ``grad``.

        ``grad`` defaults to 1 and may only be omitted for a node with one
        element. Gradients of Variables accumulate across calls (see module doc).
        """
        if grad is None:
            if self.size != 1:
                raise ValueError(f"backward() without grad needs a scalar, got shape {self.shape}")
            grad = np.ones_like(self._value)
        grad = np.broadcast_to(_to_array(grad), self.shape)
        order = [n for n in self.topo_order() if n.requires_grad]
        for n in order:
            if n.parents or n.grad is None or n.grad.shape != n.shape:
                n.grad = np.zeros_like(n._value)
        if not self.requires_grad:
            return
        self.grad += grad
        for n in reversed(order):
            if n.parents:
                n._backward(n.grad)

    # -- operators ------------------------------------------------------------------
    def __add__(self, o: ArrayLike) -> "Node": return add(self, o)
    def __radd__(self, o: ArrayLike) -> "Node": return add(o, self)
    def __sub__(self, o: ArrayLike) -> "Node": return sub(self, o)
    def __rsub__(self, o: ArrayLike) -> "Node": return sub(o, self)
    def __mul__(self, o: ArrayLike) -> "Node": return mul(self, o)
    def __rmul__(self, o: ArrayLike) -> "Node": return mul(o, self)
    def __truediv__(self, o: ArrayLike) -> "Node": return div(self, o)
    def __rtruediv__(self, o: ArrayLike) -> "Node": return div(o, self)
    def __pow__(self, o: ArrayLike) -> "Node": return pow(self, o)
    def __rpow__(self, o: ArrayLike) -> "Node": return pow(o, self)
    def __matmul__(self, o: ArrayLike) -> "Node": return matmul(self, o)
    def __rmatmul__(self, o: ArrayLike) -> "Node": return matmul(o, self)
    def __neg__(self) -> "Node": return neg(self)
    def __pos__(self) -> "Node": return self
    def __getitem__(self, idx: Any) -> "Node": return getitem(self, idx)
    def __abs__(self) -> "Node": return abs(self)

    def sum(self, axis: Any = None, keepdims: bool = False) -> "Node":
        return sum(self, axis, keepdims)

    def mean(self, axis: Any = None, keepdims: bool = False) -> "Node":
        return mean(self, axis, keepdims)


class Variable(Node):
    """A trainable leaf; change it with ``v.value = ...`` or ``v.set(...)``."""

    def __init__(self, value: Any, name: Optional[str] = None) -> None:
        super().__init__(value, name=name, requires_grad=True)
        self.grad = np.zeros_like(self._value)

    def set(self, value: Any) -> None:
        """Replace the value (any shape; a new shape resets ``grad``)."""
        self.value = value


class Constant(Node):
    """A fixed leaf (data, targets, literals); it never gets a gradient."""

    def __init__(self, value: Any, name: Optional[str] = None) -> None:
        super().__init__(value, name=name, requires_grad=False)


def as_node(x: ArrayLike) -> Node:
    """``x`` itself if it is a Node, else ``Constant(x)``."""
    return x if isinstance(x, Node) else Constant(x)


def clear_grads(nodes: Iterable[Node]) -> None:
    """Call ``zero_grad()`` on every node (e.g. ``clear_grads(loss.variables())``)."""
    for n in nodes:
        n.zero_grad()


def _acc(p: Node, g: Any) -> None:
    """Add ``g`` (possibly broadcast) into ``p.grad`` if ``p`` needs a gradient."""
    if p.requires_grad:
        p.grad += unbroadcast(g, p.shape)


def _unary(x: ArrayLike, op: str, f: Callable[[np.ndarray], np.ndarray],
           df: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Node:
    """Elementwise op: ``out = f(u)``, ``d out/d u = df(u, out)``."""
    x = as_node(x)
    u = x.value
    y = f(u)
    out = Node(y, (x,), op)
    out._backward = lambda g: _acc(x, g * df(u, y))
    return out


def _binary(a: ArrayLike, b: ArrayLike, op: str, f: Callable[[np.ndarray, np.ndarray], np.ndarray],
            ga: Callable[..., np.ndarray], gb: Callable[..., np.ndarray]) -> Node:
    """Broadcasting op ``out = f(u, v)``; ``ga(g, u, v, out)`` is the term for ``a``."""
    a, b = as_node(a), as_node(b)
    u, v = a.value, b.value
    y = f(u, v)
    out = Node(y, (a, b), op)
    def _backward(g: np.ndarray) -> None:
        if a.requires_grad:
            _acc(a, ga(g, u, v, y))
        if b.requires_grad:
            _acc(b, gb(g, u, v, y))
    out._backward = _backward
    return out


# -- arithmetic (broadcasting like numpy) -------------------------------------------
def add(a: ArrayLike, b: ArrayLike) -> Node:
    """``a + b``, broadcast shapes."""
    return _binary(a, b, "add", np.add, lambda g, u, v, y: g, lambda g, u, v, y: g)


def sub(a: ArrayLike, b: ArrayLike) -> Node:
    """``a - b``, broadcast shapes."""
    return _binary(a, b, "sub", np.subtract, lambda g, u, v, y: g, lambda g, u, v, y: -g)


def mul(a: ArrayLike, b: ArrayLike) -> Node:
    """``a * b`` elementwise, broadcast shapes."""
    return _binary(a, b, "mul", np.multiply, lambda g, u, v, y: g * v, lambda g, u, v, y: g * u)


def div(a: ArrayLike, b: ArrayLike) -> Node:
    """``a / b`` elementwise, broadcast shapes."""
    return _binary(a, b, "div", np.divide, lambda g, u, v, y: g / v, lambda g, u, v, y: -g * y / v)


def neg(x: ArrayLike) -> Node:
    """``-x``."""
    return _unary(x, "neg", np.negative, lambda u, y: -1.0)


def pow(a: ArrayLike, p: ArrayLike) -> Node:
    """``a ** p``; ``p`` a number (or array), or a Node (then d/dp = a**p log a)."""
    if not isinstance(p, Node):
        k = float(p) if np.ndim(p) == 0 else _to_array(p)
        return _unary(a, "pow", lambda u: u ** k, lambda u, y: k * u ** (k - 1))
    return _binary(a, p, "pow", np.power, lambda g, u, v, y: g * v * u ** (v - 1),
                   lambda g, u, v, y: g * y * np.log(u))


def matmul(a: ArrayLike, b: ArrayLike) -> Node:
    """``a @ b`` with numpy semantics: (N,D)@(D,H) -> (N,H); 1-D and batched too."""
    a, b = as_node(a), as_node(b)
    av, bv = a.value, b.value
    a2 = av if av.ndim > 1 else av[None, :]  # (.., N, D)
    b2 = bv if bv.ndim > 1 else bv[:, None]  # (.., D, H)
    y2 = np.matmul(a2, b2)
    out = Node(np.matmul(av, bv), (a, b), "matmul")
    def _backward(g: np.ndarray) -> None:
        g2 = np.reshape(g, y2.shape)
        if a.requires_grad:
            _acc(a, unbroadcast(g2 @ np.swapaxes(b2, -1, -2), a2.shape).reshape(av.shape))
        if b.requires_grad:
            _acc(b, unbroadcast(np.swapaxes(a2, -1, -2) @ g2, b2.shape).reshape(bv.shape))
    out._backward = _backward
    return out


def getitem(x: ArrayLike, idx: Any) -> Node:
    """``x[idx]`` (basic or integer-array indexing); the gradient scatters back."""
    x = as_node(x)
    out = Node(x.value[idx], (x,), "getitem")
    def _backward(g: np.ndarray) -> None:
        if x.requires_grad:
            full = np.zeros_like(x.value)
            np.add.at(full, idx, g)
            x.grad += full
    out._backward = _backward
    return out


# -- reductions ---------------------------------------------------------------------
def _expand(g: np.ndarray, shape: tuple[int, ...], axis: Any, keepdims: bool) -> np.ndarray:
    """Broadcast a reduced gradient ``g`` back to the input ``shape``."""
    if axis is not None and not keepdims:
        axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
        g = np.expand_dims(g, tuple(int(ax) % len(shape) for ax in axes))
    return np.broadcast_to(g, shape)


def sum(x: ArrayLike, axis: Any = None, keepdims: bool = False) -> Node:
    """Sum over ``axis`` (int, tuple or None = all) like ``np.sum``."""
    x = as_node(x)
    shape = x.shape
    out = Node(np.sum(x.value, axis=axis, keepdims=keepdims), (x,), "sum")
    out._backward = lambda g: _acc(x, _expand(g, shape, axis, keepdims))
    return out


def mean(x: ArrayLike, axis: Any = None, keepdims: bool = False) -> Node:
    """Mean over ``axis`` (int, tuple or None = all) like ``np.mean``."""
    x = as_node(x)
    shape = x.shape
    y = np.mean(x.value, axis=axis, keepdims=keepdims)
    n = x.size // max(np.size(y), 1) if x.size else 1
    out = Node(y, (x,), "mean")
    out._backward = lambda g: _acc(x, _expand(g, shape, axis, keepdims) / n)
    return out


# -- elementwise functions -------------------------------------------------------------
def _sigmoid_np(u: np.ndarray) -> np.ndarray:
    """Overflow-free logistic function 1 / (1 + exp(-u))."""
    return np.exp(-np.logaddexp(0.0, -u))


def exp(x: ArrayLike) -> Node: return _unary(x, "exp", np.exp, lambda u, y: y)
def log(x: ArrayLike) -> Node: return _unary(x, "log", np.log, lambda u, y: 1.0 / u)
def sqrt(x: ArrayLike) -> Node: return _unary(x, "sqrt", np.sqrt, lambda u, y: 0.5 / y)
def square(x: ArrayLike) -> Node: return _unary(x, "square", np.square, lambda u, y: 2.0 * u)
def sin(x: ArrayLike) -> Node: return _unary(x, "sin", np.sin, lambda u, y: np.cos(u))
def cos(x: ArrayLike) -> Node: return _unary(x, "cos", np.cos, lambda u, y: -np.sin(u))
def tanh(x: ArrayLike) -> Node: return _unary(x, "tanh", np.tanh, lambda u, y: 1.0 - y * y)
def sigmoid(x: ArrayLike) -> Node: return _unary(x, "sigmoid", _sigmoid_np, lambda u, y: y * (1.0 - y))
def relu(x: ArrayLike) -> Node: return _unary(x, "relu", lambda u: np.maximum(u, 0.0), lambda u, y: (u > 0).astype(u.dtype))


def abs(x: ArrayLike) -> Node:
    """``|x|``; derivative ``sign(u)`` with -1 at ``u == 0`` (teaching-text convention)."""
    return _unary(x, "abs", np.abs, lambda u, y: np.where(u > 0, 1.0, -1.0).astype(u.dtype))


# -- losses ---------------------------------------------------------------------------
def softmax_cross_entropy(logits: ArrayLike, targets: ArrayLike, eps: float = 0.0) -> Node:
    """Mean over the batch of ``-sum_c t * log(softmax(z))``; logits, targets (N, C).

    Softmax is the stable one (row max subtracted). With the default ``eps=0``
    the loss is the exact cross-entropy, evaluated via log-softmax (finite even
    for tiny probabilities), and the logits' gradient is
    ``(y * t.sum(1) - t) / N``, i.e. ``(y - t) / N`` for one-hot ``t``.
    With ``eps > 0`` it evaluates ``-sum t * log(y + eps)`` (the textbook
    ``+1e-7`` variant) and backpropagates the true derivative of that.
    """
    z, t = as_node(logits), as_node(targets)
    zv, tv = z.value, t.value
    if zv.ndim == 1:
        zv, tv = zv[None, :], tv[None, :]
    n = zv.shape[0]
    shifted = zv - zv.max(axis=-1, keepdims=True)
    logy = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    y = np.exp(logy)
    logp = logy if eps == 0 else np.log(y + eps)
    out = Node(-np.sum(tv * logp) / n, (z, t), "softmax_cross_entropy")
    def _backward(g: np.ndarray) -> None:
        if z.requires_grad:
            if eps == 0:
                dz = y * tv.sum(axis=-1, keepdims=True) - tv
            else:
                v = -tv / (y + eps)  # d loss / d y, per sample
                dz = y * (v - np.sum(v * y, axis=-1, keepdims=True))
            _acc(z, (g * dz / n).reshape(z.shape))
        if t.requires_grad:
            _acc(t, (-g * logp / n).reshape(t.shape))
    out._backward = _backward
    return out


# -- dispatching math namespace ----------------------------------------------------------
def _dispatch(node_op: Callable[..., Node], np_op: Callable[..., Any]) -> Callable[..., Any]:
    def f(x: ArrayLike, *args: Any, **kw: Any) -> Any:
        return node_op(x, *args, **kw) if isinstance(x, Node) else np_op(x, *args, **kw)
    f.__name__ = node_op.__name__
    f.__doc__ = f"Node op ``{node_op.__name__}`` for a Node, else the numpy function."
    return f


fn = SimpleNamespace(
    sin=_dispatch(sin, np.sin), cos=_dispatch(cos, np.cos), exp=_dispatch(exp, np.exp),
    log=_dispatch(log, np.log), sqrt=_dispatch(sqrt, np.sqrt), abs=_dispatch(abs, np.abs),
    tanh=_dispatch(tanh, np.tanh), square=_dispatch(square, np.square),
    sigmoid=_dispatch(sigmoid, _sigmoid_np), relu=_dispatch(relu, lambda u: np.maximum(u, 0.0)),
    sum=_dispatch(sum, np.sum), mean=_dispatch(mean, np.mean),
)
"""``fn.sin(x)`` etc.: the graph op for Nodes, numpy for floats/arrays."""
