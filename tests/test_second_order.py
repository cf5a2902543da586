"""Newton, BFGS, CG and GD + Armijo: hand-worked steps, warnings, line-search conditions,
evaluation counts."""

import math

import numpy as np
import pytest

from gdlab.engine.files.export import export_run, read_csv
from gdlab.engine.optim.line_search import _cubic_min, armijo_holds, backtrack, strong_wolfe
from gdlab.engine.problems.objectives import OBJECTIVES, Objective
from gdlab.engine.run.batch import BatchRun
from gdlab.engine.run.oracle import OracleRun
from gdlab.engine.run.single import EVAL_COLUMNS
from gdlab.engine.run.recipe import build_run, resolve


def _run(problem, optimizer, **kw):
    run = build_run(resolve(problem, optimizer, **kw))
    run.advance()
    return run


def test_newton_on_the_bowl_reaches_the_minimum_in_one_step():
    # from (−3, 4): g = (−6, 8), H = 2I, so θ − H⁻¹g = (−3, 4) − (−3, 4) = (0, 0)
    run = _run("bowl", "newton", steps=1)
    assert isinstance(run, OracleRun)
    assert run.optimizer.lr == 1.0  # its own step scale, not the bowl's suggested 0.1
    assert tuple(run.trajectory.rows()[1]) == (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    assert run.status == "converged" and run.notes == {}


def test_newton_damping_by_hand():
    # λ = 2: (H + 2I) = 4I, θ₁ = (−3, 4) − (−6, 8)/4 = (−1.5, 2)
    run = _run("bowl", "newton", steps=1, hyper={"damping": 2.0})
    assert run.point == (-1.5, 2.0)


def test_newton_warns_on_the_saddle_and_goes_there():
    run = _run("saddle", "newton", steps=3)
    note = run.notes[0]
    assert "H has a negative eigenvalue here (λ = -2)" in note
    assert "Newton heads for a saddle or a maximum" in note
    assert run.trajectory.rows()[1][:2] == pytest.approx((0.0, 0.0))  # the saddle point
    # damping λ = 3 makes H + λI = diag(5, 1) positive definite: no warning, and a descent step
    damped = _run("saddle", "newton", steps=1, hyper={"damping": 3.0})
    assert damped.notes == {}
    assert damped.trajectory.rows()[1][2] < damped.trajectory.rows()[0][2]


def test_newton_where_the_hessian_is_singular_takes_a_gradient_step():
    # f = x² + y⁴ at y = 0: H = diag(2, 0)
    quartic = Objective("quartic", "x² + y⁴", "", lambda x, y, m: x * x + y ** 4,
                        lambda x, y, m: (2.0 * x, 4.0 * y ** 3), (-2, 2, -2, 2), (1.0, 0.0),
                        hessian=lambda x, y, m: (2.0, 0.0, 12.0 * y * y))
    from gdlab.engine.optim.second_order import Newton
    run = OracleRun(quartic, Newton(lr=0.25), steps=1)
    run.advance()
    assert run.notes[0] == ("H is singular here (eigenvalues 0, 2): the Newton step is "
                            "undefined; this step is a gradient step lr·g")
    assert run.point == (1.0 - 0.25 * 2.0, 0.0)


def test_armijo_accepted_steps_satisfy_the_condition_and_the_trial_before_did_not():
    run = _run("rosenbrock", "gd-armijo", steps=40, hyper={"c": 0.3, "rho": 0.5})
    rows, trials = run.trajectory.rows(), run.trials.rows()
    c, rho = 0.3, 0.5
    assert run.k == 40
    for k in range(run.k):
        x, y, f, gx, gy = rows[k][:5]
        g2 = gx * gx + gy * gy
        tried = trials[trials[:, 0] == k][:, 1:]
        step = rows[k + 1][:2] - (x, y)
        alpha = math.hypot(*step) / math.sqrt(g2)
        assert alpha == pytest.approx(rho ** (len(tried) - 1), rel=1e-9)
        assert tried[-1] == pytest.approx(rows[k + 1][:2], rel=1e-15)
        assert armijo_holds(rows[k + 1][2], f, alpha, -g2, c)
        if len(tried) > 1:  # the trial one ρ earlier failed the condition
            fx = OBJECTIVES["rosenbrock"].f(*map(float, tried[-2]))
            assert not armijo_holds(fx, f, alpha / rho, -g2, c)


@pytest.mark.parametrize("method", ["bfgs", "cg"])
def test_wolfe_methods_reach_the_rosenbrock_minimum_with_strong_wolfe_steps(method):
    run = _run("rosenbrock", method, steps=200, tol=1e-8)
    assert run.status == "converged" and run.k < 100
    assert run.point == pytest.approx((1.0, 1.0), abs=1e-7)
    rows = run.trajectory.rows()
    c1, c2 = run.optimizer.c1, run.optimizer.c2
    for k in range(run.k):  # each accepted step: sufficient decrease along the step
        p, q = rows[k][:2], rows[k + 1][:2]
        g, gq = rows[k][3:5], rows[k + 1][3:5]
        d = q - p
        assert rows[k + 1][2] <= rows[k][2] + c1 * float(g @ d) + 1e-12
        assert abs(float(gq @ d)) <= c2 * abs(float(g @ d)) + 1e-12  # curvature


def test_evaluation_counts_are_trailing_columns_of_line_search_runs_only(tmp_path):
    arm = _run("himmelblau", "gd-armijo", steps=10)
    cols = arm.trajectory.columns
    assert cols[-2:] == EVAL_COLUMNS and cols[:-2] == _run("himmelblau", "sgd", steps=1).trajectory.columns
    rows, trials = arm.trajectory.rows(), arm.trials.rows()
    for k, row in enumerate(rows):
        n_trials = int(np.count_nonzero(trials[:, 0] < k))
        assert row[-2:] == pytest.approx((1 + n_trials, 1 + k))  # values at trials, one gradient a step
    bfgs = _run("himmelblau", "bfgs", steps=10)
    f_evals, g_evals = bfgs.trajectory.rows()[:, -2:].T
    assert np.array_equal(f_evals, g_evals)
    assert g_evals[-1] == 1 + len(bfgs.trials) == bfgs.grad_evals
    assert np.all(np.diff(g_evals) >= 1)
    # the CSV: the counts as the last two columns; a first-order CSV keeps its format
    columns, data = read_csv(export_run(arm, tmp_path / "arm.csv"))
    assert columns[-2:] == EVAL_COLUMNS and np.array_equal(data, rows)
    columns, _ = read_csv(export_run(_run("himmelblau", "sgd", steps=3), tmp_path / "sgd.csv"))
    assert columns[-1] == "lr"
    assert _run("himmelblau", "newton", steps=3).trajectory.columns[-1] == "lr"  # one of each a step


@pytest.mark.parametrize("gradient", ["numerical", "autodiff"])
def test_line_search_with_other_gradient_methods_matches_analytic(gradient):
    a = _run("booth", "bfgs", steps=6)
    b = _run("booth", "bfgs", steps=6, gradient=gradient)
    assert b.trajectory.rows()[:, :2] == pytest.approx(a.trajectory.rows()[:, :2], abs=1e-5)


def test_what_the_methods_refuse_in_words():
    with pytest.raises(ValueError, match="applies to the 2-D functions"):
        resolve("linreg", "newton")
    with pytest.raises(ValueError, match="float64 only"):
        resolve("bowl", "bfgs", dtype="float32")
    with pytest.raises(ValueError, match="gradient noise must be 0"):
        resolve("bowl", "gd-armijo", grad_noise=0.1)
    with pytest.raises(ValueError, match="c1 < c2"):
        resolve("bowl", "bfgs", hyper={"c1": 0.5, "c2": 0.4})
    with pytest.raises(ValueError, match="Newton steps one run at a time"):
        BatchRun("bowl", "newton", [[1.0, 2.0]])
    resolve("bowl", "newton", grad_noise=0.1)  # Newton takes a noisy gradient


def test_strong_wolfe_and_backtracking_on_a_parabola():
    phi = lambda a: ((a - 2.0) ** 2, 2.0 * (a - 2.0), None)  # noqa: E731
    s = strong_wolfe(phi, 4.0, -4.0, 1.0, c1=1e-4, c2=0.1)
    f, d, _ = phi(s.alpha)
    assert s.ok and armijo_holds(f, 4.0, s.alpha, -4.0, 1e-4) and abs(d) <= 0.1 * 4.0
    b = backtrack(lambda a: (a - 2.0) ** 2, 4.0, -4.0, 8.0, c=0.5, rho=0.5)
    assert b.trials == [8.0, 4.0, 2.0] and b.alpha == 2.0
    none = backtrack(lambda a: 5.0, 4.0, -4.0, 1.0, c=0.5, rho=0.5, max_evals=3)
    assert not none.ok and none.alpha == 0.0 and len(none.trials) == 3


def test_strong_wolfe_doubles_alpha_until_it_brackets_the_minimum():
    # φ(α) = (α − 10)²: from α = 1 the values keep falling until α = 16 overshoots
    phi = lambda a: ((a - 10.0) ** 2, 2.0 * (a - 10.0), None)  # noqa: E731
    s = strong_wolfe(phi, 100.0, -20.0, 1.0, c1=1e-4, c2=0.1)
    assert s.trials[:5] == [1.0, 2.0, 4.0, 8.0, 16.0] and 8.0 < s.trials[5] < 16.0
    f, d, _ = phi(s.alpha)
    assert s.ok and armijo_holds(f, 100.0, s.alpha, -20.0, 1e-4) and abs(d) <= 0.1 * 20.0
    assert (s.values, s.slopes) == ([phi(a)[0] for a in s.trials], [phi(a)[1] for a in s.trials])
    # the curvature condition holds with equality at α = 1 (|φ′| = 18 = 0.9·20): accepted
    first = strong_wolfe(phi, 100.0, -20.0, 1.0, c1=1e-4, c2=0.9)
    assert first.trials == [1.0] and first.alpha == 1.0 and first.f == 81.0


def test_strong_wolfe_out_of_evaluations_keeps_the_best_decrease():
    # φ(α) = −α falls without end: never the curvature condition; the last doubling is kept
    s = strong_wolfe(lambda a: (-a, -1.0, ("at", a)), 0.0, -1.0, 1.0, max_evals=5)
    assert s.trials == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert s.ok and (s.alpha, s.f, s.payload) == (16.0, -16.0, ("at", 16.0))
    # a trial where f or φ′ is not finite counts as no decrease (then the bracket is zoomed)
    bad = strong_wolfe(lambda a: (0.5 if a > 1.5 else 1.0 - a, math.nan if a > 1.5 else -1.0,
                                  None), 1.0, -1.0, 1.0, c2=0.1, max_evals=4)
    assert bad.values[1] == math.inf and math.isnan(bad.slopes[1])
    assert bad.trials == [1.0, 2.0, 1.5, 1.75]  # bisected: no cubic through a nan
    assert (bad.alpha, bad.f) == (1.5, -0.5) and bad.ok


def test_cg_restarts_when_its_direction_is_not_a_descent_direction():
    from gdlab.engine.optim.second_order import ConjugateGradient

    cg = ConjugateGradient()
    state = (np.array([-1.0, 1.0]), np.array([1.0, 0.0]), 0.5, 1)  # d′, g′ (g′ᵀd′ = −1), α′, k
    # g = (0, 2): β = gᵀ(g − g′)/‖g′‖² = 4, −g + β·d′ = (−4, 2) climbs (gᵀd = 4)
    out = cg.direction(np.array([0.0, 2.0]), state)
    assert out.restart == "not_descent" and out.beta is None
    assert out.d.tolist() == [-0.0, -2.0] and out.alpha1 == 0.5 * -1.0 / -4.0
    # g = (0, 1): β = 1, −g + d′ = (−1, 0) is flat (gᵀd = 0): no descent either
    flat = cg.direction(np.array([0.0, 1.0]), state)
    assert flat.restart == "not_descent" and flat.d.tolist() == [-0.0, -1.0]
    # and a descent direction is kept: g = (1, −1), β = 1, d = (−2, 2), gᵀd = −4
    kept = cg.direction(np.array([1.0, -1.0]), state)
    assert kept.restart == "" and kept.beta == 1.0 and kept.d.tolist() == [-2.0, 2.0]
    # the step after a restart counts from 1 again (the periodic restart every n steps)
    run = build_run(resolve("bowl", "cg"))  # the bowl's f and ∇f at the trials
    step = cg.step([0.0, 1.0], 1.0, [0.0, 2.0], state, run)
    assert step.state[3] == 1 and step.state[0].tolist() == [-0.0, -2.0]
    assert step.p == [0.0, 0.0]  # the bowl's minimum along −g


def test_a_race_by_gradient_evaluations_ends_lanes_at_different_steps_and_ranks_by_them(tmp_path):
    from gdlab.engine.files.export import export_race, read_race_csv
    from gdlab.engine.run.race import Race

    settings = [resolve("rosenbrock", name, tol=1e-6, steps=10_000)
                for name in ("sgd", "bfgs", "gd-armijo", "newton")]
    race = Race(settings, grad_evals=60)
    race.advance()
    sgd, bfgs, armijo, newton = (ln.run for ln in race.lanes)
    assert sgd.k == 59 and sgd.status == "finished"  # one gradient a step, the start's included
    assert armijo.status == "finished" and armijo.grad_evals == 60 and armijo.k == 59
    assert bfgs.status == "converged" and bfgs.k < bfgs.grad_evals - 1  # a step costs ≥ 1
    assert newton.status == "converged" and newton.grad_evals == newton.k + 1
    board = race.leaderboard()
    # both converged lanes first, ordered by the gradient evaluations they needed
    assert [b.lane for b in board[:2]] == sorted((1, 3), key=lambda i: race.lanes[i].run.grad_evals)
    assert [b.grad_evals for b in board[:2]] == sorted(b.grad_evals for b in board[:2])
    # the long CSV: the counts' columns present, empty for the lanes without them
    path = export_race(race, tmp_path / "race.csv")
    header, *lines = path.read_text().splitlines()
    assert header.endswith(",grad_norm,lr,f_evals,grad_evals")
    assert all(line.endswith(",,") for line in lines if line.startswith(("1,", "4,")))
    table = read_race_csv(path)
    assert np.array_equal(table.lane_rows(2), bfgs.trajectory.rows())
    assert np.isnan(table.lane_rows(1)[:, -2:]).all()
    assert np.array_equal(table.lane_rows(1)[:, :-2], sgd.trajectory.rows())
    with pytest.raises(ValueError, match="a whole number ≥ 1"):
        race.set_grad_evals(0)


def test_a_race_by_steps_ranks_by_steps_as_before():
    from gdlab.engine.run.race import Race

    race = Race([resolve("rosenbrock", n, tol=1e-6, steps=300) for n in ("bfgs", "newton")])
    race.advance()
    board = race.leaderboard()
    assert [b.lane for b in board] == [1, 0]  # Newton needs fewer steps than BFGS
    assert board[0].steps < board[1].steps


def test_cli_run_says_the_note_and_the_evaluations_and_races_by_evaluations(capsys):
    from gdlab.cli import main

    assert main(["run", "--problem", "saddle", "--optimizer", "newton", "--steps", "3"]) == 0
    out = capsys.readouterr().out
    assert "note       step 0: H has a negative eigenvalue here (λ = -2): Newton heads for a " \
           "saddle or a maximum" in out
    assert "evals      2 f, 2 ∇f" in out
    assert main(["race", "--problem", "rosenbrock", "--optimizer", "sgd,bfgs",
                 "--grad-evals", "30"]) == 0
    out = capsys.readouterr().out
    assert "30 gradient evaluations" in out
    sgd_line = next(line for line in out.splitlines() if "SGD" in line and "finished" in line)
    assert sgd_line.split()[-2] == "30"
    assert main(["race", "--optimizer", "sgd,newton", "--grad-evals", "30", "--steps", "5"]) == 2
    assert "drop --steps" in capsys.readouterr().err


@pytest.mark.parametrize("problem,start,hyper", [
    ("rosenbrock", None, {}), ("himmelblau", (0.0, 0.0), {}), ("saddle", None, {"lr": 0.5}),
    ("rastrigin", (3.2, -2.7), {"damping": 5.0}), ("six-hump-camel", None, {"lr": 0.3}),
    ("goldstein-price", (1.5, 1.5), {"lr": 3.0}), ("bowl", None, {}),  # bowl: g = 0 after 1
])
def test_newtons_inlined_loop_gives_the_generic_loops_rows_and_notes(problem, start, hyper):
    def run(fast: bool):
        r = build_run(resolve(problem, "newton", start=start, hyper=hyper, steps=60, tol=0.0))
        assert r._fast
        r._fast = fast
        r.advance(25)
        r.set_hyper(lr=r.optimizer.lr * 0.5)  # a change between steps, as the window makes
        r.advance()
        return r

    fast, slow = run(True), run(False)
    assert fast.trajectory.rows().tobytes() == slow.trajectory.rows().tobytes()
    assert (fast.notes, fast.status, fast.k) == (slow.notes, slow.status, slow.k)
    assert (fast.f_evals, fast.grad_evals) == (slow.f_evals, slow.grad_evals)


def test_the_maps_say_why_a_second_order_method_has_none(capsys):
    from gdlab.cli import main
    from gdlab.engine.analysis.sweeps import lr_sweep

    with pytest.raises(ValueError, match="Newton steps one run at a time"):
        lr_sweep(resolve("bowl", "newton"), [0.5, 1.0])
    assert main(["sweep", "lr", "--problem", "bowl", "--optimizer", "gd-armijo"]) == 2
    assert "GD + Armijo steps one run at a time" in capsys.readouterr().err


def test_notes_are_kept_up_to_a_bound_and_all_counted():
    from gdlab.engine.run.single import NOTES_MAX

    run = _run("saddle", "newton", steps=NOTES_MAX + 500, tol=0.0, hyper={"lr": 1e-4},
               start=(0.5, 0.5))
    assert run.note_count == NOTES_MAX + 500 and len(run.notes) == NOTES_MAX
    assert max(run.notes) == NOTES_MAX - 1


def test_auto_tune_says_a_second_order_method_steps_one_run_at_a_time():
    from gdlab.engine.analysis.tune import auto_tune

    with pytest.raises(ValueError, match="Newton steps one run at a time"):
        auto_tune(resolve("rosenbrock", "newton"))


@pytest.mark.parametrize("method", ["newton", "bfgs", "cg", "gd-armijo"])
def test_a_second_order_method_refuses_a_schedule_it_would_ignore(method):
    from gdlab.engine.run.recipe import resolve
    with pytest.raises(ValueError, match="no learning-rate schedule"):
        resolve("rosenbrock", method, schedule="cosine")
    assert resolve("rosenbrock", method, schedule="constant").schedule == "constant"


def test_a_budget_change_of_a_newton_run_is_a_change_event_not_a_note():
    """OracleRun's notes (Newton's warnings) and Run's change events are two records."""
    run = build_run(resolve("himmelblau", "newton", start=[0.0, 0.0], steps=3))
    run.advance()
    run.set_steps(6)
    assert [(e.step, e.name, e.value) for e in run.events] == [(3, "steps", 6)]
    assert all(isinstance(k, int) for k in run.notes)
    run.advance()
    assert run.k > 3  # the raised budget lets it go on


def test_newtons_inlined_loop_sitting_at_a_minimum_builds_its_note_once(monkeypatch):
    """At g = 0 the step is inlined too (a run may sit there for its whole budget): the
    method's note is made once, not a Step and a Message per step."""
    r = build_run(resolve("bowl", "newton", steps=2000, tol=0.0))
    calls = []
    real = type(r.optimizer).step
    monkeypatch.setattr(type(r.optimizer), "step",
                        lambda self, *a: calls.append(1) or real(self, *a))
    r.advance()
    assert r.k == 2000 and r.trajectory.rows()[-1][:2].tolist() == [0.0, 0.0]
    assert len(calls) == 1 and r.note_count == 1999


# -- the line searches' edges (what mutation testing found untested) ------------------------
def test_a_failed_search_takes_no_step_and_keeps_what_it_tried():
    """No α with sufficient decrease within the evaluations: α = 0, φ(0), no payload, not ok,
    and every trial with its value (backtracking 50 evaluations, strong Wolfe 25 by default)."""
    rising = lambda a: 3.0 + a  # noqa: E731
    b = backtrack(rising, 3.0, -1.0, 1.0, c=1e-4, rho=0.5)
    assert (b.alpha, b.f, b.payload, b.ok) == (0.0, 3.0, None, False)
    assert len(b.trials) == 50 and b.values == [rising(a) for a in b.trials]
    # φ not finite anywhere: every trial bisects the bracket towards 0
    s = strong_wolfe(lambda a: (math.nan, math.nan, ("at", a)), 3.0, -1.0, 1.0)
    assert (s.alpha, s.f, s.payload, s.ok) == (0.0, 3.0, None, False)
    assert s.trials == [0.5 ** i for i in range(25)] and s.values == [math.inf] * 25


def test_strong_wolfe_out_of_evaluations_keeps_a_decrease_below_one():
    s = strong_wolfe(lambda a: (-a, -1.0, None), 0.0, -1.0, 0.25, max_evals=2)
    assert s.trials == [0.25, 0.5] and (s.alpha, s.f, s.ok) == (0.5, -0.5, True)


@pytest.mark.parametrize("second", [-0.5, -1.0])
def test_a_second_trial_no_lower_than_the_first_brackets_the_minimum(second):
    """α = 2 satisfies both conditions but lies no lower than α = 1: the minimum lies between
    them, and the search zooms there (Nocedal & Wright, algorithm 3.5)."""
    phi = lambda a: ({1.0: -1.0, 2.0: second}.get(a, -1.2),  # noqa: E731
                     -0.95 if a == 1.0 else -0.5, None)  # steep at 1: not accepted there
    s = strong_wolfe(phi, 0.0, -1.0, 1.0, c1=1e-4, c2=0.9)
    assert s.trials[:2] == [1.0, 2.0] and len(s.trials) > 2 and 1.0 < s.trials[2] < 2.0


def test_a_zoom_trial_without_sufficient_decrease_ends_the_bracket_even_if_lower():
    """φ(α) = α² − α with c₁ = 0.9: sufficient decrease only for α ≤ 0.1. The zoom's first
    trial, φ's minimum 0.5, lies below φ(0) but above the Armijo line: it must close the
    bracket, not be taken (its slope 0 meets the curvature condition)."""
    phi = lambda a: (a * a - a, 2.0 * a - 1.0, None)  # noqa: E731
    s = strong_wolfe(phi, 0.0, -1.0, 0.8, c1=0.9, c2=0.95)
    assert s.trials[:2] == [0.8, pytest.approx(0.5)]
    assert s.alpha <= 0.1 and armijo_holds(s.f, 0.0, s.alpha, -1.0, 0.9)


@pytest.mark.parametrize("edge, first", [(0.3, 1.0), (0.7, 1.0), (3.0, 4.0)])
def test_a_bracket_that_collapses_ends_the_zoom_at_the_best_decrease(edge, first):
    """A step in φ at ``edge`` (slopes that never meet the curvature condition): the bracket
    shrinks onto it until its ends are neighbouring floats, and the search stops there, well
    within its evaluations, with the best decrease. (Until session 24 it stopped at a width of
    1e-16·max(1, α), narrower than two neighbouring floats from α = 0.5 up: such a zoom went on
    evaluating the same two α to its last evaluation.)"""
    s = strong_wolfe(lambda a: ((-a, -1.0, a) if a < edge else (1.0, -1.0, a)), 0.0, -1.0,
                     first, c2=0.5, max_evals=200)
    assert len(s.trials) < 100 and s.ok
    assert 0 < edge - s.alpha <= 4 * math.ulp(edge)
    assert s.f == -s.alpha and s.payload == s.alpha
    assert len(set(s.trials)) == len(s.trials)  # no α evaluated twice


@pytest.mark.parametrize("a, b", [(0.0, 2.0), (2.0, 0.0)])
def test_the_cubic_step_is_the_minimiser_of_the_cubic_through_both_ends(a, b):
    """f = x³ − 3x: the cubic through (f, f′) at 0 and 2 is f itself, minimum at 1."""
    end = lambda x: (x, x ** 3 - 3 * x, 3 * x * x - 3)  # noqa: E731
    assert _cubic_min(end(a), end(b)) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("m, a, b, expected", [
    (0.8, 0.0, 2.0, 0.8),  # a small cubic (discriminant below 1): still its minimiser
    (1.3, 1.0, 3.0, 1.3),  # inside the middle 80 % of [1, 3]
    (1.9, 0.0, 2.0, 1.0),  # in the outer 10 % of [0, 2]: bisection instead
    (1.15, 1.0, 3.0, 2.0),  # in the outer 10 % of [1, 3]
    (1.3, 3.0, 1.0, 1.3),  # the ends either way round
    (0.8, 2.0, 0.0, 0.8),
])
def test_the_cubic_step_keeps_to_the_middle_of_the_bracket(m, a, b, expected):
    """f = ((x − c)³ − 3·(m − c)²·(x − c)) / 10 (minimum at m, c the left end)."""
    c = min(a, b)
    end = lambda x: (x, ((x - c) ** 3 - 3 * (m - c) ** 2 * (x - c)) / 10,  # noqa: E731
                     (3 * (x - c) ** 2 - 3 * (m - c) ** 2) / 10)
    assert _cubic_min(end(a), end(b)) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("others, expected", [
    ((-1.0, -0.5), "no lower"),  # a zoom trial as low as the bracket's best end: not taken
    ((-2.0, -0.9), "equality"),  # lower, |φ′| = c₂·|φ′(0)| exactly: taken at once
])
def test_a_zoom_trial_is_taken_only_if_lower_and_flat_enough(others, expected):
    """α = 1 decreases (too steeply to stop), α = 2 rises: the zoom looks between them, where
    every trial has the value and slope ``others``."""
    table = {1.0: (-1.0, -0.95), 2.0: (5.0, 1.0)}
    s = strong_wolfe(lambda a: (*table.get(a, others), None), 0.0, -1.0, 1.0, c1=1e-4, c2=0.9)
    assert s.trials[:2] == [1.0, 2.0] and 1.0 < s.trials[2] < 2.0
    if expected == "no lower":
        assert s.alpha == 1.0 and s.f == -1.0
    else:
        assert s.alpha == s.trials[2] and len(s.trials) == 3


def test_the_cubic_step_where_its_denominator_is_one():
    """f = (x³ − 3x)/45 on [0, 3]: the cubic formula's denominator is exactly 1 there, an
    ordinary case (only 0 means no minimiser)."""
    end = lambda x: (x, (x ** 3 - 3 * x) / 45, (3 * x * x - 3) / 45)  # noqa: E731
    assert _cubic_min(end(0.0), end(3.0)) == pytest.approx(1.0, abs=1e-12)


def test_bfgs_restarts_when_its_estimate_does_not_point_downhill():
    """B⁻¹ not positive definite (−I, 0 or −0.1·I): −B⁻¹g climbs or is flat, so BFGS takes
    −g with B⁻¹ = I and says so; its first step is −g too, without that note."""
    from gdlab.engine.optim.second_order import BFGS

    bfgs = BFGS()
    g = np.array([1.0, 1.0])
    for bad in (-np.eye(2), np.zeros((2, 2)), -0.1 * np.eye(2)):  # gᵀd = 2, 0, 0.2
        out = bfgs.direction(g, bad)
        assert out.restart == "not_descent" and out.alpha1 == bfgs.lr
        assert out.d.tolist() == [-1.0, -1.0] and out.B.tolist() == np.eye(2).tolist()
    first = bfgs.direction(g, None)
    assert first.restart == "first" and first.d.tolist() == [-1.0, -1.0]
    assert first.B.tolist() == np.eye(2).tolist()
    kept = bfgs.direction(g, 2.0 * np.eye(2))
    assert kept.restart == "" and kept.d.tolist() == [-2.0, -2.0]
    run = build_run(resolve("bowl", "bfgs"))  # the bowl's f and ∇f at the trials
    step = bfgs.step([1.0, 1.0], 2.0, [2.0, 2.0], -np.eye(2), run)
    assert step.note == "B⁻¹g is not a descent direction: BFGS restarts from steepest descent"
    assert step.p == pytest.approx([0.0, 0.0])  # the bowl's minimum along −g
    assert bfgs.step([1.0, 1.0], 2.0, [2.0, 2.0], None, run).note == ""


def test_bfgs_without_a_step_stays_and_says_why():
    """The line search finds no decrease along d (f rises at once): θ stays, the estimate is
    dropped (the next step restarts from −g), every trial is kept, and the note counts them."""
    from gdlab.engine.optim.second_order import BFGS

    rising = Objective("rising", "rising", "f = x + y", lambda x, y, m: x + y,
                       lambda x, y, m: (-1.0, -1.0), (-5.0, 5.0, -5.0, 5.0), (0.0, 0.0), ())
    run = build_run(resolve("bowl", "bfgs"))
    run.objective = rising  # f rises along −∇f as reported: no step has a decrease
    step = BFGS().step([0.0, 0.0], 0.0, [-1.0, -1.0], None, run)
    assert step.p == [0.0, 0.0] and step.state is None and len(step.trials) == 25
    assert step.note == ("the line search found no step in 25 evaluations: BFGS restarts "
                         "from steepest descent")


def test_the_wolfe_constants_are_checked_against_each_other_one_at_a_time():
    """Changing c₁ alone is checked against the current c₂, and c₂ alone against c₁
    (c₁ < c₂ strictly: equal constants are refused too)."""
    from gdlab.engine.optim.second_order import BFGS

    bfgs = BFGS()
    c1, c2 = bfgs.c1, bfgs.c2
    for bad in ({"c1": c2}, {"c1": 0.95}, {"c2": c1}, {"c2": c1 / 2}):
        with pytest.raises(ValueError, match="c1 < c2"):
            bfgs.set(**bad)
    assert (bfgs.c1, bfgs.c2) == (c1, c2)
    bfgs.set(c1=0.5)
    assert bfgs.c1 == 0.5


def _rising_run(method):
    """A run whose objective rises along every step a method tries from (0, 0): f = x + y with
    the gradient reported as (−1, −1)."""
    rising = Objective("rising", "rising", "f = x + y", lambda x, y, m: x + y,
                       lambda x, y, m: (-1.0, -1.0), (-5.0, 5.0, -5.0, 5.0), (0.0, 0.0), ())
    run = build_run(resolve("bowl", method))
    run.objective = rising
    return run


def test_gd_armijo_without_a_decrease_stays_and_says_why():
    from gdlab.engine.optim.second_order import GDArmijo

    state = object()
    step = GDArmijo().step([0.0, 0.0], 0.0, [-1.0, -1.0], state, _rising_run("gd-armijo"))
    assert step.p == [0.0, 0.0] and step.state is state and len(step.trials) == 50
    assert step.note == "no step in 50 trials decreased f enough: staying"
    assert step.trials[:2] == [(1.0, 1.0), (0.5, 0.5)]  # θ − α·g for α = lr, ρ·lr
    bowl = build_run(resolve("bowl", "gd-armijo"))
    ok = GDArmijo().step([1.0, 1.0], 2.0, [2.0, 2.0], state, bowl)
    assert ok.state is state and ok.p == [0.0, 0.0] and ok.at == (0.0, [0.0, 0.0])


def test_a_searchs_trial_points_lie_along_its_direction():
    """The map's trial points are θ + α·d for the α searched: f there is φ(α)."""
    from gdlab.engine.optim.second_order import BFGS

    run = build_run(resolve("rosenbrock", "bfgs"))
    p = [-1.5, 2.0]
    f, g = run.objective.value(*p, math), list(run.objective.gradient(*p, math))
    plan = BFGS().plan(p, f, g, None, run)
    assert len(plan.trials) >= 2
    for (x, y), value in zip(plan.trials, plan.search.values):
        assert run.objective.value(x, y, math) == pytest.approx(value, rel=1e-12)
    assert plan.trials[0] == pytest.approx(tuple(np.array(p) + plan.search.trials[0] * plan.d))


def test_bfgs_scales_its_first_estimate_then_updates_it():
    """On the bowl (H = 2I) from (1, 1): the first step along −g reaches 0 (s = −(1, 1),
    y = −(2, 2)); I scaled by sᵀy/yᵀy = ½ (Nocedal & Wright 6.20) and updated is H⁻¹ = ½I."""
    from gdlab.engine.optim.second_order import BFGS

    step = BFGS().step([1.0, 1.0], 2.0, [2.0, 2.0], None, build_run(resolve("bowl", "bfgs")))
    assert step.p == pytest.approx([0.0, 0.0])
    np.testing.assert_allclose(step.state, 0.5 * np.eye(2), atol=1e-12)


def test_newton_on_a_shallow_positive_definite_hessian_says_nothing():
    """The ellipse's H = diag(0.1, 2) (both eigenvalues and the determinant 0.2 below 1) is
    positive definite: the Newton step goes to the minimum without a warning."""
    from gdlab.engine.optim.second_order import Newton

    run = build_run(resolve("ellipse", "newton"))
    p = [-7.0, 2.0]
    s = Newton().solve(p, list(run.objective.gradient(*p, math)), run)
    assert s.note == "" and s.det == pytest.approx(0.2)
    assert Newton().step(p, 6.45, list(run.objective.gradient(*p, math)), None, run).p == \
        pytest.approx([0.0, 0.0], abs=1e-12)


def test_cg_without_a_step_stays_restarts_and_says_why():
    from gdlab.engine.optim.second_order import ConjugateGradient

    cg = ConjugateGradient()
    step = cg.step([0.0, 0.0], 0.0, [-1.0, -1.0], None, _rising_run("cg"))
    assert step.p == [0.0, 0.0] and step.state is None and len(step.trials) == 25
    assert step.note == ("the line search found no step in 25 evaluations: CG restarts "
                         "from steepest descent")
    # a step that was found keeps its search's points for the map
    run = build_run(resolve("rosenbrock", "cg"))
    p = [-1.5, 2.0]
    f, g = run.objective.value(*p, math), list(run.objective.gradient(*p, math))
    ok = cg.step(p, f, g, None, run)
    assert ok.trials == cg.plan(p, f, g, None, run).trials and len(ok.trials) >= 1
