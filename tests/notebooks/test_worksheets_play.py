"""The conjunctural-analysis units played as a circle plays them.

The circle opens the learner's version of *Our conjuncture*, types its timeline, forces
and chokepoints into the forms, saves each with Shift-Enter in the worksheet's cell,
runs the checks and prints the page; then restarts the kernel and runs everything
again. At every step the chart, the saved text and the printed page must show exactly
what was typed. Then the same notebook is autograded (hidden tests back, confined
kernel) and the desk's text is read. The capstone is played the same way, with the
analysis pasted in from the first notebook, and the method unit with its exercises.

The forms are driven from the kernel, as the front end drives them (setting widget
values); the browser test types into them for real.
"""

from __future__ import annotations

import copy
import re

import pytest

from tests.support.learner import cell_errors, check_results, fill, run, student_version, with_hidden_tests
from tests.support.workspace_kernel import Workspace, errors_in, markdown_in

TIMELINE = dict(period="Transit after the pandemic", start=2014, end=2025)
EVENTS = [
    dict(year=2014, what="Fare hike passes without a fight", turning_point=False, why=""),
    dict(year=2020, what="Drivers refuse to work without masks", turning_point=True,
         why="Drivers discover they can stop the system"),
    dict(year=2022, what="Riders' union founded at the depot rally", turning_point=False, why=""),
    dict(year=2024, what="Transit authority proposes route cuts", turning_point=True,
         why="Riders and drivers face the same cut"),
]
ISSUE = "free buses on the east side"
FORCES = [
    dict(name="Bus riders' union", class_position="low-wage riders, many of them women of colour",
         interests="free and frequent buses", organisation="depot committees", allies=["Drivers' local"],
         opponents=["Downtown business council"], position=2, strength=3, moving="growing"),
    dict(name="Drivers' local", class_position="unionised transit workers", interests="safe staffing, no cuts",
         organisation="a union local", allies=["Bus riders' union"], opponents=[], position=1, strength=6, moving="steady"),
    dict(name="Downtown business council", class_position="commercial landlords and large employers",
         interests="low taxes; buses for commuters only", organisation="a chamber with lobbyists",
         allies=[], opponents=["Bus riders' union"], position=-2, strength=7, moving="steady"),
    dict(name="Suburban commuters", class_position="salaried workers who drive", interests="roads, not buses",
         organisation="none", allies=[], opponents=[], position=-1, strength=2, moving="shrinking"),
]
POINTS = [
    dict(where="the morning bus pull-out", depends="Downtown business council", withdrawn_by="Drivers' local",
         how="a sick-out on the day of the budget vote"),
]
HYPOTHESIS = dict(
    bloc_core="Bus riders' union, Drivers' local", bloc_key="Suburban commuters",
    basis_of_power="riders' numbers and drivers' ability to stop the buses",
    chokepoints="the morning bus pull-out", opposing_forces="Downtown business council",
    correlation_shift="buses are free on the east side and riders sit on the transit board",
    test="if the drivers' local will not hold a sick-out vote by next spring",
)


def chart_points(ws: Workspace, var: str) -> dict[str, list]:
    """Each force the form's chart draws: name -> [position, strength]."""
    traces = ws.value(f"[[list(t.text), list(t.x), list(t.y)] for t in {var}.figure.data]")
    return {name: [x, y] for names, xs, ys in traces for name, x, y in zip(names, xs, ys)}


def expected_points(forces: list[dict]) -> dict[str, list]:
    return {f["name"]: [f["position"], f["strength"]] for f in forces}


def type_rows(ws: Workspace, var: str, rows: list[dict]) -> None:
    for row in rows:
        _reply, outputs = ws.execute(f"{var}.add_row(**{row!r})")
        assert not errors_in(outputs), errors_in(outputs)


def assert_shows(text: str, rows: list[dict], keys: tuple[str, ...]) -> None:
    for row in rows:
        for key in keys:
            assert str(row[key]) in text, (key, row[key])


