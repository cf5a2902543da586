"""The loss curve with its title bar: "log scale" (chosen for the run until the user picks)
and "show ‖∇f‖"."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..history import History
from ..i18n import translate
from .lr_axis import LrAxis
from .plots import MAX_CURVE_POINTS, LossPlot


class LossPane(QWidget):
    """``changed()``: a check box changed what the plot shows (redraw)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.plot = LossPlot()
        self.lrAxis = LrAxis(self.plot)
        self.logCheck = QCheckBox(translate("LossPane", "log scale"), objectName="logCheck")
        self.logCheck.toggled.connect(self._on_log_toggled)
        self.gnormCheck = QCheckBox(translate("LossPane", "show ‖∇f‖"),
                                    objectName="gnormCheck")
        self.gnormCheck.toggled.connect(self._on_gnorm_toggled)
        self._log_user_set = False
        bar = QHBoxLayout()
        title = QLabel(translate("LossPane", "Loss curve"))
        title.setStyleSheet("font-weight:600;")
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.logCheck)
        bar.addWidget(self.gnormCheck)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.plot)

    def new_run(self) -> None:
        """A new run: the log scale is chosen for it again until the user picks."""
        self._log_user_set = False

    def show_history(self, history: History, lr: list | None = None,
                     drawn: list[History] | None = None) -> None:
        """The run's loss and ‖∇f‖ (log scale when the loss of the curves ``drawn``, a race's
        lanes, default ``[history]``, spans over 100× and the user hasn't chosen), and the
        rates ``lr`` (:func:`~gdlab.ui.views.lr_axis.lr_curves`)."""
        cols = history.columns
        drawn = drawn or [history]
        # a start alone says nothing of the span: the scale stays as it was (a reset would
        # switch it off and the run's second frame on again, each ~3 ms of relayout)
        if not self._log_user_set and max(h.n for h in drawn) > 1:
            lo, hi = min(h.loss_min for h in drawn), max(h.loss_max for h in drawn)
            want = bool(lo > 0 and hi / lo > 100)
            if want != self.logCheck.isChecked():
                self.logCheck.blockSignals(True)
                self.logCheck.setChecked(want)
                self.logCheck.blockSignals(False)
                self.plot.set_log(want)
        self.plot.set_data(history.data[:, cols.index("loss")],
                           lambda column: history.peaks(column, MAX_CURVE_POINTS))
        self.lrAxis.set_curves(lr or [])

    @Slot(bool)
    def _on_log_toggled(self, on: bool) -> None:
        self._log_user_set = True
        self.plot.set_log(on)
        self.changed.emit()

    @Slot(bool)
    def _on_gnorm_toggled(self, on: bool) -> None:
        self.plot.set_gnorm_visible(on)
        self.changed.emit()
