"""`redschool server install|uninstall|status|supervise`, `redschool invite` and the work
behind `redschool roster apply` (server mode)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.accounts import AccountNameError
from core.settings import Settings, SettingsError

from . import install as inst
from . import service as svc
from .accounts import AccountError

USER_ERRORS = (inst.InstallError, AccountError, AccountNameError)


def add_commands(subparsers) -> None:
    server = subparsers.add_parser("server", help="install Red School on this machine as a service (server mode)")
    actions = server.add_subparsers(dest="action", metavar="ACTION", required=True)

    install = actions.add_parser("install", help="install or update the platform and start the hub as a service (root)")
    install.add_argument("--roster", type=Path, help="the cohort's roster CSV (needed the first time)")
    _locations(install)
    install.set_defaults(func=run_install)

    uninstall = actions.add_parser("uninstall", help="stop and remove the service; people's data stay (root)")
    _locations(uninstall)
    uninstall.set_defaults(func=run_uninstall)

    status = actions.add_parser("status", help="is the hub running as a service?")
    _locations(status)
    status.set_defaults(func=run_status)

    supervise = actions.add_parser("supervise", help="(used by install where systemd is absent) run the hub, restarting it")
    supervise.add_argument("--env-file", type=Path, required=True)
    supervise.add_argument("--app", type=Path, required=True)
    supervise.set_defaults(func=run_supervise)

    invite = subparsers.add_parser("invite", help="make a one-time link with which a person sets their password (server mode)")
    invite.add_argument("username", help="a roster username")
    invite.set_defaults(func=run_invite)


def _locations(parser) -> None:
    parser.add_argument("--prefix", type=Path, default=inst.DEFAULT_PREFIX, help=f"where the platform goes (default {inst.DEFAULT_PREFIX})")
    parser.add_argument("--config-dir", type=Path, default=inst.DEFAULT_CONFIG_DIR, help=f"where its settings go (default {inst.DEFAULT_CONFIG_DIR})")
    parser.add_argument("--bin-dir", type=Path, default=inst.DEFAULT_BIN_DIR, help=f"where the `redschool` command is linked (default {inst.DEFAULT_BIN_DIR})")


def run_install(args) -> int:
    import os

    print("Installing Red School (server mode)...", flush=True)
    settings, changed = inst.install(
        dict(os.environ), roster=args.roster, prefix=args.prefix, config_dir=args.config_dir, bin_dir=args.bin_dir
    )
    if not changed:
        print("  nothing to change: already installed and running.")
    admins = sorted(p.username for p in _cohort(settings).with_role("admin"))
    print(
        f"\nRed School is running at {settings.public_url}/\n"
        "Next:\n"
        f"  1. Make an invitation link for an admin and open it to choose a password:\n"
        f"       sudo {args.bin_dir / 'redschool'} invite {admins[0] if admins else 'ADMIN'}\n"
        f"  2. Logged in, admins and facilitators make everyone else's links at {settings.public_url}/hub/invitations\n"
        f"  3. When the roster changes: edit {settings.roster}, then `sudo redschool roster apply`.\n"
        + ("" if settings.tls else "  Serve it over HTTPS before real people use it: see README, 'Server mode'.\n")
    )
    return 0


def _cohort(settings: Settings):
    from core.cohort import load_roster

    return load_roster(settings.roster)


def run_uninstall(args) -> int:
    for line in inst.uninstall(prefix=args.prefix, config_dir=args.config_dir, bin_dir=args.bin_dir):
        print(line)
    return 0


def _service(args) -> svc.Service:
    env_file = args.config_dir / "redschool.env"
    if not env_file.is_file():
        raise inst.InstallError(f"Red School is not installed here ({env_file} does not exist)")
    values = svc.read_env_file(env_file)
    return svc.Service(app=args.prefix / "app", env_file=env_file, data_dir=Path(values.get("REDSCHOOL_DATA_DIR", "/srv/redschool")))


def run_status(args) -> int:
    service = _service(args)
    if svc.systemd_runs() and svc.UNIT_PATH.exists():
        return subprocess.run(["systemctl", "status", "--no-pager", svc.SERVICE]).returncode
    pid = svc.supervisor_pid(service)
    print(f"running under Red School's supervisor, pid {pid}; log: {service.log_file}" if pid else "not running")
    return 0 if pid else 3  # 3: systemd's "not running"


def run_supervise(args) -> int:
    values = svc.read_env_file(args.env_file)
    service = svc.Service(app=args.app, env_file=args.env_file, data_dir=Path(values.get("REDSCHOOL_DATA_DIR", "/srv/redschool")))
    return svc.supervise(service)


def run_invite(args) -> int:
    from core import invitations

    settings = Settings.from_env()
    if settings.authenticator != "native":
        raise SettingsError("invitations are for server mode's own passwords (REDSCHOOL_AUTHENTICATOR=native)")
    cohort = _cohort(settings)
    if args.username not in cohort.usernames:
        raise SettingsError(f"{args.username!r} is not on the roster ({settings.roster})")
    if not invitations.store_path(settings).parent.is_dir():
        raise SettingsError(f"there is no data folder at {settings.data_dir}; install the server first")
    token = invitations.make(settings, args.username, made_by="command line")
    print(
        f"Link for {cohort.person(args.username).display_name} ({args.username}); it works once, "
        f"for {settings.invitation_days} day(s), and cancels any older one:\n{invitations.link(settings, token)}",
        file=sys.stdout,
    )
    return 0


def apply_roster_now(path: Path | None) -> int:
    """`redschool roster apply [PATH]`: accounts, courses and folders follow the roster, then the hub restarts."""
    import os

    from core.cohort import load_roster

    from .roster import apply_roster

    settings = Settings.from_env()
    if settings.mode != "server":
        raise SettingsError("`redschool roster apply` makes system accounts: it is for server mode (REDSCHOOL_MODE=server)")
    if os.geteuid() != 0:
        raise AccountError("applying the roster makes and locks system accounts: run it with sudo")
    cohort = load_roster(path or settings.roster)  # a bad roster changes nothing
    if path is not None and Path(path).resolve() != settings.roster.resolve():
        inst.write_private(settings.roster, Path(path).read_text())
        print(f"copied {path} to {settings.roster}")
    changes = apply_roster(settings, cohort)
    for line in changes:
        print(line)
    print(f"{len(cohort.people)} people in {len(cohort.circles)} circle(s); " + (f"{len(changes)} change(s)." if changes else "nothing changed."))
    print(svc.restart(settings.data_dir))
    return 0
