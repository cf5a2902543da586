"""One recipe for the CLI and the window: a problem, an optimizer and whatever the user chose
(any subset) resolved into complete, validated :class:`~gdlab.engine.run.single.RunSettings`.

Defaults: the model's own optimizer, step budget and gradient method (a 2-D function: sgd,
:data:`DEFAULT_STEPS`, analytic); the learning rate is the problem's suggested rate for the
optimizer (:func:`suggested_lr`; where lr scales the method's own step, ``Optimizer.own_lr``
— L-BFGS, Adadelta — the optimizer's default, 1; the other hyperparameters are the
optimizer's, as torch's); tolerance, h and
the divergence threshold from :mod:`gdlab.engine.optim.hyperparams`; the problem's start point;
every model option (:mod:`gdlab.engine.problems.options`) with its default; no gradient
noise (σ 0, seed 0); the problem's learning-rate schedule (``default_schedule``: constant,
ADALINE's inverse-time), each schedule parameter not given with its default.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from ..optim import hyperparams as hp
from ..gradients.methods import GRADIENT_METHODS
from ..problems.models import is_model
from ..problems.registry import get_problem
from ..optim.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from ..optim.schedules import Schedule
from .noise import check_noise
from .oracle import OracleRun
from .single import DTYPES, Run, RunSettings
from ..text import Message

#: step budget of a 2-D function (a model has its own ``default_steps``)
DEFAULT_STEPS = 100
#: the problem of ``gdlab run`` without --problem (and of the window's Restore Defaults)
DEFAULT_PROBLEM = "bowl"


def resolve(problem: str, optimizer: str | None = None, *,
            hyper: dict[str, float] | None = None, start: Sequence[float] | None = None,
            steps: int | None = None, gradient: str | None = None, h: float | None = None,
            tol: float | None = None, max_loss: float | None = None, dtype: str | None = None,
            options: dict[str, Any] | None = None, grad_noise: float | None = None,
            noise_seed: int | None = None, formula: str | None = None,
            schedule: str | None = None,
            schedule_params: dict[str, float] | None = None) -> RunSettings:
    """Complete settings from the choices given (``None`` = the recipe's default).

    ``formula``: the text of a typed formula (``problem`` then ``"formula"``; a bad one
    raises :class:`~gdlab.engine.problems.formula.FormulaError`, a ``ValueError``).
    Raises ``ValueError`` with a message for the user on anything out of its limits.
    """
    return _resolve(problem, optimizer, hyper, start, steps, gradient, h, tol, max_loss, dtype,
                    options, grad_noise, noise_seed, formula, schedule, schedule_params)[0]


def suggested_lr(problem: Any, optimizer: str) -> float:
    """The rate ``problem`` suggests for ``optimizer``: its ``optimizer_lr`` entry, else the
    optimizer's own default where lr scales the method's own step (``own_lr``), else its one
    ``suggested_lr``."""
    if optimizer in problem.optimizer_lr:
        return float(problem.optimizer_lr[optimizer])
    cls = OPTIMIZERS.get(optimizer)
    if cls is not None and cls.own_lr:
        return float(next(s.default for s in cls.specs if s.name == "lr"))
    return float(problem.suggested_lr)


def build_run(s: RunSettings) -> Run:
    """A ready :class:`Run` from settings (resolved again: missing values get defaults)."""
    s, problem, opt = _resolve(s.problem, s.optimizer, s.hyper, s.start, s.steps, s.gradient,
                               s.h, s.tol, s.max_loss, s.dtype, s.problem_options,
                               s.grad_noise, s.noise_seed, s.formula, s.schedule,
                               s.schedule_params)
    run = OracleRun if opt.oracle else Run
    return run(problem, opt, s.start, steps=s.steps, gradient=s.gradient, h=s.h, tol=s.tol,
               max_loss=s.max_loss, dtype=s.dtype, grad_noise=s.grad_noise,
               noise_seed=s.noise_seed, schedule=schedule_of(s))


def schedule_of(s: RunSettings) -> Schedule:
    """The :class:`Schedule` of resolved settings."""
    return Schedule(s.schedule or "constant", s.schedule_params)


def settings_from_dict(d: dict[str, Any]) -> RunSettings:
    """The inverse of :meth:`RunSettings.to_dict` (what a run's JSON and the window hold)."""
    d = dict(d)
    if d.get("start") is not None:
        d["start"] = tuple(d["start"])
    if "max_loss" in d:
        d["max_loss"] = float(d["max_loss"])
    options = d.get("problem_options") or {}
    if "decay" in options and d.get("schedule") is None:
        # written before schedules: ADALINE's option "decay" T was lr/(1 + k/T), 0 = off
        options = dict(options)
        T = options.pop("decay")
        d["problem_options"] = options
        d["schedule"], d["schedule_params"] = (("inverse-time", {"decay_steps": T}) if T
                                               else ("constant", {}))
    return RunSettings(**d)


def _resolve(problem: str, optimizer: str | None, hyper, start, steps, gradient, h, tol,
             max_loss, dtype, options, grad_noise=None, noise_seed=None, formula=None,
             schedule=None, schedule_params=None) -> tuple[RunSettings, Any, Optimizer]:
    prob = get_problem(problem, formula, **(options or {}))
    model = is_model(prob)
    if optimizer is None:
        optimizer = prob.default_optimizer if model else "sgd"
    opt = make_optimizer(optimizer, **{"lr": suggested_lr(prob, optimizer), **(hyper or {})})
    steps = hp.validate_steps(
        (prob.default_steps if model else DEFAULT_STEPS) if steps is None else steps)
    if gradient is None:
        gradient = prob.default_gradient if model else "analytic"
    if gradient not in GRADIENT_METHODS:
        raise ValueError(Message("unknown gradient method {name!r}; choose one of: {choices}",
                                 name=gradient, choices=", ".join(GRADIENT_METHODS)))
    h = hp.H.validate(hp.H.default if h is None else h)
    tol = hp.TOL.validate(hp.TOL.default if tol is None else tol)
    max_loss = hp.DEFAULT_MAX_LOSS if max_loss is None else float(max_loss)
    if not max_loss > 0:  # inf is allowed: it turns the check off
        raise ValueError(Message("invalid max_loss {value!r}: the threshold must be > 0",
                                 value=max_loss))
    dtype = "float64" if dtype is None else dtype
    if dtype not in DTYPES:
        raise ValueError(Message("unknown dtype {name!r}; choose one of: {choices}", name=dtype,
                                 choices=", ".join(DTYPES)))
    if start is None and prob.start is not None:
        start = tuple(prob.start)
    elif start is not None:
        start = tuple(float(v) for v in start)
        if not all(math.isfinite(v) for v in start):
            raise ValueError(Message("invalid start {value!r}: the start point must be finite",
                                     value=start))
    grad_noise = 0.0 if grad_noise is None else grad_noise
    noise_seed = 0 if noise_seed is None else noise_seed
    check_noise(grad_noise, noise_seed)
    own, own_params = getattr(prob, "default_schedule", ("constant", {}))
    if schedule is None or schedule == own:
        schedule, schedule_params = own, {**own_params, **(schedule_params or {})}
    sched = Schedule(schedule, schedule_params)
    if opt.oracle:
        _check_oracle(opt, prob, dtype, grad_noise, sched)
    settings = RunSettings(prob.name, opt.name, opt.hyper, start, steps, gradient, h, tol,
                           max_loss, dtype, dict(prob.options) if model else {},
                           float(grad_noise), int(noise_seed), prob.source if not model else None,
                           sched.name, dict(sched.params))
    return settings, prob, opt


def _check_oracle(opt: Optimizer, prob: Any, dtype: str, grad_noise: float,
                  sched: Schedule) -> None:
    """What a method that evaluates the function itself needs: a 2-D function, float64, a
    constant step scale, and (for a line search, whose trials compare values) exact
    gradients."""
    if is_model(prob) or prob.dim != 2:
        raise ValueError(Message("{optimizer} applies to the 2-D functions, not to the model "
                                 "{problem!r}: choose a first-order optimizer",
                                 optimizer=opt.name, problem=prob.name))
    if dtype != "float64":
        raise ValueError(Message("{optimizer} runs in float64 only, not {dtype}",
                                 optimizer=opt.name, dtype=dtype))
    if not sched.constant:
        raise ValueError(Message("{optimizer} takes no learning-rate schedule (its lr scales "
                                 "its own step): choose the schedule 'constant'",
                                 optimizer=opt.name))
    if grad_noise and opt.counts_evaluations:
        raise ValueError(Message("{optimizer}'s line search compares exact values and slopes: "
                                 "gradient noise must be 0", optimizer=opt.name))
