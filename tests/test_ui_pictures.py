"""Export Image (PNG 1×/2×/3×, SVG) and Copy Image (pytest-qt, offscreen)."""

import os

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from gdlab.ui.pictures import TARGETS, target_widget  # noqa: E402


@pytest.mark.parametrize("target", list(TARGETS))
def test_png_sizes_follow_the_scale_and_svg_reads_back(window, tmp_path, target):
    w = window
    widget = target_widget(w, target)
    for scale in (1, 2, 3):
        out = w.pictures.save(target, tmp_path / f"{target}-{scale}.png", scale)
        image = QImage(str(out))
        assert (image.width(), image.height()) == (widget.width() * scale,
                                                   widget.height() * scale)
        # not a blank page: many colours (text, lines, the map)
        sample = {image.pixel(x, y) for x in range(0, image.width(), 7)
                  for y in range(0, image.height(), 7)}
        assert len(sample) > 8
    svg = QSvgRenderer(str(w.pictures.save(target, tmp_path / f"{target}.svg")))
    assert svg.isValid()
    box = svg.viewBox()
    assert (box.width(), box.height()) == (widget.width(), widget.height())
    assert sorted(os.listdir(tmp_path)) == sorted(
        [f"{target}-{s}.png" for s in (1, 2, 3)] + [f"{target}.svg"])  # no temporary left


def test_a_failed_write_leaves_the_old_file(window, tmp_path, full_disk):
    w = window
    old = tmp_path / "map.png"
    old.write_bytes(b"old picture")
    with pytest.raises(OSError):
        w.pictures.save("window", old, 3)
    assert old.read_bytes() == b"old picture" and os.listdir(tmp_path) == ["map.png"]


def test_bad_names_are_refused(window, tmp_path):
    with pytest.raises(ValueError, match="name the image"):
        window.pictures.save("map", tmp_path / "map.jpg")
    with pytest.raises(ValueError, match="unknown picture"):
        window.pictures.save("everything", tmp_path / "x.png")
    assert not os.listdir(tmp_path)


def test_copy_image_puts_the_map_on_the_clipboard(window):
    QGuiApplication.clipboard().clear()
    window.pictures.copyImageAction.trigger()
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (window.pathPlot.width() * 2,
                                               window.pathPlot.height() * 2)
