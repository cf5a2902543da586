"""The status bar's line: step, lane, θ, loss, ‖∇f‖, state and speed of the selected lane."""

from __future__ import annotations

import math
from functools import lru_cache

from ..engine.problems.formula import parse_formula

from .session import Session


def rate_text(rate: float) -> str:
    """A measured run speed: "1.2 s/step" for slow steps, "3.5 steps/s", "12,345 steps/s";
    "" until measured."""
    if not rate > 0:
        return ""
    if rate < 1:
        return f"{1 / rate:.2g} s/step"
    return f"{rate:.2g} steps/s" if rate < 10 else f"{rate:,.0f} steps/s"


@lru_cache(maxsize=4)
def _formula(text: str):
    return parse_formula(text)


def undefined_text(settings, row, k: int) -> str:
    """"undefined at step k: log of a non-positive number" for a run's last row."""
    why = settings.formula and _formula(settings.formula).undefined_reason(float(row[0]),
                                                                            float(row[1]))
    return f"undefined at step {k}" + (f": {why}" if why else "")


def status_text(session: Session) -> str:
    """The selected lane's line ("Step 12 of 500 · θ = (…) · loss … · converged at step 12")."""
    lane, history = session.lane, session.lane.history
    state = lane.status if session.racing else session.status
    if state in ("converged", "diverged"):
        state = f"{state} at step {lane.k}"
    elif state == "undefined" and history.n:
        state = undefined_text(lane.settings, history.data[-1], lane.k)
    elif state == "stopped":
        state = "paused"
    if history.n:
        last = history.data[-1]
        cols = history.columns
        loss, gn = last[cols.index("loss")], last[cols.index("grad_norm")]
        # 7 digits: the seeds' lr 1e-8 lesson, (-2.999994, 3.999992), must be readable
        point = ", ".join(f"{last[i]:.7g}" for i in range(cols.index("loss")))
        extra = f"batch accuracy {last[cols.index('accuracy')]:.0%}" if "accuracy" in cols else ""
    else:
        loss = gn = math.nan
        point = extra = ""
    rate = rate_text(lane.rate) if session.status == "running" else ""
    parts = [f"Step {lane.k:,} of {lane.steps:,}",
             *([f"lane {lane.number} of {len(session.lanes)}"] if session.racing else []),
             f"θ = ({point})" if point else extra, f"loss {loss:.6g}", f"‖∇f‖ {gn:.4g}", state]
    if rate:
        parts.append(rate)
    return "   ·   ".join(parts)
