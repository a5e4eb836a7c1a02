"""A circle's worksheets, reviewed: collected from the room, commented on at the desk,
and the comments returned to the room.

nbgrader does the reviewing, as for a learner's notebook. The unit's worksheets are one
assignment of the circle's course, `<unit>.room` (core/rooms.py), and the room's user,
`room-<circle>`, is the student who hands it in:

- **collect**: the worksheets as the room holds them now become the room user's
  submission in the course (written whole, then autograded with nbgrader, confined as
  every submission is). Each section of a worksheet (a Markdown cell that starts with a
  `## ` heading) is a reflection there: the facilitator comments on it and marks it read
  at the desk. Collecting again after more work keeps the comments and marks (nbgrader's
  autograde does).
- **return**: once every section is marked read, each worksheet goes back into the room
  as `<worksheet>-feedback.ipynb` beside it: the circle's text as collected, with the
  facilitator's comment under each section. A notebook rather than nbgrader's HTML
  feedback because the room is a JupyterLab, where a notebook opens rendered and an
  HTML file opens behind a "Trust HTML" bar. Returning again replaces that file only;
  the worksheet itself is never written.

Written by hand because nbgrader's exchange moves files between a learner's own folder
and the course, and a room is neither: it belongs to the room's own account in server
mode (core/accounts.py), so its files are read and written by a child process that has
become that account (core/privileges.py), and the course's by the circle's grader.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from core.accounts import room_account
from core.layout import autograded_dir, course_dir, course_feedback_dir, room_documents, submitted_dir
from core.privileges import PrivilegeError, as_circle_grader, needs_switch, run_as
from core.rooms import room_assignment, room_student_name, room_user
from core.settings import Settings
from curriculum.cells import reflection_meta, worksheet_sections
from curriculum.load import Unit

from .course_api import course_api
from .errors import GradingError
from .rooms import fresh_worksheet, worksheet_source

#: A worksheet bigger than this is not collected (its outputs are what makes it big).
WORKSHEET_LIMIT = 10 * 1024 * 1024
RETURNED_MARK = "returned-to-room.txt"  # in the course's feedback folder: when feedback last went back
NBGRADER_TIME = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's own timestamp format


@dataclass(frozen=True)
class RoomReview:
    circle: str
    unit: str
    status: str  # collected | waiting for review | returned | cannot
    detail: str = ""

    def line(self) -> str:
        return f"{self.circle}'s room, {self.unit}: {self.status}" + (f" ({self.detail})" if self.detail else "")


def feedback_name(worksheet: str) -> str:
    """Where a worksheet's feedback lands in the room, beside the worksheet."""
    return f"{Path(worksheet).stem}-feedback.ipynb"


def for_review(notebook, sections: list[str], source=None):
    """`notebook` with its sections marked as reflections (grade id = cell id) and every
    other nbgrader mark removed: a room's copy cannot forge graded cells. With `source`,
    a section the circle deleted is put back (as the source had it), so every graded
    cell nbgrader expects is there."""
    present = set()
    for cell in notebook.cells:
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "markdown" and cell.get("id") in sections:
            cell.metadata["nbgrader"] = reflection_meta(cell.id)
            present.add(cell.id)
    if source is not None:
        for index, cell in enumerate(source.cells):
            if cell.get("id") in sections and cell.id not in present:
                restored = copy.deepcopy(cell)
                restored.metadata["nbgrader"] = reflection_meta(cell.id)
                notebook.cells.insert(min(index, len(notebook.cells)), restored)
    return notebook


def _unreachable(exc: OSError) -> str:
    """A folder this process may not read or write: say which, and who can act."""
    return (f"{exc.strerror or exc} ({exc.filename}): this page could not reach the room or the course; "
            "an admin can run the same step as root with `redschool room collect|return UNIT --circle C`")


# --- collect ------------------------------------------------------------------


def _read_room(documents: Path, paths: list[str]) -> dict[str, str]:
    texts = {}
    for relative in paths:
        target = documents / relative
        if target.is_symlink():  # members can make links in their room: read only the room's own file
            raise GradingError(f"the room's {relative} is a link, not the worksheet: delete the link in the room "
                               "and release the unit to the circle again to put the worksheet back")
        if not target.is_file():
            raise GradingError(
                f"the room has no {relative}: it is placed when the unit is released to the circle "
                "(redschool release UNIT --circle CIRCLE); if the circle renamed it, give it back its name"
            )
        size = target.stat().st_size
        if size > WORKSHEET_LIMIT:
            raise GradingError(
                f"the room's {relative} is {size / 1e6:.1f} MB, over the {WORKSHEET_LIMIT // 2**20} MB a worksheet may be: "
                "clear its outputs in the room (Edit → Clear Outputs of All Cells), save, and collect again"
            )
        texts[relative] = target.read_text(encoding="utf-8")
    return texts


