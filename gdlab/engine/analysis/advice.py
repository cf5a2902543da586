"""What to say after a run diverged or went nowhere.

:func:`advise_lr` finds a learning rate that works by trying smaller ones: for a 2-D function
all of them at once in a :class:`~gdlab.engine.run.batch.BatchRun` (with 1/λmax, λmax the largest
curvature at the start, among them: below the stability edge 2/λmax of gradient descent), for
a model a short run of each. :func:`stall` tells a run that ended without progress, for
instance bouncing between two points (a period-2 cycle at the edge of stability).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..run.batch import BatchRun
from ..problems.models import is_model
from ..problems.registry import get_problem
from ..optim.optimizers import OPTIMIZERS, make_optimizer
from ..run.oracle import OracleRun
from ..run.recipe import schedule_of, suggested_lr
from ..run.single import Run, RunSettings
from ..text import N_, Message

TRIAL_STEPS = 2000  # a 2-D function's trial (all candidates at once: a few ms)
MODEL_TRIAL_STEPS = 100  # a model's trial, per candidate
WINDOW = 20  # steps at the end of a run that the stall detector looks at


@dataclass(frozen=True)
class Advice:
    """A learning rate that made progress without diverging in a short trial (``None`` if
    no smaller rate did), and why, in words for the user ("the best of 17 smaller rates…")."""

    lr: float | None
    reason: str


def _round2(v: float) -> float:
    return float(f"{v:.2g}")


def hessian(objective: Any, point: Sequence[float]) -> np.ndarray:
    """A 2-D function's Hessian (2, 2) at ``point``: its own (analytic for the catalogue,
    differences of the gradient otherwise: ``Objective.hess``)."""
    with np.errstate(all="ignore"):
        hxx, hxy, hyy = objective.hess(float(point[0]), float(point[1]))
    return np.array([[hxx, hxy], [hxy, hyy]], dtype=float)


def max_curvature(objective: Any, point: Sequence[float]) -> float:
    """λmax of the Hessian at ``point`` (nan where it is not finite)."""
    H = hessian(objective, point)
    return float(np.linalg.eigvalsh(H)[-1]) if np.isfinite(H).all() else math.nan


def advise_lr(s: RunSettings, last_loss: float | None = None, seconds: float = 0.3) -> Advice:
    """The best of smaller learning rates than ``s``'s in a short trial from ``s``'s start
    (same optimizer and other hyperparameters; analytic gradient). A model's trial tries the
    problem's suggested rate, then the others from the largest down, and stops trying after
    about ``seconds``. ``last_loss`` is the run's last loss: one that fell without bound is
    not the learning rate's fault."""
    if last_loss is not None and last_loss < -s.max_loss:
        return Advice(None, N_("the loss fell without bound: the function has no minimum "
                               "that way, and a smaller learning rate would only slow the "
                               "fall; start elsewhere to reach a minimum"))
    lr = float(s.hyper["lr"])
    problem = get_problem(s.problem, s.formula, **s.problem_options)
    edge = math.nan
    rate = suggested_lr(problem, s.optimizer)
    if lr == 0:  # nothing smaller to try: the rate the problem suggests
        return Advice(rate, N_("the problem's suggested rate for this optimizer (a rate of 0 "
                               "never moves θ)"))
    suggested = {rate} if rate < lr else set()
    if is_model(problem):
        # the suggested rate first: if time allows only a few runs, a known good one is in
        smaller = {_round2(lr * 10 ** (-i / 2)) for i in range(1, 9)} - suggested
        candidates = [*suggested, *sorted(smaller, reverse=True)]
        n = min(s.steps, MODEL_TRIAL_STEPS)
        loss0, losses, n = _model_trial(s, problem, candidates, n, seconds)
        candidates = candidates[:len(losses)]
    else:
        candidates = {_round2(lr * 10 ** (-i / 4)) for i in range(1, 17)} | suggested
        lam = max_curvature(problem, s.start)
        if lam > 0 and math.isfinite(lam):
            edge = 2 / lam if s.optimizer == "sgd" else math.nan
            if 1 / lam < lr:
                candidates.add(_round2(1 / lam))
        candidates = sorted(candidates, reverse=True)
        n = min(s.steps, TRIAL_STEPS)
        if OPTIMIZERS[s.optimizer].per_leaf:
            loss0, losses = _batch_trial(s, problem, candidates, n)
        else:  # (L-BFGS steps one run at a time) the candidates one after another
            loss0, losses, n = _model_trial(s, problem, candidates, n, seconds)
            candidates = candidates[:len(losses)]
    ok = [(loss, -c) for c, loss in zip(candidates, losses) if loss < loss0]
    if not ok and suggested and n < min(s.steps, MODEL_TRIAL_STEPS):  # cut short by time
        return Advice(rate, Message("the problem's suggested rate (a {n}-step trial of this "
                                    "model was too short to tell)", n=n))
    if not ok:
        fields = dict(count=len(candidates), lowest=min(candidates), n=n)
        return Advice(None, Message("none of {count} smaller learning rates (down to "
                                    "{lowest:g}) made progress in {n} steps: try another "
                                    "optimizer, or another seed for the weights", **fields)
                      if is_model(problem) else
                      Message("none of {count} smaller learning rates (down to "
                              "{lowest:g}) made progress in {n} steps: try another "
                              "start point or optimizer", **fields))
    best = -min(ok)[1]
    fields = dict(count=len(candidates), n=n, first=loss0, best=min(ok)[0])
    if best < edge:
        return Advice(best, Message("the best of {count} smaller rates in a {n}-step trial "
                                    "(loss {first:.4g} → {best:.4g}); gradient descent is "
                                    "stable below 2/λmax = {edge:.3g} at the start",
                                    edge=edge, **fields))
    return Advice(best, Message("the best of {count} smaller rates in a {n}-step trial "
                                "(loss {first:.4g} → {best:.4g})", **fields))


