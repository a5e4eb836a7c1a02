"""Reading a circle's records from nbgrader's files and gradebook: every stage, on a
small synthetic circle laid out as nbgrader and our pipelines leave it."""

from __future__ import annotations

import datetime as dt

from grading.records import Stage, read_circle
from tests.support.circle_data import build_circle, records_summary


def test_every_learner_and_unit_gets_its_stage_and_reflection_counts(tmp_path):
    made = build_circle(tmp_path, learners=7, units=5)
    assert {stage for stage, _, _ in made.expected.values()} == set(Stage), "the fixture covers every stage"
    records = read_circle(made.settings, made.cohort, made.circle, list(reversed(made.units)))
    assert records.units == tuple(reversed(made.units)), "released units in the curriculum's order"
    assert records.learners == made.learners
    assert records_summary(records) == made.expected


def test_times_come_from_the_latest_submission_and_the_returned_feedback(tmp_path):
    made = build_circle(tmp_path, learners=7, units=5)
    records = read_circle(made.settings, made.cohort, made.circle, [])
    for (learner, unit), (stage, _, _) in made.expected.items():
        record = records.get(learner, unit)
        assert record.released_at is not None
        assert (record.submitted_at is not None) == (stage >= Stage.SUBMITTED)
        assert (record.feedback_at is not None) == (stage == Stage.FEEDBACK_RETURNED)
        if record.feedback_at is not None:
            assert record.feedback_at - record.submitted_at == dt.timedelta(days=2)
    # Resubmitted (every fourth learner and unit): the later of the two timestamps counts.
    i, j = next((i, j) for i in range(7) for j in range(5)
                if (i + j) % 4 == 0 and made.expected[(made.learners[i], made.units[j])][0] >= Stage.SUBMITTED)
    record = records.get(made.learners[i], made.units[j])
    assert record.submitted_at == record.released_at + dt.timedelta(days=1, minutes=i)


def test_a_circle_with_nothing_released_has_no_records(tmp_path):
    made = build_circle(tmp_path, learners=2, units=0)
    records = read_circle(made.settings, made.cohort, made.circle, [])
    assert records.units == () and records.records == {}


def test_a_huge_timestamp_file_is_not_read_and_the_page_still_answers(tmp_path):
    import os

    from core.layout import submitted_dir
    from grading.records import SMALL_FILE_LIMIT, read_small_text

    made = build_circle(tmp_path, learners=3, units=2)
    learner, unit = next(k for k, (stage, _, _) in made.expected.items() if stage >= Stage.SUBMITTED)
    stamp = submitted_dir(made.settings, made.circle, learner, unit) / "timestamp.txt"
    with open(stamp, "r+b") as f:
        f.truncate(600 * 1024 * 1024)  # sparse: 600 MB that take no disk
    assert read_small_text(stamp) is None
    assert read_small_text(stamp, limit=SMALL_FILE_LIMIT) is None and os.path.getsize(stamp) > SMALL_FILE_LIMIT
    record = read_circle(made.settings, made.cohort, made.circle, []).get(learner, unit)
    assert record.stage >= Stage.SUBMITTED and record.submitted_at is None
