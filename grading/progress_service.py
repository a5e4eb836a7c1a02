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
import json
import os
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

from core.cohort import Cohort
from core.i18n import N_, translate
from core.languages import DEFAULT_LANGUAGE, PeopleLanguages, load_roster_languages
from core.layout import language_choices_path
from core.pages import render_page
from core.services import ServicePage, serve
from core.settings import Settings
from core.urls import desk_url, home_url

from .progress import behind, heatmap, stage_counts
from .records import Stage, read_circle
from .units import unit_order, unit_titles, unit_worksheets  # noqa: F401 (benchmarks import unit_order from here)

PREFIX = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/progress/")
PLOTLY_JS = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"

PAGES = Path(__file__).resolve().parent / "templates" / "pages"
STATIC = Path(__file__).resolve().parent / "static"
# The hub's base URL, which JupyterHub gives every service it starts.
BASE_URL = os.environ.get("JUPYTERHUB_BASE_URL", "/")


# Each Stage's label (records.Stage.label), marked for the catalog: the pages show it translated.
STAGE_LABELS = (N_("not fetched"), N_("fetched"), N_("submitted"), N_("autograded"), N_("reviewed"), N_("feedback returned"))


def figure_data(circles, titles: dict[str, str] | None = None, language: str = DEFAULT_LANGUAGE) -> dict:
    """The heatmap as plotly JSON; static/progress.js draws it (no inline script).
    Columns are named by the units' titles where known; its words are in `language`."""
    titles = titles or {}
    fig = heatmap(circles, short_unit=lambda u: titles.get(u) or (u.split("-", 2)[-1] if u.count("-") >= 2 else u),
                  say=lambda words: translate(language, words))
    return json.loads(fig.to_json())


class ProgressHandler(ServicePage, HubOAuthenticated, web.RequestHandler):
    def visible_circles(self) -> list[str]:
        name = self.get_current_user()["name"]
        if name not in self.cohort.usernames:
            return []
        person = self.cohort.person(name)
        if person.is_admin:
            return sorted(self.cohort.circles)
        return sorted(c for c in person.circles if person.is_facilitator)

    @property
    def language(self) -> str:
        """The viewer's language (core/languages.py): their choice, else the roster's."""
        return self.application.settings["redschool_languages"].of(self.get_current_user()["name"])

    def page(self, template: str, title: str, **context) -> None:
        self.finish(render_page(PAGES, template, language=self.language, title=title, prefix=PREFIX,
                                home_url=home_url(BASE_URL), **context))

    def display_name(self, username: str) -> str:
        """The roster's name for a learner (one who left the roster keeps their username)."""
        return self.cohort.person(username).display_name if username in self.cohort.usernames else username

    def circle_section(self, records, now) -> dict:
        counts = stage_counts(records)
        return {
            "circle": records.circle,
            "behind": behind(records, now),
            "counts": [(s.label, counts[s]) for s in Stage],
        }


    async def records(self, circles: list[str], order: list[str]):
        """Read the circles' records in a worker thread: reading folders and gradebooks
        must never hold up the pages of other facilitators."""
        def read():
            return [read_circle(self.settings_, self.cohort, c, order) for c in circles]

        return await asyncio.get_running_loop().run_in_executor(None, read)


class IndexHandler(ProgressHandler):
    @web.authenticated
    async def get(self):
        circles = self.visible_circles()
        if not circles:
            raise web.HTTPError(403, "Only facilitators and admins see circle progress.")
        order = unit_order(self.settings_)
        records = await self.records(circles, order)
        now = dt.datetime.now(dt.timezone.utc)
        self.page(
            "progress_index.html.j2",
            translate(self.language, "Circle progress"),
            circles=circles,
            figure=figure_data(records, unit_titles(self.settings_, self.language), self.language),
            sections=[self.circle_section(r, now) for r in records],
        )


