"""Background threads give way to the GUI thread while it handles events (gdlab.ui.yielding)."""

import sys
import threading
import time

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import QTimer  # noqa: E402

from gdlab.ui.yielding import gui_yield  # noqa: E402


@pytest.fixture
def patient(monkeypatch):
    """The application's GuiYield, waiting as long as the GUI thread is busy (no bound)."""
    gy = gui_yield()
    monkeypatch.setattr(gy, "limit", 60.0)
    return gy


def test_the_gui_thread_is_busy_while_it_handles_an_event_and_idle_while_it_waits(patient, qtbot):
    seen = []
    QTimer.singleShot(0, lambda: seen.append(patient.busy))
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen == [True]
    # while the loop waits for events (seen from another thread): idle, every wait ends at once
    idle = []
    sampler = threading.Timer(0.2, lambda: idle.append(not patient.busy))
    sampler.start()
    qtbot.wait(500)
    sampler.join()
    assert idle == [True]


def test_a_background_thread_waits_while_the_gui_thread_is_busy(patient, qtbot):
    returned = threading.Event()
    thread = threading.Thread(target=lambda: (patient.wait(), returned.set()))
    held = []

    def busy_gui():  # an event handler that takes 0.3 s (without holding the GIL)
        thread.start()
        held.append(returned.wait(0.3))

    QTimer.singleShot(0, busy_gui)
    qtbot.waitUntil(lambda: bool(held), timeout=5000)
    assert held == [False]  # the thread waited all along
    qtbot.waitUntil(returned.is_set, timeout=2000)  # and went on once the loop rested
    thread.join()


def test_the_wait_is_bounded_and_never_blocks_the_gui_thread_itself(qtbot, monkeypatch):
    gy = gui_yield()
    monkeypatch.setattr(gy, "limit", 0.05)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (gy.wait(), done.set()))
    out = []

    def long_gui():
        t0 = time.perf_counter()
        gy.wait()  # the GUI thread itself: returns at once
        out.append(time.perf_counter() - t0)
        thread.start()
        out.append(done.wait(10))  # a spell longer than the limit: the thread goes on

    QTimer.singleShot(0, long_gui)
    qtbot.waitUntil(lambda: len(out) == 2, timeout=20000)
    thread.join()
    assert out[0] < 0.05 and out[1] is True


def test_the_run_makes_no_steps_while_the_gui_thread_handles_an_event(window, qtbot, patient):
    """The run thread pauses at its next checkpoint (a few dozen steps) while the window
    handles an event, instead of competing with it for the interpreter."""
    w = window
    w.panel.problemCombo.setCurrentIndex(w.panel.problemCombo.findData("bowl"))
    w.panel.speedCombo.setCurrentIndex(w.panel.speedCombo.findData(0))
    w.panel.tolSpin.setValue(0.0)
    w.panel.stepsSpin.setValue(5_000_000)
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "bowl" and w.steps == 5_000_000
                    and w.status == "ready", timeout=5000)
    w.toggle_run()
    run = w.worker.run
    qtbot.waitUntil(lambda: run.k > 1000, timeout=10000)
    seen = []

    def busy_gui():
        time.sleep(0.05)  # the run thread reaches its checkpoint
        k0 = run.k
        time.sleep(0.3)  # without the GIL: the run thread could use it
        seen.append(run.k - k0)

    QTimer.singleShot(0, busy_gui)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: not w.worker._running, timeout=5000)
    assert seen[0] <= 32  # at most the block it was in


def test_a_pool_job_starts_and_checks_its_token_only_while_the_gui_thread_rests(patient, qtbot):
    from gdlab.ui.jobs import CancelToken, Jobs
    jobs, token = Jobs(), CancelToken()
    started, checked = threading.Event(), threading.Event()
    held = []

    def job():
        started.set()
        token.check()  # between two blocks of work
        checked.set()

    def busy_gui():  # the handler that asked for the job goes on for 0.3 s
        jobs.submit("test", job, lambda _: None)
        held.append(started.wait(0.3))

    QTimer.singleShot(0, busy_gui)
    qtbot.waitUntil(lambda: bool(held), timeout=5000)
    assert held == [False]
    qtbot.waitUntil(checked.is_set, timeout=5000)

    def busy_again():  # a job between two blocks waits at its token's check
        checked.clear()
        thread = threading.Thread(target=lambda: (token.check(), checked.set()))
        thread.start()
        held.append(checked.wait(0.3))

    QTimer.singleShot(0, busy_again)
    qtbot.waitUntil(lambda: len(held) == 2, timeout=5000)
    assert held[1] is False
    qtbot.waitUntil(checked.is_set, timeout=5000)


