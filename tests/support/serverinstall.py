"""Server mode installed for real on this machine, for the server tier and its benchmark:
the README's install command run as root with prefixes of its own, people who accept
invitations, and a clean removal of every account and home it made."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from core.settings import Settings
from tests.support.fixture_curriculum import copy_of_good_unit
from tests.support.hubprocess import ARTIFACTS, DEMO_ROSTER, VENV_BIN, hub_ports

USER_PREFIX, GRADER_PREFIX = "rstu-", "rstg-"
PASSWORDS = {name: f"{name}-chose-this-passphrase" for name in
             ("learner1", "learner2", "learner5", "learner8", "learner9", "facilitator1", "facilitator2", "author1", "admin")}


def our_accounts() -> list[str]:
    return [e.pw_name for e in pwd.getpwall() if e.pw_name.startswith((USER_PREFIX, GRADER_PREFIX)) and e.pw_gecos.endswith("(Red School)")]


class Server:
    """The installed server: its settings, its `redschool` command, and people's sessions."""

    def __init__(self, base: Path, env: dict[str, str]):
        self.base, self.env = base, env
        self.settings = Settings.from_env(env)
        self.url = f"http://127.0.0.1:{env['REDSCHOOL_PORT']}/"
        self.sessions: dict[str, requests.Session] = {}
        self.opened: list[requests.Session] = []
        self.install_output = ""

    def command(self, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
        """The `redschool` an admin runs after installing (the wrapper with the installation's settings)."""
        return subprocess.run([str(self.base / "bin" / "redschool"), *args], capture_output=True, text=True, timeout=timeout,
                              env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"})

    def install(self) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(VENV_BIN / "redschool"), "server", "install", "--roster", str(self.base / "roster.csv"),
             "--prefix", str(self.base / "opt"), "--config-dir", str(self.base / "etc"), "--bin-dir", str(self.base / "bin")],
            env=self.env, capture_output=True, text=True, timeout=900,
        )

    def uninstall(self) -> subprocess.CompletedProcess:
        return subprocess.run([str(VENV_BIN / "redschool"), "server", "uninstall", "--prefix", str(self.base / "opt"),
                               "--config-dir", str(self.base / "etc"), "--bin-dir", str(self.base / "bin")],
                              env=self.env, capture_output=True, text=True, timeout=120)

    def invitation(self, username: str) -> str:
        done = self.command("invite", username)
        assert done.returncode == 0, done.stderr
        return re.search(r"http\S+/hub/invite/\S+", done.stdout).group(0)

    def accept(self, link: str, password: str) -> tuple[requests.Session, requests.Response]:
        session = self.new_session()
        page = session.get(link)
        if page.status_code != 200:
            return session, page
        response = session.post(link, data={"password": password, "password_again": password, "_xsrf": session.cookies.get("_xsrf")}, allow_redirects=False)
        return session, response

    def new_session(self) -> requests.Session:
        """A browser of its own; every one is closed when the module ends."""
        session = requests.Session()
        self.opened.append(session)
        return session

    def login(self, username: str, password: str) -> requests.Response:
        with requests.Session() as session:
            session.get(self.url + "hub/login")
            return session.post(self.url + "hub/login", data={"username": username, "password": password, "_xsrf": session.cookies.get("_xsrf")}, allow_redirects=False)

    def person(self, username: str) -> requests.Session:
        """A logged-in session of `username`, who has accepted an invitation once."""
        if username not in self.sessions:
            session, response = self.accept(self.invitation(username), PASSWORDS[username])
            assert response.status_code == 302, response.text[:500]
            self.sessions[username] = session
        return self.sessions[username]

    def token(self, username: str) -> str:
        session = self.person(username)
        response = session.post(self.url + f"hub/api/users/{username}/tokens", json={"expires_in": 3600},
                                headers={"X-XSRFToken": session.cookies.get("_xsrf", path="/hub/")})
        response.raise_for_status()
        return response.json()["token"]

    def spawn(self, username: str) -> float:
        """Start `username`'s workspace as they would; seconds until it is ready."""
        token = self.token(username)
        headers = {"Authorization": f"token {token}"}
        start = time.perf_counter()
        response = requests.post(self.url + f"hub/api/users/{username}/server", headers=headers)
        assert response.status_code in (201, 202, 400), response.text
        while time.perf_counter() - start < 180:
            if (requests.get(self.url + f"hub/api/users/{username}", headers=headers).json().get("servers") or {}).get("", {}).get("ready"):
                return time.perf_counter() - start
            time.sleep(0.1)
        raise TimeoutError(f"{username}'s workspace did not start; see {self.log}")

    @property
    def log(self) -> Path:
        return self.settings.data_dir / "logs" / "hub.log"

    def workspace(self, username: str) -> tuple[str, str]:
        """(server URL, token) of `username`'s running workspace."""
        return self.url + f"user/{username}/", self.token(username)


WORKSHEET = "our-notes.ipynb"


def add_worksheet(unit: Path) -> None:
    """The good unit, here, also carries a circle worksheet for the circles' rooms."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Our notes"), nbformat.v4.new_markdown_cell("## What we agreed\n\n- "),
    ])
    nbformat.write(notebook, unit / WORKSHEET)
    manifest = unit / "unit.yaml"
    manifest.write_text(manifest.read_text() + f"worksheets:\n  - {WORKSHEET}\n")


@contextlib.contextmanager
def installed_server(name: str):
    """Install a server (README's command, as root), yield it, then uninstall it and remove
    every account and home it made."""
    if os.geteuid() != 0:
        raise RuntimeError("server mode makes system accounts: run it as root (CI does)")
    leftovers = our_accounts()
    if leftovers:
        raise RuntimeError(f"accounts left by an earlier run: {leftovers}")
    base = Path(tempfile.mkdtemp(prefix="redschool-server-", dir="/var/tmp"))
    base.chmod(0o755)  # every account passes through to the platform and the data folder
    shutil.copy(DEMO_ROSTER, base / "roster.csv")
    add_worksheet(copy_of_good_unit(base))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDSCHOOL_", "JUPYTERHUB_"))}
    env.update(
        REDSCHOOL_MODE="server", REDSCHOOL_DATA_DIR=str(base / "srv"), REDSCHOOL_CURRICULUM=str(base / "units"),
        **hub_ports(), REDSCHOOL_USER_PREFIX=USER_PREFIX, REDSCHOOL_GRADER_PREFIX=GRADER_PREFIX,
    )
    srv = Server(base, env)
    done = srv.install()
    srv.install_output = done.stdout + done.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}-install.log").write_text(srv.install_output)
    try:
        if done.returncode != 0:
            raise RuntimeError(f"install failed:\n{srv.install_output[-4000:]}")
        yield srv
    finally:
        for session in srv.opened:
            session.close()
        if srv.log.exists():
            shutil.copy(srv.log, ARTIFACTS / f"{name}-hub.log")
        srv.uninstall()
        from server.accounts import remove_accounts, remove_authors_group

        remove_accounts(srv.settings, our_accounts())
        remove_authors_group(srv.settings)
        shutil.rmtree(base, ignore_errors=True)
