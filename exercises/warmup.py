"""A learner's first chart without the wait: an IPython extension loaded in learners' kernels.

``import exercises`` stays light (STYLE.md 8): pandas and plotly are imported by the
first function that needs them, which made a learner's first data cell and first chart
pay for those imports (seconds on a busy machine) while the cell showed ``[*]`` and
nothing else. With this extension (``--ext=exercises.warmup``, in the learners' kernel
spec, hub/workspace.py) the kernel imports them in a background thread as soon as it
starts, while the learner reads the unit's introduction, and prepares the house chart
style (exercises.charts.setup_offline_rendering).

Cells never import alongside the warm-up (two threads importing the same packages in
different orders can deadlock): a cell that starts while the warm-up still runs waits
for it, under one line that says what is happening; the line goes once it is done.
"""

from __future__ import annotations

import threading

WAITING = "Getting the data and chart tools ready (once per session, a few seconds)…"

__all__ = ["WAITING", "warm", "load_ipython_extension", "unload_ipython_extension"]


def warm() -> None:
    """Import what charts and data sets need, and set up the house chart style."""
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    from . import charts

    charts.setup_offline_rendering()


class _Warmup:
    def __init__(self) -> None:
        self.thread = threading.Thread(target=self._run, name="redschool-warmup", daemon=True)
        self.failed: BaseException | None = None

    def _run(self) -> None:
        try:
            warm()
        except BaseException as exc:  # a cell will import it again and say what is wrong
            self.failed = exc

    def pre_run_cell(self, info=None) -> None:
        if not self.thread.is_alive():
            return
        from IPython.display import clear_output

        print(WAITING, flush=True)
        self.thread.join()
        clear_output()


_ACTIVE: dict[int, _Warmup] = {}


def load_ipython_extension(shell) -> None:
    if id(shell) in _ACTIVE:
        return
    warmup = _ACTIVE[id(shell)] = _Warmup()
    shell.events.register("pre_run_cell", warmup.pre_run_cell)
    warmup.thread.start()


def unload_ipython_extension(shell) -> None:
    warmup = _ACTIVE.pop(id(shell), None)
    if warmup is not None:
        shell.events.unregister("pre_run_cell", warmup.pre_run_cell)
