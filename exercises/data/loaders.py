"""Loaders: one function per data set, each returning a pandas DataFrame with provenance.

Every DataFrame's ``.attrs`` carries ``source``, ``licence``, ``citation``,
``coverage``, ``notes``, ``units`` (column -> units), ``descriptions`` (column ->
meaning), ``name``, ``title`` and ``raw_file``, all taken from
:mod:`exercises.data.registry`. Each call returns a fresh copy: changing it does
not change what the next call returns. pandas is imported on first use.
"""

from __future__ import annotations

import difflib
import functools
from importlib import resources
from typing import TYPE_CHECKING

from .._checks import check_whole_number
from ..errors import DataNotFound, InvalidInput, UnknownDataset
from .registry import DATASETS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "load",
    "datasets",
    "us_corporate",
    "productivity_pay",
    "penn_world_table",
    "reserve_army",
    "us_prison_population",
    "us_productivity_wages",
]


def datasets() -> list[str]:
    """Names of every shipped data set (each works with :func:`load` and ``describe``)."""
    return list(DATASETS)


def _dataset(name: str):
    try:
        return DATASETS[name]
    except (KeyError, TypeError):
        close = difflib.get_close_matches(str(name), DATASETS, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "choose one of " + ", ".join(DATASETS)
        raise UnknownDataset(
            f"name (data set name) must be one of the shipped data sets; you gave {name!r}. "
            f"Hint: {hint}"
        ) from None


@functools.lru_cache(maxsize=None)
def _read(name: str) -> "pd.DataFrame":
    import pandas as pd

    dataset = _dataset(name)
    resource = resources.files(__package__) / dataset.filename
    if not resource.is_file():
        raise DataNotFound(
            f"The extract {dataset.filename} is missing from the exercises package. "
            f"Rebuild it with: python -m exercises.data.build"
        )
    text_columns = {c: "str" for c in ("country", "isocode", "quarter", "month")}
    with resources.as_file(resource) as path:
        frame = pd.read_csv(path, dtype={c.name: text_columns[c.name] for c in dataset.columns
                                         if c.name in text_columns})
    if "month" in frame.columns:
        frame["month"] = pd.to_datetime(frame["month"], format="%Y-%m")
    return frame


def load(name: str) -> "pd.DataFrame":
    """Load the shipped data set ``name`` (see :func:`datasets`) with its provenance in ``.attrs``.

    >>> load("us_corporate").attrs["licence"]  # doctest: +ELLIPSIS
    'Public domain: US government figures (BEA, BLS, BJS), compiled by Deepankar Basu...'
    """
    dataset = _dataset(name)
    frame = _read(name).copy()
    frame.attrs = dataset.attrs()
    return frame


def us_corporate() -> "pd.DataFrame":
    """US corporate business, 1929-2018: net value added, compensation, surplus, capital stock.

    One row per year; amounts in billions of current US dollars. Columns:
    ``year``, ``net_value_added``, ``compensation`` (read as variable capital v),
    ``surplus`` (net operating surplus, read as surplus value s), its parts
    ``net_interest``, ``transfer_payments``, ``corporate_taxes``, ``dividends``,
    ``retained_earnings``, then ``capital_stock`` (year-end, current cost, missing
    in 2018) and the same four main series for nonfinancial corporations
    (``nf_net_value_added``, ``nf_compensation``, ``nf_surplus``, ``nf_capital_stock``).

    Worked example: in 1929 corporations paid 34.2 billion in compensation and
    had 12.3 billion of surplus: a rate of surplus value of about 36 %.

    >>> df = us_corporate()
    >>> row = df[df["year"] == 1929].iloc[0]
    >>> round(float(row["surplus"] / row["compensation"]), 2)
    0.36
    """
    return load("us_corporate")


def productivity_pay(frequency: str = "annual") -> "pd.DataFrame":
    """EPI's productivity-pay gap: US net productivity and typical workers' pay since 1948.

    ``frequency="annual"`` (default, 1948-2024): ``year``, ``productivity_index`` and
    ``pay_index`` (1948 = 100), ``productivity`` and ``pay`` (2024 dollars per hour),
    ``productivity_nominal`` and ``pay_nominal`` (each year's dollars per hour).
    ``frequency="quarterly"`` (1948Q1-2025Q3): ``quarter`` (``"1973Q1"``), ``year``,
    ``productivity_index`` and ``pay_index`` (1948Q1 = 100).
    """
    if frequency == "annual":
        return load("productivity_pay")
    if frequency == "quarterly":
        return load("productivity_pay_quarterly")
    raise InvalidInput(
        f"frequency (how often the series is measured) must be 'annual' or 'quarterly'; you "
        f"gave {frequency!r}. Hint: productivity_pay() gives the annual series."
    )


def penn_world_table(
    countries: str | list[str] | None = None,
    start: int | None = None,
    end: int | None = None,
    columns: list[str] | None = None,
) -> "pd.DataFrame":
    """Penn World Table 10.01 for all (or some) countries, 1950-2019.

    - ``countries``: ISO codes or names (``"USA"``, ``["China", "IND"]``), any case;
      default all 183;
    - ``start``, ``end``: first and last year to keep (default 1950 and 2019);
    - ``columns``: PWT columns to keep besides ``country``, ``isocode``, ``year``
      (default all: pop, emp, avh, labsh, rgdpna, cgdpo, rnna, cn, irr, delta, xr,
      pl_gdpo, pl_con, pl_x, pl_m, csh_x, csh_m; see ``describe("penn_world_table")``).

    Worked example: the US labour share in 2017 was about 60 % of GDP.

    >>> us = penn_world_table("USA", start=2017, end=2017, columns=["labsh"])
    >>> round(float(us["labsh"].iloc[0]), 2)
    0.6
    """
    frame = load("penn_world_table")
    attrs = frame.attrs
    keys = ["country", "isocode", "year"]
    selection = []
    if countries is not None:
        wanted = [countries] if isinstance(countries, str) else list(countries)
        codes = _country_codes(frame, wanted)
        frame = frame[frame["isocode"].isin(codes)]
        selection.append("countries " + ", ".join(codes))
    first, last = int(frame["year"].min()), int(frame["year"].max())
    lo = first if start is None else check_whole_number(
        "start", start, "first year", minimum=1950, maximum=2019, hint="PWT covers 1950-2019.")
    hi = last if end is None else check_whole_number(
        "end", end, "last year", minimum=1950, maximum=2019, hint="PWT covers 1950-2019.")
    if lo > hi:
        raise InvalidInput(f"start (first year) must be at most end ({hi}); you gave {lo}. "
                           f"Hint: swap the two years.")
    if start is not None or end is not None:
        frame = frame[(frame["year"] >= lo) & (frame["year"] <= hi)]
        selection.append(f"years {lo}-{hi}")
    if columns is not None:
        wanted_columns = [columns] if isinstance(columns, str) else list(columns)
        known = [c for c in frame.columns if c not in keys]
        for c in wanted_columns:
            if c not in known:
                close = difflib.get_close_matches(str(c), known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "choose from " + ", ".join(known)
                raise InvalidInput(
                    f"columns must be Penn World Table columns; you gave {c!r}. Hint: {hint}")
        frame = frame[keys + [c for c in wanted_columns if c not in keys]]
        attrs = dict(attrs, units={k: v for k, v in attrs["units"].items() if k in frame.columns},
                     descriptions={k: v for k, v in attrs["descriptions"].items()
                                   if k in frame.columns})
    frame = frame.reset_index(drop=True)
    frame.attrs = dict(attrs, selection="; ".join(selection) or "all countries and years")
    return frame


def _country_codes(frame, wanted: list[str]) -> list[str]:
    by_code = dict(zip(frame["isocode"].str.upper(), frame["isocode"]))
    by_name = dict(zip(frame["country"].str.casefold(), frame["isocode"]))
    codes = []
    for item in wanted:
        key = str(item).strip()
        code = by_code.get(key.upper()) or by_name.get(key.casefold())
        if code is None:
            names = sorted(set(frame["country"]))
            close = difflib.get_close_matches(key, names, n=3)
            hint = ("did you mean " + " or ".join(repr(c) for c in close) + "?") if close else \
                "use a three-letter ISO code such as 'USA', 'BRA', 'ZAF'."
            raise InvalidInput(f"countries must be Penn World Table countries (names or ISO "
                               f"codes); you gave {item!r}. Hint: {hint}")
        if code not in codes:
            codes.append(code)
    return codes


def reserve_army() -> "pd.DataFrame":
    """The US reserve army of labour, monthly, January 1948 - December 2018 (BLS via Basu).

    Columns (thousands of persons unless stated): ``month`` (a date, first day of
    the month), ``labour_force``, ``civilian_population``, ``unemployment_rate``
    (percent), ``unemployed``, ``marginally_attached``, ``reserve_army``
    (unemployed + marginally attached) and ``want_job``. The last three start in
    January 1994. ``describe("reserve_army")`` says why the source's "part time"
    column is left out.
    """
    return load("reserve_army")


def us_prison_population() -> "pd.DataFrame":
    """US incarcerated population in prisons and jails, 1980-2018 (BJS via Basu): ``year``, ``prison_population``."""
    return load("us_prison_population")


def us_productivity_wages() -> "pd.DataFrame":
    """US corporate net value added and surplus, nonfarm productivity and median real wages, 1979-2019.

    Columns: ``year``, ``net_value_added``, ``net_value_added_real``, ``surplus``,
    ``capital_stock`` (replacement cost, Fixed Assets Table 6.1), ``labour_productivity``
    (index 1982 = 100), ``median_weekly_wage_real`` (1982-84 dollars), ``cpi`` and
    ``gdp_deflator`` (2012 = 100).
    """
    return load("us_productivity_wages")
