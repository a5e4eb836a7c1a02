"""Outputs as a reader of a review page needs them: charts named, checks in one line.

An nbconvert preprocessor, plugged into nbgrader's autograde steps (so the autograded
notebook stays small), the desk's submission page and the feedback page
(grading/courses.py). It changes only the copy being graded or shown, never the
learner's own notebook, where charts keep drawing.

- A plotly chart carries its figure as JSON and, for exports, an HTML fragment with a
  script; an old notebook may even carry plotly.js itself (4.6 MB). Review pages
  sanitize scripts away, so all of that showed as megabytes of text. Each chart
  becomes one line, "Chart: <its title>".
- An ipywidgets explorer has no meaning outside a live kernel: one line says so, and
  the notebook's saved widget state (which can hold whole figures) is dropped.
- A failed check shows the one hint that applies instead of a traceback, which
  listed every assert of the cell, the hidden ones included (exercises/check_reporter.py
  does the same in the learner's kernel).
"""

from __future__ import annotations

import html
import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode

from core.i18n import N_, translate

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CHECK_CELL_FIRST_LINE = "# Checks your answer"
#: The same first line in each language a unit is translated into (exercises.check_reporter's pair).
CHECK_CELL_FIRST_LINES = (CHECK_CELL_FIRST_LINE, "# Comprueba tu respuesta")
# An HTML output this size that draws with Plotly is a chart whatever its mimetypes say.
_PLOTLY_HTML = re.compile(r"Plotly\.(newPlot|react)|plotly\.js v\d|window\.PlotlyConfig")
_TAGS = re.compile(r"<[^>]*>")
EXPLORER_TEXT = N_("Interactive explorer: open the notebook to move its sliders.")
NOT_YET_DEFAULT = N_("Not yet: this answer does not pass its check. Look at the worked example above it and try again.")


def chart_title(figure: dict) -> str:
    """The chart's title as plain words (plotly titles may hold <br> and <b>)."""
    title = (figure.get("layout") or {}).get("title") or {}
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    return " ".join(html.unescape(_TAGS.sub(" ", text or "")).split())


def chart_line(title: str, language: str = "en") -> str:
    if title:
        return translate(language, "Chart: %(title)s") % {"title": title}
    return translate(language, "Chart (drawn in the notebook)")


def _data_text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def is_check_cell(cell) -> bool:
    """A locked cell of checks: an nbgrader test cell whose first line says it checks."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    first = (cell.get("source") or "").lstrip().split("\n", 1)[0].strip()
    return bool(meta.get("grade")) and not meta.get("solution") and first.lower().startswith(tuple(line.lower() for line in CHECK_CELL_FIRST_LINES))


def one_line_hint(ename: str, evalue: str, language: str = "en") -> str:
    """What a failed check says to a learner: its own hint, never the code of the check
    (the same sentences as exercises.check_reporter, from the same catalog)."""
    evalue = " ".join((evalue or "").split())
    if ename == "AssertionError":
        if not evalue:
            return translate(language, NOT_YET_DEFAULT)
        return translate(language, "Not yet: %(hint)s") % {"hint": evalue}
    # Anything else (a NameError when the answer cell was not run, a TypeError...): name it plainly.
    if evalue:
        return translate(language, "Not yet: the check stopped with %(error)s: %(detail)s. Run your answer cell, then this one.") % {
            "error": ename, "detail": evalue}
    return translate(language, "Not yet: the check stopped with %(error)s. Run your answer cell, then this one.") % {"error": ename}


def summarise_output(output: dict, language: str = "en") -> dict | None:
    """The output a review page should show instead of `output`, or None to keep it."""
    data = output.get("data") or {}
    if PLOTLY_MIME in data:
        return _plain(output, chart_line(chart_title(data[PLOTLY_MIME] or {}), language))
    if WIDGET_MIME in data:
        return _plain(output, translate(language, EXPLORER_TEXT))
    for mime in ("text/html", "application/javascript"):
        if mime in data and _PLOTLY_HTML.search(_data_text(data[mime])):
            return _plain(output, chart_line("", language))
    return None


#: What a passing check prints in the workspace (exercises.check_reporter says it too).
RIGHT = N_("Right: this answer passes its checks.")
_CHART_PREFIX = "Chart: "


def respeak_output(output: dict, language: str = "en", *, check: bool = False) -> dict | None:
    """One of our own English lines left in `output` by an earlier pass, in `language`, or
    None to keep it. Autograde runs the notebook and summarises its outputs in English (the
    desk's language); a Spanish learner's feedback page is made from that notebook."""
    if language == "en":
        return None
    data = output.get("data") or {}
    if output.get("output_type") in ("display_data", "execute_result") and set(data) == {"text/plain"}:
        text = _data_text(data["text/plain"])
        if text == EXPLORER_TEXT:
            return _plain(output, translate(language, EXPLORER_TEXT))
        if text == "Chart (drawn in the notebook)":
            return _plain(output, chart_line("", language))
        if text.startswith(_CHART_PREFIX):
            return _plain(output, chart_line(text[len(_CHART_PREFIX):], language))
    if check and output.get("output_type") == "stream" and RIGHT in _data_text(output.get("text")).split("\n"):
        from nbformat import NotebookNode

        lines = _data_text(output.get("text")).split("\n")
        return NotebookNode({**output, "text": "\n".join(translate(language, RIGHT) if line == RIGHT else line for line in lines)})
    return None


def _plain(output: dict, text: str) -> dict:
    from nbformat import NotebookNode

    new = NotebookNode(output_type=output.get("output_type", "display_data"), data=NotebookNode({"text/plain": text}), metadata=NotebookNode())
    if new.output_type == "execute_result":
        new.execution_count = output.get("execution_count")
    return new


class ReviewOutputs(Preprocessor):
    """Charts as one line naming them, explorers as one line, failed checks as their hint."""

    # On wherever it is listed: nbgrader registers its steps without enabling them
    # (its own preprocessors default to enabled, nbconvert's do not).
    enabled = Bool(True).tag(config=True)
    language = Unicode("en", help="The reader's language, e.g. 'es' on a Spanish learner's feedback page.").tag(config=True)

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)  # saved ipywidgets state: figures again, and nothing draws it here
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.get("cell_type") != "code":
            return cell, resources
        outputs = []
        check = is_check_cell(cell)
        for output in cell.get("outputs", []):
            replaced = summarise_output(output, self.language) or respeak_output(output, self.language, check=check)
            if replaced is not None:
                outputs.append(replaced)
            elif check and output.get("output_type") == "error":
                # Still an error output, so nbgrader grades the cell exactly as before.
                output.traceback = [one_line_hint(output.get("ename", ""), output.get("evalue", ""), self.language)]
                outputs.append(output)
            else:
                outputs.append(output)
        cell.outputs = outputs
        return cell, resources
