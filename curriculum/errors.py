"""The package's one base exception, and the problem record the check reports."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class CurriculumError(Exception):
    """Something about the curriculum that the person running the command can fix.

    The message names the file (and cell or line where known) and what to do next;
    the CLI prints it without a traceback.
    """


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the curriculum, as ``redschool check`` prints it.

    ``kind`` is a stable short code (see ``curriculum.check.KINDS``) for tests and
    tools; ``what`` says what is wrong and ``todo`` what to do about it, both in
    plain words for a curriculum writer.
    """

    file: Path
    line: int | None = None
    cell: str | None = None
    kind: str = ""
    what: str = ""
    todo: str = ""

    def location(self, relative_to: Path | None = None) -> str:
        path = self.file
        base = Path(relative_to) if relative_to else Path.cwd()
        try:
            shown = os.path.relpath(path, base)
            if shown.startswith(".." + os.sep + ".."):
                shown = str(path)
        except ValueError:  # another drive
            shown = str(path)
        where = shown
        if self.line is not None:
            where += f":{self.line}"
        if self.cell is not None:
            where += f":cell {self.cell}"
        return where

    def format(self, relative_to: Path | None = None) -> str:
        return f"{self.location(relative_to)}: {self.what} — {self.todo}"

    def __str__(self) -> str:
        return self.format()
