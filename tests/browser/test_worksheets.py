"""A circle's forces table in a real browser: typed into the form, drawn, saved, read at the desk.

learner1 fetches *Our conjuncture*, runs the forces table's cell, types three forces into
the form and watches the correlation chart redraw after each change; presses Shift-Enter
in the cell and sees the entries written into the cell's text; saves and submits. Then
the unit is autograded and facilitator1 opens the submission on the desk, where the
entries are there to read as text. Waits are on what a person would see.
"""

from __future__ import annotations

import re

import pytest

from tests.support.browser import log_in
from tests.support.hubprocess import USER_PASSWORD, own_hub, redschool

UNIT = "lrs-ca-02-our-conjuncture"
NOTEBOOK = f"{UNIT}.ipynb"
ISSUE = "free buses on the east side"
FORCES = [  # what the circle types: (name, class position, position option, strength)
    ("Bus riders union", "low-wage riders", "+2 strongly for", "3"),
    ("Drivers local", "unionised transit workers", "+1 for", "6"),
    ("Downtown business council", "commercial landlords", "-2 strongly against", "7"),
]


@pytest.fixture(scope="module")
def sheets_hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "worksheets-hub")
    released = redschool(hub, "release", UNIT, "--circle", "rosa")
    assert released.returncode == 0, released.stderr
    hub.start()
    yield hub
    hub.stop()


def open_assignments(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Assignment List", exact=True).click()


def field(box, label: str, index: int = -1):
    """The input of a labelled ipywidget inside ``box`` (the last one: the newest force's)."""
    exact = re.compile(f"^{re.escape(label)}$")
    widget = box.locator(".widget-inline-hbox", has=box.page.locator("label.widget-label", has_text=exact))
    return widget.nth(index).locator("input, textarea, select").first


def chart_title(form) -> str:
    return form.locator(".js-plotly-plot .gtitle").first.text_content()


def wait_for_title(page, form, words: str) -> None:
    """Wait until the chart's title says ``words`` (plotly wraps titles: compare without spaces)."""
    page.wait_for_function(
        "([box, words]) => { const t = box.querySelector('.js-plotly-plot .gtitle');"
        " return t && t.textContent.replace(/\\s+/g, '').includes(words.replace(/\\s+/g, '')); }",
        arg=[form.element_handle(), words], timeout=60_000)


def test_a_learner_fills_the_forces_table_and_the_chart_redraws(sheets_hub, browser_context, shoot):
    hub = sheets_hub
    page = browser_context.new_page()
    log_in(page, hub.url, "learner1", USER_PASSWORD)
    page.wait_for_url("**/user/learner1/units")  # workspaces open on My units; this test uses JupyterLab's panel
    page.goto(hub.url + "user/learner1/lab")
    page.wait_for_url("**/user/learner1/lab**")
    open_assignments(page)
    page.locator(".list_item", has_text=UNIT).get_by_role("button", name="Fetch").click()
    page.locator(".list_item", has_text=UNIT).get_by_role("button", name="Submit").wait_for()

    page.goto(hub.url + f"user/learner1/lab/tree/rosa/{UNIT}/{NOTEBOOK}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    # Run the cell once the kernel is up (a Shift-Enter before that can be dropped).
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=120_000)
    cell = page.locator(".jp-CodeCell", has=page.locator(".cm-content", has_text="forces = worksheets.forces_table(")).first
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    form = cell.locator(".widget-vbox", has=page.locator("h3", has_text="The circle's forces table")).first
    form.wait_for()
    form.scroll_into_view_if_needed()
    wait_for_title(page, form, "No force is placed on the chart yet")
    shoot(page, "01-empty-form")

    issue = field(form, "Issue", 0)
    issue.fill(ISSUE)
    issue.press("Enter")
    for n, (name, class_position, position, strength) in enumerate(FORCES, start=1):
        form.get_by_role("button", name="Add force").click()
        form.get_by_text(f"Force {n}", exact=True).wait_for()
        for label, value in (("Force", name), ("Class position", class_position)):
            box = field(form, label)
            box.fill(value)
            box.press("Enter")
        field(form, "Position").select_option(label=position)
        field(form, "Strength").select_option(label=strength)
        # The chart redraws with the new force on it.
        page.wait_for_function(
            "([box, name]) => [...box.querySelectorAll('.js-plotly-plot text')].some(t => t.textContent === name)",
            arg=[form.element_handle(), name], timeout=60_000)
    wait_for_title(page, form, "the forces for are stronger: 9 to 7")
    assert "Onfreebusesontheeastside" in chart_title(form).replace(" ", "")
    assert form.locator(".js-plotly-plot").count() == 1, "the chart is replaced, not stacked"
    assert "not saved in the notebook yet" in form.locator("[role=status]").inner_text()
    shoot(page, "02-three-forces")

    # The circle changes its mind: the drivers are stronger than it thought. The chart follows.
    field(form, "Strength", 1).select_option(label="9")
    wait_for_title(page, form, "the forces for are stronger: 12 to 7")
    shoot(page, "03-redrawn")

    # Shift-Enter in the worksheet's cell writes the form into the cell's text.
    cell.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(
        "([c]) => c.querySelector('.cm-content').textContent.includes('Downtown business council')",
        arg=[cell.element_handle()], timeout=60_000)
    text = cell.locator(".cm-content").inner_text()
    for name, class_position, _position, _strength in FORCES:
        assert name in text and class_position in text
    assert '"strength": 9' in text.replace("\u00a0", " ")
    saved = cell.locator(".widget-vbox", has=page.locator("h3", has_text="The circle's forces table")).first
    saved.locator("[role=status]", has_text="now saved in the cell").wait_for()
    shoot(page, "04-saved-into-the-cell")

    page.locator(".jp-NotebookPanel-toolbar [data-command='docmanager:save']").click()
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')", timeout=60_000)
    open_assignments(page)
    page.locator(".list_item", has_text=UNIT).get_by_role("button", name="Submit").click()
    page.locator("#submitted_assignments_list .list_item", has_text=UNIT).wait_for()


def test_the_desk_shows_the_submitted_forces_as_text(sheets_hub, browser_context, shoot):
    hub = sheets_hub
    graded = redschool(hub, "autograde", UNIT, "--circle", "rosa")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    page = browser_context.new_page()
    log_in(page, hub.url, "facilitator1", USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    page.goto(hub.url + f"services/rosa/formgrader/gradebook/{UNIT}/{UNIT}")
    page.locator('a[href*="/formgrader/submissions/"]').first.click()
    page.get_by_text("Downtown business council").first.wait_for()
    page.wait_for_load_state("networkidle")
    body = page.locator("body").inner_text()
    for name, class_position, _position, _strength in FORCES:
        assert name in body and class_position in body
    # The saved table under the form is shown as a table, not only as code.
    assert page.locator("table td", has_text="Downtown business council").count() >= 1
    shoot(page, "01-desk-submission")
