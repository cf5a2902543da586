"""Model benchmark (the ``models`` section of ``gdlab bench``; or ``python -m gdlab.bench_models``).

Prints, in one run: the backprop vs numerical gradient time for ``mlp``
(2-50-2, batch 100) and their ratio; training steps per second of ``mlp``
(2-32-2, batch 100, SGD) through a :class:`~gdlab.engine.run.Run` with the
backprop and with the autodiff gradient; and, when PyTorch is importable, the
same network trained with ``torch.optim.SGD`` (float64, the same batches) as
the reference. Figures, not a test: the machine may be busy.
"""

from __future__ import annotations

import gc
import time

import numpy as np

from .engine.models import get_problem
from .engine.run import Run


def _best(fn, repeat: int = 3) -> float:
    """Best wall time of ``repeat`` calls of ``fn()``."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def gradient_times(hidden: int = 50, batch: int = 100) -> tuple[float, float]:
    """Seconds per gradient of the mlp: ``(backprop, numerical)``."""
    p = get_problem("mlp", hidden=hidden, batch=batch)
    params = p.init_params()
    idx = next(p.batches())
    n = 200
    bp = _best(lambda: [p.evaluate(params, idx, "analytic") for _ in range(n)]) / n
    num = _best(lambda: p.evaluate(params, idx, "numerical"), 3)
    return bp, num


def run_rate(gradient: str, steps: int, hidden: int = 32, batch: int = 100,
             optimizer: str = "sgd", lr: float = 0.5) -> float:
    """Recorded training steps per second of an mlp Run."""
    p = get_problem("mlp", hidden=hidden, batch=batch)

    def go() -> None:
        run = Run(p, optimizer, steps=steps, gradient=gradient)
        run.optimizer.lr = lr
        run.reset()
        run.advance()
        assert run.k == steps, run.status
    return steps / _best(go)


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
    return steps / _best(go)


def main() -> None:
    print("gdlab model benchmark (best of 3)")
    bp, num = gradient_times()
    print(f"  mlp 2-50-2, batch 100: backprop gradient {bp * 1e6:10.1f} µs   numerical "
          f"{num * 1e3:8.2f} ms   numerical/backprop {num / bp:,.0f}x")
    steps = 5000
    rate_bp = run_rate("analytic", steps)
    rate_ad = run_rate("autodiff", steps // 5)
    rate_adam = run_rate("analytic", steps, optimizer="adam", lr=0.05)
    rows = [("engine Run, backprop, SGD (recorded)", rate_bp),
            ("engine Run, autodiff graph, SGD (recorded)", rate_ad),
            ("engine Run, backprop, Adam (recorded)", rate_adam)]
    ref = torch_rate(steps // 5)
    rows.append(("torch.optim.SGD, float64, 1 thread (reference)", ref))
    print("  mlp 2-32-2, batch 100, steps per second:")
    for label, rate in rows:
        if rate is None:
            print(f"    {label:<50} {'torch not importable':>14}")
        else:
            vs = (f"   engine backprop/torch: {rate_bp / rate:.2f}x" if label.startswith("torch")
                  else "")
            print(f"    {label:<50} {rate:14,.0f}{vs}")
    print(f"floor: mlp backprop training >= 10,000 steps/s: "
          f"{'PASS' if rate_bp >= 10_000 else 'FAIL'} ({rate_bp:,.0f})")


if __name__ == "__main__":
    main()
