"""Edit ▸ Copy as Command Line / Copy as Python in the window (pytest-qt, offscreen)."""

import shlex

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from gdlab import cli  # noqa: E402
from gdlab.engine.files.export import read_race_csv  # noqa: E402
from ui_helpers import choose  # noqa: E402


def ended(w):
    return lambda: all(lane.status in ("finished", "converged", "diverged")
                       for lane in w.session.lanes)


def cli_rows(line, tmp_path):
    args = shlex.split(line)
    out = tmp_path / "cli.csv"
    i = args.index("--csv")
    assert cli.main(args[1:i] + ["--csv", str(out)]
                    + (["--quiet"] if args[1] == "run" else [])) == 0
    return read_race_csv(out)


@pytest.mark.parametrize("race", [False, True])
def test_the_copied_command_line_reproduces_the_windows_export(window, qtbot, tmp_path, race,
                                                               capsys):
    w, p = window, window.panel
    choose(p.problemCombo, "rosenbrock")
    choose(p.speedCombo, 0)
    choose(p.optimizerCombo, "momentum")
    p.lrSpin.setValue(0.0015)
    p.set_start(-1.25, 2.5)
    p.stepsSpin.setValue(150)
    p.set_noise(0.05)
    if race:
        w.raceView.addButton.click()
        choose(p.optimizerCombo, "adam")
        qtbot.waitUntil(lambda: w.run_settings.get("optimizer") == "adam", timeout=5000)
    qtbot.waitUntil(lambda: len(w.session.lanes) == 1 + race and all(
        lane.history.n == 1 for lane in w.session.lanes), timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(ended(w), timeout=20000)
    mine = read_race_csv(w.exporter.export_csv(tmp_path / "window.csv"))
    w.copier.commandAction.trigger()
    line = QGuiApplication.clipboard().text()
    assert line.startswith("gdlab race" if race else "gdlab run")
    theirs = cli_rows(line, tmp_path)
    assert theirs.columns == mine.columns
    assert np.array_equal(theirs.lane, mine.lane) and np.array_equal(theirs.step, mine.step)
    assert np.array_equal(theirs.rows, mine.rows, equal_nan=True)
    assert len(mine.rows) == (151 if not race else 302)
