"""A trajectory export written on a pool thread, with a progress dialog and Cancel.

The engine reads the rows in blocks from a row source; this one reports each block's
progress and raises :class:`Cancelled` when asked to stop, and the engine then leaves
everything as it was (the CSV and its JSON are committed as a pair, or not at all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..engine.files.export import export_race, has_sidecar, run_fields, sidecar_path, write_csv
from ..engine.run.recipe import settings_from_dict
from ..engine.run.single import ChangeEvent
from .i18n import error_text, translate
from .jobs import CancelToken, Cancelled, Jobs

DIALOG_AFTER_MS = 400  # a quicker export shows no dialog
STEPS = 1000  # the progress bar's resolution


class _ProgressRows:
    """Rows (n, width) as the engine's ``RowSource``, reporting each block read (``offset``:
    rows of earlier lanes, ``total``: rows of all lanes)."""

    def __init__(self, rows: np.ndarray, report: Callable[[int, int], None], offset: int = 0,
                 total: int | None = None) -> None:
        self._rows, self._report = rows, report
        self._offset, self._total = offset, len(rows) if total is None else total

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self, start: int, stop: int) -> np.ndarray:
        self._report(self._offset + start, self._total)  # may raise Cancelled: nothing written
        return self._rows[start:stop]


@dataclass
class ExportLane:
    """What the export needs of one lane: its label, settings (as the engine reported them),
    status, steps done, rows (n, width), the settings it started from and its changes."""

    label: str
    settings: dict
    status: str
    k: int
    rows: np.ndarray
    origin: dict | None = None  # None: the settings (nothing was changed)
    events: list[ChangeEvent] = field(default_factory=list)


def _race_view(lanes: list[ExportLane], columns: tuple[str, ...], report) -> SimpleNamespace:
    """The lanes as :func:`export_race` reads a race: ``lanes[i].label``, ``.run`` (its
    ``trajectory``, ``settings()``, ``status``, ``k``) and ``columns``."""
    total, offset, views = sum(len(ln.rows) for ln in lanes), 0, []
    for ln in lanes:
        run = SimpleNamespace(trajectory=_ProgressRows(ln.rows, report, offset, total),
                              settings=lambda d=ln.settings: settings_from_dict(d),
                              origin=settings_from_dict(ln.origin or ln.settings),
                              events=ln.events, status=ln.status, k=ln.k)
        views.append(SimpleNamespace(label=ln.label, run=run))
        offset += len(ln.rows)
    return SimpleNamespace(lanes=views, columns=columns)


class ExportJob(QObject):
    """One export: :meth:`start`, then ``finished(message, ok)`` in the GUI thread. One lane
    is written as ``gdlab run --csv`` writes it; several as the engine's long race CSV."""

    progressed = Signal(int, int)  # rows written, rows (emitted by the pool thread)
    finished = Signal(str, bool)  # a message for the user, whether the files were written

    def __init__(self, parent: QWidget, jobs: Jobs, path: str | Path, columns: tuple[str, ...],
                 lanes: list[ExportLane], overwrite: bool = False) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._jobs = jobs
        self._columns, self._lanes = columns, lanes
        self._overwrite = overwrite
        self.token = CancelToken()
        n = sum(len(ln.rows) for ln in lanes)
        self.dialog = QProgressDialog(
            translate("Files", "Writing {n} rows to {name}…").format(n=f"{n:,}",
                                                                     name=self.path.name),
            translate("Files", "Cancel"), 0, STEPS, parent)
        self.dialog.setObjectName("exportProgress")
        self.dialog.setWindowTitle(translate("Files", "Export trajectory"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(DIALOG_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._on_progress)
        self.done = False
        self.cancelled = False

    def start(self) -> None:
        self.dialog.setValue(0)
        self._jobs.submit("export", self._write, self._on_done, self._on_error, lane="export",
                          finish=True)

    @Slot()
    def cancel(self) -> None:
        """Stop at the next block: nothing is written."""
        self.token.cancel()

    def _write(self) -> Path:  # in the pool thread
        path = write_export(self.path, self._columns, self._lanes, self._overwrite, self._progress)
        # remembered for the next dialog; QSettings writes its file here, not in the GUI thread
        QSettings("gdlab", "gdlab").setValue("export/folder", str(path.parent))
        return path

    def _progress(self, done: int, total: int) -> None:  # in the pool thread
        self.token.check()
        self.progressed.emit(done, total)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.done:
            self.dialog.setValue(int(STEPS * done / max(total, 1)))

    def _finish(self, message: str, ok: bool) -> None:
        self.done = True
        self.dialog.reset()
        self.dialog.hide()
        self.finished.emit(message, ok)

    def _on_done(self, path: Path) -> None:
        if has_sidecar(path):
            self._finish(translate("Files", "Wrote {path} and {sidecar}").format(
                path=path, sidecar=sidecar_path(path).name), True)
        else:
            self._finish(translate("Files", "Wrote {path}").format(path=path), True)

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.cancelled = True
            self._finish(translate("Files", "Export cancelled: nothing was written."), False)
        elif isinstance(exc, OSError):  # a device or pipe is written in place: no rollback
            why = exc.strerror or str(exc)
            self._finish(translate("Files", "Could not write {path}:\n{why}\n\nNothing was "
                                            "written.").format(path=self.path, why=why)
                         if has_sidecar(self.path) else
                         translate("Files", "Could not write {path}:\n{why}").format(
                             path=self.path, why=why), False)
        else:
            self._finish(translate("Files", "Could not export to {path}:\n{why}").format(
                path=self.path, why=error_text(exc)), False)


def write_export(path: str | Path, columns: tuple[str, ...], lanes: list[ExportLane],
                 overwrite: bool = False, report: Callable[[int, int], None] | None = None) -> Path:
    """Write one lane as ``gdlab run --csv`` does (CSV + JSON), several as the engine's long
    race CSV (:func:`export_race`); ``report(rows done, rows)`` after each block read."""
    report = report or (lambda _done, _total: None)
    race = _race_view(lanes, columns, report)
    if len(lanes) == 1:
        run = race.lanes[0].run
        return write_csv(path, columns, run.trajectory, run_fields(run), overwrite=overwrite)
    return export_race(race, path, overwrite=overwrite)
