"""The hub's runtime state on disk: the data folder, workspace settings and secrets.

Idempotent `ensure_*` steps (TLJH's habit): running them twice changes nothing
the second time.
"""

from __future__ import annotations

import os
import secrets as _secrets
import sys
from pathlib import Path

from core.layout import desk_homes_dir, room_documents, room_state
from core.settings import Settings


def ensure_data_dir(settings: Settings) -> None:
    """Create the data folder (owner-only) and its sub-folders."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.data_dir, 0o700 if settings.mode == "demo" else 0o755)
    for sub in (
        settings.homes_dir,
        settings.exchange_dir,
        settings.courses_dir,
        settings.workspace_config_dir,
        settings.learner_config_dir,
        desk_homes_dir(settings),
    ):
        sub.mkdir(parents=True, exist_ok=True)


def ensure_rooms(settings: Settings, cohort) -> None:
    """Demo mode: each circle's room folder (server mode makes them with their owners:
    server/folders.py)."""
    for cid in sorted(cohort.circles):
        for folder in (room_documents(settings, cid), room_state(settings, cid)):
            folder.mkdir(parents=True, exist_ok=True)


# Nothing leaves the machine (DESIGN.md decision 6): JupyterLab would otherwise
# fetch news and check PyPI for updates from the server side.
# A person's own workspace is theirs alone: real-time collaboration is for circle
# rooms (hub/rooms.py turns it back on there).
WORKSPACE_SERVER_CONFIG = {
    "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"},
    "YDocExtension": {"disable_rtc": True},
}
# nbgrader's authoring and grading panels are for facilitators' desks, not learners;
# JupyterLab's news prompt would ask every learner whether to fetch news from the web.
WORKSPACE_PAGE_CONFIG = {
    "disabledExtensions": {
        "@jupyterlab/apputils-extension:announcements": True,
        "@jupyter/nbgrader:formgrader": True,
        "@jupyter/nbgrader:create-assignment": True,
        "@jupyter/nbgrader:course-list": True,
    }
}


# nbconvert's `mathjax()` macro loads MathJax from cdnjs, and nbgrader's formgrader and
# feedback templates call it with no way to configure the URL. Servers the hub starts put
# this folder first on JUPYTER_PATH, so this macro (which loads nothing; formulas show as
# their TeX source) is found before nbconvert's own for the classic and lab templates.
NO_CDN_MATHJAX = """{#- Red School: nothing leaves the machine; MathJax is not loaded from a CDN. -#}
{%- macro mathjax(url=None) -%}{%- endmacro %}
"""


def ensure_workspace_config(settings: Settings) -> None:
    """JupyterLab settings every server the hub starts reads (via JUPYTER_CONFIG_PATH),
    and the template overrides they find first (via JUPYTER_PATH)."""
    import json

    for template in ("classic", "lab"):
        folder = settings.workspace_data_dir / "nbconvert" / "templates" / template
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "mathjax.html.j2"
        if not path.exists() or path.read_text() != NO_CDN_MATHJAX:
            path.write_text(NO_CDN_MATHJAX)

    folder = settings.workspace_config_dir
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    for path, data in (
        (folder / "jupyter_server_config.json", WORKSPACE_SERVER_CONFIG),
        (folder / "labconfig" / "page_config.json", WORKSPACE_PAGE_CONFIG),
    ):
        text = json.dumps(data, indent=2) + "\n"
        if not path.exists() or path.read_text() != text:
            path.write_text(text)


def ensure_secret(path: Path, nbytes: int = 32) -> str:
    """Read a secret file, creating it with mode 600 if it does not exist yet."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(_secrets.token_hex(nbytes))
    os.chmod(path, 0o600)
    return path.read_text().strip()


def demo_passwords(settings: Settings) -> dict[str, str]:
    """The demo's shared passwords: from the settings, or random ones printed now."""
    made = {}
    user = settings.demo_password or _secrets.token_urlsafe(9)
    admin = settings.demo_admin_password or _secrets.token_urlsafe(33)
    if not settings.demo_password:
        made["every roster user except admins"] = user
    if not settings.demo_admin_password:
        made["admins"] = admin
    if made:
        lines = "\n".join(f"    {who}: {pw}" for who, pw in made.items())
        print(
            "\n  Red School demo passwords (set REDSCHOOL_DEMO_PASSWORD / REDSCHOOL_DEMO_ADMIN_PASSWORD to choose):\n"
            f"{lines}\n",
            file=sys.stderr,
            flush=True,
        )
    return {"demo_password": user, "demo_admin_password": admin}
