"""What the `redschool` grading commands say to a person: titles, names and times in minutes.

The outcomes (release, collect, autograde, feedback) keep their `line()`, with ids, which
scripts and `--porcelain` read; `Names` turns the same facts into words from the roster
and the curriculum. Pure: the caller loads the roster and the titles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

__all__ = ["Names", "minutes", "seconds"]


def minutes(when: dt.datetime | str | None) -> str:
    """A moment to the minute, as people read it: "2026-12-01 04:25 UTC" (no seconds, no
    microseconds). Accepts a datetime or nbgrader's text timestamps; other text comes back unchanged."""
    if when is None:
        return ""
    if isinstance(when, str):
        from nbgrader.utils import parse_utc

        try:
            when = parse_utc(when.strip())
        except Exception:  # dateutil raises several kinds on text that is not a time
            return when
    zone = " UTC" if when.tzinfo is None or when.utcoffset() == dt.timedelta(0) else when.strftime(" %z")
    return when.strftime("%Y-%m-%d %H:%M") + zone


def seconds(value: float) -> str:
    """A duration as people say it: "4 s", "2 min 5 s"."""
    whole = max(0, round(value))
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60} s" if whole % 60 else f"{whole // 60} min"


@dataclass(frozen=True)
class Names:
    """Units by their titles and people by their roster names; ids when either is unknown."""

    titles: Mapping[str, str] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)

    def unit(self, unit_id: str) -> str:
        return self.titles.get(unit_id) or unit_id

    def person(self, username: str) -> str:
        return self.people.get(username) or username

    @classmethod
    def of(cls, settings, cohort) -> "Names":
        from .units import unit_titles

        return cls(unit_titles(settings), {p.username: p.display_name for p in cohort.people})

    def released(self, outcome) -> str:
        """A ReleaseOutcome in words."""
        status = {
            "released": "released",
            "unchanged": "already released, unchanged",
            "updated": "released again (updated)",
            "refused": "not released",
        }.get(outcome.status, outcome.status)
        line = f"{self.unit(outcome.unit)}, circle {outcome.circle}: {status}" + (f" ({outcome.detail})" if outcome.detail else "")
        return "\n".join([line, *(f"  {copy.line()}" for copy in outcome.room)])  # its circle worksheets

    def graded(self, graded) -> str:
        """An autograded submission (grading.autograde.Graded) in words: no score (feedback promises none)."""
        status = {"graded": "checked", "skipped": "already checked", "failed": "could not be checked"}.get(graded.status, graded.status)
        text = f"{self.person(graded.student)}: {status}"
        if graded.status == "graded":
            text += f" in {seconds(graded.seconds)}"
        if graded.timed_out:
            text += f"; stopped at the time limit in {', '.join(graded.timed_out)}"
        if graded.tampered:
            text += f"; locked cells put back: {', '.join(graded.tampered)}"
        if graded.error:
            text += f"; {graded.error}"
        return text

    def feedback(self, outcome) -> str:
        """A FeedbackOutcome in words."""
        return outcome.words(self.person(outcome.student))

    def collected(self, unit_id: str, circle: str, students: list[str]) -> str:
        who = ", ".join(self.person(s) for s in students)
        return f"{self.unit(unit_id)}, circle {circle}: {len(students)} submission(s) collected" + (f" from {who}" if who else "")
