"""The tendency of the rate of profit to fall, and why the same rise in productivity also works against it.

In plain words: competition pushes each capitalist to mechanise, so over time
each worker sets more means of production in motion: the *technical*
composition of capital (a mass of machines and materials per worker) rises.
Mechanisation is done to raise the productivity of labour, and that same rise
in productivity has two more effects (Marx's counteracting tendencies, in
*Capital* Volume 3, Part III):

- the means of production themselves take less labour to make, so each machine
  or tonne of material is worth less (cheapening of the elements of constant
  capital);
- the goods workers buy take less labour to make, so the same real wage is worth
  fewer hours: the value of labour power falls and the rate of surplus value rises
  (relative surplus value), unless workers win a rising real wage.

Whether the *value* composition ``c/v`` and the rate of profit ``s / (c + v)``
rise or fall depends on how these effects weigh against one another. Here all
three come from the parameters of one change in technique, not from separate
dials.

How the model works, period by period (``t = 0, 1, 2, ...``), with the same
workers and the same working day, so that the new value ``v + s`` they add stays
that of period 0 (``g`` = ``composition_growth``, ``q`` = ``productivity_growth``,
``w`` = ``real_wage_growth``):

- means of production per worker grow by ``g``, each unit worth ``1 / (1 + q)`` of
  the period before: ``c_t = c_0 * ((1 + g) / (1 + q)) ** t``;
- the real wage grows by ``w``, its goods worth ``1 / (1 + q)`` of the period before:
  ``v_t = v_0 * ((1 + w) / (1 + q)) ** t``, and ``s_t = (v_0 + s_0) - v_t``;
- the rate of profit is ``s_t / (c_t + v_t)``. It can never exceed ``(v + s) / c_t``
  (the rate if wages were zero), which falls whenever ``g > q``.

``c`` here is a *flow*: the means of production used up in a period, as in
Marx's examples where all constant capital turns over once a period. Fixed
capital that lasts many years is not modelled; the notebook explains why that
matters when the data divide by a stock.

Okishio's test: a capitalist adopts a new technique only if it lowers the cost
of a unit of output at the prices of the day. For one period's step that is
``c_t * (1 + g) + v_t < (1 + q) * (c_t + v_t)`` (materials per unit rise by
``(1 + g) / (1 + q)``, labour per unit falls by ``1 / (1 + q)``, money wage as
before). Nobuo Okishio's theorem (1961) says that with the real wage constant,
a technique that passes this test cannot lower the rate of profit; in this
model that holds exactly, and :meth:`ProfitRateSimulation.cost_reducing` tells
each step's result.

Worked example: start with ``c = 400, v = 100, s = 100`` (profit rate 20 %).
With 5 % more means of production per worker each period and no rise in
productivity, after 10 periods ``c`` is about 652 and the rate of profit has
fallen to about 13 %.

>>> sim = simulate_profit_rate(c=400, v=100, s=100, periods=10, composition_growth=0.05)
>>> round(sim.periods[0].rate_of_profit, 3), round(sim.periods[-1].rate_of_profit, 3)
(0.2, 0.133)
"""

from __future__ import annotations

from dataclasses import dataclass

from .._checks import check_number, check_whole_number
from .._format import percent
from .value import ValueComposition

__all__ = ["ProfitRatePeriod", "ProfitRateSimulation", "simulate_profit_rate"]


