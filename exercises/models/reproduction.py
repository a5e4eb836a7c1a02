"""Reproduction schemes: how two departments of production must fit together.

In plain words: split the whole economy into Department I, which makes means
of production (machines, steel, energy), and Department II, which makes means
of consumption (food, clothes, housing). Each department's product has a value
``c + v + s``. For the economy to carry on, what each department sells must
match what the other needs to buy.

*Simple reproduction* (all surplus value is consumed, the economy stays the same
size): Department I's workers and capitalists need consumer goods worth
``I(v + s)``; Department II needs means of production to replace its used-up
constant capital ``IIc``. The exchange balances when ``I(v + s) = IIc``.

*Expanded reproduction* (part of surplus value is invested): the rule Marx
uses in his numerical examples, which this module follows. Department I
invests a share of its surplus value (``accumulation_rate``, one half in
Marx's example), split between extra ``c`` and extra ``v`` in the proportion of
its existing capital. Department II then invests exactly what balances the
exchange: its extra constant capital is whatever means of production are left
over, ``ΔIIc = I(v + s) - ΔIc - IIc``, and it adds workers in its own
proportion ``ΔIIv = ΔIIc * IIv / IIc``. Rates of surplus value stay as they were.

Worked example, simple reproduction: I 4000c + 1000v + 1000s, II 2000c + 500v +
500s. Department I's workers and capitalists buy 1000 + 1000 = 2000 of consumer
goods, and Department II buys 2000 of means of production: it balances.

>>> scheme = ReproductionScheme(I=(4000, 1000, 1000), II=(2000, 500, 500))
>>> scheme.simple_reproduction_gap
0.0
>>> scheme.balances_simple_reproduction
True

Worked example, expanded reproduction: I 4000c + 1000v + 1000s, II 1500c + 750v
+ 750s. Department I invests 500 (400 in c, 100 in v); Department II must
add 100 to its c (and 50 to its v). Next year: I 4400c + 1100v + 1100s, II
1600c + 800v + 800s.

>>> run = simulate_expanded_reproduction(MARX_EXPANDED_EXAMPLE, periods=1)
>>> run.schemes[1].I
ValueComposition(c=4400.0, v=1100.0, s=1100.0)
>>> run.schemes[1].II
ValueComposition(c=1600.0, v=800.0, s=800.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .._checks import check_number, check_whole_number
from .._format import amount as _amount
from .._format import percent
from ..errors import InvalidInput
from .value import ValueComposition

__all__ = [
    "ReproductionScheme",
    "AccumulationStep",
    "ExpandedReproduction",
    "simulate_expanded_reproduction",
    "MARX_SIMPLE_EXAMPLE",
    "MARX_EXPANDED_EXAMPLE",
]

_TOLERANCE = 1e-9


def amount(x: float) -> str:
    """Numbers as Marx writes them in the schemes: ``4000c``, not ``4,000c``."""
    return _amount(x, grouping=False)


def _department(label: str, value: object) -> ValueComposition:
    if isinstance(value, ValueComposition):
        return value
    if isinstance(value, Mapping):
        try:
            return ValueComposition(**value)
        except TypeError:
            pass
    elif isinstance(value, (tuple, list)) and len(value) == 3:
        try:
            return ValueComposition(*value)
        except InvalidInput as err:
            raise InvalidInput(f"In Department {label}: {err}") from None
    raise InvalidInput(
        f"{label} (Department {label}) must be three numbers c, v, s; you gave {value!r}. "
        f"Hint: for example {label}=(4000, 1000, 1000) means 4000c + 1000v + 1000s."
    )


@dataclass(frozen=True)
class ReproductionScheme:
    """The product of the two departments in one period.

    - ``I``: Department I, means of production, as ``ValueComposition`` or ``(c, v, s)``;
    - ``II``: Department II, means of consumption, as ``ValueComposition`` or ``(c, v, s)``.

    >>> print(MARX_SIMPLE_EXAMPLE.summary())
    Department I (means of production): 4000c + 1000v + 1000s = 6000. Department II (means of consumption): 2000c + 500v + 500s = 3000. Total 9000. Simple reproduction balances: I(v + s) = 2000 equals IIc = 2000.
    """

    I: ValueComposition  # noqa: E741 - Marx's notation
    II: ValueComposition

    def __post_init__(self) -> None:
        object.__setattr__(self, "I", _department("I", self.I))
        object.__setattr__(self, "II", _department("II", self.II))

    @property
    def total_value(self) -> float:
        """Value of the whole social product: both departments' ``c + v + s``."""
        return self.I.total_value + self.II.total_value

    @property
    def simple_reproduction_gap(self) -> float:
        """``I(v + s) - IIc``: zero when simple reproduction balances.

        Positive: Department I makes more means of production than the economy
        needs to replace what it used up (room to expand). Negative: Department
        II cannot replace its used-up means of production.
        """
        return (self.I.v + self.I.s) - self.II.c

    @property
    def balances_simple_reproduction(self) -> bool:
        """True when ``I(v + s) = IIc`` (within rounding)."""
        scale = max(1.0, self.total_value)
        return abs(self.simple_reproduction_gap) <= _TOLERANCE * scale

    def summary(self) -> str:
        """The scheme and its balance in plain words."""
        def dept(d: ValueComposition) -> str:
            return f"{amount(d.c)}c + {amount(d.v)}v + {amount(d.s)}s = {amount(d.total_value)}"

        gap = self.simple_reproduction_gap
        i_vs, ii_c = amount(self.I.v + self.I.s), amount(self.II.c)
        if self.balances_simple_reproduction:
            balance = f"Simple reproduction balances: I(v + s) = {i_vs} equals IIc = {ii_c}."
        elif gap > 0:
            balance = (f"Simple reproduction does not balance: I(v + s) = {i_vs} is more than "
                       f"IIc = {ii_c}, so {amount(gap)} of means of production are left over "
                       f"for expanding production.")
        else:
            balance = (f"Simple reproduction does not balance: I(v + s) = {i_vs} is less than "
                       f"IIc = {ii_c}, so Department II cannot replace {amount(-gap)} of its "
                       f"used-up means of production.")
        return (
            f"Department I (means of production): {dept(self.I)}. "
            f"Department II (means of consumption): {dept(self.II)}. "
            f"Total {amount(self.total_value)}. {balance}"
        )


