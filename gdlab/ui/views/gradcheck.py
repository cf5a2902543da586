"""The gradient-check panel: analytic (backprop) and autodiff gradients against central differences.

``GradCheckPanel.check(problem, params=None)`` runs
:func:`gdlab.engine.analysis.checkgrad.check_gradients` with the panel's h and fills one
table row per parameter array (``x``, ``y`` for a 2-D function; ``W1``, ``b1``,
``W2``, ``b2`` for ``mlp``). The "Check" button repeats it for the last problem
and parameters with the current h. :meth:`GradCheckPanel.check` runs in the calling
thread; with ``jobs`` set (the window's), :meth:`GradCheckPanel.check_later` and the
button compute on a pool thread: the largest network takes seconds.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...engine.analysis.checkgrad import GradCheckRow, check_batch, check_gradients
from ...engine.analysis.hsweep import h_sweep
from ...engine.optim.hyperparams import H
from ...engine.problems.models import is_model
from ..i18n import error_text, localized, translate
from ..jobs import Jobs
from ..widgets.numbers import spec_box
from .hsweep_plot import HSweepView


def _compute(problem: Any, h: float, params: Sequence | None) -> list[GradCheckRow]:
    """The check's rows (runs in any thread: it reads ``problem`` only)."""
    with np.errstate(all="ignore"):
        return check_gradients(problem, h=h, params=params)

CONTEXT = "GradCheck"
COLUMNS = (
    (QT_TRANSLATE_NOOP("GradCheck", "param"), QT_TRANSLATE_NOOP("GradCheck", "parameter array")),
    (QT_TRANSLATE_NOOP("GradCheck", "shape"), QT_TRANSLATE_NOOP("GradCheck", "its shape")),
    (QT_TRANSLATE_NOOP("GradCheck", "formula\nvs numerical"),
     QT_TRANSLATE_NOOP("GradCheck", "max |a − n| / max |n|: the hand-derived (backprop) gradient "
                       "a against the numerical estimate n, relative")),
    (QT_TRANSLATE_NOOP("GradCheck", "graph\nvs numerical"),
     QT_TRANSLATE_NOOP("GradCheck", "max |d − n| / max |n|: the computation graph's gradient d "
                       "against n")),
    (QT_TRANSLATE_NOOP("GradCheck", "formula\nvs graph"),
     QT_TRANSLATE_NOOP("GradCheck", "max |a − d|: two exact methods, equal up to rounding "
                       "(~1e-16)")),
)
GOOD, FAIR = 1e-6, 1e-3  # relative differences: below GOOD agree; above FAIR a bug
COLORS = {"good": "#e3f4e1", "fair": "#fff4d6", "bad": "#fbe0de"}
EXPLANATION = QT_TRANSLATE_NOOP(
    "GradCheck", "This compares the gradient from the formula and from the computation graph "
    "with a numerical estimate (the loss measured a tiny step h either side): they agree "
    "(green, below 1e-6) when the gradient the descent follows is right, and a large "
    "difference (red) means a bug.")
GRADES = {"good": QT_TRANSLATE_NOOP("GradCheck", "agrees with the numerical gradient"),
          "fair": QT_TRANSLATE_NOOP("GradCheck", "suspicious: try another h"),
          "bad": QT_TRANSLATE_NOOP("GradCheck", "disagrees: a wrong gradient")}


def set_cell(table: QTableWidget, row: int, col: int, text: str, left: bool) -> QTableWidgetItem:
    """Put ``text`` in a read-only table's cell (reusing its item), aligned left or right."""
    item = table.item(row, col)
    if item is None:
        item = QTableWidgetItem()
        table.setItem(row, col, item)
    item.setText(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | (
        Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight))
    return item


def sci(v: float) -> str:
    """Scientific notation with two significant decimals: ``3.2e-10``, ``0``, ``inf``."""
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "−inf")
    m, e = f"{v:.1e}".split("e")
    return f"{m}e{int(e)}"


