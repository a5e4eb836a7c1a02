"""Provenance of every shipped data set, in one place.

The build script (:mod:`exercises.data.build`) reads this registry to know which
raw columns to keep and what to call them; the loaders copy it into each
DataFrame's ``.attrs``; :func:`exercises.data.describe` prints it. Nothing else
repeats it. Pure Python: importing this module does not import pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Column", "Dataset", "DATASETS"]


@dataclass(frozen=True)
class Column:
    """One column of an extract.

    - ``name``: column name in the extract (what learners type);
    - ``units``: units in plain words;
    - ``description``: what the number measures;
    - ``raw``: the column's name in the raw source file (``None`` if made by the build).
    """

    name: str
    units: str
    description: str
    raw: str | None = None


@dataclass(frozen=True)
class Dataset:
    """A shipped extract and where it came from."""

    name: str
    title: str
    filename: str
    raw_file: str  # path relative to the shared raw-data folder
    source: str
    licence: str
    citation: str
    coverage: str
    notes: str
    columns: tuple[Column, ...]
    index: tuple[str, ...] = field(default=())  # columns that identify a row

    @property
    def units(self) -> dict[str, str]:
        """Column name -> units."""
        return {c.name: c.units for c in self.columns}

    @property
    def descriptions(self) -> dict[str, str]:
        """Column name -> what it measures."""
        return {c.name: c.description for c in self.columns}

    def attrs(self) -> dict[str, object]:
        """What a loader puts in ``DataFrame.attrs``."""
        return {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "licence": self.licence,
            "citation": self.citation,
            "coverage": self.coverage,
            "notes": self.notes,
            "units": self.units,
            "descriptions": self.descriptions,
            "raw_file": self.raw_file,
        }


BILLIONS = "billions of current US dollars"
THOUSANDS = "thousands of persons"
BASU_CITATION = (
    "Basu, D. (2021) The Logic of Capital: An Introduction to Marxist Economic Theory, "
    "Cambridge University Press (data files accompanying the book)."
)
PUBLIC_DOMAIN_BASU = (
    "Public domain: US government figures (BEA, BLS, BJS), compiled by Deepankar Basu; "
    "please credit both."
)
PWT_UNITS_REAL = "millions of 2017 US dollars"

_US_CORPORATE = Dataset(
    name="us_corporate",
    title="US corporate business: value added, compensation, surplus and capital stock",
    filename="us_corporate.csv",
    raw_file="basu-logic-of-capital/profit-us.xlsx",
    source=("US Bureau of Economic Analysis (BEA), NIPA Table 1.14 and Fixed Assets Table 4.1, "
            "compiled by Deepankar Basu (profit-us.xlsx)"),
    licence=PUBLIC_DOMAIN_BASU,
    citation=BASU_CITATION + " BEA National Income and Product Accounts, Table 1.14; "
    "BEA Fixed Assets Accounts, Table 4.1.",
    coverage="United States, corporate business sector (and its nonfinancial part), annual, "
    "1929-2018; capital stock 1929-2017",
    notes=(
        "Marxian reading used in the units: compensation approximates variable capital v, net "
        "operating surplus approximates surplus value s (it includes interest, taxes on profits, "
        "dividends and retained profits). Compensation includes managers' and executives' pay. "
        "Net value added = compensation + net operating surplus + taxes on production and imports "
        "less subsidies (the remaining gap). The five parts of surplus (net_interest, "
        "transfer_payments, corporate_taxes, dividends, retained_earnings) add up to surplus "
        "within 0.2 billion (rounding in the source). The source's description sheet labels "
        "corptax_cb 'corporate profits with IVA and CCAdj', but its figures are the taxes on "
        "corporate income (only with taxes do the parts add up to net operating surplus). "
        "Capital stock is the year-end current-cost net stock of nonresidential fixed assets; "
        "it is missing for 2018 in the source. Figures are rounded to 0.1 billion as in the source."
    ),
    columns=(
        Column("year", "calendar year", "year", "year"),
        Column("net_value_added", BILLIONS,
               "net value added of corporate business (gross value added minus depreciation)",
               "nva_cb"),
        Column("compensation", BILLIONS,
               "compensation of employees: wages, salaries and benefits (Marxian reading: v)",
               "comp_cb"),
        Column("surplus", BILLIONS,
               "net operating surplus (Marxian reading: surplus value s)", "nos_cb"),
        Column("net_interest", BILLIONS, "net interest and miscellaneous payments (part of surplus)",
               "int_cb"),
        Column("transfer_payments", BILLIONS, "business current transfer payments (part of surplus)",
               "transfer_cb"),
        Column("corporate_taxes", BILLIONS, "taxes on corporate income (part of surplus)",
               "corptax_cb"),
        Column("dividends", BILLIONS, "net dividends (part of surplus)", "divd_cb"),
        Column("retained_earnings", BILLIONS,
               "undistributed profits with IVA and CCAdj (part of surplus)", "reteng_cb"),
        Column("capital_stock", BILLIONS,
               "current-cost net stock of nonresidential fixed assets, year end", "k_cb"),
        Column("nf_net_value_added", BILLIONS, "net value added, nonfinancial corporate business",
               "nva_nfcb"),
        Column("nf_compensation", BILLIONS,
               "compensation of employees, nonfinancial corporate business", "comp_nfcb"),
        Column("nf_surplus", BILLIONS, "net operating surplus, nonfinancial corporate business",
               "nos_nfcb"),
        Column("nf_capital_stock", BILLIONS,
               "current-cost net stock of nonresidential fixed assets, nonfinancial corporate "
               "business, year end", "k_nfcb"),
    ),
    index=("year",),
)

_EPI_SOURCE = (
    "Economic Policy Institute (EPI), The Productivity-Pay Gap, built from BEA NIPA Tables "
    "1.7.5 (net domestic product) and 2.1 (compensation, wages), BLS Current Employment "
    "Statistics (production and nonsupervisory hourly earnings) and BLS total-economy hours"
)
_EPI_LICENCE = (
    "No licence is stated with EPI's files; the underlying BEA and BLS series are US "
    "government works in the public domain. Credit the Economic Policy Institute."
)
_EPI_CITATION = (
    "Economic Policy Institute, \"The Productivity-Pay Gap\" (data files "
    "productivity_pay_gap.csv and productivity_pay_gap_web.csv); BEA NIPA Tables 1.7.5 and "
    "2.1; BLS CES series CES0500000008."
)
_EPI_NOTES = (
    "Productivity is net domestic product per hour worked in the total economy; pay is the "
    "average hourly compensation (wages and benefits) of private-sector production and "
    "nonsupervisory workers, about four in five private-sector workers. Both are adjusted for "
    "inflation by EPI. The gap between the two lines is the growth of output per hour that "
    "did not reach typical workers' pay."
)

_PRODUCTIVITY_PAY = Dataset(
    name="productivity_pay",
    title="US productivity and typical workers' pay, annual",
    filename="productivity_pay.csv",
    raw_file="epi-productivity-pay/productivity_pay_gap.csv",
    source=_EPI_SOURCE,
    licence=_EPI_LICENCE,
    citation=_EPI_CITATION,
    coverage="United States, total economy (productivity) and private sector (pay), annual, "
    "1948-2024",
    notes=_EPI_NOTES + " Real dollar levels are in 2024 dollars (nominal and real coincide "
    "in 2024). The nominal columns are in each year's dollars: real / nominal is the price "
    "adjustment EPI applied, the same for productivity and for pay. Rounded to 6 "
    "significant digits.",
    columns=(
        Column("year", "calendar year", "year", "year"),
        Column("productivity_index", "index, 1948 = 100",
               "net productivity (real net domestic product per hour worked)",
               "productivity_real_index_1948"),
        Column("pay_index", "index, 1948 = 100",
               "real hourly compensation of production and nonsupervisory workers",
               "comp_private_real_index_1948"),
        Column("productivity", "2024 US dollars per hour",
               "real net domestic product per hour worked", "productivity_real"),
        Column("pay", "2024 US dollars per hour",
               "real hourly compensation of production and nonsupervisory workers",
               "comp_private_real"),
        Column("productivity_nominal", "US dollars of each year per hour",
               "net domestic product per hour worked, before adjusting for prices",
               "productivity_nominal"),
        Column("pay_nominal", "US dollars of each year per hour",
               "hourly compensation of production and nonsupervisory workers, before "
               "adjusting for prices", "comp_private_nominal"),
    ),
    index=("year",),
)

_PRODUCTIVITY_PAY_QUARTERLY = Dataset(
    name="productivity_pay_quarterly",
    title="US productivity and typical workers' pay, quarterly index",
    filename="productivity_pay_quarterly.csv",
    raw_file="epi-productivity-pay/productivity_pay_gap_web.csv",
    source=_EPI_SOURCE,
    licence=_EPI_LICENCE,
    citation=_EPI_CITATION,
    coverage="United States, quarterly, 1948Q1-2025Q3",
    notes=_EPI_NOTES + " This is the index EPI publishes on its web page (1948Q1 = 100).",
    columns=(
        Column("quarter", "year and quarter, e.g. 1973Q1", "calendar quarter", "Year"),
        Column("year", "calendar year", "year of the quarter"),
        Column("productivity_index", "index, 1948Q1 = 100",
               "net productivity (real net domestic product per hour worked)", "Productivity"),
        Column("pay_index", "index, 1948Q1 = 100",
               "real hourly compensation of production and nonsupervisory workers", "Pay"),
    ),
    index=("quarter",),
)

_PWT = Dataset(
    name="penn_world_table",
    title="Penn World Table 10.01: output, capital, labour, labour share and prices",
    filename="penn_world_table.csv.gz",
    raw_file="pwt10/pwt10.01.csv.gz",
    source="Penn World Table version 10.01, Groningen Growth and Development Centre "
    "(from the CRAN package pwt10)",
    licence="Creative Commons Attribution 4.0 (CC BY 4.0)",
    citation=(
        "Feenstra, R. C., Inklaar, R. and Timmer, M. P. (2015), \"The Next Generation of the "
        "Penn World Table\", American Economic Review 105(10): 3150-3182; Groningen Growth and "
        "Development Centre (2023), PWT 10.01, DataverseNL, doi:10.34894/QT5BCC."
    ),
    coverage="183 countries, annual, 1950-2019 (many countries start later; every "
    "country-year row is kept, empty where PWT has no figure)",
    notes=(
        "Column names are PWT's own, so PWT's documentation applies. Values rounded to 6 "
        "significant digits. 'Constant national prices' columns (rgdpna, rnna) are for growth "
        "over time within a country; 'current PPP' columns (cgdpo, cn) are for comparing "
        "countries in a given year. labsh is the share of labour compensation in GDP, "
        "including an imputed labour income of the self-employed; for many countries it is exactly "
        "constant over long early stretches (for example Germany before 1991): read flat "
        "stretches as gap-filling, not measurement. Price levels compare PPP to "
        "the exchange rate: below 1 means goods are cheap at market exchange rates (as in "
        "much of the Global South), a measure used in debates on unequal exchange. csh_m is "
        "negative by PWT's convention."
    ),
    columns=(
        Column("country", "name", "country name", "country"),
        Column("isocode", "ISO 3166 alpha-3 code", "country code", "isocode"),
        Column("year", "calendar year", "year", "year"),
        Column("pop", "millions of people", "population", "pop"),
        Column("emp", "millions of persons", "persons engaged (employees and self-employed)", "emp"),
        Column("avh", "hours per person per year",
               "average annual hours worked by persons engaged", "avh"),
        Column("labsh", "share of GDP (0 to 1)",
               "share of labour compensation in GDP at current national prices", "labsh"),
        Column("rgdpna", PWT_UNITS_REAL, "real GDP at constant 2017 national prices", "rgdpna"),
        Column("cgdpo", PWT_UNITS_REAL, "output-side real GDP at current PPPs", "cgdpo"),
        Column("rnna", PWT_UNITS_REAL, "capital stock at constant 2017 national prices", "rnna"),
        Column("cn", PWT_UNITS_REAL, "capital stock at current PPPs", "cn"),
        Column("irr", "fraction per year", "real internal rate of return on capital", "irr"),
        Column("delta", "fraction per year", "average depreciation rate of the capital stock",
               "delta"),
        Column("xr", "national currency per US dollar",
               "exchange rate (market, or estimated where there is none)", "xr"),
        Column("pl_gdpo", "ratio, US output in 2017 = 1",
               "price level of output-side GDP (PPP / exchange rate)", "pl_gdpo"),
        Column("pl_con", "ratio, US output in 2017 = 1",
               "price level of household and government consumption", "pl_con"),
        Column("pl_x", "ratio, US output in 2017 = 1", "price level of exports", "pl_x"),
        Column("pl_m", "ratio, US output in 2017 = 1", "price level of imports", "pl_m"),
        Column("csh_x", "share of GDP at current PPPs",
               "share of merchandise exports in GDP", "csh_x"),
        Column("csh_m", "share of GDP at current PPPs (negative)",
               "share of merchandise imports in GDP", "csh_m"),
    ),
    index=("isocode", "year"),
)

_RESERVE_ARMY = Dataset(
    name="reserve_army",
    title="The US reserve army of labour, monthly",
    filename="reserve_army.csv",
    raw_file="basu-logic-of-capital/RAL_Data.xlsx",
    source="US Bureau of Labor Statistics (BLS), Current Population Survey series compiled by "
    "Deepankar Basu (RAL_Data.xlsx, sheet RAL_Basic)",
    licence=PUBLIC_DOMAIN_BASU,
    citation=BASU_CITATION + " US Bureau of Labor Statistics.",
    coverage="United States, monthly, January 1948 to December 2018; marginally attached, "
    "reserve army and want-a-job series from January 1994",
    notes=(
        "reserve_army = unemployed + marginally_attached, computed by this project's build: the "
        "people counted in the numerator of the BLS's U-5 rate. The source sheet also has a "
        "column PRTW, described as 'total number of part time workers', and a measure RAL that "
        "adds it in. We leave both out: PRTW averages 0.23 to 0.32 million a year from 1994 to 2016 "
        "and jumps to about 2 million in January 2017, while the BLS counts tens of millions of "
        "part-time workers and several million part-time for economic reasons; it barely moves "
        "in the 2008-2009 recession. It cannot be what its label says, and we could not tell "
        "from the source which series it is. unemployed is computed in the source as "
        "unemployment_rate x labour_force / 100, hence its decimals. Seasonal adjustment is not "
        "stated in the source."
    ),
    columns=(
        Column("month", "month (YYYY-MM in the file; the date of its first day once loaded)", "month",
               "Month"),
        Column("labour_force", THOUSANDS, "civilian labour force (employed + unemployed)", "LF"),
        Column("civilian_population", THOUSANDS, "civilian noninstitutional population aged 16+",
               "CIVPOP"),
        Column("unemployment_rate", "percent of the labour force",
               "official unemployment rate (U-3)", "U3"),
        Column("unemployed", THOUSANDS, "unemployed persons", "UNEMP"),
        Column("marginally_attached", THOUSANDS,
               "marginally attached workers (want work, looked in the past year, not in the "
               "past four weeks)", "MARG"),
        Column("reserve_army", THOUSANDS,
               "a wider count of the reserve army: unemployed + marginally attached"),
        Column("want_job", THOUSANDS, "persons not in the labour force who want a job", "NLFWJ"),
    ),
    index=("month",),
)

_PRISON = Dataset(
    name="us_prison_population",
    title="US incarcerated population in prisons and jails",
    filename="us_prison_population.csv",
    raw_file="basu-logic-of-capital/RAL_Data.xlsx",
    source="US Bureau of Justice Statistics (BJS), compiled by Deepankar Basu "
    "(RAL_Data.xlsx, sheet prison)",
    licence=PUBLIC_DOMAIN_BASU,
    citation=BASU_CITATION + " US Bureau of Justice Statistics.",
    coverage="United States, annual, 1980-2018",
    notes="Total incarcerated population in prisons and jails, as in the source.",
    columns=(
        Column("year", "calendar year", "year", "year"),
        Column("prison_population", "persons",
               "total incarcerated population in prisons and jails", "prispop"),
    ),
    index=("year",),
)

_PRODUCTIVITY_WAGES = Dataset(
    name="us_productivity_wages",
    title="US corporate output and surplus, productivity and median real wages",
    filename="us_productivity_wages.csv",
    raw_file="basu-logic-of-capital/data-mok.xlsx",
    source="BEA NIPA Table 1.14 and Fixed Assets Table 6.1; FRED (Federal Reserve Bank of "
    "St Louis) series PRS85006163, LEU0252881600A, CPIAUCSL, GDPDEF from BLS and BEA; "
    "compiled by Deepankar Basu (data-mok.xlsx)",
    licence=PUBLIC_DOMAIN_BASU,
    citation=BASU_CITATION + " BEA NIPA Table 1.14; BEA Fixed Assets Table 6.1; FRED.",
    coverage="United States, annual, 1979-2019",
    notes=(
        "capital_stock here is the replacement-cost net capital stock of corporate business "
        "from Fixed Assets Table 6.1; it is not the same series as capital_stock in "
        "us_corporate (Table 4.1, nonresidential fixed assets) and the two differ (2,554.5 "
        "against 2,935.0 billion in 1980). The source does not state the reference year of "
        "net_value_added_real's chained dollars. labour_productivity covers the nonfarm "
        "economy, not only corporations. Descriptions follow the source's description sheet."
    ),
    columns=(
        Column("year", "calendar year", "year", "year"),
        Column("net_value_added", BILLIONS, "net value added of corporate business", "nva"),
        Column("net_value_added_real", "billions of chained US dollars",
               "net value added of corporate business, adjusted for prices", "nva_r"),
        Column("surplus", BILLIONS, "net operating surplus of corporate business", "nos"),
        Column("capital_stock", BILLIONS,
               "net capital stock of corporate business at replacement cost", "capstock"),
        Column("labour_productivity", "index, 1982 = 100",
               "real output per person in the nonfarm economy", "lp_person"),
        Column("median_weekly_wage_real", "1982-84 US dollars per week",
               "median usual weekly earnings of full-time workers, adjusted by the CPI",
               "rwage_wk"),
        Column("cpi", "index, 2012 = 100", "consumer price index for all urban consumers", "cpi"),
        Column("gdp_deflator", "index, 2012 = 100", "implicit price deflator for GDP", "gdpdef"),
    ),
    index=("year",),
)

#: Every shipped data set, by name. Loaders and ``describe`` read only this.
DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        _US_CORPORATE,
        _PRODUCTIVITY_PAY,
        _PRODUCTIVITY_PAY_QUARTERLY,
        _PWT,
        _RESERVE_ARMY,
        _PRISON,
        _PRODUCTIVITY_WAGES,
    )
}
