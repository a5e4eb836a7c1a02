"""The socially necessary labour time explorer, driven from code as a learner would drag it."""

from __future__ import annotations

import pytest

from exercises import InvalidInput
from exercises.explorers import SNLTExplorer
from exercises.models import socially_necessary_labour_time
from tests.support.explorers import assert_accessible, drawn


def test_snlt_explorer_draws_the_model():
    explorer = SNLTExplorer(workshop_hours=3, factory_hours=1.5, new_hours=0.5, new_share=10)
    assert_accessible(explorer)
    assert "hours per shirt" in explorer.workshop_hours.description
    assert "(% of all)" in explorer.new_share.description
    # 50 shirts at 3 h, 850 at 1.5 h, 100 at 0.5 h: 1475 hours for 1000 shirts.
    expected = socially_necessary_labour_time(
        [("Small workshop", 3, 50), ("Typical factory", 1.5, 850), ("New-machine factory", 0.5, 100)])
    assert explorer.result == expected
    assert explorer.result.hours_per_unit == pytest.approx(1.475)
    figure = drawn(explorer)
    assert list(figure["data"][0]["x"]) == ["Small workshop", "Typical factory", "New-machine factory"]
    assert list(figure["data"][0]["y"]) == [3, 1.5, 0.5]
    assert "1.48 hours per unit" in explorer.summary_text
    assert "10% are made with new machines, 85% in typical factories" in explorer.summary_text
    assert "counts for 0.49 hours of value" in explorer.summary_text


def test_snlt_falls_as_the_new_machines_spread_in_place():
    explorer = SNLTExplorer()
    before = explorer.result.hours_per_unit
    explorer.new_share.value = 60  # as if the learner dragged the slider
    assert explorer.result.hours_per_unit < before
    assert explorer.result.hours_per_unit == pytest.approx(0.975)
    assert "0.97 hours per unit" in explorer.summary.value or "0.98 hours per unit" in explorer.summary.value
    assert len(explorer.output.outputs) == 1, "the chart is replaced, never stacked"

    explorer.set(new_share=95)  # the typical factories are gone: they are left out
    assert [p.name for p in explorer.result.producers] == ["Small workshop", "New-machine factory"]
    assert "0% in typical factories" in explorer.summary_text


def test_snlt_explorer_set_and_inputs():
    explorer = SNLTExplorer(good="loaf", workshop_share=0)
    assert "hours per loaf" in explorer.factory_hours.description
    assert explorer.new_share.max == 100
    assert "small workshop counts" not in explorer.summary_text  # no workshop, no sentence about it
    with pytest.raises(InvalidInput, match="new_share"):
        explorer.set(new_share=120)
    with pytest.raises(InvalidInput, match="not a control"):
        explorer.set(hours=2)
    with pytest.raises(InvalidInput, match="workshop_share"):
        SNLTExplorer(workshop_share=80)
    calls = []
    original = explorer._draw
    explorer._draw = lambda: (calls.append(1), original())[1]
    explorer.set(workshop_hours=4, factory_hours=2, new_hours=1, new_share=50)
    assert calls == [1]
    assert explorer.result.hours_per_unit == pytest.approx(1.5)
