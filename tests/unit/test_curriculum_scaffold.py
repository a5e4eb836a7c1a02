"""`redschool unit new`: a scaffold that passes the check at once, and never overwrites."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml

from curriculum import cells as C
from curriculum.check import check
from curriculum.errors import CurriculumError
from curriculum.load import load_curriculum
from curriculum.scaffold import new_unit
from cli.main import main as redschool

PROGRAMME = """\
# A comment that must survive.
title: Test programme
description: For the scaffold's tests.
units:
  - first-unit
  - second-unit
"""


@pytest.fixture
def root(tmp_path) -> Path:
    """A curriculum with one programme of two scaffolded units."""
    root = tmp_path / "curriculum"
    (root / "testprog").mkdir(parents=True)
    (root / "testprog" / "programme.yaml").write_text("title: Test programme\ndescription: For the scaffold's tests.\nunits:\n")
    (tmp_path / "readings").mkdir()
    new_unit("testprog", "first-unit", title="First", root=root)
    new_unit("testprog", "second-unit", title="Second", root=root)
    text = (root / "testprog" / "programme.yaml").read_text()
    (root / "testprog" / "programme.yaml").write_text("# A comment that must survive.\n" + text)
    return root


@pytest.fixture(scope="module")
def checked_scaffold(tmp_path_factory):
    """The full check (solution and student versions executed) of a fresh scaffold."""
    tmp = tmp_path_factory.mktemp("scaffold")
    root = tmp / "curriculum"
    (root / "prog").mkdir(parents=True)
    (root / "prog" / "programme.yaml").write_text("title: P\ndescription: D\nunits: []\n")
    folder = new_unit("prog", "fresh-unit", title="A fresh unit", root=root)
    return folder, check([folder], workers=1)


def test_scaffold_passes_the_full_check(checked_scaffold):
    folder, report = checked_scaffold
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


def test_new_units_are_appended_and_comments_kept(root):
    new_unit("testprog", "third-unit", title="Third", root=root)
    text = (root / "testprog" / "programme.yaml").read_text()
    assert text.startswith("# A comment that must survive.\n")
    assert yaml.safe_load(text)["units"] == ["first-unit", "second-unit", "third-unit"]
    assert load_curriculum(root).find_unit("third-unit").position == 3


def test_position_inserts_and_moves_later_units_down(root):
    new_unit("testprog", "between", title="Between", position=2, root=root)
    curriculum = load_curriculum(root)  # strict: positions must agree with the list
    assert [u.id for u in curriculum.programmes["testprog"].units] == ["first-unit", "between", "second-unit"]
    assert [u.position for u in curriculum.programmes["testprog"].units] == [1, 2, 3]
    assert check([root], execute=False).problems == []


def test_refuses_to_overwrite_or_reuse_an_id(root):
    before = (root / "testprog" / "first-unit" / "unit.yaml").read_text()
    with pytest.raises(CurriculumError, match="already exists"):
        new_unit("testprog", "first-unit", title="Again", root=root)
    assert (root / "testprog" / "first-unit" / "unit.yaml").read_text() == before
    (root / "other").mkdir()
    (root / "other" / "programme.yaml").write_text("title: O\ndescription: D\n")
    with pytest.raises(CurriculumError, match="already used"):
        new_unit("other", "first-unit", title="Again", root=root)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("testprog", "Bad_Id"), "not a valid unit id"),
        (("nowhere", "fine-id"), "no programme 'nowhere'"),
    ],
)
def test_refuses_bad_ids_and_unknown_programmes(root, args, message):
    with pytest.raises(CurriculumError, match=message):
        new_unit(*args, title="T", root=root)


def test_refuses_a_position_past_the_end(root):
    with pytest.raises(CurriculumError, match="between 1 and 3"):
        new_unit("testprog", "late", title="Late", position=7, root=root)


def test_cli_unit_new(root, capsys):
    assert redschool(["unit", "new", "testprog", "cli-unit", "--title", "From the CLI", "--root", str(root)]) == 0
    assert "created" in capsys.readouterr().out
    assert redschool(["unit", "new", "testprog", "cli-unit", "--title", "Again", "--root", str(root)]) == 1
    assert "already exists" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        redschool(["unit", "new", "testprog", "no-title", "--root", str(root)])
    assert exc.value.code == 2


def test_cli_unit_list(root, capsys):
    assert redschool(["unit", "list", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "testprog: Test programme" in out and "2. second-unit: Second" in out
