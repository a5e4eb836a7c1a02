"""The models pinned to textbook cases, invariants and learner-facing error messages."""

from __future__ import annotations

import math

import pytest

from exercises import ExercisesError, InvalidInput
from exercises.models import (
    MARX_EXPANDED_EXAMPLE,
    MARX_FIVE_SECTORS,
    MARX_SIMPLE_EXAMPLE,
    Producer,
    ReproductionScheme,
    ValueComposition,
    WorkingDay,
    absolute_surplus_value,
    organic_composition,
    rate_of_profit,
    rate_of_surplus_value,
    relative_surplus_value,
    simulate_expanded_reproduction,
    simulate_profit_rate,
    socially_necessary_labour_time,
    total_value,
    transform_values,
)

# --- value composition -------------------------------------------------------


def test_textbook_case_410_90_90():
    capital = ValueComposition(c=410, v=90, s=90)
    assert capital.rate_of_surplus_value == pytest.approx(1.0)  # 100 %
    assert capital.rate_of_profit == pytest.approx(0.18)  # 18 %
    assert capital.organic_composition == pytest.approx(410 / 90)
    assert capital.total_value == 590
    assert capital.capital_advanced == 500
    assert capital.new_value == 180
    assert "100%" in capital.summary() and "18%" in capital.summary()


def test_functions_agree_with_the_dataclass():
    assert rate_of_surplus_value(s=90, v=90) == pytest.approx(1.0)
    assert rate_of_profit(c=410, v=90, s=90) == pytest.approx(0.18)
    assert organic_composition(c=410, v=90) == pytest.approx(410 / 90)
    assert total_value(c=410, v=90, s=90) == 590


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: ValueComposition(c=-5, v=90, s=90),
         "c (constant capital) must be zero or more; you gave -5."),
        (lambda: ValueComposition(c=410, v=0, s=90),
         "v (variable capital) must be more than zero; you gave 0."),
        (lambda: ValueComposition(c=410, v=-1.5, s=90),
         "v (variable capital) must be more than zero; you gave -1.5."),
        (lambda: ValueComposition(c=410, v=90, s=-10),
         "s (surplus value) must be zero or more; you gave -10."),
        (lambda: rate_of_surplus_value(s=90, v=0),
         "v (variable capital) must be more than zero; you gave 0."),
        (lambda: rate_of_profit(c="ten", v=90, s=90),
         "c (constant capital) must be a number, zero or more; you gave 'ten' (a piece of text)."),
        (lambda: ValueComposition(c=float("nan"), v=90, s=90),
         "c (constant capital) must be an ordinary number, zero or more; you gave nan (not a number)."),
        (lambda: ValueComposition(c=True, v=90, s=90),
         "c (constant capital) must be a number, zero or more; you gave True."),
    ],
)
def test_value_errors_name_argument_value_and_range(call, expected):
    with pytest.raises(InvalidInput) as info:
        call()
    message = str(info.value)
    assert message.startswith(expected)
    assert "Hint:" in message
    # Learners' code that catches ValueError keeps working, and so does catching our base.
    assert isinstance(info.value, ValueError) and isinstance(info.value, ExercisesError)


def test_zero_constant_capital_is_allowed():
    assert ValueComposition(c=0, v=50, s=50).rate_of_profit == pytest.approx(1.0)


# --- working day --------------------------------------------------------------


def test_working_day_necessary_and_surplus():
    day = WorkingDay(length=10, necessary=5)
    assert day.surplus == 5
    assert day.rate_of_surplus_value == pytest.approx(1.0)
    assert day.necessary_share == pytest.approx(0.5)
    assert day.surplus_share == pytest.approx(0.5)


def test_working_day_from_wage_and_productivity():
    day = WorkingDay.from_wage(length=10, wage=100, value_per_hour=20)
    assert day.necessary == pytest.approx(5)
    cheaper = WorkingDay.from_wage(length=10, wage=100, value_per_hour=20, productivity=2)
    assert cheaper.necessary == pytest.approx(2.5)
    assert cheaper.rate_of_surplus_value == pytest.approx(3.0)


