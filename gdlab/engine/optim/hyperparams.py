"""The single source of truth for hyperparameters: names, defaults, limits, help.

The CLI flags and the window's panels are both built from these specs, so they
never drift apart. Validation lives here too: every setter goes through
:meth:`HyperParam.validate`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np


@dataclass(frozen=True)
class HyperParam:
    """One hyperparameter: its name, label, default and allowed range.

    ``low``/``high`` are bounds; ``high_open`` makes the upper bound exclusive
    (betas live in [0, 1)), ``low_open`` the lower one (ε lives in (0, ∞)). ``log`` says a
    logarithmic slider suits it;
    ``ui_low``/``ui_high`` are the range a panel offers (may be narrower than
    the valid range, e.g. a learning rate is valid up to any size).
    """

    name: str
    label: str
    default: float
    low: float = 0.0
    high: float = math.inf
    high_open: bool = False
    low_open: bool = False
    log: bool = False
    ui_low: float | None = None
    ui_high: float | None = None
    help: str = ""

    @property
    def flag(self) -> str:
        """The command-line flag, e.g. ``--weight-decay``."""
        return "--" + self.name.replace("_", "-")

    def with_default(self, default: float) -> "HyperParam":
        return replace(self, default=default)

    def range_text(self) -> str:
        hi = "∞" if math.isinf(self.high) else f"{self.high:g}"
        return (f"{'(' if self.low_open else '['}{self.low:g}, "
                f"{hi}{')' if self.high_open or math.isinf(self.high) else ']'}")

    def validate(self, value: object) -> float:
        """Return ``value`` as a float, or raise ``ValueError`` naming it."""
        try:
            v = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be a number, got {value!r}") from None
        too_high = v >= self.high if self.high_open else v > self.high
        too_low = v <= self.low if self.low_open else v < self.low
        if not math.isfinite(v) or too_low or too_high:
            raise ValueError(
                f"invalid {self.name} {value!r}: {self.label.lower()} must be in {self.range_text()}"
            )
        return v

    def validate_many(self, values: np.ndarray) -> None:
        """Check per-run values (an array) at once; ``ValueError`` names the first bad one."""
        v = np.asarray(values, dtype=float)
        with np.errstate(invalid="ignore"):
            too_high = v >= self.high if self.high_open else v > self.high
            too_low = v <= self.low if self.low_open else v < self.low
        bad = ~np.isfinite(v) | too_low | too_high
        if bad.any():
            self.validate(float(v[bad].flat[0]))


LR = HyperParam(
    "lr", "Learning rate", 1e-3, log=True, ui_low=1e-10, ui_high=100.0,
    help="step size: how far each update moves against the gradient",
)
MOMENTUM = HyperParam(
    "momentum", "Momentum", 0.9, high=1.0, high_open=True, ui_high=0.999,
    help="fraction of the previous velocity kept at each step",
)
BETA1 = HyperParam(
    "beta1", "Beta 1", 0.9, high=1.0, high_open=True, ui_high=0.9999,
    help="decay rate of the running mean of gradients",
)
BETA2 = HyperParam(
    "beta2", "Beta 2", 0.999, high=1.0, high_open=True, ui_high=0.99999,
    help="decay rate of the running mean of squared gradients",
)
# ε = 0 is refused: where a gradient component has always been 0, m/(√v + ε) would be 0/0
# (torch accepts it and steps to nan)
EPS = HyperParam(
    "eps", "Epsilon", 1e-8, low_open=True, log=True, ui_low=1e-12, ui_high=1.0,
    help="added to the denominator for numerical stability",
)
ALPHA = HyperParam(
    "alpha", "Alpha", 0.99, high=1.0, high_open=True, ui_high=0.9999,
    help="smoothing constant of the running mean of squared gradients",
)
WEIGHT_DECAY = HyperParam(
    "weight_decay", "Weight decay", 0.0, ui_high=10.0,
    help="L2 penalty (decoupled from the gradient for AdamW)",
)
LR_DECAY = HyperParam(
    "lr_decay", "LR decay", 0.0, ui_high=10.0,
    help="AdaGrad's learning-rate decay: lr / (1 + (t-1)·lr_decay)",
)

ALL = {p.name: p for p in (LR, MOMENTUM, BETA1, BETA2, EPS, ALPHA, WEIGHT_DECAY, LR_DECAY)}

#: Run settings that are not an optimizer's own (shared by CLI and window).
STEPS_MIN, STEPS_MAX = 0, 10_000_000  # 0 steps: the start point evaluated, nothing more


def validate_steps(steps) -> int:
    """``steps`` as an int if it is a whole number in [STEPS_MIN, STEPS_MAX], else a
    ``ValueError`` with a message for the user."""
    if (not isinstance(steps, (int, np.integer)) or isinstance(steps, bool)
            or not STEPS_MIN <= steps <= STEPS_MAX):
        raise ValueError(f"invalid steps {steps!r}: the step budget must be a whole number "
                         f"from {STEPS_MIN} to {STEPS_MAX:,}")
    return int(steps)


H = HyperParam(
    "h", "Difference step h", 1e-4, low=1e-10, high=1.0, log=True,
    help="the central-difference step of the numerical gradient and the gradient check",
)
TOL = HyperParam(
    "tol", "Tolerance", 1e-6, ui_high=1e3,
    help="stop as converged when the gradient norm is ≤ this (0: off)",
)
DEFAULT_H = H.default
DEFAULT_MAX_LOSS = 1e10
