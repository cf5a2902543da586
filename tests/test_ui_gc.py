"""Python's cycle collector must never run outside the GUI thread once a window exists: a
collection in a pool thread that frees a Qt object deadlocks against the GUI thread."""

import gc
import threading


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_no_garbage_collection_runs_outside_the_gui_thread(window, qtbot):
    threads: list[str] = []

    def record(phase, info):
        if phase == "start":
            threads.append(threading.current_thread().name)

    def allocate_cycles():  # far past the generation-0 threshold: a collection would start here
        for _ in range(20 * gc.get_threshold()[0]):
            _Cycle()

    gc.callbacks.append(record)
    try:
        t = threading.Thread(target=allocate_cycles, name="pool-like")
        t.start()
        t.join()
        qtbot.waitUntil(lambda: "MainThread" in threads, timeout=5000)  # the GUI timer collects
    finally:
        gc.callbacks.remove(record)
    assert "pool-like" not in threads
