"""The Little Red School's dialectical materialism, hegemony and state units, as learner-play
tables (tests/support/plays/table.py)."""

from __future__ import annotations

from .table import Mistake, Unit

TENANTS = "In our building the landlord and the tenants need each other; the fight is over repairs."

LRS_DM_01 = Unit(
    "lrs-dm-01-contradiction-and-change",
    correct={
        "threshold-answer": "months_to_majority = math.ceil((majority - members_now) / new_per_month)",
        "struggle-answer": "months_with_pressure = months_until(majority, members_now, new_per_month, 3)",
        "finding-answer": "joining_needed = 11",
        "gap-answer": 'gap_2000 = table.loc[2000, "productivity_index"] / table.loc[2000, "pay_index"]',
        "own-answer": (  # the learner's own threshold and prediction
            "my_threshold = 1.25\nmy_predicted_decade = 1980\n"
            'my_first_year = (table["gap"] > my_threshold).idxmax()'
        ),
        "reflect-contradiction": TENANTS,
        "reflect-threshold": TENANTS,
    },
    checks={
        "threshold-check": Mistake(
            "threshold-answer", "months_to_majority = (majority - members_now) / new_per_month", "Round up with math.ceil"
        ),
        "struggle-check": Mistake(
            "struggle-answer", "months_with_pressure = months_until(majority, members_now, new_per_month, 0)",
            "without the landlord's pressure",
        ),
        "finding-check": Mistake("finding-answer", "joining_needed = 12", "find the smallest number"),
        "gap-check": Mistake(
            "gap-answer", 'gap_2000 = table.loc[2000, "pay_index"] / table.loc[2000, "productivity_index"]',
            "You divided pay by productivity",
        ),
        "own-check": Mistake(
            "own-answer",
            'my_threshold = 1.25\nmy_predicted_decade = 1980\nmy_first_year = table["gap"].idxmax()',
            "the year the gap was widest",
        ),
    },
    charts={"own-result": "Productivity ran more than 1.25 times ahead of pay from 1985"},
)

LRS_DM_02 = Unit(
    "lrs-dm-02-materialism-against-idealism",
    correct={
        "sort-answer": (
            'my_labels = {1: "voluntarism", 2: "moralism", 3: "purism", 4: "materialist", '
            '5: "moralism", 6: "materialist"}'
        ),
        "turnout-answer": "expected_turnout = contacts * reach_rate * yes_rate * come_rate",
        "needed-answer": "contacts_needed = math.ceil(200 / (reach_rate * yes_rate * come_rate))",
        "own-answer": (  # the learner's own action and estimates
            'my_action = "strike vote at the depot"\nmy_goal = 150\nmy_contacts = 200\n'
            "my_reach_rate = 0.9\nmy_yes_rate = 0.8\nmy_come_rate = 0.7\n"
            "my_expected_turnout = my_contacts * my_reach_rate * my_yes_rate * my_come_rate\n"
            "my_contacts_needed = math.ceil(my_goal / (my_reach_rate * my_yes_rate * my_come_rate))"
        ),
        "reflect-idealism": TENANTS,
        "reflect-kernel": TENANTS,
    },
    checks={
        "sort-check": Mistake(
            "sort-answer",
            'my_labels = {1: "voluntarism", 2: "moralism", 3: "moralism", 4: "materialist", '
            '5: "moralism", 6: "materialist"}',
            "Statement 3: what decides",
        ),
        "turnout-check": Mistake(
            "turnout-answer", "expected_turnout = contacts * reach_rate * yes_rate", "You left out the share of the yeses who come"
        ),
        "needed-check": Mistake(
            "needed-answer", "contacts_needed = 200 / (reach_rate * yes_rate * come_rate)", "Round up with math.ceil"
        ),
        "own-check": Mistake(
            "own-answer",
            'my_action = "strike vote at the depot"\nmy_goal = 150\nmy_contacts = 200\n'
            "my_reach_rate = 90\nmy_yes_rate = 0.8\nmy_come_rate = 0.7\n"
            "my_expected_turnout = my_contacts * my_reach_rate * my_yes_rate * my_come_rate\n"
            "my_contacts_needed = math.ceil(my_goal / (my_reach_rate * my_yes_rate * my_come_rate))",
            "write a share as a fraction between 0 and 1",
        ),
    },
)

