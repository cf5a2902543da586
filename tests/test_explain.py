"""The step inspector's engine (explanations with the run's numbers) and the checkpoints
that give the state at any past step."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gdlab.engine.analysis.explain import explain
from gdlab.engine.optim.optimizers import OPTIMIZERS
from gdlab.engine.run import checkpoints
from gdlab.engine.run.recipe import build_run
from gdlab.engine.run.single import RunSettings


def _run(problem="bowl", optimizer="sgd", steps=50, **kw):
    run = build_run(RunSettings(problem=problem, optimizer=optimizer, steps=steps, **kw))
    run.advance()
    return run


def _lines(ex):
    return ex.text().splitlines()


def test_sgd_on_the_bowl_step_zero_reads_as_the_issue_writes_it():
    ex = explain(_run(hyper={"lr": 0.1}, start=(-3.0, 4.0)), 0)
    assert "g₀ = ∇f(θ₀) = (−6, 8)" in _lines(ex)
    assert "θ₁ = θ₀ − lr·g₀ = (−3, 4) − 0.1·(−6, 8) = (−2.4, 3.2)" in _lines(ex)
    assert ex.result == [-3 - 0.1 * -6, 4 - 0.1 * 8]
    assert np.allclose(ex.plain_step, [0.6, -0.8]) and np.allclose(ex.step, [0.6, -0.8])


def test_adams_first_two_steps_worked_by_hand():
    run = _run(optimizer="adam", hyper={"lr": 0.1}, start=(-3.0, 4.0))
    # by hand, f = x² + y², g = 2θ, β₁ = 0.9, β₂ = 0.999:
    # step 0: g₀ = (−6, 8); m₁ = 0.1·g₀ = (−0.6, 0.8); v₁ = 0.001·g₀² = (0.036, 0.064);
    # m̂₁ = m₁/0.1 = (−6, 8); v̂₁ = v₁/0.001 = (36, 64); θ₁ = θ₀ − 0.1·m̂₁/√v̂₁ = (−2.9, 3.9)
    ex0 = _lines(explain(run, 0))
    assert "m₁ = β₁·m₀ + (1−β₁)·g₀ = 0.9·(0, 0) + 0.1·(−6, 8) = (−0.6, 0.8)" in ex0
    assert "v₁ = β₂·v₀ + (1−β₂)·g₀² = 0.999·(0, 0) + 0.001·(−6, 8)² = (0.036, 0.064)" in ex0
    assert "m̂₁ = m₁ / (1 − β₁¹) = (−0.6, 0.8) / (1 − 0.9^1) = (−6, 8)" in ex0
    assert "v̂₁ = v₁ / (1 − β₂¹) = (0.036, 0.064) / (1 − 0.999^1) = (36, 64)" in ex0
    assert ex0[-2].endswith("= (−2.9, 3.9)")
    # step 1: g₁ = (−5.8, 7.8); m₂ = 0.9·(−0.6, 0.8) + 0.1·g₁ = (−1.12, 1.5);
    # v₂ = 0.999·(0.036, 0.064) + 0.001·(33.64, 60.84) = (0.069604, 0.124776);
    # m̂₂ = m₂/0.19 = (−5.89474, 7.89474); v̂₂ = v₂/0.001999 = (34.8194, 62.4192);
    # θ₂ = (−2.9, 3.9) − 0.1·m̂₂/√v̂₂ = (−2.9 + 0.0998973, 3.9 − 0.0999238)
    ex1 = _lines(explain(run, 1))
    assert "m₂ = β₁·m₁ + (1−β₁)·g₁ = 0.9·(−0.6, 0.8) + 0.1·(−5.8, 7.8) = (−1.12, 1.5)" in ex1
    assert any(s.startswith("v₂ = ") and s.endswith("= (0.069604, 0.124776)") for s in ex1)
    assert any(s.startswith("m̂₂ = ") and s.endswith("= (−5.89474, 7.89474)") for s in ex1)
    assert any(s.startswith("v̂₂ = ") and s.endswith("= (34.8194, 62.4192)") for s in ex1)
    m2, v2 = np.array([-1.12, 1.5]), np.array([0.069604, 0.124776])
    hand = np.array([-2.9, 3.9]) - 0.1 * (m2 / 0.19) / np.sqrt(v2 / 0.001999)
    assert np.allclose(explain(run, 1).result, hand, rtol=0, atol=1e-6)
    assert ex1[-2].endswith(f"= ({hand[0]:.6g}, {hand[1]:.6g})".replace("-", "−"))


def test_seeds_section_3_worked_step():
    lines = _lines(explain(_run("linreg-w", steps=20), 1))
    assert "y_pred = w₁·X = 0.3·[1, 2, 3, 4] = [0.3, 0.6, 0.9, 1.2]" in lines
    assert any(s.startswith("J(w₁) = ") and s.endswith("= 21.675") for s in lines)
    assert any(s.startswith("g₁ = dJ/dw = mean(2·X·(y_pred − Y))") and s.endswith("= −25.5")
               for s in lines)
    assert "w₂ = w₁ − lr·g₁ = 0.3 − 0.01·(−25.5) = 0.555" in lines


def test_a_negative_number_after_a_sign_gets_parentheses():
    """Maximizing the loss of f = w·x from w = 0 (its gradient −30) and from w = 3 (+15): a
    one-parameter model's scalar gradient after the sign reads −(−30), not −−30."""
    ex = _lines(explain(_run("linreg-w", steps=3, hyper={"lr": 0.001, "maximize": True}), 0))
    assert "g₀′ = −g₀ = −(−30) = 30    (maximize: the gradient is negated)" in ex
    run = _run("linreg-w", steps=3, start=(3.0,), hyper={"lr": 0.001, "maximize": True})
    assert "g₀′ = −g₀ = −15 = −15    (maximize: the gradient is negated)" in _lines(
        explain(run, 0))
    # at each place as it stands there: after a comma or a bar, none; the same number twice,
    # once after a sign and once first, once in parentheses
    adamax = _lines(explain(_run("linreg-w", "adamax", steps=3, hyper={"lr": 0.001}), 0))
    assert "u₁ = max(β₂·u₀, |g₀| + ε) = max(0.999·0, |−30| + 1e−8) = 30" in adamax
    lion = _run("linreg-w", "lion", steps=3, start=(-3.0,),
                hyper={"lr": 0.001, "weight_decay": 0.1})
    assert "w₁ = w₀ − lr·(sign(c₁) + λ·w₀) = −3 − 0.001·(−1 + 0.1·(−3)) = −2.9987" in _lines(
        explain(lion, 0))
    # the central differences' values, written to 12 digits, likewise
    saddle = _lines(explain(_run("saddle", steps=3, start=(0.2, 1.0), gradient="numerical"), 0))
    assert any(s.startswith("∂f/∂x = ") and "= (−0.95995999 − (−0.96003999)) / (2·0.0001)" in s
               for s in saddle)


