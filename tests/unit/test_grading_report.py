"""The monthly circle report: its figures from hand-made records, the page it renders,
and the command's refusals. The real `redschool report` on a real (hub-less) review
loop is in tests/notebooks/test_grading_report.py."""

from __future__ import annotations

import datetime as dt

import pytest

from curriculum.render import external_references
from grading.errors import GradingError
from grading.records import CircleRecords, Record, Stage
from grading.report import Month, circle_month, render_report, write_atomically, write_circle_report
from cli.main import main as redschool_main
from core.cohort import UnknownCircleError, load_roster
from core.settings import DEMO_ROSTER, Settings

UTC = dt.timezone.utc
MARCH = Month(2026, 3)
U1, U2 = "unit-one", "unit-two"


def at(day: int, hour: int = 12, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=UTC)


def submitted(learner, unit, when, *, feedback=None, reflections=2, reviewed=0, stage=None) -> Record:
    if stage is None:
        stage = Stage.FEEDBACK_RETURNED if feedback else Stage.AUTOGRADED
    return Record(learner, unit, stage, at(1, month=2), when, feedback, reflections, reviewed)


def circle(*records: Record, learners=("ana", "ben", "cleo", "dev"), units=(U1, U2)) -> CircleRecords:
    given = {(r.learner, r.unit): r for r in records}
    full = {
        (l, u): given.get((l, u), Record(l, u, Stage.NOT_FETCHED, at(1, month=2)))
        for l in learners
        for u in units
    }
    return CircleRecords("rosa", tuple(learners), tuple(units), full)


# --- figures -------------------------------------------------------------------


def test_median_days_from_submission_to_feedback_over_every_submission_of_the_month():
    report = circle_month(
        circle(
            submitted("ana", U1, at(2), feedback=at(3)),  # 1 day
            submitted("ben", U1, at(2), feedback=at(4)),  # 2 days
            submitted("cleo", U2, at(10), feedback=at(20)),  # 10 days
            submitted("dev", U2, at(10, 0), feedback=at(10, 12)),  # half a day
        ),
        MARCH,
    )
    assert report.median_days_to_feedback == pytest.approx(1.5)  # (1 + 2) / 2
    (one, two) = report.units
    assert one.median_days_to_feedback == pytest.approx(1.5)
    assert two.median_days_to_feedback == pytest.approx(5.25)
    assert report.feedback_returned == 4


def test_nobody_submitted_gives_zeros_and_no_median():
    report = circle_month(circle(), MARCH)
    assert report.submitted == () and report.not_submitted == ("ana", "ben", "cleo", "dev")
    assert report.submissions == report.reflections == report.feedback_returned == 0
    assert report.median_days_to_feedback is None
    page = render_report(report)
    assert "0 of 4 (0%)" in page and "Submitted: nobody" in page and "no feedback returned yet" in page


def test_a_circle_with_no_learners_does_not_divide_by_zero():
    report = circle_month(circle(learners=()), MARCH)
    assert "0 of 0</b>" in render_report(report)


def test_feedback_not_returned_yet_counts_the_submission_but_not_the_median():
    report = circle_month(
        circle(
            submitted("ana", U1, at(2), reflections=3, reviewed=3, feedback=at(6)),
            submitted("ben", U1, at(5), reflections=3, reviewed=1),
        ),
        MARCH,
    )
    assert report.submitted == ("ana", "ben") and report.submissions == 2
    assert (report.reflections_reviewed, report.reflections) == (4, 6)
    assert report.feedback_returned == 1 and report.median_days_to_feedback == pytest.approx(4.0)
    only_waiting = circle_month(circle(submitted("ben", U1, at(5))), MARCH)
    assert only_waiting.median_days_to_feedback is None
    assert "no feedback returned yet" in render_report(only_waiting)


def test_submissions_outside_the_month_are_left_out():
    records = circle(
        submitted("ana", U1, dt.datetime(2026, 2, 28, 23, 59, tzinfo=UTC), feedback=at(2)),
        submitted("ben", U1, dt.datetime(2026, 3, 1, 0, 0, tzinfo=UTC)),
        submitted("cleo", U1, dt.datetime(2026, 3, 31, 23, 59, tzinfo=UTC)),
        submitted("dev", U1, dt.datetime(2026, 4, 1, 0, 0, tzinfo=UTC)),
        submitted("ana", U2, dt.datetime(2025, 3, 15, tzinfo=UTC)),  # March, a year earlier
    )
    report = circle_month(records, MARCH)
    assert report.submitted == ("ben", "cleo")
    assert [u.submissions for u in report.units] == [2, 0]
    assert report.median_days_to_feedback is None  # ana's feedback belongs to February's submission


def test_the_month_follows_the_calendar_of_the_given_zone():
    late_on_the_31st = circle(submitted("ana", U1, dt.datetime(2026, 3, 31, 23, 0, tzinfo=UTC)))
    assert circle_month(late_on_the_31st, MARCH).submissions == 1
    berlin_summer = dt.timezone(dt.timedelta(hours=2))  # 01:00 on April 1st there
    assert circle_month(late_on_the_31st, MARCH, tz=berlin_summer).submissions == 0
    assert circle_month(late_on_the_31st, Month(2026, 4), tz=berlin_summer).submissions == 1


