"""The rest of torch.optim's per-coordinate rules — NAdam, RAdam, Adamax, Adadelta,
Rprop — and Lion (Chen et al. 2023), each a rule per leaf (:mod:`.base`).

Each follows torch 2.x's single-tensor code line by line (the same operations in the same
order, so that float64 runs agree with torch to rounding). ``a + w·(b − a)`` is torch's
``lerp`` for a weight below ½.
"""

from __future__ import annotations

import numpy as np

from ..text import N_
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
    equations = N_("μₜ = β₁(1 − ½·0.96^(tψ)) ;  m, v as Adam ;  θ ← θ − lr·[(1−μₜ)/(1−Πμ)·g "
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

    def explain(self, e):
        b1, psi, wd, dec = self.beta1, self.momentum_decay, self.weight_decay, \
            self.decoupled_weight_decay
        g = e.decayed(0.0 if dec else wd, self.maximize)
        p = e.decoupled(wd) if dec else e.p
        t = e.t
        mu = e.line("μ{k1}", "β₁·(1 − ½·0.96^(t·ψ))", "{0}·(1 − 0.5·0.96^({1}·{2}))",
                    b1 * (1.0 - 0.5 * 0.96 ** (t * psi)), b1, t, psi)
        mu_next = e.line("μ{k2}", "β₁·(1 − ½·0.96^((t+1)·ψ))", "{0}·(1 − 0.5·0.96^({1}·{2}))",
                         b1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi)), b1, t + 1, psi)
        prod = e.line("Π{k1}", "Π{k}·μ{k1}", "{0}·{1}", e.slot(2)[0] * mu, e.slot(2)[0], mu)
        m = e.moment1(b1, g)
        v = e.moment2(self.beta2, g)
        vh = e.line("v̂{k1}", "v{k1} / (1 − β₂{t})", "{0} / (1 − {1}^{2})",
                    v / (1 - self.beta2 ** t), v, self.beta2, t)
        e.update("θ{k} − lr·(1−μ{k1})/(1−Π{k1})·g{k}/(√v̂{k1} + ε) − lr·μ{k2}/(1−Π{k1}·μ{k2})·"
                 "m{k1}/(√v̂{k1} + ε)",
                 "{0} − {1}·{2}/{3}·{4}/({5} + {6}) − {1}·{7}/{8}·{9}/({5} + {6})",
                 p, e.lr, 1 - mu, 1 - prod, g, np.sqrt(vh), self.eps, mu_next,
                 1 - prod * mu_next, m)


