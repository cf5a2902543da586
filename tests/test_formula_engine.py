"""Typed formulas: the grammar, the float64 semantics, the gradient from the computation
graph, the symbolic derivatives and the catalogue re-typed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gdlab.engine import BatchRun, FormulaError, Run, parse_formula
from gdlab.engine.gradients.graph import Variable
from gdlab.engine.problems.formula.calculus import to_text
from gdlab.engine.problems.formula.tree import evaluate
from gdlab.engine.problems.objectives import GRAPH_MATH, OBJECTIVES

#: every catalogue objective written in the formula grammar (not its display string)
RETYPED = {
    "bowl": "x^2 + y^2",
    "ellipse": "x^2/20 + y^2",
    "rosenbrock": "(1 - x)^2 + 100(y - x^2)^2",
    "himmelblau": "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    "beale": "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    "booth": "(x + 2y - 7)^2 + (2x + y - 5)^2",
    "matyas": "0.26(x^2 + y^2) - 0.48x*y",
    "three-hump-camel": "2x^2 - 1.05x^4 + x^6/6 + x*y + y^2",
    "six-hump-camel": "(4 - 2.1x^2 + x^4/3)x^2 + x*y + (-4 + 4y^2)y^2",
    "rastrigin": "20 + x^2 - 10cos(2pi*x) + y^2 - 10cos(2pi*y)",
    "ackley": "-20exp(-0.2sqrt(0.5(x^2 + y^2))) - exp(0.5(cos(2pi*x) + cos(2pi*y))) + e + 20",
    "saddle": "x^2 - y^2",
    "goldstein-price": "(1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6x*y + 3y^2))"
                       "(30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36x*y + 27y^2))",
    "styblinski-tang": "0.5(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y)",
    "mccormick": "sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1",
}


def _close(a, b, rel=1e-12):
    """Equal to ``rel`` of the larger magnitude (of the pair, or of the sample: a gradient
    crossing zero keeps the rounding of the terms it is made of)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    with np.errstate(invalid="ignore"):
        scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), rel * np.nanmax(np.abs(b)))
        return np.all((np.abs(a - b) <= rel * scale) | (np.isnan(a) & np.isnan(b)))


def _points(box, n=200, seed=0):
    rng = np.random.default_rng(seed)
    x0, x1, y0, y1 = box
    return rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)


def test_every_catalogue_objective_is_retyped():
    assert set(RETYPED) == set(OBJECTIVES)


@pytest.mark.parametrize("name", sorted(RETYPED))
def test_retyped_catalogue_agrees_on_values_and_gradients(name):
    cat, typed = OBJECTIVES[name], parse_formula(RETYPED[name])
    X, Y = _points(cat.box)
    assert _close(typed.f(X, Y), cat.f(X, Y))
    for g_typed, g_cat in zip(typed.grad(X, Y), cat.grad(X, Y)):
        assert _close(g_typed, g_cat, 1e-11 if name == "goldstein-price" else 1e-12)
    for x, y in zip(X[:20], Y[:20]):  # on Python floats, as a single run steps
        v = typed.f(float(x), float(y))
        assert isinstance(v, float) and _close(v, cat.f(float(x), float(y)))
        gx, gy = typed.grad(float(x), float(y))
        assert isinstance(gx, float) and _close([gx, gy], cat.grad(float(x), float(y)),
                                                1e-11 if name == "goldstein-price" else 1e-12)


@pytest.mark.parametrize("name", sorted(RETYPED))
def test_symbolic_partials_agree_with_the_graph(name):
    """The simplified ∂f/∂x, ∂f/∂y, printed and parsed back, equal the autodiff gradient."""
    typed = parse_formula(RETYPED[name])
    X, Y = _points(OBJECTIVES[name].box, 50, seed=1)
    for partial, g in zip(typed.partials, typed.grad(X, Y)):
        assert _close(evaluate(partial, X, Y), g, 1e-10)
        again = parse_formula(to_text(partial, unicode=False))
        assert _close(again.f(X, Y), g, 1e-10)


