"""The .gdlab session file: a round trip, and malformed files refused with a message that
names the field and the problem."""

import copy
import json

import pytest

from gdlab.engine.files import session_file as sf
from gdlab.engine.files.session_file import (SessionDoc, SessionError, read_session,
                                             write_session)
from gdlab.engine.run.recipe import build_run, resolve
from gdlab.engine.run.replay import record_of


def _doc():
    run = build_run(resolve("rosenbrock", "momentum", steps=200))
    run.advance(max_updates=40)
    run.set_hyper(lr=0.0005)
    run.advance(max_updates=10)
    other = build_run(resolve("rosenbrock", "adam", steps=200))
    other.advance(max_updates=50)
    return SessionDoc([record_of(run, "momentum"), record_of(other, "adam")], 1,
                      (-2.0, 2.0, -1.0, 3.0), "Steps")


def test_round_trip(tmp_path):
    doc = _doc()
    path = write_session(tmp_path / "a.gdlab", doc)
    back = read_session(path)
    assert back.to_dict() == doc.to_dict()
    assert back.lanes[0].events[0].step == 40


def _good(tmp_path):
    return json.loads(write_session(tmp_path / "a.gdlab", _doc()).read_text())


def _edit(d, path, value):
    """``d`` with the field at ``path`` (keys and indices) set to ``value`` (or deleted)."""
    d = copy.deepcopy(d)
    *head, last = path
    target = d
    for key in head:
        target = target[key]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return d


_DELETE = object()
R = ("lanes", 0, "recipe")
CASES = [  # (what is edited, value, the field named, words of the problem)
    (("format",), _DELETE, "format", "missing"),
    (("schema",), 2, "schema", "newer gdlab"),
    (("schema",), "1", "schema", "whole number"),
    (("lanes",), _DELETE, "lanes", "missing"),
    (("lanes",), [], "lanes", "1 to 64 lanes"),
    (("lanes",), {"a": 1}, "lanes", "must be a list"),
    ((*R, "steps"), _DELETE, "lanes[0].recipe.steps", "missing"),
    ((*R, "steps"), "100", "lanes[0].recipe.steps", "whole number"),
    ((*R, "steps"), 10 ** 30, "lanes[0].recipe.steps", "too large"),
    ((*R, "steps"), 10 ** 12, "lanes[0].recipe.steps", "step budget"),
    ((*R, "hyper", "lr"), float("nan"), "lanes[0].recipe.hyper.lr", "finite"),
    ((*R, "hyper", "lr"), 1e400, "lanes[0].recipe.hyper.lr", "finite"),
    ((*R, "hyper", "lr"), -1.0, "lanes[0].recipe.hyper.lr", "must be in [0"),
    ((*R, "start"), [1.0, "x"], "lanes[0].recipe.start[1]", "number"),
    ((*R, "start"), [1.0, float("inf")], "lanes[0].recipe.start[1]", "finite"),
    ((*R, "optimizer"), "sgdd", "lanes[0].recipe.optimizer", "sgdd"),
    ((*R, "problem"), "nowhere", "lanes[0].recipe.problem", "nowhere"),
    ((*R, "colour"), "red", "lanes[0].recipe.colour", "unknown field"),
    ((*R, "grad_noise"), True, "lanes[0].recipe.grad_noise", "number"),
    (("lanes", 0, "events", 0, "step"), 1000, "lanes[0].events[0].step", "outside"),
    (("lanes", 0, "events", 0, "value"), -3.0, "lanes[0].events[0]", "(lr at step 40)"),
    (("lanes", 0, "events", 0, "name"), "warp", "lanes[0].events[0]", "no setting 'warp'"),
    (("lanes", 0, "events", 0), "lr", "lanes[0].events[0]", "JSON object"),
    (("lanes", 0, "steps_done"), 500, "lanes[0].steps_done", "beyond"),
    (("lanes", 1, "recipe", "problem"), "bowl", "lanes", "same problem"),
    (("selected",), 5, "selected", "does not exist"),
    (("view", "box"), [1, 0, 0, 1], "view.box", "x0 < x1"),
    (("view", "box"), [0, 1, 0], "view.box", "four numbers"),
    (("tab",), 3, "tab", "text"),
]


