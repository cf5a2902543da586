"""The maps: many runs of one 2-D problem at once in a :class:`~gdlab.engine.run.batch.BatchRun`.

* :func:`lr_sweep` — final loss, steps and status against the learning rate (log grid);
  for a quadratic problem also gradient descent's fastest fixed rate 2/(λmin + λmax) and
  its stability edge 2/λmax, from the Hessian at the minimum.
* :func:`basins` — an n×n grid of start points: which minimum each one reaches.
* :func:`hyper_map` — two hyperparameters on the axes, one run per cell.

Each takes complete :class:`~gdlab.engine.run.single.RunSettings` (from
:func:`gdlab.engine.run.recipe.resolve`) and returns a small frozen result with arrays, axes and
``columns``/``rows()`` for :func:`write_map_csv`. Long maps report and can be stopped:
``progress(fraction)`` is called after each chunk of about :data:`CHUNK_SECONDS` of work and
``cancel()`` before each; when it returns true the map raises :class:`Cancelled`.
"""

from __future__ import annotations

import csv
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .advice import hessian
from .minima import SEARCH_SECONDS, find_minima, label_minima
from ..run.batch import BatchRun
from ..files.atomic import Commit
from ..optim.hyperparams import HyperParam, validate_steps
from ..problems.registry import MODELS, get_problem
from ..problems.objectives import OBJECTIVES, Objective, get_objective
from ..optim.optimizers import OPTIMIZERS, make_optimizer
from ..run.recipe import schedule_of
from ..run.single import DTYPES, RunSettings
from ..text import Message

CHUNK_SECONDS = 0.02  # work between two progress reports (and cancel checks)
LR_FROM, LR_TO, LR_N = 1e-5, 10.0, 200  # the learning-rate sweep's default grid
BASIN_N = 200  # the basin map's default grid (n × n start points)
NO_MINIMUM, UNDEFINED = -1, -2  # a basin cell's ``minimum`` when it reached none
HYPER_N = 100  # the hyperparameter map's default grid (n × n cells)
MAX_RUNS = 1_000_000  # runs in one map (a 1000 × 1000 grid): about 0.3 GB of arrays
#: the hyperparameter paired with lr by default, in order of preference
_PARTNERS = ("momentum", "beta1", "alpha", "lr_decay", "weight_decay")

Progress = Callable[[float], object]
Cancel = Callable[[], bool]


class Cancelled(Exception):
    """A map stopped because its ``cancel()`` returned true."""


# -- shared pieces ------------------------------------------------------------------------
def map_objective(s: RunSettings) -> Objective:
    """The settings' 2-D function; a model or an unknown name raises ``ValueError``."""
    if s.problem in MODELS:
        raise ValueError(Message("the maps are for the 2-D functions; {problem} is a model "
                                 "(choose one of: {choices})", problem=s.problem,
                                 choices=", ".join(OBJECTIVES)))
    if s.formula is not None:
        return get_problem(s.problem, s.formula)
    return get_objective(s.problem)


def _starts(s: RunSettings, objective: Objective, K: int) -> np.ndarray:
    """``s.start`` repeated for ``K`` runs, (K, 2)."""
    start = np.asarray(s.start, dtype=float)
    if start.shape != (objective.dim,):
        raise ValueError(Message("the start point needs {n} values ({names}), got {got}",
                                 n=objective.dim, names=", ".join(objective.param_names),
                                 got=start.size))
    return np.tile(start, (K, 1))


def _check_runs(n: int, what: Message) -> None:
    if n > MAX_RUNS:
        raise ValueError(Message("{what} would be {n:,} runs; a map takes at most {most:,}",
                                 what=what, n=n, most=MAX_RUNS))


