"""The parameter panel: objective, start point, optimizer and its hyperparameters, run settings.

Every hyperparameter widget is built from the engine's specs
(:mod:`gdlab.engine.optim.hyperparams`), the same source the CLI flags come from.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QSizePolicy, QSlider, QVBoxLayout, QWidget)

from ...engine.optim import hyperparams as hp
from ...engine.problems.formula import parse_formula
from ...engine.problems.registry import FORMULA, MODELS, get_problem
from ...engine.problems.objectives import OBJECTIVES
from ...engine.optim.optimizers import GROUP_TITLES, OPTIMIZERS, grouped
from ...engine.run.recipe import resolve, suggested_lr
from ...engine.run.single import RunSettings
from ..i18n import localized, translate
from .model_options import ModelOptionsBox
from .schedule_box import ScheduleBox
from .numbers import IntBox, NumberBox, compact, format_number, spec_box, spec_tip
from .spec_widgets import spec_widget
from .wrapped_label import WrappedLabel

DEFAULT_FORMULA = "(x^2 - 1)^2 + y^2/2"  # two wells: what "Your formula" starts with

SPEEDS = ((2, QT_TRANSLATE_NOOP("Panel", "2 steps/s")),
          (10, QT_TRANSLATE_NOOP("Panel", "10 steps/s")),
          (50, QT_TRANSLATE_NOOP("Panel", "50 steps/s")),
          (250, QT_TRANSLATE_NOOP("Panel", "250 steps/s")), (0, QT_TRANSLATE_NOOP("Panel", "max")))
SLIDER_TICKS = 1000
NOISE_MAX = 100.0  # the largest gradient-noise σ the panel offers
SEED_BOX_MAX = 2**31 - 1  # a spin box holds a 32-bit int


class LogSlider(QSlider):
    """A horizontal slider over [lo, hi] on a logarithmic scale."""

    valueChangedFloat = Signal(float)

    def __init__(self, lo: float, hi: float) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.lo, self.hi = math.log10(lo), math.log10(hi)
        self.setRange(0, SLIDER_TICKS)
        self.valueChanged.connect(lambda i: self.valueChangedFloat.emit(self.to_float(i)))

    def to_float(self, i: int) -> float:
        v = 10 ** (self.lo + (self.hi - self.lo) * i / SLIDER_TICKS)
        return float(f"{v:.2g}")  # round to 2 significant digits: 0.0012, 0.1, 3.5

    def set_float(self, v: float) -> None:
        i = (math.log10(max(v, 10 ** self.lo)) - self.lo) / (self.hi - self.lo) * SLIDER_TICKS
        self.blockSignals(True)
        self.setValue(int(round(min(max(i, 0), SLIDER_TICKS))))
        self.blockSignals(False)


def add_grouped(combo: QComboBox) -> None:
    """The optimizers in ``combo`` by group: a header per group (not selectable), a separator
    between groups, each optimizer's update in its tooltip."""
    for group, classes in grouped().items():
        if combo.count():
            combo.insertSeparator(combo.count())
        combo.addItem(localized(GROUP_TITLES[group]))
        header = combo.model().item(combo.count() - 1)
        header.setEnabled(False)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        header.setForeground(QBrush(QColor("#333")))  # darker than a disabled item's grey
        for cls in classes:
            combo.addItem(f"  {localized(cls.title)}", cls.name)
            combo.setItemData(combo.count() - 1, localized(cls.equations),
                              Qt.ItemDataRole.ToolTipRole)


