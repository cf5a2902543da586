"""Trajectory export: CSV (floats that read back exactly) plus a JSON of the run's settings.

A race of several lanes is one tidy long CSV, ``lane,label,step,<columns>`` (lanes numbered
from 1), with every lane's settings in its JSON (:func:`export_race`, :func:`read_race_csv`).

The CSV and its JSON (the "sidecar", ``run.csv`` → ``run.json``) are committed as a pair
(:class:`~gdlab.engine.files.atomic.Commit`): after a failure, or an interrupt, the old pair (or
nothing) is left, never a new CSV beside an old JSON nor a temporary file. A JSON that
gdlab did not write is never replaced unless the caller says so (:class:`SidecarConflict`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, Sequence

import numpy as np

from ... import __version__
from ..cooperate import between
from ..run.replay import change_fields, versions
from .atomic import Commit, resolve

# rows read (and reported, and checked for a cancel) at a time: about 1 MB of text, whatever
# the run's length
BLOCK_ROWS = 4096
# rows formatted by one C call, which holds the GIL throughout (~2 ms for 512 rows here, ~15 ms
# for 4,096): a window exporting on a pool thread waits that long for each of its own Python
# calls meanwhile, so a frame that makes dozens of them stops the window many times longer;
# after each part the host's hook (cooperate.between) lets a busy window finish first
FORMAT_ROWS = 512
SIDECAR_MAX_BYTES = 1 << 20  # a bigger JSON is not one of gdlab's


class RowSource(Protocol):
    """Rows readable in blocks, as :class:`~gdlab.engine.run.trajectory.Trajectory`."""

    def __len__(self) -> int: ...

    def rows(self, start: int, stop: int) -> np.ndarray: ...


class SidecarConflict(ValueError):
    """The JSON beside the CSV exists and gdlab did not write it (nothing was written)."""


def sidecar_path(csv_path: str | os.PathLike) -> Path:
    """The JSON file beside a CSV: ``run.csv`` -> ``run.json``."""
    return Path(csv_path).with_suffix(".json")


def has_sidecar(csv_path: str | os.PathLike) -> bool:
    """Whether :func:`write_csv` writes a sidecar for ``csv_path``: not for a device or a
    pipe (``/dev/null``, ``/dev/stdout``), which are written in place."""
    return not resolve(csv_path)[1]


def _is_gdlab_sidecar(path: Path) -> bool:
    try:
        if path.stat().st_size > SIDECAR_MAX_BYTES:
            return False
        meta = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and "gdlab_version" in meta and "columns" in meta


def check_sidecar(csv_path: str | os.PathLike) -> None:
    """Raise :class:`SidecarConflict` if writing ``csv_path`` would replace a regular file
    beside it (its sidecar) that is not a gdlab sidecar."""
    if not has_sidecar(csv_path):
        return
    side = sidecar_path(csv_path)
    real, in_place = resolve(side)
    if real.exists() and not in_place and not _is_gdlab_sidecar(real):
        raise SidecarConflict(f"{side} exists and gdlab did not write it; not replacing it "
                              "(choose another name for the CSV)")


def _check_csv_name(path: Path) -> None:
    if sidecar_path(path) == path:
        raise ValueError(f"{path}: the settings go to a .json beside the CSV; "
                         "give the CSV another extension (.csv)")


class _ArrayRows:
    def __init__(self, rows: np.ndarray) -> None:
        self._rows = np.asarray(rows, dtype=np.float64)

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self, start: int, stop: int) -> np.ndarray:
        return self._rows[start:stop]


def write_rows(fh, columns: Sequence[str], source: RowSource, n: int) -> None:
    """Write ``step,<columns>`` and the first ``n`` rows of ``source`` to the text file
    ``fh``, reading ``BLOCK_ROWS`` rows and formatting ``FORMAT_ROWS`` at a time. Floats are
    written as Python's shortest repr (exact; ``inf``, ``nan`` as such)."""
    csv.writer(fh, lineterminator="\n").writerow(["step", *columns])
    _write_body(fh, len(columns), source, n)