@pytest.fixture(scope="module")
def circle(tmp_path_factory):
    """The circle fills *Our conjuncture*; the fixture yields the workspace at the end of the session."""
    folder = tmp_path_factory.mktemp("our-conjuncture")
    ws = Workspace(student_version("lrs-ca-02-our-conjuncture"), folder)
    record: dict = {"folder": folder}
    try:
        ws.cell("since-answer")["source"] = (
            "our_start = 2014\npay_since = pp.loc[latest, \"pay_index\"] / pp.loc[our_start, \"pay_index\"] - 1")
        for cell_id in ("provenance", "worked-since", "since-answer", "since-check", "timeline-answer"):
            assert not errors_in(ws.run_cell(cell_id)), cell_id

        # The timeline, typed into the form, then saved with Shift-Enter in its cell.
        ws.execute(f"timeline.set(**{TIMELINE!r})")
        type_rows(ws, "timeline", EVENTS)
        record["timeline_unsaved"] = ws.value("timeline.unsaved")
        record["timeline_blank_source"] = ws.source("timeline-answer")
        ws.run_cell("timeline-answer")
        record["timeline_source"] = ws.source("timeline-answer")

        # The forces table: the chart follows every entry, including a change of mind.
        assert not errors_in(ws.run_cell("forces-answer"))
        ws.execute(f"forces.set(issue={ISSUE!r})")
        type_rows(ws, "forces", FORCES)
        record["chart_typed"] = chart_points(ws, "forces")
        ws.execute("forces.fill(0, strength=5)")  # the circle argues the riders up from 3 to 5
        record["chart_changed"] = chart_points(ws, "forces")
        record["title_changed"] = ws.value("forces.figure.layout.title.text")
        ws.execute("forces.fill(0, strength=3)")
        record["forces_check_unsaved"] = errors_in(ws.run_cell("forces-check"))
        ws.run_cell("forces-answer")
        record["forces_source"] = ws.source("forces-answer")
        record["forces_markdown"] = markdown_in(ws.cell("forces-answer")["outputs"])

        assert not errors_in(ws.run_cell("chokepoints-answer"))
        type_rows(ws, "points", POINTS)
        ws.run_cell("chokepoints-answer")
        record["checks"] = {c: errors_in(ws.run_cell(c)) for c in ("timeline-check", "forces-check", "chokepoints-check")}
        record["print"] = errors_in(ws.run_cell("print"))
        record["page"] = (folder / "our-conjuncture.html").read_text(encoding="utf-8")

        # Kernel > Restart Kernel and Run All Cells: only the notebook's text is left.
        (folder / "our-conjuncture.html").unlink()
        ws.save(folder / "saved.ipynb")
        ws.restart()
        record["after_restart"] = ws.run_all()
        record["chart_after_restart"] = chart_points(ws, "forces")
        record["page_after_restart"] = (folder / "our-conjuncture.html").read_text(encoding="utf-8")
        record["nb"] = copy.deepcopy(ws.nb)
        yield record
    finally:
        ws.close()


def test_the_form_s_entries_are_written_into_the_worksheet_cell(circle):
    assert circle["timeline_unsaved"] is True
    assert "events=[]" in circle["timeline_blank_source"]
    saved = circle["timeline_source"]
    assert saved.startswith("# The circle's timeline of the period.")
    assert_shows(saved, EVENTS, ("what", "why"))
    assert 'period="Transit after the pandemic"' in saved and "start=2014" in saved
    assert_shows(circle["forces_source"], FORCES, ("name", "class_position", "interests", "organisation"))
    assert '"strength": 3' in circle["forces_source"] and '"strength": 5' not in circle["forces_source"]


def test_the_correlation_chart_redraws_from_exactly_what_was_typed(circle):
    assert circle["chart_typed"] == expected_points(FORCES)
    changed = expected_points(FORCES)
    changed["Bus riders' union"] = [2, 5]
    assert circle["chart_changed"] == changed
    # for: 5 + 6 = 11; against: 7 + 2 = 9
    assert "the forces for are stronger: 11 to 9" in circle["title_changed"].replace("<br>", " ")


def test_checks_ask_to_save_first_then_pass(circle):
    assert circle["forces_check_unsaved"] and "not saved in the notebook yet" in circle["forces_check_unsaved"][0]
    assert circle["checks"] == {"timeline-check": [], "forces-check": [], "chokepoints-check": []}
    assert circle["print"] == []


def test_the_saved_markdown_and_the_printed_page_show_the_entries(circle):
    assert_shows(circle["forces_markdown"], FORCES, ("name", "class_position", "interests", "organisation"))
    assert "the forces for and against are level: 9 to 9" in circle["forces_markdown"]
    page = circle["page"]
    assert_shows(page.replace("&#39;", "'"), FORCES, ("name", "class_position", "interests", "organisation"))
    assert_shows(page.replace("&#39;", "'"), EVENTS, ("what",))
    assert "a sick-out on the day of the budget vote" in page
    drawn = {name: [int(p), int(st)] for name, p, st in
             re.findall(r'data-name="([^"]+)" data-position="(-?\d)" data-strength="(\d+)"', page.replace("&#39;", "'"))}
    assert drawn == expected_points(FORCES)


