"""What the descent-path plot draws under the path, as the problem declares (``path_plot``):

* "contour" (a 2-D objective, or a model with two parameters (w, b)): the loss on a grid;
* "curve" (a model with one parameter w): the curve J(w);
* "projection" (a model with many parameters): the loss on the plane of the trajectory's two
  principal directions (:mod:`gdlab.engine.analysis.projection`), computed from parameter
  snapshots when a run stops, never per frame.

A model's curve or map frames its start and its declared ``optimum()`` (pure numpy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Sequence

import numpy as np

from ..problems.models import MODEL_MATH, is_model
from ..text import N_, Message
from .projection import flatten, loss_on_plane, model_loss, pca_plane, plane_extent, shapes_of

GRID = 220  # points a side of a 2-D objective's map
CURVE_POINTS = 240
MODEL_GRID = 61
PLANE_GRID = 41
PLANE_SAMPLES = 300
BLOCK_VALUES = 8192  # points × samples per vectorised loss call: arrays that stay in cache


@dataclass
class Surface:
    """``kind`` "contour": Z (ny, nx) over xs (nx,), ys (ny,) (None: not computed yet, see
    :func:`surface_for`); "curve": ys = J(xs).

    ``box`` is the region to show; the grid may cover more (see :func:`surface_for`).
    ``equal_axes``: both axes share units, so the map should be drawn 1:1."""

    kind: str
    xs: np.ndarray
    ys: np.ndarray
    Z: np.ndarray | None
    box: tuple[float, float, float, float]
    labels: tuple[str, str]
    minima: tuple[tuple[float, float], ...] = ()
    log_color: bool = False
    path: np.ndarray | None = field(default=None, repr=False)  # plane coordinates (n, 2)
    note: str = ""
    equal_axes: bool = False
    #: (ny, nx) where the function is undefined (a domain error), or None: nowhere
    undefined: np.ndarray | None = field(default=None, repr=False)


def _wants_log(Z: np.ndarray) -> bool:
    """A logarithmic colour scale suits values ≥ 0 that span three decades or more."""
    finite = Z[np.isfinite(Z)]
    return bool(len(finite) and finite.min() >= 0 and finite.max() > 1e3 * max(finite.min(), 1e-12))


#: the models' math with each mean taken over the last axis (the data): a loss expression
#: given k parameter points at once, each leaf (k, 1), gives the k losses (k,)
_POINTS_MATH = SimpleNamespace(**{**vars(MODEL_MATH), "mean": lambda a: np.mean(a, axis=-1)})


def _losses(problem: Any, points: Sequence[np.ndarray]) -> np.ndarray:
    """The loss at k points, ``points[i]`` (k,) the i-th parameter's values: vectorised calls
    over blocks of points (numpy on (block, n) arrays, mostly without the GIL) where the
    problem's loss broadcasts so and agrees with its point-by-point value, else a call per
    point (k Python calls holding the GIL, slowing every paint of a window meanwhile)."""
    loss = lambda *p: float(problem.loss_expr([np.float64(v) for v in p], None))  # noqa: E731
    k = len(points[0])
    n = len(problem.data[1])
    block = max(1, BLOCK_VALUES // max(n, 1))
    with np.errstate(all="ignore"):
        try:
            out = np.concatenate([np.asarray(problem.loss_expr(
                [np.asarray(v[a:a + block], float)[:, None] for v in points], None,
                _POINTS_MATH), dtype=float).reshape(-1) for a in range(0, k, block)])
        except Exception:  # a loss that does not broadcast over points
            out = None
        if out is not None and out.shape == (k,) and all(
                np.allclose(out[j], loss(*(v[j] for v in points)), equal_nan=True)
                for j in {0, k - 1}):
            return out
        return np.array([loss(*p) for p in zip(*points)])


def _box_around(points: Sequence[Sequence[float]], d: int) -> list[tuple[float, float]]:
    pts = np.array(points, dtype=float).reshape(-1, d)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    half = np.maximum((hi - lo) * 0.75, 1.0)
    mid = (lo + hi) / 2
    return [(float(m - h), float(m + h)) for m, h in zip(mid, half)]


def surface_for(problem: Any, start: Sequence[float] | None = None,
                extent: tuple[float, float, float, float] | None = None,
                values: bool = True) -> Surface | None:
    """The surface for a problem (None for a "projection": see :func:`plane_surface`).

    A contour map's grid covers ``extent`` (x0, x1, y0, y1) when given, e.g. the box padded to
    the plot's shape, so that no blank band shows around the map; its ``box`` stays the same.
    Without ``values``, a 2-D objective's surface has no Z yet: its grid's values are computed
    later, where they are drawn (e.g. on another thread, over the extent the view needs).
    """
    if not is_model(problem):
        if not values:
            x0, x1, y0, y1 = extent or problem.box
            xs, ys, Z, undefined = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID), None, None
        else:
            xs, ys, Z = problem.grid(GRID, extent)
            undefined = problem.undefined_at(xs[None, :], ys[:, None])
        return Surface("contour", xs, ys, Z, problem.box, ("x", "y"), tuple(problem.minima),
                       problem.log_color, equal_axes=problem.equal_axes,
                       undefined=undefined if undefined is not None and undefined.any() else None)
    if problem.path_plot == "projection":
        return None
    names = problem.param_names
    start = tuple(problem.start if start is None else start)
    opt = problem.optimum()
    ranges = _box_around([start, opt] if opt else [start], len(names))
    loss = lambda *p: float(problem.loss_expr([np.float64(v) for v in p], None))  # noqa: E731
    with np.errstate(all="ignore"):
        if problem.path_plot == "curve":
            (w0, w1), = ranges
            ws = np.linspace(w0, w1, CURVE_POINTS)
            J = _losses(problem, [ws])
            top = float(np.nanmax(J))
            return Surface("curve", ws, J, None, (w0, w1, -0.05 * top, 1.05 * top),
                           (names[0], N_("loss J")), ((opt[0], loss(opt[0])),) if opt else ())
        (w0, w1), (b0, b1) = ranges
        g0, g1, h0, h1 = extent or (w0, w1, b0, b1)
        xs = np.linspace(g0, g1, MODEL_GRID)
        ys = np.linspace(h0, h1, MODEL_GRID)
        W, B = np.meshgrid(xs, ys)
        Z = _losses(problem, [W.ravel(), B.ravel()]).reshape(W.shape)
    return Surface("contour", xs, ys, Z, (w0, w1, b0, b1), names, (opt,) if opt else (),
                   _wants_log(Z), equal_axes=problem.equal_axes)


def plane_surface(problem: Any, snapshots: Sequence[Sequence[np.ndarray]]) -> Surface:
    """The loss on the plane of a trajectory's two principal directions.

    ``snapshots``: the parameter lists at several steps (first = start, last = now); the
    plane is centred on the last one. Costs PLANE_GRID² loss evaluations on the data (on a
    fixed subset of PLANE_SAMPLES points when there are more).
    """
    if len(snapshots) < 2:
        raise ValueError("the projection needs at least two parameter snapshots")
    shapes = shapes_of(snapshots[0])
    thetas = np.array([flatten(s) for s in snapshots])
    center, basis, coords, explained = pca_plane(thetas)
    box = plane_extent(coords)
    n = len(problem.data[1])
    # at most PLANE_SAMPLES points (a fixed seeded subset): the map stays quick to compute
    idx = None if n <= PLANE_SAMPLES else np.sort(
        np.random.default_rng(0).choice(n, PLANE_SAMPLES, replace=False))
    xs, ys, Z = loss_on_plane(model_loss(problem, shapes, idx), center, basis, box, n=PLANE_GRID)
    if explained[1] > 0:
        note = Message("{n} parameters projected on the path's two principal directions "
                       "({first:.0%} and {second:.0%} of its variance); (0, 0) is the current "
                       "point", n=thetas.shape[1], first=explained[0], second=explained[1])
        labels = (N_("direction 1"), N_("direction 2"))
    else:  # one step, or a straight path: a plane needs a second direction it does not have
        note = Message("{n} parameters: the path so far is a straight line, so there is no "
                       "second direction yet; the vertical axis is an arbitrary perpendicular. "
                       "(0, 0) is the current point", n=thetas.shape[1])
        labels = (N_("direction 1"), N_("perpendicular (no second direction yet)"))
    return Surface("contour", xs, ys, Z, box, labels, (), _wants_log(Z), path=coords, note=note)
