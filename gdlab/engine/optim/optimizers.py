"""Optimizers as small update rules, following torch.optim's equations.

Each optimizer is an object holding its hyperparameters (validated when set,
changeable between any two steps) with two methods in optax's style::

    state = opt.init(params)                      # params: list of leaves
    params, state = opt.update(grads, state, params)

A *leaf* is a Python float, a numpy scalar or an array of any shape: the rule
for one leaf (``_leaf``) is written once with arithmetic that works on all of
them, so the same code steps one 2-D run held in plain floats (fast), one run
in float32, a model's weight matrices, or a batch of K runs as a (K, d) array
with per-run learning rates of shape (K, 1).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from . import hyperparams as hp
from .hyperparams import HyperParam

Leaf = Any  # float | np.ndarray


class UnknownHyperparameter(ValueError):
    """A name the optimizer does not have (the CLI turns it into a line about its flag)."""

    def __init__(self, optimizer: str, name: str, known: Sequence[str]) -> None:
        super().__init__(f"{optimizer} has no hyperparameter {name!r} "
                         f"(it has: {', '.join(known)})")
        self.optimizer, self.name, self.known = optimizer, name, tuple(known)


class Optimizer:
    """Base class: hyperparameter bookkeeping and the per-leaf loop."""

    name: str = ""
    title: str = ""
    equations: str = ""
    specs: tuple[HyperParam, ...] = ()

    def __init__(self, **values: hp.Value) -> None:
        self._spec = {s.name: s for s in self.specs}
        for s in self.specs:
            object.__setattr__(self, s.name, s.default)
        self.set(**values)

    def __setattr__(self, key: str, value: Any) -> None:
        spec = self.__dict__.get("_spec", {}).get(key)
        if spec is not None:
            value = _validate(spec, value)
        object.__setattr__(self, key, value)

    def set(self, **values: hp.Value) -> None:
        """Change hyperparameters; unknown names (:class:`UnknownHyperparameter`) and bad
        values raise ``ValueError``."""
        for key in values:
            if key not in self._spec:
                raise UnknownHyperparameter(self.name, key, list(self._spec))
        checked = {k: _validate(self._spec[k], v) for k, v in values.items()}
        for key, value in checked.items():
            object.__setattr__(self, key, value)

    @property
    def hyper(self) -> dict[str, Any]:
        """Current hyperparameter values by name."""
        return {s.name: getattr(self, s.name) for s in self.specs}

    # -- optax-style interface ------------------------------------------------
    def init(self, params: Sequence[Leaf]) -> tuple:
        """State for ``params``: ``(t, slots)``, a step counter and one slot tuple per leaf."""
        return 0, tuple(self._init_leaf(p) for p in params)

    def update(self, grads: Sequence[Leaf], state: tuple, params: Sequence[Leaf]) -> tuple[list, tuple]:
        """One step: new parameter leaves and the new state."""
        t = state[0] + 1
        c = self._coefficients(t)
        leaf = self._leaf
        new_params = []
        new_slots = []
        for p, g, s in zip(params, grads, state[1]):
            p, s = leaf(p, g, s, c)
            new_params.append(p)
            new_slots.append(s)
        return new_params, (t, new_slots)

    def _coefficients(self, t: int) -> tuple:
        """Per-step scalars shared by all leaves (read the hyperparameters once a step)."""
        return self.lr, self.weight_decay, _on(self.weight_decay)

    def _init_leaf(self, p: Leaf) -> tuple:
        return ()

    def _leaf(self, p: Leaf, g: Leaf, s: tuple, c: tuple) -> tuple[Leaf, tuple]:
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyper.items())
        return f"{type(self).__name__}({args})"


def _validate(spec: HyperParam, value: Any) -> Any:
    """Scalars are checked against the spec; arrays (per-run values of a number) element-wise."""
    if getattr(value, "ndim", 0) > 0:
        spec.validate_many(value)
        return value
    return spec.validate(value)


def _zeros(p: Leaf) -> Leaf:
    return p * 0.0


def _on(v: Any) -> bool:
    """Whether a term is on: a float ≠ 0, or per-run values (an array) not all 0 (runs
    whose value is 0 then compute the term with 0, which changes nothing)."""
    return bool(v.any()) if hasattr(v, "any") else v != 0


class SGD(Optimizer):
    """Plain gradient descent: θ ← θ − lr·(g + wd·θ)."""

    name = "sgd"
    title = "SGD"
    equations = "θ ← θ − lr·g"
    specs = (hp.LR, hp.WEIGHT_DECAY)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on = c
        if wd_on:
            g = g + wd * p
        return p - lr * g, s


class Momentum(Optimizer):
    """SGD with (heavy-ball) momentum as torch.optim.SGD: b ← μb + g; θ ← θ − lr·b."""

    name = "momentum"
    title = "Momentum"
    equations = "b ← μ·b + g ;  θ ← θ − lr·b   (b₁ = g₁)"
    specs = (hp.LR, hp.MOMENTUM, hp.WEIGHT_DECAY)
    nesterov = False

    def _init_leaf(self, p):
        return (None,)

    def _coefficients(self, t):
        mu, wd = self.momentum, self.weight_decay
        return self.lr, wd, _on(wd), mu, _on(mu)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, mu, mu_on = c
        if wd_on:
            g = g + wd * p
        buf = s[0]
        if mu_on:
            buf = g if buf is None else buf * mu + g
            g = g + mu * buf if self.nesterov else buf
        return p - lr * g, (buf,)


class Nesterov(Momentum):
    """Nesterov momentum as torch.optim.SGD(nesterov=True): θ ← θ − lr·(g + μb)."""

    name = "nesterov"
    title = "Nesterov"
    equations = "b ← μ·b + g ;  θ ← θ − lr·(g + μ·b)"
    nesterov = True


class AdaGrad(Optimizer):
    """AdaGrad as torch.optim.Adagrad: G ← G + g²; θ ← θ − lr·g/(√G + ε)."""

    name = "adagrad"
    title = "AdaGrad"
    equations = "G ← G + g² ;  θ ← θ − lr·g / (√G + ε)"
    specs = (hp.LR.with_default(0.01), hp.LR_DECAY, hp.WEIGHT_DECAY, hp.EPS.with_default(1e-10))

    def _init_leaf(self, p):
        return (_zeros(p),)

    def _coefficients(self, t):
        wd = self.weight_decay
        return self.lr / (1 + (t - 1) * self.lr_decay), wd, _on(wd), self.eps

    def _leaf(self, p, g, s, c):
        clr, wd, wd_on, eps = c
        if wd_on:
            g = g + wd * p
        acc = s[0] + g * g
        return p - clr * (g / (acc ** 0.5 + eps)), (acc,)


class RMSprop(Optimizer):
    """RMSprop as torch.optim.RMSprop: v ← αv + (1−α)g²; θ ← θ − lr·g/(√v + ε)."""

    name = "rmsprop"
    title = "RMSprop"
    equations = "v ← α·v + (1−α)·g² ;  θ ← θ − lr·g / (√v + ε)"
    specs = (hp.LR.with_default(0.01), hp.ALPHA, hp.EPS, hp.WEIGHT_DECAY,
             hp.MOMENTUM.with_default(0.0))

    def _init_leaf(self, p):
        return (_zeros(p), None)

    def _coefficients(self, t):
        mu, wd = self.momentum, self.weight_decay
        return self.lr, wd, _on(wd), self.alpha, self.eps, mu, _on(mu)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, alpha, eps, mu, mu_on = c
        if wd_on:
            g = g + wd * p
        sq, buf = s
        sq = sq * alpha + (1 - alpha) * g * g
        avg = sq ** 0.5 + eps
        if mu_on:
            buf = (_zeros(p) if buf is None else buf) * mu + g / avg
            return p - lr * buf, (sq, buf)
        return p - lr * (g / avg), (sq, buf)


class Adam(Optimizer):
    """Adam as torch.optim.Adam (bias-corrected first and second moments)."""

    name = "adam"
    title = "Adam"
    equations = ("m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  "
                 "θ ← θ − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)")
    specs = (hp.LR, hp.BETA1, hp.BETA2, hp.EPS, hp.WEIGHT_DECAY, hp.AMSGRAD)
    decoupled = False

    def _init_leaf(self, p):
        return (_zeros(p), _zeros(p), _zeros(p))  # m, v, the largest v (AMSGrad)

    def _coefficients(self, t):
        b1, b2, lr = self.beta1, self.beta2, self.lr
        wd = self.weight_decay
        return (lr, wd, _on(wd), 1 - b1, b2, 1 - b2, self.eps,
                lr / (1 - b1 ** t), (1 - b2 ** t) ** 0.5, self.amsgrad)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, one_minus_b1, b2, one_minus_b2, eps, step_size, bc2_sqrt, ams = c
        m, v, vmax = s
        if wd_on:
            if self.decoupled:
                p = p * (1 - lr * wd)
            else:
                g = g + wd * p
        m = m + one_minus_b1 * (g - m)  # torch's lerp (weight < 0.5)
        v = v * b2 + one_minus_b2 * g * g
        if ams:
            vmax = np.maximum(vmax, v)
        denom = (vmax if ams else v) ** 0.5 / bc2_sqrt + eps
        return p - step_size * (m / denom), (m, v, vmax)


class AdamW(Adam):
    """AdamW as torch.optim.AdamW: decoupled weight decay θ ← θ(1 − lr·wd), then Adam."""

    name = "adamw"
    title = "AdamW"
    equations = "θ ← θ·(1 − lr·wd), then Adam"
    specs = (hp.LR, hp.BETA1, hp.BETA2, hp.EPS, hp.WEIGHT_DECAY.with_default(0.01), hp.AMSGRAD)
    decoupled = True


OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam, AdamW)
}


def specs_by_name() -> dict[str, dict[str, HyperParam]]:
    """Every optimizer's hyperparameters: ``{name: {optimizer: spec}}`` (one CLI flag per
    name; an optimizer checks a value with its own spec)."""
    return hp.by_name({name: cls.specs for name, cls in OPTIMIZERS.items()})


def make_optimizer(name: str, **values: hp.Value) -> Optimizer:
    """Build an optimizer by canonical name; unknown names raise ``ValueError`` listing the known."""
    try:
        cls = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; choose one of: {', '.join(OPTIMIZERS)}"
        ) from None
    return cls(**values)
