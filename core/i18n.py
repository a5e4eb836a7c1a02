"""The platform's own words in each language: a gettext catalog, read with Babel, used by
every Jinja page through Jinja's own i18n extension (`{% trans %}`, `_()`).

Templates mark their text with `{% trans %}…{% endtrans %}`; Python code marks words it
hands to a template with `N_()` (kept as English, translated where shown). The catalog is
`core/locale/<language>/LC_MESSAGES/redschool.po`, the file translators edit; it is
compiled in memory when first used (Babel reads the .po, Python's gettext serves it), so
there is no build step and no generated .mo file to keep out of git. `make translations`
re-extracts the English words into the catalog (babel.cfg says where to look), and a unit
test fails when a marked string has no Spanish.

English is the source language: it has no catalog, its words are the templates' own.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import lru_cache
from pathlib import Path

from jinja2 import pass_context
from jinja2.ext import InternationalizationExtension
from markupsafe import Markup

from .languages import DEFAULT_LANGUAGE, LANGUAGES

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "redschool"


def N_(message: str) -> str:
    """Marks `message` for the catalog where it is written; it is translated where shown."""
    return message


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(language: str) -> _gettext.NullTranslations:
    """Python gettext translations for `language`, compiled from its .po by Babel."""
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(language).open("rb") as f:
        catalog = read_po(f, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # a fuzzy guess is not a translation
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def template_functions(language: str) -> dict:
    """`gettext` and `ngettext` for a template rendered in `language`: passed with the
    other values, they take the place of the environment's English ones.

    Jinja's "new style" gettext (as `install_gettext_callables(newstyle=True)` makes it):
    the result is marked safe only after the values in it are escaped."""
    t = translations(language)

    @pass_context
    def gettext(context, message: str, **variables) -> str:
        text = t.gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    @pass_context
    def ngettext(context, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        text = t.ngettext(singular, plural, num)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return {"gettext": gettext, "ngettext": ngettext}


class RedSchoolI18n(InternationalizationExtension):
    """Jinja's i18n extension in its new style (values are escaped before they are put into
    a translated sentence), speaking English until a render passes `gettext`/`ngettext`.

    JupyterHub builds its Jinja environment itself; `JupyterHub.jinja_environment_options`
    can name extensions but not call `install_gettext_callables`, so this does it."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.install_null_translations(newstyle=True)
        # A sentence wrapped over template lines is one line in the catalog.
        environment.policies["ext.i18n.trimmed"] = True


def translate(language: str, message: str) -> str:
    """`message` in `language`, for text shown outside a template (e.g. an error reason)."""
    return translations(language).gettext(message)
