"""The model problems' options (data set, hidden units, batch size…): one spec table.

Each :class:`ModelOption` holds a label, a type, limits and help; a problem says which
options it takes and its defaults there (its ``option_defaults``). The CLI's model flags
and the window's "Model" group are both built from :data:`MODEL_OPTIONS`, and
:func:`resolve_options` validates for both, so they refuse the same things with the same
message.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Mapping

from ..text import N_, Message
from .datasets import DATASETS


@dataclass(frozen=True)
class ModelOption:
    """One model option: the constructor keyword ``name`` and its limits.

    ``kind`` is ``int``, ``float`` or ``str`` (then ``choices`` lists the allowed values).
    The defaults belong to the problems that take the option (``option_defaults``).
    """

    name: str
    label: str
    kind: type
    low: float = 0.0
    high: float = math.inf
    choices: tuple[str, ...] = ()
    help: str = ""
    flag_name: str = ""

    @property
    def flag(self) -> str:
        """The command-line flag, e.g. ``--samples`` for ``n``."""
        return "--" + (self.flag_name or self.name).replace("_", "-")

    def range_text(self) -> str:
        if self.choices:
            return ", ".join(self.choices)
        fmt = (lambda v: f"{int(v):,}") if self.kind is int else (lambda v: f"{v:g}")
        return f"{fmt(self.low)} to {fmt(self.high)}"

    def validate(self, value: Any) -> Any:
        """``value`` as this option's type, or ``ValueError`` naming the option and its range."""
        what = dict(label=self.label.lower(), value=value, range=self.range_text())
        if self.choices:
            if value not in self.choices:
                raise ValueError(Message("invalid {label} {value!r}: choose one of {range}",
                                         **what))
            return value
        if self.kind is int:
            whole = isinstance(value, numbers.Integral) or (
                isinstance(value, numbers.Real) and float(value).is_integer())
            if isinstance(value, bool) or not whole:
                raise ValueError(Message("invalid {label} {value!r}: it must be a whole number "
                                         "from {range}", **what))
            value = int(value)
        else:
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise ValueError(Message("invalid {label} {value!r}: it must be a number from "
                                         "{range}", **what)) from None
        if not (self.low <= value <= self.high):  # also refuses nan
            raise ValueError(Message("invalid {label} {value!r}: it must be from {range}",
                                     **what))
        return value


# Upper limits keep one numerical-gradient step, the gradient check and the projection of a
# network's path within about a second: an interactive program, and a CLI that never hangs.
MODEL_OPTIONS: tuple[ModelOption, ...] = (
    ModelOption("dataset", N_("Data set"), str, choices=DATASETS,
                help=N_("the synthetic 2-D data set the network classifies")),
    ModelOption("hidden", N_("Hidden units"), int, 1, 128,
                help=N_("size of the sigmoid hidden layer")),
    ModelOption("batch", N_("Batch size"), int, 1, 2000,
                help=N_("samples per update (mini-batch; ≥ samples: the whole data set)")),
    ModelOption("n", N_("Samples"), int, 2, 2000,
                help=N_("number of data points"), flag_name="samples"),
    ModelOption("classes", N_("Classes"), int, 2, 10,
                help=N_("number of classes (spiral arms or blobs; the other data sets have 2)")),
    ModelOption("noise", N_("Noise"), float, 0.0, 5.0,
                help=N_("Gaussian noise added to the data")),
    ModelOption("seed", N_("Seed"), int, 0, 2**31 - 1,
                help=N_("random seed of the data, the initial weights and the batches")),
    ModelOption("w_scale", N_("w rate (× lr)"), float, 0.001, 10.0,
                help=N_("w's learning rate is lr times this (the seeds' 0.05 vs 0.1: 0.5)")),
)
OPTIONS = {o.name: o for o in MODEL_OPTIONS}


def options_of(defaults: Mapping[str, Any]) -> tuple[ModelOption, ...]:
    """The specs of the options in ``defaults`` (a problem's ``option_defaults``), in the
    table's order; ``ValueError`` names an option the table does not have."""
    unknown = [k for k in defaults if k not in OPTIONS]
    if unknown:
        raise ValueError(f"unknown model option(s) {', '.join(unknown)}; the table has "
                         f"{', '.join(OPTIONS)}")
    return tuple(o for o in MODEL_OPTIONS if o.name in defaults)


def resolve_options(problem: str, defaults: Mapping[str, Any],
                    given: dict[str, Any]) -> dict[str, Any]:
    """All of ``problem``'s options: ``given`` (``None`` = default) validated, ``defaults``
    (its ``option_defaults``: ``None`` = the data set's own) filled in, in the table's order.

    Options the problem does not take raise ``ValueError`` naming their flags.
    """
    mine = options_of(defaults)
    bad = [k for k, v in given.items() if v is not None and k not in defaults]
    if bad:
        flags = ", ".join(OPTIONS[k].flag if k in OPTIONS else k for k in bad)
        if mine:
            raise ValueError(Message("{problem} does not take {flags}: it takes {takes}",
                                     problem=problem, flags=flags,
                                     takes=", ".join(o.flag for o in mine)))
        raise ValueError(Message("{problem} does not take {flags}: it has no options",
                                 problem=problem, flags=flags))
    out = {}
    for o in mine:
        value = given.get(o.name)
        out[o.name] = defaults[o.name] if value is None else o.validate(value)
    return out
