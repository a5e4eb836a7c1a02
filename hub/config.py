"""Build the hub's traitlets config from Settings and the Cohort.

Each `update_*` function only *sets* values on `c` (no I/O), so each can be
tested against a bare `traitlets.config.Config()`. Files and the database are
touched only by `hub.state`, called from jupyterhub_config.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.accounts import grader_account
from core.cohort import Cohort
from core.languages import PeopleLanguages
from core.rooms import room_user
from core.layout import (
    cookie_secret_path,
    language_choices_path,
    course_dir,
    desk_home,
    hub_database_url,
    hub_pid_path,
    proxy_pid_path,
)
from core.settings import PROJECT_ROOT, Settings
from core.layout import shared_curriculum
from core.urls import AUTHORS_SERVICE, DESK_CIRCLE_ENV, OPERATIONS_SERVICE, PROGRESS_SERVICE, review_desk_service

from .authoring import AuthorSpawnHook, SpawnHooks
from .home import home_context, landing_url
from .language import language_handlers, template_vars, workspace_environment
from .auth import roster_managed
from .roles import SERVER_TOKEN_SCOPES, build_roles, groups_by_user, invite_rights, user_info
from .rooms import RoomSpawnHook
from .workspace import UNITS_PAGE

TEMPLATES = Path(__file__).resolve().parent / "templates"
PROXY_COMMAND = PROJECT_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
VENV_BIN = Path(sys.executable).parent

# JupyterHub's local spawners, reporting a workspace ready as soon as it answers (hub/spawner.py).
SPAWNERS = {
    "simple": "hub.spawner.SimpleLocalProcessSpawner",
    "system": "hub.spawner.SystemUserSpawner",
}
AUTHENTICATORS = {
    "demo": "shared-password",  # JupyterHub's SharedPasswordAuthenticator
    "native": "hub.auth.RosterNativeAuthenticator",
}


def apply_config(
    c, settings: Settings, cohort: Cohort, *, secrets: dict[str, str], languages: dict[str, str] | None = None
) -> None:
    """Set everything the hub needs. `secrets` holds the passwords and proxy token;
    `languages` the roster's language for each person who has one (core/languages.py)."""
    update_network(c, settings)
    update_state(c, settings)
    update_proxy(c, settings, secrets["proxy_token"])
    update_tls(c, settings)
    update_authenticator(c, settings, cohort, secrets)
    update_spawner(c, settings)
    update_groups_and_roles(c, cohort)
    update_idle_culler(c, settings)
    update_review_desks(c, settings, cohort)
    update_progress_pages(c, settings, cohort)
    update_operations(c, settings, cohort, secrets["operations_token"])
    update_authors_page(c, settings, cohort)
    update_metrics(c)
    update_rooms(c, settings, cohort)  # after every service: it lists those that skip OAuth's question
    update_author_workspaces(c, settings, cohort)  # after update_rooms: adds to its pre-spawn hook
    update_templates(c, cohort, settings)
    update_languages(c, settings, languages or {})  # after update_spawner and update_templates: it adds to both


def update_network(c, settings: Settings) -> None:
    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    # The hub's API and the proxy's API never leave the machine.
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port


