"""The race view: Add to race, Remove, presets, the lanes table and the leaderboard.

It reads the session's lanes and sends it commands (select, remove); what a new lane or a
preset holds comes from the window (``addRequested``, ``presetRequested``), which knows the
panel's settings and the map's view box.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QMenu,
                               QPushButton, QTableWidget, QTableWidgetItem, QToolButton,
                               QVBoxLayout, QWidget)

from ...engine.run.race import noisy_lanes, standing_order
from ...engine.run.recipe import resolve
from ...engine.run.single import RunSettings
from ..i18n import optimizer_name, translate
from ..session import MAX_LANES, Lane, Session
from ..widgets.flow import FlowLayout
from ..widgets.numbers import format_number

CONTEXT = "Lanes"
COLUMNS = (QT_TRANSLATE_NOOP("Lanes", "lane"), QT_TRANSLATE_NOOP("Lanes", "optimizer"), "lr",
           QT_TRANSLATE_NOOP("Lanes", "start"), QT_TRANSLATE_NOOP("Lanes", "status"),
           QT_TRANSLATE_NOOP("Lanes", "step"), QT_TRANSLATE_NOOP("Lanes", "loss"),
           QT_TRANSLATE_NOOP("Lanes", "to tol"), QT_TRANSLATE_NOOP("Lanes", "rank"))
RANK = len(COLUMNS) - 1  # shown once a race has ended (a run alone, or still going, has none)
START = COLUMNS.index(QT_TRANSLATE_NOOP("Lanes", "start"))  # shown when the lanes' starts differ
# shown in a race by ∇f evaluations: by steps, a converged lane stopped at the step shown
TO_TOL = COLUMNS.index(QT_TRANSLATE_NOOP("Lanes", "to tol"))
PRESETS = (("optimizers", QT_TRANSLATE_NOOP("Lanes", "All optimizers (each at its suggested "
                                             "rate)")),
           ("rates", QT_TRANSLATE_NOOP("Lanes", "Learning rates ×0.1, ×1, ×10")),
           ("starts", QT_TRANSLATE_NOOP("Lanes", "8 start points around the problem's box")),
           ("noisy", QT_TRANSLATE_NOOP("Lanes", "Noisy sample paths (8 seeds, mean loss and "
                                       "min–max band)")))
#: a run's status (the engine's and the session's identifiers) as the table writes it
STATUS = {"ready": QT_TRANSLATE_NOOP("Lanes", "ready"),
          "running": QT_TRANSLATE_NOOP("Lanes", "running"),
          "paused": QT_TRANSLATE_NOOP("Lanes", "paused"),
          "stopped": QT_TRANSLATE_NOOP("Lanes", "stopped"),
          "finished": QT_TRANSLATE_NOOP("Lanes", "finished"),
          "converged": QT_TRANSLATE_NOOP("Lanes", "converged"),
          "diverged": QT_TRANSLATE_NOOP("Lanes", "diverged"),
          "undefined": QT_TRANSLATE_NOOP("Lanes", "undefined")}
TEXT = {
    "race": QT_TRANSLATE_NOOP("Lanes", "Race"),
    "add": QT_TRANSLATE_NOOP("Lanes", "Add to race"),
    "full": QT_TRANSLATE_NOOP("Lanes", "Race full"),
    "add_tip": QT_TRANSLATE_NOOP("Lanes", "Add the panel's settings as a new lane: every lane "
                                 "runs in lock-step on the same map"),
    "remove": QT_TRANSLATE_NOOP("Lanes", "Remove"),
    "remove_tip": QT_TRANSLATE_NOOP("Lanes", "Remove the selected lane"),
    "presets": QT_TRANSLATE_NOOP("Lanes", "Presets"),
    "by_evals": QT_TRANSLATE_NOOP("Lanes", "Budget and rank by ∇f evaluations"),
    "by_evals_tip": QT_TRANSLATE_NOOP("Lanes", "Every lane gets as many ∇f evaluations as plain "
                                      "gradient descent spends on the step budget, so a line "
                                      "search (several a step) ends sooner; \"to tol\" then "
                                      "counts evaluations"),
    "tune": QT_TRANSLATE_NOOP("Lanes", "Auto-tune"),
    "tune_tip": QT_TRANSLATE_NOOP("Lanes", "Set each lane's learning rate to the best of a "
                                  "log-spaced sweep for its optimizer, problem and start"),
    "table_tip": QT_TRANSLATE_NOOP("Lanes", "The lanes of the race: select one to see and edit "
                                   "its settings in the panel. A lane stops where ‖∇f‖ ≤ "
                                   "tolerance (✓ converged). \"to tol\", in a race by ∇f "
                                   "evaluations: the evaluations it spent until then."),
    "evals": QT_TRANSLATE_NOOP("Lanes", "{how} ({evals} ∇f evaluations)"),
    "converged": QT_TRANSLATE_NOOP("Lanes", "converged at step {k}"),
    "diverged": QT_TRANSLATE_NOOP("Lanes", "diverged at step {k}"),
    "after": QT_TRANSLATE_NOOP("Lanes", "loss {loss} after {k} steps"),
    "place": QT_TRANSLATE_NOOP("Lanes", "lane {number} ({optimizer}, lr {lr}): {how}"),
    "head_steps": QT_TRANSLATE_NOOP("Lanes", "<b>Leaderboard</b>: steps to tolerance, then "
                                    "final loss"),
    "head_evals": QT_TRANSLATE_NOOP("Lanes", "<b>Leaderboard</b>: ∇f evaluations to tolerance, "
                                    "then final loss"),
    "all_ranked": QT_TRANSLATE_NOOP("Lanes", "{head} (all {n} ranked in the table)"),
}


def _t(key: str) -> str:
    return translate(CONTEXT, TEXT[key])


def status_text(status: str) -> str:
    """A run's status in the current language."""
    return translate(CONTEXT, STATUS[status]) if status in STATUS else status


