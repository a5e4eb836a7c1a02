"""The Membership Bootcamp's six sessions and the Little Red School's political economy
units, as learner-play tables (tests/support/plays/table.py)."""

from __future__ import annotations

from tests.support.answers import BOOTCAMP_01_ANSWERS

from .table import Mistake, Unit

BOOTCAMP_01 = Unit(
    "bootcamp-01-where-we-stand",
    correct=BOOTCAMP_01_ANSWERS,
    checks={
        "unemployment-check": None,
        "ratio-check": Mistake(
            "ratio-answer",
            'ratio_2024 = table.loc[2024, "pay_index"] / table.loc[2024, "productivity_index"]',
            "you divided pay by productivity",
        ),
        "every-year-check": None,
        "period-check": Mistake(
            "period-answer",
            "my_first_year = 2019\nmy_last_year = 1979\nmy_period_ratio = 1.0",
            "The first year should come before the last year",
        ),
        "wage-share-check": Mistake(
            "wage-share-answer",
            'wage_share_2017 = corp.loc[2017, "surplus"] / corp.loc[2017, "net_value_added"]',
            "You used the surplus column",
        ),
    },
    charts={"period-words": "From 1979 to 2019, productivity grew", "prediction-result": "You predicted: fell a lot",
            "where-numbers": "consumer prices rose"},
)

BOOTCAMP_02 = Unit(
    "bootcamp-02-points-of-unity",
    correct={
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
        "borders-prediction": "my_guess = 0.5",
        "borders-answer": 'mexico_relative_2019 = levels.loc[2019, "MEX"] / levels.loc[2019, "USA"]',
        "choice-answer": 'my_country = "IND"\nmy_year = 2000\nmy_relative = levels.loc[2000, "IND"] / levels.loc[2000, "USA"]',
        "reflect-weakest": "Stewardship: my union work rarely touches it.",
        "reflect-unity": "Two socialists can disagree on whether to run candidates.",
    },
    checks={
        "borders-check": Mistake(
            "borders-answer", 'mexico_relative_2019 = levels.loc[2019, "USA"] / levels.loc[2019, "MEX"]', "Put Mexico on top"
        ),
        "choice-check": Mistake(
            "choice-answer", 'my_country = "MEX"\nmy_year = 2000\nmy_relative = 0.5', "Choose one of"
        ),
    },
    charts={"scores-chart": "the weakest is Stewardship of the planet", "borders-words": "Your guess was: 0.5"},
)

BOOTCAMP_03 = Unit(
    "bootcamp-03-how-capitalism-makes-profit",
    correct={
        "sv-answer": 'sv_2017 = table.loc[2017, "surplus"] / table.loc[2017, "compensation"]',
        "every-year-answer": 'sv_every_year = table["surplus"] / table["compensation"]',
        "hours-answer": (
            'surplus_hours_2017 = 8 * table.loc[2017, "surplus"] / '
            '(table.loc[2017, "surplus"] + table.loc[2017, "compensation"])'
        ),
        "taxes-prediction": 'my_taxes_prediction = "a lot"',
        "taxes-answer": (
            'sv_2017_with_taxes = (table.loc[2017, "net_value_added"] - table.loc[2017, "compensation"]) '
            '/ table.loc[2017, "compensation"]'
        ),
        "unproductive-answer": (
            "my_share = 0.2\n"
            's, v = table.loc[2017, "surplus"], table.loc[2017, "compensation"]\n'
            "my_sv_2017 = (s + my_share * v) / ((1 - my_share) * v)"
        ),
        "reflect-workday": "At the warehouse the rate went up every quarter, the pay did not.",
        "reflect-risk": "True, they put up money; but the money grew because of our work.",
    },
    checks={
        "sv-check": Mistake(
            "sv-answer",
            'sv_2017 = table.loc[2017, "surplus"] / table.loc[2017, "net_value_added"]',
            "You divided by net value added",
        ),
        "every-year-check": None,
        "hours-check": None,
        "taxes-check": Mistake(
            "taxes-answer", 'sv_2017_with_taxes = table.loc[2017, "surplus"] / table.loc[2017, "compensation"]',
            "That is s/v without the taxes",
        ),
        "unproductive-check": Mistake(
            "unproductive-answer",
            'my_share = 0.2\ns, v = table.loc[2017, "surplus"], table.loc[2017, "compensation"]\n'
            "my_sv_2017 = (s + my_share * v) / v",
            "Divide by (1 - my_share) * v",
        ),
    },
    charts={"taxes-words": "You predicted: a lot", "unproductive-words": "Treating 20% of compensation"},
)

