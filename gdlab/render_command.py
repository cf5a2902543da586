"""``gdlab render run.csv --gif out.gif``: a trajectory CSV (gdlab's run or race, or a foreign
x, y path) as an animated GIF or numbered PNG images, headless (offscreen Qt when there is no
display). The parser needs no Qt; the command imports it when it runs."""

from __future__ import annotations

import argparse
import os
import sys



def add_render_parser(sub, path_type, count_type) -> None:
    p = sub.add_parser("render", help="animate a trajectory CSV: an animated GIF or PNG images",
                       description="Draw the map (and with --loss the loss curve) at N steps "
                                   "spread over the CSV's recorded steps.")
    p.add_argument("csv", type=path_type, help="a trajectory CSV (gdlab run/race --csv, or any "
                                               "CSV with x and y columns)")
    p.add_argument("--gif", type=path_type, metavar="OUT.gif", help="write an animated GIF")
    p.add_argument("--png-dir", type=path_type, metavar="FOLDER",
                   help="write frame-0001.png … into this folder")
    p.add_argument("--frames", type=count_type, default=None, metavar="N",
                   help="number of frames (default 60; at most one per recorded step)")
    p.add_argument("--loss", action="store_true", help="the loss curve beside the map")
    p.add_argument("--scale", type=int, choices=(1, 2), default=1, help="pixel scale (default 1)")


def use_offscreen_qt_without_display() -> None:
    """Let Qt draw without a screen: the offscreen platform unless one is set or there is a
    display (X11 or Wayland)."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def cmd_render(args: argparse.Namespace, usage_error, why) -> None:
    """Render and write; bad input raises ``usage_error`` (one line, exit status 2)."""
    name = "gdlab render"
    if (args.gif is None) == (args.png_dir is None):
        raise usage_error(f"{name}: give --gif OUT.gif or --png-dir FOLDER (one of them)")
    if args.gif is not None and args.gif.suffix.lower() != ".gif":
        raise usage_error(f"{name}: --gif {args.gif}: name the animation *.gif")
    if args.png_dir is not None and not args.png_dir.is_dir():
        raise usage_error(f"{name}: --png-dir {args.png_dir}: not a folder")
    if args.gif is not None and not args.gif.resolve().parent.is_dir():
        raise usage_error(f"{name}: --gif {args.gif}: the folder {args.gif.parent} does not exist")
    use_offscreen_qt_without_display()
    try:
        from PySide6.QtWidgets import QApplication

        from .ui.animation import (DEFAULT_FRAMES, animation_of_csv, render_frames, write_gif,
                                   write_png_sequence)
    except ImportError as exc:
        raise usage_error(f"{name}: needs the window's libraries ({exc})") from None
    from PySide6.QtCore import qInstallMessageHandler

    # the offscreen platform's notes ("does not support propagateSizeHints()") are not the user's
    qInstallMessageHandler(lambda kind, context, text: None)
    app = QApplication.instance() or QApplication(["gdlab"])
    frames = DEFAULT_FRAMES if args.frames is None else args.frames
    try:
        anim = animation_of_csv(args.csv, args.loss)
        images = render_frames(anim, frames, args.scale)
    except ValueError as exc:
        raise usage_error(f"{name}: {exc}") from None
    finally:
        app.processEvents()  # the offscreen widget's deferred deletion
    try:
        if args.gif is not None:
            out = write_gif(args.gif, images)
            print(f"wrote      {out} ({len(images)} frames)")
        else:
            paths = write_png_sequence(args.png_dir, images)
            print(f"wrote      {len(paths)} PNG images: {paths[0]} … {paths[-1].name}")
    except OSError as exc:
        target = args.gif or args.png_dir
        raise usage_error(f"{name}: could not write {target}: {why(exc)}; nothing was "
                          "written") from None



