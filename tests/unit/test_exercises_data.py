"""Shipped data sets: provenance, coverage, the build reproducing them, and a check against the raw file."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pandas as pd
import pytest

from exercises import DataNotFound, InvalidInput, UnknownDataset
from exercises.data import (
    DATASETS,
    datasets,
    describe,
    load,
    penn_world_table,
    productivity_pay,
    reserve_army,
    us_corporate,
    us_prison_population,
    us_productivity_wages,
)
from exercises.data import build as build_module
from exercises.measures import marxian_rates, us_corporate_rates

DATA_DIR = Path(build_module.__file__).parent
RAW = build_module.default_source()
needs_raw = pytest.mark.skipif(
    not RAW.is_dir(), reason=f"raw data folder {RAW} not found (set REDSCHOOL_SHARED_DATA)"
)

PROVENANCE_KEYS = ("source", "licence", "units", "citation", "coverage", "notes")


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_dataset_loads_with_provenance(name):
    df = load(name)
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    for key in PROVENANCE_KEYS:
        assert df.attrs[key], f"{name} lacks {key}"
    assert set(df.attrs["units"]) == set(df.columns)
    assert set(df.attrs["descriptions"]) == set(df.columns)
    assert df.attrs["name"] == name


@pytest.mark.parametrize(
    ("loader", "name"),
    [
        (us_corporate, "us_corporate"),
        (productivity_pay, "productivity_pay"),
        (penn_world_table, "penn_world_table"),
        (reserve_army, "reserve_army"),
        (us_prison_population, "us_prison_population"),
        (us_productivity_wages, "us_productivity_wages"),
    ],
)
def test_named_loaders(loader, name):
    df = loader()
    assert df.attrs["name"] == name
    assert datasets() == list(DATASETS)


def test_loaders_return_fresh_copies():
    df = us_corporate()
    df["surplus"] = 0
    df.attrs["source"] = "changed"
    again = us_corporate()
    assert again["surplus"].iloc[0] == 12.3
    assert again.attrs["source"].startswith("US Bureau of Economic Analysis")


def test_us_corporate_coverage_and_columns():
    df = us_corporate()
    assert df["year"].tolist() == list(range(1929, 2019))
    for column in ("net_value_added", "compensation", "surplus", "capital_stock"):
        assert column in df.columns
        assert df.attrs["units"][column] == "billions of current US dollars"
    assert df["capital_stock"].isna().tolist() == [False] * 89 + [True]
    # The parts of net operating surplus add up to it (within the source's rounding).
    parts = df[["net_interest", "transfer_payments", "corporate_taxes", "dividends",
                "retained_earnings"]].sum(axis=1)
    assert (parts - df["surplus"]).abs().max() <= 0.2 + 1e-9
    # Net value added exceeds compensation + surplus by taxes on production less subsidies.
    assert (df["net_value_added"] >= df["compensation"] + df["surplus"]).all()


def test_productivity_pay_coverage():
    annual = productivity_pay()
    assert annual["year"].iloc[0] == 1948 and annual["year"].iloc[-1] == 2024
    assert annual["year"].is_unique and annual["year"].is_monotonic_increasing
    first = annual.iloc[0]
    assert first["productivity_index"] == 100 and first["pay_index"] == 100
    # The gap: productivity has grown far more than typical pay since 1973.
    last = annual.iloc[-1]
    assert last["productivity_index"] > 1.5 * last["pay_index"]
    # EPI removes rising prices from both series with the same index (real / nominal).
    productivity_prices = annual["productivity"] / annual["productivity_nominal"]
    pay_prices = annual["pay"] / annual["pay_nominal"]
    assert ((productivity_prices / pay_prices) - 1).abs().max() < 1e-4
    assert productivity_prices.iloc[-1] == pytest.approx(1, abs=1e-4)  # 2024 dollars
    quarterly = productivity_pay("quarterly")
    assert quarterly["quarter"].iloc[0] == "1948Q1" and quarterly["quarter"].iloc[-1] == "2025Q3"
    assert len(quarterly) == 311
    with pytest.raises(InvalidInput, match="must be 'annual' or 'quarterly'; you gave 'monthly'"):
        productivity_pay("monthly")


def test_penn_world_table_coverage_and_selection():
    pwt = penn_world_table()
    assert pwt["isocode"].nunique() == 183
    assert (pwt["year"].min(), pwt["year"].max()) == (1950, 2019)
    assert len(pwt) == 183 * 70
    for column in ("labsh", "rnna", "cn", "rgdpna", "cgdpo", "emp", "avh", "pop",
                   "pl_gdpo", "pl_con", "pl_x", "pl_m", "xr"):
        assert column in pwt.columns and column in pwt.attrs["units"]
    us = penn_world_table(["usa", "Brazil"], start=2000, end=2010, columns=["labsh", "emp"])
    assert sorted(us["isocode"].unique()) == ["BRA", "USA"]
    assert list(us.columns) == ["country", "isocode", "year", "labsh", "emp"]
    assert set(us.attrs["units"]) == set(us.columns)
    assert us["year"].between(2000, 2010).all() and len(us) == 22
    assert "BRA" in us.attrs["selection"] or "USA" in us.attrs["selection"]
    assert "Selected:" in describe(us, show=False)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"countries": "Brasil"}, "you gave 'Brasil'. Hint: did you mean 'Brazil'"),
        ({"start": 1900}, "start (first year) must be between 1950 and 2019; you gave 1900."),
        ({"start": 2010, "end": 2000}, "start (first year) must be at most end (2000)"),
        ({"columns": ["labsch"]}, "you gave 'labsch'. Hint: did you mean 'labsh'?"),
    ],
)
def test_penn_world_table_errors(kwargs, message):
    with pytest.raises(InvalidInput) as info:
        penn_world_table(**kwargs)
    assert message in str(info.value)


def test_reserve_army_coverage():
    df = reserve_army()
    assert len(df) == 852
    assert df["month"].iloc[0] == pd.Timestamp("1948-01-01")
    assert df["month"].iloc[-1] == pd.Timestamp("2018-12-01")
    assert df["reserve_army"].first_valid_index() == df.index[df["month"] == "1994-01-01"][0]
    full = df.dropna()
    total = full["unemployed"] + full["marginally_attached"]
    assert (total - full["reserve_army"]).abs().max() < 1e-6
    # The source's "part time" column is left out: it cannot be what its label says.
    assert "part_time" not in df.columns and "PRTW" in df.attrs["notes"]
    assert df.attrs["units"]["labour_force"] == "thousands of persons"


def test_describe_prints_once_or_returns(capsys):
    assert describe("us_corporate") is None  # printed, not echoed again as the cell's value
    printed = capsys.readouterr().out
    text = describe("us_corporate", show=False)
    assert printed.strip() == text.strip()
    for word in ("Source:", "Licence:", "Citation:", "Coverage:", "Columns:", "Notes:",
                 "NIPA Table 1.14", "billions of current US dollars", "1929-2018"):
        assert word in text
    assert describe("penn_world_table", show=False).count("CC BY 4.0") == 1
    assert capsys.readouterr().out == ""


def test_describe_unknown_name():
    with pytest.raises(UnknownDataset) as info:
        describe("us_corporation")
    assert str(info.value) == (
        "name (data set name) must be one of the shipped data sets; you gave 'us_corporation'. "
        "Hint: did you mean 'us_corporate'?"
    )
    assert isinstance(info.value, KeyError)
    with pytest.raises(InvalidInput, match="without provenance"):
        describe(pd.DataFrame({"a": [1]}))


def test_extracts_are_compact_and_only_the_registry():
    shipped = {p.name for p in DATA_DIR.iterdir() if p.suffix in (".csv", ".gz", ".xlsx")}
    assert shipped == {d.filename for d in DATASETS.values()}
    total = sum((DATA_DIR / name).stat().st_size for name in shipped)
    assert total < 3_000_000


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


@needs_raw
def test_build_reproduces_committed_extracts(tmp_path):
    written = build_module.build(source=RAW, out=tmp_path)
    assert {p.name for p in written} == {d.filename for d in DATASETS.values()}
    for path in written:
        assert _content(path) == _content(DATA_DIR / path.name), f"{path.name} is out of date"
    # Re-running gives identical bytes (gzip without timestamps).
    again = build_module.build(source=RAW, out=tmp_path / "again", names=["penn_world_table"])
    assert again[0].read_bytes() == (tmp_path / "penn_world_table.csv.gz").read_bytes()


@needs_raw
def test_build_command_line(tmp_path, capsys):
    assert build_module.main(["--source", str(RAW), "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    (tmp_path / "us_corporate.csv").write_text("year\n")
    assert build_module.main(["--source", str(RAW), "--out", str(tmp_path), "--check"]) == 1
    assert "Out of date" in capsys.readouterr().err


def test_build_reports_missing_raw_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REDSCHOOL_SHARED_DATA", str(tmp_path / "nowhere"))
    assert build_module.default_source() == tmp_path / "nowhere"
    assert build_module.main(["--out", str(tmp_path)]) == 1
    assert "--source DIR" in capsys.readouterr().err
    with pytest.raises(DataNotFound):
        build_module.build_frame("us_corporate")


# --- the US rates computed through the library agree with the raw spreadsheet --------------


@needs_raw
@pytest.mark.parametrize(
    ("sector", "columns"),
    [("corporate", ("nos_cb", "comp_cb", "k_cb")),
     ("nonfinancial", ("nos_nfcb", "comp_nfcb", "k_nfcb"))],
)
def test_us_rates_match_the_raw_spreadsheet(sector, columns):
    import openpyxl

    workbook = openpyxl.load_workbook(RAW / "basu-logic-of-capital" / "profit-us.xlsx",
                                      read_only=True, data_only=True)
    rows = list(workbook["data"].iter_rows(values_only=True))
    workbook.close()
    header = list(rows[0])
    nos, comp, k = (header.index(c) for c in columns)
    raw = {row[0]: row for row in rows[1:] if row[0] is not None}
    rates = us_corporate_rates(sector)
    assert rates["year"].tolist() == sorted(raw)
    for year, sv, r in rates[["year", "rate_of_surplus_value", "rate_of_profit"]].itertuples(
            index=False):
        row = raw[year]
        assert sv == pytest.approx(row[nos] / row[comp], rel=1e-12)
        if row[k] is None:
            assert pd.isna(r)
        else:
            assert r == pytest.approx(row[nos] / row[k], rel=1e-12)


def test_us_rates_values_and_provenance():
    rates = us_corporate_rates()
    y2017 = rates[rates["year"] == 2017].iloc[0]
    assert y2017["rate_of_surplus_value"] == pytest.approx(2085.9 / 6408.5)
    assert y2017["rate_of_profit"] == pytest.approx(2085.9 / 18661.4)
    assert y2017["wage_share"] + y2017["surplus_share"] < 1
    assert rates.attrs["source"] == us_corporate().attrs["source"]
    assert rates.attrs["units"]["rate_of_profit"] == "fraction per year (s / K)"
    with pytest.raises(InvalidInput, match="must be 'corporate' or 'nonfinancial'"):
        us_corporate_rates("financial")


def test_marxian_rates_on_any_table():
    table = pd.DataFrame({"year": [1, 2], "nos": [10.0, 20.0], "comp": [40.0, 40.0]})
    out = marxian_rates(table, surplus="nos", wages="comp", capital=None, value_added=None)
    assert out["rate_of_surplus_value"].tolist() == [0.25, 0.5]
    assert list(out.columns) == ["year", "rate_of_surplus_value"]
    with pytest.raises(InvalidInput, match=r"lacks \['surplus', 'compensation'"):
        marxian_rates(table)


def test_raw_data_env_var_is_honoured(monkeypatch, tmp_path):
    monkeypatch.delenv("REDSCHOOL_SHARED_DATA", raising=False)
    default = build_module.default_source()
    assert default.parts[-2:] == ("shared", "data")
    monkeypatch.setenv("REDSCHOOL_SHARED_DATA", os.fspath(tmp_path))
    assert build_module.default_source() == tmp_path
