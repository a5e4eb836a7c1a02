"""`redschool upgrade`: after `git pull` and `make setup`, bring the databases to the schemas
the installed JupyterHub and nbgrader expect, keeping everything in them.

With the hub stopped: a backup first, then every gradebook (nbgrader's own migrations,
`nbgrader.dbutil.upgrade`, which `nbgrader db upgrade` runs), then the hub's database
(`jupyterhub upgrade-db`, with our config). Starting the hub again starts every service.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from core.layout import gradebook_url, hub_database_path
from core.settings import PROJECT_ROOT, Settings

from .archive import schema_heads
from .backup import BackupResult, backup, existing_gradebooks
from .errors import OperationsError
from .hub_api import HubClient, hub_pid
from .sqlite_copy import alembic_revision

JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"


@dataclass
class UpgradeResult:
    backup: BackupResult | None
    changes: list[str] = field(default_factory=list)  # "<database>: <from> -> <to>"


def revisions(settings: Settings) -> dict[Path, str | None]:
    found = {p: alembic_revision(p) for p in existing_gradebooks(settings)}
    if hub_database_path(settings).is_file():
        found[hub_database_path(settings)] = alembic_revision(hub_database_path(settings))
    return found


def upgrade(settings: Settings, *, backup_first: bool = True) -> UpgradeResult:
    if hub_pid(settings) or HubClient(settings).answers():
        raise OperationsError("the hub is running; stop it, run `redschool upgrade`, then start it again")
    if not settings.data_dir.is_dir():
        raise OperationsError(f"there is no data folder at {settings.data_dir} to upgrade")
    before = revisions(settings)
    result = UpgradeResult(backup=backup(settings) if backup_first else None)
    from nbgrader import dbutil

    from curriculum.build import nbgrader_scripts_on_path

    with nbgrader_scripts_on_path():
        for path in existing_gradebooks(settings):
            dbutil.upgrade(gradebook_url(settings, path.parent.name))
    hub_db = hub_database_path(settings)
    copies_before = set(hub_db.parent.glob(f"{hub_db.name}.*"))
    if hub_db.is_file():
        done = subprocess.run(
            [str(JUPYTERHUB), "upgrade-db", "-f", str(PROJECT_ROOT / "jupyterhub_config.py")],
            cwd=settings.data_dir, env=os.environ.copy(), capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise OperationsError(
                "jupyterhub upgrade-db failed; the databases are as the backup left them "
                f"({result.backup.path if result.backup else 'no backup made'}):\n{done.stderr[-2000:]}"
            )
    # `jupyterhub upgrade-db` leaves a copy of the database beside it; the backup made first holds
    # the same, and a stray copy would keep an erased learner's hub user.
    copies = set(hub_db.parent.glob(f"{hub_db.name}.*")) - copies_before
    if result.backup:
        for copy in copies:
            copy.unlink()
    else:
        result.changes += [f"{c}: JupyterHub's copy of the database from before the upgrade (delete it once all is well)" for c in sorted(copies)]
    after = revisions(settings)
    heads = schema_heads()
    for path, old in sorted(before.items()):
        new = after.get(path)
        expected = heads["jupyterhub" if path == hub_database_path(settings) else "gradebook"]
        if new != expected:
            raise OperationsError(f"{path} is at schema {new} after the upgrade, not {expected}")
        result.changes.append(f"{path}: {old} -> {new}" if old != new else f"{path}: already at {new}")
    return result
