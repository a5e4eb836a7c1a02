"""What a writer's placeholder is: the notes `redschool unit new` leaves for a writer to
replace, ``(Writer: …)``. The scaffold makes them with :func:`writer_note`; the check
finds them with :func:`find_placeholders`, so a unit never reaches learners with one."""

from __future__ import annotations

import re
from pathlib import Path

from curriculum.errors import Problem

MARK = "(Writer:"
_SHOWN = 60  # characters of a note quoted in a problem line


def writer_note(text: str) -> str:
    """A placeholder asking the writer for ``text``."""
    return f"{MARK} {text})"


def find_placeholders(text: str) -> list[tuple[int, str]]:
    """(line number counting from 1, the note shortened) for each placeholder in ``text``."""
    found = []
    for match in re.finditer(re.escape(MARK), text):
        depth, end = 0, len(text)
        for index in range(match.start(), len(text)):  # to its closing bracket, nested ones skipped
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth == 0:
                end = index + 1
                break
        note = " ".join(text[match.start():end].split())
        if len(note) > _SHOWN:
            note = note[: _SHOWN - 1].rstrip() + "…"
        found.append((text.count("\n", 0, match.start()) + 1, note))
    return found


def placeholder_problems(path: Path, text: str, *, cell: str | None = None) -> list[Problem]:
    """One problem per writer's placeholder (curriculum.placeholders) in ``text``: by line
    in a text file, by cell in a notebook."""
    return [
        Problem(path, None if cell else line, cell, "placeholder", f'a placeholder from `redschool unit new` is still here: "{note}"',
                "write the unit's own text in its place, and delete the note")
        for line, note in find_placeholders(text)
    ]
