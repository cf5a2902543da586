"""The learning-rate schedule group of the settings panel: a schedule and its parameters.

The boxes are built from the engine's schedule specs
(:mod:`gdlab.engine.optim.schedules`), the same ones the CLI's ``--schedule`` flags come from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel

from ...engine.optim.schedules import SCHEDULES
from ..i18n import localized, translate
from .numbers import IntBox, NumberBox, compact
from .spec_widgets import spec_widget

#: what each schedule is in torch, for its tooltip
TORCH = {"constant": QT_TRANSLATE_NOOP("Schedule", "no scheduler"),
         "step": "torch.optim.lr_scheduler.StepLR",
         "exponential": "ExponentialLR", "cosine": "CosineAnnealingLR",
         "warmup-cosine": "SequentialLR(LinearLR, CosineAnnealingLR)",
         "onecycle": QT_TRANSLATE_NOOP("Schedule", "OneCycleLR, total_steps = the step budget, "
                                                  "cycle_momentum=False"),
         "inverse-time": "LambdaLR(k ↦ 1/(1 + k/T))"}


class ScheduleBox(QGroupBox):
    """The schedule combo (``scheduleCombo``), its formula and one box per parameter;
    ``changed`` when any of them is edited (the run starts again)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(translate("Schedule", "Learning-rate schedule"))
        self.setObjectName("scheduleBox")
        self.form = compact(QFormLayout(self))
        self.combo = QComboBox(objectName="scheduleCombo")
        for kind in SCHEDULES.values():
            self.combo.addItem(localized(kind.title), kind.name)
        self.formula = QLabel(wordWrap=True, objectName="scheduleFormula")
        self.formula.setStyleSheet("color: #444; font-size: 11px;")
        self.form.addRow(translate("Schedule", "Schedule"), self.combo)
        self.form.addRow(self.formula)
        self.boxes: dict[str, NumberBox | IntBox] = {}
        self.combo.currentIndexChanged.connect(self._on_kind)
        self._show_kind()

    @property
    def name(self) -> str:
        return self.combo.currentData()

    def params(self) -> dict[str, Any]:
        """The parameters the boxes hold (each valid: a box keeps its last valid value)."""
        return {n: box.value() for n, box in self.boxes.items()}

    def set_schedule(self, name: str, params: dict[str, Any]) -> None:
        """Show schedule ``name`` with ``params`` without emitting ``changed``."""
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(name))
        self.combo.blockSignals(False)
        self._show_kind()
        for n, box in self.boxes.items():
            if n in params:
                box.blockSignals(True)
                box.setValue(params[n])
                box.blockSignals(False)

    def _on_kind(self) -> None:
        self._show_kind()
        self.changed.emit()

    def _show_kind(self) -> None:
        kind = SCHEDULES[self.name]
        self.formula.setText(localized(kind.formula))
        self.combo.setToolTip(translate("Schedule", "How the learning rate changes along the run: "
                                                    "the rate of update k+1 is lr_k, computed "
                                                    "from the learning rate above.") +
                              f"\n{localized(kind.title)}: {localized(kind.formula)} "
                              f"(torch: {translate('Schedule', TORCH[kind.name])})")
        for box in self.boxes.values():
            self.form.removeRow(box)
        self.boxes = {}
        for spec in kind.specs:
            box = spec_widget(spec)
            if spec.name == "t_max":
                box.setSpecialValueText(translate("Schedule", "budget"))  # 0: to the budget's end
            elif spec.name == "max_lr":
                box.setSpecialValueText("= lr")  # 0: the learning rate is the peak
            box.valueChanged.connect(self.changed)
            self.form.addRow(localized(spec.label), box)
            self.boxes[spec.name] = box
