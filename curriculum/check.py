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

import logging
import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from curriculum import advice
from curriculum.errors import CurriculumError, Problem
from curriculum.load import DEFAULT_ROOT, Curriculum, Unit, is_curriculum_root, scan_curriculum
from curriculum.models import MANIFEST_NAME, PROGRAMME_MANIFEST_NAME, translated_name
from curriculum.readings import read_reading, scan_readings
from curriculum.rules import notebook_static_problems, read_notebook_json, unit_static_problems
from curriculum.running import DEFAULT_TIMEOUT, execute_unit, process_pool_context
from curriculum.translation import translation_problems

log = logging.getLogger(__name__)

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
    "nbgrader-metadata": "nbgrader cell metadata is malformed or of no kind nbgrader grades",
    "duplicate-grade-id": "two nbgrader cells share a grade id",
    "points-missing": "a graded cell has no points",
    "test-unlocked": "an autograded test cell is not locked",
    "test-without-solution": "an autograded test has no exercise (solution) cell before it",
    "solution-region": "solution or hidden-test markers are missing, unbalanced or misplaced",
    "not-read-only": "an instruction or example cell is not locked read-only",
    "no-reflection": "a unit has no reflection (manually graded answer)",
    "placeholder": "a note `redschool unit new` leaves for the writer, `(Writer: …)`, is still in a notebook, manifest, guide or reading",
    "estimated-time": "a manifest's `estimated_minutes` is far from the notebooks' stated time plus the readings' minutes",
    "how-to-submit": "no notebook of the unit tells learners how to submit their work",
    "missing-translation": "a manifest lists a language whose notebook, worksheet or guide is not there",
    "translation": "a translated notebook or guide is not its original's: cells, ids, kinds, grade ids, points, code or hidden tests differ",
    "missing-worksheet": "a manifest names a circle worksheet that does not exist",
    "worksheet-also-notebook": "a notebook is listed both for each learner and as a circle worksheet",
    "unreadable-worksheet": "a circle worksheet is not a notebook that can be read",
    "worksheet-without-sections": "a circle worksheet has no `## ` section for the circle to write in",
    "symbolic-link": "a unit folder holds a symbolic link, which a release would follow",
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
        "solution-region", "network", "cell-id", "missing-translation", "translation", "symbolic-link",
    }
)

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
                                            f"run `{advice.command('redschool', 'check', '--workers', '1', unit.folder)}` to see why"))
        return problems


def _warm_up() -> None:
    # Imported in the parent, shared with the forked workers; the template gradebook made once.
    import nbclient  # noqa: F401
    import nbgrader.converters  # noqa: F401
    import nbgrader.validator  # noqa: F401

    from curriculum.build import template_gradebook

    template_gradebook()


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
                problems += unit_static_problems(unit, notebooks, curriculum.readings_root)
                problems += translation_problems(unit, notebooks)
                report.notebooks += sum((folder / translated_name(name, language)).is_file()
                                        for language in unit.manifest.languages[1:] for name in unit.manifest.notebooks)
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