def short_e(v: float) -> str:
    """``1e-4``, ``2.5e-6``: a step size in its shortest scientific form."""
    m, e = f"{v:.2e}".split("e")
    m = m.rstrip("0").rstrip(".")
    return f"{m}e{int(e)}"


class GradCheckPanel(QWidget):
    """h spin box, Check button, the table and a one-line explanation.

    API: :meth:`check` (problem, params=None, h=None) -> rows; :meth:`clear`;
    ``rows`` (the last :class:`GradCheckRow` list); signal ``checked(list)``.
    """

    checked = Signal(list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradCheckPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(QLabel("h"))
        self.hSpin = spec_box(H, "gradCheckHSpin", decades=True)  # the panel's h box
        # room for h's usual texts ("0.00001") beside the arrows: its range alone sizes it for "1"
        self.hSpin.setMinimumWidth(self.hSpin.fontMetrics().horizontalAdvance("0.000001") + 36)
        top.addWidget(self.hSpin)
        self.checkButton = QPushButton(translate("GradCheck", "Check"))
        self.checkButton.setObjectName("gradCheckButton")
        self.checkButton.setToolTip(translate("GradCheck",
                                              "compare the gradients again with this h"))
        self.checkButton.setEnabled(False)
        self.checkButton.clicked.connect(self._recheck)
        top.addWidget(self.checkButton)
        top.addStretch(1)
        layout.addLayout(top)
        # on its own line, wrapped: a long "where" must not widen the side panel
        self.whereLabel = QLabel("", wordWrap=True)
        self.whereLabel.setObjectName("gradCheckWhere")
        self.whereLabel.setStyleSheet("color: #444;")
        self.whereLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.whereLabel)
        # the table, its explanation and the h-sweep scroll together when the tab is short
        scroll = QScrollArea(objectName="gradCheckScroll", widgetResizable=True,
                             frameShape=QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # its contents' height must not make the tabs ask for more room than the table did
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        body = QWidget()
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("gradCheckTable")
        for i, (name, tip) in enumerate(COLUMNS):
            item = QTableWidgetItem(translate(CONTEXT, name).strip())
            item.setToolTip(translate(CONTEXT, tip))
            self.table.setHorizontalHeaderItem(i, item)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for j in (0, 1):
            header.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.table)

        self.explainLabel = QLabel(translate(CONTEXT, EXPLANATION))
        self.explainLabel.setObjectName("gradCheckExplain")
        self.explainLabel.setWordWrap(True)
        self.explainLabel.setStyleSheet("color: #333;")
        self.sweepView = HSweepView()
        layout.addWidget(self.sweepView, 1)
        layout.addWidget(self.explainLabel)  # after the plot: the plot is seen without scrolling

        self.rows: list[GradCheckRow] = []
        self.problem: Any = None
        self.params: Sequence | None = None
        self.where = ""
        self.h = self.hSpin.value()
        self.jobs: Jobs | None = None  # set: checks run on its pool thread

    # -- API --------------------------------------------------------------------------------
    def check(self, problem: Any, params: Sequence | None = None, h: float | None = None,
              where: str | None = None) -> list[GradCheckRow]:
        """Compare the gradients of ``problem`` at ``params`` (default: its start, or a model's
        initial weights) on its first batch, fill the table and return the rows. ``h``
        (default: the spin box's) also sets the spin box; ``where`` names the point."""
        self._prepare(problem, params, h, where)
        rows = _compute(problem, self.h, self.params)
        self._show(rows)
        self.sweepView.show_sweep(h_sweep(problem, self.params), self.h)
        return rows

    def check_later(self, problem: Any, params: Sequence | None = None,
                    where: str | None = None) -> None:
        """As :meth:`check`, computed on the pool thread of ``jobs`` (the table says
        "checking…" until the rows arrive; a newer check supersedes it)."""
        if self.jobs is None:
            self.check(problem, params, where=where)
            return
        self._prepare(problem, params, None, where)
        h, p = self.h, self.params
        self.whereLabel.setText(translate("GradCheck", "{problem}: checking…")
                                .format(problem=localized(problem.title)))
        self.checkButton.setEnabled(False)
        self.jobs.submit("gradcheck", lambda: _compute(problem, h, p), self._show, self._failed)
        # the sweep after the table, on a lane of its own: a network's takes seconds, and must
        # not hold up a projection or the next check
        self.jobs.submit("hsweep", lambda: h_sweep(problem, p),
                         lambda sweep: self.sweepView.show_sweep(sweep, h), self._failed,
                         lane="hsweep")

    def _prepare(self, problem: Any, params: Sequence | None, h: float | None,
                 where: str | None) -> None:
        if h is not None:
            self.hSpin.setValue(h)
        self.h = self.hSpin.value()
        self.problem = problem
        self.params = None if params is None else [np.array(p) if np.ndim(p) else p
                                                   for p in params]
        if not where and params is not None:
            where = translate("GradCheck", "current parameters")
        elif not where:
            where = (translate("GradCheck", "initial weights")
                     if is_model(problem) and problem.start is None
                     else translate("GradCheck", "start point"))
        self.where = where

    def _show(self, rows: list[GradCheckRow]) -> None:
        problem, h = self.problem, self.h
        self.rows = rows
        self._fill(rows)
        text, n = translate("GradCheck", "{problem}: at the {where}, h = {h}"), 0
        if is_model(problem):
            idx = check_batch(problem)
            n = 0 if idx is None else len(idx)
            text = (translate("GradCheck", "{problem}: at the {where}, all the data, h = {h}")
                    if idx is None else
                    translate("GradCheck", "{problem}: at the {where}, {n} samples of the first "
                              "batch, h = {h}"))
        self.whereLabel.setText(text.format(problem=localized(problem.title), where=self.where, n=n,
                                            h=short_e(h)))
        self.checkButton.setEnabled(True)
        self.checked.emit(rows)

    def _failed(self, exc: BaseException) -> None:
        self.checkButton.setEnabled(True)
        self.whereLabel.setText(translate("GradCheck", "the check failed: {error}")
                                .format(error=error_text(exc)))

    def clear(self) -> None:
        if self.jobs is not None:
            self.jobs.drop("gradcheck")
            self.jobs.drop("hsweep")
        self.rows, self.problem, self.params = [], None, None
        self.table.setRowCount(0)
        self.sweepView.clear()
        self.whereLabel.setText("")
        self.checkButton.setEnabled(False)

    def cell_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return "" if item is None else item.text()

    # -- internals ----------------------------------------------------------------------------
    def _recheck(self) -> None:
        if self.problem is not None:
            self.check_later(self.problem, self.params, self.where)

    def _fill(self, rows: Sequence[GradCheckRow]) -> None:
        t = self.table
        t.setRowCount(len(rows))
        # as tall as its rows: the h-sweep below takes the rest
        t.setFixedHeight(t.horizontalHeader().sizeHint().height() + 2 * t.frameWidth()
                         + sum(t.rowHeight(i) for i in range(len(rows))))
        for i, r in enumerate(rows):
            shape = "×".join(map(str, r.shape)) or translate("GradCheck", "scalar")
            values = (r.param, shape, sci(r.analytic_rel), sci(r.autodiff_rel),
                      sci(r.analytic_autodiff_abs))
            for j, text in enumerate(values):
                set_cell(t, i, j, text, left=j < 2).setBackground(QBrush())
            for j, rel in ((2, r.analytic_rel), (3, r.autodiff_rel)):
                grade = "good" if rel < GOOD else ("fair" if rel < FAIR else "bad")
                t.item(i, j).setBackground(QBrush(QColor(COLORS[grade])))
                t.item(i, j).setToolTip(translate(CONTEXT, GRADES[grade]))
