"""Guided lessons: TOML files a teacher writes without code (format: ``resources/lessons/
README.md``), read and checked here for the window's Lessons panel and ``gdlab lesson check``.

A lesson is a title and pages; a page has text, maybe a question to predict with its
answer, maybe an action (the app's state: a recipe for :func:`~gdlab.engine.run.recipe.
resolve`, lanes, a tab, a map) and what to look for. :func:`read_lesson` checks everything
(each action is resolved by the recipe) before anything is used and raises
:class:`LessonError` naming the file, the place in it and the problem.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems.models import is_model
from ..problems.registry import FORMULA, get_problem
from ..run.recipe import resolve
from ..run.single import RunSettings
from ..text import Message, reason

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover (3.10)
    import tomli as tomllib

#: where the lessons gdlab ships live: one folder per language (``en``, ``zh_CN``)
LESSONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "lessons"
DEFAULT_LANGUAGE = "en"
MAX_BYTES = 1 << 20
MAX_LANES = 8  # the window's race
#: an action's keys that go to the recipe as they are
RECIPE_KEYS = ("problem", "optimizer", "hyper", "start", "steps", "gradient", "h", "tol",
               "options", "grad_noise", "noise_seed", "formula", "schedule", "schedule_params")
#: a lane may change these of its action's recipe
LANE_KEYS = ("optimizer", "hyper", "start", "gradient", "h", "schedule", "schedule_params",
             "grad_noise", "noise_seed")
#: pages of the Maps dock an action may open
MAPS = ("lr", "basins", "hyper")
LESSON_KEYS = ("title", "summary", "page")
PAGE_KEYS = ("title", "text", "question", "answer", "look_for", "action")


class LessonError(ValueError):
    """A lesson that can't be used: ``file``, ``where`` (``page 2 action.steps``) and
    ``problem``."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        super().__init__(Message("{file}: {where}: {problem}", file=file, where=where,
                                 problem=problem) if where else
                         Message("{file}: {problem}", file=file, problem=problem))
        self.file, self.where, self.problem = file, where, problem


@dataclass(frozen=True)
class Action:
    """The state a page's button sets: one settings per lane (one lane: a single run), the
    tab of the side views to open (a problem's ``views`` name, or "") and the Maps page to
    open (one of :data:`MAPS`, or "")."""

    lanes: tuple[RunSettings, ...]
    tab: str = ""
    maps: str = ""


@dataclass(frozen=True)
class Page:
    title: str
    text: str
    question: str = ""
    answer: str = ""
    look_for: str = ""
    action: Action | None = None


@dataclass(frozen=True)
class Lesson:
    title: str
    pages: tuple[Page, ...]
    summary: str = ""
    path: Path = field(default=Path(), compare=False)


