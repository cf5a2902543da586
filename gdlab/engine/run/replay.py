"""Running a run again from what it recorded: the settings it started from (its recipe) and
the changes made while it ran (:class:`~gdlab.engine.run.single.ChangeEvent`: a learning
rate, another hyperparameter, the step budget or the tolerance, each at the step it was
made), up to the step it had reached.

A change at step k is applied before the update from step k, as a window's worker applies
it between two chunks, so the replayed rows are bit-identical to the recorded ones on the
same versions of gdlab, numpy and Python (:func:`versions`) and the same machine.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ... import __version__
from .recipe import build_run, settings_from_dict
from ..text import Message, reason
from .single import ChangeEvent, Run, RunSettings

#: what a change event may name besides the optimizer's hyperparameters
RUN_SETTINGS = ("steps", "tol")


@dataclass
class LaneRecord:
    """One run as a session or a sidecar keeps it: the recipe it started from, the changes
    made while it ran (in step order) and the steps it had done."""

    origin: RunSettings
    events: list[ChangeEvent] = field(default_factory=list)
    steps_done: int = 0
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "recipe": self.origin.to_dict(),
                "events": [e.to_dict() for e in self.events], "steps_done": self.steps_done}


def record_of(run: Run, label: str = "") -> LaneRecord:
    """What :func:`replay` needs of ``run`` to run it again to where it is."""
    return LaneRecord(run.origin, list(run.events), run.k, label)


def change_fields(run: Any) -> dict[str, Any]:
    """A sidecar's record of ``run``'s changes: the settings it started from and its events
    (``run.settings()`` is where they led)."""
    return {"initial_settings": run.origin.to_dict(),
            "events": [e.to_dict() for e in run.events]}


def apply_event(run: Run, event: ChangeEvent) -> None:
    """Make the change ``event`` names on ``run`` (``ValueError`` for a bad one)."""
    if event.name == "steps":
        run.set_steps(max(int(event.value), run.k))  # as a window lowers a budget
    elif event.name == "tol":
        run.set_tol(float(event.value))
    else:
        run.set_hyper(**{event.name: event.value})


def check_events(run: Run, events: Sequence[ChangeEvent]) -> RunSettings:
    """The settings ``events`` lead to, each applied to ``run`` (a new one, not stepped) and
    checked (``ValueError`` naming the event). Events must be in step order."""
    last = 0
    for i, e in enumerate(events):
        where = Message("events[{i}] ({name} at step {step})", i=i, name=e.name, step=e.step)
        if e.step < last:
            raise ValueError(Message("{where}: the events must be in step order (step {step} "
                                     "after step {last})", where=where, step=e.step, last=last))
        last = e.step
        if e.name not in RUN_SETTINGS and e.name not in run.optimizer.hyper:
            raise ValueError(Message("{where}: {optimizer} has no setting {name!r}; it has "
                                     "{known}", where=where, optimizer=run.optimizer.name,
                                     name=e.name,
                                     known=", ".join([*run.optimizer.hyper, *RUN_SETTINGS])))
        try:
            apply_event(run, e)
        except (ValueError, TypeError, OverflowError) as exc:
            raise ValueError(Message("{where}: {problem}", where=where,
                                     problem=reason(exc))) from None
    return run.settings()


def settings_now(record: LaneRecord) -> RunSettings:
    """The settings ``record``'s changes led to (checked as :func:`check_events`)."""
    return check_events(build_run(record.origin), record.events)


def replay(record: LaneRecord) -> Run:
    """A run built from ``record.origin``, stepped to ``record.steps_done`` with each event
    applied at its step; it stops sooner where the recorded run ended by itself."""
    run = build_run(record.origin)
    for e in record.events:
        if e.step > run.k:
            run.advance(max_updates=e.step - run.k)
        apply_event(run, e)
    if record.steps_done > run.k:
        run.advance(max_updates=record.steps_done - run.k)
    run.events = list(record.events)  # as recorded (a budget event applies as max(·, k))
    return run


def lane_from_dict(d: dict[str, Any]) -> LaneRecord:
    """The inverse of :meth:`LaneRecord.to_dict` (fields checked by the caller)."""
    return LaneRecord(settings_from_dict(d["recipe"]),
                      [ChangeEvent(int(e["step"]), str(e["name"]), e["value"])
                       for e in d.get("events", [])],
                      int(d.get("steps_done", 0)), str(d.get("label", "")))


def versions() -> dict[str, str]:
    """The versions a bit-identical replay depends on."""
    return {"gdlab": __version__, "numpy": np.__version__,
            "python": platform.python_version()}


def version_note(recorded: dict[str, Any] | None) -> str:
    """A sentence saying that replay may differ, when ``recorded`` versions are not these
    (empty when they are the same)."""
    now = versions()
    if not isinstance(recorded, dict):
        return ("The file does not say which versions wrote it: the replayed runs may differ "
                "from the recorded ones.")
    diff = [f"{k} {recorded.get(k, '?')} (now {v})" for k, v in now.items()
            if recorded.get(k) != v]
    if not diff:
        return ""
    return ("Written with " + ", ".join(diff) + ": a bit-identical replay is promised only on "
            "the same versions and machine; the runs may differ slightly.")
