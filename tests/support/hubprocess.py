"""A real Red School hub for tests: started from our own jupyterhub_config.py on
free loopback ports with a temporary data folder, driven the way people drive it.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import psutil
import requests

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
ARTIFACTS = ROOT / "tests" / "artifacts"  # logs and screenshots, ignored by git
DEMO_ROSTER = ROOT / "core" / "demo_roster.csv"
USER_PASSWORD = "test-password-for-everyone"
ADMIN_PASSWORD = "test-admin-password-0123456789abcdef"


def _ephemeral_range() -> tuple[int, int]:
    """The ports the kernel hands out for outgoing connections (Linux's default if unknown)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port() -> int:
    """A free port below the ephemeral range: a port the kernel may give any outgoing
    connection (a browser's, a client's) can be taken between this check and the hub's
    bind, as once happened to a service's port in CI."""
    low = _ephemeral_range()[0]
    for _ in range(200):
        port = random.randrange(10000, low - 16)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port on loopback between 10000 and {low}")


def hub_ports() -> dict[str, str]:
    """REDSCHOOL_*_PORT for a hub of its own: the public, hub and proxy API ports outside the
    run of ports the desks and services take after REDSCHOOL_DESK_PORT."""
    desks = free_ports()
    taken = set(range(desks, desks + 8))
    ports = {"REDSCHOOL_DESK_PORT": str(desks)}
    for name in ("REDSCHOOL_PORT", "REDSCHOOL_HUB_PORT", "REDSCHOOL_PROXY_API_PORT"):
        port = free_port()
        while port in taken:
            port = free_port()
        taken.add(port)
        ports[name] = str(port)
    return ports


def free_ports(count: int = 8) -> int:
    """The first of `count` consecutive free ports: the desks, the progress pages and the
    operations service listen on the ports after REDSCHOOL_DESK_PORT."""
    for _ in range(50):
        first = free_port()
        try:
            for port in range(first, first + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports on loopback")


def hub_environment(data_dir: Path, roster: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDSCHOOL_", "JUPYTERHUB_"))}
    env.update(
        REDSCHOOL_DATA_DIR=str(data_dir),
        REDSCHOOL_ROSTER=str(roster),
        **hub_ports(),
        REDSCHOOL_DEMO_PASSWORD=USER_PASSWORD,
        REDSCHOOL_DEMO_ADMIN_PASSWORD=ADMIN_PASSWORD,
        PATH=f"{ROOT / 'node_modules' / '.bin'}:{VENV_BIN}:{os.environ.get('PATH', '')}",
    )
    env.update(extra)
    return env


def run_hub_to_exit(env: dict[str, str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Start the hub and wait for it to exit by itself (e.g. refusing a bad roster)."""
    return subprocess.run(
        [str(VENV_BIN / "jupyterhub"), "-f", str(ROOT / "jupyterhub_config.py")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass
class Hub:
    data_dir: Path
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None
    admin_session: requests.Session | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        scheme = "https" if self.env.get("REDSCHOOL_TLS_CERT") else "http"
        return f"{scheme}://127.0.0.1:{self.env['REDSCHOOL_PORT']}/"

    @property
    def verify(self) -> str | bool:
        """What requests checks the hub's certificate against (a test's own, self-signed)."""
        return self.env.get("REDSCHOOL_TLS_CERT") or True

    @property
    def api_url(self) -> str:
        return urljoin(self.url, "hub/api/")

    # -- life cycle --------------------------------------------------------
    def start(self, timeout: float = 90) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [str(VENV_BIN / "jupyterhub"), "-f", str(ROOT / "jupyterhub_config.py")],
                cwd=self.data_dir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_until_answering(timeout)
        except BaseException:
            # A module fixture that fails here never reaches its teardown: stop what the hub
            # started (its proxy, its services) now, or they outlive the test run.
            self.stop()
            raise

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hub exited with {self.process.returncode}; log:\n{self.log()}")
            try:
                if requests.get(self.api_url, timeout=2, verify=self.verify).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.25)
        raise TimeoutError(f"hub did not answer within {timeout}s; log:\n{self.log()}")

    def stop(self) -> None:
        """Stop the hub (it stops the proxy and every server), then sweep stragglers."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        strays = self.stray_processes()
        for proc in strays:
            proc.kill()
        psutil.wait_procs(strays, timeout=10)  # a killed process is still listed until it is gone

    def stray_processes(self) -> list[psutil.Process]:
        """Processes still running from this hub's data folder (servers, proxy, kernels)."""
        marker = str(self.data_dir)
        found = []
        for proc in psutil.process_iter(["pid", "cmdline", "cwd", "environ"]):
            try:
                info = proc.info
                environ = info.get("environ") or {}
                if (
                    environ.get("REDSCHOOL_DATA_DIR") == marker
                    or marker in (info.get("cwd") or "")
                    or any(marker in part for part in info.get("cmdline") or [])
                ) and proc.pid != os.getpid():
                    found.append(proc)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return found

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    # -- people ------------------------------------------------------------
    def login(self, username: str, password: str | None = None) -> requests.Session:
        """Log in through the login form, as a browser does (with the _xsrf cookie)."""
        session = requests.Session()
        session.get(urljoin(self.url, "hub/login")).raise_for_status()
        if password is None:
            password = ADMIN_PASSWORD if username == "admin" else USER_PASSWORD
        response = session.post(
            urljoin(self.url, "hub/login"),
            data={"username": username, "password": password, "_xsrf": session.cookies.get("_xsrf")},
            allow_redirects=False,
        )
        session.login_response = response  # type: ignore[attr-defined]
        session.hub_url = self.url  # type: ignore[attr-defined]
        return session

    def admin(self) -> requests.Session:
        if self.admin_session is None:
            self.admin_session = self.login("admin")
            assert self.admin_session.login_response.status_code == 302, self.admin_session.login_response.text
        return self.admin_session

    def token_for(self, username: str) -> str:
        """An API token owned by `username` with exactly that person's permissions."""
        admin = self.admin()
        response = admin.post(
            urljoin(self.api_url, f"users/{username}/tokens"),
            json={"note": "test", "expires_in": 3600},
            headers={"X-XSRFToken": admin.cookies.get("_xsrf")},
        )
        response.raise_for_status()
        return response.json()["token"]

    def api(self, token: str, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {token}", **kwargs.pop("headers", {})}
        return requests.request(method, urljoin(self.api_url, path), headers=headers, timeout=30, **kwargs)

    def spawn(self, username: str, timeout: float = 120) -> None:
        """Start `username`'s server through the API (as the person) and wait until it is ready."""
        token = self.token_for(username)
        response = self.api(token, "POST", f"users/{username}/server")
        assert response.status_code in (201, 202, 400), response.text  # 400: already running
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api(token, "GET", f"users/{username}").json()
            server = (model.get("servers") or {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{username}'s server was not ready within {timeout}s; log:\n{self.log()[-4000:]}")

    def stop_server(self, username: str) -> None:
        token = self.token_for(username)
        self.api(token, "DELETE", f"users/{username}/server")


def own_hub(tmp_path_factory, name: str) -> Hub:
    """A hub of a test module's own, not started yet: a fresh data folder, the demo roster,
    and its log in tests/artifacts/<name>.log."""
    data_dir = tmp_path_factory.mktemp(name) / "data"
    ARTIFACTS.mkdir(exist_ok=True)
    hub = Hub(data_dir=data_dir, env=hub_environment(data_dir, DEMO_ROSTER), log_path=ARTIFACTS / f"{name}.log")
    hub.log_path.write_text("")
    return hub


def redschool(hub: Hub, *args: str) -> subprocess.CompletedProcess:
    """Run the `redschool` command against `hub`'s data folder and roster, as an admin would."""
    return subprocess.run([str(VENV_BIN / "redschool"), *args], env=hub.env, capture_output=True, text=True, timeout=300)


class LearnerServer:
    """A person's server, reached with their browser session (cookie + _xsrf)."""

    def __init__(self, hub: Hub, username: str):
        hub.spawn(username)
        self.hub, self.username = hub, username
        self.session = hub.login(username)
        self.base = urljoin(hub.url, f"user/{username}/")
        self.session.get(self.base + "lab").raise_for_status()  # a page (not an API call) completes the OAuth dance

    def get(self, path: str, **params):
        response = self.session.get(self.base + path, params=params)
        response.raise_for_status()
        return response

    def post(self, path: str, **data):
        xsrf = self.session.cookies.get("_xsrf", path=f"/user/{self.username}/")
        response = self.session.post(self.base + path, data=data, headers={"X-XSRFToken": xsrf})
        response.raise_for_status()
        return response

    def assignments(self, course: str) -> list[dict]:
        result = self.get("assignments", course_id=course).json()
        assert result["success"], result
        return result["value"]
