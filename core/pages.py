"""Every HTML page Red School writes is rendered from a Jinja template, escaped by default.

Each room keeps its page templates in its own `templates/` folder and renders them
with `render_page(folder, name, **context)`; values are escaped unless a template
marks them safe, so a learner's or a writer's text can never become markup.
`language=` renders the page's own words in that language (core/i18n.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

# Sent with every page a Red School service serves (DESIGN.md decision 9): scripts only
# from the service's own files (no inline script, no eval), nothing from elsewhere, and
# no framing by another page. Inline styles stay allowed: plotly sets them as it draws.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)


@lru_cache(maxsize=None)
def page_environment(folder: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,  # a missing value is a bug, not an empty space
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["core.i18n.RedSchoolI18n"],  # {% trans %}: the page's words in the reader's language
    )


def render_page(folder: Path, name: str, *, language: str = "en", **context) -> str:
    from .i18n import template_functions

    return page_environment(Path(folder)).get_template(name).render(
        **template_functions(language), language=language, **context
    )
