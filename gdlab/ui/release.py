"""Large memory let go of by a thread of its own, not by whichever thread held it last.

Freeing memory takes time in the thread that frees it: unmapping a History store's small pages
~9 ms per million rows written (without the GIL: the thread itself waits), a run's trajectory
blocks ~4 ms per million rows with the GIL held (every Python thread waits). In the GUI thread
or the run thread that was a gap in the window (a reset after a long run). The ``gdlab-release``
thread (nice 5 on Linux) does it instead: a mapping is closed, an iterator walked step by step,
each step freeing a bounded part, the GIL free for the other threads between steps.
"""

from __future__ import annotations

import mmap
import queue
import threading
import time
from typing import Iterator

_PENDING: queue.SimpleQueue | None = None


def release(item: mmap.mmap | Iterator[object]) -> None:
    """Let ``item`` go in the release thread: a mapping is closed, an iterator walked to its
    end (each step freeing a part of it)."""
    _pending().put(item)


def _pending() -> queue.SimpleQueue:
    """The release thread's queue (the thread starts on first use)."""
    global _PENDING
    if _PENDING is None:
        _PENDING = queue.SimpleQueue()
        threading.Thread(target=_release_all, args=(_PENDING,), name="gdlab-release",
                         daemon=True).start()
    return _PENDING


def _release_all(pending: queue.SimpleQueue) -> None:
    from .yielding import background_priority
    background_priority()
    while True:
        item = pending.get()
        try:
            if isinstance(item, mmap.mmap):
                item.close()  # munmap without the GIL
            else:
                for _ in item:
                    time.sleep(0)  # the GIL to a thread waiting for it, between two parts
        except Exception:  # what is left goes with its last reference; the thread must live
            pass  # on, or the memory of every later item would stay
        del item
