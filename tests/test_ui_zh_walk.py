"""The zh_CN walk: the window built in Chinese, driven through the states a learner meets,
every text of every widget read, and no English word left but formulas and proper names."""

import re
from collections import defaultdict

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox,
                               QDockWidget, QGroupBox, QLabel, QLineEdit, QMenu, QMenuBar,
                               QPlainTextEdit,
                               QTabBar, QTabWidget, QTextEdit, QWidget)

from gdlab.engine.files.lesson_file import lesson_files
from gdlab.engine.optim.optimizers import OPTIMIZERS
from gdlab.engine.problems.registry import FORMULA
from gdlab.ui.animation_job import AnimationDialog
from gdlab.ui.help_texts import VIEWS
from gdlab.ui.i18n import install
from gdlab.ui.pictures_binding import ImageDialog
from gdlab.ui.window import MainWindow
from ui_helpers import choose, opened_window, redraw_now

WORD = re.compile(r"[A-Za-z][A-Za-z_]*[A-Za-z]")  # a run of ≥ 2 Latin letters
COMMAND = re.compile(r"gdlab [a-z-]+")  # a command a user types ('gdlab run')
#: words a Chinese window keeps: names (of methods, problems, people, formats, the program),
#: symbols and functions of the formulas, identifiers a user types (CLI, torch), key names
ALLOWED = set("""
gdlab lr SGD Adam AdamW AMSGrad Nadam NAdam RMSprop RMSProp Adagrad AdaGrad Adadelta Nesterov
Newton BFGS CG Armijo Wolfe Polyak Fletcher Reeves Rosenbrock Himmelblau Beale Rastrigin
Booth Matyas Ackley ADALINE Adaline MLP XOR ReLU CSV JSON PNG SVG GIF TOML toml px Python
sin cos tan exp log ln sqrt abs tanh sinh cosh arcsin arccos arctan pi sigmoid softmax max min
sign eps inf nan argmin diag float MSE Hessian
OneCycleLR StepLR ExponentialLR CosineAnnealingLR SequentialLR LinearLR LambdaLR torch optim
lr_k lr_scheduler total_steps cycle_momentum False True Ctrl Shift Alt Space Esc Del PgUp PgDown
Meta Home End Left Right Up Down Tab Enter Return Backspace Ins English ASGD Adamax RAdam
Rprop Lion GD PR Goldstein Price McCormick Styblinski Tang clip sy ys ss wd Reddi
""".split()) | set(OPTIMIZERS)


def _plain(text: str) -> str:
    if re.search(r"<[a-zA-Z/!]", text) or "&nbsp;" in text:  # rich text: its words only
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


class Texts:
    """Every text seen, by where it was seen (the widget's name path and what it is)."""

    def __init__(self) -> None:
        self.found: dict[str, set[str]] = defaultdict(set)

    def add(self, where: str, text, group: str = "window") -> None:
        text = _plain(str(text or "")).replace("&&", "&")
        words = [w for w in WORD.findall(COMMAND.sub("", text.replace("&", "")))
                 if w not in ALLOWED]
        if words:
            shown = " ".join(text.split())
            shown = shown if len(shown) <= 160 else shown[:157] + "…"
            self.found[(group, where)].add(f"{shown!r}  [{' '.join(dict.fromkeys(words))}]")

    def report(self) -> str:
        """Grouped by the gdlab class (its module) that shows them: a to-do list."""
        groups: dict[str, list[str]] = defaultdict(list)
        for (group, where), texts in sorted(self.found.items()):
            groups[group] += [f"    {where}: {t}" for t in sorted(texts)]
        return "\n".join(f"[{group}] {len(lines)}\n" + "\n".join(lines)
                         for group, lines in groups.items())


def _name(w) -> str:
    parts = []
    while w is not None and len(parts) < 4:
        parts.append(w.objectName() or type(w).__name__)
        w = w.parentWidget() if isinstance(w, QWidget) else None
    return " › ".join(reversed(parts))


def _group(w) -> str:
    """The gdlab class (module.Class) of ``w`` or of its nearest gdlab ancestor."""
    while w is not None:
        if type(w).__module__.startswith("gdlab."):
            return f"{type(w).__module__.removeprefix('gdlab.ui.')}.{type(w).__name__}"
        w = w.parentWidget()
    return "window"


def _menu(texts: Texts, menu: QMenu, where: str) -> None:
    group = f"menu {where.split(' › ')[0]}"
    texts.add(f"{where} › {menu.title()}", menu.title(), group)
    for a in menu.actions():
        if a.menu() is not None:
            _menu(texts, a.menu(), f"{where} › {menu.title()}")
            continue
        for what in (a.text(), a.toolTip()):
            texts.add(f"{where} › {menu.title()} › {a.text()}", what, group)


def _graphics(texts: Texts, view: pg.GraphicsView, where: str, group: str) -> None:
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem) and item.label.isVisible():
            texts.add(f"{where} › axis", item.labelText, group)
        elif isinstance(item, pg.LabelItem) and item.isVisible():
            texts.add(f"{where} › label", item.text, group)
        elif isinstance(item, pg.TextItem) and item.isVisible():
            texts.add(f"{where} › text", item.textItem.toPlainText(), group)


