"""Release a unit to circles: build it with nbgrader, put it in each circle's outbound.

Idempotent: releasing an unchanged unit again changes nothing. A unit that
changed after learners fetched it is refused unless forced, because learners
keep the copy they fetched (nbgrader never overwrites it) while grading would
follow the new version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from curriculum.build import build_assignment, no_version_message
from curriculum.load import Curriculum, Unit, module_of, readings_root_for
from core.cohort import Cohort
from core.layout import READINGS_FOLDER, UNIT_CARD, course_dir, gradebook_url, outbound_dir
from core.privileges import as_circle_grader
from core.settings import Settings

from .course_api import course_config
from .courses import ensure_course, ensure_learner_config
from .errors import GradingError
from .rooms import RoomCopy, place_worksheets

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReleaseOutcome:
    circle: str
    unit: str
    status: str  # released | unchanged | updated | refused
    detail: str = ""
    room: tuple[RoomCopy, ...] = ()  # the unit's circle worksheets, in the circle's room
    fetched: tuple[str, ...] = ()  # refused: the learners who fetched the version released before

    def line(self) -> str:
        line = f"{self.unit} -> {self.circle}: {self.status}" + (f" ({self.detail})" if self.detail else "")
        return "\n".join([line, *(f"  {copy.line()}" for copy in self.room)])


def fingerprint(folder: Path) -> str:
    """A digest of every file's relative path and bytes; equal folders, equal digests."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        return ""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def add_learner_extras(unit: Unit, release: Path, language: str | None = None) -> Path:
    """Put the unit's card (title, summary, time, readings) and its reading guides into the
    built release folder, so nbgrader's release and fetch carry them to each learner.
    The card's title and summary are in ``language`` (default: the unit's original)."""
    import json

    readings_root = readings_root_for(unit.folder.parent.parent)
    readings = []
    for slug in unit.manifest.readings:
        source = readings_root / f"{slug}.md"
        if not source.is_file():  # the check refuses such a unit; a release says so plainly too
            raise GradingError(f"{unit.manifest_path}: reading guide readings/{slug}.md is missing — add it or remove it from `readings`")
        (release / READINGS_FOLDER).mkdir(exist_ok=True)
        (release / READINGS_FOLDER / source.name).write_bytes(source.read_bytes())
        readings.append({"slug": slug, "path": f"{READINGS_FOLDER}/{source.name}", "title": _reading_title(source)})
    card = {
        "id": unit.id,
        "title": unit.manifest.title_in(language or unit.manifest.original_language),
        "programme": unit.programme,
        "position": unit.position,
        "summary": unit.manifest.summary_in(language or unit.manifest.original_language),
        "language": language or unit.manifest.original_language,
        "estimated_minutes": unit.manifest.estimated_minutes,
        "notebooks": list(unit.manifest.notebooks),
        "readings": readings,
    }
    module = module_of(unit)
    if module is not None:  # a programme in modules; a flat programme's card is as it was
        card["module"] = module.title
    (release / UNIT_CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    return release


def _reading_title(path: Path) -> str:
    from curriculum.readings import read_reading

    reading, _ = read_reading(path)
    return reading.title if reading is not None else path.stem.replace("-", " ")


def who_has_fetched(settings: Settings, cohort: Cohort, circle_id: str, unit_id: str) -> list[str]:
    """Learners of the circle who have fetched the unit (records.has_fetched)."""
    from .records import has_fetched

    return [u for u in cohort.circles[circle_id].learners if has_fetched(settings, circle_id, unit_id, u)]


def _release_to_course(settings: Settings, circle_id: str, unit_id: str, *, force: bool) -> None:
    """nbgrader's own release (ExchangeReleaseAssignment), with the course's config."""
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeReleaseAssignment

    config = course_config(settings, circle_id)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = unit_id
    releaser = ExchangeReleaseAssignment(coursedir=coursedir, config=config, force=force)
    try:
        releaser.start()
    except Exception as exc:  # nbgrader's ExchangeError: say what failed, where
        raise GradingError(f"nbgrader could not release {unit_id} to circle {circle_id}: {exc}") from exc


def _release_to_circle(settings: Settings, cohort: Cohort, circle_id: str, unit: Unit, *, force: bool) -> None:
    """Build the unit, in the circle's language, into the circle's course, then release it (as
    the circle's grader in server mode: core/privileges.py). The course's id and gradebook
    come from the settings: no course config file is read."""
    language = cohort.circles[circle_id].language
    add_learner_extras(unit, build_assignment(unit, course_dir(settings, circle_id), course_id=circle_id,
                                              db_url=gradebook_url(settings, circle_id), language=language), language)
    _release_to_course(settings, circle_id, unit.id, force=force)


def release_unit(
    unit: Unit, *, settings: Settings, cohort: Cohort, circles: list[str], force: bool = False
) -> list[ReleaseOutcome]:
    """Release `unit` to each circle in `circles`, in the circle's language; one outcome per
    circle. A circle whose language the unit lacks is refused; the others still get it."""
    cohort.require_circles(circles)
    ensure_learner_config(settings)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="redschool-release-") as tmp:
        # Build each language once in a throwaway course to compare with what circles already
        # have: nothing in a real course changes unless the release goes ahead.
        built: dict[str, str] = {}

        def fresh_in(language: str) -> str:
            if language not in built:
                staging = Path(tmp) / f"course-{language}"
                built[language] = fingerprint(add_learner_extras(
                    unit, build_assignment(unit, staging, course_id="staging", language=language), language))
            return built[language]

        for circle_id in circles:
            language = cohort.circles[circle_id].language
            if language not in unit.manifest.languages:
                outcomes.append(ReleaseOutcome(circle_id, unit.id, "refused", no_version_message(unit, language)))
                continue
            fresh = fresh_in(language)
            as_circle_grader(settings, circle_id, ensure_course, settings, cohort.circles[circle_id], cohort)
            current = fingerprint(outbound_dir(settings, circle_id, unit.id))
            if current == fresh:
                room = tuple(place_worksheets(settings, circle_id, unit, language))
                outcomes.append(ReleaseOutcome(circle_id, unit.id, "unchanged", room=room))
                continue
            fetched = who_has_fetched(settings, cohort, circle_id, unit.id) if current else []
            if fetched and not force:
                outcomes.append(
                    ReleaseOutcome(
                        circle_id,
                        unit.id,
                        "refused",
                        f"the unit changed since it was released, and {', '.join(fetched)} already fetched it. "
                        "They keep the copy they fetched, with their answers; nbgrader will not replace it, and "
                        "their submissions would be graded against the new version. Run again with --force to "
                        "release the new version anyway, and tell the circle what changed",
                        fetched=tuple(fetched),
                    )
                )
                continue
            as_circle_grader(settings, circle_id, _release_to_circle, settings, cohort, circle_id, unit, force=bool(current))
            room = tuple(place_worksheets(settings, circle_id, unit, language))
            outcomes.append(ReleaseOutcome(circle_id, unit.id, "updated" if current else "released", room=room))
    return outcomes