LRS_HG_01 = Unit(
    "lrs-hg-01-consent-and-coercion",
    correct={
        "sort-answer": 'my_labels = {1: "coercion", 2: "consent", 3: "consent", 4: "coercion", 5: "consent", 6: "coercion"}',
        "growth-answer": (
            'productivity_growth = table.loc[2019, "productivity_index"] / table.loc[1979, "productivity_index"] - 1\n'
            'pay_growth = table.loc[2019, "pay_index"] / table.loc[1979, "pay_index"] - 1'
        ),
        "pass-answer": "pass_through = pay_growth / productivity_growth",
        "own-answer": (  # the learner's own period, written another way than the solution
            'my_first_year = 1948\nmy_second_year = 1965\nmy_prediction = "above"\n'
            "r = table.loc[1965] / table.loc[1948] - 1\n"
            'my_pass_through = r["pay_index"] / r["productivity_index"]'
        ),
        "reflect-common-sense": TENANTS,
        "reflect-consent": TENANTS,
    },
    checks={
        "sort-check": Mistake(
            "sort-answer",
            'my_labels = {1: "coercion", 2: "consent", 3: "coercion", 4: "coercion", 5: "consent", 6: "coercion"}',
            "Item 3",
        ),
        "growth-check": Mistake(
            "growth-answer",
            'productivity_growth = table.loc[2019, "productivity_index"] / table.loc[1979, "productivity_index"]\n'
            'pay_growth = table.loc[2019, "pay_index"] / table.loc[1979, "pay_index"]',
            "Subtract 1 at the end",
        ),
        "pass-check": Mistake("pass-answer", "pass_through = productivity_growth / pay_growth", "You divided the other way round"),
        "own-check": Mistake(
            "own-answer",
            'my_first_year = 1948\nmy_second_year = 1965\nmy_prediction = "above"\n'
            "r = table.loc[1965] / table.loc[1948] - 1\n"
            'my_pass_through = r["productivity_index"] / r["pay_index"]',
            "upside down",
        ),
    },
    charts={"own-result": "From 1948 to 1965"},
)

LRS_HG_02 = Unit(
    "lrs-hg-02-war-of-position",
    correct={
        "sort-answer": 'my_labels = {1: "manoeuvre", 2: "position", 3: "position", 4: "manoeuvre", 5: "position"}',
        "balance-answer": (
            "balance = (sum(w * l for w, l in trench_map.values())\n"
            "           / sum(w for w, l in trench_map.values()))"
        ),
        "finding-answer": "steps_needed = 2",
        "own-answer": (  # the learner's own terrain, computed by hand
            'my_map = {"the hospital union": (4, 1), "the evening news": (5, -2), '
            '"the mosques": (2, 1), "the landlords\' association": (3, -2)}\n'
            "my_balance = (4 - 10 + 2 - 6) / 14\n"
            'my_first_trench = "the hospital union"'
        ),
        "reflect-position": TENANTS,
        "reflect-right": TENANTS,
    },
    checks={
        "sort-check": Mistake(
            "sort-answer",
            'my_labels = {1: "maneuver", 2: "position", 3: "position", 4: "manoeuvre", 5: "position"}',
            "m-a-n-o-e-u-v-r-e",
        ),
        "balance-check": Mistake(
            "balance-answer", "balance = sum(l for w, l in trench_map.values()) / len(trench_map)",
            "You averaged the leans without their weights",
        ),
        "finding-check": Mistake("finding-answer", "steps_needed = 1", "still below zero"),
        "own-check": Mistake(
            "own-answer",
            'my_map = {"the hospital union": (4, 1), "the evening news": (5, -2), '
            '"the mosques": (2, 1), "the landlords\' association": (3, -2)}\n'
            "my_balance = 4 - 10 + 2 - 6\n"
            'my_first_trench = "the hospital union"',
            "Divide by the total weight",
        ),
    },
)

