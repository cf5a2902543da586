"""Python's cycle collector runs in the GUI thread only.

An automatic collection runs in whichever thread happens to allocate. When it frees a Qt
object there (a widget of a closed window, a replaced plot item), Qt's destructor takes a lock
that the GUI thread may hold while it waits for the GIL: both wait for ever. The test suite hit
exactly that (a pool thread's collection freeing an old window's menu while a new window was
being built). pyqtgraph's ``GarbageCollector`` turns automatic collection off and collects on a
timer of the GUI thread instead.
"""

from __future__ import annotations

from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: GarbageCollector | None = None


def collect_in_gui_thread() -> None:
    """From the first window on, collect garbage on a GUI-thread timer (once per process)."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=1.0)
