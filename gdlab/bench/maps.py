"""The maps' benchmark (part of ``gdlab bench``): each map against a plain numpy loop doing the
same work — the same runs stepped as arrays, with the bookkeeping the map needs (each run's
first step of convergence or divergence, its end point and loss, stopped runs dropped from
the arrays) — timed alternately in the same process; and how fast Cancel stops a map.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from .runs import best_of, floor_line
from ..engine.analysis import sweeps
from ..engine.run.recipe import resolve

BOUND = 1e10  # the default max_loss
TOL = 1e-6  # the default tolerance
FMAX = np.finfo(np.float64).max


def _rosen(x, y):
    """Rosenbrock's loss and gradient, sharing y − x²."""
    b = y - x * x
    a = 1 - x
    return a * a + 100 * b * b, -2 * a - 400 * x * b, 200 * b


class _Book:
    """The per-run bookkeeping a good numpy loop needs: which runs still go (``idx``), where
    each stopped (step, point, loss)."""

    def __init__(self, K: int) -> None:
        self.idx = np.arange(K)
        self.stopped = np.full(K, -1)
        self.end = np.empty((K, 3))

    def check(self, t, x, y, loss, gx, gy) -> np.ndarray | None:
        """The columns to keep if some run stopped at step ``t``, else ``None``."""
        gn2 = gx * gx + gy * gy
        # diverged: |loss| > BOUND or a loss or gradient that is not finite (as a Run judges)
        stop = ~((np.abs(loss) <= BOUND) & (gn2 <= FMAX)) | (gn2 <= TOL * TOL)
        if not stop.any():
            return None
        i = self.idx[stop]
        self.stopped[i] = t
        self.end[i] = np.column_stack([x[stop], y[stop], loss[stop]])
        keep = ~stop
        self.idx = self.idx[keep]
        return keep

    def finish(self, x, y, loss) -> "_Book":
        """Record where the runs still going ended."""
        self.end[self.idx] = np.column_stack([x, y, loss])
        return self


def numpy_basins_adam(starts: np.ndarray, n: int, lr: float = 1e-3, b1: float = 0.9,
                      b2: float = 0.999, eps: float = 1e-8) -> _Book:
    """Adam from each start (K, 2), ``n`` steps, as arrays (K,)."""
    x, y = starts[:, 0].copy(), starts[:, 1].copy()
    book = _Book(len(x))
    mx, my, vx, vy = (np.zeros(len(x)) for _ in range(4))
    _, gx, gy = _rosen(x, y)
    for t in range(1, n + 1):
        mx = b1 * mx + (1 - b1) * gx
        my = b1 * my + (1 - b1) * gy
        vx = b2 * vx + (1 - b2) * gx * gx
        vy = b2 * vy + (1 - b2) * gy * gy
        step, c2 = lr / (1 - b1 ** t), np.sqrt(1 - b2 ** t)
        x = x - step * mx / (np.sqrt(vx) / c2 + eps)
        y = y - step * my / (np.sqrt(vy) / c2 + eps)
        loss, gx, gy = _rosen(x, y)
        keep = book.check(t, x, y, loss, gx, gy)
        if keep is not None:
            x, y, mx, my, vx, vy, gx, gy, loss = (a[keep] for a in
                                                  (x, y, mx, my, vx, vy, gx, gy, loss))
    return book.finish(x, y, loss)


def numpy_lr_sweep_gd(lrs: np.ndarray, n: int, start=(-1.5, 2.0)) -> _Book:
    """Gradient descent from ``start`` at each rate of ``lrs`` (K,), ``n`` steps."""
    x, y = np.full(len(lrs), start[0]), np.full(len(lrs), start[1])
    lr = np.array(lrs, dtype=float)
    book = _Book(len(x))
    _, gx, gy = _rosen(x, y)
    for t in range(1, n + 1):
        x = x - lr * gx
        y = y - lr * gy
        loss, gx, gy = _rosen(x, y)
        keep = book.check(t, x, y, loss, gx, gy)
        if keep is not None:
            x, y, gx, gy, lr, loss = (a[keep] for a in (x, y, gx, gy, lr, loss))
    return book.finish(x, y, loss)


