"""Explorers driven from code: sliders move, the figure and the words change, in place."""

from __future__ import annotations

import pytest

from exercises import InvalidInput
from exercises.explorers import ProfitRateExplorer, ReproductionExplorer, WorkingDayExplorer
from exercises.models import ReproductionScheme
from tests.support.explorers import assert_accessible, drawn


def test_working_day_explorer():
    explorer = WorkingDayExplorer(length=10, wage=100, productivity=1, value_per_hour=20)
    assert_accessible(explorer)
    assert "(hours)" in explorer.length.description
    assert "dollars per day" in explorer.wage.description
    assert "× today" in explorer.productivity.description
    assert [bar["x"][0] for bar in drawn(explorer)["data"]] == [5, 5]
    assert "s/v is 100%" in explorer.summary_text

    explorer.length.value = 12  # as if the learner dragged the slider
    assert [bar["x"][0] for bar in drawn(explorer)["data"]] == [5, 7]
    assert "7 hours are unpaid" in explorer.figure.layout.title.text
    assert "140%" in explorer.summary_text

    explorer.set(productivity=2, wage=100)  # relative surplus value
    assert explorer.day.necessary == pytest.approx(2.5)
    assert "2.5 hours reproduce the value of the wage" in explorer.summary.value
    assert "at 2 times today's productivity" in explorer.summary_text

    explorer.set(productivity=1, wage=300, length=10)  # wage worth more than the day
    assert explorer.day.surplus == 0
    assert "no surplus value" in explorer.summary_text


def test_profit_rate_explorer():
    explorer = ProfitRateExplorer(periods=10, composition_growth=5)
    assert_accessible(explorer)
    assert "(% per period)" in explorer.composition_growth.description
    before = drawn(explorer)["data"][0]["y"]
    assert len(before) == 11
    assert before[0] == pytest.approx(0.2) and before[-1] == pytest.approx(0.1331, abs=1e-4)
    assert "fell from 20.0% to 13.3%" in explorer.summary_text

    explorer.productivity_growth.value = 4  # the counteracting effects come from productivity
    after = drawn(explorer)["data"][0]["y"]
    assert after[-1] > before[-1]
    assert "output per hour grows 4%" in explorer.summary_text
    assert explorer.simulation.periods[-1].c == pytest.approx(400 * (1.05 / 1.04) ** 10)

    explorer.set(periods=40, real_wage_growth=4, composition_growth=5)
    assert len(drawn(explorer)["data"][0]["y"]) == 41
    assert explorer.simulation.real_wage_growth == pytest.approx(0.04)
    assert explorer.simulation.periods[-1].v == pytest.approx(100)


def test_reproduction_explorer_period_by_period():
    explorer = ReproductionExplorer(accumulation=50, periods=3)
    assert_accessible(explorer)
    bars = drawn(explorer)["data"]
    assert bars[0]["y"] == pytest.approx([6000, 6600, 7260, 7986])
    assert "Period 0: Department I (means of production): 4000c" in explorer.summary_text
    assert "Department II adds 100c + 50v" in explorer.summary_text

    explorer.period.value = 1
    assert "Period 1: Department I (means of production): 4400c + 1100v" in explorer.summary_text
    assert explorer.figure.layout.shapes[0].x0 == pytest.approx(0.5)

    explorer.periods.value = 8  # dragging "number of periods" widens "period to describe"
    assert explorer.period.max == 8
    assert len(drawn(explorer)["data"][0]["y"]) == 9

    explorer.set(scheme="Marx's simple reproduction example")  # cannot expand at 50%
    assert explorer.run is None
    assert "does not make enough means of production" in explorer.summary_text
    assert drawn(explorer)["data"][0]["x"] == ["Dept I: means of production",
                                               "Dept II: means of consumption"]

    explorer.set(accumulation=0, period=2)  # simple reproduction: stationary
    assert "stays at 9000" in explorer.summary_text
    assert drawn(explorer)["data"][0]["y"] == pytest.approx([6000] * 9)


def test_reproduction_explorer_with_own_scheme():
    scheme = ReproductionScheme(I=(400, 100, 100), II=(150, 75, 75))
    explorer = ReproductionExplorer(scheme, periods=2)
    assert explorer.scheme.value == "Your scheme"
    assert explorer.run.schemes[0] == scheme
    with pytest.raises(InvalidInput, match="scheme must be a ReproductionScheme or one of"):
        ReproductionExplorer("Marx's other example")


def test_set_rejects_unknown_controls_and_values_out_of_range():
    explorer = WorkingDayExplorer()
    with pytest.raises(InvalidInput, match="lenght is not a control of this explorer; the "
                                           "controls are length, productivity, wage"):
        explorer.set(lenght=12)
    with pytest.raises(InvalidInput, match=r"^length \(Length of the working day \(hours\)\) must "
                                           r"be between 4 and 16; you gave 30\."):
        explorer.set(length=30)
    assert explorer.length.value == 10  # unchanged
    with pytest.raises(InvalidInput, match="value_per_hour"):
        WorkingDayExplorer(value_per_hour=0)


def test_set_redraws_once():
    explorer = ProfitRateExplorer()
    calls = []
    original = explorer._draw
    explorer._draw = lambda: (calls.append(1), original())[1]
    explorer.set(periods=20, composition_growth=2, productivity_growth=1, real_wage_growth=1)
    assert calls == [1]