def test_the_numerical_gradient_shows_its_central_differences():
    run = _run("rosenbrock", gradient="numerical")
    lines = _lines(explain(run, 3))
    x, y = run.trajectory.rows(3, 4)[0, :2]
    h = run.h
    f = run.objective.f
    want = (f(x + h, y) - f(x - h, y)) / (2 * h)
    line = next(s for s in lines if s.startswith("∂f/∂x = (f(x+h, y) − f(x−h, y)) / 2h"))
    assert line.endswith(f"{want:.6g}".replace("-", "−"))


def test_noise_is_shown_added_to_the_gradient():
    lines = _lines(explain(_run(grad_noise=0.5), 2))
    assert any(s.startswith("g₂ = ∇f(θ₂) + ξ₂ = ") for s in lines)


@pytest.mark.parametrize("problem,optimizer", [
    (p, o) for p in ("bowl", "rosenbrock", "linreg") for o in sorted(OPTIMIZERS)
    if p != "linreg" or not OPTIMIZERS[o].oracle])  # (second-order methods: 2-D only)
def test_the_inspectors_next_point_is_the_runs_next_row_bit_for_bit(problem, optimizer):
    run = _run(problem, optimizer, steps=300, tol=0.0)
    run.set_hyper(lr=run.optimizer.lr / 2)  # a change mid-run is replayed with its own rate
    run.set_steps(400)
    run.advance()
    rows = run.trajectory.rows()
    d = len(run.param_names)
    ks = [k for k in (0, 1, 2, 63, 64, 65, 150, 299, 300, 301, len(rows) - 2)
          if 0 <= k < len(rows) - 1]  # (a method may end sooner: CG at the bowl's minimum)
    for k in ks:
        ex = explain(run, k)
        assert len(ex.lines) > 3 and ex.lines[-2].text().startswith(
            ("θ", "w")) or "per array" in ex.text()
        if ex.result is not None:  # (None: the run diverged at step k)
            assert np.array_equal([float(v) for v in ex.result], rows[k + 1, :d],
                                  equal_nan=True), k


