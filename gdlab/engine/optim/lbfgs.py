"""L-BFGS as torch.optim.LBFGS with ``max_iter=1, max_eval=25``: one gdlab step is one
L-BFGS iteration (one call of torch's ``step``), its history carried from step to step.

A step at θ with gradient g (the run's own evaluation there, counted as torch counts its
closure's first call): no move where max|g| ≤ ``tolerance_grad``; else the direction
d = −H·g from the last ``history_size`` pairs (s, y) by the two-loop recursion (the first
step: d = −g), then a step t·d with t = lr (the first: min(1, 1/‖g‖₁)·lr) — or, with
``line_search="strong_wolfe"``, torch's strong-Wolfe search from that t (at most 24 more
evaluations, through the run's closure). No move either where g·d > −``tolerance_change``.
The run counts the evaluations (``counts_evaluations``): its row k has torch's count after
k steps plus one, the evaluation at θ_k that torch makes at the start of its next step.
What a learner should hear about a step — no move, a pair not kept — is the state's ``note``.

Vectors are the leaves flattened: a tuple of two floats for a 2-D run (plain float arithmetic,
far quicker than numpy on two numbers), a 1-D array otherwise. A step needs dot products
over every leaf, so this is not a rule per leaf: one run at a time (no batch of runs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Sequence

import numpy as np

from . import hyperparams as hp
from ..text import N_, Message
from .base import Closure, Leaf, Optimizer

C1, C2, LS_TOLERANCE = 1e-4, 0.9, 1e-9  # torch's _strong_wolfe defaults (as LBFGS calls it)
MAX_EVAL = 25  # evaluations per step, the first included (torch's max_eval)


@dataclass(frozen=True)
class LBFGSState:
    """What torch's LBFGS keeps between calls (``d``, ``t``, the pairs as ``old_stps`` s and
    ``old_dirs`` y, ``ro`` = 1/(y·s), ``H_diag``), and the last step's ``note``."""

    n_iter: int = 0
    note: str = ""
    d: Any = None
    t: float = 0.0
    old_dirs: tuple = ()
    old_stps: tuple = ()
    ro: tuple = ()
    H_diag: float = 1.0
    prev_flat_grad: Any = None


_SPLIT = 134217729.0  # 2²⁷ + 1: Veltkamp's split of a double into two 26-bit halves


def _fma_emulated(a: float, b: float, c: float) -> float:
    """a·b + c rounded once: Dekker's exact product p + e = a·b, then a correctly rounded sum
    (where a·b or c is not finite there is nothing to round: p + c)."""
    p = a * b
    if p - p != 0 or c - c != 0 or abs(a) > 1e290 or abs(b) > 1e290:  # inf, nan; no overflow
        return p + c                                                   # in the split
    t = _SPLIT * a
    ah = t - (t - a)
    al = a - ah
    t = _SPLIT * b
    bh = t - (t - b)
    bl = b - bh
    return math.fsum((p, ((ah * bh - p) + ah * bl + al * bh) + al * bl, c))


def _axpy2_emulated(a: float, x0: float, x1: float, y0: float, y1: float) -> tuple:
    """(y0 + a·x0, y1 + a·x1), each rounded once (``a`` split once for both)."""
    p0, p1 = a * x0, a * x1
    if (p0 - p0 != 0 or p1 - p1 != 0 or y0 - y0 != 0 or y1 - y1 != 0
            or abs(a) > 1e290 or abs(x0) > 1e290 or abs(x1) > 1e290):
        return _fma_emulated(a, x0, y0), _fma_emulated(a, x1, y1)
    t = _SPLIT * a
    ah = t - (t - a)
    al = a - ah
    t = _SPLIT * x0
    h0 = t - (t - x0)
    t = _SPLIT * x1
    h1 = t - (t - x1)
    l0, l1 = x0 - h0, x1 - h1
    return (math.fsum((p0, ((ah * h0 - p0) + ah * l0 + al * h0) + al * l0, y0)),
            math.fsum((p1, ((ah * h1 - p1) + ah * l1 + al * h1) + al * l1, y1)))


def _axpy2_fma(a: float, x0: float, x1: float, y0: float, y1: float) -> tuple:
    return math.fma(a, x0, y0), math.fma(a, x1, y1)


