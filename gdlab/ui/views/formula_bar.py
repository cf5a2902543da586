"""The formula bar above the map: type f(x, y), see it live.

``formulaEdit`` takes the text; while it parses the map follows it (debounced), an invalid one
is shown with its bad column underlined and the last valid map stays. A drop-down offers
examples and the formulas typed recently (kept between sessions in gdlab's settings store);
four boxes set the view box (x and y ranges).
"""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout,
                               QWidget)

from ...engine import FormulaError, parse_formula
from ...engine.problems.formula import DEFAULT_BOX, MAX_CHARS, FormulaObjective
from ...engine.problems.formula.parser import parse
from ..i18n import localized, translate
from ..widgets.numbers import NumberBox
from ..window_state import settings_store

DEBOUNCE_MS = 150  # typing pauses this long before the map follows
RECENT = 8  # formulas kept in the drop-down's "Recent"
RECENT_KEY = "formula/recent"  # where they are kept between sessions (a JSON list)
#: (label, formula) offered in the drop-down
EXAMPLES = (
    (QT_TRANSLATE_NOOP("Formula", "Bowl"), "x^2 + y^2"),
    (QT_TRANSLATE_NOOP("Formula", "Saddle"), "x^2 - y^2"),
    (QT_TRANSLATE_NOOP("Formula", "Two wells"), "(x^2 - 1)^2 + y^2/2"),
    (QT_TRANSLATE_NOOP("Formula", "A log with a hole"), "log(x^2 + y^2 - 1) + (x^2 + y^2)/8"),
    (QT_TRANSLATE_NOOP("Formula", "Egg crate"), "sin(x)cos(y) + (x^2 + y^2)/20"),
    ("Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"),
    ("Rosenbrock", "(1 - x)^2 + 100(y - x^2)^2"),
    (QT_TRANSLATE_NOOP("Formula", "A kink"), "abs(x) + 2abs(y)"),
)
ERROR_CSS = "color:#b00020;"
LIMIT = 1e6  # the view box's coordinates stay within ±LIMIT


def marked(text: str, col: int) -> str:
    """``text`` as HTML with the character at 1-based ``col`` underlined in red (a caret
    after the end when ``col`` is past it)."""
    i = max(col - 1, 0)
    before, bad, after = text[:i], text[i:i + 1], text[i + 1:]
    bad_html = html.escape(bad) if bad.strip() else "&nbsp;"
    if not bad:
        bad_html = "&#8248;"  # ‸ where something is missing
    return (f"<span style='font-family:monospace'>{html.escape(before)}"
            f"<u style='color:#b00020; font-weight:700'>{bad_html}</u>{html.escape(after)}</span>")


def _load_recent() -> list[str]:
    """The recent formulas kept by an earlier session: those that still parse (a store
    edited by hand, or by another version, loses only what is not a formula)."""
    try:
        kept = json.loads(str(settings_store().value(RECENT_KEY, "[]")))
    except ValueError:
        return []
    recent: list[str] = []
    for text in kept if isinstance(kept, list) else ():
        if isinstance(text, str) and len(text) <= MAX_CHARS and text not in recent:
            try:
                parse(text)
            except FormulaError:
                continue
            recent.append(text)
    return recent[:RECENT]


