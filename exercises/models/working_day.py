"""The working day: necessary and surplus labour time; absolute and relative surplus value.

In plain words: in part of the working day a worker produces the value of
their own wage (*necessary labour time*); in the rest they work for the
employer for free (*surplus labour time*). The rate of surplus value is
surplus time over necessary time.

An employer can raise it in two ways:

- *absolute surplus value*: make the day longer (or more intense) while the
  wage stays the same, so the surplus part grows;
- *relative surplus value*: raise productivity in the industries that make what
  workers buy, so the goods that make up the wage take fewer hours to produce;
  the necessary part shrinks and, with the same day, the surplus part grows.

Worked example: a 10-hour day in which 5 hours reproduce the wage leaves 5
hours of surplus labour: s/v = 5/5 = 100 %. Lengthen the day to 12 hours and
the surplus becomes 7 hours (s/v = 140 %). Instead, double productivity in the
wage-goods industries: the same wage basket now takes 2.5 hours, the surplus is
7.5 hours and s/v = 300 %.

>>> day = WorkingDay(length=10, necessary=5)
>>> day.surplus, day.rate_of_surplus_value
(5.0, 1.0)
>>> day.lengthen(2).rate_of_surplus_value
1.4
>>> day.raise_productivity(2).rate_of_surplus_value
3.0
"""

from __future__ import annotations

from dataclasses import dataclass

from .._checks import check_number
from .._format import amount, percent
from ..errors import InvalidInput

__all__ = [
    "WorkingDay",
    "SurplusValueChange",
    "absolute_surplus_value",
    "relative_surplus_value",
    "HOURS_IN_A_DAY",
]

HOURS_IN_A_DAY = 24.0


def _length(length: object) -> float:
    return check_number(
        "length", length, "hours in the working day",
        minimum=0, min_inclusive=False, maximum=HOURS_IN_A_DAY,
        hint="a day has 24 hours; a working day is usually between 6 and 16 hours.",
    )


@dataclass(frozen=True)
class WorkingDay:
    """A working day split into necessary and surplus labour time (hours).

    Fields:

    - ``length``: hours worked in the day (more than 0, at most 24);
    - ``necessary``: hours in which the worker produces the value of their wage
      (more than 0, at most ``length``).

    Build one directly, or from money amounts with :meth:`from_wage`.

    >>> print(WorkingDay(length=10, necessary=4).summary())
    Of a 10-hour working day, 4 hours reproduce the value of the wage (necessary labour) and 6 hours are unpaid (surplus labour). The rate of surplus value s/v is 150%: for every hour paid, 1.5 hours unpaid.
    """

    length: float
    necessary: float

    def __post_init__(self) -> None:
        length = _length(self.length)
        necessary = check_number(
            "necessary", self.necessary, "necessary labour time in hours",
            minimum=0, min_inclusive=False,
            hint="it is the time the worker needs to produce the value of their wage.",
        )
        if necessary > length:
            raise InvalidInput(
                f"necessary (necessary labour time in hours) must be at most the length of the "
                f"working day ({amount(length)} hours); you gave {amount(necessary)}. Hint: if the "
                f"wage takes longer to produce than the whole day, the worker cannot live on it "
                f"and there is no surplus value: lengthen the day, lower the wage or raise productivity."
            )
        object.__setattr__(self, "length", length)
        object.__setattr__(self, "necessary", necessary)

    @classmethod
    def from_wage(
        cls,
        length: float,
        wage: float,
        value_per_hour: float,
        productivity: float = 1.0,
    ) -> "WorkingDay":
        """A working day from money amounts.

        - ``length``: hours worked in the day;
        - ``wage``: what the worker's daily basket of goods costs *today*, in dollars per day;
        - ``value_per_hour``: new value one hour of work adds, in dollars per hour
          (the money expression of an hour of labour);
        - ``productivity``: how many times more productive the industries making
          the worker's goods are than today (1 = as today, 2 = the same basket
          takes half as long to make, so it is worth half as much).

        Necessary labour time = ``wage / (value_per_hour * productivity)``.

        Worked example: a $100 daily wage, where an hour of work adds $20 of value,
        takes 5 hours to reproduce; in a 10-hour day 5 hours are surplus.

        >>> WorkingDay.from_wage(length=10, wage=100, value_per_hour=20).necessary
        5.0
        >>> WorkingDay.from_wage(length=10, wage=100, value_per_hour=20, productivity=2).necessary
        2.5
        """
        wage = check_number("wage", wage, "daily wage in dollars", minimum=0, min_inclusive=False,
                            hint="a worker who is paid nothing cannot live; try, say, 100.")
        value_per_hour = check_number(
            "value_per_hour", value_per_hour, "new value added per hour of work, in dollars",
            minimum=0, min_inclusive=False, hint="try, say, 20 dollars per hour.",
        )
        productivity = check_number(
            "productivity", productivity, "productivity in the wage-goods industries, 1 = today",
            minimum=0, min_inclusive=False,
            hint="1 means as productive as today, 2 twice as productive, 0.5 half.",
        )
        return cls(length=length, necessary=wage / (value_per_hour * productivity))

    @property
    def surplus(self) -> float:
        """Surplus labour time in hours: ``length - necessary``."""
        return self.length - self.necessary

    @property
    def rate_of_surplus_value(self) -> float:
        """Surplus over necessary labour time, as a fraction (1.0 = 100 %)."""
        return self.surplus / self.necessary

    @property
    def necessary_share(self) -> float:
        """Share of the day spent on necessary labour (0 to 1)."""
        return self.necessary / self.length

    @property
    def surplus_share(self) -> float:
        """Share of the day spent on surplus labour (0 to 1)."""
        return self.surplus / self.length

    def lengthen(self, hours: float) -> "WorkingDay":
        """The same day made ``hours`` longer with the same wage (absolute surplus value).

        A negative number shortens the day (for example after a strike wins a
        shorter working day).
        """
        hours = check_number("hours", hours, "hours added to the working day",
                             hint="use a negative number to shorten the day.")
        return WorkingDay(length=self.length + hours, necessary=self.necessary)

    def raise_productivity(self, factor: float) -> "WorkingDay":
        """The same day after productivity in wage-goods industries is multiplied by ``factor``.

        The same basket of goods takes ``1/factor`` of the time to make, so
        necessary labour time is divided by ``factor`` (relative surplus value).
        """
        factor = check_number("factor", factor, "how many times productivity is multiplied",
                              minimum=0, min_inclusive=False,
                              hint="2 means twice as productive; 1 means no change.")
        return WorkingDay(length=self.length, necessary=self.necessary / factor)

    def summary(self) -> str:
        """The numbers in plain words."""
        e = self.rate_of_surplus_value
        return (
            f"Of a {amount(self.length)}-hour working day, {amount(self.necessary)} hours reproduce "
            f"the value of the wage (necessary labour) and {amount(self.surplus)} hours are unpaid "
            f"(surplus labour). The rate of surplus value s/v is {percent(e)}: for every hour paid, "
            f"{amount(e, 2)} hour{'' if amount(e, 2) == '1' else 's'} unpaid."
        )


