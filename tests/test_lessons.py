"""Guided lessons: the shipped files in both languages, malformed files, `gdlab lesson check`."""

import dataclasses
import re

import pytest

from gdlab.cli import main
from gdlab.engine.optim.optimizers import OPTIMIZERS
from gdlab.engine.files.lesson_file import (LESSONS_DIR, LessonError, lesson_files, read_lesson,
                                            read_title)

LANGUAGES = ("en", "zh_CN")
GOOD = """title = "A lesson"
[[page]]
title = "One"
text = "Some text."
question = "Q?"
answer = "A."
[page.action]
problem = "bowl"
start = [-3, 4]
steps = 20
tab = "check"
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_lesson_loads(language):
    files = lesson_files(language)
    assert len(files) == 7  # the seven lessons of issue 10 (also proves they are packaged)
    for path in files:
        lesson = read_lesson(path)
        assert lesson.title and lesson.pages
        assert all(p.text and bool(p.question) == bool(p.answer) for p in lesson.pages)
        assert any(p.action is not None for p in lesson.pages)


def test_both_languages_teach_the_same_actions():
    """A translation changes the words, never the state a page sets."""
    en, zh = (lesson_files(lang) for lang in LANGUAGES)
    assert [p.name for p in en] == [p.name for p in zh]
    for a, b in zip(en, zh):
        la, lb = read_lesson(a), read_lesson(b)
        assert [p.action for p in la.pages] == [p.action for p in lb.pages], a.name
        assert [bool(p.question) for p in la.pages] == [bool(p.question) for p in lb.pages]
        assert la.title != lb.title


def test_the_chinese_lessons_use_the_seeds_terms():
    text = "".join(p.read_text("utf-8") for p in lesson_files("zh_CN"))
    for term in ("梯度", "学习率", "梯度下降法", "数值微分", "误差反向传播", "计算图", "损失函数"):
        assert term in text, term


def test_the_lessons_state_the_seeds_numbers():
    """The actions give what the pages say: lesson 2's first page and lesson 3's hand step."""
    from gdlab.engine.run.recipe import build_run

    lesson2 = read_lesson(lesson_files("en")[1])
    run = build_run(lesson2.pages[0].action.lanes[0])
    run.advance()
    assert run.point == pytest.approx((-0.03458765, 0.04611686), rel=1e-6)
    assert "−0.0346, 0.0461" in lesson2.pages[0].answer
    lesson3 = read_lesson(lesson_files("en")[2])
    s = lesson3.pages[1].action.lanes[0]
    run = build_run(dataclasses.replace(s, steps=1))
    run.advance()
    assert float(run.point[0]) == pytest.approx(0.555)
    assert "0.555" in lesson3.pages[1].answer and "21.675" in lesson3.pages[1].answer


def test_a_locale_without_lessons_falls_back_to_english():
    assert lesson_files("zh_CN") != lesson_files("en")
    assert lesson_files("fr_FR") == lesson_files("en") == lesson_files("en_GB")
    assert LESSONS_DIR.is_dir()


MALFORMED = {
    "toml": ('title = "x"\n[[page]\n', "not valid TOML"),
    "no title": ('[[page]]\ntitle = "a"\ntext = "b"\n', "title: is missing"),
    "no pages": ('title = "x"\n', "has no pages"),
    "unknown key": (GOOD + "colour = 1\n", "unknown key 'colour'"),
    "no answer": ('title = "x"\n[[page]]\ntitle = "a"\ntext = "b"\nquestion = "q"\n',
                  "a question needs its answer"),
    "bad problem": (GOOD.replace('"bowl"', '"bowel"'), "unknown problem 'bowel'"),
    "bad tab": (GOOD.replace('"check"', '"graph"'), "'graph' is not a view of bowl"),
    "bad start": (GOOD.replace("[-3, 4]", "[-3]"), "bowl starts from 2 number(s), not 1"),
    "bad steps": (GOOD.replace("steps = 20", "steps = -5"), "invalid steps"),
    "text type": (GOOD.replace('text = "Some text."', "text = 3"), "text: must be text"),
    "no problem": (GOOD.replace('problem = "bowl"\n', ""), "names no problem"),
    "bad hyper": (GOOD + 'hyper = {foo = 1}\n', "no hyperparameter 'foo'"),
    "many lanes": (GOOD + "".join("[[page.action.lanes]]\n" for _ in range(9)),
                   "1 to 8 tables"),
    "maps on a model": (GOOD.replace('"bowl"', '"linreg-w"').replace("[-3, 4]", "[0]")
                        .replace('tab = "check"', 'maps = "lr"'), "maps are drawn for"),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_lesson_names_the_file_and_the_problem(tmp_path, kind):
    text, problem = MALFORMED[kind]
    path = tmp_path / "mine.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(LessonError) as info:
        read_lesson(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_unreadable_and_binary_files(tmp_path):
    with pytest.raises(LessonError, match="can't be read"):
        read_lesson(tmp_path / "missing.toml")
    path = tmp_path / "bin.toml"
    path.write_bytes(b"title = \"\xff\xfe\"\n")
    with pytest.raises(LessonError, match="not UTF-8"):
        read_lesson(path)
    assert read_title(path) == "bin"


def test_the_good_example_reads(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, "utf-8")
    page = read_lesson(path).pages[0]
    assert page.action.tab == "check" and page.action.lanes[0].start == (-3.0, 4.0)
    assert read_title(path) == "A lesson"


def test_cli_lesson_check(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(GOOD, "utf-8")
    assert main(["lesson", "check", str(good)]) == 0
    assert "ok" in capsys.readouterr().out
    for path in lesson_files("zh_CN"):
        assert main(["lesson", "check", str(path)]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(MALFORMED["bad tab"][0], "utf-8")
    assert main(["lesson", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "page 1 action.tab" in err and "Traceback" not in err
    assert main(["lesson", "check", str(tmp_path / "none.toml")]) == 2


def test_the_race_lesson_names_the_winner_the_race_gives():
    """Lesson 6's answer: AdaGrad ends lowest, SGD second, Adam last after 30 steps."""
    from gdlab.engine.run.recipe import build_run

    for language in ("en", "zh_CN"):
        page = read_lesson(lesson_files(language)[5]).pages[1]
        losses = {}
        for s in page.action.lanes:
            run = build_run(s)
            run.advance()
            x, y = run.point
            losses[s.optimizer] = x * x / 20 + y * y  # the book's f
        order = sorted(losses, key=losses.get)
        assert order[0] == "adagrad" and order[1] == "sgd" and order[-1] == "adam"
        assert f"{losses['adagrad']:.0e}" == "7e-04" and "7e-4" in page.answer
        assert "0.013" in page.answer and f"{losses['sgd']:.2g}" == "0.013"


