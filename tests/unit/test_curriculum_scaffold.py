"""`redschool unit new`: where a scaffold goes, and that it never overwrites.

That a fresh scaffold passes the full check (notebooks executed) is in
tests/notebooks/test_curriculum_scaffold.py."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from curriculum import advice
from curriculum.check import check
from curriculum.errors import CurriculumError
from curriculum.load import load_curriculum
from curriculum.scaffold import new_unit
from cli.main import main as redschool
from tests.files.curriculum.make_fixtures import fill_placeholders

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
    assert {p.kind for p in check([root], execute=False).problems} == {"placeholder"}  # the writer's words only


def test_the_untouched_scaffold_fails_with_one_line_per_placeholder(root):
    folder = root / "testprog" / "first-unit"
    lines = [p.format(relative_to=folder) for p in check([folder], execute=False).problems]
    note = 'a placeholder from `redschool unit new` is still here: "{}" — write the unit\'s own text in its place, and delete the note'
    assert lines == [
        "facilitator-guide.md:23: " + note.format("(Writer: a question that links the unit to learners' own or…"),
        "facilitator-guide.md:24: " + note.format("(Writer: a question where the tradition disagrees with itse…"),
        "facilitator-guide.md:28: " + note.format("(Writer: what learners often misread, and a plain way to un…"),
        "first-unit.ipynb:cell context: " + note.format("(Writer: two or three short paragraphs in plain words. Why…"),
        "first-unit.ipynb:cell provenance: " + note.format("(Writer: for real data, name the source, its licence and th…"),
        "unit.yaml:6: " + note.format("(Writer: one or two sentences on what the unit is about, sh…"),
        "unit.yaml:10: " + note.format("(Writer: what a learner can do after the unit, one sentence…"),
        "unit.yaml:12: " + note.format("(Writer: choose the benchmarks this unit develops from the…"),
        "unit.yaml:15: " + note.format("(Writer: choose the capacities this unit develops from the…"),
    ]
    # Every note written (as tests/files/curriculum/make_fixtures.py does), nothing is left to say.
    for path in folder.iterdir():
        path.write_text(fill_placeholders(path.read_text()))
    assert check([folder], execute=False).problems == []


def test_a_placeholder_in_a_reading_guide(root):
    guide = root.parent / "readings" / "a-guide.md"
    guide.write_text("---\ntitle: T\nauthors: [A]\nminutes: 5\nkey_concepts: [c]\n---\n\n## Summary\n\n(Writer: the argument\nin brief.)\n\n"
                     "## Discussion questions\n\n1. Q?\n")
    lines = [p.format(relative_to=root.parent) for p in check([root], execute=False).problems if p.file == guide]
    assert lines == ['readings/a-guide.md:10: a placeholder from `redschool unit new` is still here: "(Writer: the argument in brief.)" '
                     "— write the unit's own text in its place, and delete the note"]


def test_a_listed_unit_without_folder_is_made_by_the_advice_pasted(root):
    programme = root / "testprog" / "programme.yaml"
    programme.write_text("title: T\ndescription: D\nunits:\n  - first-unit\n  - second-unit\n  - not-written-yet\n")
    problems = [p for p in check([root], execute=False).problems if p.kind == "programme-order"]
    assert [p.line for p in problems] == [6]
    command = re.search(r"`([^`]+)`", problems[0].todo).group(1)
    assert command == f"{advice.tool('redschool')} unit new testprog not-written-yet --title 'Not written yet' --root {root}"
    done = subprocess.run(["bash", "-c", command], cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(programme.read_text())["units"] == ["first-unit", "second-unit", "not-written-yet"]
    assert {p.kind for p in check([root], execute=False).problems} == {"placeholder"}


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
