"""Every torch.optim rule against torch's own trajectories, in every run: the goldens in
``tests/data/golden.npz`` (made by ``tests/make_golden.py`` with the torch version they
record), and torch itself when it is importable.

A snapshot matches when max|ours − torch| ≤ 1e-9 · max|torch| (relative to the snapshot's
scale: an mlp's biases start at 0).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gdlab.engine.optim.optimizers import OPTIMIZERS, make_optimizer
from gdlab.engine.problems.registry import get_problem
from gdlab.engine.run.single import Run

DATA = Path(__file__).with_name("data") / "golden.npz"
RTOL = 1e-9
#: gdlab's rules that torch has (and Lion, the paper's, checked against a torch-tensor copy)
TORCH_RULES = {"sgd", "momentum", "nesterov", "asgd", "adagrad", "rmsprop", "adadelta", "adam",
               "adamw", "nadam", "radam", "adamax", "rprop", "lion", "lbfgs"}


def _golden():
    with np.load(DATA) as z:
        meta = json.loads(str(z["meta"]))
        return meta, {k: z[k] for k in z.files if k != "meta"}


META, ARRAYS = _golden()
CASES = META["cases"]


def _id(c) -> str:
    extra = ",".join(f"{k}={v}" for k, v in {**c["options"], **c["hyper"]}.items())
    return f"{c['problem']}-{c['optimizer']}-{extra}"


def ours(case: dict, steps: int, **hyper) -> tuple[np.ndarray, np.ndarray | None]:
    """The engine's Run of ``case`` (its hyperparameters updated by ``hyper``) in the
    goldens' format, and the f_evals and grad_evals columns of its rows (n+1, 2) where it
    records them (L-BFGS), else None."""
    model = case["problem"] != "rosenbrock"
    run = Run(get_problem(case["problem"], **case["options"]),
              make_optimizer(case["optimizer"], **{**case["hyper"], **hyper}),
              None if model else (-1.5, 2.0), steps=steps, tol=0.0, max_loss=np.inf)
    every = META["mlp_every"] if model else 1
    snaps = [np.concatenate([np.ravel(p) for p in run.params])]
    while run.k < steps:
        run.advance(max_updates=every)
        assert run.status in ("running", "finished"), run.status
        snaps.append(np.concatenate([np.ravel(p) for p in run.params]))
    cols = run.trajectory.columns
    if "f_evals" not in cols:
        return np.array(snaps), None
    rows = run.trajectory.rows()
    return np.array(snaps), rows[:, [cols.index("f_evals"), cols.index("grad_evals")]]


def assert_torch_counts(evals: np.ndarray | None, torch_evals: np.ndarray | None) -> None:
    """Row k's f_evals and grad_evals (each evaluation is both) = torch's ``func_evals`` after
    k steps + 1: the evaluation at θ_k, which torch makes at the start of its next step."""
    if torch_evals is None:
        assert evals is None  # a rule that evaluates once a step: no count columns
        return
    assert evals is not None and len(evals) == len(torch_evals)
    assert np.array_equal(evals[:, 0], torch_evals + 1)
    assert np.array_equal(evals[:, 1], evals[:, 0])


def assert_close(a: np.ndarray, b: np.ndarray) -> None:
    assert a.shape == b.shape
    scale = np.maximum(np.abs(b).max(axis=1), 1e-300)
    rel = np.abs(a - b).max(axis=1) / scale
    worst = int(np.argmax(rel))
    assert rel[worst] <= RTOL, f"snapshot {worst}: relative difference {rel[worst]:.3g}"


def test_the_goldens_cover_every_torch_rule_on_both_problems_and_say_their_torch():
    assert META["torch"].startswith("2.13.0") and META["steps"] == 500
    for problem in ("rosenbrock", "mlp"):
        assert {c["optimizer"] for c in CASES if c["problem"] == problem} == TORCH_RULES
    assert TORCH_RULES <= set(OPTIMIZERS)
    flags = {k for c in CASES for k, v in c["hyper"].items() if v is True}
    assert flags >= {"amsgrad", "maximize", "decoupled_weight_decay"}
    assert {c["hyper"].get("line_search") for c in CASES if c["optimizer"] == "lbfgs"} == {
        None, "strong_wolfe"}


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_matches_the_torch_golden(case):
    snaps, evals = ours(case, META["steps"])
    assert_close(snaps, ARRAYS[case["key"]])
    assert_torch_counts(evals, ARRAYS.get(case["key"] + "_evals"))


def test_the_goldens_hold_lbfgs_evaluation_counts_that_a_line_search_raises():
    counts = {c["hyper"].get("line_search", "none"): ARRAYS[c["key"] + "_evals"]
              for c in CASES if c["optimizer"] == "lbfgs" and c["problem"] == "rosenbrock"}
    assert np.array_equal(counts["none"], np.arange(META["steps"] + 1))  # one a step
    steps = np.diff(counts["strong_wolfe"])
    assert steps.min() >= 1 and steps.max() > 1  # the line search's trials, on some steps


def test_a_changed_rule_fails_the_golden():
    case = next(c for c in CASES if c["optimizer"] == "nadam" and c["problem"] == "rosenbrock")
    snaps, _ = ours(case, META["steps"], momentum_decay=4.1e-3)  # one value a little off
    with pytest.raises(AssertionError, match="relative difference"):
        assert_close(snaps, ARRAYS[case["key"]])


LIVE = [c for c in CASES if c["problem"] == "rosenbrock"] + [
    c for c in CASES if c["problem"] == "mlp" and c["optimizer"] in ("adam", "lion", "lbfgs")]


@pytest.mark.parametrize("case", LIVE, ids=_id)
def test_matches_torch_itself_when_importable(case):
    pytest.importorskip("torch")
    from make_golden import torch_trajectory

    theirs, evals = torch_trajectory(case["problem"], case["optimizer"], case["hyper"],
                                     options=case["options"])
    snaps, our_evals = ours(case, META["steps"])
    assert_close(snaps, theirs)
    assert_torch_counts(our_evals, evals)
