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
from .line_search import Search, backtrack, strong_wolfe
from .base import Optimizer
from ..analysis.explain import Line, Matrix, number
from ..problems.hessians import eigen
from ..text import N_, Message


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
        """One step from θ = ``p`` (f and g there): none where g = 0 (‖g‖² is 0 in floating
        point; every direction is flat to first order, so there is nothing to search along
        and the state is kept), else the method's own :meth:`move`."""
        if stationary(g):
            return Step(list(p), state, note=Message(STATIONARY, name=Message(self.title)))
        return self.move(p, f, g, state, oracle)

    def move(self, p: list[float], f: float, g: list[float], state: Any,
             oracle: Oracle) -> Step:
        """The method's own step, where g ≠ 0."""
        raise NotImplementedError

    def explain(self, e) -> None:
        """The inspector's lines of the step (``e`` an Explainer); none where g = 0."""
        if stationary(e.g):
            e.lines.append(Line("", note=Message(STATIONARY, name=Message(self.title))))
            e.update("θ{k}", "")
            return
        self.explain_move(e)

    def explain_move(self, e) -> None:
        """The lines of :meth:`move`."""
        raise NotImplementedError


STATIONARY = N_("g = 0 here: θ is a stationary point (a minimum, a maximum or a saddle), "
                "{name} takes no step")


def stationary(g: Sequence[float]) -> bool:
    """Whether ‖g‖² is 0 in floating point (then φ′(0) = gᵀd = 0 along every d)."""
    return sum(v * v for v in g) == 0.0


NEGATIVE = N_("{H} has a negative eigenvalue here (λ = {lo:.3g}): Newton heads for a saddle "
              "or a maximum")
SINGULAR = N_("{H} is singular here (eigenvalues {lo:.3g}, {hi:.3g}): the Newton step is "
              "undefined; this step is a gradient step lr·g")


@dataclass
class NewtonSolve:
    """Newton's 2×2 solve at θ: ``H`` = (h_xx, h_xy, h_yy), ``A`` = H + λI likewise, its
    ``det``, ``delta`` = A⁻¹g (None where A is singular) and the ``note`` for the step."""

    H: tuple[float, float, float]
    A: tuple[float, float, float]
    det: float
    delta: tuple[float, float] | None
    note: str = ""


class Newton(OracleMethod):
    """Newton's method with Levenberg–Marquardt damping: θ ← θ − lr·(H + λI)⁻¹g, the 2×2
    system solved in closed form."""

    name = "newton"
    title = "Newton"
    group = "quasi-Newton / second-order"
    equations = "θ ← θ − lr·(H + λI)⁻¹·g"
    specs = (hp.LR.with_default(1.0), hp.DAMPING)

    def solve(self, p: Sequence[float], g: Sequence[float], oracle: Oracle) -> NewtonSolve:
        H = hxx, hxy, hyy = oracle.hess_at(list(p))
        lam = self.damping
        a, b, c = hxx + lam, hxy, hyy + lam
        det = a * c - b * b
        gx, gy = g
        if abs(det) <= 1e-12 * (a * a + 2.0 * b * b + c * c) or det != det:
            lo, hi = eigen(a, b, c)[:2]
            return NewtonSolve(H, (a, b, c), det, None,
                               Message(SINGULAR, H=self._h(), lo=lo, hi=hi))
        out = NewtonSolve(H, (a, b, c), det, ((c * gx - b * gy) / det, (a * gy - b * gx) / det))
        if not (a > 0.0 and det > 0.0):  # positive definite iff both
            out.note = Message(NEGATIVE, H=self._h(), lo=eigen(a, b, c)[0])
        return out

    def move(self, p, f, g, state, oracle):
        s, lr = self.solve(p, g, oracle), self.lr
        (x, y), (gx, gy) = p, g
        dx, dy = (gx, gy) if s.delta is None else s.delta
        return Step([x - lr * dx, y - lr * dy], state, note=s.note)

    def explain_move(self, e):
        s = self.solve(e.p.tolist(), e.g.tolist(), e.oracle)
        (hxx, hxy, hyy), (a, b, c) = s.H, s.A
        H = e.line("H{k}", "∇²f(θ{k})", "", Matrix([[hxx, hxy], [hxy, hyy]]), note="hessian")
        name = "H{k}"
        if self.damping:
            name = "(H{k} + λI)"
            e.line("H{k} + λI", "", "{0} + {1}·I", Matrix([[a, b], [b, c]]), H, self.damping)
        if s.note:  # H + λI singular, or not positive definite
            e.lines.append(Line("", note=s.note))
        if s.delta is None:
            e.update("θ{k} − lr·g{k}", "{0} − {1}·{2}", e.p, e.lr, e.g)
            return
        inv = e.line(name + "⁻¹", "[[c, −b], [−b, a]] / (a·c − b²)", "{0} / {1}",
                     Matrix(np.array([[c, -b], [-b, a]]) / s.det),
                     Matrix([[c, -b], [-b, a]]), s.det, note="inverse_2x2")
        delta = e.line("Δθ{k}", "−" + name + "⁻¹·g{k}", "−{0}·{1}",
                       -np.array(s.delta), inv, e.g)
        e.update("θ{k} + lr·Δθ{k}", "{0} + {1}·{2}", e.p, e.lr, delta)

    def _h(self) -> str:
        return "H + λI" if self.damping else "H"


