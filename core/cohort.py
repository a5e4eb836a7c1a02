"""The cohort roster: people, circles and roles, parsed from a CSV with no other I/O.

The roster is the single source of truth for who may log in, which circle they
study in and who facilitates it. It is a spreadsheet-friendly CSV:

    username,display_name,role,circle
    learner1,Ana Lopez,learner,rosa
    facilitator1,Bea Okafor,facilitator,rosa
    facilitator3,Cy Ng,facilitator,rosa;lucy
    author1,Dee Park,author,
    admin,Ed Admin,admin,

`role` is one of learner, facilitator, author, admin; several may be joined
with `;` (e.g. `author;facilitator`), except that a learner has no other role.
`circle` is the learner's one circle, or the `;`-separated circles a
facilitator facilitates. Lines starting with `#` and blank lines are skipped.

An optional `circle_language` column gives the language the row's circle(s)
study in (`en` or `es`; default `en`): releases send each circle its language's
version of a unit (curriculum/translation.py). It is usually written once, on the
facilitator's row; rows of one circle that name different languages are an error.

`parse_roster` reports every bad row at once (`RosterError.problems`), each
with its line number, and never returns a half-valid cohort.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("learner", "facilitator", "author", "admin")
COLUMNS = ("username", "display_name", "role", "circle")
#: Optional: the study language of the row's circle(s) (see the module docstring).
CIRCLE_LANGUAGE_COLUMN = "circle_language"
#: The languages a circle can study in: those the platform and the curriculum are written in.
CIRCLE_LANGUAGES = ("en", "es")
DEFAULT_CIRCLE_LANGUAGE = "en"

# A valid POSIX system user name (server mode creates one per person) that
# JupyterHub keeps as is (it lower-cases names, and rejects '/').
USERNAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# Circle ids become nbgrader course ids, group names, service names and URL parts.
CIRCLE_RE = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
# Names our hub already uses for services; a circle's review desk is a service named after it.
RESERVED_CIRCLES = frozenset({"idle-culler", "hub", "api", "admin", "progress", "operations"})
# Usernames that are, or could be, accounts of the machine itself (server mode makes a
# system user per person, and must never hand a login to one of these), and prefixes
# the platform keeps for its own accounts (`grader-<circle>` owns a circle's course,
# `room-<circle>` is the circle's shared room: core/rooms.py).
SYSTEM_USERNAMES = frozenset(
    {
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy",
        "www-data", "backup", "list", "irc", "gnats", "nobody", "systemd-network", "systemd-resolve",
        "systemd-timesync", "messagebus", "sshd", "syslog", "polkitd", "postgres", "mysql",
        "nginx", "apache", "jupyter", "jupyterhub", "redschool", "operator", "ubuntu", "debian",
    }
)
RESERVED_PREFIXES = ("grader-", "systemd-", "jupyter-", "redschool-", "room-")


class UnknownCircleError(LookupError):
    """A circle id that is not on the roster."""


class RosterError(ValueError):
    """The roster has bad rows; `problems` lists each one, with its line number."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"The roster {source} has {len(problems)} problem(s); fix them and start again:\n{lines}"
        )


@dataclass(frozen=True)
class Person:
    username: str
    display_name: str
    roles: frozenset[str]
    circles: tuple[str, ...] = ()
    line: int = 0

    @property
    def is_learner(self) -> bool:
        return "learner" in self.roles

    @property
    def is_facilitator(self) -> bool:
        return "facilitator" in self.roles

    @property
    def is_author(self) -> bool:
        return "author" in self.roles

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles


@dataclass(frozen=True)
class Circle:
    id: str
    learners: tuple[str, ...]
    facilitators: tuple[str, ...]
    #: The language the circle studies in: which version of each unit it is released.
    language: str = DEFAULT_CIRCLE_LANGUAGE


