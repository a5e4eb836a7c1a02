"""Typed manifests for programmes, units and reading guides.

These models are the unit format: ``docs/unit-format.md`` is generated from them
(``python -m curriculum.reference``), so every field carries a description and an
example. The benchmark and capacity lists are fixed by CONTENT.md ("Frameworks
from the source to build on") and are not to be extended casually: they are what
facilitators map a learner's development against.
"""

from __future__ import annotations

import datetime
import enum
import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

#: Unit ids name nbgrader assignments and appear in URLs.
UNIT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"
#: Programme folder names and reading slugs follow the same rule.
SLUG_PATTERN = UNIT_ID_PATTERN
#: A small, strict subset of BCP 47: language, optional script, optional region.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"

MANIFEST_NAME = "unit.yaml"
PROGRAMME_MANIFEST_NAME = "programme.yaml"
GUIDE_NAME = "facilitator-guide.md"


class Benchmark(enum.StrEnum):
    """The five cadrefication benchmarks (CONTENT.md)."""

    DIALECTICAL_MATERIALISM = "dialectical-materialism"
    EVALUATING_STRATEGY = "evaluating-strategy"
    CARRYING_OUT_STRATEGY_COLLECTIVELY = "carrying-out-strategy-collectively"
    RESILIENT_PROTAGONISM_AND_DISCIPLINE = "resilient-protagonism-and-discipline"
    LEFT_LEADERSHIP = "left-leadership"

    @property
    def title(self) -> str:
        return BENCHMARK_TITLES[self]


BENCHMARK_TITLES = {
    Benchmark.DIALECTICAL_MATERIALISM: "Dialectical materialism",
    Benchmark.EVALUATING_STRATEGY: "Ability to evaluate strategy",
    Benchmark.CARRYING_OUT_STRATEGY_COLLECTIVELY: "Carrying out strategy collectively",
    Benchmark.RESILIENT_PROTAGONISM_AND_DISCIPLINE: "Resilient protagonism and discipline",
    Benchmark.LEFT_LEADERSHIP: "Left leadership",
}


class Capacity(enum.StrEnum):
    """The four capacities a cadre develops (CONTENT.md)."""

    IDEOLOGICAL = "ideological"
    POLITICAL = "political"
    ORGANISATIONAL = "organisational"
    SOCIAL_EMOTIONAL = "social-emotional"

    @property
    def title(self) -> str:
        return self.value.capitalize()


def _unique(values: list) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{value!s} is listed twice")
        seen.add(value)
    return values


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
NotebookName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ipynb$")]
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_PATTERN)]


class _Model(BaseModel):
    # A misspelt field is an error, not silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class UnitTranslation(_Model):
    """A unit's title and summary in one translated language (``translations`` in ``unit.yaml``)."""

    title: Text = Field(max_length=120, description="The unit's title in this language.", examples=["Dónde estamos"])
    summary: Text = Field(max_length=400, description="The unit's summary in this language.",
                          examples=["La primera sesión: la izquierda y los movimientos desde la crisis de 2008."])


