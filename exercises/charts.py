"""Charts in one house style, rendered offline.

Every builder returns a ``plotly.graph_objects.Figure`` with:

- a title that states the finding (computed from the numbers shown), and a
  subtitle that says what is plotted;
- axis labels with units;
- the Okabe-Ito colour-blind-safe palette and large, readable fonts
  (system fonts only: no web fonts are fetched);
- a source line under the chart, taken from the DataFrame's ``.attrs`` (or
  "Model with illustrative numbers" for the models).

Learners just leave the figure as the last line of a cell, or call
:func:`show`. The first chart built in a kernel switches plotly to an offline
renderer (:func:`setup_offline_rendering`): JupyterLab draws the figure with its
installed plotly extension, and Red School's offline pages (``curriculum.render``)
embed plotly.js once per page; nothing loads plotly.js or MathJax from a CDN.

Worked example::

    from exercises import charts
    from exercises.models import ValueComposition
    charts.value_composition_chart(ValueComposition(c=410, v=90, s=90))
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._format import amount, percent
from .errors import InvalidInput
from .models import (
    ExpandedReproduction,
    ProfitRateSimulation,
    ReproductionScheme,
    SociallyNecessaryLabourTime,
    Transformation,
    ValueComposition,
    WorkingDay,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go

__all__ = [
    "OKABE_ITO",
    "COLOURS",
    "TEMPLATE_NAME",
    "RENDERERS",
    "setup_offline_rendering",
    "show",
    "house_style",
    "narrow",
    "source_text",
    "value_composition_chart",
    "working_day_chart",
    "snlt_chart",
    "profit_rate_chart",
    "reproduction_scheme_chart",
    "reproduction_chart",
    "transformation_chart",
    "exploitation_chart",
    "productivity_pay_chart",
    "labour_share_chart",
    "reserve_army_chart",
    "time_series_chart",
]

#: The Okabe-Ito palette (Okabe & Ito, "Color Universal Design"), safe for colour-blind readers.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
#: Order in which series get colours (yellow last: it is hard to see on white).
COLOURS = [OKABE_ITO[name] for name in (
    "blue", "vermillion", "bluish green", "orange", "reddish purple", "sky blue", "black",
    "yellow")]
# Roles used across charts, so a reader learns them once.
CONSTANT, VARIABLE, SURPLUS = OKABE_ITO["blue"], OKABE_ITO["sky blue"], OKABE_ITO["vermillion"]
DEPT_I, DEPT_II = OKABE_ITO["blue"], OKABE_ITO["orange"]

TEMPLATE_NAME = "redschool"
#: plotly renderers used: the plotly mimetype for JupyterLab, plus an HTML fragment (no plotly.js) for exports.
RENDERERS = "plotly_mimetype+redschool_notebook"
MODEL_SOURCE = "Model with illustrative numbers (exercises.models), not data."

_FONT_FAMILY = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
                "'Liberation Sans', sans-serif")
_GREY = "#555555"
_TITLE_WIDTH = 68  # characters per title line: plotly does not wrap titles itself
_SUBTITLE_WIDTH = 95
_DEFAULT_TOP = 130  # px above the plot in the template (title, subtitle, legend)
_DEFAULT_HEIGHT = 520
_READY = False


def _go():
    import plotly.graph_objects as go

    return go


def _template():
    go = _go()
    axis = dict(showline=True, linecolor="#444444", ticks="outside", tickcolor="#444444",
                tickfont=dict(size=14), title=dict(font=dict(size=16)), automargin=True,
                zeroline=False)
    return go.layout.Template(
        layout=dict(
            font=dict(family=_FONT_FAMILY, size=16, color="#222222"),
            title=dict(font=dict(size=21), x=0.0, xanchor="left", xref="paper",
                       subtitle=dict(font=dict(size=15, color=_GREY))),
            colorway=COLOURS,
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=dict(axis, showgrid=False),
            yaxis=dict(axis, showgrid=True, gridcolor="#E6E6E6"),
            legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom",
                        font=dict(size=14), title=dict(text="")),
            hoverlabel=dict(font=dict(size=15)),
            margin=dict(l=70, r=30, t=_DEFAULT_TOP, b=120),
            height=_DEFAULT_HEIGHT,
        ),
        data=dict(
            scatter=[go.Scatter(line=dict(width=3))],
            bar=[go.Bar(marker=dict(line=dict(width=0)))],
        ),
    )


class _OfflineRendererMixin:
    """Each figure as an HTML fragment: no MathJax CDN script (plotly adds one by default)
    and no plotly.js (the page that shows the fragment provides it)."""

    def to_mimebundle(self, fig_dict):
        from plotly.io import to_html

        html = to_html(
            fig_dict,
            config=self.config,
            auto_play=self.auto_play,
            include_plotlyjs=False,  # never in the notebook: see setup_offline_rendering
            include_mathjax=False,
            full_html=False,
            animation_opts=self.animation_opts,
            default_width="100%",
            default_height=520,
            validate=False,
        )
        return {"text/html": html}


def setup_offline_rendering() -> None:
    """Make plotly draw offline in JupyterLab and in exported HTML, in the house style.

    Safe to call many times; every chart builder calls it. It registers the
    ``redschool`` template (and makes it plotly's default, so learners' own
    ``plotly.express`` charts match) and sets the renderers to
    ``plotly_mimetype+redschool_notebook``: JupyterLab draws the plotly mimetype
    with the installed jupyterlab-plotly extension, which serves plotly.js from the
    learner's own server; each figure also carries an HTML fragment without
    plotly.js, which the offline pages of :mod:`curriculum.render` (previews, the
    study packet) draw with the plotly.js they embed once per page. plotly.js
    (4.6 MB) is never written into the notebook: plotly's own notebook renderer
    puts it in the first chart of every kernel, which made that chart take seconds
    and every saved, submitted and autograded notebook megabytes heavier.
    """
    global _READY
    if _READY:
        return
    import plotly.io as pio
    from plotly.io.base_renderers import HtmlRenderer

    class OfflineHtmlRenderer(_OfflineRendererMixin, HtmlRenderer):
        pass

    pio.templates[TEMPLATE_NAME] = _template()
    pio.templates.default = "plotly_white+" + TEMPLATE_NAME
    # global_init=False: nothing is displayed when the renderer is activated.
    pio.renderers["redschool_notebook"] = OfflineHtmlRenderer(connected=False, global_init=False, include_plotlyjs=False)
    pio.renderers.default = RENDERERS
    _READY = True


def show(fig: "go.Figure") -> None:
    """Display a figure (offline, house style). Same as leaving ``fig`` as a cell's last line."""
    setup_offline_rendering()
    fig.show()