class GDArmijo(OracleMethod):
    """Gradient descent with backtracking: α ∈ {lr, ρ·lr, ρ²·lr, …}, the first with
    f(θ − αg) ≤ f(θ) − c·α·‖g‖²."""

    name = "gd-armijo"
    title = "GD + Armijo"
    group = "line search"
    equations = N_("θ ← θ − α·g,  α = lr·ρᵏ, the first with f(θ − αg) ≤ f(θ) − c·α·‖g‖²")
    specs = (hp.LR.with_default(1.0), hp.ARMIJO_C, hp.ARMIJO_RHO)
    counts_evaluations = True

    def search(self, p, f, g, oracle: Oracle) -> Search:
        P, G = np.asarray(p, dtype=float), np.asarray(g, dtype=float)
        return backtrack(lambda a: oracle.value_at((P - a * G).tolist()), f, -float(G @ G),
                         self.lr, self.c, self.rho)

    def move(self, p, f, g, state, oracle):
        s = self.search(p, f, g, oracle)
        P, G = np.asarray(p), np.asarray(g)
        trials = [tuple((P - a * G).tolist()) for a in s.trials]
        if not s.ok:
            return Step(list(p), state, trials=trials,
                        note=Message("no step in {n} trials decreased f enough: staying",
                                     n=len(s.trials)))
        q = (P - s.alpha * G).tolist()
        return Step(q, state, at=(s.f, oracle.grad_at(q)), trials=trials)

    def explain_move(self, e):
        s = self.search(e.p.tolist(), e.f, e.g.tolist(), e.oracle)
        e.note("backtracking", rho=number(self.rho), c=number(self.c))
        gg = e.line("‖g{k}‖²", "g{k}ᵀg{k}", "", float(e.g @ e.g))
        e.line("f(θ{k})", "", "", e.f)
        alpha = e.search(s, lambda a: e.p - a * e.g, "f(θ{k} − {a}·g{k})",
                         ("f(θ{k}) − c·{a}·‖g{k}‖²", "{0} − {1}·{2}·{3}",
                          lambda a: (e.f, self.c, a, gg)), -gg, self.c)
        if not s.ok:
            e.update("θ{k}", "")
            return
        e.update("θ{k} − α{k}·g{k}", "{0} − {1}·{2}", e.p, alpha, e.g)


@dataclass
class Direction:
    """A line-search method's step at θ: the direction ``d`` (and what made it), the first
    trial ``alpha1``, the ``search`` along d and the ``trials`` as points."""

    d: np.ndarray
    alpha1: float
    search: Search | None = None
    trials: list[tuple[float, ...]] = field(default_factory=list)
    restart: str = ""  # why d = −g: "", "first", "periodic", "not_descent"
    beta: float | None = None  # CG's β
    B: np.ndarray | None = None  # BFGS's B⁻¹ the direction used


