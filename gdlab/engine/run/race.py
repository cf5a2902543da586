"""A race: N lanes, each an ordinary :class:`~gdlab.engine.run.single.Run` built by the
recipe (:func:`~gdlab.engine.run.recipe.build_run`), stepped in lock-step.

Each lane steps with the same code as a single run, so its rows are bit-identical to
``gdlab run``'s for its settings. Lock-step: :meth:`Race.advance` moves every lane still
going by the same number of updates in rounds, so between rounds all of them are at the
same step index; a lane that converges or diverges stops while the others go on.

Memory: all lanes' rows together stay within one run's limit, :data:`ROWS_MAX` rows
(``STEPS_MAX`` + 1): a race whose budgets would need more is refused with a message.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Sequence

import numpy as np

from ..optim.hyperparams import STEPS_MAX
from ..optim.optimizers import optimizer_title
from .recipe import build_run
from .single import EVAL_COLUMNS, Run, RunSettings, StepChunk
from ..text import Message
from .trajectory import Trajectory

#: rows all the lanes of a race may store together: a single run's limit
ROWS_MAX = STEPS_MAX + 1
LANES_MAX = 64
# work in one lock-step round (then a stop or the deadline is seen): each lane's own loop
# calls the race's checkpoint every few dozen steps, so a round may be long; every round
# restarts each lane's loop (~20 µs a lane), 4 ms rounds cost a race 4% of its time
ROUND_SECONDS = 0.02


def check_budget(settings: Sequence[RunSettings]) -> None:
    """Raise ``ValueError`` unless the lanes' rows fit in :data:`ROWS_MAX` together."""
    rows = sum(s.steps + 1 for s in settings)
    if rows > ROWS_MAX:
        n = len(settings)
        fields = dict(n=n, rows=rows, most=ROWS_MAX, each=ROWS_MAX // n - 1)
        if n == 1:
            raise ValueError(Message("1 lane of these step budgets would store {rows:,} rows; a "
                                     "race keeps at most {most:,} rows in all (with 1 lane, at "
                                     "most {each:,} steps each)", **fields))
        raise ValueError(Message("{n} lanes of these step budgets would store {rows:,} rows; a "
                                 "race keeps at most {most:,} rows in all (with {n} lanes, at "
                                 "most {each:,} steps each)", **fields))


def default_labels(settings: Sequence[RunSettings]) -> list[str]:
    """A short label per lane: the optimizer's title, plus what tells lanes apart (lr, start,
    noise seed) when the lanes differ in it. Each is a :class:`Message` (the window shows
    the title in its language)."""
    def differs(key: Callable[[RunSettings], object]) -> bool:
        return len({repr(key(s)) for s in settings}) > 1

    def start(s: RunSettings) -> str:
        if s.start is None:
            return Message(" start")
        return " (" + ", ".join(f"{v:g}" for v in s.start) + ")"

    details = {"lr": (lambda s: s.hyper.get("lr"), lambda s: f" lr {s.hyper.get('lr'):.3g}"),
               "start": (lambda s: s.start, start),
               "noise": (lambda s: (s.grad_noise, s.noise_seed),
                         lambda s: Message(" σ {sigma:g} seed {seed}", sigma=s.grad_noise,
                                           seed=s.noise_seed))}
    shown = {name: differs(key) for name, (key, _text) in details.items()}
    return [Message("{optimizer}{lr}{start}{noise}", optimizer=optimizer_title(s.optimizer),
                    **{name: text(s) if shown[name] else ""
                       for name, (_key, text) in details.items()})
            for s in settings]


@dataclass
class Lane:
    """One lane: its ``label`` and its :class:`Run` (``run.settings()`` its settings)."""

    label: str
    run: Run

    @property
    def status(self) -> str:
        return self.run.status

    @property
    def steps_to_tol(self) -> int | None:
        """The step where the gradient norm first reached the tolerance (``None``: not yet)."""
        return self.run.k if self.run.status == "converged" else None

    @property
    def evals_to_tol(self) -> int | None:
        """The gradient evaluations spent when the tolerance was reached (``None``: not yet)."""
        return self.run.grad_evals if self.run.status == "converged" else None

    @property
    def loss(self) -> float:
        """The loss at the lane's current point."""
        return self.run.trajectory.last()[self.run.trajectory.column("loss")]


@dataclass(frozen=True)
class Standing:
    """A lane's place on the leaderboard: ``lane`` its index in the race (0-based)."""

    rank: int
    lane: int
    label: str
    status: str
    steps_to_tol: int | None
    loss: float
    steps: int
    grad_evals: int


@dataclass
class RaceChunk:
    """Rows added since the last chunk, per lane (``lanes[i]`` a :class:`StepChunk`, maybe
    empty), the race's ``status`` and common step index ``step``."""

    lanes: list[StepChunk]
    status: str
    step: int


class Race:
    """Lanes of runs stepped in lock-step; ``settings`` one :class:`RunSettings` per lane,
    resolved by the recipe. Lanes may differ in anything but the problem's columns.

    :attr:`checkpoint` is called by every lane's loop every few dozen steps when set (a GUI
    worker pauses there).
    """

    _checkpoint: Callable[[], object] | None = None

    def __init__(self, settings: Sequence[RunSettings], labels: Sequence[str] | None = None,
                 grad_evals: int | None = None) -> None:
        self.lanes: list[Lane] = []
        self._stop_requested = False
        self.grad_evals: int | None = None
        self.set_lanes(settings, labels)
        self.set_grad_evals(grad_evals)

    def set_grad_evals(self, n: int | None) -> None:
        """Budget and rank by gradient evaluations: every lane ends at the first step where
        it has evaluated the gradient ``n`` times (the start point's included), so a
        first-order lane takes n − 1 steps and a line search fewer; ``None``: by steps."""
        if n is not None:
            if isinstance(n, bool) or not isinstance(n, int) or n < 1:
                raise ValueError(f"invalid gradient-evaluation budget {n!r}: a whole number ≥ 1")
            self.set_steps(n - 1)
        self.grad_evals = n
        for ln in self.lanes:
            ln.run.max_grad_evals = n

    # -- lanes --------------------------------------------------------------------------
    def set_lanes(self, settings: Sequence[RunSettings], labels: Sequence[str] | None = None
                  ) -> None:
        """Replace every lane (all start again at step 0); ``labels`` default to
        :func:`default_labels`. Raises ``ValueError`` with nothing changed on bad input."""
        settings = list(settings)
        if not 1 <= len(settings) <= LANES_MAX:
            raise ValueError(f"a race has 1 to {LANES_MAX} lanes, not {len(settings)}")
        labels = default_labels(settings) if labels is None else [str(t) for t in labels]
        if len(labels) != len(settings):
            raise ValueError(f"{len(labels)} labels for {len(settings)} lanes")
        check_budget(settings)
        self._set_runs([build_run(s) for s in settings], labels)

    @classmethod
    def of_runs(cls, runs: Sequence[Run], labels: Sequence[str]) -> "Race":
        """A race of runs already built, at whatever step they are (replayed lanes), by
        steps."""
        race = cls.__new__(cls)
        race.grad_evals = None
        race._set_runs(list(runs), [str(t) for t in labels])
        return race

    @property
    def checkpoint(self) -> Callable[[], object] | None:
        """Called by each lane's loop every few dozen steps (as a single run's is)."""
        return self._checkpoint

    @checkpoint.setter
    def checkpoint(self, fn: Callable[[], object] | None) -> None:
        self._checkpoint = fn
        for ln in self.lanes:
            ln.run.checkpoint = fn

    def _set_runs(self, runs: list[Run], labels: list[str]) -> None:
        race_columns([r.trajectory.columns for r in runs])  # raises if they differ
        for r in runs:
            r.max_grad_evals = self.grad_evals
            r.checkpoint = self._checkpoint
        self.lanes = [Lane(t, r) for t, r in zip(labels, runs)]
        self._stop_requested = False

    def add(self, settings: RunSettings, label: str | None = None) -> Lane:
        """Add a lane; the race starts again at step 0 (lanes race from the same step)."""
        all_settings = [*self.settings(), settings]
        labels = [ln.label for ln in self.lanes]
        labels.append(label if label is not None else default_labels(all_settings)[-1])
        self.set_lanes(all_settings, labels)
        return self.lanes[-1]

    def set_lane(self, i: int, settings: RunSettings, label: str | None = None) -> Lane:
        """Give lane ``i`` new settings (and label, default: as it was); the race starts
        again at step 0."""
        all_settings = self.settings()
        all_settings[i] = settings
        labels = [ln.label for ln in self.lanes]
        if label is not None:
            labels[i] = label
        self.set_lanes(all_settings, labels)
        return self.lanes[i]

    def remove(self, i: int) -> None:
        """Remove lane ``i``; the others keep their rows. The last lane cannot go."""
        if len(self.lanes) == 1:
            raise ValueError("a race keeps at least one lane")
        del self.lanes[i]

    def settings(self) -> list[RunSettings]:
        return [ln.run.settings() for ln in self.lanes]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every lane's columns (:func:`race_columns`)."""
        return race_columns([ln.run.trajectory.columns for ln in self.lanes])

    # -- state --------------------------------------------------------------------------
    def reset(self) -> None:
        """Every lane back to its start."""
        for ln in self.lanes:
            ln.run.reset()
        self._stop_requested = False

    @property
    def k(self) -> int:
        """The common step index: the furthest any lane has got."""
        return max(ln.run.k for ln in self.lanes)

    @property
    def done(self) -> bool:
        return self._stop_requested or all(ln.run.done for ln in self.lanes)

    @property
    def status(self) -> str:
        """``ready``, ``running``, ``stopped`` or ``finished`` (every lane done)."""
        if all(ln.run.done for ln in self.lanes):
            return "finished"
        if self._stop_requested:
            return "stopped"
        return "running" if self.k else "ready"

    def stop(self) -> None:
        """Stop at the end of the current round (every lane at the same step)."""
        self._stop_requested = True

    def resume(self) -> None:
        self._stop_requested = False

    def set_steps(self, steps: int) -> None:
        """One step budget for every lane (within the race's memory bound)."""
        check_budget([replace(s, steps=steps) for s in self.settings()])
        for ln in self.lanes:
            ln.run.set_steps(steps)

    # -- the loop -----------------------------------------------------------------------
    def _round(self, n: int) -> None:
        """``n`` updates of every lane still going (a lane may stop sooner)."""
        for ln in self.lanes:
            if not ln.run.done:
                ln.run.advance(n)

    def advance(self, max_updates: int | None = None, deadline: float | None = None) -> str:
        """Step every lane in lock-step until all are done, ``max_updates`` updates, a
        :meth:`stop`, or ``time.perf_counter() > deadline``. Returns :attr:`status`."""
        left = math.inf if max_updates is None else max_updates
        n = 32
        while left > 0 and not self.done:
            if deadline is not None and time.perf_counter() > deadline:
                break
            m = int(min(n, left))
            t0 = time.perf_counter()
            self._round(m)
            left -= m
            dt = time.perf_counter() - t0
            n = max(1, min(4 * n, int(n * ROUND_SECONDS / dt) if dt > 0 else 4 * n))
        return self.status

    def chunks(self, seconds: float = 0.016, max_updates: int | None = None,
               since: Sequence[int] | None = None) -> Iterator[RaceChunk]:
        """The race loop as a generator (as :meth:`Run.chunks`): one item per roughly
        ``seconds`` of work, with each lane's rows from row ``since[i]`` on (default 0)."""
        sent = list(since) if since is not None else [0] * len(self.lanes)
        self.resume()
        while not self.done:
            self.advance(max_updates, time.perf_counter() + seconds if seconds else None)
            parts = []
            for i, ln in enumerate(self.lanes):
                n = len(ln.run.trajectory)
                parts.append(StepChunk(sent[i], ln.run.trajectory.rows(sent[i], n),
                                       ln.run.status, ln.run.k))
                sent[i] = n
            yield RaceChunk(parts, self.status, self.k)

    # -- results ------------------------------------------------------------------------
    def leaderboard(self) -> list[Standing]:
        """The lanes ranked by :func:`standing_order`: by steps to tolerance, or by
        gradient evaluations to tolerance in a race by evaluations."""
        by_evals = self.grad_evals is not None
        order = standing_order([(ln.status, ln.evals_to_tol if by_evals else ln.steps_to_tol,
                                 ln.loss, ln.run.k) for ln in self.lanes])
        return [Standing(rank, i, ln.label, ln.status, ln.steps_to_tol, ln.loss, ln.run.k,
                         ln.run.grad_evals)
                for rank, i in enumerate(order, 1) for ln in (self.lanes[i],)]


def race_columns(columns: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The columns of a race whose lanes record ``columns``: the same, except that lanes
    counting evaluations have :data:`EVAL_COLUMNS` last (the others leave them empty in a
    race's CSV). ``ValueError`` if the lanes differ in anything else."""
    n = len(EVAL_COLUMNS)
    bare = {tuple(c[:-n]) if tuple(c[-n:]) == EVAL_COLUMNS else tuple(c) for c in columns}
    if len(bare) > 1:
        raise ValueError("the lanes of a race must record the same columns (the same "
                         "problem and options)")
    counted = any(tuple(c[-n:]) == EVAL_COLUMNS for c in columns)
    return (*bare.pop(), *(EVAL_COLUMNS if counted else ()))


def standing_order(lanes: Sequence[tuple[str, int | None, float, int]]) -> list[int]:
    """Indices of ``lanes`` (status, steps — or gradient evaluations — to tolerance or None,
    final loss, steps taken) best first: by that cost to tolerance (lanes that reached it
    first), then by final loss; diverged lanes last (the later a lane diverged, the
    higher)."""
    def key(i: int) -> tuple:
        status, stt, loss, k = lanes[i]
        diverged = status == "diverged"
        loss = loss if math.isfinite(loss) else math.inf
        return (diverged, -k if diverged else 0, stt is None, stt or 0, loss, i)

    return sorted(range(len(lanes)), key=key)


# -- presets -----------------------------------------------------------------------------
NOISY_LANES = 8


def noisy_lanes(settings: RunSettings, n: int = NOISY_LANES) -> list[RunSettings]:
    """``n`` copies of ``settings`` with noise seeds ``noise_seed``, ``noise_seed + 1``, …
    (the sample paths of one noisy run). Needs ``grad_noise`` > 0."""
    if not settings.grad_noise > 0:
        raise ValueError("noisy sample paths need gradient noise: set σ > 0")
    return [replace(settings, noise_seed=settings.noise_seed + i) for i in range(n)]


@dataclass(frozen=True)
class LossBand:
    """The loss over lanes, per step: ``step`` (n,), ``mean``, ``lo`` (min), ``hi`` (max)
    and ``count`` (lanes with a finite loss at that step) — each (n,); NaN where none."""

    step: np.ndarray
    mean: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    count: np.ndarray


def loss_band(runs: Sequence[Run], every: int = 1) -> LossBand:
    """Mean and min–max of the loss over ``runs`` at steps 0, ``every``, 2·``every``, … up
    to the longest run; a lane that has stopped (or whose loss is not finite) no longer
    counts."""
    if every < 1:
        raise ValueError(f"every must be ≥ 1, not {every}")
    return band_of([_column(r.trajectory, r.trajectory.column("loss"), every) for r in runs],
                   every)


def band_of(losses: Sequence[np.ndarray], every: int = 1) -> LossBand:
    """:func:`loss_band` of loss columns already read: ``losses[i]`` lane i's loss at steps
    0, ``every``, … (its own length)."""
    n = max(len(loss) for loss in losses)
    step = np.arange(n) * every
    table = np.full((len(losses), n), np.nan)
    for row, loss in zip(table, losses):
        row[:len(loss)] = np.where(np.isfinite(loss), loss, np.nan)
    count = np.count_nonzero(~np.isnan(table), axis=0)
    with np.errstate(all="ignore"):
        some = count > 0
        mean, lo, hi = (np.full(n, np.nan) for _ in range(3))
        mean[some] = np.nanmean(table[:, some], axis=0)
        lo[some] = np.nanmin(table[:, some], axis=0)
        hi[some] = np.nanmax(table[:, some], axis=0)
    return LossBand(step, mean, lo, hi, count)


def _column(traj: Trajectory, col: int, every: int) -> np.ndarray:
    """Column ``col`` of ``traj`` at rows 0, ``every``, …, read a block at a time (n,)."""
    n, block = len(traj), every * 4096
    return np.concatenate([traj.rows(lo, lo + block)[::every, col] for lo in range(0, n, block)])
