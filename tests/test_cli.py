import subprocess
import sys

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.export import read_csv


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
    (["--csv", "/tmp/run.json"], ".json"),
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
