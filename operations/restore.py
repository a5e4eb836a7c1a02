"""`redschool restore FILE`: rebuild a data folder from a backup (operations/archive.py).

The archive is read and checked whole first; only then is it unpacked into a new folder
beside the target, which is renamed into place. A refused archive leaves the target as it
was, and so does a failure while unpacking. Owners and modes come back as they were when
run as root (numeric owners: the same uids on a rebuilt machine).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from core.settings import Settings

from . import archive
from .errors import OperationsError
from .hub_api import hub_pid

RESTORED_ROSTER = "roster-from-backup.csv"
RESTORED_SETTINGS = "settings-from-backup.env"


@dataclass
class RestoreResult:
    data_dir: Path
    files: int
    created: str
    moved_aside: Path | None = None
    notes: list[str] = field(default_factory=list)


def _not_empty(path: Path) -> bool:
    return path.exists() and (not path.is_dir() or any(path.iterdir()))


def _extract(tar: tarfile.TarFile, members: list[tarfile.TarInfo], into: Path, strip: str) -> None:
    """Unpack members under `strip/` into `into`, keeping modes and (as root) numeric owners."""
    chosen = []
    for member in members:
        if member.name != strip and not member.name.startswith(strip + "/"):
            continue
        member = member.replace(name=member.name[len(strip):].lstrip("/") or ".", deep=False)
        chosen.append(member)
    # Every member was checked by archive.verify (plain files and folders, no path outside);
    # the 'fully_trusted' filter keeps the sticky and setgid bits nbgrader's exchange needs.
    tar.extractall(into, members=chosen, numeric_owner=True, filter="fully_trusted")
    # Folders' times and modes are set last by tarfile; the top folder's too.


def restore(settings: Settings, path: Path, *, force: bool = False) -> RestoreResult:
    target = settings.data_dir
    if hub_pid(settings):
        raise OperationsError(f"a hub is running from {target}; stop it before restoring over it")
    # Refusals first: nothing is written before the archive is known good.
    if _not_empty(target) and not force:
        raise OperationsError(
            f"{target} is not empty; restore into an empty data folder (REDSCHOOL_DATA_DIR), "
            "or add --force to move the current one aside first"
        )
    verified = archive.verify(Path(path))
    manifest = verified.manifest
    homes = {name: settings.home_of(name) for name in manifest.get("homes", [])}
    occupied = [str(h) for h in homes.values() if _not_empty(h)]
    if occupied and not force:
        raise OperationsError(f"these homes are not empty: {', '.join(occupied)}; add --force to move them aside")

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.restoring-", dir=target.parent))
    result = RestoreResult(data_dir=target, files=len(verified.members), created=manifest.get("created", "?"))
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = [m for m in tar.getmembers() if m.name != archive.MANIFEST]
            _extract(tar, members, staging / "data", archive.DATA)
            for name in homes:
                _extract(tar, members, staging / "homes" / name, f"{archive.HOMES}/{name}")
            roster = tar.extractfile(archive.ROSTER).read()
            settings_env = tar.extractfile(archive.SETTINGS).read()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

    # The archive is unpacked whole; now swap it in.
    if target.exists():
        if _not_empty(target):
            result.moved_aside = target.with_name(f"{target.name}.before-restore-{stamp}")
            os.rename(target, result.moved_aside)
        else:
            target.rmdir()
    os.rename(staging / "data", target)
    for name, home in homes.items():
        if home.exists():
            os.rename(home, home.with_name(f"{home.name}.before-restore-{stamp}"))
        home.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging / "homes" / name), home)
    shutil.rmtree(staging, ignore_errors=True)

    _place_roster(settings, roster, result)
    settings_copy = target / RESTORED_SETTINGS
    settings_copy.write_bytes(settings_env)
    settings_copy.chmod(0o600)
    result.notes.append(f"the settings in effect when the backup was made are in {settings_copy}")
    if not manifest.get("secrets_included"):
        result.notes.append("the backup held no secrets: the hub makes new ones at its next start, and everyone logs in again")
    return result


def _place_roster(settings: Settings, roster: bytes, result: RestoreResult) -> None:
    current = settings.roster
    if current.is_file() and current.read_bytes() == roster:
        return
    if not current.exists():
        current.parent.mkdir(parents=True, exist_ok=True)
        current.write_bytes(roster)
        result.notes.append(f"the roster was restored to {current}")
        return
    aside = settings.data_dir / RESTORED_ROSTER
    aside.write_bytes(roster)
    result.notes.append(
        f"the roster in effect ({current}) differs from the backup's; the backup's is in {aside}: "
        "point REDSCHOOL_ROSTER at it, or compare the two, before starting the hub"
    )
