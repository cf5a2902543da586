"""A run of a method that evaluates the function itself (Newton, BFGS, CG, GD + Armijo).

:class:`OracleRun` is a :class:`~gdlab.engine.run.single.Run` whose step is the method's
:meth:`~gdlab.engine.optim.second_order.OracleMethod.step`, with the run as its oracle: it
counts every value and gradient asked for (``f_evals``, ``grad_evals``), and keeps a step's
line-search ``trials`` and ``notes`` (Newton's "H has a negative eigenvalue here…") as every
:class:`~gdlab.engine.run.single.Run` does.
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np

from ..gradients.methods import autodiff_gradient, numerical_gradient_scalars
from ..optim.second_order import Newton
from ..problems.objectives import FLOAT_MATH, GRAPH_MATH
from .single import Run


class OracleRun(Run):
    """A :class:`Run` of an :class:`~gdlab.engine.optim.second_order.OracleMethod`."""

    def reset(self) -> None:
        super().reset()
        # Newton with the analytic gradient and Hessian: the inlined loop (_loop_fast)
        self._fast = (isinstance(self.optimizer, Newton) and self.gradient == "analytic"
                      and self._noise is None and self.objective.hessian is not None)

    # -- the oracle -------------------------------------------------------------------
    def value_at(self, p: list[float]) -> float:
        self.f_evals += 1
        try:
            return float(self.objective.f(*p))
        except (OverflowError, ZeroDivisionError, ValueError):
            return math.nan

    def grad_at(self, p: list[float]) -> list[float]:
        self.grad_evals += 1
        obj = self.objective
        try:
            if self.gradient == "autodiff":
                return [float(g) for g in
                        autodiff_gradient(lambda *q: obj.value(*q, GRAPH_MATH), p)[1]]
            if self.gradient == "numerical":
                return numerical_gradient_scalars(obj.f, list(p), self.h)
            return [float(g) for g in obj.grad(*p)]
        except (OverflowError, ZeroDivisionError, ValueError):
            return [math.nan] * len(p)

    def value_grad_at(self, p: list[float]) -> tuple[float, list[float]]:
        return self.value_at(p), self.grad_at(p)

    def hess_at(self, p: list[float]) -> tuple[float, float, float]:
        try:
            return self.objective.hess(*p)
        except (OverflowError, ZeroDivisionError, ValueError):
            return math.nan, math.nan, math.nan

    # -- the loop ---------------------------------------------------------------------
    def _loop_generic(self, n_max: int, deadline: float | None) -> None:
        opt, traj = self.optimizer, self.trajectory
        for _ in range(n_max):
            if self._spent():
                self.status = "finished"
                return
            if self._stop_requested or (deadline is not None and time.perf_counter() > deadline):
                return
            if self.checkpoint is not None:
                self.checkpoint()
            self._sync_lr(opt.lr)
            loss = traj.last()[self._loss_col]
            try:
                step = opt.step(list(self._p), loss, list(self._grads), self._state, self)
            except (OverflowError, ZeroDivisionError, ValueError, np.linalg.LinAlgError):
                step = None
            if step is None or not all(map(math.isfinite, step.p)):
                self._p = [math.nan] * len(self._p)
                ev: tuple = (math.nan, [math.nan] * len(self._p))
            else:
                self._p, self._state = step.p, step.state
                for q in step.trials:
                    self.trials.append((float(self.k), *q))
                if step.note:
                    self._add_note(self.k, step.note)
                ev = step.at if step.at is not None else self._evaluate(self._p)
            self.k += 1
            self._record(ev)
            if self._check(traj.last()):
                return
            if self.k >= self._ck_next and self.checkpoints is not None:
                self._ck_next = self.checkpoints.take(self)
        if self._spent():
            self.status = "finished"

    def _loop_fast(self, n_max: int, deadline: float | None) -> None:
        """Newton's loop over Python floats, the step inlined where H + λI is positive
        definite (no note) and where g = 0 (no step, the method's note); elsewhere the
        method's own step. The rows and notes equal the generic loop's."""
        obj, opt, traj = self.objective, self.optimizer, self.trajectory
        value, gradient, hessian, M = obj.value, obj.gradient, obj.hessian, FLOAT_MATH
        hypot, clock, nan = math.hypot, time.perf_counter, math.nan
        tol = self.tol if self.tol > 0 else -1.0
        fmax = sys.float_info.max
        bound = min(self.max_loss, fmax)
        (x, y), (gx, gy), k = self._p, self._grads, self.k
        lr_col = self._lr_col
        row_lr = traj.last()[lr_col]
        if self.max_grad_evals is not None:
            n_max = min(n_max, self.max_grad_evals - self.grad_evals)
        k0 = k
        k_end = k + n_max
        still = None  # the note of a step at a stationary point
        while k < k_end:
            if self._stop_requested or (deadline is not None and clock() > deadline):
                break
            if self.checkpoint is not None:
                self.checkpoint()
            block = min(32, k_end - k)
            append = traj.extender(block)
            for _ in range(block):
                lr, lam = opt.lr, opt.damping
                if lr != row_lr:
                    traj.set_last(lr_col, lr)
                    row_lr = lr
                try:
                    if gx * gx + gy * gy == 0.0:  # stationary: no step, the method's note
                        if still is None:  # (made once: a run may sit at its minimum for long)
                            still = opt.step([x, y], nan, [gx, gy], None, self).note
                        self._add_note(k, still)
                    else:
                        hxx, b, hyy = hessian(x, y, M)
                        a, c = hxx + lam, hyy + lam
                        det = a * c - b * b
                        if a > 0.0 and det > 1e-12 * (a * a + 2.0 * b * b + c * c):
                            x = x - lr * ((c * gx - b * gy) / det)
                            y = y - lr * ((a * gy - b * gx) / det)
                        else:
                            step = opt.step([x, y], nan, [gx, gy], None, self)
                            x, y = step.p
                            if step.note:
                                self._add_note(k, step.note)
                    if x - x != 0.0 or y - y != 0.0:  # ±inf or nan, as the generic loop
                        x = y = nan
                    loss = value(x, y, M)
                    gx, gy = gradient(x, y, M)
                except (OverflowError, ZeroDivisionError, ValueError):
                    loss = gx = gy = nan
                gn = hypot(gx, gy)
                k += 1
                append((x, y, loss, gx, gy, gn, lr))
                if not (-bound <= loss <= bound and gn <= fmax):
                    self.status = "diverged"
                    break
                if gn <= tol:
                    self.status = "converged"
                    break
            if self.status != "running":
                break
            if k >= self._ck_next and self.checkpoints is not None:
                self.f_evals += k - k0
                self.grad_evals += k - k0
                k0 = k
                self._p, self.k, self._grads = [x, y], k, [gx, gy]
                self._ck_next = self.checkpoints.take(self)
        self.f_evals += k - k0
        self.grad_evals += k - k0
        self._p, self.k, self._grads = [x, y], k, [gx, gy]
        if self.status == "running" and self._spent():
            self.status = "finished"
