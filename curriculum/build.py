"""Building a unit's student version with nbgrader.

``build_assignment(unit, course_dir)`` is the one way a unit becomes an nbgrader
assignment: the release step calls it for each circle's course, and the check
and the preview call it in a throwaway course, so what is checked is what is
released.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
from pathlib import Path

from curriculum.errors import CurriculumError
from curriculum.load import Unit, symbolic_links
from curriculum.models import GUIDE_NAME, MANIFEST_NAME

log = logging.getLogger(__name__)

#: What replaces ``### BEGIN SOLUTION ... ### END SOLUTION`` in a code cell.
#: Red School exercises put the placeholder line (``answer = ...``) *above* the
#: solution region, so the stub is empty: a learner sees the placeholder, not
#: nbgrader's ``raise NotImplementedError()``, which reads as a crash.
CODE_STUB = ""
#: What a learner sees in a reflection answer cell.
TEXT_STUB = "Write your answer here, in your own words. (Double-click to edit; Shift-Enter when done.)"
#: The same, in each language a unit may be translated into (the original's language uses TEXT_STUB).
TEXT_STUBS = {
    "en": TEXT_STUB,
    "es": "Escribe aquí tu respuesta, con tus propias palabras. (Doble clic para editar; Shift-Enter al terminar.)",
}
#: Never copied into the course: they are for the curriculum team.
NOT_COPIED = {MANIFEST_NAME, GUIDE_NAME, "__pycache__", ".ipynb_checkpoints"}
NBGRADER_CONFIG = "nbgrader_config.py"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Format now: nbgrader logs database rows whose repr fails once their session closes.
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        self.records.append((record.levelno, message.strip()))

    def errors(self) -> list[str]:
        return [message for level, message in self.records if level >= logging.ERROR]


def _is_translated_guide(name: str) -> bool:
    stem = GUIDE_NAME.removesuffix(".md")
    return name.startswith(stem + ".") and name.endswith(".md")


def language_of(unit: Unit, language: str | None) -> str:
    """``language``, or the unit's original language; a language the unit lacks is an error."""
    if language is None or language == unit.manifest.original_language:
        return unit.manifest.original_language
    if language not in unit.manifest.languages:
        raise CurriculumError(no_version_message(unit, language))
    return language


def no_version_message(unit: Unit, language: str) -> str:
    """What a release says for a circle whose language the unit has not been translated into."""
    from core.languages import language_name

    return (f"this unit has no {language_name(language)} version yet (it is written in "
            f"{', '.join(language_name(code) for code in unit.manifest.languages)}); the circle studies in "
            f"{language_name(language)}: translate it first (docs/unit-format.md, 'Translations'), or change the "
            f"circle's `circle_language` in the roster")


def copy_unit_source(unit: Unit, dest: Path, *, language: str | None = None) -> Path:
    """Copy the unit's listed notebooks and its data files (not the manifest or
    the guide, nor notebooks the manifest does not list) into ``dest``, which is
    replaced. In a translated ``language``, each notebook ``X.ipynb`` is the unit's
    ``X.<language>.ipynb``, under the original's name: one assignment, whatever the
    language its circle reads it in."""
    from curriculum.models import translated_name

    language = language_of(unit, language)
    links = symbolic_links(unit.folder)
    if links:  # authors push the curriculum (core/curriculum_repo.py): a link could release any file
        raise CurriculumError(f"{links[0]} is a symbolic link: put the file itself in the unit folder "
                              f"(run `redschool check {unit.folder}`)")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    listed = set(unit.manifest.notebooks)
    for item in sorted(unit.folder.iterdir()):
        if item.name in NOT_COPIED or item.name.startswith(".") or _is_translated_guide(item.name):
            continue
        if item.suffix == ".ipynb" and item.name not in listed:
            continue  # a draft, not part of the unit
        if item.is_dir():
            shutil.copytree(item, dest / item.name, ignore=shutil.ignore_patterns(*NOT_COPIED, ".*"))
        else:
            shutil.copy2(item, dest / item.name)
    if language != unit.manifest.original_language:
        for name in unit.manifest.notebooks:
            translation = unit.folder / translated_name(name, language)
            if not translation.is_file():
                raise CurriculumError(f"{unit.manifest_path}: `languages` lists {language} but {translation.name} is missing — "
                                      f"translate {name}, or run `redschool check {unit.folder}` to see what the translation lacks")
            shutil.copy2(translation, dest / name)
    missing = [name for name in unit.manifest.notebooks if not (dest / name).is_file()]
    if missing:
        raise CurriculumError(f"{unit.manifest_path}: notebooks listed but missing: {', '.join(missing)} — add them or fix `notebooks`")
    return dest


@contextlib.contextmanager
def nbgrader_scripts_on_path():
    """nbgrader runs the `alembic` script by name when it creates a gradebook
    (nbgrader.api.get_alembic_version), so this interpreter's scripts folder must
    be on PATH even when `redschool` was started by its full path."""
    scripts = os.path.dirname(sys.executable)
    old = os.environ.get("PATH", "")
    if scripts in old.split(os.pathsep):
        yield
        return
    os.environ["PATH"] = scripts + os.pathsep + old
    try:
        yield
    finally:
        os.environ["PATH"] = old


