"""File ▸ Open Trajectory in the window (pytest-qt, offscreen)."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMessageBox  # noqa: E402


@pytest.fixture
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    return said


def test_import_draws_dashed_labelled_paths_and_removes_them(window, qtbot, tmp_path, warnings):
    w = window
    w.panel.stepsSpin.setValue(25)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status in ("finished", "converged"), timeout=10000)
    mine = w.exporter.export_csv(tmp_path / "mine.csv")
    foreign = tmp_path / "notebook.csv"
    foreign.write_text("x,y,loss\n" + "".join(f"{-2 + i * 0.1},{1 - i * 0.05},{10 / (i + 1)}\n"
                                               for i in range(20)))
    scene_items = len(w.pathPlot.getPlotItem().items)
    assert w.imported.open_trajectory(mine) and w.imported.open_trajectory(foreign)
    assert not warnings
    assert [d.path.name for d in w.imported.drawn] == ["mine", "notebook"]
    halo, line, start, label, curve, tag = w.imported.drawn[1].items
    assert tag.isVisible() and tag.textItem.toPlainText() == "imported: notebook"
    assert line.isVisible() and label.isVisible() and label.textItem.toPlainText() == \
        "imported: notebook"
    assert line.opts["pen"].style() == pytest.importorskip("PySide6.QtCore").Qt.PenStyle.DashLine
    x, y = line.getData()
    assert np.allclose(x, -2 + np.arange(20) * 0.1)
    sx, sy = curve.xData, curve.yData  # as given (the plot may show their log)
    assert np.array_equal(sx, np.arange(20)) and np.allclose(sy, 10 / (np.arange(20) + 1))
    x1, y1 = w.imported.drawn[0].items[1].getData()
    assert np.array_equal(np.column_stack([x1, y1]), w.history.data[:, :2])
    assert w.imported.removeAction.isEnabled()
    w.imported.remove_all()
    assert not w.imported.drawn and len(w.pathPlot.getPlotItem().items) == scene_items
    assert not w.imported.removeAction.isEnabled()


def test_a_bad_file_says_why_and_changes_nothing(window, tmp_path, warnings):
    w = window
    good = tmp_path / "good.csv"
    good.write_text("x,y\n0,0\n1,1\n")
    assert w.imported.open_trajectory(good)
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n0,0\n1,one\n")
    assert not w.imported.open_trajectory(bad)
    assert warnings == ["bad.csv, line 3, column y: 'one' is not a number"]
    assert [d.path.name for d in w.imported.drawn] == ["good"]
    assert not w.imported.open_trajectory(tmp_path / "gone.csv")
    assert "gone.csv" in warnings[-1] and len(w.imported.drawn) == 1
