"""Visible checks and hidden tests agree in every autograded check of the Little Red
School's dialectical materialism, hegemony and state units, by the method of
tests/support/agreement.py (tests/notebooks/test_checks_agree_lrs.py runs these tables): for
each check, answers the hidden tests accept (the solution written another way, other valid
choices in the open tasks, numpy numbers) and answers they reject (typical mistakes, near
misses, wrong types, the untouched blank). For every answer the visible check passes exactly
when the hidden tests pass, and neither fails with anything but an AssertionError."""

from __future__ import annotations

from tests.support.plays.dialectics_hegemony_state import (
    LRS_DM_01, LRS_DM_02, LRS_HG_01, LRS_HG_02, LRS_ST_01, LRS_ST_02,
)
from tests.support.agreement import answers

OWN_DM02 = ('my_action = "depot strike vote"\nmy_goal = {goal}\nmy_contacts = 200\nmy_reach_rate = {reach}\n'
            "my_yes_rate = 0.8\nmy_come_rate = 0.7\n"
            "my_expected_turnout = {turnout}\nmy_contacts_needed = {needed}")
EXPECT = ('my_campaign = "Heat for schools"\nmy_state_body = "the school board"\nmy_expectations = {{\n'
          '"instrumentalist": {a!r},\n"structuralist": "Any board will say the budget cannot rise this year at all.",\n'
          '"strategic-relational": "The facilities office must publish its list, which gives parents a lever."}}\n'
          "my_leaning = {lean!r}\nmy_test = {test!r}")
A_SENTENCE = "The chair owes the construction firms and will send them the money."
A_TEST = "If a new board with our allies still refuses, the structural account holds."
OWN_ST02 = "my_year = {year}\nmy_predicted_rise = {rise}\nrow = yearly.loc[{year}]\nheld = prison[{year}] / {div}\n" \
           "my_official_rate = {official}\nmy_adjusted_rate = {adjusted}"

