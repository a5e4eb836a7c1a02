"""The worksheets' data, with no widgets and no charts: what a circle writes down.

Four worksheets, each a frozen dataclass built from plain Python literals (dicts,
lists, strings, numbers), so that what the circle wrote is ordinary text in a
notebook cell:

- :class:`ForcesTable`: the social forces at play on one issue, each with its class
  position, interests, organisation, allies, opponents, where it stands on the
  issue, how strong it is and which way it is moving;
- :class:`Timeline`: the period, its events and its turning points;
- :class:`Chokepoints`: where the opposition depends on cooperation that can be
  withdrawn, and by whom;
- :class:`Hypothesis`: the strategy hypothesis template of the Liberatory Strategy
  Toolkit (bloc, basis of power, chokepoints, opposing forces, how the correlation
  of power shifts), tested against the other three.

Each has ``problems()``: what is missing or inconsistent, in plain words. Those
are the only things the autograded checks test; judgement (is this force really
that strong?) is left to the circle and its facilitator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidInput

__all__ = [
    "POSITIONS", "MOVEMENTS", "STRENGTH_RANGE", "TEMPLATE_PARTS",
    "Force", "ForcesTable", "Event", "Timeline", "Chokepoint", "Chokepoints", "Hypothesis",
]

#: Where a force stands on the chosen issue, from -2 to +2, in words.
POSITIONS = {
    -2: "strongly against",
    -1: "against",
    0: "undecided or split",
    1: "for",
    2: "strongly for",
}
#: Which way a force is moving (in strength), the words a circle chooses from.
MOVEMENTS = ("growing", "steady", "shrinking")
#: Strength is the circle's estimate on a scale from 1 (marginal) to 10 (dominant).
STRENGTH_RANGE = (1, 10)
#: The five parts of the strategy hypothesis, by the short names Bootcamp session 5 uses.
TEMPLATE_PARTS = ("bloc", "basis of power", "chokepoints", "opposing forces", "correlation of power")
#: Where each part is written in the worksheet's cell, and in what form: a learner who is
#: told a part is missing must also learn which line of the cell to fill, and how.
_PART_CELLS = {
    "bloc": 'bloc_core=["..."]: a list of names, each in quotes',
    "basis of power": 'basis_of_power="...": words in quotes',
    "chokepoints": 'chokepoints=["..."]: a list of places, each in quotes',
    "opposing forces": 'opposing_forces=["..."]: a list of names, each in quotes',
    "correlation of power": 'correlation_shift="...": words in quotes',
}


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be words in quotes; you gave {value!r}. "
                           f"Hint: write it like \"tenant unions\".")
    return value.strip()


def _names(value: Any, what: str) -> tuple[str, ...]:
    """A list of names; a single string is read as names separated by commas."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(f"{what} must be a list of names in quotes, like [\"tenant unions\", "
                           f"\"building trades\"]; you gave {value!r}.")
    return tuple(v.strip() for v in value if v.strip())


def _whole(value: Any, what: str, low: int, high: int, *, allow_none: bool = True) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{what} must be a whole number from {low} to {high}; you gave {value!r}. "
                           f"Hint: write the number without quotes, like {high // 2 or 1}.")
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be from {low} to {high}; you gave {value}.")
    return value


def _fields_of(cls, entry: Any, what: str) -> dict:
    """Check a dict's keys against the dataclass fields, so a misspelt key is never ignored."""
    if isinstance(entry, cls):
        return {f.name: getattr(entry, f.name) for f in dataclasses.fields(cls)}
    if not isinstance(entry, Mapping):
        raise InvalidInput(f"each {what} must be written in curly brackets {{...}} with \"key\": value "
                           f"pairs; you gave {entry!r}.")
    allowed = [f.name for f in dataclasses.fields(cls)]
    unknown = [k for k in entry if k not in allowed]
    if unknown:
        raise InvalidInput(f"{what} has a key {unknown[0]!r} that the worksheet does not know; the keys "
                           f"are {', '.join(repr(a) for a in allowed)}. Hint: check the spelling.")
    return dict(entry)


