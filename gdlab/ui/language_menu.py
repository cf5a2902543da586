"""The Language menu: System / English / 中文（简体）, remembered in the settings.

The window's texts are set when it is built, so a new choice applies at the next start;
"Restart now" closes the window (its session autosaved) and :func:`gdlab.ui.app.main` builds
a new one in the chosen language, with the session opened again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from .help_binding import set_action_tip
from .i18n import (LANGUAGES, SETTING, catalogue_path, chosen_language, translate,
                   window_language, with_access_key)
from .window_state import settings_store

SYSTEM = "system"
ACCESS_KEYS = {"en": "E", "zh_CN": "Z"}  # each language's access key in the menu (Z: Zhongwen)
#: the notice of a new choice, said in the current and the chosen language
NOTICE = {"title": QT_TRANSLATE_NOOP("Language", "Language"),
          "text": QT_TRANSLATE_NOOP("Language", "The window speaks {language} from the next "
                                                "start."),
          "restart": QT_TRANSLATE_NOOP("Language", "Restart now"),
          "later": QT_TRANSLATE_NOOP("Language", "Later")}


def _in_language(language: str, context: str, text: str) -> str:
    """``text`` in ``language`` whatever the installed one (the notice speaks both)."""
    if language == "en":
        return text
    translator = QTranslator()
    if translator.load(str(catalogue_path(language))):
        return translator.translate(context, text) or text
    return text


class LanguageMenu(QObject):
    """The menu bar's Language menu. ``restart_session``: after "Restart now", the session
    file the next window opens (None when there was nothing to keep)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.restart_requested = False
        self.restart_session: Path | None = None
        self.box: QMessageBox | None = None  # the last notice (non-blocking)
        stored = str(settings_store().value(SETTING, SYSTEM))
        bar = window.menuBar()
        self.menu = QMenu(translate("Language", "&Language"), window, objectName="languageMenu")
        bar.insertMenu(bar.actions()[-1], self.menu)  # before Help
        group = QActionGroup(self.menu)
        self.actions: dict[str, QAction] = {}
        names = {SYSTEM: translate("Language", "&System"),
                 **{k: with_access_key(name, ACCESS_KEYS[k]) for k, name in LANGUAGES.items()}}
        for key, name in names.items():
            action = QAction(name, self.menu, checkable=True)
            action.setChecked(key == stored or (key == SYSTEM and stored not in LANGUAGES))
            action.setData(key)
            set_action_tip(action, translate("Language", "Language of the window (from the next "
                                                         "start)") if key != SYSTEM else
                           translate("Language", "Follow the system's language"))
            action.triggered.connect(lambda _=False, k=key: self.choose(k))
            group.addAction(action)
            self.menu.addAction(action)
            self.actions[key] = action

    def choose(self, key: str) -> None:
        """Store ``key`` ("system" or a language); say it applies at the next start (when it
        is not the window's language already)."""
        before = window_language()
        settings_store().setValue(SETTING, key)
        self.actions[key].setChecked(True)
        after = chosen_language(key)
        if after == before:
            return
        both = list(dict.fromkeys((before, after)))

        def said(key: str, sep: str) -> str:
            return sep.join(dict.fromkeys(_in_language(lang, "Language", NOTICE[key])
                                          for lang in both))

        box = QMessageBox(QMessageBox.Icon.Information, said("title", " / "),
                          said("text", "\n\n").format(language=LANGUAGES[after]),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("languageMessage")
        restart = box.addButton(said("restart", " / "), QMessageBox.ButtonRole.AcceptRole)
        restart.setObjectName("languageRestart")
        box.addButton(said("later", " / "), QMessageBox.ButtonRole.RejectRole)
        restart.clicked.connect(self.restart)
        box.open()
        self.box = box

    def restart(self) -> None:
        """Close the window (the session kept in the autosave); the app builds a new one."""
        self.restart_session = self.window.files.current_file()
        self.restart_requested = True
        self.window.close()
