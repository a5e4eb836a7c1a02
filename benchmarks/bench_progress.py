"""A big circle's progress page: 300 learners x 60 released units.

A synthetic data folder is built in a temporary folder (tests/support/circle_data.py):
the roster, 60 released units, fetched copies, submissions in the exchange (some
resubmitted), autograded folders, a gradebook with every submission's grades and
reviews, and returned feedback, every stage represented. Then the page itself is
timed: `CircleHandler.show` of grading/progress_service.py on a request that never
touches the network (the unit order from the curriculum, the records read by
`grading.records.read_circle`, the heatmap, who is falling behind, the review
table, the HTML), median of --repeat loads after one warm-up load whose records
are checked against what was built. Where the time goes is shown below it (unit
order, records, heatmap), timed separately.

Target: the whole page under 1 s on the project's 2-core machine. Nothing asserts it.
Run: `python benchmarks/bench_progress.py` or `python -m benchmarks progress`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.results_io import write_results  # noqa: E402

LEARNERS = 300
UNITS = 60


def page_work(settings, cohort, circle: str) -> tuple[float, str, object]:
    """The circle page as `grading/progress_service.py` serves it: its handler's `show`,
    on a request that never touches the network; returns seconds, the page, the records."""
    from unittest import mock

    from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

    from grading import progress_service
    from grading.records import read_circle

    app = progress_service.make_app(settings, cohort)
    connection = mock.Mock()
    connection.context.remote_ip = "127.0.0.1"
    start_line = RequestStartLine("GET", f"{progress_service.PREFIX}circle/{circle}", "HTTP/1.1")
    request = HTTPServerRequest(start_line=start_line, headers=HTTPHeaders({"Host": "127.0.0.1"}), connection=connection)
    handler = progress_service.CircleHandler(app, request)
    viewer = {"name": cohort.circles[circle].facilitators[0]}  # the circle's facilitator opens it (no hub to ask)
    handler.get_current_user = lambda: viewer
    pages: list[str] = []
    handler.finish = pages.append  # the page, instead of sending it
    start = time.perf_counter()
    asyncio.run(handler.show(circle))  # the page reads records in a worker thread
    seconds = time.perf_counter() - start
    records = read_circle(settings, cohort, circle, [])  # for the check of what the page read
    return seconds, pages[0], records


def step_times(settings, cohort, circle: str) -> dict[str, float]:
    """Where the page's time goes: the unit order, the records, the heatmap."""
    from grading.progress import heatmap
    from grading.progress_service import unit_order
    from grading.records import read_circle

    times = {}
    mark = time.perf_counter()
    order = unit_order(settings)
    times["unit order"] = time.perf_counter() - mark
    mark = time.perf_counter()
    records = read_circle(settings, cohort, circle, order)
    times["read records"] = time.perf_counter() - mark
    mark = time.perf_counter()
    heatmap([records]).to_html(full_html=False, include_plotlyjs=False)
    times["heatmap html"] = time.perf_counter() - mark
    return times


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="page loads timed (median reported)")
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument("--units", type=int, default=UNITS)
    args = parser.parse_args(argv)
    from tests.support.circle_data import build_circle, records_summary

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="redschool-bench-progress-") as tmp:
        start = time.perf_counter()
        made = build_circle(Path(tmp), learners=args.learners, units=args.units)
        setup_seconds = time.perf_counter() - start
        print(f"built a circle of {args.learners} learners x {args.units} units in {setup_seconds:.0f} s", flush=True)
        _, page, records = page_work(made.settings, made.cohort, made.circle)  # warm-up: imports, disk cache
        read = records_summary(records)
        wrong = [k for k, v in made.expected.items() if read.get(k) != v]
        assert not wrong, f"the page read {len(wrong)} records wrongly, e.g. {wrong[:3]}"
        assert "progress-heatmap" in page and made.learners[-1] in page
        pages = [page_work(made.settings, made.cohort, made.circle)[0] for _ in range(max(1, args.repeat))]
        steps = [step_times(made.settings, made.cohort, made.circle) for _ in range(max(1, args.repeat))]
    load_after = os.getloadavg()[0]
    median = statistics.median(pages)
    step_medians = {step: statistics.median(s[step] for s in steps) for step in steps[0]}
    print(f"circle progress page, {args.learners} learners x {args.units} units, median of {len(pages)} (seconds)")
    print(f"  whole page (CircleHandler.show){median:8.3f}  [{min(pages):.3f}-{max(pages):.3f}]  page {len(page) / 1e6:.1f} MB")
    for step, seconds in step_medians.items():
        print(f"    of which {step:20}{seconds:8.3f}")
    print(f"  target: whole page < 1 s; load average before/after: {load_before:.1f} / {load_after:.1f}")
    path = write_results("progress", {
        "learners": args.learners, "units": args.units, "repeat": len(pages),
        "page_seconds": pages, "page_median_seconds": median, "page_bytes": len(page),
        "step_median_seconds": step_medians,
        "setup_seconds": setup_seconds, "load_average_before": load_before, "load_average_after": load_after,
    })
    print(f"  written to {path.relative_to(ROOT)}")
    return {"page_median_seconds": median, **step_medians}


if __name__ == "__main__":
    main()
