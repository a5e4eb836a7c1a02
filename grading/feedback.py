"""Return feedback to learners, only for submissions their facilitator fully reviewed.

"Reviewed" is nbgrader's own notion: every manually graded cell (a reflection,
worth one point that means "read") has a manual score. Feedback is generated with
Red School's template (comments first, exercises as done / not yet, nothing
loaded from the network) and released through nbgrader's exchange, which
learners fetch in the Assignments panel.

`ReviewedFeedbackRelease` is plugged into each course as nbgrader's
`ExchangeFactory.release_feedback`, so the review desk's own "Release feedback"
button follows the same rule as `redschool feedback` and the progress page.

Each learner's page is written in their language (core/languages.py): nbconvert's
HTMLExporter, given Jinja's i18n extension and the learner's catalog (`FeedbackExporter`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from nbconvert.exporters import HTMLExporter
from nbgrader.exchange.default import ExchangeReleaseFeedback
from traitlets import Dict, Unicode

from core.i18n import N_, RedSchoolI18n, translations
from core.languages import DEFAULT_LANGUAGE, load_roster_languages, read_choices
from core.layout import language_choices_path
from core.privileges import as_circle_grader
from core.settings import Settings

from .course_api import TEMPLATES, course_api
from .errors import GradingError
from .inert import FILTERS as INERT_FILTERS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedbackOutcome:
    circle: str
    student: str
    status: str  # returned | waiting for review | cannot return
    detail: str = ""
    pending: tuple[str, ...] = ()  # waiting for review: the cells not read yet (grade ids)

    def line(self) -> str:
        return f"{self.circle}/{self.student}: {self.status}" + (f" ({self.detail})" if self.detail else "")

    def words(self, display_name: str, language: str = DEFAULT_LANGUAGE) -> str:
        """The outcome as a facilitator reads it on a page, in their language: a name, not a
        circle/username slug."""
        t = translations(language)
        if self.pending:  # grade ids are for scripts; a person counts what is left to read
            count = len(self.pending)
            return t.ngettext("%(name)s: waiting for review (%(num)s answer not read yet)",
                              "%(name)s: waiting for review (%(num)s answers not read yet)", count) % {"name": display_name, "num": count}
        if self.status == "returned":
            return t.gettext("%(name)s: feedback returned") % {"name": display_name}
        if self.status == "cannot return":
            return t.gettext("%(name)s: cannot return (%(why)s)") % {"name": display_name, "why": t.gettext(self.detail)}
        return f"{display_name}: {self.status}" + (f" ({self.detail})" if self.detail else "")


def unreviewed_cells(gradebook, unit_id: str, student: str) -> list[str]:
    """Grade ids that still wait for the facilitator (a manual score not given yet)."""
    submission = gradebook.find_submission(unit_id, student)
    return [grade.name for notebook in submission.notebooks for grade in notebook.grades if grade.needs_manual_grade]


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTMLExporter whose templates speak `language` ({% trans %}, `_()`).

    nbconvert has no setting for Jinja extensions; this extends the environment it builds
    (`_create_environment`, nbconvert 7) through Jinja's public `add_extension`. A unit test
    renders a Spanish feedback page, so a change upstream fails there."""

    language = Unicode(DEFAULT_LANGUAGE, help="The learner's language, e.g. 'es'.").tag(config=True)

    def _create_environment(self):
        environment = super()._create_environment()
        environment.add_extension(RedSchoolI18n)
        environment.install_gettext_translations(translations(self.language), newstyle=True)
        environment.globals["language"] = self.language  # the page's <html lang>
        return environment


def feedback_template_config(language: str = DEFAULT_LANGUAGE):
    """nbconvert settings that select Red School's feedback template, in `language`."""
    import nbgrader
    from traitlets.config import Config

    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    config = Config()
    config.GenerateFeedback.exporter_class = FeedbackExporter  # nbgrader's own setting
    config.FeedbackExporter.language = language
    config.ReviewOutputs.language = language  # charts, explorers and checks as one line, in it too
    config.HTMLExporter.template_name = "redschool_feedback"
    config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES), str(nbgrader_templates)]
    # The template asks curriculum.cells which cells are reflections: one definition.
    # Setting filters replaces the course's, so the inert Markdown filter is named again.
    config.HTMLExporter.filters = {**INERT_FILTERS, "is_reflection": "curriculum.cells.is_reflection"}
    return config


def review_state(coursedir, unit_id: str) -> dict[str, list[str] | str]:
    """For each autograded learner: the cells still waiting, or why feedback cannot go back."""
    from nbgrader.api import Gradebook, MissingEntry

    autograded = Path(coursedir.root) / coursedir.autograded_directory
    state: dict[str, list[str] | str] = {}
    with Gradebook(coursedir.db_url, course_id=coursedir.course_id) as gradebook:
        for folder in sorted(autograded.glob(f"*/{unit_id}")):
            student = folder.parent.name
            try:
                state[student] = unreviewed_cells(gradebook, unit_id, student)
            except MissingEntry:
                state[student] = N_("not autograded yet: run autograde first")
                continue
            if not state[student] and not (folder / "submission_secret.txt").is_file():
                # nbgrader's release needs the secret the Assignments panel writes at submission.
                state[student] = N_(
                    "the submission has no submission_secret.txt (it did not come through the Assignments "
                    "panel); ask them to submit again from the Assignments panel"
                )
    return state


