"""The house plan (DESIGN.md, Rooms) holds: data flows one way and no room reaches back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# room -> rooms it must never import (directly, or inside a function)
FORBIDDEN = {
    "core": {"hub", "grading", "curriculum", "exercises", "cli", "server", "operations", "deploy"},
    "hub": {"grading", "curriculum", "exercises", "cli", "server", "operations", "deploy"},
    "curriculum": {"hub", "grading", "cli", "server", "operations", "deploy"},
    "grading": {"hub", "exercises", "cli", "server", "operations", "deploy"},
    "exercises": {"core", "hub", "grading", "curriculum", "cli", "server", "operations", "deploy"},
    # server mode's machinery (accounts, folders, the service) serves the CLI and the hub's start.
    "server": {"hub", "exercises", "cli", "operations", "deploy"},
    # Operations reads what the others leave on disk through core's layout, never their code.
    "operations": {"hub", "grading", "exercises", "cli", "server", "deploy"},
    # Kubernetes is one more way to run the hub, like jupyterhub_config.py: it wires core, hub,
    # grading and server's folder model together for the chart; no room imports it.
    # It applies server mode's folder model (server/folders.py) to the shared volume.
    "deploy": {"exercises", "cli", "operations"},
}


def imported_modules(path: Path) -> dict[str, int]:
    """Every module a file imports (absolute imports), with the first line it appears on."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            found.setdefault(name, node.lineno)
    return found


def imported_rooms(path: Path) -> dict[str, int]:
    """Top-level package of every import in a file, with the first line it appears on."""
    found: dict[str, int] = {}
    for module, line in imported_modules(path).items():
        room = module.split(".")[0]
        found[room] = min(line, found.get(room, line))
    return found


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_a_room_never_imports_the_rooms_downstream_of_it(room):
    problems = [
        f"{path.relative_to(ROOT)}:{line}: imports {other}"
        for path in sorted((ROOT / room).rglob("*.py"))
        for other, line in imported_rooms(path).items()
        if other in FORBIDDEN[room]
    ]
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_forbidden_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from grading.courses import course_dir\n")
    assert imported_rooms(module) == {"grading": 2}



def test_tests_share_helpers_through_tests_support_never_through_another_test_module():
    # A test module imported by another runs its fixtures and tests twice, and ties the two files'
    # tiers together; what tests share lives in tests/support/.
    tiers = ("tests.unit", "tests.notebooks", "tests.e2e", "tests.browser")
    problems = [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for module, line in imported_modules(path).items()
        if module.startswith(tiers)
    ]
    assert not problems, "move what they share into tests/support/:\n" + "\n".join(problems)
