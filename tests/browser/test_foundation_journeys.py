"""In a real browser: logging in, the home page, the workspace, and refusals."""

from __future__ import annotations

from tests.support.browser import log_in
from tests.support.hubprocess import USER_PASSWORD


def test_learner_logs_in_to_my_units_and_home_shows_their_circle(hub, browser_context, shoot):
    page = browser_context.new_page()
    page.goto(hub.url + "hub/login")
    # Red School's login page on JupyterHub's form, promising only what the demo keeps.
    assert page.locator("#rs-login-intro h1").inner_text() == "Red School"
    assert page.locator("#rs-privacy").get_attribute("data-mode") == "demo"
    assert "do not write real reflections" in page.locator("#rs-privacy").inner_text()
    shoot(page, "01-login-page")
    log_in(page, hub.url, "learner1", USER_PASSWORD)
    # Learners land in their workspace on My units, not on JupyterLab's Launcher.
    page.wait_for_url("**/user/learner1/units")
    page.locator("h1", has_text="My units").wait_for()
    shoot(page, "02-my-units")
    page.goto(hub.url + "hub/home")
    assert page.locator(".rs-circle").inner_text() == "rosa"
    assert page.locator("#start").inner_text().strip() == "Open my units"
    assert page.locator("#rs-privacy").get_attribute("data-mode") == "demo"
    assert page.locator(".rs-desk").count() == 0
    shoot(page, "03-home")


def test_facilitator_home_links_their_circles_desk_and_progress(hub, browser_context, shoot):
    page = browser_context.new_page()
    log_in(page, hub.url, "facilitator1", USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    section = page.locator('.rs-facilitates[data-circle="rosa"]')
    assert section.locator(".rs-desk").get_attribute("href") == "/services/rosa/formgrader"
    assert section.locator(".rs-progress").get_attribute("href") == "/services/progress/circle/rosa"
    assert page.locator('.rs-facilitates[data-circle="lucy"]').count() == 0
    shoot(page, "01-facilitator-home")


def test_learner2_opening_learner1s_workspace_gets_a_refusal_page(hub, browser_context, shoot):
    page = browser_context.new_page()
    log_in(page, hub.url, "learner2", USER_PASSWORD)
    page.wait_for_url("**/user/learner2/**")
    response = page.goto(hub.url + "user/learner1/lab")
    shoot(page, "01-refused")
    assert response.status in (403, 404)
    assert page.locator(".jp-Launcher").count() == 0
    assert "learner1" not in page.title()
