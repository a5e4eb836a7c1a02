"""Visible checks and hidden tests agree, in every autograded check of the Little Red
School's units: the political-economy units' tables here, the other modules' in
tests/support/agreement_dm_hg_st.py and agreement_imperialism_oppression.py; the trial
notebook is tests/support/agreement.py's.

For each check there is a table of answers the hidden tests accept (the solution written
another way, other valid choices in the open tasks, whole and decimal numbers) and
answers they reject (typical mistakes, near misses, wrong types, the untouched blank).
One notebook run per unit: the learner's version, filled with correct answers and with
the hidden tests put back (as autograde does). After each check a trial cell writes
each answer from the table into the kernel, runs the check as the learner sees it
(hidden tests removed by nbgrader) and as autograde runs it (hidden tests in), records
both outcomes, and puts the correct answer back before the notebook goes on.

Agreement means: for every answer, the visible check passes exactly when the hidden
tests pass; and neither ever fails with anything but an AssertionError (a learner gets
a hint, never a traceback).
"""

from __future__ import annotations

import json

import pytest

from tests.support.agreement import answers, grade_id, student, trial_notebook
from tests.support.agreement_dm_hg_st import TABLES as DM_HG_ST_TABLES
from tests.support.agreement_dm_hg_st import UNITS as DM_HG_ST_UNITS
from tests.support.agreement_imperialism_oppression import TABLES as IM_SO_TABLES
from tests.support.agreement_imperialism_oppression import UNITS as IM_SO_UNITS
from tests.support.learner import run, with_hidden_tests
from tests.support.plays import Unit
from tests.support.plays.bootcamp_and_political_economy import LRS_PE_01, LRS_PE_02, LRS_PE_03, LRS_PE_04

