"""A typed formula in the recipe, the CLI (run, race, sweep, check-grad), the CSV's JSON
sidecar, and the status "undefined" of a run that leaves the function's domain."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine import BatchRun, parse_formula
from gdlab.engine.files.export import export_run, sidecar_path
from gdlab.engine.run.recipe import build_run, resolve, settings_from_dict


def test_the_formula_is_part_of_the_recipe(tmp_path):
    s = resolve("formula", formula="(x - 1)^2 + 3y^2", start=(2.0, 1.0))
    assert (s.problem, s.formula, s.start) == ("formula", "(x - 1)^2 + 3y^2", (2.0, 1.0))
    run = build_run(s)
    run.advance()
    assert run.settings() == s
    path = tmp_path / "r.csv"
    export_run(run, path)
    saved = json.loads(sidecar_path(path).read_text())["settings"]
    assert saved["formula"] == "(x - 1)^2 + 3y^2"
    again = build_run(settings_from_dict(saved))
    again.advance()
    assert again.trajectory.rows().tolist() == run.trajectory.rows().tolist()


def test_catalogue_settings_have_no_formula():
    assert resolve("bowl").formula is None
    with pytest.raises(ValueError, match="needs its formula"):
        resolve("formula")


def test_run_stops_as_undefined_with_the_reason():
    run = build_run(resolve("formula", formula="log(x) + y^2", start=(0.5, 1.0),
                            hyper={"lr": 0.6}))
    run.advance()
    assert run.status == "undefined" and run.done
    assert run.reason == "undefined at step 1: log of a non-positive number"
    start_outside = build_run(resolve("formula", formula="sqrt(x)", start=(-1.0, 0.0)))
    assert start_outside.status == "undefined"
    assert start_outside.reason == "undefined at step 0: square root of a negative number"
    overflow = build_run(resolve("formula", formula="-x^2", start=(3.0, 0.0),
                                 hyper={"lr": 0.5}, steps=3000))
    overflow.advance()
    assert overflow.status == "diverged" and overflow.reason == ""


def test_a_nan_gradient_at_a_finite_value_is_undefined_not_diverged():
    """√(x² + y²) is 0 at the origin but has no slope there: a step onto it is undefined."""
    run = build_run(resolve("formula", formula="sqrt(x^2 + y^2)", start=(1.0, 0.0),
                            optimizer="sgd", hyper={"lr": 1.0}))
    run.advance()
    assert run.status == "undefined"
    assert run.reason == ("undefined at step 1: the gradient is undefined here "
                          "(the square root has no finite slope at 0)")
    b = BatchRun(parse_formula("sqrt(x^2 + y^2)"), "sgd", np.array([[1.0, 0.0], [3.0, 0.0]]),
                 lr=1.0, steps=2)
    b.advance()
    assert b.status.tolist() == ["undefined", "finished"]
    assert parse_formula("x^(1/3) + y^2").undefined_reason(0.0, 1.0) == (
        "the gradient is undefined here (0 to a power below 1 has no finite slope)")
    assert parse_formula("sqrt(x^2 + y^2)").undefined_reason(1.0, 0.0) is None


def test_batch_runs_stop_as_undefined():
    b = BatchRun(parse_formula("log(x) + y^2"), "sgd", np.array([[0.5, 1.0], [3.0, 1.0]]),
                 lr=np.array([0.6, 0.1]), steps=5)
    b.advance()
    assert b.status.tolist() == ["undefined", "finished"]
    b = BatchRun(parse_formula("-x^2"), "sgd", np.array([[1.0, 0.0]]), lr=0.5, steps=3000)
    b.advance()
    assert b.status.tolist() == ["diverged"]


def test_run_prints_the_minima_found_for_a_formula(capsys):
    assert main(["run", "--formula", "(x^2 - 1)^2 + y^2", "--steps", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    minima = [ln for ln in lines if ln.startswith("minima")]
    assert len(minima) == 1
    at = lines.index(minima[0])
    assert {minima[0].split()[1], lines[at + 1].split()[0]} == {"(-1,", "(1,"}
    assert "f = 0" in lines[at + 1] and "50% of the starts" in lines[at + 1]
    assert main(["run", "--formula", "x^2 - y^2", "--steps", "5"]) == 0
    out = capsys.readouterr().out
    assert "minima     unbounded below" in out
    assert main(["run", "--problem", "himmelblau", "--steps", "5"]) == 0
    assert "minima" not in capsys.readouterr().out  # the catalogue's are known


def test_a_formulas_basins_are_coloured_by_the_minima_found_for_it(tmp_path, capsys):
    """As the catalogue's known minima are used: the found minima come first, and a run that
    stops where f is undefined is its own class (−2), not "no minimum" (−1)."""
    from gdlab.engine.analysis import sweeps
    from gdlab.engine.analysis.minima import find_minima
    text = "x - log(x) + (y - 1)^2"
    s = resolve("formula", formula=text, steps=300)
    b = sweeps.basins(s, 20)
    found = find_minima(parse_formula(text))
    assert b.known == len(found.points) == 1
    np.testing.assert_array_equal(b.minima[:1], found.points)
    undefined = b.status == "undefined"
    assert undefined.any() and (b.minimum[undefined] == sweeps.UNDEFINED).all()
    assert (b.minimum[~undefined] != sweeps.UNDEFINED).all()
    reached = (b.status == "converged") | (b.status == "finished")
    assert (b.minimum[reached & (b.end[..., 0] > 0.5)] == 0).all()
    path = tmp_path / "b.csv"
    assert main(["sweep", "basin", "--formula", text, "--n", "20", "--steps", "300",
                 "--csv", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"undefined: {undefined.mean():6.1%}" in out and "minimum (1, 1)" in out
    rows = path.read_text().splitlines()
    assert sum(r.endswith(",undefined,-2") for r in rows) == undefined.sum()


@pytest.mark.parametrize("command", [
    ["run"], ["race", "--optimizer", "sgd,adam"], ["sweep", "basin", "--n", "4"],
    ["sweep", "lr", "--n", "4"], ["check-grad"]])
def test_every_command_takes_a_formula(command, capsys):
    assert main([*command, "--formula", "(x - 1)^2 + y^2", *(
        ["--steps", "5"] if command[0] in ("run", "race", "sweep") else [])]) == 0
    out = capsys.readouterr().out
    assert "(x - 1)^2 + y^2" in out or "(x − 1)² + y²" in out


@pytest.mark.parametrize("command", [["run"], ["race"], ["sweep", "lr"], ["check-grad"]])
def test_a_bad_formula_exits_2_with_one_line_naming_the_column(command, capsys):
    assert main([*command, "--formula", "x^2 + 2z"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "column 8: unknown name 'z'" in err
    assert "Traceback" not in err


def test_formula_with_a_leading_minus_and_a_problem_conflict(capsys):
    assert main(["run", "--formula", "-x^2 - y^2", "--steps", "2"]) == 0
    assert "−x² − y²" in capsys.readouterr().out
    assert main(["run", "--problem", "rosenbrock", "--formula", "x"]) == 2
    assert "drop --problem rosenbrock" in capsys.readouterr().err


def test_cli_prints_the_undefined_reason(capsys):
    assert main(["run", "--formula", "log(x) + y^2", "--start", "0.5,1", "--lr", "0.6"]) == 0
    assert "status     undefined at step 1: log of a non-positive number" in capsys.readouterr().out


def test_list_tells_about_formulas(capsys):
    assert main(["list"]) == 0
    assert "gdlab run --formula" in capsys.readouterr().out
