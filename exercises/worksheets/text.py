"""The worksheets as text: the cell source a worksheet is saved as, and Markdown for reading.

Why a Python literal in a code cell (and not widget state, a side file or a Markdown
cell): nbgrader re-executes notebooks when it autogrades and keeps only what is in
the cells' text; widget state is not saved by default and is lost on a kernel
restart; a side file is not collected with the notebook's cells nor shown on the
desk; and the kernel cannot read a Markdown cell. A code cell of plain dicts,
lists and strings is all three at once: the learner can read and edit it, the
kernel rebuilds the worksheet from it after any restart, and the facilitator reads
it on the desk as text. The form (:mod:`.editor`) only edits it, and writes it
back through IPython's ``set_next_input(..., replace=True)``, which JupyterLab
applies to the cell being run (the same door ``%load`` uses).
"""

from __future__ import annotations

import json
from typing import Any

from .model import POSITIONS, Chokepoints, ForcesTable, Hypothesis, Timeline, _Sheet

__all__ = ["literal", "cell_source", "markdown", "FACTORIES", "HEADERS", "DEFAULT_VARS"]

#: The function in ``exercises.worksheets`` that reads each kind of worksheet from its cell.
FACTORIES = {"forces": "forces_table", "timeline": "timeline", "chokepoints": "chokepoints_list",
             "hypothesis": "hypothesis"}

#: The variable each worksheet's cell assigns, unless the cell says ``var="..."``.
DEFAULT_VARS = {"forces": "forces", "timeline": "timeline", "chokepoints": "points", "hypothesis": "hypothesis"}

HEADERS = {
    "forces": "The circle's forces table",
    "timeline": "The circle's timeline of the period",
    "chokepoints": "The circle's chokepoints",
    "hypothesis": "The circle's strategy hypothesis",
}
_HOW_TO = (
    "# This cell IS the saved worksheet: edit the text here, or use the form under the cell.\n"
    "# After using the form, click in this cell and press Shift-Enter: the form's entries\n"
    "# are written back into this text (comments you add here are not kept).\n"
)


def literal(value: Any, indent: int = 0) -> str:
    """Plain data as readable Python source: one entry per line, strings in double quotes."""
    pad, inner = "    " * indent, "    " * (indent + 1)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid Python string literal
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = "".join(f"{inner}{json.dumps(k)}: {literal(v, indent + 1)},\n" for k, v in value.items())
        return "{\n" + items + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(isinstance(v, str) for v in value) and sum(len(v) for v in value) < 60:
            return "[" + ", ".join(literal(v) for v in value) + "]"
        items = "".join(f"{inner}{literal(v, indent + 1)},\n" for v in value)
        return "[\n" + items + pad + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a worksheet literal")


def cell_source(sheet: _Sheet, var: str) -> str:
    """The whole text of a worksheet cell: what the form writes back, and what a source notebook holds."""
    arguments = "".join(f"    {key}={literal(value, 1)},\n" for key, value in sheet.to_plain().items())
    if var != DEFAULT_VARS[sheet.kind]:
        arguments += f"    var={literal(var)},\n"
    return (f"# {HEADERS[sheet.kind]}.\n{_HOW_TO}"
            f"from exercises import worksheets\n\n"
            f"{var} = worksheets.{FACTORIES[sheet.kind]}(\n{arguments})\n{var}")


# --- Markdown ---------------------------------------------------------------------------


def _cell(text: str) -> str:
    """A table cell's text: no line breaks or pipes (they would break the table)."""
    return " ".join(str(text).split()).replace("|", "\\|") or "—"


def markdown(sheet: _Sheet) -> str:
    """The worksheet as Markdown: how the desk and the printed page show it."""
    if isinstance(sheet, ForcesTable):
        return _forces_md(sheet)
    if isinstance(sheet, Timeline):
        return _timeline_md(sheet)
    if isinstance(sheet, Chokepoints):
        return _chokepoints_md(sheet)
    if isinstance(sheet, Hypothesis):
        return _hypothesis_md(sheet)
    raise TypeError(f"not a worksheet: {sheet!r}")


def _problems_md(sheet: _Sheet) -> str:
    problems = sheet.problems()
    if not problems:
        return "\n*Complete: every entry is filled in and consistent.*\n"
    return "\n**Still to do:**\n\n" + "".join(f"- {_cell(p)}\n" for p in problems)


def _forces_md(table: ForcesTable) -> str:
    from .charts import balance_sentence

    lines = [f"### Forces table: {_cell(table.issue or '(issue not named)')}", "",
             "| force | class position | interests | organisation | allies | opponents | position | strength | moving |",
             "|---|---|---|---|---|---|---|---|---|"]
    for f in table.forces:
        position = f"{f.position:+d} ({POSITIONS[f.position]})".replace("+0", "0") if f.position is not None else "—"
        lines.append("| " + " | ".join(_cell(x) for x in (
            f.name, f.class_position, f.interests, f.organisation, ", ".join(f.allies), ", ".join(f.opponents),
            position, f.strength if f.strength is not None else "", f.moving)) + " |")
    return "\n".join(lines) + f"\n\n{_cell(balance_sentence(table))}.\n" + _problems_md(table)


def _timeline_md(timeline: Timeline) -> str:
    span = f" ({timeline.start}–{timeline.end})" if timeline.start and timeline.end else ""
    lines = [f"### Timeline: {_cell(timeline.period or '(period not named)')}{span}", "",
             "| year | what happened | turning point: why |", "|---|---|---|"]
    for e in timeline.ordered():
        turn = f"**yes**: {_cell(e.why)}" if e.turning_point else ""
        lines.append(f"| {e.year if e.year is not None else '—'} | {_cell(e.what)} | {turn} |")
    return "\n".join(lines) + "\n" + _problems_md(timeline)


def _chokepoints_md(points: Chokepoints) -> str:
    lines = ["### Chokepoints", "", "| where | whose power depends on it | whose cooperation can be withdrawn | how |",
             "|---|---|---|---|"]
    for c in points.chokepoints:
        lines.append("| " + " | ".join(_cell(x) for x in (c.where, c.depends, c.withdrawn_by, c.how)) + " |")
    return "\n".join(lines) + "\n" + _problems_md(points)


def _hypothesis_md(h: Hypothesis) -> str:
    lines = ["### Strategy hypothesis", "", f"> {_cell(h.sentence())}", "",
             f"- **Bloc, core:** {_cell(', '.join(h.bloc_core))}",
             f"- **Bloc, other key sectors:** {_cell(', '.join(h.bloc_key))}",
             f"- **Basis of power:** {_cell(h.basis_of_power)}",
             f"- **Chokepoints:** {_cell(', '.join(h.chokepoints))}",
             f"- **Opposing forces:** {_cell(', '.join(h.opposing_forces))}",
             f"- **How the correlation of power shifts:** {_cell(h.correlation_shift)}",
             f"- **How we would know it is wrong:** {_cell(h.test)}"]
    return "\n".join(lines) + "\n" + _problems_md(h)