class _Wolfe(OracleMethod):
    """A direction, then a strong-Wolfe line search along it."""

    counts_evaluations = True

    def set(self, **values: float) -> None:
        c1, c2 = values.get("c1", self.__dict__.get("c1")), values.get("c2", self.__dict__.get("c2"))
        if c1 is not None and c2 is not None and not float(c1) < float(c2):
            raise ValueError(f"invalid c1 {c1!r}, c2 {c2!r}: the Wolfe constants need c1 < c2")
        super().set(**values)

    def direction(self, G: np.ndarray, state: Any) -> Direction:
        raise NotImplementedError

    def plan(self, p: Sequence[float], f: float, g: Sequence[float], state: Any,
             oracle: Oracle) -> Direction:
        """The direction at θ = ``p`` and the search along it."""
        P, G = np.asarray(p, dtype=float), np.asarray(g, dtype=float)
        out = self.direction(G, state)
        d = out.d

        def phi(a: float):
            q = (P + a * d).tolist()
            fq, gq = oracle.value_grad_at(q)
            gq = np.asarray(gq, dtype=float)
            return fq, float(gq @ d), (q, gq)

        out.search = strong_wolfe(phi, f, float(G @ d), out.alpha1, self.c1, self.c2)
        out.trials = [tuple((P + a * d).tolist()) for a in out.search.trials]
        return out

    def explain_search(self, e, plan: Direction) -> float:
        """The lines of the search along d: g·d, f(θ), the trials, the accepted α."""
        e.note("wolfe", alpha=number(plan.alpha1), c1=number(self.c1), c2=number(self.c2))
        slope = e.line("φ′(0) = g{k}ᵀd{k}", "", "{0}·{1}", float(e.g @ plan.d), e.g, plan.d)
        e.line("φ(0) = f(θ{k})", "", "", e.f)
        return e.search(plan.search, lambda a: e.p + a * plan.d, "f(θ{k} + {a}·d{k})",
                        ("f(θ{k}) + c₁·{a}·g{k}ᵀd{k}", "{0} + {1}·{2}·{3}",
                         lambda a: (e.f, self.c1, a, slope)), slope, self.c1, self.c2)


class BFGS(_Wolfe):
    """BFGS: d = −B⁻¹g with the inverse-Hessian estimate B⁻¹ updated from each step's
    s = Δθ, y = Δg; a strong-Wolfe line search along d (first trial lr)."""

    name = "bfgs"
    title = "BFGS"
    group = "quasi-Newton / second-order"
    equations = "d = −B⁻¹g ;  θ ← θ + α·d (Wolfe) ;  B⁻¹ ← (I − ρsyᵀ)B⁻¹(I − ρysᵀ) + ρssᵀ"
    specs = (hp.LR.with_default(1.0), hp.WOLFE_C1, hp.WOLFE_C2)

    def direction(self, G, state):
        n = len(G)
        Hi = np.eye(n) if state is None else state
        d = -Hi @ G
        if not float(G @ d) < 0:
            return Direction(-G, self.lr, restart="not_descent", B=np.eye(n))
        return Direction(d, self.lr, restart="first" if state is None else "", B=Hi)

    def move(self, p, f, g, state, oracle):
        plan = self.plan(p, f, g, state, oracle)
        s, trials, Hi = plan.search, plan.trials, plan.B
        note = (N_("B⁻¹g is not a descent direction: BFGS restarts from steepest descent")
                if plan.restart == "not_descent" else "")
        if not s.ok:
            return Step(list(p), None, trials=trials,
                        note=Message("the line search found no step in {n} evaluations: BFGS "
                                     "restarts from steepest descent", n=len(trials)))
        P, G = np.asarray(p, dtype=float), np.asarray(g, dtype=float)
        n = len(P)
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

    def explain_move(self, e):
        plan = self.plan(e.p.tolist(), e.f, e.g.tolist(), e.state, e.oracle)
        if plan.restart == "not_descent":
            e.note("bfgs_restart")
        B = e.line("B⁻¹{k}", "", "", Matrix(plan.B), note="bfgs_role")
        d = e.line("d{k}", "−B⁻¹{k}·g{k}", "−{0}·{1}", plan.d, B, e.g)
        alpha = self.explain_search(e, plan)
        s = plan.search
        if not s.ok:
            e.update("θ{k}", "")
            return
        q, gq = s.payload
        sv = e.line("s{k}", "θ{k1} − θ{k}", "{0} − {1}", np.asarray(q) - e.p, q, e.p)
        yv = e.line("y{k}", "g{k1} − g{k}", "{0} − {1}", gq - e.g, gq, e.g)
        sy = e.line("s{k}ᵀy{k}", "", "{0}·{1}", float(sv @ yv), sv, yv)
        if e.after is not None and not np.array_equal(e.after, plan.B):
            if e.state is None:
                e.line("B⁻¹{k}′", "(s{k}ᵀy{k} / y{k}ᵀy{k})·I", "({0} / {1})·I",
                       Matrix(plan.B * (sy / float(yv @ yv))), sy, float(yv @ yv),
                       note="bfgs_scaled")
            e.line("ρ{k}", "1 / s{k}ᵀy{k}", "1 / {0}", 1.0 / sy, sy)
            B = "B⁻¹{k}′" if e.state is None else "B⁻¹{k}"
            e.line("B⁻¹{k1}", f"(I − ρ{{k}}·s{{k}}y{{k}}ᵀ)·{B}·(I − ρ{{k}}·y{{k}}s{{k}}ᵀ) + "
                   "ρ{k}·s{k}s{k}ᵀ", "", Matrix(e.after), note="bfgs_update")
        else:
            e.note("bfgs_skip")
        e.update("θ{k} + α{k}·d{k}", "{0} + {1}·{2}", e.p, alpha, d)


