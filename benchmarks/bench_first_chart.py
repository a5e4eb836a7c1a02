"""The first plotly chart a learner draws in a fresh kernel, in real units.

For each unit, a fresh kernel (nbclient, in the unit's folder, as JupyterLab starts
one) runs the unit's code cells in order, as a learner would, solutions included;
the figure is the time of the first cell whose output is a plotly chart, from the
execute request to its last output received. What that cell pays for: importing
plotly (and pandas, when the chart reads a data set), the house template, the
renderer, and sending the output to the front end (plotly's notebook renderers
add the 4.6 MB plotly.js bundle to the first chart of a kernel). The second chart
cell of the same kernel is shown for comparison, and so is a bare `pass` cell.

Target: under 2 s on the project's 2-core machine. Nothing asserts it: the machine
is shared, so the load average is recorded. Median of --repeat fresh kernels.

Each unit runs twice: "cold", a kernel as nbclient starts it, and "warm", with the
warm-up extension learners' kernels load (exercises/warmup.py, hub/workspace.py),
which imports pandas and plotly while the learner reads. Both wait --pause seconds
after the kernel starts before the first cell, as a learner reading the introduction
does; "to chart" is every cell from the first to the first chart, what a learner
pressing Shift-Enter down the page waits in all.
Run: `python benchmarks/bench_first_chart.py` or `python -m benchmarks first_chart`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.results_io import write_results  # noqa: E402

UNITS = ("bootcamp-01-where-we-stand", "lrs-pe-01-commodity-and-value")
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _is_chart(cell) -> bool:
    return any(PLOTLY_MIME in output.get("data", {}) for output in cell.get("outputs", []))


WARMUP = "--ext=exercises.warmup"


def one_kernel(notebook_path: Path, *, warm: bool = False, pause: float = 0.0) -> dict:
    """Run the notebook's code cells in a fresh kernel until its second chart; time each."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            extra_arguments=[WARMUP] if warm else [],
                            resources={"metadata": {"path": str(notebook_path.parent)}})
    charts: list[dict] = []
    with client.setup_kernel():
        time.sleep(pause)
        begun = start = time.perf_counter()
        client.execute_cell(nbformat.v4.new_code_cell("pass"), 0)
        bare = time.perf_counter() - start
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            start = time.perf_counter()
            client.execute_cell(cell, index)
            seconds = time.perf_counter() - start
            if _is_chart(cell):
                size = len(json.dumps(cell.outputs))
                charts.append({"cell": cell.get("id"), "seconds": seconds, "output_bytes": size,
                               "since_first_cell": time.perf_counter() - begun})
                if len(charts) == 2:
                    break
    if not charts:
        raise SystemExit(f"{notebook_path.name} drew no plotly chart")
    return {"bare_cell_seconds": bare, "first": charts[0], "second": charts[1] if len(charts) > 1 else None,
            "to_chart_seconds": charts[0]["since_first_cell"]}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh kernels per unit (median reported)")
    parser.add_argument("--pause", type=float, default=5.0, help="seconds between the kernel's start and the first cell")
    args = parser.parse_args(argv)
    from curriculum.load import find_unit

    load_before = os.getloadavg()[0]
    results = {}
    for unit_id, warm in [(u, w) for u in UNITS for w in (False, True)]:
        unit = find_unit(unit_id)
        runs = [one_kernel(unit.notebook_paths[0], warm=warm, pause=args.pause) for _ in range(max(1, args.repeat))]
        first = [r["first"]["seconds"] for r in runs]
        second = [r["second"]["seconds"] for r in runs if r["second"]]
        results[f"{unit_id} ({'warm' if warm else 'cold'})"] = {
            "first_chart_cell": runs[0]["first"]["cell"],
            "first_chart_seconds": first,
            "first_chart_median": statistics.median(first),
            "first_chart_output_bytes": runs[0]["first"]["output_bytes"],
            "second_chart_cell": runs[0]["second"]["cell"] if runs[0]["second"] else None,
            "second_chart_median": statistics.median(second) if second else None,
            "second_chart_output_bytes": runs[0]["second"]["output_bytes"] if runs[0]["second"] else None,
            "bare_cell_median": statistics.median(r["bare_cell_seconds"] for r in runs),
            "to_chart_median": statistics.median(r["to_chart_seconds"] for r in runs),
        }
    load_after = os.getloadavg()[0]
    print(f"first plotly chart in a fresh kernel, {args.pause:g} s after it starts; median of {args.repeat} kernels (seconds)")
    print(f"  {'unit (kernel) / cell':65}{'first':>8}{'output':>10}{'second':>8}{'pass':>7}{'to chart':>10}")
    for unit_id, r in results.items():
        second = f"{r['second_chart_median']:8.2f}" if r["second_chart_median"] is not None else f"{'-':>8}"
        print(f"  {unit_id + ' / ' + r['first_chart_cell']:65}{r['first_chart_median']:8.2f}"
              f"{r['first_chart_output_bytes'] / 1e6:8.2f}MB{second}{r['bare_cell_median']:7.3f}{r['to_chart_median']:10.2f}")
    worst = max(r["first_chart_median"] for r in results.values())
    print(f"  slowest first chart: {worst:.2f} s (target < 2 s); load average before/after: {load_before:.1f} / {load_after:.1f}")
    path = write_results("first_chart", {"units": results, "slowest_first_chart_seconds": worst,
                                         "repeat": args.repeat, "pause": args.pause, "load_average_before": load_before,
                                         "load_average_after": load_after})
    print(f"  written to {path.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
