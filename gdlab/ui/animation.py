"""Animations of a descent: the map (and optionally the loss curve) at N steps spread over
the recorded ones, rendered offscreen frame by frame, written as an animated GIF or a numbered
PNG sequence (File ▸ Export Animation…, ``gdlab render``).

GIFs are written with Pillow: a GIF needs a palette and LZW compression, which Qt cannot
write; a PNG sequence needs nothing beyond Qt.
"""

from __future__ import annotations

import io
import time
from html import escape
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEventLoop, Qt, QThread
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..engine.analysis.surfaces import Surface
from ..engine.files.atomic import Commit
from .i18n import localized, optimizer_name, translate
from .pictures import png_bytes, render_image
from .views.plots import AXIS_COLOR, MAX_CURVE_POINTS, PATH_EDGE, LossPlot, PathPlot, decimate

DEFAULT_FRAMES = 60
MAX_FRAMES = 1000
FRAME_MS = 80  # each frame's time in a GIF; the last is held longer
HOLD_LAST_MS = 1500
SIZE = (640, 600)  # the map alone, in pixels
LOSS_WIDTH = 420  # beside the map
MAP_WAIT_S = 60.0  # the map's pool thread, however busy the machine
SINGLE_COLOR = "#1f77b4"  # a single run's loss curve, as in the window


@dataclass(frozen=True)
class AnimLane:
    """One path: ``xy`` (n, 2) the map's points, ``loss`` (n,), its colour and label."""

    xy: np.ndarray
    loss: np.ndarray
    color: str
    label: str = ""


@dataclass(frozen=True)
class Animation:
    """What the frames show: the surface under the paths (None: plain axes), the lanes (one:
    a single run, drawn as the window draws it), a title and whether the loss curve is beside
    the map."""

    surface: Surface | None
    lanes: Sequence[AnimLane]
    title: str
    with_loss: bool = False
    start: tuple[float, float] | None = None

    @property
    def rows(self) -> int:
        return max(len(lane.xy) for lane in self.lanes)


def frame_steps(rows: int, frames: int) -> np.ndarray:
    """The row (step) each frame shows the paths up to: ``min(frames, rows)`` rows spread
    evenly from the start (0) to the last (``rows - 1``), strictly increasing."""
    if rows < 1:
        raise ValueError(translate("Animation", "there are no recorded steps to animate"))
    if not 1 <= frames <= MAX_FRAMES:
        raise ValueError(translate("Animation", "frames {frames}: choose from 1 to {most}").format(
            frames=frames, most=MAX_FRAMES))
    if frames == 1:
        return np.array([rows - 1])
    n = min(frames, rows)
    return np.round(np.linspace(0, rows - 1, n)).astype(np.int64)


