"""The ``gdlab`` command: the window by default, ``list``, ``run`` (headless), ``race``,
``sweep``, ``check-grad`` and ``bench``.

Flags for the optimizers' hyperparameters are generated from the engine's
hyperparameter specs (the same ones the window's panels are built from).
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import errno
import math
import os
import re
import signal
import sys
import time
import unicodedata
from pathlib import Path
from typing import Sequence

import numpy as np

from . import __version__
from .engine.optim import hyperparams as hp
from .engine.analysis.advice import advise_lr, stall
from .engine.files.atomic import resolve as resolve_target
from .engine.analysis.checkgrad import check_gradients, format_table
from .engine.analysis.minima import SEARCH_SECONDS, find_minima
from .engine.problems.options import MODEL_OPTIONS, options_of
from .engine.run.recipe import DEFAULT_PROBLEM, DEFAULT_STEPS, build_run, resolve
from .engine.files.export import (SidecarConflict, check_sidecar, export_run, has_sidecar,
                            sidecar_path, write_params)
from .engine.gradients.methods import GRADIENT_METHODS
from .engine.problems.models import is_model
from .engine.problems.formula import FormulaError, parse_formula
from .engine.problems.registry import FORMULA, MODELS, get_problem
from .engine.problems.objectives import OBJECTIVES
from .engine.optim.optimizers import (OPTIMIZERS, UnknownHyperparameter, grouped,
                                      specs_by_name)
from .engine.optim.schedules import SCHEDULE_SPECS, SCHEDULES
from .engine.run.single import DTYPES, Run
from .engine.analysis import sweeps, tune
from .engine.files.export import export_race
from .engine.files.lesson_file import LessonError, read_lesson
from .engine.run.race import Race
from .engine.run.command import NO_VALUE
from .render_command import add_render_parser, cmd_render


class UsageError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        # no abbreviations: a typo such as --form (for --from) silently became --formula
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, no usage dump
        raise UsageError(f"{self.prog}: {message}")

    def parse_known_args(self, args=None, namespace=None):
        """… and the innermost (sub)command that met arguments it does not know, kept on
        the namespace as ``unknown_to`` (a subcommand's namespace is copied into its
        parent's)."""
        namespace, extra = super().parse_known_args(args, namespace)
        if extra and getattr(namespace, "unknown_to", None) is None:
            namespace.unknown_to = self
        return namespace, extra


class _Once(argparse.Action):
    """A flag that takes one value: given twice, it is refused (argparse would keep the last
    one silently; ``gdlab race`` takes ``--start`` once per lane instead)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        given = getattr(namespace, "_once_given", set())
        if self.dest in given:
            parser.error(f"{option_string} was given twice; give it once "
                         "(gdlab race takes one per lane)")
        namespace._once_given = given | {self.dest}
        setattr(namespace, self.dest, values)


def _threshold(text: str) -> float:
    """A number, where ``inf`` is allowed (``--max-loss inf`` turns the check off)."""
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if math.isnan(v):
        raise argparse.ArgumentTypeError("nan is not allowed")
    return v


def _number(text: str) -> float:
    """A finite number."""
    v = _threshold(text)
    if math.isinf(v):
        raise argparse.ArgumentTypeError(f"{text!r}: the value must be finite")
    return v


def _count(text: str) -> int:
    v = _int(text)
    if v < 0:
        raise argparse.ArgumentTypeError(f"{v} is negative; it must be ≥ 0")
    return v


def _point(text: str) -> tuple[float, ...]:
    parts = [p for p in text.replace(";", ",").split(",")]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a point; write numbers separated by commas, e.g. --start=-3,4"
        ) from None
    if not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"{text!r}: the start point must be finite")
    return values


def _optimizer_name(text: str) -> str:
    if text not in OPTIMIZERS:
        raise argparse.ArgumentTypeError(
            f"unknown optimizer {text!r}; choose one of: {', '.join(OPTIMIZERS)}")
    return text


#: every optimizer's hyperparameters, {name: {optimizer: spec}}: one flag per name
HYPER = specs_by_name()
MINIMA_SHOWN = 5  # a typed formula's minima listed in ``gdlab run``'s summary (the lowest)


def _choice(spec: hp.HyperParam):
    def parse(text: str) -> str:
        if text not in spec.choices:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a {spec.label.lower()}; choose one of {', '.join(spec.choices)}")
        return text
    return parse


def _hyper_type(spec: hp.HyperParam):
    """The argparse type of a number or choice spec's values."""
    return {"int": _int, "choice": _choice(spec)}.get(spec.kind, _number)


def _hyper_help(owners: dict[str, hp.HyperParam], lanes: bool = False) -> str:
    """A flag's help: what it does, its range and the optimizers it applies to (each with its
    own text where the specs differ, e.g. ``--alpha`` of rmsprop and asgd)."""
    specs = list(owners.values())
    per_lane = ("; a single value applies to the lanes whose optimizer has it; in a list, - "
                "for a lane whose optimizer has none" if lanes else "")

    def text(s: hp.HyperParam) -> str:
        return s.help if s.kind == "bool" else f"{s.help}, range {s.range_text()}"
    if all(text(s) == text(specs[0]) for s in specs):
        return f"{text(specs[0])} ({', '.join(owners)}{per_lane})"
    return "; ".join(f"{o}: {text(s)}" for o, s in owners.items()) + (f" ({per_lane[2:]})"
                                                                        if lanes else "")


def _add_hyper_flags(p: argparse.ArgumentParser, lanes: bool = False) -> None:
    """A flag per hyperparameter name except lr (a bool: ``--amsgrad``/``--no-amsgrad``);
    with ``lanes``, numbers and choices take a comma list (one per lane)."""
    for name, owners in HYPER.items():
        if name == "lr":
            continue
        spec = next(iter(owners.values()))
        if spec.kind == "bool":
            p.add_argument(spec.flag, dest=name, action=argparse.BooleanOptionalAction,
                           default=None, help=_hyper_help(owners, lanes))
            continue
        kind = _hyper_type(spec)
        metavar = {"int": "N", "choice": "|".join(spec.choices)}.get(spec.kind, "V")
        p.add_argument(spec.flag, dest=name, type=_lane_list(kind, NO_VALUE) if lanes else kind,
                       metavar=metavar + (",…" if lanes else ""),
                       help=_hyper_help(owners, lanes))


def _given_hyper(args: argparse.Namespace) -> dict:
    return {n: getattr(args, n) for n in HYPER if getattr(args, n, None) is not None}


def _message(exc: ValueError) -> str:
    """An engine error in the CLI's words: a hyperparameter the optimizer lacks is a flag."""
    if isinstance(exc, UnknownHyperparameter):
        flags = ", ".join(f"--{k.replace('_', '-')}" for k in exc.known)
        owners = ", ".join(HYPER.get(exc.name, ())) or "no optimizer"
        return (f"{exc.optimizer} has no hyperparameter {exc.name!r}: "
                f"--{exc.name.replace('_', '-')} is an option of {owners}; "
                f"{exc.optimizer} takes {flags}")
    return str(exc)


def _path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty file name")
    return Path(text)


def _int(text: str) -> int:
    """A whole number, written as one (``2000000``, ``2_000_000``) or in scientific notation
    (``2e6``), as the window's boxes take it; ``2.5`` or ``1e-3`` is refused."""
    plain = text.replace("_", "").strip()
    try:
        return int(plain)
    except ValueError:
        pass
    try:
        v = float(plain)
    except ValueError:
        v = math.nan
    if not (math.isfinite(v) and v.is_integer() and abs(v) < 2 ** 53):  # exact as a float
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(v)


def _add_model_options(p: argparse.ArgumentParser) -> None:
    """The model problems' options, from the engine's spec table (each applies to some models)."""
    takers = {m: c.option_defaults for m, c in MODELS.items() if c.option_defaults}
    g = p.add_argument_group(f"model options ({', '.join(takers)})")
    for o in MODEL_OPTIONS:
        defaults = ", ".join(f"{m} {'per data set' if d[o.name] is None else d[o.name]}"
                             for m, d in takers.items() if o.name in d)
        kind = {int: _int, float: _number}.get(o.kind, str)
        g.add_argument(o.flag, dest=o.name, type=kind, metavar="NAME" if o.choices else "N" if o.kind is int else "V",
                       help=f"{o.help} (range {o.range_text()}; default {defaults})")


def _add_schedule(p: argparse.ArgumentParser) -> None:
    """``--schedule NAME`` and its parameters' flags, from the engine's schedule specs."""
    g = p.add_argument_group("learning-rate schedule")
    g.add_argument("--schedule", choices=tuple(SCHEDULES), metavar="NAME",
                   help=f"the rate of each update: {', '.join(SCHEDULES)} (default constant; "
                        "adaline's own: inverse-time)")
    for spec in SCHEDULE_SPECS.values():
        takers = ", ".join(n for n, k in SCHEDULES.items() if spec.name in k.params)
        g.add_argument(spec.flag, dest=spec.name, type=_int if spec.kind == "int" else _number,
                       metavar="N" if spec.kind == "int" else "V",
                       help=f"{takers}: {spec.help} (range {spec.range_text()})")


def _schedule(args: argparse.Namespace) -> dict:
    """The schedule the flags ask for, as the recipe's keywords."""
    return {"schedule": args.schedule,
            "schedule_params": {n: getattr(args, n) for n in SCHEDULE_SPECS
                                if getattr(args, n) is not None}}


def _problem_options(args: argparse.Namespace) -> dict:
    return {o.name: getattr(args, o.name) for o in MODEL_OPTIONS
            if getattr(args, o.name, None) is not None}


def _add_formula(p: argparse.ArgumentParser) -> None:
    p.add_argument("--formula", metavar="EXPR",
                   help="your own function of x and y instead of --problem, e.g. "
                        "--formula '(x^2 + y - 11)^2 + (x + y^2 - 7)^2' (sin cos tan exp log "
                        "sqrt abs … min max, pi, e; ^ or ** for powers)")


def _problem(args: argparse.Namespace, default: str) -> tuple[str, str | None]:
    """``(problem, formula)`` from --problem and --formula (a formula is its own problem)."""
    formula = getattr(args, "formula", None)
    if formula is None:
        return args.problem or default, None
    if args.problem not in (None, FORMULA):
        raise ValueError(f"--formula is its own problem; drop --problem {args.problem}")
    try:
        parse_formula(formula)
    except FormulaError as exc:
        raise ValueError(f"--formula {formula!r}: {exc}") from None
    return FORMULA, formula


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gdlab", description="A desktop learning lab for gradient descent.")
    parser.add_argument("--version", action="version", version=f"gdlab {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("list", help="show the objectives and optimizers with their defaults")
    sub.add_parser("bench", help="print the engine's speed and memory figures")

    check = sub.add_parser("check-grad", help="compare numerical, analytic and autodiff gradients")
    check.add_argument("--problem", help="problem name (default mlp)")
    _add_formula(check)
    check.add_argument("--h", type=_number, default=hp.H.default,
                       help=f"central-difference step (range {hp.H.range_text()}; "
                            f"default {hp.H.default:g})")
    _add_model_options(check)

    run = sub.add_parser("run", help="run gradient descent headless and print a summary")
    run.add_argument("--problem", help="objective or model name (see 'gdlab list'; "
                                       "default bowl)")
    _add_formula(run)
    run.add_argument("--optimizer", type=_optimizer_name, help="optimizer name (default sgd; a model's own default)")
    run.add_argument("--lr", type=_number,
                     help="learning rate (default: the problem's suggested rate for the optimizer, "
                          "see 'gdlab list'; 1 for newton, bfgs, cg and gd-armijo: their step scale)")
    run.add_argument("--steps", type=_count,
                     help=f"number of updates (default {DEFAULT_STEPS}; a model's own default)")
    run.add_argument("--start", type=_point, action=_Once, help="start point, e.g. --start=-3,4")
    _add_hyper_flags(run)
    run.add_argument("--gradient", choices=GRADIENT_METHODS,
                     help="analytic (backprop for mlp), numerical or autodiff (the computation "
                          "graph); default analytic (autodiff for adaline)")
    run.add_argument("--h", type=_number,
                     help=f"central-difference step for --gradient numerical "
                          f"(range {hp.H.range_text()}; default {hp.H.default:g})")
    run.add_argument("--tol", type=_number,
                     help=f"{hp.TOL.help} (default {hp.TOL.default:g})")
    run.add_argument("--max-loss", type=_threshold,
                     help="stop as diverged when |loss| exceeds this (inf: off; default 1e10)")
    run.add_argument("--dtype", choices=tuple(DTYPES), help="float64 (default) or float32")
    run.add_argument("--grad-noise", type=_number, metavar="SIGMA",
                     help="add N(0, SIGMA²I) noise to each gradient (stochastic gradient "
                          "descent; default 0)")
    run.add_argument("--noise-seed", type=_count, metavar="N",
                     help="seed of the gradient noise (default 0)")
    run.add_argument("--csv", type=_path, help="write the trajectory here (and settings as .json)")
    run.add_argument("--save-params", type=_path, metavar="PATH.npz",
                     help="save the parameter arrays (numpy .npz): the start and the end, "
                          "or every N steps with --params-every")
    run.add_argument("--params-every", type=_count, metavar="N",
                     help="with --save-params: keep the parameters every N steps")
    run.add_argument("--quiet", action="store_true", help="print nothing")
    _add_schedule(run)
    _add_model_options(run)
    _add_sweep_parser(sub)
    _add_race_parser(sub)
    add_render_parser(sub, _path, _count)
    _add_lesson_parser(sub)
    return parser


_VALUE_FLAGS = ("--start", "--lr", "--tol", "--h", "--max-loss",
                *(o.flag for o in MODEL_OPTIONS if o.kind is float),
                *(f"--{n.replace('_', '-')}" for n, o in HYPER.items()
                  if next(iter(o.values())).kind in ("float", "int")))


def _join_negative_values(argv: list[str]) -> list[str]:
    """Let ``--start -3,4`` mean ``--start=-3,4`` and ``--formula -x^2`` the formula
    (argparse would take -3,4 and -x^2 for flags)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--formula" and i + 1 < len(argv) or (
                (a in _VALUE_FLAGS or a in _SWEEP_VALUE_FLAGS) and i + 1 < len(argv)
                and re.match(r"-[\d.]", argv[i + 1])):
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _why(exc: OSError) -> str:
    """An ``OSError`` in the words a user acts on."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full (no space left on device)"
    return exc.strerror or str(exc)


def _check_writable(path: Path, flag: str = "--csv", command: str = "gdlab run",
                    sidecar: bool = True) -> None:
    """Refuse, before the run, an output name that cannot be written (with ``sidecar``,
    also a CSV whose settings JSON cannot be)."""
    where = f"{command}: {flag} {path}"
    try:
        real, in_place = resolve_target(path)
        if real.is_dir():
            raise UsageError(f"{where}: is a folder, not a file name")
        if in_place:  # a device or a pipe: written where it is
            return
        folder = real.parent
        if not folder.is_dir():
            raise UsageError(f"{where}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise UsageError(f"{where}: the folder {folder} is not writable")
        if sidecar:
            if path.suffix.lower() == ".json":
                raise UsageError(f"{where}: the settings go to a .json beside the CSV; "
                                 "name the CSV *.csv")
            if resolve_target(sidecar_path(path))[0].is_dir():
                raise UsageError(f"{where}: its settings file {sidecar_path(path)} is a folder")
            check_sidecar(path)
    except OSError as exc:
        raise UsageError(f"{where}: {_why(exc)}") from None
    except SidecarConflict as exc:
        raise UsageError(f"{where}: {exc}") from None


def _export_csv(export, path: Path, command: str) -> None:
    """Call ``export()`` (a CSV and its JSON to ``path``); a failure is a one-line message."""
    try:
        export()
    except OSError as exc:
        raise UsageError(f"{command}: could not write {path}: {_why(exc)}; "
                         "nothing was written") from None
    except SidecarConflict as exc:
        raise UsageError(f"{command}: --csv {path}: {exc}") from None


def _check_outputs_differ(csv: Path | None, params: Path | None) -> None:
    """``--save-params`` must not name the CSV or the CSV's settings file."""
    if csv is None or params is None:
        return
    real, in_place = resolve_target(params)
    if in_place:
        return
    if real == resolve_target(csv)[0]:
        raise UsageError(f"gdlab run: --save-params {params} is the CSV (--csv {csv}); "
                         "choose another name")
    if has_sidecar(csv) and real == resolve_target(sidecar_path(csv))[0]:
        raise UsageError(f"gdlab run: --save-params {params} is where --csv {csv} writes its "
                         "settings; choose another name")


def cmd_list() -> None:
    print("Objectives (gdlab run --problem NAME):")
    for o in OBJECTIVES.values():
        start = ", ".join(f"{v:g}" for v in o.start)
        print(f"  {o.name:<17} {o.formula}")
        per = ", ".join(f"{n} {lr:g}" for n, lr in o.optimizer_lr.items())
        print(f"  {'':<17} start ({start}), suggested lr {o.suggested_lr:g}"
              + (f" ({per})" if per else ""))
    print("\nModels (gdlab run --problem NAME; gradients analytic, numerical, autodiff):")
    for cls in MODELS.values():
        m = cls()
        print(f"  {m.name:<17} {m.formula}")
        print(f"  {'':<17} {m.start_description()}; default {m.default_optimizer}, "
              f"lr {m.suggested_lr:g}, {m.default_steps} steps")
        print(f"  {'':<17} {m.note}")
        for o in options_of(m.option_defaults):
            if o.choices:  # e.g. "mlp data sets (--dataset): spiral, moons, …"
                print(f"  {'':<17} {m.name} {o.label.lower()}s ({o.flag}): {o.range_text()}")
    print("\nYour own function: gdlab run --formula '(x^2 - 1)^2 + y^2' (also race, sweep, "
          "check-grad;\n  x and y, + - * / ^, sin cos tan exp log sqrt abs … min max, pi, e)")
    print("\nOptimizers (gdlab run --optimizer NAME), by group:")
    for group, classes in grouped().items():
        print(f"  {group}:")
        for cls in classes:
            defaults = _hyper_text(cls.specs, {s.name: s.default for s in cls.specs})
            print(f"    {cls.name:<10} {defaults}")
            print(f"    {'':<10} {cls.equations}")
    print("\nLearning-rate schedules (gdlab run --schedule NAME):")
    for kind in SCHEDULES.values():
        defaults = ", ".join(f"{s.flag} {s.default:g}" for s in kind.specs)
        print(f"  {kind.name:<13} {kind.formula}")
        if defaults:
            print(f"  {'':<13} {defaults}")


def _hyper_text(specs, values: dict) -> str:
    """``lr=0.001, amsgrad=on``: each value as its spec shows it."""
    return ", ".join(f"{s.name}={s.show(values[s.name])}" for s in specs)


def cmd_check_grad(args: argparse.Namespace) -> None:
    try:
        problem = get_problem(*_problem(args, "mlp"), **_problem_options(args))
        rows = check_gradients(problem, hp.H.validate(args.h))
    except ValueError as exc:
        raise UsageError(f"gdlab check-grad: {exc}") from None
    where = ("first mini-batch (≤ 100 samples), initial weights" if is_model(problem)
             else "start point")
    shown = problem.name if is_model(problem) else problem.source or problem.name
    print(f"gradient check · {shown} · h = {args.h:g} · at the {where}")
    print("relative = max|a − n| / max|n|, n the numerical gradient")
    print(format_table(rows))


def _make_run(args: argparse.Namespace) -> Run:
    """The run the flags describe: the engine's recipe fills in what was not given."""
    hyper = _given_hyper(args)
    problem, formula = _problem(args, DEFAULT_PROBLEM)
    return build_run(resolve(
        problem, args.optimizer, formula=formula, hyper=hyper, start=args.start, steps=args.steps,
        gradient=args.gradient, h=args.h, tol=args.tol, max_loss=args.max_loss,
        dtype=args.dtype, options=_problem_options(args), grad_noise=args.grad_noise,
        noise_seed=args.noise_seed, **_schedule(args)))


def _print_model_summary(run: Run) -> None:
    """The model-specific part of ``gdlab run``'s summary: what the model declares."""
    for line in run.objective.summary_lines(run):
        print(line)


def cmd_run(args: argparse.Namespace) -> None:
    try:
        run = _make_run(args)
        objective, optimizer = run.objective, run.optimizer
        for flag, path in (("--csv", args.csv), ("--save-params", args.save_params)):
            if path is not None:
                _check_writable(path, flag, sidecar=flag == "--csv")
        _check_outputs_differ(args.csv, args.save_params)
    except ValueError as exc:
        raise UsageError(f"gdlab run: {_message(exc)}") from None
    if args.params_every is not None and (args.save_params is None or args.params_every < 1):
        raise UsageError("gdlab run: --params-every N needs --save-params and N ≥ 1")
    every = args.params_every or max(run.steps, 1)
    steps, snapshots = [run.k], [run.params]
    t0 = time.perf_counter()
    while True:
        run.advance(max_updates=every if args.save_params is not None else None)
        if args.save_params is not None and run.k != steps[-1]:
            steps.append(run.k)
            snapshots.append(run.params)
        if run.done:
            break
    elapsed = time.perf_counter() - t0
    if args.csv is not None:
        _export_csv(lambda: export_run(run, args.csv), args.csv, "gdlab run")
    if args.save_params is not None:
        try:
            write_params(args.save_params, run.param_names, steps, snapshots)
        except OSError as exc:
            raise UsageError(f"gdlab run: could not write {args.save_params}: {_why(exc)}; "
                             "nothing was written") from None
    if args.quiet:
        return
    last = run.trajectory.last()
    cols = run.trajectory.columns
    rate = run.k / elapsed if elapsed > 0 else float("inf")
    shown = objective.name if run.is_model else objective.source and objective.formula
    print(f"{shown or objective.name} · {optimizer.name} ({_hyper_text(optimizer.specs, optimizer.hyper)})"
          f" · {run.gradient} gradient · {run.dtype}"
          + (f" · gradient noise σ {run.grad_noise:g}, seed {run.noise_seed}"
             if run.grad_noise else "")
          + ("" if run.schedule.constant else f" · schedule {run.schedule.describe()}"))
    print(f"status     {run.reason}" if run.reason else
          f"status     {run.status}" + (f" at step {run.k}" if run.status in ("diverged", "converged") else ""))
    print(f"steps      {run.k} of {run.steps}")
    if not (run.is_model and run.objective.summary):
        point = ", ".join(f"{v:.8g}" for v in last[:len(run.param_names)])
        print(f"point      ({point})" if not run.is_model else
              f"params     ({', '.join(run.param_names)}) = ({point})")
    print(f"loss       {last[cols.index('loss')]:.10g}")
    print(f"grad norm  {last[cols.index('grad_norm')]:.6g}")
    if run.is_model or not run.schedule.constant:
        print(f"lr         {last[cols.index('lr')]:.6g} (the next update's)")
    if run.is_model:
        _print_model_summary(run)
    print(f"speed      {rate:,.0f} steps/s")
    if not run.is_model and objective.source:
        _print_minima(objective)
    _print_evaluations(run)
    stalled = (stall(run.trajectory.rows(), cols, bool(optimizer.hyper.get("maximize")))
               if run.status != "diverged" else None)
    if stalled:
        print(f"note       {stalled}")
    if run.status == "diverged" or stalled:
        advice = advise_lr(run.settings(), last[cols.index("loss")])
        what = "the run diverged: " if run.status == "diverged" else ""
        print(f"hint       {what}" + (f"try --lr {advice.lr:g}, {advice.reason}" if advice.lr
                                      else advice.reason))
    if args.csv is not None:
        print(f"wrote      {args.csv}" + (f" and {sidecar_path(args.csv)}"
                                           if has_sidecar(args.csv) else ""))
    if args.save_params is not None:
        print(f"wrote      {args.save_params} ({', '.join(run.param_names)} at {len(steps)} "
              f"steps: {steps[0]} … {steps[-1]})")


def _print_minima(objective) -> None:
    """The minima found for a typed formula, as the window lists them over the map (the
    search is bounded by :data:`~gdlab.engine.analysis.minima.SEARCH_SECONDS`)."""
    found = find_minima(objective, seconds=SEARCH_SECONDS)
    for i, line in enumerate(found.lines(limit=MINIMA_SHOWN)):
        print(f"{'minima' if i == 0 else '':<11}{line.removeprefix('minimum ')}")


def _print_evaluations(run: Run) -> None:
    """A run that is not a rule per leaf (L-BFGS, Newton, a line search): its evaluations and
    its first note (and how many steps had one)."""
    if run.optimizer.per_leaf:
        return
    print(f"evals      {run.f_evals:,} f, {run.grad_evals:,} ∇f"
          + (f", {len(run.trials):,} line-search trials" if len(run.trials) else ""))
    if run.notes:
        k, text = next(iter(run.notes.items()))
        more = run.note_count - 1
        print(f"note       step {k}: {text}" + (f" (and at {more} more steps)" if more else ""))


# -- gdlab sweep: the maps ----------------------------------------------------------------
_SWEEP_VALUE_FLAGS = ("--from", "--to", "--box", "--x-from", "--x-to", "--y-from", "--y-to")


def _numbers(count: int, what: str):
    def parse(text: str) -> tuple[float, ...]:
        try:
            values = tuple(float(p) for p in text.split(","))
        except ValueError:
            values = ()
        if len(values) != count or not all(math.isfinite(v) for v in values):
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
        return values
    return parse


def _add_sweep_parser(sub) -> None:
    """``gdlab sweep lr|basin|hyper`` with the run flags (resolved by the same recipe)."""
    sweep = sub.add_parser("sweep", help="maps: sweep the learning rate, basins of start "
                                         "points, a hyperparameter map (2-D functions)")
    kinds = sweep.add_subparsers(dest="map", parser_class=_Parser, required=True,
                                 metavar="{lr,basin,hyper}")
    helps = {"lr": "final loss and steps against the learning rate (log grid)",
             "basin": "which minimum each start point of an n×n grid reaches",
             "hyper": "final loss and steps over two hyperparameters"}
    for kind, text in helps.items():
        p = kinds.add_parser(kind, help=text, description=text)
        p.add_argument("--problem", help="2-D function (see 'gdlab list'; default bowl)")
        _add_formula(p)
        p.add_argument("--optimizer", type=_optimizer_name, help="optimizer name (default sgd)")
        p.add_argument("--lr", type=_number, help="learning rate (default: the problem's)")
        _add_hyper_flags(p)
        p.add_argument("--start", type=_point, action=_Once,
                       help="start point, e.g. --start=-3,4")
        p.add_argument("--steps", type=_count, help=f"updates per run (default {DEFAULT_STEPS})")
        p.add_argument("--tol", type=_number, help=f"{hp.TOL.help} (default {hp.TOL.default:g})")
        p.add_argument("--max-loss", type=_threshold,
                       help="a run diverged when |loss| exceeds this (default 1e10)")
        p.add_argument("--gradient", choices=("analytic", "numerical"), help="default analytic")
        p.add_argument("--h", type=_number, help=f"central-difference step "
                                                 f"(default {hp.H.default:g})")
        p.add_argument("--csv", type=_path, help="write one row per run here")
        _add_schedule(p)
        if kind == "lr":
            p.add_argument("--from", dest="lo", type=_number, default=sweeps.LR_FROM,
                           help=f"smallest rate (default {sweeps.LR_FROM:g})")
            p.add_argument("--to", dest="hi", type=_number, default=sweeps.LR_TO,
                           help=f"largest rate (default {sweeps.LR_TO:g})")
            p.add_argument("--n", type=_count, default=sweeps.LR_N,
                           help=f"number of rates (default {sweeps.LR_N})")
        elif kind == "basin":
            p.add_argument("--n", type=_count, default=sweeps.BASIN_N,
                           help=f"an n×n grid of start points (default {sweeps.BASIN_N})")
            p.add_argument("--box", type=_numbers(4, "a box X0,X1,Y0,Y1"),
                           help="the grid's box X0,X1,Y0,Y1 (default the problem's view)")
        else:
            for axis in ("x", "y"):
                p.add_argument(f"--{axis}", metavar="NAME",
                               help=f"hyperparameter on the {axis} axis (default lr × momentum "
                                    f"or beta1)")
                p.add_argument(f"--{axis}-from", type=_number, metavar="V")
                p.add_argument(f"--{axis}-to", type=_number, metavar="V")
            p.add_argument("--n", type=_count, default=sweeps.HYPER_N,
                           help=f"an n×n grid of cells (default {sweeps.HYPER_N})")


def _range(lo: float | None, hi: float | None, axis: str) -> tuple[float, float] | None:
    if (lo is None) != (hi is None):
        raise ValueError(f"--{axis}-from and --{axis}-to go together")
    return None if lo is None else (lo, hi)


def _statuses(status: np.ndarray) -> str:
    names, counts = np.unique(status, return_counts=True)
    return " · ".join(f"{n} {c}" for n, c in zip(names, counts))


def _outcome_text(loss: float, steps: int, status: str) -> str:
    return (f"converged in {steps} steps" if status == "converged"
            else f"{status}, loss {loss:.6g} after {steps} steps")


def cmd_sweep(args: argparse.Namespace) -> None:
    """Compute a map with the engine (:mod:`gdlab.engine.analysis.sweeps`), print a summary, write
    its CSV."""
    name = f"gdlab sweep {args.map}"
    hyper = _given_hyper(args)
    try:
        problem, formula = _problem(args, "bowl")
        s = resolve(problem, args.optimizer, hyper=hyper, start=args.start, formula=formula,
                    steps=args.steps, gradient=args.gradient, h=args.h, tol=args.tol,
                    max_loss=args.max_loss, **_schedule(args))
        sweeps.map_objective(s)
        if args.map == "basin" and args.start is not None:
            raise ValueError("the start points are the grid's (--n, --box); drop --start")
        if args.csv is not None:
            _check_writable(args.csv, "--csv", name, sidecar=False)
        if args.map == "lr":
            result = sweeps.lr_sweep(s, sweeps.lr_grid(args.lo, args.hi, args.n))
        elif args.map == "basin":
            result = sweeps.basins(s, args.n, args.box)
        else:
            result = sweeps.hyper_map(s, args.x, args.y, _range(args.x_from, args.x_to, "x"),
                                      _range(args.y_from, args.y_to, "y"), args.n)
    except ValueError as exc:
        raise UsageError(f"{name}: {_message(exc)}") from None
    if args.csv is not None:
        try:
            sweeps.write_map_csv(args.csv, result)
        except OSError as exc:
            raise UsageError(f"{name}: could not write {args.csv}: {_why(exc)}; "
                             "nothing was written") from None
    opt = _hyper_text(OPTIMIZERS[s.optimizer].specs, s.hyper)
    print(f"{s.formula or s.problem} · {s.optimizer} ({opt}) · {s.steps} steps · tol {s.tol:g}")
    if args.map == "lr":
        print(f"rates      {len(result.lr)} from {result.lr[0]:g} to {result.lr[-1]:g} "
              f"(log), start ({', '.join(f'{v:g}' for v in s.start)})")
        best = result.best_lr
        if best is not None:
            i = int(np.flatnonzero(result.lr == best)[0])
            print(f"best lr    {best:.4g} "
                  f"({_outcome_text(result.loss[i], result.steps[i], result.status[i])})")
        if args.lr:  # where the rate asked about falls (the window marks it; 0: nowhere)
            i = int(np.argmin(np.abs(np.log(result.lr) - math.log(args.lr))))
            print(f"your lr    {args.lr:g}: the nearest rate swept, {result.lr[i]:.4g}, "
                  f"{_outcome_text(result.loss[i], result.steps[i], result.status[i])}")
        edge = result.first_diverged
        print("diverges   " + (f"from lr {edge:.4g} on (the smallest rate that diverged)"
                               if edge is not None else "at no rate swept"))
        if result.fastest_lr is not None:
            print(f"quadratic  gradient descent: fastest fixed rate 2/(λmin + λmax) = "
                  f"{result.fastest_lr:.4g}, stability edge 2/λmax = {result.edge_lr:.4g}")
    elif args.map == "basin":
        n = len(result.xs)
        print(f"starts     {n}×{n} over x {result.xs[0]:g} … {result.xs[-1]:g}, "
              f"y {result.ys[0]:g} … {result.ys[-1]:g}")
        shares = result.shares()
        for i in np.argsort(-shares)[:10]:
            kind = "minimum" if i < result.known else "cluster"
            point = ", ".join(f"{round(v, 6) + 0.0:.4g}" for v in result.minima[i])
            print(f"  {i:>3} {kind} ({point}): {shares[i]:6.1%} of the starts")
        if len(shares) > 10:
            print(f"  … and {len(shares) - 10} more clusters ({shares[np.argsort(-shares)[10:]].sum():.1%})")
        none = result.minimum == sweeps.NO_MINIMUM
        diverged = none & (result.status == "diverged")
        print(f"  no minimum within the steps: {np.mean(none & ~diverged):6.1%}; "
              f"diverged: {np.mean(diverged):6.1%}")
        undefined = np.mean(result.minimum == sweeps.UNDEFINED)
        if undefined:
            print(f"  undefined: {undefined:6.1%} (stopped where f is undefined; "
                  f"minimum {sweeps.UNDEFINED} in the CSV)")
    else:
        axes = [f"{nm} {v[0]:g} … {v[-1]:g}{' (log)' if log else ''}" for nm, v, log in
                ((result.x_name, result.xs, result.x_log), (result.y_name, result.ys, result.y_log))]
        print(f"cells      {len(result.xs)}×{len(result.ys)}: {axes[0]} × {axes[1]}")
        best = result.best
        if best is not None:
            i, j = best
            print(f"best cell  {result.x_name}={result.xs[j]:.4g}, {result.y_name}={result.ys[i]:.4g} "
                  f"({_outcome_text(result.loss[i, j], result.steps[i, j], result.status[i, j])})")
    print(f"status     {_statuses(result.status)}")
    if args.csv is not None:
        print(f"wrote      {args.csv}")


# -- gdlab race: lanes in lock-step -------------------------------------------------------
#: per-lane flags (a comma list: one value per lane, or one for every lane) and their types
_LANE_FLAGS = ("optimizer", "lr", "grad_noise", "noise_seed", *(n for n in HYPER if n != "lr"))


def _lane_list(kind, none: str | None = None):
    """A comma list of ``kind``; with ``none``, that item stands for no value (``None``)."""
    def parse(text: str) -> list:
        return [None if part.strip() == none else kind(part.strip()) for part in text.split(",")]
    return parse


def _add_lesson_parser(sub) -> None:
    lesson = sub.add_parser("lesson", help="guided lessons: check a lesson file")
    kinds = lesson.add_subparsers(dest="lesson_command", parser_class=_Parser, required=True,
                                  metavar="check")
    check = kinds.add_parser("check", help="check a lesson file (format: the README's "
                                           "Guided lessons); exit 2 with the problem if bad")
    check.add_argument("file", help="a lesson file (.toml)")


def cmd_lesson(args: argparse.Namespace) -> None:
    """``gdlab lesson check FILE``: every page read and its action resolved by the recipe."""
    try:
        lesson = read_lesson(args.file)
    except LessonError as exc:
        raise UsageError(f"gdlab lesson check: {exc}") from None
    actions = sum(p.action is not None for p in lesson.pages)
    print(f"{args.file}: ok: '{lesson.title}', {len(lesson.pages)} pages, {actions} with an "
          "action")


def _add_race_parser(sub) -> None:
    race = sub.add_parser(
        "race", help="race optimizers (lanes) in lock-step and print the leaderboard",
        description="Lanes stepped in lock-step, each a run as 'gdlab run' makes it. Every "
                    "per-lane flag takes a comma list, one value per lane (a single value: "
                    "every lane); --start is repeated, one per lane.")
    race.add_argument("--problem", help="objective or model name (default bowl)")
    _add_formula(race)
    race.add_argument("--optimizer", type=_lane_list(_optimizer_name), metavar="NAME,…",
                      help="one optimizer per lane, e.g. sgd,momentum,adam")
    race.add_argument("--lr", type=_lane_list(_number), metavar="LR,…",
                      help="learning rates (default: the problem's suggested rate for each "
                           "lane's optimizer; 1 for the second-order and line-search methods)")
    _add_hyper_flags(race, lanes=True)
    race.add_argument("--start", type=_point, action="append",
                      help="start point, once per lane (or once for all), e.g. --start=-3,4")
    race.add_argument("--steps", type=_count,
                      help=f"each lane's step budget (default {DEFAULT_STEPS}; a model's own)")
    race.add_argument("--grad-evals", type=_count, metavar="N",
                      help="budget and rank by gradient evaluations instead of steps: each "
                           "lane ends when it has evaluated the gradient N times (a line "
                           "search spends several a step)")
    race.add_argument("--grad-noise", type=_lane_list(_number), metavar="SIGMA,…",
                      help="gradient noise σ per lane (default 0)")
    race.add_argument("--noise-seed", type=_lane_list(_count), metavar="N,…",
                      help="gradient noise seed per lane (default 0)")
    race.add_argument("--auto-tune", action="store_true",
                      help="set each lane's lr to the best of a log sweep (fewest steps to "
                           "tol, then lowest loss, never diverging)")
    race.add_argument("--gradient", choices=GRADIENT_METHODS, help="default analytic")
    race.add_argument("--h", type=_number, help=f"central-difference step "
                                                f"(default {hp.H.default:g})")
    race.add_argument("--tol", type=_number, help=f"{hp.TOL.help} (default {hp.TOL.default:g})")
    race.add_argument("--max-loss", type=_threshold,
                      help="a lane diverged when |loss| exceeds this (default 1e10)")
    race.add_argument("--dtype", choices=tuple(DTYPES), help="float64 (default) or float32")
    race.add_argument("--csv", type=_path,
                      help="write the lanes here (one long CSV, settings as .json)")
    _add_schedule(race)
    _add_model_options(race)


def _race_settings(args: argparse.Namespace) -> list:
    """One resolved :class:`RunSettings` per lane from the flags (raises ``ValueError``)."""
    given = {name: getattr(args, name) for name in _LANE_FLAGS if getattr(args, name) is not None}
    given.update({n: [v] for n, v in given.items() if isinstance(v, bool)})  # a flag: every lane
    if args.start is not None:
        given["start"] = args.start
    lists = {name: len(v) for name, v in given.items() if len(v) > 1}
    if len(set(lists.values())) > 1:
        counts = ", ".join(f"--{name.replace('_', '-')} {n}" for name, n in lists.items())
        raise ValueError(f"the per-lane lists differ in length ({counts} values); give each "
                         "1 value (for every lane) or one per lane")
    n = max(lists.values(), default=1)
    if args.auto_tune and "lr" in given:
        raise ValueError("--auto-tune chooses each lane's lr; drop --lr")

    def value(name: str, i: int):
        values = given.get(name)
        return None if values is None else values[i if len(values) > 1 else 0]

    optimizers = [value("optimizer", i) for i in range(n)]
    if None not in optimizers:  # a hyperparameter no lane's optimizer has is a mistake
        for h in HYPER:
            if h in given and not any(o in HYPER[h] for o in optimizers):
                raise ValueError(f"--{h.replace('_', '-')} is an option of none of the lanes' "
                                 f"optimizers ({', '.join(dict.fromkeys(optimizers))}); it "
                                 f"applies to {', '.join(HYPER[h])}")
    out = []
    problem, formula = _problem(args, DEFAULT_PROBLEM)
    for i in range(n):
        optimizer = optimizers[i]
        names = {s.name for s in OPTIMIZERS[optimizer].specs} if optimizer else None
        hyper = {h: value(h, i) for h in HYPER if h in given
                 and (names is None or h in names or len(given[h]) > 1)
                 and value(h, i) is not None}
        try:
            out.append(resolve(problem, optimizer, hyper=hyper, start=value("start", i),
                               formula=formula,
                               steps=args.steps, gradient=args.gradient, h=args.h,
                               tol=args.tol, max_loss=args.max_loss, dtype=args.dtype,
                               options=_problem_options(args),
                               grad_noise=value("grad_noise", i),
                               noise_seed=value("noise_seed", i), **_schedule(args)))
        except ValueError as exc:
            raise ValueError(f"lane {i + 1}: {_message(exc)}") from None
    return out


def cmd_race(args: argparse.Namespace) -> None:
    """Build the lanes with the recipe, race them (auto-tuned with ``--auto-tune``), print
    the leaderboard and write the long CSV."""
    try:
        if args.grad_evals is not None and args.steps is not None:
            raise ValueError("--grad-evals N is the budget (N − 1 steps at most): drop --steps")
        lanes = _race_settings(args)
        Race(lanes, grad_evals=args.grad_evals)  # lanes and memory bound, before any work
        if args.csv is not None:
            _check_writable(args.csv, "--csv", "gdlab race")
        tuned = tune.auto_tune_lanes(lanes) if args.auto_tune else None
        race = Race([t.settings if t else s for s, t in zip(lanes, tuned)] if tuned else lanes,
                    grad_evals=args.grad_evals)
    except ValueError as exc:
        raise UsageError(f"gdlab race: {_message(exc)}") from None
    race.advance()
    if args.csv is not None:
        _export_csv(lambda: export_race(race, args.csv), args.csv, "gdlab race")
    s = race.lanes[0].run.settings()
    budget = (f"{race.grad_evals} gradient evaluations" if race.grad_evals is not None
              else f"{s.steps} steps")
    lanes = f"{len(race.lanes)} lanes in lock-step" if len(race.lanes) > 1 else "1 lane"
    print(f"{s.formula or s.problem} · {lanes} · {budget} · "
          f"tol {s.tol:g}")
    if tuned:
        sweep = next(t.sweep for t in tuned if t)
        curvature = (" with the Hessian's 1/λmax and 2/(λmin + λmax)"
                     if sweep.fastest_lr is not None else "")
        print(f"auto-tune  each lane's lr: the best of {len(sweep.lr)} rates from {sweep.lr[0]:g} "
              f"to {sweep.lr[-1]:g} (log){curvature} — fewest steps to tol, then lowest loss, "
              "never diverging")
        for i, lane in enumerate(race.lanes):
            if tuned[i] is None:
                print(f"           lane {i + 1} ({lane.run.optimizer.title}) keeps lr "
                      f"{lane.run.optimizer.lr:g}: it steps one run at a time, and its lr is a "
                      "scale of its own step")
    width = max(5, *(len(ln.label) for ln in race.lanes))
    print(f"{'rank':>4} {'lane':>4}  {'label':<{width}}  {'lr':>10}  {'status':<20} "
          f"{'steps to tol':>12}  {'∇f evals':>8}  final loss")
    for st in race.leaderboard():
        run = race.lanes[st.lane].run
        status = f"{st.status} at step {st.steps}" if st.status == "diverged" else st.status
        stt = "—" if st.steps_to_tol is None else str(st.steps_to_tol)
        print(f"{st.rank:>4} {st.lane + 1:>4}  {st.label:<{width}}  {run.optimizer.lr:>10.4g}  "
              f"{status:<20} {stt:>12}  {st.grad_evals:>8}  {st.loss:.6g}")
    if args.csv is not None:
        print(f"wrote      {args.csv}" + (f" and {sidecar_path(args.csv)}"
                                           if has_sidecar(args.csv) else ""))


# ASCII forms of the symbols gdlab prints, for a terminal that cannot show them
ASCII_FORMS = {
    "θ": "theta", "·": "*", "‖": "||", "∇": "grad ", "→": "->", "←": "<-", "≤": "<=",
    "≥": ">=", "≪": "<<", "−": "-", "×": "x", "±": "+/-", "√": "sqrt", "∞": "inf",
    "…": "...", "—": "--", "–": "-", "½": "1/2", "²": "^2", "³": "^3", "⁴": "^4", "⁶": "^6",
    "ᵗ": "^t", "α": "alpha", "β": "beta", "ε": "eps", "η": "eta", "λ": "lambda", "μ": "mu",
    "π": "pi ", "σ": "sigma", "§": "S",
}


def _ascii_form(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: what cannot be encoded becomes its ASCII form (else ``?``)."""
    bad = err.object[err.start:err.end]
    return "".join(ASCII_FORMS.get(c) or unicodedata.normalize("NFKD", c)
                   .encode("ascii", "ignore").decode() or "?" for c in bad), err.end


codecs.register_error("gdlab-ascii", _ascii_form)


def _fall_back_to_ascii() -> None:
    """Let stdout and stderr print ASCII forms where their encoding (``LANG=C``, a Windows
    console's code page) cannot encode gdlab's symbols, instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "".join(ASCII_FORMS).encode(stream.encoding)
        except UnicodeEncodeError:
            stream.reconfigure(errors="gdlab-ascii")
        except (AttributeError, LookupError, TypeError):  # not a text stream we can change
            pass


def _exit_on_sigterm(signum: int, frame) -> None:
    """SIGTERM ends like Ctrl+C, through the cleanup (no temporary file left)."""
    print("gdlab: stopped (SIGTERM)", file=sys.stderr)
    raise SystemExit(128 + signum)


def _parse(argv: list[str]) -> argparse.Namespace:
    """The arguments, or a :class:`UsageError` naming the command a flag was not known to,
    with the nearest one it knows (``gdlab run: unrecognized arguments: --setps 10 (did you
    mean --steps?)``)."""
    args, extra = build_parser().parse_known_args(argv)
    if not extra:
        return args
    command = args.unknown_to
    known = [flag for a in command._actions for flag in a.option_strings]
    guesses = [match for word in extra if word.startswith("--")
               for match in difflib.get_close_matches(word.split("=")[0], known, n=1)]
    hint = f" (did you mean {', '.join(guesses)}?)" if guesses else ""
    raise UsageError(f"{command.prog}: unrecognized arguments: {' '.join(extra)}{hint}; "
                     f"see {command.prog} --help")


def main(argv: Sequence[str] | None = None) -> int:
    argv = _join_negative_values(list(sys.argv[1:] if argv is None else argv))
    _fall_back_to_ascii()
    try:
        args = _parse(argv)
        if args.command is None:
            return launch_window()
        on_term = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            if args.command == "list":
                cmd_list()
            elif args.command == "run":
                cmd_run(args)
            elif args.command == "check-grad":
                cmd_check_grad(args)
            elif args.command == "sweep":
                cmd_sweep(args)
            elif args.command == "race":
                cmd_race(args)
            elif args.command == "render":
                cmd_render(args, UsageError, _why)
            elif args.command == "lesson":
                cmd_lesson(args)
            elif args.command == "bench":
                from .bench.runs import main as bench_main
                bench_main()
        finally:
            signal.signal(signal.SIGTERM, on_term)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("gdlab: stopped (Ctrl+C)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return 0


def launch_window() -> int:
    try:
        from .ui.app import main as ui_main
    except ImportError as exc:
        print(f"gdlab: the window cannot start ({exc}); try 'gdlab run' for a headless run",
              file=sys.stderr)
        return 1
    return ui_main()


if __name__ == "__main__":
    sys.exit(main())
