"""A hub whose roster makes lucy a Spanish circle: releasing Bootcamp 1 to every circle
sends lucy the Spanish version and rosa the English one, under the same assignment and
notebook names, through nbgrader's own release and fetch; learner5 submits the Spanish
notebook and lucy's desk collects and autogrades it against the Spanish hidden tests; a
unit with no Spanish version is refused for lucy, kindly, and still released to rosa."""

from __future__ import annotations

import json

import pytest

from tests.support.answers import BOOTCAMP_01_ANSWERS_ES
from tests.support.desk import Desk
from tests.support.rosters import spanish_lucy_roster
from tests.support.hubprocess import Hub, LearnerServer, hub_environment, own_hub, redschool
from tests.support.submissions import answer

UNIT = "bootcamp-01-where-we-stand"
NOTEBOOK = f"{UNIT}.ipynb"
ENGLISH_ONLY = "bootcamp-02-points-of-unity"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "spanish-circle")
    hub.env = hub_environment(hub.data_dir, spanish_lucy_roster(hub.data_dir.parent))
    hub.start()
    yield hub
    hub.stop()
    assert not hub.stray_processes()


@pytest.fixture(scope="module")
def released(hub: Hub):
    done = redschool(hub, "release", UNIT, "--all", "--porcelain")
    assert done.returncode == 0, done.stderr
    assert f"{UNIT} -> lucy: released" in done.stdout and f"{UNIT} -> rosa: released" in done.stdout
    return done


def fetched_notebook(hub: Hub, username: str, circle: str, learner: LearnerServer | None = None) -> dict:
    learner = learner or LearnerServer(hub, username)
    assert [(a["assignment_id"], a["status"]) for a in learner.assignments(circle)] == [(UNIT, "released")]
    learner.post("assignments/fetch", course_id=circle, assignment_id=UNIT)
    listed = learner.assignments(circle)
    assert listed[0]["status"] == "fetched"
    path = listed[0]["notebooks"][0]["path"]
    assert path.endswith(f"{UNIT}/{NOTEBOOK}")  # one assignment, one notebook name, whatever the language
    return learner.get(f"api/contents/{path}").json()["content"]


def _text(notebook: dict) -> str:
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in notebook["cells"])


def test_learner5_in_lucy_fetches_the_spanish_notebook(hub, released):
    text = _text(fetched_notebook(hub, "learner5", "lucy"))
    assert "Si nunca usaste un cuaderno: empieza aquí" in text
    assert "Primero ejecuta la celda de arriba" in text
    assert "If you have never used a notebook" not in text


def test_learner5s_spanish_work_is_collected_and_autograded_on_lucys_desk(hub, released):
    learner = LearnerServer(hub, "learner5")
    if learner.assignments("lucy")[0]["status"] == "released":
        fetched_notebook(hub, "learner5", "lucy", learner)
    path = f"lucy/{UNIT}/{NOTEBOOK}"
    nb = learner.get(f"api/contents/{path}").json()["content"]
    for grade_id, source in BOOTCAMP_01_ANSWERS_ES.items():
        answer(nb, grade_id, source)
    xsrf = learner.session.cookies.get("_xsrf", path="/user/learner5/")
    saved = learner.session.put(learner.base + f"api/contents/{path}", headers={"X-XSRFToken": xsrf},
                                data=json.dumps({"type": "notebook", "format": "json", "content": nb}))
    assert saved.ok, saved.text
    assert learner.post("assignments/submit", course_id="lucy", assignment_id=UNIT).json()["success"]

    desk = Desk(hub, "facilitator2", "lucy")
    collected = desk.post(f"formgrader/api/assignment/{UNIT}/collect")
    assert collected.ok and collected.json()["success"], collected.text
    graded = redschool(hub, "autograde", UNIT, "--circle", "lucy", "--time-limit", "60", "--porcelain")
    assert graded.returncode == 0 and "lucy/learner5: graded" in graded.stdout, graded.stdout + graded.stderr
    (mine,) = [n for n in desk.get(f"formgrader/api/submitted_notebooks/{UNIT}/{UNIT}").json() if n["student"] == "learner5"]
    grades = desk.get(f"formgrader/api/grades?submission_id={mine['id']}").json()
    autograded = {g["name"]: g["auto_score"] for g in grades if not g["needs_manual_grade"]}
    assert autograded == {check: 1.0 for check in ("unemployment-check", "ratio-check", "every-year-check",
                                                   "period-check", "wage-share-check")}
    assert {g["name"] for g in grades if g["needs_manual_grade"]} == {"reflect-pessimism", "reflect-gap"}


def test_learner1_in_rosa_fetches_the_english_notebook(hub, released):
    text = _text(fetched_notebook(hub, "learner1", "rosa"))
    assert "If you have never used a notebook: start here" in text
    assert "Si nunca usaste" not in text


def test_a_unit_without_spanish_is_refused_for_lucy_and_released_to_rosa(hub):
    done = redschool(hub, "release", ENGLISH_ONLY, "--all", "--porcelain")
    assert done.returncode == 1  # a refusal, as for a unit changed after learners fetched it
    assert f"{ENGLISH_ONLY} -> rosa: released" in done.stdout
    assert (f"{ENGLISH_ONLY} -> lucy: refused (this unit has no Spanish version yet (it is written in English); "
            "the circle studies in Spanish") in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (hub.data_dir / "exchange" / "lucy" / "outbound" / ENGLISH_ONLY).exists()
