"""The circle progress pages, run by the hub as the service `progress`.

/services/progress/                     the circles you may see (an admin: all, side by side)
/services/progress/circle/<c>           heatmap of learners × units, who is falling behind,
                                        and a "return feedback" button per unit

JupyterHub's OAuth says who is asking (only facilitators and admins hold
`access:services!service=progress`); the roster says which circles they keep.
Written by hand because no Jupyter component draws nbgrader progress across
courses; the data come from nbgrader's own files and gradebooks.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import os
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop

from hub.cohort import Cohort, load_roster
from hub.settings import Settings

from .progress import behind, heatmap, stage_counts
from .records import Stage, read_circle

PREFIX = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/progress/")
PLOTLY_JS = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 75rem; padding: 0 1rem; color: #222; }}
 table {{ border-collapse: collapse; margin: .5rem 0 1rem; }} td, th {{ border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }}
 .behind {{ background: #fff4e5; border-left: 4px solid #b35900; padding: .5rem 1rem; }}
 .outcome {{ background: #eef6ee; border-left: 4px solid #1a7f37; padding: .5rem 1rem; white-space: pre-wrap; }}
 button {{ font-size: 1rem; padding: .3rem .8rem; }}
</style>
<script src="{prefix}static/plotly.min.js"></script>
</head><body>
<p><a href="/hub/home">← Red School home</a></p>
{body}
</body></html>"""


_UNIT_ORDERS: dict[Path, tuple[tuple, list[str]]] = {}


def unit_order(settings: Settings) -> list[str]:
    """The curriculum's units in order. Every page asks; the curriculum is read again
    only when one of its programme or unit manifests changes (or appears, or goes)."""
    from curriculum.models import MANIFEST_NAME, PROGRAMME_MANIFEST_NAME

    root = settings.curriculum
    try:
        manifests = [*root.glob(f"*/{PROGRAMME_MANIFEST_NAME}"), *root.glob(f"*/*/{MANIFEST_NAME}")]
        stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in manifests))
    except OSError:
        stamp = None
    cached = _UNIT_ORDERS.get(root)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return list(cached[1])
    try:
        from curriculum.load import load_curriculum

        order = list(load_curriculum(root).units)
    except Exception:  # a broken curriculum must not hide progress; fall back to names
        return []
    if stamp is not None:
        _UNIT_ORDERS[root] = (stamp, order)
    return list(order)


class ProgressHandler(HubOAuthenticated, web.RequestHandler):
    @property
    def settings_(self) -> Settings:
        return self.application.settings["redschool_settings"]

    @property
    def cohort(self) -> Cohort:
        return self.application.settings["redschool_cohort"]

    def visible_circles(self) -> list[str]:
        name = self.get_current_user()["name"]
        if name not in self.cohort.usernames:
            return []
        person = self.cohort.person(name)
        if person.is_admin:
            return sorted(self.cohort.circles)
        return sorted(c for c in person.circles if person.is_facilitator)

    def page(self, title: str, body: str) -> None:
        self.finish(PAGE.format(title=html.escape(title), prefix=PREFIX, body=body))

    def figure_html(self, circles) -> str:
        fig = heatmap(circles, short_unit=lambda u: u.split("-", 2)[-1] if u.count("-") >= 2 else u)
        return fig.to_html(full_html=False, include_plotlyjs=False, div_id="progress-heatmap")

    def circle_section(self, records, now) -> str:
        late = behind(records, now)
        counts = stage_counts(records)
        parts = [f"<h2>Circle {html.escape(records.circle)}</h2>"]
        if late:
            items = "".join(
                f"<li><b>{html.escape(l)}</b>: not submitted {', '.join(html.escape(u) for u in units)}</li>" for l, units in late
            )
            parts.append(f'<div class="behind"><p>Falling behind (units released more than two weeks ago):</p><ul>{items}</ul></div>')
        else:
            parts.append("<p>Nobody is more than two weeks behind.</p>")
        parts.append(
            "<p>" + ", ".join(f"{counts[s]} {html.escape(s.label)}" for s in Stage) + "</p>"
        )
        return "".join(parts)


