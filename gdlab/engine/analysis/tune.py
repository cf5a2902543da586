"""Auto-tune: each lane's learning rate set to the best of a log-spaced sweep for its
optimizer, problem and start (the batched engine, :func:`~gdlab.engine.analysis.sweeps.lr_sweep`).

The rates tried (:func:`tune_rates`): a log-spaced grid, and where the problem's Hessian is
known (a quadratic) the rates its curvature gives, 1/λmax and 2/(λmin + λmax), which a grid
misses (on ``bowl`` 0.5, which lands in one step).

Best = the fewest steps to the tolerance, then the lowest final loss; never a rate that
diverged. The choice is checked by a single run with the recipe (the code a lane steps
with): a rate the single run sees diverge is passed over for the next best.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from ..optim.optimizers import OPTIMIZERS
from ..problems.registry import MODELS
from ..run.recipe import build_run
from ..run.single import RunSettings
from ..text import Message
from . import sweeps

TUNE_N = 60  # rates swept per lane (log-spaced over sweeps.LR_FROM … LR_TO)


def tune_rates(settings: RunSettings) -> np.ndarray:
    """The rates (n,) auto-tune tries for ``settings``: :data:`TUNE_N` log-spaced from
    ``sweeps.LR_FROM`` to ``LR_TO`` and, on a quadratic, 1/λmax and 2/(λmin + λmax); each
    with 3 significant digits, so that a tuned rate is shown exactly where rates are typed."""
    rates = list(sweeps.lr_grid(n=TUNE_N))
    quadratic = sweeps.quadratic_rates(sweeps.map_objective(settings))
    if quadratic is not None:
        fastest, edge = quadratic
        rates += [edge / 2, fastest]  # edge = 2/λmax
    return np.array(sorted({float(f"{lr:.3g}") for lr in rates}))


@dataclass(frozen=True)
class Tuned:
    """A lane's tuned ``settings`` (its ``lr`` the chosen rate) and what its single run does
    at that rate: ``steps_to_tol`` (``None``: did not reach the tolerance), final ``loss``
    and ``status``; ``sweep`` the sweep it was chosen from."""

    settings: RunSettings
    lr: float
    steps_to_tol: int | None
    loss: float
    status: str
    sweep: sweeps.LrSweep


def candidates(sweep: sweeps.LrSweep) -> np.ndarray:
    """Indices of the sweep's rates that did not diverge, best first: converged in fewer
    steps, then lower final loss, then the smaller rate."""
    ok = np.flatnonzero((sweep.status != "diverged") & np.isfinite(sweep.loss))
    stt = np.where(sweep.status[ok] == "converged", sweep.steps[ok], np.iinfo(np.int64).max)
    return ok[np.lexsort((sweep.lr[ok], sweep.loss[ok], stt))]


def auto_tune(settings: RunSettings, lrs: Sequence[float] | None = None,
              progress: sweeps.Progress | None = None,
              cancel: sweeps.Cancel | None = None) -> Tuned:
    """The best rate of ``lrs`` (default :func:`tune_rates`) for ``settings``.
    Raises ``ValueError`` for a model, an optimizer that steps one run at a time (no batch:
    L-BFGS, the line searches, Newton) or when every rate diverges; :class:`sweeps.Cancelled`
    when ``cancel()`` is true."""
    _check_tunable(settings)
    lrs = tune_rates(settings) if lrs is None else lrs
    sweep = sweeps.lr_sweep(settings, lrs, progress, cancel)
    for i in candidates(sweep):
        lr = float(sweep.lr[i])
        tuned = replace(settings, hyper={**settings.hyper, "lr": lr})
        run = build_run(tuned)
        run.advance()
        if run.status != "diverged":
            last = run.trajectory.last()
            return Tuned(tuned, lr, run.k if run.status == "converged" else None,
                         last[run.trajectory.column("loss")], run.status, sweep)
    raise ValueError(Message("every rate from {low:g} to {high:g} diverged for {optimizer} on "
                             "{problem}", low=sweep.lr[0], high=sweep.lr[-1],
                             optimizer=settings.optimizer, problem=settings.problem))


def _check_tunable(settings: RunSettings) -> None:
    """Raise ``ValueError`` (in words) unless a batch can sweep ``settings``' rate."""
    if settings.problem in MODELS:
        raise ValueError(Message("auto-tune sweeps the learning rate of a 2-D function; "
                                 "{problem} is a model", problem=settings.problem))
    if kept_as_is(settings):
        opt, lr = OPTIMIZERS[settings.optimizer], settings.hyper.get("lr", 1.0)
        raise ValueError(Message("auto-tune picks each lane's lr from a batch of runs stepped "
                                 "together, and {optimizer} steps one run at a time (its state "
                                 "and evaluations are one run's): race it without auto-tune, at "
                                 "its own lr ({lr:g}, a scale of its own step)",
                                 optimizer=opt.title, lr=lr))


def kept_as_is(settings: RunSettings) -> bool:
    """Whether auto-tune leaves a lane's rate as it is: its optimizer steps one run at a time
    (L-BFGS, the line searches, Newton: no batch sweeps it), and its lr is a scale of its
    own step (1 for a whole step) rather than a rate to tune."""
    return not OPTIMIZERS[settings.optimizer].per_leaf


def auto_tune_lanes(settings: Sequence[RunSettings], lrs: Sequence[float] | None = None,
                    progress: sweeps.Progress | None = None,
                    cancel: sweeps.Cancel | None = None) -> list[Tuned | None]:
    """:func:`auto_tune` for each lane, ``None`` for a lane kept as it is
    (:func:`kept_as_is`); ``progress`` gets the fraction over the lanes tuned. Raises
    ``ValueError`` when no lane can be tuned (or as :func:`auto_tune` does)."""
    todo = [i for i, s in enumerate(settings) if not kept_as_is(s)]
    if not todo:
        _check_tunable(settings[0])  # says why
    out: list[Tuned | None] = [None] * len(settings)
    for j, i in enumerate(todo):
        part = None if progress is None else (lambda f, j=j: progress((j + f) / len(todo)))
        out[i] = auto_tune(settings[i], lrs, part, cancel)
    return out
