"""The banner above the map: what happened when a run diverged or ended without progress,
and a learning rate that worked in a quick trial (``engine/analysis/advice.py``)."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel

from ..engine.analysis.advice import Advice, advise_lr, stall
from ..engine.optim.hyperparams import DEFAULT_MAX_LOSS
from ..engine.run.recipe import settings_from_dict
from .i18n import localized, translate
from .jobs import Jobs
from .session import Session
from .status_line import undefined_text


class AdviceBanner(QLabel):
    """Hidden until the selected lane diverges or ends without progress; said once per end."""

    def __init__(self, session: Session, jobs: Jobs) -> None:
        super().__init__(objectName="divergedBanner", wordWrap=True)
        self.setStyleSheet("background:#fdecea; color:#611a15; border:1px solid #f5c2c0;"
                           "border-radius:4px; padding:8px; font-size:13px;")
        self.hide()
        self.session = session
        self.jobs = jobs
        self._advised: tuple | None = None  # the run end last said

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
            what = (translate("Banner", "the loss became infinite or not a number")
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
            note = stall(history.data, history.columns) if history.n else None
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
