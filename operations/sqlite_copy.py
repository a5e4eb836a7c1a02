"""SQLite files copied and cleaned while others may be writing to them.

A file copy of a database mid-write can be torn; SQLite's online backup API
(`sqlite3.Connection.backup`) gives a consistent snapshot while the hub, the desks and
autograde keep working. Any file that starts with SQLite's header is treated so, which
covers the hub's database, every gradebook and the SQLite files Jupyter keeps in homes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# Files SQLite keeps beside a database while it works; the snapshot replaces them.
SIDE_FILES = ("-journal", "-wal", "-shm")


def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def is_side_file(path: Path) -> bool:
    return path.name.endswith(SIDE_FILES)


def snapshot(source: Path, target: Path) -> None:
    """A consistent copy of `source` in `target`, taken while others may be writing."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def alembic_revision(path: Path) -> str | None:
    """The schema revision alembic recorded in a database (JupyterHub and nbgrader both use it)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()
    return row[0] if row else None


def vacuum(path: Path) -> None:
    """Rewrite the database so deleted rows leave no trace in free pages."""
    con = sqlite3.connect(path, timeout=30)
    try:
        con.execute("PRAGMA secure_delete = ON")
        con.execute("VACUUM")
    finally:
        con.close()
