"""Autograding one unit for a cohort: our pipeline (a course per circle, every circle's
submissions sharing the cores) against nbgrader's own sequential autograde of the same submissions in
one course, in the same run, with the bare execution time of the notebook as the floor.

The cohort is synthetic: 5 circles (c1..c5) of 8 learners, each with a facilitator,
and an admin, on a roster of its own in a temporary data folder. Everyone submits
lrs-pe-01 through nbgrader's ExchangeSubmit: half with the right answers, half with
typical wrong ones (a wrong answer fails its check quickly, so both kinds are timed).

- ours: `grading.autograde.autograde_circles(settings, circles, unit, workers=<cores>)`,
  collect included, as `redschool autograde --all` runs it.
- nbgrader: one course holding all 40 learners, nbgrader's default autograde steps
  (Execute with a per-cell timeout of the same 60 s), `NbGraderAPI.collect` then
  `NbGraderAPI.autograde` for each learner in turn, as its formgrader does.
- floor: the right-answers submission, hidden tests put back (what autograde runs),
  executed with nbclient in a fresh kernel; median of 3.

Both pipelines must give every learner the same score, or the run fails. Nothing
asserts a speed threshold; the machine is shared, so the load average is recorded.
Run: `python benchmarks/bench_autograde.py` (a few minutes) or `python -m benchmarks autograde`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.results_io import write_results  # noqa: E402

UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
CIRCLES = [f"c{n}" for n in range(1, 6)]
LEARNERS_PER_CIRCLE = 8
TIME_LIMIT = 60  # seconds per notebook (ours) / per cell (nbgrader's Execute)
FLOOR_RUNS = 3
ONE_COURSE = "everyone"

# The learner-play answers of tests/unit/test_units_lrs_pe_1_2.py.
REFLECTION = "At the laundry co-op the fastest machine sets everyone's pace; we argued about it."
RIGHT = {
    "exercise-answer": "hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())",
    "value-answer": 'value_of_c_shirts = workshop_shirts["C"] * hours_per_shirt',
    "exchange-answer": "loaves_per_shirt = hours_per_shirt / hours_per_loaf",
    "machine-answer": "new_hours_per_shirt = (80 + 150 + 40) / (40 + 250 + 10)",
    "finding-answer": "share_below_one_hour = 60",
    "world-answer": 'output_per_hour = pwt["cgdpo"] / pwt["emp"] / pwt["avh"]',
    "compare-answer": ('my_first_country = "KOR"\nmy_second_country = "BRA"\nmy_guess = 2\n'
                       'h = pwt.set_index("isocode")["output_per_hour"]\nmy_ratio = h["KOR"] / h["BRA"]'),
    "reflection-answer": REFLECTION,
    "reflect-housing": REFLECTION,
    "reflect-pace": REFLECTION,
}
WRONG = {
    "exercise-answer": "hours_per_shirt = (2 + 1.5 + 4) / 3",
    "value-answer": 'value_of_c_shirts = workshop_hours["C"]',
    "exchange-answer": "loaves_per_shirt = hours_per_loaf / hours_per_shirt",
    "machine-answer": "new_hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())",
    "finding-answer": "share_below_one_hour = 70",
    "world-answer": 'output_per_hour = pwt["cgdpo"] / pwt["emp"] * pwt["avh"]',
    "compare-answer": ('my_first_country = "KOR"\nmy_second_country = "BRA"\nmy_guess = 2\n'
                       'h = pwt.set_index("isocode")["output_per_hour"]\nmy_ratio = h["BRA"] / h["KOR"]'),
    "reflection-answer": REFLECTION,
    "reflect-housing": REFLECTION,
    "reflect-pace": REFLECTION,
}


def learner(circle: str, n: int) -> str:
    return f"{circle}-learner{n}"


def roster_text() -> str:
    rows = ["username,display_name,role,circle"]
    for circle in CIRCLES:
        rows += [f"{learner(circle, n)},Learner {n} of {circle},learner,{circle}" for n in range(1, LEARNERS_PER_CIRCLE + 1)]
        rows.append(f"{circle}-facilitator,Facilitator of {circle},facilitator,{circle}")
    rows.append("admin,Admin,admin,")
    return "\n".join(rows) + "\n"


def submissions(released: dict) -> dict[tuple[str, str], dict]:
    """(circle, learner) -> the notebook they hand in: right answers for odd learners, wrong for even."""
    from tests.support.learner import fill

    return {
        (circle, learner(circle, n)): fill(json.loads(json.dumps(released)), RIGHT if n % 2 else WRONG)
        for circle in CIRCLES
        for n in range(1, LEARNERS_PER_CIRCLE + 1)
    }


def set_up_circles(tmp: Path):
    """Our layout: the synthetic roster, the unit released to every circle, everyone's submission."""
    from curriculum.load import find_unit
    from core.layout import outbound_dir
    from grading.release import release_unit
    from core.cohort import load_roster
    from core.settings import Settings
    from tests.support.submissions import submit_notebook

    (tmp / "roster.csv").write_text(roster_text())
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp / "data"), "REDSCHOOL_ROSTER": str(tmp / "roster.csv")})
    cohort = load_roster(settings.roster)
    outcomes = release_unit(find_unit(UNIT), settings=settings, cohort=cohort, circles=CIRCLES)
    assert all(o.status == "released" for o in outcomes), [o.line() for o in outcomes]
    released = json.loads((outbound_dir(settings, CIRCLES[0], UNIT) / NOTEBOOK).read_text())
    handed_in = submissions(released)
    for (circle, student), nb in handed_in.items():
        submit_notebook(settings.exchange_dir, circle, UNIT, student, {NOTEBOOK: nb})
    return settings, handed_in


