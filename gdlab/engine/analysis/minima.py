"""The minima of a 2-D function found by descent: a grid of starts over the view box, run
together (:class:`~gdlab.engine.run.batch.BatchRun`, Adam with a rate that shrinks in three
phases, scaled to the box), the settled end points clustered, saddles dropped.

"Unbounded below" when runs keep descending out of the box to values below everything seen
on the grid: there is no lowest point that way.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import numpy as np

from ..problems.objectives import Objective
from ..run.batch import BatchRun
from ..text import N_, Message

#: the time bound of a search made for a summary or a map (the CLI's, the basin map's)
SEARCH_SECONDS = 5.0
#: the rates of the three phases, as fractions of the box's larger side, and their steps
PHASES = ((1e-2, 300), (1e-3, 300), (1e-4, 300))
_CHUNK = 50  # steps between two looks at the clock


@dataclass(frozen=True)
class Minima:
    """``points`` (m, 2) by increasing ``values`` (m,); ``shares`` (m,) the fraction of the
    starts that reached each; ``unbounded``: some runs kept descending out of the box;
    ``undefined``: the fraction of runs that stopped where f is undefined; ``cut_short``:
    the search ran out of time (the runs were stopped early: fewer minima may be found)."""

    points: np.ndarray
    values: np.ndarray
    shares: np.ndarray
    unbounded: bool
    undefined: float
    resolution: float = 0.0  # how close to a kink's minimum descent gets (coordinates shown to it)
    cut_short: bool = False

    def point_text(self, i: int) -> str:
        """Minimum ``i`` as "(x, y)", to the search's resolution."""
        r = self.resolution
        x, y = ((round(v / r) * r if r else v) + 0.0 for v in self.points[i])
        return f"({x:.6g}, {y:.6g})"

    def value_text(self, i: int) -> str:
        """f at minimum ``i``; rounding residue (|f| below 1e-12 of the largest) shows as 0."""
        v = float(self.values[i])
        top = max(1.0, float(np.max(np.abs(self.values))))
        return f"{0.0 if abs(v) < 1e-12 * top else v:.6g}"

    def lines(self, limit: int | None = None) -> list[str]:
        """One line per minimum (the lowest ``limit``, then how many more), then the warnings
        (for a summary or a tooltip)."""
        n = len(self.shares) if limit is None else min(limit, len(self.shares))
        out = [Message("minimum {point}  f = {value}  ({share:.0%} of the starts)",
                       point=self.point_text(i), value=self.value_text(i),
                       share=self.shares[i]) for i in range(n)]
        if n < len(self.shares):
            out.append(Message("… and {n} more minima", n=len(self.shares) - n))
        if self.unbounded:
            out.append(N_("unbounded below: some runs keep descending out of the box"))
        if self.undefined:
            out.append(Message("{share:.0%} of the runs stopped where f is undefined",
                               share=self.undefined))
        if not out:
            out.append(N_("no minimum found in the box"))
        if self.cut_short:
            out.append(N_("the search ran out of time: there may be more"))
        return out


def label_minima(end: np.ndarray, ok: np.ndarray, converged: np.ndarray, known: np.ndarray,
                 radius: float) -> tuple[np.ndarray, np.ndarray]:
    """``(labels (K,), minima (m, 2))`` for end points ``end`` (K, 2): the known minimum
    (``known`` (k, 2)) within ``radius``, else a cluster of converged end points within
    ``radius`` of its first member (the clusters follow the known minima), else −1; runs
    not ``ok`` (diverged) get −1."""
    labels = np.full(len(end), -1)
    centres = [tuple(p) for p in known]
    if len(known):
        d = np.linalg.norm(end[:, None, :] - known[None, :, :], axis=2)  # (K, k)
        near = ok & (d.min(axis=1) <= radius)
        labels[near] = d[near].argmin(axis=1)
    rest = np.flatnonzero(ok & converged & (labels < 0))
    while len(rest):
        centre = end[rest[0]]
        member = np.linalg.norm(end[rest] - centre, axis=1) <= radius
        labels[rest[member]] = len(centres)
        centres.append(tuple(end[rest[member]].mean(axis=0)))
        rest = rest[~member]
    return labels, np.array(centres, dtype=float).reshape(-1, 2)