BOOTCAMP_04 = Unit(
    "bootcamp-04-learning-from-those-before-us",
    correct={
        "years-answer": 'years_ghana_to_namibia = when["namibia"] - when["ghana"]',
        "decade-answer": (
            "my_first_year = 1960\nmy_last_year = 1979\nmy_kind = SETBACK\n"
            'my_count = len(timeline[(timeline["year"] >= 1960) & (timeline["year"] <= 1979) '
            '& (timeline["kind"] == SETBACK)])'
        ),
        "reflect-method": "Our building is mostly elders on fixed incomes: a rent strike model from students won't fit.",
        "reflect-lessons": "Chile 1973: the coup came from outside pressure and from inside divisions both.",
        "reflect-strategy": "South Africa: a broad front with unions at its core; the armed struggle would not carry over.",
    },
    checks={
        "years-check": Mistake(
            "years-answer", 'years_ghana_to_namibia = when["ghana"] - when["namibia"]', "Your answer is below zero"
        ),
        "decade-check": Mistake(
            "decade-answer",
            "my_first_year = 1960\nmy_last_year = 1979\nmy_kind = SETBACK\n"
            'my_count = len(timeline[(timeline["year"] >= 1960) & (timeline["year"] <= 1979)])',
            "You counted every kind",
        ),
    },
    charts={"timeline-chart": "milestones chosen for this session"},
)

BOOTCAMP_05 = Unit(
    "bootcamp-05-strategy-and-the-political-instrument",
    correct={
        "labels-answer": (
            'my_labels = {"5": "orientation", "1": "leaning", "2": "tendency", "3": "campaign strategy", '
            '"4": "leaning"}'  # any order
        ),
        "template-answer": 'missing_parts = ["correlation of power", "chokepoints"]',  # any order
        "hypothesis-answer": (  # the worksheet's text, as the learner (or the form) leaves it
            "from exercises import worksheets\n\n"
            "hypothesis = worksheets.hypothesis(\n"
            '    bloc_core=["bus drivers", "the riders who depend on them"],\n'
            "    bloc_key=[],\n"
            '    basis_of_power="a fare strike joined by a work stoppage",\n'
            '    chokepoints=["the central depot every route starts from"],\n'
            '    opposing_forces=["the transit board", "its private contractors"],\n'
            '    correlation_shift="riders and drivers win a board they elect",\n'
            '    test="if the riders will not hold a fare strike for a week by spring",\n'
            ")\n"
            "hypothesis"
        ),
        "ecosystem-answer": (
            "my_ecosystem = {\n"
            '    "a northside tenant union": "base-building organisation",\n'
            '    "the drivers\' local": "union",\n'
            '    "a free fridge network": "mutual aid or service",\n'
            "}"
        ),
        "gaps-answer": (
            'my_gaps = ["advocacy or policy group", "electoral campaign or party", "media or culture", '
            '"coalition or alliance", "political education or study group", "cadre organisation"]'
        ),
        "reflect-hypothesis": "Our rent campaign: bloc = tenants of one landlord; we never named chokepoints.",
        "reflect-instrument": "Nobody warns early about mistakes; a cadre org would have to earn trust.",
    },
    checks={
        "labels-check": Mistake(
            "labels-answer",
            'my_labels = {"1": "leaning", "2": "tendency", "3": "orientation", "4": "leaning", "5": "orientation"}',
            "a campaign strategy",
        ),
        "template-check": None,
        "hypothesis-check": Mistake(
            "hypothesis-answer",
            'from exercises import worksheets\nhypothesis = worksheets.hypothesis(bloc_core=["tenants", "the landlords"], '
            'basis_of_power="a rent strike by tenants", chokepoints=["the five biggest rent rolls"], '
            'opposing_forces=["The landlords"], correlation_shift="tenants bargain over rents", '
            'test="if no building strikes by spring")',
            "'the landlords' is both in the bloc's core and among the opposing forces",
        ),
        "ecosystem-check": Mistake("gaps-answer", 'my_gaps = ["union"]', "Some kinds in your gaps are on your map"),
    },
    charts={"ecosystem-chart": "Your map: 3 organisations of 3 kinds",
            # the worksheet shows the hypothesis as one sentence, and what the facilitator reads
            "hypothesis-answer": "If a movement deeply connected to a bloc of bus drivers, the riders who depend on "
                                 "them exerts a fare strike joined by a work stoppage at the central depot"},
)

