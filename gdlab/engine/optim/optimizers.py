"""The optimizers by name (:data:`OPTIMIZERS`, in :data:`GROUPS` order) and the classic
rules, following torch.optim's equations (the base class: :mod:`.base`; the newer adaptive
rules: :mod:`.adaptive`; L-BFGS: :mod:`.lbfgs`).

Every rule takes torch's ``maximize`` where torch has it: the gradient is negated first
(before weight decay), as torch does.
"""

from __future__ import annotations

import numpy as np

from . import hyperparams as hp
from .base import Optimizer, UnknownHyperparameter, _neg, _on, _single, _zeros
from ..text import N_, Message
from .hyperparams import HyperParam


class SGD(Optimizer):
    """Plain gradient descent: θ ← θ − lr·(g + wd·θ)."""

    name = "sgd"
    title = "SGD"
    equations = "θ ← θ − lr·g"
    specs = (hp.LR, hp.WEIGHT_DECAY, hp.MAXIMIZE)

    def _coefficients(self, t):
        return self.lr, self.weight_decay, _on(self.weight_decay), _neg(self.maximize)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, neg = c
        if neg:
            g = -g
        if wd_on:
            g = g + wd * p
        return p - lr * g, s

    def explain(self, e):
        g = e.decayed(self.weight_decay, self.maximize)
        e.update("θ{k} − lr·g{k}", "{0} − {1}·{2}", e.p, e.lr, g)


class Momentum(Optimizer):
    """SGD with (heavy-ball) momentum as torch.optim.SGD: b ← μb + g; θ ← θ − lr·b."""

    name = "momentum"
    title = "Momentum"
    equations = "b ← μ·b + g ;  θ ← θ − lr·b   (b₁ = g₁)"
    specs = (hp.LR, hp.MOMENTUM, hp.WEIGHT_DECAY, hp.MAXIMIZE)
    nesterov = False

    def _init_leaf(self, p):
        return (None,)

    def _coefficients(self, t):
        mu, wd = self.momentum, self.weight_decay
        return self.lr, wd, _on(wd), mu, _on(mu), _neg(self.maximize)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, mu, mu_on, neg = c
        if neg:
            g = -g
        if wd_on:
            g = g + wd * p
        buf = s[0]
        if mu_on:
            buf = g if buf is None else buf * mu + g
            g = g + mu * buf if self.nesterov else buf
        return p - lr * g, (buf,)

    def explain(self, e):
        g, mu, b = e.decayed(self.weight_decay, self.maximize), self.momentum, e.slot(0)
        if not mu:
            e.update("θ{k} − lr·g{k}", "{0} − {1}·{2}", e.p, e.lr, g)
            return
        if b is None:
            b = e.line("b{k1}", "g{k}", "", g, note="first_buffer")
        else:
            b = e.line("b{k1}", "μ·b{k} + g{k}", "{0}·{1} + {2}", mu * b + g, mu, b, g)
        if self.nesterov:
            e.update("θ{k} − lr·(g{k} + μ·b{k1})", "{0} − {1}·({2} + {3}·{4})",
                     e.p, e.lr, g, mu, b)
        else:
            e.update("θ{k} − lr·b{k1}", "{0} − {1}·{2}", e.p, e.lr, b)


class Nesterov(Momentum):
    """Nesterov momentum as torch.optim.SGD(nesterov=True): θ ← θ − lr·(g + μb)."""

    name = "nesterov"
    title = "Nesterov"
    equations = "b ← μ·b + g ;  θ ← θ − lr·(g + μ·b)"
    nesterov = True


class ASGD(Optimizer):
    """Averaged SGD as torch.optim.ASGD (2.x): θ ← θ(1 − λη) − η·g with the decaying rate
    η = lr / (1 + λ·lr·(t−1))^α (η₁ = lr), held in single precision as torch 2.x's state
    holds it. torch's running average of the iterates (and its ``t0``) does not change them;
    gdlab does not keep it."""

    name = "asgd"
    title = "ASGD"
    equations = "θ ← θ·(1 − λη) − η·g ;  η ← lr / (1 + λ·lr·t)^α"
    specs = (hp.LR.with_default(0.01), hp.LAMBD, hp.ASGD_ALPHA, hp.WEIGHT_DECAY, hp.MAXIMIZE)

    def _init_leaf(self, p):
        return (None,)  # η: lr at the first step, then torch's η carried in the state

    def _coefficients(self, t):
        lr, lambd, wd = self.lr, self.lambd, self.weight_decay
        return (_single(lr), lambd, wd, _on(wd), _neg(self.maximize),
                _single(lr / ((1 + lambd * lr * t) ** self.alpha)))

    def _leaf(self, p, g, s, c):
        lr, lambd, wd, wd_on, neg, eta_next = c
        if neg:
            g = -g
        if wd_on:
            g = g + wd * p
        eta = lr if s[0] is None else s[0]
        p = p * (1 - lambd * eta)
        return p - eta * g, (eta_next,)

    def explain(self, e):
        g = e.decayed(self.weight_decay, self.maximize)
        eta = e.slot(0)
        if eta is None:
            eta = e.line("η{k}", "lr", "", _single(self.lr), note="first_eta")
        else:
            # (every leaf holds the same η; torch keeps it in single precision)
            eta = e.line("η{k}", "lr / (1 + λ·lr·(t−1))^α", "{0} / (1 + {1}·{2}·{3})^{4}",
                         eta[0], self.lr, self.lambd, self.lr, e.t - 1, self.alpha)
        e.update("θ{k}·(1 − λ·η{k}) − η{k}·g{k}", "{0}·(1 − {1}·{2}) − {2}·{3}",
                 e.p, self.lambd, eta, g)


