"""An nbgrader assignment brought in with `redschool unit import` (nbgrader's own user-guide
example, shipped in the installed package), released to a circle on a live hub: a learner's
code answer and the work under a task reach the facilitator's desk to be read, scored and
commented on, like a reflection."""

from __future__ import annotations

import json
import subprocess

import nbgrader
import pytest

from tests.support.desk import Desk
from tests.support.hubprocess import VENV_BIN, own_hub, redschool
from tests.support.submissions import answer, submit_notebook

PS1 = __import__("pathlib").Path(nbgrader.__file__).parent / "docs" / "source" / "user_guide" / "source" / "ps1"
UNIT = "nbgrader-ps1"
CODE_ANSWER = "sum_of_squares_application"
TASK = "cell-938593c4a215c6cc"
MY_CODE = "def pyramidal_number(n):\n    # the cannonballs stacked in our square pyramid\n    return sum_of_squares(n)"
UNDER_TASK = "Arithmetic sum: n(n+1)/2. I checked it: sum(range(1, 11)) == 55."


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    curriculum = tmp_path_factory.mktemp("team") / "curriculum"
    (curriculum / "imported").mkdir(parents=True)
    (curriculum / "imported" / "programme.yaml").write_text("title: Imported\ndescription: From nbgrader.\nunits: []\n")
    (curriculum.parent / "readings").mkdir()
    hub = own_hub(tmp_path_factory, "import-review")
    hub.env["REDSCHOOL_CURRICULUM"] = str(curriculum)
    imported = subprocess.run([str(VENV_BIN / "redschool"), "unit", "import", str(PS1), "--id", UNIT],
                              env=hub.env, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    hub.start()
    try:
        released = redschool(hub, "release", UNIT, "--circle", "rosa")
        assert released.returncode == 0, released.stdout + released.stderr
        outbound = hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT
        one = json.loads((outbound / "problem1.ipynb").read_text())
        answer(one, CODE_ANSWER, MY_CODE)
        at = next(i for i, c in enumerate(one["cells"]) if c["id"] == TASK)
        one["cells"].insert(at + 1, {"cell_type": "markdown", "id": "my-work", "metadata": {}, "source": UNDER_TASK})
        two = json.loads((outbound / "problem2.ipynb").read_text())
        submit_notebook(hub.data_dir / "exchange", "rosa", UNIT, "learner1", {"problem1.ipynb": one, "problem2.ipynb": two})
        facilitator = Desk(hub, "facilitator1", "rosa")
        assert facilitator.first.ok
        collected = facilitator.post(f"formgrader/api/assignment/{UNIT}/collect")
        assert collected.ok and collected.json()["success"], collected.text
        graded = redschool(hub, "autograde", UNIT, "--circle", "rosa", "--time-limit", "60")
        assert graded.returncode == 0, graded.stdout + graded.stderr
        facilitator.hub, facilitator.hub_data = hub, hub.data_dir
        yield facilitator
    finally:
        hub.stop()


def submission(desk: Desk) -> tuple[str, list[dict], list[dict]]:
    (mine,) = [n for n in desk.get(f"formgrader/api/submitted_notebooks/{UNIT}/problem1").json() if n["student"] == "learner1"]
    grades = desk.get(f"formgrader/api/grades?submission_id={mine['id']}").json()
    comments = desk.get(f"formgrader/api/comments?submission_id={mine['id']}").json()
    return mine["id"], grades, comments


def test_the_code_answer_and_the_task_wait_for_the_facilitator(desk):
    _, grades, _ = submission(desk)
    waiting = {g["name"]: g["max_score"] for g in grades if g["needs_manual_grade"]}
    assert waiting[CODE_ANSWER] == 2 and waiting[TASK] == 4


def test_the_desk_shows_the_learners_code_and_the_work_under_the_task(desk):
    submission_id, _, _ = submission(desk)
    page = desk.get(f"formgrader/submissions/{submission_id}/?index=0")
    assert page.ok
    assert "the cannonballs stacked in our square pyramid" in page.text
    assert "I checked it: sum(range(1, 11)) == 55." in page.text


def test_the_facilitator_scores_and_comments_on_the_code_answer(desk):
    _, grades, comments = submission(desk)
    (grade,) = [g for g in grades if g["name"] == CODE_ANSWER]
    (comment,) = [c for c in comments if c["name"] == CODE_ANSWER]
    assert desk.put(f"formgrader/api/grade/{grade['id']}", {"manual_score": 2}).ok
    assert desk.put(f"formgrader/api/comment/{comment['id']}", {"manual_comment": "Nice use of your own function."}).ok
    _, grades, comments = submission(desk)
    assert [(g["manual_score"], g["needs_manual_grade"]) for g in grades if g["name"] == CODE_ANSWER] == [(2, False)]
    assert [c["manual_comment"] for c in comments if c["name"] == CODE_ANSWER] == ["Nice use of your own function."]


def test_feedback_carries_the_comments_on_the_code_answer_and_the_task(desk):
    hub_data = desk.hub_data
    for notebook in ("problem1", "problem2"):
        (mine,) = [n for n in desk.get(f"formgrader/api/submitted_notebooks/{UNIT}/{notebook}").json() if n["student"] == "learner1"]
        for grade in desk.get(f"formgrader/api/grades?submission_id={mine['id']}").json():
            if grade["needs_manual_grade"]:
                assert desk.put(f"formgrader/api/grade/{grade['id']}", {"manual_score": grade["max_score"]}).ok
        for comment in desk.get(f"formgrader/api/comments?submission_id={mine['id']}").json():
            if comment["name"] == TASK:
                assert desk.put(f"formgrader/api/comment/{comment['id']}", {"manual_comment": "Both formulae right; show the geometric one too."}).ok
    result = redschool(desk.hub, "feedback", UNIT, "--circle", "rosa", "--porcelain")
    assert result.returncode == 0 and "rosa/learner1: returned" in result.stdout, result.stdout + result.stderr
    (page,) = (hub_data / "courses" / "rosa" / "feedback" / "learner1" / UNIT).glob("problem1.html")
    html = page.read_text()
    assert "Both formulae right; show the geometric one too." in html
    assert "Nice use of your own function." in html
