"""The agreement tables of the Little Red School's imperialism and social oppression
units (tests/notebooks/test_checks_agree_lrs.py runs them, with tests/support/agreement.py's
trial notebook): for each check, a table of
answers the hidden tests accept and answers they reject; each answer is written into the
learner's kernel after the check and run through the visible check and the full check.
Agreement: the visible check passes exactly when the hidden tests pass, and neither ever
fails with anything but an AssertionError.
"""

from __future__ import annotations

from tests.support.plays.imperialism_oppression import (
    LRS_IM_01, LRS_IM_02, LRS_IM_03, LRS_SO_01, LRS_SO_02, LRS_SO_03,
)
from tests.support.agreement import answers

OWN_IM03 = ('t = arbitrage_table({y})\nmy_arbitrage = (t.loc["USA", "wage_per_worker"] / t.loc["{c}", "wage_per_worker"]) '
            '{op} (t.loc["USA", "output_per_worker"] / t.loc["{c}", "output_per_worker"])')
OWN_IM02 = ('t = unequal_exchange_table({y})\n'
            'my_share = {k} * t.loc["{c}", "exports_usd"] * (1 / t.loc["{c}", "rel_price"] - {m}) / t.loc["{c}", "gdp_usd"]')


def im02_own(country: str, year: int, prediction: str = "bigger", k: int = 1, m: int = 1) -> str:
    return (f'my_country = "{country}"\nmy_year = {year}\nmy_prediction = "{prediction}"\n'
            + OWN_IM02.format(y=year, c=country, k=k, m=m))


def im03_own(country: str, year: int, prediction: str = "bigger", op: str = "/") -> str:
    return (f'my_country = "{country}"\nmy_year = {year}\nmy_prediction = "{prediction}"\n'
            + OWN_IM03.format(y=year, c=country, op=op))


def rates(first: int, second: int, prediction: str = "rose", million: str = " * 1_000_000") -> str:
    return (f'my_first_year = {first}\nmy_second_year = {second}\nmy_prediction = "{prediction}"\n'
            f"my_first_rate = prisons[{first}] / (population[{first}]{million}) * 100_000\n"
            f"my_second_rate = prisons[{second}] / (population[{second}] * 1_000_000) * 100_000")


def shares(country: str, first: int, second: int, prediction: str = "rose", k: str = "") -> str:
    return (f'my_country = "{country}"\nmy_first_year = {first}\nmy_second_year = {second}\nmy_prediction = "{prediction}"\n'
            f'my_first_share = {k}share["{country}", {first}]\nmy_second_share = share["{country}", {second}]')


def gaps(pair: str, first: int, second: int, prediction: str = "narrowed", upside_down: bool = False) -> str:
    other, ruler = pair.split("-")
    top, bottom = (other, ruler) if upside_down else (ruler, other)
    return (f'my_pair = "{pair}"\nmy_first_year = {first}\nmy_second_year = {second}\nmy_prediction = "{prediction}"\n'
            f'my_first_gap = per_person.loc[{first}, "{top}"] / per_person.loc[{first}, "{bottom}"]\n'
            f'my_second_gap = per_person.loc[{second}, "{top}"] / per_person.loc[{second}, "{bottom}"]')


SORTED = '{"a": "finance capital", "b": "export of capital", "c": "cartels", "d": "powers", "e": "monopoly"}'
CLAIMS = '{"a": "can", "b": "cannot", "c": "can", "d": "cannot", "e": "can", "f": "cannot"}'

