"""`redschool backup`: one archive of everything a cohort needs to be rebuilt, made while
the hub runs (format: operations/archive.py).

Databases are snapshotted with SQLite's online backup API; every other file is copied
aside before it is added, so a learner saving a notebook mid-backup gives either the old
or the new version, never a torn one (Jupyter saves by writing a new file and renaming it).
Symbolic links and special files are not followed or kept: in server mode a home is its
owner's to fill, and a link could point anywhere on the machine.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.cohort import load_roster
from core.layout import (
    backups_dir,
    gradebook_path,
    hub_database_path,
    hub_pid_path,
    last_backup_record,
    proxy_pid_path,
    rooms_dir,
    secret_files,
)
from core.settings import Settings

from . import archive
from .errors import OperationsError
from .files import open_regular, walk
from .sqlite_copy import alembic_revision, is_side_file, is_sqlite, snapshot

SPOOL = 64 << 20  # files up to this size are copied aside in memory, larger ones on disk


@dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    databases: int
    seconds: float
    secrets_included: bool
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"Backup written to {self.path}: {self.files} files ({self.databases} databases snapshotted), "
            f"{self.size / 1e6:.1f} MB, in {self.seconds:.1f} s."
        )


def default_archive(settings: Settings, now: dt.datetime) -> Path:
    return backups_dir(settings) / f"redschool-{now:%Y%m%d-%H%M%S}.tar.gz"


def left_out(settings: Settings, *, include_secrets: bool) -> set[Path]:
    """Files of the data folder a backup never holds: process ids, earlier backups, and
    the secrets unless asked (a restored hub makes new ones; everyone logs in again)."""
    skip = {hub_pid_path(settings), proxy_pid_path(settings), backups_dir(settings)}
    if not include_secrets:
        skip.update(secret_files(settings))
    return skip


def settings_text(settings: Settings, *, include_secrets: bool) -> str:
    from dataclasses import fields

    env = settings.to_env()
    if include_secrets:
        for f in fields(settings):
            if f.metadata["secret"] and getattr(settings, f.name):
                env[f.metadata["env"]] = str(getattr(settings, f.name))
    return "".join(f"{k}={v}\n" for k, v in sorted(env.items()))


class _Writer:
    """Adds members to the tar and remembers each one's size and hash for the manifest."""

    def __init__(self, tar: tarfile.TarFile):
        self.tar = tar
        self.members: dict[str, dict] = {}
        self.databases = 0

    def add_dir(self, name: str, st: os.stat_result) -> None:
        info = tarfile.TarInfo(name)
        info.type = tarfile.DIRTYPE
        self._own(info, st)
        self.tar.addfile(info)

    def add_database(self, name: str, path: Path, st: os.stat_result) -> None:
        """A consistent snapshot (SQLite's online backup API), for the platform's own databases."""
        with tempfile.SpooledTemporaryFile(SPOOL) as copy, tempfile.TemporaryDirectory() as tmp:
            snap = Path(tmp) / "snapshot.sqlite"
            snapshot(path, snap)
            with open(snap, "rb") as f:
                _copy(f, copy)
            self.databases += 1
            self.add_stream(name, copy, st)

    def add_file(self, name: str, path: Path, st: os.stat_result, dir_fd: int) -> None:
        """Copied aside first: a file rewritten meanwhile is added whole, as it was when opened."""
        source = open_regular(path.name, dir_fd)
        if source is None:
            return  # removed (or swapped for a link) while we walked
        with source, tempfile.SpooledTemporaryFile(SPOOL) as copy:
            _copy(source, copy)
            self.add_stream(name, copy, st)

    def add_bytes(self, name: str, data: bytes, mode: int = 0o600) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), mode, time.time()
        self.members[name] = {"size": len(data), "sha256": archive.sha256_of(io.BytesIO(data))}
        self.tar.addfile(info, io.BytesIO(data))

    def add_stream(self, name: str, copy, st: os.stat_result) -> None:
        size = copy.tell()
        copy.seek(0)
        digest = archive.sha256_of(copy)
        copy.seek(0)
        info = tarfile.TarInfo(name)
        info.size = size
        self._own(info, st)
        self.members[name] = {"size": size, "sha256": digest}
        self.tar.addfile(info, copy)

    @staticmethod
    def _own(info: tarfile.TarInfo, st: os.stat_result) -> None:
        info.mode = stat.S_IMODE(st.st_mode)  # keeps the exchange's sticky and setgid bits
        info.uid, info.gid, info.mtime = st.st_uid, st.st_gid, st.st_mtime


def _copy(src, dst) -> None:
    for chunk in iter(lambda: src.read(archive.CHUNK), b""):
        dst.write(chunk)


def outside_homes(settings: Settings, cohort) -> dict[str, Path]:
    """Homes that are not inside the data folder (server mode: /home/<user>)."""
    homes = {}
    for name in sorted(cohort.usernames):
        home = settings.home_of(name)
        if home.is_dir() and not home.is_relative_to(settings.data_dir):
            homes[name] = home
    return homes


