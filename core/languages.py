"""Language codes as people read them: "es" is Spanish in a release line or a roster summary."""

from __future__ import annotations

#: Codes not listed are shown as the code itself.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "pt-BR": "Brazilian Portuguese", "fr": "French"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)
