"""The window's language: the catalogue kept up to date and compiled, the Language menu
remembered, and the next window built in the chosen language."""

import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMessageBox, QPushButton

import gdlab

from gdlab.engine.files.session_file import read_session
from gdlab.ui import catalogue
from gdlab.ui.app import start_window
from gdlab.ui.i18n import SETTING, catalogue_path, install, stored_language, window_language
from gdlab.ui.window_state import settings_store

ROOT = Path(__file__).resolve().parent.parent
TS = catalogue.FOLDER / "gdlab_zh_CN.ts"


def _messages(ts: Path) -> set[tuple[str, str]]:
    return {(c.findtext("name") or "", m.findtext("source") or "")
            for c in ET.parse(ts).getroot().iter("context") for m in c.iter("message")}


@pytest.fixture
def english(qapp):
    """Whatever a test installs, the next test starts in English again."""
    yield qapp
    install(qapp, "en")


def test_the_catalogue_holds_every_text_of_the_sources_translated(tmp_path):
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    catalogue.update(copy)
    assert _messages(copy) == _messages(TS), "run: python -m gdlab.ui.catalogue update"
    assert catalogue.unfinished(copy) == [], "translate these, then: catalogue release"


def test_the_committed_qm_is_the_released_ts(tmp_path):
    first, again = tmp_path / "a.qm", tmp_path / "b.qm"
    catalogue.release(TS, first)
    catalogue.release(TS, again)
    assert first.read_bytes() == again.read_bytes()  # lrelease is deterministic
    assert first.read_bytes() == TS.with_suffix(".qm").read_bytes(), \
        "run: python -m gdlab.ui.catalogue release"


def test_the_package_ships_and_finds_the_catalogue():
    path = catalogue_path("zh_CN")
    assert path.is_file()
    translator = QTranslator()
    assert translator.load(str(path))
    assert translator.translate("Controls", "&Run") == "运行(&R)"
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))[
        "tool"]["setuptools"]["package-data"]["gdlab"]
    inside = Path(str(path)).relative_to(Path(gdlab.__file__).parent).as_posix()
    assert any(fnmatch.fnmatch(inside, pattern) for pattern in package_data)


def test_qt_s_own_buttons_speak_chinese(english):
    assert install(english, "zh_CN")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_the_language_menu_stores_the_choice_and_the_next_window_speaks_it(window, english,
                                                                          qtbot):
    menu = window.languages
    assert menu.actions["system"].isChecked() and stored_language() == "en"
    menu.actions["zh_CN"].trigger()
    assert settings_store().value(SETTING) == "zh_CN" and menu.actions["zh_CN"].isChecked()
    notice = menu.box
    assert notice.isVisible() and "next start" in notice.text() and "下次启动" in notice.text()
    assert window.controls.runAction.text() == "&Run"  # this window keeps its language
    notice.reject()
    nxt = start_window(english)
    qtbot.addWidget(nxt)
    try:
        assert window_language() == "zh_CN"
        assert nxt.controls.runAction.text() == "运行(&R)"
        assert nxt.languages.actions["zh_CN"].isChecked()
    finally:
        nxt.shutdown()


def test_choosing_the_window_s_own_language_says_nothing(window):
    window.languages.actions["en"].trigger()
    assert settings_store().value(SETTING) == "en" and window.languages.box is None


def test_restart_now_keeps_the_session_in_the_new_language(window, english, qtbot):
    for _ in range(5):
        window.step_once()
    qtbot.waitUntil(lambda: window.k == 5, timeout=5000)
    window.languages.actions["zh_CN"].trigger()
    window.languages.box.findChild(QPushButton, "languageRestart").click()
    assert window.languages.restart_requested and not window.isVisible()
    kept = window.languages.restart_session
    assert kept is not None and kept.is_file()
    nxt = start_window(english, kept)
    qtbot.addWidget(nxt)
    try:
        qtbot.waitUntil(lambda: nxt.k == 5, timeout=5000)
        assert nxt.controls.runAction.text() == "运行(&R)"
        assert nxt.session.lane.settings == window.session.lane.settings
    finally:
        nxt.shutdown()


def test_a_restart_with_nothing_run_reopens_nothing(window):
    window.languages.actions["zh_CN"].trigger()
    window.languages.restart()
    assert window.languages.restart_requested and window.languages.restart_session is None


def test_a_session_saved_in_chinese_names_its_tab_in_english(window, tmp_path):
    tabs = window.modelViews
    for key, label in (("steps", "步骤"), ("check", "梯度检验")):  # as a Chinese window labels them
        tabs.setTabText(tabs.viewIndex[key], label)
    tabs.setCurrentIndex(tabs.viewIndex["steps"])
    window.save_session(tmp_path / "s.gdlab")
    assert read_session(tmp_path / "s.gdlab").tab == "Steps"  # a file any language opens
    tabs.setCurrentIndex(tabs.viewIndex["check"])
    assert window.open_session(tmp_path / "s.gdlab")
    assert tabs.currentIndex() == tabs.viewIndex["steps"]


RESTART = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from gdlab.ui import app as gdlab_app

windows = []
build = gdlab_app.start_window


def start(app, reopen=None):
    w = build(app, reopen)
    windows.append(w)
    if len(windows) == 1:  # three steps, then Language ▸ 中文, Restart now
        def restart():
            w.languages.actions["zh_CN"].trigger()
            w.languages.box.findChild(QPushButton, "languageRestart").click()
        QTimer.singleShot(300, lambda: [w.step_once() for _ in range(3)])
        QTimer.singleShot(1200, restart)
    else:
        QTimer.singleShot(1500, lambda: (print(w.controls.runAction.text(), w.k, flush=True),
                                          w.close()))
    return w


gdlab_app.start_window = start
print("exit", gdlab_app.main(), len(windows), flush=True)
"""


def test_restart_now_relaunches_the_app_in_the_chosen_language(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    res = subprocess.run([sys.executable, "-c", RESTART], capture_output=True, text=True,
                         timeout=60, env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["运行(&R)", "3", "exit", "0", "2"], res.stdout + res.stderr
    assert "Traceback" not in res.stderr and "QThread" not in res.stderr
