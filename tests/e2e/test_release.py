"""Releasing a unit to a circle, and a learner fetching and submitting it through
nbgrader's own endpoints in their server, as the Assignments panel does."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.support.hubprocess import VENV_BIN, LearnerServer, redschool

UNIT = "lrs-pe-01-commodity-and-value"  # test_review_loop.py works on it too, on the same hub


@pytest.fixture(scope="module")
def released(hub):
    result = redschool(hub, "release", UNIT, "--circle", "rosa", "--porcelain")
    assert result.returncode == 0, result.stderr
    assert f"{UNIT} -> rosa: released" in result.stdout
    return result


def test_releasing_again_changes_nothing(hub, released):
    outbound = hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT
    before = {p: p.stat().st_mtime_ns for p in outbound.rglob("*")}
    again = redschool(hub, "release", UNIT, "--circle", "rosa", "--porcelain")
    assert again.returncode == 0 and f"{UNIT} -> rosa: unchanged" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in outbound.rglob("*")} == before


def test_unknown_circle_and_unit_are_clear_errors(hub):
    bad_circle = redschool(hub, "release", UNIT, "--circle", "emma")
    assert bad_circle.returncode == 1
    assert "no circle emma on the roster (circles: lucy, rosa)" in bad_circle.stderr
    bad_unit = redschool(hub, "release", "no-such-unit", "--all")
    assert bad_unit.returncode == 1 and "no unit 'no-such-unit'" in bad_unit.stderr
    assert "Traceback" not in bad_circle.stderr + bad_unit.stderr


def test_learner_fetches_edits_and_submits_into_their_circles_inbound(hub, released):
    learner = LearnerServer(hub, "learner1")
    assert "rosa" in learner.get("courses").json()["value"]
    listed = learner.assignments("rosa")
    assert [(a["assignment_id"], a["status"]) for a in listed] == [(UNIT, "released")]

    learner.post("assignments/fetch", course_id="rosa", assignment_id=UNIT)
    fetched = learner.assignments("rosa")
    assert fetched[0]["status"] == "fetched"
    notebook_path = fetched[0]["notebooks"][0]["path"]

    model = learner.get(f"api/contents/{notebook_path}").json()
    notebook = model["content"]
    reflection = next(c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("solution") and c["cell_type"] == "markdown")
    reflection["source"] = "In my tenants' union, rent is the labour of many people, priced."
    xsrf = learner.session.cookies.get("_xsrf", path="/user/learner1/")
    saved = learner.session.put(
        learner.base + f"api/contents/{notebook_path}",
        data=json.dumps({"type": "notebook", "format": "json", "content": notebook}),
        headers={"X-XSRFToken": xsrf},
    )
    assert saved.ok, saved.text

    submitted = learner.post("assignments/submit", course_id="rosa", assignment_id=UNIT).json()
    assert isinstance(submitted, dict) and submitted["success"], submitted
    inbound = list((hub.data_dir / "exchange" / "rosa" / "inbound").glob(f"learner1+{UNIT}+*"))
    assert len(inbound) == 1
    submitted = next(inbound[0].glob("*.ipynb")).read_text()
    assert "rent is the labour of many people" in submitted
    assert not list((hub.data_dir / "exchange" / "lucy").glob(f"**/learner1+{UNIT}+*"))


def test_learner_of_another_circle_does_not_see_it(hub, released):
    learner = LearnerServer(hub, "learner5")
    assert "rosa" not in learner.get("courses").json()["value"]
    # Asking for rosa's course by name lists nothing: the auth plugin filters by the hub's groups.
    assert learner.assignments("rosa") == []
    assert learner.assignments("lucy") == []
    submitted = learner.get("assignments", course_id="rosa").json()
    assert UNIT not in json.dumps(submitted)


def test_a_changed_unit_that_learners_fetched_is_refused_unless_forced(hub, tmp_path):
    import shutil

    from tests.support.hubprocess import ROOT

    # Another unit than the one the review loop uses, so this test leaves that one alone.
    unit = "bootcamp-01-where-we-stand"
    assert redschool(hub, "release", unit, "--circle", "rosa").returncode == 0
    learner = LearnerServer(hub, "learner2")
    learner.post("assignments/fetch", course_id="rosa", assignment_id=unit)

    # A curriculum team's copy of the curriculum, with one sentence changed.
    shutil.copytree(ROOT / "curriculum", tmp_path / "curriculum", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    shutil.copytree(ROOT / "readings", tmp_path / "readings")
    notebook_path = tmp_path / "curriculum" / "bootcamp" / unit / f"{unit}.ipynb"
    notebook = json.loads(notebook_path.read_text())
    first_markdown = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    first_markdown["source"] = "".join(first_markdown["source"]) + "\n\nA sentence added after release."
    notebook_path.write_text(json.dumps(notebook, indent=1))
    env = hub.env | {"REDSCHOOL_CURRICULUM": str(tmp_path / "curriculum")}
    outbound = hub.data_dir / "exchange" / "rosa" / "outbound" / unit
    before = {p: p.read_bytes() for p in outbound.rglob("*") if p.is_file()}

    def release(*extra):
        return subprocess.run(
            [str(VENV_BIN / "redschool"), "release", unit, "--circle", "rosa", "--porcelain", *extra],
            env=env, capture_output=True, text=True, timeout=300,
        )

    refused = release()
    assert refused.returncode == 1
    assert f"{unit} -> rosa: refused" in refused.stderr
    assert "learner2 already fetched it" in refused.stderr and "--force" in refused.stderr
    assert {p: p.read_bytes() for p in outbound.rglob("*") if p.is_file()} == before, "a refused release writes nothing"

    forced = release("--force")
    assert forced.returncode == 0, forced.stderr
    assert f"{unit} -> rosa: updated" in forced.stdout
    assert "A sentence added after release." in next(outbound.glob("*.ipynb")).read_text()


def test_release_due_follows_the_programme_schedule(hub, tmp_path):
    import shutil

    from tests.support.hubprocess import ROOT

    shutil.copytree(ROOT / "curriculum", tmp_path / "curriculum", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    shutil.copytree(ROOT / "readings", tmp_path / "readings")
    programme = tmp_path / "curriculum" / "bootcamp" / "programme.yaml"
    text = programme.read_text()
    # Session 2 opens on 2027-01-11 in this copy; nothing else has a date.
    text = text.replace("- bootcamp-02-points-of-unity", "- id: bootcamp-02-points-of-unity\n  opens: 2027-01-11")
    programme.write_text(text)
    env = hub.env | {"REDSCHOOL_CURRICULUM": str(tmp_path / "curriculum")}

    def due(today: str):
        return subprocess.run([str(VENV_BIN / "redschool"), "release", "--due", "--today", today, "--porcelain"],
                              env=env, capture_output=True, text=True, timeout=300)

    early = due("2027-01-10")
    assert early.returncode == 0 and "Nothing is due" in early.stdout
    on_time = due("2027-01-11")
    assert on_time.returncode == 0, on_time.stderr
    assert "bootcamp-02-points-of-unity -> lucy: released" in on_time.stdout
    assert "bootcamp-02-points-of-unity -> rosa: released" in on_time.stdout
    assert (hub.data_dir / "exchange" / "rosa" / "outbound" / "bootcamp-02-points-of-unity").is_dir()