class UnitManifest(_Model):
    """A unit's manifest, ``curriculum/<programme>/<unit-id>/unit.yaml``."""

    id: str = Field(
        pattern=UNIT_ID_PATTERN,
        description=(
            "The unit's id: lower-case letters, digits and hyphens, 2–63 characters, "
            "starting with a letter or digit. It is also the unit's folder name and the "
            "nbgrader assignment name, so it must be unique across the whole curriculum "
            "and never change once the unit has been released."
        ),
        examples=["lrs-pe-01-commodity-and-value"],
    )
    title: Text = Field(
        max_length=120,
        description="The unit's title as learners see it, in plain words.",
        examples=["Commodity and value"],
    )
    programme: str = Field(
        pattern=SLUG_PATTERN,
        description="The programme this unit belongs to: the name of the programme folder it sits in.",
        examples=["little-red-school"],
    )
    position: int = Field(
        ge=1,
        description=(
            "Where the unit comes in its programme, counting from 1. It must equal the "
            "unit's place in the programme's `units` list, or in its `modules` taken one after "
            "the other (positions run 1..N with no gaps)."
        ),
        examples=[1],
    )
    summary: Text = Field(
        max_length=400,
        description="One or two sentences saying what the unit is about, shown in unit lists.",
        examples=["What makes something a commodity, and why its value is a social relation."],
    )
    estimated_minutes: int = Field(
        ge=5,
        le=600,
        description=(
            "How long a learner needs for the unit's notebooks and readings before the "
            "circle meets, in minutes (the session itself is two hours and is not counted)."
        ),
        examples=[90],
    )
    learning_goals: list[Text] = Field(
        min_length=1,
        max_length=8,
        description="What a learner can do after the unit, one sentence each, starting with a verb.",
        examples=[["Tell use-value from exchange-value with an example from daily life."]],
    )
    benchmarks: list[Benchmark] = Field(
        min_length=1,
        description=(
            "The cadrefication benchmarks this unit develops, from the fixed list of five: "
            + ", ".join(f"`{b.value}` ({b.title})" for b in Benchmark)
            + "."
        ),
        examples=[["dialectical-materialism"]],
    )
    capacities: list[Capacity] = Field(
        min_length=1,
        description=(
            "The capacities this unit develops, from the fixed list of four: "
            + ", ".join(f"`{c.value}`" for c in Capacity)
            + "."
        ),
        examples=[["ideological"]],
    )
    readings: list[Slug] = Field(
        default_factory=list,
        description=(
            "Reading guides for the unit, by slug: each names a file `readings/<slug>.md` "
            "that must exist."
        ),
        examples=[["marx-capital-volume-1"]],
    )
    notebooks: list[NotebookName] = Field(
        min_length=1,
        description=(
            "The unit's source notebooks, file names inside the unit folder, in the order "
            "learners work them. Each carries nbgrader cell metadata."
        ),
        examples=[["commodity-and-value.ipynb"]],
    )
    worksheets: list[NotebookName] = Field(
        default_factory=list,
        description=(
            "Optional: circle worksheets, notebooks inside the unit folder that the circle works "
            "on together in its room. Releasing the unit puts a copy of each in the room of every "
            "circle it reaches, once: a later release never replaces the circle's work. Plain "
            "notebooks, not also listed in `notebooks`. Each part the circle writes in starts with "
            "a `## ` heading in its own Markdown cell: collected for review, each is a section "
            "the facilitator comments on."
        ),
        examples=[["our-forces-together.ipynb"]],
    )
    languages: list[LanguageCode] = Field(
        default_factory=lambda: ["en"],
        min_length=1,
        description=(
            "The languages the unit is written in, as BCP 47 codes (`en`, `es`, `pt-BR`). The first is "
            "the original; each other one is a translation: beside every notebook and worksheet `X.ipynb` "
            "a `X.<code>.ipynb` with the same cells (see 'Translations' in docs/unit-format.md), a "
            "`facilitator-guide.<code>.md`, and an entry in `translations`."
        ),
        examples=[["en", "es"]],
    )
    translations: dict[LanguageCode, UnitTranslation] = Field(
        default_factory=dict,
        description=(
            "The title and summary in each translated language, by language code: one entry for every "
            "language in `languages` after the first, and no others."
        ),
        examples=[{"es": {"title": "Dónde estamos", "summary": "La primera sesión: la izquierda y los movimientos desde la crisis de 2008."}}],
    )

    _unique_lists = field_validator(
        "learning_goals", "benchmarks", "capacities", "readings", "notebooks", "worksheets", "languages"
    )(_unique)

    @model_validator(mode="after")
    def _translations_match_languages(self) -> UnitManifest:
        wanted, given = self.languages[1:], list(self.translations)
        missing = [code for code in wanted if code not in given]
        if missing:
            raise ValueError(
                f"`languages` lists {', '.join(missing)} but `translations` has no entry for "
                f"{'it' if len(missing) == 1 else 'them'}: add `translations: {{{missing[0]}: {{title: ..., summary: ...}}}}`"
            )
        extra = [code for code in given if code not in wanted]
        if extra:
            raise ValueError(
                f"`translations` has {', '.join(extra)}, which is not a translated language in `languages` "
                f"({', '.join(self.languages)}; the first is the original): add it to `languages` or remove the entry"
            )
        return self

    @property
    def original_language(self) -> str:
        return self.languages[0]

    def title_in(self, language: str) -> str:
        return self.translations[language].title if language in self.translations else self.title

    def summary_in(self, language: str) -> str:
        return self.translations[language].summary if language in self.translations else self.summary


