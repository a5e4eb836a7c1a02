"""Config building against a bare traitlets Config, and the settings it reads."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from core.cohort import parse_roster
from core.settings import DEMO_ROSTER, Settings, SettingsError, settings_reference
from hub.auth import RosterManagedAuthenticator, RosterNativeAuthenticator
from hub.home import home_context, landing_url
from hub.roles import build_groups, build_roles, groups_by_user
from tests.support.hub_config import COHORT, SECRETS, built, settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_are_the_demo_on_loopback():
    s = Settings.from_env({})
    assert (s.mode, s.ip, s.port, s.authenticator, s.spawner) == ("demo", "127.0.0.1", 8000, "demo", "simple")
    assert s.data_dir.name == ".redschool" and s.roster == DEMO_ROSTER


def test_server_mode_defaults():
    s = Settings.from_env({"REDSCHOOL_MODE": "server"})
    assert s.data_dir == Path("/srv/redschool")
    assert s.roster == Path("/srv/redschool/roster.csv")
    assert (s.authenticator, s.spawner) == ("native", "system")


@pytest.mark.parametrize(
    "env, message",
    [
        ({"REDSCHOOL_MODE": "cloud"}, "REDSCHOOL_MODE is 'cloud'; use one of: demo, server."),
        ({"REDSCHOOL_PORT": "eighty"}, "REDSCHOOL_PORT is 'eighty'; it must be a whole number, e.g. 8000."),
        ({"REDSCHOOL_PORT": "70000"}, "REDSCHOOL_PORT is 70000; a TCP port is between 1 and 65535."),
        ({"REDSCHOOL_IP": "0.0.0.0"}, "only listens on loopback"),
        ({"REDSCHOOL_SPAWNER": "system"}, "needs REDSCHOOL_MODE=server"),
        ({"REDSCHOOL_MODE": "server", "REDSCHOOL_SPAWNER": "simple"}, "it is for the demo only"),
        ({"REDSCHOOL_IDLE_TIMEOUT": "-1"}, "REDSCHOOL_IDLE_TIMEOUT must be 0"),
    ],
)
def test_bad_settings_say_what_to_do(env, message):
    with pytest.raises(SettingsError) as info:
        Settings.from_env(env)
    assert message in str(info.value)


def readme_settings_table() -> str:
    """The settings table as committed in README.md: from its header row to the first line that is not a row."""
    lines = README.read_text().splitlines(keepends=True)
    header = settings_reference().splitlines(keepends=True)[0]
    assert header in lines, "README has no settings table: paste `redschool settings` into it"
    start = lines.index(header)
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return "".join(lines[start:end])


def test_every_setting_is_documented_in_readme():
    table = readme_settings_table()
    for env in ("REDSCHOOL_MODE", "REDSCHOOL_DATA_DIR", "REDSCHOOL_PORT", "REDSCHOOL_ROSTER", "REDSCHOOL_AUTHENTICATOR"):
        assert f"`{env}`" in table


def test_network_and_state_stay_on_loopback_and_in_the_data_folder():
    c = built(REDSCHOOL_PORT="8123", REDSCHOOL_HUB_PORT="8124", REDSCHOOL_PROXY_API_PORT="8125")
    assert (c.JupyterHub.ip, c.JupyterHub.port) == ("127.0.0.1", 8123)
    assert (c.JupyterHub.hub_ip, c.JupyterHub.hub_port) == ("127.0.0.1", 8124)
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:8125"
    assert c.JupyterHub.db_url == "sqlite:////tmp/rs-data/jupyterhub.sqlite"
    assert c.JupyterHub.cookie_secret_file == "/tmp/rs-data/jupyterhub_cookie_secret"
    assert c.ConfigurableHTTPProxy.auth_token == "p" * 64
    # The reference proxy from npm, installed into the project.
    assert c.ConfigurableHTTPProxy.command[0].endswith("node_modules/.bin/configurable-http-proxy")


def test_demo_authentication_is_a_shared_password_for_roster_users_only():
    c = built()
    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator

    assert issubclass(c.JupyterHub.authenticator_class, SharedPasswordAuthenticator)
    assert issubclass(c.JupyterHub.authenticator_class, RosterManagedAuthenticator)
    assert c.SharedPasswordAuthenticator.user_password == "demo-pass"
    assert c.SharedPasswordAuthenticator.admin_users == {"admin"}
    assert c.Authenticator.allowed_users == COHORT.usernames
    assert c.Authenticator.allow_existing_users is False


def test_native_and_oauth_are_a_setting_away():
    native = built(REDSCHOOL_AUTHENTICATOR="native")
    assert issubclass(native.JupyterHub.authenticator_class, RosterNativeAuthenticator)
    assert issubclass(native.JupyterHub.authenticator_class, RosterManagedAuthenticator)
    assert native.NativeAuthenticator.open_signup is False
    assert native.NativeAuthenticator.allowed_failed_logins == 5
    assert native.Authenticator.allowed_users == COHORT.usernames
    github = built(REDSCHOOL_AUTHENTICATOR="github")
    from oauthenticator.github import GitHubOAuthenticator

    assert issubclass(github.JupyterHub.authenticator_class, GitHubOAuthenticator)
    assert issubclass(github.JupyterHub.authenticator_class, RosterManagedAuthenticator)
    assert github.Authenticator.allowed_users == COHORT.usernames


def test_demo_spawner_opens_workspaces_on_my_units_in_homes_under_the_data_folder():
    c = built()
    assert c.JupyterHub.spawner_class == "hub.spawner.SimpleLocalProcessSpawner"
    assert c.SimpleLocalProcessSpawner.home_dir_template == "/tmp/rs-data/homes/{username}"
    assert c.Spawner.default_url == "/units"  # grading/my_units.py, not the Launcher
    assert "read:users:groups!user" in c.Spawner.server_token_scopes
    # Computed for each person as their workspace starts (hub/language.py): English speakers' path.
    spawner = SimpleNamespace(user=SimpleNamespace(name="learner1"))
    assert c.Spawner.environment["JUPYTER_CONFIG_PATH"](spawner) == "/tmp/rs-data/jupyter-config/workspace:/tmp/rs-data/jupyter-config/learners"


def test_groups_per_circle():
    groups = build_groups(COHORT)
    assert groups["circle-rosa"]["users"] == ["facilitator1", "learner1", "learner2", "learner3", "learner4"]
    assert groups["nbgrader-rosa"]["users"] == ["learner1", "learner2", "learner3", "learner4"]
    assert groups["formgrade-rosa"]["users"] == ["facilitator1"]
    assert groups["formgrade-lucy"]["users"] == ["facilitator2"]
    assert len(groups) == 6


def test_facilitator_role_is_filtered_to_their_circle_and_never_manages_groups():
    roles = {r["name"]: r for r in build_roles(COHORT)}
    rosa = roles["facilitator-rosa"]
    assert rosa["users"] == ["facilitator1"]
    assert all(scope.endswith(("!group=circle-rosa", "!service=rosa", "!service=progress")) or "!user=" in scope for scope in rosa["scopes"])
    # Filtered by the roster's names, exact from the start (group membership follows at each login).
    listed = {s.removeprefix("list:users!user=") for s in rosa["scopes"] if s.startswith("list:users!")}
    assert listed == {"facilitator1", "learner1", "learner2", "learner3", "learner4"}
    assert {s.removeprefix("read:users!user=") for s in rosa["scopes"] if s.startswith("read:users!")} == listed
    assert "access:services!service=rosa" in rosa["scopes"]
    # The progress service checks the roster itself for which circles a facilitator keeps.
    assert "access:services!service=progress" in rosa["scopes"]
    assert not any(s.startswith(("groups", "admin:groups", "access:servers", "servers")) for s in rosa["scopes"])
    assert roles["admin"]["users"] == ["admin"]
    assert roles["curriculum-author"]["users"] == ["author1"]
    assert not any("users" in s for s in roles["curriculum-author"]["scopes"])


def test_facilitator_of_two_circles_gets_both_roles():
    cohort = parse_roster(
        "username,display_name,role,circle\nl1,A,learner,rosa\nl2,B,learner,lucy\nf,F,facilitator,rosa;lucy\nadmin,A,admin,\n"
    )
    roles = {r["name"]: r for r in build_roles(cohort)}
    assert roles["facilitator-rosa"]["users"] == ["f"] and roles["facilitator-lucy"]["users"] == ["f"]
    assert [f["circle"] for f in home_context(cohort, SimpleNamespace(name="f"))["facilitates"]] == ["rosa", "lucy"]


def test_each_circle_has_a_review_desk_and_there_is_one_progress_service():
    c = built(REDSCHOOL_DESK_PORT="9100")
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert services["lucy"]["url"] == "http://127.0.0.1:9100" and services["rosa"]["url"] == "http://127.0.0.1:9101"
    assert services["rosa"]["cwd"] == "/tmp/rs-data/courses/rosa"
    assert services["rosa"]["environment"]["JUPYTERHUB_DEFAULT_URL"] == "/formgrader"
    assert services["rosa"]["environment"]["JUPYTER_PATH"] == "/tmp/rs-data/jupyter-data"
    # formgrader only, from our launcher; its settings in memory, no config file read.
    assert services["rosa"]["command"][1:3] == ["-m", "grading.desk"]
    assert services["rosa"]["environment"]["REDSCHOOL_DESK_CIRCLE"] == "rosa"
    assert services["rosa"]["environment"]["JUPYTER_NO_CONFIG"] == "1"
    assert "JUPYTER_CONFIG_PATH" not in services["rosa"]["environment"]
    assert services["rosa"]["environment"]["REDSCHOOL_DATA_DIR"] == "/tmp/rs-data"
    assert "user" not in services["rosa"]  # demo: one Unix user
    assert services["progress"]["url"] == "http://127.0.0.1:9102"
    assert services["progress"]["environment"]["REDSCHOOL_DATA_DIR"] == "/tmp/rs-data"


def test_the_progress_service_gets_no_passwords():
    c = built(REDSCHOOL_DEMO_PASSWORD="solidarity-forever", REDSCHOOL_DEMO_ADMIN_PASSWORD="a" * 40)
    (progress,) = [s for s in c.JupyterHub.services if s["name"] == "progress"]
    environment = progress["environment"]
    assert "REDSCHOOL_DEMO_PASSWORD" not in environment and "REDSCHOOL_DEMO_ADMIN_PASSWORD" not in environment
    assert not {v for v in environment.values() if "solidarity-forever" in v or "a" * 40 in v}
    assert environment["REDSCHOOL_ROSTER"], "it still reads the same roster and settings"


def test_idle_culler_runs_as_a_service_with_just_enough_scopes():
    c = built(REDSCHOOL_IDLE_TIMEOUT="1800")
    (culler,) = [s for s in c.JupyterHub.services if s["name"] == "idle-culler"]
    assert "--timeout=1800" in culler["command"]
    (role,) = [r for r in c.JupyterHub.load_roles if r["name"] == "idle-culler"]
    assert set(role["scopes"]) == {"list:users", "read:users:activity", "read:servers", "delete:servers"}
    assert not [s for s in built(REDSCHOOL_IDLE_TIMEOUT="0").JupyterHub.get("services", []) if s["name"] == "idle-culler"]


def test_home_page_context_and_landing():
    learner = home_context(COHORT, SimpleNamespace(name="learner5"))
    assert learner["circle"] == "lucy" and learner["facilitates"] == []
    assert learner["rooms"] == [{"circle": "lucy", "url": "hub/spawn/room-lucy"}]
    assert home_context(COHORT, SimpleNamespace(name="author1"))["rooms"] == []
    facilitator = home_context(COHORT, SimpleNamespace(name="facilitator1"))
    assert facilitator["facilitates"][0]["desk_url"] == "services/rosa/formgrader"
    assert [r["circle"] for r in facilitator["rooms"]] == ["rosa"]
    assert home_context(COHORT, None) == {"known": False}
    assert landing_url(COHORT, "learner1") is None  # JupyterHub's default: the workspace
    assert landing_url(COHORT, "facilitator1", "/") == "/hub/home"
    assert landing_url(COHORT, "admin", "/") == "/hub/home"


def test_readme_settings_table_is_current():
    # The whole committed table, so a row left over from a removed setting fails too.
    assert readme_settings_table() == settings_reference(), "README's settings table is stale: paste `redschool settings` into it"


def test_workspace_template_override_keeps_formgrader_pages_off_the_cdn(tmp_path, monkeypatch):
    """nbgrader's formgrade template calls nbconvert's mathjax() macro, which loads cdnjs;
    with our folder first on JUPYTER_PATH it renders nothing."""
    import nbgrader
    from nbconvert import HTMLExporter
    import nbformat

    from hub.state import ensure_workspace_config

    s = settings(REDSCHOOL_DATA_DIR=str(tmp_path))
    ensure_workspace_config(s)
    monkeypatch.setenv("JUPYTER_PATH", str(s.workspace_data_dir))
    templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    exporter = HTMLExporter(template_name="formgrade", extra_template_basedirs=[str(templates)])
    html, _ = exporter.from_notebook_node(nbformat.v4.new_notebook(), resources={"base_url": "", "notebook_id": "nb", "index": 0, "total": 1})
    assert "cdnjs" not in html and "mathjax" not in html.lower().replace("mathjax macro", "")


def test_groups_and_roles_follow_the_roster_through_jupyterhubs_managed_mechanism():
    c = built()
    assert c.Authenticator.manage_groups is True
    assert c.Authenticator.manage_roles is True
    assert c.Authenticator.reset_managed_roles_on_startup is True
    assert "load_groups" not in c.JupyterHub  # JupyterHub refuses load_groups with managed groups
    # ...and refuses load_roles that assign users or groups with managed roles.
    assert not [r for r in c.JupyterHub.load_roles if r.get("users") or r.get("groups")]
    assert c.RosterManagedAuthenticator.roster_roles == build_roles(COHORT)
    assert c.RosterManagedAuthenticator.roster_groups["learner4"] == ["circle-rosa", "nbgrader-rosa"]
    assert c.RosterManagedAuthenticator.roster_groups["facilitator1"] == ["circle-rosa", "formgrade-rosa"]
    assert c.RosterManagedAuthenticator.roster_groups["admin"] == []


def test_groups_by_user_agrees_with_the_groups():
    mine = groups_by_user(COHORT)
    for group, spec in build_groups(COHORT).items():
        assert {u for u, groups in mine.items() if group in groups} == set(spec["users"])


def _managed_authenticator():
    import asyncio

    c = built()
    cls = c.JupyterHub.authenticator_class
    authenticator = cls(config=c)
    return authenticator, asyncio.run


def test_the_authenticator_gives_each_login_and_refresh_the_rosters_groups():
    authenticator, run = _managed_authenticator()
    learner4 = SimpleNamespace(name="learner4")
    refreshed = run(authenticator.refresh_user(learner4))
    assert refreshed["groups"] == ["circle-rosa", "nbgrader-rosa"]
    assert refreshed["user_info"]["display_name"] == COHORT.person("learner4").display_name
    # A room's server keeps its token valid, though nobody logs in as a room.
    assert run(authenticator.refresh_user(SimpleNamespace(name="room-rosa"))) is True
    # Someone no longer on the roster must log in again, and is refused there.
    assert run(authenticator.refresh_user(SimpleNamespace(name="mallory"))) is False
    handler = SimpleNamespace(request=SimpleNamespace(remote_ip="127.0.0.1"))
    model = run(authenticator.get_authenticated_user(handler, {"username": "learner5", "password": "demo-pass"}))
    assert model["name"] == "learner5" and model["groups"] == ["circle-lucy", "nbgrader-lucy"]
    assert model["user_info"]["display_name"] == COHORT.person("learner5").display_name
    assert run(authenticator.get_authenticated_user(handler, {"username": "learner5", "password": "wrong"})) is None


def test_the_authenticator_loads_the_rosters_roles_at_start():
    authenticator, run = _managed_authenticator()
    roles = {r["name"]: r for r in run(authenticator.load_managed_roles())}
    assert roles["facilitator-rosa"]["users"] == ["facilitator1"]
    assert roles["member-rosa"]["groups"] == ["circle-rosa", "nbgrader-rosa", "formgrade-rosa"]
    assert roles["admin"]["users"] == ["admin"]


def test_the_health_page_is_a_service_with_read_only_scopes_and_a_token_from_the_data_folder():
    c = built()
    (ops,) = [s for s in c.JupyterHub.services if s["name"] == "operations"]
    assert ops["api_token"] == SECRETS["operations_token"]
    assert ops["command"][-1] == "operations.health_service" and ops["display"] is False
    ports = [int(s["url"].rsplit(":", 1)[1]) for s in c.JupyterHub.services if "url" in s]
    assert len(ports) == len(set(ports)), "every service on its own port"
    assert "REDSCHOOL_DEMO_PASSWORD" not in ops["environment"]
    (role,) = [r for r in c.JupyterHub.load_roles if r["name"] == "operations"]
    assert role["services"] == ["operations"] and "users" not in role and "groups" not in role
    assert "read:metrics" in role["scopes"] and not any(s.startswith(("access:", "admin:groups")) for s in role["scopes"])


def test_everyone_may_reach_the_operations_service_for_their_own_export():
    assert built().JupyterHub.extra_user_scopes == {"access:services!service=operations"}


def test_the_hubs_metrics_need_a_scope():
    assert built().JupyterHub.authenticate_prometheus is True


def test_only_admins_get_the_health_link():
    assert home_context(COHORT, SimpleNamespace(name="admin"))["is_admin"]
    assert home_context(COHORT, SimpleNamespace(name="admin"))["health_url"] == "services/operations/"
    assert not home_context(COHORT, SimpleNamespace(name="facilitator1"))["is_admin"]
