"""Commands in the check's advice, written so that they work when pasted where the check ran.

A console script of this environment (``redschool``, ``nbstripout``, ``nbgrader``) is
named bare only when the shell would find that very script on PATH; otherwise by its
path (``.venv/bin/nbstripout`` from the project root). Files are named relative to the
working folder when inside it, else in full, and quoted for the shell."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path


def shell_path(path: Path | str) -> str:
    """``path`` as a shell word that names it from the working folder."""
    full = Path(path).absolute()
    try:
        shown = str(full.relative_to(Path.cwd()))
    except ValueError:
        shown = str(full)
    return shlex.quote(shown)


def tool(name: str) -> str:
    """How to call the console script ``name`` installed beside this Python."""
    script = Path(sys.executable).parent / name  # not resolved: a venv's python is a symlink
    if not script.exists():
        return name
    on_path = shutil.which(name)
    if on_path and os.path.realpath(on_path) == os.path.realpath(script):
        return name
    return shell_path(script)


def command(name: str, *args: str | Path) -> str:
    """A whole command line: the tool, then each argument (paths shown as :func:`shell_path`)."""
    words = [tool(name)] + [shell_path(a) if isinstance(a, Path) else shlex.quote(a) for a in args]
    return " ".join(words)
