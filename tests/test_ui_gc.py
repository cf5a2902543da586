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


def test_a_full_collection_does_not_walk_what_lives_for_good(window, qtbot):
    """Once a window is built, the objects that live as long as the program (modules,
    classes, functions, the first window's items) are frozen: the GUI timer's full
    collections walk only what was made since, instead of stopping the window for tens of
    milliseconds each time."""
    import gdlab.ui.window as window_module

    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
    tracked = {id(o) for o in gc.get_objects()}  # every generation but the permanent one
    for lasting in (window_module.MainWindow, window_module.MainWindow.__init__,
                    window_module.__dict__):
        assert id(lasting) not in tracked
    assert gc.get_freeze_count() > len(tracked)  # most objects are out of the collector's way
