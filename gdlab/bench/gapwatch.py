"""What the threads were doing while the GUI thread stopped answering (the stress script's
``--stacks``).

A watchdog thread polls a heartbeat time (set by a timer in the GUI thread); once it is older
than ``threshold`` seconds, it samples every thread's Python stack (``sys._current_frames``)
every ``interval`` seconds until the next beat. Each gap's samples are summarised as the
stacks seen most often, per thread: the GUI thread's shows what held it, the run thread's
whether it held the GIL meanwhile.
"""

from __future__ import annotations

import collections
import sys
import threading
import time
import traceback

FRAMES = 14  # innermost frames kept per sample


def stack_text(frame, limit: int = FRAMES) -> str:
    """A frame's stack, innermost last, as ``file:line function`` lines (the last ``limit``)."""
    lines = [f"{fs.filename.rsplit('/site-packages/', 1)[-1].rsplit('/gdlab/', 1)[-1]}"
             f":{fs.lineno} {fs.name}" for fs in traceback.extract_stack(frame)[-limit:]]
    return "\n".join(lines)


class GapWatch:
    """Samples the threads' stacks while ``beat()`` has not been called for ``threshold`` s."""

    def __init__(self, threshold: float = 0.04, interval: float = 0.002) -> None:
        self.threshold, self.interval = threshold, interval
        self.last = time.perf_counter()
        self._samples: list[dict[int, str]] = []
        self.gaps: list[tuple[float, list[dict[int, str]]]] = []  # (start, samples) per gap
        self._names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="gapwatch", daemon=True)

    def start(self) -> None:
        self.last = time.perf_counter()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def beat(self) -> None:
        """Called by the GUI thread's timer."""
        self.last = time.perf_counter()

    def _watch(self) -> None:
        me = threading.get_ident()
        in_gap = None
        while not self._stop.wait(self.interval):
            last = self.last
            if time.perf_counter() - last > self.threshold:
                in_gap = last
                self._names = {t.ident: t.name for t in threading.enumerate()}
                self._samples.append({ident: stack_text(f) for ident, f in
                                      sys._current_frames().items() if ident != me})
            elif in_gap is not None:
                self.gaps.append((in_gap, self._samples))
                self._samples, in_gap = [], None

    def take(self) -> list[tuple[float, list[dict[int, str]]]]:
        """The gaps recorded since the last call."""
        gaps, self.gaps = self.gaps, []
        return gaps

    def summary(self, samples: list[dict[int, str]], top: int = 2) -> str:
        """The most frequent stacks of each thread over one gap's samples."""
        by_thread: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
        for sample in samples:
            for ident, text in sample.items():
                by_thread[ident][text] += 1
        out = []
        main = threading.main_thread().ident
        for ident, counts in by_thread.items():
            for text, n in counts.most_common(top):
                name = ("GUI" if ident == main else "run" if "ui/worker.py" in text
                        else "pool" if "ui/jobs.py" in text else self._names.get(ident, str(ident)))
                body = "\n".join("        " + line for line in text.splitlines())
                out.append(f"      [{name}] {n}/{len(samples)} samples:\n{body}")
        return "\n".join(out)
