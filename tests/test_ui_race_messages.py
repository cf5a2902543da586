"""What a race's messages carry: each chunk its new rows; a lane's settings, origin and
changes once, and again only when a command changed them (pytest-qt)."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.run.recipe import resolve  # noqa: E402
from gdlab.ui.views.lanes import RaceView  # noqa: E402
from gdlab.ui.worker import RunWorker  # noqa: E402
from ui_helpers import choose  # noqa: E402


def lanes(n=3, steps=50):
    return [resolve("rosenbrock", opt, start=(-1.5, 2.0), steps=steps, tol=0.0)
            for opt in ("sgd", "momentum", "adam")[:n]]


def ready_race(window, qtbot, steps):
    """Three lanes of ``steps`` at max speed, at step 0: the session."""
    s = window.session
    choose(window.panel.speedCombo, 0)
    s.set_lanes(lanes(steps=steps))
    qtbot.waitUntil(lambda: len(s.lanes) == 3 and all(x.history.n == 1 for x in s.lanes),
                    timeout=5000)
    return s


def described(u):
    return u.settings is not None or u.origin is not None or u.events is not None


def test_a_lanes_settings_origin_and_changes_are_sent_once_not_with_every_chunk(qtbot):
    worker = RunWorker()  # in this thread: its messages arrive at once
    got = []
    worker.update.connect(got.extend)  # one message: a list of every lane's news
    worker.reset(lanes(), 1)
    assert [u.lane for u in got] == [0, 1, 2] and all(u.reset for u in got)
    assert all(u.settings["optimizer"] == opt and u.origin == u.settings and u.events == []
               for u, opt in zip(got, ("sgd", "momentum", "adam")))
    got.clear()
    for _ in range(3):
        worker.step()
    assert len(got) == 9 and sum(len(u.rows) for u in got) == 9
    assert not any(described(u) for u in got)
    got.clear()
    worker.set_hyper(1, "lr", 0.0005)  # a change: lane 2's settings and events again
    worker.step()
    first = got[0]  # the last row again (its lr changed), described
    assert first.lane == 1 and first.settings["hyper"]["lr"] == 0.0005
    assert [(e.step, e.name, e.value) for e in first.events] == [(3, "lr", 0.0005)]
    assert first.origin["hyper"]["lr"] != 0.0005
    assert len(got) == 4 and not any(described(u) for u in got[1:])
    got.clear()
    worker.step()
    assert not any(described(u) for u in got)
    got.clear()
    worker.set_tol(1e-9)  # every lane's settings changed
    assert len(got) == 3 and all(u.settings["tol"] == 1e-9 for u in got)


def test_the_session_keeps_a_lanes_settings_and_changes_between_descriptions(window, qtbot):
    s = window.session
    s.set_lanes(lanes(steps=400))
    qtbot.waitUntil(lambda: len(s.lanes) == 3 and all(x.history.n == 1 for x in s.lanes),
                    timeout=5000)
    s.step()
    qtbot.waitUntil(lambda: all(x.k == 1 for x in s.lanes), timeout=5000)
    s.select(2)
    s.set_hyper("lr", 0.002)
    for _ in range(5):
        s.step()
    qtbot.waitUntil(lambda: all(x.k == 6 for x in s.lanes), timeout=5000)
    assert [x.run_settings["optimizer"] for x in s.lanes] == ["sgd", "momentum", "adam"]
    assert s.lanes[2].run_settings["hyper"]["lr"] == 0.002
    assert [(e.step, e.name) for e in s.lanes[2].events] == [(1, "lr")]
    assert s.lanes[0].events == [] and s.lanes[0].origin == s.lanes[0].run_settings
    records = s.records()  # what a saved session replays
    assert records[2].events == s.lanes[2].events and records[2].steps_done == 6


def test_a_running_race_refits_only_columns_whose_texts_changed_length(window, qtbot):
    view: RaceView = window.raceView
    s = window.session
    s.set_lanes(lanes())
    qtbot.waitUntil(lambda: len(s.lanes) == 3 and all(x.history.n == 1 for x in s.lanes),
                    timeout=5000)
    view.refresh()
    t, hdr = view.table, view.table.horizontalHeader()
    refits = []  # but the last column shown, which stretches to the table's width (the rank
    # is hidden until a race has ended)
    last = max(c for c in range(t.columnCount()) if not t.isColumnHidden(c))
    hdr.sectionResized.connect(lambda c, old, new: c < last and refits.append(c))
    step = 5  # the "step" column
    for k in (11, 12, 13):  # same length: nothing is measured again
        for lane in s.lanes:
            lane.k = k
        view.refresh()
    assert refits == [] and t.item(0, step).text() == "13"
    for lane in s.lanes:
        lane.k = 1_234_567  # longer: the column grows to show it
    view.refresh()
    metrics = t.fontMetrics()
    assert t.columnWidth(step) >= metrics.horizontalAdvance("1,234,567")
    assert set(refits) <= {step, 7}  # "to tol" may follow; the others keep their widths


def shown(w, loss):
    """A loss as the loss plot holds it (log10 on a log scale)."""
    return np.log10(loss) if w.lossPlot.log else loss


def test_a_races_hidden_single_run_curve_does_no_work_and_is_current_when_shown(window, qtbot):
    w, s = window, window.session
    choose(w.panel.speedCombo, 0)
    s.set_lanes(lanes(steps=3_000))
    qtbot.waitUntil(lambda: len(s.lanes) == 3 and all(x.history.n == 1 for x in s.lanes),
                    timeout=5000)
    set_on_hidden = []
    w.lossPlot.loss.sigPlotChanged.connect(lambda *_: set_on_hidden.append(1))
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and not w._dirty, timeout=20000)
    assert w.lossPlot.racing and not w.lossPlot.loss.isVisible()
    assert set_on_hidden == []  # the lanes draw their own curves
    drawn = w.lossPlot._lanes[2].getData()[1]
    assert drawn[-1] == shown(w, s.lanes[2].history.data[-1, s.lanes[2].history.columns.index("loss")])
    s.remove_lane(0)
    s.remove_lane(0)  # one lane: the single run's curve again, its whole loss
    qtbot.waitUntil(lambda: not s.racing and s.lane.history.n == 1, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and not w._dirty, timeout=20000)
    assert w.lossPlot.loss.isVisible() and not w.lossPlot.racing
    x, y = w.lossPlot.loss.getData()
    assert x[-1] == 3_000
    assert y[-1] == shown(w, s.lane.history.data[-1, s.lane.history.columns.index("loss")])


def test_a_race_sends_every_lanes_news_in_one_message_and_the_session_files_them_all(window,
                                                                                     qtbot):
    worker = RunWorker()  # in this thread: its messages arrive at once
    messages = []
    worker.update.connect(messages.append)
    worker.reset(lanes(), 1)
    worker.step()
    worker.step()
    assert [[u.lane for u in m] for m in messages] == [[0, 1, 2]] * 3  # one per tick
    s = window.session
    s.set_lanes(lanes(steps=30_000))  # several chunks
    choose(window.panel.speedCombo, 0)
    qtbot.waitUntil(lambda: len(s.lanes) == 3 and all(x.history.n == 1 for x in s.lanes),
                    timeout=5000)
    got = []
    s.worker.update.connect(got.append)  # the same messages the session takes, after it
    window.toggle_run()
    qtbot.waitUntil(lambda: window.status == "finished", timeout=30000)
    assert len(got) > 1 and all([u.lane for u in m] == [0, 1, 2] for m in got)
    for i, lane in enumerate(s.lanes):  # every row of every lane, in its history
        rows = np.concatenate([u.rows for m in got for u in m if u.lane == i])
        assert lane.history.n == 30_001 and np.array_equal(lane.history.data[1:], rows)


def test_the_run_thread_writes_a_races_rows_and_the_gui_thread_copies_none(window, qtbot,
                                                                           monkeypatch):
    """The lanes' rows go from the engine into each lane's History in the run thread; the
    GUI thread only shows them (commits the count) as their message arrives."""
    import threading

    from gdlab.ui.history import History

    copied_in = []  # the thread of every call that copies rows into a History
    for name in ("put", "write"):
        if hasattr(History, name):
            def spy(self, *args, _f=getattr(History, name)):
                copied_in.append(threading.get_ident())
                return _f(self, *args)
            monkeypatch.setattr(History, name, spy)
    s = ready_race(window, qtbot, steps=30_000)
    copied_in.clear()
    window.toggle_run()
    qtbot.waitUntil(lambda: window.status == "finished", timeout=30000)
    assert copied_in and threading.get_ident() not in copied_in
    for lane, run in zip(s.lanes, s.worker.runs):  # every row, as the engine has it
        assert lane.history.n == 30_001
        assert np.array_equal(lane.history.data, run.trajectory.rows())


def test_a_lanes_checkpoints_come_as_the_run_has_them_not_filed_one_by_one(window, qtbot,
                                                                          monkeypatch):
    """A message brings a lane's checkpoints as a copy of the run's (when they changed): the
    GUI thread files none of the runs' checkpoints one by one (it takes its own only for the
    inspector's scratch runs)."""
    import threading

    from gdlab.engine.run.checkpoints import Checkpoints

    filed = []  # (thread, checkpoint) of every checkpoint filed anywhere
    add = Checkpoints.add
    monkeypatch.setattr(Checkpoints, "add", lambda self, ck: (
        filed.append((threading.get_ident(), ck)), add(self, ck))[1])
    s = ready_race(window, qtbot, steps=30_000)
    filed.clear()
    window.toggle_run()
    qtbot.waitUntil(lambda: window.status == "finished", timeout=30000)
    gui = threading.get_ident()
    taken = {id(ck) for thread, ck in filed if thread != gui}  # by the runs, in their thread
    assert taken and not any(thread == gui and id(ck) in taken for thread, ck in filed)
    for lane, run in zip(s.lanes, s.worker.runs):
        assert [ck.k for ck in lane.checkpoints] == [ck.k for ck in run.checkpoints]
        assert lane.checkpoints is not run.checkpoints  # a copy: the run's go on changing
        assert lane.checkpoints.nearest(12_345) is run.checkpoints.nearest(12_345)


