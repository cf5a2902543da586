"""The line-fitting models (seeds sections 3 and 5): ``linreg-w`` f = w·x, ``linreg``
y = w·x + b by least squares, ``adaline`` y = w·x + b by |error|, one sample per update."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..text import N_
from .datasets import make_line
from .models import MODEL_MATH, Leaf, ModelProblem, epoch_batches, leaf_dtype


class LinRegW(ModelProblem):
    """Seeds section 3: f = w·x on X = [1, 2, 3, 4], Y = 2X, loss mean((w·X − Y)²)."""

    name = "linreg-w"
    title = N_("Linear regression f = w·x (seeds §3)")
    formula = "J(w) = mean((w·X − Y)²), X = [1, 2, 3, 4], Y = 2X"
    note = N_("The seeds' hand-worked regression: lr 0.01, 20 steps from w = 0 -> f(5) = 9.612.")
    param_names = ("w",)
    suggested_lr = 0.01
    default_steps = 20
    start = (0.0,)
    path_plot = "curve"
    fit_label = N_("fit  y = w·x")
    fit_through_origin = True

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.X = np.array([1.0, 2.0, 3.0, 4.0])
        self.y = 2.0 * self.X

    def loss_expr(self, params, idx, m=MODEL_MATH):
        X, Y = self._arrays(leaf_dtype(params[0]))
        return m.mean(m.square(params[0] * X - Y))

    def analytic(self, params, idx):
        (w,) = params
        X, Y = self._arrays(leaf_dtype(w))
        r = w * X - Y
        return np.mean(r * r), [np.mean(2 * X * r)], ()

    def explain_forward(self, e: Any, params: Sequence[Leaf]) -> None:
        """The step inspector's worked forward pass (seeds §3, as the text works it by hand)."""
        from ..analysis.explain import Data
        (w,) = params
        X, Y = self._arrays(leaf_dtype(w))
        yp = e.line("y_pred", "w{k}·X", "{0}·{1}", Data(w * X), w, Data(X))
        r = w * X - Y
        e.line("J(w{k})", "mean((y_pred − Y)²)", "mean(({0} − {1})²)", np.mean(r * r), yp,
               Data(Y))
        e.line("g{k} = dJ/dw", "mean(2·X·(y_pred − Y))", "mean(2·{0}·{1})", e.g, Data(X),
               Data(r))

    def predict(self, params: Sequence[Leaf], x: Any) -> Any:
        """f(x) = w·x."""
        return params[0] * x

    def optimum(self):
        X, Y = self.data
        return (float(np.dot(X, Y) / np.dot(X, X)),)

    def summary_lines(self, run):
        rows = run.trajectory.rows()
        w0 = float(self.init_params(run.start)[0])
        return ["epoch      w after the update, loss before it",
                *(f"  epoch {e}: w = {rows[e, 0]:.3f}, loss = {rows[e - 1, 1]:.6f}"
                  for e in range(1, len(rows))),
                f"prediction f(5) before training {5 * w0:.3f}, after training "
                f"{float(self.predict(run.params, 5.0)):.3f}"]


class LinReg(ModelProblem):
    """y = w·x + b with MSE on a seeded noisy line around y = 2x + 1 (full batch)."""

    name = "linreg"
    title = N_("Linear regression y = w·x + b")
    formula = N_("J(w, b) = mean((w·x + b − y)²), data: y = 2x + 1 + noise")
    note = N_("A seeded noisy line; the least-squares fit is near (2, 1).")
    param_names = ("w", "b")
    suggested_lr = 0.05
    default_steps = 200
    start = (0.0, 0.0)
    option_defaults = {"n": 20, "noise": 0.5, "seed": 0}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        o = self.options
        self.X, self.y = make_line(o["n"], 2.0, 1.0, o["noise"], o["seed"])

    def loss_expr(self, params, idx, m=MODEL_MATH):
        w, b = params
        X, Y = self._arrays(leaf_dtype(w))
        return m.mean(m.square(w * X + b - Y))

    def analytic(self, params, idx):
        w, b = params
        X, Y = self._arrays(leaf_dtype(w))
        r = w * X + b - Y
        return np.mean(r * r), [np.mean(2 * X * r), np.mean(2 * r)], ()

    def predict(self, params, x):
        return params[0] * x + params[1]

    def least_squares(self) -> tuple[float, float]:
        """The exact minimiser ``(w, b)`` of the loss."""
        w, b = np.polyfit(self.X, self.y, 1)
        return float(w), float(b)

    def optimum(self):
        return self.least_squares()

    def summary_lines(self, run):
        return [f"least squares (w, b) = ({', '.join(f'{v:.8g}' for v in self.least_squares())})"]


class Adaline(ModelProblem):
    """Seeds section 5: loss |label − (w·x + b)|, one sample per update, built on the graph."""

    name = "adaline"
    title = N_("ADALINE (seeds §5)")
    formula = N_("J(w, b) = |label − (w·x + b)| per sample, data: label = 2x + 1, "
                 "x in [-10, 10]")
    note = N_("One sample per update; w's rate is lr/2 (the seeds' 0.05 vs 0.1), "
              "decaying as lr/(1 + k/200) (the inverse-time schedule).")
    param_names = ("w", "b")
    suggested_lr = 0.1
    default_steps = 2000
    default_gradient = "autodiff"
    start = (0.0, 0.0)
    option_defaults = {"batch": 1, "n": 100, "seed": 0, "w_scale": 0.5}
    default_schedule = ("inverse-time", {"decay_steps": 200})
    views = ("graph", "data", "inspector", "steps", "check")
    fit_measures = ("mean |error|", "MSE")

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        o = self.options
        rng = np.random.default_rng(o["seed"])
        self.X = rng.uniform(-10.0, 10.0, o["n"])
        self.y = 2.0 * self.X + 1.0
        self.batch, self.seed = o["batch"], o["seed"]
        self.lr_scales = (o["w_scale"], 1.0)

    def batches(self):
        return epoch_batches(len(self.y), self.batch, self.seed + 1)

    def _batch(self, params, idx):
        w = params[0]
        X, Y = self._arrays(leaf_dtype(w))
        return (X, Y) if idx is None else (X[idx], Y[idx])

    def loss_expr(self, params, idx, m=MODEL_MATH):
        w, b = params
        x, label = self._batch(params, idx)
        return m.mean(m.abs(label - (w * x + b)))

    def analytic(self, params, idx):
        w, b = params
        x, label = self._batch(params, idx)
        u = label - (w * x + b)
        s = np.where(u > 0, 1.0, -1.0).astype(u.dtype)  # d|u|/du, -1 at u = 0 (the seeds)
        return np.mean(np.abs(u)), [np.mean(-s * x), np.mean(-s)], ()

    def predict(self, params, x):
        return params[0] * x + params[1]

    def optimum(self):
        return (2.0, 1.0)  # the line the data come from: |error| is 0 on every sample there

    def summary_lines(self, run):
        rows, cols = run.trajectory.rows(), run.trajectory.columns
        n = min(len(self.y), len(rows))
        w, b = rows[-n:, cols.index("w")].mean(), rows[-n:, cols.index("b")].mean()
        return [f"last epoch (w, b) averaged over {n} updates: ({w:.6g}, {b:.6g}); target (2, 1)"]
