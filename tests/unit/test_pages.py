"""Pages come from templates (STYLE.md, 14): no page skeleton in Python, values escaped by the template."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from curriculum import cells as C
from curriculum.models import ReadingFrontMatter
from curriculum.packet import PACKET_TEMPLATE, _one_notebook
from curriculum.preview import _index_page
from curriculum.render import external_references, markdown_to_html_fragment, markdown_to_offline_html, notebook_to_offline_html

ROOT = Path(__file__).resolve().parents[2]
# Every room: pages come from templates (core.pages, or nbconvert's template folders).
ROOMS = ("core", "hub", "cli", "curriculum", "grading", "exercises")
SKELETON = re.compile(r"<!doctype|</?(?:html|head|body|main)\b", re.I)  # main: splicing at </main>
HOSTILE = '<script>alert("x")</script> & co'


def page_skeleton_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in ``path``, f-string parts included, that
    holds a piece of an HTML page's skeleton. Docstrings may talk about pages."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        and SKELETON.search(node.value)
    ]


@pytest.mark.parametrize("room", ROOMS)
def test_no_python_file_holds_a_page_skeleton(room):
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]!r} — put the page in a template (core.pages.render_page)"
        for path in sorted((ROOT / room).rglob("*.py"))
        for line, text in page_skeleton_strings(path)
    ]
    assert not problems, "\n".join(problems)


def test_the_skeleton_check_sees_f_strings_and_offsets_but_not_docstrings(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""Never splice at <body>."""\n'
        'def page(t):\n    """Writes <html>."""\n    return f"<!DOCTYPE html><title>{t}</title>"\n'
        'def cut(p):\n    return p[p.index("<BODY"):]\n'
    )
    assert [line for line, _ in page_skeleton_strings(module)] == [4, 6]


def test_markdown_page_escapes_its_title_and_keeps_the_rendered_markdown():
    page = markdown_to_offline_html("Some *emphasis* here.", title=HOSTILE, lang='en" onload="x')
    assert "<script>" not in page and "&lt;script&gt;alert(" in page
    assert 'lang="en&#34; onload=&#34;x"' in page
    assert "<em>emphasis</em>" in page


def test_preview_index_escapes_the_title_and_links():
    page = _index_page(HOSTILE, [(HOSTILE, 'a".html')])
    assert "<script>" not in page and page.count("&lt;script&gt;alert(") == 3  # <title>, <h1>, link text
    assert '<a href="a&#34;.html">' in page


def test_markdown_fragment_is_marked_safe_for_templates():
    fragment = markdown_to_html_fragment("**bold**")
    assert fragment.__html__() == fragment and "<strong>bold</strong>" in fragment


@pytest.fixture(scope="module")
def packet_page():
    meta = ReadingFrontMatter.model_validate(
        {"title": HOSTILE, "authors": ["Ann <b>", "Bo & co"], "year": 1867, "publisher": "<i>P</i>",
         "read_at": "https://example.org/a?b=1&c=<2>", "part": "Part <one>", "minutes": 30, "key_concepts": ["value"]}
    )
    first = C.new_notebook([C.read_only_markdown("# First notebook", cell_id="a"),
                            C.read_only_markdown("More", cell_id="b")], title="one")
    second = C.new_notebook([C.read_only_markdown("# Second notebook", cell_id="a")], title="two")
    packet = {
        "unit_title": HOSTILE,
        "summary": "Summary <em>not markup</em>",
        "readings": [{"meta": meta, "body": markdown_to_html_fragment("## Summary\n\nA *guide* body.")}],
    }
    nb = _one_notebook({"one.ipynb": first, "two.ipynb": second})
    return notebook_to_offline_html(nb, title="Study packet: x", template_name=PACKET_TEMPLATE, redschool_packet=packet)


def test_packet_front_matter_is_escaped_and_the_guides_body_is_markup(packet_page):
    body = packet_page[packet_page.index("<body"):]
    assert "<script>alert" not in packet_page
    # nbconvert re-serialises the page (embedding images), so quotes in text come out plain.
    assert '<h1>Study packet: &lt;script&gt;alert("x")&lt;/script&gt; &amp; co</h1>' in body
    assert "<p>Summary &lt;em&gt;not markup&lt;/em&gt;</p>" in body
    assert "Ann &lt;b&gt;, Bo &amp; co. <i>&lt;script&gt;" in body and ". 1867. &lt;i&gt;P&lt;/i&gt;.</p>" in body
    assert "Part to read: Part &lt;one&gt;" in body and "Read it at: https://example.org/a?b=1&amp;c=&lt;2&gt;" in body
    assert "<h2>Summary</h2>" in body and "<em>guide</em>" in body
    assert external_references(packet_page) == []


def test_packet_is_one_page_with_the_print_css_and_each_notebook_on_a_new_sheet(packet_page):
    assert packet_page.count("<body") == 1 and packet_page.count("</html>") == 1
    head = packet_page[: packet_page.index("</head>")]
    assert ".rs-reading, .rs-notebook-start { break-before: page; }" in head
    body = packet_page[packet_page.index("<body"):]
    guide, first, second = body.index("rs-reading"), body.index("First notebook"), body.index("Second notebook")
    starts = [m.start() for m in re.finditer(r'<div class="rs-notebook-start"></div>', body)]
    assert len(starts) == 2 and guide < starts[0] < first < starts[1] < second
    assert body.index("More") < starts[1]


def test_one_notebook_keeps_the_order_marks_each_first_cell_and_keeps_ids_unique():
    one = C.new_notebook([C.read_only_markdown("1", cell_id="x"), C.read_only_markdown("2", cell_id="y")], title="a")
    two = C.new_notebook([C.read_only_markdown("3", cell_id="x")], title="b")
    empty = nbformat.v4.new_notebook()
    nb = _one_notebook({"a.ipynb": one, "empty.ipynb": empty, "b.ipynb": two})
    assert [cell.source for cell in nb.cells] == ["1", "2", "3"]
    assert [cell.metadata.get("redschool_packet_start") for cell in nb.cells] == ["a.ipynb", None, "b.ipynb"]
    assert len({cell.id for cell in nb.cells}) == 3 and [cell.id for cell in nb.cells][:2] == ["x", "y"]
    assert nb.metadata == one.metadata
