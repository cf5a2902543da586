import errno
import io
import json
import os
import re
import stat
import threading

import numpy as np
import pytest

import gdlab.engine.files.atomic as atomic
from gdlab.engine.files.export import (BLOCK_ROWS, FORMAT_ROWS, SidecarConflict, export_run, read_csv,
                                       write_csv, write_rows)
from gdlab.engine.optim.optimizers import make_optimizer
from gdlab.engine.run.single import Run


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


class FailingRows:
    """A row source whose second block raises, as a disk filling up mid-export would."""

    def __init__(self, n):
        self.n, self.calls = n, 0

    def __len__(self):
        return self.n

    def rows(self, start, stop):
        self.calls += 1
        if self.calls == 2:
            raise OSError(28, "No space left on device")
        return np.ones((stop - start, 2))


def test_failed_export_leaves_no_partial_file(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old contents\n")
    with pytest.raises(OSError):
        write_csv(target, ("a", "b"), FailingRows(200_000))
    assert target.read_text() == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_unwritable_target_raises_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, so nothing can be created below it (even as root)\n")
    with pytest.raises(OSError):
        write_csv(blocker / "x.csv", ("a",), np.ones((3, 1)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_a_csv_named_json_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"give the CSV another extension \(\.csv\)$"):
        write_csv(tmp_path / "run.json", ("a",), np.ones((2, 1)))
    assert list(tmp_path.iterdir()) == []


def test_the_sidecar_is_json_a_person_can_read(tmp_path):
    """Indented by two spaces, one key a line (a diff of two runs' settings reads)."""
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)), {"n": 1, "m": [1, 2]})
    text = (tmp_path / "r.json").read_text()
    assert text.startswith('{\n  "') and '\n  "n": 1,\n' in text and text.endswith("}\n")


@pytest.mark.parametrize("text, why", [("", "an empty file"),
                                       ("x,y\n1,2\n", "the first column must be 'step' (or "
                                                       "'lane,label,step' for a race)")])
def test_a_file_that_is_no_trajectory_says_why(tmp_path, text, why):
    (tmp_path / "t.csv").write_text(text)
    with pytest.raises(ValueError) as e:
        read_csv(tmp_path / "t.csv")
    assert str(e.value) == f"{tmp_path / 't.csv'}: not a gdlab trajectory ({why})"


def test_exported_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    finally:
        os.umask(old)
    assert (tmp_path / "r.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_an_unrelated_json_beside_the_csv_is_not_replaced(tmp_path):
    package = tmp_path / "package.json"
    package.write_text('{"name": "my-project", "version": "1.0"}\n')
    with pytest.raises(SidecarConflict, match=r"package.json .*\(choose another name for the CSV\)$"):
        write_csv(tmp_path / "package", ("a",), np.ones((2, 1)))
    assert listing(tmp_path) == ["package.json"]
    assert package.read_text() == '{"name": "my-project", "version": "1.0"}\n'
    write_csv(tmp_path / "package", ("a",), np.ones((2, 1)), overwrite=True)
    assert json.loads(package.read_text())["columns"] == ["step", "a"]


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"gdlab_version": "0.1"}',
                                  '{"columns": ["step"]}'])
def test_only_gdlab_sidecars_are_replaced(tmp_path, text):
    (tmp_path / "r.json").write_text(text)
    with pytest.raises(SidecarConflict):
        write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    assert listing(tmp_path) == ["r.json"]


def test_re_exporting_over_gdlab_own_pair_works(tmp_path):
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    write_csv(tmp_path / "r.csv", ("a",), np.zeros((3, 1)))
    assert read_csv(tmp_path / "r.csv")[1].tolist() == [[0.0]] * 3
    assert json.loads((tmp_path / "r.json").read_text())["rows"] == 3


def test_sidecar_that_cannot_be_written_leaves_no_csv(tmp_path):
    (tmp_path / "r.json").mkdir()
    with pytest.raises(IsADirectoryError):
        write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    assert listing(tmp_path) == ["r.json"]


