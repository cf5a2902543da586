"""One widget per hyperparameter kind (:mod:`gdlab.engine.optim.hyperparams`): a number box
for a float, a whole-number box for an int, a check box for a bool, a combo for a choice.

Each has ``value()``, ``setValue(v)`` and a ``valueChanged`` signal carrying the typed value,
so the panel treats them alike.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from ...engine.optim.hyperparams import HyperParam
from ..i18n import localized, translate
from .numbers import IntBox, spec_box


class FlagBox(QCheckBox):
    """A check box for a bool hyperparameter (e.g. AMSGrad)."""

    valueChanged = Signal(bool)

    def __init__(self, spec: HyperParam) -> None:
        super().__init__(localized(spec.label))
        self.setObjectName(f"{spec.name}Check")
        self.setChecked(bool(spec.default))
        self.toggled.connect(self.valueChanged)

    def value(self) -> bool:
        return self.isChecked()

    def setValue(self, value: bool) -> None:  # noqa: N802 (as the number boxes')
        self.setChecked(bool(value))


class ChoiceBox(QComboBox):
    """A combo for a choice hyperparameter (e.g. L-BFGS's line search)."""

    valueChanged = Signal(str)

    def __init__(self, spec: HyperParam) -> None:
        super().__init__()
        self.setObjectName(f"{spec.name}Combo")
        for choice in spec.choices:
            self.addItem(choice, choice)
        self.setValue(spec.default)
        self.currentIndexChanged.connect(lambda _i: self.valueChanged.emit(self.value()))

    def value(self) -> str:
        return self.currentData()

    def setValue(self, value: str) -> None:  # noqa: N802
        self.setCurrentIndex(self.findData(value))


def spec_widget(spec: HyperParam) -> QWidget:
    """The widget for ``spec``'s kind, showing its default, its help in the tooltip."""
    if spec.kind == "bool":
        box: QWidget = FlagBox(spec)
        box.setToolTip(translate("Numbers", "{label}: {help}. Default {default}.").format(
            label=localized(spec.label), help=localized(spec.help),
            default=translate("Numbers", "on") if spec.default else translate("Numbers", "off")))
        return box
    if spec.kind == "choice":
        box = ChoiceBox(spec)
        box.setToolTip(translate("Numbers", "{label}: {help}. One of {choices}; default "
                                            "{default}.").format(
            label=localized(spec.label), help=localized(spec.help),
            choices=", ".join(spec.choices), default=spec.default))
        return box
    if spec.kind == "int":
        hi = int(spec.ui_high if spec.ui_high is not None else spec.high)
        box = IntBox(int(spec.low), hi, int(spec.default), object_name=f"{spec.name}Spin")
        box.setToolTip(translate("Numbers", "{label}: {help}. Range {low} … {high}; default "
                                            "{default}.").format(
            label=localized(spec.label), help=localized(spec.help), low=int(spec.low),
            high=f"{hi:,}", default=spec.default))
        return box
    return spec_box(spec)
