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
    """``starts`` (K, d) points, stepped in lock-step; ``lr`` a float or K rates."""

    def __init__(self, objective: Objective | str, optimizer: Optimizer | str, starts,
                 lr=None, gradient: str = "analytic", h: float = DEFAULT_H,
                 max_loss: float = DEFAULT_MAX_LOSS, dtype=np.float64) -> None:
        self.objective = get_objective(objective) if isinstance(objective, str) else objective
        self.optimizer = make_optimizer(optimizer) if isinstance(optimizer, str) else optimizer
        self.P = np.array(starts, dtype=dtype)
        if self.P.ndim != 2 or self.P.shape[1] != self.objective.dim:
            raise ValueError(f"starts must have shape (K, {self.objective.dim}), got {self.P.shape}")
        if lr is not None:
            lr = np.asarray(lr, dtype=dtype)
            self.optimizer.lr = lr.reshape(-1, 1) if lr.ndim == 1 else lr
        if gradient not in ("analytic", "numerical"):
            raise ValueError(f"unknown gradient method {gradient!r}")
        self.gradient, self.h, self.max_loss = gradient, h, max_loss
        self.state = self.optimizer.init([self.P])
        self.k = 0
        self.diverged_at = np.full(len(self.P), -1)
        self.loss, self.G = self._evaluate(self.P)

    @property
    def K(self) -> int:
        return len(self.P)

    def _evaluate(self, P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Loss (K,) and gradient (K, d) at ``P`` (K, d)."""
        obj = self.objective
        if self.gradient == "numerical":
            G = numerical_gradient_batch(obj.f_points, P, self.h)
        else:
            G = np.stack(obj.grad(P[:, 0], P[:, 1]), axis=-1)
        return obj.f_points(P), G

    def advance(self, n: int) -> None:
        """``n`` updates of every run still going; diverged runs stay where they stopped."""
        update = self.optimizer.update
        with np.errstate(all="ignore"):
            for _ in range(n):
                (P,), self.state = update([self.G], self.state, [self.P])
                loss, G = self._evaluate(P)
                self.k += 1
                bad = ~np.isfinite(loss) | (np.abs(loss) > self.max_loss)
                if bad.any() or (self.diverged_at >= 0).any():
                    fresh = bad & (self.diverged_at < 0)
                    self.diverged_at[fresh] = self.k
                    keep = (self.diverged_at >= 0)[:, None]
                    P = np.where(keep, self.P, P)
                    G = np.where(keep, self.G, G)
                    loss = np.where(keep[:, 0], self.loss, loss)
                self.P, self.G, self.loss = P, G, loss

    @property
    def diverged(self) -> np.ndarray:
        """Boolean (K,): which runs diverged."""
        return self.diverged_at >= 0
