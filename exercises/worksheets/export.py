"""A printable page of a circle's worksheets: one self-contained HTML file, nothing fetched.

The charts on the page are drawn as inline SVG by our own template rather than with
plotly: a printed page needs no interaction, plotly.js would add 4.6 MB to every
page, and plotly's static image export needs kaleido and a browser the learner's
kernel does not have. The page has no script at all; styles are inline.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from .model import MOVEMENTS, POSITIONS, STRENGTH_RANGE, Chokepoints, ForcesTable, Hypothesis, Timeline, _Sheet

__all__ = ["printable_html", "write_printable", "Printed"]

_TEMPLATES = Path(__file__).with_name("templates")
# SVG geometry of the correlation chart (px).
_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 680, 380, 60, 20, 20, 60


def _saved(item: Any) -> _Sheet:
    """A worksheet, or the saved worksheet of a form (what the notebook holds)."""
    sheet = getattr(item, "saved", item)
    if not isinstance(sheet, _Sheet):
        raise TypeError(f"printable() takes worksheets or their forms; you gave {type(item).__name__}. "
                        f"Hint: pass the variables of your worksheet cells, e.g. printable(forces, timeline).")
    return sheet


def _x(position: float) -> float:
    return _LEFT + (position + 2.6) / 5.2 * (_W - _LEFT - _RIGHT)


def _y(strength: float) -> float:
    low, high = STRENGTH_RANGE
    return _TOP + (high + 1.5 - strength) / (high + 1.5 - (low - 1)) * (_H - _TOP - _BOTTOM)


def _correlation_svg(table: ForcesTable) -> dict:
    from .charts import balance_sentence

    points = []
    for f in table.forces:
        if f.position is None or f.strength is None:
            continue
        x, y, r = _x(f.position), _y(f.strength), 6 + f.strength
        if f.moving == "growing":
            shape = f"M{x:.1f},{y - r:.1f} L{x + r:.1f},{y + r * 0.8:.1f} L{x - r:.1f},{y + r * 0.8:.1f} Z"
        elif f.moving == "shrinking":
            shape = f"M{x:.1f},{y + r:.1f} L{x + r:.1f},{y - r * 0.8:.1f} L{x - r:.1f},{y - r * 0.8:.1f} Z"
        else:
            shape = ""
        side = "for" if f.position > 0 else "against" if f.position < 0 else "undecided"
        points.append(dict(name=f.name or "(no name)", x=round(x, 1), y=round(y, 1), r=r, path=shape,
                           side=side, position=f.position, strength=f.strength, moving=f.moving or "not said"))
    ticks = [dict(x=round(_x(k), 1), label=words) for k, words in POSITIONS.items()]
    yticks = [dict(y=round(_y(s), 1), label=s) for s in range(STRENGTH_RANGE[0], STRENGTH_RANGE[1] + 1)]
    return dict(width=_W, height=_H, points=points, ticks=ticks, yticks=yticks, zero=round(_x(0), 1),
                left=_LEFT, right=_W - _RIGHT, top=_TOP, bottom=_H - _BOTTOM, title=balance_sentence(table),
                unplaced=[f.name or "(no name)" for f in table.forces if f.position is None or f.strength is None])


def printable_html(*sheets: Any, title: str = "Our conjunctural analysis", circle: str = "",
                   date: _dt.date | None = None) -> str:
    """The page as a string: each worksheet's saved entries, in the order given, with its charts."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    sections = []
    for item in sheets:
        sheet = _saved(item)
        section: dict[str, Any] = dict(kind=sheet.kind, sheet=sheet, problems=sheet.problems())
        if isinstance(sheet, ForcesTable):
            section["svg"] = _correlation_svg(sheet)
        elif isinstance(sheet, Timeline):
            section["events"] = sheet.ordered()
        sections.append(section)
    return env.get_template("printable.html.j2").render(
        title=title, circle=circle, date=(date or _dt.date.today()).isoformat(), sections=sections,
        positions=POSITIONS, movements=MOVEMENTS,
        kinds=dict(forces=ForcesTable, timeline=Timeline, chokepoints=Chokepoints, hypothesis=Hypothesis),
    )


class Printed:
    """The written page: shows as a link to open and print."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _repr_markdown_(self) -> str:
        return (f"Written **{self.path.name}** ({self.path.stat().st_size // 1024 + 1} kB) in this notebook's "
                f"folder: open it from the file browser on the left (right-click, *Open in New Browser Tab*) and "
                f"print it, or download it. It needs no internet connection.")

    def __repr__(self) -> str:
        return f"Printed({str(self.path)!r})"


def write_printable(*sheets: Any, path: str | Path = "our-analysis.html", title: str = "Our conjunctural analysis",
                    circle: str = "") -> Printed:
    """Write the printable page next to the notebook (or at ``path``) and say where it is."""
    page = printable_html(*sheets, title=title, circle=circle)
    target = Path(path)
    # Write then rename, so a half-written page never replaces a good one.
    partial = target.with_name(target.name + ".part")
    partial.write_text(page, encoding="utf-8")
    partial.replace(target)
    return Printed(target)
