"""A race's export: one long CSV ``lane,label,step,<columns>`` and a JSON with every lane.

A minimal writer for the window (the race engine's own writer replaces it when it lands);
each lane's rows are exactly what ``gdlab run`` writes for that lane's settings, and the
pair is committed all or nothing, as a single run's export.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import __version__
from ..engine.files.atomic import Commit
from ..engine.files.export import BLOCK_ROWS, check_sidecar, has_sidecar, sidecar_path


class LaneRows:
    """The lanes' rows one after the other, as one sliceable table (n, 2 + width): the
    lane number, the step, then the lane's columns (no copy of the histories)."""

    def __init__(self, numbers: Sequence[int], tables: Sequence[np.ndarray]) -> None:
        self.numbers, self.tables = list(numbers), list(tables)
        self.offsets = np.cumsum([0, *(len(t) for t in self.tables)])

    def __len__(self) -> int:
        return int(self.offsets[-1])

    def __getitem__(self, s: slice) -> np.ndarray:
        return self.rows(*s.indices(len(self))[:2])

    def rows(self, start: int, stop: int) -> np.ndarray:
        """Rows ``start`` … ``stop`` - 1 of the table (the engine's ``RowSource``)."""
        parts = []
        for number, table, off in zip(self.numbers, self.tables, self.offsets):
            lo, hi = max(start - off, 0), min(stop - off, len(table))
            if lo < hi:
                head = np.column_stack([np.full(hi - lo, number), np.arange(lo, hi)])
                parts.append(np.hstack([head, table[lo:hi]]))
        width = 2 + (self.tables[0].shape[1] if self.tables else 0)
        return np.vstack(parts) if parts else np.empty((0, width))


def write_race_csv(path: str | os.PathLike, columns: Sequence[str], rows, extra: dict[str, Any],
                   *, overwrite: bool = False) -> Path:
    """Write ``lane,label,step,<columns>`` from ``rows`` (a row source of :class:`LaneRows`
    tables) and the JSON ``extra`` (``extra["lanes"]``: each lane's number, label, settings)
    beside it. All or nothing, as :func:`~gdlab.engine.files.export.write_csv`."""
    path = Path(path)
    if not overwrite:
        check_sidecar(path)
    labels = {lane["lane"]: str(lane["label"]).replace(",", ";") for lane in extra["lanes"]}
    n = len(rows)
    header = ["lane", "label", "step", *columns]
    meta = {"gdlab_version": __version__, "columns": header, "rows": n, **extra}
    line = "%s,%s,%d" + ",%r" * len(columns) + "\n"
    with Commit() as commit:
        with commit.open(path) as fh:
            fh.write(",".join(header) + "\n")
            for lo in range(0, n, BLOCK_ROWS):
                block = rows.rows(lo, min(lo + BLOCK_ROWS, n))
                fh.write("".join(line % (int(r[0]), labels[int(r[0])], int(r[1]), *r[2:])
                                 for r in block.tolist()))
        if has_sidecar(path):
            with commit.open(sidecar_path(path)) as fh:
                json.dump(meta, fh, indent=2, allow_nan=True)
                fh.write("\n")
    return path