def test_the_sweep_lesson_race_ends_as_its_answer_says():
    """Lesson 7's race: 0.95 first (~1e-8), 0.5 second (~1e-4), 1.05 past 1e8."""
    from gdlab.engine.run.recipe import build_run

    page = read_lesson(lesson_files("en")[6]).pages[1]
    losses = []
    for s in page.action.lanes:
        run = build_run(s)
        run.advance()
        x, y = run.point
        losses.append(x * x / 20 + y * y)
    assert [s.hyper["lr"] for s in page.action.lanes] == [0.5, 0.95, 1.05]
    assert 1e-9 < losses[1] < 1e-7 and 1e-5 < losses[0] < 1e-3 and losses[2] > 1e8


def _window_words() -> set[str]:
    """English names of the window's parts (tabs, buttons, fields: short texts the Chinese
    catalogue translates into something else)."""
    import xml.etree.ElementTree as ET

    from gdlab.ui.catalogue import FOLDER
    names = set()
    for message in ET.parse(FOLDER / "gdlab_zh_CN.ts").getroot().iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation")
        if re.fullmatch(r"[A-Z][a-z]+( [a-z]+){0,2}", source) and translation != source \
                and source.lower() not in OPTIMIZERS:  # Momentum is a name, as SGD
            names.add(source)
    return names


def test_chinese_lessons_name_the_window_parts_as_the_chinese_window_does():
    """A Chinese lesson says 单步 and 数据, as the Chinese window shows them, not Step or Data."""
    names = _window_words()
    assert {"Step", "Data", "Inspector", "Compute", "Gradient check"} <= names
    left = []
    for path in lesson_files("zh_CN"):
        lesson = read_lesson(path)
        for page in lesson.pages:
            for text in (page.text, page.question, page.answer, page.look_for):
                prose = re.sub(r"`[^`]*`|^    .*$", "", text or "", flags=re.M)  # code stays
                left += [(path.name, name) for name in names
                         if re.search(rf"(?<![A-Za-z_]){name}(?![A-Za-z_(])", prose)]
    assert not left, left
