"""A roster with a Spanish speaker, for the tests of people's languages (e2e and browser)."""

from __future__ import annotations

from pathlib import Path

from tests.support.hubprocess import ARTIFACTS, DEMO_ROSTER, Hub, hub_environment

SPANISH_SPEAKER = "learner5"  # studies in circle lucy


def spanish_roster(path: Path) -> None:
    """The demo roster with a person_language column in which learner5 speaks Spanish."""
    out = []
    for line in DEMO_ROSTER.read_text().splitlines():
        if line.startswith("username,"):
            line += ",person_language"
        elif line.startswith(f"{SPANISH_SPEAKER},"):
            line += ",es"
        out.append(line)
    path.write_text("\n".join(out) + "\n")


def hub_with_a_spanish_speaker(tmp_path_factory, name: str) -> Hub:
    """A hub of a test module's own (not started yet) on that roster."""
    folder = tmp_path_factory.mktemp(name)
    roster = folder / "roster.csv"
    spanish_roster(roster)
    ARTIFACTS.mkdir(exist_ok=True)
    hub = Hub(data_dir=folder / "data", env=hub_environment(folder / "data", roster), log_path=ARTIFACTS / f"{name}.log")
    hub.log_path.write_text("")
    return hub