def _plain(value: Any) -> Any:
    """A dataclass as plain literals (dicts, lists, str, int), for saving as text."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class _Sheet:
    """What every worksheet has: plain literals out, problems, completeness."""

    kind = ""

    def to_plain(self) -> dict:
        return _plain(self)

    def problems(self) -> list[str]:  # pragma: no cover - every sheet defines it
        raise NotImplementedError

    @property
    def complete(self) -> bool:
        return not self.problems()


# --- forces -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Force:
    """One social force: a class, class fraction, social sector or organised bloc."""

    name: str = ""
    class_position: str = ""   # where it stands in production and society
    interests: str = ""        # what it needs or wants on this terrain
    organisation: str = ""     # how it is organised: unions, parties, lobbies, none
    allies: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    position: int | None = None  # on the chosen issue, -2..2 (see POSITIONS)
    strength: int | None = None  # 1..10: the circle's estimate
    moving: str = ""            # one of MOVEMENTS

    @classmethod
    def parse(cls, entry: Any, number: int) -> "Force":
        what = f"force {number}"
        raw = _fields_of(cls, entry, what)
        moving = _text(raw.get("moving"), f"{what}: moving")
        if moving and moving not in MOVEMENTS:
            raise InvalidInput(f"{what}: moving must be one of {', '.join(repr(m) for m in MOVEMENTS)}; "
                               f"you gave {moving!r}.")
        return cls(
            name=_text(raw.get("name"), f"{what}: name"),
            class_position=_text(raw.get("class_position"), f"{what}: class_position"),
            interests=_text(raw.get("interests"), f"{what}: interests"),
            organisation=_text(raw.get("organisation"), f"{what}: organisation"),
            allies=_names(raw.get("allies"), f"{what}: allies"),
            opponents=_names(raw.get("opponents"), f"{what}: opponents"),
            position=_whole(raw.get("position"), f"{what}: position", -2, 2),
            strength=_whole(raw.get("strength"), f"{what}: strength", *STRENGTH_RANGE),
            moving=moving,
        )

    @property
    def position_words(self) -> str:
        return POSITIONS.get(self.position, "not placed yet") if self.position is not None else "not placed yet"


@dataclass(frozen=True)
class ForcesTable(_Sheet):
    """The forces at play on one issue (the issue the correlation chart is drawn for)."""

    issue: str = ""
    forces: tuple[Force, ...] = ()
    kind = "forces"

    @classmethod
    def parse(cls, issue: Any = "", forces: Any = ()) -> "ForcesTable":
        if forces is None:
            forces = ()
        if not isinstance(forces, (list, tuple)):
            raise InvalidInput(f"forces must be a list [...] of forces, each in curly brackets; you gave {forces!r}.")
        return cls(issue=_text(issue, "issue"),
                   forces=tuple(Force.parse(f, i) for i, f in enumerate(forces, start=1)))

    def names(self) -> list[str]:
        return [f.name for f in self.forces if f.name]

    def find(self, name: str) -> Force | None:
        key = name.strip().casefold()
        return next((f for f in self.forces if f.name.casefold() == key), None)

    def side(self, sign: int) -> list[Force]:
        """The forces for (sign 1) or against (sign -1) the issue, that have a strength."""
        return [f for f in self.forces if f.position is not None and f.strength is not None
                and f.position * sign > 0]

    def balance(self) -> tuple[int, int]:
        """Total strength of the forces for, and of those against (undecided forces count in neither)."""
        return sum(f.strength for f in self.side(1)), sum(f.strength for f in self.side(-1))

    def problems(self) -> list[str]:
        out: list[str] = []
        if not self.issue:
            out.append("Name the issue the forces are placed on (issue=\"...\"): the chart is drawn for it.")
        if len(self.forces) < 3:
            out.append(f"The table has {len(self.forces)} force(s); a correlation of forces needs at least 3.")
        seen: set[str] = set()
        for number, force in enumerate(self.forces, start=1):
            label = f"Force {number}" + (f" ({force.name})" if force.name else "")
            missing = [name for name in ("name", "class_position", "interests", "organisation", "moving")
                       if not getattr(force, name)]
            missing += [name for name in ("position", "strength") if getattr(force, name) is None]
            if missing:
                out.append(f"{label}: fill in {', '.join(missing)}.")
            key = force.name.casefold()
            if key and key in seen:
                out.append(f"{label}: two forces are called {force.name!r}; give each its own name.")
            seen.add(key)
            for relation in ("allies", "opponents"):
                for other in getattr(force, relation):
                    if other.casefold() == key:
                        out.append(f"{label}: it is listed among its own {relation}.")
                    elif self.find(other) is None:
                        out.append(f"{label}: {relation} names {other!r}, which is not a force in the table "
                                   f"(add it, or write its name exactly as in the table).")
            opponents = {o.casefold() for o in force.opponents}
            both = [a for a in force.allies if a.casefold() in opponents]
            if both:
                out.append(f"{label}: {both[0]!r} is both an ally and an opponent; choose one.")
            for ally in force.allies:
                other = self.find(ally)
                if other and force.name and force.name.casefold() in {o.casefold() for o in other.opponents}:
                    out.append(f"{label} calls {other.name!r} an ally, but {other.name!r} calls it an opponent.")
        if self.forces and not self.side(1):
            out.append("No force in the table is for the issue (position 1 or 2): who would gain from it?")
        if self.forces and not self.side(-1):
            out.append("No force in the table is against the issue (position -1 or -2): who stands in the way?")
        return out


# --- timeline ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    year: int | None = None
    what: str = ""
    turning_point: bool = False
    why: str = ""  # for a turning point: what changed direction, and why

    @classmethod
    def parse(cls, entry: Any, number: int) -> "Event":
        what = f"event {number}"
        raw = _fields_of(cls, entry, what)
        turning = raw.get("turning_point", False)
        if not isinstance(turning, bool):
            raise InvalidInput(f"{what}: turning_point must be True or False (no quotes); you gave {turning!r}.")
        return cls(year=_whole(raw.get("year"), f"{what}: year", 1000, 2200),
                   what=_text(raw.get("what"), f"{what}: what"),
                   turning_point=turning, why=_text(raw.get("why"), f"{what}: why"))


@dataclass(frozen=True)
class Timeline(_Sheet):
    """A period (years, not a snapshot), its events in order and its turning points."""

    period: str = ""
    start: int | None = None
    end: int | None = None
    events: tuple[Event, ...] = ()
    kind = "timeline"

    @classmethod
    def parse(cls, period: Any = "", start: Any = None, end: Any = None, events: Any = ()) -> "Timeline":
        if events is None:
            events = ()
        if not isinstance(events, (list, tuple)):
            raise InvalidInput(f"events must be a list [...] of events; you gave {events!r}.")
        return cls(period=_text(period, "period"), start=_whole(start, "start", 1000, 2200),
                   end=_whole(end, "end", 1000, 2200),
                   events=tuple(Event.parse(e, i) for i, e in enumerate(events, start=1)))

    def ordered(self) -> list[Event]:
        return sorted(self.events, key=lambda e: (e.year is None, e.year or 0))

    def turning_points(self) -> list[Event]:
        return [e for e in self.events if e.turning_point]

    def problems(self) -> list[str]:
        out: list[str] = []
        if not self.period:
            out.append("Name the period (period=\"...\").")
        if self.start is None or self.end is None:
            out.append("Give the period's first and last year (start=..., end=...).")
        elif self.start >= self.end:
            out.append(f"The period starts in {self.start} and ends in {self.end}: a conjuncture spans years, "
                       f"so the end must come after the start.")
        if len(self.events) < 4:
            out.append(f"The timeline has {len(self.events)} event(s); put in at least 4.")
        for number, event in enumerate(self.events, start=1):
            label = f"Event {number}" + (f" ({event.what[:40]})" if event.what else "")
            if event.year is None or not event.what:
                out.append(f"{label}: give both its year and what happened.")
            elif self.start is not None and self.end is not None and not self.start <= event.year <= self.end:
                out.append(f"{label}: {event.year} is outside the period {self.start}-{self.end}.")
            if event.turning_point and not event.why:
                out.append(f"{label}: it is marked as a turning point; say why (what changed direction).")
        if self.events and not self.turning_points():
            out.append("Mark at least one event as a turning point (turning_point=True) and say why.")
        return out


# --- chokepoints ------------------------------------------------------------------------


@dataclass(frozen=True)
class Chokepoint:
    where: str = ""          # the point: a port, a payroll, a permit, a vote, a supply chain
    depends: str = ""        # the opposing force whose power depends on it (a name in the forces table)
    withdrawn_by: str = ""   # the force of ours whose cooperation it needs (a name in the forces table)
    how: str = ""            # how that cooperation could be withdrawn, and what it would take

    @classmethod
    def parse(cls, entry: Any, number: int) -> "Chokepoint":
        what = f"chokepoint {number}"
        raw = _fields_of(cls, entry, what)
        return cls(**{k: _text(raw.get(k), f"{what}: {k}") for k in ("where", "depends", "withdrawn_by", "how")})


@dataclass(frozen=True)
class Chokepoints(_Sheet):
    chokepoints: tuple[Chokepoint, ...] = ()
    kind = "chokepoints"

    @classmethod
    def parse(cls, chokepoints: Any = ()) -> "Chokepoints":
        if chokepoints is None:
            chokepoints = ()
        if not isinstance(chokepoints, (list, tuple)):
            raise InvalidInput(f"chokepoints must be a list [...]; you gave {chokepoints!r}.")
        return cls(chokepoints=tuple(Chokepoint.parse(c, i) for i, c in enumerate(chokepoints, start=1)))

    def problems(self, forces: ForcesTable | None = None) -> list[str]:
        out: list[str] = []
        if not self.chokepoints:
            out.append("Name at least one chokepoint.")
        for number, point in enumerate(self.chokepoints, start=1):
            label = f"Chokepoint {number}" + (f" ({point.where})" if point.where else "")
            missing = [k for k in ("where", "depends", "withdrawn_by", "how") if not getattr(point, k)]
            if missing:
                out.append(f"{label}: fill in {', '.join(missing)}.")
            if forces is None:
                continue
            for key, sign, side in (("depends", -1, "against"), ("withdrawn_by", 1, "for")):
                name = getattr(point, key)
                force = forces.find(name) if name else None
                if name and force is None:
                    out.append(f"{label}: {key} names {name!r}, which is not in the forces table.")
                elif force is not None and force.position is not None and force.position * sign <= 0:
                    out.append(f"{label}: {key} names {force.name!r}, but the forces table does not place it "
                               f"{side} the issue ({force.position_words}).")
        return out


# --- the strategy hypothesis -------------------------------------------------------------


@dataclass(frozen=True)
class Hypothesis(_Sheet):
    """The strategy hypothesis template of the Liberatory Strategy Toolkit, part by part.

    ``bloc_core`` and ``bloc_key`` name the class layers and social sectors of the bloc
    (its core, and the other key sectors it must win); ``opposing_forces`` and
    ``chokepoints`` name entries of the circle's forces table and chokepoints list, so
    the hypothesis can be tested against its own analysis; ``test`` says what the
    circle would watch for to learn that the hypothesis is wrong.
    """

    bloc_core: tuple[str, ...] = ()
    bloc_key: tuple[str, ...] = ()
    basis_of_power: str = ""
    chokepoints: tuple[str, ...] = ()
    opposing_forces: tuple[str, ...] = ()
    correlation_shift: str = ""
    test: str = ""
    kind = "hypothesis"

    @classmethod
    def parse(cls, **parts: Any) -> "Hypothesis":
        raw = _fields_of(cls, parts, "the hypothesis")
        return cls(
            bloc_core=_names(raw.get("bloc_core"), "bloc_core"),
            bloc_key=_names(raw.get("bloc_key"), "bloc_key"),
            basis_of_power=_text(raw.get("basis_of_power"), "basis_of_power"),
            chokepoints=_names(raw.get("chokepoints"), "chokepoints"),
            opposing_forces=_names(raw.get("opposing_forces"), "opposing_forces"),
            correlation_shift=_text(raw.get("correlation_shift"), "correlation_shift"),
            test=_text(raw.get("test"), "test"),
        )

    def parts(self) -> dict[str, str]:
        """The five template parts (Bootcamp session 5's names) in words; empty when not filled."""
        bloc = ", ".join(self.bloc_core)
        if self.bloc_key:
            bloc += (" with " if bloc else "") + ", ".join(self.bloc_key)
        return {
            "bloc": bloc,
            "basis of power": self.basis_of_power,
            "chokepoints": ", ".join(self.chokepoints),
            "opposing forces": ", ".join(self.opposing_forces),
            "correlation of power": self.correlation_shift,
        }

    def missing_parts(self) -> list[str]:
        return [name for name, words in self.parts().items() if not words]

    def sentence(self) -> str:
        """The hypothesis as one sentence, with blanks where a part is missing."""
        p = {k: (v or "[ ... ]") for k, v in self.parts().items()}
        return (f"If a movement deeply connected to a bloc of {p['bloc']} exerts {p['basis of power']} "
                f"at {p['chokepoints']}, it will defeat {p['opposing forces']} and shift the correlation "
                f"of power so that {p['correlation of power']}.")

    def problems(self, forces: ForcesTable | None = None, chokepoints: Chokepoints | None = None) -> list[str]:
        out = [f"Fill in the part: {name} ({_PART_CELLS[name]})." for name in self.missing_parts()]
        if not self.bloc_core:
            out.append("Name the bloc's core (bloc_core): the class layers or sectors at its centre.")
        if not self.test:
            out.append("Say how you would know the hypothesis is wrong (test=\"...\"): a strategy is tested, not believed.")
        # Needs no forces table, so the Bootcamp's hypothesis (free names) is tested too.
        opposing = {name.casefold() for name in self.opposing_forces}
        for name in self.bloc_core:
            if name.casefold() in opposing:
                out.append(f"{name!r} is both in the bloc's core and among the opposing forces: who, concretely, "
                           f"stands in the bloc's way?")
        if forces is not None:
            for name in (*self.bloc_core, *self.bloc_key):
                force = forces.find(name)
                if force is None:
                    out.append(f"The bloc names {name!r}, which is not in your forces table: add it there first.")
                # Key sectors may still have to be won over; the core cannot be against the issue.
                elif name in self.bloc_core and force.position is not None and force.position < 0:
                    out.append(f"The bloc's core names {force.name!r}, but your forces table places it against "
                               f"the issue: move it to the other key sectors (bloc_key) if it must still be won over.")
            for name in self.opposing_forces:
                force = forces.find(name)
                if force is None:
                    out.append(f"The opposing forces name {name!r}, which is not in your forces table.")
                elif force.position is not None and force.position > 0:
                    out.append(f"The opposing forces name {force.name!r}, but your forces table places it for the issue.")
        if chokepoints is not None:
            known = {c.where.casefold() for c in chokepoints.chokepoints}
            for name in self.chokepoints:
                if name.casefold() not in known:
                    out.append(f"The hypothesis names the chokepoint {name!r}, which is not in your chokepoints list.")
        return out


def parse_names(value: Any, what: str) -> tuple[str, ...]:
    """Public form of the list-of-names reader, for the editors."""
    return _names(value, what)
