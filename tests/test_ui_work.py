"""The window under stress: no stale views, no stale runs, no heavy work in the GUI thread."""

import os
import re
import sys
import threading
import time

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from gdlab.engine.analysis.checkgrad import check_gradients  # noqa: E402
from gdlab.engine.files.export import read_csv  # noqa: E402
from gdlab.engine.problems.registry import get_problem  # noqa: E402
from gdlab.ui.views.stepsview import column_format, step_table  # noqa: E402
from gdlab.ui.worker import shown_status  # noqa: E402


def select(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def open_problem(w, qtbot, name):
    select(w.panel.problemCombo, name)
    select(w.panel.speedCombo, 0)
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == name and w.status == "ready"
                    and not w.jobs.pending("surface"), timeout=5000)


def bowl_to_budget(w, qtbot, steps):
    """bowl at max speed, tolerance 0: the run goes on for its whole budget."""
    open_problem(w, qtbot, "bowl")
    w.panel.tolSpin.setValue(0.0)
    w.panel.stepsSpin.setValue(steps)
    qtbot.waitUntil(lambda: w.steps == steps and w.run_settings["tol"] == 0.0, timeout=5000)


# -- item 1: the side panel of a 2-D objective ----------------------------------------------
def test_2d_objective_opens_on_the_inspector_and_shows_the_last_steps(window, qtbot):
    w = window
    open_problem(w, qtbot, "bowl")
    mv = w.modelViews
    assert mv.currentIndex() == mv.inspectorIndex  # the worked update comes first
    mv.setCurrentIndex(mv.stepsIndex)
    assert not mv.isTabVisible(mv.dataIndex) and not mv.isTabVisible(mv.graphIndex)
    assert mv.isTabVisible(mv.checkIndex)
    for _ in range(3):
        w.step_once()
        qtbot.waitUntil(lambda: w.k == 3 or w.history.n == w.k + 1, timeout=5000)
    qtbot.waitUntil(lambda: w.k == 3 and bool(mv.stepsView.rows) and mv.stepsView.rows[-1][0] == 3,
                    timeout=5000)
    data, cols = w.history.data, w.history.columns
    table = mv.stepsView.table
    assert table.rowCount() == 2 * 4  # the last 4 steps (0…3), x and y
    lr = w.panel.lrSpin.value()
    for r in range(table.rowCount()):
        k, name = int(mv.stepsView.cell_text(r, 0)), mv.stepsView.cell_text(r, 1)
        j = cols.index(name)
        theta, g = data[k, j], data[k, cols.index(f"grad_{name}")]
        assert float(mv.stepsView.cell_text(r, 2)) == pytest.approx(theta, abs=1e-4)
        assert float(mv.stepsView.cell_text(r, 3)) == pytest.approx(g, abs=1e-4)
        assert float(mv.stepsView.cell_text(r, 4)) == pytest.approx(lr * g, abs=1e-4)
        nxt = mv.stepsView.cell_text(r, 5)
        if k < 3:  # plain gradient descent: θ next = θ − lr·g
            assert float(nxt) == pytest.approx(data[k + 1, j], abs=1e-4)
            assert float(nxt) == pytest.approx(theta - lr * g, abs=1e-4)
        else:
            assert nxt == "…"
    for col in (2, 3, 4):  # a column shares its decimals
        decimals = {len(mv.stepsView.cell_text(r, col).split(".")[1])
                    for r in range(table.rowCount())}
        assert len(decimals) == 1, (col, decimals)


def test_step_table_and_column_format():
    cols = ("x", "y", "loss", "grad_x", "grad_y", "grad_norm", "lr")
    tail = np.array([[1.0, 2.0, 5.0, 2.0, 4.0, 4.5, 0.1],
                     [0.8, 1.6, 3.2, 1.6, 3.2, 3.6, 0.1]])
    rows = step_table(cols, tail, first_step=7)
    assert [r[:2] for r in rows] == [(7, "x"), (7, "y"), (8, "x"), (8, "y")]
    assert rows[0][2:] == (1.0, 2.0, pytest.approx(0.2), 0.8)
    assert np.isnan(rows[-1][5])
    assert step_table(("loss", "grad_norm", "lr", "accuracy"), tail[:, :4], 0) == []
    assert column_format(np.array([25.0, -3.5])) == "{:.4f}"
    assert column_format(np.array([1e-7, 2e-8])) == "{:.2e}"
    assert column_format(np.array([0.0, np.nan])) == "{:.4f}"


