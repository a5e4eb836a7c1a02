"""`redschool unit import`: nbgrader's own documentation notebooks (shipped inside the
installed nbgrader package, BSD-3-licensed) and plain Jupyter notebooks become a unit that
passes the check's static rules, every nbgrader cell kind kept; a notebook that cannot be
converted gets one line per cell, and nothing is written.

The full check of an imported unit (notebooks executed) and its release as an nbgrader
assignment are in tests/notebooks/test_curriculum_import.py."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import yaml

from cli.main import main as redschool
from curriculum import cells as C
from curriculum.check import check
from curriculum.errors import CurriculumError
from curriculum.importer import import_unit
from tests.support.nbgrader_examples import PS1



@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "curriculum"
    (root / "prog").mkdir(parents=True)
    (root / "prog" / "programme.yaml").write_text("title: Imported\ndescription: Notebooks from elsewhere.\nunits: []\n")
    (tmp_path / "readings").mkdir()
    return root


def kinds(nb) -> list[str]:
    return [C.classify(cell).value for cell in nb.cells]


def test_nbgraders_own_notebooks_are_what_the_import_must_handle():
    raw = json.loads((PS1 / "problem1.ipynb").read_text())
    assert (raw["nbformat"], raw["nbformat_minor"]) == (4, 0)
    assert raw["metadata"]["kernelspec"]["name"] == "python"
    assert not any("id" in cell for cell in raw["cells"])
    flags = {(c["cell_type"], m.get("grade"), m.get("solution"), m.get("task"))
             for c in raw["cells"] if (m := c["metadata"].get("nbgrader"))}
    assert ("code", True, True, None) in flags  # manually graded code answer
    assert ("markdown", False, False, True) in flags  # manually graded task


def test_nbgrader_example_becomes_a_unit_that_passes_the_check(root):
    done = import_unit([PS1 / "problem1.ipynb", PS1 / "problem2.ipynb"], programme="prog", unit_id="ps1", root=root)
    assert done.folder == root / "prog" / "ps1"
    assert check([done.folder], execute=False).problems == []
    assert sorted(p.name for p in done.folder.iterdir()) == ["facilitator-guide.md", "jupyter.png", "problem1.ipynb", "problem2.ipynb", "unit.yaml"]
    assert yaml.safe_load((root / "prog" / "programme.yaml").read_text())["units"] == ["ps1"]

    one = nbformat.read(done.folder / "problem1.ipynb", as_version=4)
    assert (one.nbformat, one.nbformat_minor, one.metadata.kernelspec.name) == (4, 5, "python3")
    assert kinds(one) == [
        "read-only", "read-only", "exercise", "read-only", "read-only", "test", "test", "read-only", "exercise",
        "read-only", "read-only", "test", "test", "read-only", "reflection", "read-only", "code-answer", "task",
    ]
    by_id = {cell.id: cell for cell in one.cells}
    answer, task = by_id["sum_of_squares_application"], by_id["cell-938593c4a215c6cc"]
    assert (answer.metadata.nbgrader.points, task.metadata.nbgrader.points) == (2, 4)
    assert answer.source.startswith("def pyramidal_number(n):")
    assert all(cell.id == cell.metadata.nbgrader.grade_id for cell in one.cells)
    two = nbformat.read(done.folder / "problem2.ipynb", as_version=4)
    assert kinds(two)[-1] == "read-only" and "Submit to my facilitator" in two.cells[-1].source
    assert kinds(two).count("reflection") == 2
    guide = (done.folder / "facilitator-guide.md").read_text()
    assert "`problem1.ipynb`, cell `sum_of_squares_application` (code answer, 2 point(s))" in guide
    assert "`problem1.ipynb`, cell `cell-938593c4a215c6cc` (task, 4 point(s)): --- ## Part E (4 points)" in guide


def test_a_plain_jupyter_notebook_gets_a_reflection_and_a_way_to_submit(root, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Rent in our city"),
                                          nbformat.v4.new_code_cell("rent = [900, 950, 1010]\nmax(rent)")])
    nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1010"}, execution_count=1)]
    nbformat.write(nb, tmp_path / "rent.ipynb")
    done = import_unit([tmp_path / "rent.ipynb"], root=root)
    assert done.folder.name == "rent"
    assert yaml.safe_load((done.folder / "unit.yaml").read_text())["title"] == "Rent in our city"
    assert check([done.folder], execute=False).problems == []
    converted = nbformat.read(done.folder / "rent.ipynb", as_version=4)
    assert kinds(converted) == ["read-only", "read-only", "read-only", "reflection", "read-only"]
    assert converted.cells[1].outputs == []
    assert "a closing reflection added (every unit has one for the facilitator to read)" in " ".join(done.notes)


def test_what_cannot_be_converted_is_said_per_cell_and_nothing_is_written(root, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import requests\nrows = requests.get('https://example.org/x.csv')", id="fetch"),
        nbformat.v4.new_markdown_cell("An answer nobody grades", id="loose"),
        nbformat.v4.new_code_cell("assert True", id="free-test"),
    ])
    nb.cells[1].metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": "loose", "schema_version": 3}
    nb.cells[2].metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": "free-test", "points": 0, "schema_version": 3}
    nbformat.write(nb, tmp_path / "bad.ipynb")
    before = (root / "prog" / "programme.yaml").read_text()
    with pytest.raises(CurriculumError) as refused:
        import_unit([tmp_path / "bad.ipynb"], root=root)
    path = tmp_path / "bad.ipynb"
    assert str(refused.value).splitlines() == [
        "nothing imported: 3 cell(s) or file(s) could not be converted:",
        f"{path}:cell fetch: could not convert: the cell imports `requests` and uses the address https://example.org, and units run offline "
        "— put the data beside the notebook and read it from there, then import again",
        f"{path}:cell loose: could not convert: nbgrader flags {{grade: False, solution: True, task: None}} on a markdown cell are no kind "
        "of cell nbgrader grades — choose the cell's kind again in nbgrader's toolbar, then import again",
        f"{path}:cell free-test: could not convert: the graded cell has points 0, and a graded cell here is worth 1 or more "
        "— give it points in nbgrader's toolbar, then import again",
    ]
    assert sorted(p.name for p in (root / "prog").iterdir()) == ["programme.yaml"]
    assert (root / "prog" / "programme.yaml").read_text() == before


def test_import_never_overwrites_and_names_a_programme_when_there_are_several(root):
    import_unit([PS1 / "problem2.ipynb"], root=root, unit_id="ps1")
    with pytest.raises(CurriculumError, match="already used"):
        import_unit([PS1 / "problem2.ipynb"], root=root, unit_id="ps1")
    (root / "other").mkdir()
    (root / "other" / "programme.yaml").write_text("title: O\ndescription: D\n")
    with pytest.raises(CurriculumError, match=r"which programme\? pass --programme \(one of: other, prog\)"):
        import_unit([PS1 / "problem2.ipynb"], root=root, unit_id="ps1-again")


def test_cli_unit_import(root, capsys, tmp_path):
    assert redschool(["unit", "import", str(PS1), "--id", "nbgrader-ps1", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"imported {root / 'prog' / 'nbgrader-ps1'}" in out
    assert "problem1.ipynb: notebook format 4.0 upgraded to 4.5, with cell ids" in out
    assert "problem1.ipynb: kernel 'python' set to python3" in out
    (tmp_path / "broken.ipynb").write_text("{not json")
    assert redschool(["unit", "import", str(tmp_path / "broken.ipynb"), "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "broken.ipynb: could not convert: the file is not notebook JSON" in err and "Traceback" not in err


# --- the two kinds nbgrader has and Red School took in: code answers and tasks ---------


def test_code_answers_and_tasks_are_cell_kinds_the_check_knows(root):
    from tests.support.fixture_curriculum import copy_of_good_unit, edit_notebook

    unit = copy_of_good_unit(root.parent / "copy")

    def add(d):
        d["cells"][-1:-1] = [json.loads(json.dumps(C.code_answer("# Draw your own chart here.\nchart = None", cell_id="own-chart"))),
                             json.loads(json.dumps(C.task("Compare two cities of your choice in the cells below.", cell_id="compare", points=2)))]
    edit_notebook(unit, add)
    assert check([unit], execute=False).problems == []

    def unlock_and_unscore(d):
        task = next(c for c in d["cells"] if c["id"] == "compare")
        task["metadata"]["nbgrader"].update(locked=False, points=None)
    edit_notebook(unit, unlock_and_unscore)
    assert sorted((p.kind, p.cell) for p in check([unit], execute=False).problems) == [
        ("nbgrader-metadata", "compare"), ("points-missing", "compare")]


def test_what_the_check_refuses_after_conversion_names_the_original_notebook_and_cell(root, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A check of nothing"), nbformat.v4.new_code_cell("assert 1 + 1 == 2")])
    nb.nbformat_minor = 4
    for cell in nb.cells:
        del cell["id"]
    nb.cells[1].metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": "lonely", "points": 1, "schema_version": 3}
    path = tmp_path / "lonely.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(CurriculumError) as refused:
        import_unit([path], root=root)
    assert str(refused.value).splitlines()[1:] == [
        f"{path}:cell #2: the autograded test has no exercise cell before it — add an exercise cell (nbgrader `solution: true`) above the test"]
    assert sorted(p.name for p in (root / "prog").iterdir()) == ["programme.yaml"]


def test_an_answer_cell_without_solution_markers_is_put_between_them_whole(root, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("total = 2 + 3", id="answer"),
        nbformat.v4.new_code_cell("assert total == 5", id="check"),
        nbformat.v4.new_markdown_cell("Why?", id="why"),
    ])
    nb.cells[0].metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": "answer", "schema_version": 3}
    nb.cells[1].metadata["nbgrader"] = {"grade": True, "solution": False, "locked": False, "grade_id": "check", "points": 1, "schema_version": 3}
    nb.cells[2].metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "grade_id": "why", "points": 1, "schema_version": 3}
    nbformat.write(nb, tmp_path / "sum.ipynb")
    done = import_unit([tmp_path / "sum.ipynb"], root=root)
    cells = nbformat.read(done.folder / "sum.ipynb", as_version=4).cells
    assert cells[0].source == "### BEGIN SOLUTION\ntotal = 2 + 3\n### END SOLUTION"
    assert cells[1].metadata.nbgrader.locked is True
    assert "sum.ipynb: 1 answer cell(s) without solution markers put between them whole" in done.notes


def test_a_notebook_for_another_language_is_refused(root, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("summary(rent)")])
    nb.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    nbformat.write(nb, tmp_path / "rent-r.ipynb")
    with pytest.raises(CurriculumError) as refused:
        import_unit([tmp_path / "rent-r.ipynb"], root=root)
    assert str(refused.value).splitlines()[1] == (
        f"{tmp_path / 'rent-r.ipynb'}: could not convert: the notebook is written for r (kernel 'ir'); Red School runs Python 3 only "
        "— translate it to Python first")