# check grade id -> (its answer cell, [(answer, does autograde accept it?)])
TABLES: dict[str, dict[str, tuple[str, list[tuple[str, bool]]]]] = {
    LRS_IM_01.id: {
        "sort-check": ("sort-answer", answers(
            [f"my_sorting = {SORTED}",
             'my_sorting = dict(e="monopoly", d="powers", c="cartels", b="export of capital", a="finance capital")'],
            ['my_sorting = {"a": "export of capital", "b": "finance capital", "c": "cartels", "d": "powers", "e": "monopoly"}',
             'my_sorting = {"a": "Finance capital", "b": "export of capital", "c": "cartels", "d": "powers", "e": "monopoly"}',
             'my_sorting = {"a": "finance capital", "b": "export of capital", "c": "cartels", "d": "powers"}',
             'my_sorting = {"a": ..., "b": ..., "c": ..., "d": ..., "e": ...}', "my_sorting = ..."])),
        "india-check": ("india-answer", answers(
            ['india_to_us = average_irr["IND"] / average_irr["USA"]', 'india_to_us = average_irr.loc["IND"] / us_irr'],
            ['india_to_us = average_irr["USA"] / average_irr["IND"]',
             'india_to_us = average_irr["IND"] - average_irr["USA"]', "india_to_us = 1.6", 'india_to_us = "1.6"',
             "india_to_us = True"])),
        "own-check": ("own-answer", answers(
            ['my_country = "MEX"\nmy_prediction = "higher"\nmy_ratio = average_irr["MEX"] / average_irr["USA"]',
             'my_country = "DEU"\nmy_prediction = "lower"\nmy_ratio = average_irr["DEU"] / us_irr'],
            ['my_country = "USA"\nmy_prediction = "higher"\nmy_ratio = 1.0',
             'my_country = "mex"\nmy_prediction = "higher"\nmy_ratio = average_irr["MEX"] / average_irr["USA"]',
             'my_country = "MEX"\nmy_prediction = "up"\nmy_ratio = average_irr["MEX"] / average_irr["USA"]',
             'my_country = "MEX"\nmy_prediction = "higher"\nmy_ratio = 100 * average_irr["MEX"] / average_irr["USA"]',
             'my_country = "MEX"\nmy_prediction = "higher"\nmy_ratio = average_irr["USA"] / average_irr["MEX"]',
             'my_country = "BGD"\nmy_prediction = "higher"\nmy_ratio = 1.5'])),
    },
    LRS_IM_02.id: {
        "average-check": ("average-answer", answers(
            ["average_rate = 140 / 260",
             'average_rate = (north["s"] + south["s"]) / (north["c"] + north["v"] + south["c"] + south["v"])'],
            ["average_rate = (north_own_rate + south_own_rate) / 2", "average_rate = 140 / 400", "average_rate = 0.54",
             'average_rate = "0.54"'])),
        "transfer-check": ("transfer-answer", answers(
            ["south_price = 110 * (1 + average_rate)\ntransfer = 200 - south_price",
             "south_price = 110 * 400 / 260\ntransfer = south_value - south_price"],
            ["south_price = 110 * (1 + average_rate)\ntransfer = south_price - south_value",
             "south_price = 110 * average_rate\ntransfer = south_value - south_price",
             "south_price = 110 * (1 + average_rate)\ntransfer = 30",
             "south_price = 169\ntransfer = 31"])),
        "wage-check": ("wage-answer", answers(
            ["wage_with_no_transfer = 50", "wage_with_no_transfer = 50.0"],
            ["wage_with_no_transfer = 0", "wage_with_no_transfer = 49", "wage_with_no_transfer = 51",
             "wage_with_no_transfer = 100", 'wage_with_no_transfer = "50"'])),
        "bgd-check": ("bgd-answer", answers(
            ['b = t2019.loc["BGD"]\nbangladesh_share = b["exports_usd"] * (1 / b["rel_price"] - 1) / b["gdp_usd"]',
             'b = t2019.loc["BGD"]\nbangladesh_share = (b["exports_usd"] / b["rel_price"] - b["exports_usd"]) / b["gdp_usd"]'],
            ['b = t2019.loc["BGD"]\nbangladesh_share = b["exports_usd"] / b["rel_price"] / b["gdp_usd"]',
             'b = t2019.loc["BGD"]\nbangladesh_share = b["exports_usd"] * (1 / b["rel_price"] - 1)',
             'b = t2019.loc["BGD"]\nbangladesh_share = 100 * b["exports_usd"] * (1 / b["rel_price"] - 1) / b["gdp_usd"]',
             "bangladesh_share = india_share"])),
        "own-check": ("own-answer", answers(
            [im02_own("KEN", 1990), im02_own("IND", 2019, "smaller")],
            [im02_own("KEN", 1990, k=100), im02_own("KEN", 1990, m=0), im02_own("KEN", 1990, "more"),
             'my_country = "KEN"\nmy_year = 1960\nmy_prediction = "bigger"\nmy_share = 0.1',
             'my_country = "USA"\nmy_year = 1990\nmy_prediction = "bigger"\nmy_share = 0.0',
             'my_country = "XXX"\nmy_year = 1990\nmy_prediction = "bigger"\nmy_share = 0.1'])),
    },
    LRS_IM_03.id: {
        "wage-check": ("wage-answer", answers(
            ['wage_gap = t2019.loc["USA", "wage_per_worker"] / t2019.loc["IND", "wage_per_worker"]',
             'w = t2019["wage_per_worker"]\nwage_gap = w["USA"] / w["IND"]'],
            ['wage_gap = t2019.loc["IND", "wage_per_worker"] / t2019.loc["USA", "wage_per_worker"]',
             "wage_gap = output_gap", "wage_gap = 27", 'wage_gap = "27"'])),
        "arbitrage-check": ("arbitrage-answer", answers(
            ["arbitrage = wage_gap / output_gap",
             'arbitrage = (t2019.loc["USA", "wage_per_worker"] / t2019.loc["IND", "wage_per_worker"]) / output_gap'],
            ["arbitrage = wage_gap * output_gap", "arbitrage = output_gap / wage_gap", "arbitrage = 3.8"])),
        "own-check": ("own-answer", answers(
            [im03_own("PHL", 2019), im03_own("MEX", 1995, "smaller")],
            [im03_own("PHL", 2019, op="*"), 'my_country = "PHL"\nmy_year = 2019\nmy_prediction = "bigger"\nmy_arbitrage = 0.3',
             'my_country = "BGD"\nmy_year = 2019\nmy_prediction = "bigger"\nmy_arbitrage = 4.0',
             'my_country = "PHL"\nmy_year = 1960\nmy_prediction = "bigger"\nmy_arbitrage = 4.0',
             'my_country = "USA"\nmy_year = 2019\nmy_prediction = "bigger"\nmy_arbitrage = 1.0',
             im03_own("PHL", 2019, "more")])),
    },
    LRS_SO_01.id: {
        "growth-check": ("growth-answer", answers(
            ["growth_to_peak = prisons.max() / prisons[1980]", "growth_to_peak = 2310300 / 503600"],
            ["growth_to_peak = prisons[peak_year] - prisons[1980]", "growth_to_peak = prisons[1980] / prisons[peak_year]",
             "growth_to_peak = 4.6"])),
        "rate-check": ("rate-answer", answers(
            ["rate_peak = prisons[peak_year] / (population[peak_year] * 1_000_000) * 100_000",
             "rate_peak = prisons[2008] / population[2008] / 10"],
            ["rate_peak = prisons[peak_year] / population[peak_year] * 100_000", "rate_peak = rate_1980",
             "rate_peak = 761"])),
        "claims-check": ("claims-answer", answers(
            [f"my_claims = {CLAIMS}"],
            ["my_claims = " + CLAIMS.replace('"b": "cannot"', '"b": "can"'),
             'my_claims = {k: "can" for k in "abcdef"}',
             'my_claims = {"a": "can", "b": "cannot", "c": "can", "d": "cannot", "e": "can"}',
             "my_claims = " + CLAIMS.replace('"a": "can"', '"a": "yes"')])),
        "own-check": ("own-answer", answers(
            [rates(1994, 2018), rates(1980, 2008)],
            [rates(2018, 1994),
             'my_first_year = 1979\nmy_second_year = 2008\nmy_prediction = "rose"\nmy_first_rate = 200.0\nmy_second_rate = 761.0',
             rates(1994, 2018, million=""), rates(1994, 2018, "up"),
             "my_first_year = 1994\nmy_second_year = 2018\nmy_prediction = \"rose\"\n"
             "my_first_rate = prisons[2018] / (population[2018] * 1_000_000) * 100_000\n"
             "my_second_rate = prisons[1994] / (population[1994] * 1_000_000) * 100_000"])),
    },
    LRS_SO_02.id: {
        "necessary-check": ("necessary-answer", answers(
            ["total_necessary = 54\ndomestic_share = 30 / 54",
             "total_necessary = wage_goods_a + domestic_hours\ndomestic_share = domestic_hours / total_necessary"],
            ["total_necessary = 70\ndomestic_share = 30 / 70", "total_necessary = 54\ndomestic_share = 30 / 24",
             "total_necessary = 54\ndomestic_share = 55.6", "total_necessary = 54\ndomestic_share = 100 * 30 / 54"])),
        "second-job-check": ("second-job-answer", answers(
            ["surplus_after = 29\ntotal_work_after = 83",
             "surplus_after = surplus_a + paid_hours_b - wage_goods_b\ntotal_work_after = 40 + 25 + 18"],
            ["surplus_after = 13\ntotal_work_after = 83", "surplus_after = 40 + 25 - 24 - 12 - 18\ntotal_work_after = 83",
             "surplus_after = 29\ntotal_work_after = 65", "surplus_after = 29\ntotal_work_after = 95"])),
        "own-check": ("own-answer", answers(
            [shares("MEX", 1980, 2019), shares("USA", 1965, 2000, "fell")],
            [shares("MEX", 1980, 2019, k="100 * "), shares("MEX", 2019, 1980),
             'my_country = "MEX"\nmy_first_year = 1940\nmy_second_year = 2019\nmy_prediction = "rose"\n'
             'my_first_share = 0.3\nmy_second_share = share["MEX", 2019]',
             shares("PSE", 1980, 2019), shares("MEX", 1980, 2019, "up"),
             'my_country = "MEX"\nmy_first_year = 1980\nmy_second_year = 2019\nmy_prediction = "rose"\n'
             'my_first_share = 1 / share["MEX", 1980]\nmy_second_share = share["MEX", 2019]'])),
    },
    LRS_SO_03.id: {
        "gap-check": ("gap-answer", answers(
            ['gap_2019 = per_person.loc[2019, "GBR"] / per_person.loc[2019, "IRL"]',
             'gap_2019 = per_person["GBR"][2019] / per_person["IRL"][2019]'],
            ['gap_2019 = per_person.loc[2019, "IRL"] / per_person.loc[2019, "GBR"]', "gap_2019 = gap_1950",
             "gap_2019 = 0.44"])),
        "share-check": ("share-answer", answers(
            ['labour_share_change = labour_share.loc[2019, "IRL"] - labour_share.loc[2000, "IRL"]'],
            ['labour_share_change = labour_share.loc[2000, "IRL"] - labour_share.loc[2019, "IRL"]',
             'labour_share_change = labour_share.loc[2019, "IRL"] / labour_share.loc[2000, "IRL"]',
             "labour_share_change = -0.17"])),
        "own-check": ("own-answer", answers(
            [gaps("IND-GBR", 1950, 2019), gaps("DZA-FRA", 1962, 2019, "widened")],
            [gaps("IND-GBR", 1950, 2019, upside_down=True), gaps("IND-GBR", 2019, 1950), gaps("VNM-FRA", 1960, 2019),
             gaps("IND-GBR", 1950, 2019, "better"),
             'my_pair = "IND-FRA"\nmy_first_year = 1950\nmy_second_year = 2019\nmy_prediction = "narrowed"\n'
             "my_first_gap = 10.0\nmy_second_gap = 6.0"])),
    },
}

UNITS = [LRS_IM_01, LRS_IM_02, LRS_IM_03, LRS_SO_01, LRS_SO_02, LRS_SO_03]
