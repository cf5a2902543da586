"""One map's page in the Maps dock: its inputs, Compute / Cancel / Export CSV, a progress bar,
a status line and a plot area. It computes on the maps thread (:class:`~gdlab.ui.map_jobs.MapJob`),
keeps its last maps per settings, and greys a map whose settings changed (said *stale*); a
subclass gives the inputs, the engine call and the drawing.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from typing import Any, Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGraphicsOpacityEffect, QHBoxLayout,
                               QLabel, QMessageBox, QProgressBar, QPushButton, QSizePolicy,
                               QVBoxLayout, QWidget)

from ...engine.analysis import sweeps
from ...engine.run.single import RunSettings
from ..i18n import error_text, localized, translate
from ..map_jobs import MapJob
from ..widgets.numbers import IntBox, NumberBox, compact

CACHE_SIZE = 6  # maps kept per page
INPUT_MIN_WIDTH = 64
STALE_OPACITY = 0.35
MAX_STEPS = 100_000  # a map's step budget in the window (the CLI takes more)


def _settings_key(s: RunSettings, *swept: str) -> str:
    """The settings a map depends on, as a key: the swept ones left out (an lr sweep does
    not go stale when the lr changes; only its marker moves)."""
    d = s.to_dict()
    d["hyper"] = {k: v for k, v in d["hyper"].items() if k not in swept}
    if "start" in swept:
        d["start"] = None
    return json.dumps(d, sort_keys=True, default=str)


class MapPage(QWidget):
    """One map: its inputs, Compute / Cancel / Export CSV, progress, a status line and the
    plot. Subclasses give ``inputs()``, ``swept``, ``compute_fn`` and ``draw``."""

    applySettings = Signal(dict)
    swept: tuple[str, ...] = ()
    name = "map"

    def __init__(self) -> None:
        super().__init__()
        self.job = MapJob(self)
        self.job.progress.connect(lambda f: self.progressBar.setValue(round(1000 * f)))
        self.job.done.connect(self._on_done)
        self.job.failed.connect(self._on_failed)
        self.job.cancelled.connect(self._on_cancelled)
        self.settings: RunSettings | None = None
        self.result: Any = None
        self.result_key: tuple | None = None
        self.stale = False
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._pending: tuple | None = None

        self.form = compact(QFormLayout())
        self.computeButton = QPushButton(translate("Maps", "Compute"),
                                         objectName=f"{self.name}Compute")
        self.computeButton.clicked.connect(self.compute)
        self.cancelButton = QPushButton(translate("Maps", "Cancel"),
                                        objectName=f"{self.name}Cancel")
        self.cancelButton.clicked.connect(self.job.cancel)
        self.cancelButton.setEnabled(False)
        self.exportButton = QPushButton(translate("Maps", "Export CSV…"),
                                        objectName=f"{self.name}Export")
        self.exportButton.clicked.connect(self.export_dialog)
        self.exportButton.setEnabled(False)
        self.progressBar = QProgressBar(objectName=f"{self.name}Progress")
        self.progressBar.setRange(0, 1000)
        self.progressBar.setTextVisible(False)
        self.progressBar.setMaximumHeight(10)
        self.statusLabel = QLabel(objectName=f"{self.name}Status", wordWrap=True)
        self.statusLabel.setStyleSheet("color:#333;")
        buttons = QHBoxLayout()
        for b in (self.computeButton, self.cancelButton, self.exportButton):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.plotArea = QWidget()
        self.plotLayout = QVBoxLayout(self.plotArea)
        self.plotLayout.setContentsMargins(0, 0, 0, 0)
        self._fade = QGraphicsOpacityEffect(self.plotArea)
        self._fade.setOpacity(1.0)
        self.plotArea.setGraphicsEffect(self._fade)
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 4, 4, 4)
        v.addLayout(self.form)
        v.addLayout(buttons)
        v.addWidget(self.progressBar)
        v.addWidget(self.statusLabel)
        v.addWidget(self.plotArea, 1)

    # -- to be given by each map ------------------------------------------------------
    def inputs(self) -> tuple:
        """The map's own inputs (hashable); a bad one raises ``ValueError``."""
        raise NotImplementedError

    def compute_fn(self, s: RunSettings, inputs: tuple) -> Callable:
        """``fn(progress, cancel) -> result`` for settings ``s`` and ``inputs``."""
        raise NotImplementedError

    def draw(self, result: Any) -> None:
        raise NotImplementedError

    def settings_changed(self, s: RunSettings) -> None:
        """Follow new main settings in the inputs (e.g. the hyperparameter names)."""

    def show_marks(self) -> None:
        """Draw what follows the main settings without a new map (the current lr…)."""

    # -- shared behaviour ---------------------------------------------------------------
    def key(self) -> tuple | None:
        """What the map would be computed from now, or None (no settings)."""
        if self.settings is None:
            return None
        return (_settings_key(self.settings, *self.swept), self.inputs())

    def set_settings(self, s: RunSettings | None) -> None:
        """The main run's settings: a cached map for them shows at once; the shown map goes
        stale if they differ from its own. Nothing is computed."""
        self.settings = s
        if s is not None:
            self.settings_changed(s)
        self.refresh()

    def refresh(self) -> None:
        """Show the cached map for the current key, else mark the shown one stale."""
        try:
            key = self.key()
        except ValueError:
            key = None
        if key is not None and key in self._cache and key != self.result_key:
            self._show(key, self._cache[key])
        elif self.result is not None:
            self._set_stale(key != self.result_key)
        if self.result is not None and not self.stale:
            self.show_marks()

    def _set_stale(self, stale: bool) -> None:
        self.stale = stale
        self._fade.setOpacity(STALE_OPACITY if stale else 1.0)
        if stale and not self.job.running:
            self.statusLabel.setText(translate("Maps", "<b>Stale:</b> the settings changed since "
                                               "this map was computed. Press Compute to compute "
                                               "it again."))
        elif not self.job.running:
            self.statusLabel.setText(self.summary(self.result))

    def summary(self, result: Any) -> str:
        """One line under the buttons about a computed map."""
        return ""

    def compute(self) -> None:
        """Show the cached map for the current settings, or start computing it."""
        if self.settings is None:
            return
        try:
            key = self.key()
            s = dataclasses.replace(self.settings, steps=self.stepsBox.value())
            fn = self.compute_fn(s, key[1])
            sweeps.map_objective(s)
        except ValueError as exc:
            self.statusLabel.setText(error_text(exc))
            return
        if key in self._cache:
            self._show(key, self._cache[key])
            return
        self._pending = key
        self.progressBar.setValue(0)
        self.computeButton.setEnabled(False)
        self.cancelButton.setEnabled(True)
        self.statusLabel.setText(translate("Maps", "Computing…"))
        self.job.start(fn)

    def _end_job(self) -> None:
        self._pending = None
        self.computeButton.setEnabled(True)
        self.cancelButton.setEnabled(False)

    def _on_done(self, result: Any) -> None:
        key = self._pending
        self._end_job()
        self._cache[key] = result
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        self._show(key, result)

    def _on_failed(self, message: str) -> None:
        self._end_job()
        self.progressBar.setValue(0)
        self.statusLabel.setText(translate("Maps", "<b>Could not compute the map:</b> {error}")
                                 .format(error=localized(message)))

    def _on_cancelled(self) -> None:
        self._end_job()
        self.progressBar.setValue(0)
        self.statusLabel.setText(translate("Maps", "Cancelled: nothing was changed."))

    def _show(self, key: tuple, result: Any) -> None:
        self.result, self.result_key = result, key
        self.exportButton.setEnabled(True)
        self.progressBar.setValue(1000)
        self.draw(result)
        self._set_stale(False)
        self.show_marks()

    def export_csv(self, path: str) -> None:
        """Write the shown map's CSV (``sweeps.write_map_csv``); ``OSError`` on failure."""
        sweeps.write_map_csv(path, self.result)

    def export_dialog(self) -> None:
        if self.result is None:
            return
        store = QSettings("gdlab", "gdlab")
        folder = store.value("export/folder", "")
        s = self.result.settings
        name = f"{s.problem}-{s.optimizer}-{self.name}.csv"
        path, _ = QFileDialog.getSaveFileName(self, translate("Maps", "Export the map"),
                                              f"{folder}/{name}" if folder else name,
                                              translate("Maps", "CSV files (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            self.export_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, translate("Maps", "Export failed"),
                                translate("Maps", "Could not write {path}: {error}")
                                .format(path=path, error=exc.strerror or exc))
            return
        self.statusLabel.setText(translate("Maps", "Wrote {path}.").format(path=path))

    def shutdown(self, wait_ms: int) -> bool:
        return self.job.shutdown(wait_ms)

    def _steps_box(self, default: int) -> IntBox:
        self.stepsBox = narrow(IntBox(1, MAX_STEPS, default, object_name=f"{self.name}Steps"))
        self.stepsBox.setToolTip(translate("Maps", "Steps of each run in the map (1 … {max})")
                                 .format(max=f"{MAX_STEPS:,}"))
        self.stepsBox.valueChanged.connect(self.refresh)
        return self.stepsBox

    def _n_box(self, lo: int, hi: int, default: int, tip: str) -> IntBox:
        self.nBox = narrow(IntBox(lo, hi, default, object_name=f"{self.name}N"))
        self.nBox.setToolTip(tip)
        self.nBox.valueChanged.connect(self.refresh)
        return self.nBox


def sentences(parts: list[str]) -> str:
    """Sentences one after the other: a space after each, except after a full-width stop
    (Chinese sentences follow each other without one)."""
    return "".join(p if p.endswith(("。", "！", "？")) or i == len(parts) - 1 else p + " "
                   for i, p in enumerate(parts))


def input_row(*widgets: QWidget) -> QWidget:
    """``widgets`` side by side, sharing a form row's width: a label ("to") as wide as its
    text, a choice (a hyperparameter's label) half as wide again as a number box."""
    w = QWidget()
    h = QHBoxLayout(w)
    h.setContentsMargins(0, 0, 0, 0)
    for x in widgets:
        h.addWidget(x, 0 if isinstance(x, QLabel) else 3 if isinstance(x, QComboBox) else 2)
    return w


def range_box(lo: float, hi: float, value: float, name: str, on_change) -> NumberBox:
    """A narrow number box over [lo, hi] that calls ``on_change`` when a value is entered."""
    box = narrow(NumberBox(lo, hi, value, object_name=name))
    box.valueChanged.connect(on_change)
    return box


def narrow(w: QWidget) -> QWidget:
    """A box that shares a row without asking for its 15 decimals' width."""
    w.setMinimumWidth(INPUT_MIN_WIDTH)
    w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return w