def numpy_hyper_momentum(lrs: np.ndarray, mus: np.ndarray, n: int, start=(-1.5, 2.0)) -> _Book:
    """Heavy-ball momentum (torch's: b₁ = g₁) from ``start`` for each (lr, μ) pair (K,)."""
    x, y = np.full(len(lrs), start[0]), np.full(len(lrs), start[1])
    lr, mu = np.array(lrs, dtype=float), np.array(mus, dtype=float)
    book = _Book(len(x))
    _, gx, gy = _rosen(x, y)
    bx, by = gx, gy
    for t in range(1, n + 1):
        if t > 1:
            bx = mu * bx + gx
            by = mu * by + gy
        x = x - lr * bx
        y = y - lr * by
        loss, gx, gy = _rosen(x, y)
        keep = book.check(t, x, y, loss, gx, gy)
        if keep is not None:
            x, y, gx, gy, bx, by, lr, mu, loss = (a[keep] for a in
                                                  (x, y, gx, gy, bx, by, lr, mu, loss))
    return book.finish(x, y, loss)


def _cancel_latency(tries: int = 3) -> float:
    """Worst time from a Cancel request (from another thread, as a window's button) to a
    long 200×200 basin map stopping, in seconds."""
    s = resolve("rosenbrock", "adam", hyper={"lr": 1e-3}, steps=100_000)
    worst = 0.0
    for _ in range(tries):
        flag, asked = threading.Event(), []

        def ask() -> None:
            asked.append(time.perf_counter())
            flag.set()

        threading.Timer(0.3, ask).start()
        try:
            sweeps.basins(s, 200, cancel=flag.is_set)
        except sweeps.Cancelled:
            worst = max(worst, time.perf_counter() - asked[0])
    return worst


def main() -> None:
    print("maps benchmark (run-steps/s, best of 3, alternating; each map against a plain numpy "
          "loop of the same runs)")
    cases = []
    s = resolve("rosenbrock", "adam", hyper={"lr": 1e-3}, steps=500)  # numpy_basins_adam's
    box = sweeps.get_objective("rosenbrock").box
    xs, ys = np.linspace(box[0], box[1], 200), np.linspace(box[2], box[3], 200)
    X, Y = np.meshgrid(xs, ys)
    starts = np.column_stack([X.ravel(), Y.ravel()])
    cases.append(("basins 200x200 x 500 Adam, rosenbrock", 40_000 * 500, 0.7,
                  lambda: sweeps.basins(s, 200), lambda: numpy_basins_adam(starts, 500)))
    s_lr = resolve("rosenbrock", "sgd", steps=1000)
    lrs = sweeps.lr_grid()
    cases.append(("lr sweep 200 x 1,000 GD, rosenbrock", 200 * 1000, 0.5,
                  lambda: sweeps.lr_sweep(s_lr, lrs), lambda: numpy_lr_sweep_gd(lrs, 1000)))
    s_h = resolve("rosenbrock", "momentum", steps=500)
    assert sweeps.default_axes("momentum") == ("lr", "momentum")
    spec = sweeps.numeric_hyperparameters("momentum")
    hx = sweeps.axis_values(spec["lr"], *sweeps.axis_range(spec["lr"], s_h.hyper["lr"]), 100)
    hy = sweeps.axis_values(spec["momentum"],
                            *sweeps.axis_range(spec["momentum"], s_h.hyper["momentum"]), 100)
    HX, HY = np.meshgrid(hx, hy)
    cases.append(("hyper map 100x100 x 500 momentum, rosenbrock", 10_000 * 500, 0.5,
                  lambda: sweeps.hyper_map(s_h, n=100),
                  lambda: numpy_hyper_momentum(HX.ravel(), HY.ravel(), 500)))
    with np.errstate(all="ignore"):
        for label, work, floor, engine, numpy_loop in cases:
            t = best_of({"engine": engine, "numpy": numpy_loop}, repeat=3)
            print(f"  {label:<46} engine {work / t['engine']:12,.0f}   "
                  f"numpy loop {work / t['numpy']:12,.0f}")
            print(floor_line("  the map", "its numpy loop", t["numpy"] / t["engine"], floor))
    latency = _cancel_latency()
    print(f"  Cancel stops a 200x200 basin map in {latency * 1e3:.0f} ms (worst of 3); "
          f"limit 100 ms: {'PASS' if latency <= 0.1 else 'FAIL'}")
