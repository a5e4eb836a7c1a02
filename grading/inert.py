"""Learners' words, made inert after Markdown is rendered (DESIGN.md decision 9).

nbconvert's `SanitizeHTML` cleans a Markdown cell's *source*, but Markdown's own link
and image syntax (`[x](javascript:…)`, `![](http://…)`) only becomes HTML when the
page is rendered, after that cleaning. So every page nbconvert renders from a
learner's notebook (the review desk's submission view, the learner's feedback)
replaces nbconvert's `markdown2html` filter with this one: render, then clean the
HTML with bleach (which nbconvert itself depends on).

What survives: the tags Markdown produces for text, links to http, https and mailto
(or to a place on the same page), and no attributes but a link's `href`/`title` and a code block's language
class. Anything else (images, which would fetch from anywhere, raw HTML, SVG, event
handlers, ids that could shadow the desk's own elements) is shown as escaped text.
"""

from __future__ import annotations

import bleach
from jinja2 import pass_context

PROTOCOLS = frozenset({"http", "https", "mailto"})
# What Markdown renders text into; nothing that loads, runs or styles.
TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)


def _link_attribute(tag: str, name: str, value: str) -> bool:
    """A link keeps its title, and its href only when it names an allowed scheme or
    points within the page: a relative URL would reach the hub's own pages."""
    if name == "title":
        return True
    if name != "href":
        return False
    scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
    return value.startswith("#") or scheme in PROTOCOLS


ATTRIBUTES = {"a": _link_attribute, "code": ["class"]}
# Filters put into nbconvert's HTMLExporter wherever learners' Markdown becomes HTML.
FILTERS = {"markdown2html": "grading.inert.markdown2html"}

_cleaner = bleach.Cleaner(
    tags=TAGS, attributes=ATTRIBUTES, protocols=PROTOCOLS, strip=False, strip_comments=True
)


def inert_html(html: str) -> str:
    """`html` with everything that could run, load or navigate to a script escaped or removed."""
    return _cleaner.clean(html)


@pass_context
def markdown2html(context, source: str) -> str:
    """nbconvert's Markdown rendering (with its maths), then `inert_html`.

    Attachments are not embedded: an image is shown as text, like any image.
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return inert_html(markdown2html_mistune(source))
