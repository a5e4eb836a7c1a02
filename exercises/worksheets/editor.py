"""Forms (ipywidgets) that edit a worksheet cell's text, and the write-back into the cell.

A worksheet lives in the text of its cell (see :mod:`.text` for why). Running the
cell builds the worksheet from that text and shows:

1. a form to edit it (ipywidgets), with the chart it feeds (the forces table draws
   the correlation of forces; the timeline draws its events), redrawn on every
   change, and a status line saying whether the form holds changes not yet saved;
2. the saved worksheet as Markdown: what the facilitator reads on the desk.

Changes made in the form reach the notebook when the learner runs the cell again
(Shift-Enter): the cell finds the form it showed last time, sees that the form
changed while the cell's text did not, and asks the front end to replace the
cell's text with the form's entries (``set_next_input(text, replace=True)``, an
IPython payload JupyterLab applies to the cell being run). If both the text and
the form changed, the text wins and the form's version is printed, so nothing
typed is lost silently. A kernel restart loses only form changes never saved;
the status line says so while there are any.

Charts update in place as in :mod:`exercises.explorers`: each change sends a fresh
figure to the same output area (plotly's FigureWidget would need ``anywidget``).
"""

from __future__ import annotations

import html
from typing import Any

from ..errors import InvalidInput
from . import text
from .model import MOVEMENTS, POSITIONS, STRENGTH_RANGE, Chokepoints, ForcesTable, Hypothesis, Timeline, _Sheet

__all__ = ["SheetEditor", "ForcesEditor", "TimelineEditor", "ChokepointsEditor", "HypothesisEditor",
           "open_sheet", "OPEN"]

#: The form last shown by each worksheet cell (by the cell's id, or the variable's name).
OPEN: dict[str, "SheetEditor"] = {}

_STYLE = {"description_width": "9em"}


def _widget(kind: str, label: str, value: Any, hint: str = ""):
    import ipywidgets as w

    wide = w.Layout(width="100%", max_width="40em")
    if kind == "text":
        return w.Text(value=value, description=label, placeholder=hint, continuous_update=False,
                      style=_STYLE, layout=wide)
    if kind == "long":
        return w.Textarea(value=value, description=label, placeholder=hint, continuous_update=False,
                          style=_STYLE, layout=w.Layout(width="100%", max_width="40em", height="4.5em"))
    if kind == "names":
        return w.Text(value=", ".join(value), description=label, placeholder=hint or "names, separated by commas",
                      continuous_update=False, style=_STYLE, layout=wide)
    if kind == "year":
        return w.Text(value="" if value is None else str(value), description=label, placeholder="e.g. 1979",
                      continuous_update=False, style=_STYLE, layout=w.Layout(width="16em"))
    if kind == "bool":
        return w.Checkbox(value=bool(value), description=label, indent=False)
    options = {
        "position": [("— not placed", "")] + [(f"{k:+d} {words}", k) for k, words in POSITIONS.items()],
        "strength": [("— not estimated", "")] + [(str(i), i) for i in range(STRENGTH_RANGE[0], STRENGTH_RANGE[1] + 1)],
        "moving": [("— not said", "")] + [(m, m) for m in MOVEMENTS],
    }[kind]
    return w.Dropdown(options=options, value="" if value is None else value, description=label, style=_STYLE,
                      layout=w.Layout(width="22em"))


def _read(kind: str, widget, what: str) -> Any:
    value = widget.value
    if kind in ("position", "strength"):
        return None if value == "" else value
    if kind == "year":
        value = value.strip()
        if not value:
            return None
        if not value.lstrip("-").isdigit():
            raise InvalidInput(f"{what}: the year must be a number like 1979; you typed {value!r}.")
        return int(value)
    return value


