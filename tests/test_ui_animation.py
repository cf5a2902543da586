"""Export Animation: frames over the recorded steps, GIF and PNG sequence (pytest-qt)."""

import os

import numpy as np
import pytest

pytest.importorskip("pytestqt")
Image = pytest.importorskip("PIL.Image")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from gdlab.engine.files.export import export_race, export_run  # noqa: E402
from gdlab.engine.run.race import Race  # noqa: E402
from gdlab.engine.run.recipe import build_run, resolve  # noqa: E402
from gdlab.ui.animation import (animation_of_csv, frame_steps, render_frames,  # noqa: E402
                                write_gif, write_png_sequence)


def test_frames_spread_evenly_over_the_recorded_steps():
    assert frame_steps(101, 5).tolist() == [0, 25, 50, 75, 100]
    assert frame_steps(4, 10).tolist() == [0, 1, 2, 3]  # at most one frame per step
    assert frame_steps(7, 1).tolist() == [6]
    steps = frame_steps(1001, 60)
    assert len(steps) == 60 and steps[0] == 0 and steps[-1] == 1000
    assert np.all(np.diff(steps) > 0)
    for bad in ((0, 5), (10, 0), (10, 5000)):
        with pytest.raises(ValueError):
            frame_steps(*bad)


@pytest.fixture
def run_csv(tmp_path):
    run = build_run(resolve("rosenbrock", "adam", steps=80))
    run.advance()
    return export_run(run, tmp_path / "run.csv")


def test_a_gif_has_the_frames_asked_for_each_its_step(qtbot, run_csv, tmp_path):
    anim = animation_of_csv(run_csv, with_loss=True)
    images = render_frames(anim, 9)
    assert len(images) == 9
    assert len({(i.width(), i.height()) for i in images}) == 1
    out = write_gif(tmp_path / "a.gif", images)
    with Image.open(out) as gif:
        assert gif.n_frames == 9 and gif.info["loop"] == 0
        gif.seek(0)
        first = np.asarray(gif.convert("RGB"))
        gif.seek(8)
        last = np.asarray(gif.convert("RGB"))
    assert first.shape == (images[0].height(), images[0].width(), 3)
    # the map is in every frame (computed on a pool thread): its viridis colours fill it
    greenish = (first[:, :, 1] > first[:, :, 0] + 40) & (first[:, :, 1] > first[:, :, 2])
    assert greenish.mean() > 0.2
    assert (first != last).any(axis=2).mean() > 0.001  # the path grew between them


def test_a_png_sequence_is_numbered_and_all_or_nothing(qtbot, run_csv, tmp_path, full_disk):
    images = render_frames(animation_of_csv(run_csv, with_loss=False), 12)
    folder = tmp_path / "frames"
    folder.mkdir()
    with pytest.raises(OSError):  # 12 PNGs need more than the 64 KiB left
        write_png_sequence(folder, images)
    assert os.listdir(folder) == []


def test_png_sequence_names(qtbot, run_csv, tmp_path):
    images = render_frames(animation_of_csv(run_csv, with_loss=False), 3)
    paths = write_png_sequence(tmp_path, images)
    assert [p.name for p in paths] == ["frame-0001.png", "frame-0002.png", "frame-0003.png"]


def test_a_race_csv_animates_every_lane(qtbot, tmp_path):
    race = Race([resolve("himmelblau", o, steps=30) for o in ("sgd", "adam")])
    race.advance()
    anim = animation_of_csv(export_race(race, tmp_path / "race.csv"), with_loss=True)
    assert [lane.label for lane in anim.lanes] == [ln.label for ln in race.lanes]
    assert anim.rows == 31 and len(render_frames(anim, 40)) == 31


def test_the_window_exports_its_run_as_a_gif_and_cancel_writes_nothing(window, qtbot, tmp_path,
                                                                      monkeypatch):
    w = window
    w.panel.stepsSpin.setValue(40)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status in ("finished", "converged"), timeout=10000)
    job = w.pictures.animator.start(tmp_path / "run.gif", frames=15, show_progress=False)
    with qtbot.waitSignal(job.finished, timeout=30000) as done:
        pass
    assert done.args[1], done.args[0]
    with Image.open(tmp_path / "run.gif") as gif:
        assert gif.n_frames == 15
    job = w.pictures.animator.start(tmp_path / "cancelled.gif", frames=40, show_progress=False)
    job.cancel()
    qtbot.wait(200)
    assert sorted(os.listdir(tmp_path)) == ["run.gif"]
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    assert w.pictures.animator.start(tmp_path / "nofolder", fmt="png") is None
    assert "not a folder" in said[0]


def test_every_frames_loss_plot_spans_the_whole_run(qtbot, run_csv):
    """No jumping step axis in an animation: 0 … the last step from the first frame on."""
    from gdlab.ui.animation import FrameRenderer
    renderer = FrameRenderer(animation_of_csv(run_csv, with_loss=True))
    try:
        for row in (0, 5, 80):
            renderer.frame(row)
            assert renderer.loss.getPlotItem().getViewBox().viewRange()[0] == [0, 80]
    finally:
        renderer.close()
