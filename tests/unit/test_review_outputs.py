"""Review pages name each chart in one line and show a failed check as its hint (grading/review_outputs.py)."""

from __future__ import annotations

import nbformat
import pytest

from grading.review_outputs import EXPLORER_TEXT, PLOTLY_MIME, WIDGET_MIME, ReviewOutputs, one_line_hint

PLOTLY_JS = "/*! plotly.js v3.0.1 */" + "x" * 200_000
FIGURE = {"data": [{"type": "bar", "y": list(range(5000))}], "layout": {"title": {"text": "Profit rates <b>fell</b><br>after 1965"}}}


def chart(html: str = '<div id="x"></div><script>Plotly.newPlot("x", {})</script>') -> dict:
    return nbformat.v4.new_output("display_data", data={PLOTLY_MIME: FIGURE, "text/html": html, "text/plain": "Figure"})


def notebook(*cells):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": "y" * 100_000}}}
    return nb


def check_cell(outputs, source='# Checks your answer\nassert rate == 0.25, "Divide s by v."\nassert abs(rate - .25) < 1e-9'):
    cell = nbformat.v4.new_code_cell(source, outputs=outputs)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "rate-check", "points": 1, "locked": True}
    return cell


def test_a_chart_becomes_one_line_with_its_title_and_nothing_of_plotly_is_left():
    old = chart(PLOTLY_JS + "<script>Plotly.newPlot('y', {})</script>")
    legacy = nbformat.v4.new_output("display_data", data={"text/html": PLOTLY_JS})  # plotly.js alone, as older notebooks saved it
    nb = notebook(nbformat.v4.new_code_cell("chart()", outputs=[chart(), old, legacy]))
    before = len(nbformat.writes(nb))
    nb, _ = ReviewOutputs().preprocess(nb, {})
    texts = [o.data for o in nb.cells[0].outputs]
    assert texts == [{"text/plain": "Chart: Profit rates fell after 1965"}] * 2 + [{"text/plain": "Chart (drawn in the notebook)"}]
    after = nbformat.writes(nb)
    assert "Plotly" not in after and "plotly.js" not in after and "widget-state" not in after
    assert len(after) < 3_000 < before


def test_an_explorer_becomes_one_line():
    widget = nbformat.v4.new_output("display_data", data={WIDGET_MIME: {"model_id": "abc"}, "text/plain": "VBox(children=(IntSlider(value=3),))"})
    nb, _ = ReviewOutputs().preprocess(notebook(nbformat.v4.new_code_cell("explore()", outputs=[widget])), {})
    assert nb.cells[0].outputs[0].data == {"text/plain": EXPLORER_TEXT}


def test_a_failed_check_shows_its_hint_and_stays_an_error_for_nbgrader():
    error = nbformat.v4.new_output("error", ename="AssertionError", evalue="Divide s by v.",
                                   traceback=["Traceback...", "assert abs(rate - .25) < 1e-9", "AssertionError: Divide s by v."])
    nb, _ = ReviewOutputs().preprocess(notebook(check_cell([error])), {})
    (out,) = nb.cells[0].outputs
    assert out.output_type == "error" and out.traceback == ["Not yet: Divide s by v."]
    from nbgrader.utils import determine_grade

    assert determine_grade(nb.cells[0])[0] == 0  # still graded as not passed


def test_other_errors_and_outputs_are_kept():
    error = nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=["a", "b"])
    text = nbformat.v4.new_output("stream", name="stdout", text="42\n")
    nb, _ = ReviewOutputs().preprocess(notebook(nbformat.v4.new_code_cell("1/0", outputs=[text, error])), {})
    assert nb.cells[0].outputs[0].text == "42\n" and nb.cells[0].outputs[1].traceback == ["a", "b"]


@pytest.mark.parametrize("ename, evalue", [("AssertionError", "Divide s by v."), ("AssertionError", ""), ("NameError", "name 'x' is not defined")])
def test_the_learners_kernel_and_review_pages_word_a_failed_check_alike(ename, evalue):
    from exercises import check_reporter

    assert one_line_hint(ename, evalue) == check_reporter.one_line_hint(ename, evalue)


def test_it_runs_where_nbgrader_lists_it_without_enabling_it():
    from nbconvert.exporters import NotebookExporter

    exporter = NotebookExporter()
    exporter.register_preprocessor(ReviewOutputs)  # as nbgrader's converters do: no enabled=True
    nb = notebook(nbformat.v4.new_code_cell("chart()", outputs=[chart()]))
    out, _ = exporter.from_notebook_node(nb)
    assert "Plotly" not in out and "Chart: Profit rates fell after 1965" in out


def test_a_spanish_feedback_page_respeaks_the_english_lines_autograde_left():
    """Autograde summarises outputs in English (the desk's language) and its kernel's checks say
    "Right"; a Spanish learner's feedback page, made from that notebook, says them in Spanish."""
    autograded = notebook(
        nbformat.v4.new_code_cell("chart()", outputs=[
            nbformat.v4.new_output("display_data", data={"text/plain": "Chart: El desempleo subió"}),
            nbformat.v4.new_output("display_data", data={"text/plain": "Chart (drawn in the notebook)"}),
            nbformat.v4.new_output("display_data", data={"text/plain": EXPLORER_TEXT}),
        ]),
        check_cell([nbformat.v4.new_output("stream", name="stdout", text="Right: this answer passes its checks.\n")],
                   source="# Comprueba tu respuesta: ejecuta esta celda.\nassert rate == 0.25"),
        nbformat.v4.new_code_cell('print("Right: this answer passes its checks.")', outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="Right: this answer passes its checks.\n")]),
    )
    english, _ = ReviewOutputs().preprocess(nbformat.from_dict(nbformat.v4.new_notebook(cells=[c.copy() for c in autograded.cells])), {})
    assert english.cells[0].outputs[0].data["text/plain"] == "Chart: El desempleo subió"  # English stays as it was
    nb, _ = ReviewOutputs(language="es").preprocess(autograded, {})
    assert [o.data["text/plain"] for o in nb.cells[0].outputs] == [
        "Gráfico: El desempleo subió", "Gráfico (se dibuja en el cuaderno)", "Explorador interactivo: abre el cuaderno para mover sus controles."]
    assert nb.cells[1].outputs[0].text == "Bien: esta respuesta pasa sus comprobaciones.\n"
    assert nb.cells[2].outputs[0].text == "Right: this answer passes its checks.\n"  # a learner's own print is theirs


def test_the_workspace_and_the_review_pages_know_the_same_check_cells():
    # grading never imports exercises (the house plan), so each keeps the first lines: they must agree.
    from exercises import check_reporter
    from grading import review_outputs

    assert check_reporter.CHECK_CELL_FIRST_LINES == review_outputs.CHECK_CELL_FIRST_LINES
