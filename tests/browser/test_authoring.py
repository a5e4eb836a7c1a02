"""An author in a real browser, on a hub of its own: author1 logs in, follows "Units and
releases" from the home page, sees every unit with its check and releases, releases
Bootcamp session 1 to rosa, and sees the page say so; the Release button says it is
working while the release runs. Screenshots go to tests/artifacts/<test>/."""

from __future__ import annotations

import pytest

from tests.support.browser import log_in
from tests.support.hubprocess import USER_PASSWORD, own_hub

UNIT = "bootcamp-01-where-we-stand"


@pytest.fixture(scope="module")
def authoring_hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "authoring-browser")
    hub.start()
    yield hub
    hub.stop()


def test_author1_releases_a_unit_to_rosa_from_their_home_page(authoring_hub, browser_context, shoot):
    hub = authoring_hub
    page = browser_context.new_page()
    log_in(page, hub.url, "author1", USER_PASSWORD)
    page.goto(hub.url + "hub/home")
    curriculum = page.locator("#curriculum")
    assert "~/curriculum" in curriculum.inner_text()
    shoot(page, "1-home")

    curriculum.locator("#authors-page").click()
    page.wait_for_url("**/services/authors/")
    row = page.locator(f'tr.unit[data-unit="{UNIT}"]')
    assert row.get_attribute("data-check") == "ok" and "passes" in row.inner_text()
    rosa = row.locator('td.release[data-circle="rosa"]')
    assert "not released" in rosa.inner_text()
    assert page.locator("tr.unit").count() >= 20  # every unit of the shipped curriculum
    shoot(page, "2-units")

    button = rosa.get_by_role("button", name="Release to rosa")
    button.click()
    page.wait_for_selector("#outcome", timeout=180_000)
    outcome = page.locator("#outcome")
    assert "circle rosa: released" in outcome.inner_text()
    assert "refused" not in (outcome.get_attribute("class") or "")
    rosa = page.locator(f'tr.unit[data-unit="{UNIT}"] td.release[data-circle="rosa"]')
    assert rosa.get_attribute("data-released") == "yes" and rosa.get_attribute("data-changed") == "no"
    assert "released 20" in rosa.inner_text()
    lucy = page.locator(f'tr.unit[data-unit="{UNIT}"] td.release[data-circle="lucy"]')
    assert "not released" in lucy.inner_text()
    assert (hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT).is_dir()
    shoot(page, "3-released")
