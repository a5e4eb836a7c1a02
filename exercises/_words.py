"""The sentences exercises/ writes itself into a learner's notebook (chart titles, legends,
explorer text), in each language a notebook may be written in (internal).

A translated notebook asks for its language where it calls us, e.g.
``PeriodGapExplorer(start=1973, end=2024, language="es")``; its original passes
``language="en"``, so the two cells differ only in a string (the check's translation
parity lets a string a learner reads differ). Each sentence lives here once, per language.
"""

from __future__ import annotations

from .errors import InvalidInput

__all__ = ["LANGUAGES", "check_language", "words"]

LANGUAGES = ("en", "es")

WORDS: dict[str, dict[str, str]] = {
    "year": {"en": "Year", "es": "Año"},
    "period.title": {"en": "Productivity and typical pay: choose the years",
                     "es": "Productividad y salario típico: elige los años"},
    "period.slider": {"en": "Years (first and last)", "es": "Años (primero y último)"},
    "period.productivity": {"en": "Productivity", "es": "Productividad"},
    "period.pay": {"en": "Typical pay", "es": "Salario típico"},
    "period.chart_title": {"en": "{start} to {end}: productivity ×{prod}, typical pay ×{pay}",
                           "es": "De {start} a {end}: productividad ×{prod}, salario típico ×{pay}"},
    "period.subtitle": {"en": "Both set to 100 in {start}", "es": "Las dos valen 100 en {start}"},
    "period.y_title": {"en": "Index, {start} = 100", "es": "Índice, {start} = 100"},
    "period.growth": {
        "en": "From {start} to {end}, output per hour grew {prod} and typical workers' hourly pay grew {pay}.",
        "es": "De {start} a {end}, la producción por hora creció un {prod} y el salario por hora de los "
              "trabajadores típicos, un {pay}.",
    },
    "period.ratio": {
        "en": "Productivity divided by pay: {ratio}. 1 would mean pay kept pace over these years; above 1, "
              "productivity grew faster.",
        "es": "Productividad dividida entre salario: {ratio}. 1 querría decir que el salario siguió el paso en "
              "estos años; por encima de 1, la productividad creció más rápido.",
    },
    "gap.productivity": {"en": "Net productivity", "es": "Productividad neta"},
    "gap.productivity_short": {"en": "productivity", "es": "productividad"},
    "gap.pay": {"en": "Typical workers' pay (real hourly compensation)",
                "es": "Salario de los trabajadores típicos (remuneración real por hora)"},
    "gap.pay_short": {"en": "pay", "es": "salario"},
    "gap.title": {"en": "From {start} to {end}, productivity grew {prod} but typical workers' pay only {pay}",
                  "es": "De {start} a {end}, la productividad creció un {prod}, pero el salario de los "
                        "trabajadores típicos solo un {pay}"},
    "gap.subtitle": {"en": "United States; both series adjusted for inflation",
                     "es": "Estados Unidos; las dos series ajustadas por inflación"},
    "gap.y_title": {"en": "Index ({units})", "es": "Índice ({units})"},
}


def check_language(language: object) -> str:
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(repr(code) for code in LANGUAGES)}; you gave {language!r}. "
                           'Hint: language="en" for English, language="es" for Spanish.')
    return language  # type: ignore[return-value]


def words(key: str, language: str = "en", **values: object) -> str:
    """The sentence ``key`` in ``language``, its ``{fields}`` filled from ``values``."""
    return WORDS[key][check_language(language)].format(**values)
