"""Start the desktop app: ``gdlab`` with no arguments."""

from __future__ import annotations

import signal
import sys


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("gdlab")
    app.setOrganizationName("gdlab")
    from .window import MainWindow

    window = MainWindow()
    window.show()
    signal.signal(signal.SIGINT, lambda *_: window.close())  # Ctrl+C in the terminal closes it
    code = app.exec()
    window.shutdown()
    return code
