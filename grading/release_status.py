"""Where each unit is released, and whether it changed since: what the authors' page shows.

A release (grading/release.py) leaves two records this reads, and nothing else:
- the circle's course keeps the unit's source as it was built for that release,
  `courses/<circle>/source/<unit>/` (curriculum.build.build_assignment copies it there
  only when a release goes ahead);
- the circle's outbound holds what learners fetch, with the unit's card (`.unit.json`,
  written when the release was built) and its reading guides.

"Changed since release" compares the released source, card and reading guides with
what the curriculum would give now (the same copy and card a release makes, without
running nbgrader), so it answers in milliseconds per unit and circle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.layout import READINGS_FOLDER, UNIT_CARD, course_dir, outbound_dir
from core.settings import Settings
from curriculum.build import copy_unit_source
from curriculum.load import Unit

from .errors import GradingError


@dataclass(frozen=True)
class CircleRelease:
    circle: str
    released_at: dt.datetime | None  # None: not released to this circle
    changed: bool = False  # the curriculum's unit differs from what was released

    @property
    def words(self) -> str:
        if self.released_at is None:
            return "not released"
        when = self.released_at.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return f"released {when}" + (", changed since" if self.changed else "")


def digest(folder: Path, only: tuple[str, ...] | None = None) -> str:
    """A digest of the files under `folder` (relative path and bytes), or of those whose
    first path part is in `only`; "" for a missing folder."""
    if not folder.is_dir():
        return ""
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
        rel = path.relative_to(folder)
        if only is not None and rel.parts[0] not in only:
            continue
        sha.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


EXTRAS = (UNIT_CARD, READINGS_FOLDER)


def released_source(settings: Settings, circle_id: str, unit_id: str) -> Path:
    """The unit's source as the circle's last release built it."""
    return course_dir(settings, circle_id) / "source" / unit_id


def current_digests(unit: Unit) -> tuple[str, str]:
    """(source, card and readings) digests of the unit as a release would build it now."""
    from .release import add_learner_extras

    with tempfile.TemporaryDirectory(prefix="redschool-status-") as tmp:
        source = copy_unit_source(unit, Path(tmp) / "source")
        extras = Path(tmp) / "extras"
        extras.mkdir()
        try:
            add_learner_extras(unit, extras)
        except GradingError:
            return digest(source), "missing reading"  # the check says which; never equal to a release
        return digest(source), digest(extras, EXTRAS)


def release_status(settings: Settings, unit: Unit, circles: list[str]) -> list[CircleRelease]:
    """Per circle: when `unit` was released there, and whether it changed since."""
    now_source, now_extras = current_digests(unit)
    found = []
    for circle in circles:
        outbound = outbound_dir(settings, circle, unit.id)
        card = outbound / UNIT_CARD
        if not outbound.is_dir():
            found.append(CircleRelease(circle, None))
            continue
        stamp = card if card.is_file() else outbound
        when = dt.datetime.fromtimestamp(stamp.stat().st_mtime, dt.timezone.utc)
        changed = (digest(released_source(settings, circle, unit.id)), digest(outbound, EXTRAS)) != (now_source, now_extras)
        found.append(CircleRelease(circle, when, changed))
    return found
