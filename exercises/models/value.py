"""The value composition of capital: constant capital, variable capital, surplus value.

In plain words: a capitalist advances money for two things. Part buys means of
production (machines, buildings, materials, energy): Marx calls it *constant
capital*, ``c``, because it passes its value on to the product without adding
any. Part buys labour power (wages): *variable capital*, ``v``, because the
workers it employs create more value than they are paid. The extra is *surplus
value*, ``s``. The value of the product is ``c + v + s``.

From these three numbers come the ratios the units study:

- rate of surplus value (rate of exploitation) ``s / v``: unpaid against paid labour;
- organic composition of capital ``c / v``: dead labour set in motion per unit of living labour paid;
- rate of profit ``s / (c + v)``: surplus value against the whole capital advanced.

All amounts must be in the same unit (hours of labour, or dollars); ratios are
returned as plain fractions (``0.18`` means 18 %).

Worked example (the textbook case): a capital of 410 constant and 90 variable
produces 90 of surplus value. Workers are paid 90 and do 90 of unpaid work:
the rate of surplus value is 90/90 = 100 %. The capitalist advanced 410 + 90 =
500 and gains 90: the rate of profit is 90/500 = 18 %.

>>> capital = ValueComposition(c=410, v=90, s=90)
>>> capital.rate_of_surplus_value
1.0
>>> capital.rate_of_profit
0.18
>>> capital.total_value
590.0
"""

from __future__ import annotations

from dataclasses import dataclass

from .._checks import check_number
from .._format import amount, percent

__all__ = [
    "ValueComposition",
    "total_value",
    "rate_of_surplus_value",
    "organic_composition",
    "rate_of_profit",
]

_MEANING = {
    "c": "constant capital",
    "v": "variable capital",
    "s": "surplus value",
}
_HINT_V = (
    "variable capital is the wages paid; without wages no one works and no "
    "value is created, so it cannot be zero."
)


def _c(c: object) -> float:
    return check_number("c", c, _MEANING["c"], minimum=0,
                        hint="constant capital is what the means of production cost; it cannot be negative.")


def _v(v: object) -> float:
    return check_number("v", v, _MEANING["v"], minimum=0, min_inclusive=False, hint=_HINT_V)


def _s(s: object) -> float:
    return check_number("s", s, _MEANING["s"], minimum=0,
                        hint="surplus value is the unpaid part of the new value; it is zero or more.")


def total_value(c: float, v: float, s: float) -> float:
    """Value of the product: ``c + v + s``.

    Worked example: materials and wear of machines worth 410, wages of 90, and
    90 of surplus value make a product worth 590.

    >>> total_value(c=410, v=90, s=90)
    590.0
    """
    return _c(c) + _v(v) + _s(s)


def rate_of_surplus_value(s: float, v: float) -> float:
    """Rate of surplus value (rate of exploitation) ``s / v``, as a fraction.

    Worked example: workers paid 90 who produce 90 of surplus value work as
    long for the capitalist as for themselves: ``s / v = 1.0``, that is 100 %.

    >>> rate_of_surplus_value(s=90, v=90)
    1.0
    >>> rate_of_surplus_value(s=90, v=0)
    Traceback (most recent call last):
    ...
    exercises.errors.InvalidInput: v (variable capital) must be more than zero; you gave 0. Hint: variable capital is the wages paid; without wages no one works and no value is created, so it cannot be zero.
    """
    return _s(s) / _v(v)


def organic_composition(c: float, v: float) -> float:
    """Organic (value) composition of capital ``c / v``.

    Worked example: 410 of means of production for every 90 of wages gives
    ``410 / 90``, about 4.56: each dollar of wages sets in motion about 4.56
    dollars of machines and materials.

    >>> round(organic_composition(c=410, v=90), 2)
    4.56
    """
    return _c(c) / _v(v)


def rate_of_profit(c: float, v: float, s: float) -> float:
    """Rate of profit ``s / (c + v)``: surplus value over the whole capital advanced.

    Worked example: 90 of surplus value on a capital of 410 + 90 = 500 is a
    rate of profit of 18 %.

    >>> rate_of_profit(c=410, v=90, s=90)
    0.18
    """
    return _s(s) / (_c(c) + _v(v))


@dataclass(frozen=True)
class ValueComposition:
    """One capital (a firm, a sector, a whole economy) split into ``c``, ``v`` and ``s``.

    Fields (all in the same unit: hours of labour or money):

    - ``c``: constant capital, the value of means of production used up (zero or more);
    - ``v``: variable capital, the wages paid (more than zero);
    - ``s``: surplus value, the new value beyond wages (zero or more).

    >>> ValueComposition(c=410, v=90, s=90).organic_composition
    4.555555555555555
    >>> print(ValueComposition(c=410, v=90, s=90).summary())
    Constant capital 410, variable capital 90, surplus value 90: the product is worth 590. The rate of surplus value s/v is 100% (for every hour paid, 1 hour unpaid). The organic composition c/v is 4.56. The rate of profit s/(c+v) is 18%.
    """

    c: float
    v: float
    s: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "c", _c(self.c))
        object.__setattr__(self, "v", _v(self.v))
        object.__setattr__(self, "s", _s(self.s))

    @property
    def total_value(self) -> float:
        """``c + v + s``: the value of the product."""
        return self.c + self.v + self.s

    @property
    def capital_advanced(self) -> float:
        """``c + v``: what the capitalist advances (the cost price)."""
        return self.c + self.v

    @property
    def new_value(self) -> float:
        """``v + s``: the value newly created by living labour in the period."""
        return self.v + self.s

    @property
    def rate_of_surplus_value(self) -> float:
        """``s / v`` as a fraction (1.0 = 100 %)."""
        return self.s / self.v

    @property
    def organic_composition(self) -> float:
        """``c / v``."""
        return self.c / self.v

    @property
    def rate_of_profit(self) -> float:
        """``s / (c + v)`` as a fraction."""
        return self.s / (self.c + self.v)

    def summary(self) -> str:
        """The numbers in plain words (for a reader, or a screen reader)."""
        e = self.rate_of_surplus_value
        return (
            f"Constant capital {amount(self.c)}, variable capital {amount(self.v)}, "
            f"surplus value {amount(self.s)}: the product is worth {amount(self.total_value)}. "
            f"The rate of surplus value s/v is {percent(e)} "
            f"(for every hour paid, {amount(e, 2)} hour{'' if amount(e, 2) == '1' else 's'} unpaid). "
            f"The organic composition c/v is {self.organic_composition:.2f}. "
            f"The rate of profit s/(c+v) is {percent(self.rate_of_profit)}."
        )