def test_the_steps_of_a_diverging_run_fit_their_columns(qtbot):
    from gdlab.engine.optim.optimizers import make_optimizer
    from gdlab.engine.run.single import Run
    from gdlab.ui.views.stepsview import StepsView, short_exponent
    run = Run("bowl", make_optimizer("sgd", lr=10.0), (-3.0, 4.0), steps=4, tol=0.0)
    run.advance()  # gradients up to 1e6: scientific notation
    view = StepsView()
    qtbot.addWidget(view)
    view.resize(390, 320)  # the side panel's width at 1320 × 860
    view.show()
    view.set_steps(run.trajectory.columns, run.trajectory.rows(), 0)
    t, metrics = view.table, view.table.fontMetrics()
    texts = [(j, view.cell_text(i, j)) for i in range(t.rowCount()) for j in range(2, 6)]
    assert any("e" in text for _, text in texts)
    for j, text in texts:
        assert "e+" not in text and "e0" not in text and "…" not in text[:-1], text
        assert float(text.replace(",", "")) if text != "…" else True
        assert metrics.horizontalAdvance(text) + 8 <= t.columnWidth(j), (text, t.columnWidth(j))
    assert short_exponent("-1.52e+06") == "-1.52e6" and short_exponent("2.00e-07") == "2.00e-7"
    assert short_exponent("-3.0000") == "-3.0000"


def test_gradient_check_of_a_2d_objective_uses_the_actual_start(window, qtbot):
    w = window
    open_problem(w, qtbot, "rosenbrock")
    w.panel.set_start(0.5, -0.25)
    qtbot.waitUntil(lambda: w.history.n and tuple(w.history.data[0, :2]) == (0.5, -0.25),
                    timeout=5000)
    mv = w.modelViews
    mv.setCurrentIndex(mv.checkIndex)
    qtbot.waitUntil(lambda: bool(mv.gradCheck.rows) and mv.gradCheck.params == [0.5, -0.25],
                    timeout=5000)
    want = check_gradients(get_problem("rosenbrock"), params=[0.5, -0.25])
    assert [r.analytic_abs for r in mv.gradCheck.rows] == [r.analytic_abs for r in want]
    assert "start point" in mv.gradCheck.whereLabel.text()
    explain = mv.gradCheck.explainLabel.text()
    assert "truncation" not in explain and explain.count(". ") == 0  # one plain sentence


# -- item 2: a view shows the current step when it becomes visible ------------------------
def adaline_run_behind_the_data_tab(w, qtbot, steps):
    """ADALINE run to ``steps`` while its data tab is open (the graph tab hidden): the tabs."""
    open_problem(w, qtbot, "adaline")
    mv = w.modelViews
    mv.setCurrentIndex(mv.dataIndex)
    w.panel.stepsSpin.setValue(steps)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and w.k == steps, timeout=20000)
    return mv


def test_graph_tab_opened_after_a_run_shows_its_last_step(window, qtbot):
    w = window
    mv = adaline_run_behind_the_data_tab(w, qtbot, 50)
    mv.setCurrentIndex(mv.graphIndex)
    assert mv.graphView.step == w.k  # at once, not at the next run's update
    assert f"{mv.graphView.values['w']:.6g}" == f"{w.params[0]:.6g}"


def test_the_graph_is_laid_out_once_per_step_it_shows(window, qtbot, monkeypatch):
    """Each layout of the graph places ~50 items and measures every text (~3 ms): opened
    after a run, or following it, the graph tab lays out once per step shown."""
    from gdlab.ui.views.graphview import GraphView
    w = window
    mv = adaline_run_behind_the_data_tab(w, qtbot, 20)
    layouts = []
    relayout = GraphView._relayout
    monkeypatch.setattr(GraphView, "_relayout", lambda self: (layouts.append(1), relayout(self)))
    mv.setCurrentIndex(mv.graphIndex)  # its first drawing for this problem (and size)
    assert mv.graphView.step == 20 and len(layouts) <= 2
    layouts.clear()
    mv.graphView.show_step(3, 0.5, 0.25)
    assert mv.graphView.step == 3 and len(layouts) == 1
    assert "step 3: sample #" in mv.graphView.caption.text()
    mv.setCurrentIndex(mv.dataIndex)
    w.reset_run()
    qtbot.waitUntil(lambda: w.status == "ready" and w.k == 0, timeout=5000)
    for _ in range(4):
        w.step_once()
    qtbot.waitUntil(lambda: w.k == 4, timeout=5000)
    assert len(layouts) == 1  # hidden meanwhile: not laid out
    mv.setCurrentIndex(mv.graphIndex)  # shown again, with the run's step
    assert mv.graphView.step == 4 and len(layouts) == 2


