"""Reading a trajectory computed elsewhere (File ▸ Open Trajectory): a CSV with ``x`` and
``y`` columns and optionally ``loss`` and ``step`` — gdlab's own export (one run or a race's
long CSV, one path per lane) or a path a learner wrote from PyTorch or a notebook.

Every refusal is a :class:`ValueError` whose message names the file, the line and the
column; nothing is half-read.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..text import Message

MAX_ROWS = 2_000_000  # a bigger file is not a trajectory to draw
MAX_BYTES = 256 << 20
REQUIRED = ("x", "y")
OPTIONAL = ("loss", "step")


@dataclass(frozen=True)
class ImportedPath:
    """One path: ``xy`` (n, 2), ``loss`` (n,) or ``None``, ``step`` (n,) and its name."""

    name: str
    xy: np.ndarray
    loss: np.ndarray | None
    step: np.ndarray


def read_trajectory(path: str | os.PathLike) -> list[ImportedPath]:
    """The paths in the CSV at ``path`` (one; a race's long CSV: one per lane, named by its
    label). Columns are found by name, in any order and case; others are ignored. Raises
    ``ValueError`` (a message for the user) on anything that is not such a table."""
    path = Path(path)
    where = path.name
    try:
        if path.is_dir():
            raise ValueError(Message("{file} is a folder, not a CSV file", file=where))
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(Message("{file} is larger than {mb} MB; not a trajectory to draw",
                                     file=where, mb=MAX_BYTES >> 20))
        with open(path, newline="", encoding="utf-8-sig") as fh:
            return _read(csv.reader(fh), where, path.stem)
    except OSError as exc:
        raise ValueError(Message("{file}: {why}", file=where,
                                 why=exc.strerror or str(exc))) from None
    except UnicodeDecodeError:
        raise ValueError(Message("{file} is not a text (UTF-8) CSV file", file=where)) from None
    except csv.Error as exc:
        raise ValueError(Message("{file}: not a CSV table ({why})", file=where,
                                 why=str(exc))) from None


def _read(reader, where: str, stem: str) -> list[ImportedPath]:
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise ValueError(Message("{file} is empty: it needs a header line with x and y columns",
                                 file=where))
    names = [h.strip().lower() for h in header]
    index = {}
    for name in (*REQUIRED, *OPTIONAL, "lane", "label"):
        if names.count(name) > 1:
            raise ValueError(Message("{file}: the header names the column {name!r} twice",
                                     file=where, name=name))
        if name in names:
            index[name] = names.index(name)
    missing = [n for n in REQUIRED if n not in index]
    if missing:
        shown = ", ".join(h for h in header[:8]) + (", …" if len(header) > 8 else "")
        if len(missing) == 1:
            raise ValueError(Message("{file}: no {name!r} column (the header is: {header}); a "
                                     "trajectory needs columns named x and y", file=where,
                                     name=missing[0], header=shown))
        raise ValueError(Message("{file}: no {first!r} and no {second!r} column (the header "
                                 "is: {header}); a trajectory needs columns named x and y",
                                 file=where, first=missing[0], second=missing[1], header=shown))
    numbers = [n for n in (*REQUIRED, *OPTIONAL, "lane") if n in index]
    values: dict[str, list[float]] = {n: [] for n in numbers}
    labels: dict[int, str] = {}
    for row in reader:
        if not row or not any(c.strip() for c in row):
            continue
        line = reader.line_num
        if len(row) != len(header):
            raise ValueError(Message("{file}, line {line}: {n} values, the header has {width}",
                                     file=where, line=line, n=len(row), width=len(header)))
        if len(values["x"]) >= MAX_ROWS:
            raise ValueError(Message("{file}: more than {most:,} rows; not a trajectory to draw",
                                     file=where, most=MAX_ROWS))
        for n in numbers:
            text = row[index[n]].strip()
            try:
                v = float(text)
            except ValueError:
                raise ValueError(Message("{file}, line {line}, column {column}: {text!r} is "
                                         "not a number", file=where, line=line, column=n,
                                         text=text)) from None
            if n in ("step", "lane") and not (math.isfinite(v) and v == int(v) and v >= 0):
                raise ValueError(Message("{file}, line {line}, column {column}: {text!r} is "
                                         "not a whole number ≥ 0", file=where, line=line,
                                         column=n, text=text))
            values[n].append(v)
        if "lane" in index:
            labels.setdefault(int(values["lane"][-1]),
                              row[index["label"]].strip() if "label" in index else "")
    if not values["x"]:
        raise ValueError(Message("{file} has a header but no rows", file=where))
    arrays = {n: np.asarray(v, dtype=np.float64) for n, v in values.items()}
    xy = np.column_stack([arrays["x"], arrays["y"]])
    if not np.isfinite(xy).all(axis=1).any():
        raise ValueError(Message("{file}: no row has finite x and y; nothing to draw",
                                 file=where))
    lanes = arrays["lane"].astype(np.int64) if "lane" in arrays else np.zeros(len(xy), np.int64)
    out = []
    for lane in dict.fromkeys(lanes.tolist()):
        sel = lanes == lane
        step = (arrays["step"][sel].astype(np.int64) if "step" in arrays
                else np.arange(int(sel.sum()), dtype=np.int64))
        if np.any(np.diff(step) <= 0):
            bad = int(np.flatnonzero(np.diff(step) <= 0)[0]) + 1
            fields = dict(file=where, step=step[bad], before=step[bad - 1])
            raise ValueError(
                Message("{file}: the steps must increase within each lane (lane {lane}); step "
                        "{step} follows step {before}", lane=lane, **fields) if "lane" in arrays
                else Message("{file}: the steps must increase; step {step} follows step "
                             "{before}", **fields))
        name = stem if "lane" not in arrays else f"{stem} · {labels.get(lane) or f'lane {lane}'}"
        out.append(ImportedPath(name, xy[sel], arrays["loss"][sel] if "loss" in arrays else None,
                                step))
    return out