def test_seeds_section_2_typed():
    """seeds.md §2: x0²+x1² from (-3, 4), lr 0.1, 20 steps -> (-0.03458765, 0.04611686)."""
    run = Run(parse_formula("x^2 + y^2"), "sgd", (-3.0, 4.0), steps=20)
    run.optimizer.set(lr=0.1)
    run.advance()
    assert run.point == pytest.approx((-0.03458765, 0.04611686), abs=5e-9)
    auto = Run(parse_formula("x^2 + y^2"), "sgd", (-3.0, 4.0), steps=20, gradient="autodiff")
    auto.optimizer.set(lr=0.1)
    auto.advance()
    assert auto.point == pytest.approx(run.point, rel=1e-14)


@pytest.mark.parametrize("typed, plain", [
    ("2x", "2*x"), ("3(x+1)", "3*(x+1)"), ("(x+1)(y-1)", "(x+1)*(y-1)"), ("2pi", "2*pi"),
    ("x²+y³", "x^2+y^3"), ("ｘ＾２＋ｙ＾２", "x^2+y^2"), ("（x－1）", "(x-1)"),
    ("x − y", "x - y"), ("x × y", "x*y"), ("x ÷ y", "x/y"), ("x · y", "x*y"),
    ("x**2", "x^2"), ("π", "pi"), ("2e-3", "0.002"), ("2e", "2*e"), ("-x^2", "-(x^2)"),
    ("2^3^2", "2^(3^2)"), ("2^-1", "0.5"), ("ln(x)", "log(x)"), ("lg(x)", "log10(x)"),
    ("asin(x/9)", "arcsin(x/9)"), ("acos(y/9)", "arccos(y/9)"), ("atan(x)", "arctan(x)"),
    ("x^2y", "x^2*y"), ("2sin(x)cos(y)", "2*sin(x)*cos(y)"), ("1/2x", "(1/2)*x"),
    ("min(x, y) + max(x,y)", "min(x,y)+max(x,y)"), ("x⁻¹", "1/x"),
])
def test_grammar_as_people_write(typed, plain):
    X, Y = _points((0.5, 3.0, 0.5, 3.0), 30)
    assert np.allclose(parse_formula(typed).f(X, Y), parse_formula(plain).f(X, Y),
                       rtol=1e-15, atol=0)


@pytest.mark.parametrize("text, kind, col, suggestion", [
    ("x + y + z", "unknown_name", 9, ""),
    ("xy", "unknown_name", 1, "x*y"),
    ("x y", "juxtaposed", 3, "x*y"),
    ("2 3", "juxtaposed", 3, "2*3"),
    ("Sin(x)", "unknown_name", 1, "sin"),
    ("sin x", "needs_parentheses", 1, "sin(…)"),
    ("(x + 1", "unbalanced", 1, ""),
    ("x + 1)", "unbalanced", 6, ""),
    ("x +", "incomplete", 4, ""),
    ("min(x)", "arity", 1, ""),
    ("x # y", "bad_character", 3, ""),
    ("x; y", "bad_character", 2, ""),
    ("'x'", "bad_character", 1, ""),
    ("x.real", "bad_character", 2, ""),
    ("", "empty", 1, ""),
    ("x\ty", "not_printable", 2, ""),
])
def test_errors_say_what_and_where(text, kind, col, suggestion):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.kind, e.col, e.suggestion) == (kind, col, suggestion)
    assert str(e).startswith(f"column {col}: ")
    if suggestion:
        assert str(e).endswith(f"did you mean {suggestion}?")


def test_unknown_variable_message():
    with pytest.raises(FormulaError) as info:
        parse_formula("x + 2*z")
    assert str(info.value) == "column 7: unknown name 'z' — the variables are x and y"
    assert info.value.text == "z"


