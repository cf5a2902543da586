"""Single-key shortcuts (Space, →, R) that give way to the widget being typed into."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSlider, QAbstractSpinBox,
                               QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget)

#: widgets that take values from bare keys: typing, choosing, moving a slider or a table's
#: cursor (buttons and tabs are not: after a click on one, Space still runs, → still steps)
INPUT_WIDGETS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractSlider, QAbstractItemView,
                 QTextEdit, QPlainTextEdit)
_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
              | Qt.KeyboardModifier.MetaModifier)


class InputKeysFirst(QObject):
    """While an input widget inside ``window`` has the focus, its bare keys go to it: R in
    the problem list jumps to "Rastrigin", Space opens it, instead of Reset or Run.

    Qt asks the focus widget first (a ShortcutOverride event); a combo box or a slider does
    not claim those keys, so this filter, put on each input widget as it gets the focus,
    claims them for it. Keys with Ctrl, Alt or Meta stay shortcuts."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        QApplication.instance().focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if (isinstance(new, INPUT_WIDGETS) and self._window.isAncestorOf(new)
                and not new.property("gdlabInputKeys")):
            new.setProperty("gdlabInputKeys", True)
            new.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ShortcutOverride and not event.modifiers() & _MODIFIERS:
            event.accept()  # the widget wants this key: no shortcut
            return True
        return False
