"""A learner's writing belongs to them: `redschool learner export NAME` and `learner erase NAME`.

What counts as one person's data, found in one place (`find_learner_data`) so export and
erase agree: their home; in every circle (whether or not still on the roster) their
submissions in the exchange's inbound, nbgrader's collected, autograded and feedback copies
in the course, the feedback pages released to them in the exchange (named by a hash of their
submission's secret, so found through that secret), and their student row in the gradebook
with its grades and comments. Nothing else is ever read or removed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from core.cohort import USERNAME_RE, load_roster
from core.layout import (
    autograded_dir,
    course_feedback_dir,
    gradebook_path,
    gradebook_url,
    hub_database_path,
    hub_database_url,
    inbound_dir,
    released_feedback_dir,
    submission_pattern,
    submitted_dir,
)
from core.pages import render_page
from core.settings import Settings

from .errors import OperationsError
from .files import open_regular, regular_files_in, walk
from .hub_api import HubClient, hub_pid
from .sqlite_copy import vacuum

TEMPLATES = Path(__file__).resolve().parent / "templates"
SECRET_FILE = "submission_secret.txt"  # nbgrader's name for it


@dataclass(frozen=True)
class ReleasedFeedback:
    circle: str
    unit: str
    notebook: str
    path: Path


@dataclass
class LearnerData:
    name: str
    home: Path | None
    inbound: dict[str, list[Path]] = field(default_factory=dict)  # circle -> submission folders
    course_folders: list[Path] = field(default_factory=list)  # submitted, autograded, feedback
    released: list[ReleasedFeedback] = field(default_factory=list)
    gradebooks: list[str] = field(default_factory=list)  # circles whose gradebook knows them

    @property
    def paths(self) -> list[Path]:
        found = [p for folders in self.inbound.values() for p in folders] + self.course_folders
        found += [r.path for r in self.released]
        return found + ([self.home] if self.home else [])

    def lines(self) -> list[str]:
        lines = [f"home: {self.home}" if self.home else "home: none"]
        for circle, folders in sorted(self.inbound.items()):
            lines.append(f"circle {circle}: {len(folders)} submission(s) in the exchange")
        lines += [f"course copy: {p}" for p in self.course_folders]
        lines += [f"released feedback: {r.path} ({r.circle}/{r.unit})" for r in self.released]
        lines += [f"gradebook of circle {c}: their student row, grades and comments" for c in self.gradebooks]
        return lines

    @property
    def empty(self) -> bool:
        return not (self.paths or self.gradebooks)


def check_name(name: str) -> str:
    if not USERNAME_RE.match(name or ""):
        raise OperationsError(f"{name!r} is not a username (lower-case letters, digits, '-' and '_')")
    return name


def known_circles(settings: Settings) -> list[str]:
    """Circles with a course or an exchange folder, on the roster or not any more."""
    names = set()
    for root in (settings.courses_dir, settings.exchange_dir):
        if root.is_dir():
            names.update(p.name for p in root.iterdir() if p.is_dir())
    return sorted(names)


def _notebook_ids(folder: Path) -> set[str]:
    return {p.stem for p in folder.iterdir() if p.suffix in (".ipynb", ".html")} if folder.is_dir() else set()


def find_learner_data(settings: Settings, name: str) -> LearnerData:
    from nbgrader.utils import notebook_hash

    check_name(name)
    home = settings.home_of(name)
    data = LearnerData(name=name, home=home if home.exists() else None)
    for circle in known_circles(settings):
        inbound = inbound_dir(settings, circle)
        # A learner can put anything in an inbound, links included: only real folders are theirs.
        mine = sorted(p for p in inbound.glob(submission_pattern(name, "*")) if p.is_dir() and not p.is_symlink()) \
            if inbound.is_dir() else []
        if mine:
            data.inbound[circle] = mine
        course = [submitted_dir(settings, circle, name), autograded_dir(settings, circle, name),
                  course_feedback_dir(settings, circle, name)]
        data.course_folders += [p for p in course if p.exists()]
        # Feedback released to them: nbgrader names the file by a hash of the submission's secret.
        units = [p for folder in course if folder.is_dir() for p in folder.iterdir() if p.is_dir()]
        for folder in units + mine:
            secret_file = folder / SECRET_FILE
            if not secret_file.is_file():
                continue
            secret = secret_file.read_text()
            unit = folder.name if folder in units else folder.name.split("+")[1]
            for notebook in _notebook_ids(folder):
                path = released_feedback_dir(settings, circle) / f"{notebook_hash(secret=secret, notebook_id=notebook)}.html"
                if path.is_file() and all(r.path != path for r in data.released):
                    data.released.append(ReleasedFeedback(circle, unit, notebook, path))
        if _gradebook_has(settings, circle, name):
            data.gradebooks.append(circle)
    return data


def _gradebook_has(settings: Settings, circle: str, name: str) -> bool:
    path = gradebook_path(settings, circle)
    if not path.is_file():
        return False
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute("SELECT 1 FROM student WHERE id = ?", (name,)).fetchone() is not None
    finally:
        con.close()


# -- export ----------------------------------------------------------------------


def reflections_and_comments(settings: Settings, data: LearnerData) -> list[dict]:
    """For each submitted unit: the learner's reflections (from the latest collected copy or
    submission) and every comment their facilitator wrote on it (from the gradebook)."""
    from nbgrader.api import Gradebook, MissingEntry

    from curriculum.cells import is_reflection

    entries = []
    for circle in known_circles(settings):
        units: dict[str, Path] = {}
        for folder in data.inbound.get(circle, []):  # oldest name first; later ones win
            units[folder.name.split("+")[1]] = folder
        submitted = submitted_dir(settings, circle, data.name)
        if submitted.is_dir():
            units.update({p.name: p for p in submitted.iterdir() if p.is_dir()})
        comments: dict[tuple[str, str], list[dict]] = {}
        if circle in data.gradebooks:
            with Gradebook(gradebook_url(settings, circle), course_id=circle) as gb:
                try:
                    student = gb.find_student(data.name)
                except MissingEntry:
                    student = None
                for submission in student.submissions if student else []:
                    for nb in submission.notebooks:
                        for comment in nb.comments:
                            if comment.manual_comment:
                                comments.setdefault((submission.assignment.name, nb.name), []).append(
                                    {"cell": comment.name, "comment": comment.manual_comment}
                                )
        for unit, folder in sorted(units.items()):
            for filename, content in regular_files_in(folder, ".ipynb"):  # never through a link
                try:
                    nb = json.loads(content)
                except ValueError:
                    continue
                path = folder / filename
                reflections = [
                    {"cell": c["metadata"]["nbgrader"].get("grade_id", ""), "text": _source(c)}
                    for c in nb.get("cells", []) if is_reflection(c)
                ]
                entries.append({
                    "circle": circle, "unit": unit, "notebook": path.stem,
                    "reflections": reflections, "comments": comments.get((unit, path.stem), []),
                })
    return entries


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _visible_files(root: Path):
    """(relative path, bytes) of the files a person keeps: hidden ones (caches, checkpoints)
    left out, links never followed (operations/files.py: a learner's home, read as root)."""
    for path, _, dir_fd in walk(root, hidden=False):
        if dir_fd is None:
            continue
        source = open_regular(path.name, dir_fd)
        if source is not None:
            with source:
                yield path.relative_to(root), source.read()


def export(settings: Settings, name: str, *, to: Path | None = None, now: dt.datetime | None = None) -> Path:
    """One zip of the person's notebooks, submissions, reflections with comments, and feedback."""
    data = find_learner_data(settings, name)
    if data.empty:
        raise OperationsError(f"nothing of {name} was found in {settings.data_dir} (home, exchange or any gradebook)")
    now = now or dt.datetime.now(dt.timezone.utc)
    target = Path(to) if to else Path.cwd() / f"{name}-red-school-{now:%Y%m%d}.zip"
    top = f"{name}-red-school"
    entries = reflections_and_comments(settings, data)
    partial = target.with_name(f".{target.name}.partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{top}/README.txt", render_page(TEMPLATES, "export-readme.txt.j2", learner=name, made=now))
        page = render_page(TEMPLATES, "export-reflections.html.j2", learner=name, made=now, entries=entries)
        z.writestr(f"{top}/reflections-and-comments.html", page)
        z.writestr(f"{top}/reflections-and-comments.json", json.dumps(entries, indent=1, ensure_ascii=False))
        if data.home:
            for rel, content in _visible_files(data.home):
                z.writestr(f"{top}/workspace/{rel.as_posix()}", content)
        for circle, folders in sorted(data.inbound.items()):
            for folder in folders:
                _, unit, when = folder.name.split("+", 2)
                for rel, content in _visible_files(folder):
                    if rel.name != SECRET_FILE:
                        z.writestr(f"{top}/submissions/{circle}/{unit}/{when}/{rel.as_posix()}", content)
        for r in data.released:
            z.write(r.path, f"{top}/feedback/{r.circle}/{r.unit}/{r.notebook}.html")
    partial.chmod(0o600)
    partial.replace(target)
    return target


# -- erase -----------------------------------------------------------------------


@dataclass
class EraseResult:
    removed_paths: list[Path]
    gradebooks: list[str]
    hub_user: str  # what happened to the hub's user row
    vacuumed: list[Path]


def erase_refusal(settings: Settings, name: str) -> str | None:
    """Only learners are erased: a facilitator's or admin's row carries others' work."""
    cohort = load_roster(settings.roster)
    if name in cohort.usernames and not cohort.person(name).is_learner:
        return f"{name} is on the roster as {', '.join(sorted(cohort.person(name).roles))}, not a learner; nothing was erased"
    return None


def still_on_roster(settings: Settings, name: str) -> bool:
    return name in load_roster(settings.roster).usernames


def erase(settings: Settings, data: LearnerData) -> EraseResult:
    """Remove what `find_learner_data` found, then rewrite every database it touched."""
    hub_user = _delete_hub_user(settings, data.name)  # first: stops their server, so nothing new is written
    removed = []
    for path in data.paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    vacuumed = []
    for circle in data.gradebooks:
        _remove_student(settings, circle, data.name)
        vacuum(gradebook_path(settings, circle))
        vacuumed.append(gradebook_path(settings, circle))
    if hub_database_path(settings).is_file():
        vacuum(hub_database_path(settings))
        vacuumed.append(hub_database_path(settings))
    return EraseResult(removed, list(data.gradebooks), hub_user, vacuumed)


def _remove_student(settings: Settings, circle: str, name: str) -> None:
    """nbgrader's own API removes the student with every submission, grade and comment."""
    from nbgrader.api import Gradebook

    from curriculum.build import nbgrader_scripts_on_path

    with nbgrader_scripts_on_path(), Gradebook(gradebook_url(settings, circle), course_id=circle) as gb:
        gb.remove_student(name)


def _delete_hub_user(settings: Settings, name: str) -> str:
    """Through the hub's API while it runs (it stops their server first); with the hub
    stopped, through JupyterHub's own ORM, which is what its API calls."""
    client = HubClient(settings)
    if client.answers():
        response = client.request("DELETE", f"api/users/{name}", timeout=120)
        if response.status_code == 404:
            return "no hub user"
        if response.status_code != 204:
            raise OperationsError(f"the hub refused to delete user {name}: {response.status_code} {response.text[:200]}")
        return "hub user deleted (server stopped)"
    if hub_pid(settings):
        raise OperationsError("the hub is running but does not answer its API; try again when it does")
    if not hub_database_path(settings).is_file():
        return "no hub database"
    from jupyterhub import orm

    session = orm.new_session_factory(hub_database_url(settings))()
    try:
        user = orm.User.find(session, name)
        if user is None:
            return "no hub user"
        session.delete(user)
        session.commit()
        return "hub user deleted"
    finally:
        session.close()
