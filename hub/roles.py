"""JupyterHub groups and roles built from the cohort (pure: data in, config values out).

Membership follows the roster through JupyterHub's own authenticator-managed groups and
roles (hub/auth.py): roles are loaded exactly at every start (`load_managed_roles`,
stale ones reset), and each person's groups are set at every login and auth refresh.
A facilitator's view of their circle is therefore filtered by the roster's usernames
(`!user=`), which are exact from the first second after a start, rather than by group
membership, which JupyterHub only updates when each person next makes a request.

Each circle's room (core/rooms.py) is the hub user `room-<c>`; the role `room-<c>`
lets the group `circle-<c>` open, start and stop that one server, and nothing else.

Groups per circle (DESIGN.md decisions 1 and 2):
  circle-<c>     everyone in the circle (learners and facilitators): the scope filter
  nbgrader-<c>   its learners: nbgrader's JupyterHubAuthPlugin reads this as "student of course <c>"
  formgrade-<c>  its facilitators: "grader of course <c>"

A facilitator's role is filtered to their circle. It never holds a `groups`
scope (JupyterHub warns that managing membership of a group you can access
amounts to unrestricted access), and never `access:servers` on learners:
they read learners' work through the circle's review desk, not their workspaces.
"""

from __future__ import annotations

from core.cohort import Cohort
from core.rooms import initials, person_colour, room_user
from core.urls import AUTHORS_SERVICE, PROGRESS_SERVICE, review_desk_service

# The single-user server's own token must read its owner's groups, so that
# nbgrader's JupyterHubAuthPlugin can tell which course(s) the person is in.
SERVER_TOKEN_SCOPES = [
    "users:activity!user",
    "access:servers!server",
    "read:users:name!user",
    "read:users:groups!user",
]



def circle_group(circle: str) -> str:
    return f"circle-{circle}"


def learners_group(circle: str) -> str:
    return f"nbgrader-{circle}"


def facilitators_group(circle: str) -> str:
    return f"formgrade-{circle}"


def build_groups(cohort: Cohort) -> dict[str, dict]:
    """Three groups per circle, with their members from the roster."""
    groups: dict[str, dict] = {}
    for cid, circle in sorted(cohort.circles.items()):
        groups[circle_group(cid)] = {"users": sorted(circle.learners + circle.facilitators)}
        groups[learners_group(cid)] = {"users": sorted(circle.learners)}
        groups[facilitators_group(cid)] = {"users": sorted(circle.facilitators)}
    return groups


def groups_by_user(cohort: Cohort) -> dict[str, list[str]]:
    """Each roster person's groups (none for authors and admins): the managed groups."""
    mine: dict[str, list[str]] = {name: [] for name in sorted(cohort.usernames)}
    for group, spec in build_groups(cohort).items():
        for name in spec["users"]:
            mine[name].append(group)
    return {name: sorted(groups) for name, groups in mine.items()}


def facilitator_scopes(cohort: Cohort, circle: str) -> list[str]:
    members = cohort.circles[circle].learners + cohort.circles[circle].facilitators
    return [
        *(f"list:users!user={name}" for name in sorted(members)),
        *(f"read:users!user={name}" for name in sorted(members)),
        f"read:groups!group={circle_group(circle)}",
        f"access:services!service={review_desk_service(circle)}",
        f"access:services!service={PROGRESS_SERVICE}",
    ]


def room_scopes(circle: str) -> list[str]:
    """What the circle's members and facilitators may do with its room: open it, and start
    it when it is not running (JupyterHub's `servers` scope, limited to that one user)."""
    return [
        f"access:servers!user={room_user(circle)}",
        f"servers!user={room_user(circle)}",
        f"read:users:name!user={room_user(circle)}",
    ]


def user_info(cohort: Cohort) -> dict[str, dict]:
    """How each roster person appears to the others in a room (hub/auth.py `user_info`)."""
    return {
        p.username: {
            "display_name": p.display_name,
            "name": p.display_name,
            "initials": initials(p.display_name),
            "color": person_colour(p.username),
        }
        for p in cohort.people
    }


def build_roles(cohort: Cohort) -> list[dict]:
    """The roster's roles with their members (RosterManagedAuthenticator.load_managed_roles):
    one facilitator role and one member role per circle, authors, admins.

    Learners need nothing beyond JupyterHub's default `user` role (`self`).
    """
    roles: list[dict] = []
    for cid, circle in sorted(cohort.circles.items()):
        roles.append(
            {
                "name": f"facilitator-{cid}",
                "description": f"Facilitates circle {cid}: sees its people and opens its review desk.",
                "scopes": facilitator_scopes(cohort, cid),
                "users": sorted(circle.facilitators),
            }
        )
        # Assigning this role to the circle's groups makes JupyterHub create them at start,
        # before any member has logged in (members join them at login).
        roles.append(
            {
                "name": f"member-{cid}",
                "description": f"Belongs to circle {cid}: may see the circle's name.",
                "scopes": [f"read:groups:name!group={circle_group(cid)}"],
                "groups": [circle_group(cid), learners_group(cid), facilitators_group(cid)],
            }
        )
        # The circle's room: granted to the group of everyone in the circle (core/rooms.py).
        roles.append(
            {
                "name": f"room-{cid}",
                "description": f"Works in circle {cid}'s room: opens it, and starts it when it is stopped.",
                "scopes": room_scopes(cid),
                "groups": [circle_group(cid)],
            }
        )
    # Listing the rooms' users in a role makes JupyterHub create them at start.
    roles.append(
        {
            "name": "circle-room",
            "description": "A circle's room: a hub user nobody logs in as, whose server the circle shares.",
            "scopes": ["read:users:name!user"],
            "users": [room_user(c) for c in sorted(cohort.circles)],
        }
    )
    authors = sorted(p.username for p in cohort.with_role("author"))
    roles.append(
        {
            "name": "curriculum-author",
            "description": "Writes and releases units: may list circles by name and open the authors' page, "
            "not read circles' members or work.",
            "scopes": ["list:groups", "read:groups:name", f"access:services!service={AUTHORS_SERVICE}"],
            "users": authors,
        }
    )
    roles.append({"name": "admin", "users": sorted(p.username for p in cohort.with_role("admin"))})
    return roles


def invite_rights(cohort: Cohort) -> dict[str, list[str]]:
    """Whom each person may make invitation links for: admins everyone, facilitators
    their circles' learners, everyone else nobody (hub/invitations.py)."""
    everyone = sorted(cohort.usernames)
    rights: dict[str, list[str]] = {}
    for person in cohort.people:
        if person.is_admin:
            rights[person.username] = everyone
        elif person.is_facilitator:
            rights[person.username] = sorted({n for c in person.circles for n in cohort.circles[c].learners})
    return rights
