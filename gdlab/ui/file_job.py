"""One file-writing job at a time (an export, an animation): its result in the status bar,
or in a message box when it failed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget


class OneJobAtATime(QObject):
    """Holds :attr:`job` (a QObject with ``finished(message, ok)``, ``start()``, ``cancel()``
    and ``done``) while it runs; ``failed_title`` heads the message box of a failure."""

    failed_title = "Export failed"
    busy_text = "An export is still being written."

    def __init__(self, window: QWidget, say) -> None:
        super().__init__(window)
        self.window, self._say = window, say
        self.job = None

    def busy(self) -> bool:
        """Whether a job runs (and then say so)."""
        if self.job is not None and not self.job.done:
            self._say(self.busy_text, 6000)
            return True
        return False

    def run_job(self, job):
        """Start ``job``, held until it finishes."""
        job.finished.connect(self._on_finished)
        self.job = job
        job.start()
        return job

    def cancel(self) -> None:
        """Stop the job (it says what was written: nothing, if it was cancelled in time)."""
        if self.job is not None:
            self.job.cancel()

    @Slot(str, bool)
    def _on_finished(self, message: str, ok: bool) -> None:
        job, self.job = self.job, None
        if ok or "cancelled" in message:
            self._say(message, 8000)
        else:
            QMessageBox.warning(self.window, self.failed_title, message)
        if job is not None:
            job.deleteLater()