def update_tls(c, settings: Settings) -> None:
    """HTTPS at the proxy, plain HTTP only to redirect, HSTS and secure cookies."""
    if not settings.tls:
        return
    c.JupyterHub.ssl_cert = str(settings.tls_cert)
    c.JupyterHub.ssl_key = str(settings.tls_key)
    c.JupyterHub.tornado_settings = {
        "headers": {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"},
        "cookie_options": {"secure": True},  # JupyterHub reads its cookie options from here
    }
    if settings.http_redirect_port:
        # configurable-http-proxy answers this port with a redirect to the HTTPS port.
        _extend(c.ConfigurableHTTPProxy, "command", [
            f"--redirect-port={settings.http_redirect_port}", f"--redirect-to={settings.port}",
        ])


def update_state(c, settings: Settings) -> None:
    c.JupyterHub.db_url = hub_database_url(settings)
    c.JupyterHub.cookie_secret_file = str(cookie_secret_path(settings))
    c.JupyterHub.pid_file = str(hub_pid_path(settings))


def update_proxy(c, settings: Settings, token: str) -> None:
    c.ConfigurableHTTPProxy.command = [str(PROXY_COMMAND)]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.auth_token = token
    c.ConfigurableHTTPProxy.pid_file = str(proxy_pid_path(settings))


def update_authenticator(c, settings: Settings, cohort: Cohort, secrets: dict[str, str]) -> None:
    c.JupyterHub.authenticator_class = roster_managed(AUTHENTICATORS.get(settings.authenticator, settings.authenticator))
    # Only the roster's people, and only while they are on it: JupyterHub would
    # otherwise keep letting in anyone who ever had a user in the database.
    c.Authenticator.allowed_users = cohort.usernames
    c.Authenticator.allow_existing_users = False
    admins = {p.username for p in cohort.with_role("admin")}
    if settings.authenticator == "demo":
        c.SharedPasswordAuthenticator.user_password = secrets["demo_password"]
        c.SharedPasswordAuthenticator.admin_password = secrets["demo_admin_password"]
        # Shared-password routes admins to admin_password through admin_users; the
        # managed `admin` role still makes the list exact (revokes on removal).
        c.SharedPasswordAuthenticator.admin_users = admins
    elif settings.authenticator == "native":
        c.NativeAuthenticator.open_signup = False
        c.NativeAuthenticator.check_common_password = True
        c.NativeAuthenticator.minimum_password_length = 10
        c.NativeAuthenticator.allowed_failed_logins = 5
        c.NativeAuthenticator.seconds_before_next_try = 600
        c.NativeAuthenticator.admin_users = admins
        c.RosterNativeAuthenticator.redschool_settings = settings
        c.RosterNativeAuthenticator.roster_names = {p.username: p.display_name for p in cohort.people}
        c.RosterNativeAuthenticator.invite_rights = invite_rights(cohort)


def update_spawner(c, settings: Settings) -> None:
    c.JupyterHub.spawner_class = SPAWNERS.get(settings.spawner, settings.spawner)
    # A workspace opens on the person's units (grading/my_units.py), not JupyterLab's Launcher.
    c.Spawner.default_url = UNITS_PAGE
    c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
    c.Spawner.server_token_scopes = SERVER_TOKEN_SCOPES
    c.Spawner.environment = {
        # Workspace settings (hub/state.py), then learners' nbgrader settings (exchange, auth plugin).
        "JUPYTER_CONFIG_PATH": f"{settings.workspace_config_dir}:{settings.learner_config_dir}",
        "JUPYTER_PATH": str(settings.workspace_data_dir),
    }
    if settings.spawner == "simple":
        c.SimpleLocalProcessSpawner.home_dir_template = str(settings.homes_dir / "{username}")
        c.Spawner.args = ["--allow-root"] if _is_root() else []
    if settings.spawner == "system":
        c.SystemUserSpawner.account_prefix = settings.user_prefix
    if settings.mode == "server":
        # A hub restart (`redschool roster apply`) leaves people's workspaces running.
        c.JupyterHub.cleanup_servers = False
    # Seconds: a cold JupyterLab start on a busy 2-core machine can take a while.
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120


def _extend(section, name: str, items: list) -> None:
    """Append to a list setting that other update_* functions may also fill."""
    current = section[name] if name in section else []  # `in` avoids traitlets' lazy placeholder
    section[name] = list(current) + items


def _is_root() -> bool:
    import os

    return os.geteuid() == 0


def update_groups_and_roles(c, cohort: Cohort) -> None:
    """Groups and roles follow the roster through JupyterHub's authenticator-managed
    groups and roles (hub/auth.py): exact at every start and every auth refresh."""
    c.Authenticator.manage_groups = True
    c.Authenticator.manage_roles = True
    c.Authenticator.reset_managed_roles_on_startup = True
    # Someone removed from the roster cannot keep using an old server's token either.
    c.Authenticator.auth_refresh_strict = True
    c.RosterManagedAuthenticator.roster_groups = groups_by_user(cohort)
    c.RosterManagedAuthenticator.roster_roles = build_roles(cohort)


def update_rooms(c, settings: Settings, cohort: Cohort) -> None:
    """Each circle's room (core/rooms.py, hub/rooms.py): people are shown there by their
    roster names and colours, and a room's server starts as a room."""
    c.Spawner.pre_spawn_hook = RoomSpawnHook(settings)
    c.RosterManagedAuthenticator.roster_user_info = user_info(cohort)
    c.RosterManagedAuthenticator.room_users = [room_user(cid) for cid in sorted(cohort.circles)]
    # JupyterHub asks people to confirm before a server that is not their own learns who
    # they are. A room is their circle's own, so it opens without the question. Its list
    # of such OAuth clients sits in the tornado settings, which replace the list JupyterHub
    # builds from services marked `oauth_no_confirm`: those are listed here again.
    services = c.JupyterHub.services if "services" in c.JupyterHub else []
    no_confirm = {f"service-{s['name']}" for s in services if s.get("oauth_no_confirm")}
    no_confirm |= {f"jupyterhub-user-{room_user(cid)}" for cid in cohort.circles}
    tornado = dict(c.JupyterHub.tornado_settings) if "tornado_settings" in c.JupyterHub else {}
    c.JupyterHub.tornado_settings = {**tornado, "oauth_no_confirm_list": no_confirm}


def update_idle_culler(c, settings: Settings) -> None:
    if not settings.idle_timeout:
        return
    _extend(c.JupyterHub, "services", [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={settings.idle_timeout}",
                f"--cull-every={max(60, settings.idle_timeout // 6)}",
            ],
        }
    ])
    _extend(c.JupyterHub, "load_roles", [
        {
            "name": "idle-culler",
            "description": "Stops servers nobody has used for a while.",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    ])


def desk_port(settings: Settings, cohort: Cohort, circle_id: str) -> int:
    """Each circle's review desk listens on loopback, on consecutive ports."""
    return settings.desk_port + sorted(cohort.circles).index(circle_id)


def update_review_desks(c, settings: Settings, cohort: Cohort) -> None:
    """A review desk per circle: nbgrader's formgrader in a Jupyter server run as a
    hub service named after the circle, inside that circle's course folder (the
    layout of nbgrader's demo_multiple_classes). JupyterHub lets in only people
    holding `access:services!service=<circle>`: that circle's facilitators, and admins.
    """
    desks = []
    for cid in sorted(cohort.circles):
        # grading/desk.py: formgrader only (no kernels, terminals, contents or files API),
        # its course settings built in memory; JupyterHub's single-user extension logs people in.
        args = [sys.executable, "-m", "grading.desk"]
        if settings.mode == "demo" and _is_root():
            args.append("--allow-root")
        desk = {
            "name": review_desk_service(cid),
            "display": False,  # linked from the home page, only for those who may open it
            "url": f"http://127.0.0.1:{desk_port(settings, cohort, cid)}",
            "command": args,
            "cwd": str(course_dir(settings, cid)),
            "oauth_no_confirm": True,
            "environment": {
                **settings.to_env(),
                DESK_CIRCLE_ENV: cid,
                "JUPYTERHUB_DEFAULT_URL": "/formgrader",
                # No jupyter or nbgrader config file is read, from the course folder or
                # anywhere else: everything the desk needs is given in memory.
                "JUPYTER_NO_CONFIG": "1",
                # Data files only: the no-CDN MathJax template (hub/state.py).
                "JUPYTER_PATH": str(settings.workspace_data_dir),
                "HOME": str(desk_home(settings, cid)),
            },
        }
        if settings.mode == "server":
            desk["user"] = grader_account(settings, cid)  # it owns the circle's course folder
        desks.append(desk)
    _extend(c.JupyterHub, "services", desks)


def update_progress_pages(c, settings: Settings, cohort: Cohort) -> None:
    """Circle progress pages (grading/progress_service.py), on the port after the desks."""
    _extend(
        c.JupyterHub,
        "services",
        [
            {
                "name": PROGRESS_SERVICE,
                "display": False,
                "url": f"http://127.0.0.1:{settings.desk_port + len(cohort.circles)}",
                "command": [sys.executable, "-m", "grading.progress_service"],
                "cwd": str(settings.data_dir),
                "oauth_no_confirm": True,
                # The service reads the same settings and roster as the hub.
                "environment": settings.to_env(),
            }
        ],
    )


def operations_port(settings: Settings, cohort: Cohort) -> int:
    """The health page listens on the port after the progress pages."""
    return settings.desk_port + len(cohort.circles) + 1


# What the `operations` service's token may do: read the state of the hub for the health
# page and `redschool status`, and delete a user for `redschool learner erase`.
OPERATIONS_SCOPES = [
    "list:users",
    "read:users",
    "read:servers",
    "list:services",
    "read:services",
    "read:metrics",
    "admin:users",
]


def update_operations(c, settings: Settings, cohort: Cohort, token: str) -> None:
    """The admins' health page and everyone's own export (operations/health_service.py), a hub
    service. Everyone may reach it (the page checks who is an admin; the export is always the
    person's own). Its token is kept in the data folder (mode 600) so that `redschool status`
    and `redschool learner erase`, run by the operator, can use it too."""
    _extend(c.JupyterHub, "services", [
        {
            "name": OPERATIONS_SERVICE,
            "display": False,
            "url": f"http://127.0.0.1:{operations_port(settings, cohort)}",
            "command": [sys.executable, "-m", "operations.health_service"],
            "cwd": str(settings.data_dir),
            "api_token": token,
            "oauth_no_confirm": True,
            "environment": settings.to_env(),
        }
    ])
    _extend(c.JupyterHub, "load_roles", [
        {
            "name": "operations",
            "description": "Reads the hub's health for admins; deletes a user when an admin erases a learner.",
            "scopes": OPERATIONS_SCOPES,
            "services": [OPERATIONS_SERVICE],
        }
    ])
    # JupyterHub's own door for what every user may do beyond `self`.
    c.JupyterHub.extra_user_scopes = {f"access:services!service={OPERATIONS_SERVICE}"}


def authors_port(settings: Settings, cohort: Cohort) -> int:
    """The authors' page listens on the port after the health page."""
    return operations_port(settings, cohort) + 1


def update_authors_page(c, settings: Settings, cohort: Cohort) -> None:
    """The curriculum team's page (grading/authors_service.py): units of the shared curriculum,
    their static check and releases. JupyterHub lets in holders of
    `access:services!service=authors`: the role `curriculum-author` (hub/roles.py) and admins."""
    _extend(c.JupyterHub, "services", [
        {
            "name": AUTHORS_SERVICE,
            "display": False,
            "url": f"http://127.0.0.1:{authors_port(settings, cohort)}",
            "command": [sys.executable, "-m", "grading.authors_service"],
            "cwd": str(settings.data_dir),
            "oauth_no_confirm": True,
            # It shows and releases what authors pushed to the shared repository.
            "environment": {**settings.to_env(), "REDSCHOOL_CURRICULUM": str(shared_curriculum(settings))},
        }
    ])


def update_author_workspaces(c, settings: Settings, cohort: Cohort) -> None:
    """Authors' workspaces get a clone of the shared curriculum and `redschool` (hub/authoring.py)."""
    hooks = [c.Spawner.pre_spawn_hook] if "pre_spawn_hook" in c.Spawner else []
    c.Spawner.pre_spawn_hook = SpawnHooks(*hooks, AuthorSpawnHook(settings, cohort))


def update_metrics(c) -> None:
    """The hub's Prometheus metrics (/hub/metrics) only for holders of `read:metrics`:
    admins and the operations service (JupyterHub's default, set here so it stays so)."""
    c.JupyterHub.authenticate_prometheus = True


def update_templates(c, cohort: Cohort, settings: Settings) -> None:
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    # Our templates mark their words with Jinja's i18n extension ({% trans %}, core/i18n.py);
    # they speak English until update_languages gives each person's gettext.
    c.JupyterHub.jinja_environment_options = {"extensions": ["core.i18n.RedSchoolI18n"]}
    invitations = settings.authenticator == "native"
    c.JupyterHub.template_vars = {
        "redschool": lambda user: home_context(cohort, user, invitations=invitations),
        # What the login and home pages may promise about privacy depends on the mode.
        "redschool_mode": settings.mode,
    }

    def default_url(handler):
        # Falsy means JupyterHub's own default: the person's workspace.
        return landing_url(cohort, getattr(handler.current_user, "name", None), handler.base_url) or ""

    c.JupyterHub.default_url = default_url


def update_languages(c, settings: Settings, roster_languages: dict[str, str], *, spawner: str = "Spawner") -> None:
    """Each person's language (hub/language.py): the hub's pages in it, the chooser on the home
    page, and workspaces started in it (`spawner`: the config section whose environment to add to)."""
    languages = PeopleLanguages(roster_languages, language_choices_path(settings))
    c.JupyterHub.template_vars = {**c.JupyterHub.template_vars, **template_vars(languages)}
    _extend(c.JupyterHub, "extra_handlers", language_handlers(languages))
    section = c[spawner]
    current = section["environment"] if "environment" in section else {}
    section["environment"] = {**current, **workspace_environment(settings, languages)}
    # For pages shown before someone logs in but to someone known (an invitation link).
    tornado = dict(c.JupyterHub.tornado_settings) if "tornado_settings" in c.JupyterHub else {}
    c.JupyterHub.tornado_settings = {**tornado, "redschool_languages": languages}