@dataclass(frozen=True)
class ProfitRatePeriod:
    """The capital in one period of the simulation (``period`` 0 is the start).

    ``technical_composition`` is an index of the mass of means of production per
    worker (1 in period 0): a physical quantity, not a value.
    """

    period: int
    c: float
    v: float
    s: float
    technical_composition: float = 1.0

    @property
    def organic_composition(self) -> float:
        """``c / v``: the value composition (Marx's organic composition when it moves
        with the technical composition)."""
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
            "technical_composition": self.technical_composition,
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
    productivity_growth: float
    real_wage_growth: float
    periods: tuple[ProfitRatePeriod, ...]

    def rates_of_profit(self) -> list[float]:
        """The rate of profit in each period, as fractions."""
        return [p.rate_of_profit for p in self.periods]

    def to_rows(self) -> list[dict[str, float]]:
        """All periods as a list of dicts (one per period)."""
        return [p.as_dict() for p in self.periods]

    def cost_reducing(self) -> list[bool]:
        """For each step from period t to t + 1: does the new technique lower the cost
        of a unit of output at period t's prices (Okishio's test)?"""
        g, q = self.composition_growth, self.productivity_growth
        return [p.c * (1 + g) + p.v < (1 + q) * (p.c + p.v) - 1e-12 for p in self.periods[:-1]]

    def first_costlier_step(self) -> int | None:
        """The first period t whose step to t + 1 fails Okishio's test, or None if none does."""
        return next((t for t, ok in enumerate(self.cost_reducing()) if not ok), None)

    def summary(self) -> str:
        """What happened, in plain words."""
        first, last = self.periods[0], self.periods[-1]
        moved = ("fell" if last.rate_of_profit < first.rate_of_profit - 1e-12 else
                 "rose" if last.rate_of_profit > first.rate_of_profit + 1e-12 else "stayed")
        costlier = self.first_costlier_step()
        if costlier is None:
            okishio = ("At the prices of the day the new technique cuts the cost of each unit in "
                       "every period, so a cost-cutting capitalist would adopt it (Okishio's test).")
        elif costlier == 0:
            okishio = ("At the prices of the day the new technique raises the cost of each unit "
                       "from the start: by Okishio's test a cost-cutting capitalist would not adopt it.")
        else:
            okishio = (f"From period {costlier} on, the new technique raises the cost of each unit "
                       f"at the prices of the day: by Okishio's test a cost-cutting capitalist "
                       f"would stop adopting it there.")
        return (
            f"Over {last.period} periods the means of production per worker grew "
            f"{last.technical_composition:.2f} times, the value composition c/v went from "
            f"{first.organic_composition:.2f} to {last.organic_composition:.2f} and the rate of "
            f"surplus value s/v from {percent(first.rate_of_surplus_value)} to "
            f"{percent(last.rate_of_surplus_value)}. The rate of profit {moved} "
            f"{'at' if moved == 'stayed' else 'from ' + percent(first.rate_of_profit, 1) + ' to'} "
            f"{percent(last.rate_of_profit, 1)}. Its ceiling, the rate of profit if wages were "
            f"zero, is now {percent(last.maximum_rate_of_profit, 1)}. {okishio}"
        )


def simulate_profit_rate(
    c: float = 400,
    v: float = 100,
    s: float = 100,
    *,
    periods: int = 30,
    composition_growth: float = 0.05,
    productivity_growth: float = 0.0,
    real_wage_growth: float = 0.0,
) -> ProfitRateSimulation:
    """Simulate the rate of profit over ``periods`` periods of mechanisation.

    Arguments (rates are fractions per period: ``0.05`` means 5 % per period):

    - ``c``, ``v``, ``s``: the capital at the start (period 0), ``c`` used up in a period;
    - ``periods``: how many periods to run after the start (1 to 500);
    - ``composition_growth``: growth of the mass of means of production per worker,
      the technical composition (-0.5 to 1);
    - ``productivity_growth``: growth of output per hour in every industry, those
      making means of production and those making workers' goods alike (0 to 1);
    - ``real_wage_growth``: growth of the goods the wage buys (-0.5 to 1).

    Returns a :class:`ProfitRateSimulation` with ``periods + 1`` rows.

    Worked example: when productivity grows as fast as the means of production per
    worker (5 % each) and the real wage keeps pace, ``c`` and ``v`` stay the same in
    value and so does the rate of profit.

    >>> sim = simulate_profit_rate(periods=5, composition_growth=0.05,
    ...                            productivity_growth=0.05, real_wage_growth=0.05)
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
    q = check_number("productivity_growth", productivity_growth,
                     "growth of output per hour of work, per period",
                     minimum=0, maximum=1,
                     hint="write rates as fractions: 0.03 means 3% per period.")
    w = check_number("real_wage_growth", real_wage_growth,
                     "growth of the goods the wage buys, per period",
                     minimum=-0.5, maximum=1,
                     hint="write rates as fractions: 0.01 means 1% per period.")
    new_value = start.v + start.s
    rows = []
    for t in range(n + 1):
        c_t = start.c * ((1 + g) / (1 + q)) ** t
        v_t = start.v * ((1 + w) / (1 + q)) ** t
        rows.append(ProfitRatePeriod(period=t, c=c_t, v=v_t, s=new_value - v_t,
                                     technical_composition=(1 + g) ** t))
    return ProfitRateSimulation(
        start=start,
        composition_growth=g,
        productivity_growth=q,
        real_wage_growth=w,
        periods=tuple(rows),
    )
