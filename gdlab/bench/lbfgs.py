"""L-BFGS on Rosenbrock: the engine against torch.optim.LBFGS (max_iter=1, max_eval=25, one
call a step, float64, one thread), in the same run; skipped with a note without torch.

    python -m gdlab.bench.lbfgs

Torch is timed as a torch program is written (its closure computes the loss with autograd);
the iterates are compared on a torch run fed the engine's gradient, so that only the update
rule is compared (they must be equal: max relative difference 0).
"""

from __future__ import annotations

import time

import numpy as np

from ..engine.optim.optimizers import make_optimizer
from ..engine.problems.objectives import OBJECTIVES
from ..engine.run.single import Run
from .runs import floor_line

START = (-1.5, 2.0)
STEPS = 500
FLOOR = 20.0


def engine_lbfgs(steps: int, line_search: str) -> Run:
    run = Run("rosenbrock", make_optimizer("lbfgs", line_search=line_search), START,
              steps=steps, tol=0.0)
    run.advance()
    return run


def torch_lbfgs(steps: int, line_search: str, fed: bool = False) -> np.ndarray | None:
    """torch's iterates (steps + 1, 2), or None without torch. ``fed``: the closure sets the
    engine's gradient instead of calling autograd."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    obj = OBJECTIVES["rosenbrock"]
    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], lr=1.0, max_iter=1, max_eval=25,
                            line_search_fn=None if line_search == "none" else line_search)

    def autograd():
        opt.zero_grad()
        x, y = p[0], p[1]
        loss = (1 - x) ** 2 + 100 * (y - x * x) ** 2
        loss.backward()
        return loss

    def engine_gradient():
        x, y = (float(v) for v in p.detach())
        p.grad = torch.tensor(obj.grad(x, y), dtype=torch.float64)
        return torch.tensor(obj.f(x, y), dtype=torch.float64)

    closure = engine_gradient if fed else autograd
    out = np.empty((steps + 1, 2))
    out[0] = START
    for k in range(1, steps + 1):
        opt.step(closure)
        out[k] = p.detach().numpy()
    return out


def _best(fn, repeat: int = 3) -> float:
    """The best of ``repeat`` wall times of ``fn()``."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    print(f"L-BFGS on rosenbrock from {START}, lr 1, history 100 (best of 3; it reaches the "
          f"minimum in about 100 steps, then stays; absolute figures are information)")
    if torch_lbfgs(1, "none") is None:
        print("  torch not importable: the comparison with torch.optim.LBFGS is skipped")
        return
    for ls in ("none", "strong_wolfe"):
        for steps in (100, STEPS):
            ours = steps / _best(lambda: engine_lbfgs(steps, ls))
            theirs = steps / _best(lambda: torch_lbfgs(steps, ls))
            print(f"  {ls:<12} {steps:>4} steps: engine {ours:10,.0f} steps/s, torch "
                  f"{theirs:8,.0f} steps/s ({ours / theirs:.1f}x)")
        path = engine_lbfgs(STEPS, ls).trajectory.rows()[:, :2]
        fed = torch_lbfgs(STEPS, ls, fed=True)
        diff = float(np.abs(path - fed).max() / np.abs(fed).max())
        print(f"  {ls:<12} iterates against torch fed the engine's gradient: max relative "
              f"difference {diff:.3g}")
        print(floor_line(f"L-BFGS ({ls}, {STEPS} steps, identical iterates)",
                         "torch.optim.LBFGS", ours / theirs if diff == 0 else 0.0, FLOOR))


if __name__ == "__main__":
    main()
