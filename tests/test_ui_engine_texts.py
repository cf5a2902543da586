"""The engine's texts in the window follow the language: formula errors, problem notes,
hyperparameter help, the inspector's words (its numbers unchanged), the advice."""

from __future__ import annotations

import numpy as np
import pytest

from gdlab.engine import FormulaError, parse_formula
from gdlab.engine.analysis.advice import stall
from gdlab.engine.analysis.explain import explain
from gdlab.engine.optim import hyperparams as hp
from gdlab.engine.problems.objectives import OBJECTIVES
from gdlab.engine.run.recipe import build_run
from gdlab.engine.run.single import RunSettings
from gdlab.ui.i18n import error_text, install, localized


@pytest.fixture
def zh(qapp):
    assert install(qapp, "zh_CN")
    yield
    install(qapp, "en")


def test_a_formula_error_in_chinese_keeps_the_name_and_the_column(zh):
    with pytest.raises(FormulaError) as info:
        parse_formula("(x - 1)^2 + z^2")
    assert error_text(info.value) == "第 13 列：未知的名字 'z' —— 变量是 x 和 y"
    with pytest.raises(FormulaError) as info:
        parse_formula("x y")
    assert error_text(info.value) == ("第 3 列：'y' 紧跟在 'x' 后面，中间什么也没有 —— "
                                      "是不是想写 x*y？")


def test_the_formula_bar_shows_the_error_in_chinese(zh, qtbot):
    from gdlab.ui.views.formula_bar import FormulaBar
    bar = FormulaBar()
    qtbot.addWidget(bar)
    bar.set_text("sin x + log(y)")
    assert "sin 的参数需要写在括号里" in bar.errorLabel.text()


def test_a_problem_note_and_a_hyperparameter_help_follow_the_language(qapp, qtbot):
    from gdlab.ui.views.path_pane import PathPane
    from gdlab.ui.widgets.spec_widgets import spec_widget
    pane = PathPane()
    qtbot.addWidget(pane)
    bowl = OBJECTIVES["himmelblau"]
    pane.show_problem(bowl)
    assert pane.noteLabel.text() == "Four equal minima: the start point decides which one you reach."
    assert "fraction of the previous velocity" in spec_widget(hp.MOMENTUM).toolTip()
    install(qapp, "zh_CN")
    try:
        pane.show_problem(bowl)
        assert pane.noteLabel.text() == "四个相等的最小值：起点决定到达哪一个。"
        assert pane.titleLabel.text() == "Himmelblau"  # a proper name stays
        pane.show_problem(OBJECTIVES["bowl"])
        assert pane.titleLabel.text() == "碗形"
        assert "每一步保留上一步速度的比例" in spec_widget(hp.MOMENTUM).toolTip()
    finally:
        install(qapp, "en")


def test_the_inspector_speaks_chinese_with_the_same_numbers(zh, qtbot):
    from gdlab.ui.views.inspector import StepInspector
    run = build_run(RunSettings(problem="bowl", optimizer="sgd", steps=5, hyper={"lr": 0.1},
                                start=(-3.0, 4.0)))
    run.advance()
    ex = explain(run, 0)
    inspector = StepInspector()
    qtbot.addWidget(inspector)
    inspector.show_explanation(ex)
    lines = inspector.plain_text().splitlines()
    assert lines[0] == "第 0 步 → 第 1 步 · SGD"
    assert "学习率 lr = 0.1" in lines
    assert "θ₁ = θ₀ − lr·g₀ = (−3, 4) − 0.1·(−6, 8) = (−2.4, 3.2)" in lines
    html = inspector.text.toHtml()
    assert "第 0 步" in html and "(−2.4, 3.2)" in html and "learning rate" not in html
    assert ex.text().splitlines()[0] == "Step 0 → 1 · SGD"  # the engine's own text: English


def test_a_models_array_table_heads_are_translated(zh):
    run = build_run(RunSettings(problem="mlp", optimizer="adam", steps=2))
    run.advance()
    ex = explain(run, 0)
    assert [localized(h) for h in ex.head[:2]] == ["数组", "形状"]
    assert localized(ex.lines[-1].note) == "按数组（范数）：更新规则作用于每个元素"
    assert "W1  2×32:  ‖θ‖ = " in ex.text()  # the table's rows: names and numbers


def test_the_advice_and_the_stall_in_chinese_keep_their_numbers(zh):
    rows = np.array([[1.0, -1.0, 2.0], [-1.0, 1.0, 2.0], [1.0, -1.0, 2.0], [-1.0, 1.0, 2.0]])
    note = stall(rows, ("x", "y", "loss"))
    assert localized(note) == ("没有进展：3 步之后损失（2）没有低于起点的损失（2）；路径来回跳动"
                               "（周期为 2 的循环）：学习率已到达或超过稳定的边界")


def test_file_errors_in_chinese_keep_the_file_and_the_field(zh, tmp_path):
    from gdlab.engine.files.imported import read_trajectory
    from gdlab.engine.files.session_file import SessionError, read_session
    bad = tmp_path / "path.csv"
    bad.write_text("x,y\n1,oops\n")
    with pytest.raises(ValueError) as info:
        read_trajectory(bad)
    assert error_text(info.value) == "path.csv，第 2 行，y 列：'oops' 不是数"
    session = tmp_path / "s.gdlab"
    session.write_text('{"format": "gdlab-session", "schema": 1, "lanes": "all"}')
    with pytest.raises(SessionError) as info:
        read_session(session)
    assert str(info.value) == "lanes: must be a list, not the text 'all'"
    assert error_text(info.value) == "lanes：必须是列表，而不是文本 'all'"


def test_a_formula_error_without_fields_and_a_domain_note_are_chinese_too(zh):
    with pytest.raises(FormulaError) as info:
        parse_formula("(x")
    assert error_text(info.value) == "第 1 列：这个 '(' 没有闭合"
    reason = parse_formula("log(x) + y").undefined_reason(-1.0, 0.0)
    assert reason == "log of a non-positive number" and localized(reason) == "对非正数取对数"


def test_the_curvature_line_in_chinese_keeps_its_numbers(zh):
    from gdlab.engine.analysis.curvature import curvature_at
    saddle = curvature_at(OBJECTIVES["saddle"], 1.0, 1.0)
    assert saddle.text() == "λ = -2 and 2  ·  saddle-shaped here (one negative eigenvalue)"
    assert localized(saddle.text()) == "λ = -2 和 2  ·  这里是鞍形（有一个负特征值）"


def test_lane_labels_say_seed_and_start_in_chinese_and_the_same_english_as_before(zh):
    from gdlab.engine.run.race import default_labels
    from gdlab.engine.run.recipe import resolve

    noisy = [resolve("bowl", "sgd", grad_noise=0.1, noise_seed=seed) for seed in (1, 2)]
    labels = default_labels(noisy)
    assert labels == ["SGD σ 0.1 seed 1", "SGD σ 0.1 seed 2"]  # the CLI's and the CSV's
    assert [localized(label) for label in labels] == ["SGD σ 0.1 种子 1", "SGD σ 0.1 种子 2"]
    mixed = [resolve("bowl", "adam", hyper={"lr": 0.01}, start=(1, 2)),
             resolve("bowl", "momentum", hyper={"lr": 0.1})]
    assert [localized(label) for label in default_labels(mixed)] == [
        "Adam lr 0.01 (1, 2)", "动量 lr 0.1 (-3, 4)"]