#: torch's ``x.add_(y, alpha=a)`` is x + a·y fused (one rounding); so is every axpy here, or
#: the iterates would part from torch's by rounding, which Rosenbrock's valley amplifies
_fma = getattr(math, "fma", _fma_emulated)  # (Python ≥ 3.13 has it)
_axpy2 = _axpy2_fma if hasattr(math, "fma") else _axpy2_emulated


class _Pair:
    """2-vectors as tuples of two floats."""

    @staticmethod
    def flat(leaves):
        return (leaves[0], leaves[1])

    @staticmethod
    def unflat(v, like):
        return [v[0], v[1]]

    @staticmethod
    def dot(a, b):
        return a[0] * b[0] + a[1] * b[1]

    @staticmethod
    def axpy(y, a, x):  # y + a·x, fused as torch's
        return _axpy2(a, x[0], x[1], y[0], y[1])

    @staticmethod
    def scale(x, a):
        return (x[0] * a, x[1] * a)

    @staticmethod
    def sub(x, y):
        return (x[0] - y[0], x[1] - y[1])

    @staticmethod
    def neg(x):
        return (-x[0], -x[1])

    @staticmethod
    def same(a, b):
        return a == b

    @staticmethod
    def absmax(x):
        a, b = abs(x[0]), abs(x[1])
        return a if a >= b or b != b else b

    @staticmethod
    def abssum(x):
        return abs(x[0]) + abs(x[1])


class _Flat:
    """Vectors as 1-D numpy arrays (the leaves raveled and concatenated)."""

    @staticmethod
    def flat(leaves):
        return np.concatenate([np.ravel(p) for p in leaves])

    @staticmethod
    def unflat(v, like):
        out, i = [], 0
        for p in like:
            n = int(np.size(p))
            out.append(v[i:i + n].reshape(np.shape(p)) if np.ndim(p) else v[i].astype(
                np.result_type(p)))
            i += n
        return out

    @staticmethod
    def dot(a, b):
        return float(np.dot(a, b))

    @staticmethod
    def axpy(y, a, x):
        return y + a * x

    @staticmethod
    def scale(x, a):
        return x * a

    @staticmethod
    def sub(x, y):
        return x - y

    @staticmethod
    def neg(x):
        return -x

    @staticmethod
    def same(a, b):
        return bool(np.array_equal(a, b))

    @staticmethod
    def absmax(x):
        return float(np.max(np.abs(x)))

    @staticmethod
    def abssum(x):
        return float(np.sum(np.abs(x)))


def _ops(leaves: Sequence[Leaf]):
    return _Pair if len(leaves) == 2 and all(
        isinstance(p, float) for p in leaves) else _Flat


