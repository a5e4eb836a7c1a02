"""What the hub's home page says to each person, from the roster (pure)."""

from __future__ import annotations

from core.cohort import Cohort
from core.urls import PROGRESS_SERVICE, authors_url, desk_url, health_url, home_url, my_writing_url, progress_url, room_url


def home_context(cohort: Cohort, user, *, invitations: bool = False) -> dict:
    """Template variables for `user` (JupyterHub's User, or None on public pages).

    Links are relative to the root URL (`/`); the template prefixes it. `invitations`:
    people set their passwords through invitation links (server mode), so admins and
    facilitators get a link to the page that makes them.
    """
    name = getattr(user, "name", None)
    if name is None or name not in cohort.usernames:
        return {"known": False}
    person = cohort.person(name)
    facilitates = [c for c in person.circles if person.is_facilitator]
    return {
        "known": True,
        "display_name": person.display_name,
        "roles": sorted(person.roles),
        "circle": person.circles[0] if person.is_learner else None,
        # Every circle the person is in has a room they may open (hub/roles.py).
        "rooms": [{"circle": c, "url": room_url(c, base_url="")} for c in person.circles],
        "facilitates": [
            {
                "circle": c,
                "learners": len(cohort.circles[c].learners),
                "desk_url": desk_url(c, base_url=""),
                "progress_url": progress_url(c, base_url=""),
            }
            for c in facilitates
        ],
        "is_author": person.is_author,
        "authors_url": authors_url(base_url="") if (person.is_author or person.is_admin) else None,
        "is_admin": person.is_admin,
        "invites": invitations and (person.is_admin or person.is_facilitator),
        "health_url": health_url(base_url=""),
        "my_writing_url": my_writing_url(base_url=""),
        "cohort": cohort_overview(cohort) if person.is_admin else [],
        "all_progress_url": f"services/{PROGRESS_SERVICE}/",
    }


def _names(cohort: Cohort, usernames) -> list[str]:
    return [cohort.person(u).display_name for u in usernames]


def cohort_overview(cohort: Cohort) -> list[dict]:
    """The admin's view of the cohort, circle by circle, as the roster says it."""
    return [
        {
            "circle": c.id,
            "facilitators": _names(cohort, c.facilitators),
            "learners": len(c.learners),
            "desk_url": desk_url(c.id, base_url=""),
            "progress_url": progress_url(c.id, base_url=""),
        }
        for c in sorted(cohort.circles.values(), key=lambda c: c.id)
    ]


def landing_url(cohort: Cohort, username: str | None, base_url: str = "/") -> str | None:
    """Where someone lands after logging in.

    Learners go straight to their workspace (they come to study); anyone who
    also keeps a circle, writes units or runs the hub lands on the home page,
    where their desks and the admin panel are. None means JupyterHub's default.
    """
    if username is None or username not in cohort.usernames:
        return None
    person = cohort.person(username)
    if person.is_learner:
        return None
    return home_url(base_url)