def _write_body(fh, n_columns: int, source: RowSource, n: int, lead: Sequence[str] = (),
                empty: int = 0) -> None:
    """The rows of :func:`write_rows` without the header, each after the cells ``lead`` and
    followed by ``empty`` empty cells."""
    width = n_columns + 1
    text = io.StringIO()
    csv.writer(text, lineterminator="").writerow(lead)
    prefix = (text.getvalue() + ",").replace("%", "%%") if lead else ""
    line = prefix + "%d" + ",%r" * (width - 1) + "," * empty + "\n"
    for lo in range(0, n, BLOCK_ROWS):
        block = source.rows(lo, min(lo + BLOCK_ROWS, n))
        for a in range(0, len(block), FORMAT_ROWS):
            part = block[a:a + FORMAT_ROWS]
            # one % over the part runs repr in C: values laid out row by row, the step first
            values: list = [None] * (len(part) * width)
            values[0::width] = range(lo + a, lo + a + len(part))
            for j, column in enumerate(part.T.tolist(), 1):
                values[j::width] = column
            fh.write((line * len(part)) % tuple(values))
            between()  # a host (the window) may run here


def write_csv(path: str | os.PathLike, columns: Sequence[str], rows: np.ndarray | RowSource,
              extra: dict[str, Any] | None = None, *, overwrite: bool = False) -> Path:
    """Write ``step,<columns>`` and ``rows`` (an array (n, len(columns)) or a
    :class:`RowSource`, read in blocks) to ``path`` and the JSON ``extra`` (settings,
    status…) beside it (:func:`sidecar_path`; none for a device). Returns the CSV path.

    All or nothing: on any error (``OSError``: folder missing, disk full, name too
    long…; an interrupt) both files are as before — the old pair or nothing — and no
    temporary file remains, so a caller may say "nothing was written" (except for a
    device or pipe, written in place, which cannot be rolled back). Raises
    :class:`SidecarConflict` (a ``ValueError``), with nothing written, when the JSON's
    name holds a file gdlab did not write, unless ``overwrite`` (a window asks first).
    """
    path = Path(path)
    _check_csv_name(path)
    if not overwrite:
        check_sidecar(path)
    source = rows if hasattr(rows, "rows") else _ArrayRows(rows)
    n = len(source)
    meta = {"gdlab_version": __version__, "versions": versions(), "columns": ["step", *columns],
            "rows": n}
    meta.update(extra or {})
    with Commit() as commit:
        with commit.open(path) as fh:
            write_rows(fh, columns, source, n)
        if has_sidecar(path):
            with commit.open(sidecar_path(path)) as fh:
                json.dump(meta, fh, indent=2, allow_nan=True)
                fh.write("\n")
    return path


RACE_LEAD = ("lane", "label")  # the long CSV's first columns, before ``step``


def read_csv(path: str | os.PathLike) -> tuple[tuple[str, ...], np.ndarray]:
    """Read a trajectory CSV back: ``(columns without "step", rows (n, len(columns)))``.
    A race's long CSV reads as ``(("lane", "step", *columns), rows)`` (the labels left
    out: :func:`read_race_csv` has them). A leading UTF-8 byte-order mark (a
    spreadsheet's) is skipped."""
    header, data, labels = _read_table(path)
    if header[0] == "step":
        return tuple(header[1:]), data[:, 1:]
    return ("lane", *header[2:]), data


@dataclass(frozen=True)
class RaceTable:
    """A race's long CSV read back: ``columns`` (without lane, label, step), ``lane`` (n,)
    lane numbers, ``step`` (n,), ``rows`` (n, len(columns)) and each lane's ``labels``."""

    columns: tuple[str, ...]
    lane: np.ndarray
    step: np.ndarray
    rows: np.ndarray
    labels: dict[int, str]

    def lane_rows(self, lane: int) -> np.ndarray:
        """Lane ``lane``'s rows (m, len(columns)), in step order."""
        return self.rows[self.lane == lane]


def read_race_csv(path: str | os.PathLike) -> RaceTable:
    """Read a race's long CSV (:func:`export_race`); a one-lane CSV (``step,…``, as ``gdlab
    run`` writes) reads as lane 1, labelled by nothing."""
    header, data, labels = _read_table(path)
    if header[0] == "step":
        n = len(data)
        return RaceTable(tuple(header[1:]), np.ones(n, dtype=np.int64),
                         data[:, 0].astype(np.int64), data[:, 1:], {1: ""} if n else {})
    return RaceTable(tuple(header[3:]), data[:, 0].astype(np.int64),
                     data[:, 1].astype(np.int64), data[:, 2:], labels)


