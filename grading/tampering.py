"""Which locked cells a learner changed or deleted (nbgrader restores them when it
autogrades; we report them so the facilitator knows)."""

from __future__ import annotations

import json
from pathlib import Path


def _locked_sources(nb: dict) -> dict[str, str]:
    cells = {}
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        locked = meta.get("locked") or (meta.get("grade") and not meta.get("solution"))
        if locked and meta.get("grade_id"):
            source = cell.get("source", "")
            cells[meta["grade_id"]] = "".join(source) if isinstance(source, list) else source
    return cells


def tampered_cells(released: Path, submitted: Path) -> list[str]:
    """Grade ids of locked cells whose text differs in the submission, or that are missing."""
    if not released.is_file() or not submitted.is_file():
        return []
    try:
        theirs = _locked_sources(json.loads(submitted.read_text()))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return ["(the whole notebook: it is not valid notebook JSON)"]
    ours = _locked_sources(json.loads(released.read_text()))
    changed = []
    for grade_id, source in ours.items():
        if grade_id not in theirs:
            changed.append(f"{grade_id} (deleted)")
        elif theirs[grade_id].strip() != source.strip():
            changed.append(f"{grade_id} (changed)")
    return changed
