"""One bad submission never stops grading for everyone (issue 11, hole 4): a notebook
nested 200,000 levels deep fails for its learner alone, with a line saying why, and
the circle's other submissions are graded."""

from __future__ import annotations

import json

import pytest

from core.cohort import load_roster
from core.layout import outbound_dir, submitted_dir
from core.settings import DEMO_ROSTER, Settings
from curriculum.load import find_unit
from grading.autograde import autograde_circles, collect
from grading.release import release_unit
from tests.support.learner import fill
from tests.support.submissions import submit_notebook

UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
RIGHT = "hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())"
DEPTH = 200_000


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_a_notebook_nested_too_deep_fails_alone_and_the_others_are_graded(tmp_path):
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data"), "REDSCHOOL_ROSTER": str(DEMO_ROSTER)})
    release_unit(find_unit(UNIT), settings=settings, cohort=load_roster(settings.roster), circles=["rosa", "lucy"])
    released = json.loads((outbound_dir(settings, "rosa", UNIT) / NOTEBOOK).read_text())
    honest = fill(released, {"exercise-answer": RIGHT})
    for circle, learner in (("rosa", "learner1"), ("rosa", "learner2"), ("lucy", "learner5")):
        submit_notebook(settings.exchange_dir, circle, UNIT, learner, {NOTEBOOK: honest})
    collect(settings, "rosa", UNIT)
    # What a hostile learner can hand in: valid JSON that no recursive parser can read.
    deep = '{"cells": [], "metadata": {"x": ' + "[" * DEPTH + "]" * DEPTH + '}, "nbformat": 4, "nbformat_minor": 5}'
    (submitted_dir(settings, "rosa", "learner1", UNIT) / NOTEBOOK).write_text(deep)

    results = {(g.circle, g.student): g for g in autograde_circles(settings, ["rosa", "lucy"], UNIT, time_limit=90)}

    assert results[("rosa", "learner1")].status == "failed"
    assert "RecursionError" in results[("rosa", "learner1")].line()
    assert results[("rosa", "learner2")].status == "graded"
    assert results[("lucy", "learner5")].status == "graded"
    assert results[("rosa", "learner2")].score == results[("lucy", "learner5")].score
