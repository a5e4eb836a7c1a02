"""Bootcamp units 1-3 played as a learner would: correct answers pass every autograded
check (hidden tests included) and run every cell without an error; one typical wrong
answer per unit gets the hint written for it.

Two notebook runs per unit (a few seconds each)."""

from __future__ import annotations

import pytest

from tests.support.learner import cell_errors, check_results, fill, run, student_version, with_hidden_tests

UNIT_1 = "bootcamp-01-where-we-stand"
UNIT_2 = "bootcamp-02-points-of-unity"
UNIT_3 = "bootcamp-03-how-capitalism-makes-profit"

CORRECT = {
    UNIT_1: {
        "unemployment-answer": "rise_2007_to_2010 = unemployment_rate[2010] - unemployment_rate[2007]",
        "ratio-answer": 'ratio_2024 = table.loc[2024, "productivity_index"] / table.loc[2024, "pay_index"]',
        "every-year-answer": 'ratio_every_year = table["productivity_index"] / table["pay_index"]',
        "reflect-pessimism": "At the tenants' meeting people said nothing changes; but we did win repairs last spring.",
        "reflect-gap": "Since 1973 each hour produces a lot more, but our pay has not kept up.",
    },
    UNIT_2: {
        "scores-answer": (
            "my_scores = {\n"
            '    "Socialism": 2,\n'
            '    "Ending all oppression": 5,\n'
            '    "Movements and an organised left": 4,\n'
            '    "Stewardship of the planet": 0,\n'
            '    "Liberation across borders": 3,\n'
            '    "Transforming ourselves": 1,\n'
            '    "Strategy, not dogma": 2,\n'
            "}"
        ),
        "borders-answer": 'mexico_2019 = shares.loc[2019, "MEX"]',
        "reflect-weakest": "Stewardship: my union work rarely touches it.",
        "reflect-unity": "Two socialists can disagree on whether to run candidates.",
    },
    UNIT_3: {
        "sv-answer": 'sv_2017 = table.loc[2017, "surplus"] / table.loc[2017, "compensation"]',
        "every-year-answer": 'sv_every_year = table["surplus"] / table["compensation"]',
        "hours-answer": (
            'surplus_hours_2017 = 8 * table.loc[2017, "surplus"] / '
            '(table.loc[2017, "surplus"] + table.loc[2017, "compensation"])'
        ),
        "reflect-workday": "At the warehouse the rate went up every quarter, the pay did not.",
        "reflect-risk": "True, they put up money; but the money grew because of our work.",
    },
}

# One typical mistake per unit: (answer cell, wrong answer, its check, words the hint must say).
WRONG = {
    UNIT_1: ("ratio-answer",
             'ratio_2024 = table.loc[2024, "pay_index"] / table.loc[2024, "productivity_index"]',
             "ratio-check", "you divided pay by productivity"),
    UNIT_2: ("borders-answer", 'mexico_2019 = shares.loc[2019, "MEX"] * 100',
             "borders-check", "do not multiply it by 100"),
    UNIT_3: ("sv-answer", 'sv_2017 = table.loc[2017, "surplus"] / table.loc[2017, "net_value_added"]',
             "sv-check", "You divided by net value added"),
}

UNITS = [UNIT_1, UNIT_2, UNIT_3]


@pytest.mark.parametrize("unit_id", UNITS)
def test_correct_answers_pass_every_check_including_hidden_tests(unit_id):
    nb = fill(student_version(unit_id), CORRECT[unit_id])
    executed = run(with_hidden_tests(nb, unit_id))

    results = check_results(executed)
    assert results, "the unit has no autograded checks"
    assert all(message is None for message in results.values()), results
    assert cell_errors(executed) == {}


@pytest.mark.parametrize("unit_id", UNITS)
def test_a_typical_mistake_gets_its_hint(unit_id):
    answer_cell, wrong, check, hint = WRONG[unit_id]
    nb = fill(student_version(unit_id), {**CORRECT[unit_id], answer_cell: wrong})
    results = check_results(run(nb))

    assert results[check] is not None and results[check].startswith("AssertionError"), results
    assert hint in results[check], results[check]
    # The other checks are untouched by the mistake.
    assert all(message is None for gid, message in results.items() if gid != check), results
