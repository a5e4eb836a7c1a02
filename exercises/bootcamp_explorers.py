"""Explorers for the Membership Bootcamp units, one per session.

They follow :mod:`exercises.explorers` (same base class, labelled controls, a
chart and a summary in words beside it). Each is small on purpose: a learner
moves one or two controls, reads the summary, and then writes what they found
in an answer cell, because answers never live in widgets.

- :class:`PeriodGapExplorer` (session 1): choose the years, see how productivity
  and typical pay grew over them;
- :class:`PriceLevelExplorer` (session 2): how cheap a country's output is at
  market exchange rates, compared with the United States;
- :class:`SurplusMeasureExplorer` (session 3): how the rate of surplus value
  changes with two choices of measurement (taxes on production; unproductive work);
- :class:`TimelineExplorer` (session 4): what a table of events says depends on
  the window and on which events were picked;
- :class:`HypothesisExplorer` (session 5): build a strategy hypothesis part by part;
- :class:`SupportAccountabilityExplorer` (session 6): support and accountability,
  each without the other and together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._format import amount, percent
from .errors import InvalidInput
from .explorers import _STYLE, _SLIDER_WIDTH, Explorer, _slider
from .worksheets.model import TEMPLATE_PARTS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["PeriodGapExplorer", "PriceLevelExplorer", "SurplusMeasureExplorer",
           "TimelineExplorer", "HypothesisExplorer", "SupportAccountabilityExplorer",
           "surplus_value_rate", "support_accountability_quadrant", "QUADRANTS"]


class _RangeExplorer(Explorer):
    """An explorer whose ``years`` control is a range: ``set(years=(1973, 2024))``."""

    def set(self, **values):
        years = values.pop("years", None)
        if years is not None:
            low, high = self.years.min, self.years.max
            first, last = years
            if not (low <= first <= last <= high):
                raise InvalidInput(f"years must be two years from {low} to {high}, the first no later "
                                   f"than the last; you gave {years!r}. Hint: for example ({low}, {high}).")
            self._holding = True
            try:
                self.years.value = (first, last)
            finally:
                self._holding = False
        return super().set(**values)


def _layout():
    import ipywidgets as widgets

    return widgets.Layout(width="100%", max_width=_SLIDER_WIDTH)


def _range_slider(description: str, low: int, high: int, value: tuple[int, int]):
    import ipywidgets as widgets

    return widgets.IntRangeSlider(value=value, min=low, max=high, step=1, description=description,
                                  style=_STYLE, continuous_update=False, layout=_layout())


def _dropdown(description: str, options, value):
    import ipywidgets as widgets

    return widgets.Dropdown(options=options, value=value, description=description, style=_STYLE,
                            layout=_layout())


class PeriodGapExplorer(_RangeExplorer):
    """Productivity and typical pay over a period the learner chooses (EPI data, annual).

    Control: ``years`` (first and last year). Both indexes are set to 100 in the
    first year, so the chart shows growth over the chosen period only. ``language``
    ("en" or "es") is the language of its labels and sentences.
    """

    title = "Productivity and typical pay: choose the years"

    def __init__(self, start: int = 1973, end: int = 2024, *, language: str = "en") -> None:
        from ._words import check_language, words
        from .data import productivity_pay

        self.language = check_language(language)
        self.title = words("period.title", language)
        self.table = productivity_pay().set_index("year")
        first, last = int(self.table.index.min()), int(self.table.index.max())
        self.years = _range_slider(words("period.slider", language), first, last, (start, end))
        self.controls = [self.years]
        self._build()

    def growth(self, start: int, end: int) -> tuple[float, float, float]:
        """Productivity growth factor, pay growth factor, and their ratio, from ``start`` to ``end``."""
        t = self.table
        prod = t.loc[end, "productivity_index"] / t.loc[start, "productivity_index"]
        pay = t.loc[end, "pay_index"] / t.loc[start, "pay_index"]
        return float(prod), float(pay), float(prod / pay)

    def _compute(self):
        from ._words import words
        from .charts import CONSTANT, SURPLUS, _go, house_style

        say = lambda key, **values: words(key, self.language, **values)  # noqa: E731
        start, end = self.years.value
        if start == end:
            end = min(start + 1, int(self.table.index.max()))
            start = end - 1
        rows = self.table.loc[start:end]
        prod, pay, ratio = self.growth(start, end)
        go = _go()
        fig = go.Figure()
        fig.add_scatter(x=rows.index, y=100 * rows["productivity_index"] / rows["productivity_index"].iloc[0],
                        name=say("period.productivity"), line_color=CONSTANT)
        fig.add_scatter(x=rows.index, y=100 * rows["pay_index"] / rows["pay_index"].iloc[0],
                        name=say("period.pay"), line_color=SURPLUS)
        fig = house_style(fig, title=say("period.chart_title", start=start, end=end, prod=f"{prod:.2f}", pay=f"{pay:.2f}"),
                          subtitle=say("period.subtitle", start=start), x_title=say("year"),
                          y_title=say("period.y_title", start=start), source=self.table)
        paragraphs = [
            say("period.growth", start=start, end=end, prod=percent(prod - 1), pay=percent(pay - 1)),
            say("period.ratio", ratio=f"{ratio:.2f}"),
        ]
        return fig, paragraphs


class PriceLevelExplorer(Explorer):
    """A country's price level of output (Penn World Table ``pl_gdpo``) against the United States.

    Controls: ``country`` (one of ``countries``) and ``year``.
    """

    title = "How cheap is a country's output at market exchange rates?"

    def __init__(self, countries=("MEX", "BRA", "ZAF", "IND", "CHN", "PHL", "DEU"),
                 country: str | None = None, year: int = 2019) -> None:
        from .data import penn_world_table

        codes = list(countries)
        self.frame = penn_world_table(codes + ["USA"], start=1970, columns=["pl_gdpo"])
        self.levels = self.frame.pivot(index="year", columns="isocode", values="pl_gdpo")
        names = dict(zip(self.frame["isocode"], self.frame["country"]))
        self.names = names
        self.country = _dropdown("Country", [(names[c], c) for c in codes], country or codes[0])
        self.year = _slider("int", "Year", year, 1970, 2019, 1)
        self.controls = [self.country, self.year]
        self._build()

    def relative(self, code: str, year: int) -> float:
        """The country's price level divided by the US price level in the same year."""
        return float(self.levels.loc[year, code] / self.levels.loc[year, "USA"])

    def _compute(self):
        from .charts import CONSTANT, SURPLUS, _go, house_style

        code, year = self.country.value, self.year.value
        name = self.names[code]
        rel = self.relative(code, year)
        go = _go()
        fig = go.Figure()
        ratio = self.levels[code] / self.levels["USA"]
        fig.add_scatter(x=ratio.index, y=ratio, name=f"{name} ÷ United States", line_color=SURPLUS)
        fig.add_hline(y=1, line=dict(color=CONSTANT, dash="dot"))
        fig = house_style(fig, title=f"In {year}, {name}'s output cost {percent(rel)} of US prices",
                          subtitle="Price level of output-side GDP, divided by the US price level",
                          x_title="Year", y_title="1 = same prices as the US", source=self.frame)
        paragraphs = [
            f"In {year}, at market exchange rates, the goods and services produced in {name} "
            f"sold for about {percent(rel)} of what the same goods and services cost in the "
            f"United States.",
            f"So a dollar exchanged into {name}'s money bought about {1 / rel:.1f} times as much "
            f"of what {name} produces as it bought at home.",
        ]
        return fig, paragraphs