def _read_table(path) -> tuple[list[str], np.ndarray, dict[int, str]]:
    """``(header, numbers (n, columns) without the label column, labels by lane)``."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        race = header is not None and tuple(header[:3]) == (*RACE_LEAD, "step")
        if not header or not (header[0] == "step" or race):
            what = ("an empty file" if header is None else
                    "the first column must be 'step' (or 'lane,label,step' for a race)")
            raise ValueError(f"{path}: not a gdlab trajectory ({what})")
        data, labels = [], {}
        for row in reader:
            if not row:
                continue
            try:
                if len(row) != len(header):
                    raise ValueError(f"{len(row)} values, the header has {len(header)}")
                if race:
                    lane = int(row[0])
                    labels.setdefault(lane, row[1])
                    # a lane without a race's evaluation counts leaves them empty: nan
                    data.append([lane, *(float(v) if v else math.nan for v in row[2:])])
                else:
                    data.append([float(v) for v in row])
            except ValueError as exc:
                raise ValueError(f"{path}, line {reader.line_num}: {exc}") from None
    width = len(header) - (1 if race else 0)
    return header, np.array(data, dtype=np.float64).reshape(len(data), width), labels


def export_run(run, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write a :class:`~gdlab.engine.run.single.Run`'s trajectory and settings (CSV + JSON) as
    :func:`write_csv` does, streaming the rows from the trajectory in blocks."""
    traj = run.trajectory
    return write_csv(path, traj.columns, traj, run_fields(run), overwrite=overwrite)


def run_fields(run) -> dict[str, Any]:
    """What a sidecar says of a run: its settings (where its changes led), the settings it
    started from with the changes made while it ran and at which step
    (:func:`~gdlab.engine.run.replay.change_fields`), its status and the steps done."""
    return {"settings": run.settings().to_dict(), **change_fields(run), "status": run.status,
            "steps_done": run.k}


def export_race(race, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write a :class:`~gdlab.engine.run.race.Race`: one lane exactly as :func:`export_run`;
    several as one long CSV ``lane,label,step,<columns>`` (lanes numbered from 1, each
    lane's rows as :func:`export_run` writes them; the evaluation counts, when some lane
    has them, empty for the others) and a JSON with every lane's label, settings, status
    and steps done. All or nothing, streamed, as :func:`write_csv`."""
    lanes = race.lanes
    if len(lanes) == 1:
        return export_run(lanes[0].run, path, overwrite=overwrite)
    path = Path(path)
    _check_csv_name(path)
    if not overwrite:
        check_sidecar(path)
    columns = race.columns
    sizes = [len(ln.run.trajectory) for ln in lanes]
    meta = {"gdlab_version": __version__, "versions": versions(),
            "columns": [*RACE_LEAD, "step", *columns], "rows": sum(sizes),
            "lanes": [{"lane": i, "label": ln.label, **run_fields(ln.run), "rows": n}
                      for i, (ln, n) in enumerate(zip(lanes, sizes), 1)]}
    with Commit() as commit:
        with commit.open(path) as fh:
            csv.writer(fh, lineterminator="\n").writerow(meta["columns"])
            for i, (ln, n) in enumerate(zip(lanes, sizes), 1):
                width = ln.run.trajectory.rows(0, 0).shape[1]
                _write_body(fh, width, ln.run.trajectory, n, (str(i), ln.label),
                            len(columns) - width)
        if has_sidecar(path):
            with commit.open(sidecar_path(path)) as fh:
                json.dump(meta, fh, indent=2, allow_nan=True)
                fh.write("\n")
    return path


def write_params(path: str | os.PathLike, names: Sequence[str], steps: Sequence[int],
                 snapshots: Sequence[Sequence[np.ndarray]]) -> Path:
    """Save parameter arrays at several steps to an ``.npz`` (atomically): ``steps`` (m,) and,
    for each parameter ``name``, an array (m, *shape) of its values at those steps."""
    path = Path(path)
    arrays = {"steps": np.asarray(steps, dtype=np.int64)}
    for i, name in enumerate(names):
        arrays[name] = np.stack([np.asarray(s[i]) for s in snapshots])
    with Commit() as commit, commit.open(path, binary=True) as fh:
        if has_sidecar(path):  # a regular file
            np.savez(fh, **arrays)
        else:  # a device or a pipe: zip needs a file whose tell() is the offset written
            buffer = io.BytesIO()
            np.savez(buffer, **arrays)
            fh.write(buffer.getvalue())
    return path
