"""K runs stepped together as one (K, d) array: races, sweeps and grids of start points.

The optimizer is the same object a single run uses; its learning rate may be a
(K, 1) array, one rate per run.
"""

from __future__ import annotations

import numpy as np

from .gradients import numerical_gradient_batch
from .hyperparams import DEFAULT_H, DEFAULT_MAX_LOSS
from .objectives import Objective, get_objective
from .optimizers import Optimizer, make_optimizer


class BatchRun:
    """``starts`` (K, d) points, stepped in lock-step; ``lr`` a float or K rates.

    Internally the points are held transposed, shape (d, K), so that each
    coordinate is a contiguous row for the objective's arithmetic.
    """

    def __init__(self, objective: Objective | str, optimizer: Optimizer | str, starts,
                 lr=None, gradient: str = "analytic", h: float = DEFAULT_H,
                 max_loss: float = DEFAULT_MAX_LOSS, dtype=np.float64) -> None:
        self.objective = get_objective(objective) if isinstance(objective, str) else objective
        self.optimizer = make_optimizer(optimizer) if isinstance(optimizer, str) else optimizer
        starts = np.asarray(starts, dtype=dtype)
        if starts.ndim != 2 or starts.shape[1] != self.objective.dim:
            raise ValueError(f"starts must have shape (K, {self.objective.dim}), got {starts.shape}")
        self.Q = np.ascontiguousarray(starts.T)  # (d, K)
        if lr is not None:
            self.optimizer.lr = np.asarray(lr, dtype=dtype)  # a float, or (K,): one per run
        if gradient not in ("analytic", "numerical"):
            raise ValueError(f"unknown gradient method {gradient!r}")
        self.gradient, self.h, self.max_loss = gradient, h, max_loss
        self.state = self.optimizer.init([self.Q])
        self.k = 0
        self.diverged_at = np.full(starts.shape[0], -1)
        self._any_diverged = False
        self._bound = min(max_loss, np.finfo(np.float64).max)
        with np.errstate(all="ignore"):
            self.loss, self.G = self._evaluate(self.Q)

    @property
    def K(self) -> int:
        return self.Q.shape[1]

    @property
    def P(self) -> np.ndarray:
        """The current points, shape (K, d)."""
        return self.Q.T

    def _evaluate(self, Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Loss (K,) and gradient (d, K) at the points ``Q`` (d, K)."""
        obj = self.objective
        if self.gradient == "numerical":
            G = numerical_gradient_batch(obj.f_points, Q.T, self.h).T
        else:
            G = np.array(obj.grad(*Q))
        return obj.f(*Q), G

    def advance(self, n: int) -> None:
        """``n`` updates of every run still going; diverged runs stay where they stopped."""
        update, bound = self.optimizer.update, self._bound
        with np.errstate(all="ignore"):
            for _ in range(n):
                (Q,), self.state = update([self.G], self.state, [self.Q])
                loss, G = self._evaluate(Q)
                self.k += 1
                if self._any_diverged or not (np.abs(loss) <= bound).all():
                    self._any_diverged = True
                    fresh = ~(np.abs(loss) <= bound) & (self.diverged_at < 0)
                    self.diverged_at[fresh] = self.k
                    keep = self.diverged_at >= 0
                    Q = np.where(keep, self.Q, Q)
                    G = np.where(keep, self.G, G)
                    loss = np.where(keep, self.loss, loss)
                self.Q, self.G, self.loss = Q, G, loss

    @property
    def diverged(self) -> np.ndarray:
        """Boolean (K,): which runs diverged."""
        return self.diverged_at >= 0
