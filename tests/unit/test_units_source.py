"""The shipped units' source notebooks, read without running them: the cells other
tests and benchmarks rely on, explorers, data provenance and reflections."""

from __future__ import annotations

import json

import pytest

from curriculum.load import find_unit

PE01 = "lrs-pe-01-commodity-and-value"
PE03 = "lrs-pe-03-profit-rate-and-crisis"
PE04 = "lrs-pe-04-reproduction-and-accumulation"


def source(unit_id: str) -> dict:
    unit = find_unit(unit_id)
    return json.loads((unit.folder / unit.manifest.notebooks[0]).read_text())


def test_pe01_keeps_the_cells_other_tests_rely_on():
    notebook = source(PE01)
    cells = {c["metadata"]["nbgrader"]["grade_id"]: c for c in notebook["cells"]}
    answer = "".join(cells["exercise-answer"]["source"])
    assert "hours_per_shirt = ...\n### BEGIN SOLUTION" in answer
    check = cells["exercise-check"]
    assert check["metadata"]["nbgrader"]["points"] == 1
    assert "abs(hours_per_shirt - 1.8) < 0.001" in "".join(check["source"])
    reflection = cells["reflection-answer"]
    assert reflection["cell_type"] == "markdown" and reflection["metadata"]["nbgrader"]["points"] == 1
    first_reflection = next(c for c in notebook["cells"] if c["cell_type"] == "markdown"
                            and c["metadata"]["nbgrader"]["solution"])
    assert first_reflection["id"] == "reflection-answer"


@pytest.mark.parametrize("unit_id, explorer, data_sets", [
    (PE03, "ProfitRateExplorer", ['describe("us_corporate")', 'describe("reserve_army")']),
    (PE04, "ReproductionExplorer", ["describe(us)", "penn_world_table("]),
], ids=["pe-03", "pe-04"])
def test_unit_has_explorer_provenance_and_two_reflections(unit_id, explorer, data_sets):
    notebook = source(unit_id)
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    assert f"{explorer}()" in text
    for needle in data_sets:
        assert needle in text
    reflections = [c for c in notebook["cells"] if c["cell_type"] == "markdown"
                   and c["metadata"]["nbgrader"].get("solution") and c["metadata"]["nbgrader"].get("grade")]
    assert len(reflections) >= 2
    assert all(c["metadata"]["nbgrader"]["points"] == 1 for c in reflections)