# check grade id -> (its answer cell, [(answer, does autograde accept it?)])
PE_TABLES: dict[str, dict[str, tuple[str, list[tuple[str, bool]]]]] = {
    LRS_PE_01.id: {
        "exercise-check": ("exercise-answer", answers(
            ["hours_per_shirt = 270 / 150", "hours_per_shirt = 1.8", "import numpy as np\nhours_per_shirt = np.float64(1.8)"],
            ["hours_per_shirt = (2 + 1.5 + 4) / 3", "hours_per_shirt = 150 / 270", "hours_per_shirt = 2",
             "hours_per_shirt = '1.8'", "hours_per_shirt = ..."])),
        "value-check": ("value-answer", answers(
            ["value_of_c_shirts = 10 * 1.8", "value_of_c_shirts = 18"],
            ["value_of_c_shirts = 40", "value_of_c_shirts = 270", "value_of_c_shirts = 10 * 2.5",
             "value_of_c_shirts = 20"])),
        "exchange-check": ("exchange-answer", answers(
            ["loaves_per_shirt = 1.8 / 0.5", "loaves_per_shirt = 3.6"],
            ["loaves_per_shirt = 0.5 / 1.8", "loaves_per_shirt = 5", "loaves_per_shirt = 4"])),
        "machine-check": ("machine-answer", answers(
            ["new_hours_per_shirt = 0.9", "new_hours_per_shirt = 270 / 300"],
            ["new_hours_per_shirt = 1.8", "new_hours_per_shirt = 2.2", "new_hours_per_shirt = 1.0",
             "new_hours_per_shirt = 0.8"])),
        "finding-check": ("finding-answer", answers(
            ["share_below_one_hour = 60", "share_below_one_hour = 60.0"],
            ["share_below_one_hour = 55", "share_below_one_hour = 65", "share_below_one_hour = 58",
             "share_below_one_hour = 0.6", "share_below_one_hour = '60'", "share_below_one_hour = True"])),
        "world-check": ("world-answer", answers(
            ['output_per_hour = pwt["cgdpo"] / (pwt["emp"] * pwt["avh"])',
             'output_per_hour = pwt["cgdpo"] / pwt["emp"] / pwt["avh"]'],
            ['output_per_hour = pwt["cgdpo"] / pwt["emp"]', 'output_per_hour = pwt["cgdpo"] / pwt["emp"] * pwt["avh"]',
             'output_per_hour = pwt["cgdpo"] / pwt["avh"]'])),
        "compare-check": ("compare-answer", answers(
            ['my_first_country = "USA"\nmy_second_country = "BGD"\nmy_guess = 10\n'
             'h = pwt.set_index("isocode")["output_per_hour"]\nmy_ratio = h["USA"] / h["BGD"]',
             'my_first_country = "IND"\nmy_second_country = "CHN"\nmy_guess = 0.5\n'
             'h = pwt.set_index("isocode")["output_per_hour"]\nmy_ratio = h["IND"] / h["CHN"]'],
            ['my_first_country = "USA"\nmy_second_country = "BGD"\nmy_guess = 10\n'
             'h = pwt.set_index("isocode")["output_per_hour"]\nmy_ratio = h["BGD"] / h["USA"]',
             'my_first_country = "USA"\nmy_second_country = "USA"\nmy_guess = 1\nmy_ratio = 1.0',
             'my_first_country = "usa"\nmy_second_country = "BGD"\nmy_guess = 10\nmy_ratio = 10.0',
             'my_first_country = "USA"\nmy_second_country = "BGD"\nmy_guess = "ten"\n'
             'h = pwt.set_index("isocode")["output_per_hour"]\nmy_ratio = h["USA"] / h["BGD"]',
             'my_first_country = "USA"\nmy_second_country = "BGD"\nmy_guess = 10\n'
             'w = (pwt["cgdpo"] / pwt["emp"]).set_axis(pwt["isocode"])\nmy_ratio = w["USA"] / w["BGD"]'])),
    },
    LRS_PE_02.id: {
        "surplus-check": ("surplus-answer", answers(
            ["surplus_hours = 6", "surplus_hours = 10 - 4", "surplus_hours = 6.0"],
            ["surplus_hours = 14", "surplus_hours = -6", "surplus_hours = 5", "surplus_hours = '6'"])),
        "rate-check": ("rate-answer", answers(
            ["rate_of_surplus_value = 1.5", "rate_of_surplus_value = 6 / 4"],
            ["rate_of_surplus_value = 0.6", "rate_of_surplus_value = 4 / 6", "rate_of_surplus_value = 150",
             "rate_of_surplus_value = 2"])),
        "absolute-check": ("absolute-answer", answers(
            ["longer_day_rate = 2", "longer_day_rate = 8 / 4", "longer_day_rate = 2.0"],
            ["longer_day_rate = 1.5", "longer_day_rate = 8 / 12",
             "longer_day_rate = longer_day - necessary_hours / necessary_hours", "longer_day_rate = 3"])),
        "relative-check": ("relative-answer", answers(
            ["necessary_after = 2", "necessary_after = 4 / 2"],
            ["necessary_after = 8", "necessary_after = 3", "necessary_after = 4"])),
        "finding-check": ("finding-answer", answers(
            ["wage_that_undoes_it = 160", "wage_that_undoes_it = 160.0"],
            ["wage_that_undoes_it = 80", "wage_that_undoes_it = 155", "wage_that_undoes_it = 165",
             "wage_that_undoes_it = 40", "wage_that_undoes_it = '160'"])),
        "own-check": ("own-answer", answers(
            ['my_part = "net_interest"\nmy_first_year = 1982\nmy_second_year = 2017\nmy_prediction = "fall"\n'
             't = corp.set_index("year")\nmy_first_share = t.loc[1982, "net_interest"] / t.loc[1982, "surplus"]\n'
             'my_second_share = t.loc[2017, "net_interest"] / t.loc[2017, "surplus"]',
             'my_part = "retained_earnings"\nmy_first_year = 2018\nmy_second_year = 1929\nmy_prediction = "rise"\n'
             't = corp.set_index("year")\nmy_first_share = t.loc[2018, "retained_earnings"] / t.loc[2018, "surplus"]\n'
             'my_second_share = t.loc[1929, "retained_earnings"] / t.loc[1929, "surplus"]'],
            ['my_part = "net_interest"\nmy_first_year = 1982\nmy_second_year = 2017\nmy_prediction = "fall"\n'
             't = corp.set_index("year")\nmy_first_share = t.loc[1982, "surplus"] / t.loc[1982, "net_interest"]\n'
             'my_second_share = t.loc[2017, "net_interest"] / t.loc[2017, "surplus"]',
             'my_part = "net_interest"\nmy_first_year = 1982\nmy_second_year = 2017\nmy_prediction = "fall"\n'
             't = corp.set_index("year")\nmy_first_share = 100 * t.loc[1982, "net_interest"] / t.loc[1982, "surplus"]\n'
             'my_second_share = t.loc[2017, "net_interest"] / t.loc[2017, "surplus"]',
             'my_part = "net_interest"\nmy_first_year = 1982\nmy_second_year = 2017\nmy_prediction = "fall"\n'
             't = corp.set_index("year")\nmy_first_share = t.loc[2017, "net_interest"] / t.loc[2017, "surplus"]\n'
             'my_second_share = t.loc[1982, "net_interest"] / t.loc[1982, "surplus"]',
             'my_part = "net_interest"\nmy_first_year = 1982\nmy_second_year = 1982\nmy_prediction = "fall"\n'
             'my_first_share = 0.3\nmy_second_share = 0.3',
             'my_part = "surplus"\nmy_first_year = 1982\nmy_second_year = 2017\nmy_prediction = "fall"\n'
             'my_first_share = 1.0\nmy_second_share = 1.0',
             'my_part = "net_interest"\nmy_first_year = "1982"\nmy_second_year = 2017\nmy_prediction = "fall"\n'
             'my_first_share = 0.3\nmy_second_share = 0.14',
             'my_part = "net_interest"\nmy_first_year = 1982\nmy_second_year = 2017\nmy_prediction = "down"\n'
             't = corp.set_index("year")\nmy_first_share = t.loc[1982, "net_interest"] / t.loc[1982, "surplus"]\n'
             'my_second_share = t.loc[2017, "net_interest"] / t.loc[2017, "surplus"]'])),
    },
    LRS_PE_03.id: {
        "composition-check": ("composition-answer", answers(
            ["composition_new = 6", "composition_new = 600 / 100", "composition_new = 6.0"],
            ["composition_new = 1 / 6", "composition_new = 4", "composition_new = 5", "composition_new = 7"])),
        "profit-rate-check": ("profit-rate-answer", answers(
            ["rate_of_profit_new = 100 / 700", "rate_of_profit_new = s_new / (v_new + c_new)"],
            ["rate_of_profit_new = 1.0", "rate_of_profit_new = s_new / c_new + v_new", "rate_of_profit_new = 0.25",
             "rate_of_profit_new = 0.1", "rate_of_profit_new = s_new / c_new"])),
        "productivity-check": ("productivity-answer", answers(
            ['my_prediction = "above"\nwith_productivity = simulate_profit_rate(c=400, v=100, s=100, periods=20, '
             'composition_growth=0.05, productivity_growth=0.03)',
             'my_prediction = "between"\nwith_productivity = simulate_profit_rate(productivity_growth=0.03, '
             'periods=20, composition_growth=0.05, real_wage_growth=0)'],
            ['my_prediction = "above"\nwith_productivity = simulate_profit_rate(c=400, v=100, s=100, periods=20, '
             'composition_growth=0.05)',
             'my_prediction = "above"\nwith_productivity = simulate_profit_rate(c=400, v=100, s=100, periods=20, '
             'composition_growth=0.05, productivity_growth=0.03, real_wage_growth=0.01)',
             'my_prediction = "above"\nwith_productivity = simulate_profit_rate(c=400, v=100, s=100, periods=30, '
             'composition_growth=0.05, productivity_growth=0.03)',
             'my_prediction = "above"\nwith_productivity = simulate_profit_rate(c=400, v=100, s=100, periods=20, '
             'composition_growth=0.05, productivity_growth=0.3)',
             'my_prediction = "up"\nwith_productivity = simulate_profit_rate(c=400, v=100, s=100, periods=20, '
             'composition_growth=0.05, productivity_growth=0.03)'])),
        "finding-check": ("finding-answer", answers(
            ["okishio_threshold = 4.5"],
            ["okishio_threshold = 4", "okishio_threshold = 5", "okishio_threshold = 4.2",
             "okishio_threshold = 0.045", "okishio_threshold = 10"])),
        "profit-column-check": ("profit-column-answer", answers(
            ['corp["rate_of_profit"] = corp.surplus / corp.capital_stock'],
            ['corp["rate_of_profit"] = corp["capital_stock"] / corp["surplus"]',
             'corp["rate_of_profit"] = corp["surplus"] / corp["compensation"]',
             'corp["rate_of_profit"] = corp["surplus"] / corp["net_value_added"]'])),
        "comparison-check": ("comparison-answer", answers(
            ['my_first_period = (1929, 1945)\nmy_second_period = (1946, 1970)\nmy_sector = "nonfinancial"\n'
             'my_prediction_higher = "second"\nr = us_corporate_rates("nonfinancial")\n'
             'my_first_average = r[r["year"].between(1929, 1945)]["rate_of_profit"].mean()\n'
             'my_second_average = r[r["year"].between(1946, 1970)]["rate_of_profit"].mean()',
             'my_first_period = (1983, 2007)\nmy_second_period = (2008, 2017)\nmy_sector = "corporate"\n'
             'my_prediction_higher = "first"\nmy_first_average = corp[corp["year"].between(1983, 2007)]["rate_of_profit"].mean()\n'
             'my_second_average = corp[corp["year"].between(2008, 2017)]["rate_of_profit"].mean()'],
            ['my_first_period = (1983, 2007)\nmy_second_period = (2008, 2017)\nmy_sector = "corporate"\n'
             'my_prediction_higher = "first"\nmy_first_average = corp[corp["year"].between(1983, 2007)]["rate_of_profit"].sum()\n'
             'my_second_average = corp[corp["year"].between(2008, 2017)]["rate_of_profit"].mean()',
             'my_first_period = (1983, 2007)\nmy_second_period = (2008, 2017)\nmy_sector = "nonfinancial"\n'
             'my_prediction_higher = "first"\nmy_first_average = corp[corp["year"].between(1983, 2007)]["rate_of_profit"].mean()\n'
             'my_second_average = corp[corp["year"].between(2008, 2017)]["rate_of_profit"].mean()',
             'my_first_period = (2007, 1983)\nmy_second_period = (2008, 2017)\nmy_sector = "corporate"\n'
             'my_prediction_higher = "first"\nmy_first_average = 0.1\nmy_second_average = 0.1',
             'my_first_period = (2008, 2010)\nmy_second_period = (2011, 2017)\nmy_sector = "corporate"\n'
             'my_prediction_higher = "first"\nmy_first_average = 0.1\nmy_second_average = 0.1',
             'my_first_period = (2008, 2018)\nmy_second_period = (1990, 2000)\nmy_sector = "corporate"\n'
             'my_prediction_higher = "first"\nmy_first_average = 0.1\nmy_second_average = 0.1',
             'my_first_period = (1983, 2007)\nmy_second_period = (2008, 2017)\nmy_sector = "corporate"\n'
             'my_prediction_higher = "higher"\nmy_first_average = corp[corp["year"].between(1983, 2007)]["rate_of_profit"].mean()\n'
             'my_second_average = corp[corp["year"].between(2008, 2017)]["rate_of_profit"].mean()'])),
    },
    LRS_PE_04.id: {
        "needed-check": ("needed-answer", answers(
            ["II_c_needed = 3000", "II_c_needed = bigger_I.s + bigger_I.v"],
            ["II_c_needed = 6000", "II_c_needed = 9000", "II_c_needed = 1500", "II_c_needed = 2500"])),
        "gap-check": ("gap-answer", answers(
            ["expanded_gap = 500", "expanded_gap = 500.0"],
            ["expanded_gap = -500", "expanded_gap = expanded.I.c + expanded.I.v + expanded.I.s - expanded.II.c",
             "expanded_gap = 400"])),
        "growth-check": ("growth-answer", answers(
            ["growth_1_to_2 = 10780 / 9800 - 1", "growth_1_to_2 = (run.schemes[2].total_value - run.schemes[1].total_value) "
             "/ run.schemes[1].total_value"],
            ["growth_1_to_2 = 10780 / 9800", "growth_1_to_2 = growth_0_to_1", "growth_1_to_2 = 9800 / 10780 - 1",
             "growth_1_to_2 = 0.2"])),
        "finding-check": ("finding-answer", answers(
            ["breaking_share = 65", "breaking_share = 65.0"],
            ["breaking_share = 60", "breaking_share = 70", "breaking_share = 0.65", "breaking_share = 62"])),
        "own-check": ("own-answer", answers(
            ['my_country = "ZAF"\nmy_first_decade = 1960\nmy_second_decade = 2010\nmy_prediction = "second"\n'
             'z = penn_world_table("ZAF", columns=["rnna"])\nz["g"] = z["rnna"].pct_change()\n'
             'd = z.assign(decade=z["year"] // 10 * 10).groupby("decade")["g"].mean()\n'
             'my_first_growth = d.loc[1960]\nmy_second_growth = d.loc[2010]',
             'my_country = "USA"\nmy_first_decade = 2010\nmy_second_decade = 1950\nmy_prediction = "first"\n'
             'my_first_growth = by_decade.loc[2010, "capital_growth"]\nmy_second_growth = by_decade.loc[1950, "capital_growth"]'],
            ['my_country = "USA"\nmy_first_decade = 2010\nmy_second_decade = 1950\nmy_prediction = "first"\n'
             'my_first_growth = 100 * by_decade.loc[2010, "capital_growth"]\nmy_second_growth = by_decade.loc[1950, "capital_growth"]',
             'my_country = "USA"\nmy_first_decade = 2010\nmy_second_decade = 1950\nmy_prediction = "first"\n'
             'g = us["rnna"].pct_change()\nmy_first_growth = g[us["year"].between(2010, 2019)].sum()\n'
             'my_second_growth = by_decade.loc[1950, "capital_growth"]',
             'my_country = "USA"\nmy_first_decade = 2010\nmy_second_decade = 1950\nmy_prediction = "first"\n'
             'my_first_growth = by_decade.loc[2010, "gdp_growth"]\nmy_second_growth = by_decade.loc[1950, "capital_growth"]',
             'my_country = "USA"\nmy_first_decade = "2010s"\nmy_second_decade = 1950\nmy_prediction = "first"\n'
             'my_first_growth = 0.013\nmy_second_growth = 0.034',
             'my_country = "USA"\nmy_first_decade = 1955\nmy_second_decade = 1950\nmy_prediction = "first"\n'
             'my_first_growth = 0.03\nmy_second_growth = 0.034',
             'my_country = "XYZ"\nmy_first_decade = 2010\nmy_second_decade = 1950\nmy_prediction = "first"\n'
             'my_first_growth = 0.013\nmy_second_growth = 0.034',
             'my_country = "USA"\nmy_first_decade = 2010\nmy_second_decade = 1950\nmy_prediction = "faster"\n'
             'my_first_growth = by_decade.loc[2010, "capital_growth"]\nmy_second_growth = by_decade.loc[1950, "capital_growth"]'])),
    },
}


