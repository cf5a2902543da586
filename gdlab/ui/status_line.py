"""The status bar's line: step, lane, θ, loss, ‖∇f‖, state and speed of the selected lane."""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..engine.problems.formula import parse_formula
from .i18n import localized, translate
from .session import Session

#: a run's state as the status bar says it
STATES = {"ready": QT_TRANSLATE_NOOP("Status", "ready"),
          "running": QT_TRANSLATE_NOOP("Status", "running"),
          "paused": QT_TRANSLATE_NOOP("Status", "paused"),
          "stopped": QT_TRANSLATE_NOOP("Status", "paused"),
          "finished": QT_TRANSLATE_NOOP("Status", "finished"),
          "converged": QT_TRANSLATE_NOOP("Status", "converged"),
          "diverged": QT_TRANSLATE_NOOP("Status", "diverged"),
          "undefined": QT_TRANSLATE_NOOP("Status", "undefined")}


def rate_text(rate: float) -> str:
    """A measured run speed: "1.2 s/step" for slow steps, "3.5 steps/s", "12,345 steps/s";
    "" until measured."""
    if not rate > 0:
        return ""
    if rate < 1:
        return translate("Status", "{seconds} s/step").format(seconds=f"{1 / rate:.2g}")
    return translate("Status", "{rate} steps/s").format(
        rate=f"{rate:.2g}" if rate < 10 else f"{rate:,.0f}")


@lru_cache(maxsize=4)
def _formula(text: str):
    return parse_formula(text)


def undefined_text(settings, row, k: int) -> str:
    """"undefined at step k: log of a non-positive number" for a run's last row."""
    why = settings.formula and _formula(settings.formula).undefined_reason(float(row[0]),
                                                                            float(row[1]))
    if why:
        return translate("Status", "undefined at step {k}: {why}").format(k=k, why=localized(why))
    return translate("Status", "undefined at step {k}").format(k=k)


def status_text(session: Session, shown: int | None = None) -> str:
    """The selected lane's line ("Step 12 of 500 · θ = (…) · loss … · converged at step 12");
    ``shown``: the step the timeline chose (None: the latest), whose θ, loss and ‖∇f‖ it
    gives, saying where the run itself is."""
    lane, history = session.lane, session.lane.history
    row = -1 if shown is None else min(shown, history.n - 1)
    state = lane.status if session.racing else session.status
    if state == "converged":
        state = translate("Status", "converged at step {k}").format(k=lane.k)
    elif state == "diverged":
        state = translate("Status", "diverged at step {k}").format(k=lane.k)
    elif state == "undefined" and history.n:
        state = undefined_text(lane.settings, history.data[-1], lane.k)
    else:
        state = translate("Status", STATES.get(state, state))
    if history.n:
        last = history.data[row]
        cols = history.columns
        loss, gn = last[cols.index("loss")], last[cols.index("grad_norm")]
        # 7 digits: the seeds' lr 1e-8 lesson, (-2.999994, 3.999992), must be readable
        point = ", ".join(f"{last[i]:.7g}" for i in range(cols.index("loss")))
        extra = translate("Status", "batch accuracy {accuracy}").format(
            accuracy=f"{last[cols.index('accuracy')]:.0%}") if "accuracy" in cols else ""
    else:
        loss = gn = math.nan
        point = extra = ""
    rate = rate_text(lane.rate) if session.status == "running" else ""
    where = (translate("Status", "Step {k} of {steps}").format(k=f"{lane.k:,}",
                                                               steps=f"{lane.steps:,}")
             if shown is None else
             translate("Status", "Showing step {k} (the run is at step {now} of {steps})").format(
                 k=f"{max(row, 0):,}", now=f"{lane.k:,}", steps=f"{lane.steps:,}"))
    parts = [where,
             *([translate("Status", "lane {number} of {lanes}").format(
                 number=lane.number, lanes=len(session.lanes))] if session.racing else []),
             f"θ = ({point})" if point else extra,
             translate("Status", "loss {loss}").format(loss=f"{loss:.6g}"), f"‖∇f‖ {gn:.4g}",
             state]
    if rate:
        parts.append(rate)
    return "   ·   ".join(parts)
