"""Authoring from the browser against a real hub of its own: the authors' page (who may
open it, what it shows), releasing from it with the command's refusals, and an author's
workspace with a working copy of the curriculum and `redschool` in its terminal."""

from __future__ import annotations

import subprocess
from urllib.parse import urljoin

import pytest
import requests

from core.cohort import load_roster
from tests.support.hubprocess import DEMO_ROSTER, LearnerServer, own_hub
from tests.support.terminal import open_terminal, run_in_terminal

UNIT = "bootcamp-01-where-we-stand"
BROKEN = "bootcamp-02-points-of-unity"
PAGE = "services/authors/"
LEARNER_NAMES = [p.display_name for p in load_roster(DEMO_ROSTER).people if p.is_learner]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "authoring")
    hub.start()
    yield hub
    hub.stop()


def page(hub, username: str):
    session = hub.login(username)
    return session, session.get(urljoin(hub.url, PAGE))


def release(session, hub, unit: str, circle: str, *, xsrf: str | None = "cookie"):
    data = {"circle": circle}
    if xsrf == "cookie":
        data["_xsrf"] = session.cookies.get("_xsrf", path="/services/authors/")
    elif xsrf is not None:
        data["_xsrf"] = xsrf
    return session.post(urljoin(hub.url, f"{PAGE}release/{unit}"), data=data)


def shared_git(hub, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=hub.data_dir / "curriculum-repo", capture_output=True, text=True, check=True).stdout


def test_author1_sees_every_unit_with_its_check_and_where_it_is_released(hub):
    _, response = page(hub, "author1")
    assert response.status_code == 200, response.text[:500]
    text = response.text
    assert f'data-unit="{UNIT}" data-check="ok"' in text and f'data-unit="{BROKEN}"' in text
    assert 'data-circle="rosa" data-released="no"' in text and "Release to all circles" in text
    assert "redschool check" in text  # the full check is the terminal's
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert not [n for n in LEARNER_NAMES if n in text] and "learner1" not in text


def test_the_home_page_links_authors_to_it(hub):
    session = hub.login("author1")
    home = session.get(urljoin(hub.url, "hub/home")).text
    assert 'id="authors-page"' in home and "/services/authors/" in home and "~/curriculum" in home


@pytest.mark.parametrize("username", ["learner1", "facilitator1"])
def test_learners_and_facilitators_are_refused_the_page_and_the_release(hub, username):
    session, response = page(hub, username)
    assert response.status_code == 403
    assert "Units and releases" not in response.text and UNIT not in response.text
    # The hub will not log them in to the service: they lack access:services!service=authors.
    assert "You do not have permission to access JupyterHub service authors" in hub.log()
    # So no POST of theirs is ever the service's: not with a made-up double-submit token,
    session.cookies.set("_xsrf", "f" * 32, path="/services/authors/")
    assert release(session, hub, UNIT, "rosa", xsrf="f" * 32).status_code == 403
    # nor with their own API token.
    token = hub.token_for(username)
    refused = requests.post(urljoin(hub.url, f"{PAGE}release/{UNIT}"), data={"circle": "rosa"},
                            headers={"Authorization": f"token {token}"}, timeout=60)
    assert refused.status_code == 403
    assert not (hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT).exists()


def test_a_release_without_the_xsrf_token_is_refused(hub):
    session, response = page(hub, "author1")
    assert response.status_code == 200
    refused = release(session, hub, UNIT, "lucy", xsrf=None)
    assert refused.status_code == 403
    assert "'_xsrf' argument missing from POST" in hub.log()  # tornado's own refusal, not the role's
    assert not (hub.data_dir / "exchange" / "lucy" / "outbound" / UNIT).exists()


def test_author1_releases_a_unit_to_rosa_and_the_page_says_so(hub):
    session, _ = page(hub, "author1")
    response = release(session, hub, UNIT, "rosa")
    assert response.status_code == 200, response.text[:500]
    assert 'id="outcome" class="outcome"' in response.text and "circle rosa: released" in response.text
    assert (hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT).is_dir()
    assert not (hub.data_dir / "exchange" / "lucy" / "outbound" / UNIT).exists()
    assert 'data-circle="rosa" data-released="yes" data-changed="no"' in response.text
    again = release(session, hub, UNIT, "rosa")
    assert "already released, unchanged" in again.text


def test_a_unit_the_check_fails_is_refused_with_the_checks_words(hub):
    # What an author's push does to the shared working tree, done here directly and committed.
    guide = hub.data_dir / "curriculum-repo" / "curriculum" / "bootcamp" / BROKEN / "facilitator-guide.md"
    guide.write_text(guide.read_text() + "\n(Writer: how long does the round take?)\n")
    shared_git(hub, "-c", "user.name=Test", "-c", "user.email=t@example.invalid", "commit", "-qam", "unfinished")
    session, listing = page(hub, "author1")
    assert f'data-unit="{BROKEN}" data-check="problems"' in listing.text
    response = release(session, hub, BROKEN, "all")
    assert response.status_code == 200
    assert 'class="outcome refused"' in response.text
    assert "not released" in response.text and "(Writer: how long does the round take?)" in response.text
    assert "facilitator-guide.md" in response.text
    for circle in ("rosa", "lucy"):
        assert not (hub.data_dir / "exchange" / circle / "outbound" / BROKEN).exists()