class SheetEditor:
    """A form over one worksheet. Subclasses say which fields it has.

    ``top`` lists the worksheet's own fields and ``row_fields`` the fields of each
    entry in its list (``rows_key``): (key, label, widget kind, placeholder).
    """

    sheet_cls: type = _Sheet
    top: tuple = ()
    rows_key = ""
    row_fields: tuple = ()
    row_name = "entry"
    var = ""

    def __init__(self, sheet: _Sheet, var: str = "") -> None:
        import ipywidgets as w

        self.var = var or self.var
        self.saved = sheet   # as written in the cell's text
        self.sheet = sheet   # as the form holds it now
        self.error = ""
        self.notice = ""
        plain = sheet.to_plain()
        self.top_widgets = {key: _widget(kind, label, plain[key], hint) for key, label, kind, hint in self.top}
        self.rows: list[dict] = []
        self.rows_box = w.VBox()
        for entry in plain.get(self.rows_key, []) if self.rows_key else []:
            self._new_row(entry)
        self.status = w.HTML()
        self.problems_box = w.HTML()
        self.output = w.Output()
        heading = w.HTML(f"<h3 style='margin:0 0 .3em 0'>{html.escape(text.HEADERS[sheet.kind])}</h3>")
        # The chart sits above the entries, so it stays in view while the first ones are typed.
        parts = [heading, *self.top_widgets.values(), *self._extra(), self.status, self.output]
        if self.rows_key:
            self.add_button = w.Button(description=f"Add {self.row_name}", icon="plus",
                                       tooltip=f"Add an empty {self.row_name} at the end")
            self.add_button.on_click(lambda _b: self.add_row())
            parts += [self.rows_box, self.add_button]
        parts.append(self.problems_box)
        self.widget = w.VBox(parts)
        for widget in self.top_widgets.values():
            widget.observe(self._on_change, names="value")
        self._render_rows()
        self._refresh()

    def _extra(self) -> list:
        """Widgets a form shows between its own fields and its status line (none by default)."""
        return []

    # -- rows ---------------------------------------------------------------------------

    def _new_row(self, entry: dict) -> dict:
        import ipywidgets as w

        row = {key: _widget(kind, label, entry.get(key, [] if kind == "names" else ("" if kind != "bool" else False)), hint)
               for key, label, kind, hint in self.row_fields}
        for widget in row.values():  # two or three fields to a line, so a card stays short
            widget.layout.flex, widget.layout.width, widget.layout.margin = "1 1 24em", "auto", "2px 1em 2px 0"
        for widget in row.values():
            widget.observe(self._on_change, names="value")
        remove = w.Button(description=f"Remove this {self.row_name}", icon="trash", button_style="",
                          layout=w.Layout(width="auto"))
        remove.on_click(lambda _b, row=row: self.remove_row(self.rows.index(row)))
        row["_remove"] = remove
        self.rows.append(row)
        return row

    def _render_rows(self) -> None:
        import ipywidgets as w

        self.rows_box.children = [
            w.VBox([w.HTML(f"<b>{html.escape(self.row_name.capitalize())} {i}</b>"),
                    w.Box([row[key] for key, *_ in self.row_fields], layout=w.Layout(flex_flow="row wrap")),
                    row["_remove"]],
                   layout=w.Layout(border="1px solid #bbbbbb", padding="0.4em", margin="0.3em 0"))
            for i, row in enumerate(self.rows, start=1)
        ]

    def add_row(self, **values: Any) -> dict:
        """Add an entry at the end (the "Add" button), optionally filled: ``add_row(name="...")``."""
        unknown = set(values) - {key for key, *_ in self.row_fields}
        if unknown:
            raise InvalidInput(f"{sorted(unknown)[0]!r} is not a field of a {self.row_name}; the fields are "
                               f"{', '.join(key for key, *_ in self.row_fields)}.")
        row = self._new_row({})
        self._render_rows()
        self.fill(len(self.rows) - 1, **values)
        self._on_change()
        return row

    def remove_row(self, index: int) -> None:
        """Remove the entry at ``index`` (counting from 0), as its "Remove" button does."""
        del self.rows[index]
        self._render_rows()
        self._on_change()

    def fill(self, index: int, **values: Any) -> None:
        """Type into the entry at ``index``, field by field, as a learner does in the form.

        Names (allies, opponents, bloc) may be a list or a text with commas; a
        position or strength of ``None`` clears it.
        """
        kinds = {key: kind for key, _label, kind, _hint in self.row_fields}
        for key, value in values.items():
            self.rows[index][key].value = self._as_widget_value(kinds[key], value)

    def set(self, **values: Any) -> None:
        """Type into the worksheet's own fields (the issue, the period, the hypothesis' parts)."""
        kinds = {key: kind for key, _label, kind, _hint in self.top}
        unknown = set(values) - set(kinds)
        if unknown:
            raise InvalidInput(f"{sorted(unknown)[0]!r} is not a field of this form; the fields are {', '.join(kinds)}.")
        for key, value in values.items():
            self.top_widgets[key].value = self._as_widget_value(kinds[key], value)

    @staticmethod
    def _as_widget_value(kind: str, value: Any) -> Any:
        if kind == "names" and not isinstance(value, str):
            return ", ".join(value)
        if kind == "year":
            return "" if value is None else str(value)
        if kind in ("position", "strength") and value is None:
            return ""
        return value

    # -- state --------------------------------------------------------------------------

    def _collect(self) -> dict:
        values = {key: _read(kind, self.top_widgets[key], label) for key, label, kind, _ in self.top}
        if self.rows_key:
            values[self.rows_key] = [
                {key: _read(kind, row[key], f"{self.row_name.capitalize()} {i}: {label}")
                 for key, label, kind, _ in self.row_fields}
                for i, row in enumerate(self.rows, start=1)
            ]
        return values

    def _on_change(self, change=None) -> None:
        try:
            self.sheet = self.sheet_cls.parse(**self._collect())
            self.error = ""
        except InvalidInput as problem:
            self.error = str(problem)  # keep the last good worksheet; say what to fix
        self._refresh()

    @property
    def unsaved(self) -> bool:
        """True while the form holds entries the cell's text does not."""
        return self.sheet != self.saved

    def _refresh(self) -> None:
        if self.error:
            message = f"⚠ {self.error}"
        elif self.unsaved:
            message = ("● Changes not saved in the notebook yet: click in the cell above this form and press "
                       "Shift-Enter to write them into it.")
        else:
            message = "✓ Saved: the cell's text holds everything in this form."
        if self.notice:
            message += " " + self.notice
        self.status.value = f'<p role="status" aria-live="polite" style="margin:.5em 0">{html.escape(message)}</p>'
        problems = self.sheet.problems()
        self.problems_box.value = (
            "<p><b>Complete and consistent.</b></p>" if not problems else
            "<details><summary>Still to do ({})</summary><ul>{}</ul></details>".format(
                len(problems), "".join(f"<li>{html.escape(p)}</li>" for p in problems)))
        self._draw()

    def chart(self):
        """The chart drawn from the form's entries, or None for worksheets without one."""
        return None

    def _draw(self) -> None:
        figure = self.chart()
        if figure is None:
            self.output.outputs = ()
            return
        import plotly.io as pio

        self.figure = figure
        bundle = pio.renderers["plotly_mimetype"].to_mimebundle(figure.to_dict())
        bundle["text/plain"] = figure.layout.title.text.replace("<br>", " ")
        # One assignment replaces the chart: the front end redraws in one step.
        self.output.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    # -- text ---------------------------------------------------------------------------

    def cell_source(self) -> str:
        """The cell text that holds the form's current entries."""
        return text.cell_source(self.sheet, self.var)

    def markdown(self) -> str:
        """The saved worksheet as Markdown (what the desk shows)."""
        return text.markdown(self.saved)

    def problems(self) -> list[str]:
        return self.saved.problems()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        # The form, with a plain-text stand-in where no widgets are drawn (the desk, exports):
        # the widget's own text is its Python repr, which reads as noise there.
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = f"(The form for {text.HEADERS[self.saved.kind].lower()}: it shows in JupyterLab.)"
        display(bundle, raw=True)
        saved = "**Saved in this notebook** (what your facilitator reads):\n\n" + self.markdown()
        display({"text/markdown": saved, "text/plain": saved}, raw=True)


