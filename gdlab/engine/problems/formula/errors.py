"""The one error a typed formula raises, with structured fields the window words itself."""

from __future__ import annotations

#: the limits of a formula (the window and the docs quote them)
MAX_CHARS = 500
MAX_NODES = 300
MAX_DEPTH = 50


class FormulaError(ValueError):
    """A formula that cannot be used: ``kind`` (a short key such as ``unknown_name``),
    ``col`` (1-based column in the text as typed), ``text`` (the offending piece),
    ``message`` (English, without the column) and ``suggestion`` (a corrected piece or "")."""

    def __init__(self, kind: str, col: int, text: str, message: str,
                 suggestion: str = "") -> None:
        self.kind, self.col, self.text = kind, col, text
        self.message, self.suggestion = message, suggestion
        full = f"column {col}: {message}"
        if suggestion:
            full += f" — did you mean {suggestion}?"
        super().__init__(full)
