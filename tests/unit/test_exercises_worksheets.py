"""The worksheet toolkit without a kernel: parsing, problems, the text a cell is saved as,
the forms and their chart, the Markdown the desk shows and the printable page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from exercises import InvalidInput, worksheets
from exercises.worksheets import editor as editors
from exercises.worksheets import text
from tests.support.offline import REMOTE_LOAD

ROOT = Path(__file__).resolve().parents[2]


def force(name, position, strength, **more):
    base = dict(name=name, class_position=f"{name} class", interests=f"{name} wants", organisation=f"{name} org",
                allies=[], opponents=[], position=position, strength=strength, moving="steady")
    return {**base, **more}


TABLE = dict(issue="rent stabilisation", forces=[
    force("Tenant unions", 2, 4, allies=["Care workers"], opponents=["Landlords"], moving="growing"),
    force("Care workers", 1, 5, allies=["Tenant unions"]),
    force("Landlords", -2, 8, opponents=["Tenant unions"], moving="growing"),
    force("Homeowners", 0, 3, moving="shrinking"),
])
POINTS = dict(chokepoints=[dict(where="rent rolls", depends="Landlords", withdrawn_by="Tenant unions", how="rent strike")])
HYPOTHESIS = dict(bloc_core=["Tenant unions"], bloc_key=["Care workers"], basis_of_power="withholding rent",
                  chokepoints=["rent rolls"], opposing_forces=["Landlords"], correlation_shift="rents fall",
                  test="no strike within a year")
TIMELINE = dict(period="after the crash", start=2008, end=2025, events=[
    dict(year=2008, what="crash", turning_point=True, why="landlords buy up homes"),
    dict(year=2011, what="occupations", turning_point=False, why=""),
    dict(year=2020, what="pandemic", turning_point=True, why="tenant unions form"),
    dict(year=2023, what="citywide union", turning_point=False, why=""),
])


@pytest.fixture(autouse=True)
def no_open_forms():
    editors.OPEN.clear()
    yield
    editors.OPEN.clear()


# --- problems: complete and consistent, never judged -----------------------------------------


def test_complete_worksheets_have_no_problems():
    forces = worksheets.ForcesTable.parse(**TABLE)
    assert forces.problems() == []
    assert worksheets.Timeline.parse(**TIMELINE).problems() == []
    assert worksheets.Chokepoints.parse(**POINTS).problems(forces) == []
    assert worksheets.Hypothesis.parse(**HYPOTHESIS).problems(forces, worksheets.Chokepoints.parse(**POINTS)) == []


def test_blank_worksheets_say_what_is_missing():
    assert any("Name the issue" in p for p in worksheets.ForcesTable.parse().problems())
    assert any("at least 4" in p for p in worksheets.Timeline.parse().problems())
    assert worksheets.Chokepoints.parse().problems() == ["Name at least one chokepoint."]
    missing = worksheets.Hypothesis.parse().missing_parts()
    assert missing == list(worksheets.TEMPLATE_PARTS)
    # Each missing part names the line of the cell to fill, and in what form.
    problems = worksheets.Hypothesis.parse(bloc_core=["x"], chokepoints=["y"], opposing_forces=["z"]).problems()
    assert 'Fill in the part: basis of power (basis_of_power="...": words in quotes).' in problems
    assert 'Fill in the part: correlation of power (correlation_shift="...": words in quotes).' in problems


@pytest.mark.parametrize("change, words", [
    (lambda t: t["forces"][0].update(interests=""), "Force 1 (Tenant unions): fill in interests."),
    (lambda t: t["forces"][0].update(allies=["Care workers", "Students"]), "'Students', which is not a force in the table"),
    (lambda t: t["forces"][1].update(opponents=["Tenant unions"]), "'Tenant unions' is both an ally and an opponent"),
    (lambda t: t["forces"][1].update(allies=[], opponents=["Tenant unions"]),
     "Force 1 (Tenant unions) calls 'Care workers' an ally, but 'Care workers' calls it an opponent."),
    (lambda t: t["forces"][3].update(name="Landlords"), "two forces are called 'Landlords'"),
    (lambda t: t["forces"][2].update(allies=["Landlords"]), "listed among its own allies"),
    (lambda t: [f.update(position=1) for f in t["forces"]], "No force in the table is against the issue"),
])
def test_inconsistent_forces_are_named(change, words):
    table = json.loads(json.dumps(TABLE))
    change(table)
    problems = worksheets.ForcesTable.parse(**table).problems()
    assert any(words in p for p in problems), problems


def test_chokepoints_and_hypothesis_are_tested_against_the_forces_table():
    forces = worksheets.ForcesTable.parse(**TABLE)
    wrong_side = worksheets.Chokepoints.parse(chokepoints=[dict(POINTS["chokepoints"][0], depends="Care workers")])
    assert any("does not place it against the issue" in p for p in wrong_side.problems(forces))
    # Key sectors may still have to be won over (Landlords there is no problem); the core may not be against.
    fine = worksheets.Hypothesis.parse(**{**HYPOTHESIS, "bloc_key": ["Care workers", "Landlords"]})
    assert fine.problems(forces) == []
    core_against = worksheets.Hypothesis.parse(**{**HYPOTHESIS, "bloc_core": ["Landlords"]})
    assert any("The bloc's core names 'Landlords', but your forces table places it against" in p
               for p in core_against.problems(forces))
    hypothesis = worksheets.Hypothesis.parse(**{**HYPOTHESIS, "bloc_core": ["Tenant unions", "Students"],
                                                "opposing_forces": ["Care workers"], "chokepoints": ["ports"]})
    problems = hypothesis.problems(forces, worksheets.Chokepoints.parse(**POINTS))
    assert "The bloc names 'Students', which is not in your forces table: add it there first." in problems
    assert any("'Care workers', but your forces table places it for the issue" in p for p in problems)
    assert any("chokepoint 'ports'" in p for p in problems)


def test_a_bloc_core_that_is_also_the_opposition_is_named_without_a_forces_table():
    # Bootcamp session 5 checks a hypothesis of free names, with no forces table to test it against.
    same = worksheets.Hypothesis.parse(**{**HYPOTHESIS, "opposing_forces": ["Landlords", "tenant unions"]})
    assert "'Tenant unions' is both in the bloc's core and among the opposing forces: who, concretely, " \
           "stands in the bloc's way?" in same.problems()
    assert worksheets.Hypothesis.parse(**HYPOTHESIS).problems() == []


def test_timeline_problems():
    line = worksheets.Timeline.parse(period="p", start=2010, end=2000, events=[
        dict(year=1990, what="x", turning_point=True)])
    problems = line.problems()
    assert any("the end must come after the start" in p for p in problems)
    assert any("say why" in p for p in problems)


@pytest.mark.parametrize("entry, words", [
    ({"name": "a", "strenght": 3}, "'strenght' that the worksheet does not know"),
    ({"name": "a", "strength": "high"}, "strength must be a whole number from 1 to 10; you gave 'high'"),
    ({"name": "a", "strength": 11}, "must be from 1 to 10; you gave 11"),
    ({"name": "a", "position": 3}, "must be from -2 to 2"),
    ({"name": "a", "moving": "up"}, "moving must be one of 'growing', 'steady', 'shrinking'"),
    ({"name": 5}, "name must be words in quotes"),
    ("Tenant unions", "curly brackets"),
])
def test_bad_entries_get_a_plain_message(entry, words):
    with pytest.raises(InvalidInput, match=re.escape(words)):
        worksheets.ForcesTable.parse(issue="x", forces=[entry])


def _notebook_cells(unit: str) -> dict[str, str]:
    folder = next((ROOT / "curriculum").glob(f"*/{unit}"))
    return {c["id"]: "".join(c["source"]) for c in json.loads(next(folder.glob("*.ipynb")).read_text())["cells"]}


def _flat(words: str) -> str:
    return " ".join(words.split())


def test_template_parts_are_the_bootcamp_s():
    # A member who met the template in Bootcamp session 5 finds the same tool in the strategy sketch:
    # the Bootcamp's hypothesis exercise is the toolkit's worksheet, not a look-alike.
    unit = "bootcamp-05-strategy-and-the-political-instrument"
    cells = _notebook_cells(unit)
    source = "".join(cells.values())
    assert "worksheets.TEMPLATE_PARTS" in source
    assert "TEMPLATE_PARTS =" not in source, "the notebook names the parts from worksheets.TEMPLATE_PARTS, not a list of its own"
    assert not re.search(r'\[\s*"bloc",\s*"basis of power"', source), "no second list of the five parts"

    answer = cells["hypothesis-answer"]
    given, solution = answer.split("### BEGIN SOLUTION")
    blank = text.cell_source(worksheets.Hypothesis.parse(), "hypothesis")
    # The learner starts from the very text the form writes back, so saving the form changes only the entries.
    assert given.rstrip() == blank.rsplit("\n", 1)[0]
    assert answer.rstrip().endswith("### END SOLUTION\nhypothesis")
    assert "hypothesis = worksheets.hypothesis(" in solution

    check = cells["hypothesis-check"]
    assert check.startswith("# Checks your answer: ")
    visible, hidden = check.split("### BEGIN HIDDEN TESTS")
    assert "worksheets.check(hypothesis)" in visible.splitlines() and "worksheets.check(hypothesis)" in hidden.splitlines()
    capstone = _notebook_cells("lrs-ca-03-strategy-sketch")
    assert "hypothesis = worksheets.hypothesis(" in capstone["hypothesis-answer"]
    assert "worksheets.check(hypothesis, " in capstone["hypothesis-check"]

    # Learners and facilitators are told they meet this tool again, by the capstone's title.
    title = yaml.safe_load((next((ROOT / "curriculum").glob("*/lrs-ca-03-strategy-sketch")) / "unit.yaml").read_text())["title"]
    guide = (next((ROOT / "curriculum").glob(f"*/{unit}")) / "facilitator-guide.md").read_text()
    for words in (_flat(cells["template-intro"]), _flat(cells["hypothesis-instructions"]), _flat(guide)):
        assert f"*{title}*" in words and "Little Red School" in words

    sentence = worksheets.Hypothesis.parse(**HYPOTHESIS).sentence()
    assert sentence.startswith("If a movement deeply connected to a bloc of Tenant unions with Care workers exerts withholding rent at rent rolls")
    assert "[ ... ]" in worksheets.Hypothesis.parse(bloc_core=["x"]).sentence()


# --- saved as text ---------------------------------------------------------------------------

TRICKY = 'Tenants\' "union" — 100% \\ back|slash\nnew line'


@pytest.mark.parametrize("kind, data", [
    ("forces", {**TABLE, "issue": TRICKY}),
    ("timeline", {**TIMELINE, "period": TRICKY}),
    ("chokepoints", {"chokepoints": [dict(POINTS["chokepoints"][0], how=TRICKY)]}),
    ("hypothesis", {**HYPOTHESIS, "test": TRICKY}),
])
def test_the_cell_text_rebuilds_exactly_the_worksheet(kind, data):
    cls = {"forces": worksheets.ForcesTable, "timeline": worksheets.Timeline,
           "chokepoints": worksheets.Chokepoints, "hypothesis": worksheets.Hypothesis}[kind]
    sheet = cls.parse(**data)
    source = text.cell_source(sheet, text.DEFAULT_VARS[kind])
    namespace: dict = {}
    exec(source, namespace)  # noqa: S102 - the text we generate, run as a learner's cell would
    assert namespace[text.DEFAULT_VARS[kind]].saved == sheet
    assert source.splitlines()[-1] == text.DEFAULT_VARS[kind]


def test_another_variable_name_is_kept_in_the_text():
    sheet = worksheets.ForcesTable.parse(**TABLE)
    source = text.cell_source(sheet, "practice")
    assert 'var="practice"' in source and "practice = worksheets.forces_table(" in source
    namespace: dict = {}
    exec(source, namespace)  # noqa: S102
    assert namespace["practice"].var == "practice" and namespace["practice"].cell_source() == source


def test_markdown_shows_every_entry_and_keeps_tables_intact():
    table = json.loads(json.dumps(TABLE))
    table["forces"][0]["interests"] = "rent | repairs\nand no evictions"
    md = worksheets.markdown(worksheets.ForcesTable.parse(**table))
    assert "rent \\| repairs and no evictions" in md
    for f in table["forces"]:
        assert f"| {f['name']} | {f['class_position']} |" in md
    assert "| +2 (strongly for) | 4 | growing |" in md and "| 0 (undecided or split) | 3 | shrinking |" in md
    assert "On rent stabilisation, the forces for are stronger: 9 to 8." in md
    assert "Complete" in md
    assert "**yes**: landlords buy up homes" in worksheets.markdown(worksheets.Timeline.parse(**TIMELINE))


# --- the forms -------------------------------------------------------------------------------


def drawn(form) -> dict:
    outputs = form.output.outputs
    assert len(outputs) == 1, "the chart is replaced, never stacked"
    return outputs[0]["data"]["application/vnd.plotly.v1+json"]


def points_of(figure: dict) -> dict[str, tuple]:
    return {name: (x, y) for trace in figure["data"] for name, x, y in zip(trace["text"], trace["x"], trace["y"])}


def test_typing_in_the_forces_form_redraws_the_chart():
    form = worksheets.forces_table(**TABLE)
    assert not form.unsaved
    assert points_of(drawn(form))["Landlords"] == (-2, 8)
    form.fill(2, strength=3)
    form.add_row(name="Students", class_position="students", interests="cheap rooms", organisation="none",
                 position=1, strength=2, moving="growing")
    figure = drawn(form)
    assert points_of(figure) == {"Tenant unions": (2, 4), "Care workers": (1, 5), "Landlords": (-2, 3),
                                 "Homeowners": (0, 3), "Students": (1, 2)}
    assert "the forces for are stronger: 11 to 3" in figure["layout"]["title"]["text"].replace("<br>", " ")
    assert form.unsaved and "not saved in the notebook yet" in form.status.value
    # The text the notebook holds is still the old one, and the check says so.
    assert form.saved == worksheets.ForcesTable.parse(**TABLE)
    with pytest.raises(AssertionError, match="not saved in the notebook yet"):
        worksheets.check(form)
    form.remove_row(4)
    form.fill(2, strength=8)
    assert not form.unsaved and "Saved" in form.status.value


def test_a_force_without_position_is_listed_not_drawn():
    form = worksheets.forces_table(**TABLE)
    form.fill(3, position=None)
    figure = drawn(form)
    assert "Homeowners" not in points_of(figure)
    assert "Not placed yet: Homeowners." in figure["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


def test_a_bad_year_in_the_form_is_reported_and_the_last_good_sheet_kept():
    form = worksheets.timeline(**TIMELINE)
    form.fill(0, year="20x8")
    assert "Event 1: Year: the year must be a number like 1979; you typed &#x27;20x8&#x27;" in form.status.value
    assert form.sheet == worksheets.Timeline.parse(**TIMELINE)


def test_running_the_cell_again_saves_the_form_when_only_the_form_changed(capsys):
    form = worksheets.hypothesis(**HYPOTHESIS)
    form.set(basis_of_power="a general rent strike", bloc_key="Care workers, Homeowners")
    again = worksheets.hypothesis(**HYPOTHESIS)  # the cell's text has not changed
    assert again.saved.basis_of_power == "a general rent strike"
    assert again.saved.bloc_key == ("Care workers", "Homeowners")
    assert not again.unsaved and "now saved in the cell" in again.status.value
    assert capsys.readouterr().out == ""


def test_when_text_and_form_both_changed_the_text_wins_and_the_form_is_printed(capsys):
    form = worksheets.hypothesis(**HYPOTHESIS)
    form.set(basis_of_power="a general rent strike")
    again = worksheets.hypothesis(**{**HYPOTHESIS, "test": "edited in the text"})
    assert again.saved.test == "edited in the text" and again.saved.basis_of_power == "withholding rent"
    out = capsys.readouterr().out
    assert "You changed both" in out and '"a general rent strike"' in out


def test_check_passes_only_on_saved_complete_worksheets():
    forces = worksheets.forces_table(**TABLE)
    worksheets.check(forces)
    worksheets.check(worksheets.chokepoints_list(**POINTS), forces=forces)
    with pytest.raises(AssertionError, match="Not complete yet: Name at least one chokepoint."):
        worksheets.check(worksheets.chokepoints_list())


def test_the_display_shows_the_form_and_the_saved_text():
    form = worksheets.forces_table(**TABLE)
    shown = []
    import IPython.display

    original = IPython.display.display
    IPython.display.display = lambda *objs, **kw: shown.extend(objs)
    try:
        form._ipython_display_()
    finally:
        IPython.display.display = original
    assert shown[0]["application/vnd.jupyter.widget-view+json"]["model_id"] == form.widget.model_id
    assert shown[0]["text/plain"] == "(The form for the circle's forces table: it shows in JupyterLab.)"
    assert shown[1]["text/markdown"].startswith("**Saved in this notebook**")
    assert "| Landlords | Landlords class |" in shown[1]["text/plain"]


# --- the printable page ----------------------------------------------------------------------


def test_printable_page_holds_every_entry_offline_and_inert(tmp_path):
    table = json.loads(json.dumps(TABLE))
    table["forces"][3]["name"] = "<script>alert(1)</script>"
    forces = worksheets.ForcesTable.parse(**table)
    page = worksheets.printable_html(worksheets.Timeline.parse(**TIMELINE), forces,
                                     worksheets.Chokepoints.parse(**POINTS), worksheets.Hypothesis.parse(**HYPOTHESIS),
                                     title="Our analysis", circle="rosa")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not REMOTE_LOAD.search(page) and "http:" not in page and "https:" not in page and "//" not in page
    for f in forces.forces:
        assert f'data-position="{f.position}" data-strength="{f.strength}"' in page
    for entry in ("rent stabilisation", "Landlords class", "landlords buy up homes", "rent strike", "no strike within a year",
                  "If a movement deeply connected to a bloc of Tenant unions"):
        assert entry in page
    written = worksheets.write_printable(forces, path=tmp_path / "page.html")
    assert written.path.read_text(encoding="utf-8").count("<section") == 1
    assert "page.html" in written._repr_markdown_()
    assert not list(tmp_path.glob("*.part"))


def test_printable_takes_the_saved_text_of_a_form_not_its_unsaved_changes():
    form = worksheets.forces_table(**TABLE)
    form.fill(0, name="Renamed in the form only")
    page = worksheets.printable_html(form)
    assert "Renamed in the form only" not in page and "Tenant unions" in page
    with pytest.raises(TypeError, match="printable\\(\\) takes worksheets"):
        worksheets.printable_html("forces")
