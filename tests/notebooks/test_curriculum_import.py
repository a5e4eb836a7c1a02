"""`redschool unit import` of nbgrader's own documentation notebooks (shipped in the
installed nbgrader package), checked in full — solution and student versions executed —
and built as a release would build it: the manually graded code answer and the task
reach the student version and the gradebook as cells a facilitator grades by hand."""

from __future__ import annotations

import nbformat
import pytest

from curriculum import cells as C
from curriculum.build import build_assignment
from curriculum.check import check
from curriculum.importer import import_unit
from curriculum.load import load_curriculum
from tests.support.nbgrader_examples import PS1


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("import") / "curriculum"
    (root / "prog").mkdir(parents=True)
    (root / "prog" / "programme.yaml").write_text("title: Imported\ndescription: D\nunits: []\n")
    return import_unit([PS1 / "problem1.ipynb", PS1 / "problem2.ipynb"], unit_id="ps1", root=root).folder


def test_the_imported_unit_passes_the_full_check(imported):
    report = check([imported], workers=1)
    assert [p.format() for p in report.problems] == []
    assert report.executed == 1


def test_the_release_keeps_code_answers_and_tasks_for_the_facilitator(imported, tmp_path):
    from nbgrader.api import Gradebook

    unit = load_curriculum(imported.parent.parent).find_unit("ps1")
    release = build_assignment(unit, tmp_path / "course", course_id="imported")
    student = {cell.id: cell for cell in nbformat.read(release / "problem1.ipynb", as_version=4).cells}
    answer, task = student["sum_of_squares_application"], student["cell-938593c4a215c6cc"]
    assert C.classify(answer) is C.CellKind.CODE_ANSWER and C.classify(task) is C.CellKind.TASK
    assert "pyramidal_number" not in answer.source  # the solution is not handed out
    assert "Part E (4 points)" in task.source
    with Gradebook(f"sqlite:///{tmp_path / 'course' / 'gradebook.db'}", course_id="imported") as gradebook:
        notebook = gradebook.find_notebook("problem1", "ps1")
        graded = {c.name: (c.cell_type, c.max_score) for c in notebook.grade_cells}
        tasks = {c.name: c.max_score for c in notebook.task_cells}
    assert graded["sum_of_squares_application"] == ("code", 2)
    assert tasks == {"cell-938593c4a215c6cc": 4}
