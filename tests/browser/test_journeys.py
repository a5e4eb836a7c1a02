"""The learner's and the facilitator's journeys, in a real browser, against a live hub.

One story in three acts on a hub of its own: learner1 fetches the political
economy unit, works it and submits; facilitator1 collects, autogrades, comments
and returns feedback at the desk and on the progress page; learner1 fetches the
feedback and reads the comment. Waits are on what a person would see (a button,
a saved tick, a drawn chart), never fixed sleeps. How long each act took is
written to tests/artifacts/journey-times.json.
"""

from __future__ import annotations

import json
import time

import pytest

from curriculum.build import TEXT_STUB
from tests.support.browser import (
    desk_autograde, desk_close_dialog, desk_collect, desk_comment, desk_open_first_submission, log_in, run_all_cells,
    type_into_cell, write_reflection,
)
from tests.support.hubprocess import ARTIFACTS, USER_PASSWORD, own_hub, redschool

UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
REFLECTION = "In our tenants' union the rent is set by what the usual landlord can get, not by our needs."
COMMENT = "Good: now ask who sets 'usual' in your building, and how the union could change it."
ANSWERS = {  # the cell a learner types into -> what they type
    "hours_per_shirt = ...": "hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())",
    "value_of_c_shirts = ...": 'value_of_c_shirts = workshop_shirts["C"] * hours_per_shirt',
    "loaves_per_shirt = ...": "loaves_per_shirt = hours_per_shirt / hours_per_loaf",
    "new_hours_per_shirt = ...": "new_hours_per_shirt = (80 + 150 + 40) / (40 + 250 + 10)",
    "share_below_one_hour = ...": "share_below_one_hour = 60",
    "output_per_hour = ...": 'output_per_hour = pwt["cgdpo"] / (pwt["emp"] * pwt["avh"])',
    "my_ratio = ...": (
        'my_first_country = "KOR"\nmy_second_country = "BRA"\nmy_guess = 2\n'
        'h = pwt.set_index("isocode")["output_per_hour"]\nmy_ratio = h["KOR"] / h["BRA"]'
    ),
}
TIMES: dict[str, float] = {}


@pytest.fixture(scope="module")
def journey_hub(tmp_path_factory):
    """A hub of its own, so the journeys start from nothing fetched and nothing submitted."""
    hub = own_hub(tmp_path_factory, "journey-hub")
    released = redschool(hub, "release", UNIT, "--circle", "rosa")
    assert released.returncode == 0, released.stderr
    hub.start()
    yield hub
    hub.stop()
    (ARTIFACTS / "journey-times.json").write_text(json.dumps(TIMES, indent=2) + "\n")


