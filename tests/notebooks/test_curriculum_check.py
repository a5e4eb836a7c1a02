"""`redschool check` executing notebooks: the fixture curriculum (each unit with
exactly one defect) checked once per module with notebooks run in parallel, the
shipped curriculum, and the time limit. Each test asserts the exact line a
curriculum writer would read: file, line or cell id, what is wrong, what to do.

The static stage is tested in tests/unit/test_curriculum_check.py.
"""

from __future__ import annotations

import pytest

from curriculum import advice
from curriculum.check import BLOCKING, check, check_paths
from curriculum.load import DEFAULT_ROOT
from tests.support.fixture_curriculum import EXPECTED, UNITS, copy_of_good_unit, edit_notebook, find_cell, lines_for


@pytest.fixture(scope="module")
def report():
    """One full check of the fixture curriculum (static, then execution in parallel)."""
    return check([UNITS], workers=2)


@pytest.mark.parametrize(("folder", "kind", "line"), EXPECTED, ids=[f"{k}:{f.split('/')[-1]}" for f, k, _ in EXPECTED])
def test_each_fixture_has_exactly_its_one_problem(report, folder, kind, line):
    assert lines_for(report.problems, folder) == [line]
    assert [p.kind for p in report.problems if (UNITS / folder) in p.file.parents] == [kind]


def test_the_good_unit_and_nothing_else_is_clean(report):
    assert lines_for(report.problems, "fixtures/good-unit") == []
    assert len(report.problems) == len(EXPECTED)
    assert not report.ok
    assert report.summary().startswith(f"{len(EXPECTED)} problems: 27 units")


def test_units_with_blocking_problems_are_not_executed(report):
    # network-access reaches for the network and malformed files cannot be built:
    # none of them was run, so each has only its static problem.
    assert {"network", "notebook-json", "yaml-syntax", "missing-notebook", "points-missing"} <= BLOCKING
    assert report.executed == 13


def test_shipped_curriculum_passes_the_full_check():
    report = check(workers=2)
    assert [p.format() for p in report.problems] == []
    assert report.executed == len(list(DEFAULT_ROOT.glob("*/*/unit.yaml")))


def test_a_cell_past_the_time_limit(tmp_path):
    unit = copy_of_good_unit(tmp_path)

    def edit(d):
        cell = find_cell(d, "worked-example")
        cell["source"] = "import time\ntime.sleep(30)\n" + "".join(cell["source"])
    edit_notebook(unit, edit)
    problems = check_paths([unit], workers=1, timeout=2)
    assert [p.format(relative_to=unit) for p in problems] == [
        "good-unit.ipynb:cell worked-example: the cell ran longer than 2 s — make the cell faster "
        f"(smaller data, fewer loops), or give it longer: `{advice.tool('redschool')} check --timeout 4 {unit}`"
    ]
