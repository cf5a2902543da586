"""Compact, append-only storage for a run's step records.

Rows are appended as tuples of floats into an ``array.array('d')`` (8 bytes a
value, no per-row Python objects), frozen into numpy blocks every
``BLOCK_ROWS`` rows. The step number is the row index and is not stored.
A 2-D run's row is ``(x, y, loss, grad_x, grad_y, grad_norm, lr)``: 56 bytes,
so a 1,000,000-step trajectory costs about 56 MB.
"""

from __future__ import annotations

from array import array
from typing import Iterator, Sequence

import numpy as np

BLOCK_ROWS = 1 << 16


class Trajectory:
    """Rows of step records; column names are e.g. ``x, y, loss, grad_x, grad_y, grad_norm, lr``."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns: tuple[str, ...] = tuple(columns)
        self.width = len(self.columns)
        self._blocks: list[np.ndarray] = []
        self._frozen_rows = 0
        self._tail = array("d")
        self._limit = BLOCK_ROWS * self.width

    def column(self, name: str) -> int:
        return self.columns.index(name)

    def append(self, row: Sequence[float]) -> None:
        """Add one row (``width`` floats)."""
        if len(self._tail) + self.width > self._limit:
            self._freeze()
        self._tail.extend(row)

    def extender(self, n_rows: int):
        """A bound ``extend`` that may take ``n_rows`` rows without the block check
        (the run loop's fast path); freezes first if they would not fit."""
        if len(self._tail) + n_rows * self.width > self._limit:
            self._freeze()
        return self._tail.extend

    def _freeze(self) -> None:
        block = np.frombuffer(self._tail, dtype=np.float64).reshape(-1, self.width).copy()
        self._blocks.append(block)
        self._frozen_rows += len(block)
        self._tail = array("d")

    def __len__(self) -> int:
        return self._frozen_rows + len(self._tail) // self.width

    def last(self) -> tuple[float, ...]:
        """The most recent row."""
        if self._tail:
            return tuple(self._tail[-self.width:])
        if self._blocks:
            return tuple(self._blocks[-1][-1])
        raise IndexError("empty trajectory")

    def set_last(self, column: int, value: float) -> None:
        """Overwrite one value of the most recent row."""
        if self._tail:
            self._tail[len(self._tail) - self.width + column] = value
        else:
            self._blocks[-1][-1, column] = value

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` rows (at least one)."""
        keep = self.rows(0, max(n, 1))
        self._blocks, self._frozen_rows, self._tail = [], 0, array("d")
        for i in range(0, len(keep), BLOCK_ROWS):
            self._tail.extend(keep[i:i + BLOCK_ROWS].ravel().tolist())
            if len(keep) - i > BLOCK_ROWS:
                self._freeze()

    def drop(self) -> Iterator[int]:
        """Forget every row from the end, a block at a time (the rows kept stay the first
        ones), yielding how many are left after each: a caller may let other threads run
        between (freeing a 3,000,000-row trajectory at once held the GIL 13 ms)."""
        self._tail = array("d")
        yield len(self)
        while self._blocks:
            self._frozen_rows -= len(self._blocks.pop())
            yield len(self)

    def rows(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        """A copy of rows ``start:stop`` as a float64 array of shape (n, width)."""
        n = len(self)
        stop = n if stop is None else min(stop, n)
        start = max(0, start)
        if start >= stop:
            return np.empty((0, self.width))
        parts = []
        offset = 0
        for block in self._blocks:
            lo, hi = max(start - offset, 0), min(stop - offset, len(block))
            if lo < hi:
                parts.append(block[lo:hi])
            offset += len(block)
        lo, hi = max(start - offset, 0), stop - offset
        if lo < hi:
            # slice the array.array (a copy) rather than export its buffer: a live
            # export would stop another thread from appending to it
            piece = self._tail[lo * self.width:hi * self.width]
            parts.append(np.frombuffer(piece, dtype=np.float64).reshape(-1, self.width))
        return parts[0].copy() if len(parts) == 1 else np.concatenate(parts)

    def nbytes(self) -> int:
        """Memory held by the stored rows (blocks plus the tail's allocation)."""
        return sum(b.nbytes for b in self._blocks) + self._tail.buffer_info()[1] * self._tail.itemsize