def translated_name(name: str, language: str) -> str:
    """The file holding ``name`` (a notebook or the guide) in ``language``: ``X.ipynb`` → ``X.es.ipynb``."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{language}.{suffix}" if dot else f"{name}.{language}"




class ProgrammeEntry(_Model):
    """One unit in a programme's ordered list."""

    id: str = Field(
        pattern=UNIT_ID_PATTERN,
        description="The unit's id (its folder name inside the programme folder).",
        examples=["bootcamp-01-where-we-stand"],
    )
    opens: datetime.date | None = Field(
        default=None,
        description=(
            "Optional: the date (YYYY-MM-DD) from which the release step may publish the "
            "unit to circles. Leave it out to release by hand."
        ),
        examples=["2026-02-02"],
    )

    @model_validator(mode="before")
    @classmethod
    def _from_bare_id(cls, value: object) -> object:
        # `- some-unit` is shorthand for `- id: some-unit`.
        return {"id": value} if isinstance(value, str) else value


class ProgrammeModule(_Model):
    """A named group of a programme's units, taught one after the other."""

    id: str = Field(
        pattern=SLUG_PATTERN,
        description="The module's id: lower-case letters, digits and hyphens, unique in the programme.",
        examples=["political-economy"],
    )
    title: Text = Field(
        max_length=120,
        description="The module's title as learners and facilitators see it.",
        examples=["Political economy"],
    )
    purpose: Text = Field(
        max_length=400,
        description="One sentence: what the module is for in the programme.",
        examples=["How capitalism produces and shares out surplus value, and why it runs into crises."],
    )
    units: list[ProgrammeEntry] = Field(
        min_length=1,
        description=(
            "The module's units in teaching order, written like the flat `units` list: a unit id, "
            "or a mapping with `id` and an optional `opens` date."
        ),
        examples=[[{"id": "lrs-pe-01-commodity-and-value", "opens": "2027-01-11"}]],
    )


def _check_entries(entries: list[ProgrammeEntry]) -> None:
    """Ids once in the whole programme; opening dates never go back in teaching order
    (a date earlier than the unit before it is almost always a typing slip)."""
    _unique([e.id for e in entries])
    latest: ProgrammeEntry | None = None
    for entry in entries:
        if entry.opens is None:
            continue
        if latest is not None and entry.opens < latest.opens:
            raise ValueError(
                f"unit {entry.id} opens {entry.opens}, before {latest.id} above it ({latest.opens}): "
                "opening dates follow the teaching order"
            )
        latest = entry


