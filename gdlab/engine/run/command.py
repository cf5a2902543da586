"""The command line and the Python snippet that reproduce a setup (Edit ▸ Copy as Command
Line / Copy as Python).

Both say only what differs from the recipe's defaults (:func:`~gdlab.engine.run.recipe.resolve`
with the problem and optimizer alone): :func:`choices` decides that once, and the two texts
are written from its answer.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any, Sequence

from ..optim.optimizers import specs_by_name
from ..optim.schedules import SCHEDULE_SPECS
from ..problems.options import MODEL_OPTIONS
from .recipe import resolve
from .single import RunSettings

#: fields that a race's lanes share (``gdlab race`` takes one value of each for every lane)
SHARED = ("problem", "formula", "steps", "gradient", "h", "tol", "max_loss", "dtype",
          "problem_options", "schedule", "schedule_params")
#: settings that are a dict of named values (each its own flag)
NAMED = ("problem_options", "schedule_params")
#: the recipe's keyword for each setting that is not called the same
KEYWORD = {"problem_options": "options"}
OPTION_FLAGS = {o.name: o.flag for o in MODEL_OPTIONS}
SCHEDULE_FLAGS = {name: spec.flag for name, spec in SCHEDULE_SPECS.items()}
#: in a race's hyperparameter list, the place of a lane whose optimizer has none
NO_VALUE = "-"
HYPER_FLAGS = {name: next(iter(owners.values())).flag for name, owners in specs_by_name().items()}


class NotExpressible(ValueError):
    """The lanes differ in a way ``gdlab race``'s flags cannot say."""


@dataclass(frozen=True)
class Choice:
    """One setting that differs from the recipe's default: its name and value per lane."""

    name: str
    values: tuple  # one per lane


def _given(s: RunSettings) -> dict[str, Any]:
    """What ``s`` chose beyond the recipe's defaults for its problem and optimizer."""
    base = resolve(s.problem, s.optimizer, options=s.problem_options or None,
                   formula=s.formula)
    out: dict[str, Any] = {}
    for name in ("start", "steps", "gradient", "h", "tol", "max_loss", "dtype", "grad_noise",
                 "noise_seed", "schedule"):
        if getattr(s, name) != getattr(base, name):
            out[name] = getattr(s, name)
    for name, v in s.hyper.items():
        if v != base.hyper.get(name):
            out[f"hyper.{name}"] = v
    plain = resolve(s.problem, s.optimizer, formula=s.formula).problem_options
    options = {k: v for k, v in s.problem_options.items() if v != plain.get(k)}
    if options:
        out["problem_options"] = options
    own = resolve(s.problem, s.optimizer, formula=s.formula, options=s.problem_options or None,
                  schedule=s.schedule).schedule_params  # the schedule's defaults
    params = {k: v for k, v in s.schedule_params.items() if v != own.get(k)}
    if params:
        out["schedule_params"] = params
    return out


def choices(lanes: Sequence[RunSettings]) -> list[Choice]:
    """The problem, each lane's optimizer and every setting some lane chose away from its
    default (a lane that left it gets its own value, which is its default). Raises
    :class:`NotExpressible` for lanes that differ in a shared setting."""
    if not lanes:
        raise ValueError("no lanes")
    given = [_given(s) for s in lanes]
    for name in SHARED:
        if len({repr(getattr(s, name)) for s in lanes}) > 1:
            raise NotExpressible(f"the lanes differ in {name.replace('_', ' ')}; 'gdlab race' "
                                 "takes one value for every lane")
    first = ("formula", (lanes[0].formula,)) if lanes[0].formula is not None else (
        "problem", (lanes[0].problem,))
    out = [Choice(*first),
           Choice("optimizer", tuple(s.optimizer for s in lanes))]
    names = list(dict.fromkeys(n for g in given for n in g))
    for name in names:
        if name.startswith("hyper."):
            out.append(_hyper_choice(name, lanes))
        elif name in NAMED:
            out.append(Choice(name, (given[0].get(name, {}),)))
        elif name in SHARED:
            out.append(Choice(name, (getattr(lanes[0], name),)))
        else:
            out.append(Choice(name, tuple(getattr(s, name) for s in lanes)))
    return out


