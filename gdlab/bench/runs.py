"""Engine benchmark: ``gdlab bench`` (or ``python -m gdlab.bench.runs``).

Prints steps per second of single runs (in-process and through ``gdlab run`` as a
whole command), the seeds' numerical-gradient loop, a batch of K = 1000 runs and the
memory of a 1,000,000-step trajectory, Newton against GD (:mod:`gdlab.bench.second`); then
the models section (:mod:`gdlab.bench.models`), the maps section (:mod:`gdlab.bench.maps`),
typed formulas (:mod:`gdlab.bench.formula`) and the timeline's checkpoints
(:mod:`gdlab.bench.timeline`). Absolute
figures are information (machines differ by 2.5× and this one may be busy); every floor is
a ratio against work measured in the same run: a plain numpy loop doing the same per-step
work, written as a good numpy programmer would, or the raw size of the rows.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from typing import Callable

import numpy as np

from ..engine.run.batch import BatchRun
from ..engine.optim.schedules import Schedule
from ..engine.gradients.methods import numerical_gradient
from ..engine.run.single import Run

ROSEN_START = (-1.5, 2.0)
ROW_WIDTH = 7  # x, y, loss, grad_x, grad_y, grad_norm, lr: a 2-D run's recorded row


def best_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` calls of ``fn()`` (the least disturbed by other work)."""
    return best_of({"": fn}, repeat)[""]


def best_of(tasks: dict[str, Callable[[], object]], repeat: int = 5) -> dict[str, float]:
    """Best wall time of each task over ``repeat`` rounds; the tasks alternate within a
    round, so that a burst of load elsewhere falls on all of them rather than on one."""
    best = dict.fromkeys(tasks, float("inf"))
    for _ in range(repeat):
        for name, fn in tasks.items():
            gc.collect()
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def floor_line(subject: str, reference: str, ratio: float, limit: float,
               at_most: bool = False) -> str:
    """One floor, stated and judged: ``subject >= limit x reference: PASS (ratio)``
    (``<=`` with ``at_most``)."""
    ok = ratio <= limit if at_most else ratio >= limit
    return (f"  {subject} {'<=' if at_most else '>='} {limit:g}x {reference}: "
            f"{'PASS' if ok else 'FAIL'} ({ratio:.2f}x)")


# -- the baselines: the engine's per-step work as plain numpy loops ------------------------
def _rosen_loss_grad(p: np.ndarray) -> tuple[float, np.ndarray]:
    """Rosenbrock's value and gradient (2,) at ``p`` (2,)."""
    x, y = p
    a = 1.0 - x
    b = y - x * x
    return a * a + 100.0 * b * b, np.array([-2.0 * a - 400.0 * x * b, 200.0 * b])


def numpy_loop_gd(n: int, lr: float = 1e-3) -> np.ndarray:
    """Baseline: ``n`` GD steps over a point of shape (2,), each step's row (θ, loss,
    gradient, its norm, lr) written into a preallocated (n + 1, 7) array, as the engine records."""
    rows = np.empty((n + 1, ROW_WIDTH))
    p = np.array(ROSEN_START)
    loss, g = _rosen_loss_grad(p)
    for k in range(n):
        rows[k] = (p[0], p[1], loss, g[0], g[1], np.sqrt(g @ g), lr)
        p = p - lr * g
        loss, g = _rosen_loss_grad(p)
    rows[n] = (p[0], p[1], loss, g[0], g[1], np.sqrt(g @ g), lr)
    return rows


def numpy_loop_adam(n: int, lr: float = 1e-3, b1: float = 0.9, b2: float = 0.999,
                    eps: float = 1e-8) -> np.ndarray:
    """Baseline: the same for Adam (moments of shape (2,))."""
    rows = np.empty((n + 1, ROW_WIDTH))
    p = np.array(ROSEN_START)
    m = np.zeros(2)
    v = np.zeros(2)
    loss, g = _rosen_loss_grad(p)
    for t in range(1, n + 1):
        rows[t - 1] = (p[0], p[1], loss, g[0], g[1], np.sqrt(g @ g), lr)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        p = p - lr / (1 - b1 ** t) * m / (np.sqrt(v) / np.sqrt(1 - b2 ** t) + eps)
        loss, g = _rosen_loss_grad(p)
    rows[n] = (p[0], p[1], loss, g[0], g[1], np.sqrt(g @ g), lr)
    return rows


def batch_starts(K: int) -> np.ndarray:
    """K seeded start points (K, 2) around rosenbrock's valley."""
    return np.random.default_rng(0).uniform([-2, -1], [2, 3], size=(K, 2))


