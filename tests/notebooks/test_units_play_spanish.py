"""Bootcamp 1 in Spanish, played as a learner in a Spanish circle: nbgrader builds the
Spanish student version (as the release to that circle does), right answers pass every
check with the hidden tests put back, typical mistakes get their hint in Spanish, and
`redschool check` passes the unit in both languages."""

from __future__ import annotations

import copy
import json

import pytest

from curriculum.build import TEXT_STUBS
from curriculum.check import check
from curriculum.load import find_unit
from tests.support.answers import BOOTCAMP_01_ANSWERS_ES
from tests.support.learner import cell_errors, check_results, fill, run, student_version, with_hidden_tests
from tests.support.plays.bootcamp_and_political_economy import BOOTCAMP_01

UNIT = BOOTCAMP_01.id
CORRECT = BOOTCAMP_01_ANSWERS_ES
#: check -> (answer cell, wrong answer, words of the Spanish hint)
MISTAKES = {
    "unemployment-check": ("unemployment-answer", "rise_2007_to_2010 = unemployment_rate[2007] - unemployment_rate[2010]",
                           "Tu respuesta es menor que cero: resta la cifra de 2007 de la de 2010"),
    "ratio-check": ("ratio-answer", 'ratio_2024 = table.loc[2024, "pay_index"] / table.loc[2024, "productivity_index"]',
                    "dividiste el salario entre la productividad"),
    "period-check": ("period-answer", "my_first_year = 2019\nmy_last_year = 1979\nmy_period_ratio = 1.0",
                     "El primer año tiene que ser anterior al último"),
    "wage-share-check": ("wage-share-answer", 'wage_share_2017 = corp.loc[2017, "surplus"] / corp.loc[2017, "net_value_added"]',
                         "Usaste la columna surplus"),
}


@pytest.fixture(scope="module")
def student() -> dict:
    return student_version(UNIT, language="es")


def _play(student: dict, answers: dict[str, str]) -> dict:
    return run(with_hidden_tests(fill(copy.deepcopy(student), answers), UNIT, language="es"))


def _output_text(executed: dict, cell_id: str) -> str:
    cell = next(c for c in executed["cells"] if c["id"] == cell_id)
    return json.dumps(cell.get("outputs", []), ensure_ascii=False).replace("<br>", " ")


def test_the_spanish_student_version_is_the_same_assignment_in_spanish(student):
    english = student_version(UNIT)
    assert [c["id"] for c in student["cells"]] == [c["id"] for c in english["cells"]]
    text = json.dumps(student, ensure_ascii=False)
    assert "Si nunca usaste un cuaderno: empieza aquí" in text and "If you have never used a notebook" not in text
    reflection = next(c for c in student["cells"] if c["id"] == "reflect-pessimism")
    assert "".join(reflection["source"]) == TEXT_STUBS["es"]
    assert "### BEGIN HIDDEN TESTS" not in text and "bajó mucho\"\n" not in text  # solutions and hidden tests removed


def test_right_answers_pass_every_check_and_the_cells_speak_spanish(student):
    played = _play(student, CORRECT)
    assert set(check_results(played)) == set(BOOTCAMP_01.checks)
    assert all(message is None for message in check_results(played).values()), check_results(played)
    assert cell_errors(played) == {}
    assert "De 1979 a 2019, la productividad creció" in _output_text(played, "period-words")
    assert "Tu predicción: bajó mucho" in _output_text(played, "prediction-result")
    assert "los precios al consumidor subieron" in _output_text(played, "where-numbers")
    assert "la productividad creció un" in _output_text(played, "gap-chart")  # exercises/ writes Spanish when asked


def test_each_typical_mistake_gets_its_hint_in_spanish(student):
    played = _play(student, {**CORRECT, **{cell: answer for cell, answer, _ in MISTAKES.values()}})
    results = check_results(played)
    for check_id, (_, _, hint) in MISTAKES.items():
        assert results[check_id] is not None and results[check_id].startswith("AssertionError: "), (check_id, results[check_id])
        assert hint in results[check_id], (check_id, results[check_id])
    assert results["every-year-check"] is None
    assert cell_errors(played, include_checks=False) == {}


def test_an_untouched_spanish_notebook_says_in_spanish_what_to_do(student):
    played = run(copy.deepcopy(student))
    assert check_results(played)["unemployment-check"] == (
        "AssertionError: Cambia los tres puntos ... de la celda de arriba por tu cálculo.")


def test_the_check_passes_bootcamp_1_in_both_languages():
    report = check([find_unit(UNIT).folder], workers=1)
    assert report.problems == [], [p.format() for p in report.problems]
    assert report.executed == 1 and report.notebooks == 2