@dataclass(frozen=True)
class Cohort:
    people: tuple[Person, ...]
    circles: dict[str, Circle] = field(default_factory=dict)

    @property
    def usernames(self) -> set[str]:
        return {p.username for p in self.people}

    def person(self, username: str) -> Person:
        return next(p for p in self.people if p.username == username)

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.people if role in p.roles]

    def require_circles(self, circle_ids) -> list[str]:
        """`circle_ids` as a list, or UnknownCircleError naming those not on the roster."""
        circle_ids = list(circle_ids)
        unknown = [c for c in circle_ids if c not in self.circles]
        if unknown:
            raise UnknownCircleError(
                f"no circle {', '.join(unknown)} on the roster (circles: {', '.join(sorted(self.circles))})"
            )
        return circle_ids


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def parse_roster(text: str, source: str = "roster") -> Cohort:
    """Parse roster CSV text into a Cohort, or raise RosterError listing every bad row."""
    problems: list[str] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))  # Excel writes a BOM
    rows = [(i, row) for i, row in enumerate(reader, start=1) if row and "".join(row).strip()]
    rows = [(i, row) for i, row in rows if not row[0].lstrip().startswith("#")]
    if not rows:
        raise RosterError(source, [f"line 1: the roster is empty; its first line must be: {','.join(COLUMNS)}"])
    header_line, header = rows[0]
    header = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RosterError(
            source,
            [f"line {header_line}: the header lacks column(s) {', '.join(missing)}; it must be: {','.join(COLUMNS)}"],
        )
    col = {name: header.index(name) for name in COLUMNS}
    language_col = header.index(CIRCLE_LANGUAGE_COLUMN) if CIRCLE_LANGUAGE_COLUMN in header else None
    said_language: dict[str, tuple[str, int]] = {}  # circle -> (language, the line that said so)

    people: list[Person] = []
    first_seen: dict[str, int] = {}
    for line, row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        username = row[col["username"]].strip()
        display = row[col["display_name"]].strip()
        roles = [r.lower() for r in _split(row[col["role"]])]
        circles = [c.lower() for c in _split(row[col["circle"]])]
        bad = len(problems)
        where = f"line {line}"

        if not username:
            problems.append(f"{where}: the username is empty; give every person a username.")
        elif not USERNAME_RE.match(username):
            hint = " (JupyterHub lower-cases names: write it in lower case)" if username.lower() != username else ""
            problems.append(
                f"{where}: username {username!r} is not allowed{hint}; use 1-32 lower-case letters, "
                "digits, '-' or '_', starting with a letter."
            )
        elif username in SYSTEM_USERNAMES or username.startswith(RESERVED_PREFIXES):
            problems.append(
                f"{where}: username {username!r} is the name of a system account or one the platform "
                "keeps for itself; give this person another username (for example their first name)."
            )
        elif username in first_seen:
            problems.append(
                f"{where}: username {username!r} is already on line {first_seen[username]}; "
                "keep one row per person (a facilitator of two circles lists both: rosa;lucy)."
            )
        else:
            first_seen[username] = line

        unknown = [r for r in roles if r not in ROLES]
        if not roles:
            problems.append(f"{where}: {username or 'this person'} has no role; use one of: {', '.join(ROLES)}.")
        elif unknown:
            problems.append(f"{where}: unknown role {unknown[0]!r}; use one of: {', '.join(ROLES)}.")
        elif "learner" in roles and len(roles) > 1:
            problems.append(
                f"{where}: a learner has no other role here ({';'.join(roles)}); give them their own row "
                "as facilitator or author under another username."
            )

        for c in circles:
            if not CIRCLE_RE.match(c):
                problems.append(
                    f"{where}: circle {c!r} is not a valid circle id; use lower-case letters, digits and '-', "
                    "starting with a letter (at most 31)."
                )
            elif c in RESERVED_CIRCLES:
                problems.append(f"{where}: circle {c!r} is a name the hub uses itself; choose another circle id.")
        if "learner" in roles:
            if not circles:
                problems.append(f"{where}: learner {username!r} has no circle; put their circle id in the circle column.")
            elif len(circles) > 1:
                problems.append(f"{where}: learner {username!r} is in {len(circles)} circles; a learner studies in one.")
        if "facilitator" in roles and not circles:
            problems.append(f"{where}: facilitator {username!r} has no circle; name the circle(s) they facilitate.")
        if circles and roles and not unknown and not ({"learner", "facilitator"} & set(roles)):
            problems.append(
                f"{where}: {username!r} is {';'.join(roles)} and has a circle; only learners and facilitators "
                "belong to circles (leave the column empty, or add the facilitator role)."
            )

        if len(problems) == bad:
            people.append(Person(username, display or username, frozenset(roles), tuple(circles), line))
        language = row[language_col].strip() if language_col is not None else ""
        if language:  # after the person is kept: a language slip should not also hide the row's circle
            problems += _circle_language_problems(where, language, circles, line, said_language)

    circle_ids = sorted({c for p in people for c in p.circles})
    circles = {
        cid: Circle(
            cid,
            tuple(p.username for p in people if p.is_learner and cid in p.circles),
            tuple(p.username for p in people if p.is_facilitator and cid in p.circles),
            said_language.get(cid, (DEFAULT_CIRCLE_LANGUAGE, 0))[0],
        )
        for cid in circle_ids
    }
    for cid, circle in circles.items():
        if not circle.facilitators:
            first = min(p.line for p in people if cid in p.circles)
            problems.append(
                f"line {first}: circle {cid!r} has no facilitator; add a facilitator row with circle {cid}."
            )
    if not any(p.is_admin for p in people) and not problems:
        problems.append(f"line {header_line}: nobody has the admin role; add at least one admin row.")

    if problems:
        raise RosterError(source, sorted(problems, key=lambda p: int(p.split(":")[0].split()[1])))
    return Cohort(tuple(people), circles)


def _circle_language_problems(where: str, language: str, circles: list[str], line: int,
                              said: dict[str, tuple[str, int]]) -> list[str]:
    """A row's `circle_language`: a known language, on a row with a circle, agreeing with
    what earlier rows said about the same circle (recorded in `said`)."""
    if language not in CIRCLE_LANGUAGES:
        return [f"{where}: circle_language {language!r} is not one we teach in; use one of: "
                f"{', '.join(CIRCLE_LANGUAGES)} (or leave it empty for {DEFAULT_CIRCLE_LANGUAGE})."]
    if not circles:
        return [f"{where}: circle_language {language!r} is on a row without a circle; write it on the row "
                "of a learner or facilitator of the circle (usually the facilitator's)."]
    problems = []
    for circle in circles:
        earlier = said.get(circle)
        if earlier and earlier[0] != language:
            problems.append(f"{where}: circle {circle!r} is given circle_language {language!r}, but line {earlier[1]} "
                            f"gives it {earlier[0]!r}; a circle studies in one language: keep one of them.")
        else:
            said.setdefault(circle, (language, line))
    return problems


def load_roster(path: Path) -> Cohort:
    """Read and parse a roster file; a missing or unreadable file is a RosterError too."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RosterError(str(path), ["the file does not exist; set REDSCHOOL_ROSTER to your roster CSV."]) from None
    except UnicodeDecodeError as exc:
        raise RosterError(
            str(path), [f"byte {exc.start}: the file is not UTF-8 text; save it from your spreadsheet as 'CSV UTF-8'."]
        ) from None
    return parse_roster(text, source=str(path))
