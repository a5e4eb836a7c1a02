"""Offline rendering of an executed notebook: plotly.js embedded once, widgets and
tables shown, nothing loaded from another host."""

from __future__ import annotations

import re

import pytest

from curriculum import cells as C
from curriculum.render import external_references, notebook_to_offline_html
from tests.support.offline import REMOTE_LOAD


@pytest.fixture(scope="module")
def executed_chart_notebook():
    from nbclient import NotebookClient

    nb = C.new_notebook(
        [
            C.read_only_markdown("# Chart\n\nA formula $s/v$ and ![remote](https://example.org/a.png)", cell_id="intro"),
            C.read_only_code("import plotly.express as px\npx.bar(x=['a', 'b'], y=[3, 4])", cell_id="chart"),
            C.read_only_code("import pandas as pd\npd.DataFrame({'year': [2008]})", cell_id="table"),
            C.read_only_code("import ipywidgets\nipywidgets.IntSlider()", cell_id="widget"),
        ],
        title="Chart",
    )
    NotebookClient(nb, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"]).execute()
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in nb.cells[1].outputs)
    return nb


def test_notebook_page_is_offline_and_embeds_plotly(executed_chart_notebook):
    page = notebook_to_offline_html(executed_chart_notebook, title="Chart")
    assert REMOTE_LOAD.search(page) is None
    assert external_references(page) == []
    assert re.search(r"<script[^>]*\bsrc\s*=", page) is None  # every script is inline
    assert "Plotly.newPlot" in page and page.count("* plotly.js v") == 1  # plotly.js embedded once
    assert "An interactive explorer appears here" in page
    assert "<table" in page and "2008" in page
    assert "require.js" not in page and "cdnjs.cloudflare" not in page and "unpkg.com" not in page
