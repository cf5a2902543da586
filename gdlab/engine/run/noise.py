"""Seeded gradient noise: each gradient a run uses gets N(0, σ²I) added, as stochastic
gradient descent's learners meet it.

The noise of step k depends only on the seed and k (drawn in blocks of :data:`BLOCK` steps,
block b from ``default_rng([seed, b])``), not on how the run was cut into chunks: the same
seed gives the same run, whether it ran in one go, paused, or was reset. A single run
(:class:`~gdlab.engine.run.single.Run`) and a batch of runs sharing a seed
(:class:`~gdlab.engine.run.batch.BatchRun`) get the same values at each step.
"""

from __future__ import annotations

import math
from typing import Iterator

import numpy as np

from ..text import Message

BLOCK = 1024  # steps of noise drawn at a time
SEED_MAX = 2**63 - 1


def check_noise(sigma: float, seed: int) -> None:
    """Raise ``ValueError`` (a message for the user) unless σ is a finite number ≥ 0 and
    the seed a whole number from 0 to :data:`SEED_MAX`."""
    if isinstance(sigma, bool) or not isinstance(sigma, (int, float, np.number)) \
            or not (math.isfinite(sigma) and sigma >= 0):
        raise ValueError(Message("invalid grad_noise {value!r}: the noise's σ must be a finite "
                                 "number ≥ 0", value=sigma))
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) \
            or not 0 <= seed <= SEED_MAX:
        raise ValueError(Message("invalid noise_seed {value!r}: the seed must be a whole "
                                 "number from 0 to {most}", value=seed, most=SEED_MAX))


class GradientNoise:
    """N(0, σ²) noise for ``size`` gradient values per step, seeded by ``seed``."""

    def __init__(self, sigma: float, seed: int, size: int) -> None:
        check_noise(sigma, seed)
        self.sigma, self.seed, self.size = float(sigma), int(seed), int(size)
        self._block_index = -1
        self._block = np.empty((0, size))

    def _load(self, b: int) -> np.ndarray:
        if b != self._block_index:
            rng = np.random.default_rng([self.seed, b])
            self._block = self.sigma * rng.standard_normal((BLOCK, self.size))
            self._block_index = b
        return self._block

    def at(self, step: int) -> np.ndarray:
        """The noise of step ``step``, shape (size,)."""
        return self._load(step // BLOCK)[step % BLOCK]

    def rows_from(self, step: int) -> Iterator[list[float]]:
        """The noise of steps ``step``, ``step + 1``, … as lists of ``size`` floats."""
        b, i = divmod(step, BLOCK)
        while True:
            yield from self._load(b)[i:].tolist()
            b, i = b + 1, 0
