"""The transformation of values into prices of production.

In plain words: capitals in different industries employ different proportions
of workers to machines. If goods sold at their values, industries with many
workers per dollar of capital (low organic composition) would earn higher
rates of profit. Competition moves capital towards the higher rates until
every capital earns about the same, *average* rate of profit. Goods then sell
at *prices of production*: cost price ``c + v`` plus the average rate of profit
on the capital advanced. Some sectors sell above value and some below, but
surplus value is only redistributed: in the textbook case total value equals
total price of production, and total surplus value equals total profit.

This is the textbook (Capital volume III) procedure: the inputs ``c`` and ``v``
stay measured in values. Whether both equalities survive once inputs are
priced too is the "transformation problem", a long debate (Bortkiewicz,
Sweezy, Shaikh, the "new interpretation", the temporal single-system
interpretation...); units should present it as an open question.

Worked example: the five capitals of Marx's illustration (each 100, all constant
capital used up, s/v = 100 % everywhere): 80c + 20v, 70c + 30v, 60c + 40v,
85c + 15v, 95c + 5v. Total surplus value 110 on a capital of 500 gives an
average rate of profit of 22 %; every product sells at 122. The values range
from 105 to 140; both totals are 610.

>>> result = transform_values([("I", 80, 20, 20), ("II", 70, 30, 30), ("III", 60, 40, 40),
...                            ("IV", 85, 15, 15), ("V", 95, 5, 5)])
>>> round(result.average_rate_of_profit, 4)
0.22
>>> [round(p.price_of_production) for p in result.sectors]
[122, 122, 122, 122, 122]
>>> round(result.total_value, 6), round(result.total_price, 6)
(610.0, 610.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .._format import amount, percent
from ..errors import InvalidInput
from .value import ValueComposition

__all__ = ["Sector", "SectorPrice", "Transformation", "transform_values", "MARX_FIVE_SECTORS"]


@dataclass(frozen=True)
class Sector:
    """A branch of production: its ``name`` and its capital ``c``, ``v`` and surplus value ``s``."""

    name: str
    c: float
    v: float
    s: float

    def __post_init__(self) -> None:
        try:
            vc = ValueComposition(self.c, self.v, self.s)
        except InvalidInput as err:
            raise InvalidInput(f"In sector {self.name!r}: {err}") from None
        object.__setattr__(self, "name", str(self.name))
        object.__setattr__(self, "c", vc.c)
        object.__setattr__(self, "v", vc.v)
        object.__setattr__(self, "s", vc.s)

    @property
    def composition(self) -> ValueComposition:
        return ValueComposition(self.c, self.v, self.s)


@dataclass(frozen=True)
class SectorPrice:
    """One sector after the transformation."""

    sector: Sector
    average_rate_of_profit: float

    @property
    def name(self) -> str:
        return self.sector.name

    @property
    def value(self) -> float:
        """``c + v + s``."""
        return self.sector.c + self.sector.v + self.sector.s

    @property
    def cost_price(self) -> float:
        """``c + v``."""
        return self.sector.c + self.sector.v

    @property
    def own_rate_of_profit(self) -> float:
        """``s / (c + v)``: the rate of profit if goods sold at their value."""
        return self.sector.s / self.cost_price

    @property
    def profit(self) -> float:
        """Average profit: ``average rate of profit * (c + v)``."""
        return self.average_rate_of_profit * self.cost_price

    @property
    def price_of_production(self) -> float:
        """``cost price + average profit``."""
        return self.cost_price + self.profit

    @property
    def deviation(self) -> float:
        """``price of production - value``: positive if the sector sells above value."""
        return self.price_of_production - self.value


@dataclass(frozen=True)
class Transformation:
    """Result of :func:`transform_values`."""

    sectors: tuple[SectorPrice, ...]
    average_rate_of_profit: float

    @property
    def total_value(self) -> float:
        return sum(p.value for p in self.sectors)

    @property
    def total_price(self) -> float:
        return sum(p.price_of_production for p in self.sectors)

    @property
    def total_surplus_value(self) -> float:
        return sum(p.sector.s for p in self.sectors)

    @property
    def total_profit(self) -> float:
        return sum(p.profit for p in self.sectors)

    def to_rows(self) -> list[dict[str, float | str]]:
        """One dict per sector."""
        return [
            {
                "sector": p.name, "c": p.sector.c, "v": p.sector.v, "s": p.sector.s,
                "organic_composition": p.sector.c / p.sector.v,
                "value": p.value, "cost_price": p.cost_price,
                "own_rate_of_profit": p.own_rate_of_profit, "profit": p.profit,
                "price_of_production": p.price_of_production, "deviation": p.deviation,
            }
            for p in self.sectors
        ]

    def summary(self) -> str:
        """The result in plain words."""
        above = [p.name for p in self.sectors if p.deviation > 1e-9]
        below = [p.name for p in self.sectors if p.deviation < -1e-9]
        text = (
            f"With {len(self.sectors)} sectors, total surplus value {amount(self.total_surplus_value)} "
            f"on a total capital of {amount(sum(p.cost_price for p in self.sectors))} gives an "
            f"average rate of profit of {percent(self.average_rate_of_profit, 1)}. "
        )
        if above:
            text += f"Sectors selling above value (high organic composition): {', '.join(above)}. "
        if below:
            text += f"Sectors selling below value (low organic composition): {', '.join(below)}. "
        text += (
            f"Total value {amount(self.total_value)} equals total price of production "
            f"{amount(self.total_price)}, and total surplus value equals total profit."
        )
        return text


def _sector(item: object) -> Sector:
    if isinstance(item, Sector):
        return item
    if isinstance(item, Mapping):
        return Sector(**item)
    if isinstance(item, (tuple, list)) and len(item) == 4:
        return Sector(*item)
    raise InvalidInput(
        f"each sector must be a Sector or (name, c, v, s); you gave {item!r}. "
        f"Hint: for example ('steel', 80, 20, 20)."
    )


def transform_values(sectors: Iterable[Sector | tuple] | Mapping[str, tuple]) -> Transformation:
    """Prices of production for several sectors, at an equalised (average) rate of profit.

    ``sectors`` is a list of :class:`Sector` or ``(name, c, v, s)`` tuples, or a
    dict ``{name: (c, v, s)}``. The average rate of profit is total surplus value
    over total capital advanced, ``Σs / Σ(c + v)``; each price of production is
    ``(c + v) * (1 + average rate)``.

    >>> r = transform_values({"textiles": (50, 50, 50), "steel": (150, 50, 50)})
    >>> r.average_rate_of_profit
    0.3333333333333333
    >>> [round(p.deviation, 2) for p in r.sectors]
    [-16.67, 16.67]
    """
    if isinstance(sectors, Mapping):
        items = [_sector((name, *values)) if isinstance(values, (tuple, list))
                 else _sector(values) for name, values in sectors.items()]
    else:
        items = [_sector(item) for item in sectors]
    if len(items) < 2:
        raise InvalidInput(
            f"sectors must list at least two sectors; you gave {len(items)}. Hint: the "
            f"transformation compares sectors with different organic compositions."
        )
    rate = sum(x.s for x in items) / sum(x.c + x.v for x in items)
    return Transformation(sectors=tuple(SectorPrice(x, rate) for x in items),
                          average_rate_of_profit=rate)


#: Marx's five capitals (Capital vol. III, ch. 9), all constant capital used up, s/v = 100 %.
MARX_FIVE_SECTORS = (
    Sector("I", 80, 20, 20),
    Sector("II", 70, 30, 30),
    Sector("III", 60, 40, 40),
    Sector("IV", 85, 15, 15),
    Sector("V", 95, 5, 5),
)
