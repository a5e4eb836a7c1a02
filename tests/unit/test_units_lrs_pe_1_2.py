"""Little Red School units 1 and 2 played as a learner would: the right answers pass every
autograded check (hidden tests included), and typical wrong answers get the intended hint."""

from __future__ import annotations

import pytest

from tests.support.learner import cell_errors, check_results, play

PE01 = "lrs-pe-01-commodity-and-value"
PE02 = "lrs-pe-02-surplus-value-and-exploitation"

REFLECTION = "At the laundry co-op the fastest machine sets everyone's pace; we argued about it."

PE01_RIGHT = {
    "exercise-answer": "hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())",
    "value-answer": 'value_of_c_shirts = workshop_shirts["C"] * hours_per_shirt',
    "exchange-answer": "loaves_per_shirt = hours_per_shirt / hours_per_loaf",
    "machine-answer": "new_hours_per_shirt = (80 + 150 + 40) / (40 + 250 + 10)",
    "world-answer": 'output_per_hour = pwt["cgdpo"] / pwt["emp"] / pwt["avh"]',  # same sum, another way
    "reflection-answer": REFLECTION,
    "reflect-housing": REFLECTION,
    "reflect-pace": REFLECTION,
}
PE01_WRONG = {
    "exercise-answer": "hours_per_shirt = (2 + 1.5 + 4) / 3",
    "value-answer": 'value_of_c_shirts = workshop_hours["C"]',
    "exchange-answer": "loaves_per_shirt = hours_per_loaf / hours_per_shirt",
    "machine-answer": "new_hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())",
    "world-answer": 'output_per_hour = pwt["cgdpo"] / pwt["emp"] * pwt["avh"]',
}
PE01_HINTS = {
    "exercise-check": "You averaged the three workshops as if each made the same number of shirts",
    "value-check": "40 is the hours workshop C actually worked",
    "exchange-check": "You divided the other way round",
    "machine-check": "That is the old time per shirt",
    "world-check": "Put brackets around",
}

PE02_RIGHT = {
    "surplus-answer": "surplus_hours = day_length - necessary_hours",
    "rate-answer": "rate_of_surplus_value = surplus_hours / necessary_hours",
    "absolute-answer": "longer_day_rate = (longer_day - necessary_hours) / necessary_hours",
    "relative-answer": "necessary_after = necessary_hours / 2",
    "data-answer": 'surplus_rate_by_year = corp["surplus"] / corp["compensation"]',
    "reflect-working-day": REFLECTION,
    "reflect-conversation": REFLECTION,
}
PE02_WRONG = {
    "surplus-answer": "surplus_hours = day_length + necessary_hours",
    "rate-answer": "rate_of_surplus_value = 6 / 10",
    "absolute-answer": "longer_day_rate = (longer_day - necessary_hours) / longer_day",
    "relative-answer": "necessary_after = necessary_hours * 2",
    "data-answer": 'surplus_rate_by_year = corp["compensation"] / corp["surplus"]',
}
PE02_HINTS = {
    "surplus-check": "You added the hours",
    "rate-check": "You divided by the whole day",
    "absolute-check": "You divided by the whole shift",
    "relative-check": "You multiplied",
    "data-check": "you divided compensation by surplus",
}


@pytest.mark.parametrize("unit_id, right, wrong, hints", [
    (PE01, PE01_RIGHT, PE01_WRONG, PE01_HINTS),
    (PE02, PE02_RIGHT, PE02_WRONG, PE02_HINTS),
], ids=["pe-01", "pe-02"])
def test_right_answers_pass_and_wrong_ones_get_their_hint(unit_id, right, wrong, hints):
    good = play(unit_id, right)
    results = check_results(good)
    assert len(results) >= 4, "at least four autograded exercises"
    assert results == {grade_id: None for grade_id in results}, results
    assert cell_errors(good, include_checks=False) == {}

    bad = check_results(play(unit_id, wrong))
    assert set(hints) == set(bad)
    for grade_id, hint in hints.items():
        assert bad[grade_id] is not None and bad[grade_id].startswith("AssertionError: "), (grade_id, bad[grade_id])
        assert hint in bad[grade_id], (grade_id, bad[grade_id])


def test_pe01_keeps_the_cells_other_tests_rely_on():
    import json

    from curriculum.load import find_unit

    unit = find_unit(PE01)
    source = json.loads((unit.folder / unit.manifest.notebooks[0]).read_text())
    cells = {c["metadata"]["nbgrader"]["grade_id"]: c for c in source["cells"]}
    answer = "".join(cells["exercise-answer"]["source"])
    assert "hours_per_shirt = ...\n### BEGIN SOLUTION" in answer
    check = cells["exercise-check"]
    assert check["metadata"]["nbgrader"]["points"] == 1
    assert "abs(hours_per_shirt - 1.8) < 0.001" in "".join(check["source"])
    reflection = cells["reflection-answer"]
    assert reflection["cell_type"] == "markdown" and reflection["metadata"]["nbgrader"]["points"] == 1
    first_reflection = next(c for c in source["cells"] if c["cell_type"] == "markdown"
                            and c["metadata"]["nbgrader"]["solution"])
    assert first_reflection["id"] == "reflection-answer"
