"""Every control of the main window says what it does; the Help menu's pages."""

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox,  # noqa: E402
                               QComboBox, QLineEdit, QScrollBar, QTabBar, QToolButton, QWidget)

from PySide6.QtGui import QAction  # noqa: E402

from gdlab.ui import help_texts as texts  # noqa: E402
from gdlab.ui.help_binding import has_own_tip, menu_actions, shortcut_text  # noqa: E402
from ui_helpers import choose  # noqa: E402

INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QComboBox, QAbstractSlider, QLineEdit)
#: parts of a compound widget: Qt shows the tooltip of the widget they belong to
INNER_PARTS = (QAbstractSpinBox, QComboBox)


def without_tooltip(w) -> list[str]:
    """The visible interactive widgets and the menu/toolbar actions of window ``w`` that have
    no tooltip of their own, named for the failure message."""
    offenders = []
    for c in w.findChildren(QWidget):
        if not isinstance(c, INTERACTIVE) or isinstance(c, QScrollBar) or not c.isVisibleTo(w):
            continue
        if isinstance(c.parent(), INNER_PARTS + (QTabBar,)) or c.objectName().startswith("qt_"):
            continue  # a spin box's line edit, Qt's own dock and tab-bar buttons
        if isinstance(c, QToolButton) and c.defaultAction() is not None:
            if has_own_tip(c.defaultAction()):
                continue
        if not c.toolTip().strip():
            offenders.append(f"{type(c).__name__} {c.objectName() or repr(getattr(c, 'text', str)())}"
                             f" in {type(c.parent()).__name__}")
    for a in menu_actions(w):
        if not has_own_tip(a):
            offenders.append(f"action {a.text()!r}")
    return offenders


def test_every_control_has_a_tooltip_for_a_run_a_race_a_model_and_a_formula(window, qtbot):
    w = window
    assert not (bare := without_tooltip(w)), f"single run: {bare}"
    w.raceView.addButton.click()
    qtbot.waitUntil(lambda: len(w.session.lanes) == 2, timeout=5000)
    assert not (bare := without_tooltip(w)), f"race: {bare}"
    choose(w.panel.problemCombo, "mlp")
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "mlp", timeout=5000)
    assert not (bare := without_tooltip(w)), f"model: {bare}"
    choose(w.panel.problemCombo, "formula")
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "formula", timeout=5000)
    assert not (bare := without_tooltip(w)), f"formula: {bare}"
    w.maps.action.trigger()  # the Maps area too, once shown
    qtbot.waitUntil(lambda: w.maps.dock.isVisible(), timeout=5000)
    for page in range(w.maps.view.count()):
        w.maps.view.setCurrentIndex(page)
        assert not (bare := without_tooltip(w)), f"maps page {page}: {bare}"


def test_the_walk_names_a_control_without_a_tooltip(window):
    window.panel.speedCombo.setToolTip("")
    window.controls.viewMenu.addAction(QAction("Mystery…", window))
    offenders = without_tooltip(window)
    assert any("speedCombo" in o for o in offenders)
    assert "action 'Mystery…'" in offenders


def test_an_action_tip_carries_its_own_shortcut_and_follows_it(window):
    run = window.controls.runAction
    assert shortcut_text(run) and shortcut_text(run) in run.toolTip()
    run.setShortcut("Ctrl+Shift+9")
    assert shortcut_text(run) in run.toolTip()
    quit_tip = window.controls.quitAction.toolTip()
    assert "()" not in quit_tip  # a platform with no Quit key: no empty brackets
    for a in menu_actions(window):
        if shortcut_text(a):
            assert shortcut_text(a) in a.toolTip(), a.text()


def test_quick_start_lists_the_actions_shortcuts_and_the_mouse(window):
    page = window.help.quick_start_html()
    for a in (window.controls.runAction, window.controls.stepAction,
              window.controls.resetAction, window.maps.action):
        assert f"<b>{shortcut_text(a)}</b>" in page
    for words in ("Click on the map", "Wheel", "Drag"):
        assert words in page
    window.help.quickStartAction.trigger()
    assert window.help.page.isVisible()
    assert "Quick Start" in window.help.page.windowTitle()
    assert "Space" in window.help.page.browser.toPlainText()


def test_what_am_i_looking_at_for_each_view_from_the_menu_and_from_the_view(window, qtbot):
    h = window.help
    assert len(h.whatMenu.actions()) == len(texts.VIEWS)
    for a, (view, body) in zip(h.whatMenu.actions(), texts.VIEWS.values()):
        a.trigger()
        assert view in h.page.windowTitle()
    lanes = window.raceView.table.actions()
    assert [a.text() for a in lanes] == ["&" + texts.WHAT_MENU_ITEM]
    lanes[0].trigger()
    assert texts.VIEWS["lanes"][0] in h.page.windowTitle()
    for key in ("map", "loss"):
        button = window.findChild(QToolButton, f"{key}HelpButton")
        assert button is not None and button.isVisibleTo(window), key
        button.click()
        assert texts.VIEWS[key][0] in h.page.windowTitle()
    side = window.modelViews
    for key, index in side.viewIndex.items():
        assert key in texts.VIEWS, f"side tab {key!r} has no help page"
        side.setCurrentIndex(index)
        side.cornerWidget().click()
        assert texts.VIEWS[key][0] in h.page.windowTitle()
    window.maps.action.trigger()
    qtbot.waitUntil(lambda: window.maps.dock.isVisible(), timeout=5000)
    window.maps.view.cornerWidget().click()
    assert "Maps" in h.page.windowTitle()


def test_step_is_written_with_its_arrow_as_the_help_pages_write_it(window):
    """The pages say "Step (→)": the tooltip and the quick start say → too, not "Right"."""
    step = window.controls.stepAction
    assert shortcut_text(step) == "→" and "(shortcut: →)" in step.toolTip()
    assert "<b>→</b>" in window.help.quick_start_html()
