"""One learner-play table per unit: its right answers, its autograded checks with the
typical mistake each one has a hint for, and the charts drawn from a learner's answers.
tests/notebooks/test_units_play.py plays every table; the agreement tables reuse them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Mistake(NamedTuple):
    """A typical wrong answer: the answer cell, what the learner writes there, and
    words of the hint their check must show."""

    cell: str
    answer: str
    hint: str


@dataclass(frozen=True)
class Unit:
    id: str
    correct: dict[str, str]  # answer cell (grade id) -> a correct answer
    checks: dict[str, Mistake | None]  # every autograded check of the unit -> its typical mistake, if tested
    charts: dict[str, str] = field(default_factory=dict)  # chart cell drawn from an answer -> words it must show
