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


def autograde_steps() -> list[str]:
    """nbgrader's own autograde steps, read from nbgrader (not copied), with its Execute
    replaced by NotebookTimeLimit: what the course config gives `Autograde.autograde_preprocessors`."""
    from nbgrader.converters import Autograde

    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    if Execute not in steps:
        raise RuntimeError("nbgrader's autograde no longer runs its Execute step; review grading/execution.py")
    return [
        f"{NotebookTimeLimit.__module__}.{NotebookTimeLimit.__name__}" if step is Execute else f"{step.__module__}.{step.__name__}"
        for step in steps
    ]


class NotebookTimeLimit(Execute):
    seconds = Integer(
        120,
        help="Seconds one submitted notebook may run in total when autograded, e.g. 120.",
    ).tag(config=True)

    def preprocess(self, nb, resources, *args, **kwargs):
        deadline = time.monotonic() + self.seconds

        def time_left(cell) -> int:
            # At least a second, so that the cells after a runaway one still get a fair try.
            return max(1, int(deadline - time.monotonic()))

        # nbclient's public hook for a per-cell timeout (it overrides `timeout`).
        self.timeout_func = time_left
        return super().preprocess(nb, resources, *args, **kwargs)
