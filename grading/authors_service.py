"""The curriculum team's page, run by the hub as the service `authors`.

/services/authors/                     every unit of the shared curriculum: the check's static
                                       status, and per circle where and when it is released and
                                       whether it changed since; a Release button per circle
/services/authors/release/<unit>       POST (with the _xsrf token): release to one circle or all

JupyterHub's OAuth says who is asking: only holders of `access:services!service=authors`
(the role `curriculum-author`, and admins) get past it, and the roster must call them an
author or an admin too. The page names circles only: no learner, no learner's work.
Releasing runs `release_checked`, the code `redschool release` runs, so the page refuses
what the command refuses and says why in the same words.

The curriculum is the shared repository's (REDSCHOOL_CURRICULUM, set by the hub to
core/layout.py's `shared_curriculum`), so what authors push is what they release.
Written by hand because no Jupyter component lists nbgrader assignments across courses
with a curriculum's own check.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

from core.cohort import Cohort
from core.pages import render_page
from core.services import ServicePage, serve
from core.settings import Settings
from core.urls import home_url
from curriculum.errors import CurriculumError, Problem
from curriculum.load import Curriculum, Unit

from .errors import GradingError
from .release_status import CircleRelease, release_status

PREFIX = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/authors/")
PAGES = Path(__file__).resolve().parent / "templates" / "pages"
STATIC = Path(__file__).resolve().parent / "static"
BASE_URL = os.environ.get("JUPYTERHUB_BASE_URL", "/")
ALL_CIRCLES = "all"


@dataclass
class UnitRow:
    unit: Unit
    problems: list[str] = field(default_factory=list)
    releases: list[CircleRelease] = field(default_factory=list)
    status_error: str = ""  # the released-where status could not be read (e.g. a notebook is missing)


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def static_problems(root: Path) -> list[Problem]:
    from curriculum.check import check

    return check([root], execute=False).problems


def unit_rows(settings: Settings, cohort: Cohort, curriculum: Curriculum, problems: list[Problem]) -> tuple[list[UnitRow], list[str]]:
    """Every unit, in programme order, with its problems and releases; and the problems
    that belong to no one unit (a programme manifest, a reading no unit uses)."""
    circles = sorted(cohort.circles)
    root = curriculum.root
    rows, claimed = [], set()
    for programme in curriculum.programmes.values():
        for unit in programme.units:
            readings = {curriculum.reading_path(slug).resolve() for slug in unit.manifest.readings}
            mine = [p for p in problems if _inside(p.file, unit.folder) or Path(p.file).resolve() in readings]
            claimed.update(id(p) for p in mine)
            row = UnitRow(unit, [p.format(relative_to=root.parent) for p in mine])
            try:
                row.releases = release_status(settings, unit, circles)
            except (CurriculumError, GradingError, OSError) as exc:
                row.status_error = str(exc)
            rows.append(row)
    others = [p.format(relative_to=root.parent) for p in problems if id(p) not in claimed]
    return rows, others


def without_learners(outcome):
    """The outcome as the page may say it: a refusal because learners fetched the unit
    counts them instead of naming them (authors do not see who is in a circle)."""
    from dataclasses import replace

    if not outcome.fetched:
        return outcome
    n = len(outcome.fetched)
    return replace(outcome, detail=(
        f"the unit changed since it was released, and {n} learner{'s' * (n != 1)} of the circle already fetched it; "
        "they keep the copy they fetched, and their submissions would be graded against the new version. "
        f"Talk with the circle's facilitator: an admin can release it anyway with "
        f"`redschool release {outcome.unit} --circle {outcome.circle} --force`"))


class AuthorsHandler(ServicePage, HubOAuthenticated, web.RequestHandler):
    def allowed(self) -> None:
        # The hub already refused anyone without the service's scope; the roster has the last word.
        name = self.get_current_user()["name"]
        person = self.cohort.person(name) if name in self.cohort.usernames else None
        if person is None or not (person.is_author or person.is_admin):
            raise web.HTTPError(403, "Only the curriculum team and admins release units.")

    def curriculum(self) -> Curriculum:
        """Every unit that loads, even when another's manifest is broken (the check lists that)."""
        from curriculum.load import is_curriculum_root, scan_curriculum

        root = self.settings_.curriculum
        if not is_curriculum_root(root):
            raise web.HTTPError(503, f"The shared curriculum is not there yet ({root}): restart the hub to seed it.")
        return scan_curriculum(root).curriculum

    async def show(self, outcome: str = "", refused: bool = False) -> None:
        def read():
            curriculum = self.curriculum()
            return curriculum, unit_rows(self.settings_, self.cohort, curriculum, static_problems(curriculum.root))

        # Reading and digesting every unit must never hold up other people's requests.
        curriculum, (rows, others) = await asyncio.get_running_loop().run_in_executor(None, read)
        self.finish(
            render_page(
                PAGES, "authors.html.j2", title="Curriculum: units and releases", prefix=PREFIX, home_url=home_url(BASE_URL),
                rows=rows, others=others, circles=sorted(self.cohort.circles), all_circles=ALL_CIRCLES,
                outcome=outcome, refused=refused, root=str(curriculum.root), xsrf_form_html=self.xsrf_form_html(),
            )
        )


class IndexHandler(AuthorsHandler):
    @web.authenticated
    async def get(self):
        self.allowed()
        await self.show()


class ReleaseHandler(AuthorsHandler):
    """POST only: release one unit to one circle (or all), then show the page with what happened."""

    @web.authenticated
    async def post(self, unit_id: str):
        self.allowed()
        circle = self.get_body_argument("circle", "")
        circles = sorted(self.cohort.circles)
        if circle != ALL_CIRCLES and circle not in circles:
            raise web.HTTPError(400, "Choose a circle on the roster, or all circles.")
        targets = circles if circle == ALL_CIRCLES else [circle]
        if unit_id not in self.curriculum().units:
            raise web.HTTPError(404, "No such unit in the shared curriculum.")
        from curriculum.load import load_curriculum

        from .release import release_checked
        from .words import Names

        def release():
            # As `redschool release` does: the whole curriculum loads strictly, then the unit is checked.
            unit = load_curriculum(self.settings_.curriculum).find_unit(unit_id)
            return release_checked(unit, settings=self.settings_, cohort=self.cohort, circles=targets)

        try:
            # nbgrader is synchronous: run it off the event loop so other pages stay responsive.
            outcomes = await asyncio.get_running_loop().run_in_executor(None, release)
        except (CurriculumError, GradingError) as exc:  # what the command prints as its error
            await self.show(f"{unit_id}: not released ({exc})", refused=True)
            return
        names = Names.of(self.settings_, self.cohort)
        await self.show("\n".join(names.released(without_learners(o)) for o in outcomes), refused=any(o.status == "refused" for o in outcomes))


def make_app(settings: Settings, cohort: Cohort) -> web.Application:
    return web.Application(
        [
            (PREFIX, IndexHandler),
            (url_path_join(PREFIX, "release/([a-z0-9][a-z0-9-]*)"), ReleaseHandler),
            (url_path_join(PREFIX, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(PREFIX, "static/(busy.js)"), web.StaticFileHandler, {"path": str(STATIC)}),
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