# -- item 4: stale runs and double presses -------------------------------------------------
def test_messages_of_a_replaced_run_never_reach_the_views(window, qtbot):
    w = window
    open_problem(w, qtbot, "mlp")
    hidden = w.panel.modelBox.widgets["hidden"]
    hidden.setValue(8)
    hidden.setValue(9)  # two changes within one worker round trip (an arrow key held)
    qtbot.waitUntil(lambda: w.run_settings["problem_options"]["hidden"] == 9
                    and w.status == "ready", timeout=5000)
    for _ in range(5):
        w.step_once()
    qtbot.waitUntil(lambda: w.k == 5 and w.status == "paused", timeout=10000)
    assert [p[0].shape for _, p in w.snapshots] == [(2, 9)] * len(w.snapshots)
    assert [k for k, _ in w.snapshots] == list(range(6))
    w.surfaces.project()
    qtbot.waitUntil(lambda: w.pathPlot.surface is not None, timeout=10000)
    assert len(w.pathPlot.surface.path) == 6


def test_run_pause_pressed_twice_within_one_round_trip_stays_paused(window, qtbot):
    w = window
    bowl_to_budget(w, qtbot, 10_000_000)
    w.toggle_run()
    w.toggle_run()  # Pause, before the worker answered the Run
    assert w.status == "paused" and w.controls.runAction.text() == "&Run"
    qtbot.wait(300)
    k = w.k
    qtbot.wait(200)
    assert w.k == k and w.status in ("paused", "stopped") and not w.worker._running
    assert w.controls.runAction.text() == "&Run"


def test_shown_status_follows_the_buttons_not_lagging_messages():
    assert shown_status("running", False) == ("paused", False)  # sent before the Pause
    assert shown_status("paused", True) == ("running", True)  # sent before the Run
    assert shown_status("finished", True) == ("finished", False)
    assert shown_status("ready", False) == ("ready", False)


# -- item 3: the GUI thread never waits for heavy work -------------------------------------
def test_pause_answers_at_once_during_a_long_step(window, qtbot):
    w = window
    open_problem(w, qtbot, "mlp")
    select(w.panel.gradientCombo, "numerical")
    w.panel.modelBox.widgets["hidden"].setValue(128)
    qtbot.waitUntil(lambda: w.run_settings.get("gradient") == "numerical" and w.status == "ready"
                    and w.run_settings["problem_options"]["hidden"] == 128, timeout=30000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.worker._running, timeout=5000)
    w.toggle_run()  # the worker is inside a step of a second or more
    assert w.status == "paused" and w.controls.runAction.text() == "&Run"
    w.reset_run()  # the step's result belongs to a replaced run: dropped
    qtbot.waitUntil(lambda: w.status == "ready" and w.k == 0, timeout=20000)
    qtbot.wait(1500)
    assert w.k == 0 and w.history.n == 1


def test_close_does_not_wait_for_a_long_step(qtbot, monkeypatch):
    from gdlab.engine.run.single import Run
    from gdlab.ui import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.history.n >= 1, timeout=5000)
    open_problem(w, qtbot, "mlp")
    inside, release = threading.Event(), threading.Event()
    evaluate = Run._evaluate

    def long_step(self, p):  # in the run thread, a step lasts until the test lets it end
        if threading.current_thread() is not threading.main_thread():
            inside.set()
            release.wait(60)
        return evaluate(self, p)

    monkeypatch.setattr(Run, "_evaluate", long_step)
    w.toggle_run()
    qtbot.waitUntil(inside.is_set, timeout=10000)  # the worker is inside a step now
    w.close()
    assert not w.isVisible()
    assert w._thread.isRunning()  # still inside its step: close did not wait for it
    release.set()
    assert w._thread.wait(60_000)