def _hessians(objective: Objective, P: np.ndarray, h: float) -> np.ndarray:
    """Central-difference Hessians (K, 2, 2) of the gradient at points ``P`` (K, 2)."""
    H = np.empty((len(P), 2, 2))
    for j in range(2):
        e = np.zeros(2)
        e[j] = h
        gp = np.stack(objective.grad(P[:, 0] + e[0], P[:, 1] + e[1]), axis=1)
        gm = np.stack(objective.grad(P[:, 0] - e[0], P[:, 1] - e[1]), axis=1)
        H[:, :, j] = (gp - gm) / (2 * h)
    return 0.5 * (H + np.swapaxes(H, 1, 2))


def _polish(objective: Objective, P: np.ndarray, h: float, rounds: int = 20) -> np.ndarray:
    """Damped Newton steps from the points ``P`` (K, 2), each kept only where it lowers f
    (a long curved valley that descent crawls along is finished in a few steps)."""
    P = P.copy()
    with np.errstate(all="ignore"):
        f = np.asarray(objective.f(P[:, 0], P[:, 1]), dtype=float)
        for _ in range(rounds):
            G = np.stack(objective.grad(P[:, 0], P[:, 1]), axis=1)
            H = _hessians(objective, P, h)
            det = H[:, 0, 0] * H[:, 1, 1] - H[:, 0, 1] ** 2
            good = (det > 0) & (H[:, 0, 0] > 0) & np.isfinite(det)
            D = np.where(good[:, None], np.stack([
                (H[:, 1, 1] * G[:, 0] - H[:, 0, 1] * G[:, 1]) / det,
                (H[:, 0, 0] * G[:, 1] - H[:, 0, 1] * G[:, 0]) / det], axis=1), 0.0)
            moved = False
            for t in (1.0, 0.5, 0.25):
                Q = P - t * D
                fq = np.asarray(objective.f(Q[:, 0], Q[:, 1]), dtype=float)
                better = good & (fq < f)
                P[better], f[better] = Q[better], fq[better]
                good &= ~better
                moved |= bool(better.any())
            if not moved:
                break
    return P


def _lowest_around(objective: Objective, P: np.ndarray, r: float) -> np.ndarray:
    """Boolean (K,): f at each point ``P`` (K, 2) is no higher than at 64 points a distance
    ``r`` around it (enough directions that a narrow curved valley shows its way down)."""
    with np.errstate(all="ignore"):
        f0 = np.asarray(objective.f(P[:, 0], P[:, 1]), dtype=float)
        low = np.isfinite(f0)
        for t in np.arange(64) * (np.pi / 32):
            fr = np.asarray(objective.f(P[:, 0] + r * np.cos(t), P[:, 1] + r * np.sin(t)),
                            dtype=float)
            low &= ~(fr < f0)
    return low


def _is_minimum(objective: Objective, p: np.ndarray, h: float) -> bool:
    """Whether the numerical Hessian at ``p`` (2,) has no clearly negative eigenvalue."""
    H = np.empty((2, 2))
    for j in range(2):
        e = np.zeros(2)
        e[j] = h
        gp = np.array(objective.grad(*(p + e)), dtype=float)
        gm = np.array(objective.grad(*(p - e)), dtype=float)
        H[:, j] = (gp - gm) / (2 * h)
    H = 0.5 * (H + H.T)
    if not np.isfinite(H).all():
        return True  # a kink (|x|, min, max): the descent settled there
    lam = np.linalg.eigvalsh(H)
    return lam[0] >= -1e-6 * max(1.0, abs(lam[-1]))


