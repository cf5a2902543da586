"""The "Model" group of the settings panel: a model problem's own options (data set, hidden
units, batch size, noise, seed…), built from the model's constructor so that the panel and
the CLI accept the same options."""

from __future__ import annotations

import inspect
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QSpinBox

from ..engine.datasets import DATASETS
from ..engine.models import MODELS

#: label, (low, high), tooltip for each option a model's constructor takes
OPTION_SPECS: dict[str, tuple[str, tuple[float, float], str]] = {
    "dataset": ("Data set", (0, 0), "the synthetic 2-D data set the network classifies"),
    # upper limits keep one numerical-gradient step, the gradient check and the projection of
    # the path (all in whole seconds at most) fit an interactive program
    "hidden": ("Hidden units", (1, 128), "size of the sigmoid hidden layer"),
    "batch": ("Batch size", (1, 500), "samples per update (mini-batch)"),
    "n": ("Samples", (10, 2000), "number of data points"),
    "classes": ("Classes", (2, 10), "number of classes (spiral arms, blobs)"),
    "noise": ("Noise", (0.0, 5.0), "noise added to the data (0 = the data set's default)"),
    "seed": ("Seed", (0, 2**31 - 1), "random seed of the data, the initial weights and the batches"),
    "w_scale": ("w rate ×", (0.001, 10.0), "w's learning rate is lr times this"),
    "decay": ("Decay steps", (0.0, 1e6), "the rate decays as lr/(1 + k/decay); 0 = constant"),
}


class ModelOptionsBox(QGroupBox):
    """Widgets for the options of the selected model; ``changed`` when one is edited."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__("Model")
        self.form = QFormLayout(self)
        self.widgets: dict[str, Any] = {}
        self.model: str | None = None

    def set_model(self, name: str | None) -> None:
        """Show the options of model ``name`` with their defaults (hidden for 2-D functions)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets = {}
        self.model = name if name in MODELS else None
        self.setVisible(False)
        if self.model is None:
            return
        params = inspect.signature(MODELS[self.model].__init__).parameters
        for key, p in params.items():
            if key == "self" or key not in OPTION_SPECS:
                continue
            label, (lo, hi), tip = OPTION_SPECS[key]
            widget = self._widget(key, p.default, lo, hi)
            widget.setObjectName(f"option_{key}")
            widget.setToolTip(tip)
            self.form.addRow(label, widget)
            self.widgets[key] = widget
        self.setVisible(bool(self.widgets))

    def _widget(self, key: str, default: Any, lo: float, hi: float):
        if key == "dataset":
            box = QComboBox()
            for name in DATASETS:
                box.addItem(name, name)
            box.setCurrentIndex(max(box.findData(default), 0))
            box.currentIndexChanged.connect(self.changed)
            return box
        if isinstance(default, int) and not isinstance(default, bool):
            box = QSpinBox()
            box.setRange(int(lo), int(hi))
            box.setValue(default)
        else:
            box = QDoubleSpinBox()
            box.setDecimals(3)
            box.setRange(lo, hi)
            box.setValue(0.0 if default is None else float(default))
            if default is None:
                box.setSpecialValueText("default")
        box.setKeyboardTracking(False)
        box.valueChanged.connect(self.changed)
        return box

    def options(self) -> dict[str, Any]:
        """The chosen options, as the model's constructor takes them."""
        out: dict[str, Any] = {}
        for key, w in self.widgets.items():
            if isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QDoubleSpinBox) and w.specialValueText() and w.value() == w.minimum():
                out[key] = None  # "default"
            else:
                out[key] = w.value()
        return out