def test_models_with_arrays_get_a_summary_by_array():
    text = explain(_run("mlp", "adam", steps=5), 2).text()
    for name in ("W1", "b1", "W2", "b2"):
        assert f"\n{name}  " in text
    assert "‖Δθ‖" in text


@pytest.mark.parametrize("extra", [{}, {"grad_noise": 0.3}, {"gradient": "numerical"},
                                   {"dtype": "float32"}])
@pytest.mark.parametrize("problem,optimizer", [("bowl", "momentum"), ("himmelblau", "adam"),
                                               ("adaline", "sgd"), ("mlp", "rmsprop"),
                                               ("linreg", "adagrad")])
def test_replay_from_a_checkpoint_gives_the_rows_bit_for_bit(problem, optimizer, extra):
    run = _run(problem, optimizer, steps=300, tol=0.0, **extra)
    rows = run.trajectory.rows()
    assert len(run.checkpoints) >= 4
    for k in (0, 5, 64, 100, 200, len(rows) - 1):
        r = run.state_at(k)
        ck = run.checkpoints.nearest(k).k
        assert np.array_equal(r.trajectory.rows(), rows[ck:k + 1], equal_nan=True)


def test_a_rewound_branch_replays_with_its_own_rate_after_thinning(monkeypatch):
    """Continue from step 7 after the rate changed at step 20: the branch goes on at the new
    rate with no change recorded at 7, so the checkpoint taken there (off the checkpoints'
    grid) must outlive their thinning, or a replay would start before it at the old rate."""
    monkeypatch.setattr(checkpoints, "EVERY", 4)
    monkeypatch.setattr(checkpoints, "LIMIT", 16)
    run = build_run(RunSettings(problem="bowl", optimizer="sgd", steps=600, hyper={"lr": 0.01},
                                tol=0.0))
    run.advance(max_updates=20)
    run.set_hyper(lr=0.02)
    run.rewind(7)
    run.advance()
    rows = run.trajectory.rows()
    assert len(run.checkpoints) <= 17 and run.checkpoints.nearest(8).k == 7
    for k in (8, 300, 599):
        np.testing.assert_array_equal(run.state_at(k).trajectory.last(), rows[k])


def test_checkpoints_stay_within_their_limit_and_still_replay(monkeypatch):
    monkeypatch.setattr(checkpoints, "EVERY", 4)
    monkeypatch.setattr(checkpoints, "LIMIT", 16)
    run = _run("bowl", "adam", steps=5000, hyper={"lr": 1e-4})
    assert len(run.trajectory) == 5001
    assert len(run.checkpoints) <= 17
    assert run.checkpoints.every >= 5000 // 32  # it doubled as the run grew
    rows = run.trajectory.rows()
    for k in (4999, 2500, 7):
        r = run.state_at(k)
        assert tuple(r.trajectory.last()) == tuple(rows[k])


@pytest.mark.parametrize("problem,optimizer", [("bowl", "adam"), ("linreg", "momentum"),
                                               ("mlp", "adam")])