def test_projection_and_gradient_check_run_off_the_gui_thread(window, qtbot):
    w = window
    open_problem(w, qtbot, "mlp")
    for _ in range(3):
        w.step_once()
    qtbot.waitUntil(lambda: w.k == 3 and w.status == "paused", timeout=10000)
    w.surfaces.project_soon.stop()
    w.surfaces.project()
    assert w.jobs.pending("project")  # asked, not computed in this call
    qtbot.waitUntil(lambda: w.pathPlot.surface is not None, timeout=10000)
    assert w.pathPlot.surface.path.shape == (4, 2)
    mv = w.modelViews
    mv.setCurrentIndex(mv.checkIndex)
    assert mv.jobs.pending("gradcheck") and "checking" in mv.gradCheck.whereLabel.text()
    qtbot.waitUntil(lambda: not mv.jobs.pending("gradcheck"), timeout=10000)
    assert "current parameters" in mv.gradCheck.whereLabel.text()


def test_a_new_problems_map_is_computed_off_the_gui_thread_and_never_stale(window, qtbot,
                                                                          monkeypatch):
    """The colour map and isolines of a 2-D objective (~10 ms a grid) are computed on a pool
    thread; a problem chosen before the last one's map arrived never shows that map."""
    import gdlab.ui.views.plots as plots
    w = window
    open_problem(w, qtbot, "bowl")
    qtbot.waitUntil(lambda: not w.pathPlot.jobs.pending("map"), timeout=5000)
    threads = []
    real = plots.map_layers
    monkeypatch.setattr(plots, "map_layers",
                        lambda surf: (threads.append(threading.current_thread()), real(surf))[1])
    select(w.panel.problemCombo, "rastrigin")
    w.settle()  # its views, as on the next turn
    assert w.pathPlot.jobs.pending("map") and not w.pathPlot.image.isVisible()  # not bowl's
    select(w.panel.problemCombo, "himmelblau")  # before rastrigin's map arrived
    w.settle()
    qtbot.waitUntil(lambda: not w.pathPlot.jobs.pending("map"), timeout=5000)
    assert threads and threading.main_thread() not in threads
    drawn = w.pathPlot.drawn
    himmelblau = get_problem("himmelblau")
    X, Y = np.meshgrid(drawn.surface.xs, drawn.surface.ys)
    np.testing.assert_allclose(drawn.surface.Z, himmelblau.f_points(np.stack([X, Y], -1)))
    assert w.pathPlot.image.isVisible()
    np.testing.assert_array_equal(w.pathPlot.image.image, drawn.D)


def test_export_runs_in_the_background_and_can_be_cancelled(window, qtbot, tmp_path):
    w = window
    bowl_to_budget(w, qtbot, 300_000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished", timeout=30000)
    out = tmp_path / "out"
    out.mkdir()
    job = w.exporter.start(out / "a.csv")
    assert not job.done  # writing on a pool thread
    with qtbot.waitSignal(job.finished, timeout=60000) as sig:
        pass
    assert sig.args[1] is True and "Wrote" in sig.args[0]
    columns, rows = read_csv(out / "a.csv")
    np.testing.assert_array_equal(rows, w.history.data)
    job = w.exporter.start(out / "b.csv")
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=60000) as sig:
        pass
    assert sig.args[1] is False and "nothing was written" in sig.args[0]
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "a.json"]


