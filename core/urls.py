"""Names and addresses of the hub's services, one definition each.

Links take the hub's base URL (JupyterHub's `base_url`, `/` unless the hub is
served under a prefix) so they work wherever the hub is mounted.
"""

from __future__ import annotations

from .rooms import room_user

PROGRESS_SERVICE = "progress"
OPERATIONS_SERVICE = "operations"  # the admins' health page
AUTHORS_SERVICE = "authors"  # the curriculum team's page: units, check status, releases


def review_desk_service(circle_id: str) -> str:
    """The JupyterHub service that runs a circle's formgrader is named after the circle."""
    return circle_id


# The environment variable telling a review desk process (grading/desk.py) its circle.
DESK_CIRCLE_ENV = "REDSCHOOL_DESK_CIRCLE"


def desk_url(circle_id: str, base_url: str = "/") -> str:
    return f"{base_url}services/{review_desk_service(circle_id)}/formgrader"


def progress_url(circle_id: str, base_url: str = "/") -> str:
    return f"{base_url}services/{PROGRESS_SERVICE}/circle/{circle_id}"


def home_url(base_url: str = "/") -> str:
    return f"{base_url}hub/home"


def health_url(base_url: str = "/") -> str:
    return f"{base_url}services/{OPERATIONS_SERVICE}/"


def my_writing_url(base_url: str = "/") -> str:
    """Where anyone downloads everything they wrote (operations/health_service.py)."""
    return f"{base_url}services/{OPERATIONS_SERVICE}/my-writing"


def room_url(circle_id: str, base_url: str = "/") -> str:
    """The circle's room. JupyterHub starts its server first if it is not running
    (members may: hub/roles.py), then opens it (JupyterLab: hub/rooms.py)."""
    return f"{base_url}hub/spawn/{room_user(circle_id)}"


def authors_url(base_url: str = "/") -> str:
    """The curriculum team's page (grading/authors_service.py)."""
    return f"{base_url}services/{AUTHORS_SERVICE}/"
