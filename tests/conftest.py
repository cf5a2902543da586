"""Test-suite set-up: headless Qt for every test (set before any Qt import)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _files_only_in_tmp_path(tmp_path, tmp_path_factory, monkeypatch):
    """Every test runs in its own ``tmp_path``, which is also its home and config folder: a
    relative path or a file under ~ land there; the QSettings store and the autosave in a
    throw-away folder beside it: never in the repository or the user's files."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    # the window's settings store and autosave: a throw-away folder of the test's own beside
    # tmp_path (a test may check that tmp_path holds only what it wrote)
    store = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("XDG_DATA_HOME", str(store / "data"))
    from PySide6.QtCore import QSettings

    # QSettings reads XDG_CONFIG_HOME once per process: each test gets its own store
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(store / "config"))


@pytest.fixture
def window(qtbot):
    """The main window, shown, with its first run ready; its thread is stopped afterwards."""
    from ui_helpers import opened_window

    with opened_window(qtbot) as w:
        yield w


@pytest.fixture
def full_disk(monkeypatch):
    """Files opened by descriptor from now on (gdlab's writes) fail with ENOSPC once 64 KiB
    went through them, as on a full disk; no real device is written (a regression run as
    root must not be able to replace /dev/full)."""
    import errno

    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        fh = real_fdopen(fd, *args, **kwargs)
        write, written = fh.write, [0]

        def full(data):
            written[0] += len(data)
            if written[0] > 65536:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return write(data)

        fh.write = full
        return fh

    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.fixture
def device(tmp_path):
    """A path that is not a regular file — a FIFO in ``tmp_path``, drained by a thread — as
    a device is: gdlab writes it in place. Afterwards, checks it is still a FIFO."""
    import stat
    import threading

    path = tmp_path / "device"
    os.mkfifo(path)
    got = []

    def drain():
        with open(path, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    yield path
    reader.join(1)
    if reader.is_alive():  # nothing opened it for writing: release the reader
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
    assert stat.S_ISFIFO(os.lstat(path).st_mode), "the FIFO was replaced by a regular file"
