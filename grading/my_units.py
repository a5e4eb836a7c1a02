"""A learner's "My units" page, served by their own workspace (a Jupyter server extension).

The workspace opens here (the hub sets the spawner's `default_url` to it) instead of
JupyterLab's Launcher. It lists the circle's released units with their titles,
status (new, in progress, submitted, feedback ready), estimated time and reading
guides, with one button to start, open or submit a unit, and opens feedback as a page.

Everything goes through nbgrader's own learner-side machinery, the same object the
JupyterLab Assignments panel calls (`assignment_list_manager`, from nbgrader's
assignment_list server extension): listing, fetch, submit and fetch feedback, with
the exchange settings the hub gives every workspace. This module only decides what
a person sees (`unit_rows`, pure) and renders it from a template.

Pages are rendered with autoescaping templates and sent with Red School's CSP (no
script at all); forms carry the server's `_xsrf` token.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from tornado import web

import os

from core.i18n import N_, translate
from core.languages import DEFAULT_LANGUAGE, LANGUAGES
from core.layout import READINGS_FOLDER, UNIT_CARD
from core.pages import CONTENT_SECURITY_POLICY, render_page
from core.urls import room_url

TEMPLATES = Path(__file__).resolve().parent / "templates" / "pages"
STATIC = Path(__file__).resolve().parent / "static"
#: Where the page lives in a workspace (the spawner's default_url points here).
PAGE = "units"
#: A feedback page has no script and loads nothing; inline styles come from nbconvert's template.
FEEDBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

#: The person's language: the hub sets it in the workspace's environment at spawn (hub/language.py).
LANGUAGE_ENV = "REDSCHOOL_LANGUAGE"

STATUS_TEXT = {
    "new": N_("New"),
    "in progress": N_("In progress"),
    "submitted": N_("Submitted"),
    "feedback ready": N_("Feedback ready"),
}


def workspace_language(environ=os.environ) -> str:
    """The language this workspace speaks, as the hub said when it started it."""
    language = environ.get(LANGUAGE_ENV, DEFAULT_LANGUAGE)
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


@dataclass
class UnitRow:
    course: str
    unit: str
    title: str
    status: str  # new | in progress | submitted | feedback ready
    summary: str = ""
    minutes: int | None = None
    position: int = 0
    module: str = ""  # the module's title, for a programme in modules
    notebooks: list[str] = field(default_factory=list)  # paths relative to the workspace root
    readings: list[dict] = field(default_factory=list)  # {"slug", "title"}
    submitted_at: str = ""  # in words, e.g. "1 December 2026 at 14:05"
    feedback_fetched: bool = False

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]


def when(timestamp: str, language: str = DEFAULT_LANGUAGE) -> str:
    """nbgrader's submission timestamp ("2026-12-01 14:05:31.123456 UTC") in words, in `language`
    (Babel's CLDR dates: "1 de diciembre de 2026, 14:05")."""
    text = (timestamp or "").replace(" UTC", "").strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text.split(".")[0]
    if language != DEFAULT_LANGUAGE:
        from babel.dates import format_date, format_time

        return f"{format_date(moment, 'long', locale=language)}, {format_time(moment, 'short', locale=language)}"
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"


def read_card(folder: Path | None) -> dict:
    """The unit's card written at release (grading.release.add_learner_extras), or {}."""
    if folder is None:
        return {}
    try:
        card = json.loads((folder / UNIT_CARD).read_text())
    except (OSError, ValueError):
        return {}
    return card if isinstance(card, dict) else {}


def unit_rows(listing: list[dict], root_dir: Path, language: str = DEFAULT_LANGUAGE) -> list[UnitRow]:
    """What the page shows for each unit, from nbgrader's `list_assignments` value (pure
    but for reading each unit's card). Units come in programme order."""
    rows: dict[tuple[str, str], UnitRow] = {}
    submissions: dict[tuple[str, str], list[dict]] = {}
    for info in listing:
        key = (info.get("course_id", ""), info.get("assignment_id", ""))
        if info.get("status") == "submitted":
            submissions[key] = info.get("submissions") or []
            continue
        path = Path(info.get("path") or "")
        folder = path if path.is_absolute() else root_dir / path
        card = read_card(folder if folder.is_dir() else None)
        fetched = info.get("status") == "fetched"
        rows[key] = UnitRow(
            course=key[0],
            unit=key[1],
            title=card.get("title") or key[1],
            status="in progress" if fetched else "new",
            summary=card.get("summary", ""),
            minutes=card.get("estimated_minutes"),
            position=card.get("position", 0),
            module=card.get("module", ""),
            notebooks=[_relative(nb.get("path", ""), root_dir) for nb in info.get("notebooks", [])] if fetched else [],
            readings=[{"slug": r.get("slug", ""), "title": r.get("title", "")} for r in card.get("readings", [])],
        )
    for key, subs in submissions.items():
        row = rows.get(key)
        if row is None or not subs:
            continue  # the unit was withdrawn: nothing to open
        latest = max(subs, key=lambda s: s.get("timestamp", ""))
        row.submitted_at = when(latest.get("timestamp", ""), language)
        ready = latest.get("has_exchange_feedback") or latest.get("has_local_feedback")
        row.status = "feedback ready" if ready else "submitted"
        row.feedback_fetched = bool(latest.get("has_local_feedback")) and not latest.get("feedback_updated")
    return sorted(rows.values(), key=lambda r: (r.course, r.position, r.unit))


def _relative(path: str, root_dir: Path) -> str:
    p = Path(path)
    return str(p.relative_to(root_dir)) if p.is_absolute() and p.is_relative_to(root_dir) else str(p)


def latest_feedback(root_dir: Path, course: str, unit: str) -> Path | None:
    """The newest feedback page fetched for the unit: <course>/<unit>/feedback/<timestamp>/*.html."""
    folder = root_dir / course / unit / "feedback"
    pages = sorted(folder.glob("*/*.html")) if folder.is_dir() else []
    return max(pages, key=lambda p: p.parent.name) if pages else None


def reading_text(root_dir: Path, row: UnitRow, slug: str) -> str | None:
    """The Markdown body of one of the unit's reading guides, from the fetched unit."""
    if slug not in {r["slug"] for r in row.readings}:
        return None
    path = root_dir / row.course / row.unit / READINGS_FOLDER / f"{slug}.md"
    try:
        text = path.read_text()
    except OSError:
        return None
    if text.startswith("---"):  # front matter: the page shows the title from the card
        parts = text.split("\n---", 1)
        text = parts[1].split("\n", 1)[1] if len(parts) == 2 and "\n" in parts[1] else text
    return text


# --- the server extension -----------------------------------------------------------------


def open_path(notebook: str, view: str) -> str:
    """Where a notebook opens (pure): JupyterLab, or on a phone (view "notebook") the simple
    Notebook 7 view, which reads well at 390 px where JupyterLab's panels leave a sliver."""
    return f"notebooks/{quote(notebook)}" if view == "notebook" else f"lab/tree/{quote(notebook)}"


def _handlers():
    from jupyter_server.base.handlers import JupyterHandler

    class UnitsBase(JupyterHandler):
        @property
        def content_security_policy(self):
            return CONTENT_SECURITY_POLICY

        @property
        def manager(self):
            return self.settings["redschool_units_manager"]

        @property
        def root(self) -> Path:
            return Path(self.settings["redschool_units_root"])

        def rows(self) -> list[UnitRow]:
            listed = self.manager.list_assignments(course_id=None)
            if not listed.get("success"):
                self.log.error("My units: nbgrader could not list units: %s", listed.get("value"))
                raise web.HTTPError(503, translate(workspace_language(), "Your units cannot be listed just now. Reload this page in a minute."))
            return unit_rows(listed["value"], self.root, workspace_language())

        def row(self, course: str, unit: str) -> UnitRow:
            for row in self.rows():
                if (row.course, row.unit) == (course, unit):
                    return row
            raise web.HTTPError(404, translate(workspace_language(), "This unit is not one of yours."))

        def page(self, template: str, **context) -> None:
            base = self.base_url.rstrip("/")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(render_page(TEMPLATES, template, language=workspace_language(), base=base, units_url=f"{base}/{PAGE}",
                                    hub_home=f"{self.settings.get('hub_prefix', '/hub/')}home", **context))

    class UnitsPage(UnitsBase):
        @web.authenticated
        def get(self):
            rows = self.rows()
            # The hub's root URL: hub_prefix is `<base_url>hub/`.
            root = self.settings.get("hub_prefix", "/hub/").removesuffix("hub/")
            rooms = [{"circle": c, "url": room_url(c, base_url=root)} for c in sorted({r.course for r in rows})]
            self.page("my_units.html.j2", rows=rows, rooms=rooms, xsrf=self.xsrf_token.decode(), quote=quote,
                      done=self.get_argument("done", ""), done_unit=self.get_argument("unit", ""))

    class UnitAction(UnitsBase):
        @web.authenticated
        def post(self, course: str, unit: str, action: str):
            row = self.row(course, unit)
            base = self.base_url.rstrip("/")
            if action == "start":
                result = self.manager.fetch_assignment(course, unit) if row.status == "new" else {"success": True}
                if not result.get("success"):
                    self.log.error("My units: fetch %s/%s failed: %s", course, unit, result.get("value"))
                    raise web.HTTPError(500, translate(workspace_language(), "This unit could not be opened. Reload the page and try again; if it happens again, tell your facilitator."))
                row = self.row(course, unit)
                target = row.notebooks[0] if row.notebooks else f"{course}/{unit}"
                return self.redirect(f"{base}/{open_path(target, self.get_argument('view', 'lab'))}")
            if action == "submit":
                if row.status == "new":
                    raise web.HTTPError(409, translate(workspace_language(), "Start the unit before you submit it."))
                result = self.manager.submit_assignment(course, unit)
                if not result.get("success"):
                    self.log.error("My units: submit %s/%s failed: %s", course, unit, result.get("value"))
                    raise web.HTTPError(500, translate(workspace_language(), "Your work could not be sent. Save your notebook, reload this page and try again."))
                return self.redirect(f"{base}/{PAGE}?done=submitted&unit={quote(unit)}")
            if action == "feedback":
                if row.status != "feedback ready":
                    raise web.HTTPError(409, translate(workspace_language(), "There is no feedback for this unit yet."))
                if not row.feedback_fetched:
                    result = self.manager.fetch_feedback(course, unit)
                    if not result.get("success"):
                        self.log.error("My units: fetch feedback %s/%s failed: %s", course, unit, result.get("value"))
                        raise web.HTTPError(500, translate(workspace_language(), "Your feedback could not be fetched. Reload the page and try again."))
                return self.redirect(f"{base}/{PAGE}/{quote(course)}/{quote(unit)}/feedback")
            raise web.HTTPError(404)

    class FeedbackPage(UnitAction):
        """GET shows the newest feedback page; POST (Read your feedback) fetches it first."""

        @property
        def content_security_policy(self):
            return FEEDBACK_CSP

        @web.authenticated
        def post(self, course: str, unit: str):
            return super().post(course, unit, "feedback")

        @web.authenticated
        def get(self, course: str, unit: str):
            self.row(course, unit)  # one of theirs
            path = latest_feedback(self.root, course, unit)
            if path is None:
                return self.redirect(f"{self.base_url.rstrip('/')}/{PAGE}")
            # Red School's own feedback template made this page (grading/feedback.py), with
            # learners' words made inert; the CSP above lets nothing in it run or load.
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(path.read_bytes())

    class ReadingPage(UnitsBase):
        @web.authenticated
        def get(self, course: str, unit: str, slug: str):
            from .inert import inert_html

            from nbconvert.filters.markdown_mistune import markdown2html_mistune

            row = self.row(course, unit)
            text = reading_text(self.root, row, slug)
            if text is None:
                raise web.HTTPError(404, translate(workspace_language(), "Start the unit first: its reading guides arrive with it."))
            title = next(r["title"] for r in row.readings if r["slug"] == slug)
            self.page("reading.html.j2", row=row, title=title, body=inert_html(markdown2html_mistune(text)))

    return [
        (rf"/{PAGE}/static/(busy\.js)", web.StaticFileHandler, {"path": str(STATIC)}),
        (rf"/{PAGE}/?", UnitsPage),
        (rf"/{PAGE}/([^/]+)/([^/]+)/(start|submit)", UnitAction),
        (rf"/{PAGE}/([^/]+)/([^/]+)/feedback", FeedbackPage),
        (rf"/{PAGE}/([^/]+)/([^/]+)/reading/([^/]+)", ReadingPage),
    ]


def _jupyter_server_extension_points():
    return [{"module": "grading.my_units"}]


def _load_jupyter_server_extension(serverapp):
    from jupyter_server.utils import url_path_join
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

    web_app = serverapp.web_app
    manager = web_app.settings.get("assignment_list_manager")
    if manager is None:  # nbgrader's own panel extension is off: make the same object it would
        manager = AssignmentList(parent=serverapp)
        manager.root_dir = serverapp.root_dir
    web_app.settings["redschool_units_manager"] = manager
    web_app.settings["redschool_units_root"] = str(Path(serverapp.root_dir).resolve())
    base = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base, route[0]), *route[1:]) for route in _handlers()])
