"""The banner over the top of the map and the loss curve: what happened when a run diverged or
ended without progress, and a learning rate that worked in a quick trial
(``engine/analysis/advice.py``).

It floats over the panes instead of taking a row of the layout: showing, rewording or hiding it
then repaints its own rectangle, where a row pushed the map, the loss curve and the side views
down and back (the whole window laid out and painted again at new sizes, and the map jumping
by the banner's height)."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ..engine.analysis.advice import Advice, advise_lr, stall
from ..engine.gradients.methods import lost_nudge_reason, nudge_lost
from ..engine.optim.hyperparams import DEFAULT_H, DEFAULT_MAX_LOSS
from ..engine.run.recipe import settings_from_dict
from .i18n import localized, translate
from .jobs import Jobs
from .session import Session
from .status_line import undefined_text

MARGIN = 8  # px from the host's edges, as the layout's margins


class AdviceBanner(QFrame):
    """Hidden until the selected lane diverges or ends without progress; said once per end.
    Lies over the top of ``host`` (its width less the margins, as tall as its text needs);
    the ✕ hides it."""

    def __init__(self, session: Session, jobs: Jobs, host: QWidget) -> None:
        super().__init__(host, objectName="divergedBanner")
        self.setStyleSheet("#divergedBanner { background:#fdecea; border:1px solid #e6a19c;"
                           " border-radius:4px; } QLabel { color:#611a15; font-size:13px;"
                           " background:transparent; }")
        self.label = QLabel(wordWrap=True, objectName="bannerText")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.closeButton = QToolButton(objectName="bannerClose", text="✕", autoRaise=True)
        self.closeButton.setToolTip(translate("Banner", "Hide this message"))
        self.closeButton.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 4, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.closeButton, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self.host = host
        host.installEventFilter(self)
        self.session = session
        self.jobs = jobs
        self._advised: tuple | None = None  # the run end last said

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        if text != self.label.text():
            self.label.setText(text)
            self._place()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._place()
        self.raise_()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        width = max(self.host.width() - 2 * MARGIN, 1)
        self.setGeometry(MARGIN, MARGIN, width, self.heightForWidth(width))

    def follow(self) -> None:
        """Say the selected lane's end (a trial for a better rate runs on a pool thread);
        hide when it runs again."""
        lane = self.session.lane
        if lane.status not in ("diverged", "finished", "undefined"):
            if lane.status == "running":
                self.hide()  # a finished run goes on (a raised budget): said no more
            return
        key = (self.session.serial, self.session.selected, lane.k, lane.status)
        if self._advised == key:
            return  # the same run's end again (e.g. after an lr change): already said
        self._advised = key
        history = lane.history
        if lane.status == "undefined":
            reason = (undefined_text(lane.settings, history.data[-1], lane.k) if history.n
                      else translate("Status", "undefined"))
            self.setText(translate("Banner", "<b>{reason}.</b> The step landed where f has no "
                                             "value (the grey region of the map). Start "
                                             "elsewhere, or lower the learning rate, and press "
                                             "Run (Space).").format(reason=capitalized(reason)))
            self.show()
            return
        if lane.status == "diverged":
            max_loss = lane.run_settings.get("max_loss", DEFAULT_MAX_LOSS)
            last = history.data[-1] if history.n else None
            loss = last[history.columns.index("loss")] if last is not None else math.nan
            h = lane.run_settings.get("h", DEFAULT_H)
            lost = (lane.run_settings.get("gradient") == "numerical" and last is not None
                    and math.isfinite(loss) and abs(loss) <= float(max_loss)
                    and nudge_lost(last[:history.columns.index("loss")], h).any())
            what = (localized(lost_nudge_reason(h)) if lost else
                    translate("Banner", "the loss became infinite or not a number")
                    if not math.isfinite(loss) else
                    translate("Banner", "the loss fell below {limit}").format(
                        limit=f"{-float(max_loss):.0e}") if loss < 0 else
                    translate("Banner", "the loss grew past {limit}").format(
                        limit=f"{float(max_loss):.0e}"))
            head = translate("Banner", "<b>Diverged at step {k}:</b> {what}.").format(
                k=lane.k, what=what)
            if loss >= 0:
                head += translate("Banner", " Each update overshot the minimum by more than it "
                                            "corrected, so the steps grew instead of shrinking.")
        else:
            note = (stall(history.data, history.columns,
                          bool(lane.settings.hyper.get("maximize"))) if history.n else None)
            if note is None:
                return
            what = localized(note.fields["detail"])  # the bold head says "no progress"
            head = translate("Banner", "<b>No progress:</b> {what}.").format(what=what)
        try:
            settings = settings_from_dict(lane.run_settings)
            last_loss = history.data[-1][history.columns.index("loss")]
        except (ValueError, TypeError, KeyError):
            self._say(head, None)
            return
        # the trial runs a model for up to a few tenths of a second: on a pool thread
        self.setText(head + translate("Banner", " Trying smaller learning rates…"))
        self.show()
        self.jobs.submit("advice", lambda: advise_lr(settings, last_loss),
                         lambda advice: self._say(head, advice),
                         lambda _exc: self._say(head, None))

    def _say(self, head: str, advice: Advice | None) -> None:
        """The banner's tip: the rate a trial found (``advice``), or a general hint (None)."""
        if advice is None:
            tip = translate("Banner", "Try a smaller learning rate and press Run (Space) to start "
                                      "again.")
        elif advice.lr:
            tip = translate("Banner", "Try lr = {lr} and press Run (Space) to start again: it "
                                      "was {reason}.").format(lr=f"{advice.lr:g}",
                                                              reason=localized(advice.reason))
        else:
            tip = translate("Banner", "{reason}.").format(
                reason=capitalized(localized(advice.reason)))
        self.setText(translate("Banner", "{head} {tip}").format(head=head, tip=tip))
        self.show()


def capitalized(text: str) -> str:
    """``text`` with its first letter upper-case (a sentence's start; Chinese is unchanged)."""
    return text[:1].upper() + text[1:]