TABLES = {**PE_TABLES, **DM_HG_ST_TABLES, **IM_SO_TABLES}
UNITS = [LRS_PE_01, LRS_PE_02, LRS_PE_03, LRS_PE_04, *DM_HG_ST_UNITS, *IM_SO_UNITS]


@pytest.fixture(scope="module", params=UNITS, ids=[unit.id for unit in UNITS])
def unit(request) -> Unit:
    return request.param


@pytest.fixture(scope="module")
def trials(unit) -> list[dict]:
    executed = run(trial_notebook(unit, TABLES[unit.id]), timeout=300)
    report = executed["cells"][-1]
    text = "".join("".join(o["text"]) for o in report.get("outputs", []) if o.get("output_type") == "stream")
    assert text.startswith("AGREEMENT "), report.get("outputs")
    return json.loads(text[len("AGREEMENT "):])


def test_every_autograded_check_has_answers_to_agree_on(unit):
    source = with_hidden_tests(json.loads(student(unit.id)), unit.id)
    checks = {grade_id(c) for c in source["cells"]
              if c["metadata"].get("nbgrader", {}).get("grade") and not c["metadata"]["nbgrader"].get("solution")
              and c["cell_type"] == "code"}
    assert checks == set(TABLES[unit.id])
    for check, (_, candidates) in TABLES[unit.id].items():
        assert any(expected for _, expected in candidates), f"{check}: no answer the hidden tests accept"
        assert any(not expected for _, expected in candidates), f"{check}: no answer the hidden tests reject"


def test_every_trial_ran(unit, trials):
    expected = sum(len(candidates) for _, candidates in TABLES[unit.id].values())
    assert len(trials) == expected
    assert [t for t in trials if t["written"] != "pass"] == [], "an answer in the table does not run"


def test_hidden_tests_accept_and_reject_as_the_table_says(trials):
    wrong = [(t["check"], t["answer"], t["hidden"]) for t in trials if (t["hidden"] == "pass") != t["expected"]]
    assert wrong == []


def test_visible_checks_agree_with_hidden_tests(trials):
    disagree = [(t["check"], t["answer"], t["visible"], t["hidden"]) for t in trials if t["visible"] != t["hidden"]]
    assert disagree == []


def test_checks_fail_with_a_hint_never_a_traceback(trials):
    errors = [(t["check"], t["answer"], t["visible"], t["hidden"]) for t in trials
              if t["visible"].startswith("error") or t["hidden"].startswith("error")]
    assert errors == []
