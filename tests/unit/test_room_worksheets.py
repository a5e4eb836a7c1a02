"""Circle worksheets (issue 14): the manifest's `worksheets`, and copies placed in rooms once."""

from __future__ import annotations

import json
from types import SimpleNamespace

import nbformat

from core.layout import room_documents
from core.settings import Settings
from curriculum.check import check_paths
from grading.rooms import fresh_worksheet, place_worksheets
from tests.support.fixture_curriculum import copy_of_good_unit


def _add_worksheets(unit_folder, names):
    manifest = unit_folder / "unit.yaml"
    manifest.write_text(manifest.read_text() + "worksheets:\n" + "".join(f"  - {n}\n" for n in names))


def _lines(folder):
    return [p.format(relative_to=folder) for p in check_paths([folder], execute=False)]


def _worksheet(path, text="## Our board\n\n- ", output=False):
    cell = nbformat.v4.new_code_cell("1 + 1")
    if output:
        cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
        cell.execution_count = 1
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text), cell]), path)


def test_a_listed_worksheet_must_exist(tmp_path):
    unit = copy_of_good_unit(tmp_path)
    _add_worksheets(unit, ["our-board.ipynb"])
    line = len((unit / "unit.yaml").read_text().splitlines())
    assert _lines(unit) == [
        f"unit.yaml:{line}: worksheet 'our-board.ipynb' is listed but good-unit/our-board.ipynb does not exist "
        "— correct the file name, or add the notebook to the unit folder"
    ]


def test_a_worksheet_is_not_also_a_learners_notebook(tmp_path):
    unit = copy_of_good_unit(tmp_path)
    _add_worksheets(unit, ["good-unit.ipynb"])
    line = len((unit / "unit.yaml").read_text().splitlines())
    assert _lines(unit) == [
        f"unit.yaml:{line}: 'good-unit.ipynb' is listed both as a notebook and as a circle worksheet "
        "— keep it in one list: `notebooks` each learner works alone, `worksheets` the circle works together"
    ]


def test_a_unit_with_a_worksheet_passes(tmp_path):
    unit = copy_of_good_unit(tmp_path)
    _worksheet(unit / "our-board.ipynb")
    _add_worksheets(unit, ["our-board.ipynb"])
    assert _lines(unit) == []


def _unit(tmp_path):
    folder = tmp_path / "unit"
    folder.mkdir()
    _worksheet(folder / "our-board.ipynb", output=True)
    return SimpleNamespace(id="unit-one", folder=folder, manifest=SimpleNamespace(worksheets=["our-board.ipynb"]))


def test_the_room_gets_the_worksheet_once_and_the_circles_work_is_kept(tmp_path):
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data")})
    unit = _unit(tmp_path)
    first = place_worksheets(settings, "rosa", unit)
    assert [c.line() for c in first] == ["rosa's room: unit-one/our-board.ipynb placed"]
    placed = room_documents(settings, "rosa") / "unit-one" / "our-board.ipynb"
    # A fresh copy has no outputs.
    code = [c for c in json.loads(placed.read_text())["cells"] if c["cell_type"] == "code"]
    assert code[0]["outputs"] == [] and code[0]["execution_count"] is None
    # The circle writes; the next release keeps what it wrote.
    placed.write_text(placed.read_text().replace("Our board", "Our board: Ana was here"))
    again = place_worksheets(settings, "rosa", unit)
    assert [c.line() for c in again] == ["rosa's room: unit-one/our-board.ipynb kept as the circle left it"]
    assert "Ana was here" in placed.read_text()
    # Nothing half-written or temporary is left beside it.
    assert sorted(p.name for p in placed.parent.iterdir()) == ["our-board.ipynb"]


def test_a_unit_without_worksheets_touches_no_room(tmp_path):
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data")})
    unit = SimpleNamespace(id="u", folder=tmp_path, manifest=SimpleNamespace(worksheets=[]))
    assert place_worksheets(settings, "rosa", unit) == []
    assert not (tmp_path / "data").exists()


def test_the_shipped_board_is_a_plain_notebook_without_outputs():
    from curriculum.load import load_curriculum

    unit = load_curriculum().find_unit("bootcamp-01-where-we-stand")
    assert unit.manifest.worksheets == ["our-board.ipynb"]
    notebook = nbformat.reads(fresh_worksheet(unit.folder / "our-board.ipynb"), as_version=4)
    assert not [c for c in notebook.cells if "nbgrader" in c.metadata]
    assert notebook.cells[0].source.startswith("# Our board")


def test_a_worksheet_needs_a_section_for_the_circle_to_write_in(tmp_path):
    unit = copy_of_good_unit(tmp_path)
    _worksheet(unit / "our-board.ipynb", text="# Our board\n\nWrite below.")
    _add_worksheets(unit, ["our-board.ipynb"])
    line = len((unit / "unit.yaml").read_text().splitlines())
    assert _lines(unit) == [
        f"unit.yaml:{line}: worksheet 'our-board.ipynb' has no section for the circle to write in "
        "— start each part the circle writes in with a `## ` heading in its own Markdown cell; "
        "the facilitator comments on each section when the worksheet is collected"
    ]


def test_an_unreadable_worksheet_is_named(tmp_path):
    unit = copy_of_good_unit(tmp_path)
    (unit / "our-board.ipynb").write_text('{"cells": [')
    _add_worksheets(unit, ["our-board.ipynb"])
    line = len((unit / "unit.yaml").read_text().splitlines())
    assert _lines(unit) == [
        f"unit.yaml:{line}: worksheet 'our-board.ipynb' is not a notebook (its JSON cannot be read) "
        "— open it in JupyterLab and save it again, or replace it with a working copy"
    ]


def test_a_symbolic_link_in_a_unit_is_refused_by_the_check_and_by_the_build(tmp_path):
    import pytest

    from curriculum.build import copy_unit_source
    from curriculum.errors import CurriculumError
    from curriculum.load import find_unit

    unit = copy_of_good_unit(tmp_path)
    (unit / "data").mkdir(exist_ok=True)
    (unit / "data" / "secrets.csv").symlink_to("/etc/passwd")
    assert _lines(unit) == [
        "unit.yaml: good-unit/data/secrets.csv is a symbolic link "
        "— put the file itself in the unit folder: a release copies what a link points to, "
        "which could be a file from outside the unit"
    ]
    with pytest.raises(CurriculumError, match="secrets.csv is a symbolic link: put the file itself in the unit folder"):
        copy_unit_source(find_unit("good-unit", root=unit.parent.parent), tmp_path / "out")
    assert not (tmp_path / "out").exists()
