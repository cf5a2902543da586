"""The single source of truth for hyperparameters: names, types, defaults, limits, help.

The CLI flags and the window's panels are both built from these specs, so they
never drift apart. Validation lives here too: every setter goes through
:meth:`HyperParam.validate`.

A spec has a *kind*: ``float`` (a number box, ``--name V``), ``int`` (a whole-number box,
``--name N``), ``bool`` (a check box, ``--name`` / ``--no-name``) or ``choice`` (a combo,
``--name {a,b}``). Specs belong to optimizers (``Optimizer.specs``); two optimizers may
each have their own spec under one name (``alpha`` is RMSprop's smoothing constant and
ASGD's power): :func:`by_name` gathers them for the CLI, each optimizer validates with its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Union

import numpy as np

from ..text import N_, Message

Value = Union[float, int, bool, str]
KINDS = ("float", "int", "bool", "choice")


@dataclass(frozen=True)
class HyperParam:
    """One hyperparameter: its name, label, kind, default and allowed values.

    ``kind`` is one of :data:`KINDS`. For numbers, ``low``/``high`` are bounds;
    ``high_open`` makes the upper bound exclusive (betas live in [0, 1)), ``low_open`` the
    lower one (ε lives in (0, ∞)). ``log`` says a logarithmic slider suits it;
    ``ui_low``/``ui_high`` are the range a panel offers (may be narrower than
    the valid range, e.g. a learning rate is valid up to any size). A ``choice`` takes one
    of ``choices``.
    """

    name: str
    label: str
    default: Value
    low: float = 0.0
    high: float = math.inf
    high_open: bool = False
    low_open: bool = False
    log: bool = False
    ui_low: float | None = None
    ui_high: float | None = None
    help: str = ""
    kind: str = "float"
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} of {self.name}")
        self.validate(self.default)  # a spec's own default is valid

    @property
    def flag(self) -> str:
        """The command-line flag, e.g. ``--weight-decay`` (a bool's: ``--amsgrad``)."""
        return "--" + self.name.replace("_", "-")

    @property
    def numeric(self) -> bool:
        """Whether it is a real number (a map can sweep it, a batch can vary it per run)."""
        return self.kind == "float"

    def with_default(self, default: Value) -> "HyperParam":
        return replace(self, default=default)

    def range_text(self) -> str:
        if self.kind == "bool":
            return "on or off"
        if self.kind == "choice":
            return " or ".join(self.choices)
        hi = "∞" if math.isinf(self.high) else f"{self.high:g}"
        return (f"{'(' if self.low_open else '['}{self.low:g}, "
                f"{hi}{')' if self.high_open or math.isinf(self.high) else ']'}")

    def show(self, value: Value) -> str:
        """``value`` as text for a summary line: ``0.001``, ``20``, ``on``, ``strong_wolfe``."""
        if self.kind == "bool":
            return "on" if value else "off"
        if self.kind == "choice":
            return str(value)
        return f"{value:g}"

    def validate(self, value: object) -> Value:
        """Return ``value`` as this spec's type, or raise ``ValueError`` naming it."""
        if self.kind == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise ValueError(Message("{name} must be on or off (true or false), got {value!r}",
                                         name=self.name, value=value))
            return bool(value)
        if self.kind == "choice":
            if value not in self.choices:
                raise ValueError(Message("invalid {name} {value!r}: choose one of {choices}",
                                         name=self.name, value=value,
                                         choices=", ".join(self.choices)))
            return str(value)
        if isinstance(value, (bool, np.bool_)):
            raise ValueError(Message("{name} must be a number, got {value!r}", name=self.name,
                                     value=value))
        try:
            v = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(Message("{name} must be a number, got {value!r}", name=self.name,
                                     value=value)) from None
        if self.kind == "int" and math.isfinite(v) and v != int(v):
            raise ValueError(Message("invalid {name} {value!r}: {label} must be a whole number "
                                     "in {range}", name=self.name, value=value,
                                     label=self.label.lower(), range=self.range_text()))
        too_high = v >= self.high if self.high_open else v > self.high
        too_low = v <= self.low if self.low_open else v < self.low
        if not math.isfinite(v) or too_low or too_high:
            raise ValueError(Message("invalid {name} {value!r}: {label} must be in {range}",
                                     name=self.name, value=value, label=self.label.lower(),
                                     range=self.range_text()))
        return int(v) if self.kind == "int" else v

    def validate_many(self, values: np.ndarray) -> None:
        """Check per-run values (an array) at once; ``ValueError`` names the first bad one."""
        if not self.numeric:
            raise ValueError(f"{self.name} is one value for every run, not an array")
        v = np.asarray(values, dtype=float)
        with np.errstate(invalid="ignore"):
            too_high = v >= self.high if self.high_open else v > self.high
            too_low = v <= self.low if self.low_open else v < self.low
        bad = ~np.isfinite(v) | too_low | too_high
        if bad.any():
            self.validate(float(v[bad].flat[0]))


def by_name(specs_of: Mapping[str, Iterable[HyperParam]]) -> dict[str, dict[str, HyperParam]]:
    """``{name: {owner: spec}}`` from ``{owner: specs}`` (owners: optimizer names), in order
    of first appearance. One name keeps one kind across owners (one CLI flag, one type)."""
    table: dict[str, dict[str, HyperParam]] = {}
    for owner, specs in specs_of.items():
        for spec in specs:
            table.setdefault(spec.name, {})[owner] = spec
    for name, owners in table.items():
        kinds = {s.kind for s in owners.values()}
        if len(kinds) > 1:
            raise ValueError(f"hyperparameter {name!r} has kinds {sorted(kinds)} in "
                             f"{', '.join(owners)}; one name needs one kind")
    return table


LR = HyperParam(
    "lr", N_("Learning rate"), 1e-3, log=True, ui_low=1e-10, ui_high=100.0,
    help=N_("step size: how far each update moves against the gradient"),
)
MOMENTUM = HyperParam(
    "momentum", N_("Momentum"), 0.9, high=1.0, high_open=True, ui_high=0.999,
    help=N_("fraction of the previous velocity kept at each step"),
)
BETA1 = HyperParam(
    "beta1", N_("Beta 1"), 0.9, high=1.0, high_open=True, ui_high=0.9999,
    help=N_("decay rate of the running mean of gradients"),
)
BETA2 = HyperParam(
    "beta2", N_("Beta 2"), 0.999, high=1.0, high_open=True, ui_high=0.99999,
    help=N_("decay rate of the running mean of squared gradients"),
)
# ε = 0 is refused: where a gradient component has always been 0, m/(√v + ε) would be 0/0
# (torch accepts it and steps to nan)
EPS = HyperParam(
    "eps", N_("Epsilon"), 1e-8, low_open=True, log=True, ui_low=1e-12, ui_high=1.0,
    help=N_("added to the denominator for numerical stability"),
)
ALPHA = HyperParam(
    "alpha", N_("Alpha"), 0.99, high=1.0, high_open=True, ui_high=0.9999,
    help=N_("smoothing constant of the running mean of squared gradients"),
)
WEIGHT_DECAY = HyperParam(
    "weight_decay", N_("Weight decay"), 0.0, ui_high=10.0,
    help=N_("L2 penalty (decoupled from the gradient for AdamW)"),
)
AMSGRAD = HyperParam(
    "amsgrad", "AMSGrad", False, kind="bool",
    help=N_("divide by the largest v so far instead of v (Reddi et al. 2018)"),
)
MAXIMIZE = HyperParam(
    "maximize", N_("Maximize"), False, kind="bool",
    help=N_("climb: step up the gradient instead of down (torch's maximize)"),
)
DECOUPLED = HyperParam(
    "decoupled_weight_decay", N_("Decoupled decay"), False, kind="bool",
    help=N_("weight decay as AdamW's, θ ← θ(1 − lr·wd), instead of added to the gradient"),
)
MOMENTUM_DECAY = HyperParam(
    "momentum_decay", N_("Momentum decay"), 4e-3, ui_high=1.0,
    help=N_("NAdam's ψ: the momentum schedule μₜ = β₁(1 − ½·0.96^(t·ψ))"),
)
RHO = HyperParam(
    "rho", N_("Rho"), 0.9, high=1.0,
    help=N_("Adadelta's decay rate of the running means of g² and of Δθ²"),
)
ETAMINUS = HyperParam(
    "etaminus", N_("Eta −"), 0.5, high=1.0, low_open=True, high_open=True,
    help=N_("Rprop: a coordinate's step is multiplied by this when its gradient changes sign"),
)
ETAPLUS = HyperParam(
    "etaplus", N_("Eta +"), 1.2, low=1.0, low_open=True, ui_high=10.0,
    help=N_("Rprop: a coordinate's step is multiplied by this when its gradient keeps its sign"),
)
STEP_SIZE_MIN = HyperParam(
    "step_size_min", N_("Min step"), 1e-6, ui_high=1.0,
    help=N_("Rprop: the smallest step size"),
)
STEP_SIZE_MAX = HyperParam(
    "step_size_max", N_("Max step"), 50.0, low_open=True, log=True, ui_low=1e-6, ui_high=1e6,
    help=N_("Rprop: the largest step size"),
)
LAMBD = HyperParam(
    "lambd", N_("Lambda"), 1e-4, ui_high=10.0,
    help=N_("ASGD's decay: θ ← θ(1 − λη) − ηg, η = lr / (1 + λ·lr·t)^α"),
)
ASGD_ALPHA = HyperParam(  # the name of RMSprop's smoothing constant, another meaning
    "alpha", N_("Alpha (η power)"), 0.75, ui_high=10.0,
    help=N_("ASGD's power in η = lr / (1 + λ·lr·t)^α"),
)
HISTORY_SIZE = HyperParam(
    "history_size", N_("History size"), 100, low=1, high=1000, kind="int",
    help=N_("L-BFGS: how many past (s, y) pairs shape the inverse-Hessian estimate"),
)
TOLERANCE_GRAD = HyperParam(
    "tolerance_grad", N_("Tolerance (grad)"), 1e-7, log=True, ui_high=1.0,
    help=N_("L-BFGS: no step where max|g| ≤ this (torch's first-order optimality test)"),
)
TOLERANCE_CHANGE = HyperParam(
    "tolerance_change", N_("Tolerance (change)"), 1e-9, log=True, ui_high=1.0,
    help=N_("L-BFGS: no step where the direction's slope g·d > −this"),
)
LINE_SEARCH = HyperParam(
    "line_search", N_("Line search"), "none", kind="choice", choices=("none", "strong_wolfe"),
    help=N_("L-BFGS: none (a fixed step lr·d) or strong_wolfe (torch's line search, ≤ 24 "
         "evaluations)"),
)
LR_DECAY = HyperParam(
    "lr_decay", N_("LR decay"), 0.0, ui_high=10.0,
    help=N_("AdaGrad's learning-rate decay: lr / (1 + (t-1)·lr_decay)"),
)

# second order and line search: lr is there the first step length tried (Newton's step scale)
DAMPING = HyperParam(
    "damping", N_("Damping λ"), 0.0, ui_high=1e3,
    help=N_("Levenberg–Marquardt damping: Newton solves (H + λI)·d = g"),
)
ARMIJO_C = HyperParam(
    "c", N_("Armijo c"), 1e-4, low_open=True, high=1.0, high_open=True, ui_high=0.99,
    help=N_("sufficient decrease: accept α when f(θ − αg) ≤ f(θ) − c·α·‖g‖²"),
)
ARMIJO_RHO = HyperParam(
    "rho", N_("Backtracking ρ"), 0.5, low_open=True, high=1.0, high_open=True, ui_high=0.99,
    help=N_("backtracking factor: the next trial step is ρ·α"),
)
WOLFE_C1 = HyperParam(
    "c1", N_("Wolfe c₁"), 1e-4, low_open=True, high=1.0, high_open=True, ui_high=0.99,
    help=N_("the Wolfe line search's sufficient-decrease constant"),
)
WOLFE_C2 = HyperParam(
    "c2", N_("Wolfe c₂"), 0.9, low_open=True, high=1.0, high_open=True, ui_high=0.999,
    help=N_("the Wolfe line search's curvature constant (c₁ < c₂ < 1)"),
)

#: Run settings that are not an optimizer's own (shared by CLI and window).
STEPS_MIN, STEPS_MAX = 0, 10_000_000  # 0 steps: the start point evaluated, nothing more


def validate_steps(steps) -> int:
    """``steps`` as an int if it is a whole number in [STEPS_MIN, STEPS_MAX], else a
    ``ValueError`` with a message for the user."""
    if (not isinstance(steps, (int, np.integer)) or isinstance(steps, bool)
            or not STEPS_MIN <= steps <= STEPS_MAX):
        raise ValueError(Message("invalid steps {value!r}: the step budget must be a whole "
                                 "number from {low} to {high:,}", value=steps, low=STEPS_MIN,
                                 high=STEPS_MAX))
    return int(steps)


H = HyperParam(
    "h", N_("Difference step h"), 1e-4, low=1e-10, high=1.0, log=True,
    help=N_("the central-difference step of the numerical gradient and the gradient check"),
)
TOL = HyperParam(
    "tol", N_("Tolerance"), 1e-6, ui_high=1e3,
    help=N_("stop as converged when the gradient norm is ≤ this (0: off)"),
)
DEFAULT_H = H.default
DEFAULT_MAX_LOSS = 1e10
