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

from curriculum import advice, netguard
from curriculum import cells as C
from curriculum.errors import Problem
from curriculum.load import Unit
from curriculum.placeholders import placeholder_problems

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
    exercise_seen = False
    notes: list[Problem] = []  # placeholders, kept apart: they do not stop nbgrader's own validation
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
              f"strip them before committing: `{advice.command('nbstripout', path)}` (it keeps the nbgrader metadata)")
        source = C.source_text(cell)
        notes += placeholder_problems(path, source, cell=label)
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
              f"run `{advice.command('nbgrader', 'update', path)}` to upgrade it")
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
        if meta.get("grade") or kind == C.CellKind.TASK:
            points = meta.get("points")
            if not isinstance(points, (int, float)) or isinstance(points, bool) or points <= 0:
                P("points-missing", "the graded cell has no points" if points is None else f"the graded cell has points {points!r}",
                  "set nbgrader `points` to 1 or more (a reflection is worth 1: reviewed by the facilitator)")
        if kind == C.CellKind.OTHER:
            P("nbgrader-metadata", f"nbgrader flags {{grade: {meta['grade']}, solution: {meta['solution']}, locked: {meta['locked']}}} on a {cell.get('cell_type')} cell are not a Red School cell kind",
              "make it read-only, an exercise (code), an autograded test (code), a reflection (Markdown), a code answer (code) "
              "or a task (Markdown) — see docs/unit-format.md")
            continue
        if kind == C.CellKind.EXERCISE:
            exercise_seen = True
            trouble = _solution_region_problem(source, C.BEGIN_SOLUTION, C.END_SOLUTION)
            if trouble or C.BEGIN_SOLUTION.lstrip("# ") not in source:
                P("solution-region", f"the exercise cell has {trouble or 'no `### BEGIN SOLUTION` region'}",
                  "put the placeholder line (`answer = ...`) first, then the solution between `### BEGIN SOLUTION` and `### END SOLUTION`")
        elif kind == C.CellKind.CODE_ANSWER:
            trouble = _solution_region_problem(source, C.BEGIN_SOLUTION, C.END_SOLUTION)
            if trouble:  # without markers nbgrader clears the whole cell, which is fine for an answer of one's own
                P("solution-region", f"the code answer cell has {trouble}", "balance the solution markers, or remove them")
        elif kind == C.CellKind.TASK and not meta.get("locked"):
            P("nbgrader-metadata", "the task cell is not locked", "set nbgrader `locked: true`: learners answer in cells under the task, not in it")
        elif C.BEGIN_SOLUTION.lstrip("# ") in source and kind != C.CellKind.REFLECTION:
            P("solution-region", "the cell has a solution region but is not an exercise cell",
              "mark it as an exercise (nbgrader `solution: true`) or remove the markers")
        if kind == C.CellKind.TEST:
            if not meta.get("locked"):
                P("test-unlocked", "the autograded test cell is not locked",
                  "set nbgrader `locked: true` so learners cannot change the test")
            if not exercise_seen:  # several tests may check one exercise, as in nbgrader's own examples
                P("test-without-solution", "the autograded test has no exercise cell before it",
                  "add an exercise cell (nbgrader `solution: true`) above the test")
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
    return problems + notes


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _node(cell: dict):
    from nbformat import from_dict

    return from_dict(cell)


