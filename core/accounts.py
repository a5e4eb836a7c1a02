"""Server mode's system accounts: one name for each, and the checks that keep them apart.

    <user_prefix><roster name>     a person (`jupyter-learner1`): their workspace runs as it,
                                   their home is its home (mode 700)
    <grader_prefix><circle>        a circle's grader (`grader-rosa`): owns the circle's course
                                   and exchange folders, runs its review desk; a member of
                                   each of the circle's learners' own groups, so it can read
                                   what they submit and only it can give them their feedback
    <user_prefix>room-<circle>     a circle's room (`jupyter-room-rosa`, core/rooms.py): the
                                   shared workspace runs as it; it owns the room's folder
                                   and nothing else

Pure: names are computed, nothing is read or written here (server/accounts.py applies them).
"""

from __future__ import annotations

from .cohort import Cohort
from .rooms import room_user
from .settings import Settings

#: Longest Unix account name useradd accepts (and `ps` shows in full).
MAX_ACCOUNT = 32


class AccountNameError(ValueError):
    """A roster name or circle id makes a system account name that cannot exist."""


def person_account(settings: Settings, username: str) -> str:
    """The system account of a roster person."""
    return settings.account_of(username)


def grader_account(settings: Settings, circle_id: str) -> str:
    """The system account that owns a circle's course and runs its desk."""
    return f"{settings.grader_prefix}{circle_id}"


def room_account(settings: Settings, circle_id: str) -> str:
    """The system account a circle's room runs as (JupyterHub's user `room-<circle>`)."""
    return settings.account_of(room_user(circle_id))


def authors_group(settings: Settings) -> str:
    """Server mode: the system group of the roster's authors, which may write the curriculum
    team's shared repository (core/curriculum_repo.py). No person's account can have this
    name: usernames never begin with `redschool-` (RESERVED_PREFIXES)."""
    return f"{settings.user_prefix}redschool-authors"


def check_account_names(settings: Settings, cohort: Cohort) -> None:
    """Every account the roster needs fits Unix's limit; say which do not, and how to fix it."""
    too_long = [
        f"{kind} {name!r} would be the account {account!r} ({len(account)} characters)"
        for kind, name, account in (
            *(("person", p, person_account(settings, p)) for p in sorted(cohort.usernames)),
            *(("circle", c, grader_account(settings, c)) for c in sorted(cohort.circles)),
            *(("room of circle", c, room_account(settings, c)) for c in sorted(cohort.circles)),
        )
        if len(account) > MAX_ACCOUNT
    ]
    if too_long:
        raise AccountNameError(
            f"system account names have at most {MAX_ACCOUNT} characters; shorten these in the roster "
            "(or choose a shorter REDSCHOOL_USER_PREFIX / REDSCHOOL_GRADER_PREFIX):\n  " + "\n  ".join(too_long)
        )
