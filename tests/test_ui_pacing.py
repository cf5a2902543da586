"""Frame pacing in the window: while a run goes on, frames keep to a share of the time, and the
GUI thread wakes for them, not sixty times a second in between (pytest-qt)."""

import time

import pytest

pytest.importorskip("pytestqt")
from gdlab.ui.window import REDRAW_MS  # noqa: E402
from ui_helpers import bowl_at_max  # noqa: E402


def test_a_throttled_run_wakes_the_window_for_its_frames_only(window, qtbot, monkeypatch):
    """Each wake of the redraw timer is the GUI thread busy (the run thread waits on it at
    its checkpoints): while the pacer holds the next frame back, the timer sleeps until that
    frame's turn; once the run stops, its last frame comes at the usual pace."""
    w = window
    bowl_at_max(w, qtbot, 5_000_000)
    asked, frames = [0], [0]
    ready, begin = w.pacer.ready, w.pacer.begin
    monkeypatch.setattr(w.pacer, "ready", lambda *a, **k: (asked.__setitem__(0, asked[0] + 1),
                                                           ready(*a, **k))[1])
    monkeypatch.setattr(w.pacer, "begin", lambda: (frames.__setitem__(0, frames[0] + 1),
                                                   begin())[1])
    w.pacer.budget_factor = 12.0  # frames far apart, as in a race
    w.toggle_run()
    qtbot.waitUntil(lambda: frames[0] >= 4, timeout=10000)
    asked[0] = frames[0] = 0
    qtbot.wait(1000)
    assert frames[0] >= 1
    # a frame's start, a tick or two while it paints, its turn: ~60 wakes a second before
    assert asked[0] <= 3 * frames[0] + 2, (asked[0], frames[0])
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "paused", timeout=5000)
    qtbot.waitUntil(lambda: not w._dirty, timeout=REDRAW_MS * 4)  # its last frame, soon
    assert w._redraw_timer.interval() == REDRAW_MS


def test_a_run_draws_its_first_frame_at_once_after_a_frame_at_rest(window, qtbot, monkeypatch):
    """The pacer's budget after a frame drawn at rest (the reset's, just before Run) does not
    hold back the run's first frame: the map moves as soon as the run does."""
    w = window
    bowl_at_max(w, qtbot, 5_000_000)
    qtbot.waitUntil(lambda: w.pacer.ready(throttle=False), timeout=5000)
    frames = [0]
    begin = w.pacer.begin
    monkeypatch.setattr(w.pacer, "begin", lambda: (frames.__setitem__(0, frames[0] + 1),
                                                   begin())[1])
    w.pacer.next_frame = time.perf_counter() + 60  # a long frame's budget, not yet spent
    w.toggle_run()
    qtbot.waitUntil(lambda: frames[0] >= 1, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "paused", timeout=5000)
