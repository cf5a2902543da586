"""One optimization run: step an optimizer on a problem, recording every step.

The trajectory always ends at the current point: row k holds θ_k, f(θ_k),
∇f(θ_k), ‖∇f(θ_k)‖ and the learning rate of the update *from* θ_k (rewritten
if the rate changes before that update happens).

:meth:`Run.chunks` is the run loop as a generator of step records: each item
is a :class:`StepChunk` with the rows added since the previous one. A GUI
worker wraps it; the CLI simply drains :meth:`Run.advance`.

Every run counts its evaluations, ``f_evals`` and ``grad_evals`` (the start point's
included). A method that evaluates more than once a step (``counts_evaluations``: L-BFGS,
the line searches of :mod:`~gdlab.engine.run.oracle`) records them as two trailing columns,
:data:`EVAL_COLUMNS`, of every row, and keeps ``trials``, the points its line search
evaluated (rows ``(step, x, y)``, 2-D functions only), and ``notes``, ``{step: text}``,
what happened at the update from that step's point (the first :data:`NOTES_MAX`;
``note_count`` of them all). ``max_grad_evals`` (a race by evaluations) ends the run,
*finished*, at the first row where ``grad_evals`` reaches it.
"""

from __future__ import annotations

import copy
import math
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, Any, Iterator

import numpy as np

from ..gradients.methods import (GRADIENT_METHODS, autodiff_gradient, lost_nudge_reason,
                                 nudge_lost, numerical_gradient_scalars)
from ..optim.hyperparams import DEFAULT_H, DEFAULT_MAX_LOSS, H, TOL, validate_steps
from ..problems.models import ModelProblem, is_model
from ..problems.registry import get_problem
from ..problems.objectives import FLOAT_MATH, GRAPH_MATH, Objective
from ..optim.optimizers import Optimizer, make_optimizer
from ..optim.schedules import Schedule
from .checkpoints import Checkpoints, replay
from .noise import GradientNoise, check_noise
from ..text import Message
from .trajectory import Trajectory

DTYPES = {"float64": np.float64, "float32": np.float32}
TERMINAL = ("converged", "diverged", "undefined")
EVAL_COLUMNS = ("f_evals", "grad_evals")
NOTES_MAX = 10_000  # notes kept (a long run on a saddle has one every step); all are counted


@dataclass
class RunSettings:
    """Everything that defines a run (what the JSON beside a CSV records)."""

    problem: str = "bowl"
    optimizer: str = "sgd"
    hyper: dict[str, float] = field(default_factory=dict)
    start: tuple[float, ...] | None = None
    steps: int = 100
    gradient: str = "analytic"
    h: float = DEFAULT_H
    tol: float = TOL.default
    max_loss: float = DEFAULT_MAX_LOSS
    dtype: str = "float64"
    problem_options: dict[str, Any] = field(default_factory=dict)
    grad_noise: float = 0.0  # σ of the N(0, σ²I) noise added to each gradient
    noise_seed: int = 0
    formula: str | None = None  # the text of a typed formula (problem "formula")
    schedule: str | None = None  # None: the problem's (the recipe fills it in)
    schedule_params: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["start"] = list(self.start) if self.start is not None else None
        d["max_loss"] = _json_float(self.max_loss)
        return d


def _json_float(v: float) -> float | str:
    return v if math.isfinite(v) else str(v)


@dataclass(frozen=True)
class ChangeEvent:
    """A setting changed during a run: ``name`` (a hyperparameter, ``steps`` or ``tol``) set
    to ``value`` before the update from step ``step``."""

    step: int
    name: str
    value: Any

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "name": self.name, "value": self.value}


@dataclass
class StepChunk:
    """Rows added since the last chunk: ``rows`` (n, width), first row index ``start``."""

    start: int
    rows: np.ndarray
    status: str
    step: int


