"""Models as problems a :class:`~gdlab.engine.run.single.Run` can step (seeds sections 3–5).

A model problem holds its data and knows, for a list of parameter leaves
(numpy arrays, or numpy scalars for one-number parameters), how to compute
the loss and its gradient three ways:

* ``analytic`` — the hand-derived gradient (for ``mlp`` the seeds'
  backpropagation formulas);
* ``numerical`` — central differences through
  :func:`~gdlab.engine.gradients.methods.numerical_gradient`, with the seeds' closure
  trick (the loss closure ignores its argument: the leaf it perturbs in place
  *is* the model's parameter array);
* ``autodiff`` — the computation graph of :mod:`gdlab.engine.gradients.graph`.

The loss is written once (``loss_expr(params, idx, m)``) with ``m`` the
dispatching namespace :data:`MODEL_MATH`, so the same definition evaluates on
numpy arrays (numerical gradient, values) and on graph nodes (autodiff).

Mini-batch and stochastic problems draw batches from :meth:`ModelProblem.batches`,
a seeded iterator of index arrays (``None`` = the whole data set): a run that
restarts it gets the same sequence again.

Each model also declares how it is set up and shown (its options, side views, path plot,
data plot, CLI summary: see :class:`ModelProblem`), so that the CLI and the window read the
declarations and adding a model means writing its class and :func:`register_model` it.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import numpy as np

from ..gradients import graph
from .datasets import make_classification, make_line, one_hot
from ..gradients.methods import GRADIENT_METHODS, numerical_gradient
from .options import options_of, resolve_options

if TYPE_CHECKING:
    from ..run.single import Run

Leaf = Any  # np.ndarray or numpy scalar


def _np_softmax_ce(logits: np.ndarray, T: np.ndarray, eps: float = 0.0) -> float:
    """Mean cross-entropy of softmax(logits (N, C)) against one-hot T (N, C), via log-softmax."""
    s = logits - logits.max(axis=-1, keepdims=True)
    logy = s - np.log(np.exp(s).sum(axis=-1, keepdims=True))
    return -np.sum(T * logy) / logits.shape[0]


#: ``graph.fn`` plus the softmax cross-entropy: graph ops for Nodes, numpy otherwise.
MODEL_MATH = SimpleNamespace(
    **vars(graph.fn),
    softmax_cross_entropy=graph._dispatch(graph.softmax_cross_entropy, _np_softmax_ce),
)


def _dt(p: Any) -> Any:
    """The dtype of a leaf (numpy value or graph Node)."""
    return p.dtype if isinstance(p, graph.Node) else np.result_type(p)


def _sigmoid(u: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):  # exp(-u) = inf for u ≪ 0 gives the right limit, 0
        return 1.0 / (1.0 + np.exp(-u))


def epoch_batches(n: int, batch: int, seed: int) -> Iterator[np.ndarray | None]:
    """Endless mini-batches: each epoch a fresh seeded permutation of ``range(n)`` cut into
    batches of ``batch`` indices (a remainder smaller than a batch is dropped); ``None``
    (the full data set) forever when ``batch >= n``."""
    if batch >= n:
        while True:
            yield None
    rng = np.random.default_rng(seed)
    while True:
        perm = rng.permutation(n)
        for i in range(0, n - batch + 1, batch):
            yield perm[i:i + batch]


#: the side views a problem may list in ``views``: the last steps' table, the data with the
#: fit, the ADALINE computation graph, the gradient check
VIEWS = ("steps", "data", "graph", "check")
#: what the path plot draws under the path: J(w) for one parameter, the loss map over two,
#: the loss on the plane of the path's principal directions for many
PATH_PLOTS = ("curve", "contour", "projection")
#: how the data view draws the data: points with the fitted line y = f(x), or 2-D points
#: by class with the decision regions
DATA_PLOTS = ("line", "classes")


class ModelProblem:
    """Base class of the model problems: data, parameters, loss and its gradients.

    Besides the loss, a subclass declares what the CLI and the window need (the defaults
    below suit a two-parameter line fit): ``option_defaults``, ``views``, ``path_plot``,
    ``data_plot`` with ``fit_label``/``fit_through_origin``/``fit_measures`` for a line,
    :meth:`optimum` (marked and framed by the path plot) and :meth:`summary_lines`.
    """

    kind = "model"
    name = ""
    title = ""
    formula = ""
    note = ""
    param_names: tuple[str, ...] = ()
    summary = False  # True: trajectory rows hold loss/grad_norm/lr/accuracy, not the parameters
    equal_axes = False  # a weight and a bias are in different units: no 1:1 map by default
    suggested_lr = 0.01
    default_steps = 100
    default_optimizer = "sgd"
    default_gradient = "analytic"
    start: tuple[float, ...] | None = None  # default start (one number per parameter), if any
    #: how the parameters start when there is no start point (``start`` None)
    start_text = ""
    lr_scales: tuple[float, ...] | None = None  # per-leaf multipliers of the learning rate
    extra_columns: tuple[str, ...] = ()

    # -- declarations: what the CLI and the window read ------------------------------------
    #: the options it takes (names in :data:`~gdlab.engine.problems.options.MODEL_OPTIONS`)
    #: and its defaults there (``None``: the data set's own)
    option_defaults: dict[str, Any] = {}
    views: tuple[str, ...] = ("data", "steps", "check")  # of VIEWS; the first opens
    path_plot = "contour"  # one of PATH_PLOTS ("projection" needs ``summary``)
    data_plot = "line"  # one of DATA_PLOTS ("classes" needs predict→probabilities, accuracy)
    fit_label = "fit  y = w·x + b"  # a line's legend
    fit_through_origin = False  # the line is drawn from x = 0 (f(0) = 0)
    fit_measures: tuple[str, ...] = ("MSE",)  # a line's errors in its title: "MSE", "mean |error|"

    def __init__(self, **options: Any) -> None:
        """``options`` (see :mod:`gdlab.engine.problems.options`) are validated, defaults filled in."""
        self.options: dict[str, Any] = resolve_options(self.name, self.option_defaults, options)

    # -- description ----------------------------------------------------------------
    @property
    def columns(self) -> tuple[str, ...]:
        """The trajectory columns (without ``step``)."""
        if self.summary:
            return ("loss", "grad_norm", "lr", *self.extra_columns)
        names = self.param_names
        return (*names, "loss", *(f"grad_{n}" for n in names), "grad_norm", "lr",
                *self.extra_columns)

    @property
    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X, y)``: inputs (N,) or (N, 2) and targets/labels (N,)."""
        return self.X, self.y

    # -- parameters and batches ---------------------------------------------------------
    def init_params(self, start: Sequence[float] | None, dtype: type = np.float64) -> list[Leaf]:
        """The start parameters; one-number models take ``start`` (default :attr:`start`)."""
        start = self.start if start is None else tuple(start)
        if start is None or len(start) != len(self.param_names):
            raise ValueError(f"the start point needs {len(self.param_names)} values "
                             f"({', '.join(self.param_names)}), got {len(start or ())}")
        return [dtype(v) for v in start]

    def start_description(self) -> str:
        """How a run starts, for ``gdlab list`` and the window: the start point, or
        :attr:`start_text` when there is none."""
        if self.start is None:
            return self.start_text
        return "start " + ", ".join(f"{n} = {v:g}" for n, v in zip(self.param_names, self.start))

    def batches(self) -> Iterator[np.ndarray | None]:
        """Seeded iterator of batch index arrays (``None`` = all the data)."""
        return epoch_batches(len(self.y), len(self.y), 0)

    def lr_factor(self, k: int) -> float:
        """Learning-rate schedule: the rate of update k+1 is ``lr · lr_factor(k)``."""
        return 1.0

    def optimum(self) -> tuple[float, ...] | None:
        """The minimiser, one number per parameter, if known (the path plot marks it and
        frames it with the start)."""
        return None

    def summary_lines(self, run: Run) -> list[str]:
        """What ``gdlab run`` prints about this model after the common summary."""
        return []

    # -- loss and gradients -------------------------------------------------------------
    def _arrays(self, dtype: Any) -> tuple:
        """The data arrays in ``dtype`` (cached)."""
        cache = self.__dict__.setdefault("_cache", {})
        key = np.dtype(dtype)
        if key not in cache:
            cache[key] = self._make_arrays(key.type)
        return cache[key]

    def _make_arrays(self, dtype: type) -> tuple:
        return (self.X.astype(dtype), self.y.astype(dtype))

    def loss_expr(self, params: Sequence[Any], idx: np.ndarray | None, m: Any = MODEL_MATH) -> Any:
        """The loss on batch ``idx``, written once for numpy leaves and graph Variables."""
        raise NotImplementedError

    def analytic(self, params: Sequence[Leaf], idx: np.ndarray | None) -> tuple[float, list, tuple]:
        """``(loss, grads, extras)`` with the hand-derived gradient."""
        raise NotImplementedError

    def extras(self, params: Sequence[Leaf], idx: np.ndarray | None) -> tuple:
        """Values of :attr:`extra_columns` on batch ``idx``."""
        return ()

    def evaluate(self, params: Sequence[Leaf], idx: np.ndarray | None, method: str = "analytic",
                 h: float = 1e-4) -> tuple[float, list, tuple]:
        """``(loss, grads, extras)`` at ``params`` on batch ``idx`` by ``method``."""
        if method == "analytic":
            return self.analytic(params, idx)
        if method == "autodiff":
            vs = [graph.Variable(p) for p in params]
            loss = self.loss_expr(vs, idx, MODEL_MATH)
            loss.backward()
            grads = [v.grad if np.ndim(p) else v.grad[()] for v, p in zip(vs, params)]
            return float(loss.value), grads, self.extras(params, idx)
        if method == "numerical":
            leaves = [np.array(p) for p in params]  # copies the closure sees and perturbs
            f = lambda _: float(self.loss_expr(leaves, idx, MODEL_MATH))  # noqa: E731
            grads = [numerical_gradient(f, leaf, h) for leaf in leaves]
            grads = [g if np.ndim(p) else g[()] for g, p in zip(grads, params)]
            return f(None), grads, self.extras(params, idx)
        raise ValueError(f"unknown gradient method {method!r}; "
                         f"choose one of: {', '.join(GRADIENT_METHODS)}")

    def row(self, params: Sequence[Leaf], loss: float, grads: Sequence[Leaf], grad_norm: float,
            lr: float, extras: tuple) -> tuple[float, ...]:
        """One trajectory row, matching :attr:`columns`."""
        if self.summary:
            return (float(loss), grad_norm, lr, *extras)
        return (*map(float, params), float(loss), *map(float, grads), grad_norm, lr, *extras)


