"""Methods that evaluate the function themselves: Newton, BFGS, nonlinear CG, GD with Armijo.

An update rule (:mod:`~gdlab.engine.optim.optimizers`) sees one gradient per step; these need
more — the Hessian, or f and ∇f at trial points along a line — so they step with an
:class:`Oracle` (a :class:`~gdlab.engine.run.oracle.OracleRun` is one, and counts what it is
asked)::

    state = method.init(params)
    step = method.step(params, f, grads, state, oracle)   # -> Step

``params`` and ``grads`` are lists of floats (a 2-D problem: two each). Their hyperparameters
are the same specs as the update rules' (CLI flags, panels); ``lr`` is Newton's step scale
and the line searches' first trial step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence

import numpy as np

from . import hyperparams as hp
from .line_search import backtrack, strong_wolfe
from .base import Optimizer
from ..problems.hessians import eigen


class Oracle(Protocol):
    """What a method may ask at a point ``p`` (a list of floats); each call is counted."""

    def value_at(self, p: list[float]) -> float: ...

    def grad_at(self, p: list[float]) -> list[float]: ...

    def value_grad_at(self, p: list[float]) -> tuple[float, list[float]]: ...

    def hess_at(self, p: list[float]) -> tuple[float, float, float]: ...


@dataclass
class Step:
    """One step's outcome: the new point ``p`` and ``state``; ``at`` = (f, grads) at ``p``
    when the method has already evaluated them (else the run does); ``trials`` the points
    a line search evaluated, in order; ``note`` what the learner should hear about this step."""

    p: list[float]
    state: Any
    at: tuple[float, list[float]] | None = None
    trials: list[tuple[float, ...]] = field(default_factory=list)
    note: str = ""


class OracleMethod(Optimizer):
    """Base of the methods that step with an :class:`Oracle` (single runs only)."""

    oracle = True
    per_leaf = False  # one run at a time: no batches, no maps
    own_lr = True  # lr scales the method's own step (1: Newton's full step, α₀ = 1)

    def init(self, params: Sequence[float]) -> Any:
        return None

    def update(self, grads, state, params, **_run):
        raise ValueError(f"{self.name} evaluates the function itself (a Hessian or a line "
                         "search): it steps in an OracleRun (recipe.build_run), not by update")

    def step(self, p: list[float], f: float, g: list[float], state: Any,
             oracle: Oracle) -> Step:
        raise NotImplementedError


NEGATIVE = "{H} has a negative eigenvalue here (λ = {lo:.3g}): Newton heads for a saddle or a maximum"
SINGULAR = ("{H} is singular here (eigenvalues {lo:.3g}, {hi:.3g}): the Newton step is undefined; "
            "this step is a gradient step lr·g")


class Newton(OracleMethod):
    """Newton's method with Levenberg–Marquardt damping: θ ← θ − lr·(H + λI)⁻¹g, the 2×2
    system solved in closed form."""

    name = "newton"
    title = "Newton"
    group = "quasi-Newton / second-order"
    equations = "θ ← θ − lr·(H + λI)⁻¹·g"
    specs = (hp.LR.with_default(1.0), hp.DAMPING)

    def step(self, p, f, g, state, oracle):
        hxx, hxy, hyy = oracle.hess_at(p)
        lam, lr = self.damping, self.lr
        a, b, c = hxx + lam, hxy, hyy + lam
        det = a * c - b * b
        (x, y), (gx, gy) = p, g
        if abs(det) <= 1e-12 * (a * a + 2.0 * b * b + c * c) or det != det:
            lo, hi = eigen(a, b, c)[:2]
            return Step([x - lr * gx, y - lr * gy], state,
                        note=SINGULAR.format(H=self._h(), lo=lo, hi=hi))
        dx = (c * gx - b * gy) / det
        dy = (a * gy - b * gx) / det
        step = Step([x - lr * dx, y - lr * dy], state)
        if not (a > 0.0 and det > 0.0):  # positive definite iff both
            step.note = NEGATIVE.format(H=self._h(), lo=eigen(a, b, c)[0])
        return step

    def _h(self) -> str:
        return "H + λI" if self.damping else "H"


class GDArmijo(OracleMethod):
    """Gradient descent with backtracking: α ∈ {lr, ρ·lr, ρ²·lr, …}, the first with
    f(θ − αg) ≤ f(θ) − c·α·‖g‖²."""

    name = "gd-armijo"
    title = "GD + Armijo"
    group = "line search"
    equations = "θ ← θ − α·g,  α = lr·ρᵏ, the first with f(θ − αg) ≤ f(θ) − c·α·‖g‖²"
    specs = (hp.LR.with_default(1.0), hp.ARMIJO_C, hp.ARMIJO_RHO)
    counts_evaluations = True

    def step(self, p, f, g, state, oracle):
        P, G = np.asarray(p), np.asarray(g)
        s = backtrack(lambda a: oracle.value_at((P - a * G).tolist()), f, -float(G @ G),
                      self.lr, self.c, self.rho)
        trials = [tuple((P - a * G).tolist()) for a in s.trials]
        if not s.ok:
            return Step(list(p), state, trials=trials,
                        note=f"no step in {len(s.trials)} trials decreased f enough: staying")
        q = (P - s.alpha * G).tolist()
        return Step(q, state, at=(s.f, oracle.grad_at(q)), trials=trials)


class _Wolfe(OracleMethod):
    """A direction, then a strong-Wolfe line search along it."""

    counts_evaluations = True

    def set(self, **values: float) -> None:
        c1, c2 = values.get("c1", self.__dict__.get("c1")), values.get("c2", self.__dict__.get("c2"))
        if c1 is not None and c2 is not None and not float(c1) < float(c2):
            raise ValueError(f"invalid c1 {c1!r}, c2 {c2!r}: the Wolfe constants need c1 < c2")
        super().set(**values)

    def _search(self, p: np.ndarray, f: float, g: np.ndarray, d: np.ndarray, alpha1: float,
                oracle: Oracle):
        def phi(a: float):
            q = (p + a * d).tolist()
            fq, gq = oracle.value_grad_at(q)
            gq = np.asarray(gq, dtype=float)
            return fq, float(gq @ d), (q, gq)

        s = strong_wolfe(phi, f, float(g @ d), alpha1, self.c1, self.c2)
        return s, [tuple((p + a * d).tolist()) for a in s.trials]


class BFGS(_Wolfe):
    """BFGS: d = −B⁻¹g with the inverse-Hessian estimate B⁻¹ updated from each step's
    s = Δθ, y = Δg; a strong-Wolfe line search along d (first trial lr)."""

    name = "bfgs"
    title = "BFGS"
    group = "quasi-Newton / second-order"
    equations = "d = −B⁻¹g ;  θ ← θ + α·d (Wolfe) ;  B⁻¹ ← (I − ρsyᵀ)B⁻¹(I − ρysᵀ) + ρssᵀ"
    specs = (hp.LR.with_default(1.0), hp.WOLFE_C1, hp.WOLFE_C2)

    def step(self, p, f, g, state, oracle):
        P, G = np.asarray(p, dtype=float), np.asarray(g, dtype=float)
        n = len(P)
        Hi = np.eye(n) if state is None else state
        d = -Hi @ G
        note = ""
        if not float(G @ d) < 0:
            Hi, d = np.eye(n), -G
            note = "B⁻¹g is not a descent direction: BFGS restarts from steepest descent"
        s, trials = self._search(P, f, G, d, self.lr, oracle)
        if not s.ok:
            return Step(list(p), None, trials=trials,
                        note=f"the line search found no step in {len(trials)} evaluations: "
                             "BFGS restarts from steepest descent")
        q, gq = s.payload
        sv, yv = np.asarray(q) - P, gq - G
        sy = float(sv @ yv)
        if sy > 1e-12 * float(np.linalg.norm(sv) * np.linalg.norm(yv)):
            if state is None:  # scale the first estimate (Nocedal & Wright 6.20)
                Hi = Hi * (sy / float(yv @ yv))
            rho = 1.0 / sy
            V = np.eye(n) - rho * np.outer(sv, yv)
            Hi = V @ Hi @ V.T + rho * np.outer(sv, sv)
        return Step(q, Hi, at=(s.f, gq.tolist()), trials=trials, note=note)


class ConjugateGradient(_Wolfe):
    """Nonlinear conjugate gradients, Polak–Ribière+: d = −g + β·d_prev with
    β = max(0, gᵀ(g − g_prev)/‖g_prev‖²), restarted (d = −g) every n steps and whenever d
    is not a descent direction; a strong-Wolfe line search (c₂ 0.1) along d."""

    name = "cg"
    title = "Conjugate gradient (PR+)"
    group = "line search"
    equations = "d = −g + β·d′,  β = max(0, gᵀ(g − g′)/‖g′‖²) ;  θ ← θ + α·d (Wolfe)"
    specs = (hp.LR.with_default(1.0), hp.WOLFE_C1, hp.WOLFE_C2.with_default(0.1))

    def step(self, p, f, g, state, oracle):
        P, G = np.asarray(p, dtype=float), np.asarray(g, dtype=float)
        d, alpha1, k = -G, self.lr, 0
        if state is not None:
            d_prev, g_prev, alpha_prev, k = state
            slope_prev = float(g_prev @ d_prev)
            if k % len(P):
                beta = max(0.0, float(G @ (G - g_prev)) / float(g_prev @ g_prev))
                d = -G + beta * d_prev
            if not float(G @ d) < 0:
                d, k = -G, 0
            # the last step's first-order change, expected again (Nocedal & Wright 3.60)
            alpha1 = alpha_prev * slope_prev / float(G @ d)
        s, trials = self._search(P, f, G, d, alpha1, oracle)
        if not s.ok:
            return Step(list(p), None, trials=trials,
                        note=f"the line search found no step in {len(trials)} evaluations: "
                             "CG restarts from steepest descent")
        q, gq = s.payload
        return Step(q, (d, G, s.alpha, k + 1), at=(s.f, gq.tolist()), trials=trials)


METHODS: tuple[type[OracleMethod], ...] = (Newton, BFGS, ConjugateGradient, GDArmijo)
