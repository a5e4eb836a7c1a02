"""Learners' words stay words: a reflection holding every payload we know, rendered
with the course's own nbconvert settings (what the review desk's submission view
uses) and with the feedback template, has no live link, image, handler or script."""

from __future__ import annotations

import nbformat
import pytest

from core.settings import Settings
from grading.courses import course_config as circle_course_config
from grading.feedback import FeedbackExporter, feedback_template_config
from grading.inert import inert_html
from tests.support.payloads import PAYLOADS, REFLECTION, unsafe_fragments


def hostile_notebook():
    nb = nbformat.v4.new_notebook()
    question = nbformat.v4.new_markdown_cell("## Reflection\nWhere is value made in your workplace?")
    reflection = nbformat.v4.new_markdown_cell(REFLECTION)
    reflection.metadata["nbgrader"] = {
        "grade": True, "solution": True, "locked": False, "points": 1, "grade_id": "reflection-answer",
        "schema_version": 3,
    }
    output = nbformat.v4.new_code_cell("show()", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/markdown": REFLECTION, "text/plain": "words"})])
    nb.cells = [question, reflection, output]
    return nb


def course_config(tmp_path):
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data")})
    return circle_course_config(settings, "rosa")


def render(config, exporter=None, **resources) -> str:
    from nbconvert import HTMLExporter

    html, _ = (exporter or HTMLExporter)(config=config).from_notebook_node(hostile_notebook(), resources=resources)
    return html


def feedback_config(tmp_path, language="en"):
    """The course's settings with the feedback template, as ReviewedFeedbackRelease makes them."""
    from pathlib import Path

    import nbgrader

    config = course_config(tmp_path)
    config.merge(feedback_template_config(language))
    # What nbgrader's GenerateFeedback adds: where its page finds bootstrap's CSS to inline.
    config.HTMLExporter.extra_template_paths = [
        str(Path(nbgrader.__file__).parent / "server_extensions/formgrader/static/node_modules/bootstrap/dist/css")
    ]
    return config


def test_the_desks_rendering_of_a_hostile_reflection_is_inert(tmp_path):
    html = render(course_config(tmp_path))
    assert unsafe_fragments(html) == []
    assert '<a href="https://example.org/union">our union</a>' in html, "an ordinary link stays a link"
    assert "&lt;script&gt;window.rs_pwned=1&lt;/script&gt;" in html, "the learner's HTML is shown as text"


def test_the_feedback_page_of_a_hostile_reflection_is_inert(tmp_path):
    config = feedback_config(tmp_path)
    assert config.GenerateFeedback.exporter_class is FeedbackExporter, "nbgrader makes the page with it"
    html = render(config, FeedbackExporter, nbgrader={"notebook": "unit"})
    assert "Your facilitator" in html, "rendered with Red School's feedback template"
    assert unsafe_fragments(html) == []
    assert '<a href="https://example.org/union">our union</a>' in html


def test_a_spanish_learners_feedback_page_is_in_spanish_and_still_inert(tmp_path):
    html = render(feedback_config(tmp_path, "es"), FeedbackExporter, nbgrader={"notebook": "unit"})
    assert '<html lang="es">' in html
    for words in ("Comentarios sobre unit", "Los comentarios de quien facilita tu círculo", "Lo que escribiste",
                  "(leída; sin comentario escrito)", "Ejercicios", "Tu cuaderno", "Tu respuesta", "Mis unidades"):
        assert words in html, words
    assert "Your facilitator" not in html
    assert unsafe_fragments(html) == []


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_each_payload_alone_renders_inert(name):
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    assert unsafe_fragments(inert_html(markdown2html_mistune(PAYLOADS[name]))) == []


def test_links_keep_only_http_https_and_mailto():
    html = inert_html(
        '<a href="https://a.example">1</a><a href="mailto:x@example.org">2</a>'
        '<a href=" JaVaScRiPt:x()">3</a><a href="ftp://a.example">4</a><a href="#top">5</a>'
    )
    assert html == '<a href="https://a.example">1</a><a href="mailto:x@example.org">2</a><a>3</a><a>4</a><a href="#top">5</a>'
