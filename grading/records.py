"""What has happened in a circle, read from nbgrader's own files and gradebook.

One `Record` per learner and released unit: the furthest stage reached and when
things happened. Progress pages and monthly reports are pure functions of these.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from dataclasses import dataclass
from pathlib import Path

from core.cohort import Cohort
from core.layout import (
    autograded_dir,
    course_feedback_dir,
    fetched_copy,
    fetched_dir,
    gradebook_path,
    gradebook_url,
    inbound_submissions,
    outbound_dir,
    released_feedback_dir,
    submitted_dir,
)
from core.settings import Settings
from curriculum.cells import REFLECTION_CELL_TYPE


class Stage(enum.IntEnum):
    """How far a learner has got with a unit; each stage includes the ones before."""

    NOT_FETCHED = 0
    FETCHED = 1
    SUBMITTED = 2
    AUTOGRADED = 3
    REVIEWED = 4
    FEEDBACK_RETURNED = 5

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").lower()


@dataclass(frozen=True)
class Record:
    learner: str
    unit: str
    stage: Stage
    released_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None  # the latest submission
    feedback_at: dt.datetime | None = None
    reflections: int = 0  # manually graded cells in the submission
    reflections_reviewed: int = 0


@dataclass(frozen=True)
class CircleRecords:
    circle: str
    learners: tuple[str, ...]
    units: tuple[str, ...]  # released units, in curriculum order
    records: dict[tuple[str, str], Record]

    def get(self, learner: str, unit: str) -> Record:
        return self.records[(learner, unit)]


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc)


def _parse_nbgrader_time(text: str) -> dt.datetime | None:
    text = text.strip()
    if text.endswith(" UTC"):  # nbgrader's own format, e.g. "2026-03-20 12:00:00.000000 UTC": no need for dateutil
        try:
            return dt.datetime.fromisoformat(text[:-4]).replace(tzinfo=dt.timezone.utc)
        except ValueError:
            pass
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(text).replace(tzinfo=dt.timezone.utc)
    except Exception:  # a hand-made or damaged timestamp: treat as unknown
        return None


def has_fetched(settings: Settings, circle_id: str, unit_id: str, learner: str) -> bool:
    """A learner has fetched a unit once nbgrader put a copy in their home (or they
    have submitted it, even if they since deleted that copy)."""
    return fetched_copy(settings, circle_id, unit_id, learner).is_dir() or bool(
        inbound_submissions(settings, circle_id, learner, unit_id)
    )


def released_units(settings: Settings, circle_id: str, order: list[str]) -> list[str]:
    outbound = outbound_dir(settings, circle_id)
    released = {p.name for p in outbound.iterdir() if p.is_dir()} if outbound.is_dir() else set()
    known = [u for u in order if u in released]
    return known + sorted(released - set(known))


def _names(folder: Path | str, *, folders: bool) -> set[str]:
    """Names of the sub-folders (or the files) in `folder`, none if it does not exist:
    one directory read."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if (e.is_dir() if folders else e.is_file())}
    except (FileNotFoundError, NotADirectoryError):
        return set()


def _subfolders(folder: Path | str) -> set[str]:
    return _names(folder, folders=True)


def _files(folder: Path | str) -> set[str]:
    return _names(folder, folders=False)


#: Timestamps and secrets are a few dozen bytes; a bigger file is not nbgrader's.
SMALL_FILE_LIMIT = 4096


def read_small_text(path: Path | str, limit: int = SMALL_FILE_LIMIT) -> str | None:
    """The text of a small file that learners' servers write (timestamp, secret), or None
    if it is missing, unreadable or larger than `limit` bytes: a 600 MB timestamp.txt in
    the exchange must not stall a progress page."""
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return None
    if len(data) > limit:
        return None
    return data.decode("utf-8", errors="replace")


def _feedback_returned_at(feedback: str, released_dir: str, returned: set[str]) -> dt.datetime | None:
    """When feedback generated in `feedback` (the course's feedback/<learner>/<unit>)
    reached the exchange's `released_dir`, whose file names are `returned`: nbgrader
    names each released file by a hash of the submission's secret and the notebook."""
    from nbgrader.utils import notebook_hash

    secret = read_small_text(os.path.join(feedback, "submission_secret.txt"))
    if secret is None:
        return None
    times = []
    for name in _files(feedback):
        if name.endswith(".html"):
            released = f"{notebook_hash(secret=secret, notebook_id=name.removesuffix('.html'))}.html"
            if released in returned:
                times.append(os.stat(os.path.join(released_dir, released)).st_mtime)
    return dt.datetime.fromtimestamp(max(times), tz=dt.timezone.utc) if times else None


@dataclass(frozen=True)
class _Graded:
    reflections: int  # manually graded Markdown cells (reflections)
    reviewed: int  # of those, the ones with a manual score
    needs_manual_grade: bool


