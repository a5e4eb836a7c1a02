"""The facilitator's loop on a live hub: a learner submits, the facilitator collects,
autogrades, comments on the reflection and returns feedback; the learner reads it.
Around it: what the other circle's facilitator and another learner must not reach,
and a hostile submission that must not harm anyone."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import urljoin

import pytest

from curriculum.render import external_references
from tests.support.desk import Desk
from tests.support.hubprocess import ROOT, LearnerServer, redschool
from tests.support.submissions import answer, delete_cell, submit_notebook

UNIT = "lrs-pe-01-commodity-and-value"  # test_release.py releases it too, on the same hub
NOTEBOOK = f"{UNIT}.ipynb"
REFLECTION = "At the laundry co-op we argue about whose hour counts. I think everyone's does."
COMMENT = "Good link to the co-op. Next time ask: who decides what counts as necessary?"
SCRIPT = "<script>document.title = 'pwned'</script> I wrote this in HTML on purpose."


@pytest.fixture(scope="module")
def loop(hub):
    """Everything up to autograding, done once for the module's tests."""
    assert redschool(hub, "release", UNIT, "--circle", "rosa").returncode == 0

    # learner1 works through the Assignments panel's endpoints in their own server.
    learner1 = LearnerServer(hub, "learner1")
    if learner1.assignments("rosa")[0]["status"] == "released":
        learner1.post("assignments/fetch", course_id="rosa", assignment_id=UNIT)
    path = f"rosa/{UNIT}/{NOTEBOOK}"
    nb = learner1.get(f"api/contents/{path}").json()["content"]
    answer(nb, "exercise-answer", "hours_per_shirt = (80 + 150 + 40) / (40 + 100 + 10)")
    answer(nb, "reflection-answer", REFLECTION)
    xsrf = learner1.session.cookies.get("_xsrf", path="/user/learner1/")
    saved = learner1.session.put(
        learner1.base + f"api/contents/{path}",
        data=json.dumps({"type": "notebook", "format": "json", "content": nb}),
        headers={"X-XSRFToken": xsrf},
    )
    assert saved.ok, saved.text
    assert learner1.post("assignments/submit", course_id="rosa", assignment_id=UNIT).json()["success"]

    # learner3's submission: an endless loop, a deleted test cell, a <script> reflection.
    release_nb = json.loads((hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT / NOTEBOOK).read_text())
    hostile = answer(json.loads(json.dumps(release_nb)), "exercise-answer", "while True:\n    pass")
    answer(hostile, "reflection-answer", SCRIPT)
    delete_cell(hostile, "exercise-check")
    submit_notebook(hub.data_dir / "exchange", "rosa", UNIT, "learner3", {NOTEBOOK: hostile})
    # learner4 hands in the untouched student version.
    submit_notebook(hub.data_dir / "exchange", "rosa", UNIT, "learner4", {NOTEBOOK: release_nb})

    facilitator = Desk(hub, "facilitator1", "rosa")
    assert facilitator.first.ok and "formgrade" in facilitator.first.text
    collected = facilitator.post(f"formgrader/api/assignment/{UNIT}/collect")
    assert collected.ok and collected.json()["success"], collected.text
    graded = redschool(hub, "autograde", UNIT, "--circle", "rosa", "--time-limit", "60", "--porcelain")
    return {"learner1": learner1, "facilitator": facilitator, "autograde": graded}


def submission_grades(desk: Desk, student: str) -> tuple[list[dict], list[dict]]:
    notebooks = desk.get(f"formgrader/api/submitted_notebooks/{UNIT}/{NOTEBOOK.removesuffix('.ipynb')}").json()
    (mine,) = [n for n in notebooks if n["student"] == student]
    grades = desk.get(f"formgrader/api/grades?submission_id={mine['id']}").json()
    comments = desk.get(f"formgrader/api/comments?submission_id={mine['id']}").json()
    return grades, comments, mine["id"]


def test_autograde_grades_everyone_and_reports_the_hostile_submission(loop):
    result = loop["autograde"]
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "rosa/learner1: graded" in out
    learner3 = [line for line in out.splitlines() if "rosa/learner3" in line][0]
    assert "graded" in learner3
    assert "stopped at the time limit in exercise-answer" in learner3
    assert "exercise-check (deleted)" in learner3
    assert "rosa/learner4: graded" in out


