"""Shared fixtures, and the tiers. The `hub` fixture is one real hub for the whole e2e session.

A test's tier is the directory it lives in, and this file marks it from there:
tests/unit (the fast tier: pure functions, no kernel, no hub, no browser; unmarked),
tests/notebooks (starts a Jupyter kernel or runs nbconvert/nbgrader execution),
tests/e2e (a real hub) and tests/browser (a real browser). `make test-fast` runs
tests/unit; `-m notebooks`, `-m e2e` and `-m browser` select the others.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hubprocess import ARTIFACTS, DEMO_ROSTER, Hub, hub_environment

pytest_plugins = ["pytester"]  # for tests/unit/test_tiers.py

TESTS = Path(__file__).parent
TIERS = ("unit", "notebooks", "e2e", "browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        try:
            tier = item.path.relative_to(TESTS).parts[0]
        except ValueError:
            continue  # not under tests/
        if tier not in TIERS:
            raise pytest.UsageError(
                f"{item.nodeid}: a test lives in the directory of its tier, one of "
                f"{', '.join(f'tests/{t}/' for t in TIERS)} — move it there"
            )
        if tier != "unit":
            item.add_marker(tier)


@pytest.fixture(scope="session")
def hub(tmp_path_factory) -> Hub:
    """The real hub from jupyterhub_config.py, on free loopback ports, with the demo roster."""
    data_dir = tmp_path_factory.mktemp("hub") / "data"
    ARTIFACTS.mkdir(exist_ok=True)
    hub = Hub(
        data_dir=data_dir,
        env=hub_environment(data_dir, DEMO_ROSTER),
        log_path=ARTIFACTS / "hub.log",
    )
    hub.log_path.write_text("")
    hub.start()
    yield hub
    hub.stop()
    stray = hub.stray_processes()
    assert not stray, f"processes left behind: {[p.info.get('cmdline') for p in stray]}"


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
