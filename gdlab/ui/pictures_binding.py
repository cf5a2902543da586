"""File ▸ Export Image… / Export Animation… and Edit ▸ Copy Image, bound to the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QMainWindow, QMessageBox)

from .animation import Animation, animation_of_session
from .animation_job import AnimationExporter
from .pictures import SCALES, TARGETS, copy_picture, format_of, save_picture, target_widget
from .i18n import error_text, localized, optimizer_name, translate
from .window_state import settings_store


class ImageDialog(QDialog):
    """What to picture and how big: Save PNG…, Save SVG…, Copy."""

    def __init__(self, pictures: "PicturesBinding") -> None:
        super().__init__(pictures.window)
        self.setWindowTitle(translate("Pictures", "Export image"))
        self.pictures = pictures
        self.targetCombo = QComboBox(objectName="imageTarget")
        for name, text in TARGETS.items():
            self.targetCombo.addItem(translate("Pictures", text), name)
        self.scaleCombo = QComboBox(objectName="imageScale")
        for s in SCALES:
            self.scaleCombo.addItem((translate("Pictures", "{scale}× (screen)") if s == 1 else
                                     translate("Pictures", "{scale}× (sharp on a slide)"))
                                    .format(scale=s), s)
        self.scaleCombo.setCurrentIndex(1)
        form = QFormLayout(self)
        form.addRow(translate("Pictures", "Picture of"), self.targetCombo)
        form.addRow(translate("Pictures", "PNG size"), self.scaleCombo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for text, slot in ((translate("Pictures", "Save PNG…"), lambda: self._save("png")),
                           (translate("Pictures", "Save SVG…"), lambda: self._save("svg")),
                           (translate("Pictures", "Copy"), self._copy)):
            buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole).clicked.connect(slot)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choice(self) -> tuple[str, int]:
        return self.targetCombo.currentData(), self.scaleCombo.currentData()

    def _save(self, fmt: str) -> None:
        target, scale = self._choice()
        if self.pictures.save_dialog(target, fmt, scale):
            self.accept()

    def _copy(self) -> None:
        target, scale = self._choice()
        self.pictures.copy(target, scale)
        self.accept()


class PicturesBinding(QObject):
    """The picture actions: ``imageAction`` (File), ``copyImageAction`` (Edit)."""

    def __init__(self, window: QMainWindow, file_menu, edit_menu, after, jobs, say) -> None:
        super().__init__(window)
        self.window, self._say = window, say
        self.imageAction = QAction(translate("Pictures", "Export &Image…"), window)
        self.imageAction.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.imageAction.triggered.connect(self.dialog)
        self.copyImageAction = QAction(translate("Pictures", "Copy &Image of the Map"), window)
        self.copyImageAction.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.copyImageAction.triggered.connect(lambda: self.copy("map", 2))
        for a in (self.imageAction, self.copyImageAction):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions = file_menu.actions()
        before = actions[actions.index(after) + 1]  # the exports together
        file_menu.insertAction(before, self.imageAction)
        edit_menu.addAction(self.copyImageAction)
        self.animator = AnimationExporter(window, jobs, self.animation, say)
        self.animationAction = QAction(translate("Pictures", "Export A&nimation…"), window)
        self.animationAction.triggered.connect(self.animator.dialog)
        file_menu.insertAction(before, self.animationAction)

    def animation(self, with_loss: bool) -> Animation:
        """The window's run or race so far, over its map (a ``ValueError`` if there is none
        to animate)."""
        w = self.window
        lanes = w.session.lanes
        problem = w.panel.problem
        what = optimizer_name(lanes[0].settings.optimizer) if len(lanes) == 1 else \
            translate("Animation", "{n} lanes").format(n=len(lanes))
        return animation_of_session(w.pathPlot.full_surface(), w.session,
                                    f"{localized(problem.title)} · {what}", with_loss)

    def save(self, target: str, path: str | Path, scale: int = 1) -> Path:
        """Write the picture of ``target`` to ``path`` (PNG or SVG by its name), atomically."""
        return save_picture(target_widget(self.window, target), path, scale)

    def copy(self, target: str, scale: int = 2) -> None:
        image = copy_picture(target_widget(self.window, target), scale)
        self._say(translate("Pictures", "Copied a picture: {what} ({width}×{height} pixels).")
                  .format(what=translate("Pictures", TARGETS[target]), width=image.width(),
                          height=image.height()), 6000)

    @Slot()
    def dialog(self) -> None:
        ImageDialog(self).exec()

    def save_dialog(self, target: str, fmt: str, scale: int) -> bool:
        store = settings_store()
        folder = Path(store.value("export/folder", str(Path.home())))
        path, _ = QFileDialog.getSaveFileName(
            self.window, translate("Pictures", "Save image"), str(folder / f"gdlab-{target}.{fmt}"),
            translate("Pictures", "PNG images (*.png)") if fmt == "png" else
            translate("Pictures", "SVG images (*.svg)"))
        if not path:
            return False
        if Path(path).suffix.lower() != f".{fmt}":
            path += f".{fmt}"
        try:
            format_of(path)
            out = self.save(target, path, scale)
        except (OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else error_text(exc)
            QMessageBox.warning(self.window, translate("Pictures", "Image not saved"),
                                translate("Files", "Could not write {path}: {why}. Nothing was "
                                                   "written.").format(path=path, why=why))
            return False
        self._say(translate("Pictures", "Saved {path}.").format(path=out), 6000)
        return True
