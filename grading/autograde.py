"""Collect and autograde a unit, circles in parallel (one process per circle, each
with its own gradebook: nbgrader itself has no parallel autograde, #174).

Within a circle, submissions are graded one by one with nbgrader's Autograde.
A submission is graded only when it is new or was resubmitted since it was last
graded, so running again never touches a facilitator's comments or marks.
Every notebook has a time limit: an infinite loop is interrupted when the
notebook's time runs out, reported, and the next submission goes on.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from curriculum.running import process_pool_context
from core.settings import Settings

from .course_api import course_api
from core.layout import autograded_dir, course_dir, released_dir, submitted_dir
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
    path = folder / "timestamp.txt"
    return path.read_text().strip() if path.is_file() else None


def needs_grading(settings: Settings, circle_id: str, unit_id: str, student: str) -> bool:
    """New or resubmitted since the last autograde (compares nbgrader's timestamp files)."""
    submitted = _timestamp(submitted_dir(settings, circle_id, student, unit_id))
    return submitted is not None and submitted != _timestamp(autograded_dir(settings, circle_id, student, unit_id))


def collect(settings: Settings, circle_id: str, unit_id: str) -> list[str]:
    """nbgrader's collect for one circle: newest submission of each learner into the course."""
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


def _grade_one(api, settings: Settings, circle_id: str, unit_id: str, student: str) -> Graded:
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
    submission = api.gradebook.find_submission(unit_id, student)
    return Graded(circle_id, student, "graded", seconds, submission.score, submission.max_score, timed_out, tampered)


def autograde_circle(settings: Settings, circle_id: str, unit_id: str, *, time_limit: int = DEFAULT_TIME_LIMIT) -> list[Graded]:
    """Collect, then autograde every new or resubmitted submission of one circle."""
    from traitlets.config import Config

    students = collect(settings, circle_id, unit_id)
    extra = Config()
    extra.NotebookTimeLimit.seconds = time_limit  # the course config puts NotebookTimeLimit in Autograde's steps
    api = course_api(settings, circle_id, extra=extra)
    todo = [s for s in students if needs_grading(settings, circle_id, unit_id, s)]
    results = [Graded(circle_id, s, "skipped") for s in students if s not in todo]
    for n, student in enumerate(todo, start=1):
        graded = _grade_one(api, settings, circle_id, unit_id, student)
        print(f"  [{circle_id} {n}/{len(todo)}] {graded.line()}", flush=True)
        results.append(graded)
    api.gradebook.close()
    return sorted(results, key=lambda g: g.student)


def _circle_job(settings_dict: dict, circle_id: str, unit_id: str, time_limit: int) -> list[dict]:
    settings = Settings(**settings_dict)
    return [asdict(g) for g in autograde_circle(settings, circle_id, unit_id, time_limit=time_limit)]


def autograde_circles(
    settings: Settings, circles: list[str], unit_id: str, *, time_limit: int = DEFAULT_TIME_LIMIT, workers: int | None = None
) -> list[Graded]:
    """Autograde `unit_id` in each circle, one process per circle, up to `workers` at once."""
    import os

    workers = max(1, min(workers or os.cpu_count() or 1, len(circles)))
    if workers == 1:
        return [g for c in circles for g in autograde_circle(settings, c, unit_id, time_limit=time_limit)]
    settings_dict = {f: getattr(settings, f) for f in settings.__dataclass_fields__}
    sys.stdout.flush()
    with ProcessPoolExecutor(max_workers=workers, mp_context=process_pool_context()) as pool:
        futures = [pool.submit(_circle_job, settings_dict, c, unit_id, time_limit) for c in circles]
        return [Graded(**g) for future in futures for g in future.result()]
