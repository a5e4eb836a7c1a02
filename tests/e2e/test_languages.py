"""Each person's language on a real hub: the home page speaks it, the person changes it there
(with the page's _xsrf, never without), and their workspace starts in it: My units and
JupyterLab's own settings and language pack."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.support.hubprocess import LearnerServer
from tests.support.languages import hub_with_a_spanish_speaker


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = hub_with_a_spanish_speaker(tmp_path_factory, "languages")
    hub.start()
    yield hub
    hub.stop()


def home(hub, session) -> str:
    response = session.get(urljoin(hub.url, "hub/home"))
    response.raise_for_status()
    # JupyterHub's pages say their charset in a <meta> tag, not in the header (requests would guess Latin-1).
    return response.content.decode("utf-8")


def choose(hub, session, language: str, *, xsrf: bool = True):
    data = {"language": language}
    if xsrf:
        data["_xsrf"] = session.cookies.get("_xsrf", path="/hub/")
    return session.post(urljoin(hub.url, "hub/language"), data=data, allow_redirects=False)


def test_a_spanish_speakers_home_page_is_in_spanish(hub):
    page = home(hub, hub.login("learner5"))
    assert "Te damos la bienvenida" in page and "Tu círculo:" in page and "Abrir mis unidades" in page
    assert '<option value="es" lang="es" selected>Español</option>' in page
    assert "Welcome" not in page and "Open my units" not in page
    english = home(hub, hub.login("learner2"))
    assert "Welcome" in english and "Open my units" in english and "Te damos" not in english


def test_a_person_switches_their_language_on_the_home_page(hub):
    session = hub.login("learner1")
    assert "Open my units" in home(hub, session)
    response = choose(hub, session, "es")
    assert response.status_code == 302 and response.headers["Location"].endswith("/hub/home")
    page = home(hub, session)
    assert "Abrir mis unidades" in page and '<option value="es" lang="es" selected>' in page
    assert "Abrir mis unidades" in home(hub, hub.login("learner1")), "the choice is kept, not a cookie"
    assert choose(hub, session, "en").status_code == 302
    assert "Open my units" in home(hub, session)


def test_a_facilitators_home_page_speaks_their_choice(hub):
    session = hub.login("facilitator2")
    assert choose(hub, session, "es").status_code == 302
    page = home(hub, session)
    assert "Facilitas el círculo lucy" in page and "Mesa de revisión" in page


def test_switching_without_the_pages_xsrf_token_is_refused(hub):
    session = hub.login("learner3")
    response = choose(hub, session, "es", xsrf=False)
    assert response.status_code == 403
    assert "Open my units" in home(hub, session), "nothing changed"


def test_an_unknown_language_is_refused_and_someone_logged_out_is_sent_to_log_in(hub):
    session = hub.login("learner4")
    assert choose(hub, session, "fr").status_code == 400
    assert "Open my units" in home(hub, session)
    import requests

    anonymous = requests.Session()
    anonymous.get(urljoin(hub.url, "hub/login"))
    response = anonymous.post(urljoin(hub.url, "hub/language"), data={"language": "es", "_xsrf": anonymous.cookies.get("_xsrf")},
                              allow_redirects=False)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/hub/login" in response.headers["Location"]


def test_a_spanish_speakers_workspace_opens_in_spanish(hub):
    server = LearnerServer(hub, "learner5")
    try:
        units = server.get("units").content.decode("utf-8")
        assert '<html lang="es">' in units and "Mis unidades" in units
        # JupyterLab's interface language: Spanish as the setting's default, not written as the person's own.
        setting = server.get("lab/api/settings/@jupyterlab/translation-extension:plugin").json()
        assert setting["schema"]["properties"]["locale"]["default"] == "es_ES", setting["schema"]["properties"]["locale"]
        assert "locale" not in setting["settings"], "the person's own settings are theirs"
        pack = server.get("lab/api/translations/es_ES").json()
        jupyterlab = pack["data"]["jupyterlab"]
        assert pack["message"] == "" and jupyterlab[""]["language"] == "es-ES"
        assert jupyterlab["File Browser"] == ["Explorador de archivos"]
    finally:
        hub.stop_server("learner5")


UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
COMMENT = "Bien: ahora pregunta quién decide qué cuenta como necesario."


def test_a_spanish_learners_feedback_page_is_in_spanish_and_an_english_learners_in_english(hub):
    """learner5 (Spanish, from the roster) and learner6 (English) in circle lucy submit; facilitator2
    reviews both and returns feedback; each page speaks its learner's language."""
    import json

    from tests.support.desk import Desk
    from tests.support.hubprocess import redschool
    from tests.support.submissions import answer, submit_notebook

    released = redschool(hub, "release", UNIT, "--circle", "lucy")
    assert released.returncode == 0, released.stderr
    release_nb = json.loads((hub.data_dir / "exchange" / "lucy" / "outbound" / UNIT / NOTEBOOK).read_text())
    for learner in ("learner5", "learner6"):
        work = answer(json.loads(json.dumps(release_nb)), "reflection-answer", f"{learner}: en la cooperativa discutimos qué hora cuenta.")
        submit_notebook(hub.data_dir / "exchange", "lucy", UNIT, learner, {NOTEBOOK: work})
    desk = Desk(hub, "facilitator2", "lucy")
    assert desk.post(f"formgrader/api/assignment/{UNIT}/collect").json()["success"]
    graded = redschool(hub, "autograde", UNIT, "--circle", "lucy", "--time-limit", "60", "--porcelain")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    for learner in ("learner5", "learner6"):
        desk.review(UNIT, NOTEBOOK.removesuffix(".ipynb"), learner, "reflection-answer", COMMENT)
    returned = redschool(hub, "feedback", UNIT, "--circle", "lucy", "--porcelain")
    assert returned.returncode == 0, returned.stdout + returned.stderr

    pages = {}
    for learner in ("learner5", "learner6"):
        (page,) = (hub.data_dir / "courses" / "lucy" / "feedback" / learner / UNIT).glob("*.html")
        pages[learner] = page.read_text(encoding="utf-8")
    spanish, english = pages["learner5"], pages["learner6"]
    assert '<html lang="es">' in spanish and "Los comentarios de quien facilita tu círculo" in spanish
    assert "Lo que escribiste" in spanish and COMMENT in spanish and "Your facilitator's comments" not in spanish
    assert '<html lang="en">' in english and "Your facilitator's comments" in english and COMMENT in english
