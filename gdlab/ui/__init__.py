"""The Qt window. ``gdlab.ui.MainWindow()`` needs a QApplication and nothing else."""

from .window import MainWindow

__all__ = ["MainWindow"]
