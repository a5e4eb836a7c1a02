"""The hub's config built on a bare traitlets Config from the demo roster, for the unit tier's
tests of `apply_config` and what it sets."""

from __future__ import annotations

from traitlets.config import Config

from core.cohort import load_roster
from core.settings import DEMO_ROSTER, Settings
from hub import config as hubconfig

COHORT = load_roster(DEMO_ROSTER)
SECRETS = {"proxy_token": "p" * 64, "operations_token": "o" * 64, "demo_password": "demo-pass", "demo_admin_password": "a" * 40}


def settings(**env) -> Settings:
    return Settings.from_env({"REDSCHOOL_DATA_DIR": "/tmp/rs-data", **env})


def built(**env) -> Config:
    c = Config()
    hubconfig.apply_config(c, settings(**env), COHORT, secrets=SECRETS)
    return c
