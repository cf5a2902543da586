"""The ``.gdlab`` session file: JSON, schema-versioned, written atomically; never pickle.

A session holds every lane as :class:`~gdlab.engine.run.replay.LaneRecord` (its recipe in
the recipe's own dict form, the changes made while it ran, the steps done), which lane
was selected, the map's view box and the open tab, and the versions that wrote it::

    {"format": "gdlab-session", "schema": 1, "versions": {"gdlab": …, "numpy": …, "python": …},
     "lanes": [{"label": "", "recipe": {…}, "events": [{"step": 40, "name": "lr",
                "value": 0.05}], "steps_done": 100}],
     "selected": 0, "view": {"box": [x0, x1, y0, y1]}, "tab": "Steps"}

:func:`read_session` checks everything before anything is used and raises
:class:`SessionError` naming the field and the problem.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..run.race import LANES_MAX, check_budget
from ..run.recipe import build_run, settings_from_dict
from ..run.replay import LaneRecord, check_events, lane_from_dict, versions
from ..run.single import RunSettings
from ..text import Message, reason
from .atomic import Commit

FORMAT = "gdlab-session"
SCHEMA = 1
SUFFIX = ".gdlab"
MAX_BYTES = 16 << 20  # a session is a few kB per lane: anything bigger is not one
MAX_EVENTS = 100_000
#: the recipe fields a schema-1 session must hold; a field the recipe gained since is read
#: with its default when a file lacks it (an older session stays readable)
RECIPE_FIELDS_1 = ("problem", "optimizer", "hyper", "start", "steps", "gradient", "h", "tol",
                   "max_loss", "dtype", "problem_options", "grad_noise", "noise_seed")


class SessionError(ValueError):
    """A session that can't be opened: ``field`` (a path such as ``lanes[0].recipe.steps``,
    or ``file``) and ``problem``."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(Message("{where}: {problem}", where=where, problem=problem))
        self.field, self.problem = where, problem


@dataclass
class SessionDoc:
    """A session in memory: the lanes, the selected one, the view box (or None), the open
    tab's name (or "") and the versions that wrote it."""

    lanes: list[LaneRecord]
    selected: int = 0
    box: tuple[float, float, float, float] | None = None
    tab: str = ""
    versions: dict[str, str] = field(default_factory=versions)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "schema": SCHEMA, "versions": self.versions,
                "lanes": [ln.to_dict() for ln in self.lanes], "selected": self.selected,
                "view": {"box": list(self.box) if self.box is not None else None},
                "tab": self.tab}


def write_session(path: str | os.PathLike, doc: SessionDoc) -> Path:
    """Write ``doc`` to ``path`` (all or nothing: the old file or the new one)."""
    path = Path(path)
    text = json.dumps(doc.to_dict(), indent=1, allow_nan=False)
    with Commit() as commit, commit.open(path) as fh:
        fh.write(text + "\n")
    return path