class FrameRenderer:
    """An offscreen widget of the map (and loss plot) that draws one frame at a time."""

    def __init__(self, anim: Animation, scale: int = 1) -> None:
        self.anim, self.scale = anim, scale
        self.widget = QWidget()
        self.widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.widget.setStyleSheet("background: white;")
        self.title = QLabel()  # the title and the step shown
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setStyleSheet("font-size: 16px; color: #222;")
        self.map = PathPlot()
        self.map.set_surface(anim.surface, "" if anim.surface else " ")
        if anim.surface is None:  # foreign paths with no map: plain axes around them
            pi = self.map.getPlotItem()
            for name in ("left", "bottom"):
                pi.showAxis(name, True)
            pi.showGrid(x=True, y=True, alpha=0.15)
            self.map.path.setPen(pg.mkPen(PATH_EDGE, width=2))  # white is for the map
        if anim.start is not None:
            self.map.set_start(*anim.start)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(self.map, 3)
        self.loss: LossPlot | None = None
        if anim.with_loss:
            self.loss = LossPlot()
            self.loss.hint.setVisible(False)
            self.loss.set_budget(anim.rows - 1, grow=False)
            self._fix_loss_range()
            body.addWidget(self.loss, 2)
        lay = QVBoxLayout(self.widget)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(self.title)
        lay.addLayout(body, 1)
        if len(anim.lanes) > 1:
            legend = QLabel(objectName="legend", wordWrap=True)
            legend.setTextFormat(Qt.TextFormat.RichText)
            legend.setStyleSheet("font-size: 14px; color: #222;")
            legend.setText("&nbsp;&nbsp;&nbsp;".join(
                f'<span style="color:{lane.color}; font-weight:900">━━</span>&nbsp;'
                f'{escape(lane.label)}' for lane in anim.lanes))
            lay.addWidget(legend)
        width = SIZE[0] + (LOSS_WIDTH if anim.with_loss else 0)
        self.widget.resize(width, SIZE[1])
        self.widget.show()  # laid out and polished, never on screen
        if anim.surface is None:
            self._fit_paths()
        else:
            self.map.reset_view()
            self._wait_for_map()

    def _wait_for_map(self) -> None:
        """Until the map, computed on a pool thread (again once the resize has settled), is
        drawn: every frame has it."""
        app = QApplication.instance()
        deadline = time.monotonic() + MAP_WAIT_S
        while self.map.jobs.pending("map") or self.map._refit.isActive():
            if time.monotonic() > deadline:
                raise ValueError(translate("Animation", "the map took too long to compute"))
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QThread.msleep(5)

    def _fit_paths(self) -> None:
        xy = np.concatenate([lane.xy for lane in self.anim.lanes])
        xy = xy[np.isfinite(xy).all(axis=1)]
        if len(xy):
            (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
            self.map.box = (float(x0), float(x1), float(y0), float(y1))
            self.map.getPlotItem().getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1),
                                                         padding=0.08)

    def _fix_loss_range(self) -> None:
        """The loss axis of the whole run from the first frame on (no jumping scale); a
        positive loss spanning over two decades on a log scale."""
        loss = np.concatenate([lane.loss for lane in self.anim.lanes])
        finite = loss[np.isfinite(loss)]
        if not len(finite):
            return
        lo, hi = float(finite.min()), float(finite.max())
        log = lo > 0 and hi / lo > 100
        self.loss.set_log(log)
        pi = self.loss.getPlotItem()
        pi.enableAutoRange(y=False)
        if log:
            pi.setYRange(np.log10(lo), np.log10(hi), padding=0.05)
        else:
            pi.setYRange(min(lo, 0.0), hi, padding=0.05)

    def frame(self, row: int) -> QImage:
        """The picture with every path drawn up to row ``row``."""
        lanes = self.anim.lanes
        upto = [(lane, lane.xy[:row + 1], lane.loss[:row + 1]) for lane in lanes]
        if len(lanes) == 1:
            self.map.set_path(upto[0][1])
        else:
            self.map.set_lanes([(xy, lane.color, "") for lane, xy, _ in upto])
        if self.loss is not None:
            single = len(lanes) == 1
            self.loss.set_lanes([(*decimate(loss, MAX_CURVE_POINTS),
                                  SINGLE_COLOR if single else lane.color)
                                 for lane, _, loss in upto])
            self.loss.getPlotItem().setTitle(
                f'<span style="color:{SINGLE_COLOR}">━━ '
                + translate("Animation", "loss f(θ)") + '</span>' if single else
                f'<span style="color:{AXIS_COLOR}">'
                + translate("Animation", "loss of each lane (colours as on the map)")
                + '</span>', size="11pt")
        self.title.setText(f"<b>{escape(self.anim.title)}</b>&nbsp;&nbsp;·&nbsp;&nbsp;"
                           + translate("Animation", "step {k} of {n}").format(
                               k=f"{row:,}", n=f"{self.anim.rows - 1:,}"))
        return render_image(self.widget, self.scale)

    def close(self) -> None:
        self.widget.close()
        self.widget.deleteLater()


def render_frames(anim: Animation, frames: int, scale: int = 1,
                  progress: Callable[[int, int], bool] | None = None) -> list[QImage]:
    """Every frame at once (a script, the CLI); ``progress(done, total)`` returning False
    stops (an empty list)."""
    rows = frame_steps(anim.rows, frames)
    renderer = FrameRenderer(anim, scale)
    try:
        out = []
        for i, row in enumerate(rows):
            out.append(renderer.frame(int(row)))
            if progress is not None and not progress(i + 1, len(rows)):
                return []
        return out
    finally:
        renderer.close()


def gif_bytes(images: Sequence[QImage], frame_ms: int = FRAME_MS) -> bytes:
    """An animated GIF (looping; the last frame held ``HOLD_LAST_MS``) of ``images``: one
    palette for all, made from the last frame (which has every path), so colours hold still."""
    from PIL import Image

    frames = [_pil(image) for image in images]
    palette = frames[-1].quantize(colors=255, method=Image.Quantize.MEDIANCUT)
    indexed = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    buffer = io.BytesIO()
    durations = [frame_ms] * (len(indexed) - 1) + [HOLD_LAST_MS]
    indexed[0].save(buffer, format="GIF", save_all=True, append_images=indexed[1:],
                    duration=durations, loop=0, disposal=1)
    return buffer.getvalue()


def _pil(image: QImage):
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()), "raw",
                            "RGB", rgb.bytesPerLine(), 1).copy()


def write_gif(path: str | Path, images: Sequence[QImage]) -> Path:
    """``images`` as an animated GIF at ``path``, all or nothing."""
    path = Path(path)
    data = gif_bytes(images)
    with Commit() as commit, commit.open(path, binary=True) as fh:
        fh.write(data)
    return path


