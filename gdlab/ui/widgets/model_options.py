"""The "Model" group of the settings panel: a model problem's own options (data set, hidden
units, batch size, noise, seed…), built from the engine's option specs
(:mod:`gdlab.engine.problems.options`), the same table the CLI's model flags come from, with
the defaults the model declares (its ``option_defaults``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QVBoxLayout, QWidget

from ...engine.problems.datasets import CLASSIFICATION, NAMES
from ...engine.problems.registry import MODELS
from ...engine.problems.options import ModelOption, options_of
from ..i18n import localized, translate
from .numbers import IntBox, NumberBox, compact, format_number

BELOW_RANGE = 1e-3  # the "default" value of an option without one sits this far below its range


class ModelOptionsBox(QGroupBox):
    """Widgets for the options of the selected model; ``changed`` when one is edited.

    Each model's widgets are built the first time it is shown and kept (hidden while another
    problem is chosen): a problem change then sets values instead of building widgets, which
    costs the GUI thread tens of milliseconds per form."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(translate("Options", "Model"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 6)  # as a compact form's
        self._layout.setSpacing(0)
        self._pages: dict[str | None, tuple[QWidget, dict[str, Any]]] = {}  # per model: its form
        self._page: QWidget | None = None  # the page shown
        self.widgets: dict[str, Any] = {}
        self.model: str | None = None

    def set_model(self, name: str | None) -> None:
        """Show the options of model ``name`` with their defaults (hidden for 2-D functions)."""
        defaults = MODELS[name].option_defaults if name in MODELS else {}
        specs = options_of(defaults)
        self.model = name if specs else None  # one empty page for every problem without options
        page, self.widgets = (self._pages[self.model] if self.model in self._pages
                              else self._build(self.model, specs, defaults))
        for spec in specs:
            self._show_value(self.widgets[spec.name], defaults[spec.name])
        if "dataset" in self.widgets and "classes" in self.widgets:
            self._sync_classes()
        if page is not self._page:
            if self._page is not None:
                self._page.setVisible(False)
            page.setVisible(True)
            self._page = page
        self.setVisible(bool(self.widgets))

    def _build(self, name: str | None, specs: list[ModelOption], defaults: dict[str, Any]
               ) -> tuple[QWidget, dict[str, Any]]:
        """Model ``name``'s form, built once."""
        page = QWidget(self)
        page.setVisible(False)
        form = compact(QFormLayout(page))
        form.setContentsMargins(0, 0, 0, 0)
        widgets: dict[str, Any] = {}
        for spec in specs:
            widget = self._widget(spec, defaults[spec.name])
            widget.setObjectName(f"option_{spec.name}")
            widget.setToolTip(f"{localized(spec.help)} ({_range_text(spec)})")
            form.addRow(localized(spec.label), widget)
            widgets[spec.name] = widget
        if "dataset" in widgets and "classes" in widgets:
            widgets["dataset"].currentIndexChanged.connect(self._sync_classes)
        for w in widgets.values():  # after _sync_classes: the options are whole when read
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.changed)
        self._layout.addWidget(page)
        self._pages[name] = (page, widgets)
        return page, widgets

    @staticmethod
    def _show_value(w, value: Any) -> None:
        """Show ``value`` (None: the "default" entry) in option widget ``w`` without emitting."""
        w.blockSignals(True)
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(value), 0))
        elif value is None and isinstance(w, NumberBox) and w.specialValueText():
            w.setValue(w.minimum())  # "default"
        else:
            w.setValue(value)
        w.blockSignals(False)

    def _widget(self, spec: ModelOption, default: Any):
        if spec.choices:
            box = QComboBox()
            for name in spec.choices:
                box.addItem(_choice_text(name), name)
            box.setCurrentIndex(max(box.findData(default), 0))
            return box
        if spec.kind is int:
            box = IntBox(int(spec.low), int(spec.high), default)
        else:
            # no default value (mlp's noise: the data set's own): one step below the range
            # stands for it, so that every value in the range stays reachable
            below = BELOW_RANGE if default is None else 0.0
            box = NumberBox(spec.low - below, spec.high,
                            spec.low - below if default is None else float(default))
            if default is None:
                box.setSpecialValueText(translate("Options", "default"))
        box.valueChanged.connect(self.changed)
        return box

    def _sync_classes(self) -> None:
        """Only spiral and blobs take a number of classes; the others have a fixed one (its
        row hidden: the map's title says how many)."""
        fixed = CLASSIFICATION[self.widgets["dataset"].currentData()][1]
        box = self.widgets["classes"]
        box.parentWidget().layout().setRowVisible(box, fixed is None)
        if fixed is not None:
            box.blockSignals(True)  # the dataset combo's own signal restarts the run
            box.setValue(fixed)
            box.blockSignals(False)

    def set_options(self, options: dict[str, Any]) -> None:
        """Show ``options`` (a recipe's) without emitting; names not shown are left out."""
        for key, value in options.items():
            if key in self.widgets:
                self._show_value(self.widgets[key], value)
        if "dataset" in self.widgets and "classes" in self.widgets:
            self._sync_classes()

    def options(self) -> dict[str, Any]:
        """The chosen options, as the model's constructor takes them."""
        out: dict[str, Any] = {}
        for key, w in self.widgets.items():
            if isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, NumberBox) and w.specialValueText() and w.value() == w.minimum():
                out[key] = None  # "default"
            else:
                out[key] = w.value()
        return out


def _choice_text(name: str) -> str:
    """A choice as the list shows it: a data set by its name in the engine's sentences (the
    recipe keeps the identifier)."""
    return localized(NAMES[name]) if name in NAMES else name


def _range_text(spec: ModelOption) -> str:
    """What ``spec`` takes: its choices, or "low … high"."""
    if spec.choices:
        return ", ".join(_choice_text(c) for c in spec.choices)
    if spec.kind is int:
        return f"{int(spec.low):,} … {int(spec.high):,}"
    return f"{format_number(spec.low)} … {format_number(spec.high)}"
