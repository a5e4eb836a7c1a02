"""The Bootcamp explorers driven from code: controls move, the chart and the words follow the data."""

from __future__ import annotations

import pandas as pd
import pytest

from exercises import InvalidInput
from exercises.bootcamp_explorers import (
    QUADRANTS,
    HypothesisExplorer,
    PeriodGapExplorer,
    PriceLevelExplorer,
    SupportAccountabilityExplorer,
    SurplusMeasureExplorer,
    TimelineExplorer,
    support_accountability_quadrant,
    surplus_value_rate,
)
from exercises.data import penn_world_table, productivity_pay, us_corporate
from tests.support.explorers import assert_accessible, drawn


def test_period_gap_explorer_follows_the_chosen_years():
    explorer = PeriodGapExplorer(start=1973, end=2024)
    assert_accessible(explorer)
    t = productivity_pay().set_index("year")
    ratio = (t.loc[2024, "productivity_index"] / t.loc[1973, "productivity_index"]) / (
        t.loc[2024, "pay_index"] / t.loc[1973, "pay_index"])
    assert f"Productivity divided by pay: {ratio:.2f}" in explorer.summary_text

    explorer.set(years=(1948, 1973))
    assert "From 1948 to 1973" in explorer.summary_text
    assert len(drawn(explorer)["data"]) == 2
    first_points = [trace.y[0] for trace in explorer.figure.data]
    assert first_points == pytest.approx([100, 100])  # both rebased to the first year
    with pytest.raises(InvalidInput, match="first no later than the last"):
        explorer.set(years=(2000, 1990))


def test_price_level_explorer_divides_by_the_us_level():
    explorer = PriceLevelExplorer(countries=["MEX", "IND"], country="MEX", year=2019)
    assert_accessible(explorer)
    levels = penn_world_table(["MEX", "USA"], start=2019, end=2019, columns=["pl_gdpo"]).set_index("isocode")["pl_gdpo"]
    expected = levels["MEX"] / levels["USA"]
    assert explorer.relative("MEX", 2019) == pytest.approx(expected)
    assert f"about {expected:.0%} of what" in explorer.summary_text

    explorer.set(country="IND", year=1990)
    assert "In 1990" in explorer.summary_text and "India" in explorer.summary_text


def test_surplus_value_rate_under_the_two_choices():
    table = us_corporate().set_index("year")
    s, v, nva = (table.loc[2017, c] for c in ("surplus", "compensation", "net_value_added"))
    assert surplus_value_rate(table, 2017) == pytest.approx(s / v)
    assert surplus_value_rate(table, 2017, taxes_in_surplus=True) == pytest.approx((nva - v) / v)
    assert round(surplus_value_rate(table, 2017), 2) == 0.33
    assert round(surplus_value_rate(table, 2017, taxes_in_surplus=True), 2) == 0.46
    assert surplus_value_rate(table, 2017, unproductive_share=0.25) == pytest.approx((s + 0.25 * v) / (0.75 * v))
    with pytest.raises(InvalidInput, match="unproductive_share"):
        surplus_value_rate(table, 2017, unproductive_share=1.5)

    explorer = SurplusMeasureExplorer(year=2017)
    assert_accessible(explorer)
    assert "s/v is 33%" in explorer.summary_text
    explorer.set(taxes=True)
    assert "taxes on production counted as surplus" in explorer.summary_text
    assert "s/v is 46%" in explorer.summary_text


def test_timeline_explorer_counts_the_window_and_says_it_is_a_selection():
    timeline = pd.DataFrame({"year": [1950, 1960, 1975, 1990], "region": ["a", "b", "a", "c"],
                             "kind": ["x", "y", "x", "x"], "event": ["e1", "e2", "e3", "e4"]})
    explorer = TimelineExplorer(timeline, years=(1950, 1980))
    assert_accessible(explorer)
    assert "3 rows of the table fall between 1950 and 1980" in explorer.summary_text
    assert "a different selection gives a different count" in explorer.summary_text
    explorer.set(years=(1950, 1990), kind="x")
    assert "3 rows of the table fall between 1950 and 1990 (x)" in explorer.summary_text
    with pytest.raises(InvalidInput, match="lacks"):
        TimelineExplorer(timeline.drop(columns="kind"))


def test_hypothesis_explorer_names_the_missing_parts():
    explorer = HypothesisExplorer({"bloc": ["tenants"], "opposing forces": ["the landlords"]})
    assert_accessible(explorer)
    assert "0 of 5 parts" in explorer.figure.layout.title.text
    explorer.choose(bloc="tenants", opposing_forces="the landlords")
    assert explorer.chosen() == {"bloc": "tenants", "opposing forces": "the landlords"}
    assert explorer.summary_text.startswith("If tenants, using […]")
    assert "Missing: basis of power, chokepoints, correlation of power." in explorer.summary_text
    with pytest.raises(InvalidInput, match="options must map the parts"):
        HypothesisExplorer({"allies": ["x"]})


def test_support_and_accountability_corners():
    assert support_accountability_quadrant(2, 2) == "drift"
    assert support_accountability_quadrant(2, 9) == "blame"
    assert support_accountability_quadrant(9, 2) == "letting each other down gently"
    assert support_accountability_quadrant(9, 9) == "support and accountability"
    explorer = SupportAccountabilityExplorer()
    assert_accessible(explorer)
    explorer.set(support=8, accountability=8)
    assert "support and accountability" in explorer.summary_text
    assert QUADRANTS["support and accountability"] in explorer.summary_text
    with pytest.raises(InvalidInput):
        explorer.set(support=11)