def test_a_pool_job_rests_now_and_then_without_the_gil_while_the_gui_thread_is_silent(
        qtbot, monkeypatch):
    """A woken GUI thread must hold the GIL before it can say it is busy: a pool job hands the
    GIL over now and then (a short sleep every few ms of work in which the GUI thread did not
    hold it), so that the GUI thread never waits behind it for long."""
    from gdlab.engine.cooperate import between
    from gdlab.ui import yielding
    from gdlab.ui.jobs import Jobs

    gui_yield()
    rests = []
    sleep = time.sleep

    def spy(seconds):
        rests.append((threading.get_ident(), seconds))
        sleep(seconds)
    monkeypatch.setattr(time, "sleep", spy)

    def job():  # an engine loop: 0.2 s of work, a hook call after each bit
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 0.2:
            between()
        return threading.get_ident()

    done = []
    jobs = Jobs()
    jobs.submit("rests", job, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    mine = [s for t, s in rests if t == done[0]]
    assert len(mine) >= 5 and set(mine) == {yielding.REST_SECONDS}


def test_a_background_thread_rests_once_a_slice_while_the_gui_thread_has_not_held_the_gil(
        qtbot, monkeypatch):
    """CPython may leave a woken GUI thread waiting for the GIL behind a thread that lets it
    go for a microsecond and takes it back (numpy does, in ADALINE's minibatches: 40–250 ms
    in the stress script). A background thread hands it over (a rest without the GIL) once in
    a slice of its work in which the GUI thread did not hold it (began or ended a busy spell),
    and only then: 10 ms for the run thread (``give_way``), 4 ms for a pool job. The GUI thread
    itself never rests. (A clock set by hand: what each call does at each moment.)"""
    from gdlab.ui import yielding

    gy = gui_yield()
    qtbot.wait(10)
    gy._blocking()  # the GUI thread waits for events: idle
    clock, slept = [1000.0], []
    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(time, "sleep", slept.append)
    monkeypatch.setattr(gy, "_rested", {})
    monkeypatch.setattr(gy, "_seen", 1000.0)  # the GUI thread last held the GIL
    run = yielding.RUN_SLICE_SECONDS
    assert yielding.SLICE_SECONDS < run

    # (ms after the start, who calls: the run thread's give_way, a pool job's
    # give_way_resting, or the GUI thread taking the GIL; how many rests that call makes)
    script = [(5.0, "run", 0),  # the GUI thread held the GIL 5 ms ago
              (11.0, "run", 1),  # 11 ms ago, and no rest yet
              (15.0, "run", 0),  # the last rest was 4 ms ago
              (21.5, "run", 1),  # 10.5 ms ago
              (25.0, "gui", 0),
              (32.0, "run", 0),  # the GUI thread 7 ms ago (the last rest 10.5 ms ago)
              (36.0, "run", 1),  # 11 ms ago
              (41.0, "pool", 1),  # a pool job's slice: the last rest 5 ms ago is enough
              (43.0, "pool", 0), (43.0, "run", 0)]

    def background():
        for at, who, _ in script:
            clock[0] = 1000.0 + at / 1000
            n = len(slept)
            if who == "gui":
                gy._seen = clock[0]
            else:
                (yielding.give_way if who == "run" else yielding.give_way_resting)()
            out.append(len(slept) - n)

    out: list[int] = []
    thread = threading.Thread(target=background)
    thread.start()
    thread.join()
    assert out == [n for _, _, n in script]
    assert set(slept) == {yielding.REST_SECONDS}
    clock[0] += 1.0
    gy.rest(run)  # in the GUI thread: never
    assert len(slept) == sum(out)


def test_a_superseded_or_dropped_job_stops_at_its_next_pause_unless_it_must_finish(qtbot):
    """A superseded job's result is never shown: its work stops where the engine's loops give
    way (it went on for seconds, a core and the GIL taken from the window for nothing). A job
    that writes a file (``finish``) is never cut."""
    from gdlab.engine.cooperate import between
    from gdlab.ui.jobs import Jobs
    jobs = Jobs()
    laps: dict[str, int] = {}
    stopped: dict[str, bool] = {}

    def loop(name, n=10**8):
        def work():
            laps[name] = 0
            try:
                while laps[name] < n:  # an engine loop: a loss, then a pause
                    laps[name] += 1
                    between()
                return name
            finally:
                stopped[name] = True
        return work

    results = []
    jobs.submit("check", loop("old"), results.append)
    qtbot.waitUntil(lambda: laps.get("old", 0) > 10, timeout=5000)
    jobs.submit("check", lambda: "new", results.append)  # the same lane: it waits for the old
    qtbot.waitUntil(lambda: results == ["new"], timeout=10000)
    assert stopped["old"] and laps["old"] < 10**8

    jobs.submit("map", loop("dropped"), results.append)
    qtbot.waitUntil(lambda: laps.get("dropped", 0) > 10, timeout=5000)
    jobs.drop("map")
    qtbot.waitUntil(lambda: stopped.get("dropped", False), timeout=10000)

    jobs.submit("file", loop("file", 3000), results.append, lane="export", finish=True)
    qtbot.waitUntil(lambda: laps.get("file", 0) > 10, timeout=5000)
    jobs.submit("file", lambda: "next file", results.append, lane="export", finish=True)
    qtbot.waitUntil(lambda: results[-1] == "next file", timeout=20000)
    assert laps["file"] == 3000  # written to its end (its result superseded)


def test_the_busy_mark_costs_one_call_into_python_per_busy_spell(qtbot):
    """Every event of a spell through a Python filter was a call into Python (and a wait for
    the GIL while another thread runs Python): only the first one of a spell is filtered."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from gdlab.ui.yielding import GuiYield

    class Counting(GuiYield):
        seen = 0

        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            self.seen += 1
            return super().eventFilter(watched, event)

    app = QCoreApplication.instance()
    gy = Counting(app)
    target = QObject()
    out = []

    def burst():
        for _ in range(200):
            QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))
        out.append((gy.busy, gy.seen))

    try:
        qtbot.wait(50)
        QTimer.singleShot(0, burst)
        qtbot.waitUntil(lambda: bool(out), timeout=5000)
        busy, seen = out[0]
        assert busy and seen < 10  # the spell's first events, not the 200 of the burst
        qtbot.wait(50)  # the loop rests: the next spell is seen again
        QTimer.singleShot(0, burst)
        qtbot.waitUntil(lambda: len(out) == 2, timeout=5000)
        assert out[1][0] and 0 < out[1][1] - seen < 10
    finally:
        gy._filter(False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's nice is Linux's")
def test_the_run_and_pool_threads_give_the_cpu_to_the_gui_thread(window, qtbot):
    """Woken while the run and a pool job take both cores, the GUI thread queued behind them
    (55 ms once in the stress script); they run at a higher nice, the GUI thread at its own."""
    import os

    from gdlab.ui.yielding import BACKGROUND_NICE

    def nice():
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    w = window
    seen = {}
    w.jobs.submit("test", nice, lambda n: seen.setdefault("pool", n))
    qtbot.waitUntil(lambda: "pool" in seen, timeout=5000)
    assert seen["pool"] == BACKGROUND_NICE
    runs = [int(stat.split(")")[-1].split()[16])  # the 19th field: its nice
            for tid in os.listdir("/proc/self/task")
            if open(f"/proc/self/task/{tid}/comm").read().strip() == "gdlab-run"
            for stat in [open(f"/proc/self/task/{tid}/stat").read()]]
    assert runs and set(runs) == {BACKGROUND_NICE}  # (an earlier test's may still be ending)
    assert nice() == 0  # the GUI thread's own is untouched
    assert w.session.thread.isRunning()