def _in_room(settings: Settings, circle_id: str, fn, *args):
    """`fn(*args)` as the room's own account in server mode (the room's files are its own)."""
    if needs_switch(settings):
        return run_as(room_account(settings, circle_id), fn, *args)
    return fn(*args)


def _parse(relative: str, text: str):
    try:
        return nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a broken file
        raise GradingError(
            f"the room's {relative} is not a notebook JupyterLab can read ({type(exc).__name__}); "
            "open it in the room, save it again, and collect again"
        ) from None


def _write_whole(folder: Path, files: dict[str, str]) -> None:
    """Replace `folder` with exactly `files`, never leaving half of them."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".collecting-"))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _hand_in(settings: Settings, circle_id: str, unit_id: str, sources: dict[str, str], submission: dict[str, str]):
    """As the circle's grader: the worksheets' assignment (once, or when the unit's
    worksheets changed), the room's submission, and nbgrader's autograde of it."""
    from .autograde import grade_submission

    assignment, student = room_assignment(unit_id), room_user(circle_id)
    course = course_dir(settings, circle_id)
    source = course / "source" / assignment
    current = {p.name: p.read_text(encoding="utf-8") for p in source.glob("*.ipynb")} if source.is_dir() else {}
    api = course_api(settings, circle_id)
    if current != sources or not (course / "release" / assignment).is_dir():
        _write_whole(source, sources)
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            raise GradingError(f"nbgrader could not prepare the worksheets of {unit_id} in circle {circle_id}: {result.get('error') or result.get('log')}")
    with api.gradebook as gradebook:
        gradebook.update_or_create_student(student, first_name=room_student_name(circle_id), last_name="")
    stamp = dt.datetime.now(dt.timezone.utc).strftime(NBGRADER_TIME)
    _write_whole(submitted_dir(settings, circle_id, student, assignment), {**submission, "timestamp.txt": stamp})
    return grade_submission(api, settings, circle_id, assignment, student)


def collect_room_work(settings: Settings, circle_id: str, unit: Unit, language: str | None = None) -> RoomReview:
    """Hand the circle's worksheets of `unit`, as the room holds them now, to the desk
    (`language`: the circle's, whose version of the worksheets the room was given)."""
    names = list(unit.manifest.worksheets)
    if not names:
        return RoomReview(circle_id, unit.id, "cannot", "the unit has no circle worksheets")
    paths = {name: f"{unit.id}/{name}" for name in names}
    try:
        texts = _in_room(settings, circle_id, _read_room, room_documents(settings, circle_id), list(paths.values()))
        sources, submission = {}, {}
        for name in names:
            source = nbformat.reads(fresh_worksheet(worksheet_source(unit, name, language)), as_version=4)
            sections = worksheet_sections(source)
            sources[name] = nbformat.writes(for_review(source, sections))
            room_copy = _parse(paths[name], texts[paths[name]])
            pristine = nbformat.reads(fresh_worksheet(worksheet_source(unit, name, language)), as_version=4)
            submission[name] = nbformat.writes(for_review(room_copy, sections, pristine))
        graded = as_circle_grader(settings, circle_id, _hand_in, settings, circle_id, unit.id, sources, submission)
    except (GradingError, PrivilegeError) as exc:
        return RoomReview(circle_id, unit.id, "cannot", str(exc))
    except OSError as exc:
        return RoomReview(circle_id, unit.id, "cannot", _unreachable(exc))
    if graded.status != "graded":
        return RoomReview(circle_id, unit.id, "cannot", f"nbgrader could not take it in: {graded.error}")
    return RoomReview(circle_id, unit.id, "collected", "comment on it and mark each section read at the review desk")


# --- return -------------------------------------------------------------------


#: The feedback notebook's own words, in the circle's language (core/cohort.py: circle_language).
FEEDBACK_WORDS = {
    "en": {
        "heading": "# Feedback on the circle's worksheet\n\n"
                   "Your facilitator read what the circle wrote; their comments are under each section. "
                   "This page is a copy: the worksheet itself is beside it, as the circle left it.",
        "facilitator": "Your facilitator:",
    },
    "es": {
        "heading": "# Comentarios sobre la hoja del círculo\n\n"
                   "Quien facilita leyó lo que escribió el círculo; sus comentarios están debajo de cada sección. "
                   "Esta página es una copia: la hoja misma está al lado, tal como la dejó el círculo.",
        "facilitator": "Quien facilita:",
    },
}


def _comment_cell(comment: str, language: str):
    quoted = "\n".join(f"> {line}" if line else ">" for line in comment.strip().splitlines())
    return nbformat.v4.new_markdown_cell(f"> **{FEEDBACK_WORDS[language]['facilitator']}**\n>\n{quoted}")


def _feedback_notebooks(settings: Settings, circle_id: str, unit_id: str, language: str) -> tuple[str, str, dict[str, str]]:
    """As the circle's grader: (status, detail, feedback notebooks by file name)."""
    from nbgrader.api import Gradebook, MissingEntry

    from core.layout import gradebook_url

    from .feedback import unreviewed_cells

    assignment, student = room_assignment(unit_id), room_user(circle_id)
    with Gradebook(gradebook_url(settings, circle_id), course_id=circle_id) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry:
            return "cannot", "not collected yet: collect the worksheets first", {}
        pending = unreviewed_cells(gradebook, assignment, student)
        if pending:
            count = len(pending)
            return "waiting for review", f"{count} section{'s' if count > 1 else ''} not marked read yet at the review desk", {}
        comments = {
            (notebook.name, comment.name): comment.comment
            for notebook in submission.notebooks
            for comment in notebook.comments
            if comment.comment
        }
    folder = autograded_dir(settings, circle_id, student, assignment)
    pages = {}
    for path in sorted(folder.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        cells = [nbformat.v4.new_markdown_cell(FEEDBACK_WORDS[language]["heading"])]
        for cell in notebook.cells:
            grade_id = (cell.metadata.get("nbgrader") or {}).get("grade_id")
            cell.metadata.pop("nbgrader", None)
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cells.append(cell)
            if grade_id and comments.get((path.stem, grade_id)):
                cells.append(_comment_cell(comments[(path.stem, grade_id)], language))
        notebook.cells = cells
        pages[feedback_name(path.name)] = nbformat.writes(notebook)
    return "returned", "", pages


def _mark_returned(settings: Settings, circle_id: str, unit_id: str) -> None:
    marker = course_feedback_dir(settings, circle_id, room_user(circle_id), room_assignment(unit_id))
    marker.mkdir(parents=True, exist_ok=True)
    (marker / RETURNED_MARK).write_text(dt.datetime.now(dt.timezone.utc).isoformat())


def _put_in_room(documents: Path, unit_id: str, pages: dict[str, str]) -> None:
    folder = documents / unit_id
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".returning-", suffix=".ipynb")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, folder / name)  # whole, or not at all