def test_absolute_and_relative_surplus_value():
    day = WorkingDay(length=10, necessary=5)
    longer = absolute_surplus_value(day, extra_hours=2)
    assert longer.after.necessary == 5 and longer.after.length == 12
    assert longer.extra_surplus_hours == pytest.approx(2)
    assert longer.after.rate_of_surplus_value == pytest.approx(1.4)
    assert "absolute surplus value" in longer.summary()
    faster = relative_surplus_value(day, productivity_factor=2)
    assert faster.after.length == 10
    assert faster.extra_surplus_hours == pytest.approx(2.5)
    assert "relative surplus value" in faster.summary()
    # A strike for a shorter day: negative extra hours.
    assert day.lengthen(-2).surplus == pytest.approx(3)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: WorkingDay(length=30, necessary=5),
         "length (hours in the working day) must be more than zero and at most 24; you gave 30."),
        (lambda: WorkingDay(length=0, necessary=5),
         "length (hours in the working day) must be more than zero and at most 24; you gave 0."),
        (lambda: WorkingDay(length=8, necessary=10),
         "necessary (necessary labour time in hours) must be at most the length of the working "
         "day (8 hours); you gave 10."),
        (lambda: WorkingDay.from_wage(length=10, wage=0, value_per_hour=20),
         "wage (daily wage in dollars) must be more than zero; you gave 0."),
        (lambda: WorkingDay(length=10, necessary=5).raise_productivity(0),
         "factor (how many times productivity is multiplied) must be more than zero; you gave 0."),
    ],
)
def test_working_day_errors(call, expected):
    with pytest.raises(InvalidInput, match="Hint:") as info:
        call()
    assert str(info.value).startswith(expected)


# --- socially necessary labour time ------------------------------------------


def test_snlt_is_output_weighted_average():
    result = socially_necessary_labour_time({"workshop A": (2, 100), "factory B": (1, 300)})
    assert result.hours_per_unit == pytest.approx(1.25)
    a, b = result.producers
    assert a.value_created == pytest.approx(125) and a.gain == pytest.approx(-75)
    assert b.value_created == pytest.approx(375) and b.gain == pytest.approx(75)
    # Value is only redistributed: total value created = total hours worked.
    assert sum(p.value_created for p in result.producers) == pytest.approx(result.total_hours)
    assert "1.25 hours per unit" in result.summary()


def test_snlt_accepts_producers_and_tuples():
    r1 = socially_necessary_labour_time([Producer("a", 4, 10), ("b", 1, 30)])
    assert r1.hours_per_unit == pytest.approx(70 / 40)


def test_snlt_errors():
    with pytest.raises(InvalidInput, match="at least one producer; you gave none"):
        socially_necessary_labour_time([])
    with pytest.raises(InvalidInput, match=r"^hours_per_unit \(hours a needs for one unit\) must be "
                                           r"more than zero; you gave 0\."):
        socially_necessary_labour_time({"a": (0, 10)})
    with pytest.raises(InvalidInput, match=r"must be a pair \(hours_per_unit, units\)"):
        socially_necessary_labour_time({"a": 3})


# --- tendency of the rate of profit to fall -----------------------------------


def test_profit_rate_falls_with_rising_composition():
    sim = simulate_profit_rate(c=400, v=100, s=100, periods=10, composition_growth=0.05)
    rates = sim.rates_of_profit()
    assert len(rates) == 11
    assert rates[0] == pytest.approx(0.2)
    assert rates[-1] == pytest.approx(100 / (400 * 1.05**10 + 100))
    assert all(b < a for a, b in zip(rates, rates[1:]))
    compositions = [p.organic_composition for p in sim.periods]
    assert all(b > a for a, b in zip(compositions, compositions[1:]))
    assert "fell" in sim.summary()


def test_new_value_is_constant_and_ceiling_bounds_the_rate():
    sim = simulate_profit_rate(periods=40, composition_growth=0.04, productivity_growth=0.03)
    for p in sim.periods:
        assert p.v + p.s == pytest.approx(200)
        assert p.rate_of_profit < p.maximum_rate_of_profit
    rows = sim.to_rows()
    # With the real wage constant, v falls as the wage goods cheapen: relative surplus value.
    assert rows[-1]["v"] == pytest.approx(100 / 1.03**40)
    assert rows[-1]["technical_composition"] == pytest.approx(1.04**40)


def test_one_rise_in_productivity_cheapens_c_and_raises_s_over_v():
    plain = simulate_profit_rate(periods=20, composition_growth=0.05)
    productive = simulate_profit_rate(periods=20, composition_growth=0.05, productivity_growth=0.02)
    # The same mass of means of production per worker ...
    assert productive.periods[-1].technical_composition == plain.periods[-1].technical_composition
    # ... is worth less, and the rate of surplus value rises, from the one parameter.
    assert productive.periods[-1].c == pytest.approx(400 * (1.05 / 1.02) ** 20)
    assert productive.periods[-1].rate_of_surplus_value > plain.periods[-1].rate_of_surplus_value
    assert productive.rates_of_profit()[-1] > plain.rates_of_profit()[-1]
    # Productivity keeping pace with mechanisation, and the real wage with productivity:
    # nothing changes in value.
    flat = simulate_profit_rate(periods=20, composition_growth=0.05, productivity_growth=0.05,
                                real_wage_growth=0.05)
    assert flat.periods[-1].c == pytest.approx(400)
    assert flat.rates_of_profit()[-1] == pytest.approx(0.2)


