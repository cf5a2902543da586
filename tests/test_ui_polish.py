"""What a learner or a teacher sees, in English and in Chinese: an internal error said by the
worker's signal (not found in a message's words), one display name per optimizer, translated
graph nodes, access keys, readable scale factors and layouts that fit a small screen."""

import threading

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtWidgets import QMessageBox, QToolButton  # noqa: E402

from gdlab.ui.i18n import install  # noqa: E402
from ui_helpers import choose, opened_window  # noqa: E402

LANGUAGES = ["en", "zh_CN"]


@pytest.fixture(params=LANGUAGES)
def language(request, qapp):
    """The application in each language for one test (English again afterwards)."""
    assert install(qapp, request.param)
    yield request.param
    install(qapp, "en")


@pytest.fixture
def built(language, qtbot):
    """A window built in ``language``, shown, its first run ready; stopped afterwards."""
    with opened_window(qtbot) as w:
        yield w


# -- item 6: an internal error is said by a signal, not by the words of a message ------------
def test_a_message_that_mentions_an_internal_error_is_only_a_message(built, qtbot, monkeypatch):
    w = built
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    w.toggle_run()
    assert w.session.want_run
    w.session.failed.emit("the CSV says: internal error in the run")
    assert not said  # no dialog: a user's message is not a crash
    assert w.session.want_run  # and the run was not marked stopped
    assert "internal error in the run" in w.statusBar().currentMessage()


def test_an_engine_bug_in_the_run_stops_it_and_says_so_in_the_windows_language(
        built, qtbot, monkeypatch, language):
    from gdlab.engine.run.single import Run
    w = built
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    choose(w.panel.problemCombo, "mlp")
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "mlp" and w.status == "ready",
                    timeout=5000)
    evaluate = Run._evaluate

    def broken(self, p):  # an engine bug, in the run thread only
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("a bug")
        return evaluate(self, p)

    monkeypatch.setattr(Run, "_evaluate", broken)
    w.toggle_run()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert "RuntimeError: a bug" in said[0]  # the traceback's last line, for a bug report
    heading = said[0].splitlines()[0]
    assert heading == ("运行中出现内部错误（gdlab 的缺陷），运行已停止：" if language == "zh_CN"
                       else "Internal error in the run (a bug in gdlab); the run stopped:")
    assert not w.session.want_run and w.status != "running"


def test_a_surface_job_says_a_bug_in_a_dialog_and_a_bad_input_in_the_status_bar(
        built, monkeypatch):
    w = built
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    w.surfaces._on_failed_job(ValueError("internal error in the run"))  # words, not a bug
    assert not said and w.statusBar().currentMessage() == "internal error in the run"
    w.surfaces._on_failed_job(ZeroDivisionError("x"))
    assert len(said) == 1 and said[0].endswith("ZeroDivisionError('x')")


# -- item 2: one display name per optimizer, as the optimizer list shows it -------------------
def _shown_names(w) -> dict[str, str]:
    """optimizer id -> the name the panel's optimizer list shows."""
    combo = w.panel.optimizerCombo
    return {combo.itemData(i): combo.itemText(i).strip() for i in range(combo.count())
            if combo.itemData(i)}


def test_the_race_says_each_optimizer_by_the_name_the_optimizer_list_shows(built, qtbot):
    import re
    from PySide6.QtGui import QTextDocument
    from gdlab.ui.views.lanes import COLUMNS
    w = built
    names = _shown_names(w)
    choose(w.panel.problemCombo, "rosenbrock")
    w.race.apply_preset("optimizers")
    qtbot.waitUntil(lambda: len(w.session.lanes) == 12, timeout=5000)
    ids = [lane.settings.optimizer for lane in w.session.lanes]
    assert {"sgd", "lbfgs"} <= set(ids) and names["lbfgs"] == "L-BFGS"
    column = COLUMNS.index("optimizer")
    table = w.raceView.table
    assert [table.item(r, column).text() for r in range(table.rowCount())] \
        == [names[i] for i in ids]
    doc = QTextDocument()

    def legend() -> str:
        doc.setHtml(w.pathPane.legend.text())
        return doc.toPlainText()

    qtbot.waitUntil(lambda: "12 " in legend(), timeout=5000)
    legend = legend()
    for number, i in enumerate(ids, start=1):
        assert re.search(rf"\b{number} {re.escape(names[i])}( |$)", legend), (i, legend)
    assert not re.search(r"\b(sgd|lbfgs|momentum) ", legend)
    w.panel.stepsSpin.setValue(5)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.raceView.leaderboard.isVisible(), timeout=20000)
    doc.setHtml(w.raceView.leaderboard.text())
    board = doc.toPlainText()
    assert re.search(r"[(（](" + "|".join(map(re.escape, names.values())) + r")[,，]", board), board
    assert not re.search(r"[(（](sgd|lbfgs|adam|lion|nesterov)[,，]", board), board