def test_autograding_again_keeps_comments_and_marks(hub, loop):
    desk = loop["facilitator"]
    grades, comments, _ = submission_grades(desk, "learner4")
    (reflection_grade,) = [g for g in grades if g["name"] == "reflection-answer"]
    (reflection_comment,) = [c for c in comments if c["name"] == "reflection-answer"]
    assert desk.put(f"formgrader/api/grade/{reflection_grade['id']}", {"manual_score": 1}).ok
    assert desk.put(f"formgrader/api/comment/{reflection_comment['id']}", {"manual_comment": "Blank, but read."}).ok
    again = redschool(hub, "autograde", UNIT, "--circle", "rosa", "--time-limit", "60")
    assert again.returncode == 0 and "0 graded, 3 already graded" in again.stdout
    grades, comments, _ = submission_grades(desk, "learner4")
    assert [g["manual_score"] for g in grades if g["name"] == "reflection-answer"] == [1]
    assert [c["manual_comment"] for c in comments if c["name"] == "reflection-answer"] == ["Blank, but read."]


def test_the_script_in_a_reflection_is_shown_as_text_on_the_desk(loop):
    desk = loop["facilitator"]
    _, _, submission_id = submission_grades(desk, "learner3")
    page = desk.get(f"formgrader/submissions/{submission_id}/?index=0")
    assert page.ok
    assert "document.title = &#39;pwned&#39;" in page.text or "document.title = 'pwned'" in page.text.replace("&lt;script&gt;", "")
    assert "<script>document.title" not in page.text


def test_the_desks_own_feedback_buttons_release_only_reviewed_work(hub, loop):
    desk = loop["facilitator"]
    # nbgrader's buttons on the desk: generate (nbgrader's own layout), then release.
    assert desk.post(f"formgrader/api/assignment/{UNIT}/generate_feedback").json()["success"]
    released = desk.post(f"formgrader/api/assignment/{UNIT}/release_feedback").json()
    assert released["success"], released
    files = list((hub.data_dir / "exchange" / "rosa" / "feedback").glob("*.html"))
    # Only learner4 was fully reviewed (test above); learner1 and learner3 wait.
    assert len(files) == 1
    html = files[0].read_text()
    assert "Your facilitator's comments" in html and "Blank, but read." in html
    assert external_references(html) == [], "regenerated with our template: no MathJax from a CDN"


def test_feedback_reaches_the_learner_with_the_comment_only_once_reviewed(hub, loop):
    desk = loop["facilitator"]
    grades, comments, _ = submission_grades(desk, "learner1")
    (reflection_grade,) = [g for g in grades if g["name"] == "reflection-answer"]
    (reflection_comment,) = [c for c in comments if c["name"] == "reflection-answer"]

    before = redschool(hub, "feedback", UNIT, "--circle", "rosa", "--porcelain")
    assert before.returncode == 0, before.stderr
    assert "rosa/learner1: waiting for review (not yet reviewed: reflection-answer)" in before.stdout

    assert desk.put(f"formgrader/api/comment/{reflection_comment['id']}", {"manual_comment": COMMENT}).ok
    assert desk.put(f"formgrader/api/grade/{reflection_grade['id']}", {"manual_score": 1}).ok

    after = redschool(hub, "feedback", UNIT, "--circle", "rosa", "--porcelain")
    assert "rosa/learner1: returned" in after.stdout
    assert "rosa/learner3: waiting for review" in after.stdout

    learner1 = loop["learner1"]
    fetched = learner1.post("assignments/fetch_feedback", course_id="rosa", assignment_id=UNIT).json()
    entry = next(a for a in fetched["value"] if a["assignment_id"] == UNIT and a["status"] == "submitted")
    assert any(s["has_local_feedback"] for s in entry["submissions"]), entry
    feedback_files = list((hub.data_dir / "homes" / "learner1" / "rosa" / UNIT / "feedback").glob("*/*.html"))
    assert len(feedback_files) == 1
    html = feedback_files[0].read_text()
    assert COMMENT in html and REFLECTION in html
    assert html.index(COMMENT) < html.index('id="notebook"'), "comments come before the notebook"
    assert "Score:" not in html.split('id="notebook"')[0], "no score above the notebook"
    assert external_references(html) == [], "feedback loads nothing from outside"


