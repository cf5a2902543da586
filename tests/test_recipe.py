"""One recipe for the CLI and the window, one set of model-option limits, ε > 0, and the
advice after a divergence or a run without progress (engine/recipe.py, options.py, advice.py)."""

import dataclasses
import math
import re

import pytest

from gdlab.cli import _make_run, build_parser, main
from gdlab.engine.analysis.advice import advise_lr, max_curvature, stall
from gdlab.engine.problems.registry import MODELS, get_problem
from gdlab.engine.problems.objectives import OBJECTIVES
from gdlab.engine.optim.optimizers import make_optimizer
from gdlab.engine.problems.options import MODEL_OPTIONS, options_of
from gdlab.engine.run.recipe import build_run, resolve, settings_from_dict
from gdlab.engine.run.single import Run, RunSettings

PROBLEMS = (*OBJECTIVES, *MODELS)


def cli_settings(*args: str):
    return _make_run(build_parser().parse_args(["run", *args])).settings()


# -- 1. one recipe ------------------------------------------------------------------------
@pytest.mark.parametrize("name", PROBLEMS)
def test_window_defaults_equal_the_cli_defaults(name, qtbot):
    from gdlab.ui.widgets.numbers import format_number
    from gdlab.ui.widgets.panels import ParamsPanel
    panel = ParamsPanel()
    qtbot.addWidget(panel)
    panel.problemCombo.setCurrentIndex(panel.problemCombo.findData(name))
    ui, cli = panel.settings(), cli_settings("--problem", name)
    for f in dataclasses.fields(cli):
        assert getattr(ui, f.name) == getattr(cli, f.name), f.name
    # the learning rate's tooltip quotes the recipe's rate, not the optimizer's own default
    assert f"; default {format_number(cli.hyper['lr'])}." in panel.lrSpin.toolTip()


def test_the_cli_runs_at_the_suggested_rate_and_the_recipe_tolerance(capsys):
    s = cli_settings("--problem", "bowl")
    assert s.hyper["lr"] == OBJECTIVES["bowl"].suggested_lr == 0.1
    assert s.tol == 1e-6 and s.optimizer == "sgd" and s.steps == 100
    assert main(["list"]) == 0
    assert "suggested lr 0.1" in capsys.readouterr().out


#: the book's chapter 6 rates on x²/20 + y² (and ours for the optimizers it does not draw)
BOOK_RATES = {"sgd": 0.95, "momentum": 0.1, "nesterov": 0.1, "adagrad": 1.5, "rmsprop": 0.1,
              "adam": 0.3, "adamw": 0.3}


def test_a_problem_suggests_a_rate_per_optimizer():
    assert {name: resolve("ellipse", name).hyper["lr"] for name in BOOK_RATES} == BOOK_RATES
    assert resolve("ellipse").hyper["lr"] == 0.95  # sgd, the default method
    assert {resolve("bowl", name).hyper["lr"] for name in BOOK_RATES} == {0.1}  # no table
    assert resolve("ellipse", "adam", hyper={"lr": 0.01}).hyper["lr"] == 0.01  # typed: kept
    s = cli_settings("--problem", "ellipse", "--optimizer", "adagrad")
    assert s.hyper["lr"] == 1.5


@pytest.mark.parametrize("optimizer", sorted(BOOK_RATES))
def test_every_optimizer_moves_to_the_ellipses_minimum_at_its_suggested_rate(optimizer):
    run = build_run(resolve("ellipse", optimizer))
    run.advance()
    loss = run.trajectory.rows()[:, run.trajectory.column("loss")]
    assert run.status != "diverged" and loss[-1] < 1e-3 * loss[0]


PROGRESS = 2.0  # "clear progress": the loss at least halved in the default steps (or converged)


@pytest.mark.parametrize("problem", ["rosenbrock", "goldstein-price", "himmelblau", "beale",
                                     "ellipse"])