def test_an_export_does_not_see_rows_rewritten_after_it_started():
    from gdlab.ui.history import History
    h = History(("x", "loss"))
    h.put(0, np.array([[1.0, 2.0], [3.0, 4.0]]))
    shared = h.share()
    h.put(1, np.array([[5.0, 6.0], [7.0, 8.0]]))  # the last row re-sent, one more
    np.testing.assert_array_equal(shared, [[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(h.data, [[1.0, 2.0], [5.0, 6.0], [7.0, 8.0]])


def test_a_hidden_tab_draws_a_new_problem_only_when_shown(window, qtbot):
    """ADALINE opens on its graph: its data tab is drawn for it when first shown, not on each
    problem or option change while hidden."""
    w = window
    mv = w.modelViews
    open_problem(w, qtbot, "adaline")
    qtbot.waitUntil(lambda: mv.graphView.problem is mv.problem, timeout=5000)  # two turns on
    assert mv.currentIndex() == mv.graphIndex
    assert mv.dataView.problem is None or mv.dataView.problem is not mv.problem
    w.panel.modelBox.widgets["n"].setValue(200)  # an option change: a new problem, hidden data
    qtbot.waitUntil(lambda: w.run_settings["problem_options"]["n"] == 200, timeout=5000)
    assert mv.dataView.problem is not mv.problem
    mv.setCurrentIndex(mv.dataIndex)
    assert mv.dataView.problem is mv.problem and len(mv.problem.data[1]) == 200


def _mapping_of(address: int) -> dict[str, str]:
    """The fields of /proc/self/smaps for the mapping holding ``address``."""
    with open("/proc/self/smaps") as f:
        fields, found = {}, False
        for line in f:
            head = line.split()
            if "-" in head[0] and ":" not in head[0]:
                if found:
                    break
                lo, hi = (int(x, 16) for x in head[0].split("-"))
                found = lo <= address < hi
            elif found:
                fields[head[0].rstrip(":")] = " ".join(head[1:])
    return fields


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's memory map")
def test_a_historys_store_is_made_of_small_pages():
    """numpy asks for huge pages for large arrays: the first row written into a new store
    faulted in one per column (20–48 ms of the run thread's time with the GIL held, seen in
    the stress script). A store of small pages takes its memory as rows come."""
    from gdlab.ui.history import reserved
    store = reserved(7, 4_200_000)
    store[:, 0] = 1.0
    mapping = _mapping_of(store.ctypes.data)
    assert "nh" in mapping["VmFlags"].split()  # madvised: no huge pages
    assert mapping["AnonHugePages"] == "0 kB"
    assert int(mapping["Rss"].split()[0]) <= 7 * 4 * 2  # a page or two per column (kB)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's memory map")
def test_a_dropped_store_is_unmapped_by_the_release_thread():
    """Unmapping a store's small pages costs ~9 ms per million rows, in whichever thread lets
    go of it last (often the GUI thread): the gdlab-release thread does it instead."""
    from gdlab.ui.history import reserved
    from gdlab.ui.release import release
    store = reserved(7, 4_200_000)
    store[:, :1000] = 1.0
    address = store.ctypes.data
    go_on = threading.Event()

    def busy():  # holds the release thread until told to go on
        go_on.wait(10)
        yield

    release(busy())
    del store
    assert _mapping_of(address)  # let go of, still mapped: the caller did not unmap it
    go_on.set()
    deadline = time.monotonic() + 10
    while _mapping_of(address) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _mapping_of(address)


def test_the_release_thread_walks_an_iterator_in_its_own_thread():
    from gdlab.ui.release import release
    seen, done = [], threading.Event()

    def parts():
        for _ in range(3):
            seen.append(threading.current_thread().name)
            yield
        done.set()

    def broken():
        yield
        raise RuntimeError("a bug while letting go")

    release(broken())  # the thread lives on for the next item
    release(parts())
    assert done.wait(10)
    assert seen == ["gdlab-release"] * 3


def test_a_reset_lets_go_of_the_replaced_runs_rows_aside(window, qtbot):
    """A replaced run's trajectory (a 5,000,000-step run's: ~20 ms with the GIL held) is
    freed by the release thread a block at a time, not at once by the run thread."""
    w = window
    bowl_to_budget(w, qtbot, 200_000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished", timeout=30000)
    old = w.session.worker.run
    assert len(old.trajectory) == 200_001
    w.reset_run()
    qtbot.waitUntil(lambda: w.session.worker.run is not old and len(old.trajectory) == 0,
                    timeout=10000)
    assert len(w.session.worker.run.trajectory) == 1


def test_a_history_within_its_budget_never_copies_its_rows():
    """Every chunk goes into the lane's History: within the run's budget the rows stay where
    they were first written (no O(n) copy while the window should answer)."""
    from gdlab.ui.history import History
    budget = 50_000
    h = History(("x", "loss"))
    h.reserve(budget + 1)
    buffer = h.store
    rng = np.random.default_rng(0)
    while h.n < budget + 1:
        chunk = rng.normal(size=(min(777, budget + 1 - h.n), 2))
        h.put(h.n, chunk)
        assert h.store is buffer
    np.testing.assert_array_equal(h.data[-1], chunk[-1])
    h.put(h.n, np.zeros((1, 2)))  # past the budget, it grows as before
    assert h.n == budget + 2 and h.store is not buffer
    np.testing.assert_array_equal(h.data[-2], chunk[-1])


def test_a_historys_columns_are_contiguous_and_its_rows_read_as_written():
    """The views read columns (a path's x and y, a loss curve): each is one stretch of memory,
    not every 7th number of the rows."""
    from gdlab.ui.history import History
    h = History(("x", "y", "loss"))
    rows = np.arange(30.0).reshape(10, 3)
    h.put(0, rows[:4])
    h.put(4, rows[4:])
    assert np.array_equal(h.data, rows) and h.data.shape == (10, 3)
    assert all(h.data[:, j].flags.c_contiguous for j in range(3))


def test_the_window_history_reserves_the_runs_budget(window, qtbot):
    w = window
    bowl_to_budget(w, qtbot, 200_000)
    assert w.history.capacity >= 200_001


def test_stress_script_runs_and_prints_a_verdict(capsys, tmp_path, monkeypatch):
    import tempfile

    from gdlab.bench import stress as bench_stress
    from gdlab.ui.window_state import settings_store
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # its exports go there
    from PySide6.QtCore import QSettings

    users = settings_store()
    users.setValue("run/last", "the user's")
    users.sync()
    bench_stress.main(["--cycles", "6", "--scenario", "functions"])
    out = capsys.readouterr().out
    # the window it opened and closed kept its settings to itself
    users = QSettings(users.fileName(), QSettings.Format.IniFormat)
    assert users.value("run/last") == "the user's" and users.value("window/geometry") is None
    assert re.search(r"functions: worst GUI gap [\d.]+ ms \(idle window [\d.]+ ms\), "
                     r"p99 .* (PASS|FAIL)", out)
    assert re.search(r"GUI thread's own CPU time in one gap: at most [\d.]+ ms, p99 [\d.]+ ms; "
                     r"the host's steal from this machine's CPUs meanwhile: \d+ ms", out)


def test_the_divergence_advice_is_tried_off_the_gui_thread(window, qtbot):
    w = window
    open_problem(w, qtbot, "bowl")
    w.panel.lrSpin.setValue(10.0)
    qtbot.waitUntil(lambda: w.run_settings["hyper"]["lr"] == 10.0, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "diverged", timeout=10000)
    qtbot.waitUntil(lambda: "Try lr" in w.banner.text(), timeout=5000)
    w.banner._advised = None  # say it again, and watch how
    w.banner.follow()
    assert w.jobs.pending("advice") and "Trying smaller learning rates" in w.banner.text()
    qtbot.waitUntil(lambda: "Try lr = 0.5 " in w.banner.text(), timeout=5000)


def test_hidden_tabs_do_not_widen_the_side_panel(window, qtbot):
    w = window
    open_problem(w, qtbot, "adaline")
    mv = w.modelViews
    assert mv.minimumSizeHint().width() >= 200  # the graph shown (it scrolls below ×0.8)
    open_problem(w, qtbot, "bowl")
    assert mv.minimumSizeHint().width() < 300  # steps and check only: no sideways scrolling
    open_problem(w, qtbot, "mlp")
    mv.setCurrentIndex(mv.checkIndex)
    qtbot.waitUntil(lambda: not mv.jobs.pending("gradcheck"), timeout=10000)
    assert mv.minimumSizeHint().width() < 400  # the long "where" line wraps instead


def test_export_dialog_asks_before_replacing_a_json_gdlab_did_not_write(window, qtbot, tmp_path,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    w = window
    foreign = tmp_path / "run.json"
    foreign.write_text('{"mine": true}\n')
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "run.csv"), "")))
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or answer[0]))
    w.exporter.dialog()
    assert asked and "run.json" in asked[0]
    assert w.exporter.job is None and foreign.read_text() == '{"mine": true}\n'
    assert not (tmp_path / "run.csv").exists()
    answer[0] = QMessageBox.StandardButton.Yes
    w.exporter.dialog()
    with qtbot.waitSignal(w.exporter.job.finished, timeout=30000) as sig:
        pass
    assert sig.args[1] is True
    assert "gdlab_version" in foreign.read_text() and (tmp_path / "run.csv").exists()


