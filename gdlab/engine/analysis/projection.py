"""A many-parameter trajectory seen on a plane: PCA directions and the loss over that plane.

A model such as ``mlp`` has hundreds of parameters, so its descent path cannot
be drawn over a 2-D contour map directly. Following Li et al. (2018,
"Visualizing the Loss Landscape of Neural Nets"), :func:`pca_plane` takes the
snapshots θ_0 … θ_{n−1} of a run (rows of an (n, P) array), finds the two
directions along which they vary most, and returns every snapshot's
coordinates in that plane; :func:`loss_on_plane` evaluates the loss on a grid
of the same plane, ready for a colour map with the path drawn over it.

The plane is anchored at the **final** snapshot (``center = thetas[-1]``), so
the end of the path sits at (0, 0) and the grid shows the landscape around
where the run ended. Pure numpy; never imports Qt.

Typical use (the window samples ``run.params`` every few steps)::

    shapes = shapes_of(run.params)
    thetas = np.stack([flatten(p) for p in snapshots])       # (n, P)
    center, basis, coords, explained = pca_plane(thetas)
    xs, ys, Z = loss_on_plane(model_loss(problem, shapes), center, basis,
                              plane_extent(coords), n=41)
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from ..cooperate import between

__all__ = ["flatten", "unflatten", "shapes_of", "pca_plane", "plane_extent", "loss_on_plane",
           "model_loss"]


# -- parameter vectors ------------------------------------------------------------------
def shapes_of(params: Sequence[Any]) -> list[tuple[int, ...]]:
    """The shape of each parameter leaf (``()`` for a one-number parameter)."""
    return [tuple(np.shape(p)) for p in params]


def flatten(params: Sequence[Any]) -> np.ndarray:
    """A list of parameter leaves (arrays or numbers) as one float64 vector (P,), in order."""
    if not len(params):
        return np.empty(0)
    return np.concatenate([np.ravel(np.asarray(p, dtype=np.float64)) for p in params])


def unflatten(vec: np.ndarray, shapes: Sequence[tuple[int, ...]],
              dtype: Any = np.float64) -> list[Any]:
    """The inverse of :func:`flatten`: fresh arrays of ``shapes`` (0-d shapes give numpy
    scalars, as the one-number models use)."""
    vec = np.asarray(vec)
    sizes = [int(np.prod(s, dtype=np.int64)) for s in shapes]
    if vec.ndim != 1 or vec.size != sum(sizes):
        raise ValueError(f"a vector of {sum(sizes)} values is needed for shapes {list(shapes)}, "
                         f"got shape {vec.shape}")
    out: list[Any] = []
    i = 0
    for shape, size in zip(shapes, sizes):
        a = vec[i:i + size].astype(dtype).reshape(shape)
        out.append(a[()] if a.ndim == 0 else a)
        i += size
    return out


# -- the plane ---------------------------------------------------------------------------
def _complete_basis(basis: np.ndarray, k: int, P: int) -> np.ndarray:
    """Orthonormal rows: the first ``k`` rows of ``basis`` kept, the rest filled from the
    coordinate axes (for trajectories that span fewer than two directions)."""
    rows = [basis[i] for i in range(k)]
    for e in np.eye(P):
        if len(rows) == 2:
            break
        v = e - sum(np.dot(e, r) * r for r in rows) if rows else e.copy()
        nv = np.linalg.norm(v)
        if nv > 1e-8:
            rows.append(v / nv)
    return np.array(rows)


def pca_plane(thetas: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The trajectory ``thetas`` (n, P) on its two principal directions.

    Returns ``(center (P,), basis (2, P), coords (n, 2), explained (2,))``:

    * ``center`` is the final point ``thetas[-1]`` (so the path ends at (0, 0));
    * ``basis`` holds two orthonormal directions, the first two principal axes of the
      snapshots (SVD of the mean-centred rows), oriented so the start has coordinates
      ≤ 0 (the path runs left to right and bottom to top towards the end);
    * ``coords[i] = basis @ (thetas[i] − center)``;
    * ``explained`` is the fraction of the snapshots' variance along each direction
      (both 0 when all the snapshots are equal).

    Needs P ≥ 2 parameters. A trajectory spanning fewer than two directions gets its
    missing direction(s) from the coordinate axes (explained 0).
    """
    thetas = np.asarray(thetas, dtype=np.float64)
    if thetas.ndim != 2 or thetas.shape[0] < 1:
        raise ValueError(f"thetas must be an (n, P) array with n ≥ 1, got shape {thetas.shape}")
    n, P = thetas.shape
    if P < 2:
        raise ValueError(f"a plane needs at least 2 parameters, got {P}")
    if not np.all(np.isfinite(thetas)):
        raise ValueError("thetas holds non-finite values (a diverged run?)")
    center = thetas[-1].copy()
    M = thetas - thetas.mean(axis=0)
    _, s, vt = np.linalg.svd(M, full_matrices=False)
    var = s * s
    total = float(var.sum())
    # directions with negligible variance are numerical noise: replace them
    tol = max(total, 0.0) * 1e-20 + np.finfo(float).tiny
    k = int(np.count_nonzero(var[:2] > tol))
    basis = _complete_basis(vt, k, P)
    explained = np.zeros(2)
    if total > 0:
        explained[:k] = var[:k] / total
    D = thetas - center
    coords = D @ basis.T
    for j in range(2):  # deterministic orientation
        c0 = coords[0, j]
        flip = c0 > 0 if c0 != 0 else basis[j][np.argmax(np.abs(basis[j]))] < 0
        if flip:
            basis[j] = -basis[j]
            coords[:, j] = -coords[:, j]
    return center, basis, coords, explained


