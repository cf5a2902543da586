"""The Qt window. ``gdlab.ui.MainWindow()`` needs a QApplication and nothing else."""

import sys

from .window import MainWindow

# The run's worker and the pool threads (exports, projections) run Python while the GUI thread
# draws; every PySide call releases the GIL and waits to take it back, by default up to 5 ms
# each time: a redraw of some fifty calls then took 150-350 ms. At 0.5 ms the GUI thread
# gets it back ten times sooner.
GUI_SWITCH_INTERVAL = 0.0005
sys.setswitchinterval(min(sys.getswitchinterval(), GUI_SWITCH_INTERVAL))

__all__ = ["MainWindow"]
