"""Reading a trajectory computed elsewhere: gdlab's CSVs, a foreign one, and refusals."""

import numpy as np
import pytest

from gdlab.engine.files.export import export_race, export_run
from gdlab.engine.files.imported import read_trajectory
from gdlab.engine.run.race import Race
from gdlab.engine.run.recipe import build_run, resolve


def test_gdlab_run_export_reads_back_as_one_path(tmp_path):
    run = build_run(resolve("rosenbrock", "adam", steps=40))
    run.advance()
    export_run(run, tmp_path / "run.csv")
    [p] = read_trajectory(tmp_path / "run.csv")
    rows = run.trajectory.rows(0, len(run.trajectory))
    cols = run.trajectory.columns
    assert p.name == "run"
    assert np.array_equal(p.xy, rows[:, :2])
    assert np.array_equal(p.loss, rows[:, cols.index("loss")])
    assert np.array_equal(p.step, np.arange(41))


def test_a_race_export_reads_as_one_path_per_lane_named_by_its_label(tmp_path):
    race = Race([resolve("bowl", "sgd", steps=10), resolve("bowl", "adam", steps=10)])
    race.advance()
    export_race(race, tmp_path / "race.csv")
    paths = read_trajectory(tmp_path / "race.csv")
    assert [p.name for p in paths] == [f"race · {ln.label}" for ln in race.lanes]
    for p, ln in zip(paths, race.lanes):
        assert np.array_equal(p.xy, ln.run.trajectory.rows(0, 11)[:, :2])


def test_a_foreign_csv_any_order_and_case_extra_columns_no_step(tmp_path):
    f = tmp_path / "torch path.csv"
    f.write_text("\ufeffLoss, Y ,X,lr\n5.0,2,1,0.1\n2.5,1.5,0.5,0.1\n\n1e-3,1e-2,-1e-2,0.1\n")
    [p] = read_trajectory(f)
    assert p.name == "torch path"
    assert np.array_equal(p.xy, [[1, 2], [0.5, 1.5], [-0.01, 0.01]])
    assert np.array_equal(p.loss, [5.0, 2.5, 1e-3])
    assert np.array_equal(p.step, [0, 1, 2])
    g = tmp_path / "xy.csv"
    g.write_text("step,x,y\n0,1,1\n5,nan,nan\n10,0,0\n")  # a gap is drawn as a gap
    [q] = read_trajectory(g)
    assert q.loss is None and np.array_equal(q.step, [0, 5, 10])


@pytest.mark.parametrize("text, message", [
    ("", "is empty"),
    ("a,b,c\n1,2,3\n", "no 'x' and no 'y' column"),
    ("x,z\n1,2\n", "no 'y' column"),
    ("x,y\n", "has a header but no rows"),
    ("x,y\n1,2\n3,oops\n", "line 3, column y: 'oops' is not a number"),
    ("x,y,loss\n1,2,3\n4,5\n", "line 3: 2 values, the header has 3"),
    ("x,y,x\n1,2,3\n", "names the column 'x' twice"),
    ("step,x,y\n0,1,2\n0,1,2\n", "step 0 follows step 0"),
    ("step,x,y\n0,1,2\n1.5,1,2\n", "'1.5' is not a whole number"),
    ("x,y\nnan,1\ninf,2\n", "no row has finite x and y"),
    ('x,y\n"1,2\n', "line"),
])
def test_bad_files_are_refused_with_a_message(tmp_path, text, message):
    f = tmp_path / "bad.csv"
    f.write_text(text)
    with pytest.raises(ValueError, match=message.replace("(", r"\(")) as info:
        read_trajectory(f)
    assert "bad.csv" in str(info.value)


def test_not_a_file_not_text_not_there(tmp_path):
    with pytest.raises(ValueError, match="is a folder"):
        read_trajectory(tmp_path)
    (tmp_path / "b.csv").write_bytes(b"x,y\n\xff\xfe\x00\x01\n")
    with pytest.raises(ValueError, match="not a text"):
        read_trajectory(tmp_path / "b.csv")
    with pytest.raises(ValueError, match="No such file"):
        read_trajectory(tmp_path / "missing.csv")