# -- linear regression ---------------------------------------------------------------------
class LinRegW(ModelProblem):
    """Seeds section 3: f = w·x on X = [1, 2, 3, 4], Y = 2X, loss mean((w·X − Y)²)."""

    name = "linreg-w"
    title = "Linear regression f = w·x (seeds §3)"
    formula = "J(w) = mean((w·X − Y)²), X = [1, 2, 3, 4], Y = 2X"
    note = "The seeds' hand-worked regression: lr 0.01, 20 steps from w = 0 -> f(5) = 9.612."
    param_names = ("w",)
    suggested_lr = 0.01
    default_steps = 20
    start = (0.0,)
    path_plot = "curve"
    fit_label = "fit  y = w·x"
    fit_through_origin = True

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.X = np.array([1.0, 2.0, 3.0, 4.0])
        self.y = 2.0 * self.X

    def loss_expr(self, params, idx, m=MODEL_MATH):
        X, Y = self._arrays(_dt(params[0]))
        return m.mean(m.square(params[0] * X - Y))

    def analytic(self, params, idx):
        (w,) = params
        X, Y = self._arrays(_dt(w))
        r = w * X - Y
        return np.mean(r * r), [np.mean(2 * X * r)], ()

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
    title = "Linear regression y = w·x + b"
    formula = "J(w, b) = mean((w·x + b − y)²), data: y = 2x + 1 + noise"
    note = "A seeded noisy line; the least-squares fit is near (2, 1)."
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
        X, Y = self._arrays(_dt(w))
        return m.mean(m.square(w * X + b - Y))

    def analytic(self, params, idx):
        w, b = params
        X, Y = self._arrays(_dt(w))
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
    title = "ADALINE (seeds §5)"
    formula = "J(w, b) = |label − (w·x + b)| per sample, data: label = 2x + 1, x in [-10, 10]"
    note = ("One sample per update; w's rate is lr/2 (the seeds' 0.05 vs 0.1), "
            "decaying as lr/(1 + k/200).")
    param_names = ("w", "b")
    suggested_lr = 0.1
    default_steps = 2000
    default_gradient = "autodiff"
    start = (0.0, 0.0)
    option_defaults = {"batch": 1, "n": 100, "seed": 0, "w_scale": 0.5, "decay": 200.0}
    views = ("graph", "data", "steps", "check")
    fit_measures = ("mean |error|", "MSE")

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        o = self.options
        rng = np.random.default_rng(o["seed"])
        self.X = rng.uniform(-10.0, 10.0, o["n"])
        self.y = 2.0 * self.X + 1.0
        self.batch, self.seed, self.decay = o["batch"], o["seed"], o["decay"]
        self.lr_scales = (o["w_scale"], 1.0)

    def batches(self):
        return epoch_batches(len(self.y), self.batch, self.seed + 1)

    def lr_factor(self, k: int) -> float:
        return 1.0 / (1.0 + k / self.decay) if self.decay else 1.0

    def _batch(self, params, idx):
        w = params[0]
        X, Y = self._arrays(_dt(w))
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


