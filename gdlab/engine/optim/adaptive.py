"""The rest of torch.optim's per-coordinate rules — NAdam, RAdam, Adamax, Adadelta,
Rprop — and Lion (Chen et al. 2023), each a rule per leaf (:mod:`.base`).

Each follows torch 2.x's single-tensor code line by line (the same operations in the same
order, so that float64 runs agree with torch to rounding). ``a + w·(b − a)`` is torch's
``lerp`` for a weight below ½.
"""

from __future__ import annotations

import numpy as np

from . import hyperparams as hp
from .base import Optimizer, _neg, _on, _single, _zeros


def _maximum(a, b):
    return np.maximum(a, b) if isinstance(a, np.ndarray) or isinstance(b, np.ndarray) else max(a, b)


def _decay(p, g, lr, wd, decoupled):
    """Weight decay as torch's: θ(1 − lr·wd) (decoupled) or g + wd·θ."""
    if decoupled:
        return p * (1 - lr * wd), g
    return p, g + wd * p


class NAdam(Optimizer):
    """NAdam as torch.optim.NAdam: Adam with Nesterov momentum on a schedule μₜ (the product
    of the μₜ so far in single precision, as torch 2.x keeps it)."""

    name = "nadam"
    title = "NAdam"
    group = "adaptive"
    equations = ("μₜ = β₁(1 − ½·0.96^(tψ)) ;  m, v as Adam ;  θ ← θ − lr·[(1−μₜ)/(1−Πμ)·g "
                 "+ μₜ₊₁/(1−Πμ·μₜ₊₁)·m] / (√(v/(1−β₂ᵗ)) + ε)")
    specs = (hp.LR.with_default(2e-3), hp.BETA1, hp.BETA2, hp.EPS, hp.WEIGHT_DECAY,
             hp.MOMENTUM_DECAY, hp.DECOUPLED, hp.MAXIMIZE)

    def _init_leaf(self, p):
        return (_zeros(p), _zeros(p), 1.0)  # m, v, the product of the μ so far

    def _coefficients(self, t):
        b1, b2, psi, wd = self.beta1, self.beta2, self.momentum_decay, self.weight_decay
        mu = b1 * (1.0 - 0.5 * (0.96 ** (t * psi)))
        mu_next = b1 * (1.0 - 0.5 * (0.96 ** ((t + 1) * psi)))
        return (self.lr, wd, _on(wd), self.decoupled_weight_decay, _neg(self.maximize),
                1 - b1, b2, 1 - b2, 1 - b2 ** t, self.eps, mu, mu_next)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, decoupled, neg, one_minus_b1, b2, one_minus_b2, bc2, eps, mu, mu_next = c
        m, v, mu_prod = s
        if neg:
            g = -g
        if wd_on:
            p, g = _decay(p, g, lr, wd, decoupled)
        mu_prod = _single(_single(mu_prod) * _single(mu))  # float32 state, as torch's
        m = m + one_minus_b1 * (g - m)
        v = v * b2 + one_minus_b2 * (g * g)
        denom = (v / bc2) ** 0.5 + eps
        p = p + (-lr * (1.0 - mu) / (1.0 - mu_prod)) * (g / denom)
        p = p + ((-lr * mu_next) / (1.0 - mu_prod * mu_next)) * (m / denom)
        return p, (m, v, mu_prod)