def test_okishio_cost_reducing_steps_never_lower_the_rate_at_a_constant_real_wage():
    for g, q in [(0.05, 0.045), (0.05, 0.03), (0.02, 0.02), (0.08, 0.06), (0.0, 0.01)]:
        sim = simulate_profit_rate(periods=60, composition_growth=g, productivity_growth=q)
        rates = sim.rates_of_profit()
        for t, ok in enumerate(sim.cost_reducing()):
            if ok:
                assert rates[t + 1] > rates[t], (g, q, t)
    # 5% more means of production per worker for 3% more output per hour raises unit costs
    # at 400c + 100v at once: (400 * 1.05 + 100) / 1.03 > 500.
    costly = simulate_profit_rate(periods=5, composition_growth=0.05, productivity_growth=0.03)
    assert costly.first_costlier_step() == 0
    assert "would not adopt it" in costly.summary()
    cheap = simulate_profit_rate(periods=5, composition_growth=0.05, productivity_growth=0.045)
    assert cheap.first_costlier_step() is None and "in every period" in cheap.summary()
    # A rising real wage can make the rate fall even with cost-reducing techniques (profit squeeze).
    squeeze = simulate_profit_rate(periods=30, composition_growth=0.05, productivity_growth=0.045,
                                   real_wage_growth=0.045)
    assert squeeze.first_costlier_step() is None and squeeze.rates_of_profit()[-1] < 0.2


def test_profit_rate_errors():
    with pytest.raises(InvalidInput, match=r"^periods \(number of periods to simulate\) must be a "
                                           r"whole number, between 1 and 500; you gave 2\.5\."):
        simulate_profit_rate(periods=2.5)
    with pytest.raises(InvalidInput, match=r"^productivity_growth .* must be between zero and 1; "
                                           r"you gave -0\.1\."):
        simulate_profit_rate(productivity_growth=-0.1)
    with pytest.raises(InvalidInput, match=r"0\.05 means 5% per period"):
        simulate_profit_rate(composition_growth=5)


# --- reproduction schemes -----------------------------------------------------


def test_marx_simple_reproduction_balances():
    scheme = MARX_SIMPLE_EXAMPLE
    assert (scheme.I.c, scheme.I.v, scheme.I.s) == (4000, 1000, 1000)
    assert (scheme.II.c, scheme.II.v, scheme.II.s) == (2000, 500, 500)
    # I(v + s) = IIc
    assert scheme.I.v + scheme.I.s == scheme.II.c
    assert scheme.simple_reproduction_gap == 0
    assert scheme.balances_simple_reproduction
    assert "balances" in scheme.summary()
    # Means of production made = means of production used up in both departments;
    # consumer goods made = wages plus capitalists' consumption in both.
    assert scheme.I.total_value == scheme.I.c + scheme.II.c
    assert scheme.II.total_value == scheme.I.v + scheme.I.s + scheme.II.v + scheme.II.s


def test_simple_reproduction_is_stationary():
    run = simulate_expanded_reproduction(MARX_SIMPLE_EXAMPLE, periods=4, accumulation_rate=0)
    assert all(s == MARX_SIMPLE_EXAMPLE for s in run.schemes)
    assert run.growth_rates() == pytest.approx([0, 0, 0, 0])


def test_unbalanced_simple_scheme_is_reported():
    scheme = ReproductionScheme(I=(4000, 1000, 1000), II=(1500, 750, 750))
    assert not scheme.balances_simple_reproduction
    assert scheme.simple_reproduction_gap == 500
    assert "left over" in scheme.summary()
    short = ReproductionScheme(I=(4000, 500, 500), II=(2000, 500, 500))
    assert short.simple_reproduction_gap == -1000
    assert "cannot replace 1000" in short.summary()


def test_marx_expanded_reproduction_period_by_period():
    run = simulate_expanded_reproduction(MARX_EXPANDED_EXAMPLE, periods=3, accumulation_rate=0.5)
    first = run.steps[0]
    assert (first.added_c_I, first.added_v_I, first.consumed_I) == (400, 100, 500)
    assert (first.added_c_II, first.added_v_II, first.consumed_II) == (100, 50, 600)
    year2 = run.schemes[1]
    assert (year2.I.c, year2.I.v, year2.I.s) == (4400, 1100, 1100)
    assert (year2.II.c, year2.II.v, year2.II.s) == (1600, 800, 800)
    year3 = run.schemes[2]
    assert (year3.I.c, year3.I.v, year3.I.s) == pytest.approx((4840, 1210, 1210))
    assert (year3.II.c, year3.II.v, year3.II.s) == pytest.approx((1760, 880, 880))
    assert [s.total_value for s in run.schemes][:3] == pytest.approx([9000, 9800, 10780])
    assert run.growth_rates()[1:] == pytest.approx([0.1, 0.1])


