"""The monthly circle report a facilitator sends to the coordinating committee.

Three layers (STYLE.md 3): `circle_month` computes the figures from a circle's
records (pure), `render_report` turns them into one self-contained HTML page
(pure: inline CSS, no scripts, nothing fetched), and `write_circle_report`
reads the records and writes the file (the only I/O).

The report names learners (the committee knows the circle) but carries no
learner's or facilitator's words: it is built from `Record`s, which hold only
counts and dates, never the text of a reflection or a comment.

What counts as "in the month": a learner's latest submission of a unit (nbgrader
keeps every submission in the exchange, but the gradebook grades the latest, and
that is the one the facilitator reviews). A unit resubmitted in a later month
moves to that month.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import statistics
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.cohort import Cohort
from core.pages import render_page
from core.settings import Settings

from .records import CircleRecords, Record, Stage

PAGES = Path(__file__).resolve().parent / "templates" / "pages"

SECONDS_PER_DAY = 86400


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """`YYYY-MM` (e.g. 2026-03) -> Month; anything else is a GradingError saying so."""
        from .errors import GradingError

        match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise GradingError(f"month {text!r} is not a month written YYYY-MM; give one like 2026-03")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, when: dt.datetime | dt.date) -> Month:
        return cls(when.year, when.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return dt.date(self.year, self.month, 1).strftime("%B %Y")

    def contains(self, when: dt.datetime | None, tz: dt.tzinfo | None) -> bool:
        """Whether `when` falls in this month on the calendar of `tz` (None: this machine's local time)."""
        return when is not None and Month.of(when.astimezone(tz)) == self


@dataclass(frozen=True)
class UnitMonth:
    """One unit's submissions in the month."""

    unit: str
    submissions: int = 0
    not_autograded: int = 0  # submitted but not autograded yet: their reflections are not counted yet
    reflections: int = 0
    reflections_reviewed: int = 0
    feedback_returned: int = 0
    days_to_feedback: tuple[float, ...] = ()

    @property
    def median_days_to_feedback(self) -> float | None:
        return statistics.median(self.days_to_feedback) if self.days_to_feedback else None


@dataclass(frozen=True)
class CircleMonth:
    """The figures of one circle's month, for the committee."""

    circle: str
    month: Month
    learners: tuple[str, ...]  # the circle's learners on the roster
    submitted: tuple[str, ...]  # those who submitted at least one unit in the month
    units: tuple[UnitMonth, ...]  # every released unit, in curriculum order

    @property
    def not_submitted(self) -> tuple[str, ...]:
        return tuple(learner for learner in self.learners if learner not in self.submitted)

    @property
    def submissions(self) -> int:
        return sum(u.submissions for u in self.units)

    @property
    def not_autograded(self) -> int:
        return sum(u.not_autograded for u in self.units)

    @property
    def reflections(self) -> int:
        return sum(u.reflections for u in self.units)

    @property
    def reflections_reviewed(self) -> int:
        return sum(u.reflections_reviewed for u in self.units)

    @property
    def feedback_returned(self) -> int:
        return sum(u.feedback_returned for u in self.units)

    @property
    def median_days_to_feedback(self) -> float | None:
        # Over every submission, not a median of the units' medians.
        days = [d for u in self.units for d in u.days_to_feedback]
        return statistics.median(days) if days else None


def _feedback_days(record: Record) -> float | None:
    """Days from the submission to its feedback; None while it waits. Feedback older
    than the submission belongs to an earlier one (the learner resubmitted since)."""
    if record.feedback_at is None or record.submitted_at is None or record.feedback_at < record.submitted_at:
        return None
    return (record.feedback_at - record.submitted_at).total_seconds() / SECONDS_PER_DAY


def circle_month(records: CircleRecords, month: Month, *, tz: dt.tzinfo | None = dt.timezone.utc) -> CircleMonth:
    """The month's figures for one circle (pure). `tz` is the zone whose calendar
    decides the month (None: this machine's local time)."""
    submitted: set[str] = set()
    units = []
    for unit in records.units:
        in_month = [
            r
            for learner in records.learners
            if (r := records.records.get((learner, unit))) is not None and month.contains(r.submitted_at, tz)
        ]
        submitted.update(r.learner for r in in_month)
        days = [d for r in in_month if (d := _feedback_days(r)) is not None]
        units.append(
            UnitMonth(
                unit,
                submissions=len(in_month),
                not_autograded=sum(r.stage < Stage.AUTOGRADED for r in in_month),
                reflections=sum(r.reflections for r in in_month),
                reflections_reviewed=sum(r.reflections_reviewed for r in in_month),
                feedback_returned=len(days),
                days_to_feedback=tuple(days),
            )
        )
    return CircleMonth(
        circle=records.circle,
        month=month,
        learners=tuple(records.learners),
        submitted=tuple(learner for learner in records.learners if learner in submitted),
        units=tuple(units),
    )


# --- the page ------------------------------------------------------------------

RULED_LINES = 5  # blank lines under each prompt, for a pen or for typing over

ASSESSMENT_PROMPTS = (
    "Conditions of the circle: attendance, time and energy, what helped and what got in the way.",
    "Doubts and questions the circle raised, in the readings or in the work.",
    "What the circle needs from the committee.",
)


def _days(value: float | None) -> str:
    if value is None:
        return "no feedback returned yet"
    return f"{value:.1f} day" + ("" if f"{value:.1f}" == "1.0" else "s")


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole}" + (f" ({100 * part / whole:.0f}%)" if whole else "")