TABLES: dict[str, dict[str, tuple[str, list[tuple[str, bool]]]]] = {
    LRS_DM_01.id: {
        "threshold-check": ("threshold-answer", answers(
            ["months_to_majority = 4", "months_to_majority = -(-23 // 7)"],
            ["months_to_majority = 3", "months_to_majority = 23 / 7", "months_to_majority = 12", "months_to_majority = '4'",
             "months_to_majority = 5", "months_to_majority = True", "months_to_majority = ..."])),
        "struggle-check": ("struggle-answer", answers(
            ["months_with_pressure = 6", "months_with_pressure = months_until(61, 38, 4, 0)"],
            ["months_with_pressure = 4", "months_with_pressure = 5.75", "months_with_pressure = 7",
             "months_with_pressure = months_until(majority, members_now, new_per_month, 2)"])),
        "finding-check": ("finding-answer", answers(
            ["joining_needed = 11", "joining_needed = 8 + 3"],
            ["joining_needed = 10", "joining_needed = 12", "joining_needed = 11.0", "joining_needed = 0",
             "joining_needed = -5", "joining_needed = '11'"])),
        "gap-check": ("gap-answer", answers(
            ['gap_2000 = table.loc[2000, "gap"]', "gap_2000 = 273.252 / 192.972"],
            ['gap_2000 = table.loc[2000, "pay_index"] / table.loc[2000, "productivity_index"]',
             'gap_2000 = table.loc[1973, "gap"]', "gap_2000 = 1.4", "gap_2000 = '1.416'"])),
        "own-check": ("own-answer", answers(
            ['my_threshold = 1.5\nmy_predicted_decade = 2000\nmy_first_year = (table["gap"] > 1.5).idxmax()',
             "my_threshold = 1.1\nmy_predicted_decade = 1950\nmy_first_year = 1968",
             'my_threshold = 1.6\nmy_predicted_decade = 2020\nmy_first_year = int(table.index[table["gap"] > 1.6][0])'],
            ['my_threshold = 1.5\nmy_predicted_decade = 2000\nmy_first_year = table["gap"].idxmax()',
             "my_threshold = 1.5\nmy_predicted_decade = 2000\nmy_first_year = 2004",
             'my_threshold = 1.5\nmy_predicted_decade = 2000\nmy_first_year = (table["gap"] < 1.5).idxmax()',
             "my_threshold = 1.5\nmy_predicted_decade = 2000\nmy_first_year = '2005'",
             "my_threshold = 2\nmy_predicted_decade = 2000\nmy_first_year = 2005",
             "my_threshold = 1.5\nmy_predicted_decade = 2005\nmy_first_year = 2005",
             "my_threshold = 1.5\nmy_predicted_decade = 2000\nmy_first_year = 2005.0"])),
    },
    LRS_DM_02.id: {
        "sort-check": ("sort-answer", answers(
            ['my_labels = {6: "materialist", 5: "moralism", 4: "materialist", 3: "purism", 2: "moralism", 1: "voluntarism"}'],
            ['my_labels = {1: "voluntarism", 2: "moralism", 3: "purism", 4: "materialist", 5: "voluntarism", 6: "materialist"}',
             'my_labels = {1: "Voluntarism", 2: "moralism", 3: "purism", 4: "materialist", 5: "moralism", 6: "materialist"}',
             'my_labels = {1: "voluntarism", 2: "moralism", 3: "purism", 4: "materialist", 5: "moralism"}',
             'my_labels = ["voluntarism", "moralism", "purism", "materialist", "moralism", "materialist"]',
             "my_labels = {1: ..., 2: ..., 3: ..., 4: ..., 5: ..., 6: ...}"])),
        "turnout-check": ("turnout-answer", answers(
            ["expected_turnout = 60.75", "expected_turnout = 450 * 0.5 * 0.6 * 0.45"],
            ["expected_turnout = 61", "expected_turnout = 135", "expected_turnout = 450 * 1.55",
             "expected_turnout = '60.75'", "expected_turnout = 6075"])),
        "needed-check": ("needed-answer", answers(
            ["contacts_needed = 1482", "import numpy as np\ncontacts_needed = int(np.ceil(200 / 0.135))"],
            ["contacts_needed = 1481", "contacts_needed = 200 / 0.135", "contacts_needed = 27", "contacts_needed = 1483",
             "contacts_needed = '1482'"])),
        "own-check": ("own-answer", answers(
            [OWN_DM02.format(goal=150, reach=0.9, turnout="200 * 0.9 * 0.8 * 0.7", needed="math.ceil(150 / 0.504)"),
             OWN_DM02.format(goal=40, reach=1, turnout="200 * 0.56", needed="72")],
            [OWN_DM02.format(goal=150, reach=90, turnout="200 * 90 * 0.8 * 0.7", needed="math.ceil(150 / 50.4)"),
             OWN_DM02.format(goal=150, reach=0.9, turnout="200 * 0.9 * 0.8", needed="math.ceil(150 / 0.504)"),
             OWN_DM02.format(goal=150, reach=0.9, turnout="200 * 0.9 * 0.8 * 0.7", needed="150 / 0.504"),
             OWN_DM02.format(goal=150, reach=0, turnout="0", needed="0"),
             OWN_DM02.format(goal=150, reach=0.9, turnout="200 * 0.9 * 0.8 * 0.7", needed="'298'")])),
    },
    LRS_HG_01.id: {
        "sort-check": ("sort-answer", answers(
            ['my_labels = dict(enumerate(["coercion", "consent", "consent", "coercion", "consent", "coercion"], start=1))'],
            ['my_labels = {1: "coercion", 2: "consent", 3: "consent", 4: "consent", 5: "consent", 6: "coercion"}',
             'my_labels = {1: "force", 2: "consent", 3: "consent", 4: "coercion", 5: "consent", 6: "coercion"}'])),
        "growth-check": ("growth-answer", answers(
            ["productivity_growth = 365.148 / 216.261 - 1\npay_growth = 232.462 / 187.372 - 1",
             'r = table.loc[2019] / table.loc[1979] - 1\nproductivity_growth = r["productivity_index"]\npay_growth = r["pay_index"]'],
            ["productivity_growth = 365.148 / 216.261\npay_growth = 232.462 / 187.372 - 1",
             "productivity_growth = 216.261 / 365.148 - 1\npay_growth = 187.372 / 232.462 - 1",
             "productivity_growth = 0.69\npay_growth = 0.24",
             "productivity_growth = '0.69'\npay_growth = 0.24"])),
        "pass-check": ("pass-answer", answers(
            ["pass_through = (232.462 / 187.372 - 1) / (365.148 / 216.261 - 1)"],
            ["pass_through = productivity_growth / pay_growth", "pass_through = example_pass_through",
             "pass_through = 0.35", "pass_through = None"])),
        "own-check": ("own-answer", answers(
            ['my_first_year = 1979\nmy_second_year = 2024\nmy_prediction = "above"\n'
             'my_pass_through = (table.loc[2024, "pay_index"] / table.loc[1979, "pay_index"] - 1) / '
             '(table.loc[2024, "productivity_index"] / table.loc[1979, "productivity_index"] - 1)'],
            ['my_first_year = 1979\nmy_second_year = 2024\nmy_prediction = "above"\n'
             'my_pass_through = (table.loc[2024, "pay_index"] / table.loc[1979, "pay_index"]) / '
             '(table.loc[2024, "productivity_index"] / table.loc[1979, "productivity_index"])',
             'my_first_year = 2000\nmy_second_year = 2005\nmy_prediction = "above"\nmy_pass_through = 0.3',
             'my_first_year = 1979\nmy_second_year = 2024\nmy_prediction = "higher"\nmy_pass_through = 0.3',
             'my_first_year = 1979\nmy_second_year = 2030\nmy_prediction = "above"\nmy_pass_through = 0.3',
             'my_first_year = 1979\nmy_second_year = 2024\nmy_prediction = "above"\nmy_pass_through = 0.3'])),
    },
    LRS_HG_02.id: {
        "sort-check": ("sort-answer", answers(
            ['my_labels = {1: "manoeuvre", 2: "position", 3: "position", 4: "manoeuvre", 5: "position"}'],
            ['my_labels = {1: "manoeuvre", 2: "position", 3: "position", 4: "manoeuvre", 5: "manoeuvre"}',
             'my_labels = {1: "maneuver", 2: "position", 3: "position", 4: "maneuver", 5: "position"}'])),
        "balance-check": ("balance-answer", answers(
            ["balance = -5 / 12", "balance = balance_of(trench_map) if 'balance_of' in globals() else -5 / 12"],
            ["balance = -5", "balance = 0", "balance = -0.4", "balance = example_balance", "balance = '-0.42'"])),
        "finding-check": ("finding-answer", answers(
            ["steps_needed = 2"],
            ["steps_needed = 1", "steps_needed = 3", "steps_needed = 5", "steps_needed = 2.0", "steps_needed = -1"])),
        "own-check": ("own-answer", answers(
            ['my_map = {"a union": (5, 2), "a church": (1, -2), "the paper": (2, 0), "the mall": (3, -1)}\n'
             'my_balance = balance_of(my_map)\nmy_first_trench = "the paper"',
             'my_map = {"a": (1, 0), "b": (1, 0), "c": (1, 0), "d": (1, 0)}\nmy_balance = 0\nmy_first_trench = "d"'],
            ['my_map = {"a union": (5, 2), "a church": (1, -2), "the paper": (2, 0)}\n'
             'my_balance = balance_of(my_map)\nmy_first_trench = "the paper"',
             'my_map = {"a union": (5, 3), "a church": (1, -2), "the paper": (2, 0), "the mall": (3, -1)}\n'
             'my_balance = 0.5\nmy_first_trench = "the paper"',
             'my_map = {"a union": (5, 2), "a church": (1, -2), "the paper": (2, 0), "the mall": (3, -1)}\n'
             'my_balance = 5\nmy_first_trench = "the paper"',
             'my_map = {"a union": (5, 2), "a church": (1, -2), "the paper": (2, 0), "the mall": (3, -1)}\n'
             'my_balance = balance_of(my_map)\nmy_first_trench = "the radio"',
             'my_map = {"a union": (5.5, 2), "a church": (1, -2), "the paper": (2, 0), "the mall": (3, -1)}\n'
             'my_balance = 0.5\nmy_first_trench = "the paper"'])),
    },
    LRS_ST_01.id: {
        "match-check": ("match-answer", answers(
            ['my_labels = {k: ["instrumentalist", "structuralist", "strategic-relational"][(k - 1) % 3] for k in range(1, 7)}'],
            ['my_labels = {1: "instrumentalist", 2: "structuralist", 3: "structuralist", 4: "instrumentalist", '
             '5: "structuralist", 6: "strategic-relational"}',
             'my_labels = {1: "instrumental", 2: "structuralist", 3: "strategic-relational", 4: "instrumentalist", '
             '5: "structuralist", 6: "strategic-relational"}'])),
        "strategy-check": ("strategy-answer", answers(
            ['my_strategies = {3: "strategic-relational", 2: "structuralist", 1: "instrumentalist"}'],
            ['my_strategies = {1: "instrumentalist", 2: "strategic-relational", 3: "structuralist"}',
             'my_strategies = {1: "instrumentalist", 2: "instrumentalist", 3: "strategic-relational"}',
             'my_strategies = {1: "instrumentalist", 2: "structuralist"}'])),
        "tax-check": ("tax-answer", answers(
            ["tax_share_2017 = 350.7 / 2085.9", 'tax_share_2017 = corp.loc[2017, "corporate_taxes"] / corp.loc[2017, "surplus"]'],
            ["tax_share_2017 = 2085.9 / 350.7", "tax_share_2017 = 16.81", "tax_share_2017 = tax_share_1950",
             "tax_share_2017 = 0.17", "tax_share_2017 = '0.168'"])),
        "own-check": ("own-answer", answers(
            [EXPECT.format(a=A_SENTENCE, lean="structuralist", test=A_TEST),
             EXPECT.format(a=A_SENTENCE, lean="instrumentalist", test=A_TEST)],
            [EXPECT.format(a="They are corrupt.", lean="structuralist", test=A_TEST),
             EXPECT.format(a=A_SENTENCE, lean="Marxist", test=A_TEST),
             EXPECT.format(a=A_SENTENCE, lean="structuralist", test="Wait and see."),
             EXPECT.format(a="Any board will say the budget cannot rise this year at all.", lean="structuralist", test=A_TEST)])),
    },
    LRS_ST_02.id: {
        "growth-check": ("growth-answer", answers(
            ["times_bigger = 2310300 / 503600", 'times_bigger = prisons.set_index("year").loc[2008, "prison_population"] / 503600'],
            ["times_bigger = 503600 / 2310300", "times_bigger = 2310300 - 503600", "times_bigger = 2310300 / 503600 - 1",
             "times_bigger = 4.6", "times_bigger = '4.59'"])),
        "peak-check": ("peak-answer", answers(
            ["peak_year = 2008", "peak_year = prison.idxmax()", "import numpy as np\npeak_year = np.int64(2008)"],
            ["peak_year = prison.max()", "peak_year = '2008'", "peak_year = 2007", "peak_year = 2008.0", "peak_year = 2018"])),
        "rate-check": ("rate-answer", answers(
            ['rate_2008 = 100 * prison[2008] / yearly.loc[2008, "civilian_population"]'],
            ['rate_2008 = 100_000 * prison[2008] / yearly.loc[2008, "civilian_population"]',
             'rate_2008 = prison[2008] / (yearly.loc[2008, "civilian_population"] * 1000)',
             "rate_2008 = rate_1980", "rate_2008 = 988", "rate_2008 = '988.2'"])),
        "own-check": ("own-answer", answers(
            [OWN_ST02.format(year=2008, rise=1, div=1000, official="100 * row.unemployed / row.labour_force",
                             adjusted="100 * (row.unemployed + held) / (row.labour_force + held)"),
             OWN_ST02.format(year=1980, rise=-1, div=1000, official="official_1980", adjusted="adjusted_1980")],
            [OWN_ST02.format(year=2008, rise=1, div=1, official="100 * row.unemployed / row.labour_force",
                             adjusted="100 * (row.unemployed + held) / (row.labour_force + held)"),
             OWN_ST02.format(year=2008, rise=1, div=1000, official="100 * row.unemployed / row.labour_force",
                             adjusted="100 * (row.unemployed + held) / row.labour_force"),
             OWN_ST02.format(year=2008, rise=1, div=1000, official="row.unemployed / row.labour_force",
                             adjusted="100 * (row.unemployed + held) / (row.labour_force + held)"),
             OWN_ST02.format(year=2008, rise="'two'", div=1000, official="100 * row.unemployed / row.labour_force",
                             adjusted="100 * (row.unemployed + held) / (row.labour_force + held)"),
             OWN_ST02.format(year=1980, rise=1, div=1000, official="5.8", adjusted="7.19")])),
    },
}

UNITS = [LRS_DM_01, LRS_DM_02, LRS_HG_01, LRS_HG_02, LRS_ST_01, LRS_ST_02]
