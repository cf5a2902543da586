"""The one error a typed formula raises, with structured fields the window words itself."""

from __future__ import annotations

from ...text import Message

#: the limits of a formula (the window and the docs quote them)
MAX_CHARS = 500
MAX_NODES = 300
MAX_DEPTH = 50


class FormulaError(ValueError):
    """A formula that cannot be used: ``kind`` (a short key such as ``unknown_name``),
    ``col`` (1-based column in the text as typed), ``text`` (the offending piece),
    ``message`` (a :class:`Message` without the column, English as a str) and
    ``suggestion`` (a corrected piece or "")."""

    def __init__(self, kind: str, col: int, text: str, message: str,
                 suggestion: str = "") -> None:
        self.kind, self.col, self.text = kind, col, text
        self.message, self.suggestion = message, suggestion
        if suggestion:
            full = Message("column {col}: {message} — did you mean {suggestion}?",
                           col=col, message=message, suggestion=suggestion)
        else:
            full = Message("column {col}: {message}", col=col, message=message)
        super().__init__(full)