def test_a_running_races_table_follows_the_windows_frames_not_each_message(window, qtbot):
    w, s = window, window.session
    choose(w.panel.speedCombo, 0)
    s.set_lanes(lanes(steps=2_000_000 // 3))
    qtbot.waitUntil(lambda: len(s.lanes) == 3 and all(x.history.n == 1 for x in s.lanes),
                    timeout=5000)
    qtbot.waitUntil(lambda: not w._dirty, timeout=5000)
    table, step = w.raceView.table, 5  # the "step" column
    assert [table.item(r, step).text() for r in range(3)] == ["0"] * 3
    w._redraw_timer.stop()  # no frames from now on
    w.toggle_run()
    qtbot.waitUntil(lambda: s.lane.k > 1000, timeout=10000)
    qtbot.wait(300)  # several messages and three refresh intervals later: still as drawn
    assert s.status == "running"
    assert [table.item(r, step).text() for r in range(3)] == ["0"] * 3
    w.pacer.next_frame = 0.0
    w.redraw()  # a frame: the table shows the steps the map shows
    assert [table.item(r, step).text() for r in range(3)] == [f"{x.k:,}" for x in s.lanes]
    w.toggle_run()  # paused: the table follows the lanes at once again
    qtbot.waitUntil(lambda: s.status == "paused", timeout=5000)
    qtbot.waitUntil(lambda: [table.item(r, step).text() for r in range(3)]
                    == [f"{x.k:,}" for x in s.lanes], timeout=3000)


def test_a_race_at_max_speed_gives_its_frames_a_smaller_share_than_a_single_run(window, qtbot):
    from gdlab.ui.window import FRAME_BUDGET_FACTOR, RACE_FRAME_BUDGET_FACTOR

    w, s = window, window.session
    choose(w.panel.speedCombo, 0)
    assert w.pacer.budget_factor == FRAME_BUDGET_FACTOR
    s.set_lanes(lanes())
    qtbot.waitUntil(lambda: len(s.lanes) == 3, timeout=5000)
    assert w.pacer.budget_factor == RACE_FRAME_BUDGET_FACTOR > FRAME_BUDGET_FACTOR
    choose(w.panel.speedCombo, w.panel.speedCombo.itemData(1))  # paced: capped at 60 Hz only
    assert w.pacer.budget_factor == 1.0
    choose(w.panel.speedCombo, 0)
    s.remove_lane(0)
    s.remove_lane(0)
    qtbot.waitUntil(lambda: not s.racing, timeout=5000)
    assert w.pacer.budget_factor == FRAME_BUDGET_FACTOR


def test_the_run_threads_checkpoint_reads_two_flags_when_nothing_waits(qtbot, monkeypatch):
    """Every few dozen steps of every lane: while the window neither paints nor handles an
    event, the checkpoint takes no lock (an Event's wait took ~1% of a run's time)."""
    import threading

    from gdlab.ui import yielding

    class Gate(threading.Event):
        waits = 0

        def wait(self, timeout=None):
            Gate.waits += 1
            return super().wait(timeout)

    worker = RunWorker()
    worker.gate = Gate()
    worker.gate.set()
    gui_waits = []
    real = yielding.GuiYield.wait
    monkeypatch.setattr(yielding.GuiYield, "wait", lambda self: (gui_waits.append(1), real(self)))
    yielding.gui_yield()._blocking()  # as when the GUI thread waits for events
    for _ in range(100):
        worker._checkpoint()
    assert Gate.waits == 0 and gui_waits == []
    worker.gate.clear()  # a frame being painted: the checkpoint waits for it
    threading.Timer(0.05, worker.gate.set).start()
    worker._checkpoint()
    assert Gate.waits == 1
