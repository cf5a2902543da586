"""Timeline benchmark (part of ``gdlab bench``; alone: ``python -m gdlab.bench.timeline``).

A 1,000,000-step Adam run keeps checkpoints of its state (:mod:`gdlab.engine.run.checkpoints`)
so that the timeline and the step inspector can show any step. Printed: how many it keeps
and their size against the rows' (floor: the rows are 20× larger at least), and the slowest replay of a
step (from the nearest checkpoint, plus the inspector's explanation) against the time the
run took to record all the steps (floor: 200× faster at least, so that a slider drag stays live).
Absolute figures are information; this machine may be busy.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import numpy as np

from ..engine.analysis.explain import explain
from .runs import ROW_WIDTH, engine_run, floor_line

STEPS = 1_000_000


def deep_size(obj: Any) -> int:
    """Bytes held by ``obj`` and what it holds (containers, numbers, arrays, dataclasses)."""
    if isinstance(obj, np.ndarray):
        return sys.getsizeof(obj) + (0 if obj.base is None else obj.nbytes)
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        return size + sum(deep_size(k) + deep_size(v) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return size + sum(deep_size(v) for v in obj)
    if hasattr(obj, "__dataclass_fields__"):
        return size + sum(deep_size(getattr(obj, f)) for f in obj.__dataclass_fields__)
    return size


def main() -> None:
    print("timeline: checkpoints of a 1,000,000-step Adam run on Rosenbrock")
    t0 = time.perf_counter()
    run = engine_run("adam", 1e-3)(STEPS)
    t_run = time.perf_counter() - t0
    cks = list(run.checkpoints)
    held = deep_size(cks)  # (shared values, e.g. the schedule, counted in each)
    raw = (STEPS + 1) * ROW_WIDTH * 8
    print(f"  {len(cks)} checkpoints, one every {run.checkpoints.every:,} steps: "
          f"{held / 2**10:.0f} KiB (the rows: {raw / 2**20:.1f} MiB)")
    # the steps farthest from a checkpoint, where a replay is longest
    ks = [min(ck.k + run.checkpoints.every - 1, STEPS - 1) for ck in cks[::max(1, len(cks) // 8)]]
    worst = 0.0
    for k in ks:
        t0 = time.perf_counter()
        explain(run, k)
        worst = max(worst, time.perf_counter() - t0)
    print(f"  slowest step shown (replay + explanation) over {len(ks)} far steps: "
          f"{worst * 1e3:.1f} ms; recording the run took {t_run:.1f} s")
    print("floors:")
    print(floor_line("the rows' raw size", "the checkpoints' size", raw / held, 20))
    print(floor_line("recording the whole run", "the slowest step shown", t_run / worst, 200))


if __name__ == "__main__":
    main()
