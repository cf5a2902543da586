"""Helpers shared by the pytest-qt tests (imported as ``from ui_helpers import choose``)."""


def choose(combo, data) -> None:
    """Select the entry of ``combo`` whose data is ``data`` (it must exist)."""
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)
