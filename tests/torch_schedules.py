"""The learning-rate sequences of ``torch.optim.lr_scheduler`` for gdlab's schedules.

:data:`CASES` lists each schedule with its parameters, a base rate and a step budget;
:func:`torch_rates` steps the torch scheduler that gdlab's schedule stands for. Run this file
(torch installed) to write the golden sequences ``tests/data/schedules_torch.json`` that
``test_schedules.py`` checks without torch::

    python tests/torch_schedules.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "data" / "schedules_torch.json"

#: (schedule, params, base lr, step budget); the sequence covers rows 0 … budget
CASES = [
    ("constant", {}, 0.1, 50),
    ("step", {"step_size": 30, "gamma": 0.1}, 0.1, 100),
    ("step", {"step_size": 7, "gamma": 0.5}, 2.5, 60),
    ("exponential", {"gamma": 0.99}, 0.1, 1000),
    ("exponential", {"gamma": 0.5}, 3.0, 40),
    ("cosine", {"t_max": 100, "eta_min": 0.0}, 0.1, 100),
    ("cosine", {"t_max": 30, "eta_min": 0.001}, 0.05, 200),  # beyond T_max: back up
    ("cosine", {"t_max": 0, "eta_min": 0.01}, 1.0, 77),  # T_max 0: the budget
    ("warmup-cosine", {"warmup": 10, "t_max": 0, "eta_min": 0.0}, 0.1, 100),
    ("warmup-cosine", {"warmup": 1, "t_max": 50, "eta_min": 1e-4}, 0.3, 80),
    ("warmup-cosine", {"warmup": 25, "t_max": 40, "eta_min": 0.002}, 0.02, 90),
    ("onecycle", {"max_lr": 0.0, "pct_start": 0.3}, 0.1, 100),
    ("onecycle", {"max_lr": 0.5, "pct_start": 0.25}, 0.1, 1000),
    ("onecycle", {"max_lr": 0.0, "pct_start": 0.5}, 0.02, 33),
    ("inverse-time", {"decay_steps": 200}, 0.1, 2000),
    ("inverse-time", {"decay_steps": 3}, 1.0, 30),
]


def torch_rates(name: str, params: dict, lr: float, budget: int) -> list[float]:
    """``lr_k`` for k = 0 … budget from torch's scheduler (the budget's row is the rate the
    next update would have: OneCycleLR still computes it, and refuses a step beyond)."""
    import torch
    from torch.optim import lr_scheduler as ls

    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    p = params
    if name == "constant":
        sched = ls.ConstantLR(opt, factor=1.0, total_iters=0)
    elif name == "step":
        sched = ls.StepLR(opt, step_size=p["step_size"], gamma=p["gamma"])
    elif name == "exponential":
        sched = ls.ExponentialLR(opt, gamma=p["gamma"])
    elif name == "cosine":
        sched = ls.CosineAnnealingLR(opt, T_max=p["t_max"] or budget, eta_min=p["eta_min"])
    elif name == "warmup-cosine":
        w = p["warmup"]
        sched = ls.SequentialLR(opt, [
            ls.LinearLR(opt, start_factor=1 / (w + 1), end_factor=1.0, total_iters=w),
            ls.CosineAnnealingLR(opt, T_max=p["t_max"] or budget - w, eta_min=p["eta_min"])],
            milestones=[w])
    elif name == "onecycle":
        sched = ls.OneCycleLR(opt, max_lr=p["max_lr"] or lr, total_steps=budget,
                              pct_start=p["pct_start"], cycle_momentum=False)
    elif name == "inverse-time":
        T = p["decay_steps"]
        sched = ls.LambdaLR(opt, lambda k: 1.0 / (1.0 + k / T))
    else:
        raise ValueError(name)
    rates = []
    for k in range(budget + 1):
        rates.append(float(opt.param_groups[0]["lr"]))
        if k < budget:
            opt.step()
            sched.step()
    return rates


def main() -> int:
    data = [{"schedule": n, "params": p, "lr": lr, "budget": b, "rates": torch_rates(n, p, lr, b)}
            for n, p, lr, b in CASES]
    import torch
    GOLDEN.write_text(json.dumps({"torch": torch.__version__, "cases": data}) + "\n")
    print(f"wrote {GOLDEN} ({len(data)} sequences, torch {torch.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
