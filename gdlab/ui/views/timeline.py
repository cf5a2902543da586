"""The timeline: a slider over the recorded steps, and Continue from here.

At its right end it follows the run (the views show the latest step); anywhere else it
holds a past step, which every view shows until the slider goes back to the end. ← / →
move it one step while it has the focus (the window's Step shortcut yields to it there:
see :mod:`~gdlab.ui.widgets.keys`); Page Up/Down move by a tenth.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from ..i18n import translate

CONTEXT = "Timeline"
TEXT = {
    "label": QT_TRANSLATE_NOOP("Timeline", "Step"),
    "live": QT_TRANSLATE_NOOP("Timeline", "step {k:,} (latest)"),
    "past": QT_TRANSLATE_NOOP("Timeline", "step {k:,} of {n:,}"),
    "continue": QT_TRANSLATE_NOOP("Timeline", "Continue from here"),
    "continue_tip": QT_TRANSLATE_NOOP("Timeline", "Drop the steps after the chosen one and go on "
                                      "from it with the current settings (the CSV then holds "
                                      "the branch taken)"),
    "latest": QT_TRANSLATE_NOOP("Timeline", "Latest"),
    "latest_tip": QT_TRANSLATE_NOOP("Timeline", "Follow the run again (the slider's right end)"),
    "slider_tip": QT_TRANSLATE_NOOP("Timeline", "Choose a recorded step: the map, the loss curve, "
                                    "the inspector and the model views show it (← / → one step "
                                    "when focused)"),
}


def _t(key: str) -> str:
    return translate(CONTEXT, TEXT[key])


class Timeline(QWidget):
    """``chosen(k)`` when another step is chosen (``-1``: the latest, following the run);
    ``continueFrom(k)`` when Continue from here is pressed."""

    chosen = Signal(int)
    continueFrom = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("timeline")
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="timelineSlider")
        self.slider.setToolTip(_t("slider_tip"))
        self.slider.setRange(0, 0)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label = QLabel(objectName="timelineLabel")
        self.label.setMinimumWidth(150)
        self.latestButton = QPushButton(_t("latest"), objectName="timelineLatest")
        self.latestButton.setToolTip(_t("latest_tip"))
        self.continueButton = QPushButton(_t("continue"), objectName="continueButton")
        self.continueButton.setToolTip(_t("continue_tip"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 0)
        lay.addWidget(QLabel(_t("label")))
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.label)
        lay.addWidget(self.latestButton)
        lay.addWidget(self.continueButton)
        self.slider.valueChanged.connect(self._on_value)
        self.latestButton.clicked.connect(self.follow)
        self.continueButton.clicked.connect(lambda: self.continueFrom.emit(self.slider.value()))
        self.following = True
        self._setting = False
        self._show()

    @property
    def k(self) -> int | None:
        """The chosen step, or None while following the run."""
        return None if self.following else self.slider.value()

    def set_last(self, last: int) -> None:
        """The latest recorded step (rows ``0 … last``): the slider's range; following the
        run, the slider moves to it. A chosen step beyond a shorter run becomes its last."""
        self._setting = True
        try:
            self.slider.setMaximum(max(last, 0))
            if self.following:
                self.slider.setValue(self.slider.maximum())
        finally:
            self._setting = False
        self._show()

    @Slot()
    def follow(self) -> None:
        """Back to the latest step (the views follow the run again)."""
        if self.following:
            return
        self.following = True
        self._setting = True
        self.slider.setValue(self.slider.maximum())
        self._setting = False
        self._show()
        self.chosen.emit(-1)

    def choose(self, k: int) -> None:
        """Choose step ``k`` (as the slider does)."""
        self.slider.setValue(k)

    def _on_value(self, value: int) -> None:
        if self._setting:
            return
        self.following = value >= self.slider.maximum()
        self._show()
        self.chosen.emit(-1 if self.following else value)

    def _show(self) -> None:
        k, n = self.slider.value(), self.slider.maximum()
        self.label.setText(_t("live").format(k=n) if self.following
                           else _t("past").format(k=k, n=n))
        self.latestButton.setEnabled(not self.following)
        self.continueButton.setEnabled(not self.following)
