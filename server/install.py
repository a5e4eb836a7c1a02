"""`redschool server install` and `uninstall`: one command that makes a real server.

Install, idempotently (a second run with nothing new changes nothing):
  1. copies the project (its tracked files and the proxy in node_modules) to
     <prefix>/app, where every account may read it, and gives it its own virtual
     environment (pip runs only when pyproject.toml changed);
  2. writes the installation's settings to <config>/redschool.env (mode 600) and the
     roster to the data folder;
  3. makes the roster's accounts, the circles' courses and the data folder's owners and
     modes (server/roster.py);
  4. starts the hub as a service: systemd where it runs, our own supervisor where it
     does not, restarting it only when something changed;
  5. waits until the hub answers and says what to do next.

Uninstall stops and removes the service, and nothing else: the data folder, homes and
accounts stay (people's writing is never deleted by a command that did not ask).
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import ssl
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from core.accounts import check_account_names
from core.cohort import load_roster
from core.layout import proxy_pid_path
from core.settings import PROJECT_ROOT, Settings

from . import service as svc
from .roster import apply_roster

DEFAULT_PREFIX = Path("/opt/redschool")
DEFAULT_CONFIG_DIR = Path("/etc/redschool")
DEFAULT_BIN_DIR = Path("/usr/local/bin")


class InstallError(RuntimeError):
    """Install cannot go on; the message says what to do."""


@dataclass
class Report:
    changed: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        self.changed.append(line)
        print(f"  {line}", flush=True)


def _require_root() -> None:
    if os.geteuid() != 0:
        raise InstallError("installing a server needs root: run it with sudo")


def project_files(source: Path) -> list[Path]:
    """What makes up the platform: git's tracked files (never a venv, data or test output)."""
    if not (source / ".git").exists():
        raise InstallError(f"{source} is not a git checkout; install from a clone of the project")
    listed = subprocess.run(["git", "-C", str(source), "ls-files", "-z"], capture_output=True, check=True).stdout
    return [Path(p) for p in listed.decode().split("\0") if p and (source / p).is_file()]


def _copy_if_changed(src: Path, dest: Path) -> bool:
    if dest.is_file() and filecmp.cmp(src, dest, shallow=False):
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)
    dest.chmod(0o755 if os.access(src, os.X_OK) else 0o644)
    return True


