"""File ▸ Export CSV… bound to the session: the dialog, the export job, its result."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..engine.files.export import SidecarConflict, check_sidecar, sidecar_path
from ..engine.run.race import race_columns
from .i18n import translate
from .export_job import ExportJob, ExportLane, write_export
from .file_job import OneJobAtATime
from .jobs import Jobs
from .session import Session


class Exporter(OneJobAtATime):
    """Exports every lane of the session (one: a single run) as ``gdlab run --csv`` /
    ``gdlab race --csv`` write them; one export at a time (:attr:`job`)."""

    def __init__(self, window: QWidget, session: Session, jobs: Jobs, say) -> None:
        super().__init__(window, say)
        self.session, self.jobs = session, jobs

    def lanes(self) -> list[ExportLane]:
        """Every lane as the export writes it; rows never rewritten."""
        return [ExportLane(lane.label, lane.run_settings,
                           "stopped" if lane.status == "paused" else lane.status, lane.k,
                           lane.history.share(), lane.origin or None, list(lane.events))
                for lane in self.session.lanes]

    def columns(self) -> tuple[str, ...]:
        """Every lane's columns (a line search's evaluation counts last, if any lane has them)."""
        return race_columns([lane.history.columns for lane in self.session.lanes])

    def export_csv(self, path: str | Path) -> Path:
        """Write the trajectory CSV (a race's: the long one) and the JSON beside it, in this
        thread (scripts; the window uses :meth:`start`)."""
        return write_export(path, self.columns(), self.lanes())

    def start(self, path: str | Path, overwrite: bool = False) -> ExportJob | None:
        """Export on a pool thread with a progress dialog and Cancel; the result is shown in
        the status bar (or a message box). ``overwrite``: replace a JSON beside the CSV that
        gdlab did not write (the dialog asks first)."""
        if self.busy():
            return None
        return self.run_job(ExportJob(self.window, self.jobs, path, self.columns(), self.lanes(),
                                      overwrite))

    @Slot()
    def dialog(self) -> None:
        """Ask for a file, confirm replacing a JSON gdlab did not write, then :meth:`start`."""
        store = QSettings("gdlab", "gdlab")
        folder = store.value("export/folder", str(Path.home()))
        settings = self.session.lane.run_settings
        name = f"{settings.get('problem', 'run')}-{settings.get('optimizer', '')}.csv"
        path, _ = QFileDialog.getSaveFileName(self.window, translate("Files", "Export trajectory"),
                                              str(Path(folder) / name),
                                              translate("Files", "CSV files (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            check_sidecar(path)
        except SidecarConflict:
            answer = QMessageBox.question(
                self.window, translate("Files", "Replace a file?"),
                translate("Files", "{name} exists beside the CSV and gdlab did not write it.\n"
                                   "Replace it with this run's settings?").format(
                    name=sidecar_path(path).name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.start(path, overwrite=True)
            return
        self.start(path)
