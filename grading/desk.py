"""A circle's review desk: nbgrader's formgrader, and nothing else (DESIGN.md decision 8).

The hub starts `python -m grading.desk` as the circle's service (hub/config.py). It is
JupyterHub's single-user server (for the hub's OAuth login) with a Jupyter Server that
serves none of its own services (no kernels, sessions, terminals, contents, files,
nbconvert, config or shutdown API) and one server extension, this module, which mounts
nbgrader's formgrader handlers with:

- the course's settings built in memory from the roster and settings
  (grading.courses.course_config); no nbgrader_config.py or jupyter config file is read
  or executed, from the course folder or anywhere else (JUPYTER_NO_CONFIG, set by the hub);
- authoring refused: creating or editing assignments, generating, releasing,
  unreleasing and enrolling students belong to curriculum teams (`redschool release`)
  and the roster. Reviewing stays: collect, autograde, grades, comments, feedback;
- pages from autoescaping templates (nbgrader's interpolate URL segments unescaped)
  with no inline script, and a Content-Security-Policy on every response.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_core.application import JupyterApp
from jupyter_server.base.handlers import FileFindHandler, JupyterHandler
from jupyter_server.serverapp import ServerApp
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyterhub.singleuser.extension import JupyterHubSingleUser
from nbgrader.server_extensions.formgrader import apihandlers, handlers
from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension
from tornado import web
from traitlets import default

from .units import notebook_label

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates" / "desk"
STATIC = HERE / "static" / "desk"

# Scripts only from the desk itself, no inline script, no framing. Inline *styles* stay
# allowed: nbconvert inlines the notebook's CSS in the submission page, and learners'
# HTML is sanitized before it reaches a page (SanitizeHTML in the course config).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class NoFilesContentsManager(AsyncLargeFileManager):
    """The contents manager the server insists on having, without the /files/ handler
    that a FileContentsManager adds to the server whatever `default_services` say."""

    def get_extra_handlers(self):
        return []


class DeskServerApp(ServerApp):
    """Jupyter Server serving none of its own services; `default_services` is the
    subclass hook jupyter_server documents for exposing a subset of its handlers."""

    # "auth" and "security" are the identity provider's and CSP report handlers; the hub's
    # OAuth callback and logout come from JupyterHub's single-user extension.
    default_services = ("auth", "security")

    @default("contents_manager_class")
    def _no_files(self):
        return NoFilesContentsManager

    @default("terminals_enabled")
    def _no_terminals(self):
        return False

    @default("tornado_settings")
    def _csp(self):
        # JupyterHandler sends this header; JupyterHub's extension keeps it (setdefault).
        return {"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}}

    @default("jpserver_extensions")
    def _only_the_desk(self):
        return {"grading.desk": True}


class DeskSingleUser(JupyterHubSingleUser):
    """JupyterHub's single-user extension (hub OAuth, activity) starting a DeskServerApp
    with no other extension: not JupyterLab, nbgrader's other extensions or collaboration."""

    serverapp_class = DeskServerApp
    load_other_extensions = False
    serverapp_config = {"jpserver_extensions": {"grading.desk": True}}

    @classmethod
    def get_extension_package(cls):
        return "jupyterhub"  # linked through jupyterhub's own extension point


# --- the formgrader ---------------------------------------------------------------


class DeskFormgrader(FormgradeExtension):
    """nbgrader's formgrader with its settings given in memory, never loaded from files.

    Upstream reloads nbgrader_config.py from the working directory (the course folder),
    the course root, every jupyter config path and a `?path=` query argument, on each
    request. Overridden (nbgrader 0.9; tests/unit/test_grading_desk.py pins these names):
    `load_config_file`, `load_config`, `initialize`, `init_handlers`.
    """

    course = None  # the traitlets Config built by grading.courses.course_config

    def load_config_file(self, **kwargs):
        """Settings come from memory only."""

    def load_config(self):
        return self.course

    def initialize(self, argv=None, root=""):
        if root:
            raise web.HTTPError(403, "the desk serves its own circle's course only")
        # NbGrader.initialize without its two file-system reaches: it puts the working
        # directory on sys.path and executes <course root>/nbgrader_config.py.
        self.update_config(self.course)
        self.update_config(self.build_extra_config())
        from nbgrader.coursedir import CourseDirectory

        self.coursedir = CourseDirectory(parent=self)
        JupyterApp.initialize(self, argv or [])

    def build_extra_config(self):
        config = super().build_extra_config()
        # Our formgrade templates (no inline script, no scores, titles) are found before nbgrader's.
        config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES / "nbconvert"), handlers.template_path]
        # Setting filters replaces the course's: keep them (the inert Markdown filter) and add ours.
        course_filters = dict(self.course.HTMLExporter.get("filters", {})) if self.course else {}
        config.HTMLExporter.filters = {**course_filters, **LABEL_FILTERS}
        return config

    def init_tornado_settings(self, webapp):
        super().init_tornado_settings(webapp)
        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader

        # Autoescape (nbgrader's environment has none); ours first, nbgrader's under "nbgrader/".
        webapp.settings["nbgrader_jinja2_env"] = Environment(
            loader=ChoiceLoader(
                [
                    FileSystemLoader(str(TEMPLATES)),
                    PrefixLoader({"nbgrader": FileSystemLoader(handlers.template_path)}),
                    FileSystemLoader(handlers.template_path),
                ]
            ),
            autoescape=True,
        )
        webapp.settings["nbgrader_jinja2_env"].filters.update({"unit_title": unit_title, "notebook_label": notebook_label})
        webapp.settings["nbgrader_jinja2_env"].globals["unit_titles_json"] = unit_titles_json

    def init_handlers(self, webapp):
        from jupyter_server.utils import url_path_join

        routes = desk_routes()
        webapp.add_handlers(".*$", [(url_path_join(webapp.settings["base_url"], r[0].lstrip("/")), *r[1:]) for r in routes])