def test_graph_numbers_show_no_negative_zero():
    from gdlab.ui.views.graphview import fmt
    assert fmt(-0.0) == "0" and fmt(0.0 * -8.32) == "0" and fmt(-1.5) == "−1.5"


def test_history_knows_whether_the_rate_varied_without_rescanning_and_after_a_rewind():
    """lr(t) is drawn when the rate varies: the history keeps the rates' range as rows come
    (a redraw must not scan millions of rows), judged again when rows are rewritten."""
    from gdlab.ui.history import History
    cols = ("x", "y", "loss", "grad_x", "grad_y", "grad_norm", "lr")
    h = History(cols)
    row = np.array([[1.0, 2.0, 5.0, 2.0, 4.0, 4.5, 0.1]])
    h.put(0, np.repeat(row, 3, axis=0))
    assert not h.lr_min < h.lr_max
    later = row.copy()
    later[0, 6] = 0.05
    h.put(3, later)
    assert (h.lr_min, h.lr_max) == (0.05, 0.1)
    h.put(2, row)  # a rewind to step 2 drops the changed rate
    assert h.n == 3 and not h.lr_min < h.lr_max


def test_the_stress_script_tells_a_wait_for_a_core_from_work(monkeypatch):
    """A gap is the GUI thread's work, its wait for a core (other processes, or this one's
    threads) and its time blocked (the GIL): the script reads the wait from the OS."""
    from gdlab.bench import stress as bench_stress
    first = bench_stress.queued_seconds()
    t0 = time.thread_time()
    while time.thread_time() - t0 < 0.02:  # work: the wait can only grow
        pass
    assert first >= 0.0 and bench_stress.queued_seconds() >= first

    def no_proc(*_args, **_kw):
        raise OSError("no /proc here")
    monkeypatch.setattr(bench_stress, "open", no_proc, raising=False)
    assert bench_stress.queued_seconds() == 0.0