def read_lesson(path: str | Path) -> Lesson:
    """The lesson in ``path``, checked (raises :class:`LessonError`)."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()[:MAX_BYTES + 1]
    except OSError as exc:
        raise LessonError(name, "", Message("can't be read ({why})",
                                            why=exc.strerror or str(exc))) from None
    if len(raw) > MAX_BYTES:
        raise LessonError(name, "", Message("is larger than {mb} MB: not a lesson",
                                            mb=MAX_BYTES >> 20))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise LessonError(name, "", Message("is not UTF-8 text ({why} at byte {at})",
                                            why=exc.reason, at=exc.start)) from None
    except tomllib.TOMLDecodeError as exc:
        raise LessonError(name, "", Message("is not valid TOML: {why}", why=str(exc))) from None
    return _lesson(name, data, path)


def read_title(path: Path) -> str:
    """A lesson's title for a menu, read alone (the file's stem if it has none)."""
    try:
        title = tomllib.loads(path.read_text("utf-8")).get("title")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        title = None
    return title.strip() if isinstance(title, str) and title.strip() else path.stem


def lesson_files(language: str, folder: Path = LESSONS_DIR) -> list[Path]:
    """The lesson files of ``language`` (``zh_CN``, ``zh``, ``en_GB``…: the nearest folder
    there is, else English), in name order."""
    for lang in (language, language.split("_")[0], DEFAULT_LANGUAGE):
        d = folder / lang
        if d.is_dir():
            return sorted(d.glob("*.toml"))
    return []


def _lesson(name: str, data: dict, path: Path) -> Lesson:
    _known(name, "", data, LESSON_KEYS)
    title = _text(name, "", data, "title", required=True)
    pages = data.get("page")
    if not isinstance(pages, list) or not pages:
        raise LessonError(name, "", Message("has no pages: write at least one [[page]] table"))
    return Lesson(title, tuple(_page(name, f"page {i}", p) for i, p in enumerate(pages, 1)),
                  _text(name, "", data, "summary"), path)


def _page(name: str, where: str, p: Any) -> Page:
    if not isinstance(p, dict):
        raise LessonError(name, where, Message("must be a table ([[page]])"))
    _known(name, where, p, PAGE_KEYS)
    question, answer = _text(name, where, p, "question"), _text(name, where, p, "answer")
    if bool(question) != bool(answer):
        raise LessonError(name, where, Message("a question needs its answer (and an answer "
                                               "its question)"))
    action = p.get("action")
    if action is not None and not isinstance(action, dict):
        raise LessonError(name, f"{where} action", Message("must be a table ([page.action])"))
    return Page(_text(name, where, p, "title", required=True),
                _text(name, where, p, "text", required=True), question, answer,
                _text(name, where, p, "look_for"),
                None if action is None else _action(name, f"{where} action", action))


def _action(name: str, where: str, a: dict) -> Action:
    _known(name, where, a, (*RECIPE_KEYS, "lanes", "tab", "maps"))
    base = {k: a[k] for k in RECIPE_KEYS if k in a}
    if "formula" in base:
        base.setdefault("problem", FORMULA)
    if "problem" not in base:
        raise LessonError(name, where, Message("names no problem: add problem = \"bowl\" (see "
                                               "'gdlab list') or formula = \"…\""))
    lanes = a.get("lanes", [{}])
    if not isinstance(lanes, list) or not 1 <= len(lanes) <= MAX_LANES:
        raise LessonError(name, f"{where}.lanes",
                          Message("must be a list of 1 to {most} tables "
                                  "([[page.action.lanes]])", most=MAX_LANES))
    settings = []
    for i, lane in enumerate(lanes, 1):
        at = f"{where}.lanes[{i}]" if "lanes" in a else where
        if not isinstance(lane, dict):
            raise LessonError(name, at, Message("must be a table"))
        _known(name, at, lane, LANE_KEYS)
        settings.append(_resolve(name, at, {**base, **lane}))
    tab = a.get("tab", "")
    views = _views(settings[0])
    if tab and tab not in views:
        raise LessonError(name, f"{where}.tab",
                          Message("{tab!r} is not a view of {problem}: choose one of {views}",
                                  tab=tab, problem=settings[0].problem, views=", ".join(views)))
    maps = a.get("maps", "")
    if maps and (maps not in MAPS or is_model(get_problem(settings[0].problem,
                                                           settings[0].formula))):
        raise LessonError(name, f"{where}.maps",
                          Message("{maps!r}: choose one of {choices} (maps are drawn for the "
                                  "2-D functions only)", maps=maps, choices=", ".join(MAPS)))
    return Action(tuple(settings), tab, maps)


def _resolve(name: str, where: str, recipe: dict) -> RunSettings:
    for key in ("hyper", "options", "schedule_params"):
        if not isinstance(recipe.get(key, {}), dict):
            raise LessonError(name, f"{where}.{key}",
                              Message("must be a table, e.g. {example}", example="{lr = 0.1}"))
    start = recipe.get("start")
    if start is not None and not isinstance(start, list):
        raise LessonError(name, f"{where}.start",
                          Message("must be a list of numbers, e.g. [-3, 4]"))
    try:
        s = resolve(**recipe)
        default = resolve(s.problem, formula=s.formula, options=s.problem_options).start
    except (ValueError, TypeError) as exc:
        raise LessonError(name, where, reason(exc)) from None
    if s.start is not None and default is not None and len(s.start) != len(default):
        raise LessonError(name, f"{where}.start",
                          Message("{problem} starts from {n} number(s), not {given}",
                                  problem=s.problem, n=len(default), given=len(s.start)))
    return s


def _views(s: RunSettings) -> tuple[str, ...]:
    return tuple(get_problem(s.problem, s.formula, **s.problem_options).views)


def _text(name: str, where: str, d: dict, key: str, required: bool = False) -> str:
    value = d.get(key, "")
    if not isinstance(value, str):
        raise LessonError(name, f"{where} {key}".strip(), Message("must be text (in quotes)"))
    if required and not value.strip():
        raise LessonError(name, f"{where} {key}".strip(), Message("is missing or empty"))
    return value.strip()


def _known(name: str, where: str, d: dict, keys: tuple[str, ...]) -> None:
    unknown = [k for k in d if k not in keys]
    if unknown:
        raise LessonError(name, where, Message("unknown key {key!r}; the keys here are: {keys}",
                                               key=unknown[0], keys=", ".join(keys)))
