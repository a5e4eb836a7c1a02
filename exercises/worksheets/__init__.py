"""Worksheets a circle fills in together: conjunctural analysis and the strategy sketch.

Four worksheets, each kept in the text of one notebook cell and edited there or in
a form under it (see :mod:`exercises.worksheets.text` for why the text, and
:mod:`exercises.worksheets.editor` for how the form writes back):

- ``forces_table(issue=..., forces=[...])``: the forces table, with the correlation
  of forces chart drawn from it (position on the issue against strength);
- ``timeline(period=..., start=..., end=..., events=[...])``: the period and its
  turning points;
- ``chokepoints_list(chokepoints=[...])``: where the opposition depends on
  cooperation that can be withdrawn;
- ``hypothesis(bloc_core=[...], ...)``: the strategy hypothesis template.

``check(sheet)`` is what autograded cells call: it fails, in plain words, while a
worksheet is incomplete or inconsistent (with the forces table and chokepoints
given to it), and never judges the analysis itself. ``write_printable(...)`` writes
a printable page of the worksheets. Importing this package loads neither plotly
nor ipywidgets.
"""

from __future__ import annotations

from typing import Any

from .model import (
    MOVEMENTS, POSITIONS, STRENGTH_RANGE, TEMPLATE_PARTS, Chokepoint, Chokepoints, Event, Force,
    ForcesTable, Hypothesis, Timeline,
)

__all__ = [
    "forces_table", "timeline", "chokepoints_list", "hypothesis", "check", "review", "markdown",
    "correlation_chart", "timeline_chart", "write_printable", "printable_html",
    "Force", "ForcesTable", "Event", "Timeline", "Chokepoint", "Chokepoints", "Hypothesis",
    "POSITIONS", "MOVEMENTS", "STRENGTH_RANGE", "TEMPLATE_PARTS",
]


def _open(sheet, var):
    from .editor import open_sheet

    return open_sheet(sheet, var)


def forces_table(issue: str = "", forces: Any = (), *, var: str | None = None):
    """The forces table, read from the cell's text and shown in its form with the correlation chart."""
    return _open(ForcesTable.parse(issue=issue, forces=forces), var)


def timeline(period: str = "", start: Any = None, end: Any = None, events: Any = (), *, var: str | None = None):
    """The timeline of the period, read from the cell's text and shown in its form."""
    return _open(Timeline.parse(period=period, start=start, end=end, events=events), var)


def chokepoints_list(chokepoints: Any = (), *, var: str | None = None):
    """The chokepoints list, read from the cell's text and shown in its form."""
    return _open(Chokepoints.parse(chokepoints=chokepoints), var)


def hypothesis(*, var: str | None = None, **parts: Any):
    """The strategy hypothesis, read from the cell's text and shown in its form."""
    return _open(Hypothesis.parse(**parts), var)


def _saved(item):
    return getattr(item, "saved", item)


def review(sheet, *, forces=None, chokepoints=None) -> list[str]:
    """What is missing or inconsistent in a worksheet (its saved text), tested against the others given."""
    saved = _saved(sheet)
    if isinstance(saved, Chokepoints):
        return saved.problems(_saved(forces) if forces is not None else None)
    if isinstance(saved, Hypothesis):
        return saved.problems(_saved(forces) if forces is not None else None,
                              _saved(chokepoints) if chokepoints is not None else None)
    return saved.problems()


def check(sheet, *, forces=None, chokepoints=None) -> None:
    """Fail (AssertionError, in plain words) unless the worksheet is saved, complete and consistent.

    It tests what the notebook holds, since that is what the facilitator reads and
    nbgrader collects: entries still only in the form fail with a reminder to save.
    """
    if getattr(sheet, "unsaved", False):
        raise AssertionError("The form holds changes not saved in the notebook yet: click in the worksheet's "
                             "cell and press Shift-Enter, then run this check again.")
    problems = review(sheet, forces=forces, chokepoints=chokepoints)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise AssertionError("Not complete yet: " + " ".join(problems[:3]) + more)


def markdown(sheet) -> str:
    """A worksheet's saved entries as Markdown."""
    from .text import markdown as _markdown

    return _markdown(_saved(sheet))


def correlation_chart(table):
    """The correlation of forces chart for a forces table (or its form's saved text)."""
    from .charts import correlation_chart as _chart

    return _chart(_saved(table))


def timeline_chart(line):
    from .charts import timeline_chart as _chart

    return _chart(_saved(line))


def write_printable(*sheets, path="our-analysis.html", title="Our conjunctural analysis", circle=""):
    """Write a printable, self-contained HTML page of the worksheets' saved entries."""
    from .export import write_printable as _write

    return _write(*sheets, path=path, title=title, circle=circle)


def printable_html(*sheets, title="Our conjunctural analysis", circle="", date=None) -> str:
    from .export import printable_html as _html

    return _html(*sheets, title=title, circle=circle, date=date)