def test_continue_from_here_branches(problem, optimizer):
    run = _run(problem, optimizer, steps=120, tol=0.0)
    before = run.trajectory.rows()
    run.rewind(40)
    assert len(run.trajectory) == 41 and run.k == 40
    assert np.array_equal(run.trajectory.rows(), before[:41])
    lr = run.optimizer.lr / 3
    run.set_hyper(lr=lr)
    run.advance()
    branch = run.trajectory.rows()
    # the same branch, taken without going back: 40 steps, then the new rate
    other = build_run(RunSettings(problem=problem, optimizer=optimizer, steps=40, tol=0.0))
    other.advance()
    other.set_hyper(lr=lr)
    other.set_steps(120)
    other.advance()
    assert np.array_equal(branch, other.trajectory.rows())
    assert branch[40, run.trajectory.column("lr")] == lr
    assert not np.array_equal(branch[41:], before[41:])


def test_continue_from_here_resets_the_status_and_the_changes_after_it():
    """A rewound run is "ready" at step 0, "running" inside, "finished" at its budget's end;
    a divergence after the step is forgotten (status and reason); the changes made after it
    are dropped, and so are the checkpoints: a state replayed on the new branch is the
    branch's."""
    run = _run("bowl", "sgd", steps=30, tol=0.0, start=(-3.0, 4.0), hyper={"lr": 0.1})
    run.set_hyper(lr=1.5)  # from step 30 on it diverges
    run.set_steps(200)
    run.advance()
    assert run.status == "diverged"
    assert [e.step for e in run.events] == [30, 30]
    run.rewind(25)
    assert (run.status, run.reason, run.k, run.events) == ("running", "", 25, [])
    assert run.optimizer.lr == 1.5  # the current rate goes on (what "continue" means)
    run.set_hyper(lr=0.05)
    run.advance()
    assert run.status == "finished" and run.k == 200
    rows = run.trajectory.rows()
    for k in (26, 120, 199):
        assert np.array_equal(run.state_at(k).trajectory.last(), rows[k])
    run.rewind(200)
    assert run.status == "finished"
    run.rewind(0)
    assert run.status == "ready" and len(run.trajectory) == 1


def test_continue_from_a_step_keeps_the_changes_made_at_it_and_drops_later_notes():
    """A change made at step k (before the update from k) belongs to the branch from k; a
    note of the update from k or later does not (that update is taken again)."""
    from gdlab.engine.run.single import ChangeEvent
    run = _run("bowl", "sgd", steps=30, tol=0.0, start=(-3.0, 4.0), hyper={"lr": 0.1})
    run.set_tol(1e-3)
    run.set_steps(40)
    run.advance()
    assert run.events == [ChangeEvent(30, "tol", 1e-3), ChangeEvent(30, "steps", 40)]
    run.rewind(30)
    assert [(e.step, e.name) for e in run.events] == [(30, "tol"), (30, "steps")]
    with pytest.raises(IndexError, match=r"^step 31 is outside the run's steps 0 … 30$"):
        run.state_at(31)
    saddle = _run("saddle", "newton", steps=10, tol=0.0, hyper={"lr": 0.1})
    assert sorted(saddle.notes) == list(range(10))  # H is indefinite at every step
    saddle.rewind(5)
    assert sorted(saddle.notes) == [0, 1, 2, 3, 4]


def test_every_optimizer_explains_its_steps():
    for name in OPTIMIZERS:
        ex = explain(_run("bowl", name, steps=3, start=(-3.0, 4.0)), 0)
        assert ex.lines[-2].text().startswith("θ₁ = ") and math.isfinite(ex.result[0]), name


def _evaluate(text: str) -> np.ndarray:
    """The arithmetic the inspector writes (``(−3, 4) − 0.1·(−6, 8)``, ``0.9^2``, ``g²``,
    ``max(a, b)``), evaluated as numpy would."""
    import re
    s = (text.replace("−", "-").replace("·", "*").replace("²", "**2").replace("^", "**")
         .replace("max(", "np.maximum("))
    s = re.sub(r"\(([^()]*,[^()]*)\)", r"np.array([\1])", s)  # a vector (x, y)
    return np.asarray(eval(s, {"np": np}), dtype=float)  # noqa: S307 (our own text)


