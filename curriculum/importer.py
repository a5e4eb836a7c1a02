"""``redschool unit import PATH...``: existing notebooks, plain Jupyter or nbgrader source
notebooks, turned into a unit that passes ``redschool check`` — or, when something cannot
be converted, one line per cell saying what and why, and nothing written.

Every nbgrader cell kind maps onto one of Red School's (:mod:`curriculum.cells`), so
nbgrader's cells keep their meaning: answers, tests, manually graded answers in Markdown
(reflections) and in code, tasks, read-only cells. What the conversion does besides:

- reads any nbformat 4 (or 3) notebook through nbformat and writes format 4.5, giving
  every cell an id: its nbgrader grade id where it has one (grade ids are cell ids here),
  else ``cell-<n>``;
- upgrades old nbgrader metadata with nbgrader's own metadata validator;
- sets the kernel to Python 3 (``python``, ``python3`` and the like), strips outputs;
- locks plain cells read-only, and autograded tests (nbgrader's release locks them anyway);
- puts an exercise's whole source between solution markers when it has none (nbgrader
  clears such a cell whole, so learners see the same blank);
- copies files the notebooks name that sit beside them (images, data);
- adds what every Red School unit has and nbgrader notebooks lack: a closing reflection
  when there is none, a cell saying how to submit, a manifest and a facilitator guide
  drawn from the notebooks.

The unit is assembled in a temporary folder beside its destination and checked with the
check's own static rules; only a unit with no problem is moved into place.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from curriculum import cells as C
from curriculum import netguard
from curriculum.errors import CurriculumError, Problem
from curriculum.load import DEFAULT_ROOT, Unit, readings_root_for, scan_curriculum
from curriculum.models import GUIDE_NAME, MANIFEST_NAME, PROGRAMME_MANIFEST_NAME, UnitManifest, is_unit_id
from curriculum.rules import SUBMIT_TEXT, notebook_static_problems, tells_how_to_submit, unit_static_problems

_CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
#: The estimate when nothing says how long the notebooks take; the importer says so.
DEFAULT_MINUTES = 60


@dataclass
class Imported:
    """What an import wrote, and what it changed on the way (said to the person)."""

    folder: Path
    notes: list[str] = field(default_factory=list)


def _refusal(path: Path, label: str | None, what: str, todo: str) -> Problem:
    return Problem(path, None, label, "import", f"could not convert: {what}", todo)


def _label(cell: dict, index: int) -> str:
    cid = cell.get("id")
    return cid if isinstance(cid, str) and cid else f"#{index + 1}"


def _read(path: Path) -> tuple[nbformat.NotebookNode | None, list[Problem]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about missing cell ids: the import gives them
            return nbformat.read(path, as_version=4), []
    except (json.JSONDecodeError, UnicodeDecodeError, nbformat.reader.NotJSONError):
        return None, [_refusal(path, None, "the file is not notebook JSON", "open and save it in JupyterLab, or pass the right file")]
    except Exception as exc:  # nbformat's own reader errors (unknown version, not a notebook)
        return None, [_refusal(path, None, f"nbformat cannot read it ({type(exc).__name__}: {exc})", "open and save it in JupyterLab 4, then import again")]


def convert_notebook(nb: nbformat.NotebookNode, path: Path, taken: set[str],
                     labels: dict[str, str] | None = None) -> tuple[nbformat.NotebookNode, list[Problem], list[str]]:
    """A Red School source notebook made from ``nb`` (read from ``path``): the converted
    notebook, the cells it could not convert, and notes on what it changed. ``taken``
    holds the cell ids already used in the unit (grade ids must be unique in an assignment);
    ``labels``, if given, receives each new cell id's label in the original notebook."""
    from nbgrader.nbgraderformat import MetadataValidator

    nb = copy.deepcopy(nb)
    refusals: list[Problem] = []
    notes: list[str] = []
    spec = nb.metadata.get("kernelspec") or {}
    language = (spec.get("language") or nb.metadata.get("language_info", {}).get("name") or "python").lower()
    if language != "python":
        return nb, [_refusal(path, None, f"the notebook is written for {language} (kernel '{spec.get('name')}'); Red School runs Python 3 only",
                             "translate it to Python first")], notes
    if spec.get("name") != C.KERNELSPEC["name"]:
        notes.append(f"{path.name}: kernel '{spec.get('name')}' set to python3")
    nb.metadata["kernelspec"] = dict(C.KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    if (nb.nbformat, nb.nbformat_minor) < (4, 5):
        notes.append(f"{path.name}: notebook format {nb.nbformat}.{nb.nbformat_minor} upgraded to 4.5, with cell ids")
    nb.nbformat, nb.nbformat_minor = 4, 5
    try:
        MetadataValidator().upgrade_notebook_metadata(nb)
    except Exception as exc:  # metadata too new or malformed for nbgrader itself
        return nb, [_refusal(path, None, f"nbgrader cannot read its metadata ({type(exc).__name__}: {str(exc).splitlines()[0]})",
                             "open it with the nbgrader it was made with and save it again")], notes

    counts = {"locked": 0, "wrapped": 0}
    for index, cell in enumerate(nb.cells):
        label = _label(cell, index)
        source = C.source_text(cell)
        meta = C.nbgrader_meta(cell)
        cell.id = _new_id(meta.get("grade_id") if meta else None, cell.get("id"), taken, index)
        if labels is not None:
            labels[cell.id] = label
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            found = netguard.scan_code(source)
        else:
            found = netguard.scan_markdown(source) if cell.cell_type == "markdown" else []
        if found:
            refusals.append(_refusal(path, label, f"the cell {' and '.join(found)}, and units run offline",
                                     "put the data beside the notebook and read it from there, then import again"))
            continue
        if cell.cell_type == "raw":
            continue
        kind = C.classify(cell)
        if kind == C.CellKind.PLAIN:
            if C.BEGIN_SOLUTION.lstrip("# ") in source or C.BEGIN_HIDDEN.lstrip("# ") in source:
                refusals.append(_refusal(path, label, "the cell has solution or hidden-test markers but no nbgrader metadata, "
                                         "so it is unclear whether it is an answer or a test",
                                         "mark it in JupyterLab's nbgrader toolbar (Autograded answer or Autograder tests), then import again"))
                continue
            C.lock_read_only(cell)
            counts["locked"] += 1
            continue
        if kind == C.CellKind.OTHER:
            refusals.append(_refusal(path, label, f"nbgrader flags {{grade: {meta.get('grade')}, solution: {meta.get('solution')}, "
                                     f"task: {meta.get('task')}}} on a {cell.cell_type} cell are no kind of cell nbgrader grades",
                                     "choose the cell's kind again in nbgrader's toolbar, then import again"))
            continue
        meta["grade_id"] = cell.id
        if (meta.get("grade") or kind == C.CellKind.TASK) and not _positive(meta.get("points")):
            refusals.append(_refusal(path, label, f"the graded cell has points {meta.get('points')!r}, and a graded cell here is worth 1 or more",
                                     "give it points in nbgrader's toolbar, then import again"))
            continue
        if kind == C.CellKind.TEST:
            meta["locked"] = True
        elif kind == C.CellKind.TASK:
            meta["locked"] = True
        elif kind == C.CellKind.EXERCISE and C.BEGIN_SOLUTION.lstrip("# ") not in source:
            cell.source = f"{C.BEGIN_SOLUTION}\n{source.rstrip()}\n{C.END_SOLUTION}"
            counts["wrapped"] += 1
    if counts["locked"]:
        notes.append(f"{path.name}: {counts['locked']} plain cell(s) locked read-only")
    if counts["wrapped"]:
        notes.append(f"{path.name}: {counts['wrapped']} answer cell(s) without solution markers put between them whole")
    return nb, refusals, notes


def _positive(points) -> bool:
    return isinstance(points, (int, float)) and not isinstance(points, bool) and points > 0


def _new_id(grade_id, cell_id, taken: set[str], index: int) -> str:
    for candidate in (grade_id, cell_id):
        if isinstance(candidate, str) and _CELL_ID.match(candidate) and candidate not in taken:
            taken.add(candidate)
            return candidate
    n = index + 1
    while f"cell-{n}" in taken:  # a second notebook's cell at the same place
        n += 1
    taken.add(f"cell-{n}")
    return f"cell-{n}"


def _notebook_paths(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.ipynb") if not p.name.startswith("."))
            if not inside:
                raise CurriculumError(f"{path} holds no notebooks (*.ipynb) — pass notebooks, or a folder of them")
            found += inside
        elif path.is_file() and path.suffix == ".ipynb":
            found.append(path)
        else:
            raise CurriculumError(f"{path} is not a notebook (.ipynb) or a folder of notebooks — pass notebooks to import")
    names = [p.name for p in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise CurriculumError(f"two notebooks are both named {', '.join(twice)} — a unit folder holds each name once: rename one")
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63]


def _first_heading(nb) -> str | None:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = re.search(r"^#{1,2}\s+(.+?)\s*#*\s*$", C.source_text(cell), re.M)
            if found:
                return re.sub(r"[*_`]", "", found.group(1)).strip()
    return None


def _data_files(sources: list[Path], nbs: list) -> list[Path]:
    """Files beside the notebooks that a cell names (images, data), to copy into the unit."""
    text = "\n".join(C.source_text(c) for nb in nbs for c in nb.cells)
    files = []
    for folder in sorted({p.parent for p in sources}):
        for candidate in sorted(folder.iterdir()):
            if candidate.is_file() and candidate.suffix != ".ipynb" and not candidate.name.startswith(".") and candidate.name in text:
                files.append(candidate)
    return files


def _question_before(nb, index: int) -> str:
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown" and C.classify(cell) not in C.REVIEWED_KINDS:
            text = " ".join(C.source_text(cell).split())
            return re.sub(r"^[-#\s]+", "", text)[:300]
    return ""


def guide_text(title: str, programme_title: str, position: int, nbs: dict[str, nbformat.NotebookNode]) -> str:
    """A facilitator guide drawn from the notebooks: the questions a person reviews, the
    checks learners meet, and the session plan every unit has."""
    reviewed, checks = [], []
    for name, nb in nbs.items():
        for index, cell in enumerate(nb.cells):
            kind = C.classify(cell)
            if kind in C.REVIEWED_KINDS:
                what = {C.CellKind.REFLECTION: "written answer", C.CellKind.CODE_ANSWER: "code answer", C.CellKind.TASK: "task"}[kind]
                prompt = " ".join(C.source_text(cell).split())[:300] if kind == C.CellKind.TASK else _question_before(nb, index)
                reviewed.append(f"- `{name}`, cell `{cell.id}` ({what}, {cell.metadata.nbgrader.points} point(s)): {prompt}")
            elif kind == C.CellKind.TEST:
                first = C.source_text(cell).strip().splitlines()[0].strip().strip('"\'# ')
                checks.append(f"- `{cell.id}`: {first}")
    questions = [line.split("): ", 1)[-1] for line in reviewed if "): " in line and line.split("): ", 1)[-1]]
    discussion = "\n".join(f"{n}. {q}" for n, q in enumerate(questions[:5], start=1)) or "1. What did the notebook show you that you did not expect?"
    return f"""# Facilitator guide: {title}

{programme_title}, unit {position}. One session of two hours. This unit was brought in from
existing notebooks with `redschool unit import`; the notes below are drawn from them.

## Session plan

| time | block | what happens |
|---|---|---|
| 0:00–0:15 | Opening check-in | Each person: one sentence on how they arrive today, and one thing from the notebooks that stayed with them. |
| 0:15–1:05 | Discussion | The discussion questions below, in pairs first, then all together. |
| 1:05–1:45 | Exercise debrief | Go through the exercises together: what did people try, where did they get stuck? |
| 1:45–2:00 | Closing | What do we take into our organising this week? Name the next unit. |

## Discussion questions

{discussion}

## Common confusions

Where learners get stuck, the autograded checks say so; these are the checks in the notebooks:

{chr(10).join(checks) or "- (the notebooks have no autograded checks)"}

## Commenting on reflections

The cells you read and score at the review desk:

{chr(10).join(reviewed)}

- Comment on one strength and ask one question that takes the thought further.
- Answers are political writing and stay within the circle.
"""


def _reflection_cells() -> list:
    return [
        C.read_only_markdown("## Reflect\n\nWhat did these notebooks show you that matters for your organising? "
                             "Write a few sentences in the cell below; your facilitator reads them and comments.",
                             cell_id="imported-reflection-question"),
        C.reflection("*(A learner's answer goes here; nbgrader replaces this text in the student version.)*",
                     cell_id="imported-reflection-answer", points=1),
    ]


def import_unit(paths: list[Path], *, programme: str | None = None, unit_id: str | None = None, title: str | None = None,
                minutes: int | None = None, root: Path = DEFAULT_ROOT) -> Imported:
    """Make ``root/<programme>/<unit_id>/`` from the notebooks in ``paths`` (files or folders),
    add it at the end of the programme, and return it with notes on what was changed.

    Raises :class:`CurriculumError` — having written nothing — when an argument is wrong,
    or with one line per cell that could not be converted."""
    root = Path(root).resolve()
    sources = _notebook_paths(paths)
    scan = scan_curriculum(root)
    programmes = scan.curriculum.programmes
    if programme is None:
        if len(programmes) != 1:
            raise CurriculumError(f"which programme? pass --programme (one of: {', '.join(sorted(programmes)) or 'none'})")
        programme = next(iter(programmes))
    prog = programmes.get(programme)
    if prog is None:
        raise CurriculumError(f"no programme '{programme}' under {root} that can be read (programmes: {', '.join(sorted(programmes)) or 'none'}) — check the name, or run `redschool check`")
    unit_id = unit_id or _slug(sources[0].parent.name if len(sources) > 1 else sources[0].stem)
    if not is_unit_id(unit_id):
        raise CurriculumError(f"'{unit_id}' is not a valid unit id — pass --id with 2–63 lower-case letters, digits and hyphens")
    folder = prog.folder / unit_id
    if folder.exists() or unit_id in scan.curriculum.units or unit_id in prog.manifest.unit_ids:
        raise CurriculumError(f"unit id '{unit_id}' is already used in {root} — pass another --id; import never overwrites a unit")

    refusals: list[Problem] = []
    notes: list[str] = []
    converted: dict[str, nbformat.NotebookNode] = {}
    taken: set[str] = set()
    labels: dict[str, dict[str, str]] = {}  # notebook name -> new cell id -> its label in the original
    for path in sources:
        nb, found = _read(path)
        refusals += found
        if nb is None:
            continue
        nb, found, said = convert_notebook(nb, path, taken, labels.setdefault(path.name, {}))
        refusals += found
        notes += said
        converted[path.name] = nb
    if refusals:
        raise CurriculumError(_lines(refusals))

    last = list(converted.values())[-1]
    all_cells = [c for nb in converted.values() for c in nb.cells]
    if not any(C.classify(c) == C.CellKind.REFLECTION for c in all_cells):
        last.cells += _reflection_cells()
        notes.append(f"{list(converted)[-1]}: a closing reflection added (every unit has one for the facilitator to read)")
    if not any(tells_how_to_submit(c) for c in all_cells):
        last.cells.append(C.read_only_markdown(f"## Hand it in\n\n{SUBMIT_TEXT}", cell_id="imported-hand-in"))
        notes.append(f"{list(converted)[-1]}: a cell saying how to submit added at the end")

    title = title or _first_heading(next(iter(converted.values()))) or unit_id.replace("-", " ").capitalize()
    title = title[:120]
    position = len(prog.manifest.units) + 1
    names = ", ".join(converted)
    manifest = UnitManifest(
        id=unit_id, title=title, programme=programme, position=position,
        summary=f"{title}: brought in from {names}."[:400],
        estimated_minutes=minutes or DEFAULT_MINUTES,
        learning_goals=[f"Work through {names}: its exercises, checks and questions."[:300]],
        benchmarks=["dialectical-materialism"], capacities=["ideological"],
        readings=[], notebooks=list(converted), languages=["en"],
    )
    if not minutes:
        notes.append(f"estimated_minutes set to {DEFAULT_MINUTES}: time the notebooks and correct it")
    notes.append("summary, learning_goals, benchmarks and capacities in unit.yaml are drawn or defaulted: review them")

    staging = Path(tempfile.mkdtemp(prefix=f".import-{unit_id}-", dir=prog.folder))
    try:
        for name, nb in converted.items():
            nbformat.write(nb, staging / name)
        for data in _data_files(sources, list(converted.values())):
            shutil.copy2(data, staging / data.name)
            notes.append(f"{data.name} copied beside the notebooks")
        (staging / MANIFEST_NAME).write_text("# Unit manifest: see docs/unit-format.md for every field.\n"
                                             + yaml.safe_dump(manifest.model_dump(mode="json"), sort_keys=False, allow_unicode=True, width=100),
                                             encoding="utf-8")
        (staging / GUIDE_NAME).write_text(guide_text(title, prog.manifest.title, position, converted), encoding="utf-8")
        problems = _static_problems(staging, manifest, root)
        if problems:
            raise CurriculumError(_lines([_as_in_original(p, staging, folder, sources, labels) for p in problems]))
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    try:
        from curriculum.scaffold import _insert_into_programme

        _insert_into_programme(prog.folder / PROGRAMME_MANIFEST_NAME, unit_id, position)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)  # nothing partial: the folder goes with the failed list
        raise
    return Imported(folder, notes)


def _static_problems(staging: Path, manifest: UnitManifest, root: Path) -> list[Problem]:
    from curriculum.rules import read_notebook_json

    unit = Unit(manifest, staging)
    notebooks = {}
    problems: list[Problem] = []
    for path in unit.notebook_paths:
        data, found = read_notebook_json(path)
        problems += found
        if data is not None:
            problems += notebook_static_problems(path, data)
            notebooks[path] = data
    problems += unit_static_problems(unit, notebooks, readings_root_for(root))
    return problems


def _as_in_original(problem: Problem, staging: Path, folder: Path, sources: list[Path], labels: dict[str, dict[str, str]]) -> Problem:
    """A problem the check found in the staged unit, told about the notebook the writer has:
    its path, and the cell as it was labelled there; other files by where they would be."""
    if problem.file.parent != staging:
        return problem
    source = next((p for p in sources if p.name == problem.file.name), None)
    if source is None:
        return dataclasses.replace(problem, file=folder / problem.file.name)
    cell = labels.get(source.name, {}).get(problem.cell, problem.cell) if problem.cell else None
    return dataclasses.replace(problem, file=source, cell=cell)


def _lines(problems: list[Problem]) -> str:
    lines = [p.format() for p in problems]
    return f"nothing imported: {len(problems)} cell(s) or file(s) could not be converted:\n" + "\n".join(lines)
