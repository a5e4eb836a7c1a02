"""Start-up behaviour of the real hub: refusing a bad roster, following roster changes."""

from __future__ import annotations

import socket
from urllib.parse import urljoin

import pytest

from core.cohort import load_roster
from core.settings import Settings
from hub.config import operations_port

from tests.support.hubprocess import ARTIFACTS, DEMO_ROSTER, Hub, hub_environment, run_hub_to_exit

BAD_ROSTER = """username,display_name,role,circle
learner1,Ana,learner,rosa
learner1,Ana again,learner,rosa
Learner2,Ben,learner,rosa
learner3,Cleo,student,rosa
learner4,Dev,learner,
facilitator1,Ines,facilitator,rosa
learner5,Esi,learner,lucy
admin,Lee,admin,
"""


def test_a_roster_with_bad_rows_stops_start_up_listing_every_row(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(BAD_ROSTER)
    data_dir = tmp_path / "data"
    result = run_hub_to_exit(hub_environment(data_dir, roster), cwd=tmp_path)
    tmp_path.joinpath("stderr").write_text(result.stderr)
    assert result.returncode != 0
    for expected in (
        "line 3: username 'learner1' is already on line 2",
        "line 4: username 'Learner2' is not allowed",
        "line 5: unknown role 'student'",
        "line 6: learner 'learner4' has no circle",
        "line 8: circle 'lucy' has no facilitator",
    ):
        assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (data_dir / "jupyterhub.sqlite").exists(), "nothing may be written for a refused roster"


def test_moving_a_learner_to_another_circle_takes_effect_at_restart(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(DEMO_ROSTER.read_text())
    data_dir = tmp_path / "data"
    hub = Hub(data_dir=data_dir, env=hub_environment(data_dir, roster), log_path=ARTIFACTS / "hub-restart.log")
    ARTIFACTS.mkdir(exist_ok=True)
    hub.start()
    try:
        before = {u["name"] for u in hub.api(hub.token_for("facilitator1"), "GET", "users").json()}
        assert "learner4" in before
        leaver = hub.login("learner3")  # logged in, with a token, when the roster drops them
        leaver_token = hub.token_for("learner3")
        assert hub.api(leaver_token, "GET", "users/learner3").ok
    finally:
        hub.stop()
    moved = DEMO_ROSTER.read_text().replace("learner4,Dev (learner),learner,rosa", "learner4,Dev (learner),learner,lucy")
    roster.write_text("\n".join(line for line in moved.splitlines() if not line.startswith("learner3,")) + "\n")
    hub.admin_session = None
    hub.start()
    try:
        rosa = {u["name"] for u in hub.api(hub.token_for("facilitator1"), "GET", "users").json()}
        lucy = {u["name"] for u in hub.api(hub.token_for("facilitator2"), "GET", "users").json()}
        assert "learner4" not in rosa
        assert "learner4" in lucy
        groups = hub.api(hub.token_for("learner4"), "GET", "users/learner4").json()["groups"]
        assert sorted(groups) == ["circle-lucy", "nbgrader-lucy"]
        # Someone removed from the roster keeps nothing: not their session, not their token.
        assert "learner3" not in rosa
        assert hub.api(leaver_token, "GET", "users/learner3").status_code == 403
        home = leaver.get(urljoin(hub.url, "hub/home"), allow_redirects=False)
        assert home.status_code == 302 and "/hub/login" in home.headers["Location"]
    finally:
        hub.stop()
    assert not hub.stray_processes()


def test_a_hub_that_fails_at_start_leaves_nothing_running(tmp_path):
    # A service's port taken by something else (as happened once in CI): the hub stops at start.
    data_dir = tmp_path / "data"
    hub = Hub(data_dir=data_dir, env=hub_environment(data_dir, DEMO_ROSTER), log_path=tmp_path / "hub.log")
    operations = operations_port(Settings.from_env(hub.env), load_roster(DEMO_ROSTER))
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", operations))
        squatter.listen()
        with pytest.raises(RuntimeError, match="hub exited"):
            hub.start()
    assert "Address already in use" in hub.log()
    assert not hub.stray_processes(), "the proxy and services of a hub that failed at start must be stopped"
