"""Texts the window shows, marked for translation while the engine stays Qt-free.

The engine speaks English (the CLI prints it as is). A text the window may show is marked
with :func:`N_` (a constant) or built as a :class:`Message` (a template with named fields),
so ``python -m gdlab.ui.catalogue update`` finds it and the window can translate it
(``gdlab.ui.i18n.localized``). Both are recognised by Qt's lupdate as ``QT_TR_NOOP``.
"""

from __future__ import annotations

from typing import Any


def N_(text: str) -> str:  # noqa: N802 - gettext's name for a no-op marker
    """``text`` unchanged; marks it for the translation catalogue."""
    return text


class Message(str):
    """English text (``template.format(**fields)``) that keeps its template and fields, so
    the window can format the translated template instead."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, **fields: Any) -> Message:
        text = super().__new__(cls, template.format(**fields))
        text.template = template
        text.fields = fields
        return text

    def __reduce__(self):  # a copy or pickle keeps the template and the fields
        return _rebuild, (self.template, self.fields)


def _rebuild(template: str, fields: dict[str, Any]) -> Message:
    return Message(template, **fields)


def reason(error: BaseException) -> str:
    """``error``'s text, still a :class:`Message` when it was raised with one (an error that
    wraps another passes it on translatable)."""
    if len(error.args) == 1 and isinstance(error.args[0], str):
        return error.args[0]
    return str(error)