def test_every_optimizer_of_the_race_preset_makes_clear_progress_at_its_suggested_rate(problem):
    from gdlab.ui.views.lanes import preset_settings
    slow = []
    for settings in preset_settings("optimizers", resolve(problem), get_problem(problem).box):
        run = build_run(settings)  # the preset's lane: the problem's rate
        optimizer = settings.optimizer
        run.advance()
        loss = run.trajectory.rows()[:, run.trajectory.column("loss")]
        if run.status == "diverged" or not (run.status == "converged"
                                            or loss[-1] * PROGRESS <= loss[0]):
            slow.append(f"{optimizer} lr {run.settings().hyper['lr']:g}: {run.status}, "
                        f"loss {loss[0]:.4g} → {loss[-1]:.4g}")
    assert slow == []


def test_every_declared_rate_names_an_optimizer_and_is_positive():
    from gdlab.engine.optim.optimizers import OPTIMIZERS
    for name in PROBLEMS:
        table = get_problem(name).optimizer_lr
        assert set(table) <= set(OPTIMIZERS) and all(lr > 0 for lr in table.values()), name


def test_cli_race_without_lr_runs_each_optimizer_at_its_suggested_rate(capsys):
    from gdlab.engine.optim.optimizers import optimizer_title
    assert main(["race", "--problem", "ellipse", "--optimizer", "sgd,momentum,adagrad,adam",
                 "--steps", "100"]) == 0
    out = capsys.readouterr().out
    rates = dict(re.findall(r"^\s*\d+\s+\d+\s+(\w+) lr \S+\s+(\S+)", out, re.M))
    assert {k: float(v) for k, v in rates.items()} == {  # lanes are labelled by display name
        optimizer_title(k): BOOK_RATES[k] for k in ("sgd", "momentum", "adagrad", "adam")}


def test_choices_given_are_kept_and_the_rest_filled_in():
    s = resolve("mlp", "sgd", hyper={"weight_decay": 0.1}, steps=7, options={"hidden": 4})
    assert s.hyper == {"lr": MODELS["mlp"].suggested_lr, "weight_decay": 0.1, "maximize": False}
    assert s.steps == 7 and s.gradient == "analytic" and s.start is None
    assert s.problem_options["hidden"] == 4 and s.problem_options["dataset"] == "moons"
    assert build_run(s).settings() == s
    assert settings_from_dict(s.to_dict()) == s


def test_the_panel_keeps_the_users_method_between_2d_functions(qtbot):
    from gdlab.ui.widgets.panels import ParamsPanel
    p = ParamsPanel()
    qtbot.addWidget(p)
    p.optimizerCombo.setCurrentIndex(p.optimizerCombo.findData("adam"))
    p.stepsSpin.setValue(500)
    p.problemCombo.setCurrentIndex(p.problemCombo.findData("rosenbrock"))
    s = p.settings()
    assert (s.optimizer, s.steps, s.hyper["lr"]) == ("adam", 500, 0.1)  # lr: the problem's
    p.problemCombo.setCurrentIndex(p.problemCombo.findData("mlp"))
    p.problemCombo.setCurrentIndex(p.problemCombo.findData("bowl"))  # a model's recipe is left
    assert p.settings() == cli_settings("--problem", "bowl")


def test_adaline_w_rate_is_one_option_in_both(capsys):
    s = cli_settings("--problem", "adaline", "--w-scale", "0.25")
    assert s.problem_options["w_scale"] == 0.25
    assert get_problem("adaline", **s.problem_options).lr_scales == (0.25, 1.0)
    assert main(["run", "--problem", "adaline", "--lr-w", "0.05"]) == 2  # one name only
    assert "--lr-w" in capsys.readouterr().err


@pytest.mark.parametrize("flag, value", [("--h", "0"), ("--h", "2"), ("--tol", "-1")])
def test_h_and_tol_have_one_range(flag, value, capsys):
    assert main(["run", flag, value]) == 2
    assert "must be in" in capsys.readouterr().err


