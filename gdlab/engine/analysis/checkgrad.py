"""Gradient check: the numerical gradient against the analytic (backprop) and autodiff ones.

``check_gradients(problem, h)`` returns one :class:`GradCheckRow` per parameter
array (``x``, ``y`` for a 2-D objective; ``W1``, ``b1``, ``W2``, ``b2`` for
``mlp``) with the maximum absolute difference and the relative difference
``max|a − n| / max|n|`` of each method against the central differences ``n``;
:func:`format_table` prints them (the CLI's ``gdlab check-grad``; the window
can show the same rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..gradients.methods import autodiff_gradient, numerical_gradient_scalars
from ..optim.hyperparams import DEFAULT_H, H
from ..problems.models import is_model
from ..problems.registry import get_problem
from ..problems.objectives import FLOAT_MATH, GRAPH_MATH


@dataclass(frozen=True)
class GradCheckRow:
    """One parameter array's comparison (``a`` analytic/backprop, ``d`` autodiff, ``n`` numerical)."""

    param: str
    shape: tuple[int, ...]
    analytic_abs: float  # max |a − n|
    analytic_rel: float  # max |a − n| / max |n|
    autodiff_abs: float  # max |d − n|
    autodiff_rel: float  # max |d − n| / max |n|
    analytic_autodiff_abs: float  # max |a − d|


def _diff(a: Any, b: Any) -> float:
    return float(np.max(np.abs(np.asarray(a, float) - np.asarray(b, float)), initial=0.0))


def _rel(diff: float, ref: Any) -> float:
    scale = float(np.max(np.abs(np.asarray(ref, float)), initial=0.0))
    if scale == 0.0:
        return 0.0 if diff == 0.0 else float("inf")
    return diff / scale


def gradients_by_method(problem: Any, h: float = DEFAULT_H, params: Sequence | None = None,
                        idx: Any = "first") -> tuple[list[str], dict[str, list[np.ndarray]]]:
    """``(names, {"analytic": grads, "numerical": grads, "autodiff": grads})`` at ``params``
    (default: the problem's start) on batch ``idx`` (default: the problem's first batch)."""
    if isinstance(problem, str):
        problem = get_problem(problem)
    names = list(problem.param_names)
    if is_model(problem):
        if params is None:
            params = problem.init_params(problem.start)
        if isinstance(idx, str):
            idx = check_batch(problem)
        grads = {m: problem.evaluate(list(params), idx, m, h)[1]
                 for m in ("analytic", "numerical", "autodiff")}
        return names, grads
    p = [float(v) for v in (problem.start if params is None else params)]
    fn = lambda *q: problem.value(*q, FLOAT_MATH)  # noqa: E731
    grads = {
        "analytic": list(problem.gradient(*p, FLOAT_MATH)),
        "numerical": numerical_gradient_scalars(fn, list(p), h),
        "autodiff": autodiff_gradient(lambda *q: problem.value(*q, GRAPH_MATH), p)[1],
    }
    return names, grads


CHECK_SAMPLES = 100


def check_batch(problem: Any) -> np.ndarray | None:
    """The samples a gradient check uses: the problem's first batch, at most CHECK_SAMPLES of
    it (the numerical gradient costs two loss evaluations per parameter)."""
    idx = next(problem.batches())
    n = len(problem.data[1])
    if idx is None:
        return None if n <= CHECK_SAMPLES else np.arange(CHECK_SAMPLES)
    return idx[:CHECK_SAMPLES]


def check_gradients(problem: Any, h: float = DEFAULT_H, params: Sequence | None = None,
                    idx: Any = "first") -> list[GradCheckRow]:
    """One row per parameter array comparing analytic and autodiff with the numerical gradient."""
    H.validate(h)
    names, g = gradients_by_method(problem, h, params, idx)
    rows = []
    for i, name in enumerate(names):
        a, n, d = g["analytic"][i], g["numerical"][i], g["autodiff"][i]
        da, dd = _diff(a, n), _diff(d, n)
        rows.append(GradCheckRow(name, tuple(np.shape(n)), da, _rel(da, n), dd, _rel(dd, n),
                                 _diff(a, d)))
    return rows


def format_table(rows: Sequence[GradCheckRow]) -> str:
    """The rows as an aligned text table, differences in scientific notation."""
    head = (f"{'param':<6} {'shape':<9} {'analytic−num max':>17} {'relative':>10} "
            f"{'autodiff−num max':>17} {'relative':>10} {'analytic−autodiff':>18}")
    lines = [head]
    for r in rows:
        shape = "×".join(map(str, r.shape)) or "scalar"
        lines.append(f"{r.param:<6} {shape:<9} {r.analytic_abs:>17.3e} {r.analytic_rel:>10.3e} "
                     f"{r.autodiff_abs:>17.3e} {r.autodiff_rel:>10.3e} "
                     f"{r.analytic_autodiff_abs:>18.3e}")
    return "\n".join(lines)
