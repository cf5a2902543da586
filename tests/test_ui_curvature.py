"""View ▸ Curvature, the line-search trial points and Newton's notes in the window."""

import numpy as np
import pytest

from gdlab.engine.run.recipe import resolve
from test_ui import choose, setup_run
from ui_helpers import redraw_now


def test_the_curvature_view_draws_the_models_shape_and_says_its_numbers(window, qtbot):
    w = window
    setup_run(w, qtbot, "bowl", "sgd", lr=0.1, steps=5)
    view = w.curvature
    assert view.action in w.controls.viewMenu.actions() and not view.action.isChecked()
    assert not view.ellipse.isVisible() and view.label.isHidden()
    view.action.setChecked(True)
    x, y = view.ellipse.getData()
    r = np.hypot(x + 3.0, y - 4.0)  # a circle (κ = 1) around the start point
    assert len(x) > 50 and np.ptp(r) < 1e-9 * r[0]
    assert "λ = 2 and 2  ·  κ = 1" in view.label.text() and view.label.isVisibleTo(w)
    assert view.limitLabel.text() == "stability limit here: 2/λmax = 1"
    assert view.centre.data["x"][0] == pytest.approx(0.0)  # where Newton would go: the minimum
    view.action.setChecked(False)
    assert not view.ellipse.isVisible() and view.limitLabel.isHidden()


def test_a_warning_before_running_when_lr_is_above_two_over_lambda_max(window, qtbot):
    w = window
    setup_run(w, qtbot, "bowl", "sgd", lr=1.5, steps=5)
    w.curvature.action.setChecked(True)
    label = w.curvature.limitLabel
    assert label.text().startswith("⚠ lr 1.5 > 2/λmax = 1 at the start")
    w.panel.lrSpin.setValue(0.5)  # below the limit: no warning
    qtbot.waitUntil(lambda: label.text() == "stability limit here: 2/λmax = 1", timeout=5000)
    w.panel.lrSpin.setValue(1.5)
    qtbot.waitUntil(lambda: label.text().startswith("⚠"), timeout=5000)
    w.step_once()  # once running, the warning (about the start) goes
    qtbot.waitUntil(lambda: w.k == 1, timeout=5000)
    qtbot.waitUntil(lambda: not label.text().startswith("⚠"), timeout=5000)


def test_line_search_trial_points_are_drawn_fading_and_newtons_note_is_said(window, qtbot):
    w = window
    setup_run(w, qtbot, "rosenbrock", "gd-armijo", lr=1.0, steps=3, start=(-1.5, 2.0))
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 1 and bool(w.session.lane.trials), timeout=5000)
    redraw_now(w, qtbot)
    lane = w.session.lane
    trials = np.concatenate(lane.trials)
    assert len(trials) > 1 and set(trials[:, 0]) == {0.0}
    spots = w.curvature.trials.data
    assert len(spots) == len(trials)
    assert spots["x"] == pytest.approx(trials[:, 1])
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 2, timeout=5000)
    redraw_now(w, qtbot)
    spots = w.curvature.trials.data
    alphas = {int(b.color().alpha()) for b in spots["brush"]}
    assert len(alphas) == 2  # the older step's points are fainter
    # Newton on the saddle: its note, with the curvature view off
    setup_run(w, qtbot, "saddle", "newton", lr=1.0, steps=3, start=(-2.5, 0.05))
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 1, timeout=5000)
    redraw_now(w, qtbot)
    assert ("Step 0: H has a negative eigenvalue here (λ = -2): Newton heads for a saddle or "
            "a maximum") in w.curvature.label.text()
    assert w.curvature.label.isVisibleTo(w)


def test_a_race_of_mixed_methods_exports_the_counts_empty_for_first_order_lanes(window, qtbot,
                                                                                tmp_path):
    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    w.session.set_lanes([resolve("rosenbrock", n, steps=6) for n in ("sgd", "bfgs")])
    qtbot.waitUntil(lambda: len(w.session.lanes) == 2 and all(
        lane.history.n for lane in w.session.lanes), timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: all(lane.status == "finished" for lane in w.session.lanes),
                    timeout=10000)
    out = w.exporter.export_csv(tmp_path / "race.csv")
    header, *lines = out.read_text().splitlines()
    assert header.endswith(",lr,f_evals,grad_evals")
    assert all(line.endswith(",,") == line.startswith("1,") for line in lines)


def test_switching_to_a_second_order_method_shows_its_step_scale_and_back(window, qtbot):
    w = window
    p = w.panel
    choose(p.problemCombo, "rosenbrock")
    choose(p.optimizerCombo, "sgd")
    assert p.lrSpin.value() == 0.001
    choose(p.optimizerCombo, "newton")
    assert p.lrSpin.value() == 1.0  # Newton's full step, not the problem's GD rate
    qtbot.waitUntil(lambda: w.run_settings.get("optimizer") == "newton", timeout=5000)
    assert w.run_settings["hyper"]["lr"] == 1.0
    choose(p.optimizerCombo, "bfgs")
    assert p.lrSpin.value() == 1.0
    choose(p.optimizerCombo, "adam")
    assert p.lrSpin.value() == 0.1  # the problem's rate for Adam


