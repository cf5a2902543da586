"""The window's own copy of a run's trajectory rows: written by the run thread, shown by the
GUI thread as the worker's messages arrive."""

from __future__ import annotations

import math
import mmap
from dataclasses import dataclass

import numpy as np

from .release import release


#: rows reserved at most up front (~235 MB of address space at 7 columns; only the rows written
#: take memory): a longer run grows by doubling past it
RESERVE_MAX = 4_200_000


HUGE_PAGE = 1 << 21  # bytes: an array smaller than one is left to numpy


class _Pages(mmap.mmap):
    """Anonymous memory unmapped by the release thread once nothing uses it (:mod:`release`:
    unmapping a store's small pages costs ~9 ms per million rows written, 7 columns, in
    whichever thread lets go of it last, often the GUI thread)."""

    def __del__(self) -> None:
        try:
            release(self)  # kept alive by the queue (PEP 442): closed in its thread
        except Exception:  # the interpreter is ending: unmapped here
            self.close()


def reserved(width: int, size: int) -> np.ndarray:
    """``np.empty((width, size))`` made of the machine's small pages where it can say so
    (Linux): numpy asks for huge pages (2 MB) for large arrays, and the first row written
    into a new one faulted in one per column, 2 MB zeroed or compacted each: 20–48 ms of the
    run thread's CPU time with the GIL held, the window frozen meanwhile. Small pages come as
    the rows are written, a few microseconds each."""
    nbytes = width * size * 8
    if nbytes < HUGE_PAGE or not hasattr(mmap, "MADV_NOHUGEPAGE"):
        return np.empty((width, size))
    pages = _Pages(-1, nbytes)
    pages.madvise(mmap.MADV_NOHUGEPAGE)
    return np.frombuffer(pages, dtype=np.float64).reshape(width, size)


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


@dataclass(frozen=True)
class Written:
    """Rows a writer put in place (:meth:`History.write`), not yet shown: rows
    ``start:end`` of ``store`` (the array written into, (width, capacity)), their finite
    loss's and their rates' range (NaN: none)."""

    store: np.ndarray
    start: int
    end: int
    loss_lo: float = math.nan
    loss_hi: float = math.nan
    lr_lo: float = math.nan
    lr_hi: float = math.nan


