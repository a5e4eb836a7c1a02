"""Shared fixtures. The `hub` fixture is one real hub for the whole e2e session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hubprocess import ARTIFACTS, DEMO_ROSTER, Hub, hub_environment


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
