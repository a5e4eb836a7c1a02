"""The hub as people meet it: who can log in, and who can see what."""

from __future__ import annotations

from urllib.parse import urljoin


def test_someone_not_on_the_roster_cannot_log_in(hub):
    session = hub.login("mallory", "test-password-for-everyone")
    assert session.login_response.status_code == 403
    assert "jupyterhub-session-id" not in session.cookies or session.get(urljoin(hub.url, "hub/home"), allow_redirects=False).status_code == 302


def test_a_bad_password_is_refused(hub):
    session = hub.login("learner1", "not-the-password")
    assert session.login_response.status_code == 403
    home = session.get(urljoin(hub.url, "hub/home"), allow_redirects=False)
    assert home.status_code == 302 and "/hub/login" in home.headers["Location"]


def test_an_admin_cannot_log_in_with_the_learners_password(hub):
    assert hub.login("admin", "test-password-for-everyone").login_response.status_code == 403


def test_learner_lands_in_their_workspace_and_home_shows_their_circle(hub):
    session = hub.login("learner1")
    assert session.login_response.status_code == 302
    # Learners go straight to their workspace (JupyterHub's spawn URL).
    assert "/hub/spawn" in session.login_response.headers["Location"] or "/user/learner1" in session.login_response.headers["Location"]
    home = session.get(urljoin(hub.url, "hub/home"))
    assert home.ok
    assert 'class="rs-circle">rosa<' in home.text
    assert "Review desk" not in home.text and "Admin panel" not in home.text


def test_facilitator_lands_on_home_with_links_to_their_circle_only(hub):
    session = hub.login("facilitator1")
    assert session.login_response.headers["Location"].endswith("/hub/home")
    home = session.get(urljoin(hub.url, "hub/home")).text
    assert 'data-circle="rosa"' in home
    assert "/services/rosa/formgrader" in home and "/services/progress/circle/rosa" in home
    assert 'data-circle="lucy"' not in home and "/services/lucy/" not in home


def test_admin_home_links_the_admin_panel(hub):
    home = hub.admin().get(urljoin(hub.url, "hub/home")).text
    assert 'id="admin-panel"' in home


def test_facilitator_listing_users_sees_only_their_circle(hub):
    token = hub.token_for("facilitator1")
    response = hub.api(token, "GET", "users")
    assert response.ok, response.text
    names = {u["name"] for u in response.json()}
    assert names == {"learner1", "learner2", "learner3", "learner4", "facilitator1"}
    assert hub.api(token, "GET", "users/learner5").status_code == 404
    # No scope to change circle membership (that would be unrestricted access).
    assert hub.api(token, "POST", "groups/circle-rosa/users", json={"users": ["learner5"]}).status_code in (403, 404)


def test_learner_cannot_read_another_learner_through_the_api(hub):
    token = hub.token_for("learner1")
    assert hub.api(token, "GET", "users/learner1").ok
    for other in ("learner2", "learner5"):
        assert hub.api(token, "GET", f"users/{other}").status_code == 404
        assert hub.api(token, "POST", f"users/{other}/server").status_code in (403, 404)
    assert hub.api(token, "GET", "users").status_code == 403


def test_author_sees_circle_names_but_not_people(hub):
    token = hub.token_for("author1")
    groups = hub.api(token, "GET", "groups")
    assert groups.ok
    assert {"circle-rosa", "circle-lucy"} <= {g["name"] for g in groups.json()}
    assert all(not g.get("users") for g in groups.json())
    assert hub.api(token, "GET", "users/learner1").status_code == 404
