"""Spin boxes for typed numbers: any float notation (``1e3``, ``2.5E-8``, ``20,000,000``), shown
compactly, and out-of-range input kept as typed and marked invalid instead of rewritten.

Qt's spin boxes clamp or reject what does not fit (``1e3`` typed in a coordinate box became
13, ``20000000`` steps became 2,000,000). Here, text that is not a number in range stays in
the box, red, with the range in its tooltip, and the previous valid value stays in effect
(``value()`` and ``valueChanged`` never see the bad text) until the text is fixed.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QFormLayout, QSpinBox

from ...engine.analysis.explain import sup
from ...engine.optim.hyperparams import HyperParam
from ..i18n import localized, translate

INVALID_STYLE = "background:#fdecea; color:#b00020;"
_ACCEPTABLE, _INTERMEDIATE = QValidator.State.Acceptable, QValidator.State.Intermediate


def compact(form: QFormLayout) -> QFormLayout:
    """Tighter rows of number boxes, so that a network's settings fit the panel at 1320×860
    without scrolling."""
    form.setVerticalSpacing(2)
    form.setContentsMargins(8, 3, 8, 4)
    return form


def format_number(v: float, digits: int = 10) -> str:
    """Shortest readable text for v: ``0.999``, ``200``, ``1e-08`` → ``1e-8``, never ``-0``."""
    text = f"{v + 0.0:.{digits}g}"  # + 0.0 turns -0.0 into 0.0
    if "e" in text:
        mant, exp = text.split("e")
        text = f"{mant}e{int(exp)}"
    return text


FACTOR_DIGITS_MAX = 1e5  # a scale factor this large or larger is written m·10ⁿ


def format_factor(f: float) -> str:
    """A scale factor as a teacher reads it aloud: ``2``, ``5,000``, ``50,000``, then
    ``10⁵``, ``2·10⁷``, ``1.2·10⁸`` (never ``2e+07``)."""
    if not math.isfinite(f) or f < FACTOR_DIGITS_MAX:
        return f"{f:,.0f}" if math.isfinite(f) else str(f)
    p = math.floor(math.log10(f))
    m = float(f"{f / 10 ** p:.2g}")
    if m >= 10:  # 9.96 rounded up to 10
        m, p = m / 10, p + 1
    power = "10" + sup(p)
    return power if m == 1 else f"{m:g}·{power}"


def parse_number(text: str) -> float | None:
    """The number in ``text`` (group separators allowed), or None."""
    t = text.strip().replace(",", "").replace("_", "").replace("−", "-")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


class _Checked:
    """What both boxes share: parse, judge and mark the text (mixed into a Qt spin box)."""

    _bad: str | None = None  # the invalid text on show (the value stays the previous one)
    _tip: str = ""
    integer = False

    def _judge(self, text: str) -> tuple[QValidator.State, str]:
        """``(state, why)``: Acceptable, or Intermediate with the reason (never Invalid, so
        every keystroke reaches the box and nothing typed is silently dropped)."""
        if self.specialValueText() and text == self.specialValueText():
            return _ACCEPTABLE, ""
        v = parse_number(text)
        lo, hi = self.minimum(), self.maximum()
        if v is None:
            return _INTERMEDIATE, translate("Numbers", "not a number")
        if self.integer and v != int(v):
            return _INTERMEDIATE, translate("Numbers", "not a whole number")
        if not lo <= v <= hi:
            return _INTERMEDIATE, self._out_of_range()
        return _ACCEPTABLE, ""

    def _out_of_range(self) -> str:
        return translate("Numbers", "out of range [{low}, {high}]").format(
            low=self._show(self.minimum()), high=self._show(self.maximum()))

    def validate(self, text: str, pos: int):  # noqa: D102 (Qt's)
        state, why = self._judge(text)
        # while typing, only a complete number out of range turns red ("1e" is on its way)
        self._mark(why if why == self._out_of_range() else "")
        return state, text, pos

    def fixup(self, text: str) -> str:  # noqa: D102
        # called when editing ends on text that is not acceptable: keep it on show, marked
        self._bad = text
        self._mark(self._judge(text)[1] or translate("Numbers", "invalid"))
        return text

    def textFromValue(self, value) -> str:  # noqa: N802 (Qt's name)
        if self._bad is not None:
            return self._bad  # Qt rewrites the text from the (previous) value: keep what was typed
        return self._show(value)

    def valueFromText(self, text: str):  # noqa: N802
        if self.specialValueText() and text == self.specialValueText():
            return self.minimum()
        v = parse_number(text)
        return self.value() if v is None else (int(v) if self.integer else v)

    def _show(self, v: float) -> str:
        return f"{int(v):,}" if self.integer else format_number(v)

    def _mark(self, why: str) -> None:
        if not why:
            self._bad = None
        text = translate("Numbers", "“{typed}” is {why}: the value stays {value} until this is "
                                    "fixed.").format(typed=self.lineEdit().text(), why=why,
                                                     value=self._show(self.value())) \
            + f"\n{self._tip}" if why else self._tip
        if super().toolTip() != text:
            super().setToolTip(text)
            self.setStyleSheet(INVALID_STYLE if why else "")

    @property
    def invalid(self) -> bool:
        """Whether the box shows text that is not taken (red)."""
        return bool(self.styleSheet())

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        self._tip = tip
        super().setToolTip(tip)

    def setValue(self, value) -> None:  # noqa: N802
        self._bad = None
        self._mark("")
        super().setValue(value)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if self._bad is not None:  # an arrow step starts again from the value in effect
            self._bad = None
            self._mark("")
        super().stepBy(steps)


class NumberBox(_Checked, QDoubleSpinBox):
    """A float spin box over [lo, hi] (see the module docstring); with ``decades`` its
    arrows multiply or divide the value by 10 (for a step size such as h)."""

    def __init__(self, lo: float, hi: float, value: float, decimals: int = 15,
                 object_name: str = "", decades: bool = False) -> None:
        super().__init__()
        if object_name:
            self.setObjectName(object_name)
        self.decades = decades
        self.setDecimals(decimals)  # Qt rounds values to this many decimals: keep tiny ones
        self.setRange(lo, hi)
        self.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.setKeyboardTracking(False)
        self.setValue(value)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if not self.decades:
            super().stepBy(steps)
            return
        self.setValue(float(f"{self.value() * 10.0 ** steps:.3g}"))  # setValue clamps


def spec_box(spec: HyperParam, name: str | None = None, decades: bool = False) -> NumberBox:
    """A box for a setting of :mod:`gdlab.engine.optim.hyperparams`: its window range
    (``ui_low`` … ``ui_high``, else its limits), default and help in the tooltip."""
    box = NumberBox(*_window_range(spec), spec.default, object_name=name or f"{spec.name}Spin",
                    decades=decades)
    box.setToolTip(spec_tip(spec, spec.default, decades))
    return box


def _window_range(spec: HyperParam) -> tuple[float, float]:
    """The range a box offers for ``spec``: its window range where it has one, else its limits."""
    return (spec.ui_low if spec.ui_low is not None else spec.low,
            spec.ui_high if spec.ui_high is not None else spec.high)


def spec_tip(spec: HyperParam, default: float, decades: bool = False) -> str:
    """The tooltip of :func:`spec_box`'s box with ``default`` (e.g. the rate the recipe
    suggests for a problem and method, which is not the optimizer's own)."""
    lo, hi = _window_range(spec)
    arrows = translate("Numbers", " The arrows multiply or divide it by 10.") if decades else ""
    return translate("Numbers", "{label}: {help}. Range {low} … {high}; default "
                                "{default}. Type any number, e.g. 1e-8.").format(
        label=localized(spec.label), help=localized(spec.help), low=format_number(lo),
        high=format_number(hi), default=format_number(default)) + arrows


class IntBox(_Checked, QSpinBox):
    """A whole-number spin box over [lo, hi] that also takes ``1e6`` or ``2,000``."""

    integer = True

    def __init__(self, lo: int, hi: int, value: int, object_name: str = "") -> None:
        super().__init__()
        if object_name:
            self.setObjectName(object_name)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)
        self.setValue(value)
