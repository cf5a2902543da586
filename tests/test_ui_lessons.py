"""The Lessons menu and panel: every page's action sets the state it names, in the window."""

import pytest
from PySide6.QtWidgets import QDockWidget

from gdlab.engine.files.lesson_file import lesson_files, read_lesson
from gdlab.ui.i18n import install
from gdlab.ui.lessons import MAPS_PAGES, Lessons

LESSONS = [(lang, p.name) for lang in ("en", "zh_CN") for p in lesson_files(lang)]


def _path(lang, name):
    return next(p for p in lesson_files(lang) if p.name == name)



def test_the_menu_lists_the_lessons_and_opens_the_panel(window):
    menu = window.lessons.menu
    titles = [a.text() for a in menu.actions() if a.text()]
    assert titles[:7] == [f"&{read_lesson(p).title}"  # "&1. …": the number is the access key
                          for p in lesson_files(window.lessons.language)]
    assert window.menuBar().actions()[-1].text() == "&Help"  # Lessons comes before Help
    assert not window.lessons.dock.isVisible()
    menu.actions()[0].trigger()
    panel = window.lessons.panel
    assert window.lessons.dock.isVisible() and panel.objectName() == "lessonPanel"
    assert panel.lessonTitle.text().startswith("1.")
    # a tab beside the settings: the map keeps its width
    settings = window.findChild(QDockWidget, "settingsDock")
    assert window.lessons.dock in window.tabifiedDockWidgets(settings)
    assert not panel.prevButton.isEnabled() and panel.nextButton.isEnabled()


def test_pages_reveal_their_answers_and_turn(window):
    lessons = window.lessons
    assert lessons.open(_path("en", "02-learning-rate.toml"))
    panel = lessons.panel
    assert panel.questionBox.isVisible() and not panel.answerLabel.isVisible()
    panel.answerButton.click()
    assert panel.answerLabel.isVisible() and "0.0346" in panel.answerLabel.text()
    panel.nextButton.click()
    assert panel.index == 1 and not panel.answerLabel.isVisible()
    assert "lr = 10" in panel.pageTitle.text() and "lr = 10" in panel.pageText.text()
    assert panel.pageLabel.text() == "page 2 of 3"


@pytest.mark.parametrize("lang,name", LESSONS)
def test_every_page_action_applies_and_gives_its_state(window, qtbot, lang, name):
    lessons = window.lessons
    lesson = read_lesson(_path(lang, name))
    assert lessons.open(lesson.path)
    for i, page in enumerate(lesson.pages):
        lessons.panel.show_page(i)
        if page.action is None:
            assert not lessons.panel.applyButton.isVisibleTo(lessons.panel)
            continue
        lessons.panel.applyButton.click()
        action = page.action
        lanes = window.session.lanes
        qtbot.waitUntil(lambda: all(lane.k == 0 and lane.history.n >= 1 for lane in lanes)
                        and window.session.status == "ready", timeout=10000)
        assert [lane.settings for lane in lanes] == list(action.lanes), (name, i)
        assert window.panel.settings() == action.lanes[0], (name, i)
        assert window.panel.problem.name == action.lanes[0].problem
        tabs = window.modelViews
        if action.tab:
            assert tabs.currentIndex() == tabs.viewIndex[action.tab], (name, i)
        if action.maps:
            assert window.maps.dock.isVisible()
            assert window.maps.view.currentIndex() == MAPS_PAGES[action.maps]
        assert "Traceback" not in window.statusBar().currentMessage()


def test_a_lesson_action_can_be_undone(window, qtbot):
    before = window.panel.settings()
    lessons = window.lessons
    lessons.open(_path("en", "06-optimizers.toml"))
    lessons.panel.show_page(1)
    lessons.panel.applyButton.click()
    assert len(window.session.lanes) == 4
    window.files.undo()
    qtbot.waitUntil(lambda: len(window.session.lanes) == 1, timeout=5000)
    assert window.panel.settings() == before


def test_a_malformed_lesson_gets_a_message_not_a_crash(window, tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text('title = "x"\n[[page]]\ntitle = "a"\n', "utf-8")
    before = window.panel.settings()
    assert not window.lessons.open(bad)
    assert str(bad) in window.lessons.last_message and "text: is missing" in \
        window.lessons.last_message
    assert window.panel.settings() == before and not window.lessons.dock.isVisible()


def test_the_language_follows_the_window(window, qapp):
    install(qapp, "zh_CN")  # what the app does at start for a Chinese window
    try:
        zh = Lessons(window)
    finally:
        install(qapp, "en")
    assert zh.language == "zh_CN"
    assert zh.menu.title().startswith("课程")
    zh.menu.actions()[1].trigger()
    assert zh.panel.lessonTitle.text() == read_lesson(lesson_files("zh_CN")[1]).title
    assert zh.panel.applyButton.text() == "照此设置"
    assert Lessons(window).language == "en"