class FormulaBar(QWidget):
    """``formulaChanged(FormulaObjective)``: a new valid formula or view box."""

    formulaChanged = Signal(object)

    def __init__(self) -> None:
        super().__init__(objectName="formulaBar")
        self.objective: FormulaObjective | None = None  # the last valid one
        self.recent: list[str] = _load_recent()
        self.formulaEdit = QLineEdit(objectName="formulaEdit")
        self.formulaEdit.setMaxLength(MAX_CHARS)
        self.formulaEdit.setPlaceholderText(translate("Formula", "Type your own f(x, y), e.g. "
                                                      "(x^2 - 1)^2 + y^2"))
        self.formulaEdit.setToolTip(translate(
            "Formula", "Your own function of x and y: + − * / ^ (or **), 2x, x², sin cos tan "
            "exp log sqrt abs tanh sinh cosh arcsin arccos arctan log10 log2 min(a, b) "
            "max(a, b), pi, e. The map follows as you type."))
        self.formulaEdit.setStyleSheet("font-size:14px;")
        self.examplesButton = QToolButton(objectName="formulaExamples",
                                          text=translate("Formula", "Examples ▾"))
        self.examplesButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.examplesMenu = QMenu(self.examplesButton)
        self.examplesButton.setMenu(self.examplesMenu)
        self.examplesMenu.aboutToShow.connect(self._fill_menu)
        self.errorLabel = QLabel(objectName="formulaError", wordWrap=True)
        self.errorLabel.setTextFormat(Qt.TextFormat.RichText)
        self.errorLabel.setVisible(False)
        self.boxes = [NumberBox(-LIMIT, LIMIT, v, decimals=6, object_name=name)
                      for v, name in zip(DEFAULT_BOX, ("boxX0", "boxX1", "boxY0", "boxY1"))]
        for b in self.boxes:
            b.setToolTip(translate("Formula", "The view box of your formula: its map and the "
                                   "search for minima"))
            b.setMinimumWidth(64)
            b.valueChanged.connect(self._on_box)
        self.boxError = QLabel(objectName="boxError")
        self.boxError.setStyleSheet(ERROR_CSS)
        self.boxError.setVisible(False)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply)
        self.formulaEdit.textEdited.connect(lambda _t: self._timer.start())
        self.formulaEdit.returnPressed.connect(self.apply)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("f(x, y) ="))
        top.addWidget(self.formulaEdit, 1)
        top.addWidget(self.examplesButton)
        self.boxRow = QWidget(objectName="formulaBoxRow")  # shown for "Your formula" only
        box = QHBoxLayout(self.boxRow)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(translate("Formula", "x from")))
        box.addWidget(self.boxes[0])
        box.addWidget(QLabel(translate("Formula", "to")))
        box.addWidget(self.boxes[1])
        box.addSpacing(12)
        box.addWidget(QLabel(translate("Formula", "y from")))
        box.addWidget(self.boxes[2])
        box.addWidget(QLabel(translate("Formula", "to")))
        box.addWidget(self.boxes[3])
        box.addWidget(self.boxError)
        box.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.errorLabel)
        lay.addWidget(self.boxRow)

    # -- the formula ------------------------------------------------------------------
    @property
    def box(self) -> tuple[float, float, float, float]:
        return tuple(b.value() for b in self.boxes)  # type: ignore[return-value]

    def set_text(self, text: str) -> None:
        """Show ``text`` and apply it now (an example, a recent one, a test)."""
        self.formulaEdit.setText(text)
        self.apply()

    def apply(self) -> None:
        """Parse the text: valid, the map follows; invalid, the error shows and the last
        valid formula stays."""
        self._timer.stop()
        text = self.formulaEdit.text()
        if not text.strip():
            self.errorLabel.setVisible(False)
            return
        try:
            obj = parse_formula(text, self.box)
        except FormulaError as exc:
            self._show_error(text, exc)
            return
        self.errorLabel.setVisible(False)
        self.formulaEdit.setStyleSheet("font-size:14px;")
        if self.objective is not None and obj.source == self.objective.source \
                and obj.box == self.objective.box:
            return
        self.objective = obj
        if text in self.recent:
            self.recent.remove(text)
        self.recent.insert(0, text)
        del self.recent[RECENT:]
        settings_store().setValue(RECENT_KEY, json.dumps(self.recent))
        self.formulaChanged.emit(obj)

    def _show_error(self, text: str, exc: FormulaError) -> None:
        self.formulaEdit.setStyleSheet("font-size:14px; border:1px solid #b00020;")
        message = html.escape(localized(exc.message), quote=False)
        if exc.suggestion:
            message = translate("Formula", "{message} — did you mean <b>{suggestion}</b>?")\
                .format(message=message, suggestion=html.escape(exc.suggestion, quote=False))
        error = translate("Formula", "Column {col}: {message}").format(col=exc.col, message=message)
        kept = translate("Formula", "(the map shows the last valid formula)")
        self.errorLabel.setText(
            f"<span style='{ERROR_CSS}'>{error}</span><br>{marked(text, exc.col)}"
            + ("" if self.objective is None else
               f"<span style='color:#666'> &nbsp;{html.escape(kept)}</span>"))
        self.errorLabel.setVisible(True)

    def _on_box(self, *_args) -> None:
        x0, x1, y0, y1 = self.box
        ok = x0 < x1 and y0 < y1
        self.boxError.setText("" if ok else translate("Formula", "each range needs from < to"))
        self.boxError.setVisible(not ok)
        if ok and self.formulaEdit.text().strip():
            self.apply()

    def show_objective(self, objective: FormulaObjective) -> None:
        """Show ``objective``'s text and box as the current formula, without emitting."""
        self.objective = objective
        self.formulaEdit.setText(objective.source)
        self.set_box(objective.box)
        self.errorLabel.setVisible(False)

    def set_box(self, box: tuple[float, float, float, float]) -> None:
        """Show ``box`` without applying it."""
        for b, v in zip(self.boxes, box):
            b.blockSignals(True)
            b.setValue(v)
            b.blockSignals(False)

    def _fill_menu(self) -> None:
        menu = self.examplesMenu
        menu.clear()
        menu.addSection(translate("Formula", "Examples"))
        for label, text in EXAMPLES:
            menu.addAction(f"{translate('Formula', label)}:  {text}",
                           lambda t=text: self.set_text(t))
        if self.recent:
            menu.addSection(translate("Formula", "Recent"))
            for text in self.recent:
                menu.addAction(text, lambda t=text: self.set_text(t))