def source_text(source: Any) -> str:
    """The source line for a chart: from a DataFrame (its ``.attrs``), a dict of attrs, or text."""
    attrs = getattr(source, "attrs", source)
    if isinstance(attrs, Mapping):
        text = attrs.get("source")
        if not text:
            raise InvalidInput(
                "source must be a table from exercises.data (with provenance) or a text; you "
                "gave a table without a 'source' in its attrs. Hint: load the data with an "
                "exercises.data loader, or pass source='...' yourself."
            )
        return f"Source: {text}."
    if isinstance(source, str) and source.strip():
        return source if source.lower().startswith(("source", "model")) else f"Source: {source}"
    raise InvalidInput(f"source must be a text or a table with provenance; you gave {source!r}.")


def house_style(
    fig: "go.Figure",
    *,
    title: str,
    subtitle: str = "",
    x_title: str = "",
    y_title: str = "",
    source: Any = MODEL_SOURCE,
) -> "go.Figure":
    """Apply the house style to any plotly figure: title, axis labels, source line.

    Use it for your own charts so they match the built-in ones::

        fig = plotly.express.line(df, x="year", y="surplus")
        house_style(fig, title="Surplus grew", y_title="Billions of dollars", source=df)
    """
    setup_offline_rendering()
    wrapped = "<br>".join(textwrap.wrap(source_text(source), width=120))
    fig.update_layout(
        template="plotly_white+" + TEMPLATE_NAME,
        title=dict(y=1, yref="container", yanchor="top", pad=dict(t=40)),
        legend=dict(traceorder="normal"),
    )
    _set_titles(fig, title, subtitle)
    if x_title:
        fig.update_xaxes(title_text=x_title)
    if y_title:
        fig.update_yaxes(title_text=y_title)
    fig.add_annotation(
        text=wrapped, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        yshift=-72, showarrow=False, align="left", font=dict(size=12, color=_GREY),
        name="source",
    )
    return fig