ONE_COURSE_CONFIG = """c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = {course!r}
c.CourseDirectory.db_url = {db!r}
c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = True
c.Execute.timeout = {timeout}
"""


def set_up_one_course(tmp: Path, handed_in: dict[tuple[str, str], dict]):
    """nbgrader's usual layout: one course with every learner, the same 40 submissions in its exchange."""
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    from curriculum.build import build_assignment
    from curriculum.load import find_unit
    from tests.support.submissions import submit_notebook

    course, exchange = tmp / "one-course", tmp / "one-exchange"
    course.mkdir()
    exchange.mkdir()
    db = f"sqlite:///{course / 'gradebook.db'}"
    (course / "nbgrader_config.py").write_text(
        ONE_COURSE_CONFIG.format(root=str(course), course=ONE_COURSE, db=db, exchange=str(exchange), timeout=TIME_LIMIT)
    )
    build_assignment(find_unit(UNIT), course)
    with Gradebook(db, course_id=ONE_COURSE) as gb:
        for _, student in handed_in:
            gb.update_or_create_student(student)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    released = api.release_assignment(UNIT)  # makes the course's inbound in the exchange
    assert released["success"], released.get("error") or released.get("log")
    for (_, student), nb in handed_in.items():
        submit_notebook(exchange, ONE_COURSE, UNIT, student, {NOTEBOOK: nb})
    return api, db


def time_ours(settings, workers: int) -> tuple[float, dict[str, float]]:
    from grading.autograde import autograde_circles

    start = time.perf_counter()
    results = autograde_circles(settings, CIRCLES, UNIT, time_limit=TIME_LIMIT, workers=workers)
    seconds = time.perf_counter() - start
    failed = [r.line() for r in results if r.status != "graded"]
    assert not failed and len(results) == len(CIRCLES) * LEARNERS_PER_CIRCLE, failed
    return seconds, {r.student: r.score for r in results}


def time_nbgrader(api, db: str, students: list[str]) -> tuple[float, dict[str, float]]:
    from nbgrader.api import Gradebook

    start = time.perf_counter()
    collected = api.collect(UNIT)
    assert collected["success"], collected.get("error") or collected.get("log")
    for n, student in enumerate(students, start=1):
        result = api.autograde(UNIT, student, force=True, create=False)
        assert result["success"], result.get("error") or result.get("log")
        print(f"  [{ONE_COURSE} {n}/{len(students)}] {student}: graded", flush=True)
    seconds = time.perf_counter() - start
    with Gradebook(db, course_id=ONE_COURSE) as gb:
        scores = {s: gb.find_submission(UNIT, s).score for s in students}
    return seconds, scores


