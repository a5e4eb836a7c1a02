"""The invitation page a person opens to choose their password carries Red School's name and
colours, like the login page, not JupyterHub's logo (issue 13). A hub of its own with the
roster's own passwords (REDSCHOOL_AUTHENTICATOR=native), an invitation made with
`redschool invite`, opened in a real browser at 1400x900 and 390x844."""

from __future__ import annotations

import pytest

from tests.support.hubprocess import Hub, own_hub, redschool

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def invitation_hub(tmp_path_factory):
    made = own_hub(tmp_path_factory, "invitation-hub")
    hub = Hub(data_dir=made.data_dir, env={**made.env, "REDSCHOOL_AUTHENTICATOR": "native"}, log_path=made.log_path)
    hub.start()
    yield hub
    hub.stop()


def test_the_invitation_page_is_red_schools(invitation_hub, browser_context, shoot):
    hub = invitation_hub
    made = redschool(hub, "invite", "learner1")
    assert made.returncode == 0, made.stdout + made.stderr
    token = made.stdout.strip().rsplit("/invite/", 1)[1]
    page = browser_context.new_page()
    for size, name in ((DESKTOP, "1400"), (PHONE, "390")):
        page.set_viewport_size(size)
        page.goto(hub.url + f"hub/invite/{token}")
        page.locator("#redschool-invite h1").wait_for()
        assert page.locator("#jupyterhub-logo.rs-wordmark").inner_text() == "Red School"
        assert page.locator("img.jpy-logo, img[alt='JupyterHub logo']").count() == 0
        assert page.locator("#redschool-invite h1").inner_text().startswith("Welcome to Red School")
        red = page.evaluate("() => getComputedStyle(document.querySelector('#invite-submit')).backgroundColor")
        assert red == "rgb(164, 22, 26)", red  # the login page's red (#a4161a), not Bootstrap's blue
        assert page.evaluate("() => document.documentElement.scrollWidth") <= size["width"]
        shoot(page, f"01-invitation-{name}")
    # A link that does not work says so, on the same branded page.
    page.goto(hub.url + "hub/invite/not-a-token")
    assert page.locator("#redschool-invite h1").inner_text() == "This link does not work"
    assert page.locator("#jupyterhub-logo.rs-wordmark").count() == 1


def test_an_invitation_speaks_the_invited_persons_language(invitation_hub, browser_context, shoot):
    """Nobody is logged in on this page, but the link says whom it is for: learner5, who chose Spanish."""
    from core.languages import write_choice
    from core.layout import language_choices_path
    from core.settings import Settings

    hub = invitation_hub
    write_choice(language_choices_path(Settings.from_env(hub.env)), "learner5", "es")
    made = redschool(hub, "invite", "learner5")
    assert made.returncode == 0, made.stdout + made.stderr
    token = made.stdout.strip().rsplit("/invite/", 1)[1]
    page = browser_context.new_page()
    page.goto(hub.url + f"hub/invite/{token}")
    assert page.locator("#redschool-invite h1").inner_text().startswith("Te damos la bienvenida a Red School")
    assert page.locator("#invite-submit").inner_text() == "Guardar mi contraseña y entrar"
    page.fill("#password", "una-contraseña-larga-1")
    page.fill("#password_again", "otra-contraseña-larga-2")
    page.click("#invite-submit")
    assert page.locator("#invite-problem").inner_text() == "Las dos contraseñas no coinciden; escríbelas de nuevo."
    shoot(page, "01-invitation-es")
