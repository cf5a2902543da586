"""Trajectory export: CSV (floats that read back exactly) plus a JSON of the run's settings.

Both files are written atomically: into a temporary file in the same folder,
then renamed over the target, so a failed export never leaves a partial file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import __version__


def sidecar_path(csv_path: str | os.PathLike) -> Path:
    """The JSON file beside a CSV: ``run.csv`` -> ``run.json``."""
    return Path(csv_path).with_suffix(".json")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic_write(path: Path, write, binary: bool = False) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a plain open() would not
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", newline="", encoding="utf-8")) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_csv(path: str | os.PathLike, columns: tuple[str, ...], rows: np.ndarray,
              extra: dict[str, Any] | None = None) -> Path:
    """Write ``step,<columns>`` and ``rows`` (n, len(columns)) to ``path`` and the JSON
    ``extra`` (settings, status, …) beside it. Returns the CSV path.

    Raises ``OSError`` (unwritable folder, disk full…) with nothing left behind.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder, not a file name")
    if sidecar_path(path) == path:
        raise ValueError(f"{path}: the settings go to a .json beside the CSV; "
                         "give the CSV another extension (.csv)")
    meta = {"gdlab_version": __version__, "columns": ["step", *columns], "rows": int(len(rows))}
    meta.update(extra or {})

    def write_rows(fh: io.TextIOBase) -> None:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["step", *columns])
        block = 65536
        for lo in range(0, len(rows), block):
            chunk = rows[lo:lo + block].tolist()  # Python floats: csv writes repr, exact
            w.writerows([i, *r] for i, r in enumerate(chunk, start=lo))

    def write_meta(fh: io.TextIOBase) -> None:
        json.dump(meta, fh, indent=2, allow_nan=True)
        fh.write("\n")

    _atomic_write(path, write_rows)
    _atomic_write(sidecar_path(path), write_meta)
    return path


def read_csv(path: str | os.PathLike) -> tuple[tuple[str, ...], np.ndarray]:
    """Read a trajectory CSV back: ``(columns without "step", rows (n, len(columns)))``."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if not header or header[0] != "step":
            raise ValueError(f"{path}: not a gdlab trajectory (the first column must be 'step')")
        data = [[float(v) for v in row[1:]] for row in reader if row]
    rows = np.array(data, dtype=np.float64).reshape(len(data), len(header) - 1)
    return tuple(header[1:]), rows


def export_run(run, path: str | os.PathLike) -> Path:
    """Write a :class:`~gdlab.engine.run.Run`'s trajectory and settings (CSV + JSON)."""
    traj = run.trajectory
    extra = {"settings": run.settings().to_dict(), "status": run.status, "steps_done": run.k}
    return write_csv(path, traj.columns, traj.rows(), extra)


def write_params(path: str | os.PathLike, names: Sequence[str], steps: Sequence[int],
                 snapshots: Sequence[Sequence[np.ndarray]]) -> Path:
    """Save parameter arrays at several steps to an ``.npz`` (atomically): ``steps`` (m,) and,
    for each parameter ``name``, an array (m, *shape) of its values at those steps."""
    path = Path(path)
    arrays = {"steps": np.asarray(steps, dtype=np.int64)}
    for i, name in enumerate(names):
        arrays[name] = np.stack([np.asarray(s[i]) for s in snapshots])
    _atomic_write(path, lambda fh: np.savez(fh, **arrays), binary=True)
    return path