class History:
    """The window's own copy of the trajectory rows (the worker owns the engine's).

    The run thread writes a lane's new rows (:meth:`write`) and the GUI thread shows them
    when their message arrives (:meth:`commit`): the GUI thread copies no rows, and its views
    see only the rows shown (:attr:`data`), never one being written: new rows go beyond
    them, and rows shown are rewritten (a rewind, more than the last row) into a new array
    that replaces them when shown.
    :meth:`reserve` makes room for a run's budget up front: :func:`reserved` only reserves
    address space, the memory comes as rows are written, and the rows are never copied while
    the run stays within its budget. (Grown by doubling instead, the copies cost O(n) each:
    ~5 ms at 1M rows, ~50 ms at 4M here.)

    The rows are kept column by column (:attr:`store`: (width, capacity)), :attr:`data` a
    view of them as rows: what the views read are columns (a path's x and y, a loss curve),
    and a column of 1,000,000 rows laid out as rows was read from 56 MB of memory, at twice
    the time of the arithmetic done with it."""

    def __init__(self, columns: tuple[str, ...] = ()) -> None:
        self.columns = columns
        self.store = reserved(max(len(columns), 1), 1024)  # the writer's
        self._shown = self.store  # the array the rows shown are read from
        self.n = 0  # rows shown
        self._written = 0  # rows written (the writer's count)
        self.loss_min = np.inf  # of the finite losses so far (for the log-scale choice)
        self.loss_max = -np.inf
        self.lr_min = np.inf  # of the rates so far (NaN aside): lr(t) is drawn when they differ
        self.lr_max = -np.inf
        self._shared = False  # a reader (an export) holds a view of the rows
        self.rewrites = 0  # how many times rows already held were written again (a rewind)
        self._peaks: dict[tuple[str, int], RunningPeaks] = {}  # (column, limit): its curve

    def share(self) -> np.ndarray:
        """The rows so far (n, width), without a copy, guaranteed never to change: a later
        :meth:`write` that rewrites one of them writes to a new array instead."""
        self._shared = True
        return self.data

    def put(self, start: int, rows: np.ndarray) -> None:
        """Write ``rows`` at row ``start`` and show them (earlier rows are kept, later ones
        dropped): :meth:`write` then :meth:`commit`, in one thread."""
        self.commit(self.write(start, rows))

    def write(self, start: int, rows: np.ndarray) -> Written:
        """The writer's part (the run thread's): ``rows`` (m, width) at row ``start``, not
        shown until :meth:`commit`. Rows before ``start`` are kept, later ones dropped."""
        end = start + len(rows)
        if end > self.capacity:
            self._move(max(end, 2 * self.capacity), start)
        elif start < self._written - 1 or (self._shared and start < self._written):
            self._move(self.capacity, start)  # rows maybe shown: not in place
        self.store[:, start:end] = rows.T
        self._written = end
        loss_lo = loss_hi = lr_lo = lr_hi = math.nan
        if len(rows) and "lr" in self.columns:
            lr = rows[:, self.columns.index("lr")]
            lr_lo, lr_hi = float(np.fmin.reduce(lr)), float(np.fmax.reduce(lr))  # NaN aside
        if len(rows) and "loss" in self.columns:
            loss = rows[:, self.columns.index("loss")]
            loss_lo, loss_hi = float(np.fmin.reduce(loss)), float(np.fmax.reduce(loss))
            if not (math.isfinite(loss_lo) and math.isfinite(loss_hi)):  # ±inf too: finite only
                finite = loss[np.isfinite(loss)]
                loss_lo, loss_hi = ((float(finite.min()), float(finite.max())) if len(finite)
                                    else (math.nan, math.nan))
        return Written(self.store, start, end, loss_lo, loss_hi, lr_lo, lr_hi)

    def commit(self, w: Written) -> None:
        """The reader's part (the GUI thread's): the rows up to ``w.end`` shown, those from
        ``w.start`` on as :meth:`write` put them."""
        rewritten = w.start < self.n
        if rewritten:
            self._peaks.clear()
            self.rewrites += 1
        self._shown, self.n = w.store, w.end
        if rewritten and "lr" in self.columns:  # the rates of all rows kept
            lr = self.data[:, self.columns.index("lr")]
            lr = lr[~np.isnan(lr)]
            self.lr_min, self.lr_max = ((float(lr.min()), float(lr.max())) if len(lr)
                                        else (np.inf, -np.inf))
        elif not math.isnan(w.lr_lo):
            self.lr_min, self.lr_max = min(self.lr_min, w.lr_lo), max(self.lr_max, w.lr_hi)
        if not math.isnan(w.loss_lo):
            self.loss_min = min(self.loss_min, w.loss_lo)
            self.loss_max = max(self.loss_max, w.loss_hi)

    def reserve(self, capacity: int) -> None:
        """Room for ``capacity`` rows (at most RESERVE_MAX): a raised budget, reserved once
        (by the writer)."""
        if self.capacity < min(capacity, RESERVE_MAX):
            self._move(min(capacity, RESERVE_MAX), self._written)

    @property
    def capacity(self) -> int:
        """Rows the writer's array holds."""
        return self.store.shape[1]

    def _move(self, size: int, keep: int) -> None:
        """The writer's rows before ``keep`` into a new array of ``size`` rows (the rows shown
        stay where they are until the next commit)."""
        self._shared = False
        moved = reserved(self.store.shape[0], size)
        moved[:, :keep] = self.store[:, :keep]
        self.store = moved

    def peaks(self, column: str, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, values)`` of ``column`` as drawn: at most about ``limit`` points, each
        bin's min and max (:class:`RunningPeaks`), updated from the new rows only."""
        peaks = self._peaks.setdefault((column, limit), RunningPeaks(limit))
        return peaks.points(self.data[:, self.columns.index(column)])

    @property
    def data(self) -> np.ndarray:
        """The rows shown (n, width): a view of the columns kept."""
        return self._shown[:, :self.n].T
