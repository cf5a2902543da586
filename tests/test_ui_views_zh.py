"""The views, the help pages, the curvature and step bindings in Chinese (issue 10): every text
they wrap is in the catalogue with its fields intact, and the widgets follow the language."""

import ast
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtGui import QFont, QFontMetrics  # noqa: E402

import gdlab  # noqa: E402
from gdlab.ui import help_texts  # noqa: E402
from gdlab.ui.catalogue import FOLDER  # noqa: E402
from gdlab.ui.i18n import install, translate  # noqa: E402

UI = Path(gdlab.__file__).parent / "ui"
MODULES = sorted((UI / "views").glob("*.py")) + [UI / f for f in ("help_texts.py", "curvature.py",
                                                                   "step_binding.py")]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh(qapp):
    """The application in simplified Chinese for one test."""
    assert install(qapp, "zh_CN")
    yield
    install(qapp, "en")


def fields(text: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)


def marked_texts() -> set[tuple[str, str]]:
    """(context, text) of every ``translate`` and ``QT_TRANSLATE_NOOP`` call of these modules
    whose text is a literal; a context that is not a literal is reported as None."""
    found = set()
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            ctx, text = node.args[:2]
            if name in ("translate", "QT_TRANSLATE_NOOP") and isinstance(text, ast.Constant):
                found.add((ctx.value if isinstance(ctx, ast.Constant) else None, text.value))
    return found


def catalogue() -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(FOLDER / "gdlab_zh_CN.ts").getroot().iter("context"):
        for m in context.iter("message"):
            t = m.find("translation")
            if t is not None and t.get("type") is None:
                out[(context.findtext("name"), m.findtext("source"))] = "".join(t.itertext())
    return out


def test_every_text_of_the_views_is_translated_with_its_fields():
    """lupdate reads literal contexts only: a text wrapped with a context held in a variable
    is never collected, so it stays English in zh_CN."""
    texts, done = marked_texts(), catalogue()
    assert len(texts) > 250
    assert not [t for c, t in texts if c is None], "a context that lupdate cannot read"
    missing = [key for key in texts if key not in done]
    assert not missing, missing[:10]
    broken = [(key, done[key]) for key in texts if fields(key[1]) != fields(done[key])]
    assert not broken, broken[:5]


def test_help_pages_are_taught_in_chinese_and_unchanged_in_english(qapp):
    pages = [help_texts.QUICK_START, *(body for _name, body in help_texts.VIEWS.values())]
    tips = [*help_texts.WIDGET_TIPS.values(), *help_texts.ACTION_TIPS.values(),
            *help_texts.PRESET_TIPS.values()]
    assert all(translate("Help", text) == text for text in pages + tips)  # English: as written
    assert install(qapp, "zh_CN")
    try:
        for text in pages + tips + [name for name, _body in help_texts.VIEWS.values()]:
            zh = translate("Help", text)
            assert zh != text and CJK.search(zh), text[:60]
            assert fields(zh) == fields(text)
        for page in pages:  # a page keeps its structure: the same headings, lists and tables
            zh = translate("Help", page)
            for tag in ("<h2>", "<h3>", "<li>", "<tr>", "<b>"):
                assert zh.count(tag) == page.count(tag), (tag, page[:40])
        quick = translate("Help", help_texts.QUICK_START).format(keys="<table></table>")
        assert "快速入门" in quick and "<table></table>" in quick
    finally:
        install(qapp, "en")


def test_view_headers_and_statuses_follow_the_language(qapp, qtbot):
    from gdlab.ui.session import Session
    from gdlab.ui.views.gradcheck import GradCheckPanel
    from gdlab.ui.views.lanes import COLUMNS, RaceView, status_text
    from gdlab.ui.views.stepsview import HEADERS, StepsView

    def headers(table):
        return [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]

    sessions = [Session(), Session()]
    race, steps = RaceView(sessions[0]), StepsView()
    qtbot.addWidget(race)
    qtbot.addWidget(steps)
    assert headers(race.table) == list(COLUMNS) and headers(steps.table) == list(HEADERS)
    assert status_text("converged") == "converged"
    assert install(qapp, "zh_CN")
    try:
        race, steps, check = RaceView(sessions[1]), StepsView(), GradCheckPanel()
        for w in (race, steps, check):
            qtbot.addWidget(w)
        zh = headers(race.table)
        assert zh[COLUMNS.index("optimizer")] == "优化器" and zh[COLUMNS.index("lr")] == "lr"
        assert sum(bool(CJK.search(h)) for h in zh) == len(COLUMNS) - 1  # all but "lr"
        assert headers(steps.table)[:2] == ["步", "参数"] and "θ" in headers(steps.table)
        assert all(CJK.search(h) for h in headers(check.table))
        assert status_text("converged") == "已收敛" and status_text("diverged") == "已发散"
        assert race.addButton.text() == "加入比赛" and check.checkButton.text() == "检验"
    finally:
        install(qapp, "en")
        for session in sessions:
            session.shutdown()


def test_small_change_note_in_chinese(zh):
    import numpy as np

    from gdlab.ui.views.plots import small_change_note

    assert small_change_note(np.array([25.0, 25.0]), 1) == "1 步内损失没有变化"
    assert small_change_note(np.array([25.0, 24.99, 24.98]), 2) == "2 步内损失下降了 0.08%"


