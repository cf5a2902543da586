"""Typed formulas in the window: the formula bar above the map drives the panel's problem,
the minima found for a formula are marked on the map with their values, and the View menu's
gradient field draws −∇f arrows over any 2-D objective."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from ..engine.analysis.minima import SEARCH_SECONDS, Minima, find_minima
from ..engine.problems.models import is_model
from ..engine.problems.registry import FORMULA
from .controls import Controls
from .i18n import error_text, localized, translate
from .jobs import Jobs
from .views.formula_bar import FormulaBar
from .views.gradient_field import GradientField
from .views.path_pane import PathPane
from .widgets.panels import ParamsPanel

SHOWN_MINIMA = 3  # listed over the map (one line); the tooltip lists them all


class FormulaBinding(QObject):
    """The formula bar (in the path pane, over the map), its minima, and the gradient field.
    ``failed(str)``: the minima could not be searched."""

    failed = Signal(str)

    def __init__(self, window: QMainWindow, pane: PathPane, panel: ParamsPanel, jobs: Jobs,
                 controls: Controls) -> None:
        super().__init__(window)
        self.pane, self.plot, self.panel, self.jobs = pane, pane.plot, panel, jobs
        self.bar = FormulaBar()
        self.minimaLabel = QLabel(objectName="minimaLabel", wordWrap=True)
        self.minimaLabel.setStyleSheet("color:#333;")
        lay = pane.layout()
        lay.insertWidget(lay.indexOf(self.plot), self.bar)
        lay.insertWidget(lay.indexOf(self.plot), self.minimaLabel)
        self.minima: Minima | None = None
        self._labels: list[pg.TextItem] = []
        self.bar.formulaChanged.connect(self._on_formula)
        panel.problemCombo.currentIndexChanged.connect(self._on_problem)
        panel.recipeShown.connect(self._on_problem)  # a session opened

        self.field = GradientField(self.plot)
        self.fieldAction = QAction(translate("Formula", "&Gradient Field (−∇f)"), window,
                                   checkable=True,
                                   objectName="gradientFieldAction")
        self.fieldAction.setShortcut(QKeySequence("Ctrl+G"))
        self.fieldAction.setToolTip(translate("Formula", "Arrows of −∇f on a coarse grid: the "
                                                         "way each step goes"))
        self.fieldAction.toggled.connect(self.field.set_on)
        controls.viewMenu.addAction(self.fieldAction)
        self.plot.aspectChanged.connect(self._follow_surface)
        self._on_problem()

    # -- the formula ------------------------------------------------------------------
    def _on_problem(self, *_args) -> None:
        """Show the bar's state for the selected problem; "Your formula" chosen in the list
        shows the panel's formula in the bar (an example until one is typed)."""
        formula = self.panel.problemCombo.currentData() == FORMULA
        # a model's map is not an f(x, y) to type over: the problem list leads back here
        self.bar.setVisible(not is_model(self.panel.problem))
        self.minimaLabel.setVisible(formula)
        self.bar.boxRow.setVisible(formula)  # the view box of a formula, not of the others
        if not formula:
            self._mark(None)
            return
        if self.bar.objective is not self.panel.problem:
            self.bar.show_objective(self.panel.problem)
            self._search(self.panel.problem)

    def _on_formula(self, objective) -> None:
        """A new valid formula or view box: the panel's problem (the run restarts), then the
        search for its minima on a pool thread."""
        self.panel.set_formula(objective)
        self._search(objective)

    def _search(self, objective) -> None:
        self._mark(None)
        self.minimaLabel.setText(translate("Formula", "Looking for minima…"))
        self.minimaLabel.setVisible(True)
        self.jobs.submit("minima", lambda: find_minima(objective, objective.box, seconds=SEARCH_SECONDS),
                         lambda found, o=objective: self._on_minima(o, found), self._on_failed)

    def _on_minima(self, objective, found: Minima) -> None:
        if self.panel.problem is not objective:
            return  # another formula (or problem) since
        self._mark(found)

    def _on_failed(self, exc: BaseException) -> None:
        self.minimaLabel.setText(translate("Formula", "The minima could not be searched."))
        self.failed.emit(translate("Formula", "minima: {why}").format(why=error_text(exc)))

    def _mark(self, found: Minima | None) -> None:
        """Stars at the minima, each with its value (as the catalogue's minima are marked)."""
        for item in self._labels:
            self.plot.removeItem(item)
        self._labels = []
        self.minima = found
        if found is None:
            return
        pts = found.points[:12]  # an egg box has dozens: the lowest dozen are marked
        self.plot.minima.setData(pts[:, 0], pts[:, 1])
        for i, (x, y) in enumerate(pts):
            label = pg.TextItem(f"f = {found.value_text(i)}", color="#111",
                                fill=pg.mkBrush(255, 255, 255, 190), anchor=(0.5, -0.45))
            label.setPos(x, y)
            label.setZValue(5)
            self.plot.addItem(label)
            self._labels.append(label)
        n = len(found.points)
        shown = [f"{found.point_text(i)} f = {found.value_text(i)}"
                 for i in range(min(n, SHOWN_MINIMA))]
        listed = "  ·  ".join(shown) + (translate("Formula", "  · … (all in the tooltip)")
                                        if n > SHOWN_MINIMA else "")
        head = ("" if not n else translate("Formula", "1 minimum: {list}").format(list=listed)
                if n == 1 else translate("Formula", "{n} minima: {list}").format(n=n, list=listed))
        notes = [localized(t) for t in found.lines()[n:]]  # unbounded below, undefined, none
        self.minimaLabel.setText("  —  ".join(t for t in (head, *notes) if t))
        self.minimaLabel.setToolTip("\n".join(localized(t) for t in found.lines()))

    # -- the gradient field ------------------------------------------------------------
    def _follow_surface(self) -> None:
        """The field follows the problem whose surface the map shows."""
        try:
            problem = self.panel.problem
        except ValueError:
            problem = None
        surf = self.plot.surface
        two_d = surf is not None and surf.kind == "contour" and surf.path is None
        self.field.set_objective(problem if two_d and problem is not None
                                 and not is_model(problem) else None)