# while the lanes run, the table follows the window's frames (the step the map shows), at most
# 10 times a second: refreshed at each message instead, its texts and repaints cost a running
# race at max speed a twentieth of the GUI thread's time between frames
REFRESH_MS = 100
ROW_HEIGHT = 20
WANTED_ROWS = 8  # a finished race asks room for this many lanes' rows at most (more scroll)
SCROLLBAR_WIDTH = 12
#: the table's scroll bars: a thumb that stands out of its groove (the default one barely
#: differs from it, and the columns out of sight looked cut off)
SCROLLBARS = f"""
QScrollBar:horizontal {{ height: {SCROLLBAR_WIDTH}px; background: #eef1f4; margin: 0px; }}
QScrollBar:vertical {{ width: {SCROLLBAR_WIDTH}px; background: #eef1f4; margin: 0px; }}
QScrollBar::handle {{ background: #8a97a6; border-radius: 4px; margin: 2px; }}
QScrollBar::handle:horizontal {{ min-width: 24px; }}
QScrollBar::handle:vertical {{ min-height: 16px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


def steps_to_tol(lane: Lane) -> int | None:
    """The step at which ``lane`` converged (‖∇f‖ ≤ tol), or None."""
    return lane.k if lane.status == "converged" else None


def grad_evals(lane: Lane) -> int:
    """The gradient evaluations ``lane`` has spent (a line search records them; any other
    method one a step, the start's included)."""
    h = lane.history
    if h.n and "grad_evals" in h.columns:
        return int(h.data[-1, h.columns.index("grad_evals")])
    return lane.k + 1


def cost_to_tol(lane: Lane, by_evals: bool) -> int | None:
    """Steps (or gradient evaluations) ``lane`` needed to converge, or None."""
    k = steps_to_tol(lane)
    return grad_evals(lane) if by_evals and k is not None else k


def final_loss(lane: Lane) -> float:
    h = lane.history
    if not h.n or "loss" not in h.columns:
        return math.nan
    return float(h.data[-1, h.columns.index("loss")])


def ranking(lanes: list[Lane], by_evals: bool = False) -> list[int]:
    """Lane indices best first, by the engine's rule (:func:`standing_order`): steps to
    tolerance, or gradient evaluations ``by_evals``."""
    return standing_order([(lane.status, cost_to_tol(lane, by_evals), final_loss(lane), lane.k)
                           for lane in lanes])


def end_text(lane: Lane) -> str:
    """A lane's end as the map and the leaderboard say it: "✓ 42", "✗ 17", or ""."""
    if lane.status == "converged":
        return f"✓ {lane.k:,}"
    if lane.status == "diverged":
        return f"✗ {lane.k:,}"
    return ""


class RaceView(QWidget):
    """The lanes of the session's race, one table row each; the selected row is the lane the
    panel shows and edits."""

    addRequested = Signal()
    presetRequested = Signal(str)
    autoTuneRequested = Signal()
    #: the height (px) the view needs for its buttons, two rows and the whole leaderboard, and
    #: the more it wants for the other lanes' rows
    heightWanted = Signal(int, int)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("raceView")
        self.session = session
        # the buttons wrap onto a second line in a narrow column (a row of them would set the
        # column's least width, and squeeze the map in an 800-px window)
        head = FlowLayout()
        title = QLabel(_t("race"))
        title.setStyleSheet("font-weight:600;")
        head.addWidget(title)
        self.addButton = QPushButton(_t("add"), objectName="addLaneButton")
        self.addButton.setToolTip(_t("add_tip"))
        self.addButton.clicked.connect(self.addRequested)
        self.removeButton = QPushButton(_t("remove"), objectName="removeLaneButton")
        self.removeButton.setToolTip(_t("remove_tip"))
        self.removeButton.clicked.connect(lambda: session.remove_lane(session.selected))
        self.presetButton = QToolButton(objectName="presetButton", text=_t("presets"))
        self.presetButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.presetButton)
        for key, text in PRESETS:
            menu.addAction(translate(CONTEXT, text), lambda k=key: self.presetRequested.emit(k))
        menu.addSeparator()
        self.byEvalsAction = menu.addAction(_t("by_evals"))
        self.byEvalsAction.setObjectName("byEvalsAction")
        self.byEvalsAction.setCheckable(True)
        self.byEvalsAction.setToolTip(_t("by_evals_tip"))
        self.byEvalsAction.toggled.connect(session.set_by_evals)
        menu.setToolTipsVisible(True)
        self.presetButton.setMenu(menu)
        self.autoTuneButton = QPushButton(_t("tune"), objectName="autoTuneButton")
        self.autoTuneButton.setToolTip(_t("tune_tip"))
        self.autoTuneButton.clicked.connect(self.autoTuneRequested)
        for w in (self.addButton, self.removeButton, self.presetButton, self.autoTuneButton):
            head.addWidget(w)
        self.table = QTableWidget(0, len(COLUMNS), objectName="lanesTable")
        self.table.setHorizontalHeaderLabels([translate(CONTEXT, c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hdr = self.table.horizontalHeader()
        # fitted by refresh() to the columns whose texts changed length: resizing to contents
        # on every change measured every cell of the column at each of a race's updates
        hdr.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hdr.setStretchLastSection(True)
        self.table.setToolTip(_t("table_tip"))
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        # a narrow window scrolls the columns sideways, by pixels, under a thumb one can see
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setStyleSheet("QTableWidget { font-size: 11px; } "
                                 "QTableWidget::item { padding: 0px 1px; }" + SCROLLBARS)
        # the header, two rows and the scroll bar stay in sight however the column is split
        self.table.setMinimumHeight(2 * ROW_HEIGHT + 2 * SCROLLBAR_WIDTH + 8)
        self.table.setIconSize(QSize(10, 10))
        self._ranks: dict[int, int] = {}  # lane number → place, once the race has ended
        self.table.itemSelectionChanged.connect(self._on_select)
        self.leaderboard = QLabel(objectName="leaderboardLabel", wordWrap=True)
        self.leaderboard.setTextFormat(Qt.TextFormat.RichText)
        self.leaderboard.setStyleSheet("background:#f4f8fb; border:1px solid #cfdde8;"
                                       "border-radius:4px; padding:6px;")
        self.leaderboard.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(head)
        self._head = head
        lay.addWidget(self.table, 1)
        lay.addWidget(self.leaderboard)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refreshed = 0.0  # when refresh() last ran (perf_counter)
        self._timer.timeout.connect(self.refresh)
        session.lanesChanged.connect(self._rebuild)
        session.selectedChanged.connect(self._show_selected)
        session.laneUpdated.connect(self._soon)
        self._rebuild()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """The least height follows the buttons' lines at this width: a splitter keeps to a
        widget's least height, which a flow of buttons alone would give as one line (in a
        narrow column, two lines pushed the table's scroll bar out of sight)."""
        super().resizeEvent(event)
        lay = self.layout()
        margins = lay.contentsMargins()
        least = (margins.top() + self._head.heightForWidth(self.width()) + lay.spacing()
                 + self.table.minimumHeight() + margins.bottom())
        if least != self.minimumHeight():
            self.setMinimumHeight(least)

    @Slot()
    def _rebuild(self) -> None:
        """One row per lane; the selection follows the session's."""
        lanes = self.session.lanes
        self.leaderboard.hide()
        self.table.blockSignals(True)
        self._ranks = {}
        self.table.setRowCount(len(lanes))
        for r, lane in enumerate(lanes):
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(lane.color))
            self.table.setItem(r, 0, QTableWidgetItem(QIcon(swatch), f"{lane.number}"))
        self.table.resizeColumnToContents(0)
        self.table.selectRow(self.session.selected)
        self.table.blockSignals(False)
        self.removeButton.setEnabled(len(lanes) > 1)
        self.addButton.setText(_t("add") if len(lanes) < MAX_LANES else _t("full"))
        self.refresh()

    @Slot(int)
    def _show_selected(self, index: int) -> None:
        self.table.blockSignals(True)
        self.table.selectRow(index)
        self.table.blockSignals(False)

    def _soon(self, _lane: int) -> None:
        if self.session.status != "running" and not self._timer.isActive():
            self._timer.start()  # while the lanes run, the window's frames refresh (follow)

    def follow(self) -> None:
        """A frame of the window: the table too, at most every REFRESH_MS while it runs."""
        if (self.session.status != "running"
                or time.perf_counter() - self._refreshed >= REFRESH_MS / 1000):
            self.refresh()

    @Slot()
    def refresh(self, *_args) -> None:
        """Every cell from the lanes (only changed texts are set; only a column whose texts
        changed length is fitted again)."""
        self._refreshed = time.perf_counter()
        refit: set[int] = set()
        for r, lane in enumerate(self.session.lanes):
            s = lane.settings
            loss = final_loss(lane)
            k = cost_to_tol(lane, self.session.by_evals)
            mark = {"converged": "✓ ", "diverged": "✗ ", "undefined": "∅ "}.get(lane.status, "")
            place = self._ranks.get(lane.number)
            cells = (optimizer_name(s.optimizer), format_number(s.hyper.get("lr", math.nan), 3),
                     "" if s.start is None else ", ".join(f"{v:g}" for v in s.start),
                     mark + status_text(lane.status), f"{lane.k:,}", format_number(loss, 4),
                     "—" if k is None else f"{k:,}", "" if place is None else f"{place}")
            for c, text in enumerate(cells, start=1):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | (
                        Qt.AlignmentFlag.AlignRight if c in (2, 5, 6, 7, 8) else Qt.AlignmentFlag.AlignLeft))
                    self.table.setItem(r, c, item)
                    refit.add(c)
                elif item.text() != text:
                    if len(item.text()) != len(text):
                        refit.add(c)
                    item.setText(text)
        for c in sorted(refit):
            self.table.resizeColumnToContents(c)
        self.table.setColumnHidden(RANK, not self._ranks)
        # one start for every lane is the panel's and the map's: its column would say it again
        self.table.setColumnHidden(START, len({lane.settings.start
                                               for lane in self.session.lanes}) < 2)
        # by steps, a lane's steps to tolerance are its step, shown (the rank went out of sight)
        self.table.setColumnHidden(TO_TOL, not self.session.by_evals)

    @Slot()
    def show_leaderboard(self) -> None:
        """The lanes ranked: steps to tolerance, then final loss."""
        lanes, by_evals = self.session.lanes, self.session.by_evals
        order = ranking(lanes, by_evals)
        self._ranks = {lanes[i].number: place for place, i in enumerate(order, start=1)}
        self.refresh()
        lines = []
        for place, i in enumerate(order[:3], start=1):
            lane = lanes[i]
            k = steps_to_tol(lane)
            how = (_t("converged").format(k=f"{k:,}") if k is not None else
                   _t("diverged").format(k=f"{lane.k:,}") if lane.status == "diverged" else
                   _t("after").format(loss=f"{final_loss(lane):.4g}", k=f"{lane.k:,}"))
            if k is not None and by_evals:
                how = _t("evals").format(how=how, evals=f"{grad_evals(lane):,}")
            lines.append(f'{place}. <span style="color:{lane.color}">■</span> '
                         + _t("place").format(number=lane.number,
                                              optimizer=optimizer_name(lane.settings.optimizer),
                                              lr=f"{lane.settings.hyper.get('lr', math.nan):.3g}",
                                              how=how))
        head = _t("head_evals" if by_evals else "head_steps")
        if len(lanes) > 3:
            head = _t("all_ranked").format(head=head, n=len(lanes))
        self.leaderboard.setText(head + "<br>" + "<br>".join(lines))
        self.leaderboard.show()
        lay, width = self.layout(), self.width()
        top, bottom = lay.contentsMargins().top(), lay.contentsMargins().bottom()
        self.heightWanted.emit(top + self._head.heightForWidth(width) + self.table.minimumHeight()
                               + self.leaderboard.heightForWidth(width) + 2 * lay.spacing()
                               + bottom, max(min(len(lanes), WANTED_ROWS) - 2, 0) * ROW_HEIGHT)

    def _on_select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.session.select(rows[0].row())


#: the "every optimizer" preset: one or more of each group, as many as a race has lanes
RACE_OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam",
                   "nadam", "radam", "rprop", "lion", "lbfgs")