def test_float64_semantics_on_floats_and_arrays():
    cases = {"9**9**9**9": math.inf, "1/0": math.inf, "-1/0": -math.inf, "exp(1000)": math.inf,
             "log(0)": -math.inf, "log(-1)": math.nan, "sqrt(-1)": math.nan,
             "(-8)^(1/3)": math.nan, "0^-1": math.inf, "10^400 - 10^400": math.nan,
             "1e999": math.inf, "arcsin(2)": math.nan, "sin(1e999)": math.nan}
    for text, want in cases.items():
        obj = parse_formula(text)
        got = obj.f(1.0, 2.0)
        assert type(got) is float, text
        assert (math.isnan(got) and math.isnan(want)) or got == want, text
        arr = obj.f(np.ones(3), np.ones(3))
        assert arr.shape == (3,) and (np.isnan(arr).all() if math.isnan(want) else (arr == want).all())
        gx, gy = obj.grad(1.0, 2.0)
        assert type(gx) is float and gx == 0.0 and gy == 0.0  # no variable: a flat gradient


def test_shapes_everywhere_an_objective_goes():
    obj = parse_formula("x^2 + 3y")  # y enters linearly: its gradient is a constant
    xs, ys, Z = obj.grid(41)
    assert Z.shape == (41, 41) and Z[0, 0] == pytest.approx(25 - 15)
    G = np.zeros((4, 5, 2))
    assert obj.f_points(G).shape == (4, 5)
    gx, gy = obj.grad(np.arange(6.0).reshape(2, 3), np.zeros((2, 3)))
    assert gx.shape == gy.shape == (2, 3) and (gy == 3).all()
    const = parse_formula("7")
    assert const.f(np.zeros(5), np.zeros(5)).shape == (5,)
    assert [g.shape for g in const.grad(np.zeros(5), np.zeros(5))] == [(5,), (5,)]
    batch = BatchRun(parse_formula("(x-1)^2 + (y+2)^2"), "sgd", np.array([[0.0, 0], [3, 3]]),
                     lr=0.1, steps=200)
    batch.advance()
    assert np.allclose(batch.P, [[1, -2], [1, -2]], atol=1e-6)


def test_the_gradient_is_the_computation_graph():
    obj = parse_formula("x*exp(y) + log(x)")
    x, y = Variable(2.0), Variable(0.5)
    out = obj.value(x, y, GRAPH_MATH)
    out.backward()
    assert {n.op for n in out.topo_order()} >= {"mul", "exp", "log", "add"}
    assert (float(x.grad), float(y.grad)) == obj.grad(2.0, 0.5)
    assert float(x.grad) == pytest.approx(math.exp(0.5) + 0.5)


def test_derivative_text_reads_well():
    assert parse_formula("x^2 + y^2").derivative_texts == ("2x", "2y")
    assert parse_formula("x² − y²").derivative_texts == ("2x", "−2y")
    assert parse_formula("x*y + 3").derivative_texts == ("y", "x")
    assert parse_formula("sin(x)cos(y)").derivative_texts == ("cos(x)·cos(y)",
                                                             "−sin(x)·sin(y)")
    assert parse_formula("(x^2 - 1)^2 + y^2/2").derivative_texts == ("4x(x² − 1)", "y")
    assert parse_formula("(1 - x)^2 + 100(y - x^2)^2").derivative_texts == (
        "−2(1 − x) − 400x(y − x²)", "200(y − x²)")
    assert parse_formula("exp(-x^2-y^2)").derivative_texts == ("−2x·exp(−x² − y²)",
                                                              "−2y·exp(−x² − y²)")
    assert parse_formula("x/3 + y^2").derivative_texts == ("1/3", "2y")
    typed = parse_formula("ｘ＾２＋ｙ＾２")
    assert typed.formula == "f(x, y) = x² + y²"
    assert typed.note == "∂f/∂x = 2x      ∂f/∂y = 2y"