@pytest.mark.parametrize("old_pair", [True, False])
def test_failed_sidecar_rename_rolls_the_csv_back(tmp_path, monkeypatch, old_pair):
    if old_pair:
        write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)), {"tag": "old"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".json") and ".bak" not in str(src):
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OSError):
        write_csv(tmp_path / "r.csv", ("a",), np.zeros((5, 1)), {"tag": "new"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_symlinked_csv_writes_through_to_its_target(tmp_path):
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "real.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_csv(link, ("a",), np.ones((2, 1)))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert read_csv(target)[1].shape == (2, 1)
    assert json.loads((tmp_path / "link.json").read_text())["rows"] == 2
    assert listing(tmp_path / "data") == ["real.csv"]


def test_a_pipe_is_written_in_place_without_a_sidecar(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()), daemon=True)
    reader.start()
    write_csv(fifo, ("a",), np.ones((2, 1)))
    reader.join(10)
    assert got == ["step,a\n0,1.0\n1,1.0\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and listing(tmp_path) == ["pipe.csv"]


def test_a_full_device_raises_enospc_and_gets_no_sidecar(device, full_disk, tmp_path):
    with pytest.raises(OSError) as info:
        write_csv(device, ("a",), np.ones((100_000, 1)))
    assert info.value.errno == errno.ENOSPC
    assert os.listdir(tmp_path) == ["device"]  # no sidecar, no temporary file


def test_a_full_disk_leaves_the_old_files(full_disk, tmp_path):
    (tmp_path / "r.csv").write_text("old csv")
    (tmp_path / "r.json").write_text('{"old": "json"}')
    with pytest.raises(OSError) as info:
        write_csv(tmp_path / "r.csv", ("a",), np.ones((100_000, 1)), overwrite=True)
    assert info.value.errno == errno.ENOSPC
    assert sorted(os.listdir(tmp_path)) == ["r.csv", "r.json"]
    assert (tmp_path / "r.csv").read_text() == "old csv"
    assert (tmp_path / "r.json").read_text() == '{"old": "json"}'


def test_re_export_keeps_an_existing_files_mode(tmp_path):
    for name in ("r.csv", "r.json"):
        (tmp_path / name).write_text("{}")
        (tmp_path / name).chmod(0o600)
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)), overwrite=True)
    for name in ("r.csv", "r.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600


def test_export_never_changes_the_process_umask(tmp_path, monkeypatch):
    def no_umask(mask):
        raise AssertionError("os.umask changes the mask of every thread")

    old = os.umask(0o077)
    os.umask(old)
    monkeypatch.setattr(os, "umask", no_umask)
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    assert (tmp_path / "r.csv").stat().st_mode & 0o777 == 0o666 & ~old


def test_a_long_valid_name_works_and_a_too_long_one_raises_oserror(tmp_path):
    name = "a" * 240 + ".csv"
    write_csv(tmp_path / name, ("a",), np.ones((2, 1)))
    assert listing(tmp_path) == sorted([name, "a" * 240 + ".json"])
    with pytest.raises(OSError) as info:
        write_csv(tmp_path / ("b" * 300 + ".csv"), ("a",), np.ones((2, 1)))
    assert info.value.errno == errno.ENAMETOOLONG
    assert len(listing(tmp_path)) == 2


def test_read_csv_explains_an_empty_file_and_accepts_a_bom(tmp_path):
    (tmp_path / "r.csv").write_text("")
    with pytest.raises(ValueError, match="an empty file"):
        read_csv(tmp_path / "r.csv")
    (tmp_path / "bom.csv").write_bytes("\ufeffstep,a\r\n0,1.5\r\n1,2\r\n".encode())
    assert read_csv(tmp_path / "bom.csv") == (("a",), pytest.approx(np.array([[1.5], [2.0]])))


def test_read_csv_names_the_line_of_a_bad_row(tmp_path):
    (tmp_path / "r.csv").write_text("step,a,b\n0,1,2\n\n1,3\n")
    with pytest.raises(ValueError, match="line 4: 2 values, the header has 3"):
        read_csv(tmp_path / "r.csv")
    (tmp_path / "r.csv").write_text("x,a\n0,1\n")
    with pytest.raises(ValueError, match="the first column must be 'step'"):
        read_csv(tmp_path / "r.csv")


def test_read_csv_skips_blank_lines(tmp_path):
    (tmp_path / "r.csv").write_text("step,a\n0,1\n\n1,2\n\n")
    assert read_csv(tmp_path / "r.csv")[1].tolist() == [[1.0], [2.0]]


def test_export_streams_the_trajectory_in_blocks(tmp_path):
    run = Run("bowl", make_optimizer("sgd", lr=1e-6), steps=2 * BLOCK_ROWS + 5)
    run.advance()
    asked = []
    real_rows = run.trajectory.rows

    def rows(start=0, stop=None):
        asked.append((start, stop))
        return real_rows(start, stop)

    run.trajectory.rows = rows
    export_run(run, tmp_path / "r.csv")
    n = len(run.trajectory)
    assert asked == [(lo, min(lo + BLOCK_ROWS, n)) for lo in range(0, n, BLOCK_ROWS)]
    np.testing.assert_array_equal(read_csv(tmp_path / "r.csv")[1], real_rows())
    lines = (tmp_path / "r.csv").read_text().splitlines()[1:]
    assert [int(line.split(",")[0]) for line in lines] == list(range(n))


def test_rows_are_formatted_in_short_pieces():
    """Formatting is one C call holding the GIL: a window exporting on a pool thread would
    stop answering for as long as the longest one, so no piece is longer than FORMAT_ROWS
    rows, and the pieces together are the whole CSV."""
    rows = np.random.default_rng(0).normal(size=(2 * BLOCK_ROWS + 7, 3))
    pieces = []

    class Recorder(io.StringIO):
        def write(self, text):
            pieces.append(text)
            return super().write(text)

    class Source:  # rows readable in blocks, as a trajectory
        def __len__(self):
            return len(rows)

        def rows(self, start, stop):
            return rows[start:stop]

    fh = Recorder()
    write_rows(fh, ["a", "b", "c"], Source(), len(rows))
    body = pieces[1:]  # after the header
    assert max(p.count("\n") for p in body) <= FORMAT_ROWS < BLOCK_ROWS
    text = fh.getvalue().splitlines()
    assert len(text) == len(rows) + 1
    np.testing.assert_array_equal(np.array([[float(v) for v in line.split(",")[1:]]
                                            for line in text[1:]]), rows)


def test_params_to_a_device_or_pipe_are_a_readable_npz(tmp_path):
    from gdlab.engine.files.export import write_params

    write_params("/dev/null", ["w"], [0, 5], [[np.zeros(3)], [np.ones(3)]])
    fifo = tmp_path / "p.npz"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_params(fifo, ["w"], [0, 5], [[np.zeros(3)], [np.ones(3)]])
    reader.join(10)
    with np.load(io.BytesIO(got[0])) as npz:
        assert npz["steps"].tolist() == [0, 5] and npz["w"].tolist() == [[0.0] * 3, [1.0] * 3]


def test_exact_bytes_of_a_small_csv(tmp_path):
    write_csv(tmp_path / "r.csv", ("a", "b"), np.array([[1, 2], [-0.0, 0.1]]))
    assert (tmp_path / "r.csv").read_bytes() == b"step,a,b\n0,1.0,2.0\n1,-0.0,0.1\n"


def test_sidecar_size_limit(tmp_path):
    from gdlab.engine.files.export import SIDECAR_MAX_BYTES

    def sidecar_of_size(size):
        head = '{"gdlab_version": "0", "columns": ["step"], "pad": "'
        (tmp_path / "r.json").write_text(head + "x" * (size - len(head) - 2) + '"}')
        assert (tmp_path / "r.json").stat().st_size == size

    sidecar_of_size(SIDECAR_MAX_BYTES)
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    sidecar_of_size(SIDECAR_MAX_BYTES + 1)
    with pytest.raises(SidecarConflict):
        write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))