#: How the learner-facing time is stated, in a notebook's first cell: "about 50 minutes",
#: "about an hour", "about 2 hours", "about an hour and a half".
_TIME = re.compile(
    r"\babout\s+(?:(?P<minutes>\d+)\s+minutes|(?P<hours>\d+|an|one|two|three|four|five|six)(?P<half>\s+and\s+a\s+half)?\s+hours?"
    r"(?P<half_after>\s+and\s+a\s+half)?|(?P<half_hour>half\s+an\s+hour))",
    re.I,
)
_WORDS = {"an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: An estimate is "far" from the stated times when it is off by more than both of these.
#: Writers round each figure to 5 or 10 minutes, so a quarter of an hour absorbs the
#: rounding of a notebook and two readings; a tenth absorbs rounding to half-hours on
#: long units. Past both, a learner planning their week from the estimate is misled by
#: an evening.
TIME_SLACK_MINUTES = 15
TIME_SLACK_SHARE = 0.10


def stated_minutes(text: str) -> int | None:
    """The minutes of the first "about …" time in ``text`` (a notebook's first cell), or None."""
    found = _TIME.search(text)
    if not found:
        return None
    if found["minutes"]:
        return int(found["minutes"])
    if found["half_hour"]:
        return 30
    hours = int(found["hours"]) if found["hours"].isdigit() else _WORDS[found["hours"].lower()]
    return hours * 60 + (30 if found["half"] or found["half_after"] else 0)


def _first_markdown(data: dict) -> str:
    return next((C.source_text(c) for c in data["cells"] if c.get("cell_type") == "markdown"), "")


def _line_of_key(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _time_problems(unit: Unit, notebooks: dict[Path, dict], readings_root: Path | None) -> list[Problem]:
    """The manifest's estimate against the notebooks' own "about N minutes" plus the reading
    guides' `minutes` (the field's meaning: notebooks and readings before the session)."""
    from curriculum.readings import read_reading

    if not notebooks or len(notebooks) != len(unit.manifest.notebooks):
        return []
    stated = [stated_minutes(_first_markdown(data)) for data in notebooks.values()]
    if any(m is None for m in stated):
        return []  # nothing stated to be far from
    readings = []
    for slug in unit.manifest.readings:
        path = (readings_root or Path()) / f"{slug}.md"
        reading = read_reading(path)[0] if readings_root and path.is_file() else None
        if reading is None:
            return []  # reported as a reading problem
        readings.append((slug, reading.meta.minutes))
    expected = sum(stated) + sum(m for _, m in readings)
    estimate = unit.manifest.estimated_minutes
    if abs(estimate - expected) <= max(TIME_SLACK_MINUTES, TIME_SLACK_SHARE * expected):
        return []
    said = f"the notebook says about {stated[0]} minutes" if len(stated) == 1 else f"the notebooks say about {sum(stated)} minutes together"
    if readings:
        said += f" and the reading guides add {sum(m for _, m in readings)} ({', '.join(f'{s} {m}' for s, m in readings)})"
        said += f": {expected} in all"
    return [Problem(unit.manifest_path, _line_of_key(unit.manifest_path, "estimated_minutes"), None, "estimated-time",
                    f"estimated_minutes is {estimate}, but {said}",
                    f"set `estimated_minutes: {expected}`, or correct the time the notebook's first cell states")]


#: Where a learner submits: the button on the "My units" page (grading/templates/pages/
#: my_units.html.j2) or nbgrader's Assignments panel in JupyterLab.
SUBMIT_PLACES = ("My units", "Assignments")
SUBMIT_TEXT = ("**When you have finished:** save the notebook (Ctrl-S), go back to **My units** "
               "and press **Submit to my facilitator** beside this unit. You can submit again "
               "later; your facilitator reads the latest.")


def tells_how_to_submit(cell: dict) -> bool:
    """A Markdown cell a learner reads that says to submit, and where."""
    if cell.get("cell_type") != "markdown" or C.classify(cell) is C.CellKind.REFLECTION:
        return False
    text = C.source_text(cell)
    return bool(re.search(r"\bsubmit", text, re.I)) and any(place.lower() in text.lower() for place in SUBMIT_PLACES)


def unit_static_problems(unit: Unit, notebooks: dict[Path, dict], readings_root: Path | None = None) -> list[Problem]:
    """Unit-wide checks: at least one reflection; the guide's sections; placeholders left in
    the manifest or guide; the estimated time; how to submit."""
    problems = placeholder_problems(unit.manifest_path, unit.manifest_path.read_text(encoding="utf-8"))
    has_reflection = any(
        C.classify(cell) == C.CellKind.REFLECTION for data in notebooks.values() for cell in data["cells"]
    )
    if notebooks and not has_reflection:
        first = unit.notebook_paths[0]
        problems.append(Problem(first, None, None, "no-reflection", "the unit has no reflection for a facilitator to read",
                                "add a reflection question and, under it, a Markdown answer cell with nbgrader "
                                "`solution: true, grade: true, locked: false, points: 1`"))
    if notebooks and not any(tells_how_to_submit(cell) for data in notebooks.values() for cell in data["cells"]):
        last = list(notebooks)[-1]
        problems.append(Problem(last, None, None, "how-to-submit", "the unit never tells learners how to submit their work",
                                f'end the notebook with a read-only Markdown cell that says so, e.g. "{SUBMIT_TEXT}"'))
    problems += _time_problems(unit, notebooks, readings_root)
    if unit.guide_path.is_file():
        text = unit.guide_path.read_text(encoding="utf-8")
        headings = {m.group(1).strip() for m in re.finditer(r"^##\s+(.+?)\s*$", text, re.M)}
        for section in GUIDE_SECTIONS:
            if section not in headings:
                problems.append(Problem(unit.guide_path, None, None, "guide-section", f"no '## {section}' section",
                                        f"add a '## {section}' heading and its text (see docs/unit-format.md, 'Facilitator guide')"))
        problems += placeholder_problems(unit.guide_path, text)
    return problems
