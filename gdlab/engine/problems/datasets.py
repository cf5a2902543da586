"""Small seeded synthetic data sets for the models (pure numpy).

Classification sets return ``X`` of shape (N, 2) (float64) and integer labels
``y`` of shape (N,) in ``0 .. classes-1``; the same ``(name, n, noise, seed,
classes)`` always gives the same arrays. Regression sets return ``x`` (N,) and
``y`` (N,).
"""

from __future__ import annotations

import numpy as np
# numpy imports its random module at first use (8 ms): with the engine, not in the window's
# first change to a model
from numpy.random import default_rng

from ..text import N_

#: name -> (default noise, fixed number of classes or None if ``classes`` applies)
CLASSIFICATION = {
    "spiral": (0.2, None),
    "moons": (0.1, 2),
    "circles": (0.05, 2),
    "xor": (0.1, 2),
    "blobs": (0.5, None),
}
DATASETS = tuple(CLASSIFICATION)
#: each data set's name in a sentence the window shows (translated there)
NAMES = {"spiral": N_("spiral"), "moons": N_("moons"), "circles": N_("circles"),
         "xor": N_("XOR"), "blobs": N_("blobs")}


def make_classification(name: str, n: int = 200, noise: float | None = None, seed: int = 0,
                        classes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """A seeded 2-D classification set: ``(X (n, 2), y (n,))``.

    ``spiral``: ``classes`` interleaved arms of 1.5 turns (as the CS231n spiral); ``moons``: two
    interleaving half circles; ``circles``: a ring around a disc; ``xor``: four
    quadrant clusters labelled by the sign of x·y; ``blobs``: ``classes``
    Gaussian clusters on a circle. ``noise`` is the Gaussian jitter (default
    per set, see :data:`CLASSIFICATION`). Points are split as evenly as
    possible between the classes, then shuffled.
    """
    if name not in CLASSIFICATION:
        raise ValueError(f"unknown dataset {name!r}; choose one of: {', '.join(DATASETS)}")
    default_noise, fixed = CLASSIFICATION[name]
    noise = default_noise if noise is None else float(noise)
    if not noise >= 0:
        raise ValueError(f"invalid noise {noise!r}: it must be ≥ 0")
    if fixed and classes != fixed:
        free = " and ".join(d for d, (_, f) in CLASSIFICATION.items() if f is None)
        raise ValueError(f"invalid classes {classes!r}: the {name} data set has {fixed} classes; "
                         f"the number of classes applies to {free} only")
    k = fixed or int(classes)
    if k < 2:
        raise ValueError(f"invalid classes {classes!r}: at least 2")
    if n < 2 * k:
        raise ValueError(f"invalid samples {n!r}: {name} with {k} classes needs at least "
                         f"{2 * k} points (two per class)")
    rng = default_rng(seed)
    counts = [n // k + (1 if c < n % k else 0) for c in range(k)]
    y = np.repeat(np.arange(k), counts)
    parts = []
    for c, m in enumerate(counts):
        t = (np.arange(m) + 0.5) / m  # 0..1 along the class
        if name == "spiral":
            r = t
            theta = 3.0 * np.pi * t + 2.0 * np.pi * c / k  # 1.5 turns per arm
            theta = theta + noise * rng.standard_normal(m)
            P = np.c_[r * np.sin(theta), r * np.cos(theta)]
        elif name == "moons":
            a = np.pi * t
            P = np.c_[np.cos(a), np.sin(a)] if c == 0 else np.c_[1.0 - np.cos(a), 0.5 - np.sin(a)]
            P = P + noise * rng.standard_normal((m, 2))
        elif name == "circles":
            a = 2.0 * np.pi * rng.random(m)
            r = 1.0 if c == 0 else 0.5
            P = r * np.c_[np.cos(a), np.sin(a)] + noise * rng.standard_normal((m, 2))
        elif name == "xor":
            P = rng.uniform(0.1, 1.0, size=(m, 2))
            signs = rng.choice([-1.0, 1.0], size=m)  # quadrant I/III (c=0) or II/IV (c=1)
            P = P * np.c_[signs, signs * (1.0 if c == 0 else -1.0)]
            P = P + noise * rng.standard_normal((m, 2))
        else:  # blobs
            a = 2.0 * np.pi * c / k
            P = 2.0 * np.array([np.cos(a), np.sin(a)]) + noise * rng.standard_normal((m, 2))
        parts.append(P)
    X = np.concatenate(parts).astype(np.float64)
    order = rng.permutation(n)
    return X[order], y[order]


def make_line(n: int = 20, w: float = 2.0, b: float = 1.0, noise: float = 0.5, seed: int = 0,
              low: float = -3.0, high: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy points around ``y = w·x + b``: ``(x (n,), y (n,))``, x uniform in [low, high]."""
    rng = default_rng(seed)
    x = rng.uniform(low, high, n)
    return x, w * x + b + noise * rng.standard_normal(n)


def one_hot(y: np.ndarray, classes: int) -> np.ndarray:
    """Labels (N,) -> one-hot (N, classes) float64."""
    T = np.zeros((len(y), classes))
    T[np.arange(len(y)), y] = 1.0
    return T
