"""`redschool upgrade` from a data folder a hub of today's main made, its hub database taken
back one schema revision with JupyterHub's own downgrade script (JupyterHub 5's schema, before
6.0 added spawners' display names), as the previous release would have left it: everything is
kept, and the hub starts again.

The gradebooks stay at nbgrader's head: its one migration since 0.6 cannot be taken back on
SQLite (nbgrader 0.9.6's downgrade of e43177bfe90b calls batch_op.drop_column with the table
name, a TypeError), so for them the test shows the upgrade keeps every row and changes nothing."""

from __future__ import annotations

import pytest

from core.layout import gradebook_path, hub_database_path, hub_database_url
from core.settings import Settings
from operations.archive import schema_heads
from operations.sqlite_copy import alembic_revision
from tests.support.data_folder import database_rows
from tests.support.hubprocess import own_hub, redschool

UNIT = "lrs-pe-01-commodity-and-value"


def downgrade_one_revision(settings: Settings) -> None:
    from alembic import command
    from alembic.config import Config
    from jupyterhub import dbutil as hub_dbutil

    with hub_dbutil._temp_alembic_ini(hub_database_url(settings)) as ini:
        command.downgrade(Config(ini), "-1")


@pytest.fixture(scope="module")
def older(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "upgrade")
    hub.start()
    try:
        assert redschool(hub, "release", UNIT, "--all").returncode == 0
        assert hub.login("learner1").login_response.status_code == 302
    finally:
        hub.stop()
    settings = Settings.from_env(hub.env)
    kept = {
        "users": database_rows(hub_database_path(settings))["users"],
        "gradebooks": {c: {t: database_rows(gradebook_path(settings, c))[t] for t in ("student", "assignment", "notebook")}
                       for c in ("rosa", "lucy")},
    }
    downgrade_one_revision(settings)
    kept["hub_revision"] = alembic_revision(hub_database_path(settings))
    return hub, settings, kept


def test_upgrade_brings_every_database_to_the_installed_schema_and_keeps_everything(older):
    hub, settings, kept = older
    heads = schema_heads()
    assert alembic_revision(hub_database_path(settings)) != heads["jupyterhub"]
    assert alembic_revision(gradebook_path(settings, "rosa")) == heads["gradebook"]

    upgraded = redschool(hub, "upgrade")
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    assert "Backup written to" in upgraded.stdout
    assert f"jupyterhub.sqlite: {kept['hub_revision']} -> {heads['jupyterhub']}" in upgraded.stdout
    assert f"gradebook.db: already at {heads['gradebook']}" in upgraded.stdout
    assert alembic_revision(hub_database_path(settings)) == heads["jupyterhub"]
    assert not list(settings.data_dir.glob("jupyterhub.sqlite.*")), "no stray copy of the hub's database"
    for circle, tables in kept["gradebooks"].items():
        assert alembic_revision(gradebook_path(settings, circle)) == heads["gradebook"]
        rows = database_rows(gradebook_path(settings, circle))
        assert {t: rows[t] for t in tables} == tables, circle
    users = database_rows(hub_database_path(settings))["users"]
    assert sorted(u[1] for u in users) == sorted(u[1] for u in kept["users"])

    hub.start()
    try:
        assert hub.login("learner1").login_response.status_code == 302
        refused = redschool(hub, "upgrade")
        assert refused.returncode == 1 and "the hub is running" in refused.stderr
    finally:
        hub.stop()
