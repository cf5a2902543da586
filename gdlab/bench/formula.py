"""Typed formulas' benchmark (``python -m gdlab.bench.formula``): the worst time from text to
the first value and gradient over hostile and limit-sized inputs (the issue's goal: 100 ms;
absolute, information), and the formula's gradient on a grid against the catalogue's
analytic one for the same function (a ratio, the floor)."""

from __future__ import annotations

import time

import numpy as np

from .runs import best_of, floor_line
from ..engine import FormulaError, parse_formula
from ..engine.problems.objectives import OBJECTIVES
from ..engine.run.recipe import build_run, resolve

#: inputs at the limits: the longest, deepest and largest formulas the grammar takes or refuses
LIMIT_INPUTS = {
    "470 characters": " + ".join(["sin(1.5x - 0.25y)^2*cos(0.75x + y)"] * 13),
    "depth 49": "sin(" * 48 + "x" + ")" * 48,
    "9**9**9**9": "9**9**9**9",
    "287 nodes": "+".join([f"({'+'.join(['x*y'] * 8)})"] * 9),
    "x^x^…^x (49)": "^".join(["x"] * 49),
    "sum of 150 terms": "+".join(["x", "y"] * 75),
    "depth 49 + 100 terms": "sin(" * 48 + "x" + ")" * 48 + "+y" * 100,
    "min(…) chain": "min(" * 24 + "x" + ", y*x)" * 24,
    "product of 12 sums": "*".join(["(x+y*sin(x))"] * 12),
    "10,000 characters": "x+" * 5000 + "x",
    "deep nesting": "(" * 200 + "x" + ")" * 200,
    "huge power chain": "2**" * 120 + "2",
    "dunder escape": "().__class__.__bases__[0].__subclasses__()",
}


def _first(text: str) -> None:
    try:
        obj = parse_formula(text)
    except FormulaError:
        return
    obj.f(0.3, -0.7)
    obj.grad(0.3, -0.7)


def main() -> None:
    print("typed formulas (best of 5; this machine may be loaded by other work)")
    worst = 0.0
    for label, text in LIMIT_INPUTS.items():
        t = best_of({label: lambda: _first(text)})[label]
        worst = max(worst, t)
        print(f"  text -> first value and gradient, {label:<22} {t * 1e3:8.2f} ms")
    print(f"  worst {worst * 1e3:.2f} ms (goal 100 ms; information)")
    obj, cat = parse_formula("(1 - x)^2 + 100(y - x^2)^2"), OBJECTIVES["rosenbrock"]
    X, Y = np.meshgrid(np.linspace(-2, 2, 300), np.linspace(-1, 3, 300))
    t = best_of({"formula": lambda: obj.grad(X, Y), "catalogue": lambda: cat.grad(X, Y)})
    ratio = t["formula"] / t["catalogue"]
    print(f"  Rosenbrock gradient on a 300x300 grid: formula (graph) {t['formula'] * 1e3:.2f} ms, "
          f"catalogue (analytic) {t['catalogue'] * 1e3:.2f} ms")
    print("floors:")
    print(floor_line("formula grid gradient time", "the catalogue's analytic one", ratio, 30,
                     at_most=True))
    t0 = time.perf_counter()
    n = 2000
    for _ in range(n):
        obj.grad(0.5, 0.5)
    per = (time.perf_counter() - t0) / n
    print(f"  one gradient on floats (the graph replayed from its tape): {per * 1e6:.1f} µs "
          "(information)")
    steps = 5000
    runs = {name: build_run(resolve(name, formula=text, steps=steps, tol=0, hyper={"lr": 1e-3},
                                    start=(-1.5, 2.0)))
            for name, text in (("formula", "(1 - x)^2 + 100(y - x^2)^2"), ("rosenbrock", None))}
    t = best_of({name: lambda r=r: (r.reset(), r.advance()) for name, r in runs.items()}, 3)
    rate = {name: steps / v for name, v in t.items()}
    print(f"  a single run, {steps} GD steps: typed Rosenbrock {rate['formula']:,.0f} steps/s, "
          f"the catalogue's {rate['rosenbrock']:,.0f} ({rate['formula'] / rate['rosenbrock']:.3f}x; "
          "information)")


if __name__ == "__main__":
    main()
