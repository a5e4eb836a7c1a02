"""JupyterHub groups and roles built from the cohort (pure: data in, config values out).

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

from .cohort import Cohort

# The single-user server's own token must read its owner's groups, so that
# nbgrader's JupyterHubAuthPlugin can tell which course(s) the person is in.
SERVER_TOKEN_SCOPES = [
    "users:activity!user",
    "access:servers!server",
    "read:users:name!user",
    "read:users:groups!user",
]


PROGRESS_SERVICE = "progress"


def circle_group(circle: str) -> str:
    return f"circle-{circle}"


def learners_group(circle: str) -> str:
    return f"nbgrader-{circle}"


def facilitators_group(circle: str) -> str:
    return f"formgrade-{circle}"


def review_desk_service(circle: str) -> str:
    """The JupyterHub service that runs a circle's formgrader is named after the circle."""
    return circle


def build_groups(cohort: Cohort) -> dict[str, dict]:
    """`c.JupyterHub.load_groups`: three groups per circle, from the roster."""
    groups: dict[str, dict] = {}
    for cid, circle in sorted(cohort.circles.items()):
        groups[circle_group(cid)] = {"users": sorted(circle.learners + circle.facilitators)}
        groups[learners_group(cid)] = {"users": sorted(circle.learners)}
        groups[facilitators_group(cid)] = {"users": sorted(circle.facilitators)}
    return groups


def facilitator_scopes(circle: str) -> list[str]:
    group = circle_group(circle)
    return [
        f"list:users!group={group}",
        f"read:users!group={group}",
        f"read:groups!group={group}",
        f"access:services!service={review_desk_service(circle)}",
        f"access:services!service={PROGRESS_SERVICE}",
    ]


def build_roles(cohort: Cohort) -> list[dict]:
    """`c.JupyterHub.load_roles`: one facilitator role per circle, authors, admins.

    Learners need nothing beyond JupyterHub's default `user` role (`self`).
    """
    roles: list[dict] = []
    for cid, circle in sorted(cohort.circles.items()):
        roles.append(
            {
                "name": f"facilitator-{cid}",
                "description": f"Facilitates circle {cid}: sees its people and opens its review desk.",
                "scopes": facilitator_scopes(cid),
                "users": sorted(circle.facilitators),
            }
        )
    authors = sorted(p.username for p in cohort.with_role("author"))
    roles.append(
        {
            "name": "curriculum-author",
            "description": "Writes and releases units: may list circles by name, not read their members or work.",
            "scopes": ["list:groups", "read:groups:name"],
            "users": authors,
        }
    )
    roles.append({"name": "admin", "users": sorted(p.username for p in cohort.with_role("admin"))})
    return roles
