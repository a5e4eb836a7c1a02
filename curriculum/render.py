"""Offline HTML for notebooks and Markdown: pages that load nothing from the network.

nbconvert's stock HTML templates pull require.js, MathJax, mermaid and the widget
manager from CDNs. Red School's rule is that nothing leaves the machine
(DESIGN.md, decision 6), so these functions render with a template that drops
those blocks (``templates/redschool_offline``, an nbconvert template on ``lab``), embed plotly.js from the installed plotly package when (and only
when) a notebook has plotly outputs, show widgets as a short note (they only
work inside the hub), leave MathJax off (formulas show as their TeX source), and
finally neutralise any remaining remote ``src``/``href`` on tags that would load
something (images, scripts, stylesheets, frames). Plain links (``<a href>``) stay:
a reader follows them on purpose. Markdown pages come from ``templates/*.html.j2``
through :func:`core.pages.render_page`.

Used by ``redschool preview`` and ``redschool packet``.
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup

from core.pages import render_page

#: Tags whose src/href the browser loads by itself.
LOADING_TAGS = frozenset({"script", "link", "img", "iframe", "frame", "source", "video", "audio", "embed", "object", "track", "input"})
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)
PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: Page templates (core.pages) and nbconvert template folders (redschool_offline, redschool_packet).
TEMPLATES = Path(__file__).parent / "templates"
NOTEBOOK_TEMPLATE = "redschool_offline"


# --- neutralising remote references -------------------------------------------


class _RemoteRefs(HTMLParser):
    """Finds loading tags whose src/href points off the machine. Script and
    style *contents* are not parsed as markup (HTMLParser treats them as CDATA),
    so strings inside inline JavaScript are left alone."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.hits: list[tuple[int, int, str]] = []  # (line, column, raw start tag)

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        if tag not in LOADING_TAGS:
            return
        for name, value in attrs:
            if name in ("src", "href", "data", "poster", "srcset") and value and _REMOTE.match(value):
                line, col = self.getpos()
                self.hits.append((line, col, self.get_starttag_text() or ""))
                return


def external_references(page: str) -> list[str]:
    """The start tags in ``page`` that would load something from the network."""
    parser = _RemoteRefs()
    parser.feed(page)
    parser.close()
    return [raw for _, _, raw in parser.hits]


def _neutralise(page: str) -> str:
    parser = _RemoteRefs()
    parser.feed(page)
    parser.close()
    if not parser.hits:
        return page
    starts = [0]
    for line in page.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    pieces, last = [], 0
    for line, col, raw in sorted(parser.hits):
        offset = starts[line - 1] + col
        if page[offset : offset + len(raw)] != raw:
            continue
        replacement = re.sub(
            r"""\b(src|href|data|poster|srcset)(\s*=\s*)(["']?)\s*(?:https?:)?//""",
            lambda m: f"data-offline-removed-{m.group(1)}{m.group(2)}{m.group(3)}remote:",
            raw,
            flags=re.I,
        )
        pieces += [page[last:offset], replacement]
        last = offset + len(raw)
    pieces.append(page[last:])
    return "".join(pieces)


# --- notebooks ----------------------------------------------------------------


def _plotly_to_html(figure: dict) -> str:
    import plotly.io as pio

    # include_plotlyjs=False: the page embeds plotly.js once, in its head.
    return pio.to_html(figure, full_html=False, include_plotlyjs=False, config={"displaylogo": False})


def _prepare(nb):
    """A copy of ``nb`` with plotly figures as plain divs (widgets are the template's
    ``data_widget_view``). Returns (notebook, has_plotly)."""
    nb = copy.deepcopy(nb)
    has_plotly = False
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            if PLOTLY_MIME in data:
                has_plotly = True
                output["data"] = {"text/html": _plotly_to_html(data[PLOTLY_MIME])}
            elif "text/html" in data and "plotly" in str(data["text/html"]) and "require(" in str(data["text/html"]):
                # plotly's notebook renderer output needs require.js; keep the static fallback if any
                data.pop("text/html")
        # An output left with nothing to show (plotly's loader script alone) is dropped.
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"] if "data" not in o or any(k != "metadata" for k in o["data"])]
    return nb, has_plotly


def _exporter(template_name: str):
    from nbconvert import HTMLExporter

    # Our template folders sit beside nbconvert's own (extra_template_basedirs); the folder
    # itself is on the path too, so one template can extend or include another's files.
    exporter = HTMLExporter(template_name=template_name, extra_template_basedirs=[str(TEMPLATES)],
                            extra_template_paths=[str(TEMPLATES)])
    exporter.embed_images = True
    exporter.exclude_input_prompt = False
    return exporter


def notebook_to_offline_html(nb, *, title: str | None = None, template_name: str = NOTEBOOK_TEMPLATE,
                             **resources) -> str:
    """A self-contained HTML page for notebook ``nb`` (an nbformat NotebookNode)
    that references nothing on the network. ``template_name`` is an nbconvert
    template in ``curriculum/templates/`` built on ``redschool_offline``; keyword
    ``resources`` reach it as ``resources.<name>``."""
    import plotly.offline

    prepared, has_plotly = _prepare(nb)
    if title:
        prepared.metadata["title"] = title
    resources["redschool_plotlyjs"] = plotly.offline.get_plotlyjs() if has_plotly else ""
    body, _ = _exporter(template_name).from_notebook_node(prepared, resources=resources)
    return _neutralise(body)


# --- Markdown -----------------------------------------------------------------


def markdown_to_html_fragment(text: str) -> Markup:
    """HTML from Markdown ``text`` (mistune, which nbconvert ships), marked safe for
    templates: the one place this room's page text becomes markup."""
    import mistune

    render = mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "footnotes"])
    return Markup(render(text))


def offline_page(name: str, **context) -> str:
    """Page template ``name`` from ``curriculum/templates/``, rendered with ``context``
    (escaped) and with any remote reference neutralised."""
    return _neutralise(render_page(TEMPLATES, name, **context))


def markdown_to_offline_html(text: str, *, title: str, lang: str = "en") -> str:
    """A self-contained HTML page from Markdown ``text``, with plain built-in styles
    and no remote references."""
    return offline_page("markdown.html.j2", title=title, lang=lang, body=markdown_to_html_fragment(text))