def test_a_chinese_title_wraps_between_characters(qapp):
    """Chinese has no spaces: a long title still breaks into lines that fit the plot."""
    from gdlab.ui.views.dataview import wrap_chunks

    font = QFont(qapp.font())
    font.setPointSizeF(10)
    fm = QFontMetrics(font)
    text = "没有数据：二维测试函数只有它的两个参数，所以这里没有可以画出的训练数据"
    width = fm.horizontalAdvance(text) / 3
    lines = wrap_chunks([(text, text)], width, fm)
    assert len(lines) >= 3 and "".join(lines) == text
    assert all(fm.horizontalAdvance(line) <= width for line in lines)
    english = "the weights are not finite (diverged) and the fit cannot be drawn"
    lines = wrap_chunks([(english, english)], fm.horizontalAdvance(english) / 2, fm)
    assert len(lines) >= 2 and " ".join(lines) == english  # words still break at spaces


def test_sentences_follow_each_other_as_each_language_writes_them():
    from gdlab.ui.views.map_page import sentences

    assert sentences(["16 rates.", "Best: lr 0.1.", "Click to use a rate."]) == \
        "16 rates. Best: lr 0.1. Click to use a rate."
    assert sentences(["16 个学习率。", "最佳：lr 0.1。", "点击即可采用该学习率。"]) == \
        "16 个学习率。最佳：lr 0.1。点击即可采用该学习率。"


def test_the_hyper_maps_colour_scale_shows_its_values_not_thousandths(qtbot):
    from gdlab.ui.views.hyper_page import HyperPage

    page = HyperPage()
    qtbot.addWidget(page)
    axis = page.colorbar.getAxis("right")
    axis.setLabel("log₁₀ final loss")
    page.colorbar.setLevels((0.35, 0.75))
    assert "x0.001" not in axis.labelString() and "0.001" not in axis.labelString()


@pytest.fixture
def engine_catalogue(qapp, tmp_path):
    """A translator for a few engine texts (context ""), as the catalogue will hold them once
    the engine's texts are marked; removed after the test."""
    from PySide6.QtCore import QTranslator

    from gdlab.ui.catalogue import release

    pairs = {"Step {k} → {k1} · {optimizer}": "第 {k} → {k1} 步 · {optimizer}",
             "first step: the buffer starts as the gradient": "第一步：缓冲区从梯度开始",
             "array": "数组", "A bowl": "碗", "The simplest valley.": "最简单的山谷。"}
    messages = "".join(f"<message><source>{s}</source><translation>{t}</translation></message>"
                       for s, t in pairs.items())
    ts = tmp_path / "engine.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" '
                  f'language="zh_CN"><context><name></name>{messages}</context></TS>',
                  encoding="utf-8")
    release(ts, tmp_path / "engine.qm")
    translator = QTranslator()
    assert translator.load(str(tmp_path / "engine.qm"))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_the_inspector_and_the_map_title_show_engine_texts_in_the_language(engine_catalogue,
                                                                          qtbot):
    from types import SimpleNamespace

    from gdlab.engine.analysis.explain import Explanation, Line
    from gdlab.engine.text import Message, N_
    from gdlab.ui.views.inspector import StepInspector
    from gdlab.ui.views.path_pane import PathPane

    ex = Explanation(0, Message("Step {k} → {k1} · {optimizer}", k="₀", k1="₁", optimizer="SGD"),
                     [Line("v₁", "g₀", "(−6, 8)", "(−6, 8)",
                           N_("first step: the buffer starts as the gradient"))],
                     [], None, head=(N_("array"), "shape"), table=[("W1", "2×3", "1", "2", "3")])
    inspector = StepInspector()
    qtbot.addWidget(inspector)
    inspector.show_explanation(ex)
    shown = inspector.text.toPlainText()
    assert "第 ₀ → ₁ 步 · SGD" in shown and "第一步：缓冲区从梯度开始" in shown and "数组" in shown
    copied = inspector.plain_text()
    assert copied.startswith("第 ₀ → ₁ 步 · SGD") and "(第一步：缓冲区从梯度开始)" in copied
    assert "v₁ = g₀ = (−6, 8) = (−6, 8)" in copied  # the equations as they are
    pane = PathPane()
    qtbot.addWidget(pane)
    pane.show_problem(SimpleNamespace(title=N_("A bowl"), formula="f(x, y) = x² + y²",
                                      note=N_("The simplest valley.")))
    assert (pane.titleLabel.text(), pane.noteLabel.text()) == ("碗", "最简单的山谷。")
    assert pane.formulaLabel.text() == "f(x, y) = x² + y²"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_stability_warning_is_shown_whole(language, qapp, window, qtbot):
    """The warning under the learning rate wraps to several lines in the narrow panel (four
    with a CJK font, three where Chinese falls back to boxes): its row is as tall as the
    wrapped text, in either language."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget

    from test_ui import setup_run

    assert install(qapp, language)
    try:
        w = window
        dock = w.findChild(QDockWidget, "settingsDock")
        w.resizeDocks([dock], [240], Qt.Orientation.Horizontal)  # a narrow panel
        setup_run(w, qtbot, "rosenbrock", "sgd", lr=0.01, steps=5, start=(-1.5, 2.0))
        w.curvature.action.setChecked(True)
        label = w.curvature.limitLabel
        qtbot.waitUntil(lambda: label.isVisible() and label.text().startswith("⚠"), timeout=5000)
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()),
                        timeout=3000)
        assert label.heightForWidth(label.width()) >= 3 * label.fontMetrics().height()
    finally:
        install(qapp, "en")


def test_the_speed_tooltip_quotes_the_fastest_speed_as_the_list_shows_it(zh, qtbot):
    """A tooltip that quotes a choice quotes the words the list shows ("最快", not "max")."""
    from gdlab.ui.window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    combo = w.panel.speedCombo
    fastest = combo.itemText(combo.findData(0))
    assert f"“{fastest}”" in combo.toolTip() and "max" not in combo.toolTip()
    assert "、".join(combo.itemText(i) for i in range(combo.count())) in combo.toolTip()
    w.shutdown()
