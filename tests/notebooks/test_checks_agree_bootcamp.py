"""Visible checks and hidden tests agree, for every autograded check of every Bootcamp unit.

A learner sees only the visible part of a check; nbgrader's autograde runs the
visible part and the hidden tests together. If the visible part accepts an
answer that the hidden tests reject, the learner is marked wrong for a reason
they could not see (the first edition's Bootcamp 6 ratings check accepted 3.0
and its hidden test failed it).

For each unit below, sets of answers are played twice: once in the student
version as the learner fetches it (visible checks only), once with the hidden
tests put back, as autograde does. Each set says, for every check, whether the
hidden tests accept it; the test asserts that the visible check says the same.
Each unit has a set of accepted answers written differently from the
solution, a set of "near misses" that slip past every hint but are still wrong
(a typed, rounded number; a partial list), and a set of typical mistakes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest

from tests.support.learner import check_results, fill, run, student_version, with_hidden_tests


@dataclass(frozen=True)
class AnswerSet:
    name: str
    answers: dict[str, str]  # answer cell (grade id) -> what the learner writes
    accepted: dict[str, bool]  # every autograded check -> does the hidden test accept it?


def _all(checks: list[str], verdict: bool) -> dict[str, bool]:
    return {check: verdict for check in checks}


B1_CHECKS = ["unemployment-check", "ratio-check", "every-year-check", "period-check", "wage-share-check"]
B2_CHECKS = ["borders-check", "choice-check"]
B3_CHECKS = ["sv-check", "every-year-check", "hours-check", "taxes-check", "unproductive-check"]
B4_CHECKS = ["years-check", "decade-check"]
B5_CHECKS = ["labels-check", "template-check", "hypothesis-check", "ecosystem-check"]
B6_CHECKS = ["struggle-check", "liberalism-check", "wrong-tool-check", "corners-check"]

_S_2017 = 'table.loc[2017, "surplus"]'
_V_2017 = 'table.loc[2017, "compensation"]'

UNITS: dict[str, list[AnswerSet]] = {
    "bootcamp-01-where-we-stand": [
        AnswerSet("written another way", {
            "unemployment-answer": "rise_2007_to_2010 = unemployment_rate.loc[2010] - unemployment_rate.loc[2007]",
            "ratio-answer": 'ratio_2024 = table["productivity_index"][2024] / table["pay_index"][2024]',
            "every-year-answer": "ratio_every_year = table.productivity_index / table.pay_index",
            "period-answer": (
                "my_first_year = 1948\nmy_last_year = 1973\n"
                'my_period_ratio = (table.loc[1973, "productivity_index"] / table.loc[1948, "productivity_index"]) / '
                '(table.loc[1973, "pay_index"] / table.loc[1948, "pay_index"])'
            ),
            "wage-share-answer": 'wage_share_2017 = corp["compensation"][2017] / corp["net_value_added"][2017]',
        }, _all(B1_CHECKS, True)),
        AnswerSet("near misses", {
            "unemployment-answer": "rise_2007_to_2010 = 5.2",
            "ratio-answer": "ratio_2024 = 1.6",
            "every-year-answer": 'ratio_every_year = table["productivity_index"] / table["pay_index"] * 1.01',
            "period-answer": "my_first_year = 1979\nmy_last_year = 2019\nmy_period_ratio = 1.3",
            "wage-share-answer": "wage_share_2017 = 0.68",
        }, _all(B1_CHECKS, False)),
        AnswerSet("typical mistakes", {
            "unemployment-answer": "rise_2007_to_2010 = unemployment_rate[2007] - unemployment_rate[2010]",
            "ratio-answer": 'ratio_2024 = table.loc[2024, "pay_index"] / table.loc[2024, "productivity_index"]',
            "every-year-answer": 'ratio_every_year = table["productivity_index"] - table["pay_index"]',
            "period-answer": "my_first_year = 2019\nmy_last_year = 1979\nmy_period_ratio = 1.0",
            "wage-share-answer": 'wage_share_2017 = corp.loc[2017, "surplus"] / corp.loc[2017, "net_value_added"]',
        }, _all(B1_CHECKS, False)),
    ],
    "bootcamp-02-points-of-unity": [
        AnswerSet("written another way", {
            "borders-answer": 'mexico_relative_2019 = levels["MEX"][2019] / levels["USA"][2019]',
            "choice-answer": 'my_country = "ZAF"\nmy_year = 1985\nmy_relative = levels["ZAF"][1985] / levels["USA"][1985]',
        }, _all(B2_CHECKS, True)),
        AnswerSet("near misses", {
            "borders-answer": "mexico_relative_2019 = 0.5",
            "choice-answer": 'my_country = "CHN"\nmy_year = 2019\nmy_relative = 0.7',
        }, _all(B2_CHECKS, False)),
        AnswerSet("typical mistakes", {
            "borders-answer": 'mexico_relative_2019 = levels.loc[2019, "USA"] / levels.loc[2019, "MEX"]',
            "choice-answer": 'my_country = "MEX"\nmy_year = 2000\nmy_relative = levels.loc[2000, "MEX"] / levels.loc[2000, "USA"]',
        }, _all(B2_CHECKS, False)),
    ],
    "bootcamp-03-how-capitalism-makes-profit": [
        AnswerSet("written another way", {
            "sv-answer": 'sv_2017 = table["surplus"][2017] / table["compensation"][2017]',
            "every-year-answer": "sv_every_year = table.surplus / table.compensation",
            "hours-answer": f"s, v = {_S_2017}, {_V_2017}\nsurplus_hours_2017 = 8 * (s / (s + v))",
            "taxes-answer": (
                f"taxes = table.loc[2017, \"net_value_added\"] - {_V_2017} - {_S_2017}\n"
                f"sv_2017_with_taxes = ({_S_2017} + taxes) / {_V_2017}"
            ),
            "unproductive-answer": f"my_share = 0.1\nmy_sv_2017 = ({_S_2017} + 0.1 * {_V_2017}) / (0.9 * {_V_2017})",
        }, _all(B3_CHECKS, True)),
        AnswerSet("near misses", {
            "sv-answer": "sv_2017 = 0.33",
            "every-year-answer": 'sv_every_year = (table["surplus"] / table["compensation"]).round(2)',
            "hours-answer": "surplus_hours_2017 = 2.0",
            "taxes-answer": "sv_2017_with_taxes = 0.46",
            "unproductive-answer": "my_share = 0.25\nmy_sv_2017 = 0.8",
        }, _all(B3_CHECKS, False)),
        AnswerSet("typical mistakes", {
            "sv-answer": 'sv_2017 = table.loc[2017, "surplus"] / table.loc[2017, "net_value_added"]',
            "every-year-answer": 'sv_every_year = table["compensation"] / table["surplus"]',
            "hours-answer": f"surplus_hours_2017 = 8 * {_S_2017} / {_V_2017}",
            "taxes-answer": f"sv_2017_with_taxes = {_S_2017} / {_V_2017}",
            "unproductive-answer": f"my_share = 0.2\nmy_sv_2017 = ({_S_2017} + 0.2 * {_V_2017}) / {_V_2017}",
        }, _all(B3_CHECKS, False)),
    ],
    "bootcamp-04-learning-from-those-before-us": [
        AnswerSet("written another way", {
            "years-answer": "years_ghana_to_namibia = 1990 - 1957",
            "decade-answer": (
                "my_first_year = 1960\nmy_last_year = 1969\nmy_kind = INDEPENDENCE\n"
                "my_count = len(timeline[(timeline.year >= 1960) & (timeline.year <= 1969) "
                "& (timeline.kind == INDEPENDENCE)])"
            ),
        }, _all(B4_CHECKS, True)),
        AnswerSet("near misses", {
            "years-answer": "years_ghana_to_namibia = 34",
            "decade-answer": "my_first_year = 1960\nmy_last_year = 1969\nmy_kind = INDEPENDENCE\nmy_count = 3",
        }, _all(B4_CHECKS, False)),
        AnswerSet("typical mistakes", {
            "years-answer": 'years_ghana_to_namibia = when["ghana"] - when["namibia"]',
            "decade-answer": (
                "my_first_year = 1960\nmy_last_year = 1969\nmy_kind = INDEPENDENCE\n"
                "my_count = len(timeline[(timeline.year >= 1960) & (timeline.year <= 1969)])"
            ),
        }, _all(B4_CHECKS, False)),
    ],
    "bootcamp-05-strategy-and-the-political-instrument": [
        AnswerSet("written another way", {
            "labels-answer": 'my_labels = dict([("1", "leaning"), ("2", "tendency"), ("3", "campaign strategy"), '
                             '("4", "leaning"), ("5", "orientation")])',
            "template-answer": 'missing_parts = ["correlation of power", "chokepoints"]',
            "hypothesis-answer": (  # names as one string separated by commas, no key sectors, another order
                'hypothesis = worksheets.hypothesis(test="if parents will not join a one-day school strike by spring", '
                'bloc_core="teachers, parents, students", basis_of_power="a school strike and votes", '
                'chokepoints="the annual city budget vote", opposing_forces="the business lobby, the mayor", '
                'correlation_shift="a council majority that answers to us")'
            ),
            "ecosystem-answer": 'my_ecosystem = {"the teachers\' union local": "union", "a parents\' network": '
                                '"base-building organisation", "a weekly reading group": "political education or study group"}',
            "gaps-answer": 'my_gaps = [k for k in KINDS if k not in my_ecosystem.values()]',
        }, _all(B5_CHECKS, True)),
        AnswerSet("near misses", {
            "labels-answer": 'my_labels = {"1": "leaning", "2": "tendency", "3": "orientation", "4": "leaning", "5": "orientation"}',
            "template-answer": 'missing_parts = ["chokepoints", "chokepoints"]',
            "hypothesis-answer": (  # a bloc, but only of key sectors: no core
                'hypothesis = worksheets.hypothesis(bloc_core=[], bloc_key=["teachers", "parents"], '
                'basis_of_power="a school strike and votes", chokepoints=["the annual city budget vote"], '
                'opposing_forces=["the business lobby"], correlation_shift="a council majority that answers to us", '
                'test="if parents will not join a one-day school strike by spring")'
            ),
            "ecosystem-answer": 'my_ecosystem = {"the teachers\' union local": "union", "a parents\' network": '
                                '"base-building organisation", "a weekly reading group": "political education or study group"}',
            "gaps-answer": 'my_gaps = ["media or culture"]',
        }, _all(B5_CHECKS, False)),
        AnswerSet("typical mistakes", {
            "labels-answer": 'my_labels = {"1": "orientation", "2": "tendency", "3": "campaign strategy", "4": "leaning", "5": "orientation"}',
            "template-answer": 'missing_parts = ["chokepoints"]',
            "hypothesis-answer": (  # all five parts, but no sixth line: how would we know it is wrong?
                'hypothesis = worksheets.hypothesis(bloc_core=["tenants"], bloc_key=["building workers"], '
                'basis_of_power="a rent strike by tenants", chokepoints=["the five biggest rent rolls"], '
                'opposing_forces=["the big landlords"], correlation_shift="tenants bargain over rents", test="")'
            ),
            "ecosystem-answer": 'my_ecosystem = {"the teachers\' union local": "union", "a parents\' network": '
                                '"base-building organisation", "a weekly reading group": "political education or study group"}',
            "gaps-answer": 'my_gaps = ["union"]',
        }, _all(B5_CHECKS, False)),
    ],
    "bootcamp-06-culture-of-struggle": [
        AnswerSet("written another way", {
            "struggle-answer": "skipped_steps = [4, 1]",
            "liberalism-answer": 'liberal_ones = ["C", "A", "E"]',
            "wrong-tool-answer": 'right_tool = {"5": "other", "4": "struggle", "3": "other", "2": "other", "1": "struggle"}',
            "corners-answer": 'corners = {"C": "support and accountability", "B": "letting each other down gently", "A": "blame"}',
        }, _all(B6_CHECKS, True)),
        AnswerSet("near misses", {
            "struggle-answer": "skipped_steps = [1]",
            "liberalism-answer": 'liberal_ones = ["A"]',
            "wrong-tool-answer": 'right_tool = {"1": "struggle", "2": "other", "3": "other", "4": "other", "5": "other"}',
            "corners-answer": 'corners = {"A": "blame", "B": "drift", "C": "support and accountability"}',
        }, _all(B6_CHECKS, False)),
        AnswerSet("typical mistakes", {
            "struggle-answer": "skipped_steps = [1, 2, 4]",
            "liberalism-answer": 'liberal_ones = ["A", "B", "C", "E"]',
            "wrong-tool-answer": 'right_tool = {"1": "struggle", "2": "struggle", "3": "struggle", "4": "struggle", "5": "struggle"}',
            "corners-answer": 'corners = {"A": "support and accountability", "B": "drift", "C": "blame"}',
        }, _all(B6_CHECKS, False)),
    ],
}

CASES = [(unit, answer_set) for unit, sets in UNITS.items() for answer_set in sets]


@pytest.fixture(scope="module")
def students() -> dict[str, dict]:
    """Each unit's student version, built by nbgrader once."""
    return {}


def _passed(results: dict[str, str | None]) -> dict[str, bool]:
    return {check: message is None for check, message in results.items()}


@pytest.mark.parametrize(("unit_id", "answer_set"), CASES, ids=[f"{u}-{s.name}" for u, s in CASES])
def test_visible_checks_agree_with_hidden_tests(unit_id, answer_set, students):
    if unit_id not in students:
        students[unit_id] = student_version(unit_id)
    filled = fill(copy.deepcopy(students[unit_id]), answer_set.answers)

    visible = _passed(check_results(run(copy.deepcopy(filled))))
    hidden = _passed(check_results(run(with_hidden_tests(copy.deepcopy(filled), unit_id))))

    assert set(hidden) == set(answer_set.accepted), "the table names every autograded check of the unit"
    assert hidden == answer_set.accepted, "the hidden tests judge these answers as the table says"
    assert visible == hidden, "what the learner's check says is what autograde says"


def test_every_check_meets_an_accepted_and_a_rejected_answer():
    for unit_id, sets in UNITS.items():
        checks = set(sets[0].accepted)
        for check in checks:
            verdicts = {s.accepted[check] for s in sets}
            assert verdicts == {True, False}, (unit_id, check)
