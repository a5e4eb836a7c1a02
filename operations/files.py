"""Reading folders that other people own, safely, as root.

In server mode homes (and the exchange's inbound) belong to learners, and `redschool backup`
and `learner export` read them as root. A learner could swap a file or folder for a symbolic
link between our look and our read, to have /etc/shadow copied into their own export or into
a backup restored into their home. So folders are walked by open descriptor (`os.fwalk`,
which never follows links) and files opened relative to them with O_NOFOLLOW; links, FIFOs
and devices are passed over.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path


def walk(root: Path, *, skip: frozenset[Path] | set[Path] = frozenset(), skipped: list[str] | None = None,
         hidden: bool = True) -> Iterator[tuple[Path, os.stat_result, int | None]]:
    """Every folder (dir_fd None) and regular file (with the descriptor of its folder, valid
    until the next item) under root, in name order. `skip`: paths left out with all below them;
    `skipped` collects the links and special files passed over; hidden=False leaves out
    dot-files and dot-folders."""
    for folder, dirs, files, dirfd in os.fwalk(root, follow_symlinks=False):
        here = Path(folder)
        kept = []
        for d in sorted(dirs):
            if here / d in skip or (not hidden and d.startswith(".")):
                continue
            try:
                st = os.stat(d, dir_fd=dirfd, follow_symlinks=False)
            except FileNotFoundError:
                continue  # gone since the folder was listed: people keep working during a backup
            if stat.S_ISLNK(st.st_mode):
                if skipped is not None:  # fwalk lists a link to a folder among the folders
                    skipped.append(str(here / d))
                continue
            kept.append(d)
        dirs[:] = kept
        yield here, os.fstat(dirfd), None
        for name in sorted(files):
            path = here / name
            if path in skip or (not hidden and name.startswith(".")):
                continue
            try:
                st = os.stat(name, dir_fd=dirfd, follow_symlinks=False)
            except FileNotFoundError:
                continue  # gone since the folder was listed, e.g. the temporary file of a save in progress
            if not stat.S_ISREG(st.st_mode):
                if skipped is not None:
                    skipped.append(str(path))
                continue
            yield path, st, dirfd


def open_regular(name: str, dir_fd: int):
    """The file `name` in the open folder, for reading, or None if it is gone or is no longer a
    regular file (never followed through a link; O_NONBLOCK so a FIFO cannot hang us)."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENXIO):
            return None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb")


def regular_files_in(folder: Path, suffix: str = "") -> Iterator[tuple[str, bytes]]:
    """(name, content) of the regular files directly in `folder` whose names end with `suffix`;
    nothing if `folder` itself is a link."""
    try:
        dirfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return
    try:
        for name in sorted(os.listdir(dirfd)):
            if name.endswith(suffix):
                source = open_regular(name, dirfd)
                if source is not None:
                    with source:
                        yield name, source.read()
    finally:
        os.close(dirfd)
