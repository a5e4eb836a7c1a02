"""Explorers: small ipywidgets tools a learner drags to see a relation.

Each explorer is a class. Make one and leave it as the last line of a cell::

    from exercises.explorers import WorkingDayExplorer
    WorkingDayExplorer()

What every explorer has:

- labelled sliders with units (attributes, e.g. ``explorer.length``);
- a chart (``explorer.figure``, a plotly ``Figure``) drawn in ``explorer.output``;
- a text summary beside the chart (``explorer.summary``, an HTML widget marked as
  a live region) that states the current numbers in words, for screen readers
  and for anyone who prefers reading to looking;
- ``explorer.set(...)`` to change the values from code (a facilitator's demo,
  or a test) and ``explorer.widget``, the whole tool as one widget.

The chart updates in place: the new figure replaces the old one in a single
step (no stacking, no blank flash while it clears). plotly's ``FigureWidget``
would need the ``anywidget`` package, which this platform does not install, so
each update sends a fresh figure to the same output area instead. Sliders
update when released (``continuous_update=False``), which keeps slow
connections responsive.

Answers do not live in widgets: nbgrader re-runs notebooks, so anything typed
only into an explorer is lost. Ask learners to write what they saw in a cell.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ._format import amount, percent
from .errors import InvalidInput
from .models import (
    MARX_EXPANDED_EXAMPLE,
    MARX_SIMPLE_EXAMPLE,
    ExpandedReproduction,
    Producer,
    ProfitRateSimulation,
    ReproductionScheme,
    WorkingDay,
    simulate_expanded_reproduction,
    simulate_profit_rate,
    socially_necessary_labour_time,
)

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = ["Explorer", "WorkingDayExplorer", "ProfitRateExplorer", "ReproductionExplorer",
           "SNLTExplorer"]

_STYLE = {"description_width": "initial"}
_SLIDER_WIDTH = "46em"


def _slider(kind: str, description: str, value: float, low: float, high: float, step: float,
            fmt: str | None = None):
    import ipywidgets as widgets

    cls = widgets.IntSlider if kind == "int" else widgets.FloatSlider
    options: dict[str, Any] = dict(
        value=value, min=low, max=high, step=step, description=description, style=_STYLE,
        continuous_update=False, layout=widgets.Layout(width="100%", max_width=_SLIDER_WIDTH),
    )
    if fmt:
        options["readout_format"] = fmt
    return cls(**options)


def _n(x: float) -> str:
    """Scheme numbers as Marx writes them: 4400, not 4,400."""
    return amount(x, 1, grouping=False)


class Explorer:
    """What all explorers share: the layout, drawing, the summary and ``set``.

    Subclasses define ``controls`` (a list of widgets, set in ``__init__`` before
    calling :meth:`_build`) and :meth:`_compute`, which returns the figure and the
    summary paragraphs for the current values.
    """

    title = ""
    figure: "go.Figure"
    controls: list

    def _build(self) -> None:
        import ipywidgets as widgets

        self.output = widgets.Output(layout=widgets.Layout(flex="3 1 36em", min_width="0"))
        self.summary = widgets.HTML(layout=widgets.Layout(flex="1 1 16em", padding="0 0 0 1em"))
        self.heading = widgets.HTML(f"<h3 style='margin:0 0 .4em 0'>{html.escape(self.title)}</h3>")
        self.widget = widgets.VBox([
            self.heading,
            widgets.VBox(self.controls),
            widgets.HBox([self.output, self.summary],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start")),
        ])
        self._holding = False
        for control in self.controls:
            control.observe(self._on_change, names="value")
        self.update()

    # -- driving the explorer ----------------------------------------------------------

    def _on_change(self, change=None) -> None:
        if not self._holding:
            self.update()

    def set(self, **values: Any) -> "Explorer":
        """Set several controls at once (by attribute name), then redraw once.

        Example: ``explorer.set(length=12, wage=80)``. Values outside a slider's
        range raise :class:`~exercises.errors.InvalidInput` rather than being
        silently clipped.
        """
        names = {name for name, widget in vars(self).items()
                 if any(widget is control for control in self.controls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise InvalidInput(
                f"{unknown[0]} is not a control of this explorer; the controls are "
                f"{', '.join(sorted(names))}. Hint: for example explorer.set("
                f"{sorted(names)[0]}=...)."
            )
        for name, value in values.items():
            control = getattr(self, name)
            low, high = getattr(control, "min", None), getattr(control, "max", None)
            if low is not None and not (low <= value <= high):
                raise InvalidInput(
                    f"{name} ({control.description}) must be between {low:g} and {high:g}; "
                    f"you gave {value!r}. Hint: drag the slider to see its range."
                )
        self._holding = True
        try:
            for name, value in values.items():
                getattr(self, name).value = value
        finally:
            self._holding = False
        self.update()
        return self

    def update(self) -> None:
        """Recompute from the controls and redraw the chart and the summary."""
        from .charts import narrow

        figure, paragraphs = self._compute()
        # The chart shares the row with the summary: wrap its titles shorter.
        self.figure = narrow(figure)
        self.summary.value = (
            '<div role="status" aria-live="polite" style="font-size:1.05em;line-height:1.45">'
            + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            + "</div>"
        )
        self.summary_text = " ".join(paragraphs)
        self._draw()

    def _draw(self) -> None:
        import plotly.io as pio

        bundle = pio.renderers["plotly_mimetype"].to_mimebundle(self.figure.to_dict())
        bundle["text/plain"] = self.summary_text
        # Replacing the output list in one assignment: the front end clears and
        # redraws in a single step, so charts never stack up.
        self.output.outputs = (
            {"output_type": "display_data", "data": bundle, "metadata": {}},
        )

    def _compute(self) -> tuple["go.Figure", list[str]]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- display -----------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def display(self) -> None:
        """Show the explorer (same as leaving it as the last line of a cell)."""
        from IPython.display import display

        display(self.widget)


class WorkingDayExplorer(Explorer):
    """The working day: how its length, productivity and the wage set the rate of surplus value.

    Controls: ``length`` (hours per day), ``productivity`` (productivity in the
    industries that make workers' goods, 1 = today) and ``wage`` (dollars per
    day, at today's prices). ``value_per_hour`` (dollars of new value per hour of
    work) is fixed when the explorer is made.

    >>> explorer = WorkingDayExplorer()          # doctest: +SKIP
    >>> explorer.set(length=12)                  # doctest: +SKIP
    """

    title = "The working day: necessary and surplus labour"

    def __init__(self, length: float = 10, wage: float = 100, productivity: float = 1.0,
                 value_per_hour: float = 20) -> None:
        from ._checks import check_number

        self.value_per_hour = check_number(
            "value_per_hour", value_per_hour, "new value added per hour of work, in dollars",
            minimum=0, min_inclusive=False, hint="try 20.")
        self.length = _slider("float", "Length of the working day (hours)", length, 4, 16, 0.5,
                              ".1f")
        self.productivity = _slider("float", "Productivity making workers' goods (× today)",
                                    productivity, 0.5, 4, 0.1, ".1f")
        self.wage = _slider("float", "Daily wage (dollars per day, today's prices)", wage, 20,
                            300, 5, ".0f")
        self.controls = [self.length, self.productivity, self.wage]
        self._build()

    def _compute(self):
        from .charts import working_day_chart

        length, wage, productivity = self.length.value, self.wage.value, self.productivity.value
        necessary = wage / (self.value_per_hour * productivity)
        level = ("at today's productivity" if productivity == 1 else
                 f"at {amount(productivity, 2)} times today's productivity")
        paragraphs = [
            f"Each hour of work adds {amount(self.value_per_hour)} dollars of value. The daily "
            f"wage of {amount(wage)} dollars buys goods that take {amount(necessary, 2)} "
            f"hours to produce {level}."
        ]
        if necessary > length:
            self.day = WorkingDay(length=length, necessary=length)
            paragraphs.append(
                f"That is more than the whole {amount(length)}-hour day: the worker cannot live "
                f"on what the day produces and there is no surplus value. Lengthen the day, "
                f"raise productivity or lower the wage."
            )
        else:
            self.day = WorkingDay(length=length, necessary=necessary)
            paragraphs.append(self.day.summary())
        return working_day_chart(self.day), paragraphs


class ProfitRateExplorer(Explorer):
    """Mechanisation and the rate of profit: one rise in productivity, three effects.

    Controls (percent per period): ``composition_growth`` (more means of
    production per worker, the technical composition), ``productivity_growth``
    (output per hour in every industry: it cheapens both the means of production
    and the workers' goods) and ``real_wage_growth`` (the goods the wage buys);
    and ``periods``. The counteracting tendencies are not dials of their own: they
    follow from ``productivity_growth``. The starting capital ``c``, ``v``, ``s`` is
    fixed when the explorer is made.
    """

    title = "Mechanisation, productivity and the rate of profit over time"

    def __init__(self, periods: int = 30, composition_growth: float = 5.0,
                 productivity_growth: float = 0.0, real_wage_growth: float = 0.0,
                 c: float = 400, v: float = 100, s: float = 100) -> None:
        from .models import ValueComposition

        self.start = ValueComposition(c, v, s)
        self.composition_growth = _slider(
            "float", "Growth of means of production per worker (% per period)",
            composition_growth, 0, 10, 0.5, ".1f")
        self.productivity_growth = _slider(
            "float", "Growth of output per hour, every industry (% per period)",
            productivity_growth, 0, 10, 0.5, ".1f")
        self.real_wage_growth = _slider(
            "float", "Growth of the real wage (% per period)",
            real_wage_growth, 0, 10, 0.5, ".1f")
        self.periods = _slider("int", "Number of periods", periods, 5, 100, 1)
        self.controls = [self.composition_growth, self.productivity_growth, self.real_wage_growth,
                         self.periods]
        self._build()

    def _compute(self):
        from .charts import profit_rate_chart

        self.simulation: ProfitRateSimulation = simulate_profit_rate(
            self.start.c, self.start.v, self.start.s,
            periods=self.periods.value,
            composition_growth=self.composition_growth.value / 100,
            productivity_growth=self.productivity_growth.value / 100,
            real_wage_growth=self.real_wage_growth.value / 100,
        )
        first = self.simulation.periods[0]
        paragraphs = [
            f"Start: {amount(first.c)}c + {amount(first.v)}v + {amount(first.s)}s, a rate of "
            f"profit of {percent(first.rate_of_profit, 1)}. Each period the means of production "
            f"per worker grow {amount(self.composition_growth.value)}%, output per hour grows "
            f"{amount(self.productivity_growth.value)}% (so machines, materials and workers' goods "
            f"all get cheaper) and the real wage grows {amount(self.real_wage_growth.value)}%.",
            self.simulation.summary(),
        ]
        return profit_rate_chart(self.simulation), paragraphs


class ReproductionExplorer(Explorer):
    """Reproduction schemes period by period: two departments that must fit together.

    Controls: ``scheme`` (Marx's expanded or simple example), ``accumulation``
    (% of Department I's surplus value invested each period), ``periods`` and
    ``period`` (the period whose numbers the summary spells out).
    """

    title = "Reproduction schemes, period by period"
    SCHEMES = {
        "Marx's expanded reproduction example": MARX_EXPANDED_EXAMPLE,
        "Marx's simple reproduction example": MARX_SIMPLE_EXAMPLE,
    }

    def __init__(self, scheme: str | ReproductionScheme = "Marx's expanded reproduction example",
                 accumulation: float = 50.0, periods: int = 5) -> None:
        import ipywidgets as widgets

        options = dict(self.SCHEMES)
        if isinstance(scheme, ReproductionScheme):
            options = {"Your scheme": scheme, **options}
            scheme = "Your scheme"
        elif scheme not in options:
            raise InvalidInput(
                f"scheme must be a ReproductionScheme or one of {list(options)}; you gave "
                f"{scheme!r}. Hint: ReproductionScheme(I=(4000, 1000, 1000), II=(1500, 750, 750))."
            )
        self.scheme = widgets.Dropdown(options=list(options), value=scheme,
                                       description="Starting scheme", style=_STYLE,
                                       layout=widgets.Layout(width="100%",
                                                             max_width=_SLIDER_WIDTH))
        self._schemes = options
        self.accumulation = _slider("float", "Share of Dept I's surplus value invested (%)",
                                    accumulation, 0, 100, 5, ".0f")
        self.periods = _slider("int", "Number of periods", periods, 1, 20, 1)
        self.period = _slider("int", "Period to describe", 0, 0, periods, 1)
        self.controls = [self.scheme, self.accumulation, self.periods, self.period]
        self.run: ExpandedReproduction | None = None
        self._build()

    def _on_change(self, change=None) -> None:
        # Keep "period to describe" within the number of periods.
        if change is not None and change.get("owner") is self.periods:
            self.period.max = self.periods.value
        super()._on_change(change)

    def set(self, **values: Any) -> "ReproductionExplorer":
        if "periods" in values:
            self.period.max = max(int(values["periods"]), 0)
        return super().set(**values)  # type: ignore[return-value]

    def _compute(self):
        from .charts import reproduction_chart, reproduction_scheme_chart

        start = self._schemes[self.scheme.value]
        rate = self.accumulation.value / 100
        try:
            self.run = simulate_expanded_reproduction(start, periods=self.periods.value,
                                                      accumulation_rate=rate)
        except InvalidInput as problem:
            self.run = None
            return reproduction_scheme_chart(start), [
                str(problem).split(" Hint:")[0],
                "Try another share of Department I's surplus value invested, or another "
                "starting scheme.",
                f"Starting scheme: {start.summary()}",
            ]
        t = min(self.period.value, len(self.run.schemes) - 1)
        scheme = self.run.schemes[t]
        figure = reproduction_chart(self.run)
        figure.add_vrect(x0=t - 0.5, x1=t + 0.5, fillcolor="#999999", opacity=0.18,
                         line_width=0, layer="below")
        paragraphs = [self.run.summary(), f"Period {t}: {scheme.summary()}"]
        if t < len(self.run.steps):
            step = self.run.steps[t]
            paragraphs.append(
                f"From period {t} to {t + 1}: Department I adds {_n(step.added_c_I)}c + "
                f"{_n(step.added_v_I)}v and its capitalists consume {_n(step.consumed_I)}; "
                f"Department II adds {_n(step.added_c_II)}c + {_n(step.added_v_II)}v and its "
                f"capitalists consume {_n(step.consumed_II)}."
            )
        return figure, paragraphs


class SNLTExplorer(Explorer):
    """Socially necessary labour time when a new method spreads through an industry.

    Three kinds of producer make the same good: a small workshop (slow), the
    typical factories, and factories with new machines. Controls:
    ``workshop_hours``, ``factory_hours`` and ``new_hours`` (hours of labour per
    unit with each method) and ``new_share`` (% of all units made with the new
    machines). The small workshop makes a fixed ``workshop_share`` % of all units
    and the typical factories the rest; ``total_units`` (units made in the
    period) and ``good`` (what is made, for the labels) are fixed when the
    explorer is made.

    >>> explorer = SNLTExplorer()                # doctest: +SKIP
    >>> explorer.set(new_share=60)               # doctest: +SKIP
    """

    title = "Socially necessary labour time: the usual conditions of production"

    def __init__(self, workshop_hours: float = 3.0, factory_hours: float = 1.5,
                 new_hours: float = 0.5, new_share: float = 10.0, *,
                 workshop_share: float = 5.0, total_units: float = 1000,
                 good: str = "shirt") -> None:
        from ._checks import check_number

        self.workshop_share = check_number(
            "workshop_share", workshop_share, "share of all units the small workshop makes, in %",
            minimum=0, maximum=50, hint="try 5.")
        self.total_units = check_number(
            "total_units", total_units, "units made by all producers in the period",
            minimum=0, min_inclusive=False, hint="try 1000.")
        self.good = str(good)
        top = 100 - self.workshop_share
        self.workshop_hours = _slider("float", f"Small workshop: hours per {self.good}",
                                      workshop_hours, 0.5, 8, 0.1, ".1f")
        self.factory_hours = _slider("float", f"Typical factories: hours per {self.good}",
                                     factory_hours, 0.5, 8, 0.1, ".1f")
        self.new_hours = _slider("float", f"New machines: hours per {self.good}",
                                 new_hours, 0.1, 8, 0.1, ".1f")
        self.new_share = _slider("float", f"{self.good.capitalize()}s made with new machines "
                                 f"(% of all)", new_share, 0, top, 5, ".0f")
        self.controls = [self.workshop_hours, self.factory_hours, self.new_hours, self.new_share]
        self._build()

    def _compute(self):
        from .charts import snlt_chart

        new = self.new_share.value
        typical = max(100 - self.workshop_share - new, 0.0)
        shares = (("Small workshop", self.workshop_hours.value, self.workshop_share),
                  ("Typical factory", self.factory_hours.value, typical),
                  ("New-machine factory", self.new_hours.value, new))
        producers = [Producer(name, hours, self.total_units * share / 100)
                     for name, hours, share in shares if share > 0]
        self.result = socially_necessary_labour_time(producers)
        snlt = self.result.hours_per_unit
        goods = f"{self.good}s"
        paragraphs = [
            f"Of {amount(self.total_units)} {goods}, {amount(new)}% are made with new machines, "
            f"{amount(typical)}% in typical factories and {amount(self.workshop_share)}% in the "
            f"small workshop.",
            self.result.summary(),
        ]
        workshop = self.workshop_hours.value
        if self.workshop_share > 0:
            paragraphs.append(
                f"An hour of work in the small workshop counts for "
                f"{amount(snlt / workshop, 2)} hours of value: the market judges its "
                f"{goods} by the usual conditions, not by the hours spent on them."
            )
        return snlt_chart(self.result), paragraphs