# -- 2. one set of model-option limits -------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["--problem", "mlp", "--hidden", "100000"],
    ["--problem", "mlp", "--dataset", "moons", "--classes", "5"],
    ["--problem", "linreg", "--samples", "0"],
    ["--problem", "linreg", "--samples", "1"],
    ["--problem", "mlp", "--batch", "0"],
    ["--problem", "mlp", "--dataset", "spiral", "--classes", "5", "--samples", "9"],
    ["--problem", "adaline", "--w-scale", "0"],
    ["--problem", "adaline", "--noise", "1"],
    ["--problem", "bowl", "--seed", "1"],
])
def test_cli_and_engine_refuse_the_same_options_with_the_same_message(args, capsys):
    options = vars(build_parser().parse_args(["run", *args]))
    options = {o.name: options[o.name] for o in MODEL_OPTIONS if options[o.name] is not None}
    with pytest.raises(ValueError) as exc:
        get_problem(args[1], **options)
    with pytest.raises(ValueError, match=re.escape(str(exc.value))):  # what the window's worker runs
        build_run(RunSettings(problem=args[1], problem_options=options))
    assert main(["run", *args]) == 2
    assert capsys.readouterr().err.strip() == f"gdlab run: {exc.value}"
    assert main(["check-grad", *args]) == 2
    assert capsys.readouterr().err.strip() == f"gdlab check-grad: {exc.value}"


def test_check_grad_refuses_an_empty_data_set(capsys):
    assert main(["check-grad", "--problem", "linreg", "--samples", "0"]) == 2
    assert "samples" in capsys.readouterr().err


def test_the_model_group_is_built_from_the_engines_specs(qtbot):
    from gdlab.ui.widgets.model_options import ModelOptionsBox
    box = ModelOptionsBox()
    qtbot.addWidget(box)
    for model in MODELS:
        box.set_model(model)
        defaults = MODELS[model].option_defaults
        specs = options_of(defaults)
        assert list(box.widgets) == [o.name for o in specs]
        for o in specs:
            w = box.widgets[o.name]
            if o.choices:
                assert [w.itemData(i) for i in range(w.count())] == list(o.choices)
            elif defaults[o.name] is None:  # "default" sits one step below the range
                assert w.minimum() < o.low and w.maximum() == o.high and w.specialValueText()
                w.setValue(o.low)
                assert box.options()[o.name] == o.low
                w.setValue(w.minimum())
            else:
                assert (w.minimum(), w.maximum()) == (o.low, o.high), o.name
        assert box.options() == get_problem(model).options


def test_the_model_group_takes_classes_only_for_spiral_and_blobs(qtbot):
    from gdlab.ui.widgets.model_options import ModelOptionsBox
    box = ModelOptionsBox()
    qtbot.addWidget(box)
    box.set_model("mlp")
    dataset, classes = box.widgets["dataset"], box.widgets["classes"]
    dataset.setCurrentIndex(dataset.findData("spiral"))
    assert classes.isVisibleTo(box)
    classes.setValue(5)
    seen = []
    box.changed.connect(lambda: seen.append(box.options()))
    dataset.setCurrentIndex(dataset.findData("moons"))
    assert not classes.isVisibleTo(box)  # moons have 2 classes: no row to change it
    assert seen[-1]["classes"] == 2  # whole when the signal comes
    get_problem("mlp", **seen[-1])  # accepted


# -- 3. eps 0 -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["adam", "adamw", "rmsprop", "adagrad"])
def test_eps_zero_is_refused_and_a_tiny_eps_does_not_diverge(name, capsys):
    assert main(["run", "--optimizer", name, "--eps", "0", "--start=0,4"]) == 2
    assert "eps" in capsys.readouterr().err
    with pytest.raises(ValueError):
        make_optimizer(name, eps=0.0)
    run = Run("bowl", make_optimizer(name, eps=1e-300), start=(0.0, 4.0), steps=20)
    run.advance()  # the x component of the gradient is 0 all along: 0/(0 + ε) = 0
    assert run.status != "diverged" and run.point[0] == 0.0


# -- 4. advice ---------------------------------------------------------------------------
@pytest.mark.parametrize("problem, optimizer, lr", [
    ("bowl", "sgd", 1.5), ("ellipse", "sgd", 1.1), ("rosenbrock", "sgd", 0.01),
    ("rosenbrock", "momentum", 0.005), ("rosenbrock", "adam", 100.0), ("linreg", "sgd", 1.0),
    ("adaline", "sgd", 1e12), ("mlp", "adam", 1e6)])