class ParamsPanel(QWidget):
    """Side panel. ``settingsChanged`` means the run must restart; the others apply live."""

    settingsChanged = Signal()
    recipeShown = Signal()  # show_recipe showed another recipe (maybe another problem)
    hyperChanged = Signal(str, object)  # a name and its typed value (float, int, bool, str)
    stepsChanged = Signal(int)
    speedChanged = Signal(float)
    tolChanged = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(250)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.setSpacing(3)

        # objective
        obj_box = QGroupBox(translate("Panel", "Problem"))
        form = compact(QFormLayout(obj_box))
        self.problemCombo = QComboBox(objectName="problemCombo")
        for o in OBJECTIVES.values():
            self.problemCombo.addItem(localized(o.title), o.name)
        self.problemCombo.insertSeparator(self.problemCombo.count())
        for cls in MODELS.values():
            self.problemCombo.addItem(localized(cls.title), cls.name)
        self.problemCombo.insertSeparator(self.problemCombo.count())
        self.problemCombo.addItem(translate("Panel", "Your own formula"), FORMULA)
        self.problemCombo.setItemData(self.problemCombo.count() - 1,
                                      translate("Panel", "Type f(x, y) in the field above the map"),
                                      Qt.ItemDataRole.ToolTipRole)
        self.formula = None  # the formula objective "Your formula" stands for
        self.problemCombo.view().setMinimumWidth(300)  # the popup shows whole titles
        self.problemCombo.setMinimumContentsLength(14)  # beside its label in a scrolling panel
        self.problemCombo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.problemCombo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.startXSpin = self._coord_spin("startXSpin")
        self.startYSpin = self._coord_spin("startYSpin")
        self.startRow = QWidget()
        start_row = QHBoxLayout(self.startRow)
        start_row.setContentsMargins(0, 0, 0, 0)
        start_row.addWidget(self.startXSpin)
        start_row.addWidget(self.startYSpin)
        self.startLabel = WrappedLabel(translate("Panel", "Start ({names})").format(names="x, y"))
        self.startHint = WrappedLabel(
            translate("Panel", "Tip: click the map to choose the start point."))
        self.startHint.setStyleSheet("color: #777; font-size: 11px;")
        # the whole row (the group says "Problem"): long titles show whole
        self.problemCombo.setAccessibleName(translate("Panel", "Problem"))
        form.addRow(self.problemCombo)
        # the start on rows of its own: a model's long "Start: weights …" must not squeeze
        # the problem list (the form's label column is as wide as its widest label)
        form.addRow(self.startLabel)
        form.addRow(self.startRow)
        form.addRow(self.startHint)
        outer.addWidget(obj_box)
        self.modelBox = ModelOptionsBox()
        self.modelBox.setObjectName("modelOptions")
        outer.addWidget(self.modelBox)
        self._problems: dict = {}
        self._problem_name: str | None = None  # the problem whose recipe the widgets show
        self._optimizer = None  # the optimizer class the widgets show

        # optimizer
        opt_box = QGroupBox(translate("Panel", "Optimizer"))
        self.optForm = compact(QFormLayout(opt_box))
        self.optimizerCombo = QComboBox(objectName="optimizerCombo")
        add_grouped(self.optimizerCombo)
        self.optimizerCombo.view().setMinimumWidth(240)  # whole group headers in the popup
        self.equationLabel = WrappedLabel()
        self.equationLabel.setStyleSheet("color: #444; font-size: 11px;")
        self.lrSpin = spec_box(hp.LR, "lrSpin")
        self.lrSlider = LogSlider(hp.LR.ui_low, hp.LR.ui_high)
        self.lrSlider.setObjectName("lrSlider")
        self.lrSlider.setToolTip(translate("Panel", "Learning rate, logarithmic: {low} … {high}")
                                 .format(low=format_number(hp.LR.ui_low),
                                         high=format_number(hp.LR.ui_high)))
        self.optForm.addRow(translate("Panel", "Method"), self.optimizerCombo)
        self.optForm.addRow(self.equationLabel)
        self.optForm.addRow(translate("Panel", "Learning rate"), self.lrSpin)
        self.optForm.addRow(self.lrSlider)
        self.hyperSpins: dict[str, QWidget] = {}  # a widget per hyperparameter but lr
        self._hyper_rows: dict[str, dict[str, QWidget]] = {}  # per method: its widgets
        self._row_of: dict[QWidget, QWidget] = {}  # a hyperparameter's widget → its row's
        outer.addWidget(opt_box)
        self.scheduleBox = ScheduleBox()
        outer.addWidget(self.scheduleBox)

        # run settings
        run_box = QGroupBox(translate("Panel", "Run"))
        rform = compact(QFormLayout(run_box))
        self.stepsSpin = IntBox(hp.STEPS_MIN, hp.STEPS_MAX, 100, object_name="stepsSpin")
        self.stepsSpin.setToolTip(translate("Panel", "Step budget: number of updates ({low} … "
                                                     "{high}; 1e6 works too). Raise it after a run "
                                                     "finishes to continue.").format(
            low=hp.STEPS_MIN, high=f"{hp.STEPS_MAX:,}"))
        self.gradientCombo = QComboBox(objectName="gradientCombo")
        # short labels fit the settings column ("autodiff (computation graph)" was clipped at
        # 1320 × 860); the open list says what each one is, and so does the box's help
        for data, label, detail in (
                ("analytic", translate("Panel", "analytic"), None),
                ("numerical", translate("Panel", "numerical"),
                 translate("Panel", "numerical (central difference)")),
                ("autodiff", translate("Panel", "autodiff"),
                 translate("Panel", "autodiff (computation graph)"))):
            self.gradientCombo.addItem(label, data)
            if detail is not None:
                self.gradientCombo.setItemData(self.gradientCombo.count() - 1, detail,
                                               Qt.ItemDataRole.ToolTipRole)
        self.hSpin = spec_box(hp.H, "hSpin", decades=True)
        self.tolSpin = NumberBox(hp.TOL.low, hp.TOL.ui_high, hp.TOL.default, object_name="tolSpin")
        tol_help = localized(hp.TOL.help)
        self.tolSpin.setToolTip(f"{tol_help[:1].upper()}{tol_help[1:]} "
                                f"(0 … {format_number(hp.TOL.ui_high)})")
        self.noiseSpin = NumberBox(0.0, NOISE_MAX, 0.0, object_name="noiseSpin")
        self.noiseSpin.setToolTip(translate("Panel", "Gradient noise σ: each step's gradient gets "
                                                     "seeded N(0, σ²I) noise added (0 … {most}; "
                                                     "0 = none)").format(most=f"{NOISE_MAX:g}"))
        self.seedSpin = IntBox(0, SEED_BOX_MAX, 0, object_name="seedSpin")
        self.seedSpin.setToolTip(translate("Panel", "Noise seed: the same seed gives the same "
                                                    "noisy run"))
        self.speedCombo = QComboBox(objectName="speedCombo")  # shown on the toolbar (Controls)
        for value, label in SPEEDS:
            self.speedCombo.addItem(translate("Panel", label), value)
        self.speedCombo.setCurrentIndex(2)
        # the noise and its seed share a row: a network's settings fit at 1320 × 860
        noise_row = QHBoxLayout()
        noise_row.setContentsMargins(0, 0, 0, 0)
        noise_row.addWidget(self.noiseSpin, 1)
        self.seedLabel = QLabel(translate("Panel", "seed"))
        self.seedLabel.setBuddy(self.seedSpin)
        self.seedLabel.setContentsMargins(6, 0, 0, 0)
        noise_row.addWidget(self.seedLabel)
        noise_row.addWidget(self.seedSpin, 1)
        for box in (self.noiseSpin, self.seedSpin):  # the two halves alike, whatever they hold
            box.setMinimumWidth(0)
            box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        rform.addRow(translate("Panel", "Steps"), self.stepsSpin)
        rform.addRow(translate("Panel", "Gradient"), self.gradientCombo)
        rform.addRow("h", self.hSpin)  # shown for the numerical gradient only
        rform.addRow(translate("Panel", "Tolerance"), self.tolSpin)
        rform.addRow(translate("Panel", "Noise σ"), noise_row)
        self._run_form = rform
        rform.setRowVisible(self.hSpin, False)  # the analytic gradient first
        outer.addWidget(run_box)
        outer.addStretch(1)

        # wiring
        self.problemCombo.currentIndexChanged.connect(self._on_problem)
        self.modelBox.changed.connect(self._on_model_options)
        self.scheduleBox.changed.connect(self.settingsChanged)
        self.optimizerCombo.currentIndexChanged.connect(self._on_optimizer)
        for box in (self.startXSpin, self.startYSpin, self.hSpin, self.noiseSpin, self.seedSpin):
            box.valueChanged.connect(self.settingsChanged)
        self.gradientCombo.currentIndexChanged.connect(self._on_gradient)
        self.lrSpin.valueChanged.connect(self._on_lr_spin)
        self.lrSlider.valueChangedFloat.connect(self.lrSpin.setValue)
        self.stepsSpin.valueChanged.connect(self.stepsChanged)
        self.tolSpin.valueChanged.connect(self.tolChanged)
        self.speedCombo.currentIndexChanged.connect(
            lambda _i: self.speedChanged.emit(float(self.speedCombo.currentData())))
        self._on_problem(emit=False)

    @staticmethod
    def _coord_spin(name: str) -> NumberBox:
        box = NumberBox(-1e6, 1e6, 0.0, object_name=name)
        box.setStepType(NumberBox.StepType.DefaultStepType)
        box.setSingleStep(0.1)
        box.setToolTip(translate("Panel", "Start coordinate (−1e6 … 1e6)"))
        return box

    # -- reactions -----------------------------------------------------------------
    @property
    def problem(self):
        """The selected problem (a 2-D objective, or a model built with the chosen options)."""
        name = self.problemCombo.currentData()
        if name == FORMULA:
            if self.formula is None:
                self.formula = parse_formula(DEFAULT_FORMULA)
            return self.formula
        options = self.modelBox.options() if name in MODELS else {}
        key = (name, tuple(sorted(options.items())))
        if key not in self._problems:
            self._problems = {key: get_problem(name, **options)}  # keep only the current one
        return self._problems[key]


    def _on_problem(self, *_args, emit: bool = True) -> None:
        name = self.problemCombo.currentData()
        previous, self._problem_name = self._problem_name, name
        self.modelBox.set_model(name)
        problem = self.problem
        self.problemCombo.setToolTip(f"{localized(problem.formula)}\n{localized(problem.note)}")
        self._offer_second_order(name not in MODELS)
        names = problem.param_names
        has_start = problem.start is not None
        self.startRow.setVisible(has_start)
        self.startYSpin.setVisible(len(names) > 1)
        self.startLabel.setText(translate("Panel", "Start ({names})").format(names=", ".join(names))
                                if has_start else translate("Panel", "Start: {start}").format(
                                    start=localized(problem.start_text)))
        self.startHint.setVisible(has_start)
        two_d = {*OBJECTIVES, FORMULA}
        if previous in two_d and name in two_d:
            # from one 2-D function to another the chosen method and run settings stay (and
            # from one formula to the next, the start point)
            self._show_settings(resolve(
                name, self.optimizerCombo.currentData(), formula=self._formula_text(),
                start=self._start() if previous == name == FORMULA else None,
                hyper={n: b.value() for n, b in self.hyperSpins.items()},
                steps=self.stepsSpin.value(), gradient=self.gradientCombo.currentData(),
                h=self.hSpin.value(), tol=self.tolSpin.value(), **self.noise(),
                **self.schedule()))
        else:  # the problem's own recipe (engine/recipe.py), as the CLI's
            self._show_settings(resolve(name, options=self.modelBox.options(),
                                        formula=self._formula_text(), **self.noise()))
        if emit:
            self.settingsChanged.emit()

    def show_recipe(self, s: RunSettings) -> None:
        """Show settings ``s`` of any problem, a typed formula's too (a session opened, the
        defaults restored), without restarting the run: ``recipeShown`` says it."""
        if s.formula is not None:
            self.formula = get_problem(s.problem, s.formula)
        self.problemCombo.blockSignals(True)
        self.problemCombo.setCurrentIndex(self.problemCombo.findData(s.problem))
        self.problemCombo.blockSignals(False)
        self._on_problem(emit=False)
        self.modelBox.set_options(s.problem_options)
        self._show_settings(s)
        self.recipeShown.emit()

    def show_settings(self, s: RunSettings) -> None:
        """Show a lane's settings (the same problem's) without emitting."""
        self._show_settings(s)

    def _show_settings(self, s: RunSettings) -> None:
        """Show settings ``s`` in the widgets without emitting their signals."""
        for combo, value in ((self.optimizerCombo, s.optimizer), (self.gradientCombo, s.gradient)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        self._on_optimizer(emit=False)
        self._run_form.setRowVisible(self.hSpin, s.gradient == "numerical")
        spins = [(self.lrSpin, s.hyper["lr"]), (self.stepsSpin, s.steps), (self.hSpin, s.h),
                 (self.tolSpin, s.tol), (self.noiseSpin, s.grad_noise),
                 (self.seedSpin, min(s.noise_seed, SEED_BOX_MAX)),
                 *((box, s.hyper[n]) for n, box in self.hyperSpins.items())]
        for box, value in spins:
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.lrSlider.set_float(s.hyper["lr"])
        self.scheduleBox.set_schedule(s.schedule, s.schedule_params)
        if s.start is not None:
            self.set_start(*s.start, *([0.0] if len(s.start) == 1 else []), emit=False)

    def _on_model_options(self) -> None:
        try:
            problem = self.problem
        except ValueError:
            pass  # the window reports it when it asks for the settings
        else:
            self.problemCombo.setToolTip(f"{localized(problem.formula)}\n{localized(problem.note)}")
        self.settingsChanged.emit()

    def _on_optimizer(self, *_args, emit: bool = True) -> None:
        cls = OPTIMIZERS[self.optimizerCombo.currentData()]
        self.equationLabel.setText(localized(cls.equations))
        try:  # the rate the recipe suggests for this problem and method
            self.lrSpin.setToolTip(spec_tip(hp.LR, suggested_lr(self.problem, cls.name)))
        except ValueError:
            pass  # a formula being typed: the window says what is wrong with it
        if cls is not self._optimizer:
            for box in self.hyperSpins.values():
                self.optForm.setRowVisible(self._row_of[box], False)
            self.hyperSpins = (self._hyper_rows[cls.name] if cls.name in self._hyper_rows
                               else self._build_hyper(cls))
            for spec in cls.specs:  # a method chosen again starts from its defaults
                if spec.name in self.hyperSpins:
                    box = self.hyperSpins[spec.name]
                    box.blockSignals(True)
                    box.setValue(spec.default)
                    box.blockSignals(False)
                    self.optForm.setRowVisible(self._row_of[box], True)
        previous, self._optimizer = self._optimizer, cls
        if emit and previous is not None and (
                cls.own_lr or previous.own_lr  # lr means another thing: a scale of its step
                or self.lrSpin.value() == suggested_lr(self.problem, previous.name)):
            # the recipe's rate for the new method (a rate the user typed stays)
            self.lrSpin.blockSignals(True)
            self.lrSpin.setValue(suggested_lr(self.problem, cls.name))
            self.lrSpin.blockSignals(False)
            self.lrSlider.set_float(self.lrSpin.value())
        if emit:
            self.settingsChanged.emit()

    def _build_hyper(self, cls) -> dict[str, QWidget]:
        """A row per hyperparameter of ``cls`` but lr, built the first time it is chosen and
        kept (hidden while another method is), so switching methods sets values only."""
        boxes: dict[str, QWidget] = {}
        checks: QWidget | None = None  # the row the method's check boxes share
        for spec in cls.specs:
            if spec.name == "lr":
                continue
            box = spec_widget(spec)
            box.valueChanged.connect(lambda v, n=spec.name: self.hyperChanged.emit(n, v))
            if spec.kind != "bool":
                self.optForm.addRow(localized(spec.label), box)
                self._row_of[box] = box
            else:  # a check box carries its own label; they share one row (AMSGrad, Maximize)
                if checks is None:
                    checks = QWidget()
                    row = QHBoxLayout(checks)
                    row.setContentsMargins(0, 0, 0, 0)
                    row.addStretch(1)
                    self.optForm.addRow(checks)
                row.insertWidget(row.count() - 1, box)
                self._row_of[box] = checks
            boxes[spec.name] = box
        self._hyper_rows[cls.name] = boxes
        return boxes

    def _offer_second_order(self, on: bool) -> None:
        """The methods that evaluate the function themselves (Newton, line searches) are for
        the 2-D functions: greyed out in the list for a model."""
        for i in range(self.optimizerCombo.count()):
            cls = OPTIMIZERS.get(self.optimizerCombo.itemData(i))
            if cls is not None and cls.oracle:
                item = self.optimizerCombo.model().item(i)
                item.setEnabled(on)
                item.setToolTip(localized(cls.equations) if on else translate(
                    "Panel", "{method} is for the 2-D functions").format(
                        method=localized(cls.title)))

    def _on_gradient(self) -> None:
        self._run_form.setRowVisible(self.hSpin, self.gradientCombo.currentData() == "numerical")
        self.settingsChanged.emit()

    def _on_lr_spin(self, v: float) -> None:
        self.lrSlider.set_float(v)
        self.hyperChanged.emit("lr", float(v))

    def set_start(self, x: float, y: float = 0.0, emit: bool = True) -> None:
        for box, v in ((self.startXSpin, x), (self.startYSpin, y)):
            box.blockSignals(True)
            box.setValue(v)
            box.blockSignals(False)
        if emit:
            self.settingsChanged.emit()

    def settings(self) -> RunSettings:
        """The run these widgets describe, resolved and checked by the engine's recipe."""
        hyper = {"lr": self.lrSpin.value()}
        hyper.update({n: b.value() for n, b in self.hyperSpins.items()})
        problem = self.problem
        start = None
        if problem.start is not None:
            start = self._start()[:len(problem.param_names)]
        return resolve(problem.name, self.optimizerCombo.currentData(), hyper=hyper, start=start,
                       formula=self._formula_text(),
                       steps=self.stepsSpin.value(), gradient=self.gradientCombo.currentData(),
                       h=self.hSpin.value(), tol=self.tolSpin.value(),
                       options=self.modelBox.options(), **self.noise(), **self.schedule())

    def schedule(self) -> dict:
        """The learning-rate schedule the panel asks for, as the recipe's keywords."""
        return {"schedule": self.scheduleBox.name,
                "schedule_params": self.scheduleBox.params()}

    def _formula_text(self) -> str | None:
        """The typed formula's text when "Your formula" is the problem."""
        return self.problem.source if self.problemCombo.currentData() == FORMULA else None

    def _start(self) -> tuple[float, float]:
        return (self.startXSpin.value(), self.startYSpin.value())

    def set_formula(self, objective) -> None:
        """Make ``objective`` (a typed formula) the problem: "Your formula" is selected and
        the run restarts with it."""
        self.formula = objective
        index = self.problemCombo.findData(FORMULA)
        if self.problemCombo.currentIndex() != index:
            self.problemCombo.setCurrentIndex(index)  # _on_problem follows
        else:
            self._on_problem()

    def noise(self) -> dict:
        """The gradient noise the panel asks for, as the recipe's keywords."""
        return {"grad_noise": self.noiseSpin.value(), "noise_seed": self.seedSpin.value()}

    def set_noise(self, sigma: float) -> None:
        """Show σ without emitting (a preset that needs noise sets it)."""
        self.noiseSpin.blockSignals(True)
        self.noiseSpin.setValue(sigma)
        self.noiseSpin.blockSignals(False)

    def show_steps(self, steps: int) -> None:
        """Show a step budget the session set (a shared race budget, a Step past the end)
        without emitting."""
        if steps != self.stepsSpin.value():
            self.stepsSpin.blockSignals(True)
            self.stepsSpin.setValue(steps)
            self.stepsSpin.blockSignals(False)

    @property
    def speed(self) -> float:
        return float(self.speedCombo.currentData())
