"""Window stress test: ``python -m gdlab.bench.stress`` (drives the real window offscreen).

Per scenario, 200 seeded random cycles of run / pause / reset / step / option changes /
export / projection / tab switches, each followed by a random pause in the event loop.
A 5 ms QTimer in the GUI thread measures how long the window stops answering (its worst
and 99th-percentile gap), and the same timer with the window idle, before the scenario and
after it (what other processes on the machine do to the GUI thread: the smaller of the two
worst gaps). One full redraw of the window is timed in the same run. Floor: worst gap −
idle worst gap ≤ 3 × one full redraw. Options: ``--cycles N``,
``--seed S``, ``--scenario NAME`` (repeatable), ``--verbose`` (each cycle with a gap over
the floor, after which action, with the GUI thread's CPU time, wait for a core and time
blocked in it, and the host's steal meanwhile), ``--stacks`` (with it, what each thread was
doing meanwhile: :mod:`gapwatch`). A gap in which the GUI thread waits for the GIL escapes
``--stacks`` (its watchdog thread waits too): ``perf record -e sched:sched_switch -e
sched:sched_wakeup -g`` shows whose the GIL was and how the GUI thread waited (session 24).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

FLOOR_FACTOR = 3.0  # worst GUI gap ≤ this × one full redraw
FUNCTIONS = ("bowl", "ellipse", "rosenbrock", "rastrigin", "himmelblau", "beale")
MODELS = ("linreg", "adaline", "mlp")
REDRAW_ROWS = 1_000_000
REDRAWS = 9  # the reference is their median
IDLE_SECONDS_PER_CYCLE = 0.1  # the idle window before a scenario (after it: half its time)


def _pump(app, seconds: float) -> None:
    """Qt's own event loop for ``seconds``, as the window runs under ``app.exec()``: it waits
    for events without the GIL. (Polling ``processEvents`` every 0.5 ms instead made the GUI
    thread ask the run thread for the GIL 2,000 times a second, and measured that.)"""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(max(0, round(seconds * 1000)), loop.quit)
    loop.exec()


def queued_seconds() -> float:
    """How long the calling thread has waited, runnable, for a core since it started (s):
    Linux's ``/proc/thread-self/schedstat``; 0.0 where there is none. What a gap spent
    neither working nor queued, the thread spent blocked: in this window, waiting for the GIL
    (or for Qt's GUI thread pool, before gdlab turned it off: ``gdlab/ui/__init__.py``)."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def stolen_seconds() -> float:
    """CPU time the host took from this virtual machine's CPUs since it booted (s, all CPUs
    together): the ``steal`` of Linux's ``/proc/stat``, counted in 10 ms ticks; 0.0 where
    there is none. A gap with steal in it was (partly) the host's, not the window's."""
    try:
        with open("/proc/stat") as f:
            return int(f.readline().split()[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


class Heart:
    """A 5 ms timer in the GUI thread; ``gaps`` are the times between its beats (s), ``busy``
    the GUI thread's CPU time in each gap (its own work, not its waits for the GIL or a core:
    information that other processes on the machine disturb less), ``queued`` its wait for a
    core in each gap (what other processes, or this one's other threads, took from it),
    ``stolen`` the host's steal from the machine's CPUs in each gap (:func:`stolen_seconds`)."""

    def __init__(self, watch=None) -> None:
        from PySide6.QtCore import QTimer
        self.watch = watch  # a GapWatch told of each beat, or None
        self.gaps: list[float] = []
        self.busy: list[float] = []
        self.queued: list[float] = []
        self.stolen: list[float] = []
        self._last = time.perf_counter()
        self._cpu = time.thread_time()
        self._queue = queued_seconds()
        self._steal = stolen_seconds()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        cpu = time.thread_time()
        queue = queued_seconds()
        steal = stolen_seconds()
        self.gaps.append(now - self._last)
        self.busy.append(cpu - self._cpu)
        self.queued.append(queue - self._queue)
        self.stolen.append(steal - self._steal)
        self._last, self._cpu, self._queue, self._steal = now, cpu, queue, steal
        if self.watch is not None:
            self.watch.beat()

    def start(self) -> None:
        self.gaps.clear()
        self.busy.clear()
        self.queued.clear()
        self.stolen.clear()
        self._last, self._cpu, self._queue = time.perf_counter(), time.thread_time(), queued_seconds()
        self._steal = stolen_seconds()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def full_redraw_seconds(app, w) -> tuple[float, float]:
    """One full redraw: the whole window drawn and painted with new rows, rosenbrock's map and
    a 1,000,000-step history (a 100,000-step Adam run ten times over, as the window benchmark's;
    median of :data:`REDRAWS`, two such histories in turn), once the window has settled (its
    map made and shown). The reference the gaps are judged against, measured on this machine
    in this run. Also returned, as information: a repaint of the same rows (median), which the
    window's caches make a third as costly: drawn again without new rows, a history is not a
    full redraw (this script's reference was that until session 19: 6–14 ms)."""
    import numpy as np

    from ..engine.optim.optimizers import make_optimizer
    from ..engine.run.single import Run
    from ..ui.jobs import wait_all
    _select(w.panel.problemCombo, "rosenbrock")
    _pump(app, 0.3)
    wait_all(-1)
    _pump(app, 0.3)
    run = Run("rosenbrock", make_optimizer("adam", lr=0.001), (-1.5, 2.0),
              steps=REDRAW_ROWS // 10, tol=0.0)
    run.advance()
    a = np.repeat(run.trajectory.rows(), 10, axis=0)[:REDRAW_ROWS]
    b = a.copy()
    b[:, :3] *= 1.001  # other rows: the path and the loss drawn again

    def timed() -> float:
        w._dirty, w.pacer.next_frame = True, 0.0
        t0 = time.perf_counter()
        w.redraw()
        w.repaint()  # every widget, synchronously
        app.processEvents()
        w.painting.flush()  # the paint the plots' changed items asked for
        return time.perf_counter() - t0

    full, same = [], []
    for i in range(REDRAWS):
        w.history.put(0, (a, b)[i % 2])
        full.append(timed())
        same.append(timed())
    w.reset_run()
    _pump(app, 0.3)
    return statistics.median(full), statistics.median(same)


def idle_worst(app, heart: "Heart", seconds: float) -> float:
    """The worst gap of the idle window over ``seconds``: what the machine's other work does
    to the GUI thread. Measured before a scenario and after it (when work it left, such as
    an export's end, may still run), and the smaller one kept: that work is the window's."""
    heart.start()
    _pump(app, seconds)
    heart.stop()
    return max(heart.gaps, default=0.0)


def _select(combo, data) -> None:
    i = combo.findData(data)
    if i >= 0:
        combo.setCurrentIndex(i)


def _actions(w, rng: random.Random, problems, folder: Path):
    """The user's possible moves: (name, callable) pairs."""
    p = w.panel

    def change_problem():
        _select(p.problemCombo, rng.choice(problems))

    def change_options():
        opts = p.modelBox.widgets
        if "hidden" in opts and rng.random() < 0.6:
            box = opts["hidden"]
            for _ in range(rng.randint(1, 3)):  # an arrow key held down
                box.setValue(rng.choice((2, 8, 32, 64, 128)) if rng.random() < 0.5
                             else max(1, box.value() + rng.choice((-1, 1))))
        elif "n" in opts and rng.random() < 0.4:  # the largest data the panel allows
            opts["n"].setValue(rng.choice((200, 2000)))
            if "batch" in opts:
                opts["batch"].setValue(rng.choice((1, 100, 500)))
        elif rng.random() < 0.5:
            _select(p.gradientCombo, rng.choice(("analytic", "numerical", "autodiff")))
        else:
            p.lrSpin.setValue(rng.choice((1e-4, 1e-3, 0.01, 0.1)))
        if rng.random() < 0.5:
            p.stepsSpin.setValue(rng.choice((100, 10_000, 1_000_000, 5_000_000)))
            p.tolSpin.setValue(rng.choice((0.0, 1e-6)))  # 0: the run goes on to its budget
        _select(p.speedCombo, rng.choice((0, 0, p.speedCombo.itemData(2))))

    def export():
        path = folder / f"run-{rng.randrange(10**6)}.csv"
        w.exporter.start(path)

    def tab():
        tabs = w.modelViews
        shown = [i for i in range(tabs.count()) if tabs.isTabVisible(i) and tabs.isTabEnabled(i)]
        tabs.setCurrentIndex(rng.choice(shown))

    def run_pause_twice():
        w.toggle_run()
        w.toggle_run()

    return [("run/pause", w.toggle_run), ("run/pause twice", run_pause_twice),
            ("step", w.step_once), ("reset", w.reset_run), ("problem", change_problem),
            ("options", change_options), ("export", export), ("project", w.surfaces.project),
            ("tab", tab)]


def run_scenario(app, w, name: str, problems, cycles: int, seed: int, verbose: bool,
                 stacks: bool = False, floor: float = 0.05) -> dict:
    """One scenario; with ``verbose``, each cycle whose worst gap exceeds ``floor`` (s)."""
    from ..ui.jobs import wait_all
    from .gapwatch import GapWatch
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        _select(w.panel.problemCombo, problems[0])
        _pump(app, 0.3)
        moves = _actions(w, rng, problems, Path(tmp))
        weights = [4, 1, 2, 1, 1, 3, 2, 1, 2]
        watch = GapWatch() if stacks else None
        heart = Heart(watch)
        idle_before = idle_worst(app, heart, IDLE_SECONDS_PER_CYCLE * cycles)
        heart.start()
        if watch is not None:
            watch.start()
        t_start = time.perf_counter()
        for _ in range(cycles):
            label, move = rng.choices(moves, weights)[0]
            seen = len(heart.gaps)
            t0 = time.perf_counter()
            move()
            took = time.perf_counter() - t0
            _pump(app, rng.uniform(0.01, 0.3))
            worst, own, queued, stolen = max(
                zip(heart.gaps[seen:], heart.busy[seen:], heart.queued[seen:],
                    heart.stolen[seen:]), default=(0.0, 0.0, 0.0, 0.0))
            if verbose and worst > floor:
                print(f"    after {label}: gap {worst * 1000:.0f} ms (GUI CPU {own * 1000:.0f} ms, "
                      f"waiting for a core {queued * 1000:.0f} ms, blocked "
                      f"{max(0.0, worst - own - queued) * 1000:.0f} ms; the host's steal "
                      f"meanwhile {stolen * 1000:.0f} ms; "
                      f"{took * 1000:.0f} ms in the "
                      f"call; {w.run_settings.get('problem')}, {w.history.n:,} rows, "
                      f"{w.run_settings.get('gradient')}, {w.run_settings.get('problem_options')})")
            for t0_gap, samples in watch.take() if watch is not None else ():
                if verbose and samples:
                    print(f"    gap from {(t0_gap - t_start) * 1000:.0f} ms, "
                          f"{len(samples)} samples:\n{watch.summary(samples)}")
        heart.stop()
        if watch is not None:
            watch.stop()
        elapsed = time.perf_counter() - t_start
        gaps = sorted(heart.gaps) or [0.0]
        cpu = sorted(heart.busy) or [0.0]
        if w.status == "running":
            w.toggle_run()
        wait_all(120_000)  # the exports write into tmp
        _pump(app, 0.5)
    idle = min(idle_before, idle_worst(app, heart, elapsed / 2))
    return {"name": name, "worst": gaps[-1], "p99": gaps[int(0.99 * (len(gaps) - 1))],
            "over_1s": sum(g > 1.0 for g in gaps), "idle": idle,
            "cpu": cpu[-1], "cpu_p99": cpu[int(0.99 * (len(cpu) - 1))],
            "steal": sum(heart.stolen)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scenario", action="append", choices=("functions", "models"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--stacks", action="store_true", help="with --verbose: the threads' "
                    "stacks sampled during each gap over 40 ms")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..ui import MainWindow
    from .sandbox import private_settings

    app = QApplication.instance() or QApplication([])
    store = private_settings()  # noqa: F841 (kept until the window is closed)
    w = MainWindow()
    w.resize(1320, 860)
    w.show()
    _pump(app, 0.5)
    scenarios = {"functions": FUNCTIONS, "models": MODELS}
    ok = True
    redraw, repaint = full_redraw_seconds(app, w)
    floor = FLOOR_FACTOR * redraw
    print(f"gdlab window stress ({args.cycles} random cycles, seed {args.seed}, offscreen); "
          f"one full redraw (new rows) {redraw * 1000:.1f} ms, a repaint of the same rows "
          f"{repaint * 1000:.1f} ms (information)")
    for name in args.scenario or scenarios:
        r = run_scenario(app, w, name, scenarios[name], args.cycles, args.seed, args.verbose,
                         args.stacks, floor)
        net = r["worst"] - r["idle"]
        passed = net <= floor
        ok &= passed
        print(f"  {name:9s}: worst GUI gap {r['worst'] * 1000:.1f} ms (idle window "
              f"{r['idle'] * 1000:.1f} ms), p99 {r['p99'] * 1000:.1f} ms, gaps over 1 s: "
              f"{r['over_1s']}; one full redraw {redraw * 1000:.1f} ms   floor worst − idle "
              f"{net * 1000:.1f} ms ≤ {FLOOR_FACTOR:g}× redraw ({floor * 1000:.0f} ms): "
              f"{'PASS' if passed else 'FAIL'}\n             the GUI thread's own CPU time in "
              f"one gap: at most {r['cpu'] * 1000:.1f} ms, p99 {r['cpu_p99'] * 1000:.1f} ms; "
              f"the host's steal from this machine's CPUs meanwhile: {r['steal'] * 1000:.0f} ms "
              "(information)", flush=True)
    t0 = time.perf_counter()
    w.close()
    print(f"  close: {(time.perf_counter() - t0) * 1000:.0f} ms in the GUI thread")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
