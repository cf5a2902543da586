"""One file-writing job at a time (an export, an animation): its result in the status bar,
or in a message box when it failed."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from .i18n import translate


class OneJobAtATime(QObject):
    """Holds :attr:`job` (a QObject with ``finished(message, ok)``, ``start()``, ``cancel()``
    , ``done`` and ``cancelled``) while it runs; ``failed_title`` heads the message box of a
    failure (texts marked in context "Files")."""

    failed_title = QT_TRANSLATE_NOOP("Files", "Export failed")
    busy_text = QT_TRANSLATE_NOOP("Files", "An export is still being written.")

    def __init__(self, window: QWidget, say) -> None:
        super().__init__(window)
        self.window, self._say = window, say
        self.job = None

    def busy(self) -> bool:
        """Whether a job runs (and then say so)."""
        if self.job is not None and not self.job.done:
            self._say(translate("Files", self.busy_text), 6000)
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
        if ok or (job is not None and job.cancelled):
            self._say(message, 8000)
        else:
            QMessageBox.warning(self.window, translate("Files", self.failed_title), message)
        if job is not None:
            job.deleteLater()
