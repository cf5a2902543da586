"""The step inspector: one update's arithmetic with the run's numbers, as the teaching texts
write it out by hand (the engine's :mod:`~gdlab.engine.analysis.explain` makes the lines).

An equation is set as an aligned block — the left-hand side, then ``= formula``,
``= numbers`` and ``= value`` under each other — so that it reads in a narrow side panel.
The text is selectable; Copy puts the plain text on the clipboard.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ...engine.analysis.explain import Explanation
from ..i18n import localized, translate

#: the inspector's own sentences (format strings, in one place)
TEXT = {
    "copy": QT_TRANSLATE_NOOP("Inspector", "Copy"),
    "copy_tip": QT_TRANSLATE_NOOP("Inspector", "Copy the explanation as plain text"),
    "empty": QT_TRANSLATE_NOOP("Inspector", "Run or step to see an update worked out with its "
                               "numbers."),
    "failed": QT_TRANSLATE_NOOP("Inspector", "Could not work out step {k}: {error}"),
    "working": QT_TRANSLATE_NOOP("Inspector", "Working out step {k}…"),
}


def inspector_text(key: str) -> str:
    """One of the inspector's own sentences in the current language."""
    return translate("Inspector", TEXT[key])


def in_language(ex: Explanation) -> Explanation:
    """``ex`` with its words in the current language: the title, the notes and the table's
    heads (the equations and numbers are formulas)."""
    return replace(ex, title=localized(ex.title), head=tuple(map(localized, ex.head)),
                   lines=[replace(ln, note=localized(ln.note) if ln.note else "")
                          for ln in ex.lines])


STYLE = """
body { font-size: 13px; color: #222; }
.title { font-size: 15px; font-weight: 600; margin-bottom: 4px; }
.note { color: #5a5a5a; margin-top: 2px; margin-bottom: 2px; }
td { padding: 0px 3px; vertical-align: top; }
.lhs { font-weight: 600; text-align: right; white-space: nowrap; }
.value { font-weight: 600; color: #0b5394; }
th { text-align: right; padding: 2px 8px; border-bottom: 1px solid #bbb; color: #333; }
.num { text-align: right; padding: 1px 8px; }
"""


def explanation_html(ex: Explanation) -> str:
    """The explanation as HTML: notes as paragraphs, equations as aligned blocks (its words
    in the current language)."""
    ex = in_language(ex)
    out = [f'<div class="title">{escape(ex.title)}</div>']
    rows: list[str] = []

    def flush() -> None:
        if rows:
            out.append('<table cellspacing="0">' + "".join(rows) + "</table>")
            rows.clear()

    for ln in ex.lines:
        if not ln.lhs:
            flush()
            out.append(f'<p class="note">{escape(ln.note)}</p>')
            continue
        parts = [(p, "") for p in (ln.formula, ln.numbers) if p]
        if ln.value:
            parts.append((ln.value, "value"))
        for i, (text, cls) in enumerate(parts):
            lhs = escape(ln.lhs) if i == 0 else ""
            rows.append(f'<tr><td class="lhs">{lhs}</td><td>=</td>'
                        f'<td class="{cls}">{escape(text)}</td></tr>')
        if ln.note:
            rows.append(f'<tr><td></td><td></td><td class="note">{escape(ln.note)}</td></tr>')
        rows.append('<tr><td colspan="3" style="font-size:5px">&nbsp;</td></tr>')
    flush()
    if ex.table:
        head = "".join(f'<th>{escape(h)}</th>' for h in ex.head)
        body = "".join("<tr>" + "".join(f'<td class="{"lhs" if i == 0 else "num"}">{escape(c)}</td>'
                                        for i, c in enumerate(row)) + "</tr>"
                       for row in ex.table)
        out.append(f'<table class="arrays" cellspacing="0"><tr>{head}</tr>{body}</table>')
    return "".join(out)


class StepInspector(QWidget):
    """Shows an :class:`Explanation` (selectable text, a Copy button)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("stepInspector")
        self.text = QTextBrowser(objectName="inspectorText")
        self.text.document().setDefaultStyleSheet(STYLE)
        self.text.setOpenLinks(False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.copyButton = QPushButton(inspector_text("copy"), objectName="inspectorCopy")
        self.copyButton.setToolTip(inspector_text("copy_tip"))
        self.copyButton.clicked.connect(self.copy)
        self.caption = QLabel(objectName="inspectorCaption")
        self.caption.setStyleSheet("color:#555;")
        head = QHBoxLayout()
        head.addWidget(self.caption, 1)
        head.addWidget(self.copyButton)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(head)
        lay.addWidget(self.text, 1)
        self.explanation: Explanation | None = None
        self._plain = ""
        self.show_message(inspector_text("empty"))

    def show_explanation(self, ex: Explanation, caption: str = "") -> None:
        """Show ``ex`` (``caption``: what step it is, e.g. of which lane)."""
        self.explanation = ex
        self._plain = in_language(ex).text()
        self.caption.setText(caption)
        self.text.setHtml(explanation_html(ex))

    def show_message(self, message: str) -> None:
        self.explanation = None
        self._plain = message
        self.caption.setText("")
        self.text.setHtml(f'<p class="note">{escape(message)}</p>')

    def plain_text(self) -> str:
        """What Copy puts on the clipboard."""
        return self._plain

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._plain)
