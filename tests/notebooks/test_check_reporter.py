"""Checks answer in one line in a learner's kernel (exercises/check_reporter.py, loaded the
way the learners' kernel spec loads it: `--ext=exercises.check_reporter`)."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from exercises.check_reporter import NOT_YET_DEFAULT, RIGHT
from hub.workspace import CHECK_REPORTER, learner_kernel_spec

CHECK = '# Checks your answer\nassert rate is not ..., "Replace the ... with your answer."\nassert rate == 0.25, "Divide s by v: 90 / 360."\nassert abs(rate - 0.25) < 1e-9\n'


def run(*sources: str) -> list:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=60,
                            extra_arguments=[f"--ext={CHECK_REPORTER}"])
    client.execute()
    return [cell.outputs for cell in nb.cells]


def test_the_learner_kernel_spec_loads_the_reporter():
    assert f"--ext={CHECK_REPORTER}" in learner_kernel_spec("/venv/bin/python")["argv"]


def test_a_wrong_answer_shows_only_its_hint_and_still_fails():
    outputs = run("rate = 90 / 90", CHECK)
    (error,) = outputs[1]
    assert error.output_type == "error"  # nbgrader and Run All still see a failed check
    assert error.traceback == ["Not yet: Divide s by v: 90 / 360."]
    assert "abs(rate" not in str(error)  # the hidden test is never shown


def test_a_right_answer_says_so():
    outputs = run("rate = 90 / 360", CHECK)
    assert [o.get("text") for o in outputs[1]] == [RIGHT + "\n"]


def test_a_check_without_a_hint_and_a_missing_answer_say_plain_words():
    outputs = run("rate = 0.3", "# Checks your answer\nassert rate == 0.25\n", "# Checks your answer\nassert other == 1, 'x'\n")
    assert outputs[1][0].traceback == [NOT_YET_DEFAULT]
    assert outputs[2][0].traceback == ["Not yet: the check stopped with NameError: name 'other' is not defined. Run your answer cell, then this one."]


def test_other_cells_keep_ipythons_own_traceback():
    outputs = run("1 / 0")
    (error,) = outputs[0]
    assert error.ename == "ZeroDivisionError" and len(error.traceback) > 1


def test_a_spanish_workspaces_kernel_answers_in_spanish(monkeypatch):
    monkeypatch.setenv("REDSCHOOL_LANGUAGE", "es")  # what the hub sets for a Spanish speaker; kernels inherit it
    outputs = run("rate = 90 / 90", CHECK, "rate = 90 / 360", CHECK)
    assert outputs[1][0].traceback == ["Todavía no: Divide s by v: 90 / 360."]
    assert [o.get("text") for o in outputs[3]] == ["Bien: esta respuesta pasa sus comprobaciones.\n"]