# -- two-layer network -------------------------------------------------------------------------
class MLP(ModelProblem):
    """Seeds section 4: x W1 + b1 -> sigmoid -> W2 + b2 -> softmax, mean cross-entropy.

    Shapes: X (N, 2), W1 (2, H), b1 (H,), W2 (H, C), b2 (C,); labels y (N,) in 0..C-1.
    """

    name = "mlp"
    title = "Two-layer network (seeds §4)"
    formula = "softmax(sigmoid(x·W1 + b1)·W2 + b2), mean cross-entropy"
    param_names = ("W1", "b1", "W2", "b2")
    summary = True
    extra_columns = ("accuracy",)
    suggested_lr = 0.05
    default_steps = 3000
    default_optimizer = "adam"
    start_text = "weights 0.01·N(0, 1), biases 0"
    option_defaults = {"dataset": "moons", "hidden": 32, "batch": 100, "n": 200, "classes": 2,
                       "noise": None, "seed": 0}
    views = ("data", "check")  # no steps: a network's weights are not in the rows
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
        self.note = (f"data set {self.dataset}: {o['n']} points, {self.classes} classes, "
                     f"batch {self.batch}")

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


MODELS: dict[str, type[ModelProblem]] = {}


def _misfits(cls: type[ModelProblem]) -> list[str]:
    """What in ``cls``'s declarations does not fit the CLI and the window (empty: all fits)."""
    from .objectives import OBJECTIVES
    d, plot = len(cls.param_names), cls.path_plot
    checks = [
        (bool(cls.name) and cls.name not in MODELS and cls.name not in OBJECTIVES,
         f"the name {cls.name!r} is empty or taken"),
        (bool(cls.views) and set(cls.views) <= set(VIEWS),
         f"views {cls.views} are not all of {VIEWS} (at least one)"),
        (plot in PATH_PLOTS, f"path_plot {plot!r} is not one of {PATH_PLOTS}"),
        (plot != "curve" or d == 1, "a curve needs one parameter"),
        (plot != "contour" or d == 2, "a contour map needs two parameters"),
        # the window keeps parameter snapshots (what a projection needs) of summary runs only
        (cls.summary == (plot == "projection"), "summary rows go with path_plot 'projection'"),
        ("data" not in cls.views or cls.data_plot in DATA_PLOTS,
         f"data_plot {cls.data_plot!r} is not one of {DATA_PLOTS}"),
    ]
    return [why for fits, why in checks if not fits]


