"""The window's process fills shapes in the GUI thread, not on Qt's GUI thread pool."""

import os
import subprocess
import sys

import pytest

# a large fill on a QImage (the raster engine); prints the threads the process started meanwhile
CODE = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if sys.argv[1] == "gdlab":
    import gdlab.ui  # noqa: F401
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QColor

def tasks():
    return set(os.listdir("/proc/self/task"))

app = QGuiApplication([])
image = QImage(1600, 1200, QImage.Format.Format_ARGB32_Premultiplied)
before = tasks()
painter = QPainter(image)
for i in range(20):
    painter.fillRect(10 + i, 10, 1400, 1000, QColor(10 * i, 80, 160, 128))
painter.end()
print(len(tasks() - before))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads are counted in /proc")
def test_fills_stay_in_the_calling_thread():
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}

    def started(mode: str) -> int:
        res = subprocess.run([sys.executable, "-c", CODE, mode], capture_output=True, text=True,
                             timeout=120, env=env)
        assert res.returncode == 0, res.stderr[-2000:]
        return int(res.stdout.split()[-1])

    assert started("qt") > 0  # without gdlab's setting Qt starts its pool for such a fill
    assert started("gdlab") == 0
