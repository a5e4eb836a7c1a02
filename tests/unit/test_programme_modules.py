"""Programmes grouped into modules: the manifest model, the loader's problem lines on a
bare programme folder, positions through the modules, `unit new` and `unit list` on a
programme with modules, and the release schedule read through them. The flat form
(the Bootcamp's) keeps working as before."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from pydantic import ValidationError

from cli.main import main as redschool
from curriculum.check import check
from curriculum.load import DEFAULT_ROOT, load_curriculum, scan_curriculum
from curriculum.models import ProgrammeManifest
from curriculum.scaffold import new_unit
from grading.release import due_units

MODULES = {
    "title": "T",
    "description": "D",
    "modules": [
        {"id": "first-module", "title": "First", "purpose": "Why the first.",
         "units": [{"id": "a-unit", "opens": "2027-01-11"}, "b-unit"]},
        {"id": "second-module", "title": "Second", "purpose": "Why the second.",
         "units": [{"id": "c-unit", "opens": "2027-02-08"}]},
    ],
}


def test_modules_give_units_in_teaching_order_with_their_module():
    manifest = ProgrammeManifest.model_validate(MODULES)
    assert manifest.unit_ids == ["a-unit", "b-unit", "c-unit"]
    assert [e.opens for e in manifest.entries] == [dt.date(2027, 1, 11), None, dt.date(2027, 2, 8)]
    assert manifest.module_of("b-unit").id == "first-module"
    assert manifest.module_of("c-unit").title == "Second"
    assert manifest.module_of("nope") is None
    assert manifest.entry_locations()[2][0] == ("modules", 1, "units", 0)


def test_the_flat_form_still_works_and_has_no_modules():
    manifest = ProgrammeManifest.model_validate({"title": "T", "description": "D", "units": ["a-unit", "b-unit"]})
    assert manifest.unit_ids == ["a-unit", "b-unit"] and manifest.modules == []
    assert manifest.entry_locations()[1][0] == ("units", 1)
    assert manifest.module_of("a-unit") is None


@pytest.mark.parametrize("change, words", [
    ({"units": ["x-unit"]}, "both `units` and `modules`"),
    ({"modules": [MODULES["modules"][0], {**MODULES["modules"][1], "units": ["a-unit"]}]}, "a-unit is listed twice"),
    ({"modules": [MODULES["modules"][0], {**MODULES["modules"][1], "id": "first-module"}]}, "module first-module is listed twice"),
    ({"modules": [MODULES["modules"][0], {**MODULES["modules"][1], "units": [{"id": "c-unit", "opens": "2027-01-04"}]}]},
     "c-unit opens 2027-01-04, before a-unit"),
    ({"modules": [{**MODULES["modules"][0], "units": []}]}, "at least 1 item"),
    ({"modules": [{**MODULES["modules"][0], "purpose": " "}]}, "purpose"),
], ids=["units-and-modules", "unit-in-two-modules", "module-twice", "dates-go-back", "empty-module", "no-purpose"])
def test_bad_modules_are_refused(change, words):
    with pytest.raises(ValidationError) as exc:
        ProgrammeManifest.model_validate({**MODULES, **change})
    assert words in str(exc.value)


def test_dates_may_not_go_back_in_a_flat_list_either():
    with pytest.raises(ValidationError, match="b-unit opens 2026-01-05, before a-unit"):
        ProgrammeManifest.model_validate({"title": "T", "description": "D", "units": [
            {"id": "a-unit", "opens": "2026-01-12"}, {"id": "b-unit", "opens": "2026-01-05"}]})


def _unit_yaml(unit_id: str, position: int) -> str:
    return textwrap.dedent(f"""\
        id: {unit_id}
        title: {unit_id}
        programme: prog
        position: {position}
        summary: S.
        estimated_minutes: 30
        learning_goals: [Do a thing.]
        benchmarks: [dialectical-materialism]
        capacities: [ideological]
        notebooks: [{unit_id}.ipynb]
        """)


@pytest.fixture
def bare(tmp_path) -> Path:
    """A bare curriculum: one programme in modules, three unit folders with manifests only."""
    root = tmp_path / "curriculum"
    (tmp_path / "readings").mkdir()
    for position, unit_id in enumerate(["a-unit", "b-unit", "c-unit"], start=1):
        folder = root / "prog" / unit_id
        folder.mkdir(parents=True)
        (folder / "unit.yaml").write_text(_unit_yaml(unit_id, position))
    (root / "prog" / "programme.yaml").write_text(yaml.safe_dump(MODULES, sort_keys=False))
    return root


def test_a_bare_programme_in_modules_loads_with_positions_through_the_modules(bare):
    problems = [p for p in scan_curriculum(bare).problems if p.kind not in ("missing-notebook", "missing-guide")]
    assert problems == []
    units = scan_curriculum(bare).curriculum.programmes["prog"].units
    assert [(u.id, u.position) for u in units] == [("a-unit", 1), ("b-unit", 2), ("c-unit", 3)]


def test_a_bad_opens_date_names_the_file_the_field_and_its_line(bare):
    manifest = bare / "prog" / "programme.yaml"
    text = manifest.read_text()
    manifest.write_text(text.replace("opens: '2027-02-08'", "opens: next monday"))
    problems = [p for p in scan_curriculum(bare).problems if p.kind == "programme-field"]
    assert len(problems) == 1
    line = problems[0].format(relative_to=bare)
    wanted = next(i for i, t in enumerate(manifest.read_text().splitlines(), start=1) if "next monday" in t)
    assert line.startswith(f"prog/programme.yaml:{wanted}: `modules[1].units[0].opens`:"), line
    assert "next monday" in line and "see docs/unit-format.md" in line


def test_a_position_counted_inside_its_module_is_a_problem(bare):
    (bare / "prog" / "c-unit" / "unit.yaml").write_text(_unit_yaml("c-unit", 1))  # first of its module, third of all
    problems = [p.format(relative_to=bare) for p in scan_curriculum(bare).problems if p.kind == "position"]
    assert problems == ["prog/c-unit/unit.yaml:4: position is 1 but the unit is number 3 in prog/programme.yaml — "
                        "set `position: 3` (positions run 1..N in the programme's `modules` (one after the other) order)"]


def test_a_unit_folder_in_no_module_is_named(bare):
    folder = bare / "prog" / "d-unit"
    folder.mkdir()
    (folder / "unit.yaml").write_text(_unit_yaml("d-unit", 4))
    problems = [p.format(relative_to=bare) for p in scan_curriculum(bare).problems if p.kind == "programme-order"]
    assert problems == ["prog/programme.yaml:3: unit folder 'd-unit' is not listed in `modules` — add its id to the units "
                        "of one of its `modules` where it is taught (or move the folder out of the programme)"]


@pytest.fixture
def scaffolded(tmp_path) -> Path:
    """A curriculum whose programme has two modules of scaffolded units."""
    root = tmp_path / "curriculum"
    (root / "prog").mkdir(parents=True)
    (tmp_path / "readings").mkdir()
    (root / "prog" / "programme.yaml").write_text("title: P\ndescription: D.\nunits:\n")
    for unit_id in ("a-unit", "b-unit", "c-unit"):
        new_unit("prog", unit_id, title=unit_id.title(), root=root)
    (root / "prog" / "programme.yaml").write_text(textwrap.dedent("""\
        # A comment that must survive.
        title: P
        description: D.
        modules:
        - id: first-module
          title: First module
          purpose: Why the first.
          units:
          - id: a-unit
            opens: 2027-01-11
          - b-unit
        - id: second-module
          title: Second module
          purpose: Why the second.
          units:
          - c-unit
        """))
    return root


def test_unit_new_inserts_into_the_module_holding_that_position(scaffolded):
    new_unit("prog", "between", title="Between", position=3, root=scaffolded)  # before c-unit: starts module 2
    new_unit("prog", "last", title="Last", root=scaffolded)  # appended to the last module
    new_unit("prog", "second", title="Second", position=2, root=scaffolded)
    text = (scaffolded / "prog" / "programme.yaml").read_text()
    assert text.startswith("# A comment that must survive.\n")
    modules = yaml.safe_load(text)["modules"]
    assert modules[0]["units"] == [{"id": "a-unit", "opens": dt.date(2027, 1, 11)}, "second", "b-unit"]
    assert modules[1]["units"] == ["between", "c-unit", "last"]
    curriculum = load_curriculum(scaffolded)  # strict: positions agree with the modules
    assert [(u.id, u.position) for u in curriculum.programmes["prog"].units] == [
        ("a-unit", 1), ("second", 2), ("b-unit", 3), ("between", 4), ("c-unit", 5), ("last", 6)]
    # With the writer's notes written, the check finds nothing about modules or positions.
    from tests.files.curriculum.make_fixtures import fill_placeholders

    for unit in ("a-unit", "b-unit", "c-unit", "between", "last", "second"):
        for path in (scaffolded / "prog" / unit).iterdir():
            path.write_text(fill_placeholders(path.read_text()))
    assert [p.format() for p in check([scaffolded], execute=False).problems] == []


def test_unit_list_shows_the_modules_and_the_calendar(scaffolded, capsys):
    assert redschool(["unit", "list", "--root", str(scaffolded)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "prog: P",
        "  First module: Why the first.",
        "     1. a-unit: A-Unit  (opens 2027-01-11)",
        "     2. b-unit: B-Unit",
        "  Second module: Why the second.",
        "     3. c-unit: C-Unit",
    ]


def test_due_units_read_opening_dates_through_modules():
    manifest = ProgrammeManifest.model_validate(MODULES)
    curriculum = SimpleNamespace(programmes={"p": SimpleNamespace(manifest=manifest)}, find_unit=str.upper)
    assert due_units(curriculum, dt.date(2027, 1, 10)) == []
    assert due_units(curriculum, dt.date(2027, 1, 11)) == ["A-UNIT"]
    assert due_units(curriculum, dt.date(2027, 3, 1)) == ["A-UNIT", "C-UNIT"]


def test_the_shipped_programmes_bootcamp_flat_little_red_school_in_modules():
    curriculum = load_curriculum(DEFAULT_ROOT)
    bootcamp = curriculum.programmes["bootcamp"]
    assert bootcamp.manifest.modules == []
    assert [u.position for u in bootcamp.units] == list(range(1, 7))
    assert [u.id for u in bootcamp.units][0] == "bootcamp-01-where-we-stand"
    lrs = curriculum.programmes["little-red-school"]
    assert lrs.manifest.modules[0].id == "political-economy" and lrs.manifest.modules[-1].id == "conjunctural-analysis"
    assert [u.position for u in lrs.units] == list(range(1, len(lrs.units) + 1))
    opens = [e.opens for e in lrs.manifest.entries]
    assert None not in opens and opens[0] == dt.date(2027, 1, 11)


def test_the_release_card_names_the_module_only_for_a_programme_in_modules(tmp_path):
    import json

    from core.layout import UNIT_CARD
    from grading.release import add_learner_extras

    curriculum = load_curriculum(DEFAULT_ROOT)
    for unit_id, module in (("lrs-pe-01-commodity-and-value", "Political economy"),
                            ("bootcamp-01-where-we-stand", None)):
        release = tmp_path / unit_id
        release.mkdir()
        card = json.loads((add_learner_extras(curriculum.find_unit(unit_id), release) / UNIT_CARD).read_text())
        assert card.get("module") == module
        assert card["position"] == 1


def test_my_units_shows_the_module_above_the_title_and_keeps_programme_order(tmp_path):
    import json

    from core.layout import UNIT_CARD
    from grading.my_units import unit_rows

    listing = []
    for unit, position, module in (("u-two", 2, "Hegemony"), ("u-one", 1, "Political economy"), ("u-flat", 3, None)):
        folder = tmp_path / "rosa" / unit
        folder.mkdir(parents=True)
        card = {"title": unit, "position": position, **({"module": module} if module else {})}
        (folder / UNIT_CARD).write_text(json.dumps(card))
        listing.append({"course_id": "rosa", "assignment_id": unit, "status": "released", "path": str(folder)})
    rows = unit_rows(listing, tmp_path)
    assert [(r.unit, r.module) for r in rows] == [("u-one", "Political economy"), ("u-two", "Hegemony"), ("u-flat", "")]


def test_the_my_units_page_shows_a_units_module_escaped(tmp_path):
    from core.pages import render_page
    from grading.my_units import TEMPLATES, UnitRow

    rows = [UnitRow("rosa", "u-one", "Consent and coercion", "new", module="Hegemony <b>"),
            UnitRow("rosa", "u-flat", "Where we stand", "new")]
    html = render_page(TEMPLATES, "my_units.html.j2", rows=rows, base="/user/l", units_url="/user/l/units",
                       hub_home="/hub/home", xsrf="x", quote=str, done="", done_unit="")
    assert html.count('class="rs-module"') == 1
    assert re.search(r"<p class=\"rs-module\">Hegemony &lt;b&gt;</p>\s*<h2>Consent and coercion</h2>", html)
