"""Server mode: bring the machine in line with the roster (hub start and `redschool roster apply`)."""

from __future__ import annotations

from core.cohort import Cohort
from core.settings import Settings

from .accounts import apply_accounts
from .folders import ensure_server_folders


def apply_roster(settings: Settings, cohort: Cohort) -> list[str]:
    """Accounts, then courses (gradebooks enrol the roster's learners), then every folder's
    owner and mode. Idempotent; returns what changed, one line each."""
    from grading.courses import ensure_courses

    changes = apply_accounts(settings, cohort)
    ensure_courses(settings, cohort)
    ensure_server_folders(settings, cohort)
    return changes
