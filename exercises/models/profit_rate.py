"""The tendency of the rate of profit to fall, and the tendencies that counteract it.

In plain words: competition pushes each capitalist to mechanise, so over time
more means of production (constant capital, ``c``) are set in motion by the same
workers. Only living labour creates new value, so if the workforce and the
working day stay the same, the new value per period (``v + s``) stays the same
while ``c`` grows: the organic composition ``c/v`` rises and the rate of profit
``s / (c + v)`` tends to fall.

Marx names counteracting tendencies. Two are parameters here:

- a rising rate of surplus value ``s/v`` (more intense exploitation, cheaper wage
  goods): the same new value is split more in favour of ``s``;
- the cheapening of the elements of constant capital: machines and materials
  get cheaper, so the same mass of means of production is worth less.

How the model works, period by period (``t = 0, 1, 2, ...``):

- new value created each period stays ``v + s`` of period 0 (same workers, same day);
- the rate of surplus value is ``e_t = e_0 * (1 + surplus_rate_growth) ** t``,
  so ``v_t = (v + s) / (1 + e_t)`` and ``s_t = (v + s) - v_t``;
- constant capital is ``c_t = c_0 * ((1 + composition_growth) * (1 - constant_capital_cheapening)) ** t``;
- the rate of profit is ``s_t / (c_t + v_t)``. It can never exceed ``(v + s) / c_t``
  (the rate of profit if wages were zero), which falls as ``c_t`` grows: this is
  why a rising rate of surplus value can slow the fall but not stop it forever.

Worked example: start with ``c = 400, v = 100, s = 100`` (profit rate 20 %).
With 5 % more means of production per period and nothing counteracting, after
10 periods ``c`` is about 652 and the rate of profit has fallen to about 13 %.

>>> sim = simulate_profit_rate(c=400, v=100, s=100, periods=10, composition_growth=0.05)
>>> round(sim.periods[0].rate_of_profit, 3), round(sim.periods[-1].rate_of_profit, 3)
(0.2, 0.133)
"""

from __future__ import annotations

from dataclasses import dataclass

from .._checks import check_number, check_whole_number
from .._format import amount, percent
from .value import ValueComposition

__all__ = ["ProfitRatePeriod", "ProfitRateSimulation", "simulate_profit_rate"]


@dataclass(frozen=True)
class ProfitRatePeriod:
    """The capital in one period of the simulation (``period`` 0 is the start)."""

    period: int
    c: float
    v: float
    s: float

    @property
    def organic_composition(self) -> float:
        """``c / v``."""
        return self.c / self.v

    @property
    def rate_of_surplus_value(self) -> float:
        """``s / v`` as a fraction."""
        return self.s / self.v

    @property
    def rate_of_profit(self) -> float:
        """``s / (c + v)`` as a fraction."""
        return self.s / (self.c + self.v)

    @property
    def maximum_rate_of_profit(self) -> float:
        """``(v + s) / c``: the rate of profit if wages were zero (infinite if ``c`` is 0)."""
        return (self.v + self.s) / self.c if self.c else float("inf")

    def as_dict(self) -> dict[str, float]:
        """One row of numbers (handy for ``pandas.DataFrame(sim.to_rows())``)."""
        return {
            "period": self.period,
            "c": self.c,
            "v": self.v,
            "s": self.s,
            "organic_composition": self.organic_composition,
            "rate_of_surplus_value": self.rate_of_surplus_value,
            "rate_of_profit": self.rate_of_profit,
            "maximum_rate_of_profit": self.maximum_rate_of_profit,
        }


