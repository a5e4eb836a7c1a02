"""The conjunctural-analysis units' source, read without running it: the worked analysis
states no figure its cells do not compute, names its data's provenance, and marks its
judgement as judgement; the worksheet cells are the toolkit's own text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exercises.worksheets import text

LRS = Path(__file__).resolve().parents[2] / "curriculum/little-red-school"
METHOD = "lrs-ca-01-reading-the-conjuncture"


def cells(unit: str) -> list[dict]:
    return json.loads((LRS / unit / f"{unit}.ipynb").read_text())["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_the_worked_analysis_states_no_figure_in_its_prose():
    # Figures (percentages, decimals, counts with thousands separators) come only from
    # cells that compute them from the shipped data; the prose may name years and scales.
    figure = re.compile(r"\d\s*(?:%|per ?cent)|\d+\.\d+|\d{1,3},\d{3}", re.I)
    found = {c["id"]: figure.findall(source(c)) for c in cells(METHOD) if c["cell_type"] == "markdown"}
    assert {cell: hits for cell, hits in found.items() if hits} == {}


def test_the_worked_analysis_names_the_provenance_of_every_data_set_it_loads():
    code = "\n".join(source(c) for c in cells(METHOD) if c["cell_type"] == "code")
    loaded = set(re.findall(r"\b(us_corporate|reserve_army|productivity_pay|us_prison_population)\(\)", code))
    described = set(re.findall(r'describe\("(\w+)"\)', code))
    assert loaded and loaded <= described


def test_the_worked_analysis_marks_judgement_as_judgement():
    by_id = {c["id"]: source(c) for c in cells(METHOD)}
    assert "judgement" in by_id["worked-forces"] and "Everything in this table is judgement" in by_id["forces-context"]
    assert "judgement" in by_id["worked-timeline"]


@pytest.mark.parametrize("unit, cell_id, var", [
    ("lrs-ca-02-our-conjuncture", "timeline-answer", "timeline"),
    ("lrs-ca-02-our-conjuncture", "forces-answer", "forces"),
    ("lrs-ca-02-our-conjuncture", "chokepoints-answer", "points"),
    ("lrs-ca-03-strategy-sketch", "forces-answer", "forces"),
    ("lrs-ca-03-strategy-sketch", "chokepoints-answer", "points"),
    ("lrs-ca-03-strategy-sketch", "hypothesis-answer", "hypothesis"),
])
def test_worksheet_cells_open_as_the_forms_write_them(unit, cell_id, var):
    # The learner's blank cell starts with the same words the form writes back, so
    # pasting a cell from one unit into another, or saving from the form, changes only data.
    cell = next(c for c in cells(unit) if c["id"] == cell_id)
    kind = next(k for k, v in text.DEFAULT_VARS.items() if v == var)
    assert source(cell).startswith(f"# {text.HEADERS[kind]}.\n")
    assert source(cell).rstrip().endswith(f"### END SOLUTION\n{var}")
    assert cell["metadata"]["nbgrader"]["solution"] and not cell["metadata"]["nbgrader"]["locked"]
