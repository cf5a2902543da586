"""The window's help: tooltips on every control (an action's carries its own shortcut), the
Help menu's Quick Start and "What am I looking at?" pages, and a "?" beside each view.

The words are in :mod:`gdlab.ui.help_texts` (marked in the context "Help"); this module
translates them and puts them on the widgets.
"""

from __future__ import annotations

import html
import operator

import shiboken6

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractSpinBox, QDialog, QMainWindow, QMenu, QTextBrowser,
                               QToolBar, QToolButton, QVBoxLayout, QWidget, QWidgetAction)

from . import help_texts as texts
from .i18n import translate, with_access_key
from .views.lanes import PRESETS
from .widgets.numbers import format_number
from .widgets.panels import SPEEDS

PAGE_SIZE = (540, 400)  # a "What am I looking at?" page
QUICK_START_SIZE = (600, 700)
CORNER_MARGIN = 4  # px between a view's "?" and its corner
#: each view's access key in the "What am I looking at?" menu
VIEW_ACCESS_KEYS = {"map": "M", "loss": "L", "lanes": "A", "timeline": "T", "inspector": "I",
                    "steps": "S", "data": "D", "graph": "G", "check": "C", "tree": "F", "maps": "P"}
WHAT_KEY = "gdlabWhat"  # an action's tip without its shortcut (a dynamic property)


def _t(text: str) -> str:
    """A text of :mod:`help_texts` in the window's language."""
    return translate("Help", text)


# an arrow key alone, as the help pages write it (Qt writes "Right", or "右方向" in Chinese)
ARROWS = {Qt.Key.Key_Left: "←", Qt.Key.Key_Right: "→", Qt.Key.Key_Up: "↑",
          Qt.Key.Key_Down: "↓"}


def shortcut_text(action: QAction) -> str:
    """``action``'s shortcut as the user's platform writes it ("" when it has none), an arrow
    key alone as its arrow."""
    seq = action.shortcut()
    if (seq.count() == 1 and seq[0].key() in ARROWS
            and seq[0].keyboardModifiers() == Qt.KeyboardModifier.NoModifier):
        return ARROWS[seq[0].key()]
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


def set_action_tip(action: QAction, what: str) -> None:
    """``what`` as ``action``'s tooltip, with its shortcut read from the action itself (kept
    right if the shortcut changes)."""
    first = action.property(WHAT_KEY) is None
    action.setProperty(WHAT_KEY, what)
    _sync_tip(action)
    if first:
        action.changed.connect(lambda a=action: _sync_tip(a))


def _sync_tip(action: QAction) -> None:
    if not shiboken6.isValid(action):
        return  # an action being deleted says it changed
    what, key = action.property(WHAT_KEY), shortcut_text(action)
    tip = _t(texts.ACTION_WITH_KEY).format(what=what, key=key) if key else what
    if action.toolTip() != tip:
        action.setToolTip(tip)


def has_own_tip(action: QAction) -> bool:
    """Whether ``action`` has a tooltip of its own (Qt's default is its text, "&" and "…"
    removed)."""
    plain = action.text().replace("&", "").replace("…", "").replace("...", "").strip()
    return bool(action.toolTip().strip()) and action.toolTip().strip() != plain


def menu_actions(window: QMainWindow) -> list[QAction]:
    """Every action of the window's menus (submenus included) and toolbars (not a toolbar's
    widget, e.g. the speed's list: the widget has the tooltip)."""
    found: list[QAction] = []

    def visit(actions) -> None:
        for a in actions:
            if a.isSeparator() or a in found or isinstance(a, QWidgetAction):
                continue
            if a.menu() is not None:
                visit(a.menu().actions())
            else:
                found.append(a)

    visit(window.menuBar().actions())
    for bar in window.findChildren(QToolBar):
        visit(bar.actions())
    for button in window.findChildren(QToolButton):  # a tool button's menu (Presets)
        if button.menu() is not None:
            visit(button.menu().actions())
    return found


class _Corner(QObject):
    """Keeps a small widget in its parent's top-right corner as the parent is resized."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            b = self.parent()
            b.move(obj.width() - b.width() - CORNER_MARGIN, CORNER_MARGIN)
        return False


def pin_to_corner(button: QWidget, host: QWidget) -> None:
    """``button`` over ``host``'s top-right corner (outside any layout)."""
    button.setParent(host)
    button.adjustSize()
    host.installEventFilter(_Corner(button))
    button.move(host.width() - button.width() - CORNER_MARGIN, CORNER_MARGIN)
    button.show()


