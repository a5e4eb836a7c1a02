"""A circle's room: the one workspace a whole circle shares, live (issue 14).

Each circle's room is a JupyterHub user of its own, `room-<circle>`, whose server is
started with real-time collaboration (jupyter-collaboration) and whose access is
granted to the circle's group by a role (hub/roles.py). Nobody logs in as a room:
it is not on the roster, so no authenticator lets it in. In server mode it runs as its
own system account (core/accounts.py), whose only files are the room's.

Pure: names and colours are computed here; nothing is read or written.
"""

from __future__ import annotations

import hashlib

ROOM_PREFIX = "room-"
# A unit's circle worksheets, collected from the room, are one nbgrader assignment of the
# circle's course named `<unit id>.room` (a dot: never part of a unit id, allowed by nbgrader),
# handed in by the room's user as the circle's submission.
ROOM_WORK_SUFFIX = ".room"

# Cursor and avatar colours, dark enough to carry white initials and to read on
# white as a cursor; each person keeps theirs in every room (chosen by name).
PALETTE = (
    "#b3261e", "#1b5e20", "#0d47a1", "#6a1b9a", "#e65100",
    "#00695c", "#ad1457", "#4e342e", "#283593", "#558b2f",
)


def room_user(circle_id: str) -> str:
    """The JupyterHub user whose server is the circle's room."""
    return f"{ROOM_PREFIX}{circle_id}"


def room_circle(username: str) -> str | None:
    """The circle whose room `username` is, or None for a person."""
    return username[len(ROOM_PREFIX):] if username.startswith(ROOM_PREFIX) else None


def room_assignment(unit_id: str) -> str:
    """The nbgrader assignment holding a unit's worksheets as the circle handed them in."""
    return f"{unit_id}{ROOM_WORK_SUFFIX}"


def room_assignment_unit(assignment_id: str) -> str | None:
    """The unit whose worksheets `assignment_id` holds, or None for a unit's own assignment."""
    return assignment_id[: -len(ROOM_WORK_SUFFIX)] if assignment_id.endswith(ROOM_WORK_SUFFIX) else None


def room_student_name(circle_id: str) -> str:
    """How the desk names the circle's room as the author of a submission."""
    return f"The {circle_id} circle, together"


def person_colour(username: str) -> str:
    """A person's colour on cursors and in the list of who is here (stable across rooms)."""
    digest = hashlib.sha256(username.encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def initials(display_name: str) -> str:
    """Up to two initials, as JupyterLab shows in its avatars ("Ana Ruiz" -> "AR")."""
    words = [w for w in display_name.replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0].upper() for w in words[:2]) or "?"
