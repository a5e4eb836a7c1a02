"""Benchmark the exercises library: cold import time and each explorer's build-and-render time.

Run it from the repository root::

    python benchmarks/bench_exercises.py [--repeat 7]

or with every other benchmark through ``make bench`` (``python -m benchmarks``),
or import it and call :func:`main`. It prints a small table and writes
``benchmarks/results/exercises.json`` (ignored by git). Numbers are medians of
``--repeat`` runs; nothing here asserts a threshold.

What is measured:

- *cold import*: ``python -c "import exercises"`` in a fresh process, against a
  bare ``python -c pass`` measured in the same run (the ratio is reported, so
  machines of different speed can be compared);
- *first explorer, cold*: a fresh process that imports the explorers and builds
  one (it pays for importing plotly, ipywidgets and pandas once): what a
  learner waits for the first time they run an explorer cell;
- *build and render*, warm: making each explorer (computing the model, building
  the figure, serialising it into the output widget), in one process after a
  warm-up;
- *update*, warm: one slider change, recomputed and redrawn.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "exercises.json"


def _subprocess_seconds(codes: dict[str, str], repeat: int) -> dict[str, list[float]]:
    """Wall time of ``python -c CODE`` for each code, interleaved so all see the same load."""
    times: dict[str, list[float]] = {label: [] for label in codes}
    for _ in range(repeat):
        for label, code in codes.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[label].append(time.perf_counter() - start)
    return times


def _in_process_seconds(action: Callable[[], Any], repeat: int) -> list[float]:
    action()  # warm-up: imports and plotly's validators load once
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _summary(times: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(times) * 1000, 2),
        "min_ms": round(min(times) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
        "runs": len(times),
    }


def _explorer_actions() -> dict[str, tuple[Callable[[], Any], Callable[[Any], None]]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from exercises.explorers import ProfitRateExplorer, ReproductionExplorer, WorkingDayExplorer

    def flip(slider, a, b):
        slider.value = b if slider.value == a else a

    return {
        "WorkingDayExplorer": (WorkingDayExplorer, lambda e: flip(e.length, 10, 12)),
        "ProfitRateExplorer": (ProfitRateExplorer, lambda e: flip(e.productivity_growth, 0, 2)),
        "ReproductionExplorer": (ReproductionExplorer, lambda e: flip(e.period, 0, 1)),
    }


def run(repeat: int = 7) -> dict[str, Any]:
    """Measure everything; return the results as a dict (see the module docstring)."""
    results: dict[str, Any] = {"repeat": repeat}
    startup = _subprocess_seconds({
        "python -c pass": "pass",
        "import exercises": "import exercises",
        "import exercises + first model":
            "import exercises; exercises.ValueComposition(410, 90, 90)",
        "first explorer (cold process)":
            "from exercises.explorers import WorkingDayExplorer; WorkingDayExplorer()",
    }, repeat)
    results["startup"] = {label: _summary(times) for label, times in startup.items()}
    bare = results["startup"]["python -c pass"]
    light = results["startup"]["import exercises"]
    results["import_ratio_vs_bare_python"] = round(light["median_ms"] / bare["median_ms"], 3)
    results["import_overhead_ms"] = round(light["median_ms"] - bare["median_ms"], 2)
    # Minimums are the least disturbed by other work on a shared machine.
    results["import_ratio_vs_bare_python_min"] = round(light["min_ms"] / bare["min_ms"], 3)

    explorers = {}
    for name, (cls, change) in _explorer_actions().items():
        built = cls()
        explorers[name] = {
            "build_and_render": _summary(_in_process_seconds(cls, repeat)),
            "update": _summary(_in_process_seconds(lambda: change(built), repeat)),
        }
    results["explorers"] = explorers
    return results


def _table(results: dict[str, Any]) -> str:
    rows = [("measure", "median ms", "min ms", "max ms")]
    for label, s in results["startup"].items():
        rows.append((label, s["median_ms"], s["min_ms"], s["max_ms"]))
    for name, parts in results["explorers"].items():
        for part, s in parts.items():
            rows.append((f"{name}: {part.replace('_', ' ')}", s["median_ms"], s["min_ms"],
                         s["max_ms"]))
    width = max(len(str(r[0])) for r in rows)
    lines = [f"{str(r[0]):<{width}}  {str(r[1]):>10}  {str(r[2]):>10}  {str(r[3]):>10}"
             for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.append("")
    lines.append(f"import exercises / python -c pass: {results['import_ratio_vs_bare_python']}x "
                 f"({results['import_overhead_ms']:+} ms), median of {results['repeat']} runs; "
                 f"ratio of minimums {results['import_ratio_vs_bare_python_min']}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print the table, write ``benchmarks/results/exercises.json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per measure (default 7)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args(argv)
    results = run(repeat=max(1, args.repeat))
    print(_table(results))
    if args.output == RESULTS:
        path = _write_shared(results)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2) + "\n")
        path = args.output
    print(f"\nwrote {path}")
    return results


def _write_shared(results: dict[str, Any]) -> Path:
    """Write through the benchmarks' shared helper (adds the machine's details)."""
    try:
        from benchmarks.results_io import write_results
    except ImportError:  # run as a script: benchmarks/ itself is on sys.path
        from results_io import write_results
    return write_results("exercises", results)


if __name__ == "__main__":
    main()