def _batch(s: RunSettings, starts: np.ndarray, hyper: dict | None = None) -> BatchRun:
    validate_steps(s.steps)
    if s.gradient not in ("analytic", "numerical"):
        raise ValueError(Message("the maps use the analytic or numerical gradient, not "
                                 "{gradient}", gradient=s.gradient))
    return BatchRun(map_objective(s), make_optimizer(s.optimizer, **s.hyper), starts,
                    hyper=hyper, steps=s.steps, gradient=s.gradient, h=s.h, tol=s.tol,
                    max_loss=s.max_loss, dtype=DTYPES[s.dtype], grad_noise=s.grad_noise,
                    noise_seed=s.noise_seed, schedule=schedule_of(s))


def run_batch(batch: BatchRun, progress: Progress | None = None,
              cancel: Cancel | None = None) -> BatchRun:
    """Advance ``batch`` to its budget in chunks of about :data:`CHUNK_SECONDS`, reporting
    the fraction done after each; raises :class:`Cancelled` when ``cancel()`` is true."""
    n = 1
    while batch.k < batch.steps and batch.running:
        if cancel is not None and cancel():
            raise Cancelled("the map was cancelled")
        t0 = time.perf_counter()
        batch.advance(n)
        dt = time.perf_counter() - t0
        n = max(1, min(4 * n, int(n * CHUNK_SECONDS / dt) if dt > 0 else 4 * n))
        if progress is not None:
            progress(batch.k / batch.steps)
    if progress is not None:
        progress(1.0)
    return batch