def surplus_value_rate(table: "pd.DataFrame", year: int, *, taxes_in_surplus: bool = False,
                       unproductive_share: float = 0.0) -> float:
    """s/v of US corporations in ``year`` under two measurement choices.

    ``table`` is :func:`exercises.data.us_corporate` indexed by year.
    ``taxes_in_surplus``: count taxes on production and imports (less subsidies),
    the part of net value added that is neither compensation nor net operating
    surplus, as surplus value (Shaikh and Tonak's choice) or leave them out.
    ``unproductive_share``: the fraction of compensation taken to pay
    unproductive work; it is moved from v into s.
    """
    from ._checks import check_number

    u = check_number("unproductive_share", unproductive_share, "share of compensation",
                     minimum=0, maximum=1, max_inclusive=False, hint="try 0.25 for a quarter.")
    row = table.loc[year]
    s = row["surplus"]
    if taxes_in_surplus:
        s = row["net_value_added"] - row["compensation"]
    v = row["compensation"]
    return float((s + u * v) / ((1 - u) * v))


class SurplusMeasureExplorer(Explorer):
    """The rate of surplus value of US corporations under the choices behind the measurement.

    Controls: ``year``, ``taxes`` (count taxes on production as surplus) and
    ``unproductive`` (percent of compensation taken to pay unproductive work).
    """

    title = "One rate of surplus value, several measurements"

    def __init__(self, year: int = 2017, taxes: bool = False, unproductive: float = 0) -> None:
        import ipywidgets as widgets

        from .data import us_corporate

        self.table = us_corporate().set_index("year")
        self.year = _slider("int", "Year", year, int(self.table.index.min()),
                            int(self.table.index.max()), 1)
        self.taxes = widgets.Checkbox(value=taxes, description="Count taxes on production as surplus value",
                                      style=_STYLE, layout=_layout())
        self.unproductive = _slider("float", "Share of compensation paid for unproductive work (%)",
                                    unproductive, 0, 50, 5, ".0f")
        self.controls = [self.year, self.taxes, self.unproductive]
        self._build()

    def _compute(self):
        from .charts import CONSTANT, SURPLUS, _go, house_style

        year, taxes, u = self.year.value, self.taxes.value, self.unproductive.value / 100
        simple = [surplus_value_rate(self.table, y) for y in self.table.index]
        chosen = [surplus_value_rate(self.table, y, taxes_in_surplus=taxes, unproductive_share=u)
                  for y in self.table.index]
        go = _go()
        fig = go.Figure()
        fig.add_scatter(x=self.table.index, y=simple, name="Simple reading", line_color=CONSTANT)
        fig.add_scatter(x=self.table.index, y=chosen, name="Your choices", line_color=SURPLUS)
        fig.update_yaxes(tickformat=".0%")
        here = surplus_value_rate(self.table, year, taxes_in_surplus=taxes, unproductive_share=u)
        base = surplus_value_rate(self.table, year)
        fig = house_style(fig, title=f"In {year}, s/v is {percent(here)} with your choices",
                          subtitle="US corporations, rate of surplus value s/v",
                          x_title="Year", y_title="s/v", source=self.table)
        choices = []
        choices.append("taxes on production counted as surplus" if taxes
                       else "taxes on production left out")
        choices.append(f"{amount(100 * u, 0)}% of compensation treated as paying unproductive work"
                       if u else "all compensation counted as v")
        paragraphs = [
            f"Your choices: {'; '.join(choices)}.",
            f"In {year}, s/v is {percent(here)}, against {percent(base)} in the simple reading "
            f"(net operating surplus over all compensation).",
        ]
        return fig, paragraphs


