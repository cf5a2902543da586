"""The window's own copy of a run's trajectory rows, filled from the worker's messages."""

from __future__ import annotations

import numpy as np


class History:
    """The window's own copy of the trajectory rows (the worker owns the engine's)."""

    def __init__(self, columns: tuple[str, ...] = ()) -> None:
        self.columns = columns
        self.rows = np.empty((1024, max(len(columns), 1)))
        self.n = 0
        self.loss_min = np.inf  # of the finite losses so far (for the log-scale choice)
        self.loss_max = -np.inf
        self._shared = False  # a reader (an export) holds a view of the rows

    def share(self) -> np.ndarray:
        """The rows so far (n, width), without a copy, guaranteed never to change: a later
        :meth:`put` that rewrites one of them writes to a new array instead."""
        self._shared = True
        return self.data

    def put(self, start: int, rows: np.ndarray) -> None:
        """Write ``rows`` at row ``start`` (earlier rows are kept, later ones dropped)."""
        end = start + len(rows)
        if end > len(self.rows) or (self._shared and start < self.n):
            self._shared = False
            size = max(end, 2 * len(self.rows)) if end > len(self.rows) else len(self.rows)
            grown = np.empty((size, self.rows.shape[1]))
            grown[:self.n] = self.rows[:self.n]
            self.rows = grown
        self.rows[start:end] = rows
        self.n = end
        if "loss" in self.columns and len(rows):
            loss = rows[:, self.columns.index("loss")]
            finite = loss[np.isfinite(loss)]
            if len(finite):
                self.loss_min = min(self.loss_min, float(finite.min()))
                self.loss_max = max(self.loss_max, float(finite.max()))

    @property
    def data(self) -> np.ndarray:
        return self.rows[:self.n]