def _outcome(batch: BatchRun, shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """``loss`` (inf where a run diverged), ``steps`` taken and ``status``, each of ``shape``."""
    loss = np.where(batch.diverged, np.inf, batch.loss)
    return (loss.reshape(shape), batch.steps_taken.reshape(shape),
            batch.status.reshape(shape))


def _steps_to_tol(steps: np.ndarray, status: np.ndarray) -> np.ndarray:
    return np.where(status == "converged", steps, -1)


def _best(loss: np.ndarray, steps: np.ndarray, status: np.ndarray) -> int | None:
    """The flat index of the best run: converged in the fewest steps, else the lowest final
    loss; ``None`` if every run diverged."""
    loss, steps, status = loss.ravel(), steps.ravel(), status.ravel()
    conv = np.flatnonzero(status == "converged")
    if len(conv):
        return int(conv[np.argmin(steps[conv])])
    ok = np.flatnonzero(np.isfinite(loss))
    return int(ok[np.argmin(loss[ok])]) if len(ok) else None


def _num(v) -> object:
    """A CSV cell: ints and strings as they are, floats as their exact repr."""
    return v.item() if isinstance(v, np.generic) else v


def write_map_csv(path: str | os.PathLike, result: "LrSweep | Basins | HyperMap") -> Path:
    """Write a map's ``columns`` and ``rows()`` to ``path`` atomically (nothing is left
    behind if it fails: ``OSError``)."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder, not a file name")

    with Commit() as commit, commit.open(path) as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(result.columns)
        w.writerows([_num(v) for v in row] for row in result.rows())
    return path


# -- the learning-rate sweep --------------------------------------------------------------
@dataclass(frozen=True)
class LrSweep:
    """Final ``loss`` (inf: diverged), ``steps`` taken and ``status`` of one run per rate
    ``lr`` (n,), all from ``settings`` (whose own lr is the current one). ``fastest_lr``
    and ``edge_lr``: gradient descent's 2/(λmin + λmax) and 2/λmax on a quadratic problem
    (``None`` otherwise)."""

    settings: RunSettings
    lr: np.ndarray
    loss: np.ndarray
    steps: np.ndarray
    status: np.ndarray
    fastest_lr: float | None
    edge_lr: float | None

    columns = ("lr", "loss", "steps", "status")

    def rows(self):
        return zip(self.lr, self.loss, self.steps, self.status)

    @property
    def steps_to_tol(self) -> np.ndarray:
        """(n,) the step where the gradient norm reached the tolerance, −1 if it did not."""
        return _steps_to_tol(self.steps, self.status)

    @property
    def best_lr(self) -> float | None:
        """The rate that converged in the fewest steps, else the lowest final loss."""
        i = _best(self.loss, self.steps, self.status)
        return None if i is None else float(self.lr[i])

    @property
    def first_diverged(self) -> float | None:
        """The smallest rate that diverged."""
        div = self.status == "diverged"
        return float(self.lr[div].min()) if div.any() else None


def lr_grid(lo: float = LR_FROM, hi: float = LR_TO, n: int = LR_N) -> np.ndarray:
    """``n`` rates from ``lo`` to ``hi`` on a log scale; bad bounds raise ``ValueError``."""
    if not (0 < lo < hi and math.isfinite(hi)):
        raise ValueError(Message("the learning rates need 0 < from < to, got from {low:g} to "
                                 "{high:g}", low=lo, high=hi))
    if n < 2:
        raise ValueError(Message("a sweep needs at least 2 rates, got {n}", n=n))
    _check_runs(n, Message("{n} rates", n=n))
    return np.geomspace(lo, hi, n)


def quadratic_rates(objective: Objective) -> tuple[float, float] | None:
    """``(2/(λmin + λmax), 2/λmax)`` from the Hessian at the first known minimum, if the
    Hessian is the same everywhere (a quadratic) and positive definite; else ``None``."""
    if not objective.minima:
        return None
    x0, x1, y0, y1 = objective.box
    points = [objective.minima[0], (x0, y0), (x1, y1), (x0, y1), objective.start]
    Hs = [hessian(objective, p) for p in points]
    scale = np.abs(Hs[0]).max() + 1.0
    if not all(np.abs(H - Hs[0]).max() <= 1e-6 * scale for H in Hs):
        return None
    lam = np.linalg.eigvalsh(Hs[0])
    if lam[0] <= 0:
        return None
    return float(2 / (lam[0] + lam[-1])), float(2 / lam[-1])


def lr_sweep(s: RunSettings, lrs: Sequence[float] | None = None,
             progress: Progress | None = None, cancel: Cancel | None = None) -> LrSweep:
    """One run from ``s.start`` per rate in ``lrs`` (default :func:`lr_grid`)."""
    lr = lr_grid() if lrs is None else np.asarray(lrs, dtype=float)
    objective = map_objective(s)
    batch = _batch(s, _starts(s, objective, len(lr)), {"lr": lr})
    run_batch(batch, progress, cancel)
    rates = quadratic_rates(objective)
    return LrSweep(s, lr, *_outcome(batch, lr.shape), *(rates or (None, None)))


# -- basins -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Basins:
    """Runs from an n×n grid of start points ``(xs[j], ys[i])``: each cell's ``end`` point
    (n, n, 2), ``loss``, ``steps``, ``status`` and ``minimum`` (n, n): the index of the
    point in ``minima`` (m, 2) it reached — the objective's known minima first (a typed
    formula's: those :func:`~gdlab.engine.analysis.minima.find_minima` finds in the box, as the
    window marks them), then clusters of the other converged end points — or
    :data:`NO_MINIMUM` (none, or diverged) or :data:`UNDEFINED` (stopped where f is
    undefined)."""

    settings: RunSettings
    xs: np.ndarray
    ys: np.ndarray
    end: np.ndarray
    loss: np.ndarray
    steps: np.ndarray
    status: np.ndarray
    minimum: np.ndarray
    minima: np.ndarray
    known: int

    columns = ("x0", "y0", "x", "y", "loss", "steps", "status", "minimum")

    def rows(self):
        X0, Y0 = np.meshgrid(self.xs, self.ys)
        return zip(X0.ravel(), Y0.ravel(), self.end[..., 0].ravel(), self.end[..., 1].ravel(),
                   self.loss.ravel(), self.steps.ravel(), self.status.ravel(),
                   self.minimum.ravel())

    @property
    def steps_to_tol(self) -> np.ndarray:
        """(n, n) the step where the gradient norm reached the tolerance, −1 if it did not."""
        return _steps_to_tol(self.steps, self.status)

    def shares(self) -> np.ndarray:
        """(m,) the share of cells that reach each minimum."""
        counts = np.bincount(self.minimum[self.minimum >= 0].ravel(), minlength=len(self.minima))
        return counts / self.minimum.size


def check_box(box: Sequence[float]) -> tuple[float, float, float, float]:
    """A box (X0, X1, Y0, Y1) as floats, or a ValueError saying what a box needs."""
    x0, x1, y0, y1 = (float(v) for v in box)
    if not all(math.isfinite(v) for v in (x0, x1, y0, y1)) or not (x0 < x1 and y0 < y1):
        raise ValueError(Message("the box needs finite X0 < X1 and Y0 < Y1, got {x0:g}, "
                                 "{x1:g}, {y0:g}, {y1:g}", x0=x0, x1=x1, y0=y0, y1=y1))
    return x0, x1, y0, y1


def basins(s: RunSettings, n: int = BASIN_N, box: Sequence[float] | None = None,
           radius: float | None = None, progress: Progress | None = None,
           cancel: Cancel | None = None) -> Basins:
    """An ``n``×``n`` grid of start points over ``box`` (default the objective's view box),
    each run with ``s``; an end point within ``radius`` (default 1% of the box's diagonal)
    of a minimum counts as reaching it."""
    objective = map_objective(s)
    if n < 1:
        raise ValueError(Message("the basin grid needs n ≥ 1, got {n}", n=n))
    _check_runs(n * n, Message("a {n}×{n} grid", n=n))
    x0, x1, y0, y1 = check_box(objective.box if box is None else box)
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    X, Y = np.meshgrid(xs, ys)
    batch = _batch(s, np.column_stack([X.ravel(), Y.ravel()]))
    run_batch(batch, progress, cancel)
    loss, steps, status = _outcome(batch, (n, n))
    end = batch.P
    r = 0.01 * math.hypot(x1 - x0, y1 - y0) if radius is None else radius
    known = np.array(objective.minima, dtype=float).reshape(-1, 2)
    if objective.source is not None and not len(known):
        known = find_minima(objective, (x0, x1, y0, y1), seconds=SEARCH_SECONDS).points
    undefined = batch.status == "undefined"
    labels, minima = label_minima(end, ~batch.diverged & ~undefined, batch.converged, known, r)
    labels[undefined] = UNDEFINED
    return Basins(s, xs, ys, end.reshape(n, n, 2), loss, steps, status, labels.reshape(n, n),
                  minima, len(known))


# -- the hyperparameter map ---------------------------------------------------------------
@dataclass(frozen=True)
class HyperMap:
    """One run per cell ``(xs[j], ys[i])`` of hyperparameters ``x_name`` × ``y_name``
    (the others from ``settings``): ``loss`` (inf: diverged), ``steps``, ``status``
    (n, n); ``x_log``/``y_log`` say which axes are logarithmic."""

    settings: RunSettings
    x_name: str
    y_name: str
    xs: np.ndarray
    ys: np.ndarray
    x_log: bool
    y_log: bool
    loss: np.ndarray
    steps: np.ndarray
    status: np.ndarray

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.x_name, self.y_name, "loss", "steps", "status")

    def rows(self):
        X, Y = np.meshgrid(self.xs, self.ys)
        return zip(X.ravel(), Y.ravel(), self.loss.ravel(), self.steps.ravel(),
                   self.status.ravel())

    @property
    def steps_to_tol(self) -> np.ndarray:
        """(n, n) the step where the gradient norm reached the tolerance, −1 if it did not."""
        return _steps_to_tol(self.steps, self.status)

    @property
    def best(self) -> tuple[int, int] | None:
        """The cell ``(i, j)`` that converged in the fewest steps, else the lowest loss."""
        k = _best(self.loss, self.steps, self.status)
        return None if k is None else divmod(k, len(self.xs))


def numeric_hyperparameters(optimizer: str) -> dict[str, HyperParam]:
    """The optimizer's hyperparameters a map can put on an axis (real numbers), by name."""
    if optimizer not in OPTIMIZERS:
        make_optimizer(optimizer)  # raises with the list of names
    return {spec.name: spec for spec in OPTIMIZERS[optimizer].specs if spec.numeric}


def default_axes(optimizer: str) -> tuple[str, str]:
    """lr × momentum (momentum, Nesterov, RMSprop), lr × beta1 (Adam, AdamW), else lr × the
    optimizer's next hyperparameter."""
    names = numeric_hyperparameters(optimizer)
    return "lr", next(p for p in (*_PARTNERS, *names) if p in names and p != "lr")


def axis_range(spec: HyperParam, value: float) -> tuple[float, float]:
    """A log spec: ``value`` ÷ 100 … × 100 within the panel's range; a linear one: the
    panel's whole range, a hundredth of it inside an open end (Rprop's η− lives in (0, 1))."""
    if spec.log:
        lo, hi = value / 100, value * 100
        return max(lo, spec.ui_low or lo), min(hi, spec.ui_high or hi)
    lo, hi = spec.low, spec.ui_high if spec.ui_high is not None else spec.high
    inset = (hi - lo) / 100
    return (lo + inset if spec.low_open else lo,
            hi - inset if spec.high_open and spec.ui_high is None else hi)


def axis_values(spec: HyperParam, lo: float, hi: float, n: int) -> np.ndarray:
    """``n`` valid values of ``spec`` from ``lo`` to ``hi`` (log-spaced for a log spec)."""
    lo, hi = spec.validate(lo), spec.validate(hi)
    if not lo < hi:
        raise ValueError(Message("the {name} axis needs from < to, got {low:g} to {high:g}",
                                 name=spec.name, low=lo, high=hi))
    if spec.log:
        if lo <= 0:
            raise ValueError(Message("the {name} axis is logarithmic: it needs from > 0",
                                     name=spec.name))
        return np.geomspace(lo, hi, n)
    return np.linspace(lo, hi, n)


def hyper_map(s: RunSettings, x: str | None = None, y: str | None = None,
              x_range: tuple[float, float] | None = None,
              y_range: tuple[float, float] | None = None, n: int = HYPER_N,
              progress: Progress | None = None, cancel: Cancel | None = None) -> HyperMap:
    """An ``n``×``n`` map of hyperparameters ``x`` × ``y`` (default :func:`default_axes`)
    over ``x_range``/``y_range`` (default :func:`axis_range` around ``s``'s values)."""
    objective = map_objective(s)
    specs = numeric_hyperparameters(s.optimizer)
    dx, dy = default_axes(s.optimizer)
    x, y = x or dx, y or dy
    for name in (x, y):
        if name not in specs:
            raise ValueError(Message("{optimizer} has no hyperparameter {name!r} (it has: "
                                     "{known})", optimizer=s.optimizer, name=name,
                                     known=", ".join(specs)))
    if x == y:
        raise ValueError(Message("the two axes need two different hyperparameters, got {name} "
                                 "twice", name=x))
    if n < 2:
        raise ValueError(Message("the hyperparameter map needs n ≥ 2, got {n}", n=n))
    _check_runs(n * n, Message("a {n}×{n} grid", n=n))
    xs = axis_values(specs[x], *(x_range or axis_range(specs[x], s.hyper[x])), n)
    ys = axis_values(specs[y], *(y_range or axis_range(specs[y], s.hyper[y])), n)
    X, Y = np.meshgrid(xs, ys)
    batch = _batch(s, _starts(s, objective, n * n), {x: X.ravel(), y: Y.ravel()})
    run_batch(batch, progress, cancel)
    return HyperMap(s, x, y, xs, ys, specs[x].log, specs[y].log, *_outcome(batch, (n, n)))