def test_export_run_refuses_a_foreign_json_unless_told(tmp_path):
    run = Run("bowl", make_optimizer("sgd", lr=0.1), steps=3)
    run.advance()
    (tmp_path / "r.json").write_text("{}")
    with pytest.raises(SidecarConflict):
        export_run(run, tmp_path / "r.csv")
    export_run(run, tmp_path / "r.csv", overwrite=True)
    meta = (tmp_path / "r.json").read_text()
    assert json.loads(meta)["rows"] == 4


def test_non_finite_settings_are_written_to_the_sidecar(tmp_path):
    write_csv(tmp_path / "r.csv", ("a",), np.ones((1, 1)), {"max_loss": np.inf})
    assert '"max_loss": Infinity' in (tmp_path / "r.json").read_text()


def test_params_round_trip_through_a_file(tmp_path):
    from gdlab.engine.files.export import write_params

    write_params(tmp_path / "p.npz", ["W", "b"], [0, 10],
                 [[np.zeros((2, 3)), np.zeros(3)], [np.ones((2, 3)), np.ones(3)]])
    with np.load(tmp_path / "p.npz") as npz:
        assert npz["steps"].dtype == np.int64 and npz["steps"].tolist() == [0, 10]
        assert npz["W"].shape == (2, 2, 3) and npz["b"][1].tolist() == [1.0] * 3


def test_a_relative_symlink_is_followed_from_its_own_folder(tmp_path):
    (tmp_path / "sub" / "data").mkdir(parents=True)
    (tmp_path / "sub" / "link.csv").symlink_to("data/real.csv")
    write_csv(tmp_path / "sub" / "link.csv", ("a",), np.ones((2, 1)))
    assert read_csv(tmp_path / "sub" / "data" / "real.csv")[1].shape == (2, 1)
    assert (tmp_path / "sub" / "link.csv").is_symlink()