@dataclass(frozen=True)
class ProfitRateSimulation:
    """Result of :func:`simulate_profit_rate`: the parameters and one row per period."""

    start: ValueComposition
    composition_growth: float
    surplus_rate_growth: float
    constant_capital_cheapening: float
    periods: tuple[ProfitRatePeriod, ...]

    def rates_of_profit(self) -> list[float]:
        """The rate of profit in each period, as fractions."""
        return [p.rate_of_profit for p in self.periods]

    def to_rows(self) -> list[dict[str, float]]:
        """All periods as a list of dicts (one per period)."""
        return [p.as_dict() for p in self.periods]

    def summary(self) -> str:
        """What happened, in plain words."""
        first, last = self.periods[0], self.periods[-1]
        moved = ("fell" if last.rate_of_profit < first.rate_of_profit - 1e-12 else
                 "rose" if last.rate_of_profit > first.rate_of_profit + 1e-12 else "stayed")
        return (
            f"Over {last.period} periods the organic composition c/v went from "
            f"{first.organic_composition:.2f} to {last.organic_composition:.2f} and the rate of "
            f"surplus value s/v from {percent(first.rate_of_surplus_value)} to "
            f"{percent(last.rate_of_surplus_value)}. The rate of profit {moved} "
            f"{'at' if moved == 'stayed' else 'from ' + percent(first.rate_of_profit, 1) + ' to'} "
            f"{percent(last.rate_of_profit, 1)}. Its ceiling, the rate of profit if wages were "
            f"zero, is now {percent(last.maximum_rate_of_profit, 1)}."
        )


def simulate_profit_rate(
    c: float = 400,
    v: float = 100,
    s: float = 100,
    *,
    periods: int = 30,
    composition_growth: float = 0.05,
    surplus_rate_growth: float = 0.0,
    constant_capital_cheapening: float = 0.0,
) -> ProfitRateSimulation:
    """Simulate the rate of profit over ``periods`` periods of rising organic composition.

    Arguments (rates are fractions per period: ``0.05`` means 5 % per period):

    - ``c``, ``v``, ``s``: the capital at the start (period 0);
    - ``periods``: how many periods to run after the start (1 to 500);
    - ``composition_growth``: growth of means of production per worker (-0.5 to 1);
    - ``surplus_rate_growth``: growth of the rate of surplus value s/v (-0.5 to 1),
      a counteracting tendency;
    - ``constant_capital_cheapening``: fall in the value of means of production
      (0 up to but not including 1), a counteracting tendency.

    Returns a :class:`ProfitRateSimulation` with ``periods + 1`` rows.

    Worked example: when the means of production get cheaper exactly as fast
    as their mass grows (5 % more, about 4.76 % cheaper), ``c`` stays the same
    in value and so does the rate of profit.

    >>> sim = simulate_profit_rate(periods=5, composition_growth=0.05,
    ...                            constant_capital_cheapening=1 - 1 / 1.05)
    >>> round(sim.periods[-1].rate_of_profit, 6)
    0.2
    """
    start = ValueComposition(c=c, v=v, s=s)
    n = check_whole_number("periods", periods, "number of periods to simulate",
                           minimum=1, maximum=500, hint="try 30.")
    g = check_number("composition_growth", composition_growth,
                     "growth of means of production per worker, per period",
                     minimum=-0.5, maximum=1,
                     hint="write rates as fractions: 0.05 means 5% per period.")
    h = check_number("surplus_rate_growth", surplus_rate_growth,
                     "growth of the rate of surplus value, per period",
                     minimum=-0.5, maximum=1,
                     hint="write rates as fractions: 0.02 means 2% per period.")
    k = check_number("constant_capital_cheapening", constant_capital_cheapening,
                     "fall in the value of means of production, per period",
                     minimum=0, maximum=1, max_inclusive=False,
                     hint="write rates as fractions: 0.01 means 1% cheaper each period.")
    new_value = start.v + start.s
    e0 = start.rate_of_surplus_value
    rows = []
    for t in range(n + 1):
        e = e0 * (1 + h) ** t
        v_t = new_value / (1 + e)
        c_t = start.c * ((1 + g) * (1 - k)) ** t
        rows.append(ProfitRatePeriod(period=t, c=c_t, v=v_t, s=new_value - v_t))
    return ProfitRateSimulation(
        start=start,
        composition_growth=g,
        surplus_rate_growth=h,
        constant_capital_cheapening=k,
        periods=tuple(rows),
    )
