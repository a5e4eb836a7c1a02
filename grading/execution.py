"""A per-notebook time limit for nbgrader's autograde.

nbgrader's Execute has only a per-cell timeout. This subclass gives each
notebook one budget: every cell may use what is left of it, so an infinite
loop is interrupted when the notebook's time is up (nbgrader then records a
CellTimeoutError in that cell and goes on), however many cells come before.
"""

from __future__ import annotations

import time

from nbgrader.preprocessors import Execute
from traitlets import Integer


class NotebookTimeLimit(Execute):
    seconds = Integer(
        120,
        help="Seconds one submitted notebook may run in total when autograded, e.g. 120.",
    ).tag(config=True)

    def preprocess(self, nb, resources, *args, **kwargs):
        self._deadline = time.monotonic() + self.seconds
        return super().preprocess(nb, resources, *args, **kwargs)

    def _get_timeout(self, cell):
        if cell is None:
            return super()._get_timeout(cell)
        # At least a second, so that the cells after a runaway one still get a fair try.
        return max(1, int(self._deadline - time.monotonic()))