#: every rule's lines: a first step and later ones, each option that adds a line
EXPLAINED = [("sgd", {}), ("sgd", {"weight_decay": 0.1, "maximize": True}),
             ("momentum", {"momentum": 0.5}), ("momentum", {"momentum": 0.0}),
             ("momentum", {"momentum": 0.5, "weight_decay": 0.1}),
             ("nesterov", {"maximize": True}), ("asgd", {"lambd": 0.01, "alpha": 0.75}),
             ("asgd", {"weight_decay": 0.1, "maximize": True}),
             ("adagrad", {"lr_decay": 0.1, "eps": 0.5}), ("adagrad", {"weight_decay": 0.1}),
             ("adagrad", {"maximize": True}),
             ("rmsprop", {}), ("rmsprop", {"momentum": 0.5, "weight_decay": 0.1, "eps": 0.5}),
             ("rmsprop", {"maximize": True, "eps": 0.5}),
             ("adam", {}), ("adam", {"amsgrad": True, "weight_decay": 0.1, "eps": 0.5}),
             ("adam", {"amsgrad": True, "beta2": 0.5, "lr": 1.0}),  # v falls below its max
             ("adamw", {"weight_decay": 0.1, "maximize": True})]


@pytest.mark.parametrize("optimizer,hyper", EXPLAINED)
def test_every_line_of_arithmetic_the_inspector_shows_adds_up(optimizer, hyper):
    """Each line's numbers, evaluated, give the value it shows, and the last line's give the
    run's own θ_{k+1}: the arithmetic a learner reads is the update the run made (a wrong
    operand or result in any line of any rule fails here)."""
    run = _run("bowl", optimizer, steps=4, start=(-3.0, 4.0), tol=0.0,
               hyper={"lr": 0.1, **hyper})
    for k in range(4):
        ex = explain(run, k)
        shown = [ln for ln in ex.lines if ln.numbers and ln.value]
        assert len(shown) >= 1, (k, ex.text())
        for ln in shown:
            assert _evaluate(ln.numbers) == pytest.approx(_evaluate(ln.value), rel=2e-5,
                                                          abs=1e-9), (k, ln.text())
        final = ex.lines[-2]
        assert final.lhs == f"θ{'₀₁₂₃₄'[k + 1]}" and final.numbers, (k, ex.text())
        assert _evaluate(final.numbers) == pytest.approx(ex.result, rel=2e-5), (k, final.text())
        assert _evaluate(final.value) == pytest.approx(ex.result, rel=1e-5)


