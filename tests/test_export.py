import json
import os

import numpy as np
import pytest

from gdlab.engine.export import export_run, read_csv, write_csv
from gdlab.engine.optimizers import make_optimizer
from gdlab.engine.run import Run


def test_csv_round_trip_is_exact(tmp_path):
    run = Run("rosenbrock", make_optimizer("adam", lr=0.01), steps=300)
    run.advance()
    path = export_run(run, tmp_path / "traj.csv")
    header = path.read_text().splitlines()[0]
    assert header == "step,x,y,loss,grad_x,grad_y,grad_norm,lr"
    columns, rows = read_csv(path)
    assert columns == run.trajectory.columns
    np.testing.assert_array_equal(rows, run.trajectory.rows())
    meta = json.loads((tmp_path / "traj.json").read_text())
    assert meta["status"] == "finished" and meta["steps_done"] == 300
    assert meta["settings"]["optimizer"] == "adam" and meta["settings"]["hyper"]["lr"] == 0.01
    assert "gdlab_version" in meta


def test_nonfinite_values_round_trip(tmp_path):
    rows = np.array([[1.0, np.inf, np.nan], [-0.0, 1e-300, 1.7976931348623157e308]])
    write_csv(tmp_path / "a.csv", ("a", "b", "c"), rows)
    _, back = read_csv(tmp_path / "a.csv")
    np.testing.assert_array_equal(back, rows)


def test_failed_export_leaves_no_partial_file(tmp_path, monkeypatch):
    import gdlab.engine.export as export

    target = tmp_path / "t.csv"
    target.write_text("old contents\n")
    real_writer = export.csv.writer

    class FailingWriter:
        def __init__(self, fh, **kw):
            self.inner = real_writer(fh, **kw)
            self.calls = 0

        def writerow(self, row):
            self.inner.writerow(row)

        def writerows(self, rows):
            self.calls += 1
            if self.calls == 2:
                raise OSError(28, "No space left on device")
            self.inner.writerows(rows)

    monkeypatch.setattr(export.csv, "writer", FailingWriter)
    with pytest.raises(OSError):
        write_csv(target, ("a", "b"), np.ones((200_000, 2)))
    assert target.read_text() == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_unwritable_target_raises_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, so nothing can be created below it (even as root)\n")
    with pytest.raises(OSError):
        write_csv(blocker / "x.csv", ("a",), np.ones((3, 1)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_a_csv_named_json_is_refused(tmp_path):
    with pytest.raises(ValueError, match="json"):
        write_csv(tmp_path / "run.json", ("a",), np.ones((2, 1)))
    assert list(tmp_path.iterdir()) == []


def test_exported_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    finally:
        os.umask(old)
    assert (tmp_path / "r.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644