class RAdam(Optimizer):
    """RAdam as torch.optim.RAdam: Adam's step rectified by rₜ once the variance of the
    adaptive rate is tractable (ρₜ > 5), plain momentum before."""

    name = "radam"
    title = "RAdam"
    group = "adaptive"
    equations = ("m, v as Adam ;  ρₜ > 5: θ ← θ − lr·rₜ·m̂·√(1−β₂ᵗ)/(√v + ε), "
                 "else θ ← θ − lr·m̂")
    specs = (hp.LR, hp.BETA1, hp.BETA2, hp.EPS, hp.WEIGHT_DECAY, hp.DECOUPLED, hp.MAXIMIZE)

    def _init_leaf(self, p):
        return (_zeros(p), _zeros(p))

    def _coefficients(self, t):
        b1, b2, wd = self.beta1, self.beta2, self.weight_decay
        bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
        rho_inf = 2 / (1 - b2) - 1
        rho_t = rho_inf - 2 * t * (b2 ** t) / bc2
        with np.errstate(invalid="ignore", divide="ignore"):  # (per-run: unused where ρₜ ≤ 5)
            on = rho_t > 5.0
            rect = ((rho_t - 4) * (rho_t - 2) * rho_inf
                    / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5 if np.any(on) else 0.0
        return (self.lr, wd, _on(wd), self.decoupled_weight_decay, _neg(self.maximize),
                1 - b1, b2, 1 - b2, bc1, bc2 ** 0.5, self.eps, on, rect)

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, decoupled, neg, one_minus_b1, b2, one_minus_b2, bc1, bc2_sqrt, eps, on, \
            rect = c
        m, v = s
        if neg:
            g = -g
        if wd_on:
            p, g = _decay(p, g, lr, wd, decoupled)
        m = m + one_minus_b1 * (g - m)
        v = v * b2 + one_minus_b2 * (g * g)
        m_hat = m / bc1
        if isinstance(on, np.ndarray):
            with np.errstate(invalid="ignore"):
                step = np.where(on, m_hat * lr * (bc2_sqrt / (v ** 0.5 + eps)) * rect, m_hat * lr)
        elif on:
            step = m_hat * lr * (bc2_sqrt / (v ** 0.5 + eps)) * rect
        else:
            step = m_hat * lr
        return p - step, (m, v)


class Adamax(Optimizer):
    """Adamax as torch.optim.Adamax: Adam with the infinity norm u ← max(β₂u, |g| + ε)."""

    name = "adamax"
    title = "Adamax"
    group = "adaptive"
    equations = "m ← β₁m + (1−β₁)g ;  u ← max(β₂u, |g| + ε) ;  θ ← θ − lr/(1−β₁ᵗ)·m/u"
    specs = (hp.LR.with_default(2e-3), hp.BETA1, hp.BETA2, hp.EPS, hp.WEIGHT_DECAY, hp.MAXIMIZE)

    def _init_leaf(self, p):
        return (_zeros(p), _zeros(p))

    def _coefficients(self, t):
        b1, wd = self.beta1, self.weight_decay
        return (wd, _on(wd), _neg(self.maximize), 1 - b1, self.beta2, self.eps,
                self.lr / (1 - b1 ** t))

    def _leaf(self, p, g, s, c):
        wd, wd_on, neg, one_minus_b1, b2, eps, clr = c
        m, u = s
        if neg:
            g = -g
        if wd_on:
            g = g + wd * p
        m = m + one_minus_b1 * (g - m)
        u = _maximum(u * b2, abs(g) + eps)
        return p + (-clr) * (m / u), (m, u)


class Adadelta(Optimizer):
    """Adadelta as torch.optim.Adadelta: the step Δ = √(acc + ε)/√(v + ε)·g needs no rate
    (lr scales it, 1 by default)."""

    name = "adadelta"
    title = "Adadelta"
    group = "adaptive"
    equations = ("v ← ρv + (1−ρ)g² ;  Δ = √(a + ε)/√(v + ε)·g ;  a ← ρa + (1−ρ)Δ² ;  "
                 "θ ← θ − lr·Δ")
    specs = (hp.LR.with_default(1.0), hp.RHO, hp.EPS.with_default(1e-6), hp.WEIGHT_DECAY,
             hp.MAXIMIZE)
    own_lr = True

    def _init_leaf(self, p):
        return (_zeros(p), _zeros(p))

    def _coefficients(self, t):
        wd = self.weight_decay
        return self.lr, wd, _on(wd), _neg(self.maximize), self.rho, 1 - self.rho, self.eps

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, neg, rho, one_minus_rho, eps = c
        sq, acc = s
        if neg:
            g = -g
        if wd_on:
            g = g + wd * p
        sq = sq * rho + one_minus_rho * (g * g)
        std = (sq + eps) ** 0.5
        delta = (acc + eps) ** 0.5 / std * g
        acc = acc * rho + one_minus_rho * (delta * delta)
        return p + (-lr) * delta, (sq, acc)


def _sign(x):
    return np.sign(x) if isinstance(x, np.ndarray) else float((x > 0) - (x < 0)) if x == x else x


class Rprop(Optimizer):
    """Rprop as torch.optim.Rprop: each coordinate's own step grows (η₊) while its
    gradient keeps its sign and shrinks (η₋) when it flips; only the sign of g is used."""

    name = "rprop"
    title = "Rprop"
    group = "adaptive"
    equations = ("s ← clip(s·η₊ if g·g₋ > 0, s·η₋ if < 0) ;  θ ← θ − s·sign(g)   "
                 "(g ← 0 after a flip; s₁ = lr)")
    specs = (hp.LR.with_default(0.01), hp.ETAMINUS, hp.ETAPLUS, hp.STEP_SIZE_MIN,
             hp.STEP_SIZE_MAX, hp.MAXIMIZE)

    def _init_leaf(self, p):
        return (_zeros(p), None)  # the previous gradient; the step sizes (lr at step 1)

    def _coefficients(self, t):
        return (self.lr, self.etaminus, self.etaplus, self.step_size_min, self.step_size_max,
                _neg(self.maximize))

    def _leaf(self, p, g, s, c):
        lr, etaminus, etaplus, smin, smax, neg = c
        prev, step = s
        if neg:
            g = -g
        if step is None:
            step = _zeros(g) + lr
        sgn = _sign(g * prev)
        if isinstance(sgn, np.ndarray):
            factor = np.where(sgn > 0, etaplus, np.where(sgn < 0, etaminus, 1.0))
            step = np.clip(step * factor, smin, smax)
            g = np.where(factor == etaminus, 0.0, g)
        else:
            factor = etaplus if sgn > 0 else etaminus if sgn < 0 else 1.0
            step = min(max(step * factor, smin), smax)
            g = 0.0 if factor == etaminus else g
        return p + (-1.0) * (_sign(g) * step), (g, step)


class Lion(Optimizer):
    """Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): the sign of
    an interpolation of the momentum and the gradient, a step of lr in every coordinate."""

    name = "lion"
    title = "Lion"
    group = "adaptive"
    equations = "c ← β₁m + (1−β₁)g ;  θ ← θ − lr·(sign(c) + λθ) ;  m ← β₂m + (1−β₂)g"
    specs = (hp.LR.with_default(1e-4), hp.BETA1, hp.BETA2.with_default(0.99), hp.WEIGHT_DECAY)

    def _init_leaf(self, p):
        return (_zeros(p),)

    def _coefficients(self, t):
        b1, b2, wd = self.beta1, self.beta2, self.weight_decay
        return self.lr, wd, _on(wd), b1, 1 - b1, b2, 1 - b2

    def _leaf(self, p, g, s, c):
        lr, wd, wd_on, b1, one_minus_b1, b2, one_minus_b2 = c
        m = s[0]
        update = _sign(b1 * m + one_minus_b1 * g)
        if wd_on:
            update = update + wd * p
        return p - lr * update, (b2 * m + one_minus_b2 * g,)