def read_session(path: str | os.PathLike) -> SessionDoc:
    """The session in ``path``, checked; :class:`SessionError` on anything wrong."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SessionError("file", Message("{path} is a folder, not a session file",
                                               path=str(path)))
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SessionError("file", Message("cannot read {path}: {why}", path=str(path),
                                           why=exc.strerror or str(exc))) from None
    if len(data) > MAX_BYTES:
        raise SessionError("file", Message("{path} is larger than {mb} MB: not a gdlab session",
                                           path=str(path), mb=MAX_BYTES >> 20))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError("file", Message("{path} is not text (not a gdlab session)",
                                           path=str(path))) from None
    if not text.strip():
        raise SessionError("file", Message("{path} is empty", path=str(path)))
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        what = (Message("{name} ends too soon: it is truncated", name=path.name) if cut
                else Message("{name} is not valid JSON (line {line}, column {col}: {why})",
                             name=path.name, line=exc.lineno, col=exc.colno, why=exc.msg))
        raise SessionError("file", what) from None
    except RecursionError:
        raise SessionError("file", Message("{name} is nested too deeply",
                                           name=path.name)) from None
    return session_from_dict(obj)


def session_from_dict(obj: Any) -> SessionDoc:
    """A checked :class:`SessionDoc` from JSON data (:class:`SessionError` naming the field)."""
    if not isinstance(obj, dict):
        raise SessionError("file", Message("a session is a JSON object, not {kind}",
                                           kind=_kind(obj)))
    if obj.get("format") != FORMAT:
        raise SessionError("format", Message("missing: not a gdlab session") if "format" not in obj
                           else Message("{found!r} is not {format!r}: not a gdlab session",
                                        found=obj["format"], format=FORMAT))
    schema = _need(obj, "schema", int, "schema")
    if schema > SCHEMA:
        raise SessionError("schema", Message("version {schema} was written by a newer gdlab "
                                             "(this one reads version {mine}): update gdlab to "
                                             "open it", schema=schema, mine=SCHEMA))
    if schema < 1:
        raise SessionError("schema", Message("version {schema} does not exist (versions start "
                                             "at 1)", schema=schema))
    lanes = _need(obj, "lanes", list, "lanes")
    if not 1 <= len(lanes) <= LANES_MAX:
        raise SessionError("lanes", Message("a session has 1 to {most} lanes, not {n}",
                                            most=LANES_MAX, n=len(lanes)))
    records = [_lane(d, f"lanes[{i}]") for i, d in enumerate(lanes)]
    columns = {(r.origin.problem, tuple(sorted(r.origin.problem_options.items())),
                r.origin.dtype) for r in records}
    if len(columns) > 1:
        raise SessionError("lanes", Message("every lane of a race runs the same problem (with the "
                                       "same options and dtype)"))
    if len(records) > 1:
        try:
            check_budget([r.origin for r in records])
        except ValueError as exc:
            raise SessionError("lanes", reason(exc)) from None
    selected = _need(obj, "selected", int, "selected", default=0)
    if not 0 <= selected < len(records):
        raise SessionError("selected", Message("lane {lane} does not exist (0 to {last})",
                                               lane=selected, last=len(records) - 1))
    view = _need(obj, "view", dict, "view", default={}, nullable=True) or {}
    box = view.get("box")
    if box is not None:
        if not (isinstance(box, list) and len(box) == 4):
            raise SessionError("view.box", Message("four numbers [x0, x1, y0, y1], not {kind}",
                                                   kind=_kind(box)))
        box = tuple(_number(v, f"view.box[{i}]") for i, v in enumerate(box))
        if not (box[0] < box[1] and box[2] < box[3]):
            raise SessionError("view.box", Message("x0 < x1 and y0 < y1 are needed"))
    tab = _need(obj, "tab", str, "tab", default="")
    vers = obj.get("versions")
    return SessionDoc(records, selected, box, tab,
                      {str(k): str(v) for k, v in vers.items()} if isinstance(vers, dict) else {})


# -- checks ----------------------------------------------------------------------------------
def _lane(d: Any, where: str) -> LaneRecord:
    if not isinstance(d, dict):
        raise SessionError(where, Message("a lane is a JSON object, not {kind}", kind=_kind(d)))
    recipe = _need(d, "recipe", dict, f"{where}.recipe")
    check_recipe(recipe, f"{where}.recipe")
    events = _need(d, "events", list, f"{where}.events", default=[])
    if len(events) > MAX_EVENTS:
        raise SessionError(f"{where}.events", Message("more than {most:,} changes",
                                                      most=MAX_EVENTS))
    for i, e in enumerate(events):
        at = f"{where}.events[{i}]"
        if not isinstance(e, dict):
            raise SessionError(at, Message("an event is a JSON object, not {kind}",
                                           kind=_kind(e)))
        _need(e, "step", int, f"{at}.step")
        _need(e, "name", str, f"{at}.name")
        if "value" not in e:
            raise SessionError(f"{at}.value", Message("missing"))
        if isinstance(e["value"], float):
            _number(e["value"], f"{at}.value")
    _need(d, "steps_done", int, f"{where}.steps_done", default=0)
    _need(d, "label", str, f"{where}.label", default="")
    try:
        record = lane_from_dict(d)
    except (TypeError, ValueError) as exc:
        raise SessionError(f"{where}.recipe", reason(exc)) from None
    if not 0 <= record.steps_done:
        raise SessionError(f"{where}.steps_done", Message("must be ≥ 0, not {n}",
                                                          n=record.steps_done))
    for i, e in enumerate(record.events):
        if e.step < 0 or e.step > record.steps_done:
            raise SessionError(f"{where}.events[{i}].step",
                               Message("{step} is outside the run's steps 0 … {last}",
                                       step=e.step, last=record.steps_done))
    try:
        run = build_run(record.origin)
    except (TypeError, ValueError) as exc:
        raise SessionError(_named(f"{where}.recipe", str(exc), recipe), reason(exc)) from None
    try:
        final = check_events(run, record.events)
    except ValueError as exc:
        at = re.match(r"events\[\d+\]", str(exc))
        raise SessionError(f"{where}.{at.group()}" if at else where, reason(exc)) from None
    if record.steps_done > final.steps:
        raise SessionError(f"{where}.steps_done",
                           Message("{done} is beyond the run's budget of {steps} steps",
                                   done=record.steps_done, steps=final.steps))
    return record


def check_recipe(recipe: dict, where: str) -> None:
    """The recipe's fields typed as :class:`RunSettings` declares them; then the recipe
    itself checks their values (unknown names, limits) when it resolves them."""
    known = {f.name: f for f in dataclasses.fields(RunSettings)}
    for key in recipe:
        if key not in known:
            raise SessionError(f"{where}.{key}", Message("unknown field (a recipe has: {known})",
                                                         known=", ".join(known)))
    for name, f in known.items():
        at = f"{where}.{name}"
        if name not in recipe:
            if name in RECIPE_FIELDS_1:
                raise SessionError(at, Message("missing"))
            continue
        value, default = recipe[name], _default(f)
        if name == "max_loss" and value == "inf":
            continue
        if isinstance(default, bool):
            _typed(value, bool, at)
        elif isinstance(default, int):
            _typed(value, int, at)
        elif isinstance(default, float):
            _number(value, at)
        elif isinstance(default, str):
            _typed(value, str, at)
        elif isinstance(default, dict):
            _typed(value, dict, at)
            for k, v in value.items():
                if isinstance(v, float) or (isinstance(v, int) and not isinstance(v, bool)):
                    _number(v, f"{at}.{k}")
        elif name == "start" and value is not None:
            if not isinstance(value, list):
                raise SessionError(at, Message("a list of numbers or null, not {kind}",
                                               kind=_kind(value)))
            for i, v in enumerate(value):
                _number(v, f"{at}[{i}]")
    try:
        settings_from_dict(recipe)
    except (TypeError, ValueError) as exc:
        raise SessionError(where, reason(exc)) from None


def _named(where: str, message: str, recipe: dict) -> str:
    """The recipe's field a resolve message ("invalid lr …", "unknown optimizer …") is about."""
    m = re.match(r"(?:invalid|unknown) (\w+)", message)
    if m and m.group(1) in recipe:
        return f"{where}.{m.group(1)}"
    if m and m.group(1) in (recipe.get("hyper") or {}):
        return f"{where}.hyper.{m.group(1)}"
    return where