class IndexHandler(ProgressHandler):
    @web.authenticated
    def get(self):
        circles = self.visible_circles()
        if not circles:
            raise web.HTTPError(403, "Only facilitators and admins see circle progress.")
        order = unit_order(self.settings_)
        records = [read_circle(self.settings_, self.cohort, c, order) for c in circles]
        now = dt.datetime.now(dt.timezone.utc)
        links = "".join(f'<li><a href="{PREFIX}circle/{c}">Circle {c}</a></li>' for c in circles)
        body = (
            "<h1>Circle progress</h1>"
            f"<ul>{links}</ul>"
            + self.figure_html(records)
            + "".join(self.circle_section(r, now) for r in records)
        )
        self.page("Circle progress", body)


class CircleHandler(ProgressHandler):
    def allowed(self, circle: str) -> None:
        if circle not in self.visible_circles():
            # The same answer whether or not the circle exists: nothing to learn by probing.
            raise web.HTTPError(403, "You do not facilitate this circle.")

    @web.authenticated
    def get(self, circle: str):
        self.allowed(circle)
        self.show(circle)

    def show(self, circle: str, outcome: str = "") -> None:
        records = read_circle(self.settings_, self.cohort, circle, unit_order(self.settings_))
        now = dt.datetime.now(dt.timezone.utc)
        rows = []
        for unit in records.units:
            waiting = sum(1 for l in records.learners if records.get(l, unit).stage == Stage.AUTOGRADED)
            ready = sum(1 for l in records.learners if records.get(l, unit).stage == Stage.REVIEWED)
            rows.append(
                f"<tr><td>{html.escape(unit)}</td><td>{waiting}</td><td>{ready}</td><td>"
                f'<form method="post" action="{PREFIX}circle/{circle}/feedback/{html.escape(unit)}">'
                f"{self.xsrf_form_html()}<button type=\"submit\">Return reviewed feedback</button></form></td></tr>"
            )
        table = (
            "<h2>Review and feedback</h2>"
            f'<p>Comment on reflections and mark each one reviewed (give it its 1 point) at the '
            f'<a href="/services/{circle}/formgrader">review desk</a>. Feedback goes back only to learners whose '
            "every reflection is reviewed.</p>"
            "<table><tr><th>unit</th><th>waiting for your review</th><th>reviewed, feedback not yet returned</th><th></th></tr>"
            + "".join(rows)
            + "</table>"
        )
        body = (
            f"<h1>Circle {html.escape(circle)}: progress</h1>"
            + (f'<div class="outcome">{outcome}</div>' if outcome else "")
            + self.figure_html([records])
            + self.circle_section(records, now)
            + table
        )
        self.page(f"Circle {circle}: progress", body)



class FeedbackHandler(CircleHandler):
    """POST only: return feedback for a unit's fully reviewed submissions, then show the circle."""

    @web.authenticated
    async def post(self, circle: str, unit: str):
        self.allowed(circle)
        from .feedback import return_feedback

        if unit not in read_circle(self.settings_, self.cohort, circle, []).units:
            raise web.HTTPError(404, "No such unit released to this circle.")
        # nbgrader is synchronous: run it off the event loop so other pages stay responsive.
        outcomes = await asyncio.get_running_loop().run_in_executor(None, return_feedback, self.settings_, circle, unit)
        lines = [o.line() for o in outcomes] or ["Nothing to return yet: no autograded submissions."]
        self.show(circle, outcome=html.escape("\n".join(lines)))


def make_app(settings: Settings, cohort: Cohort) -> web.Application:
    return web.Application(
        [
            (PREFIX, IndexHandler),
            (url_path_join(PREFIX, "circle/([a-z][a-z0-9-]*)/?"), CircleHandler),
            (url_path_join(PREFIX, "circle/([a-z][a-z0-9-]*)/feedback/([a-z0-9][a-z0-9-]*)"), FeedbackHandler),
            (url_path_join(PREFIX, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(PREFIX, "static/(plotly.min.js)"), web.StaticFileHandler, {"path": str(PLOTLY_JS.parent)}),
        ],
        cookie_secret=os.urandom(32),
        xsrf_cookies=True,
        redschool_settings=settings,
        redschool_cohort=cohort,
    )


def main() -> None:
    from urllib.parse import urlparse

    settings = Settings.from_env()
    cohort = load_roster(settings.roster)
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    HTTPServer(make_app(settings, cohort)).listen(url.port, url.hostname)
    IOLoop.current().start()


if __name__ == "__main__":
    main()