def test_after_a_kernel_restart_everything_comes_back_from_the_text(circle):
    outputs = circle["after_restart"]
    errors = {cell: errors_in(out) for cell, out in outputs.items() if errors_in(out)}
    assert errors == {}
    assert_shows(markdown_in(outputs["timeline-answer"]), EVENTS, ("what", "why"))
    assert_shows(markdown_in(outputs["forces-answer"]), FORCES, ("name", "class_position", "interests", "organisation"))
    assert_shows(markdown_in(outputs["chokepoints-answer"]), POINTS, ("where", "how"))
    assert circle["chart_after_restart"] == expected_points(FORCES)
    assert circle["page_after_restart"].split("Printed")[1] == circle["page"].split("Printed")[1]


def test_autograde_of_the_saved_notebook_passes_and_the_desk_reads_the_entries_as_text(circle):
    graded = run(with_hidden_tests(copy.deepcopy(circle["nb"]), "lrs-ca-02-our-conjuncture"))
    assert check_results(graded) == {"since-check": None, "timeline-check": None, "forces-check": None,
                                     "chokepoints-check": None}
    assert cell_errors(graded) == {}
    cells = {c["id"]: c for c in graded["cells"]}
    # The desk shows each cell's text and its text outputs: both hold the entries.
    assert_shows("".join(cells["forces-answer"]["source"]), FORCES, ("name", "interests"))
    shown = "".join("".join(o.get("data", {}).get("text/markdown", "")) for o in cells["forces-answer"]["outputs"])
    assert_shows(shown, FORCES, ("name", "class_position", "interests", "organisation"))


# --- the capstone --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sketch(circle, tmp_path_factory):
    folder = tmp_path_factory.mktemp("strategy-sketch")
    ws = Workspace(student_version("lrs-ca-03-strategy-sketch"), folder)
    record: dict = {}
    try:
        # Step 1 of the notebook: paste the analysis cells from *Our conjuncture*.
        ours = {c["id"]: c for c in circle["nb"]["cells"]}
        ws.cell("forces-answer")["source"] = ours["forces-answer"]["source"]
        ws.cell("chokepoints-answer")["source"] = ours["chokepoints-answer"]["source"]
        ws.run_all()
        record["hypothesis_blank_check"] = errors_in(ws.cell("hypothesis-check")["outputs"])
        ws.execute(f"hypothesis.set(**{HYPOTHESIS!r})")
        record["sentence"] = ws.value("hypothesis.sheet.sentence()")
        ws.run_cell("hypothesis-answer")
        record["source"] = ws.source("hypothesis-answer")
        record["check"] = errors_in(ws.run_cell("hypothesis-check"))
        ws.save(folder / "saved.ipynb")
        ws.restart()
        record["after_restart"] = ws.run_all()
        record["page"] = (folder / "our-strategy-sketch.html").read_text(encoding="utf-8")
        record["nb"] = copy.deepcopy(ws.nb)
        yield record
    finally:
        ws.close()


def test_the_sketch_is_tested_against_the_circle_s_own_analysis(sketch):
    assert sketch["hypothesis_blank_check"] and "Not complete yet" in sketch["hypothesis_blank_check"][0]
    assert sketch["sentence"] == (
        "If a movement deeply connected to a bloc of Bus riders' union, Drivers' local with Suburban commuters "
        "exerts riders' numbers and drivers' ability to stop the buses at the morning bus pull-out, it will defeat "
        "Downtown business council and shift the correlation of power so that buses are free on the east side "
        "and riders sit on the transit board.")
    assert '"Bus riders\' union", "Drivers\' local"' in sketch["source"]
    assert sketch["check"] == []


def test_the_sketch_survives_a_restart_and_prints_with_its_analysis(sketch):
    outputs = sketch["after_restart"]
    assert {cell: errors_in(out) for cell, out in outputs.items() if errors_in(out)} == {}
    shown = markdown_in(outputs["hypothesis-answer"])
    assert sketch["sentence"] in shown.replace("> ", "")
    page = sketch["page"].replace("&#39;", "'")
    assert sketch["sentence"] in page
    assert page.index("<h2>Strategy hypothesis") < page.index("<h2>Forces table") < page.index("<h2>Chokepoints")
    assert_shows(page, FORCES, ("name", "organisation"))
    graded = run(with_hidden_tests(copy.deepcopy(sketch["nb"]), "lrs-ca-03-strategy-sketch"))
    assert check_results(graded) == {"forces-check": None, "chokepoints-check": None, "hypothesis-check": None}


