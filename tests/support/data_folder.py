"""Looking at a whole data folder: every file's hash, every SQLite database's rows, and a
search of both for a piece of text (for the backup, restore and erase tests)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from operations.sqlite_copy import is_side_file, is_sqlite


def skipped(rel: str, skip) -> bool:
    """`skip` holds path prefixes, or `*/part/` for a part anywhere in the path."""
    return any(("/" + rel).find(s[1:]) >= 0 if s.startswith("*/") else rel.startswith(s) for s in skip)


def file_hashes(root: Path, *, skip=()) -> dict[str, str]:
    """Relative path -> SHA-256 of every regular file under root (SQLite databases by content rows)."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file() or is_side_file(path) or skipped(rel, skip):
            continue
        found[rel] = database_digest(path) if is_sqlite(path) else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def database_rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def database_digest(path: Path) -> str:
    """A database's content, not its pages: a snapshot has the same rows in other pages."""
    return hashlib.sha256(repr(database_rows(path)).encode()).hexdigest()


def files_containing(root: Path, text: str) -> list[str]:
    """Every file under root whose bytes contain `text`, and every database with a row holding it."""
    needle = text.encode()
    hits = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if needle in path.read_bytes():
            hits.append(str(path))
        elif is_sqlite(path) and text in repr(database_rows(path)):
            hits.append(f"{path} (rows)")
    return hits