class ForcesEditor(SheetEditor):
    sheet_cls = ForcesTable
    var = text.DEFAULT_VARS[ForcesTable.kind]
    top = (("issue", "Issue", "text", "the issue the chart places the forces on"),)
    rows_key = "forces"
    row_name = "force"
    row_fields = (
        ("name", "Force", "text", "e.g. tenant unions"),
        ("class_position", "Class position", "text", "where it stands in production and society"),
        ("interests", "Interests", "long", "what it needs or wants here"),
        ("organisation", "Organisation", "text", "unions, parties, lobbies, churches, none"),
        ("allies", "Allies", "names", "forces of this table, separated by commas"),
        ("opponents", "Opponents", "names", "forces of this table, separated by commas"),
        ("position", "Position", "position", ""),
        ("strength", "Strength", "strength", ""),
        ("moving", "Moving", "moving", ""),
    )

    def chart(self):
        from .charts import correlation_chart

        return correlation_chart(self.sheet)


class TimelineEditor(SheetEditor):
    sheet_cls = Timeline
    var = text.DEFAULT_VARS[Timeline.kind]
    top = (("period", "Period", "text", "e.g. the crisis of the 1970s"),
           ("start", "First year", "year", ""), ("end", "Last year", "year", ""))
    rows_key = "events"
    row_name = "event"
    row_fields = (
        ("year", "Year", "year", ""),
        ("what", "What happened", "text", "one line"),
        ("turning_point", "Turning point", "bool", ""),
        ("why", "Why a turning point", "long", "what changed direction, and why"),
    )

    def chart(self):
        from .charts import timeline_chart

        return timeline_chart(self.sheet)


