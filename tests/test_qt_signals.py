"""Regression: PySide6 6.12.0 on Python 3.11 aborts after a few hundred emits (bool_dealloc)."""

import subprocess
import sys

CODE = r"""
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    fired = Signal(bool, int)

app = QCoreApplication([])
e = Emitter()
count = [0]
def on(flag, i):
    count[0] += 1
e.fired.connect(on)
for i in range(100_000):
    e.fired.emit(True, i)
print(count[0])
"""


def test_hundred_thousand_signal_emits_survive():
    res = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip() == "100000"
