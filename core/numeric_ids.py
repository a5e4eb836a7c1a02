"""Numeric user and group ids of server mode's accounts, where there is no /etc/passwd
to keep them: on Kubernetes every workspace, desk and autograde pod runs as a number.

The nbgrader exchange on shared storage keeps server mode's permission model
(server/folders.py: a learner owns their submission, a circle's grader owns its
course, learners read their circle's outbound through the grader's group), and
NFS enforces it by number. So each account (`<user_prefix><name>`,
`<grader_prefix><circle>`, core/accounts.py) gets one number for good: the table
only grows, a number is never given to anyone else, even after its person left the
roster (their files on the shared volume still carry it). Each account's group has
the same number as its user, as useradd's user private groups do.

Pure: `assign_ids` computes; `load_ids`/`ensure_ids` read and write the table file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from .accounts import grader_account, person_account, room_account
from .cohort import Cohort
from .settings import Settings

#: Far above the ids of any image's own users (and of Debian's dynamic range, 1000-59999),
#: below 2^31 (the largest id Kubernetes accepts for runAsUser).
FIRST_ID = 200_000
LAST_ID = 2**31 - 1


#: The account of the progress and health pages, which read every circle's course. Roster
#: names never begin with `redschool-` (core/cohort.py), so no person can be it.
PAGES_ACCOUNT = "redschool-pages"


class NumericIdError(ValueError):
    """The table of ids is damaged; say which file, and that numbers are never reused."""


def accounts(settings: Settings, cohort: Cohort) -> list[str]:
    """Every account the roster needs, people first, in a stable order, then the pages'."""
    return [person_account(settings, p) for p in sorted(cohort.usernames)] + [
        grader_account(settings, c) for c in sorted(cohort.circles)
    ] + [PAGES_ACCOUNT] + [room_account(settings, c) for c in sorted(cohort.circles)]


def uid_of(account: str, table_file: str = "") -> int | None:
    """The uid of a server-mode account: from /etc/passwd on one server, from the table on
    Kubernetes (`table_file`); None for an account that does not exist."""
    if table_file:
        return load_ids(Path(table_file)).get(account)
    import pwd

    try:
        return pwd.getpwnam(account).pw_uid
    except KeyError:
        return None


def gid_of_own_group(account: str, table_file: str = "") -> int | None:
    """The gid of an account's own group: /etc/group on one server; on Kubernetes the same
    number as its uid."""
    if table_file:
        return load_ids(Path(table_file)).get(account)
    import grp

    try:
        return grp.getgrnam(account).gr_gid
    except KeyError:
        return None


def assign_ids(known: Mapping[str, int], names: list[str]) -> dict[str, int]:
    """`known` plus a new number for each name not in it, after the highest ever given."""
    table = dict(known)
    following = max(table.values(), default=FIRST_ID - 1) + 1
    for name in names:
        if name not in table:
            if following > LAST_ID:
                raise NumericIdError(f"no numeric id left for {name} (the last is {LAST_ID})")
            table[name] = following
            following += 1
    return table


def load_ids(path: Path) -> dict[str, int]:
    """The table as written; {} when there is none yet."""
    if not path.exists():
        return {}
    try:
        table = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise NumericIdError(f"{path} is not valid JSON ({exc}); restore it from a backup: ids are never reused") from None
    if not isinstance(table, dict) or not all(isinstance(v, int) and FIRST_ID <= v <= LAST_ID for v in table.values()):
        raise NumericIdError(f"{path} must map account names to ids from {FIRST_ID}; restore it from a backup")
    if len(set(table.values())) != len(table):
        raise NumericIdError(f"{path} gives one id to two accounts; restore it from a backup")
    return table


def ensure_ids(path: Path, settings: Settings, cohort: Cohort) -> dict[str, int]:
    """Read the table, add the roster's new accounts, write it back if it grew (idempotent)."""
    known = load_ids(path)
    table = assign_ids(known, accounts(settings, cohort))
    if table != known:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".new")
        partial.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
        os.replace(partial, path)  # never a half-written table
    return table
