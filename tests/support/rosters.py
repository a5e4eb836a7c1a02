"""Rosters for tests, made from the demo roster."""

from __future__ import annotations

from core.settings import DEMO_ROSTER


def spanish_lucy_roster(folder) -> str:
    """The demo roster with a circle_language column: lucy studies in Spanish (on facilitator2's row)."""
    rows = []
    for line in DEMO_ROSTER.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            rows.append(line)
        elif line.startswith("username,"):
            rows.append(line + ",circle_language")
        else:
            rows.append(line + (",es" if line.startswith("facilitator2,") else ","))
    path = folder / "roster.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path
