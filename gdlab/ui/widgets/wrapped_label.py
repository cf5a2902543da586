"""A word-wrapped label that keeps the height its text needs at the width it has.

A box layout gives a word-wrapped label the height it needs at the box's *minimum* width.
Squeezed narrower than that (a narrow settings dock; presentation mode's larger text in a
window that only just fits the screen), the label wraps into more lines than it was given
and its last lines are cut off. This label asks for the height of the width it has.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    """A word-wrapped ``QLabel`` at least as tall as its text at its current width."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need != self.minimumHeight():
            self.setMinimumHeight(max(need, 0))