def time_floor(released: dict, runs: int) -> list[float]:
    """The notebook alone: a fresh kernel, every cell, nothing of nbgrader around it."""
    import nbformat
    from nbclient import NotebookClient

    from tests.support.learner import fill, with_hidden_tests

    text = json.dumps(with_hidden_tests(fill(json.loads(json.dumps(released)), RIGHT), UNIT))
    times = []
    for _ in range(runs):
        node = nbformat.reads(text, as_version=4)
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            NotebookClient(node, timeout=TIME_LIMIT, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": folder}}).execute()
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    import warnings

    from sqlalchemy.exc import SAWarning

    # nbgrader's autograde trips SQLAlchemy's autoflush warnings on every submission; harmless, and they bury the table.
    warnings.filterwarnings("ignore", category=SAWarning)
    workers = os.cpu_count() or 1
    n = len(CIRCLES) * LEARNERS_PER_CIRCLE
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="redschool-bench-autograde-") as tmp:
        tmp = Path(tmp)
        setup_start = time.perf_counter()
        settings, handed_in = set_up_circles(tmp)
        released = json.loads((settings.exchange_dir / CIRCLES[0] / "outbound" / UNIT / NOTEBOOK).read_text())
        api, db = set_up_one_course(tmp, handed_in)
        setup_seconds = time.perf_counter() - setup_start
        print(f"set up {len(CIRCLES)} circles x {LEARNERS_PER_CIRCLE} learners and one course of {n} in {setup_seconds:.0f} s", flush=True)

        # Ours first, while this process has one thread, so its pool forks as `redschool autograde` does.
        if threading.active_count() != 1:
            print(f"note: {threading.active_count()} threads; the pool will spawn workers, slower than the CLI", flush=True)
        print(f"ours: {len(CIRCLES)} circles, {workers} at once", flush=True)
        ours_seconds, ours_scores = time_ours(settings, workers)
        print(f"nbgrader: one course, {n} learners in turn", flush=True)
        nbgrader_seconds, nbgrader_scores = time_nbgrader(api, db, sorted(ours_scores))
        floor = time_floor(released, FLOOR_RUNS)
    load_after = os.getloadavg()

    differing = {s: (ours_scores[s], nbgrader_scores[s]) for s in ours_scores if ours_scores[s] != nbgrader_scores[s]}
    assert not differing, f"the two pipelines scored learners differently: {differing}"
    right = sorted({ours_scores[learner(c, k)] for c in CIRCLES for k in range(1, LEARNERS_PER_CIRCLE + 1, 2)})
    wrong = sorted({ours_scores[learner(c, k)] for c in CIRCLES for k in range(2, LEARNERS_PER_CIRCLE + 1, 2)})

    floor_median = statistics.median(floor)
    ours_per, nbgrader_per = ours_seconds / n, nbgrader_seconds / n
    print(f"\nautograde {UNIT}, {n} submissions ({len(CIRCLES)} circles x {LEARNERS_PER_CIRCLE}), {workers} cores")
    print(f"  {'':34}{'wall s':>9}{'s/submission':>14}")
    print(f"  {'ours (circles sharing the cores)':34}{ours_seconds:9.1f}{ours_per:14.2f}")
    print(f"  {'nbgrader (one course, in turn)':34}{nbgrader_seconds:9.1f}{nbgrader_per:14.2f}")
    print(f"  {'ratio ours / nbgrader':34}{ours_seconds / nbgrader_seconds:9.2f}")
    print(f"  {'floor: notebook alone (median 3)':34}{'':9}{floor_median:14.2f}")
    parallel_floor = floor_median / workers
    print(
        f"  against the floor ({floor_median:.2f} s one at a time, {parallel_floor:.2f} s with {workers} cores busy): "
        f"ours {ours_per / parallel_floor:.2f} x the {workers}-core floor, nbgrader {nbgrader_per / floor_median:.2f} x the 1-core floor"
    )
    print(f"  scores: right answers {right}, wrong answers {wrong}, identical in both pipelines")
    print(f"  load average before/after: {load_before[0]:.1f} / {load_after[0]:.1f}")
    path = write_results(
        "autograde",
        {
            "unit": UNIT,
            "circles": len(CIRCLES),
            "learners_per_circle": LEARNERS_PER_CIRCLE,
            "submissions": n,
            "workers": workers,
            "time_limit_seconds": TIME_LIMIT,
            "ours_seconds": ours_seconds,
            "nbgrader_seconds": nbgrader_seconds,
            "ratio_ours_to_nbgrader": ours_seconds / nbgrader_seconds,
            "ours_seconds_per_submission": ours_per,
            "nbgrader_seconds_per_submission": nbgrader_per,
            "floor_seconds": floor,
            "floor_median_seconds": floor_median,
            "ours_per_submission_over_floor": ours_per / floor_median,
            "ours_per_submission_over_parallel_floor": ours_per / parallel_floor,
            "nbgrader_per_submission_over_floor": nbgrader_per / floor_median,
            "scores_right": right,
            "scores_wrong": wrong,
            "setup_seconds": setup_seconds,
            "load_average_before": load_before[0],
            "load_average_after": load_after[0],
        },
    )
    print(f"  written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
