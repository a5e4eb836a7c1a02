"""Little Red School units 3 and 4 played as a learner would: the right answers pass every
autograded check (hidden tests included), and typical wrong answers get the intended hint."""

from __future__ import annotations

import json

import pytest

from tests.support.learner import cell_errors, check_results, play

PE03 = "lrs-pe-03-profit-rate-and-crisis"
PE04 = "lrs-pe-04-reproduction-and-accumulation"

REFLECTION = "At the warehouse the new sorters came with a speed-up; people were afraid to complain."

PE03_RIGHT = {
    "composition-answer": "composition_new = c_new / v_new",
    "profit-rate-answer": "rate_of_profit_new = s_new / (c_new + v_new)",
    # the same run, written with the arguments in another order
    "squeeze-answer": "squeezed = simulate_profit_rate(400, 100, 100, surplus_rate_growth=0.03, "
                      "composition_growth=0.05, periods=20)",
    "profit-column-answer": 'corp["rate_of_profit"] = corp["surplus"] / corp["capital_stock"]',
    "average-answer": 'average_1983_2007 = corp[corp["year"].between(1983, 2007)]["rate_of_profit"].mean()',
    "reflect-workplace": REFLECTION,
    "reflect-debate": REFLECTION,
}
PE03_WRONG = {
    "composition-answer": "composition_new = v_new / c_new",
    "profit-rate-answer": "rate_of_profit_new = s_new / v_new",
    "squeeze-answer": "squeezed = simulate_profit_rate(c=400, v=100, s=100, periods=20, "
                      "composition_growth=0.05, constant_capital_cheapening=0.03)",
    "profit-column-answer": 'corp["rate_of_profit"] = corp["capital_stock"] / corp["surplus"]',
    "average-answer": 'average_1983_2007 = corp[corp["year"].between(1950, 1969)]["rate_of_profit"].mean()',
}
PE03_HINTS = {
    "composition-check": "You divided the wages by the means of production",
    "profit-rate-check": "That is the rate of surplus value s/v",
    "squeeze-check": "You made the means of production cheaper",
    "profit-column-check": "you probably divided the capital stock by the surplus",
    "average-check": "That is the example's answer",
}

PE04_RIGHT = {
    "needed-answer": "II_c_needed = bigger_I.v + bigger_I.s",
    "gap-answer": "expanded_gap = expanded.I.v + expanded.I.s - expanded.II.c",
    "growth-answer": "growth_1_to_2 = run.schemes[2].total_value / run.schemes[1].total_value - 1",
    "capital-growth-answer": 'us["capital_growth"] = us["rnna"].pct_change()',
    "reflect-chokepoints": REFLECTION,
    "reflect-accumulation": REFLECTION,
}
PE04_WRONG = {
    "needed-answer": "II_c_needed = bigger_I.c",
    "gap-answer": "expanded_gap = expanded.II.c - expanded.I.v - expanded.I.s",
    "growth-answer": "growth_1_to_2 = run.schemes[2].total_value / run.schemes[1].total_value",
    "capital-growth-answer": 'us["capital_growth"] = us["rgdpna"].pct_change()',
}
PE04_HINTS = {
    "needed-check": "That is Department I's own constant capital",
    "gap-check": "Your answer is below zero",
    "growth-check": "Subtract 1 at the end",
    "capital-growth-check": "That is GDP growth again",
}


@pytest.mark.parametrize("unit_id, right, wrong, hints", [
    (PE03, PE03_RIGHT, PE03_WRONG, PE03_HINTS),
    (PE04, PE04_RIGHT, PE04_WRONG, PE04_HINTS),
], ids=["pe-03", "pe-04"])
def test_right_answers_pass_and_wrong_ones_get_their_hint(unit_id, right, wrong, hints):
    good = play(unit_id, right)
    results = check_results(good)
    assert len(results) >= 4, "at least four autograded exercises"
    assert results == {grade_id: None for grade_id in results}, results
    assert cell_errors(good, include_checks=False) == {}

    played_wrong = play(unit_id, wrong)
    bad = check_results(played_wrong)
    assert set(hints) == set(bad)
    for grade_id, hint in hints.items():
        assert bad[grade_id] is not None and bad[grade_id].startswith("AssertionError: "), (grade_id, bad[grade_id])
        assert hint in bad[grade_id], (grade_id, bad[grade_id])
    # Provided cells (charts, comparisons) still run after wrong answers.
    assert cell_errors(played_wrong, include_checks=False) == {}


@pytest.mark.parametrize("unit_id, explorer, data_sets", [
    (PE03, "ProfitRateExplorer", ['describe("us_corporate")', 'describe("reserve_army")']),
    (PE04, "ReproductionExplorer", ["describe(us)", "penn_world_table("]),
], ids=["pe-03", "pe-04"])
def test_unit_has_explorer_provenance_and_two_reflections(unit_id, explorer, data_sets):
    from curriculum.load import find_unit

    unit = find_unit(unit_id)
    source = json.loads((unit.folder / unit.manifest.notebooks[0]).read_text())
    text = "\n".join("".join(c["source"]) for c in source["cells"] if c["cell_type"] == "code")
    assert f"{explorer}()" in text
    for needle in data_sets:
        assert needle in text
    reflections = [c for c in source["cells"] if c["cell_type"] == "markdown"
                   and c["metadata"]["nbgrader"].get("solution") and c["metadata"]["nbgrader"].get("grade")]
    assert len(reflections) >= 2
    assert all(c["metadata"]["nbgrader"]["points"] == 1 for c in reflections)