#: the formulas of EXPLAINED's first two steps, as a learner reads them (checked by hand against
#: each rule: torch's order of maximize, weight decay and momentum; AMSGrad's maximum in v̂)
FORMULAS = [
    # sgd {}
    (('g₀ = ∇f(θ₀)', 'θ₁ = θ₀ − lr·g₀ = …'),
     ('g₁ = ∇f(θ₁)', 'θ₂ = θ₁ − lr·g₁ = …')),
    # sgd {'weight_decay': 0.1, 'maximize': True}
    (('g₀ = ∇f(θ₀)', 'g₀′ = −g₀ + wd·θ₀ = … (maximize: the gradient is negated)',
      'θ₁ = θ₀ − lr·g₀ = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = −g₁ + wd·θ₁ = … (maximize: the gradient is negated)',
      'θ₂ = θ₁ − lr·g₁ = …')),
    # momentum {'momentum': 0.5}
    (('g₀ = ∇f(θ₀)', 'b₁ = g₀ (first step: the buffer starts as the gradient)',
      'θ₁ = θ₀ − lr·b₁ = …'),
     ('g₁ = ∇f(θ₁)', 'b₂ = μ·b₁ + g₁ = …', 'θ₂ = θ₁ − lr·b₂ = …')),
    # momentum {'momentum': 0.0}
    (('g₀ = ∇f(θ₀)', 'θ₁ = θ₀ − lr·g₀ = …'),
     ('g₁ = ∇f(θ₁)', 'θ₂ = θ₁ − lr·g₁ = …')),
    # momentum {'momentum': 0.5, 'weight_decay': 0.1}
    (('g₀ = ∇f(θ₀)', 'g₀′ = g₀ + wd·θ₀ = …',
      'b₁ = g₀ (first step: the buffer starts as the gradient)', 'θ₁ = θ₀ − lr·b₁ = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = g₁ + wd·θ₁ = …', 'b₂ = μ·b₁ + g₁ = …', 'θ₂ = θ₁ − lr·b₂ = …')),
    # nesterov {'maximize': True}
    (('g₀ = ∇f(θ₀)', 'g₀′ = −g₀ = … (maximize: the gradient is negated)',
      'b₁ = g₀ (first step: the buffer starts as the gradient)', 'θ₁ = θ₀ − lr·(g₀ + μ·b₁) = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = −g₁ = … (maximize: the gradient is negated)', 'b₂ = μ·b₁ + g₁ = …',
      'θ₂ = θ₁ − lr·(g₁ + μ·b₂) = …')),
    # asgd {'lambd': 0.01, 'alpha': 0.75}
    (('g₀ = ∇f(θ₀)', 'η₀ = lr (first step: η starts as lr)', 'θ₁ = θ₀·(1 − λ·η₀) − η₀·g₀ = …'),
     ('g₁ = ∇f(θ₁)', 'η₁ = lr / (1 + λ·lr·(t−1))^α = …', 'θ₂ = θ₁·(1 − λ·η₁) − η₁·g₁ = …')),
    # asgd {'weight_decay': 0.1, 'maximize': True}
    (('g₀ = ∇f(θ₀)', 'g₀′ = −g₀ + wd·θ₀ = … (maximize: the gradient is negated)',
      'η₀ = lr (first step: η starts as lr)', 'θ₁ = θ₀·(1 − λ·η₀) − η₀·g₀ = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = −g₁ + wd·θ₁ = … (maximize: the gradient is negated)',
      'η₁ = lr / (1 + λ·lr·(t−1))^α = …', 'θ₂ = θ₁·(1 − λ·η₁) − η₁·g₁ = …')),
    # adagrad {'lr_decay': 0.1, 'eps': 0.5}
    (('g₀ = ∇f(θ₀)', 'lr′ = lr / (1 + (t−1)·decay) = …', 'G₁ = G₀ + g₀² = …',
      'θ₁ = θ₀ − lr′·g₀ / (√G₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'lr′ = lr / (1 + (t−1)·decay) = …', 'G₂ = G₁ + g₁² = …',
      'θ₂ = θ₁ − lr′·g₁ / (√G₂ + ε) = …')),
    # adagrad {'weight_decay': 0.1}
    (('g₀ = ∇f(θ₀)', 'g₀′ = g₀ + wd·θ₀ = …', 'G₁ = G₀ + g₀² = …',
      'θ₁ = θ₀ − lr·g₀ / (√G₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = g₁ + wd·θ₁ = …', 'G₂ = G₁ + g₁² = …',
      'θ₂ = θ₁ − lr·g₁ / (√G₂ + ε) = …')),
    # adagrad {'maximize': True}
    (('g₀ = ∇f(θ₀)', 'g₀′ = −g₀ = … (maximize: the gradient is negated)', 'G₁ = G₀ + g₀² = …',
      'θ₁ = θ₀ − lr·g₀ / (√G₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = −g₁ = … (maximize: the gradient is negated)', 'G₂ = G₁ + g₁² = …',
      'θ₂ = θ₁ − lr·g₁ / (√G₂ + ε) = …')),
    # rmsprop {}
    (('g₀ = ∇f(θ₀)', 'v₁ = α·v₀ + (1−α)·g₀² = …', 'θ₁ = θ₀ − lr·g₀ / (√v₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'v₂ = α·v₁ + (1−α)·g₁² = …', 'θ₂ = θ₁ − lr·g₁ / (√v₂ + ε) = …')),
    # rmsprop {'momentum': 0.5, 'weight_decay': 0.1, 'eps': 0.5}
    (('g₀ = ∇f(θ₀)', 'g₀′ = g₀ + wd·θ₀ = …', 'v₁ = α·v₀ + (1−α)·g₀² = …',
      'b₁ = μ·b₀ + g₀ / (√v₁ + ε) = …', 'θ₁ = θ₀ − lr·b₁ = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = g₁ + wd·θ₁ = …', 'v₂ = α·v₁ + (1−α)·g₁² = …',
      'b₂ = μ·b₁ + g₁ / (√v₂ + ε) = …', 'θ₂ = θ₁ − lr·b₂ = …')),
    # rmsprop {'maximize': True, 'eps': 0.5}
    (('g₀ = ∇f(θ₀)', 'g₀′ = −g₀ = … (maximize: the gradient is negated)',
      'v₁ = α·v₀ + (1−α)·g₀² = …', 'θ₁ = θ₀ − lr·g₀ / (√v₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = −g₁ = … (maximize: the gradient is negated)',
      'v₂ = α·v₁ + (1−α)·g₁² = …', 'θ₂ = θ₁ − lr·g₁ / (√v₂ + ε) = …')),
    # adam {}
    (('g₀ = ∇f(θ₀)', 'm₁ = β₁·m₀ + (1−β₁)·g₀ = …', 'v₁ = β₂·v₀ + (1−β₂)·g₀² = …',
      'm̂₁ = m₁ / (1 − β₁¹) = …', 'v̂₁ = v₁ / (1 − β₂¹) = …', 'θ₁ = θ₀ − lr·m̂₁ / (√v̂₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'm₂ = β₁·m₁ + (1−β₁)·g₁ = …', 'v₂ = β₂·v₁ + (1−β₂)·g₁² = …',
      'm̂₂ = m₂ / (1 − β₁²) = …', 'v̂₂ = v₂ / (1 − β₂²) = …', 'θ₂ = θ₁ − lr·m̂₂ / (√v̂₂ + ε) = …')),
    # adam {'amsgrad': True, 'weight_decay': 0.1, 'eps': 0.5}
    (('g₀ = ∇f(θ₀)', 'g₀′ = g₀ + wd·θ₀ = …', 'm₁ = β₁·m₀ + (1−β₁)·g₀ = …',
      'v₁ = β₂·v₀ + (1−β₂)·g₀² = …', 'v₁ᵐᵃˣ = max(v₀ᵐᵃˣ, v₁) = …', 'm̂₁ = m₁ / (1 − β₁¹) = …',
      'v̂₁ = v₁ᵐᵃˣ / (1 − β₂¹) = …', 'θ₁ = θ₀ − lr·m̂₁ / (√v̂₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = g₁ + wd·θ₁ = …', 'm₂ = β₁·m₁ + (1−β₁)·g₁ = …',
      'v₂ = β₂·v₁ + (1−β₂)·g₁² = …', 'v₂ᵐᵃˣ = max(v₁ᵐᵃˣ, v₂) = …', 'm̂₂ = m₂ / (1 − β₁²) = …',
      'v̂₂ = v₂ᵐᵃˣ / (1 − β₂²) = …', 'θ₂ = θ₁ − lr·m̂₂ / (√v̂₂ + ε) = …')),
    # adam {'amsgrad': True, 'beta2': 0.5, 'lr': 1.0}
    (('g₀ = ∇f(θ₀)', 'm₁ = β₁·m₀ + (1−β₁)·g₀ = …', 'v₁ = β₂·v₀ + (1−β₂)·g₀² = …',
      'v₁ᵐᵃˣ = max(v₀ᵐᵃˣ, v₁) = …', 'm̂₁ = m₁ / (1 − β₁¹) = …', 'v̂₁ = v₁ᵐᵃˣ / (1 − β₂¹) = …',
      'θ₁ = θ₀ − lr·m̂₁ / (√v̂₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'm₂ = β₁·m₁ + (1−β₁)·g₁ = …', 'v₂ = β₂·v₁ + (1−β₂)·g₁² = …',
      'v₂ᵐᵃˣ = max(v₁ᵐᵃˣ, v₂) = …', 'm̂₂ = m₂ / (1 − β₁²) = …', 'v̂₂ = v₂ᵐᵃˣ / (1 − β₂²) = …',
      'θ₂ = θ₁ − lr·m̂₂ / (√v̂₂ + ε) = …')),
    # adamw {'weight_decay': 0.1, 'maximize': True}
    (('g₀ = ∇f(θ₀)', 'g₀′ = −g₀ = … (maximize: the gradient is negated)',
      'θ₀′ = θ₀·(1 − lr·wd) = …', 'm₁ = β₁·m₀ + (1−β₁)·g₀ = …', 'v₁ = β₂·v₀ + (1−β₂)·g₀² = …',
      'm̂₁ = m₁ / (1 − β₁¹) = …', 'v̂₁ = v₁ / (1 − β₂¹) = …',
      'θ₁ = θ₀′ − lr·m̂₁ / (√v̂₁ + ε) = …'),
     ('g₁ = ∇f(θ₁)', 'g₁′ = −g₁ = … (maximize: the gradient is negated)',
      'θ₁′ = θ₁·(1 − lr·wd) = …', 'm₂ = β₁·m₁ + (1−β₁)·g₁ = …', 'v₂ = β₂·v₁ + (1−β₂)·g₁² = …',
      'm̂₂ = m₂ / (1 − β₁²) = …', 'v̂₂ = v₂ / (1 − β₂²) = …',
      'θ₂ = θ₁′ − lr·m̂₂ / (√v̂₂ + ε) = …')),
]


def _formula(line) -> str:
    """A line's formula, "= …" where numbers follow, and its note."""
    return (f"{line.lhs} = {line.formula}" + (" = …" if line.numbers else "")
            + (f" ({line.note})" if line.note else ""))


@pytest.mark.parametrize("case", range(len(EXPLAINED)))
def test_the_inspector_writes_each_rules_formulas(case):
    """The formulas (not the numbers) of each rule's lines, step 0 (a first buffer) and 1."""
    optimizer, hyper = EXPLAINED[case]
    run = _run("bowl", optimizer, steps=2, start=(-3.0, 4.0), tol=0.0, hyper={"lr": 0.1, **hyper})
    written = tuple(tuple(_formula(ln) for ln in explain(run, k).lines if ln.formula)
                    for k in (0, 1))
    assert written == FORMULAS[case]


@pytest.mark.parametrize("optimizer", ["lion", "rprop"])
@pytest.mark.parametrize("problem,extra", [("linreg", {}), ("bowl", {"dtype": "float32"})])
def test_sign_rules_step_numpy_scalar_leaves(optimizer, problem, extra):
    """Lion and Rprop take the sign of numpy scalars (a model's one-number parameters, a
    float32 run) too: they raised TypeError (numpy booleans do not subtract)."""
    run = _run(problem, optimizer, steps=5, **extra)
    assert run.k == 5 and run.status == "finished"


def test_a_method_without_its_lines_still_shows_its_step(monkeypatch):
    from gdlab.engine.optim.base import Optimizer

    run = _run("bowl", "sgd", steps=5, start=(-3.0, 4.0), hyper={"lr": 0.1})
    monkeypatch.setattr(type(run.optimizer), "explain", Optimizer.explain)
    ex = explain(run, 0)
    assert ex.lines[-2].text().startswith("θ₁ = θ₀ + Δθ₀ = (−3, 4) + (0.6, −0.8) = (−2.4, 3.2)")
    assert ex.result == list(run.trajectory.rows(1, 2)[0, :2])


@pytest.mark.parametrize("optimizer", ["newton", "bfgs", "cg", "gd-armijo", "lbfgs"])
def test_replay_of_second_order_methods_keeps_their_counts(optimizer):
    """The rows of a line search hold its evaluation counts: a replay continues them."""
    run = _run("rosenbrock", optimizer, steps=200, tol=0.0)
    rows = run.trajectory.rows()
    for k in (0, 70, 130, len(rows) - 1):
        r = run.state_at(k)
        ck = run.checkpoints.nearest(k).k
        assert np.array_equal(r.trajectory.rows(), rows[ck:k + 1], equal_nan=True)


def test_replay_follows_a_schedule_and_a_budget_changed_mid_run():
    run = _run("rosenbrock", "adam", steps=300, tol=0.0, schedule="cosine")
    run.set_steps(500)  # a cosine schedule's period is the budget: the rates change here
    run.advance()
    rows = run.trajectory.rows()
    for k in (100, 299, 300, 301, 450):
        assert [float(v) for v in explain(run, k).result] == list(rows[k + 1, :2])
