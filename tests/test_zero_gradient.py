"""A zero gradient is no step: θ stays, the loss stays finite, the run never "diverges" — for
every optimizer, in the engine, the CLI, the inspector and the window."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gdlab.engine.analysis.explain import explain
from gdlab.engine.optim.optimizers import OPTIMIZERS
from gdlab.engine.optim.second_order import METHODS
from gdlab.engine.run.recipe import build_run, resolve

ORACLE = sorted(m.name for m in METHODS)
STILL = ("g = 0 here: θ is a stationary point (a minimum, a maximum or a saddle), {name} takes "
         "no step")


def _run(problem, optimizer, **kw):
    run = build_run(resolve(problem, optimizer, tol=0.0, **kw))
    run.advance()
    return run


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
def test_started_at_the_minimum_every_method_stays_there(optimizer):
    run = _run("ellipse", optimizer, start=(0.0, 0.0), steps=4)
    rows = run.trajectory.rows()
    assert run.status == "finished" and run.k == 4
    assert rows[:, :2].tolist() == [[0.0, 0.0]] * 5
    assert rows[:, 2].tolist() == [0.0] * 5


@pytest.mark.parametrize("optimizer", ORACLE)
def test_a_method_that_lands_exactly_on_the_minimum_stays_there(optimizer):
    # CG's first search on the bowl ends exactly at (0, 0) (its cubic step is ½); the others
    # land there too. CG's next first trial α₀ = α·gᵀd / g'ᵀd' divided by 0: NaN, "diverged".
    run = _run("bowl", optimizer, steps=6)
    rows = run.trajectory.rows()
    landed = int(np.flatnonzero((rows[:, :2] == 0.0).all(axis=1))[0])
    assert landed < 6
    assert run.status == "finished"
    assert (rows[landed:, :3] == 0.0).all()
    note = run.notes[landed]
    assert "g = 0 here" in note and "takes no step" in note


class _Flat:
    """An oracle that must not be asked anything (no step needs it where g = 0)."""

    def __getattr__(self, name):
        raise AssertionError(f"asked {name} at a stationary point")


@pytest.mark.parametrize("optimizer", ORACLE)
@pytest.mark.parametrize("g", [[0.0, 0.0], [-0.0, 0.0], [1e-170, 0.0]])
def test_the_step_keeps_the_point_and_the_state_where_g_is_zero(optimizer, g):
    # a state from real steps (CG: d', g', α', k), so CG's β and first trial would divide by
    # ‖g'‖² ≠ 0 and gᵀd = 0; (1e-170, 0): ‖g‖² underflows to 0, φ′(0) = 0 along every d
    run = _run("rosenbrock", optimizer, steps=3)
    opt, state = run.optimizer, run._state
    step = opt.step([0.5, 0.25], 0.25, g, state, _Flat())
    assert step.p == [0.5, 0.25] and step.state is state and step.trials == []
    assert step.note == STILL.format(name=opt.title)


@pytest.mark.parametrize("optimizer", ORACLE + ["lbfgs", "sgd", "adam"])
def test_gdlab_run_from_the_minimum_with_tolerance_zero(optimizer, capsys):
    from gdlab.cli import main

    assert main(["run", "--problem", "ellipse", "--start=0,0", "--optimizer", optimizer,
                 "--tol", "0", "--steps", "3"]) == 0
    out = capsys.readouterr().out
    assert "status     finished" in out and "point      (0, 0)" in out
    assert "loss       0\n" in out
    assert "diverged" not in out and "nan" not in out


def test_the_cli_advises_a_rate_when_a_method_with_its_own_step_diverges(capsys):
    # Newton with lr 3 overshoots the ellipse's minimum ×2 each step; the advice's trial runs
    # were plain Runs, and a method that evaluates f itself raised there (a traceback)
    from gdlab.cli import main

    assert main(["run", "--problem", "ellipse", "--optimizer", "newton", "--lr", "3",
                 "--steps", "2000"]) == 0
    out = capsys.readouterr().out
    hint = next(line for line in out.splitlines() if line.startswith("hint"))
    assert hint.startswith("hint       the run diverged: try --lr ")
    lr = float(hint.split("try --lr ")[1].split(",")[0])
    assert 0 < lr < 2  # Newton's step converges on a quadratic for 0 < lr < 2
    run = _run("ellipse", "newton", hyper={"lr": lr}, steps=2000)
    assert run.status == "finished" and math.isfinite(run.trajectory.last()[2])


@pytest.mark.parametrize("optimizer", ORACLE)
def test_the_inspector_says_why_there_is_no_step(optimizer):
    run = _run("ellipse", optimizer, start=(0.0, 0.0), steps=3)
    for k in (0, 2):
        ex = explain(run, k)
        assert "not written out" not in ex.text()  # not the generic fallback
        why, final = ex.lines[-3:-1]
        assert (why.lhs, why.note) == ("", STILL.format(name=run.optimizer.title))
        assert final.text() == f"θ{'₀₁₂₃'[k + 1]} = θ{'₀₁₂₃'[k]} = (0, 0)"
        assert [float(v) for v in ex.result] == [0.0, 0.0]


def test_the_window_runs_cg_from_the_minimum_to_the_end(window, qtbot):
    from test_ui_inspector import lines, run_to_end, setup

    w = window
    setup(w, qtbot, problem="ellipse", optimizer="cg", lr=1.0, steps=5, start=(0.0, 0.0))
    run_to_end(w, qtbot)
    assert w.status == "finished"
    rows = w.history.data
    assert rows[:, :3].tolist() == [[0.0, 0.0, 0.0]] * 6
    w.timeline.choose(2)
    qtbot.waitUntil(lambda: any("stationary point" in ln for ln in lines(w)), timeout=5000)
    assert lines(w)[-2].startswith("θ₃ = θ₂ = ")


def test_the_note_names_the_method_in_the_windows_language(qapp):
    from gdlab.ui.i18n import install, localized

    run = _run("ellipse", "cg", start=(0.0, 0.0), steps=1)
    assert install(qapp, "zh_CN")
    try:
        assert localized(run.notes[0]) == ("此处梯度 g = 0：θ 是驻点（最小值、最大值或鞍点），"
                                           "共轭梯度法（PR+） 不移动")
    finally:
        install(qapp, "en")
