"""Backup and restore of a data folder laid out as nbgrader and our pipelines leave it
(tests/support/circle_data.py): a lost byte, a damaged archive or one from another schema
must show."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import tarfile
from pathlib import Path

import pytest

from core.layout import cookie_secret_path, gradebook_path, last_backup_record, room_documents, room_state
from core.settings import Settings
from operations import archive
from operations.backup import backup, last_backup
from operations.errors import OperationsError
from operations.restore import restore
from tests.support.circle_data import build_circle
from tests.support.data_folder import database_rows, file_hashes


@pytest.fixture
def made(tmp_path):
    (tmp_path / "cohort").mkdir()
    made = build_circle(tmp_path / "cohort", learners=4, units=3)
    home = made.settings.home_of(made.learners[0])
    (home / "notes.md").parent.mkdir(parents=True, exist_ok=True)
    (home / "notes.md").write_text("my own notes, in my own home")
    (home / "link-to-etc").symlink_to("/etc")
    (home / "link-to-passwd").symlink_to("/etc/passwd")
    inbound = made.settings.exchange_dir / made.circle / "inbound"
    inbound.chmod(0o2733)  # nbgrader's setgid, write-only inbound in server mode
    cookie_secret_path(made.settings).write_text("c00kie")
    # A circle's room: its board, its collaboration history (SQLite, the room's own), and a
    # link a member's kernel planted in it.
    board = room_documents(made.settings, made.circle) / "unit" / "our-board.ipynb"
    board.parent.mkdir(parents=True)
    board.write_text('{"cells": [], "note": "the circle wrote this together"}')
    state = room_state(made.settings, made.circle)
    state.mkdir(parents=True)
    sqlite3.connect(state / "collaboration.db").executescript("create table y(u blob); insert into y values (x'00');").close()
    (board.parent / "link-to-shadow").symlink_to("/etc/shadow")
    made.settings.data_dir.chmod(0o700)
    if os.geteuid() == 0:  # as in server mode: a home owned by its person (CI runs as root)
        for path in [home, *home.rglob("*")]:
            os.chown(path, 12345, 12345, follow_symlinks=False)
    return made


def elsewhere(made, tmp_path, name="restored") -> Settings:
    return Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / name / "data"), "REDSCHOOL_ROSTER": str(made.settings.roster)})


def test_round_trip_keeps_every_byte_row_and_mode(made, tmp_path):
    result = backup(made.settings, to=tmp_path / "b.tar.gz")
    assert result.databases == 1 and result.files > 20
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    target = elsewhere(made, tmp_path)
    done = restore(target, result.path)
    source_files = file_hashes(made.settings.data_dir, skip=("backups/", "jupyterhub_cookie_secret"))
    restored_files = file_hashes(target.data_dir, skip=("settings-from-backup.env",))
    assert restored_files == source_files
    assert database_rows(gradebook_path(target, made.circle)) == database_rows(gradebook_path(made.settings, made.circle))
    inbound = target.exchange_dir / made.circle / "inbound"
    assert stat.S_IMODE(inbound.stat().st_mode) == 0o2733, "the exchange's modes come back as they were"
    assert stat.S_IMODE(target.data_dir.stat().st_mode) == 0o700
    if os.geteuid() == 0:
        notes = target.home_of(made.learners[0]) / "notes.md"
        assert (notes.stat().st_uid, notes.stat().st_gid) == (12345, 12345), "numeric owners come back as root"
        assert notes.parent.stat().st_uid == 12345
    assert done.files == len(json.loads(_member(result.path, archive.MANIFEST))["members"])
    # The circle's room comes back whole (its history is the room's own file: copied, not snapshotted).
    board = room_documents(target, made.circle) / "unit" / "our-board.ipynb"
    assert "the circle wrote this together" in board.read_text()
    assert (room_state(target, made.circle) / "collaboration.db").exists()


def test_secrets_only_when_asked_and_links_never(made, tmp_path):
    plain = backup(made.settings, to=tmp_path / "plain.tar.gz")
    names = _names(plain.path)
    assert "data/jupyterhub_cookie_secret" not in names
    for link in ("link-to-etc", "link-to-passwd", "link-to-shadow"):
        assert not any(link in n for n in names) and any(link in s for s in plain.skipped)
    loud = backup(made.settings, to=tmp_path / "loud.tar.gz", include_secrets=True)
    assert "data/jupyterhub_cookie_secret" in _names(loud.path)
    assert json.loads(_member(loud.path, archive.MANIFEST))["secrets_included"] is True


def test_the_last_backup_is_recorded_for_status(made, tmp_path):
    assert last_backup(made.settings) is None
    result = backup(made.settings, to=tmp_path / "b.tar.gz")
    record = last_backup(made.settings)
    assert record["path"] == str(result.path) and record["size"] == result.size
    assert last_backup_record(made.settings).is_file()


def _names(path: Path) -> set[str]:
    with tarfile.open(path) as tar:
        return set(tar.getnames())


def _member(path: Path, name: str) -> bytes:
    with tarfile.open(path) as tar:
        return tar.extractfile(name).read()


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive member by member, letting `change(name, data)` alter each one's bytes."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read() if member.isfile() else None
            if data is not None:
                data = change(member.name, data)
                member.size = len(data)
            new.addfile(member, io.BytesIO(data) if data is not None else None)


def snapshot_of(folder: Path) -> dict:
    return {str(p.relative_to(folder.parent)): p.stat().st_mtime_ns for p in folder.parent.rglob("*")} if folder.parent.exists() else {}


@pytest.mark.parametrize("damage", ["truncated", "changed-member", "other-schema", "other-format", "not-gzip"])
def test_a_damaged_archive_is_refused_and_the_target_left_untouched(made, tmp_path, damage):
    good = backup(made.settings, to=tmp_path / "good.tar.gz").path
    bad = tmp_path / "bad.tar.gz"
    if damage == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    elif damage == "not-gzip":
        bad.write_bytes(b"this is not an archive")
    elif damage == "changed-member":
        _rewrite(good, bad, lambda name, data: data.replace(b"Learner", b"Lerner") if name.endswith("roster.csv") else data)
    else:
        def schema(name, data):
            if name != archive.MANIFEST:
                return data
            manifest = json.loads(data)
            if damage == "other-schema":
                manifest["schema"]["gradebook"] = "0123456789ab"
            else:
                manifest["format"] = archive.FORMAT + 1
            return json.dumps(manifest).encode()
        _rewrite(good, bad, schema)
    target = elsewhere(made, tmp_path)
    target.data_dir.mkdir(parents=True)
    (target.data_dir / "keep.txt").write_text("was here before")
    before = snapshot_of(target.data_dir)
    with pytest.raises(OperationsError) as refused:
        restore(target, bad, force=True)
    said = str(refused.value)
    expected = {
        "truncated": "damaged or truncated", "not-gzip": "damaged or truncated", "changed-member": "does not match its manifest",
        "other-schema": "different database schema", "other-format": "backup format",
    }[damage]
    assert expected in said and "nothing was restored" in said.lower(), said
    assert snapshot_of(target.data_dir) == before, "nothing written, moved or left half-made beside the target"
    assert (target.data_dir / "keep.txt").read_text() == "was here before"


def test_a_non_empty_target_needs_force_and_is_moved_aside(made, tmp_path):
    good = backup(made.settings, to=tmp_path / "good.tar.gz").path
    target = elsewhere(made, tmp_path)
    target.data_dir.mkdir(parents=True)
    (target.data_dir / "keep.txt").write_text("older state")
    with pytest.raises(OperationsError, match="not empty"):
        restore(target, good)
    assert sorted(p.name for p in target.data_dir.iterdir()) == ["keep.txt"]
    done = restore(target, good, force=True)
    assert (done.moved_aside / "keep.txt").read_text() == "older state"
    assert not (target.data_dir / "keep.txt").exists()
    assert gradebook_path(target, made.circle).is_file()


def test_a_backup_into_the_data_folder_is_refused_outside_its_backups_folder(made):
    with pytest.raises(OperationsError, match="inside the data folder"):
        backup(made.settings, to=made.settings.exchange_dir / "b.tar.gz")


def test_a_database_written_during_the_backup_is_snapshotted_whole(made, tmp_path):
    """The online backup API copies a consistent database while another connection holds a write."""
    import sqlite3

    writer = sqlite3.connect(gradebook_path(made.settings, made.circle))
    writer.execute("CREATE TABLE scratch (x)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO scratch VALUES ('uncommitted')")
    try:
        result = backup(made.settings, to=tmp_path / "b.tar.gz")
    finally:
        writer.rollback()
        writer.close()
    target = elsewhere(made, tmp_path)
    restore(target, result.path)
    rows = database_rows(gradebook_path(target, made.circle))
    assert rows["scratch"] == [], "the snapshot holds committed rows only"
    assert rows["student"] == database_rows(gradebook_path(made.settings, made.circle))["student"]


def test_restore_refuses_while_a_hub_runs_from_the_target(made, tmp_path):
    from core.layout import hub_pid_path

    good = backup(made.settings, to=tmp_path / "good.tar.gz").path
    target = elsewhere(made, tmp_path)
    target.data_dir.mkdir(parents=True)
    hub_pid_path(target).write_text(str(os.getpid()))  # a live process stands for the hub
    with pytest.raises(OperationsError, match="a hub is running"):
        restore(target, good, force=True)
    assert sorted(p.name for p in target.data_dir.iterdir()) == ["jupyterhub.pid"]


def test_a_file_that_goes_while_the_folder_is_walked_is_passed_over(tmp_path):
    """Jupyter saves through a temporary `.~name` file: it can vanish between the folder's
    listing and the look at it, while a backup runs beside a learner who is saving."""
    from operations.files import walk

    (tmp_path / "kept.ipynb").write_text("{}")
    (tmp_path / ".~saving.ipynb").write_text("{}")
    items = walk(tmp_path)
    assert next(items)[0] == tmp_path  # the folder comes first, after it was listed
    (tmp_path / ".~saving.ipynb").unlink()
    assert [path.name for path, _, _ in items] == ["kept.ipynb"]
