"""What a learner's "My units" page says about each unit (grading/my_units.py), from nbgrader's listing."""

from __future__ import annotations

import json

from core.layout import UNIT_CARD
from grading.my_units import latest_feedback, reading_text, unit_rows, when

TS = "2026-12-01 14:05:31.123456 UTC"


def card(folder, unit, title, position, readings=()):
    folder.mkdir(parents=True)
    (folder / UNIT_CARD).write_text(json.dumps({
        "title": title, "summary": "s", "estimated_minutes": 90, "position": position,
        "readings": [{"slug": r, "path": f"readings/{r}.md", "title": r.title()} for r in readings]}))


def submitted(unit, *, exchange=False, local=False):
    return {"course_id": "rosa", "assignment_id": unit, "status": "submitted",
            "submissions": [{"timestamp": "2026-11-30 10:00:00.000001 UTC", "has_exchange_feedback": False, "has_local_feedback": False},
                            {"timestamp": TS, "has_exchange_feedback": exchange, "has_local_feedback": local, "feedback_updated": False}]}


def test_each_status_in_words_with_titles_in_programme_order(tmp_path):
    out = tmp_path / "exchange" / "rosa" / "outbound"
    home = tmp_path / "home"
    card(out / "u-new", "u-new", "Where we stand", 1, readings=["guide"])
    for unit, position in (("u-working", 2), ("u-sent", 3), ("u-back", 4)):
        card(home / "rosa" / unit, unit, f"Title {unit}", position)
    listing = [
        {"course_id": "rosa", "assignment_id": "u-back", "status": "fetched", "path": "rosa/u-back",
         "notebooks": [{"path": "rosa/u-back/u-back.ipynb"}]},
        {"course_id": "rosa", "assignment_id": "u-new", "status": "released", "path": str(out / "u-new"), "notebooks": []},
        {"course_id": "rosa", "assignment_id": "u-working", "status": "fetched", "path": "rosa/u-working",
         "notebooks": [{"path": "rosa/u-working/u-working.ipynb"}]},
        {"course_id": "rosa", "assignment_id": "u-sent", "status": "fetched", "path": "rosa/u-sent", "notebooks": []},
        submitted("u-sent"),
        submitted("u-back", exchange=True),
    ]
    rows = unit_rows(listing, home)
    assert [(r.unit, r.title, r.status) for r in rows] == [
        ("u-new", "Where we stand", "new"),
        ("u-working", "Title u-working", "in progress"),
        ("u-sent", "Title u-sent", "submitted"),
        ("u-back", "Title u-back", "feedback ready"),
    ]
    assert rows[0].readings == [{"slug": "guide", "title": "Guide"}] and rows[0].minutes == 90
    assert rows[1].notebooks == ["rosa/u-working/u-working.ipynb"]
    assert rows[2].submitted_at == "1 December 2026 at 14:05"  # the newest submission, no microseconds
    assert not rows[3].feedback_fetched


def test_a_unit_without_a_card_shows_its_id_and_odd_timestamps_lose_their_microseconds(tmp_path):
    rows = unit_rows([{"course_id": "rosa", "assignment_id": "old-unit", "status": "released", "path": str(tmp_path / "gone")}], tmp_path)
    assert rows[0].title == "old-unit" and rows[0].status == "new"
    assert when("not a time.123") == "not a time"


def test_feedback_and_readings_come_from_the_fetched_unit_only(tmp_path):
    folder = tmp_path / "rosa" / "u" / "feedback"
    for stamp in ("2026-11-30 10:00:00.000001 UTC", TS):
        (folder / stamp).mkdir(parents=True)
        (folder / stamp / "u.html").write_text(stamp)
    assert latest_feedback(tmp_path, "rosa", "u").read_text() == TS
    assert latest_feedback(tmp_path, "rosa", "none") is None
    (tmp_path / "rosa" / "u" / "readings").mkdir()
    (tmp_path / "rosa" / "u" / "readings" / "guide.md").write_text("---\ntitle: Guide\n---\n\n## Summary\nRead it.\n")
    card(tmp_path / "cards", "u", "U", 1, readings=["guide"])
    (row,) = unit_rows([{"course_id": "rosa", "assignment_id": "u", "status": "released", "path": str(tmp_path / "cards")}], tmp_path)
    assert reading_text(tmp_path, row, "guide").strip() == "## Summary\nRead it."
    assert reading_text(tmp_path, row, "../../etc/passwd") is None  # only the unit's own guides


def test_a_phone_opens_a_unit_in_the_simple_notebook_view():
    from grading.my_units import open_path

    assert open_path("rosa/u 1/u.ipynb", "lab") == "lab/tree/rosa/u%201/u.ipynb"
    assert open_path("rosa/u 1/u.ipynb", "notebook") == "notebooks/rosa/u%201/u.ipynb"
    assert open_path("rosa/u/u.ipynb", "anything else") == "lab/tree/rosa/u/u.ipynb"
