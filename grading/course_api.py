"""nbgrader's own API, opened on one circle's course with that course's settings."""

from __future__ import annotations

from pathlib import Path

from core.layout import course_dir
from core.settings import Settings

from .courses import course_config as built_config
from .courses import course_exists
from .errors import GradingError

TEMPLATES = Path(__file__).resolve().parent / "templates"


def course_config(settings: Settings, circle_id: str):
    """The circle's course settings (built in memory, never read from a file)."""
    if not course_exists(settings, circle_id):
        raise GradingError(
            f"circle {circle_id} has no course yet ({course_dir(settings, circle_id)} has no gradebook); "
            f"release a unit to it first: redschool release UNIT --circle {circle_id}"
        )
    return built_config(settings, circle_id)


def course_api(settings: Settings, circle_id: str, *, extra=None):
    """An NbGraderAPI for the circle's course. `extra` is merged over the course config."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = course_config(settings, circle_id)
    if extra is not None:
        config.merge(extra)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)