def _graded_submissions(gradebook) -> dict[tuple[str, str], _Graded]:
    """(learner, unit) -> what the gradebook says of each submission, in one query
    (the per-submission figures SubmittedAssignment computes, aggregated in SQL)."""
    from nbgrader.api import Assignment, Grade, GradeCell, Student, SubmittedAssignment, SubmittedNotebook, TaskCell
    from sqlalchemy import case, func

    # A graded cell is a grade cell or a task cell; their tables hold its type. Joined here
    # rather than through Grade.cell_type, whose two subqueries per grade cost seconds.
    grade_cells, task_cells = GradeCell.__table__, TaskCell.__table__
    # curriculum.cells.is_reflection_kind, in SQL: a graded Markdown cell is a reflection.
    markdown = func.coalesce(grade_cells.c.cell_type, task_cells.c.cell_type) == REFLECTION_CELL_TYPE
    rows = (
        gradebook.db.query(
            Student.id,
            Assignment.name,
            func.count(case((markdown, 1))),
            func.count(case((markdown & Grade.manual_score.isnot(None), 1))),
            func.max(case((Grade.needs_manual_grade, 1), else_=0)),
        )
        .select_from(SubmittedAssignment)
        .join(Student, Student.id == SubmittedAssignment.student_id)
        .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
        .outerjoin(SubmittedNotebook, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .outerjoin(Grade, Grade.notebook_id == SubmittedNotebook.id)
        .outerjoin(grade_cells, grade_cells.c.id == Grade.cell_id)
        .outerjoin(task_cells, task_cells.c.id == Grade.cell_id)
        .group_by(SubmittedAssignment.id, Student.id, Assignment.name)
        .all()
    )
    return {(learner, unit): _Graded(reflections, reviewed, bool(needs)) for learner, unit, reflections, reviewed, needs in rows}


def read_circle(settings: Settings, cohort: Cohort, circle_id: str, unit_order: list[str]) -> CircleRecords:
    """Read every learner × released unit of one circle.

    Scales with the circle: each folder is listed once (submission times come from the
    names nbgrader gives submissions), only returned feedback's secrets are read, and
    the gradebook answers one query, not one per learner and unit."""
    from nbgrader.api import Gradebook

    circle = cohort.circles[circle_id]
    units = released_units(settings, circle_id, unit_order)
    graded: dict[tuple[str, str], _Graded] = {}
    if units and gradebook_path(settings, circle_id).exists():
        with Gradebook(gradebook_url(settings, circle_id), course_id=circle_id) as gradebook:
            graded = _graded_submissions(gradebook)
    released_at = {unit: _mtime(outbound_dir(settings, circle_id, unit)) for unit in units}
    released_feedback = str(released_feedback_dir(settings, circle_id))
    returned = _files(released_feedback)  # released feedback, named by hashes
    records: dict[tuple[str, str], Record] = {}
    for learner in circle.learners:
        # One listing per folder, whatever the number of units (see the layout in core.layout).
        fetched = _subfolders(fetched_dir(settings, circle_id, learner))
        # Only what collect took in counts: it refuses forged or misdated folders
        # (grading/exchange.py) and keeps each learner's latest submission.
        collected_dir = str(submitted_dir(settings, circle_id, learner))
        collected = _subfolders(collected_dir)
        autograded = _subfolders(autograded_dir(settings, circle_id, learner))
        feedback_dir = course_feedback_dir(settings, circle_id, learner)
        with_feedback = _subfolders(feedback_dir)
        for unit in units:
            stage = Stage.FETCHED if unit in fetched else Stage.NOT_FETCHED
            submitted_at = None
            if unit in collected:
                stage = Stage.SUBMITTED
                # Strings, not Paths: at 300 learners x 60 units, building Paths was a third of the page.
                stamp = read_small_text(os.path.join(collected_dir, unit, "timestamp.txt"))
                submitted_at = _parse_nbgrader_time(stamp) if stamp is not None else None
            reflections = reviewed = 0
            if unit in autograded and (submission := graded.get((learner, unit))) is not None:
                stage = Stage.AUTOGRADED
                reflections, reviewed = submission.reflections, submission.reviewed
                if not submission.needs_manual_grade:
                    stage = Stage.REVIEWED
            feedback_at = (
                _feedback_returned_at(str(feedback_dir / unit), released_feedback, returned) if unit in with_feedback else None
            )
            if feedback_at is not None and stage >= Stage.REVIEWED:
                stage = Stage.FEEDBACK_RETURNED
            records[(learner, unit)] = Record(
                learner, unit, stage, released_at[unit], submitted_at, feedback_at, reflections, reviewed
            )
    return CircleRecords(circle_id, circle.learners, tuple(units), records)

