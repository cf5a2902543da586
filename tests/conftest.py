"""Test-suite set-up: headless Qt for every test (set before any Qt import)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402


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
