"""Charts drawn from a circle's worksheets, in the house style of :mod:`exercises.charts`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import charts as house
from .model import MOVEMENTS, POSITIONS, STRENGTH_RANGE, ForcesTable, Timeline

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = ["correlation_chart", "timeline_chart", "balance_sentence", "JUDGEMENT_SOURCE"]

JUDGEMENT_SOURCE = ("Source: the circle's own forces table. Positions and strengths are the circle's "
                    "judgement, not measurements.")
# Which way a force is moving, drawn as the marker's shape so the chart reads without colour.
SYMBOLS = {"growing": "triangle-up", "steady": "circle", "shrinking": "triangle-down", "": "circle-open"}
_SIDE_COLOURS = {1: house.OKABE_ITO["blue"], 0: house.OKABE_ITO["black"], -1: house.OKABE_ITO["vermillion"]}


def balance_sentence(table: ForcesTable) -> str:
    """The chart's finding in words: which side is stronger on the issue, by the table's own numbers."""
    placed = [f for f in table.forces if f.position is not None and f.strength is not None]
    if not placed:
        return "No force is placed on the chart yet"
    strength_for, strength_against = table.balance()
    issue = table.issue or "the issue"
    if strength_for == strength_against:
        return f"On {issue}, the forces for and against are level: {strength_for} to {strength_against}"
    stronger = "for" if strength_for > strength_against else "against"
    high, low = max(strength_for, strength_against), min(strength_for, strength_against)
    return f"On {issue}, the forces {stronger} are stronger: {high} to {low}"


def correlation_chart(table: ForcesTable) -> "go.Figure":
    """Each force where it stands on the issue (left: against, right: for) and how strong it is.

    The marker's shape says which way the force is moving (triangle up: growing,
    circle: steady, triangle down: shrinking); its colour repeats the side. Forces
    without a position or strength are listed under the chart, not drawn.
    """
    go = house._go()
    fig = go.Figure()
    placed = [f for f in table.forces if f.position is not None and f.strength is not None]
    for sign, side in ((1, "for"), (0, "undecided or split"), (-1, "against")):
        group = [f for f in placed if (f.position > 0) - (f.position < 0) == sign]
        if not group:
            continue
        fig.add_trace(go.Scatter(
            x=[f.position for f in group], y=[f.strength for f in group], mode="markers+text",
            name=f"Forces {side}", text=[f.name or "(no name)" for f in group], textposition="top center",
            marker=dict(size=[14 + 2 * f.strength for f in group], color=_SIDE_COLOURS[sign],
                        symbol=[SYMBOLS.get(f.moving, "circle-open") for f in group],
                        line=dict(width=1, color="white")),
            customdata=[[f.position_words, f.moving or "not said", f.class_position] for f in group],
            hovertemplate="<b>%{text}</b><br>%{customdata[0]}, strength %{y}<br>moving: "
                          "%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        ))
    unplaced = [f.name or "(no name)" for f in table.forces if f not in placed]
    subtitle = ("Where each force stands on the issue and how strong it is (1-10). Shape: "
                + ", ".join(f"{SYMBOLS[m].replace('-', ' ')} {m}" for m in MOVEMENTS) + ".")
    if unplaced:
        subtitle += f" Not placed yet: {', '.join(unplaced)}."
    house.house_style(fig, title=balance_sentence(table), subtitle=subtitle,
                      x_title=f"Position on: {table.issue or '(name the issue)'}", y_title="Strength (1-10)",
                      source=JUDGEMENT_SOURCE)
    low, high = STRENGTH_RANGE
    fig.update_xaxes(range=[-2.6, 2.6], tickvals=list(POSITIONS), ticktext=list(POSITIONS.values()),
                     showgrid=True, gridcolor="#E6E6E6")
    fig.update_yaxes(range=[low - 1, high + 1.5], dtick=1)
    fig.add_vline(x=0, line=dict(color="#999999", dash="dot", width=1))
    return fig


def timeline_chart(timeline: Timeline) -> "go.Figure":
    """The period's events along a line of years; turning points stand out."""
    go = house._go()
    fig = go.Figure()
    events = [e for e in timeline.ordered() if e.year is not None]
    for turning, name, colour, size in ((False, "Event", house.OKABE_ITO["sky blue"], 12),
                                        (True, "Turning point", house.OKABE_ITO["vermillion"], 20)):
        group = [e for e in events if e.turning_point == turning]
        if not group:
            continue
        # Stagger labels up and down so neighbouring years do not overwrite each other.
        heights = [(1 if i % 2 == 0 else -1) * (1.5 if turning else 1) for i, _ in enumerate(group)]
        fig.add_trace(go.Scatter(
            x=[e.year for e in group], y=heights, mode="markers+text", name=name,
            text=[_short(e.what) for e in group], textposition=["top center" if h > 0 else "bottom center" for h in heights],
            marker=dict(size=size, color=colour, symbol="diamond" if turning else "circle"),
            customdata=[[e.what, e.why] for e in group],
            hovertemplate="<b>%{x}</b>: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        ))
    turns = len(timeline.turning_points())
    title = (f"{timeline.period or 'The period'}: {len(timeline.events)} events, "
             f"{turns} turning point{'s' if turns != 1 else ''}")
    span = f"{timeline.start}-{timeline.end}" if timeline.start and timeline.end else "years not set"
    house.house_style(fig, title=title, subtitle=f"Events of the period ({span}); diamonds mark turning points.",
                      x_title="Year", source="Source: the circle's own timeline.")
    fig.update_yaxes(visible=False, range=[-3, 3])
    if timeline.start and timeline.end:
        fig.update_xaxes(range=[timeline.start - 1, timeline.end + 1])
    fig.add_hline(y=0, line=dict(color="#444444", width=2))
    return fig


def _short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
