"""JupyterHub's local spawners, reporting a workspace ready as soon as it answers.

After `Spawner.start()` returns, the hub waits for the new server with exponential
backoff and random jitter (`jupyterhub.utils.exponential_backoff`: up to 5 s between
tries), so a workspace that is up after 5 s was noticed 0.3-2 s later (1.3 s on
average, measured on our 2-core machines): a quarter of spawn-to-ready. These
spawners' `start()` returns once the server answers, asking every
`ready_poll_interval` seconds, so the hub's first check succeeds at once.
Nothing else changes: a server that dies or stays silent is left to the hub to
report, as before.
"""

from __future__ import annotations

import asyncio
import pwd
import time

from jupyterhub.spawner import LocalProcessSpawner as _LocalProcessSpawner
from jupyterhub.spawner import SimpleLocalProcessSpawner as _SimpleLocalProcessSpawner
from jupyterhub.spawner import set_user_setuid
from traitlets import Float, Unicode


def _ready_poll_interval() -> Float:
    return Float(
        0.1,
        help="Seconds between checks that a starting workspace answers, e.g. 0.1. "
        "0 turns the checks off (the hub's own, slower, backoff is then all there is).",
    ).tag(config=True)


class PromptReadyMixin:
    """start() returns once the server answers. Mixed into a Spawner, which gives it
    `ready_poll_interval` as a configurable trait (see the classes below)."""

    ready_poll_interval: float = 0.1

    async def start(self):
        ip, port = await super().start()
        if self.ready_poll_interval > 0 and not self.internal_ssl:
            await self._answers(f"http://{ip}:{port}{self.server.base_url}")
        return ip, port

    async def _answers(self, url: str) -> bool:
        """Poll `url` until it answers below 500 (the hub's own test), the process
        exits, or the start timeout draws near; True if it answered."""
        from tornado.httpclient import AsyncHTTPClient

        client = AsyncHTTPClient()
        deadline = time.monotonic() + max(0.0, self.start_timeout - 5)
        while time.monotonic() < deadline:
            if getattr(self, "proc", None) is not None and self.proc.poll() is not None:
                return False  # it died: the hub reports it
            try:
                response = await client.fetch(url, follow_redirects=False, raise_error=False, request_timeout=5)
                if response.code < 500:
                    return True
            except Exception:  # not listening yet, or too busy to answer in time
                pass
            await asyncio.sleep(self.ready_poll_interval)
        return False


class SimpleLocalProcessSpawner(PromptReadyMixin, _SimpleLocalProcessSpawner):
    """JupyterHub's SimpleLocalProcessSpawner (demo mode), ready as soon as it answers."""

    ready_poll_interval = _ready_poll_interval()


class LocalProcessSpawner(PromptReadyMixin, _LocalProcessSpawner):
    """JupyterHub's LocalProcessSpawner, ready as soon as it answers."""

    ready_poll_interval = _ready_poll_interval()


class SystemUserSpawner(LocalProcessSpawner):
    """Server mode: each workspace runs as its person's own system account,
    `<account_prefix><hub name>` (core/accounts.py), so that a roster name is never an
    account of the machine. JupyterHub's LocalProcessSpawner runs a server as the
    account named exactly like the hub user; only that lookup changes here."""

    account_prefix = Unicode("jupyter-", help="Prefix of a person's system account, e.g. jupyter-.").tag(config=True)

    @property
    def account(self) -> str:
        return f"{self.account_prefix}{self.user.name}"

    def _entry(self):
        try:
            return pwd.getpwnam(self.account)
        except KeyError:
            raise RuntimeError(
                f"{self.user.name} has no system account ({self.account}) on this server yet; "
                "an admin runs `redschool roster apply`"
            ) from None

    def make_preexec_fn(self, name):
        return set_user_setuid(self._entry().pw_name)

    def user_env(self, env):
        entry = self._entry()
        env["USER"] = entry.pw_name
        env["HOME"] = entry.pw_dir
        env["SHELL"] = entry.pw_shell or "/bin/bash"
        return env
