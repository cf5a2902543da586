"""Numerical gradients by central differences, exactly as the teaching texts compute them."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ..cooperate import between
from ..optim.hyperparams import DEFAULT_H
from ..text import Message

GRADIENT_METHODS = ("analytic", "numerical", "autodiff")


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = DEFAULT_H) -> np.ndarray:
    """Central-difference gradient of ``f`` at ``x`` (a float array of any shape).

    Each element is perturbed *in place*, ``f`` evaluated, and the element
    restored, so a closure that ignores its argument (``lambda W: net.loss(x, t)``)
    works when ``x`` is the model's own parameter array. Returns an array shaped
    like ``x``.
    """
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        idx = it.multi_index
        tmp = x[idx]
        x[idx] = float(tmp) + h
        f1 = f(x)
        x[idx] = tmp - h
        f2 = f(x)
        grad[idx] = (f1 - f2) / (2 * h)
        x[idx] = tmp
        it.iternext()
        between()  # a host (the window) may run here: a network has thousands of elements
    return grad


def nudge_lost(values: Sequence, h: float = DEFAULT_H) -> np.ndarray:
    """Where the central difference's nudge is lost in rounding: θ + h == θ − h (|θ| beyond
    about h/ε: 4.5e11 for h = 1e-4 in float64, 1,700 in float32), so f is compared with
    itself and the numerical gradient is 0 whatever the slope. ``values``: leaves of any
    shapes, broadcast together (K runs' coordinates (K,) each give (K,)); a boolean array,
    True where any leaf's nudge is lost."""
    lost = np.zeros(np.broadcast_shapes(*(np.shape(v) for v in values)), dtype=bool)
    for v in values:
        a = np.asarray(v)  # in its own precision, as the difference is taken (float32 …)
        if a.dtype.kind != "f":
            a = a.astype(float)
        lost |= a + h == a - h
    return lost


def lost_nudge_reason(h: float) -> Message:
    """What a run whose numerical gradient vanished only by :func:`nudge_lost` is told."""
    return Message("the numerical gradient is 0 only because its nudge h = {h:g} is lost in "
                   "rounding this far out (θ ± h == θ): no slope can be measured here", h=h)


def numerical_gradient_batch(f: Callable[[np.ndarray], np.ndarray], X: np.ndarray,
                             h: float = DEFAULT_H) -> np.ndarray:
    """Vectorised central differences for K points at once.

    ``X`` has shape (K, d) and ``f`` maps it to K values; column j of all K
    points is perturbed in place together. Returns shape (K, d); each row
    equals :func:`numerical_gradient` of that point alone.
    """
    grad = np.zeros_like(X)
    for j in range(X.shape[-1]):
        tmp = X[..., j].copy()
        X[..., j] = tmp + h
        f1 = f(X)
        X[..., j] = tmp - h
        f2 = f(X)
        grad[..., j] = (f1 - f2) / (2 * h)
        X[..., j] = tmp
    return grad


def numerical_gradient_scalars(f: Callable[..., float], p: list, h: float = DEFAULT_H) -> list:
    """The same central differences over a list of plain floats ``p`` (perturbed in place).

    The fast path for one 2-D run: identical arithmetic to :func:`numerical_gradient`.
    """
    g = []
    for i in range(len(p)):
        tmp = p[i]
        p[i] = tmp + h
        f1 = f(*p)
        p[i] = tmp - h
        f2 = f(*p)
        g.append((f1 - f2) / (2 * h))
        p[i] = tmp
    return g


def autodiff_gradient(f: Callable[..., object], p: Sequence) -> tuple[float, list[np.ndarray]]:
    """Reverse-mode gradient of ``f(*leaves)`` through the computation graph.

    Each value of ``p`` (a float or an array of any shape) becomes a
    :class:`~gdlab.engine.gradients.graph.Variable`; ``f`` must build its result from them
    with graph-capable math (e.g. ``objective.value(x, y, GRAPH_MATH)``).
    Returns ``(value, grads)``, the grads shaped like the values of ``p``.
    """
    from .graph import Variable
    vs = [Variable(v) for v in p]
    out = f(*vs)
    out.backward()
    return float(out.value), [v.grad for v in vs]
