"""Return feedback to learners, only for submissions their facilitator fully reviewed.

"Reviewed" is nbgrader's own notion: every manually graded cell (a reflection,
worth one point that means "read") has a manual score. Feedback is generated with
Red School's template (comments first, exercises as done / not yet) and released
through nbgrader's exchange, which learners fetch in the Assignments panel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from hub.settings import Settings

from .course_api import TEMPLATES, course_api
from .courses import course_dir
from .errors import GradingError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedbackOutcome:
    circle: str
    student: str
    status: str  # returned | waiting for review | cannot return
    detail: str = ""

    def line(self) -> str:
        return f"{self.circle}/{self.student}: {self.status}" + (f" ({self.detail})" if self.detail else "")


def unreviewed_cells(gradebook, unit_id: str, student: str) -> list[str]:
    """Grade ids that still wait for the facilitator (a manual score not given yet)."""
    submission = gradebook.find_submission(unit_id, student)
    return [grade.name for notebook in submission.notebooks for grade in notebook.grades if grade.needs_manual_grade]


def _feedback_config():
    import nbgrader
    from traitlets.config import Config

    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    config = Config()
    config.HTMLExporter.template_name = "redschool_feedback"
    config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES), str(nbgrader_templates)]
    return config


def _release(api, settings: Settings, circle_id: str, unit_id: str, student: str) -> None:
    """nbgrader's ExchangeReleaseFeedback for one learner. Called directly: NbGraderAPI's
    release_feedback passes `authentictor=` (sic), so its auth plugin never arrives."""
    from nbgrader.exchange.default import ExchangeReleaseFeedback
    from nbgrader.utils import temp_attrs

    with temp_attrs(api.coursedir, assignment_id=unit_id, student_id=student):
        app = ExchangeReleaseFeedback(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
        try:
            app.start()
        except Exception as exc:  # nbgrader's ExchangeError
            raise GradingError(f"nbgrader could not release feedback for {student} in circle {circle_id}: {exc}") from exc


def return_feedback(settings: Settings, circle_id: str, unit_id: str) -> list[FeedbackOutcome]:
    """Generate and release feedback for every fully reviewed submission of the unit."""
    from nbgrader.api import MissingEntry

    api = course_api(settings, circle_id, extra=_feedback_config())
    autograded = course_dir(settings, circle_id) / "autograded"
    students = sorted(p.parent.name for p in autograded.glob(f"*/{unit_id}") if p.is_dir())
    outcomes = []
    for student in students:
        try:
            pending = unreviewed_cells(api.gradebook, unit_id, student)
        except MissingEntry:
            outcomes.append(FeedbackOutcome(circle_id, student, "cannot return", "not autograded yet: run autograde first"))
            continue
        if pending:
            outcomes.append(FeedbackOutcome(circle_id, student, "waiting for review", f"not yet reviewed: {', '.join(pending)}"))
            continue
        if not (autograded / student / unit_id / "submission_secret.txt").is_file():
            # nbgrader's release_feedback needs the secret the Assignments panel writes at submission.
            outcomes.append(
                FeedbackOutcome(
                    circle_id, student, "cannot return",
                    "the submission has no submission_secret.txt (it did not come through the Assignments "
                    "panel); ask them to submit again from the Assignments panel",
                )
            )
            continue
        _generate(api, unit_id, student)
        _release(api, settings, circle_id, unit_id, student)
        outcomes.append(FeedbackOutcome(circle_id, student, "returned"))
    api.gradebook.close()
    return outcomes


def _generate(api, unit_id: str, student: str) -> None:
    """nbgrader's GenerateFeedback with our template (NbGraderAPI.generate_feedback
    would force nbgrader's own template, which loads MathJax from a CDN)."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.utils import capture_log, temp_attrs

    with temp_attrs(api.coursedir, assignment_id=unit_id, student_id=student):
        app = GenerateFeedback(coursedir=api.coursedir, parent=api)
        app.force = True
        result = capture_log(app)
    if not result["success"]:
        raise GradingError(f"nbgrader could not generate feedback for {student} on {unit_id}: {result.get('error') or result.get('log')}")
