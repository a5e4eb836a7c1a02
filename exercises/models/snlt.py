"""Socially necessary labour time: the value of a commodity when producers differ in productivity.

In plain words: the value of a coat is not the hours *this* tailor spent on it,
but the hours a coat takes under the average conditions of production of the
day. When several producers make the same good with different methods, the
socially necessary labour time per unit is the total hours worked divided by
the total units made (an average weighted by how much each produces). A
producer faster than average gets more value for their goods than the hours
they worked; a slower one gets less.

Worked example: workshop A makes 100 shirts at 2 hours each (200 hours);
factory B makes 300 shirts at 1 hour each (300 hours). Together, 500 hours for
400 shirts: 1.25 hours per shirt is socially necessary. A's 100 shirts count as
125 hours of value although A worked 200; B's 300 shirts count as 375 hours
although B worked 300.

>>> result = socially_necessary_labour_time({"workshop A": (2, 100), "factory B": (1, 300)})
>>> result.hours_per_unit
1.25
>>> [round(p.value_created) for p in result.producers]
[125, 375]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .._checks import check_number
from .._format import amount
from ..errors import InvalidInput

__all__ = ["Producer", "ProducerResult", "SociallyNecessaryLabourTime",
           "socially_necessary_labour_time"]


@dataclass(frozen=True)
class Producer:
    """One producer of a commodity.

    - ``name``: a label (``"workshop A"``);
    - ``hours_per_unit``: hours of labour this producer needs for one unit (more than 0);
    - ``units``: how many units this producer makes in the period (more than 0).
    """

    name: str
    hours_per_unit: float
    units: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", str(self.name))
        object.__setattr__(self, "hours_per_unit", check_number(
            "hours_per_unit", self.hours_per_unit, f"hours {self.name} needs for one unit",
            minimum=0, min_inclusive=False, hint="every product takes some labour to make."))
        object.__setattr__(self, "units", check_number(
            "units", self.units, f"units {self.name} makes", minimum=0, min_inclusive=False,
            hint="leave out producers who make nothing."))

    @property
    def hours_worked(self) -> float:
        """Total hours this producer worked: ``hours_per_unit * units``."""
        return self.hours_per_unit * self.units


@dataclass(frozen=True)
class ProducerResult:
    """What one producer's output is worth once the market averages out productivity."""

    producer: Producer
    socially_necessary: float  # hours per unit, the same for every producer

    @property
    def name(self) -> str:
        return self.producer.name

    @property
    def hours_worked(self) -> float:
        """Hours actually worked."""
        return self.producer.hours_worked

    @property
    def value_created(self) -> float:
        """Hours of value the output counts for: ``units * socially necessary hours per unit``."""
        return self.producer.units * self.socially_necessary

    @property
    def gain(self) -> float:
        """Value created minus hours worked: positive for faster-than-average producers."""
        return self.value_created - self.hours_worked


@dataclass(frozen=True)
class SociallyNecessaryLabourTime:
    """Result of :func:`socially_necessary_labour_time`."""

    hours_per_unit: float
    producers: tuple[ProducerResult, ...]

    @property
    def total_units(self) -> float:
        return sum(p.producer.units for p in self.producers)

    @property
    def total_hours(self) -> float:
        """Hours worked by all producers; equals the total value created."""
        return sum(p.hours_worked for p in self.producers)

    def summary(self) -> str:
        """The result in plain words."""
        parts = []
        for p in self.producers:
            verb = "gains" if p.gain > 0 else "loses" if p.gain < 0 else "neither gains nor loses"
            extra = f" {amount(abs(p.gain))} hours" if p.gain else ""
            parts.append(
                f"{p.name} works {amount(p.producer.hours_per_unit, 2)} hours per unit and "
                f"{verb}{extra} (worked {amount(p.hours_worked)}, its output is worth "
                f"{amount(p.value_created)})."
            )
        return (
            f"Together the producers work {amount(self.total_hours)} hours for "
            f"{amount(self.total_units)} units, so the socially necessary labour time is "
            f"{amount(self.hours_per_unit, 2)} hours per unit. " + " ".join(parts)
        )


def socially_necessary_labour_time(
    producers: Mapping[str, tuple[float, float]] | Iterable[Producer | tuple[str, float, float]],
) -> SociallyNecessaryLabourTime:
    """Socially necessary labour time per unit, and what each producer's output is worth.

    ``producers`` is either a dict ``{name: (hours_per_unit, units)}`` or a list of
    :class:`Producer` (or of ``(name, hours_per_unit, units)`` tuples).

    The total value created equals the total hours worked: the market only
    redistributes value from slower to faster producers.

    >>> r = socially_necessary_labour_time([("hand loom", 4, 10), ("power loom", 1, 30)])
    >>> r.hours_per_unit
    1.75
    """
    if isinstance(producers, Mapping):
        items = [Producer(name, *_pair(name, pair)) for name, pair in producers.items()]
    else:
        items = [p if isinstance(p, Producer) else Producer(*_triple(p)) for p in producers]
    if not items:
        raise InvalidInput(
            "producers must list at least one producer; you gave none. Hint: for example "
            "{'workshop A': (2, 100), 'factory B': (1, 300)} (hours per unit, units made)."
        )
    snlt = sum(p.hours_worked for p in items) / sum(p.units for p in items)
    return SociallyNecessaryLabourTime(
        hours_per_unit=snlt,
        producers=tuple(ProducerResult(p, snlt) for p in items),
    )


def _pair(name: object, pair: object) -> tuple:
    if isinstance(pair, (tuple, list)) and len(pair) == 2:
        return tuple(pair)
    raise InvalidInput(
        f"producers[{name!r}] must be a pair (hours_per_unit, units); you gave {pair!r}. "
        f"Hint: for example {{'workshop A': (2, 100)}} means 2 hours per unit, 100 units."
    )


def _triple(item: object) -> tuple:
    if isinstance(item, (tuple, list)) and len(item) == 3:
        return tuple(item)
    raise InvalidInput(
        f"each producer must be a Producer or a triple (name, hours_per_unit, units); you gave "
        f"{item!r}. Hint: for example ('workshop A', 2, 100)."
    )
