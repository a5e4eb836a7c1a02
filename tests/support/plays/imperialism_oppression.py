"""The Little Red School's imperialism and social oppression units, as learner-play tables
(tests/support/plays/table.py)."""

from __future__ import annotations

from .table import Mistake, Unit

SOLIDARITY = "At the port, the shipping lines threaten to move to another terminal whenever we organise."
CARE = "In our tenants' union the same three women cook for every meeting."

LRS_IM_01 = Unit(
    "lrs-im-01-from-lenin-to-today",
    correct={
        "sort-answer": (  # the same labels, in another order of keys
            'my_sorting = {"e": "monopoly", "d": "powers", "c": "cartels", "b": "export of capital", '
            '"a": "finance capital"}'
        ),
        "india-answer": 'india_to_us = pwt[pwt["isocode"] == "IND"]["irr"].mean() / us_irr',
        "own-answer": 'my_country = "PHL"\nmy_prediction = "higher"\nmy_ratio = average_irr["PHL"] / average_irr["USA"]',
        "reflect-where": SOLIDARITY,
        "reflect-debate": SOLIDARITY,
    },
    checks={
        "sort-check": Mistake(
            "sort-answer",
            'my_sorting = {"a": "export of capital", "b": "finance capital", "c": "cartels", "d": "powers", '
            '"e": "monopoly"}',
            "Fact b is money from one country put to work in another",
        ),
        "india-check": Mistake(
            "india-answer", 'india_to_us = average_irr["USA"] / average_irr["IND"]', "You divided the other way round"
        ),
        "own-check": Mistake(
            "own-answer",
            'my_country = "PHL"\nmy_prediction = "higher"\nmy_ratio = 100 * average_irr["PHL"] / average_irr["USA"]',
            "That looks like a percentage",
        ),
    },
    charts={"own-result": "You predicted higher"},
)

LRS_IM_02 = Unit(
    "lrs-im-02-unequal-exchange",
    correct={
        "average-answer": "average_rate = 140 / 260",
        "transfer-answer": (
            "south_price = 110 * (1 + average_rate)\n"
            "transfer = south_value - south_price"
        ),
        "wage-answer": "wage_with_no_transfer = 50.0",
        "bgd-answer": (
            'b = t2019.loc["BGD"]\n'
            'bangladesh_share = (b["exports_usd"] / b["rel_price"] - b["exports_usd"]) / b["gdp_usd"]'
        ),
        "own-answer": (  # the learner's own country and year
            'my_country = "KEN"\nmy_year = 1990\nmy_prediction = "smaller"\n'
            "t = unequal_exchange_table(1990)\n"
            'my_share = t.loc["KEN", "exports_usd"] * (1 / t.loc["KEN", "rel_price"] - 1) / t.loc["KEN", "gdp_usd"]'
        ),
        "reflect-workers": SOLIDARITY,
        "reflect-measure": SOLIDARITY,
    },
    checks={
        "average-check": Mistake(
            "average-answer", "average_rate = (north_own_rate + south_own_rate) / 2", "You averaged the two rates"
        ),
        "transfer-check": Mistake(
            "transfer-answer",
            'south_price = (south["c"] + south["v"]) * average_rate\ntransfer = south_value - south_price',
            "That is only the profit",
        ),
        "wage-check": Mistake("wage-answer", "wage_with_no_transfer = 0", "At a wage of 0"),
        "bgd-check": Mistake(
            "bgd-answer",
            'b = t2019.loc["BGD"]\nbangladesh_share = b["exports_usd"] / b["rel_price"] / b["gdp_usd"]',
            "You left out the - 1",
        ),
        "own-check": Mistake(
            "own-answer",
            'my_country = "KEN"\nmy_year = 1990\nmy_prediction = "smaller"\n'
            "t = unequal_exchange_table(1990)\n"
            'my_share = 100 * t.loc["KEN", "exports_usd"] * (1 / t.loc["KEN", "rel_price"] - 1) / t.loc["KEN", "gdp_usd"]',
            "That looks like a percentage",
        ),
    },
    charts={"own-result": "KEN in 1990"},
)

LRS_IM_03 = Unit(
    "lrs-im-03-global-labour-arbitrage",
    correct={
        "wage-answer": 'w = t2019["wage_per_worker"]\nwage_gap = w["USA"] / w["IND"]',
        "arbitrage-answer": "arbitrage = wage_gap / output_gap",
        "own-answer": (  # the learner's own country and year
            'my_country = "PHL"\nmy_year = 2019\nmy_prediction = "bigger"\n'
            "t = arbitrage_table(2019)\n"
            'wages = t.loc["USA", "wage_per_worker"] / t.loc["PHL", "wage_per_worker"]\n'
            'outputs = t.loc["USA", "output_per_worker"] / t.loc["PHL", "output_per_worker"]\n'
            "my_arbitrage = wages / outputs"
        ),
        "reflect-arbitrage": SOLIDARITY,
        "reflect-solidarity": SOLIDARITY,
    },
    checks={
        "wage-check": Mistake(
            "wage-answer", 'wage_gap = t2019.loc["IND", "wage_per_worker"] / t2019.loc["USA", "wage_per_worker"]',
            "Your answer is below 1",
        ),
        "arbitrage-check": Mistake("arbitrage-answer", "arbitrage = wage_gap * output_gap", "You multiplied"),
        "own-check": Mistake(
            "own-answer",
            'my_country = "PHL"\nmy_year = 2019\nmy_prediction = "bigger"\n'
            "t = arbitrage_table(2019)\n"
            'wages = t.loc["USA", "wage_per_worker"] / t.loc["PHL", "wage_per_worker"]\n'
            'outputs = t.loc["USA", "output_per_worker"] / t.loc["PHL", "output_per_worker"]\n'
            "my_arbitrage = wages * outputs",
            "You multiplied the two gaps",
        ),
    },
    charts={"own-chart": "times the output per dollar of wages in 2019"},
)

