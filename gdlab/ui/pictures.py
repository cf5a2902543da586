"""Pictures of the window's parts: PNG at 1×/2×/3× and SVG, written atomically, or copied to
the clipboard (File ▸ Export Image…, Edit ▸ Copy Image).

A PNG is the widget rendered into an image of ``scale`` device pixels per pixel, so text and
lines are sharp at 2× and 3× (pyqtgraph's ImageExporter enlarges the plot's area but draws its
text and lines at their screen size, tiny on a 3× slide). An SVG is Qt's SVG generator's
(vectors, clipped; the map as an embedded image): pyqtgraph's SVGExporter fails on the map
(pyqtgraph 0.14: a ValueError parsing the path data Qt 6 writes) and knows no widgets.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QIODevice, QPoint, QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QWidget

from ..engine.files.atomic import Commit
from .i18n import translate

#: what can be pictured: name → what the menu says
TARGETS = {"map": QT_TRANSLATE_NOOP("Pictures", "Map"),
           "loss": QT_TRANSLATE_NOOP("Pictures", "Loss plot"),
           "side": QT_TRANSLATE_NOOP("Pictures", "Side view (the open tab)"),
           "window": QT_TRANSLATE_NOOP("Pictures", "Whole window")}
SCALES = (1, 2, 3)
FORMATS = ("png", "svg")


def target_widget(window, target: str) -> QWidget:
    """The widget pictured as ``target`` (one of :data:`TARGETS`)."""
    if target == "map":
        return window.pathPlot
    if target == "loss":
        return window.lossPlot
    if target == "side":
        return window.modelViews.currentWidget() or window.modelViews
    if target == "window":
        return window
    raise ValueError(f"unknown picture {target!r}; choose one of: {', '.join(TARGETS)}")


def render_image(widget: QWidget, scale: int = 1) -> QImage:
    """``widget`` as it looks, ``scale``× as many pixels each way (width × scale, height ×
    scale), on white."""
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r}: choose one of {', '.join(f'{s}×' for s in SCALES)}")
    size = widget.size()
    image = QImage(size * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    try:
        QWidget.render(widget, painter, QPoint())  # not QGraphicsView's render
    finally:
        painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(translate("Pictures", "the PNG could not be encoded"))
    buffer.close()
    return bytes(data)


def svg_bytes(widget: QWidget) -> bytes:
    """``widget`` as SVG: a plot through pyqtgraph's exporter, anything else through Qt's."""
    from PySide6.QtSvg import QSvgGenerator
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(widget.size())
    gen.setResolution(96)  # its width and height are written in mm: a browser's 96 px/inch
    gen.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    gen.setTitle("gdlab")
    painter = QPainter(gen)
    try:
        QWidget.render(widget, painter, QPoint())  # not QGraphicsView's render
    finally:
        painter.end()
    buffer.close()
    return bytes(data)


def picture_bytes(widget: QWidget, fmt: str, scale: int = 1) -> bytes:
    if fmt == "png":
        return png_bytes(render_image(widget, scale))
    if fmt == "svg":
        return svg_bytes(widget)
    raise ValueError(f"unknown image format {fmt!r}; choose png or svg")


def format_of(path: str | Path) -> str:
    """``png`` or ``svg`` from the file name's extension (a ``ValueError`` otherwise)."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(translate("Pictures", "{name}: name the image *.png or *.svg").format(
            name=Path(path).name))
    return fmt


def save_picture(widget: QWidget, path: str | Path, scale: int = 1) -> Path:
    """Write ``widget`` as the PNG or SVG its name says, all or nothing."""
    path = Path(path)
    data = picture_bytes(widget, format_of(path), scale)
    with Commit() as commit, commit.open(path, binary=True) as fh:
        fh.write(data)
    return path


def copy_picture(widget: QWidget, scale: int = 2) -> QImage:
    """Put ``widget``'s picture on the clipboard (an image); returns it."""
    image = render_image(widget, scale)
    QGuiApplication.clipboard().setImage(image)
    return image