def test_undefined_regions_and_reasons():
    obj = parse_formula("log(x) + y^2")
    mask = obj.undefined_at(np.array([-1.0, 0.0, 1.0]), np.zeros(3))
    assert mask.tolist() == [True, True, False]
    assert obj.undefined_reason(-1.0, 0.0) == "log of a non-positive number"
    assert obj.undefined_reason(1.0, 0.0) is None
    assert parse_formula("sqrt(y)").undefined_reason(0.0, -1.0) == "square root of a negative number"
    assert parse_formula("1/x").undefined_reason(0.0, 1.0) == "division by zero"
    assert parse_formula("exp(x^2)").undefined_reason(1e3, 0.0) is None  # overflow: not a domain error


#: text typed by someone trying to break out: each is refused, and nothing is run or written
HOSTILE = [
    "().__class__.__bases__[0].__subclasses__()",
    "__import__('os').system('touch pwned')",
    "x.__class__.__mro__",
    "exec('open(\"pwned\", \"w\")')", "eval('1')", "open('pwned', 'w')", "compile('1', 'f', 'eval')",
    "getattr(x, 'y')", "globals()", "__builtins__", "vars()", "breakpoint()",
    "lambda: 0", "(lambda x: x)(1)", "[x for x in y]", "{x: y}", "{x}", "x[0]",
    "x if y else 0", "x == y", "x < y", "x and y", "not x", "x or y", "'a'", "\"x\"", "1j",
    "x = 1", "x := 1", "x; import os", "import os", "sin(x=1)", "sin(*x)", "max(**x)", "f(x)",
    "x @ y", "x % y", "x // y", "x & y", "~x", "x\\y", "`x`", "$x", "x!",
    "9" + "**9" * 300, "2**" * 120 + "2", "(" * 200 + "x" + ")" * 200, "-" * 400 + "x",
    "sin(" * 60 + "x" + ")" * 60, "x+" * 5000 + "x", "x" * 10_000,
    "x\x00", "x\x1b[2J", "\u202ex + y", "x\u200b+y", "x\u2066+y", "x + 😀", "x\ny", "x\r",
    "1_000", "0x10", "x..y", "..",
]


def test_hostile_text_is_refused_and_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in HOSTILE:
        with pytest.raises(FormulaError):
            parse_formula(text)
    assert list(tmp_path.iterdir()) == []


def test_a_long_sum_is_one_level_deep_nesting_is_refused():
    """A sum of 150 terms is a legit formula (the parser chains it to the left: it counts
    once against the depth limit); nesting 51 levels deep, by any route, is still refused."""
    long_sum = parse_formula("+".join(["x", "y"] * 75))
    assert long_sum.f(1.0, 2.0) == 75 * 1.0 + 75 * 2.0
    assert long_sum.grad(1.0, 2.0) == (75.0, 75.0)
    assert np.allclose(long_sum.grad(np.ones((2, 3)), np.ones((2, 3)))[0], 75.0)
    assert long_sum.hess(1.0, 2.0) == (0.0, 0.0, 0.0)
    squares = parse_formula("-".join(f"(x-{k})^2" for k in range(45)))
    assert squares.f(0.0, 0.0) == -sum(k * k for k in range(1, 45))
    for deep in ["x + (" * 51 + "y" + ")" * 51, "(" * 51 + "x" + ")" * 51,
                 "x" + "*x" * 51, "x^" * 51 + "x", "-" * 51 + "x",
                 "sin(" * 51 + "x" + ")" * 51 + "+ y" * 20]:
        with pytest.raises(FormulaError, match="levels deep"):
            parse_formula(deep)


