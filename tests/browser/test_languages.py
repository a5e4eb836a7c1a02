"""A Spanish-speaking learner in a real browser: their pages and JupyterLab's menus in Spanish,
and a change of language made on the home page."""

from __future__ import annotations

import pytest

from tests.support.browser import log_in
from tests.support.hubprocess import USER_PASSWORD
from tests.support.languages import SPANISH_SPEAKER, hub_with_a_spanish_speaker


@pytest.fixture(scope="module")
def spanish_hub(tmp_path_factory):
    hub = hub_with_a_spanish_speaker(tmp_path_factory, "languages-browser")
    hub.start()
    yield hub
    hub.stop()


def test_a_spanish_learner_sees_their_pages_and_jupyterlab_in_spanish(spanish_hub, browser_context, shoot):
    hub, page = spanish_hub, browser_context.new_page()
    log_in(page, hub.url, SPANISH_SPEAKER, USER_PASSWORD)
    page.wait_for_url(f"**/user/{SPANISH_SPEAKER}/units")
    assert page.locator("h1").inner_text() == "Mis unidades"
    assert page.locator("html").get_attribute("lang") == "es"
    shoot(page, "01-mis-unidades")

    page.goto(hub.url + "hub/home")
    assert page.locator("h1").inner_text().startswith("Te damos la bienvenida")
    assert page.locator("#start").inner_text().strip() == "Abrir mis unidades"
    shoot(page, "02-inicio")

    page.goto(hub.url + f"user/{SPANISH_SPEAKER}/lab")
    archivo = page.locator(".lm-MenuBar-itemLabel", has_text="Archivo")
    archivo.wait_for()
    archivo.click()
    page.locator(".lm-Menu-itemLabel", has_text="Nuevo").first.wait_for()
    assert not page.locator(".lm-MenuBar-itemLabel", has_text="File").count()
    shoot(page, "03-jupyterlab-menu-archivo")

    # Back to English on the home page: the hub's pages follow at once.
    page.goto(hub.url + "hub/home")
    page.select_option("#language-choice", "en")
    with page.expect_navigation(url="**/hub/home"):
        page.click("#language-submit")  # the form posts, the hub sends the person back home
    assert page.locator("#start").inner_text().strip() == "Open my units"
    assert page.locator("#language-choice").input_value() == "en"
    shoot(page, "04-home-in-english")
