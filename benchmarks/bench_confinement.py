"""What confining learners' kernels (core/sandbox.py) costs when autograding: the same
submissions of one circle graded twice in the same run, in a bubblewrap sandbox (as
always) and, for comparison only, with nbclient's plain kernel manager.

The cohort is bench_autograde's, smaller: one circle of LEARNERS learners (right and
wrong answers alternating), graded one by one. Nothing asserts a speed; the load
average is recorded. Run: `python -m benchmarks confinement` (about a minute).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_autograde as bench  # noqa: E402
from benchmarks.results_io import write_results  # noqa: E402

LEARNERS = 6


def grade_all(settings, *, confined: bool) -> tuple[float, dict[str, float]]:
    """Autograde every submission of c1 afresh; unconfined only by swapping the kernel
    manager in this process (there is no setting for it)."""
    from jupyter_client.manager import AsyncKernelManager

    import grading.execution as execution
    from core.layout import course_dir
    from core.sandbox import SandboxedKernelManager
    from grading.autograde import autograde_circle

    shutil.rmtree(course_dir(settings, "c1") / "autograded", ignore_errors=True)
    execution.SandboxedKernelManager = SandboxedKernelManager if confined else AsyncKernelManager
    try:
        start = time.perf_counter()
        results = autograde_circle(settings, "c1", bench.UNIT, time_limit=bench.TIME_LIMIT)
        seconds = time.perf_counter() - start
    finally:
        execution.SandboxedKernelManager = SandboxedKernelManager
    assert [r.status for r in results] == ["graded"] * LEARNERS, [r.line() for r in results]
    return seconds, {r.student: r.score for r in results}


def main() -> None:
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)
    bench.CIRCLES, bench.LEARNERS_PER_CIRCLE = ["c1"], LEARNERS
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="redschool-bench-confinement-") as tmp:
        settings, _ = bench.set_up_circles(Path(tmp))
        plain_seconds, plain_scores = grade_all(settings, confined=False)
        confined_seconds, confined_scores = grade_all(settings, confined=True)
    assert plain_scores == confined_scores, (plain_scores, confined_scores)
    load_after = os.getloadavg()
    per_plain, per_confined = plain_seconds / LEARNERS, confined_seconds / LEARNERS
    print(f"\nautograde {bench.UNIT}, {LEARNERS} submissions of one circle, one at a time")
    print(f"  {'':28}{'wall s':>9}{'s/submission':>14}")
    print(f"  {'unconfined (plain kernel)':28}{plain_seconds:9.1f}{per_plain:14.2f}")
    print(f"  {'confined (bubblewrap)':28}{confined_seconds:9.1f}{per_confined:14.2f}")
    print(f"  cost of confinement: {per_confined - per_plain:+.2f} s per submission ({per_confined / per_plain:.2f} x)")
    print(f"  load average before/after: {load_before[0]:.1f} / {load_after[0]:.1f}")
    path = write_results("confinement", {
        "unit": bench.UNIT, "submissions": LEARNERS,
        "unconfined_seconds": plain_seconds, "confined_seconds": confined_seconds,
        "unconfined_seconds_per_submission": per_plain, "confined_seconds_per_submission": per_confined,
        "load_average_before": load_before[0], "load_average_after": load_after[0],
    })
    print(f"  written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