def _set_titles(fig: "go.Figure", title: str, subtitle: str, *, scale: float = 1.0) -> None:
    """Wrap title and subtitle (plotly does not) and make room above the plot for them.

    ``scale`` below 1 wraps shorter lines, for charts drawn in a narrow space.
    """
    title_lines = textwrap.wrap(title, width=int(_TITLE_WIDTH * scale)) or [""]
    subtitle_lines = textwrap.wrap(subtitle, width=int(_SUBTITLE_WIDTH * scale))
    # Title at the top, then subtitle, then the legend just above the plot: room for each.
    legend_chars = sum(len(t.name or "") + 6 for t in fig.data if t.showlegend is not False)
    legend_rows = 0 if len(fig.data) < 2 or fig.layout.showlegend is False else \
        1 + legend_chars // int(100 * scale)
    top = 44 + 28 * len(title_lines) + 22 * len(subtitle_lines) + 34 * legend_rows + 16
    # Grow the figure by what the titles take beyond the default, so the plot keeps its size.
    old_top = fig.layout.margin.t if fig.layout.margin.t is not None else _DEFAULT_TOP
    height = (fig.layout.height or _DEFAULT_HEIGHT) + top - old_top
    fig.update_layout(
        title=dict(text="<br>".join(title_lines),
                   subtitle=dict(text="<br>".join(subtitle_lines))),
        margin=dict(t=top),
        height=height,
    )


def narrow(fig: "go.Figure", scale: float = 0.65) -> "go.Figure":
    """Re-wrap a house-style figure's title and subtitle for a narrow space (explorers use it)."""
    title = (fig.layout.title.text or "").replace("<br>", " ")
    subtitle = (fig.layout.title.subtitle.text or "").replace("<br>", " ")
    _set_titles(fig, title, subtitle, scale=scale)
    return fig


# --- models -----------------------------------------------------------------------------


def value_composition_chart(
    c: float | ValueComposition, v: float | None = None, s: float | None = None
) -> "go.Figure":
    """A bar split into constant capital, variable capital and surplus value.

    Call it with a :class:`~exercises.models.ValueComposition` or with three numbers:
    ``value_composition_chart(410, 90, 90)``.
    """
    capital = c if isinstance(c, ValueComposition) else ValueComposition(c, v, s)
    go = _go()
    fig = go.Figure()
    parts = (("Constant capital c", capital.c, CONSTANT),
             ("Variable capital v (wages)", capital.v, VARIABLE),
             ("Surplus value s", capital.s, SURPLUS))
    for name, value, colour in parts:
        fig.add_bar(y=["Value of the product"], x=[value], name=name, orientation="h",
                    marker_color=colour, text=[amount(value)], textposition="inside",
                    insidetextanchor="middle",
                    hovertemplate=f"{name}: %{{x}}<extra></extra>")
    fig.update_layout(barmode="stack", height=380)
    return house_style(
        fig,
        title=(f"Surplus value is {percent(capital.rate_of_surplus_value)} of wages; profit is "
               f"{percent(capital.rate_of_profit)} of the capital advanced"),
        subtitle=(f"c + v + s = {amount(capital.c)} + {amount(capital.v)} + {amount(capital.s)} "
                  f"= {amount(capital.total_value)}; organic composition c/v = "
                  f"{capital.organic_composition:.2f}"),
        x_title="Value (hours of labour, or dollars)",
    )


def working_day_chart(day: WorkingDay) -> "go.Figure":
    """The working day as a bar: necessary labour (paid) then surplus labour (unpaid), in hours."""
    if not isinstance(day, WorkingDay):
        raise InvalidInput(f"day must be a WorkingDay; you gave {day!r}. Hint: "
                           f"WorkingDay(length=10, necessary=5).")
    go = _go()
    fig = go.Figure()
    fig.add_bar(y=["Working day"], x=[day.necessary], name="Necessary labour (reproduces the wage)",
                orientation="h", marker_color=VARIABLE, text=[f"{amount(day.necessary)} h"],
                textposition="inside", insidetextanchor="middle",
                hovertemplate="Necessary labour: %{x:.2f} hours<extra></extra>")
    fig.add_bar(y=["Working day"], x=[day.surplus], name="Surplus labour (unpaid)",
                orientation="h", marker_color=SURPLUS, text=[f"{amount(day.surplus)} h"],
                textposition="inside", insidetextanchor="middle",
                hovertemplate="Surplus labour: %{x:.2f} hours<extra></extra>")
    fig.update_layout(barmode="stack", height=360)
    fig.update_xaxes(range=[0, 24], dtick=2)
    return house_style(
        fig,
        title=(f"Of a {amount(day.length)}-hour day, {amount(day.surplus)} hours are unpaid: "
               f"s/v = {percent(day.rate_of_surplus_value)}"),
        subtitle="Necessary labour reproduces the value of the wage; the rest is surplus labour",
        x_title="Hours of the working day",
    )


