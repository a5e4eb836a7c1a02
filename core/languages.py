"""Each person's language: the roster's default, and the choice they make on their home page.

The roster may carry an optional `person_language` column (en or es; empty means en).
It is read here, in its own small parser over the same CSV, so that the roster's
people, roles and circles (core/cohort.py) stay one parser with one job:

    username,display_name,role,circle,person_language
    learner5,Lucía Ramos,learner,lucy,es

A person may change their language on their home page; that choice is kept in the
data folder (`language_choices_path`, core/layout.py) and wins over the roster, which
stays the default for everyone who has not chosen.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from .cohort import RosterError

#: Language codes as people read them in English ("es" is Spanish in a release line or a
#: roster summary); codes not listed are shown as the code itself.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "pt-BR": "Brazilian Portuguese", "fr": "French"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


#: The languages the platform speaks, with each one's name in itself (what a chooser shows).
LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
#: The roster's optional column for a person's language.
PERSON_LANGUAGE_COLUMN = "person_language"
#: What JupyterLab calls each language (its translation setting and language packs).
JUPYTERLAB_LOCALES = {"es": "es_ES"}


def roster_languages(text: str, source: str = "roster") -> dict[str, str]:
    """{username: language} for every row whose `person_language` cell is filled in.

    No column means everyone speaks the default. An unknown value is a RosterError
    naming its line; rows the roster itself rejects are left to core.cohort to report."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = [(i, row) for i, row in enumerate(reader, start=1) if row and "".join(row).strip()]
    rows = [(i, row) for i, row in rows if not row[0].lstrip().startswith("#")]
    if not rows:
        return {}
    header = [h.strip().lower() for h in rows[0][1]]
    if PERSON_LANGUAGE_COLUMN not in header or "username" not in header:
        return {}
    name_at, language_at = header.index("username"), header.index(PERSON_LANGUAGE_COLUMN)
    languages: dict[str, str] = {}
    problems = []
    for line, row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        value = row[language_at].strip().lower()
        if not value:
            continue
        if value not in LANGUAGES:
            problems.append(
                f"line {line}: {PERSON_LANGUAGE_COLUMN} {row[language_at].strip()!r} is not a language the platform "
                f"speaks; use one of: {', '.join(LANGUAGES)} (or leave it empty for {DEFAULT_LANGUAGE})."
            )
            continue
        languages[row[name_at].strip()] = value
    if problems:
        raise RosterError(source, problems)
    return languages


def load_roster_languages(path: Path) -> dict[str, str]:
    """The roster file's languages (core.cohort.load_roster reports a missing or unreadable file):
    a person's own `person_language`, else the language their circle studies in (its
    `circle_language`), so that a Spanish circle's members read the platform in Spanish
    until they choose otherwise."""
    from .cohort import load_roster

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    own = roster_languages(text, source=str(path))
    try:
        cohort = load_roster(path)
    except RosterError:
        return own
    from_circles: dict[str, str] = {}
    for _, circle in sorted(cohort.circles.items()):
        if circle.language in LANGUAGES and circle.language != DEFAULT_LANGUAGE:
            for name in (*circle.learners, *circle.facilitators):
                from_circles.setdefault(name, circle.language)
    return {**from_circles, **own}


def read_choices(path: Path) -> dict[str, str]:
    """The languages people chose themselves; a missing or damaged file is no choices
    (everyone then has the roster's language, and the next choice rewrites the file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if v in LANGUAGES}


def write_choice(path: Path, username: str, language: str) -> None:
    """Keep `username`'s choice, replacing the file whole so nobody reads half of it."""
    if language not in LANGUAGES:
        raise ValueError(f"{language!r} is not one of {', '.join(LANGUAGES)}")
    choices = read_choices(path)
    choices[username] = language
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".languages-", suffix=".json")
    # Readable by the platform's own accounts (a circle's grader writes feedback in each
    # learner's language); it says only which language each person reads.
    os.fchmod(fd, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(dict(sorted(choices.items())), f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def language_of(username: str | None, roster: dict[str, str], choices: dict[str, str]) -> str:
    """The person's choice, else the roster's language for them, else the default."""
    if username is None:
        return DEFAULT_LANGUAGE
    return choices.get(username) or roster.get(username) or DEFAULT_LANGUAGE


class PeopleLanguages:
    """Everyone's language as the hub and its services see it: the roster's, read once,
    and the choices file, read each time (a choice made a moment ago counts at once)."""

    def __init__(self, roster: dict[str, str], choices_path: Path):
        self.roster = dict(roster)
        self.choices_path = Path(choices_path)

    def of(self, username: str | None) -> str:
        return language_of(username, self.roster, read_choices(self.choices_path))

    def choose(self, username: str, language: str) -> None:
        write_choice(self.choices_path, username, language)
