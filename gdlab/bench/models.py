"""Model benchmark (the ``models`` section of ``gdlab bench``; or ``python -m gdlab.bench.models``).

Prints, in one run: the backprop vs numerical gradient time for ``mlp``
(2-50-2, batch 100) and their ratio; training steps per second of ``mlp``
(2-32-2, batch 100, SGD) through a :class:`~gdlab.engine.run.single.Run` with the
backprop and with the autodiff gradient, and of a plain numpy loop doing the same
per-step work (the baseline of the floor); and, when PyTorch is importable, the
same network trained with ``torch.optim.SGD`` (float64, the same batches) as
the reference. Absolute figures are information; the floor is a ratio.
"""

from __future__ import annotations

import numpy as np

from .runs import best_of, best_seconds, floor_line
from ..engine.problems.registry import get_problem
from ..engine.run.single import Run


def gradient_times(hidden: int = 50, batch: int = 100) -> tuple[float, float]:
    """Seconds per gradient of the mlp: ``(backprop, numerical)``."""
    p = get_problem("mlp", hidden=hidden, batch=batch)
    params = p.init_params()
    idx = next(p.batches())
    n = 200
    bp = best_seconds(lambda: [p.evaluate(params, idx, "analytic") for _ in range(n)]) / n
    num = best_seconds(lambda: p.evaluate(params, idx, "numerical"), 3)
    return bp, num


def mlp_run(gradient: str, steps: int, hidden: int = 32, batch: int = 100,
            optimizer: str = "sgd", lr: float = 0.5):
    """``steps`` recorded training steps of an mlp Run, as a callable returning the Run."""
    p = get_problem("mlp", hidden=hidden, batch=batch)

    def go() -> Run:
        run = Run(p, optimizer, steps=steps, gradient=gradient)
        run.optimizer.lr = lr
        run.reset()
        run.advance()
        assert run.k == steps, run.status
        return run
    return go


def numpy_loop_mlp(steps: int, hidden: int = 32, batch: int = 100, lr: float = 0.5):
    """Baseline: the engine's per-step work for mlp SGD as a plain loop: the next batch, the
    same backprop (``analytic``), the gradient's norm, the row (loss, grad_norm, lr,
    accuracy) written into a preallocated (steps + 1, 4) array, the update. A callable
    returning the rows."""
    p = get_problem("mlp", hidden=hidden, batch=batch)

    def go() -> np.ndarray:
        params, batches = p.init_params(), p.batches()
        rows = np.empty((steps + 1, 4))
        for k in range(steps + 1):
            loss, grads, (acc,) = p.analytic(params, next(batches))
            rows[k] = (loss, np.sqrt(sum(np.vdot(g, g) for g in grads)), lr, acc)
            if k < steps:
                params = [w - lr * g for w, g in zip(params, grads)]
        return rows
    return go


def torch_rate(steps: int, hidden: int = 32, batch: int = 100, lr: float = 0.5) -> float | None:
    """Steps per second of the same network with torch.optim.SGD, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    p = get_problem("mlp", hidden=hidden, batch=batch)
    X = torch.tensor(p.X)
    y = torch.tensor(p.y)
    batches = p.batches()
    idxs = [torch.tensor(next(batches)) for _ in range(steps)]
    W1, b1, W2, b2 = (torch.tensor(a, requires_grad=True) for a in p.init_params())

    def go() -> None:
        opt = torch.optim.SGD([W1, b1, W2, b2], lr=lr)
        losses = []
        for idx in idxs:
            x, t = X[idx], y[idx]
            logits = torch.sigmoid(x @ W1 + b1) @ W2 + b2
            loss = torch.nn.functional.cross_entropy(logits, t)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())  # recorded per step, as the engine does
    return steps / best_seconds(go, 3)


def main() -> None:
    print("gdlab model benchmark (best of 7, alternating)")
    bp, num = gradient_times()
    print(f"  mlp 2-50-2, batch 100: backprop gradient {bp * 1e6:10.1f} µs   numerical "
          f"{num * 1e3:8.2f} ms   numerical/backprop {num / bp:,.0f}x")
    steps = 1000
    t = best_of({"base": numpy_loop_mlp(steps), "bp": mlp_run("analytic", steps),
                 "ad": mlp_run("autodiff", steps // 5),
                 "adam": mlp_run("analytic", steps, optimizer="adam", lr=0.05)}, 7)
    base, rate_bp, rate_ad, rate_adam = (steps / t["base"], steps / t["bp"],
                                         steps / 5 / t["ad"], steps / t["adam"])
    rows = [("baseline: numpy loop, the same backprop, SGD", base),
            ("engine Run, backprop, SGD (recorded)", rate_bp),
            ("engine Run, autodiff graph, SGD (recorded)", rate_ad),
            ("engine Run, backprop, Adam (recorded)", rate_adam)]
    ref = torch_rate(steps)
    rows.append(("torch.optim.SGD, float64, 1 thread (reference)", ref))
    print("  mlp 2-32-2, batch 100, steps per second:")
    for label, rate in rows:
        if rate is None:
            print(f"    {label:<50} {'torch not importable':>14}")
        else:
            vs = (f"   engine backprop/torch: {rate_bp / rate:.2f}x" if label.startswith("torch")
                  else "")
            print(f"    {label:<50} {rate:14,.0f}{vs}")
    print("floor:")
    print(floor_line("mlp backprop + SGD, engine Run", "the numpy loop", rate_bp / base, 0.7))


if __name__ == "__main__":
    main()