# -- item 3: the ADALINE graph's words in the window's language ---------------------------------
def test_the_adaline_graph_names_its_word_nodes_in_the_windows_language(built, qtbot, language):
    w = built
    choose(w.panel.problemCombo, "adaline")
    mv = w.modelViews
    mv.setCurrentIndex(mv.graphIndex)
    graph = mv.graphView
    qtbot.waitUntil(lambda: graph.problem is not None, timeout=5000)
    label, loss = ("标签", "损失") if language == "zh_CN" else ("label", "loss")
    assert graph.nodes["label"].title.text() == label
    assert graph.nodes["loss"].title.text() == loss
    assert graph.nodes["sub"].desc.text() == f"u = {label} − ŷ"
    assert graph.formula.text() == f"L = |{label} − (w·x + b)|"
    assert f"{label} = " in graph.caption.text()
    assert graph.nodes["mul"].title.text() == "mul"  # an operation's name stays (∂L/∂mul)
    if language == "zh_CN":
        assert "label" not in "".join(n.text() for n in graph.nodes.values()) + \
            graph.formula.text() + graph.caption.text()


# -- item 4: every menu and menu entry has an access key, the same in both languages -----------
def _access_keys(qapp, qtbot, language, tmp) -> tuple[dict[str, str], list[str]]:
    """{path of a menu or entry: its access key} and the toolbar's texts, in ``language``."""
    import re
    from gdlab.ui import MainWindow
    install(qapp, language)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    keys: dict[str, str] = {}

    def key(text: str) -> str:
        found = re.findall(r"&([^&])", text.replace("&&", ""))
        assert len(found) == 1, f"{language}: {text!r} has {len(found)} access keys"
        assert found[0].isascii() and found[0].isalnum(), f"{language}: {text!r}"
        return found[0].upper()

    def walk(actions, where: str) -> None:
        seen: dict[str, str] = {}
        for i, a in enumerate(actions):
            if a.isSeparator() or not a.isVisible() or (not a.isEnabled() and a.menu() is None
                                                         and a.text().startswith("(")):
                continue  # "(none yet)": nothing to choose
            k = key(a.text())
            assert k not in seen, f"{language}: {a.text()!r} and {seen[k]!r} share &{k}"
            seen[k] = a.text()
            path = f"{where}/{i}"
            keys[path] = k
            if a.menu() is not None:
                w.files._fill_recent() if a.menu() is w.files.recentMenu else None
                walk(a.menu().actions(), path)

    try:
        w.files._remember(tmp / "a & b.gdlab")  # a recent file (an & in its name stays text)
        walk(w.menuBar().actions(), "")
        walk(w.raceView.table.actions(), "lanes")
        bar = w.controls.toolbar
        toolbar = [bar.widgetForAction(a).text() for a in bar.actions()
                   if isinstance(bar.widgetForAction(a), QToolButton)]  # not the speed's combo
    finally:
        w.shutdown()
        install(qapp, "en")
    return keys, toolbar


def test_every_menu_and_entry_has_its_own_access_key_in_both_languages(qapp, qtbot, tmp_path):
    en, en_bar = _access_keys(qapp, qtbot, "en", tmp_path)
    zh, zh_bar = _access_keys(qapp, qtbot, "zh_CN", tmp_path)
    assert en == zh  # the same keys in both languages
    assert len(en) > 50
    assert en_bar[:4] == ["Run", "Step", "Reset", "Export CSV…"]
    assert zh_bar[:4] == ["运行", "单步", "重置", "导出 CSV…"]  # no "(R)" left on the buttons
    assert not any("&" in t or "(" in t for t in en_bar + zh_bar)