LRS_ST_01 = Unit(
    "lrs-st-01-theories-of-the-state",
    correct={
        "match-answer": (
            'my_labels = {1: "instrumentalist", 2: "structuralist", 3: "strategic-relational", '
            '4: "instrumentalist", 5: "structuralist", 6: "strategic-relational"}'
        ),
        "strategy-answer": 'my_strategies = {1: "instrumentalist", 2: "structuralist", 3: "strategic-relational"}',
        "tax-answer": 'tax_share_2017 = corp["corporate_taxes"][2017] / corp["surplus"][2017]',
        "own-answer": (  # the learner's own state body
            'my_campaign = "Heat for public schools"\nmy_state_body = "the city school board"\n'
            "my_expectations = {\n"
            '    "instrumentalist": "The board chair owes the construction firms and will send the money their way.",\n'
            '    "structuralist": "Any board will say the budget depends on property taxes and cannot rise this year.",\n'
            '    "strategic-relational": "The facilities office must publish its repair list, which gives parents a lever.",\n'
            "}\n"
            'my_leaning = "structuralist"\n'
            'my_test = "If a new board with our allies still refuses the repairs, the structural account holds."'
        ),
        "reflect-theory": TENANTS,
        "reflect-strategy": TENANTS,
    },
    checks={
        "match-check": Mistake(
            "match-answer",
            'my_labels = {1: "structuralist", 2: "structuralist", 3: "strategic-relational", '
            '4: "instrumentalist", 5: "structuralist", 6: "strategic-relational"}',
            "Explanation 1",
        ),
        "strategy-check": Mistake(
            "strategy-answer", 'my_strategies = {1: "structuralist", 2: "instrumentalist", 3: "strategic-relational"}',
            "Strategy 1 is about who runs the state",
        ),
        "tax-check": Mistake(
            "tax-answer", 'tax_share_2017 = corp.loc[2017, "surplus"] / corp.loc[2017, "corporate_taxes"]',
            "put the taxes on top",
        ),
        "own-check": Mistake(
            "own-answer",
            'my_campaign = "Heat for public schools"\nmy_state_body = "the city school board"\n'
            "my_expectations = {\n"
            '    "instrumentalist": "They are corrupt.",\n'
            '    "structuralist": "Any board will say the budget depends on property taxes and cannot rise this year.",\n'
            '    "strategic-relational": "The facilities office must publish its repair list, which gives parents a lever.",\n'
            "}\n"
            'my_leaning = "structuralist"\n'
            'my_test = "If a new board with our allies still refuses the repairs, the structural account holds."',
            "at least eight",
        ),
    },
    charts={"tax-chart": "Taxes on profits took 50% of US corporations' surplus in 1950, 17% in 2017 and 10% in 2018"},
)

LRS_ST_02 = Unit(
    "lrs-st-02-coercion-and-prisons",
    correct={
        "growth-answer": "times_bigger = prison[2008] / prison[1980]",
        "peak-answer": "peak_year = 2008",
        "rate-answer": 'rate_2008 = 100_000 * prison[2008] / (yearly.loc[2008, "civilian_population"] * 1000)',
        "own-answer": (  # the learner's own year, written another way than the solution
            "my_year = 1995\nmy_predicted_rise = 0.5\nrow = yearly.loc[1995]\n"
            "my_official_rate = 100 * row.unemployed / row.labour_force\n"
            "my_adjusted_rate = 100 * (row.unemployed + prison[1995] / 1000) / (row.labour_force + prison[1995] / 1000)"
        ),
        "reflect-coercion": TENANTS,
        "reflect-abolition": TENANTS,
    },
    checks={
        "growth-check": Mistake("growth-answer", "times_bigger = prison[1980] / prison[2008]", "put the later year on top"),
        "peak-check": Mistake("peak-answer", "peak_year = prison.max()", "That is the highest number of people, not the year"),
        "rate-check": Mistake(
            "rate-answer", 'rate_2008 = 100_000 * prison[2008] / yearly.loc[2008, "civilian_population"]',
            "a thousand times too big",
        ),
        "own-check": Mistake(
            "own-answer",
            "my_year = 1995\nmy_predicted_rise = 0.5\nrow = yearly.loc[1995]\n"
            "my_official_rate = 100 * row.unemployed / row.labour_force\n"
            "my_adjusted_rate = 100 * (row.unemployed + prison[1995]) / (row.labour_force + prison[1995])",
            "divide the prison count by 1000 first",
        ),
    },
    charts={"data": "People held in US prisons and jails, 1980-2018"},
)

UNITS = [LRS_DM_01, LRS_DM_02, LRS_HG_01, LRS_HG_02, LRS_ST_01, LRS_ST_02]
