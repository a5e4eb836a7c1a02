"""Bootcamp units 4-6 played as a learner would: correct answers pass every autograded
check (hidden tests included), run every cell without an error, and the charts drawn
from a learner's own answer cell show that learner's answers; one typical wrong answer
per unit gets the hint written for it.

Two notebook runs per unit (a few seconds each)."""

from __future__ import annotations

import json

import pytest

from tests.support.learner import cell_errors, check_results, fill, run, student_version, with_hidden_tests

UNIT_4 = "bootcamp-04-learning-from-those-before-us"
UNIT_5 = "bootcamp-05-strategy-and-the-political-instrument"
UNIT_6 = "bootcamp-06-culture-of-struggle"

CORRECT = {
    UNIT_4: {
        "years-answer": 'years_ghana_to_namibia = when["namibia"] - when["ghana"]',
        "decade-answer": 'events_in_1970s = len(timeline[timeline["decade"] == 1970])',
        "reflect-method": "Our building is mostly elders on fixed incomes: a rent strike model from students won't fit.",
        "reflect-lessons": "Chile 1973: the coup came from outside pressure and from inside divisions both.",
    },
    UNIT_5: {
        "labels-answer": 'my_labels = {"1": "leaning", "2": "tendency", "3": "orientation", "4": "leaning"}',
        "template-answer": 'missing_parts = ["correlation of power", "chokepoints"]',  # any order
        "ecosystem-answer": (
            "my_ecosystem = {\n"
            '    "Northside Tenants": "base-building organisation",\n'
            '    "Teamsters local": "union",\n'
            '    "Free fridge network": "mutual aid or service",\n'
            "}"
        ),
        "reflect-hypothesis": "Our rent campaign: bloc = tenants of one landlord; we never named chokepoints.",
        "reflect-instrument": "Nobody warns early about mistakes; a cadre org would have to earn trust.",
    },
    UNIT_6: {
        "struggle-answer": "skipped_steps = [4, 1]",  # any order
        "liberalism-answer": 'liberal_ones = ["E", "A", "C"]',
        "ratings-answer": (
            "my_ratings = {\n"
            '    "dialectical materialism": 2,\n'
            '    "evaluating strategy": 1,\n'
            '    "carrying out strategy collectively": 4,\n'
            '    "resilient protagonism and discipline": 3,\n'
            '    "left leadership": 2,\n'
            '    "ideological": 2,\n'
            '    "political": 3,\n'
            '    "organisational": 5,\n'
            '    "social-emotional": 3,\n'
            "}"
        ),
        "reflect-struggle": "I tend to skip step 1: I react before I ask.",
        "reflect-plan": "Social-emotional: one check-in a month with my buddy; I'll know when I ask before reacting.",
    },
}

# What the chart drawn from the learner's own answer cell must say: (chart cell, words).
CHART_SAYS = {
    UNIT_5: ("ecosystem-chart", "Your map: 3 organisations of 3 kinds"),
    UNIT_6: ("ratings-chart", "most room to grow in evaluating strategy (1 of 5)"),
}

# One typical mistake per unit: (answer cell, wrong answer, its check, words the hint must say).
WRONG = {
    UNIT_4: ("years-answer", 'years_ghana_to_namibia = when["ghana"] - when["namibia"]',
             "years-check", "Your answer is below zero"),
    UNIT_5: ("labels-answer",
             'my_labels = {"1": "orientation", "2": "tendency", "3": "orientation", "4": "leaning"}',
             "labels-check", "That is a leaning, not a whole strategy"),
    UNIT_6: ("struggle-answer", "skipped_steps = [1, 2, 4]",
             "struggle-check", "Jordan did weigh the urgency"),
}

UNITS = [UNIT_4, UNIT_5, UNIT_6]


def _output_text(executed: dict, cell_id: str) -> str:
    cell = next(c for c in executed["cells"] if c["id"] == cell_id)
    # Plotly wraps long titles with <br>: read them as spaces.
    return json.dumps(cell.get("outputs", [])).replace("<br>", " ").replace("\\u003cbr\\u003e", " ")


@pytest.mark.parametrize("unit_id", UNITS)
def test_correct_answers_pass_every_check_including_hidden_tests(unit_id):
    nb = fill(student_version(unit_id), CORRECT[unit_id])
    executed = run(with_hidden_tests(nb, unit_id))

    results = check_results(executed)
    assert results, "the unit has no autograded checks"
    assert all(message is None for message in results.values()), results
    assert cell_errors(executed) == {}
    if unit_id in CHART_SAYS:
        chart_cell, words = CHART_SAYS[unit_id]
        assert words in _output_text(executed, chart_cell)


@pytest.mark.parametrize("unit_id", UNITS)
def test_a_typical_mistake_gets_its_hint(unit_id):
    answer_cell, wrong, check, hint = WRONG[unit_id]
    nb = fill(student_version(unit_id), {**CORRECT[unit_id], answer_cell: wrong})
    results = check_results(run(nb))

    assert results[check] is not None and results[check].startswith("AssertionError"), results
    assert hint in results[check], results[check]
    # The other checks are untouched by the mistake.
    assert all(message is None for gid, message in results.items() if gid != check), results
