"""The Bootcamp units' sources, read without running them: what the second edition
promises about time, benchmarks, explorers, checks and facilitator guides."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from curriculum.load import find_unit, load_curriculum

BOOTCAMP = [u.id for u in load_curriculum().programmes["bootcamp"].units]
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
GUIDE_SECTIONS = ["Reading load and time", "Background for the facilitator", "When the room disagrees",
                  "Example reflections", "If the tech or the pre-work fails"]


def cells(unit_id: str) -> list[dict]:
    unit = find_unit(unit_id)
    return json.loads((unit.folder / unit.manifest.notebooks[0]).read_text())["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"])


def reading_minutes(slug: str) -> int:
    front = (find_unit(BOOTCAMP[0]).folder.parents[2] / "readings" / f"{slug}.md").read_text().split("---")[1]
    return int(yaml.safe_load(front)["minutes"])


def test_six_units():
    assert len(BOOTCAMP) == 6


@pytest.mark.parametrize("unit_id", BOOTCAMP)
def test_the_manifest_time_is_the_notebook_time_plus_the_readings(unit_id):
    unit = find_unit(unit_id)
    goals = text(cells(unit_id)[0])
    found = re.search(r"[Aa]bout (\d+) minutes for the notebook|notebook takes about (\d+) minutes", goals)
    assert found, "the first cell says how long the notebook takes"
    notebook = int(found.group(1) or found.group(2))
    readings = sum(reading_minutes(slug) for slug in unit.manifest.readings)
    assert unit.manifest.estimated_minutes == notebook + readings


@pytest.mark.parametrize("unit_id", BOOTCAMP)
def test_dialectical_materialism_is_tagged_only_where_it_is_taught(unit_id):
    manifest = find_unit(unit_id).manifest
    if "dialectical-materialism" in manifest.benchmarks:
        assert any(re.search(r"contradiction|dialectic", goal, re.I) for goal in manifest.learning_goals)


@pytest.mark.parametrize("unit_id", BOOTCAMP)
def test_an_explorer_whose_finding_is_asked_for(unit_id):
    notebook = cells(unit_id)
    explorer_at = [i for i, c in enumerate(notebook) if c["cell_type"] == "code" and "Explorer(" in text(c)]
    assert explorer_at, "the unit has an explorer"
    later_answers = [c for c in notebook[explorer_at[0] + 1:]
                     if c["metadata"]["nbgrader"].get("solution")]
    assert later_answers, "an answer cell after the explorer asks what the learner found"


@pytest.mark.parametrize("unit_id", BOOTCAMP)
def test_every_hidden_condition_is_also_visible(unit_id):
    for cell in cells(unit_id):
        meta = cell["metadata"]["nbgrader"]
        if not (meta.get("grade") and not meta.get("solution") and cell["cell_type"] == "code"):
            continue
        source = text(cell)
        assert source.startswith("# Checks"), cell["id"]
        hidden = HIDDEN.search(source).group(1)
        visible = source[:source.index("### BEGIN HIDDEN TESTS")]
        for line in hidden.splitlines():
            if line.startswith("assert"):
                assert line in visible.splitlines(), (cell["id"], line)


@pytest.mark.parametrize("unit_id", BOOTCAMP)
def test_the_guide_has_what_a_facilitator_needs(unit_id):
    guide = (find_unit(unit_id).folder / "facilitator-guide.md").read_text()
    headings = re.findall(r"^## (.+)$", guide, re.M)
    for section in GUIDE_SECTIONS:
        assert section in headings, section
    for move in ("dominates", "Silence", "correct line", "rejects the premise"):
        assert move in guide, move
    assert "strong one" in guide and "thin one" in guide
    assert 'What "reviewed" looks like' in guide


def test_units_named_in_the_bootcamp_exist():
    lrs = len(load_curriculum().programmes["little-red-school"].units)
    for unit_id in BOOTCAMP:
        words = " ".join(text(c) for c in cells(unit_id))
        words += (find_unit(unit_id).folder / "facilitator-guide.md").read_text()
        for number in re.findall(r"Little Red School units? (\d)", words):
            assert int(number) <= lrs, (unit_id, number)
        for number in re.findall(r"[Ss]ession (\d)", words):
            assert 1 <= int(number) <= 6, (unit_id, number)
        assert not re.search(r"later units? on|the next unit|imperialism units?", words, re.I), unit_id
