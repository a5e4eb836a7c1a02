"""Marxian measures computed from the shipped national-accounts data.

In plain words: national accounts do not use Marx's categories, so a
correspondence is needed. The one used here is a common first approximation
(others exist, for example counting only the wages of productive workers as
``v``, or leaving managers' pay out; units should say so). It reads:

- variable capital ``v`` = compensation of employees;
- surplus value ``s`` = net operating surplus (profits, interest, transfers and
  profit taxes before they are split up);
- capital ``K`` = the current-cost net stock of nonresidential fixed assets at the
  end of the year.

Then, year by year:

- rate of surplus value ``s / v`` = net operating surplus / compensation;
- rate of profit ``s / K`` = net operating surplus / capital stock (same year).
  This is a profit rate on the stock of fixed capital advanced, not Marx's
  ``s / (c + v)`` on the flow of costs: circulating capital and the wage fund
  are left out because the accounts do not measure them;
- wage share ``v / net value added`` and surplus share ``s / net value added``.

All ratios are fractions (0.25 means 25 %). pandas is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InvalidInput

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["marxian_rates", "us_corporate_rates", "RATE_UNITS"]

#: Units of the columns :func:`marxian_rates` adds.
RATE_UNITS = {
    "rate_of_surplus_value": "fraction (s / v)",
    "rate_of_profit": "fraction per year (s / K)",
    "wage_share": "fraction of net value added",
    "surplus_share": "fraction of net value added",
}


def marxian_rates(
    frame: "pd.DataFrame",
    *,
    surplus: str = "surplus",
    wages: str = "compensation",
    capital: str | None = "capital_stock",
    value_added: str | None = "net_value_added",
    index: str = "year",
) -> "pd.DataFrame":
    """Rates of surplus value and profit (and wage and surplus shares) from a national-accounts table.

    ``frame`` has one row per period; the keyword arguments name its columns
    (defaults fit :func:`exercises.data.us_corporate`). Pass ``capital=None`` or
    ``value_added=None`` to skip the rate of profit or the shares. Returns a new
    DataFrame with ``index`` and the columns ``rate_of_surplus_value``,
    ``rate_of_profit``, ``wage_share``, ``surplus_share``; its ``.attrs`` keep the
    source's provenance, with ``units`` for the new columns.

    Worked example: 2017 US corporations paid 6408.5 billion in compensation and
    had 2085.9 billion of net operating surplus: s/v is about 33 %.
    """
    needed = [index, surplus, wages] + [c for c in (capital, value_added) if c]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InvalidInput(
            f"frame must have the columns {needed}; it lacks {missing}. Hint: name your columns "
            f"with the keyword arguments, e.g. marxian_rates(df, surplus='nos', wages='comp')."
        )
    out = frame[[index]].copy()
    out["rate_of_surplus_value"] = frame[surplus] / frame[wages]
    if capital:
        out["rate_of_profit"] = frame[surplus] / frame[capital]
    if value_added:
        out["wage_share"] = frame[wages] / frame[value_added]
        out["surplus_share"] = frame[surplus] / frame[value_added]
    attrs = dict(frame.attrs)
    attrs["units"] = {index: attrs.get("units", {}).get(index, index),
                      **{k: v for k, v in RATE_UNITS.items() if k in out.columns}}
    attrs["descriptions"] = {
        index: attrs.get("descriptions", {}).get(index, index),
        "rate_of_surplus_value": f"{surplus} / {wages}",
        "rate_of_profit": f"{surplus} / {capital}",
        "wage_share": f"{wages} / {value_added}",
        "surplus_share": f"{surplus} / {value_added}",
    }
    attrs["descriptions"] = {k: v for k, v in attrs["descriptions"].items() if k in out.columns}
    out.attrs = attrs
    return out


def us_corporate_rates(sector: str = "corporate") -> "pd.DataFrame":
    """US rate of surplus value and rate of profit per year, 1929-2018, from the shipped extract.

    ``sector="corporate"`` (all corporate business) or ``"nonfinancial"``
    (nonfinancial corporate business). Definitions in the module docstring:
    ``rate_of_surplus_value = surplus / compensation``; ``rate_of_profit =
    surplus / capital_stock`` (same year, year-end current-cost fixed capital;
    missing in 2018, when the source has no capital stock).

    >>> rates = us_corporate_rates()
    >>> row = rates[rates["year"] == 2017].iloc[0]
    >>> round(float(row["rate_of_surplus_value"]), 3), round(float(row["rate_of_profit"]), 3)
    (0.325, 0.112)
    """
    from .data import us_corporate

    frame = us_corporate()
    if sector == "corporate":
        return marxian_rates(frame)
    if sector == "nonfinancial":
        return marxian_rates(frame, surplus="nf_surplus", wages="nf_compensation",
                             capital="nf_capital_stock", value_added="nf_net_value_added")
    raise InvalidInput(
        f"sector must be 'corporate' or 'nonfinancial'; you gave {sector!r}. "
        f"Hint: 'nonfinancial' leaves out banks and insurers."
    )