class ProgrammeManifest(_Model):
    """A programme's manifest, ``curriculum/<programme>/programme.yaml``.

    The programme's id is its folder name. Its units are listed either flat
    (``units``) or grouped into modules (``modules``), never both.
    """

    title: Text = Field(
        max_length=120,
        description="The programme's name as learners and facilitators see it.",
        examples=["Membership Bootcamp"],
    )
    description: Text = Field(
        description="A short paragraph: who the programme is for, what it covers and how it is studied.",
        examples=["Six weekly sessions, studied in circles, that every new member starts with."],
    )
    units: list[ProgrammeEntry] = Field(
        default_factory=list,
        description=(
            "The programme's units in teaching order, for a programme without modules. Each item "
            "is a unit id, or a mapping with `id` and an optional `opens` date. A unit's "
            "`position` is its place in this list, counting from 1."
        ),
        examples=[["bootcamp-01-where-we-stand", {"id": "bootcamp-02-points-of-unity", "opens": "2026-02-09"}]],
    )
    modules: list[ProgrammeModule] = Field(
        default_factory=list,
        description=(
            "Instead of `units`: the programme's units grouped into named modules, in teaching "
            "order. A unit's `position` is still its place in the whole programme, counting "
            "from 1 through the modules' units one after the other."
        ),
        examples=[[{
            "id": "political-economy",
            "title": "Political economy",
            "purpose": "How capitalism produces and shares out surplus value.",
            "units": [{"id": "lrs-pe-01-commodity-and-value", "opens": "2027-01-11"}],
        }]],
    )

    @field_validator("units", "modules", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return [] if value is None else value  # `units:` with nothing under it yet

    @field_validator("units")
    @classmethod
    def _check_units(cls, units: list[ProgrammeEntry]) -> list[ProgrammeEntry]:
        _check_entries(units)
        return units

    @field_validator("modules")
    @classmethod
    def _check_modules(cls, modules: list[ProgrammeModule]) -> list[ProgrammeModule]:
        ids = [m.id for m in modules]
        for module_id in ids:
            if ids.count(module_id) > 1:
                raise ValueError(f"module {module_id} is listed twice")
        _check_entries([entry for module in modules for entry in module.units])
        return modules

    @model_validator(mode="after")
    def _units_or_modules(self) -> ProgrammeManifest:
        if self.units and self.modules:
            raise ValueError(
                "the manifest has both `units` and `modules`: list the units flat under `units`, "
                "or group them under `modules`, not both"
            )
        return self

    @property
    def entries(self) -> list[ProgrammeEntry]:
        """Every unit entry in teaching order, through the modules if there are any."""
        if self.modules:
            return [entry for module in self.modules for entry in module.units]
        return list(self.units)

    @property
    def unit_ids(self) -> list[str]:
        return [e.id for e in self.entries]

    def entry_locations(self) -> list[tuple[tuple, ProgrammeEntry]]:
        """Each entry with its place in the YAML (for problem lines)."""
        if self.modules:
            return [(("modules", m, "units", u), entry)
                    for m, module in enumerate(self.modules) for u, entry in enumerate(module.units)]
        return [(("units", i), entry) for i, entry in enumerate(self.units)]

    def module_of(self, unit_id: str) -> ProgrammeModule | None:
        return next((m for m in self.modules if unit_id in [e.id for e in m.units]), None)


class ReadingFrontMatter(_Model):
    """The YAML front matter of a reading guide, ``readings/<slug>.md``.

    Bibliographic fields are given only where they are certain; a guide never
    invents page numbers, quotations or links (CONTENT.md, "Honesty rules").
    The body after the front matter has a ``## Summary`` and a
    ``## Discussion questions`` section.
    """

    title: Text = Field(description="The work's title, as published.", examples=["Capital, Volume 1"])
    authors: list[Text] = Field(
        min_length=1,
        description="The work's author(s), as published.",
        examples=[["Karl Marx"]],
    )
    year: int | None = Field(
        default=None,
        ge=1500,
        le=2100,
        description="Year of first publication, only where certain.",
        examples=[1867],
    )
    publisher: Text | None = Field(
        default=None,
        description="Publisher, only where certain.",
        examples=["Verlag von Otto Meissner"],
    )
    read_at: str | None = Field(
        default=None,
        pattern=r"^https://\S+$",
        description=(
            "Where a public-domain or freely published text can be read: an https "
            "address that is known to exist. Leave it out when unsure."
        ),
        examples=["https://www.marxists.org/archive/marx/works/1867-c1/"],
    )
    part: Text | None = Field(
        default=None,
        description="Which part of the work the guide covers (chapters or sections), in words.",
        examples=["Part One, Chapter 1: Commodities"],
    )
    minutes: int = Field(
        ge=5,
        le=600,
        description="Estimated reading time for the part covered, in minutes.",
        examples=[60],
    )
    key_concepts: list[Text] = Field(
        min_length=1,
        description="The concepts a reader should come away with, a few words each.",
        examples=[["use-value", "exchange-value", "socially necessary labour time"]],
    )

    _unique_lists = field_validator("authors", "key_concepts")(_unique)


def benchmark_list() -> str:
    return ", ".join(b.value for b in Benchmark)


def capacity_list() -> str:
    return ", ".join(c.value for c in Capacity)


def is_unit_id(value: str) -> bool:
    return re.fullmatch(UNIT_ID_PATTERN, value) is not None