class HelpPage(QDialog):
    """One reusable window for the Quick Start and the "What am I looking at?" pages."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, objectName="helpPage")
        self.browser = QTextBrowser(objectName="helpText", openExternalLinks=False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.browser)
        self.browser.document().setDocumentMargin(14)

    def show_page(self, title: str, body: str, size: tuple[int, int] = PAGE_SIZE) -> None:
        self.setWindowTitle(title)
        self.browser.setHtml(body)
        self.resize(*size)
        self.show()
        self.raise_()


class HelpBinding(QObject):
    """Tooltips for the window's controls and its Help pages; :meth:`show_view` opens a
    view's "What am I looking at?" page (``key`` of :data:`help_texts.VIEWS`)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page = HelpPage(window)
        c = window.controls
        self.quickStartAction = QAction(with_access_key(_t(texts.QUICK_START_TITLE), "Q"), window,
                                        objectName="quickStartAction")
        self.quickStartAction.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.quickStartAction.triggered.connect(self.show_quick_start)
        set_action_tip(self.quickStartAction, _t(texts.QUICK_START_TIP))
        self.aboutAction = c.helpMenu.actions()[0]
        set_action_tip(self.aboutAction, _t(texts.ABOUT_TIP))
        c.helpMenu.insertAction(self.aboutAction, self.quickStartAction)
        self.whatMenu = QMenu(with_access_key(_t(texts.WHAT_MENU_ITEM), "W"), window,
                              objectName="whatMenu")
        self.whatMenu.setToolTipsVisible(True)
        for key, (view, _body) in texts.VIEWS.items():
            view = _t(view)
            a = self.whatMenu.addAction(with_access_key(view[:1].upper() + view[1:],
                                                        VIEW_ACCESS_KEYS[key]))
            a.setToolTip(_t(texts.VIEW_BUTTON_TIP).format(view=view))
            a.triggered.connect(lambda _c=False, k=key: self.show_view(k))
        c.helpMenu.insertMenu(self.aboutAction, self.whatMenu)
        c.helpMenu.insertSeparator(self.aboutAction)
        self._add_view_buttons()
        self.apply_tips()

    # -- tooltips -------------------------------------------------------------------
    def apply_tips(self) -> None:
        """The texts of :mod:`help_texts` on the widgets and actions that have none, and the
        shortcut, from the action itself, on every menu and toolbar action's tip."""
        w = self.window
        comma = translate("Help", ", ", "between the items of a list")
        values = {"speeds": comma.join(translate("Panel", label) for _v, label in SPEEDS),
                  "key": shortcut_text(w.controls.resetViewAction)}
        for name, text in texts.WIDGET_TIPS.items():
            for widget in w.findChildren(QWidget, name):
                if not widget.toolTip():
                    limits = ({"low": format_number(widget.minimum()),
                               "high": format_number(widget.maximum())}
                              if isinstance(widget, QAbstractSpinBox) else {})
                    widget.setToolTip(_t(text).format(**values, **limits))
        for path, text in texts.ACTION_TIPS.items():
            try:
                action = operator.attrgetter(path)(w)
            except AttributeError:
                continue  # a part that is not in this window
            set_action_tip(action, _t(text))
        presets = w.raceView.presetButton.menu().actions()
        for (key, _text), action in zip(PRESETS, presets):
            if not has_own_tip(action):
                action.setToolTip(_t(texts.PRESET_TIPS[key]))
        for action in menu_actions(w):
            if action.property(WHAT_KEY) is None and has_own_tip(action):
                set_action_tip(action, action.toolTip())

    # -- pages ----------------------------------------------------------------------
    def quick_start_html(self) -> str:
        """The Quick Start page, its keys table made from the actions' shortcuts."""
        rows = []
        for action in menu_actions(self.window):
            key = shortcut_text(action)
            if key and action.property(WHAT_KEY):
                rows.append(_t(texts.KEY_ROW).format(key=html.escape(key),
                                                 what=html.escape(action.property(WHAT_KEY))))
        table = f'<table cellpadding="3">{"".join(rows)}</table>'
        return _t(texts.QUICK_START).format(keys=table)

    def show_quick_start(self) -> None:
        self.page.show_page(_t(texts.QUICK_START_TITLE), self.quick_start_html(), QUICK_START_SIZE)

    def show_view(self, key: str) -> None:
        view, body = texts.VIEWS[key]
        self.page.show_page(_t(texts.WHAT_TITLE).format(view=_t(view)), _t(body))

    def show_side_tab(self) -> None:
        """The page of the side tab in front."""
        views = self.window.modelViews
        keys = {i: k for k, i in views.viewIndex.items()}
        self.show_view(keys.get(views.currentIndex(), "steps"))

    def _add_view_buttons(self) -> None:
        w = self.window

        def button(key: str, slot=None, tip: str | None = None) -> QToolButton:
            b = QToolButton(objectName=f"{key}HelpButton", text="?", autoRaise=True)
            b.setToolTip(tip or _t(texts.VIEW_BUTTON_TIP).format(view=_t(texts.VIEWS[key][0])))
            b.clicked.connect(slot or (lambda: self.show_view(key)))
            return b

        # on the plots' top-right corners, out of the layouts: a button in a row of the
        # window would raise the window's minimum width (and the lanes' row sets it: the
        # lanes' page is on the table's right-click menu instead)
        for key, plot in (("map", w.pathPlot), ("loss", w.lossPlot)):
            pin_to_corner(button(key), plot)
        table = w.raceView.table
        what = QAction(with_access_key(_t(texts.WHAT_MENU_ITEM), "W"), table,
                       objectName="lanesHelpAction")
        what.triggered.connect(lambda: self.show_view("lanes"))
        table.addAction(what)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        w.modelViews.setCornerWidget(button("steps", self.show_side_tab,
                                            _t(texts.SIDE_TAB_BUTTON_TIP)),
                                     Qt.Corner.TopRightCorner)
        maps_button = button("maps")

        def on_maps_shown(shown: bool) -> None:  # the Maps view is built when first shown
            if shown and w.maps.view.cornerWidget() is None:
                self.apply_tips()
                w.maps.view.setCornerWidget(maps_button, Qt.Corner.TopRightCorner)
                maps_button.show()

        w.maps.dock.visibilityChanged.connect(on_maps_shown)