#: The old private name, still used by grading/courses.py.
_venv_on_path = nbgrader_scripts_on_path


def _sqlite_path(db_url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(db_url[len(prefix):]) if db_url.startswith(prefix) else None


def template_gradebook() -> Path:
    """An empty gradebook made by this nbgrader version, shared through the temp folder.

    Creating a gradebook runs alembic in a subprocess and takes seconds; a new
    course (every check, every new circle) starts from a copy of this instead.
    """
    import tempfile

    import nbgrader
    from nbgrader.api import Gradebook

    path = Path(tempfile.gettempdir()) / f"redschool-empty-gradebook-{nbgrader.__version__}-{os.getuid()}.db"
    if path.is_file() and path.stat().st_size > 0:
        return path
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "gradebook.db"
        with nbgrader_scripts_on_path(), Gradebook(f"sqlite:///{fresh}", course_id="template"):
            pass
        import sqlite3

        with contextlib.closing(sqlite3.connect(fresh)) as db, db:
            db.execute("DELETE FROM course")  # the course row is added when the course first opens it
        staged = path.with_suffix(f".{os.getpid()}.tmp")
        shutil.copy2(fresh, staged)
        os.replace(staged, path)  # atomic: parallel workers never see half a file
    return path


def _seed_gradebook(config, course_dir: Path) -> None:
    db_url = config.CourseDirectory.get("db_url") or f"sqlite:///{course_dir / 'gradebook.db'}"
    db_path = _sqlite_path(db_url)
    if db_path is not None and not db_path.exists() and db_path.parent.is_dir():
        shutil.copy2(template_gradebook(), db_path)


def _course_config(course_dir: Path, course_id: str | None, db_url: str | None, language: str = "en"):
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    # A course made by the release step may carry its own settings (course id,
    # gradebook); honour them so the assignment lands in that course's gradebook.
    if (course_dir / NBGRADER_CONFIG).is_file():
        try:
            config.merge(PyFileConfigLoader(NBGRADER_CONFIG, path=str(course_dir)).load_config())
        except Exception as exc:  # a broken config file is the course owner's to fix
            raise CurriculumError(f"{course_dir / NBGRADER_CONFIG}: cannot be read ({exc}) — fix the course's nbgrader config") from exc
    config.CourseDirectory.root = str(course_dir)
    if course_id is not None:
        config.CourseDirectory.course_id = course_id
    if db_url is not None:
        config.CourseDirectory.db_url = db_url
    config.ClearSolutions.code_stub = {"python": CODE_STUB}
    config.ClearSolutions.text_stub = TEXT_STUBS.get(language, TEXT_STUB)
    # Rebuild from the source every time: a stale release is worse than a slow one.
    config.GenerateAssignment.force = True
    return config


def build_assignment(unit: Unit, course_dir: Path, *, course_id: str | None = None, db_url: str | None = None,
                     language: str | None = None) -> Path:
    """Make ``unit`` an assignment of the nbgrader course at ``course_dir``.

    Copies the unit's source notebooks and data files into
    ``course_dir/source/<unit.id>/`` and runs nbgrader's generate_assignment for
    it (its Python API), which records the assignment in the course's gradebook
    and writes the student version. Settings in ``course_dir/nbgrader_config.py``
    are honoured; ``course_id`` and ``db_url`` override them (nbgrader's default
    gradebook is ``course_dir/gradebook.db``).

    ``language`` (default: the unit's original) chooses which version is built: a
    translation keeps the original's notebook names (see :func:`copy_unit_source`).

    Returns ``course_dir/release/<unit.id>/``. Raises :class:`CurriculumError`
    with nbgrader's error messages if generation fails. Idempotent: running it
    twice gives the same release.
    """
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    course_dir = Path(course_dir).resolve()
    course_dir.mkdir(parents=True, exist_ok=True)
    copy_unit_source(unit, course_dir / "source" / unit.id, language=language)
    config = _course_config(course_dir, course_id, db_url, language_of(unit, language))
    _seed_gradebook(config, course_dir)

    nb_log = logging.getLogger(f"{__name__}.nbgrader")
    nb_log.propagate = False  # nbgrader's chatter goes to our log at debug level, errors into the exception
    nb_log.setLevel(logging.DEBUG)
    collect = _Collect()
    nb_log.addHandler(collect)
    try:
        coursedir = CourseDirectory(config=config, log=nb_log)
        coursedir.assignment_id = unit.id
        converter = GenerateAssignment(coursedir=coursedir, config=config, log=nb_log)
        with nbgrader_scripts_on_path():
            converter.start()
    except Exception as exc:
        messages = collect.errors() or [f"{type(exc).__name__}: {exc}"]
        # nbgrader logs a traceback as one of its errors; keep the lines a person reads.
        readable = [m.splitlines()[-1] if m.startswith("Traceback") else m for m in messages]
        raise CurriculumError(
            f"nbgrader could not generate the student version of '{unit.id}': " + " | ".join(readable)
        ) from exc
    finally:
        nb_log.removeHandler(collect)
        for _, message in collect.records:
            log.debug("nbgrader: %s", message)
    release = course_dir / "release" / unit.id
    if not release.is_dir():
        raise CurriculumError(f"nbgrader produced no release folder for '{unit.id}' under {course_dir} — run with -vv to see nbgrader's log")
    return release
