"""The race bound to the window: Add to race, presets, auto-tune, the panel following the
selected lane, and every lane drawn on the map and the loss plot in its colour."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from ..engine.optim.hyperparams import STEPS_MAX
from ..engine.run.race import LossBand, band_of
from .i18n import error_text, localized, translate
from .auto_tune import AutoTuner
from .session import Session
from .views.lanes import RaceView, end_text, preset_settings, sample_paths
from .views.path_pane import PathPane
from .views.plots import MAX_CURVE_POINTS, LossPlot
from .widgets.panels import ParamsPanel

DEFAULT_PATHS_NOISE = 0.5  # σ the noisy-sample-paths preset sets when the panel has none


def loss_band_of(losses: list[np.ndarray]) -> LossBand:
    """The lanes' loss band (each loss (n_i,)), at most about MAX_CURVE_POINTS steps drawn."""
    every = max(1, -(-max(len(x) for x in losses) // MAX_CURVE_POINTS))
    return band_of([x[::every] for x in losses], every)


class RaceBinding(QObject):
    """The race view and the panel bound to the session. ``changed()``: the lanes' drawing is
    stale; ``failed(str)``: settings the panel can't make (said in the status bar)."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject, session: Session, panel: ParamsPanel, view: RaceView,
                 path_pane: PathPane, say: Callable[[str, int], None]) -> None:
        super().__init__(parent)
        self.session, self.panel, self.view, self.pathPane, self._say = (
            session, panel, view, path_pane, say)
        self._panel_lane = session.lane  # the lane whose settings the panel shows
        panel.hyperChanged.connect(view.refresh)
        session.raceEnded.connect(view.show_leaderboard)
        session.lanesChanged.connect(self._on_lanes)
        session.selectedChanged.connect(self._on_lanes)
        session.laneUpdated.connect(self._on_lane)
        view.addRequested.connect(self.add_lane)
        view.presetRequested.connect(self.apply_preset)
        self.tuner = AutoTuner(session, self)
        view.autoTuneRequested.connect(self.tuner.start)
        self.tuner.busy.connect(self._on_tuning)
        self.tuner.message.connect(say)
        self.tuner.tuned.connect(self._show_selected)

    @Slot()
    def add_lane(self) -> bool:
        """A copy of the panel's settings as a new lane, selected: the panel now edits it."""
        try:
            settings = self.panel.settings()
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            return False
        added = self.session.add_lane(settings)
        if added and self.session.lane.settings.steps < settings.steps:
            self._say_budget()
        return added

    @Slot(str)
    def apply_preset(self, kind: str) -> None:
        """The lanes of a preset (``lanes.PRESETS``) around the panel's settings."""
        if kind == "noisy":
            self._noise_for_paths()
        try:
            # around the problem's view box, not the view padded to the window's shape
            lanes = preset_settings(kind, self.panel.settings(), self.pathPane.plot.box)
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            return
        self.session.set_lanes(lanes)
        if self.session.lane.settings.steps < lanes[0].steps:
            self._say_budget()

    def draw(self, path_xy: Callable[[np.ndarray], np.ndarray], columns: tuple[str, ...],
             loss_plot: LossPlot) -> None:
        """Every lane's path on the map with the legend under it, and its loss curve on
        ``loss_plot`` (none for a single run); the noisy sample paths' band. ``path_xy(rows)``:
        the map's points (n, 2)."""
        lanes = self.session.lanes if self.session.racing else []
        selected = self.session.selected
        # keyed by the rows they are: each frame thins only a lane's new points
        self.pathPane.plot.set_lanes([(path_xy(lane.history.data), lane.color, end_text(lane),
                                       (lane.history, lane.history.rewrites))
                                      for lane in lanes], selected)
        self.pathPane.set_legend([(lane.number, localized(lane.label), lane.color)
                                  for lane in lanes], selected)
        paths = sample_paths([lane.settings for lane in lanes])
        # a line search's lanes have two more columns (its evaluation counts)
        loss_plot.set_band(loss_band_of([lane.history.data[:, lane.history.columns.index("loss")]
                                         for lane in lanes]) if paths else None)
        # each lane's curve decimated from its new rows only (not a pass over all of them)
        loss_plot.set_lanes([(*lane.history.peaks("loss", MAX_CURVE_POINTS), lane.color)
                             for lane in lanes])

    def _noise_for_paths(self) -> None:
        """Noisy sample paths need σ > 0: with none set, the panel gets a visible default."""
        if self.panel.noiseSpin.value() == 0:
            self.panel.set_noise(DEFAULT_PATHS_NOISE)
            self._say(translate("Race", "Noisy sample paths need gradient noise: σ set to "
                                        "{sigma} (change it in the Run group).").format(
                sigma=f"{DEFAULT_PATHS_NOISE:g}"), 8000)

    def _say_budget(self) -> None:
        steps = self.session.lane.settings.steps
        self.panel.show_steps(steps)
        self._say(translate("Race", "{n} lanes share {rows} stored rows: the step budget is "
                                    "now {steps}.").format(n=len(self.session.lanes),
                                                           rows=f"{STEPS_MAX:,}",
                                                           steps=f"{steps:,}"), 8000)

    @Slot()
    def _on_lanes(self, *_args) -> None:
        """Lanes added, removed, selected or reset: the panel shows the selected lane."""
        if self.session.lane is not self._panel_lane:
            self._show_selected()
        self.changed.emit()

    @Slot()
    def _show_selected(self) -> None:
        self._panel_lane = self.session.lane
        self.panel.show_settings(self._panel_lane.settings)

    @Slot(int)
    def _on_lane(self, _index: int) -> None:
        if self.session.racing:
            self.changed.emit()

    @Slot(bool)
    def _on_tuning(self, on: bool) -> None:
        self.view.autoTuneButton.setEnabled(not on)