def test_a_run_at_the_advised_rate_does_not_diverge_and_makes_progress(problem, optimizer, lr):
    s = resolve(problem, optimizer, hyper={"lr": lr}, tol=0.0)
    bad = build_run(s)
    bad.advance()
    loss = bad.trajectory.column("loss")
    assert bad.status == "diverged" or stall(bad.trajectory.rows(), bad.trajectory.columns)
    advice = advise_lr(s)
    assert advice.lr is not None and advice.lr < lr
    good = build_run(dataclasses.replace(s, hyper={**s.hyper, "lr": advice.lr}))
    good.advance()
    rows = good.trajectory.rows()
    assert good.status != "diverged"
    assert rows[-1, loss] < 0.5 * rows[0, loss]


def test_bowl_advice_is_below_the_stability_edge():
    assert max_curvature(OBJECTIVES["bowl"], (-3.0, 4.0)) == pytest.approx(2.0)
    for lr in (1.0, 1.5, 30.0):
        advice = advise_lr(resolve("bowl", hyper={"lr": lr}))
        assert advice.lr < 1.0 and "2/λmax = 1" in advice.reason


def test_a_loss_that_falls_without_bound_is_not_blamed_on_the_rate(capsys):
    assert main(["run", "--problem", "saddle", "--steps", "2000"]) == 0
    out = capsys.readouterr().out
    assert "status     diverged" in out and "no minimum that way" in out
    assert "try --lr" not in out


def test_a_period_2_cycle_without_progress_is_reported(capsys):
    assert main(["run", "--problem", "bowl", "--lr", "1", "--start=-3,4"]) == 0
    out = capsys.readouterr().out
    assert "status     finished" in out
    assert "no progress" in out and "period-2 cycle" in out
    assert "try --lr 0.5" in out
    run = Run("bowl", make_optimizer("sgd", lr=0.5), steps=100)
    run.advance()
    assert stall(run.trajectory.rows(), run.trajectory.columns) is None


def test_growing_jumps_are_no_period_2_cycle():
    """lr 10 on the bowl: each step multiplies θ by −19, back and forth but ever farther
    (the seeds' exact-gradient run): no cycle, past the edge of stability."""
    run = Run("bowl", make_optimizer("sgd", lr=10.0), start=(-3.0, 4.0), steps=100, tol=0.0,
              max_loss=math.inf)
    run.advance()
    note = stall(run.trajectory.rows(), run.trajectory.columns)
    assert note is not None and "period-2" not in note
    assert "farther at every step" in note and "past the edge of stability" in note
    edge = Run("bowl", make_optimizer("sgd", lr=1.0001), start=(-3.0, 4.0), steps=50)
    edge.advance()  # a cycle that grows slowly is still one
    assert "period-2 cycle" in stall(edge.trajectory.rows(), edge.trajectory.columns)


def test_a_climb_asked_for_is_not_a_stall(capsys):
    """--maximize: the loss rising is the run's progress, not a lack of it."""
    assert main(["run", "--optimizer", "sgd", "--maximize", "--steps", "10"]) == 0
    out = capsys.readouterr().out
    assert "no progress" not in out and "hint" not in out
    run = Run("bowl", make_optimizer("sgd", lr=0.1, maximize=True), steps=10)
    run.advance()
    rows, columns = run.trajectory.rows(), run.trajectory.columns
    assert rows[-1, columns.index("loss")] > rows[0, columns.index("loss")]
    assert stall(rows, columns, maximize=True) is None and stall(rows, columns) is not None


def test_a_rate_of_0_is_said_and_the_suggested_rate_advised(capsys):
    assert main(["run", "--lr", "0", "--steps", "100"]) == 0
    out = capsys.readouterr().out
    assert "note       no progress: the learning rate is 0: no update moves θ" in out
    assert f"hint       try --lr {resolve('bowl').hyper['lr']:g}, the problem's suggested rate" in out


def test_a_models_advice_does_not_offer_a_start_point(capsys):
    assert main(["run", "--problem=mlp", "--steps", "3", "--lr", "1e9"]) == 0
    out = capsys.readouterr().out
    assert "another seed for the weights" in out and "start point" not in out