def open_assignments(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Assignment List", exact=True).click()


def test_act1_learner_fetches_works_and_submits(journey_hub, browser_context, shoot):
    hub, start = journey_hub, time.monotonic()
    page = browser_context.new_page()
    page.goto(hub.url + "hub/login")
    shoot(page, "01-login")
    log_in(page, hub.url, "learner1", USER_PASSWORD)
    page.wait_for_url("**/user/learner1/units")  # My units (tests/browser/test_people.py walks it)
    page.goto(hub.url + "hub/home")
    assert page.locator(".rs-circle").inner_text() == "rosa"
    shoot(page, "02-home-shows-circle-rosa")
    # This journey goes through JupyterLab's own Assignments panel, which stays available.
    page.goto(hub.url + "user/learner1/lab")
    page.wait_for_url("**/user/learner1/lab**")
    open_assignments(page)
    released = page.locator(".list_item", has_text=UNIT)
    released.get_by_role("button", name="Fetch").click()
    shoot(page, "03-assignments-panel")
    page.locator(".list_item", has_text=UNIT).get_by_role("button", name="Submit").wait_for()
    shoot(page, "04-fetched")

    page.goto(hub.url + f"user/learner1/lab/tree/rosa/{UNIT}/{NOTEBOOK}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    for placeholder, answer in ANSWERS.items():
        type_into_cell(page, placeholder, answer)
    # The first reflection: a Markdown answer cell, edited by double-clicking it.
    # nbgrader's text in an empty answer cell, as rendered (its hidden editor holds it too).
    write_reflection(page, TEXT_STUB, REFLECTION)
    page.keyboard.press("Control+S")
    run_all_cells(page)
    shoot(page, "05-ran-all-cells")

    # A plotly chart is drawn, and the explorer's slider changes its chart in place.
    assert page.locator(".js-plotly-plot .main-svg").count() > 0
    explorer = page.locator(".widget-box", has=page.locator(".widget-slider")).first
    explorer.scroll_into_view_if_needed()
    summary = explorer.locator("[role=status]").first
    before_text = summary.inner_text()
    before_chart = explorer.locator(".js-plotly-plot").first.inner_html()
    handle = explorer.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([el, text]) => el.innerText !== text", arg=[summary.element_handle(), before_text], timeout=60_000
    )
    # The chart is redrawn a moment after the words: wait for it too (it may be a new element).
    page.wait_for_function(
        "([box, html]) => { const plot = box.querySelector('.js-plotly-plot'); return plot && plot.innerHTML !== html; }",
        arg=[explorer.element_handle(), before_chart],
        timeout=60_000,
    )
    assert explorer.locator(".js-plotly-plot").count() == 1, "the chart is replaced, not stacked"
    shoot(page, "06-explorer-moved")

    page.keyboard.press("Control+S")
    open_assignments(page)
    page.locator(".list_item", has_text=UNIT).get_by_role("button", name="Submit").click()
    page.locator("#submitted_assignments_list .list_item", has_text=UNIT).wait_for()
    shoot(page, "07-submitted")
    TIMES["learner: log in to submit"] = round(time.monotonic() - start, 1)


def test_act2_facilitator_reviews_and_returns_feedback(journey_hub, browser_context, shoot):
    hub, start = journey_hub, time.monotonic()
    page = browser_context.new_page()
    # The desk's CSP forbids inline script; anything of formgrader's it would block shows here.
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, hub.url, "facilitator1", USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    shoot(page, "01-home-links")
    assert page.locator('.rs-facilitates[data-circle="rosa"] .rs-progress').count() == 1
    page.locator('.rs-facilitates[data-circle="rosa"] .rs-desk').click()
    page.wait_for_url("**/services/rosa/formgrader/**")
    row = page.locator("#main-table tr", has_text="Commodity and value")  # the unit by its title
    row.locator("td.collect a").wait_for()
    # A desk reviews: no authoring buttons (edit, generate, preview, release), no new
    # assignment, no student management; the unit's name is not a link to its source.
    assert row.locator("td.edit, td.assign, td.preview, td.release").count() == 0
    assert row.locator("td.name a").count() == 0
    assert page.get_by_text("Add new assignment").count() == 0
    assert page.get_by_text("Manage Students").count() == 0
    desk_collect(page, row)
    shoot(page, "02-collected")
    desk_close_dialog(page)

    desk_autograde(page, hub.url, "rosa", UNIT, "learner1")
    shoot(page, "03-autograded")

    desk_open_first_submission(page, hub.url, "rosa", UNIT, "#reflection-answer-comment")
    assert REFLECTION in page.content()
    # A comment on a reflection also marks it read: its one point, sent by nbgrader's own grade API.
    saved, read = desk_comment(page, "#reflection-answer-comment", COMMENT)
    assert saved.ok
    assert read.ok and read.json()["manual_score"] == 1
    shoot(page, "04-commented")

    page.goto(hub.url + "services/progress/circle/rosa")
    page.locator("#progress-heatmap .main-svg").first.wait_for()
    shoot(page, "05-progress-heatmap")
    page.locator("tr", has_text="Commodity and value").get_by_role("button", name="Return reviewed feedback").click()  # titles, not ids
    page.locator(".outcome", has_text="Ana (learner): feedback returned").wait_for(timeout=120_000)
    shoot(page, "06-feedback-returned")
    TIMES["facilitator: log in to feedback returned"] = round(time.monotonic() - start, 1)
    assert blocked == []


def test_a_url_puts_no_script_in_a_desk_page(journey_hub, browser_context, shoot):
    hub = journey_hub
    page = browser_context.new_page()
    log_in(page, hub.url, "facilitator1", USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    page.goto(hub.url + "services/rosa/formgrader")
    page.wait_for_url("**/services/rosa/formgrader/**")
    # nbgrader's templates put these segments inside an inline `var ... = "<segment>";`.
    for path in ('manage_students/";document.title="pwned";"', 'manage_students/"<%2Fscript><script>document.title="pwned"<%2Fscript>',
                 'manage_submissions/";document.title="pwned";"', 'gradebook/";document.title="pwned";"/x'):
        page.goto(hub.url + "services/rosa/formgrader/" + path)
        page.wait_for_load_state("load")
        assert page.title() != "pwned", path
    shoot(page, "01-injection-inert")


def test_act3_learner_reads_the_comment(journey_hub, browser_context, shoot):
    hub, start = journey_hub, time.monotonic()
    page = browser_context.new_page()
    log_in(page, hub.url, "learner1", USER_PASSWORD)
    page.wait_for_url("**/user/learner1/units")
    page.goto(hub.url + "user/learner1/lab")
    open_assignments(page)
    submitted = page.locator("#submitted_assignments_list .list_item", has_text=UNIT)
    submitted.get_by_role("button", name="Fetch Feedback").click()
    # "view feedback" shows the feedback folder in the file browser; the learner opens the page there.
    submitted.get_by_text("view feedback").first.click()
    page.locator(".jp-DirListing-item", has_text=".html").first.dblclick()
    frame = page.frame_locator(".jp-HTMLViewer iframe").first
    frame.locator(".rs-reflection .rs-comment", has_text=COMMENT).wait_for()  # the comments come first
    shoot(page, "01-feedback-open")
    TIMES["learner: fetch and read feedback"] = round(time.monotonic() - start, 1)


def test_refusals_in_the_browser(journey_hub, browser_context, shoot):
    hub = journey_hub
    page = browser_context.new_page()
    log_in(page, hub.url, "facilitator2", USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    response = page.goto(hub.url + "services/rosa/formgrader")
    shoot(page, "01-facilitator2-on-rosa-desk")
    assert response.status == 403
    assert page.locator("#main-table").count() == 0 and "learner1" not in page.content()
