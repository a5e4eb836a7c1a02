"""Running one of Red School's own hub services (progress pages, health page): the same
settings and roster as the hub, listening where the hub said (JUPYTERHUB_SERVICE_URL)."""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import urlparse

from .cohort import Cohort, load_roster
from .settings import Settings


class ServicePage:
    """Mixed into every page handler of our services (before tornado's RequestHandler): the
    settings and roster the app was made with, and the pages' Content-Security-Policy."""

    @property
    def settings_(self) -> Settings:
        return self.application.settings["redschool_settings"]

    @property
    def cohort(self) -> Cohort:
        return self.application.settings["redschool_cohort"]

    def set_default_headers(self) -> None:
        from .pages import CONTENT_SECURITY_POLICY

        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)


def serve(make_app: Callable[[Settings, Cohort], object]) -> None:
    """Build the service's tornado app and run it until the hub stops it (with SIGINT)."""
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    settings = Settings.from_env()
    cohort = load_roster(settings.roster)
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    HTTPServer(make_app(settings, cohort)).listen(url.port, url.hostname)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:
        pass
