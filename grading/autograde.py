"""Collect and autograde a unit, with every submission of every circle sharing the
cores (nbgrader itself has no parallel autograde, #174).

Each circle has its own course and gradebook; a gradebook has one writer at a
time, so a circle has at most one job running (its collect, or one learner's
autograde), and a free worker takes the next job of whichever circle has the most
left: no core idles while the last circle finishes, as long as two circles have work.
A submission is graded only when it is new or was resubmitted since it was last
graded, so running again never touches a facilitator's comments or marks.
Every notebook has a time limit: an infinite loop is interrupted when the
notebook's time runs out, reported, and the next submission goes on; so does a
submission nbgrader fails on.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.running import process_pool_context
from core.layout import autograded_dir, course_dir, released_dir, submitted_dir
from core.privileges import as_circle_grader
from core.settings import Settings

from .course_api import course_api
from .records import read_small_text
from .tampering import tampered_cells

log = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 120  # seconds per notebook


@dataclass
class Graded:
    circle: str
    student: str
    status: str  # graded | failed | skipped
    seconds: float = 0.0
    score: float | None = None
    max_score: float | None = None
    timed_out: list[str] = field(default_factory=list)  # cells stopped by the time limit
    tampered: list[str] = field(default_factory=list)  # locked cells changed or deleted, restored by nbgrader
    error: str = ""

    def line(self) -> str:
        text = f"{self.circle}/{self.student}: {self.status}"
        if self.status == "graded":
            text += f" in {self.seconds:.1f}s, {self.score:g}/{self.max_score:g} points"
        if self.timed_out:
            text += f"; stopped at the time limit in {', '.join(self.timed_out)}"
        if self.tampered:
            text += f"; restored locked cells {', '.join(self.tampered)}"
        if self.error:
            text += f"; {self.error}"
        return text


def _timestamp(folder: Path) -> str | None:
    text = read_small_text(folder / "timestamp.txt")  # learners' servers write it: read with a limit
    return text.strip() if text is not None else None


def needs_grading(settings: Settings, circle_id: str, unit_id: str, student: str) -> bool:
    """New or resubmitted since the last autograde (compares nbgrader's timestamp files)."""
    submitted = _timestamp(submitted_dir(settings, circle_id, student, unit_id))
    return submitted is not None and submitted != _timestamp(autograded_dir(settings, circle_id, student, unit_id))


def collect(settings: Settings, circle_id: str, unit_id: str) -> list[str]:
    """nbgrader's collect for one circle: newest submission of each learner into the course
    (as the circle's grader in server mode: core/privileges.py)."""
    return as_circle_grader(settings, circle_id, _collect, settings, circle_id, unit_id)


def _collect(settings: Settings, circle_id: str, unit_id: str) -> list[str]:
    from .errors import GradingError

    result = course_api(settings, circle_id).collect(unit_id, update=True)
    if not result.get("success"):
        raise GradingError(f"nbgrader could not collect {unit_id} for circle {circle_id}: {result.get('error') or result.get('log')}")
    submitted = course_dir(settings, circle_id) / "submitted"
    return sorted(p.parent.name for p in submitted.glob(f"*/{unit_id}") if p.is_dir())


def _timed_out_cells(notebook_path: Path) -> list[str]:
    nb = json.loads(notebook_path.read_text())
    found = []
    for index, cell in enumerate(nb.get("cells", [])):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") == "CellTimeoutError":
                found.append(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or cell.get("id") or f"cell {index + 1}")
    return found


def grade_submission(api, settings: Settings, circle_id: str, unit_id: str, student: str) -> Graded:
    submitted = submitted_dir(settings, circle_id, student, unit_id)
    release = released_dir(settings, circle_id, unit_id)
    tampered = []
    for nb_path in sorted(submitted.glob("*.ipynb")):
        tampered += tampered_cells(release / nb_path.name, nb_path)
    start = time.perf_counter()
    result = api.autograde(unit_id, student, force=True, create=False)
    seconds = time.perf_counter() - start
    if not result.get("success"):
        error = (result.get("error") or result.get("log") or "unknown error").strip().splitlines()[-1]
        return Graded(circle_id, student, "failed", seconds, tampered=tampered, error=error)
    timed_out = []
    for nb_path in sorted(autograded_dir(settings, circle_id, student, unit_id).glob("*.ipynb")):
        timed_out += _timed_out_cells(nb_path)
    with api.gradebook as gradebook:  # each access opens a gradebook: close it
        submission = gradebook.find_submission(unit_id, student)
        score, max_score = submission.score, submission.max_score
    return Graded(circle_id, student, "graded", seconds, score, max_score, timed_out, tampered)


# One NbGraderAPI per circle and time limit in each process (worker processes live
# for one run): opening one reads and runs the course's config file.
_APIS: dict[tuple[Path, str, int], object] = {}


def _circle_api(settings: Settings, circle_id: str, time_limit: int):
    from traitlets.config import Config

    key = (settings.data_dir, circle_id, time_limit)
    if key not in _APIS:
        extra = Config()
        extra.NotebookTimeLimit.seconds = time_limit  # the course config puts NotebookTimeLimit in Autograde's steps
        _APIS[key] = course_api(settings, circle_id, extra=extra)
    return _APIS[key]


def _grade_with_api(settings: Settings, circle_id: str, unit_id: str, student: str, time_limit: int) -> Graded:
    return grade_submission(_circle_api(settings, circle_id, time_limit), settings, circle_id, unit_id, student)


def _collect_job(settings: Settings | dict, circle_id: str, unit_id: str) -> tuple[list[str], list[str]]:
    """Collect one circle's submissions; return (everyone who submitted, those to grade)."""
    settings = settings if isinstance(settings, Settings) else Settings(**settings)
    students = collect(settings, circle_id, unit_id)
    return students, [s for s in students if needs_grading(settings, circle_id, unit_id, s)]


def _grade_job(settings: Settings | dict, circle_id: str, unit_id: str, student: str, time_limit: int) -> Graded:
    """Autograde one submission; whatever goes wrong is that submission's failure only."""
    settings = settings if isinstance(settings, Settings) else Settings(**settings)
    try:
        return as_circle_grader(settings, circle_id, _grade_with_api, settings, circle_id, unit_id, student, time_limit)
    except Exception as exc:
        log.exception("autograding %s/%s crashed", circle_id, student)
        return Graded(circle_id, student, "failed", error=f"{type(exc).__name__}: {exc}")


@dataclass
class _CircleWork:
    """What is left to do in one circle; `todo` is unknown (None) until it is collected."""

    circle: str
    todo: deque | None = None
    total: int = 0
    done: int = 0
    busy: bool = False

    def left(self) -> float:
        return float("inf") if self.todo is None else len(self.todo)


def _next_job(work: list[_CircleWork]) -> tuple[str, _CircleWork, str | None] | None:
    """The next job for a free worker: from a circle with no job running, the one with
    the most left (collects first: they tell how much each circle has)."""
    ready = [w for w in work if not w.busy and (w.todo is None or w.todo)]
    if not ready:
        return None
    chosen = max(ready, key=_CircleWork.left)  # the first such circle on ties
    chosen.busy = True
    if chosen.todo is None:
        return "collect", chosen, None
    return "grade", chosen, chosen.todo.popleft()


def _collected(w: _CircleWork, students: list[str], todo: list[str]) -> list[Graded]:
    w.todo, w.total = deque(todo), len(todo)
    return [Graded(w.circle, s, "skipped") for s in students if s not in todo]


def _graded(w: _CircleWork, graded: Graded, describe: Callable[[Graded], str] = Graded.line) -> Graded:
    w.done += 1
    print(f"  [{w.circle} {w.done}/{w.total}] {describe(graded)}", flush=True)
    return graded


def autograde_circle(settings: Settings, circle_id: str, unit_id: str, *, time_limit: int = DEFAULT_TIME_LIMIT) -> list[Graded]:
    """Collect, then autograde every new or resubmitted submission of one circle, in this process."""
    return autograde_circles(settings, [circle_id], unit_id, time_limit=time_limit, workers=1)


def autograde_circles(
    settings: Settings,
    circles: list[str],
    unit_id: str,
    *,
    time_limit: int = DEFAULT_TIME_LIMIT,
    workers: int | None = None,
    describe: Callable[[Graded], str] = Graded.line,
) -> list[Graded]:
    """Autograde `unit_id` in each circle, up to `workers` submissions at once (default:
    one per core) across all the circles, each circle's gradebook written by one at a time.
    Results come circle by circle (in the order given), learners sorted within each;
    each is printed as it comes, in `describe`'s words."""
    import os

    work = [_CircleWork(c) for c in dict.fromkeys(circles)]
    workers = max(1, min(workers or os.cpu_count() or 1, len(work)))
    results: list[Graded] = []
    if workers == 1:
        while job := _next_job(work):
            kind, w, student = job
            if kind == "collect":
                results += _collected(w, *_collect_job(settings, w.circle, unit_id))
            else:
                results.append(_graded(w, _grade_job(settings, w.circle, unit_id, student, time_limit), describe))
            w.busy = False
    else:
        # Imported once here, the forked workers share them (seconds saved per worker).
        import nbgrader.apps  # noqa: F401
        import nbgrader.converters  # noqa: F401

        settings_dict = {f: getattr(settings, f) for f in settings.__dataclass_fields__}
        sys.stdout.flush()
        with ProcessPoolExecutor(max_workers=workers, mp_context=process_pool_context()) as pool:
            running: dict = {}

            def fill() -> None:
                while len(running) < workers and (job := _next_job(work)):
                    kind, w, student = job
                    if kind == "collect":
                        running[pool.submit(_collect_job, settings_dict, w.circle, unit_id)] = job
                    else:
                        running[pool.submit(_grade_job, settings_dict, w.circle, unit_id, student, time_limit)] = job

            fill()
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    kind, w, student = running.pop(future)
                    w.busy = False
                    if kind == "collect":
                        results += _collected(w, *future.result())  # a circle that cannot be collected stops the run
                    else:
                        try:
                            graded = future.result()
                        except Exception as exc:  # the worker process died
                            graded = Graded(w.circle, student, "failed", error=f"the autograde worker died ({type(exc).__name__}: {exc})")
                        results.append(_graded(w, graded, describe))
                fill()
    order = {c: n for n, c in enumerate(dict.fromkeys(circles))}
    return sorted(results, key=lambda g: (order[g.circle], g.student))
