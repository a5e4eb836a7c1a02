"""One nbgrader course per circle (DESIGN.md decision 1), kept in step with the roster.

Layout under the data folder:

    courses/<circle>/nbgrader_config.py   the course's own settings
    courses/<circle>/gradebook.db         its gradebook (students synced from the roster)
    courses/<circle>/source|release|submitted|autograded|feedback/
    exchange/<circle>/outbound|inbound|feedback/   nbgrader's filesystem exchange
    jupyter-config/learners/nbgrader_config.py   what learners' servers read (JUPYTER_CONFIG_PATH)

`ensure_*` functions are idempotent: run twice, the second run changes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from hub.cohort import Circle, Cohort
from hub.settings import Settings

log = logging.getLogger(__name__)

CONFIG_NAME = "nbgrader_config.py"


def course_dir(settings: Settings, circle_id: str) -> Path:
    return settings.courses_dir / circle_id


def gradebook_url(settings: Settings, circle_id: str) -> str:
    return f"sqlite:///{course_dir(settings, circle_id) / 'gradebook.db'}"


def course_config_text(settings: Settings, circle_id: str) -> str:
    """The course's nbgrader_config.py (pure). Every path is explicit: nbgrader's
    default exchange moved between releases, so we never rely on it."""
    return (
        "# Written by Red School from the roster; edits are overwritten at the next start.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(course_dir(settings, circle_id))!r}\n"
        f"c.CourseDirectory.course_id = {circle_id!r}\n"
        f"c.CourseDirectory.db_url = {gradebook_url(settings, circle_id)!r}\n"
        f"c.Exchange.root = {str(settings.exchange_dir)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        "# Learners' words are shown, never run: escape HTML and drop scripts in the\n"
        "# review desk's views and in feedback (nbconvert's SanitizeHTML).\n"
        "c.HTMLExporter.preprocessors = ['nbconvert.preprocessors.sanitize.SanitizeHTML']\n"
        "# nbgrader's autograde steps, with Execute replaced by a per-notebook time limit\n"
        "# (grading/execution.py), so the desk's autograde button is bounded too. No second\n"
        "# CheckCellMetadata: the sanitize pass just validated the same metadata and no step\n"
        "# here changes it (ClearMetadataPreprocessor is off unless enabled); the check\n"
        "# recompiles a JSON schema for every cell: ~0.15 s of CPU per submission here.\n"
        "c.Autograde.autograde_preprocessors = [\n"
        "    'grading.execution.NotebookTimeLimit',\n"
        "    'nbgrader.preprocessors.IgnorePattern',\n"
        "    'nbconvert.preprocessors.ClearMetadataPreprocessor',\n"
        "    'nbgrader.preprocessors.LimitOutput',\n"
        "    'nbgrader.preprocessors.SaveAutoGrades',\n"
        "    'nbgrader.preprocessors.AssignLatePenalties',\n"
        "]\n"
        "# The desk's own 'Release feedback' button releases only fully reviewed\n"
        "# submissions, regenerated with Red School's template (grading/feedback.py).\n"
        "c.ExchangeFactory.release_feedback = 'grading.feedback.ReviewedFeedbackRelease'\n"
        "c.GenerateFeedback.preprocessors = [\n"
        "    'nbgrader.preprocessors.GetGrades',\n"
        "    'nbconvert.preprocessors.CSSHTMLHeaderPreprocessor',\n"
        "    'nbconvert.preprocessors.sanitize.SanitizeHTML',\n"
        "]\n"
    )


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
    # nbgrader's filesystem exchange expects a world-writable root (it is the
    # inbound folders' sticky/setgid bits that keep submissions apart in server mode).
    settings.exchange_dir.chmod(0o777)
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
    (settings.data_dir / "desk-homes" / circle.id).mkdir(parents=True, exist_ok=True)  # the review desk's HOME
    _write_if_changed(root / CONFIG_NAME, course_config_text(settings, circle.id))
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
