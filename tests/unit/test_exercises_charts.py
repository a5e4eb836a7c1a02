"""Chart builders: the numbers they draw, the house style, the source line, offline rendering."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from exercises import InvalidInput, charts
from exercises.data import penn_world_table, productivity_pay, reserve_army, us_corporate
from exercises.measures import us_corporate_rates
from exercises.models import (
    MARX_EXPANDED_EXAMPLE,
    MARX_FIVE_SECTORS,
    MARX_SIMPLE_EXAMPLE,
    ReproductionScheme,
    ValueComposition,
    WorkingDay,
    simulate_expanded_reproduction,
    simulate_profit_rate,
    socially_necessary_labour_time,
    transform_values,
)


def source_line(fig: go.Figure) -> str:
    notes = [a.text for a in fig.layout.annotations if a.name == "source"]
    assert len(notes) == 1, "every chart has exactly one source line"
    return notes[0]


def assert_house_style(fig: go.Figure, *, source: str) -> None:
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text, "the title states the finding"
    assert fig.layout.title.subtitle.text is not None
    assert source in source_line(fig).replace("<br>", " ")
    template = pio.templates[charts.TEMPLATE_NAME]
    assert list(template.layout.colorway) == charts.COLOURS
    assert template.layout.font.size >= 16
    assert all(len(line) <= 80 for line in fig.layout.title.text.split("<br>"))
    assert fig.layout.xaxis.title.text or fig.layout.yaxis.title.text, "axes are labelled"


MODEL = "Model with illustrative numbers"


def test_value_composition_chart():
    fig = charts.value_composition_chart(410, 90, 90)
    assert [trace.x[0] for trace in fig.data] == [410, 90, 90]
    assert fig.layout.barmode == "stack"
    assert "100% of wages" in fig.layout.title.text and "18%" in fig.layout.title.text
    assert "hours of labour, or dollars" in fig.layout.xaxis.title.text
    assert_house_style(fig, source=MODEL)
    same = charts.value_composition_chart(ValueComposition(410, 90, 90))
    assert same.layout.title.text == fig.layout.title.text
    with pytest.raises(InvalidInput, match=r"^v \(variable capital\)"):
        charts.value_composition_chart(410, 0, 90)


def test_working_day_chart():
    fig = charts.working_day_chart(WorkingDay(length=10, necessary=4))
    assert [trace.x[0] for trace in fig.data] == [4, 6]
    assert fig.layout.title.text.startswith("Of a 10-hour day, 6 hours are unpaid: s/v = 150%")
    assert fig.layout.xaxis.title.text == "Hours of the working day"
    assert_house_style(fig, source=MODEL)
    with pytest.raises(InvalidInput, match="day must be a WorkingDay"):
        charts.working_day_chart(10)


def test_snlt_chart():
    result = socially_necessary_labour_time({"workshop A": (2, 100), "factory B": (1, 300)})
    fig = charts.snlt_chart(result)
    assert list(fig.data[0].x) == ["workshop A", "factory B"]
    assert list(fig.data[0].y) == [2, 1]
    assert fig.layout.shapes[0].y0 == pytest.approx(1.25)
    assert "1.25 hours per unit" in fig.layout.title.text
    assert_house_style(fig, source=MODEL)


def test_profit_rate_chart():
    sim = simulate_profit_rate(periods=10, composition_growth=0.05)
    fig = charts.profit_rate_chart(sim)
    rate, _, composition = fig.data
    assert list(rate.y) == pytest.approx(sim.rates_of_profit())
    assert list(composition.y) == pytest.approx([p.organic_composition for p in sim.periods])
    assert fig.layout.title.text.replace("<br>", " ").startswith(
        "The rate of profit falls from 20.0% to 13.3%")
    assert fig.layout.yaxis.tickformat == ".0%"
    assert_house_style(fig, source=MODEL)


def test_reproduction_charts():
    run = simulate_expanded_reproduction(MARX_EXPANDED_EXAMPLE, periods=2)
    fig = charts.reproduction_chart(run)
    assert list(fig.data[0].y) == pytest.approx([6000, 6600, 7260])
    assert list(fig.data[1].y) == pytest.approx([3000, 3200, 3520])
    assert "from 9000 to 10780 in 2 periods" in fig.layout.title.text.replace("<br>", " ")
    assert_house_style(fig, source=MODEL)

    fig = charts.reproduction_scheme_chart(MARX_SIMPLE_EXAMPLE)
    assert [list(t.y) for t in fig.data] == [[4000, 2000], [1000, 500], [1000, 500]]
    assert fig.layout.title.text == "Simple reproduction balances: I(v + s) = 2000 = IIc"
    assert_house_style(fig, source=MODEL)
    short = charts.reproduction_scheme_chart(ReproductionScheme((4000, 500, 500), (2000, 500, 500)))
    assert "falls short" in short.layout.title.text
    room = charts.reproduction_scheme_chart(MARX_EXPANDED_EXAMPLE)
    assert "room to expand" in room.layout.title.text


def test_transformation_chart():
    fig = charts.transformation_chart(transform_values(MARX_FIVE_SECTORS))
    values, prices = fig.data
    assert list(values.y) == pytest.approx([120, 130, 140, 115, 105])
    assert list(prices.y) == pytest.approx([122] * 5)
    assert "22.0%" in fig.layout.title.text
    assert "Total value 610 = total price 610" in fig.layout.title.subtitle.text
    assert_house_style(fig, source=MODEL)


def test_exploitation_chart_uses_the_library_rates():
    rates = us_corporate_rates()
    fig = charts.exploitation_chart()
    sv, r = fig.data
    assert list(sv.y) == pytest.approx(rates["rate_of_surplus_value"].tolist())
    assert list(r.x) == rates["year"].tolist()
    last = rates.iloc[-1]
    assert f"${last['rate_of_surplus_value'] * 100:.0f} of" in fig.layout.title.text
    assert "(2017)" in fig.layout.title.text  # last year with a capital stock
    assert_house_style(fig, source="NIPA Table 1.14")
    nonfin = charts.exploitation_chart(sector="nonfinancial")
    assert list(nonfin.data[0].y) != list(sv.y)


def test_productivity_pay_chart_title_is_computed():
    df = productivity_pay()
    fig = charts.productivity_pay_chart(df)
    base = df[df["year"] == 1973].iloc[0]
    last = df.iloc[-1]
    grow = last["productivity_index"] / base["productivity_index"] - 1
    assert f"productivity grew {grow * 100:.0f}%" in fig.layout.title.text.replace("<br>", " ")
    assert list(fig.data[0].y) == df["productivity_index"].tolist()
    assert "1948 = 100" in fig.layout.yaxis.title.text
    assert_house_style(fig, source="Economic Policy Institute")
    quarterly = charts.productivity_pay_chart(productivity_pay("quarterly"))
    assert "2025Q3" in quarterly.layout.title.text.replace("<br>", " ")


def test_labour_share_chart():
    fig = charts.labour_share_chart(["USA", "IND"], start=2000)
    assert {t.name for t in fig.data} == {"United States of America", "India"}
    us = penn_world_table("USA", start=2000, columns=["labsh"])
    trace = next(t for t in fig.data if t.name.startswith("United States"))
    assert list(trace.y) == pytest.approx(us["labsh"].tolist())
    assert "2019" in fig.layout.title.text
    assert_house_style(fig, source="Penn World Table version 10.01")
    with pytest.raises(InvalidInput, match="no labour share"):
        charts.labour_share_chart(frame=penn_world_table("ABW", start=1950, end=1951))


def test_reserve_army_chart():
    df = reserve_army()
    fig = charts.reserve_army_chart(df)
    official, wider = fig.data
    assert list(official.y) == pytest.approx((df["unemployment_rate"] / 100).tolist())
    assert wider.y[-1] == pytest.approx(df["reserve_army"].iloc[-1] / df["labour_force"].iloc[-1])
    assert "1994 to 2018" in fig.layout.title.text
    assert "marginally attached" in wider.name and "part" not in wider.name
    assert_house_style(fig, source="Bureau of Labor Statistics")


def test_time_series_chart_for_authors():
    df = us_corporate()
    fig = charts.time_series_chart(df, "year", ["compensation", "surplus"],
                                   title="Wages and surplus both grew",
                                   labels={"surplus": "Net operating surplus"})
    assert [t.name for t in fig.data] == ["compensation", "Net operating surplus"]
    assert fig.layout.yaxis.title.text == "Billions of current US dollars"
    assert fig.layout.xaxis.title.text == "Calendar year"  # the column's units, which are English
    assert_house_style(fig, source="NIPA Table 1.14")
    # A translated notebook names both axes in its own language.
    spanish = charts.time_series_chart(df, "year", "surplus", title="El excedente creció", x_title="Año", y_title="Miles de millones")
    assert (spanish.layout.xaxis.title.text, spanish.layout.yaxis.title.text) == ("Año", "Miles de millones")
    with pytest.raises(InvalidInput, match=r"\['profit'\] are not"):
        charts.time_series_chart(df, "year", "profit", title="x")


def test_house_style_for_own_figures_and_source_errors():
    fig = charts.house_style(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])), title="Up",
                             y_title="Dollars", source="my own survey")
    assert source_line(fig) == "Source: my own survey"
    with pytest.raises(InvalidInput, match="without a 'source'"):
        charts.house_style(go.Figure(), title="x", source=pd.DataFrame({"a": [1]}))
    with pytest.raises(InvalidInput, match="must be a text or a table"):
        charts.source_text(42)


def test_offline_renderer_has_no_cdn():
    charts.setup_offline_rendering()
    assert pio.renderers.default == "plotly_mimetype+redschool_notebook"
    assert pio.templates.default.endswith(charts.TEMPLATE_NAME)
    fig = charts.value_composition_chart(410, 90, 90)
    bundle = pio.renderers["redschool_notebook"].to_mimebundle(fig.to_dict())
    page = bundle["text/html"]
    assert "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "https://" not in page and "cdn" not in page.lower()
    # Calling it again changes nothing (the plotly.js bundle is embedded once per kernel).
    charts.setup_offline_rendering()
    assert pio.renderers.default == "plotly_mimetype+redschool_notebook"


def test_palette_is_okabe_ito():
    assert set(charts.COLOURS) == set(charts.OKABE_ITO.values())
    assert charts.COLOURS[-1] == charts.OKABE_ITO["yellow"]  # hardest to see on white: last
