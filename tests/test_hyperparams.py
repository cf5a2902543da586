"""Typed hyperparameter specs: float, int, bool and choice, and names shared by optimizers."""

import numpy as np
import pytest

from gdlab.engine.optim import hyperparams as hp
from gdlab.engine.optim.hyperparams import HyperParam, by_name

COUNT = HyperParam("history_size", "History", 100, low=1, high=1000, kind="int", help="pairs")
FLAG = HyperParam("amsgrad", "AMSGrad", False, kind="bool", help="max of v")
PICK = HyperParam("line_search", "Line search", "none", kind="choice",
                  choices=("none", "strong_wolfe"), help="how far")


def test_each_kind_returns_its_type():
    assert hp.LR.validate("0.5") == 0.5 and type(hp.LR.validate(1)) is float
    assert COUNT.validate(7) == 7 and type(COUNT.validate(7.0)) is int
    assert FLAG.validate(True) is True and FLAG.validate(np.bool_(False)) is False
    assert PICK.validate("strong_wolfe") == "strong_wolfe"


@pytest.mark.parametrize("spec, bad, needle", [
    (COUNT, 2.5, "whole number"), (COUNT, 0, r"\[1, 1000\]"), (COUNT, True, "number"),
    (FLAG, 1.0, "on or off"), (FLAG, "yes", "on or off"),
    (PICK, "armijo", "none, strong_wolfe"), (PICK, None, "choose one of"),
    (hp.LR, True, "number"),
])
def test_each_kind_refuses_what_is_not_its_type(spec, bad, needle):
    with pytest.raises(ValueError, match=needle):
        spec.validate(bad)


def test_only_real_numbers_vary_per_run():
    assert hp.LR.numeric and not COUNT.numeric and not FLAG.numeric and not PICK.numeric
    with pytest.raises(ValueError, match="one value for every run"):
        FLAG.validate_many(np.array([True, False]))


def test_a_spec_shows_its_values_and_range_in_words():
    assert FLAG.show(True) == "on" and FLAG.range_text() == "on or off"
    assert PICK.show("none") == "none" and PICK.range_text() == "none or strong_wolfe"
    assert COUNT.show(20) == "20" and hp.EPS.show(1e-8) == "1e-08"


def test_a_spec_with_an_invalid_default_or_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="history_size"):
        HyperParam("history_size", "History", 0, low=1, kind="int")
    with pytest.raises(ValueError, match="kind"):
        HyperParam("x", "X", 1.0, kind="complex")


def test_one_name_may_have_a_spec_per_optimizer_but_one_kind():
    rms = HyperParam("alpha", "Alpha", 0.99, high=1.0, high_open=True)
    asgd = HyperParam("alpha", "Power", 0.75)
    table = by_name({"rmsprop": (hp.LR, rms), "asgd": (hp.LR, asgd), "adam": (hp.LR, FLAG)})
    assert list(table) == ["lr", "alpha", "amsgrad"]
    assert table["alpha"] == {"rmsprop": rms, "asgd": asgd}
    assert list(table["lr"]) == ["rmsprop", "asgd", "adam"]
    with pytest.raises(ValueError, match="one name needs one kind"):
        by_name({"a": (rms,), "b": (HyperParam("alpha", "A", False, kind="bool"),)})
