"""The Qt window. ``gdlab.ui.MainWindow()`` needs a QApplication and nothing else."""

import os
import sys

from threadpoolctl import threadpool_limits

# Qt's raster engine splits every fill of 96 or more spans (a plot's background, a filled
# band, a scroll bar's groove) across Qt's GUI thread pool and waits for it. Beside the run
# and the pool jobs those helpers waited for a core, and the GUI thread with them: in the stress
# script 50-105 ms of a gap was spent so ("blocked"), over several thousand hand-offs in 30 s
# of problem changes. One thread fills chart-sized shapes sooner than a hand-off. Qt reads
# this once, at the first large fill.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")

from .window import MainWindow

# The run's worker and the pool threads (exports, projections) run Python while the GUI thread
# draws; every PySide call releases the GIL and waits to take it back, by default up to 5 ms
# each time: a redraw of some fifty calls then took 150-350 ms. At 0.5 ms the GUI thread
# gets it back ten times sooner.
GUI_SWITCH_INTERVAL = 0.0005
sys.setswitchinterval(min(sys.getswitchinterval(), GUI_SWITCH_INTERVAL))

# numpy's BLAS (OpenBLAS) multiplies on a thread per core and keeps them spinning about 0.1 s
# after each product: for a model's matrices (a few hundred rows) that gained nothing and took
# 20-30% of a core from the GUI thread while a network ran (on a 2-core machine, its frames
# then waited for a core). The window's process multiplies on the calling thread.
BLAS_LIMITS = threadpool_limits(limits=1, user_api="blas")

__all__ = ["MainWindow"]