def _hyper_choice(key: str, lanes: Sequence[RunSettings]) -> Choice:
    """A hyperparameter: one value when every lane that has it agrees (``gdlab race`` gives a
    single value to the lanes whose optimizer has it), else one per lane (every lane must
    have it)."""
    name = key.split(".", 1)[1]
    values = [s.hyper.get(name) for s in lanes]
    have = [v for v in values if v is not None]
    if len(set(map(repr, have))) == 1:
        return Choice(key, (have[0],))
    if isinstance(have[0], bool):
        raise NotExpressible(f"the lanes' {name} differ (a switch is one for every lane); "
                             "'gdlab race' cannot say that")
    return Choice(key, tuple(values))  # None: the lane's optimizer has none


def _text(v: Any) -> str:
    """A value as a flag takes it back exactly (floats as their shortest repr; no value: the
    CLI's ``-``)."""
    if v is None:
        return NO_VALUE
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, tuple):
        return ",".join(_text(x) for x in v)
    return str(v)


def command_args(lanes: Sequence[RunSettings], csv: str | None = None) -> list[str]:
    """``gdlab``'s arguments (without ``gdlab``) that reproduce ``lanes``: ``run`` for one
    lane, ``race`` for several; ``--csv csv`` when given."""
    race = len(lanes) > 1
    args = ["race" if race else "run"]
    for c in choices(lanes):
        if c.name in ("problem", "formula", "optimizer"):
            args += [f"--{c.name}", ",".join(c.values)]
        elif c.name in NAMED:
            flags = OPTION_FLAGS if c.name == "problem_options" else SCHEDULE_FLAGS
            for k, v in c.values[0].items():
                args.append(f"{flags[k]}={_text(v)}")
        elif c.name == "start":  # once per lane, or once for all; "=" keeps "-3,4" a value
            args += [f"--start={_text(v)}" for v in _one_or_all(c.values)]
        elif c.name.startswith("hyper."):
            name = c.name.split(".", 1)[1]
            flag = "--lr" if name == "lr" else HYPER_FLAGS[name]
            if isinstance(c.values[0], bool):
                args.append(flag if c.values[0] else flag.replace("--", "--no-", 1))
            else:
                args.append(f"{flag}={','.join(_text(v) for v in _one_or_all(c.values))}")
        else:
            flag = "--" + c.name.replace("_", "-")
            args.append(f"{flag}={','.join(_text(v) for v in _one_or_all(c.values))}")
    if csv is not None:
        args += ["--csv", csv]
    return args


def _one_or_all(values: tuple) -> tuple:
    return values[:1] if len(set(map(repr, values))) == 1 else values


def command_line(lanes: Sequence[RunSettings], csv: str | None = None) -> str:
    """:func:`command_args` as one shell line, ``gdlab run …``."""
    return shlex.join(["gdlab", *command_args(lanes, csv)])


def python_snippet(lanes: Sequence[RunSettings], csv: str = "trajectory.csv") -> str:
    """A Python script that builds the same lanes with the engine's recipe, runs them to the
    end and writes ``csv`` as ``gdlab run``/``race --csv`` would."""
    calls = [_resolve_call(s) for s in lanes]
    if len(lanes) == 1:
        return ("from gdlab.engine.files.export import export_run\n"
                "from gdlab.engine.run.recipe import build_run, resolve\n\n"
                f"run = build_run({calls[0]})\n"
                "while not run.done:\n"
                "    run.advance()\n"
                f"export_run(run, {csv!r})\n"
                "print(run.status, run.k, run.trajectory.last())\n")
    lane_lines = "".join(f"    {c},\n" for c in calls)
    return ("from gdlab.engine.files.export import export_race\n"
            "from gdlab.engine.run.race import Race\n"
            "from gdlab.engine.run.recipe import resolve\n\n"
            f"race = Race([\n{lane_lines}])\n"
            "race.advance()\n"
            f"export_race(race, {csv!r})\n"
            "for standing in race.leaderboard():\n"
            "    print(standing)\n")


def _resolve_call(s: RunSettings) -> str:
    """``resolve("bowl", "adam", hyper={...}, start=(...), ...)`` for one lane."""
    given = _given(s)
    parts = [repr(s.problem), repr(s.optimizer)]
    if s.formula is not None:
        parts.append(f"formula={s.formula!r}")
    hyper = {k.split(".", 1)[1]: v for k, v in given.items() if k.startswith("hyper.")}
    if hyper:
        parts.append(f"hyper={hyper!r}")
    for name, v in given.items():
        if not name.startswith("hyper."):
            parts.append(f"{KEYWORD.get(name, name)}={v!r}")
    return f"resolve({', '.join(parts)})"
