"""The panel's widget for each hyperparameter kind."""

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtWidgets import QCheckBox, QComboBox  # noqa: E402

from gdlab.engine.optim import hyperparams as hp  # noqa: E402
from gdlab.ui.widgets.numbers import IntBox, NumberBox  # noqa: E402
from gdlab.ui.widgets.spec_widgets import spec_widget  # noqa: E402

COUNT = hp.HyperParam("history_size", "History", 100, low=1, high=1000, kind="int", help="pairs")
FLAG = hp.HyperParam("amsgrad", "AMSGrad", False, kind="bool", help="max of v")
PICK = hp.HyperParam("line_search", "Line search", "none", kind="choice",
                     choices=("none", "strong_wolfe"), help="how far")


@pytest.mark.parametrize("spec, cls, new", [
    (hp.BETA1, NumberBox, 0.5), (COUNT, IntBox, 7), (FLAG, QCheckBox, True),
    (PICK, QComboBox, "strong_wolfe"),
])
def test_each_kind_gets_its_widget_with_the_typed_value(qtbot, spec, cls, new):
    box = spec_widget(spec)
    qtbot.addWidget(box)
    assert isinstance(box, cls) and box.value() == spec.default
    assert spec.help in box.toolTip()
    with qtbot.waitSignal(box.valueChanged) as sig:
        box.setValue(new)
    assert sig.args == [new] and box.value() == new and type(box.value()) is type(new)


def test_an_int_box_offers_the_spec_range_and_a_combo_its_choices(qtbot):
    box = spec_widget(COUNT)
    qtbot.addWidget(box)
    assert (box.minimum(), box.maximum()) == (1, 1000)
    combo = spec_widget(PICK)
    qtbot.addWidget(combo)
    assert [combo.itemText(i) for i in range(combo.count())] == ["none", "strong_wolfe"]