def snlt_chart(result: SociallyNecessaryLabourTime) -> "go.Figure":
    """Each producer's hours per unit against the socially necessary labour time."""
    go = _go()
    names = [p.name for p in result.producers]
    hours = [p.producer.hours_per_unit for p in result.producers]
    colours = [SURPLUS if h > result.hours_per_unit else OKABE_ITO["bluish green"] for h in hours]
    fig = go.Figure()
    fig.add_bar(x=names, y=hours, name="Hours this producer needs per unit",
                marker_color=colours, text=[amount(h, 2) for h in hours], textposition="outside",
                hovertemplate="%{x}: %{y:.2f} hours per unit<extra></extra>")
    fig.add_hline(y=result.hours_per_unit, line=dict(color="#000000", width=3, dash="dash"),
                  annotation_text=f"socially necessary: {amount(result.hours_per_unit, 2)} h",
                  annotation_position="top left")
    fig.update_yaxes(rangemode="tozero")
    return house_style(
        fig,
        title=f"Socially necessary labour time is {amount(result.hours_per_unit, 2)} hours per unit",
        subtitle="Slower producers (above the line) get less value than the hours they work; "
                 "faster ones get more",
        x_title="Producer",
        y_title="Hours of labour per unit",
    )


def profit_rate_chart(simulation: ProfitRateSimulation) -> "go.Figure":
    """Rate of profit (top) and organic composition c/v (bottom), period by period."""
    from plotly.subplots import make_subplots

    periods = [p.period for p in simulation.periods]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        row_heights=[0.6, 0.4])
    fig.add_scatter(x=periods, y=[p.rate_of_profit for p in simulation.periods],
                    name="Rate of profit s/(c+v)", line_color=SURPLUS, row=1, col=1,
                    hovertemplate="Period %{x}: %{y:.1%}<extra></extra>")
    fig.add_scatter(x=periods, y=[p.rate_of_surplus_value for p in simulation.periods],
                    name="Rate of surplus value s/v", line=dict(color=VARIABLE, dash="dot"),
                    row=1, col=1, hovertemplate="Period %{x}: %{y:.0%}<extra></extra>",
                    visible="legendonly")
    fig.add_scatter(x=periods, y=[p.organic_composition for p in simulation.periods],
                    name="Value composition c/v", line_color=CONSTANT, row=2, col=1,
                    hovertemplate="Period %{x}: %{y:.2f}<extra></extra>")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title_text="Rate (%)", row=1, col=1)
    fig.update_yaxes(rangemode="tozero", title_text="c/v (ratio)", row=2, col=1)
    fig.update_xaxes(title_text="Period", row=2, col=1)
    fig.update_layout(height=600)
    first, last = simulation.periods[0], simulation.periods[-1]
    verb = ("falls" if last.rate_of_profit < first.rate_of_profit - 1e-12 else
            "rises" if last.rate_of_profit > first.rate_of_profit + 1e-12 else "stays level")
    return house_style(
        fig,
        title=(f"The rate of profit {verb} from {percent(first.rate_of_profit, 1)} to "
               f"{percent(last.rate_of_profit, 1)} as c/v goes from "
               f"{first.organic_composition:.2f} to {last.organic_composition:.2f}"),
        subtitle=(f"Means of production per worker {_signed(simulation.composition_growth)}, "
                  f"output per hour {_signed(simulation.productivity_growth)}, real wage "
                  f"{_signed(simulation.real_wage_growth)}, per period"),
        y_title="",
    )


def _signed(rate: float) -> str:
    return ("+" if rate >= 0 else "") + percent(rate, 1)


