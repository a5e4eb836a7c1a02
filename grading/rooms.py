"""What reaches a circle's room from outside it (core/rooms.py says what a room is).

At release, a unit's circle worksheets (its manifest's `worksheets`) are copied into
each circle's room, as `<unit id>/<worksheet>`, once: if the room already has that
file, the circle's work is kept and nothing is written. A copy starts with no outputs,
and is written whole (a temporary file linked into place) so a room never sees half
a notebook.

In server mode the room's folder belongs to the room's own account
(core/accounts.py), so the copy is written by a child process that has become that
account (core/privileges.py); the notebook's text is read first, by the caller.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from core.accounts import room_account
from core.layout import room_documents
from core.privileges import needs_switch, run_as
from core.settings import Settings
from curriculum.load import Unit


@dataclass(frozen=True)
class RoomCopy:
    circle: str
    path: str  # inside the room
    status: str  # placed | kept

    def line(self) -> str:
        if self.status == "placed":
            return f"{self.circle}'s room: {self.path} placed"
        return f"{self.circle}'s room: {self.path} kept as the circle left it"


def fresh_worksheet(source: Path) -> str:
    """The worksheet as the circle first sees it: its cells, without outputs."""
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nbformat.writes(notebook)


def _place(documents: Path, files: dict[str, str]) -> list[tuple[str, str]]:
    """Write each file that the room does not have yet; (path, placed|kept) for each."""
    done = []
    for relative, text in files.items():
        target = documents / relative
        if target.exists():
            done.append((relative, "kept"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".placing-", suffix=".ipynb")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o600)
        try:
            os.link(temporary, target)  # fails if the file appeared meanwhile: the circle's copy wins
            done.append((relative, "placed"))
        except FileExistsError:
            done.append((relative, "kept"))
        finally:
            os.unlink(temporary)
    return done


def worksheet_source(unit: Unit, name: str, language: str | None = None) -> Path:
    """The unit's file for worksheet `name` in `language` (its translation, or the original)."""
    from curriculum.models import translated_name

    original = language is None or language == unit.manifest.original_language
    return unit.folder / (name if original else translated_name(name, language))


def place_worksheets(settings: Settings, circle_id: str, unit: Unit, language: str | None = None) -> list[RoomCopy]:
    """Copy `unit`'s circle worksheets into the circle's room, where it has none yet; in a
    translated `language`, each worksheet's translation under the original's name."""
    names = unit.manifest.worksheets
    if not names:
        return []
    files = {f"{unit.id}/{name}": fresh_worksheet(worksheet_source(unit, name, language)) for name in names}
    documents = room_documents(settings, circle_id)
    if needs_switch(settings):
        done = run_as(room_account(settings, circle_id), _place, documents, files)
    else:
        done = _place(documents, files)
    return [RoomCopy(circle_id, path, status) for path, status in done]
