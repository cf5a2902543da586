"""Checkpoints of a run's state, to look at (and go on from) any past step.

A trajectory row holds θ_k and g_k but not what the optimizer carries (momentum's
buffer, Adam's m and v), nor a model's parameters when its rows are a summary. A run
keeps a :class:`Checkpoint` of that state every ``every`` steps (and whenever a
hyperparameter changes, so that no replayed stretch spans a change); :func:`replay` rebuilds
the state at step k from the nearest checkpoint at or before k by stepping the run's own
loop again, which gives the recorded rows bit for bit (the gradient noise and a model's
batches depend only on the step number).

Memory stays bounded for millions of steps: past :attr:`Checkpoints.limit` checkpoints,
every other one is dropped and the interval doubles (the pinned ones, at hyperparameter
changes, stay).
"""

from __future__ import annotations

import bisect
import copy
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .single import Run

EVERY = 64  # steps between two checkpoints at first
LIMIT = 1024  # checkpoints kept before thinning
BYTES = 32 << 20  # at most about this much for the checkpoints of one run


@dataclass(frozen=True)
class Checkpoint:
    """The state of a run at step ``k``, before the update from θ_k (copies)."""

    k: int
    params: list  # the parameter leaves θ_k
    state: tuple  # the optimizer's state (t, slots)
    grads: list  # g_k, the gradient of row k (noise included)
    hyper: dict[str, Any]  # the hyperparameters of the update from θ_k
    row: tuple[float, ...]  # trajectory row k
    steps: int  # the budget and …
    schedule: Any  # … the schedule then (a schedule's rates may follow the budget)
    extra: dict  # what a kind of run carries besides (an oracle run's evaluation counts)
    pinned: bool = False  # taken at a hyperparameter change: never thinned out


def _nbytes(obj: Any) -> int:
    if isinstance(obj, np.ndarray):
        return obj.nbytes
    if isinstance(obj, (list, tuple)):
        return 56 + sum(_nbytes(o) for o in obj)
    return 32


class Checkpoints:
    """A run's checkpoints in step order, thinned to stay within :data:`LIMIT` and :data:`BYTES`."""

    def __init__(self, every: int | None = None, limit: int | None = None) -> None:
        self.every = EVERY if every is None else every
        self.limit = LIMIT if limit is None else limit
        self._items: list[Checkpoint] = []
        self._ks: list[int] = []
        self.serial = 0  # of the last one added
        self._kept: int | None = None  # how many fit in BYTES: a run's shapes never change

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    @property
    def next_k(self) -> int:
        """The step at which the run should take the next checkpoint."""
        return (self._ks[-1] + self.every) if self._ks else 0

    def take(self, run: Run, pinned: bool = False) -> int:
        """Keep a checkpoint of ``run`` at its current step (replacing one at the same step);
        returns :attr:`next_k`."""
        ck = Checkpoint(run.k, [copy.copy(p) for p in run._p], copy.deepcopy(run._state),
                        [copy.copy(g) for g in run._grads], dict(run.optimizer.hyper),
                        tuple(run.trajectory.last()), run.steps, run.schedule,
                        run._checkpoint_extra(), pinned)
        self.add(ck)
        return self.next_k

    def add(self, ck: Checkpoint) -> None:
        """File a checkpoint (:meth:`take`'s)."""
        while self._ks and self._ks[-1] >= ck.k:  # a run rewound, or the same step again
            if self._ks[-1] == ck.k and self._items[-1].pinned and not ck.pinned:
                return
            self._ks.pop()
            self._items.pop()
        self.serial += 1
        self._items.append(ck)
        self._ks.append(ck.k)
        if self._kept is None:
            self._kept = min(self.limit, max(16, BYTES // max(_nbytes([ck.params, ck.state]), 1)))
        if len(self._items) > self._kept:
            self._thin()

    def _thin(self) -> None:
        self.every *= 2
        last = self._items[-1]
        self._items = [c for c in self._items if c.pinned or c.k % self.every == 0 or c is last]
        self._ks = [c.k for c in self._items]

    def nearest(self, k: int) -> Checkpoint:
        """The last checkpoint at or before step ``k``."""
        i = bisect.bisect_right(self._ks, k) - 1
        if i < 0:
            raise IndexError(f"no checkpoint at or before step {k}")
        return self._items[i]

    def snapshot(self) -> Checkpoints:
        """A copy as they are now, to read in another thread while these go on (the
        checkpoints themselves are shared: one never changes)."""
        c = copy.copy(self)
        c._items, c._ks = list(self._items), list(self._ks)
        return c

    def truncate(self, k: int) -> None:
        """Drop the checkpoints after step ``k``."""
        i = bisect.bisect_right(self._ks, k)
        del self._items[i:], self._ks[i:]


def replay(run: Run, ck: Checkpoint, k: int) -> Run:
    """A scratch copy of ``run`` (same problem and settings) at step ``k`` ≥ ``ck.k``,
    reached from ``ck`` by the run's own loop; its trajectory holds rows ``ck.k … k``.
    ``run`` itself is not changed (nor read beyond its settings)."""
    from .single import Run  # noqa: F811 (the module imports this one)
    from .trajectory import Trajectory

    if k < ck.k:
        raise ValueError(f"step {k} is before the checkpoint at step {ck.k}")
    r = copy.copy(run)
    r.optimizer = copy.copy(run.optimizer)
    r.optimizer.set(**ck.hyper)
    r.checkpoints = None
    r.checkpoint = None
    r._stop_requested = False
    r.tol, r.max_loss = 0.0, math.inf  # the run went on past these steps: so does the replay
    r._p = [copy.copy(p) for p in ck.params]
    r._state = copy.deepcopy(ck.state)
    r._grads = [copy.copy(g) for g in ck.grads]
    r.k = ck.k
    r.steps, r.schedule = ck.steps, ck.schedule
    r.events = []
    r._restore_extra(ck.extra)
    r.trajectory = Trajectory(run.trajectory.columns)
    r.trajectory.append(ck.row)
    if r.is_model:
        r._batches = r.objective.batches()
        for _ in range(ck.k):  # the batches of steps 0 … ck.k were drawn
            next(r._batches)
        r._batch = next(r._batches)  # step ck.k's (a line search evaluates on it again)
    if run._noise is not None:
        r._noise = copy.copy(run._noise)
        r._noise._block_index = -1  # its own cache: the run's may be in use elsewhere
    r.status = "running"
    Run.advance(r, k - ck.k)  # (within the budget: the run went on past step k)
    return r
