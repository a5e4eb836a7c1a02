"""Offline HTML for notebooks and Markdown: pages that load nothing from the network.

nbconvert's stock HTML templates pull require.js, MathJax, mermaid and the widget
manager from CDNs. Red School's rule is that nothing leaves the machine
(DESIGN.md, decision 6), so these functions render with a template that drops
those blocks, embed plotly.js from the installed plotly package when (and only
when) a notebook has plotly outputs, show widgets as a short note (they only
work inside the hub), leave MathJax off (formulas show as their TeX source), and
finally neutralise any remaining remote ``src``/``href`` on tags that would load
something (images, scripts, stylesheets, frames). Plain links (``<a href>``) stay:
a reader follows them on purpose.

Reused by ``redschool preview`` and, later, the study packet.
"""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser

#: Tags whose src/href the browser loads by itself.
LOADING_TAGS = frozenset({"script", "link", "img", "iframe", "frame", "source", "video", "audio", "embed", "object", "track", "input"})
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

_TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}
{#- Red School: no CDN scripts. Each block below loads from the network in the stock template. -#}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
{%- if resources.redschool_plotlyjs %}
<script type="text/javascript">{{ resources.redschool_plotlyjs }}</script>
{%- endif %}
<style type="text/css">{{ resources.redschool_css }}</style>
{%- endblock extra_css -%}
"""
_TEMPLATE_NAME = "redschool_offline.html.j2"

PAGE_CSS = """
.redschool-offline-note { color: #555; font-style: italic; }
.redschool-removed { color: #a00; font-style: italic; }
"""

_MARKDOWN_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style type="text/css">
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.55;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }}
h1, h2, h3 {{ line-height: 1.25; }}
h2 {{ border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #ccc; padding: .35rem .6rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
code, pre {{ font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: #f6f6f6; }}
pre {{ padding: .6rem; overflow-x: auto; }}
blockquote {{ border-left: 4px solid #c00; margin-left: 0; padding-left: 1rem; color: #444; }}
{extra_css}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


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
    """A copy of ``nb`` with plotly figures as plain divs and widgets as a note.
    Returns (notebook, has_plotly)."""
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
            elif WIDGET_MIME in data:
                output["data"] = {
                    "text/html": '<p class="redschool-offline-note">[An interactive explorer appears here '
                    "when the notebook runs in the hub.]</p>"
                }
            elif "text/html" in data and "plotly" in str(data["text/html"]) and "require(" in str(data["text/html"]):
                # plotly's notebook renderer output needs require.js; keep the static fallback if any
                data.pop("text/html")
        # An output left with nothing to show (plotly's loader script alone) is dropped.
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"] if "data" not in o or any(k != "metadata" for k in o["data"])]
    return nb, has_plotly


def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})])
    exporter.template_file = _TEMPLATE_NAME
    exporter.embed_images = True
    exporter.exclude_input_prompt = False
    return exporter


def notebook_to_offline_html(nb, *, title: str | None = None) -> str:
    """A self-contained HTML page for notebook ``nb`` (an nbformat NotebookNode)
    that references nothing on the network."""
    import plotly.offline

    prepared, has_plotly = _prepare(nb)
    if title:
        prepared.metadata["title"] = title
    resources = {
        "redschool_plotlyjs": plotly.offline.get_plotlyjs() if has_plotly else "",
        "redschool_css": PAGE_CSS,
    }
    body, _ = _exporter().from_notebook_node(prepared, resources=resources)
    return _neutralise(body)


# --- Markdown -----------------------------------------------------------------


def markdown_to_html_fragment(text: str) -> str:
    import mistune

    render = mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "footnotes"])
    return render(text)


def markdown_to_offline_html(text: str, *, title: str, lang: str = "en") -> str:
    """A self-contained HTML page from Markdown ``text`` (mistune, which nbconvert
    ships), with plain built-in styles and no remote references."""
    page = _MARKDOWN_PAGE.format(
        lang=html.escape(lang), title=html.escape(title), body=markdown_to_html_fragment(text), extra_css=PAGE_CSS
    )
    return _neutralise(page)
