"""The imperialism and social oppression units' source, read without running it: their
place and opening date in the programme, two reviewed reflections each, the provenance
of every data set a notebook loads, the data they say they lack, and facilitator guides
that connect each module to the circle's own analysis."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from curriculum.load import find_unit, load_curriculum

OPENS = {
    "lrs-im-01-from-lenin-to-today": datetime.date(2027, 6, 7),
    "lrs-im-02-unequal-exchange": datetime.date(2027, 6, 21),
    "lrs-im-03-global-labour-arbitrage": datetime.date(2027, 7, 5),
    "lrs-so-01-racial-capitalism": datetime.date(2027, 8, 2),
    "lrs-so-02-patriarchy-and-social-reproduction": datetime.date(2027, 8, 16),
    "lrs-so-03-national-oppression": datetime.date(2027, 8, 30),
}
LOADERS = {"penn_world_table", "us_prison_population", "reserve_army", "us_corporate", "productivity_pay"}


def cells(unit_id: str) -> list[dict]:
    unit = find_unit(unit_id)
    return json.loads((unit.folder / unit.manifest.notebooks[0]).read_text())["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_the_units_open_on_their_calendar_dates_in_order():
    programme = load_curriculum().programmes["little-red-school"]
    entries = {e.id: e.opens for e in programme.manifest.entries}
    assert {unit_id: entries.get(unit_id) for unit_id in OPENS} == OPENS
    order = [e.id for e in programme.manifest.entries if e.id in OPENS]
    assert order == list(OPENS)


@pytest.mark.parametrize("unit_id", OPENS)
def test_two_reflections_an_open_task_and_provenance_for_every_data_set(unit_id):
    notebook = cells(unit_id)
    reflections = [c for c in notebook if c["cell_type"] == "markdown"
                   and c["metadata"]["nbgrader"]["solution"] and c["metadata"]["nbgrader"]["grade"]]
    assert len(reflections) >= 2 and all(c["metadata"]["nbgrader"]["points"] == 1 for c in reflections)
    code = "\n".join(text(c) for c in notebook if c["cell_type"] == "code")
    loaded = set(re.findall(r"\b(" + "|".join(LOADERS) + r")\(", code))
    described = set(re.findall(r'describe\("(\w+)"\)', code))
    assert loaded and loaded <= described
    # The open task: the learner chooses, predicts before computing, and the check tests the choice.
    answers = {c["id"]: text(c) for c in notebook if c["metadata"]["nbgrader"]["solution"] and c["cell_type"] == "code"}
    assert "my_prediction = ..." in answers["own-answer"]
    assert any("before computing" in text(c) for c in notebook if c["cell_type"] == "markdown")


def test_the_racial_capitalism_unit_says_which_data_it_lacks():
    prose = " ".join(text(c) for c in cells("lrs-so-01-racial-capitalism") if c["cell_type"] == "markdown")
    assert "no breakdown by race" in prose
    claims = next(text(c) for c in cells("lrs-so-01-racial-capitalism") if c["id"] == "claims-check")
    assert "cannot test it" in claims


@pytest.mark.parametrize("unit_id", ["lrs-so-02-patriarchy-and-social-reproduction", "lrs-so-03-national-oppression"])
def test_the_other_oppression_units_say_what_their_data_cannot_show(unit_id):
    prose = " ".join(text(c) for c in cells(unit_id) if c["cell_type"] == "markdown")
    assert re.search(r"cannot (show|say)", prose)


@pytest.mark.parametrize("unit_id", OPENS)
def test_the_guide_connects_the_module_to_the_circles_analysis(unit_id):
    guide = (find_unit(unit_id).folder / "facilitator-guide.md").read_text()
    words = " ".join(guide.split())
    headings = re.findall(r"^## (.+)$", guide, re.M)
    for section in ("Session plan", "Discussion questions", "Common confusions", "Commenting on reflections",
                    "The module and the circle's own analysis", "If the tech or the pre-work fails",
                    "Background for the facilitator", "Reading load, honestly"):
        assert section in headings, section
    assert "*Our conjuncture*" in words and "*A strategy sketch*" in words
    for move in ("dominates", "Silence", "correct line", "rejects the premise"):
        assert move in words, move
    assert "**A strong reflection**" in words and "**A thin reflection:**" in words


def test_every_reading_the_units_name_is_in_the_index():
    from pathlib import Path

    index = (Path(__file__).resolve().parents[2] / "readings" / "index.md").read_text()
    for unit_id in OPENS:
        for slug in find_unit(unit_id).manifest.readings:
            assert f"[{slug}]({slug}.md)" in index and unit_id in index
