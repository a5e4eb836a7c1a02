"""Reading an explorer as the front end gets it: its one drawn figure, and its accessibility."""

from __future__ import annotations

PLOTLY = "application/vnd.plotly.v1+json"


def drawn(explorer) -> dict:
    """The one figure in the explorer's output area (as the front end receives it)."""
    outputs = explorer.output.outputs
    assert len(outputs) == 1, "the chart is replaced, never stacked"
    data = outputs[0]["data"]
    assert data["text/plain"] == explorer.summary_text
    return data[PLOTLY]


def assert_accessible(explorer) -> None:
    for control in explorer.controls:
        assert control.description, "every control is labelled"
        assert control.style.description_width == "initial"
    assert 'role="status"' in explorer.summary.value
    assert 'aria-live="polite"' in explorer.summary.value
    assert explorer.summary in explorer.widget.children[2].children  # beside the chart
    assert explorer.output in explorer.widget.children[2].children
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    # The chart shares its row with the summary, so its title wraps shorter.
    assert all(len(line) <= 44 for line in explorer.figure.layout.title.text.split("<br>"))