class TimelineExplorer(_RangeExplorer):
    """Rows of a timeline table in a window of years, by kind: what a count depends on.

    ``timeline`` has the columns ``year``, ``region``, ``kind`` and ``event``.
    Controls: ``years`` (a window) and ``kind`` (one kind, or all).
    """

    title = "A timeline: the window and the selection"

    def __init__(self, timeline: "pd.DataFrame", years: tuple[int, int] = (1945, 1980),
                 kind: str = "all kinds") -> None:
        missing = [c for c in ("year", "region", "kind", "event") if c not in timeline.columns]
        if missing:
            raise InvalidInput(f"timeline must have the columns year, region, kind and event; it "
                               f"lacks {missing}. Hint: pass the notebook's table, timeline.")
        self.timeline = timeline
        kinds = ["all kinds"] + sorted(timeline["kind"].unique())
        self.years = _range_slider("Years (first and last)", int(timeline["year"].min()),
                                   int(timeline["year"].max()), years)
        self.kind = _dropdown("Kind of event", kinds, kind)
        self.controls = [self.years, self.kind]
        self._build()

    def rows(self, start: int, end: int, kind: str = "all kinds") -> "pd.DataFrame":
        t = self.timeline
        picked = t[(t["year"] >= start) & (t["year"] <= end)]
        return picked if kind == "all kinds" else picked[picked["kind"] == kind]

    def _compute(self):
        import plotly.express as px

        from .charts import house_style

        (start, end), kind = self.years.value, self.kind.value
        picked = self.rows(start, end, kind)
        fig = px.scatter(picked, x="year", y="region", color="kind", hover_name="event")
        fig.update_xaxes(range=[start - 1, end + 1])
        fig = house_style(fig, title=f"{len(picked)} rows from {start} to {end}",
                          subtitle=f"{kind}; a selection of events, not a census",
                          x_title="Year", y_title="", source="Source: the table in this notebook.")
        counts = picked["kind"].value_counts()
        paragraphs = [f"{len(picked)} rows of the table fall between {start} and {end} ({kind})."]
        if len(counts) > 1:
            paragraphs.append("By kind: " + "; ".join(f"{k}: {n}" for k, n in counts.items()) + ".")
        paragraphs.append("The count says how many events someone chose to put in the table, not "
                          "how much happened: a different selection gives a different count.")
        return fig, paragraphs


#: The five parts of a strategy hypothesis, in the order the sentence uses them: the
#: worksheet toolkit's own list, so the builder and the template cell never drift apart.
HYPOTHESIS_PARTS = TEMPLATE_PARTS
_NOT_CHOSEN = "(leave this part out)"


