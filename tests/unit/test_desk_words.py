"""What the review desk and the grading commands say to people (issue 13, points 6 and 7):
units by their titles, learners by the roster's names, times to the minute, no scores."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import nbformat
from nbgrader.server_extensions.formgrader import handlers
from traitlets.config import Config

from core.settings import Settings
from grading import desk
from grading.autograde import Graded
from grading.courses import course_config
from grading.feedback import FeedbackOutcome
from grading.release import ReleaseOutcome
from grading.units import notebook_label, title_of, unit_titles
from grading.words import Names, minutes, seconds

UNIT = "lrs-pe-01-commodity-and-value"
NAMES = Names({UNIT: "Commodity and value"}, {"learner1": "Ana (learner)"})


def test_a_unit_is_named_by_its_title_or_its_id_when_the_curriculum_lacks_it():
    assert title_of(UNIT, {UNIT: "Commodity and value"}) == "Commodity and value"
    assert title_of("gone-unit", {}) == "gone-unit"
    assert unit_titles(Settings.from_env())[UNIT] == "Commodity and value"  # the repository's curriculum
    # In a reader's language where the manifest translates the title, else the original's.
    spanish = unit_titles(Settings.from_env(), "es")
    assert spanish["bootcamp-01-where-we-stand"] == "Dónde estamos" and spanish[UNIT] == "Commodity and value"
    assert unit_titles(Settings.from_env())["bootcamp-01-where-we-stand"] == "Where we stand"


def test_a_notebook_is_named_after_its_unit():
    assert notebook_label(UNIT, UNIT) == "Submissions"
    assert notebook_label(UNIT, f"{UNIT}-part-2") == "part 2"
    assert notebook_label(UNIT, "extra_notes") == "extra notes"


def test_times_to_the_minute_and_durations_in_words():
    assert minutes(dt.datetime(2026, 12, 1, 4, 25, 59, 123456)) == "2026-12-01 04:25 UTC"
    assert minutes("2026-12-01 04:25:59.123456 UTC") == "2026-12-01 04:25 UTC"
    assert minutes("not a time") == "not a time" and minutes(None) == ""
    assert seconds(2.4) == "2 s" and seconds(125) == "2 min 5 s" and seconds(120) == "2 min"


def test_outcomes_in_words_name_people_and_units_and_give_no_score():
    graded = Graded("rosa", "learner1", "graded", 2.4, 5, 10)
    assert NAMES.graded(graded) == "Ana (learner): checked in 2 s"
    assert graded.line() == "rosa/learner1: graded in 2.4s, 5/10 points"  # --porcelain keeps the ids
    assert NAMES.feedback(FeedbackOutcome("rosa", "learner1", "returned")) == "Ana (learner): feedback returned"
    waiting = FeedbackOutcome("rosa", "learner1", "waiting for review", "not yet reviewed: reflection-answer", ("reflection-answer",))
    assert NAMES.feedback(waiting) == "Ana (learner): waiting for review (1 answer not read yet)"
    assert waiting.line() == "rosa/learner1: waiting for review (not yet reviewed: reflection-answer)"
    assert NAMES.released(ReleaseOutcome("rosa", UNIT, "unchanged")) == "Commodity and value, circle rosa: already released, unchanged"
    from grading.rooms import RoomCopy

    with_board = ReleaseOutcome("rosa", UNIT, "released", room=(RoomCopy("rosa", f"{UNIT}/our-board.ipynb", "placed"),))
    assert NAMES.released(with_board) == (
        f"Commodity and value, circle rosa: released\n  rosa's room: {UNIT}/our-board.ipynb placed"
    )
    assert NAMES.collected(UNIT, "rosa", ["learner1", "learner9"]) == (
        "Commodity and value, circle rosa: 2 submission(s) collected from Ana (learner), learner9"
    )


def test_feedback_outcomes_speak_the_facilitators_language():
    """The progress page says what "Return reviewed feedback" did in its reader's language."""
    returned = FeedbackOutcome("lucy", "learner5", "returned")
    assert returned.words("Esi (learner)") == "Esi (learner): feedback returned"
    assert returned.words("Esi (learner)", "es") == "Esi (learner): comentarios devueltos"
    one, two = (FeedbackOutcome("lucy", "learner5", "waiting for review", "", pending) for pending in
                (("reflect-gap",), ("reflect-gap", "reflect-pessimism")))
    assert one.words("Esi (learner)", "es") == "Esi (learner): esperando tu revisión (1 respuesta sin leer todavía)"
    assert two.words("Esi (learner)", "es") == "Esi (learner): esperando tu revisión (2 respuestas sin leer todavía)"
    assert two.words("Esi (learner)") == "Esi (learner): waiting for review (2 answers not read yet)"
    not_graded = FeedbackOutcome("lucy", "learner5", "cannot return", "not autograded yet: run autograde first")
    assert not_graded.words("Esi (learner)") == "Esi (learner): cannot return (not autograded yet: run autograde first)"
    assert not_graded.words("Esi (learner)", "es") == (
        "Esi (learner): no se pueden devolver sus comentarios (todavía no está corregida automáticamente: "
        "ejecuta primero la corrección automática)")