def test_a_hypothesis_naming_a_force_not_in_the_analysis_fails_its_check(circle):
    nb = student_version("lrs-ca-03-strategy-sketch")
    ours = {c["id"]: c for c in circle["nb"]["cells"]}
    wrong = ("from exercises import worksheets\nhypothesis = worksheets.hypothesis(bloc_core=['Students'], "
             "basis_of_power='x', chokepoints=['the morning bus pull-out'], opposing_forces=['Downtown business council'], "
             "correlation_shift='y', test='z')\nhypothesis")
    fill(nb, {"forces-answer": ours["forces-answer"]["source"], "chokepoints-answer": ours["chokepoints-answer"]["source"],
              "hypothesis-answer": wrong})
    results = check_results(run(with_hidden_tests(nb, "lrs-ca-03-strategy-sketch")))
    assert results["forces-check"] is None and results["chokepoints-check"] is None
    assert "The bloc names 'Students', which is not in your forces table" in results["hypothesis-check"]


# --- the method unit ---------------------------------------------------------------------------

METHOD = "lrs-ca-01-reading-the-conjuncture"
METHOD_ANSWERS = {
    "unemployment-answer": "unemployment_rise = yearly.loc[1982] - yearly.loc[1969]",
    "pay-answer": 'pay_growth = pp.loc[1985, "pay_index"] / pp.loc[1973, "pay_index"] - 1',
    "compare-answer": "my_years = (1973, 2007)\nmy_change = rate_of_profit.loc[2007] - rate_of_profit.loc[1973]",
    "reflect-judgement": "Labour was weaker than a 6.",
    "reflect-structure": "Rent keeps rising; the union is new.",
}


@pytest.fixture(scope="module")
def method_student() -> dict:
    return student_version(METHOD)


def test_the_method_unit_plays_and_its_numbers_come_from_the_data(method_student):
    played = run(with_hidden_tests(fill(copy.deepcopy(method_student), METHOD_ANSWERS), METHOD))
    assert check_results(played) == {"unemployment-check": None, "pay-check": None, "compare-check": None}
    assert cell_errors(played) == {}
    summary = "".join("".join(o.get("text", "")) for c in played["cells"] if c["id"] == "data-summary" for o in c["outputs"])
    import pandas as pd

    from exercises.data import productivity_pay, reserve_army, us_corporate

    corp = us_corporate().set_index("year")
    rate = corp["surplus"] / corp["capital_stock"]
    months = reserve_army()
    yearly = months.groupby(months["month"].dt.year)["unemployment_rate"].mean()
    pp = productivity_pay().set_index("year")
    assert f"Rate of profit: {rate.loc[1965]:.1%} in 1965, {rate.loc[1982]:.1%} in 1982." in summary
    assert f"{yearly.loc[1969]:.1f}% in 1969, {yearly.loc[1982]:.1f}% in 1982" in summary
    assert f"pay {pp.loc[1985, 'pay_index'] / pp.loc[1973, 'pay_index'] - 1:+.1%}." in summary
    highest = months.loc[months["unemployment_rate"].idxmax()]
    assert f"{pd.Timestamp(highest['month']):%B %Y}, at {highest['unemployment_rate']:.1f}%." in summary


@pytest.mark.parametrize("cell, answer, hint", [
    ("unemployment-answer", "unemployment_rise = yearly.loc[1969] - yearly.loc[1982]", "put the later year (1982) first"),
    ("unemployment-answer", "unemployment_rise = months['unemployment_rate'].max() - yearly.loc[1969]", "highest single month"),
    ("pay-answer", 'pay_growth = pp.loc[1985, "pay_index"] / pp.loc[1973, "pay_index"]', "Subtract 1 at the end"),
    ("compare-answer", "my_years = (1973, 2007)\nmy_change = rate_of_profit.loc[1973] - rate_of_profit.loc[2007]",
     "wrong sign"),
    ("compare-answer", "my_years = (1973, 2007)\nmy_change = rate_of_profit.loc[2000] - rate_of_profit.loc[1973]",
     "does not match your years"),
])
def test_the_method_unit_s_typical_mistakes_get_their_hints(method_student, cell, answer, hint):
    played = run(with_hidden_tests(fill(copy.deepcopy(method_student), {**METHOD_ANSWERS, cell: answer}), METHOD))
    results = check_results(played)
    check = cell.replace("-answer", "-check")
    assert results[check] is not None and hint in results[check], results[check]