#: Marx's simple reproduction example: I 4000c + 1000v + 1000s, II 2000c + 500v + 500s.
MARX_SIMPLE_EXAMPLE = ReproductionScheme(I=(4000, 1000, 1000), II=(2000, 500, 500))
#: Marx's expanded reproduction example: I 4000c + 1000v + 1000s, II 1500c + 750v + 750s.
MARX_EXPANDED_EXAMPLE = ReproductionScheme(I=(4000, 1000, 1000), II=(1500, 750, 750))


@dataclass(frozen=True)
class AccumulationStep:
    """How the surplus value of one period is used, leading to the next period.

    ``added_c_I``, ``added_v_I``, ``added_c_II``, ``added_v_II`` are the new
    investments; ``consumed_I`` and ``consumed_II`` the surplus value the
    capitalists of each department spend on consumer goods.
    """

    period: int
    added_c_I: float
    added_v_I: float
    consumed_I: float
    added_c_II: float
    added_v_II: float
    consumed_II: float

    @property
    def accumulated_I(self) -> float:
        return self.added_c_I + self.added_v_I

    @property
    def accumulated_II(self) -> float:
        return self.added_c_II + self.added_v_II


@dataclass(frozen=True)
class ExpandedReproduction:
    """Result of :func:`simulate_expanded_reproduction`.

    ``schemes`` has one :class:`ReproductionScheme` per period (``periods + 1``,
    starting with period 0); ``steps[t]`` says how period ``t``'s surplus value
    was used to reach period ``t + 1``.
    """

    accumulation_rate: float
    schemes: tuple[ReproductionScheme, ...]
    steps: tuple[AccumulationStep, ...]

    def growth_rates(self) -> list[float]:
        """Growth of the total social product from each period to the next, as fractions."""
        return [b.total_value / a.total_value - 1 for a, b in zip(self.schemes, self.schemes[1:])]

    def to_rows(self) -> list[dict[str, float | None]]:
        """One dict per period: each department's c, v, s and total, and the investment made."""
        rows = []
        for t, scheme in enumerate(self.schemes):
            step = self.steps[t] if t < len(self.steps) else None
            row: dict[str, float | None] = {"period": t}
            for label, d in (("I", scheme.I), ("II", scheme.II)):
                row.update({f"c_{label}": d.c, f"v_{label}": d.v, f"s_{label}": d.s,
                            f"total_{label}": d.total_value})
            row["total"] = scheme.total_value
            row["accumulated_I"] = step.accumulated_I if step else None
            row["accumulated_II"] = step.accumulated_II if step else None
            rows.append(row)
        return rows

    def summary(self) -> str:
        """What happened, in plain words."""
        first, last = self.schemes[0], self.schemes[-1]
        n = len(self.schemes) - 1
        rates = self.growth_rates()
        return (
            f"Department I invests {percent(self.accumulation_rate)} of its surplus value each "
            f"period and Department II invests what balances the exchange between them. "
            f"Over {n} period{'s' if n != 1 else ''} the social product "
            + (f"stays at {amount(first.total_value)}"
               if abs(last.total_value - first.total_value) <= _TOLERANCE * first.total_value
               else f"grows from {amount(first.total_value)} to {amount(last.total_value)}")
            + f" (Department I "
            f"{amount(last.I.total_value)}, Department II {amount(last.II.total_value)}); "
            f"growth in the last period was {percent(rates[-1], 1)}."
        )


