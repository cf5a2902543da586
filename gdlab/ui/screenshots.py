"""The README's screenshots, taken again as the window draws them now:
``python -m gdlab.ui.screenshots [FOLDER]`` (default ``resources``) writes

- ``screenshot.png``: Adam on Rosenbrock, run to its end;
- ``screenshot-race.png``: the "All optimizers" preset racing on Rosenbrock;
- ``screenshot-mlp.png``: the two-layer network on the moons data, its path projected;
- ``screenshot-zh_CN.png``: the Chinese window, the same race on the ellipse.

Each scene is set up as a user would (the panel's boxes, the race's presets), run at "max" to
its end and grabbed at 1320 × 860 (offscreen unless a display is set), from the defaults: the
user's stored settings are neither read nor replaced (:mod:`gdlab.bench.sandbox`).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Callable

SIZE = (1320, 860)
TIMEOUT = 120.0  # s: a scene that takes longer has gone wrong


def wait_until(app, done: Callable[[], bool], what: str) -> None:
    """Process events until ``done()`` (or fail, naming ``what``)."""
    end = time.monotonic() + TIMEOUT
    while not done():
        if time.monotonic() > end:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.01)


def pump(app, seconds: float) -> None:
    """Process events for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def settle(app, w, seconds: float = 1.0) -> None:
    """Let the window finish what a change set off (surfaces, projections, the last frame)."""
    pump(app, seconds)
    wait_until(app, lambda: not w.jobs.busy() and w.pacer.ready(throttle=False), "the window")
    pump(app, 0.3)


def choose(app, combo, data) -> None:
    i = combo.findData(data)
    if i < 0:
        raise SystemExit(f"screenshots: no entry {data!r} in {combo.objectName()}")
    combo.setCurrentIndex(i)
    app.processEvents()


def run_to_end(app, w) -> None:
    """Run at "max" until every lane has ended."""
    choose(app, w.panel.speedCombo, 0)
    settle(app, w)
    w.toggle_run()
    wait_until(app, lambda: w.status in ("finished", "diverged", "converged")
               and not w.session.want_run, "the run's end")


def new_window(app, language: str = "en"):
    from .i18n import install
    from .window import MainWindow

    install(app, language)
    w = MainWindow()
    w.resize(*SIZE)
    w.show()
    wait_until(app, lambda: w.history.n >= 1, "the first run")
    return w


def single(app, w) -> None:
    choose(app, w.panel.problemCombo, "rosenbrock")
    choose(app, w.panel.optimizerCombo, "adam")
    w.panel.lrSpin.setValue(0.02)
    w.panel.stepsSpin.setValue(2000)
    w.lossPane.logCheck.setChecked(True)
    run_to_end(app, w)


def race(app, w, problem: str, steps: int) -> None:
    choose(app, w.panel.problemCombo, problem)
    w.panel.stepsSpin.setValue(steps)
    w.panel.tolSpin.setValue(1e-3)
    w.lossPane.logCheck.setChecked(True)
    settle(app, w)
    w.race.apply_preset("optimizers")
    wait_until(app, lambda: len(w.session.lanes) > 1, "the race's lanes")
    run_to_end(app, w)
    w.session.select(0)


def mlp(app, w) -> None:
    choose(app, w.panel.problemCombo, "mlp")
    settle(app, w)
    run_to_end(app, w)
    w.modelViews.setCurrentWidget(w.modelViews.dataView)


SCENES = (("screenshot.png", "en", single),
          ("screenshot-race.png", "en", lambda app, w: race(app, w, "rosenbrock", 3000)),
          ("screenshot-mlp.png", "en", mlp),
          ("screenshot-zh_CN.png", "zh_CN", lambda app, w: race(app, w, "ellipse", 60)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gdlab.ui.screenshots",
                                     description="Take the README's screenshots again.")
    parser.add_argument("folder", nargs="?", default="resources", type=Path)
    parser.add_argument("--only", metavar="NAME", help="one of them (e.g. screenshot-race.png)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder}: not a folder")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from ..bench.sandbox import private_settings

    qInstallMessageHandler(lambda kind, context, text: None)  # the offscreen platform's notes
    sandbox = private_settings()  # the defaults, whatever the user last chose; theirs untouched
    app = QApplication.instance() or QApplication(["gdlab"])
    app.setApplicationName("gdlab")
    app.setOrganizationName("gdlab")
    for name, language, scene in SCENES:
        if args.only and name != args.only:
            continue
        w = new_window(app, language)
        scene(app, w)
        settle(app, w)
        w.grab().save(str(args.folder / name))
        print(f"wrote {args.folder / name}")
        w.shutdown()
        w.deleteLater()
        app.processEvents()
    sandbox.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