def test_a_schedule_flag_alone_names_the_schedules_that_take_it(capsys):
    assert main(["run", "--gamma", "0.5"]) == 2
    assert capsys.readouterr().err.strip() == (
        "gdlab run: the constant schedule does not take --gamma: it has no parameters; "
        "--gamma belongs to --schedule step, exponential")


def test_a_run_that_did_not_move_is_not_a_stall():
    run = Run("bowl", make_optimizer("sgd", lr=1.0), start=(0.0, 0.0), steps=10)
    run.advance()
    assert stall(run.trajectory.rows(), run.trajectory.columns) is None


def test_the_banner_says_what_to_do(window, qtbot):
    p = window.panel
    p.lrSpin.setValue(1.0)
    p.tolSpin.setValue(0.0)
    qtbot.waitUntil(lambda: window.run_settings.get("hyper", {}).get("lr") == 1.0, timeout=5000)
    p.speedCombo.setCurrentIndex(p.speedCombo.findData(0))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.status == "finished", timeout=10000)
    qtbot.waitUntil(lambda: "Try lr" in window.banner.text(), timeout=5000)  # a trial's answer
    text = window.banner.text()
    assert "No progress" in text and "period-2" in text and "lr = 0.5" in text
    p.stepsSpin.setValue(150)  # the finished run goes on: the banner speaks of its new end
    qtbot.waitUntil(lambda: window.k == 150 and window.status == "finished", timeout=10000)
    qtbot.waitUntil(lambda: "after 150 steps" in window.banner.text(), timeout=5000)
    p.lrSpin.setValue(1.5)
    p.problemCombo.setCurrentIndex(p.problemCombo.findData("ellipse"))
    p.lrSpin.setValue(1.5)
    qtbot.waitUntil(lambda: window.run_settings.get("hyper", {}).get("lr") == 1.5
                    and window.run_settings.get("problem") == "ellipse", timeout=5000)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.status == "diverged", timeout=10000)
    qtbot.waitUntil(lambda: "Diverged" in window.banner.text() and "Try lr" in window.banner.text(),
                    timeout=5000)
    text = window.banner.text()
    advised = float(text.split("Try lr = ")[1].split(" ")[0])
    assert "Diverged" in text and advised == advise_lr(resolve(
        "ellipse", hyper={"lr": 1.5}, tol=0.0)).lr and advised < 1.0


def test_the_banner_tells_a_lost_nudge_from_a_loss_that_grew(window, qtbot):
    """The seeds' lr 10 run on the numerical gradient with no loss limit (a session can hold
    one): it diverged because no slope can be measured that far out, not by its loss."""
    window.session.reset([resolve("bowl", "sgd", hyper={"lr": 10.0}, start=(-3.0, 4.0),
                                  steps=100, gradient="numerical", max_loss=math.inf)])
    qtbot.waitUntil(lambda: window.status == "ready", timeout=5000)
    window.session.set_speed(0)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.status == "diverged", timeout=10000)
    qtbot.waitUntil(lambda: "Diverged at step 10" in window.banner.text(), timeout=5000)
    text = window.banner.text()
    assert "lost in rounding" in text and "grew past" not in text