def _batch_trial(s: RunSettings, objective: Any, candidates: list[float],
                 n: int) -> tuple[float, np.ndarray]:
    """Start loss and each candidate's final loss (inf where it diverged)."""
    opt = make_optimizer(s.optimizer, **s.hyper)
    starts = np.tile(np.asarray(s.start, dtype=float), (len(candidates), 1))
    batch = BatchRun(objective, opt, starts, lr=np.array(candidates),
                     max_loss=s.max_loss)
    loss0 = float(batch.loss[0])
    batch.advance(n)
    losses = np.where(batch.diverged | ~np.isfinite(batch.loss), np.inf, batch.loss)
    return loss0, losses


def _model_trial(s: RunSettings, problem: Any, candidates: list[float], n: int,
                 seconds: float) -> tuple[float, list[float], int]:
    """Start loss, the candidates' mean losses over their last tenth of the trial, and the
    trial's length: ``n`` steps, fewer if the first candidate cannot make them in a third of
    ``seconds``; as many candidates, from the first, as fit in about ``seconds``."""
    losses: list[float] = []
    loss0 = math.nan
    t_end = time.perf_counter() + seconds
    for c in candidates:
        if losses and time.perf_counter() > t_end:
            break
        opt = make_optimizer(s.optimizer, **{**s.hyper, "lr": c})
        run = (OracleRun if opt.oracle else Run)(
            problem, opt, s.start, steps=n, tol=0.0, max_loss=s.max_loss, dtype=s.dtype,
            schedule=schedule_of(s))
        run.advance(deadline=None if losses else time.perf_counter() + seconds / 3)
        if run.status == "running":  # a large model: the others get as many steps
            n = max(run.k, 1)
        loss = run.trajectory.rows()[:, run.trajectory.column("loss")]
        loss0 = float(loss[0])
        tail = float(np.mean(loss[-max(1, n // 10):]))
        losses.append(tail if run.status != "diverged" and math.isfinite(tail) else math.inf)
    return loss0, losses, n


def stall(rows: np.ndarray, columns: Sequence[str], maximize: bool = False) -> Message | None:
    """A sentence ("no progress: {detail}") if a run (rows (n, width), the trajectory's
    ``columns``) ended with its loss not below the start's: the parameters moved but the loss
    did not go down, and whether the path bounces back and forth over its last steps.
    ``None`` otherwise, and for a run that ``maximize``s (climbing is its progress)."""
    li = list(columns).index("loss")
    if len(rows) < 3 or maximize:
        return None
    loss0, loss1 = float(rows[0, li]), float(rows[-1, li])
    if not (math.isfinite(loss0) and math.isfinite(loss1)) or loss1 < loss0:
        return None
    fields = dict(n=len(rows) - 1, last=loss1, first=loss0)
    if "lr" in columns and not rows[:-1, list(columns).index("lr")].any():
        return Message("no progress: {detail}", detail=Message(
            "the learning rate is 0: no update moves θ (lr·g = 0 whatever the gradient)"))
    detail = Message("after {n} steps the loss ({last:.6g}) is not below the start's "
                     "({first:.6g})", **fields)
    if li == 0:  # a network's rows hold no parameters
        return Message("no progress: {detail}", detail=detail)
    d = np.diff(rows[-WINDOW - 1:, :li], axis=0)  # the last steps (m, d)
    if not d.any():
        return None  # the point did not move (a stationary start): nothing is wrong
    turns = np.einsum("ij,ij->i", d[1:], d[:-1])
    if len(turns) and (turns < 0).all():
        jumps = np.linalg.norm(d, axis=1)  # each step's length (m,)
        back = np.linalg.norm(d[1:] + d[:-1], axis=1)  # two steps: how far from where it was
        if (back <= 0.5 * jumps[:-1]).all():  # back near the point it left: a cycle
            detail = Message("after {n} steps the loss ({last:.6g}) is not below the start's "
                             "({first:.6g}); the path jumps back and forth (a period-2 cycle): "
                             "the learning rate is at or past the edge of stability", **fields)
        elif (jumps[1:] > jumps[:-1]).all():
            detail = Message("after {n} steps the loss ({last:.6g}) is not below the start's "
                             "({first:.6g}); the path jumps back and forth, farther at every "
                             "step: the learning rate is past the edge of stability", **fields)
    return Message("no progress: {detail}", detail=detail)
