"""``redschool check``: is a unit ready to release?

Two stages. The static stage reads files only and is fast: manifests and their
cross-references (:mod:`curriculum.load`), reading guides, facilitator guides,
and every notebook's JSON, cell ids, committed outputs, nbgrader metadata,
reflections and network use. The execution stage then runs, for each unit whose
static problems do not make running it pointless or unsafe, in parallel across
processes (one unit per task):

1. build the student version with :func:`curriculum.build.build_assignment` in a
   throwaway course, exactly as a release would;
2. execute the source (solution) version with nbclient: no cell may raise, every
   autograded test must pass;
3. run nbgrader's :class:`~nbgrader.validator.Validator` on the student version
   and read its result: every autograded test must *fail* before a learner answers
   (``nbgrader validate`` itself exits 0 either way).

All kernels run with the network guard of :mod:`curriculum.netguard`.

Every problem is one line: ``<file>[:line][:cell <id>]: <what is wrong> — <what to do>``.
"""

from __future__ import annotations

import copy
import json
import logging
import multiprocessing
import os
import re
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from curriculum import cells as C
from curriculum import netguard
from curriculum.errors import CurriculumError, Problem
from curriculum.load import DEFAULT_ROOT, Curriculum, Unit, is_curriculum_root, scan_curriculum
from curriculum.models import MANIFEST_NAME, PROGRAMME_MANIFEST_NAME
from curriculum.readings import read_reading, scan_readings

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60
#: Problem kinds, with what each means. Tests and tools match on these codes.
KINDS = {
    "yaml-syntax": "a YAML file does not parse",
    "manifest-field": "a unit manifest field is missing, unknown or invalid",
    "programme-field": "a programme manifest field is missing, unknown or invalid",
    "programme-order": "a programme's unit list and its unit folders disagree",
    "unknown-reading": "a manifest names a reading guide that does not exist",
    "missing-notebook": "a manifest names a notebook that does not exist",
    "missing-guide": "a unit has no facilitator guide",
    "guide-section": "a facilitator guide lacks a required section",
    "duplicate-id": "two units share an id",
    "position": "a unit's position is not its place in the programme's list",
    "reading-field": "a reading guide's front matter is missing, unknown or invalid",
    "reading-section": "a reading guide lacks a required section",
    "notebook-json": "a notebook is not valid JSON",
    "notebook-format": "a notebook does not follow the notebook format",
    "kernel": "a notebook is not set to the Python 3 kernel",
    "cell-id": "a cell has no id, or shares one",
    "outputs": "a source notebook has committed outputs or execution counts",
    "nbgrader-metadata": "nbgrader cell metadata is malformed or of a kind Red School does not use",
    "duplicate-grade-id": "two nbgrader cells share a grade id",
    "points-missing": "a graded cell has no points",
    "test-unlocked": "an autograded test cell is not locked",
    "test-without-solution": "an autograded test has no exercise (solution) cell before it",
    "solution-region": "solution or hidden-test markers are missing, unbalanced or misplaced",
    "not-read-only": "an instruction or example cell is not locked read-only",
    "no-reflection": "a unit has no reflection (manually graded answer)",
    "network": "a cell reaches for the network",
    "build-failed": "nbgrader could not generate the student version",
    "solution-raises": "a cell raises when the solution version runs",
    "solution-fails-test": "an autograded test fails on the solution version",
    "student-passes": "an autograded test passes on the student version, before any answer",
    "timeout": "a cell ran past the time limit",
    "kernel-died": "the kernel died while running the notebook",
}
#: Static problems that make executing the unit pointless (the build would fail,
#: or we would learn nothing new) or unsafe (network).
BLOCKING = frozenset(
    {
        "yaml-syntax", "manifest-field", "missing-notebook", "notebook-json", "notebook-format",
        "nbgrader-metadata", "duplicate-grade-id", "points-missing", "test-without-solution",
        "solution-region", "network", "cell-id",
    }
)
GUIDE_SECTIONS = ("Session plan", "Discussion questions", "Common confusions", "Commenting on reflections")
NETWORK_TODO = "units run offline: put the data in the unit folder (or in exercises/) and read it from there"
_HERE = "see docs/unit-format.md"
#: No history file; and no start-up warning about TCP on loopback, which is noise here.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]


# --- static: notebooks --------------------------------------------------------


def _cell_label(cell: dict, index: int) -> str:
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
        label = _cell_label(cell, index)
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


# --- execution ----------------------------------------------------------------


def _error_outputs(cell) -> list:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _quiet_logger(name: str) -> logging.Logger:
    """nbclient and nbgrader log what the check reports anyway (timeouts, errors);
    keep it out of the terminal, at debug level in our log."""
    logger = logging.getLogger(f"{__name__}.{name}")
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(_ToDebug())
    return logger


