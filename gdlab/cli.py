"""The ``gdlab`` command: the window by default, ``list``, ``run`` (headless) and ``bench``.

Flags for the optimizers' hyperparameters are generated from the engine's
hyperparameter specs (the same ones the window's panels are built from).
"""

from __future__ import annotations

import argparse
import re
import math
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from . import __version__
from .engine import hyperparams as hp
from .engine.export import export_run, sidecar_path
from .engine.objectives import OBJECTIVES, get_objective
from .engine.optimizers import OPTIMIZERS, make_optimizer
from .engine.run import DTYPES, Run


class UsageError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        raise UsageError(f"{self.prog}: {message}")


def _number(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if math.isnan(v):
        raise argparse.ArgumentTypeError("nan is not allowed")
    return v


def _count(text: str) -> int:
    try:
        v = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if v < 0:
        raise argparse.ArgumentTypeError(f"{v} is negative; the step count must be ≥ 0")
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gdlab", description="A desktop learning lab for gradient descent.")
    parser.add_argument("--version", action="version", version=f"gdlab {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("list", help="show the objectives and optimizers with their defaults")
    sub.add_parser("bench", help="print the engine's speed and memory figures")

    run = sub.add_parser("run", help="run gradient descent headless and print a summary")
    run.add_argument("--problem", default="bowl", help="objective name (see 'gdlab list')")
    run.add_argument("--optimizer", default="sgd", help="optimizer name (see 'gdlab list')")
    run.add_argument("--lr", type=_number, help="learning rate (default: the optimizer's)")
    run.add_argument("--steps", type=_count, default=100, help="number of updates (default 100)")
    run.add_argument("--start", type=_point, help="start point, e.g. --start=-3,4")
    for spec in hp.ALL.values():
        if spec.name != "lr":
            run.add_argument(spec.flag, dest=spec.name, type=_number, metavar="V",
                             help=f"{spec.help} (range {spec.range_text()})")
    run.add_argument("--gradient", default="analytic", choices=("analytic", "numerical"))
    run.add_argument("--h", type=_number, default=hp.DEFAULT_H,
                     help="central-difference step for --gradient numerical (default 1e-4)")
    run.add_argument("--tol", type=_number, default=0.0,
                     help="stop as converged when the gradient norm is ≤ tol (0: off)")
    run.add_argument("--max-loss", type=_number, default=hp.DEFAULT_MAX_LOSS,
                     help="stop as diverged when |loss| exceeds this (inf: off; default 1e10)")
    run.add_argument("--dtype", default="float64", choices=tuple(DTYPES))
    run.add_argument("--csv", type=Path, help="write the trajectory here (and settings as .json)")
    run.add_argument("--quiet", action="store_true", help="print nothing")
    return parser


_VALUE_FLAGS = ("--start", "--lr", "--tol", "--h", "--max-loss",
                *(s.flag for s in hp.ALL.values()))


def _join_negative_values(argv: list[str]) -> list[str]:
    """Let ``--start -3,4`` mean ``--start=-3,4`` (argparse would take -3,4 for a flag)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in _VALUE_FLAGS and i + 1 < len(argv) and re.match(r"-[\d.]", argv[i + 1]):
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _check_writable(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"gdlab run: --csv {path}: is a folder, not a file name")
    if not folder.is_dir():
        raise UsageError(f"gdlab run: --csv {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"gdlab run: --csv {path}: the folder {folder} is not writable")


def cmd_list() -> None:
    print("Objectives (gdlab run --problem NAME):")
    for o in OBJECTIVES.values():
        start = ", ".join(f"{v:g}" for v in o.start)
        print(f"  {o.name:<17} {o.formula}")
        print(f"  {'':<17} start ({start}), suggested lr {o.suggested_lr:g}")
    print("\nOptimizers (gdlab run --optimizer NAME):")
    for cls in OPTIMIZERS.values():
        defaults = ", ".join(f"{s.name}={s.default:g}" for s in cls.specs)
        print(f"  {cls.name:<10} {defaults}")
        print(f"  {'':<10} {cls.equations}")


def cmd_run(args: argparse.Namespace) -> None:
    try:
        objective = get_objective(args.problem)
        hyper = {s: getattr(args, s) for s in hp.ALL if s != "lr" and getattr(args, s) is not None}
        if args.lr is not None:
            hyper["lr"] = args.lr
        optimizer = make_optimizer(args.optimizer, **hyper)
        if args.csv is not None:
            _check_writable(args.csv)
        run = Run(objective, optimizer, args.start, steps=args.steps, gradient=args.gradient,
                  h=args.h, tol=args.tol, max_loss=args.max_loss, dtype=args.dtype)
    except ValueError as exc:
        raise UsageError(f"gdlab run: {exc}") from None
    t0 = time.perf_counter()
    run.advance()
    elapsed = time.perf_counter() - t0
    if args.csv is not None:
        try:
            export_run(run, args.csv)
        except OSError as exc:
            raise UsageError(f"gdlab run: could not write {args.csv}: {exc.strerror or exc}") from None
    if args.quiet:
        return
    last = run.trajectory.last()
    d = len(run.param_names)
    point = ", ".join(f"{v:.8g}" for v in last[:d])
    rate = run.k / elapsed if elapsed > 0 else float("inf")
    print(f"{objective.name} · {optimizer.name} ({', '.join(f'{k}={v:g}' for k, v in optimizer.hyper.items())})"
          f" · {run.gradient} gradient · {run.dtype}")
    print(f"status     {run.status}" + (f" at step {run.k}" if run.status in ("diverged", "converged") else ""))
    print(f"steps      {run.k} of {run.steps}")
    print(f"point      ({point})")
    print(f"loss       {last[d]:.10g}")
    print(f"grad norm  {last[-2]:.6g}")
    print(f"speed      {rate:,.0f} steps/s")
    if run.status == "diverged":
        print("hint       the run diverged: try a smaller learning rate (--lr)")
    if args.csv is not None:
        print(f"wrote      {args.csv} and {sidecar_path(args.csv).name}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = _join_negative_values(list(sys.argv[1:] if argv is None else argv))
    try:
        args = build_parser().parse_args(argv)
        if args.command == "list":
            cmd_list()
        elif args.command == "run":
            cmd_run(args)
        elif args.command == "bench":
            from .bench import main as bench_main
            bench_main()
        else:
            return launch_window()
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return 0


def launch_window() -> int:
    try:
        from .ui.app import main as ui_main
    except ImportError as exc:
        if "gdlab.ui" not in str(exc) and "ui.app" not in str(exc):
            print(f"gdlab: the window cannot start ({exc}); try 'gdlab run' for a headless run",
                  file=sys.stderr)
            return 1
        print("gdlab: the window is not built yet; use 'gdlab run' for a headless run "
              "(gdlab run --help)", file=sys.stderr)
        return 1
    return ui_main()


if __name__ == "__main__":
    sys.exit(main())
