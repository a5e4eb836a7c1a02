"""Whether a unit's visible checks agree with its hidden tests: the trial notebook
(tests/notebooks/test_checks_agree_lrs.py runs it for every Little Red School unit).

For each check a table gives answers the hidden tests accept and answers they reject.
One notebook run per unit: the learner's version, filled with correct answers and with
the hidden tests put back (as autograde does). After each check a trial cell writes
each answer from the table into the kernel, runs the check as the learner sees it
(hidden tests removed by nbgrader) and as autograde runs it (hidden tests in), records
both outcomes, and puts the correct answer back before the notebook goes on.
"""

from __future__ import annotations

import copy
import functools
import json

from tests.support.learner import fill, student_version, with_hidden_tests

ACCEPT, REJECT = True, False


def answers(accepted: list[str], rejected: list[str]) -> list[tuple[str, bool]]:
    return [(a, ACCEPT) for a in accepted] + [(r, REJECT) for r in rejected]


# Runs in the learner's kernel after a check cell: every answer, the visible check, the
# full check; then the correct answer again. Outcomes: "pass", "fail" (AssertionError),
# or "error: <type>" for anything else.
TRIAL = '''
def _outcome(_source):
    try:
        exec(_source, globals())
    except AssertionError:
        return "fail"
    except Exception as _error:
        return "error: " + type(_error).__name__ + ": " + str(_error)[:200]
    return "pass"

_trials = globals().setdefault("_agreement_trials", [])
for _answer, _expected in {candidates!r}:
    _written = _outcome(_answer)
    _trials.append({{"check": {check!r}, "answer": _answer, "expected": _expected, "written": _written,
                     "visible": _outcome({visible!r}), "hidden": _outcome({full!r})}})
exec({correct!r}, globals())
'''

REPORT = 'import json as _json\nprint("AGREEMENT " + _json.dumps(_agreement_trials))'


def code_cell(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": None, "metadata": {}, "outputs": [], "source": source}


def grade_id(cell: dict) -> str | None:
    return cell["metadata"].get("nbgrader", {}).get("grade_id")


@functools.cache
def student(unit_id: str) -> str:
    return json.dumps(student_version(unit_id))


def trial_notebook(unit, table: dict) -> dict:
    """The learner's notebook, answered correctly, hidden tests back, trial cells after each check."""
    learner = json.loads(student(unit.id))
    visible = {grade_id(c): "".join(c["source"]) for c in learner["cells"] if grade_id(c) in table}
    nb = with_hidden_tests(fill(copy.deepcopy(learner), unit.correct), unit.id)
    cells = []
    for cell in nb["cells"]:
        cells.append(cell)
        check = grade_id(cell)
        if check in table:
            answer_cell, candidates = table[check]
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            cells.append(code_cell(TRIAL.format(candidates=candidates, check=check, visible=visible[check],
                                                 full=source, correct=unit.correct[answer_cell])))
    cells.append(code_cell(REPORT))
    for number, cell in enumerate(cells):
        if cell["id"] is None:
            cell["id"] = f"agreement-trial-{number}"
    nb["cells"] = cells
    return nb