def test_the_steps_tab_lists_the_last_line_search(window, qtbot):
    w = window
    setup_run(w, qtbot, "rosenbrock", "gd-armijo", lr=1.0, steps=3, start=(-1.5, 2.0))
    w.modelViews.setCurrentIndex(w.modelViews.stepsIndex)  # (the inspector opens first)
    label = w.modelViews.stepsView.searchLabel
    assert label.isHidden()
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 1, timeout=5000)
    redraw_now(w, qtbot)
    trials = np.concatenate(w.session.lane.trials)
    assert f"Line search at step 0: {len(trials)} trial points:" in label.text()
    assert label.text().endswith(f"({trials[-1, 1]:.4g}, {trials[-1, 2]:.4g}) — the last accepted.")
    assert "GD + Armijo does not step by lr·g" in label.text() and label.isVisibleTo(w)


def test_a_race_in_the_window_by_gradient_evaluations(window, qtbot):
    from gdlab.ui.views.lanes import grad_evals, ranking

    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    w.session.set_lanes([resolve("rosenbrock", n, steps=40, tol=1e-4)
                         for n in ("sgd", "bfgs", "newton")])
    qtbot.waitUntil(lambda: len(w.session.lanes) == 3, timeout=5000)
    w.raceView.byEvalsAction.setChecked(True)
    qtbot.waitUntil(lambda: all(lane.history.n == 1 for lane in w.session.lanes), timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.raceView.leaderboard.isVisible(), timeout=20000)
    sgd, bfgs, newton = w.session.lanes
    assert sgd.k == 40 and grad_evals(sgd) == 41  # GD's budget: 40 steps, 41 gradients
    assert bfgs.status == "finished" and grad_evals(bfgs) >= 41 and bfgs.k < 40
    k_bfgs = bfgs.k
    assert newton.status == "converged" and grad_evals(newton) == newton.k + 1
    assert ranking(w.session.lanes, by_evals=True)[0] == 2
    assert "∇f evaluations to tolerance" in w.raceView.leaderboard.text()
    w.raceView.byEvalsAction.setChecked(False)  # by steps again: every lane gets 40 steps
    qtbot.waitUntil(lambda: all(lane.history.n == 1 for lane in w.session.lanes), timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.raceView.leaderboard.isVisible(), timeout=20000)
    assert w.session.lanes[1].k > k_bfgs and grad_evals(w.session.lanes[1]) > 41


def test_a_model_greys_out_the_second_order_methods(window, qtbot):
    p = window.panel
    combo = p.optimizerCombo

    def enabled(name):
        return combo.model().item(combo.findData(name)).isEnabled()

    assert enabled("newton") and enabled("gd-armijo")
    choose(p.problemCombo, "linreg")
    assert not enabled("newton") and not enabled("bfgs") and enabled("sgd")
    choose(p.problemCombo, "himmelblau")
    assert enabled("newton") and enabled("cg")


def test_the_curvature_view_on_a_typed_formula(window, qtbot):
    from gdlab.engine.run.recipe import resolve as res

    w = window
    s = res("formula", "newton", formula="x^2 + 3*y^2 + x*y", start=(2.0, 1.0), steps=3)
    w.session.set_lane(s)
    qtbot.waitUntil(lambda: w.run_settings.get("formula") == "x^2 + 3*y^2 + x*y"
                    and w.history.n == 1, timeout=5000)
    w.curvature.action.setChecked(True)
    lo, hi = np.linalg.eigvalsh([[2.0, 1.0], [1.0, 6.0]])
    assert f"λ = {lo:.3g} and {hi:.3g}" in w.curvature.label.text()
    assert w.curvature.centre.data["x"][0] == pytest.approx(0.0, abs=1e-12)  # the minimum


def test_lbfgs_line_search_trial_points_reach_the_map_and_the_steps_tab(window, qtbot):
    w = window
    choose(w.panel.problemCombo, "rosenbrock")
    w.session.set_lanes([resolve("rosenbrock", "lbfgs", start=(-1.5, 2.0), steps=5, tol=0.0,
                                 hyper={"lr": 1.0, "line_search": "strong_wolfe"})])
    qtbot.waitUntil(lambda: w.session.lane.history.n == 1, timeout=5000)
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 1 and bool(w.session.lane.trials), timeout=5000)
    redraw_now(w, qtbot)
    lane = w.session.lane
    trials = np.concatenate(lane.trials)
    assert len(trials) >= 1 and set(trials[:, 0]) == {0.0}
    spots = w.curvature.trials.data
    assert len(spots) == len(trials)
    assert spots["x"] == pytest.approx(trials[:, 1]) and spots["y"] == pytest.approx(trials[:, 2])
    text = w.modelViews.stepsView.searchLabel.text()
    assert "L-BFGS does not step by lr·g" in text
    assert f"Line search at step 0: {len(trials)} trial point" in text
    h = lane.history
    assert h.columns[-2:] == ("f_evals", "grad_evals")
    assert h.data[h.n - 1, -1] == 2 + len(trials)  # θ₀, the trials, θ₁