# -- item 5: a scale factor written as a teacher reads it --------------------------------------
def test_a_scale_factor_is_written_in_digits_or_as_a_power_of_ten():
    from gdlab.ui.widgets.numbers import format_factor
    assert [format_factor(f) for f in (2, 5000, 50_000, 1e5, 2e7, 5e11, 1e12, 123456789, 3.4)] \
        == ["2", "5,000", "50,000", "10⁵", "2·10⁷", "5·10¹¹", "10¹²", "1.2·10⁸", "3"]


def test_the_gradient_arrows_magnification_never_reads_like_2e_plus_07(built, qtbot, language):
    from PySide6.QtGui import QTextDocument
    w = built
    choose(w.panel.problemCombo, "bowl")
    w.panel.lrSpin.setValue(1e-8)  # the seeds' lesson: a step far too short to see
    marks = w.inspection.marks
    doc = QTextDocument()

    def key() -> str:
        doc.setHtml(marks.key.toHtml())
        return doc.toPlainText()

    drawn = "（放大 ×" if language == "zh_CN" else "(drawn ×"
    qtbot.waitUntil(lambda: w.run_settings.get("hyper", {}).get("lr") == 1e-8
                    and drawn in key(), timeout=5000)
    factor = key().split(drawn)[1]
    assert factor.startswith(("10⁷", "2·10⁷", "5·10⁷", "10⁸")), factor  # not 1e+07


# -- item 1: the side tabs and the Data tab fit a small laptop or a projector ---------------------
@pytest.mark.parametrize("size", [(1024, 700), (1280, 720)])
def test_adalines_side_tabs_and_data_fit_a_small_window(built, qtbot, size):
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QScrollArea
    w = built
    w.resize(*size)
    choose(w.panel.problemCombo, "adaline")
    mv = w.modelViews
    mv.setCurrentIndex(mv.dataIndex)
    qtbot.waitUntil(lambda: w.width() == size[0] and mv.dataView.isVisible(), timeout=5000)
    qtbot.wait(200)
    side = w.findChild(QScrollArea, "sideScroll")
    assert not side.horizontalScrollBar().isVisible()  # nothing out of sight sideways
    assert not side.verticalScrollBar().isVisible()  # the Data tab's plot whole
    bar = mv.tabBar()
    shown = [i for i in range(mv.count()) if mv.isTabVisible(i)]
    assert len(shown) == 5
    for i in shown:  # each label whole: neither elided nor scrolled away
        assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), mv.tabText(i)
        assert bar.rect().contains(bar.tabRect(i)), mv.tabText(i)
    corner = mv.cornerWidget()
    assert not QRect(corner.mapTo(mv, corner.rect().topLeft()), corner.size()).intersects(
        QRect(bar.mapTo(mv, bar.tabRect(shown[-1]).topLeft()), bar.tabRect(shown[-1]).size()))
    viewport = side.viewport()
    data = mv.dataView
    assert viewport.rect().contains(QRect(data.mapTo(viewport, data.rect().topLeft()),
                                          data.size()))
    assert data.height() >= data.minimumHeight() and w.pathPane.width() >= 360  # the map too


