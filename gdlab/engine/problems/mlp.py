"""The two-layer network (seeds section 4): a classifier of 2-D data sets."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..text import N_, Message
from .datasets import NAMES, make_classification, one_hot
from .models import MODEL_MATH, ModelProblem, epoch_batches


def _sigmoid(u: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):  # exp(-u) = inf for u ≪ 0 gives the right limit, 0
        return 1.0 / (1.0 + np.exp(-u))


class MLP(ModelProblem):
    """Seeds section 4: x W1 + b1 -> sigmoid -> W2 + b2 -> softmax, mean cross-entropy.

    Shapes: X (N, 2), W1 (2, H), b1 (H,), W2 (H, C), b2 (C,); labels y (N,) in 0..C-1.
    """

    name = "mlp"
    title = N_("Two-layer network (seeds §4)")
    formula = N_("softmax(sigmoid(x·W1 + b1)·W2 + b2), mean cross-entropy")
    param_names = ("W1", "b1", "W2", "b2")
    summary = True
    extra_columns = ("accuracy",)
    suggested_lr = 0.05
    default_steps = 3000
    default_optimizer = "adam"
    start_text = N_("weights 0.01·N(0, 1), biases 0")
    option_defaults = {"dataset": "moons", "hidden": 32, "batch": 100, "n": 200, "classes": 2,
                       "noise": None, "seed": 0}
    views = ("data", "inspector", "check")  # no steps: a network's weights are not in the rows
    path_plot = "projection"
    data_plot = "classes"

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        o = self.options
        self.X, self.y = make_classification(o["dataset"], o["n"], o["noise"], o["seed"],
                                             o["classes"])
        self.classes = o["classes"]
        self.dataset, self.hidden, self.batch, self.seed = (
            o["dataset"], o["hidden"], o["batch"], o["seed"])
        self.note = Message("data set {dataset}: {n} points, {classes} classes, batch {batch}",
                            dataset=Message(NAMES[self.dataset]), n=o["n"],
                            classes=self.classes, batch=self.batch)

    def _make_arrays(self, dtype):
        return self.X.astype(dtype), one_hot(self.y, self.classes).astype(dtype), self.y

    def init_params(self, start=None, dtype=np.float64):
        """Weights 0.01·N(0, 1) (seeded by ``seed``), biases 0: :attr:`start_text`."""
        if start is not None:
            raise ValueError(f"mlp has no start point: {self.start_text} (use --seed)")
        rng = np.random.default_rng([self.seed, 1])
        H, C = self.hidden, self.classes
        return [(0.01 * rng.standard_normal((2, H))).astype(dtype), np.zeros(H, dtype),
                (0.01 * rng.standard_normal((H, C))).astype(dtype), np.zeros(C, dtype)]

    def batches(self):
        return epoch_batches(len(self.y), self.batch, self.seed + 2)

    def _batch(self, dtype, idx):
        X, T, y = self._arrays(dtype)
        return (X, T, y) if idx is None else (X[idx], T[idx], y[idx])

    def loss_expr(self, params, idx, m=MODEL_MATH):
        W1, b1, W2, b2 = params
        x, t, _ = self._batch(W1.dtype, idx)
        z1 = m.sigmoid(x @ W1 + b1)
        return m.softmax_cross_entropy(z1 @ W2 + b2, t)

    def analytic(self, params, idx):
        """Backpropagation, the seeds' formulas; extras = (batch accuracy,)."""
        W1, b1, W2, b2 = params
        x, t, labels = self._batch(W1.dtype, idx)
        n = x.shape[0]
        z1 = _sigmoid(x @ W1 + b1)
        a2 = z1 @ W2 + b2
        s = a2 - a2.max(axis=1, keepdims=True)
        e = np.exp(s)
        tot = e.sum(axis=1, keepdims=True)
        loss = -np.sum(t * (s - np.log(tot))) / n
        dy = (e / tot - t) / n
        da1 = dy @ W2.T
        dz1 = z1 * (1.0 - z1) * da1
        grads = [x.T @ dz1, dz1.sum(axis=0), z1.T @ dy, dy.sum(axis=0)]
        acc = np.count_nonzero(a2.argmax(axis=1) == labels) / n
        return loss, grads, (acc,)

    def extras(self, params, idx):
        x, _, labels = self._batch(params[0].dtype, idx)
        return (float(np.mean(self.classify(params, x) == labels)),)

    def predict(self, params: Sequence[np.ndarray], x: np.ndarray) -> np.ndarray:
        """Class probabilities (N, C) for inputs x (N, 2)."""
        W1, b1, W2, b2 = params
        a2 = _sigmoid(x @ W1 + b1) @ W2 + b2
        e = np.exp(a2 - a2.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def classify(self, params, x):
        """Predicted labels (N,) for inputs x (N, 2)."""
        W1, b1, W2, b2 = params
        return (_sigmoid(x @ W1 + b1) @ W2 + b2).argmax(axis=1)

    def accuracy(self, params) -> float:
        """Accuracy on the whole training set."""
        return float(np.mean(self.classify(params, self.X) == self.y))

    def summary_lines(self, run):
        rows, cols = run.trajectory.rows(), run.trajectory.columns
        shapes = ", ".join(f"{n} {'×'.join(map(str, np.shape(p)))}"
                           for n, p in zip(self.param_names, run.params))
        return [f"network    2-{self.hidden}-{self.classes} ({shapes}); {self.note}",
                f"accuracy   {self.accuracy(run.params):.2%} on the {len(self.y)} training "
                f"points (last batch {rows[-1, cols.index('accuracy')]:.2%})"]
