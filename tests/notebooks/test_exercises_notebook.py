"""A notebook using a chart builder and an explorer executes and exports to HTML with no CDN."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from plotly.offline import get_plotlyjs

from curriculum.render import notebook_to_offline_html

FIXTURE = Path(__file__).parents[1] / "files" / "exercises" / "charts-and-explorers.ipynb"
CDN_HINTS = ("cdn.plot.ly", "cdnjs", "unpkg.com", "jsdelivr", "googleapis", "mathjax.js",
             "tex-svg")


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(FIXTURE, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), \
        "the fixture is committed without outputs"
    client = NotebookClient(nb, kernel_name="python3", timeout=180,
                            resources={"metadata": {"path": str(FIXTURE.parent)}})
    client.execute()
    return nb


@pytest.fixture(scope="module")
def html(executed):
    body, _ = HTMLExporter(template_name="basic").from_notebook_node(executed)
    return body


def test_notebook_outputs(executed):
    outputs = [cell.outputs for cell in executed.cells if cell.cell_type == "code"]
    chart = outputs[1]
    mimetypes = {key for output in chart for key in output.get("data", {})}
    assert {"application/vnd.plotly.v1+json", "text/html"} <= mimetypes
    assert "NIPA Table 1.14" in outputs[2][0]["text"]  # the provenance cell
    explorer = outputs[4][0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in explorer
    assert "140%" in outputs[5][0]["text"]  # driven from code inside the kernel
    state = executed.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert any(model["model_name"] == "OutputModel" for model in state.values())


def test_plotly_js_is_never_in_the_notebook_and_once_in_its_offline_page(executed, html):
    plotly_js = get_plotlyjs()
    assert plotly_js[:300] not in json.dumps(executed), "4.6 MB of plotly.js in a learner's notebook"
    assert html.count("Plotly.newPlot") >= 2  # the static chart and the exploitation chart
    page = notebook_to_offline_html(executed)
    assert page.count(plotly_js[:300]) == 1
    assert page.count("Plotly.newPlot") >= 2


def test_no_cdn_or_remote_script(html):
    # plotly.js itself names tile and topojson servers it never uses for these charts.
    page = html.replace(get_plotlyjs(), "")
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", page, re.I)
    lowered = page.lower()
    for hint in CDN_HINTS:
        assert hint not in lowered, hint
    assert "http://" not in page and "https://" not in page
    # No figure asks for MathJax (plotly's own notebook renderer loads it from cdnjs).
    assert "mathjax" not in lowered
