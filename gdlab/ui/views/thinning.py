"""Thinning a drawn line to the pixels it covers: what a race draws of each lane.

A long run's path or loss curve has far more points than the pixels it crosses; drawing
them all costs each frame. :func:`pixel_thin` keeps, of each run of consecutive points in
one pixel cell, the last one (where the line leaves the cell): the line drawn goes through
every cell the line visits, in order, and no point of it is more than a cell from where it
was (exact to a pixel). Unlike a stride over the indices it keeps a converging path's few
early big steps, and a path that has converged costs a point.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

BLOCK = 1 << 15  # points whose cells are worked out at a time
#: points to look at, over all lines, from which :func:`thin_lines` spreads them over cores
SIDE_BY_SIDE_POINTS = 1 << 18


def pixel_thin(x: np.ndarray, y: np.ndarray, cell_w: float, cell_h: float) -> np.ndarray:
    """Indices of the points of the line ``(x, y)`` (n,) to draw, in order: the first, the
    last, and every point whose next point lies in another ``cell_w`` × ``cell_h`` cell (a
    pixel, in data units): the last of each run of consecutive points in one cell. A
    non-finite point (a gap in the line) is a cell of its own, so it stays, and so does the
    point before it. Cells of no size: every index."""
    n = len(x)
    if n <= 2 or not _sized((cell_w, cell_h)):
        return np.arange(n)
    moved = np.empty(n - 1, dtype=bool)  # point i + 1 in another cell than point i
    cx, cy = np.empty(min(BLOCK, n) + 1), np.empty(min(BLOCK, n) + 1)
    iw, ih = 1.0 / cell_w, 1.0 / cell_h
    with np.errstate(invalid="ignore", over="ignore"):
        # in blocks that stay in the cache: a history's x and y are columns of its rows
        for s in range(0, n - 1, BLOCK):
            e = min(s + BLOCK + 1, n)
            m = e - s
            np.floor(np.multiply(x[s:e], iw, out=cx[:m]), out=cx[:m])
            np.floor(np.multiply(y[s:e], ih, out=cy[:m]), out=cy[:m])
            block = moved[s:e - 1]
            np.not_equal(cx[1:m], cx[:m - 1], out=block)  # NaN ≠ NaN: a gap always moves
            block |= cy[1:m] != cy[:m - 1]
    keep = np.ones(n, dtype=bool)
    keep[1:-1] = moved[1:]  # leaves its cell at the next point
    return np.flatnonzero(keep)


class GrowingThinning:
    """:func:`pixel_thin` of a line that grows at its end (a running lane's path), worked
    out from its new points only while its ``key`` and the cell stay the same: a key says
    which rows these are (e.g. a history and its count of rewrites), so points before the
    last ones seen must not have changed under the same key."""

    def __init__(self) -> None:
        self.key: object = None
        self.cell: tuple[float, float] | None = None
        self.n = 0  # points seen
        self.idx = np.empty(0, dtype=np.intp)

    def indices(self, x: np.ndarray, y: np.ndarray, cell: tuple[float, float],
                key: object) -> np.ndarray:
        """The indices :func:`pixel_thin` gives for ``(x, y)`` (n,) and ``cell``."""
        n = len(x)
        if not self._grows(n, cell, key):
            self.idx = pixel_thin(x, y, *cell)
        elif n > self.n:
            s = self.n - 1  # kept as the last point; now kept only if it leaves its cell
            tail = s + pixel_thin(x[s:], y[s:], *cell)
            if not _leaves(x, y, s, cell):
                tail = tail[1:]
            self.idx = np.concatenate([self.idx[self.idx < s], tail])
        self.key, self.cell, self.n = key, cell, n
        return self.idx

    def pending(self, n: int, cell: tuple[float, float], key: object) -> int:
        """How many of ``n`` points :meth:`indices` would look at."""
        return n - self.n if self._grows(n, cell, key) else n

    def _grows(self, n: int, cell: tuple[float, float], key: object) -> bool:
        """Are ``n`` points under ``key`` the points seen and maybe more, in the same cell?"""
        return (key is not None and key == self.key and cell == self.cell and n >= self.n >= 2
                and _sized(cell))


def _sized(cell: tuple[float, float]) -> bool:
    return cell[0] > 0 and cell[1] > 0 and bool(np.isfinite(cell[0] * cell[1]))


def _leaves(x: np.ndarray, y: np.ndarray, i: int, cell: tuple[float, float]) -> bool:
    """Does point ``i + 1`` lie in another cell than point ``i`` (or is either not finite)?"""
    with np.errstate(invalid="ignore", over="ignore"):
        cx = np.floor(x[i:i + 2] * (1.0 / cell[0]))
        cy = np.floor(y[i:i + 2] * (1.0 / cell[1]))
    return bool(cx[0] != cx[1] or cy[0] != cy[1])


def thin_line(x: np.ndarray, y: np.ndarray, cell_w: float, cell_h: float,
              limit: int, growing: GrowingThinning | None = None,
              key: object = None) -> np.ndarray:
    """:func:`pixel_thin` (by ``growing`` from the new points only, when given with the
    rows' ``key``), then (a line that keeps crossing between cells, e.g. a point hopping
    over a cell's edge) at most ``limit`` of those indices, evenly spaced, the first and the
    last kept."""
    idx = (growing.indices(x, y, (cell_w, cell_h), key) if growing is not None
           else pixel_thin(x, y, cell_w, cell_h))
    if len(idx) > limit:
        idx = idx[np.linspace(0, len(idx) - 1, limit).astype(int)]
    return idx


_pool: ThreadPoolExecutor | None = None


def thin_lines(lines: list[tuple[np.ndarray, np.ndarray, GrowingThinning, object]],
               cell: tuple[float, float], limit: int) -> list[np.ndarray]:
    """:func:`thin_line` of each ``(x, y, growing, key)`` to ``cell``: side by side on the
    machine's cores when there are many points to look at (a race's long paths thinned again
    after a zoom: 8 × 1,000,000 points took ~40 ms in one thread here); numpy lets go of the
    GIL while it works through a block of points."""
    global _pool

    def one(line: tuple) -> np.ndarray:
        x, y, growing, key = line
        return thin_line(x, y, *cell, limit, growing, key)

    cores = os.cpu_count() or 1
    work = sum(growing.pending(len(x), cell, key) for x, y, growing, key in lines)
    if cores < 2 or len(lines) < 2 or work < SIDE_BY_SIDE_POINTS:
        return [one(line) for line in lines]
    if _pool is None:
        _pool = ThreadPoolExecutor(min(cores, 8), thread_name_prefix="gdlab-thin")
    return list(_pool.map(one, lines))


def finer(cell: tuple[float, float], than: tuple[float, float] | None) -> bool:
    """Is pixel ``cell`` (w, h) smaller in either direction than ``than`` (the cell a line
    was thinned to; ``None``: never thinned)? Then that line must be thinned again (a zoom
    or a larger window): one thinned to larger cells stays exact in smaller ones only if
    they are not smaller."""
    return than is not None and (cell[0] < 0.99 * than[0] or cell[1] < 0.99 * than[1])
