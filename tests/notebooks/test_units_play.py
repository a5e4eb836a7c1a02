"""Every shipped unit played as a learner would, with the hidden tests put back as
nbgrader's autograde does:

- the correct answers pass every autograded check and every cell runs without an
  error (and a chart drawn from the learner's own answer cell shows their answers);
- the unit's typical mistakes, made in one run, each get the hint written for
  them; every check without a mistake still passes, and the provided cells still run.

One table per unit, in tests/support/plays/. Two notebook runs per unit (a few seconds each), on a
student version built once per unit.
"""

from __future__ import annotations

import copy
import json

import pytest

from tests.support.learner import cell_errors, check_results, fill, run, student_version, with_hidden_tests
from tests.support.plays import UNITS, Unit


@pytest.fixture(scope="module", params=UNITS, ids=[unit.id for unit in UNITS])
def unit(request) -> Unit:
    return request.param


@pytest.fixture(scope="module")
def student(unit) -> dict:
    """The notebook a learner fetches, built by nbgrader once per unit."""
    return student_version(unit.id)


def play(unit: Unit, student: dict, answers: dict[str, str]) -> dict:
    """Fill a copy of the learner's version, put the hidden tests back (as autograde does), run it."""
    return run(with_hidden_tests(fill(copy.deepcopy(student), answers), unit.id))


@pytest.fixture(scope="module")
def played_correctly(unit, student) -> dict:
    return play(unit, student, unit.correct)


@pytest.fixture(scope="module")
def played_with_mistakes(unit, student) -> dict:
    mistakes = {m.cell: m.answer for m in unit.checks.values() if m is not None}
    return play(unit, student, {**unit.correct, **mistakes})


def _output_text(executed: dict, cell_id: str) -> str:
    cell = next(c for c in executed["cells"] if c["id"] == cell_id)
    # Plotly wraps long titles with <br>: read them as spaces.
    return json.dumps(cell.get("outputs", [])).replace("<br>", " ").replace("\\u003cbr\\u003e", " ")


def test_correct_answers_pass_every_check_including_hidden_tests(unit, played_correctly):
    results = check_results(played_correctly)
    assert set(results) == set(unit.checks), "the unit's autograded checks are the ones in its table"
    assert all(message is None for message in results.values()), results


def test_correct_answers_run_every_cell_and_charts_show_them(unit, played_correctly):
    assert cell_errors(played_correctly) == {}
    for chart_cell, words in unit.charts.items():
        assert words in _output_text(played_correctly, chart_cell), chart_cell


def test_each_typical_mistake_gets_its_hint_with_hidden_tests_run(unit, played_with_mistakes):
    results = check_results(played_with_mistakes)
    assert set(results) == set(unit.checks), "the unit's autograded checks are the ones in its table"
    for check, mistake in unit.checks.items():
        if mistake is None:  # untouched by the mistakes
            assert results[check] is None, (check, results[check])
        else:
            assert results[check] is not None and results[check].startswith("AssertionError: "), (check, results[check])
            assert mistake.hint in results[check], (check, results[check])


def test_provided_cells_still_run_after_the_mistakes(played_with_mistakes):
    # Charts and comparisons the unit provides must not break on a learner's wrong answer.
    assert cell_errors(played_with_mistakes, include_checks=False) == {}
