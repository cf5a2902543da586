"""A throw-away settings store for the benchmarks that open the window: the user's saved
layout, last settings and autosaved session are neither read nor replaced by a benchmark's."""

from __future__ import annotations

import os
import tempfile


def private_settings() -> tempfile.TemporaryDirectory:
    """Point Qt's settings and gdlab's autosave at a new temporary folder (returned: it is
    removed when the object goes away). Call before the window is built."""
    from PySide6.QtCore import QSettings

    folder = tempfile.TemporaryDirectory(prefix="gdlab-bench-")
    os.environ["XDG_DATA_HOME"] = os.path.join(folder.name, "data")  # the autosave
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, os.path.join(folder.name, "config"))
    return folder
