"""The hub as a service: a systemd unit where systemd runs, our own supervisor where it
does not (containers and these build machines boot without it). Both run the same
command with the same environment file.

The unit follows The Littlest JupyterHub's (`jupyterhub.service`): the hub runs as root
(it makes accounts and starts each workspace as its person), restarts when it stops,
and gets systemd's sandboxing that a hub as root can live with: a private /tmp and
/dev, no kernel tunables or modules, no new privileges through setuid programs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SERVICE = "redschool"
UNIT_PATH = Path("/etc/systemd/system") / f"{SERVICE}.service"


@dataclass(frozen=True)
class Service:
    """Where an installed Red School lives, and how its hub is started."""

    app: Path  # the installed copy of the project
    env_file: Path  # REDSCHOOL_* settings of this installation
    data_dir: Path

    @property
    def venv_bin(self) -> Path:
        return self.app / ".venv" / "bin"

    @property
    def command(self) -> list[str]:
        return [str(self.venv_bin / "jupyterhub"), "-f", str(self.app / "jupyterhub_config.py"), "--upgrade-db"]

    @property
    def pid_file(self) -> Path:
        return pid_file(self.data_dir)

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "hub.log"


def pid_file(data_dir: Path) -> Path:
    """The supervisor's pid (when systemd is not there)."""
    return data_dir / "service.pid"


def systemd_runs() -> bool:
    """systemd is the init system of this machine (its own test, sd_booted)."""
    return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def unit_text(service: Service) -> str:
    return f"""# Written by `redschool server install`; `redschool server uninstall` removes it.
[Unit]
Description=Red School (JupyterHub)
After=network.target

[Service]
User=root
Restart=always
RestartSec=5
WorkingDirectory={service.data_dir}
EnvironmentFile={service.env_file}
Environment=PATH={service.venv_bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ExecStart={" ".join(service.command)}
KillMode=mixed
TimeoutStopSec=30
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
NoNewPrivileges=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RestrictRealtime=yes

[Install]
WantedBy=multi-user.target
"""


def read_env_file(path: Path) -> dict[str, str]:
    return read_env_file_text(path.read_text())


def read_env_file_text(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def service_environment(service: Service) -> dict[str, str]:
    """What the hub sees: a clean environment plus the installation's settings."""
    return {
        "PATH": f"{service.venv_bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "HOME": "/root",
        **read_env_file(service.env_file),
    }


# --- our own supervision ---------------------------------------------------------------

def supervisor_pid(service: Service) -> int | None:
    """The running supervisor's pid, or None."""
    return _alive(service.pid_file)


def _alive(path: Path) -> int | None:
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None


def start_supervised(service: Service) -> int:
    """Start `redschool server supervise` in the background, detached from this terminal."""
    service.log_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(service.log_file, "ab") as log:
        process = subprocess.Popen(
            [str(service.venv_bin / "redschool"), "server", "supervise", "--env-file", str(service.env_file), "--app", str(service.app)],
            env=service_environment(service),
            cwd=service.data_dir,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and supervisor_pid(service) != process.pid:
        if process.poll() is not None:
            raise RuntimeError(f"the supervisor stopped at once; see {service.log_file}")
        time.sleep(0.1)
    return process.pid


def stop_supervised(service: Service, timeout: float = 60) -> bool:
    pid = supervisor_pid(service)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    service.pid_file.unlink(missing_ok=True)
    return True


def supervise(service: Service) -> int:
    """Run the hub, start it again when it stops (as systemd's Restart=always would),
    restart it on SIGHUP, stop it on SIGTERM. Writes its pid file while it runs."""
    service.pid_file.write_text(f"{os.getpid()}\n")
    state = {"stop": False, "restart": False}
    child: subprocess.Popen | None = None

    def on_term(signum, frame):
        state["stop"] = True
        if child and child.poll() is None:
            child.terminate()

    def on_hup(signum, frame):
        state["restart"] = True
        if child and child.poll() is None:
            child.terminate()

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    signal.signal(signal.SIGHUP, on_hup)
    quick_failures = 0
    try:
        while not state["stop"]:
            started = time.monotonic()
            print(f"[redschool supervise] starting: {' '.join(service.command)}", flush=True)
            child = subprocess.Popen(service.command, env=service_environment(service), cwd=service.data_dir)
            while child.poll() is None:
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    if state["stop"] or state["restart"]:
                        child.kill()
                except KeyboardInterrupt:
                    state["stop"] = True
            print(f"[redschool supervise] hub exited with {child.returncode}", flush=True)
            if state["stop"]:
                break
            if state["restart"]:
                state["restart"] = False
                quick_failures = 0
                continue
            quick_failures = quick_failures + 1 if time.monotonic() - started < 10 else 0
            time.sleep(min(60, 5 * max(1, quick_failures)))  # systemd's RestartSec, backing off
    finally:
        if service.pid_file.exists() and service.pid_file.read_text().strip() == str(os.getpid()):
            service.pid_file.unlink()
    return 0


def restart(data_dir: Path) -> str:
    """Restart the hub of the installation whose data folder this is (roster changes); say how."""
    if systemd_runs() and UNIT_PATH.exists():
        subprocess.run(["systemctl", "restart", SERVICE], check=True)
        return "restarted the redschool service (systemd)"
    pid = _alive(pid_file(data_dir))
    if pid is None:
        return "the hub is not running as a service; it reads the roster when it starts"
    os.kill(pid, signal.SIGHUP)
    return "restarted the hub (the supervisor starts it again)"


def usable_by_everyone(path: Path) -> bool:
    """Every account can run `path`: it and each folder above it let others through."""
    real = Path(os.path.realpath(path))
    if not real.is_file() or not os.stat(real).st_mode & 0o001:
        return False
    return all(os.stat(folder).st_mode & 0o001 for folder in real.parents)


def python_for_venv() -> str:
    """The interpreter the installed platform's virtual environment is made from. Each
    person's workspace runs it as their own account, so it must be one every account can
    run: ours if it is (not, e.g., a pyenv Python under /root), else the system's."""
    for candidate in (getattr(sys, "_base_executable", None) or sys.executable, "/usr/bin/python3"):
        if usable_by_everyone(Path(candidate)):
            return candidate
    raise RuntimeError(
        f"no Python that every account can run: {sys.executable} sits in a private folder and "
        "/usr/bin/python3 is missing; install Debian's python3 and python3-venv"
    )
