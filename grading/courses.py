"""One nbgrader course per circle (DESIGN.md decision 1), kept in step with the roster.

Layout under the data folder:

    courses/<circle>/gradebook.db         its gradebook (students synced from the roster)
    courses/<circle>/source|release|submitted|autograded|feedback/
    exchange/<circle>/outbound|inbound|feedback/   nbgrader's filesystem exchange
    jupyter-config/learners/nbgrader_config.py   what learners' servers read (JUPYTER_CONFIG_PATH)

`ensure_*` functions are idempotent: run twice, the second run changes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from core.cohort import Circle, Cohort
from core.layout import course_dir, desk_home, gradebook_path, gradebook_url, language_choices_path, numeric_ids_path
from core.settings import Settings

from .execution import autograde_steps, sanitize_steps
from .inert import FILTERS as INERT_FILTERS

log = logging.getLogger(__name__)

CONFIG_NAME = "nbgrader_config.py"
REVIEW_OUTPUTS = "grading.review_outputs.ReviewOutputs"


def course_config(settings: Settings, circle_id: str):
    """The course's nbgrader settings, built in memory (pure). Nothing executes a course
    config file (DESIGN.md decision 8): the desk, the CLI and the progress pages all
    call this. Every path is explicit: nbgrader's default exchange moved between releases."""
    from traitlets.config import Config

    c = Config()
    c.CourseDirectory.root = str(course_dir(settings, circle_id))
    c.CourseDirectory.course_id = circle_id
    c.CourseDirectory.db_url = gradebook_url(settings, circle_id)
    c.Exchange.root = str(settings.exchange_dir)
    c.Exchange.path_includes_course = True
    # Learners' words are shown, never run: escape HTML and drop scripts in the
    # review desk's views and in feedback (nbconvert's SanitizeHTML), then clean
    # the HTML Markdown renders into, where links and images appear (grading/inert.py).
    # Charts, explorers and failed checks become one line each first (grading/review_outputs.py).
    c.HTMLExporter.preprocessors = [REVIEW_OUTPUTS, "nbconvert.preprocessors.sanitize.SanitizeHTML"]
    c.HTMLExporter.filters = dict(INERT_FILTERS)
    # nbgrader's autograde steps, with Execute replaced by a per-notebook time limit
    # (grading/execution.py), so the desk's autograde button is bounded too.
    c.Autograde.autograde_preprocessors = autograde_steps()
    # Its sanitize steps as nbgrader has them, the metadata check compiling its schema once.
    c.Autograde.sanitize_preprocessors = sanitize_steps()
    # The desk's own 'Release feedback' button releases only fully reviewed
    # submissions, regenerated with Red School's template (grading/feedback.py).
    c.ExchangeFactory.release_feedback = "grading.feedback.ReviewedFeedbackRelease"
    # ...each in its learner's language (core/languages.py), read when feedback is released.
    c.ReviewedFeedbackRelease.roster_file = str(settings.roster)
    c.ReviewedFeedbackRelease.languages_file = str(language_choices_path(settings))
    # Collect (the desk's button and the CLI) refuses submissions whose owner or
    # timestamp does not check out (grading/exchange.py). In demo mode every server
    # runs as one Unix user, so only that user's folders can be told from others'.
    c.ExchangeFactory.collect = "grading.exchange.VerifiedCollect"
    # nbgrader's own owner check compares a folder's owner with the learner's id as text,
    # which server mode's prefixed accounts (and the demo's one user) never match; it
    # only warns ("cheating attempt?"). VerifiedCollect's check, by uid, is the one that counts.
    c.ExchangeCollect.check_owner = False
    c.VerifiedCollect.owner = "collector" if settings.mode == "demo" else "system-user"
    c.VerifiedCollect.system_user_format = settings.account_of("{username}")
    if settings.mode == "server":
        # Released feedback is readable by its learner (and the grader) only.
        c.ReviewedFeedbackRelease.learner_group_format = settings.account_of("{username}")
    if settings.on_kubernetes:
        # Pods have no /etc/passwd entries for people: their numbers are in the table.
        c.VerifiedCollect.numeric_ids_file = c.ReviewedFeedbackRelease.numeric_ids_file = str(numeric_ids_path(settings))
    c.GenerateFeedback.preprocessors = [
        "nbgrader.preprocessors.GetGrades",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
        REVIEW_OUTPUTS,
        "nbconvert.preprocessors.sanitize.SanitizeHTML",
    ]
    return c


def course_exists(settings: Settings, circle_id: str) -> bool:
    """A circle has a course once ensure_course has made its gradebook."""
    return gradebook_path(settings, circle_id).is_file()


def learner_config_text(settings: Settings) -> str:
    """nbgrader settings for learners' servers (pure). No course id: the auth
    plugin asks the hub which course(s) the person is in (group nbgrader-<circle>),
    so a learner lists only their own circle's units."""
    return (
        "# Written by Red School; edits are overwritten at the next start.\n"
        "import os\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(settings.exchange_dir)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        "c.Authenticator.plugin_class = 'nbgrader.auth.JupyterHubAuthPlugin'\n"
        "# nbgrader names a submission after the Unix user; in the demo every server\n"
        "# runs as one Unix user, so name it after the person logged in to the hub.\n"
        "c.CourseDirectory.student_id = os.environ.get('JUPYTERHUB_USER', '*')\n"
        + (
            "# Server mode: a submission is readable by its learner and the circle's grader only.\n"
            "c.ExchangeFactory.submit = 'grading.exchange.PrivateSubmit'\n"
            if settings.mode == "server"
            else ""
        )
    )


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return True


def ensure_learner_config(settings: Settings) -> Path:
    """The learners' nbgrader settings, and the exchange root they point at."""
    settings.exchange_dir.mkdir(parents=True, exist_ok=True)
    # nbgrader's filesystem exchange wants a root everyone can write to (its model, like
    # /tmp); the sticky bit stops anyone removing or renaming what another made there.
    # In server mode each circle's folder inside it is its grader's (server/folders.py).
    settings.exchange_dir.chmod(0o1777)
    path = settings.learner_config_dir / CONFIG_NAME
    _write_if_changed(path, learner_config_text(settings))
    return path


def ensure_course(settings: Settings, circle: Circle, cohort: Cohort) -> Path:
    """Create the circle's course folder and config, and enrol its learners in the gradebook.

    Learners who left the circle stay in the gradebook: removing them would
    delete their submissions and their facilitator's comments.
    """
    from nbgrader.api import Gradebook

    from curriculum.build import nbgrader_scripts_on_path

    root = course_dir(settings, circle.id)
    root.mkdir(parents=True, exist_ok=True)
    desk_home(settings, circle.id).mkdir(parents=True, exist_ok=True)
    # Earlier versions wrote the course's settings here as nbgrader_config.py, which nbgrader
    # executes from a course folder; the settings now live in memory (course_config).
    (root / CONFIG_NAME).unlink(missing_ok=True)
    with nbgrader_scripts_on_path(), Gradebook(gradebook_url(settings, circle.id), course_id=circle.id) as gb:
        known = {s.id: s for s in gb.students}
        for username in circle.learners:
            name = cohort.person(username).display_name
            if username not in known or known[username].first_name != name:
                gb.update_or_create_student(username, first_name=name, last_name="")
    return root


def ensure_courses(settings: Settings, cohort: Cohort) -> dict[str, Path]:
    """Every circle's course, plus the learners' exchange settings."""
    ensure_learner_config(settings)
    return {cid: ensure_course(settings, circle, cohort) for cid, circle in sorted(cohort.circles.items())}