def test_a_change_pushed_after_release_shows_as_changed_since(hub):
    session, _ = page(hub, "author1")
    assert release(session, hub, UNIT, "rosa").status_code == 200  # released, or unchanged if it was
    _, before = page(hub, "author1")
    assert 'data-circle="rosa" data-released="yes" data-changed="no"' in before.text
    summary = hub.data_dir / "curriculum-repo" / "curriculum" / "bootcamp" / UNIT / "unit.yaml"
    text = summary.read_text()
    assert "The first session:" in text
    summary.write_text(text.replace("The first session:", "The opening session:", 1))
    shared_git(hub, "-c", "user.name=Test", "-c", "user.email=t@example.invalid", "commit", "-qam", "revise the summary")
    _, response = page(hub, "author1")
    assert 'data-circle="rosa" data-released="yes" data-changed="yes"' in response.text
    assert ", changed since" in response.text


def test_a_changed_unit_a_learner_fetched_is_refused_without_naming_the_learner(hub):
    session, _ = page(hub, "author1")
    assert release(session, hub, UNIT, "rosa").status_code == 200  # the current version is out
    learner = LearnerServer(hub, "learner2")
    learner.post("assignments/fetch", course_id="rosa", assignment_id=UNIT)
    hub.stop_server("learner2")
    manifest = hub.data_dir / "curriculum-repo" / "curriculum" / "bootcamp" / UNIT / "unit.yaml"
    manifest.write_text(manifest.read_text().replace("summary: >-\n  ", "summary: >-\n  Revised again. ", 1))
    shared_git(hub, "-c", "user.name=Test", "-c", "user.email=t@example.invalid", "commit", "-qam", "revise again")
    outbound = hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT
    before = {p: p.read_bytes() for p in outbound.rglob("*") if p.is_file()}
    response = release(session, hub, UNIT, "rosa")
    assert 'class="outcome refused"' in response.text
    assert "1 learner of the circle already fetched it" in response.text and "--force" in response.text
    learner2 = next(p.display_name for p in load_roster(DEMO_ROSTER).people if p.username == "learner2")
    assert "learner2" not in response.text and learner2 not in response.text
    assert {p: p.read_bytes() for p in outbound.rglob("*") if p.is_file()} == before, "a refused release writes nothing"


@pytest.fixture(scope="module")
def author_workspace(hub):
    hub.spawn("author1")
    yield
    hub.stop_server("author1")


def test_author1s_workspace_has_the_curriculum_with_history_and_redschool_in_its_terminal(hub, author_workspace):
    token = hub.token_for("author1")
    server = urljoin(hub.url, "user/author1/")
    terminal = open_terminal(server, token)
    status, out = run_in_terminal(server, token, terminal, "cd ~/curriculum && git log --format=%s && git remote get-url origin")
    assert status == 0, out
    assert "The curriculum as the hub first released it" in out
    assert str(hub.data_dir / "curriculum-repo") in out
    status, out = run_in_terminal(server, token, terminal, f"redschool check curriculum/bootcamp/{UNIT}", timeout=400)
    assert status == 0, out
    assert "all good: 1 unit, 2 notebooks, 1 executed" in out  # kernels ran: the full check (the English notebook and its Spanish translation)
    # The author edits a unit; with no argument the check reads the author's copy, not the project's.
    guide = f"curriculum/bootcamp/{BROKEN}/facilitator-guide.md"
    run_in_terminal(server, token, terminal, f"echo '(Writer: name the closing question.)' >> {guide}")
    status, out = run_in_terminal(server, token, terminal, "redschool check --static")
    assert status == 1 and "(Writer: name the closing question.)" in out, out
    assert f"{guide}:" in out
    # The author writes the text in its place (and in any note pushed unfinished earlier), checks again,
    # shares it; the page shows the fix.
    fix = (f"sed -i 's/(Writer: [^)]*)/Close by asking what each person will do before the next session./' {guide} && redschool check --static "
           "&& git commit -qam 'Finish the guide' && git push -q origin HEAD")
    status, out = run_in_terminal(server, token, terminal, fix)
    assert status == 0, out
    _, response = page(hub, "author1")
    assert f'data-unit="{BROKEN}" data-check="ok"' in response.text
    assert "Finish the guide" in shared_git(hub, "log", "-1", "--format=%s")
    assert shared_git(hub, "log", "-1", "--format=%an").strip() == "Kai (curriculum team)"  # signed with the roster's name