class _ToDebug(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            log.debug("%s: %s", record.name, record.getMessage())
        except Exception:
            pass


def run_solution(nb_path: Path, *, timeout: int = DEFAULT_TIMEOUT):
    """Execute a notebook as it stands (the solution version) in its folder;
    return the executed notebook. Errors are kept in the outputs."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": "CellTimeoutError", "evalue": f"the cell ran longer than {timeout} s", "traceback": []},
        resources={"metadata": {"path": str(nb_path.parent)}},
        extra_arguments=KERNEL_ARGUMENTS,
        log=_quiet_logger("nbclient"),
    )
    client.execute()
    return nb


def solution_problems(source_path: Path, executed, *, timeout: int = DEFAULT_TIMEOUT) -> list[Problem]:
    """Problems from an executed solution version, named against ``source_path``."""
    problems = []
    for index, cell in enumerate(executed.cells):
        errors = _error_outputs(cell)
        if cell.cell_type != "code" or not errors:
            continue
        label = _cell_label(cell, index)
        error = errors[0]
        ename, evalue = error.get("ename", "Error"), str(error.get("evalue", "")).strip()
        shown = f"{ename}: {evalue}" if evalue else ename
        if ename == netguard.GUARD_ERROR:
            problems.append(Problem(source_path, None, label, "network", f"the cell reached for the network when run ({evalue})", NETWORK_TODO))
        elif ename in ("CellTimeoutError", "KeyboardInterrupt"):  # the check interrupts only on timeout
            problems.append(Problem(source_path, None, label, "timeout", f"the cell ran longer than {timeout} s",
                                    "make the cell faster (smaller data, fewer loops) or raise `redschool check --timeout`"))
        elif C.classify(cell) == C.CellKind.TEST:
            problems.append(Problem(source_path, None, label, "solution-fails-test", f"the autograded test fails on the solution ({shown})",
                                    "fix the solution in the exercise cell above, or the test"))
            continue
        else:
            problems.append(Problem(source_path, None, label, "solution-raises", f"the cell raises when the solution version runs ({shown})",
                                    "fix it so the notebook runs top to bottom (cells after it were not judged)"))
        break  # later failures are most likely this one's consequences
    return problems


def student_problems(source_path: Path, release_path: Path, *, timeout: int = DEFAULT_TIMEOUT) -> list[Problem]:
    """Run nbgrader's Validator on the student version and read its result: every
    autograded test must fail before a learner answers."""
    import nbformat
    from nbgrader.validator import Validator
    from traitlets.config import Config

    config = Config()
    config.Validator.invert = True  # report the tests that *pass*
    config.Execute.timeout = timeout
    config.Execute.extra_arguments = KERNEL_ARGUMENTS
    results = Validator(config=config, log=_quiet_logger("validator")).validate(str(release_path))
    student = nbformat.read(release_path, as_version=4)
    problems = []
    if results.get("type_changed") or results.get("changed"):
        problems.append(Problem(source_path, None, None, "build-failed",
                                "nbgrader reports changed cells in the freshly built student version",
                                "this is a bug in the build: report it with the notebook attached"))
    for passed in results.get("passed", []):
        matches = [
            _cell_label(cell, i) for i, cell in enumerate(student.cells)
            if C.classify(cell) == C.CellKind.TEST and cell.source.strip() == passed["source"]
        ] or [None]
        for label in matches:
            problems.append(Problem(source_path, None, label, "student-passes",
                                    "the autograded test passes on the student version, before the learner has answered",
                                    "add a visible check that fails on the blank (e.g. `assert answer is not ...`), "
                                    "and keep the answer out of the cells learners see"))
    return problems


def execute_unit(unit: Unit, *, timeout: int = DEFAULT_TIMEOUT) -> list[Problem]:
    """The execution stage for one unit (runs in a worker process)."""
    from curriculum.build import build_assignment

    problems: list[Problem] = []
    try:
        with tempfile.TemporaryDirectory(prefix=f"redschool-check-{unit.id}-") as tmp, netguard.guarded_kernels():
            course = Path(tmp) / "course"
            try:
                release = build_assignment(unit, course, course_id="redschool-check")
            except CurriculumError as exc:
                return [Problem(unit.manifest_path, None, None, "build-failed", str(exc),
                                "fix the notebook's nbgrader metadata (run `redschool check` again after each fix)")]
            source_dir = course / "source" / unit.id
            for name in unit.manifest.notebooks:
                source_path = unit.folder / name
                try:
                    executed = run_solution(source_dir / name, timeout=timeout)
                except Exception as exc:  # DeadKernelError, kernel start failures
                    problems.append(Problem(source_path, None, None, "kernel-died", f"the notebook could not be run ({type(exc).__name__}: {exc})",
                                            "run it in JupyterLab to see why (memory? an infinite loop?)"))
                    continue
                found = solution_problems(source_path, executed, timeout=timeout)
                problems += found
                if any(p.kind != "solution-fails-test" for p in found):
                    continue  # the student version would fail for the same reason
                problems += student_problems(source_path, release / name, timeout=timeout)
    except Exception as exc:  # a bug of ours must not hide the other units' results
        log.exception("checking %s crashed", unit.id)
        problems.append(Problem(unit.manifest_path, None, None, "kernel-died", f"the check crashed on this unit ({type(exc).__name__}: {exc})",
                                "run `redschool -vv check` on this unit and report the log"))
    return problems


# --- targets and orchestration ------------------------------------------------


@dataclass
class Target:
    """What one PATH argument asks to check, within its curriculum root."""

    root: Path
    kind: str  # "curriculum" | "programme" | "unit"
    folder: Path


def resolve_target(path: Path) -> Target:
    path = Path(path).resolve()
    if not path.exists():
        raise CurriculumError(f"{path} does not exist — pass a unit folder, a programme folder or the curriculum folder")
    if path.is_file() and path.name in (MANIFEST_NAME, PROGRAMME_MANIFEST_NAME):
        path = path.parent
    elif path.is_file() and path.suffix == ".ipynb" and (path.parent / MANIFEST_NAME).is_file():
        path = path.parent
    if (path / MANIFEST_NAME).is_file():
        return Target(path.parent.parent, "unit", path)
    if (path / PROGRAMME_MANIFEST_NAME).is_file():
        return Target(path.parent, "programme", path)
    if is_curriculum_root(path):
        return Target(path, "curriculum", path)
    raise CurriculumError(f"{path} is not a unit folder (with {MANIFEST_NAME}), a programme folder (with "
                          f"{PROGRAMME_MANIFEST_NAME}) or a curriculum folder (with programme folders) — pass one of those")


@dataclass
class Report:
    """Everything a check run found, with counts for the summary line."""

    problems: list[Problem] = field(default_factory=list)
    units: int = 0
    notebooks: int = 0
    executed: int = 0
    workers: int = 1
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        ran = f", {self.executed} executed with {self.workers} worker{'s' * (self.workers != 1)}" if self.executed else ", none executed"
        head = f"{self.units} unit{'s' * (self.units != 1)}, {self.notebooks} notebook{'s' * (self.notebooks != 1)}{ran}, {self.seconds:.1f} s"
        if self.ok:
            return f"all good: {head}"
        return f"{len(self.problems)} problem{'s' * (len(self.problems) != 1)}: {head}"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _unit_folders(curriculum: Curriculum, broken: dict[str, list[Path]]) -> list[Path]:
    folders = [u.folder for u in curriculum.units.values()]
    folders += [f for fs in broken.values() for f in fs]
    for prog in curriculum.programmes.values():  # units whose id duplicates another's are not in .units
        folders += [f for f in sorted(prog.folder.iterdir()) if (f / MANIFEST_NAME).is_file() and f not in folders]
    return folders


def default_workers() -> int:
    return os.cpu_count() or 1


def process_pool_context():
    # fork shares the already imported nbgrader/nbclient with the workers (seconds
    # saved per worker); it is only safe while this process has a single thread.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _UnitRuns:
    """The execution stage, fed one unit at a time: with several workers, a unit starts
    running as soon as its static checks pass, while the next units are still being
    read (the static stage no longer holds every core but one idle)."""

    def __init__(self, *, workers: int, timeout: int, expected: int | None = None):
        self.workers, self.timeout = workers, timeout
        self.parallel = workers > 1 and (expected is None or expected > 1)
        self.units: list[Unit] = []
        self.futures: list = []
        self.pool: ProcessPoolExecutor | None = None

    def add(self, unit: Unit) -> None:
        if not self.units:
            _warm_up()
        self.units.append(unit)
        if self.parallel:
            if self.pool is None:  # forks now, while this process has one thread
                self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=process_pool_context())
            self.futures.append(self.pool.submit(execute_unit, unit, timeout=self.timeout))

    def problems(self) -> list[Problem]:
        """Every unit's problems, in the order the units were added."""
        problems: list[Problem] = []
        if self.pool is None:
            for unit in self.units:
                problems += execute_unit(unit, timeout=self.timeout)
            return problems
        with self.pool:
            for unit, future in zip(self.units, self.futures):
                try:
                    problems += future.result()
                except Exception as exc:  # the worker process died
                    problems.append(Problem(unit.manifest_path, None, None, "kernel-died", f"the check's worker died on this unit ({type(exc).__name__}: {exc})",
                                            "run `redschool check --workers 1` on this unit to see why"))
        return problems


def _warm_up() -> None:
    # Imported in the parent, shared with the forked workers; the template gradebook made once.
    import nbclient  # noqa: F401
    import nbgrader.converters  # noqa: F401
    import nbgrader.validator  # noqa: F401

    from curriculum.build import _empty_gradebook

    _empty_gradebook()


def run_units(units: Sequence[Unit], *, workers: int, timeout: int) -> list[Problem]:
    """The execution stage over ``units``: in this process with one worker, else
    one unit per task in a process pool."""
    runs = _UnitRuns(workers=workers, timeout=timeout, expected=len(units))
    for unit in units:
        runs.add(unit)
    return runs.problems()


def check(paths: Iterable[Path] | None = None, *, workers: int | None = None, execute: bool = True,
          timeout: int = DEFAULT_TIMEOUT) -> Report:
    """Check the units, programmes or curriculum folders in ``paths`` (default:
    the shipped curriculum); see the module docstring for what is checked."""
    started = time.perf_counter()
    workers = max(1, workers or default_workers())
    targets = [resolve_target(Path(p)) for p in (paths or [DEFAULT_ROOT])]
    report = Report(workers=workers)
    runs = _UnitRuns(workers=workers, timeout=timeout)
    by_root: dict[Path, list[Target]] = {}
    for target in targets:
        by_root.setdefault(target.root, []).append(target)

    for root, root_targets in by_root.items():
        scan = scan_curriculum(root)
        curriculum = scan.curriculum
        problems = list(scan.problems)
        folders = _unit_folders(curriculum, scan.broken_units)
        in_scope_folders = [f for f in folders if any(t.kind == "curriculum" or _inside(f, t.folder) for t in root_targets)]
        units_by_folder = {u.folder: u for u in curriculum.units.values()}

        # Reading guides: all of them for the whole curriculum, else those the units use.
        if any(t.kind == "curriculum" for t in root_targets):
            _, reading_problems = scan_readings(curriculum.readings_root)
            problems += reading_problems
            reading_scope = [curriculum.readings_root]
        else:
            slugs = {s for f in in_scope_folders if f in units_by_folder for s in units_by_folder[f].manifest.readings}
            reading_scope = []
            for slug in sorted(slugs):
                path = curriculum.reading_path(slug)
                if path.is_file():
                    problems += read_reading(path)[1]
                    reading_scope.append(path)

        for folder in in_scope_folders:
            unit = units_by_folder.get(folder)
            names = unit.manifest.notebooks if unit else sorted(p.name for p in folder.glob("*.ipynb"))
            notebooks: dict[Path, dict] = {}
            for name in names:
                path = folder / name
                if not path.is_file():
                    continue  # reported by the manifest check
                data, found = read_notebook_json(path)
                problems += found
                if data is not None:
                    problems += notebook_static_problems(path, data)
                    notebooks[path] = data
            report.notebooks += len(notebooks)
            if unit is not None:
                problems += unit_static_problems(unit, notebooks)
                # Problems inside an in-scope unit folder are always kept (see in_scope below).
                if execute and not any(p.kind in BLOCKING and _inside(p.file, folder) for p in problems):
                    runs.add(unit)  # runs while the next units are read

        def in_scope(problem: Problem) -> bool:
            for t in root_targets:
                if t.kind == "curriculum" and (_inside(problem.file, root) or _inside(problem.file, curriculum.readings_root)):
                    return True
                if _inside(problem.file, t.folder) or any(_inside(problem.file, r) for r in reading_scope):
                    return True
            return False

        kept = [p for p in problems if in_scope(p)]
        report.problems += kept
        report.units += len(in_scope_folders)

    if runs.units:
        report.problems += runs.problems()
        report.executed = len(runs.units)
    report.workers = min(workers, max(1, len(runs.units)))
    report.problems = _dedupe(report.problems)
    report.seconds = time.perf_counter() - started
    return report


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.file, p.line, p.cell, p.kind, p.what)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return sorted(out, key=lambda p: str(p.file))  # stable: keeps cell order within a file


def check_paths(paths: Iterable[Path] | None = None, *, workers: int | None = None, execute: bool = True,
                timeout: int = DEFAULT_TIMEOUT) -> list[Problem]:
    """The problems :func:`check` finds, as a list (empty means ready to release)."""
    return check(paths, workers=workers, execute=execute, timeout=timeout).problems
