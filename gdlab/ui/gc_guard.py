"""Python's cycle collector runs in the GUI thread only, and never scans what lives for good.

An automatic collection runs in whichever thread happens to allocate. When it frees a Qt
object there (a widget of a closed window, a replaced plot item), Qt's destructor takes a lock
that the GUI thread may hold while it waits for the GIL: both wait for ever. The test suite hit
exactly that (a pool thread's collection freeing an old window's menu while a new window was
being built). pyqtgraph's ``GarbageCollector`` turns automatic collection off and collects on a
timer of the GUI thread instead.

That timer forces a full collection every ten or so collections of the middle generation
(about every two minutes of use), and a full collection walks every tracked object: the
modules, classes and functions of Qt, pyqtgraph and numpy, and the window's own items —
tens of thousands, 20–90 ms in the GUI thread, the window frozen meanwhile. Once the first
window is built, those objects are moved to the permanent generation (``gc.freeze``): a full
collection walks only what was made since. (A frozen object is still freed when its last
reference goes; only a reference cycle among frozen objects would stay.)
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer
from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: GarbageCollector | None = None


def collect_in_gui_thread() -> None:
    """From the first window on, collect garbage on a GUI-thread timer (once per process),
    and freeze what exists once that window is built (its event loop's first turn)."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=1.0)
        QTimer.singleShot(0, gc.freeze)