class CircleHandler(ProgressHandler):
    def allowed(self, circle: str) -> None:
        if circle not in self.visible_circles():
            # The same answer whether or not the circle exists: nothing to learn by probing.
            raise web.HTTPError(403, "You do not facilitate this circle.")

    @web.authenticated
    async def get(self, circle: str):
        self.allowed(circle)
        await self.show(circle)

    async def show(self, circle: str, outcome: str = "") -> None:
        (records,) = await self.records([circle], unit_order(self.settings_))
        now = dt.datetime.now(dt.timezone.utc)
        rows = []
        for unit in records.units:
            waiting = sum(1 for l in records.learners if records.get(l, unit).stage == Stage.AUTOGRADED)
            ready = sum(1 for l in records.learners if records.get(l, unit).stage == Stage.REVIEWED)
            rows.append({"unit": unit, "title": unit_titles(self.settings_, self.language).get(unit, unit), "waiting": waiting, "ready": ready})
        room_rows = await self.room_rows(circle, records.units)
        self.page(
            "progress_circle.html.j2",
            translate(self.language, "Circle %(circle)s: progress") % {"circle": circle},
            circle=circle,
            outcome=outcome,
            figure=figure_data([records], unit_titles(self.settings_, self.language), self.language),
            section=self.circle_section(records, now),
            rows=rows,
            room_rows=room_rows,
            desk_url=desk_url(circle, BASE_URL),
            xsrf_form_html=self.xsrf_form_html(),
        )


    async def room_rows(self, circle: str, released: tuple[str, ...]) -> list[dict]:
        """Released units with circle worksheets, and where the room's work is in the review."""
        from .room_review import room_work_state

        worksheets = unit_worksheets(self.settings_)
        titles = unit_titles(self.settings_, self.language)
        units = [u for u in released if u in worksheets]
        loop = asyncio.get_running_loop()
        states = [await loop.run_in_executor(None, room_work_state, self.settings_, circle, u, self.language) for u in units]
        return [
            {"unit": u, "title": titles.get(u, u), "worksheets": ", ".join(worksheets[u]), "state": state}
            for u, state in zip(units, states)
        ]


class RoomWorkHandler(CircleHandler):
    """POST only: collect the circle's worksheets of a unit from its room for review, or
    return the reviewed comments to the room (grading/room_review.py); then show the circle."""

    @web.authenticated
    async def post(self, circle: str, unit_id: str, action: str):
        self.allowed(circle)
        from curriculum.load import load_curriculum

        from .room_review import collect_room_work, return_room_feedback

        released = (await self.records([circle], []))[0].units
        if unit_id not in released or unit_id not in unit_worksheets(self.settings_):
            raise web.HTTPError(404, "No unit with circle worksheets released to this circle by that name.")
        loop = asyncio.get_running_loop()
        unit = (await loop.run_in_executor(None, load_curriculum, self.settings_.curriculum)).units[unit_id]
        work = collect_room_work if action == "collect" else return_room_feedback
        outcome = await loop.run_in_executor(None, work, self.settings_, circle, unit, self.cohort.circles[circle].language)
        title = unit_titles(self.settings_, self.language).get(unit_id, unit_id)
        await self.show(circle, outcome=f"The circle's worksheets of {title}: {outcome.status}" + (f" — {outcome.detail}" if outcome.detail else ""))


class FeedbackHandler(CircleHandler):
    """POST only: return feedback for a unit's fully reviewed submissions, then show the circle."""

    @web.authenticated
    async def post(self, circle: str, unit: str):
        self.allowed(circle)
        from .feedback import return_feedback

        if unit not in (await self.records([circle], []))[0].units:
            raise web.HTTPError(404, "No such unit released to this circle.")
        # nbgrader is synchronous: run it off the event loop so other pages stay responsive.
        outcomes = await asyncio.get_running_loop().run_in_executor(None, return_feedback, self.settings_, circle, unit)
        lines = [o.words(self.display_name(o.student), self.language) for o in outcomes] or [
            translate(self.language, "Nothing to return yet: no autograded submissions.")]
        await self.show(circle, outcome="\n".join(lines))


def make_app(settings: Settings, cohort: Cohort) -> web.Application:
    return web.Application(
        [
            (PREFIX, IndexHandler),
            (url_path_join(PREFIX, "circle/([a-z][a-z0-9-]*)/?"), CircleHandler),
            (url_path_join(PREFIX, "circle/([a-z][a-z0-9-]*)/feedback/([a-z0-9][a-z0-9-]*)"), FeedbackHandler),
            (url_path_join(PREFIX, "circle/([a-z][a-z0-9-]*)/room/([a-z0-9][a-z0-9-]*)/(collect|return)"), RoomWorkHandler),
            (url_path_join(PREFIX, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(PREFIX, "static/(plotly.min.js)"), web.StaticFileHandler, {"path": str(PLOTLY_JS.parent)}),
            (url_path_join(PREFIX, "static/(progress.js|busy.js)"), web.StaticFileHandler, {"path": str(STATIC)}),
        ],
        cookie_secret=os.urandom(32),
        xsrf_cookies=True,
        redschool_settings=settings,
        redschool_cohort=cohort,
        redschool_languages=PeopleLanguages(load_roster_languages(settings.roster), language_choices_path(settings)),
    )


def main() -> None:
    serve(make_app)


if __name__ == "__main__":
    main()
