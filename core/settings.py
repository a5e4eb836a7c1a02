"""Red School's own settings: one source, environment variables prefixed `REDSCHOOL_`.

Every setting is a field of `Settings` with its variable, default, units and an
example in the field's metadata; `redschool settings` prints them all, and
README's settings table is generated from the same place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_ROSTER = Path(__file__).resolve().parent / "demo_roster.csv"

MODES = ("demo", "server")


class SettingsError(ValueError):
    """A REDSCHOOL_ variable has a value we cannot use."""


def _setting(env: str, help: str, example: str, *, secret: bool = False, **kwargs):
    return field(metadata={"env": env, "help": help, "example": example, "secret": secret}, **kwargs)


@dataclass(frozen=True, kw_only=True)
class Settings:
    mode: str = _setting(
        "REDSCHOOL_MODE",
        "`demo` (loopback, one Unix user for every server, shared demo password) or "
        "`server` (one system user per person, real isolation; the hub runs as root).",
        "server",
        default="demo",
    )
    data_dir: Path = _setting(
        "REDSCHOOL_DATA_DIR",
        "Folder holding all runtime state: hub database, cookie secret, proxy token, "
        "homes (demo), nbgrader exchange and courses. Default `./.redschool` in demo "
        "mode, `/srv/redschool` in server mode.",
        "/srv/redschool",
        default=None,  # resolved from mode in from_env
    )
    ip: str = _setting(
        "REDSCHOOL_IP",
        "Address the public proxy listens on. Demo mode refuses anything but loopback.",
        "127.0.0.1",
        default="127.0.0.1",
    )
    port: int = _setting(
        "REDSCHOOL_PORT", "Public port of the hub (TCP port number).", "8000", default=8000
    )
    hub_port: int = _setting(
        "REDSCHOOL_HUB_PORT",
        "Internal port of the hub's own API, on loopback (TCP port number).",
        "8081",
        default=8081,
    )
    proxy_api_port: int = _setting(
        "REDSCHOOL_PROXY_API_PORT",
        "Internal port of the proxy's REST API, on loopback (TCP port number).",
        "8001",
        default=8001,
    )
    desk_port: int = _setting(
        "REDSCHOOL_DESK_PORT",
        "First internal port of the circles' review desks, on loopback; circle N (in "
        "alphabetical order) uses this port + N - 1.",
        "8082",
        default=8082,
    )
    roster: Path = _setting(
        "REDSCHOOL_ROSTER",
        "Cohort roster CSV: the single source of people, circles and permissions. "
        "Default: the demo roster in demo mode, `<data_dir>/roster.csv` in server mode.",
        "/srv/redschool/roster.csv",
        default=None,
    )
    demo_password: str | None = _setting(
        "REDSCHOOL_DEMO_PASSWORD",
        "Shared password of every roster user in demo mode. Unset: a random one is "
        "made and printed at start-up.",
        "solidarity-forever",
        default=None,
        secret=True,
    )
    demo_admin_password: str | None = _setting(
        "REDSCHOOL_DEMO_ADMIN_PASSWORD",
        "Password of the roster's admins in demo mode (JupyterHub's shared-password "
        "authenticator keeps admins apart and wants 32 characters or more). Unset: a "
        "random one is made and printed at start-up.",
        "a-long-passphrase-only-the-admin-knows-2026",
        default=None,
        secret=True,
    )
    authenticator: str = _setting(
        "REDSCHOOL_AUTHENTICATOR",
        "`demo` (shared password, roster users only), `native` (NativeAuthenticator's "
        "hashed passwords and lockout; each roster person sets their password through a "
        "one-time invitation link, nobody signs up), or any "
        "JupyterHub authenticator name or class, e.g. `github` or "
        "`oauthenticator.generic.GenericOAuthenticator` (configure it with its own "
        "environment variables, e.g. OAUTH_CLIENT_ID). Default: `demo` in demo mode, "
        "`native` in server mode.",
        "native",
        default=None,
    )
    spawner: str = _setting(
        "REDSCHOOL_SPAWNER",
        "`simple` (every server as the hub's own Unix user; demo only), `system` "
        "(each person's server as their own system account, REDSCHOOL_USER_PREFIX + name), or any "
        "JupyterHub spawner name or class, e.g. `kubespawner.KubeSpawner`. Default: "
        "`simple` in demo mode, `system` in server mode.",
        "system",
        default=None,
    )
    idle_timeout: int = _setting(
        "REDSCHOOL_IDLE_TIMEOUT",
        "Seconds of inactivity after which the idle culler stops a person's server "
        "(their files stay). 0 turns the culler off.",
        "3600",
        default=3600,
    )
    curriculum: Path = _setting(
        "REDSCHOOL_CURRICULUM",
        "Folder of the curriculum to release from (its reading guides are in the "
        "sibling folder `readings/`). Default: the project's own `curriculum/`.",
        "/srv/curriculum-team/curriculum",
        default=PROJECT_ROOT / "curriculum",
    )
    user_prefix: str = _setting(
        "REDSCHOOL_USER_PREFIX",
        "Server mode: prefix of each roster person's system account (roster name `learner1` "
        "becomes `jupyter-learner1`), so a roster name can never be an account of the machine.",
        "jupyter-",
        default="jupyter-",
    )
    grader_prefix: str = _setting(
        "REDSCHOOL_GRADER_PREFIX",
        "Server mode: prefix of each circle's grader account, which owns the circle's course "
        "and runs its review desk (circle `rosa` -> `grader-rosa`).",
        "grader-",
        default="grader-",
    )
    public_url_override: str | None = _setting(
        "REDSCHOOL_PUBLIC_URL",
        "The address people type to reach the hub, used in printed invitation links. "
        "Default: built from REDSCHOOL_IP and REDSCHOOL_PORT (https when a certificate is set).",
        "https://school.example.org",
        default=None,
    )
    tls_cert: Path | None = _setting(
        "REDSCHOOL_TLS_CERT",
        "Server mode: certificate file (PEM, full chain) for HTTPS served by the proxy. "
        "Set it with REDSCHOOL_TLS_KEY; unset when a reverse proxy terminates TLS.",
        "/etc/letsencrypt/live/school.example.org/fullchain.pem",
        default=None,
    )
    tls_key: Path | None = _setting(
        "REDSCHOOL_TLS_KEY",
        "Server mode: private key file (PEM) of REDSCHOOL_TLS_CERT.",
        "/etc/letsencrypt/live/school.example.org/privkey.pem",
        default=None,
    )
    http_redirect_port: int = _setting(
        "REDSCHOOL_HTTP_REDIRECT_PORT",
        "With a certificate: a plain-HTTP port that only redirects to HTTPS (0 turns it off).",
        "80",
        default=0,
    )
    invitation_days: int = _setting(
        "REDSCHOOL_INVITATION_DAYS",
        "Server mode: days an invitation or password-reset link stays valid (it works once).",
        "7",
        default=7,
    )
    extra_config: Path | None = _setting(
        "REDSCHOOL_EXTRA_CONFIG",
        "Optional Python config file loaded after ours, for settings of a chosen "
        "authenticator or spawner that have no environment variable of their own.",
        "/srv/redschool/oauth_config.py",
        default=None,
    )

    @property
    def homes_dir(self) -> Path:
        return self.data_dir / "homes"

    @property
    def exchange_dir(self) -> Path:
        return self.data_dir / "exchange"

    @property
    def courses_dir(self) -> Path:
        return self.data_dir / "courses"

    @property
    def workspace_config_dir(self) -> Path:
        """Jupyter settings for every server the hub runs (workspaces and review desks)."""
        return self.data_dir / "jupyter-config" / "workspace"

    @property
    def workspace_data_dir(self) -> Path:
        """Jupyter data (JUPYTER_PATH) for every server the hub runs: template overrides."""
        return self.data_dir / "jupyter-data"

    @property
    def learner_config_dir(self) -> Path:
        """nbgrader settings for learners' workspaces only."""
        return self.data_dir / "jupyter-config" / "learners"

    def to_env(self) -> dict[str, str]:
        """These settings as REDSCHOOL_ variables, for services the hub starts. Secrets
        (passwords) are left out: a service's environment is readable by whatever it runs."""
        return {
            f.metadata["env"]: str(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) is not None and not f.metadata["secret"]
        }

    def home_of(self, username: str) -> Path:
        """A person's home folder on this machine (demo: under the data folder;
        server: the system user's home, as LocalProcessSpawner uses it)."""
        if self.mode == "demo":
            return self.homes_dir / username
        return Path("/home") / self.account_of(username)

    def account_of(self, username: str) -> str:
        """Server mode: the system account of a roster person (core/accounts.py)."""
        return f"{self.user_prefix}{username}"

    @property
    def on_kubernetes(self) -> bool:
        """Workspaces are pods (KubeSpawner): accounts are numbers (core/numeric_ids.py), not /etc/passwd entries."""
        return "kubespawner" in self.spawner.lower()

    @property
    def tls(self) -> bool:
        return self.tls_cert is not None

    @property
    def public_url(self) -> str:
        if self.public_url_override:
            return self.public_url_override.rstrip("/")
        host = "127.0.0.1" if self.ip in ("", "0.0.0.0", "::") else self.ip
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every REDSCHOOL_ variable; unset ones take the default for the mode."""
        environ = os.environ if environ is None else environ
        raw = {f.name: environ.get(f.metadata["env"]) for f in fields(cls)}
        raw = {k: v for k, v in raw.items() if v not in (None, "")}
        mode = raw.get("mode", "demo")
        if mode not in MODES:
            raise SettingsError(f"REDSCHOOL_MODE is {mode!r}; use one of: {', '.join(MODES)}.")
        values: dict = {"mode": mode}
        for f in fields(cls):
            if f.name == "mode" or f.name not in raw:
                continue
            text = raw[f.name]
            if f.type == "int":
                try:
                    values[f.name] = int(text)
                except ValueError:
                    raise SettingsError(
                        f"{f.metadata['env']} is {text!r}; it must be a whole number, e.g. {f.metadata['example']}."
                    ) from None
            elif f.type.startswith("Path"):
                values[f.name] = Path(text).expanduser().resolve()
            else:
                values[f.name] = text
        demo = mode == "demo"
        values.setdefault("data_dir", (PROJECT_ROOT / ".redschool") if demo else Path("/srv/redschool"))
        values.setdefault("roster", DEMO_ROSTER if demo else values["data_dir"] / "roster.csv")
        values.setdefault("authenticator", "demo" if demo else "native")
        values.setdefault("spawner", "simple" if demo else "system")
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        for name in ("port", "hub_port", "proxy_api_port", "desk_port", "http_redirect_port"):
            value = getattr(self, name)
            if not 0 < value < 65536 and not (name == "http_redirect_port" and value == 0):
                env = next(f.metadata["env"] for f in fields(self) if f.name == name)
                raise SettingsError(f"{env} is {value}; a TCP port is between 1 and 65535.")
        if (self.tls_cert is None) != (self.tls_key is None):
            raise SettingsError("Set both REDSCHOOL_TLS_CERT and REDSCHOOL_TLS_KEY (a certificate and its key), or neither.")
        for name in ("tls_cert", "tls_key"):
            path = getattr(self, name)
            if path is not None and not path.is_file():
                raise SettingsError(f"REDSCHOOL_{name.upper()} is {path}, which is not a file.")
        if self.http_redirect_port and not self.tls:
            raise SettingsError("REDSCHOOL_HTTP_REDIRECT_PORT redirects to HTTPS; set REDSCHOOL_TLS_CERT and REDSCHOOL_TLS_KEY too.")
        if self.invitation_days < 1:
            raise SettingsError("REDSCHOOL_INVITATION_DAYS must be 1 or more.")
        for name in ("user_prefix", "grader_prefix"):
            value = getattr(self, name)
            if not re.fullmatch(r"[a-z][a-z0-9_-]{0,15}-", value):
                raise SettingsError(
                    f"REDSCHOOL_{name.upper()} is {value!r}; use a short lower-case prefix ending in '-', e.g. "
                    f"{next(f.metadata['example'] for f in fields(self) if f.name == name)}."
                )
        if self.user_prefix.startswith(self.grader_prefix) or self.grader_prefix.startswith(self.user_prefix):
            raise SettingsError("REDSCHOOL_USER_PREFIX and REDSCHOOL_GRADER_PREFIX must differ, and neither may begin the other.")
        if self.idle_timeout < 0:
            raise SettingsError("REDSCHOOL_IDLE_TIMEOUT must be 0 (off) or a number of seconds.")
        if self.mode == "demo":
            if self.ip not in ("127.0.0.1", "localhost", "::1"):
                raise SettingsError(
                    f"REDSCHOOL_IP is {self.ip}, but the demo is not isolated and only listens on "
                    "loopback (127.0.0.1). Use REDSCHOOL_MODE=server for a real deployment."
                )
            if self.spawner == "system":
                raise SettingsError("REDSCHOOL_SPAWNER=system needs REDSCHOOL_MODE=server (the hub runs as root).")
        elif self.spawner == "simple":
            raise SettingsError(
                "REDSCHOOL_SPAWNER=simple runs every server as one Unix user; it is for the demo only. "
                "Use `system` or a container spawner in server mode."
            )


def settings_reference() -> str:
    """A Markdown table of every setting, for README and `redschool settings`."""
    rows = ["| variable | meaning | example |", "|---|---|---|"]
    for f in fields(Settings):
        rows.append(f"| `{f.metadata['env']}` | {f.metadata['help']} | `{f.metadata['example']}` |")
    return "\n".join(rows) + "\n"