class AdaGrad(Optimizer):
    """AdaGrad as torch.optim.Adagrad: G ← G + g²; θ ← θ − lr·g/(√G + ε)."""

    name = "adagrad"
    title = "AdaGrad"
    group = "adaptive"
    equations = "G ← G + g² ;  θ ← θ − lr·g / (√G + ε)"
    specs = (hp.LR.with_default(0.01), hp.LR_DECAY, hp.WEIGHT_DECAY, hp.EPS.with_default(1e-10),
             hp.MAXIMIZE)

    def _init_leaf(self, p):
        return (_zeros(p),)

    def _coefficients(self, t):
        wd = self.weight_decay
        return (self.lr / (1 + (t - 1) * self.lr_decay), wd, _on(wd), self.eps,
                _neg(self.maximize))

    def _leaf(self, p, g, s, c):
        clr, wd, wd_on, eps, neg = c
        if neg:
            g = -g
        if wd_on:
            g = g + wd * p
        acc = s[0] + g * g
        return p - clr * (g / (acc ** 0.5 + eps)), (acc,)

    def explain(self, e):
        g, lr = e.decayed(self.weight_decay, self.maximize), e.lr
        if self.lr_decay:
            lr = e.line("lr′", "lr / (1 + (t−1)·decay)", "{0} / (1 + {1}·{2})",
                        lr / (1 + (e.t - 1) * self.lr_decay), lr, e.t - 1, self.lr_decay)
        G = e.line("G{k1}", "G{k} + g{k}²", "{0} + {1}²", e.slot(0) + g * g, e.slot(0), g)
        rate = "lr′" if self.lr_decay else "lr"
        e.update(f"θ{{k}} − {rate}·g{{k}} / (√G{{k1}} + ε)", "{0} − {1}·{2} / ({3} + {4})",
                 e.p, lr, g, np.sqrt(G), self.eps)


class RMSprop(Optimizer):
    """RMSprop as torch.optim.RMSprop: v ← αv + (1−α)g²; θ ← θ − lr·g/(√v + ε)."""

    name = "rmsprop"
    title = "RMSprop"
    group = "adaptive"
    equations = "v ← α·v + (1−α)·g² ;  θ ← θ − lr·g / (√v + ε)"
    specs = (hp.LR.with_default(0.01), hp.ALPHA, hp.EPS, hp.WEIGHT_DECAY,
             hp.MOMENTUM.with_default(0.0), hp.MAXIMIZE)

    def _init_leaf(self, p):
        return (_zeros(p), None)

    def _coefficients(self, t):
        mu, wd = self.momentum, self.weight_decay
        return self.lr, wd, _on(wd), self.alpha, self.eps, mu, _on(mu), _neg(self.maximize)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, alpha, eps, mu, mu_on, neg = c
        if neg:
            g = -g
        if wd_on:
            g = g + wd * p
        sq, buf = s
        sq = sq * alpha + (1 - alpha) * g * g
        avg = sq ** 0.5 + eps
        if mu_on:
            buf = (_zeros(p) if buf is None else buf) * mu + g / avg
            return p - lr * buf, (sq, buf)
        return p - lr * (g / avg), (sq, buf)

    def explain(self, e):
        g, a = e.decayed(self.weight_decay, self.maximize), self.alpha
        v = e.line("v{k1}", "α·v{k} + (1−α)·g{k}²", "{0}·{1} + {2}·{3}²",
                   a * e.slot(0) + (1 - a) * g * g, a, e.slot(0), 1 - a, g)
        if self.momentum:
            b = e.slot(1)
            b = e.line("b{k1}", "μ·b{k} + g{k} / (√v{k1} + ε)", "{0}·{1} + {2} / ({3} + {4})",
                       (0 if b is None else self.momentum * b) + g / (np.sqrt(v) + self.eps),
                       self.momentum, b, g, np.sqrt(v), self.eps)
            e.update("θ{k} − lr·b{k1}", "{0} − {1}·{2}", e.p, e.lr, b)
            return
        e.update("θ{k} − lr·g{k} / (√v{k1} + ε)", "{0} − {1}·{2} / ({3} + {4})",
                 e.p, e.lr, g, np.sqrt(v), self.eps)