def _widget(texts: Texts, w: QWidget) -> None:
    where, group = _name(w), _group(w)
    texts.add(f"{where} › tooltip", w.toolTip(), group)
    if isinstance(w, QLabel):
        texts.add(where, w.text(), group)
    elif isinstance(w, QAbstractButton):
        texts.add(where, w.text(), group)
    elif isinstance(w, QGroupBox):
        texts.add(where, w.title(), group)
    elif isinstance(w, QLineEdit):
        texts.add(f"{where} › placeholder", w.placeholderText(), group)
    elif isinstance(w, (QTextEdit, QPlainTextEdit)):
        texts.add(f"{where} › placeholder", w.placeholderText(), group)
        texts.add(where, w.toPlainText(), group)
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            texts.add(f"{where} › item", w.itemText(i), group)
            texts.add(f"{where} › item tooltip", w.itemData(i, Qt.ItemDataRole.ToolTipRole),
                      group)
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            if w.isTabVisible(i):
                texts.add(f"{where} › tab", w.tabText(i), group)
                texts.add(f"{where} › tab tooltip", w.tabToolTip(i), group)
    elif isinstance(w, QDockWidget):
        texts.add(f"{where} › title", w.windowTitle(), group)
    elif isinstance(w, QAbstractItemView) and w.model() is not None:
        m = w.model()
        for orientation, n in ((Qt.Orientation.Horizontal, m.columnCount()),
                               (Qt.Orientation.Vertical, m.rowCount())):
            for i in range(min(n, 50)):
                texts.add(f"{where} › header", m.headerData(i, orientation), group)
        for r in range(min(m.rowCount(), 50)):
            for c in range(m.columnCount()):
                index = m.index(r, c)
                texts.add(f"{where} › cell", m.data(index), group)
                texts.add(f"{where} › cell tooltip", m.data(index, Qt.ItemDataRole.ToolTipRole),
                          group)
    if isinstance(w, pg.GraphicsView):
        _graphics(texts, w, where, group)


def collect(texts: Texts, top: QWidget) -> None:
    """Every visible widget of ``top`` (each tab of its tab widgets in turn)."""
    texts.add(f"{_name(top)} › window title", top.windowTitle(), _group(top))
    for w in [top, *top.findChildren(QWidget)]:
        if w.isVisible():
            _widget(texts, w)
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for i in range(tabs.count()):
            if tabs.isTabVisible(i) and i != current:
                tabs.setCurrentIndex(i)
                for w in [tabs.widget(i), *tabs.widget(i).findChildren(QWidget)]:
                    if w.isVisible():
                        _widget(texts, w)
        tabs.setCurrentIndex(current)


def collect_window(texts: Texts, w: MainWindow) -> None:
    collect(texts, w)
    for a in w.menuBar().actions():
        if a.menu() is not None:
            _menu(texts, a.menu(), "menu bar")
    for menu in w.findChildren(QMenu):  # context and button menus (Presets…)
        if menu.parentWidget() is not None and not isinstance(menu.parentWidget(),
                                                                  (QMenu, QMenuBar, MainWindow)):
            _menu(texts, menu, _name(menu.parentWidget()))
    texts.add("status bar", w.statusBar().currentMessage(), "status bar")


@pytest.fixture
def zh_window(qtbot, qapp):
    """The window as gdlab builds it for a Chinese user: translators installed first."""
    assert install(qapp, "zh_CN")
    with opened_window(qtbot) as w:
        yield w
    install(qapp, "en")


def _run_to_end(qtbot, w: MainWindow, steps: int = 30) -> None:
    w.panel.stepsSpin.setValue(steps)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status in ("finished", "converged", "diverged", "undefined"),
                    timeout=20000)
    redraw_now(w, qtbot)


def test_no_english_is_left_in_the_chinese_window(zh_window, qtbot):
    w, texts = zh_window, Texts()
    collect_window(texts, w)  # idle
    w.step_once()
    qtbot.waitUntil(lambda: w.k >= 1, timeout=5000)
    redraw_now(w, qtbot)
    collect_window(texts, w)  # a step
    _run_to_end(qtbot, w)
    collect_window(texts, w)  # a finished run
    w.panel.lrSpin.setValue(5.0)
    _run_to_end(qtbot, w)
    qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=10000)
    collect_window(texts, w)  # diverged: the banner
    w.panel.lrSpin.setValue(0.1)
    w.race.apply_preset("optimizers")
    _run_to_end(qtbot, w)
    collect_window(texts, w)  # a race of several optimizers
    for model in ("adaline", "mlp"):
        choose(w.panel.problemCombo, model)
        _run_to_end(qtbot, w, 20)
        collect_window(texts, w)  # a model
    choose(w.panel.problemCombo, FORMULA)
    qtbot.waitUntil(lambda: w.formulas.minima is not None, timeout=20000)
    _run_to_end(qtbot, w)
    collect_window(texts, w)  # a formula
    w.maps.dock.show()
    for i in range(w.maps.view.count()):
        w.maps.view.setCurrentIndex(i)
        collect_window(texts, w)  # the maps' pages
    assert w.lessons.open(lesson_files("zh_CN")[1])
    collect_window(texts, w)  # a lesson page
    w.help.show_quick_start()
    collect(texts, w.help.page)
    for key in VIEWS:
        w.help.show_view(key)
        collect(texts, w.help.page)  # the help pages
    for dialog in (AnimationDialog(w, 30), ImageDialog(w.pictures)):
        dialog.show()
        collect(texts, dialog)  # the export dialogs
        dialog.close()
    if texts.found:
        pytest.fail("English left in the zh_CN window:\n" + texts.report(), pytrace=False)