class Run:
    """A single run of ``optimizer`` on ``objective`` from ``start``.

    ``objective`` is a 2-D :class:`Objective`, a model problem
    (:class:`~gdlab.engine.problems.models.ModelProblem`) or a name for ``get_problem``. For a model the
    trajectory columns are the problem's (``problem.columns``), ``params`` the
    current parameter leaves, and each update draws the problem's next batch.
    ``grad_noise`` σ > 0 adds seeded N(0, σ²I) noise (:mod:`~gdlab.engine.run.noise`) to
    each gradient: the rows hold the noisy gradient used (and its norm, which the
    tolerance is judged on), the loss stays the true loss. ``schedule`` sets the rate of each
    update from the optimizer's ``lr`` (:mod:`~gdlab.engine.optim.schedules`; default the
    problem's ``default_schedule``, else constant); the rows' ``lr`` is the scheduled rate.
    :attr:`origin` holds the settings it started from, :attr:`events` every change made
    since (:class:`ChangeEvent`), so that :mod:`~gdlab.engine.run.replay` can run it again.
    """

    #: called between blocks of steps when set; a GUI worker uses it to pause the loop
    #: (releasing the GIL) while the window paints
    checkpoint: Callable[[], object] | None = None
    #: a race by evaluations: the run ends at the first row with this many gradient evaluations
    max_grad_evals: int | None = None

    def __init__(self, objective: Objective | ModelProblem | str, optimizer: Optimizer | str,
                 start: tuple[float, ...] | None = None, steps: int = 100,
                 gradient: str = "analytic", h: float = DEFAULT_H, tol: float = TOL.default,
                 max_loss: float = DEFAULT_MAX_LOSS, dtype: str = "float64",
                 grad_noise: float = 0.0, noise_seed: int = 0,
                 schedule: Schedule | None = None) -> None:
        self.objective = get_problem(objective) if isinstance(objective, str) else objective
        self.optimizer = make_optimizer(optimizer) if isinstance(optimizer, str) else optimizer
        self._model = is_model(self.objective)
        if gradient not in GRADIENT_METHODS:
            raise ValueError(f"unknown gradient method {gradient!r}; choose one of: "
                             f"{', '.join(GRADIENT_METHODS)}")
        if dtype not in DTYPES:
            raise ValueError(f"unknown dtype {dtype!r}; choose one of: {', '.join(DTYPES)}")
        H.validate(h)
        if not tol >= 0:
            raise ValueError(f"invalid tol {tol!r}: the tolerance must be ≥ 0")
        if not max_loss > 0:
            raise ValueError(f"invalid max_loss {max_loss!r}: the threshold must be > 0")
        check_noise(grad_noise, noise_seed)
        self.grad_noise, self.noise_seed = float(grad_noise), int(noise_seed)
        if schedule is None:
            schedule = Schedule(*getattr(self.objective, "default_schedule", ("constant", {})))
        self.schedule = schedule
        names = self.objective.param_names
        if self._model and self.objective.start is None:
            self.objective.init_params(start)  # raises if a start point is given
            self.start = None
        else:
            start = tuple(self.objective.start if start is None else start)
            if len(start) != len(names):
                n = len(names)
                raise ValueError(f"the start point needs {n} value{'s' * (n != 1)} "
                                 f"({', '.join(names)}), got {len(start)}")
            self.start = tuple(float(v) for v in start)
        self.gradient, self.h, self.tol, self.max_loss, self.dtype = gradient, h, tol, max_loss, dtype
        self.steps = validate_steps(steps)
        self.trajectory = Trajectory(self._columns())
        self._loss_col, self._gn_col, self._lr_col = (
            self.trajectory.column(c) for c in ("loss", "grad_norm", "lr"))
        self.reset()

    # -- settings ---------------------------------------------------------------
    @property
    def param_names(self) -> tuple[str, ...]:
        return self.objective.param_names

    def set_steps(self, steps: int) -> None:
        """Change the step budget; raising it lets a finished run continue (a schedule that
        follows the budget changes the next rate)."""
        self.steps = validate_steps(steps)
        self._note("steps", self.steps)
        status = getattr(self, "status", None)
        if status is not None:
            self._sync_lr(self.lr_now())
        if status == "finished" and self.k < self.steps:
            self.status = "running"
        elif status in ("running", "stopped") and self.k >= self.steps:
            self.status = "finished"  # a budget lowered below the current step ends the run
        if status is not None:  # a schedule may follow the budget: replays start here
            self._ck_next = self.checkpoints.take(self, pinned=True)

    def _columns(self) -> list[str]:
        names = self.objective.param_names
        counts = EVAL_COLUMNS if self.optimizer.counts_evaluations else ()
        return [*(self.objective.columns if self._model else
                  [*names, "loss", *(f"grad_{n}" for n in names), "grad_norm", "lr"]), *counts]

    def settings(self) -> RunSettings:
        return RunSettings(self.objective.name, self.optimizer.name, self.optimizer.hyper,
                           self.start, self.steps, self.gradient, self.h, self.tol,
                           self.max_loss, self.dtype,
                           dict(self.objective.options) if self._model else {},
                           self.grad_noise, self.noise_seed,
                           None if self._model else self.objective.source, self.schedule.name,
                           dict(self.schedule.params))

    # -- state ------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the start point with fresh optimizer state."""
        dt = DTYPES[self.dtype]
        floats = self.dtype == "float64" and self.gradient != "autodiff" and not self._model
        self._fast = floats and self.optimizer.per_leaf
        if self._model:
            self._p = self.objective.init_params(self.start, dt)
            self._batches = self.objective.batches()
        else:
            self._p = [float(v) if floats else dt(v) for v in self.start]
        self._state = self.optimizer.init(self._p)
        self._noise = (GradientNoise(self.grad_noise, self.noise_seed,
                                     sum(int(np.size(p)) for p in self._p))
                       if self.grad_noise > 0 else None)
        self.k = 0
        self.f_evals = self.grad_evals = 0
        self.trials = Trajectory(("step", *self.param_names))
        self.notes: dict[int, str] = {}
        self.note_count = 0
        self.status = "ready"
        self.reason = ""
        self._stop_requested = False
        self.trajectory = Trajectory(self.trajectory.columns)
        self.origin = self.settings()
        self.events: list[ChangeEvent] = []
        self._record(self._evaluate(self._p))
        self._check(self.trajectory.last())
        self._judge_undefined()
        self.checkpoints = Checkpoints()
        self._ck_next = self.checkpoints.take(self)

    def state_at(self, k: int) -> Run:
        """A scratch copy of this run at step ``k`` (0 ≤ k < rows), replayed from the nearest
        checkpoint: its state is this run's at that step, bit for bit."""
        if not 0 <= k < len(self.trajectory):
            raise IndexError(f"step {k} is outside the run's steps 0 … {len(self.trajectory) - 1}")
        return replay(self, self.checkpoints.nearest(k), k)

    def _checkpoint_extra(self) -> dict:
        """What a checkpoint keeps besides the parameters, optimizer state and settings:
        the evaluation counts."""
        return {"f_evals": self.f_evals, "grad_evals": self.grad_evals}

    def _restore_extra(self, extra: dict) -> None:
        """Set a replay's own state from a checkpoint's :meth:`_checkpoint_extra` (it must
        not share anything mutable with the run it copies): the counts, and the trials and
        notes — a replay's own, or a rewound run's up to the step."""
        self.f_evals, self.grad_evals = extra["f_evals"], extra["grad_evals"]
        if self.checkpoints is None:  # a replay: its own trial points and notes
            self.trials = Trajectory(self.trials.columns)
            self.notes = {}
        else:  # rewound: the trials and notes after the step go
            k = self.k
            keep = self.trials.rows()
            keep = keep[keep[:, 0] <= k - 1] if len(keep) else keep
            self.trials = Trajectory(self.trials.columns)
            for row in keep:
                self.trials.append(tuple(row))
            self.notes = {s: t for s, t in self.notes.items() if s < k}

    def rewind(self, k: int) -> None:
        """Continue from step ``k``: the rows after it are dropped and the run goes on from
        θ_k with the state it had there and the current hyperparameters."""
        r = self.state_at(k)
        self._p, self._state, self._grads, self.k = r._p, r._state, r._grads, k
        self._restore_extra(r._checkpoint_extra())
        if self._model:
            self._batches, self._batch = r._batches, r._batch
        self.trajectory.truncate(k + 1)
        self.checkpoints.truncate(k)
        self.events = [e for e in self.events if e.step <= k]  # the branch's history
        self._sync_lr(self.lr_now())
        self._ck_next = self.checkpoints.take(self, pinned=True)
        self._stop_requested = False
        self.status = "ready" if k == 0 else "running"
        self.reason = ""
        if self._check(self.trajectory.last()) is None and self.k >= self.steps:
            self.status = "finished"

    def _note(self, name: str, value: Any) -> None:
        """Record a change made at step ``k`` (a later change of ``name`` at the same step
        replaces it: a dragged slider is one change)."""
        events = self.events
        if events and events[-1].step == self.k and events[-1].name == name:
            events.pop()
        events.append(ChangeEvent(self.k, name, value))

    @property
    def point(self) -> tuple[float, ...]:
        """The current parameters as floats (a model's arrays flattened, in order)."""
        if self._model:
            return tuple(float(v) for p in self._p for v in np.ravel(p))
        return tuple(float(v) for v in self._p)

    @property
    def params(self) -> list:
        """Copies of the current parameter leaves (floats, or arrays for a model's weights)."""
        return [np.array(p) if self._model else p for p in self._p]

    @property
    def is_model(self) -> bool:
        return self._model

    def lr_now(self) -> float:
        """The learning rate of the next update: the schedule's at step k."""
        return float(self.schedule.lr(self.k, self.optimizer.lr, self.steps))

    @property
    def done(self) -> bool:
        return (self.status in TERMINAL or self.status == "stopped" or self.k >= self.steps
                or self._spent())

    def _spent(self) -> bool:
        return self.max_grad_evals is not None and self.grad_evals >= self.max_grad_evals

    def set_tol(self, tol: float) -> None:
        """Change the convergence tolerance; the current point is judged again (a run that
        had converged goes on when the tolerance drops below its gradient norm)."""
        if not tol >= 0:
            raise ValueError(f"invalid tol {tol!r}: the tolerance must be ≥ 0")
        self.tol = tol
        self._note("tol", tol)
        if self.status == "converged":
            self.status = "running" if self.k else "ready"
            if self.k >= self.steps:
                self.status = "finished"
        if self.status in ("ready", "running", "stopped"):
            self._check(self.trajectory.last())

    def set_hyper(self, **values: float) -> None:
        """Change optimizer hyperparameters between steps (validated); the last row's
        learning rate follows, since the update from that point has not happened yet."""
        self.optimizer.set(**values)
        for name in values:
            self._note(name, self.optimizer.hyper[name])
        if "lr" in values:
            self._sync_lr(self.lr_now())
        self._ck_next = self.checkpoints.take(self, pinned=True)

    def set_schedule(self, schedule: Schedule) -> None:
        """Change the schedule between steps: the next update's rate is the new one's."""
        self.schedule = schedule
        self._sync_lr(self.lr_now())
        self._ck_next = self.checkpoints.take(self, pinned=True)

    def stop(self) -> None:
        """Ask the run to stop (status ``stopped``); takes effect at the next step boundary."""
        self._stop_requested = True

    def resume(self) -> None:
        """Allow a stopped run to go on."""
        self._stop_requested = False
        if self.status == "stopped":
            self.status = "running" if self.k else "ready"

    # -- evaluation -------------------------------------------------------------
    def _evaluate(self, p: list) -> tuple:
        """``(loss, grads)`` at ``p``, the point of step ``self.k`` (``(loss, grads,
        extras)`` for a model, on its next batch), the gradient noise added; non-finite
        values instead of exceptions."""
        if self._model:
            self._batch = next(self._batches)
        return self._closure(p)

    def _closure(self, p: list) -> tuple:
        """:meth:`_evaluate` at ``p`` within step ``self.k`` (also a line search's trial
        points): a model's batch is the step's, the gradient noise the step's."""
        ev = self._evaluate_here(p)
        if self._noise is None:
            return ev
        noise, grads, i = self._noise.at(self.k), [], 0
        for g in ev[1]:
            n = int(np.size(g))
            v = noise[i:i + n].reshape(np.shape(g)).astype(np.result_type(g))
            grads.append(g + (v if np.ndim(g) else v[()]))
            i += n
        return (ev[0], grads, *ev[2:])

    def _evaluate_here(self, p: list) -> tuple:
        obj = self.objective
        self.f_evals += 1
        self.grad_evals += 1
        if self._model:  # numpy arithmetic only: overflow gives inf/nan, never an exception
            with np.errstate(all="ignore"):
                return obj.evaluate(p, self._batch, self.gradient, self.h)
        try:  # Python floats: math.cos(inf) raises ValueError, math.exp(1e3) OverflowError
            with np.errstate(all="ignore"):
                if self.gradient == "autodiff":
                    _, grads = autodiff_gradient(lambda *q: obj.value(*q, GRAPH_MATH), p)
                    grads = [type(q)(g) for q, g in zip(p, grads)]
                elif self.gradient == "numerical":
                    grads = numerical_gradient_scalars(obj.f, list(p), self.h)
                else:
                    grads = list(obj.grad(*p))
                loss = obj.f(*p)
        except (OverflowError, ZeroDivisionError, ValueError):
            loss, grads = math.nan, [math.nan] * len(p)
        return loss, grads

    def _record(self, ev: tuple) -> None:
        if self._model:
            loss, grads, extras = ev
            self._grads = grads
            gn = math.sqrt(sum(float(np.vdot(g, g)) for g in grads))  # (vdot never warns)
            row = self.objective.row(self._p, loss, grads, gn, self.lr_now(), extras)
            self.trajectory.append(self._counted(row))
            return
        loss, grads = ev
        self._grads = grads
        self.trajectory.append(self._row(float(loss), grads))

    def _row(self, loss: float, grads: list) -> tuple[float, ...]:
        """A 2-D function's row at the current point."""
        return self._counted((*map(float, self._p), loss, *map(float, grads),
                              math.hypot(*map(float, grads)), self.lr_now()))

    def _counted(self, row: tuple) -> tuple[float, ...]:
        """``row`` with the evaluation counts last, for a method that records them."""
        if self.optimizer.counts_evaluations:
            return (*row, float(self.f_evals), float(self.grad_evals))
        return row

    def _add_note(self, k: int, text: str) -> None:
        self.note_count += 1
        if len(self.notes) < NOTES_MAX:
            self.notes[k] = text

    def _check(self, row: tuple) -> str | None:
        """Set and return a terminal status for the last row, if it has one."""
        loss, gn = row[self._loss_col], row[self._gn_col]
        if not (math.isfinite(loss) and math.isfinite(gn)) or abs(loss) > self.max_loss:
            self.status = "diverged"
        elif gn <= self.tol and self.tol > 0:
            if self.gradient == "numerical" and any(nudge_lost([p], self.h).any()
                                                    for p in self._p):
                self._lost_nudge()
            else:
                self.status = "converged"
        else:
            return None
        return self.status

    def _lost_nudge(self) -> None:
        """A numerical gradient of 0 where θ ± h == θ is no minimum: the run went too far
        (the seeds' lr 10 run stops there), so it diverged."""
        self.status = "diverged"
        self.reason = Message("diverged at step {k}: {why}", k=self.k,
                              why=lost_nudge_reason(self.h))

    # -- the loop ---------------------------------------------------------------
    def advance(self, max_updates: int | None = None, deadline: float | None = None) -> str:
        """Step until the budget is spent, a terminal state, ``max_updates`` updates,
        or ``time.perf_counter() > deadline``. Returns the status."""
        if self.status in TERMINAL or self.status == "stopped":
            return self.status
        n_max = self.steps - self.k if max_updates is None else min(max_updates, self.steps - self.k)
        if n_max <= 0:
            self.status = "finished" if self.k >= self.steps else self.status
            return self.status
        self.status = "running"
        if self._fast:
            self._loop_fast(n_max, deadline)
        else:
            with np.errstate(all="ignore"):
                self._loop_generic(n_max, deadline)
        if self.status == "running":
            if self._stop_requested:
                self.status = "stopped"
            elif self.k >= self.steps or self._spent():
                self.status = "finished"
        self._judge_undefined()
        return self.status

    def _judge_undefined(self) -> None:
        """A 2-D run that stopped as diverged at a finite point where its function has a
        domain error (log of a non-positive number …) is *undefined* instead; ``reason``
        says where and why."""
        if self.status != "diverged" or self._model:
            return
        x, y = self.trajectory.last()[:2]
        why = self.objective.undefined_reason(float(x), float(y))
        if why:
            self.status = "undefined"
            self.reason = Message("undefined at step {k}: {why}", k=self.k, why=why)

    def _sync_lr(self, lr: float) -> None:
        lr_col = self._lr_col
        if self.trajectory.last()[lr_col] != lr:
            self.trajectory.set_last(lr_col, float(lr))

    def _whole_update(self, opt: Optimizer) -> None:
        """One update by an optimizer that is not a rule per leaf (L-BFGS): it gets the
        loss here and the run's closure for its line search, whose points (on a 2-D
        function) are kept as this step's trials; its note for the step is kept."""
        k, closure = float(self.k), self._closure
        if not self._model:
            def closure(p: list) -> tuple:
                self.trials.append((k, *map(float, p)))
                return self._closure(p)
        self._p, self._state = opt.update(self._grads, self._state, self._p,
                                          loss=self.trajectory.last()[self._loss_col],
                                          closure=closure)
        note = opt.note(self._state)
        if note:
            self._add_note(self.k, note)

    def _update(self) -> None:
        """One update of the leaves at the scheduled rate, a model's per-leaf rate scales
        applied (an optimizer that is not a rule per leaf takes the schedule, not the
        scales)."""
        opt, scales = self.optimizer, getattr(self.objective, "lr_scales", None)
        if not opt.per_leaf:
            if not self.schedule.constant:
                opt = copy.copy(opt)
                object.__setattr__(opt, "lr", self.lr_now())
            self._whole_update(opt)
            return
        if scales is None and self.schedule.constant:
            self._p, self._state = opt.update(self._grads, self._state, self._p)
            return
        t = self._state[0] + 1
        proxy = copy.copy(opt)  # the same hyperparameters; only its lr is changed below
        base = self.lr_now()
        new_p, new_s = [], []
        for i, (p, g, s) in enumerate(zip(self._p, self._grads, self._state[1])):
            object.__setattr__(proxy, "lr", base * (scales[i] if scales else 1.0))
            p, s = proxy._leaf(p, g, s, proxy._coefficients(t))
            new_p.append(p)
            new_s.append(s)
        self._p, self._state = new_p, (t, new_s)

    def _loop_generic(self, n_max: int, deadline: float | None) -> None:
        for i in range(n_max):
            if self._spent():
                break
            if self._stop_requested or (deadline is not None and time.perf_counter() > deadline):
                break
            if self.checkpoint is not None:
                self.checkpoint()
            self._sync_lr(self.lr_now())
            self._update()
            self.k += 1
            self._record(self._evaluate(self._p))
            if self._check(self.trajectory.last()):
                return
            if self.k >= self._ck_next and self.checkpoints is not None:
                self._ck_next = self.checkpoints.take(self)

    def _loop_fast(self, n_max: int, deadline: float | None) -> None:
        """The same loop for a 2-D objective over plain Python floats, with the per-step
        work inlined: the optimizer's update is its ``_coefficients`` for the step, then its
        ``_leaf`` rule for x and for y, exactly as :meth:`Optimizer.update` applies them."""
        obj, opt, traj = self.objective, self.optimizer, self.trajectory
        value, gradient, M = obj.value, obj.gradient, FLOAT_MATH
        # a schedule steps a copy of the optimizer whose lr it sets before each update
        scheduled = not self.schedule.constant
        stepper = copy.copy(opt) if scheduled else opt
        rate, base, set_lr = self.schedule.rule(self.steps), opt.lr, object.__setattr__
        coefficients, leaf, hypot = stepper._coefficients, stepper._leaf, math.hypot
        numerical = lost_check = self.gradient == "numerical"
        h = self.h
        fn = lambda *q: value(*q, M)  # noqa: E731
        if self._noise is not None:  # wrapped here, so that the loop is the same without noise
            gradient = _noisy((lambda x, y, _: numerical_gradient_scalars(fn, [x, y], h))
                              if numerical else gradient, self._noise.rows_from(self.k + 1))
            numerical = False
        tol = self.tol if self.tol > 0 else -1.0
        fmax = sys.float_info.max  # ±inf and nan fail the tests below
        bound = min(self.max_loss, fmax)
        (x, y), (gx, gy), k = self._p, self._grads, self.k
        t, (sx, sy) = self._state
        lr_col = self._lr_col
        row_lr = traj.last()[lr_col]
        if scheduled:  # each row is appended with the next update's rate
            lr = self.lr_now()
            self._sync_lr(lr)
        clock = time.perf_counter
        nan = math.nan
        if self.max_grad_evals is not None:  # one evaluation a step
            n_max = min(n_max, self.max_grad_evals - self.grad_evals)
        k0, k_end = k, k + n_max
        while k < k_end:
            if self._stop_requested or (deadline is not None and clock() > deadline):
                break
            if self.checkpoint is not None:
                self.checkpoint()
            block = min(32, k_end - k)
            append = traj.extender(block)
            for _ in range(block):
                if scheduled:
                    set_lr(stepper, "lr", lr)
                else:
                    lr = opt.lr
                    if lr != row_lr:
                        traj.set_last(lr_col, lr)
                        row_lr = lr
                try:
                    c = coefficients(t + 1)
                    # both coordinates are computed before either is assigned: a rule that
                    # raises leaves the point and the state as they were
                    (x, sx), (y, sy) = leaf(x, gx, sx, c), leaf(y, gy, sy, c)
                    t += 1
                    loss = value(x, y, M)
                    gx, gy = (numerical_gradient_scalars(fn, [x, y], h) if numerical
                              else gradient(x, y, M))
                except (OverflowError, ZeroDivisionError, ValueError):
                    loss = gx = gy = nan
                gn = hypot(gx, gy)
                k += 1
                if scheduled:
                    lr = rate(k, base)
                append((x, y, loss, gx, gy, gn, lr))
                if not (-bound <= loss <= bound and gn <= fmax):
                    self.status = "diverged"
                    break
                if gn <= tol:
                    if lost_check and (x + h == x - h or y + h == y - h):
                        self.k = k
                        self._lost_nudge()
                    else:
                        self.status = "converged"
                    break
            if self.status != "running":
                break
            if k >= self._ck_next and self.checkpoints is not None:
                self._p, self._state, self.k, self._grads = [x, y], (t, [sx, sy]), k, [gx, gy]
                self.f_evals += k - k0
                self.grad_evals += k - k0
                k0 = k
                self._ck_next = self.checkpoints.take(self)
        self._p, self._state, self.k, self._grads = [x, y], (t, [sx, sy]), k, [gx, gy]
        self.f_evals += k - k0
        self.grad_evals += k - k0

    def chunks(self, seconds: float = 0.016, max_updates: int | None = None,
               since: int = 0) -> Iterator[StepChunk]:
        """The run loop as a generator: yields the rows from row ``since`` on, one item per
        roughly ``seconds`` of work (or per ``max_updates`` updates), until the run is done.
        Settings changed between two items take effect at the next step."""
        sent = since
        self.resume()
        if self.done:
            self.advance()  # nothing to step: a budget of 0 ends the run where it starts
        while not self.done:
            deadline = time.perf_counter() + seconds if seconds else None
            self.advance(max_updates, deadline)
            n = len(self.trajectory)
            yield StepChunk(sent, self.trajectory.rows(sent, n), self.status, self.k)
            sent = n


def _noisy(gradient: Callable, noise: Iterator[list[float]]) -> Callable:
    """``gradient(x, y, M)`` plus the next (2,) item of ``noise`` (the fast loop's form)."""
    def noisy(x: float, y: float, M) -> tuple[float, float]:
        nx, ny = next(noise)
        gx, gy = gradient(x, y, M)
        return gx + nx, gy + ny
    return noisy