def render_report(
    report: CircleMonth,
    *,
    names: Mapping[str, str] | None = None,
    unit_titles: Mapping[str, str] | None = None,
    facilitators: tuple[str, ...] = (),
    generated: dt.date | None = None,
) -> str:
    """The report as one HTML page (pure), from templates/pages/report.html.j2: inline CSS
    (print-first: A4 margins, no colour needed, sections kept whole), no script, no link.

    `names` maps usernames to the names people know (default: the username);
    `unit_titles` unit ids to titles; `facilitators` are usernames too.
    """
    return render_page(
        PAGES,
        "report.html.j2",
        title=f"Circle {report.circle}: {report.month.label}",
        report=report,
        names=names or {},
        unit_titles=unit_titles or {},
        facilitators=facilitators,
        generated=generated,
        prompts=ASSESSMENT_PROMPTS,
        ruled_lines=RULED_LINES,
        days=_days,
        share=_share,
    )


# --- the edge --------------------------------------------------------------------


def default_report_path(settings: Settings, circle_id: str, month: Month) -> Path:
    return settings.data_dir / "reports" / f"{circle_id}-{month}.html"


def write_atomically(path: Path, text: str) -> None:
    """Write through a temp file in the same folder and os.replace, so a reader never
    sees half a report. The file keeps the temp file's owner-only mode: it names
    members of a political organisation, and the writer decides whom to send it to."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_circle_report(
    settings: Settings,
    cohort: Cohort,
    circle_id: str,
    month: Month,
    *,
    out: Path | None = None,
    curriculum=None,
    tz: dt.tzinfo | None = None,
    today: dt.date | None = None,
) -> tuple[Path, CircleMonth]:
    """Read the circle's records, write its report for `month`; returns the path and figures.

    `curriculum` gives the units' order and titles (None: the settings' curriculum,
    or unit ids in name order if it cannot be loaded). `tz` None: local time.
    """
    from .courses import course_exists
    from .errors import GradingError
    from .records import read_circle

    cohort.require_circles([circle_id])
    if not course_exists(settings, circle_id):
        raise GradingError(
            f"circle {circle_id} has no course yet, so there is nothing to report; "
            f"release a unit to it first: redschool release UNIT --circle {circle_id}"
        )
    path = Path(out) if out is not None else default_report_path(settings, circle_id, month)
    if path.is_dir():
        raise GradingError(f"{path} is a folder; give --out a file name, e.g. {path / f'{circle_id}-{month}.html'}")
    units = _curriculum_units(settings) if curriculum is None else curriculum.units
    records = read_circle(settings, cohort, circle_id, list(units))
    figures = circle_month(records, month, tz=tz)
    circle = cohort.circles[circle_id]
    page = render_report(
        figures,
        names={p.username: p.display_name for p in cohort.people},
        unit_titles={uid: unit.title for uid, unit in units.items()},
        facilitators=circle.facilitators,
        generated=today or dt.date.today(),
    )
    try:
        write_atomically(path, page)
    except OSError as exc:
        raise GradingError(f"could not write the report to {path}: {exc.strerror or exc}; choose another place with --out FILE") from exc
    return path, figures


def _curriculum_units(settings: Settings) -> dict:
    try:
        from curriculum.load import load_curriculum

        return load_curriculum(settings.curriculum).units
    except Exception:  # a broken curriculum must not stop a report; units then go in name order
        return {}
