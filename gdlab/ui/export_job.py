"""A trajectory export written on a pool thread, with a progress dialog and Cancel.

The engine reads the rows in blocks from a row source; this one reports each block's
progress and raises :class:`Cancelled` when asked to stop, and the engine then leaves
everything as it was (the CSV and its JSON are committed as a pair, or not at all).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..engine.files.export import has_sidecar, sidecar_path, write_csv
from .jobs import CancelToken, Cancelled, Jobs

DIALOG_AFTER_MS = 400  # a quicker export shows no dialog
STEPS = 1000  # the progress bar's resolution


class _ProgressRows:
    """The rows (n, width) as the engine's ``RowSource``, reporting each block read."""

    def __init__(self, rows: np.ndarray, report: Callable[[int, int], None]) -> None:
        self._rows, self._report = rows, report

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self, start: int, stop: int) -> np.ndarray:
        self._report(start, len(self._rows))  # may raise Cancelled: nothing is written
        return self._rows[start:stop]


class ExportJob(QObject):
    """One export: :meth:`start`, then ``finished(message, ok)`` in the GUI thread."""

    progressed = Signal(int, int)  # rows written, rows (emitted by the pool thread)
    finished = Signal(str, bool)  # a message for the user, whether the files were written

    def __init__(self, parent: QWidget, jobs: Jobs, path: str | Path, columns: tuple[str, ...],
                 rows: np.ndarray, extra: dict[str, Any], overwrite: bool = False,
                 write: Callable[..., Path] = write_csv) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._jobs = jobs
        self._args = (columns, _ProgressRows(rows, self._progress), extra)
        self._overwrite = overwrite
        self._write_fn = write  # (path, columns, row source, extra, overwrite=) -> path
        self.token = CancelToken()
        self.dialog = QProgressDialog(f"Writing {len(rows):,} rows to {self.path.name}…", "Cancel",
                                      0, STEPS, parent)
        self.dialog.setObjectName("exportProgress")
        self.dialog.setWindowTitle("Export trajectory")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(DIALOG_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._on_progress)
        self.done = False

    def start(self) -> None:
        self.dialog.setValue(0)
        self._jobs.submit("export", self._write, self._on_done, self._on_error, lane="export")

    @Slot()
    def cancel(self) -> None:
        """Stop at the next block: nothing is written."""
        self.token.cancel()

    def _write(self) -> Path:  # in the pool thread
        path = self._write_fn(self.path, *self._args, overwrite=self._overwrite)
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
        also = f" and {sidecar_path(path).name}" if has_sidecar(path) else ""
        self._finish(f"Wrote {path}{also}", True)

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._finish("Export cancelled: nothing was written.", False)
        elif isinstance(exc, OSError):  # a device or pipe is written in place: no rollback
            kept = "\n\nNothing was written." if has_sidecar(self.path) else ""
            self._finish(f"Could not write {self.path}:\n{exc.strerror or exc}{kept}", False)
        else:
            self._finish(f"Could not export to {self.path}:\n{exc}", False)