def test_feedback_older_than_the_latest_submission_is_for_an_earlier_one():
    resubmitted = submitted("ana", U1, at(10), feedback=at(5), stage=Stage.AUTOGRADED)
    report = circle_month(circle(resubmitted), MARCH)
    assert report.submissions == 1 and report.feedback_returned == 0
    assert report.median_days_to_feedback is None


def test_submissions_not_autograded_yet_are_flagged_as_uncounted_reflections():
    report = circle_month(circle(submitted("ana", U1, at(2), reflections=0, stage=Stage.SUBMITTED)), MARCH)
    assert report.submissions == 1 and report.not_autograded == 1
    assert "1 submission(s) are not autograded yet" in render_report(report)


@pytest.mark.parametrize("text", ["2026-3", "2026-13", "2026-00", "March 2026", "", "2026-03-01", "26-03"])
def test_a_month_not_written_yyyy_mm_is_refused_with_an_example(text):
    with pytest.raises(GradingError, match=r"YYYY-MM; give one like 2026-03"):
        Month.parse(text)


def test_month_parses_and_prints_back():
    assert Month.parse(" 2026-03 ") == MARCH and str(MARCH) == "2026-03" and MARCH.label == "March 2026"


# --- the page --------------------------------------------------------------------


def sample_report():
    return circle_month(
        circle(
            submitted("ana", U1, at(2), reflections=3, reviewed=3, feedback=at(5)),
            submitted("ben", U2, at(8), reflections=2, reviewed=0),
        ),
        MARCH,
    )


def test_the_page_is_self_contained_printable_and_has_no_script():
    page = render_report(sample_report(), generated=dt.date(2026, 4, 2))
    assert external_references(page) == []
    lowered = page.lower()
    for loading in ("<script", "<link", "<img", "<iframe", "src=", "href=", "@import", "url("):
        assert loading not in lowered, loading
    assert "@media print" in page and "@page" in page
    assert "<title>Circle rosa: March 2026</title>" in page


def test_the_page_shows_the_figures_and_names_learners():
    page = render_report(
        sample_report(),
        names={"ana": "Ana Lopez", "ben": "Ben Ortiz", "cleo": "Cleo", "dev": "Dev", "fac": "Ines"},
        unit_titles={U1: "Commodity and value"},
        facilitators=("fac",),
    )
    assert "2 of 4 (50%)" in page
    assert "Ana Lopez" in page and "Ben Ortiz" in page and "Did not submit: Cleo" in page
    assert "facilitated by Ines" in page
    assert "<b>3 of 5</b> reflections" in page
    assert "<b>3.0 days</b>" in page
    assert "Commodity and value" in page and U2 in page


def test_the_page_escapes_every_name():
    hostile = '<script>alert("x")</script>'
    page = render_report(sample_report(), names={"ana": hostile}, unit_titles={U1: "<b>bold</b>"})
    assert hostile not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert external_references(page) == []


def test_the_facilitators_assessment_is_a_headed_blank_section_with_prompts():
    page = render_report(sample_report())
    section = page.split('<section id="assessment">')[1].split("</section>")[0]
    assert "<h2>The facilitator's assessment</h2>" in section
    assert "Conditions of the circle" in section and "Doubts and questions" in section
    assert section.count('<div class="lines">') == 3


# --- the edge ---------------------------------------------------------------------


def test_write_atomically_creates_the_folder_replaces_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "reports" / "rosa-2026-03.html"
    write_atomically(path, "first")
    write_atomically(path, "second")
    assert path.read_text() == "second"
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert path.stat().st_mode & 0o077 == 0, "names members: readable by its writer only"


def demo_settings(tmp_path) -> Settings:
    return Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data")})


def test_report_refuses_an_unknown_circle_and_a_circle_without_a_course(tmp_path):
    settings, cohort = demo_settings(tmp_path), load_roster(DEMO_ROSTER)
    with pytest.raises(UnknownCircleError, match="no circle emma on the roster"):
        write_circle_report(settings, cohort, "emma", MARCH)
    with pytest.raises(GradingError, match="no course yet.*redschool release UNIT --circle rosa"):
        write_circle_report(settings, cohort, "rosa", MARCH)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--circle", "rosa", "--month", "2026-3"], "month '2026-3' is not a month written YYYY-MM"),
        (["--circle", "emma", "--month", "2026-03"], "no circle emma on the roster"),
        (["--circle", "rosa", "--month", "2026-03"], "circle rosa has no course yet"),
    ],
)
def test_the_command_says_what_to_do_without_a_traceback(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.setenv("REDSCHOOL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REDSCHOOL_ROSTER", raising=False)
    monkeypatch.delenv("REDSCHOOL_MODE", raising=False)
    assert redschool_main(["report", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err