def test_hostile_reflection_feedback_shows_the_script_as_text(hub, loop):
    desk = loop["facilitator"]
    grades, _, _ = submission_grades(desk, "learner3")
    waiting = {g["name"]: g for g in grades if g["needs_manual_grade"]}
    # The deleted check was put back by nbgrader and waits for a person, like the reflection.
    assert set(waiting) == {"reflection-answer", "exercise-check"}
    assert desk.put(f"formgrader/api/grade/{waiting['reflection-answer']['id']}", {"manual_score": 1}).ok
    assert desk.put(f"formgrader/api/grade/{waiting['exercise-check']['id']}", {"manual_score": 0}).ok
    result = redschool(hub, "feedback", UNIT, "--circle", "rosa", "--porcelain")
    assert "rosa/learner3: returned" in result.stdout
    html = next((hub.data_dir / "courses" / "rosa" / "feedback" / "learner3" / UNIT).glob("*.html")).read_text()
    assert "<script>document.title" not in html
    assert "&lt;script&gt;document.title" in html


def test_the_other_circles_facilitator_is_refused_everywhere(hub, loop):
    other = Desk(hub, "facilitator2", "rosa")
    assert other.first.status_code == 403
    for path in (
        "formgrader",
        f"formgrader/api/submissions/{UNIT}",
        "formgrader/api/students",
        f"formgrader/submissions/{UNIT}",
    ):
        response = other.get(path)
        assert response.status_code in (302, 403, 404) or "/hub/api/oauth2/authorize" in response.url, path
        assert REFLECTION not in response.text
    assert other.post(f"formgrader/api/assignment/{UNIT}/collect").status_code in (403, 405)
    assert other.put("formgrader/api/comment/1", {"manual_comment": "hijack"}).status_code == 403
    # Their own desk works, and shows only their circle.
    own = Desk(hub, "facilitator2", "lucy")
    assert own.first.ok
    assert "learner1" not in json.dumps(own.get("formgrader/api/students").json())


def test_another_learner_cannot_read_learner1s_feedback(hub, loop):
    learner2 = LearnerServer(hub, "learner2")
    fetched = learner2.post("assignments/fetch_feedback", course_id="rosa", assignment_id=UNIT).json()
    assert COMMENT not in json.dumps(fetched)
    assert not (hub.data_dir / "homes" / "learner2" / "rosa" / UNIT / "feedback").exists()
    response = learner2.session.get(urljoin(hub.url, f"user/learner1/files/rosa/{UNIT}/feedback/"))
    assert response.status_code in (403, 404)
    assert Desk(hub, "learner2", "rosa").first.status_code == 403


def test_cli_refuses_unknown_circles_without_a_traceback(hub):
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "redschool"), "feedback", UNIT, "--circle", "emma"],
        env=hub.env, capture_output=True, text=True,
    )
    assert result.returncode == 1 and "no circle emma on the roster" in result.stderr and "Traceback" not in result.stderr


def progress_page(hub, username: str, path: str):
    session = hub.login(username)
    return session, session.get(urljoin(hub.url, f"services/progress/{path}"))


def test_progress_page_shows_the_circle_heatmap_to_its_facilitator(hub, loop):
    _, page = progress_page(hub, "facilitator1", "circle/rosa")
    assert page.status_code == 200, page.text[:500]
    assert 'id="progress-heatmap"' in page.text and "learner1" in page.text and "learner5" not in page.text
    assert "/services/progress/static/plotly.min.js" in page.text
    assert external_references(page.text) == []


def test_progress_page_refuses_other_circles_and_learners(hub, loop):
    _, page = progress_page(hub, "facilitator2", "circle/rosa")
    assert page.status_code == 403 and "learner1" not in page.text
    _, page = progress_page(hub, "learner1", "circle/rosa")
    assert page.status_code == 403


def test_admin_sees_every_circle_side_by_side(hub, loop):
    _, page = progress_page(hub, "admin", "")
    assert page.status_code == 200
    assert "Circle rosa" in page.text and "Circle lucy" in page.text


def test_return_feedback_button_on_the_progress_page(hub, loop):
    session, page = progress_page(hub, "facilitator1", "circle/rosa")
    xsrf = session.cookies.get("_xsrf", path="/services/progress/")
    response = session.post(urljoin(hub.url, f"services/progress/circle/rosa/feedback/{UNIT}"), data={"_xsrf": xsrf})
    assert response.status_code == 200, response.text[:500]
    assert "Ana (learner): feedback returned" in response.text  # the roster's name, not a slug