@dataclass(frozen=True)
class SurplusValueChange:
    """A working day before and after a change, with the extra surplus labour it brings."""

    before: WorkingDay
    after: WorkingDay
    kind: str  # "absolute" or "relative"

    @property
    def extra_surplus_hours(self) -> float:
        """Additional hours of surplus labour per day (negative if it fell)."""
        return self.after.surplus - self.before.surplus

    def summary(self) -> str:
        """The change in plain words."""
        how = ("lengthening the working day" if self.kind == "absolute"
               else "raising productivity in the wage-goods industries")
        return (
            f"By {how} ({self.kind} surplus value), surplus labour goes from "
            f"{amount(self.before.surplus)} to {amount(self.after.surplus)} hours a day and the "
            f"rate of surplus value from {percent(self.before.rate_of_surplus_value)} to "
            f"{percent(self.after.rate_of_surplus_value)}."
        )


def absolute_surplus_value(day: WorkingDay, extra_hours: float) -> SurplusValueChange:
    """Lengthen ``day`` by ``extra_hours`` with the same wage.

    >>> change = absolute_surplus_value(WorkingDay(length=10, necessary=5), extra_hours=2)
    >>> change.extra_surplus_hours
    2.0
    >>> print(change.summary())
    By lengthening the working day (absolute surplus value), surplus labour goes from 5 to 7 hours a day and the rate of surplus value from 100% to 140%.
    """
    return SurplusValueChange(before=day, after=day.lengthen(extra_hours), kind="absolute")


def relative_surplus_value(day: WorkingDay, productivity_factor: float) -> SurplusValueChange:
    """Multiply productivity in the wage-goods industries by ``productivity_factor``, same day length.

    >>> change = relative_surplus_value(WorkingDay(length=10, necessary=5), productivity_factor=2)
    >>> change.extra_surplus_hours
    2.5
    """
    return SurplusValueChange(before=day, after=day.raise_productivity(productivity_factor),
                              kind="relative")
