"""Right answers to Bootcamp session 1, for every test that plays it as a learner: the
notebook tier (tests/notebooks/test_units_play*.py), the e2e tier (a Spanish circle's
submission) and the browser tier (the Spanish learner's journey). Keyed by the answer
cell's nbgrader grade id; the code answers are the same in both languages."""

from __future__ import annotations

#: English: the code answers, the prediction and two reflections.
BOOTCAMP_01_ANSWERS = {
    "unemployment-answer": "rise_2007_to_2010 = unemployment_rate[2010] - unemployment_rate[2007]",
    "ratio-answer": 'ratio_2024 = table.loc[2024, "productivity_index"] / table.loc[2024, "pay_index"]',
    "every-year-answer": 'ratio_every_year = table["productivity_index"] / table["pay_index"]',
    "period-answer": (
        "my_first_year = 1979\nmy_last_year = 2019\n"
        'my_period_ratio = (table.loc[2019, "productivity_index"] / table.loc[1979, "productivity_index"]) / '
        '(table.loc[2019, "pay_index"] / table.loc[1979, "pay_index"])'
    ),
    "prediction-answer": 'my_prediction = "fell a lot"',
    "wage-share-answer": 'wage_share_2017 = corp.loc[2017, "compensation"] / corp.loc[2017, "net_value_added"]',
    "reflect-pessimism": "At the tenants' meeting people said nothing changes; but we did win repairs last spring.",
    "reflect-gap": "Since 1973 each hour produces a lot more, but our pay has not kept up.",
}

#: Spanish: the same code, the prediction in the Spanish notebook's words, reflections in Spanish.
BOOTCAMP_01_ANSWERS_ES = {
    **BOOTCAMP_01_ANSWERS,
    "prediction-answer": 'my_prediction = "bajó mucho"',
    "reflect-pessimism": "En la asamblea de inquilinos dijeron que nada cambia; pero en primavera ganamos las reparaciones.",
    "reflect-gap": "Desde 1973 cada hora produce mucho más, pero el salario no siguió el paso.",
}