def backup(settings: Settings, *, to: Path | None = None, include_secrets: bool = False,
           now: dt.datetime | None = None) -> BackupResult:
    """Write one archive of the data folder, outside homes, roster and settings."""
    started = time.monotonic()
    now = now or dt.datetime.now(dt.timezone.utc)
    if not settings.data_dir.is_dir():
        raise OperationsError(f"there is no data folder at {settings.data_dir} to back up (REDSCHOOL_DATA_DIR)")
    cohort = load_roster(settings.roster)
    target = Path(to) if to else default_archive(settings, now)
    if target.is_dir():
        target = target / default_archive(settings, now).name
    if target.resolve().is_relative_to(settings.data_dir.resolve()) and not target.resolve().is_relative_to(
        backups_dir(settings).resolve()
    ):
        raise OperationsError(f"{target} is inside the data folder; write backups to {backups_dir(settings)} or elsewhere")
    if target.parent == backups_dir(settings):
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # everyone's writing: admins only
    target.parent.mkdir(parents=True, exist_ok=True)
    skip = left_out(settings, include_secrets=include_secrets)
    hub_db = hub_database_path(settings)
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.fchmod(fd, 0o600)  # it holds everyone's writing and the hub's password hashes
    skipped: list[str] = []
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
            writer = _Writer(tar)
            roots = [(archive.DATA, settings.data_dir)] + [
                (f"{archive.HOMES}/{name}", home) for name, home in outside_homes(settings, cohort).items()
            ]
            # Folders learners can write into (homes, the exchange's inbound, circles' rooms): read by
            # descriptor only.
            people_own = [settings.homes_dir, settings.exchange_dir, rooms_dir(settings), *(home for _, home in roots[1:])]
            for prefix, root in roots:
                for path, st, dir_fd in walk(root, skip=skip, skipped=skipped):
                    rel = path.relative_to(root).as_posix()
                    name = prefix if rel == "." else f"{prefix}/{rel}"
                    if dir_fd is None:
                        writer.add_dir(name, st)
                    elif is_side_file(path):
                        continue  # a database's journal: its snapshot holds what counts
                    elif not any(path.is_relative_to(h) for h in people_own) and is_sqlite(path):
                        writer.add_database(name, path, st)
                    else:
                        # There, SQLite files (Jupyter's) are copied like any file: they are their
                        # owner's, and opening them by path could follow a swapped-in link.
                        writer.add_file(name, path, st, dir_fd)
            writer.add_bytes(archive.ROSTER, settings.roster.read_bytes())
            writer.add_bytes(archive.SETTINGS, settings_text(settings, include_secrets=include_secrets).encode())
            gradebooks = existing_gradebooks(settings)
            manifest = {
                "format": archive.FORMAT,
                "created": now.isoformat(timespec="seconds"),
                "mode": settings.mode,
                "data_dir": str(settings.data_dir),
                "circles": sorted(cohort.circles),
                "homes": sorted(outside_homes(settings, cohort)),
                "schema": {
                    "jupyterhub": alembic_revision(hub_db) if hub_db.exists() else None,
                    "gradebook": _one_revision(gradebooks),
                },
                "secrets_included": include_secrets,
                "skipped": skipped,
                "members": writer.members,
            }
            writer.add_bytes(archive.MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        os.replace(partial, target)
    except PermissionError as exc:
        Path(partial).unlink(missing_ok=True)
        raise OperationsError(
            f"cannot read {exc.filename}; run `redschool backup` as the user the hub runs as (root in server mode)"
        ) from None
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    result = BackupResult(
        path=target,
        size=target.stat().st_size,
        files=len(writer.members),
        databases=writer.databases,
        seconds=time.monotonic() - started,
        secrets_included=include_secrets,
        skipped=skipped,
    )
    record_last_backup(settings, result, dt.datetime.now(dt.timezone.utc))
    return result


def existing_gradebooks(settings: Settings) -> list[Path]:
    """Every circle's gradebook in the data folder, whether or not the circle is still on the roster."""
    if not settings.courses_dir.is_dir():
        return []
    found = (gradebook_path(settings, d.name) for d in sorted(settings.courses_dir.iterdir()) if d.is_dir())
    return [p for p in found if p.is_file()]


def _one_revision(gradebooks: list[Path]) -> str | None:
    """The gradebooks' schema revision; gradebooks caught mid-upgrade at several revisions are
    recorded as all of them, which no installation's schema matches (restore refuses it)."""
    revisions = sorted({str(alembic_revision(p)) for p in gradebooks})
    return ",".join(revisions) if revisions else None


def record_last_backup(settings: Settings, result: BackupResult, now: dt.datetime) -> None:
    record = last_backup_record(settings)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({
        "path": str(result.path), "finished": now.isoformat(timespec="seconds"),
        "size": result.size, "files": result.files, "secrets_included": result.secrets_included,
    }, indent=1) + "\n")


def last_backup(settings: Settings) -> dict | None:
    try:
        record = json.loads(last_backup_record(settings).read_text())
        record["finished"] = dt.datetime.fromisoformat(record["finished"])
        return record
    except (OSError, ValueError, KeyError):
        return None