class LBFGS(Optimizer):
    """L-BFGS (torch.optim.LBFGS, one iteration a step; see the module docstring)."""

    name = "lbfgs"
    title = "L-BFGS"
    group = "quasi-Newton / second-order"
    equations = N_("d = −H·g, H from the last m (Δθ, Δg) ;  θ ← θ + t·d, t = lr or a line "
                   "search")
    specs = (hp.LR.with_default(1.0), hp.HISTORY_SIZE, hp.TOLERANCE_GRAD, hp.TOLERANCE_CHANGE,
             hp.LINE_SEARCH)
    per_leaf = False
    own_lr = True
    counts_evaluations = True

    def init(self, params: Sequence[Leaf]) -> tuple:
        return 0, LBFGSState()

    def note(self, state: tuple) -> str:
        return state[1].note

    def update(self, grads: Sequence[Leaf], state: tuple, params: Sequence[Leaf],
               loss: float | None = None, closure: Closure | None = None) -> tuple[list, tuple]:
        """One L-BFGS iteration from ``params`` (gradient ``grads``, loss ``loss`` there);
        ``closure(params) -> (loss, grads, …)`` evaluates elsewhere (the line search)."""
        V = _ops(params)
        mem: LBFGSState = state[1]
        g = V.flat(grads)
        if V.absmax(g) <= self.tolerance_grad:
            note = Message("max|g| = {g:.3g} ≤ tolerance_grad {tol:.3g}: L-BFGS takes no step "
                           "here", g=V.absmax(g), tol=self.tolerance_grad)
            return list(params), (mem.n_iter, replace(mem, note=note))
        note = ""
        n_iter = mem.n_iter + 1
        lr = self.lr
        if n_iter == 1:
            d = V.neg(g)
            dirs, stps, ro, H_diag = (), (), (), 1.0
        else:
            dirs, stps, ro, H_diag = mem.old_dirs, mem.old_stps, mem.ro, mem.H_diag
            y = V.sub(g, mem.prev_flat_grad)
            s = V.scale(mem.d, mem.t)
            ys = V.dot(y, s)
            if ys <= 1e-10:
                note = Message("y·s = {ys:.3g} ≤ 1e-10 (no positive curvature along the last "
                               "step): its pair (s, y) is not kept", ys=ys)
            else:
                keep = len(dirs) - self.history_size + 1 if len(dirs) >= self.history_size else 0
                dirs, stps, ro = dirs[keep:] + (y,), stps[keep:] + (s,), ro[keep:] + (1.0 / ys,)
                H_diag = ys / V.dot(y, y)
            if ys <= 1e-10 and V.same(g, mem.prev_flat_grad):
                d = mem.d  # no move last step: the recursion would give last step's d again
            else:
                d = _two_loop(V, g, dirs, stps, ro, H_diag)
        t = min(1.0, 1.0 / V.abssum(g)) * lr if n_iter == 1 else lr
        gtd = V.dot(g, d)
        if gtd > -self.tolerance_change:
            note = Message("g·d = {gd:.3g} > −tolerance_change ({tol:.3g}): too little descent "
                           "along d, L-BFGS takes no step here", gd=gtd,
                           tol=-self.tolerance_change)
        mem = replace(mem, n_iter=n_iter, d=d, t=t, old_dirs=dirs, old_stps=stps, ro=ro,
                      H_diag=H_diag, prev_flat_grad=g, note=note)
        if gtd > -self.tolerance_change:
            return list(params), (n_iter, mem)
        x = V.flat(params)
        if self.line_search == "strong_wolfe":
            if closure is None or loss is None:
                raise ValueError("L-BFGS with a line search needs the run's loss and closure")

            def evaluate(step: float) -> tuple[float, Any]:
                ev = closure(V.unflat(V.axpy(x, step, d), params))
                return float(ev[0]), V.flat(ev[1])
            t = _strong_wolfe(V, evaluate, t, d, float(loss), g, gtd, MAX_EVAL - 1)
            mem = replace(mem, t=t)
        return V.unflat(V.axpy(x, t, d), params), (n_iter, mem)

    def explain(self, e):
        mem: LBFGSState = e.after[1]
        if e.after[0] == e.state[0]:  # no iteration: the gradient or the change was too small
            e.update("θ{k}", "", note="lbfgs_stopped")
            return
        e.note("lbfgs_pairs", pairs=len(mem.old_dirs), m=self.history_size)
        d = e.line("d{k}", "−H{k}·g{k}", "−H·{0}", np.ravel(mem.d), e.g)
        if self.line_search == "strong_wolfe":
            t = e.line("t{k}", "", "", mem.t, note="lbfgs_wolfe")
        elif e.after[0] == 1:
            t = e.line("t{k}", "min(1, 1/‖g{k}‖₁)·lr", "min(1, 1/{0})·{1}", mem.t,
                       float(np.sum(np.abs(e.g))), e.lr)
        else:
            t = e.line("t{k}", "lr", "", mem.t)
        e.update("θ{k} + t{k}·d{k}", "{0} + {1}·{2}", e.p, t, d)


def _two_loop(V, g, dirs: tuple, stps: tuple, ro: tuple, H_diag: float):
    """−H·g by the two-loop recursion, as torch writes it."""
    if V is _Pair:
        return _two_loop_pair(g, dirs, stps, ro, H_diag)
    n = len(dirs)
    al = [0.0] * n
    q = V.neg(g)
    for i in range(n - 1, -1, -1):
        al[i] = V.dot(stps[i], q) * ro[i]
        q = V.axpy(q, -al[i], dirs[i])
    r = V.scale(q, H_diag)
    for i in range(n):
        be_i = V.dot(dirs[i], r) * ro[i]
        r = V.axpy(r, al[i] - be_i, stps[i])
    return r