def register_model(cls: type[ModelProblem]) -> type[ModelProblem]:
    """Make ``cls`` a problem everywhere (``get_problem``, the CLI, the window's list) after
    checking its declarations and option defaults; ``ValueError`` says what does not fit."""
    misfits = _misfits(cls)
    if misfits:
        raise ValueError(f"model {cls.__name__}: {'; '.join(misfits)}")
    for o in options_of(cls.option_defaults):  # raises on an option the table lacks
        if cls.option_defaults[o.name] is not None:
            o.validate(cls.option_defaults[o.name])
    MODELS[cls.name] = cls
    return cls


for _cls in (LinRegW, LinReg, Adaline, MLP):
    register_model(_cls)


def make_model(name: str, **options: Any) -> ModelProblem:
    """Build a model problem by name; options it does not take raise unless ``None``."""
    try:
        cls = MODELS[name]
    except KeyError:
        raise ValueError(f"unknown model {name!r}; choose one of: {', '.join(MODELS)}") from None
    return cls(**options)


def is_model(problem: Any) -> bool:
    """True for a model problem, False for a 2-D :class:`~gdlab.engine.problems.objectives.Objective`."""
    return getattr(problem, "kind", None) == "model"


def problem_names() -> tuple[str, ...]:
    """Every name ``get_problem`` accepts: the 2-D objectives, then the models."""
    from .objectives import OBJECTIVES
    return (*OBJECTIVES, *MODELS)


def get_problem(name: str, **options: Any) -> Any:
    """The central registry: a 2-D Objective or a model problem (built with ``options``)."""
    from .objectives import OBJECTIVES
    if name in OBJECTIVES:
        objective = OBJECTIVES[name]
        if any(v is not None for v in options.values()):
            resolve_options(name, objective.option_defaults, options)  # raises, naming them
        return objective
    if name in MODELS:
        return make_model(name, **options)
    raise ValueError(f"unknown problem {name!r}; choose one of: {', '.join(problem_names())}")
