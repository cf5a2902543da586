"""Guided lessons: the Lessons menu and its side panel (``lessonPanel``).

A lesson (:mod:`gdlab.engine.files.lesson_file`) is pages of text, a question to predict
with its answer kept hidden until asked, a button that sets the app's state and what to
look for. The button goes through the recipe's settings (already resolved when the file was
read), the panel's :meth:`~gdlab.ui.widgets.panels.ParamsPanel.show_recipe` and the
session's commands, and can be undone (Edit ▸ Undo). The lessons' language is the
window's (``QLocale()``, which :func:`gdlab.ui.i18n.install` sets).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QFrame, QGroupBox, QHBoxLayout, QLabel,
                               QMainWindow, QMenu, QMessageBox, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from ..engine.files.lesson_file import (Action, Lesson, LessonError,
                                        lesson_files, read_lesson, read_title)
from .help_binding import set_action_tip
from .i18n import error_text, translate, window_language, with_access_key

UNDO_LABEL = QT_TRANSLATE_NOOP("Undo", "Lesson")
MAPS_PAGES = {"lr": 0, "basins": 1, "hyper": 2}  # MapsView's tabs


class LessonPanel(QWidget):
    """One lesson, page by page. ``applyRequested(Action)``: the page's button."""

    applyRequested = Signal(object)

    def __init__(self) -> None:
        super().__init__(objectName="lessonPanel")
        self.lesson: Lesson | None = None
        self.index = 0

        def label(name: str, **kw) -> QLabel:
            lab = QLabel(objectName=name, wordWrap=True, **kw)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return lab

        self.lessonTitle = label("lessonTitle")
        self.lessonTitle.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.pageTitle = label("lessonPageTitle")
        self.pageTitle.setStyleSheet("font-size: 14px; font-weight: bold; color: #1f4e79;")
        self.pageText = label("lessonText", textFormat=Qt.TextFormat.MarkdownText)
        self.questionLabel = label("lessonQuestion")
        self.answerLabel = label("lessonAnswer")
        self.answerLabel.setStyleSheet("color: #1d6b2f;")
        self.answerButton = QPushButton(translate("Lessons", "Show the answer"),
                                        objectName="lessonAnswerButton")
        self.answerButton.clicked.connect(self.toggle_answer)
        self.questionBox = QGroupBox(translate("Lessons", "Predict"),
                                     objectName="lessonQuestionBox")
        q = QVBoxLayout(self.questionBox)
        for w in (self.questionLabel, self.answerButton, self.answerLabel):
            q.addWidget(w)
        self.applyButton = QPushButton(translate("Lessons", "Set this up"),
                                       objectName="lessonApply")
        self.applyButton.setStyleSheet("font-weight: bold; padding: 5px;")
        self.applyButton.clicked.connect(self._apply)
        self.lookBox = QGroupBox(translate("Lessons", "What to look for"),
                                 objectName="lessonLookBox")
        self.lookLabel = label("lessonLook")
        QVBoxLayout(self.lookBox).addWidget(self.lookLabel)

        body = QWidget()
        v = QVBoxLayout(body)
        for w in (self.lessonTitle, self.pageTitle, self.pageText, self.questionBox,
                  self.applyButton, self.lookBox):
            v.addWidget(w)
        v.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.prevButton = QPushButton(translate("Lessons", "◀ Back"), objectName="lessonPrev")
        self.nextButton = QPushButton(translate("Lessons", "Next ▶"), objectName="lessonNext")
        self.prevButton.clicked.connect(lambda: self.show_page(self.index - 1))
        self.nextButton.clicked.connect(lambda: self.show_page(self.index + 1))
        self.pageLabel = QLabel(objectName="lessonPageNumber",
                                alignment=Qt.AlignmentFlag.AlignCenter)
        nav = QHBoxLayout()
        nav.addWidget(self.prevButton)
        nav.addWidget(self.pageLabel, 1)
        nav.addWidget(self.nextButton)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(scroll, 1)
        outer.addLayout(nav)

    def set_lesson(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.lessonTitle.setText(lesson.title)
        self.show_page(0)

    def show_page(self, i: int) -> None:
        """Page ``i`` (clamped), its answer hidden."""
        if self.lesson is None:
            return
        n = len(self.lesson.pages)
        self.index = i = min(max(i, 0), n - 1)
        page = self.lesson.pages[i]
        self.pageTitle.setText(page.title)
        self.pageText.setText(page.text)
        self.questionBox.setVisible(bool(page.question))
        self.questionLabel.setText(page.question)
        self.answerLabel.setText(page.answer)
        self.answerLabel.hide()
        self.answerButton.setText(translate("Lessons", "Show the answer"))
        self.applyButton.setVisible(page.action is not None)
        self.lookBox.setVisible(bool(page.look_for))
        self.lookLabel.setText(page.look_for)
        self.pageLabel.setText(translate("Lessons", "page {i} of {n}").format(i=i + 1, n=n))
        self.prevButton.setEnabled(i > 0)
        self.nextButton.setEnabled(i < n - 1)

    @Slot()
    def toggle_answer(self) -> None:
        shown = not self.answerLabel.isVisible()
        self.answerLabel.setVisible(shown)
        self.answerButton.setText((translate("Lessons", "Hide the answer") if shown else
                                   translate("Lessons", "Show the answer")))

    @Slot()
    def _apply(self) -> None:
        page = self.lesson.pages[self.index] if self.lesson is not None else None
        if page is not None and page.action is not None:
            self.applyRequested.emit(page.action)


class Lessons(QObject):
    """The Lessons menu (one entry per lesson of the locale's language, and Open Lesson
    File…) and the dock with the :class:`LessonPanel`; :meth:`apply` sets a page's state."""

    def __init__(self, window: QMainWindow, language: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.language = language or window_language()
        self.panel = LessonPanel()
        self.panel.applyRequested.connect(self.apply)
        self.dock = QDockWidget(translate("Lessons", "Lessons"), window, objectName="lessonsDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self.last_message = ""  # the last warning shown (tests read it)
        bar = window.menuBar()
        self.menu = QMenu(translate("Lessons", "Le&ssons"), window, objectName="lessonsMenu")
        bar.insertMenu(bar.actions()[-1], self.menu)  # before Help
        self.menu.aboutToShow.connect(self.fill_menu)
        self.fill_menu()

    @Slot()
    def fill_menu(self) -> None:
        """One entry per lesson file (a malformed one says so when chosen)."""
        self.menu.clear()
        files = lesson_files(self.language)
        for i, path in enumerate(files, start=1):
            title = read_title(path).replace("&", "&&")
            action = self.menu.addAction(with_access_key(title, str(i)) if i < 10 else title,
                                         lambda p=path: self.open(p))
            set_action_tip(action, translate("Lessons", "Open this lesson in the Lessons panel: "
                                                        "read, predict, then set it up"))
        if not files:
            self.menu.addAction(translate("Lessons", "(no lessons found)")).setEnabled(False)
        self.menu.addSeparator()
        self.openAction = QAction(translate("Lessons", "Open Lesson &File…"), self.menu)
        self.openAction.triggered.connect(self.open_dialog)
        set_action_tip(self.openAction, translate("Lessons", "Open a lesson file (.toml) written "
                                                             "by a teacher"))
        self.menu.addAction(self.openAction)

    def open(self, path: str | Path) -> bool:
        """Show the lesson in ``path``; a malformed one gets a message naming the file and
        the problem, and nothing changes."""
        try:
            lesson = read_lesson(path)
        except LessonError as exc:
            self.last_message = str(exc)
            box = QMessageBox(QMessageBox.Icon.Warning,
                              translate("Lessons", "Could not open the lesson"), error_text(exc),
                              QMessageBox.StandardButton.Ok, self.window)
            box.setObjectName("lessonMessage")
            box.open()
            return False
        self.panel.set_lesson(lesson)
        self.show_dock()
        return True

    def show_dock(self) -> None:
        """The lessons as a tab beside the settings: the map and the plots keep their width
        (a third column left the map a strip 200 px wide); the settings are one click away."""
        w, dock = self.window, self.dock
        settings = w.findChild(QDockWidget, "settingsDock")
        if (not dock.isVisible() and settings is not None and not dock.isFloating()
                and w.dockWidgetArea(settings) == w.dockWidgetArea(dock)):
            w.tabifyDockWidget(settings, dock)
        dock.show()
        dock.raise_()

    @Slot()
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, translate("Lessons", "Open Lesson File…"), "",
            translate("Lessons", "Lessons (*.toml);;All files (*)"))
        if path:
            self.open(path)

    @Slot(object)
    def apply(self, action: Action) -> None:
        """The page's state: the panel shows the first lane's recipe, the session runs the
        lanes (a single run, or a race), then the tab and the map it names open."""
        w = self.window
        w.files.keep(UNDO_LABEL)
        first = action.lanes[0]
        w.panel.show_recipe(first)
        w.show_problem(w.panel.problem, first)
        if len(action.lanes) == 1:
            w.session.reset([first])
        else:
            w.session.set_lanes(list(action.lanes))
        w.pathPlot.reset_view()
        tabs = w.modelViews
        if action.tab:
            tabs.setCurrentIndex(tabs.viewIndex[action.tab])
        if action.maps:
            w.maps.dock.show()
            w.maps.view.setCurrentIndex(MAPS_PAGES[action.maps])
        title = self.panel.lesson.pages[self.panel.index].title if self.panel.lesson else ""
        w.statusBar().showMessage(translate("Lessons", "Set up for the lesson page “{title}” "
                                                       "(Undo: Ctrl+Z)").format(title=title), 6000)

