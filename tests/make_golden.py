"""Golden trajectories of torch.optim for the parity tests (``tests/test_golden.py``).

    python tests/make_golden.py        # needs torch (CPU wheel); rewrites tests/data/golden.npz

Each case is an optimizer with hyperparameters on a problem, stepped 500 times in float64
by torch's own optimizer. Torch is fed the engine's gradient (and loss) at torch's current
parameters, on the batch the engine's :class:`~gdlab.engine.run.single.Run` uses at that
step, so that the comparison is of the update rules alone: a gradient rounded differently
(autograd's order of operations against the analytic formula) would otherwise be amplified
along Rosenbrock's valley, and could flip a sign for Rprop and Lion. Lion is not in torch:
its reference is the paper's update written with torch tensors here.

Stored: rosenbrock's whole path (501 × 2), the mlp's parameters every 50 steps (11 × 162;
moons, batches of 100 — and the whole 200 for L-BFGS),
L-BFGS's function-evaluation count after every step (torch's ``state["func_evals"]``, 0 at
the start), and the torch version — compressed, about 100 kB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdlab.engine.problems.registry import get_problem  # noqa: E402

STEPS = 500
MLP_EVERY = 50  # the mlp's parameters are kept every this many steps
DATA = Path(__file__).with_name("data") / "golden.npz"

#: (optimizer, hyperparameters) on rosenbrock from (-1.5, 2) and on the mlp (moons)
CASES = {
    "rosenbrock": [
        ("sgd", {"lr": 1e-4}), ("sgd", {"lr": 1e-4, "weight_decay": 0.1}),
        ("momentum", {"lr": 1e-4}), ("nesterov", {"lr": 1e-4}),
        ("asgd", {"lr": 1e-4, "lambd": 0.1}), ("adagrad", {"lr": 0.1}),
        ("rmsprop", {"lr": 0.01}), ("rmsprop", {"lr": 0.001, "momentum": 0.9}),
        ("adadelta", {"lr": 1.0}), ("adam", {"lr": 0.01}),
        ("adam", {"lr": 0.01, "amsgrad": True}), ("adam", {"lr": 0.001, "maximize": True}),
        ("adamw", {"lr": 0.01}), ("adamw", {"lr": 0.01, "amsgrad": True}),
        ("nadam", {"lr": 0.01}), ("nadam", {"lr": 0.01, "weight_decay": 0.01,
                                            "decoupled_weight_decay": True}),
        ("radam", {"lr": 0.01}), ("radam", {"lr": 0.01, "weight_decay": 0.01}),
        ("adamax", {"lr": 0.01}), ("rprop", {"lr": 0.01}), ("lion", {"lr": 1e-3}),
        ("lion", {"lr": 1e-3, "weight_decay": 0.1}),
        ("lbfgs", {"lr": 1.0}), ("lbfgs", {"lr": 1.0, "line_search": "strong_wolfe"}),
        ("lbfgs", {"lr": 0.5, "history_size": 5}),
        ("lbfgs", {"lr": 1.0, "history_size": 3, "line_search": "strong_wolfe"}),
    ],
    "mlp": [
        ("sgd", {"lr": 0.5}), ("momentum", {"lr": 0.1}), ("nesterov", {"lr": 0.1}),
        ("asgd", {"lr": 0.5}), ("adagrad", {"lr": 0.05}), ("rmsprop", {"lr": 0.005}),
        ("adadelta", {"lr": 1.0}), ("adam", {"lr": 0.01}), ("adam", {"lr": 0.01, "amsgrad": True}),
        ("adamw", {"lr": 0.01}), ("nadam", {"lr": 0.01}), ("radam", {"lr": 0.01}),
        ("adamax", {"lr": 0.01}), ("rprop", {"lr": 0.001}), ("lion", {"lr": 1e-3}),
    ],
    # L-BFGS is a full-batch method: on mini-batches its fixed steps along directions built
    # from noisy pairs blow up, and with them any rounding difference
    "mlp full batch": [
        ("lbfgs", {"lr": 0.1}), ("lbfgs", {"lr": 1.0, "line_search": "strong_wolfe"}),
        ("adam", {"lr": 0.01}),
    ],
}
#: the problem (name and options) of each set of cases
PROBLEMS = {"rosenbrock": ("rosenbrock", {}), "mlp": ("mlp", {}),
            "mlp full batch": ("mlp", {"batch": 200})}


def _torch_optimizer(torch, name: str, hyper: dict, params: list):
    """torch's optimizer for gdlab's ``name`` and hyperparameters (Lion: see :class:`_Lion`)."""
    h = dict(hyper)
    if "beta1" in h or "beta2" in h:
        raise ValueError("give betas as torch's defaults in these cases")
    kw = {"lr": h.pop("lr")}
    if name in ("momentum", "nesterov"):
        kw.update(momentum=h.pop("momentum", 0.9), nesterov=name == "nesterov")
    if name == "rprop":
        kw["etas"] = (h.pop("etaminus", 0.5), h.pop("etaplus", 1.2))
        kw["step_sizes"] = (h.pop("step_size_min", 1e-6), h.pop("step_size_max", 50.0))
    if name == "lbfgs":
        ls = h.pop("line_search", "none")
        kw.update(max_iter=1, max_eval=25, line_search_fn=None if ls == "none" else ls)
    kw.update(h)
    if name == "lion":
        return _Lion(torch, params, **kw)
    cls = {"sgd": "SGD", "momentum": "SGD", "nesterov": "SGD", "asgd": "ASGD",
           "adagrad": "Adagrad", "rmsprop": "RMSprop", "adadelta": "Adadelta", "adam": "Adam",
           "adamw": "AdamW", "nadam": "NAdam", "radam": "RAdam", "adamax": "Adamax",
           "rprop": "Rprop", "lbfgs": "LBFGS"}[name]
    return getattr(torch.optim, cls)(params, **kw)


class _Lion:
    """Lion as the paper writes it (Chen et al. 2023, Algorithm 2), with torch tensors."""

    def __init__(self, torch, params, lr=1e-4, weight_decay=0.0):
        self.torch, self.params, self.lr, self.wd = torch, params, lr, weight_decay
        self.b1, self.b2 = 0.9, 0.99
        self.m = [torch.zeros_like(p) for p in params]

    def step(self):
        with self.torch.no_grad():
            for p, m in zip(self.params, self.m):
                g = p.grad
                update = self.torch.sign(self.b1 * m + (1 - self.b1) * g)
                p.sub_(self.lr * (update + self.wd * p))
                m.mul_(self.b2).add_((1 - self.b2) * g)


def torch_trajectory(problem_name: str, name: str, hyper: dict, steps: int = STEPS,
                     options: dict | None = None):
    """``(snapshots, func_evals)``: torch's parameters (rosenbrock: every step as (n+1, 2);
    the mlp: every :data:`MLP_EVERY` steps, flattened) and L-BFGS's evaluation count after
    each step, (n+1,) from 0 (None for the others)."""
    import torch

    torch.set_num_threads(1)
    problem = get_problem(problem_name, **(options or {}))
    model = problem_name != "rosenbrock"
    if model:
        start = problem.init_params(None)
        batches = problem.batches()
    else:
        start = [-1.5, 2.0]
    params = [torch.tensor(np.asarray(v, dtype=np.float64)).requires_grad_(True) for v in start]
    opt = _torch_optimizer(torch, name, hyper, params)
    batch = [None]

    def evaluate():
        p = [v.detach().numpy().copy() for v in params]
        p = p if model else [float(v) for v in p]
        if model:
            loss, grads, _ = problem.evaluate(p, batch[0], "analytic", 1e-4)
        else:
            loss, grads = problem.f(*p), problem.grad(*p)
        for v, g in zip(params, grads):
            v.grad = torch.tensor(np.asarray(g, dtype=np.float64))
        return torch.tensor(float(loss), dtype=torch.float64)

    def snapshot():
        return np.concatenate([v.detach().numpy().ravel() for v in params])

    out, evals = [snapshot()], [0]
    for k in range(1, steps + 1):
        batch[0] = next(batches) if model else None
        if name == "lbfgs":
            opt.step(evaluate)
            evals.append(opt.state[params[0]]["func_evals"])
        else:
            evaluate()
            opt.step()
        if not model or k % MLP_EVERY == 0:
            out.append(snapshot())
    return np.array(out), (np.array(evals, dtype=np.int32) if name == "lbfgs" else None)


#: the first seven on rosenbrock with torch's own (autograd) gradient, 300 steps
#: (``tests/test_optimizers.py::test_matches_torch_optim``): gdlab name -> (torch class,
#: arguments, lr)
AUTOGRAD = {
    "sgd": ("SGD", {}, 1e-4), "momentum": ("SGD", {"momentum": 0.9}, 1e-4),
    "nesterov": ("SGD", {"momentum": 0.9, "nesterov": True}, 1e-4),
    "adagrad": ("Adagrad", {}, 0.1), "rmsprop": ("RMSprop", {}, 0.01),
    "adam": ("Adam", {}, 0.01), "adamw": ("AdamW", {}, 0.01),
}
AUTOGRAD_STEPS = 300


def autograd_trajectory(name: str) -> np.ndarray:
    """(301, 2): torch's optimizer on rosenbrock from (-1.5, 2), autograd's gradient."""
    import torch

    cls, extra, lr = AUTOGRAD[name]
    p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, cls)([p], lr=lr, **extra)
    out = [p.detach().numpy().copy()]
    for _ in range(AUTOGRAD_STEPS):
        opt.zero_grad()
        x, y = p[0], p[1]
        ((1 - x) ** 2 + 100 * (y - x * x) ** 2).backward()
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.array(out)


def main() -> None:
    import torch

    arrays, index = {}, []
    for label, cases in CASES.items():
        problem, options = PROBLEMS[label]
        for name, hyper in cases:
            snaps, evals = torch_trajectory(problem, name, hyper, options=options)
            key = f"c{len(index)}"
            arrays[key] = snaps
            if evals is not None:
                arrays[f"{key}_evals"] = evals
            index.append({"key": key, "problem": problem, "options": options, "optimizer": name,
                          "hyper": hyper})
            print(f"{label:<14} {name:<9} {json.dumps(hyper)}: {snaps.shape}", flush=True)
    for name in AUTOGRAD:
        arrays[f"autograd_{name}"] = autograd_trajectory(name)
    meta = {"torch": torch.__version__, "steps": STEPS, "mlp_every": MLP_EVERY,
            "cases": index, "autograd": {n: lr for n, (_, _, lr) in AUTOGRAD.items()}}
    DATA.parent.mkdir(exist_ok=True)
    np.savez_compressed(DATA, meta=np.array(json.dumps(meta)), **arrays)
    print(f"wrote {DATA} ({DATA.stat().st_size / 1e3:.0f} kB) with torch {torch.__version__}")


if __name__ == "__main__":
    main()
