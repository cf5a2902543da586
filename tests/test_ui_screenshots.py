"""The README's screenshot script still takes its pictures (one scene, in a subprocess)."""

import os
import subprocess
import sys

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QImage  # noqa: E402


def test_the_screenshot_script_writes_the_window_at_its_design_size(tmp_path):
    """… from the defaults, in a settings store of its own: the user's is left as it was."""
    users = tmp_path / ".config" / "gdlab" / "gdlab.conf"  # XDG_CONFIG_HOME (conftest)
    users.parent.mkdir(parents=True)
    users.write_text("[run]\nlast=the user's\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run([sys.executable, "-m", "gdlab.ui.screenshots", str(out),
                           "--only", "screenshot.png"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out / "screenshot.png"))
    assert (image.width(), image.height()) == (1320, 860)
    assert list(out.iterdir()) == [out / "screenshot.png"]  # that one only
    assert users.read_text() == "[run]\nlast=the user's\n"


def test_the_screenshot_script_refuses_a_missing_folder(tmp_path):
    done = subprocess.run([sys.executable, "-m", "gdlab.ui.screenshots", str(tmp_path / "no")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a folder" in done.stderr
