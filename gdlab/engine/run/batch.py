"""K runs stepped together as one (d, K) array: races, sweeps and grids of start points.

The optimizer is the same object a single run uses; any of its hyperparameters may be a
(K,) array, one value per run. Each run stops as a single :class:`~gdlab.engine.run.single.Run`
does: *converged* at the first step where its gradient norm is ≤ ``tol`` (``tol`` > 0),
*diverged* at the first step where |loss| passes ``max_loss`` or the loss or the gradient
norm is not finite, *finished* when the step budget is spent. A stopped run is taken out of the
arrays, so the batch gets faster as runs end. Gradient noise (``grad_noise`` σ > 0) is one
seeded stream shared by every run: the values a single run with that seed gets
(:mod:`~gdlab.engine.run.noise`), so the runs of a sweep meet the same noise.
"""

from __future__ import annotations

import copy

import numpy as np

from ..cooperate import between
from ..gradients.methods import nudge_lost, numerical_gradient_batch
from ..optim.hyperparams import DEFAULT_H, DEFAULT_MAX_LOSS, TOL
from ..problems.objectives import Objective, get_objective
from ..optim.optimizers import Optimizer, make_optimizer
from ..optim.schedules import Schedule
from .noise import GradientNoise

#: status codes of :attr:`BatchRun.code`, in the order of :data:`STATUS_NAMES`
RUNNING, FINISHED, CONVERGED, DIVERGED, UNDEFINED = 0, 1, 2, 3, 4
FMAX = float(np.finfo(np.float64).max)
STATUS_NAMES = ("running", "finished", "converged", "diverged", "undefined")