BOOTCAMP_06 = Unit(
    "bootcamp-06-culture-of-struggle",
    correct={
        "struggle-answer": "skipped_steps = [4, 1]",  # any order
        "liberalism-answer": 'liberal_ones = ["E", "A", "C"]',
        "wrong-tool-answer": 'right_tool = {"1": "struggle", "2": "other", "3": "other", "4": "struggle", "5": "other"}',
        "corners-answer": 'corners = {"A": "blame", "B": "letting each other down gently", "C": "support and accountability"}',
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
    checks={
        "struggle-check": Mistake("struggle-answer", "skipped_steps = [1, 2, 4]", "Jordan did weigh the urgency"),
        "liberalism-check": None,
        "wrong-tool-check": Mistake(
            "wrong-tool-answer",
            'right_tool = {"1": "struggle", "2": "struggle", "3": "other", "4": "struggle", "5": "other"}',
            "Situation 2 is a threat to someone's safety",
        ),
        "corners-check": Mistake(
            "corners-answer", 'corners = {"A": "support and accountability", "B": "drift", "C": "blame"}',
            "Circle A names the missed report but offers no help",
        ),
    },
    charts={"ratings-chart": "most room to grow in evaluating strategy (1 of 5)"},
)

LAUNDRY = "At the laundry co-op the fastest machine sets everyone's pace; we argued about it."

LRS_PE_01 = Unit(
    "lrs-pe-01-commodity-and-value",
    correct={
        "exercise-answer": "hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())",
        "value-answer": 'value_of_c_shirts = workshop_shirts["C"] * hours_per_shirt',
        "exchange-answer": "loaves_per_shirt = hours_per_shirt / hours_per_loaf",
        "machine-answer": "new_hours_per_shirt = (80 + 150 + 40) / (40 + 250 + 10)",
        "finding-answer": "share_below_one_hour = 60.0",
        "world-answer": 'output_per_hour = pwt["cgdpo"] / pwt["emp"] / pwt["avh"]',  # same sum, another way
        "compare-answer": (  # the learner's own choice of countries
            'my_first_country = "ZAF"\nmy_second_country = "IND"\nmy_guess = 1.5\n'
            'by_code = pwt.set_index("isocode")["output_per_hour"]\n'
            'my_ratio = by_code["ZAF"] / by_code["IND"]'
        ),
        "reflection-answer": LAUNDRY,
        "reflect-housing": LAUNDRY,
        "reflect-pace": LAUNDRY,
    },
    checks={
        "exercise-check": Mistake(
            "exercise-answer", "hours_per_shirt = (2 + 1.5 + 4) / 3",
            "You averaged the three workshops as if each made the same number of shirts",
        ),
        "value-check": Mistake(
            "value-answer", 'value_of_c_shirts = workshop_hours["C"]', "40 is the hours workshop C actually worked"
        ),
        "exchange-check": Mistake(
            "exchange-answer", "loaves_per_shirt = hours_per_loaf / hours_per_shirt", "You divided the other way round"
        ),
        "machine-check": Mistake(
            "machine-answer", "new_hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())",
            "That is the old time per shirt",
        ),
        "finding-check": Mistake("finding-answer", "share_below_one_hour = 70", "it already was one step earlier"),
        "world-check": Mistake(
            "world-answer", 'output_per_hour = pwt["cgdpo"] / pwt["emp"] * pwt["avh"]', "Put brackets around"
        ),
        "compare-check": Mistake(
            "compare-answer",
            # computed from the raw columns, so the world-check mistake above does not leak in
            'my_first_country = "ZAF"\nmy_second_country = "IND"\nmy_guess = 1.5\n'
            'by_code = (pwt["cgdpo"] / (pwt["emp"] * pwt["avh"])).set_axis(pwt["isocode"])\n'
            'my_ratio = by_code["IND"] / by_code["ZAF"]',
            "You divided the other way round",
        ),
    },
)

LRS_PE_02 = Unit(
    "lrs-pe-02-surplus-value-and-exploitation",
    correct={
        "surplus-answer": "surplus_hours = day_length - necessary_hours",
        "rate-answer": "rate_of_surplus_value = surplus_hours / necessary_hours",
        "absolute-answer": "longer_day_rate = (longer_day - necessary_hours) / necessary_hours",
        "relative-answer": "necessary_after = necessary_hours / 2",
        "finding-answer": "wage_that_undoes_it = 160.0",
        "own-answer": (  # the learner's own question about the surplus
            'my_part = "dividends"\nmy_first_year = 1969\nmy_second_year = 2000\nmy_prediction = "rise"\n'
            'shares = corp.set_index("year")["dividends"] / corp.set_index("year")["surplus"]\n'
            "my_first_share = shares[1969]\nmy_second_share = shares[2000]"
        ),
        "own-chart": (
            'corp["dividend_share"] = corp["dividends"] / corp["surplus"]\n'
            'charts.show(charts.time_series_chart(corp, "year", "dividend_share", '
            'title="Dividends took a bigger share of the surplus in 2000 than in 1969", percent_axis=True))'
        ),
        "reflect-working-day": LAUNDRY,
        "reflect-conversation": LAUNDRY,
    },
    checks={
        "surplus-check": Mistake("surplus-answer", "surplus_hours = day_length + necessary_hours", "You added the hours"),
        "rate-check": Mistake("rate-answer", "rate_of_surplus_value = 6 / 10", "You divided by the whole day"),
        "absolute-check": Mistake(
            "absolute-answer", "longer_day_rate = (longer_day - necessary_hours) / longer_day",
            "You divided by the whole shift",
        ),
        "relative-check": Mistake("relative-answer", "necessary_after = necessary_hours * 2", "You multiplied"),
        "finding-check": Mistake("finding-answer", "wage_that_undoes_it = 80", "80 dollars is the wage before"),
        "own-check": Mistake(
            "own-answer",
            'my_part = "dividends"\nmy_first_year = 1969\nmy_second_year = 2000\nmy_prediction = "rise"\n'
            'shares = corp.set_index("year")["surplus"] / corp.set_index("year")["dividends"]\n'
            "my_first_share = shares[1969]\nmy_second_share = shares[2000]",
            "upside down",
        ),
    },
    charts={"own-chart": "Dividends took a bigger share of the surplus in 2000 than in 1969"},
)

WAREHOUSE = "At the warehouse the new sorters came with a speed-up; people were afraid to complain."

LRS_PE_03 = Unit(
    "lrs-pe-03-profit-rate-and-crisis",
    correct={
        "composition-answer": "composition_new = c_new / v_new",
        "profit-rate-answer": "rate_of_profit_new = s_new / (c_new + v_new)",
        # the same run, written with the arguments in another order
        "productivity-answer": 'my_prediction = "below"\nwith_productivity = simulate_profit_rate(400, 100, 100, '
                               "productivity_growth=0.03, composition_growth=0.05, periods=20)",
        "finding-answer": "okishio_threshold = 4.5",
        "profit-column-answer": 'corp["rate_of_profit"] = corp["surplus"] / corp["capital_stock"]',
        "comparison-answer": (  # the learner's own periods and sector
            "my_first_period = (1970, 1982)\nmy_second_period = (2008, 2017)\n"
            'my_sector = "corporate"\nmy_prediction_higher = "second"\n'
            "from exercises.measures import us_corporate_rates\nr = us_corporate_rates()\n"
            'my_first_average = r[r["year"].between(1970, 1982)]["rate_of_profit"].mean()\n'
            'my_second_average = r[r["year"].between(2008, 2017)]["rate_of_profit"].mean()'
        ),
        "reflect-workplace": WAREHOUSE,
        "reflect-debate": WAREHOUSE,
    },
    checks={
        "composition-check": Mistake(
            "composition-answer", "composition_new = v_new / c_new", "You divided the wages by the means of production"
        ),
        "profit-rate-check": Mistake(
            "profit-rate-answer", "rate_of_profit_new = s_new / v_new", "That is the rate of surplus value s/v"
        ),
        "productivity-check": Mistake(
            "productivity-answer",
            'my_prediction = "above"\nwith_productivity = simulate_profit_rate(c=400, v=100, s=100, periods=20, '
            "composition_growth=0.05, real_wage_growth=0.03)",
            "Output per hour does not grow yet",
        ),
        "finding-check": Mistake("finding-answer", "okishio_threshold = 4", "still raises the cost of each unit"),
        "profit-column-check": Mistake(
            "profit-column-answer", 'corp["rate_of_profit"] = corp["capital_stock"] / corp["surplus"]',
            "you probably divided the capital stock by the surplus",
        ),
        "comparison-check": Mistake(
            "comparison-answer",
            "my_first_period = (1970, 1982)\nmy_second_period = (2008, 2017)\n"
            'my_sector = "corporate"\nmy_prediction_higher = "second"\n'
            "from exercises.measures import us_corporate_rates\nr = us_corporate_rates()\n"
            'my_first_average = r[r["year"].between(1970, 1982)]["rate_of_profit"].sum()\n'
            'my_second_average = r[r["year"].between(2008, 2017)]["rate_of_profit"].mean()',
            "use .mean(), not .sum()",
        ),
    },
)

LRS_PE_04 = Unit(
    "lrs-pe-04-reproduction-and-accumulation",
    correct={
        "needed-answer": "II_c_needed = bigger_I.v + bigger_I.s",
        "gap-answer": "expanded_gap = expanded.I.v + expanded.I.s - expanded.II.c",
        "growth-answer": "growth_1_to_2 = run.schemes[2].total_value / run.schemes[1].total_value - 1",
        "finding-answer": "breaking_share = 65",
        "own-answer": (  # the learner's own country and decades
            'my_country = "BRA"\nmy_first_decade = 1960\nmy_second_decade = 1990\nmy_prediction = "first"\n'
            'bra = penn_world_table("BRA", columns=["rnna"])\ngrowth = bra["rnna"].pct_change()\n'
            'my_first_growth = growth[bra["year"].between(1960, 1969)].mean()\n'
            'my_second_growth = growth[bra["year"].between(1990, 1999)].mean()'
        ),
        "own-chart": (
            'bra["growth"] = growth\n'
            'charts.show(charts.time_series_chart(bra, "year", "growth", '
            'title="Brazil accumulated faster in the 1960s than in the 1990s", percent_axis=True))'
        ),
        "reflect-chokepoints": WAREHOUSE,
        "reflect-accumulation": WAREHOUSE,
    },
    checks={
        "needed-check": Mistake("needed-answer", "II_c_needed = bigger_I.c", "That is Department I's own constant capital"),
        "gap-check": Mistake(
            "gap-answer", "expanded_gap = expanded.II.c - expanded.I.v - expanded.I.s", "Your answer is below zero"
        ),
        "growth-check": Mistake(
            "growth-answer", "growth_1_to_2 = run.schemes[2].total_value / run.schemes[1].total_value",
            "Subtract 1 at the end",
        ),
        "finding-check": Mistake("finding-answer", "breaking_share = 60", "still runs for 5 periods"),
        "own-check": Mistake(
            "own-answer",
            'my_country = "BRA"\nmy_first_decade = 1960\nmy_second_decade = 1990\nmy_prediction = "first"\n'
            'bra = penn_world_table("BRA", columns=["rnna"])\ngrowth = 100 * bra["rnna"].pct_change()\n'
            'my_first_growth = growth[bra["year"].between(1960, 1969)].mean()\n'
            'my_second_growth = growth[bra["year"].between(1990, 1999)].mean()',
            "looks like a percentage",
        ),
    },
    charts={"own-chart": "Brazil accumulated faster in the 1960s than in the 1990s"},
)

UNITS = [
    BOOTCAMP_01, BOOTCAMP_02, BOOTCAMP_03, BOOTCAMP_04, BOOTCAMP_05, BOOTCAMP_06,
    LRS_PE_01, LRS_PE_02, LRS_PE_03, LRS_PE_04,
]
