"""``gdlab render``: a trajectory CSV as an animated GIF or PNG images, headless."""

import os
import subprocess
import sys

import pytest

Image = pytest.importorskip("PIL.Image")

from gdlab import cli  # noqa: E402
from gdlab.engine.files.export import export_run  # noqa: E402
from gdlab.engine.run.recipe import build_run, resolve  # noqa: E402


@pytest.fixture
def run_csv(tmp_path):
    run = build_run(resolve("himmelblau", "momentum", steps=50))
    run.advance()
    return export_run(run, tmp_path / "run.csv")


def test_render_works_with_no_display_and_no_platform_set(run_csv, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "gdlab", "render", str(run_csv), "--gif",
                           str(tmp_path / "out.gif"), "--frames", "12", "--loss"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "out.gif (12 frames)" in done.stdout
    with Image.open(tmp_path / "out.gif") as gif:
        assert gif.n_frames == 12


def test_png_frames_of_a_foreign_csv(tmp_path, capsys):
    f = tmp_path / "mine.csv"
    f.write_text("x,y\n" + "".join(f"{i / 10},{(i / 10) ** 2}\n" for i in range(30)))
    (tmp_path / "frames").mkdir()
    assert cli.main(["render", str(f), "--png-dir", str(tmp_path / "frames"),
                     "--frames", "5"]) == 0
    assert sorted(os.listdir(tmp_path / "frames")) == [f"frame-000{i}.png" for i in range(1, 6)]


@pytest.mark.parametrize("args, message", [
    (["missing.csv", "--gif", "o.gif"], "missing.csv: No such file"),
    (["{run}"], "give --gif OUT.gif or --png-dir FOLDER"),
    (["{run}", "--gif", "o.gif", "--png-dir", "."], "one of them"),
    (["{run}", "--gif", "o.png"], "name the animation *.gif"),
    (["{run}", "--gif", "nofolder/o.gif"], "does not exist"),
    (["{run}", "--png-dir", "nofolder"], "not a folder"),
    (["{run}", "--gif", "o.gif", "--frames", "0"], "frames 0: choose from 1"),
    (["{bad}", "--gif", "o.gif"], "no 'y' column"),
    (["{mlp}", "--gif", "o.gif"], "mlp has too many parameters for a map"),
])
def test_bad_input_exits_2_with_one_line(run_csv, tmp_path, capsys, args, message):
    (tmp_path / "bad.csv").write_text("x,z\n1,2\n")
    run = build_run(resolve("mlp", steps=3))
    run.advance()
    (tmp_path / "sub").mkdir()
    export_run(run, tmp_path / "sub" / "mlp.csv")
    args = [a.format(run=run_csv, bad=tmp_path / "bad.csv", mlp=tmp_path / "sub" / "mlp.csv")
            for a in args]
    assert cli.main(["render", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("gdlab render")
    assert sorted(os.listdir(tmp_path)) == ["bad.csv", "run.csv", "run.json", "sub"]