class ConjugateGradient(_Wolfe):
    """Nonlinear conjugate gradients, Polak–Ribière+: d = −g + β·d_prev with
    β = max(0, gᵀ(g − g_prev)/‖g_prev‖²), restarted (d = −g) every n steps and whenever d
    is not a descent direction; a strong-Wolfe line search (c₂ 0.1) along d."""

    name = "cg"
    title = N_("Conjugate gradient (PR+)")
    group = "line search"
    equations = "d = −g + β·d′,  β = max(0, gᵀ(g − g′)/‖g′‖²) ;  θ ← θ + α·d (Wolfe)"
    specs = (hp.LR.with_default(1.0), hp.WOLFE_C1, hp.WOLFE_C2.with_default(0.1))

    def direction(self, G, state):
        if state is None:
            return Direction(-G, self.lr, restart="first")
        d_prev, g_prev, alpha_prev, k = state
        slope_prev = float(g_prev @ d_prev)
        out = Direction(-G, 0.0, restart="periodic")
        if k % len(G):
            beta = max(0.0, float(G @ (G - g_prev)) / float(g_prev @ g_prev))
            out = Direction(-G + beta * d_prev, 0.0, beta=beta)
        if not float(G @ out.d) < 0:
            out = Direction(-G, 0.0, restart="not_descent")
        # the last step's first-order change, expected again (Nocedal & Wright 3.60)
        out.alpha1 = alpha_prev * slope_prev / float(G @ out.d)
        return out

    def move(self, p, f, g, state, oracle):
        plan = self.plan(p, f, g, state, oracle)
        s, trials = plan.search, plan.trials
        if not s.ok:
            return Step(list(p), None, trials=trials,
                        note=Message("the line search found no step in {n} evaluations: CG "
                                     "restarts from steepest descent", n=len(trials)))
        q, gq = s.payload
        k = 0 if state is None or plan.restart == "not_descent" else state[3]
        return Step(q, (plan.d, np.asarray(g, dtype=float), s.alpha, k + 1),
                    at=(s.f, gq.tolist()), trials=trials)

    def explain_move(self, e):
        plan = self.plan(e.p.tolist(), e.f, e.g.tolist(), e.state, e.oracle)
        if plan.restart:
            e.note("cg_" + plan.restart, n=len(e.p))
        if plan.beta is None:
            e.line("d{k}", "−g{k}", "", plan.d)
        else:
            d_prev, g_prev = e.state[0], e.state[1]
            beta = e.line("β{k}", "max(0, g{k}ᵀ(g{k} − g{k-1}) / ‖g{k-1}‖²)",
                          "max(0, {0}·({0} − {1}) / {2})", plan.beta, e.g, g_prev,
                          float(g_prev @ g_prev))
            e.line("d{k}", "−g{k} + β{k}·d{k-1}", "−{0} + {1}·{2}", plan.d, e.g, beta, d_prev)
        if e.state is not None:
            d_prev, g_prev, alpha_prev = e.state[:3]
            e.line("α{k}⁽⁰⁾", "α{k-1}·g{k-1}ᵀd{k-1} / g{k}ᵀd{k}", "{0}·{1} / {2}", plan.alpha1,
                   alpha_prev, float(g_prev @ d_prev), float(e.g @ plan.d),
                   note="cg_first_trial")
        alpha = self.explain_search(e, plan)
        if not plan.search.ok:
            e.update("θ{k}", "")
            return
        e.update("θ{k} + α{k}·d{k}", "{0} + {1}·{2}", e.p, alpha, plan.d)


METHODS: tuple[type[OracleMethod], ...] = (Newton, BFGS, ConjugateGradient, GDArmijo)