class HypothesisExplorer(Explorer):
    """Build a strategy hypothesis from five parts, and see which parts a draft leaves out.

    ``options`` maps each of the five parts to the choices offered for it.
    """

    title = "Build a strategy hypothesis"

    def __init__(self, options: dict[str, list[str]]) -> None:
        unknown = sorted(set(options) - set(HYPOTHESIS_PARTS))
        if unknown or not options:
            raise InvalidInput(f"options must map the parts {list(HYPOTHESIS_PARTS)} to lists of "
                               f"choices; you gave {unknown or 'none'}. Hint: see the notebook.")
        self.dropdowns = {}
        for part in HYPOTHESIS_PARTS:
            choices = [_NOT_CHOSEN] + list(options.get(part, []))
            self.dropdowns[part] = _dropdown(part.capitalize(), choices, _NOT_CHOSEN)
        self.controls = list(self.dropdowns.values())
        self._build()

    def choose(self, **parts: str) -> "HypothesisExplorer":
        """Choose parts from code, e.g. ``choose(bloc="...")`` (spaces in part names become ``_``)."""
        for key, value in parts.items():
            self.dropdowns[key.replace("_", " ")].value = value
        return self

    def chosen(self) -> dict[str, str]:
        return {p: d.value for p, d in self.dropdowns.items() if d.value != _NOT_CHOSEN}

    def _compute(self):
        from .charts import COLOURS, _go, house_style

        chosen = self.chosen()
        missing = [p for p in HYPOTHESIS_PARTS if p not in chosen]
        go = _go()
        fig = go.Figure(go.Bar(x=[1 if p in chosen else 0 for p in HYPOTHESIS_PARTS],
                               y=list(HYPOTHESIS_PARTS), orientation="h", marker_color=COLOURS[0]))
        fig.update_xaxes(range=[0, 1], visible=False)
        fig.update_yaxes(autorange="reversed")
        fig = house_style(fig, title=f"{len(chosen)} of 5 parts chosen",
                          subtitle="A bar for each part the hypothesis names",
                          source="Source: your choices, not data.")
        get = lambda p: chosen.get(p, "[…]")  # noqa: E731 - a one-line reader for the sentence
        sentence = (f"If {get('bloc')}, using {get('basis of power')} at {get('chokepoints')}, "
                    f"then they can defeat {get('opposing forces')} and {get('correlation of power')}.")
        paragraphs = [sentence]
        paragraphs.append("Every part is there: now ask what evidence would show it is wrong."
                          if not missing else "Missing: " + ", ".join(missing) + ".")
        return fig, paragraphs


#: The four corners of support and accountability, with what each looks like.
QUADRANTS = {
    "drift": "Little support and little accountability: nobody notices when a commitment slips, "
             "and nobody helps.",
    "blame": "Accountability without support: a missed commitment is named, but the person is "
             "left alone with what got in the way, so it turns into blame.",
    "letting each other down gently": "Support without accountability: people are kind about "
             "missed commitments but nobody names them, so the work and the person both slide.",
    "support and accountability": "Both together: a missed commitment is named directly, and the "
             "group asks what is in the way and helps solve it.",
}


def support_accountability_quadrant(support: float, accountability: float) -> str:
    """The name of the corner (a key of :data:`QUADRANTS`) for two ratings from 0 to 10."""
    high_s, high_a = support > 5, accountability > 5
    if high_s and high_a:
        return "support and accountability"
    if high_a:
        return "blame"
    if high_s:
        return "letting each other down gently"
    return "drift"


class SupportAccountabilityExplorer(Explorer):
    """Where a group's practice sits between support and accountability (each rated 0 to 10)."""

    title = "Support and accountability"

    def __init__(self, support: int = 3, accountability: int = 3) -> None:
        self.support = _slider("int", "Support (0 to 10)", support, 0, 10, 1)
        self.accountability = _slider("int", "Accountability (0 to 10)", accountability, 0, 10, 1)
        self.controls = [self.support, self.accountability]
        self._build()

    def _compute(self):
        from .charts import SURPLUS, _go, house_style

        s, a = self.support.value, self.accountability.value
        corner = support_accountability_quadrant(s, a)
        go = _go()
        fig = go.Figure(go.Scatter(x=[s], y=[a], mode="markers",
                                   marker=dict(size=22, color=SURPLUS)))
        for x, y, label in [(2.5, 2.5, "drift"), (2.5, 8.5, "blame"),
                            (7.5, 1.5, "letting each other<br>down gently"),
                            (7.5, 8.5, "support and<br>accountability")]:
            fig.add_annotation(x=x, y=y, text=label, showarrow=False, font=dict(size=13, color="#555555"))
        fig.add_vline(x=5.5, line=dict(color="#BBBBBB", dash="dot"))
        fig.add_hline(y=5.5, line=dict(color="#BBBBBB", dash="dot"))
        fig.update_xaxes(range=[0, 10.5])
        fig.update_yaxes(range=[0, 10.5])
        fig = house_style(fig, title=f"This is {corner}", subtitle="Support across, accountability up",
                          x_title="Support", y_title="Accountability",
                          source="Source: your settings, not data.")
        return fig, [f"Support {s} of 10, accountability {a} of 10: {corner}.", QUADRANTS[corner]]
