"""Window benchmark: ``python -m gdlab.bench_ui`` (drives the real window offscreen).

Prints, in one run: Run → last frame of a 100,000-step Adam run on rosenbrock at
"max", against the same run headless plus one redraw; the worst gap of a 5 ms
QTimer in the GUI thread during that run; process start → window shown; one
redraw with a 1,000,000-step history.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

STARTUP_CODE = r"""
import os, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gdlab.ui import MainWindow
w = MainWindow()
w.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), w.close()))
app.exec()
"""


def startup_seconds() -> float:
    """Wall time from launching a new Python process to its window shown (best of 3)."""
    best = float("inf")
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", STARTUP_CODE], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        best = min(best, float(out.stdout.split()[0]) - t0)
    return best


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .engine.optimizers import make_optimizer
    from .engine.run import Run
    from .ui import MainWindow

    app = QApplication.instance() or QApplication([])
    w = MainWindow()
    w.resize(1320, 860)
    w.show()
    p = w.panel

    def pump(until, timeout=60.0):
        t_end = time.perf_counter() + timeout
        while not until() and time.perf_counter() < t_end:
            app.processEvents()
            time.sleep(0.0005)

    pump(lambda: w.history.n >= 1)
    p.problemCombo.setCurrentIndex(p.problemCombo.findData("rosenbrock"))
    p.optimizerCombo.setCurrentIndex(p.optimizerCombo.findData("adam"))
    p.lrSpin.setValue(0.001)
    p.tolSpin.setValue(0.0)
    p.stepsSpin.setValue(100_000)
    p.speedCombo.setCurrentIndex(p.speedCombo.findData(0))
    pump(lambda: w.status == "ready" and w.run_settings.get("steps") == 100_000
         and w.run_settings.get("optimizer") == "adam")
    app.processEvents()

    # worst gap of a 5 ms timer while the run goes on
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    frames: list[float] = []
    orig_redraw = w.redraw

    def timed_redraw():
        dirty = w._dirty
        orig_redraw()
        if dirty and not w._dirty:
            frames.append(time.perf_counter())

    w._redraw_timer.timeout.disconnect()
    w._redraw_timer.timeout.connect(timed_redraw)
    heart.start()
    last[0] = time.perf_counter()
    t0 = time.perf_counter()
    w.toggle_run()
    pump(lambda: w.status == "finished" and not w._dirty)
    t_gui = frames[-1] - t0
    heart.stop()
    worst_gap = max(gaps) * 1000
    if os.environ.get("GDLAB_BENCH_DEBUG"):
        print("gaps>20ms:", [round(g * 1000) for g in gaps if g > 0.02], "frames:", len(frames))

    # the same run headless plus one redraw
    t1 = time.perf_counter()
    run = Run("rosenbrock", make_optimizer("adam", lr=0.001), (-1.5, 2.0), steps=100_000)
    run.advance()
    rows = run.trajectory.rows()
    w.history.put(0, rows)
    w._dirty, w.pacer.next_frame = True, 0.0
    orig_redraw()
    app.processEvents()
    t_headless = time.perf_counter() - t1

    # one redraw with a 1,000,000-step history
    big = np.repeat(rows, 10, axis=0)
    w.history.put(0, big)
    times = []
    for _ in range(5):
        w._dirty, w.pacer.next_frame = True, 0.0
        t2 = time.perf_counter()
        orig_redraw()
        app.processEvents()
        times.append(time.perf_counter() - t2)
    redraw_ms = min(times) * 1000
    w.close()

    start = startup_seconds()
    print("gdlab window benchmark (offscreen)")
    print(f"  Run → last frame, 100,000 Adam steps on rosenbrock at max: {t_gui:.3f} s "
          f"(headless run + one redraw: {t_headless:.3f} s, ratio {t_gui / t_headless:.2f}x)"
          f"   floor ≤ 1.0 s and ≤ 1.5x: {'PASS' if t_gui <= 1.0 and t_gui <= 1.5 * t_headless else 'FAIL'}")
    print(f"  worst gap of a 5 ms GUI timer during that run: {worst_gap:.1f} ms"
          f"   floor ≤ 40 ms: {'PASS' if worst_gap <= 40 else 'FAIL'}")
    print(f"  process start → window shown: {start:.3f} s   floor ≤ 1.2 s: "
          f"{'PASS' if start <= 1.2 else 'FAIL'}")
    print(f"  one redraw with a 1,000,000-step history: {redraw_ms:.1f} ms   floor ≤ 20 ms: "
          f"{'PASS' if redraw_ms <= 20 else 'FAIL'}")


if __name__ == "__main__":
    main()
