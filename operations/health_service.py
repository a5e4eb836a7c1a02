"""The service `operations`, run by the hub:

/services/operations/             the admins' health page (the roster says who is an admin)
/services/operations/my-writing   anyone's own export: a zip of their notebooks, submissions,
                                  reflections with comments and feedback (operations/learner_data.py)

JupyterHub's OAuth says who is asking. Written by hand because JupyterHub's admin panel
shows users and servers, not whether each service of ours answers, disk use or the age of
the last backup, and nothing in Jupyter gathers a learner's work across nbgrader's folders."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

from core.cohort import Cohort
from core.pages import render_page
from core.services import ServicePage, serve
from core.settings import Settings
from core.urls import health_url, home_url

from .health import gather, healthy
from .hub_api import HubClient

PREFIX = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", health_url())
BASE_URL = os.environ.get("JUPYTERHUB_BASE_URL", "/")
TEMPLATES = Path(__file__).resolve().parent / "templates"


class HealthHandler(ServicePage, HubOAuthenticated, web.RequestHandler):
    @web.authenticated
    async def get(self):
        settings, cohort = self.settings_, self.cohort
        name = self.get_current_user()["name"]
        if name not in cohort.usernames or not cohort.person(name).is_admin:
            raise web.HTTPError(403, "Only admins see the health page.")
        # The checks wait on the network and the disk: off the event loop.
        client = HubClient(settings, token=os.environ.get("JUPYTERHUB_API_TOKEN"))
        checks = await asyncio.get_running_loop().run_in_executor(None, gather, settings, cohort, client)
        self.finish(render_page(
            TEMPLATES, "health.html.j2", title="Red School health", checks=checks, healthy=healthy(checks),
            home_url=home_url(BASE_URL), metrics_url=f"{BASE_URL}hub/metrics",
        ))


class MyWritingHandler(ServicePage, HubOAuthenticated, web.RequestHandler):
    """Always the person's own export, whatever they ask for: the name comes from the hub."""

    @web.authenticated
    async def get(self):
        import tempfile

        from .errors import OperationsError
        from .learner_data import export

        settings = self.settings_
        name = self.get_current_user()["name"]
        with tempfile.TemporaryDirectory(prefix="redschool-export-") as tmp:
            try:
                path = await asyncio.get_running_loop().run_in_executor(
                    None, lambda: export(settings, name, to=Path(tmp) / f"{name}-red-school.zip"))
            except OperationsError:
                raise web.HTTPError(404, "Nothing of yours is here yet: fetch a unit first.") from None
            self.set_header("Content-Type", "application/zip")
            self.set_header("Content-Disposition", f'attachment; filename="{path.name}"')
            self.set_header("Cache-Control", "no-store")
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    self.write(chunk)
                    await self.flush()
        self.finish()


def make_app(settings: Settings, cohort: Cohort) -> web.Application:
    return web.Application(
        [
            (PREFIX, HealthHandler),
            (url_path_join(PREFIX, "my-writing"), MyWritingHandler),
            (url_path_join(PREFIX, "oauth_callback"), HubOAuthCallbackHandler),
        ],
        cookie_secret=os.urandom(32),
        xsrf_cookies=True,
        redschool_settings=settings,
        redschool_cohort=cohort,
    )


def main() -> None:
    serve(make_app)


if __name__ == "__main__":
    main()
