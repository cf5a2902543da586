"""Auto-tune in the window: each lane's learning rate set to the engine's choice
(:func:`~gdlab.engine.analysis.tune.auto_tune_lanes`), computed on the maps' pool thread with
progress, then the race reset with the tuned rates."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from ..engine.analysis.tune import auto_tune_lanes
from .i18n import localized, optimizer_name, translate
from .map_jobs import MapJob
from .session import Session


class AutoTuner(QObject):
    """Signals: ``busy(bool)`` while a tune runs, ``message(str, int)`` for the status bar
    (text, milliseconds), ``tuned()`` once the lanes have their tuned rates."""

    busy = Signal(bool)
    message = Signal(str, int)
    tuned = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job = MapJob(self)
        self.job.progress.connect(self._on_progress)
        self.job.done.connect(self._on_done)
        self.job.failed.connect(self._on_failed)
        self.job.cancelled.connect(lambda: self.busy.emit(False))
        self._for: list = []  # the lanes' settings being tuned

    @Slot()
    def start(self) -> None:
        """Tune every lane's learning rate (the lanes' other settings as they are)."""
        settings = [lane.settings for lane in self.session.lanes]
        self._for = settings
        self.busy.emit(True)
        self.message.emit((translate("Race", "Auto-tune: sweeping the learning rate of 1 lane…")
                           if len(settings) == 1 else
                           translate("Race", "Auto-tune: sweeping the learning rate of {n} "
                                             "lanes…").format(n=len(settings))), 0)
        self.job.start(lambda progress, cancel: auto_tune_lanes(settings, None, progress, cancel))

    def shutdown(self, wait_ms: int) -> bool:
        return self.job.shutdown(wait_ms)

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        self.message.emit(translate("Race", "Auto-tune: {done}").format(done=f"{fraction:.0%}"), 0)

    @Slot(object)
    def _on_done(self, tuned: list) -> None:
        self.busy.emit(False)
        if [lane.settings for lane in self.session.lanes] != self._for:
            self.message.emit(translate("Race", "The lanes changed while auto-tune ran: nothing "
                                                "applied; press Auto-tune again."), 8000)
            return
        self.session.reset([t.settings if t else s for s, t in zip(self._for, tuned)])
        self.tuned.emit()
        rates = ", ".join(f"{lane.number} {optimizer_name(t.settings.optimizer)} {t.lr:.3g}"
                          for lane, t in zip(self.session.lanes, tuned) if t)
        text = translate("Race", "Auto-tuned learning rates (lane optimizer lr): "
                                 "{rates}").format(rates=rates)
        kept = ", ".join(f"{lane.number} {optimizer_name(lane.settings.optimizer)}"
                         for lane, t in zip(self.session.lanes, tuned) if t is None)
        if kept:
            text += "; " + translate("Race", "kept as they are: {lanes} (they step one run at a "
                                             "time; their lr scales their own step)").format(
                lanes=kept)
        self.message.emit(text, 15000)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self.busy.emit(False)
        self.message.emit(translate("Race", "Auto-tune: {why}").format(why=localized(text)), 8000)
