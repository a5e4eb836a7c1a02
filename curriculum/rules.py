"""The static stage of ``redschool check``: rules that read files only, and are fast.

Every notebook's JSON, cell ids, committed outputs, nbgrader metadata, reflections
and network use; a unit's reflections and facilitator guide. Each finding is a
:class:`~curriculum.errors.Problem` with a stable kind (``curriculum.check.KINDS``).
"""

from __future__ import annotations

import copy
import warnings
import json
import re
from pathlib import Path

from curriculum import cells as C
from curriculum import netguard
from curriculum.errors import Problem
from curriculum.load import Unit

GUIDE_SECTIONS = ("Session plan", "Discussion questions", "Common confusions", "Commenting on reflections")
NETWORK_TODO = "units run offline: put the data in the unit folder (or in exercises/) and read it from there"
_HERE = "see docs/unit-format.md"





def cell_label(cell: dict, index: int) -> str:
    cid = cell.get("id")
    return cid if isinstance(cid, str) and cid else f"#{index + 1}"


def read_notebook_json(path: Path) -> tuple[dict | None, list[Problem]]:
    """The notebook as a dict, or the problem that stops it being read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(path, None, None, "notebook-json", "not UTF-8 text", "save the notebook again from JupyterLab")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(path, exc.lineno, None, "notebook-json", f"not valid JSON ({exc.msg}, column {exc.colno})",
                              "fix the JSON at that line (often a merge conflict or a hand edit), then open and save it in JupyterLab")]
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, [Problem(path, None, None, "notebook-format", "not a notebook (no list of cells)",
                              "check that this is the .ipynb file you meant, saved from JupyterLab")]
    return data, []


def _format_problems(path: Path, data: dict) -> list[Problem]:
    import nbformat

    if (data.get("nbformat"), data.get("nbformat_minor", 0)) < (4, 5):
        return [Problem(path, None, None, "notebook-format",
                        f"notebook format {data.get('nbformat')}.{data.get('nbformat_minor')} has no cell ids",
                        "open and save it in JupyterLab 4, which upgrades it to format 4.5 with cell ids")]
    missing = [
        Problem(path, None, f"#{index + 1}", "cell-id", "the cell has no id",
                "open and save the notebook in JupyterLab 4, which gives every cell an id")
        for index, cell in enumerate(data["cells"])
        if not isinstance(cell, dict) or not cell.get("id")
    ]
    if missing:
        return missing
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about what it is about to report anyway
            nbformat.validate(copy.deepcopy(data), version=4, relax_add_props=False)
    except nbformat.ValidationError as exc:
        where = "/".join(str(p) for p in getattr(exc, "absolute_path", [])) or "notebook"
        return [Problem(path, None, None, "notebook-format", f"invalid notebook at {where}: {exc.message}",
                        "open and save it in JupyterLab, or fix that part of the JSON")]
    return []


def _solution_region_problem(source: str, begin: str, end: str) -> str | None:
    depth = 0
    for line in source.splitlines():
        if begin.lstrip("# ") in line:
            if depth:
                return f"`{begin}` twice without `{end}`"
            depth = 1
        elif end.lstrip("# ") in line:
            if not depth:
                return f"`{end}` without `{begin}`"
            depth = 0
    return f"`{begin}` without `{end}`" if depth else None


def notebook_static_problems(path: Path, data: dict) -> list[Problem]:
    """Cell ids, outputs, nbgrader metadata and network use of one notebook."""
    from nbgrader.nbgraderformat import ValidationError as NbgValidationError
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    problems = _format_problems(path, data)
    if problems:
        return problems
    spec = (data.get("metadata") or {}).get("kernelspec") or {}
    if spec.get("name") != "python3":
        problems.append(Problem(path, None, None, "kernel", f"the notebook's kernel is '{spec.get('name')}', not python3",
                                "choose the Python 3 (ipykernel) kernel in JupyterLab and save"))
    validator = MetadataValidatorV3()
    ids: dict[str, str] = {}
    grade_ids: dict[str, str] = {}
    exercise_since_test = False
    for index, cell in enumerate(data["cells"]):
        label = cell_label(cell, index)
        before = len(problems)
        P = lambda kind, what, todo: problems.append(Problem(path, None, label, kind, what, todo))  # noqa: E731
        cid = cell.get("id")
        if cid in ids:
            P("cell-id", f"cell id '{cid}' is also used by an earlier cell", "give each cell its own id (JupyterLab does when you copy cells)")
        elif isinstance(cid, str):
            ids[cid] = label
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            P("outputs", "the cell has committed outputs or an execution count",
              f"strip them before committing: `nbstripout {path.name}` (it keeps the nbgrader metadata)")
        source = C.source_text(cell)
        kind = C.classify(cell)
        meta = C.nbgrader_meta(cell) or {}
        if cell.get("cell_type") == "code":
            findings = netguard.scan_code(source)
            if findings:
                P("network", f"the cell {_and(findings)}", NETWORK_TODO)
        elif cell.get("cell_type") == "markdown":
            findings = netguard.scan_markdown(source)
            if findings:
                P("network", f"the cell {_and(findings)}", "save the file into the unit folder and link it by name: " + NETWORK_TODO)
        if cell.get("cell_type") == "raw":
            continue
        if kind == C.CellKind.PLAIN:
            P("not-read-only", "the cell is not read-only",
              "lock it (nbgrader `locked: true` with a `grade_id`, e.g. the cell id) so nbgrader restores it if a learner edits it")
            if C.BEGIN_SOLUTION.lstrip("# ") in source:
                P("solution-region", "the cell has a solution region but is not an exercise cell",
                  "mark it as an exercise (nbgrader `solution: true`) or remove the markers")
            continue
        schema = meta.get("schema_version")
        if schema != C.SCHEMA_VERSION:
            P("nbgrader-metadata", f"nbgrader metadata schema is {schema}, not {C.SCHEMA_VERSION}",
              f"run `nbgrader update {path.name}` to upgrade it")
            continue
        if not all(isinstance(meta.get(key), bool) for key in ("grade", "solution", "locked")):
            P("nbgrader-metadata", "nbgrader `grade`, `solution` and `locked` must each be true or false",
              "set all three (see docs/unit-format.md, 'Notebook cells')")
            continue
        grade_id = meta.get("grade_id")
        if not isinstance(grade_id, str) or not grade_id.strip():
            P("nbgrader-metadata", "the nbgrader cell has no grade_id", "set `grade_id` (use the cell id)")
            continue
        if grade_id in grade_ids:
            P("duplicate-grade-id", f"grade id '{grade_id}' is also used by cell {grade_ids[grade_id]}",
              "give each nbgrader cell its own grade_id (the cell id is a good choice)")
        else:
            grade_ids[grade_id] = label
        if meta.get("grade"):
            points = meta.get("points")
            if not isinstance(points, (int, float)) or isinstance(points, bool) or points <= 0:
                P("points-missing", "the graded cell has no points" if points is None else f"the graded cell has points {points!r}",
                  "set nbgrader `points` to 1 or more (a reflection is worth 1: reviewed by the facilitator)")
        if kind == C.CellKind.OTHER:
            P("nbgrader-metadata", f"nbgrader flags {{grade: {meta['grade']}, solution: {meta['solution']}, locked: {meta['locked']}}} on a {cell.get('cell_type')} cell are not a Red School cell kind",
              "make it read-only, an exercise (code), an autograded test (code) or a reflection (Markdown) — see docs/unit-format.md")
            continue
        if kind == C.CellKind.EXERCISE:
            exercise_since_test = True
            trouble = _solution_region_problem(source, C.BEGIN_SOLUTION, C.END_SOLUTION)
            if trouble or C.BEGIN_SOLUTION.lstrip("# ") not in source:
                P("solution-region", f"the exercise cell has {trouble or 'no `### BEGIN SOLUTION` region'}",
                  "put the placeholder line (`answer = ...`) first, then the solution between `### BEGIN SOLUTION` and `### END SOLUTION`")
        elif C.BEGIN_SOLUTION.lstrip("# ") in source and kind != C.CellKind.REFLECTION:
            P("solution-region", "the cell has a solution region but is not an exercise cell",
              "mark it as an exercise (nbgrader `solution: true`) or remove the markers")
        if kind == C.CellKind.TEST:
            if not meta.get("locked"):
                P("test-unlocked", "the autograded test cell is not locked",
                  "set nbgrader `locked: true` so learners cannot change the test")
            if not exercise_since_test:
                P("test-without-solution", "the autograded test has no exercise cell before it",
                  "add an exercise cell (nbgrader `solution: true`) between the previous test and this one")
            exercise_since_test = False
            trouble = _solution_region_problem(source, C.BEGIN_HIDDEN, C.END_HIDDEN)
            if trouble:
                P("solution-region", f"the test cell has {trouble}", "balance the hidden-test markers")
        elif C.BEGIN_HIDDEN.lstrip("# ") in source:
            P("solution-region", "hidden-test markers outside an autograded test cell",
              "move the hidden tests into the test cell, or remove the markers")
        if len(problems) > before:
            continue  # nbgrader's own validator would only repeat what we said
        try:
            validator.validate_cell(_node(cell))
        except NbgValidationError as exc:
            P("nbgrader-metadata", f"nbgrader rejects the cell metadata: {str(exc).splitlines()[0][:160]}", _HERE)
        except Exception as exc:  # malformed metadata the schema validator trips over
            P("nbgrader-metadata", f"nbgrader cannot read the cell metadata ({type(exc).__name__}: {exc})", _HERE)
    return problems


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _node(cell: dict):
    from nbformat import from_dict

    return from_dict(cell)


def unit_static_problems(unit: Unit, notebooks: dict[Path, dict]) -> list[Problem]:
    """Unit-wide checks: at least one reflection; the guide's sections."""
    problems = []
    has_reflection = any(
        C.classify(cell) == C.CellKind.REFLECTION for data in notebooks.values() for cell in data["cells"]
    )
    if notebooks and not has_reflection:
        first = unit.notebook_paths[0]
        problems.append(Problem(first, None, None, "no-reflection", "the unit has no reflection for a facilitator to read",
                                "add a reflection question and, under it, a Markdown answer cell with nbgrader "
                                "`solution: true, grade: true, locked: false, points: 1`"))
    if unit.guide_path.is_file():
        headings = {m.group(1).strip() for m in re.finditer(r"^##\s+(.+?)\s*$", unit.guide_path.read_text(encoding="utf-8"), re.M)}
        for section in GUIDE_SECTIONS:
            if section not in headings:
                problems.append(Problem(unit.guide_path, None, None, "guide-section", f"no '## {section}' section",
                                        f"add a '## {section}' heading and its text (the scaffold from `redschool unit new` has them all)"))
    return problems


