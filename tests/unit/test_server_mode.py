"""Server mode's pure parts: settings, account names, invitations, config on a bare Config,
the service's unit and environment file. The tier with real accounts is tests/e2e/test_server_mode.py."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from traitlets.config import Config

from core import invitations
from core.accounts import AccountNameError, check_account_names, grader_account, person_account
from core.cohort import load_roster, parse_roster
from core.settings import DEMO_ROSTER, Settings, SettingsError
from hub import config as hubconfig
from hub.roles import invite_rights
from server import install, service

COHORT = load_roster(DEMO_ROSTER)
SECRETS = {"proxy_token": "p" * 64, "operations_token": "o" * 64}


def server(tmp_path: Path | None = None, **env) -> Settings:
    base = {"REDSCHOOL_MODE": "server", "REDSCHOOL_DATA_DIR": str(tmp_path or "/tmp/rs-server")}
    return Settings.from_env({**base, **env})


# -- settings -------------------------------------------------------------------------

def test_accounts_are_prefixed_so_a_roster_name_is_never_an_account_of_the_machine():
    s = server()
    assert person_account(s, "learner1") == "jupyter-learner1"
    assert grader_account(s, "rosa") == "grader-rosa"
    assert s.home_of("learner1") == Path("/home/jupyter-learner1")
    t = server(REDSCHOOL_USER_PREFIX="rst-", REDSCHOOL_GRADER_PREFIX="rsg-")
    assert (person_account(t, "admin"), grader_account(t, "lucy")) == ("rst-admin", "rsg-lucy")


@pytest.mark.parametrize(
    "env, message",
    [
        ({"REDSCHOOL_USER_PREFIX": "-"}, "REDSCHOOL_USER_PREFIX is '-'; use a short lower-case prefix ending in '-', e.g. jupyter-."),
        ({"REDSCHOOL_USER_PREFIX": "Root"}, "REDSCHOOL_USER_PREFIX is 'Root'"),
        ({"REDSCHOOL_GRADER_PREFIX": "jupyter-g-"}, "must differ, and neither may begin the other"),
        ({"REDSCHOOL_TLS_CERT": "/etc/hostname"}, "Set both REDSCHOOL_TLS_CERT and REDSCHOOL_TLS_KEY"),
        ({"REDSCHOOL_TLS_CERT": "/nope.pem", "REDSCHOOL_TLS_KEY": "/nope.key"}, "REDSCHOOL_TLS_CERT is /nope.pem, which is not a file."),
        ({"REDSCHOOL_HTTP_REDIRECT_PORT": "80"}, "REDSCHOOL_HTTP_REDIRECT_PORT redirects to HTTPS"),
        ({"REDSCHOOL_INVITATION_DAYS": "0"}, "REDSCHOOL_INVITATION_DAYS must be 1 or more."),
    ],
)
def test_bad_server_settings_say_what_to_do(env, message):
    with pytest.raises(SettingsError) as info:
        server(**env)
    assert message in str(info.value)


def test_the_public_url_follows_tls_and_can_be_given():
    assert server(REDSCHOOL_IP="0.0.0.0").public_url == "http://127.0.0.1:8000"
    tls = server(REDSCHOOL_TLS_CERT="/etc/hostname", REDSCHOOL_TLS_KEY="/etc/hostname", REDSCHOOL_PORT="443")
    assert tls.public_url == "https://127.0.0.1:443"
    assert server(REDSCHOOL_PUBLIC_URL="https://school.example.org/").public_url == "https://school.example.org"


def test_account_names_longer_than_unix_allows_are_refused_with_the_rows_to_fix():
    cohort = parse_roster(
        "username,display_name,role,circle\n"
        "averyveryverylongusername12,Long,learner,rosa\n"
        "f1,F,facilitator,rosa\nadmin,A,admin,\n",
        source="r.csv",
    )
    with pytest.raises(AccountNameError) as info:
        check_account_names(server(), cohort)
    assert "person 'averyveryverylongusername12' would be the account 'jupyter-averyveryverylongusername12' (35 characters)" in str(info.value)
    check_account_names(server(), COHORT)  # the demo roster fits


# -- invitations ----------------------------------------------------------------------

def test_an_invitation_works_once_for_its_person_and_its_store_is_private(tmp_path):
    s = server(tmp_path)
    token = invitations.make(s, "learner1", made_by="admin", now=1000.0)
    assert stat.S_IMODE(os.stat(invitations.store_path(s)).st_mode) == 0o600
    assert token not in invitations.store_path(s).read_bytes().decode("latin-1")  # only its hash is kept
    assert invitations.look_up(s, token, now=1001.0).username == "learner1"
    assert invitations.redeem(s, token, now=1002.0).username == "learner1"
    with pytest.raises(invitations.InvitationError, match="already been used"):
        invitations.redeem(s, token, now=1003.0)


def test_an_invitation_expires_and_a_new_one_cancels_the_old(tmp_path):
    s = server(tmp_path, REDSCHOOL_INVITATION_DAYS="2")
    old = invitations.make(s, "learner2", made_by="facilitator1", now=0.0)
    with pytest.raises(invitations.InvitationError, match="has expired"):
        invitations.look_up(s, old, now=2 * 86400 + 1)
    again = invitations.make(s, "learner2", made_by="facilitator1", now=10.0)
    with pytest.raises(invitations.InvitationError, match="has expired"):
        invitations.redeem(s, old, now=11.0)
    assert invitations.redeem(s, again, now=12.0).username == "learner2"
    with pytest.raises(invitations.InvitationError, match="not a Red School invitation"):
        invitations.look_up(s, "made-up-token", now=12.0)
    assert invitations.latest(s)["learner2"].state(now=13.0) == "used"


def test_admins_invite_everyone_and_facilitators_only_their_circles_learners():
    rights = invite_rights(COHORT)
    assert rights["admin"] == sorted(COHORT.usernames)
    assert rights["facilitator1"] == sorted(COHORT.circles["rosa"].learners)
    assert "learner1" not in rights and "author1" not in rights


# -- the hub's config -------------------------------------------------------------------

def built(tmp_path, **env) -> Config:
    c = Config()
    hubconfig.apply_config(c, server(tmp_path, **env), COHORT, secrets=SECRETS)
    return c


def test_server_mode_spawns_each_person_as_their_account_and_keeps_workspaces_over_restarts(tmp_path):
    c = built(tmp_path, REDSCHOOL_USER_PREFIX="rst-")
    assert c.JupyterHub.spawner_class == "hub.spawner.SystemUserSpawner"
    assert c.SystemUserSpawner.account_prefix == "rst-"
    assert c.JupyterHub.cleanup_servers is False
    desks = {s["name"]: s.get("user") for s in c.JupyterHub.services if s["name"] in COHORT.circles}
    assert desks == {"lucy": "grader-lucy", "rosa": "grader-rosa"}


def test_server_mode_logs_in_with_roster_passwords_set_by_invitation(tmp_path):
    c = built(tmp_path)
    assert c.RosterNativeAuthenticator.roster_names["learner1"] == COHORT.person("learner1").display_name
    assert c.RosterNativeAuthenticator.invite_rights == invite_rights(COHORT)
    assert c.RosterNativeAuthenticator.redschool_settings.data_dir == tmp_path
    handlers = dict(c.JupyterHub.authenticator_class(config=Config(), add_new_table=False).get_handlers(None))
    assert set(handlers) == {"/login", r"/invite/([^/]+)", "/invitations"}  # no sign-up, no approval pages


def test_tls_serves_https_with_hsts_secure_cookies_and_a_redirect_port(tmp_path):
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    cert.write_text("x"), key.write_text("y")
    c = built(tmp_path, REDSCHOOL_TLS_CERT=str(cert), REDSCHOOL_TLS_KEY=str(key), REDSCHOOL_HTTP_REDIRECT_PORT="8080", REDSCHOOL_PORT="8443")
    assert (c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key) == (str(cert), str(key))
    assert c.JupyterHub.tornado_settings["cookie_options"] == {"secure": True}
    assert c.JupyterHub.tornado_settings["headers"]["Strict-Transport-Security"].startswith("max-age=31536000")
    assert c.ConfigurableHTTPProxy.command[1:] == ["--redirect-port=8080", "--redirect-to=8443"]
    plain = built(tmp_path)
    assert "ssl_cert" not in plain.JupyterHub
    # Plain HTTP: no secure-only cookies and no HSTS (the only tornado settings are rooms' OAuth
    # list and people's languages, for the invitation page: hub/language.py).
    assert set(plain.JupyterHub.tornado_settings) == {"oauth_no_confirm_list", "redschool_languages"}


# -- the service ----------------------------------------------------------------------

def test_the_systemd_unit_runs_the_hub_with_sandboxing_and_the_settings_file():
    unit = service.unit_text(service.Service(app=Path("/opt/redschool/app"), env_file=Path("/etc/redschool/redschool.env"), data_dir=Path("/srv/redschool")))
    assert "ExecStart=/opt/redschool/app/.venv/bin/jupyterhub -f /opt/redschool/app/jupyterhub_config.py --upgrade-db" in unit
    assert "EnvironmentFile=/etc/redschool/redschool.env" in unit
    for option in ("Restart=always", "PrivateTmp=yes", "PrivateDevices=yes", "ProtectKernelTunables=yes", "NoNewPrivileges=yes"):
        assert option in unit.splitlines()


def test_the_settings_file_keeps_every_redschool_variable_and_forces_server_mode():
    text = install.env_text({"REDSCHOOL_PORT": "443", "REDSCHOOL_MODE": "demo", "HOME": "/root", "REDSCHOOL_IP": ""})
    assert text.splitlines()[1:] == ["REDSCHOOL_MODE=server", "REDSCHOOL_PORT=443"]
    assert service.read_env_file_text(text) == {"REDSCHOOL_MODE": "server", "REDSCHOOL_PORT": "443"}


def test_install_refuses_without_root_before_touching_anything(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    with pytest.raises(install.InstallError, match="needs root: run it with sudo"):
        install.install({}, roster=DEMO_ROSTER, prefix=tmp_path / "opt", config_dir=tmp_path / "etc", bin_dir=None)
    assert not (tmp_path / "opt").exists()


def test_only_a_python_every_account_can_run_makes_the_installed_venv(tmp_path):
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "python").write_text("#!/bin/sh\n")
    (private / "python").chmod(0o755)
    assert not service.usable_by_everyone(private / "python")
    assert service.usable_by_everyone(Path("/bin/sh"))


def test_the_home_page_links_admins_and_facilitators_to_invitations_in_server_mode():
    from types import SimpleNamespace

    from hub.home import home_context

    assert home_context(COHORT, SimpleNamespace(name="facilitator1"), invitations=True)["invites"] is True
    assert home_context(COHORT, SimpleNamespace(name="admin"), invitations=True)["invites"] is True
    assert home_context(COHORT, SimpleNamespace(name="learner1"), invitations=True)["invites"] is False
    assert home_context(COHORT, SimpleNamespace(name="admin"), invitations=False)["invites"] is False


def test_installing_again_keeps_the_installations_settings_and_takes_new_ones(tmp_path):
    env_file = tmp_path / "redschool.env"
    env_file.write_text(install.env_text({"REDSCHOOL_PORT": "443", "REDSCHOOL_TLS_CERT": "/etc/ssl/c.pem"}))
    again = install.installation_environment(env_file, {"REDSCHOOL_IDLE_TIMEOUT": "600", "PATH": "/usr/bin"})
    assert {k: v for k, v in again.items() if k.startswith("REDSCHOOL_")} == {
        "REDSCHOOL_MODE": "server", "REDSCHOOL_PORT": "443", "REDSCHOOL_TLS_CERT": "/etc/ssl/c.pem", "REDSCHOOL_IDLE_TIMEOUT": "600",
    }
    assert install.installation_environment(env_file, {"REDSCHOOL_PORT": "8443"})["REDSCHOOL_PORT"] == "8443"
