"""One place per problem kind: a model declares what it needs (options, views, path plot, data
plot, optimum, CLI summary), so a model defined here, outside the package, works through the
recipe, a Run, ``gdlab run``, the surfaces and the window's widgets once registered."""

import re

import numpy as np
import pytest

from gdlab.cli import main
from gdlab.engine.analysis.surfaces import surface_for
from gdlab.engine.problems.models import MODEL_MATH, ModelProblem
from gdlab.engine.problems.registry import MODELS, get_problem, register_model
from gdlab.engine.run.recipe import build_run, resolve


class ToyMean(ModelProblem):
    """The constant c closest to seeded data y ~ N(5, 1): J(c) = mean((c − y)²), minimum at
    mean(y). Data X (n,) = 0, 1, …, n−1 (the sample index), targets y (n,)."""

    name = "toy-mean"
    title = "Toy: the mean as a model"
    formula = "J(c) = mean((c − y)²)"
    param_names = ("c",)
    start = (0.0,)
    suggested_lr = 0.1
    default_steps = 50
    option_defaults = {"seed": 3, "n": 6}  # the table's order wins: n, then seed
    views = ("data", "steps", "check")
    path_plot = "curve"
    fit_label = "fit  y = c"

    def __init__(self, **options):
        super().__init__(**options)
        n = self.options["n"]
        self.X = np.arange(float(n))
        self.y = np.random.default_rng(self.options["seed"]).normal(5.0, 1.0, n)

    def loss_expr(self, params, idx, m=MODEL_MATH):
        (c,) = params
        _, Y = self._arrays(c.dtype)
        return m.mean(m.square(c - Y))

    def analytic(self, params, idx):
        (c,) = params
        _, Y = self._arrays(c.dtype)
        r = c - Y
        return np.mean(r * r), [np.mean(2 * r)], ()

    def predict(self, params, x):
        return params[0] * np.ones_like(np.asarray(x, dtype=float))

    def optimum(self):
        return (float(np.mean(self.y)),)

    def summary_lines(self, run):
        return [f"data mean  {np.mean(self.y):.6g} (c should get there)"]


@pytest.fixture
def toy():
    register_model(ToyMean)
    yield ToyMean
    del MODELS[ToyMean.name]


def test_the_recipe_fills_in_the_toys_declared_defaults_and_runs_it(toy):
    s = resolve("toy-mean")
    assert list(s.problem_options.items()) == [("n", 6), ("seed", 3)]
    assert (s.optimizer, s.steps, s.start, s.gradient, s.hyper["lr"]) == (
        "sgd", 50, (0.0,), "analytic", 0.1)
    run = build_run(s)
    run.advance()
    mean = float(np.mean(run.objective.y))
    assert run.objective.y.shape == (6,) and run.status in ("finished", "converged")
    assert float(run.params[0]) == pytest.approx(mean, abs=1e-3)
    for method in ("numerical", "autodiff"):  # the loss written once serves every method
        other = build_run(resolve("toy-mean", gradient=method, options={"n": 9}))
        other.advance()
        assert float(other.params[0]) == pytest.approx(float(np.mean(other.objective.y)), abs=1e-3)


def test_gdlab_run_prints_the_toys_summary_and_takes_only_its_options(toy, capsys, tmp_path):
    assert main(["run", "--problem", "toy-mean", "--samples", "9",
                 "--csv", str(tmp_path / "toy.csv")]) == 0
    out = capsys.readouterr().out
    mean = np.mean(get_problem("toy-mean", n=9).y)
    assert f"data mean  {mean:.6g} (c should get there)" in out.splitlines()
    assert "params     (c) = (" in out
    assert (tmp_path / "toy.csv").read_text().splitlines()[0] == "step,c,loss,grad_c,grad_norm,lr"
    assert main(["run", "--problem", "toy-mean", "--hidden", "3"]) == 2
    assert capsys.readouterr().err.strip() == (
        "gdlab run: toy-mean does not take --hidden: it takes --samples, --seed")


def test_the_toys_path_plot_is_its_declared_curve_through_its_optimum(toy):
    p = get_problem("toy-mean")
    s = surface_for(p)
    mean = float(np.mean(p.y))
    assert s.kind == "curve" and s.labels == ("c", "loss J")
    assert s.minima[0][0] == pytest.approx(mean)
    assert s.xs[0] < 0.0 < mean < s.xs[-1]  # framed: the start and the optimum
    assert np.argmin(s.ys) in (np.searchsorted(s.xs, mean) - 1, np.searchsorted(s.xs, mean))


def test_the_window_widgets_show_the_toys_options_and_views(toy, qtbot):
    from gdlab.ui.views.model_views import ModelViews
    from gdlab.ui.widgets.panels import ParamsPanel

    panel = ParamsPanel()
    qtbot.addWidget(panel)
    panel.problemCombo.setCurrentIndex(panel.problemCombo.findData("toy-mean"))
    assert list(panel.modelBox.widgets) == ["n", "seed"]
    assert panel.modelBox.options() == {"n": 6, "seed": 3}
    panel.modelBox.widgets["n"].setValue(8)
    s = panel.settings()
    assert (s.problem, s.problem_options, s.start) == ("toy-mean", {"n": 8, "seed": 3}, (0.0,))

    views = ModelViews()
    qtbot.addWidget(views)
    problem = panel.problem
    views.set_problem(problem)
    shown = {name for name, i in views.viewIndex.items() if views.isTabVisible(i)}
    assert shown == {"data", "steps", "check"}
    assert views.currentIndex() == views.dataIndex  # the first declared view opens
    run = build_run(s)
    run.advance()
    views.show_params(run.params, run.k, force=True)  # drawn two turns after the change
    data = views.dataView
    qtbot.waitUntil(lambda: data.problem is problem and bool(data.legend), timeout=2000)
    assert [label for *_, label in data.legend] == ["data", "fit  y = c"]
    assert data.summary.startswith(f"MSE {np.mean((float(run.params[0]) - problem.y) ** 2):.4g}")
    np.testing.assert_allclose(data.line_y, float(run.params[0]))