def copy_app(source: Path, app: Path, report: Report) -> bool:
    """Copy the project to `app`, readable by every account; True if anything changed."""
    changed = sum(_copy_if_changed(source / rel, app / rel) for rel in project_files(source))
    proxy = source / "node_modules"
    if not (proxy / ".bin" / "configurable-http-proxy").exists():
        raise InstallError(f"{proxy} has no configurable-http-proxy; run `make setup` in {source} first")
    stamp = app / "node_modules" / ".redschool-lock"
    lock = hashlib.sha256((source / "package-lock.json").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != lock:
        shutil.rmtree(app / "node_modules", ignore_errors=True)
        shutil.copytree(proxy, app / "node_modules", symlinks=True)
        stamp.write_text(lock)
        changed += 1
    for folder, dirs, _ in os.walk(app):
        dirs[:] = [d for d in dirs if d != ".venv"]
        os.chmod(folder, 0o755)
    if changed:
        report.add(f"copied {changed} changed file(s) to {app}")
    return bool(changed)


def ensure_venv(app: Path, report: Report) -> bool:
    """The installed copy's own virtual environment; pip runs only when pyproject.toml changed."""
    venv = app / ".venv"
    stamp = venv / ".redschool-installed"
    wanted = hashlib.sha256((app / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == wanted:
        return False
    if not (venv / "bin" / "python").exists():
        try:
            python = svc.python_for_venv()
        except RuntimeError as exc:
            raise InstallError(str(exc)) from None
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    print(f"  installing the Python packages into {venv} (a minute or two)...", flush=True)
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", str(app)],
        capture_output=True, text=True,
    )
    if done.returncode:
        raise InstallError(f"pip could not install the platform into {venv}:\n{done.stderr[-3000:]}")
    stamp.write_text(wanted)
    report.add(f"installed the Python packages into {venv}")
    return True


def installation_environment(env_file: Path, environ: dict[str, str]) -> dict[str, str]:
    """The settings of this installation: those kept from the last install, overlaid by
    any REDSCHOOL_ variable given now (so `git pull` then install again keeps the port,
    the certificate and the rest without typing them again)."""
    kept = svc.read_env_file(env_file) if env_file.is_file() else {}
    given = {k: v for k, v in environ.items() if k.startswith("REDSCHOOL_") and v}
    return {**environ, **kept, **given, "REDSCHOOL_MODE": "server"}


def env_text(environ: dict[str, str]) -> str:
    """The installation's settings: every REDSCHOOL_ variable set now, in server mode."""
    values = {k: v for k, v in environ.items() if k.startswith("REDSCHOOL_") and v}
    values["REDSCHOOL_MODE"] = "server"
    lines = "".join(f"{k}={v}\n" for k, v in sorted(values.items()))
    return "# Red School's settings (see `redschool settings`); written by `redschool server install`.\n" + lines


def write_private(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)
    return True


def wrapper_text(service: svc.Service) -> str:
    return (
        "#!/bin/sh\n"
        "# `redschool` with this installation's settings (written by `redschool server install`).\n"
        f"set -a; . {service.env_file}; set +a\n"
        f'exec {service.venv_bin / "redschool"} "$@"\n'
    )


def wait_until_up(settings: Settings, timeout: float = 180) -> None:
    host = "127.0.0.1" if settings.ip in ("", "0.0.0.0", "::") else settings.ip
    url = f"{'https' if settings.tls else 'http'}://{host}:{settings.port}/hub/health"
    context = ssl._create_unverified_context() if settings.tls else None  # loopback check of our own certificate
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=3, context=context) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise InstallError(f"the hub did not answer at {url} within {int(timeout)} s; its log says why")


def install(
    environ: dict[str, str],
    *,
    roster: Path | None,
    prefix: Path = DEFAULT_PREFIX,
    config_dir: Path = DEFAULT_CONFIG_DIR,
    bin_dir: Path | None = DEFAULT_BIN_DIR,
    source: Path = PROJECT_ROOT,
) -> tuple[Settings, list[str]]:
    """Install or update the server; return its settings and what changed (empty: nothing)."""
    _require_root()
    env_file = config_dir / "redschool.env"
    environ = installation_environment(env_file, environ)
    settings = Settings.from_env(environ)
    cohort = load_roster(roster or settings.roster)  # fails here, before anything is touched
    check_account_names(settings, cohort)
    report = Report()
    app = prefix / "app"
    prefix.mkdir(parents=True, exist_ok=True)
    prefix.chmod(0o755)
    service = svc.Service(app=app, env_file=env_file, data_dir=settings.data_dir)

    changed = copy_app(source, app, report)
    changed |= ensure_venv(app, report)
    if write_private(service.env_file, env_text(environ)):
        report.add(f"wrote the settings to {service.env_file}")
        changed = True
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if roster is not None and write_private(settings.roster, Path(roster).read_text()):
        report.add(f"copied the roster to {settings.roster}")
        changed = True
    for line in apply_roster(settings, cohort):
        report.add(line)
        changed = True
    if bin_dir is not None:
        link = bin_dir / "redschool"
        wrapper = prefix / "bin" / "redschool"
        if write_private(wrapper, wrapper_text(service)):
            wrapper.chmod(0o700)
            report.add(f"wrote {wrapper}")
        if not link.is_symlink() or os.readlink(link) != str(wrapper):
            bin_dir.mkdir(parents=True, exist_ok=True)
            link.unlink(missing_ok=True)
            link.symlink_to(wrapper)
            report.add(f"linked {link} -> {wrapper}")

    if svc.systemd_runs():
        unit_changed = write_private(svc.UNIT_PATH, svc.unit_text(service))
        if unit_changed:
            svc.UNIT_PATH.chmod(0o644)
            subprocess.run(["systemctl", "daemon-reload"], check=True)
            report.add(f"wrote {svc.UNIT_PATH}")
        active = subprocess.run(["systemctl", "is-active", "--quiet", svc.SERVICE]).returncode == 0
        if not active:
            subprocess.run(["systemctl", "enable", "--now", svc.SERVICE], check=True)
            report.add("started the redschool service (systemd)")
        elif changed or unit_changed:
            subprocess.run(["systemctl", "restart", svc.SERVICE], check=True)
            report.add("restarted the redschool service (systemd)")
    else:
        if svc.supervisor_pid(service) is None:
            pid = svc.start_supervised(service)
            report.add(f"started the hub under Red School's supervisor (pid {pid}; no systemd on this machine)")
        elif changed:
            report.add(svc.restart(service.data_dir))
    wait_until_up(settings)
    return settings, report.changed


def uninstall(*, prefix: Path = DEFAULT_PREFIX, config_dir: Path = DEFAULT_CONFIG_DIR, bin_dir: Path | None = DEFAULT_BIN_DIR,
              data_dir: Path | None = None) -> list[str]:
    """Stop and remove the service; keep every person's data."""
    _require_root()
    done: list[str] = []
    env_file = config_dir / "redschool.env"
    values = svc.read_env_file(env_file) if env_file.is_file() else {}
    data = data_dir or Path(values.get("REDSCHOOL_DATA_DIR", "/srv/redschool"))
    service = svc.Service(app=prefix / "app", env_file=env_file, data_dir=data)
    if svc.UNIT_PATH.exists() and svc.systemd_runs():
        subprocess.run(["systemctl", "disable", "--now", svc.SERVICE], check=False)
        svc.UNIT_PATH.unlink()
        subprocess.run(["systemctl", "daemon-reload"], check=False)
        done.append(f"stopped the redschool service and removed {svc.UNIT_PATH}")
    elif svc.stop_supervised(service):
        done.append("stopped the hub and its supervisor")
    if values:
        settings = Settings.from_env(values)
        if _stop_pid_file(proxy_pid_path(settings)):
            done.append("stopped the proxy the hub left running")
        stopped = stop_workspaces(settings)
        if stopped:
            done.append(f"stopped what {stopped} account(s) still ran (workspaces, desks)")
    if bin_dir is not None:
        link = bin_dir / "redschool"
        if link.is_symlink() and os.readlink(link) == str(prefix / "bin" / "redschool"):
            link.unlink()
            done.append(f"removed {link}")
    done.append(
        f"kept: the data folder {data}, every person's home and account, the settings in {env_file} "
        f"and the platform in {prefix} (remove them yourself only when you mean to)"
    )
    return done


def _stop_pid_file(path: Path) -> bool:
    """Stop the process a pid file names, if it still runs (a hub killed before it could stop
    its proxy leaves the proxy behind)."""
    try:
        pid = int(path.read_text().strip())
        # Only that proxy: a stale file's pid may since belong to another process.
        if b"configurable-http-proxy" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return False
        os.kill(pid, 15)
    except (OSError, ValueError):
        return False
    path.unlink(missing_ok=True)
    return True


def stop_workspaces(settings: Settings) -> int:
    """Stop every process run by an account Red School made (with the hub gone, nothing else will)."""
    import pwd

    from .accounts import ours

    names = [e.pw_name for e in pwd.getpwall() if e.pw_name.startswith((settings.user_prefix, settings.grader_prefix)) and ours(e)]
    running = [n for n in names if subprocess.run(["pkill", "--signal", "TERM", "--uid", n], capture_output=True).returncode == 0]
    deadline = time.monotonic() + 15  # a workspace shuts its kernels down first
    while time.monotonic() < deadline and any(subprocess.run(["pgrep", "--uid", n], capture_output=True).returncode == 0 for n in running):
        time.sleep(0.25)
    for name in running:
        subprocess.run(["pkill", "--signal", "KILL", "--uid", name], capture_output=True)
    return len(running)
