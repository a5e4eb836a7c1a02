"""A per-notebook time limit for nbgrader's autograde, in a confined kernel.

nbgrader's Execute has only a per-cell timeout. This subclass gives each
notebook one budget: every cell may use what is left of it, so an infinite
loop is interrupted when the notebook's time is up (nbgrader then records a
CellTimeoutError in that cell and goes on), however many cells come before.

Its kernel is started by core.sandbox's SandboxedKernelManager (bubblewrap: a
scratch copy of the submission, clean environment, no network, rlimits, never
root), so the review desk's autograde button and `redschool autograde` both grade
confined; only the kernel is, nbgrader's own process writes the gradebook as before.
"""

from __future__ import annotations

import time

from nbgrader.preprocessors import Execute
from traitlets import Integer, default

from core.sandbox import SandboxedKernelManager

# Named, not imported: grading never imports exercises (DESIGN.md); the kernel does.
CHECK_REPORTER = "exercises.check_reporter"


def autograde_steps() -> list[str]:
    """nbgrader's own autograde steps, read from nbgrader (not copied), with its Execute
    replaced by NotebookTimeLimit and its LimitOutput by LimitOutputBytes: what the
    course config gives `Autograde.autograde_preprocessors`."""
    from nbgrader.converters import Autograde

    from nbgrader.preprocessors import LimitOutput

    from .output_limits import LimitOutputBytes

    from nbgrader.preprocessors import CheckCellMetadata

    ours = {Execute: NotebookTimeLimit, LimitOutput: LimitOutputBytes}
    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    if not set(ours) <= set(steps):
        raise RuntimeError("nbgrader's autograde steps changed (Execute, LimitOutput); review grading/execution.py")
    # No second CheckCellMetadata: nbgrader's sanitize pass (its sanitize_preprocessors,
    # the same check: sanitize_steps) has just validated the same metadata, no step here changes it, and the
    # check recompiles a JSON schema for every cell (~0.15 s of CPU per submission here).
    steps = [step for step in steps if step is not CheckCellMetadata]
    names = [f"{ours.get(step, step).__module__}.{ours.get(step, step).__name__}" for step in steps]
    # Right after the outputs are limited: the autograded notebook keeps each chart as one
    # line naming it, not its figure (grading/review_outputs.py), so it stays small.
    at = names.index(f"{LimitOutputBytes.__module__}.{LimitOutputBytes.__name__}") + 1
    return names[:at] + ["grading.review_outputs.ReviewOutputs"] + names[at:]


def sanitize_steps() -> list[str]:
    """nbgrader's own sanitize steps (read from nbgrader, not copied), with its
    CheckCellMetadata replaced by one that compiles the metadata schema once
    (grading/metadata_check.py): what the course config gives `Autograde.sanitize_preprocessors`."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import CheckCellMetadata

    from .metadata_check import CheckCellMetadataOnce

    steps = Autograde.class_traits()["sanitize_preprocessors"].default()
    if CheckCellMetadata not in steps:
        raise RuntimeError("nbgrader's sanitize steps changed (CheckCellMetadata); review grading/execution.py")
    steps = [CheckCellMetadataOnce if step is CheckCellMetadata else step for step in steps]
    return [f"{step.__module__}.{step.__name__}" for step in steps]


class NotebookTimeLimit(Execute):
    seconds = Integer(
        120,
        help="Seconds one submitted notebook may run in total when autograded, e.g. 120.",
    ).tag(config=True)

    @default("shutdown_kernel")
    def _kill_when_done(self) -> str:
        # nbclient's own switch. A graceful shutdown waited about a second per submission
        # for a kernel that had nothing left to do (and up to 5 s for a learner's atexit
        # hook); the sandbox goes with the kernel either way (bubblewrap dies with it,
        # its scratch copy is removed), and nothing the kernel does after the last cell counts.
        return "immediate"

    def __init__(self, *args, **kwargs):
        # nbgrader's Execute passes AsyncKernelManager as a keyword, which beats config.
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        # The kernel's own warnings (ipykernel's "running over TCP without encryption", on
        # loopback inside the sandbox) are not the grader's business: only errors reach
        # the log. Checks report as they do in the learner's kernel (one line; "Right: ...").
        self.extra_arguments = [*self.extra_arguments, "--IPKernelApp.log_level=ERROR", f"--ext={CHECK_REPORTER}"]

    def preprocess(self, nb, resources, *args, **kwargs):
        deadline = time.monotonic() + self.seconds

        def time_left(cell) -> int:
            # At least a second, so that the cells after a runaway one still get a fair try.
            return max(1, int(deadline - time.monotonic()))

        # nbclient's public hook for a per-cell timeout (it overrides `timeout`).
        self.timeout_func = time_left
        return super().preprocess(nb, resources, *args, **kwargs)
