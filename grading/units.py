"""The curriculum's units as people name them: their order and their titles.

Pages, the review desk and the CLI say a unit's title, never its id; this is the one
place that reads them, cached until a programme or unit manifest changes.
"""

from __future__ import annotations

from pathlib import Path

from core.settings import Settings

_UNIT_ORDERS: dict[Path, tuple[tuple, list[str], dict[str, str], dict[str, tuple[str, ...]], dict[str, dict[str, str]]]] = {}


def unit_order(settings: Settings) -> list[str]:
    """The curriculum's units in order. Every page asks; the curriculum is read again
    only when one of its programme or unit manifests changes (or appears, or goes)."""
    return _units(settings)[0]


def unit_titles(settings: Settings, language: str | None = None) -> dict[str, str]:
    """Each unit's title, as learners see it (pages show titles, not ids): in `language`
    where the unit's manifest translates it (`translations`), else the original's."""
    titles = _units(settings)[1]
    if language is not None:
        titles.update(_units(settings)[3].get(language, {}))
    return titles


def unit_worksheets(settings: Settings) -> dict[str, tuple[str, ...]]:
    """The circle worksheets of each unit that has any (its manifest's `worksheets`)."""
    return _units(settings)[2]


def _units(settings: Settings) -> tuple[list[str], dict[str, str], dict[str, tuple[str, ...]], dict[str, dict[str, str]]]:
    from curriculum.models import MANIFEST_NAME, PROGRAMME_MANIFEST_NAME

    root = settings.curriculum
    try:
        manifests = [*root.glob(f"*/{PROGRAMME_MANIFEST_NAME}"), *root.glob(f"*/*/{MANIFEST_NAME}")]
        stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in manifests))
    except OSError:
        stamp = None
    cached = _UNIT_ORDERS.get(root)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return list(cached[1]), dict(cached[2]), dict(cached[3]), cached[4]
    try:
        from curriculum.load import load_curriculum

        units = load_curriculum(root).units
        order, titles = list(units), {u.id: u.title for u in units.values()}
        worksheets = {u.id: tuple(u.manifest.worksheets) for u in units.values() if u.manifest.worksheets}
        translated: dict[str, dict[str, str]] = {}  # language -> {unit id: its title in that language}
        for u in units.values():
            for language in u.manifest.translations:
                translated.setdefault(language, {})[u.id] = u.manifest.title_in(language)
    except Exception:  # a broken curriculum must not hide progress; fall back to names
        return [], {}, {}, {}
    if stamp is not None:
        _UNIT_ORDERS[root] = (stamp, order, titles, worksheets, translated)
    return list(order), dict(titles), dict(worksheets), translated


def title_of(unit_id: str, titles: dict[str, str]) -> str:
    """A unit's title, or its id when the curriculum no longer has it (pure). A unit's
    worksheets collected from a circle's room (core/rooms.py) are named after the unit."""
    from core.rooms import room_assignment_unit

    unit = room_assignment_unit(unit_id)
    if unit is not None:
        return f"{titles.get(unit) or unit}: the circle's worksheets"
    return titles.get(unit_id) or unit_id


def notebook_label(unit_id: str, notebook_id: str) -> str:
    """How the desk names one notebook of a unit (pure): a unit with one notebook names
    it after the unit, so its page is the unit's "Submissions"; a second notebook is
    named by the words after the unit's id ("part 2"), or its own words."""
    if notebook_id == unit_id:
        return "Submissions"
    rest = notebook_id[len(unit_id) + 1 :] if notebook_id.startswith(unit_id + "-") else notebook_id
    return " ".join(rest.replace("_", "-").split("-")) or notebook_id