class ChokepointsEditor(SheetEditor):
    sheet_cls = Chokepoints
    var = text.DEFAULT_VARS[Chokepoints.kind]
    rows_key = "chokepoints"
    row_name = "chokepoint"
    row_fields = (
        ("where", "Where", "text", "a port, a payroll, a permit, a vote, a supply chain"),
        ("depends", "Whose power", "text", "the opposing force that depends on it (as in the forces table)"),
        ("withdrawn_by", "Withdrawn by", "text", "the force whose cooperation it needs (as in the forces table)"),
        ("how", "How", "long", "how that cooperation could be withdrawn, and what it would take"),
    )


class HypothesisEditor(SheetEditor):
    sheet_cls = Hypothesis
    var = text.DEFAULT_VARS[Hypothesis.kind]
    top = (
        ("bloc_core", "Bloc: core", "names", "class layers and sectors at the centre, from the forces table"),
        ("bloc_key", "Bloc: other key", "names", "other sectors the bloc must win"),
        ("basis_of_power", "Basis of power", "long", "what the bloc can do that the other side cannot do without"),
        ("chokepoints", "Chokepoints", "names", "from your chokepoints list"),
        ("opposing_forces", "Opposing forces", "names", "from the forces table"),
        ("correlation_shift", "Correlation shift", "long", "what is different afterwards, in whose favour"),
        ("test", "How we'd know it's wrong", "long", "what we would watch for"),
    )

    def _extra(self) -> list:
        import ipywidgets as w

        self.sentence = w.HTML()
        return [self.sentence]

    def _refresh(self) -> None:
        self.sentence.value = f"<blockquote>{html.escape(self.sheet.sentence())}</blockquote>"
        super()._refresh()


EDITORS = {"forces": ForcesEditor, "timeline": TimelineEditor, "chokepoints": ChokepointsEditor,
           "hypothesis": HypothesisEditor}


def _cell_key(var: str) -> str:
    """The running cell's id (JupyterLab and nbclient send it), else the variable's name."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        parent = shell.kernel.get_parent() if shell is not None and hasattr(shell, "kernel") else {}
        cell_id = (parent or {}).get("metadata", {}).get("cellId")
    except Exception:  # no kernel (plain Python, tests): fall back to the name
        cell_id = None
    return cell_id or var


def open_sheet(sheet: _Sheet, var: str | None = None) -> SheetEditor:
    """Show ``sheet`` (read from a cell's text) in its form; save the form's last changes first.

    If the form this cell showed before holds changes and the cell's text is
    still what that form was loaded from, the form's entries are written back into
    the cell (and used). If both changed, the text is used and the form's version
    is printed for the learner to copy from.
    """
    cls = EDITORS[sheet.kind]
    var = var or cls.var
    key = _cell_key(var)
    previous = OPEN.get(key)
    notice = ""
    if previous is not None and previous.unsaved and type(previous) is cls:
        if previous.saved == sheet:
            sheet = previous.sheet
            source = text.cell_source(sheet, var)
            try:
                from IPython import get_ipython

                shell = get_ipython()
            except ImportError:  # pragma: no cover
                shell = None
            if shell is not None:
                shell.set_next_input(source, replace=True)
            notice = "The form's entries are now saved in the cell above."
        else:
            print("You changed both this cell's text and the form. The cell's text is kept; here is what "
                  "the form held, to copy from:\n\n" + previous.cell_source())
    editor = cls(sheet, var)
    editor.notice = notice
    editor._refresh()
    OPEN[key] = editor
    return editor
