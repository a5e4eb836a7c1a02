"""The backup archive's format, defined once for `backup` (writes) and `restore` (reads).

A gzipped tar file:

    data/...            the data folder (SQLite databases as consistent snapshots)
    homes/<name>/...    homes that live outside the data folder (server mode)
    roster.csv          the roster in effect
    settings.env        the REDSCHOOL_ settings in effect (passwords only with --include-secrets)
    manifest.json       last: format, schema revisions, and every member's size and SHA-256

The manifest comes last, so a truncated archive has none and is refused; every member is
checked against it before anything is written, so a damaged one is refused too.
Owners (numeric) and modes are kept, so homes owned by different Unix users come back so.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import OperationsError

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data"
HOMES = "homes"
ROSTER = "roster.csv"
SETTINGS = "settings.env"
CHUNK = 1 << 20


class ArchiveError(OperationsError):
    """The archive cannot be restored as it is; nothing was written."""


def sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def schema_heads() -> dict[str, str]:
    """The schema revisions this installation's JupyterHub and nbgrader expect."""
    import jupyterhub
    import nbgrader
    from alembic.script import ScriptDirectory

    return {
        "jupyterhub": ScriptDirectory(str(Path(jupyterhub.__file__).parent / "alembic")).get_current_head(),
        "gradebook": ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head(),
    }


def safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


@dataclass(frozen=True)
class VerifiedArchive:
    path: Path
    manifest: dict

    @property
    def members(self) -> dict[str, dict]:
        return self.manifest["members"]


def verify(path: Path) -> VerifiedArchive:
    """Read the whole archive once: every member present, whole and as the manifest says,
    only plain files and folders, no path leaving the archive, and schemas this
    installation can open. Raises ArchiveError saying what is wrong; writes nothing."""
    if not path.is_file():
        raise ArchiveError(f"{path} is not a file; nothing was restored. Name a backup archive made by `redschool backup`")
    seen: dict[str, dict] = {}
    manifest = None
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if not safe_member_name(member.name):
                    raise ArchiveError(f"{path}: member {member.name!r} would be written outside the target; nothing was restored")
                if member.name == MANIFEST:
                    manifest = json.load(tar.extractfile(member))
                elif member.isfile():
                    seen[member.name] = {"size": member.size, "sha256": sha256_of(tar.extractfile(member))}
                elif not member.isdir():
                    raise ArchiveError(f"{path}: member {member.name!r} is a link or device, which a backup never holds; nothing was restored")
    except (tarfile.TarError, EOFError, zlib.error, OSError, json.JSONDecodeError) as exc:
        raise ArchiveError(
            f"{path} is damaged or truncated ({type(exc).__name__}: {exc}); nothing was restored. "
            "Use another backup (`redschool status` shows when the last one was made)."
        ) from None
    if manifest is None:
        raise ArchiveError(f"{path} has no manifest: it is truncated or not a Red School backup; nothing was restored")
    if manifest.get("format") != FORMAT:
        raise ArchiveError(
            f"{path} is in backup format {manifest.get('format')!r}; this Red School reads format {FORMAT}. "
            "Nothing was restored; restore it with the Red School version that made it."
        )
    heads = schema_heads()
    differs = {k: v for k, v in (manifest.get("schema") or {}).items() if v is not None and v != heads.get(k)}
    if differs or set(manifest.get("schema") or {}) - set(heads):
        said = ", ".join(f"{k} {v} (this installation: {heads.get(k)})" for k, v in sorted(differs.items()))
        raise ArchiveError(
            f"{path} was made with a different database schema: {said}; nothing was restored. "
            "Restore it with the Red School version that made it, then upgrade (`redschool upgrade`)."
        )
    expected = manifest.get("members") or {}
    missing = sorted(set(expected) - set(seen))
    extra = sorted(set(seen) - set(expected))
    changed = sorted(n for n in set(expected) & set(seen) if expected[n] != seen[n])
    if missing or extra or changed:
        first = (missing or extra or changed)[0]
        raise ArchiveError(
            f"{path} does not match its manifest ({len(missing)} missing, {len(extra)} unexpected, "
            f"{len(changed)} changed, e.g. {first}); nothing was restored"
        )
    return VerifiedArchive(path, manifest)
