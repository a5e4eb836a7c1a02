"""A reflection holding every payload we know, submitted as a learner submits, stays
inert where people read it: the review desk's submission view (facilitator) and the
learner's own feedback page. Each payload that ran would set `window.rs_pwned` or
open a dialog; each remote fetch would go to 203.0.113.7 (the browser fixture fails
the test on any request that leaves loopback)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.support.browser import log_in
from tests.support.hubprocess import ARTIFACTS, USER_PASSWORD, LearnerServer, own_hub, redschool
from tests.support.payloads import REFLECTION
from tests.support.submissions import answer, submit_notebook

UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"


def run(hub, *args):
    result = redschool(hub, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def hostile_hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "inert-hub")
    data_dir = hub.data_dir
    run(hub, "release", UNIT, "--circle", "rosa")
    released = json.loads((data_dir / "exchange" / "rosa" / "outbound" / UNIT / NOTEBOOK).read_text())
    submit_notebook(data_dir / "exchange", "rosa", UNIT, "learner2", {NOTEBOOK: answer(released, "reflection-answer", REFLECTION)})
    run(hub, "autograde", UNIT, "--circle", "rosa", "--time-limit", "60")
    hub.start()
    yield hub
    hub.stop()


class Watch:
    """Dialogs opened and the payloads' flag, on one page."""

    def __init__(self, page):
        self.page, self.dialogs = page, []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def ran(self):
        return self.page.evaluate("() => window.rs_pwned") or self.dialogs


def click_every_link_in(page, selector: str) -> None:
    """Click what a reader might click in the learner's words (links without href do nothing)."""
    for link in page.locator(f"{selector} a").all():
        href = link.get_attribute("href")
        if href is None or href.startswith("#"):
            link.click()


def test_the_desk_shows_the_payloads_as_words(hostile_hub, browser_context, shoot):
    page = browser_context.new_page()
    watch = Watch(page)
    log_in(page, hostile_hub.url, "facilitator1", USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    page.goto(hostile_hub.url + f"services/rosa/formgrader/gradebook/{UNIT}/{UNIT}")
    page.locator('a[href*="/formgrader/submissions/"]').first.click()
    page.locator("#reflection-answer-comment").wait_for()
    page.wait_for_load_state("networkidle")
    assert "Our shop floor, in our words." in page.content()
    shoot(page, "01-desk-submission")
    click_every_link_in(page, ".rendered_html")
    assert page.locator('.rendered_html a[href="https://example.org/union"]').count() >= 1
    assert not page.locator(".rendered_html img, .rendered_html svg, .rendered_html iframe").count()
    assert not watch.ran()


def test_the_learners_feedback_shows_the_payloads_as_words(hostile_hub, browser_context):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hostile_hub.data_dir / 'courses' / 'rosa' / 'gradebook.db'}", course_id="rosa") as gb:
        for grade in gb.find_submission(UNIT, "learner2").notebooks[0].grades:
            if grade.needs_manual_grade:
                grade.manual_score, grade.needs_manual_grade = 1, False  # what the desk does on review
        gb.db.commit()
    assert "rosa/learner2: returned" in run(hostile_hub, "feedback", UNIT, "--circle", "rosa", "--porcelain").stdout
    LearnerServer(hostile_hub, "learner2")
    # learner2 submitted through nbgrader's exchange from a scratch home (submit_notebook),
    # so their Assignments panel has no cache to fetch feedback with: put the page nbgrader
    # released where fetching would, and open it through their own server as they would.
    (released,) = (hostile_hub.data_dir / "courses" / "rosa" / "feedback" / "learner2" / UNIT).glob("*.html")
    relative = Path("rosa") / UNIT / "feedback" / "returned" / released.name
    (hostile_hub.data_dir / "homes" / "learner2" / relative).parent.mkdir(parents=True)
    shutil.copy(released, hostile_hub.data_dir / "homes" / "learner2" / relative)

    page = browser_context.new_page()
    watch = Watch(page)
    log_in(page, hostile_hub.url, "learner2", USER_PASSWORD)
    page.wait_for_url("**/user/learner2/**")
    page.goto(urljoin(hostile_hub.url, f"user/learner2/files/{relative}"))
    page.locator(".rs-answer").first.wait_for()
    page.wait_for_load_state("networkidle")
    # The page holds the whole notebook: a viewport picture (a full-page one times out on busy machines).
    page.screenshot(path=str(ARTIFACTS / "inert-feedback.png"))
    assert "Our shop floor, in our words." in page.locator(".rs-answer").first.inner_text()
    click_every_link_in(page, ".rs-answer")
    assert page.locator('.rs-answer a[href="https://example.org/union"]').count() >= 1
    assert not page.locator(".rs-answer img, .rs-answer svg, .rs-answer iframe").count()
    assert not watch.ran()


def test_the_progress_heatmap_draws_under_its_content_security_policy(hostile_hub, browser_context, shoot):
    page = browser_context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, hostile_hub.url, "facilitator1", USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    response = page.goto(hostile_hub.url + "services/progress/circle/rosa")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator("#progress-heatmap .main-svg").first.wait_for()
    shoot(page, "01-progress")
    assert refused == []
