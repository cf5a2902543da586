"""The window's own copy of a run's trajectory rows, filled from the worker's messages."""

from __future__ import annotations

import numpy as np


#: rows reserved at most up front (~235 MB of address space at 7 columns; only the rows written
#: take memory): a longer run grows by doubling past it
RESERVE_MAX = 4_200_000


class RunningPeaks:
    """Peak (min/max) decimation of a growing series, kept up to date from its new values
    only: bins of ``per`` values (a power of two, doubled, merging pairs, when there would be
    more than ``limit // 2``), each keeping the indices of its min and max, then the last
    values of a bin not yet full."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.per = 1
        self.lo = np.empty(0, dtype=np.intp)  # index of each full bin's min, (bins,)
        self.hi = np.empty(0, dtype=np.intp)  # … and of its max
        self.done = 0  # values in the full bins

    def points(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, values)`` of ``y`` (n,), the same series as the last call's plus values
        at the end, with at most about ``limit`` points: every bin's min and max, in order."""
        n = len(y)
        if n <= self.limit:
            return np.arange(n, dtype=float), y
        bins = self.limit // 2
        while n // self.per > bins:
            self._merge(y)
        full = n // self.per * self.per
        if full > self.done:
            yb = np.ascontiguousarray(y[self.done:full]).reshape(-1, self.per)
            base = self.done + np.arange(len(yb)) * self.per
            self.lo = np.concatenate([self.lo, yb.argmin(axis=1) + base])
            self.hi = np.concatenate([self.hi, yb.argmax(axis=1) + base])
            self.done = full
        pairs = np.stack([np.minimum(self.lo, self.hi), np.maximum(self.lo, self.hi)], axis=1)
        idx = np.concatenate([pairs.ravel(), np.arange(self.done, n)])
        return idx.astype(float), y[idx]

    def _merge(self, y: np.ndarray) -> None:
        """Bins twice as wide: pairs merged (an odd last bin is binned again later)."""
        k = len(self.lo) // 2 * 2
        lo, hi = self.lo[:k].reshape(-1, 2), self.hi[:k].reshape(-1, 2)
        self.lo = np.where(y[lo[:, 1]] < y[lo[:, 0]], lo[:, 1], lo[:, 0])
        self.hi = np.where(y[hi[:, 1]] > y[hi[:, 0]], hi[:, 1], hi[:, 0])
        self.per *= 2
        self.done = len(self.lo) * self.per


class History:
    """The window's own copy of the trajectory rows (the worker owns the engine's).

    :meth:`reserve` makes room for a run's budget up front: ``np.empty`` only reserves
    address space, the memory comes as rows are written, and the rows are never copied while
    the run stays within its budget. (Grown by doubling instead, the copies cost the GUI
    thread O(n) each: ~5 ms at 1M rows, ~50 ms at 4M here.)"""

    def __init__(self, columns: tuple[str, ...] = ()) -> None:
        self.columns = columns
        self.rows = np.empty((1024, max(len(columns), 1)))
        self.n = 0
        self.loss_min = np.inf  # of the finite losses so far (for the log-scale choice)
        self.loss_max = -np.inf
        self.lr_min = np.inf  # of the rates so far (NaN aside): lr(t) is drawn when they differ
        self.lr_max = -np.inf
        self._shared = False  # a reader (an export) holds a view of the rows
        self.rewrites = 0  # how many times rows already held were written again (a rewind)
        self._peaks: dict[tuple[str, int], RunningPeaks] = {}  # (column, limit): its curve

    def share(self) -> np.ndarray:
        """The rows so far (n, width), without a copy, guaranteed never to change: a later
        :meth:`put` that rewrites one of them writes to a new array instead."""
        self._shared = True
        return self.data

    def put(self, start: int, rows: np.ndarray) -> None:
        """Write ``rows`` at row ``start`` (earlier rows are kept, later ones dropped)."""
        end = start + len(rows)
        if end > len(self.rows) or (self._shared and start < self.n):
            self._move(max(end, 2 * len(self.rows)) if end > len(self.rows) else len(self.rows))
        self.rows[start:end] = rows
        rewritten = start < self.n
        if rewritten:
            self._peaks.clear()
            self.rewrites += 1
        self.n = end
        if "lr" in self.columns and len(rows):
            # the new rows only, unless rows were rewritten (a rewind): then all kept rows
            lr = self.rows[:end, self.columns.index("lr")] if rewritten else rows[:, self.columns.index("lr")]
            lr = lr[~np.isnan(lr)]
            if rewritten:
                self.lr_min, self.lr_max = np.inf, -np.inf
            if len(lr):
                self.lr_min = min(self.lr_min, float(lr.min()))
                self.lr_max = max(self.lr_max, float(lr.max()))
        if "loss" in self.columns and len(rows):
            loss = rows[:, self.columns.index("loss")]
            finite = loss[np.isfinite(loss)]
            if len(finite):
                self.loss_min = min(self.loss_min, float(finite.min()))
                self.loss_max = max(self.loss_max, float(finite.max()))

    def reserve(self, capacity: int) -> None:
        """Room for ``capacity`` rows (at most RESERVE_MAX): a raised budget, reserved once."""
        if len(self.rows) < min(capacity, RESERVE_MAX):
            self._move(min(capacity, RESERVE_MAX))

    def _move(self, size: int) -> None:
        """The rows into a new array of ``size`` rows (a reader keeps the old one)."""
        self._shared = False
        moved = np.empty((size, self.rows.shape[1]))
        moved[:self.n] = self.rows[:self.n]
        self.rows = moved

    def peaks(self, column: str, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, values)`` of ``column`` as drawn: at most about ``limit`` points, each
        bin's min and max (:class:`RunningPeaks`), updated from the new rows only."""
        peaks = self._peaks.setdefault((column, limit), RunningPeaks(limit))
        return peaks.points(self.data[:, self.columns.index(column)])

    @property
    def data(self) -> np.ndarray:
        return self.rows[:self.n]
