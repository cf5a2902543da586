"""Second-order benchmark: Newton's steps per second against plain gradient descent's, both
single runs on rosenbrock over Python floats (``python -m gdlab.bench.second``; part of
``gdlab bench``). Newton's step is GD's work plus the analytic Hessian and a closed-form 2×2
solve; the floor is the ratio of the two rates measured in the same run.
"""

from __future__ import annotations

from typing import Callable

from ..engine.run.recipe import build_run, resolve
from ..engine.run.single import Run
from .runs import ROSEN_START, best_of, floor_line

NEWTON_FLOOR = 0.5


def rosenbrock_run(optimizer: str, lr: float) -> Callable[[int], Run]:
    """``n`` steps of ``optimizer`` on rosenbrock from the benchmark's start, tolerance off."""
    def go(n: int) -> Run:
        run = build_run(resolve("rosenbrock", optimizer, hyper={"lr": lr}, start=ROSEN_START,
                                steps=n, tol=0.0))
        run.advance()
        assert run.k == n, run.status
        return run
    return go


def main(n: int = 100_000) -> None:
    print("second order (best of 5, alternating; steps per second on rosenbrock)")
    t = best_of({"gd": lambda: rosenbrock_run("sgd", 1e-3)(n),
                 "newton": lambda: rosenbrock_run("newton", 1.0)(n)})
    gd, newton = n / t["gd"], n / t["newton"]
    print(f"  {'engine: single run GD, Run.advance':<52} {gd:14,.0f}")
    print(f"  {'engine: single run Newton, Run.advance':<52} {newton:14,.0f}   "
          f"{newton / gd:8.2f}x GD")
    print("floors:")
    print(floor_line("single-run Newton", "single-run GD", newton / gd, NEWTON_FLOOR))


if __name__ == "__main__":
    main()