def test_h_has_one_range_in_the_panel_the_check_tab_and_the_engine(qtbot):
    from PySide6.QtCore import Qt
    from gdlab.engine.analysis.checkgrad import check_gradients
    from gdlab.engine.optim.hyperparams import H
    from gdlab.ui.views.gradcheck import GradCheckPanel
    from gdlab.ui.widgets.panels import ParamsPanel
    panel, check_tab = ParamsPanel(), GradCheckPanel()
    qtbot.addWidget(panel), qtbot.addWidget(check_tab)
    tab = check_tab.hSpin
    check_tab.resize(300, 300)  # narrower than the side panel at 1024 × 700
    check_tab.show()
    qtbot.waitExposed(check_tab)
    edit = tab.lineEdit()  # the default h is shown whole
    assert edit.fontMetrics().horizontalAdvance(edit.text()) + 8 <= edit.width(), edit.text()
    assert (panel.hSpin.minimum(), panel.hSpin.maximum()) == (H.low, H.high)
    assert (tab.minimum(), tab.maximum()) == (H.low, H.high)
    # both boxes take typed numbers alike: 1e-5 accepted, out of range red and not taken
    for box in (panel.hSpin, tab):
        box.setEnabled(True)
        box.show()
        box.setFocus()
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), "1e-5")
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
        assert box.value() == 1e-5 and not box.invalid
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), "5")
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
        assert box.value() == 1e-5 and box.invalid and "out of range" in box.toolTip()
        box.stepBy(-1)  # the arrows go by decades, from the value in effect
        assert box.value() == pytest.approx(1e-6) and not box.invalid
    for h in (H.low / 10, H.high * 2):
        with pytest.raises(ValueError) as a:
            check_gradients(get_problem("bowl"), h)
        with pytest.raises(ValueError) as b:
            Run("bowl", "sgd", h=h)
        assert str(a.value) == str(b.value) and "h" in str(a.value)


def test_the_panel_the_cli_and_the_engine_share_the_limits_and_defaults(qtbot, capsys):
    from gdlab.engine.optim.hyperparams import STEPS_MAX, STEPS_MIN
    from gdlab.engine.run.batch import BatchRun
    from gdlab.engine.run.single import Run
    from gdlab.ui.widgets.panels import ParamsPanel
    panel = ParamsPanel()
    qtbot.addWidget(panel)
    assert (panel.stepsSpin.minimum(), panel.stepsSpin.maximum()) == (STEPS_MIN, STEPS_MAX)
    for steps in (STEPS_MIN, STEPS_MAX):
        assert resolve("bowl", steps=steps).steps == Run("bowl", "sgd", steps=steps).steps == steps
    assert main(["run", "--steps", str(STEPS_MIN), "--quiet"]) == 0
    for steps in (STEPS_MIN - 1, STEPS_MAX + 1):
        with pytest.raises(ValueError, match="step budget"):
            resolve("bowl", steps=steps)
        assert main(["run", f"--steps={steps}"]) == 2
    capsys.readouterr()
    # a Run or a BatchRun made without the recipe stops as the recipe's runs do
    s = resolve("bowl", "sgd")
    made = Run("bowl", "sgd").settings()  # its optimizer's own rate: the rest is the recipe's
    assert dataclasses.replace(made, hyper=s.hyper) == build_run(s).settings() == s
    assert BatchRun("bowl", "sgd", [[0.0, 1.0]]).tol == s.tol


def test_a_method_whose_lr_scales_its_own_step_keeps_its_default_rate():
    assert resolve("rosenbrock", "lbfgs").hyper["lr"] == 1.0
    assert resolve("rosenbrock", "adadelta").hyper["lr"] == 1.0
    assert resolve("rosenbrock", "sgd").hyper["lr"] == get_problem("rosenbrock").suggested_lr
    assert resolve("rosenbrock", "lbfgs", hyper={"lr": 0.5}).hyper["lr"] == 0.5


def test_a_diverged_lbfgs_run_gets_a_rate_from_runs_one_after_another():
    s = resolve("rosenbrock", "lbfgs", hyper={"lr": 100.0}, steps=50)
    advice = advise_lr(s, 3e17)
    assert advice.lr is not None and advice.lr < 100
    run = build_run(dataclasses.replace(s, hyper={**s.hyper, "lr": advice.lr}))
    run.advance()
    assert run.status != "diverged"


@pytest.mark.parametrize("problem", ["rosenbrock", "himmelblau", "beale", "ellipse"])
def test_every_lane_of_the_race_preset_stays_on_the_map(problem):
    """A lane that leaves the map in long straight segments teaches nothing but "it jumped"."""
    from gdlab.ui.views.lanes import preset_settings
    box = get_problem(problem).box
    x0, x1, y0, y1 = box
    off = []
    for settings in preset_settings("optimizers", resolve(problem), box):
        run = build_run(settings)
        run.advance()
        t = run.trajectory
        x, y = (t.rows()[:, t.column(c)] for c in ("x", "y"))
        if not ((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)).all():
            off.append(settings.optimizer)
    assert off == []
