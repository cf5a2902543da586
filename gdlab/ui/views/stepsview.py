"""The "Steps" tab: the last few updates as a table, one row per parameter and step.

For each step k and parameter θ: θ at step k, its gradient g, lr·g and θ at step
k+1, so a student can check the update by hand (plain gradient descent moves
θ by exactly −lr·g; momentum and the adaptive methods move it differently).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget,
                               QVBoxLayout, QWidget)

from ..i18n import translate
from .gradcheck import set_cell

SHOWN_STEPS = 4  # the last steps in the table
SHADE = "#f1f3f6"  # every other step's rows, so the eye groups a step's parameters
NEWEST = "#fff1c6"  # the current step's rows
HEADERS = (QT_TRANSLATE_NOOP("Steps", "step"), QT_TRANSLATE_NOOP("Steps", "param"), "θ",
           "g = ∂f/∂θ", "lr · g", QT_TRANSLATE_NOOP("Steps", "θ next"))
EXPLANATION = QT_TRANSLATE_NOOP("Steps", "Each update moves θ against its gradient g. Plain "
                                "gradient descent takes θ next = θ − lr·g exactly; momentum and "
                                "the adaptive methods scale the step their own way.")


def column_format(values: np.ndarray) -> str:
    """One format for a whole column, so its numbers share their decimals: fixed point with
    about six significant digits for the column's largest magnitude, else scientific."""
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    if top == 0.0:
        return "{:.4f}"
    if not 1e-3 <= top < 1e6:
        return "{:.2e}"
    return "{:.%df}" % min(8, max(1, 5 - math.floor(math.log10(top))))


def short_exponent(text: str) -> str:
    """``-1.52e+06`` → ``-1.52e6``, ``2.00e-07`` → ``2.00e-7``: scientific text that fits a
    narrow column (the sign and zeros of the exponent say nothing)."""
    mant, e, exp = text.partition("e")
    return f"{mant}e{int(exp)}" if e else text


def param_names(columns: tuple[str, ...]) -> list[str]:
    """The parameters a trajectory's rows hold (the columns before "loss" with a gradient)."""
    if "loss" not in columns:
        return []
    return [c for c in columns[:columns.index("loss")] if f"grad_{c}" in columns]


def step_table(columns: tuple[str, ...], tail: np.ndarray, first_step: int,
               shown: int = SHOWN_STEPS) -> list[tuple]:
    """Rows ``(step, name, θ, g, lr·g, θ next)`` for the last ``shown`` steps of ``tail``
    (the trajectory's last rows (n, len(columns)), the first being step ``first_step``).
    The newest step has no θ next yet (nan)."""
    names = param_names(columns)
    if not names or not len(tail):
        return []
    lr = tail[:, columns.index("lr")] if "lr" in columns else np.full(len(tail), np.nan)
    out = []
    for i in range(max(0, len(tail) - shown), len(tail)):
        for name in names:
            theta = tail[i, columns.index(name)]
            g = tail[i, columns.index(f"grad_{name}")]
            nxt = tail[i + 1, columns.index(name)] if i + 1 < len(tail) else math.nan
            out.append((first_step + i, name, theta, g, lr[i] * g, nxt))
    return out


class StepsView(QWidget):
    """A short explanation above the table of the last steps. API: :meth:`set_steps`."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("stepsView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.explainLabel = QLabel(translate("Steps", EXPLANATION), wordWrap=True,
                                   objectName="stepsExplain")
        self.explainLabel.setStyleSheet("color:#333;")
        layout.addWidget(self.explainLabel)
        self.table = QTableWidget(0, len(HEADERS), objectName="stepsTable")
        self.table.setHorizontalHeaderLabels([translate("Steps", h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for j in (0, 1):
            header.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.searchLabel = QLabel(wordWrap=True, objectName="stepsSearch")
        self.searchLabel.setStyleSheet("color:#333;")
        self.searchLabel.setVisible(False)
        layout.addWidget(self.searchLabel)
        self.rows: list[tuple] = []

    def set_search(self, text: str) -> None:
        """What a second-order or line-search method did at the last step ("" for none)."""
        if self.searchLabel.text() != text:
            self.searchLabel.setText(text)
        self.searchLabel.setVisible(bool(text))

    def set_steps(self, columns: tuple[str, ...], tail: np.ndarray, first_step: int) -> None:
        """Show the last steps of ``tail`` (see :func:`step_table`)."""
        rows = step_table(columns, tail, first_step)
        self.rows = rows
        t = self.table
        t.setRowCount(len(rows))
        if not rows:
            return
        values = np.array([r[2:] for r in rows], dtype=float)
        theta = column_format(values[:, [0, 3]])  # θ and θ next: one format
        fmts = [theta, column_format(values[:, 1]), column_format(values[:, 2]), theta]
        newest = rows[-1][0]
        for i, (k, name, *nums) in enumerate(rows):
            texts = [f"{k:,}", name] + ["…" if math.isnan(v) and j == 3
                                        else short_exponent(fmts[j].format(v))
                                        for j, v in enumerate(nums)]
            for j, text in enumerate(texts):
                item = set_cell(t, i, j, text, left=j == 1)
                shade = NEWEST if k == newest else (SHADE if (newest - k) % 2 == 0 else None)
                item.setBackground(QBrush(QColor(shade)) if shade else QBrush())
        t.scrollToBottom()

    def cell_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return "" if item is None else item.text()
