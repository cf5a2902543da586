"""Test-suite set-up: headless Qt for every test (set before any Qt import)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _files_only_in_tmp_path(tmp_path, monkeypatch):
    """Every test runs in its own ``tmp_path``, which is also its home and config folder:
    a relative path, a file under ~ or the user's QSettings store land there, never in the
    repository or the user's files."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))


@pytest.fixture
def window(qtbot):
    """The main window, shown, with its first run ready; its thread is stopped afterwards."""
    from gdlab.ui import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1320, 860)  # the design size (the offscreen screen is 800×800: the window fits it)
    w.show()
    qtbot.waitUntil(lambda: w.history.n >= 1, timeout=5000)
    yield w
    w.shutdown()
    assert not w._thread.isRunning()
