"""The minima finder: a grid of starts, the settled end points clustered, saddles dropped,
"unbounded below" when runs keep descending."""

from __future__ import annotations

import numpy as np
import pytest

from gdlab.engine import parse_formula
from gdlab.engine.analysis.minima import find_minima, with_minima
from gdlab.engine.problems.objectives import OBJECTIVES


def _match(found, want, tol=1e-6):
    found = sorted(map(tuple, np.round(found, 9)))
    want = sorted(map(tuple, want))
    return len(found) == len(want) and np.allclose(found, want, atol=tol)


@pytest.mark.parametrize("name, text", [
    ("himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"),
    ("six-hump-camel", "(4 - 2.1x^2 + x^4/3)x^2 + x*y + (-4 + 4y^2)y^2"),
    ("rosenbrock", "(1 - x)^2 + 100(y - x^2)^2"),
    ("bowl", "x^2 + y^2"),
])
def test_finds_the_catalogues_minima(name, text):
    cat = OBJECTIVES[name]
    found = find_minima(parse_formula(text), cat.box)
    best = found.values.min()
    assert best == pytest.approx(min(cat.f(*m) for m in cat.minima), abs=1e-9)
    global_ = found.points[found.values <= best + 1e-9]
    assert _match(global_, [m for m in cat.minima if cat.f(*m) <= best + 1e-9])
    assert not found.unbounded and found.undefined == 0


def test_two_wells_and_their_shares():
    found = find_minima(parse_formula("(x^2 - 1)^2 + y^2"))
    assert _match(found.points, [(-1, 0), (1, 0)])
    assert found.values == pytest.approx([0, 0], abs=1e-12)
    assert found.shares == pytest.approx([0.5, 0.5])


@pytest.mark.parametrize("text", ["x^2 - y^2", "-x^2 - y^2", "x + y"])
def test_unbounded_below(text):
    found = find_minima(parse_formula(text))
    assert found.unbounded and len(found.points) == 0
    assert "unbounded below" in found.lines()[-1]


def test_a_saddle_is_not_a_minimum():
    """From starts on the axis, descent settles on the saddle point; it is not marked."""
    found = find_minima(parse_formula("x^2 - y^2 + y^4/10"), (-5, 5, -5, 5), n=11)
    assert _match(found.points, [(0, -np.sqrt(5)), (0, np.sqrt(5))])


def test_undefined_runs_are_counted_and_minima_marked():
    found = find_minima(parse_formula("x - log(x) + (y - 1)^2"))
    assert found.undefined > 0
    assert _match(found.points, [(1, 1)])
    obj = with_minima(parse_formula("x - log(x) + (y - 1)^2"), found)
    assert obj.minima == ((pytest.approx(1.0), pytest.approx(1.0)),)


@pytest.mark.parametrize("text, where", [("abs(x) + 2abs(y)", (0.0, 0.0)),
                                         ("max(abs(x - 1), abs(y + 2))", (1.0, -2.0))])
def test_a_kinks_minimum_is_found(text, where):
    """No slope vanishes at a kink: the minimum is the end point lower than all around it."""
    found = find_minima(parse_formula(text))
    assert len(found.points) == 1 and np.allclose(found.points[0], where, atol=1e-4)
    assert found.lines()[0].startswith(f"minimum ({where[0]:g}, {where[1]:g})")


def test_rounding_residue_shows_as_zero():
    found = find_minima(parse_formula("(x^2 + y - 11)^2 + (x + y^2 - 7)^2"))
    assert [found.value_text(i) for i in range(4)] == ["0"] * 4
    assert {found.point_text(i) for i in range(4)} >= {"(3, 2)"}


def test_the_search_is_bounded_in_time():
    """Out of time, the runs are stopped where they are and judged; the summary says so."""
    found = find_minima(parse_formula("(x^2 - 1)^2 + y^2"), seconds=0.0)
    assert found.cut_short
    assert found.lines()[-1] == "the search ran out of time: there may be more"
    assert not find_minima(parse_formula("x^2 + y^2")).cut_short


def test_lines_list_the_lowest_then_how_many_more():
    found = find_minima(parse_formula("(x^2 - 1)^2 + (y^2 - 1)^2 + 0.1x + 0.2y"))
    assert len(found.points) == 4
    lines = found.lines(limit=2)
    assert lines[:2] == found.lines()[:2] and lines[2] == "… and 2 more minima"