def test_a_symlink_loop_raises_eloop(tmp_path):
    loop = tmp_path / "loop.csv"
    loop.symlink_to("loop.csv")
    with pytest.raises(OSError) as info:
        write_csv(loop, ("a",), np.ones((2, 1)))
    err = info.value
    assert (err.errno, err.strerror, err.filename) == (errno.ELOOP, os.strerror(errno.ELOOP),
                                                        str(loop))


def test_a_descriptor_link_is_written_in_place(tmp_path):
    target = tmp_path / "out.txt"
    with open(target, "w") as fh:
        inode = os.fstat(fh.fileno()).st_ino
        assert atomic.resolve(f"/proc/self/fd/{fh.fileno()}")[1] is True
        write_csv(f"/proc/self/fd/{fh.fileno()}", ("a",), np.ones((1, 1)))
    assert target.stat().st_ino == inode and target.read_text() == "step,a\n0,1.0\n"
    assert listing(tmp_path) == ["out.txt"]


class WatchingRows:
    """Rows that record the folder's listing while the CSV is being written."""

    def __init__(self, folder):
        self.folder, self.seen = folder, []

    def __len__(self):
        return 1

    def rows(self, start, stop):
        self.seen = listing(self.folder)
        return np.ones((stop - start, 1))


def test_the_temporary_file_is_hidden_and_named_after_the_target(tmp_path):
    rows = WatchingRows(tmp_path)
    write_csv(tmp_path / "r.csv", ("a",), rows)
    assert len(rows.seen) == 1 and re.fullmatch(r"\.r\.csv\.[0-9a-f]{8}\.tmp", rows.seen[0])


def test_a_taken_temporary_name_is_not_reused(tmp_path, monkeypatch):
    names = iter(["00000000", "00000000", "11111111", "22222222"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(names))
    (tmp_path / ".r.csv.00000000.tmp").write_text("someone else's")
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    assert (tmp_path / ".r.csv.00000000.tmp").read_text() == "someone else's"
    assert listing(tmp_path) == [".r.csv.00000000.tmp", "r.csv", "r.json"]


def test_a_signal_right_after_the_temporary_file_is_created_leaves_nothing(tmp_path,
                                                                             monkeypatch):
    real_open = os.open

    def open_then_interrupted(path, flags, *mode):
        fd = real_open(path, flags, *mode)
        if flags & os.O_CREAT:  # SIGTERM's SystemExit lands before the next line runs
            os.close(fd)
            raise SystemExit(143)
        return fd

    monkeypatch.setattr(atomic.os, "open", open_then_interrupted)
    with pytest.raises(SystemExit):
        write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    assert listing(tmp_path) == []


def fail_json_rename(monkeypatch, also_restore=False):
    real_replace = os.replace

    def replace(src, dst):
        restoring = ".bak" in str(src)
        if (str(dst).endswith(".json") and not restoring) or (also_restore and restoring):
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)


def test_rollback_without_hard_links(tmp_path, monkeypatch):
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)), {"tag": "old"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def no_link(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_link)
    write_csv(tmp_path / "r.csv", ("a",), np.zeros((2, 1)), {"tag": "mid"})
    assert json.loads((tmp_path / "r.json").read_text())["tag"] == "mid"
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)), {"tag": "old"})
    fail_json_rename(monkeypatch)
    with pytest.raises(OSError, match="Input/output"):
        write_csv(tmp_path / "r.csv", ("a",), np.zeros((3, 1)), {"tag": "new"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_an_old_csv_that_cannot_be_put_back_is_kept(tmp_path, monkeypatch):
    write_csv(tmp_path / "r.csv", ("a",), np.ones((2, 1)))
    old = (tmp_path / "r.csv").read_bytes()
    fail_json_rename(monkeypatch, also_restore=True)
    with pytest.raises(OSError, match="Input/output"):
        write_csv(tmp_path / "r.csv", ("a",), np.zeros((3, 1)))
    kept = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert len(kept) == 1 and kept[0].read_bytes() == old


def test_whole_numbers_are_written_as_floats(tmp_path):
    write_csv(tmp_path / "r.csv", ("a", "b"), np.array([[1, 2]]))
    assert (tmp_path / "r.csv").read_text() == "step,a,b\n0,1.0,2.0\n"


class VanishingRows(WatchingRows):
    """Rows whose reading removes the temporary file, then fails."""

    def rows(self, start, stop):
        for p in self.folder.iterdir():
            p.unlink()
        raise OSError(errno.EIO, "Input/output error")


def test_cleanup_never_hides_the_original_error(tmp_path):
    with pytest.raises(OSError, match="Input/output"):
        write_csv(tmp_path / "r.csv", ("a",), VanishingRows(tmp_path))
    assert listing(tmp_path) == []
