import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.files.export import read_csv


def gdlab(*args):
    return subprocess.run([sys.executable, "-m", "gdlab", *args], capture_output=True, text=True)


def test_run_prints_a_summary_and_writes_csv(tmp_path, capsys):
    out = tmp_path / "run.csv"
    assert main(["run", "--problem", "bowl", "--lr", "0.1", "--steps", "20",
                 "--start=-3,4", "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert "finished" in text and "-0.034587645" in text and "steps/s" in text
    columns, rows = read_csv(out)
    assert columns[:2] == ("x", "y") and len(rows) == 21
    assert (tmp_path / "run.json").exists()


def test_the_summary_names_the_json_where_it_is(tmp_path, capsys):
    """A CSV in a folder: its JSON is beside it, and the summary says so with its path (not
    a bare name a learner would look for in the current folder)."""
    (tmp_path / "runs").mkdir()
    assert main(["run", "--steps", "3", "--csv", "runs/adam.csv"]) == 0
    assert f"and {os.path.join('runs', 'adam.json')}" in capsys.readouterr().out
    assert (tmp_path / "runs" / "adam.json").exists()


def test_one_parameter_and_one_lane_are_said_in_the_singular(capsys):
    assert main(["run", "--problem", "linreg-w", "--start=1,2", "--steps", "1"]) == 2
    assert "needs 1 value (w), got 2" in capsys.readouterr().err
    assert main(["race", "--optimizer", "sgd", "--steps", "2"]) == 0
    assert " · 1 lane · " in capsys.readouterr().out


def test_a_start_given_twice_is_refused_not_overwritten(capsys):
    assert main(["run", "--steps", "3", "--start=-3,4", "--start=1,1"]) == 2
    assert capsys.readouterr().err.strip() == (
        "gdlab run: --start was given twice; give it once (gdlab race takes one per lane)")
    assert main(["run", "--steps", "3", "--start=1,1"]) == 0  # once is fine


def test_whole_numbers_take_scientific_notation_as_the_window_does(tmp_path, capsys):
    """``--steps 2e2`` is 200 steps (the window's boxes take 2e2 too); 2.5 and 1e-3 are not
    whole numbers and are refused, never rounded."""
    assert main(["run", "--problem", "bowl", "--lr", "1e-3", "--tol", "0", "--steps", "2e2",
                 "--csv", str(tmp_path / "a.csv")]) == 0
    assert len(read_csv(tmp_path / "a.csv")[1]) == 201
    assert main(["race", "--optimizer", "sgd,adam", "--steps", "1E1", "--tol", "0"]) == 0
    assert "10 steps" in capsys.readouterr().out
    for bad in ("2.5", "1e-3", "1e400", "2,000"):
        assert main(["run", "--steps", bad]) == 2
        assert f"{bad!r} is not a whole number" in capsys.readouterr().err


def test_negative_start_without_equals_sign(capsys):
    assert main(["run", "--start", "-3,4", "--lr", "0.1", "--steps", "1"]) == 0
    assert "(-2.4, 3.2)" in capsys.readouterr().out


def test_seeds_numerical_divergence_from_the_command_line(capsys):
    assert main(["run", "--lr", "10", "--steps", "100", "--start=-3,4", "--gradient",
                 "numerical", "--max-loss", "inf"]) == 0
    assert "(-2.5898375e+13, -1.2952486e+12)" in capsys.readouterr().out


def test_divergence_is_not_an_error(capsys):
    assert main(["run", "--lr", "10", "--steps", "100"]) == 0
    assert "diverged" in capsys.readouterr().out


def test_optimizer_flags_and_quiet(capsys):
    assert main(["run", "--problem", "rosenbrock", "--optimizer", "adam", "--beta1", "0.8",
                 "--beta2", "0.99", "--eps", "1e-7", "--steps", "50", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_list_shows_everything(capsys):
    assert main(["list"]) == 0
    text = capsys.readouterr().out
    for name in ("rosenbrock", "styblinski-tang", "adamw", "nesterov", "beta2=0.999"):
        assert name in text


@pytest.mark.parametrize("args, needle", [
    (["--problem", "nope"], "rosenbrock"),
    (["--optimizer", "adamm"], "adamw"),
    (["--lr", "fast"], "not a number"),
    (["--lr", "-1"], "lr"),
    (["--lr", "inf"], "finite"),
    (["--csv", "run.json"], ".json"),  # (relative: in the test's tmp_path)
    (["--steps", "-5"], "negative"),
    (["--steps", "1.5"], "whole number"),
    (["--start", "1,2,3"], "2 values"),
    (["--start", "a,b"], "not a point"),
    (["--beta1", "0.9"], "sgd has no hyperparameter"),
    (["--optimizer", "adam", "--beta1", "1"], "beta1"),
    (["--csv", "/no/such/folder/x.csv"], "does not exist"),
    (["--gradient", "magic"], "invalid choice"),
    (["--dtype", "float16"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(args, needle):
    res = gdlab("run", *args)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


def test_csv_path_that_is_a_folder(tmp_path):
    res = gdlab("run", "--csv", str(tmp_path))
    assert res.returncode == 2 and "folder" in res.stderr


def test_module_entry_point_and_version():
    res = gdlab("--version")
    assert res.returncode == 0 and "gdlab" in res.stdout


def test_no_display_gives_a_clear_message():
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    res = subprocess.run([sys.executable, "-m", "gdlab"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert res.returncode == 1 and "no display" in res.stderr and "Traceback" not in res.stderr


def assert_one_line_error(res, needle):
    assert res.returncode == 2, (res.returncode, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], res.stderr
    assert "Traceback" not in res.stderr


def test_an_unrelated_json_is_not_replaced_by_the_sidecar(tmp_path):
    package = tmp_path / "package.json"
    package.write_text('{"name": "app"}\n')
    res = gdlab("run", "--steps", "3", "--csv", str(tmp_path / "package"))
    assert_one_line_error(res, "gdlab did not write it")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package.json"]
    assert package.read_text() == '{"name": "app"}\n'


@pytest.mark.parametrize("params_name", ["r.csv", "r.json"])
def test_save_params_must_not_name_the_csv_or_its_sidecar(tmp_path, params_name):
    res = gdlab("run", "--steps", "3", "--csv", str(tmp_path / "r.csv"),
                "--save-params", str(tmp_path / params_name))
    assert_one_line_error(res, "choose another name")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_optimizer_name_is_refused_with_the_choices():
    assert_one_line_error(gdlab("run", "--optimizer", ""), "adamw")


@pytest.mark.parametrize("flag", ["--csv", "--save-params"])
def test_an_empty_file_name_is_named_as_typed(flag):
    assert_one_line_error(gdlab("run", flag, ""), "an empty file name")


def test_a_full_disk_gives_a_one_line_message(device, full_disk, tmp_path, capsys):
    assert main(["run", "--steps", "5000", "--tol", "0", "--csv", str(device)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "disk is full" in err, err
    assert os.listdir(tmp_path) == ["device"]  # no sidecar, no temporary file


def test_long_names(tmp_path):
    ok = tmp_path / ("a" * 240 + ".csv")
    res = gdlab("run", "--steps", "3", "--csv", str(ok), "--quiet")
    assert res.returncode == 0 and res.stderr == "" and ok.exists()
    for flag in ("--csv", "--save-params"):
        res = gdlab("run", "--steps", "3", flag, str(tmp_path / ("b" * 300 + ".csv")))
        assert_one_line_error(res, "File name too long")


@pytest.mark.parametrize("command", [["list"], ["run", "--problem", "mlp", "--steps", "2"],
                                     ["run", "--steps", "2"], ["run", "--tol", "x"],
                                     ["run", "--help"]])
def test_a_terminal_that_cannot_show_the_symbols_gets_ascii_forms(command):
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    res = subprocess.run([sys.executable, "-m", "gdlab", *command], capture_output=True,
                         text=True, env=env, encoding="ascii")
    assert "Traceback" not in res.stderr and res.returncode in (0, 2), res.stderr
    assert res.stdout or res.stderr
    if command == ["list"]:
        assert "f(x, y) = x^2 + y^2" in res.stdout and "0.01*N(0, 1)" in res.stdout


def test_sigterm_during_export_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "big.csv"
    proc = subprocess.Popen([sys.executable, "-m", "gdlab", "run", "--steps", "1500000", "--tol=0",
                             "--csv", str(out), "--quiet"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "the export never began"
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in err
    assert err.strip() == "gdlab: stopped (SIGTERM)"  # said, not silent
    assert list(tmp_path.iterdir()) == []


def test_a_mistyped_flag_is_named_with_its_command_and_the_nearest_flag(capsys):
    assert main(["run", "--setps", "10"]) == 2
    assert capsys.readouterr().err.strip() == (
        "gdlab run: unrecognized arguments: --setps 10 (did you mean --steps?); "
        "see gdlab run --help")
    # no abbreviations: --form (for --from) was taken for --formula, a constant function
    assert main(["sweep", "lr", "--form", "1e-3"]) == 2
    assert "gdlab sweep lr: unrecognized arguments: --form 1e-3 (did you mean --from?)" in \
        capsys.readouterr().err


@pytest.mark.parametrize("args, needle", [
    (["--csv", "x" * 300 + ".csv"], "File name too long"),
    (["--csv", ""], "an empty file name"),
    (["--optimizer", ""], "adamw"),
])
def test_sweep_bad_output_and_names(tmp_path, args, needle):
    assert_one_line_error(gdlab("sweep", "lr", "--n", "3", *args), needle)


def test_sweep_csv_has_no_sidecar_rules(tmp_path):
    (tmp_path / "map.json").write_text('{"mine": true}')
    res = gdlab("sweep", "lr", "--n", "3", "--csv", str(tmp_path / "map.csv"))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.csv", "map.json"]


def test_a_window_that_cannot_be_imported_gives_a_clear_message(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "gdlab.ui.app", None)  # any import of it raises ImportError
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "the window cannot start" in err and "gdlab run" in err


@pytest.mark.parametrize("args, needle", [
    (["--amsgrad"], "sgd has no hyperparameter 'amsgrad': --amsgrad is an option of adam, "
                    "adamw; sgd takes --lr, --weight-decay"),
    (["--optimizer", "momentum", "--no-amsgrad"], "--amsgrad is an option of adam"),
    (["--optimizer", "adam", "--amsgrad", "yes"], "unrecognized arguments: yes"),
])
def test_a_flag_is_checked_against_the_chosen_optimizer(args, needle):
    assert_one_line_error(gdlab("run", *args), needle)


def test_a_bool_flag_reaches_the_optimizer(tmp_path, capsys):
    from gdlab.engine.optim.optimizers import make_optimizer
    from gdlab.engine.run.single import Run

    out = tmp_path / "ams.csv"
    assert main(["run", "--problem", "rosenbrock", "--optimizer", "adam", "--amsgrad",
                 "--lr", "0.05", "--steps", "200", "--csv", str(out)]) == 0
    assert "amsgrad=on" in capsys.readouterr().out
    run = Run("rosenbrock", make_optimizer("adam", lr=0.05, amsgrad=True), steps=200)
    run.advance()
    np.testing.assert_array_equal(read_csv(out)[1][:, :2], run.trajectory.rows()[:, :2])
    plain = Run("rosenbrock", make_optimizer("adam", lr=0.05), steps=200)
    plain.advance()
    assert np.abs(plain.trajectory.rows()[-1, :2] - run.trajectory.rows()[-1, :2]).max() > 1e-6
    import json
    assert json.loads(out.with_suffix(".json").read_text())["settings"]["hyper"]["amsgrad"] is True
    assert main(["run", "--optimizer", "adam", "--no-amsgrad", "--steps", "1"]) == 0
    assert "amsgrad=off" in capsys.readouterr().out


def test_race_refuses_a_flag_no_lane_takes_and_applies_it_to_those_that_do(capsys):
    res = gdlab("race", "--optimizer", "sgd,momentum", "--amsgrad")
    assert_one_line_error(res, "--amsgrad is an option of none of the lanes' optimizers "
                               "(sgd, momentum); it applies to adam, adamw")
    from gdlab.cli import _race_settings, build_parser

    lanes = _race_settings(build_parser().parse_args(["race", "--optimizer", "sgd,adam,adamw",
                                                      "--amsgrad"]))
    assert "amsgrad" not in lanes[0].hyper
    assert lanes[1].hyper["amsgrad"] is True and lanes[2].hyper["amsgrad"] is True
