"""Frame pacing: how the window paints without starving, or being starved by, the run.

The run loop and the window share one Python interpreter. While the window paints a
frame, the run loop waits at a gate (a ``threading.Event`` it checks every few dozen
steps) instead of competing for the GIL, and the next frame comes no sooner than
``budget_factor`` times the last frame's cost after its start, so painting takes a
bounded share of the time however heavy a frame is.
"""

from __future__ import annotations

import math
import threading
import time

from PySide6.QtCore import QObject, QTimer

FALLBACK_MS = 100  # reopen the gate even if a plot never paints (a hidden window)
MAX_FRAME_GAP = 0.25  # seconds: however slow a frame was, the next one may come this soon


class FramePacer(QObject):
    """Opens and closes the run loop's gate around each frame of the given plots."""

    def __init__(self, gate: threading.Event, plots, budget_factor: float = 5.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.plots = tuple(plots)
        self.budget_factor = budget_factor
        self._unpainted: set = set()
        self._t0 = 0.0
        self.next_frame = 0.0  # perf_counter time before which no frame starts
        self._fallback = QTimer(self, singleShot=True, interval=FALLBACK_MS)
        self._fallback.timeout.connect(self._open)
        for plot in self.plots:
            plot.on_painted = self._painted

    def ready(self, throttle: bool = True) -> bool:
        """May a frame start now? (Without ``throttle``, as soon as the last one is painted.)"""
        return not self._unpainted and (not throttle or time.perf_counter() >= self.next_frame)

    def ms_to_next_frame(self) -> int:
        """How long (ms) the next frame has to wait for its turn once the last one is painted
        (0: it may start now, or it waits for a paint, which comes by itself)."""
        if self._unpainted:
            return 0
        return max(0, math.ceil((self.next_frame - time.perf_counter()) * 1000))

    def restart(self) -> None:
        """A run starts: its first frame may come at once, not a budget after the last frame
        (drawn at rest, e.g. for the reset just before: up to MAX_FRAME_GAP of a still map)."""
        self.next_frame = 0.0

    def begin(self) -> None:
        """A frame starts: hold the run loop until every plot has painted it."""
        self._t0 = time.perf_counter()
        self._unpainted = {p for p in self.plots if p.updatesEnabled()}  # a held plot won't
        self.gate.clear()
        self._fallback.start()
        if not self._unpainted:
            self._open()

    def abort(self) -> None:
        """The frame failed: let the run go on."""
        self._open()

    def _painted(self, plot) -> None:
        if plot in self._unpainted:  # the first paint of each plot since the frame began
            self._unpainted.discard(plot)
            if not self._unpainted:
                self._open()

    def _open(self) -> None:
        busy = time.perf_counter() - self._t0
        self.next_frame = self._t0 + min(self.budget_factor * busy, MAX_FRAME_GAP)
        self._unpainted = set()
        self._fallback.stop()
        self.gate.set()
