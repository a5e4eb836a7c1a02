"""`redschool backup/restore/status/learner` at the edge: clear messages, exit codes, no tracebacks."""

from __future__ import annotations

import datetime as dt

import pytest

from cli.main import main
from core.cohort import load_roster
from core.settings import Settings
from operations.health import DOWN, Check, gather, healthy
from operations.hub_api import HubClient
from tests.support.circle_data import build_circle
from tests.support.hubprocess import free_port


@pytest.fixture
def made(tmp_path, monkeypatch):
    made = build_circle(tmp_path, learners=3, units=2)
    for key in list(__import__("os").environ):
        if key.startswith("REDSCHOOL_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("REDSCHOOL_DATA_DIR", str(made.settings.data_dir))
    monkeypatch.setenv("REDSCHOOL_ROSTER", str(made.settings.roster))
    for name in ("REDSCHOOL_PORT", "REDSCHOOL_HUB_PORT"):
        monkeypatch.setenv(name, str(free_port()))  # nothing listens there: the hub is down
    return made


def test_status_exits_1_when_the_hub_is_down_and_names_what_is_down(made, capsys):
    assert main(["status"]) == 1
    out = capsys.readouterr().out
    assert "DOWN  hub" in out and "DOWN  proxy" in out and "DOWN  service progress" in out
    assert "WARN  last backup: none yet" in out


def test_the_last_backup_shows_its_age(made, tmp_path, capsys):
    assert main(["backup", "--to", str(tmp_path / "b.tar.gz")]) == 0
    assert "Secrets were left out" in capsys.readouterr().out
    settings = Settings.from_env()
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)
    checks = gather(settings, load_roster(settings.roster), HubClient(settings), now=later)
    (age,) = [c for c in checks if c.name == "last backup"]
    assert age.state == "warn" and age.detail.startswith("3 days ago")
    assert not healthy(checks) and healthy([Check("disk", "info")]) and not healthy([Check("hub", DOWN)])


def test_secrets_are_said_loudly(made, tmp_path, capsys):
    assert main(["backup", "--to", str(tmp_path / "b.tar.gz"), "--include-secrets"]) == 0
    assert "THIS BACKUP HOLDS SECRETS" in capsys.readouterr().err


def test_restore_of_a_truncated_archive_is_one_clear_line(made, tmp_path, capsys, monkeypatch):
    assert main(["backup", "--to", str(tmp_path / "b.tar.gz")]) == 0
    data = (tmp_path / "b.tar.gz").read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) // 2])
    monkeypatch.setenv("REDSCHOOL_DATA_DIR", str(tmp_path / "fresh"))
    capsys.readouterr()
    assert main(["restore", str(tmp_path / "cut.tar.gz")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("redschool restore: ") and "damaged or truncated" in err and "Traceback" not in err
    assert not (tmp_path / "fresh").exists()


def test_erase_without_a_terminal_or_yes_erases_nothing(made, capsys):
    name = made.learners[0]
    home = made.settings.home_of(name)
    home.mkdir(parents=True, exist_ok=True)
    (home / "notes.md").write_text("mine")
    assert main(["learner", "erase", name]) == 1
    assert "not confirmed" in capsys.readouterr().err
    assert (home / "notes.md").read_text() == "mine"
    assert main(["learner", "erase", "facil", "--yes"]) == 1
    assert "not a learner" in capsys.readouterr().err


def test_a_backup_that_cannot_read_a_file_says_who_should_run_it(made, tmp_path, capsys, monkeypatch):
    from operations import backup as backup_module

    def refuse(name, dir_fd):
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(backup_module, "open_regular", refuse)
    assert main(["backup", "--to", str(tmp_path / "b.tar.gz")]) == 1
    err = capsys.readouterr().err
    assert "run `redschool backup` as the user the hub runs as" in err and "Traceback" not in err
    assert list(tmp_path.glob("*b.tar.gz*")) == [], "no half-written archive left behind"
