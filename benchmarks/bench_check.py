"""Benchmark `redschool check` over a whole curriculum: one worker against the default (all cores).

Run it from the repository root::

    python benchmarks/bench_check.py [--repeat N]   (default 3)

or with the other benchmarks through ``make bench`` (``python -m benchmarks``), or
import it and call :func:`main`. It prints both wall times and their ratio and
writes ``benchmarks/results/check.json`` (ignored by git).

The curriculum checked is a temporary copy of the shipped one plus four
synthetic units made by ``redschool unit new`` with their ``(Writer: …)`` notes written, so the comparison means something
while the real curriculum has few units. Each run is the real command in a fresh
process (``python -m cli.main check ...``), start-up included, as a curriculum
writer would type it. Both configurations run in the same session, alternating,
and the median of ``--repeat`` runs is reported; nothing asserts a threshold.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SYNTHETIC_UNITS = 4


def make_curriculum(tmp: Path) -> Path:
    """A copy of the shipped curriculum and readings, plus synthetic scaffold units."""
    from curriculum.load import DEFAULT_ROOT, readings_root_for
    from curriculum.scaffold import new_unit

    root = tmp / "curriculum"
    root.mkdir()
    for programme in sorted(p.parent for p in DEFAULT_ROOT.glob("*/programme.yaml")):
        shutil.copytree(programme, root / programme.name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    shutil.copytree(readings_root_for(DEFAULT_ROOT), tmp / "readings")
    (root / "synthetic").mkdir()
    (root / "synthetic" / "programme.yaml").write_text(
        "title: Synthetic\ndescription: Copies of the scaffold, for the benchmark.\nunits:\n", encoding="utf-8"
    )
    for n in range(1, SYNTHETIC_UNITS + 1):
        folder = new_unit("synthetic", f"synthetic-{n:02d}", title=f"Synthetic unit {n}", root=root)
        for path in folder.iterdir():  # what a writer does first: the check refuses a unit with `(Writer: …)` notes
            path.write_text(re.sub(r"\(Writer:[^)]*\)", "Written by the writer.", path.read_text()))
    return root


def time_check(root: Path, workers: int | None) -> float:
    command = [sys.executable, "-m", "cli.main", "check", str(root)]
    if workers is not None:
        command[4:4] = ["--workers", str(workers)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Three of each by default: one pair of runs on this shared machine swings between 1.5x and 1.9x.
    parser.add_argument("--repeat", type=int, default=3, help="runs of each configuration, alternating (median reported)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    from curriculum.build import template_gradebook

    template_gradebook()  # made once per nbgrader version and machine; not part of what we measure
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="redschool-bench-check-") as tmp:
        root = make_curriculum(Path(tmp))
        units = len(list(root.glob("*/*/unit.yaml")))
        serial, parallel = [], []
        for _ in range(args.repeat):
            serial.append(time_check(root, 1))
            parallel.append(time_check(root, None))
    figures = {
        "what": "redschool check over a whole curriculum (every unit built, solution and student versions run)",
        "units": units,
        "synthetic_units": SYNTHETIC_UNITS,
        "repeat": args.repeat,
        "default_workers": cores,
        "one_worker_seconds": round(statistics.median(serial), 2),
        "parallel_seconds": round(statistics.median(parallel), 2),
        "speedup": round(statistics.median(serial) / statistics.median(parallel), 2),
        "one_worker_runs": [round(t, 2) for t in serial],
        "parallel_runs": [round(t, 2) for t in parallel],
    }
    try:
        from results_io import write_results

        path = write_results("check", figures)
    except ImportError:  # run on its own, without the shared helper
        import json

        path = HERE / "results" / "check.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"redschool check, {units} units ({SYNTHETIC_UNITS} synthetic), median of {args.repeat}:")
    print(f"  --workers 1        {figures['one_worker_seconds']:7.2f} s")
    print(f"  default ({cores} workers) {figures['parallel_seconds']:7.2f} s")
    print(f"  ratio (1 / parallel) {figures['speedup']:.2f}x")
    print(f"wrote {path}")
    return figures


if __name__ == "__main__":
    main()