def reproduction_scheme_chart(scheme: ReproductionScheme) -> "go.Figure":
    """Both departments' c, v and s side by side, with the balance of simple reproduction."""
    go = _go()
    fig = go.Figure()
    depts = ["Dept I: means of production", "Dept II: means of consumption"]
    for label, attr, colour in (("c", "c", CONSTANT), ("v", "v", VARIABLE), ("s", "s", SURPLUS)):
        values = [getattr(scheme.I, attr), getattr(scheme.II, attr)]
        fig.add_bar(x=depts, y=values, name={"c": "Constant capital c", "v": "Variable capital v",
                                              "s": "Surplus value s"}[label],
                    marker_color=colour, text=[amount(x, 0, grouping=False) for x in values],
                    textposition="inside",
                    hovertemplate=f"%{{x}}<br>{label}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="stack")
    gap = scheme.simple_reproduction_gap
    i_vs = amount(scheme.I.v + scheme.I.s, grouping=False)
    ii_c = amount(scheme.II.c, grouping=False)
    if scheme.balances_simple_reproduction:
        title = f"Simple reproduction balances: I(v + s) = {i_vs} = IIc"
    elif gap > 0:
        title = f"I(v + s) = {i_vs} exceeds IIc = {ii_c}: room to expand"
    else:
        title = f"I(v + s) = {i_vs} falls short of IIc = {ii_c}: Dept II cannot replace its means of production"
    return house_style(
        fig, title=title,
        subtitle=f"Total social product {amount(scheme.total_value, grouping=False)}",
        x_title="Department", y_title="Value (hours of labour, or dollars)",
    )


def reproduction_chart(run: ExpandedReproduction) -> "go.Figure":
    """Each department's total product, period by period, in expanded reproduction."""
    go = _go()
    periods = list(range(len(run.schemes)))
    fig = go.Figure()
    fig.add_bar(x=periods, y=[s.I.total_value for s in run.schemes],
                name="Dept I: means of production", marker_color=DEPT_I,
                hovertemplate="Period %{x}: %{y:.0f}<extra>Dept I</extra>")
    fig.add_bar(x=periods, y=[s.II.total_value for s in run.schemes],
                name="Dept II: means of consumption", marker_color=DEPT_II,
                hovertemplate="Period %{x}: %{y:.0f}<extra>Dept II</extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=1)
    first, last = run.schemes[0], run.schemes[-1]
    n = len(periods) - 1
    return house_style(
        fig,
        title=(f"The social product grows from {amount(first.total_value, 0, grouping=False)} "
               f"to {amount(last.total_value, 0, grouping=False)} in {n} "
               f"period{'s' if n != 1 else ''}"),
        subtitle=(f"Dept I invests {percent(run.accumulation_rate)} of its surplus value; "
                  f"Dept II invests what keeps the exchange balanced"),
        x_title="Period", y_title="Value of the product (hours, or dollars)",
    )


def transformation_chart(result: Transformation) -> "go.Figure":
    """Value and price of production of each sector, side by side."""
    go = _go()
    names = [p.name for p in result.sectors]
    fig = go.Figure()
    fig.add_bar(x=names, y=[p.value for p in result.sectors], name="Value c + v + s",
                marker_color=VARIABLE, hovertemplate="%{x}: value %{y:.1f}<extra></extra>")
    fig.add_bar(x=names, y=[p.price_of_production for p in result.sectors],
                name="Price of production (c + v) × (1 + average rate)", marker_color=SURPLUS,
                hovertemplate="%{x}: price %{y:.1f}<extra></extra>")
    fig.update_layout(barmode="group")
    return house_style(
        fig,
        title=(f"At an average profit rate of {percent(result.average_rate_of_profit, 1)}, "
               f"sectors with more machines per worker sell above value"),
        subtitle=(f"Total value {amount(result.total_value)} = total price "
                  f"{amount(result.total_price)}; total surplus value = total profit "
                  f"{amount(result.total_profit)}"),
        x_title="Sector", y_title="Value and price (hours, or dollars)",
    )


# --- data -------------------------------------------------------------------------------


def _last_valid(frame, column: str, key: str):
    rows = frame.dropna(subset=[column])
    if rows.empty:
        raise InvalidInput(f"The column {column!r} has no numbers to chart. Hint: check the "
                           f"years or countries you selected.")
    row = rows.iloc[-1]
    return row[key], float(row[column])


def exploitation_chart(rates: "pd.DataFrame | None" = None, *, sector: str = "corporate"
                       ) -> "go.Figure":
    """US rate of surplus value and rate of profit, year by year.

    ``rates`` is a table from :func:`exercises.measures.us_corporate_rates` (or
    :func:`~exercises.measures.marxian_rates`); by default the US corporate sector.
    """
    if rates is None:
        from .measures import us_corporate_rates

        rates = us_corporate_rates(sector)
    go = _go()
    fig = go.Figure()
    fig.add_scatter(x=rates["year"], y=rates["rate_of_surplus_value"],
                    name="Rate of surplus value: surplus / compensation", line_color=SURPLUS,
                    hovertemplate="%{x}: %{y:.1%}<extra>s/v</extra>")
    if "rate_of_profit" in rates.columns:
        fig.add_scatter(x=rates["year"], y=rates["rate_of_profit"],
                        name="Rate of profit: surplus / fixed capital", line_color=CONSTANT,
                        hovertemplate="%{x}: %{y:.1%}<extra>s/K</extra>")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    year, sv = _last_valid(rates, "rate_of_surplus_value", "year")
    title = (f"In {int(year)}, for every $100 paid in wages, US corporations made "
             f"${sv * 100:.0f} of surplus")
    if "rate_of_profit" in rates.columns:
        year_k, r = _last_valid(rates, "rate_of_profit", "year")
        title += f"; the profit rate was {percent(r)} ({int(year_k)})"
    return house_style(
        fig, title=title,
        subtitle="Net operating surplus over compensation of employees, and over the net stock "
                 "of fixed capital",
        x_title="Year", y_title="Percent (per year for the profit rate)", source=rates,
    )


def productivity_pay_chart(frame: "pd.DataFrame | None" = None, *, since: int = 1973, language: str = "en"
                           ) -> "go.Figure":
    """EPI's productivity-pay gap: both indexes (1948 = 100), with growth since ``since`` in the
    title; its words in ``language`` ("en" or "es")."""
    from ._words import check_language, words

    say = lambda key, **values: words(key, check_language(language), **values)  # noqa: E731
    if frame is None:
        from .data import productivity_pay

        frame = productivity_pay()
    go = _go()
    x = frame["year"] if "quarter" not in frame.columns else frame["quarter"]
    fig = go.Figure()
    fig.add_scatter(x=x, y=frame["productivity_index"], name=say("gap.productivity"), line_color=CONSTANT,
                    hovertemplate="%{x}: %{y:.0f}<extra>" + say("gap.productivity_short") + "</extra>")
    fig.add_scatter(x=x, y=frame["pay_index"], name=say("gap.pay"), line_color=SURPLUS,
                    hovertemplate="%{x}: %{y:.0f}<extra>" + say("gap.pay_short") + "</extra>")
    years = frame["year"]
    start = since if (years == since).any() else int(years.iloc[0])
    base = frame[years == start].iloc[0]
    last = frame.iloc[-1]
    grow_p = last["productivity_index"] / base["productivity_index"] - 1
    grow_w = last["pay_index"] / base["pay_index"] - 1
    end = last["quarter"] if "quarter" in frame.columns else int(last["year"])
    return house_style(
        fig,
        title=say("gap.title", start=start, end=end, prod=percent(grow_p), pay=percent(grow_w)),
        subtitle=say("gap.subtitle"),
        x_title=say("year"), y_title=say("gap.y_title", units=frame.attrs.get("units", {}).get("pay_index", "1948 = 100")),
        source=frame,
    )


def labour_share_chart(
    countries: Sequence[str] = ("USA", "DEU", "BRA", "ZAF", "IND", "CHN"),
    *,
    frame: "pd.DataFrame | None" = None,
    start: int = 1970,
) -> "go.Figure":
    """Labour's share of GDP over time for some countries (Penn World Table ``labsh``)."""
    if frame is None:
        from .data import penn_world_table

        frame = penn_world_table(list(countries), start=start, columns=["labsh"])
    go = _go()
    fig = go.Figure()
    latest = {}
    for i, (code, rows) in enumerate(frame.groupby("isocode", sort=False)):
        rows = rows.dropna(subset=["labsh"])
        if rows.empty:
            continue
        name = str(rows["country"].iloc[0])
        fig.add_scatter(x=rows["year"], y=rows["labsh"], name=name,
                        line_color=COLOURS[i % len(COLOURS)],
                        hovertemplate=f"{name} %{{x}}: %{{y:.1%}}<extra></extra>")
        latest[name] = (int(rows["year"].iloc[-1]), float(rows["labsh"].iloc[-1]))
    if not latest:
        raise InvalidInput("There is no labour share to chart for these countries and years. "
                           "Hint: try countries=('USA', 'BRA').")
    fig.update_yaxes(tickformat=".0%")
    high = max(latest, key=lambda k: latest[k][1])
    low = min(latest, key=lambda k: latest[k][1])
    year = max(y for y, _ in latest.values())
    title = (f"In {year}, labour's share of GDP ranged from {percent(latest[low][1])} ({low}) "
             f"to {percent(latest[high][1])} ({high})") if high != low else \
        f"Labour's share of GDP in {high} was {percent(latest[high][1])} in {year}"
    return house_style(
        fig, title=title,
        subtitle="Share of labour compensation (including the self-employed's labour income) "
                 "in GDP",
        x_title="Year", y_title="Share of GDP (%)", source=frame,
    )


def reserve_army_chart(frame: "pd.DataFrame | None" = None) -> "go.Figure":
    """Official unemployment and the wider reserve army of labour, as % of the labour force."""
    if frame is None:
        from .data import reserve_army

        frame = reserve_army()
    go = _go()
    official = frame["unemployment_rate"] / 100
    wider = frame["reserve_army"] / frame["labour_force"]
    fig = go.Figure()
    fig.add_scatter(x=frame["month"], y=official, name="Officially unemployed (U-3)",
                    line=dict(color=CONSTANT, width=2),
                    hovertemplate="%{x|%b %Y}: %{y:.1%}<extra>unemployed</extra>")
    fig.add_scatter(x=frame["month"], y=wider,
                    name="Wider reserve army: unemployed + marginally attached",
                    line=dict(color=SURPLUS, width=2),
                    hovertemplate="%{x|%b %Y}: %{y:.1%}<extra>wider count</extra>")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    both = frame.assign(wider=wider, official=official).dropna(subset=["wider"])
    if both.empty:
        title = "Official unemployment, as a share of the labour force"
    else:
        ratio = float((both["wider"] / both["official"]).mean())
        first = both["month"].iloc[0].year
        last = both["month"].iloc[-1].year
        title = (f"From {first} to {last}, the unemployed and the marginally attached together "
                 f"were on average {ratio:.2f} times the officially unemployed")
    return house_style(
        fig, title=title,
        subtitle="United States, monthly; shares of the civilian labour force",
        x_title="Month", y_title="Share of the labour force (%)", source=frame,
    )


def time_series_chart(
    frame: "pd.DataFrame",
    x: str,
    y: str | Sequence[str],
    *,
    title: str,
    y_title: str | None = None,
    subtitle: str = "",
    labels: Mapping[str, str] | None = None,
    percent_axis: bool = False,
    x_title: str | None = None,
) -> "go.Figure":
    """A line chart of one or more columns in the house style, with the table's source line.

    For curriculum authors: ``title`` should state the finding; ``y_title`` and
    ``x_title`` default to the columns' units from ``frame.attrs`` (which are in
    English: a translated notebook names its axes, e.g. ``x_title="Año"``); ``labels``
    renames series in the legend; ``percent_axis=True`` shows fractions as percentages.
    """
    columns = [y] if isinstance(y, str) else list(y)
    missing = [c for c in [x, *columns] if c not in frame.columns]
    if missing:
        raise InvalidInput(f"x and y must be columns of the table; {missing} are not. Hint: "
                           f"the columns are {list(frame.columns)}.")
    go = _go()
    fig = go.Figure()
    names = dict(labels or {})
    for i, column in enumerate(columns):
        fig.add_scatter(x=frame[x], y=frame[column], name=names.get(column, column),
                        line_color=COLOURS[i % len(COLOURS)])
    units = frame.attrs.get("units", {})
    if percent_axis:
        fig.update_yaxes(tickformat=".0%")
    if len(columns) == 1:
        fig.update_layout(showlegend=False)
    return house_style(
        fig, title=title, subtitle=subtitle,
        x_title=x_title or _sentence(units.get(x, x)),
        y_title=y_title or _sentence(units.get(columns[0], "")),
        source=frame,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
