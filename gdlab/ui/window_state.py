"""What the window remembers between starts (QSettings): its geometry, dock and toolbar
layout, splitter sizes and the last settings of the panel (in the recipe's dict form).

:func:`settings_store` is the one store gdlab uses; tests point QSettings at a throw-away
folder (``QSettings.setPath``), never the user's.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QObject, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from ..engine.files.session_file import SessionError, check_recipe
from ..engine.run.recipe import build_run, settings_from_dict
from ..engine.run.single import RunSettings

ORGANIZATION = APPLICATION = "gdlab"


def settings_store() -> QSettings:
    """gdlab's settings (the user's; a test's throw-away folder under a test)."""
    return QSettings(ORGANIZATION, APPLICATION)


class WindowState(QObject):
    """Saves the window's layout and last settings at close (:meth:`save`) and puts them
    back at start (:meth:`restore`)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _splitters(self) -> list[QSplitter]:
        return [s for s in self.window.findChildren(QSplitter) if s.objectName()]

    def save(self) -> None:
        w, store = self.window, settings_store()
        store.setValue("window/geometry", w.saveGeometry())
        store.setValue("window/state", w.saveState())
        for s in self._splitters():
            store.setValue(f"window/splitter/{s.objectName()}", s.saveState())
        try:
            settings = w.session.lane.settings
        except (AttributeError, IndexError):
            return
        store.setValue("run/last", json.dumps(settings.to_dict()))

    def restore(self) -> RunSettings | None:
        """The layout put back (cut to the screen); returns the last settings, checked by
        the recipe, or None (none kept, or no longer valid)."""
        w, store = self.window, settings_store()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray) and w.restoreGeometry(geometry):
            self._fit_screen()
        state = store.value("window/state")
        if isinstance(state, QByteArray):
            w.restoreState(state)
        for s in self._splitters():
            saved = store.value(f"window/splitter/{s.objectName()}")
            if isinstance(saved, QByteArray):
                s.restoreState(saved)
        return last_settings()

    def _fit_screen(self) -> None:
        """A geometry saved on a bigger screen is cut to this one's free area."""
        w = self.window
        screen = w.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = w.frameGeometry()
        if frame.width() > free.width() or frame.height() > free.height():
            w.resize(min(w.width(), free.width() - (frame.width() - w.width())),
                     min(w.height(), free.height() - (frame.height() - w.height())))
        if not free.intersects(w.frameGeometry()):
            w.move(free.topLeft())


def last_settings() -> RunSettings | None:
    """The panel's settings kept at the last close, resolved again (None if none or bad)."""
    text = settings_store().value("run/last")
    if not isinstance(text, str):
        return None
    try:
        d = json.loads(text)
        check_recipe(d, "run/last")
        return build_run(settings_from_dict(d)).origin  # resolved and checked again
    except (ValueError, TypeError, SessionError):
        return None
