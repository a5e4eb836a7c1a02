"""`redschool unit new`: a scaffold whose only problems under the full check (solution and
student versions executed) are the writer's placeholders, one line each, and which passes
once they are written; with each kind of cell in its notebook."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from curriculum import cells as C
from curriculum.check import check
from curriculum.load import load_curriculum
from curriculum.scaffold import new_unit
from tests.files.curriculum.make_fixtures import fill_placeholders


@pytest.fixture(scope="module")
def checked_scaffold(tmp_path_factory):
    """The full check (solution and student versions executed) of a fresh scaffold."""
    tmp = tmp_path_factory.mktemp("scaffold")
    root = tmp / "curriculum"
    (root / "prog").mkdir(parents=True)
    (root / "prog" / "programme.yaml").write_text("title: P\ndescription: D\nunits: []\n")
    folder = new_unit("prog", "fresh-unit", title="A fresh unit", root=root)
    return folder, check([folder], workers=1)


def test_the_untouched_scaffold_has_only_its_placeholders_to_fill(checked_scaffold):
    folder, report = checked_scaffold
    assert [p.kind for p in report.problems] == ["placeholder"] * 9
    assert report.executed == 1


def test_the_scaffold_with_its_placeholders_written_passes_the_full_check(checked_scaffold, tmp_path):
    folder, _ = checked_scaffold
    written = tmp_path / "curriculum"
    shutil.copytree(folder.parent.parent, written)
    for path in (written / "prog" / "fresh-unit").iterdir():
        path.write_text(fill_placeholders(path.read_text()))
    report = check([written / "prog" / "fresh-unit"], workers=1)
    assert [p.format() for p in report.problems] == []
    assert report.executed == 1


def test_scaffold_files_and_manifest(checked_scaffold):
    folder, _ = checked_scaffold
    assert sorted(p.name for p in folder.iterdir()) == ["facilitator-guide.md", "fresh-unit.ipynb", "unit.yaml"]
    unit = load_curriculum(folder.parent.parent).find_unit("fresh-unit")
    assert (unit.title, unit.programme, unit.position) == ("A fresh unit", "prog", 1)
    guide = (folder / "facilitator-guide.md").read_text()
    for block in ("Opening check-in", "Discussion", "Exercise debrief", "Closing", "## Commenting on reflections"):
        assert block in guide


def test_scaffold_notebook_has_each_cell_kind_with_ids_and_no_outputs(checked_scaffold):
    folder, _ = checked_scaffold
    nb = nbformat.read(folder / "fresh-unit.ipynb", as_version=4)
    kinds = [C.classify(cell) for cell in nb.cells]
    assert kinds.count(C.CellKind.EXERCISE) == 1
    assert kinds.count(C.CellKind.TEST) == 1
    assert kinds.count(C.CellKind.REFLECTION) == 1
    assert set(kinds) == {C.CellKind.READ_ONLY, C.CellKind.EXERCISE, C.CellKind.TEST, C.CellKind.REFLECTION}
    assert all(cell.id == cell.metadata.nbgrader.grade_id for cell in nb.cells)
    assert all(not cell.get("outputs") and cell.get("execution_count") is None for cell in nb.cells if cell.cell_type == "code")
    test = next(cell for cell in nb.cells if C.classify(cell) == C.CellKind.TEST)
    assert test.metadata.nbgrader.locked and test.metadata.nbgrader.points == 1
    assert C.BEGIN_HIDDEN in test.source
    reflection = next(cell for cell in nb.cells if C.classify(cell) == C.CellKind.REFLECTION)
    assert reflection.cell_type == "markdown" and not reflection.metadata.nbgrader.locked
