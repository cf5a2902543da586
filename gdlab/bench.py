"""Engine benchmark: ``gdlab bench`` (or ``python -m gdlab.bench``).

Prints steps per second for single runs, the plain-numpy baseline measured in
the same process, the seeds' numerical-gradient loop and a batch of K = 1000
runs, with the ratios the project holds itself to, plus the memory of a
1,000,000-step trajectory; then the models section (:mod:`gdlab.bench_models`).
Figures, not a test: the machine may be busy.
"""

from __future__ import annotations

import gc
import time

import numpy as np

from .engine.batch import BatchRun
from .engine.gradients import numerical_gradient
from .engine.run import Run

ROSEN_START = (-1.5, 2.0)


def _rate(fn, n: int) -> float:
    """Best steps/s of three timings of ``fn(n)``."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        t0 = time.perf_counter()
        fn(n)
        best = min(best, time.perf_counter() - t0)
    return n / best


def _rosen(p: np.ndarray) -> float:
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def _rosen_grad(p: np.ndarray) -> np.ndarray:
    return np.array([-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)])


def numpy_loop_gd(n: int, lr: float = 1e-3) -> list:
    """Baseline: what the engine does per step (loss, gradient, its norm, a recorded row,
    the update) written as a plain loop over numpy arrays of shape (2,)."""
    p = np.array(ROSEN_START)
    history = []
    for _ in range(n):
        loss = _rosen(p)
        g = _rosen_grad(p)
        history.append((p, loss, g, np.sqrt(np.sum(g * g)), lr))
        p = p - lr * g
    return history


def numpy_loop_adam(n: int, lr: float = 1e-3, b1: float = 0.9, b2: float = 0.999,
                    eps: float = 1e-8) -> list:
    """Baseline: the same for Adam."""
    p = np.array(ROSEN_START)
    m = np.zeros(2)
    v = np.zeros(2)
    history = []
    for t in range(1, n + 1):
        loss = _rosen(p)
        g = _rosen_grad(p)
        history.append((p, loss, g, np.sqrt(np.sum(g * g)), lr))
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        p = p - lr / (1 - b1 ** t) * m / (np.sqrt(v) / np.sqrt(1 - b2 ** t) + eps)
    return history


def seeds_numerical_loop(n: int, lr: float = 0.1) -> np.ndarray:
    """The seeds' loop: x ← x − lr·numerical_gradient(f, x) on x0² + x1²."""
    x = np.array([-3.0, 4.0])
    f = lambda x: np.sum(x ** 2)  # noqa: E731
    for _ in range(n):
        x -= lr * numerical_gradient(f, x)
    return x


def engine_run(optimizer: str, lr: float):
    def go(n: int) -> Run:
        run = Run("rosenbrock", optimizer, ROSEN_START, steps=n)
        run.optimizer.lr = lr
        run.reset()
        run.advance()
        assert run.k == n, run.status
        return run
    return go


def batch_adam(K: int):
    rng = np.random.default_rng(0)
    starts = rng.uniform([-2, -1], [2, 3], size=(K, 2))

    def go(n: int) -> None:
        BatchRun("rosenbrock", "adam", starts, lr=np.full(K, 1e-3)).advance(n)
    return go


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096


def main() -> None:
    n = 100_000
    print("gdlab engine benchmark (best of 3; steps per second)")
    base_gd = _rate(numpy_loop_gd, n // 4)
    base_adam = _rate(numpy_loop_adam, n // 4)
    gd = _rate(engine_run("sgd", 1e-3), n)
    adam = _rate(engine_run("adam", 1e-3), n)
    seeds = _rate(seeds_numerical_loop, n // 20)
    K = 1000
    batch = _rate(batch_adam(K), 500) * K
    rows = [
        ("baseline: numpy (2,) loop, GD, rosenbrock", base_gd, None),
        ("baseline: numpy (2,) loop, Adam, rosenbrock", base_adam, None),
        ("engine: single run GD, rosenbrock, recorded", gd, gd / base_gd),
        ("engine: single run Adam, rosenbrock, recorded", adam, adam / base_adam),
        ("seeds: numerical-gradient loop, bowl", seeds, seeds / base_gd),
        (f"engine: K={K} batched Adam (run-steps/s)", batch, batch / base_adam),
    ]
    for label, rate, ratio in rows:
        r = f"{ratio:8.1f}x baseline" if ratio is not None else ""
        print(f"  {label:<48} {rate:14,.0f}   {r}")
    print("floors: single-run Adam >= 4x the numpy loop:"
          f" {'PASS' if adam / base_adam >= 4 else 'FAIL'} ({adam / base_adam:.1f}x);"
          f" K=1000 batched Adam >= 300x: {'PASS' if batch / base_adam >= 300 else 'FAIL'}"
          f" ({batch / base_adam:.0f}x)")

    gc.collect()
    before = _rss()
    run = engine_run("adam", 1e-3)(1_000_000)
    held = run.trajectory.nbytes()
    grew = _rss() - before
    print(f"memory: 1,000,000-step trajectory holds {held / 2**20:.1f} MiB "
          f"(process grew {grew / 2**20:.1f} MiB); floor <= 64 MB: "
          f"{'PASS' if held <= 64e6 and grew <= 64e6 else 'FAIL'}")

    from .bench_models import main as models_main
    print()
    models_main()


if __name__ == "__main__":
    main()