def numpy_batch_adam(starts: np.ndarray, n: int, lr: float = 1e-3, b1: float = 0.9,
                     b2: float = 0.999, eps: float = 1e-8, bound: float = 1e10,
                     tol: float = 0.0) -> np.ndarray:
    """Baseline for the batch: ``n`` Adam steps of K runs held as a (K, 2) array, one rate
    per run (K, 1), each step's loss (K,), gradient (K, 2) and squared gradient norm (K,),
    and the stop tests :class:`BatchRun` makes (diverged: |loss| > ``bound`` or a loss or
    gradient that is not finite; converged: norm ≤ ``tol`` > 0), stopped runs dropped from
    the arrays. Returns the points (K, 2): where each run ended (a diverged run's last point
    before it diverged)."""
    P = starts.copy()
    end = P.copy()
    idx = np.arange(len(P))
    lr_k = np.full((len(P), 1), lr)
    m = np.zeros_like(P)
    v = np.zeros_like(P)
    G = np.empty_like(P)
    fmax, tol2 = np.finfo(np.float64).max, tol * tol if tol > 0 else -1.0

    def loss_grad(P: np.ndarray, G: np.ndarray) -> np.ndarray:
        x, y = P[:, 0], P[:, 1]
        a = 1.0 - x
        b = y - x * x
        G[:, 0] = -2.0 * a - 400.0 * x * b
        G[:, 1] = 200.0 * b
        return a * a + 100.0 * b * b

    P0 = P  # the points before the step (a diverged run ends there)
    loss = loss_grad(P, G)
    for t in range(n + 1):
        if t:  # step 0 only tests the starts
            m = b1 * m + (1 - b1) * G
            v = b2 * v + (1 - b2) * G * G
            P0, P = P, P - lr_k / (1 - b1 ** t) * m / (np.sqrt(v) / np.sqrt(1 - b2 ** t) + eps)
            loss = loss_grad(P, G)
        gn2 = np.einsum("ij,ij->i", G, G)
        # nan fails every comparison; a run stops rarely, so three reductions test them all
        if not (np.abs(loss).max() <= bound and gn2.max() <= fmax and gn2.min() > tol2):
            div = ~((np.abs(loss) <= bound) & (gn2 <= fmax))
            stop = div | (gn2 <= tol2)
            end[idx[stop]] = np.where(div[stop, None], P0[stop], P[stop])
            keep = ~stop
            P, m, v, G, lr_k, idx = P[keep], m[keep], v[keep], G[keep], lr_k[keep], idx[keep]
            if not len(P):
                break
    end[idx] = P
    return end


def seeds_numerical_loop(n: int, lr: float = 0.1) -> np.ndarray:
    """The seeds' loop: x ← x − lr·numerical_gradient(f, x) on x0² + x1²."""
    x = np.array([-3.0, 4.0])
    f = lambda x: np.sum(x ** 2)  # noqa: E731
    for _ in range(n):
        x -= lr * numerical_gradient(f, x)
    return x


# -- the engine ---------------------------------------------------------------------------
def engine_run(optimizer: str, lr: float, schedule: Schedule | None = None
               ) -> Callable[[int], Run]:
    def go(n: int) -> Run:
        run = Run("rosenbrock", optimizer, ROSEN_START, steps=n, tol=0.0, schedule=schedule)
        run.optimizer.lr = lr
        run.reset()
        run.advance()
        assert run.k == n, run.status
        return run
    return go


def batch_adam(starts: np.ndarray) -> Callable[[int], None]:
    def go(n: int) -> None:
        BatchRun("rosenbrock", "adam", starts, lr=np.full(len(starts), 1e-3)).advance(n)
    return go


def gdlab_run(optimizer: str, lr: float, steps: int) -> Callable[[], None]:
    """``gdlab run`` on rosenbrock as a whole command (a new process), printing nothing."""
    cmd = [sys.executable, "-m", "gdlab", "run", "--problem", "rosenbrock", "--optimizer",
           optimizer, f"--lr={lr}", f"--start={ROSEN_START[0]},{ROSEN_START[1]}", "--tol=0",
           "--steps", str(steps), "--quiet"]
    return lambda: subprocess.run(cmd, check=True)


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096