class ReviewedFeedbackRelease(ExchangeReleaseFeedback):
    """nbgrader's feedback release, limited to fully reviewed submissions, and
    generating each learner's feedback afresh with Red School's template first."""

    learner_group_format = Unicode(
        "",
        config=True,
        help="Server mode: the group of a learner's own account, with {username} "
        "(e.g. 'jupyter-{username}'); released feedback is made readable by it only. Empty: unchanged.",
    )

    learner_languages = Dict(
        help="Each learner's language, e.g. {'learner5': 'es'}, over what the files below say; "
        "a learner in neither reads English.",
    ).tag(config=True)

    roster_file = Unicode("", help="The roster, for its person_language column, e.g. '/srv/redschool/roster.csv'.").tag(config=True)

    languages_file = Unicode(
        "", help="The languages people chose (core/languages.py), e.g. '/srv/redschool/languages.json'."
    ).tag(config=True)

    def languages(self) -> dict[str, str]:
        """Each learner's language now: the roster's, their choice, then what the caller gave."""
        found = load_roster_languages(Path(self.roster_file)) if self.roster_file else {}
        found.update(read_choices(Path(self.languages_file)) if self.languages_file else {})
        return {**found, **self.learner_languages}

    numeric_ids_file = Unicode(
        "",
        config=True,
        help="Kubernetes: the table of accounts' numeric ids (core/numeric_ids.py), read instead of "
        "/etc/group. Example: '/srv/redschool/numeric-ids.json'.",
    )

    def copy_files(self):
        from nbgrader.converters import GenerateFeedback
        from nbgrader.utils import capture_log, temp_attrs

        unit_id = self.coursedir.assignment_id
        wanted = self.coursedir.student_id if self.coursedir.student_id not in ("", "*") else None
        state = review_state(self.coursedir, unit_id)
        ready = [s for s, pending in state.items() if pending == [] and (wanted is None or s == wanted)]
        for student, pending in state.items():
            if student not in ready and (wanted is None or student == wanted):
                self.log.warning("Not releasing feedback for %s: %s", student, pending if isinstance(pending, str) else f"not yet reviewed: {', '.join(pending)}")
        languages = self.languages()
        for student in ready:
            config = self.config.copy()
            config.merge(feedback_template_config(languages.get(student, DEFAULT_LANGUAGE)))
            with temp_attrs(self.coursedir, student_id=student):
                app = GenerateFeedback(coursedir=self.coursedir, config=config, parent=self)
                app.force = True
                result = capture_log(app)
            if not result["success"]:
                raise GradingError(f"nbgrader could not generate feedback for {student} on {unit_id}: {result.get('error') or result.get('log')}")
        everyone = {p.parent.name for p in (Path(self.coursedir.root) / self.coursedir.feedback_directory).glob(f"*/{unit_id}")}
        excluded = sorted(everyone - set(ready))
        with temp_attrs(self.coursedir, student_id_exclude=",".join(excluded)):
            if ready:
                super().copy_files()
        if self.learner_group_format:
            for student in ready:
                self._keep_private(student)

    def _keep_private(self, student: str) -> None:
        """Server mode: each released feedback page readable by its learner's own group
        (the learner, and the grader who released it) and nobody else. nbgrader names it by
        a hash of the submission's secret; the permissions make the secret not the only lock."""
        import os

        from nbgrader.utils import notebook_hash

        from core.numeric_ids import gid_of_own_group

        account = self.learner_group_format.format(username=student)
        group = gid_of_own_group(account, self.numeric_ids_file)
        if group is None:
            raise GradingError(f"{student}'s account {account} has no group here; an admin applies the roster first")
        source = Path(self.coursedir.format_path(self.coursedir.feedback_directory, student, self.coursedir.assignment_id))
        secret_file = source / "submission_secret.txt"
        if not secret_file.is_file():
            return
        secret = secret_file.read_text()
        for page in source.glob("*.html"):
            released = Path(self.dest_path) / f"{notebook_hash(secret=secret, notebook_id=page.stem)}.html"
            if released.is_file():
                os.chown(released, -1, group)
                released.chmod(0o640)


def return_feedback(settings: Settings, circle_id: str, unit_id: str) -> list[FeedbackOutcome]:
    """Release feedback for every fully reviewed submission of the unit; say who waits and why
    (as the circle's grader in server mode: core/privileges.py). Languages are read first,
    as whoever calls: the grader's account may not read the hub's record of people's choices."""
    # Everyone with a language other than the default: the roster's, then their own choices (which win).
    languages = {**load_roster_languages(settings.roster), **read_choices(language_choices_path(settings))}
    return as_circle_grader(settings, circle_id, _return_feedback, settings, circle_id, unit_id, languages)


def _return_feedback(settings: Settings, circle_id: str, unit_id: str, languages: dict[str, str] | None = None) -> list[FeedbackOutcome]:
    from nbgrader.utils import temp_attrs

    api = course_api(settings, circle_id)
    state = review_state(api.coursedir, unit_id)
    outcomes = []
    for student, pending in state.items():
        if isinstance(pending, str):
            outcomes.append(FeedbackOutcome(circle_id, student, "cannot return", pending))
        elif pending:
            outcomes.append(
                FeedbackOutcome(circle_id, student, "waiting for review", f"not yet reviewed: {', '.join(pending)}", tuple(pending))
            )
        else:
            outcomes.append(FeedbackOutcome(circle_id, student, "returned"))
    if any(o.status == "returned" for o in outcomes):
        # Called directly with the course's authenticator: NbGraderAPI.release_feedback
        # passes `authentictor=` (sic), so its auth plugin never arrives.
        with temp_attrs(api.coursedir, assignment_id=unit_id, student_id="*"):
            app = ReviewedFeedbackRelease(coursedir=api.coursedir, authenticator=api.authenticator, parent=api,
                                          learner_languages=languages or {})
            try:
                app.start()
            except GradingError:
                raise
            except Exception as exc:  # nbgrader's ExchangeError
                raise GradingError(f"nbgrader could not release feedback in circle {circle_id}: {exc}") from exc
    api.gradebook.close()
    return outcomes