# -- item 7: presentation mode on an 800 × 600 projector --------------------------------------
@pytest.mark.parametrize("race", [False, True])
def test_presentation_fits_an_800_by_600_projector(built, qtbot, race):
    from PySide6.QtWidgets import QDockWidget
    from gdlab.ui.presentation import PRESENT_SETTINGS_MIN_WIDTH
    w = built
    assert w.screen().geometry().width() < PRESENT_SETTINGS_MIN_WIDTH  # offscreen: 800 px
    choose(w.panel.problemCombo, "rosenbrock")
    if race:
        w.race.apply_preset("optimizers")
        qtbot.waitUntil(lambda: len(w.session.lanes) == 12, timeout=5000)
        w.panel.stepsSpin.setValue(20)
        w.toggle_run()  # long status line: θ with many digits
        qtbot.waitUntil(lambda: w.status == "finished", timeout=20000)
    dock = w.findChild(QDockWidget, "settingsDock")
    w.presentation.set_presenting(True)
    w.resize(800, 600)
    qtbot.wait(300)
    try:
        assert w.minimumSizeHint().width() <= 800  # was 860 (the status line, the settings)
        assert w.width() == 800
        assert not dock.isVisible() and w.presentation.settingsAction.isEnabled()
        plot = w.pathPlot
        assert plot.width() >= 380 and plot.height() >= (120 if race else 220)
        assert w.lossPlot.height() >= 150  # the loss curve the class watches has room
        w.presentation.settingsAction.trigger()  # View ▸ Settings brings them back
        qtbot.waitUntil(dock.isVisible, timeout=2000)
        w.presentation.settingsAction.trigger()
        qtbot.waitUntil(lambda: not dock.isVisible(), timeout=2000)
    finally:
        w.presentation.set_presenting(False)
    qtbot.waitUntil(dock.isVisible, timeout=2000)  # as it was before presenting


def test_sgds_tiny_step_is_one_arrow_not_two(built, qtbot):
    """At lr 1e-8 θ's rounding is ~1e-8 of the step: SGD's step taken is its −lr·g."""
    w = built
    choose(w.panel.problemCombo, "bowl")
    w.panel.lrSpin.setValue(1e-8)
    marks = w.inspection.marks
    qtbot.waitUntil(lambda: w.run_settings.get("hyper", {}).get("lr") == 1e-8
                    and marks._vectors[0] is not None
                    and abs(marks._vectors[0][2] - 6e-8) < 1e-12, timeout=5000)
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 1, timeout=5000)
    w.timeline.choose(0)
    qtbot.wait(100)
    assert marks._vectors[0] is not None and marks._vectors[1] is None


@pytest.mark.parametrize("size", [(1320, 860), (1024, 700), (800, 600)])
def test_every_settings_row_shows_its_label_whole(built, qtbot, size):
    """A narrow panel (it scrolls at 1024 × 700) gave "Problem" no width at all: the list
    beside it asked for more than was left."""
    from PySide6.QtWidgets import QFormLayout

    w = built
    w.resize(*size)
    qtbot.waitUntil(lambda: w.width() == size[0], timeout=2000)
    for problem in ("rosenbrock", "mlp", "adaline"):
        choose(w.panel.problemCombo, problem)
        qtbot.wait(50)
        for form in w.panel.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if label is not None and label.isVisibleTo(w.panel):
                    assert label.width() >= label.minimumSizeHint().width(), \
                        (problem, label.text(), label.width())


def test_every_problems_settings_fit_the_panel_at_the_windows_size(built, qtbot):
    """At 1320 × 860 no problem's settings scroll (a network's with Adam ran 121 px past
    the panel, Tolerance, Noise and Speed out of sight); the speed is on the toolbar."""
    from PySide6.QtWidgets import QScrollArea

    from gdlab.engine.problems.registry import MODELS

    w = built
    w.resize(1320, 860)
    qtbot.waitUntil(lambda: w.width() == 1320, timeout=2000)
    scroll = next(a for a in w.findChildren(QScrollArea) if a.widget() is w.panel)
    for problem in ("rosenbrock", *MODELS):
        choose(w.panel.problemCombo, problem)
        qtbot.wait(50)
        assert scroll.verticalScrollBar().maximum() == 0, problem
    assert w.controls.toolbar.isAncestorOf(w.panel.speedCombo)
    assert w.panel.speedCombo.isVisible()


def test_every_gradient_choice_shows_whole_in_the_settings_column(window):
    """At the window's size each gradient method's label fits its box (the long ones were
    clipped: "autodiff (computation gr"); the open list says what each one is."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox
    combo = window.panel.gradientCombo
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = combo.fontMetrics()
    for i in range(combo.count()):
        assert metrics.horizontalAdvance(combo.itemText(i)) <= field.width(), combo.itemText(i)
    details = [combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())]
    assert details[1:] == ["numerical (central difference)", "autodiff (computation graph)"]