class BatchRun:
    """``starts`` (K, d) points, stepped in lock-step.

    ``lr`` a float or K rates; ``hyper`` other hyperparameters by name, each a float or
    K values; ``steps`` the step budget (``advance()`` without a count runs to it);
    ``schedule`` sets each update's rates from the K base rates, as a single run's.
    Internally the running points are held as d coordinate arrays of shape (K',), each
    a leaf for the optimizer, so that the objective's gradient goes in as it comes out.
    """

    def __init__(self, objective: Objective | str, optimizer: Optimizer | str, starts,
                 lr=None, hyper: dict | None = None, steps: int | None = None,
                 gradient: str = "analytic", h: float = DEFAULT_H, tol: float = TOL.default,
                 max_loss: float = DEFAULT_MAX_LOSS, dtype=np.float64,
                 grad_noise: float = 0.0, noise_seed: int = 0,
                 schedule: Schedule | None = None) -> None:
        self.objective = get_objective(objective) if isinstance(objective, str) else objective
        self.optimizer = make_optimizer(optimizer) if isinstance(optimizer, str) else optimizer
        if not self.optimizer.per_leaf:
            raise ValueError(f"{self.optimizer.title} steps one run at a time (each update "
                             "looks at its own run as a whole: a line search, a Hessian or a "
                             "history of steps): the maps do not take it; run it or race it")
        starts = np.asarray(starts, dtype=dtype)
        if starts.ndim != 2 or starts.shape[1] != self.objective.dim:
            raise ValueError(f"starts must have shape (K, {self.objective.dim}), got {starts.shape}")
        K = starts.shape[0]
        values = dict(hyper or {})
        if lr is not None:
            values["lr"] = lr
        for name, v in values.items():
            if isinstance(v, (bool, str, int)):  # a flag, a choice or a count: every run's
                self.optimizer.set(**{name: v})
                continue
            v = np.asarray(v, dtype=dtype)
            if v.ndim > 1 or (v.ndim == 1 and len(v) != K):
                raise ValueError(f"{name} must be a number or {K} values, got shape {v.shape}")
            self.optimizer.set(**{name: v if v.ndim else float(v)})
        if gradient not in ("analytic", "numerical"):
            raise ValueError(f"unknown gradient method {gradient!r}; a batch of runs takes "
                             f"analytic or numerical")
        if not tol >= 0:
            raise ValueError(f"invalid tol {tol!r}: the tolerance must be ≥ 0")
        if not max_loss > 0:
            raise ValueError(f"invalid max_loss {max_loss!r}: the threshold must be > 0")
        self.gradient, self.h, self.tol, self.max_loss = gradient, h, tol, max_loss
        noise = GradientNoise(grad_noise, noise_seed, starts.shape[1])  # validates
        self._noise = noise if grad_noise > 0 else None
        self.steps = steps
        self.schedule = Schedule() if schedule is None else schedule
        if steps is None and not self.schedule.constant:
            raise ValueError("a learning-rate schedule needs the batch's step budget")
        self._bound = min(max_loss, FMAX)  # ±inf and nan fail ``-bound <= loss <= bound``
        self._tol2 = tol * tol if tol > 0 else -1.0
        self.k = 0
        # the running runs: their indices (K',), points and gradients (d leaves (K',)),
        # losses (K',), optimizer state
        self._idx = np.arange(K)
        self._Q = [starts[:, c].copy() for c in range(starts.shape[1])]
        self.state = self.optimizer.init(self._Q)
        # where each run stopped (filled when it stops)
        self._end_P = starts.copy()
        self._end_loss = np.full(K, np.nan)
        self._end_gn2 = np.full(K, np.nan)
        self.stopped_at = np.full(K, -1)
        self.code = np.zeros(K, dtype=np.int8)
        with np.errstate(all="ignore"):
            self._loss, self._G = self._evaluate(self._Q)
            self._G = self._add_noise(self._G)
            gn2 = self._norm2(self._G)
            stop = self._diverging(self._loss, self._G, gn2) | (gn2 <= self._tol2)
            if stop.any():  # at the start: a run may begin at a minimum, or beyond the limit
                self._check(self._Q, self._loss, self._G, self._Q, self._loss, self._G, gn2, stop)

    # -- results (K,) -------------------------------------------------------------
    @property
    def K(self) -> int:
        return len(self.code)

    def _full(self, end: np.ndarray, current: np.ndarray) -> np.ndarray:
        """A per-run array: ``end`` for stopped runs, ``current`` (K', ...) for running ones."""
        out = end.copy()
        out[self._idx] = current
        return out

    def _points(self, Q: list[np.ndarray], j=slice(None)) -> np.ndarray:
        """The points ``Q`` (d leaves (K',)) at columns ``j``, as (K'', d)."""
        return np.stack([q[j] for q in Q], axis=1)

    @property
    def P(self) -> np.ndarray:
        """The points, shape (K, d): a stopped run's where it stopped (a diverged run's
        last point before it diverged)."""
        return self._full(self._end_P, self._points(self._Q))

    @property
    def loss(self) -> np.ndarray:
        """The loss at :attr:`P`, shape (K,)."""
        return self._full(self._end_loss, self._loss)

    @property
    def grad_norm(self) -> np.ndarray:
        """The gradient norm at :attr:`P`, shape (K,)."""
        with np.errstate(all="ignore"):
            return np.sqrt(self._full(self._end_gn2, self._norm2(self._G)))

    @property
    def diverged(self) -> np.ndarray:
        """Boolean (K,): which runs diverged."""
        return self.code == DIVERGED

    @property
    def converged(self) -> np.ndarray:
        """Boolean (K,): which runs converged."""
        return self.code == CONVERGED

    @property
    def steps_taken(self) -> np.ndarray:
        """Updates each run made, (K,): the step it stopped at, else the batch's step."""
        return np.where(self.stopped_at >= 0, self.stopped_at, self.k)

    @property
    def status(self) -> np.ndarray:
        """Each run's status name, (K,): running, finished (budget spent), converged,
        diverged, undefined (stopped at a finite point outside the function's domain)."""
        code = self.code.copy()
        if self.steps is not None and self.k >= self.steps:
            code[code == RUNNING] = FINISHED
        return np.array(STATUS_NAMES)[code]

    @property
    def running(self) -> int:
        """How many runs are still going."""
        return int(np.count_nonzero(self.code == RUNNING))

    # -- stepping -----------------------------------------------------------------
    @staticmethod
    def _norm2(G: list[np.ndarray]) -> np.ndarray:
        """Squared gradient norms (K',) of ``G`` (d leaves (K',))."""
        gn2 = G[0] * G[0]
        for row in G[1:]:
            gn2 += row * row
        return gn2

    def _diverging(self, loss: np.ndarray, G: list[np.ndarray], gn2: np.ndarray) -> np.ndarray:
        """Boolean (K',): |loss| > max_loss, or the loss or the gradient norm is not finite,
        as :class:`~gdlab.engine.run.single.Run` judges (``G`` d leaves (K',), ``gn2`` their
        squared norms, which overflow long before the norm does)."""
        finite = gn2 <= FMAX
        if not finite.all():  # the norm as math.hypot takes it: scaled by the largest entry
            A = np.abs(np.stack(G))  # (d, K')
            m = A.max(axis=0)
            with np.errstate(all="ignore"):
                norm = m * np.sqrt(((A / np.where(m > 0, m, 1.0)) ** 2).sum(axis=0))
            finite |= norm <= FMAX
        return ~((np.abs(loss) <= self._bound) & finite)

    def _evaluate(self, Q: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Loss (K',) and gradient (d leaves (K',)) at the points ``Q`` (d leaves (K',))."""
        obj = self.objective
        if self.gradient == "numerical":
            G = list(numerical_gradient_batch(obj.f_points, self._points(Q), self.h).T)
        else:
            G = list(obj.grad(*Q))
        return obj.f(*Q), G

    def _add_noise(self, G: list[np.ndarray]) -> list[np.ndarray]:
        """``G`` (d leaves (K',)) plus the noise of step :attr:`k` (the same for every run)."""
        if self._noise is None:
            return G
        return [g + v for g, v in zip(G, self._noise.at(self.k))]

    def advance(self, n: int | None = None) -> None:
        """``n`` updates (default: to the step budget) of every run still going."""
        if n is None:
            if self.steps is None:
                raise ValueError("advance() needs a number of steps when the batch has no budget")
            n = self.steps - self.k
        elif self.steps is not None:
            n = min(n, self.steps - self.k)
        opt, schedule = self.optimizer, self.schedule
        update, evaluate, norm2, noisy = opt.update, self._evaluate, self._norm2, self._add_noise
        bound, tol2 = self._bound, self._tol2
        top, bottom = np.maximum.reduce, np.minimum.reduce
        Q, G, loss, state = self._Q, self._G, self._loss, self.state
        with np.errstate(all="ignore"):
            for i in range(max(n, 0)):
                if not len(loss):  # every run has stopped
                    self.k += n - i
                    break
                if not schedule.constant:  # a copy at this step's rates (K') of the runs left
                    stepper = copy.copy(opt)
                    object.__setattr__(stepper, "lr", schedule.lr(self.k, opt.lr, self.steps))
                    update = stepper.update
                Q1, state = update(G, state, Q)
                loss1, G1 = evaluate(Q1)
                self.k += 1
                between()  # a host (the window) may run here
                G1 = noisy(G1)
                gn2 = norm2(G1)
                # a few reductions tell whether any run stops (nan fails every comparison;
                # a finite norm² means finite gradients, an infinite one is looked at closer)
                if not (top(gn2) <= FMAX and top(np.abs(loss1)) <= bound
                        and (tol2 < 0 or bottom(gn2) > tol2)):
                    stop = self._diverging(loss1, G1, gn2) | (gn2 <= tol2)
                    self.state = state
                    self._check(Q, loss, G, Q1, loss1, G1, gn2, stop)
                    Q, G, loss, state = self._Q, self._G, self._loss, self.state
                else:
                    Q, G, loss = Q1, G1, loss1
        self._Q, self._G, self._loss, self.state = Q, G, loss, state

    def _check(self, Q0, loss0, G0, Q, loss, G, gn2, stop) -> None:
        """Stop the runs that converged or diverged at this step (``stop`` (K',)):
        record where (a diverged run keeps its previous point ``Q0``), and keep the new
        values ``Q, loss, G`` of the others as current."""
        j = np.flatnonzero(stop)
        i = self._idx[j]
        div = self._diverging(loss[j], [g[j] for g in G], gn2[j])
        if self.gradient == "numerical":  # a gradient of 0 only as θ ± h == θ: too far out
            div |= nudge_lost([q[j] for q in Q], self.h)
        self.stopped_at[i] = self.k
        P = self._points(Q, j)
        with np.errstate(all="ignore"):  # a domain error at a finite point, or a finite
            # value whose gradient is not (a cusp: √ at 0): undefined
            slope = np.isfinite(loss[j]) & ~np.isfinite(gn2[j])
            bad = div & (self.objective.undefined_at(P[:, 0], P[:, 1]) | slope) \
                & np.isfinite(P).all(axis=1)
        self.code[i] = np.where(bad, UNDEFINED, np.where(div, DIVERGED, CONVERGED))
        self._end_P[i] = np.where(div[:, None], self._points(Q0, j), P)
        self._end_loss[i] = np.where(div, loss0[j], loss[j])
        self._end_gn2[i] = np.where(div, self._norm2([g[j] for g in G0]), gn2[j])
        self._Q, self._G, self._loss = Q, G, loss
        self._compact(~stop)

    def _compact(self, keep: np.ndarray) -> None:
        """Drop the stopped columns from the points, the state and per-run hyperparameters."""
        K = len(keep)
        self._idx = self._idx[keep]
        self._Q = [q[keep] for q in self._Q]
        self._G = [g[keep] for g in self._G]
        self._loss = self._loss[keep]
        t, slots = self.state
        self.state = (t, [tuple(s[keep] if isinstance(s, np.ndarray) and s.shape == (K,) else s
                                for s in leaf) for leaf in slots])
        opt = self.optimizer
        for name, v in opt.hyper.items():
            if isinstance(v, np.ndarray) and v.shape == (K,):
                object.__setattr__(opt, name, v[keep])  # already validated