#: what a lane of that preset sets beyond the problem's rate: L-BFGS with the line search it
#: is run with in practice (without one its lr-1 steps leave the map and come back)
RACE_HYPER = {"lbfgs": {"line_search": "strong_wolfe"}}


def preset_settings(kind: str, s: RunSettings, box: tuple[float, float, float, float]
                    ) -> list[RunSettings]:
    """The lanes of a preset around settings ``s``: every optimizer at the problem's
    suggested rate, the learning rate ×0.1/×1/×10, 8 starts around the view ``box``, or 8
    noise seeds (needs σ > 0)."""
    common = dict(steps=s.steps, gradient=s.gradient, h=s.h, tol=s.tol, max_loss=s.max_loss,
                  dtype=s.dtype, options=s.problem_options, schedule=s.schedule,
                  schedule_params=s.schedule_params)
    if kind == "optimizers":
        return [resolve(s.problem, name, hyper=RACE_HYPER.get(name), start=s.start, **common)
                for name in RACE_OPTIMIZERS]
    if kind == "rates":
        lr = s.hyper["lr"]
        return [resolve(s.problem, s.optimizer, hyper={**s.hyper, "lr": float(f"{lr * f:.6g}")},
                        start=s.start, **common) for f in (0.1, 1.0, 10.0)]
    if kind == "starts":
        x0, x1, y0, y1 = box
        cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, 0.4 * (x1 - x0), 0.4 * (y1 - y0)
        # cos and sin rounded: a start on an axis is at 0, not at 1e-16 (it names the lane)
        starts = [(cx + rx * round(math.cos(a), 12), cy + ry * round(math.sin(a), 12))
                  for a in np.linspace(0, 2 * math.pi, 8, endpoint=False)]
        return [resolve(s.problem, s.optimizer, hyper=s.hyper,
                        start=(float(f"{x:.4g}"), float(f"{y:.4g}")), **common) for x, y in starts]
    if kind == "noisy":
        return noisy_lanes(s)
    raise ValueError(f"unknown preset {kind!r}")


def sample_paths(settings: list[RunSettings]) -> bool:
    """Whether lanes ``settings`` are sample paths of one noisy run: two or more, σ > 0,
    equal but for their distinct noise seeds (the loss plot then draws their band)."""
    if len(settings) < 2 or not settings[0].grad_noise > 0:
        return False
    first = replace(settings[0], noise_seed=0)
    return all(replace(s, noise_seed=0) == first for s in settings) and len({s.noise_seed for s in settings}) == len(settings)
