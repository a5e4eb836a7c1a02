"""The exchange's inbound is not trusted: forged or misdated submission folders are
refused by collect, named in `redschool collect`'s output, and never counted by
progress or reports. Folders are forged here as another account would: written
straight into the circle's inbound (no hub, no kernel: nbgrader's collect copies files)."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from cli.main import main as redschool_main
from core.cohort import load_roster
from core.layout import inbound_dir, outbound_dir, submitted_dir
from core.settings import DEMO_ROSTER, Settings
from grading.courses import ensure_course
from grading.exchange import submission_problem
from grading.records import Stage, read_circle

UNIT = "lrs-pe-01-commodity-and-value"
COHORT = load_roster(DEMO_ROSTER)
PAST = "2026-01-05 10:00:00.000000 UTC"
ANOTHER_ACCOUNT = 65534  # nobody


def data_settings(data_dir) -> Settings:
    return Settings.from_env({"REDSCHOOL_DATA_DIR": str(data_dir), "REDSCHOOL_ROSTER": str(DEMO_ROSTER)})


@pytest.fixture(scope="module")
def lucy_course(tmp_path_factory):
    """lucy's course (config and gradebook) made once; each test gets a copy."""
    settings = data_settings(tmp_path_factory.mktemp("course") / "data")
    ensure_course(settings, COHORT.circles["lucy"], COHORT)
    return settings.data_dir


@pytest.fixture
def lucy(lucy_course, tmp_path, monkeypatch):
    import shutil

    shutil.copytree(lucy_course, tmp_path / "data")
    settings = data_settings(tmp_path / "data")
    # The course config names its own folder: write it again for the copy.
    ensure_course(settings, COHORT.circles["lucy"], COHORT)
    monkeypatch.setenv("REDSCHOOL_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("REDSCHOOL_ROSTER", str(DEMO_ROSTER))
    outbound_dir(settings, "lucy", UNIT).mkdir(parents=True)  # released
    inbound_dir(settings, "lucy").mkdir(parents=True)
    return settings


def drop(settings, name: str, stamp: str | None = None, uid: int | None = None):
    """A submission folder written straight into lucy's inbound."""
    folder = inbound_dir(settings, "lucy") / name
    folder.mkdir()
    (folder / f"{UNIT}.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    (folder / "timestamp.txt").write_text(stamp if stamp is not None else name.split("+")[2])
    if uid is not None:
        for path in [folder, *folder.iterdir()]:
            os.chown(path, uid, -1)
    return folder


def test_collect_refuses_forged_folders_names_them_and_progress_does_not_count_them(lucy, capsys):
    drop(lucy, f"learner6+{UNIT}+{PAST}+genuine")
    forged = {
        f"learner5+{UNIT}+2099-01-01 00:00:00.000000 UTC+abc": "dated in the future",
        f"learner7+{UNIT}+yesterday": "timestamp 'yesterday' is malformed",
        f"learner8+{UNIT}+{PAST}+x": "its timestamp.txt says 2099-01-01",
        f"root+{UNIT}+{PAST}": "'root' is not a learner of this circle",
        f"learner1+{UNIT}+{PAST}": "'learner1' is not a learner of this circle",  # rosa's learner
    }
    drop(lucy, f"learner5+{UNIT}+2099-01-01 00:00:00.000000 UTC+abc")
    drop(lucy, f"learner7+{UNIT}+yesterday", stamp=PAST)
    drop(lucy, f"learner8+{UNIT}+{PAST}+x", stamp="2099-01-01 00:00:00.000000 UTC")
    drop(lucy, f"root+{UNIT}+{PAST}")
    drop(lucy, f"learner1+{UNIT}+{PAST}")
    if os.geteuid() == 0:  # only root can give a folder to another account
        forged[f"learner5+{UNIT}+2026-01-04 09:00:00.000000 UTC+other"] = f"owned by uid {ANOTHER_ACCOUNT}"
        drop(lucy, f"learner5+{UNIT}+2026-01-04 09:00:00.000000 UTC+other", uid=ANOTHER_ACCOUNT)

    assert redschool_main(["collect", UNIT, "--circle", "lucy", "--porcelain"]) == 0
    out = capsys.readouterr().out
    assert f"{UNIT} in circle lucy: 1 submission(s) collected: learner6" in out
    for name, reason in forged.items():
        (line,) = [l for l in out.splitlines() if repr(name) in l]
        assert reason in line and "not collected, graded or counted" in line, line

    assert sorted(p.name for p in submitted_dir(lucy, "lucy", "x", UNIT).parent.parent.iterdir()) == ["learner6"]
    records = read_circle(lucy, COHORT, "lucy", [UNIT])
    assert records.get("learner6", UNIT).stage == Stage.SUBMITTED
    assert records.get("learner6", UNIT).submitted_at == dt.datetime(2026, 1, 5, 10, tzinfo=dt.timezone.utc)
    for learner in ("learner5", "learner7", "learner8"):
        assert records.get(learner, UNIT).stage < Stage.SUBMITTED, learner
        assert records.get(learner, UNIT).submitted_at is None


def test_an_uncollected_inbound_folder_is_not_counted_as_submitted(lucy):
    drop(lucy, f"learner5+{UNIT}+{PAST}")
    assert read_circle(lucy, COHORT, "lucy", [UNIT]).get("learner5", UNIT).stage < Stage.SUBMITTED


def test_a_genuine_submission_passes_every_check(lucy):
    folder = drop(lucy, f"learner6+{UNIT}+{PAST}")
    now = dt.datetime(2026, 1, 5, 10, 1, tzinfo=dt.timezone.utc)
    assert submission_problem(folder, learners={"learner6"}, owner_uid=lambda _: os.geteuid(), now=now) is None
    assert "future" in submission_problem(
        folder, learners={"learner6"}, owner_uid=lambda _: os.geteuid(), now=now - dt.timedelta(hours=1)
    )
    assert "no system user" in submission_problem(folder, learners={"learner6"}, owner_uid=lambda _: None, now=now)


@pytest.mark.parametrize(
    "args",
    [
        ["collect", "*", "--circle", "lucy"],
        ["autograde", "*", "--circle", "lucy"],
        ["feedback", "*", "--circle", "lucy"],
        ["release", "../lucy", "--circle", "lucy"],
        ["collect", "Unit One", "--circle", "lucy"],
    ],
)
def test_unit_arguments_are_checked_before_anything_is_touched(lucy, capsys, args):
    before = sorted(p.relative_to(lucy.data_dir) for p in lucy.data_dir.rglob("*"))
    with pytest.raises(SystemExit) as exit_:
        redschool_main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"{args[1]!r} is not a unit id" in err and "e.g. lrs-pe-01-commodity-and-value" in err
    assert sorted(p.relative_to(lucy.data_dir) for p in lucy.data_dir.rglob("*")) == before
