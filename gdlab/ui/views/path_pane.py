"""The map's pane: the problem's title, formula and note over the descent-path plot, with
"Project path" (many-parameter models) and "Reset view"; under the map, a race's legend."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..i18n import localized, translate
from .plots import PathPlot

LEGEND_LINES = 3  # a race's legend under the map: names while they fit in this many lines
LINE = "━━"  # a lane's line in its colour


def _wrapping_label(name: str, style: str) -> QLabel:
    """A label that wraps to the pane's width instead of widening it."""
    label = QLabel(objectName=name, wordWrap=True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setStyleSheet(style)
    return label


class PathPane(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.plot = PathPlot()
        self.titleLabel = _wrapping_label("titleLabel", "font-size:15px; font-weight:600; color:#222;")
        # the formula on its own full-width line: a network's is long and must wrap, not clip
        self.formulaLabel = _wrapping_label("formulaLabel", "font-size:14px; color:#222;")
        self.formulaLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.noteLabel = _wrapping_label("noteLabel", "color:#555;")
        self.projectButton = QPushButton(translate("PathPane", "Project path"),
                                         objectName="projectButton")
        self.projectButton.setToolTip(translate("PathPane", "Project the parameters' path on its "
                                                "two principal directions and draw the loss "
                                                "on that plane"))
        self.resetViewButton = QPushButton(translate("PathPane", "Reset view"),
                                           objectName="resetViewButton")
        self.resetViewButton.clicked.connect(self.plot.reset_view)
        # the lanes' legend under the map, where it hides nothing; it wraps between entries
        self.legend = _wrapping_label("raceLegend", "color:#222; font-size:12px;")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.hide()
        self._legend: tuple = ()
        head = QHBoxLayout()
        head.addWidget(self.titleLabel, 1)
        head.addWidget(self.projectButton)
        head.addWidget(self.resetViewButton)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.formulaLabel)
        lay.addWidget(self.noteLabel)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.legend)

    def show_problem(self, problem) -> None:
        """The problem's title, formula and note."""
        self.titleLabel.setText(localized(problem.title))
        self.formulaLabel.setText(localized(problem.formula))
        self.noteLabel.setText(localized(problem.note) if problem.note else "")

    def set_legend(self, entries: list[tuple[int, str, str]], selected: int = -1) -> None:
        """A race's legend: (number, name, colour) per lane, ``selected`` in bold; none:
        hidden. Beyond LEGEND_LINES lines at the pane's width (many lanes, a small window)
        it shows the lanes' numbers only, their names in its tooltip and the lanes table."""
        key = (tuple(entries), selected)
        if key == self._legend:
            return
        self._legend = key
        self._fit_legend()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._legend and self._legend[0]:
            self._fit_legend()

    def _fit_legend(self) -> None:
        entries, selected = self._legend
        self.legend.setVisible(bool(entries))
        named = _lines([f"{LINE} {n} {name}" for n, name, _ in entries], self.legend.font(),
                       self.width()) <= LEGEND_LINES
        text = "&nbsp;&nbsp; ".join(
            f'<span style="white-space:nowrap"><span style="color:{color}; font-weight:900">'
            f'{LINE}</span>&nbsp;{"<b>" if i == selected else ""}'
            f'{escape(f"{n} {name}" if named else str(n))}{"</b>" if i == selected else ""}</span>'
            for i, (n, name, color) in enumerate(entries))
        if text != self.legend.text():
            self.legend.setText(text)
            self.legend.setToolTip("" if named else "\n".join(f"{n} {name}" for n, name, _ in entries))


def _lines(entries: list[str], font: QFont, width: int) -> int:
    """How many lines ``entries`` take, wrapped between entries to ``width`` pixels."""
    fm = QFontMetrics(font)
    gap = fm.horizontalAdvance("   ")
    lines, used = 1, 0
    for entry in entries:
        w = fm.horizontalAdvance(entry)
        if used and used + gap + w > width:
            lines, used = lines + 1, w
        else:
            used += (gap if used else 0) + w
    return lines
