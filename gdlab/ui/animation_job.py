"""File ▸ Export Animation…: the window's run or race rendered offscreen a few frames at a
time (the window keeps answering), with a progress dialog and Cancel; the GIF is encoded and
written on a pool thread, the PNG sequence too, all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Qt, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QMainWindow, QMessageBox, QProgressDialog, QSpinBox)

from .animation import (DEFAULT_FRAMES, MAX_FRAMES, Animation, FrameRenderer, frame_steps,
                        write_gif, write_png_sequence)
from .file_job import OneJobAtATime
from .i18n import error_text, translate
from .jobs import Jobs
from .window_state import settings_store

CHUNK = 3  # frames rendered per turn of the event loop (~30 ms each at 1×)
FORMATS = {"gif": QT_TRANSLATE_NOOP("Files", "Animated GIF"),
           "png": QT_TRANSLATE_NOOP("Files", "Numbered PNG images (a folder)")}


class AnimationJob(QObject):
    """Renders ``anim``'s frames in chunks on the GUI thread, then writes them on a pool
    thread. ``finished(message, ok)`` once; cancelled: nothing written."""

    finished = Signal(str, bool)

    def __init__(self, parent, jobs: Jobs, anim: Animation, frames: int, fmt: str,
                 path: str | Path, scale: int = 1, show_progress: bool = True) -> None:
        super().__init__(parent)
        self.jobs, self.fmt, self.path = jobs, fmt, Path(path)
        self.rows = frame_steps(anim.rows, frames)
        self.renderer = FrameRenderer(anim, scale)
        self.images: list = []
        self.done = False
        self.writing = False
        self.progress = None
        self.cancelled = False
        if show_progress:
            self.progress = QProgressDialog(translate("Files", "Rendering the frames…"),
                                            translate("Files", "Cancel"), 0,
                                            len(self.rows) + 1, parent)
            self.progress.setWindowTitle(translate("Files", "Export animation"))
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
            self.progress.canceled.connect(self.cancel)
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._render_some)

    def start(self) -> None:
        self._timer.start()

    @Slot()
    def cancel(self) -> None:
        """Stop rendering, nothing written (once the writing has begun it ends, all or
        nothing, and is reported)."""
        if self.done or self.writing:
            return
        self._timer.stop()
        self.jobs.drop("animation")
        self.cancelled = True
        self._end(translate("Files", "Export animation cancelled: nothing was written."), False)

    @Slot()
    def _render_some(self) -> None:
        for _ in range(CHUNK):
            i = len(self.images)
            if i == len(self.rows):
                self._timer.stop()
                self._write()
                return
            self.images.append(self.renderer.frame(int(self.rows[i])))
        if self.progress is not None:
            self.progress.setValue(len(self.images))

    def _write(self) -> None:
        self.writing = True
        if self.progress is not None:
            self.progress.setCancelButton(None)
            self.progress.setLabelText(translate("Files", "Writing the GIF…") if self.fmt == "gif"
                                       else translate("Files", "Writing the PNG images…"))
        images, path = self.images, self.path
        write = (lambda: write_gif(path, images)) if self.fmt == "gif" else \
            (lambda: write_png_sequence(path, images))
        self.jobs.submit("animation", write, self._written, self._failed, lane="export",
                         finish=True)

    def _written(self, _result) -> None:
        n = len(self.images)
        self._end((translate("Files", "Wrote {path} ({n} frames).") if self.fmt == "gif" else
                   translate("Files", "Wrote {n} PNG images in {path} ({n} frames).")).format(
            path=self.path, n=n), True)

    def _failed(self, exc: BaseException) -> None:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else error_text(exc)
        self._end(translate("Files", "Could not write {path}: {why}. Nothing was written.").format(
            path=self.path, why=why), False)

    def _end(self, message: str, ok: bool) -> None:
        self.done = True
        self.images = []
        self.renderer.close()
        if self.progress is not None:
            self.progress.reset()
        self.finished.emit(message, ok)


class AnimationDialog(QDialog):
    """Format, frames, the loss curve, size."""

    def __init__(self, parent, rows: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Files", "Export animation"))
        self.formatCombo = QComboBox(objectName="animationFormat")
        for key, text in FORMATS.items():
            self.formatCombo.addItem(translate("Files", text), key)
        self.framesSpin = QSpinBox(objectName="animationFrames", minimum=2, maximum=MAX_FRAMES)
        self.framesSpin.setValue(min(DEFAULT_FRAMES, max(rows, 2)))
        self.framesSpin.setToolTip(translate("Files", "Spread evenly over the {rows} recorded "
                                                      "steps (at most one frame per step)").format(
            rows=f"{rows:,}"))
        self.lossCheck = QCheckBox(translate("Files", "The loss curve beside the map"),
                                   checked=True)
        self.scaleCombo = QComboBox(objectName="animationScale")
        self.scaleCombo.addItem(translate("Files", "1× (a slide, ~1060 px wide)"), 1)
        self.scaleCombo.addItem(translate("Files", "2× (a large screen; 4× the file size)"), 2)
        form = QFormLayout(self)
        form.addRow(translate("Files", "Format"), self.formatCombo)
        form.addRow(translate("Files", "Frames"), self.framesSpin)
        form.addRow("", self.lossCheck)
        form.addRow(translate("Files", "Size"), self.scaleCombo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AnimationExporter(OneJobAtATime):
    """File ▸ Export Animation… for ``window`` (one export at a time: :attr:`job`)."""

    failed_title = QT_TRANSLATE_NOOP("Files", "Export animation failed")
    busy_text = QT_TRANSLATE_NOOP("Files", "An animation is still being written.")

    def __init__(self, window: QMainWindow, jobs: Jobs, make_animation, say) -> None:
        super().__init__(window, say)
        self.jobs = jobs
        self._make = make_animation  # (with_loss) -> Animation; raises ValueError

    def start(self, path: str | Path, frames: int = DEFAULT_FRAMES, fmt: str = "gif",
              with_loss: bool = True, scale: int = 1,
              show_progress: bool = True) -> AnimationJob | None:
        """Render and write the animation; problems are said (status bar or a message box)."""
        if self.busy():
            return None
        try:
            anim = self._make(with_loss)
            if fmt == "png" and not Path(path).is_dir():
                raise ValueError(translate("Files", "{path} is not a folder: the PNG images go "
                                                    "into a folder").format(path=path))
            job = AnimationJob(self.window, self.jobs, anim, frames, fmt, path, scale,
                               show_progress)
        except ValueError as exc:
            QMessageBox.warning(self.window, translate("Files", "Cannot export the animation"),
                                error_text(exc))
            return None
        return self.run_job(job)

    @Slot()
    def dialog(self) -> None:
        try:
            rows = self._make(False).rows
        except ValueError as exc:
            QMessageBox.warning(self.window, translate("Files", "Cannot export the animation"),
                                error_text(exc))
            return
        ask = AnimationDialog(self.window, rows)
        if ask.exec() != QDialog.DialogCode.Accepted:
            return
        fmt = ask.formatCombo.currentData()
        folder = settings_store().value("export/folder", str(Path.home()))
        if fmt == "gif":
            path, _ = QFileDialog.getSaveFileName(self.window, translate("Files", "Save animation"),
                                                  str(Path(folder) / "gdlab.gif"),
                                                  translate("Files", "GIF animations (*.gif)"))
            if path and not path.lower().endswith(".gif"):
                path += ".gif"
        else:
            path = QFileDialog.getExistingDirectory(self.window,
                                                    translate("Files", "Folder for the PNG images"),
                                                    str(folder))
        if path:
            self.start(path, ask.framesSpin.value(), fmt, ask.lossCheck.isChecked(),
                       ask.scaleCombo.currentData())