def test_second_derivatives_wait_for_their_first_use(monkeypatch):
    """Parsing builds ∂f/∂x and ∂f/∂y only: the Hessian's trees (seconds for a deep
    nesting) are built when a second-order method first asks for them."""
    from gdlab.engine.problems.formula import objective
    calls = []
    real = objective.derivative
    monkeypatch.setattr(objective, "derivative", lambda e, v: calls.append(v) or real(e, v))
    f = parse_formula("sin(x) * y^3")
    assert calls == ["x", "y"]
    assert f.hess(0.0, 1.0) == pytest.approx((0.0, 3.0, 0.0))
    f.hess(1.0, 1.0)
    assert calls == ["x", "y", "x", "y", "y"]


def test_huge_powers_are_numbers_not_hangs():
    obj = parse_formula("9**9**9**9")
    assert obj.f(0.5, 0.5) == math.inf and obj.f(np.zeros(2), np.zeros(2)).tolist() == [math.inf] * 2


def test_no_eval_exec_or_compile_in_the_package():
    """The builtins that run text are called nowhere in gdlab, nor SymPy's string parsers."""
    import ast
    import pathlib
    import gdlab
    banned = {"eval", "exec", "compile", "__import__", "sympify", "lambdify", "parse_expr"}
    found = []
    root = pathlib.Path(gdlab.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert len(files) > 50
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else (
                    f.attr if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
                    and f.value.id in ("builtins", "sympy", "sp") else None)
                if name in banned:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
            elif isinstance(node, ast.Name) and node.id in banned:
                found.append(f"{path.relative_to(root)}:{node.lineno} {node.id}")
    assert found == []


def test_trace_gives_each_node_its_value_and_gradient():
    from gdlab.engine.problems.formula.trace import trace
    obj = parse_formula("x*exp(y) + log(x)")
    nodes = trace(obj.tree, 2.0, 0.5)
    by_text = {n.text: n for n in nodes}
    assert [n.label for n in nodes] == ["x", "y", "exp", "×", "log", "+"]
    assert nodes[-1].value == pytest.approx(obj.f(2.0, 0.5)) and nodes[-1].grad == 1.0
    assert (by_text["x"].grad, by_text["y"].grad) == pytest.approx(obj.grad(2.0, 0.5))
    assert by_text["exp(y)"].grad == pytest.approx(2.0)  # ∂f/∂exp(y) = x
    assert [(n.label, n.children) for n in trace(parse_formula("(x^2 - 1)^2").tree, 2.0, 0.0)] \
        == [("x", ()), ("^ 2", (0,)), ("− 1", (1,)), ("^ 2", (2,))]  # numbers in the labels
    assert trace(parse_formula("3").tree, 1.0, 0.0)[0].grad is None


def test_log_colour_for_wells_under_steep_walls():
    assert parse_formula("(1 - x)^2 + 100(y - x^2)^2").log_color
    assert parse_formula("(x^2 - 1)^2 + y^2/2").log_color
    assert not parse_formula("x^2 + y^2").log_color and not parse_formula("x^2 - y^2").log_color


@pytest.mark.parametrize("text", [*RETYPED.values(), "x*exp(y) + log(x)", "min(x, y)^2 + max(x, y)",
                                  "abs(x) + sqrt(abs(y))", "2^x*y + abs(x)^y", "x^(1/3) - tan(y)",
                                  "arcsin(x/6) + arccos(y/6) + arctan(x*y) + sinh(x/3)cosh(y/3)",
                                  "log10(x^2 + 1) + log2(y^2 + 1) + tanh(x - y)"])
def test_the_tape_on_floats_is_the_graph_on_arrays(text):
    """A single run's floats take the graph replayed from a tape; arrays take the graph's
    nodes: the same rules, the same gradients."""
    obj = parse_formula(text)
    X, Y = _points((-3, 3, -3, 3), 60, seed=3)
    GX, GY = obj.grad(X, Y)
    for x, y, gx, gy in zip(X, Y, GX, GY):
        fx, fy = obj.grad(float(x), float(y))
        assert type(fx) is float and _close([fx, fy], [gx, gy], 1e-12)
