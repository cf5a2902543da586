"""Copy as Command Line / Copy as Python: the texts reproduce the setup, row for row."""

import shlex
import subprocess
import sys

import numpy as np
import pytest

from gdlab import cli
from gdlab.engine.files.export import read_csv, read_race_csv
from gdlab.engine.run.command import (NotExpressible, command_args, command_line,
                                      python_snippet)
from gdlab.engine.run.recipe import build_run, resolve

LANES = [resolve("rosenbrock", "momentum", hyper={"lr": 0.0012, "momentum": 0.5},
                 start=(-1.5, 2.5), steps=120),
         resolve("rosenbrock", "adam", hyper={"lr": 0.02}, start=(-1.0, -1.0), steps=120,
                 grad_noise=0.1, noise_seed=3),
         resolve("rosenbrock", "rmsprop", hyper={"alpha": 0.9}, steps=120)]


def rows_of(settings):
    run = build_run(settings)
    while not run.done:
        run.advance()
    return run.trajectory.rows(0, len(run.trajectory))


def run_cli(line: str, tmp_path):
    args = shlex.split(line)
    assert args[0] == "gdlab"
    assert cli.main(args[1:] + ["--csv", str(tmp_path / "cli.csv")]) == 0
    return tmp_path / "cli.csv"


@pytest.mark.parametrize("settings", [
    LANES[0], LANES[1], resolve("bowl", "adam", hyper={"amsgrad": True}, max_loss=float("inf")),
    resolve("mlp", steps=20, options={"hidden": 3, "dataset": "moons"}, dtype="float32"),
    resolve("ellipse", "sgd", gradient="numerical", h=1e-4, start=(0.25, -3.0))])
def test_the_command_line_reproduces_a_run_row_for_row(settings, tmp_path, capsys):
    line = command_line([settings])
    assert line.startswith(f"gdlab run --problem {settings.problem}")
    columns, rows = read_csv(run_cli(line, tmp_path))
    assert np.array_equal(rows, rows_of(settings), equal_nan=True)


def test_only_what_differs_from_the_recipe_is_said():
    assert command_args([resolve("bowl")]) == ["run", "--problem", "bowl", "--optimizer", "sgd"]
    assert "--steps=7" in command_args([resolve("bowl", steps=7)])
    assert command_args([resolve("bowl", "adam", hyper={"amsgrad": True})])[-1] == "--amsgrad"


def test_the_command_line_reproduces_a_race_row_for_row(tmp_path, capsys):
    line = command_line(LANES)
    assert line.startswith("gdlab race --problem rosenbrock --optimizer momentum,adam,rmsprop")
    table = read_race_csv(run_cli(line, tmp_path))
    for i, s in enumerate(LANES, 1):
        assert np.array_equal(table.lane_rows(i), rows_of(s), equal_nan=True)


def test_lanes_the_race_command_cannot_say_are_refused():
    with pytest.raises(NotExpressible, match="steps"):
        command_line([resolve("bowl", steps=10), resolve("bowl", steps=20)])
    with pytest.raises(NotExpressible, match="amsgrad differ"):
        command_line([resolve("bowl", "adam", hyper={"amsgrad": True}), resolve("bowl", "adam")])


@pytest.mark.parametrize("lanes", [LANES[:1], LANES])
def test_the_python_snippet_reproduces_the_setup(lanes, tmp_path):
    script = tmp_path / "snippet.py"
    script.write_text(python_snippet(lanes, "out.csv"))
    done = subprocess.run([sys.executable, "-c", f"import runpy; runpy.run_path({str(script)!r})"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    table = read_race_csv(tmp_path / "out.csv")
    for i, s in enumerate(lanes, 1):
        assert np.array_equal(table.lane_rows(i), rows_of(s), equal_nan=True)


def test_a_race_list_skips_a_lane_whose_optimizer_lacks_the_hyperparameter(tmp_path, capsys):
    lanes = [resolve("bowl", "momentum", hyper={"momentum": 0.5}, steps=30),
             resolve("bowl", "adam", steps=30), resolve("bowl", "rmsprop", steps=30)]
    line = command_line(lanes)
    assert "--momentum=0.5,-,0.0" in line
    table = read_race_csv(run_cli(line, tmp_path))
    for i, s in enumerate(lanes, 1):
        assert np.array_equal(table.lane_rows(i), rows_of(s))
    assert cli.main(["race", "--optimizer", "momentum,adam", "--momentum=0.5,0.1"]) == 2
    assert "adam has no hyperparameter 'momentum'" in capsys.readouterr().err


def test_a_typed_formula_is_said_as_formula(tmp_path, capsys):
    s = resolve("formula", "adam", formula="(x^2 - 1)^2 + y^2", start=(0.5, 1.0), steps=40)
    line = command_line([s])
    assert shlex.split(line)[1:4] == ["run", "--formula", "(x^2 - 1)^2 + y^2"]
    _, rows = read_csv(run_cli(line, tmp_path))
    assert np.array_equal(rows, rows_of(s))
    race = [s, resolve("formula", "sgd", formula="(x^2 - 1)^2 + y^2", steps=40)]
    table = read_race_csv(run_cli(command_line(race), tmp_path))
    for i, lane in enumerate(race, 1):
        assert np.array_equal(table.lane_rows(i), rows_of(lane))
    assert "formula='(x^2 - 1)^2 + y^2'" in python_snippet([s])


def test_a_schedule_and_its_parameters_are_said(tmp_path, capsys):
    s = resolve("rosenbrock", "adam", schedule="cosine", schedule_params={"eta_min": 1e-4},
                steps=60)
    line = command_line([s])
    assert "--schedule=cosine" in line and "--eta-min=0.0001" in line
    _, rows = read_csv(run_cli(line, tmp_path))
    assert np.array_equal(rows, rows_of(s))
    race = [s, resolve("rosenbrock", "sgd", schedule="cosine",
                       schedule_params={"eta_min": 1e-4}, steps=60)]
    table = read_race_csv(run_cli(command_line(race), tmp_path))
    for i, lane in enumerate(race, 1):
        assert np.array_equal(table.lane_rows(i), rows_of(lane))
    assert "--schedule" not in command_line([resolve("adaline", steps=5)])  # its own default
