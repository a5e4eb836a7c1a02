"""build_assignment (the release step's entry point), offline rendering and preview.

Rendering an executed notebook (a kernel runs it first) is in
tests/notebooks/test_curriculum_render.py."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from curriculum import cells as C
from curriculum.build import CODE_STUB, TEXT_STUB, build_assignment
from curriculum.errors import CurriculumError
from curriculum.load import find_unit, load_curriculum
from curriculum.render import external_references, markdown_to_offline_html, notebook_to_offline_html
from cli.main import main as redschool
from tests.support.offline import REMOTE_LOAD

UNITS = Path(__file__).parents[1] / "files" / "curriculum" / "units"


def _good_unit():
    scan_root = UNITS
    from curriculum.load import scan_curriculum

    return next(u for u in scan_curriculum(scan_root).curriculum.units.values() if u.folder.parent.name == "fixtures" and u.id == "good-unit")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    unit = _good_unit()
    return unit, course, build_assignment(unit, course, course_id="circle-test")


def test_build_returns_the_release_folder_with_the_student_version(built):
    unit, course, release = built
    assert release == course.resolve() / "release" / "good-unit"
    assert sorted(p.name for p in release.iterdir()) == ["good-unit.ipynb"]
    assert sorted(p.name for p in (course / "source" / "good-unit").iterdir()) == ["good-unit.ipynb"]
    assert (course / "gradebook.db").is_file()
    student = nbformat.read(release / "good-unit.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in student.cells)
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    assert "other_hours_worked - other_hours_to_cover_wage" not in text
    exercise = next(cell for cell in student.cells if cell.id == "exercise-answer")
    assert exercise.source.rstrip("\n").endswith("other_hours_left_over = ...") and CODE_STUB == ""
    reflection = next(cell for cell in student.cells if cell.id == "reflection-answer")
    assert reflection.source == TEXT_STUB
    test = next(cell for cell in student.cells if cell.id == "exercise-check")
    assert test.metadata.editable is False and test.metadata.nbgrader.checksum


def test_build_records_the_assignment_in_the_course_gradebook(built):
    from nbgrader.api import Gradebook

    unit, course, _ = built
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="circle-test") as gb:
        assignment = gb.find_assignment("good-unit")
        assert [nb.name for nb in assignment.notebooks] == ["good-unit"]
        assert gb.find_grade_cell("exercise-check", "good-unit", "good-unit").max_score == 1
        assert gb.find_grade_cell("reflection-answer", "good-unit", "good-unit").max_score == 1


def test_build_is_idempotent_and_copies_data_but_not_manifest_or_guide(tmp_path):
    source = _good_unit().folder
    folder = tmp_path / "units" / "fixtures" / "good-unit"
    shutil.copytree(source, folder)
    (folder / "data.csv").write_text("year,value\n2008,1\n")
    (folder / "draft.ipynb").write_text("{}")  # not in the manifest: not copied
    (tmp_path / "units" / "fixtures" / "programme.yaml").write_text("title: T\ndescription: D\nunits: [good-unit]\n")
    (tmp_path / "readings").mkdir()
    shutil.copy(UNITS.parent / "readings" / "a-reading.md", tmp_path / "readings")
    unit = find_unit("good-unit", root=tmp_path / "units")
    first = build_assignment(unit, tmp_path / "course")
    second = build_assignment(unit, tmp_path / "course")
    assert first == second
    assert sorted(p.name for p in second.iterdir()) == ["data.csv", "good-unit.ipynb"]


def test_build_honours_the_course_nbgrader_config(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = 'circle-x'\nc.CourseDirectory.db_url = 'sqlite:///{tmp_path}/elsewhere.db'\n"
    )
    build_assignment(_good_unit(), course)
    assert (tmp_path / "elsewhere.db").is_file() and not (course / "gradebook.db").exists()


def test_build_failure_is_a_curriculum_error_with_nbgraders_message(tmp_path):
    from curriculum.load import scan_curriculum

    unit = scan_curriculum(UNITS).curriculum.units["duplicate-grade-id"]
    with pytest.raises(CurriculumError, match=r"nbgrader could not generate the student version of 'duplicate-grade-id': .*Duplicate grade id"):
        build_assignment(unit, tmp_path / "course")


# --- rendering -----------------------------------------------------------------


def test_notebook_without_plotly_has_no_plotly_js():
    nb = C.new_notebook([C.read_only_markdown("# Plain", cell_id="a")], title="Plain")
    page = notebook_to_offline_html(nb)
    assert "Plotly.newPlot" not in page and len(page) < 1_000_000
    assert REMOTE_LOAD.search(page) is None
    assert "mathjax" not in page.lower() and re.search(r"<script[^>]*\bsrc\s*=", page) is None


def test_markdown_page_is_offline_and_keeps_plain_links():
    page = markdown_to_offline_html(
        "# Guide\n\n| time | block |\n|---|---|\n| 0:00 | Check-in |\n\n![x](http://example.org/x.png) [read](https://example.org/text)",
        title="Guide",
    )
    assert REMOTE_LOAD.search(page) is None and external_references(page) == []
    assert '<a href="https://example.org/text">read</a>' in page
    assert "<table>" in page and "<title>Guide</title>" in page


def test_preview_renders_student_version_and_guide(tmp_path, capsys):
    assert redschool(["preview", "bootcamp-01-where-we-stand", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["bootcamp-01-where-we-stand.html", "facilitator-guide.html", "index.html"]
    notebook = html.unescape(re.sub(r"<[^>]+>", "", (tmp_path / "bootcamp-01-where-we-stand.html").read_text()))
    assert "rise_2007_to_2010 = ..." in notebook
    assert "BEGIN SOLUTION" not in notebook and "HIDDEN TESTS" not in notebook
    assert "unemployment_rate[2010] - unemployment_rate[2007]" not in notebook
    for page in tmp_path.iterdir():
        assert REMOTE_LOAD.search(page.read_text()) is None, page
    assert "Session plan" in (tmp_path / "facilitator-guide.html").read_text()


def test_preview_of_an_unknown_unit_is_a_user_error(capsys):
    assert redschool(["preview", "no-such-unit"]) == 1
    assert "no unit 'no-such-unit'" in capsys.readouterr().err


def test_load_curriculum_of_the_shipped_units():
    curriculum = load_curriculum()
    assert list(curriculum.programmes) == ["bootcamp", "little-red-school"]
    assert curriculum.find_unit("lrs-pe-01-commodity-and-value").programme == "little-red-school"
    assert [u.id for u in curriculum.programmes["bootcamp"].units][0] == "bootcamp-01-where-we-stand"