def plane_extent(coords: np.ndarray, margin: float = 0.25) -> tuple[float, float, float, float]:
    """A grid box ``(x0, x1, y0, y1)`` around the plane coordinates (n, 2), padded by ``margin``
    of each span (a zero span, or one below 1e-9 of the other, gets ±margin·|the other span|,
    or ±1)."""
    coords = np.asarray(coords, dtype=float)
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    span = hi - lo
    big = float(span.max())
    out = []
    for j in range(2):
        # a span that is rounding noise next to the other (a straight path) counts as zero
        flat = span[j] <= 1e-9 * big
        pad = margin * span[j] if span[j] > 0 and not flat else (margin * big if big > 0 else 1.0)
        out += [float(lo[j] - pad), float(hi[j] + pad)]
    return tuple(out)  # type: ignore[return-value]


def loss_on_plane(loss_fn: Callable[[np.ndarray], float], center: np.ndarray, basis: np.ndarray,
                  extent: float | Sequence[float], n: int = 41
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The loss on an ``n`` × ``n`` grid of the plane ``center + a·basis[0] + b·basis[1]``.

    ``loss_fn`` takes a flat parameter vector (P,) and returns a number. ``extent`` is
    ``(x0, x1, y0, y1)`` in plane coordinates, or one number ``e`` for ``(−e, e, −e, e)``.
    Returns ``(xs (n,), ys (n,), Z (n, n))`` with ``Z[i, j] = loss(xs[j], ys[i])`` (rows
    are y, as :meth:`Objective.grid`); failing or non-finite evaluations give NaN.
    Costs n² calls of ``loss_fn``: compute it once per trajectory, not per frame.
    """
    if np.ndim(extent) == 0:
        e = float(extent)
        extent = (-e, e, -e, e)
    x0, x1, y0, y1 = map(float, extent)
    if n < 2:
        raise ValueError(f"the grid needs n ≥ 2, got {n}")
    center = np.asarray(center, dtype=np.float64)
    basis = np.asarray(basis, dtype=np.float64)
    xs = np.linspace(x0, x1, n)
    ys = np.linspace(y0, y1, n)
    Z = np.full((n, n), np.nan)
    with np.errstate(all="ignore"):
        for i, b in enumerate(ys):
            row_base = center + b * basis[1]
            for j, a in enumerate(xs):
                try:
                    Z[i, j] = float(loss_fn(row_base + a * basis[0]))
                except (ArithmeticError, ValueError):
                    pass
                between()  # a host (the window) may run here: n² losses on the data
    Z[~np.isfinite(Z)] = np.nan
    return xs, ys, Z


def model_loss(problem: Any, shapes: Sequence[tuple[int, ...]], idx: Any = None
               ) -> Callable[[np.ndarray], float]:
    """``loss_fn(vec)`` for :func:`loss_on_plane`: a model problem's loss at the unflattened
    parameters, on batch ``idx`` (default ``None``: the whole data set)."""
    shapes = list(shapes)
    return lambda vec: float(problem.loss_expr(unflatten(vec, shapes), idx))
