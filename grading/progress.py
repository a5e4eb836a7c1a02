"""Circle progress: a learners × units heatmap, and who is falling behind (pure)."""

from __future__ import annotations

import datetime as dt

from core.i18n import N_

from .records import CircleRecords, Stage

# Colour-blind-safe sequential blues (light = not started, dark = feedback returned).
STAGE_COLOURS = ["#f0f0f0", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
GRACE_DAYS = 14


def behind(circle: CircleRecords, now: dt.datetime, *, grace_days: int = GRACE_DAYS) -> list[tuple[str, list[str]]]:
    """Learners with units released more than `grace_days` ago that they have not submitted."""
    late = []
    for learner in circle.learners:
        missing = [
            unit
            for unit in circle.units
            if circle.get(learner, unit).stage < Stage.SUBMITTED
            and (released := circle.get(learner, unit).released_at) is not None
            and (now - released).days > grace_days
        ]
        if missing:
            late.append((learner, missing))
    return late


def stage_counts(circle: CircleRecords) -> dict[Stage, int]:
    counts = {stage: 0 for stage in Stage}
    for record in circle.records.values():
        counts[record.stage] += 1
    return counts


def heatmap(circles: list[CircleRecords], *, short_unit=lambda u: u, say=lambda words: words):
    """One heatmap per circle, side by side: rows learners, columns released units.
    `say` puts the figure's words into the reader's language (core.i18n.translate)."""
    import numpy as np
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    n = max(1, len(circles))
    fig = make_subplots(rows=1, cols=n, subplot_titles=[say(N_("Circle %(circle)s")) % {"circle": c.circle} for c in circles] or [say(N_("No circles"))],
                        horizontal_spacing=0.12 if n > 1 else 0.0)
    steps = len(Stage)
    # A discrete colour scale: each stage gets one flat band.
    scale = []
    for i, colour in enumerate(STAGE_COLOURS):
        scale += [(i / steps, colour), ((i + 1) / steps, colour)]
    for col, circle in enumerate(circles, start=1):
        z = [[circle.get(l, u).stage.value for u in circle.units] for l in circle.learners]
        text = [[say(circle.get(l, u).stage.label) for u in circle.units] for l in circle.learners]
        if circle.units and circle.learners:
            # Arrays, not lists: plotly checks a list cell by cell (a second for 300 x 60).
            z, text = np.array(z, dtype=np.int8), np.array(text, dtype=object)
        fig.add_trace(
            go.Heatmap(
                z=z if len(z) else [[None]],
                x=[short_unit(u) for u in circle.units] or [say(N_("(nothing released yet)"))],
                y=list(circle.learners),
                text=text if len(text) else [[""]],
                texttemplate="%{text}",
                hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
                colorscale=scale,
                zmin=-0.5,
                zmax=steps - 0.5,
                showscale=col == n,
                colorbar=dict(
                    tickvals=list(range(steps)),
                    ticktext=[say(s.label) for s in Stage],
                    title=say(N_("stage")),
                ),
                xgap=2,
                ygap=2,
            ),
            row=1,
            col=col,
        )
        fig.update_yaxes(autorange="reversed", row=1, col=col)
    fig.update_layout(
        title=say(N_("Who has reached which step, unit by unit")),
        font=dict(size=14),
        height=180 + 40 * max((len(c.learners) for c in circles), default=1),
        margin=dict(l=90, r=40, t=90, b=120),
    )
    return fig
