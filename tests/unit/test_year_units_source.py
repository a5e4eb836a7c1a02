"""The Little Red School's dialectical materialism, hegemony and state units, read without
running them (tests/notebooks/test_units_play.py plays them): each has a provenance
cell, an open task of the learner's own with its check, at least two reflections, a guide
with the sessions' moves and the link to the circle's conjunctural analysis and strategy
sketch; each module computes something real from shipped data; the programme lists them
in modules with a calendar."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from curriculum.load import find_unit, load_curriculum
from curriculum.readings import INDEX_NAME
from curriculum.rules import GUIDE_SECTIONS

MODULES = {
    "dialectical-materialism": ["lrs-dm-01-contradiction-and-change", "lrs-dm-02-materialism-against-idealism"],
    "hegemony": ["lrs-hg-01-consent-and-coercion", "lrs-hg-02-war-of-position"],
    "the-state": ["lrs-st-01-theories-of-the-state", "lrs-st-02-coercion-and-prisons"],
}
UNITS = [u for units in MODULES.values() for u in units]
#: The shipped data each module computes with (at least one unit per module).
DATA = {
    "dialectical-materialism": 'describe("productivity_pay")',
    "hegemony": 'describe("productivity_pay")',
    "the-state": 'describe("us_prison_population")',
}


def notebook(unit_id: str) -> dict:
    unit = find_unit(unit_id)
    return json.loads((unit.folder / unit.manifest.notebooks[0]).read_text())


def source(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("unit_id", UNITS)
def test_unit_has_provenance_an_open_task_and_two_reflections(unit_id):
    cells = notebook(unit_id)["cells"]
    ids = [c["id"] for c in cells]
    text = "\n".join(source(c) for c in cells)
    assert "describe(" in text or "**Source:** made-up" in text, "every unit says where its numbers come from"
    assert "own-answer" in ids and "own-check" in ids, "every unit has an open task of the learner's own"
    own = source(next(c for c in cells if c["id"] == "own-answer"))
    assert own.count("...") >= 3, "the open task asks for several steps"
    reflections = [c for c in cells if c["cell_type"] == "markdown" and c["metadata"]["nbgrader"].get("solution")
                   and c["metadata"]["nbgrader"].get("grade")]
    assert len(reflections) >= 2 and all(c["metadata"]["nbgrader"]["points"] == 1 for c in reflections)
    checks = [c for c in cells if c["metadata"]["nbgrader"].get("grade") and c["cell_type"] == "code"]
    assert all("### BEGIN HIDDEN TESTS" in source(c) for c in checks), "every check has its hidden test"


@pytest.mark.parametrize("module", MODULES)
def test_each_module_computes_with_shipped_data(module):
    texts = ["\n".join(source(c) for c in notebook(u)["cells"] if c["cell_type"] == "code") for u in MODULES[module]]
    assert any(DATA[module] in t for t in texts)


@pytest.mark.parametrize("unit_id", UNITS)
def test_guide_has_the_moves_and_the_link_to_the_circles_analysis(unit_id):
    guide = (find_unit(unit_id).folder / "facilitator-guide.md").read_text()
    headings = {line[3:].strip() for line in guide.splitlines() if line.startswith("## ")}
    for section in (*GUIDE_SECTIONS, "Reading load, honestly", "Moves for disagreement in the room",
                    "If the tech or the pre-work fails", "Background for the facilitator",
                    "How this module feeds the circle's conjunctural analysis and strategy sketch"):
        assert section in headings, (unit_id, section)
    for move in ("dominating", "Silence", "rejects the premise", "strong answer", "thin answer", "| 0:00"):
        assert move in guide, (unit_id, move)
    link = guide.split("## How this module feeds")[1].split("\n## ")[0]
    assert "Our conjuncture" in link or "strategy sketch" in link


def test_every_reading_is_in_the_index():
    index = (load_curriculum().readings_root / INDEX_NAME).read_text()
    for unit_id in UNITS:
        for slug in find_unit(unit_id).manifest.readings:
            assert f"{slug}.md" in index, slug


def test_the_programme_lists_the_modules_in_order_with_the_january_calendar():
    manifest = load_curriculum().programmes["little-red-school"].manifest
    ids = [m.id for m in manifest.modules]
    assert ids[:4] == ["political-economy", "dialectical-materialism", "hegemony", "the-state"]
    assert ids[-1] == "conjunctural-analysis"
    for module in manifest.modules:
        if module.id in MODULES:
            assert [e.id for e in module.units] == MODULES[module.id]
    opens = {e.id: e.opens for e in manifest.entries}
    assert opens["lrs-dm-01-contradiction-and-change"] == dt.date(2027, 3, 8)
    assert opens["lrs-st-02-coercion-and-prisons"] == dt.date(2027, 5, 17)
    assert opens["lrs-ca-01-reading-the-conjuncture"] == dt.date(2027, 10, 4)