def _default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


def _need(d: dict, key: str, kind: type, where: str, default: Any = ..., nullable: bool = False
          ) -> Any:
    if key not in d:
        if default is ...:
            raise SessionError(where, Message("missing"))
        return default
    if nullable and d[key] is None:
        return None
    return _typed(d[key], kind, where)


def _typed(value: Any, kind: type, where: str) -> Any:
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        raise SessionError(where, Message("must be {kind}, not {value}", kind=_NAMES[kind],
                                          value=_kind(value)))
    if kind is int and abs(value) > 2 ** 53:
        raise SessionError(where, Message("{value:.3g} is too large", value=value))
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SessionError(where, Message("must be a number, not {value}", value=_kind(value)))
    try:
        v = float(value)
    except OverflowError:
        raise SessionError(where, Message("the number is too large")) from None
    if not math.isfinite(v):
        raise SessionError(where, Message("must be a finite number, not {value!r}", value=value))
    return v


# (Messages without fields: the window translates them inside the sentence they fill)
_NAMES = {int: Message("a whole number"), str: Message("text"), dict: Message("a JSON object"),
          list: Message("a list"), bool: Message("true or false"), float: Message("a number")}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return Message("the number {value!r}", value=value)
    if isinstance(value, str):
        return Message("the text {value!r}", value=value[:40])
    return {dict: Message("an object"), list: Message("a list")}.get(type(value),
                                                                     type(value).__name__)
