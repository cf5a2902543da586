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
declarations and adding a model means writing its class and
:func:`~gdlab.engine.problems.registry.register_model` it. The built-in models are in
:mod:`~gdlab.engine.problems.linear` and :mod:`~gdlab.engine.problems.mlp`.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import numpy as np

from ..gradients import graph
from ..gradients.methods import GRADIENT_METHODS, numerical_gradient
from ..text import N_, Message
from .options import resolve_options

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


def leaf_dtype(p: Any) -> Any:
    """The dtype of a leaf (numpy value or graph Node)."""
    return p.dtype if isinstance(p, graph.Node) else np.result_type(p)


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


#: the side views a problem may list in ``views``: the step inspector, the last steps' table,
#: the data with the fit, the ADALINE computation graph, the gradient check
VIEWS = ("inspector", "steps", "data", "graph", "check")
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
    optimizer_lr: dict[str, float] = {}  # a rate per optimizer, where suggested_lr doesn't suit it
    default_steps = 100
    default_optimizer = "sgd"
    default_gradient = "analytic"
    start: tuple[float, ...] | None = None  # default start (one number per parameter), if any
    #: how the parameters start when there is no start point (``start`` None)
    start_text = ""
    lr_scales: tuple[float, ...] | None = None  # per-leaf multipliers of the learning rate
    #: the learning-rate schedule and its parameters (:mod:`gdlab.engine.optim.schedules`)
    default_schedule: tuple[str, dict[str, Any]] = ("constant", {})
    extra_columns: tuple[str, ...] = ()

    # -- declarations: what the CLI and the window read ------------------------------------
    #: the options it takes (names in :data:`~gdlab.engine.problems.options.MODEL_OPTIONS`)
    #: and its defaults there (``None``: the data set's own)
    option_defaults: dict[str, Any] = {}
    views: tuple[str, ...] = ("data", "inspector", "steps", "check")  # of VIEWS; the first opens
    path_plot = "contour"  # one of PATH_PLOTS ("projection" needs ``summary``)
    data_plot = "line"  # one of DATA_PLOTS ("classes" needs predict→probabilities, accuracy)
    fit_label = N_("fit  y = w·x + b")  # a line's legend
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
            n = len(self.param_names)
            raise ValueError(f"the start point needs {n} value{'s' * (n != 1)} "
                             f"({', '.join(self.param_names)}), got {len(start or ())}")
        return [dtype(v) for v in start]

    def start_description(self) -> str:
        """How a run starts, for ``gdlab list`` and the window: the start point, or
        :attr:`start_text` when there is none."""
        if self.start is None:
            return self.start_text
        return Message("start {point}", point=", ".join(
            f"{n} = {v:g}" for n, v in zip(self.param_names, self.start)))

    def batches(self) -> Iterator[np.ndarray | None]:
        """Seeded iterator of batch index arrays (``None`` = all the data)."""
        return epoch_batches(len(self.y), len(self.y), 0)

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


def is_model(problem: Any) -> bool:
    """True for a model problem, False for a 2-D :class:`~gdlab.engine.problems.objectives.Objective`."""
    return getattr(problem, "kind", None) == "model"
