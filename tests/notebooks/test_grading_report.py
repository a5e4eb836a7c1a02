"""The real `redschool report` command on a real review loop without a hub: release,
two submissions, autograde (nbgrader runs the notebooks), review, feedback, then
the committee's page."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

from curriculum.render import external_references
from grading.report import Month
from core.settings import DEMO_ROSTER
from tests.support.submissions import answer, submit_notebook

ROOT = Path(__file__).resolve().parents[2]
UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
REFLECTIONS = ("reflection-answer", "reflect-housing", "reflect-pace")
SECRET_REFLECTION = "We met in the union hall on Tuesday; the landlord's lawyer knows our names."
SECRET_COMMENT = "Careful with names in writing. Strong link between rent and value, though."


def run_redschool(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "redschool"), *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"redschool {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def review(data_dir: Path, student: str, reviewed: tuple[str, ...], comment: str | None = None) -> None:
    """What the desk's API does when a facilitator marks reflections (and comments), in the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{data_dir / 'courses' / 'rosa' / 'gradebook.db'}", course_id="rosa") as gb:
        notebook_id = NOTEBOOK.removesuffix(".ipynb")
        for grade_id in reviewed:
            grade = gb.find_grade(grade_id, notebook_id, UNIT, student)
            grade.manual_score, grade.needs_manual_grade = 1, False
            if comment:
                gb.find_comment(grade_id, notebook_id, UNIT, student).manual_comment = comment
        gb.db.commit()


def test_redschool_report_on_a_real_circle(tmp_path):
    data_dir = tmp_path / "data"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("REDSCHOOL_")},
        "REDSCHOOL_DATA_DIR": str(data_dir),
        "REDSCHOOL_ROSTER": str(DEMO_ROSTER),
    }
    run_redschool(env, "release", UNIT, "--circle", "rosa")
    released = json.loads((data_dir / "exchange" / "rosa" / "outbound" / UNIT / NOTEBOOK).read_text())
    for student in ("learner1", "learner2"):  # learner3 and learner4 hand in nothing
        nb = json.loads(json.dumps(released))
        for grade_id in REFLECTIONS:
            answer(nb, grade_id, SECRET_REFLECTION)
        submit_notebook(data_dir / "exchange", "rosa", UNIT, student, {NOTEBOOK: nb})
    run_redschool(env, "autograde", UNIT, "--circle", "rosa", "--time-limit", "60")
    review(data_dir, "learner1", REFLECTIONS, comment=SECRET_COMMENT)
    review(data_dir, "learner2", REFLECTIONS[:1])
    assert "rosa/learner1: returned" in run_redschool(env, "feedback", UNIT, "--circle", "rosa", "--porcelain").stdout

    month = Month.of(dt.datetime.now().astimezone())
    result = run_redschool(env, "report", "--circle", "rosa", "--month", str(month))
    path = data_dir / "reports" / f"rosa-{month}.html"
    assert str(path) in result.stdout
    page = path.read_text()

    assert "<b>2 of 4 (50%)</b> learners" in page
    assert "Submitted: Ana (learner)" in page and "Did not submit: Cleo (learner)" in page
    assert "<b>2</b> unit submission(s)" in page and "Commodity and value" in page
    assert "<b>4 of 6</b> reflections" in page
    assert "<b>0.0 days</b>" in page and "Feedback returned for 1 of 2" in page
    assert external_references(page) == [] and "<script" not in page.lower()
    # The committee reads figures and names, never what learners or facilitators wrote.
    for private in (SECRET_REFLECTION, SECRET_COMMENT, "union hall", "landlord", "Careful with names"):
        assert private not in page
    assert not [p for p in path.parent.iterdir() if p != path], "no temp file left behind"
