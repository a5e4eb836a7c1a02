"""A synthetic circle on disk, at any size: roster, released units, fetched copies,
submissions in the exchange, autograded folders, a gradebook with reviews, and
returned feedback, laid out as nbgrader and our pipelines leave them.

For the progress benchmark (300 learners x 60 units) and for the tests of
`grading.records` (a few of each). Nothing is executed; each (learner, unit) gets
the stage `stage_of` says, so a reader can be checked against `expected`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

CIRCLE = "big"
CODE_CELLS = ("exercise-1", "exercise-2", "exercise-3")
REFLECTIONS = ("reflection-1", "reflection-2")
NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class SyntheticCircle:
    settings: object  # core.settings.Settings
    cohort: object  # core.cohort.Cohort
    circle: str
    learners: tuple[str, ...]
    units: tuple[str, ...]
    expected: dict  # (learner, unit) -> (Stage, reflections, reviewed)


def learner_name(i: int) -> str:
    return f"l{i:04d}"


def unit_name(j: int) -> str:
    return f"syn-{j:02d}-unit-number-{j:02d}"


def stage_of(i: int, j: int):
    """Every stage, spread over learners and units; later units are less far along."""
    from grading.records import Stage

    return Stage(max(0, (i * 7 + j * 3) % 6 - (1 if j % 5 == 4 else 0)))


def _timestamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")  # nbgrader's own format


def _touch_dir(path: Path, when: dt.datetime) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.utime(path, (when.timestamp(), when.timestamp()))


def build_circle(tmp: Path, *, learners: int, units: int) -> SyntheticCircle:
    from nbgrader.api import Comment, Grade, Gradebook, SubmittedAssignment, SubmittedNotebook
    from nbgrader.utils import notebook_hash
    from sqlalchemy import text

    from curriculum.build import template_gradebook
    from grading.courses import course_dir, gradebook_url
    from grading.records import Stage
    from core.cohort import load_roster
    from core.settings import Settings

    names = tuple(learner_name(i) for i in range(learners))
    unit_ids = tuple(unit_name(j) for j in range(units))
    rows = ["username,display_name,role,circle"]
    rows += [f"{n},Learner {n},learner,{CIRCLE}" for n in names]
    rows += [f"facil,Facilitator,facilitator,{CIRCLE}", "admin,Admin,admin,"]
    (tmp / "roster.csv").write_text("\n".join(rows) + "\n")
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp / "data"), "REDSCHOOL_ROSTER": str(tmp / "roster.csv")})
    cohort = load_roster(settings.roster)
    exchange = settings.exchange_dir / CIRCLE
    course = course_dir(settings, CIRCLE)
    for sub in ("outbound", "inbound", "feedback"):
        (exchange / sub).mkdir(parents=True, exist_ok=True)
    course.mkdir(parents=True, exist_ok=True)

    released = {u: NOW - dt.timedelta(days=3 * (units - j)) for j, u in enumerate(unit_ids)}
    for unit, when in released.items():
        (exchange / "outbound" / unit).mkdir()
        (exchange / "outbound" / unit / f"{unit}.ipynb").write_text("{}")
        _touch_dir(exchange / "outbound" / unit, when)

    shutil.copy(template_gradebook(), course / "gradebook.db")  # as a new course starts (skips alembic)
    gb = Gradebook(gradebook_url(settings, CIRCLE), course_id=CIRCLE)
    try:
        gb.db.execute(text("PRAGMA synchronous = OFF"))  # a throwaway fixture: no need to wait for the disk
        for unit in unit_ids:
            gb.add_assignment(unit)
            gb.add_notebook(unit, unit)
            for k, cell in enumerate(CODE_CELLS):
                gb.add_solution_cell(cell, unit, unit)
                gb.add_grade_cell(f"{cell}-check", unit, unit, max_score=1, cell_type="code")
            for cell in REFLECTIONS:
                gb.add_solution_cell(cell, unit, unit)
                gb.add_grade_cell(cell, unit, unit, max_score=1, cell_type="markdown")
        for name in names:
            gb.add_student(name, first_name=f"Learner {name}", last_name="")
        assignments = {a.name: a for a in gb.assignments}
        students = {s.id: s for s in gb.students}
        cells = {
            a.name: (a.notebooks[0], [(c.id, c.cell_type) for c in a.notebooks[0].grade_cells],
                     [c.id for c in a.notebooks[0].solution_cells])
            for a in assignments.values()
        }

        expected = {}
        for i, name in enumerate(names):
            for j, unit in enumerate(unit_ids):
                stage = stage_of(i, j)
                reflections = reviewed = 0
                if stage >= Stage.FETCHED:
                    (settings.home_of(name) / CIRCLE / unit).mkdir(parents=True, exist_ok=True)
                if stage >= Stage.SUBMITTED:
                    submitted = released[unit] + dt.timedelta(days=1, minutes=i)
                    times = [submitted - dt.timedelta(hours=2), submitted] if (i + j) % 4 == 0 else [submitted]
                    for n, when in enumerate(times):
                        folder = exchange / "inbound" / f"{name}+{unit}+{_timestamp(when)}+r{n}"
                        folder.mkdir()
                        (folder / "timestamp.txt").write_text(_timestamp(when))
                        (folder / f"{unit}.ipynb").write_text("{}")
                    # What nbgrader's collect leaves in the course: the latest submission.
                    collected = course / "submitted" / name / unit
                    collected.mkdir(parents=True)
                    (collected / "timestamp.txt").write_text(_timestamp(submitted))
                    (collected / f"{unit}.ipynb").write_text("{}")
                if stage >= Stage.AUTOGRADED:
                    (course / "autograded" / name / unit).mkdir(parents=True)
                    reflections = len(REFLECTIONS)
                    # Reviewed: every reflection marked. Autograded only: some marked, not all.
                    reviewed = reflections if stage >= Stage.REVIEWED else (i + j) % reflections
                    submission = SubmittedAssignment(assignment=assignments[unit], student=students[name],
                                                     timestamp=submitted.replace(tzinfo=None))
                    notebook, grade_cells, solution_cells = cells[unit]
                    nb = SubmittedNotebook(notebook=notebook, assignment=submission)
                    marked = 0
                    for cell_id, cell_type in grade_cells:
                        grade = Grade(cell_id=cell_id, notebook=nb, auto_score=(i + j) % 2 if cell_type == "code" else None)
                        if cell_type == "markdown":
                            if marked < reviewed:
                                grade.manual_score, grade.needs_manual_grade = 1.0, False
                                marked += 1
                            else:
                                grade.needs_manual_grade = True
                        else:
                            grade.needs_manual_grade = False
                    for cell_id in solution_cells:
                        Comment(cell_id=cell_id, notebook=nb)
                    gb.db.add(submission)
                if stage >= Stage.FEEDBACK_RETURNED:
                    secret = f"secret-{name}-{unit}"
                    folder = course / "feedback" / name / unit
                    folder.mkdir(parents=True)
                    (folder / "submission_secret.txt").write_text(secret)
                    (folder / "timestamp.txt").write_text(_timestamp(submitted))
                    (folder / f"{unit}.html").write_text("<p>feedback</p>")
                    returned = exchange / "feedback" / f"{notebook_hash(secret=secret, notebook_id=unit)}.html"
                    returned.write_text("<p>feedback</p>")
                    when = (submitted + dt.timedelta(days=2)).timestamp()
                    os.utime(returned, (when, when))
                expected[(name, unit)] = (stage, reflections, reviewed)
        gb.db.commit()
    finally:
        gb.close()
    return SyntheticCircle(settings, cohort, CIRCLE, names, unit_ids, expected)


def records_summary(records) -> dict:
    """(learner, unit) -> (stage, reflections, reviewed) of a CircleRecords, to compare with `expected`."""
    return {key: (r.stage, r.reflections, r.reflections_reviewed) for key, r in records.records.items()}


if __name__ == "__main__":  # python -m tests.support.circle_data DIR: a small circle to look at
    import sys

    made = build_circle(Path(sys.argv[1]), learners=6, units=4)
    print(json.dumps({f"{l} {u}": s[0].label for (l, u), s in made.expected.items()}, indent=1))