def test_expanded_reproduction_balance_holds_every_period():
    run = simulate_expanded_reproduction(MARX_EXPANDED_EXAMPLE, periods=6, accumulation_rate=0.5)
    for scheme, step in zip(run.schemes, run.steps):
        # Means of production made = used up + newly invested, in both departments.
        used_and_added = scheme.I.c + step.added_c_I + scheme.II.c + step.added_c_II
        assert scheme.I.total_value == pytest.approx(used_and_added)
        # Consumer goods made = bought by old and new workers and by capitalists.
        demand = (scheme.I.v + step.added_v_I + step.consumed_I
                  + scheme.II.v + step.added_v_II + step.consumed_II)
        assert scheme.II.total_value == pytest.approx(demand)
    rows = run.to_rows()
    assert len(rows) == 7 and rows[-1]["accumulated_I"] is None
    assert rows[1]["total"] == pytest.approx(9800)


def test_reproduction_errors():
    with pytest.raises(InvalidInput, match="Department I does not make enough means of production"):
        simulate_expanded_reproduction(MARX_SIMPLE_EXAMPLE, accumulation_rate=0.5)
    with pytest.raises(InvalidInput, match=r"Department II would have to invest 750 .* surplus "
                                           r"value is only 250"):
        simulate_expanded_reproduction(
            ReproductionScheme(I=(4000, 1000, 1000), II=(1000, 250, 250)), accumulation_rate=0.5)
    with pytest.raises(InvalidInput, match=r"^In Department I: v \(variable capital\) must be more "
                                           r"than zero; you gave 0\."):
        ReproductionScheme(I=(4000, 0, 1000), II=(1500, 750, 750))
    with pytest.raises(InvalidInput, match=r"^II \(Department II\) must be three numbers c, v, s"):
        ReproductionScheme(I=(4000, 1000, 1000), II=(1500, 750))
    with pytest.raises(InvalidInput, match=r"^accumulation_rate .* must be between zero and 1; "
                                           r"you gave 1\.5\."):
        simulate_expanded_reproduction(MARX_EXPANDED_EXAMPLE, accumulation_rate=1.5)


# --- transformation -----------------------------------------------------------


def test_transformation_marx_five_sectors():
    result = transform_values(MARX_FIVE_SECTORS)
    assert result.average_rate_of_profit == pytest.approx(0.22)
    assert [p.price_of_production for p in result.sectors] == pytest.approx([122] * 5)
    assert [p.value for p in result.sectors] == pytest.approx([120, 130, 140, 115, 105])
    # The invariants of the textbook case.
    assert result.total_value == pytest.approx(result.total_price) == pytest.approx(610)
    assert result.total_surplus_value == pytest.approx(result.total_profit) == pytest.approx(110)
    assert sum(p.deviation for p in result.sectors) == pytest.approx(0)
    # High organic composition sells above value, low below.
    by_name = {p.name: p for p in result.sectors}
    assert by_name["V"].deviation > 0 and by_name["III"].deviation < 0
    assert "22.0%" in result.summary()


@pytest.mark.parametrize(
    "sectors",
    [
        {"a": (10, 90, 45), "b": (300, 100, 120), "c": (55, 5, 1), "d": (0, 10, 30)},
        [("x", 1.5, 2.5, 0.1), ("y", 1000, 1, 3)],
    ],
)
def test_transformation_invariants_hold_for_any_sectors(sectors):
    result = transform_values(sectors)
    assert result.total_value == pytest.approx(result.total_price)
    assert result.total_surplus_value == pytest.approx(result.total_profit)
    rates = {round(p.profit / p.cost_price, 12) for p in result.sectors}
    assert len(rates) == 1  # one equalised rate of profit
    assert len(result.to_rows()) == len(result.sectors)


def test_transformation_errors():
    with pytest.raises(InvalidInput, match="at least two sectors; you gave 1"):
        transform_values([("a", 1, 1, 1)])
    with pytest.raises(InvalidInput, match=r"^In sector 'b': c \(constant capital\) must be zero"):
        transform_values([("a", 1, 1, 1), ("b", -1, 1, 1)])
    with pytest.raises(InvalidInput, match=r"must be a Sector or \(name, c, v, s\)"):
        transform_values([("a", 1, 1, 1), (1, 2)])


def test_results_are_immutable():
    capital = ValueComposition(410, 90, 90)
    with pytest.raises(AttributeError):
        capital.c = 1  # type: ignore[misc]
    assert math.isclose(capital.c, 410)
