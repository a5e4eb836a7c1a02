"""The unit format: manifest models, YAML line numbers, readings, generated docs."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from curriculum.errors import CurriculumError, Problem
from curriculum.load import DEFAULT_ROOT, find_unit, load_curriculum, readings_root_for
from curriculum.models import (
    Benchmark,
    Capacity,
    ProgrammeManifest,
    ReadingFrontMatter,
    UnitManifest,
)
from curriculum.readings import INDEX_NAME, index_text, load_readings
from curriculum.reference import DOC_PATH, render
from curriculum.yamlio import YamlSyntaxError, parse_yaml

VALID = dict(
    id="lrs-pe-02-surplus-value",
    title="Surplus value",
    programme="little-red-school",
    position=2,
    summary="Where profit comes from.",
    estimated_minutes=90,
    learning_goals=["Compute a rate of exploitation."],
    benchmarks=["dialectical-materialism"],
    capacities=["ideological", "political"],
    readings=["marx-capital-volume-1-chapter-1"],
    notebooks=["surplus-value.ipynb"],
    languages=["en", "pt-BR"],
    translations={"pt-BR": {"title": "Mais-valia e exploração", "summary": "De onde vem o lucro."}},
)


def test_the_fixed_lists_are_the_ones_in_content_md():
    assert [b.title for b in Benchmark] == [
        "Dialectical materialism",
        "Ability to evaluate strategy",
        "Carrying out strategy collectively",
        "Resilient protagonism and discipline",
        "Left leadership",
    ]
    assert [c.value for c in Capacity] == ["ideological", "political", "organisational", "social-emotional"]


def test_a_valid_manifest():
    manifest = UnitManifest.model_validate(VALID)
    assert manifest.benchmarks == [Benchmark.DIALECTICAL_MATERIALISM]
    assert manifest.capacities == [Capacity.IDEOLOGICAL, Capacity.POLITICAL]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "Bad_Id"}, "id"),
        ({"id": "x"}, "id"),
        ({"benchmarks": ["strategy"]}, "benchmarks"),
        ({"benchmarks": []}, "benchmarks"),
        ({"capacities": ["emotional"]}, "capacities"),
        ({"capacities": ["ideological", "ideological"]}, "capacities"),
        ({"languages": ["english"]}, "languages"),
        ({"notebooks": ["../escape.ipynb"]}, "notebooks"),
        ({"notebooks": ["notes.txt"]}, "notebooks"),
        ({"position": 0}, "position"),
        ({"estimated_minutes": "two hours"}, "estimated_minutes"),
        ({"learning_goals": []}, "learning_goals"),
        ({"reading": ["x"]}, "reading"),
    ],
)
def test_invalid_manifests(change, field):
    with pytest.raises(ValidationError) as exc:
        UnitManifest.model_validate({**VALID, **change})
    assert field in {str(e["loc"][0]) for e in exc.value.errors()}


def test_every_field_has_a_description_and_an_example():
    for model in (UnitManifest, ProgrammeManifest, ReadingFrontMatter):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name}"
            assert info.examples, f"{model.__name__}.{name}"


def test_programme_units_accept_ids_or_entries_with_an_opening_date():
    manifest = ProgrammeManifest.model_validate(
        {"title": "T", "description": "D", "units": ["a-unit", {"id": "b-unit", "opens": "2026-03-02"}]}
    )
    assert manifest.unit_ids == ["a-unit", "b-unit"]
    assert manifest.units[1].opens == datetime.date(2026, 3, 2)
    with pytest.raises(ValidationError, match="listed twice"):
        ProgrammeManifest.model_validate({"title": "T", "description": "D", "units": ["a-unit", "a-unit"]})


def test_yaml_lines_point_at_the_key_or_the_list_item(tmp_path):
    text = "id: x\nbenchmarks:\n  - dialectical-materialism\n  - nonsense\nnested:\n  key: 1\n"
    doc = parse_yaml(text, tmp_path / "unit.yaml")
    assert doc.line_of(("benchmarks", 1)) == 4
    assert doc.line_of(("benchmarks",)) == 2
    assert doc.line_of(("nested", "key")) == 6
    assert doc.line_of(("missing",)) == 1
    with pytest.raises(YamlSyntaxError) as exc:
        parse_yaml("a: [1, 2\nb: 3\n", tmp_path / "bad.yaml")
    assert exc.value.line == 2 and isinstance(exc.value, CurriculumError)


def test_problem_line_format(tmp_path):
    problem = Problem(tmp_path / "u" / "n.ipynb", None, "cell-7", "outputs", "what is wrong", "what to do")
    assert problem.format(relative_to=tmp_path) == "u/n.ipynb:cell cell-7: what is wrong — what to do"
    assert Problem(tmp_path / "unit.yaml", 3, None, "k", "w", "t").format(relative_to=tmp_path) == "unit.yaml:3: w — t"


def test_load_curriculum_is_strict_and_find_unit_names_what_is_wrong():
    fixtures = Path(__file__).parents[1] / "files" / "curriculum" / "units"
    with pytest.raises(CurriculumError, match="has problems"):
        load_curriculum(fixtures)
    assert find_unit("unknown-reading", root=fixtures).id == "unknown-reading"  # only its own manifest must be valid
    with pytest.raises(CurriculumError, match="bad-manifest-field/unit.yaml:10"):
        find_unit("bad-manifest-field", root=fixtures)
    with pytest.raises(CurriculumError, match="no unit 'nope'"):
        find_unit("nope", root=fixtures)


def test_shipped_readings_load():
    readings = load_readings()
    assert "marx-capital-volume-1-chapter-1" in readings
    assert readings["marx-capital-volume-1-chapter-1"].meta.year == 1867
    # every reading a shipped unit names exists
    for unit in load_curriculum().units.values():
        assert set(unit.manifest.readings) <= set(readings)


def test_committed_unit_format_reference_is_current():
    assert DOC_PATH.read_text(encoding="utf-8") == render(), "run `redschool unit docs` and commit docs/unit-format.md"


def test_committed_readings_index_is_current():
    path = readings_root_for(DEFAULT_ROOT) / INDEX_NAME
    assert path.read_text(encoding="utf-8") == index_text(), "run `redschool unit docs` and commit readings/index.md"


def test_committed_reference_lists_every_field():
    text = DOC_PATH.read_text(encoding="utf-8")
    for model in (UnitManifest, ProgrammeManifest, ReadingFrontMatter):
        for name in model.model_fields:
            assert f"| `{name}` |" in text


def test_importing_the_package_is_light():
    import subprocess
    import sys

    code = "import sys, curriculum, curriculum.commands; print(sorted(m for m in ('nbgrader', 'nbconvert', 'nbclient', 'plotly', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