def test_the_stress_script_reads_the_hosts_steal(monkeypatch):
    """The host's steal (/proc/stat's eighth figure, in ticks) over every CPU: a gap the host
    took is told apart from the window's own."""
    import io

    from gdlab.bench import stress as bench_stress
    assert bench_stress.stolen_seconds() >= 0.0
    stat = "cpu  723 23 65 770 13 0 10 250 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n"
    monkeypatch.setattr(bench_stress, "open", lambda *_a, **_k: io.StringIO(stat), raising=False)
    assert bench_stress.stolen_seconds() == 250 / os.sysconf("SC_CLK_TCK")

    def no_proc(*_args, **_kw):
        raise OSError("no /proc here")
    monkeypatch.setattr(bench_stress, "open", no_proc, raising=False)
    assert bench_stress.stolen_seconds() == 0.0


def test_a_problem_change_draws_the_open_tab_after_the_rest_of_the_window(qtbot):
    """The call that changes the problem does not draw the open tab (the data view's set-up
    and paint would add to the window's own repaint in one stop of the GUI thread), nor does
    the new run's first message: it draws two turns of the event loop later; a tab the user
    opens draws at once."""
    from gdlab.ui.views.model_views import ModelViews
    views = ModelViews()
    qtbot.addWidget(views)
    views.show()
    p = get_problem("linreg")
    views.set_problem(p)
    assert views.currentIndex() == views.dataIndex and views.dataView.problem is None
    views.show_params(None, 0, force=True)  # the new run's first message, in the same turns
    assert views.dataView.problem is None  # not drawn in the message's turn either
    qtbot.waitUntil(lambda: views.dataView.problem is p, timeout=2000)
    a = get_problem("adaline")
    views.set_problem(a)  # opens on its graph, later
    assert views.currentIndex() == views.graphIndex and views.graphView.problem is None
    views.setCurrentIndex(views.dataIndex)  # the user's click: at once
    assert views.dataView.problem is a


def test_the_window_benchmarks_start_up_keeps_its_settings_to_itself(tmp_path):
    """Its windows, started in processes of their own, save their layout and settings at
    close: into a throw-away folder, not the user's (here the test's own config folder)."""
    from gdlab.bench.window import startup_seconds

    shown, imported = startup_seconds(repeat=1)
    assert shown > 0 and imported > 0
    assert not (tmp_path / ".config" / "gdlab").exists()


def test_the_windows_process_multiplies_on_one_blas_thread():
    """OpenBLAS kept a thread per core spinning ~0.1 s after each product: a running network
    took 20-30% of a core from the GUI thread for matrices of a few hundred rows."""
    from threadpoolctl import threadpool_info

    import gdlab.ui  # noqa: F401 (the window's process)
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)
