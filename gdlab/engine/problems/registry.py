"""The central registry of problems: the 2-D objectives and the registered models, by name.

``get_problem(name, **options)`` builds any of them; :func:`register_model` makes a
:class:`~gdlab.engine.problems.models.ModelProblem` subclass a problem everywhere (the CLI,
the window's list) after checking its declarations.
"""

from __future__ import annotations

import math
from typing import Any

from ..optim.optimizers import OPTIMIZERS
from .linear import Adaline, LinReg, LinRegW
from .mlp import MLP
from .models import DATA_PLOTS, PATH_PLOTS, VIEWS, ModelProblem
from .formula import parse_formula
from .objectives import OBJECTIVES
from .options import options_of, resolve_options
from ..text import Message

MODELS: dict[str, type[ModelProblem]] = {}


def _misfits(cls: type[ModelProblem]) -> list[str]:
    """What in ``cls``'s declarations does not fit the CLI and the window (empty: all fits)."""
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
        (set(cls.optimizer_lr) <= set(OPTIMIZERS) and all(
            0 < lr < math.inf for lr in cls.optimizer_lr.values()),
         f"optimizer_lr {cls.optimizer_lr} needs optimizer names and rates > 0"),
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
        raise ValueError(Message("unknown model {name!r}; choose one of: {choices}", name=name,
                                 choices=", ".join(MODELS))) from None
    return cls(**options)


def problem_names() -> tuple[str, ...]:
    """Every name ``get_problem`` accepts: the 2-D objectives, then the models."""
    return (*OBJECTIVES, *MODELS)


#: the problem name of a typed formula (its text is the recipe's ``formula``)
FORMULA = "formula"


def get_problem(name: str, formula: str | None = None, **options: Any) -> Any:
    """The central registry: a 2-D Objective, a model problem (built with ``options``) or,
    with ``formula`` (name :data:`FORMULA`), the objective of that text."""
    if formula is not None or name == FORMULA:
        if formula is None:
            raise ValueError(Message("the problem 'formula' needs its formula, e.g. --formula "
                                     "'x^2 + y^2'"))
        if name != FORMULA:
            raise ValueError(Message("a formula is its own problem; drop the problem {name!r}",
                                     name=name))
        return parse_formula(formula)
    if name in OBJECTIVES:
        objective = OBJECTIVES[name]
        if any(v is not None for v in options.values()):
            resolve_options(name, objective.option_defaults, options)  # raises, naming them
        return objective
    if name in MODELS:
        return make_model(name, **options)
    raise ValueError(Message("unknown problem {name!r}; choose one of: {choices}", name=name,
                             choices=", ".join(problem_names())))