class Adam(Optimizer):
    """Adam as torch.optim.Adam (bias-corrected first and second moments; AMSGrad)."""

    name = "adam"
    title = "Adam"
    group = "adaptive"
    equations = ("m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  "
                 "θ ← θ − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)")
    specs = (hp.LR, hp.BETA1, hp.BETA2, hp.EPS, hp.WEIGHT_DECAY, hp.AMSGRAD, hp.MAXIMIZE)
    decoupled = False

    def _init_leaf(self, p):
        return (_zeros(p), _zeros(p), _zeros(p))  # m, v, the largest v (AMSGrad)

    def _coefficients(self, t):
        b1, b2, lr = self.beta1, self.beta2, self.lr
        wd = self.weight_decay
        return (lr, wd, _on(wd), 1 - b1, b2, 1 - b2, self.eps,
                lr / (1 - b1 ** t), (1 - b2 ** t) ** 0.5, self.amsgrad, _neg(self.maximize))

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, one_minus_b1, b2, one_minus_b2, eps, step_size, bc2_sqrt, ams, neg = c
        m, v, vmax = s
        if neg:
            g = -g
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

    def explain(self, e):
        wd, decoupled = self.weight_decay, self.decoupled
        g = e.decayed(0.0 if decoupled else wd, self.maximize)
        p = e.decoupled(wd) if decoupled else e.p
        m = e.moment1(self.beta1, g)
        v = e.moment2(self.beta2, g)
        if self.amsgrad:
            v = e.line("v{k1}ᵐᵃˣ", "max(v{k}ᵐᵃˣ, v{k1})", "max({0}, {1})",
                       np.maximum(e.slot(2), v), e.slot(2), v)
        mh, vh = e.corrected(m, v, self.beta1, self.beta2,
                             "v{k1}ᵐᵃˣ" if self.amsgrad else "v{k1}")
        e.update("θ{k}" + ("′" if wd and decoupled else "") + " − lr·m̂{k1} / (√v̂{k1} + ε)",
                 "{0} − {1}·{2} / ({3} + {4})", p, e.lr, mh, np.sqrt(vh), self.eps)


class AdamW(Adam):
    """AdamW as torch.optim.AdamW: decoupled weight decay θ ← θ(1 − lr·wd), then Adam."""

    name = "adamw"
    title = "AdamW"
    equations = N_("θ ← θ·(1 − lr·wd), then Adam")
    specs = (hp.LR, hp.BETA1, hp.BETA2, hp.EPS, hp.WEIGHT_DECAY.with_default(0.01), hp.AMSGRAD,
             hp.MAXIMIZE)
    decoupled = True


from .adaptive import (Adadelta, Adamax, Lion, NAdam, RAdam, Rprop)  # noqa: E402
from .lbfgs import LBFGS  # noqa: E402
from .second_order import METHODS  # noqa: E402

#: the groups in the order gdlab lists them (``Optimizer.group``)
GROUPS = ("first-order", "adaptive", "quasi-Newton / second-order", "line search")
#: each group's heading in the window's optimizer list
GROUP_TITLES = {"first-order": N_("First-order"), "adaptive": N_("Adaptive"),
                "quasi-Newton / second-order": N_("Quasi-Newton / second-order"),
                "line search": N_("Line search")}

OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in sorted(
        (SGD, Momentum, Nesterov, ASGD, AdaGrad, RMSprop, Adadelta, Adam, AdamW, NAdam, RAdam,
         Adamax, Rprop, Lion, LBFGS, *METHODS),
        key=lambda c: GROUPS.index(c.group))  # (a stable sort: the order above within a group)
}


def grouped() -> dict[str, list[type[Optimizer]]]:
    """The optimizers by group, in :data:`GROUPS` order (groups without one left out)."""
    out: dict[str, list[type[Optimizer]]] = {}
    for cls in OPTIMIZERS.values():
        out.setdefault(cls.group, []).append(cls)
    return out


def optimizer_title(name: str) -> str:
    """The name users see for optimizer ``name`` (SGD, L-BFGS…: its class's ``title``), a
    :class:`Message` the window localizes; an unknown name stays as it is."""
    cls = OPTIMIZERS.get(name)
    return name if cls is None else Message(cls.title)


def specs_by_name() -> dict[str, dict[str, HyperParam]]:
    """Every optimizer's hyperparameters: ``{name: {optimizer: spec}}`` (one CLI flag per
    name; an optimizer checks a value with its own spec)."""
    return hp.by_name({name: cls.specs for name, cls in OPTIMIZERS.items()})


def make_optimizer(name: str, **values: hp.Value) -> Optimizer:
    """Build an optimizer by canonical name; unknown names raise ``ValueError`` listing the known."""
    try:
        cls = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(Message("unknown optimizer {name!r}; choose one of: {choices}",
                                 name=name, choices=", ".join(OPTIMIZERS))) from None
    return cls(**values)


__all__ = ["GROUPS", "OPTIMIZERS", "Optimizer", "UnknownHyperparameter", "grouped",
           "make_optimizer", "optimizer_title", "specs_by_name"]
