"""The optimizers' base class: hyperparameter bookkeeping and the per-leaf loop.

Each optimizer is an object holding its hyperparameters (validated when set,
changeable between any two steps) with two methods in optax's style::

    state = opt.init(params)                      # params: list of leaves
    params, state = opt.update(grads, state, params)

A *leaf* is a Python float, a numpy scalar or an array of any shape: the rule
for one leaf (``_leaf``) is written once with arithmetic that works on all of
them, so the same code steps one 2-D run held in plain floats (fast), one run
in float32, a model's weight matrices, or a batch of K runs as a (K, d) array
with per-run learning rates of shape (K, 1).

An optimizer whose step is not a rule per leaf (L-BFGS: dot products over every leaf, a
line search that evaluates the function) sets ``per_leaf = False`` and takes the run's
loss and an evaluation closure in ``update``.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from ..text import Message
from . import hyperparams as hp
from .hyperparams import HyperParam

Leaf = Any  # float | np.ndarray
#: ``closure(params) -> (loss, grads)``: the run's evaluation at other parameters
Closure = Callable[[Sequence[Leaf]], tuple]


class UnknownHyperparameter(ValueError):
    """A name the optimizer does not have (the CLI turns it into a line about its flag)."""

    def __init__(self, optimizer: str, name: str, known: Sequence[str]) -> None:
        super().__init__(Message("{optimizer} has no hyperparameter {name!r} (it has: {known})",
                                 optimizer=optimizer, name=name, known=", ".join(known)))
        self.optimizer, self.name, self.known = optimizer, name, tuple(known)


class Optimizer:
    """Base class: hyperparameter bookkeeping and the per-leaf loop."""

    name: str = ""
    title: str = ""
    equations: str = ""
    group: str = "first-order"  # one of GROUPS (gdlab list, the panel's combo, the README)
    specs: tuple[HyperParam, ...] = ()
    per_leaf: bool = True  # a rule per leaf (_coefficients, _leaf); else update() only
    own_lr: bool = False  # lr is a scale of the method's own step (1 by default): the recipe
    #                       keeps the optimizer's default instead of the problem's rate
    oracle: bool = False  # steps with the run as its oracle (Hessian, line search) in an
    #                       OracleRun, on the 2-D functions only (second_order.py)
    #: evaluates f or ∇f more than once a step: the run records f_evals, grad_evals
    counts_evaluations: bool = False

    def __init__(self, **values: hp.Value) -> None:
        self._spec = {s.name: s for s in self.specs}
        for s in self.specs:
            object.__setattr__(self, s.name, s.default)
        self.set(**values)

    def __setattr__(self, key: str, value: Any) -> None:
        spec = self.__dict__.get("_spec", {}).get(key)
        if spec is not None:
            value = _validate(spec, value)
        object.__setattr__(self, key, value)

    def set(self, **values: hp.Value) -> None:
        """Change hyperparameters; unknown names (:class:`UnknownHyperparameter`) and bad
        values raise ``ValueError``."""
        for key in values:
            if key not in self._spec:
                raise UnknownHyperparameter(self.name, key, list(self._spec))
        checked = {k: _validate(self._spec[k], v) for k, v in values.items()}
        for key, value in checked.items():
            object.__setattr__(self, key, value)

    @property
    def hyper(self) -> dict[str, Any]:
        """Current hyperparameter values by name."""
        return {s.name: getattr(self, s.name) for s in self.specs}

    # -- optax-style interface ------------------------------------------------
    def init(self, params: Sequence[Leaf]) -> tuple:
        """State for ``params``: ``(t, slots)``, a step counter and one slot tuple per leaf."""
        return 0, tuple(self._init_leaf(p) for p in params)

    def update(self, grads: Sequence[Leaf], state: tuple, params: Sequence[Leaf]) -> tuple[list, tuple]:
        """One step: new parameter leaves and the new state."""
        t = state[0] + 1
        c = self._coefficients(t)
        leaf = self._leaf
        new_params = []
        new_slots = []
        for p, g, s in zip(params, grads, state[1]):
            p, s = leaf(p, g, s, c)
            new_params.append(p)
            new_slots.append(s)
        return new_params, (t, new_slots)

    def note(self, state: Any) -> str:
        """What the learner should hear about the update that gave ``state`` ("" for
        nothing; an optimizer that is not a rule per leaf may have something to say)."""
        return ""

    def _coefficients(self, t: int) -> tuple:
        """Per-step scalars shared by all leaves (read the hyperparameters once a step)."""
        raise NotImplementedError

    def _init_leaf(self, p: Leaf) -> tuple:
        return ()

    def _leaf(self, p: Leaf, g: Leaf, s: tuple, c: tuple) -> tuple[Leaf, tuple]:
        raise NotImplementedError

    def explain(self, e: Any) -> None:
        """The step inspector's lines for this rule, written with
        :class:`~gdlab.engine.analysis.explain.Explainer` ``e``: the update as it is done,
        with the step's values (flat vectors ``e.p``, ``e.g``, ``e.slot(i)``; ``e.after``
        the state after the step)."""
        raise NotImplementedError(f"{self.name} does not explain its steps yet")

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyper.items())
        return f"{type(self).__name__}({args})"


def _validate(spec: HyperParam, value: Any) -> Any:
    """Scalars are checked against the spec; arrays (per-run values of a number) element-wise."""
    if getattr(value, "ndim", 0) > 0:
        spec.validate_many(value)
        return value
    return spec.validate(value)


def _zeros(p: Leaf) -> Leaf:
    return p * 0.0


def _on(v: Any) -> bool:
    """Whether a term is on: a float ≠ 0, or per-run values (an array) not all 0 (runs
    whose value is 0 then compute the term with 0, which changes nothing)."""
    return bool(v.any()) if hasattr(v, "any") else v != 0




def _neg(maximize: Any) -> bool:
    """Whether to step up the gradient (torch's ``maximize``: the gradient negated first)."""
    return bool(maximize)


def _where(cond: Any, a: Any, b: Any) -> Any:
    """``a`` where ``cond`` else ``b``: a Python choice for one run, ``np.where`` for per-run
    arrays (a batch's hyperparameters)."""
    if isinstance(cond, np.ndarray):
        return np.where(cond, a, b)
    return a if cond else b


def _single(v: Any) -> Any:
    """``v`` rounded to float32 and back: torch 2.x keeps some per-step scalars of its state
    (ASGD's η, NAdam's product of μ) as float32 tensors, whatever the parameters' dtype."""
    if isinstance(v, np.ndarray):
        return v.astype(np.float32).astype(v.dtype)
    return float(np.float32(v))