def unit_title(unit_id: str) -> str:
    """The unit's title for the desk's pages (a Jinja filter); its id if the curriculum lacks it."""
    from core.settings import Settings

    from .units import title_of, unit_titles

    return title_of(unit_id, unit_titles(Settings.from_env()))


def unit_titles_json() -> str:
    """Every unit's title by id, for the desk's list scripts (static/desk/desk.js)."""
    import json

    from core.settings import Settings

    from core.rooms import room_assignment

    from .units import title_of, unit_titles

    titles = unit_titles(Settings.from_env())
    # A unit's worksheets collected from the circle's room are an assignment of their own.
    titles.update({room_assignment(u): title_of(room_assignment(u), titles) for u in list(titles)})
    return json.dumps(titles, ensure_ascii=False)


# nbconvert imports filters named by their dotted path (the submission page's exporter).
LABEL_FILTERS = {"unit_title": "grading.desk.unit_title", "notebook_label": "grading.units.notebook_label"}


def _refuse(handler, *args, **kwargs):
    raise web.HTTPError(403, "a review desk does not create, generate or release units, nor enrol people")


class Refused(JupyterHandler):
    """Authoring and enrolment: curriculum teams release units, the roster enrols people."""

    prepare = _refuse


class FormgraderHome(handlers.FormgraderHandler):
    @web.authenticated
    def get(self):
        # Upstream re-initialises the formgrader from ?path=<any folder> (executing its
        # nbgrader_config.py); a desk only ever shows its own course.
        self.redirect(f"{self.base_url}/formgrader/manage_assignments")


class AssignmentReadOnly(apihandlers.AssignmentHandler):
    put = _refuse  # creating or editing an assignment


class StudentReadOnly(apihandlers.StudentHandler):
    put = _refuse  # enrolling or renaming a student


class SubmissionFiles(handlers.SubmissionFilesHandler):
    def parse_url_path(self, url_path):
        # Only files inside the submission's own folder (images the notebook shows),
        # never the rest of the course folder through "..".
        if ".." in Path(url_path).parts:
            raise web.HTTPError(404)
        return super().parse_url_path(url_path)


class NotOnDesk(JupyterHandler):
    """404 with a page. nbgrader's Template404 raises before jupyter_server has looked up
    the user, so its error page fails to render and browsers get an empty 404."""

    async def prepare(self):
        await super().prepare()
        raise web.HTTPError(404)


class StaticFiles(FileFindHandler):
    """Static files as a JupyterHandler, so they carry the desk's CSP too."""


REPLACED = {
    handlers.FormgraderHandler: FormgraderHome,
    handlers.SubmissionFilesHandler: SubmissionFiles,
    apihandlers.AssignmentHandler: AssignmentReadOnly,
    apihandlers.StudentHandler: StudentReadOnly,
    apihandlers.AssignHandler: Refused,
    apihandlers.ReleaseHandler: Refused,
    apihandlers.UnReleaseHandler: Refused,
}
# Manage Students is enrolment, which follows the roster; the pages are not on a desk.
LEFT_OUT = {
    handlers.ManageStudentsHandler,
    handlers.ManageStudentsAssignmentsHandler,
    handlers.ManageStudentNotebookSubmissionsHandler,
}


def desk_routes() -> list[tuple]:
    """nbgrader's formgrader routes, as the desk serves them (patterns without base_url)."""
    routes = [(r"/formgrader/static/desk/(.*)", StaticFiles, {"path": [str(STATIC)]})]
    for pattern, handler, *rest in handlers.default_handlers + apihandlers.default_handlers:
        if handler in LEFT_OUT:
            continue
        if handler is web.StaticFileHandler:
            routes.append((pattern, StaticFiles, {"path": [rest[0]["path"]]}))
            continue
        routes.append((pattern, REPLACED.get(handler, handler), *rest))
    routes += [
        (r"/formgrader/static/(.*)", StaticFiles, {"path": [handlers.static_path]}),
        (r"/formgrader/.*", NotOnDesk),
    ]
    return routes


def _jupyter_server_extension_points():
    return [{"module": "grading.desk"}]


def _load_jupyter_server_extension(serverapp):
    from core.settings import Settings
    from core.urls import DESK_CIRCLE_ENV

    from .courses import course_config

    circle_id = os.environ[DESK_CIRCLE_ENV]
    formgrader = DeskFormgrader(parent=serverapp)
    formgrader.course = course_config(Settings.from_env(), circle_id)
    formgrader.root_dir = serverapp.root_dir
    formgrader.log = serverapp.log
    formgrader.initialize([])
    formgrader.init_tornado_settings(serverapp.web_app)
    formgrader.init_handlers(serverapp.web_app)
    serverapp.log.info("Review desk of circle %s: formgrader only", circle_id)


def main() -> None:
    DeskSingleUser.launch_instance()


if __name__ == "__main__":
    main()
