"""nbgrader cells as Red School uses them: builders and a classifier.

Six kinds of cell (nbgrader metadata schema 3), each one of nbgrader's own:

========================  =====  ==========  ========  ======  ====  =====================================
kind                      type   solution    grade     locked  task  what nbgrader does with it
========================  =====  ==========  ========  ======  ====  =====================================
read-only                 any    false       false     true    no    restored from the source if edited
exercise (answer)         code   true        false     false   no    ``### BEGIN/END SOLUTION`` removed
autograded test           code   false       true      true    no    hidden tests removed; graded
reflection (answer)       md     true        true      false   no    text replaced; read by a person
code answer               code   true        true      false   no    solution removed; read by a person
task                      md     false       false     true    yes   kept; the work below it read by a person
========================  =====  ==========  ========  ======  ====  =====================================

A reflection is worth 1 point, meaning "reviewed by the facilitator". A code answer
is nbgrader's "manually graded answer" in a code cell: the learner writes code (their
own chart, their own table) that the facilitator reads and comments on. A task is
nbgrader's "manually graded task": a locked instruction whose answer is the cells
the learner adds under it, graded as a whole. Grade ids are the cell ids, so a
problem line's cell id is also the gradebook's.
"""

from __future__ import annotations

import enum
import textwrap
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode

SCHEMA_VERSION = 3
BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class CellKind(enum.StrEnum):
    PLAIN = "plain"  # no nbgrader metadata, or all flags false
    READ_ONLY = "read-only"
    EXERCISE = "exercise"
    TEST = "test"
    REFLECTION = "reflection"
    CODE_ANSWER = "code-answer"  # nbgrader's manually graded answer, in a code cell
    TASK = "task"  # nbgrader's manually graded task
    OTHER = "other"  # a combination nbgrader itself does not use (e.g. an ungraded Markdown answer)


#: The kinds a person reads and scores at the review desk.
REVIEWED_KINDS = frozenset({CellKind.REFLECTION, CellKind.CODE_ANSWER, CellKind.TASK})


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int | None = None,
          task: bool = False) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        "task": task,
    }
    if grade or task:
        meta["points"] = points
    return meta


def _clean(source: str) -> str:
    return textwrap.dedent(source).strip()


# Source cells stay editable for authors: nbgrader's LockCells makes the
# released copies of locked and test cells read-only.


def read_only_markdown(source: str, *, cell_id: str) -> NotebookNode:
    """Instructions, context, provenance: locked so nbgrader restores them."""
    cell = nbformat.v4.new_markdown_cell(_clean(source), id=cell_id)
    cell.metadata["nbgrader"] = _meta(cell_id, grade=False, solution=False, locked=True)
    return cell


def lock_read_only(cell: NotebookNode) -> NotebookNode:
    """Make an existing cell read-only (an imported notebook's plain cell), its grade id its id."""
    cell.metadata["nbgrader"] = _meta(cell.id, grade=False, solution=False, locked=True)
    return cell


def read_only_code(source: str, *, cell_id: str) -> NotebookNode:
    """A worked example or a data cell: learners run it, cannot change it for grading."""
    cell = nbformat.v4.new_code_cell(_clean(source), id=cell_id)
    cell.metadata["nbgrader"] = _meta(cell_id, grade=False, solution=False, locked=True)
    return cell


def exercise(source: str, *, cell_id: str) -> NotebookNode:
    """The learner's answer cell; ``source`` holds ``### BEGIN/END SOLUTION``."""
    cell = nbformat.v4.new_code_cell(_clean(source), id=cell_id)
    cell.metadata["nbgrader"] = _meta(cell_id, grade=False, solution=True, locked=False)
    return cell


def autograded_test(source: str, *, cell_id: str, points: int = 1) -> NotebookNode:
    """Checks for the exercise above it; hidden part between ``### BEGIN/END HIDDEN TESTS``."""
    cell = nbformat.v4.new_code_cell(_clean(source), id=cell_id)
    cell.metadata["nbgrader"] = _meta(cell_id, grade=True, solution=False, locked=True, points=points)
    return cell


def reflection_meta(grade_id: str, *, points: int = 1) -> dict[str, Any]:
    """The nbgrader metadata of a reflection (also given to a room worksheet's sections)."""
    return _meta(grade_id, grade=True, solution=True, locked=False, points=points)


def reflection(source: str, *, cell_id: str, points: int = 1) -> NotebookNode:
    """A manually graded Markdown answer: 1 point = reviewed by the facilitator."""
    cell = nbformat.v4.new_markdown_cell(_clean(source), id=cell_id)
    cell.metadata["nbgrader"] = reflection_meta(cell_id, points=points)
    return cell


def code_answer(source: str, *, cell_id: str, points: int = 1) -> NotebookNode:
    """A manually graded code answer: code the learner writes and the facilitator reads."""
    cell = nbformat.v4.new_code_cell(_clean(source), id=cell_id)
    cell.metadata["nbgrader"] = _meta(cell_id, grade=True, solution=True, locked=False, points=points)
    return cell


def task(source: str, *, cell_id: str, points: int = 1) -> NotebookNode:
    """A manually graded task: a locked instruction; the cells a learner adds under it are the answer."""
    cell = nbformat.v4.new_markdown_cell(_clean(source), id=cell_id)
    cell.metadata["nbgrader"] = _meta(cell_id, grade=False, solution=False, locked=True, points=points, task=True)
    return cell


def new_notebook(cells: list[NotebookNode], *, title: str) -> NotebookNode:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    return nb


def nbgrader_meta(cell: dict) -> dict | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else None


#: nbgrader grades a Markdown cell only as a manually graded answer: a reflection.
REFLECTION_CELL_TYPE = "markdown"


def is_reflection_kind(cell_type: str | None, *, grade: bool, solution: bool) -> bool:
    """What a reflection is, defined once: a Markdown answer (solution) cell that is graded,
    which in nbgrader means read and scored by a person."""
    return cell_type == REFLECTION_CELL_TYPE and grade and solution


def is_reflection(cell: dict) -> bool:
    """Is this notebook cell a reflection (also a Jinja filter of the feedback template)?"""
    return classify(cell) is CellKind.REFLECTION


def classify(cell: dict) -> CellKind:
    meta = nbgrader_meta(cell)
    if meta is None:
        return CellKind.PLAIN
    grade, solution, locked = (bool(meta.get(k)) for k in ("grade", "solution", "locked"))
    ctype = cell.get("cell_type")
    if meta.get("task"):
        return CellKind.TASK if ctype == "markdown" and not (grade or solution) else CellKind.OTHER
    if solution and grade:
        if is_reflection_kind(ctype, grade=grade, solution=solution):
            return CellKind.REFLECTION
        return CellKind.CODE_ANSWER if ctype == "code" else CellKind.OTHER
    if solution:
        return CellKind.EXERCISE if ctype == "code" else CellKind.OTHER
    if grade:
        return CellKind.TEST if ctype == "code" else CellKind.OTHER
    if locked:
        return CellKind.READ_ONLY
    return CellKind.PLAIN


def source_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


#: A circle worksheet's parts: each starts with a `## ` heading in its own Markdown cell,
#: where the circle writes and on which the facilitator comments (grading/room_review.py).
WORKSHEET_SECTION_HEADING = "## "


def worksheet_sections(notebook) -> list[str]:
    """The ids of a circle worksheet's sections (Markdown cells that start with `## `)."""
    return [
        c.get("id") for c in notebook.get("cells", [])
        if c.get("cell_type") == "markdown" and source_text(c).lstrip().startswith(WORKSHEET_SECTION_HEADING)
    ]