LRS_SO_01 = Unit(
    "lrs-so-01-racial-capitalism",
    correct={
        "growth-answer": "growth_to_peak = prisons.max() / prisons.loc[1980]",
        "rate-answer": "rate_peak = 100_000 * prisons[peak_year] / (1e6 * population[peak_year])",
        "claims-answer": 'my_claims = {"a": "can", "b": "cannot", "c": "can", "d": "cannot", "e": "can", "f": "cannot"}',
        "own-answer": (  # the learner's own two years
            "my_first_year = 1980\nmy_second_year = 1994\nmy_prediction = \"rose\"\n"
            "rate = prisons / (population * 1_000_000) * 100_000\n"
            "my_first_rate = rate[1980]\nmy_second_rate = rate[1994]"
        ),
        "reflect-organising": SOLIDARITY,
        "reflect-data": SOLIDARITY,
    },
    checks={
        "growth-check": Mistake("growth-answer", "growth_to_peak = prisons[peak_year] - prisons[1980]", "You subtracted"),
        "rate-check": Mistake(
            "rate-answer", "rate_peak = prisons[peak_year] / population[peak_year] * 100_000",
            "The population is in millions",
        ),
        "claims-check": Mistake(
            "claims-answer",
            'my_claims = {"a": "can", "b": "can", "c": "can", "d": "cannot", "e": "can", "f": "cannot"}',
            "Claim b may well be true",
        ),
        "own-check": Mistake(
            "own-answer",
            "my_first_year = 1980\nmy_second_year = 1994\nmy_prediction = \"rose\"\n"
            "my_first_rate = prisons[1980] / population[1980] * 100_000\n"
            "my_second_rate = prisons[1994] / (population[1994] * 1_000_000) * 100_000",
            "the population is in millions",
        ),
    },
    charts={"own-result": "You predicted it rose", "rate-chart": "People in US prisons and jails per 100,000 residents"},
)

LRS_SO_02 = Unit(
    "lrs-so-02-patriarchy-and-social-reproduction",
    correct={
        "necessary-answer": "total_necessary = 24 + 30\ndomestic_share = 30 / 54",
        "second-job-answer": "surplus_after = 16 + 13\ntotal_work_after = 40 + 25 + 18",
        "own-answer": (  # the learner's own country and years
            'my_country = "BGD"\nmy_first_year = 1985\nmy_second_year = 2015\nmy_prediction = "rose"\n'
            'bgd = pwt[pwt["isocode"] == "BGD"].set_index("year")\n'
            'my_first_share = bgd.loc[1985, "emp"] / bgd.loc[1985, "pop"]\n'
            'my_second_share = bgd.loc[2015, "emp"] / bgd.loc[2015, "pop"]'
        ),
        "reflect-household": CARE,
        "reflect-double-shift": CARE,
    },
    checks={
        "necessary-check": Mistake(
            "necessary-answer", "total_necessary = paid_hours_a + domestic_hours\ndomestic_share = 30 / 70",
            "You added the 40 paid hours",
        ),
        "second-job-check": Mistake(
            "second-job-answer", "surplus_after = paid_hours_b - wage_goods_b\ntotal_work_after = 83",
            "That is B's surplus only",
        ),
        "own-check": Mistake(
            "own-answer",
            'my_country = "BGD"\nmy_first_year = 1985\nmy_second_year = 2015\nmy_prediction = "rose"\n'
            'my_first_share = 100 * share["BGD", 1985]\nmy_second_share = share["BGD", 2015]',
            "looks like a percentage",
        ),
    },
    charts={"second-job-words": "capital gets 29 hours, 13 more",
            "own-chart": "the share of the population in paid work"},
)

LRS_SO_03 = Unit(
    "lrs-so-03-national-oppression",
    correct={
        "gap-answer": 'gap_2019 = per_person["GBR"][2019] / per_person["IRL"][2019]',
        "share-answer": 'ireland = labour_share["IRL"]\nlabour_share_change = ireland[2019] - ireland[2000]',
        "own-answer": (  # the learner's own pair and years
            'my_pair = "DZA-FRA"\nmy_first_year = 1962\nmy_second_year = 2019\nmy_prediction = "narrowed"\n'
            "ratio = per_person[\"FRA\"] / per_person[\"DZA\"]\n"
            "my_first_gap = ratio[1962]\nmy_second_gap = ratio[2019]"
        ),
        "reflect-owed": SOLIDARITY,
        "reflect-data": SOLIDARITY,
    },
    checks={
        "gap-check": Mistake(
            "gap-answer", 'gap_2019 = per_person.loc[2019, "IRL"] / per_person.loc[2019, "GBR"]',
            "You divided the other way round",
        ),
        "share-check": Mistake(
            "share-answer", 'labour_share_change = labour_share.loc[2000, "IRL"] - labour_share.loc[2019, "IRL"]',
            "wrong sign",
        ),
        "own-check": Mistake(
            "own-answer",
            'my_pair = "DZA-FRA"\nmy_first_year = 1962\nmy_second_year = 2019\nmy_prediction = "narrowed"\n'
            "ratio = per_person[\"DZA\"] / per_person[\"FRA\"]\n"
            "my_first_gap = ratio[1962]\nmy_second_gap = ratio[2019]",
            "upside down",
        ),
    },
    charts={"own-result": "you predicted it narrowed"},
)

UNITS = [LRS_IM_01, LRS_IM_02, LRS_IM_03, LRS_SO_01, LRS_SO_02, LRS_SO_03]