def _submission_page(tmp_path: Path) -> str:
    """The submission page as the desk renders it: nbgrader's exporter with the desk's config."""
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook()
    reflection = nbformat.v4.new_markdown_cell("We organise the food bank.")
    reflection.metadata["nbgrader"] = {"grade_id": "reflection-answer", "solution": True, "grade": True, "points": 1,
                                       "locked": False, "schema_version": 3}
    check = nbformat.v4.new_code_cell("# Checks your answer\nassert True")
    check.metadata["nbgrader"] = {"grade_id": "exercise-check", "solution": False, "grade": True, "points": 1,
                                  "locked": True, "schema_version": 3}
    nb.cells = [reflection, check]
    formgrader = desk.DeskFormgrader()
    formgrader.course = course_config(Settings.from_env(), "rosa")
    config = Config(formgrader.course)
    config.merge(formgrader.build_extra_config())
    resources = {"assignment_id": UNIT, "notebook_id": UNIT, "submission_id": "abc", "index": 0, "total": 1,
                 "base_url": "/services/rosa", "student": "learner1", "last_name": None, "first_name": "Ana (learner)"}
    html, _ = HTMLExporter(config=config).from_notebook_node(nb, resources=resources)
    return html


def test_the_submission_page_has_no_score_box_and_names_the_unit(tmp_path):
    html = _submission_page(tmp_path)
    assert "extra credit" not in html and 'class="score' not in html and "No credit" not in html
    button = re.search(r'<button [^>]*id="reflection-answer"[^>]*>Mark as read</button>', html)
    assert button and "full-credit" in button.group(0)  # nbgrader's own full-credit action, relabelled
    # A check shows nothing, unless nbgrader flags it for a person (static/desk/reviewed.js unhides it).
    check = re.search(r'<button [^>]*id="exercise-check"[^>]*>', html)
    assert check and " hidden" in check.group(0) and "rs-check-review" in check.group(0)
    assert ">Commodity and value</a>" in html and f">{UNIT}<" not in html
    assert "Submission 1 / 1" not in html and '<span class="rs-learner">Ana (learner)</span>' in html
    assert "/formgrader/static/desk/reviewed.js" in html


def test_nbgrader_still_binds_a_grade_by_the_element_with_its_id():
    """The 'Mark as read' button carries the grade's id because formgrade.js finds a grade's
    view that way and formgrade_models.js gives full credit on .full-credit (nbgrader 0.9)."""
    static = Path(handlers.static_path, "js")
    assert '$("#" + model.get("name")).parents(".nbgrader_cell")' in (static / "formgrade.js").read_text()
    models = (static / "formgrade_models.js").read_text()
    assert '"click .full-credit": "assignFullCredit"' in models and "var GradeUI = Backbone.View.extend" in models