@pytest.mark.parametrize("change, message", [
    ({"name": "linreg"}, "the name 'linreg' is empty or taken"),
    ({"name": "bowl"}, "the name 'bowl' is empty or taken"),
    ({"path_plot": "contour"}, "a contour map needs two parameters"),
    ({"path_plot": "map"}, "path_plot 'map' is not one of"),
    ({"views": ("data", "table")}, "views ('data', 'table') are not all of"),
    ({"views": ()}, "views () are not all of"),
    ({"path_plot": "projection"}, "summary rows go with path_plot 'projection'"),
    ({"data_plot": "bars"}, "data_plot 'bars' is not one of"),
    ({"option_defaults": {"n": 6, "depth": 2}}, "unknown model option(s) depth"),
    ({"option_defaults": {"n": 1}}, "invalid samples 1"),
    ({"optimizer_lr": {"adamm": 0.1}}, "optimizer_lr {'adamm': 0.1} needs optimizer names"),
    ({"optimizer_lr": {"adam": 0.0}}, "optimizer_lr {'adam': 0.0} needs optimizer names"),
])
def test_a_model_with_declarations_that_do_not_fit_is_refused_by_name(change, message):
    bad = type("Bad", (ToyMean,), change)
    with pytest.raises(ValueError, match=re.escape(message)):
        register_model(bad)
    assert bad.name not in MODELS or MODELS[bad.name] is not bad


def test_a_model_suggests_a_rate_per_optimizer_through_the_recipe():
    per = type("ToyPer", (ToyMean,), {"name": "toy-per", "optimizer_lr": {"adam": 0.5}})
    register_model(per)
    try:
        assert resolve("toy-per", "adam").hyper["lr"] == 0.5
        assert resolve("toy-per", "sgd").hyper["lr"] == ToyMean.suggested_lr
    finally:
        MODELS.pop("toy-per")


@pytest.mark.parametrize("name, tabs, first, legend, title", [
    ("bowl", {"inspector", "steps", "check"}, "inspector", None, None),
    ("linreg-w", {"data", "inspector", "steps", "check"}, "data", "fit  y = w·x", "MSE "),
    ("linreg", {"data", "inspector", "steps", "check"}, "data", "fit  y = w·x + b", "MSE "),
    ("adaline", {"graph", "data", "inspector", "steps", "check"}, "graph", "fit  y = w·x + b",
     "mean |error| "),
    ("mlp", {"data", "inspector", "check"}, "data", None, None),
])
def test_the_built_in_problems_keep_their_tabs_and_data_view(qtbot, name, tabs, first, legend,
                                                           title):
    from gdlab.ui.views.model_views import ModelViews

    views = ModelViews()
    qtbot.addWidget(views)
    problem = get_problem(name)
    views.set_problem(problem)
    index = {"inspector": views.inspectorIndex, "steps": views.stepsIndex,
             "data": views.dataIndex, "graph": views.graphIndex, "check": views.checkIndex}
    assert {n for n, i in index.items() if views.isTabVisible(i)} == tabs
    assert views.currentIndex() == index[first]
    if legend is None:
        return
    views.setCurrentIndex(views.dataIndex)  # a hidden tab draws the problem when shown
    data = views.dataView
    qtbot.waitUntil(lambda: data.problem is problem, timeout=2000)  # the open one a turn later
    assert [label for *_, label in data.legend] == ["data", legend]
    data.set_params(problem.init_params(None))
    assert data.summary.startswith(title) and ("   ·   MSE " in data.summary) == (name == "adaline")
    if name == "linreg-w":  # f = w·x is drawn from the origin, though its data start at x = 1
        assert min(problem.X) == 1.0 and data.line.getData()[0][0] < 0.0


class ToyNoStart(ToyMean):
    """The toy without a start point (c starts at the first sample), taking a data set."""

    name = "toy-nostart"
    start = None
    start_text = "c = the first sample"
    option_defaults = {"dataset": "xor", "n": 6, "seed": 3}

    def init_params(self, start=None, dtype=np.float64):
        return [dtype(self.y[0])]


def test_gdlab_list_and_the_panel_show_the_start_and_data_sets_a_model_declares(capsys, qtbot):
    from gdlab.engine.problems.options import OPTIONS
    from gdlab.ui.widgets.panels import ParamsPanel

    register_model(ToyNoStart)
    try:
        assert main(["list"]) == 0
        lines = capsys.readouterr().out.splitlines()
        at = next(i for i, line in enumerate(lines) if line.split()[:1] == ["toy-nostart"])
        assert lines[at + 1].split() == ["c", "=", "the", "first", "sample;", "default", "sgd,",
                                         "lr", "0.1,", "50", "steps"]
        choices = ", ".join(OPTIONS["dataset"].choices)
        assert lines[at + 3].strip() == f"toy-nostart data sets (--dataset): {choices}"
        assert sum("data sets (--dataset)" in line for line in lines) == 2  # mlp's and the toy's
        panel = ParamsPanel()
        qtbot.addWidget(panel)
        panel.problemCombo.setCurrentIndex(panel.problemCombo.findData("toy-nostart"))
        assert panel.startLabel.text() == "Start: c = the first sample"
        assert panel.startRow.isHidden()
        panel.problemCombo.setCurrentIndex(panel.problemCombo.findData("mlp"))
        assert panel.startLabel.text() == "Start: weights 0.01·N(0, 1), biases 0"
    finally:
        del MODELS[ToyNoStart.name]
