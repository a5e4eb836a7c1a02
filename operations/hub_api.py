"""The hub's REST API, reached on loopback with the `operations` service's token
(hub/config.py gives that service its scopes; the token file is the operator's, mode 600)."""

from __future__ import annotations

import os
from pathlib import Path

import requests

from core.layout import hub_pid_path, operations_token_path
from core.settings import Settings


class HubClient:
    def __init__(self, settings: Settings, token: str | None = None, timeout: float = 5):
        self.base = f"http://127.0.0.1:{settings.hub_port}/hub/"
        self.token = token if token is not None else _read(operations_token_path(settings))
        self.timeout = timeout

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"} if self.token else {}
        kwargs.setdefault("timeout", self.timeout)
        return requests.request(method, self.base + path, headers=headers, **kwargs)

    def answers(self) -> bool:
        try:
            return self.request("GET", "api/").ok
        except requests.RequestException:
            return False


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def hub_pid(settings: Settings) -> int | None:
    """The hub's process id from its pid file, if that process is alive."""
    try:
        pid = int(hub_pid_path(settings).read_text().strip())
        os.kill(pid, 0)
        return pid
    except PermissionError:
        return pid  # alive, owned by another user
    except (OSError, ValueError):
        return None