def write_png_sequence(folder: str | Path, images: Sequence[QImage],
                       stem: str = "frame") -> list[Path]:
    """``images`` as ``folder/frame-0001.png`` … (numbered from 1, zero-padded to the count's
    width), all or nothing; the folder must exist."""
    folder = Path(folder)
    if not folder.is_dir():
        raise OSError(2, translate("Animation", "the folder does not exist"), str(folder))
    width = max(4, len(str(len(images))))
    paths = [folder / f"{stem}-{i:0{width}d}.png" for i in range(1, len(images) + 1)]
    with Commit() as commit:
        for path, image in zip(paths, images):
            with commit.open(path, binary=True) as fh:
                fh.write(png_bytes(image))
    return paths


# -- what to animate: the window's lanes, or a CSV ------------------------------------------
def map_points(surface: Surface | None, columns: Sequence[str], rows: np.ndarray) -> np.ndarray:
    """The map's points (n, 2) of trajectory ``rows`` (n, len(columns)): the two parameters
    on a contour map, the parameter and the loss on a curve J(w)."""
    if surface is not None and surface.path is not None:
        raise ValueError(translate("Animation", "this map is a projection of a many-parameter "
                                                "model: its path is drawn per snapshot, not per "
                                                "step, and cannot be animated"))
    if surface is not None and surface.kind == "curve":
        return rows[:, [0, list(columns).index("loss")]]
    return rows[:, 0:2]


def animation_of_session(surface: Surface | None, session, title: str,
                         with_loss: bool) -> Animation:
    """The window's lanes (their recorded rows so far) over its map."""
    if surface is None:
        raise ValueError(translate("Animation", "there is no map to animate (a many-parameter "
                                                "model: project its path first, or animate a "
                                                "2-D problem)"))
    lanes = []
    for lane in session.lanes:
        columns, data = lane.history.columns, lane.history.data.copy()  # it may grow
        lanes.append(AnimLane(map_points(surface, columns, data),
                              data[:, list(columns).index("loss")], lane.color,
                              f"{lane.number} {localized(lane.label)}"))
    start = session.lane.settings.start
    return Animation(surface, lanes, title, with_loss,
                     tuple(start[:2]) if surface.kind == "contour" and start else None)


def animation_of_csv(path: str | Path, with_loss: bool) -> Animation:
    """A trajectory CSV: gdlab's (its JSON beside it names the problem, whose map is drawn)
    or a foreign one with x, y columns (drawn on plain axes). Raises ``ValueError``."""
    import json

    from ..engine.analysis.surfaces import surface_for
    from ..engine.files.export import read_race_csv, sidecar_path
    from ..engine.files.imported import read_trajectory
    from ..engine.problems.registry import get_problem
    from ..engine.run.recipe import settings_from_dict
    from .session import LANE_COLORS

    path = Path(path)
    side = sidecar_path(path)
    meta = None
    if side.is_file():
        try:
            meta = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(translate("Animation", "{name}: not a gdlab settings file ({why})")
                             .format(name=side.name, why=exc)) from None
    if not (isinstance(meta, dict) and ("settings" in meta or "lanes" in meta)):
        paths = read_trajectory(path)
        lanes = [AnimLane(p.xy, p.loss if p.loss is not None else np.full(len(p.xy), np.nan),
                          LANE_COLORS[i % len(LANE_COLORS)], p.name) for i, p in enumerate(paths)]
        return Animation(None, lanes, path.stem, with_loss and paths[0].loss is not None)
    try:
        table = read_race_csv(path)
        settings = ([meta["settings"]] if "settings" in meta else
                    [lane["settings"] for lane in meta["lanes"]])
        s = settings_from_dict(settings[0])
        problem = get_problem(s.problem, s.formula, **(s.problem_options or {}))
    except (OSError, KeyError, TypeError) as exc:
        raise ValueError(translate("Animation", "{name}: not a gdlab trajectory with its settings "
                                                "({why})").format(name=path.name, why=exc)) \
            from None
    surface = surface_for(problem, s.start)
    if surface is None:
        raise ValueError(translate("Animation", "{name}: {problem} has too many parameters for a "
                                                "map (the window projects its path); animations "
                                                "draw 2-D functions and one- or two-parameter "
                                                "models").format(name=path.name,
                                                                 problem=problem.name))
    lanes = []
    for i in sorted(set(table.lane.tolist())):
        rows = table.lane_rows(i)
        lanes.append(AnimLane(map_points(surface, table.columns, rows),
                              rows[:, list(table.columns).index("loss")],
                              LANE_COLORS[(i - 1) % len(LANE_COLORS)], table.labels.get(i, "")))
    if not lanes:
        raise ValueError(translate("Animation", "{name} has no rows").format(name=path.name))
    what = (optimizer_name(s.optimizer) if len(lanes) == 1
            else translate("Animation", "{n} lanes").format(n=len(lanes)))
    start = tuple(s.start[:2]) if surface is not None and surface.kind == "contour" else None
    return Animation(surface, lanes, f"{localized(problem.title)} · {what}", with_loss, start)
