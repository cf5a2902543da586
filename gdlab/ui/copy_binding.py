"""Edit ▸ Copy as Command Line / Copy as Python: the session's lanes as text on the clipboard
(:mod:`gdlab.engine.run.command` writes it)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow

from ..engine.run.command import NotExpressible, command_line, python_snippet
from ..engine.run.single import RunSettings
from .i18n import error_text, translate
from .session import Session


class CopyBinding(QObject):
    """The Edit menu's copy actions."""

    def __init__(self, window: QMainWindow, session: Session, edit_menu, say) -> None:
        super().__init__(window)
        self.window, self.session, self._say = window, session, say
        self.commandAction = QAction(translate("Copy", "Copy as &Command Line"), window)
        self.commandAction.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.commandAction.triggered.connect(self.copy_command)
        self.pythonAction = QAction(translate("Copy", "Copy as &Python"), window)
        self.pythonAction.triggered.connect(self.copy_python)
        for a in (self.commandAction, self.pythonAction):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit_menu.addAction(a)

    def lanes(self) -> list[RunSettings]:
        """Every lane's settings as they are now (a change made while it ran included)."""
        return [lane.settings for lane in self.session.lanes]

    def command_text(self) -> str:
        """``gdlab run …`` / ``gdlab race …``; raises :class:`NotExpressible`."""
        return command_line(self.lanes(), "trajectory.csv")

    @Slot()
    def copy_command(self) -> None:
        try:
            text = self.command_text()
        except NotExpressible as exc:
            self._say(translate("Copy", "No command line says this race: {why}.").format(
                why=error_text(exc)), 8000)
            return
        QGuiApplication.clipboard().setText(text)
        self._say(translate("Copy", "Copied the command line that reproduces this setup (as it "
                                    "is now: it runs from the start).") if self.session.k else
                  translate("Copy", "Copied the command line that reproduces this setup."), 6000)

    @Slot()
    def copy_python(self) -> None:
        QGuiApplication.clipboard().setText(python_snippet(self.lanes()))
        self._say(translate("Copy", "Copied a Python script that runs this setup with gdlab's "
                            "engine."), 6000)

