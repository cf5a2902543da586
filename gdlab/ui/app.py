"""Start the desktop app: ``gdlab`` with no arguments."""

from __future__ import annotations

import os
import signal
import sys


def _no_display() -> str | None:
    """Why no window can open here, or None. (Qt itself would abort the process.)"""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("gdlab: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
            "set). Run it in a desktop session, or use 'gdlab run' for a headless run.")


def main() -> int:
    reason = _no_display()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("gdlab")
    app.setOrganizationName("gdlab")
    reopen = None
    while True:  # again after the Language menu's "Restart now", in the new language
        window = start_window(app, reopen)
        window.show()
        signal.signal(signal.SIGINT, lambda *_: window.close())  # Ctrl+C in the terminal closes it
        code = app.exec()
        window.shutdown()
        if not window.languages.restart_requested:
            return code
        reopen = window.languages.restart_session
        window.deleteLater()


def start_window(app, reopen=None):
    """A new window in the stored language (its translators installed before it is built);
    ``reopen``: a session file it opens (the one kept by "Restart now")."""
    from .i18n import install, stored_language
    from .window import MainWindow

    install(app, stored_language())
    window = MainWindow()
    if reopen is not None:
        window.open_session(reopen)
    return window
