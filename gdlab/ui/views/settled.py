"""A view box that maps its items to a new range at once.

pyqtgraph's ViewBox defers the new view transform to its next paint; there the items learn
of it and change geometry, which makes the scene ask for another paint. A problem change
(new ranges on the map, the loss plot and the data view) thus painted every plot two to
seven times in a row, each pass queued behind the last with no turn for input in between.
Mapped when the range is set, the items have their geometry before the one paint.
"""

from __future__ import annotations

import pyqtgraph as pg


class SettledViewBox(pg.ViewBox):
    """A :class:`pyqtgraph.ViewBox` whose transform follows each range change immediately."""

    def updateViewRange(self, forceX: bool = False, forceY: bool = False) -> None:  # noqa: N802
        super().updateViewRange(forceX, forceY)
        if getattr(self, "_matrixNeedsUpdate", True):
            self.updateMatrix()