def find_minima(objective: Objective, box: tuple[float, float, float, float] | None = None,
                n: int = 12, seconds: float | None = None) -> Minima:
    """The minima that descent from an ``n``×``n`` grid of starts over ``box`` (default the
    objective's) reaches; with ``seconds``, the descent stops when they are spent (the
    end points reached so far are judged)."""
    deadline = None if seconds is None else time.perf_counter() + seconds
    x0, x1, y0, y1 = box or objective.box
    span = max(x1 - x0, y1 - y0)
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    starts = np.column_stack([X.ravel(), Y.ravel()])
    with np.errstate(all="ignore"):
        grid_loss = np.asarray(objective.f(starts[:, 0], starts[:, 1]), dtype=float)
        g0 = np.hypot(*(np.asarray(g, dtype=float) for g in objective.grad(starts[:, 0], starts[:, 1])))
    scale = np.nanmedian(g0[np.isfinite(g0)]) if np.isfinite(g0).any() else 1.0
    batch = BatchRun(objective, "adam", starts, lr=PHASES[0][0] * span,
                     steps=sum(k for _, k in PHASES), tol=1e-10 * max(scale, 1e-300))
    cut_short = False
    for rate, k in PHASES:
        batch.optimizer.set(lr=rate * span)
        for done in range(0, k, _CHUNK):
            if deadline is not None and time.perf_counter() > deadline:
                cut_short = True
                break
            batch.advance(min(_CHUNK, k - done))
    end, loss, status = batch.P, batch.loss, batch.status
    with np.errstate(all="ignore"):
        end = _polish(objective, end, 1e-5 * span)
        gn = np.hypot(*(np.asarray(g, dtype=float) for g in objective.grad(end[:, 0], end[:, 1])))
        lowest = np.nanmin(np.where(np.isfinite(grid_loss), grid_loss, np.nan)) \
            if np.isfinite(grid_loss).any() else math.inf
        cx, cy, w = (x0 + x1) / 2, (y0 + y1) / 2, span
        far = (np.abs(end[:, 0] - cx) > w) | (np.abs(end[:, 1] - cy) > w)
        descending = (status != "undefined") & (loss < lowest) & (far | (status == "diverged"))
    ok = np.isin(status, ("converged", "finished", "running")) & np.isfinite(loss) & ~far
    # Newton-polished to a slope far below the grid's, or (a kink: |x|, min, max) lowest
    # among the points around it
    settled = ok & ((gn <= 1e-6 * max(scale, 1e-12)) | _lowest_around(objective, end, 1e-3 * span))
    labels, centres = label_minima(end, ok, settled, np.empty((0, 2)),
                                   0.01 * math.hypot(x1 - x0, y1 - y0))
    with np.errstate(all="ignore"):
        f_end = np.asarray(objective.f(end[:, 0], end[:, 1]), dtype=float)
    for i in range(len(centres)):  # each minimum at its lowest end point (a kink's closest)
        members = np.flatnonzero(labels == i)
        centres[i] = end[members[np.nanargmin(f_end[members])]]
    keep = [i for i, c in enumerate(centres) if _is_minimum(objective, c, 1e-4 * span)]
    values = np.array([float(objective.f(float(c[0]), float(c[1]))) for c in centres[keep]])
    shares = np.array([np.mean(labels == i) for i in keep])
    order = np.argsort(values, kind="stable")
    return Minima(centres[keep][order].reshape(-1, 2), values[order], shares[order],
                  bool(descending.any()), float(np.mean(status == "undefined")),
                  PHASES[-1][0] * span / 10, cut_short)


def with_minima(objective: Objective, found: Minima) -> Objective:
    """The objective with ``found``'s points as its minima (marked as the catalogue's are)."""
    return replace(objective, minima=tuple(tuple(map(float, p)) for p in found.points))