def simulate_expanded_reproduction(
    scheme: ReproductionScheme,
    *,
    periods: int = 5,
    accumulation_rate: float = 0.5,
) -> ExpandedReproduction:
    """Run expanded reproduction period by period (Marx's rule, see the module docstring).

    - ``scheme``: the starting :class:`ReproductionScheme` (period 0);
    - ``periods``: how many periods to run (1 to 100);
    - ``accumulation_rate``: share of Department I's surplus value invested
      each period, 0 to 1 (0 is simple reproduction).

    Raises :class:`~exercises.errors.InvalidInput` when the departments cannot fit
    together in some period: Department II would have to invest more than its
    surplus value, or less than nothing.

    Worked example: Marx's expanded scheme grows from 9000 to 9800 to 10780.

    >>> run = simulate_expanded_reproduction(MARX_EXPANDED_EXAMPLE, periods=2)
    >>> [s.total_value for s in run.schemes]
    [9000.0, 9800.0, 10780.0]
    """
    if not isinstance(scheme, ReproductionScheme):
        raise InvalidInput(
            f"scheme must be a ReproductionScheme; you gave {scheme!r}. Hint: for example "
            f"ReproductionScheme(I=(4000, 1000, 1000), II=(1500, 750, 750))."
        )
    n = check_whole_number("periods", periods, "number of periods to simulate",
                           minimum=1, maximum=100, hint="try 5.")
    a = check_number("accumulation_rate", accumulation_rate,
                     "share of Department I's surplus value that is invested",
                     minimum=0, maximum=1,
                     hint="write it as a fraction: 0.5 means half is invested.")
    if scheme.II.c == 0:
        raise InvalidInput(
            "II.c (Department II's constant capital) must be more than zero; you gave 0. "
            "Hint: consumer goods are made with some means of production."
        )
    schemes, steps = [scheme], []
    for t in range(n):
        I, II = scheme.I, scheme.II  # noqa: E741
        invest_I = a * I.s
        add_c_I = invest_I * I.c / (I.c + I.v)
        add_v_I = invest_I - add_c_I
        # Means of production left for Department II after Department I replaces and expands.
        add_c_II = (I.v + I.s) - add_c_I - II.c
        add_v_II = add_c_II * II.v / II.c
        scale = max(1.0, scheme.total_value) * _TOLERANCE
        if add_c_II < -scale:
            raise InvalidInput(
                f"In period {t}, Department I does not make enough means of production: "
                f"Department II would have {amount(-add_c_II)} less than it needs to replace its "
                f"used-up constant capital (IIc = {amount(II.c)}). Hint: lower accumulation_rate "
                f"(now {a:g}) or start from a scheme where I(v + s) is at least IIc."
            )
        if add_c_II + add_v_II > II.s + scale:
            raise InvalidInput(
                f"In period {t}, Department II would have to invest "
                f"{amount(add_c_II + add_v_II)} to buy the means of production Department I "
                f"offers, but its surplus value is only {amount(II.s)}. Hint: raise "
                f"accumulation_rate (now {a:g}) so Department I uses more of its own product, "
                f"or give Department II a larger constant capital."
            )
        add_c_II, add_v_II = max(add_c_II, 0.0), max(add_v_II, 0.0)
        steps.append(AccumulationStep(
            period=t,
            added_c_I=add_c_I, added_v_I=add_v_I, consumed_I=I.s - invest_I,
            added_c_II=add_c_II, added_v_II=add_v_II,
            consumed_II=max(II.s - add_c_II - add_v_II, 0.0),
        ))
        v_I, v_II = I.v + add_v_I, II.v + add_v_II
        scheme = ReproductionScheme(
            I=ValueComposition(I.c + add_c_I, v_I, v_I * I.rate_of_surplus_value),
            II=ValueComposition(II.c + add_c_II, v_II, v_II * II.rate_of_surplus_value),
        )
        schemes.append(scheme)
    return ExpandedReproduction(accumulation_rate=a, schemes=tuple(schemes), steps=tuple(steps))