def csv_export_figures(n: int = 100_000) -> None:
    """Print the CSV export's rate against formatting the same lines (step and values) with
    Python's shortest ``repr`` and joining them (the limit of exact float text), and the
    export's peak memory."""
    import tempfile
    import tracemalloc
    from pathlib import Path

    from ..engine.files.export import BLOCK_ROWS, export_run

    run = engine_run("adam", 1e-3)(n - 1)
    traj = run.trajectory

    def baseline() -> list[str]:
        """The CSV's lines, step and values, each value by ``repr``, joined."""
        return ["".join([f"{i},{','.join(map(repr, r))}\n"
                         for i, r in enumerate(traj.rows(lo, lo + BLOCK_ROWS).tolist(), lo)])
                for lo in range(0, len(traj), BLOCK_ROWS)]

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.csv"
        export_run(run, path)
        assert path.read_text().split("\n", 1)[1] == "".join(baseline())  # the same text
        best = [float("inf"), float("inf")]
        for _ in range(7):  # interleaved single timings: a busy moment hits both sides
            for i, work in enumerate((baseline, lambda: export_run(run, path))):
                t0 = time.perf_counter()
                work()
                best[i] = min(best[i], time.perf_counter() - t0)
        base, rate = len(traj) / best[0], len(traj) / best[1]
        tracemalloc.start()
        export_run(run, path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(f"export: a CSV of {len(traj):,} rows {rate:,.0f} rows/s; repr + join of the same rows "
          f"{base:,.0f} rows/s; peak memory while writing {peak / 2**20:.1f} MiB (information: "
          f"blocks of {BLOCK_ROWS:,} rows, whatever the run's length)")
    print(floor_line("CSV export", "repr + join", rate / base, 0.8))


def main() -> None:
    n = 100_000
    print("gdlab engine benchmark (best of 5, alternating; steps per second; absolute figures "
          "are information, floors are ratios)")
    K, n_batch, n_cmd = 1000, 500, 4 * n
    starts = batch_starts(K)
    t = best_of({
        "base_gd": lambda: numpy_loop_gd(n // 4),
        "base_adam": lambda: numpy_loop_adam(n // 4),
        "gd": lambda: engine_run("sgd", 1e-3)(n),
        "adam": lambda: engine_run("adam", 1e-3)(n),
        "adam_cosine": lambda: engine_run("adam", 1e-3, Schedule("cosine"))(n),
        # the command's per-step rate: --steps 1000 + n_cmd minus --steps 1000 (process
        # start, imports and the summary cancel)
        "cmd_short": gdlab_run("adam", 1e-3, 1000),
        "cmd_long": gdlab_run("adam", 1e-3, 1000 + n_cmd),
        "seeds": lambda: seeds_numerical_loop(n // 20),
        "base_batch": lambda: numpy_batch_adam(starts, n_batch),
        "batch": lambda: batch_adam(starts)(n_batch),
    })
    base_gd, base_adam = n // 4 / t["base_gd"], n // 4 / t["base_adam"]
    gd, adam, seeds = n / t["gd"], n / t["adam"], n // 20 / t["seeds"]
    adam_cosine = n / t["adam_cosine"]
    adam_cmd = n_cmd / (t["cmd_long"] - t["cmd_short"])
    base_batch, batch = n_batch * K / t["base_batch"], n_batch * K / t["batch"]
    rows = [
        ("baseline: numpy (2,) loop, GD, rows preallocated", base_gd, None),
        ("baseline: numpy (2,) loop, Adam, rows preallocated", base_adam, None),
        ("engine: single run GD, Run.advance", gd, gd / base_gd),
        ("engine: single run Adam, Run.advance", adam, adam / base_adam),
        ("engine: single run Adam, cosine schedule", adam_cosine, adam_cosine / base_adam),
        ("engine: single run Adam, `gdlab run` command", adam_cmd, adam_cmd / base_adam),
        ("seeds: numerical-gradient loop, bowl", seeds, seeds / base_gd),
        (f"baseline: numpy ({K}, 2) loop, Adam (run-steps/s)", base_batch, None),
        (f"engine: K={K} batched Adam (run-steps/s)", batch, batch / base_batch),
    ]
    for label, rate, ratio in rows:
        r = f"{ratio:8.2f}x its baseline" if ratio is not None else ""
        print(f"  {label:<52} {rate:14,.0f}   {r}")
    print(f"  (the cosine schedule keeps {adam_cosine / adam:.0%} of the constant rate's speed;"
          " information)")
    print(f"  (K={K} batched Adam against the single-run Adam baseline: {batch / base_adam:,.0f}x;"
          " information: it depends on the machine's caches and SIMD)")
    print("floors:")
    print(floor_line("single-run Adam, Run.advance", "the numpy (2,) loop", adam / base_adam,
                     3.5))
    print(floor_line("single-run Adam, cosine schedule", "the numpy (2,) loop",
                     adam_cosine / base_adam, 3.0))
    print(floor_line("single-run Adam, `gdlab run`", "the numpy (2,) loop", adam_cmd / base_adam,
                     3.5))
    print(floor_line(f"K={K} batched Adam", f"the numpy ({K}, 2) loop", batch / base_batch, 0.8))

    gc.collect()
    before = _rss()
    steps = 1_000_000
    run = engine_run("adam", 1e-3)(steps)
    raw = (steps + 1) * ROW_WIDTH * 8  # the rows' float64 values
    held = run.trajectory.nbytes()
    grew = _rss() - before
    print(f"memory: a {steps:,}-step trajectory holds {held / 2**20:.1f} MiB (process grew "
          f"{grew / 2**20:.1f} MiB; the rows' raw values {raw / 2**20:.1f} MiB)")
    print(floor_line("held and grown", "the raw rows", max(held, grew) / raw, 1.15, at_most=True))

    csv_export_figures()

    from .second import main as second_main
    print()
    second_main()

    from .models import main as models_main
    print()
    models_main()

    from .maps import main as maps_main
    print()
    maps_main()

    from .lbfgs import main as lbfgs_main
    print()
    lbfgs_main()

    from .formula import main as formula_main
    print()
    formula_main()

    from .timeline import main as timeline_main
    print()
    timeline_main()


if __name__ == "__main__":
    main()
