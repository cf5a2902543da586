"""Learning-rate schedules: the rate of update k+1 (the step from θ_k) as a pure function of k.

A schedule is a name and its parameters (one spec table, :data:`SCHEDULE_SPECS`, builds the
CLI flags and the window's boxes, as the optimizers' specs do). :meth:`Schedule.lr` gives
``lr_k`` from the step ``k``, the base rate (the optimizer's ``lr``: a float, or (K,) rates of
a batch of runs) and the step budget, in the closed forms of ``torch.optim.lr_scheduler``
(``base_lrs`` = the base rate)::

    constant       lr
    step           lr · γ^⌊k / step_size⌋                             StepLR
    exponential    lr · γ^k                                            ExponentialLR
    cosine         η_min + (lr − η_min)·(1 + cos(π·k/T_max))/2          CosineAnnealingLR
    warmup-cosine  lr·(k+1)/(w+1) for k < w, then cosine from k = w      SequentialLR(LinearLR, Cosine…)
    onecycle       torch's OneCycleLR, total_steps = the step budget   (cos, div 25, final div 1e4)
    inverse-time   lr · 1/(1 + k/T)                                     LambdaLR

``T_max`` 0 means "to the end of the step budget", ``max_lr`` 0 means "the learning rate":
then a schedule follows the budget and the rate, and a rate changed during a run re-bases the
schedule (the rates from then on are the formula's with the new base, at the same step k).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..text import N_, Message
from .hyperparams import HyperParam

Rate = Any  # float | np.ndarray (K,)

STEP_SIZE = HyperParam(
    "step_size", N_("Step size"), 30, low=1, high=10_000_000, kind="int",
    help=N_("steps between two drops of the rate by γ"))
GAMMA = HyperParam(
    "gamma", "γ", 0.1, low=0.0, high=1.0, low_open=True,
    help=N_("the factor that multiplies the rate (at each drop, or each step)"))
T_MAX = HyperParam(
    "t_max", "T_max", 0, low=0, high=10_000_000, kind="int",
    help=N_("steps of the cosine's half period (0: to the end of the step budget)"))
ETA_MIN = HyperParam(
    "eta_min", "η_min", 0.0, ui_high=100.0,
    help=N_("the cosine's lowest rate"))
WARMUP = HyperParam(
    "warmup", N_("Warm-up steps"), 10, low=0, high=10_000_000, kind="int",
    help=N_("steps of linear warm-up, lr·(k+1)/(warmup+1), before the cosine"))
MAX_LR = HyperParam(
    "max_lr", N_("Max lr"), 0.0, ui_high=100.0,
    help=N_("onecycle's peak rate (0: the learning rate)"))
PCT_START = HyperParam(
    "pct_start", "pct_start", 0.3, low=0.0, high=1.0,
    help=N_("the fraction of the step budget spent raising the rate"))
DECAY_STEPS = HyperParam(
    "decay_steps", N_("Decay steps"), 200.0, low=0.0, low_open=True, ui_low=1.0, ui_high=1e6,
    help=N_("T in lr/(1 + k/T): the rate is halved after T steps"))

#: one spec per parameter name (the CLI's flags); each schedule lists the ones it takes
SCHEDULE_SPECS: dict[str, HyperParam] = {
    s.name: s for s in (STEP_SIZE, GAMMA, T_MAX, ETA_MIN, WARMUP, MAX_LR, PCT_START, DECAY_STEPS)}

DIV_FACTOR, FINAL_DIV_FACTOR = 25.0, 1e4  # OneCycleLR's defaults


# Each rule is made for a schedule's parameters ``p`` and the step budget ``n``: it returns
# ``rate(k, lr)``, the rate of update k+1 for base rate ``lr`` (a run loop calls it every step).
Rule = Callable[[int, Rate], Rate]


def _constant(p: Mapping, n: int) -> Rule:
    return lambda k, lr: lr


def _step(p, n):
    gamma, size = p["gamma"], p["step_size"]
    return lambda k, lr: lr * gamma ** (k // size)


def _exponential(p, n):
    gamma = p["gamma"]
    return lambda k, lr: lr * gamma ** k


def _cosine_rule(eta: float, T: int) -> Rule:
    T, cos, pi = max(T, 1), math.cos, math.pi
    return lambda k, lr: eta + (lr - eta) * (1 + cos(pi * k / T)) / 2


def _cosine(p, n):
    return _cosine_rule(p["eta_min"], p["t_max"] or n)


def _warmup_cosine(p, n):
    w = p["warmup"]
    s = 1 / (w + 1)  # LinearLR(start_factor=1/(w+1), total_iters=w)'s closed form
    cosine = _cosine_rule(p["eta_min"], p["t_max"] or n - w)
    return lambda k, lr: lr * (s + (1.0 - s) * k / w) if k < w else cosine(k - w, lr)


def _anneal(start: Rate, end: Rate, pct: float) -> Rate:
    return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)


def _onecycle(p, n):
    max_lr, ends = p["max_lr"], (float(p["pct_start"] * n) - 1, n - 1)

    def rate(k: int, lr: Rate) -> Rate:
        peak = max_lr or lr
        initial = peak / DIV_FACTOR
        phases = ((ends[0], initial, peak), (ends[1], peak, initial / FINAL_DIV_FACTOR))
        start = 0.0
        for i, (end, a, b) in enumerate(phases):
            if k <= end or i == len(phases) - 1:
                # torch divides by 0 here (a phase of one step): the phase is at its end
                pct = (k - start) / (end - start) if end != start else 1.0
                return _anneal(a, b, pct)
            start = end
    return rate


def _inverse_time(p, n):
    T = p["decay_steps"]
    return lambda k, lr: lr * (1.0 / (1.0 + k / T))  # ADALINE's lr·factor, bit for bit


@dataclass(frozen=True)
class ScheduleKind:
    """One schedule: its name, a title and formula for the window, the parameters it takes
    (names in :data:`SCHEDULE_SPECS`, with its own defaults) and its rule, made by
    ``rule(params, budget)``."""

    name: str
    title: str
    formula: str
    params: dict[str, Any]
    rule: Callable[[Mapping, int], Rule]

    @property
    def specs(self) -> tuple[HyperParam, ...]:
        return tuple(SCHEDULE_SPECS[n].with_default(v) for n, v in self.params.items())


SCHEDULES: dict[str, ScheduleKind] = {s.name: s for s in (
    ScheduleKind("constant", N_("Constant"), "lr_k = lr", {}, _constant),
    ScheduleKind("step", N_("Step"), "lr_k = lr·γ^⌊k/step_size⌋",
                 {"step_size": 30, "gamma": 0.1}, _step),
    ScheduleKind("exponential", N_("Exponential"), "lr_k = lr·γ^k", {"gamma": 0.99}, _exponential),
    ScheduleKind("cosine", N_("Cosine"), "lr_k = η_min + (lr − η_min)·(1 + cos(πk/T_max))/2",
                 {"t_max": 0, "eta_min": 0.0}, _cosine),
    ScheduleKind("warmup-cosine", N_("Warm-up, then cosine"),
                 N_("lr_k = lr·(k+1)/(w+1) for k < w, then cosine over T_max"),
                 {"warmup": 10, "t_max": 0, "eta_min": 0.0}, _warmup_cosine),
    ScheduleKind("onecycle", N_("One cycle"),
                 N_("lr_k rises from max_lr/25 to max_lr over pct_start of the budget, "
                    "then falls to max_lr/2.5e5 (cosine)"), {"max_lr": 0.0, "pct_start": 0.3}, _onecycle),
    ScheduleKind("inverse-time", N_("Inverse time"), "lr_k = lr/(1 + k/T)", {"decay_steps": 200.0},
                 _inverse_time),
)}


@dataclass(frozen=True)
class Schedule:
    """A chosen schedule: ``name`` and its complete, validated ``params``."""

    name: str = "constant"
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        kind = SCHEDULES.get(self.name)
        if kind is None:
            raise ValueError(Message("unknown schedule {name!r}; choose one of: {choices}",
                                     name=self.name, choices=", ".join(SCHEDULES)))
        given = dict(self.params or {})
        unknown = [k for k in given if k not in kind.params]
        if unknown:
            flags = [SCHEDULE_SPECS[n].flag if n in SCHEDULE_SPECS else repr(n) for n in unknown]
            what = dict(name=self.name, flags=", ".join(flags))
            # the schedules that do take them: what a learner who gave --gamma alone meant
            users = ", ".join(k.name for k in SCHEDULES.values()
                              if any(n in k.params for n in unknown))
            if kind.params:
                takes = ", ".join(s.flag for s in kind.specs)
                raise ValueError(Message("the {name} schedule does not take {flags}: it takes "
                                         "{takes}; {flags} belongs to --schedule {users}",
                                         takes=takes, users=users, **what) if users else
                                 Message("the {name} schedule does not take {flags}: it takes "
                                         "{takes}", takes=takes, **what))
            raise ValueError(Message("the {name} schedule does not take {flags}: it has no "
                                     "parameters; {flags} belongs to --schedule {users}",
                                     users=users, **what) if users else
                             Message("the {name} schedule does not take {flags}: it has no "
                                     "parameters", **what))
        params = {n: spec.validate(given.get(n, spec.default)) for n, spec in
                  zip(kind.params, kind.specs)}
        object.__setattr__(self, "params", params)

    @property
    def constant(self) -> bool:
        return self.name == "constant"

    def lr(self, k: int, lr: Rate, budget: int) -> Rate:
        """The rate of update k+1 (from θ_k) for base rate ``lr`` (a float or (K,) rates)
        and the step budget ``budget``."""
        return self.rule(budget)(k, lr)

    def rule(self, budget: int) -> Rule:
        """``rate(k, lr)`` for the step budget ``budget`` (a run loop's per-step call)."""
        return SCHEDULES[self.name].rule(self.params, budget)

    def describe(self) -> str:
        """``cosine (t_max=0, eta_min=0)`` for a summary line."""
        if not self.params:
            return self.name
        return f"{self.name} ({', '.join(f'{k}={v:g}' for k, v in self.params.items())})"
