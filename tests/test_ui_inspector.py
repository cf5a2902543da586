"""The step inspector, the timeline and Continue from here in the window (offscreen)."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from gdlab.engine.files.export import read_csv  # noqa: E402
from gdlab.engine.run.recipe import build_run  # noqa: E402
from gdlab.engine.run.single import RunSettings  # noqa: E402
from ui_helpers import choose, redraw_now  # noqa: E402


def setup(w, qtbot, problem="bowl", optimizer="sgd", lr=0.1, steps=60, start=None):
    p = w.panel
    choose(p.problemCombo, problem)
    choose(p.optimizerCombo, optimizer)
    choose(p.speedCombo, 0)
    p.tolSpin.setValue(0.0)
    p.stepsSpin.setValue(steps)
    p.lrSpin.setValue(lr)
    if start is not None:
        p.set_start(*start)
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == problem
                    and w.run_settings.get("optimizer") == optimizer
                    and w.run_settings.get("hyper", {}).get("lr") == lr
                    and w.run_settings.get("steps") == steps
                    and (start is None or tuple(w.run_settings["start"]) == start), timeout=5000)


def run_to_end(w, qtbot):
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status in ("finished", "converged", "diverged"), timeout=20000)
    redraw_now(w, qtbot)


def lines(w):
    return w.modelViews.inspector.plain_text().splitlines()


def test_the_inspector_is_a_2d_objectives_first_tab_and_works_step_zero(window, qtbot):
    w = window
    setup(w, qtbot, start=(-3.0, 4.0))
    mv = w.modelViews
    assert mv.currentIndex() == mv.inspectorIndex
    assert mv.isTabVisible(mv.stepsIndex) and mv.isTabVisible(mv.checkIndex)
    w._touch()
    redraw_now(w, qtbot)
    qtbot.waitUntil(lambda: "θ₁ = θ₀ − lr·g₀ = (−3, 4) − 0.1·(−6, 8) = (−2.4, 3.2)" in lines(w),
                    timeout=5000)
    # selectable and copyable
    flags = mv.inspector.text.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    mv.inspector.copyButton.click()
    assert "(−2.4, 3.2)" in QGuiApplication.clipboard().text()
    # the update drawn on the map: −lr·g from θ₀ (SGD's step is the same: one arrow)
    plain, taken = w.inspection.marks._vectors
    assert plain == pytest.approx((-3.0, 4.0, 0.6, -0.8)) and taken is None


def test_momentum_draws_the_step_taken_beside_minus_lr_g(window, qtbot):
    w = window
    setup(w, qtbot, optimizer="momentum", lr=0.05, steps=5, start=(-3.0, 4.0))
    run_to_end(w, qtbot)
    w.timeline.choose(2)
    plain, taken = w.inspection.marks._vectors
    rows = w.history.data
    assert taken == pytest.approx((rows[2, 0], rows[2, 1], rows[3, 0] - rows[2, 0],
                                   rows[3, 1] - rows[2, 1]))
    assert plain == pytest.approx((rows[2, 0], rows[2, 1], -0.05 * rows[2, 3], -0.05 * rows[2, 4]))


def test_the_timeline_moves_every_view(window, qtbot):
    w = window
    setup(w, qtbot, optimizer="adam", steps=80, start=(-3.0, 4.0))
    run_to_end(w, qtbot)
    tl = w.timeline
    assert tl.slider.maximum() == 80 and tl.k is None
    tl.choose(17)
    rows = w.history.data
    assert lines(w)[0] == "Step 17 → 18 · Adam"
    ex = w.inspection.explanation
    assert [float(v) for v in ex.result] == list(rows[18, :2])  # the run's own next row
    assert w.inspection.cursor.isVisible() and w.inspection.cursor.value() == 17
    spots = w.inspection.marks.points.data
    assert len(spots) == 1 and (spots[0]["x"], spots[0]["y"]) == tuple(rows[17, :2])
    # ← / → move the slider while it has the focus; the window's Step (→) waits
    tl.slider.setFocus()
    qtbot.waitUntil(tl.slider.hasFocus, timeout=2000)
    n = w.history.n
    qtbot.keyClick(tl.slider, Qt.Key.Key_Right)
    qtbot.keyClick(tl.slider, Qt.Key.Key_Right)
    qtbot.keyClick(tl.slider, Qt.Key.Key_Left)
    assert tl.k == 18 and lines(w)[0] == "Step 18 → 19 · Adam"
    qtbot.wait(100)
    assert w.history.n == n
    tl.follow()
    assert not w.inspection.cursor.isVisible()
    # following a finished run: its last update (the path's last segment), not one never taken
    assert lines(w)[0] == "Step 79 → 80 · Adam"
    plain, taken = w.inspection.marks._vectors
    assert plain[:2] == pytest.approx(tuple(rows[79, :2]))


def test_a_run_that_goes_on_shows_the_next_update_and_an_ended_one_its_last(window, qtbot):
    w = window
    setup(w, qtbot, steps=5, start=(-3.0, 4.0))
    for n in (1, 2):
        w.step_once()
        qtbot.waitUntil(lambda n=n: w.k == n and w.status != "running", timeout=5000)
    w._touch()
    redraw_now(w, qtbot)
    qtbot.waitUntil(lambda: lines(w)[0] == "Step 2 → 3 · SGD", timeout=5000)  # what Step does
    run_to_end(w, qtbot)
    qtbot.waitUntil(lambda: lines(w)[0] == "Step 4 → 5 · SGD", timeout=5000)


def test_the_timeline_moves_a_models_views(window, qtbot):
    w = window
    setup(w, qtbot, problem="linreg-w", lr=0.01, steps=20)
    run_to_end(w, qtbot)
    mv = w.modelViews
    w.timeline.choose(1)  # a model's step is replayed on a pool thread
    qtbot.waitUntil(lambda: mv.params is not None and mv.k == 1, timeout=10000)
    assert float(mv.params[0]) == pytest.approx(0.3)
    mv.setCurrentIndex(mv.inspectorIndex)
    qtbot.waitUntil(lambda: "w₂ = w₁ − lr·g₁ = 0.3 − 0.01·(−25.5) = 0.555" in lines(w),
                    timeout=10000)
    w._touch()
    w.redraw()  # a frame keeps the chosen step's parameters in the model views
    assert float(mv.params[0]) == pytest.approx(0.3)


def test_a_models_step_is_worked_out_off_the_gui_thread(window, qtbot, monkeypatch):
    """Replaying a model's step (its run built, up to a checkpoint interval of its steps
    taken again) can take seconds: the GUI thread only shows the result."""
    import threading

    from gdlab.ui import step_binding
    where = []
    real = step_binding.explain_replayed
    monkeypatch.setattr(step_binding, "explain_replayed",
                        lambda r: (where.append(threading.current_thread()), real(r))[1])
    w = window
    setup(w, qtbot, problem="linreg-w", lr=0.01, steps=20)
    run_to_end(w, qtbot)
    mv = w.modelViews
    mv.setCurrentIndex(mv.inspectorIndex)
    w.timeline.choose(3)
    assert lines(w) == ["Working out step 3…"]
    qtbot.waitUntil(lambda: lines(w)[0].startswith("Step 3 → 4"), timeout=10000)
    assert where and threading.main_thread() not in where
    assert mv.k == 3


def test_a_2d_step_far_past_its_checkpoint_is_worked_out_off_the_gui_thread(window, qtbot,
                                                                           monkeypatch):
    """A long run's checkpoints lie thousands of steps apart: replaying that far (25 ms and
    more) at every frame was GUI work; near a checkpoint it stays at once."""
    import threading

    from gdlab.ui import step_binding
    where = []
    real = step_binding.explain_replayed
    monkeypatch.setattr(step_binding, "explain_replayed",
                        lambda r: (where.append(threading.current_thread()), real(r))[1])
    monkeypatch.setattr(step_binding, "INLINE_STEPS", 4)
    w = window
    setup(w, qtbot, steps=60)
    run_to_end(w, qtbot)
    w.modelViews.setCurrentIndex(w.modelViews.inspectorIndex)
    qtbot.wait(200)
    where.clear()
    w.timeline.choose(2)  # 2 steps past the checkpoint at 0: at once, here
    assert lines(w)[0].startswith("Step 2 → 3") and where == [threading.main_thread()]
    where.clear()
    w.timeline.choose(40)  # 40 steps past it: on a pool thread
    assert lines(w) == ["Working out step 40…"]
    qtbot.waitUntil(lambda: lines(w)[0].startswith("Step 40 → 41"), timeout=10000)
    assert where and threading.main_thread() not in where


def test_a_running_2d_inspector_keeps_its_last_update_while_the_next_is_worked_out(
        window, qtbot, monkeypatch):
    """Past a long run's first million steps its latest step is worked out on a pool thread:
    the inspector goes on showing the last update meanwhile, never "Working out…" at 10 Hz."""
    from gdlab.ui import step_binding
    monkeypatch.setattr(step_binding, "INLINE_STEPS", 0)
    w = window
    setup(w, qtbot, steps=200_000)
    w.modelViews.setCurrentIndex(w.modelViews.inspectorIndex)
    seen = []
    real = w.inspection.inspector.show_message
    monkeypatch.setattr(w.inspection.inspector, "show_message",
                        lambda m: (seen.append(m), real(m))[1])
    w.panel.speedCombo.setCurrentIndex(w.panel.speedCombo.findData(250))
    w.toggle_run()
    qtbot.waitUntil(lambda: lines(w)[0].startswith("Step "), timeout=5000)
    seen.clear()
    qtbot.wait(600)  # six live updates or so
    w.toggle_run()
    assert not [m for m in seen if m.startswith("Working out")]
    assert lines(w)[0].startswith("Step ")


def test_a_race_at_a_past_step_marks_every_lane(window, qtbot):
    w = window
    setup(w, qtbot, problem="rosenbrock", lr=0.001, steps=100)
    for optimizer in ("momentum", "adam"):
        w.raceView.addButton.click()
        choose(w.panel.optimizerCombo, optimizer)
        qtbot.waitUntil(lambda o=optimizer: w.run_settings.get("optimizer") == o, timeout=5000)
    qtbot.waitUntil(lambda: len(w.session.lanes) == 3, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: all(ln.status in ("finished", "converged", "diverged")
                                for ln in w.session.lanes), timeout=20000)
    redraw_now(w, qtbot)
    w.timeline.choose(30)
    spots = w.inspection.marks.points.data
    want = {tuple(ln.history.data[30, :2]) for ln in w.session.lanes}
    assert {(s["x"], s["y"]) for s in spots} == want
    assert lines(w)[0].startswith("Step 30 → 31 · ")
    lane = w.session.lane
    assert [float(v) for v in w.inspection.explanation.result] == list(lane.history.data[31, :2])


def test_a_running_race_works_the_inspector_out_at_two_hertz_a_single_run_at_ten(
        window, qtbot, monkeypatch):
    from types import SimpleNamespace

    from gdlab.ui import step_binding

    w = window
    setup(w, qtbot, problem="rosenbrock", lr=0.001, steps=100)
    clock = [step_binding.time.perf_counter() + 1.0]
    monkeypatch.setattr(step_binding, "time", SimpleNamespace(perf_counter=lambda: clock[0]))
    worked = []
    explain = w.inspection._explain
    monkeypatch.setattr(w.inspection, "_explain", lambda *a: worked.append(a) or explain(*a))

    def frames_while_running() -> int:
        """Refreshes of 5 frames 0.15 s apart while every lane runs: how many worked it out."""
        for lane in w.session.lanes:
            lane.status = "running"
        assert w.session.status == "running"
        worked.clear()
        clock[0] += 1.0  # well after the last refresh
        for _ in range(5):
            w.inspection.refresh()
            clock[0] += 0.15
        return len(worked)

    assert frames_while_running() == 5  # a single run: every frame (≤ 10 Hz)
    for optimizer in ("momentum", "adam"):
        w.raceView.addButton.click()
        choose(w.panel.optimizerCombo, optimizer)
        qtbot.waitUntil(lambda o=optimizer: w.run_settings.get("optimizer") == o, timeout=5000)
    qtbot.waitUntil(lambda: len(w.session.lanes) == 3
                    and all(ln.history.n == 1 for ln in w.session.lanes), timeout=5000)
    assert frames_while_running() == 2  # a race: every 0.5 s
    worked.clear()
    w.inspection.refresh(force=True)  # a step chosen, a tab shown: at once
    assert len(worked) == 1


def test_continue_from_here_branches_and_the_csv_holds_the_branch(window, qtbot, tmp_path):
    w = window
    setup(w, qtbot, optimizer="momentum", lr=0.01, steps=100, start=(-3.0, 4.0))
    run_to_end(w, qtbot)
    before = w.history.data.copy()
    w.timeline.choose(40)
    w.panel.lrSpin.setValue(0.03)  # the current settings the branch goes on with
    qtbot.waitUntil(lambda: w.session.lane.settings.hyper["lr"] == 0.03, timeout=5000)
    w.timeline.continueButton.click()
    assert w.timeline.k is None  # the views follow the branch
    qtbot.waitUntil(lambda: w.history.data[40, -1] == 0.03 and w.status == "finished"
                    and w.history.n == 101, timeout=20000)
    rows = w.history.data
    assert np.array_equal(rows[:40], before[:40])
    assert rows[40, -1] == 0.03 and not np.array_equal(rows[41:], before[41:])
    # the same branch headless: 40 steps at 0.01, then 0.03
    run = build_run(RunSettings("bowl", "momentum", {"lr": 0.01}, (-3.0, 4.0), 40, tol=0.0))
    run.advance()
    run.set_hyper(lr=0.03)
    run.set_steps(100)
    run.advance()
    assert np.array_equal(rows, run.trajectory.rows())
    columns, written = read_csv(w.exporter.export_csv(tmp_path / "branch.csv"))
    assert columns == w.history.columns and np.array_equal(written, rows)


def test_the_steps_table_follows_the_chosen_step(window, qtbot):
    w = window
    setup(w, qtbot, steps=30, start=(-3.0, 4.0))
    run_to_end(w, qtbot)
    mv = w.modelViews
    mv.setCurrentIndex(mv.stepsIndex)
    w.timeline.choose(12)
    assert mv.stepsView.rows[-1][0] == 12  # the table ends at the chosen step
    w.timeline.follow()
    w._touch()
    redraw_now(w, qtbot)
    qtbot.waitUntil(lambda: mv.stepsView.rows[-1][0] == 30, timeout=3000)


def test_continue_from_here_branches_every_lane_of_a_race(window, qtbot):
    w = window
    setup(w, qtbot, problem="ellipse", lr=0.1, steps=60)
    w.raceView.addButton.click()
    choose(w.panel.optimizerCombo, "adam")
    qtbot.waitUntil(lambda: w.run_settings.get("optimizer") == "adam", timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: all(ln.status == "finished" for ln in w.session.lanes), timeout=20000)
    redraw_now(w, qtbot)
    before = [ln.history.data.copy() for ln in w.session.lanes]
    w.timeline.choose(25)
    w.panel.lrSpin.setValue(0.02)  # the selected lane (adam) goes on at another rate
    qtbot.waitUntil(lambda: w.session.lane.settings.hyper["lr"] == 0.02, timeout=5000)
    w.timeline.continueButton.click()
    adam = w.session.lanes[1]
    qtbot.waitUntil(lambda: adam.history.data[25, -1] == 0.02 and all(
        ln.status == "finished" and ln.history.n == 61 for ln in w.session.lanes), timeout=20000)
    for ln, old in zip(w.session.lanes, before):
        assert np.array_equal(ln.history.data[:25], old[:25])
    sgd = w.session.lanes[0]
    assert np.array_equal(sgd.history.data, before[0])  # the same settings: the same rows
    assert not np.array_equal(adam.history.data[26:], before[1][26:])


def test_the_linreg_w_curve_draws_the_chosen_step_as_an_arrow_along_it(window, qtbot):
    w = window
    setup(w, qtbot, problem="linreg-w", optimizer="sgd", lr=0.01, steps=20)
    run_to_end(w, qtbot)
    X = np.array([1.0, 2.0, 3.0, 4.0])

    def J(v):  # seeds §3's loss, by hand
        return float(np.mean((v * X - 2 * X) ** 2))

    rows = w.history.data
    marks = w.inspection.marks
    for k in (1, 6, 13):
        w.timeline.choose(k)  # a model's step is worked out on a pool thread
        qtbot.waitUntil(lambda: w.inspection.explanation is not None
                        and w.inspection.explanation.k == k and marks._vectors is not None,
                        timeout=10000)
        plain, taken = marks._vectors
        assert plain is None
        x, y, dx, dy = taken
        assert (x, y) == pytest.approx((rows[k, 0], J(rows[k, 0])), rel=1e-12)
        assert (x + dx, y + dy) == pytest.approx((rows[k + 1, 0], J(rows[k + 1, 0])), rel=1e-12)
        _halo, shaft, head = marks._arrows[1]
        xs, ys = shaft.getData()  # drawn as they are: the ends on the curve, not magnified
        assert shaft.isVisible() and head.isVisible()
        assert (xs[0], ys[0], xs[-1], ys[-1]) == pytest.approx(
            (rows[k, 0], J(rows[k, 0]), rows[k + 1, 0], J(rows[k + 1, 0])), rel=1e-12)
        assert (head.pos().x(), head.pos().y()) == pytest.approx((xs[-1], ys[-1]))


def test_a_line_search_draws_only_the_step_it_took(window, qtbot):
    w = window
    setup(w, qtbot, problem="rosenbrock", optimizer="bfgs", lr=1.0, steps=10)
    run_to_end(w, qtbot)
    w.timeline.choose(3)
    plain, taken = w.inspection.marks._vectors
    rows = w.history.data
    assert plain is None  # −lr·g is no step BFGS would take
    assert taken == pytest.approx((rows[3, 0], rows[3, 1], rows[4, 0] - rows[3, 0],
                                   rows[4, 1] - rows[3, 1]))
    assert lines(w)[-2].startswith("θ₄ = θ₃ + α₃·d₃ = ")


def test_the_status_line_follows_the_timeline(window, qtbot):
    w = window
    setup(w, qtbot, steps=40, start=(-3.0, 4.0))
    run_to_end(w, qtbot)
    rows = w.history.data
    assert w.statusLabel.text().startswith("Step 40 of 40")
    w.timeline.choose(5)
    qtbot.waitUntil(lambda: w.statusLabel.text().startswith(
        "Showing step 5 (the run is at step 40 of 40)"), timeout=5000)
    text = w.statusLabel.text()
    assert f"θ = ({rows[5, 0]:.7g}, {rows[5, 1]:.7g})" in text and f"loss {rows[5, 2]:.6g}" in text
    w.timeline.choose(w.timeline.slider.maximum())  # the slider's end: live again
    qtbot.waitUntil(lambda: w.statusLabel.text().startswith("Step 40 of 40"), timeout=5000)
    assert f"θ = ({rows[40, 0]:.7g}, {rows[40, 1]:.7g})" in w.statusLabel.text()
    w.timeline.choose(12)
    qtbot.waitUntil(lambda: "Showing step 12 " in w.statusLabel.text(), timeout=5000)
    w.timeline.follow()  # Latest
    qtbot.waitUntil(lambda: w.statusLabel.text().startswith("Step 40 of 40"), timeout=5000)


def test_a_frames_inspector_text_is_set_on_the_next_turn(window, qtbot, monkeypatch):
    """Laying out the inspector's rich text costs as much as the rest of a frame: a frame
    works the update out and draws its arrows, and the text follows on the next turn (the
    window answers in between); a step chosen on the timeline shows its text at once."""
    w = window
    setup(w, qtbot, steps=5, start=(-3.0, 4.0))
    in_frame, shown = [False], []
    real_show = w.modelViews.inspector.show_explanation
    monkeypatch.setattr(w.modelViews.inspector, "show_explanation",
                        lambda ex, caption="": (shown.append((in_frame[0], ex)),
                                                real_show(ex, caption)))
    real_draw = w._draw

    def draw():
        in_frame[0] = True
        try:
            real_draw()
            # the frame worked the update out and drew it: only the text waits
            ex = w.inspection.explanation
            assert ex is not None and w.inspection.marks._vectors[0] is not None
        finally:
            in_frame[0] = False

    monkeypatch.setattr(w, "_draw", draw)
    for n in (1, 2):
        w.step_once()
        qtbot.waitUntil(lambda n=n: lines(w)[0] == f"Step {n} → {n + 1} · SGD", timeout=5000)
    assert shown and not any(during for during, _ in shown)
    assert shown[-1][1] is w.inspection.explanation
    w.timeline.choose(0)
    assert lines(w)[0] == "Step 0 → 1 · SGD"  # at once