def return_room_feedback(settings: Settings, circle_id: str, unit: Unit, language: str | None = None) -> RoomReview:
    """Put the facilitator's comments on the circle's worksheets into the room, once every
    section is marked read (its own words in the circle's `language`)."""
    words = language if language in FEEDBACK_WORDS else "en"
    try:
        status, detail, pages = as_circle_grader(settings, circle_id, _feedback_notebooks, settings, circle_id, unit.id, words)
        if pages:
            _in_room(settings, circle_id, _put_in_room, room_documents(settings, circle_id), unit.id, pages)
            as_circle_grader(settings, circle_id, _mark_returned, settings, circle_id, unit.id)
    except (GradingError, PrivilegeError) as exc:
        return RoomReview(circle_id, unit.id, "cannot", str(exc))
    except OSError as exc:
        return RoomReview(circle_id, unit.id, "cannot", _unreachable(exc))
    if status == "returned":
        detail = "in the room: " + ", ".join(f"{unit.id}/{name}" for name in pages)
    return RoomReview(circle_id, unit.id, status, detail)


def room_work_state(settings: Settings, circle_id: str, unit_id: str, language: str = "en") -> str:
    """Where the circle's worksheets of a unit are in the review, in words for the progress
    page, in its reader's `language`."""
    from core.i18n import translations

    state, pending = as_circle_grader(settings, circle_id, _state, settings, circle_id, unit_id)
    t = translations(language)
    if state == "collected":
        return t.ngettext("collected; %(num)s section waiting for your review",
                          "collected; %(num)s sections waiting for your review", pending) % {"num": pending}
    return t.gettext(state)


def _state(settings: Settings, circle_id: str, unit_id: str) -> tuple[str, int]:
    """The state (a phrase marked for the catalog, or "collected") and the sections left to review."""
    from nbgrader.api import Gradebook, MissingEntry

    from core.i18n import N_
    from core.layout import gradebook_path, gradebook_url

    from .feedback import unreviewed_cells

    assignment, student = room_assignment(unit_id), room_user(circle_id)
    if not gradebook_path(settings, circle_id).exists():
        return N_("not collected yet"), 0
    with Gradebook(gradebook_url(settings, circle_id), course_id=circle_id) as gradebook:
        try:
            pending = unreviewed_cells(gradebook, assignment, student)
        except MissingEntry:
            return N_("not collected yet"), 0
    if pending:
        return "collected", len(pending)
    if (course_feedback_dir(settings, circle_id, student, assignment) / RETURNED_MARK).is_file():
        return N_("feedback returned to the room"), 0
    return N_("reviewed; feedback not yet returned"), 0
