"""Every text the engine marks for the window (``N_`` constants, ``Message`` templates) can be
translated and formatted: named fields only, the fields a Message is given, and zh_CN
translations that keep each field (no field a Message lacks)."""

from __future__ import annotations

import ast
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import gdlab
from gdlab.engine import FormulaError, parse_formula
from gdlab.engine.analysis.advice import stall
from gdlab.engine.text import Message

PACKAGE = Path(gdlab.__file__).parent
CATALOGUE = PACKAGE / "resources" / "i18n" / "gdlab_zh_CN.ts"
DROPPABLE = {"label"}  # a field holding an English label (lower-cased, not translatable)


def fields(template: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]


def literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def marked_calls() -> list[tuple[str, ast.Call]]:
    """(where, call) of every ``N_(...)`` and ``Message(...)`` in the engine's sources."""
    calls = []
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("N_", "Message"):
                calls.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", node))
    return calls


def test_the_engine_marks_its_window_texts():
    calls = marked_calls()
    assert sum(c.func.id == "N_" for _, c in calls) > 150
    assert sum(c.func.id == "Message" for _, c in calls) > 40


def test_every_marked_template_has_named_fields_and_gets_them():
    for where, call in marked_calls():
        template = literal(call.args[0]) if call.args else None
        if template is None:  # Message(TEXT[key], …): the N_ text in TEXT is checked
            assert call.func.id == "Message", where
            continue
        names = fields(template)
        assert all(n and n.isidentifier() for n in names), (where, template)
        if call.func.id == "N_":
            continue
        given = {k.arg for k in call.keywords}
        if None not in given:  # no **fields: the keywords are exactly the fields
            assert given == set(names), (where, template, given)
            Message(template, **{n: 1 for n in names})  # formats


def test_every_zh_cn_translation_of_an_engine_text_keeps_its_fields():
    root = ET.parse(CATALOGUE).getroot()
    engine = [c for c in root.iter("context") if (c.findtext("name") or "") == ""]
    assert engine
    sources = set()
    for message in engine[0].iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        sources.add(source)
        assert translation.get("type") is None and translation.text, source
        # every field kept, but an English word a Chinese sentence can do without ({label})
        assert set(fields(translation.text)) | DROPPABLE >= set(fields(source)), source
        assert set(fields(translation.text)) <= set(fields(source)), source
    for where, call in marked_calls():  # and every marked text is in the catalogue
        template = literal(call.args[0]) if call.args else None
        assert template is None or template in sources, (where, template)


@pytest.mark.parametrize("text, english, fields_", [
    ("foo(x)", "column 1: unknown name 'foo' — the variables are x and y", {"name": "foo"}),
    ("x y", "column 3: 'y' right after 'x' with nothing between — did you mean x*y?",
     {"piece": "y", "left": "x"}),
    ("max(x)", "column 1: max takes 2 arguments, got 1", {"name": "max", "n": 2, "got": 1}),
])
def test_a_formula_error_is_a_message_with_its_fields(text, english, fields_):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    assert str(info.value) == english  # the CLI prints the same English as before
    assert isinstance(info.value.args[0], Message)
    assert info.value.message.fields == fields_


def test_a_stall_says_its_detail_as_a_message():
    import numpy as np
    rows = np.array([[1.0, -1.0, 2.0], [-1.0, 1.0, 2.0], [1.0, -1.0, 2.0], [-1.0, 1.0, 2.0]])
    note = stall(rows, ("x", "y", "loss"))
    assert note.startswith("no progress: after 3 steps the loss (2) is not below")
    assert "period-2 cycle" in note and note.fields["detail"].fields == {
        "n": 3, "last": 2.0, "first": 2.0}