class RAdam(Optimizer):
    """RAdam as torch.optim.RAdam: Adam's step rectified by rₜ once the variance of the
    adaptive rate is tractable (ρₜ > 5), plain momentum before."""

    name = "radam"
    title = "RAdam"
    group = "adaptive"
    equations = N_("m, v as Adam ;  ρₜ > 5: θ ← θ − lr·rₜ·m̂·√(1−β₂ᵗ)/(√v + ε), "
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

    def explain(self, e):
        b1, b2, wd, dec, t = self.beta1, self.beta2, self.weight_decay, \
            self.decoupled_weight_decay, e.t
        g = e.decayed(0.0 if dec else wd, self.maximize)
        p = e.decoupled(wd) if dec else e.p
        m = e.moment1(b1, g)
        v = e.moment2(b2, g)
        mh = e.line("m̂{k1}", "m{k1} / (1 − β₁{t})", "{0} / (1 − {1}^{2})", m / (1 - b1 ** t),
                    m, b1, t)
        rho_inf = 2 / (1 - b2) - 1
        rho = e.line("ρ{k1}", "ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)", "{0} − 2·{1}·{2}^{1}/(1 − {2}^{1})",
                     rho_inf - 2 * t * b2 ** t / (1 - b2 ** t), rho_inf, t, b2)
        if rho <= 5:
            e.update("θ{k} − lr·m̂{k1}", "{0} − {1}·{2}", p, e.lr, mh, note="rho_small")
            return
        r = e.line("r{k1}", "√((ρ−4)(ρ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ))", "",
                   ((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho)) ** 0.5)
        e.update("θ{k} − lr·r{k1}·m̂{k1}·√(1 − β₂{t}) / (√v{k1} + ε)",
                 "{0} − {1}·{2}·{3}·{4} / ({5} + {6})", p, e.lr, r, mh,
                 (1 - b2 ** t) ** 0.5, np.sqrt(v), self.eps)


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

    def explain(self, e):
        g = e.decayed(self.weight_decay, self.maximize)
        m = e.moment1(self.beta1, g)
        u = e.line("u{k1}", "max(β₂·u{k}, |g{k}| + ε)", "max({0}·{1}, |{2}| + {3})",
                   np.maximum(self.beta2 * e.slot(1), np.abs(g) + self.eps), self.beta2,
                   e.slot(1), g, self.eps)
        e.update("θ{k} − lr/(1 − β₁{t})·m{k1}/u{k1}", "{0} − {1}/(1 − {2}^{3})·{4}/{5}",
                 e.p, e.lr, self.beta1, e.t, m, u)


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

    def explain(self, e):
        g, rho, eps = e.decayed(self.weight_decay, self.maximize), self.rho, self.eps
        v = e.line("v{k1}", "ρ·v{k} + (1−ρ)·g{k}²", "{0}·{1} + {2}·{3}²",
                   rho * e.slot(0) + (1 - rho) * g * g, rho, e.slot(0), 1 - rho, g)
        d = e.line("Δ{k}", "√(a{k} + ε) / √(v{k1} + ε)·g{k}", "√({0} + {1}) / √({2} + {1})·{3}",
                   np.sqrt(e.slot(1) + eps) / np.sqrt(v + eps) * g, e.slot(1), eps, v, g)
        e.line("a{k1}", "ρ·a{k} + (1−ρ)·Δ{k}²", "{0}·{1} + {2}·{3}²",
               rho * e.slot(1) + (1 - rho) * d * d, rho, e.slot(1), 1 - rho, d)
        e.update("θ{k} − lr·Δ{k}", "{0} − {1}·{2}", e.p, e.lr, d)


def _sign(x):
    """sign(x) of a leaf: numpy's for arrays and numpy scalars (a model's one-number
    parameters, a float32 run), plain arithmetic for a Python float (nan stays nan)."""
    if isinstance(x, (np.ndarray, np.generic)):
        return np.sign(x)
    return float((x > 0) - (x < 0)) if x == x else x


class Rprop(Optimizer):
    """Rprop as torch.optim.Rprop: each coordinate's own step grows (η₊) while its
    gradient keeps its sign and shrinks (η₋) when it flips; only the sign of g is used."""

    name = "rprop"
    title = "Rprop"
    group = "adaptive"
    equations = N_("s ← clip(s·η₊ if g·g₋ > 0, s·η₋ if < 0) ;  θ ← θ − s·sign(g)   "
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

    def explain(self, e):
        g = e.decayed(0.0, self.maximize)
        prev, step = e.slot(0), e.slot(1)
        if step is None:
            step = np.full_like(g, self.lr)
        sgn = np.sign(g * prev)
        e.line("sign(g{k}·g{k-1})", "", "sign({0}·{1})", sgn, g, prev)
        factor = np.where(sgn > 0, self.etaplus, np.where(sgn < 0, self.etaminus, 1.0))
        s = e.line("s{k1}", "clip(s{k}·η, s_min, s_max)", "clip({0}·{1}, {2}, {3})",
                   np.clip(step * factor, self.step_size_min, self.step_size_max), step, factor,
                   self.step_size_min, self.step_size_max)
        if np.any(sgn < 0):
            g = e.line("g{k}′", "0 where the sign flipped", "", np.where(sgn < 0, 0.0, g))
        e.update("θ{k} − s{k1}·sign(g{k})", "{0} − {1}·{2}", e.p, s, np.sign(g))


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

    def explain(self, e):
        b1, b2, wd, m, g = self.beta1, self.beta2, self.weight_decay, e.slot(0), e.g
        c = e.line("c{k1}", "β₁·m{k} + (1−β₁)·g{k}", "{0}·{1} + {2}·{3}", b1 * m + (1 - b1) * g,
                   b1, m, 1 - b1, g)
        e.line("m{k1}", "β₂·m{k} + (1−β₂)·g{k}", "{0}·{1} + {2}·{3}", b2 * m + (1 - b2) * g,
               b2, m, 1 - b2, g)
        if wd:
            e.update("θ{k} − lr·(sign(c{k1}) + λ·θ{k})", "{0} − {1}·({2} + {3}·{0})",
                     e.p, e.lr, np.sign(c), wd)
        else:
            e.update("θ{k} − lr·sign(c{k1})", "{0} − {1}·{2}", e.p, e.lr, np.sign(c))