@pytest.mark.parametrize("where, value, field, problem", CASES,
                         ids=[f"{'.'.join(map(str, c[0]))}={c[1]!r}"[:60] for c in CASES])
def test_malformed_field_is_named(tmp_path, where, value, field, problem):
    d = _edit(_good(tmp_path), where, value)
    path = tmp_path / "bad.gdlab"
    path.write_text(json.dumps(d, allow_nan=True))
    with pytest.raises(SessionError) as info:
        read_session(path)
    assert info.value.field == field
    assert problem in info.value.problem


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"\x80\x81\xfe binary", "not text"),
    (b"hello, this is not json", "not valid JSON"),
    (b"[1, 2, 3]", "JSON object"),
    (b'{"format": "something-else"}', "not a gdlab session"),
])
def test_not_a_session(tmp_path, content, problem):
    path = tmp_path / "x.gdlab"
    path.write_bytes(content)
    with pytest.raises(SessionError, match=problem) as info:
        read_session(path)
    assert info.value.field in ("file", "format")


def test_truncated(tmp_path):
    text = write_session(tmp_path / "a.gdlab", _doc()).read_text()
    for n in (len(text) // 2, 200, len(text) - 3):  # cut anywhere: in a string or not
        (tmp_path / "t.gdlab").write_text(text[:n])
        with pytest.raises(SessionError, match="truncated"):
            read_session(tmp_path / "t.gdlab")


def test_directory_missing_and_unreadable(tmp_path, monkeypatch):
    with pytest.raises(SessionError, match="is a folder"):
        read_session(tmp_path)
    with pytest.raises(SessionError, match="cannot read"):
        read_session(tmp_path / "nothing.gdlab")
    path = write_session(tmp_path / "a.gdlab", _doc())

    def denied(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sf, "open", denied, raising=False)  # chmod 000 does not stop root
    with pytest.raises(SessionError, match="Permission denied"):
        read_session(path)


def test_huge_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(sf, "MAX_BYTES", 1000)
    path = write_session(tmp_path / "a.gdlab", _doc())
    with pytest.raises(SessionError, match="larger than"):
        read_session(path)


def test_save_is_atomic(tmp_path, full_disk):
    path = tmp_path / "a.gdlab"
    path.write_text("old")
    doc = _doc()
    doc.tab = "x" * 200_000  # more than the full disk takes
    with pytest.raises(OSError):
        write_session(path, doc)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.gdlab"]


def test_no_pickle_anywhere():
    import pathlib
    import gdlab
    root = pathlib.Path(gdlab.__file__).parent
    for f in root.rglob("*.py"):
        text = f.read_text()
        assert "import pickle" not in text and "pickle.load" not in text, f


def test_a_recipe_field_added_later_is_optional(tmp_path, monkeypatch):
    """A session written before the recipe gained a field opens with the field's default."""
    import dataclasses

    from gdlab.engine.run import single
    d = _good(tmp_path)
    fields = [(f.name, f.type, f) for f in dataclasses.fields(single.RunSettings)]
    newer = dataclasses.make_dataclass("RunSettings", [*fields, ("colour", str, "red")])
    newer.to_dict = single.RunSettings.to_dict
    monkeypatch.setattr(sf, "RunSettings", newer)
    path = tmp_path / "old.gdlab"
    path.write_text(json.dumps(d))
    read_session(path)  # no "colour" in the file: read
    del d["lanes"][0]["recipe"]["start"]  # a field schema 1 has: still needed
    path.write_text(json.dumps(d))
    with pytest.raises(SessionError, match="missing"):
        read_session(path)
