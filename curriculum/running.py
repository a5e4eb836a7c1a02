"""Running notebooks for ``redschool check``, previews, packets and the autograde pool.

The execution stage of the check, for one unit in a throwaway course: build the
student version as a release would; execute the solution version with nbclient
(no cell may raise, every autograded test must pass); run nbgrader's
:class:`~nbgrader.validator.Validator` on the student version and read its result
(every test must *fail* before a learner answers; ``nbgrader validate`` itself exits
0 either way). Every kernel runs confined by :mod:`core.sandbox` (bubblewrap: no
network, a scratch copy of the notebook's folder, clean environment, rlimits).
"""

from __future__ import annotations

import logging
import multiprocessing
import tempfile
import threading
from pathlib import Path

from core import sandbox
from curriculum import advice
from curriculum import cells as C
from curriculum.errors import CurriculumError, Problem
from curriculum.load import Unit
from curriculum.rules import NETWORK_TODO, cell_label

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60
#: No history file; and no start-up warning about TCP on loopback, which is noise here.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]





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
        kernel_manager_class=sandbox.SandboxedKernelManager,
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
        label = cell_label(cell, index)
        error = errors[0]
        ename, evalue = error.get("ename", "Error"), str(error.get("evalue", "")).strip()
        shown = f"{ename}: {evalue}" if evalue else ename
        if sandbox.network_error(ename, evalue):
            problems.append(Problem(source_path, None, label, "network", f"the cell reached for the network when run ({evalue})", NETWORK_TODO))
        elif ename in ("CellTimeoutError", "KeyboardInterrupt"):  # the check interrupts only on timeout
            problems.append(Problem(source_path, None, label, "timeout", f"the cell ran longer than {timeout} s",
                                    f"make the cell faster (smaller data, fewer loops), or give it longer: `{advice.command('redschool', 'check', '--timeout', str(timeout * 2), source_path.parent)}`"))
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
    from nbgrader.preprocessors import Execute
    from nbgrader.validator import Validator
    from traitlets.config import Config

    class ConfinedExecute(Execute):
        def __init__(self, **kwargs):
            # Execute passes its kernel manager as a keyword, which beats config.
            kwargs.setdefault("kernel_manager_class", sandbox.SandboxedKernelManager)
            super().__init__(**kwargs)

    config = Config()
    config.Validator.invert = True  # report the tests that *pass*
    config.Execute.timeout = timeout
    config.Execute.extra_arguments = KERNEL_ARGUMENTS
    validator = Validator(config=config, log=_quiet_logger("validator"))
    validator.preprocessors = [ConfinedExecute if p is Execute else p for p in validator.preprocessors]
    results = validator.validate(str(release_path))
    student = nbformat.read(release_path, as_version=4)
    problems = []
    if results.get("type_changed") or results.get("changed"):
        problems.append(Problem(source_path, None, None, "build-failed",
                                "nbgrader reports changed cells in the freshly built student version",
                                "this is a bug in the build: report it with the notebook attached"))
    for passed in results.get("passed", []):
        matches = [
            cell_label(cell, i) for i, cell in enumerate(student.cells)
            if C.classify(cell) == C.CellKind.TEST and cell.source.strip() == passed["source"]
        ] or [None]
        for label in matches:
            problems.append(Problem(source_path, None, label, "student-passes",
                                    "the autograded test passes on the student version, before the learner has answered",
                                    "add a visible check that fails on the blank (e.g. `assert answer is not ...`), "
                                    "and keep the answer out of the cells learners see"))
    return problems


def execute_unit(unit: Unit, *, timeout: int = DEFAULT_TIMEOUT) -> list[Problem]:
    """The execution stage for one unit (runs in a worker process): the original, then
    each translation, built and run as a release to a circle in that language would be."""
    problems: list[Problem] = []
    for language in unit.manifest.languages:
        problems += _execute_version(unit, language, timeout=timeout)
    return problems


def _execute_version(unit: Unit, language: str, *, timeout: int) -> list[Problem]:
    from curriculum.build import build_assignment
    from curriculum.models import translated_name

    original = language == unit.manifest.original_language
    problems: list[Problem] = []
    try:
        with tempfile.TemporaryDirectory(prefix=f"redschool-check-{unit.id}-{language}-") as tmp:
            course = Path(tmp) / "course"
            try:
                release = build_assignment(unit, course, course_id="redschool-check", language=language)
            except CurriculumError as exc:
                return [Problem(unit.manifest_path, None, None, "build-failed", str(exc),
                                f"fix the notebook's nbgrader metadata (run `{advice.command('redschool', 'check', unit.folder)}` again after each fix)")]
            source_dir = course / "source" / unit.id
            for name in unit.manifest.notebooks:
                source_path = unit.folder / (name if original else translated_name(name, language))
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
                                f"run `{advice.command('redschool', '-vv', 'check', '--workers', '1', unit.folder)}` and report the log"))
    return problems




def run_student(path: Path, *, timeout: int = DEFAULT_TIMEOUT):
    """Execute a built student notebook (as a learner opens it), confined like every other."""
    return run_solution(path, timeout=timeout)


def process_pool_context():
    # fork shares the already imported nbgrader/nbclient with the workers (seconds
    # saved per worker); it is only safe while this process has a single thread.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


