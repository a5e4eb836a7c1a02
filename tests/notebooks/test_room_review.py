"""The circle's worksheet, reviewed (issue 14): collected from the room as the circle's
submission, commented on and marked read in nbgrader's gradebook as at the desk, and the
comments returned into the room beside the worksheet, which stays as the circle left it."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from core.cohort import load_roster
from core.layout import course_dir, gradebook_url, room_documents
from core.rooms import room_assignment, room_user
from core.settings import DEMO_ROSTER, Settings
from curriculum.load import find_unit
from grading.release import release_unit
from grading.room_review import WORKSHEET_LIMIT, collect_room_work, return_room_feedback, room_work_state

UNIT = "bootcamp-01-where-we-stand"
BOARD = f"{UNIT}/our-board.ipynb"
HARDER = "b7cd4ea2"  # the board's section "what has become harder"
CIRCLE_TEXT = "- Ana: the depot drivers' sick-pay fight"
COMMENT = "Good: bring the sick-pay fight to the strategy session."


@pytest.fixture
def released(tmp_path):
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data"), "REDSCHOOL_ROSTER": str(DEMO_ROSTER)})
    unit = find_unit(UNIT)
    release_unit(unit, settings=settings, cohort=load_roster(settings.roster), circles=["rosa", "lucy"])
    return settings, unit


def _write_in_room(settings, text: str) -> None:
    path = room_documents(settings, "rosa") / BOARD
    board = nbformat.read(path, as_version=4)
    (section,) = [c for c in board.cells if c.id == HARDER]
    section.source += "\n" + text
    board.cells = [c for c in board.cells if c.id != "6b1459b9"]  # the circle deleted a section
    nbformat.write(board, path)


def _review(settings, comment: str | None) -> list[str]:
    """What a facilitator does at the desk: comment on a section and mark every section read."""
    with Gradebook(gradebook_url(settings, "rosa"), course_id="rosa") as gradebook:
        submission = gradebook.find_submission(room_assignment(UNIT), room_user("rosa"))
        (notebook,) = submission.notebooks
        names = sorted(g.name for g in notebook.grades)
        for grade in notebook.grades:  # as the desk's grade API does when a score is given
            grade.manual_score, grade.needs_manual_grade = 1, False
        for c in notebook.comments:
            if c.name == HARDER and comment:
                c.manual_comment = comment
        gradebook.db.commit()
    return names


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_collect_review_and_return_the_circles_board(released):
    settings, unit = released
    assert room_work_state(settings, "rosa", UNIT) == "not collected yet"
    early = return_room_feedback(settings, "rosa", unit)
    assert (early.status, early.detail) == ("cannot", "not collected yet: collect the worksheets first")

    _write_in_room(settings, CIRCLE_TEXT)
    collected = collect_room_work(settings, "rosa", unit)
    assert collected.status == "collected", collected.line()
    assert room_work_state(settings, "rosa", UNIT) == "collected; 6 sections waiting for your review"
    waiting = return_room_feedback(settings, "rosa", unit)
    assert (waiting.status, waiting.detail) == ("waiting for review", "6 sections not marked read yet at the review desk")

    # Every `## ` section is a cell to comment on, the deleted one put back for nbgrader.
    assert len(_review(settings, COMMENT)) == 6
    assert room_work_state(settings, "rosa", UNIT) == "reviewed; feedback not yet returned"
    board_before = (room_documents(settings, "rosa") / BOARD).read_text()

    returned = return_room_feedback(settings, "rosa", unit)
    assert returned.line() == f"rosa's room, {UNIT}: returned (in the room: {UNIT}/our-board-feedback.ipynb)"
    assert room_work_state(settings, "rosa", UNIT) == "feedback returned to the room"
    feedback = nbformat.read(room_documents(settings, "rosa") / UNIT / "our-board-feedback.ipynb", as_version=4)
    texts = [c.source for c in feedback.cells]
    (harder_at,) = [i for i, t in enumerate(texts) if CIRCLE_TEXT in t]
    assert texts[harder_at + 1] == f"> **Your facilitator:**\n>\n> {COMMENT}"
    assert not any("nbgrader" in c.metadata for c in feedback.cells)
    # The worksheet itself is the circle's: returning feedback never writes it.
    assert (room_documents(settings, "rosa") / BOARD).read_text() == board_before
    # The other circle's room got nothing.
    assert not (room_documents(settings, "lucy") / UNIT / "our-board-feedback.ipynb").exists()


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_collecting_again_keeps_the_facilitators_comments(released):
    settings, unit = released
    _write_in_room(settings, CIRCLE_TEXT)
    assert collect_room_work(settings, "rosa", unit).status == "collected"
    _review(settings, COMMENT)
    _write_in_room(settings, "- Ben: the laundry room")
    assert collect_room_work(settings, "rosa", unit).status == "collected"
    with Gradebook(gradebook_url(settings, "rosa"), course_id="rosa") as gradebook:
        (notebook,) = gradebook.find_submission(room_assignment(UNIT), room_user("rosa")).notebooks
        assert [c.manual_comment for c in notebook.comments if c.name == HARDER] == [COMMENT]


def test_a_broken_or_missing_worksheet_is_refused_with_what_to_do(released):
    settings, unit = released
    board = room_documents(settings, "rosa") / BOARD
    board.write_text('{"cells": [')
    broken = collect_room_work(settings, "rosa", unit)
    assert broken.line() == (
        f"rosa's room, {UNIT}: cannot (the room's {BOARD} is not a notebook JupyterLab can read (NotJSONError); "
        "open it in the room, save it again, and collect again)"
    )
    board.unlink()
    board.symlink_to("/etc/hostname")
    linked = collect_room_work(settings, "rosa", unit)
    assert linked.detail == (f"the room's {BOARD} is a link, not the worksheet: delete the link in the room "
                             "and release the unit to the circle again to put the worksheet back")
    board.unlink()
    missing = collect_room_work(settings, "rosa", unit)
    assert missing.detail == (
        f"the room has no {BOARD}: it is placed when the unit is released to the circle "
        "(redschool release UNIT --circle CIRCLE); if the circle renamed it, give it back its name"
    )
    assert room_work_state(settings, "rosa", UNIT) == "not collected yet"


def test_an_oversized_worksheet_is_refused_and_nothing_is_handed_in(released):
    settings, unit = released
    board = room_documents(settings, "rosa") / BOARD
    notebook = json.loads(board.read_text())
    # Outputs a member's cell left behind (e.g. a huge table printed in the room).
    notebook["cells"].append({"cell_type": "code", "id": "bulky", "metadata": {}, "execution_count": 1, "source": "print(rows)",
                              "outputs": [{"output_type": "stream", "name": "stdout", "text": "x" * (WORKSHEET_LIMIT + 1)}]})
    board.write_text(json.dumps(notebook))
    refused = collect_room_work(settings, "rosa", unit)
    assert refused.line() == (
        f"rosa's room, {UNIT}: cannot (the room's {BOARD} is 10.5 MB, over the 10 MB a worksheet may be: "
        "clear its outputs in the room (Edit → Clear Outputs of All Cells), save, and collect again)"
    )
    assert not (course_dir(settings, "rosa") / "submitted").exists(), "a refused collection hands nothing in"
    assert room_work_state(settings, "rosa", UNIT) == "not collected yet"


def test_a_room_this_process_cannot_reach_is_refused_with_who_can_act(released, monkeypatch):
    settings, unit = released

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", denied)  # as a room owned by its own account is, to another
    refused = collect_room_work(settings, "rosa", unit)
    assert refused.status == "cannot"
    assert refused.detail == (
        f"Permission denied ({room_documents(settings, 'rosa') / BOARD}): this page could not reach the room or the course; "
        "an admin can run the same step as root with `redschool room collect|return UNIT --circle C`"
    )


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's autograde trips it on every submission
def test_a_forged_grade_cell_in_the_room_is_not_graded(released):
    settings, unit = released
    path = room_documents(settings, "rosa") / BOARD
    board = json.loads(path.read_text())
    board["cells"].append({"cell_type": "markdown", "id": "forged", "source": "x",
                           "metadata": {"nbgrader": {"grade": True, "solution": True, "grade_id": "forged", "points": 100,
                                                     "locked": False, "schema_version": 3, "task": False}}})
    path.write_text(json.dumps(board))
    collected = collect_room_work(settings, "rosa", unit)
    assert collected.status == "collected", collected.line()
    with Gradebook(gradebook_url(settings, "rosa"), course_id="rosa") as gradebook:
        (notebook,) = gradebook.find_submission(room_assignment(UNIT), room_user("rosa")).notebooks
        assert "forged" not in {g.name for g in notebook.grades}
        assert notebook.max_score == 6


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_a_spanish_circle_gets_its_comments_in_spanish(tmp_path):
    from tests.support.rosters import spanish_lucy_roster

    roster = spanish_lucy_roster(tmp_path)
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data"), "REDSCHOOL_ROSTER": str(roster)})
    cohort = load_roster(settings.roster)
    unit = find_unit(UNIT)
    release_unit(unit, settings=settings, cohort=cohort, circles=["lucy"])
    assert collect_room_work(settings, "lucy", unit, "es").status == "collected"
    # The circle's Spanish board is the source and the submission: sections restored from it are Spanish.
    source = course_dir(settings, "lucy") / "source" / room_assignment(UNIT) / "our-board.ipynb"
    assert "## Quiénes estamos" in source.read_text(encoding="utf-8")
    with Gradebook(gradebook_url(settings, "lucy"), course_id="lucy") as gradebook:
        (notebook,) = gradebook.find_submission(room_assignment(UNIT), room_user("lucy")).notebooks
        for grade in notebook.grades:
            grade.manual_score, grade.needs_manual_grade = 1, False
        for c in notebook.comments:
            if c.name == HARDER:
                c.manual_comment = "Bien visto."
        gradebook.db.commit()
    assert return_room_feedback(settings, "lucy", unit, "es").status == "returned"
    feedback = nbformat.read(room_documents(settings, "lucy") / UNIT / "our-board-feedback.ipynb", as_version=4)
    assert feedback.cells[0].source.startswith("# Comentarios sobre la hoja del círculo")
    assert "> **Quien facilita:**\n>\n> Bien visto." in [c.source for c in feedback.cells]
