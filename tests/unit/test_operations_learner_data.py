"""A learner's writing: exported whole, readable without Red School, and erased everywhere
without touching anyone else's (on a synthetic circle, tests/support/circle_data.py)."""

from __future__ import annotations

import dataclasses
import json
import zipfile

import pytest

from core.layout import gradebook_path, gradebook_url, submitted_dir
from operations.errors import OperationsError
from operations.learner_data import erase, erase_refusal, export, find_learner_data
from tests.support.circle_data import build_circle
from tests.support.data_folder import database_rows, file_hashes, files_containing

REFLECTION = "Our tenants' union learned that the landlord's profit is our unpaid rent."
COMMENT = "Strong point: who else in the building would say so?"


def reflection_notebook(text: str) -> dict:
    return {
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{
            "cell_type": "markdown", "id": "r1", "source": text,
            "metadata": {"nbgrader": {"grade": True, "solution": True, "locked": False, "points": 1,
                                      "grade_id": "reflection-1", "schema_version": 3}},
        }],
    }


@pytest.fixture
def made(tmp_path):
    from nbgrader.api import Gradebook

    from grading.records import Stage

    made = build_circle(tmp_path, learners=6, units=3)
    unit = made.units[0]
    # Two learners whose unit 0 was autograded (the gradebook holds their submission); the first,
    # the one exported and erased, has had feedback returned.
    chosen = sorted((n for n in made.learners if made.expected[(n, unit)][0] >= Stage.AUTOGRADED),
                    key=lambda n: made.expected[(n, unit)][0], reverse=True)[:2]
    assert made.expected[(chosen[0], unit)][0] == Stage.FEEDBACK_RETURNED
    made = dataclasses.replace(made, learners=tuple(chosen))
    for name in made.learners:
        folder = submitted_dir(made.settings, made.circle, name, unit)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{unit}.ipynb").write_text(json.dumps(reflection_notebook(f"{REFLECTION} ({name})")))
        home = made.settings.home_of(name) / made.circle / unit
        home.mkdir(parents=True, exist_ok=True)
        (home / f"{unit}.ipynb").write_text(json.dumps(reflection_notebook(f"{REFLECTION} ({name})")))
    with Gradebook(gradebook_url(made.settings, made.circle), course_id=made.circle) as gb:
        for name in made.learners:
            comment = gb.find_comment("reflection-1", unit, unit, name)
            comment.manual_comment = f"{COMMENT} ({name})"
        gb.db.commit()
    return made


def test_export_holds_every_reflection_comment_and_feedback_page(made, tmp_path):
    name = made.learners[0]
    outside = tmp_path / "root-only-secret.txt"
    outside.write_text("not theirs to take")
    home = made.settings.home_of(name)
    (home / "looks-like-notes.txt").symlink_to(outside)
    (home / "looks-like-a-folder").symlink_to(tmp_path)
    # A submission not collected yet, holding a link to another learner's notebook (in server
    # mode, one they cannot read themselves): its reflections are read from the inbound copy.
    theirs = made.settings.home_of(made.learners[1]) / made.circle / made.units[0] / f"{made.units[0]}.ipynb"
    uncollected = made.settings.exchange_dir / made.circle / "inbound" / f"{name}+zz-unit+2026-03-01 10:00:00.000000 UTC"
    uncollected.mkdir()
    (uncollected / "zz-unit.ipynb").symlink_to(theirs)
    (uncollected / "mine.ipynb").write_text(json.dumps(reflection_notebook("Uncollected, but mine.")))
    path = export(made.settings, name, to=tmp_path / "out.zip")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        page = z.read(f"{name}-red-school/reflections-and-comments.html").decode()
        assert f"{REFLECTION} ({name})".replace("'", "&#39;") in page
        assert f"{COMMENT} ({name})" in page
        assert "Uncollected, but mine." in page
        notebooks = [n for n in names if n.endswith(".ipynb")]
        assert any(n.startswith(f"{name}-red-school/workspace/") for n in notebooks)
        json.loads(z.read(notebooks[0]))  # plain notebook JSON
        assert not any(made.learners[1] in n for n in names), "nothing of anyone else"
        assert not any(n.endswith("submission_secret.txt") for n in names)
        assert not any("looks-like" in n or b"not theirs to take" in z.read(n) for n in names), "links never followed"
        other = f"{REFLECTION} ({made.learners[1]})"
        assert all(other.encode() not in z.read(n) for n in names)
    released = find_learner_data(made.settings, name).released
    assert released and len([n for n in names if "/feedback/" in n]) == len(released)


def test_erase_leaves_no_trace_and_everyone_else_byte_identical(made):
    name, other = made.learners[0], made.learners[1]
    text = f"{REFLECTION} ({name})"
    assert files_containing(made.settings.data_dir, text), "the fixture holds the text"
    others_before = {k: v for k, v in file_hashes(made.settings.data_dir).items() if name not in k}
    rows_before = database_rows(gradebook_path(made.settings, made.circle))
    data = find_learner_data(made.settings, name)
    assert data.gradebooks == [made.circle] and data.home
    assert data.released and all(r.path.parent.name == "feedback" for r in data.released)
    result = erase(made.settings, data)
    assert gradebook_path(made.settings, made.circle) in result.vacuumed
    assert files_containing(made.settings.data_dir, text) == []
    assert files_containing(made.settings.data_dir, f"{COMMENT} ({name})") == []
    after = file_hashes(made.settings.data_dir)
    for path, digest in others_before.items():
        if path.endswith("gradebook.db"):
            continue
        assert after.get(path) == digest or path in {str(p.relative_to(made.settings.data_dir)) for p in data.paths}, path
    rows_after = database_rows(gradebook_path(made.settings, made.circle))
    assert [s for s in rows_after["student"] if s[0] == other] == [s for s in rows_before["student"] if s[0] == other]
    assert not [s for s in rows_after["student"] if s[0] == name]
    assert len(rows_after["comment"]) < len(rows_before["comment"])
    assert f"{COMMENT} ({other})" in repr(rows_after["comment"])
    assert find_learner_data(made.settings, name).empty


def test_erase_refuses_facilitators_and_bad_names(made):
    assert "not a learner" in erase_refusal(made.settings, "facil")
    assert erase_refusal(made.settings, made.learners[0]) is None
    with pytest.raises(OperationsError, match="not a username"):
        find_learner_data(made.settings, "../etc")
    with pytest.raises(OperationsError, match="nothing of"):
        export(made.settings, "nobody-here")


def test_with_the_hub_stopped_the_hub_user_goes_through_jupyterhubs_own_orm(made, monkeypatch):
    from jupyterhub import orm

    from core.layout import hub_database_url
    from tests.support.hubprocess import free_port

    settings = dataclasses.replace(made.settings, hub_port=free_port())  # nothing answers there
    session = orm.new_session_factory(hub_database_url(settings))()
    session.add_all([orm.User(name=n) for n in made.learners])
    session.commit()
    session.close()
    result = erase(settings, find_learner_data(settings, made.learners[0]))
    assert result.hub_user == "hub user deleted"
    session = orm.new_session_factory(hub_database_url(settings))()
    assert sorted(u.name for u in session.query(orm.User)) == [made.learners[1]]
    session.close()