def check_refusal(unit: Unit) -> str:
    """The check's static rules (no kernels) on `unit`: "" if none fails, else why it may not
    be released, one problem a line. Placeholders left from `redschool unit new`, missing
    guides or readings, broken nbgrader metadata never reach learners; the full check, which
    runs the notebooks, stays `redschool check` (seconds to minutes per unit)."""
    from curriculum.check import check

    report = check([unit.folder], execute=False)
    if report.ok:
        return ""
    root = unit.folder.parent.parent.parent
    lines = [p.format(relative_to=root) for p in report.problems]
    return (f"the check finds {len(lines)} problem{'s' * (len(lines) != 1)} in this unit; fix "
            f"{'them' if len(lines) != 1 else 'it'} and run `redschool check {unit.folder}`:\n" + "\n".join(lines))


def release_checked(
    unit: Unit, *, settings: Settings, cohort: Cohort, circles: list[str], force: bool = False
) -> list[ReleaseOutcome]:
    """What `redschool release` and the authors' page do: refuse a unit the check's static
    rules fail (one refused outcome per circle, nothing written), else `release_unit`."""
    cohort.require_circles(circles)
    refusal = check_refusal(unit)
    if refusal:
        return [ReleaseOutcome(c, unit.id, "refused", refusal) for c in circles]
    return release_unit(unit, settings=settings, cohort=cohort, circles=circles, force=force)


def due_units(curriculum: Curriculum, today: dt.date) -> list[Unit]:
    """Units whose programme schedule says they open on or before `today`."""
    due = []
    for programme in curriculum.programmes.values():
        for entry in programme.manifest.entries:
            if entry.opens is not None and entry.opens <= today:
                due.append(curriculum.find_unit(entry.id))
    return due


def first_units(curriculum: Curriculum) -> list[Unit]:
    """The first unit of every programme: what the demo opens."""
    return [p.units[0] for p in curriculum.programmes.values() if p.units]