def _two_loop_pair(g, dirs: tuple, stps: tuple, ro: tuple, H_diag: float):
    """:func:`_two_loop` on 2-vectors, written out (the loop is most of a 2-D step's time)."""
    axpy2 = _axpy2
    n = len(dirs)
    al = [0.0] * n
    qx, qy = -g[0], -g[1]
    for i in range(n - 1, -1, -1):
        sx, sy = stps[i]
        yx, yy = dirs[i]
        a = (sx * qx + sy * qy) * ro[i]
        al[i] = a
        qx, qy = axpy2(-a, yx, yy, qx, qy)
    rx, ry = qx * H_diag, qy * H_diag
    for i in range(n):
        sx, sy = stps[i]
        yx, yy = dirs[i]
        c = al[i] - (yx * rx + yy * ry) * ro[i]
        rx, ry = axpy2(c, sx, sy, rx, ry)
    return (rx, ry)


def _cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds=None) -> float:
    """The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2) within bounds
    (torch's port of polyinterp.lua)."""
    if bounds is not None:
        xmin_bound, xmax_bound = bounds
    else:
        xmin_bound, xmax_bound = (x1, x2) if x1 <= x2 else (x2, x1)
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1 ** 2 - g1 * g2
    if d2_square >= 0:
        d2 = math.sqrt(d2_square)
        if x1 <= x2:
            min_pos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            min_pos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(min_pos, xmin_bound), xmax_bound)
    return (xmin_bound + xmax_bound) / 2.0


def _strong_wolfe(V, evaluate, t, d, f, g, gtd, max_ls):
    """torch's ``_strong_wolfe`` (a port of lswolfe.lua): the accepted step ``t``.
    ``evaluate(t) -> (f, g)`` at θ + t·d (the run counts them)."""
    d_norm = V.absmax(d)
    f_new, g_new = evaluate(t)
    gtd_new = V.dot(g_new, d)
    t_prev, f_prev, gtd_prev = 0.0, f, gtd
    done = False
    ls_iter = 0
    while ls_iter < max_ls:
        if f_new > (f + C1 * t * gtd) or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f, bracket_gtd = [t_prev, t], [f_prev, f_new], [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -C2 * gtd:
            bracket, bracket_f = [t], [f_new]
            done = True
            break
        if gtd_new >= 0:
            bracket, bracket_f, bracket_gtd = [t_prev, t], [f_prev, f_new], [gtd_prev, gtd_new]
            break
        min_step = t + 0.01 * (t - t_prev)
        max_step = t * 10
        tmp = t
        t = _cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new,
                               bounds=(min_step, max_step))
        t_prev, f_prev, gtd_prev = tmp, f_new, gtd_new
        f_new, g_new = evaluate(t)
        gtd_new = V.dot(g_new, d)
        ls_iter += 1
    if ls_iter == max_ls:
        bracket, bracket_f = [0.0, t], [f, f_new]
        bracket_gtd = [gtd, gtd_new]  # (torch leaves these as they were; unused: no zoom)
    insuf_progress = False
    low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and ls_iter < max_ls:
        if abs(bracket[1] - bracket[0]) * d_norm < LS_TOLERANCE:
            break
        t = _cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0],
                               bracket[1], bracket_f[1], bracket_gtd[1])
        eps = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < eps:
            if insuf_progress or t >= max(bracket) or t <= min(bracket):
                if abs(t - max(bracket)) < abs(t - min(bracket)):
                    t = max(bracket) - eps
                else:
                    t = min(bracket) + eps
                insuf_progress = False
            else:
                insuf_progress = True
        else:
            insuf_progress = False
        f_new, g_new = evaluate(t)
        gtd_new = V.dot(g_new, d)
        ls_iter += 1
        if f_new > (f + C1 * t * gtd) or f_new >= bracket_f[low_pos]:
            bracket[high_pos], bracket_f[high_pos], bracket_gtd[high_pos] = t, f_new, gtd_new
            low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -C2 * gtd:
                done = True
            elif gtd_new * (bracket[high_pos] - bracket[low_pos]) >= 0:
                bracket[high_pos] = bracket[low_pos]
                bracket_f[high_pos] = bracket_f[low_pos]
                bracket_gtd[high_pos] = bracket_gtd[low_pos]
            bracket[low_pos], bracket_f[low_pos], bracket_gtd[low_pos] = t, f_new, gtd_new
    return bracket[low_pos]
