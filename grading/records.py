"""What has happened in a circle, read from nbgrader's own files and gradebook.

One `Record` per learner and released unit: the furthest stage reached and when
things happened. Progress pages and monthly reports are pure functions of these.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

from core.cohort import Cohort
from core.layout import (
    autograded_dir,
    course_feedback_dir,
    fetched_copy,
    gradebook_path,
    gradebook_url,
    inbound_submissions,
    outbound_dir,
    released_feedback_dir,
    submitted_dir,
)
from core.settings import Settings
from curriculum.cells import is_reflection_kind


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
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(text.strip()).replace(tzinfo=dt.timezone.utc)
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


def _feedback_returned_at(settings: Settings, circle_id: str, learner: str, unit: str) -> dt.datetime | None:
    """When the learner's feedback reached the exchange (nbgrader names it by a hash of
    the submission's secret and the notebook)."""
    from nbgrader.utils import notebook_hash

    feedback = course_feedback_dir(settings, circle_id, learner, unit)
    secret_file = feedback / "submission_secret.txt"
    if not secret_file.is_file():
        return None
    secret = secret_file.read_text()
    times = []
    for html in feedback.glob("*.html"):
        released = released_feedback_dir(settings, circle_id) / f"{notebook_hash(secret=secret, notebook_id=html.stem)}.html"
        if released.is_file():
            times.append(_mtime(released))
    return max(times) if times else None


def read_circle(settings: Settings, cohort: Cohort, circle_id: str, unit_order: list[str]) -> CircleRecords:
    """Read every learner × released unit of one circle."""
    from nbgrader.api import Gradebook, MissingEntry

    circle = cohort.circles[circle_id]
    units = released_units(settings, circle_id, unit_order)
    records: dict[tuple[str, str], Record] = {}
    gradebook = Gradebook(gradebook_url(settings, circle_id), course_id=circle_id) if gradebook_path(settings, circle_id).exists() else None
    try:
        for unit in units:
            released_at = _mtime(outbound_dir(settings, circle_id, unit))
            for learner in circle.learners:
                stage = Stage.NOT_FETCHED
                if has_fetched(settings, circle_id, unit, learner):
                    stage = Stage.FETCHED
                # Only what collect took in counts: it refuses forged or misdated folders
                # (grading/exchange.py), and keeps each learner's latest submission.
                collected = submitted_dir(settings, circle_id, learner, unit) / "timestamp.txt"
                submitted_at = None
                if collected.is_file():
                    stage = Stage.SUBMITTED
                    submitted_at = _parse_nbgrader_time(collected.read_text())
                reflections = reviewed = 0
                if gradebook is not None and autograded_dir(settings, circle_id, learner, unit).is_dir():
                    try:
                        submission = gradebook.find_submission(unit, learner)
                    except MissingEntry:
                        submission = None
                    if submission is not None:
                        stage = Stage.AUTOGRADED
                        # nbgrader grades a Markdown cell only as a manually graded answer (solution).
                        manual = [
                            g
                            for nb in submission.notebooks
                            for g in nb.grades
                            if is_reflection_kind(g.cell.cell_type, grade=True, solution=True)
                        ]
                        reflections = len(manual)
                        reviewed = sum(1 for g in manual if g.manual_score is not None)
                        if not submission.needs_manual_grade:
                            stage = Stage.REVIEWED
                feedback_at = _feedback_returned_at(settings, circle_id, learner, unit)
                if feedback_at is not None and stage >= Stage.REVIEWED:
                    stage = Stage.FEEDBACK_RETURNED
                records[(learner, unit)] = Record(
                    learner, unit, stage, released_at, submitted_at, feedback_at, reflections, reviewed
                )
    finally:
        if gradebook is not None:
            gradebook.close()
    return CircleRecords(circle_id, circle.learners, tuple(units), records)
